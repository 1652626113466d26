/* form.c - the detail forms: every field of a touchpoint, a stage or the
 * map, one per line.  Enter edits the selected field; each change is
 * saved (and undoable) the moment it is accepted. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/actions.h"
#include "ui/deptpick.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/itemform.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "util/i18n.h"
#include "util/xalloc.h"

enum field_kind { F_TEXT, F_NOTES, F_EMOTION, F_OWNER, F_CONTRIB, F_MOMENT,
		  F_ITEM, F_ADD };

struct field {
	const char *label;	/* N_() */
	enum field_kind kind;
	int which;	/* the store field; F_ITEM, F_ADD: the enum plan_item */
	int64_t id;	/* F_ITEM: the metric, voice or action */
};

static const struct field tp_fields[] = {
	{ N_("Name"), F_TEXT, STORE_TP_NAME, 0 },
	{ N_("Channel"), F_TEXT, STORE_TP_CHANNEL, 0 },
	{ N_("Owner"), F_OWNER, 0, 0 },
	{ N_("Contributors"), F_CONTRIB, 0, 0 },
	{ N_("Emotion"), F_EMOTION, 0, 0 },
	{ N_("Moment of truth"), F_MOMENT, 0, 0 },
	{ N_("Notes"), F_NOTES, STORE_TP_NOTES, 0 },
};

static const struct field stage_fields[] = {
	{ N_("Name"), F_TEXT, STORE_STAGE_NAME, 0 },
	{ N_("Description"), F_NOTES, STORE_STAGE_DESCRIPTION, 0 },
};

static const struct field map_fields[] = {
	{ N_("Name"), F_TEXT, STORE_MAP_NAME, 0 },
	{ N_("Persona"), F_NOTES, STORE_MAP_PERSONA, 0 },
	{ N_("Scenario"), F_NOTES, STORE_MAP_SCENARIO, 0 },
	{ N_("Promise"), F_NOTES, STORE_MAP_PROMISE, 0 },
	{ N_("Journey owner"), F_TEXT, STORE_MAP_OWNER, 0 },
	{ N_("CX lead"), F_TEXT, STORE_MAP_CX_LEAD, 0 },
	{ N_("Definition of success"), F_NOTES, STORE_MAP_SUCCESS, 0 },
};

/* The rows of the items under a form's item, and one to add another. */
static const char *const item_labels[PLAN_NITEMS] = {
	N_("Metric"), N_("Voice"), N_("Action"),
};

enum form_kind { FORM_TP, FORM_STAGE, FORM_MAP };

struct form {
	enum form_kind kind;
	int64_t id;
	const struct field *fixed;	/* the item's own fields */
	size_t nfixed;
	/* those, then its metrics, voices and actions: made again for
	 * every frame (others may add some meanwhile) */
	struct field *fields;
	size_t nfields;
	size_t sel;
	/* what the person has been shown, to mark what others change */
	char **shown;
	bool *changed;
	int64_t seen;	/* the item's version when last seen whole */
};

static const char *const emotion_names[] = {
	N_("-2  very negative"), N_("-1  negative"), N_(" 0  neutral"),
	N_("+1  positive"), N_("+2  very positive"), N_("not set"),
};

/* The current text of a field, as a new string. */
static char *form_value(const struct app *a, const struct form *f,
			const struct field *fd)
{
	const struct model_map *m = a->map;
	if (fd->kind == F_ITEM) {
		const void *it = plan_item_find(m, (enum plan_item)fd->which,
					       fd->id);
		return it ? itemform_line(m, (enum plan_item)fd->which, it)
			  : xstrdup("");
	}
	if (fd->kind == F_ADD) {
		static const char *const adds[PLAN_NITEMS] = {
			N_("+ add a metric"), N_("+ add a voice"),
			N_("+ add an action"),
		};
		return xstrdup(_(adds[fd->which]));
	}
	if (f->kind == FORM_MAP) {
		const char *v[] = { m->name, m->persona, m->scenario,
				    m->promise, m->owner, m->cx_lead,
				    m->success };
		return xstrdup(v[fd->which]);
	}
	if (f->kind == FORM_STAGE) {
		const struct model_stage *sg = model_stage(m, f->id);
		return xstrdup(fd->which == STORE_STAGE_NAME ? sg->name
							     : sg->description);
	}
	const struct model_touchpoint *t = model_touchpoint(m, f->id, NULL);
	const struct model_department *d;
	switch (fd->kind) {
	case F_OWNER:
		d = model_department(m, t->owner_id);
		return xstrdup(d ? d->name : _("(no owner)"));
	case F_CONTRIB: {
		char *s = xstrdup("");
		for (size_t i = 0; i < t->ncontributors; i++) {
			d = model_department(m, t->contributors[i]);
			char *n = xasprintf("%s%s%s", s, i ? ", " : "",
					    d ? d->name : "?");
			free(s);
			s = n;
		}
		return s;
	}
	case F_EMOTION:
		return xstrdup(_(emotion_names[t->has_emotion ? t->emotion + 2 : 5]));
	case F_MOMENT:
		return xstrdup(t->moment ? _("yes") : _("no"));
	default: {
		const char *v[] = { t->name, t->channel, t->notes };
		return xstrdup(fd->which == STORE_TP_NAME ? v[0]
			       : fd->which == STORE_TP_CHANNEL ? v[1] : v[2]);
	}
	}
}

static void form_row(struct form *f, size_t *n, enum field_kind kind,
		     enum plan_item k, int64_t id)
{
	f->fields[(*n)++] = (struct field){ item_labels[k], kind, (int)k, id };
}

static bool form_about(const struct model_ref *r, enum model_ref_kind k,
		       int64_t id)
{
	return r->kind == k && r->id == id;
}

/* The form's rows: its item's fields, then the metrics, voices and
 * actions that belong to it, each list with a row to add one (a
 * touchpoint's notes after them). */
static void form_rows(const struct app *a, struct form *f)
{
	const struct model_map *m = a->map;
	free(f->fields);
	f->fields = xcalloc(f->nfixed + m->nmetrics + m->nvoices +
			    m->nactions + PLAN_NITEMS, sizeof *f->fields);
	/* a touchpoint's notes stay last: the long text at the end (End) */
	size_t keep = f->kind == FORM_TP ? f->nfixed - 1 : f->nfixed;
	memcpy(f->fields, f->fixed, keep * sizeof *f->fields);
	size_t n = keep;
	enum model_ref_kind rk = f->kind == FORM_TP ? MODEL_REF_TOUCHPOINT
			       : f->kind == FORM_STAGE ? MODEL_REF_STAGE
						       : MODEL_REF_MAP;
	int64_t id = f->kind == FORM_MAP ? 0 : f->id;
	if (f->kind != FORM_STAGE) {	/* a touchpoint's or the journey's */
		for (size_t i = 0; i < m->nmetrics; i++)
			if (m->metrics[i].touchpoint_id == id)
				form_row(f, &n, F_ITEM, PLAN_METRIC,
					 m->metrics[i].id);
		form_row(f, &n, F_ADD, PLAN_METRIC, 0);
	}
	if (f->kind != FORM_MAP) {
		for (size_t i = 0; i < m->nvoices; i++)
			if (form_about(&m->voices[i].about, rk, id))
				form_row(f, &n, F_ITEM, PLAN_VOICE,
					 m->voices[i].id);
		form_row(f, &n, F_ADD, PLAN_VOICE, 0);
	}
	if (f->kind != FORM_STAGE) {
		for (size_t i = 0; i < m->nactions; i++)
			if (form_about(&m->actions[i].fixes, rk, id))
				form_row(f, &n, F_ITEM, PLAN_ACTION,
					 m->actions[i].id);
		form_row(f, &n, F_ADD, PLAN_ACTION, 0);
	}
	if (keep < f->nfixed)
		f->fields[n++] = f->fixed[keep];
	f->nfields = n;
	if (f->sel >= n)
		f->sel = n - 1;
}

static bool form_exists(const struct app *a, const struct form *f)
{
	if (f->kind == FORM_TP)
		return model_touchpoint(a->map, f->id, NULL) != NULL;
	if (f->kind == FORM_STAGE)
		return model_stage(a->map, f->id) != NULL;
	return true;
}

static int64_t form_rev(const struct app *a, const struct form *f)
{
	if (f->kind == FORM_TP)
		return model_touchpoint(a->map, f->id, NULL)->rev;
	if (f->kind == FORM_STAGE)
		return model_stage(a->map, f->id)->rev;
	return a->map->rev;
}

/* Notes what changed since the person last saw the form (the map is read
 * again while it is open), marks it and says who changed it. */
static void form_track(struct app *a, struct form *f)
{
	size_t was = f->nfields;
	form_rows(a, f);
	if (f->nfields != was) {	/* rows came or went: start afresh */
		for (size_t i = 0; i < was; i++)
			free(f->shown[i]);
		free(f->shown);
		free(f->changed);
		f->shown = xcalloc(f->nfields, sizeof *f->shown);
		f->changed = xcalloc(f->nfields, sizeof *f->changed);
	}
	bool any = false;
	for (size_t i = 0; i < f->nfields; i++) {
		char *v = form_value(a, f, &f->fields[i]);
		if (f->shown[i] && strcmp(v, f->shown[i]) != 0)
			any = f->changed[i] = true;
		free(f->shown[i]);
		f->shown[i] = v;
	}
	if (!any)
		return;
	static const enum store_kind kinds[] = { STORE_KIND_TOUCHPOINT,
		STORE_KIND_STAGE, STORE_KIND_MAP };
	struct store_change *c = NULL;
	int64_t id = f->kind == FORM_MAP ? a->map->id : f->id;
	if (store_history_item(a->store, kinds[f->kind], id, NULL, f->seen,
			       &c) == STORE_OK)
		app_message(a, _("%s changed this meanwhile: the new values are marked *"),
			    c->user);
	else
		app_message(a, _("Changed meanwhile: the new values are marked *"));
	store_history_free(c, c ? 1 : 0);
	f->seen = form_rev(a, f);
}

/* The person's own edit of the selected field: not someone else's. */
static void form_own(struct app *a, struct form *f)
{
	if (!form_exists(a, f) || f->sel >= f->nfields)
		return;
	size_t i = f->sel;
	free(f->shown[i]);
	f->shown[i] = form_value(a, f, &f->fields[i]);
	f->changed[i] = false;
	f->seen = form_rev(a, f);
}

static void form_draw(struct app *a, struct form *f, const char *title)
{
	app_draw(a);
	int w = COLS - 4, h = (int)f->nfields * 2 + 4;
	/* above the status line: messages (who changed what) show */
	if (h > app_status_y() - 1)
		h = app_status_y() - 1;
	int y0 = 1, x0 = 2, lw = 0;
	for (size_t i = 0; i < f->nfields; i++) {
		int l = draw_width(_(f->fields[i].label));
		if (l > lw)
			lw = l;
	}
	lw += 2;
	draw_clear_rows(y0, h);
	draw_fill(y0, x0, w, term_glyph(G_HLINE), A_BOLD);
	draw_fill(y0 + h - 1, x0, w, term_glyph(G_HLINE), A_BOLD);
	draw_text(y0, x0 + 2, title, w - 4, A_BOLD | A_REVERSE);
	draw_text(y0 + h - 1, x0 + 2, f->fields[f->sel].kind == F_ITEM
		  ? _(" Enter edits, d deletes, Esc or q closes ")
		  : _(" Up/Down choose, Enter edits, Esc or q closes "), w - 4,
		  A_BOLD);
	/* one field every other line when there is room, else every line,
	 * scrolled to keep the selection in sight */
	int step = (int)f->nfields * 2 + 3 <= h ? 2 : 1;
	int rows = (h - 3) / step;
	if (rows < 1)
		rows = 1;
	size_t top = f->sel >= (size_t)rows ? f->sel - (size_t)rows + 1 : 0;
	int y = y0 + 2;
	for (size_t i = top; i < f->nfields && y < y0 + h - 1; i++) {
		const struct field *fd = &f->fields[i];
		attr_t at = i == f->sel ? A_REVERSE : A_NORMAL;
		draw_field(y, x0 + 1, _(fd->label), lw, at | A_BOLD);
		if (f->changed[i])	/* changed by someone else meanwhile */
			draw_text(y, x0 + lw - 1, "*", 1, at | A_BOLD);
		char *v = form_value(a, f, fd);
		/* several-line fields show their first line, marked */
		size_t first = strcspn(v, "\n");
		if (v[first]) {
			char *cut = xasprintf("%.*s %s", (int)first, v,
					      term_glyph(G_ELLIPSIS));
			free(v);
			v = cut;
		}
		draw_field(y, x0 + 1 + lw, v, w - lw - 3, at);
		free(v);
		y += step;
	}
	refresh();
}

static void form_edit_text(struct app *a, struct form *f,
			   const struct field *fd)
{
	char *old = form_value(a, f, fd);
	char *v = fd->kind == F_NOTES ? prompt_text(app_host(a), _(fd->label), old)
				      : prompt_line(app_host(a), _(fd->label), old);
	free(old);
	if (!v)
		return;
	static const enum app_target targets[] = { APP_TP, APP_STAGE, APP_MAP };
	app_set_text(a, targets[f->kind], f->kind == FORM_MAP ? a->map->id
							      : f->id,
		     fd->which, v);
	free(v);
}

static void form_edit_emotion(struct app *a, struct form *f)
{
	const struct model_touchpoint *t = model_touchpoint(a->map, f->id, NULL);
	const char *items[6];
	for (int i = 0; i < 6; i++)
		items[i] = _(emotion_names[i]);
	size_t now = t->has_emotion ? (size_t)(t->emotion + 2) : 5;
	int k = picker_single_at(app_host(a), _("Emotion"), items, 6, now, false, NULL);
	int64_t seen = t->rev;
	enum store_status st = STORE_CONFLICT;
	while (k >= 0 && st == STORE_CONFLICT) {
		st = edit_tp_set_emotion(a->edit, a->map, f->id, k < 5, k - 2);
		if (st != STORE_CONFLICT)
			break;
		/* someone else set the emotion since the picker opened */
		char *q = xasprintf(_("Set yours (%s) over it? (y/n)"), items[k]);
		bool again = app_conflict_ask(a, STORE_KIND_TOUCHPOINT, f->id,
					      "emotion", seen, q);
		free(q);
		if (!again)
			return;
		seen = model_touchpoint(a->map, f->id, NULL)->rev;
	}
	if (k >= 0 && app_check(a, st))
		app_edited(a);
}

void form_toggle_moment(struct app *a, int64_t tp_id)
{
	const struct model_touchpoint *t = model_touchpoint(a->map, tp_id, NULL);
	if (!t || !app_writable(a))
		return;
	bool moment = !t->moment;
	int64_t seen = t->rev;
	enum store_status st;
	while ((st = edit_tp_set_moment(a->edit, a->map, tp_id, moment)) ==
	       STORE_CONFLICT) {
		/* someone else changed the card since it was drawn */
		bool again = app_conflict_ask(a, STORE_KIND_TOUCHPOINT, tp_id,
					      "moment", seen, moment
					      ? _("Mark it a moment of truth anyway? (y/n)")
					      : _("Unmark it anyway? (y/n)"));
		if (!again)
			return;
		seen = model_touchpoint(a->map, tp_id, NULL)->rev;
	}
	if (!app_check(a, st))
		return;
	app_edited(a);
	app_message(a, moment ? _("Marked a moment of truth (u undoes)")
			      : _("No longer a moment of truth (u undoes)"));
}

/* What a row adds to: the form's touchpoint, stage or the journey. */
static struct model_ref form_parent(const struct form *f)
{
	struct model_ref r = { MODEL_REF_MAP, 0 };
	if (f->kind == FORM_TP)
		r = (struct model_ref){ MODEL_REF_TOUCHPOINT, f->id };
	else if (f->kind == FORM_STAGE)
		r = (struct model_ref){ MODEL_REF_STAGE, f->id };
	return r;
}

static void form_edit(struct app *a, struct form *f)
{
	const struct field *fd = &f->fields[f->sel];
	if (fd->kind == F_ITEM) {
		itemform_edit(a, (enum plan_item)fd->which, fd->id);
		return;
	}
	if (fd->kind == F_ADD) {
		itemform_add(a, (enum plan_item)fd->which, form_parent(f));
		return;
	}
	if (store_readonly(a->store) &&
	    (fd->kind == F_TEXT || fd->kind == F_NOTES)) {
		/* read-only: the whole text can still be read */
		char *v = form_value(a, f, fd);
		prompt_view(app_host(a), _(fd->label), v);
		free(v);
		return;
	}
	if (!app_writable(a))
		return;
	switch (fd->kind) {
	case F_TEXT:
	case F_NOTES:
		form_edit_text(a, f, fd);
		break;
	case F_EMOTION:
		form_edit_emotion(a, f);
		break;
	case F_OWNER:
		deptpick_owner(a, f->id);
		break;
	case F_CONTRIB:
		deptpick_contributors(a, f->id);
		break;
	case F_MOMENT:
		form_toggle_moment(a, f->id);
		break;
	default:
		break;
	}
}

static void form_loop(struct app *a, struct form *f, const char *title)
{
	for (;;) {
		if (!form_exists(a, f)) {
			app_message(a, _("The item was deleted"));
			return;
		}
		form_track(a, f);
		form_draw(a, f, title);
		wint_t wch;
		/* others' changes show while the form is open */
		int key = app_read_key_live(a, &wch, NULL);
		if (key == APP_KEY_QUIT)
			return;
		if (key == 0)
			continue;	/* a resize or the timeout: draw again */
		a->message[0] = '\0';	/* shown until the next key */
		switch (actions_modal(CTX_FORM, key)) {
		case ACT_FORM_CLOSE:
			return;
		case ACT_FORM_UP:
			if (f->sel > 0)
				f->sel--;
			break;
		case ACT_FORM_DOWN: case ACT_FORM_NEXT:
			if (f->sel + 1 < f->nfields)
				f->sel++;
			break;
		case ACT_FORM_FIRST: f->sel = 0; break;
		case ACT_FORM_LAST: f->sel = f->nfields - 1; break;
		case ACT_FORM_EDIT:
			form_edit(a, f);
			form_own(a, f);
			break;
		case ACT_FORM_DELETE:
			if (f->fields[f->sel].kind == F_ITEM)
				itemform_delete(a, (enum plan_item)
						f->fields[f->sel].which,
						f->fields[f->sel].id);
			break;
		default: break;
		}
	}
}

static void form_run(struct app *a, struct form *f, const char *title)
{
	if (form_exists(a, f)) {
		form_rows(a, f);
		f->seen = form_rev(a, f);
	}
	f->shown = xcalloc(f->nfields, sizeof *f->shown);
	f->changed = xcalloc(f->nfields, sizeof *f->changed);
	form_loop(a, f, title);
	for (size_t i = 0; i < f->nfields; i++)
		free(f->shown[i]);
	free(f->shown);
	free(f->changed);
	free(f->fields);
}

void form_touchpoint(struct app *a, int64_t tp_id)
{
	struct form f = { .kind = FORM_TP, .id = tp_id, .fixed = tp_fields,
			  .nfixed = sizeof tp_fields / sizeof *tp_fields };
	form_run(a, &f, _("Touchpoint"));
}

void form_stage(struct app *a, int64_t stage_id)
{
	struct form f = { .kind = FORM_STAGE, .id = stage_id,
			  .fixed = stage_fields,
			  .nfixed = sizeof stage_fields / sizeof *stage_fields };
	form_run(a, &f, _("Stage"));
}

void form_map(struct app *a)
{
	struct form f = { .kind = FORM_MAP, .fixed = map_fields,
			  .nfixed = sizeof map_fields / sizeof *map_fields };
	form_run(a, &f, _("Map"));
}
