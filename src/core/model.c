/* model.c - freeing and querying the in-memory map. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "util/i18n.h"

static void model_touchpoint_free(struct model_touchpoint *t)
{
	free(t->name);
	free(t->channel);
	free(t->notes);
	free(t->metric_name);
	free(t->metric_value);
	free(t->contributors);
}

void model_map_free(struct model_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nstages; i++) {
		struct model_stage *s = &m->stages[i];
		for (size_t j = 0; j < s->ntouchpoints; j++)
			model_touchpoint_free(&s->touchpoints[j]);
		free(s->touchpoints);
		free(s->name);
		free(s->description);
	}
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
	return severity_keys[s];
}

const char *model_status_key(enum model_status s)
{
	return status_keys[s];
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
	return _(severity_labels[s]);
}

const char *model_status_label(enum model_status s)
{
	return _(status_labels[s]);
}
