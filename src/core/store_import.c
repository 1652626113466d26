/* store_import.c - a whole model written as a new map in one change
 * (the importer and templates, through import_store_map).
 *
 * Adding a map item by item (store_stage_add, store_tp_add, then one
 * store_tp_set per field) made every touchpoint a change of its own: a
 * position count and shift, an audit row and a map touch each time, about
 * 4x what SQLite needs to insert the same rows.  Here every row is one
 * INSERT from a kept statement (st_exec), the positions are the model's,
 * and the history gets one entry, "added map", as for a copy.  The
 * model's ids (stages, touchpoints, gaps, silos, metrics, actions) become
 * the file's new ones in every reference of its plan. */
#include <config.h>

#include <stdlib.h>

#include <sqlite3.h>

#include "core/store_private.h"
#include "util/xalloc.h"

/* Old ids (the model's) to new ones (the file's), sorted by old id. */
struct si_pair {
	int64_t old, new_id;
};

struct si_ids {
	struct si_pair *stage, *tp, *gap, *silo, *metric, *action;
	size_t nstage, ntp, ngap, nsilo, nmetric, naction;
	const struct model_map *m;
	const int64_t *depts;	/* by position in m->departments */
};

static int si_cmp(const void *x, const void *y)
{
	const struct si_pair *a = x, *b = y;
	return (a->old > b->old) - (a->old < b->old);
}

static int64_t si_find(const struct si_pair *v, size_t n, int64_t old)
{
	if (!old || !n)
		return 0;
	struct si_pair key = { old, 0 };
	const struct si_pair *p = bsearch(&key, v, n, sizeof *v, si_cmp);
	return p ? p->new_id : 0;
}

static int64_t si_dept(const struct si_ids *ids, int64_t old)
{
	const struct model_map *m = ids->m;
	if (!old)
		return 0;
	/* the importer numbers departments 1..n in order */
	if (old >= 1 && (size_t)old <= m->ndepartments &&
	    m->departments[old - 1].id == old)
		return ids->depts[old - 1];
	for (size_t i = 0; i < m->ndepartments; i++)
		if (m->departments[i].id == old)
			return ids->depts[i];
	return 0;
}

/* The texts of a touchpoint, checked as store_tp_set checks them. */
static enum store_status si_tp_texts(const struct model_touchpoint *t)
{
	enum store_status st = st_check_text(t->name, true, STORE_NAME_MAX);
	if (st == STORE_OK)
		st = st_check_text(t->channel, false, STORE_NAME_MAX);
	if (st == STORE_OK)
		st = st_check_text(t->notes, false, STORE_TEXT_MAX);
	if (st == STORE_OK && t->has_emotion &&
	    (t->emotion < MODEL_EMOTION_MIN || t->emotion > MODEL_EMOTION_MAX))
		st = STORE_INVALID;
	return st;
}

static enum store_status si_touchpoint(struct store *s, struct si_ids *ids,
				       const struct model_touchpoint *t,
				       int64_t stage, int64_t pos)
{
	enum store_status st = si_tp_texts(t);
	if (st != STORE_OK)
		return st;
	int64_t owner = si_dept(ids, t->owner_id);
	if (t->owner_id && !owner)
		return STORE_INVALID;
	st = st_exec(s, "INSERT INTO touchpoint (stage_id, pos, name, channel,"
		     " notes, emotion, moment, owner_id, rev) VALUES (?, ?, ?, ?,"
		     " ?, CASE WHEN ? THEN ? END, ?, ?, ?)", "iitttdddni", stage,
		     pos, t->name, t->channel, t->notes, (int)t->has_emotion,
		     t->emotion, (int)t->moment, owner, s->change);
	if (st != STORE_OK)
		return st;
	int64_t id = sqlite3_last_insert_rowid(s->db);
	ids->tp[ids->ntp++] = (struct si_pair){ t->id, id };
	for (size_t k = 0; st == STORE_OK && k < t->ncontributors; k++) {
		int64_t d = si_dept(ids, t->contributors[k]);
		st = d ? st_exec(s, "INSERT OR IGNORE INTO contributor"
				 " (touchpoint_id, department_id) VALUES (?, ?)",
				 "ii", id, d)
		       : STORE_INVALID;
	}
	return st;
}

static enum store_status si_stages(struct store *s, struct si_ids *ids,
				   int64_t map)
{
	const struct model_map *m = ids->m;
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		st = st_check_text(sg->name, true, STORE_NAME_MAX);
		if (st == STORE_OK)
			st = st_check_text(sg->description, false,
					   STORE_TEXT_MAX);
		if (st == STORE_OK)
			st = st_exec(s, "INSERT INTO stage (map_id, pos, name,"
				     " description, rev) VALUES (?, ?, ?, ?, ?)",
				     "iitti", map, ST_POS(i), sg->name,
				     sg->description, s->change);
		if (st != STORE_OK)
			break;
		int64_t id = sqlite3_last_insert_rowid(s->db);
		ids->stage[ids->nstage++] = (struct si_pair){ sg->id, id };
		for (size_t j = 0; st == STORE_OK && j < sg->ntouchpoints; j++)
			st = si_touchpoint(s, ids, &sg->touchpoints[j], id,
					   ST_POS(j));
	}
	qsort(ids->stage, ids->nstage, sizeof *ids->stage, si_cmp);
	qsort(ids->tp, ids->ntp, sizeof *ids->tp, si_cmp);
	return st;
}

/* Gaps and silos, in the model's order; a place that is not in the map
 * leaves the record on the map as a whole (as import_store did). */
static enum store_status si_records(struct store *s, struct si_ids *ids,
				    int64_t map)
{
	const struct model_map *m = ids->m;
	enum store_status st = STORE_OK;
	int64_t now = st_now();
	for (size_t i = 0; st == STORE_OK && i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		int64_t tp = si_find(ids->tp, ids->ntp, g->touchpoint_id);
		int64_t sg = tp ? 0 : si_find(ids->stage, ids->nstage,
					      g->stage_id);
		st = st_check_text(g->description, true, STORE_TEXT_MAX);
		if (st == STORE_OK)
			st = st_exec(s, "INSERT INTO gap (map_id, stage_id,"
				     " touchpoint_id, description, severity, status,"
				     " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
				     "inntddi", map, sg, tp, g->description,
				     (int)g->severity, (int)g->status,
				     g->created > 0 ? g->created : now);
		ids->gap[ids->ngap++] = (struct si_pair){
			g->id, sqlite3_last_insert_rowid(s->db) };
	}
	for (size_t i = 0; st == STORE_OK && i < m->nsilos; i++) {
		const struct model_silo *o = &m->silos[i];
		int64_t a = si_dept(ids, o->dept_a), b = si_dept(ids, o->dept_b);
		st = st_check_text(o->description, true, STORE_TEXT_MAX);
		if (st == STORE_OK && (!a || !b || a == b))
			st = STORE_INVALID;
		if (st == STORE_OK)
			st = st_exec(s, "INSERT INTO silo (map_id, dept_a, dept_b,"
				     " touchpoint_id, description, status, created)"
				     " VALUES (?, ?, ?, ?, ?, ?, ?)", "iiintdi", map,
				     a, b, si_find(ids->tp, ids->ntp,
						   o->touchpoint_id),
				     o->description, (int)o->status,
				     o->created > 0 ? o->created : now);
		ids->silo[ids->nsilo++] = (struct si_pair){
			o->id, sqlite3_last_insert_rowid(s->db) };
	}
	qsort(ids->gap, ids->ngap, sizeof *ids->gap, si_cmp);
	qsort(ids->silo, ids->nsilo, sizeof *ids->silo, si_cmp);
	return st;
}

/* A model's ref as the file's: NONE and MAP stay, a department by the
 * importer's table, the rest by the ids written above; kind NONE when
 * the ref names nothing written. */
static struct model_ref si_ref(const struct si_ids *ids, struct model_ref r)
{
	int64_t id = 0;
	switch (r.kind) {
	case MODEL_REF_NONE:
	case MODEL_REF_MAP:
		return (struct model_ref){ r.kind, 0 };
	case MODEL_REF_STAGE: id = si_find(ids->stage, ids->nstage, r.id); break;
	case MODEL_REF_TOUCHPOINT: id = si_find(ids->tp, ids->ntp, r.id); break;
	case MODEL_REF_GAP: id = si_find(ids->gap, ids->ngap, r.id); break;
	case MODEL_REF_SILO: id = si_find(ids->silo, ids->nsilo, r.id); break;
	case MODEL_REF_DEPARTMENT: id = si_dept(ids, r.id); break;
	case MODEL_REF_METRIC:
		id = si_find(ids->metric, ids->nmetric, r.id);
		break;
	case MODEL_REF_ACTION:
		id = si_find(ids->action, ids->naction, r.id);
		break;
	}
	return id ? (struct model_ref){ r.kind, id }
		  : (struct model_ref){ MODEL_REF_NONE, 0 };
}

/* A touchpoint's free-text metric of a version 1 document, when the
 * model brings no metric of that touchpoint: one metric by the rule of
 * the schema 4 -> 5 migration (store_schema.c). */
static bool si_has_metrics(const struct model_map *m, int64_t tp)
{
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].touchpoint_id == tp)
			return true;
	return false;
}

static enum store_status si_old_metrics(struct store *s,
					const struct si_ids *ids, int64_t map)
{
	const struct model_map *m = ids->m;
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < m->nstages; i++)
		for (size_t j = 0; st == STORE_OK &&
		     j < m->stages[i].ntouchpoints; j++) {
			const struct model_touchpoint *t =
				&m->stages[i].touchpoints[j];
			const char *name = t->metric_name ? t->metric_name : "";
			const char *value = t->metric_value ? t->metric_value
							    : "";
			if ((!*name && !*value) || si_has_metrics(m, t->id))
				continue;
			struct model_metric v;
			plan_init(PLAN_METRIC, &v);
			v.touchpoint_id = si_find(ids->tp, ids->ntp, t->id);
			if (!plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME,
				      *name ? name : "Metric") ||
			    !plan_put(PLAN_METRIC, &v, PLAN_METRIC_VALUE, value))
				st = STORE_INVALID;
			if (st == STORE_OK)
				st = st_plan_row(s, PLAN_METRIC, map, &v, NULL);
			model_metric_clear(&v);
		}
	return st;
}

/* The plan: metrics, voices and actions under their parents' new ids
 * (an item whose parent was not written is refused, as an item-by-item
 * add would refuse it), then the decisions on them.  A decision whose
 * subject was not written is left out: it would match no finding. */
static enum store_status si_plan(struct store *s, struct si_ids *ids,
				 int64_t map)
{
	const struct model_map *m = ids->m;
	enum store_status st = si_old_metrics(s, ids, map);
	for (size_t i = 0; st == STORE_OK && i < m->nmetrics; i++) {
		struct model_metric v = m->metrics[i];
		v.touchpoint_id = si_find(ids->tp, ids->ntp, v.touchpoint_id);
		if (m->metrics[i].touchpoint_id && !v.touchpoint_id)
			st = STORE_INVALID;
		int64_t id = 0;
		if (st == STORE_OK)
			st = st_plan_row(s, PLAN_METRIC, map, &v, &id);
		ids->metric[ids->nmetric++] = (struct si_pair){ v.id, id };
	}
	for (size_t i = 0; st == STORE_OK && i < m->nvoices; i++) {
		struct model_voice v = m->voices[i];
		v.about = si_ref(ids, v.about);
		st = st_plan_row(s, PLAN_VOICE, map, &v, NULL);
	}
	for (size_t i = 0; st == STORE_OK && i < m->nactions; i++) {
		struct model_action v = m->actions[i];
		struct model_ref old = v.fixes;
		v.fixes = si_ref(ids, v.fixes);
		if (old.kind > MODEL_REF_MAP && v.fixes.kind == MODEL_REF_NONE)
			st = STORE_INVALID;
		v.owner_id = si_dept(ids, v.owner_id);
		if (m->actions[i].owner_id && !v.owner_id)
			st = STORE_INVALID;
		int64_t id = 0;
		if (st == STORE_OK)
			st = st_plan_row(s, PLAN_ACTION, map, &v, &id);
		ids->action[ids->naction++] = (struct si_pair){ v.id, id };
	}
	qsort(ids->metric, ids->nmetric, sizeof *ids->metric, si_cmp);
	qsort(ids->action, ids->naction, sizeof *ids->action, si_cmp);
	for (size_t i = 0; st == STORE_OK && i < m->ndecisions; i++) {
		struct model_decision d = m->decisions[i];
		bool lost = false;
		for (int k = 0; k < 2; k++) {
			struct model_ref r = si_ref(ids, d.subject[k]);
			lost |= d.subject[k].kind > MODEL_REF_MAP &&
				r.kind == MODEL_REF_NONE;
			d.subject[k] = r;
		}
		if (!lost)
			st = st_decision_row(s, map, &d);
	}
	return st;
}

enum store_status store_map_insert(struct store *s, const struct model_map *m,
				   const char *name, const int64_t *depts,
				   int64_t *map_id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	const char *texts[] = { m->persona, m->scenario, m->promise,
				st_or_empty(m->success) };
	for (size_t i = 0; st == STORE_OK && i < 4; i++)
		st = st_check_text(texts[i], false, STORE_TEXT_MAX);
	if (st == STORE_OK)
		st = st_check_text(st_or_empty(m->owner), false, STORE_NAME_MAX);
	if (st == STORE_OK)
		st = st_check_text(st_or_empty(m->cx_lead), false,
				   STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	size_t ntp = 0;
	for (size_t i = 0; i < m->nstages; i++)
		ntp += m->stages[i].ntouchpoints;
	struct si_ids ids = {
		.stage = xcalloc(m->nstages + 1, sizeof *ids.stage),
		.tp = xcalloc(ntp + 1, sizeof *ids.tp),
		.gap = xcalloc(m->ngaps + 1, sizeof *ids.gap),
		.silo = xcalloc(m->nsilos + 1, sizeof *ids.silo),
		.metric = xcalloc(m->nmetrics + 1, sizeof *ids.metric),
		.action = xcalloc(m->nactions + 1, sizeof *ids.action),
		.m = m,
		.depts = depts,
	};
	int64_t now = st_now(), map = 0;
	st = st_exec(s, "INSERT INTO map (name, persona, scenario, promise,"
		     " journey_owner, cx_lead, success, created, updated, rev)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "tttttttiii", name,
		     m->persona, m->scenario, m->promise, st_or_empty(m->owner),
		     st_or_empty(m->cx_lead), st_or_empty(m->success), now, now,
		     s->change);
	if (st == STORE_OK) {
		map = sqlite3_last_insert_rowid(s->db);
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_MAP, map, map, "",
			      name, "");
	}
	if (st == STORE_OK)
		st = si_stages(s, &ids, map);
	if (st == STORE_OK)
		st = si_records(s, &ids, map);
	if (st == STORE_OK)
		st = si_plan(s, &ids, map);
	free(ids.stage);
	free(ids.tp);
	free(ids.gap);
	free(ids.silo);
	free(ids.metric);
	free(ids.action);
	if (st == STORE_OK && map_id)
		*map_id = map;
	return st_end(s, st);
}
