/* lanes.c - the ownership matrix: departments as rows, stages as
 * columns, each cell listing the touchpoints that department owns there
 * (and, marked with +, those it contributes to).  The last row holds the
 * touchpoints nobody owns. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "ui/app.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define LABEL_W 16
#define LANE_COL_MIN 16
#define LANE_LINES_MAX 6	/* card names shown per cell */

/* The selected department row (ndepartments: the unowned row) and the
 * first one shown; the stage column is the app's (the board's) */
struct lanes_state {
	size_t lane, top;
	int64_t map_id;	/* the map they are of */
	struct detail_index *dx;	/* each card's metrics (detail.h) */
};

static void *lanes_open(struct app *a)
{
	(void)a;
	struct lanes_state *s = xcalloc(1, sizeof *s);
	s->dx = detail_index_new();
	return s;
}

static void lanes_close(void *state)
{
	struct lanes_state *s = state;
	detail_index_free(s->dx);
	free(s);
}

static bool lanes_in(const struct model_touchpoint *t, int64_t dept,
		     bool *contrib)
{
	*contrib = false;
	if (dept == 0)
		return t->owner_id == 0;
	if (t->owner_id == dept)
		return true;
	for (size_t k = 0; k < t->ncontributors; k++)
		if (t->contributors[k] == dept)
			return *contrib = true;
	return false;
}

/* Rows: every department of the file, then "no owner". */
static size_t lanes_rows(const struct app *a)
{
	return a->map->ndepartments + 1;
}

static int64_t lanes_dept(const struct app *a, size_t row)
{
	return row < a->map->ndepartments ? a->map->departments[row].id : 0;
}

/* True when the touchpoint is one end of a handoff between two
 * departments that have an open silo between them. */
static bool lanes_silo_handoff(const struct app *a, size_t si, size_t j)
{
	return analysis_card(a->analysis, si, j).found.kinds &
	       ANALYSIS_MASK(ANALYSIS_SILO_HANDOFF);
}

static int lanes_cell(const struct app *a, const struct detail_index *dx,
		      size_t row, size_t si, int y, int x, int w, int lines,
		      bool sel)
{
	const struct model_stage *sg = &a->map->stages[si];
	const struct analysis_lane_item *v;
	size_t n = analysis_lane(a->analysis, si, row, &v);
	int k = 0;
	for (size_t i = 0; i < n && k < lines; i++) {
		size_t j = v[i].card;
		if (n > (size_t)lines && k == lines - 1)
			break;	/* the last line says how many more */
		bool contrib = v[i].contributes;
		attr_t at = sel ? A_REVERSE : A_NORMAL;
		if (contrib)
			at |= term_attr(TERM_DIM);
		char *name = sg->touchpoints[j].name;
		int used = contrib ? draw_text(y + k, x, "+", 1, at) : 0;
		if (lanes_silo_handoff(a, si, j)) {
			at |= term_attr(TERM_SILO) | A_BOLD;
			used += draw_text(y + k, x + used, term_glyph(G_SILO), 1, at);
		}
		/* a metric off its target, as on the board's card */
		if (detail_marks(dx, a->map, si, j).off_target)
			used += draw_text(y + k, x + used,
					  detail_glyph(DETAIL_OFF_TARGET), 1,
					  at | term_attr(TERM_GAP));
		draw_field(y + k, x + used, name, w - used, at);
		k++;
	}
	if (n > (size_t)lines) {
		char buf[32];
		snprintf(buf, sizeof buf, _("%s %zu more"), term_glyph(G_DOWN),
			 n - (size_t)lines);
		draw_field(y + lines - 1, x, buf, w, term_attr(TERM_DIM));
	}
	if (n == 0 && sel)
		draw_fill(y, x, w, NULL, A_REVERSE);
	return k;
}

/* Lines a row needs: its fullest cell, within limits. */
static int lanes_height(const struct app *a, size_t row)
{
	int h = 1;
	for (size_t i = 0; i < a->map->nstages; i++) {
		size_t n = analysis_lane(a->analysis, i, row, NULL);
		int c = n < LANE_LINES_MAX ? (int)n : LANE_LINES_MAX;
		if (c > h)
			h = c;
	}
	return h;
}

static void lanes_draw(struct app *a, void *state)
{
	struct lanes_state *s = state;
	const struct model_map *m = a->map;
	if (!m->nstages) {
		draw_text(app_body_top() + 2, 2, _("No stages yet."), COLS - 4,
			  A_BOLD);
		return;
	}
	detail_index_update(s->dx, a);
	int colw = (COLS - LABEL_W) / (int)m->nstages;
	if (colw < LANE_COL_MIN)
		colw = LANE_COL_MIN;
	if (colw > 30)
		colw = 30;
	size_t ncols = (size_t)((COLS - LABEL_W) / colw);
	if (ncols < 1)
		ncols = 1;
	if (a->stage < a->first_stage)
		a->first_stage = a->stage;
	if (a->stage >= a->first_stage + ncols)
		a->first_stage = a->stage + 1 - ncols;
	int y = app_body_top();
	draw_text(y, 0, _("Department"), LABEL_W - 1, A_BOLD);
	for (size_t c = 0; c < ncols && a->first_stage + c < m->nstages; c++)
		draw_text(y, LABEL_W + (int)c * colw,
			  m->stages[a->first_stage + c].name, colw - 1, A_BOLD);
	draw_fill(y + 1, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	if (a->first_stage > 0)	/* stages off screen, as on the board */
		draw_text(y + 1, LABEL_W - 1, term_glyph(G_LEFT), 1,
			  A_BOLD | A_REVERSE);
	if (a->first_stage + ncols < m->nstages)
		draw_text(y + 1, COLS - 1, term_glyph(G_RIGHT), 1,
			  A_BOLD | A_REVERSE);
	size_t rows = lanes_rows(a);
	if (s->lane >= rows)
		s->lane = rows - 1;
	if (s->lane < s->top)
		s->top = s->lane;
	int bottom = app_body_top() + app_body_lines();
	/* scroll down until the selected row fits */
	for (;;) {
		int yy = y + 2;
		for (size_t r = s->top; r <= s->lane; r++)
			yy += lanes_height(a, r) + 1;
		if (yy <= bottom || s->top == s->lane)
			break;
		s->top++;
	}
	y += 2;
	for (size_t r = s->top; r < rows && y < bottom; r++) {
		int h = lanes_height(a, r);
		if (y + h > bottom)
			h = bottom - y;
		bool cur = r == s->lane;
		if (r < m->ndepartments) {
			const struct model_department *d = &m->departments[r];
			draw_text(y, 0, d->name, LABEL_W - 1,
				  term_dept_attr(d->colour) | (cur ? A_BOLD : 0));
		} else {
			draw_text(y, 0, _("(no owner)"), LABEL_W - 1,
				  term_attr(TERM_UNOWNED));
		}
		for (size_t c = 0; c < ncols && a->first_stage + c < m->nstages; c++) {
			size_t si = a->first_stage + c;
			lanes_cell(a, s->dx, r, si, y, LABEL_W + (int)c * colw, colw - 1,
				   h, cur && si == a->stage);
		}
		y += h;
		if (y < bottom)
			draw_fill(y++, 0, COLS, term_glyph(G_BASE),
				  term_attr(TERM_DIM));
	}
}

static void lanes_action(struct app *a, void *state, enum ui_action act)
{
	struct lanes_state *s = state;
	size_t rows = lanes_rows(a);
	switch (act) {
	case ACT_LEFT: if (a->stage > 0) a->stage--; break;
	case ACT_RIGHT:
		if (a->stage + 1 < a->map->nstages)
			a->stage++;
		break;
	case ACT_UP: if (s->lane > 0) s->lane--; break;
	case ACT_DOWN: if (s->lane + 1 < rows) s->lane++; break;
	case ACT_FIRST: s->lane = 0; break;
	case ACT_LAST: s->lane = rows - 1; break;
	case ACT_JUMP: {
		const struct model_stage *sg = app_stage(a);
		if (!sg)
			return;
		int64_t dept = lanes_dept(a, s->lane);
		a->card = -1;
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			bool c;
			if (lanes_in(&sg->touchpoints[j], dept, &c) && !c) {
				a->card = (long)j;
				break;
			}
		}
		a->card_top = 0;
		app_show_view(a, "board");
		break;
	}
	default:
		break;
	}
}

/* Another map starts at its first row. */
static void lanes_reload(struct app *a, void *state)
{
	struct lanes_state *s = state;
	if (s->map_id != a->map->id)
		s->lane = s->top = 0;
	s->map_id = a->map->id;
}

const struct view_ops lanes_view = {
	.name = "lanes", .ctx = CTX_LANES,
	.open = lanes_open, .reload = lanes_reload, .draw = lanes_draw,
	.action = lanes_action, .close = lanes_close,
};
