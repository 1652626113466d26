/* cli_actions.c - "cxmap actions": a map's live improvement actions by
 * priority, filtered by department, status and overdue, for stand-ups
 * (text, fitted to the terminal), scripts (JSON) and wikis (Markdown).
 * This file reads the options, opens the file and picks the map and
 * department; the report is io/report_actions's. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/plan.h"
#include "io/report_actions.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct actions_args {
	const char *map;
	const char *department;
	struct report_actions_filter filter;
	enum report_actions_format format;
	const char *file;
};

static void actions_help(void)
{
	printf(_("Usage: %s actions [OPTION]... [FILE]\n"), PACKAGE);
	fputs(_("List the improvement actions of one map in FILE by priority\n"
		"(impact over effort, then the due date): by default the live\n"
		"ones (idea, planned, doing) of every department.\n\n"
		"      --map NAME         the map; needed when FILE holds several\n"
		"      --department NAME  only the actions this department owns\n"
		"      --status STATUS    only actions in this status: idea, planned,\n"
		"                         doing, done or dropped (may be repeated)\n"
		"      --overdue          only live actions past their due date\n"
		"      --format FORMAT    text (the default), json or markdown\n"
		"  -h, --help             show this help and exit\n"), stdout);
	fputs(_("\nExit status: 0 on success (also when no action matches),\n"
		"1 on an error, 2 on a usage error.\n"), stdout);
}

static int actions_bad_status(const char *status)
{
	char *safe = text_escape_controls(status);
	cli_usage(_("actions: unknown status '%s' (use idea, planned, doing, "
		    "done or dropped)"), safe);
	free(safe);
	return CLI_USAGE;
}

static int actions_bad_format(const char *format)
{
	char *safe = text_escape_controls(format);
	cli_usage(_("actions: unknown format '%s' (use text, json or "
		    "markdown)"), safe);
	free(safe);
	return CLI_USAGE;
}

static int actions_parse_args(int argc, char **argv, struct actions_args *a)
{
	enum { OPT_MAP = 256, OPT_DEPT, OPT_STATUS, OPT_OVERDUE, OPT_FORMAT };
	static const struct option opts[] = {
		{ "map", required_argument, NULL, OPT_MAP },
		{ "department", required_argument, NULL, OPT_DEPT },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "overdue", no_argument, NULL, OPT_OVERDUE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, k;
	optind = 0;	/* options may follow FILE (see cli_gaps.c) */
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			actions_help();
			return -1;
		case OPT_MAP:
			a->map = optarg;
			break;
		case OPT_DEPT:
			a->department = optarg;
			break;
		case OPT_STATUS:
			if ((k = plan_action_status_parse(optarg)) < 0)
				return actions_bad_status(optarg);
			a->filter.statuses |= 1u << k;
			break;
		case OPT_OVERDUE:
			a->filter.overdue = true;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				a->format = REPORT_ACTIONS_TEXT;
			else if (strcmp(optarg, "json") == 0)
				a->format = REPORT_ACTIONS_JSON;
			else if (strcmp(optarg, "markdown") == 0)
				a->format = REPORT_ACTIONS_MARKDOWN;
			else
				return actions_bad_format(optarg);
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (argc - optind > 1)
		return cli_usage(_("actions: too many arguments"));
	a->file = optind < argc ? argv[optind] : NULL;
	return CLI_OK;
}

/* The department named by --department, among the file's. */
static int actions_department(const struct model_map *m, const char *path,
			      const char *name, int64_t *id)
{
	for (size_t i = 0; i < m->ndepartments; i++)
		if (strcmp(m->departments[i].name, name) == 0) {
			*id = m->departments[i].id;
			return CLI_OK;
		}
	char *names = xstrdup("");
	for (size_t i = 0; i < m->ndepartments; i++) {
		char *d = text_escape_controls(m->departments[i].name);
		char *t = xasprintf("%s%s'%s'", names, i ? ", " : "", d);
		free(d);
		free(names);
		names = t;
	}
	char *safe_path = text_escape_controls(path);
	char *safe = text_escape_controls(name);
	cli_error(_("%s: no department named '%s' (departments: %s)"),
		  safe_path, safe, m->ndepartments ? names : "-");
	free(safe);
	free(safe_path);
	free(names);
	return CLI_ERROR;
}

/* Columns of the terminal when standard output is one, else 0 (whole
 * lines for pipes and files). */
static size_t actions_width(void)
{
	struct winsize ws;
	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	int n = cols ? atoi(cols) : 0;
	return n > 0 ? (size_t)n : 80;
}

static int actions_report(struct store *s, struct actions_args *a)
{
	int64_t id = 0;
	int rc = cli_pick_map(s, a->map, &id);
	if (rc != CLI_OK)
		return rc;
	struct model_map *m = NULL;
	enum store_status st = store_map_load(s, id, &m);
	if (st != STORE_OK)
		return cli_store_error_why(s, store_path(s), st);
	if (a->department)
		rc = actions_department(m, store_path(s), a->department,
					&a->filter.department);
	if (rc == CLI_OK) {
		char *out = report_actions(m, &a->filter, a->format,
					   a->format == REPORT_ACTIONS_TEXT
					   ? actions_width() : 0);
		fputs(out, stdout);
		free(out);
		if (fflush(stdout) != 0 || ferror(stdout))
			rc = cli_error(_("cannot write the report: %s"),
				       "stdout");
	}
	model_map_free(m);
	return rc;
}

int cli_actions_run(int argc, char **argv)
{
	struct actions_args a = { 0 };
	plan_today(a.filter.today);
	int rc = actions_parse_args(argc, argv, &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct store *s = cli_open_report(a.file);
	if (!s)
		return CLI_ERROR;
	rc = actions_report(s, &a);
	store_close(s);
	return rc;
}
