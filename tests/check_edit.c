/* check_edit.c - undo and redo: every kind of change goes back exactly,
 * many levels deep, deletes and moves included, and comes again. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "testutil.h"

static struct store *s;
static struct edit *e;
static struct model_map *m;
static int64_t map_id;

static void reload(void)
{
	model_map_free(m);
	m = NULL;
	ck_assert_store(store_map_load(s, map_id, &m));
}

static void setup(void)
{
	s = tu_open(tu_path("edit.db"));
	map_id = tu_sample_map(s, "B2B");
	e = edit_new(s);
	m = NULL;
	reload();
}

static void teardown(void)
{
	model_map_free(m);
	edit_free(e);
	store_close(s);
	tu_cleanup();
}

/* Every field of the map's metrics, voices, actions and decisions, as
 * their texts (plan.h), with their ids. */
static size_t print_items(char *buf, size_t o, size_t size)
{
	static const size_t n[PLAN_NITEMS] = { sizeof (struct model_metric),
		sizeof (struct model_voice), sizeof (struct model_action) };
	for (int k = 0; k < PLAN_NITEMS; k++) {
		const char *v = k == PLAN_METRIC ? (const char *)m->metrics
			: k == PLAN_VOICE ? (const char *)m->voices
					  : (const char *)m->actions;
		size_t count = k == PLAN_METRIC ? m->nmetrics
			: k == PLAN_VOICE ? m->nvoices : m->nactions;
		for (size_t i = 0; i < count; i++) {
			const void *item = v + i * n[k];
			o += (size_t)snprintf(buf + o, size - o, "<%s %lld",
					      plan_item_key((enum plan_item)k),
					      (long long)*(const int64_t *)item);
			for (size_t f = 0; f < plan_nfields((enum plan_item)k);
			     f++) {
				char *t = plan_get((enum plan_item)k, item, (int)f);
				o += (size_t)snprintf(buf + o, size - o, "|%s", t);
				free(t);
			}
			o += (size_t)snprintf(buf + o, size - o, ">");
		}
	}
	for (size_t i = 0; i < m->nmetrics; i++)
		o += (size_t)snprintf(buf + o, size - o, "@%lld",
				      (long long)m->metrics[i].touchpoint_id);
	for (size_t i = 0; i < m->nvoices; i++)
		o += (size_t)snprintf(buf + o, size - o, "@%d:%lld",
				      m->voices[i].about.kind,
				      (long long)m->voices[i].about.id);
	for (size_t i = 0; i < m->nactions; i++)
		o += (size_t)snprintf(buf + o, size - o, "@%d:%lld/%lld",
				      m->actions[i].fixes.kind,
				      (long long)m->actions[i].fixes.id,
				      (long long)m->actions[i].created);
	for (size_t i = 0; i < m->ndecisions; i++) {
		const struct model_decision *d = &m->decisions[i];
		o += (size_t)snprintf(buf + o, size - o,
			"<decision %lld %s %d:%lld %d:%lld %d %s %s %lld>",
			(long long)d->id, d->finding, d->subject[0].kind,
			(long long)d->subject[0].id, d->subject[1].kind,
			(long long)d->subject[1].id, d->decision, d->reason,
			d->who, (long long)d->at);
	}
	return o;
}

/* A fingerprint of everything a user sees in the map. */
static char *fingerprint(void)
{
	static char buf[16384];
	size_t o = 0;
	o += (size_t)snprintf(buf + o, sizeof buf - o, "%s|%s|%s|%s|%s|",
			      m->name, m->persona, m->owner, m->cx_lead,
			      m->success);
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		o += (size_t)snprintf(buf + o, sizeof buf - o, "[%s:", sg->name);
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			const struct model_touchpoint *t = &sg->touchpoints[j];
			o += (size_t)snprintf(buf + o, sizeof buf - o,
				"%s/%s/%s/%d/%d%d/%lld/%zu,", t->name, t->notes,
				t->channel, t->moment, t->has_emotion, t->emotion,
				(long long)t->owner_id, t->ncontributors);
		}
		o += (size_t)snprintf(buf + o, sizeof buf - o, "]");
	}
	for (size_t i = 0; i < m->ngaps; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "g%s%d%d",
				      m->gaps[i].description, m->gaps[i].status,
				      m->gaps[i].severity);
	for (size_t i = 0; i < m->nsilos; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "s%s%d",
				      m->silos[i].description, m->silos[i].status);
	for (size_t i = 0; i < m->ndepartments; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "d%s%s%d",
				      m->departments[i].name,
				      m->departments[i].label,
				      m->departments[i].colour);
	o = print_items(buf, o, sizeof buf);
	ck_assert_uint_lt(o, sizeof buf);
	return strdup(buf);
}

/* Undoes everything, checks the map is as it started, redoes everything,
 * checks it is as it ended. */
static void round_trip(const char *start)
{
	char *end = fingerprint();
	while (edit_can_undo(e)) {
		ck_assert_store(edit_undo(e));
	}
	reload();
	char *now = fingerprint();
	ck_assert_str_eq(now, start);
	free(now);
	while (edit_can_redo(e))
		ck_assert_store(edit_redo(e));
	reload();
	now = fingerprint();
	ck_assert_str_eq(now, end);
	free(now);
	free(end);
	ck_assert(tu_positions_ok(tu_path("edit.db")));
}

START_TEST(test_text_fields)
{
	char *start = fingerprint();
	int64_t tp = m->stages[0].touchpoints[0].id;
	ck_assert_store(edit_map_set(e, m, STORE_MAP_PERSONA, "CFO"));
	reload();
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Banner ad"));
	reload();
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NOTES, "two\nlines"));
	reload();
	ck_assert_store(edit_stage_set(e, m, m->stages[1].id, STORE_STAGE_NAME,
				       "Buy"));
	reload();
	ck_assert_str_eq(edit_undo_label(e), "edit the stage");
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Banner ad");
	round_trip(start);
	free(start);
}
END_TEST

START_TEST(test_owner_emotion_contributors)
{
	char *start = fingerprint();
	int64_t tp = m->stages[1].touchpoints[1].id, sales, fin;
	ck_assert_store(store_dept_find(s, "Sales", &sales));
	ck_assert_store(edit_tp_set_owner(e, m, tp, sales));
	reload();
	ck_assert_store(edit_tp_set_emotion(e, m, tp, false, 0));
	reload();
	ck_assert_store(edit_tp_set_contributor(e, m, tp, sales, true));
	reload();
	/* a department made on the fly goes away again on undo */
	edit_step_begin(e, "owner");
	ck_assert_store(edit_dept_find_or_create(e, "Finance", &fin));
	ck_assert_store(edit_tp_set_owner(e, m, tp, fin));
	ck_assert_store(edit_step_end(e));
	reload();
	ck_assert_str_eq(model_department(m, m->stages[1].touchpoints[1]
					  .owner_id)->name, "Finance");
	round_trip(start);
	ck_assert_store(edit_undo(e));	/* just the Finance step */
	reload();
	int64_t id;
	ck_assert_int_eq(store_dept_find(s, "Finance", &id), STORE_MISSING);
	free(start);
}
END_TEST

START_TEST(test_delete_touchpoint_with_records)
{
	/* every field comes back, the moment of truth too */
	int64_t ad = m->stages[0].touchpoints[0].id;
	ck_assert_store(store_tp_set(s, ad, STORE_REV_ANY,
				     STORE_TP_CHANNEL, "social"));
	struct model_metric ctr;
	plan_init(PLAN_METRIC, &ctr);
	ctr.touchpoint_id = ad;
	ck_assert(plan_put(PLAN_METRIC, &ctr, PLAN_METRIC_NAME, "CTR"));
	ck_assert(plan_put(PLAN_METRIC, &ctr, PLAN_METRIC_VALUE, "3.1%"));
	int64_t ctr_id;
	ck_assert_store(store_item_add(s, PLAN_METRIC, map_id, &ctr, &ctr_id));
	model_metric_clear(&ctr);
	ck_assert_store(store_tp_set_moment(s, ad, STORE_REV_ANY, true));
	ck_assert_store(store_tp_set(s, ad, STORE_REV_ANY,
				     STORE_TP_NOTES, "two\nlines"));
	reload();
	char *start = fingerprint();
	ck_assert_store(edit_tp_delete(e, m, ad));
	ck_assert_store(edit_undo(e));
	reload();
	char *back = fingerprint();
	ck_assert_str_eq(back, start);
	free(back);
	ck_assert_uint_eq(m->nmetrics, 1);
	ck_assert_str_eq(m->metrics[0].value_text, "3.1%");
	ck_assert(m->stages[0].touchpoints[0].moment);
	/* the invoice carries a gap; the ticket a silo */
	int64_t invoice = m->stages[1].touchpoints[1].id;
	int64_t ticket = m->stages[2].touchpoints[0].id;
	ck_assert_store(edit_tp_delete(e, m, invoice));
	reload();
	ck_assert_store(edit_tp_delete(e, m, ticket));
	reload();
	ck_assert_uint_eq(m->ngaps, 0);
	ck_assert_uint_eq(m->nsilos, 0);
	ck_assert_store(edit_undo(e));
	ck_assert_store(edit_undo(e));
	reload();
	/* back under the same ids, in the same places */
	ck_assert_int_eq(m->stages[1].touchpoints[1].id, invoice);
	ck_assert_int_eq(m->gaps[0].touchpoint_id, invoice);
	ck_assert_int_eq(m->silos[0].touchpoint_id, ticket);
	ck_assert_store(edit_redo(e));
	ck_assert_store(edit_redo(e));
	reload();
	round_trip(start);
	free(start);
}
END_TEST

START_TEST(test_delete_stage)
{
	char *start = fingerprint();
	int64_t purchase = m->stages[1].id;
	ck_assert_store(edit_stage_delete(e, m, purchase));
	reload();
	ck_assert_uint_eq(m->nstages, 2);
	ck_assert_store(edit_undo(e));
	reload();
	ck_assert_uint_eq(m->nstages, 3);
	ck_assert_int_eq(m->stages[1].id, purchase);
	ck_assert_str_eq(m->stages[1].touchpoints[0].name, "Demo call");
	ck_assert_uint_eq(m->ngaps, 1);
	ck_assert_store(edit_redo(e));
	reload();
	round_trip(start);
	free(start);
}
END_TEST

START_TEST(test_adds_and_moves)
{
	char *start = fingerprint();
	int64_t st, tp, tp2;
	ck_assert_store(edit_stage_add(e, m, 1, "Evaluation", &st));
	reload();
	ck_assert_str_eq(m->stages[1].name, "Evaluation");
	ck_assert_store(edit_tp_add(e, m, st, 0, "Trial", &tp));
	reload();
	ck_assert_store(edit_tp_add(e, m, st, 1, "Pricing page", &tp2));
	reload();
	ck_assert_store(edit_tp_move(e, m, tp, st, 1));
	reload();
	ck_assert_str_eq(m->stages[1].touchpoints[1].name, "Trial");
	ck_assert_store(edit_tp_move(e, m, tp2, m->stages[0].id, 0));
	reload();
	ck_assert_store(edit_stage_move(e, m, st, 0));
	reload();
	ck_assert_str_eq(m->stages[0].name, "Evaluation");
	ck_assert_str_eq(m->stages[1].touchpoints[0].name, "Pricing page");
	round_trip(start);
	free(start);
}
END_TEST

START_TEST(test_gaps_silos_departments)
{
	char *start = fingerprint();
	int64_t g, o, mk, sales;
	ck_assert_store(store_dept_find(s, "Marketing", &mk));
	ck_assert_store(store_dept_find(s, "Sales", &sales));
	ck_assert_store(edit_gap_add(e, m, m->stages[0].id, 0, "Slow",
				     MODEL_SEV_LOW, &g));
	reload();
	ck_assert_store(edit_gap_set_status(e, m, g, MODEL_RESOLVED));
	reload();
	/* "Undone: resolve the gap", not "edit the gap" */
	ck_assert_str_eq(edit_undo_label(e), "resolve the gap");
	ck_assert_store(edit_gap_set_severity(e, m, g, MODEL_SEV_HIGH));
	reload();
	ck_assert_str_eq(edit_undo_label(e), "change the severity of the gap");
	ck_assert_store(edit_silo_add(e, m, mk, sales, 0, "MQL", &o));
	reload();
	ck_assert_store(edit_silo_set_status(e, m, o, MODEL_RESOLVED));
	reload();
	ck_assert_str_eq(edit_undo_label(e), "resolve the silo");
	ck_assert_store(edit_silo_set_status(e, m, o, MODEL_OPEN));
	reload();
	ck_assert_str_eq(edit_undo_label(e), "open the silo again");
	ck_assert_store(edit_dept_rename(e, m, mk, "Mercadotecnia"));
	reload();
	ck_assert_store(edit_dept_set_label(e, m, mk, "MKT"));
	reload();
	ck_assert_store(edit_dept_set_colour(e, m, mk, 6));
	reload();
	ck_assert_store(edit_gap_delete(e, m, m->gaps[0].id));
	reload();
	round_trip(start);
	free(start);
}
END_TEST

START_TEST(test_failure_leaves_no_step)
{
	int64_t mk;
	ck_assert_store(store_dept_find(s, "Marketing", &mk));
	ck_assert_int_eq(edit_dept_delete(e, m, mk), STORE_INUSE);
	ck_assert(!edit_can_undo(e));
	ck_assert_int_eq(edit_tp_set(e, m, m->stages[0].touchpoints[0].id,
				     STORE_TP_NAME, ""), STORE_INVALID);
	ck_assert(!edit_can_undo(e));
	/* a new change after an undo drops the redo history */
	ck_assert_store(edit_map_set(e, m, STORE_MAP_PERSONA, "x"));
	ck_assert_store(edit_undo(e));
	ck_assert(edit_can_redo(e));
	reload();
	ck_assert_store(edit_map_set(e, m, STORE_MAP_PERSONA, "y"));
	ck_assert(!edit_can_redo(e));
}
END_TEST

START_TEST(test_undo_after_other_user_deleted)
{
	int64_t tp = m->stages[0].touchpoints[0].id;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Renamed"));
	/* someone else deletes it meanwhile */
	ck_assert_store(store_tp_delete(s, tp, STORE_REV_ANY));
	ck_assert_int_eq(edit_undo(e), STORE_MISSING);
	ck_assert(!edit_can_undo(e));
}
END_TEST

/* ------------------------------------------------------------------ */
/* metrics, voices, actions, decisions, moments of truth, map fields */

static int64_t add_metric(int64_t tp, const char *name, const char *value)
{
	struct model_metric v;
	int64_t id = 0;
	plan_init(PLAN_METRIC, &v);
	v.touchpoint_id = tp;
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME, name));
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_VALUE, value));
	ck_assert_store(edit_item_add(e, m, PLAN_METRIC, &v, &id));
	model_metric_clear(&v);
	reload();
	return id;
}

static int64_t add_voice(enum model_ref_kind kind, int64_t about,
			 const char *text)
{
	struct model_voice v;
	int64_t id = 0;
	plan_init(PLAN_VOICE, &v);
	v.about = (struct model_ref){ kind, about };
	ck_assert(plan_put(PLAN_VOICE, &v, PLAN_VOICE_TEXT, text));
	ck_assert_store(edit_item_add(e, m, PLAN_VOICE, &v, &id));
	model_voice_clear(&v);
	reload();
	return id;
}

static int64_t add_action(enum model_ref_kind kind, int64_t fixes,
			  const char *title, const char *owner)
{
	struct model_action v;
	int64_t id = 0, dept = 0;
	plan_init(PLAN_ACTION, &v);
	v.fixes = (struct model_ref){ kind, fixes };
	ck_assert(plan_put(PLAN_ACTION, &v, PLAN_ACTION_TITLE, title));
	if (owner)
		ck_assert_store(store_dept_find(s, owner, &dept));
	v.owner_id = dept;
	ck_assert_store(edit_item_add(e, m, PLAN_ACTION, &v, &id));
	model_action_clear(&v);
	reload();
	return id;
}

static int64_t add_decision(const char *finding, enum model_ref_kind kind,
			    int64_t about, enum model_decision_kind how)
{
	char key[64], reason[] = "known risk", who[] = "";
	snprintf(key, sizeof key, "%s", finding);
	struct model_decision d = { .finding = key,
		.subject = { { kind, about }, { MODEL_REF_NONE, 0 } },
		.decision = how, .reason = reason, .who = who };
	int64_t id = 0;
	ck_assert_store(edit_decision_add(e, m, &d, &id));
	reload();
	return id;
}

static char *field(enum plan_item k, int64_t id, int f)
{
	const void *item = k == PLAN_METRIC ? (const void *)plan_metric(m, id)
		: k == PLAN_VOICE ? (const void *)plan_voice(m, id)
				  : (const void *)plan_action(m, id);
	ck_assert_ptr_nonnull(item);
	return plan_get(k, item, f);
}

#define ck_assert_field(k, id, f, want) do { \
	char *got_ = field(k, id, f); \
	ck_assert_str_eq(got_, want); \
	free(got_); \
} while (0)

/* Each new kind of edit, undone and redone many levels deep, with the
 * map read again in between: every field comes back exactly. */
START_TEST(test_plan_items_undo_redo)
{
	char *start = fingerprint();
	int64_t ad = m->stages[0].touchpoints[0].id, sales;
	int64_t gap = m->gaps[0].id;
	ck_assert_store(store_dept_find(s, "Sales", &sales));
	int64_t nps = add_metric(ad, "NPS", "31");
	ck_assert_str_eq(edit_undo_label(e), "add a metric");
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, nps,
				      PLAN_METRIC_TARGET, "40"));
	reload();
	ck_assert_str_eq(edit_undo_label(e), "edit the metric");
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, nps,
				      PLAN_METRIC_BETTER, "lower"));
	reload();
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, nps,
				      PLAN_METRIC_VALUE, "about half"));
	reload();
	ck_assert_field(PLAN_METRIC, nps, PLAN_METRIC_VALUE, "about half");
	int64_t journey = add_metric(0, "Renewals", "88");
	int64_t said = add_voice(MODEL_REF_TOUCHPOINT, ad, "Too many ads");
	ck_assert_store(edit_item_set(e, m, PLAN_VOICE, said,
				      PLAN_VOICE_KIND, "employee"));
	reload();
	add_voice(MODEL_REF_GAP, gap, "Nobody could tell me");
	int64_t act = add_action(MODEL_REF_GAP, gap, "Single contact", "Sales");
	ck_assert_str_eq(edit_undo_label(e), "add an action");
	ck_assert_store(edit_item_set(e, m, PLAN_ACTION, act,
				      PLAN_ACTION_STATUS, "doing"));
	reload();
	ck_assert_store(edit_item_set(e, m, PLAN_ACTION, act, PLAN_ACTION_DUE,
				      "2031-02-28"));
	reload();
	ck_assert_store(edit_tp_set_moment(e, m, ad, true));
	reload();
	ck_assert_str_eq(edit_undo_label(e), "mark a moment of truth");
	ck_assert(m->stages[0].touchpoints[0].moment);
	ck_assert_store(edit_map_set(e, m, STORE_MAP_OWNER, "Dana, COO"));
	reload();
	ck_assert_store(edit_map_set(e, m, STORE_MAP_CX_LEAD, "Luis"));
	reload();
	ck_assert_store(edit_map_set(e, m, STORE_MAP_SUCCESS,
				     "Renewals above 90%"));
	reload();
	ck_assert_str_eq(m->owner, "Dana, COO");
	ck_assert_str_eq(m->success, "Renewals above 90%");
	int64_t dec = add_decision("unowned", MODEL_REF_TOUCHPOINT,
				   m->stages[1].touchpoints[1].id,
				   MODEL_DECISION_ACCEPTED);
	ck_assert_str_eq(edit_undo_label(e), "accept the finding");
	ck_assert_ptr_nonnull(plan_decision(m, dec));
	ck_assert_str_eq(plan_decision(m, dec)->who, store_user(s));
	ck_assert_store(edit_item_delete(e, m, PLAN_METRIC, journey));
	reload();
	ck_assert_ptr_null(plan_metric(m, journey));
	ck_assert_store(edit_item_delete(e, m, PLAN_VOICE, said));
	reload();
	ck_assert_field(PLAN_METRIC, nps, PLAN_METRIC_TARGET, "40");
	ck_assert_field(PLAN_ACTION, act, PLAN_ACTION_STATUS, "doing");
	char owner[24];
	snprintf(owner, sizeof owner, "%lld", (long long)sales);
	ck_assert_field(PLAN_ACTION, act, PLAN_ACTION_OWNER, owner);
	round_trip(start);
	free(start);
}
END_TEST

/* Someone else's change to a metric, an action or a moment of truth
 * since this session's edit refuses the undo, naming what changed; a
 * stale edit or delete is refused too. */
START_TEST(test_plan_conflicts)
{
	int64_t ad = m->stages[0].touchpoints[0].id;
	int64_t nps = add_metric(ad, "NPS", "31");
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, nps,
				      PLAN_METRIC_TARGET, "40"));
	int64_t mine = store_last_change(s);
	struct store *other = tu_open(tu_path("edit.db"));
	store_set_user(other, "ana");
	ck_assert_store(store_item_set(other, PLAN_METRIC, nps, STORE_REV_ANY,
				       PLAN_METRIC_TARGET, "50"));
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	enum store_kind kind;
	int64_t id, since;
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_METRIC);
	ck_assert_int_eq(id, nps);
	ck_assert_int_eq(since, mine);
	reload();
	ck_assert_field(PLAN_METRIC, nps, PLAN_METRIC_TARGET, "50");
	edit_drop(e, EDIT_MAP, false);
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, nps, PLAN_METRIC_UNIT,
				      "points"));
	reload();
	ck_assert_field(PLAN_METRIC, nps, PLAN_METRIC_UNIT, "points");
	/* a stale edit of an action, and a stale delete of a voice */
	int64_t act = add_action(MODEL_REF_TOUCHPOINT, ad, "Fewer ads", NULL);
	int64_t said = add_voice(MODEL_REF_TOUCHPOINT, ad, "Too many");
	ck_assert_store(store_item_set(other, PLAN_ACTION, act, STORE_REV_ANY,
				       PLAN_ACTION_STATUS, "planned"));
	ck_assert_store(store_item_set(other, PLAN_VOICE, said, STORE_REV_ANY,
				       PLAN_VOICE_SOURCE, "survey"));
	ck_assert_int_eq(edit_item_set(e, m, PLAN_ACTION, act,
				       PLAN_ACTION_STATUS, "done"),
			 STORE_CONFLICT);
	ck_assert_int_eq(edit_item_delete(e, m, PLAN_VOICE, said),
			 STORE_CONFLICT);
	reload();
	ck_assert_field(PLAN_ACTION, act, PLAN_ACTION_STATUS, "planned");
	ck_assert_field(PLAN_VOICE, said, PLAN_VOICE_SOURCE, "survey");
	/* undoing an add takes nothing someone else wrote into the item */
	ck_assert_str_eq(edit_undo_label(e), "add a voice");
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_VOICE);
	edit_drop(e, EDIT_MAP, false);
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);	/* the action */
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_ACTION);
	ck_assert_int_eq(id, act);
	edit_drop(e, EDIT_MAP, false);
	/* a moment of truth: someone's rename of the card is kept by the
	 * undo; someone's unmarking it refuses the redo's undo */
	ck_assert_store(edit_tp_set_moment(e, m, ad, true));
	ck_assert_store(store_tp_set(other, ad, STORE_REV_ANY, STORE_TP_NAME,
				     "Banner"));
	ck_assert_store(edit_undo(e));
	reload();
	ck_assert(!m->stages[0].touchpoints[0].moment);
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Banner");
	ck_assert_store(edit_redo(e));
	reload();
	ck_assert(m->stages[0].touchpoints[0].moment);
	ck_assert_store(store_tp_set_moment(other, ad, STORE_REV_ANY, false));
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_TOUCHPOINT);
	ck_assert_int_eq(id, ad);
	store_close(other);
}
END_TEST

/* What is evidence for, or fixes, a touchpoint, a stage, a gap or a silo
 * goes with it, and comes back with it on undo: metrics, voices,
 * actions, and the decisions on them. */
START_TEST(test_delete_brings_back_plan)
{
	const struct model_stage *purchase = &m->stages[1];
	int64_t stage = purchase->id, demo = purchase->touchpoints[0].id;
	int64_t invoice = purchase->touchpoints[1].id;
	int64_t ticket = m->stages[2].touchpoints[0].id;
	int64_t gap = m->gaps[0].id, silo = m->silos[0].id;
	char *bare = fingerprint();
	int64_t nps = add_metric(invoice, "Paid on time", "72");
	add_metric(demo, "CSAT", "4.1");
	add_metric(0, "NPS", "31");	/* the journey's: stays */
	add_voice(MODEL_REF_TOUCHPOINT, invoice, "I never got it");
	add_voice(MODEL_REF_GAP, gap, "Finance says it is Sales'");
	add_voice(MODEL_REF_STAGE, stage, "Buying is slow");
	int64_t fix = add_action(MODEL_REF_GAP, gap, "Single contact", "Sales");
	add_action(MODEL_REF_TOUCHPOINT, invoice, "E-invoice", NULL);
	add_action(MODEL_REF_SILO, silo, "Shared queue", "Service");
	add_decision("unowned", MODEL_REF_TOUCHPOINT, invoice,
		     MODEL_DECISION_DISMISSED);
	add_decision("metric-off-target", MODEL_REF_METRIC, nps,
		     MODEL_DECISION_ACCEPTED);
	add_decision("action-overdue", MODEL_REF_ACTION, fix,
		     MODEL_DECISION_ACCEPTED);
	char *start = fingerprint();
	ck_assert_uint_eq(m->nmetrics, 3);

	ck_assert_store(edit_tp_delete(e, m, invoice));
	reload();
	ck_assert_uint_eq(m->nmetrics, 2);	/* the demo's, the journey's */
	ck_assert_uint_eq(m->nvoices, 1);	/* the stage's */
	ck_assert_uint_eq(m->nactions, 1);	/* the silo's */
	ck_assert_uint_eq(m->ndecisions, 0);
	ck_assert_store(edit_undo(e));
	reload();
	char *now = fingerprint();
	ck_assert_str_eq(now, start);
	free(now);
	bool is_tp = false;
	ck_assert_int_eq(edit_focus(e, &is_tp), invoice);
	ck_assert(is_tp);

	ck_assert_store(edit_stage_delete(e, m, stage));
	reload();
	ck_assert_uint_eq(m->nmetrics, 1);
	ck_assert_uint_eq(m->nvoices, 0);
	ck_assert_uint_eq(m->nactions, 1);
	ck_assert_store(edit_undo(e));
	reload();
	now = fingerprint();
	ck_assert_str_eq(now, start);
	free(now);

	ck_assert_store(edit_gap_delete(e, m, gap));
	reload();
	ck_assert_uint_eq(m->nvoices, 2);
	ck_assert_uint_eq(m->nactions, 2);
	ck_assert_uint_eq(m->ndecisions, 2);
	ck_assert_store(edit_silo_delete(e, m, silo));
	reload();
	ck_assert_uint_eq(m->nactions, 1);
	ck_assert_store(edit_tp_delete(e, m, ticket));
	reload();
	ck_assert_store(edit_item_delete(e, m, PLAN_METRIC, nps));
	reload();
	ck_assert_uint_eq(m->ndecisions, 1);	/* on the invoice */
	round_trip(bare);
	free(bare);
	free(start);
}
END_TEST

/* Redoing a touchpoint's delete would take someone else's new target
 * of its metric with it: refused, naming the metric. */
START_TEST(test_redo_delete_keeps_their_metric)
{
	int64_t invoice = m->stages[1].touchpoints[1].id;
	int64_t paid = add_metric(invoice, "Paid on time", "72");
	ck_assert_store(edit_tp_delete(e, m, invoice));
	ck_assert_store(edit_undo(e));
	struct store *other = tu_open(tu_path("edit.db"));
	ck_assert_store(store_item_set(other, PLAN_METRIC, paid, STORE_REV_ANY,
				       PLAN_METRIC_TARGET, "95"));
	store_close(other);
	ck_assert_int_eq(edit_redo(e), STORE_CONFLICT);
	enum store_kind kind;
	int64_t id, since;
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_METRIC);
	ck_assert_int_eq(id, paid);
	reload();
	ck_assert_ptr_nonnull(model_touchpoint(m, invoice, NULL));
	ck_assert_field(PLAN_METRIC, paid, PLAN_METRIC_TARGET, "95");
}
END_TEST

/* After an undo the board shows the card (or stage) the item is on. */
START_TEST(test_plan_focus)
{
	int64_t demo = m->stages[1].touchpoints[0].id, stage = m->stages[2].id;
	int64_t csat = add_metric(demo, "CSAT", "4.1");
	add_voice(MODEL_REF_STAGE, stage, "Support is hard to reach");
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, csat,
				      PLAN_METRIC_TARGET, "4.5"));
	ck_assert_store(edit_undo(e));
	bool is_tp = false;
	ck_assert_int_eq(edit_focus(e, &is_tp), demo);
	ck_assert(is_tp);
	ck_assert_store(edit_undo(e));	/* the voice */
	ck_assert_int_eq(edit_focus(e, &is_tp), stage);
	ck_assert(!is_tp);
	/* a bad value is refused before anything is written */
	ck_assert_int_eq(edit_item_set(e, m, PLAN_METRIC, csat,
				       PLAN_METRIC_TARGET, "high"),
			 STORE_INVALID);
	ck_assert_str_eq(edit_undo_label(e), "add a metric");
	/* saving a field unchanged is no step and no history entry */
	int64_t last = store_last_change(s);
	ck_assert_store(edit_item_set(e, m, PLAN_METRIC, csat,
				      PLAN_METRIC_VALUE, "4.1"));
	ck_assert_int_eq(store_last_change(s), last);
	ck_assert_str_eq(edit_undo_label(e), "add a metric");
}
END_TEST

START_TEST(test_undo_through_stage_delete)
{
	char *start = fingerprint();
	int64_t tp = m->stages[1].touchpoints[0].id;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Demo"));
	reload();
	ck_assert_store(edit_stage_delete(e, m, m->stages[1].id));
	reload();
	round_trip(start);
	free(start);
}
END_TEST

START_TEST(test_conflicts)
{
	int64_t tp = m->stages[0].touchpoints[0].id;
	/* someone else renames the card after this screen was drawn */
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NAME, "Theirs"));
	ck_assert_int_eq(edit_tp_set(e, m, tp, STORE_TP_NAME, "Mine"),
			 STORE_CONFLICT);
	ck_assert(!edit_can_undo(e));
	reload();
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Theirs");
	/* re-applied on the fresh screen, it lands */
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Mine"));
	/* someone changes another field: undoing the rename keeps it */
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_CHANNEL, "web"));
	ck_assert_store(edit_undo(e));
	reload();
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Theirs");
	ck_assert_str_eq(m->stages[0].touchpoints[0].channel, "web");
	/* someone renames it: redoing would overwrite them: refused */
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NAME, "Theirs again"));
	ck_assert_int_eq(edit_redo(e), STORE_CONFLICT);
	reload();
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Theirs again");
	/* a stale delete is refused too */
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NOTES, "new notes"));
	ck_assert_int_eq(edit_tp_delete(e, m, tp), STORE_CONFLICT);
	ck_assert_ptr_nonnull(model_touchpoint(m, tp, NULL));
}
END_TEST

START_TEST(test_undo_add_keeps_others_work)
{
	/* undoing "add a stage" must not take a card someone else put in it */
	int64_t st, tp;
	ck_assert_store(edit_stage_add(e, m, 3, "New", &st));
	ck_assert_store(store_tp_add(s, st, 0, "Theirs", &tp));
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	reload();
	ck_assert_ptr_nonnull(model_touchpoint(m, tp, NULL));
	/* nor a card of mine that someone else has edited since */
	int64_t mine;
	ck_assert_store(edit_tp_add(e, m, m->stages[0].id, 0, "Mine", &mine));
	ck_assert_store(store_tp_set(s, mine, STORE_REV_ANY,
				     STORE_TP_NOTES, "their notes"));
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	reload();
	ck_assert_ptr_nonnull(model_touchpoint(m, mine, NULL));
}
END_TEST

START_TEST(test_redo_delete_checked)
{
	int64_t tp = m->stages[0].touchpoints[0].id;
	ck_assert_store(edit_tp_delete(e, m, tp));
	ck_assert_store(edit_undo(e));
	/* someone writes notes on the card that came back */
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NOTES, "their notes"));
	ck_assert_int_eq(edit_redo(e), STORE_CONFLICT);
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->notes, "their notes");
}
END_TEST

START_TEST(test_failed_step_keeps_undo)
{
	/* a step that fails halfway leaves the versions undo expects alone */
	int64_t tp = m->stages[0].touchpoints[0].id, gone;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Renamed"));
	reload();
	ck_assert_store(store_dept_create(s, "Gone", &gone));
	edit_step_begin(e, "contributors");
	ck_assert_store(edit_tp_set_contributor(e, m, tp, gone, true));
	ck_assert_store(store_dept_find(s, "Gone", &gone));
	/* an op that fails spoils the step */
	ck_assert_int_ne(edit_tp_set_contributor(e, m, tp, 424242, true),
			 STORE_OK);
	ck_assert_int_ne(edit_step_end(e), STORE_OK);
	ck_assert_store(edit_undo(e));	/* the rename */
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Ad");
}
END_TEST

START_TEST(test_contributor_no_change)
{
	int64_t tp = m->stages[0].touchpoints[0].id, sales;
	ck_assert_store(store_dept_find(s, "Sales", &sales));
	int64_t rev = m->stages[0].touchpoints[0].rev;
	/* "removing" what is not there changes nothing and is no step */
	ck_assert_store(edit_tp_set_contributor(e, m, tp, sales, false));
	ck_assert(!edit_can_undo(e));
	reload();
	ck_assert_int_eq(m->stages[0].touchpoints[0].rev, rev);
}
END_TEST

START_TEST(test_undo_keeps_a_change_in_between)
{
	/* A renames, B renames, A renames again; undoing both of A's
	 * renames would throw B's away: the second undo is refused */
	int64_t tp = m->stages[0].touchpoints[0].id;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Beta"));
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NAME, "Gamma"));
	reload();
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Delta"));
	ck_assert_store(edit_undo(e));
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Gamma");
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Gamma");
}
END_TEST

START_TEST(test_undo_anyway_or_drop)
{
	/* an undo refused by someone else's change waits for the person:
	 * anyway overwrites it, drop forgets the step */
	int64_t tp = m->stages[0].touchpoints[0].id, rev;
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Mine"));
	rev = store_last_change(s);
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NAME, "Theirs"));
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	ck_assert(edit_can_undo(e));
	enum store_kind kind;
	int64_t id, since;
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_TOUCHPOINT);
	ck_assert_int_eq(id, tp);
	ck_assert_int_eq(since, rev);
	ck_assert_store(edit_undo_anyway(e, EDIT_MAP));
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Ad");
	/* redo refused the same way, then dropped */
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NAME, "Again"));
	ck_assert_int_eq(edit_redo(e), STORE_CONFLICT);
	ck_assert(edit_can_redo(e));
	edit_drop(e, EDIT_MAP, true);
	ck_assert(!edit_can_redo(e));
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Again");
}
END_TEST

/* ------------------------------------------------------------------ */
/* whole maps: the file history of the maps view */

/* The list entry of a map, as the maps view shows it (false: gone). */
static bool map_info(int64_t id, struct store_map_info *out)
{
	struct store_map_info *v;
	size_t n;
	bool found = false;
	ck_assert_store(store_map_list(s, &v, &n));
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id) {
			*out = v[i];
			out->name = NULL;	/* freed with the list */
			found = true;
		}
	store_map_info_free(v, n);
	return found;
}

static bool map_exists(int64_t id)
{
	struct store_map_info mi;
	return map_info(id, &mi);
}

START_TEST(test_map_create_undo)
{
	int64_t id;
	ck_assert_store(edit_map_create(e, "Fresh", &id));
	ck_assert(map_exists(id));
	ck_assert_str_eq(edit_undo_label_in(e, EDIT_FILE), "add a map");
	/* the open map's history is another one: not affected, and opening
	 * another map (edit_clear) keeps the file's */
	ck_assert(!edit_can_undo(e));
	edit_clear(e);
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert(!map_exists(id));
	ck_assert_int_eq(edit_focus_map(e), id);
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert(map_exists(id));
	int64_t found;
	ck_assert_store(store_map_find(s, "Fresh", &found));
	ck_assert_int_eq(found, id);	/* under its own id */
	/* this session's own work inside it goes and comes with it */
	struct model_map *fresh;
	ck_assert_store(store_map_load(s, id, &fresh));
	int64_t st;
	ck_assert_store(edit_stage_add(e, fresh, 0, "Mine", &st));
	model_map_free(fresh);
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert(!map_exists(id));
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert_store(store_map_load(s, id, &fresh));
	ck_assert_uint_eq(fresh->nstages, 1);
	ck_assert_str_eq(fresh->stages[0].name, "Mine");
	model_map_free(fresh);
}
END_TEST

START_TEST(test_map_create_undo_keeps_others_work)
{
	int64_t id, st;
	ck_assert_store(edit_map_create(e, "Shared", &id));
	/* someone else adds a stage to the new map: undo would destroy it */
	ck_assert_store(store_stage_add(s, id, 0, "Theirs", &st));
	ck_assert_int_eq(edit_undo_in(e, EDIT_FILE), STORE_CONFLICT);
	ck_assert(map_exists(id));
}
END_TEST

START_TEST(test_map_create_undo_keeps_others_metric)
{
	/* nor a success metric someone else gave the new journey, nor
	 * their change to one of mine */
	int64_t id, mine, theirs;
	ck_assert_store(edit_map_create(e, "Shared", &id));
	struct store *other = tu_open(tu_path("edit.db"));
	struct model_metric v;
	plan_init(PLAN_METRIC, &v);
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME, "Renewals"));
	ck_assert_store(store_item_add(other, PLAN_METRIC, id, &v, &theirs));
	ck_assert_int_eq(edit_undo_in(e, EDIT_FILE), STORE_CONFLICT);
	ck_assert(map_exists(id));
	edit_drop(e, EDIT_FILE, false);
	ck_assert_store(edit_map_create(e, "Mine", &id));
	struct model_map *mm = NULL;
	ck_assert_store(store_map_load(s, id, &mm));
	ck_assert_store(edit_item_add(e, mm, PLAN_METRIC, &v, &mine));
	model_map_free(mm);
	ck_assert_store(store_item_set(other, PLAN_METRIC, mine, STORE_REV_ANY,
				       PLAN_METRIC_TARGET, "90"));
	ck_assert_int_eq(edit_undo_in(e, EDIT_FILE), STORE_CONFLICT);
	ck_assert(map_exists(id));
	model_metric_clear(&v);
	store_close(other);
}
END_TEST

START_TEST(test_map_delete_undo)
{
	char *start = fingerprint();
	struct store_map_info mi;
	ck_assert(map_info(map_id, &mi));
	ck_assert_store(edit_map_delete(e, map_id, mi.version));
	ck_assert(!map_exists(map_id));
	ck_assert_str_eq(edit_undo_label_in(e, EDIT_FILE), "delete a map");
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	reload();	/* all of it, under its own ids */
	char *now = fingerprint();
	ck_assert_str_eq(now, start);
	free(now);
	ck_assert(tu_positions_ok(tu_path("edit.db")));
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert(!map_exists(map_id));
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	reload();
	now = fingerprint();
	ck_assert_str_eq(now, start);
	free(now);
	/* and the map's own edits work on what came back */
	ck_assert_store(edit_tp_set(e, m, m->stages[0].touchpoints[0].id,
				    STORE_TP_NAME, "After"));
	free(start);
}
END_TEST

START_TEST(test_map_delete_stale)
{
	struct store_map_info mi;
	ck_assert(map_info(map_id, &mi));
	/* someone else edits a card after the list was drawn */
	ck_assert_store(store_tp_set(s, m->stages[0].touchpoints[0].id, STORE_REV_ANY,
				     STORE_TP_NOTES, "theirs"));
	ck_assert_int_eq(edit_map_delete(e, map_id, mi.version),
			 STORE_CONFLICT);
	ck_assert(map_exists(map_id));
	ck_assert_ptr_null(edit_undo_label_in(e, EDIT_FILE));
}
END_TEST

START_TEST(test_map_copy_undo)
{
	int64_t copy;
	ck_assert_store(edit_map_copy(e, map_id, "B2B (copy)", &copy));
	struct model_map *c;
	ck_assert_store(store_map_load(s, copy, &c));
	ck_assert_uint_eq(c->nstages, m->nstages);
	model_map_free(c);
	ck_assert_str_eq(edit_undo_label_in(e, EDIT_FILE), "copy a map");
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert(!map_exists(copy));
	ck_assert(map_exists(map_id));	/* the original stays */
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert_store(store_map_load(s, copy, &c));
	ck_assert_uint_eq(c->nstages, m->nstages);
	ck_assert_uint_eq(c->ngaps, m->ngaps);
	ck_assert_uint_eq(c->nsilos, m->nsilos);
	model_map_free(c);
}
END_TEST

START_TEST(test_map_import_undo)
{
	/* a template naming a department the file lacks */
	struct model_map *t;
	ck_assert_store(store_map_load(s, map_id, &t));
	int64_t sales, legal, id;
	ck_assert_store(store_dept_find_exact(s, "Sales", &sales));
	for (size_t i = 0; i < t->ndepartments; i++)
		if (t->departments[i].id == sales) {
			free(t->departments[i].name);
			t->departments[i].name = strdup("Legal");
		}
	ck_assert_store(edit_map_import(e, t, "From a template", &id));
	model_map_free(t);
	ck_assert_store(store_dept_find_exact(s, "Legal", &legal));
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert(!map_exists(id));
	/* the department it brought went with it; the others stay */
	ck_assert_int_eq(store_dept_find_exact(s, "Legal", &legal),
			 STORE_MISSING);
	ck_assert_store(store_dept_find_exact(s, "Sales", &sales));
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert(map_exists(id));
	ck_assert_store(store_dept_find_exact(s, "Legal", &legal));
}
END_TEST

START_TEST(test_map_rename_undo)
{
	struct store_map_info mi;
	ck_assert(map_info(map_id, &mi));
	ck_assert_store(edit_map_rename(e, map_id, mi.rev, "B2B", "Renamed"));
	int64_t found;
	ck_assert_store(store_map_find(s, "Renamed", &found));
	ck_assert_str_eq(edit_undo_label_in(e, EDIT_FILE), "rename a map");
	/* delete it too, undo both: the rename comes back through the
	 * restored map */
	ck_assert(map_info(map_id, &mi));
	ck_assert_store(edit_map_delete(e, map_id, mi.version));
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert_store(store_map_find(s, "B2B", &found));
	ck_assert_int_eq(found, map_id);
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert_store(store_map_find(s, "Renamed", &found));
}
END_TEST

START_TEST(test_map_rename_stale)
{
	/* the maps view drew the list; someone else renames the map */
	struct store_map_info seen;
	ck_assert(map_info(map_id, &seen));
	ck_assert_store(store_map_set(s, map_id, STORE_REV_ANY,
				      STORE_MAP_NAME, "Theirs"));
	ck_assert_int_eq(edit_map_rename(e, map_id, seen.rev, "B2B", "Mine"),
			 STORE_CONFLICT);
	int64_t found;
	ck_assert_store(store_map_find(s, "Theirs", &found));
	ck_assert_ptr_null(edit_undo_label_in(e, EDIT_FILE));
	/* on the fresh version it lands; someone else's change of another
	 * field is no reason to refuse its undo, a new name is */
	struct store_map_info now;
	ck_assert(map_info(map_id, &now));
	ck_assert_int_ne(now.rev, seen.rev);
	ck_assert_store(edit_map_rename(e, map_id, now.rev, "Theirs", "Mine"));
	ck_assert_store(store_map_set(s, map_id, STORE_REV_ANY,
				      STORE_MAP_PERSONA, "CTO"));
	ck_assert_store(edit_undo_in(e, EDIT_FILE));
	ck_assert_store(store_map_find(s, "Theirs", &found));
	ck_assert_store(edit_redo_in(e, EDIT_FILE));
	ck_assert_store(store_map_find(s, "Mine", &found));
	ck_assert_store(store_map_set(s, map_id, STORE_REV_ANY,
				      STORE_MAP_NAME, "Final"));
	ck_assert_int_eq(edit_undo_in(e, EDIT_FILE), STORE_CONFLICT);
	ck_assert_store(store_map_find(s, "Final", &found));
}
END_TEST

int main(void)
{
	Suite *su = suite_create("edit");
	TCase *tc = tcase_create("undo");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_text_fields);
	tcase_add_test(tc, test_undo_anyway_or_drop);
	tcase_add_test(tc, test_owner_emotion_contributors);
	tcase_add_test(tc, test_delete_touchpoint_with_records);
	tcase_add_test(tc, test_delete_stage);
	tcase_add_test(tc, test_adds_and_moves);
	tcase_add_test(tc, test_gaps_silos_departments);
	tcase_add_test(tc, test_failure_leaves_no_step);
	tcase_add_test(tc, test_undo_after_other_user_deleted);
	tcase_add_test(tc, test_undo_through_stage_delete);
	tcase_add_test(tc, test_conflicts);
	tcase_add_test(tc, test_undo_add_keeps_others_work);
	tcase_add_test(tc, test_redo_delete_checked);
	tcase_add_test(tc, test_failed_step_keeps_undo);
	tcase_add_test(tc, test_contributor_no_change);
	tcase_add_test(tc, test_undo_keeps_a_change_in_between);
	tcase_add_test(tc, test_plan_items_undo_redo);
	tcase_add_test(tc, test_plan_conflicts);
	tcase_add_test(tc, test_delete_brings_back_plan);
	tcase_add_test(tc, test_plan_focus);
	tcase_add_test(tc, test_redo_delete_keeps_their_metric);
	tcase_add_test(tc, test_map_create_undo);
	tcase_add_test(tc, test_map_create_undo_keeps_others_work);
	tcase_add_test(tc, test_map_create_undo_keeps_others_metric);
	tcase_add_test(tc, test_map_delete_undo);
	tcase_add_test(tc, test_map_delete_stale);
	tcase_add_test(tc, test_map_copy_undo);
	tcase_add_test(tc, test_map_import_undo);
	tcase_add_test(tc, test_map_rename_undo);
	tcase_add_test(tc, test_map_rename_stale);
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
