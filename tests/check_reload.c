/* check_reload.c - an edit reloads only what it changed: after random
 * sequences of edits, undos and redos through the edit layer, the map
 * patched with what each wrote (model_patch_apply) equals, field by field,
 * the map read whole again (store_map_load); and the loader's parts read
 * what the whole load reads. */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/edit.h"
#include "core/model_patch.h"
#include "core/store_load.h"
#include "testutil.h"
#include "ui/app.h"

static struct store *s;
static struct edit *e;
static struct model_map *m;
static int64_t map_id;
static uint64_t rng;
static char where[160];	/* the step being checked, for messages */

static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (unsigned)(rng % n) : 0;
}

static void setup(void)
{
	s = tu_open(tu_path("reload.db"));
	map_id = tu_sample_map(s, "B2B");
	e = edit_new(s);
	ck_assert_store(store_map_load(s, map_id, &m));
}

static void teardown(void)
{
	model_map_free(m);
	edit_free(e);
	store_close(s);
	tu_cleanup();
}

/* ------------------------------------------------------------------ */
/* comparing two maps field by field */

#define SAME_INT(a, b, what) ck_assert_msg((a) == (b), \
	"%s: %s %" PRId64 " != %" PRId64, where, what, (int64_t)(a), \
	(int64_t)(b))
#define SAME_STR(a, b, what) ck_assert_msg(strcmp(a, b) == 0, \
	"%s: %s \"%s\" != \"%s\"", where, what, a, b)

static void same_tp(const struct model_touchpoint *a,
		    const struct model_touchpoint *b)
{
	SAME_INT(a->id, b->id, "touchpoint id");
	SAME_INT(a->stage_id, b->stage_id, "touchpoint stage");
	SAME_STR(a->name, b->name, "touchpoint name");
	SAME_STR(a->channel, b->channel, "channel");
	SAME_STR(a->notes, b->notes, "notes");
	SAME_INT(a->moment, b->moment, "moment of truth");
	SAME_INT(a->has_emotion, b->has_emotion, "has emotion");
	if (a->has_emotion)
		SAME_INT(a->emotion, b->emotion, "emotion");
	SAME_INT(a->owner_id, b->owner_id, "owner");
	SAME_INT(a->rev, b->rev, "touchpoint rev");
	SAME_INT(a->ncontributors, b->ncontributors, "contributors");
	for (size_t k = 0; k < a->ncontributors; k++)
		SAME_INT(a->contributors[k], b->contributors[k], "contributor");
}

static void same_ref(struct model_ref a, struct model_ref b, const char *what)
{
	SAME_INT(a.kind, b.kind, what);
	SAME_INT(a.id, b.id, what);
}

/* Metrics, voices, actions: every field as its text (plan.h), and what
 * the texts do not show. */
static void same_items(const struct model_map *a, const struct model_map *b)
{
	SAME_INT(a->nmetrics, b->nmetrics, "metrics");
	for (size_t i = 0; i < a->nmetrics; i++) {
		const struct model_metric *x = &a->metrics[i], *y = &b->metrics[i];
		SAME_INT(x->id, y->id, "metric id");
		SAME_INT(x->touchpoint_id, y->touchpoint_id, "metric touchpoint");
		SAME_INT(x->rev, y->rev, "metric rev");
		SAME_STR(x->value_text, y->value_text, "metric value text");
		ck_assert_ptr_eq(plan_metric(a, x->id), x);
	}
	SAME_INT(a->nvoices, b->nvoices, "voices");
	for (size_t i = 0; i < a->nvoices; i++) {
		const struct model_voice *x = &a->voices[i], *y = &b->voices[i];
		SAME_INT(x->id, y->id, "voice id");
		same_ref(x->about, y->about, "voice about");
		SAME_INT(x->rev, y->rev, "voice rev");
	}
	SAME_INT(a->nactions, b->nactions, "actions");
	for (size_t i = 0; i < a->nactions; i++) {
		const struct model_action *x = &a->actions[i], *y = &b->actions[i];
		SAME_INT(x->id, y->id, "action id");
		same_ref(x->fixes, y->fixes, "action fixes");
		SAME_INT(x->created, y->created, "action created");
		SAME_INT(x->rev, y->rev, "action rev");
	}
	for (int k = 0; k < PLAN_NITEMS; k++) {
		size_t n = k == PLAN_METRIC ? a->nmetrics
			: k == PLAN_VOICE ? a->nvoices : a->nactions;
		for (size_t i = 0; i < n; i++)
			for (size_t f = 0; f < plan_nfields((enum plan_item)k);
			     f++) {
				const void *x = k == PLAN_METRIC
					? (const void *)&a->metrics[i]
					: k == PLAN_VOICE
					? (const void *)&a->voices[i]
					: (const void *)&a->actions[i];
				const void *y = k == PLAN_METRIC
					? (const void *)&b->metrics[i]
					: k == PLAN_VOICE
					? (const void *)&b->voices[i]
					: (const void *)&b->actions[i];
				char *tx = plan_get((enum plan_item)k, x, (int)f);
				char *ty = plan_get((enum plan_item)k, y, (int)f);
				SAME_STR(tx, ty, plan_field_key((enum plan_item)k,
								(int)f));
				free(tx);
				free(ty);
			}
	}
	SAME_INT(a->ndecisions, b->ndecisions, "decisions");
	for (size_t i = 0; i < a->ndecisions; i++) {
		const struct model_decision *x = &a->decisions[i],
					    *y = &b->decisions[i];
		SAME_INT(x->id, y->id, "decision id");
		SAME_STR(x->finding, y->finding, "finding");
		same_ref(x->subject[0], y->subject[0], "subject");
		same_ref(x->subject[1], y->subject[1], "second subject");
		SAME_INT(x->decision, y->decision, "decision");
		SAME_STR(x->reason, y->reason, "reason");
		SAME_STR(x->who, y->who, "who");
		SAME_INT(x->at, y->at, "decided at");
	}
}

static void same_map(const struct model_map *a, const struct model_map *b)
{
	SAME_STR(a->name, b->name, "map name");
	SAME_STR(a->persona, b->persona, "persona");
	SAME_STR(a->scenario, b->scenario, "scenario");
	SAME_STR(a->promise, b->promise, "promise");
	SAME_STR(a->owner, b->owner, "journey owner");
	SAME_STR(a->cx_lead, b->cx_lead, "CX lead");
	SAME_STR(a->success, b->success, "definition of success");
	SAME_INT(a->created, b->created, "created");
	SAME_INT(a->updated, b->updated, "updated");
	SAME_INT(a->rev, b->rev, "map rev");
	SAME_INT(a->ndepartments, b->ndepartments, "departments");
	for (size_t i = 0; i < a->ndepartments; i++) {
		const struct model_department *x = &a->departments[i],
					      *y = &b->departments[i];
		SAME_INT(x->id, y->id, "department id");
		SAME_STR(x->name, y->name, "department name");
		SAME_STR(x->label, y->label, "label");
		SAME_INT(x->colour, y->colour, "colour");
		ck_assert_ptr_eq(model_department(a, x->id), x);
	}
	SAME_INT(a->nstages, b->nstages, "stages");
	for (size_t i = 0; i < a->nstages; i++) {
		const struct model_stage *x = &a->stages[i], *y = &b->stages[i];
		SAME_INT(x->id, y->id, "stage id");
		SAME_STR(x->name, y->name, "stage name");
		SAME_STR(x->description, y->description, "description");
		SAME_INT(x->rev, y->rev, "stage rev");
		ck_assert_ptr_eq(model_stage(a, x->id), x);
		SAME_INT(x->ntouchpoints, y->ntouchpoints, "touchpoints");
		for (size_t j = 0; j < x->ntouchpoints; j++) {
			same_tp(&x->touchpoints[j], &y->touchpoints[j]);
			size_t si = 99;
			ck_assert_ptr_eq(model_touchpoint(a, x->touchpoints[j].id,
							  &si),
					 &x->touchpoints[j]);
			ck_assert_uint_eq(si, i);
		}
	}
	SAME_INT(a->ngaps, b->ngaps, "gaps");
	for (size_t i = 0; i < a->ngaps; i++) {
		const struct model_gap *x = &a->gaps[i], *y = &b->gaps[i];
		SAME_INT(x->id, y->id, "gap id");
		SAME_INT(x->stage_id, y->stage_id, "gap stage");
		SAME_INT(x->touchpoint_id, y->touchpoint_id, "gap touchpoint");
		SAME_STR(x->description, y->description, "gap description");
		SAME_INT(x->severity, y->severity, "severity");
		SAME_INT(x->status, y->status, "gap status");
		SAME_INT(x->created, y->created, "gap created");
		ck_assert_ptr_eq(model_gap(a, x->id), x);
	}
	SAME_INT(a->nsilos, b->nsilos, "silos");
	for (size_t i = 0; i < a->nsilos; i++) {
		const struct model_silo *x = &a->silos[i], *y = &b->silos[i];
		SAME_INT(x->id, y->id, "silo id");
		SAME_INT(x->dept_a, y->dept_a, "dept a");
		SAME_INT(x->dept_b, y->dept_b, "dept b");
		SAME_INT(x->touchpoint_id, y->touchpoint_id, "silo touchpoint");
		SAME_STR(x->description, y->description, "silo description");
		SAME_INT(x->status, y->status, "silo status");
		SAME_INT(x->created, y->created, "silo created");
		ck_assert_ptr_eq(model_silo(a, x->id), x);
	}
	same_items(a, b);
}

/* ------------------------------------------------------------------ */
/* random edits */

static const struct model_touchpoint *any_tp(void)
{
	size_t n = model_touchpoint_count(m);
	if (!n)
		return NULL;
	size_t k = pick((unsigned)n);
	for (size_t i = 0; i < m->nstages; i++) {
		if (k < m->stages[i].ntouchpoints)
			return &m->stages[i].touchpoints[k];
		k -= m->stages[i].ntouchpoints;
	}
	return NULL;
}

static const struct model_stage *any_stage(void)
{
	return m->nstages ? &m->stages[pick((unsigned)m->nstages)] : NULL;
}

static int64_t any_dept(void)
{
	return m->ndepartments
	       ? m->departments[pick((unsigned)m->ndepartments)].id : 0;
}

static const char *any_text(void)
{
	static const char *const v[] = { "Alpha", "Beta", "Gamma", "Delta",
		"ünïcödé", "two\nlines", "Zeta", "Eta", "" };
	static char buf[64];
	snprintf(buf, sizeof buf, "%s %u", v[pick(8)], pick(100));
	return buf;
}

static void edit_records(unsigned what)
{
	const struct model_touchpoint *t = any_tp();
	const struct model_stage *sg = any_stage();
	const struct model_gap *g = m->ngaps ? &m->gaps[pick((unsigned)m->ngaps)]
					      : NULL;
	const struct model_silo *o = m->nsilos
		? &m->silos[pick((unsigned)m->nsilos)] : NULL;
	switch (what) {
	case 0:
		if (sg)
			edit_gap_add(e, m, t && pick(2) ? 0 : sg->id,
				     t && pick(2) ? t->id : 0, any_text(),
				     (enum model_severity)pick(3), NULL);
		break;
	case 1:
		if (g)
			edit_gap_set_description(e, m, g->id, any_text());
		break;
	case 2:
		if (g)
			edit_gap_set_severity(e, m, g->id,
					      (enum model_severity)pick(3));
		break;
	case 3:
		if (g)
			edit_gap_set_status(e, m, g->id,
					    (enum model_status)pick(2));
		break;
	case 4:
		if (g)
			edit_gap_delete(e, m, g->id);
		break;
	case 5: {
		int64_t a = any_dept(), b = any_dept();
		if (a && b && a != b)
			edit_silo_add(e, m, a, b, t && pick(2) ? t->id : 0,
				      any_text(), NULL);
		break;
	}
	case 6:
		if (o)
			edit_silo_set_status(e, m, o->id,
					     (enum model_status)pick(2));
		break;
	case 7:
		if (o)
			edit_silo_set_description(e, m, o->id, any_text());
		break;
	default:
		if (o)
			edit_silo_delete(e, m, o->id);
		break;
	}
}

static void edit_depts(unsigned what)
{
	int64_t d = any_dept(), id;
	char name[32];
	switch (what) {
	case 0:
		snprintf(name, sizeof name, "Dept %u", pick(20));
		edit_dept_find_or_create(e, name, &id);
		break;
	case 1:
		if (d)
			edit_dept_set_label(e, m, d, any_text());
		break;
	case 2:
		if (d)
			edit_dept_set_colour(e, m, d, (int)pick(8));
		break;
	case 3:
		if (d)
			edit_dept_delete(e, m, d);
		break;
	default:
		snprintf(name, sizeof name, "Renamed %u", pick(50));
		if (d)
			edit_dept_rename(e, m, d, name);
		break;
	}
}

/* The contributors dialog's step: ticks, and a department made on the
 * fly, as one undo. */
static void edit_contributors(const struct model_touchpoint *t)
{
	int64_t tp = t->id, id;
	char name[32];
	edit_step_begin(e, "change the contributors");
	edit_tp_set_contributor(e, m, tp, any_dept(), pick(2));
	snprintf(name, sizeof name, "Made %u", pick(10));
	if (edit_dept_find_or_create(e, name, &id) == STORE_OK)
		edit_tp_set_contributor(e, m, tp, id, true);
	edit_step_end(e);
}

static void edit_journey(unsigned what)
{
	const struct model_touchpoint *t = any_tp();
	const struct model_stage *sg = any_stage();
	switch (what) {
	case 0:
		edit_map_set(e, m, (enum store_map_field)pick(7),
			     pick(4) ? any_text() : "Name");
		break;
	case 1:
		edit_stage_add(e, m, pick((unsigned)m->nstages + 2), any_text(),
			       NULL);
		break;
	case 2:
		if (sg)
			edit_stage_set(e, m, sg->id,
				       (enum store_stage_field)pick(2),
				       any_text());
		break;
	case 3:
		if (sg)
			edit_stage_move(e, m, sg->id, pick((unsigned)m->nstages));
		break;
	case 4:
		if (sg && m->nstages > 2 && !pick(3))
			edit_stage_delete(e, m, sg->id);
		break;
	case 5:
	case 6:
		if (sg)
			edit_tp_add(e, m, sg->id,
				    pick((unsigned)sg->ntouchpoints + 2),
				    any_text(), NULL);
		break;
	case 7:
		if (t)
			edit_tp_set(e, m, t->id, (enum store_tp_field)pick(3),
				    any_text());
		break;
	case 8:
		if (t)
			edit_tp_set_emotion(e, m, t->id, pick(4) > 0,
					    (int)pick(5) - 2);
		break;
	case 9:
		if (t)
			edit_tp_set_owner(e, m, t->id, pick(4) ? any_dept() : 0);
		break;
	case 10:
		if (t)
			edit_contributors(t);
		break;
	case 11:
		if (t && sg)
			edit_tp_move(e, m, t->id, sg->id,
				     pick((unsigned)sg->ntouchpoints + 1));
		break;
	case 12:
		/* several touchpoints placed in one step: the stages' lists of
		 * ids are read again */
		if (sg && t) {
			edit_step_begin(e, "several");
			edit_tp_add(e, m, sg->id, pick(3), any_text(), NULL);
			edit_tp_move(e, m, t->id, sg->id, pick(3));
			edit_tp_add(e, m, t->stage_id, 0, any_text(), NULL);
			edit_step_end(e);
		}
		break;
	default:
		if (t)
			edit_tp_delete(e, m, t->id);
		break;
	}
}

/* A valid text for a field (mostly): what a form would send. */
static const char *any_value(enum plan_item k, int f)
{
	static char buf[32];
	static const char *const dates[] = { "2025-01-31", "2026-02-28", "" };
	const char *key = plan_field_key(k, f);
	if (!strcmp(key, "value") || !strcmp(key, "target")) {
		static const char *const v[] = { "40", "-3.5", "", "n/a" };
		return v[pick(k == PLAN_METRIC && !strcmp(key, "value") ? 4 : 3)];
	}
	if (!strcmp(key, "better"))
		return pick(2) ? "higher" : "lower";
	if (!strcmp(key, "kind"))
		return plan_voice_kind_key((enum model_voice_kind)pick(4));
	if (!strcmp(key, "status"))
		return plan_action_status_key((enum model_action_status)pick(5));
	if (!strcmp(key, "measured") || !strcmp(key, "date") ||
	    !strcmp(key, "due"))
		return dates[pick(3)];
	if (!strcmp(key, "impact") || !strcmp(key, "effort")) {
		snprintf(buf, sizeof buf, "%u", 1 + pick(3));
		return buf;
	}
	if (!strcmp(key, "owner")) {
		int64_t d = pick(4) ? any_dept() : 0;
		if (!d)
			return "";
		snprintf(buf, sizeof buf, "%lld", (long long)d);
		return buf;
	}
	return any_text();
}

/* Something a voice, an action or a decision can be about. */
static struct model_ref any_ref(bool actions)
{
	const struct model_touchpoint *t = any_tp();
	const struct model_stage *sg = any_stage();
	switch (pick(4)) {
	case 0:
		if (m->ngaps)
			return (struct model_ref){ MODEL_REF_GAP,
				m->gaps[pick((unsigned)m->ngaps)].id };
		break;
	case 1:
		if (actions && m->nsilos)
			return (struct model_ref){ MODEL_REF_SILO,
				m->silos[pick((unsigned)m->nsilos)].id };
		if (!actions && sg)
			return (struct model_ref){ MODEL_REF_STAGE, sg->id };
		break;
	case 2:
		if (actions)
			return (struct model_ref){ MODEL_REF_MAP, 0 };
		break;
	default:
		break;
	}
	if (t)
		return (struct model_ref){ MODEL_REF_TOUCHPOINT, t->id };
	return (struct model_ref){ MODEL_REF_NONE, 0 };
}

static int64_t any_item(enum plan_item k)
{
	size_t n = k == PLAN_METRIC ? m->nmetrics
		: k == PLAN_VOICE ? m->nvoices : m->nactions;
	if (!n)
		return 0;
	size_t i = pick((unsigned)n);
	return k == PLAN_METRIC ? m->metrics[i].id
		: k == PLAN_VOICE ? m->voices[i].id : m->actions[i].id;
}

static void add_item(enum plan_item k)
{
	union { struct model_metric v; struct model_voice o;
		struct model_action a; } u;
	const struct model_touchpoint *t = any_tp();
	plan_init(k, &u);
	for (size_t f = 0; f < plan_nfields(k); f++)
		if (pick(2))
			plan_put(k, &u, (int)f, any_value(k, (int)f));
	if (k == PLAN_METRIC) {
		plan_put(k, &u, PLAN_METRIC_NAME, any_text());
		u.v.touchpoint_id = t && pick(4) ? t->id : 0;
	} else if (k == PLAN_VOICE) {
		plan_put(k, &u, PLAN_VOICE_TEXT, any_text());
		u.o.about = any_ref(false);
	} else {
		plan_put(k, &u, PLAN_ACTION_TITLE, any_text());
		u.a.fixes = any_ref(true);
	}
	edit_item_add(e, m, k, &u, NULL);
	if (k == PLAN_METRIC)
		model_metric_clear(&u.v);
	else if (k == PLAN_VOICE)
		model_voice_clear(&u.o);
	else
		model_action_clear(&u.a);
}

static void edit_decisions(void)
{
	static const char *const kinds[] = { "unowned", "handoff",
		"metric-off-target", "gap-without-action" };
	if (m->ndecisions && pick(3) == 0) {
		edit_decision_delete(e, m,
			m->decisions[pick((unsigned)m->ndecisions)].id);
		return;
	}
	char key[64], reason[64], who[] = "";
	snprintf(key, sizeof key, "%s", kinds[pick(4)]);
	snprintf(reason, sizeof reason, "%s", any_text());
	struct model_decision d = { .finding = key,
		.decision = (enum model_decision_kind)pick(2),
		.reason = reason, .who = who };
	d.subject[0] = any_ref(true);
	int64_t v = any_item(PLAN_METRIC), a = any_item(PLAN_ACTION);
	if (v && !pick(3))
		d.subject[0] = (struct model_ref){ MODEL_REF_METRIC, v };
	if (a && !pick(3))
		d.subject[1] = (struct model_ref){ MODEL_REF_ACTION, a };
	edit_decision_add(e, m, &d, NULL);
}

/* Metrics, voices, actions, decisions, moments of truth. */
static void edit_plan(unsigned what)
{
	enum plan_item k = (enum plan_item)(what % PLAN_NITEMS);
	const struct model_touchpoint *t = any_tp();
	int64_t id = any_item(k);
	switch (what / PLAN_NITEMS) {
	case 0:
	case 1:
		add_item(k);
		break;
	case 2:
	case 3:
		if (id) {
			int f = (int)pick((unsigned)plan_nfields(k));
			edit_item_set(e, m, k, id, f, any_value(k, f));
		}
		break;
	case 4:
		if (id)
			edit_item_delete(e, m, k, id);
		break;
	case 5:
		if (t)
			edit_tp_set_moment(e, m, t->id, !t->moment);
		break;
	default:
		edit_decisions();
		break;
	}
}

/* One random edit, undo or redo. */
static void random_edit(void)
{
	unsigned what = pick(61);
	if (what < 16)
		edit_journey(what % 14);
	else if (what < 26)
		edit_records(what - 16);
	else if (what < 30)
		edit_depts(what - 26);
	else if (what < 51)
		edit_plan(what - 30);
	else if (what < 57)
		edit_undo(e);
	else
		edit_redo(e);
}

/* Patches the model with what the last step wrote and compares it with
 * the map read whole.  A patch is refused only for what edit_changed
 * says cannot be patched. */
static bool patch_and_compare(void)
{
	const struct edit_change *c = edit_changed(e);
	struct model_patch p;
	enum store_status st = model_patch_apply(s, m, c, &p);
	ck_assert_msg(st == STORE_OK || c->all, "%s: patch refused: %s", where,
		      store_status_message(st));
	model_patch_free(&p);
	edit_changed_reset(e);
	struct model_map *fresh = NULL;
	ck_assert_store(store_map_load(s, map_id, &fresh));
	if (st == STORE_OK)
		same_map(m, fresh);
	model_map_free(m);
	m = fresh;	/* the next edit works on the map as a person saw it */
	return st == STORE_OK;
}

static void random_run(uint64_t seed, int steps)
{
	rng = seed;
	int patched = 0;
	for (int i = 0; i < steps; i++) {
		uint64_t before = rng;
		random_edit();
		snprintf(where, sizeof where, "seed %" PRIu64 " step %d (rng %"
			 PRIu64 ")", seed, i, before);
		patched += patch_and_compare();
	}
	/* most steps are patched, not read whole */
	ck_assert_int_gt(patched, steps * 3 / 4);
	ck_assert(tu_positions_ok(tu_path("reload.db")));
}

START_TEST(test_random_edits)
{
	random_run(0x9E3779B97F4A7C15u + (uint64_t)_i * 7919u, 400);
}
END_TEST

/* The patched map is kept, not replaced: errors stay unseen only if the
 * same model is patched over and over; this run never reads it whole. */
START_TEST(test_patched_model_kept)
{
	rng = 12345;
	for (int i = 0; i < 300; i++) {
		random_edit();
		snprintf(where, sizeof where, "kept step %d", i);
		const struct edit_change *c = edit_changed(e);
		struct model_patch p;
		enum store_status st = model_patch_apply(s, m, c, &p);
		model_patch_free(&p);
		edit_changed_reset(e);
		struct model_map *fresh = NULL;
		ck_assert_store(store_map_load(s, map_id, &fresh));
		if (st == STORE_OK) {
			same_map(m, fresh);
			model_map_free(fresh);
		} else {
			ck_assert(c->all);
			model_map_free(m);
			m = fresh;
		}
	}
}
END_TEST

/* What a step touched, as the interface's after-an-edit path sees it. */
START_TEST(test_changed_parts)
{
	int64_t tp = m->stages[0].touchpoints[0].id;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Banner"));
	const struct edit_change *c = edit_changed(e);
	ck_assert(!c->all && !c->stages && !c->places && !c->departments);
	ck_assert_uint_eq(c->ntp_ids, 1);
	ck_assert_int_eq(c->tp_ids[0], tp);
	ck_assert_uint_eq(c->nstage_ids + c->ngap_ids + c->nsilo_ids, 0);
	ck_assert_store(edit_tp_add(e, m, m->stages[1].id, 0, "New", NULL));
	ck_assert(c->places && !c->stages);
	ck_assert_store(edit_undo(e));
	ck_assert(c->places && c->removed && c->ntp_ids == 1);
	int64_t d = m->departments[0].id;
	ck_assert_store(edit_dept_set_colour(e, m, d, 3));
	ck_assert(c->departments && !c->all);
	ck_assert_store(edit_dept_rename(e, m, d, "Zebra"));
	ck_assert(c->all);	/* contributors go in the names' order */
	ck_assert_store(edit_stage_move(e, m, m->stages[0].id, 2));
	ck_assert(c->stages && c->nstage_ids == 1 && !c->all);
	/* a metric: its list is read again, and nothing else */
	struct model_metric v;
	plan_init(PLAN_METRIC, &v);
	v.touchpoint_id = tp;
	plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME, "NPS");
	int64_t id = 0;
	ck_assert_store(edit_item_add(e, m, PLAN_METRIC, &v, &id));
	model_metric_clear(&v);
	ck_assert(c->items[PLAN_METRIC] && !c->items[PLAN_VOICE] &&
		  !c->items[PLAN_ACTION] && !c->all);
	ck_assert_uint_eq(c->ntp_ids + c->nstage_ids + c->ngap_ids, 0);
	ck_assert_store(edit_tp_set_moment(e, m, tp, true));
	ck_assert(!c->items[PLAN_METRIC] && c->ntp_ids == 1 && !c->places);
	/* a deleted touchpoint's metrics and voices went with it */
	model_map_free(m);
	ck_assert_store(store_map_load(s, map_id, &m));
	ck_assert_store(edit_tp_delete(e, m, m->stages[1].touchpoints[0].id));
	ck_assert(c->items[PLAN_METRIC] && c->items[PLAN_VOICE] &&
		  c->items[PLAN_ACTION] && c->decisions);
}
END_TEST

/* Adding a stage, touchpoint, gap or silo changes no list of metrics,
 * voices, actions or decisions: the plan is not read again (on a map of
 * 10,000 touchpoints that read was a third of an add).  Only a delete,
 * which takes its items with it, reads them again. */
static bool no_plan_read(const struct edit_change *c)
{
	return !c->items[PLAN_METRIC] && !c->items[PLAN_VOICE] &&
	       !c->items[PLAN_ACTION] && !c->decisions;
}

START_TEST(test_add_reads_no_plan)
{
	const struct edit_change *c = edit_changed(e);
	int64_t sg = 0, tp = 0, gap = 0, silo = 0;
	ck_assert_store(edit_stage_add(e, m, 1, "Compare", &sg));
	ck_assert(no_plan_read(c) && c->stages);
	ck_assert_store(edit_tp_add(e, m, m->stages[0].id, 0, "Ad", &tp));
	ck_assert(no_plan_read(c) && c->places);
	ck_assert_store(edit_gap_add(e, m, 0, m->stages[0].touchpoints[0].id,
				     "Slow", MODEL_SEV_HIGH, &gap));
	ck_assert(no_plan_read(c) && c->ngap_ids == 1);
	ck_assert_store(edit_silo_add(e, m, m->departments[0].id,
				      m->departments[1].id, 0, "Apart",
				      &silo));
	ck_assert(no_plan_read(c) && c->nsilo_ids == 1);
	/* undoing the silo's add deletes it: its actions went with it */
	ck_assert_store(edit_undo(e));
	ck_assert(c->items[PLAN_ACTION] && c->decisions);
	/* redone, it comes back with the decisions on it */
	ck_assert_store(edit_redo(e));
	ck_assert(!c->items[PLAN_METRIC] && !c->items[PLAN_ACTION] &&
		  c->decisions);
}
END_TEST

/* A part read alone is what the whole load holds. */
START_TEST(test_parts_equal_whole)
{
	strcpy(where, "parts");
	for (size_t i = 0; i < m->nstages; i++) {
		struct model_stage sg = { 0 };
		int64_t in = 0;
		ck_assert_store(store_load_stage(s, m, m->stages[i].id, true,
						 &sg, &in));
		ck_assert_int_eq(in, map_id);
		ck_assert_uint_eq(sg.ntouchpoints, m->stages[i].ntouchpoints);
		for (size_t j = 0; j < sg.ntouchpoints; j++) {
			struct model_touchpoint t = { 0 };
			size_t pos = 99;
			same_tp(&sg.touchpoints[j], &m->stages[i].touchpoints[j]);
			ck_assert_store(store_load_touchpoint(s, m,
				sg.touchpoints[j].id, &t, &in, &pos));
			ck_assert_uint_eq(pos, j);
			same_tp(&t, &m->stages[i].touchpoints[j]);
			model_touchpoint_clear(&t);
		}
		model_stage_clear(&sg);
	}
	struct model_touchpoint t = { 0 };
	int64_t in = 0;
	size_t pos = 0;
	ck_assert_int_eq(store_load_touchpoint(s, m, 99999, &t, &in, &pos),
			 STORE_MISSING);
	model_touchpoint_clear(&t);
}
END_TEST

/* Another connection's write is not this session's edit: the interface
 * must not patch then (app_edited compares the data version); here, a
 * patch of an item someone else deleted is refused, not wrong. */
START_TEST(test_other_writer_refused)
{
	int64_t tp = m->stages[0].touchpoints[1].id;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Mine"));
	struct store *other = tu_open(tu_path("reload.db"));
	ck_assert_store(store_tp_delete(other, tp, STORE_REV_ANY));
	store_close(other);
	struct model_patch p;
	enum store_status st = model_patch_apply(s, m, edit_changed(e), &p);
	model_patch_free(&p);
	ck_assert_int_ne(st, STORE_OK);
}
END_TEST

/* ------------------------------------------------------------------ */
/* through the interface's keys */

static void keys(const char *k)
{
	for (size_t i = strlen(k); i-- > 0;)
		ungetch((unsigned char)k[i]);
}

/* A rename and an add on the board patch the open map in place (the
 * same model, not a new one read whole); an edit after someone else's
 * write reads it all, and their change shows. */
START_TEST(test_app_edit_patches)
{
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "160", 1);
	setenv("TERM", "xterm-256color", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	SCREEN *screen = newterm(NULL, out, in);
	ck_assert(screen != NULL);
	struct app a;
	ck_assert(app_open(&a, s, "B2B"));
	app_feed(&a, KEY_DOWN);	/* the first card */
	app_draw(&a);
	const struct model_map *was = a.map;
	keys("x\n");
	app_feed(&a, 'r');
	ck_assert_ptr_eq(a.map, was);
	ck_assert_str_eq(app_touchpoint(&a)->name, "Adx");
	keys("New\n");
	app_feed(&a, 'a');
	ck_assert_ptr_eq(a.map, was);
	ck_assert_str_eq(app_touchpoint(&a)->name, "New");
	ck_assert_uint_eq(a.map->stages[0].ntouchpoints, 3);
	ck_assert_uint_eq(a.analysis->ntouchpoints, 6);
	app_draw(&a);
	/* someone else renames the stage; this session's next edit reads
	 * the whole map and shows it */
	struct store *other = tu_open(tu_path("reload.db"));
	ck_assert_store(store_stage_set(other, a.map->stages[0].id,
					STORE_REV_ANY, STORE_STAGE_NAME, "Seen"));
	store_close(other);
	keys("y\n");
	app_feed(&a, 'r');
	ck_assert_str_eq(a.map->stages[0].name, "Seen");
	ck_assert_str_eq(app_touchpoint(&a)->name, "Newy");
	app_close(&a);
	endwin();
	delscreen(screen);
	fclose(out);
	fclose(in);
}
END_TEST

static Suite *suite(void)
{
	Suite *su = suite_create("reload");
	TCase *tc = tcase_create("patch");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_changed_parts);
	tcase_add_test(tc, test_add_reads_no_plan);
	tcase_add_test(tc, test_parts_equal_whole);
	tcase_add_loop_test(tc, test_random_edits, 0, 4);
	tcase_add_test(tc, test_patched_model_kept);
	tcase_add_test(tc, test_other_writer_refused);
	tcase_add_test(tc, test_app_edit_patches);
	suite_add_tcase(su, tc);
	return su;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
