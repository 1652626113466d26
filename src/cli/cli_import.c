/* cli_import.c - "cxmap import FILE JSON": the document is read and
 * checked in full before FILE is opened, then every map in it is added in
 * one transaction. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/import_json.h"
#include "io/import_store.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void import_help(void)
{
	printf(_("Usage: %s import [--map NAME] FILE JSON\n"), PACKAGE);
	fputs(_("Add the map in the JSON document JSON (a file, or - for "
		"standard input)\n"
		"to the map file FILE, which is created if missing.  A document "
		"written by\n"
		"'cxmap export --all --format json' adds all its maps.\n"
		"\n"
		"  -m, --map NAME         the name of the new map (the document's "
		"own\n"
		"                         name when not given)\n"
		"  -h, --help             show this help and exit\n"
		"\n"
		"The document is checked in full first: if anything in it is "
		"wrong, the\n"
		"message names the place and FILE is not touched.  Departments "
		"are matched\n"
		"by name and created when missing.  All of it is added, or "
		"nothing.\n"), stdout);
}

/* The document's bytes; prints why on failure. */
static char *import_read(const char *json, const char *label, size_t *len)
{
	FILE *f = strcmp(json, "-") == 0 ? stdin : fopen(json, "rb");
	bool too_big = false;
	char *text = f ? file_read(f, IMPORT_JSON_MAX_BYTES, len, &too_big)
		       : NULL;
	int err = errno;
	if (f && f != stdin)
		fclose(f);
	if (!text && too_big)
		cli_error(_("%s: the document is larger than %zu MiB (the limit)"), label,
			  IMPORT_JSON_MAX_BYTES >> 20);
	else if (!text)
		cli_error("%s: %s", label, strerror(err));
	return text;
}

static enum store_status import_all(struct store *s, struct model_map **maps,
				    size_t n, const char *name,
				    const char **failed)
{
	enum store_status st = store_begin(s);
	for (size_t i = 0; st == STORE_OK && i < n; i++) {
		*failed = name ? name : maps[i]->name;
		st = import_store_map(s, maps[i], name, NULL);
	}
	if (st == STORE_OK)
		return store_commit(s);
	store_rollback(s);
	return st;
}

struct import_job {
	struct model_map **maps;
	size_t n;
	const char *name, *failed;
};

static enum store_status import_add(struct store *s, void *arg)
{
	struct import_job *j = arg;
	return import_all(s, j->maps, j->n, j->name, &j->failed);
}

/* Adds the maps to FILE (made when missing, see cli_add). */
static int import_store(const char *path, struct model_map **maps, size_t n,
			const char *name)
{
	struct import_job j = { maps, n, name, NULL };
	enum store_status st = cli_add(path, import_add, &j);
	if (st == STORE_EXISTS)
		return cli_map_exists_error(path, j.failed);
	if (st != STORE_OK)
		return cli_store_error_why(NULL, path, st);
	return CLI_OK;
}

int cli_import_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "map", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+m:h", opts, NULL)) != -1) {
		if (c == 'h') {
			import_help();
			return CLI_OK;
		}
		if (c != 'm')
			return cli_usage(NULL);
		name = text_trim(optarg);	/* trimmed, as typed names are */
	}
	if (argc - optind < 2)
		return cli_usage(_("import: needs the map FILE and the JSON "
				   "document"));
	if (argc - optind > 2)
		return cli_usage(_("import: too many arguments"));
	if (name && text_blank(name))
		return cli_usage(_("import: the map name must not be empty"));
	const char *path = argv[optind], *json = argv[optind + 1];
	char *label = strcmp(json, "-") == 0 ? xstrdup(_("standard input"))
		      : text_escape_controls(json);
	size_t len = 0, n = 0;
	char *text = import_read(json, label, &len);
	char *err = NULL;
	bool read = text != NULL;
	struct model_map **maps = read ? import_json_parse_all(text, len, &n,
							       &err) : NULL;
	free(text);
	int rc = CLI_ERROR;
	if (read && !maps)
		cli_error("%s: %s", label, err);
	else if (maps && n == 0)
		cli_error(_("%s: the document holds no maps"), label);
	else if (maps && n > 1 && name)
		rc = cli_usage(_("import: --map names one map, but %s holds "
				 "%zu"), label, n);
	else if (maps)
		rc = import_store(path, maps, n, name);
	free(err);
	free(label);
	import_json_free_all(maps, n);
	return rc;
}
