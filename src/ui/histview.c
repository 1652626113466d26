/* histview.c - the history view: who changed what and when, newest
 * first, with what others changed since this user's last visit marked. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/history.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define HISTORY_LIMIT 2000	/* entries read for the view */

struct history_state {
	struct store_change *v;	/* read on reload, newest first */
	size_t n, fresh, sel;
	int64_t map_id;	/* the map they are of */
};

static void *history_open(struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct history_state));
}

static void history_close(void *state)
{
	struct history_state *s = state;
	store_history_free(s->v, s->n);
	free(s);
}

static void history_when(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (localtime_r(&tt, &tm))
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	else
		snprintf(buf, size, "?");
}

/* The time of a change in five cells, for narrow screens: the hour of a
 * change made today, else the day. */
static void history_when_short(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t, now = (time_t)clock_now();
	struct tm tm, today;
	if (!localtime_r(&tt, &tm) || !localtime_r(&now, &today))
		snprintf(buf, size, "?");
	else if (tm.tm_year == today.tm_year && tm.tm_yday == today.tm_yday)
		strftime(buf, size, "%H:%M", &tm);
	else
		strftime(buf, size, "%m-%d", &tm);
}

/* New to this user: made by someone else after the previous visit. */
static bool history_new(const struct app *a, const struct store_change *c)
{
	return a->visit_stamp && c->id > a->visit_stamp &&
	       strcmp(c->user, store_user(a->store)) != 0;
}

/* Reads the history again; another map's starts at its newest. */
static void history_reload(struct app *a, void *state)
{
	struct history_state *s = state;
	store_history_free(s->v, s->n);
	s->v = NULL;
	s->n = s->fresh = 0;
	if (s->map_id != a->map->id || a->entering)
		s->sel = 0;	/* newest first, as w shows it */
	s->map_id = a->map->id;
	if (!app_check(a, store_history_list(a->store, a->map->id,
					     HISTORY_LIMIT, &s->v, &s->n)))
		return;
	for (size_t i = 0; i < s->n; i++)
		s->fresh += history_new(a, &s->v[i]);
}

static void history_draw(struct app *a, void *state)
{
	struct history_state *s = state;
	const struct store_change *v = s->v;
	size_t n = s->n, fresh = s->fresh;
	int y = app_body_top();
	char when[32], *title;
	if (a->visit_time) {
		history_when(a->visit_time, when, sizeof when);
		title = xasprintf(ngettext("History, newest first: %zu change by others since your last visit (%s), marked *",
					   "History, newest first: %zu changes by others since your last visit (%s), marked *",
					   fresh), fresh, when);
	} else {
		title = xstrdup(_("History, newest first"));
	}
	draw_text(y, 1, title, COLS - 2, A_BOLD);
	free(title);
	draw_fill(y + 1, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	if (n == 0) {
		draw_text(y + 3, 2, _("No changes recorded yet."), COLS - 4,
			  A_NORMAL);
		return;
	}
	int rows = app_body_lines() - 2;
	if (s->sel >= n)
		s->sel = n - 1;
	size_t top = s->sel >= (size_t)rows ? s->sel - (size_t)rows + 1 : 0;
	/* narrow screens get shorter times and names, not an empty "what" */
	bool narrow = COLS < 64;
	int whenw = narrow ? 6 : 17, userw = narrow ? 8 : 12;
	int textx = 2 + whenw + userw + 1;
	for (int r = 0; r < rows && top + (size_t)r < n; r++) {
		const struct store_change *c = &v[top + (size_t)r];
		attr_t at = top + (size_t)r == s->sel ? A_REVERSE : A_NORMAL;
		bool isnew = history_new(a, c);
		int yy = y + 2 + r;
		draw_fill(yy, 0, COLS, NULL, at);
		draw_text(yy, 0, isnew ? "*" : " ", 1, at | A_BOLD);
		if (narrow)
			history_when_short(c->time, when, sizeof when);
		else
			history_when(c->time, when, sizeof when);
		draw_text(yy, 2, when, whenw, at);
		draw_text(yy, 2 + whenw, c->user, userw, at | A_BOLD);
		char *what = history_describe(c);
		draw_text(yy, textx, what, COLS - textx - 1,
			  at | (isnew ? A_BOLD : 0));
		free(what);
	}
}

/* Where a change's item is on the board now: a touchpoint, a stage, or
 * the place a gap or silo is recorded at (0 and 0: not on the board). */
static void history_place(const struct app *a, const struct store_change *c,
			  int64_t *stage, int64_t *tp)
{
	const struct model_map *m = a->map;
	int64_t t = 0, sg = 0;
	if (c->kind == STORE_KIND_TOUCHPOINT)
		t = c->item_id;
	else if (c->kind == STORE_KIND_STAGE)
		sg = c->item_id;
	const struct model_gap *g = c->kind == STORE_KIND_GAP
				    ? model_gap(m, c->item_id) : NULL;
	const struct model_silo *o = c->kind == STORE_KIND_SILO
				     ? model_silo(m, c->item_id) : NULL;
	if (g) {
		t = g->touchpoint_id;
		sg = g->stage_id;
	}
	if (o)
		t = o->touchpoint_id;
	size_t si, j;
	if (app_locate(a, t, &si, &j))
		*tp = t;
	else if (model_stage(m, sg))
		*stage = sg;
}

static void history_action(struct app *a, void *state, enum ui_action act)
{
	struct history_state *s = state;
	if (act != ACT_HIST_JUMP) {
		list_move(&s->sel, s->n, act);
		return;
	}
	if (s->sel >= s->n)
		return;
	int64_t stage = 0, tp = 0;
	history_place(a, &s->v[s->sel], &stage, &tp);
	if (stage || tp) {
		app_select(a, stage, tp);
		app_show_view(a, "board");
	} else {
		app_message(a, _("That item is not on the board any more"));
	}
}

const struct view_ops history_view = {
	.name = "history", .ctx = CTX_HISTORY,
	.open = history_open, .reload = history_reload, .draw = history_draw,
	.action = history_action, .close = history_close,
};
