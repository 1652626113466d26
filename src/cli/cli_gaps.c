/* cli_gaps.c - "cxmap gaps": the recorded gaps and silos of one map and
 * what the analysis finds, as text for people or JSON for scripts
 * (doc/GAPS.md); --fail-on turns it into a check for CI jobs. */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <cJSON.h>

#include "cli/cli.h"
#include "core/analysis.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Besides the analysis kinds, --fail-on knows the recorded items. */
#define GAPS_KIND_GAP ANALYSIS_NKINDS
#define GAPS_KIND_SILO (ANALYSIS_NKINDS + 1)
#define GAPS_NKINDS (ANALYSIS_NKINDS + 2)
#define GAPS_JSON_VERSION 1

struct gaps_args {
	const char *map;
	bool json;
	unsigned fail_on;	/* 1u << kind, GAPS_KIND_* included */
	const char *file;
};

static const char *gaps_kind_key(int k)
{
	return k == GAPS_KIND_GAP ? "gap" : k == GAPS_KIND_SILO ? "silo"
		: analysis_kind_key((enum analysis_kind)k);
}

static int gaps_kind_parse(const char *key)
{
	for (int k = 0; k < GAPS_NKINDS; k++)
		if (strcmp(gaps_kind_key(k), key) == 0)
			return k;
	return -1;
}

/* "unowned, empty-stage, ..., silo": for help and error messages. */
static char *gaps_kind_keys(void)
{
	char *s = xstrdup("");
	for (int k = 0; k < GAPS_NKINDS; k++) {
		const char *sep = k ? ", " : "";
		char *t = xasprintf("%s%s%s", s, sep, gaps_kind_key(k));
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
	for (int k = 0; k < GAPS_NKINDS; k++) {
		const char *key = gaps_kind_key(k);
		if (col && col + strlen(key) + 2 > 72) {
			putchar('\n');
			col = 0;
		}
		col += (size_t)printf("%s%s%s", col ? " " : "  ", key,
				      k + 1 < GAPS_NKINDS ? "," : "\n");
	}
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
		int k = gaps_kind_parse(tok);
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
/* Choosing the map */

static char *gaps_map_names(const struct store_map_info *v, size_t n)
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
static int gaps_pick_map(struct store *s, const char *name, int64_t *id)
{
	struct store_map_info *v;
	size_t n;
	enum store_status st = store_map_list(s, &v, &n);
	if (st != STORE_OK)
		return cli_store_error(store_path(s), st);
	int rc = CLI_OK;
	char *path = text_escape_controls(store_path(s));
	char *names = gaps_map_names(v, n);
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

/* ------------------------------------------------------------------ */
/* Counting what --fail-on looks at */

static void gaps_counts(const struct model_map *m, const struct analysis *an,
			size_t counts[GAPS_NKINDS])
{
	for (int k = 0; k < ANALYSIS_NKINDS; k++)
		counts[k] = an->counts[k];
	counts[GAPS_KIND_GAP] = model_open_gap_count(m);
	counts[GAPS_KIND_SILO] = model_open_silo_count(m);
}

static size_t gaps_failing(const size_t counts[GAPS_NKINDS], unsigned fail_on)
{
	size_t n = 0;
	for (int k = 0; k < GAPS_NKINDS; k++)
		if (fail_on & (1u << k))
			n += counts[k];
	return n;
}

/* ------------------------------------------------------------------ */
/* Text */

/* Columns a string takes on a terminal; unknown widths count as one. */
static size_t gaps_width(const char *s)
{
	size_t w = 0;
	while (*s) {
		unsigned cp;
		s += text_utf8_decode(s, &cp);
		int cw = wcwidth((wchar_t)cp);
		w += cw < 0 ? 1 : (size_t)cw;
	}
	return w;
}

static void gaps_pad(const char *s, size_t width, bool right)
{
	size_t w = gaps_width(s);
	if (right)
		printf("%*s", (int)(width > w ? width - w : 0), "");
	fputs(s, stdout);
	if (!right)
		printf("%*s", (int)(width > w ? width - w : 0), "");
}

static size_t gaps_max_width(const char *(*label)(int), int n)
{
	size_t w = 0;
	for (int i = 0; i < n; i++) {
		size_t x = gaps_width(label(i));
		if (x > w)
			w = x;
	}
	return w;
}

static const char *gaps_sev_label(int i)
{
	return model_severity_label((enum model_severity)i);
}

static const char *gaps_status_label(int i)
{
	return model_status_label((enum model_status)i);
}

static const char *gaps_kind_label(int i)
{
	return analysis_kind_label((enum analysis_kind)i);
}

/* Where a recorded item is, in words (raw names, to be escaped). */
static char *gaps_where(const struct model_map *m, int64_t stage_id,
			int64_t tp_id)
{
	size_t si;
	const struct model_touchpoint *t = model_touchpoint(m, tp_id, &si);
	if (t)
		return xasprintf(_("'%s' in stage '%s'"), t->name,
				 m->stages[si].name);
	const struct model_stage *sg = model_stage(m, stage_id);
	if (sg)
		return xasprintf(_("stage '%s'"), sg->name);
	return xstrdup(_("whole map"));
}

static void gaps_print_escaped(const char *s)
{
	char *safe = text_escape_controls(s);
	fputs(safe, stdout);
	free(safe);
}

/* Open items first, each group in the order they were recorded. */
static void gaps_text_gaps(const struct model_map *m)
{
	size_t open = model_open_gap_count(m);
	printf(_("Recorded gaps: %zu open, %zu resolved\n"), open,
	       m->ngaps - open);
	size_t ws = gaps_max_width(gaps_sev_label, 3);
	size_t wt = gaps_max_width(gaps_status_label, 2);
	for (int status = MODEL_OPEN; status <= MODEL_RESOLVED; status++)
		for (size_t i = 0; i < m->ngaps; i++) {
			const struct model_gap *g = &m->gaps[i];
			if ((int)g->status != status)
				continue;
			fputs("  ", stdout);
			gaps_pad(model_severity_label(g->severity), ws, false);
			fputs("  ", stdout);
			gaps_pad(model_gap_status_label(g->status), wt, false);
			fputs("  ", stdout);
			char *where = gaps_where(m, g->stage_id,
						 g->touchpoint_id);
			char *line = xasprintf("%s: %s", where, g->description);
			gaps_print_escaped(line);
			putchar('\n');
			free(line);
			free(where);
		}
}

static void gaps_text_silos(const struct model_map *m)
{
	size_t open = model_open_silo_count(m);
	printf(_("Recorded silos: %zu open, %zu resolved\n"), open,
	       m->nsilos - open);
	size_t wt = gaps_max_width(gaps_status_label, 2);
	for (int status = MODEL_OPEN; status <= MODEL_RESOLVED; status++)
		for (size_t i = 0; i < m->nsilos; i++) {
			const struct model_silo *s = &m->silos[i];
			if ((int)s->status != status)
				continue;
			const struct model_department *a =
				model_department(m, s->dept_a);
			const struct model_department *b =
				model_department(m, s->dept_b);
			fputs("  ", stdout);
			gaps_pad(model_status_label(s->status), wt, false);
			fputs("  ", stdout);
			char *where = gaps_where(m, 0, s->touchpoint_id);
			char *line = xasprintf(_("%s and %s, %s: %s"),
					       a ? a->name : "?",
					       b ? b->name : "?", where,
					       s->description);
			gaps_print_escaped(line);
			putchar('\n');
			free(line);
			free(where);
		}
}

static void gaps_text_findings(const struct model_map *m,
			       const struct analysis *an)
{
	printf(_("Findings: %zu\n"), an->nfindings);
	size_t ws = gaps_max_width(gaps_sev_label, 3);
	size_t wk = gaps_max_width(gaps_kind_label, ANALYSIS_NKINDS);
	for (size_t i = 0; i < an->nfindings; i++) {
		const struct analysis_finding *f = &an->findings[i];
		fputs("  ", stdout);
		gaps_pad(model_severity_label(f->severity), ws, false);
		fputs("  ", stdout);
		gaps_pad(analysis_kind_label(f->kind), wk, false);
		fputs("  ", stdout);
		char *d = analysis_describe(m, f);
		gaps_print_escaped(d);
		putchar('\n');
		free(d);
	}
}

static char *gaps_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return text_escape_controls(d ? d->name : _("(no owner)"));
}

/* Departments down, stages across, a total at the end of each row. */
static void gaps_text_ownership(const struct model_map *m,
				const struct analysis *an)
{
	const struct analysis_matrix *mx = &an->ownership;
	fputs(_("Ownership (touchpoints per department and stage):\n"), stdout);
	char **rows = xcalloc(mx->nrows, sizeof *rows);
	char **cols = xcalloc(mx->ncols, sizeof *cols);
	size_t w0 = 0, *wc = xcalloc(mx->ncols, sizeof *wc);
	for (size_t r = 0; r < mx->nrows; r++) {
		rows[r] = gaps_dept_name(m, mx->rows[r]);
		if (gaps_width(rows[r]) > w0)
			w0 = gaps_width(rows[r]);
	}
	for (size_t c = 0; c < mx->ncols; c++) {
		const struct model_stage *sg = model_stage(m, mx->cols[c]);
		cols[c] = text_escape_controls(sg ? sg->name : "?");
		wc[c] = gaps_width(cols[c]);
	}
	const char *total = _("Total");
	size_t wt = gaps_width(total);
	printf("  %*s", (int)w0, "");
	for (size_t c = 0; c < mx->ncols; c++) {
		fputs("  ", stdout);
		gaps_pad(cols[c], wc[c], true);
	}
	fputs("  ", stdout);
	gaps_pad(total, wt, true);
	putchar('\n');
	for (size_t r = 0; r < mx->nrows; r++) {
		fputs("  ", stdout);
		gaps_pad(rows[r], w0, false);
		for (size_t c = 0; c < mx->ncols; c++)
			printf("  %*zu", (int)wc[c],
			       mx->cells[r * mx->ncols + c]);
		printf("  %*zu\n", (int)wt, analysis_matrix_row_total(mx, r));
	}
	for (size_t r = 0; r < mx->nrows; r++)
		free(rows[r]);
	for (size_t c = 0; c < mx->ncols; c++)
		free(cols[c]);
	free(rows);
	free(cols);
	free(wc);
}

/* Only the pairs that hand off, one a line. */
static void gaps_text_handoffs(const struct model_map *m,
			       const struct analysis *an)
{
	const struct analysis_matrix *mx = &an->handoffs;
	fputs(_("Handoffs (from department to department):\n"), stdout);
	size_t any = 0;
	for (size_t r = 0; r < mx->nrows; r++)
		for (size_t c = 0; c < mx->ncols; c++) {
			size_t n = mx->cells[r * mx->ncols + c];
			if (!n)
				continue;
			char *from = gaps_dept_name(m, mx->rows[r]);
			char *to = gaps_dept_name(m, mx->cols[c]);
			printf("  %s -> %s: %zu\n", from, to, n);
			free(from);
			free(to);
			any++;
		}
	if (!any)
		printf("  %s\n", _("(none)"));
}

static void gaps_text(const struct model_map *m, const struct analysis *an)
{
	char *name = text_escape_controls(m->name);
	printf(_("Map '%s'\n"), name);
	free(name);
	putchar('\n');
	gaps_text_gaps(m);
	putchar('\n');
	gaps_text_silos(m);
	putchar('\n');
	gaps_text_findings(m, an);
	putchar('\n');
	gaps_text_ownership(m, an);
	putchar('\n');
	gaps_text_handoffs(m, an);
}

/* ------------------------------------------------------------------ */
/* JSON (doc/GAPS.md) */

static void gaps_json_ref(cJSON *parent, const char *key, int64_t id,
			  const char *name)
{
	if (!id || !name) {
		cJSON_AddNullToObject(parent, key);
		return;
	}
	cJSON *o = cJSON_AddObjectToObject(parent, key);
	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "name", name);
}

static cJSON *gaps_json_item(int64_t id, const char *name)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "name", name);
	return o;
}

static void gaps_json_dept(const struct model_map *m, cJSON *parent,
			   const char *key, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	gaps_json_ref(parent, key, id, d ? d->name : NULL);
}

static void gaps_json_stage(const struct model_map *m, cJSON *parent,
			    int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	gaps_json_ref(parent, "stage", id, sg ? sg->name : NULL);
}

static void gaps_json_tp(const struct model_map *m, cJSON *parent,
			 int64_t id)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	gaps_json_ref(parent, "touchpoint", id, t ? t->name : NULL);
}

static void gaps_json_time(cJSON *o, int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[32] = "";
	if (gmtime_r(&t, &tm))
		strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddStringToObject(o, "created", buf);
}

static void gaps_json_gaps(const struct model_map *m, cJSON *root)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "gaps");
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)g->id);
		cJSON_AddStringToObject(o, "severity",
					model_severity_key(g->severity));
		cJSON_AddStringToObject(o, "status",
					model_status_key(g->status));
		size_t si;
		const struct model_touchpoint *t =
			model_touchpoint(m, g->touchpoint_id, &si);
		gaps_json_stage(m, o, t ? m->stages[si].id : g->stage_id);
		gaps_json_tp(m, o, g->touchpoint_id);
		cJSON_AddStringToObject(o, "description", g->description);
		gaps_json_time(o, g->created);
		cJSON_AddItemToArray(arr, o);
	}
}

static void gaps_json_silos(const struct model_map *m, cJSON *root)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "silos");
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *s = &m->silos[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddNumberToObject(o, "id", (double)s->id);
		cJSON_AddStringToObject(o, "status",
					model_status_key(s->status));
		cJSON *d = cJSON_AddArrayToObject(o, "departments");
		int64_t ids[2] = { s->dept_a, s->dept_b };
		for (int k = 0; k < 2; k++) {
			const struct model_department *dp =
				model_department(m, ids[k]);
			cJSON_AddItemToArray(d, gaps_json_item(ids[k],
							       dp ? dp->name : "?"));
		}
		gaps_json_tp(m, o, s->touchpoint_id);
		cJSON_AddStringToObject(o, "description", s->description);
		gaps_json_time(o, s->created);
		cJSON_AddItemToArray(arr, o);
	}
}

static void gaps_json_finding(const struct model_map *m,
			      const struct analysis_finding *f, cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", analysis_kind_key(f->kind));
	cJSON_AddStringToObject(o, "severity", model_severity_key(f->severity));
	gaps_json_stage(m, o, f->stage_id);
	cJSON *tps = cJSON_AddArrayToObject(o, "touchpoints");
	int64_t tp_ids[2] = { f->touchpoint_id, f->next_touchpoint_id };
	for (int k = 0; k < 2; k++) {
		const struct model_touchpoint *t =
			model_touchpoint(m, tp_ids[k], NULL);
		if (t)
			cJSON_AddItemToArray(tps,
					     gaps_json_item(t->id, t->name));
	}
	cJSON *ds = cJSON_AddArrayToObject(o, "departments");
	for (size_t k = 0; k < f->ndepartments; k++) {
		const struct model_department *d =
			model_department(m, f->departments[k]);
		cJSON_AddItemToArray(ds, gaps_json_item(f->departments[k],
							d ? d->name : "?"));
	}
	if (f->kind == ANALYSIS_SILO_HANDOFF)
		cJSON_AddNumberToObject(o, "silo", (double)f->silo_id);
	char *d = analysis_describe(m, f);
	cJSON_AddStringToObject(o, "description", d);
	free(d);
	cJSON_AddItemToArray(arr, o);
}

static void gaps_json_ownership(const struct model_map *m,
				const struct analysis *an, cJSON *root)
{
	const struct analysis_matrix *mx = &an->ownership;
	cJSON *own = cJSON_AddObjectToObject(root, "ownership");
	cJSON *stages = cJSON_AddArrayToObject(own, "stages");
	for (size_t c = 0; c < mx->ncols; c++) {
		const struct model_stage *sg = model_stage(m, mx->cols[c]);
		cJSON_AddItemToArray(stages, gaps_json_item(mx->cols[c],
							    sg ? sg->name : "?"));
	}
	cJSON *rows = cJSON_AddArrayToObject(own, "rows");
	for (size_t r = 0; r < mx->nrows; r++) {
		cJSON *o = cJSON_CreateObject();
		gaps_json_dept(m, o, "department", mx->rows[r]);
		cJSON *counts = cJSON_AddArrayToObject(o, "counts");
		for (size_t c = 0; c < mx->ncols; c++)
			cJSON_AddItemToArray(counts, cJSON_CreateNumber(
				(double)mx->cells[r * mx->ncols + c]));
		cJSON_AddNumberToObject(o, "total",
					(double)analysis_matrix_row_total(mx, r));
		cJSON_AddItemToArray(rows, o);
	}
}

static void gaps_json_handoffs(const struct model_map *m,
			       const struct analysis *an, cJSON *root)
{
	const struct analysis_matrix *mx = &an->handoffs;
	cJSON *arr = cJSON_AddArrayToObject(root, "handoffs");
	for (size_t r = 0; r < mx->nrows; r++)
		for (size_t c = 0; c < mx->ncols; c++) {
			size_t n = mx->cells[r * mx->ncols + c];
			if (!n)
				continue;
			cJSON *o = cJSON_CreateObject();
			gaps_json_dept(m, o, "from", mx->rows[r]);
			gaps_json_dept(m, o, "to", mx->cols[c]);
			cJSON_AddNumberToObject(o, "count", (double)n);
			cJSON_AddItemToArray(arr, o);
		}
}

static void gaps_json(const struct model_map *m, const struct analysis *an,
		      const size_t counts[GAPS_NKINDS])
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "format", "cxmap-gaps");
	cJSON_AddNumberToObject(root, "version", GAPS_JSON_VERSION);
	cJSON *map = cJSON_AddObjectToObject(root, "map");
	cJSON_AddNumberToObject(map, "id", (double)m->id);
	cJSON_AddStringToObject(map, "name", m->name);
	cJSON *opts = cJSON_AddObjectToObject(root, "options");
	cJSON_AddNumberToObject(opts, "crowded_threshold",
				(double)an->options.crowded_threshold);
	cJSON_AddNumberToObject(opts, "concentration_min",
				(double)an->options.concentration_min);
	cJSON_AddNumberToObject(opts, "concentration_percent",
				an->options.concentration_percent);
	cJSON_AddBoolToObject(opts, "handoff_skip_unowned",
			      an->options.handoff_skip_unowned);
	cJSON *cnt = cJSON_AddObjectToObject(root, "counts");
	for (int k = 0; k < GAPS_NKINDS; k++)
		cJSON_AddNumberToObject(cnt, gaps_kind_key(k),
					(double)counts[k]);
	gaps_json_gaps(m, root);
	gaps_json_silos(m, root);
	cJSON *arr = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < an->nfindings; i++)
		gaps_json_finding(m, &an->findings[i], arr);
	gaps_json_ownership(m, an, root);
	gaps_json_handoffs(m, an, root);
	char *text = cJSON_Print(root);
	if (text) {
		char *safe = text_json_safe(text);
		puts(safe);
		free(safe);
		cJSON_free(text);
	}
	cJSON_Delete(root);
}

/* ------------------------------------------------------------------ */

static int gaps_report(struct store *s, const struct gaps_args *a)
{
	int64_t id = 0;
	int rc = gaps_pick_map(s, a->map, &id);
	if (rc != CLI_OK)
		return rc;
	struct model_map *m = NULL;
	enum store_status st = store_map_load(s, id, &m);
	if (st != STORE_OK)
		return cli_store_error_why(s, store_path(s), st);
	struct analysis *an = analysis_run(m, NULL);
	analysis_sort(an, ANALYSIS_BY_SEVERITY);
	size_t counts[GAPS_NKINDS];
	gaps_counts(m, an, counts);
	if (a->json)
		gaps_json(m, an, counts);
	else
		gaps_text(m, an);
	analysis_free(an);
	model_map_free(m);
	if (fflush(stdout) != 0 || ferror(stdout))
		return cli_error(_("cannot write the report: %s"), "stdout");
	size_t failing = gaps_failing(counts, a->fail_on);
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
	char *path = cli_resolve_path(a.file, false);
	if (!path)
		return CLI_ERROR;
	struct store *s = cli_open(path, STORE_OPEN_READONLY |
				   STORE_OPEN_NOCREATE);
	free(path);
	if (!s)
		return CLI_ERROR;
	rc = gaps_report(s, &a);
	store_close(s);
	return rc;
}
