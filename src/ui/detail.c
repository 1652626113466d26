/* detail.c - the detail pane: the selected card whole, beside the board
 * on a wide terminal, and the card markers.  Drawn from the model only:
 * what the store loaded, no SQL; every text through draw.c (width-aware,
 * control characters never raw). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "ui/app.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/term.h"
#include "util/i18n.h"
#include "util/xalloc.h"

int detail_width(void)
{
	if (COLS < DETAIL_MIN_COLS)
		return 0;
	/* a third of the screen, at most 60 cells: the board keeps room
	 * for four columns of cards */
	int w = COLS / 3;
	return w > 60 ? 60 : w;
}

const char *detail_glyph(enum detail_glyph g)
{
	static const char *const utf8[] = { "\xe2\x96\xbc", "\xe2\x80\x9c",
					     "?", "\xe2\x98\x85" };
	static const char *const ascii[] = { "v", "\"", "?", "*" };
	return term_utf8() ? utf8[g] : ascii[g];
}

static bool detail_about(const struct model_voice *v, enum model_ref_kind k,
			 int64_t id)
{
	return v->about.kind == k && v->about.id == id;
}

struct detail_marks detail_marks(const struct model_map *m,
				 const struct model_touchpoint *t)
{
	struct detail_marks dm = { .moment = t->moment };
	for (size_t i = 0; i < m->nmetrics; i++)
		dm.off_target += m->metrics[i].touchpoint_id == t->id &&
				 plan_metric_target(&m->metrics[i]) ==
				 PLAN_OFF_TARGET;
	for (size_t i = 0; i < m->nvoices; i++)
		dm.voices += detail_about(&m->voices[i], MODEL_REF_TOUCHPOINT,
					  t->id);
	dm.assumption = t->has_emotion && t->emotion < 0 && !dm.voices;
	return dm;
}

/* ------------------------------------------------------------------ */
/* a column of wrapped lines that stops at the bottom of the body */

struct detail_out {
	int y, bottom, x, w;
	bool cut;	/* something did not fit */
};

/* One paragraph (up to a newline) wrapped, indented by `ind` after the
 * first line. */
static void detail_para(struct detail_out *o, const char *s, size_t len,
			int ind, attr_t at)
{
	char *p = xstrndup(s, len);
	size_t st[9];
	size_t n = draw_wrap(p, o->w - ind, st, 8);
	if (n == 0)
		st[n++] = 0, st[1] = 0;
	for (size_t k = 0; k < n; k++) {
		if (o->y >= o->bottom) {
			o->cut = true;
			break;
		}
		char *part = xstrndup(p + st[k], st[k + 1] - st[k]);
		int in = k ? ind : 0;
		draw_text(o->y++, o->x + in, part, o->w - in, at);
		free(part);
	}
	free(p);
}

/* A text of several lines, each wrapped. */
static void detail_text(struct detail_out *o, const char *s, int ind,
			attr_t at)
{
	do {
		size_t len = strcspn(s, "\n");
		detail_para(o, s, len, ind, at);
		s += len;
	} while (*s++ == '\n' && *s);
}

/* "Label: value", the value wrapped under itself. */
static void detail_pair(struct detail_out *o, const char *label,
			const char *value)
{
	if (o->y >= o->bottom) {
		o->cut = true;
		return;
	}
	char *l = xasprintf("%s: ", label);
	int lw = draw_text(o->y, o->x, l, o->w, A_BOLD);
	free(l);
	struct detail_out v = *o;
	v.x += lw;
	v.w -= lw;
	detail_text(&v, *value ? value : "-", 0, A_NORMAL);
	o->y = v.y > o->y ? v.y : o->y + 1;
	o->cut |= v.cut;
}

static void detail_heading(struct detail_out *o, const char *title, size_t n)
{
	o->y += o->y < o->bottom;	/* a blank line before */
	char *t = xasprintf("%s (%zu)", title, n);
	detail_text(o, t, 0, A_BOLD | A_UNDERLINE);
	free(t);
}

/* ------------------------------------------------------------------ */
/* the items */

static char *detail_number(double v)
{
	return xasprintf("%g", v);
}

static void detail_metric(struct detail_out *o, const struct model_metric *v)
{
	char *val = v->has_value ? detail_number(v->value)
				 : xstrdup(*v->value_text ? v->value_text : "-");
	char *line;
	if (v->has_target) {
		char *tg = detail_number(v->target);
		line = xasprintf("%s %s / %s%s%s", v->name, val, tg,
				 *v->unit ? " " : "", v->unit);
		free(tg);
	} else {
		line = xasprintf("%s %s%s%s", v->name, val,
				 *v->unit ? " " : "", v->unit);
	}
	enum plan_target on = plan_metric_target(v);
	char *full = on == PLAN_NO_TARGET ? xstrdup(line)
		: xasprintf("%s %s %s", line,
			    on == PLAN_OFF_TARGET ? detail_glyph(DETAIL_OFF_TARGET)
						  : "=",
			    on == PLAN_OFF_TARGET ? _("off target")
						  : _("on target"));
	detail_text(o, full, 2, on == PLAN_OFF_TARGET ? term_attr(TERM_GAP)
						       : A_NORMAL);
	if (*v->measured || *v->source) {
		char *src = xasprintf("  %s%s%s", v->source,
				      *v->source && *v->measured ? ", " : "",
				      v->measured);
		detail_text(o, src, 4, term_attr(TERM_DIM));
		free(src);
	}
	free(full);
	free(line);
	free(val);
}

static void detail_voice(struct detail_out *o, const struct model_voice *v)
{
	char *q = xasprintf("%s %s: %s", detail_glyph(DETAIL_VOICE),
			    plan_voice_kind_label(v->kind), v->text);
	detail_text(o, q, 2, A_NORMAL);
	free(q);
	if (*v->source || *v->date) {
		char *src = xasprintf("  %s%s%s", v->source,
				      *v->source && *v->date ? ", " : "",
				      v->date);
		detail_text(o, src, 4, term_attr(TERM_DIM));
		free(src);
	}
}

static const char *detail_dept(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : _("(no owner)");
}

static void detail_action(struct detail_out *o, const struct model_map *m,
			  const struct model_action *ac, const char *today)
{
	char *t = xasprintf("[%s] %s", plan_action_status_label(ac->status),
			    ac->title);
	detail_text(o, t, 2, plan_action_live(ac) ? A_NORMAL
						  : term_attr(TERM_DIM));
	free(t);
	bool late = plan_action_overdue(ac, today);
	char *due = *ac->due ? xasprintf(late ? _(", due %s, OVERDUE")
					      : _(", due %s"), ac->due)
			     : xstrdup("");
	char *who = xasprintf("  %s%s%s%s", detail_dept(m, ac->owner_id),
			      *ac->person ? " / " : "", ac->person, due);
	detail_text(o, who, 4, late ? term_attr(TERM_GAP) : term_attr(TERM_DIM));
	free(who);
	free(due);
}

static void detail_gap(struct detail_out *o, const struct model_gap *g)
{
	char *s = xasprintf("! %s (%s, %s)", g->description,
			    model_severity_label(g->severity),
			    model_gap_status_label(g->status));
	detail_text(o, s, 2, g->status == MODEL_OPEN ? term_attr(TERM_GAP)
						      : term_attr(TERM_DIM));
	free(s);
}

static void detail_silo(struct detail_out *o, const struct model_map *m,
			const struct model_silo *k)
{
	char *s = xasprintf("%s %s / %s: %s (%s)", term_glyph(G_SILO),
			    detail_dept(m, k->dept_a), detail_dept(m, k->dept_b),
			    k->description, model_status_label(k->status));
	detail_text(o, s, 2, k->status == MODEL_OPEN ? term_attr(TERM_SILO)
						      : term_attr(TERM_DIM));
	free(s);
}

/* Does an action fix this touchpoint, or a gap or silo recorded on it? */
static bool detail_fixes(const struct model_map *m,
			 const struct model_action *ac, int64_t tp)
{
	const struct model_gap *g;
	const struct model_silo *k;
	switch (ac->fixes.kind) {
	case MODEL_REF_TOUCHPOINT:
		return ac->fixes.id == tp;
	case MODEL_REF_GAP:
		g = model_gap(m, ac->fixes.id);
		return g && g->touchpoint_id == tp;
	case MODEL_REF_SILO:
		k = model_silo(m, ac->fixes.id);
		return k && k->touchpoint_id == tp;
	default:
		return false;
	}
}

static const char *const detail_emotions[] = {
	N_("-2  very negative"), N_("-1  negative"), N_(" 0  neutral"),
	N_("+1  positive"), N_("+2  very positive"),
};

static void detail_people(struct detail_out *o, const struct model_map *m,
			  const struct model_touchpoint *t)
{
	detail_pair(o, _("Owner"), detail_dept(m, t->owner_id));
	char *c = xstrdup("");
	for (size_t i = 0; i < t->ncontributors; i++) {
		const struct model_department *d =
			model_department(m, t->contributors[i]);
		char *n = xasprintf("%s%s%s", c, i ? ", " : "",
				    d ? d->name : "?");
		free(c);
		c = n;
	}
	detail_pair(o, _("Contributors"), c);
	free(c);
}

static void detail_tp(struct detail_out *o, const struct model_map *m,
		      const struct model_stage *sg,
		      const struct model_touchpoint *t)
{
	char *name = t->moment ? xasprintf("%s %s", detail_glyph(DETAIL_MOMENT),
					   t->name)
			       : xstrdup(t->name);
	detail_text(o, name, 0, A_BOLD);
	free(name);
	if (t->moment)
		detail_text(o, _("Moment of truth"), 0, A_BOLD);
	detail_pair(o, _("Stage"), sg->name);
	detail_pair(o, _("Channel"), t->channel);
	detail_people(o, m, t);
	detail_pair(o, _("Emotion"), t->has_emotion
		    ? _(detail_emotions[t->emotion - MODEL_EMOTION_MIN])
		    : _("not set"));
	if (*t->notes)
		detail_pair(o, _("Notes"), t->notes);

	size_t n = 0;
	for (size_t i = 0; i < m->nmetrics; i++)
		n += m->metrics[i].touchpoint_id == t->id;
	detail_heading(o, _("Metrics"), n);
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].touchpoint_id == t->id)
			detail_metric(o, &m->metrics[i]);

	n = 0;
	for (size_t i = 0; i < m->nvoices; i++)
		n += detail_about(&m->voices[i], MODEL_REF_TOUCHPOINT, t->id);
	detail_heading(o, _("Voices"), n);
	if (!n && t->has_emotion && t->emotion < 0)
		detail_text(o, _("? A pain with no voice behind it: an assumption"),
			    2, term_attr(TERM_GAP));
	for (size_t i = 0; i < m->nvoices; i++)
		if (detail_about(&m->voices[i], MODEL_REF_TOUCHPOINT, t->id))
			detail_voice(o, &m->voices[i]);

	n = 0;
	for (size_t i = 0; i < m->ngaps; i++)
		n += m->gaps[i].touchpoint_id == t->id;
	for (size_t i = 0; i < m->nsilos; i++)
		n += m->silos[i].touchpoint_id == t->id;
	detail_heading(o, _("Gaps and silos"), n);
	for (size_t i = 0; i < m->ngaps; i++)
		if (m->gaps[i].touchpoint_id == t->id)
			detail_gap(o, &m->gaps[i]);
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].touchpoint_id == t->id)
			detail_silo(o, m, &m->silos[i]);

	char today[11];
	plan_today(today);
	n = 0;
	for (size_t i = 0; i < m->nactions; i++)
		n += detail_fixes(m, &m->actions[i], t->id);
	detail_heading(o, _("Actions"), n);
	for (size_t i = 0; i < m->nactions; i++)
		if (detail_fixes(m, &m->actions[i], t->id))
			detail_action(o, m, &m->actions[i], today);
}

/* Under a stage: the journey as a whole, who answers for it and how
 * its success is measured. */
static void detail_journey(struct detail_out *o, const struct model_map *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nmetrics; i++)
		n += m->metrics[i].touchpoint_id == 0;
	detail_heading(o, _("The journey"), n);
	detail_pair(o, _("Journey owner"), m->owner);
	detail_pair(o, _("CX lead"), m->cx_lead);
	if (*m->success)
		detail_pair(o, _("Definition of success"), m->success);
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].touchpoint_id == 0)
			detail_metric(o, &m->metrics[i]);
}

static void detail_stage(struct detail_out *o, const struct model_map *m,
			 const struct model_stage *sg)
{
	detail_text(o, sg->name, 0, A_BOLD);
	char *n = xasprintf(ngettext("%zu touchpoint", "%zu touchpoints",
				     sg->ntouchpoints), sg->ntouchpoints);
	detail_text(o, n, 0, A_NORMAL);
	free(n);
	if (*sg->description)
		detail_pair(o, _("Description"), sg->description);
	size_t k = 0;
	for (size_t i = 0; i < m->nvoices; i++)
		k += detail_about(&m->voices[i], MODEL_REF_STAGE, sg->id);
	detail_heading(o, _("Voices"), k);
	for (size_t i = 0; i < m->nvoices; i++)
		if (detail_about(&m->voices[i], MODEL_REF_STAGE, sg->id))
			detail_voice(o, &m->voices[i]);
	k = 0;
	for (size_t i = 0; i < m->ngaps; i++)
		k += m->gaps[i].stage_id == sg->id && !m->gaps[i].touchpoint_id;
	detail_heading(o, _("Gaps"), k);
	for (size_t i = 0; i < m->ngaps; i++)
		if (m->gaps[i].stage_id == sg->id && !m->gaps[i].touchpoint_id)
			detail_gap(o, &m->gaps[i]);
	detail_journey(o, m);
}

void detail_draw(const struct app *a, int x, int w)
{
	int top = app_body_top(), h = app_body_lines();
	for (int k = 0; k < h; k++) {
		draw_fill(top + k, x, w, NULL, A_NORMAL);
		draw_text(top + k, x, term_glyph(G_VLINE), 1,
			  term_attr(TERM_DIM));
	}
	struct detail_out o = { .y = top, .bottom = top + h, .x = x + 2,
				.w = w - 3 };
	const struct model_stage *sg = app_stage(a);
	const struct model_touchpoint *t = app_touchpoint(a);
	if (t)
		detail_tp(&o, a->map, sg, t);
	else if (sg)
		detail_stage(&o, a->map, sg);
	if (o.cut)	/* the form shows it all */
		draw_field(top + h - 1, o.x,
			   _("... more: e shows every field"), o.w,
			   term_attr(TERM_DIM) | A_BOLD);
}
