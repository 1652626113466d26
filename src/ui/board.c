/* board.c - the board: stages as columns, touchpoints as cards, and the
 * emotion curve underneath.  Drawing touches only what is on screen. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui/app.h"
#include "ui/deptpick.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The board's own state; the selection (stage, card and scrolling) is
 * the app's, shared with the lanes and the views that jump to the board. */
struct board_state {
	char *search;	/* the last search text */
	/* what the last frame drew, so that a cursor move redraws only the
	 * columns and cards it changed (see board_draw) */
	bool drawn;
	size_t stage;	/* the selection it showed */
	long card;
	struct board_sig {
		uint64_t generation;
		const void *map, *analysis;
		size_t nstages, ntouchpoints, nfindings, first_stage, ncols;
		int colw, cards_y, ncards, curve_y, cols, lines;
	} sig;
#define BOARD_SIG_COLS 64
	struct board_col {
		bool cur;
		long card, top;	/* the selection, when cur */
	} cols[BOARD_SIG_COLS];
};

static void *board_open(struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct board_state));
}

static void board_close(void *state)
{
	struct board_state *s = state;
	free(s->search);
	free(s);
}

#define COL_MIN 18
#define COL_MAX 34
#define CARD_LINES 3	/* name, owner and markers, a blank */
#define CURVE_LINES 6	/* a title line and the five emotion levels */

/* ------------------------------------------------------------------ */
/* geometry */

struct board_geo {
	int colw;	/* cells per stage column */
	size_t ncols;	/* columns that fit */
	int cards_y;	/* first line of cards */
	int ncards;	/* cards that fit in a column */
	int curve_y;	/* first line of the curve, or -1 */
};

static struct board_geo board_geo(const struct app *a)
{
	struct board_geo g;
	size_t n = a->map->nstages ? a->map->nstages : 1;
	g.colw = COLS / (int)n;
	if (g.colw > COL_MAX)
		g.colw = COL_MAX;
	if (g.colw < COL_MIN)
		g.colw = COLS < COL_MIN ? COLS : COL_MIN;
	g.ncols = (size_t)(COLS / g.colw);
	/* more stages than fit: share out the whole width */
	if (n > g.ncols && g.ncols > 0 && COLS / (int)g.ncols <= COL_MAX)
		g.colw = COLS / (int)g.ncols;
	int top = app_body_top() + 2;	/* stage titles and a rule */
	int lines = app_body_lines() - 2;
	bool curve = lines - CURVE_LINES >= 2 * CARD_LINES;
	g.curve_y = curve ? top + lines - CURVE_LINES : -1;
	g.cards_y = top;
	g.ncards = (curve ? lines - CURVE_LINES : lines) / CARD_LINES;
	if (g.ncards < 1)
		g.ncards = 1;
	return g;
}

/* Scrolls sideways and down so the selection is on screen. */
static void board_scroll(struct app *a, const struct board_geo *g)
{
	if (a->stage < a->first_stage)
		a->first_stage = a->stage;
	if (a->stage >= a->first_stage + g->ncols)
		a->first_stage = a->stage + 1 - g->ncols;
	/* a wider terminal shows more stages rather than empty columns */
	if (a->first_stage + g->ncols > a->map->nstages)
		a->first_stage = a->map->nstages > g->ncols
				 ? a->map->nstages - g->ncols : 0;
	if (a->card < a->card_top)
		a->card_top = a->card < 0 ? 0 : a->card;
	if (a->card >= a->card_top + g->ncards)
		a->card_top = a->card + 1 - g->ncards;
}

/* ------------------------------------------------------------------ */
/* drawing */

/* The markers of a card's second line, each with its attribute: the
 * markers come first so that the owner's name, not they, gets cut. */
struct board_mark {
	char text[32];
	attr_t attr;
};

static size_t board_marks(const struct app *a, size_t si, size_t j,
			  struct board_mark *m)
{
	const struct model_touchpoint *t = &a->map->stages[si].touchpoints[j];
	struct analysis_card card = analysis_card(a->analysis, si, j);
	size_t n = 0, gaps = card.open_gaps, silos = card.open_silos;
	struct analysis_summary sum = card.found;
	if (t->ncontributors) {
		/* "&2": the owner and two more; "+2" would read as an
		 * emotion */
		snprintf(m[n].text, sizeof m[n].text, " &%zu", t->ncontributors);
		m[n++].attr = A_NORMAL;
	}
	if (gaps) {
		snprintf(m[n].text, sizeof m[n].text, " !%zu", gaps);
		m[n++].attr = term_attr(TERM_GAP);
	}
	if (silos) {
		snprintf(m[n].text, sizeof m[n].text, " %s%zu",
			 term_glyph(G_SILO), silos);
		m[n++].attr = term_attr(TERM_SILO);
	}
	/* what the analysis found here, besides "no owner" shown already */
	if (sum.count) {
		snprintf(m[n].text, sizeof m[n].text, " %s%zu",
			 term_glyph(G_FINDING), sum.count);
		m[n++].attr = sum.worst == MODEL_SEV_HIGH ? term_attr(TERM_GAP)
							  : term_attr(TERM_DIM);
	}
	return n;
}

static void board_card(const struct app *a, size_t si, size_t j, int y,
		       int x, int w, bool selected)
{
	const struct model_touchpoint *t = &a->map->stages[si].touchpoints[j];
	attr_t sel = selected ? A_REVERSE : A_NORMAL;
	draw_field(y, x, t->name, w, sel | A_BOLD);
	if (selected)	/* else the line is blank already (erase()) */
		draw_fill(y + 1, x, w, NULL, sel);
	struct board_mark marks[4];
	size_t n = board_marks(a, si, j, marks);
	int mw = 0;
	for (size_t k = 0; k < n; k++)
		mw += draw_width(marks[k].text);
	int ow = w - mw > 4 ? w - mw : 4;
	const struct model_department *d = model_department(a->map, t->owner_id);
	int mx = x;
	if (d)
		mx += draw_text(y + 1, x, d->label[0] ? d->label : d->name, ow,
				sel | term_dept_attr(d->colour));
	else
		mx += draw_text(y + 1, x, _("(no owner)"), ow,
				sel | term_attr(TERM_UNOWNED));
	for (size_t k = 0; k < n && mx < x + w; k++)
		mx += draw_text(y + 1, mx, marks[k].text, x + w - mx,
				sel | marks[k].attr);
}

/* A stage's title line. */
static void board_title(const struct app *a, size_t si, int x, int w)
{
	const struct model_stage *sg = &a->map->stages[si];
	bool cur = si == a->stage;
	attr_t title = A_BOLD | (cur && a->card < 0 ? A_REVERSE : A_NORMAL);
	/* the card count, then the stage's own marks as on a card: open
	 * gaps recorded on the stage, findings about the whole stage */
	char count[32], gaps[32] = "", found[32] = "";
	snprintf(count, sizeof count, " (%zu)", sg->ntouchpoints);
	struct analysis_card card = analysis_stage_card(a->analysis, si);
	if (card.open_gaps)
		snprintf(gaps, sizeof gaps, " !%zu", card.open_gaps);
	struct analysis_summary sum = card.found;
	if (sum.count)
		snprintf(found, sizeof found, " %s%zu", term_glyph(G_FINDING),
			 sum.count);
	int cw = draw_width(count) + draw_width(gaps) + draw_width(found);
	int used = draw_text(app_body_top(), x, sg->name, w - cw, title);
	used += draw_text(app_body_top(), x + used, count, w - used, A_NORMAL);
	used += draw_text(app_body_top(), x + used, gaps, w - used,
			  term_attr(TERM_GAP));
	draw_text(app_body_top(), x + used, found, w - used,
		  sum.worst == MODEL_SEV_HIGH ? term_attr(TERM_GAP)
					     : term_attr(TERM_DIM));
}

/* The rule under a stage's title: bold under the current stage, with
 * how many cards are scrolled off above. */
static void board_rule(int x, int w, bool cur, long top)
{
	draw_fill(app_body_top() + 1, x, w, term_glyph(G_HLINE),
		  cur ? A_BOLD : term_attr(TERM_DIM));
	if (top > 0) {
		char more[48];
		snprintf(more, sizeof more, _("%zu above"), (size_t)top);
		draw_text(app_body_top() + 1, x + w - draw_width(more) - 1, more,
			  w, term_attr(TERM_DIM));
	}
}

static void board_column(const struct app *a, const struct board_geo *g,
			 size_t si, int x)
{
	const struct model_stage *sg = &a->map->stages[si];
	int w = g->colw - 1;
	bool cur = si == a->stage;
	board_title(a, si, x, w);
	long top = cur ? a->card_top : 0;
	board_rule(x, w, cur, top);
	for (int k = 0; k < g->ncards; k++) {
		size_t j = (size_t)(top + k);
		if (j >= sg->ntouchpoints)
			break;
		board_card(a, si, j, g->cards_y + k * CARD_LINES, x, w,
			   cur && (long)j == a->card);
	}
	size_t below = sg->ntouchpoints > (size_t)(top + g->ncards)
		       ? sg->ntouchpoints - (size_t)(top + g->ncards) : 0;
	if (below) {
		char more[48];
		snprintf(more, sizeof more, _("%s %zu more"),
			 term_glyph(G_DOWN), below);
		draw_text(g->cards_y + g->ncards * CARD_LINES - 1, x, more, w,
			  term_attr(TERM_DIM));
	}
}

/* The curve shows only as many points as there are cells: every
 * step-th card of a stage. */
static size_t board_dot_step(const struct board_geo *g, size_t n)
{
	size_t w = g->colw > 3 ? (size_t)(g->colw - 3) : 1;
	return n > w ? (n + w - 1) / w : 1;
}

/* Card j's point on the curve, if it has one (an emotion, a visible
 * stage, a card the curve shows). */
static void board_dot(const struct app *a, const struct board_geo *g,
		      size_t si, size_t j)
{
	const struct model_stage *sg = &a->map->stages[si];
	int w = g->colw - 3;
	size_t n = sg->ntouchpoints;
	if (si < a->first_stage || si >= a->first_stage + g->ncols ||
	    j >= n || w < 1 || j % board_dot_step(g, n))
		return;
	const struct model_touchpoint *t = &sg->touchpoints[j];
	if (!t->has_emotion)
		return;
	int x0 = (int)(si - a->first_stage) * g->colw + 1;
	int x = x0 + (int)((j * (size_t)w) / n);
	int y = g->curve_y + 1 + (2 - t->emotion);
	bool sel = si == a->stage && (long)j == a->card;
	draw_text(y, x, term_glyph(G_DOT), 1, (sel ? A_REVERSE : A_NORMAL) |
		  term_attr(TERM_CURVE) | A_BOLD);
}

/* The emotion curve: one point per touchpoint that has an emotion, on
 * five levels from +2 (top) to -2, under its stage's column. */
static void board_curve(const struct app *a, const struct board_geo *g)
{
	int y0 = g->curve_y;
	draw_fill(y0, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	char title[64];
	snprintf(title, sizeof title, " %s (+2 .. -2) ", _("Emotion"));
	draw_text(y0, 2, title, COLS - 2, A_BOLD);
	for (int lvl = 0; lvl < 5; lvl++)
		if (lvl == 2)
			draw_fill(y0 + 1 + lvl, 0, COLS, term_glyph(G_BASE),
				  term_attr(TERM_DIM));
	for (size_t c = 0; c < g->ncols; c++) {
		size_t si = a->first_stage + c;
		if (si >= a->map->nstages)
			break;
		for (size_t j = 0; j < a->map->stages[si].ntouchpoints;
		     j += board_dot_step(g, a->map->stages[si].ntouchpoints))
			board_dot(a, g, si, j);
	}
}

/* Blank cells, as erase() leaves them. */
static void board_blank(int y, int x, int w, int h)
{
	for (int k = 0; k < h; k++)
		draw_fill(y + k, x, w, NULL, A_NORMAL);
}

static struct board_sig board_sig(const struct app *a,
				  const struct board_geo *g)
{
	struct board_sig sig;
	memset(&sig, 0, sizeof sig);	/* padding too: compared whole */
	sig.generation = a->generation;
	sig.map = a->map;
	sig.analysis = a->analysis;
	sig.nstages = a->map->nstages;
	sig.ntouchpoints = a->analysis->ntouchpoints;
	sig.nfindings = a->analysis->nfindings;
	sig.first_stage = a->first_stage;
	sig.ncols = g->ncols;
	sig.colw = g->colw;
	sig.cards_y = g->cards_y;
	sig.ncards = g->ncards;
	sig.curve_y = g->curve_y;
	sig.cols = COLS;
	sig.lines = LINES;
	return sig;
}

/* Redraws what changed in a column since the last frame: the two cards
 * (and the title) when only the selected card moved, else all of it. */
static void board_column_again(const struct app *a, const struct board_geo *g,
			       size_t si, int x, const struct board_col *was,
			       const struct board_col *now)
{
	int w = g->colw - 1;
	if (was->top != now->top) {	/* scrolled: all of it */
		board_blank(app_body_top(), x, w,
			    g->cards_y + g->ncards * CARD_LINES - app_body_top());
		board_column(a, g, si, x);
		return;
	}
	const struct model_stage *sg = &a->map->stages[si];
	if ((was->cur && was->card < 0) != (now->cur && now->card < 0)) {
		board_blank(app_body_top(), x, w, 1);
		board_title(a, si, x, w);
	}
	if (was->cur != now->cur)
		board_rule(x, w, now->cur, now->top);
	long cards[2] = { was->cur ? was->card : -1, now->cur ? now->card : -1 };
	for (int k = 0; k < 2; k++) {
		long j = cards[k];
		if (j < 0 || j < now->top || j >= now->top + g->ncards ||
		    j >= (long)sg->ntouchpoints)
			continue;
		int y = g->cards_y + (int)(j - now->top) * CARD_LINES;
		board_blank(y, x, w, 2);
		board_card(a, si, (size_t)j, y, x, w, now->cur && j == now->card);
	}
}

/* A frame after a frame of the board (a->keep_body: the body is still on
 * screen) redraws only the columns whose selection changed, and the
 * curve; anything else that changed (the map, the analysis, the scroll,
 * the screen) redraws the whole body. */
static void board_draw(struct app *a, void *state)
{
	struct board_state *s = state;
	struct board_geo g = board_geo(a);
	if (a->map->nstages == 0) {
		if (a->keep_body)
			draw_clear_rows(app_body_top(), app_body_lines());
		s->drawn = false;
		draw_text(app_body_top() + 2, 2,
			  _("No stages yet. Press A to add the first one."),
			  COLS - 4, A_BOLD);
		return;
	}
	board_scroll(a, &g);
	struct board_sig sig = board_sig(a, &g);
	bool partial = a->keep_body && s->drawn && g.ncols <= BOARD_SIG_COLS &&
		       memcmp(&sig, &s->sig, sizeof sig) == 0;
	if (a->keep_body && !partial)
		draw_clear_rows(app_body_top(), app_body_lines());
	for (size_t c = 0; c < g.ncols; c++) {
		size_t si = a->first_stage + c;
		if (si >= a->map->nstages)
			break;
		bool cur = si == a->stage;
		struct board_col now;
		memset(&now, 0, sizeof now);
		now.cur = cur;
		now.card = cur ? a->card : -2;
		now.top = cur ? a->card_top : 0;
		if (!partial)
			board_column(a, &g, si, (int)c * g.colw);
		else if (now.cur != s->cols[c].cur || now.card != s->cols[c].card ||
			 now.top != s->cols[c].top)
			board_column_again(a, &g, si, (int)c * g.colw,
					   &s->cols[c], &now);
		if (c < BOARD_SIG_COLS)
			s->cols[c] = now;
	}
	/* on the rule under the titles, where they hide no name */
	if (a->first_stage > 0)
		draw_text(app_body_top() + 1, 0, term_glyph(G_LEFT), 1,
			  A_BOLD | A_REVERSE);
	if (a->first_stage + g.ncols < a->map->nstages)
		draw_text(app_body_top() + 1, COLS - 1, term_glyph(G_RIGHT), 1,
			  A_BOLD | A_REVERSE);
	if (g.curve_y >= 0 && partial) {
		/* the points of the card left and of the card selected */
		if (s->card >= 0)
			board_dot(a, &g, s->stage, (size_t)s->card);
		if (a->card >= 0)
			board_dot(a, &g, a->stage, (size_t)a->card);
	} else if (g.curve_y >= 0) {
		board_curve(a, &g);
	}
	s->stage = a->stage;
	s->card = a->card;
	memcpy(&s->sig, &sig, sizeof sig);
	s->drawn = true;
}

static void board_click(struct app *a, void *state, int y, int x)
{
	(void)state;
	if (!a->map->nstages)
		return;
	struct board_geo g = board_geo(a);
	size_t si = a->first_stage + (size_t)(x / g.colw);
	if (x / g.colw >= (int)g.ncols || si >= a->map->nstages)
		return;
	const struct model_stage *sg = &a->map->stages[si];
	long top = si == a->stage ? a->card_top : 0;
	long j = -1;
	if (y >= g.cards_y && y < g.cards_y + g.ncards * CARD_LINES)
		j = top + (y - g.cards_y) / CARD_LINES;
	else if (y != app_body_top())
		return;
	if (j >= (long)sg->ntouchpoints)
		return;
	if (si != a->stage)
		a->card_top = top;
	a->stage = si;
	a->card = j;
}

/* ------------------------------------------------------------------ */
/* moving */

static void board_move(struct app *a, enum ui_action act)
{
	const struct model_stage *sg = app_stage(a);
	if (!sg)
		return;
	long n = (long)sg->ntouchpoints;
	switch (act) {
	case ACT_LEFT:
	case ACT_RIGHT:
		if (act == ACT_LEFT && a->stage > 0)
			a->stage--;
		else if (act == ACT_RIGHT && a->stage + 1 < a->map->nstages)
			a->stage++;
		else
			return;
		n = (long)a->map->stages[a->stage].ntouchpoints;
		if (a->card >= n)
			a->card = n - 1;
		a->card_top = 0;
		break;
	case ACT_UP:
		if (a->card >= 0)
			a->card--;
		break;
	case ACT_DOWN:
		if (a->card + 1 < n)
			a->card++;
		break;
	case ACT_FIRST:
		a->card = n ? 0 : -1;
		break;
	case ACT_LAST:
		a->card = n - 1;
		break;
	default:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* editing */

static bool board_need_tp(struct app *a)
{
	if (app_touchpoint(a))
		return true;
	app_message(a, a->map->nstages
		    ? _("Select a touchpoint first (a adds one)")
		    : _("Add a stage first (A)"));
	return false;
}

static void board_add_stage(struct app *a)
{
	if (!app_writable(a))
		return;
	char *name = prompt_line(app_host(a), _("Name of the new stage:"), "");
	if (!name)
		return;
	size_t pos = a->map->nstages ? a->stage + 1 : 0;
	int64_t id;
	if (app_check(a, edit_stage_add(a->edit, a->map, pos, name, &id))) {
		app_edited(a);
		app_select(a, id, 0);
	}
	free(name);
}

static void board_add_tp(struct app *a)
{
	const struct model_stage *sg = app_stage(a);
	if (!sg) {
		app_message(a, _("Add a stage first (A)"));
		return;
	}
	if (!app_writable(a))
		return;
	char *label = xasprintf(_("Name of the new touchpoint in %s:"), sg->name);
	char *name = prompt_line(app_host(a), label, "");
	free(label);
	if (!name)
		return;
	int64_t id, stage_id = sg->id;
	if (app_check(a, edit_tp_add(a->edit, a->map, stage_id,
				     (size_t)(a->card + 1), name, &id))) {
		app_edited(a);
		app_select(a, stage_id, id);
	}
	free(name);
}

static void board_rename(struct app *a)
{
	const struct model_stage *sg = app_stage(a);
	const struct model_touchpoint *t = app_touchpoint(a);
	if (!sg || !app_writable(a))
		return;
	char *name = prompt_line(app_host(a), _("Rename to:"), t ? t->name : sg->name);
	if (!name)
		return;
	if (t)
		app_set_text(a, APP_TP, t->id, STORE_TP_NAME, name);
	else
		app_set_text(a, APP_STAGE, sg->id, STORE_STAGE_NAME, name);
	free(name);
}

static void board_gap(struct app *a)
{
	const struct model_stage *sg = app_stage(a);
	const struct model_touchpoint *t = app_touchpoint(a);
	if (!sg) {
		app_message(a, _("Add a stage first (A)"));
		return;
	}
	if (!app_writable(a))
		return;
	char *label = xasprintf(_("What is the gap at %s?"), t ? t->name : sg->name);
	char *desc = prompt_line(app_host(a), label, "");
	free(label);
	if (!desc)
		return;
	if (app_check(a, edit_gap_add(a->edit, a->map, t ? 0 : sg->id,
				      t ? t->id : 0, desc, MODEL_SEV_MEDIUM,
				      NULL))) {
		app_message(a, _("Gap recorded"));
		app_edited(a);
	}
	free(desc);
}

static void board_silo(struct app *a)
{
	if (!board_need_tp(a) || !app_writable(a))
		return;
	const struct model_touchpoint *t = app_touchpoint(a);
	int64_t tp = t->id;
	struct deptpick_choice first = { .id = t->owner_id };
	struct deptpick_choice other = { .cancelled = true };
	if (!first.id)
		first = deptpick_choose(a, _("Silo between (first department)"),
					false, 0, 0);
	if (!first.cancelled)
		other = deptpick_choose(a, _("Silo with which department?"),
					false, first.id, 0);
	char *desc = NULL;
	if (!other.cancelled && ((first.name && other.name &&
				  strcmp(first.name, other.name) == 0) ||
				 (!first.name && !other.name &&
				  first.id == other.id)))
		app_error(a, _("A silo needs two different departments"));
	else if (!other.cancelled)
		desc = prompt_line(app_host(a), _("What fails to hand off?"), "");
	if (desc) {
		edit_step_begin(a->edit, N_("record a silo"));
		if (deptpick_resolve(a, &first) == STORE_OK &&
		    deptpick_resolve(a, &other) == STORE_OK)
			edit_silo_add(a->edit, a->map, first.id, other.id, tp,
				      desc, NULL);
		if (app_check(a, edit_step_end(a->edit))) {
			app_message(a, _("Silo recorded"));
			app_edited(a);
		}
	}
	free(desc);
	free(first.name);
	free(other.name);
}

static bool board_in_stage(const struct model_map *m,
			   const struct model_stage *sg, int64_t tp)
{
	size_t si;
	return model_touchpoint(m, tp, &si) && &m->stages[si] == sg;
}

/* The recorded gaps and silos that go with a touchpoint, or with a stage
 * and its touchpoints (tp 0). */
static void board_records(const struct model_map *m,
			  const struct model_stage *sg, int64_t tp,
			  size_t *gaps, size_t *silos)
{
	*gaps = *silos = 0;
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		*gaps += tp ? g->touchpoint_id == tp
			    : g->touchpoint_id ? board_in_stage(m, sg, g->touchpoint_id)
					       : g->stage_id == sg->id;
	}
	for (size_t i = 0; i < m->nsilos; i++) {
		int64_t at = m->silos[i].touchpoint_id;
		*silos += tp ? at == tp : board_in_stage(m, sg, at);
	}
}

/* Appends an item (taken over) to a list, with ", " between. */
static void board_list_add(char **list, char *item)
{
	char *s = xasprintf("%s%s%s", *list ? *list : "", *list ? ", " : "",
			    item);
	free(item);
	free(*list);
	*list = s;
}

/* The delete question, saying what goes with the item: "Delete stage
 * "Onboarding" with 3 touchpoints, 1 gap, 1 silo? (y/n)". */
static char *board_delete_question(const struct app *a,
				   const struct model_stage *sg,
				   const struct model_touchpoint *t)
{
	size_t gaps, silos;
	char *list = NULL, *q;
	board_records(a->map, sg, t ? t->id : 0, &gaps, &silos);
	size_t ntp = t ? 0 : sg->ntouchpoints;
	if (ntp)
		board_list_add(&list, xasprintf(ngettext("%zu touchpoint",
			       "%zu touchpoints", ntp), ntp));
	if (gaps)
		board_list_add(&list, xasprintf(ngettext("%zu gap", "%zu gaps",
			       gaps), gaps));
	if (silos)
		board_list_add(&list, xasprintf(ngettext("%zu silo", "%zu silos",
			       silos), silos));
	if (list)
		/* TRANSLATORS: the second %s lists what goes with it:
		 * "3 touchpoints, 1 gap, 1 silo" */
		q = t ? xasprintf(_("Delete touchpoint \"%s\" with %s? (y/n)"),
				  t->name, list)
		      : xasprintf(_("Delete stage \"%s\" with %s? (y/n)"),
				  sg->name, list);
	else
		q = t ? xasprintf(_("Delete touchpoint \"%s\"? (y/n)"), t->name)
		      : xasprintf(_("Delete stage \"%s\"? (y/n)"), sg->name);
	free(list);
	return q;
}

static void board_delete(struct app *a)
{
	const struct model_stage *sg = app_stage(a);
	const struct model_touchpoint *t = app_touchpoint(a);
	if (!sg || !app_writable(a))
		return;
	char *q = board_delete_question(a, sg, t);
	bool yes = prompt_yes(app_host(a), q);
	free(q);
	bool is_tp = t != NULL;
	int64_t id = is_tp ? t->id : sg->id;
	int64_t seen = is_tp ? t->rev : model_stage_version(sg);
	while (yes) {
		enum store_status st = is_tp
			? edit_tp_delete(a->edit, a->map, id)
			: edit_stage_delete(a->edit, a->map, id);
		if (st != STORE_CONFLICT) {
			if (app_check(a, st)) {
				app_message(a, _("Deleted (u undoes)"));
				app_edited(a);
			}
			return;
		}
		/* changed since the question was asked: say how, ask again
		 * (false, having said so, when it is gone) */
		yes = app_conflict_ask(a, is_tp ? STORE_KIND_TOUCHPOINT
						: STORE_KIND_STAGE, id, NULL, seen,
				       _("Delete it anyway? (y/n)"));
		if (yes)
			seen = is_tp ? model_touchpoint(a->map, id, NULL)->rev
				     : model_stage_version(model_stage(a->map, id));
	}
}

static void board_shift(struct app *a, enum ui_action act)
{
	const struct model_stage *sg = app_stage(a);
	const struct model_touchpoint *t = app_touchpoint(a);
	if (!sg || !app_writable(a))
		return;
	enum store_status st = STORE_OK;
	int64_t sid = sg->id, tid = t ? t->id : 0;
	if (!t) {
		if (act == ACT_MOVE_UP || act == ACT_MOVE_DOWN)
			return;
		if ((act == ACT_MOVE_LEFT && a->stage == 0) ||
		    (act == ACT_MOVE_RIGHT && a->stage + 1 >= a->map->nstages))
			return;
		st = edit_stage_move(a->edit, a->map, sid,
				     act == ACT_MOVE_LEFT ? a->stage - 1
							  : a->stage + 1);
	} else if (act == ACT_MOVE_UP || act == ACT_MOVE_DOWN) {
		if ((act == ACT_MOVE_UP && a->card == 0) ||
		    (act == ACT_MOVE_DOWN && (size_t)a->card + 1 >= sg->ntouchpoints))
			return;
		st = edit_tp_move(a->edit, a->map, tid, sid,
				  (size_t)(a->card + (act == ACT_MOVE_UP ? -1 : 1)));
	} else {
		size_t to = a->stage;
		if (act == ACT_MOVE_LEFT && to > 0)
			to--;
		else if (act == ACT_MOVE_RIGHT && to + 1 < a->map->nstages)
			to++;
		else
			return;
		sid = a->map->stages[to].id;
		st = edit_tp_move(a->edit, a->map, tid, sid, (size_t)a->card);
	}
	if (app_check(a, st)) {
		app_edited(a);
		app_select(a, sid, tid);
	}
}

/* ------------------------------------------------------------------ */
/* search: stage names and descriptions; touchpoint names, channels,
 * notes and metrics; the descriptions of the gaps recorded on a stage or
 * touchpoint and of the silos recorded at a touchpoint, found on it.
 * Case-insensitive for ASCII letters.  The journey is one list: each
 * stage, then its cards (card -1 is the stage itself). */

/* The ids of the touchpoints and stages whose recorded gaps or silos
 * match, sorted: found once per search rather than once per card. */
struct board_hits {
	int64_t *tps, *stages;
	size_t ntps, nstages;
};

static int board_id_cmp(const void *x, const void *y)
{
	int64_t p = *(const int64_t *)x, q = *(const int64_t *)y;
	return (p > q) - (p < q);
}

static bool board_hit(const int64_t *v, size_t n, int64_t id)
{
	return id && n && bsearch(&id, v, n, sizeof *v, board_id_cmp);
}

static void board_hits_find(const struct model_map *m, const char *q,
			    struct board_hits *h)
{
	h->tps = xcalloc(m->ngaps + m->nsilos + m->nmetrics + 1,
			 sizeof *h->tps);
	h->stages = xcalloc(m->ngaps + 1, sizeof *h->stages);
	h->ntps = h->nstages = 0;
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		if (!strcasestr(g->description, q))
			continue;
		if (g->touchpoint_id)
			h->tps[h->ntps++] = g->touchpoint_id;
		else
			h->stages[h->nstages++] = g->stage_id;
	}
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].touchpoint_id &&
		    strcasestr(m->silos[i].description, q))
			h->tps[h->ntps++] = m->silos[i].touchpoint_id;
	/* a touchpoint's metrics, by name and value */
	for (size_t i = 0; i < m->nmetrics; i++) {
		const struct model_metric *v = &m->metrics[i];
		char *value = plan_get(PLAN_METRIC, v, PLAN_METRIC_VALUE);
		if (v->touchpoint_id && (strcasestr(v->name, q) ||
					 strcasestr(value, q)))
			h->tps[h->ntps++] = v->touchpoint_id;
		free(value);
	}
	qsort(h->tps, h->ntps, sizeof *h->tps, board_id_cmp);
	qsort(h->stages, h->nstages, sizeof *h->stages, board_id_cmp);
}

static bool board_matches(const struct model_map *m, size_t si, long card,
			  const char *q, const struct board_hits *h)
{
	const struct model_stage *sg = &m->stages[si];
	if (card < 0)
		return strcasestr(sg->name, q) || strcasestr(sg->description, q) ||
		       board_hit(h->stages, h->nstages, sg->id);
	const struct model_touchpoint *t = &sg->touchpoints[card];
	return strcasestr(t->name, q) || strcasestr(t->notes, q) ||
	       strcasestr(t->channel, q) || strcasestr(t->metric_name, q) ||
	       strcasestr(t->metric_value, q) ||
	       board_hit(h->tps, h->ntps, t->id);
}

/* Flat position of (si, card) in the list, and back. */
static long board_flat(const struct model_map *m, size_t si, long card)
{
	long f = 0;
	for (size_t i = 0; i < si; i++)
		f += 1 + (long)m->stages[i].ntouchpoints;
	return f + 1 + card;
}

static void board_unflat(const struct model_map *m, long f, size_t *si,
			 long *card)
{
	size_t i = 0;
	while (f > (long)m->stages[i].ntouchpoints) {
		f -= 1 + (long)m->stages[i].ntouchpoints;
		i++;
	}
	*si = i;
	*card = f - 1;
}

static void board_find(struct app *a, struct board_state *s, int dir)
{
	if (!s->search || !s->search[0]) {
		app_message(a, _("No search yet: press /"));
		return;
	}
	const struct model_map *m = a->map;
	if (!m->nstages)
		return;
	long total = board_flat(m, m->nstages - 1,
				(long)m->stages[m->nstages - 1].ntouchpoints - 1) + 1;
	long cur = board_flat(m, a->stage, a->card), found = -1, rank = 0,
	     matches = 0;
	/* every item once, in journey order: the stage, then its cards */
	struct board_hits h;
	board_hits_find(m, s->search, &h);
	bool *hit = xcalloc((size_t)total, sizeof *hit);
	long f = 0;
	for (size_t si = 0; si < m->nstages; si++)
		for (long card = -1;
		     card < (long)m->stages[si].ntouchpoints; card++, f++)
			matches += hit[f] = board_matches(m, si, card,
							  s->search, &h);
	free(h.tps);
	free(h.stages);
	for (long k = 1; k <= total && found < 0; k++) {
		long g = ((cur + k * dir) % total + total) % total;
		if (hit[g])
			found = g;
	}
	for (long g = 0; found >= 0 && g <= found; g++)
		rank += hit[g];
	free(hit);
	if (found < 0) {
		app_message(a, _("Not found: %s"), s->search);
		return;
	}
	board_unflat(m, found, &a->stage, &a->card);
	bool wrapped = dir > 0 ? found <= cur : found >= cur;
	app_message(a, wrapped ? _("Match %ld of %ld (search wrapped around)")
			       : _("Match %ld of %ld"), rank, matches);
}

static void board_search(struct app *a, struct board_state *s)
{
	/* a new search starts afresh: the last term is offered, selected,
	 * so that typing replaces it */
	char *q = prompt_line_offer(app_host(a), _("Search:"), s->search ? s->search : "");
	if (!q)
		return;
	free(s->search);
	s->search = q;
	board_find(a, s, 1);
}

static void board_action(struct app *a, void *state, enum ui_action act)
{
	struct board_state *s = state;
	switch (act) {
	case ACT_LEFT: case ACT_RIGHT: case ACT_UP: case ACT_DOWN:
	case ACT_FIRST: case ACT_LAST:
		board_move(a, act);
		break;
	case ACT_ADD_STAGE: board_add_stage(a); break;
	case ACT_ADD_TP: board_add_tp(a); break;
	case ACT_EDIT:
		if (app_touchpoint(a))
			form_touchpoint(a, app_touchpoint(a)->id);
		else if (app_stage(a))
			form_stage(a, app_stage(a)->id);
		else
			form_map(a);
		break;
	case ACT_RENAME: board_rename(a); break;
	case ACT_OWNER:
		if (board_need_tp(a))
			deptpick_owner(a, app_touchpoint(a)->id);
		break;
	case ACT_CONTRIB:
		if (board_need_tp(a))
			deptpick_contributors(a, app_touchpoint(a)->id);
		break;
	case ACT_GAP: board_gap(a); break;
	case ACT_SILO: board_silo(a); break;
	case ACT_DELETE: board_delete(a); break;
	case ACT_MOVE_LEFT: case ACT_MOVE_RIGHT:
	case ACT_MOVE_UP: case ACT_MOVE_DOWN:
		board_shift(a, act);
		break;
	case ACT_SEARCH: board_search(a, s); break;
	case ACT_SEARCH_NEXT: board_find(a, s, 1); break;
	case ACT_SEARCH_PREV: board_find(a, s, -1); break;
	default: break;
	}
}

const struct view_ops board_view = {
	.name = "board", .ctx = CTX_BOARD,
	.open = board_open, .draw = board_draw, .action = board_action,
	.click = board_click, .close = board_close,
};
