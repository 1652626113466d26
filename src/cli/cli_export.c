/* cli_export.c - "cxmap export": maps as Markdown, HTML or JSON, to standard
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
#include "io/export_html.h"
#include "io/export_json.h"
#include "io/export_md.h"
#include "util/file.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum export_format { EXPORT_MARKDOWN, EXPORT_HTML, EXPORT_JSON };

struct export_opts {
	const char *map;	/* --map NAME */
	bool all;
	enum export_format format;
	const char *out;	/* -o OUT; NULL or "-" is standard output */
	const char *path;	/* FILE */
};

static void export_help(void)
{
	printf(_("Usage: %s export [--map NAME|--all] "
		 "[--format markdown|html|json] [-o OUT] FILE\n"), PACKAGE);
	fputs(_("Write a map of FILE as Markdown (the default), HTML or JSON.\n"
		"\n"
		"  -m, --map NAME         the map to write; needed when FILE holds "
		"several\n"
		"  -a, --all              write every map in FILE\n"
		"  -f, --format FORMAT    markdown, html or json\n"
		"  -o, --output OUT       write to OUT (replaced as a whole) "
		"instead of\n"
		"                         standard output\n"
		"  -h, --help             show this help and exit\n"
		"\n"
		"FILE is only read.  The same map always gives the same bytes, "
		"so exports\n"
		"kept in git show only what changed.  'cxmap import' reads the "
		"JSON back.\n"
		"The HTML is one page with nothing to fetch (no scripts, no "
		"links out):\n"
		"open it in a browser, send it, or print it to PDF.\n"), stdout);
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
			else if (strcmp(optarg, "html") == 0)
				o->format = EXPORT_HTML;
			else
				return cli_usage(_("export: unknown format '%s' "
						   "(use markdown, html or json)"),
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
	enum store_status st = store_map_names(s, &maps, &count);
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

/* What to write: the maps, made as they are written -- or, for the
 * Markdown and HTML of --all, whose contents list comes first, the
 * whole text made before. */
struct export_job {
	const struct export_opts *o;
	struct model_map **maps;
	size_t n;
	const char *text;
};

/* Writes the document to f as it is made (a file_writer); 0 or an errno. */
static int export_write(FILE *f, void *ctx)
{
	const struct export_job *j = ctx;
	if (j->text)
		return fputs(j->text, f) == EOF ? (errno ? errno : EIO) : 0;
	if (j->o->format == EXPORT_JSON)
		return export_json_write((const struct model_map *const *)j->maps,
					 j->n, j->o->all, f);
	if (j->o->format == EXPORT_HTML)
		return export_html_write(j->maps[0], f);
	return export_markdown_write(j->maps[0], f);
}

/* OUT is replaced as a whole, so a reader never sees half an export and
 * a failure leaves OUT as it was. */
static int export_to_file(const char *out, const char *map_path,
			  struct export_job *job)
{
	char *safe = text_escape_controls(out);
	int rc = CLI_OK;
	if (file_is_db(out, map_path)) {
		rc = cli_error(_("%s: this is the map file; refusing to write the "
				 "export over it"), safe);
	} else {
		int err = file_replace_with(out, export_write, job);
		if (err == ENXIO)
			rc = cli_error(_("%s: nothing reads this pipe; start its "
					 "reader first"), safe);
		else if (err)
			rc = cli_error("%s: %s", safe, strerror(err));
	}
	free(safe);
	return rc;
}

/* The document goes out as it is made (in chunks; memory does not grow
 * with the map), to OUT or standard output. */
static int export_output(const struct export_opts *o, struct export_job *job)
{
	if (o->out && strcmp(o->out, "-") != 0)
		return export_to_file(o->out, o->path, job);
	int err = export_write(stdout, job);
	if (!err && (fflush(stdout) != 0 || ferror(stdout)))
		err = errno ? errno : EIO;
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
	} else {
		struct export_job job = { o, maps, n, NULL };
		const struct model_map *const *all =
			(const struct model_map *const *)maps;
		char *text = !o->all ? NULL
			: o->format == EXPORT_MARKDOWN ? export_markdown_all(all, n)
			: o->format == EXPORT_HTML ? export_html_all(all, n)
			: NULL;
		job.text = text;
		rc = export_output(o, &job);
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
