/* lists.c - the maps view and the departments view: lists with a
 * selection, and the help screen. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/templates.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Keeps a selection in range and returns the first line to show. */
static size_t list_top(size_t *sel, size_t n, int rows)
{
	if (*sel >= n)
		*sel = n ? n - 1 : 0;
	return *sel >= (size_t)rows ? *sel - (size_t)rows + 1 : 0;
}

static void list_move(size_t *sel, size_t n, enum ui_action act)
{
	switch (act) {
	case ACT_UP: if (*sel > 0) (*sel)--; break;
	case ACT_DOWN: if (*sel + 1 < n) (*sel)++; break;
	case ACT_FIRST: *sel = 0; break;
	case ACT_LAST: *sel = n ? n - 1 : 0; break;
	default: break;
	}
}

/* ------------------------------------------------------------------ */
/* maps */

void maps_draw(struct app *a)
{
	struct store_map_info *v;
	size_t n;
	if (!app_check(a, store_map_list(a->store, &v, &n)))
		return;
	int y = app_body_top();
	draw_text(y, 1, _("Maps in this file"), COLS - 2, A_BOLD);
	draw_fill(y + 1, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	int rows = app_body_lines() - 2;
	size_t top = list_top(&a->maps_sel, n, rows);
	for (int r = 0; r < rows && top + (size_t)r < n; r++) {
		const struct store_map_info *mi = &v[top + (size_t)r];
		bool sel = top + (size_t)r == a->maps_sel;
		attr_t at = sel ? A_REVERSE : A_NORMAL;
		int yy = y + 2 + r;
		draw_fill(yy, 0, COLS, NULL, at);
		draw_text(yy, 0, mi->id == a->map->id ? "*" : " ", 1, at | A_BOLD);
		char counts[256];
		app_format_counts(counts, sizeof counts, mi->nstages,
				  mi->ntouchpoints, mi->nunowned,
				  mi->ngaps_open, mi->nsilos_open, APP_OMIT);
		int cw = draw_width(counts);
		if (cw > COLS / 2)
			cw = COLS / 2;	/* the name matters more */
		draw_text(yy, 2, mi->name, COLS - cw - 4, at | A_BOLD);
		draw_text(yy, COLS - cw - 1, counts, cw, at);
	}
	store_map_info_free(v, n);
}

/* The id, name (to free), version and row version of the selected map,
 * or 0. */
static int64_t maps_selected(struct app *a, char **name, int64_t *version,
			     int64_t *rev)
{
	struct store_map_info *v;
	size_t n;
	int64_t id = 0;
	if (!app_check(a, store_map_list(a->store, &v, &n)))
		return 0;
	if (a->maps_sel < n) {
		id = v[a->maps_sel].id;
		if (name)
			*name = xstrdup(v[a->maps_sel].name);
		if (version)
			*version = v[a->maps_sel].version;
		if (rev)
			*rev = v[a->maps_sel].rev;
	}
	store_map_info_free(v, n);
	return id;
}

/* Selects a map in the list; with name and rev, gives its current name
 * (to free) and row version.  False when there is no such map. */
static bool maps_select_id(struct app *a, int64_t id, char **name,
			   int64_t *rev)
{
	struct store_map_info *v;
	size_t n;
	bool found = false;
	if (store_map_list(a->store, &v, &n) != STORE_OK)
		return false;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			a->maps_sel = i;
			found = true;
			if (name)
				*name = xstrdup(v[i].name);
			if (rev)
				*rev = v[i].rev;
		}
	store_map_info_free(v, n);
	return found;
}

void maps_after_undo(struct app *a)
{
	int64_t id = edit_focus_map(a->edit);
	if (!maps_select_id(a, a->map->id, NULL, NULL))
		app_open_first(a);	/* this session's undo took it */
	else
		app_reload(a);
	if (id)
		maps_select_id(a, id, NULL, NULL);
}

static void maps_new(struct app *a)
{
	if (!app_writable(a))
		return;
	char *name = prompt_line(a, _("Name of the new map:"), "");
	if (!name)
		return;
	int64_t id;
	if (app_check(a, edit_map_create(a->edit, name, &id)) &&
	    app_open_map(a, id))
		a->view = VIEW_BOARD;
	free(name);
}

/* Any map, open or not, through the file history: undoable in this view,
 * and refused when someone else renamed or edited the map since the list
 * was drawn -- then their name is shown and this one may go over it. */
static void maps_rename(struct app *a)
{
	char *old = NULL;
	int64_t rev = 0;
	int64_t id = maps_selected(a, &old, NULL, &rev);
	if (!id || !app_writable(a)) {
		free(old);
		return;
	}
	char *name = prompt_line(a, _("Rename map to:"), old);
	enum store_status st = name ? edit_map_rename(a->edit, id, rev, old, name)
				    : STORE_OK;
	if (st == STORE_CONFLICT) {
		/* who renamed it to what, from the history; then ask */
		char *q = xasprintf(_("Save yours (\"%.*s%s\") over it? (y/n)"),
				    (int)strlen(name), name, "");
		int64_t seen = rev;
		char *now = NULL;
		if (app_conflict_ask(a, STORE_KIND_MAP, id, "name", seen, q) &&
		    maps_select_id(a, id, &now, &rev))
			app_check(a, edit_map_rename(a->edit, id, rev, now,
						     name));
		free(q);
		free(now);
	} else {
		app_check(a, st);
	}
	if (name && id == a->map->id)
		app_reload(a);	/* the header shows the name */
	if (name)	/* the list is in name order: stay on this map */
		maps_select_id(a, id, NULL, NULL);
	free(name);
	free(old);
}

static void maps_delete(struct app *a)
{
	char *name = NULL;
	int64_t version = 0;
	int64_t id = maps_selected(a, &name, &version, NULL);
	if (!id || !app_writable(a)) {
		free(name);
		return;
	}
	char *q = xasprintf(_("Delete map \"%s\" and all in it (u here undoes it)? (y/n)"),
			    name);
	/* refused if anyone changed the map while the question was open */
	if (prompt_yes(a, q) &&
	    app_check(a, edit_map_delete(a->edit, id, version))) {
		app_message(a, _("Map deleted"));
		if (id == a->map->id)	/* another map, or a fresh one */
			app_open_first(a);
	}
	free(q);
	free(name);
}

/* `name`, or "name (2)", "name (3)"... the first no map has yet. */
static char *maps_free_name(struct app *a, const char *name)
{
	int64_t id;
	char *try = xstrdup(name);
	for (int k = 2; k < 1000 &&
	     store_map_find(a->store, try, &id) == STORE_OK; k++) {
		free(try);
		try = xasprintf("%s (%d)", name, k);
	}
	return try;
}

static int maps_template_cmp(const void *x, const void *y)
{
	const struct template_info *a = x, *b = y;
	int d = text_collate(a->title, b->title);
	return d ? d : strcmp(a->name, b->name);
}

static void maps_template(struct app *a)
{
	if (!app_writable(a))
		return;
	struct template_info *v = NULL;
	size_t n = 0;
	char *err = NULL;
	if (templates_list(NULL, NULL, &v, &n, &err) != 0 || n == 0) {
		app_error(a, "%s", err ? err : _("No templates are installed"));
		free(err);
		templates_info_free(v, n);
		return;
	}
	/* by the title people read, in their language's order */
	qsort(v, n, sizeof *v, maps_template_cmp);
	const char **items = xcalloc(n + 1, sizeof *items);
	char **lines = xcalloc(n + 1, sizeof *lines);
	for (size_t i = 0; i < n; i++) {
		lines[i] = xasprintf("%s (%s)", v[i].title, v[i].name);
		items[i] = lines[i];
	}
	int k = picker_single(a, _("New map from a template"), items, n, false,
			      NULL);
	char *suggest = k >= 0 ? maps_free_name(a, v[k].title) : NULL;
	char *name = k >= 0 ? prompt_line(a, _("Name of the new map:"), suggest) : NULL;
	free(suggest);
	if (name) {
		char *lang = templates_language();
		struct model_map *m = templates_load(NULL, v[k].name, lang, &err);
		int64_t id = 0;
		if (!m)
			app_error(a, "%s", err);
		else if (app_check(a, edit_map_import(a->edit, m, name, &id)) &&
			 app_open_map(a, id))
			a->view = VIEW_BOARD;
		model_map_free(m);
		free(lang);
		free(err);
	}
	free(name);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(items);
	templates_info_free(v, n);
}

static void maps_copy(struct app *a)
{
	char *name = NULL;
	int64_t id = maps_selected(a, &name, NULL, NULL);
	if (!id || !app_writable(a)) {
		free(name);
		return;
	}
	/* TRANSLATORS: the default name of a duplicated map */
	char *copy_of = xasprintf(_("%s (copy)"), name);
	char *suggest = maps_free_name(a, copy_of);
	free(copy_of);
	char *copy = prompt_line(a, _("Name of the copy:"), suggest);
	int64_t new_id;
	if (copy && app_check(a, edit_map_copy(a->edit, id, copy, &new_id))) {
		maps_select_id(a, new_id, NULL, NULL);
		app_message(a, _("Map duplicated"));
	}
	free(copy);
	free(suggest);
	free(name);
}

void maps_action(struct app *a, enum ui_action act)
{
	struct store_map_info *v;
	size_t n = 0;
	if (store_map_list(a->store, &v, &n) == STORE_OK)
		store_map_info_free(v, n);
	switch (act) {
	case ACT_MAP_OPEN: {
		int64_t id = maps_selected(a, NULL, NULL, NULL);
		if (id && app_open_map(a, id))
			a->view = VIEW_BOARD;
		break;
	}
	case ACT_MAP_NEW: maps_new(a); break;
	case ACT_MAP_EDIT: {
		/* a map is edited open: its form works on the open map */
		int64_t id = maps_selected(a, NULL, NULL, NULL);
		if (id && id != a->map->id && app_open_map(a, id))
			app_message(a, _("Opened \"%s\""), a->map->name);
		if (id == a->map->id)
			form_map(a);
		break;
	}
	case ACT_MAP_RENAME: maps_rename(a); break;
	case ACT_MAP_COPY: maps_copy(a); break;
	case ACT_MAP_TEMPLATE: maps_template(a); break;
	case ACT_MAP_DELETE: maps_delete(a); break;
	default: list_move(&a->maps_sel, n, act); break;
	}
}

/* ------------------------------------------------------------------ */
/* departments */

void depts_draw(struct app *a)
{
	const struct model_map *m = a->map;
	int y = app_body_top();
	draw_text(y, 1, _("Departments (shared by every map in this file)"),
		  COLS - 2, A_BOLD);
	draw_fill(y + 1, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	if (!m->ndepartments) {
		draw_text(y + 3, 2, _("No departments yet: press a to add one, or o on a touchpoint."),
			  COLS - 4, A_NORMAL);
		return;
	}
	int rows = app_body_lines() - 2;
	size_t top = list_top(&a->depts_sel, m->ndepartments, rows);
	for (int r = 0; r < rows && top + (size_t)r < m->ndepartments; r++) {
		size_t i = top + (size_t)r;
		const struct model_department *d = &m->departments[i];
		attr_t at = i == a->depts_sel ? A_REVERSE : A_NORMAL;
		int yy = y + 2 + r;
		draw_fill(yy, 0, COLS, NULL, at);
		draw_text(yy, 1, term_glyph(G_BLOCK), 1,
			  at | term_dept_attr(d->colour));
		draw_text(yy, 3, d->name, COLS / 2 - 4,
			  at | A_BOLD | term_dept_attr(d->colour));
		draw_text(yy, COLS / 2, d->label, COLS / 4, at);
		size_t used = 0;
		store_dept_usage(a->store, d->id, &used);
		char buf[64];
		snprintf(buf, sizeof buf, ngettext("used %zu time",
			 "used %zu times", used), used);
		draw_text(yy, COLS * 3 / 4, buf, COLS / 4 - 1, at);
	}
}

/* Keeps the selection on a department after the list changed (it is in
 * name order). */
static void depts_select_id(struct app *a, int64_t id)
{
	for (size_t i = 0; i < a->map->ndepartments; i++)
		if (a->map->departments[i].id == id)
			a->depts_sel = i;
}

static void depts_text(struct app *a, const struct model_department *d,
		       bool label)
{
	char *v = prompt_line(a, label ? _("Short label:") : _("Rename department to:"),
			      label ? d->label : d->name);
	if (!v)
		return;
	int64_t id = d->id;	/* d goes with the reload */
	if (app_check(a, label ? edit_dept_set_label(a->edit, a->map, id, v)
			       : edit_dept_rename(a->edit, a->map, id, v))) {
		app_reload(a);
		depts_select_id(a, id);
	}
	free(v);
}

void depts_action(struct app *a, enum ui_action act)
{
	const struct model_map *m = a->map;
	const struct model_department *d =
		a->depts_sel < m->ndepartments ? &m->departments[a->depts_sel]
					       : NULL;
	bool edit = act == ACT_DEPT_NEW || act == ACT_DEPT_RENAME ||
		    act == ACT_DEPT_LABEL || act == ACT_DEPT_COLOUR ||
		    act == ACT_DEPT_DELETE;
	if (edit && !app_writable(a))
		return;
	if (edit && act != ACT_DEPT_NEW && !d)
		return;
	switch (act) {
	case ACT_DEPT_NEW: {
		char *name = prompt_line(a, _("Name of the new department:"), "");
		int64_t id;
		if (name && app_check(a, edit_dept_find_or_create(a->edit, name,
								  &id))) {
			app_reload(a);
			depts_select_id(a, id);	/* the new one */
		}
		free(name);
		break;
	}
	case ACT_DEPT_RENAME: depts_text(a, d, false); break;
	case ACT_DEPT_LABEL: depts_text(a, d, true); break;
	case ACT_DEPT_COLOUR:
		if (app_check(a, edit_dept_set_colour(a->edit, m, d->id,
						      (d->colour + 1) % MODEL_COLOURS)))
			app_reload(a);
		break;
	case ACT_DEPT_DELETE: {
		size_t used = 0;
		store_dept_usage(a->store, d->id, &used);
		if (used) {
			app_error(a, ngettext("%s is used %zu time: give those touchpoints and silos another department first",
					      "%s is used %zu times: give those touchpoints and silos another department first",
					      used), d->name, used);
			break;
		}
		char *q = xasprintf(_("Delete department \"%s\"? (y/n)"), d->name);
		if (prompt_yes(a, q) &&
		    app_check(a, edit_dept_delete(a->edit, m, d->id)))
			app_reload(a);
		free(q);
		break;
	}
	default:
		list_move(&a->depts_sel, m->ndepartments, act);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* help: every key, from the action table */

/* Draws text wrapped from column x to the right edge, on the help
 * screen's lines from `top` on; *line counts every line, *y the drawn. */
static void help_text(const char *text, int x, size_t top, size_t *line,
		      int *y)
{
	size_t st[17];
	size_t n = draw_wrap(text, COLS - x - 1, st, 16);
	for (size_t k = 0; k < n; k++) {
		if ((*line)++ < top || *y >= LINES)
			continue;
		char *part = xstrndup(text + st[k], st[k + 1] - st[k]);
		draw_text((*y)++, x, part, COLS - x - 1, A_NORMAL);
		free(part);
	}
}

void help_show(struct app *a)
{
	size_t top = 0;
	for (;;) {
		erase();
		int y = 0;
		size_t line = 0;
		draw_fill(0, 0, COLS, NULL, term_attr(TERM_HEADER));
		draw_text(0, 1, _("cxmap keys (arrows scroll, q or Esc closes)"),
			  COLS - 2, term_attr(TERM_HEADER) | A_BOLD);
		y = 1;
		/* what the board's marks mean, first: they puzzle people
		 * before any key does */
		char *legend = xasprintf(_("On cards: &N other departments contribute, !N open gaps, %sN open silos, %sN findings (see the gaps view); \"(no owner)\" marks a touchpoint nobody owns. A stage's title shows its touchpoints (N), its own open gaps and findings. In the lanes, %s marks a handoff between departments with an open silo."),
					 term_glyph(G_SILO), term_glyph(G_FINDING),
					 term_glyph(G_SILO));
		help_text(legend, 0, top, &line, &y);
		free(legend);
		for (int c = 0; c < CTX_COUNT; c++) {
			if (line++ >= top && y < LINES)
				draw_text(y++, 0, actions_context_title(c), COLS,
					  A_BOLD | A_UNDERLINE);
			for (const struct ui_action_info *i = ui_actions; i->id; i++) {
				if ((int)i->context != c)
					continue;
				/* long descriptions wrap under themselves */
				if (line >= top && y < LINES)
					draw_text(y, 2, actions_keys(i), 14,
						  term_attr(TERM_BAR_KEY));
				help_text(_(i->help), 17, top, &line, &y);
			}
		}
		refresh();
		wint_t wch;
		int key = app_read_key(a, &wch, NULL);
		if (key == APP_KEY_QUIT)
			return;
		if (key == KEY_DOWN || key == 'j' || key == KEY_NPAGE)
			top += top + (size_t)LINES - 1 < line ? (key == KEY_NPAGE ? (size_t)LINES - 2 : 1) : 0;
		else if ((key == KEY_UP || key == 'k') && top > 0)
			top--;
		else if (key == KEY_PPAGE)
			top = top > (size_t)LINES ? top - (size_t)LINES : 0;
		else if (key == KEY_HOME)
			top = 0;
		else if (key == KEY_END)
			top = line > (size_t)LINES - 1 ? line - (size_t)LINES + 1 : 0;
		else if (key == 'q' || key == 27 || key == '?' || key == '\n' ||
			 key == KEY_F(1))
			break;
	}
}
