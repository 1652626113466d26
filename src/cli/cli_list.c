/* cli_list.c - "cxmap list [FILE]": one line per map with its counts. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "util/i18n.h"
#include "util/text.h"

static void list_help(void)
{
	printf(_("Usage: %s list [FILE]\n"), PACKAGE);
	fputs(_("List the maps in FILE, one a line: the name, then its stages,\n"
		"touchpoints, touchpoints without an owner, open gaps and open silos,\n"
		"separated by tabs.\n"), stdout);
}

static void list_print(const struct store_map_info *mi)
{
	char *name = text_escape_controls(mi->name);
	printf("%s\t", name);
	printf(ngettext("%zu stage", "%zu stages", mi->nstages), mi->nstages);
	putchar('\t');
	printf(ngettext("%zu touchpoint", "%zu touchpoints", mi->ntouchpoints),
	       mi->ntouchpoints);
	putchar('\t');
	printf(ngettext("%zu unowned", "%zu unowned", mi->nunowned),
	       mi->nunowned);
	putchar('\t');
	printf(ngettext("%zu open gap", "%zu open gaps", mi->ngaps_open),
	       mi->ngaps_open);
	putchar('\t');
	printf(ngettext("%zu open silo", "%zu open silos", mi->nsilos_open),
	       mi->nsilos_open);
	putchar('\n');
	free(name);
}

int cli_list_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			list_help();
			return CLI_OK;
		}
		return cli_usage(NULL);
	}
	if (argc - optind > 1)
		return cli_usage(_("list: too many arguments"));
	char *path = cli_resolve_path(optind < argc ? argv[optind] : NULL,
				      false);
	if (!path)
		return CLI_ERROR;
	/* an empty file has no maps; listing it must not make it a database */
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0) {
		free(path);
		return CLI_OK;
	}
	/* listing only reads: a file in a folder we cannot write is read
	 * as it is */
	struct store *s = NULL;
	cli_on_busy(path);
	enum store_status st = store_open(path, STORE_OPEN_NOCREATE, &s);
	if (st == STORE_DIRREADONLY)
		st = store_open(path, STORE_OPEN_NOCREATE | STORE_OPEN_READONLY,
				&s);
	if (st != STORE_OK) {
		cli_store_error_why(NULL, path, st);
		free(path);
		return CLI_ERROR;
	}
	free(path);
	struct store_map_info *maps;
	size_t n;
	st = store_map_list(s, &maps, &n);
	if (st != STORE_OK) {
		int rc = cli_store_error(store_path(s), st);
		store_close(s);
		return rc;
	}
	for (size_t i = 0; i < n; i++)
		list_print(&maps[i]);
	store_map_info_free(maps, n);
	store_close(s);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(_("cannot write the list: %s"), "stdout");
	return CLI_OK;
}
