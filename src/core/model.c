/* model.c - freeing and querying the in-memory map. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void model_touchpoint_clear(struct model_touchpoint *t)
{
	free(t->name);
	free(t->channel);
	free(t->notes);
	free(t->metric_name);
	free(t->metric_value);
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
	dst->name = xstrdup(src->name);
	dst->channel = xstrdup(src->channel);
	dst->notes = xstrdup(src->notes);
	dst->metric_name = xstrdup(src->metric_name);
	dst->metric_value = xstrdup(src->metric_value);
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
	free(m->stages);
	free(m->departments);
	free(m->gaps);
	free(m->silos);
	free(m->name);
	free(m->persona);
	free(m->scenario);
	free(m->promise);
	free(m);
}

const struct model_department *model_department(const struct model_map *m,
						int64_t id)
{
	for (size_t i = 0; id && i < m->ndepartments; i++)
		if (m->departments[i].id == id)
			return &m->departments[i];
	return NULL;
}

const struct model_stage *model_stage(const struct model_map *m, int64_t id)
{
	for (size_t i = 0; id && i < m->nstages; i++)
		if (m->stages[i].id == id)
			return &m->stages[i];
	return NULL;
}

const struct model_touchpoint *model_touchpoint(const struct model_map *m,
						int64_t id, size_t *stage_index)
{
	for (size_t i = 0; id && i < m->nstages; i++) {
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
	for (size_t i = 0; id && i < m->ngaps; i++)
		if (m->gaps[i].id == id)
			return &m->gaps[i];
	return NULL;
}

const struct model_silo *model_silo(const struct model_map *m, int64_t id)
{
	for (size_t i = 0; id && i < m->nsilos; i++)
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

const char *model_gap_status_label(enum model_status s)
{
	return s == MODEL_OPEN ? C_("gap", "open") : C_("gap", "resolved");
}

const char *model_status_label(enum model_status s)
{
	return _(status_labels[(unsigned)s < 2 ? s : 0]);
}
