/* deptpick.c - choosing departments for a touchpoint: the owner, the
 * contributors, the two sides of a silo.  Used by the board and the
 * detail form; pickers write nothing, the edit comes after. */
#include <config.h>

#include <stdlib.h>

#include "ui/app.h"
#include "ui/deptpick.h"
#include "ui/prompt.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The departments for a picker: their names from `off` on (the first
 * `off` slots are the caller's), and *ids their ids; all but `exclude`. */
static const char **deptpick_names(const struct model_map *m, size_t off,
				     int64_t exclude, int64_t **ids, size_t *n)
{
	const char **v = xcalloc(m->ndepartments + off + 1, sizeof *v);
	*ids = xcalloc(m->ndepartments + 1, sizeof **ids);
	*n = off;
	for (size_t i = 0; i < m->ndepartments; i++) {
		if (m->departments[i].id == exclude)
			continue;
		(*ids)[*n - off] = m->departments[i].id;
		v[(*n)++] = m->departments[i].name;
	}
	return v;
}


struct deptpick_choice deptpick_choose(struct app *a, const char *title,
					   bool none, int64_t exclude,
					   int64_t current)
{
	struct deptpick_choice c = { .cancelled = true };
	size_t off = none ? 1 : 0, n, at = 0;
	int64_t *ids;
	const char **items = deptpick_names(a->map, off, exclude, &ids, &n);
	if (none)
		items[0] = _("(no owner)");
	for (size_t i = off; current && i < n; i++)
		if (ids[i - off] == current)
			at = i;
	int k = picker_single_at(app_host(a), title, items, n, at, true, &c.name);
	if (k == PICKER_CREATE)
		c.cancelled = false;
	else if (k >= 0) {
		c.cancelled = false;
		c.id = (size_t)k < off ? 0 : ids[(size_t)k - off];
	}
	free(items);
	free(ids);
	return c;
}

/* Turns a choice into a department id inside the open edit step. */
enum store_status deptpick_resolve(struct app *a, struct deptpick_choice *c)
{
	if (!c->name)
		return STORE_OK;
	return edit_dept_find_or_create(a->edit, c->name, &c->id);
}

void deptpick_owner(struct app *a, int64_t tp)
{
	const struct model_touchpoint *t = model_touchpoint(a->map, tp, NULL);
	if (!t || !app_writable(a))
		return;
	struct deptpick_choice c = deptpick_choose(a, _("Owner"), true, 0,
						t->owner_id);
	int64_t seen = t->rev;
	enum store_status st = STORE_CONFLICT;
	while (!c.cancelled && st == STORE_CONFLICT) {
		edit_step_begin(a->edit, N_("set the owner"));
		if (deptpick_resolve(a, &c) == STORE_OK)
			edit_tp_set_owner(a->edit, a->map, tp, c.id);
		st = edit_step_end(a->edit);
		if (st != STORE_CONFLICT)
			break;
		/* someone else set the owner since the picker opened */
		const struct model_department *d = model_department(a->map, c.id);
		char *q = xasprintf(_("Set yours (%s) over it? (y/n)"),
				    c.name ? c.name : d ? d->name
							: _("(no owner)"));
		bool again = app_conflict_ask(a, STORE_KIND_TOUCHPOINT, tp,
					      "owner", seen, q);
		free(q);
		if (!again)
			break;
		seen = model_touchpoint(a->map, tp, NULL)->rev;
	}
	if (!c.cancelled && st != STORE_CONFLICT && app_check(a, st))
		app_edited(a);
	free(c.name);
}

void deptpick_contributors(struct app *a, int64_t tp_id)
{
	const struct model_touchpoint *t = model_touchpoint(a->map, tp_id, NULL);
	if (!t || !app_writable(a))
		return;
	const struct model_map *m = a->map;
	/* the owner is accountable, not one of the contributors */
	size_t n;
	int64_t *ids;
	const char **items = deptpick_names(m, 0, t->owner_id, &ids, &n);
	bool *checked = xcalloc(n + 1, sizeof *checked);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < t->ncontributors; k++)
			checked[i] |= t->contributors[k] == ids[i];
	char **created = NULL;
	int rc = picker_multi(app_host(a), _("Contributors"), items, n, checked, &created);
	if (rc == 0) {
		int64_t tp = t->id;
		edit_step_begin(a->edit, N_("change the contributors"));
		for (size_t i = 0; i < n; i++)
			edit_tp_set_contributor(a->edit, m, tp, ids[i], checked[i]);
		for (size_t i = 0; created && created[i]; i++) {
			int64_t id;
			if (edit_dept_find_or_create(a->edit, created[i], &id)
			    == STORE_OK && id != t->owner_id)
				edit_tp_set_contributor(a->edit, m, tp, id, true);
		}
		if (app_check(a, edit_step_end(a->edit)))
			app_edited(a);
	}
	for (size_t i = 0; created && created[i]; i++)
		free(created[i]);
	free(created);
	free(checked);
	free(items);
	free(ids);
}

