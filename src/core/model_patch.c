/* model_patch.c - a loaded map brought up to date after this session's
 * own edit, reading only what the edit wrote (see model_patch.h).
 *
 * Every part is checked against the file as it is read: a stage's
 * touchpoints are read again as a list of ids in order, and the ones the
 * edit did not touch must come in the same order as in the model; a
 * touched item is read whole.  Whatever does not fit that picture makes
 * the patch give up, and the caller reads the whole map. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/model_patch.h"
#include "core/store_load.h"
#include "util/xalloc.h"

struct ids {
	int64_t *v;
	size_t n, cap;
};

static bool ids_has(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

static void ids_add(int64_t **v, size_t *n, size_t *cap, int64_t id)
{
	if (ids_has(*v, *n, id))
		return;
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = id;
}

static void ids_put(struct ids *s, int64_t id)
{
	ids_add(&s->v, &s->n, &s->cap, id);
}

static void patch_stage_touched(struct model_patch *p, int64_t id)
{
	ids_add(&p->stage_ids, &p->nstage_ids, &p->cap, id);
}

void model_patch_free(struct model_patch *p)
{
	free(p->stage_ids);
	memset(p, 0, sizeof *p);
}

static struct model_stage *patch_stage(struct model_map *m, int64_t id)
{
	for (size_t i = 0; i < m->nstages; i++)
		if (m->stages[i].id == id)
			return &m->stages[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* the list of stages */

/* Reads the stages' order; stages the model does not have are read
 * whole, the ones gone are noted in `gone` (and their touchpoints in
 * `gone_tps`) and freed. */
static enum store_status patch_stage_list(struct store *s, struct model_map *m,
					  struct model_patch *p,
					  struct ids *gone, struct ids *gone_tps)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum store_status st = store_load_stage_ids(s, m->id, &ids, &n);
	struct model_stage *v = xcalloc(n + 1, sizeof *v);
	bool *taken = xcalloc(m->nstages + 1, sizeof *taken);
	bool *fresh = xcalloc(n + 1, sizeof *fresh);
	for (size_t i = 0; st == STORE_OK && i < n; i++) {
		size_t k = 0;
		while (k < m->nstages && (taken[k] || m->stages[k].id != ids[i]))
			k++;
		if (k < m->nstages) {
			v[i] = m->stages[k];
			taken[k] = true;
			continue;
		}
		int64_t map_id = 0;
		fresh[i] = true;
		st = store_load_stage(s, m, ids[i], true, &v[i], &map_id);
		patch_stage_touched(p, ids[i]);
	}
	if (st == STORE_OK) {
		for (size_t k = 0; k < m->nstages; k++) {
			struct model_stage *sg = &m->stages[k];
			if (taken[k])
				continue;
			ids_put(gone, sg->id);
			for (size_t j = 0; j < sg->ntouchpoints; j++)
				ids_put(gone_tps, sg->touchpoints[j].id);
			model_stage_clear(sg);
		}
		free(m->stages);
		m->stages = v;
		m->nstages = n;
		p->stages = true;
		model_reindex_stages(m);
		for (size_t i = 0; i < n; i++)
			if (fresh[i])
				model_reindex_stage(m, i);
	} else {
		for (size_t i = 0; i < n; i++)
			if (fresh[i])
				model_stage_clear(&v[i]);
		free(v);
	}
	free(fresh);
	free(taken);
	free(ids);
	return st;
}

/* A stage's own row (name, description, version). */
static enum store_status patch_stage_row(struct store *s, struct model_map *m,
					 struct model_patch *p, int64_t id)
{
	struct model_stage *sg = patch_stage(m, id);
	if (sg && ids_has(p->stage_ids, p->nstage_ids, id))
		return STORE_OK;	/* read whole just now */
	struct model_stage t = { 0 };
	int64_t map_id = 0;
	enum store_status st = store_load_stage(s, m, id, false, &t, &map_id);
	bool here = st == STORE_OK && map_id == m->id;
	if (st == STORE_OK && sg && here) {
		free(sg->name);
		free(sg->description);
		sg->name = t.name;
		sg->description = t.description;
		sg->rev = t.rev;
		t.name = t.description = NULL;
		patch_stage_touched(p, id);
	} else if (st == STORE_MISSING || st == STORE_OK) {
		/* in the file but not the model, or the other way round:
		 * only the list of stages could say, and it was not read */
		st = !sg && !here ? STORE_OK : STORE_CORRUPT;
	}
	model_stage_clear(&t);
	return st;
}

/* ------------------------------------------------------------------ */
/* touchpoints */

struct patch_tp {
	struct model_touchpoint t;
	size_t pos;	/* its position in its stage */
	bool was;	/* in the map before */
	bool here;	/* in this map now */
	bool taken;	/* moved into a stage */
};

/* The untouched touchpoints of a stage must be, in the file, what they
 * are in the model, in the same order: only then is the stage patched. */
static bool patch_tp_order_same(const struct model_stage *sg,
				const int64_t *ids, size_t n,
				const struct edit_change *c)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (ids_has(c->tp_ids, c->ntp_ids, ids[i]))
			continue;
		while (j < sg->ntouchpoints &&
		       ids_has(c->tp_ids, c->ntp_ids, sg->touchpoints[j].id))
			j++;
		if (j == sg->ntouchpoints || sg->touchpoints[j].id != ids[i])
			return false;
		j++;
	}
	while (j < sg->ntouchpoints &&
	       ids_has(c->tp_ids, c->ntp_ids, sg->touchpoints[j].id))
		j++;
	return j == sg->ntouchpoints;
}

static struct patch_tp *patch_tp_find(struct patch_tp *v, size_t n,
				      int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].t.id == id)
			return &v[i];
	return NULL;
}

/* Rebuilds one stage's touchpoints from the file's order: the untouched
 * ones stay, the touched ones come from `read`. */
static enum store_status patch_tp_stage(struct store *s,
					struct model_stage *sg,
					const struct edit_change *c,
					struct patch_tp *read, size_t nread)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum store_status st = store_load_tp_ids(s, sg->id, &ids, &n);
	if (st == STORE_OK && !patch_tp_order_same(sg, ids, n, c))
		st = STORE_CORRUPT;
	for (size_t i = 0; st == STORE_OK && i < n; i++) {
		if (!ids_has(c->tp_ids, c->ntp_ids, ids[i]))
			continue;
		struct patch_tp *r = patch_tp_find(read, nread, ids[i]);
		if (!r || !r->here || r->taken || r->t.stage_id != sg->id)
			st = STORE_CORRUPT;
	}
	if (st != STORE_OK) {
		free(ids);
		return st;
	}
	struct model_touchpoint *v = xcalloc(n + 1, sizeof *v);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (ids_has(c->tp_ids, c->ntp_ids, ids[i])) {
			struct patch_tp *r = patch_tp_find(read, nread, ids[i]);
			if (r) {	/* always: checked above */
				v[i] = r->t;
				r->taken = true;
			}
			continue;
		}
		while (ids_has(c->tp_ids, c->ntp_ids, sg->touchpoints[j].id))
			j++;
		v[i] = sg->touchpoints[j++];
	}
	for (size_t k = 0; k < sg->ntouchpoints; k++)
		if (ids_has(c->tp_ids, c->ntp_ids, sg->touchpoints[k].id))
			model_touchpoint_clear(&sg->touchpoints[k]);
	free(sg->touchpoints);
	sg->touchpoints = v;
	sg->ntouchpoints = n;
	free(ids);
	return STORE_OK;
}

/* One touchpoint added, deleted or moved, and nothing else in its stages:
 * it leaves its old place and takes the one the file gives it; the stage
 * it is in then must have as many as the file says. */
static enum store_status patch_tp_one(struct store *s, struct model_map *m,
				      struct patch_tp *r, struct model_patch *p)
{
	size_t si = 0, n = 0;
	const struct model_touchpoint *was = r->was
		? model_touchpoint(m, r->t.id, &si) : NULL;
	if (was) {
		struct model_stage *sg = &m->stages[si];
		size_t k = (size_t)(was - sg->touchpoints);
		model_touchpoint_clear(&sg->touchpoints[k]);
		memmove(&sg->touchpoints[k], &sg->touchpoints[k + 1],
			(sg->ntouchpoints - k - 1) * sizeof *sg->touchpoints);
		sg->ntouchpoints--;
		model_reindex_stage(m, si);
		patch_stage_touched(p, sg->id);
		if (!r->here) {
			enum store_status st = store_load_tp_count(s, sg->id, &n);
			return st == STORE_OK && n != sg->ntouchpoints
			       ? STORE_CORRUPT : st;
		}
	}
	if (!r->here)
		return STORE_OK;
	struct model_stage *sg = patch_stage(m, r->t.stage_id);
	enum store_status st = sg ? store_load_tp_count(s, sg->id, &n)
				  : STORE_CORRUPT;
	if (st == STORE_OK && (r->pos > sg->ntouchpoints ||
			       n != sg->ntouchpoints + 1))
		st = STORE_CORRUPT;
	if (st != STORE_OK)
		return st;
	sg->touchpoints = xrealloc(sg->touchpoints,
				   (n + 1) * sizeof *sg->touchpoints);
	memmove(&sg->touchpoints[r->pos + 1], &sg->touchpoints[r->pos],
		(sg->ntouchpoints - r->pos) * sizeof *sg->touchpoints);
	sg->touchpoints[r->pos] = r->t;
	sg->ntouchpoints = n;
	r->taken = true;
	model_reindex_stage(m, (size_t)(sg - m->stages));
	patch_stage_touched(p, sg->id);
	return STORE_OK;
}

static enum store_status patch_tps(struct store *s, struct model_map *m,
				   const struct edit_change *c,
				   struct model_patch *p, struct ids *gone_tps)
{
	struct patch_tp *read = xcalloc(c->ntp_ids + 1, sizeof *read);
	struct ids stages = { 0 };
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < c->ntp_ids; i++) {
		size_t si = 0;
		/* a touchpoint the step made is not in the map (and looking
		 * up an id that is not there costs a scan) */
		const struct model_touchpoint *old =
			ids_has(c->new_tp_ids, c->nnew_tp_ids, c->tp_ids[i])
			? NULL : model_touchpoint(m, c->tp_ids[i], &si);
		read[i].was = old != NULL;
		if (old)
			ids_put(&stages, m->stages[si].id);
		int64_t map_id = 0;
		st = store_load_touchpoint(s, m, c->tp_ids[i], &read[i].t,
					   &map_id, &read[i].pos);
		read[i].t.id = c->tp_ids[i];
		read[i].here = st == STORE_OK && map_id == m->id;
		if (st == STORE_MISSING)
			st = STORE_OK;
		if (read[i].here)
			ids_put(&stages, read[i].t.stage_id);
		else if (old)
			ids_put(gone_tps, c->tp_ids[i]);
	}
	/* changed where they are: each takes its own place again */
	for (size_t i = 0; st == STORE_OK && !c->places && i < c->ntp_ids;
	     i++) {
		size_t si = 0;
		const struct model_touchpoint *was =
			model_touchpoint(m, c->tp_ids[i], &si);
		struct model_touchpoint *t = was ? &m->stages[si].touchpoints[
			was - m->stages[si].touchpoints] : NULL;
		if (!t || !read[i].here || read[i].t.stage_id != t->stage_id) {
			st = STORE_CORRUPT;
			break;
		}
		model_touchpoint_clear(t);
		*t = read[i].t;
		read[i].taken = true;
		patch_stage_touched(p, m->stages[si].id);
	}
	if (st == STORE_OK && c->places && c->ntp_ids == 1) {
		st = patch_tp_one(s, m, &read[0], p);
		stages.n = 0;
	}
	for (size_t i = 0; st == STORE_OK && c->places && i < stages.n; i++) {
		struct model_stage *sg = patch_stage(m, stages.v[i]);
		if (!sg) {
			st = STORE_CORRUPT;	/* the list of stages says not */
			break;
		}
		st = patch_tp_stage(s, sg, c, read, c->ntp_ids);
		if (st == STORE_OK)
			model_reindex_stage(m, (size_t)(sg - m->stages));
		patch_stage_touched(p, sg->id);
	}
	for (size_t i = 0; i < c->ntp_ids; i++)
		if (!read[i].taken)
			model_touchpoint_clear(&read[i].t);
	free(read);
	free(stages.v);
	return st;
}

/* ------------------------------------------------------------------ */
/* gaps and silos: kept by creation (then id), as the load orders them */

static bool patch_gap_before(const struct model_gap *a,
			     const struct model_gap *b)
{
	return a->created < b->created ||
	       (a->created == b->created && a->id < b->id);
}

static bool patch_silo_before(const struct model_silo *a,
			      const struct model_silo *b)
{
	return a->created < b->created ||
	       (a->created == b->created && a->id < b->id);
}

static enum store_status patch_gap(struct store *s, struct model_map *m,
				   int64_t id)
{
	struct model_gap g = { 0 };
	int64_t map_id = 0;
	enum store_status st = store_load_gap(s, id, &g, &map_id);
	if (st != STORE_OK && st != STORE_MISSING) {
		free(g.description);
		return st;
	}
	const struct model_gap *was = model_gap(m, id);
	if (was) {
		size_t i = (size_t)(was - m->gaps);
		free(m->gaps[i].description);
		memmove(&m->gaps[i], &m->gaps[i + 1],
			(m->ngaps - i - 1) * sizeof *m->gaps);
		m->ngaps--;
	}
	if (st == STORE_MISSING || map_id != m->id) {
		if (st == STORE_OK)
			free(g.description);
		return STORE_OK;
	}
	size_t lo = 0, hi = m->ngaps;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (patch_gap_before(&m->gaps[mid], &g))
			lo = mid + 1;
		else
			hi = mid;
	}
	m->gaps = xrealloc(m->gaps, (m->ngaps + 1) * sizeof *m->gaps);
	memmove(&m->gaps[lo + 1], &m->gaps[lo],
		(m->ngaps - lo) * sizeof *m->gaps);
	m->gaps[lo] = g;
	m->ngaps++;
	return STORE_OK;
}

static enum store_status patch_silo(struct store *s, struct model_map *m,
				    int64_t id)
{
	struct model_silo o = { 0 };
	int64_t map_id = 0;
	enum store_status st = store_load_silo(s, id, &o, &map_id);
	if (st != STORE_OK && st != STORE_MISSING) {
		free(o.description);
		return st;
	}
	const struct model_silo *was = model_silo(m, id);
	if (was) {
		size_t i = (size_t)(was - m->silos);
		free(m->silos[i].description);
		memmove(&m->silos[i], &m->silos[i + 1],
			(m->nsilos - i - 1) * sizeof *m->silos);
		m->nsilos--;
	}
	if (st == STORE_MISSING || map_id != m->id) {
		if (st == STORE_OK)
			free(o.description);
		return STORE_OK;
	}
	size_t lo = 0, hi = m->nsilos;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (patch_silo_before(&m->silos[mid], &o))
			lo = mid + 1;
		else
			hi = mid;
	}
	m->silos = xrealloc(m->silos, (m->nsilos + 1) * sizeof *m->silos);
	memmove(&m->silos[lo + 1], &m->silos[lo],
		(m->nsilos - lo) * sizeof *m->silos);
	m->silos[lo] = o;
	m->nsilos++;
	return STORE_OK;
}

static int patch_id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

static bool patch_gone(const struct ids *v, int64_t id)
{
	return id && v->n &&
	       bsearch(&id, v->v, v->n, sizeof id, patch_id_cmp) != NULL;
}

/* Gaps and silos on a stage or touchpoint that went went with it (the
 * file's foreign keys cascade). */
static bool patch_sweep(struct model_map *m, struct ids *gone,
			struct ids *gone_tps)
{
	if (!gone->n && !gone_tps->n)
		return false;
	/* an empty list has no array: qsort must not see its NULL */
	if (gone->n)
		qsort(gone->v, gone->n, sizeof *gone->v, patch_id_cmp);
	if (gone_tps->n)
		qsort(gone_tps->v, gone_tps->n, sizeof *gone_tps->v,
		      patch_id_cmp);
	size_t k = 0;
	for (size_t i = 0; i < m->ngaps; i++) {
		struct model_gap *g = &m->gaps[i];
		if (patch_gone(gone, g->stage_id) ||
		    patch_gone(gone_tps, g->touchpoint_id))
			free(g->description);
		else
			m->gaps[k++] = *g;
	}
	m->ngaps = k;
	k = 0;
	for (size_t i = 0; i < m->nsilos; i++) {
		struct model_silo *o = &m->silos[i];
		if (patch_gone(gone_tps, o->touchpoint_id))
			free(o->description);
		else
			m->silos[k++] = *o;
	}
	m->nsilos = k;
	return true;
}

/* ------------------------------------------------------------------ */
/* metrics, voices, actions, decisions: short lists, read whole */

static enum store_status patch_items(struct store *s, struct model_map *m,
				     enum plan_item k)
{
	void *v = NULL;
	size_t n = 0;
	enum store_status st = store_load_items(s, m->id, k, &v, &n);
	if (st != STORE_OK)
		return st;
	switch (k) {
	case PLAN_METRIC:
		for (size_t i = 0; i < m->nmetrics; i++)
			model_metric_clear(&m->metrics[i]);
		free(m->metrics);
		m->metrics = v;
		m->nmetrics = n;
		break;
	case PLAN_VOICE:
		for (size_t i = 0; i < m->nvoices; i++)
			model_voice_clear(&m->voices[i]);
		free(m->voices);
		m->voices = v;
		m->nvoices = n;
		break;
	case PLAN_ACTION:
		for (size_t i = 0; i < m->nactions; i++)
			model_action_clear(&m->actions[i]);
		free(m->actions);
		m->actions = v;
		m->nactions = n;
		break;
	}
	return STORE_OK;
}

static enum store_status patch_decisions(struct store *s, struct model_map *m)
{
	struct model_decision *v = NULL;
	size_t n = 0;
	enum store_status st = store_load_decisions(s, m->id, &v, &n);
	if (st != STORE_OK)
		return st;
	for (size_t i = 0; i < m->ndecisions; i++)
		model_decision_clear(&m->decisions[i]);
	free(m->decisions);
	m->decisions = v;
	m->ndecisions = n;
	return STORE_OK;
}

/* ------------------------------------------------------------------ */

static enum store_status patch_all(struct store *s, struct model_map *m,
				   const struct edit_change *c,
				   struct model_patch *p)
{
	struct ids gone = { 0 }, gone_tps = { 0 };
	/* every step changes the map row's time */
	enum store_status st = store_load_map_row(s, m);
	if (st == STORE_OK && c->departments) {
		/* before touchpoints: their contributors go in this order */
		st = store_load_departments(s, m);
		model_reindex_departments(m);
		p->departments = true;
	}
	if (st == STORE_OK && c->stages)
		st = patch_stage_list(s, m, p, &gone, &gone_tps);
	for (size_t i = 0; st == STORE_OK && i < c->nstage_ids; i++)
		st = patch_stage_row(s, m, p, c->stage_ids[i]);
	if (st == STORE_OK && c->ntp_ids)
		st = patch_tps(s, m, c, p, &gone_tps);
	for (size_t i = 0; st == STORE_OK && i < c->ngap_ids; i++)
		st = patch_gap(s, m, c->gap_ids[i]);
	for (size_t i = 0; st == STORE_OK && i < c->nsilo_ids; i++)
		st = patch_silo(s, m, c->silo_ids[i]);
	/* metrics, voices, actions and decisions: short lists, read
	 * whole (what went with a deleted touchpoint went from them too) */
	for (int k = 0; st == STORE_OK && k < PLAN_NITEMS; k++)
		if (c->items[k]) {
			st = patch_items(s, m, (enum plan_item)k);
			p->items[k] = true;
		}
	if (st == STORE_OK && c->decisions) {
		st = patch_decisions(s, m);
		p->decisions = true;
	}
	p->gaps = c->ngap_ids > 0;
	p->silos = c->nsilo_ids > 0;
	if (st == STORE_OK && patch_sweep(m, &gone, &gone_tps))
		p->gaps = p->silos = true;
	if (p->gaps)
		model_reindex_gaps(m);
	if (p->silos)
		model_reindex_silos(m);
	free(gone.v);
	free(gone_tps.v);
	return st;
}

enum store_status model_patch_apply(struct store *s, struct model_map *m,
				    const struct edit_change *c,
				    struct model_patch *p)
{
	memset(p, 0, sizeof *p);
	if (c->all)
		return STORE_INVALID;
	bool began = false;
	enum store_status st = store_read_begin(s, &began);
	if (st == STORE_OK)
		st = patch_all(s, m, c, p);
	store_read_end(s, began);
	return st;
}
