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
	tcase_add_test(tc, test_map_create_undo);
	tcase_add_test(tc, test_map_create_undo_keeps_others_work);
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
