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

/* A fingerprint of everything a user sees in the map. */
static char *fingerprint(void)
{
	static char buf[4096];
	size_t o = 0;
	o += (size_t)snprintf(buf + o, sizeof buf - o, "%s|%s|", m->name,
			      m->persona);
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		o += (size_t)snprintf(buf + o, sizeof buf - o, "[%s:", sg->name);
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			const struct model_touchpoint *t = &sg->touchpoints[j];
			o += (size_t)snprintf(buf + o, sizeof buf - o,
				"%s/%s/%s/%s:%s/%d%d/%lld/%zu,", t->name, t->notes,
				t->channel, t->metric_name, t->metric_value,
				t->has_emotion, t->emotion,
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
	ck_assert(tu_positions_dense(tu_path("edit.db")));
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
	/* every field comes back, the metric too */
	int64_t ad = m->stages[0].touchpoints[0].id;
	ck_assert_store(store_tp_set(s, ad, STORE_TP_CHANNEL, "social"));
	ck_assert_store(store_tp_set(s, ad, STORE_TP_METRIC_NAME, "CTR"));
	ck_assert_store(store_tp_set(s, ad, STORE_TP_METRIC_VALUE, "3.1%"));
	ck_assert_store(store_tp_set(s, ad, STORE_TP_NOTES, "two\nlines"));
	reload();
	char *start = fingerprint();
	ck_assert_store(edit_tp_delete(e, m, ad));
	ck_assert_store(edit_undo(e));
	reload();
	char *back = fingerprint();
	ck_assert_str_eq(back, start);
	free(back);
	ck_assert_str_eq(m->stages[0].touchpoints[0].metric_value, "3.1%");
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
	ck_assert_store(store_tp_delete(s, tp));
	ck_assert_int_eq(edit_undo(e), STORE_MISSING);
	ck_assert(!edit_can_undo(e));
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
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NAME, "Theirs"));
	ck_assert_int_eq(edit_tp_set(e, m, tp, STORE_TP_NAME, "Mine"),
			 STORE_CONFLICT);
	ck_assert(!edit_can_undo(e));
	reload();
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Theirs");
	/* re-applied on the fresh screen, it lands */
	ck_assert_store(edit_tp_set(e, m, tp, STORE_TP_NAME, "Mine"));
	/* someone changes another field: undoing the rename keeps it */
	ck_assert_store(store_tp_set(s, tp, STORE_TP_CHANNEL, "web"));
	ck_assert_store(edit_undo(e));
	reload();
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Theirs");
	ck_assert_str_eq(m->stages[0].touchpoints[0].channel, "web");
	/* someone renames it: redoing would overwrite them: refused */
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NAME, "Theirs again"));
	ck_assert_int_eq(edit_redo(e), STORE_CONFLICT);
	reload();
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "Theirs again");
	/* a stale delete is refused too */
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NOTES, "new notes"));
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
	ck_assert_store(store_tp_set(s, mine, STORE_TP_NOTES, "their notes"));
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
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NOTES, "their notes"));
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
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NAME, "Gamma"));
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
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NAME, "Theirs"));
	ck_assert_int_eq(edit_undo(e), STORE_CONFLICT);
	ck_assert(edit_can_undo(e));
	enum store_kind kind;
	int64_t id, since;
	ck_assert(edit_conflict(e, &kind, &id, &since));
	ck_assert_int_eq(kind, STORE_KIND_TOUCHPOINT);
	ck_assert_int_eq(id, tp);
	ck_assert_int_eq(since, rev);
	ck_assert_store(edit_undo_anyway(e));
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Ad");
	/* redo refused the same way, then dropped */
	ck_assert_store(store_tp_set(s, tp, STORE_TP_NAME, "Again"));
	ck_assert_int_eq(edit_redo(e), STORE_CONFLICT);
	ck_assert(edit_can_redo(e));
	edit_drop(e, true);
	ck_assert(!edit_can_redo(e));
	reload();
	ck_assert_str_eq(model_touchpoint(m, tp, NULL)->name, "Again");
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
	suite_add_tcase(su, tc);
	SRunner *sr = srunner_create(su);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
