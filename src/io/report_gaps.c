/* report_gaps.c - the "cxmap gaps" report in its two formats (doc/GAPS.md).
 * Text pads columns by terminal width and escapes control characters in
 * names; JSON escapes every control character (DEL and C1 too).  Both
 * are written once into one buffer, line by line: per finding, a few
 * appends and one sentence formatted in place. */
#include <config.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "core/plan.h"
#include "io/report_gaps.h"
#include "io/report_text.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* Text */

/* The widths of text on a terminal: io/report_text's, which cxmap
 * actions shares. */
static size_t rg_width(const char *s)
{
	return report_width(s);
}

static void rg_pad(struct buf *b, const char *s, size_t width, bool right)
{
	report_pad(b, s, width, right);
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

static const char *rg_decision_label(int i)
{
	return plan_decision_label((enum model_decision_kind)i);
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
	char *severity[3], *gap_status[2], *status[2], *decision[2];
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
	rg_column(w->decision, rg_decision_label, rg_decision_label, 2);
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
		free(w->decision[i]);
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

/* A line's text with raw names goes into w->tmp (rg_raw), then into the
 * report with control characters escaped (rg_add_escaped: as
 * text_escape_controls would the whole line, since the words around
 * names need no escape); most lines need none and are copied whole. */
static struct buf *rg_raw(struct rg_words *w)
{
	w->tmp.len = 0;
	buf_add(&w->tmp, "");
	return &w->tmp;
}

static void rg_add_escaped(struct buf *b, const struct buf *t)
{
	if (text_plain_span(t->data, t->len) == t->len)
		buf_addn(b, t->data, t->len);
	else
		text_escape_controls_add(b, t->data, t->len);
}

/* One finding on a line: its first column (severity or decision), kind
 * and sentence. */
static void rg_text_finding(struct buf *b, struct rg_words *w,
			    const struct model_map *m,
			    const struct analysis_finding *f,
			    const char *first)
{
	buf_add(b, "  ");
	buf_add(b, first);
	buf_add(b, "  ");
	buf_add(b, rg_col(w->kind, f->kind, ANALYSIS_NKINDS));
	buf_add(b, "  ");
	struct buf *t = rg_raw(w);
	analysis_describe_add(t, m, f, w->sentences);
	rg_add_escaped(b, t);
	buf_addc(b, '\n');
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
			struct buf *t = rg_raw(w);
			rg_where(t, w, m, g->stage_id, g->touchpoint_id);
			buf_add(t, ": ");
			buf_add(t, g->description);
			rg_add_escaped(b, t);
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
			struct buf *t = rg_raw(w);
			buf_addf(t, rg_gettext(&w->silo, N_("%s and %s, %s: %s")),
				 da ? da->name : "?",
				 db ? db->name : "?", where.data,
				 s->description);
			rg_add_escaped(b, t);
			buf_addc(b, '\n');
		}
	buf_free(&where);
}

static void rg_text_findings(struct buf *b, struct rg_words *w,
			     const struct model_map *m,
			     const struct analysis *an)
{
	buf_addf(b, _("Findings: %zu\n"), an->nfindings - an->ndecided);
	for (size_t i = 0; i < an->nfindings; i++) {
		const struct analysis_finding *f = &an->findings[i];
		if (f->decision_id)
			continue;
		rg_text_finding(b, w, m, f,
				rg_col(w->severity, f->severity, 3));
	}
}

/* A decision's day, UTC, as "YYYY-MM-DD" (the JSON has the time). */
static void rg_day(char day[16], int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	day[0] = '\0';
	if (gmtime_r(&t, &tm))
		strftime(day, 16, "%Y-%m-%d", &tm);
}

/* The findings people accepted or dismissed: each with who, when and
 * why on a second line.  Nothing when there are none. */
static void rg_text_decisions(struct buf *b, struct rg_words *w,
			      const struct model_map *m,
			      const struct analysis *an)
{
	if (!an->ndecided)
		return;
	buf_addc(b, '\n');
	buf_addf(b, _("Decisions: %zu\n"), an->ndecided);
	size_t indent = 2 + rg_width(w->decision[0]) + 2;
	for (size_t i = 0; i < an->nfindings; i++) {
		const struct analysis_finding *f = &an->findings[i];
		const struct model_decision *d = f->decision_id
			? plan_decision(m, f->decision_id) : NULL;
		if (!d)
			continue;
		rg_text_finding(b, w, m, f,
				rg_col(w->decision, d->decision, 2));
		char day[16];
		rg_day(day, d->at);
		struct buf *t = rg_raw(w);
		for (size_t k = 0; k < indent; k++)
			buf_addc(t, ' ');
		if (d->reason && *d->reason)
			buf_addf(t, _("by %s on %s: %s"), d->who ? d->who : "",
				 day, d->reason);
		else
			buf_addf(t, _("by %s on %s"), d->who ? d->who : "", day);
		rg_add_escaped(b, t);
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
	rg_text_decisions(b, &w, m, an);
	rg_words_free(&w);
	buf_addc(b, '\n');
	rg_text_ownership(b, m, an);
	buf_addc(b, '\n');
	rg_text_handoffs(b, m, an);
}

/* ------------------------------------------------------------------ */
/* JSON (doc/GAPS.md)
 *
 * Written straight into the buffer, in the layout cJSON_Print gives (the
 * one the format has always had): an object's members one a line,
 * indented by tabs, a tab after the key's colon; an array's elements on
 * its line, separated by ", ".  Strings escape what cJSON escapes (the
 * quote, the backslash, C0 controls) and what text_json_safe adds (DEL,
 * C1 controls, U+2028/U+2029 and bidirectional controls); other bytes,
 * invalid ones too, are copied. */

static void rj_tabs(struct buf *b, int n)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t";
	buf_addn(b, tabs, (size_t)n < sizeof tabs - 1 ? (size_t)n
						     : sizeof tabs - 1);
	for (int k = (int)sizeof tabs - 1; k < n; k++)
		buf_addc(b, '\t');
}

/* A number as cJSON prints one: an integer in int's range as such,
 * anything else with 15 significant digits, or 17 if 15 do not read
 * back the same. */
static void rj_number(struct buf *b, double d)
{
	if (isnan(d) || isinf(d)) {
		buf_add(b, "null");
		return;
	}
	int vi = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN
								: (int)d;
	if (d == (double)vi) {
		buf_add_int(b, vi);
		return;
	}
	char num[32];
	double back;
	snprintf(num, sizeof num, "%1.15g", d);
	double most = fabs(d) > fabs(back = strtod(num, NULL)) ? fabs(d)
							       : fabs(back);
	if (!(fabs(back - d) <= most * DBL_EPSILON))
		snprintf(num, sizeof num, "%1.17g", d);
	buf_add(b, num);
}

/* An object's members: rj_key starts one (the comma after the one
 * before, the line, the key), rj_end closes the object. */
static void rj_key(struct buf *b, bool *first, int tabs, const char *key)
{
	buf_add(b, *first ? "\n" : ",\n");
	*first = false;
	rj_tabs(b, tabs);
	buf_addc(b, '"');
	buf_add(b, key);
	buf_add(b, "\":\t");
}

static void rj_end(struct buf *b, int tabs)
{
	buf_addc(b, '\n');
	rj_tabs(b, tabs);
	buf_addc(b, '}');
}

static void rj_str_member(struct buf *b, bool *first, int tabs,
			  const char *key, const char *value)
{
	rj_key(b, first, tabs, key);
	text_json_string_add(b, value, true);
}

static void rj_num_member(struct buf *b, bool *first, int tabs,
			  const char *key, double value)
{
	rj_key(b, first, tabs, key);
	rj_number(b, value);
}

/* {"id": id, "name": name} with its members at `tabs`. */
static void rj_item(struct buf *b, int tabs, int64_t id, const char *name)
{
	bool first = true;
	buf_addc(b, '{');
	rj_num_member(b, &first, tabs, "id", (double)id);
	rj_str_member(b, &first, tabs, "name", name);
	rj_end(b, tabs - 1);
}

/* A member naming an item, or null when there is none. */
static void rj_ref(struct buf *b, bool *first, int tabs, const char *key,
		   int64_t id, const char *name)
{
	rj_key(b, first, tabs, key);
	if (!id || !name)
		buf_add(b, "null");
	else
		rj_item(b, tabs + 1, id, name);
}

static void rj_dept(struct buf *b, bool *first, int tabs, const char *key,
		    const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	rj_ref(b, first, tabs, key, id, d ? d->name : NULL);
}

static void rj_stage(struct buf *b, bool *first, int tabs,
		     const struct model_map *m, int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	rj_ref(b, first, tabs, "stage", id, sg ? sg->name : NULL);
}

static void rj_tp(struct buf *b, bool *first, int tabs,
		  const struct model_map *m, int64_t id)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	rj_ref(b, first, tabs, "touchpoint", id, t ? t->name : NULL);
}

static void rj_time(struct buf *b, bool *first, int tabs, const char *key,
		    int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char day[32] = "";
	if (gmtime_r(&t, &tm))
		strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%SZ", &tm);
	rj_str_member(b, first, tabs, key, day);
}

/* Arrays of objects: ", " between them, the objects' members at tabs. */
static void rj_next(struct buf *b, size_t i)
{
	buf_add(b, i ? ", {" : "{");
}

static void rj_gaps(struct buf *b, bool *top, const struct model_map *m)
{
	rj_key(b, top, 1, "gaps");
	buf_addc(b, '[');
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		bool first = true;
		size_t si;
		const struct model_touchpoint *t =
			model_touchpoint(m, g->touchpoint_id, &si);
		rj_next(b, i);
		rj_num_member(b, &first, 3, "id", (double)g->id);
		rj_str_member(b, &first, 3, "severity",
			      model_severity_key(g->severity));
		rj_str_member(b, &first, 3, "status", model_status_key(g->status));
		rj_stage(b, &first, 3, m, t ? m->stages[si].id : g->stage_id);
		rj_tp(b, &first, 3, m, g->touchpoint_id);
		rj_str_member(b, &first, 3, "description", g->description);
		rj_time(b, &first, 3, "created", g->created);
		rj_end(b, 2);
	}
	buf_addc(b, ']');
}

static void rj_silos(struct buf *b, bool *top, const struct model_map *m)
{
	rj_key(b, top, 1, "silos");
	buf_addc(b, '[');
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *s = &m->silos[i];
		bool first = true;
		rj_next(b, i);
		rj_num_member(b, &first, 3, "id", (double)s->id);
		rj_str_member(b, &first, 3, "status", model_status_key(s->status));
		rj_key(b, &first, 3, "departments");
		int64_t ids[2] = { s->dept_a, s->dept_b };
		for (int k = 0; k < 2; k++) {
			const struct model_department *dp =
				model_department(m, ids[k]);
			buf_add(b, k ? ", " : "[");
			rj_item(b, 5, ids[k], dp ? dp->name : "?");
		}
		buf_addc(b, ']');
		rj_tp(b, &first, 3, m, s->touchpoint_id);
		rj_str_member(b, &first, 3, "description", s->description);
		rj_time(b, &first, 3, "created", s->created);
		rj_end(b, 2);
	}
	buf_addc(b, ']');
}

/* A finding's members (its object is closed by the caller). */
static void rj_finding(struct buf *b, bool *first_out, struct rg_words *w,
		       const struct model_map *m,
		       const struct analysis_finding *f)
{
	bool first = true;
	rj_str_member(b, &first, 3, "kind", analysis_kind_key(f->kind));
	rj_str_member(b, &first, 3, "severity", model_severity_key(f->severity));
	rj_stage(b, &first, 3, m, f->stage_id);
	rj_key(b, &first, 3, "touchpoints");
	buf_addc(b, '[');
	int64_t tp_ids[2] = { f->touchpoint_id, f->next_touchpoint_id };
	for (int k = 0, n = 0; k < 2; k++) {
		const struct model_touchpoint *t =
			model_touchpoint(m, tp_ids[k], NULL);
		if (!t)
			continue;
		buf_add(b, n++ ? ", " : "");
		rj_item(b, 5, t->id, t->name);
	}
	buf_addc(b, ']');
	rj_key(b, &first, 3, "departments");
	buf_addc(b, '[');
	for (size_t k = 0; k < f->ndepartments; k++) {
		const struct model_department *d =
			model_department(m, f->departments[k]);
		buf_add(b, k ? ", " : "");
		rj_item(b, 5, f->departments[k], d ? d->name : "?");
	}
	buf_addc(b, ']');
	if (f->silo_id)
		rj_num_member(b, &first, 3, "silo", (double)f->silo_id);
	if (f->gap_id)
		rj_num_member(b, &first, 3, "gap", (double)f->gap_id);
	if (f->metric_id)
		rj_num_member(b, &first, 3, "metric", (double)f->metric_id);
	if (f->action_id)
		rj_num_member(b, &first, 3, "action", (double)f->action_id);
	struct buf *t = rg_raw(w);
	analysis_describe_add(t, m, f, w->sentences);
	rj_str_member(b, &first, 3, "description", t->data);
	*first_out = first;
}

/* The findings nobody decided on, or (decided) those people accepted or
 * dismissed, each with the decision. */
static void rj_findings(struct buf *b, bool *top, struct rg_words *w,
			const struct model_map *m, const struct analysis *an,
			bool decided)
{
	size_t n = 0;
	rj_key(b, top, 1, decided ? "decisions" : "findings");
	buf_addc(b, '[');
	for (size_t i = 0; i < an->nfindings; i++) {
		const struct analysis_finding *f = &an->findings[i];
		const struct model_decision *d = f->decision_id
			? plan_decision(m, f->decision_id) : NULL;
		if (decided ? !d : f->decision_id != 0)
			continue;
		bool first;
		rj_next(b, n++);
		rj_finding(b, &first, w, m, f);
		if (d) {
			rj_str_member(b, &first, 3, "decision",
				      plan_decision_key(d->decision));
			rj_str_member(b, &first, 3, "reason",
				      d->reason ? d->reason : "");
			rj_str_member(b, &first, 3, "who", d->who ? d->who : "");
			rj_time(b, &first, 3, "at", d->at);
		}
		rj_end(b, 2);
	}
	buf_addc(b, ']');
}

static void rj_ownership(struct buf *b, bool *top, const struct model_map *m,
			 const struct analysis *an)
{
	const struct analysis_matrix *mx = &an->ownership;
	bool own = true;
	rj_key(b, top, 1, "ownership");
	buf_addc(b, '{');
	rj_key(b, &own, 2, "stages");
	buf_addc(b, '[');
	for (size_t c = 0; c < mx->ncols; c++) {
		const struct model_stage *sg = model_stage(m, mx->cols[c]);
		buf_add(b, c ? ", " : "");
		rj_item(b, 4, mx->cols[c], sg ? sg->name : "?");
	}
	buf_addc(b, ']');
	rj_key(b, &own, 2, "rows");
	buf_addc(b, '[');
	for (size_t r = 0; r < mx->nrows; r++) {
		bool first = true;
		rj_next(b, r);
		rj_dept(b, &first, 4, "department", m, mx->rows[r]);
		rj_key(b, &first, 4, "counts");
		buf_addc(b, '[');
		for (size_t c = 0; c < mx->ncols; c++) {
			buf_add(b, c ? ", " : "");
			rj_number(b, (double)mx->cells[r * mx->ncols + c]);
		}
		buf_addc(b, ']');
		rj_num_member(b, &first, 4, "total",
			      (double)analysis_matrix_row_total(mx, r));
		rj_end(b, 3);
	}
	buf_addc(b, ']');
	rj_end(b, 1);
}

static void rj_handoffs(struct buf *b, bool *top, const struct model_map *m,
			const struct analysis *an)
{
	const struct analysis_matrix *mx = &an->handoffs;
	size_t any = 0;
	rj_key(b, top, 1, "handoffs");
	buf_addc(b, '[');
	for (size_t r = 0; r < mx->nrows; r++)
		for (size_t c = 0; c < mx->ncols; c++) {
			size_t n = mx->cells[r * mx->ncols + c];
			bool first = true;
			if (!n)
				continue;
			rj_next(b, any++);
			rj_dept(b, &first, 3, "from", m, mx->rows[r]);
			rj_dept(b, &first, 3, "to", m, mx->cols[c]);
			rj_num_member(b, &first, 3, "count", (double)n);
			rj_end(b, 2);
		}
	buf_addc(b, ']');
}

static void rg_json(struct buf *b, const struct model_map *m,
		    const struct analysis *an)
{
	struct rg_words w;
	bool top = true, sub = true;
	rg_words_init(&w);
	buf_addc(b, '{');
	rj_str_member(b, &top, 1, "format", "cxmap-gaps");
	rj_num_member(b, &top, 1, "version", REPORT_GAPS_JSON_VERSION);
	rj_key(b, &top, 1, "map");
	buf_addc(b, '{');
	rj_num_member(b, &sub, 2, "id", (double)m->id);
	rj_str_member(b, &sub, 2, "name", m->name);
	rj_end(b, 1);
	rj_key(b, &top, 1, "options");
	buf_addc(b, '{');
	sub = true;
	rj_num_member(b, &sub, 2, "crowded_threshold",
		      (double)an->options.crowded_threshold);
	rj_num_member(b, &sub, 2, "concentration_min",
		      (double)an->options.concentration_min);
	rj_num_member(b, &sub, 2, "concentration_percent",
		      an->options.concentration_percent);
	rj_key(b, &sub, 2, "handoff_skip_unowned");
	buf_add(b, an->options.handoff_skip_unowned ? "true" : "false");
	rj_str_member(b, &sub, 2, "today", an->options.today);
	rj_end(b, 1);
	size_t counts[ANALYSIS_NREPORT_KINDS];
	analysis_report_counts(m, an, counts);
	rj_key(b, &top, 1, "counts");
	buf_addc(b, '{');
	sub = true;
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++)
		rj_num_member(b, &sub, 2, analysis_kind_key(k),
			      (double)counts[k]);
	rj_end(b, 1);
	rj_gaps(b, &top, m);
	rj_silos(b, &top, m);
	rj_findings(b, &top, &w, m, an, false);
	rj_findings(b, &top, &w, m, an, true);
	rj_ownership(b, &top, m, an);
	rj_handoffs(b, &top, m, an);
	rj_end(b, 0);
	buf_addc(b, '\n');
	rg_words_free(&w);
}

/* ------------------------------------------------------------------ */

char *report_gaps(const struct model_map *m, const struct analysis *an,
		  enum report_gaps_format format)
{
	struct buf b = { 0 };
	if (format == REPORT_GAPS_JSON)
		rg_json(&b, m, an);
	else
		rg_text(&b, m, an);
	return buf_take(&b);
}

int report_gaps_write(const struct model_map *m, const struct analysis *an,
		      enum report_gaps_format format, FILE *out)
{
	struct buf b = { 0 };
	buf_stream(&b, out);
	if (format == REPORT_GAPS_JSON)
		rg_json(&b, m, an);
	else
		rg_text(&b, m, an);
	return buf_finish(&b);
}
