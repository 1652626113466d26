/* edit_map.c - edits of a map, its stages and touchpoints, and of the
 * file's maps (their own history, see edit.h). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/edit_private.h"
#include "io/import_store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* maps, stages, touchpoints */

enum store_status edit_map_set(struct edit *e, const struct model_map *m,
			       enum store_map_field f, const char *value)
{
	const char *old[] = { m->name, m->persona, m->scenario, m->promise,
			      m->owner, m->cx_lead, m->success };
	if ((unsigned)f >= sizeof old / sizeof *old)
		return STORE_INVALID;
	struct op o = edit_op_text_new(T_MAP, m->id, f, old[f], value);
	edit_op_check(&o, m->rev);
	return edit_one(e, N_("edit the map"), &o);
}

enum store_status edit_stage_add(struct edit *e, const struct model_map *m,
				 size_t pos, const char *name, int64_t *id)
{
	int64_t new_id = 0;
	edit_step_begin(e, N_("add a stage"));
	if (e->status == STORE_OK)
		e->status = store_stage_add(e->store, m->id, pos, name, &new_id);
	if (e->status == STORE_OK) {
		struct op o = { .kind = OP_EXISTS, .target = T_STAGE,
				.id = new_id, .exists_after = true,
				.parent = { m->id, m->id },
				.pos = { pos, pos } };
		o.snap.stage.id = new_id;
		o.snap.stage.name = xstrdup(name);
		o.snap.stage.description = xstrdup("");
		o.snap.stage.touchpoints = xcalloc(1, sizeof (struct model_touchpoint));
		edit_record_created(e, &o);
	}
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_stage_set(struct edit *e, const struct model_map *m,
				 int64_t id, enum store_stage_field f,
				 const char *value)
{
	const struct model_stage *sg = model_stage(m, id);
	if (!sg)
		return STORE_MISSING;
	struct op o = edit_op_text_new(T_STAGE, id, f,
				       f == STORE_STAGE_NAME ? sg->name
							     : sg->description,
				       value);
	edit_op_check(&o, sg->rev);
	return edit_one(e, N_("edit the stage"), &o);
}

enum store_status edit_stage_move(struct edit *e, const struct model_map *m,
				  int64_t id, size_t pos)
{
	const struct model_stage *sg = model_stage(m, id);
	if (!sg)
		return STORE_MISSING;
	size_t from = (size_t)(sg - m->stages);
	if (pos >= m->nstages)
		pos = m->nstages - 1;
	struct op o = { .kind = OP_MOVE, .target = T_STAGE, .id = id,
			.pos = { from, pos } };
	edit_op_check(&o, m->stages[from].rev);
	return edit_one(e, N_("move"), &o);
}

/* Records the deletion of what hangs on a touchpoint or stage -- gaps,
 * silos, metrics, voices, actions, decisions -- so undo brings it back
 * too. */
static void delete_records(struct edit *e, const struct model_map *m,
			   int64_t stage_id, int64_t tp_id)
{
	struct edit_gone g = { 0 };
	if (stage_id)
		edit_gone_add(&g.stages, &g.nstages, stage_id);
	if (tp_id)
		edit_gone_add(&g.tps, &g.ntps, tp_id);
	edit_gone_run(e, m, &g);
}

enum store_status edit_stage_delete(struct edit *e, const struct model_map *m,
				    int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	if (!sg)
		return STORE_MISSING;
	size_t i = (size_t)(sg - m->stages);
	edit_step_begin(e, N_("delete"));
	delete_records(e, m, id, 0);	/* its touchpoints' too */
	struct op o = { .kind = OP_EXISTS, .target = T_STAGE, .id = id,
			.exists_after = false, .parent = { m->id, m->id },
			.pos = { i, i } };
	edit_op_check(&o, model_stage_version(sg));
	model_stage_copy(&o.snap.stage, sg);
	edit_step_run(e, &o);
	return edit_step_end(e);
}

enum store_status edit_tp_add(struct edit *e, const struct model_map *m,
			      int64_t stage_id, size_t pos, const char *name,
			      int64_t *id)
{
	int64_t new_id = 0;
	edit_step_begin(e, N_("add a touchpoint"));
	if (e->status == STORE_OK)
		e->status = store_tp_add(e->store, stage_id, pos, name, &new_id);
	if (e->status == STORE_OK) {
		const struct model_stage *sg = model_stage(m, stage_id);
		size_t p = sg && pos > sg->ntouchpoints ? sg->ntouchpoints : pos;
		struct op o = { .kind = OP_EXISTS, .target = T_TP, .id = new_id,
				.exists_after = true,
				.parent = { stage_id, stage_id },
				.pos = { p, p } };
		struct model_touchpoint *t = &o.snap.tp;
		t->id = new_id;
		t->stage_id = stage_id;
		t->name = xstrdup(name);
		t->channel = xstrdup("");
		t->notes = xstrdup("");
		t->contributors = xmalloc(sizeof *t->contributors);
		edit_record_created(e, &o);
	}
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_tp_set(struct edit *e, const struct model_map *m,
			      int64_t id, enum store_tp_field f,
			      const char *value)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	if (!t)
		return STORE_MISSING;
	/* a touchpoint's metrics are items of their own (edit_item_*) */
	const char *old[] = { t->name, t->channel, t->notes };
	if ((unsigned)f >= sizeof old / sizeof *old)
		return STORE_INVALID;
	struct op o = edit_op_text_new(T_TP, id, f, old[f], value);
	edit_op_check(&o, t->rev);
	return edit_one(e, N_("edit the touchpoint"), &o);
}

enum store_status edit_tp_set_emotion(struct edit *e,
				      const struct model_map *m, int64_t id,
				      bool has_emotion, int emotion)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	if (!t)
		return STORE_MISSING;
	struct op o = { .kind = OP_EMOTION, .target = T_TP, .id = id,
			.num = { t->has_emotion ? t->emotion : EDIT_UNSET,
				 has_emotion ? emotion : EDIT_UNSET } };
	edit_op_check(&o, t->rev);
	return edit_one(e, N_("set the emotion"), &o);
}

enum store_status edit_tp_set_owner(struct edit *e, const struct model_map *m,
				    int64_t id, int64_t dept_id)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	if (!t)
		return STORE_MISSING;
	struct op o = { .kind = OP_OWNER, .target = T_TP, .id = id,
			.num = { t->owner_id, dept_id } };
	edit_op_check(&o, t->rev);
	return edit_one(e, N_("set the owner"), &o);
}

enum store_status edit_tp_set_contributor(struct edit *e,
					  const struct model_map *m,
					  int64_t id, int64_t dept_id, bool on)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	if (!t)
		return STORE_MISSING;
	bool was = false;
	for (size_t i = 0; i < t->ncontributors; i++)
		was |= t->contributors[i] == dept_id;
	if (was == on)
		return STORE_OK;	/* nothing to change, nothing to undo */
	struct op o = { .kind = OP_CONTRIB, .target = T_TP, .id = id,
			.dept = dept_id, .num = { was, on }, .before = t->rev };
	return edit_one(e, N_("change the contributors"), &o);
}

enum store_status edit_tp_move(struct edit *e, const struct model_map *m,
			       int64_t id, int64_t stage_id, size_t pos)
{
	size_t si = 0;
	const struct model_touchpoint *t = model_touchpoint(m, id, &si);
	const struct model_stage *to = model_stage(m, stage_id);
	if (!t || !to)
		return STORE_MISSING;
	size_t from = (size_t)(t - m->stages[si].touchpoints);
	size_t n = to->ntouchpoints - (to->id == t->stage_id ? 1 : 0);
	struct op o = { .kind = OP_MOVE, .target = T_TP, .id = id,
			.parent = { t->stage_id, stage_id },
			.pos = { from, pos > n ? n : pos } };
	edit_op_check(&o, t->rev);
	return edit_one(e, N_("move"), &o);
}

enum store_status edit_tp_delete(struct edit *e, const struct model_map *m,
				 int64_t id)
{
	size_t si = 0;
	const struct model_touchpoint *t = model_touchpoint(m, id, &si);
	if (!t)
		return STORE_MISSING;
	size_t pos = (size_t)(t - m->stages[si].touchpoints);
	edit_step_begin(e, N_("delete"));
	delete_records(e, m, 0, id);
	struct op o = { .kind = OP_EXISTS, .target = T_TP, .id = id,
			.exists_after = false,
			.parent = { t->stage_id, t->stage_id },
			.pos = { pos, pos } };
	edit_op_check(&o, t->rev);
	model_touchpoint_copy(&o.snap.tp, t);
	edit_step_run(e, &o);
	return edit_step_end(e);
}

/* ------------------------------------------------------------------ */
/* the file's maps: their own history (see edit.h) */

static void file_step_begin(struct edit *e, const char *label)
{
	edit_step_begin(e, label);
	if (e->depth == 1)
		e->open_hist = EDIT_FILE;
}

static void step_append(struct edit *e, struct op *o)
{
	edit_change_note(e, o, o->kind == OP_EXISTS);
	struct step *st = e->open;
	st->ops = xgrow(st->ops, &st->cap, st->nops + 1, sizeof *st->ops);
	st->ops[st->nops++] = *o;
}

/* Records a map the open step has just made: a snapshot of it, for redo,
 * and the version all its rows have at most (the step's last change). */
static void record_map_created(struct edit *e, int64_t id)
{
	struct model_map *m = NULL;
	if (e->status == STORE_OK)
		e->status = store_map_load(e->store, id, &m);
	if (e->status != STORE_OK)
		return;
	struct op o = { .kind = OP_EXISTS, .target = T_MAP, .id = id,
			.exists_after = true,
			.base = store_pending_change(e->store),
			.logical = m->rev };
	o.snap.map = m;
	edit_known_put(e, T_MAP, id, m->rev, m->rev);
	step_append(e, &o);
}

enum store_status edit_map_create(struct edit *e, const char *name,
				  int64_t *id)
{
	int64_t new_id = 0;
	file_step_begin(e, N_("add a map"));
	if (e->status == STORE_OK)
		e->status = store_map_create(e->store, name, &new_id);
	record_map_created(e, new_id);
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_map_copy(struct edit *e, int64_t id, const char *name,
				int64_t *new_id)
{
	int64_t to = 0;
	file_step_begin(e, N_("copy a map"));
	if (e->status == STORE_OK)
		e->status = store_map_copy(e->store, id, name, &to);
	record_map_created(e, to);
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && new_id)
		*new_id = to;
	return rc;
}

enum store_status edit_map_import(struct edit *e, const struct model_map *m,
				  const char *name, int64_t *id)
{
	int64_t new_id = 0;
	file_step_begin(e, N_("add a map"));
	/* the departments the import will create go with it on undo */
	bool *fresh = xcalloc(m->ndepartments + 1, sizeof *fresh);
	for (size_t i = 0; i < m->ndepartments; i++) {
		int64_t d;
		fresh[i] = store_dept_find_exact(e->store, m->departments[i].name,
						 &d) == STORE_MISSING;
	}
	if (e->status == STORE_OK)
		e->status = import_store_map(e->store, m, name, &new_id);
	for (size_t i = 0; e->status == STORE_OK && i < m->ndepartments; i++) {
		int64_t d = 0;
		if (!fresh[i] || store_dept_find_exact(e->store,
						       m->departments[i].name,
						       &d) != STORE_OK)
			continue;
		struct op o = { .kind = OP_EXISTS, .target = T_DEPT, .id = d,
				.exists_after = true };
		e->status = store_dept_get(e->store, d, &o.snap.dept);
		if (e->status == STORE_OK)
			step_append(e, &o);
	}
	free(fresh);
	record_map_created(e, new_id);
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_map_delete(struct edit *e, int64_t id, int64_t version)
{
	struct op o = { .kind = OP_EXISTS, .target = T_MAP, .id = id,
			.exists_after = false, .checked = true,
			.rev = { STORE_REV_ANY, version } };
	file_step_begin(e, N_("delete a map"));
	edit_step_run(e, &o);
	return edit_step_end(e);
}

enum store_status edit_map_rename(struct edit *e, int64_t id, int64_t rev,
				  const char *old, const char *name)
{
	struct op o = edit_op_text_new(T_MAP, id, STORE_MAP_NAME, old, name);
	edit_op_check(&o, rev);
	file_step_begin(e, N_("rename a map"));
	edit_step_run(e, &o);
	return edit_step_end(e);
}
