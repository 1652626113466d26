/* cli_new.c - "cxmap new": a new map, empty or from a journey template,
 * and "cxmap new --list-templates". */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/import_store.h"
#include "io/templates.h"
#include "util/i18n.h"
#include "util/text.h"

static void new_help(void)
{
	printf(_("Usage: %s new [--template NAME] [--map NAME] FILE\n"
		 "  or:  %s new --list-templates\n"), PACKAGE, PACKAGE);
	fputs(_("Add a new map to the map file FILE, which is created if "
		"missing: an\n"
		"empty map, or a copy of a journey template with its stages, "
		"touchpoints\n"
		"and departments.\n"
		"\n"
		"  -t, --template NAME    start from this template\n"
		"  -m, --map NAME         the name of the new map (default: the "
		"template's\n"
		"                         name, or \"New map\")\n"
		"  -l, --list-templates   list the templates, one a line: name "
		"and title\n"
		"  -h, --help             show this help and exit\n"
		"\n"
		"Templates are JSON files in the format of 'cxmap export --format "
		"json'.\n"), stdout);
}

static int new_list(void)
{
	struct template_info *v;
	size_t n;
	char *err = NULL;
	if (templates_list(NULL, NULL, &v, &n, &err) != 0) {
		int rc = cli_error("%s", err);
		free(err);
		return rc;
	}
	for (size_t i = 0; i < n; i++) {
		char *title = text_escape_controls(v[i].title);
		printf("%s\t%s\n", v[i].name, title);
		free(title);
	}
	templates_info_free(v, n);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(_("cannot write the list: %s"), "stdout");
	return CLI_OK;
}

struct new_job {
	const struct model_map *tpl;
	const char *name;
};

static enum store_status new_add(struct store *s, void *arg)
{
	const struct new_job *j = arg;
	return j->tpl ? import_store_map(s, j->tpl, j->name, NULL)
		      : store_map_create(s, j->name, NULL);
}

/* The map goes in (FILE made when missing, see cli_add). */
static int new_create(const char *path, const struct model_map *tpl,
		      const char *name)
{
	const char *final = name ? name : tpl ? tpl->name : _("New map");
	struct new_job j = { tpl, final };
	enum store_status st = cli_add(path, new_add, &j);
	if (st == STORE_EXISTS)
		return cli_map_exists_error(path, final);
	if (st != STORE_OK)
		return cli_store_error_why(NULL, path, st);
	return CLI_OK;
}

int cli_new_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "template", required_argument, NULL, 't' },
		{ "map", required_argument, NULL, 'm' },
		{ "list-templates", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *tpl_name = NULL, *name = NULL;
	bool list = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+t:m:lh", opts, NULL)) != -1) {
		switch (c) {
		case 't': tpl_name = optarg; break;
		case 'm': name = text_trim(optarg); break;	/* trimmed, as typed names are */
		case 'l': list = true; break;
		case 'h':
			new_help();
			return CLI_OK;
		default:
			return cli_usage(NULL);
		}
	}
	if (list && (argc > optind || tpl_name || name))
		return cli_usage(_("new: --list-templates takes nothing else"));
	if (list)
		return new_list();
	if (argc - optind < 1)
		return cli_usage(_("new: the map FILE is missing"));
	if (argc - optind > 1)
		return cli_usage(_("new: too many arguments"));
	if (name && text_blank(name))
		return cli_usage(_("new: the map name must not be empty"));
	struct model_map *tpl = NULL;
	if (tpl_name) {
		char *err = NULL;
		tpl = templates_load(NULL, tpl_name, NULL, &err);
		if (!tpl) {
			int rc = cli_error("%s", err);
			free(err);
			return rc;
		}
	}
	int rc = new_create(argv[optind], tpl, name);
	model_map_free(tpl);
	return rc;
}
