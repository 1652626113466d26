/* plan.c - metrics, voices, actions and decisions as fields (plan.h). */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/plan.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct pl_field {
	const char *key;
	const char *label;	/* N_() */
};

static const struct pl_field metric_fields[PLAN_METRIC_NFIELDS] = {
	{ "name", N_("Metric") },
	{ "value", N_("Value") },
	{ "target", N_("Target") },
	{ "unit", N_("Unit") },
	{ "better", N_("Better when") },
	{ "measured", N_("Measured on") },
	{ "source", N_("Source") },
};
static const struct pl_field voice_fields[PLAN_VOICE_NFIELDS] = {
	{ "kind", N_("Whose voice") },
	{ "text", N_("Quote or observation") },
	{ "source", N_("Source") },
	{ "date", N_("Date") },
};
static const struct pl_field action_fields[PLAN_ACTION_NFIELDS] = {
	{ "title", N_("Action") },
	{ "owner", N_("Owner department") },
	{ "person", N_("Person") },
	{ "status", N_("Status") },
	{ "due", N_("Due date") },
	{ "impact", N_("Impact") },
	{ "effort", N_("Effort") },
};
static const struct pl_field *const fields[PLAN_NITEMS] = {
	metric_fields, voice_fields, action_fields
};
static const size_t nfields[PLAN_NITEMS] = {
	PLAN_METRIC_NFIELDS, PLAN_VOICE_NFIELDS, PLAN_ACTION_NFIELDS
};
static const char *const item_keys[PLAN_NITEMS] = {
	"metric", "voice", "action"
};

static const char *const better_keys[] = { "higher", "lower" };
static const char *const better_labels[] = { N_("higher is better"),
					     N_("lower is better") };
static const char *const voice_keys[] = { "customer", "employee", "partner",
					  "data" };
static const char *const voice_labels[] = { N_("customer"), N_("employee"),
					    N_("partner"), N_("data") };
static const char *const status_keys[] = { "idea", "planned", "doing",
					   "done", "dropped" };
static const char *const status_labels[] = {
	NC_("action", "idea"), NC_("action", "planned"),
	NC_("action", "doing"), NC_("action", "done"),
	NC_("action", "dropped")
};
static const char *const decision_keys[] = { "accepted", "dismissed" };
static const char *const decision_labels[] = { N_("accepted"),
					       N_("dismissed") };
static const char *const ref_keys[] = { "none", "map", "stage", "touchpoint",
					"gap", "silo", "department", "metric",
					"action" };

#define PL_N(a) ((int)(sizeof a / sizeof *a))

static int pl_parse(const char *const *keys, int n, const char *key)
{
	for (int i = 0; key && i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

static const char *pl_key(const char *const *keys, int n, int i)
{
	return keys[i >= 0 && i < n ? i : 0];
}

const char *plan_better_key(enum model_better b)
{
	return pl_key(better_keys, PL_N(better_keys), (int)b);
}

const char *plan_better_label(enum model_better b)
{
	return _(pl_key(better_labels, PL_N(better_labels), (int)b));
}

int plan_better_parse(const char *key)
{
	return pl_parse(better_keys, PL_N(better_keys), key);
}

const char *plan_voice_kind_key(enum model_voice_kind v)
{
	return pl_key(voice_keys, PL_N(voice_keys), (int)v);
}

const char *plan_voice_kind_label(enum model_voice_kind v)
{
	return _(pl_key(voice_labels, PL_N(voice_labels), (int)v));
}

int plan_voice_kind_parse(const char *key)
{
	return pl_parse(voice_keys, PL_N(voice_keys), key);
}

const char *plan_action_status_key(enum model_action_status s)
{
	return pl_key(status_keys, PL_N(status_keys), (int)s);
}

const char *plan_action_status_label(enum model_action_status s)
{
	int i = (int)s >= 0 && (int)s < PL_N(status_labels) ? (int)s : 0;

	return i18n_ctx(status_labels[i]);
}

int plan_action_status_parse(const char *key)
{
	return pl_parse(status_keys, PL_N(status_keys), key);
}

const char *plan_decision_key(enum model_decision_kind d)
{
	return pl_key(decision_keys, PL_N(decision_keys), (int)d);
}

const char *plan_decision_label(enum model_decision_kind d)
{
	return _(pl_key(decision_labels, PL_N(decision_labels), (int)d));
}

int plan_decision_parse(const char *key)
{
	return pl_parse(decision_keys, PL_N(decision_keys), key);
}

const char *plan_ref_key(enum model_ref_kind r)
{
	return pl_key(ref_keys, PL_N(ref_keys), (int)r);
}

int plan_ref_parse(const char *key)
{
	return pl_parse(ref_keys, PL_N(ref_keys), key);
}

const char *plan_item_key(enum plan_item k)
{
	return (unsigned)k < PLAN_NITEMS ? item_keys[k] : NULL;
}

size_t plan_nfields(enum plan_item k)
{
	return (unsigned)k < PLAN_NITEMS ? nfields[k] : 0;
}

const char *plan_field_key(enum plan_item k, int field)
{
	if ((unsigned)k >= PLAN_NITEMS || field < 0 ||
	    (size_t)field >= nfields[k])
		return NULL;
	return fields[k][field].key;
}

const char *plan_field_label(enum plan_item k, int field)
{
	const char *key = plan_field_key(k, field);

	return key ? _(fields[k][field].label) : "";
}

/* ------------------------------------------------------------------ */
/* Dates and numbers */

static bool pl_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool plan_date_valid(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	int y, mo, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || mo < 1 || mo > 12 || d < 1)
		return false;
	return d <= mdays[mo - 1] + (mo == 2 && pl_leap(y));
}

void plan_today(char out[11])
{
	time_t t = (time_t)clock_now();
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		strcpy(out, "1970-01-01");
		return;
	}
	if (!strftime(out, 11, "%Y-%m-%d", &tm))
		strcpy(out, "1970-01-01");
}

/* A number as people write it in files, whatever the locale: '.' for
 * the decimal point, no thousands separators; finite. */
static bool pl_number(const char *s, double *out)
{
	char *end;
	double v;
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	locale_t old;

	if (!s || !*s || c == (locale_t)0)
		return false;
	old = uselocale(c);
	errno = 0;
	v = strtod(s, &end);
	uselocale(old);
	freelocale(c);
	if (end == s || *end || errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
	return true;
}

static char *pl_number_text(double v)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	locale_t old = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
	char *s = xasprintf("%.15g", v);

	if (c != (locale_t)0) {
		uselocale(old);
		freelocale(c);
	}
	return s;
}

static bool pl_level(const char *s, int *out)
{
	if (!s || s[0] < '1' || s[0] > '3' || s[1])
		return false;
	*out = s[0] - '0';
	return true;
}

static bool pl_dept(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (!*s) {
		*out = 0;
		return true;
	}
	if (*s < '1' || *s > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || errno)
		return false;
	*out = v;
	return true;
}

/* ------------------------------------------------------------------ */
/* Fields as text */

static char *pl_opt_number(bool has, double v)
{
	return has ? pl_number_text(v) : xstrdup("");
}

static char *pl_metric_get(const struct model_metric *v, int f)
{
	switch (f) {
	case PLAN_METRIC_NAME: return xstrdup(v->name);
	case PLAN_METRIC_VALUE:
		return v->has_value ? pl_number_text(v->value)
				    : xstrdup(v->value_text);
	case PLAN_METRIC_TARGET: return pl_opt_number(v->has_target,
						      v->target);
	case PLAN_METRIC_UNIT: return xstrdup(v->unit);
	case PLAN_METRIC_BETTER: return xstrdup(plan_better_key(v->better));
	case PLAN_METRIC_MEASURED: return xstrdup(v->measured);
	case PLAN_METRIC_SOURCE: return xstrdup(v->source);
	}
	return xstrdup("");
}

static char *pl_voice_get(const struct model_voice *v, int f)
{
	switch (f) {
	case PLAN_VOICE_KIND: return xstrdup(plan_voice_kind_key(v->kind));
	case PLAN_VOICE_TEXT: return xstrdup(v->text);
	case PLAN_VOICE_SOURCE: return xstrdup(v->source);
	case PLAN_VOICE_DATE: return xstrdup(v->date);
	}
	return xstrdup("");
}

static char *pl_action_get(const struct model_action *v, int f)
{
	switch (f) {
	case PLAN_ACTION_TITLE: return xstrdup(v->title);
	case PLAN_ACTION_OWNER:
		return v->owner_id ? xasprintf("%" PRId64, v->owner_id)
				   : xstrdup("");
	case PLAN_ACTION_PERSON: return xstrdup(v->person);
	case PLAN_ACTION_STATUS:
		return xstrdup(plan_action_status_key(v->status));
	case PLAN_ACTION_DUE: return xstrdup(v->due);
	case PLAN_ACTION_IMPACT: return xasprintf("%d", v->impact);
	case PLAN_ACTION_EFFORT: return xasprintf("%d", v->effort);
	}
	return xstrdup("");
}

char *plan_get(enum plan_item k, const void *item, int field)
{
	switch (k) {
	case PLAN_METRIC: return pl_metric_get(item, field);
	case PLAN_VOICE: return pl_voice_get(item, field);
	case PLAN_ACTION: return pl_action_get(item, field);
	}
	return xstrdup("");
}

/* The kinds of field, for checking. */
enum pl_type { PL_NAME, PL_TEXT, PL_NUMBER, PL_VALUE, PL_DATE, PL_BETTER,
	       PL_VOICE, PL_STATUS, PL_LEVEL, PL_DEPT };

static enum pl_type pl_type(enum plan_item k, int f)
{
	static const enum pl_type metric[] = { PL_NAME, PL_VALUE, PL_NUMBER,
					       PL_TEXT, PL_BETTER, PL_DATE,
					       PL_TEXT };
	static const enum pl_type voice[] = { PL_VOICE, PL_NAME, PL_TEXT,
					      PL_DATE };
	static const enum pl_type action[] = { PL_NAME, PL_DEPT, PL_TEXT,
					       PL_STATUS, PL_DATE, PL_LEVEL,
					       PL_LEVEL };

	switch (k) {
	case PLAN_METRIC: return metric[f];
	case PLAN_VOICE: return voice[f];
	case PLAN_ACTION: return action[f];
	}
	return PL_TEXT;
}

const char *plan_check(enum plan_item k, int field, const char *value)
{
	double d;
	int64_t id;
	int l;

	if (!plan_field_key(k, field) || !value)
		return _("no such field");
	switch (pl_type(k, field)) {
	case PL_NAME:
		return *value ? NULL : _("it cannot be empty");
	case PL_TEXT:
	case PL_VALUE:
		return NULL;
	case PL_NUMBER:
		return !*value || pl_number(value, &d) ? NULL
			: _("a number, such as 42 or 3.5, or nothing");
	case PL_DATE:
		return !*value || plan_date_valid(value) ? NULL
			: _("a date as YYYY-MM-DD, or nothing");
	case PL_BETTER:
		return plan_better_parse(value) >= 0 ? NULL
			: _("\"higher\" or \"lower\"");
	case PL_VOICE:
		return plan_voice_kind_parse(value) >= 0 ? NULL
			: _("customer, employee, partner or data");
	case PL_STATUS:
		return plan_action_status_parse(value) >= 0 ? NULL
			: _("idea, planned, doing, done or dropped");
	case PL_LEVEL:
		return pl_level(value, &l) ? NULL : _("1, 2 or 3");
	case PL_DEPT:
		return pl_dept(value, &id) ? NULL : _("a department");
	}
	return NULL;
}

static void pl_set_text(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

static void pl_metric_put(struct model_metric *v, int f, const char *s)
{
	switch (f) {
	case PLAN_METRIC_NAME: pl_set_text(&v->name, s); break;
	case PLAN_METRIC_VALUE:
		v->has_value = pl_number(s, &v->value);
		pl_set_text(&v->value_text, v->has_value ? "" : s);
		if (!v->has_value)
			v->value = 0;
		break;
	case PLAN_METRIC_TARGET:
		v->has_target = pl_number(s, &v->target);
		if (!v->has_target)
			v->target = 0;
		break;
	case PLAN_METRIC_UNIT: pl_set_text(&v->unit, s); break;
	case PLAN_METRIC_BETTER:
		v->better = (enum model_better)plan_better_parse(s);
		break;
	case PLAN_METRIC_MEASURED: pl_set_text(&v->measured, s); break;
	case PLAN_METRIC_SOURCE: pl_set_text(&v->source, s); break;
	}
}

static void pl_voice_put(struct model_voice *v, int f, const char *s)
{
	switch (f) {
	case PLAN_VOICE_KIND:
		v->kind = (enum model_voice_kind)plan_voice_kind_parse(s);
		break;
	case PLAN_VOICE_TEXT: pl_set_text(&v->text, s); break;
	case PLAN_VOICE_SOURCE: pl_set_text(&v->source, s); break;
	case PLAN_VOICE_DATE: pl_set_text(&v->date, s); break;
	}
}

static void pl_action_put(struct model_action *v, int f, const char *s)
{
	switch (f) {
	case PLAN_ACTION_TITLE: pl_set_text(&v->title, s); break;
	case PLAN_ACTION_OWNER: pl_dept(s, &v->owner_id); break;
	case PLAN_ACTION_PERSON: pl_set_text(&v->person, s); break;
	case PLAN_ACTION_STATUS:
		v->status = (enum model_action_status)
			plan_action_status_parse(s);
		break;
	case PLAN_ACTION_DUE: pl_set_text(&v->due, s); break;
	case PLAN_ACTION_IMPACT: pl_level(s, &v->impact); break;
	case PLAN_ACTION_EFFORT: pl_level(s, &v->effort); break;
	}
}

bool plan_put(enum plan_item k, void *item, int field, const char *value)
{
	if (plan_check(k, field, value))
		return false;
	switch (k) {
	case PLAN_METRIC: pl_metric_put(item, field, value); break;
	case PLAN_VOICE: pl_voice_put(item, field, value); break;
	case PLAN_ACTION: pl_action_put(item, field, value); break;
	}
	return true;
}

void plan_init(enum plan_item k, void *item)
{
	struct model_metric *mt = item;
	struct model_voice *vc = item;
	struct model_action *ac = item;

	switch (k) {
	case PLAN_METRIC:
		memset(mt, 0, sizeof *mt);
		mt->name = xstrdup("");
		mt->value_text = xstrdup("");
		mt->unit = xstrdup("");
		mt->measured = xstrdup("");
		mt->source = xstrdup("");
		break;
	case PLAN_VOICE:
		memset(vc, 0, sizeof *vc);
		vc->text = xstrdup("");
		vc->source = xstrdup("");
		vc->date = xstrdup("");
		break;
	case PLAN_ACTION:
		memset(ac, 0, sizeof *ac);
		ac->title = xstrdup("");
		ac->person = xstrdup("");
		ac->due = xstrdup("");
		ac->impact = ac->effort = 2;
		ac->fixes.kind = MODEL_REF_MAP;
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Facts */

enum plan_target plan_metric_target(const struct model_metric *v)
{
	if (!v->has_value || !v->has_target)
		return PLAN_NO_TARGET;
	if (v->better == MODEL_BETTER_LOWER)
		return v->value <= v->target ? PLAN_ON_TARGET : PLAN_OFF_TARGET;
	return v->value >= v->target ? PLAN_ON_TARGET : PLAN_OFF_TARGET;
}

bool plan_action_live(const struct model_action *a)
{
	return a->status == MODEL_ACTION_IDEA ||
	       a->status == MODEL_ACTION_PLANNED ||
	       a->status == MODEL_ACTION_DOING;
}

bool plan_action_overdue(const struct model_action *a, const char *today)
{
	return plan_action_live(a) && a->due && *a->due &&
	       strcmp(a->due, today) < 0;
}

int plan_action_compare(const void *pa, const void *pb)
{
	const struct model_action *a = pa, *b = pb;
	/* impact/effort compared without division: ia/ea > ib/eb */
	int lhs = a->impact * b->effort, rhs = b->impact * a->effort;
	bool da = a->due && *a->due, db = b->due && *b->due;
	int c;

	if (lhs != rhs)
		return lhs > rhs ? -1 : 1;
	if (da != db)
		return da ? -1 : 1;
	if (da && (c = strcmp(a->due, b->due)) != 0)
		return c;
	if (a->created != b->created)
		return a->created < b->created ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

#define PL_FIND(name, type, arr, n) \
	const struct type *name(const struct model_map *m, int64_t id) \
	{ \
		for (size_t i = 0; id && i < m->n; i++) \
			if (m->arr[i].id == id) \
				return &m->arr[i]; \
		return NULL; \
	}

PL_FIND(plan_metric, model_metric, metrics, nmetrics)
PL_FIND(plan_voice, model_voice, voices, nvoices)
PL_FIND(plan_action, model_action, actions, nactions)
PL_FIND(plan_decision, model_decision, decisions, ndecisions)

const void *plan_item_find(const struct model_map *m, enum plan_item k,
			   int64_t id)
{
	switch (k) {
	case PLAN_METRIC: return plan_metric(m, id);
	case PLAN_VOICE: return plan_voice(m, id);
	case PLAN_ACTION: return plan_action(m, id);
	}
	return NULL;
}

int64_t plan_item_rev(enum plan_item k, const void *item)
{
	switch (k) {
	case PLAN_METRIC: return ((const struct model_metric *)item)->rev;
	case PLAN_VOICE: return ((const struct model_voice *)item)->rev;
	case PLAN_ACTION: return ((const struct model_action *)item)->rev;
	}
	return 0;
}

bool plan_ref_exists(const struct model_map *m, struct model_ref r)
{
	switch (r.kind) {
	case MODEL_REF_NONE: return false;
	case MODEL_REF_MAP: return true;
	case MODEL_REF_STAGE: return model_stage(m, r.id) != NULL;
	case MODEL_REF_TOUCHPOINT:
		return model_touchpoint(m, r.id, NULL) != NULL;
	case MODEL_REF_GAP: return model_gap(m, r.id) != NULL;
	case MODEL_REF_SILO: return model_silo(m, r.id) != NULL;
	case MODEL_REF_DEPARTMENT: return model_department(m, r.id) != NULL;
	case MODEL_REF_METRIC: return plan_metric(m, r.id) != NULL;
	case MODEL_REF_ACTION: return plan_action(m, r.id) != NULL;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* which items belong to which: sorted (owner, position) pairs */

struct pi_entry {
	int kind;	/* enum model_ref_kind; 0 for metrics */
	int64_t id;
	size_t pos;
};

struct pi_list {
	struct pi_entry *e;	/* by kind, id, then position */
	size_t *pos;	/* e[i].pos, so a run can be handed out */
	size_t n;
};

struct plan_index {
	struct pi_list list[PLAN_NITEMS];
};

static int pi_cmp(const void *x, const void *y)
{
	const struct pi_entry *a = x, *b = y;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

static void pi_sort(struct pi_list *l)
{
	qsort(l->e, l->n, sizeof *l->e, pi_cmp);
	l->pos = xmalloc((l->n ? l->n : 1) * sizeof *l->pos);
	for (size_t i = 0; i < l->n; i++)
		l->pos[i] = l->e[i].pos;
}

static struct pi_entry *pi_alloc(struct pi_list *l, size_t n)
{
	l->n = n;
	l->e = xmalloc((n ? n : 1) * sizeof *l->e);
	return l->e;
}

struct plan_index *plan_index_new(const struct model_map *m)
{
	struct plan_index *x = xcalloc(1, sizeof *x);
	struct pi_entry *e = pi_alloc(&x->list[PLAN_METRIC], m->nmetrics);
	for (size_t i = 0; i < m->nmetrics; i++)
		e[i] = (struct pi_entry){ 0, m->metrics[i].touchpoint_id, i };
	e = pi_alloc(&x->list[PLAN_VOICE], m->nvoices);
	for (size_t i = 0; i < m->nvoices; i++)
		e[i] = (struct pi_entry){ (int)m->voices[i].about.kind,
					  m->voices[i].about.id, i };
	e = pi_alloc(&x->list[PLAN_ACTION], m->nactions);
	for (size_t i = 0; i < m->nactions; i++)
		e[i] = (struct pi_entry){ (int)m->actions[i].fixes.kind,
					  m->actions[i].fixes.id, i };
	for (int k = 0; k < PLAN_NITEMS; k++)
		pi_sort(&x->list[k]);
	return x;
}

void plan_index_free(struct plan_index *x)
{
	if (!x)
		return;
	for (int k = 0; k < PLAN_NITEMS; k++) {
		free(x->list[k].e);
		free(x->list[k].pos);
	}
	free(x);
}

/* The run of entries owned by (kind, id): binary search for its start. */
static const size_t *pi_find(const struct plan_index *x, enum plan_item k,
			     int kind, int64_t id, size_t *n)
{
	const struct pi_list *l = &x->list[k];
	struct pi_entry key = { kind, id, 0 };
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pi_cmp(&l->e[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < l->n && l->e[end].kind == kind && l->e[end].id == id)
		end++;
	*n = end - lo;
	return l->pos + lo;
}

const size_t *plan_index_metrics(const struct plan_index *x, int64_t tp_id,
				 size_t *n)
{
	return pi_find(x, PLAN_METRIC, 0, tp_id, n);
}

const size_t *plan_index_voices(const struct plan_index *x,
				struct model_ref about, size_t *n)
{
	return pi_find(x, PLAN_VOICE, (int)about.kind, about.id, n);
}

const size_t *plan_index_actions(const struct plan_index *x,
				 struct model_ref fixes, size_t *n)
{
	return pi_find(x, PLAN_ACTION, (int)fixes.kind, fixes.id, n);
}

char *plan_metric_amount(const struct model_metric *v, bool target)
{
	char *text = plan_get(PLAN_METRIC, v, target ? PLAN_METRIC_TARGET
					      : PLAN_METRIC_VALUE);
	if (!*text)
		return text;
	bool unit = (target || v->has_value) && v->unit[0];
	char *out = xasprintf("%s%s%s%s",
			      !target ? ""	/* U+2264 ≤, U+2265 ≥ */
			      : v->better == MODEL_BETTER_LOWER ? "\xe2\x89\xa4 "
								: "\xe2\x89\xa5 ",
			      text, unit ? " " : "", unit ? v->unit : "");
	free(text);
	return out;
}
