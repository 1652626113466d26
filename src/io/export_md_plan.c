/* export_md_plan.c - the plan's parts of the Markdown export: the journey
 * owner, CX lead and definition of success, the success metrics, each
 * touchpoint's metrics and voices, the actions table (also
 * export_markdown_actions) and the decisions on findings.  Moved out of
 * export_md.c as it was; the text writers are there. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/export_md.h"
#include "io/export_md_private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* metrics and voices */

/* A metric's value with its unit ("18 %"), or its text; target true:
 * the target with the direction that is better ("≤ 5 %"). */
void md_value(struct buf *b, const struct model_metric *v, bool target)
{
	char *text = plan_metric_amount(v, target);
	md_inline(b, text);
	free(text);
}

/* "on target", or "off target" in bold (a marker), or nothing. */
void md_target_state(struct buf *b, const struct md_doc *d,
		     const struct model_metric *v)
{
	switch (plan_metric_target(v)) {
	case PLAN_ON_TARGET:
		md_inline(b, _("on target"));
		break;
	case PLAN_OFF_TARGET:
		buf_add(b, "**");
		md_inline(b, _("off target"));
		buf_add(b, "**");
		*d->marks |= MD_MARK_OFF_TARGET;
		break;
	case PLAN_NO_TARGET:
		break;
	}
}

static void md_metric_row(struct buf *b, const struct md_doc *d,
			  const struct model_map *m,
			  const struct model_metric *v)
{
	size_t at = md_open(b);
	if (v->touchpoint_id)
		md_where(b, d->w, m, 0, v->touchpoint_id);
	else
		md_emphasis(b, _("the whole journey"));
	md_close(b, at);
	md_cell(b, v->name);
	at = md_open(b);
	md_value(b, v, false);
	md_close(b, at);
	at = md_open(b);
	md_value(b, v, true);
	md_close(b, at);
	at = md_open(b);
	md_target_state(b, d, v);
	md_close(b, at);
	md_cell(b, v->measured);
	md_cell(b, v->source);
	md_row_end(b);
}

/* Every metric in one table, by where it is (digest order). */
void md_metrics(struct buf *b, const struct md_doc *d,
		const struct model_map *m)
{
	static const char *const head[] = {
		N_("Where"), N_("Metric"), N_("Value"), N_("Target"),
		N_("On target?"), N_("Measured on"), N_("Source") };
	if (d->dg->nmetrics == 0)
		return;
	md_heading(b, d, MD_PART, 0, _("Metrics"));
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < d->dg->nmetrics; i++)
		md_metric_row(b, d, m, d->dg->metrics[i]);
	buf_addc(b, '\n');
}

/* What people said, in one table grouped by what it is about (digest
 * order): the place once at the head of its group. */
void md_voices(struct buf *b, const struct md_doc *d,
	       const struct model_map *m)
{
	static const char *const head[] = {
		N_("About"), N_("Voice"), N_("From"), N_("Source"),
		N_("Date") };
	if (d->dg->nvoices == 0)
		return;
	md_heading(b, d, MD_PART, 0, _("Voices"));
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < d->dg->nvoices; i++) {
		const struct model_voice *v = d->dg->voices[i];
		size_t at = md_open(b);
		if (i == 0 || v->about.kind != d->dg->voices[i - 1]->about.kind ||
		    v->about.id != d->dg->voices[i - 1]->about.id)
			md_ref(b, d->w, m, v->about);
		md_close(b, at);
		at = md_open(b);
		buf_add(b, "\xe2\x80\x9c");	/* U+201C “ */
		md_inline(b, v->text);
		buf_add(b, "\xe2\x80\x9d");	/* ” */
		md_close(b, at);
		md_cell(b, plan_voice_kind_label(v->kind));
		md_cell(b, v->source);
		md_cell(b, v->date);
		md_row_end(b);
	}
	buf_addc(b, '\n');
}

/* The journey owner and CX lead, a missing one said plainly. */
void md_leads(struct buf *b, const struct model_map *m)
{
	const char *who[2] = { m->owner, m->cx_lead };
	const char *label[2] = { _("Journey owner:"), _("CX lead:") };
	const char *none[2] = {
		_("nobody is named: no one answers for this journey as a "
		  "whole."),
		_("nobody is named.") };
	for (int i = 0; i < 2; i++) {
		struct buf t = { 0 };
		buf_add(&t, "**");
		md_inline(&t, label[i]);
		buf_add(&t, "** ");
		if (who[i] && !text_blank(who[i])) {
			md_inline(&t, who[i]);
		} else {
			buf_addc(&t, '_');
			md_inline(&t, none[i]);
			buf_addc(&t, '_');
		}
		size_t col = 0;
		md_wrap(b, &col, 0, t.data, t.len);
		buf_add(b, i ? "\n\n" : "\\\n");
		buf_free(&t);
	}
}

/* ------------------------------------------------------------------ */
/* actions and decisions */

/* What a reference names, in words: "2. Stage › Touchpoint", "Gap 1:
 * ...", a department, a metric, an action. */
void md_ref(struct buf *b, const struct md_words *w,
		   const struct model_map *m, struct model_ref r)
{
	const struct model_gap *g;
	const struct model_silo *o;
	const struct model_metric *v;
	const struct model_action *a;
	const struct model_department *d;
	switch (r.kind) {
	case MODEL_REF_STAGE:
		md_where(b, w, m, r.id, 0);
		return;
	case MODEL_REF_TOUCHPOINT:
		md_where(b, w, m, 0, r.id);
		return;
	case MODEL_REF_GAP:
		if (!(g = model_gap(m, r.id)))
			break;
		buf_addf(b, _("gap %zu"), (size_t)(g - m->gaps) + 1);
		buf_add(b, ": ");
		md_inline(b, g->description);
		return;
	case MODEL_REF_SILO:
		if (!(o = model_silo(m, r.id)))
			break;
		buf_addf(b, _("silo %zu"), (size_t)(o - m->silos) + 1);
		buf_add(b, ": ");
		md_inline(b, md_dept_name(m, o->dept_a));
		buf_add(b, " \xe2\x86\x94 ");	/* U+2194 ↔ */
		md_inline(b, md_dept_name(m, o->dept_b));
		return;
	case MODEL_REF_DEPARTMENT:
		if (!(d = model_department(m, r.id)))
			break;
		md_inline(b, d->name);
		return;
	case MODEL_REF_METRIC:
		if (!(v = plan_metric(m, r.id)))
			break;
		md_inline(b, v->name);
		return;
	case MODEL_REF_ACTION:
		if (!(a = plan_action(m, r.id)))
			break;
		md_inline(b, a->title);
		return;
	case MODEL_REF_MAP:
	case MODEL_REF_NONE:
		break;
	}
	md_emphasis(b, w->whole_map);
}

static void md_action_row(struct buf *b, const struct md_words *w,
			  const struct model_map *m,
			  const struct model_action *a)
{
	md_cell(b, a->title);
	size_t at = md_open(b);
	md_ref(b, w, m, a->fixes);
	md_close(b, at);
	at = md_open(b);
	if (model_department(m, a->owner_id))
		md_inline(b, md_dept_name(m, a->owner_id));
	else
		md_emphasis(b, w->no_owner);
	md_close(b, at);
	md_cell(b, a->person);
	md_cell(b, plan_action_status_label(a->status));
	at = md_open(b);
	md_inline(b, a->due);
	if (plan_action_overdue(a, w->today)) {
		buf_add(b, " **");
		md_inline(b, _("overdue"));
		buf_add(b, "**");
	}
	md_close(b, at);
	at = md_open(b);
	buf_add_int(b, a->impact);
	md_close(b, at);
	at = md_open(b);
	buf_add_int(b, a->effort);
	md_close(b, at);
	md_row_end(b);
}

static void md_actions_table(struct buf *b, const struct md_words *w,
			     const struct model_map *m,
			     const struct model_action *v, size_t n)
{
	static const char *const head[] = {
		N_("Action"), N_("Fixes"), N_("Owner"), N_("Person"),
		N_("Status"), N_("Due"), N_("Impact"), N_("Effort") };
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < n; i++)
		md_action_row(b, w, m, &v[i]);
	buf_addc(b, '\n');
}

char *export_markdown_actions(const struct model_map *m, const char *title,
			      const struct model_action *list, size_t n)
{
	struct buf b = { 0 };
	struct md_words w;
	md_words_init(&w);
	buf_add(&b, "# ");
	md_inline(&b, title);
	buf_add(&b, "\n\n");
	if (n == 0)
		md_none(&b, C_("actions", "None recorded."));
	else
		md_actions_table(&b, &w, m, list, n);
	/* one newline at the end, not two */
	b.data[--b.len] = '\0';
	return buf_take(&b);
}

/* Every action, by priority (plan_action_compare). */
void md_actions(struct buf *b, const struct md_doc *d,
		const struct model_map *m)
{
	if (m->nactions == 0)
		return;
	md_heading(b, d, MD_PART, 0, _("Actions"));
	md_sentence(b, _("By priority: impact over effort, then the due date."));
	struct model_action *v = xmalloc(m->nactions * sizeof *v);
	memcpy(v, m->actions, m->nactions * sizeof *v);
	qsort(v, m->nactions, sizeof *v, plan_action_compare);
	md_actions_table(b, d->w, m, v, m->nactions);
	free(v);	/* shallow copies: the map owns their texts */
}

void md_decisions(struct buf *b, const struct md_doc *d,
		  const struct model_map *m)
{
	static const char *const head[] = {
		N_("Finding"), N_("About"), N_("Decision"), N_("Reason"),
		N_("Who"), N_("When") };
	if (m->ndecisions == 0)
		return;
	md_heading(b, d, MD_PART, 0, _("Decisions on findings"));
	md_table_head(b, head, sizeof head / sizeof *head);
	for (size_t i = 0; i < m->ndecisions; i++) {
		const struct model_decision *v = &m->decisions[i];
		int k = analysis_kind_parse(v->finding);
		md_cell(b, k >= 0 ? analysis_kind_label(k) : v->finding);
		size_t at = md_open(b);
		for (int j = 0; j < 2; j++) {
			if (v->subject[j].kind == MODEL_REF_NONE)
				continue;
			if (j)
				buf_add(b, "; ");
			md_ref(b, d->w, m, v->subject[j]);
		}
		md_close(b, at);
		md_cell(b, plan_decision_label(v->decision));
		md_cell(b, v->reason);
		md_cell(b, v->who);
		md_date(b, v->at);
		md_row_end(b);
	}
	buf_addc(b, '\n');
}

/* The journey's success metrics against their targets, one item each:
 * "NPS: 32 — target ≥ 40 — off target". */
void md_success(struct buf *b, const struct md_doc *d,
		const struct model_map *m)
{
	size_t n;
	const size_t *pos = plan_index_metrics(d->plan, 0, &n);
	if (n == 0)
		return;
	size_t col = 0;
	md_wrap_text(b, &col, 0, _("Success metrics:"));
	buf_add(b, "\n\n");
	const char *dash = " \xe2\x80\x94 ";	/* U+2014 em dash */
	for (size_t i = 0; i < n; i++) {
		const struct model_metric *v = &m->metrics[pos[i]];
		struct buf t = { 0 };
		md_inline(&t, v->name);
		buf_add(&t, ": ");
		size_t at = t.len;
		md_value(&t, v, false);
		if (t.len == at)
			md_emphasis(&t, _("not measured yet"));
		if (v->has_target) {
			buf_add(&t, dash);
			md_inline(&t, _("target"));
			buf_addc(&t, ' ');
			md_value(&t, v, true);
		}
		if (plan_metric_target(v) != PLAN_NO_TARGET) {
			buf_add(&t, dash);
			md_target_state(&t, d, v);
		}
		md_item_md(b, 0, "- ", t.data);
		buf_free(&t);
	}
	buf_addc(b, '\n');
}
