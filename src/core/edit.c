/* edit.c - changes with undo and redo: steps, applying them both ways,
 * conflicts.  The edits themselves are in edit_map.c, edit_records.c and
 * edit_items.c; what the four share is in edit_private.h.
 *
 * A step is a list of operations.  Each operation knows its "before" and
 * "after" and is applied through the store; redo applies a step's
 * operations in order, undo in reverse.  Deleted items are kept as model
 * snapshots and come back under their own ids (ids are never reused). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/edit_private.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */

static void op_clear(struct op *o)
{
	free(o->text[0]);
	free(o->text[1]);
	if (o->kind == OP_EXISTS) {
		switch (o->target) {
		case T_STAGE: model_stage_clear(&o->snap.stage); break;
		case T_TP: model_touchpoint_clear(&o->snap.tp); break;
		case T_GAP: free(o->snap.gap.description); break;
		case T_SILO: free(o->snap.silo.description); break;
		case T_DEPT:
			free(o->snap.dept.name);
			free(o->snap.dept.label);
			break;
		case T_MAP: model_map_free(o->snap.map); break;
		case T_METRIC: model_metric_clear(&o->snap.metric); break;
		case T_VOICE: model_voice_clear(&o->snap.voice); break;
		case T_ACTION: model_action_clear(&o->snap.action); break;
		case T_DECISION:
			model_decision_clear(&o->snap.decision);
			break;
		}
	}
}

static void step_clear(struct step *s)
{
	for (size_t i = 0; i < s->nops; i++)
		op_clear(&s->ops[i]);
	free(s->ops);
	free(s->label);
	memset(s, 0, sizeof *s);
}

static void stack_clear(struct step *v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		step_clear(&v[i]);
	*n = 0;
}

struct edit *edit_new(struct store *s)
{
	struct edit *e = xcalloc(1, sizeof *e);
	e->store = s;
	return e;
}

/* The versions this session gave items are kept: the file history may
 * still undo a map's creation, which compares them. */
void edit_clear(struct edit *e)
{
	struct history *h = &e->hist[EDIT_MAP];
	stack_clear(h->undo, &h->nundo);
	stack_clear(h->redo, &h->nredo);
}

void edit_free(struct edit *e)
{
	if (!e)
		return;
	for (int i = 0; i < 2; i++) {
		struct history *h = &e->hist[i];
		stack_clear(h->undo, &h->nundo);
		stack_clear(h->redo, &h->nredo);
		free(h->undo);
		free(h->redo);
	}
	free(e->known);
	free(e->pend);
	free(e->changed.stage_ids);
	free(e->changed.tp_ids);
	free(e->changed.gap_ids);
	free(e->changed.silo_ids);
	free(e->changed.new_tp_ids);
	free(e);
}

bool edit_can_undo(const struct edit *e)
{
	return e->hist[EDIT_MAP].nundo > 0;
}

bool edit_can_redo(const struct edit *e)
{
	return e->hist[EDIT_MAP].nredo > 0;
}

int64_t edit_focus(const struct edit *e, bool *is_touchpoint)
{
	*is_touchpoint = e->focus_tp;
	return e->focus_id;
}

int64_t edit_focus_map(const struct edit *e)
{
	return e->focus_map;
}

const char *edit_undo_label_in(const struct edit *e, enum edit_history w)
{
	const struct history *h = &e->hist[w];
	return h->nundo ? h->undo[h->nundo - 1].label : NULL;
}

const char *edit_redo_label_in(const struct edit *e, enum edit_history w)
{
	const struct history *h = &e->hist[w];
	return h->nredo ? h->redo[h->nredo - 1].label : NULL;
}

const char *edit_undo_label(const struct edit *e)
{
	return edit_undo_label_in(e, EDIT_MAP);
}

const char *edit_redo_label(const struct edit *e)
{
	return edit_redo_label_in(e, EDIT_MAP);
}

/* ------------------------------------------------------------------ */
/* what a step wrote, for the readers of the map (edit_changed) */

static void change_reset(struct edit *e)
{
	struct edit_change *c = &e->changed;
	c->all = c->stages = c->departments = c->removed = false;
	c->places = false;
	c->nstage_ids = c->ntp_ids = c->ngap_ids = c->nsilo_ids = 0;
	c->nnew_tp_ids = 0;
	for (int k = 0; k < PLAN_NITEMS; k++)
		c->items[k] = false;
	c->decisions = false;
}

static void change_id(int64_t **v, size_t *n, size_t *cap, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == id)
			return;
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = id;
}

/* Notes what an op is about to write, either way (`creates`: it makes
 * the item, which so cannot be in a map read before). */
void edit_change_note(struct edit *e, const struct op *o, bool creates)
{
	struct edit_change *c = &e->changed;
	bool exists = o->kind == OP_EXISTS;
	/* what belongs to a stage, touchpoint, gap or silo goes with it:
	 * its lists are read again after a delete (an add or an undone
	 * delete changes none: what comes back with it comes by ops of its
	 * own); decisions show only while what they are about is there */
	if (exists && !creates && o->target >= T_STAGE &&
	    o->target <= T_SILO && o->target != T_DEPT)
		for (int k = 0; k < PLAN_NITEMS; k++)
			c->items[k] = true;
	c->decisions |= exists;
	switch (o->target) {
	case T_MAP:
		/* the map row is read again after every step anyway */
		c->all |= exists;
		break;
	case T_STAGE:
		c->stages |= exists || o->kind == OP_MOVE;
		c->removed |= exists;
		change_id(&c->stage_ids, &c->nstage_ids, &c->cap[0], o->id);
		break;
	case T_TP:
		c->removed |= exists;
		c->places |= exists || o->kind == OP_MOVE;
		change_id(&c->tp_ids, &c->ntp_ids, &c->cap[1], o->id);
		if (creates)
			change_id(&c->new_tp_ids, &c->nnew_tp_ids, &c->cap[4],
				  o->id);
		break;
	case T_GAP:
		change_id(&c->gap_ids, &c->ngap_ids, &c->cap[2], o->id);
		break;
	case T_SILO:
		change_id(&c->silo_ids, &c->nsilo_ids, &c->cap[3], o->id);
		break;
	case T_DEPT:
		c->departments = true;
		c->all |= o->kind == OP_TEXT && o->field == 0;
		break;
	case T_METRIC:
	case T_VOICE:
	case T_ACTION:
		c->items[T_PLAN(o->target)] = true;
		break;
	case T_DECISION:
		c->decisions = true;
		break;
	}
}

const struct edit_change *edit_changed(const struct edit *e)
{
	return &e->changed;
}

void edit_changed_reset(struct edit *e)
{
	change_reset(e);
}

/* ------------------------------------------------------------------ */
/* applying one operation: side 1 goes to "after", side 0 to "before" */

static enum store_status op_text(struct store *s, const struct op *o,
				 const char *v, int64_t rev)
{
	switch (o->target) {
	case T_MAP: return store_map_set(s, o->id, rev, o->field, v);
	case T_STAGE:
		return store_stage_set(s, o->id, rev, o->field, v);
	case T_TP: return store_tp_set(s, o->id, rev, o->field, v);
	case T_DEPT:
		return o->field ? store_dept_set_label(s, o->id, v)
				: store_dept_rename(s, o->id, v);
	case T_GAP: return store_gap_set_description(s, o->id, v);
	case T_SILO: return store_silo_set_description(s, o->id, v);
	case T_METRIC:
	case T_VOICE:
	case T_ACTION:
		return store_item_set(s, T_PLAN(o->target), o->id, rev,
				      o->field, v);
	case T_DECISION: break;
	}
	return STORE_INVALID;
}

static enum store_status op_create(struct store *s, struct op *o)
{
	switch (o->target) {
	case T_STAGE:
		return store_stage_restore(s, o->parent[1], o->pos[1],
					   &o->snap.stage);
	case T_TP:
		return store_tp_restore(s, o->parent[1], o->pos[1], &o->snap.tp);
	case T_GAP: return store_gap_restore(s, o->map_id, &o->snap.gap);
	case T_SILO: return store_silo_restore(s, o->map_id, &o->snap.silo);
	case T_DEPT: return store_dept_restore(s, &o->snap.dept);
	case T_MAP: return store_map_restore(s, o->snap.map);
	case T_METRIC:
	case T_VOICE:
	case T_ACTION:
		return store_item_restore(s, T_PLAN(o->target), o->map_id,
					  &o->snap);
	case T_DECISION:
		return store_decision_restore(s, o->map_id, &o->snap.decision);
	}
	return STORE_INVALID;
}

static enum store_status op_delete(struct store *s, const struct op *o,
				   int64_t version)
{
	switch (o->target) {
	case T_STAGE: return store_stage_delete(s, o->id, version);
	case T_TP: return store_tp_delete(s, o->id, version);
	case T_GAP: return store_gap_delete(s, o->id);
	case T_SILO: return store_silo_delete(s, o->id);
	case T_DEPT: return store_dept_delete(s, o->id);
	case T_METRIC:
	case T_VOICE:
	case T_ACTION:
		return store_item_delete(s, T_PLAN(o->target), o->id, version);
	case T_DECISION: return store_decision_delete(s, o->id);
	default: return STORE_INVALID;
	}
}

static enum store_status op_run(struct store *s, struct op *o, int side)
{
	int64_t v = o->num[side];
	int64_t rev = o->checked ? o->rev[side] : STORE_REV_ANY;
	switch (o->kind) {
	case OP_TEXT:
		return op_text(s, o, o->text[side], rev);
	case OP_EMOTION:
		return store_tp_set_emotion(s, o->id, rev, v != EDIT_UNSET,
					    v == EDIT_UNSET ? 0 : (int)v);
	case OP_OWNER:
		return store_tp_set_owner(s, o->id, rev, v);
	case OP_CONTRIB:
		return v ? store_tp_add_contributor(s, o->id, o->dept)
			 : store_tp_remove_contributor(s, o->id, o->dept);
	case OP_STATUS:
		return o->target == T_GAP
		       ? store_gap_set_status(s, o->id, (enum model_status)v)
		       : store_silo_set_status(s, o->id, (enum model_status)v);
	case OP_SEVERITY:
		return store_gap_set_severity(s, o->id, (enum model_severity)v);
	case OP_COLOUR:
		return store_dept_set_colour(s, o->id, (int)v);
	case OP_MOVE:
		return o->target == T_STAGE
		       ? store_stage_move(s, o->id, rev, o->pos[side])
		       : store_tp_move(s, o->id, rev, o->parent[side],
				       o->pos[side]);
	case OP_EXISTS:
		return (side == 1) == o->exists_after ? op_create(s, o)
						      : op_delete(s, o, rev);
	case OP_MOMENT:
		return store_tp_set_moment(s, o->id, rev, v != 0);
	}
	return STORE_INVALID;
}

static struct known_rev *known_in(struct known_rev *v, size_t n,
				   enum op_target t, int64_t id)
{
	for (size_t i = n; i-- > 0;)
		if (v[i].target == t && v[i].id == id)
			return &v[i];
	return NULL;
}

/* The version this session last gave an item, the open transaction's
 * writes first; STORE_REV_ANY when it never wrote it. */
static struct known_rev *known_find(struct edit *e, enum op_target t,
				     int64_t id)
{
	struct known_rev *k = known_in(e->pend, e->npend, t, id);
	return k ? k : known_in(e->known, e->nknown, t, id);
}

static int64_t known_rev(struct edit *e, enum op_target t, int64_t id)
{
	struct known_rev *k = known_find(e, t, id);
	return k ? k->rev : STORE_REV_ANY;
}

void edit_known_put(struct edit *e, enum op_target t, int64_t id,
		    int64_t rev, int64_t logical)
{
	e->pend = xgrow(e->pend, &e->cappend, e->npend + 1, sizeof *e->pend);
	e->pend[e->npend++] = (struct known_rev){ t, id, rev,
		logical == STORE_REV_ANY ? rev : logical };
}

/* Notes what the open transaction wrote, and the chain version it stands
 * for (STORE_REV_ANY: the write itself); kept only if it commits. */
static void known_note(struct edit *e, enum op_target t, int64_t id,
		       int64_t logical)
{
	edit_known_put(e, t, id, store_pending_change(e->store), logical);
}

/* The transaction is over: keep its notes if it committed. */
static void known_settle(struct edit *e, bool committed)
{
	for (size_t i = 0; committed && i < e->npend; i++) {
		struct known_rev *k = known_in(e->known, e->nknown,
					       e->pend[i].target, e->pend[i].id);
		if (!k) {
			e->known = xgrow(e->known, &e->capknown, e->nknown + 1,
					 sizeof *e->known);
			k = &e->known[e->nknown++];
		}
		*k = e->pend[i];
	}
	e->npend = 0;
}

/* Notes the versions an op gave: the item, and a restored stage's cards. */
static bool op_chained(const struct op *o)
{
	return o->kind != OP_EXISTS &&
	       (o->target == T_MAP || o->target == T_STAGE ||
		o->target == T_TP || T_IS_ITEM(o->target));
}

static void op_note(struct edit *e, const struct op *o, int side)
{
	/* an item brought back from its snapshot is, in the op chain, what
	 * it was when the snapshot was taken */
	bool restored = o->kind == OP_EXISTS && (side == 1) == o->exists_after;
	if (op_chained(o))
		known_note(e, o->target, o->id, side ? o->after : o->before);
	else if (o->target == T_TP)
		known_note(e, T_TP, o->id, restored ? o->snap.tp.rev
						    : STORE_REV_ANY);
	else if (o->target == T_STAGE)
		known_note(e, T_STAGE, o->id, restored ? o->snap.stage.rev
						       : STORE_REV_ANY);
	else if (T_IS_ITEM(o->target))
		known_note(e, o->target, o->id,
			   restored ? edit_snap_rev(o)
				    : STORE_REV_ANY);
	if (o->kind == OP_EXISTS && o->target == T_STAGE)
		for (size_t j = 0; j < o->snap.stage.ntouchpoints; j++)
			known_note(e, T_TP, o->snap.stage.touchpoints[j].id,
				   restored ? o->snap.stage.touchpoints[j].rev
					    : STORE_REV_ANY);
}

/* Deletes a map (T_MAP, OP_EXISTS), taking a snapshot of all of it in the
 * same transaction, so that undo brings back exactly what went.  The first
 * run compares the version the person saw (o->rev[side]).  Undo and redo
 * delete what this session created or restored: refused when any row of
 * the map carries someone else's change since -- a version newer than the
 * creation's that is not the one this session's own last write gave it
 * (so the map's own edits in the board, by this session, do not count). */
static enum store_status op_map_delete(struct edit *e, struct op *o,
				       int side, bool first)
{
	struct model_map *cur = NULL;
	enum store_status st = store_map_load(e->store, o->id, &cur);
	if (st != STORE_OK)
		return st;
	bool ok = first || cur->rev <= o->base ||
		  cur->rev == known_rev(e, T_MAP, o->id);
	for (size_t i = 0; !first && ok && i < cur->nstages; i++) {
		const struct model_stage *sg = &cur->stages[i];
		ok = sg->rev <= o->base || sg->rev == known_rev(e, T_STAGE, sg->id);
		for (size_t j = 0; ok && j < sg->ntouchpoints; j++) {
			const struct model_touchpoint *t = &sg->touchpoints[j];
			ok = t->rev <= o->base || t->rev == known_rev(e, T_TP, t->id);
		}
	}
	/* metrics, voices and actions have versions too */
	for (size_t i = 0; !first && ok && i < cur->nmetrics; i++)
		ok = cur->metrics[i].rev <= o->base ||
		     cur->metrics[i].rev == known_rev(e, T_METRIC,
						      cur->metrics[i].id);
	for (size_t i = 0; !first && ok && i < cur->nvoices; i++)
		ok = cur->voices[i].rev <= o->base ||
		     cur->voices[i].rev == known_rev(e, T_VOICE,
						     cur->voices[i].id);
	for (size_t i = 0; !first && ok && i < cur->nactions; i++)
		ok = cur->actions[i].rev <= o->base ||
		     cur->actions[i].rev == known_rev(e, T_ACTION,
						      cur->actions[i].id);
	if (!ok)
		st = STORE_CONFLICT;
	else
		st = store_map_delete(e->store, o->id,
				      first ? o->rev[side]
					    : model_map_version(cur));
	if (st != STORE_OK) {
		model_map_free(cur);
		return st;
	}
	struct known_rev *k = known_find(e, T_MAP, o->id);
	o->logical = k ? k->logical : cur->rev;
	model_map_free(o->snap.map);
	o->snap.map = cur;
	return STORE_OK;
}

/* Applies an op.  Going back and forth (undo, redo), a checked op expects
 * the version this session's own last write gave the item; its first run
 * expects the version the person saw. */
/* Runs an op and notes the versions it gave. */
static enum store_status op_run_noted(struct edit *e, struct op *o, int side,
				      bool first)
{
	enum store_status st = op_run(e->store, o, side);
	if (st != STORE_OK)
		return st;
	if (first)
		o->after = store_pending_change(e->store);
	op_note(e, o, side);
	return STORE_OK;
}

static enum store_status op_apply_checked(struct edit *e, struct op *o,
				  int side, bool first);

static enum store_status op_apply(struct edit *e, struct op *o, int side,
				  bool first)
{
	edit_change_note(e, o, o->kind == OP_EXISTS &&
			       (side == 1) == o->exists_after);
	if (o->kind == OP_EXISTS && o->target == T_MAP) {
		if ((side == 1) != o->exists_after)
			return op_map_delete(e, o, side, first);
		enum store_status st = op_create(e->store, o);
		if (st != STORE_OK)
			return st;
		/* every row of the map now carries this change's version */
		o->base = store_pending_change(e->store);
		edit_known_put(e, T_MAP, o->id, o->base, o->logical);
		return STORE_OK;
	}
	enum store_status st = op_apply_checked(e, o, side, first);
	if (st == STORE_CONFLICT) {
		e->conflict_target = o->target;
		e->conflict_id = o->id;
		e->conflict_since = known_rev(e, o->target, o->id);
	}
	return st;
}

static enum store_status op_apply_checked(struct edit *e, struct op *o,
				  int side, bool first)
{
	if (o->checked && !first && e->force) {
		/* the person chose to overwrite what changed meanwhile */
		o->rev[side] = STORE_REV_ANY;
		return op_run_noted(e, o, side, first);
	}
	if (o->checked && !first)
		o->rev[side] = known_rev(e, o->target, o->id);
	/* Undoing an op must find the item as that op left it: if someone
	 * else's change sits between, the item's chain version differs even
	 * when this session wrote it last. */
	if (o->checked && !first && op_chained(o)) {
		struct known_rev *k = known_find(e, o->target, o->id);
		if (k && k->logical != (side ? o->before : o->after))
			return STORE_CONFLICT;
	}
	/* a stage's delete compares the newest version among it and its
	 * cards: the newest this session gave any of them */
	if (o->checked && !first && o->kind == OP_EXISTS &&
	    o->target == T_STAGE)
		for (size_t j = 0; j < o->snap.stage.ntouchpoints; j++) {
			int64_t r = known_rev(e, T_TP,
					      o->snap.stage.touchpoints[j].id);
			if (r > o->rev[side])
				o->rev[side] = r;
		}
	return op_run_noted(e, o, side, first);
}

/* ------------------------------------------------------------------ */
/* building steps */

static void stack_push(struct step **v, size_t *n, size_t *cap,
		       struct step *s)
{
	if (*n == EDIT_DEPTH) {	/* forget the oldest */
		step_clear(&(*v)[0]);
		memmove(*v, *v + 1, (*n - 1) * sizeof **v);
		(*n)--;
	}
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = *s;
}

void edit_step_begin(struct edit *e, const char *label)
{
	if (e->depth++ > 0)
		return;
	e->open_hist = EDIT_MAP;
	change_reset(e);
	e->open = xcalloc(1, sizeof *e->open);
	e->open->label = xstrdup(label ? label : "");
	e->status = store_begin(e->store);
}

enum store_status edit_step_end(struct edit *e)
{
	if (e->depth == 0 || --e->depth > 0)
		return e->status;
	struct step *st = e->open;
	e->open = NULL;
	enum store_status rc = e->status;
	if (rc == STORE_OK)
		rc = store_commit(e->store);
	else
		store_rollback(e->store);	/* a no-op if begin failed */
	known_settle(e, rc == STORE_OK);
	struct history *h = &e->hist[e->open_hist];
	e->open_hist = EDIT_MAP;
	if (rc == STORE_OK && st->nops) {
		stack_clear(h->redo, &h->nredo);
		stack_push(&h->undo, &h->nundo, &h->capundo, st);
	} else {
		step_clear(st);
	}
	free(st);
	return rc;
}

/* Adds an operation to the open step and applies it at once. */
enum store_status edit_step_run(struct edit *e, struct op *o)
{
	if (e->status != STORE_OK) {
		op_clear(o);
		return e->status;
	}
	enum store_status rc = STORE_OK;
	if (o->kind == OP_EXISTS && o->exists_after && o->id == 0)
		rc = STORE_INVALID;	/* creations go through step_create */
	else
		rc = op_apply(e, o, 1, true);
	if (rc != STORE_OK) {
		e->status = rc;
		op_clear(o);
		return rc;
	}
	struct step *st = e->open;
	st->ops = xgrow(st->ops, &st->cap, st->nops + 1, sizeof *st->ops);
	st->ops[st->nops++] = *o;
	return STORE_OK;
}

/* One operation as its own step (or part of the open one). */
enum store_status edit_one(struct edit *e, const char *label,
			   struct op *o)
{
	edit_step_begin(e, label);
	edit_step_run(e, o);
	return edit_step_end(e);
}

static enum store_status edit_apply_step(struct edit *e, struct step *st,
					 int side)
{
	change_reset(e);
	enum store_status rc = store_begin(e->store);
	for (size_t k = 0; rc == STORE_OK && k < st->nops; k++) {
		size_t i = side ? k : st->nops - 1 - k;
		rc = op_apply(e, &st->ops[i], side, false);
	}
	if (rc == STORE_OK)
		rc = store_commit(e->store);
	else
		store_rollback(e->store);
	known_settle(e, rc == STORE_OK);
	/* the item to show: the step's last stage or touchpoint (a delete
	 * step ends with the item itself, after its gaps and silos), or
	 * the one a metric, voice, action or decision is on */
	e->focus_id = e->focus_map = 0;
	for (size_t i = st->nops; rc == STORE_OK && i-- > 0;)
		if (st->ops[i].target == T_MAP && !e->focus_map)
			e->focus_map = st->ops[i].id;
	for (size_t i = st->nops; rc == STORE_OK && i-- > 0;) {
		const struct op *o = &st->ops[i];
		if (o->target == T_TP || o->target == T_STAGE) {
			e->focus_tp = o->target == T_TP;
			e->focus_id = o->id;
			break;
		}
		if (o->at_tp || o->at_stage) {
			e->focus_tp = o->at_tp != 0;
			e->focus_id = o->at_tp ? o->at_tp : o->at_stage;
			break;
		}
	}
	return rc;
}

/* Undoes (side 0) or redoes (side 1) the newest step of a history. */
static enum store_status edit_replay(struct edit *e, enum edit_history w,
				     int side, bool force)
{
	struct history *h = &e->hist[w];
	struct step *from = side ? h->redo : h->undo;
	size_t *n = side ? &h->nredo : &h->nundo;
	if (!*n)
		return STORE_MISSING;
	struct step st = from[--*n];
	e->force = force;
	enum store_status rc = edit_apply_step(e, &st, side);
	e->force = false;
	if (rc == STORE_OK) {
		if (side)
			stack_push(&h->undo, &h->nundo, &h->capundo, &st);
		else
			stack_push(&h->redo, &h->nredo, &h->capredo, &st);
	} else if (rc == STORE_BUSY || rc == STORE_FULL || rc == STORE_IO ||
		   rc == STORE_IOUNSURE || rc == STORE_CONFLICT) {
		/* a passing trouble may be tried again; a conflict is for
		 * the person to decide: anyway, or drop it */
		(*n)++;
	} else {
		step_clear(&st);	/* the world has moved on; drop it */
	}
	return rc;
}

enum store_status edit_undo_in(struct edit *e, enum edit_history w)
{
	return edit_replay(e, w, 0, false);
}

enum store_status edit_redo_in(struct edit *e, enum edit_history w)
{
	return edit_replay(e, w, 1, false);
}

enum store_status edit_undo_anyway(struct edit *e, enum edit_history w)
{
	return edit_replay(e, w, 0, true);
}

enum store_status edit_redo_anyway(struct edit *e, enum edit_history w)
{
	return edit_replay(e, w, 1, true);
}

void edit_drop(struct edit *e, enum edit_history w, bool redo)
{
	struct history *h = &e->hist[w];
	struct step *v = redo ? h->redo : h->undo;
	size_t *n = redo ? &h->nredo : &h->nundo;
	if (*n)
		step_clear(&v[--*n]);
}

bool edit_conflict(const struct edit *e, enum store_kind *kind, int64_t *id,
		   int64_t *since)
{
	static const enum store_kind kinds[] = {
		[T_MAP] = STORE_KIND_MAP, [T_STAGE] = STORE_KIND_STAGE,
		[T_TP] = STORE_KIND_TOUCHPOINT, [T_DEPT] = STORE_KIND_DEPARTMENT,
		[T_GAP] = STORE_KIND_GAP, [T_SILO] = STORE_KIND_SILO,
		[T_METRIC] = STORE_KIND_METRIC, [T_VOICE] = STORE_KIND_VOICE,
		[T_ACTION] = STORE_KIND_ACTION,
		[T_DECISION] = STORE_KIND_DECISION,
	};
	if (!e->conflict_id)
		return false;
	*kind = kinds[e->conflict_target];
	*id = e->conflict_id;
	*since = e->conflict_since == STORE_REV_ANY ? 0 : e->conflict_since;
	return true;
}

enum store_status edit_undo(struct edit *e)
{
	return edit_undo_in(e, EDIT_MAP);
}

enum store_status edit_redo(struct edit *e)
{
	return edit_redo_in(e, EDIT_MAP);
}

/* ------------------------------------------------------------------ */
/* building ops */

/* Makes an op refuse to overwrite a change made since `rev` was read. */
void edit_op_check(struct op *o, int64_t rev)
{
	o->checked = true;
	o->rev[1] = rev;
	o->rev[0] = STORE_REV_ANY;
	o->before = rev;
}

struct op edit_op_text_new(enum op_target t, int64_t id, int field,
			   const char *before, const char *after)
{
	struct op o = { .kind = OP_TEXT, .target = t, .id = id,
			.field = field };
	o.text[0] = xstrdup(before);
	o.text[1] = xstrdup(after);
	return o;
}

/* Records a creation that the store has just made (the first run of an
 * "add" goes through the store's add function, which picks the id). */
void edit_record_created(struct edit *e, struct op *o)
{
	/* a new id: no decision of the file is about it (a new decision
	 * is one, and edit_change_note says so) */
	bool decisions = e->changed.decisions;
	edit_change_note(e, o, true);
	if (o->target != T_DECISION)
		e->changed.decisions = decisions;
	/* undoing it must not take what someone else has put in it since;
	 * the snapshot carries the version the creation gave it */
	if (o->target == T_STAGE || o->target == T_TP ||
	    T_IS_ITEM(o->target)) {
		o->checked = true;
		known_note(e, o->target, o->id, STORE_REV_ANY);
		edit_snap_set_rev(o, store_pending_change(e->store));
	}
	struct step *st = e->open;
	st->ops = xgrow(st->ops, &st->cap, st->nops + 1, sizeof *st->ops);
	st->ops[st->nops++] = *o;
}
