/* main.c - options, then either a sub-command or the interface. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ui/actions.h"
#include "util/i18n.h"
#include "util/paths.h"

/* Whatever was printed must have reached its file: "cxmap --help >
 * /dev/full" is an error, not a silent success. */
static void main_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: %s: %s\n", PACKAGE, _("write error"),
			strerror(errno ? errno : EIO));
		_exit(CLI_ERROR);
	}
}

static void main_i18n(void)
{
	setlocale(LC_ALL, "");
	/* the installed catalogues, or the build tree's (paths.h) */
	bindtextdomain(PACKAGE, paths_localedir());
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "keys-man", no_argument, NULL, 'K' },
		{ "mouse", no_argument, NULL, 'M' },
		{ "read-only", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	main_i18n();
	atexit(main_close_stdout);
	int c;
	unsigned ui_flags = 0;
	/* '+': stop at the first non-option, the sub-command's own. */
	while ((c = getopt_long(argc, argv, "+hVMr", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			cli_print_help(stdout);
			return CLI_OK;
		case 'V':
			cli_print_version(stdout);
			return CLI_OK;
		case 'K':
			actions_print_man(stdout);
			return CLI_OK;
		case 'M':
			ui_flags |= CLI_UI_MOUSE;
			break;
		case 'r':
			ui_flags |= CLI_UI_READONLY;
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (optind < argc) {
		const struct cli_command *cmd = cli_find(argv[optind]);
		if (cmd)
			return cmd->run(argc - optind, argv + optind);
	}
	if (argc - optind > 1)
		return cli_usage(_("unknown command '%s'"), argv[optind]);
	return cli_interface(optind < argc ? argv[optind] : NULL, ui_flags);
}
