/* cli_export.c - "cxmap export": maps as Markdown or JSON, to standard
 * output or a file.  The map file is opened read-only and never written. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/export_json.h"
#include "io/export_md.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum export_format { EXPORT_MARKDOWN, EXPORT_JSON };

struct export_opts {
	const char *map;	/* --map NAME */
	bool all;
	enum export_format format;
	const char *out;	/* -o OUT; NULL or "-" is standard output */
	const char *path;	/* FILE */
};

static void export_help(void)
{
	printf(_("Usage: %s export [--map NAME|--all] [--format markdown|json] "
		 "[-o OUT] FILE\n"), PACKAGE);
	fputs(_("Write a map of FILE as Markdown (the default) or JSON.\n"
		"\n"
		"  -m, --map NAME         the map to write; needed when FILE holds "
		"several\n"
		"  -a, --all              write every map in FILE\n"
		"  -f, --format FORMAT    markdown or json\n"
		"  -o, --output OUT       write to OUT (replaced as a whole) "
		"instead of\n"
		"                         standard output\n"
		"  -h, --help             show this help and exit\n"
		"\n"
		"FILE is only read.  The same map always gives the same bytes, "
		"so exports\n"
		"kept in git show only what changed.  'cxmap import' reads the "
		"JSON back.\n"), stdout);
}

static int export_parse(int argc, char **argv, struct export_opts *o)
{
	static const struct option opts[] = {
		{ "map", required_argument, NULL, 'm' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+m:af:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': o->map = optarg; break;
		case 'a': o->all = true; break;
		case 'o': o->out = optarg; break;
		case 'f':
			if (strcmp(optarg, "markdown") == 0 ||
			    strcmp(optarg, "md") == 0)
				o->format = EXPORT_MARKDOWN;
			else if (strcmp(optarg, "json") == 0)
				o->format = EXPORT_JSON;
			else
				return cli_usage(_("export: unknown format '%s' "
						   "(use markdown or json)"),
						 optarg);
			break;
		case 'h':
			export_help();
			return -1;
		default:
			return cli_usage(NULL);
		}
	}
	if (o->map && o->all)
		return cli_usage(_("export: --map and --all do not go together"));
	if (argc - optind < 1)
		return cli_usage(_("export: the map FILE is missing"));
	if (argc - optind > 1)
		return cli_usage(_("export: too many arguments"));
	o->path = argv[optind];
	return CLI_OK;
}

/* The maps to write, as ids; prints why there are none to pick. */
static int64_t *export_pick(struct store *s, const struct export_opts *o,
			    size_t *n)
{
	struct store_map_info *maps;
	size_t count;
	enum store_status st = store_map_list(s, &maps, &count);
	if (st != STORE_OK) {
		cli_store_error(o->path, st);
		return NULL;
	}
	int64_t *ids = xcalloc(count + 1, sizeof *ids);
	*n = 0;
	for (size_t i = 0; i < count; i++)
		if (o->all || (o->map && strcmp(maps[i].name, o->map) == 0) ||
		    (!o->map && count == 1))
			ids[(*n)++] = maps[i].id;
	char *safe = text_escape_controls(o->path);
	if (*n == 0 && count == 0 && !o->all) {
		cli_error(_("%s holds no maps"), safe);
	} else if (*n == 0 && !o->all) {
		char *name = o->map ? text_escape_controls(o->map) : NULL;
		if (name)
			cli_error(_("%s: no map named '%s'; the maps are:"), safe,
				  name);
		else
			cli_error(ngettext("%s holds %zu map; choose one with "
					   "--map NAME, or use --all:",
					   "%s holds %zu maps; choose one with "
					   "--map NAME, or use --all:", count),
				  safe, count);
		free(name);
		for (size_t i = 0; i < count; i++) {
			char *m = text_escape_controls(maps[i].name);
			fprintf(stderr, "  %s\n", m);
			free(m);
		}
	}
	free(safe);
	store_map_info_free(maps, count);
	if (*n == 0 && !o->all) {
		free(ids);
		return NULL;
	}
	return ids;
}

static char *export_render(struct model_map **maps, size_t n, bool all,
			   enum export_format format)
{
	/* --all is an array, even of one map (doc/FORMAT.md) */
	if (format == EXPORT_JSON && n == 1 && !all)
		return export_json(maps[0]);
	if (format == EXPORT_JSON)
		return export_json_all((const struct model_map *const *)maps, n);
	/* --all is one document with a section per map, even of one map */
	if (all)
		return export_markdown_all((const struct model_map *const *)maps,
					   n);
	return export_markdown(maps[0]);
}

/* OUT is replaced as a whole, so a reader never sees half an export and
 * a failure leaves OUT as it was. */
static int export_to_file(const char *out, const char *map_path,
			  const char *text)
{
	char *safe = text_escape_controls(out);
	int rc = CLI_OK;
	if (file_is_db(out, map_path)) {
		rc = cli_error(_("%s: this is the map file; refusing to write the "
				 "export over it"), safe);
	} else {
		int err = file_replace(out, text, strlen(text));
		if (err == ENXIO)
			rc = cli_error(_("%s: nothing reads this pipe; start its "
					 "reader first"), safe);
		else if (err)
			rc = cli_error("%s: %s", safe, strerror(err));
	}
	free(safe);
	return rc;
}

static int export_output(const struct export_opts *o, const char *text)
{
	if (o->out && strcmp(o->out, "-") != 0)
		return export_to_file(o->out, o->path, text);
	fputs(text, stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(_("cannot write to standard output: %s"),
				 strerror(errno));
	return CLI_OK;
}

/* Standard output takes the document as it is made, so memory does not
 * grow with the map; but the Markdown of --all starts with a contents
 * list that needs every heading first, and OUT is replaced as a whole. */
static bool export_streams(const struct export_opts *o)
{
	return (!o->out || strcmp(o->out, "-") == 0) &&
	       !(o->format == EXPORT_MARKDOWN && o->all);
}

static int export_stream(const struct export_opts *o,
			 struct model_map **maps, size_t n)
{
	int err = o->format == EXPORT_JSON
		  ? export_json_write((const struct model_map *const *)maps,
				      n, o->all, stdout)
		  : export_markdown_write(maps[0], stdout);
	if (err)
		return cli_error(_("cannot write to standard output: %s"),
				 strerror(err));
	return CLI_OK;
}

static int export_run(const struct export_opts *o, struct store *s)
{
	size_t n = 0;
	int64_t *ids = export_pick(s, o, &n);
	if (!ids)
		return CLI_ERROR;
	struct model_map **maps = xcalloc(n + 1, sizeof *maps);
	enum store_status st = STORE_OK;
	for (size_t i = 0; i < n && st == STORE_OK; i++)
		st = store_map_load(s, ids[i], &maps[i]);
	int rc = CLI_OK;
	if (st != STORE_OK) {
		rc = cli_store_error_why(s, o->path, st);
	} else if (export_streams(o)) {
		rc = export_stream(o, maps, n);
	} else {
		char *text = export_render(maps, n, o->all, o->format);
		rc = export_output(o, text);
		free(text);
	}
	for (size_t i = 0; i < n; i++)
		model_map_free(maps[i]);
	free(maps);
	free(ids);
	return rc;
}

int cli_export_run(int argc, char **argv)
{
	struct export_opts o = { .format = EXPORT_MARKDOWN };
	int rc = export_parse(argc, argv, &o);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct store *s = cli_open(o.path,
				   STORE_OPEN_READONLY | STORE_OPEN_NOCREATE);
	if (!s)
		return CLI_ERROR;
	rc = export_run(&o, s);
	store_close(s);
	return rc;
}
