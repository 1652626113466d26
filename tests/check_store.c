/* check_store.c - the map file: what is written is what is read back,
 * orders stay dense, nothing is orphaned, bad files stay untouched, and
 * two processes writing at once lose nothing. */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/export_json.h"
#include "testutil.h"

static void teardown(void)
{
	tu_cleanup();
}

/* Names of the touchpoints of stage i, joined by commas. */
static char *stage_names(const struct model_map *m, size_t i)
{
	static char buf[512];
	buf[0] = '\0';
	const struct model_stage *sg = &m->stages[i];
	for (size_t j = 0; j < sg->ntouchpoints; j++) {
		if (j)
			strcat(buf, ",");
		strcat(buf, sg->touchpoints[j].name);
	}
	return buf;
}

static struct model_map *load(struct store *s, int64_t map)
{
	struct model_map *m = NULL;
	ck_assert_store(store_map_load(s, map, &m));
	return m;
}

/* ------------------------------------------------------------------ */

START_TEST(test_create_new_file)
{
	const char *path = tu_path("new.db");
	mode_t old = umask(002);
	struct store *s = tu_open(path);
	umask(old);
	ck_assert(!store_readonly(s));
	int64_t id;
	ck_assert_store(store_map_create(s, "Onboarding", &id));
	store_close(s);
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	/* group-writable because the umask allowed it */
	ck_assert_int_eq(sb.st_mode & 0777, 0664);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA application_id"),
			 STORE_APPLICATION_ID);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM map"), 1);
	/* a clean close leaves no companions behind */
	ck_assert(!tu_exists(tu_path("new.db-wal")));
}
END_TEST

START_TEST(test_umask_022)
{
	const char *path = tu_path("private.db");
	mode_t old = umask(077);
	store_close(tu_open(path));
	umask(old);
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
}
END_TEST

START_TEST(test_wal_mode)
{
	const char *path = tu_path("wal.db");
	store_close(tu_open(path));
	size_t len;
	char *head = tu_read_file(path, &len);
	/* header bytes 18 and 19 are 2 in WAL mode */
	ck_assert_int_eq(head[18], 2);
	ck_assert_int_eq(head[19], 2);
	free(head);
}
END_TEST

START_TEST(test_nocreate)
{
	struct store *s = NULL;
	ck_assert_int_eq(store_open(tu_path("absent.db"), STORE_OPEN_NOCREATE,
				    &s), STORE_NOTFOUND);
	ck_assert_ptr_null(s);
	ck_assert(!tu_exists(tu_path("absent.db")));
}
END_TEST

START_TEST(test_map_names)
{
	struct store *s = tu_open(tu_path("names.db"));
	int64_t a, b, found;
	ck_assert_store(store_map_create(s, "Renewal", &a));
	ck_assert_int_eq(store_map_create(s, "Renewal", &b), STORE_EXISTS);
	ck_assert_int_eq(store_map_create(s, "  ", &b), STORE_INVALID);
	ck_assert_int_eq(store_map_create(s, "bad\xff", &b), STORE_INVALID);
	ck_assert_store(store_map_create(s, "Compra 購入 🛒", &b));
	ck_assert_store(store_map_set(s, a, STORE_REV_ANY,
				      STORE_MAP_NAME, "Renovación"));
	ck_assert_store(store_map_set(s, a, STORE_REV_ANY,
				      STORE_MAP_PERSONA, "IT manager"));
	ck_assert_store(store_map_set(s, a, STORE_REV_ANY,
				      STORE_MAP_PROMISE, ""));
	ck_assert_int_eq(store_map_set(s, b, STORE_REV_ANY,
				       STORE_MAP_NAME, "Renovación"),
			 STORE_EXISTS);
	ck_assert_store(store_map_find(s, "Renovación", &found));
	ck_assert_int_eq(found, a);
	ck_assert_int_eq(store_map_find(s, "Renewal", &found), STORE_MISSING);
	ck_assert_int_eq(store_map_set(s, 999, STORE_REV_ANY,
				       STORE_MAP_NAME, "x"),
			 STORE_MISSING);
	struct model_map *m = load(s, a);
	ck_assert_str_eq(m->name, "Renovación");
	ck_assert_str_eq(m->persona, "IT manager");
	ck_assert_int_ge(m->updated, m->created);
	model_map_free(m);
	store_close(s);
}
END_TEST

START_TEST(test_map_list_counts)
{
	struct store *s = tu_open(tu_path("list.db"));
	tu_sample_map(s, "B2B");
	int64_t other;
	ck_assert_store(store_map_create(s, "Another", &other));
	struct store_map_info *v;
	size_t n;
	ck_assert_store(store_map_list(s, &v, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].name, "Another");
	ck_assert_uint_eq(v[0].nstages, 0);
	ck_assert_str_eq(v[1].name, "B2B");
	ck_assert_uint_eq(v[1].nstages, 3);
	ck_assert_uint_eq(v[1].ntouchpoints, 5);
	ck_assert_uint_eq(v[1].nunowned, 1);
	ck_assert_uint_eq(v[1].ngaps_open, 1);
	ck_assert_uint_eq(v[1].nsilos_open, 1);
	store_map_info_free(v, n);
	store_close(s);
}
END_TEST

/* Picking a map needs ids and names only: the same maps, in the same
 * order, with the row version a rename compares, and no counting. */
START_TEST(test_map_list_names)
{
	struct store *s = tu_open(tu_path("names.db"));
	tu_sample_map(s, "B2B");
	int64_t other;
	ck_assert_store(store_map_create(s, "Another", &other));
	struct store_map_info *v, *w;
	size_t n, m;
	ck_assert_store(store_map_list(s, &v, &n));
	ck_assert_store(store_map_names(s, &w, &m));
	ck_assert_uint_eq(n, m);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].id, w[i].id);
		ck_assert_str_eq(v[i].name, w[i].name);
		ck_assert_int_eq(v[i].rev, w[i].rev);
		ck_assert_uint_eq(w[i].ntouchpoints, 0);
	}
	store_map_info_free(v, n);
	store_map_info_free(w, m);
	store_close(s);
}
END_TEST

START_TEST(test_load_sample)
{
	struct store *s = tu_open(tu_path("load.db"));
	int64_t map = tu_sample_map(s, "B2B");
	struct model_map *m = load(s, map);
	ck_assert_uint_eq(m->nstages, 3);
	ck_assert_str_eq(m->stages[0].name, "Awareness");
	ck_assert_str_eq(stage_names(m, 0), "Ad,Webinar");
	ck_assert_str_eq(stage_names(m, 1), "Demo call,Invoice");
	ck_assert_uint_eq(m->ndepartments, 3);
	const struct model_touchpoint *web = &m->stages[0].touchpoints[1];
	ck_assert_uint_eq(web->ncontributors, 1);
	ck_assert_str_eq(model_department(m, web->contributors[0])->name,
			 "Sales");
	ck_assert_str_eq(model_department(m, web->owner_id)->name, "Marketing");
	ck_assert(!web->has_emotion);
	const struct model_touchpoint *inv = &m->stages[1].touchpoints[1];
	ck_assert(inv->has_emotion);
	ck_assert_int_eq(inv->emotion, -2);
	ck_assert_int_eq(inv->owner_id, 0);
	ck_assert_uint_eq(m->ngaps, 1);
	ck_assert_int_eq(m->gaps[0].touchpoint_id, inv->id);
	ck_assert_int_eq(m->gaps[0].severity, MODEL_SEV_HIGH);
	ck_assert_int_eq(m->gaps[0].status, MODEL_OPEN);
	ck_assert_uint_eq(m->nsilos, 1);
	ck_assert_uint_eq(model_unowned_count(m), 1);
	ck_assert_uint_eq(model_touchpoint_count(m), 5);
	model_map_free(m);
	store_close(s);
}
END_TEST

START_TEST(test_touchpoint_fields)
{
	struct store *s = tu_open(tu_path("fields.db"));
	int64_t map, stage, tp;
	ck_assert_store(store_map_create(s, "M", &map));
	ck_assert_store(store_stage_add(s, map, 0, "S", &stage));
	ck_assert_store(store_tp_add(s, stage, 0, "T", &tp));
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_CHANNEL, "e-mail"));
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NOTES, "line 1\nline 2"));
	ck_assert_store(store_tp_set_moment(s, tp, STORE_REV_ANY, true));
	ck_assert_int_eq(store_tp_set(s, tp, STORE_REV_ANY,
				      STORE_TP_NAME, ""), STORE_INVALID);
	ck_assert_store(store_tp_set_emotion(s, tp, STORE_REV_ANY, true, 2));
	ck_assert_int_eq(store_tp_set_emotion(s, tp, STORE_REV_ANY,
					      true, 3), STORE_INVALID);
	ck_assert_int_eq(store_tp_set_emotion(s, tp, STORE_REV_ANY,
					      true, -3), STORE_INVALID);
	ck_assert_int_eq(store_tp_set_owner(s, tp, STORE_REV_ANY,
					    4242), STORE_MISSING);
	struct model_map *m = load(s, map);
	const struct model_touchpoint *t = &m->stages[0].touchpoints[0];
	ck_assert_str_eq(t->channel, "e-mail");
	ck_assert_str_eq(t->notes, "line 1\nline 2");
	ck_assert(t->moment);
	ck_assert_int_eq(t->emotion, 2);
	int64_t rev = t->rev;
	model_map_free(m);
	ck_assert_store(store_tp_set_emotion(s, tp, STORE_REV_ANY, false, 0));
	m = load(s, map);
	ck_assert(!m->stages[0].touchpoints[0].has_emotion);
	/* every change bumps the row version */
	ck_assert_int_gt(m->stages[0].touchpoints[0].rev, rev);
	model_map_free(m);
	store_close(s);
}
END_TEST

START_TEST(test_stage_order)
{
	const char *path = tu_path("order.db");
	struct store *s = tu_open(path);
	int64_t map, a, b, c, d;
	ck_assert_store(store_map_create(s, "M", &map));
	ck_assert_store(store_stage_add(s, map, 0, "B", &b));
	ck_assert_store(store_stage_add(s, map, 0, "A", &a));	/* front */
	ck_assert_store(store_stage_add(s, map, 99, "D", &d));	/* append */
	ck_assert_store(store_stage_add(s, map, 2, "C", &c));	/* middle */
	struct model_map *m = load(s, map);
	ck_assert_uint_eq(m->nstages, 4);
	ck_assert_str_eq(m->stages[0].name, "A");
	ck_assert_str_eq(m->stages[1].name, "B");
	ck_assert_str_eq(m->stages[2].name, "C");
	ck_assert_str_eq(m->stages[3].name, "D");
	model_map_free(m);
	ck_assert_store(store_stage_move(s, a, STORE_REV_ANY,
					 3));	/* A to the end */
	ck_assert_store(store_stage_move(s, d, STORE_REV_ANY,
					 0));	/* D to the front */
	ck_assert_store(store_stage_move(s, c, STORE_REV_ANY,
					 99));	/* clamps to the end */
	m = load(s, map);
	ck_assert_str_eq(m->stages[0].name, "D");
	ck_assert_str_eq(m->stages[1].name, "B");
	ck_assert_str_eq(m->stages[2].name, "A");
	ck_assert_str_eq(m->stages[3].name, "C");
	model_map_free(m);
	ck_assert(tu_positions_ok(path));
	ck_assert_store(store_stage_delete(s, b, STORE_REV_ANY));
	ck_assert_int_eq(store_stage_delete(s, b, STORE_REV_ANY), STORE_MISSING);
	ck_assert(tu_positions_ok(path));
	ck_assert_store(store_stage_set(s, a, STORE_REV_ANY,
					STORE_STAGE_NAME, "Ä"));
	ck_assert_store(store_stage_set(s, a, STORE_REV_ANY,
					STORE_STAGE_DESCRIPTION, "desc"));
	m = load(s, map);
	ck_assert_uint_eq(m->nstages, 3);
	ck_assert_str_eq(m->stages[1].name, "Ä");
	ck_assert_str_eq(m->stages[1].description, "desc");
	model_map_free(m);
	store_close(s);
}
END_TEST

START_TEST(test_touchpoint_moves)
{
	const char *path = tu_path("moves.db");
	struct store *s = tu_open(path);
	int64_t map, s1, s2, t[5];
	ck_assert_store(store_map_create(s, "M", &map));
	ck_assert_store(store_stage_add(s, map, 0, "One", &s1));
	ck_assert_store(store_stage_add(s, map, 1, "Two", &s2));
	const char *names[] = { "a", "b", "c", "d", "e" };
	for (int i = 0; i < 5; i++)
		ck_assert_store(store_tp_add(s, s1, 99, names[i], &t[i]));
	ck_assert_store(store_tp_move(s, t[0], STORE_REV_ANY,
				      s1, 4));	/* down to the end */
	ck_assert_store(store_tp_move(s, t[3], STORE_REV_ANY,
				      s1, 0));	/* up to the top */
	struct model_map *m = load(s, map);
	ck_assert_str_eq(stage_names(m, 0), "d,b,c,e,a");
	model_map_free(m);
	ck_assert_store(store_tp_move(s, t[2], STORE_REV_ANY,
				      s2, 0));	/* to an empty stage */
	ck_assert_store(store_tp_move(s, t[1], STORE_REV_ANY,
				      s2, 0));	/* above it */
	ck_assert_store(store_tp_move(s, t[4], STORE_REV_ANY,
				      s2, 99));	/* append */
	m = load(s, map);
	ck_assert_str_eq(stage_names(m, 0), "d,a");
	ck_assert_str_eq(stage_names(m, 1), "b,c,e");
	ck_assert_int_eq(m->stages[1].touchpoints[0].stage_id, s2);
	model_map_free(m);
	ck_assert(tu_positions_ok(path));
	ck_assert_store(store_tp_delete(s, t[2], STORE_REV_ANY));
	ck_assert(tu_positions_ok(path));
	m = load(s, map);
	ck_assert_str_eq(stage_names(m, 1), "b,e");
	model_map_free(m);
	/* a touchpoint cannot move into another map */
	int64_t other, os;
	ck_assert_store(store_map_create(s, "Other", &other));
	ck_assert_store(store_stage_add(s, other, 0, "X", &os));
	ck_assert_int_eq(store_tp_move(s, t[1], STORE_REV_ANY,
				       os, 0), STORE_INVALID);
	store_close(s);
}
END_TEST

START_TEST(test_delete_cascades)
{
	const char *path = tu_path("cascade.db");
	struct store *s = tu_open(path);
	int64_t map = tu_sample_map(s, "B2B");
	int64_t keep = tu_sample_map(s, "Kept");
	struct model_map *m = load(s, map);
	int64_t purchase = m->stages[1].id, support = m->stages[2].id;
	model_map_free(m);
	/* the stage takes its touchpoints and the gap on the invoice */
	ck_assert_store(store_stage_delete(s, purchase, STORE_REV_ANY));
	m = load(s, map);
	ck_assert_uint_eq(m->nstages, 2);
	ck_assert_uint_eq(model_touchpoint_count(m), 3);
	ck_assert_uint_eq(m->ngaps, 0);
	ck_assert_uint_eq(m->nsilos, 1);
	model_map_free(m);
	/* a touchpoint takes its silo */
	ck_assert_store(store_stage_delete(s, support, STORE_REV_ANY));
	m = load(s, map);
	ck_assert_uint_eq(m->nsilos, 0);
	model_map_free(m);
	ck_assert_store(store_map_delete(s, map, STORE_REV_ANY));
	ck_assert_int_eq(store_map_delete(s, map, STORE_REV_ANY), STORE_MISSING);
	store_close(s);
	/* nothing of the deleted map is left anywhere; the other is whole */
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM stage"
				    " WHERE map_id NOT IN (SELECT id FROM map)"), 0);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM touchpoint"
				    " WHERE stage_id NOT IN (SELECT id FROM stage)"), 0);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM contributor"
				    " WHERE touchpoint_id NOT IN"
				    " (SELECT id FROM touchpoint)"), 0);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM gap"
				    " WHERE map_id NOT IN (SELECT id FROM map)"), 0);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM touchpoint"), 5);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM gap"), 1);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM silo"), 1);
	(void)keep;
}
END_TEST

START_TEST(test_department_rules)
{
	struct store *s = tu_open(tu_path("dept.db"));
	int64_t map = tu_sample_map(s, "B2B");
	int64_t mk, sales, finance, dup;
	ck_assert_store(store_dept_find(s, "Marketing", &mk));
	ck_assert_store(store_dept_find(s, "Sales", &sales));
	ck_assert_int_eq(store_dept_create(s, "Sales", &dup), STORE_EXISTS);
	ck_assert_int_eq(store_dept_create(s, "", &dup), STORE_INVALID);
	ck_assert_store(store_dept_create(s, "Finance", &finance));
	/* unused: goes at once */
	ck_assert_store(store_dept_delete(s, finance));
	ck_assert_int_eq(store_dept_find(s, "Finance", &dup), STORE_MISSING);
	/* owner of two touchpoints: refused, and nothing changes */
	size_t used;
	ck_assert_store(store_dept_usage(s, mk, &used));
	ck_assert_uint_eq(used, 2);
	ck_assert_int_eq(store_dept_delete(s, mk), STORE_INUSE);
	/* Sales owns one, contributes to one and is in a silo */
	ck_assert_store(store_dept_usage(s, sales, &used));
	ck_assert_uint_eq(used, 3);
	struct model_map *m = load(s, map);
	ck_assert_ptr_nonnull(model_department(m, mk));
	ck_assert_uint_eq(model_unowned_count(m), 1);
	/* release Marketing, then it may go */
	for (size_t j = 0; j < m->stages[0].ntouchpoints; j++)
		ck_assert_store(store_tp_set_owner(s,
				m->stages[0].touchpoints[j].id, STORE_REV_ANY, 0));
	model_map_free(m);
	ck_assert_store(store_dept_delete(s, mk));
	/* rename, relabel, recolour show up in the map */
	ck_assert_store(store_dept_rename(s, sales, "Ventas"));
	ck_assert_store(store_dept_set_label(s, sales, "VEN"));
	ck_assert_store(store_dept_set_colour(s, sales, 5));
	ck_assert_int_eq(store_dept_set_colour(s, sales, 8), STORE_INVALID);
	ck_assert_int_eq(store_dept_rename(s, sales, "Service"), STORE_EXISTS);
	/* nor a look-alike of another's name, as creating would find it;
	 * its own name may change case */
	ck_assert_int_eq(store_dept_rename(s, sales, "SERVICE"), STORE_EXISTS);
	ck_assert_store(store_dept_rename(s, sales, "VENTAS"));
	ck_assert_store(store_dept_rename(s, sales, "Ventas"));
	m = load(s, map);
	const struct model_department *d = model_department(m, sales);
	ck_assert_str_eq(d->name, "Ventas");
	ck_assert_str_eq(d->label, "VEN");
	ck_assert_int_eq(d->colour, 5);
	ck_assert_uint_eq(model_unowned_count(m), 3);
	model_map_free(m);
	store_close(s);
}
END_TEST

START_TEST(test_contributors)
{
	struct store *s = tu_open(tu_path("contrib.db"));
	int64_t map, st, tp, a, b;
	ck_assert_store(store_map_create(s, "M", &map));
	ck_assert_store(store_stage_add(s, map, 0, "S", &st));
	ck_assert_store(store_tp_add(s, st, 0, "T", &tp));
	ck_assert_store(store_dept_create(s, "Zeta", &a));
	ck_assert_store(store_dept_create(s, "Alpha", &b));
	ck_assert_store(store_tp_add_contributor(s, tp, a));
	ck_assert_store(store_tp_add_contributor(s, tp, b));
	ck_assert_store(store_tp_add_contributor(s, tp, b));	/* no dup */
	ck_assert_int_eq(store_tp_add_contributor(s, tp, 777), STORE_MISSING);
	struct model_map *m = load(s, map);
	const struct model_touchpoint *t = &m->stages[0].touchpoints[0];
	ck_assert_uint_eq(t->ncontributors, 2);
	ck_assert_int_eq(t->contributors[0], b);	/* by name */
	ck_assert_int_eq(t->contributors[1], a);
	model_map_free(m);
	ck_assert_store(store_tp_remove_contributor(s, tp, a));
	m = load(s, map);
	ck_assert_uint_eq(m->stages[0].touchpoints[0].ncontributors, 1);
	model_map_free(m);
	store_close(s);
}
END_TEST

START_TEST(test_gaps_and_silos)
{
	struct store *s = tu_open(tu_path("gaps.db"));
	int64_t map = tu_sample_map(s, "B2B"), other, g, o, a, b;
	ck_assert_store(store_map_create(s, "Other", &other));
	struct model_map *m = load(s, map);
	int64_t stage = m->stages[0].id, tp = m->stages[0].touchpoints[0].id;
	model_map_free(m);
	ck_assert_int_eq(store_gap_add(s, map, stage, tp, "both", MODEL_SEV_LOW,
				       &g), STORE_INVALID);
	ck_assert_int_eq(store_gap_add(s, other, stage, 0, "wrong map",
				       MODEL_SEV_LOW, &g), STORE_INVALID);
	ck_assert_int_eq(store_gap_add(s, map, stage, 0, "", MODEL_SEV_LOW, &g),
			 STORE_INVALID);
	ck_assert_store(store_gap_add(s, map, stage, 0, "Stage gap",
				      MODEL_SEV_MEDIUM, &g));
	ck_assert_store(store_gap_set_status(s, g, MODEL_RESOLVED));
	ck_assert_store(store_gap_set_severity(s, g, MODEL_SEV_LOW));
	ck_assert_store(store_gap_set_description(s, g, "Fixed gap"));
	ck_assert_store(store_dept_find(s, "Marketing", &a));
	ck_assert_store(store_dept_find(s, "Sales", &b));
	ck_assert_int_eq(store_silo_add(s, map, a, a, 0, "self", &o),
			 STORE_INVALID);
	ck_assert_int_eq(store_silo_add(s, map, a, 999, 0, "ghost", &o),
			 STORE_MISSING);
	ck_assert_store(store_silo_add(s, map, a, b, 0, "Leads lost", &o));
	ck_assert_store(store_silo_set_status(s, o, MODEL_RESOLVED));
	m = load(s, map);
	ck_assert_uint_eq(m->ngaps, 2);
	ck_assert_str_eq(m->gaps[1].description, "Fixed gap");
	ck_assert_int_eq(m->gaps[1].stage_id, stage);
	ck_assert_int_eq(m->gaps[1].status, MODEL_RESOLVED);
	ck_assert_uint_eq(model_open_gap_count(m), 1);
	ck_assert_uint_eq(m->nsilos, 2);
	ck_assert_uint_eq(model_open_silo_count(m), 1);
	model_map_free(m);
	ck_assert_store(store_gap_delete(s, g));
	ck_assert_store(store_silo_delete(s, o));
	ck_assert_int_eq(store_gap_delete(s, g), STORE_MISSING);
	store_close(s);
}
END_TEST

/* An import keeps when a gap or silo was recorded, and the list follows
 * those times. */
/* The body of a map's JSON export: everything but its name. */
static char *map_body(struct store *s, int64_t map)
{
	struct model_map *m = load(s, map);
	char *j = export_json(m), *nl = strstr(j, "\"name\"");
	ck_assert_ptr_nonnull(nl);
	nl = strchr(nl, '\n');
	memmove(j, nl, strlen(nl) + 1);
	model_map_free(m);
	return j;
}

START_TEST(test_map_copy)
{
	struct store *s = tu_open(tu_path("copy.db"));
	int64_t map = tu_sample_map(s, "B2B"), copy, g, o, a, b;
	struct model_map *m = load(s, map);
	int64_t stage = m->stages[1].id, tp = m->stages[1].touchpoints[0].id;
	model_map_free(m);
	/* a gap and a silo of every reach: the map, a stage, a touchpoint */
	ck_assert_store(store_map_set(s, map, STORE_REV_ANY,
				      STORE_MAP_PERSONA, "Ops lead"));
	ck_assert_store(store_gap_add(s, map, 0, 0, "Map gap", MODEL_SEV_LOW, &g));
	ck_assert_store(store_gap_set_status(s, g, MODEL_RESOLVED));
	ck_assert_store(store_gap_add(s, map, stage, 0, "Stage gap",
				      MODEL_SEV_MEDIUM, &g));
	ck_assert_store(store_gap_add(s, map, 0, tp, "Card gap", MODEL_SEV_HIGH,
				      &g));
	ck_assert_store(store_dept_find(s, "Marketing", &a));
	ck_assert_store(store_dept_find(s, "Sales", &b));
	ck_assert_store(store_silo_add(s, map, a, b, 0, "Map silo", &o));
	ck_assert_store(store_silo_add(s, map, b, a, tp, "Card silo", &o));
	ck_assert_store(store_tp_add_contributor(s, tp, a));
	ck_assert_int_eq(store_map_copy(s, map, "B2B", &copy), STORE_EXISTS);
	ck_assert_int_eq(store_map_copy(s, map, "", &copy), STORE_INVALID);
	ck_assert_store(store_map_copy(s, map, "B2B copy", &copy));
	ck_assert_int_ne(copy, map);
	char *from = map_body(s, map), *to = map_body(s, copy);
	ck_assert_msg(strcmp(to, from) == 0, "the copy differs");	/* long */
	ck_assert_ptr_nonnull(strstr(to, "Card silo"));
	free(from);
	free(to);
	/* the copy is a map of its own: the ids differ, a change stays there */
	m = load(s, copy);
	ck_assert_str_eq(m->name, "B2B copy");
	ck_assert_int_ne(m->stages[1].id, stage);
	ck_assert_int_ne(m->stages[1].touchpoints[0].id, tp);
	ck_assert_store(store_stage_set(s, m->stages[1].id, STORE_REV_ANY,
					STORE_STAGE_NAME,
					"Elsewhere"));
	model_map_free(m);
	m = load(s, map);
	ck_assert_str_ne(m->stages[1].name, "Elsewhere");
	model_map_free(m);
	/* the refused copies left nothing behind */
	struct store_map_info *v;
	size_t n;
	ck_assert_store(store_map_list(s, &v, &n));
	ck_assert_uint_eq(n, 2);
	store_map_info_free(v, n);
	store_close(s);
}
END_TEST

START_TEST(test_record_created)
{
	struct store *s = tu_open(tu_path("created.db"));
	int64_t map = tu_sample_map(s, "Times"), g2, o;
	ck_assert_store(store_gap_add(s, map, 0, 0, "Second", MODEL_SEV_LOW,
				      &g2));
	ck_assert_store(store_gap_set_created(s, g2, 1000));
	struct model_map *m = load(s, map);
	ck_assert_str_eq(m->gaps[0].description, "Second");
	ck_assert_int_eq(m->gaps[0].created, 1000);
	o = m->silos[0].id;
	model_map_free(m);
	ck_assert_store(store_silo_set_created(s, o, 2000));
	m = load(s, map);
	ck_assert_int_eq(m->silos[0].created, 2000);
	model_map_free(m);
	ck_assert_int_eq(store_gap_set_created(s, g2, 0), STORE_INVALID);
	ck_assert_int_eq(store_silo_set_created(s, o, -5), STORE_INVALID);
	ck_assert_int_eq(store_gap_set_created(s, 9999, 10), STORE_MISSING);
	ck_assert_int_eq(store_silo_set_created(s, 9999, 10), STORE_MISSING);
	store_close(s);
}
END_TEST

START_TEST(test_grouped_transaction)
{
	struct store *s = tu_open(tu_path("group.db"));
	int64_t map, st;
	ck_assert_store(store_begin(s));
	ck_assert_store(store_map_create(s, "Imported", &map));
	ck_assert_store(store_stage_add(s, map, 0, "S", &st));
	store_rollback(s);
	ck_assert_int_eq(store_map_find(s, "Imported", &map), STORE_MISSING);
	/* an inner failure spoils the whole group */
	ck_assert_store(store_begin(s));
	ck_assert_store(store_map_create(s, "Imported", &map));
	ck_assert_int_eq(store_map_create(s, "Imported", &st), STORE_EXISTS);
	ck_assert_int_ne(store_commit(s), STORE_OK);
	ck_assert_int_eq(store_map_find(s, "Imported", &map), STORE_MISSING);
	ck_assert_store(store_begin(s));
	ck_assert_store(store_map_create(s, "Imported", &map));
	ck_assert_store(store_commit(s));
	ck_assert_store(store_map_find(s, "Imported", &map));
	store_close(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* sparse positions */

/* An add in the middle of a stage writes its own row only: the others
 * keep their position values (they were all rewritten, twice, when
 * positions were dense).  Adding again and again at one place runs out
 * of room between two values, renumbers the stage, and the order is
 * still the order of the adds. */
START_TEST(test_insert_same_place)
{
	const char *path = tu_path("sparse.db");
	struct store *s = tu_open(path);
	int64_t map, stage, id;
	ck_assert_store(store_map_create(s, "Sparse", &map));
	ck_assert_store(store_stage_add(s, map, 0, "Only", &stage));
	ck_assert_store(store_tp_add(s, stage, 0, "A", NULL));
	ck_assert_store(store_tp_add(s, stage, 1, "Z", &id));
	int64_t z = tu_sql_int(path, "SELECT pos FROM touchpoint WHERE"
			       " name = 'Z'");
	ck_assert_store(store_tp_add(s, stage, 1, "M", NULL));
	ck_assert_int_eq(tu_sql_int(path, "SELECT pos FROM touchpoint WHERE"
				    " name = 'Z'"), z);
	/* 30 adds at index 1: more than the room between two values */
	char want[512] = "A", name[8];
	char tail[512] = "M,Z";
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "N%d", i);
		ck_assert_store(store_tp_add(s, stage, 1, name, NULL));
	}
	for (int i = 29; i >= 0; i--) {
		snprintf(name, sizeof name, ",N%d", i);
		strcat(want, name);
	}
	strcat(want, ",");
	strcat(want, tail);
	struct model_map *m = load(s, map);
	ck_assert_str_eq(stage_names(m, 0), want);
	model_map_free(m);
	/* and 30 at the front, and moves to the front, then deletes */
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "F%d", i);
		ck_assert_store(store_tp_add(s, stage, 0, name, NULL));
	}
	m = load(s, map);
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "F29");
	ck_assert_str_eq(m->stages[0].touchpoints[29].name, "F0");
	ck_assert_str_eq(m->stages[0].touchpoints[30].name, "A");
	size_t n = m->stages[0].ntouchpoints;
	ck_assert_uint_eq(n, 63);
	model_map_free(m);
	for (int i = 0; i < 20; i++) {	/* the last card to the front */
		m = load(s, map);
		const struct model_touchpoint *t = &m->stages[0].touchpoints[n - 1];
		ck_assert_store(store_tp_move(s, t->id, t->rev, stage, 0));
		model_map_free(m);
	}
	m = load(s, map);
	ck_assert_str_eq(m->stages[0].touchpoints[0].name, "N17");
	ck_assert_str_eq(m->stages[0].touchpoints[19].name, "Z");
	ck_assert_str_eq(m->stages[0].touchpoints[20].name, "F29");
	ck_assert_str_eq(m->stages[0].touchpoints[n - 1].name, "N18");
	model_map_free(m);
	ck_assert_store(store_tp_delete(s, id, STORE_REV_ANY));
	m = load(s, map);
	ck_assert_uint_eq(m->stages[0].ntouchpoints, n - 1);
	ck_assert_str_eq(m->stages[0].touchpoints[18].name, "M");
	ck_assert_str_eq(m->stages[0].touchpoints[19].name, "F29");
	model_map_free(m);
	store_close(s);
	ck_assert(tu_positions_ok(path));
}
END_TEST

/* What schema 5 added, taken away again (for files of older versions
 * made from current ones). */
#define V5_TO_V4 \
	"DROP TABLE decision; DROP TABLE action; DROP TABLE voice;" \
	"DROP TABLE metric;" \
	"ALTER TABLE touchpoint DROP COLUMN moment;" \
	"ALTER TABLE map DROP COLUMN journey_owner;" \
	"ALTER TABLE map DROP COLUMN cx_lead;" \
	"ALTER TABLE map DROP COLUMN success;" \
	"ALTER TABLE touchpoint ADD COLUMN metric_name TEXT NOT NULL DEFAULT '';" \
	"ALTER TABLE touchpoint ADD COLUMN metric_value TEXT NOT NULL DEFAULT '';"

/* A file of schema version 3 (dense positions, 0..n-1) is respaced once,
 * its order intact, and works as a current file. */
START_TEST(test_migrate_v3)
{
	const char *path = tu_path("v3.db");
	struct store *s = tu_open(path);
	int64_t map, first, second;
	ck_assert_store(store_map_create(s, "Dense", &map));
	/* ids in the opposite order of the positions */
	ck_assert_store(store_stage_add(s, map, 0, "Second", &second));
	ck_assert_store(store_stage_add(s, map, 0, "First", &first));
	for (int i = 0; i < 5; i++) {
		char name[8];
		snprintf(name, sizeof name, "T%d", i);
		ck_assert_store(store_tp_add(s, first, 0, name, NULL));
	}
	ck_assert_store(store_tp_add(s, second, 0, "Lone", NULL));
	store_close(s);
	/* what version 3 wrote: dense positions */
	tu_sql_exec(path,
		"CREATE TEMP TABLE r AS SELECT id, (SELECT count(*) FROM"
		" touchpoint x WHERE x.stage_id = t.stage_id AND x.pos < t.pos)"
		" AS k FROM touchpoint t;"
		"UPDATE touchpoint SET pos = -1 - (SELECT k FROM r"
		" WHERE r.id = touchpoint.id);"
		"UPDATE touchpoint SET pos = -pos - 1;"
		"CREATE TEMP TABLE q AS SELECT id, (SELECT count(*) FROM"
		" stage x WHERE x.map_id = t.map_id AND x.pos < t.pos)"
		" AS k FROM stage t;"
		"UPDATE stage SET pos = -1 - (SELECT k FROM q"
		" WHERE q.id = stage.id);"
		"UPDATE stage SET pos = -pos - 1;"
		V5_TO_V4
		"PRAGMA user_version = 3;");
	ck_assert_int_eq(tu_sql_int(path, "SELECT max(pos) FROM touchpoint"), 4);
	s = tu_open(path);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	ck_assert_int_eq(tu_sql_int(path, "SELECT min(pos) FROM touchpoint"),
			 1024);
	struct model_map *m = load(s, map);
	ck_assert_uint_eq(m->nstages, 2);
	ck_assert_str_eq(m->stages[0].name, "First");
	ck_assert_str_eq(stage_names(m, 0), "T4,T3,T2,T1,T0");
	ck_assert_str_eq(stage_names(m, 1), "Lone");
	model_map_free(m);
	ck_assert_store(store_tp_add(s, first, 2, "Mid", NULL));
	m = load(s, map);
	ck_assert_str_eq(stage_names(m, 0), "T4,T3,Mid,T2,T1,T0");
	model_map_free(m);
	store_close(s);
	ck_assert(tu_positions_ok(path));
}
END_TEST

/* ------------------------------------------------------------------ */
/* migration */

START_TEST(test_migrate_v1)
{
	const char *path = tu_path("v1.db");
	char *sql = tu_read_file(TESTDATA "/schema-v1.sql", NULL);
	tu_sql_exec(path, sql);
	free(sql);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"), 1);
	struct store *s = tu_open(path);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	int64_t map;
	ck_assert_store(store_map_find(s, "Legacy journey", &map));
	struct model_map *m = load(s, map);
	ck_assert_uint_eq(m->nstages, 2);
	ck_assert_str_eq(stage_names(m, 0), "Billboard,Website");
	ck_assert_str_eq(model_department(m, m->stages[0].touchpoints[0]
					  .owner_id)->name, "Marketing");
	ck_assert_uint_eq(m->ngaps, 1);
	ck_assert_int_eq(m->stages[0].touchpoints[0].rev, 0);
	model_map_free(m);
	/* and it works as a current file */
	ck_assert_store(store_stage_add(s, map, 0, "New first", NULL));
	store_close(s);
	ck_assert(tu_positions_ok(path));
}
END_TEST

START_TEST(test_migrate_v2)
{
	/* v2 counted row versions per row; v3 numbers them by change */
	const char *path = tu_path("v2.db");
	char *sql = tu_read_file(TESTDATA "/schema-v2.sql", NULL);
	tu_sql_exec(path, sql);
	free(sql);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"), 2);
	struct store *s = tu_open(path);
	ck_assert_int_eq(tu_sql_int(path, "PRAGMA user_version"),
			 STORE_SCHEMA_VERSION);
	int64_t map;
	ck_assert_store(store_map_find(s, "Team journey", &map));
	struct model_map *m = load(s, map);
	ck_assert_str_eq(m->promise, "No surprises");
	ck_assert_uint_eq(m->nstages, 2);
	ck_assert_str_eq(stage_names(m, 1), "PDF invoice");
	const struct model_touchpoint *t = &m->stages[1].touchpoints[0];
	ck_assert_str_eq(t->notes, "sent monthly");
	ck_assert_uint_eq(t->ncontributors, 1);
	ck_assert_uint_eq(m->nsilos, 1);
	/* old counters restart, so the first change is newer than all */
	ck_assert_int_eq(t->rev, 0);
	ck_assert_int_eq(model_map_version(m), 0);
	int64_t stage = m->stages[0].id;
	model_map_free(m);
	/* an empty history, and presence and visits ready */
	struct store_change *h;
	size_t n;
	ck_assert_store(store_history_list(s, map, 0, &h, &n));
	ck_assert_uint_eq(n, 0);
	store_history_free(h, n);
	ck_assert_store(store_presence_join(s, map));
	ck_assert_store(store_visit_record(s, map));
	/* and it works as a current file: a stale edit is refused */
	ck_assert_store(store_stage_set(s, stage, 0, STORE_STAGE_NAME,
						"Offer"));
	ck_assert_int_eq(store_stage_set(s, stage, 0, STORE_STAGE_NAME,
						 "Late"), STORE_CONFLICT);
	ck_assert_store(store_history_list(s, map, 0, &h, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].name, "Quote");
	store_history_free(h, n);
	store_close(s);
	ck_assert(tu_positions_ok(path));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM"
				    " pragma_integrity_check WHERE"
				    " integrity_check <> 'ok'"), 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* bad files: a clear status, and not one byte changed */

static void assert_refused(const char *path, enum store_status want)
{
	size_t before_len, after_len;
	char *before = tu_read_file(path, &before_len);
	struct store *s = NULL;
	enum store_status st = store_open(path, 0, &s);
	ck_assert_msg(st == want, "%s: got '%s', want '%s'", path,
		      store_status_message(st), store_status_message(want));
	ck_assert_ptr_null(s);
	char *after = tu_read_file(path, &after_len);
	ck_assert_uint_eq(before_len, after_len);
	ck_assert_msg(memcmp(before, after, before_len) == 0,
		      "%s was changed", path);
	char side[600];
	const char *suffix[] = { "-wal", "-shm", "-journal" };
	for (int i = 0; i < 3; i++) {
		snprintf(side, sizeof side, "%s%s", path, suffix[i]);
		ck_assert_msg(!tu_exists(side), "%s left behind", side);
	}
	free(before);
	free(after);
}

START_TEST(test_bad_text_file)
{
	const char *path = tu_path("notes.txt");
	tu_write_file(path, "# my notes\nnot a database\n", 26);
	assert_refused(path, STORE_NOTSQLITE);
}
END_TEST

START_TEST(test_bad_short_file)
{
	const char *path = tu_path("short.db");
	tu_write_file(path, "SQLite", 6);
	assert_refused(path, STORE_NOTSQLITE);
}
END_TEST

START_TEST(test_bad_corrupt)
{
	/* a real cxmap file with its pages overwritten past the header */
	const char *path = tu_path("corrupt.db");
	struct store *s = tu_open(path);
	tu_sample_map(s, "B2B");
	store_close(s);
	size_t len;
	char *data = tu_read_file(path, &len);
	ck_assert_uint_gt(len, 8192);
	for (size_t i = 100; i < len; i++)
		data[i] = (char)(i * 7 + 3);
	tu_write_file(path, data, len);
	free(data);
	assert_refused(path, STORE_CORRUPT);
}
END_TEST

START_TEST(test_bad_truncated)
{
	const char *path = tu_path("truncated.db");
	struct store *s = tu_open(path);
	tu_sample_map(s, "B2B");
	store_close(s);
	size_t len;
	char *data = tu_read_file(path, &len);
	tu_write_file(path, data, len / 2);
	free(data);
	assert_refused(path, STORE_CORRUPT);
}
END_TEST

START_TEST(test_bad_foreign)
{
	const char *path = tu_path("firefox.sqlite");
	tu_sql_exec(path, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY,"
			  " url TEXT); INSERT INTO moz_places (url)"
			  " VALUES ('https://example.org');");
	assert_refused(path, STORE_FOREIGN);
}
END_TEST

START_TEST(test_bad_newer)
{
	const char *path = tu_path("future.db");
	store_close(tu_open(path));
	tu_sql_exec(path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
	assert_refused(path, STORE_NEWER);
}
END_TEST

START_TEST(test_bad_negative_version)
{
	/* found by tests/fuzz/fuzz_file.c: a negative schema version was
	 * taken for an old one, and migrations[-1] run */
	const char *path = tu_path("negative.db");
	store_close(tu_open(path));
	tu_sql_exec(path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = -1");
	assert_refused(path, STORE_CORRUPT);
}
END_TEST

START_TEST(test_bad_directory)
{
	const char *path = tu_path("folder.db");
	ck_assert_int_eq(mkdir(path, 0755), 0);
	struct store *s = NULL;
	ck_assert_int_eq(store_open(path, 0, &s), STORE_NOTSQLITE);
}
END_TEST

/* Runs fn as an ordinary user, so that permissions apply even when the
 * suite runs as root; returns false when that cannot be arranged. */
static bool as_nobody(const char *dir, void (*fn)(void))
{
	if (geteuid() != 0) {
		fn();
		return true;
	}
	if (chmod(dir, 0755) != 0)
		return false;
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(77);
		fn();
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) != 77,
		      "could not switch to the nobody user");
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "the unprivileged check failed");
	return true;
}

static void unreadable_check(void)
{
	struct store *s = NULL;
	enum store_status st = store_open(tu_path("secret.db"), 0, &s);
	_exit(st == STORE_NOACCESS && s == NULL ? 0 : 1);
}

START_TEST(test_bad_unreadable)
{
	const char *path = tu_path("secret.db");
	store_close(tu_open(path));
	ck_assert_int_eq(chmod(path, 0000), 0);
	ck_assert(as_nobody(tu_dir(), unreadable_check));
	ck_assert_int_eq(chmod(path, 0600), 0);
}
END_TEST

static void readonly_check(void)
{
	const char *path = tu_path("shared.db");
	struct store *s = NULL;
	if (store_open(path, 0, &s) != STORE_OK || !store_readonly(s))
		_exit(1);
	int64_t map, id;
	if (store_map_find(s, "B2B", &map) != STORE_OK)
		_exit(2);
	struct model_map *m = NULL;
	if (store_map_load(s, map, &m) != STORE_OK || m->nstages != 3)
		_exit(3);
	if (store_stage_add(s, map, 0, "Nope", &id) != STORE_READONLY)
		_exit(4);
	model_map_free(m);
	store_close(s);
	_exit(0);
}

START_TEST(test_readonly_file)
{
	const char *path = tu_path("shared.db");
	struct store *s = tu_open(path);
	tu_sample_map(s, "B2B");
	store_close(s);
	ck_assert_int_eq(chmod(path, 0444), 0);
	size_t len;
	char *before = tu_read_file(path, &len);
	ck_assert(as_nobody(tu_dir(), readonly_check));
	/* also in this process (root: the mode bits still decide) */
	pid_t pid = fork();
	if (pid == 0)
		readonly_check();
	int status;
	waitpid(pid, &status, 0);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	char *after = tu_read_file(path, NULL);
	ck_assert(memcmp(before, after, len) == 0);
	ck_assert(!tu_exists(tu_path("shared.db-wal")));
	ck_assert(!tu_exists(tu_path("shared.db-shm")));
	free(before);
	free(after);
}
END_TEST

START_TEST(test_readonly_flag)
{
	const char *path = tu_path("flag.db");
	store_close(tu_open(path));
	struct store *s = NULL;
	ck_assert_store(store_open(path, STORE_OPEN_READONLY, &s));
	ck_assert(store_readonly(s));
	int64_t id;
	ck_assert_int_eq(store_map_create(s, "x", &id), STORE_READONLY);
	store_close(s);
	/* a missing file is not created in read-only mode */
	ck_assert_int_eq(store_open(tu_path("none.db"), STORE_OPEN_READONLY,
				    &s), STORE_NOTFOUND);
}
END_TEST

/* ------------------------------------------------------------------ */
/* several processes, limits */

#define WRITERS 4
#define EDITS 150

static void writer(const char *path, int who)
{
	struct store *s = NULL;
	if (store_open(path, 0, &s) != STORE_OK)
		_exit(10);
	int64_t map, stage;
	if (store_map_find(s, "Shared", &map) != STORE_OK ||
	    store_stage_add(s, map, (size_t)who, "mine", &stage) != STORE_OK)
		_exit(11);
	srand((unsigned)who * 7919u);
	for (int i = 0; i < EDITS; i++) {
		char name[32];
		snprintf(name, sizeof name, "w%d-%d", who, i);
		int64_t tp;
		/* everybody also adds to the common first stage */
		int64_t target = i % 2 ? stage : 0;
		if (target == 0) {
			struct model_map *m = NULL;
			if (store_map_load(s, map, &m) != STORE_OK)
				_exit(12);
			target = m->stages[0].id;
			model_map_free(m);
		}
		if (store_tp_add(s, target, (size_t)rand() % 50, name, &tp)
		    != STORE_OK)
			_exit(13);
		if (i % 3 == 0 &&
		    store_tp_set(s, tp, STORE_REV_ANY,
				 STORE_TP_NOTES, "edited") != STORE_OK)
			_exit(14);
	}
	store_close(s);
	_exit(0);
}

START_TEST(test_concurrent_writers)
{
	const char *path = tu_path("shared.db");
	struct store *s = tu_open(path);
	int64_t map, first;
	ck_assert_store(store_map_create(s, "Shared", &map));
	ck_assert_store(store_stage_add(s, map, 0, "Common", &first));
	store_close(s);
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		ck_assert_int_ge(pids[w], 0);
		if (pids[w] == 0)
			writer(path, w);
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;
		waitpid(pids[w], &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "writer %d failed with %d", w, WEXITSTATUS(status));
	}
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM touchpoint"),
			 WRITERS * EDITS);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM stage"),
			 WRITERS + 1);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM touchpoint"
				    " WHERE notes = 'edited'"),
			 WRITERS * ((EDITS + 2) / 3));
	ck_assert(tu_positions_ok(path));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM"
				    " pragma_integrity_check WHERE"
				    " integrity_check <> 'ok'"), 0);
}
END_TEST

START_TEST(test_file_size_limit)
{
	/* A write that cannot be completed (here: past the file size limit,
	 * as on a full disk) fails as a whole and harms nothing before it. */
	const char *path = tu_path("full.db");
	struct store *s = tu_open(path);
	int64_t map = tu_sample_map(s, "B2B");
	store_close(s);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN);
		struct store *c = NULL;
		if (store_open(path, 0, &c) != STORE_OK)
			_exit(1);
		struct rlimit rl = { 256 * 1024, 256 * 1024 };
		setrlimit(RLIMIT_FSIZE, &rl);
		size_t big = 2 * 1024 * 1024;
		char *notes = malloc(big + 1);
		memset(notes, 'x', big);
		notes[big] = '\0';
		int64_t stage;
		enum store_status st = store_stage_add(c, map, 0, "Huge", &stage);
		if (st == STORE_OK)
			st = store_map_set(c, map, STORE_REV_ANY,
					   STORE_MAP_PERSONA, notes);
		free(notes);
		store_close(c);
		_exit(st == STORE_OK ? 2 : 0);
	}
	int status;
	waitpid(pid, &status, 0);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	s = tu_open(path);
	struct model_map *m = load(s, map);
	ck_assert_uint_ge(m->nstages, 3);
	ck_assert_str_eq(m->persona, "");
	ck_assert_uint_eq(model_touchpoint_count(m), 5);
	model_map_free(m);
	store_close(s);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM"
				    " pragma_integrity_check WHERE"
				    " integrity_check <> 'ok'"), 0);
}
END_TEST

static Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("model");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_create_new_file);
	tcase_add_test(tc, test_umask_022);
	tcase_add_test(tc, test_wal_mode);
	tcase_add_test(tc, test_nocreate);
	tcase_add_test(tc, test_map_names);
	tcase_add_test(tc, test_map_list_counts);
	tcase_add_test(tc, test_map_list_names);
	tcase_add_test(tc, test_load_sample);
	tcase_add_test(tc, test_touchpoint_fields);
	tcase_add_test(tc, test_stage_order);
	tcase_add_test(tc, test_touchpoint_moves);
	tcase_add_test(tc, test_delete_cascades);
	tcase_add_test(tc, test_department_rules);
	tcase_add_test(tc, test_contributors);
	tcase_add_test(tc, test_gaps_and_silos);
	tcase_add_test(tc, test_map_copy);
	tcase_add_test(tc, test_record_created);
	tcase_add_test(tc, test_grouped_transaction);
	tcase_add_test(tc, test_migrate_v1);
	tcase_add_test(tc, test_migrate_v2);
	tcase_add_test(tc, test_migrate_v3);
	tcase_add_test(tc, test_insert_same_place);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad files");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_bad_text_file);
	tcase_add_test(tc, test_bad_short_file);
	tcase_add_test(tc, test_bad_corrupt);
	tcase_add_test(tc, test_bad_truncated);
	tcase_add_test(tc, test_bad_foreign);
	tcase_add_test(tc, test_bad_newer);
	tcase_add_test(tc, test_bad_negative_version);
	tcase_add_test(tc, test_bad_directory);
	tcase_add_test(tc, test_bad_unreadable);
	tcase_add_test(tc, test_readonly_file);
	tcase_add_test(tc, test_readonly_flag);
	suite_add_tcase(s, tc);

	tc = tcase_create("processes");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_concurrent_writers);
	tcase_add_test(tc, test_file_size_limit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(store_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
