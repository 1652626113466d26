/* export_json.c - writes the JSON format by hand rather than through
 * cJSON, for a fixed layout and so that no control character reaches the
 * file raw (cJSON passes DEL and C1 controls such as U+009B through). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/export_json.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

void export_json_time(int64_t t, char out[EXPORT_JSON_TIME_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) ||
	    strftime(out, EXPORT_JSON_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, EXPORT_JSON_TIME_LEN, "1970-01-01T00:00:00Z");
}

bool *export_departments_used(const struct model_map *m)
{
	bool *used = xcalloc(m->ndepartments + 1, sizeof *used);
	const struct model_department *d;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			const struct model_touchpoint *t =
				&m->stages[i].touchpoints[j];
			if ((d = model_department(m, t->owner_id)))
				used[d - m->departments] = true;
			for (size_t k = 0; k < t->ncontributors; k++)
				if ((d = model_department(m, t->contributors[k])))
					used[d - m->departments] = true;
		}
	for (size_t i = 0; i < m->nsilos; i++) {
		if ((d = model_department(m, m->silos[i].dept_a)))
			used[d - m->departments] = true;
		if ((d = model_department(m, m->silos[i].dept_b)))
			used[d - m->departments] = true;
	}
	return used;
}

static void ej_indent(struct buf *b, int depth)
{
	static const char spaces[] = "                ";
	buf_addn(b, spaces, 2 * (size_t)depth);
}

/* "key": "value" on a line of its own; last says whether a comma follows. */
static void ej_member_str(struct buf *b, int depth, const char *key,
			  const char *value, bool last)
{
	ej_indent(b, depth);
	buf_addc(b, '"');
	buf_add(b, key);
	buf_add(b, "\": ");
	text_json_string_add(b, value, false);
	buf_add(b, last ? "\n" : ",\n");
}

static void ej_member_raw(struct buf *b, int depth, const char *key,
			  const char *value, bool last)
{
	ej_indent(b, depth);
	buf_addc(b, '"');
	buf_add(b, key);
	buf_add(b, "\": ");
	buf_add(b, value);
	buf_add(b, last ? "\n" : ",\n");
}

static void ej_member_index(struct buf *b, int depth, const char *key,
			    size_t i)
{
	ej_indent(b, depth);
	buf_addc(b, '"');
	buf_add(b, key);
	buf_add(b, "\": ");
	if (i == MODEL_NOWHERE)
		buf_add(b, "null");
	else
		buf_add_uint(b, i);
	buf_add(b, ",\n");
}

static const char *ej_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : "";
}

static void ej_departments(struct buf *b, const struct model_map *m)
{
	bool first = true, *used = export_departments_used(m);
	buf_add(b, "  \"departments\": [");
	for (size_t i = 0; i < m->ndepartments; i++) {
		const struct model_department *d = &m->departments[i];
		if (!used[i])
			continue;
		buf_add(b, first ? "\n" : ",\n");
		first = false;
		buf_add(b, "    {\n");
		ej_member_str(b, 3, "name", d->name, false);
		ej_member_str(b, 3, "label", d->label, false);
		ej_indent(b, 3);
		buf_add(b, "\"colour\": ");
		buf_add_int(b, d->colour);
		buf_add(b, "\n    }");
	}
	buf_add(b, first ? "],\n" : "\n  ],\n");
	free(used);
}

static void ej_touchpoint(struct buf *b, const struct model_map *m,
			  const struct model_touchpoint *t)
{
	buf_add(b, "        {\n");
	ej_member_str(b, 5, "name", t->name, false);
	ej_member_str(b, 5, "channel", t->channel, false);
	if (t->owner_id && model_department(m, t->owner_id))
		ej_member_str(b, 5, "owner", ej_dept_name(m, t->owner_id),
			      false);
	else
		ej_member_raw(b, 5, "owner", "null", false);
	ej_indent(b, 5);
	buf_add(b, "\"contributors\": [");
	for (size_t k = 0; k < t->ncontributors; k++) {
		if (k)
			buf_add(b, ", ");
		text_json_string_add(b, ej_dept_name(m, t->contributors[k]), false);
	}
	buf_add(b, "],\n");
	ej_indent(b, 5);
	if (t->has_emotion) {
		buf_add(b, "\"emotion\": ");
		buf_add_int(b, t->emotion);
		buf_add(b, ",\n");
	} else
		buf_add(b, "\"emotion\": null,\n");
	ej_member_str(b, 5, "metric_name", t->metric_name, false);
	ej_member_str(b, 5, "metric_value", t->metric_value, false);
	ej_member_str(b, 5, "notes", t->notes, true);
	buf_add(b, "        }");
}

static void ej_stages(struct buf *b, const struct model_map *m)
{
	buf_add(b, m->nstages ? "  \"stages\": [\n" : "  \"stages\": [],\n");
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		buf_add(b, "    {\n");
		ej_member_str(b, 3, "name", sg->name, false);
		ej_member_str(b, 3, "description", sg->description, false);
		buf_add(b, sg->ntouchpoints ? "      \"touchpoints\": [\n"
			: "      \"touchpoints\": []\n");
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			ej_touchpoint(b, m, &sg->touchpoints[j]);
			buf_add(b, j + 1 < sg->ntouchpoints ? ",\n" : "\n");
		}
		if (sg->ntouchpoints)
			buf_add(b, "      ]\n");
		buf_add(b, i + 1 < m->nstages ? "    },\n" : "    }\n  ],\n");
	}
}

/* "stage" and "touchpoint" of a gap or silo, as positions or null. */
static void ej_place(struct buf *b, const struct model_map *m,
		     int64_t stage_id, int64_t touchpoint_id)
{
	size_t si, ti;
	model_locate(m, stage_id, touchpoint_id, &si, &ti);
	ej_member_index(b, 3, "stage", si);
	ej_member_index(b, 3, "touchpoint", ti);
}

static void ej_created(struct buf *b, int64_t created)
{
	char when[EXPORT_JSON_TIME_LEN];
	if (created) {
		export_json_time(created, when);
		ej_member_str(b, 3, "created", when, true);
	} else {
		ej_member_raw(b, 3, "created", "null", true);
	}
}

static void ej_gaps(struct buf *b, const struct model_map *m)
{
	buf_add(b, m->ngaps ? "  \"gaps\": [\n" : "  \"gaps\": [],\n");
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		buf_add(b, "    {\n");
		ej_place(b, m, g->stage_id, g->touchpoint_id);
		ej_member_str(b, 3, "description", g->description, false);
		ej_member_str(b, 3, "severity", model_severity_key(g->severity),
			      false);
		ej_member_str(b, 3, "status", model_status_key(g->status),
			      false);
		ej_created(b, g->created);
		buf_add(b, i + 1 < m->ngaps ? "    },\n" : "    }\n  ],\n");
	}
}

static void ej_silos(struct buf *b, const struct model_map *m)
{
	buf_add(b, m->nsilos ? "  \"silos\": [\n" : "  \"silos\": []\n");
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *o = &m->silos[i];
		buf_add(b, "    {\n");
		ej_indent(b, 3);
		buf_add(b, "\"departments\": [");
		text_json_string_add(b, ej_dept_name(m, o->dept_a), false);
		buf_add(b, ", ");
		text_json_string_add(b, ej_dept_name(m, o->dept_b), false);
		buf_add(b, "],\n");
		ej_place(b, m, 0, o->touchpoint_id);
		ej_member_str(b, 3, "description", o->description, false);
		ej_member_str(b, 3, "status", model_status_key(o->status),
			      false);
		ej_created(b, o->created);
		buf_add(b, i + 1 < m->nsilos ? "    },\n" : "    }\n  ]\n");
	}
}

static void ej_map(struct buf *b, const struct model_map *m)
{
	buf_add(b, "{\n");
	ej_member_str(b, 1, "format", EXPORT_JSON_FORMAT, false);
	ej_indent(b, 1);
	buf_add(b, "\"version\": ");
	buf_add_int(b, EXPORT_JSON_VERSION);
	buf_add(b, ",\n");
	ej_member_str(b, 1, "name", m->name, false);
	ej_member_str(b, 1, "persona", m->persona, false);
	ej_member_str(b, 1, "scenario", m->scenario, false);
	ej_member_str(b, 1, "promise", m->promise, false);
	ej_departments(b, m);
	ej_stages(b, m);
	ej_gaps(b, m);
	ej_silos(b, m);
	buf_add(b, "}");
}

char *export_json(const struct model_map *m)
{
	struct buf b = { 0 };
	ej_map(&b, m);
	buf_addc(&b, '\n');
	return buf_take(&b);
}

/* The documents of an array are the same text, indented by nothing: a
 * reader can cut one out and import it as it is. */
static void ej_all(struct buf *b, const struct model_map *const *maps,
		   size_t n)
{
	buf_add(b, n ? "[\n" : "[]\n");
	for (size_t i = 0; i < n; i++) {
		ej_map(b, maps[i]);
		buf_add(b, i + 1 < n ? ",\n" : "\n]\n");
	}
}

char *export_json_all(const struct model_map *const *maps, size_t n)
{
	struct buf b = { 0 };
	ej_all(&b, maps, n);
	return buf_take(&b);
}

int export_json_write(const struct model_map *const *maps, size_t n,
		      bool array, FILE *out)
{
	struct buf b = { 0 };
	buf_stream(&b, out);
	if (array) {
		ej_all(&b, maps, n);
	} else {
		ej_map(&b, maps[0]);
		buf_addc(&b, '\n');
	}
	return buf_finish(&b);
}
