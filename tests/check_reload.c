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
	SAME_STR(a->metric_name, b->metric_name, "metric name");
	SAME_STR(a->metric_value, b->metric_value, "metric value");
	SAME_INT(a->has_emotion, b->has_emotion, "has emotion");
	if (a->has_emotion)
		SAME_INT(a->emotion, b->emotion, "emotion");
	SAME_INT(a->owner_id, b->owner_id, "owner");
	SAME_INT(a->rev, b->rev, "touchpoint rev");
	SAME_INT(a->ncontributors, b->ncontributors, "contributors");
	for (size_t k = 0; k < a->ncontributors; k++)
		SAME_INT(a->contributors[k], b->contributors[k], "contributor");
}

static void same_map(const struct model_map *a, const struct model_map *b)
{
	SAME_STR(a->name, b->name, "map name");
	SAME_STR(a->persona, b->persona, "persona");
	SAME_STR(a->scenario, b->scenario, "scenario");
	SAME_STR(a->promise, b->promise, "promise");
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
		edit_map_set(e, m, (enum store_map_field)pick(4),
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
			edit_tp_set(e, m, t->id, (enum store_tp_field)pick(5),
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

/* One random edit, undo or redo. */
static void random_edit(void)
{
	unsigned what = pick(40);
	if (what < 16)
		edit_journey(what % 14);
	else if (what < 26)
		edit_records(what - 16);
	else if (what < 30)
		edit_depts(what - 26);
	else if (what < 36)
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
