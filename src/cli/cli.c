/* cli.c - the sub-command table, --help, and what sub-commands share. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ui/actions.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/text.h"
#include "util/xalloc.h"

const struct cli_command cli_commands[] = {
	{ "list", N_("[FILE]"),
	  N_("list the maps in FILE with their stage, touchpoint, gap and silo counts"),
	  cli_list_run },
	{ "gaps", N_("[OPTION]... [FILE]"),
	  N_("report a map's recorded gaps and silos and those cxmap finds"),
	  cli_gaps_run },
	{ "actions", N_("[OPTION]... [FILE]"),
	  N_("list a map's live actions by priority, by department, status "
	     "or overdue"),
	  cli_actions_run },
	{ "export", N_("[--map NAME|--all] [--format markdown|html|json] [-o OUT] "
		       "FILE"),
	  N_("write maps as Markdown, with Mermaid diagrams, as one HTML page, "
	     "or as JSON"),
	  cli_export_run },
	{ "import", N_("[--map NAME] FILE JSON"),
	  N_("add the maps of a JSON file (- for standard input)"),
	  cli_import_run },
	{ "new", N_("[--template NAME] [--map NAME] FILE"),
	  N_("add a map, empty or from a template (--list-templates)"),
	  cli_new_run },
	{ "check", N_("[--full] FILE"),
	  N_("check the whole file for damage and broken rules, without "
	     "changing it"),
	  cli_check_run },
	{ NULL, NULL, NULL, NULL },
};

const struct cli_command *cli_find(const char *name)
{
	for (const struct cli_command *c = cli_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_print_help(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... [FILE]\n"
		       "  or:  %s COMMAND [OPTION]... [ARG]...\n"), PACKAGE,
		PACKAGE);
	fputs(_("Draw customer-journey maps in the terminal: stages, touchpoints,\n"
		"owner departments, gaps and silos, saved as you go in an SQLite file.\n"),
	      out);
	fputs(_("\nCommands:\n"), out);
	for (const struct cli_command *c = cli_commands; c->name; c++) {
		char *syn = xasprintf("%s %s", c->name, _(c->args));
		/* a long synopsis gets a line of its own */
		if (strlen(syn) > 22)
			fprintf(out, "  %s\n  %-22s %s\n", syn, "",
				_(c->summary));
		else
			fprintf(out, "  %-22s %s\n", syn, _(c->summary));
		free(syn);
	}
	fputs(_("\nOptions:\n"
		"  -h, --help             show this help and exit\n"
		"  -V, --version          show the version and exit\n"
		"  -M, --mouse            let the mouse select cards and scroll (it takes\n"
		"                         the terminal's own text selection away)\n"
		"  -r, --read-only        open FILE without changing it\n"
		"      --keys-man         print the man page's list of keys (for maintainers)\n"),
	      out);
	fputs(_("\nKeys in the interface (also on its help screen, ?):\n"), out);
	actions_print_help(out);
	fputs(_("\nWithout FILE, cxmap uses $XDG_DATA_HOME/cxmap/maps.db\n"
		"(~/.local/share/cxmap/maps.db when XDG_DATA_HOME is unset).\n"),
	      out);
	fputs(_("\nExit status: 0 on success, 1 on an error, 2 on a usage error.\n"),
	      out);
}

void cli_print_version(FILE *out)
{
	fprintf(out, "%s %s\n", PACKAGE, VERSION);
}

static void cli_vmessage(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void cli_vmessage(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", PACKAGE);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int cli_usage(const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		cli_vmessage(fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
	return CLI_USAGE;
}

int cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vmessage(fmt, ap);
	va_end(ap);
	return CLI_ERROR;
}

int cli_store_error(const char *path, enum store_status st)
{
	char *safe = text_escape_controls(path);
	cli_error("%s: %s", safe, store_status_message(st));
	free(safe);
	return CLI_ERROR;
}

int cli_store_error_why(const struct store *s, const char *path,
			enum store_status st)
{
	const char *why = store_why(s);
	if (!*why)
		return cli_store_error(path, st);
	char *safe = text_escape_controls(path);
	cli_error("%s: %s: %s", safe, store_status_message(st), why);
	free(safe);
	return CLI_ERROR;
}

char *cli_resolve_path(const char *path, bool create)
{
	if (path)
		return xstrdup(path);
	char *err = NULL;
	char *p = paths_default_db(create, &err);
	if (!p) {
		cli_error("%s", err);
		free(err);
	}
	return p;
}

int cli_map_exists_error(const char *path, const char *name)
{
	char *safe_path = text_escape_controls(path);
	char *safe_name = text_escape_controls(name);
	cli_error(_("%s: a map named '%s' already exists; choose another "
		    "name with --map NAME"), safe_path, safe_name);
	free(safe_path);
	free(safe_name);
	return CLI_ERROR;
}

/* Says once, on standard error, that the file is busy and the command
 * waits (store_set_busy). */
static bool cli_busy(void *arg, const char *who, int left)
{
	if (who) {
		char *safe = text_escape_controls(arg);
		cli_error(ngettext("%s: the file is busy (%s); waiting up to %d "
				   "second...",
				   "%s: the file is busy (%s); waiting up to %d "
				   "seconds...", left), safe, who, left);
		free(safe);
	}
	return true;
}

void cli_on_busy(const char *path)
{
	static char *busy_path;	/* callers free theirs early */
	free(busy_path);
	busy_path = xstrdup(path);
	store_set_busy(NULL, cli_busy, busy_path);
}

enum store_status cli_add(const char *path,
			  enum store_status (*add)(struct store *s, void *arg),
			  void *arg)
{
	/* a few times: the file may appear, vanish... between tries */
	cli_on_busy(path);
	for (int tries = 0; tries < 4; tries++) {
		struct store *s = NULL;
		enum store_status st = store_open(path, STORE_OPEN_NOCREATE,
						  &s);
		bool fresh = st == STORE_NOTFOUND;
		if (fresh)
			st = store_open_new(path, 0, &s);
		if (st != STORE_OK)
			return st;
		st = add(s, arg);
		if (st != STORE_OK || !fresh) {
			store_close(s);	/* a fresh file goes with it */
			return st;
		}
		st = store_publish(s);
		if (st != STORE_EXISTS)
			return st;
		/* another run made the file meanwhile: add to theirs */
	}
	return STORE_BUSY;
}

struct store *cli_open_report(const char *file)
{
	char *path = cli_resolve_path(file, false);
	if (!path)
		return NULL;
	struct store *s = cli_open(path, STORE_OPEN_READONLY |
				   STORE_OPEN_NOCREATE);
	free(path);
	return s;
}

struct store *cli_open(const char *path, unsigned flags)
{
	struct store *s = NULL;
	cli_on_busy(path);
	enum store_status st = store_open(path, flags, &s);
	if (st != STORE_OK) {
		cli_store_error_why(NULL, path, st);
		return NULL;
	}
	return s;
}

/* ------------------------------------------------------------------ */
/* Choosing the map (cxmap gaps, cxmap actions) */

static char *cli_map_names(const struct store_map_info *v, size_t n)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < n; i++) {
		char *name = text_escape_controls(v[i].name);
		char *t = xasprintf("%s%s'%s'", s, i ? ", " : "", name);
		free(name);
		free(s);
		s = t;
	}
	return s;
}

/* The map named by --map, or the only map: several without --map is a
 * usage error (the command line must say which), the rest are errors. */
int cli_pick_map(struct store *s, const char *name, int64_t *id)
{
	struct store_map_info *v;
	size_t n;
	enum store_status st = store_map_names(s, &v, &n);
	if (st != STORE_OK)
		return cli_store_error(store_path(s), st);
	int rc = CLI_OK;
	char *path = text_escape_controls(store_path(s));
	char *names = cli_map_names(v, n);
	if (name) {
		st = store_map_find(s, name, id);
		if (st == STORE_MISSING) {
			char *safe = text_escape_controls(name);
			rc = cli_error(_("%s: no map named '%s' (maps: %s)"),
				       path, safe, n ? names : "-");
			free(safe);
		} else if (st != STORE_OK) {
			rc = cli_store_error(store_path(s), st);
		}
	} else if (n == 0) {
		rc = cli_error(_("%s: the file holds no maps"), path);
	} else if (n > 1) {
		rc = cli_usage(_("%s holds %zu maps; choose one with --map: %s"),
			       path, n, names);
	} else {
		*id = v[0].id;
	}
	free(names);
	free(path);
	store_map_info_free(v, n);
	return rc;
}
