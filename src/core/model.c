/* model.c - freeing and querying the in-memory map. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void model_index_free(struct model_index *x);

void model_touchpoint_clear(struct model_touchpoint *t)
{
	if (t->packed) {
		free(t->name);
	} else {
		free(t->name);
		free(t->channel);
		free(t->notes);
	}
	free(t->contributors);
	memset(t, 0, sizeof *t);
}

void model_stage_clear(struct model_stage *sg)
{
	for (size_t j = 0; j < sg->ntouchpoints; j++)
		model_touchpoint_clear(&sg->touchpoints[j]);
	free(sg->touchpoints);
	free(sg->name);
	free(sg->description);
	memset(sg, 0, sizeof *sg);
}

void model_touchpoint_copy(struct model_touchpoint *dst,
			   const struct model_touchpoint *src)
{
	*dst = *src;
	dst->packed = false;
	dst->name = xstrdup(src->name);
	dst->channel = xstrdup(src->channel);
	dst->notes = xstrdup(src->notes);
	dst->contributors = xmalloc(src->ncontributors * sizeof *src->contributors);
	if (src->ncontributors)
		memcpy(dst->contributors, src->contributors,
		       src->ncontributors * sizeof *src->contributors);
}

void model_stage_copy(struct model_stage *dst, const struct model_stage *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->description = xstrdup(src->description);
	dst->touchpoints = xcalloc(src->ntouchpoints, sizeof *dst->touchpoints);
	for (size_t j = 0; j < src->ntouchpoints; j++)
		model_touchpoint_copy(&dst->touchpoints[j], &src->touchpoints[j]);
}

void model_gap_copy(struct model_gap *dst, const struct model_gap *src)
{
	*dst = *src;
	dst->description = xstrdup(src->description);
}

void model_silo_copy(struct model_silo *dst, const struct model_silo *src)
{
	*dst = *src;
	dst->description = xstrdup(src->description);
}

void model_department_copy(struct model_department *dst,
			   const struct model_department *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->label = xstrdup(src->label);
}

void model_metric_copy(struct model_metric *dst,
		       const struct model_metric *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->value_text = xstrdup(src->value_text);
	dst->unit = xstrdup(src->unit);
	dst->measured = xstrdup(src->measured);
	dst->source = xstrdup(src->source);
}

void model_metric_clear(struct model_metric *v)
{
	free(v->name);
	free(v->value_text);
	free(v->unit);
	free(v->measured);
	free(v->source);
	memset(v, 0, sizeof *v);
}

void model_voice_copy(struct model_voice *dst, const struct model_voice *src)
{
	*dst = *src;
	dst->text = xstrdup(src->text);
	dst->source = xstrdup(src->source);
	dst->date = xstrdup(src->date);
}

void model_voice_clear(struct model_voice *v)
{
	free(v->text);
	free(v->source);
	free(v->date);
	memset(v, 0, sizeof *v);
}

void model_action_copy(struct model_action *dst,
		       const struct model_action *src)
{
	*dst = *src;
	dst->title = xstrdup(src->title);
	dst->person = xstrdup(src->person);
	dst->due = xstrdup(src->due);
}

void model_action_clear(struct model_action *v)
{
	free(v->title);
	free(v->person);
	free(v->due);
	memset(v, 0, sizeof *v);
}

void model_decision_copy(struct model_decision *dst,
			 const struct model_decision *src)
{
	*dst = *src;
	dst->finding = xstrdup(src->finding);
	dst->reason = xstrdup(src->reason);
	dst->who = xstrdup(src->who);
}

void model_decision_clear(struct model_decision *v)
{
	free(v->finding);
	free(v->reason);
	free(v->who);
	memset(v, 0, sizeof *v);
}

void model_map_free(struct model_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nstages; i++)
		model_stage_clear(&m->stages[i]);
	for (size_t i = 0; i < m->ndepartments; i++) {
		free(m->departments[i].name);
		free(m->departments[i].label);
	}
	for (size_t i = 0; i < m->ngaps; i++)
		free(m->gaps[i].description);
	for (size_t i = 0; i < m->nsilos; i++)
		free(m->silos[i].description);
	for (size_t i = 0; i < m->nmetrics; i++)
		model_metric_clear(&m->metrics[i]);
	for (size_t i = 0; i < m->nvoices; i++)
		model_voice_clear(&m->voices[i]);
	for (size_t i = 0; i < m->nactions; i++)
		model_action_clear(&m->actions[i]);
	for (size_t i = 0; i < m->ndecisions; i++)
		model_decision_clear(&m->decisions[i]);
	free(m->stages);
	free(m->departments);
	free(m->gaps);
	free(m->silos);
	free(m->metrics);
	free(m->voices);
	free(m->actions);
	free(m->decisions);
	free(m->name);
	free(m->persona);
	free(m->scenario);
	free(m->promise);
	free(m->owner);
	free(m->cx_lead);
	free(m->success);
	model_index_free(m->index);
	free(m);
}

/* ------------------------------------------------------------------ */
/* The id -> position index: one open-addressing table per kind.  An
 * entry is a hint, checked on every lookup; entries of deleted items
 * stay until the next full re-index (a table at most half full). */

struct mi_entry {
	int64_t id;	/* 0: empty */
	int64_t stage_id;	/* touchpoints: the stage's id */
	size_t pos;	/* position in its array (in its stage) */
};

struct mi_table {
	struct mi_entry *v;
	size_t cap, used;	/* cap a power of two, or 0 */
};

enum { MI_STAGE, MI_TP, MI_GAP, MI_SILO, MI_DEPT, MI_KINDS };

struct model_index {
	struct mi_table t[MI_KINDS];
};

static size_t mi_hash(int64_t id, size_t cap)
{
	uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
	return (size_t)(h >> 17) & (cap - 1);
}

static const struct mi_entry *mi_find(const struct model_map *m, int k,
				      int64_t id)
{
	const struct mi_table *t = m->index ? &m->index->t[k] : NULL;
	if (!t || !t->cap)
		return NULL;
	for (size_t i = mi_hash(id, t->cap);; i = (i + 1) & (t->cap - 1)) {
		if (t->v[i].id == id)
			return &t->v[i];
		if (!t->v[i].id)
			return NULL;
	}
}

static void mi_put(struct mi_table *t, int64_t id, int64_t stage_id,
		   size_t pos);

static void mi_grow(struct mi_table *t, size_t want)
{
	size_t cap = 16;	/* filled to at most 4/5: a table of 100k
				   touchpoints takes 3 MiB, not 6 */
	while (cap * 4 < want * 5)
		cap *= 2;
	if (cap <= t->cap)
		return;
	struct mi_table old = *t;
	t->v = xcalloc(cap, sizeof *t->v);
	t->cap = cap;
	t->used = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].id)
			mi_put(t, old.v[i].id, old.v[i].stage_id, old.v[i].pos);
	free(old.v);
}

static void mi_put(struct mi_table *t, int64_t id, int64_t stage_id,
		   size_t pos)
{
	if (!id)
		return;
	if (5 * (t->used + 1) > 4 * t->cap)
		mi_grow(t, t->used + 1);
	size_t i = mi_hash(id, t->cap);
	while (t->v[i].id && t->v[i].id != id)
		i = (i + 1) & (t->cap - 1);
	if (!t->v[i].id)
		t->used++;
	t->v[i] = (struct mi_entry){ id, stage_id, pos };
}

static struct mi_table *mi_table(struct model_map *m, int k, size_t n,
				 bool clear)
{
	if (!m->index)
		m->index = xcalloc(1, sizeof *m->index);
	struct mi_table *t = &m->index->t[k];
	if (clear) {
		free(t->v);
		memset(t, 0, sizeof *t);
	}
	mi_grow(t, t->used + n);
	return t;
}

static void model_index_free(struct model_index *x)
{
	if (!x)
		return;
	for (int k = 0; k < MI_KINDS; k++)
		free(x->t[k].v);
	free(x);
}

void model_reindex_stages(struct model_map *m)
{
	struct mi_table *t = mi_table(m, MI_STAGE, m->nstages, true);
	for (size_t i = 0; i < m->nstages; i++)
		mi_put(t, m->stages[i].id, 0, i);
}

void model_reindex_stage(struct model_map *m, size_t si)
{
	if (si >= m->nstages)
		return;
	const struct model_stage *sg = &m->stages[si];
	mi_put(mi_table(m, MI_STAGE, 1, false), sg->id, 0, si);
	struct mi_table *t = mi_table(m, MI_TP, sg->ntouchpoints, false);
	for (size_t j = 0; j < sg->ntouchpoints; j++)
		mi_put(t, sg->touchpoints[j].id, sg->id, j);
}

void model_reindex_gaps(struct model_map *m)
{
	struct mi_table *t = mi_table(m, MI_GAP, m->ngaps, true);
	for (size_t i = 0; i < m->ngaps; i++)
		mi_put(t, m->gaps[i].id, 0, i);
}

void model_reindex_silos(struct model_map *m)
{
	struct mi_table *t = mi_table(m, MI_SILO, m->nsilos, true);
	for (size_t i = 0; i < m->nsilos; i++)
		mi_put(t, m->silos[i].id, 0, i);
}

void model_reindex_departments(struct model_map *m)
{
	struct mi_table *t = mi_table(m, MI_DEPT, m->ndepartments, true);
	for (size_t i = 0; i < m->ndepartments; i++)
		mi_put(t, m->departments[i].id, 0, i);
}

void model_reindex(struct model_map *m)
{
	model_reindex_stages(m);
	mi_table(m, MI_TP, model_touchpoint_count(m), true);
	for (size_t i = 0; i < m->nstages; i++)
		model_reindex_stage(m, i);
	model_reindex_gaps(m);
	model_reindex_silos(m);
	model_reindex_departments(m);
}

/* The indexed position of an item of a flat array, checked; else n. */
#define MI_LOOKUP(m, k, arr, n, id) do { \
	const struct mi_entry *e_ = mi_find(m, k, id); \
	if (e_ && e_->pos < (n) && (arr)[e_->pos].id == (id)) \
		return &(arr)[e_->pos]; \
	} while (0)

const struct model_department *model_department(const struct model_map *m,
						int64_t id)
{
	if (!id)
		return NULL;
	MI_LOOKUP(m, MI_DEPT, m->departments, m->ndepartments, id);
	for (size_t i = 0; i < m->ndepartments; i++)
		if (m->departments[i].id == id)
			return &m->departments[i];
	return NULL;
}

const struct model_stage *model_stage(const struct model_map *m, int64_t id)
{
	if (!id)
		return NULL;
	MI_LOOKUP(m, MI_STAGE, m->stages, m->nstages, id);
	for (size_t i = 0; i < m->nstages; i++)
		if (m->stages[i].id == id)
			return &m->stages[i];
	return NULL;
}

const struct model_touchpoint *model_touchpoint(const struct model_map *m,
						int64_t id, size_t *stage_index)
{
	if (!id)
		return NULL;
	const struct mi_entry *e = mi_find(m, MI_TP, id);
	const struct model_stage *sg = e ? model_stage(m, e->stage_id) : NULL;
	if (sg && e->pos < sg->ntouchpoints && sg->touchpoints[e->pos].id == id) {
		if (stage_index)
			*stage_index = (size_t)(sg - m->stages);
		return &sg->touchpoints[e->pos];
	}
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *s = &m->stages[i];
		for (size_t j = 0; j < s->ntouchpoints; j++) {
			if (s->touchpoints[j].id != id)
				continue;
			if (stage_index)
				*stage_index = i;
			return &s->touchpoints[j];
		}
	}
	return NULL;
}

const struct model_gap *model_gap(const struct model_map *m, int64_t id)
{
	if (!id)
		return NULL;
	MI_LOOKUP(m, MI_GAP, m->gaps, m->ngaps, id);
	for (size_t i = 0; i < m->ngaps; i++)
		if (m->gaps[i].id == id)
			return &m->gaps[i];
	return NULL;
}

const struct model_silo *model_silo(const struct model_map *m, int64_t id)
{
	if (!id)
		return NULL;
	MI_LOOKUP(m, MI_SILO, m->silos, m->nsilos, id);
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].id == id)
			return &m->silos[i];
	return NULL;
}

size_t model_touchpoint_count(const struct model_map *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nstages; i++)
		n += m->stages[i].ntouchpoints;
	return n;
}

size_t model_unowned_count(const struct model_map *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++)
			n += m->stages[i].touchpoints[j].owner_id == 0;
	return n;
}

size_t model_open_gap_count(const struct model_map *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->ngaps; i++)
		n += m->gaps[i].status == MODEL_OPEN;
	return n;
}

size_t model_open_silo_count(const struct model_map *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nsilos; i++)
		n += m->silos[i].status == MODEL_OPEN;
	return n;
}

int64_t model_stage_version(const struct model_stage *sg)
{
	int64_t v = sg->rev;
	for (size_t j = 0; j < sg->ntouchpoints; j++)
		if (sg->touchpoints[j].rev > v)
			v = sg->touchpoints[j].rev;
	return v;
}

int64_t model_map_version(const struct model_map *m)
{
	int64_t v = m->rev;
	for (size_t i = 0; i < m->nstages; i++) {
		int64_t sv = model_stage_version(&m->stages[i]);
		if (sv > v)
			v = sv;
	}
	return v;
}

bool model_department_used(const struct model_map *m, int64_t id)
{
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			const struct model_touchpoint *t = &sg->touchpoints[j];
			if (t->owner_id == id)
				return true;
			for (size_t k = 0; k < t->ncontributors; k++)
				if (t->contributors[k] == id)
					return true;
		}
	}
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].dept_a == id || m->silos[i].dept_b == id)
			return true;
	return false;
}

bool model_locate(const struct model_map *m, int64_t stage_id,
		  int64_t touchpoint_id, size_t *si, size_t *ti)
{
	*si = *ti = MODEL_NOWHERE;
	if (touchpoint_id) {
		const struct model_touchpoint *t =
			model_touchpoint(m, touchpoint_id, si);
		if (!t)
			return false;
		*ti = (size_t)(t - m->stages[*si].touchpoints);
	} else if (stage_id) {
		const struct model_stage *sg = model_stage(m, stage_id);
		if (!sg)
			return false;
		*si = (size_t)(sg - m->stages);
	}
	return true;
}

static const char *const severity_keys[] = { "low", "medium", "high" };
static const char *const severity_labels[] = { N_("low"), N_("medium"),
					       N_("high") };
static const char *const status_keys[] = { "open", "resolved" };
static const char *const status_labels[] = { N_("open"), N_("resolved") };

const char *model_severity_key(enum model_severity s)
{
	return severity_keys[(unsigned)s < 3 ? s : 0];
}

const char *model_status_key(enum model_status s)
{
	return status_keys[(unsigned)s < 2 ? s : 0];
}

static int model_parse(const char *const *keys, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

int model_severity_parse(const char *key)
{
	return model_parse(severity_keys, 3, key);
}

int model_status_parse(const char *key)
{
	return model_parse(status_keys, 2, key);
}

const char *model_severity_label(enum model_severity s)
{
	return _(severity_labels[(unsigned)s < 3 ? s : 0]);
}

const char *model_emotion_label(int e)
{
	if (e <= -2)
		return C_("emotion", "very negative");
	switch (e) {
	case -1: return C_("emotion", "negative");
	case 0: return C_("emotion", "neutral");
	case 1: return C_("emotion", "positive");
	default: return C_("emotion", "very positive");
	}
}

const char *model_gap_status_label(enum model_status s)
{
	return s == MODEL_OPEN ? C_("gap", "open") : C_("gap", "resolved");
}

const char *model_status_label(enum model_status s)
{
	return _(status_labels[(unsigned)s < 2 ? s : 0]);
}
