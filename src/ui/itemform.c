/* itemform.c - the form of one metric, voice or action.  A new item is a
 * draft in memory until the person saves it (one undoable step: nothing
 * is written, and the file not locked, while they type); an existing
 * item's fields are saved one by one as they are accepted, checked
 * against the version the person saw like every other edit.  Every value
 * is checked with plan_check, and the reason shown where it is typed. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/actions.h"
#include "ui/app.h"
#include "ui/deptpick.h"
#include "ui/draw.h"
#include "ui/itemform.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The most fields an item has. */
#define IF_FIELDS 8
_Static_assert(PLAN_METRIC_NFIELDS <= IF_FIELDS &&
	       PLAN_VOICE_NFIELDS <= IF_FIELDS &&
	       PLAN_ACTION_NFIELDS <= IF_FIELDS, "IF_FIELDS is too small");

struct itemform {
	enum plan_item k;
	bool draft;	/* not in the file yet */
	bool dirty;	/* the draft was changed after it opened */
	int64_t id;	/* an item of the file, when not a draft */
	union {
		struct model_metric metric;
		struct model_voice voice;
		struct model_action action;
	} d;	/* the draft */
	char *new_owner;	/* a department the draft's save creates */
	size_t sel;
	/* an item of the file: what the person was shown, to mark what
	 * others change while the form is open (as the detail forms do) */
	char *shown[IF_FIELDS];
	bool changed[IF_FIELDS];
	int64_t seen;
};

static const char *const if_levels[] = { N_("1 low"), N_("2 medium"),
					 N_("3 high") };

/* The history's kind of an item, for the conflict question. */
static enum store_kind if_kind(enum plan_item k)
{
	static const enum store_kind kinds[PLAN_NITEMS] = {
		STORE_KIND_METRIC, STORE_KIND_VOICE, STORE_KIND_ACTION,
	};
	return kinds[k];
}

static const void *if_item(const struct app *a, const struct itemform *f)
{
	return f->draft ? (const void *)&f->d
			: plan_item_find(a->map, f->k, f->id);
}

static const char *if_dept(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : _("(no owner)");
}

/* ------------------------------------------------------------------ */
/* fields: text, or a choice among labels (whose keys plan.h reads) */

static size_t if_choices(enum plan_item k, int field, const char **labels)
{
	size_t n = 0;
	if (k == PLAN_METRIC && field == PLAN_METRIC_BETTER)
		for (; n < 2; n++)
			labels[n] = plan_better_label((enum model_better)n);
	else if (k == PLAN_VOICE && field == PLAN_VOICE_KIND)
		for (; n < 4; n++)
			labels[n] = plan_voice_kind_label((enum model_voice_kind)n);
	else if (k == PLAN_ACTION && field == PLAN_ACTION_STATUS)
		for (; n < 5; n++)
			labels[n] = plan_action_status_label(
				(enum model_action_status)n);
	else if (k == PLAN_ACTION && (field == PLAN_ACTION_IMPACT ||
				      field == PLAN_ACTION_EFFORT))
		for (; n < 3; n++)
			labels[n] = _(if_levels[n]);
	return n;
}

/* The text form (plan.h) of choice i. */
static char *if_choice_key(enum plan_item k, int field, size_t i)
{
	if (k == PLAN_METRIC)
		return xstrdup(plan_better_key((enum model_better)i));
	if (k == PLAN_VOICE)
		return xstrdup(plan_voice_kind_key((enum model_voice_kind)i));
	if (field == PLAN_ACTION_STATUS)
		return xstrdup(plan_action_status_key((enum model_action_status)i));
	return xasprintf("%zu", i + 1);
}

/* Which choice the item holds now. */
static size_t if_choice_now(enum plan_item k, int field, const void *it)
{
	char *v = plan_get(k, it, field);
	int i = 0;
	if (k == PLAN_METRIC)
		i = plan_better_parse(v);
	else if (k == PLAN_VOICE)
		i = plan_voice_kind_parse(v);
	else if (field == PLAN_ACTION_STATUS)
		i = plan_action_status_parse(v);
	else
		i = atoi(v) - 1;
	free(v);
	return i < 0 ? 0 : (size_t)i;
}

/* A field as people read it: labels for the choices, a name for the
 * department. */
static char *if_show(const struct app *a, const struct itemform *f, int field)
{
	const void *it = if_item(a, f);
	const char *labels[8];
	size_t n = if_choices(f->k, field, labels);
	if (n)
		return xstrdup(labels[if_choice_now(f->k, field, it) % n]);
	if (f->k == PLAN_ACTION && field == PLAN_ACTION_OWNER)
		return xstrdup(f->draft && f->new_owner
			       ? f->new_owner
			       : if_dept(a->map, ((const struct model_action *)it)->owner_id));
	return plan_get(f->k, it, field);
}

char *itemform_line(const struct model_map *m, enum plan_item k,
		    const void *item)
{
	const struct model_metric *mt = item;
	const struct model_voice *vc = item;
	const struct model_action *ac = item;
	char *s, *val, *tg;
	enum plan_target on;
	switch (k) {
	case PLAN_METRIC:
		val = plan_get(k, mt, PLAN_METRIC_VALUE);
		tg = plan_get(k, mt, PLAN_METRIC_TARGET);
		on = plan_metric_target(mt);
		s = xasprintf("%s %s%s%s%s%s%s%s", mt->name, *val ? val : "-",
			      *tg ? " / " : "", tg, *mt->unit ? " " : "",
			      mt->unit,
			      on == PLAN_NO_TARGET ? "" : " - ",
			      on == PLAN_NO_TARGET ? ""
			      : on == PLAN_OFF_TARGET ? _("off target")
						      : _("on target"));
		free(val);
		free(tg);
		return s;
	case PLAN_VOICE:
		return xasprintf("%s: %s", plan_voice_kind_label(vc->kind),
				 vc->text);
	case PLAN_ACTION:
		return xasprintf("[%s] %s (%s%s%s)",
				 plan_action_status_label(ac->status), ac->title,
				 if_dept(m, ac->owner_id), *ac->due ? ", " : "",
				 ac->due);
	}
	return xstrdup("");
}

/* ------------------------------------------------------------------ */
/* saving a field of an item of the file */

static void if_set(struct app *a, struct itemform *f, int field,
		   const char *v)
{
	const void *it = plan_item_find(a->map, f->k, f->id);
	if (!it)
		return;
	int64_t seen = plan_item_rev(f->k, it);
	enum store_status st = edit_item_set(a->edit, a->map, f->k, f->id,
					     field, v);
	while (st == STORE_CONFLICT) {
		int vl = (int)strcspn(v, "\n");
		char *q = xasprintf(_("Save yours (\"%.*s%s\") over it? (y/n)"),
				    vl > 40 ? 40 : vl, v,
				    vl > 40 ? term_glyph(G_ELLIPSIS) : "");
		bool again = app_conflict_ask(a, if_kind(f->k), f->id,
					      plan_field_key(f->k, field), seen,
					      q);
		free(q);
		if (!again || !(it = plan_item_find(a->map, f->k, f->id)))
			return;
		seen = plan_item_rev(f->k, it);
		st = edit_item_set(a->edit, a->map, f->k, f->id, field, v);
	}
	if (app_check(a, st))
		app_edited(a);
}

static void if_put(struct app *a, struct itemform *f, int field,
		   const char *v)
{
	if (f->draft) {
		f->dirty |= plan_put(f->k, &f->d, field, v);
		return;
	}
	if (app_writable(a))
		if_set(a, f, field, v);
}

/* A text field: asked again with the reason while plan_check refuses
 * what was typed.  False when the person cancelled. */
static bool if_edit_text(struct app *a, struct itemform *f, int field)
{
	char *v = plan_get(f->k, if_item(a, f), field);
	const char *why = NULL;
	for (;;) {
		const char *name = plan_field_label(f->k, field);
		/* TRANSLATORS: a field's label, then why the value typed
		 * cannot be taken: "Target (a number, such as 42...)" */
		char *label = why ? xasprintf(_("%s (%s)"), name, why)
				  : xstrdup(name);
		char *typed = prompt_line(app_host(a), label, v);
		free(label);
		free(v);
		if (!typed)
			return false;
		v = typed;
		why = plan_check(f->k, field, v);
		if (!why)
			break;
		app_error(a, "%s: %s", name, why);
	}
	if_put(a, f, field, v);
	free(v);
	return true;
}

static void if_edit_choice(struct app *a, struct itemform *f, int field)
{
	const char *labels[8];
	size_t n = if_choices(f->k, field, labels);
	size_t now = if_choice_now(f->k, field, if_item(a, f)) % n;
	int i = picker_single_at(app_host(a), plan_field_label(f->k, field),
				 labels, n, now, false, NULL);
	if (i < 0)
		return;
	char *v = if_choice_key(f->k, field, (size_t)i);
	if_put(a, f, field, v);
	free(v);
}

/* The owner department: a draft keeps a new name to create on save; an
 * action of the file gets it in one step with the department. */
static void if_edit_owner(struct app *a, struct itemform *f)
{
	const struct model_action *ac = if_item(a, f);
	struct deptpick_choice c = deptpick_choose(a, _("Owner department"),
						   true, 0, ac->owner_id);
	if (c.cancelled)
		return;
	if (f->draft) {
		free(f->new_owner);
		f->new_owner = c.name;
		f->d.action.owner_id = c.id;
		f->dirty = true;
		return;
	}
	if (!app_writable(a)) {
		free(c.name);
		return;
	}
	int64_t seen = ac->rev;
	enum store_status st;
	for (;;) {
		edit_step_begin(a->edit, N_("set the owner"));
		if (deptpick_resolve(a, &c) == STORE_OK) {
			char *v = c.id ? xasprintf("%lld", (long long)c.id)
				       : xstrdup("");
			edit_item_set(a->edit, a->map, f->k, f->id,
				      PLAN_ACTION_OWNER, v);
			free(v);
		}
		st = edit_step_end(a->edit);
		if (st != STORE_CONFLICT)
			break;
		char *q = xasprintf(_("Set yours (%s) over it? (y/n)"),
				    c.name ? c.name : if_dept(a->map, c.id));
		bool again = app_conflict_ask(a, if_kind(f->k), f->id, "owner",
					      seen, q);
		free(q);
		if (!again || !(ac = plan_item_find(a->map, f->k, f->id)))
			break;
		seen = ac->rev;
	}
	if (st != STORE_CONFLICT && app_check(a, st))
		app_edited(a);
	free(c.name);
}

static void if_edit(struct app *a, struct itemform *f)
{
	int field = (int)f->sel;
	const char *labels[8];
	if (!f->draft && store_readonly(a->store)) {
		char *v = if_show(a, f, field);
		prompt_view(app_host(a), plan_field_label(f->k, field), v);
		free(v);
		return;
	}
	if (!f->draft && !app_writable(a))
		return;
	if (f->k == PLAN_ACTION && field == PLAN_ACTION_OWNER)
		if_edit_owner(a, f);
	else if (if_choices(f->k, field, labels))
		if_edit_choice(a, f, field);
	else
		if_edit_text(a, f, field);
}

/* ------------------------------------------------------------------ */
/* the form */

/* Marks the fields someone else changed since the person saw them, and
 * says who. */
static void if_track(struct app *a, struct itemform *f)
{
	const void *it = plan_item_find(a->map, f->k, f->id);
	bool any = false;
	for (size_t i = 0; i < plan_nfields(f->k); i++) {
		char *v = if_show(a, f, (int)i);
		if (f->shown[i] && strcmp(v, f->shown[i]) != 0)
			any = f->changed[i] = true;
		free(f->shown[i]);
		f->shown[i] = v;
	}
	if (!any)
		return;
	struct store_change *c = NULL;
	if (store_history_item(a->store, if_kind(f->k), f->id, NULL, f->seen,
			       &c) == STORE_OK)
		app_message(a, _("%s changed this meanwhile: the new values are marked *"),
			    c->user);
	else
		app_message(a, _("Changed meanwhile: the new values are marked *"));
	store_history_free(c, c ? 1 : 0);
	f->seen = plan_item_rev(f->k, it);
}

/* After the person's own edit of the selected field. */
static void if_own(struct app *a, struct itemform *f)
{
	const void *it = plan_item_find(a->map, f->k, f->id);
	if (f->draft || !it)
		return;
	free(f->shown[f->sel]);
	f->shown[f->sel] = if_show(a, f, (int)f->sel);
	f->changed[f->sel] = false;
	f->seen = plan_item_rev(f->k, it);
}

static const char *if_title(enum plan_item k, bool draft)
{
	static const char *const titles[2][PLAN_NITEMS] = {
		{ N_("Metric"), N_("Voice"), N_("Action") },
		{ N_("New metric"), N_("New voice"), N_("New action") },
	};
	return _(titles[draft][k]);
}

static void if_draw(struct app *a, struct itemform *f)
{
	app_draw(a);
	size_t n = plan_nfields(f->k);
	int w = COLS - 4, h = (int)n * 2 + 4;
	/* above the status line: messages (who changed what) show */
	if (h > app_status_y() - 1)
		h = app_status_y() - 1;
	int y0 = 1, x0 = 2, lw = 0;
	for (size_t i = 0; i < n; i++) {
		int l = draw_width(plan_field_label(f->k, (int)i));
		if (l > lw)
			lw = l;
	}
	lw += 2;
	draw_clear_rows(y0, h);
	draw_fill(y0, x0, w, term_glyph(G_HLINE), A_BOLD);
	draw_fill(y0 + h - 1, x0, w, term_glyph(G_HLINE), A_BOLD);
	draw_text(y0, x0 + 2, if_title(f->k, f->draft), w - 4,
		  A_BOLD | A_REVERSE);
	draw_text(y0 + h - 1, x0 + 2, f->draft
		  ? _(" Enter edits a field, Ctrl-D saves, Esc cancels ")
		  : _(" Enter edits, d deletes, Esc or q closes "), w - 4,
		  A_BOLD);
	int step = (int)n * 2 + 3 <= h ? 2 : 1;
	int rows = (h - 3) / step;
	if (rows < 1)
		rows = 1;
	size_t top = f->sel >= (size_t)rows ? f->sel - (size_t)rows + 1 : 0;
	int y = y0 + 2;
	for (size_t i = top; i < n && y < y0 + h - 1; i++) {
		attr_t at = i == f->sel ? A_REVERSE : A_NORMAL;
		draw_field(y, x0 + 1, plan_field_label(f->k, (int)i), lw,
			   at | A_BOLD);
		if (f->changed[i])	/* changed by someone else meanwhile */
			draw_text(y, x0 + lw - 1, "*", 1, at | A_BOLD);
		char *v = if_show(a, f, (int)i);
		draw_field(y, x0 + 1 + lw, v, w - lw - 3, at);
		free(v);
		y += step;
	}
	refresh();
}

/* The draft's first field that plan_check refuses, said; -1 when none. */
static int if_invalid(struct app *a, struct itemform *f)
{
	for (size_t i = 0; i < plan_nfields(f->k); i++) {
		char *v = plan_get(f->k, &f->d, (int)i);
		const char *why = plan_check(f->k, (int)i, v);
		free(v);
		if (why) {
			app_error(a, "%s: %s", plan_field_label(f->k, (int)i),
				  why);
			return (int)i;
		}
	}
	return -1;
}

/* Writes the draft: true when it was saved (or the file cannot be
 * written at all). */
static bool if_save(struct app *a, struct itemform *f)
{
	static const char *const steps[PLAN_NITEMS] = {
		N_("add a metric"), N_("add a voice"), N_("add an action"),
	};
	static const char *const done[PLAN_NITEMS] = {
		N_("Metric added (u undoes)"), N_("Voice added (u undoes)"),
		N_("Action added (u undoes)"),
	};
	int bad = if_invalid(a, f);
	if (bad >= 0) {
		f->sel = (size_t)bad;
		return false;
	}
	if (!app_writable(a))
		return true;
	int64_t id;
	edit_step_begin(a->edit, steps[f->k]);
	struct deptpick_choice c = { .name = f->new_owner };
	if (f->new_owner && deptpick_resolve(a, &c) == STORE_OK)
		f->d.action.owner_id = c.id;
	edit_item_add(a->edit, a->map, f->k, &f->d, &id);
	if (!app_check(a, edit_step_end(a->edit)))
		return false;	/* said why; what was typed stays */
	app_edited(a);
	app_message(a, "%s", _(done[f->k]));
	return true;
}

/* Closing a draft that was typed into asks first. */
static bool if_close(struct app *a, struct itemform *f)
{
	return !f->draft || !f->dirty ||
	       prompt_yes(app_host(a), _("Discard what was typed? (y/n)"));
}

static void if_loop(struct app *a, struct itemform *f)
{
	size_t n = plan_nfields(f->k);
	for (;;) {
		if (!if_item(a, f)) {
			app_message(a, _("The item was deleted"));
			return;
		}
		if (!f->draft)
			if_track(a, f);
		if_draw(a, f);
		wint_t wch;
		int key = f->draft ? app_read_key(a, &wch, NULL)
				   : app_read_key_live(a, &wch, NULL);
		if (key == APP_KEY_QUIT)
			return;
		if (key == 0)
			continue;
		a->message[0] = '\0';
		switch (actions_modal(CTX_FORM, key)) {
		case ACT_FORM_CLOSE:
			if (if_close(a, f))
				return;
			break;
		case ACT_FORM_UP:
			f->sel -= f->sel > 0;
			break;
		case ACT_FORM_DOWN: case ACT_FORM_NEXT:
			f->sel += f->sel + 1 < n;
			break;
		case ACT_FORM_FIRST: f->sel = 0; break;
		case ACT_FORM_LAST: f->sel = n - 1; break;
		case ACT_FORM_EDIT:
			if_edit(a, f);
			if_own(a, f);
			break;
		case ACT_FORM_SAVE:
			if (f->draft && if_save(a, f))
				return;
			break;
		case ACT_FORM_DELETE:
			if (!f->draft) {
				itemform_delete(a, f->k, f->id);
				if (!plan_item_find(a->map, f->k, f->id))
					return;
			}
			break;
		default: break;
		}
	}
}

/* The field a new item's form starts typing in: its name, quote or
 * title. */
static int if_first(enum plan_item k)
{
	return k == PLAN_VOICE ? PLAN_VOICE_TEXT : 0;
}

static void if_draft(struct app *a, struct itemform *f,
		     struct model_ref parent)
{
	plan_init(f->k, &f->d);
	const struct model_touchpoint *t = parent.kind == MODEL_REF_TOUCHPOINT
		? model_touchpoint(a->map, parent.id, NULL) : NULL;
	char today[11];
	switch (f->k) {
	case PLAN_METRIC:
		f->d.metric.touchpoint_id = t ? t->id : 0;
		break;
	case PLAN_VOICE:
		f->d.voice.about = parent;
		plan_today(today);
		plan_put(PLAN_VOICE, &f->d, PLAN_VOICE_DATE, today);
		break;
	case PLAN_ACTION:
		f->d.action.fixes = parent;
		f->d.action.owner_id = t ? t->owner_id : 0;
		break;
	}
}

static void if_clear(struct itemform *f)
{
	switch (f->k) {
	case PLAN_METRIC: model_metric_clear(&f->d.metric); break;
	case PLAN_VOICE: model_voice_clear(&f->d.voice); break;
	case PLAN_ACTION: model_action_clear(&f->d.action); break;
	}
	free(f->new_owner);
}

void itemform_add(struct app *a, enum plan_item k, struct model_ref parent)
{
	if (!app_writable(a))
		return;
	struct itemform f = { .k = k, .draft = true };
	if_draft(a, &f, parent);
	/* fast entry: straight to the name; Esc there adds nothing */
	f.sel = (size_t)if_first(k);
	if (if_edit_text(a, &f, if_first(k)))
		if_loop(a, &f);
	if_clear(&f);
}

void itemform_edit(struct app *a, enum plan_item k, int64_t id)
{
	struct itemform f = { .k = k, .id = id };
	const void *it = plan_item_find(a->map, k, id);
	if (it)
		f.seen = plan_item_rev(k, it);
	if_loop(a, &f);
	for (size_t i = 0; i < IF_FIELDS; i++)
		free(f.shown[i]);
}

void itemform_delete(struct app *a, enum plan_item k, int64_t id)
{
	const void *it = plan_item_find(a->map, k, id);
	if (!it || !app_writable(a))
		return;
	char *line = itemform_line(a->map, k, it);
	char *q = k == PLAN_METRIC
		? xasprintf(_("Delete the metric \"%s\"? (y/n)"), line)
		: k == PLAN_VOICE
		? xasprintf(_("Delete the voice \"%s\"? (y/n)"), line)
		: xasprintf(_("Delete the action \"%s\"? (y/n)"), line);
	free(line);
	bool yes = prompt_yes(app_host(a), q);
	free(q);
	int64_t seen = plan_item_rev(k, it);
	while (yes) {
		enum store_status st = edit_item_delete(a->edit, a->map, k, id);
		if (st != STORE_CONFLICT) {
			if (app_check(a, st)) {
				app_message(a, _("Deleted (u undoes)"));
				app_edited(a);
			}
			return;
		}
		yes = app_conflict_ask(a, if_kind(k), id, NULL, seen,
				       _("Delete it anyway? (y/n)"));
		if (yes && (it = plan_item_find(a->map, k, id)))
			seen = plan_item_rev(k, it);
	}
}
