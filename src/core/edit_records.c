/* edit_records.c - edits of the gaps, silos and departments. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/edit_private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* gaps and silos */

enum store_status edit_gap_add(struct edit *e, const struct model_map *m,
			       int64_t stage_id, int64_t touchpoint_id,
			       const char *description,
			       enum model_severity severity, int64_t *id)
{
	int64_t new_id = 0;
	edit_step_begin(e, N_("record a gap"));
	if (e->status == STORE_OK)
		e->status = store_gap_add(e->store, m->id, stage_id,
					  touchpoint_id, description, severity,
					  &new_id);
	if (e->status == STORE_OK) {
		struct op o = { .kind = OP_EXISTS, .target = T_GAP,
				.id = new_id, .map_id = m->id,
				.exists_after = true };
		o.snap.gap = (struct model_gap){ .id = new_id,
			.stage_id = stage_id, .touchpoint_id = touchpoint_id,
			.description = xstrdup(description),
			.severity = severity, .status = MODEL_OPEN,
			.created = clock_now() };
		edit_record_created(e, &o);
	}
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

/* A gap's or silo's description and status: what the edits below share
 * (a gap also has a severity, a silo two departments). */
static bool record_get(const struct model_map *m, enum op_target t,
		       int64_t id, const char **description,
		       enum model_status *status)
{
	const struct model_gap *g = t == T_GAP ? model_gap(m, id) : NULL;
	const struct model_silo *o = t == T_SILO ? model_silo(m, id) : NULL;
	if (!g && !o)
		return false;
	*description = g ? g->description : o->description;
	*status = g ? g->status : o->status;
	return true;
}

static enum store_status record_set_description(struct edit *e,
						const struct model_map *m,
						enum op_target t, int64_t id,
						const char *value,
						const char *label)
{
	const char *old;
	enum model_status status;
	if (!record_get(m, t, id, &old, &status))
		return STORE_MISSING;
	struct op o = edit_op_text_new(t, id, 0, old, value);
	return edit_one(e, label, &o);
}

/* label[0] says "open again", label[1] "resolve". */
static enum store_status record_set_status(struct edit *e,
					   const struct model_map *m,
					   enum op_target t, int64_t id,
					   enum model_status status,
					   const char *const label[2])
{
	const char *description;
	enum model_status old;
	if (!record_get(m, t, id, &description, &old))
		return STORE_MISSING;
	struct op o = { .kind = OP_STATUS, .target = t, .id = id,
			.num = { old, status } };
	return edit_one(e, label[status == MODEL_RESOLVED], &o);
}

enum store_status edit_gap_set_description(struct edit *e,
					   const struct model_map *m,
					   int64_t id, const char *value)
{
	return record_set_description(e, m, T_GAP, id, value,
				      N_("edit the gap"));
}

enum store_status edit_gap_set_severity(struct edit *e,
					const struct model_map *m, int64_t id,
					enum model_severity severity)
{
	const struct model_gap *g = model_gap(m, id);
	if (!g)
		return STORE_MISSING;
	struct op o = { .kind = OP_SEVERITY, .target = T_GAP, .id = id,
			.num = { g->severity, severity } };
	return edit_one(e, N_("change the severity of the gap"), &o);
}

enum store_status edit_gap_set_status(struct edit *e, const struct model_map *m,
				      int64_t id, enum model_status status)
{
	static const char *const label[2] = { N_("open the gap again"),
					       N_("resolve the gap") };
	return record_set_status(e, m, T_GAP, id, status, label);
}

enum store_status edit_gap_delete(struct edit *e, const struct model_map *m,
				  int64_t id)
{
	if (!model_gap(m, id))
		return STORE_MISSING;
	/* its voices, actions and decisions go with it */
	struct edit_gone g = { 0 };
	edit_gone_add(&g.gaps, &g.ngaps, id);
	edit_step_begin(e, N_("delete"));
	edit_gone_run(e, m, &g);
	return edit_step_end(e);
}

enum store_status edit_silo_add(struct edit *e, const struct model_map *m,
				int64_t dept_a, int64_t dept_b,
				int64_t touchpoint_id, const char *description,
				int64_t *id)
{
	int64_t new_id = 0;
	edit_step_begin(e, N_("record a silo"));
	if (e->status == STORE_OK)
		e->status = store_silo_add(e->store, m->id, dept_a, dept_b,
					   touchpoint_id, description, &new_id);
	if (e->status == STORE_OK) {
		struct op o = { .kind = OP_EXISTS, .target = T_SILO,
				.id = new_id, .map_id = m->id,
				.exists_after = true };
		o.snap.silo = (struct model_silo){ .id = new_id,
			.dept_a = dept_a, .dept_b = dept_b,
			.touchpoint_id = touchpoint_id,
			.description = xstrdup(description),
			.status = MODEL_OPEN, .created = clock_now() };
		edit_record_created(e, &o);
	}
	enum store_status rc = edit_step_end(e);
	if (rc == STORE_OK && id)
		*id = new_id;
	return rc;
}

enum store_status edit_silo_set_description(struct edit *e,
					    const struct model_map *m,
					    int64_t id, const char *value)
{
	return record_set_description(e, m, T_SILO, id, value,
				      N_("edit the silo"));
}

enum store_status edit_silo_set_status(struct edit *e,
				       const struct model_map *m, int64_t id,
				       enum model_status status)
{
	static const char *const label[2] = { N_("open the silo again"),
					       N_("resolve the silo") };
	return record_set_status(e, m, T_SILO, id, status, label);
}

enum store_status edit_silo_delete(struct edit *e, const struct model_map *m,
				   int64_t id)
{
	if (!model_silo(m, id))
		return STORE_MISSING;
	/* its actions and decisions go with it */
	struct edit_gone g = { 0 };
	edit_gone_add(&g.silos, &g.nsilos, id);
	edit_step_begin(e, N_("delete"));
	edit_gone_run(e, m, &g);
	return edit_step_end(e);
}

/* ------------------------------------------------------------------ */
/* departments */

enum store_status edit_dept_find_or_create(struct edit *e, const char *name,
					   int64_t *id)
{
	if (store_dept_find(e->store, name, id) == STORE_OK)
		return STORE_OK;
	edit_step_begin(e, N_("add a department"));
	if (e->status == STORE_OK)
		e->status = store_dept_create(e->store, name, id);
	if (e->status == STORE_OK) {
		struct op o = { .kind = OP_EXISTS, .target = T_DEPT, .id = *id,
				.exists_after = true };
		e->status = store_dept_get(e->store, *id, &o.snap.dept);
		if (e->status == STORE_OK)
			edit_record_created(e, &o);
	}
	return edit_step_end(e);
}

static const struct model_department *dept(const struct model_map *m,
					   int64_t id)
{
	return model_department(m, id);
}

enum store_status edit_dept_rename(struct edit *e, const struct model_map *m,
				   int64_t id, const char *name)
{
	const struct model_department *d = dept(m, id);
	if (!d)
		return STORE_MISSING;
	struct op o = edit_op_text_new(T_DEPT, id, 0, d->name, name);
	return edit_one(e, N_("edit the department"), &o);
}

enum store_status edit_dept_set_label(struct edit *e,
				      const struct model_map *m, int64_t id,
				      const char *label)
{
	const struct model_department *d = dept(m, id);
	if (!d)
		return STORE_MISSING;
	struct op o = edit_op_text_new(T_DEPT, id, 1, d->label, label);
	return edit_one(e, N_("edit the department"), &o);
}

enum store_status edit_dept_set_colour(struct edit *e,
				       const struct model_map *m, int64_t id,
				       int colour)
{
	const struct model_department *d = dept(m, id);
	if (!d)
		return STORE_MISSING;
	struct op o = { .kind = OP_COLOUR, .target = T_DEPT, .id = id,
			.num = { d->colour, colour } };
	return edit_one(e, N_("edit the department"), &o);
}

enum store_status edit_dept_delete(struct edit *e, const struct model_map *m,
				   int64_t id)
{
	const struct model_department *d = dept(m, id);
	if (!d)
		return STORE_MISSING;
	struct op o = { .kind = OP_EXISTS, .target = T_DEPT, .id = id };
	model_department_copy(&o.snap.dept, d);
	return edit_one(e, N_("delete"), &o);
}
