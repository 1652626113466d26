/* check_plan_store.c - the plan in the map file (schema 5): metrics,
 * voices, actions and decisions are written, read back, changed,
 * conflict-checked, deleted with what they belong to, restored by undo,
 * copied and imported with their references, and a schema 4 file's
 * free-text metrics become metric rows. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "core/store_load.h"
#include "testutil.h"

static void teardown(void)
{
	tu_cleanup();
}

static struct model_map *load(struct store *s, int64_t map)
{
	struct model_map *m = NULL;
	ck_assert_store(store_map_load(s, map, &m));
	return m;
}

/* A map "Plan": stages Discover (touchpoints Ad, Website) and Buy
 * (Checkout), departments Sales and Support, a gap on Website and a silo
 * between the departments on Checkout. */
struct fx {
	struct store *s;
	const char *path;
	int64_t map, discover, buy, ad, web, checkout, sales, support, gap,
		silo;
};

static void fx_open(struct fx *f)
{
	f->path = tu_path("plan.db");
	f->s = tu_open(f->path);
	struct store *s = f->s;
	ck_assert_store(store_map_create(s, "Plan", &f->map));
	ck_assert_store(store_stage_add(s, f->map, 0, "Discover", &f->discover));
	ck_assert_store(store_stage_add(s, f->map, 1, "Buy", &f->buy));
	ck_assert_store(store_tp_add(s, f->discover, 0, "Ad", &f->ad));
	ck_assert_store(store_tp_add(s, f->discover, 1, "Website", &f->web));
	ck_assert_store(store_tp_add(s, f->buy, 0, "Checkout", &f->checkout));
	ck_assert_store(store_dept_create(s, "Sales", &f->sales));
	ck_assert_store(store_dept_create(s, "Support", &f->support));
	ck_assert_store(store_gap_add(s, f->map, 0, f->web, "Slow pages",
				      MODEL_SEV_HIGH, &f->gap));
	ck_assert_store(store_silo_add(s, f->map, f->sales, f->support,
				       f->checkout, "No shared queue",
				       &f->silo));
}

static int64_t add_metric(struct fx *f, int64_t tp, const char *name,
			  const char *value, const char *target)
{
	struct model_metric v;
	plan_init(PLAN_METRIC, &v);
	v.touchpoint_id = tp;
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME, name));
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_VALUE, value));
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_TARGET, target));
	int64_t id = 0;
	ck_assert_store(store_item_add(f->s, PLAN_METRIC, f->map, &v, &id));
	model_metric_clear(&v);
	return id;
}

static int64_t add_voice(struct fx *f, enum model_ref_kind k, int64_t about,
			 const char *text)
{
	struct model_voice v;
	plan_init(PLAN_VOICE, &v);
	v.about = (struct model_ref){ k, about };
	ck_assert(plan_put(PLAN_VOICE, &v, PLAN_VOICE_TEXT, text));
	int64_t id = 0;
	ck_assert_store(store_item_add(f->s, PLAN_VOICE, f->map, &v, &id));
	model_voice_clear(&v);
	return id;
}

static int64_t add_action(struct fx *f, enum model_ref_kind k, int64_t fixes,
			  const char *title, int64_t owner)
{
	struct model_action v;
	plan_init(PLAN_ACTION, &v);
	v.fixes = (struct model_ref){ k, fixes };
	v.owner_id = owner;
	ck_assert(plan_put(PLAN_ACTION, &v, PLAN_ACTION_TITLE, title));
	int64_t id = 0;
	ck_assert_store(store_item_add(f->s, PLAN_ACTION, f->map, &v, &id));
	model_action_clear(&v);
	return id;
}

static char *field(const struct model_map *m, enum plan_item k, int64_t id,
		   int f)
{
	const void *item = k == PLAN_METRIC ? (const void *)plan_metric(m, id)
			 : k == PLAN_VOICE ? (const void *)plan_voice(m, id)
			 : (const void *)plan_action(m, id);
	ck_assert_msg(item != NULL, "%s %lld is not loaded", plan_item_key(k),
		      (long long)id);
	static char buf[256];
	char *v = plan_get(k, item, f);
	snprintf(buf, sizeof buf, "%s", v);
	free(v);
	return buf;
}

/* ------------------------------------------------------------------ */
/* round trips */

START_TEST(test_metric_round_trip)
{
	struct fx f;
	fx_open(&f);
	int64_t nps = add_metric(&f, f.web, "NPS", "31", "40");
	int64_t journey = add_metric(&f, 0, "Renewals", "about 80%", "");
	struct model_map *m = load(f.s, f.map);
	ck_assert_uint_eq(m->nmetrics, 2);
	const struct model_metric *v = plan_metric(m, nps);
	ck_assert_int_eq(v->touchpoint_id, f.web);
	ck_assert_str_eq(v->name, "NPS");
	ck_assert(v->has_value && v->value == 31);
	ck_assert(v->has_target && v->target == 40);
	ck_assert_int_eq(plan_metric_target(v), PLAN_OFF_TARGET);
	v = plan_metric(m, journey);
	ck_assert_int_eq(v->touchpoint_id, 0);
	ck_assert(!v->has_value);
	ck_assert_str_eq(v->value_text, "about 80%");
	ck_assert(!v->has_target);
	int64_t rev = plan_metric(m, nps)->rev;
	model_map_free(m);

	/* every field through its text */
	static const char *const want[] = { "Net promoter", "45", "50", "points",
					    "lower", "2026-03-31", "Survey Q1" };
	for (int i = 0; i < PLAN_METRIC_NFIELDS; i++)
		ck_assert_store(store_item_set(f.s, PLAN_METRIC, nps,
					       STORE_REV_ANY, i, want[i]));
	m = load(f.s, f.map);
	for (int i = 0; i < PLAN_METRIC_NFIELDS; i++)
		ck_assert_str_eq(field(m, PLAN_METRIC, nps, i), want[i]);
	ck_assert_int_gt(plan_metric(m, nps)->rev, rev);
	ck_assert_int_eq(plan_metric_target(plan_metric(m, nps)),
			 PLAN_ON_TARGET);
	model_map_free(m);
	/* a number's text cleared unsets it */
	ck_assert_store(store_item_set(f.s, PLAN_METRIC, nps, STORE_REV_ANY,
				       PLAN_METRIC_TARGET, ""));
	m = load(f.s, f.map);
	ck_assert(!plan_metric(m, nps)->has_target);
	model_map_free(m);
	store_close(f.s);
}
END_TEST

START_TEST(test_voice_round_trip)
{
	struct fx f;
	fx_open(&f);
	int64_t a = add_voice(&f, MODEL_REF_TOUCHPOINT, f.web, "Too slow");
	int64_t b = add_voice(&f, MODEL_REF_STAGE, f.buy, "Easy to pay");
	int64_t c = add_voice(&f, MODEL_REF_GAP, f.gap, "Tickets say so");
	ck_assert_store(store_item_set(f.s, PLAN_VOICE, c, STORE_REV_ANY,
				       PLAN_VOICE_KIND, "employee"));
	ck_assert_store(store_item_set(f.s, PLAN_VOICE, c, STORE_REV_ANY,
				       PLAN_VOICE_SOURCE, "ticket"));
	ck_assert_store(store_item_set(f.s, PLAN_VOICE, c, STORE_REV_ANY,
				       PLAN_VOICE_DATE, "2026-02-28"));
	struct model_map *m = load(f.s, f.map);
	ck_assert_uint_eq(m->nvoices, 3);
	ck_assert_int_eq(plan_voice(m, a)->about.kind, MODEL_REF_TOUCHPOINT);
	ck_assert_int_eq(plan_voice(m, a)->about.id, f.web);
	ck_assert_int_eq(plan_voice(m, b)->about.kind, MODEL_REF_STAGE);
	ck_assert_int_eq(plan_voice(m, b)->about.id, f.buy);
	const struct model_voice *v = plan_voice(m, c);
	ck_assert_int_eq(v->about.kind, MODEL_REF_GAP);
	ck_assert_int_eq(v->about.id, f.gap);
	ck_assert_int_eq(v->kind, MODEL_VOICE_EMPLOYEE);
	ck_assert_str_eq(v->text, "Tickets say so");
	ck_assert_str_eq(v->source, "ticket");
	ck_assert_str_eq(v->date, "2026-02-28");
	model_map_free(m);
	store_close(f.s);
}
END_TEST

START_TEST(test_action_round_trip)
{
	struct fx f;
	fx_open(&f);
	int64_t a = add_action(&f, MODEL_REF_GAP, f.gap, "Cache the pages",
			       f.sales);
	int64_t b = add_action(&f, MODEL_REF_SILO, f.silo, "One queue", 0);
	int64_t c = add_action(&f, MODEL_REF_MAP, 0, "Name a sponsor", 0);
	int64_t d = add_action(&f, MODEL_REF_TOUCHPOINT, f.ad, "New copy", 0);
	char owner[24];
	snprintf(owner, sizeof owner, "%lld", (long long)f.support);
	const char *want[] = { "Cache every page", owner, "Ana", "doing",
			       "2026-05-01", "3", "1" };
	for (int i = 0; i < PLAN_ACTION_NFIELDS; i++)
		ck_assert_store(store_item_set(f.s, PLAN_ACTION, a,
					       STORE_REV_ANY, i, want[i]));
	struct model_map *m = load(f.s, f.map);
	ck_assert_uint_eq(m->nactions, 4);
	for (int i = 0; i < PLAN_ACTION_NFIELDS; i++)
		ck_assert_str_eq(field(m, PLAN_ACTION, a, i), want[i]);
	const struct model_action *v = plan_action(m, a);
	ck_assert_int_eq(v->fixes.kind, MODEL_REF_GAP);
	ck_assert_int_eq(v->fixes.id, f.gap);
	ck_assert_int_gt(v->created, 0);
	ck_assert_int_eq(plan_action(m, b)->fixes.kind, MODEL_REF_SILO);
	ck_assert_int_eq(plan_action(m, b)->fixes.id, f.silo);
	ck_assert_int_eq(plan_action(m, c)->fixes.kind, MODEL_REF_MAP);
	ck_assert_int_eq(plan_action(m, d)->fixes.kind, MODEL_REF_TOUCHPOINT);
	ck_assert_int_eq(plan_action(m, b)->impact, 2);
	ck_assert_int_eq(plan_action(m, b)->status, MODEL_ACTION_IDEA);
	model_map_free(m);
	/* the owner cleared */
	ck_assert_store(store_item_set(f.s, PLAN_ACTION, a, STORE_REV_ANY,
				       PLAN_ACTION_OWNER, ""));
	m = load(f.s, f.map);
	ck_assert_int_eq(plan_action(m, a)->owner_id, 0);
	model_map_free(m);
	store_close(f.s);
}
END_TEST

/* The history names each change: kind, field, the item's name before it
 * and the new text (an owner by its department's name). */
START_TEST(test_plan_history)
{
	struct fx f;
	fx_open(&f);
	int64_t a = add_action(&f, MODEL_REF_GAP, f.gap, "Cache the pages", 0);
	char owner[24];
	snprintf(owner, sizeof owner, "%lld", (long long)f.support);
	ck_assert_store(store_item_set(f.s, PLAN_ACTION, a, STORE_REV_ANY,
				       PLAN_ACTION_OWNER, owner));
	ck_assert_store(store_item_set(f.s, PLAN_ACTION, a, STORE_REV_ANY,
				       PLAN_ACTION_TITLE, "Cache them all"));
	ck_assert_store(store_item_delete(f.s, PLAN_ACTION, a, -1));
	struct store_change *c = NULL;
	size_t n = 0;
	ck_assert_store(store_history_list(f.s, f.map, 4, &c, &n));
	ck_assert_uint_eq(n, 4);
	/* newest first */
	ck_assert_int_eq(c[0].action, STORE_ACTION_DELETE);
	ck_assert_int_eq(c[0].kind, STORE_KIND_ACTION);
	ck_assert_str_eq(c[0].name, "Cache them all");
	ck_assert_int_eq(c[1].action, STORE_ACTION_CHANGE);
	ck_assert_str_eq(c[1].field, "title");
	ck_assert_str_eq(c[1].name, "Cache the pages");
	ck_assert_str_eq(c[1].value, "Cache them all");
	ck_assert_str_eq(c[2].field, "owner");
	ck_assert_str_eq(c[2].value, "Support");
	ck_assert_int_eq(c[3].action, STORE_ACTION_ADD);
	ck_assert_str_eq(c[3].name, "Cache the pages");
	ck_assert_str_eq(c[3].value, "Slow pages");	/* what it fixes */
	store_history_free(c, n);
	store_close(f.s);
}
END_TEST

START_TEST(test_map_fields_and_moment)
{
	struct fx f;
	fx_open(&f);
	struct model_map *m = load(f.s, f.map);
	ck_assert_str_eq(m->owner, "");
	ck_assert_str_eq(m->success, "");
	ck_assert(!m->stages[0].touchpoints[0].moment);
	int64_t rev = m->rev;
	model_map_free(m);
	ck_assert_store(store_map_set(f.s, f.map, rev, STORE_MAP_OWNER,
				      "Chief Customer Officer"));
	ck_assert_store(store_map_set(f.s, f.map, STORE_REV_ANY,
				      STORE_MAP_CX_LEAD, "Ana"));
	ck_assert_store(store_map_set(f.s, f.map, STORE_REV_ANY,
				      STORE_MAP_SUCCESS, "Live in a week"));
	/* someone else changed the owner since `rev` */
	ck_assert_int_eq(store_map_set(f.s, f.map, rev, STORE_MAP_OWNER, "X"),
			 STORE_CONFLICT);
	ck_assert_store(store_tp_set_moment(f.s, f.web, STORE_REV_ANY, true));
	m = load(f.s, f.map);
	ck_assert_str_eq(m->owner, "Chief Customer Officer");
	ck_assert_str_eq(m->cx_lead, "Ana");
	ck_assert_str_eq(m->success, "Live in a week");
	ck_assert(m->stages[0].touchpoints[1].moment);
	ck_assert(!m->stages[0].touchpoints[0].moment);
	/* the part loaders see the same */
	struct model_touchpoint t;
	int64_t map_id = 0;
	size_t pos = 0;
	ck_assert_store(store_load_touchpoint(f.s, m, f.web, &t, &map_id, &pos));
	ck_assert(t.moment);
	ck_assert_str_eq(t.metric_name, "");
	model_touchpoint_clear(&t);
	free(m->owner);
	m->owner = NULL;
	ck_assert_store(store_load_map_row(f.s, m));
	ck_assert_str_eq(m->owner, "Chief Customer Officer");
	model_map_free(m);
	ck_assert_store(store_tp_set_moment(f.s, f.web, STORE_REV_ANY, false));
	m = load(f.s, f.map);
	ck_assert(!m->stages[0].touchpoints[1].moment);
	model_map_free(m);
	store_close(f.s);
}
END_TEST

START_TEST(test_load_items)
{
	struct fx f;
	fx_open(&f);
	int64_t a = add_metric(&f, f.ad, "CTR", "2.5", "3");
	int64_t b = add_metric(&f, 0, "NPS", "20", "30");
	void *v = NULL;
	size_t n = 0;
	ck_assert_store(store_load_items(f.s, f.map, PLAN_METRIC, &v, &n));
	ck_assert_uint_eq(n, 2);
	struct model_metric *mt = v;
	ck_assert_int_eq(mt[0].id, a);
	ck_assert_int_eq(mt[1].id, b);
	ck_assert_str_eq(mt[1].name, "NPS");
	for (size_t i = 0; i < n; i++)
		model_metric_clear(&mt[i]);
	free(v);
	struct model_metric one;
	int64_t map_id = 0;
	ck_assert_store(store_load_item(f.s, PLAN_METRIC, a, &one, &map_id));
	ck_assert_int_eq(map_id, f.map);
	ck_assert_str_eq(one.name, "CTR");
	model_metric_clear(&one);
	ck_assert_int_eq(store_load_item(f.s, PLAN_METRIC, 4242, &one, &map_id),
			 STORE_MISSING);
	model_metric_clear(&one);
	store_close(f.s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* deleting and restoring */

START_TEST(test_delete_restore)
{
	struct fx f;
	fx_open(&f);
	int64_t mt = add_metric(&f, f.web, "NPS", "31", "40");
	int64_t vc = add_voice(&f, MODEL_REF_TOUCHPOINT, f.web, "Too slow");
	int64_t ac = add_action(&f, MODEL_REF_GAP, f.gap, "Cache", f.sales);
	struct model_map *m = load(f.s, f.map);
	struct model_metric smt;
	struct model_voice svc;
	struct model_action sac;
	model_metric_copy(&smt, plan_metric(m, mt));
	model_voice_copy(&svc, plan_voice(m, vc));
	model_action_copy(&sac, plan_action(m, ac));
	model_map_free(m);
	ck_assert_store(store_item_delete(f.s, PLAN_METRIC, mt, smt.rev));
	ck_assert_store(store_item_delete(f.s, PLAN_VOICE, vc, svc.rev));
	ck_assert_store(store_item_delete(f.s, PLAN_ACTION, ac, sac.rev));
	ck_assert_int_eq(store_item_delete(f.s, PLAN_ACTION, ac, -1),
			 STORE_MISSING);
	m = load(f.s, f.map);
	ck_assert_uint_eq(m->nmetrics + m->nvoices + m->nactions, 0);
	model_map_free(m);
	ck_assert_store(store_item_restore(f.s, PLAN_METRIC, f.map, &smt));
	ck_assert_store(store_item_restore(f.s, PLAN_VOICE, f.map, &svc));
	ck_assert_store(store_item_restore(f.s, PLAN_ACTION, f.map, &sac));
	ck_assert_int_eq(store_item_restore(f.s, PLAN_ACTION, f.map, &sac),
			 STORE_EXISTS);
	m = load(f.s, f.map);
	ck_assert_str_eq(plan_metric(m, mt)->name, "NPS");
	ck_assert(plan_metric(m, mt)->value == 31);
	ck_assert_str_eq(plan_voice(m, vc)->text, "Too slow");
	ck_assert_int_eq(plan_action(m, ac)->owner_id, f.sales);
	ck_assert_int_eq(plan_action(m, ac)->created, sac.created);
	model_map_free(m);
	model_metric_clear(&smt);
	model_voice_clear(&svc);
	model_action_clear(&sac);
	store_close(f.s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* migration */

static const struct model_metric *metric_of(const struct model_map *m,
					    int64_t tp)
{
	const struct model_metric *found = NULL;
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].touchpoint_id == tp) {
			ck_assert_msg(!found, "two metrics on touchpoint %lld",
				      (long long)tp);
			found = &m->metrics[i];
		}
	return found;
}

/* A schema 4 file's free-text metrics become metric rows: a number a
 * number, other text text, nothing none, no name "Metric". */
START_TEST(test_migrate_v4)
{
	const char *path = tu_path("v4.db");
	char *sql = tu_read_file(TESTDATA "/schema-v4.sql", NULL);
	tu_sql_exec(path, sql);
	free(sql);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"), 4);
	struct store *s = tu_open(path);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"), 5);
	/* the old columns are gone */
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM"
				    " pragma_table_info('touchpoint')"
				    " WHERE name LIKE 'metric%'"), 0);
	int64_t map;
	ck_assert_store(store_map_find(s, "Metric journey", &map));
	struct model_map *m = load(s, map);
	ck_assert_uint_eq(m->nmetrics, 3);
	const struct model_stage *d = &m->stages[0], *b = &m->stages[1];
	const struct model_metric *v = metric_of(m, d->touchpoints[0].id);
	ck_assert_str_eq(v->name, "NPS");
	ck_assert(v->has_value && v->value == 42);
	ck_assert_str_eq(v->value_text, "");
	ck_assert(!v->has_target);
	ck_assert_int_eq(v->better, MODEL_BETTER_HIGHER);
	v = metric_of(m, d->touchpoints[1].id);
	ck_assert_str_eq(v->name, "Visits");
	ck_assert(!v->has_value);
	ck_assert_str_eq(v->value_text, "4,200 a month");
	ck_assert(metric_of(m, b->touchpoints[0].id) == NULL);
	v = metric_of(m, b->touchpoints[1].id);
	ck_assert_str_eq(v->name, "Metric");
	ck_assert(v->has_value && v->value == 3.5);
	/* the rest came through */
	ck_assert_str_eq(d->touchpoints[0].channel, "e-mail");
	ck_assert_int_eq(d->touchpoints[0].emotion, 1);
	ck_assert_str_eq(model_department(m, d->touchpoints[0].owner_id)->name,
			 "Sales");
	ck_assert_str_eq(d->touchpoints[0].metric_name, "");
	int64_t survey = d->touchpoints[0].id;
	model_map_free(m);
	/* and it works as a current file */
	int64_t id;
	struct model_metric nv;
	plan_init(PLAN_METRIC, &nv);
	ck_assert(plan_put(PLAN_METRIC, &nv, PLAN_METRIC_NAME, "CSAT"));
	ck_assert_store(store_item_add(s, PLAN_METRIC, map, &nv, &id));
	model_metric_clear(&nv);
	ck_assert_store(store_tp_set_moment(s, survey, STORE_REV_ANY, true));
	store_close(s);
}
END_TEST

/* An older cxmap refuses a schema 5 file by its version number: a file
 * that says a newer version is refused untouched. */
START_TEST(test_v5_refused_by_v4)
{
	const char *path = tu_path("v6.db");
	struct store *s = tu_open(path);
	store_close(s);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"), 5);
	tu_sql_exec(path, "PRAGMA user_version = 6");
	struct store *t = NULL;
	ck_assert_int_eq(store_open(path, 0, &t), STORE_NEWER);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"), 6);
}
END_TEST


/* ------------------------------------------------------------------ */
/* conflicts and checks */

/* The newest change's number: a refused edit writes nothing, not even
 * its history. */
static int64_t last_change(const char *path)
{
	return tu_sql_int(path, "SELECT coalesce(max(id), 0) FROM audit");
}

START_TEST(test_conflict)
{
	struct fx f;
	fx_open(&f);
	int64_t nps = add_metric(&f, f.web, "NPS", "31", "40");
	struct model_map *m = load(f.s, f.map);
	int64_t seen = plan_metric(m, nps)->rev;
	model_map_free(m);
	/* someone else sets the target */
	ck_assert_store(store_item_set(f.s, PLAN_METRIC, nps, seen,
				       PLAN_METRIC_TARGET, "45"));
	int64_t before = last_change(f.path);
	/* the same field from the old rev: refused */
	ck_assert_int_eq(store_item_set(f.s, PLAN_METRIC, nps, seen,
					PLAN_METRIC_TARGET, "50"),
			 STORE_CONFLICT);
	/* another field from the old rev: theirs is no reason to refuse */
	ck_assert_store(store_item_set(f.s, PLAN_METRIC, nps, seen,
				       PLAN_METRIC_UNIT, "points"));
	before = last_change(f.path);
	/* a delete from the old rev: refused */
	ck_assert_int_eq(store_item_delete(f.s, PLAN_METRIC, nps, seen),
			 STORE_CONFLICT);
	ck_assert_int_eq(last_change(f.path), before);
	m = load(f.s, f.map);
	ck_assert_str_eq(field(m, PLAN_METRIC, nps, PLAN_METRIC_TARGET), "45");
	ck_assert_str_eq(field(m, PLAN_METRIC, nps, PLAN_METRIC_UNIT), "points");
	int64_t now = plan_metric(m, nps)->rev;
	model_map_free(m);
	ck_assert_store(store_item_delete(f.s, PLAN_METRIC, nps, now));
	ck_assert_int_eq(store_item_set(f.s, PLAN_METRIC, nps, STORE_REV_ANY,
					PLAN_METRIC_NAME, "X"), STORE_MISSING);
	store_close(f.s);
}
END_TEST

START_TEST(test_invalid_refused)
{
	struct fx f;
	fx_open(&f);
	int64_t nps = add_metric(&f, f.web, "NPS", "31", "40");
	int64_t vc = add_voice(&f, MODEL_REF_GAP, f.gap, "Slow");
	int64_t ac = add_action(&f, MODEL_REF_GAP, f.gap, "Cache", f.sales);
	/* another map, whose touchpoint no item of Plan may name */
	int64_t other, ostage, otp;
	ck_assert_store(store_map_create(f.s, "Other", &other));
	ck_assert_store(store_stage_add(f.s, other, 0, "S", &ostage));
	ck_assert_store(store_tp_add(f.s, ostage, 0, "T", &otp));
	int64_t before = last_change(f.path);
	static const struct { enum plan_item k; int f; const char *v;
			      enum store_status want; } bad[] = {
		{ PLAN_METRIC, PLAN_METRIC_NAME, "", STORE_INVALID },
		{ PLAN_METRIC, PLAN_METRIC_TARGET, "forty", STORE_INVALID },
		{ PLAN_METRIC, PLAN_METRIC_BETTER, "up", STORE_INVALID },
		{ PLAN_METRIC, PLAN_METRIC_MEASURED, "2026-02-30", STORE_INVALID },
		{ PLAN_METRIC, PLAN_METRIC_SOURCE, "\xff", STORE_INVALID },
		{ PLAN_METRIC, 99, "x", STORE_INVALID },
		{ PLAN_VOICE, PLAN_VOICE_KIND, "boss", STORE_INVALID },
		{ PLAN_VOICE, PLAN_VOICE_DATE, "yesterday", STORE_INVALID },
		{ PLAN_ACTION, PLAN_ACTION_IMPACT, "4", STORE_INVALID },
		{ PLAN_ACTION, PLAN_ACTION_STATUS, "later", STORE_INVALID },
		{ PLAN_ACTION, PLAN_ACTION_OWNER, "4242", STORE_MISSING },
		{ PLAN_ACTION, PLAN_ACTION_OWNER, "Sales", STORE_INVALID },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t id = bad[i].k == PLAN_METRIC ? nps
			   : bad[i].k == PLAN_VOICE ? vc : ac;
		ck_assert_msg(store_item_set(f.s, bad[i].k, id, STORE_REV_ANY,
					     bad[i].f, bad[i].v) == bad[i].want,
			      "case %zu", i);
	}
	/* too long: a name over STORE_NAME_MAX, a text over STORE_TEXT_MAX */
	char *longname = malloc(STORE_NAME_MAX + 2);
	memset(longname, 'n', STORE_NAME_MAX + 1);
	longname[STORE_NAME_MAX + 1] = '\0';
	ck_assert_int_eq(store_item_set(f.s, PLAN_METRIC, nps, STORE_REV_ANY,
					PLAN_METRIC_NAME, longname),
			 STORE_TOOLONG);
	ck_assert_int_eq(store_item_set(f.s, PLAN_ACTION, ac, STORE_REV_ANY,
					PLAN_ACTION_TITLE, longname),
			 STORE_TOOLONG);
	free(longname);
	char *longtext = malloc(STORE_TEXT_MAX + 2);
	memset(longtext, 't', STORE_TEXT_MAX + 1);
	longtext[STORE_TEXT_MAX + 1] = '\0';
	ck_assert_int_eq(store_item_set(f.s, PLAN_VOICE, vc, STORE_REV_ANY,
					PLAN_VOICE_TEXT, longtext),
			 STORE_TOOLONG);
	free(longtext);
	/* parents of another map, or of a kind the item cannot hang on */
	struct model_metric mt;
	plan_init(PLAN_METRIC, &mt);
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_NAME, "CSAT"));
	mt.touchpoint_id = otp;
	ck_assert_int_eq(store_item_add(f.s, PLAN_METRIC, f.map, &mt, NULL),
			 STORE_INVALID);
	mt.touchpoint_id = 4242;
	ck_assert_int_eq(store_item_add(f.s, PLAN_METRIC, f.map, &mt, NULL),
			 STORE_INVALID);
	mt.touchpoint_id = 0;
	mt.better = (enum model_better)7;
	ck_assert_int_eq(store_item_add(f.s, PLAN_METRIC, f.map, &mt, NULL),
			 STORE_INVALID);
	model_metric_clear(&mt);
	struct model_voice v;
	plan_init(PLAN_VOICE, &v);
	ck_assert(plan_put(PLAN_VOICE, &v, PLAN_VOICE_TEXT, "Said so"));
	v.about = (struct model_ref){ MODEL_REF_MAP, 0 };
	ck_assert_int_eq(store_item_add(f.s, PLAN_VOICE, f.map, &v, NULL),
			 STORE_INVALID);
	v.about = (struct model_ref){ MODEL_REF_TOUCHPOINT, otp };
	ck_assert_int_eq(store_item_add(f.s, PLAN_VOICE, f.map, &v, NULL),
			 STORE_INVALID);
	model_voice_clear(&v);
	struct model_action a;
	plan_init(PLAN_ACTION, &a);
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_TITLE, "Do it"));
	a.fixes = (struct model_ref){ MODEL_REF_STAGE, f.buy };
	ck_assert_int_eq(store_item_add(f.s, PLAN_ACTION, f.map, &a, NULL),
			 STORE_INVALID);
	a.fixes = (struct model_ref){ MODEL_REF_MAP, 0 };
	a.owner_id = 4242;
	ck_assert_int_eq(store_item_add(f.s, PLAN_ACTION, f.map, &a, NULL),
			 STORE_MISSING);
	a.owner_id = 0;
	a.impact = 0;
	ck_assert_int_eq(store_item_add(f.s, PLAN_ACTION, f.map, &a, NULL),
			 STORE_INVALID);
	model_action_clear(&a);
	/* nothing of it was written */
	ck_assert_int_eq(last_change(f.path), before);
	struct model_map *m = load(f.s, f.map);
	ck_assert_uint_eq(m->nmetrics, 1);
	ck_assert_uint_eq(m->nvoices, 1);
	ck_assert_uint_eq(m->nactions, 1);
	ck_assert_str_eq(field(m, PLAN_METRIC, nps, PLAN_METRIC_NAME), "NPS");
	ck_assert_str_eq(field(m, PLAN_METRIC, nps, PLAN_METRIC_TARGET), "40");
	ck_assert_str_eq(field(m, PLAN_ACTION, ac, PLAN_ACTION_IMPACT), "2");
	ck_assert_int_eq(plan_action(m, ac)->owner_id, f.sales);
	model_map_free(m);
	store_close(f.s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* what goes with what */

static int64_t count(const char *path, const char *table)
{
	char sql[64];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	return tu_sql_int(path, sql);
}

START_TEST(test_cascade)
{
	struct fx f;
	fx_open(&f);
	add_metric(&f, f.web, "NPS", "31", "40");
	add_voice(&f, MODEL_REF_TOUCHPOINT, f.web, "Too slow");
	add_action(&f, MODEL_REF_TOUCHPOINT, f.web, "Faster pages", 0);
	add_voice(&f, MODEL_REF_GAP, f.gap, "Tickets");
	add_action(&f, MODEL_REF_GAP, f.gap, "Cache", 0);
	add_action(&f, MODEL_REF_SILO, f.silo, "One queue", 0);
	add_voice(&f, MODEL_REF_STAGE, f.buy, "Easy to pay");
	int64_t journey = add_metric(&f, 0, "Renewals", "80", "90");
	int64_t ad_metric = add_metric(&f, f.ad, "CTR", "2", "3");
	/* the gap goes: its voice and action with it */
	ck_assert_store(store_gap_delete(f.s, f.gap));
	ck_assert_int_eq(count(f.path, "voice"), 2);
	ck_assert_int_eq(count(f.path, "action"), 2);
	/* the touchpoint: its metric, voice and action */
	ck_assert_store(store_tp_delete(f.s, f.web, STORE_REV_ANY));
	ck_assert_int_eq(count(f.path, "metric"), 2);
	ck_assert_int_eq(count(f.path, "voice"), 1);
	ck_assert_int_eq(count(f.path, "action"), 1);
	/* the silo's action, with the silo */
	ck_assert_store(store_silo_delete(f.s, f.silo));
	ck_assert_int_eq(count(f.path, "action"), 0);
	/* a stage: its own voice and its touchpoints' items */
	ck_assert_store(store_stage_delete(f.s, f.buy, STORE_REV_ANY));
	ck_assert_int_eq(count(f.path, "voice"), 0);
	struct model_map *m = load(f.s, f.map);
	ck_assert_uint_eq(m->nmetrics, 2);
	ck_assert(plan_metric(m, journey) && plan_metric(m, ad_metric));
	model_map_free(m);
	ck_assert_store(store_stage_delete(f.s, f.discover, STORE_REV_ANY));
	ck_assert_int_eq(count(f.path, "metric"), 1);	/* the journey's */
	/* the map: everything */
	int64_t version = 0;
	struct store_map_info *v = NULL;
	size_t n = 0;
	ck_assert_store(store_map_list(f.s, &v, &n));
	version = v[0].version;
	store_map_info_free(v, n);
	ck_assert_store(store_map_delete(f.s, f.map, version));
	ck_assert_int_eq(count(f.path, "metric"), 0);
	store_close(f.s);
}
END_TEST

/* Undo of a touchpoint's delete brings it back, then its items under
 * their own ids: an item cannot come back before its parent. */
START_TEST(test_restore_after_parent)
{
	struct fx f;
	fx_open(&f);
	int64_t mt = add_metric(&f, f.web, "NPS", "31", "40");
	int64_t vc = add_voice(&f, MODEL_REF_TOUCHPOINT, f.web, "Too slow");
	struct model_map *m = load(f.s, f.map);
	struct model_touchpoint tp;
	struct model_metric smt;
	struct model_voice svc;
	model_touchpoint_copy(&tp, &m->stages[0].touchpoints[1]);
	model_metric_copy(&smt, plan_metric(m, mt));
	model_voice_copy(&svc, plan_voice(m, vc));
	model_map_free(m);
	ck_assert_store(store_tp_delete(f.s, f.web, tp.rev));
	ck_assert_int_eq(store_item_restore(f.s, PLAN_METRIC, f.map, &smt),
			 STORE_MISSING);
	ck_assert_store(store_tp_restore(f.s, f.discover, 1, &tp));
	ck_assert_store(store_item_restore(f.s, PLAN_METRIC, f.map, &smt));
	ck_assert_store(store_item_restore(f.s, PLAN_VOICE, f.map, &svc));
	m = load(f.s, f.map);
	ck_assert_int_eq(plan_metric(m, mt)->touchpoint_id, f.web);
	ck_assert_int_eq(plan_voice(m, vc)->about.id, f.web);
	ck_assert_str_eq(m->stages[0].touchpoints[1].name, "Website");
	model_map_free(m);
	model_touchpoint_clear(&tp);
	model_metric_clear(&smt);
	model_voice_clear(&svc);
	store_close(f.s);
}
END_TEST

START_TEST(test_dept_owns_action)
{
	struct fx f;
	fx_open(&f);
	int64_t finance;
	ck_assert_store(store_dept_create(f.s, "Finance", &finance));
	int64_t ac = add_action(&f, MODEL_REF_MAP, 0, "Clear invoices",
				finance);
	size_t used = 0;
	ck_assert_store(store_dept_usage(f.s, finance, &used));
	ck_assert_uint_eq(used, 1);
	ck_assert_int_eq(store_dept_delete(f.s, finance), STORE_INUSE);
	struct model_department d;
	ck_assert_store(store_dept_get(f.s, finance, &d));
	free(d.name);
	free(d.label);
	ck_assert_store(store_item_delete(f.s, PLAN_ACTION, ac, -1));
	ck_assert_store(store_dept_usage(f.s, finance, &used));
	ck_assert_uint_eq(used, 0);
	ck_assert_store(store_dept_delete(f.s, finance));
	store_close(f.s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* decisions */

static char reason[] = "a known risk", nobody[] = "";

static struct model_decision decision(const char *finding,
				      enum model_ref_kind k0, int64_t id0,
				      enum model_ref_kind k1, int64_t id1)
{
	char *key;	/* the store only reads it */
	memcpy(&key, &finding, sizeof key);
	return (struct model_decision){
		.finding = key,
		.subject = { { k0, id0 }, { k1, id1 } },
		.decision = MODEL_DECISION_ACCEPTED,
		.reason = reason,
		.who = nobody,
	};
}

START_TEST(test_decisions)
{
	struct fx f;
	fx_open(&f);
	store_set_user(f.s, "ana");
	struct model_decision d = decision("handoff", MODEL_REF_TOUCHPOINT,
					   f.ad, MODEL_REF_TOUCHPOINT, f.web);
	int64_t id = 0, id2 = 0;
	ck_assert_store(store_decision_add(f.s, f.map, &d, &id));
	ck_assert_int_eq(store_decision_add(f.s, f.map, &d, NULL),
			 STORE_EXISTS);
	struct model_decision j = decision("no-journey-owner", MODEL_REF_MAP,
					   0, MODEL_REF_NONE, 0);
	j.decision = MODEL_DECISION_DISMISSED;
	ck_assert_store(store_decision_add(f.s, f.map, &j, &id2));
	/* a subject of another map, or that does not exist */
	int64_t other;
	ck_assert_store(store_map_create(f.s, "Other", &other));
	ck_assert_int_eq(store_decision_add(f.s, other, &d, NULL),
			 STORE_INVALID);
	struct model_decision bad = decision("unowned", MODEL_REF_GAP, 4242,
					     MODEL_REF_NONE, 0);
	ck_assert_int_eq(store_decision_add(f.s, f.map, &bad, NULL),
			 STORE_INVALID);
	struct model_map *m = load(f.s, f.map);
	ck_assert_uint_eq(m->ndecisions, 2);
	const struct model_decision *v = plan_decision(m, id);
	ck_assert_str_eq(v->finding, "handoff");
	ck_assert_int_eq(v->subject[0].kind, MODEL_REF_TOUCHPOINT);
	ck_assert_int_eq(v->subject[0].id, f.ad);
	ck_assert_int_eq(v->subject[1].id, f.web);
	ck_assert_int_eq(v->decision, MODEL_DECISION_ACCEPTED);
	ck_assert_str_eq(v->reason, "a known risk");
	ck_assert_str_eq(v->who, "ana");
	ck_assert_int_gt(v->at, 0);
	ck_assert_int_eq(plan_decision(m, id2)->decision,
			 MODEL_DECISION_DISMISSED);
	struct model_touchpoint tp;
	model_touchpoint_copy(&tp, &m->stages[0].touchpoints[1]);
	struct model_decision keep;
	model_decision_copy(&keep, v);
	model_map_free(m);
	/* its subject deleted: not loaded; back with the subject */
	ck_assert_store(store_tp_delete(f.s, f.web, STORE_REV_ANY));
	m = load(f.s, f.map);
	ck_assert_uint_eq(m->ndecisions, 1);
	model_map_free(m);
	ck_assert_store(store_tp_restore(f.s, f.discover, 1, &tp));
	m = load(f.s, f.map);
	ck_assert_uint_eq(m->ndecisions, 2);
	model_map_free(m);
	model_touchpoint_clear(&tp);
	/* undone, and redone under its id */
	ck_assert_store(store_decision_delete(f.s, id));
	ck_assert_int_eq(store_decision_delete(f.s, id), STORE_MISSING);
	m = load(f.s, f.map);
	ck_assert(plan_decision(m, id) == NULL);
	model_map_free(m);
	ck_assert_store(store_decision_restore(f.s, f.map, &keep));
	m = load(f.s, f.map);
	ck_assert_str_eq(plan_decision(m, id)->who, "ana");
	model_map_free(m);
	model_decision_clear(&keep);
	/* the history */
	struct store_change *c = NULL;
	size_t n = 0;
	ck_assert_store(store_history_list(f.s, f.map, 1, &c, &n));
	ck_assert_int_eq(c[0].kind, STORE_KIND_DECISION);
	ck_assert_int_eq(c[0].action, STORE_ACTION_ADD);
	ck_assert_str_eq(c[0].name, "handoff");
	ck_assert_str_eq(c[0].value, "accepted");
	store_history_free(c, n);
	store_close(f.s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* whole maps */

/* A map with one of everything, each naming another. */
struct fx_plan {
	int64_t nps, journey, voice, gap_voice, action, silo_action, d1, d2;
};

static void fx_plan(struct fx *f, struct fx_plan *p)
{
	p->nps = add_metric(f, f->web, "NPS", "31", "40");
	p->journey = add_metric(f, 0, "Renewals", "80", "90");
	p->voice = add_voice(f, MODEL_REF_TOUCHPOINT, f->web, "Too slow");
	p->gap_voice = add_voice(f, MODEL_REF_GAP, f->gap, "Tickets");
	p->action = add_action(f, MODEL_REF_GAP, f->gap, "Cache", f->sales);
	p->silo_action = add_action(f, MODEL_REF_SILO, f->silo, "One queue",
				    f->support);
	ck_assert_store(store_tp_set_moment(f->s, f->web, STORE_REV_ANY, true));
	ck_assert_store(store_map_set(f->s, f->map, STORE_REV_ANY,
				      STORE_MAP_OWNER, "COO"));
	struct model_decision d = decision("metric-off-target",
					   MODEL_REF_METRIC, p->nps,
					   MODEL_REF_NONE, 0);
	ck_assert_store(store_decision_add(f->s, f->map, &d, &p->d1));
	d = decision("gap-without-action", MODEL_REF_GAP, f->gap,
		     MODEL_REF_ACTION, p->action);
	ck_assert_store(store_decision_add(f->s, f->map, &d, &p->d2));
}

/* m (a copy or an import of the fixture's map) holds the same plan, every
 * reference naming m's own items by what they are. */
static void same_plan(const struct model_map *m)
{
	ck_assert_str_eq(m->owner, "COO");
	ck_assert_uint_eq(m->nmetrics, 2);
	ck_assert_uint_eq(m->nvoices, 2);
	ck_assert_uint_eq(m->nactions, 2);
	ck_assert_uint_eq(m->ndecisions, 2);
	const struct model_touchpoint *web = &m->stages[0].touchpoints[1];
	ck_assert_str_eq(web->name, "Website");
	ck_assert(web->moment);
	const struct model_metric *nps = &m->metrics[0];
	ck_assert_str_eq(nps->name, "NPS");
	ck_assert_int_eq(nps->touchpoint_id, web->id);
	ck_assert_int_eq(m->metrics[1].touchpoint_id, 0);
	ck_assert_int_eq(m->voices[0].about.kind, MODEL_REF_TOUCHPOINT);
	ck_assert_int_eq(m->voices[0].about.id, web->id);
	ck_assert_uint_eq(m->ngaps, 1);
	ck_assert_int_eq(m->voices[1].about.kind, MODEL_REF_GAP);
	ck_assert_int_eq(m->voices[1].about.id, m->gaps[0].id);
	ck_assert_int_eq(m->gaps[0].touchpoint_id, web->id);
	const struct model_action *a = &m->actions[0];
	ck_assert_str_eq(a->title, "Cache");
	ck_assert_int_eq(a->fixes.kind, MODEL_REF_GAP);
	ck_assert_int_eq(a->fixes.id, m->gaps[0].id);
	ck_assert_str_eq(model_department(m, a->owner_id)->name, "Sales");
	ck_assert_int_eq(m->actions[1].fixes.kind, MODEL_REF_SILO);
	ck_assert_int_eq(m->actions[1].fixes.id, m->silos[0].id);
	ck_assert_str_eq(model_department(m, m->actions[1].owner_id)->name,
			 "Support");
	const struct model_decision *d = &m->decisions[0];
	ck_assert_str_eq(d->finding, "metric-off-target");
	ck_assert_int_eq(d->subject[0].kind, MODEL_REF_METRIC);
	ck_assert_int_eq(d->subject[0].id, nps->id);
	d = &m->decisions[1];
	ck_assert_int_eq(d->subject[0].id, m->gaps[0].id);
	ck_assert_int_eq(d->subject[1].kind, MODEL_REF_ACTION);
	ck_assert_int_eq(d->subject[1].id, a->id);
}

START_TEST(test_copy_remaps)
{
	struct fx f;
	fx_open(&f);
	struct fx_plan p;
	fx_plan(&f, &p);
	int64_t copy;
	ck_assert_store(store_map_copy(f.s, f.map, "Plan (copy)", &copy));
	struct model_map *m = load(f.s, copy);
	same_plan(m);
	/* nothing of it is the original's */
	ck_assert_int_ne(m->metrics[0].id, p.nps);
	ck_assert_int_ne(m->metrics[0].touchpoint_id, f.web);
	ck_assert_int_ne(m->actions[0].fixes.id, f.gap);
	model_map_free(m);
	/* the original is as it was */
	m = load(f.s, f.map);
	same_plan(m);
	model_map_free(m);
	/* and the copy is its own: deleting the original's gap leaves it */
	ck_assert_store(store_gap_delete(f.s, f.gap));
	m = load(f.s, copy);
	same_plan(m);
	model_map_free(m);
	store_close(f.s);
}
END_TEST

/* What the importer does: a model (with the ids of another file) into a
 * file, its references to the new ids. */
START_TEST(test_insert_remaps)
{
	struct fx f;
	fx_open(&f);
	struct fx_plan p;
	fx_plan(&f, &p);
	struct model_map *m = load(f.s, f.map);
	store_close(f.s);
	struct store *s = tu_open(tu_path("other.db"));
	/* departments in another order: other ids */
	int64_t *depts = calloc(m->ndepartments, sizeof *depts);
	ck_assert_store(store_dept_create(s, "Marketing", NULL));
	for (size_t i = m->ndepartments; i-- > 0;)
		ck_assert_store(store_dept_create(s, m->departments[i].name,
						  &depts[i]));
	ck_assert_store(store_map_create(s, "Pad", NULL));
	int64_t id;
	ck_assert_store(store_map_insert(s, m, "Imported", depts, &id));
	free(depts);
	model_map_free(m);
	m = load(s, id);
	same_plan(m);
	model_map_free(m);
	store_close(s);
}
END_TEST

/* Undo of a map's delete brings its plan back under the same ids. */
START_TEST(test_map_restore)
{
	struct fx f;
	fx_open(&f);
	struct fx_plan p;
	fx_plan(&f, &p);
	struct model_map *m = load(f.s, f.map);
	ck_assert_store(store_map_delete(f.s, f.map, model_map_version(m)));
	ck_assert_int_eq(count(f.path, "decision"), 0);
	ck_assert_store(store_map_restore(f.s, m));
	model_map_free(m);
	m = load(f.s, f.map);
	same_plan(m);
	ck_assert_int_eq(m->metrics[0].id, p.nps);
	ck_assert_int_eq(m->decisions[1].id, p.d2);
	model_map_free(m);
	store_close(f.s);
}
END_TEST


/* A value no cxmap writes (a file edited by hand with the checks off)
 * fails the load with the row named, rather than reaching the model. */
START_TEST(test_bad_values)
{
	static const struct { const char *sql, *why; } bad[] = {
		{ "UPDATE voice SET kind = 9", ": kind is 9, not 0 to 3" },
		{ "UPDATE action SET impact = 0", ": impact is 0, not 1 to 3" },
		{ "UPDATE metric SET value = 'lots'", ": value is lots, not a number" },
		{ "UPDATE decision SET a_kind = 12", ": a_kind is 12, not 0 to 8" },
		{ "UPDATE touchpoint SET moment = 2", ": moment is 2, not 0 to 1" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct fx f;
		fx_open(&f);
		struct fx_plan p;
		fx_plan(&f, &p);
		store_close(f.s);
		char sql[256];
		snprintf(sql, sizeof sql, "PRAGMA ignore_check_constraints = 1; %s",
			 bad[i].sql);
		tu_sql_exec(f.path, sql);
		f.s = tu_open(f.path);
		struct model_map *m = NULL;
		ck_assert_int_eq(store_map_load(f.s, f.map, &m), STORE_BADVALUE);
		ck_assert(m == NULL);
		ck_assert_msg(strstr(store_why(f.s), bad[i].why) != NULL,
			      "case %zu: %s", i, store_why(f.s));
		store_close(f.s);
		tu_cleanup();
	}
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("plan store");
	TCase *tc = tcase_create("items");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_metric_round_trip);
	tcase_add_test(tc, test_voice_round_trip);
	tcase_add_test(tc, test_action_round_trip);
	tcase_add_test(tc, test_plan_history);
	tcase_add_test(tc, test_map_fields_and_moment);
	tcase_add_test(tc, test_load_items);
	tcase_add_test(tc, test_delete_restore);
	tcase_add_test(tc, test_conflict);
	tcase_add_test(tc, test_invalid_refused);
	tcase_add_test(tc, test_cascade);
	tcase_add_test(tc, test_restore_after_parent);
	tcase_add_test(tc, test_dept_owns_action);
	tcase_add_test(tc, test_decisions);
	suite_add_tcase(s, tc);

	tc = tcase_create("whole maps");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_copy_remaps);
	tcase_add_test(tc, test_insert_remaps);
	tcase_add_test(tc, test_map_restore);
	tcase_add_test(tc, test_bad_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("migration");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_migrate_v4);
	tcase_add_test(tc, test_v5_refused_by_v4);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(plan_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
