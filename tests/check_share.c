/* check_share.c - several people on one file: an edit based on a stale
 * screen is refused instead of overwriting, others' commits are noticed,
 * presence expires when a process dies, and the history records every
 * change with its author. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/history.h"
#include "testutil.h"
#include "util/text.h"

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

/* Two sessions on one file, as two people. */
static void open_two(const char *path, struct store **ana, struct store **ben)
{
	*ana = tu_open(path);
	*ben = tu_open(path);
	store_set_user(*ana, "ana");
	store_set_user(*ben, "ben");
}

/* ------------------------------------------------------------------ */
/* row versions */

START_TEST(test_rev_is_change)
{
	struct store *s = tu_open(tu_path("rev.db"));
	int64_t map, stage, tp;
	ck_assert_int_eq(store_last_change(s), 0);
	ck_assert_store(store_map_create(s, "M", &map));
	ck_assert_store(store_stage_add(s, map, 0, "S", &stage));
	ck_assert_store(store_tp_add(s, stage, 0, "T", &tp));
	int64_t added = store_last_change(s);
	ck_assert_store(store_tp_set(s, tp, STORE_REV_ANY,
				     STORE_TP_NOTES, "n"));
	int64_t noted = store_last_change(s);
	ck_assert_int_gt(noted, added);
	struct model_map *m = load(s, map);
	/* an item's rev names the change that last touched it */
	ck_assert_int_eq(m->stages[0].touchpoints[0].rev, noted);
	ck_assert_int_lt(m->stages[0].rev, added);
	ck_assert_int_eq(model_stage_version(&m->stages[0]), noted);
	ck_assert_int_eq(model_map_version(m), noted);
	model_map_free(m);
	struct store_change *c;
	ck_assert_store(store_history_get(s, noted, &c));
	ck_assert_str_eq(c->field, "notes");
	ck_assert_int_eq(c->item_id, tp);
	store_history_free(c, 1);
	ck_assert_int_eq(store_history_get(s, 999, &c), STORE_MISSING);
	store_close(s);
}
END_TEST

START_TEST(test_conflict_touchpoint)
{
	const char *path = tu_path("conflict.db");
	struct store *ana, *ben;
	open_two(path, &ana, &ben);
	int64_t map = tu_sample_map(ana, "B2B"), sales;
	ck_assert_store(store_dept_find(ana, "Sales", &sales));
	/* both have the map on screen */
	struct model_map *ma = load(ana, map), *mb = load(ben, map);
	const struct model_touchpoint *ta = &ma->stages[0].touchpoints[0];
	const struct model_touchpoint *tb = &mb->stages[0].touchpoints[0];
	ck_assert_str_eq(ta->name, "Ad");
	/* Ben renames first; Ana's rename, move and delete of the card she
	 * saw are refused */
	ck_assert_store(store_tp_set(ben, tb->id, tb->rev,
				     STORE_TP_NAME, "Banner"));
	ck_assert_int_eq(store_tp_set(ana, ta->id, ta->rev,
				      STORE_TP_NAME, "Poster"),
			 STORE_CONFLICT);
	ck_assert_int_eq(store_tp_move(ana, ta->id, ta->rev,
				       ma->stages[1].id, 0),
			 STORE_CONFLICT);
	ck_assert_int_eq(store_tp_delete(ana, ta->id, ta->rev),
			 STORE_CONFLICT);
	/* nothing of Ana's landed, nothing of Ben's was lost */
	struct model_map *now = load(ana, map);
	const struct model_touchpoint *t = &now->stages[0].touchpoints[0];
	ck_assert_str_eq(t->name, "Banner");
	ck_assert_int_eq(t->rev, store_last_change(ben));
	/* the fields Ben did not touch are Ana's to change, on what she saw */
	ck_assert_store(store_tp_set(ana, ta->id, ta->rev,
				     STORE_TP_NOTES, "x"));
	ck_assert_store(store_tp_set_emotion(ana, ta->id, ta->rev,
					     true, 1));
	ck_assert_store(store_tp_set_owner(ana, ta->id, ta->rev,
					   sales));
	/* and now Ben's stale notes, emotion and owner are the refused ones */
	ck_assert_int_eq(store_tp_set(ben, tb->id, tb->rev,
				      STORE_TP_NOTES, "y"),
			 STORE_CONFLICT);
	ck_assert_int_eq(store_tp_set_emotion(ben, tb->id, tb->rev,
					      true, -1), STORE_CONFLICT);
	ck_assert_int_eq(store_tp_set_owner(ben, tb->id, tb->rev, 0),
			 STORE_CONFLICT);
	/* the history names who changed the field, and the newest change */
	struct store_change *c;
	ck_assert_store(store_history_item(ben, STORE_KIND_TOUCHPOINT, tb->id,
					   "notes", tb->rev, &c));
	ck_assert_str_eq(c->user, "ana");
	ck_assert_str_eq(c->field, "notes");
	store_history_free(c, 1);
	ck_assert_store(store_history_item(ben, STORE_KIND_TOUCHPOINT, tb->id,
					   NULL, tb->rev, &c));
	ck_assert_str_eq(c->field, "owner");
	store_history_free(c, 1);
	ck_assert_int_eq(store_history_item(ben, STORE_KIND_TOUCHPOINT, tb->id,
					    "channel", tb->rev, &c),
			 STORE_MISSING);
	model_map_free(now);
	now = load(ana, map);
	t = &now->stages[0].touchpoints[0];
	ck_assert_str_eq(t->notes, "x");
	ck_assert_int_eq(t->owner_id, sales);
	/* seen again, her change goes through */
	ck_assert_store(store_tp_set(ana, t->id, t->rev, STORE_TP_NAME,
				     "Poster"));
	ck_assert_int_eq(store_tp_set(ben, tb->id, t->rev,
				      STORE_TP_NAME, "Late"),
			 STORE_CONFLICT);
	/* STORE_REV_ANY and the plain functions do not check */
	ck_assert_store(store_tp_set(ben, tb->id, STORE_REV_ANY,
				     STORE_TP_CHANNEL, "radio"));
	ck_assert_store(store_tp_set(ben, tb->id, STORE_REV_ANY,
				     STORE_TP_CHANNEL, "tv"));
	/* a deleted item is missing, not a conflict */
	ck_assert_store(store_tp_delete(ben, tb->id, STORE_REV_ANY));
	ck_assert_int_eq(store_tp_set(ana, t->id, t->rev,
				      STORE_TP_NAME, "Gone"),
			 STORE_MISSING);
	model_map_free(now);
	model_map_free(ma);
	model_map_free(mb);
	store_close(ana);
	store_close(ben);
}
END_TEST

START_TEST(test_conflict_stage_and_map)
{
	const char *path = tu_path("stages.db");
	struct store *ana, *ben;
	open_two(path, &ana, &ben);
	int64_t map = tu_sample_map(ana, "B2B");
	struct model_map *ma = load(ana, map);
	const struct model_stage *sa = &ma->stages[0];
	/* Ben moves the stage: Ana's move of it is refused, her rename is
	 * not (Ben did not change the name) */
	ck_assert_store(store_stage_move(ben, sa->id, STORE_REV_ANY, 2));
	ck_assert_int_eq(store_stage_move(ana, sa->id, sa->rev, 1),
			 STORE_CONFLICT);
	ck_assert_store(store_stage_set(ana, sa->id, sa->rev,
					STORE_STAGE_NAME, "Reach"));
	ck_assert_int_eq(store_stage_set(ben, sa->id, sa->rev,
					 STORE_STAGE_NAME, "Find"),
			 STORE_CONFLICT);
	ck_assert_int_eq(store_map_set(ana, map, ma->rev + 1,
				       STORE_MAP_NAME, "X"),
			 STORE_CONFLICT);
	ck_assert_store(store_map_set(ana, map, ma->rev,
				      STORE_MAP_PERSONA, "IT lead"));
	ck_assert_int_eq(store_map_set(ben, map, ma->rev,
				       STORE_MAP_PERSONA, "CFO"),
			 STORE_CONFLICT);
	model_map_free(ma);

	/* A stage that gained a card since it was shown is not deleted,
	 * nor one whose card changed; the stage's own rev did not move. */
	ma = load(ana, map);
	int64_t empty;
	ck_assert_store(store_stage_add(ana, map, 9, "Empty", &empty));
	model_map_free(ma);
	ma = load(ana, map);
	const struct model_stage *se = model_stage(ma, empty);
	int64_t seen = model_stage_version(se), rev = se->rev;
	ck_assert_store(store_tp_add(ben, empty, 0, "Surprise", NULL));
	ck_assert_int_eq(store_stage_delete(ana, empty, seen),
			 STORE_CONFLICT);
	ck_assert_store(store_stage_set(ana, empty, rev,
					STORE_STAGE_DESCRIPTION, "d"));
	model_map_free(ma);
	ma = load(ana, map);
	se = model_stage(ma, empty);
	ck_assert_uint_eq(se->ntouchpoints, 1);
	seen = model_stage_version(se);
	ck_assert_store(store_tp_set(ben, se->touchpoints[0].id, STORE_REV_ANY,
				     STORE_TP_NOTES, "mine"));
	ck_assert_int_eq(store_stage_delete(ana, empty, seen),
			 STORE_CONFLICT);
	/* and a map whose inside changed is not deleted either */
	int64_t version = model_map_version(ma);
	ck_assert_int_eq(store_map_delete(ana, map, version),
			 STORE_CONFLICT);
	model_map_free(ma);
	struct store_map_info *info;
	size_t n;
	ck_assert_store(store_map_list(ana, &info, &n));
	ck_assert_uint_eq(n, 1);
	ma = load(ana, map);
	ck_assert_int_eq(info[0].version, model_map_version(ma));
	ck_assert_store(store_stage_delete(ana, empty,
	model_stage_version(model_stage(ma, empty))));
	ck_assert_int_eq(store_map_delete(ana, map, info[0].version),
			 STORE_CONFLICT);
	store_map_info_free(info, n);
	model_map_free(ma);
	ma = load(ana, map);
	ck_assert_store(store_map_delete(ana, map,
					 model_map_version(ma)));
	model_map_free(ma);
	store_close(ana);
	store_close(ben);
}
END_TEST

START_TEST(test_conflict_writes_nothing)
{
	const char *path = tu_path("nothing.db");
	struct store *ana, *ben;
	open_two(path, &ana, &ben);
	int64_t map = tu_sample_map(ana, "B2B");
	struct model_map *m = load(ana, map);
	int64_t tp = m->stages[0].touchpoints[0].id;
	int64_t rev = m->stages[0].touchpoints[0].rev;
	model_map_free(m);
	ck_assert_store(store_tp_set(ben, tp, STORE_REV_ANY,
				     STORE_TP_NOTES, "ben's"));
	int64_t changes = tu_sql_int(path, "SELECT count(*) FROM audit");
	int64_t stamp;
	ck_assert_store(store_map_stamp(ana, map, &stamp));
	ck_assert_int_eq(store_tp_set(ana, tp, rev, STORE_TP_NOTES,
				      "ana's"), STORE_CONFLICT);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM audit"),
			 changes);
	int64_t after;
	ck_assert_store(store_map_stamp(ana, map, &after));
	ck_assert_int_eq(after, stamp);
	store_close(ana);
	store_close(ben);
}
END_TEST

/* ------------------------------------------------------------------ */
/* change detection */

START_TEST(test_data_version)
{
	const char *path = tu_path("poll.db");
	struct store *ana, *ben;
	open_two(path, &ana, &ben);
	int64_t map = tu_sample_map(ana, "B2B"), other;
	ck_assert_store(store_map_create(ana, "Other", &other));
	uint64_t v0, v1;
	int64_t stamp0, stamp1;
	ck_assert_store(store_data_version(ana, &v0));
	ck_assert_store(store_data_version(ana, &v1));
	ck_assert_uint_eq(v0, v1);	/* nothing happened */
	ck_assert_store(store_map_stamp(ana, map, &stamp0));
	/* her own edits do not count as news */
	ck_assert_store(store_map_set(ana, map, STORE_REV_ANY,
				      STORE_MAP_SCENARIO, "s"));
	ck_assert_store(store_data_version(ana, &v1));
	ck_assert_uint_eq(v0, v1);
	ck_assert_store(store_map_stamp(ana, map, &stamp0));
	/* Ben's are */
	ck_assert_store(store_stage_add(ben, map, 0, "New", NULL));
	ck_assert_store(store_data_version(ana, &v1));
	ck_assert_uint_ne(v0, v1);
	ck_assert_store(store_map_stamp(ana, map, &stamp1));
	ck_assert_int_gt(stamp1, stamp0);
	/* a heartbeat is news, but not a change to the map */
	ck_assert_store(store_presence_join(ben, map));
	ck_assert_store(store_data_version(ana, &v0));
	ck_assert_uint_ne(v0, v1);
	ck_assert_store(store_map_stamp(ana, map, &stamp0));
	ck_assert_int_eq(stamp0, stamp1);
	/* another map's edit leaves this map's stamp; a department's not */
	ck_assert_store(store_stage_add(ben, other, 0, "Elsewhere", NULL));
	ck_assert_store(store_map_stamp(ana, map, &stamp0));
	ck_assert_int_eq(stamp0, stamp1);
	ck_assert_store(store_dept_create(ben, "Legal", NULL));
	ck_assert_store(store_map_stamp(ana, map, &stamp0));
	ck_assert_int_gt(stamp0, stamp1);
	store_close(ana);
	store_close(ben);
}
END_TEST

START_TEST(test_data_version_reader)
{
	/* A read-only viewer opened while nobody wrote (immutable) still
	 * notices a writer that comes and goes. */
	char path[600], wal[610];
	snprintf(path, sizeof path, "%s", tu_path("viewer.db"));
	snprintf(wal, sizeof wal, "%s-wal", path);
	struct store *w = tu_open(path);
	int64_t map = tu_sample_map(w, "B2B");
	store_close(w);
	ck_assert(!tu_exists(wal));
	struct store *r = NULL;
	ck_assert_store(store_open(path, STORE_OPEN_READONLY, &r));
	uint64_t v0, v1;
	ck_assert_store(store_data_version(r, &v0));
	/* a writer comes, writes and goes between two looks */
	w = tu_open(path);
	ck_assert_store(store_stage_add(w, map, 0, "First", NULL));
	store_close(w);
	ck_assert(!tu_exists(wal));
	ck_assert_store(store_data_version(r, &v1));
	ck_assert_uint_ne(v0, v1);
	struct model_map *m = load(r, map);
	ck_assert_uint_eq(m->nstages, 4);
	ck_assert_str_eq(m->stages[0].name, "First");
	model_map_free(m);
	/* a writer that stays */
	w = tu_open(path);
	ck_assert_store(store_stage_add(w, map, 0, "Second", NULL));
	ck_assert_store(store_data_version(r, &v0));
	ck_assert_uint_ne(v0, v1);
	ck_assert_store(store_stage_add(w, map, 0, "Third", NULL));
	ck_assert_store(store_data_version(r, &v1));
	ck_assert_uint_ne(v0, v1);
	ck_assert_store(store_data_version(r, &v0));
	ck_assert_uint_eq(v0, v1);
	m = load(r, map);
	ck_assert_uint_eq(m->nstages, 6);
	ck_assert_str_eq(m->stages[0].name, "Third");
	model_map_free(m);
	store_close(w);
	store_close(r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* presence */

static void assert_present(struct store *s, int64_t map, const char *who)
{
	struct store_presence *p;
	size_t n;
	ck_assert_store(store_presence_list(s, map, &p, &n));
	char names[256] = "";
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(names, ",");
		strcat(names, p[i].user);
	}
	ck_assert_str_eq(names, who);
	store_presence_free(p, n);
}

START_TEST(test_presence)
{
	const char *path = tu_path("here.db");
	struct store *ana, *ben;
	open_two(path, &ana, &ben);
	int64_t map = tu_sample_map(ana, "B2B"), other;
	ck_assert_store(store_map_create(ana, "Other", &other));
	assert_present(ana, map, "");
	ck_assert_store(store_presence_join(ana, map));
	ck_assert_store(store_presence_join(ben, map));
	/* each sees the other, never itself */
	assert_present(ana, map, "ben");
	assert_present(ben, map, "ana");
	struct store_presence *p;
	size_t n;
	ck_assert_store(store_presence_list(ana, map, &p, &n));
	ck_assert_int_eq(p[0].pid, getpid());
	ck_assert_int_ge(p[0].heartbeat, p[0].since);
	ck_assert_str_ne(p[0].host, "");
	store_presence_free(p, n);
	/* beats are cheap: none is written before one is due */
	uint64_t v0, v1;
	ck_assert_store(store_data_version(ana, &v0));
	ck_assert_store(store_presence_beat(ben));
	ck_assert_store(store_data_version(ana, &v1));
	ck_assert_uint_eq(v0, v1);
	/* Ben goes to the other map, then closes */
	ck_assert_store(store_presence_join(ben, other));
	assert_present(ana, map, "");
	assert_present(ana, other, "ben");
	store_close(ben);
	assert_present(ana, other, "");
	/* a row reaped meanwhile comes back at the next join */
	tu_sql_exec(path, "DELETE FROM presence");
	ck_assert_store(store_presence_join(ana, map));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM presence"), 1);
	ck_assert_store(store_presence_leave(ana));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM presence"), 0);
	store_close(ana);
}
END_TEST

START_TEST(test_presence_expires)
{
	const char *path = tu_path("expire.db");
	struct store *ana = tu_open(path);
	int64_t map = tu_sample_map(ana, "B2B");
	store_close(ana);
	/* a process that dies without leaving (kill -9, lost connection);
	 * forked while no connection is open, as SQLite requires */
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct store *c = NULL;
		if (store_open(path, 0, &c) != STORE_OK)
			_exit(1);
		store_set_user(c, "carl");
		_exit(store_presence_join(c, map) == STORE_OK ? 0 : 2);
	}
	int status;
	waitpid(pid, &status, 0);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ana = tu_open(path);
	store_set_user(ana, "ana");
	ck_assert_store(store_presence_join(ana, map));
	assert_present(ana, map, "carl");
	/* its heartbeat ages: still listed just inside the limit ... */
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE presence SET heartbeat ="
		 " heartbeat - %d WHERE login = 'carl'", STORE_PRESENCE_TTL - 2);
	tu_sql_exec(path, sql);
	assert_present(ana, map, "carl");
	/* ... and gone past it, with nobody cleaning up */
	tu_sql_exec(path, "UPDATE presence SET heartbeat = heartbeat - 3"
		    " WHERE login = 'carl'");
	assert_present(ana, map, "");
	/* old rows are removed when someone joins */
	tu_sql_exec(path, "UPDATE presence SET heartbeat = heartbeat - 3600"
		    " WHERE login = 'carl'");
	struct store *ben = tu_open(path);
	ck_assert_store(store_presence_join(ben, map));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM presence"
				    " WHERE login = 'carl'"), 0);
	store_close(ben);
	store_close(ana);
}
END_TEST

START_TEST(test_presence_readonly)
{
	const char *path = tu_path("ro.db");
	struct store *ana = tu_open(path);
	int64_t map = tu_sample_map(ana, "B2B");
	store_set_user(ana, "ana");
	ck_assert_store(store_presence_join(ana, map));
	struct store *r = NULL;
	ck_assert_store(store_open(path, STORE_OPEN_READONLY, &r));
	/* a viewer cannot announce itself, but sees who is there */
	ck_assert_int_eq(store_presence_join(r, map), STORE_READONLY);
	ck_assert_store(store_presence_beat(r));
	assert_present(r, map, "ana");
	ck_assert_int_eq(store_visit_record(r, map), STORE_READONLY);
	store_close(r);
	store_close(ana);
}
END_TEST

/* ------------------------------------------------------------------ */
/* history */

START_TEST(test_history)
{
	const char *path = tu_path("history.db");
	struct store *ana, *ben;
	struct store *me = tu_open(path);
	ck_assert_str_ne(store_user(me), "");	/* the login name */
	store_close(me);
	open_two(path, &ana, &ben);
	int64_t map, s1, s2, tp, dept;
	ck_assert_store(store_map_create(ana, "Journey", &map));
	ck_assert_store(store_stage_add(ana, map, 0, "Buy", &s1));
	ck_assert_store(store_stage_add(ana, map, 1, "Use", &s2));
	ck_assert_store(store_tp_add(ana, s1, 0, "Checkout", &tp));
	ck_assert_store(store_dept_create(ben, "Sales", &dept));
	ck_assert_store(store_tp_set_owner(ben, tp, STORE_REV_ANY, dept));
	ck_assert_store(store_stage_set(ben, s1, STORE_REV_ANY,
					STORE_STAGE_NAME, "Purchase"));
	ck_assert_store(store_tp_move(ben, tp, STORE_REV_ANY, s2, 0));
	ck_assert_store(store_stage_delete(ben, s2, STORE_REV_ANY));
	struct store_change *h;
	size_t n;
	ck_assert_store(store_history_list(ana, map, 0, &h, &n));
	ck_assert_uint_eq(n, 9);
	/* newest first, each with its author */
	ck_assert_int_eq(h[0].action, STORE_ACTION_DELETE);
	ck_assert_int_eq(h[0].kind, STORE_KIND_STAGE);
	ck_assert_int_eq(h[0].item_id, s2);
	ck_assert_str_eq(h[0].name, "Use");
	ck_assert_str_eq(h[0].value, "1");	/* it took the card along */
	ck_assert_str_eq(h[0].user, "ben");
	ck_assert_int_eq(h[1].action, STORE_ACTION_MOVE);
	ck_assert_str_eq(h[1].name, "Checkout");
	ck_assert_str_eq(h[1].value, "Use");
	ck_assert_int_eq(h[2].action, STORE_ACTION_CHANGE);
	ck_assert_str_eq(h[2].field, "name");
	ck_assert_str_eq(h[2].name, "Buy");
	ck_assert_str_eq(h[2].value, "Purchase");
	ck_assert_str_eq(h[3].field, "owner");
	ck_assert_str_eq(h[3].value, "Sales");
	ck_assert_int_eq(h[4].kind, STORE_KIND_DEPARTMENT);
	ck_assert_int_eq(h[4].map_id, 0);
	ck_assert_int_eq(h[5].action, STORE_ACTION_ADD);
	ck_assert_str_eq(h[5].value, "Buy");	/* the stage it went into */
	ck_assert_str_eq(h[8].user, "ana");
	ck_assert_int_eq(h[8].kind, STORE_KIND_MAP);
	for (size_t i = 1; i < n; i++)
		ck_assert_int_lt(h[i].id, h[i - 1].id);
	ck_assert_int_ge(h[0].time, h[8].time);
	store_history_free(h, n);
	ck_assert_store(store_history_list(ana, map, 3, &h, &n));
	ck_assert_uint_eq(n, 3);
	store_history_free(h, n);
	store_close(ana);
	store_close(ben);
}
END_TEST

START_TEST(test_history_since_visit)
{
	const char *path = tu_path("since.db");
	struct store *ana, *ben;
	open_two(path, &ana, &ben);
	int64_t map = tu_sample_map(ana, "B2B"), at, stamp;
	/* Ana has never opened it */
	ck_assert_store(store_visit_get(ana, map, &at, &stamp));
	ck_assert_int_eq(at, 0);
	ck_assert_int_eq(stamp, 0);
	ck_assert_store(store_visit_record(ana, map));
	/* while she is away Ben works, and so does she elsewhere */
	struct model_map *m = load(ben, map);
	ck_assert_store(store_stage_set(ben, m->stages[0].id, STORE_REV_ANY,
					STORE_STAGE_NAME,
					"Reach"));
	ck_assert_store(store_tp_delete(ben, m->stages[1].touchpoints[0].id, STORE_REV_ANY));
	ck_assert_store(store_map_set(ana, map, STORE_REV_ANY,
				      STORE_MAP_PROMISE, "p"));
	model_map_free(m);
	ck_assert_store(store_visit_get(ana, map, &at, &stamp));
	ck_assert_int_gt(at, 0);
	struct store_change *h;
	size_t n;
	ck_assert_store(store_history_since(ana, map, stamp, 0, &h, &n));
	ck_assert_uint_eq(n, 2);	/* Ben's, not her own */
	ck_assert_int_eq(h[0].action, STORE_ACTION_DELETE);
	ck_assert_str_eq(h[0].name, "Demo call");
	ck_assert_str_eq(h[1].value, "Reach");
	store_history_free(h, n);
	ck_assert_store(store_history_since(ana, map, stamp, 1, &h, &n));
	ck_assert_uint_eq(n, 1);
	store_history_free(h, n);
	/* a new visit starts from here */
	ck_assert_store(store_visit_record(ana, map));
	ck_assert_store(store_visit_get(ana, map, &at, &stamp));
	ck_assert_store(store_history_since(ana, map, stamp, 0, &h, &n));
	ck_assert_uint_eq(n, 0);
	store_history_free(h, n);
	/* Ben's own visit is his */
	ck_assert_store(store_visit_get(ben, map, &at, &stamp));
	ck_assert_int_eq(at, 0);
	ck_assert_int_eq(store_visit_record(ben, 4242), STORE_MISSING);
	store_close(ana);
	store_close(ben);
}
END_TEST

START_TEST(test_history_atomic)
{
	/* the history never records what did not happen */
	const char *path = tu_path("atomic.db");
	struct store *s = tu_open(path);
	int64_t map, id;
	ck_assert_store(store_map_create(s, "M", &map));
	int64_t before = tu_sql_int(path, "SELECT count(*) FROM audit");
	ck_assert_int_eq(store_map_create(s, "M", &id), STORE_EXISTS);
	ck_assert_int_eq(store_stage_delete(s, 77, STORE_REV_ANY), STORE_MISSING);
	ck_assert_store(store_begin(s));
	ck_assert_store(store_stage_add(s, map, 0, "A", &id));
	ck_assert_store(store_stage_add(s, map, 0, "B", &id));
	store_rollback(s);
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM audit"), before);
	/* a grouped write records each of its changes */
	ck_assert_store(store_begin(s));
	ck_assert_store(store_stage_add(s, map, 0, "A", &id));
	ck_assert_store(store_stage_set(s, id, STORE_REV_ANY,
					STORE_STAGE_DESCRIPTION, "d"));
	ck_assert_store(store_commit(s));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM audit"),
			 before + 2);
	ck_assert_int_eq(store_last_change(s),
			 tu_sql_int(path, "SELECT max(id) FROM audit"));
	/* every kind of write is recorded, in the same transaction */
	int64_t a, b, gap, silo, stage, tp;
	ck_assert_store(store_dept_create(s, "A", &a));
	ck_assert_store(store_dept_create(s, "B", &b));
	ck_assert_store(store_dept_rename(s, a, "Alpha"));
	ck_assert_store(store_dept_set_label(s, a, "AL"));
	ck_assert_store(store_dept_set_colour(s, a, 3));
	ck_assert_store(store_stage_add(s, map, 0, "S", &stage));
	ck_assert_store(store_tp_add(s, stage, 0, "T", &tp));
	ck_assert_store(store_tp_add_contributor(s, tp, b));
	ck_assert_store(store_tp_remove_contributor(s, tp, b));
	ck_assert_store(store_tp_set_emotion(s, tp, STORE_REV_ANY, true, -1));
	ck_assert_store(store_gap_add(s, map, 0, tp, "G", MODEL_SEV_LOW, &gap));
	ck_assert_store(store_gap_set_severity(s, gap, MODEL_SEV_HIGH));
	ck_assert_store(store_gap_set_status(s, gap, MODEL_RESOLVED));
	ck_assert_store(store_gap_set_description(s, gap, "G2"));
	ck_assert_store(store_gap_delete(s, gap));
	ck_assert_store(store_silo_add(s, map, a, b, 0, "O", &silo));
	ck_assert_store(store_silo_set_status(s, silo, MODEL_RESOLVED));
	ck_assert_store(store_silo_set_description(s, silo, "O2"));
	ck_assert_store(store_silo_delete(s, silo));
	ck_assert_store(store_dept_delete(s, b));
	ck_assert_int_eq(tu_sql_int(path, "SELECT count(*) FROM audit"),
			 before + 22);
	store_close(s);
}
END_TEST

START_TEST(test_history_words)
{
	/* the history view's lines (in the C locale) */
	setlocale(LC_ALL, "C");
	struct store *s = tu_open(tu_path("words.db"));
	int64_t map = tu_sample_map(s, "B2B");
	struct model_map *m = load(s, map);
	int64_t stage = m->stages[1].id;
	ck_assert_store(store_stage_set(s, m->stages[0].id, STORE_REV_ANY,
					STORE_STAGE_NAME,
					"Reach"));
	ck_assert_store(store_tp_move(s, m->stages[0].touchpoints[0].id, STORE_REV_ANY,
				      stage,
				      0));
	ck_assert_store(store_stage_delete(s, stage, STORE_REV_ANY));
	model_map_free(m);
	struct store_change *h;
	size_t n;
	ck_assert_store(store_history_list(s, map, 3, &h, &n));
	const char *want[] = {
		"deleted stage “Purchase” with 3 touchpoints",
		"moved touchpoint “Ad” to stage “Purchase”",
		"renamed stage “Awareness” to “Reach”",
	};
	for (size_t i = 0; i < 3; i++) {
		char *line = history_describe(&h[i]);
		ck_assert_str_eq(line, want[i]);
		free(line);
	}
	/* every kind of change has words */
	struct store_change *all;
	size_t nall;
	ck_assert_store(store_history_list(s, map, 0, &all, &nall));
	for (size_t i = 0; i < nall; i++) {
		char *line = history_describe(&all[i]);
		ck_assert_msg(strstr(line, "“") != NULL, "%s", line);
		free(line);
	}
	store_history_free(all, nall);
	store_history_free(h, n);
	store_close(s);
}
END_TEST

/* The history view's lines for the plan: metrics, voices, actions,
 * decisions, moments of truth, the journey's owner -- each field in
 * words, keys of enumerations by their labels. */
START_TEST(test_history_plan_words)
{
	setlocale(LC_ALL, "C");
	struct store *s = tu_open(tu_path("plan.db"));
	int64_t map = tu_sample_map(s, "B2B");
	struct model_map *m = load(s, map);
	int64_t invoice = m->stages[1].touchpoints[1].id, gap = m->gaps[0].id;
	int64_t svc, nps, act, said, dec;
	ck_assert_store(store_dept_find(s, "Service", &svc));
	struct model_metric v;
	plan_init(PLAN_METRIC, &v);
	v.touchpoint_id = invoice;
	ck_assert(plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME, "NPS"));
	ck_assert_store(store_item_add(s, PLAN_METRIC, map, &v, &nps));
	model_metric_clear(&v);
	ck_assert_store(store_item_set(s, PLAN_METRIC, nps, STORE_REV_ANY,
				       PLAN_METRIC_TARGET, "40"));
	ck_assert_store(store_item_set(s, PLAN_METRIC, nps, STORE_REV_ANY,
				       PLAN_METRIC_BETTER, "lower"));
	ck_assert_store(store_item_set(s, PLAN_METRIC, nps, STORE_REV_ANY,
				       PLAN_METRIC_MEASURED, ""));
	struct model_action a;
	plan_init(PLAN_ACTION, &a);
	a.fixes = (struct model_ref){ MODEL_REF_GAP, gap };
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_TITLE, "Single contact"));
	ck_assert_store(store_item_add(s, PLAN_ACTION, map, &a, &act));
	model_action_clear(&a);
	char text[24];
	snprintf(text, sizeof text, "%lld", (long long)svc);
	ck_assert_store(store_item_set(s, PLAN_ACTION, act, STORE_REV_ANY,
				       PLAN_ACTION_OWNER, text));
	ck_assert_store(store_item_set(s, PLAN_ACTION, act, STORE_REV_ANY,
				       PLAN_ACTION_STATUS, "doing"));
	struct model_voice o;
	plan_init(PLAN_VOICE, &o);
	o.about = (struct model_ref){ MODEL_REF_TOUCHPOINT, invoice };
	ck_assert(plan_put(PLAN_VOICE, &o, PLAN_VOICE_TEXT, "I never got it"));
	ck_assert_store(store_item_add(s, PLAN_VOICE, map, &o, &said));
	model_voice_clear(&o);
	ck_assert_store(store_item_set(s, PLAN_VOICE, said, STORE_REV_ANY,
				       PLAN_VOICE_KIND, "employee"));
	ck_assert_store(store_tp_set_moment(s, invoice, STORE_REV_ANY, true));
	ck_assert_store(store_map_set(s, map, STORE_REV_ANY, STORE_MAP_OWNER,
				      "Dana"));
	char key[] = "handoff", none[] = "";
	struct model_decision d = { .finding = key,
		.subject = { { MODEL_REF_TOUCHPOINT, invoice } },
		.decision = MODEL_DECISION_DISMISSED, .reason = none,
		.who = none };
	ck_assert_store(store_decision_add(s, map, &d, &dec));
	ck_assert_store(store_decision_delete(s, dec));
	ck_assert_store(store_item_delete(s, PLAN_METRIC, nps, STORE_REV_ANY));
	model_map_free(m);
	const char *want[] = {
		"deleted metric “NPS”",
		"took back the dismissal of finding “handoff”",
		"dismissed finding “handoff”",
		"set the journey owner of map “B2B” to “Dana”",
		"marked “Invoice” as a moment of truth",
		"set whose voice “I never got it” is to employee",
		"added a voice to “Invoice”: “I never got it”",
		"marked action “Single contact” as doing",
		"set the owner of action “Single contact” to Service",
		"added action “Single contact” to fix “Nobody owns the invoice”",
		"cleared when metric “NPS” was measured",
		"set metric “NPS” to lower is better",
		"set the target of metric “NPS” to 40",
		"added metric “NPS” to “Invoice”",
	};
	size_t nwant = sizeof want / sizeof *want, n;
	struct store_change *h;
	ck_assert_store(store_history_list(s, map, nwant, &h, &n));
	ck_assert_uint_eq(n, nwant);
	for (size_t i = 0; i < nwant; i++) {
		char *line = history_describe(&h[i]);
		ck_assert_str_eq(line, want[i]);
		free(line);
	}
	store_history_free(h, n);
	store_close(s);
}
END_TEST

/* K and J move a card within its stage: the history says where to,
 * not that it moved to the stage it was already in. */
START_TEST(test_history_move_within_stage)
{
	setlocale(LC_ALL, "C");
	struct store *s = tu_open(tu_path("within.db"));
	int64_t map = tu_sample_map(s, "B2B");
	struct model_map *m = load(s, map);
	const struct model_stage *sg = &m->stages[0];
	ck_assert_store(store_tp_move(s, sg->touchpoints[0].id, STORE_REV_ANY,
				      sg->id, 1));
	ck_assert_store(store_tp_move(s, sg->touchpoints[0].id, STORE_REV_ANY,
				      m->stages[2].id, 0));
	model_map_free(m);
	struct store_change *h;
	size_t n;
	ck_assert_store(store_history_list(s, map, 2, &h, &n));
	ck_assert_uint_eq(n, 2);
	char *line = history_describe(&h[1]);
	ck_assert_str_eq(line, "moved touchpoint “Ad” to position 2 in its stage");
	free(line);
	line = history_describe(&h[0]);
	ck_assert_str_eq(line, "moved touchpoint “Ad” to stage “Support”");
	free(line);
	store_history_free(h, n);
	store_close(s);
}
END_TEST

START_TEST(test_history_long_value)
{
	struct store *s = tu_open(tu_path("long.db"));
	int64_t map;
	ck_assert_store(store_map_create(s, "M", &map));
	char big[1200] = "";
	while (strlen(big) < 1000)
		strcat(big, "añoé😀");
	ck_assert_store(store_map_set(s, map, STORE_REV_ANY,
				      STORE_MAP_PROMISE, big));
	struct store_change *h;
	size_t n;
	ck_assert_store(store_history_list(s, map, 1, &h, &n));
	size_t len = strlen(h[0].value);
	ck_assert_uint_le(len, 160);
	ck_assert_uint_ge(len, 150);
	ck_assert(text_utf8_valid(h[0].value, len));
	ck_assert_str_eq(h[0].value + len - 3, "…");
	store_history_free(h, n);
	/* the map keeps it whole */
	struct model_map *m = load(s, map);
	ck_assert_str_eq(m->promise, big);
	model_map_free(m);
	store_close(s);
}
END_TEST

static Suite *share_suite(void)
{
	Suite *s = suite_create("share");
	TCase *tc = tcase_create("versions");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_rev_is_change);
	tcase_add_test(tc, test_conflict_touchpoint);
	tcase_add_test(tc, test_conflict_stage_and_map);
	tcase_add_test(tc, test_conflict_writes_nothing);
	tcase_add_test(tc, test_data_version);
	tcase_add_test(tc, test_data_version_reader);
	suite_add_tcase(s, tc);

	tc = tcase_create("presence");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_presence);
	tcase_add_test(tc, test_presence_expires);
	tcase_add_test(tc, test_presence_readonly);
	suite_add_tcase(s, tc);

	tc = tcase_create("history");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_history_since_visit);
	tcase_add_test(tc, test_history_atomic);
	tcase_add_test(tc, test_history_words);
	tcase_add_test(tc, test_history_plan_words);
	tcase_add_test(tc, test_history_move_within_stage);
	tcase_add_test(tc, test_history_long_value);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(share_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
