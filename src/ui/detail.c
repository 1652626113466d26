/* detail.c - the detail pane: the selected card whole, beside the board
 * on a wide terminal, and the card markers.  Drawn from the model only:
 * what the store loaded, no SQL; every text through draw.c (width-aware,
 * control characters never raw). */
#include <config.h>

#include <stdint.h>
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

/* ------------------------------------------------------------------ */
/* the index: lists threaded through the map's arrays, a head per card
 * (and per stage), the next item in `next` */

#define DX_END UINT32_MAX
enum dx_list { DX_METRIC, DX_VOICE, DX_GAP, DX_SILO, DX_ACTION, DX_LISTS };

struct detail_index {
	const struct model_map *map;	/* what it was made for */
	uint64_t generation;
	size_t sizes[DX_LISTS + 2];
	size_t *stage_off;	/* a stage's first card slot */
	uint32_t *card[DX_LISTS];	/* heads per card slot */
	uint32_t *stage[DX_LISTS];	/* heads per stage (voices, gaps) */
	uint32_t journey;	/* the journey's metrics */
	uint32_t *next[DX_LISTS];	/* by the item's place in its array */
};

struct detail_index *detail_index_new(void)
{
	return xcalloc(1, sizeof(struct detail_index));
}

static void dx_clear(struct detail_index *x)
{
	free(x->stage_off);
	for (int l = 0; l < DX_LISTS; l++) {
		free(x->card[l]);
		free(x->stage[l]);
		free(x->next[l]);
	}
	memset(x, 0, sizeof *x);
}

void detail_index_free(struct detail_index *x)
{
	if (x)
		dx_clear(x);
	free(x);
}

static void dx_sizes(const struct model_map *m, size_t *v)
{
	size_t k[] = { m->nmetrics, m->nvoices, m->ngaps, m->nsilos,
		       m->nactions, m->nstages, model_touchpoint_count(m) };
	memcpy(v, k, sizeof k);
}

/* A touchpoint's card slot, or SIZE_MAX when the map has none such. */
static size_t dx_card(const struct detail_index *x, const struct model_map *m,
		      int64_t tp)
{
	size_t si;
	const struct model_touchpoint *t = tp ? model_touchpoint(m, tp, &si)
					      : NULL;
	return t ? x->stage_off[si] + (size_t)(t - m->stages[si].touchpoints)
		 : SIZE_MAX;
}

static size_t dx_stage(const struct model_map *m, int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	return sg ? (size_t)(sg - m->stages) : SIZE_MAX;
}

/* Puts item i first on the list at *head (items go in backwards, so each
 * list is in the array's order). */
static void dx_push(struct detail_index *x, enum dx_list l, uint32_t *head,
		    size_t i)
{
	x->next[l][i] = *head;
	*head = (uint32_t)i;
}

static void dx_heads(uint32_t **v, size_t n)
{
	*v = xcalloc(n + 1, sizeof **v);
	for (size_t i = 0; i <= n; i++)
		(*v)[i] = DX_END;
}

/* Where an item goes: a card slot (*st false) or a stage (*st true). */
static size_t dx_place(const struct detail_index *x, const struct model_map *m,
		       enum dx_list l, size_t i, bool *st)
{
	const struct model_ref *r;
	const struct model_gap *g;
	const struct model_silo *k;
	*st = false;
	switch (l) {
	case DX_METRIC:
		return dx_card(x, m, m->metrics[i].touchpoint_id);
	case DX_VOICE:
		r = &m->voices[i].about;
		*st = r->kind == MODEL_REF_STAGE;
		return *st ? dx_stage(m, r->id)
		     : r->kind == MODEL_REF_TOUCHPOINT ? dx_card(x, m, r->id)
						       : SIZE_MAX;
	case DX_GAP:
		g = &m->gaps[i];
		*st = !g->touchpoint_id;
		return *st ? dx_stage(m, g->stage_id)
			   : dx_card(x, m, g->touchpoint_id);
	case DX_SILO:
		return dx_card(x, m, m->silos[i].touchpoint_id);
	case DX_ACTION:
		/* what it fixes, or the gap or silo it fixes, on a card */
		r = &m->actions[i].fixes;
		if (r->kind == MODEL_REF_TOUCHPOINT)
			return dx_card(x, m, r->id);
		g = r->kind == MODEL_REF_GAP ? model_gap(m, r->id) : NULL;
		k = r->kind == MODEL_REF_SILO ? model_silo(m, r->id) : NULL;
		return g ? dx_card(x, m, g->touchpoint_id)
		     : k ? dx_card(x, m, k->touchpoint_id) : SIZE_MAX;
	default:
		return SIZE_MAX;
	}
}

void detail_index_update(struct detail_index *x, const struct app *a)
{
	const struct model_map *m = a->map;
	size_t sizes[DX_LISTS + 2];
	dx_sizes(m, sizes);
	if (x->map == m && x->generation == a->generation &&
	    memcmp(sizes, x->sizes, sizeof sizes) == 0)
		return;
	dx_clear(x);
	x->map = m;
	x->generation = a->generation;
	memcpy(x->sizes, sizes, sizeof sizes);
	x->stage_off = xcalloc(m->nstages + 1, sizeof *x->stage_off);
	for (size_t si = 0; si < m->nstages; si++)
		x->stage_off[si + 1] = x->stage_off[si] +
				       m->stages[si].ntouchpoints;
	x->journey = DX_END;
	for (int l = 0; l < DX_LISTS; l++) {
		dx_heads(&x->card[l], x->stage_off[m->nstages]);
		dx_heads(&x->stage[l], m->nstages);
		x->next[l] = xcalloc(sizes[l] + 1, sizeof *x->next[l]);
		for (size_t i = sizes[l]; i-- > 0;) {
			bool st;
			size_t at = dx_place(x, m, (enum dx_list)l, i, &st);
			if (at != SIZE_MAX)
				dx_push(x, (enum dx_list)l,
					st ? &x->stage[l][at] : &x->card[l][at], i);
			else if (l == DX_METRIC && !m->metrics[i].touchpoint_id)
				dx_push(x, DX_METRIC, &x->journey, i);
		}
	}
}

/* Every item of list l from head on. */
#define DX_EACH(x, l, head, i) \
	for (uint32_t i = (head); i != DX_END; i = (x)->next[l][i])

struct detail_marks detail_marks(const struct detail_index *x,
				 const struct model_map *m, size_t si,
				 size_t j)
{
	const struct model_touchpoint *t = &m->stages[si].touchpoints[j];
	size_t slot = x->stage_off[si] + j;
	struct detail_marks dm = { .moment = t->moment };
	DX_EACH(x, DX_METRIC, x->card[DX_METRIC][slot], i)
		dm.off_target += plan_metric_target(&m->metrics[i]) ==
				 PLAN_OFF_TARGET;
	DX_EACH(x, DX_VOICE, x->card[DX_VOICE][slot], i)
		dm.voices++;
	dm.assumption = t->has_emotion && t->emotion < 0 && !dm.voices;
	return dm;
}

static size_t dx_count(const struct detail_index *x, enum dx_list l,
		       uint32_t head)
{
	size_t n = 0;
	DX_EACH(x, l, head, i)
		n++;
	return n;
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
		      const struct detail_index *x, size_t si, size_t j)
{
	const struct model_stage *sg = &m->stages[si];
	const struct model_touchpoint *t = &sg->touchpoints[j];
	size_t slot = x->stage_off[si] + j;
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

	uint32_t *h[DX_LISTS];
	for (int l = 0; l < DX_LISTS; l++)
		h[l] = &x->card[l][slot];
	detail_heading(o, _("Metrics"), dx_count(x, DX_METRIC, *h[DX_METRIC]));
	DX_EACH(x, DX_METRIC, *h[DX_METRIC], i)
		detail_metric(o, &m->metrics[i]);

	size_t n = dx_count(x, DX_VOICE, *h[DX_VOICE]);
	detail_heading(o, _("Voices"), n);
	if (!n && t->has_emotion && t->emotion < 0)
		detail_text(o, _("? A pain with no voice behind it: an assumption"),
			    2, term_attr(TERM_GAP));
	DX_EACH(x, DX_VOICE, *h[DX_VOICE], i)
		detail_voice(o, &m->voices[i]);

	detail_heading(o, _("Gaps and silos"),
		       dx_count(x, DX_GAP, *h[DX_GAP]) +
		       dx_count(x, DX_SILO, *h[DX_SILO]));
	DX_EACH(x, DX_GAP, *h[DX_GAP], i)
		detail_gap(o, &m->gaps[i]);
	DX_EACH(x, DX_SILO, *h[DX_SILO], i)
		detail_silo(o, m, &m->silos[i]);

	char today[11];
	plan_today(today);
	detail_heading(o, _("Actions"), dx_count(x, DX_ACTION, *h[DX_ACTION]));
	DX_EACH(x, DX_ACTION, *h[DX_ACTION], i)
		detail_action(o, m, &m->actions[i], today);
}

/* Under a stage: the journey as a whole, who answers for it and how
 * its success is measured. */
static void detail_journey(struct detail_out *o, const struct model_map *m,
			   const struct detail_index *x)
{
	detail_heading(o, _("The journey"), dx_count(x, DX_METRIC, x->journey));
	detail_pair(o, _("Journey owner"), m->owner);
	detail_pair(o, _("CX lead"), m->cx_lead);
	if (*m->success)
		detail_pair(o, _("Definition of success"), m->success);
	DX_EACH(x, DX_METRIC, x->journey, i)
		detail_metric(o, &m->metrics[i]);
}

static void detail_stage(struct detail_out *o, const struct model_map *m,
			 const struct detail_index *x, size_t si)
{
	const struct model_stage *sg = &m->stages[si];
	detail_text(o, sg->name, 0, A_BOLD);
	char *n = xasprintf(ngettext("%zu touchpoint", "%zu touchpoints",
				     sg->ntouchpoints), sg->ntouchpoints);
	detail_text(o, n, 0, A_NORMAL);
	free(n);
	if (*sg->description)
		detail_pair(o, _("Description"), sg->description);
	detail_heading(o, _("Voices"), dx_count(x, DX_VOICE, x->stage[DX_VOICE][si]));
	DX_EACH(x, DX_VOICE, x->stage[DX_VOICE][si], i)
		detail_voice(o, &m->voices[i]);
	detail_heading(o, _("Gaps"), dx_count(x, DX_GAP, x->stage[DX_GAP][si]));
	DX_EACH(x, DX_GAP, x->stage[DX_GAP][si], i)
		detail_gap(o, &m->gaps[i]);
	detail_journey(o, m, x);
}

void detail_draw(const struct app *a, const struct detail_index *dx, int x,
		 int w)
{
	int top = app_body_top(), h = app_body_lines();
	for (int k = 0; k < h; k++) {
		draw_fill(top + k, x, w, NULL, A_NORMAL);
		draw_text(top + k, x, term_glyph(G_VLINE), 1,
			  term_attr(TERM_DIM));
	}
	struct detail_out o = { .y = top, .bottom = top + h, .x = x + 2,
				.w = w - 3 };
	if (app_touchpoint(a))
		detail_tp(&o, a->map, dx, a->stage, (size_t)a->card);
	else if (app_stage(a))
		detail_stage(&o, a->map, dx, a->stage);
	if (o.cut)	/* the form shows it all */
		draw_field(top + h - 1, o.x,
			   _("... more: e shows every field"), o.w,
			   term_attr(TERM_DIM) | A_BOLD);
}
