/* cli_check.c - "cxmap check [--full] FILE": the whole file read through
 * SQLite's own check and cxmap's rules, never written.  Opening a file
 * reads only the map it shows, so this is the command a damaged-file
 * message names. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"

static void check_help(void)
{
	printf(_("Usage: %s check [--full] FILE\n"), PACKAGE);
	fputs(_("Check the whole map file without changing it: SQLite's check of\n"
		"every page, then cxmap's own rules (dense positions, rows whose\n"
		"stage, map or department is missing, a gap at both a stage and a\n"
		"touchpoint, values out of range).  Prints \"ok\", or one problem a\n"
		"line.\n\n"
		"      --full           also check that every index matches its table\n"
		"                       and every reference (slower)\n"
		"  -h, --help           show this help and exit\n"), stdout);
	fputs(_("\nExit status: 0 when the file is sound, 1 when problems were found\n"
		"or the file could not be checked, 2 on a usage error.\n"), stdout);
}

struct check_out {
	bool tty;	/* progress on standard error */
	bool shown;	/* a progress line is on the screen */
	struct timespec last;
	time_t start;
};

static void check_report(void *arg, const char *problem)
{
	struct check_out *o = arg;
	if (o->shown) {
		fputs("\r\033[K", stderr);
		o->shown = false;
	}
	char *safe = text_escape_controls(problem);
	puts(safe);
	free(safe);
}

/* On a terminal, after the first second, a line saying which step runs
 * (at most a few times a second); nothing in scripts. */
static void check_progress(void *arg, const char *step, int n, int steps)
{
	struct check_out *o = arg;
	if (!o->tty)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!o->start)
		o->start = now.tv_sec;
	long ms = (now.tv_sec - o->last.tv_sec) * 1000 +
		  (now.tv_nsec - o->last.tv_nsec) / 1000000;
	if (now.tv_sec - o->start < 1 || ms < 250)
		return;
	o->last = now;
	fputs("\r\033[K", stderr);
	fprintf(stderr, _("checking %s (step %d of %d, %lds)..."), step, n,
		steps, (long)(now.tv_sec - o->start));
	o->shown = true;
}

int cli_check_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "full", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool full = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			check_help();
			return CLI_OK;
		}
		if (c != 'f')
			return cli_usage(NULL);
		full = true;
	}
	if (optind >= argc)
		return cli_usage(_("check: the map FILE is missing"));
	if (argc - optind > 1)
		return cli_usage(_("check: too many arguments"));
	const char *path = argv[optind];
	struct check_out o = { .tty = isatty(STDERR_FILENO) };
	size_t problems = 0;
	enum store_status st = store_check_file(path, full, check_report,
						check_progress, &o, &problems);
	if (o.shown)
		fputs("\r\033[K", stderr);
	if (st != STORE_OK)
		return cli_store_error(path, st);
	if (problems == 0)
		puts(_("ok"));
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(_("cannot write the list: %s"), "stdout");
	return problems ? CLI_ERROR : CLI_OK;
}
