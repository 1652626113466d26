/* app_conflict.c - an edit refused because someone else changed the
 * item meanwhile: who did what, and whether to save over it. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "core/history.h"
#include "core/plan.h"
#include "core/store.h"
#include "ui/app.h"
#include "ui/prompt.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The current text of a field, and who last changed the item. */
static const char *app_text_now(const struct app *a, enum app_target t,
				int64_t id, int field, int64_t *rev)
{
	const struct model_map *m = a->map;
	if (t == APP_MAP) {
		const char *v[] = { m->name, m->persona, m->scenario,
				    m->promise, m->owner, m->cx_lead,
				    m->success };
		*rev = m->rev;
		return v[field];
	}
	if (t == APP_STAGE) {
		const struct model_stage *sg = model_stage(m, id);
		if (!sg)
			return NULL;
		*rev = sg->rev;
		return field == STORE_STAGE_NAME ? sg->name : sg->description;
	}
	const struct model_touchpoint *tp = model_touchpoint(m, id, NULL);
	if (!tp)
		return NULL;
	const char *v[] = { tp->name, tp->channel, tp->notes };
	*rev = tp->rev;
	return v[field];
}

/* The newest change to an item after `since` (for a stage without a
 * field, to the stage or any of its cards), or NULL. */
static struct store_change *app_change_since(struct app *a,
					     enum store_kind kind, int64_t id,
					     const char *field, int64_t since)
{
	struct store_change *c = NULL;
	const struct model_stage *sg = kind == STORE_KIND_STAGE && !field
				       ? model_stage(a->map, id) : NULL;
	int64_t newest = sg ? model_stage_version(sg) : 0;
	enum store_status st = newest > since
		? store_history_get(a->store, newest, &c)
		: store_history_item(a->store, kind, id, field, since, &c);
	return st == STORE_OK ? c : NULL;
}

static bool app_item_exists(const struct app *a, enum store_kind kind,
			    int64_t id)
{
	if (kind == STORE_KIND_TOUCHPOINT)
		return model_touchpoint(a->map, id, NULL) != NULL;
	if (kind == STORE_KIND_STAGE)
		return model_stage(a->map, id) != NULL;
	if (kind == STORE_KIND_METRIC)
		return plan_metric(a->map, id) != NULL;
	if (kind == STORE_KIND_VOICE)
		return plan_voice(a->map, id) != NULL;
	if (kind == STORE_KIND_ACTION)
		return plan_action(a->map, id) != NULL;
	return true;
}

bool app_conflict_ask(struct app *a, enum store_kind kind, int64_t id,
		      const char *field, int64_t since, const char *question)
{
	app_reload(a);
	if (!app_item_exists(a, kind, id)) {
		app_error(a, _("Not saved: someone else deleted it meanwhile"));
		return false;
	}
	struct store_change *c = app_change_since(a, kind, id, field, since);
	char *said;
	if (c) {
		char *what = history_describe(c);
		/* TRANSLATORS: who, then what they did (from the history) */
		said = xasprintf(_("Meanwhile %s %s."), c->user, what);
		free(what);
	} else {
		said = xstrdup(_("Someone else changed it meanwhile."));
	}
	store_history_free(c, c ? 1 : 0);
	char *q = xasprintf("%s\n%s", said, question);
	bool yes = prompt_yes(app_host(a), q);
	free(q);
	free(said);
	if (!yes)
		app_message(a, _("Kept their version; yours was not saved"));
	return yes;
}

static enum store_status app_text_edit(struct app *a, enum app_target t,
				       int64_t id, int field, const char *value)
{
	if (t == APP_MAP)
		return edit_map_set(a->edit, a->map, field, value);
	if (t == APP_STAGE)
		return edit_stage_set(a->edit, a->map, id, field, value);
	return edit_tp_set(a->edit, a->map, id, field, value);
}

bool app_set_text(struct app *a, enum app_target t, int64_t id, int field,
		  const char *value)
{
	static const char *const keys[][7] = {
		[APP_MAP] = { "name", "persona", "scenario", "promise",
			      "journey_owner", "cx_lead", "success" },
		[APP_STAGE] = { "name", "description" },
		[APP_TP] = { "name", "channel", "notes" },
	};
	static const enum store_kind kinds[] = {
		[APP_MAP] = STORE_KIND_MAP, [APP_STAGE] = STORE_KIND_STAGE,
		[APP_TP] = STORE_KIND_TOUCHPOINT,
	};
	int64_t seen = 0;
	if (!app_text_now(a, t, id, field, &seen))
		return app_check(a, STORE_MISSING);
	enum store_status st = app_text_edit(a, t, id, field, value);
	/* refused only when this very field changed (the store compares
	 * the field): say who changed it to what, and ask */
	while (st == STORE_CONFLICT) {
		/* the first line only: the question must fit */
		int vl = (int)strcspn(value, "\n");
		char *q = xasprintf(_("Save yours (\"%.*s%s\") over it? (y/n)"),
				    vl, value, value[vl] ? "..." : "");
		bool again = app_conflict_ask(a, kinds[t], id, keys[t][field],
					      seen, q);
		free(q);
		if (!again)
			return false;
		app_text_now(a, t, id, field, &seen);
		st = app_text_edit(a, t, id, field, value);
	}
	if (!app_check(a, st))
		return false;
	app_edited(a);
	return true;
}
