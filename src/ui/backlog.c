/* backlog.c - the backlog view: every action of the open map by priority
 * (impact over effort, then the due date), filtered by department, status
 * and overdue -- what a department head opens to see what they owe.
 * Each change is one edit (edit_item_*): undoable, checked against what
 * the person saw. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "ui/app.h"
#include "ui/deptpick.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/view.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The status filter: one status, or these. */
#define BACKLOG_ANY (-1)
#define BACKLOG_LIVE (-2)
/* The department filter: a department's id, 0 every one, or this. */
#define BACKLOG_NO_OWNER (-1)

struct backlog_state {
	size_t sel;
	int64_t dept;
	int status;
	bool overdue;
	/* worked out on reload: the rows (action ids, in order) and the
	 * summary's counts, over the department's actions */
	int64_t *ids;
	size_t n;
	size_t counts[MODEL_ACTION_DROPPED + 1], total, late;
	char today[11];
};

static void *backlog_open(struct app *a)
{
	(void)a;
	struct backlog_state *s = xcalloc(1, sizeof *s);
	s->status = BACKLOG_ANY;
	return s;
}

static void backlog_close(void *state)
{
	struct backlog_state *s = state;
	free(s->ids);
	free(s);
}

static bool backlog_dept_match(const struct backlog_state *s,
			       const struct model_action *x)
{
	if (s->dept == BACKLOG_NO_OWNER)
		return x->owner_id == 0;
	return !s->dept || x->owner_id == s->dept;
}

static bool backlog_keep(const struct backlog_state *s,
			 const struct model_action *x)
{
	if (s->status == BACKLOG_LIVE && !plan_action_live(x))
		return false;
	if (s->status >= 0 && (int)x->status != s->status)
		return false;
	return !s->overdue || plan_action_overdue(x, s->today);
}

static int backlog_cmp(const void *pa, const void *pb)
{
	const struct model_action *const *x = pa, *const *y = pb;
	return plan_action_compare(*x, *y);
}

static void backlog_reload(struct app *a, void *state)
{
	struct backlog_state *s = state;
	const struct model_map *m = a->map;
	int64_t keep = s->sel < s->n ? s->ids[s->sel] : 0;
	plan_today(s->today);
	memset(s->counts, 0, sizeof s->counts);
	s->total = s->late = 0;
	const struct model_action **v = xcalloc(m->nactions + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < m->nactions; i++) {
		const struct model_action *x = &m->actions[i];
		if (!backlog_dept_match(s, x))
			continue;
		s->total++;
		if ((unsigned)x->status <= MODEL_ACTION_DROPPED)
			s->counts[x->status]++;
		s->late += plan_action_overdue(x, s->today);
		if (backlog_keep(s, x))
			v[n++] = x;
	}
	qsort(v, n, sizeof *v, backlog_cmp);
	free(s->ids);
	s->ids = xcalloc(n + 1, sizeof *s->ids);
	s->n = n;
	for (size_t i = 0; i < n; i++) {
		s->ids[i] = v[i]->id;
		if (keep && v[i]->id == keep)
			s->sel = i;	/* the same action, wherever it went */
	}
	free(v);
}

/* What an action fixes, in words (allocated). */
static char *backlog_fixes(const struct model_map *m, struct model_ref r)
{
	const struct model_gap *g;
	const struct model_silo *o;
	const struct model_touchpoint *t;
	const struct model_stage *sg;
	switch (r.kind) {
	case MODEL_REF_GAP:
		g = model_gap(m, r.id);
		return g ? xasprintf(_("gap: %s"), g->description)
			 : xstrdup(_("a deleted gap"));
	case MODEL_REF_SILO: {
		o = model_silo(m, r.id);
		if (!o)
			return xstrdup(_("a deleted silo"));
		const struct model_department *da = model_department(m, o->dept_a);
		const struct model_department *db = model_department(m, o->dept_b);
		return xasprintf(_("silo: %s %s %s"), da ? da->name : "?",
				 term_glyph(G_SILO), db ? db->name : "?");
	}
	case MODEL_REF_TOUCHPOINT:
		t = model_touchpoint(m, r.id, NULL);
		return t ? xasprintf(_("touchpoint: %s"), t->name)
			 : xstrdup(_("a deleted touchpoint"));
	case MODEL_REF_STAGE:
		sg = model_stage(m, r.id);
		return xasprintf(_("stage: %s"), sg ? sg->name : "?");
	default:
		return xstrdup(_("the whole journey"));
	}
}

static const char *backlog_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : _("(no owner)");
}

static const char *backlog_status_filter(const struct backlog_state *s)
{
	if (s->status == BACKLOG_ANY)
		return _("any");
	if (s->status == BACKLOG_LIVE)
		return _("live");
	return plan_action_status_label((enum model_action_status)s->status);
}

static void backlog_header(const struct app *a, const struct backlog_state *s,
			   int y)
{
	const char *sep = term_glyph(G_SEP);
	/* TRANSLATORS: the backlog's summary: shown, of the department's
	 * actions; then how many are live, overdue, done */
	char *line = xasprintf(_("%zu shown of %zu%s%zu live%s%zu overdue%s%zu done"),
			       s->n, s->total, sep,
			       s->counts[MODEL_ACTION_IDEA] +
			       s->counts[MODEL_ACTION_PLANNED] +
			       s->counts[MODEL_ACTION_DOING], sep, s->late, sep,
			       s->counts[MODEL_ACTION_DONE]);
	draw_text(y, 1, line, COLS - 2, A_BOLD);
	free(line);
	const char *dept = s->dept == BACKLOG_NO_OWNER ? _("(no owner)")
			   : s->dept ? backlog_dept_name(a->map, s->dept)
			   : _("any");
	line = xasprintf(_("department: %s%sstatus: %s%s%s"), dept, sep,
			 backlog_status_filter(s), s->overdue ? sep : "",
			 s->overdue ? _("overdue only") : "");
	draw_text(y + 1, 1, line, COLS - 2, A_NORMAL);
	free(line);
	draw_fill(y + 2, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
}

/* The columns, by width: what does not fit goes, the person first. */
struct backlog_cols {
	int title, fixes, owner, person, status, due, impact, effort;
};

static int backlog_status_width(void)
{
	int w = 0;
	for (int k = 0; k <= MODEL_ACTION_DROPPED; k++) {
		int l = draw_width(plan_action_status_label(
			(enum model_action_status)k));
		w = l > w ? l : w;
	}
	return w + 1;
}

static struct backlog_cols backlog_layout(void)
{
	struct backlog_cols c = { 0 };
	c.status = backlog_status_width();
	c.due = 12;	/* YYYY-MM-DD and the overdue mark */
	c.impact = c.effort = 4;
	int rest = COLS - 1 - c.status - c.due - c.impact - c.effort;
	if (rest < 24) {	/* narrow: the title, the status, the date */
		c.impact = c.effort = 0;
		rest = COLS - 1 - c.status - c.due;
	}
	if (rest >= 70) {
		c.person = rest * 2 / 11;
		c.owner = rest * 2 / 11;
		c.fixes = rest * 3 / 11;
	} else if (rest >= 44) {
		c.owner = rest * 2 / 9;
		c.fixes = rest * 3 / 9;
	} else if (rest >= 30) {
		c.owner = rest / 3;
	}
	c.title = rest - c.person - c.owner - c.fixes;
	return c;
}

static void backlog_titles(const struct backlog_cols *c, int y)
{
	attr_t at = A_BOLD | A_UNDERLINE;
	int x = 1;
	draw_field(y, 0, "", COLS, at);
	draw_text(y, x, _("Action"), c->title - 1, at);
	x += c->title;
	if (c->fixes)
		draw_text(y, x, _("Fixes"), c->fixes - 1, at);
	x += c->fixes;
	if (c->owner)
		draw_text(y, x, _("Owner"), c->owner - 1, at);
	x += c->owner;
	if (c->person)
		draw_text(y, x, _("Person"), c->person - 1, at);
	x += c->person;
	draw_text(y, x, _("Status"), c->status - 1, at);
	x += c->status;
	draw_text(y, x, _("Due"), c->due - 1, at);
	x += c->due;
	if (c->impact) {
		/* TRANSLATORS: column titles, three cells: impact, effort */
		draw_text(y, x, _("Imp"), c->impact - 1, at);
		draw_text(y, x + c->impact, _("Eff"), c->effort - 1, at);
	}
}

static void backlog_row(const struct app *a, const struct backlog_state *s,
			const struct backlog_cols *c,
			const struct model_action *x, int y, bool selected)
{
	attr_t at = selected ? A_REVERSE : A_NORMAL;
	if (!plan_action_live(x))
		at |= term_attr(TERM_DIM);
	if (selected)
		draw_fill(y, 0, COLS, NULL, at);
	int xx = 1;
	draw_text(y, xx, x->title, c->title - 1, at | A_BOLD);
	xx += c->title;
	if (c->fixes) {
		char *f = backlog_fixes(a->map, x->fixes);
		draw_text(y, xx, f, c->fixes - 1, at);
		free(f);
	}
	xx += c->fixes;
	if (c->owner) {
		const struct model_department *d = model_department(a->map, x->owner_id);
		draw_text(y, xx, d ? d->name : _("(no owner)"), c->owner - 1,
			  at | (d ? term_dept_attr(d->colour)
				  : term_attr(TERM_UNOWNED)));
	}
	xx += c->owner;
	if (c->person)
		draw_text(y, xx, x->person, c->person - 1, at);
	xx += c->person;
	draw_text(y, xx, plan_action_status_label(x->status), c->status - 1, at);
	xx += c->status;
	if (plan_action_overdue(x, s->today)) {
		char *due = xasprintf("%s!", x->due);
		draw_text(y, xx, due, c->due - 1, at | A_BOLD | term_attr(TERM_GAP));
		free(due);
	} else {
		draw_text(y, xx, x->due[0] ? x->due : "-", c->due - 1, at);
	}
	xx += c->due;
	if (c->impact) {
		char n[16];
		snprintf(n, sizeof n, "%d", x->impact);
		draw_text(y, xx, n, c->impact - 1, at);
		snprintf(n, sizeof n, "%d", x->effort);
		draw_text(y, xx + c->impact, n, c->effort - 1, at);
	}
}

/* The selected action whole, under the list: the columns cut texts. */
static void backlog_detail(const struct app *a, const struct backlog_state *s,
			   const struct model_action *x, int y)
{
	const char *sep = term_glyph(G_SEP);
	char *f = backlog_fixes(a->map, x->fixes);
	char *line = xasprintf(_("owner: %s%sperson: %s%sdue: %s%s%simpact %d, effort %d"),
			       backlog_dept_name(a->map, x->owner_id),
			       sep, x->person[0] ? x->person : "-", sep,
			       x->due[0] ? x->due : "-",
			       plan_action_overdue(x, s->today)
			       ? _(" (overdue)") : "", sep, x->impact,
			       x->effort);
	draw_fill(y, 0, COLS, term_glyph(G_HLINE), term_attr(TERM_DIM));
	draw_text(y + 1, 1, f, COLS - 2, A_BOLD);
	draw_text(y + 2, 1, line, COLS - 2, A_NORMAL);
	free(line);
	free(f);
}

static const struct model_action *backlog_at(const struct app *a,
					     const struct backlog_state *s,
					     size_t i)
{
	return i < s->n ? plan_action(a->map, s->ids[i]) : NULL;
}

static void backlog_draw(struct app *a, void *state)
{
	struct backlog_state *s = state;
	int y = app_body_top();
	backlog_header(a, s, y);
	if (a->map->nactions == 0) {
		draw_text(y + 4, 2, _("No actions yet: press a to add one for a gap, a silo or the whole journey."),
			  COLS - 4, A_NORMAL);
		return;
	}
	if (s->n == 0) {
		draw_text(y + 4, 2, _("No actions with these filters: f, o and ! change them."),
			  COLS - 4, A_NORMAL);
		return;
	}
	struct backlog_cols c = backlog_layout();
	backlog_titles(&c, y + 3);
	int rows = app_body_lines() - 4;
	bool detail = rows >= 7;
	if (detail)
		rows -= 3;
	size_t top = list_top(&s->sel, s->n, rows);
	for (int r = 0; r < rows && top + (size_t)r < s->n; r++) {
		const struct model_action *x = backlog_at(a, s, top + (size_t)r);
		if (x)
			backlog_row(a, s, &c, x, y + 4 + r, top + (size_t)r == s->sel);
	}
	const struct model_action *x = backlog_at(a, s, s->sel);
	if (detail && x)
		backlog_detail(a, s, x, y + 4 + rows);
}

/* ------------------------------------------------------------------ */
/* changing an action */

/* Sets one field from its text, asking when someone else changed the
 * action meanwhile.  True when saved. */
static bool backlog_set(struct app *a, int64_t id, int field,
			const char *value)
{
	const struct model_action *x = plan_action(a->map, id);
	if (!x)
		return app_check(a, STORE_MISSING);
	const char *why = plan_check(PLAN_ACTION, field, value);
	if (why) {
		app_error(a, "%s: %s", plan_field_label(PLAN_ACTION, field), why);
		return false;
	}
	int64_t seen = x->rev;
	enum store_status st = edit_item_set(a->edit, a->map, PLAN_ACTION, id,
					     field, value);
	while (st == STORE_CONFLICT) {
		int vl = (int)strcspn(value, "\n");
		char *q = xasprintf(_("Save yours (\"%.*s%s\") over it? (y/n)"),
				    vl, value, value[vl] ? "..." : "");
		bool again = app_conflict_ask(a, STORE_KIND_ACTION, id, NULL,
					      seen, q);
		free(q);
		if (!again)
			return false;
		x = plan_action(a->map, id);
		if (!x)
			return app_check(a, STORE_MISSING);
		seen = x->rev;
		st = edit_item_set(a->edit, a->map, PLAN_ACTION, id, field,
				   value);
	}
	if (!app_check(a, st))
		return false;
	app_edited(a);
	return true;
}

/* The owner, maybe a department typed new: one step with its creation. */
static void backlog_set_owner(struct app *a, const struct model_action *x)
{
	int64_t id = x->id;
	struct deptpick_choice c = deptpick_choose(a, _("Owner department"),
						   true, 0, x->owner_id);
	if (c.cancelled)
		return;
	int64_t seen = x->rev;
	for (;;) {
		edit_step_begin(a->edit, N_("set the action's owner"));
		enum store_status st = deptpick_resolve(a, &c);
		if (st == STORE_OK) {
			char v[32] = "";
			if (c.id)
				snprintf(v, sizeof v, "%lld", (long long)c.id);
			edit_item_set(a->edit, a->map, PLAN_ACTION, id,
				      PLAN_ACTION_OWNER, v);
		}
		st = edit_step_end(a->edit);
		if (st != STORE_CONFLICT) {
			if (app_check(a, st))
				app_edited(a);
			break;
		}
		if (!app_conflict_ask(a, STORE_KIND_ACTION, id, NULL, seen,
				      _("Save yours over it? (y/n)")))
			break;
		const struct model_action *now = plan_action(a->map, id);
		if (!now) {
			app_check(a, STORE_MISSING);
			break;
		}
		seen = now->rev;
	}
	free(c.name);
}

static const char *const backlog_levels[] = { N_("1  low"), N_("2  medium"),
					       N_("3  high") };

/* Picks one of the statuses, or 1 to 3 (impact, effort); -1: cancelled. */
static int backlog_pick(struct app *a, int field, int now)
{
	const char *items[MODEL_ACTION_DROPPED + 1];
	size_t n = 0;
	if (field == PLAN_ACTION_STATUS) {
		for (int k = 0; k <= MODEL_ACTION_DROPPED; k++)
			items[n++] = plan_action_status_label(
				(enum model_action_status)k);
	} else {
		for (size_t k = 0; k < 3; k++)
			items[n++] = _(backlog_levels[k]);
		now--;
	}
	int k = picker_single_at(app_host(a), plan_field_label(PLAN_ACTION, field),
				 items, n, now >= 0 ? (size_t)now : 0, false,
				 NULL);
	return k < 0 ? -1 : field == PLAN_ACTION_STATUS ? k : k + 1;
}

static void backlog_status(struct app *a, const struct model_action *x)
{
	int k = backlog_pick(a, PLAN_ACTION_STATUS, (int)x->status);
	if (k < 0 || k == (int)x->status)
		return;
	if (backlog_set(a, x->id, PLAN_ACTION_STATUS,
			plan_action_status_key((enum model_action_status)k)))
		app_message(a, _("Status: %s (u undoes)"),
			    plan_action_status_label((enum model_action_status)k));
}

/* >: one step on, idea -> planned -> doing -> done. */
static void backlog_next(struct app *a, const struct model_action *x)
{
	if (!plan_action_live(x)) {
		app_message(a, _("Already %s: s picks another status"),
			    plan_action_status_label(x->status));
		return;
	}
	enum model_action_status k = x->status + 1;
	if (backlog_set(a, x->id, PLAN_ACTION_STATUS,
			plan_action_status_key(k)))
		app_message(a, _("Status: %s (u undoes)"),
			    plan_action_status_label(k));
}

/* One field, in the editor that suits it. */
static void backlog_edit_field(struct app *a, const struct model_action *x,
			       int field)
{
	int64_t id = x->id;
	char *v = NULL;
	switch (field) {
	case PLAN_ACTION_OWNER:
		backlog_set_owner(a, x);
		return;
	case PLAN_ACTION_STATUS:
		backlog_status(a, x);
		return;
	case PLAN_ACTION_IMPACT: case PLAN_ACTION_EFFORT: {
		int k = backlog_pick(a, field, field == PLAN_ACTION_IMPACT
					       ? x->impact : x->effort);
		if (k < 0)
			return;
		v = xasprintf("%d", k);
		break;
	}
	case PLAN_ACTION_TITLE:
		v = prompt_line(app_host(a), _("Action:"), x->title);
		break;
	case PLAN_ACTION_PERSON:
		v = prompt_line_optional(app_host(a),
					 _("Person (empty: nobody named):"),
					 x->person);
		break;
	case PLAN_ACTION_DUE:
		v = prompt_line_optional(app_host(a),
					 _("Due date, YYYY-MM-DD (empty: none):"),
					 x->due);
		break;
	default:
		return;
	}
	if (v)
		backlog_set(a, id, field, v);
	free(v);
}

/* e: which field, then its editor. */
static void backlog_edit(struct app *a, const struct model_action *x)
{
	const char *items[PLAN_ACTION_NFIELDS];
	char *lines[PLAN_ACTION_NFIELDS];
	for (int f = 0; f < PLAN_ACTION_NFIELDS; f++) {
		char *v;
		if (f == PLAN_ACTION_OWNER)
			v = xstrdup(backlog_dept_name(a->map, x->owner_id));
		else if (f == PLAN_ACTION_STATUS)
			v = xstrdup(plan_action_status_label(x->status));
		else
			v = plan_get(PLAN_ACTION, x, f);
		lines[f] = xasprintf("%s: %s", plan_field_label(PLAN_ACTION, f),
				     v[0] ? v : "-");
		items[f] = lines[f];
		free(v);
	}
	int k = picker_single_at(app_host(a), _("Change which field?"), items,
				 PLAN_ACTION_NFIELDS, 0, false, NULL);
	for (int f = 0; f < PLAN_ACTION_NFIELDS; f++)
		free(lines[f]);
	if (k >= 0)
		backlog_edit_field(a, x, k);
}

static void backlog_delete(struct app *a, const struct model_action *x)
{
	int64_t id = x->id, seen = x->rev;
	char *q = xasprintf(_("Delete action \"%s\"? (y/n)"), x->title);
	bool yes = prompt_yes(app_host(a), q);
	free(q);
	while (yes) {
		enum store_status st = edit_item_delete(a->edit, a->map,
							PLAN_ACTION, id);
		if (st != STORE_CONFLICT) {
			if (app_check(a, st)) {
				app_message(a, _("Deleted (u undoes)"));
				app_edited(a);
			}
			return;
		}
		yes = app_conflict_ask(a, STORE_KIND_ACTION, id, NULL, seen,
				       _("Delete it anyway? (y/n)"));
		const struct model_action *now = plan_action(a->map, id);
		if (!now)
			return;
		seen = now->rev;
	}
}

/* Enter: the gap, silo or touchpoint the action fixes, on the board. */
static void backlog_jump(struct app *a, const struct model_action *x)
{
	const struct model_gap *g;
	const struct model_silo *o;
	switch (x->fixes.kind) {
	case MODEL_REF_GAP:
		g = model_gap(a->map, x->fixes.id);
		if (g)
			app_select(a, g->stage_id, g->touchpoint_id);
		break;
	case MODEL_REF_SILO:
		o = model_silo(a->map, x->fixes.id);
		if (o && o->touchpoint_id)
			app_select(a, 0, o->touchpoint_id);
		break;
	case MODEL_REF_TOUCHPOINT:
		app_select(a, 0, x->fixes.id);
		break;
	case MODEL_REF_STAGE:
		app_select(a, x->fixes.id, 0);
		break;
	default:
		break;
	}
	app_show_view(a, "board");
}

/* ------------------------------------------------------------------ */
/* adding an action */

/* What a new action fixes: the journey, an open gap or an open silo. */
static bool backlog_pick_fixes(struct app *a, struct model_ref *out)
{
	const struct model_map *m = a->map;
	size_t cap = m->ngaps + m->nsilos + 1, n = 0;
	char **lines = xcalloc(cap, sizeof *lines);
	struct model_ref *refs = xcalloc(cap, sizeof *refs);
	lines[n] = xstrdup(_("the whole journey"));
	refs[n++] = (struct model_ref){ MODEL_REF_MAP, 0 };
	for (size_t i = 0; i < m->ngaps; i++) {
		if (m->gaps[i].status != MODEL_OPEN)
			continue;
		refs[n] = (struct model_ref){ MODEL_REF_GAP, m->gaps[i].id };
		lines[n] = backlog_fixes(m, refs[n]);
		n++;
	}
	for (size_t i = 0; i < m->nsilos; i++) {
		if (m->silos[i].status != MODEL_OPEN)
			continue;
		refs[n] = (struct model_ref){ MODEL_REF_SILO, m->silos[i].id };
		char *f = backlog_fixes(m, refs[n]);
		lines[n] = xasprintf("%s: %s", f, m->silos[i].description);
		n++;
		free(f);
	}
	int k = picker_single(app_host(a), _("What does the action fix?"),
			      (const char *const *)lines, n, false, NULL);
	if (k >= 0)
		*out = refs[k];
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(refs);
	return k >= 0;
}

/* Who would own it, as a start: the filtered department, else the owner
 * of the gap's touchpoint, or the silo's first department. */
static int64_t backlog_default_owner(const struct app *a,
				     const struct backlog_state *s,
				     struct model_ref r)
{
	if (s->dept > 0)
		return s->dept;
	const struct model_gap *g = r.kind == MODEL_REF_GAP
				    ? model_gap(a->map, r.id) : NULL;
	const struct model_touchpoint *t =
		g ? model_touchpoint(a->map, g->touchpoint_id, NULL) : NULL;
	if (t)
		return t->owner_id;
	const struct model_silo *o = r.kind == MODEL_REF_SILO
				     ? model_silo(a->map, r.id) : NULL;
	return o ? o->dept_a : 0;
}

static void backlog_add(struct app *a, struct backlog_state *s)
{
	struct model_ref fixes;
	if (!backlog_pick_fixes(a, &fixes))
		return;
	char *title = prompt_line(app_host(a), _("Action:"), "");
	if (!title)
		return;
	struct deptpick_choice c = deptpick_choose(a, _("Owner department"),
		true, 0, backlog_default_owner(a, s, fixes));
	if (c.cancelled) {
		free(title);
		return;
	}
	struct model_action x;
	plan_init(PLAN_ACTION, &x);
	x.fixes = fixes;
	free(x.title);
	x.title = title;
	int64_t id = 0;
	edit_step_begin(a->edit, N_("add an action"));
	if (deptpick_resolve(a, &c) == STORE_OK) {
		x.owner_id = c.id;
		edit_item_add(a->edit, a->map, PLAN_ACTION, &x, &id);
	}
	if (app_check(a, edit_step_end(a->edit))) {
		app_edited(a);
		for (size_t i = 0; i < s->n; i++)
			if (s->ids[i] == id)
				s->sel = i;
		app_message(a, _("Action added: e changes its fields, s its status"));
	}
	model_action_clear(&x);
	free(c.name);
}

/* ------------------------------------------------------------------ */
/* filters */

static void backlog_pick_dept(struct app *a, struct backlog_state *s)
{
	const struct model_map *m = a->map;
	const char **items = xcalloc(m->ndepartments + 3, sizeof *items);
	items[0] = _("(every department)");
	items[1] = _("(no owner)");
	size_t now = s->dept == BACKLOG_NO_OWNER ? 1 : 0;
	for (size_t i = 0; i < m->ndepartments; i++) {
		items[i + 2] = m->departments[i].name;
		if (m->departments[i].id == s->dept)
			now = i + 2;
	}
	int k = picker_single_at(app_host(a), _("Department"), items,
				 m->ndepartments + 2, now, false, NULL);
	if (k == 0)
		s->dept = 0;
	else if (k == 1)
		s->dept = BACKLOG_NO_OWNER;
	else if (k > 1)
		s->dept = m->departments[k - 2].id;
	free(items);
	s->sel = 0;
}

static void backlog_pick_status(struct app *a, struct backlog_state *s)
{
	const char *items[MODEL_ACTION_DROPPED + 3];
	items[0] = _("(every status)");
	items[1] = _("(live: idea, planned, doing)");
	for (int k = 0; k <= MODEL_ACTION_DROPPED; k++)
		items[k + 2] = plan_action_status_label(
			(enum model_action_status)k);
	size_t now = s->status == BACKLOG_ANY ? 0
		     : s->status == BACKLOG_LIVE ? 1 : (size_t)s->status + 2;
	int k = picker_single_at(app_host(a), _("Status"), items,
				 MODEL_ACTION_DROPPED + 3, now, false, NULL);
	if (k == 0)
		s->status = BACKLOG_ANY;
	else if (k == 1)
		s->status = BACKLOG_LIVE;
	else if (k > 1)
		s->status = k - 2;
	s->sel = 0;
}

/* The keys that change the selected action. */
static void backlog_change(struct app *a, const struct model_action *x,
			   enum ui_action act)
{
	if (!x) {
		app_message(a, _("No action selected: a adds one"));
		return;
	}
	if (!app_writable(a))
		return;
	if (act == ACT_BACKLOG_EDIT)
		backlog_edit(a, x);
	else if (act == ACT_BACKLOG_STATUS)
		backlog_status(a, x);
	else if (act == ACT_BACKLOG_NEXT)
		backlog_next(a, x);
	else if (act == ACT_BACKLOG_DELETE)
		backlog_delete(a, x);
}

static void backlog_action(struct app *a, void *state, enum ui_action act)
{
	struct backlog_state *s = state;
	const struct model_action *x = backlog_at(a, s, s->sel);
	switch (act) {
	case ACT_BACKLOG_JUMP:
		if (x)
			backlog_jump(a, x);
		break;
	case ACT_BACKLOG_ADD:
		if (app_writable(a))
			backlog_add(a, s);
		break;
	case ACT_BACKLOG_EDIT: case ACT_BACKLOG_STATUS: case ACT_BACKLOG_NEXT:
	case ACT_BACKLOG_DELETE:
		backlog_change(a, x, act);
		break;
	case ACT_BACKLOG_DEPT: backlog_pick_dept(a, s); break;
	case ACT_BACKLOG_FILTER_STATUS: backlog_pick_status(a, s); break;
	case ACT_BACKLOG_OVERDUE:
		s->overdue = !s->overdue;
		s->sel = 0;
		break;
	default:
		list_move(&s->sel, s->n, act);
		break;
	}
}

const struct view_ops backlog_view = {
	.name = "backlog", .ctx = CTX_BACKLOG,
	.open = backlog_open, .reload = backlog_reload, .draw = backlog_draw,
	.action = backlog_action, .close = backlog_close,
};
