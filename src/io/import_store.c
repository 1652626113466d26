/* import_store.c - a parsed (or loaded) model written into a store as a
 * new map: the store API only, in one grouped transaction. */
#include <config.h>

#include <stdlib.h>

#include "io/import_json.h"
#include "io/import_store.h"
#include "util/xalloc.h"

/* The parser's limits are the store's, so what it accepts fits. */
_Static_assert(IMPORT_JSON_MAX_NAME == STORE_NAME_MAX,
	       "a name the importer takes must fit the store");
_Static_assert(IMPORT_JSON_MAX_TEXT == STORE_TEXT_MAX,
	       "a text the importer takes must fit the store");

/* New ids of the map's departments, stages and touchpoints, by position. */
struct ims_ids {
	int64_t *dept;
	int64_t *stage;
	int64_t **tp;
};

static int64_t ims_new_dept(const struct model_map *m,
			    const struct ims_ids *ids, int64_t old)
{
	const struct model_department *d = model_department(m, old);
	return d ? ids->dept[d - m->departments] : 0;
}

static enum store_status ims_departments(struct store *s,
					 const struct model_map *m,
					 struct ims_ids *ids)
{
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < m->ndepartments; i++) {
		const struct model_department *d = &m->departments[i];
		st = store_dept_find_exact(s, d->name, &ids->dept[i]);
		if (st != STORE_MISSING)
			continue;
		st = store_dept_create(s, d->name, &ids->dept[i]);
		if (st == STORE_OK && d->label[0])
			st = store_dept_set_label(s, ids->dept[i], d->label);
		if (st == STORE_OK)
			st = store_dept_set_colour(s, ids->dept[i], d->colour);
	}
	return st;
}

static enum store_status ims_touchpoint(struct store *s,
					const struct model_map *m,
					const struct ims_ids *ids,
					const struct model_touchpoint *t,
					int64_t stage, int64_t *id)
{
	enum store_status st = store_tp_add(s, stage, (size_t)-1, t->name, id);
	const char *texts[] = { t->channel, t->notes, t->metric_name,
				t->metric_value };
	enum store_tp_field fields[] = { STORE_TP_CHANNEL, STORE_TP_NOTES,
					 STORE_TP_METRIC_NAME,
					 STORE_TP_METRIC_VALUE };
	for (size_t f = 0; st == STORE_OK && f < 4; f++)
		if (texts[f][0])
			st = store_tp_set(s, *id, STORE_REV_ANY,
					  fields[f], texts[f]);
	if (st == STORE_OK && t->has_emotion)
		st = store_tp_set_emotion(s, *id, STORE_REV_ANY,
					  true, t->emotion);
	if (st == STORE_OK && t->owner_id)
		st = store_tp_set_owner(s, *id, STORE_REV_ANY,
					ims_new_dept(m, ids, t->owner_id));
	for (size_t k = 0; st == STORE_OK && k < t->ncontributors; k++)
		st = store_tp_add_contributor(s, *id,
			ims_new_dept(m, ids, t->contributors[k]));
	return st;
}

static enum store_status ims_stages(struct store *s,
				    const struct model_map *m,
				    int64_t map, struct ims_ids *ids)
{
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		st = store_stage_add(s, map, (size_t)-1, sg->name,
				     &ids->stage[i]);
		if (st == STORE_OK && sg->description[0])
			st = store_stage_set(s, ids->stage[i], STORE_REV_ANY,
					     STORE_STAGE_DESCRIPTION,
					     sg->description);
		ids->tp[i] = xcalloc(sg->ntouchpoints, sizeof **ids->tp);
		for (size_t j = 0; st == STORE_OK && j < sg->ntouchpoints; j++)
			st = ims_touchpoint(s, m, ids, &sg->touchpoints[j],
						 ids->stage[i], &ids->tp[i][j]);
	}
	return st;
}

/* The new ids of a place given by old ids. */
static void ims_new_place(const struct model_map *m, const struct ims_ids *ids,
			  int64_t stage_id, int64_t tp_id, int64_t *ns,
			  int64_t *nt)
{
	size_t si, ti;
	*ns = *nt = 0;
	if (!model_locate(m, stage_id, tp_id, &si, &ti))
		return;
	if (ti != MODEL_NOWHERE)
		*nt = ids->tp[si][ti];
	else if (si != MODEL_NOWHERE)
		*ns = ids->stage[si];
}

static enum store_status ims_records(struct store *s,
				     const struct model_map *m,
				     int64_t map, const struct ims_ids *ids)
{
	enum store_status st = STORE_OK;
	int64_t id, ns, nt;
	for (size_t i = 0; st == STORE_OK && i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		ims_new_place(m, ids, g->stage_id, g->touchpoint_id, &ns, &nt);
		st = store_gap_add(s, map, ns, nt, g->description, g->severity,
				   &id);
		if (st == STORE_OK && g->status != MODEL_OPEN)
			st = store_gap_set_status(s, id, g->status);
		if (st == STORE_OK && g->created > 0)
			st = store_gap_set_created(s, id, g->created);
	}
	for (size_t i = 0; st == STORE_OK && i < m->nsilos; i++) {
		const struct model_silo *o = &m->silos[i];
		ims_new_place(m, ids, 0, o->touchpoint_id, &ns, &nt);
		st = store_silo_add(s, map, ims_new_dept(m, ids, o->dept_a),
				    ims_new_dept(m, ids, o->dept_b), nt,
				    o->description, &id);
		if (st == STORE_OK && o->status != MODEL_OPEN)
			st = store_silo_set_status(s, id, o->status);
		if (st == STORE_OK && o->created > 0)
			st = store_silo_set_created(s, id, o->created);
	}
	return st;
}

static enum store_status ims_map(struct store *s,
				 const struct model_map *m,
				 const char *name, int64_t *map,
				 struct ims_ids *ids)
{
	enum store_status st = store_map_create(s, name, map);
	const char *texts[] = { m->persona, m->scenario, m->promise };
	enum store_map_field fields[] = { STORE_MAP_PERSONA, STORE_MAP_SCENARIO,
					  STORE_MAP_PROMISE };
	for (size_t f = 0; st == STORE_OK && f < 3; f++)
		if (texts[f][0])
			st = store_map_set(s, *map, STORE_REV_ANY,
					   fields[f], texts[f]);
	if (st == STORE_OK)
		st = ims_departments(s, m, ids);
	if (st == STORE_OK)
		st = ims_stages(s, m, *map, ids);
	if (st == STORE_OK)
		st = ims_records(s, m, *map, ids);
	return st;
}

enum store_status import_store_map(struct store *s, const struct model_map *m,
				   const char *name, int64_t *map_id)
{
	struct ims_ids ids = {
		.dept = xcalloc(m->ndepartments, sizeof *ids.dept),
		.stage = xcalloc(m->nstages, sizeof *ids.stage),
		.tp = xcalloc(m->nstages, sizeof *ids.tp),
	};
	int64_t map = 0;
	enum store_status st = store_begin(s);
	if (st == STORE_OK) {
		st = ims_map(s, m, name ? name : m->name, &map, &ids);
		if (st == STORE_OK)
			st = store_commit(s);
		else
			store_rollback(s);
	}
	for (size_t i = 0; i < m->nstages; i++)
		free(ids.tp[i]);
	free(ids.tp);
	free(ids.stage);
	free(ids.dept);
	if (st == STORE_OK && map_id)
		*map_id = map;
	return st;
}
