/* edit_items.c - edits of metrics, voices, actions and decisions on
 * findings, moments of truth, and what goes with a deleted stage,
 * touchpoint, gap or silo (so that undo brings it back). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/edit_private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* items as snapshots */

int64_t edit_snap_rev(const struct op *o)
{
	switch (o->target) {
	case T_STAGE: return o->snap.stage.rev;
	case T_TP: return o->snap.tp.rev;
	case T_METRIC: return o->snap.metric.rev;
	case T_VOICE: return o->snap.voice.rev;
	case T_ACTION: return o->snap.action.rev;
	default: return STORE_REV_ANY;
	}
}

void edit_snap_set_rev(struct op *o, int64_t rev)
{
	switch (o->target) {
	case T_STAGE: o->snap.stage.rev = rev; break;
	case T_TP: o->snap.tp.rev = rev; break;
	case T_METRIC: o->snap.metric.rev = rev; break;
	case T_VOICE: o->snap.voice.rev = rev; break;
	case T_ACTION: o->snap.action.rev = rev; break;
	default: break;
	}
}

/* A snapshot of the item in o (o->target says which kind). */
static void item_snap(struct op *o, const void *item)
{
	switch (o->target) {
	case T_METRIC: model_metric_copy(&o->snap.metric, item); break;
	case T_VOICE: model_voice_copy(&o->snap.voice, item); break;
	case T_ACTION: model_action_copy(&o->snap.action, item); break;
	default: break;
	}
}

static void item_snap_clear(struct op *o)
{
	switch (o->target) {
	case T_METRIC: model_metric_clear(&o->snap.metric); break;
	case T_VOICE: model_voice_clear(&o->snap.voice); break;
	case T_ACTION: model_action_clear(&o->snap.action); break;
	default: break;
	}
}

static void item_snap_id(struct op *o, int64_t id)
{
	switch (o->target) {
	case T_METRIC: o->snap.metric.id = id; break;
	case T_VOICE: o->snap.voice.id = id; break;
	case T_ACTION: o->snap.action.id = id; break;
	case T_DECISION: o->snap.decision.id = id; break;
	default: break;
	}
}

/* ------------------------------------------------------------------ */
/* where an item is on the board (edit_focus) */

static void ref_place(const struct model_map *m, struct model_ref r,
		      int64_t *tp, int64_t *stage, int depth)
{
	const struct model_gap *g;
	const struct model_silo *o;
	const struct model_metric *v;
	const struct model_action *a;
	switch (r.kind) {
	case MODEL_REF_STAGE: *stage = r.id; break;
	case MODEL_REF_TOUCHPOINT: *tp = r.id; break;
	case MODEL_REF_GAP:
		if ((g = model_gap(m, r.id))) {
			*tp = g->touchpoint_id;
			*stage = g->stage_id;
		}
		break;
	case MODEL_REF_SILO:
		if ((o = model_silo(m, r.id)))
			*tp = o->touchpoint_id;
		break;
	case MODEL_REF_METRIC:
		if ((v = plan_metric(m, r.id)))
			*tp = v->touchpoint_id;
		break;
	case MODEL_REF_ACTION:
		if (depth == 0 && (a = plan_action(m, r.id)))
			ref_place(m, a->fixes, tp, stage, 1);
		break;
	default: break;
	}
}

static void item_place(const struct model_map *m, struct op *o,
		       const void *item)
{
	struct model_ref r = { MODEL_REF_NONE, 0 };
	switch (o->target) {
	case T_METRIC:
		r = (struct model_ref){ MODEL_REF_TOUCHPOINT,
			((const struct model_metric *)item)->touchpoint_id };
		break;
	case T_VOICE: r = ((const struct model_voice *)item)->about; break;
	case T_ACTION: r = ((const struct model_action *)item)->fixes; break;
	case T_DECISION: {
		const struct model_decision *d = item;
		for (int i = 0; i < 2 && !o->at_tp && !o->at_stage; i++)
			ref_place(m, d->subject[i], &o->at_tp, &o->at_stage, 0);
		return;
	}
	default: break;
	}
	ref_place(m, r, &o->at_tp, &o->at_stage, 0);
}

/* ------------------------------------------------------------------ */
/* metrics, voices, actions */

static const char *const add_label[PLAN_NITEMS] = {
	N_("add a metric"), N_("add a voice"), N_("add an action")
};
static const char *const set_label[PLAN_NITEMS] = {
	N_("edit the metric"), N_("edit the voice"), N_("edit the action")
};

static bool item_kind_ok(enum plan_item k)
{
	return (int)k >= 0 && (int)k < PLAN_NITEMS;
}

enum store_status edit_item_add(struct edit *e, const struct model_map *m,
				enum plan_item k, const void *item,
				int64_t *id)
{
	if (!item_kind_ok(k) || !item)
		return STORE_INVALID;
	int64_t new_id = 0;
	struct op o = { .kind = OP_EXISTS, .target = T_ITEM(k),
			.map_id = m->id, .exists_after = true };
	/* the snapshot is what goes in, creation time included, so that
	 * redo brings back the very same item */
	item_snap(&o, item);
	if (k == PLAN_ACTION && !o.snap.action.created)
		o.snap.action.created = clock_now();
	item_place(m, &o, item);
	edit_step_begin(e, add_label[k]);
	if (e->status == STORE_OK)
		e->status = store_item_add(e->store, k, m->id, &o.snap, &new_id);
	if (e->status == STORE_OK) {
		o.id = new_id;
		item_snap_id(&o, new_id);
		edit_record_created(e, &o);
	} else {
		item_snap_clear(&o);
	}
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_item_set(struct edit *e, const struct model_map *m,
				enum plan_item k, int64_t id, int field,
				const char *value)
{
	if (!item_kind_ok(k) || field < 0 || (size_t)field >= plan_nfields(k))
		return STORE_INVALID;
	const void *item = plan_item_find(m, k, id);
	if (!item)
		return STORE_MISSING;
	if (plan_check(k, field, value))
		return STORE_INVALID;	/* the form says why */
	char *old = plan_get(k, item, field);
	if (strcmp(old, value) == 0) {
		free(old);	/* a form saving what it showed: no step */
		return STORE_OK;
	}
	struct op o = edit_op_text_new(T_ITEM(k), id, field, old, value);
	free(old);
	o.map_id = m->id;
	item_place(m, &o, item);
	edit_op_check(&o, plan_item_rev(k, item));
	return edit_one(e, set_label[k], &o);
}

/* Records the deletion of one metric, voice or action (checked against
 * the version the person saw). */
static void item_delete_op(struct edit *e, const struct model_map *m,
			   enum plan_item k, const void *item, int64_t id)
{
	struct op o = { .kind = OP_EXISTS, .target = T_ITEM(k), .id = id,
			.map_id = m->id };
	edit_op_check(&o, plan_item_rev(k, item));
	item_snap(&o, item);
	item_place(m, &o, item);
	edit_step_run(e, &o);
}

enum store_status edit_item_delete(struct edit *e, const struct model_map *m,
				   enum plan_item k, int64_t id)
{
	if (!item_kind_ok(k))
		return STORE_INVALID;
	const void *item = plan_item_find(m, k, id);
	if (!item)
		return STORE_MISSING;
	/* the decisions on it stay in the file, unseen while it is gone
	 * (store_load_decisions), and show again when it comes back */
	edit_step_begin(e, N_("delete"));
	item_delete_op(e, m, k, item, id);
	return edit_step_end(e);
}

enum store_status edit_tp_set_moment(struct edit *e, const struct model_map *m,
				     int64_t id, bool moment)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	if (!t)
		return STORE_MISSING;
	if (t->moment == moment)
		return STORE_OK;	/* nothing to change, nothing to undo */
	struct op o = { .kind = OP_MOMENT, .target = T_TP, .id = id,
			.num = { t->moment, moment } };
	edit_op_check(&o, t->rev);
	return edit_one(e, moment ? N_("mark a moment of truth")
				  : N_("unmark the moment of truth"), &o);
}

/* ------------------------------------------------------------------ */
/* decisions on findings */

enum store_status edit_decision_add(struct edit *e, const struct model_map *m,
				    const struct model_decision *d,
				    int64_t *id)
{
	if (!d || !d->finding)
		return STORE_INVALID;
	int64_t new_id = 0;
	struct op o = { .kind = OP_EXISTS, .target = T_DECISION,
			.map_id = m->id, .exists_after = true };
	/* who and when are settled here, so that redo keeps them */
	model_decision_copy(&o.snap.decision, d);
	if (!o.snap.decision.who || !*o.snap.decision.who) {
		free(o.snap.decision.who);
		o.snap.decision.who = xstrdup(store_user(e->store));
	}
	if (!o.snap.decision.at)
		o.snap.decision.at = clock_now();
	item_place(m, &o, d);
	edit_step_begin(e, d->decision == MODEL_DECISION_ACCEPTED
			   ? N_("accept the finding")
			   : N_("dismiss the finding"));
	if (e->status == STORE_OK)
		e->status = store_decision_add(e->store, m->id,
					       &o.snap.decision, &new_id);
	if (e->status == STORE_OK) {
		o.id = new_id;
		item_snap_id(&o, new_id);
		edit_record_created(e, &o);
	} else {
		model_decision_clear(&o.snap.decision);
	}
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_decision_delete(struct edit *e,
				       const struct model_map *m, int64_t id)
{
	const struct model_decision *d = plan_decision(m, id);
	if (!d)
		return STORE_MISSING;
	struct op o = { .kind = OP_EXISTS, .target = T_DECISION, .id = id,
			.map_id = m->id };
	model_decision_copy(&o.snap.decision, d);
	item_place(m, &o, d);
	return edit_one(e, N_("take back the decision"), &o);
}

/* ------------------------------------------------------------------ */
/* what goes with a deleted stage, touchpoint, gap or silo */

static bool has(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; id && i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

void edit_gone_add(int64_t **v, size_t *n, int64_t id)
{
	if (has(*v, *n, id))
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = id;
}

static bool ref_gone(const struct edit_gone *g, struct model_ref r)
{
	switch (r.kind) {
	case MODEL_REF_STAGE: return has(g->stages, g->nstages, r.id);
	case MODEL_REF_TOUCHPOINT: return has(g->tps, g->ntps, r.id);
	case MODEL_REF_GAP: return has(g->gaps, g->ngaps, r.id);
	case MODEL_REF_SILO: return has(g->silos, g->nsilos, r.id);
	default: return false;
	}
}

/* Everything that goes with g's stages, touchpoints, gaps and silos. */
static void gone_close(const struct model_map *m, struct edit_gone *g)
{
	for (size_t i = 0; i < m->nstages; i++)
		if (has(g->stages, g->nstages, m->stages[i].id))
			for (size_t j = 0; j < m->stages[i].ntouchpoints; j++)
				edit_gone_add(&g->tps, &g->ntps,
					      m->stages[i].touchpoints[j].id);
	for (size_t i = 0; i < m->ngaps; i++)
		if (has(g->stages, g->nstages, m->gaps[i].stage_id) ||
		    has(g->tps, g->ntps, m->gaps[i].touchpoint_id))
			edit_gone_add(&g->gaps, &g->ngaps, m->gaps[i].id);
	for (size_t i = 0; i < m->nsilos; i++)
		if (has(g->tps, g->ntps, m->silos[i].touchpoint_id))
			edit_gone_add(&g->silos, &g->nsilos, m->silos[i].id);
}

static void gone_free(struct edit_gone *g)
{
	free(g->stages);
	free(g->tps);
	free(g->gaps);
	free(g->silos);
	memset(g, 0, sizeof *g);
}

static void gone_records(struct edit *e, const struct model_map *m,
			 const struct edit_gone *g)
{
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *r = &m->gaps[i];
		if (!has(g->gaps, g->ngaps, r->id))
			continue;
		struct op o = { .kind = OP_EXISTS, .target = T_GAP,
				.id = r->id, .map_id = m->id };
		model_gap_copy(&o.snap.gap, r);
		edit_step_run(e, &o);
	}
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *r = &m->silos[i];
		if (!has(g->silos, g->nsilos, r->id))
			continue;
		struct op o = { .kind = OP_EXISTS, .target = T_SILO,
				.id = r->id, .map_id = m->id };
		model_silo_copy(&o.snap.silo, r);
		edit_step_run(e, &o);
	}
}

/* Deletes first what refers to the rest (actions and voices, then
 * metrics, gaps and silos): undo runs the step backwards, so each comes
 * back after what it refers to.  Decisions on what goes stay in the
 * file, unseen while it is gone (store_load_decisions). */
void edit_gone_run(struct edit *e, const struct model_map *m,
		   struct edit_gone *g)
{
	gone_close(m, g);
	for (size_t i = 0; i < m->nactions; i++)
		if (ref_gone(g, m->actions[i].fixes))
			item_delete_op(e, m, PLAN_ACTION, &m->actions[i],
				       m->actions[i].id);
	for (size_t i = 0; i < m->nvoices; i++)
		if (ref_gone(g, m->voices[i].about))
			item_delete_op(e, m, PLAN_VOICE, &m->voices[i],
				       m->voices[i].id);
	for (size_t i = 0; i < m->nmetrics; i++)
		if (has(g->tps, g->ntps, m->metrics[i].touchpoint_id))
			item_delete_op(e, m, PLAN_METRIC, &m->metrics[i],
				       m->metrics[i].id);
	gone_records(e, m, g);
	gone_free(g);
}
