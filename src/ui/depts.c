/* depts.c - the departments view: the file's departments, with how often
 * each is used.  The counts are read on reload, not on every frame. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct depts_state {
	/* the model's departments as last reloaded, and their usage */
	int64_t *ids;
	size_t *used;
	size_t n, sel;
};

static void *depts_open(struct app *a)
{
	(void)a;
	return xcalloc(1, sizeof(struct depts_state));
}

static void depts_close(void *state)
{
	struct depts_state *s = state;
	free(s->ids);
	free(s->used);
	free(s);
}

static void depts_reload(struct app *a, void *state)
{
	struct depts_state *s = state;
	const struct model_map *m = a->map;
	/* the list is in name order: a rename moves the department, and the
	 * selection goes with it */
	int64_t keep = s->sel < s->n ? s->ids[s->sel] : 0;
	free(s->ids);
	free(s->used);
	s->n = m->ndepartments;
	s->ids = xcalloc(s->n + 1, sizeof *s->ids);
	s->used = xcalloc(s->n + 1, sizeof *s->used);
	for (size_t i = 0; i < s->n; i++) {
		s->ids[i] = m->departments[i].id;
		store_dept_usage(a->store, s->ids[i], &s->used[i]);
		if (s->ids[i] == keep)
			s->sel = i;
	}
}

/* How often department i is used, as last reloaded. */
static size_t depts_used(const struct depts_state *s,
			 const struct model_department *d, size_t i)
{
	return i < s->n && s->ids[i] == d->id ? s->used[i] : 0;
}

static void depts_draw(struct app *a, void *state)
{
	struct depts_state *s = state;
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
	size_t top = list_top(&s->sel, m->ndepartments, rows);
	for (int r = 0; r < rows && top + (size_t)r < m->ndepartments; r++) {
		size_t i = top + (size_t)r;
		const struct model_department *d = &m->departments[i];
		attr_t at = i == s->sel ? A_REVERSE : A_NORMAL;
		int yy = y + 2 + r;
		draw_fill(yy, 0, COLS, NULL, at);
		draw_text(yy, 1, term_glyph(G_BLOCK), 1,
			  at | term_dept_attr(d->colour));
		draw_text(yy, 3, d->name, COLS / 2 - 4,
			  at | A_BOLD | term_dept_attr(d->colour));
		draw_text(yy, COLS / 2, d->label, COLS / 4, at);
		size_t used = depts_used(s, d, i);
		char buf[64];
		snprintf(buf, sizeof buf, ngettext("used %zu time",
			 "used %zu times", used), used);
		draw_text(yy, COLS * 3 / 4, buf, COLS / 4 - 1, at);
	}
}

static void depts_text(struct app *a, const struct model_department *d,
		       bool label)
{
	char *v = prompt_line(app_host(a), label ? _("Short label:") : _("Rename department to:"),
			      label ? d->label : d->name);
	if (!v)
		return;
	if (app_check(a, label ? edit_dept_set_label(a->edit, a->map, d->id, v)
			       : edit_dept_rename(a->edit, a->map, d->id, v)))
		app_edited(a);
	free(v);
}

static void depts_action(struct app *a, void *state, enum ui_action act)
{
	struct depts_state *s = state;
	const struct model_map *m = a->map;
	const struct model_department *d =
		s->sel < m->ndepartments ? &m->departments[s->sel]
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
		char *name = prompt_line(app_host(a), _("Name of the new department:"), "");
		int64_t id;
		if (name && app_check(a, edit_dept_find_or_create(a->edit, name,
								  &id))) {
			app_edited(a);
			for (size_t i = 0; i < a->map->ndepartments; i++)
				if (a->map->departments[i].id == id)
					s->sel = i;	/* the new one */
		}
		free(name);
		break;
	}
	case ACT_DEPT_RENAME: depts_text(a, d, false); break;
	case ACT_DEPT_LABEL: depts_text(a, d, true); break;
	case ACT_DEPT_COLOUR:
		if (app_check(a, edit_dept_set_colour(a->edit, m, d->id,
						      (d->colour + 1) % MODEL_COLOURS)))
			app_edited(a);
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
		if (prompt_yes(app_host(a), q) &&
		    app_check(a, edit_dept_delete(a->edit, m, d->id)))
			app_edited(a);
		free(q);
		break;
	}
	default:
		list_move(&s->sel, m->ndepartments, act);
		break;
	}
}


const struct view_ops depts_view = {
	.name = "departments", .ctx = CTX_DEPTS,
	.open = depts_open, .reload = depts_reload, .draw = depts_draw,
	.action = depts_action, .close = depts_close,
};
