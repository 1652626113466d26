/* report_gaps.c - the "cxmap gaps" report in its two formats (doc/GAPS.md).
 * Text pads columns by terminal width and escapes control characters in
 * names; JSON goes through cJSON, then text_json_safe so that no control
 * character cJSON copies raw (DEL, C1) reaches the output. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include <cJSON.h>

#include "io/report_gaps.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* Text */

/* Columns a string takes on a terminal; unknown widths count as one. */
static size_t rg_width(const char *s)
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

static void rg_pad(struct buf *b, const char *s, size_t width, bool right)
{
	static const char spaces[] = "                                ";
	size_t w = rg_width(s), pad = width > w ? width - w : 0;
	if (right)
		for (size_t k = pad; k > 0; k -= k < 32 ? k : 32)
			buf_addn(b, spaces, k < 32 ? k : 32);
	buf_add(b, s);
	if (!right)
		for (size_t k = pad; k > 0; k -= k < 32 ? k : 32)
			buf_addn(b, spaces, k < 32 ? k : 32);
}

static size_t rg_max_width(const char *(*label)(int), int n)
{
	size_t w = 0;
	for (int i = 0; i < n; i++) {
		size_t x = rg_width(label(i));
		if (x > w)
			w = x;
	}
	return w;
}

static const char *rg_sev_label(int i)
{
	return model_severity_label((enum model_severity)i);
}

static const char *rg_status_label(int i)
{
	return model_status_label((enum model_status)i);
}

static const char *rg_gap_status_label(int i)
{
	return model_gap_status_label((enum model_status)i);
}

/* A column of labels padded to the widest of `widest`'s: each one
 * translated and padded once per report, not once a line. */
static void rg_column(char **col, const char *(*label)(int),
		      const char *(*widest)(int), int n)
{
	size_t w = rg_max_width(widest, n);
	for (int i = 0; i < n; i++) {
		struct buf b = { 0 };
		rg_pad(&b, label(i), w, false);
		col[i] = buf_take(&b);
	}
}

/* What every line of a report needs, worked out once: the padded label
 * columns, the translations of places, and a scratch buffer. */
struct rg_words {
	char *severity[3], *gap_status[2], *status[2];
	char *kind[ANALYSIS_NKINDS];
	const char *tp_in_stage, *stage, *whole_map, *silo;
	struct analysis_words *sentences;
	struct buf tmp;
};

static void rg_words_init(struct rg_words *w)
{
	rg_column(w->severity, rg_sev_label, rg_sev_label, 3);
	rg_column(w->gap_status, rg_gap_status_label, rg_status_label, 2);
	rg_column(w->status, rg_status_label, rg_status_label, 2);
	rg_column(w->kind, analysis_kind_label, analysis_kind_label,
		  ANALYSIS_NKINDS);
	w->tp_in_stage = w->stage = w->silo = NULL;
	w->whole_map = _("whole map");
	w->sentences = analysis_words_new();
	w->tmp = (struct buf){ 0 };
}

static void rg_words_free(struct rg_words *w)
{
	for (int i = 0; i < 3; i++)
		free(w->severity[i]);
	for (int i = 0; i < 2; i++) {
		free(w->gap_status[i]);
		free(w->status[i]);
	}
	for (int i = 0; i < ANALYSIS_NKINDS; i++)
		free(w->kind[i]);
	analysis_words_free(w->sentences);
	buf_free(&w->tmp);
}

/* gettext(msgid), kept in *kept after the first lookup. */
static const char *rg_gettext(const char **kept, const char *msgid)
	__attribute__((format_arg(2)));
static const char *rg_gettext(const char **kept, const char *msgid)
{
	if (!*kept)
		*kept = _(msgid);
	return *kept;
}

/* The column label of a severity or status (clamped as model.c does). */
static const char *rg_col(char *const *col, unsigned i, unsigned n)
{
	return col[i < n ? i : 0];
}

/* Where a recorded item is, in words (raw names, escaped with the line). */
static void rg_where(struct buf *b, struct rg_words *w,
		     const struct model_map *m, int64_t stage_id,
		     int64_t tp_id)
{
	size_t si;
	const struct model_touchpoint *t = model_touchpoint(m, tp_id, &si);
	const struct model_stage *sg;
	if (t)
		buf_addf(b, rg_gettext(&w->tp_in_stage,
				       N_("'%s' in stage '%s'")),
			 t->name, m->stages[si].name);
	else if ((sg = model_stage(m, stage_id)))
		buf_addf(b, rg_gettext(&w->stage, N_("stage '%s'")), sg->name);
	else
		buf_add(b, w->whole_map);
}

/* The text appended from `at` on, with control characters escaped (as
 * text_escape_controls would the whole line: the words around names
 * need no escape).  Most lines need none and are left as they are. */
static void rg_escape_from(struct buf *b, struct buf *tmp, size_t at)
{
	size_t n = b->len - at;
	if (text_plain_span(b->data + at, n) == n)
		return;
	tmp->len = 0;
	buf_addn(tmp, b->data + at, n);
	b->len = at;
	text_escape_controls_add(b, tmp->data, n);
}

/* Open items first, each group in the order they were recorded. */
static void rg_text_gaps(struct buf *b, struct rg_words *w,
			 const struct model_map *m)
{
	size_t open = model_open_gap_count(m);
	buf_addf(b, _("Recorded gaps: %zu open, %zu resolved\n"), open,
		 m->ngaps - open);
	for (int status = MODEL_OPEN; status <= MODEL_RESOLVED; status++)
		for (size_t i = 0; i < m->ngaps; i++) {
			const struct model_gap *g = &m->gaps[i];
			if ((int)g->status != status)
				continue;
			buf_add(b, "  ");
			buf_add(b, rg_col(w->severity, g->severity, 3));
			buf_add(b, "  ");
			buf_add(b, w->gap_status[g->status == MODEL_OPEN ? 0 : 1]);
			buf_add(b, "  ");
			size_t at = b->len;
			rg_where(b, w, m, g->stage_id, g->touchpoint_id);
			buf_add(b, ": ");
			buf_add(b, g->description);
			rg_escape_from(b, &w->tmp, at);
			buf_addc(b, '\n');
		}
}

static void rg_text_silos(struct buf *b, struct rg_words *w,
			  const struct model_map *m)
{
	size_t open = model_open_silo_count(m);
	struct buf where = { 0 };
	buf_addf(b, _("Recorded silos: %zu open, %zu resolved\n"), open,
		 m->nsilos - open);
	for (int status = MODEL_OPEN; status <= MODEL_RESOLVED; status++)
		for (size_t i = 0; i < m->nsilos; i++) {
			const struct model_silo *s = &m->silos[i];
			if ((int)s->status != status)
				continue;
			const struct model_department *da =
				model_department(m, s->dept_a);
			const struct model_department *db =
				model_department(m, s->dept_b);
			buf_add(b, "  ");
			buf_add(b, rg_col(w->status, s->status, 2));
			buf_add(b, "  ");
			where.len = 0;
			buf_add(&where, "");
			rg_where(&where, w, m, 0, s->touchpoint_id);
			size_t at = b->len;
			buf_addf(b, rg_gettext(&w->silo, N_("%s and %s, %s: %s")),
				 da ? da->name : "?",
				 db ? db->name : "?", where.data,
				 s->description);
			rg_escape_from(b, &w->tmp, at);
			buf_addc(b, '\n');
		}
	buf_free(&where);
}

static void rg_text_findings(struct buf *b, struct rg_words *w,
			     const struct model_map *m,
			     const struct analysis *an)
{
	buf_addf(b, _("Findings: %zu\n"), an->nfindings);
	for (size_t i = 0; i < an->nfindings; i++) {
		const struct analysis_finding *f = &an->findings[i];
		buf_add(b, "  ");
		buf_add(b, rg_col(w->severity, f->severity, 3));
		buf_add(b, "  ");
		buf_add(b, rg_col(w->kind, f->kind, ANALYSIS_NKINDS));
		buf_add(b, "  ");
		size_t at = b->len;
		analysis_describe_add(b, m, f, w->sentences);
		rg_escape_from(b, &w->tmp, at);
		buf_addc(b, '\n');
	}
}

static char *rg_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return text_escape_controls(d ? d->name : _("(no owner)"));
}

/* "  " and a count right-aligned in width columns (as "  %*zu"). */
static void rg_count(struct buf *b, size_t width, size_t n)
{
	char num[24];
	int len = snprintf(num, sizeof num, "%zu", n);
	buf_add(b, "  ");
	rg_pad(b, num, width > (size_t)len ? width : (size_t)len, true);
}

/* Departments down, stages across, a total at the end of each row. */
static void rg_text_ownership(struct buf *b, const struct model_map *m,
			      const struct analysis *an)
{
	const struct analysis_matrix *mx = &an->ownership;
	buf_add(b, _("Ownership (touchpoints per department and stage):\n"));
	char **rows = xcalloc(mx->nrows, sizeof *rows);
	char **cols = xcalloc(mx->ncols, sizeof *cols);
	size_t w0 = 0, *wc = xcalloc(mx->ncols, sizeof *wc);
	for (size_t r = 0; r < mx->nrows; r++) {
		rows[r] = rg_dept_name(m, mx->rows[r]);
		if (rg_width(rows[r]) > w0)
			w0 = rg_width(rows[r]);
	}
	for (size_t c = 0; c < mx->ncols; c++) {
		const struct model_stage *sg = model_stage(m, mx->cols[c]);
		cols[c] = text_escape_controls(sg ? sg->name : "?");
		wc[c] = rg_width(cols[c]);
	}
	const char *total = _("Total");
	size_t wt = rg_width(total);
	buf_add(b, "  ");
	rg_pad(b, "", w0, false);
	for (size_t c = 0; c < mx->ncols; c++) {
		buf_add(b, "  ");
		rg_pad(b, cols[c], wc[c], true);
	}
	buf_add(b, "  ");
	rg_pad(b, total, wt, true);
	buf_addc(b, '\n');
	for (size_t r = 0; r < mx->nrows; r++) {
		buf_add(b, "  ");
		rg_pad(b, rows[r], w0, false);
		for (size_t c = 0; c < mx->ncols; c++)
			rg_count(b, wc[c], mx->cells[r * mx->ncols + c]);
		rg_count(b, wt, analysis_matrix_row_total(mx, r));
		buf_addc(b, '\n');
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
static void rg_text_handoffs(struct buf *b, const struct model_map *m,
			     const struct analysis *an)
{
	const struct analysis_matrix *mx = &an->handoffs;
	buf_add(b, _("Handoffs (from department to department):\n"));
	size_t any = 0;
	for (size_t r = 0; r < mx->nrows; r++)
		for (size_t c = 0; c < mx->ncols; c++) {
			size_t n = mx->cells[r * mx->ncols + c];
			if (!n)
				continue;
			char *from = rg_dept_name(m, mx->rows[r]);
			char *to = rg_dept_name(m, mx->cols[c]);
			buf_addf(b, "  %s -> %s: %zu\n", from, to, n);
			free(from);
			free(to);
			any++;
		}
	if (!any)
		buf_addf(b, "  %s\n", _("(none)"));
}

static void rg_text(struct buf *b, const struct model_map *m,
		    const struct analysis *an)
{
	char *name = text_escape_controls(m->name);
	buf_addf(b, _("Map '%s'\n"), name);
	free(name);
	buf_addc(b, '\n');
	struct rg_words w;
	rg_words_init(&w);
	rg_text_gaps(b, &w, m);
	buf_addc(b, '\n');
	rg_text_silos(b, &w, m);
	buf_addc(b, '\n');
	rg_text_findings(b, &w, m, an);
	rg_words_free(&w);
	buf_addc(b, '\n');
	rg_text_ownership(b, m, an);
	buf_addc(b, '\n');
	rg_text_handoffs(b, m, an);
}

/* ------------------------------------------------------------------ */
/* JSON (doc/GAPS.md) */

static void rg_json_ref(cJSON *parent, const char *key, int64_t id,
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

static cJSON *rg_json_item(int64_t id, const char *name)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "name", name);
	return o;
}

static void rg_json_dept(const struct model_map *m, cJSON *parent,
			 const char *key, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	rg_json_ref(parent, key, id, d ? d->name : NULL);
}

static void rg_json_stage(const struct model_map *m, cJSON *parent,
			  int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	rg_json_ref(parent, "stage", id, sg ? sg->name : NULL);
}

static void rg_json_tp(const struct model_map *m, cJSON *parent, int64_t id)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	rg_json_ref(parent, "touchpoint", id, t ? t->name : NULL);
}

static void rg_json_time(cJSON *o, int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[32] = "";
	if (gmtime_r(&t, &tm))
		strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddStringToObject(o, "created", buf);
}

static void rg_json_gaps(const struct model_map *m, cJSON *root)
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
		rg_json_stage(m, o, t ? m->stages[si].id : g->stage_id);
		rg_json_tp(m, o, g->touchpoint_id);
		cJSON_AddStringToObject(o, "description", g->description);
		rg_json_time(o, g->created);
		cJSON_AddItemToArray(arr, o);
	}
}

static void rg_json_silos(const struct model_map *m, cJSON *root)
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
			cJSON_AddItemToArray(d, rg_json_item(ids[k],
						dp ? dp->name : "?"));
		}
		rg_json_tp(m, o, s->touchpoint_id);
		cJSON_AddStringToObject(o, "description", s->description);
		rg_json_time(o, s->created);
		cJSON_AddItemToArray(arr, o);
	}
}

static void rg_json_finding(const struct model_map *m,
			    const struct analysis_finding *f, cJSON *arr)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "kind", analysis_kind_key(f->kind));
	cJSON_AddStringToObject(o, "severity", model_severity_key(f->severity));
	rg_json_stage(m, o, f->stage_id);
	cJSON *tps = cJSON_AddArrayToObject(o, "touchpoints");
	int64_t tp_ids[2] = { f->touchpoint_id, f->next_touchpoint_id };
	for (int k = 0; k < 2; k++) {
		const struct model_touchpoint *t =
			model_touchpoint(m, tp_ids[k], NULL);
		if (t)
			cJSON_AddItemToArray(tps,
					     rg_json_item(t->id, t->name));
	}
	cJSON *ds = cJSON_AddArrayToObject(o, "departments");
	for (size_t k = 0; k < f->ndepartments; k++) {
		const struct model_department *d =
			model_department(m, f->departments[k]);
		cJSON_AddItemToArray(ds, rg_json_item(f->departments[k],
						      d ? d->name : "?"));
	}
	if (f->kind == ANALYSIS_SILO_HANDOFF)
		cJSON_AddNumberToObject(o, "silo", (double)f->silo_id);
	char *d = analysis_describe(m, f);
	cJSON_AddStringToObject(o, "description", d);
	free(d);
	cJSON_AddItemToArray(arr, o);
}

static void rg_json_ownership(const struct model_map *m,
			      const struct analysis *an, cJSON *root)
{
	const struct analysis_matrix *mx = &an->ownership;
	cJSON *own = cJSON_AddObjectToObject(root, "ownership");
	cJSON *stages = cJSON_AddArrayToObject(own, "stages");
	for (size_t c = 0; c < mx->ncols; c++) {
		const struct model_stage *sg = model_stage(m, mx->cols[c]);
		cJSON_AddItemToArray(stages, rg_json_item(mx->cols[c],
							  sg ? sg->name : "?"));
	}
	cJSON *rows = cJSON_AddArrayToObject(own, "rows");
	for (size_t r = 0; r < mx->nrows; r++) {
		cJSON *o = cJSON_CreateObject();
		rg_json_dept(m, o, "department", mx->rows[r]);
		cJSON *counts = cJSON_AddArrayToObject(o, "counts");
		for (size_t c = 0; c < mx->ncols; c++)
			cJSON_AddItemToArray(counts, cJSON_CreateNumber(
				(double)mx->cells[r * mx->ncols + c]));
		cJSON_AddNumberToObject(o, "total",
					(double)analysis_matrix_row_total(mx, r));
		cJSON_AddItemToArray(rows, o);
	}
}

static void rg_json_handoffs(const struct model_map *m,
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
			rg_json_dept(m, o, "from", mx->rows[r]);
			rg_json_dept(m, o, "to", mx->cols[c]);
			cJSON_AddNumberToObject(o, "count", (double)n);
			cJSON_AddItemToArray(arr, o);
		}
}

static char *rg_json(const struct model_map *m, const struct analysis *an)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddStringToObject(root, "format", "cxmap-gaps");
	cJSON_AddNumberToObject(root, "version", REPORT_GAPS_JSON_VERSION);
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
	size_t counts[ANALYSIS_NREPORT_KINDS];
	analysis_report_counts(m, an, counts);
	cJSON *cnt = cJSON_AddObjectToObject(root, "counts");
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++)
		cJSON_AddNumberToObject(cnt, analysis_kind_key(k),
					(double)counts[k]);
	rg_json_gaps(m, root);
	rg_json_silos(m, root);
	cJSON *arr = cJSON_AddArrayToObject(root, "findings");
	for (size_t i = 0; i < an->nfindings; i++)
		rg_json_finding(m, &an->findings[i], arr);
	rg_json_ownership(m, an, root);
	rg_json_handoffs(m, an, root);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		xalloc_die();
	struct buf out = { 0 };
	size_t len = strlen(text);
	buf_reserve(&out, len + 1);
	text_json_safe_add(&out, text, len);
	buf_addc(&out, '\n');
	cJSON_free(text);
	return buf_take(&out);
}

/* ------------------------------------------------------------------ */

char *report_gaps(const struct model_map *m, const struct analysis *an,
		  enum report_gaps_format format)
{
	if (format == REPORT_GAPS_JSON)
		return rg_json(m, an);
	struct buf b = { 0 };
	rg_text(&b, m, an);
	return buf_take(&b);
}
