/* app.c - the interface's main loop: read a key, map it to an action,
 * hand it to the current view; and what all views share (header, status
 * line, bottom bar, messages, reloading the map). */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/model_patch.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/exportui.h"
#include "ui/prompt.h"
#include "ui/help.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static const struct view_ops *app_view_ops(const struct app *a)
{
	return views_all[a->view];
}

/* The current view reads what it shows again. */
static void app_view_reload(struct app *a)
{
	const struct view_ops *v = app_view_ops(a);
	a->generation++;
	if (a->states && v->reload)
		v->reload(a, a->states[a->view]);
}

static void app_enter(struct app *a, size_t view)
{
	a->view = view;
	a->entering = true;
	app_view_reload(a);
	a->entering = false;
}

void app_show_view(struct app *a, const char *name)
{
	app_enter(a, views_find(name));
}

bool app_locate(const struct app *a, int64_t tp_id, size_t *stage,
		size_t *card)
{
	size_t si;
	const struct model_touchpoint *t = model_touchpoint(a->map, tp_id, &si);
	if (!t)
		return false;
	*stage = si;
	*card = (size_t)(t - a->map->stages[si].touchpoints);
	return true;
}

/* The findings go with the map: worked out again whenever it is read. */
static void app_set_map(struct app *a, struct model_map *m)
{
	model_map_free(a->map);
	analysis_free(a->analysis);
	a->map = m;
	a->analysis = analysis_run(m, NULL);
	app_view_reload(a);	/* what the view shows comes from the map */
}

void app_map_changed(struct app *a, const struct analysis_change *ch)
{
	char today[11];
	plan_today(today);
	/* a new day can make actions overdue anywhere: work it all out */
	if (strcmp(today, a->analysis->options.today) != 0)
		ch = NULL;
	if (!ch || !analysis_update(a->analysis, a->map, ch)) {
		analysis_free(a->analysis);
		a->analysis = analysis_run(a->map, NULL);
	}
	app_view_reload(a);
}

/* ------------------------------------------------------------------ */
/* messages */

static void app_vmessage(struct app *a, bool error, const char *fmt,
			 va_list ap) __attribute__((format(printf, 3, 0)));

static void app_vmessage(struct app *a, bool error, const char *fmt,
			 va_list ap)
{
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	a->message_error = error;
}

void app_message(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vmessage(a, false, fmt, ap);
	va_end(ap);
}

void app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vmessage(a, true, fmt, ap);
	va_end(ap);
	if (stdscr)	/* not before the terminal is set up */
		beep();
}

bool app_check(struct app *a, enum store_status st)
{
	if (st == STORE_OK)
		return true;
	if (st == STORE_CONFLICT) {
		/* show what is there now; the person may simply do it again */
		app_reload(a);
		app_error(a, _("Not saved: someone else changed it meanwhile"));
		return false;
	}
	if (st == STORE_MISSING) {
		/* gone under us: show the map as it is now */
		app_reload(a);
		app_error(a, _("Not saved: someone else deleted it meanwhile"));
		return false;
	}
	if (st == STORE_READONLY)
		app_error(a, _("Read-only: this file cannot be changed here"));
	else if (st == STORE_GONE)
		app_error(a, _("Not saved: %s was deleted or replaced by another program. Quit, and open the file again"),
			  store_path(a->store));
	else if (st == STORE_BADVALUE)
		app_error(a, "%s: %s", store_status_message(st),
			  store_why(a->store));
	else
		app_error(a, _("Not saved: %s"), store_status_message(st));
	return false;
}

bool app_writable(struct app *a)
{
	if (!store_readonly(a->store))
		return true;
	app_error(a, _("Read-only: this file cannot be changed here"));
	return false;
}

static void app_presence(struct app *a);

/* How often an idle interface looks for others' changes. */
#define APP_TICK_MS 1000

/* ------------------------------------------------------------------ */
/* the map and the selection */

const struct model_stage *app_stage(const struct app *a)
{
	if (!a->map || a->stage >= a->map->nstages)
		return NULL;
	return &a->map->stages[a->stage];
}

const struct model_touchpoint *app_touchpoint(const struct app *a)
{
	const struct model_stage *sg = app_stage(a);
	if (!sg || a->card < 0 || (size_t)a->card >= sg->ntouchpoints)
		return NULL;
	return &sg->touchpoints[a->card];
}

void app_select(struct app *a, int64_t stage_id, int64_t tp_id)
{
	/* the touchpoint wherever it is now (it may have moved), else the
	 * stage */
	size_t si, j;
	if (app_locate(a, tp_id, &si, &j)) {
		a->stage = si;
		a->card = (long)j;
		return;
	}
	const struct model_stage *sg = model_stage(a->map, stage_id);
	if (sg) {
		a->stage = (size_t)(sg - a->map->stages);
		a->card = tp_id ? a->card : -1;
	}
}

/* Keeps the selection inside the map after it changed. */
static void app_clamp(struct app *a)
{
	if (a->map->nstages == 0) {
		a->stage = 0;
		a->card = -1;
		return;
	}
	if (a->stage >= a->map->nstages)
		a->stage = a->map->nstages - 1;
	long n = (long)a->map->stages[a->stage].ntouchpoints;
	if (a->card >= n)
		a->card = n - 1;
}

/* Reads the whole map again; then selects the stage and touchpoint with
 * these ids where they still are. */
static void app_reload_at(struct app *a, int64_t stage_id, int64_t tp_id)
{
	struct model_map *m = NULL;
	/* the data version, then the stamp: a change after either shows as
	 * a newer one later */
	uint64_t v = a->data_version;
	if (store_data_version(a->store, &v) == STORE_OK &&
	    v != a->data_version) {
		a->data_version = v;
		app_presence(a);
	}
	store_map_stamp(a->store, a->map->id, &a->map_stamp);
	edit_changed_reset(a->edit);	/* all of it is read */
	enum store_status st = store_map_load(a->store, a->map->id, &m);
	if (st == STORE_MISSING) {
		/* someone deleted the map under us: go to another one */
		char *name = xstrdup(a->map->name);
		if (app_open_first(a))
			app_error(a, _("Someone else deleted the map \"%s\""), name);
		free(name);
		return;
	}
	if (st != STORE_OK) {
		app_check(a, st);
		return;
	}
	app_set_map(a, m);
	if (stage_id)
		app_select(a, stage_id, tp_id);
	app_clamp(a);
}

/* The ids of the selected stage and touchpoint (0: none). */
static void app_selected(const struct app *a, int64_t *stage_id,
			 int64_t *tp_id)
{
	const struct model_stage *sg = app_stage(a);
	const struct model_touchpoint *tp = app_touchpoint(a);
	*stage_id = sg ? sg->id : 0;
	*tp_id = tp ? tp->id : 0;
}

void app_reload(struct app *a)
{
	if (!a->map)
		return;	/* nothing open yet (the start) */
	int64_t stage_id, tp_id;
	app_selected(a, &stage_id, &tp_id);
	app_reload_at(a, stage_id, tp_id);
}

/* Patches the map with what this session's edit wrote, when nobody else
 * wrote since it was read (the data version moves only with others'
 * commits): the edit then costs what it touched.  Else, or when the patch
 * cannot be made with certainty, reads it all (model_patch.h). */
void app_edited(struct app *a)
{
	if (!a->map)
		return;
	int64_t stage_id, tp_id, stamp = 0;
	app_selected(a, &stage_id, &tp_id);
	uint64_t v = 0, after = 0;
	struct model_patch p = { 0 };
	enum store_status st = store_data_version(a->store, &v);
	if (st == STORE_OK && v != a->data_version)
		st = STORE_BUSY;	/* someone else wrote */
	if (st == STORE_OK)
		st = store_map_stamp(a->store, a->map->id, &stamp);
	if (st == STORE_OK)
		st = model_patch_apply(a->store, a->map, edit_changed(a->edit),
				       &p);
	edit_changed_reset(a->edit);	/* read, by the patch or all of it */
	/* ...and nobody wrote while it was read */
	if (st == STORE_OK && (store_data_version(a->store, &after) != STORE_OK ||
			       after != v))
		st = STORE_BUSY;
	if (st != STORE_OK) {
		model_patch_free(&p);
		app_reload_at(a, stage_id, tp_id);
		return;
	}
	a->map_stamp = stamp;
	struct analysis_change ch = {
		.stage_ids = p.stage_ids, .nstage_ids = p.nstage_ids,
		.stages = p.stages, .gaps = p.gaps, .silos = p.silos,
		.departments = p.departments,
		.plan_same = !p.items[PLAN_METRIC] && !p.items[PLAN_VOICE] &&
			     !p.items[PLAN_ACTION] && !p.decisions && !p.gaps,
	};
	app_map_changed(a, &ch);
	model_patch_free(&p);
	if (stage_id)
		app_select(a, stage_id, tp_id);
	app_clamp(a);
}

/* app_open_map, with the store's answer (MISSING: deleted meanwhile). */
static enum store_status app_open_map_st(struct app *a, int64_t map_id)
{
	struct model_map *m = NULL;
	/* data version, stamp, then the map: a commit by anyone after any
	 * of these is noticed by app_idle */
	int64_t stamp = 0;
	uint64_t version = 0;
	store_data_version(a->store, &version);
	store_map_stamp(a->store, map_id, &stamp);
	enum store_status st = store_map_load(a->store, map_id, &m);
	if (st == STORE_MISSING) {
		/* deleted since it was listed: the caller picks another one
		 * (no reload: at the start there is no map to reload) */
		app_error(a, _("Not opened: someone else deleted that map meanwhile"));
		return st;
	}
	if (!app_check(a, st))
		return st;
	app_set_map(a, m);
	a->map_stamp = stamp;
	a->data_version = version;
	a->stage = 0;
	a->card = -1;
	a->first_stage = 0;
	a->card_top = 0;
	edit_clear(a->edit);
	/* sharing: be seen, remember the last visit, then record this one */
	store_presence_join(a->store, map_id);
	app_presence(a);
	a->visit_stamp = a->visit_time = 0;
	store_visit_get(a->store, map_id, &a->visit_time, &a->visit_stamp);
	if (a->visit_stamp) {
		struct store_change *c = NULL;
		size_t n = 0;
		if (store_history_since(a->store, map_id, a->visit_stamp, 0, &c,
					&n) == STORE_OK && n)
			app_message(a, ngettext("%zu change by others since you last had this map open: w shows it",
						"%zu changes by others since you last had this map open: w shows them",
						n), n);
		store_history_free(c, n);
	}
	if (!store_readonly(a->store))
		store_visit_record(a->store, map_id);
	app_view_reload(a);	/* with this visit's stamps */
	return STORE_OK;
}

bool app_open_map(struct app *a, int64_t map_id)
{
	return app_open_map_st(a, map_id) == STORE_OK;
}

/* The login names of the others on this map, joined. */
static void app_presence(struct app *a)
{
	struct store_presence *v = NULL;
	size_t n = 0;
	free(a->others);
	a->others = NULL;
	if (store_presence_list(a->store, a->map->id, &v, &n) != STORE_OK)
		return;
	for (size_t i = 0; i < n; i++) {
		bool dup = false;
		for (size_t k = 0; k < i; k++)
			dup |= strcmp(v[k].user, v[i].user) == 0;
		if (dup)
			continue;
		char *s = xasprintf("%s%s%s", a->others ? a->others : "",
				    a->others ? ", " : "", v[i].user);
		free(a->others);
		a->others = s;
	}
	store_presence_free(v, n);
}

void app_idle(struct app *a, bool reload)
{
	store_presence_beat(a->store);	/* writes only when a beat is due */
	uint64_t v = 0;
	enum store_status st = store_data_version(a->store, &v);
	if (st == STORE_GONE && !a->gone) {
		/* said once, at once, before anyone types into the void */
		a->gone = true;
		app_error(a, _("%s was deleted or replaced by another program: nothing more can be saved here. Quit, and open the file again"),
			  store_path(a->store));
	}
	if (st != STORE_OK || v == a->data_version)
		return;
	app_presence(a);
	if (!reload)
		return;	/* looked at again once the editor is closed */
	a->data_version = v;
	int64_t stamp = 0;
	if (store_map_stamp(a->store, a->map->id, &stamp) == STORE_OK &&
	    stamp != a->map_stamp)
		app_reload(a);
	else	/* another map, a department's use: lists may show it */
		app_view_reload(a);
}

/* ------------------------------------------------------------------ */
/* drawing */

/* The bottom bar's lines, as last drawn. */
static int app_bar_rows = 1;

int app_body_top(void)
{
	return 1;
}

int app_body_lines(void)
{
	return LINES - 2 - app_bar_rows;
}

void app_format_counts(char *buf, size_t size, size_t stages, size_t tps,
		       size_t unowned, size_t gaps, size_t silos,
		       size_t findings)
{
	const char *sep = term_glyph(G_SEP);
	int o = 0;
	buf[0] = '\0';
	if (stages != APP_OMIT)
		o += snprintf(buf, size, ngettext("%zu stage", "%zu stages",
			      stages), stages);
	if (o)
		o += snprintf(buf + o, size - (size_t)o, "%s", sep);
	if (tps != APP_OMIT)
		o += snprintf(buf + o, size - (size_t)o, ngettext("%zu touchpoint",
			      "%zu touchpoints", tps), tps);
	if (o)
		o += snprintf(buf + o, size - (size_t)o, "%s", sep);
	o += snprintf(buf + o, size - (size_t)o,
		      ngettext("%zu unowned", "%zu unowned", unowned), unowned);
	o += snprintf(buf + o, size - (size_t)o, "%s", sep);
	o += snprintf(buf + o, size - (size_t)o,
		      ngettext("%zu open gap", "%zu open gaps", gaps), gaps);
	o += snprintf(buf + o, size - (size_t)o, "%s", sep);
	o += snprintf(buf + o, size - (size_t)o,
		      ngettext("%zu silo", "%zu silos", silos), silos);
	if (findings != APP_OMIT) {
		o += snprintf(buf + o, size - (size_t)o, "%s", sep);
		snprintf(buf + o, size - (size_t)o, ngettext("%zu finding",
			 "%zu findings", findings), findings);
	}
}

/* The header's counts at one of three lengths: everything (0), without
 * the findings (1), without the touchpoints too (2). */
static void app_counts(const struct app *a, int tier, char *buf, size_t size)
{
	const struct analysis *an = a->analysis;
	app_format_counts(buf, size, APP_OMIT,
			  tier < 2 ? an->ntouchpoints : APP_OMIT, an->nunowned,
			  an->nopen_gaps, an->nopen_silos,
			  tier < 1 ? an->nfindings - an->ndecided : APP_OMIT);
}

/* The header, left to right by importance: the map's name, the read-only
 * mark, who else is here, the counts (shortened to fit), the file. */
static void app_draw_header(struct app *a)
{
	attr_t h = term_attr(TERM_HEADER);
	draw_fill(0, 0, COLS, NULL, h);
	int x = 1 + draw_text(0, 1, a->map->name, COLS / 3, h | A_BOLD);
	if (store_readonly(a->store))
		x += 1 + draw_text(0, x + 1, _("[read-only]"), COLS - x - 1,
				   h | A_BOLD);
	if (a->others) {
		char *with = xasprintf(_("with %s"), a->others);
		x += 1 + draw_text(0, x + 1, with, COLS / 4, h | A_BOLD);
		free(with);
	}
	char right[256];
	int rw = 0;
	for (int tier = 0; tier < 3; tier++) {
		app_counts(a, tier, right, sizeof right);
		rw = draw_width(right) + 1;
		if (x + 2 + rw <= COLS)
			break;
	}
	if (x + 2 + rw > COLS)
		rw = 0;
	const char *file = strrchr(store_path(a->store), '/');
	file = file ? file + 1 : store_path(a->store);
	if (COLS - rw - x - 2 > 4)
		draw_text(0, x + 1, file, COLS - rw - x - 2, h);
	if (rw)
		draw_text(0, COLS - rw, right, rw, h);
}

/* The bottom bar: the current view's keys, then the global ones, on one
 * line when they all fit, else on two; what still does not fit is left
 * out, but Help and Quit always end the last line.  Worked out when
 * drawing (app_bar_rows); the body fits in what is left. */
#define APP_BAR_MAX 64

struct bar_item {
	const struct ui_action_info *info;
	char key[16];
	int width;	/* key, space, label */
};

static size_t app_bar_items(enum ui_context ctx, struct bar_item *v,
			    size_t max)
{
	const struct ui_action_info *acts[APP_BAR_MAX];
	size_t n = actions_bar(ctx, acts, max < APP_BAR_MAX ? max : APP_BAR_MAX);
	for (size_t k = 0; k < n; k++) {
		const struct ui_action_info *i = acts[k];
		const char *keys = actions_keys(i);
		v[k].info = i;
		snprintf(v[k].key, sizeof v[k].key, "%.*s",
			 (int)strcspn(keys, ","), keys);
		v[k].width = draw_width(v[k].key) + 1 +
			     draw_width(i18n_ctx(i->bar));
	}
	return n;
}

/* Places the items: row[k] is 0 or 1, or -1 when left out; returns the
 * rows used.  On two rows the view's keys come first and the global ones
 * make the second row (the view's keys that do not fit go ahead of
 * them), so the global keys are in the same place in every view. */
static int app_bar_place(const struct bar_item *v, size_t n, int *row)
{
	int total = -1, reserve = 0;
	for (size_t k = 0; k < n; k++) {
		total += v[k].width + 1;
		row[k] = 0;
		if (v[k].info->id == ACT_HELP || v[k].info->id == ACT_QUIT)
			reserve += v[k].width + 1;
	}
	if (total <= COLS)
		return 1;
	int r = 0, x = 0;
	for (size_t k = 0; k < n; k++) {
		bool last = v[k].info->id == ACT_HELP || v[k].info->id == ACT_QUIT;
		if (r == 0 && ((v[k].info->context == CTX_ALL && x > 0) ||
			       x + v[k].width > COLS)) {
			r = 1;
			x = 0;
		}
		if (x + v[k].width > COLS - (r == 1 && !last ? reserve : 0)) {
			row[k] = -1;
			continue;
		}
		row[k] = r;
		x += v[k].width + 1;
	}
	return 2;
}


static void app_draw_bar(const struct bar_item *v, size_t n, const int *row,
			 int rows)
{
	int x[2] = { 0, 0 };
	for (int r = 0; r < rows; r++) {
		move(LINES - rows + r, 0);
		clrtoeol();
	}
	for (size_t k = 0; k < n; k++) {
		if (row[k] < 0)
			continue;
		int y = LINES - rows + row[k], *xx = &x[row[k]];
		*xx += draw_text(y, *xx, v[k].key, COLS - *xx,
				 term_attr(TERM_BAR_KEY));
		*xx += 1;
		*xx += draw_text(y, *xx, i18n_ctx(v[k].info->bar), COLS - *xx,
				 A_NORMAL) + 1;
	}
}

int app_status_y(void)
{
	return LINES - 1 - app_bar_rows;
}

static void app_draw_status(struct app *a)
{
	int y = app_status_y();
	move(y, 0);
	clrtoeol();
	if (a->message[0])
		draw_text(y, 0, a->message, COLS,
			  a->message_error ? term_attr(TERM_ERROR) : A_BOLD);
}

static void app_draw_too_small(void)
{
	erase();
	const char *msg = _("Terminal too small");
	char size[64];
	snprintf(size, sizeof size, _("need %dx%d, have %dx%d"), TERM_MIN_COLS,
		 TERM_MIN_LINES, COLS, LINES);
	int y = LINES / 2 - 1 > 0 ? LINES / 2 - 1 : 0;
	draw_text(y, 0, msg, COLS, A_BOLD);
	if (y + 1 < LINES)
		draw_text(y + 1, 0, size, COLS, A_NORMAL);
}

static bool app_too_small(void)
{
	return COLS < TERM_MIN_COLS || LINES < TERM_MIN_LINES;
}

void app_draw(struct app *a)
{
	bool keep = a->frame_ok && a->frame_view == a->view &&
		    a->frame_cols == COLS && a->frame_lines == LINES;
	a->frame_ok = false;
	if (app_too_small()) {
		app_draw_too_small();
		return;
	}
	if (a->help.open) {
		help_draw(&a->help);
		return;
	}
	/* the board redraws only what a key changed; every other view, and
	 * the board after anything else drew, starts from a blank screen */
	a->keep_body = keep && a->view == views_find("board");
	if (!a->keep_body)
		erase();
	/* the bar first: the body fits in what it leaves */
	struct bar_item bar[APP_BAR_MAX];
	int row[APP_BAR_MAX];
	const struct view_ops *v = app_view_ops(a);
	size_t n = app_bar_items(v->ctx, bar, APP_BAR_MAX);
	app_bar_rows = app_bar_place(bar, n, row);
	app_draw_header(a);
	v->draw(a, a->states[a->view]);
	app_draw_status(a);
	app_draw_bar(bar, n, row, app_bar_rows);
	a->keep_body = false;
	a->frame_ok = true;
	a->frame_view = a->view;
	a->frame_cols = COLS;
	a->frame_lines = LINES;
}

/* ------------------------------------------------------------------ */
/* the loop */

/* Selects what an undo or redo was about, when it is on the board. */
static void app_show_focus(struct app *a)
{
	bool is_tp;
	int64_t id = edit_focus(a->edit, &is_tp);
	if (id)
		app_select(a, is_tp ? 0 : id, is_tp ? id : 0);
}

static bool app_map_exists(struct app *a, int64_t id)
{
	struct store_map_info *v;
	size_t n;
	bool found = false;
	if (store_map_names(a->store, &v, &n) != STORE_OK)
		return true;	/* the reload says what is wrong */
	for (size_t i = 0; i < n; i++)
		found |= v[i].id == id;
	store_map_info_free(v, n);
	return found;
}

/* Undo or redo in history w; when someone else changed the item since,
 * says who and what, and asks whether to do it anyway (else the step is
 * dropped). */
static void app_undo_redo(struct app *a, enum edit_history w, bool redo,
			  const char *label)
{
	enum store_status st = redo ? edit_redo_in(a->edit, w)
				    : edit_undo_in(a->edit, w);
	enum store_kind kind;
	int64_t id, since;
	if (st == STORE_CONFLICT &&
	    edit_conflict(a->edit, &kind, &id, &since)) {
		char *q = xasprintf(redo ? _("Redo \"%s\" anyway? (y/n)")
					 : _("Undo \"%s\" anyway? (y/n)"), label);
		bool anyway = app_conflict_ask(a, kind, id, NULL, since, q);
		free(q);
		if (!anyway) {
			edit_drop(a->edit, w, redo);
			return;	/* app_conflict_ask said what happened */
		}
		st = redo ? edit_redo_anyway(a->edit, w)
			  : edit_undo_anyway(a->edit, w);
	} else if (st == STORE_CONFLICT) {
		edit_drop(a->edit, w, redo);	/* nothing to ask about */
	}
	if (app_check(a, st))
		app_message(a, redo ? _("Redone: %s") : _("Undone: %s"), label);
	if (w == EDIT_FILE) {
		/* a list of maps selects the map it was about; when the open
		 * map went (this session's undo took it), another opens */
		a->focus_map = edit_focus_map(a->edit);
		if (app_map_exists(a, a->map->id))
			app_reload(a);
		else
			app_open_first(a);
		return;
	}
	app_edited(a);	/* a refused one changed nothing: no harm */
	app_show_focus(a);
}

static void app_global(struct app *a, enum ui_action act)
{
	const char *label;
	/* the maps view undoes what it did to whole maps (edit.h) */
	enum edit_history w = app_view_ops(a)->file_undo ? EDIT_FILE : EDIT_MAP;
	switch (act) {
	case ACT_UNDO:
	case ACT_REDO:
		if (!app_writable(a))
			return;
		label = act == ACT_UNDO ? edit_undo_label_in(a->edit, w)
					: edit_redo_label_in(a->edit, w);
		if (!label) {
			app_message(a, act == ACT_UNDO ? _("Nothing to undo")
						       : _("Nothing to redo"));
			return;
		}
		app_undo_redo(a, w, act == ACT_REDO, _(label));
		return;
	case ACT_NEXT_VIEW:
		app_enter(a, (a->view + 1) % views_count);
		return;
	case ACT_PREV_VIEW:
		app_enter(a, (a->view + views_count - 1) % views_count);
		return;
	case ACT_MAPS:
		app_show_view(a, "maps");
		return;
	case ACT_DEPTS:
		app_show_view(a, "departments");
		return;
	case ACT_HISTORY:
		app_show_view(a, "history");
		return;
	case ACT_BACKLOG:
		app_show_view(a, "backlog");
		return;
	case ACT_EXPORT:
		exportui_run(a);
		return;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		return;
	case ACT_HELP:
		a->help.open = true;
		a->help.top = 0;
		return;
	case ACT_QUIT:
		a->quit = true;
		return;
	default:
		return;
	}
}

static void app_dispatch(struct app *a, enum ui_action act)
{
	const struct ui_action_info *info = NULL;
	for (const struct ui_action_info *i = ui_actions; i->id; i++)
		if (i->id == act)
			info = i;
	if (info && info->context == CTX_ALL) {
		app_global(a, act);
		return;
	}
	size_t view = a->view;
	app_view_ops(a)->action(a, a->states[view], act);
	/* moves only move; anything else may have changed what is shown */
	if (a->view == view && (!info || info->context != CTX_NAV))
		app_view_reload(a);
}

/* Folds the several codes of one key into one. */
int app_key(int r, wint_t wch)
{
	if (r == KEY_CODE_YES) {
		if (wch == KEY_ENTER)
			return '\n';
		return (int)wch;
	}
	if (wch == '\r')
		return '\n';
	return (int)wch;
}

/* After an Escape: when a sequence introducer ([ ] O P) follows at once,
 * the bytes are an escape sequence no key of ours means (a paste, a stray
 * terminal reply): read them away so they cannot act as keys.  False for
 * a plain Escape. */
static bool app_swallow_sequence(void)
{
	wint_t c;
	timeout(0);
	int r = get_wch(&c);
	bool seq = r == OK && (c == '[' || c == ']' || c == 'O' || c == 'P');
	if (r == OK && !seq)
		unget_wch((wchar_t)c);	/* Escape, then an ordinary key */
	else if (r == KEY_CODE_YES)
		ungetch((int)c);	/* Escape, then a function key */
	if (seq) {
		wint_t first = c;
		/* CSI and SS3 end with a final byte; OSC and DCS with BEL or
		 * ESC \ */
		for (int n = 0; n < 4096 && get_wch(&c) != ERR; n++) {
			if ((first == '[' || first == 'O') && c >= 0x40 && c <= 0x7e)
				break;
			if ((first == ']' || first == 'P') && (c == 7 || c == 27)) {
				/* the string terminator is ESC \ : both go */
				if (c == 27 && get_wch(&c) == OK && c != '\\')
					unget_wch((wchar_t)c);
				break;
			}
		}
	}
	timeout(APP_TICK_MS);
	return seq;
}

/* The next key; 0 after the timeout (having looked for others' changes,
 * reloading only when `reload`), a resize or a swallowed sequence. */
static int app_next_key(struct app *a, wint_t *wch, bool *is_char,
			bool reload)
{
	int r = get_wch(wch);
	if (term_should_quit())
		return APP_KEY_QUIT;
	if (r == ERR) {
		if (term_input_ended())
			return APP_KEY_QUIT;
		app_idle(a, reload);
		return 0;
	}
	if (is_char)
		*is_char = r == OK && *wch >= 32 && *wch != 127;
	int key = app_key(r, *wch);
	if (key == 27 && app_swallow_sequence())
		return 0;
	return key == KEY_RESIZE ? 0 : key;
}

int app_read_key(struct app *a, wint_t *wch, bool *is_char)
{
	a->frame_ok = false;	/* a modal loop draws over the frame */
	/* no reload while an editor is open on the map as it was */
	return app_next_key(a, wch, is_char, false);
}

int app_read_key_live(struct app *a, wint_t *wch, bool *is_char)
{
	a->frame_ok = false;
	return app_next_key(a, wch, is_char, true);
}

static void app_host_redraw(void *ctx, bool quiet)
{
	struct app *a = ctx;
	if (quiet)
		a->message[0] = '\0';
	app_draw(a);
	a->frame_ok = false;	/* a prompt draws over it */
}

static int app_host_read_key(void *ctx, wint_t *wch, bool *is_char)
{
	return app_read_key(ctx, wch, is_char);
}

static int app_host_status_y(void *ctx)
{
	(void)ctx;
	return app_status_y();
}

const struct prompt_host *app_host(struct app *a)
{
	a->frame_ok = false;	/* whoever asks draws on the screen */
	return &a->host;
}

/* One try of app_open_first: 1 opened, 0 the map picked was deleted
 * before it was read (try again), -1 failed. */
static int app_open_first_try(struct app *a)
{
	struct store_map_info *maps;
	size_t n;
	enum store_status st = store_map_names(a->store, &maps, &n);
	if (st != STORE_OK) {
		app_check(a, st);
		return -1;
	}
	int64_t id = n ? maps[0].id : 0, latest = 0;
	for (size_t i = 0; i < n; i++) {
		int64_t when = 0, stamp = 0;
		if (store_visit_get(a->store, maps[i].id, &when, &stamp) ==
		    STORE_OK && when > latest) {
			latest = when;
			id = maps[i].id;
		}
	}
	store_map_info_free(maps, n);
	/* no message here: the terminal may not be set up yet */
	if (!id && store_map_create(a->store, a->default_name, &id) != STORE_OK)
		return -1;
	st = app_open_map_st(a, id);
	return st == STORE_OK ? 1 : st == STORE_MISSING ? 0 : -1;
}

bool app_open_first(struct app *a)
{
	/* others deleting maps as fast as we pick them: give up after a few */
	int r = 0;
	for (int i = 0; i < 8 && r == 0; i++)
		r = app_open_first_try(a);
	return r == 1;
}

/* The store waits for another program's lock: say so at once (after a
 * second) and let Escape stop the wait; other keys wait their turn. */
static bool app_busy(void *arg, const char *who, int left)
{
	struct app *a = arg;
	if (isendwin())
		return true;	/* stopping */
	if (who) {
		app_message(a, ngettext("The file is busy (%s): waiting up to %d second more; Esc stops waiting",
					"The file is busy (%s): waiting up to %d seconds more; Esc stops waiting",
					left), who, left);
		app_draw_status(a);
		refresh();
	}
	wint_t c;
	timeout(0);
	int r = get_wch(&c);
	timeout(APP_TICK_MS);
	if (r == OK && c == 27)
		return false;
	if (r == OK)
		unget_wch((wchar_t)c);
	else if (r == KEY_CODE_YES)
		ungetch((int)c);
	return true;
}

static void app_close_views(struct app *a)
{
	for (size_t i = 0; i < views_count; i++) {
		if (views_all[i]->close)
			views_all[i]->close(a->states[i]);
		else
			free(a->states[i]);
	}
	free(a->states);
	a->states = NULL;
}

void app_init(struct app *a, struct store *s, const char *default_map_name)
{
	memset(a, 0, sizeof *a);
	a->store = s;
	a->default_name = default_map_name;
	a->host = (struct prompt_host){ app_host_redraw, app_host_read_key,
					app_host_status_y, a };
	a->edit = edit_new(s);
	a->card = -1;
	a->states = xcalloc(views_count, sizeof *a->states);
	for (size_t i = 0; i < views_count; i++)
		a->states[i] = views_all[i]->open ? views_all[i]->open(a) : NULL;
}

bool app_open(struct app *a, struct store *s, const char *default_map_name)
{
	app_init(a, s, default_map_name);
	if (app_open_first(a))
		return true;
	app_close_views(a);
	edit_free(a->edit);
	return false;
}

void app_close(struct app *a)
{
	/* what was seen up to now does not count as new next time */
	if (!store_readonly(a->store))
		store_visit_record(a->store, a->map->id);
	store_presence_leave(a->store);
	store_set_busy(a->store, NULL, NULL);
	model_map_free(a->map);
	analysis_free(a->analysis);
	free(a->others);
	app_close_views(a);
	edit_free(a->edit);
}

void app_feed(struct app *a, int key)
{
	if (key == KEY_RESIZE)
		return;
	a->message[0] = '\0';
	if (app_too_small())
		return;
	if (a->help.open) {
		help_action(&a->help, actions_modal(CTX_HELP, key));
		return;
	}
	enum ui_action act = actions_lookup(app_view_ops(a)->ctx, key);
	if (act != ACT_NONE)
		app_dispatch(a, act);
}

/* The wheel moves like Up and Down; a click selects on the board. */
static int app_mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		return KEY_UP;
	if (ev.bstate & BUTTON5_PRESSED)
		return KEY_DOWN;
	const struct view_ops *v = app_view_ops(a);
	if (v->click && !a->help.open &&
	    (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		v->click(a, a->states[a->view], ev.y, ev.x);
	return 0;
}

void app_loop(struct app *a)
{
	timeout(APP_TICK_MS);
	while (!a->quit && !term_should_quit()) {
		if (a->view == views_find("board") && a->map->nstages == 0 &&
		    !a->message[0])
			app_message(a, _("An empty map: press A to add the first stage, ? for help"));
		app_draw(a);
		refresh();
		wint_t wch;
		int key = app_next_key(a, &wch, NULL, true);
		if (key == KEY_MOUSE)
			key = app_mouse(a);
		if (key > 0)
			app_feed(a, key);
	}
}

int app_run(struct store *s, const char *default_map_name, bool mouse)
{
	struct app a;
	if (!app_open(&a, s, default_map_name)) {
		/* why, when known (a bad value in the file...) */
		if (a.message[0])
			fprintf(stderr, "%s: %s\n", PACKAGE, a.message);
		return a.message[0] ? -3 : -1;
	}
	if (!term_start(mouse)) {
		app_close(&a);
		return -2;
	}
	/* until now the command line's way (standard error) said it */
	store_set_busy(s, app_busy, &a);
	app_loop(&a);
	term_stop();
	app_close(&a);
	return 0;
}
