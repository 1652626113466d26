/* maps.c - the maps view: the maps of the file, with their counts.  The
 * list is read on reload, not on every frame. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/templates.h"
#include "ui/app.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

struct maps_state {
	struct store_map_info *v;	/* the maps, as last read */
	size_t n, sel;
};

static void *maps_open(struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct maps_state));
}

static void maps_close(void *state)
{
	struct maps_state *s = state;
	store_map_info_free(s->v, s->n);
	free(s);
}

/* The list again, keeping the selection on the same map; on the map an
 * undo was about (app's focus_map) when there is one. */
static void maps_reload(struct app *a, void *state)
{
	struct maps_state *s = state;
	int64_t keep = a->focus_map ? a->focus_map
		     : s->sel < s->n ? s->v[s->sel].id : 0;
	a->focus_map = 0;
	store_map_info_free(s->v, s->n);
	s->v = NULL;
	s->n = 0;
	if (!app_check(a, store_map_list(a->store, &s->v, &s->n)))
		return;
	for (size_t i = 0; keep && i < s->n; i++)
		if (s->v[i].id == keep)
			s->sel = i;
}

static void maps_draw(struct app *a, void *state)
{
	struct maps_state *s = state;
	const struct store_map_info *v = s->v;
	size_t n = s->n;
	int y = app_body_top();
	draw_text(y, 1, _("Maps in this file"), COLS - 2, A_BOLD);
	draw_fill(y + 1, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	int rows = app_body_lines() - 2;
	size_t top = list_top(&s->sel, n, rows);
	for (int r = 0; r < rows && top + (size_t)r < n; r++) {
		const struct store_map_info *mi = &v[top + (size_t)r];
		bool sel = top + (size_t)r == s->sel;
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
}

/* The id, name (to free), version and row version of the selected map,
 * or 0. */
static int64_t maps_selected(struct maps_state *s, char **name,
			     int64_t *version, int64_t *rev)
{
	if (s->sel >= s->n)
		return 0;
	const struct store_map_info *mi = &s->v[s->sel];
	if (name)
		*name = xstrdup(mi->name);
	if (version)
		*version = mi->version;
	if (rev)
		*rev = mi->rev;
	return mi->id;
}

/* Selects a map in the list as it is now; with name and rev, gives its
 * current name (to free) and row version.  False when there is no such
 * map. */
static bool maps_select_id(struct app *a, struct maps_state *s, int64_t id,
			   char **name, int64_t *rev)
{
	maps_reload(a, s);
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].id == id) {
			s->sel = i;
			if (name)
				*name = xstrdup(s->v[i].name);
			if (rev)
				*rev = s->v[i].rev;
			return true;
		}
	return false;
}

static void maps_new(struct app *a)
{
	if (!app_writable(a))
		return;
	char *name = prompt_line(app_host(a), _("Name of the new map:"), "");
	if (!name)
		return;
	int64_t id;
	if (app_check(a, edit_map_create(a->edit, name, &id)) &&
	    app_open_map(a, id))
		app_show_view(a, "board");
	free(name);
}

/* Any map, open or not, through the file history: undoable in this view,
 * and refused when someone else renamed or edited the map since the list
 * was drawn -- then their name is shown and this one may go over it. */
static void maps_rename(struct app *a, struct maps_state *s)
{
	char *old = NULL;
	int64_t rev = 0;
	int64_t id = maps_selected(s, &old, NULL, &rev);
	if (!id || !app_writable(a)) {
		free(old);
		return;
	}
	char *name = prompt_line(app_host(a), _("Rename map to:"), old);
	enum store_status st = name ? edit_map_rename(a->edit, id, rev, old, name)
				    : STORE_OK;
	if (st == STORE_CONFLICT) {
		/* who renamed it to what, from the history; then ask */
		char *q = xasprintf(_("Save yours (\"%.*s%s\") over it? (y/n)"),
				    (int)strlen(name), name, "");
		int64_t seen = rev;
		char *now = NULL;
		if (app_conflict_ask(a, STORE_KIND_MAP, id, "name", seen, q) &&
		    maps_select_id(a, s, id, &now, &rev))
			app_check(a, edit_map_rename(a->edit, id, rev, now,
						     name));
		free(q);
		free(now);
	} else {
		app_check(a, st);
	}
	if (name && id == a->map->id)
		app_reload(a);	/* the header shows the name */
	free(name);
	free(old);
}

static void maps_delete(struct app *a, struct maps_state *s)
{
	char *name = NULL;
	int64_t version = 0;
	int64_t id = maps_selected(s, &name, &version, NULL);
	if (!id || !app_writable(a)) {
		free(name);
		return;
	}
	char *q = xasprintf(_("Delete map \"%s\" and all in it (u here undoes it)? (y/n)"),
			    name);
	/* refused if anyone changed the map while the question was open */
	if (prompt_yes(app_host(a), q) &&
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
	int k = picker_single(app_host(a), _("New map from a template"), items, n, false,
			      NULL);
	char *suggest = k >= 0 ? maps_free_name(a, v[k].title) : NULL;
	char *name = k >= 0 ? prompt_line(app_host(a), _("Name of the new map:"), suggest) : NULL;
	free(suggest);
	if (name) {
		char *lang = templates_language();
		struct model_map *m = templates_load(NULL, v[k].name, lang, &err);
		int64_t id = 0;
		if (!m)
			app_error(a, "%s", err);
		else if (app_check(a, edit_map_import(a->edit, m, name, &id)) &&
			 app_open_map(a, id))
			app_show_view(a, "board");
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

static void maps_copy(struct app *a, struct maps_state *s)
{
	char *name = NULL;
	int64_t id = maps_selected(s, &name, NULL, NULL);
	if (!id || !app_writable(a)) {
		free(name);
		return;
	}
	/* TRANSLATORS: the default name of a duplicated map */
	char *copy_of = xasprintf(_("%s (copy)"), name);
	char *suggest = maps_free_name(a, copy_of);
	free(copy_of);
	char *copy = prompt_line(app_host(a), _("Name of the copy:"), suggest);
	int64_t new_id;
	if (copy && app_check(a, edit_map_copy(a->edit, id, copy, &new_id))) {
		maps_select_id(a, s, new_id, NULL, NULL);
		app_message(a, _("Map duplicated"));
	}
	free(copy);
	free(suggest);
	free(name);
}

static void maps_action(struct app *a, void *state, enum ui_action act)
{
	struct maps_state *s = state;
	switch (act) {
	case ACT_MAP_OPEN: {
		int64_t id = maps_selected(s, NULL, NULL, NULL);
		if (id && app_open_map(a, id))
			app_show_view(a, "board");
		break;
	}
	case ACT_MAP_NEW: maps_new(a); break;
	case ACT_MAP_EDIT: {
		/* a map is edited open: its form works on the open map */
		int64_t id = maps_selected(s, NULL, NULL, NULL);
		if (id && id != a->map->id && app_open_map(a, id))
			app_message(a, _("Opened \"%s\""), a->map->name);
		if (id == a->map->id)
			form_map(a);
		break;
	}
	case ACT_MAP_RENAME: maps_rename(a, s); break;
	case ACT_MAP_COPY: maps_copy(a, s); break;
	case ACT_MAP_TEMPLATE: maps_template(a); break;
	case ACT_MAP_DELETE: maps_delete(a, s); break;
	default: list_move(&s->sel, s->n, act); break;
	}
}

const struct view_ops maps_view = {
	.name = "maps", .ctx = CTX_MAPS, .file_undo = true,
	.open = maps_open, .reload = maps_reload, .draw = maps_draw,
	.action = maps_action, .close = maps_close,
};
