/* cli_gaps.c - "cxmap gaps": the recorded gaps and silos of one map and
 * what the analysis finds, as text for people or JSON for scripts
 * (doc/GAPS.md); --fail-on turns it into a check for CI jobs.  This file
 * reads the options, picks the map and decides the exit status; the
 * report itself is io/report_gaps's. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/analysis.h"
#include "io/report_gaps.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct gaps_args {
	const char *map;
	bool json;
	unsigned fail_on;	/* 1u << report kind (analysis.h) */
	const char *file;
};

/* "unowned, empty-stage, ..., silo": for help and error messages. */
static char *gaps_kind_keys(void)
{
	char *s = xstrdup("");
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++) {
		const char *sep = k ? ", " : "";
		char *t = xasprintf("%s%s%s", s, sep, analysis_kind_key(k));
		free(s);
		s = t;
	}
	return s;
}

static void gaps_help(void)
{
	printf(_("Usage: %s gaps [OPTION]... [FILE]\n"), PACKAGE);
	fputs(_("Report the gaps and silos of one map in FILE: those recorded by\n"
		"people and those cxmap finds by itself, with the ownership and\n"
		"handoff matrices.\n\n"
		"      --map NAME       the map to report; needed when FILE holds\n"
		"                       several maps\n"
		"      --format FORMAT  text (the default) or json\n"
		"      --fail-on KINDS  exit with status 1 when something of these\n"
		"                       kinds is found (a comma-separated list)\n"
		"  -h, --help           show this help and exit\n"), stdout);
	fputs(_("\nKinds for --fail-on ('gap' and 'silo' are open recorded gaps\n"
		"and silos; the others are found by cxmap):\n"), stdout);
	size_t col = 0;
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++) {
		const char *key = analysis_kind_key(k);
		if (col && col + strlen(key) + 2 > 72) {
			putchar('\n');
			col = 0;
		}
		col += (size_t)printf("%s%s%s", col ? " " : "  ", key,
				      k + 1 < ANALYSIS_NREPORT_KINDS ? "," : "\n");
	}
	fputs(_("\nFindings someone accepted or dismissed are listed apart, as\n"
		"decisions, and --fail-on does not count them.\n"), stdout);
	fputs(_("\nExit status: 0 when nothing of the --fail-on kinds is found,\n"
		"1 when something is or on an error, 2 on a usage error.\n"),
	      stdout);
}

/* Adds a comma-separated list of kinds to a->fail_on. */
static int gaps_parse_fail_on(struct gaps_args *a, const char *list)
{
	char *copy = xstrdup(list), *save = NULL;
	int rc = CLI_OK;
	if (!*copy)
		rc = cli_usage(_("gaps: --fail-on needs at least one kind"));
	for (char *tok = strtok_r(copy, ",", &save); tok && rc == CLI_OK;
	     tok = strtok_r(NULL, ",", &save)) {
		int k = analysis_kind_parse(tok);
		if (k >= 0) {
			a->fail_on |= 1u << k;
			continue;
		}
		char *safe = text_escape_controls(tok);
		char *keys = gaps_kind_keys();
		rc = cli_usage(_("gaps: unknown kind '%s' in --fail-on "
				 "(known kinds: %s)"), safe, keys);
		free(safe);
		free(keys);
	}
	/* "a,,b" and a trailing comma are typing mistakes, not empty kinds */
	if (rc == CLI_OK && (strstr(list, ",,") || list[0] == ',' ||
			     list[strlen(list) - 1] == ',')) {
		char *safe = text_escape_controls(list);
		rc = cli_usage(_("gaps: empty kind in --fail-on '%s'"), safe);
		free(safe);
	}
	free(copy);
	return rc;
}

static int gaps_bad_format(const char *format)
{
	char *safe = text_escape_controls(format);
	cli_usage(_("gaps: unknown format '%s' (use text or json)"), safe);
	free(safe);
	return CLI_USAGE;
}

static int gaps_parse_args(int argc, char **argv, struct gaps_args *a)
{
	enum { OPT_MAP = 256, OPT_FORMAT, OPT_FAIL_ON };
	static const struct option opts[] = {
		{ "map", required_argument, NULL, OPT_MAP },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, rc;
	/* 0, not 1: glibc then forgets main's "+" and lets options follow
	 * FILE, as in "cxmap gaps team.cxmap --fail-on unowned" */
	optind = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			gaps_help();
			return -1;
		case OPT_MAP:
			a->map = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return gaps_bad_format(optarg);
			a->json = strcmp(optarg, "json") == 0;
			break;
		case OPT_FAIL_ON:
			if ((rc = gaps_parse_fail_on(a, optarg)) != CLI_OK)
				return rc;
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (argc - optind > 1)
		return cli_usage(_("gaps: too many arguments"));
	a->file = optind < argc ? argv[optind] : NULL;
	return CLI_OK;
}

/* ------------------------------------------------------------------ */
/* The report (written by io/report_gaps) and --fail-on */

static size_t gaps_failing(const struct model_map *m,
			   const struct analysis *an, unsigned fail_on)
{
	size_t counts[ANALYSIS_NREPORT_KINDS], n = 0;
	analysis_report_counts(m, an, counts);
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++)
		if (fail_on & (1u << k))
			n += counts[k];
	return n;
}

/* ------------------------------------------------------------------ */

static int gaps_report(struct store *s, const struct gaps_args *a)
{
	int64_t id = 0;
	int rc = cli_pick_map(s, a->map, &id);
	if (rc != CLI_OK)
		return rc;
	struct model_map *m = NULL;
	enum store_status st = store_map_load(s, id, &m);
	if (st != STORE_OK)
		return cli_store_error_why(s, store_path(s), st);
	struct analysis *an = analysis_run(m, NULL);
	analysis_sort(an, ANALYSIS_BY_SEVERITY);
	/* written as it is made: memory does not grow with the report */
	int err = report_gaps_write(m, an, a->json ? REPORT_GAPS_JSON
						   : REPORT_GAPS_TEXT, stdout);
	size_t failing = gaps_failing(m, an, a->fail_on);
	analysis_free(an);
	model_map_free(m);
	if (err || fflush(stdout) != 0 || ferror(stdout))
		return cli_error(_("cannot write the report: %s"), "stdout");
	if (failing)
		return cli_error(ngettext("%zu item matches --fail-on",
					  "%zu items match --fail-on", failing),
				 failing);
	return CLI_OK;
}

int cli_gaps_run(int argc, char **argv)
{
	struct gaps_args a = { NULL, false, 0, NULL };
	int rc = gaps_parse_args(argc, argv, &a);
	if (rc != CLI_OK)
		return rc < 0 ? CLI_OK : rc;
	struct store *s = cli_open_report(a.file);
	if (!s)
		return CLI_ERROR;
	rc = gaps_report(s, &a);
	store_close(s);
	return rc;
}
