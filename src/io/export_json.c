/* export_json.c - writes the JSON format by hand rather than through
 * cJSON, for a fixed layout and so that no control character reaches the
 * file raw (cJSON passes DEL and C1 controls such as U+009B through). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/plan.h"
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

/* The departments the document names: those the map uses, and the
 * owners of actions and the departments decisions are about. */
static bool *ej_departments_named(const struct model_map *m)
{
	bool *used = export_departments_used(m);
	const struct model_department *d;
	for (size_t i = 0; i < m->nactions; i++)
		if ((d = model_department(m, m->actions[i].owner_id)))
			used[d - m->departments] = true;
	for (size_t i = 0; i < m->ndecisions; i++)
		for (int k = 0; k < 2; k++) {
			const struct model_ref *r = &m->decisions[i].subject[k];
			if (r->kind == MODEL_REF_DEPARTMENT &&
			    (d = model_department(m, r->id)))
				used[d - m->departments] = true;
		}
	return used;
}

static void ej_departments(struct buf *b, const struct model_map *m)
{
	bool first = true, *used = ej_departments_named(m);
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

/* ------------------------------------------------------------------ */
/* metrics, voices, references */

/* An item of a list: its members at `depth`, the last without a comma. */
typedef void ej_item_fn(struct buf *b, const struct model_map *m,
			const void *item, int depth);

/* "key": [ {...}, {...} ] of n items at `depth`: the first n of `items`,
 * or those at positions pos[0..n) (a plan_index list); the items are
 * objects one level deeper. */
static void ej_list(struct buf *b, const struct model_map *m, int depth,
		    const char *key, const void *items, size_t size,
		    const size_t *pos, size_t n, ej_item_fn *write, bool last)
{
	bool first = true;
	ej_indent(b, depth);
	buf_addc(b, '"');
	buf_add(b, key);
	buf_add(b, "\": [");
	for (size_t i = 0; i < n; i++) {
		const void *it = (const char *)items + (pos ? pos[i] : i) * size;
		buf_add(b, first ? "\n" : ",\n");
		first = false;
		ej_indent(b, depth + 1);
		buf_add(b, "{\n");
		write(b, m, it, depth + 2);
		ej_indent(b, depth + 1);
		buf_addc(b, '}');
	}
	if (!first) {
		buf_addc(b, '\n');
		ej_indent(b, depth);
	}
	buf_add(b, last ? "]\n" : "],\n");
}

/* A field as plan.h's text; an empty one as null. */
static void ej_field(struct buf *b, int depth, const char *key,
		     enum plan_item k, const void *item, int field, bool raw,
		     bool last)
{
	char *v = plan_get(k, item, field);
	if (!*v)
		ej_member_raw(b, depth, key, "null", last);
	else if (raw)
		ej_member_raw(b, depth, key, v, last);
	else
		ej_member_str(b, depth, key, v, last);
	free(v);
}

static void ej_metric(struct buf *b, const struct model_map *m,
		      const void *item, int d)
{
	const struct model_metric *v = item;
	(void)m;
	ej_member_str(b, d, "name", v->name, false);
	/* a number as a number, other text as a string */
	ej_field(b, d, "value", PLAN_METRIC, v, PLAN_METRIC_VALUE,
		 v->has_value, false);
	ej_field(b, d, "target", PLAN_METRIC, v, PLAN_METRIC_TARGET, true,
		 false);
	ej_member_str(b, d, "unit", v->unit, false);
	ej_member_str(b, d, "better", plan_better_key(v->better), false);
	ej_field(b, d, "measured", PLAN_METRIC, v, PLAN_METRIC_MEASURED,
		 false, false);
	ej_member_str(b, d, "source", v->source, true);
}

static void ej_metrics(struct buf *b, const struct model_map *m,
		       const struct plan_index *x, int depth, int64_t tp_id)
{
	size_t n;
	const size_t *pos = plan_index_metrics(x, tp_id, &n);
	ej_list(b, m, depth, "metrics", m->metrics, sizeof *m->metrics, pos,
		n, ej_metric, false);
}

static void ej_voice(struct buf *b, const struct model_map *m,
		     const void *item, int d)
{
	const struct model_voice *v = item;
	(void)m;
	ej_member_str(b, d, "voice", plan_voice_kind_key(v->kind), false);
	ej_member_str(b, d, "text", v->text, false);
	ej_member_str(b, d, "source", v->source, false);
	ej_field(b, d, "date", PLAN_VOICE, v, PLAN_VOICE_DATE, false, true);
}

static void ej_voices(struct buf *b, const struct model_map *m,
		      const struct plan_index *x, int depth,
		      enum model_ref_kind kind, int64_t id, bool last)
{
	size_t n;
	const size_t *pos = plan_index_voices(x, (struct model_ref){ kind, id },
					      &n);
	ej_list(b, m, depth, "voices", m->voices, sizeof *m->voices, pos, n,
		ej_voice, last);
}

/* A position as a number, or null. */
static void ej_pos(struct buf *b, size_t i)
{
	if (i == MODEL_NOWHERE)
		buf_add(b, "null");
	else
		buf_add_uint(b, i);
}

/* A reference by position ({"touchpoint": [0, 1]}); false, writing
 * nothing, when it names nothing in the map. */
static bool ej_ref(struct buf *b, const struct model_map *m,
		   struct model_ref r)
{
	size_t si = MODEL_NOWHERE, ti = MODEL_NOWHERE, k = 0;
	const struct model_touchpoint *t;
	const struct model_metric *mt;
	const struct model_gap *g;
	const struct model_silo *o;
	const struct model_action *a;
	const struct model_department *d;
	if (r.kind == MODEL_REF_MAP) {
		buf_add(b, "{\"map\": null}");
		return true;
	}
	if (!plan_ref_exists(m, r))
		return false;
	buf_add(b, "{\"");
	buf_add(b, plan_ref_key(r.kind));
	buf_add(b, "\": ");
	switch (r.kind) {
	case MODEL_REF_STAGE:
		model_locate(m, r.id, 0, &si, &ti);
		ej_pos(b, si);
		break;
	case MODEL_REF_TOUCHPOINT:
		t = model_touchpoint(m, r.id, &si);
		buf_addc(b, '[');
		ej_pos(b, si);
		buf_add(b, ", ");
		ej_pos(b, (size_t)(t - m->stages[si].touchpoints));
		buf_addc(b, ']');
		break;
	case MODEL_REF_GAP:
		g = model_gap(m, r.id);
		ej_pos(b, (size_t)(g - m->gaps));
		break;
	case MODEL_REF_SILO:
		o = model_silo(m, r.id);
		ej_pos(b, (size_t)(o - m->silos));
		break;
	case MODEL_REF_DEPARTMENT:
		d = model_department(m, r.id);
		text_json_string_add(b, d->name, false);
		break;
	case MODEL_REF_METRIC:
		mt = plan_metric(m, r.id);
		/* the k-th metric of its touchpoint, or of the journey */
		for (const struct model_metric *p = m->metrics; p < mt; p++)
			k += p->touchpoint_id == mt->touchpoint_id;
		if ((t = model_touchpoint(m, mt->touchpoint_id, &si)))
			ti = (size_t)(t - m->stages[si].touchpoints);
		else
			si = MODEL_NOWHERE;
		buf_addc(b, '[');
		ej_pos(b, si);
		buf_add(b, ", ");
		ej_pos(b, ti);
		buf_add(b, ", ");
		buf_add_uint(b, k);
		buf_addc(b, ']');
		break;
	case MODEL_REF_ACTION:
		a = plan_action(m, r.id);
		ej_pos(b, (size_t)(a - m->actions));
		break;
	case MODEL_REF_NONE:
	case MODEL_REF_MAP:
		break;
	}
	buf_addc(b, '}');
	return true;
}

static void ej_time_member(struct buf *b, int depth, const char *key,
			   int64_t t, bool last)
{
	char when[EXPORT_JSON_TIME_LEN];
	if (t) {
		export_json_time(t, when);
		ej_member_str(b, depth, key, when, last);
	} else {
		ej_member_raw(b, depth, key, "null", last);
	}
}

/* ------------------------------------------------------------------ */
/* the journey */

static void ej_touchpoint(struct buf *b, const struct model_map *m,
			  const struct plan_index *x,
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
	ej_member_raw(b, 5, "moment", t->moment ? "true" : "false", false);
	ej_metrics(b, m, x, 5, t->id);
	ej_voices(b, m, x, 5, MODEL_REF_TOUCHPOINT, t->id, false);
	ej_member_str(b, 5, "notes", t->notes, true);
	buf_add(b, "        }");
}

static void ej_stages(struct buf *b, const struct model_map *m,
		      const struct plan_index *x)
{
	buf_add(b, m->nstages ? "  \"stages\": [\n" : "  \"stages\": [],\n");
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		buf_add(b, "    {\n");
		ej_member_str(b, 3, "name", sg->name, false);
		ej_member_str(b, 3, "description", sg->description, false);
		ej_voices(b, m, x, 3, MODEL_REF_STAGE, sg->id, false);
		buf_add(b, sg->ntouchpoints ? "      \"touchpoints\": [\n"
			: "      \"touchpoints\": []\n");
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			ej_touchpoint(b, m, x, &sg->touchpoints[j]);
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

static void ej_gaps(struct buf *b, const struct model_map *m,
		    const struct plan_index *x)
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
		ej_time_member(b, 3, "created", g->created, false);
		ej_voices(b, m, x, 3, MODEL_REF_GAP, g->id, true);
		buf_add(b, i + 1 < m->ngaps ? "    },\n" : "    }\n  ],\n");
	}
}

static void ej_silos(struct buf *b, const struct model_map *m)
{
	buf_add(b, m->nsilos ? "  \"silos\": [\n" : "  \"silos\": [],\n");
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
		ej_time_member(b, 3, "created", o->created, true);
		buf_add(b, i + 1 < m->nsilos ? "    },\n" : "    }\n  ],\n");
	}
}

/* ------------------------------------------------------------------ */
/* actions and decisions */

static void ej_action(struct buf *b, const struct model_map *m,
		      const void *item, int d)
{
	const struct model_action *a = item;
	ej_member_str(b, d, "title", a->title, false);
	ej_indent(b, d);
	buf_add(b, "\"fixes\": ");
	/* the journey as a whole is null */
	if (a->fixes.kind == MODEL_REF_MAP || !ej_ref(b, m, a->fixes))
		buf_add(b, "null");
	buf_add(b, ",\n");
	if (model_department(m, a->owner_id))
		ej_member_str(b, d, "owner", ej_dept_name(m, a->owner_id),
			      false);
	else
		ej_member_raw(b, d, "owner", "null", false);
	ej_member_str(b, d, "person", a->person, false);
	ej_member_str(b, d, "status", plan_action_status_key(a->status),
		      false);
	ej_field(b, d, "due", PLAN_ACTION, a, PLAN_ACTION_DUE, false, false);
	ej_field(b, d, "impact", PLAN_ACTION, a, PLAN_ACTION_IMPACT, true,
		 false);
	ej_field(b, d, "effort", PLAN_ACTION, a, PLAN_ACTION_EFFORT, true,
		 false);
	ej_time_member(b, d, "created", a->created, true);
}

static void ej_decision(struct buf *b, const struct model_map *m,
			const void *item, int d)
{
	const struct model_decision *v = item;
	bool first = true;
	ej_member_str(b, d, "finding", v->finding, false);
	ej_indent(b, d);
	buf_add(b, "\"subjects\": [");
	for (int k = 0; k < 2; k++) {
		struct model_ref r = v->subject[k];
		/* one that names nothing (any more) is left out */
		if (r.kind != MODEL_REF_MAP && !plan_ref_exists(m, r))
			continue;
		if (!first)
			buf_add(b, ", ");
		ej_ref(b, m, r);
		first = false;
	}
	buf_add(b, "],\n");
	ej_member_str(b, d, "decision", plan_decision_key(v->decision), false);
	ej_member_str(b, d, "reason", v->reason, false);
	ej_member_str(b, d, "who", v->who, false);
	ej_time_member(b, d, "at", v->at, true);
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
	ej_member_str(b, 1, "journey_owner", m->owner ? m->owner : "", false);
	ej_member_str(b, 1, "cx_lead", m->cx_lead ? m->cx_lead : "", false);
	ej_member_str(b, 1, "success", m->success ? m->success : "", false);
	struct plan_index *x = plan_index_new(m);
	ej_metrics(b, m, x, 1, 0);
	ej_departments(b, m);
	ej_stages(b, m, x);
	ej_gaps(b, m, x);
	plan_index_free(x);
	ej_silos(b, m);
	ej_list(b, m, 1, "actions", m->actions, sizeof *m->actions, NULL,
		m->nactions, ej_action, false);
	ej_list(b, m, 1, "decisions", m->decisions, sizeof *m->decisions,
		NULL, m->ndecisions, ej_decision, true);
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
