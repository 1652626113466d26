/* import_json_plan.c - the version 2 plan of the JSON format read back:
 * metrics and voices, references by position, actions and decisions on
 * findings, and a version 1 touchpoint's metric.  Moved out of
 * import_json.c as it was; the walk's state and shared checks are there. */
#include <config.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/import_json.h"
#include "io/import_json_private.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* metrics and voices (version 2) */

/* A date or a key of an enumeration: a string plan_check takes, or null
 * or absent (the default plan_init gave stays). */
static bool ij_plan(struct ij *c, const char *key, const cJSON *v,
		    enum plan_item k, int field, void *item)
{
	size_t old = ij_push_key(c, key);
	if (v && !cJSON_IsNull(v)) {
		const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
		const char *why = plan_check(k, field, s ? s : "?");
		if (!s || why)
			return ij_fail(c, _("expected %s"), why ? why
				       : plan_check(k, field, "?"));
		plan_put(k, item, field, s);
	}
	ij_pop(c, old);
	return true;
}

/* A text member into a field of an item (plan_init's "" replaced). */
static bool ij_plan_text(struct ij *c, const char *key, const cJSON *v,
			 enum ij_text_kind kind, char **field)
{
	char *s;
	if (!ij_text(c, key, v, kind, &s))
		return false;
	free(*field);
	*field = s;
	return true;
}

/* A finite number, or null or absent (*has false). */
static bool ij_number(struct ij *c, const char *key, const cJSON *v,
		      const char *why, bool *has, double *out)
{
	size_t old = ij_push_key(c, key);
	*has = false;
	if (v && !cJSON_IsNull(v)) {
		if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
			return ij_fail(c, _("expected %s"), why);
		*has = true;
		*out = v->valuedouble;
	}
	ij_pop(c, old);
	return true;
}

/* Room for one more item in an array that grows as the walk goes. */
static void *ij_grow(void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	*cap = *cap ? 2 * *cap : 16;
	return xrealloc(arr, *cap * size);
}

static struct model_metric *ij_new_metric(struct ij *c, struct model_map *m,
					  int64_t tp_id)
{
	m->metrics = ij_grow(m->metrics, m->nmetrics, &c->metrics_cap,
			     sizeof *m->metrics);
	struct model_metric *v = &m->metrics[m->nmetrics++];
	plan_init(PLAN_METRIC, v);
	v->id = (int64_t)m->nmetrics;
	v->touchpoint_id = tp_id;
	return v;
}

/* A metric's value: a number, a text (a number in a string is read as
 * a number, as the interface reads what a person types) or null. */
static bool ij_metric_value(struct ij *c, const cJSON *v,
			    struct model_metric *mt)
{
	if (v && cJSON_IsString(v)) {
		char *s;
		if (!ij_text(c, "value", v, IJ_LINE, &s))
			return false;
		plan_put(PLAN_METRIC, mt, PLAN_METRIC_VALUE, s);
		free(s);
		return true;
	}
	if (!ij_number(c, "value", v, _("a number, a text or null"),
		       &mt->has_value, &mt->value))
		return false;
	return true;
}

static bool ij_metric(struct ij *c, const cJSON *o, size_t i,
		      struct model_map *m, int64_t tp_id)
{
	static const char *const keys[] = { "name", "value", "target", "unit",
		"better", "measured", "source", NULL };
	const cJSON *v[7];
	size_t old = ij_push_index(c, i);
	struct model_metric *mt = ij_new_metric(c, m, tp_id);
	if (!ij_members(c, o, keys, v) ||
	    !ij_plan_text(c, "name", v[0], IJ_NAME, &mt->name) ||
	    !ij_metric_value(c, v[1], mt) ||
	    !ij_number(c, "target", v[2],
		       plan_check(PLAN_METRIC, PLAN_METRIC_TARGET, "?"),
		       &mt->has_target, &mt->target) ||
	    !ij_plan_text(c, "unit", v[3], IJ_LINE, &mt->unit) ||
	    !ij_plan(c, "better", v[4], PLAN_METRIC, PLAN_METRIC_BETTER, mt) ||
	    !ij_plan(c, "measured", v[5], PLAN_METRIC, PLAN_METRIC_MEASURED,
		     mt) ||
	    !ij_plan_text(c, "source", v[6], IJ_LINE, &mt->source))
		return false;
	ij_pop(c, old);
	return true;
}

/* The "metrics" of a touchpoint (tp_id) or of the journey (0). */
bool ij_metrics(struct ij *c, const cJSON *v, struct model_map *m,
		int64_t tp_id)
{
	size_t n, i = 0;
	if (!ij_array(c, "metrics", v, IMPORT_JSON_MAX_PLAN, &n))
		return false;
	if (m->nmetrics + n > IMPORT_JSON_MAX_PLAN)
		return ij_fail(c, _("more than %d metrics in the map (the limit)"),
			       IMPORT_JSON_MAX_PLAN);
	size_t old = ij_push_key(c, "metrics");
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next)
		if (!ij_metric(c, it, i++, m, tp_id))
			return false;
	ij_pop(c, old);
	return true;
}

/* A version 1 touchpoint's metric_name and metric_value: nothing when
 * both are empty, else one metric (named "Metric" when unnamed) whose
 * value is a number when it reads as one and text otherwise. */
void ij_v1_metric(struct ij *c, struct model_map *m, int64_t tp_id,
		  const char *name, const char *value)
{
	if (!*name && !*value)
		return;
	struct model_metric *mt = ij_new_metric(c, m, tp_id);
	plan_put(PLAN_METRIC, mt, PLAN_METRIC_NAME, *name ? name : "Metric");
	plan_put(PLAN_METRIC, mt, PLAN_METRIC_VALUE, value);
}

static bool ij_voice(struct ij *c, const cJSON *o, size_t i,
		     struct model_map *m, struct model_ref about)
{
	static const char *const keys[] = { "voice", "text", "source", "date",
					    NULL };
	const cJSON *v[4];
	size_t old = ij_push_index(c, i);
	m->voices = ij_grow(m->voices, m->nvoices, &c->voices_cap,
			    sizeof *m->voices);
	struct model_voice *vc = &m->voices[m->nvoices++];
	plan_init(PLAN_VOICE, vc);
	vc->id = (int64_t)m->nvoices;
	vc->about = about;
	if (!ij_members(c, o, keys, v) ||
	    !ij_plan(c, "voice", v[0], PLAN_VOICE, PLAN_VOICE_KIND, vc) ||
	    !ij_plan_text(c, "text", v[1], IJ_DESCRIPTION, &vc->text) ||
	    !ij_plan_text(c, "source", v[2], IJ_LINE, &vc->source) ||
	    !ij_plan(c, "date", v[3], PLAN_VOICE, PLAN_VOICE_DATE, vc))
		return false;
	ij_pop(c, old);
	return true;
}

/* The "voices" of a stage, touchpoint or gap. */
bool ij_voices(struct ij *c, const cJSON *v, struct model_map *m,
	       enum model_ref_kind kind, int64_t id)
{
	size_t n, i = 0;
	if (!ij_array(c, "voices", v, IMPORT_JSON_MAX_PLAN, &n))
		return false;
	if (m->nvoices + n > IMPORT_JSON_MAX_PLAN)
		return ij_fail(c, _("more than %d voices in the map (the limit)"),
			       IMPORT_JSON_MAX_PLAN);
	size_t old = ij_push_key(c, "voices");
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next)
		if (!ij_voice(c, it, i++, m, (struct model_ref){ kind, id }))
			return false;
	ij_pop(c, old);
	return true;
}

/* ------------------------------------------------------------------ */
/* references, actions and decisions (version 2) */

/* An index into a list of n (what: the list's member name); key NULL:
 * the place is already on the path. */
static bool ij_index(struct ij *c, const char *key, const cJSON *v, size_t n,
		     const char *what, size_t *out)
{
	size_t old = key ? ij_push_key(c, key) : c->plen;
	if (n == 0)
		return ij_fail(c, _("points nowhere: \"%s\" is empty"), what);
	if (!ij_is_int(v, 0, n - 1 > INT32_MAX ? INT32_MAX : (int)(n - 1)))
		return ij_fail(c, _("points nowhere: expected an index from 0 "
				    "to %zu into \"%s\""), n - 1, what);
	*out = (size_t)v->valuedouble;
	ij_pop(c, old);
	return true;
}

/* [s, t] or, with `journey`, [null, null] too: *si is MODEL_NOWHERE
 * then. */
static bool ij_tp_pos(struct ij *c, const char *key, const cJSON *a,
		      size_t extra, bool journey, const struct model_map *m,
		      size_t *si, size_t *ti)
{
	size_t old = ij_push_key(c, key);
	if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != 2 + extra)
		return ij_fail(c, extra ? _("expected [stage, touchpoint, "
					    "index]")
				 : _("expected [stage, touchpoint]"));
	const cJSON *vs = a->child, *vt = vs->next;
	*si = *ti = MODEL_NOWHERE;
	if (journey && cJSON_IsNull(vs) && cJSON_IsNull(vt)) {
		ij_pop(c, old);
		return true;
	}
	size_t o2 = ij_push_index(c, 0);
	if (!ij_index(c, NULL, vs, m->nstages, "stages", si))
		return false;
	ij_pop(c, o2);
	o2 = ij_push_index(c, 1);
	char *what = xasprintf("stages[%zu].touchpoints", *si);
	bool ok = ij_index(c, NULL, vt, m->stages[*si].ntouchpoints, what,
			   ti);
	free(what);
	if (!ok)
		return false;
	ij_pop(c, o2);
	ij_pop(c, old);
	return true;
}

/* The k-th metric of a touchpoint (0: of the journey), or 0. */
static int64_t ij_metric_id(const struct model_map *m, int64_t tp_id,
			    size_t k, size_t *count)
{
	int64_t id = 0;
	*count = 0;
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].touchpoint_id == tp_id && (*count)++ == k)
			id = m->metrics[i].id;
	return id;
}

static bool ij_ref_metric(struct ij *c, const cJSON *a,
			  const struct model_map *m, struct model_ref *r)
{
	size_t si, ti, k, n;
	if (!ij_tp_pos(c, "metric", a, 1, true, m, &si, &ti))
		return false;
	int64_t tp = si == MODEL_NOWHERE ? 0
		     : m->stages[si].touchpoints[ti].id;
	size_t old = ij_push_key(c, "metric");
	ij_metric_id(m, tp, 0, &n);
	char *what = si == MODEL_NOWHERE ? xstrdup("metrics")
		: xasprintf("stages[%zu].touchpoints[%zu].metrics", si, ti);
	ij_push_index(c, 2);
	bool ok = ij_index(c, NULL, a->child->next->next, n, what, &k);
	free(what);
	if (!ok)
		return false;
	r->id = ij_metric_id(m, tp, k, &n);
	ij_pop(c, old);
	return true;
}

/* A reference: an object of one member ({"gap": 0}); what it names must
 * be in the document.  `allowed` is a mask of 1 << model_ref_kind. */
static bool ij_ref(struct ij *c, const char *key, const cJSON *v,
		   const struct model_map *m, unsigned allowed,
		   const char *expected, struct model_ref *r)
{
	size_t old = key ? ij_push_key(c, key) : c->plen, i = 0;
	const cJSON *x = v ? v->child : NULL;
	int kind = x && cJSON_IsObject(v) && !x->next
		   ? plan_ref_parse(x->string) : -1;
	if (kind <= MODEL_REF_NONE || !(allowed & (1u << kind)))
		return ij_fail(c, "%s", expected);
	r->kind = (enum model_ref_kind)kind;
	r->id = 0;
	const char *k = x->string;
	size_t si = 0, ti = 0;
	switch (r->kind) {
	case MODEL_REF_MAP:
		if (!cJSON_IsNull(x)) {
			ij_push_key(c, k);
			return ij_fail(c, _("expected null"));
		}
		break;
	case MODEL_REF_STAGE:
		if (!ij_index(c, k, x, m->nstages, "stages", &i))
			return false;
		r->id = m->stages[i].id;
		break;
	case MODEL_REF_TOUCHPOINT:
		if (!ij_tp_pos(c, k, x, 0, false, m, &si, &ti))
			return false;
		r->id = m->stages[si].touchpoints[ti].id;
		break;
	case MODEL_REF_GAP:	/* ids are positions in the document + 1 */
		if (!ij_index(c, k, x, m->ngaps, "gaps", &i))
			return false;
		r->id = (int64_t)i + 1;
		break;
	case MODEL_REF_SILO:
		if (!ij_index(c, k, x, m->nsilos, "silos", &i))
			return false;
		r->id = (int64_t)i + 1;
		break;
	case MODEL_REF_DEPARTMENT:
		ij_push_key(c, k);
		if (!ij_dept_ref(c, m, x, &r->id))
			return false;
		break;
	case MODEL_REF_METRIC:
		if (!ij_ref_metric(c, x, m, r))
			return false;
		break;
	case MODEL_REF_ACTION:
		if (!ij_index(c, k, x, m->nactions, "actions", &i))
			return false;
		r->id = (int64_t)i + 1;
		break;
	case MODEL_REF_NONE:
		break;
	}
	ij_pop(c, old);
	return true;
}

#define IJ_FIXES ((1u << MODEL_REF_GAP) | (1u << MODEL_REF_SILO) | \
		  (1u << MODEL_REF_TOUCHPOINT) | (1u << MODEL_REF_MAP))

static bool ij_action(struct ij *c, const cJSON *o, size_t i,
		      struct model_map *m, struct model_action *a)
{
	static const char *const keys[] = { "title", "fixes", "owner",
		"person", "status", "due", "impact", "effort", "created",
		NULL };
	const cJSON *v[9];
	bool has_impact, has_effort;
	size_t old = ij_push_index(c, i);
	plan_init(PLAN_ACTION, a);
	a->id = (int64_t)i + 1;
	if (!ij_members(c, o, keys, v) ||
	    !ij_plan_text(c, "title", v[0], IJ_NAME, &a->title) ||
	    (v[1] && !cJSON_IsNull(v[1]) &&
	     !ij_ref(c, "fixes", v[1], m, IJ_FIXES,
		     _("expected {\"gap\": g}, {\"silo\": k}, "
		       "{\"touchpoint\": [s, t]} or null (the journey)"),
		     &a->fixes)) ||
	    !ij_plan_text(c, "person", v[3], IJ_LINE, &a->person) ||
	    !ij_plan(c, "status", v[4], PLAN_ACTION, PLAN_ACTION_STATUS, a) ||
	    !ij_plan(c, "due", v[5], PLAN_ACTION, PLAN_ACTION_DUE, a) ||
	    !ij_int(c, "impact", v[6], 1, 3, &has_impact, &a->impact) ||
	    !ij_int(c, "effort", v[7], 1, 3, &has_effort, &a->effort) ||
	    !ij_time(c, v[8], &a->created))
		return false;
	if (!has_impact)
		a->impact = 2;
	if (!has_effort)
		a->effort = 2;
	if (v[2] && !cJSON_IsNull(v[2])) {
		size_t o2 = ij_push_key(c, "owner");
		if (!ij_dept_ref(c, m, v[2], &a->owner_id))
			return false;
		ij_pop(c, o2);
	}
	ij_pop(c, old);
	return true;
}

static bool ij_subjects(struct ij *c, const cJSON *v,
			const struct model_map *m, struct model_decision *d)
{
	size_t n;
	if (!ij_array(c, "subjects", v, 2, &n))
		return false;
	size_t old = ij_push_key(c, "subjects"), k = 0;
	for (const cJSON *it = v ? v->child : NULL; it; it = it->next, k++) {
		size_t o2 = ij_push_index(c, k);
		if (!ij_ref(c, NULL, it, m, ~0u,
			    _("expected a reference such as {\"stage\": 0}"),
			    &d->subject[k]))
			return false;
		ij_pop(c, o2);
	}
	ij_pop(c, old);
	return true;
}

static bool ij_finding(struct ij *c, const cJSON *v, char **out)
{
	size_t old = ij_push_key(c, "finding");
	if (!v)
		return ij_fail(c, _("missing"));
	if (!cJSON_IsString(v) || analysis_kind_parse(v->valuestring) < 0)
		return ij_fail(c, _("expected the key of a kind of finding, "
				    "such as \"unowned\" (doc/GAPS.md)"));
	*out = xstrdup(v->valuestring);
	ij_pop(c, old);
	return true;
}

static bool ij_decision(struct ij *c, const cJSON *o, size_t i,
			const struct model_map *m, struct model_decision *d)
{
	static const char *const keys[] = { "finding", "subjects", "decision",
		"reason", "who", "at", NULL };
	const cJSON *v[6];
	int kind;
	size_t old = ij_push_index(c, i);
	d->id = (int64_t)i + 1;
	if (!ij_members(c, o, keys, v) || !ij_finding(c, v[0], &d->finding) ||
	    !ij_subjects(c, v[1], m, d))
		return false;
	size_t o2 = ij_push_key(c, "decision");
	if (!v[2])
		return ij_fail(c, _("missing"));
	ij_pop(c, o2);
	o2 = ij_push_key(c, "at");	/* when it was decided is known */
	if (!v[5] || cJSON_IsNull(v[5]))
		return ij_fail(c, _("expected a UTC time such as "
				    "\"2024-05-31T14:00:00Z\""));
	ij_pop(c, o2);
	if (!ij_enum(c, "decision", v[2], plan_decision_parse,
		     _("expected \"accepted\" or \"dismissed\""), 0, &kind) ||
	    !ij_text(c, "reason", v[3], IJ_TEXT, &d->reason) ||
	    !ij_text(c, "who", v[4], IJ_LINE, &d->who) ||
	    !ij_time_at(c, "at", v[5], &d->at))
		return false;
	d->decision = (enum model_decision_kind)kind;
	ij_pop(c, old);
	return true;
}

/* Actions and decisions come last: they point at everything else. */
bool ij_plan_lists(struct ij *c, const cJSON *actions,
		   const cJSON *decisions, struct model_map *m)
{
	size_t n, i = 0;
	if (!ij_array(c, "actions", actions, IMPORT_JSON_MAX_PLAN, &n))
		return false;
	size_t old = ij_push_key(c, "actions");
	m->actions = xcalloc(n, sizeof *m->actions);
	for (const cJSON *it = actions ? actions->child : NULL; it;
	     it = it->next) {
		m->nactions++;
		if (!ij_action(c, it, i++, m, &m->actions[m->nactions - 1]))
			return false;
	}
	ij_pop(c, old);
	if (!ij_array(c, "decisions", decisions, IMPORT_JSON_MAX_PLAN, &n))
		return false;
	old = ij_push_key(c, "decisions");
	m->decisions = xcalloc(n, sizeof *m->decisions);
	i = 0;
	for (const cJSON *it = decisions ? decisions->child : NULL; it;
	     it = it->next) {
		m->ndecisions++;
		if (!ij_decision(c, it, i++, m,
				 &m->decisions[m->ndecisions - 1]))
			return false;
	}
	ij_pop(c, old);
	return true;
}
