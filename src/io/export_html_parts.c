/* export_html_parts.c - the sections of the HTML page after the
 * summary and findings: the journey (curve, stage x department grid, a
 * table per stage), the ownership and handoff matrices, gaps, silos,
 * metrics, voices, actions and decisions. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/export_html_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static void hs_section(struct buf *b, const struct hs_doc *h,
		       const char *id, const char *title)
{
	buf_addf(b, "<section id=\"%s%s\">\n", h->id, id);
	hs_heading(b, h, 1, NULL, title);
}

/* ------------------------------------------------------------------ */
/* the journey: the grid of stages x departments */

/* Rows of the grid: the departments (by place in m->departments) that
 * own or contribute to a touchpoint, then the "no owner" row (place
 * ndepartments) when a touchpoint has no owner. */
static bool *hs_rows_used(const struct hs_doc *h)
{
	const struct model_map *m = h->m;
	bool *used = xcalloc(m->ndepartments + 1, sizeof *used);
	for (size_t r = 0; r <= m->ndepartments; r++)
		for (size_t i = 0; i < m->nstages && !used[r]; i++)
			used[r] = analysis_lane(h->d->a, i, r, NULL) > 0;
	return used;
}

static void hs_card(struct buf *b, const struct hs_doc *h, size_t si,
		    size_t j, bool helps)
{
	const struct model_touchpoint *t = &h->m->stages[si].touchpoints[j];
	size_t k = h->base[si] + j;
	buf_add(b, "<div class=\"card");
	if (helps)
		buf_add(b, " helps");
	if (t->moment)
		buf_add(b, " moment");
	buf_add(b, "\"><span class=\"name\">");
	if (t->moment) {
		buf_add(b, "<span class=\"star\" title=\"");
		hs_text(b, h->moment);
		buf_add(b, "\">\xe2\x98\x85</span> ");
	}
	hs_text(b, t->name);
	buf_add(b, "</span>");
	if (helps) {
		buf_add(b, "<span class=\"role\">");
		hs_text(b, h->contributes);
		buf_add(b, "</span> ");
	}
	hs_emotion(b, h, t);
	/* the marks once, on the owner's card (or the "no owner" row's) */
	if (!helps)
		hs_badges(b, h, &h->tp_findings, &h->tp_gaps, &h->tp_silos,
			  k);
	buf_add(b, "</div>");
}

static void hs_grid_row(struct buf *b, const struct hs_doc *h, size_t r)
{
	const struct model_map *m = h->m;
	bool nobody = r == m->ndepartments;
	buf_addf(b, "<tr%s><th class=\"dept\" scope=\"row\">",
		 nobody ? " class=\"nobody\"" : "");
	hs_text(b, nobody ? h->no_owner : m->departments[r].name);
	buf_add(b, "</th>");
	for (size_t i = 0; i < m->nstages; i++) {
		const struct analysis_lane_item *it;
		size_t n = analysis_lane(h->d->a, i, r, &it);
		buf_add(b, "<td>");
		/* what the department owns, then what it contributes to */
		for (int pass = 0; pass < 2; pass++)
			for (size_t k = 0; k < n; k++)
				if (it[k].contributes == (pass == 1))
					hs_card(b, h, i, it[k].card, pass == 1);
		buf_add(b, "</td>");
	}
	buf_add(b, "</tr>\n");
}

static void hs_grid(struct buf *b, const struct hs_doc *h)
{
	const struct model_map *m = h->m;
	bool *used = hs_rows_used(h);
	/* wide enough to read; narrower screens scroll the box */
	buf_addf(b, "<div class=\"grid-wrap\"><table class=\"grid\" "
		 "style=\"min-width:%zupx\">\n<thead><tr><th class=\"corner\">",
		 150 + 170 * m->nstages);
	hs_text(b, _("Department"));
	buf_add(b, " \xe2\x86\x93 / ");	/* ↓ */
	hs_text(b, _("Stage"));
	buf_add(b, " \xe2\x86\x92</th>");	/* → */
	for (size_t i = 0; i < m->nstages; i++) {
		buf_addf(b, "<th scope=\"col\"><span class=\"num\">%zu.</span> ",
			 i + 1);
		hs_text(b, m->stages[i].name);
		hs_badges(b, h, &h->stage_findings, &h->stage_gaps, NULL, i);
		buf_add(b, "</th>");
	}
	buf_add(b, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r <= m->ndepartments; r++)
		if (used[r])
			hs_grid_row(b, h, r);
	buf_add(b, "</tbody></table></div>\n");
	free(used);
}

static void hs_contributors(struct buf *b, const struct model_map *m,
			    const struct model_touchpoint *t)
{
	buf_add(b, "<td>");
	for (size_t k = 0; k < t->ncontributors; k++) {
		if (k)
			buf_add(b, ", ");
		hs_dept(b, m, t->contributors[k]);
	}
	buf_add(b, "</td>");
}

static void hs_stage(struct buf *b, const struct hs_doc *h, size_t si)
{
	static const char *const head[] = {
		N_("Touchpoint"), N_("Channel"), N_("Owner"),
		N_("Contributors"), N_("Emotion"), N_("Notes") };
	const struct model_map *m = h->m;
	const struct model_stage *sg = &m->stages[si];
	buf_addf(b, "<h%d id=\"%sstage%zu\">%zu. ", h->level + 2, h->id,
		 si + 1, si + 1);
	hs_text(b, sg->name);
	buf_addf(b, "</h%d>\n", h->level + 2);
	if (!text_blank(sg->description)) {
		buf_add(b, "<p>");
		hs_text_lines(b, sg->description);
		buf_add(b, "</p>\n");
	}
	if (sg->ntouchpoints == 0) {
		hs_none(b, _("No touchpoints yet."));
		return;
	}
	hs_th(b, head, sizeof head / sizeof *head);
	for (size_t j = 0; j < sg->ntouchpoints; j++) {
		const struct model_touchpoint *t = &sg->touchpoints[j];
		buf_add(b, "<tr><td>");
		if (t->moment)
			buf_add(b, "<span class=\"star\">\xe2\x98\x85</span> ");
		hs_text(b, t->name);
		buf_addc(b, ' ');
		hs_badges(b, h, &h->tp_findings, &h->tp_gaps, &h->tp_silos,
			  h->base[si] + j);
		buf_add(b, "</td>");
		hs_cell(b, t->channel);
		buf_add(b, "<td>");
		if (t->owner_id) {
			hs_dept(b, m, t->owner_id);
		} else {
			buf_add(b, "<em class=\"missing\">");
			hs_text(b, h->no_owner);
			buf_add(b, "</em>");
		}
		buf_add(b, "</td>");
		hs_contributors(b, m, t);
		buf_add(b, "<td>");
		hs_emotion(b, h, t);
		buf_add(b, "</td><td>");
		hs_text_lines(b, t->notes);
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</tbody></table></div>\n");
}

void hs_journey(struct buf *b, const struct hs_doc *h)
{
	const struct model_map *m = h->m;
	hs_section(b, h, "journey", _("Journey"));
	if (m->nstages == 0) {
		hs_none(b, _("No stages yet."));
		buf_add(b, "</section>\n");
		return;
	}
	buf_add(b, "<div class=\"curve\">");
	hs_emotion_curve(b, m, h->d);
	buf_add(b, "</div>\n");
	hs_grid(b, h);
	for (size_t i = 0; i < m->nstages; i++)
		hs_stage(b, h, i);
	buf_add(b, "</section>\n");
}

/* ------------------------------------------------------------------ */
/* matrices */

static void hs_count(struct buf *b, size_t owned, size_t helped)
{
	if (!owned && !helped) {
		buf_add(b, "<td class=\"n zero\">\xc2\xb7</td>");	/* · */
		return;
	}
	buf_add(b, "<td class=\"n\">");
	if (owned)
		buf_add_uint(b, owned);
	if (helped)
		buf_addf(b, owned ? " (%zu)" : "(%zu)", helped);
	buf_add(b, "</td>");
}

/* Departments down (as in the grid), stages across: touchpoints owned
 * and, in brackets, contributed to. */
void hs_ownership(struct buf *b, const struct hs_doc *h)
{
	const struct model_map *m = h->m;
	bool *used = hs_rows_used(h);
	hs_section(b, h, "ownership", _("Ownership"));
	buf_add(b, "<p>");
	hs_text(b, _("Touchpoints each department owns in each stage; in "
		     "brackets, those it contributes to."));
	buf_add(b, "</p>\n<div class=\"tw\"><table class=\"t\"><thead><tr><th>");
	hs_text(b, _("Department"));
	buf_add(b, "</th>");
	for (size_t i = 0; i < m->nstages; i++) {
		buf_addf(b, "<th>%zu. ", i + 1);
		hs_text(b, m->stages[i].name);
		buf_add(b, "</th>");
	}
	buf_add(b, "<th>");
	hs_text(b, _("Total"));
	buf_add(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t r = 0; r <= m->ndepartments; r++) {
		if (!used[r])
			continue;
		bool nobody = r == m->ndepartments;
		buf_add(b, nobody ? "<tr><th><em class=\"missing\">" : "<tr><th>");
		hs_text(b, nobody ? h->no_owner : m->departments[r].name);
		buf_add(b, nobody ? "</em></th>" : "</th>");
		size_t all[2] = { 0, 0 };
		for (size_t i = 0; i < m->nstages; i++) {
			const struct analysis_lane_item *it;
			size_t n = analysis_lane(h->d->a, i, r, &it), c[2] = { 0, 0 };
			for (size_t k = 0; k < n; k++)
				c[it[k].contributes]++;
			hs_count(b, c[0], c[1]);
			all[0] += c[0];
			all[1] += c[1];
		}
		hs_count(b, all[0], all[1]);
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</tbody></table></div>\n</section>\n");
	free(used);
}

/* From down, to across, only departments that hand off or receive. */
void hs_handoffs(struct buf *b, const struct hs_doc *h)
{
	const struct analysis_matrix *mx = &h->d->a->handoffs;
	bool *row = xcalloc(mx->nrows + 1, sizeof *row);
	bool *col = xcalloc(mx->ncols + 1, sizeof *col);
	size_t any = 0;
	for (size_t r = 0; r < mx->nrows; r++)
		for (size_t c = 0; c < mx->ncols; c++)
			if (mx->cells[r * mx->ncols + c]) {
				row[r] = col[c] = true;
				any++;
			}
	if (any) {
		hs_section(b, h, "handoffs", _("Handoffs"));
		buf_add(b, "<p>");
		hs_text(b, _("How often the journey passes from one department "
			     "(row) to the next (column)."));
		buf_add(b, "</p>\n<div class=\"tw\"><table class=\"t\"><thead><tr><th>");
		hs_text(b, _("From \xe2\x86\x93 / to \xe2\x86\x92"));
		buf_add(b, "</th>");
		for (size_t c = 0; c < mx->ncols; c++)
			if (col[c]) {
				buf_add(b, "<th>");
				hs_dept(b, h->m, mx->cols[c]);
				buf_add(b, "</th>");
			}
		buf_add(b, "</tr></thead>\n<tbody>\n");
		for (size_t r = 0; r < mx->nrows; r++) {
			if (!row[r])
				continue;
			buf_add(b, "<tr><th>");
			hs_dept(b, h->m, mx->rows[r]);
			buf_add(b, "</th>");
			for (size_t c = 0; c < mx->ncols; c++)
				if (col[c])
					hs_count(b, mx->cells[r * mx->ncols + c],
						 0);
			buf_add(b, "</tr>\n");
		}
		buf_add(b, "</tbody></table></div>\n</section>\n");
	}
	free(row);
	free(col);
}

/* ------------------------------------------------------------------ */
/* gaps and silos */

static void hs_status(struct buf *b, const char *label, bool open)
{
	buf_addf(b, "<td class=\"nw %s\">%s", open ? "st-open" : "st-done",
		 open ? "\xe2\x97\x8f " : "\xe2\x9c\x93 ");	/* ● ✓ */
	hs_text(b, label);
	buf_add(b, "</td>");
}

void hs_gaps(struct buf *b, const struct hs_doc *h)
{
	static const char *const head[] = {
		"#", N_("Where"), N_("Description"), N_("Severity"),
		N_("Status"), N_("Recorded") };
	const struct model_map *m = h->m;
	hs_section(b, h, "gaps", _("Gaps"));
	if (m->ngaps == 0) {
		hs_none(b, C_("gaps", "None recorded."));
		buf_add(b, "</section>\n");
		return;
	}
	hs_th(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < h->d->ngaps; i++) {
		const struct model_gap *g = h->d->gaps[i];
		size_t n = (size_t)(g - m->gaps) + 1;
		unsigned s = (unsigned)g->severity < 3 ? g->severity : 0;
		bool open = g->status == MODEL_OPEN;
		buf_add(b, "<tr id=\"");
		hs_anchor(b, h, 'g', n);
		buf_addf(b, "\"%s><td class=\"nw\">G%zu</td><td>",
			 open ? "" : " class=\"st-done\"", n);
		hs_place(b, h, g->stage_id, g->touchpoint_id);
		buf_add(b, "</td><td>");
		hs_text_lines(b, g->description);
		buf_addf(b, "</td><td><span class=\"sev sev-%u\">", s);
		hs_text(b, h->severity[s]);
		buf_add(b, "</span></td>");
		hs_status(b, h->gap_status[open ? 0 : 1], open);
		hs_date(b, g->created);
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</tbody></table></div>\n</section>\n");
}

void hs_silos(struct buf *b, const struct hs_doc *h)
{
	static const char *const head[] = {
		"#", N_("Between"), N_("Where"), N_("Description"),
		N_("Status"), N_("Recorded") };
	const struct model_map *m = h->m;
	hs_section(b, h, "silos", _("Silos"));
	if (m->nsilos == 0) {
		hs_none(b, C_("silos", "None recorded."));
		buf_add(b, "</section>\n");
		return;
	}
	hs_th(b, head, sizeof head / sizeof *head);
	/* open ones first, then as recorded */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->nsilos; i++) {
			const struct model_silo *o = &m->silos[i];
			bool open = o->status == MODEL_OPEN;
			if (open != (pass == 0))
				continue;
			buf_add(b, "<tr id=\"");
			hs_anchor(b, h, 's', i + 1);
			buf_addf(b, "\"%s><td class=\"nw\">S%zu</td><td>",
				 open ? "" : " class=\"st-done\"", i + 1);
			hs_dept(b, m, o->dept_a);
			buf_add(b, " \xe2\x86\x94 ");	/* ↔ */
			hs_dept(b, m, o->dept_b);
			buf_add(b, "</td><td>");
			hs_place(b, h, 0, o->touchpoint_id);
			buf_add(b, "</td><td>");
			hs_text_lines(b, o->description);
			buf_add(b, "</td>");
			hs_status(b, h->status[open ? 0 : 1], open);
			hs_date(b, o->created);
			buf_add(b, "</tr>\n");
		}
	buf_add(b, "</tbody></table></div>\n</section>\n");
}

/* ------------------------------------------------------------------ */
/* the plan: metrics, voices, actions, decisions */

/* Where a metric is: the journey's, or its touchpoint's place. */
void hs_metrics(struct buf *b, const struct hs_doc *h)
{
	static const char *const head[] = {
		N_("Metric"), N_("Where"), N_("Value"), N_("Target"),
		N_("On target?"), N_("Measured on"), N_("Source") };
	const struct model_map *m = h->m;
	if (m->nmetrics == 0)
		return;
	hs_section(b, h, "metrics", _("Metrics"));
	hs_th(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < m->nmetrics; i++) {
		const struct model_metric *v = &m->metrics[i];
		buf_add(b, plan_metric_target(v) == PLAN_OFF_TARGET
			? "<tr class=\"is-off\">" : "<tr>");
		hs_cell(b, v->name);
		buf_add(b, "<td>");
		if (v->touchpoint_id)
			hs_place(b, h, 0, v->touchpoint_id);
		else
			hs_text(b, _("the journey"));
		buf_add(b, "</td><td>");
		hs_value(b, v, false);
		buf_add(b, "</td><td>");
		if (v->has_target)
			hs_value(b, v, true);
		buf_add(b, "</td><td>");
		hs_target(b, v);
		buf_add(b, "</td>");
		hs_cell(b, v->measured);
		hs_cell(b, v->source);
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</tbody></table></div>\n</section>\n");
}

static void hs_voice_list(struct buf *b, const struct hs_doc *h,
			  enum model_ref_kind k, int64_t id,
			  int64_t stage_id, int64_t tp_id, const char *gap)
{
	size_t n;
	const size_t *at = plan_index_voices(h->plan, (struct model_ref){ k, id },
					     &n);
	if (n == 0)
		return;
	buf_addf(b, "<h%d>", h->level + 2);
	if (gap)
		hs_text(b, gap);
	else
		hs_place(b, h, stage_id, tp_id);
	buf_addf(b, "</h%d>\n", h->level + 2);
	for (size_t i = 0; i < n; i++) {
		const struct model_voice *v = &h->m->voices[at[i]];
		buf_add(b, "<blockquote><p>\xe2\x80\x9c");	/* “ */
		hs_text_lines(b, v->text);
		buf_add(b, "\xe2\x80\x9d</p><p class=\"who\">\xe2\x80\x94 ");
		hs_text(b, plan_voice_kind_label(v->kind));
		if (v->source[0]) {
			buf_add(b, ", ");
			hs_text(b, v->source);
		}
		if (v->date[0]) {
			buf_add(b, ", ");
			hs_text(b, v->date);
		}
		buf_add(b, "</p></blockquote>\n");
	}
}

/* Grouped by where, in journey order, then the gaps'. */
void hs_voices(struct buf *b, const struct hs_doc *h)
{
	const struct model_map *m = h->m;
	if (m->nvoices == 0)
		return;
	hs_section(b, h, "voices", _("Voices"));
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		hs_voice_list(b, h, MODEL_REF_STAGE, sg->id, sg->id, 0, NULL);
		for (size_t j = 0; j < sg->ntouchpoints; j++)
			hs_voice_list(b, h, MODEL_REF_TOUCHPOINT,
				      sg->touchpoints[j].id, 0,
				      sg->touchpoints[j].id, NULL);
	}
	for (size_t i = 0; i < m->ngaps; i++) {
		char *title = xasprintf(_("Voices on gap %zu"), i + 1);
		hs_voice_list(b, h, MODEL_REF_GAP, m->gaps[i].id, 0, 0, title);
		free(title);
	}
	buf_add(b, "</section>\n");
}

/* What an action fixes or a decision is about, in words. */
static void hs_ref(struct buf *b, const struct hs_doc *h, struct model_ref r)
{
	const struct model_map *m = h->m;
	const struct model_gap *g;
	const struct model_silo *o;
	const struct model_metric *v;
	const struct model_action *a;
	switch (r.kind) {
	case MODEL_REF_STAGE:
		hs_place(b, h, r.id, 0);
		return;
	case MODEL_REF_TOUCHPOINT:
		hs_place(b, h, 0, r.id);
		return;
	case MODEL_REF_GAP:
		if (!(g = model_gap(m, r.id)))
			break;
		buf_add(b, "<a href=\"#");
		hs_anchor(b, h, 'g', (size_t)(g - m->gaps) + 1);
		buf_addf(b, "\">G%zu</a> ", (size_t)(g - m->gaps) + 1);
		hs_text(b, g->description);
		return;
	case MODEL_REF_SILO:
		if (!(o = model_silo(m, r.id)))
			break;
		buf_add(b, "<a href=\"#");
		hs_anchor(b, h, 's', (size_t)(o - m->silos) + 1);
		buf_addf(b, "\">S%zu</a> ", (size_t)(o - m->silos) + 1);
		hs_dept(b, m, o->dept_a);
		buf_add(b, " \xe2\x86\x94 ");
		hs_dept(b, m, o->dept_b);
		return;
	case MODEL_REF_DEPARTMENT:
		if (!model_department(m, r.id))
			break;
		hs_dept(b, m, r.id);
		return;
	case MODEL_REF_METRIC:
		if (!(v = plan_metric(m, r.id)))
			break;
		hs_text(b, v->name);
		return;
	case MODEL_REF_ACTION:
		if (!(a = plan_action(m, r.id)))
			break;
		hs_text(b, a->title);
		return;
	case MODEL_REF_MAP:
	case MODEL_REF_NONE:
		break;
	}
	buf_add(b, "<em>");
	hs_text(b, h->whole_map);
	buf_add(b, "</em>");
}

static void hs_action_row(struct buf *b, const struct hs_doc *h,
			  const struct model_action *a)
{
	bool overdue = plan_action_overdue(a, h->d->today);
	bool done = a->status == MODEL_ACTION_DONE ||
		    a->status == MODEL_ACTION_DROPPED;
	buf_add(b, done ? "<tr class=\"st-done\">" : "<tr>");
	hs_cell(b, a->title);
	buf_add(b, "<td>");
	hs_ref(b, h, a->fixes);
	buf_add(b, "</td><td>");
	if (model_department(h->m, a->owner_id)) {
		hs_dept(b, h->m, a->owner_id);
	} else {
		buf_add(b, "<em class=\"missing\">");
		hs_text(b, h->no_owner);
		buf_add(b, "</em>");
	}
	buf_add(b, "</td>");
	hs_cell(b, a->person);
	hs_cell(b, plan_action_status_label(a->status));
	buf_add(b, "<td>");
	hs_text(b, a->due);
	if (overdue) {
		buf_add(b, " <span class=\"overdue\">\xe2\x9a\xa0 ");	/* ⚠ */
		hs_text(b, _("overdue"));
		buf_add(b, "</span>");
	}
	buf_addf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
		 "</tr>\n", a->impact, a->effort);
}

void hs_actions(struct buf *b, const struct hs_doc *h)
{
	static const char *const head[] = {
		N_("Action"), N_("Fixes"), N_("Owner"), N_("Person"),
		N_("Status"), N_("Due"), N_("Impact"), N_("Effort") };
	const struct model_map *m = h->m;
	if (m->nactions == 0)
		return;
	hs_section(b, h, "actions", _("Actions"));
	buf_add(b, "<p>");
	hs_text(b, _("By priority: impact over effort, then the due date."));
	buf_add(b, "</p>\n");
	struct model_action *v = xmalloc(m->nactions * sizeof *v);
	memcpy(v, m->actions, m->nactions * sizeof *v);
	qsort(v, m->nactions, sizeof *v, plan_action_compare);
	hs_th(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < m->nactions; i++)
		hs_action_row(b, h, &v[i]);
	buf_add(b, "</tbody></table></div>\n</section>\n");
	free(v);	/* shallow copies: the map owns their texts */
}

void hs_decisions(struct buf *b, const struct hs_doc *h)
{
	static const char *const head[] = {
		N_("Finding"), N_("About"), N_("Decision"), N_("Reason"),
		N_("Who"), N_("When") };
	const struct model_map *m = h->m;
	if (m->ndecisions == 0)
		return;
	hs_section(b, h, "decisions", _("Decisions on findings"));
	hs_th(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < m->ndecisions; i++) {
		const struct model_decision *v = &m->decisions[i];
		int k = analysis_kind_parse(v->finding);
		buf_add(b, "<tr>");
		hs_cell(b, k >= 0 ? analysis_kind_label(k) : v->finding);
		buf_add(b, "<td>");
		for (int j = 0; j < 2; j++) {
			if (v->subject[j].kind == MODEL_REF_NONE)
				continue;
			if (j)
				buf_add(b, "; ");
			hs_ref(b, h, v->subject[j]);
		}
		buf_add(b, "</td>");
		hs_cell(b, plan_decision_label(v->decision));
		hs_cell(b, v->reason);
		hs_cell(b, v->who);
		hs_date(b, v->at);
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</tbody></table></div>\n</section>\n");
}
