/* check_harden.c - the races and faults of issue 17: values out of range
 * in a file, a map deleted while the interface starts, new files made
 * atomically, files deleted or replaced under a writer, locks. */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/store.h"
#include "ui/app.h"
#include "testutil.h"

static void teardown(void)
{
	tu_cleanup();
}

/* A file with the sample map, closed again. */
static const char *sample_file(int64_t *map)
{
	const char *path = tu_path("m.db");
	struct store *s = tu_open(path);
	int64_t id = tu_sample_map(s, "Onboarding");
	if (map)
		*map = id;
	store_close(s);
	return path;
}

/* --- item 4: a value out of range is reported, never used --- */

static void expect_bad_load(const char *path, int64_t map, unsigned flags,
			    const char *what)
{
	struct store *s = NULL;
	/* opening no longer reads every page (issue 12): the bad value is
	 * met, and named, when the map is loaded, by readers and writers */
	ck_assert_store(store_open(path, flags, &s));
	struct model_map *m = NULL;
	enum store_status st = store_map_load(s, map, &m);
	ck_assert_msg(st == STORE_BADVALUE, "%s: load gave %s", what,
		      store_status_message(st));
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(store_why(s), what), "why: '%s', want '%s'",
		      store_why(s), what);
	store_close(s);
}

static const struct {
	const char *sql, *why;
} bad_values[] = {
	{ "UPDATE gap SET severity = 100000000", "severity is 100000000" },
	{ "UPDATE gap SET severity = -1", "severity is -1" },
	{ "UPDATE gap SET status = 7", "status is 7" },
	{ "UPDATE silo SET status = -5", "status is -5" },
	{ "UPDATE touchpoint SET emotion = 9 WHERE emotion IS NOT NULL",
	  "emotion is 9" },
	{ "UPDATE touchpoint SET emotion = 'happy' WHERE emotion IS NOT NULL",
	  "emotion is happy" },
	{ "UPDATE department SET colour = 1000", "colour is 1000" },
	{ "UPDATE stage SET name = CAST(x'ff00' AS TEXT) WHERE pos = 2048",
	  "name is" },
	{ "UPDATE map SET persona = x'c3'", "persona is" },
};

START_TEST(test_bad_value_refused)
{
	int64_t map;
	const char *path = sample_file(&map);
	tu_sql_exec(path, "PRAGMA ignore_check_constraints = 1;");
	char sql[256];
	snprintf(sql, sizeof sql, "PRAGMA ignore_check_constraints = 1; %s",
		 bad_values[_i].sql);
	tu_sql_exec(path, sql);
	/* a writer and a reader */
	expect_bad_load(path, map, 0, bad_values[_i].why);
	expect_bad_load(path, map, STORE_OPEN_READONLY, bad_values[_i].why);
}
END_TEST

START_TEST(test_bad_value_names_row)
{
	int64_t map;
	const char *path = sample_file(&map);
	tu_sql_exec(path, "PRAGMA ignore_check_constraints = 1;"
		    " UPDATE gap SET severity = 100000000");
	int64_t gap = tu_sql_int(path, "SELECT id FROM gap");
	char want[64];
	snprintf(want, sizeof want, "gap %lld: severity is 100000000",
		 (long long)gap);
	expect_bad_load(path, map, STORE_OPEN_READONLY, want);
}
END_TEST

/* Ids at the ends of SQLite's range (a hostile or damaged file; the
 * fuzzer made one): the map loads whole, and under UBSan no arithmetic
 * on them overflows. */
START_TEST(test_extreme_ids)
{
	int64_t map;
	const char *path = sample_file(&map);
	tu_sql_exec(path, "UPDATE touchpoint SET id = -9223372036854775808 "
		    "WHERE id = (SELECT min(id) FROM touchpoint);"
		    "UPDATE touchpoint SET id = 9223372036854775807 "
		    "WHERE id = (SELECT max(id) FROM touchpoint);");
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM touchpoint WHERE "
		 "stage_id IN (SELECT id FROM stage WHERE map_id = %lld)",
		 (long long)map);
	size_t want = (size_t)tu_sql_int(path, sql);
	ck_assert_uint_gt(want, 2);
	struct store *s = NULL;
	ck_assert_store(store_open(path, STORE_OPEN_READONLY, &s));
	struct model_map *m = NULL;
	ck_assert_store(store_map_load(s, map, &m));
	ck_assert_uint_eq(model_touchpoint_count(m), want);
	model_map_free(m);
	store_close(s);
}
END_TEST

/* --- item 3: the interface starting while maps are deleted --- */

START_TEST(test_open_deleted_map)
{
	int64_t map;
	const char *path = sample_file(&map);
	struct store *s = tu_open(path);
	struct app a;
	app_init(&a, s, "New");
	/* nothing open yet, and the map picked is gone: no crash, false */
	ck_assert(!app_open_map(&a, map + 1000));
	ck_assert_ptr_null(a.map);
	ck_assert(strstr(a.message, "deleted"));
	/* the first map that is still there opens */
	ck_assert(app_open_first(&a));
	ck_assert_int_eq(a.map->id, map);
	app_close(&a);
	store_close(s);
}
END_TEST


/* --- item 2: a writer's file deleted, replaced, or its -wal removed --- */

static int64_t maps_in(const char *path)
{
	return tu_sql_int(path, "SELECT count(*) FROM map");
}

START_TEST(test_writer_file_moved_away)
{
	const char *path = sample_file(NULL);
	struct store *s = tu_open(path);
	char away[512];
	snprintf(away, sizeof away, "%s", tu_path("away.db"));
	ck_assert_int_eq(rename(tu_path("m.db"), away), 0);
	int64_t id;
	ck_assert_int_eq(store_map_create(s, "Lost", &id), STORE_GONE);
	/* and from then on, nothing: not even bookkeeping */
	ck_assert_int_eq(store_presence_join(s, 1), STORE_GONE);
	uint64_t v;
	ck_assert_int_eq(store_data_version(s, &v), STORE_GONE);
	store_close(s);
	ck_assert_int_eq(maps_in(away), 1);
}
END_TEST

START_TEST(test_writer_file_replaced)
{
	char path[512], backup[512];
	snprintf(path, sizeof path, "%s", sample_file(NULL));
	snprintf(backup, sizeof backup, "%s", tu_path("backup.db"));
	size_t len;
	char *bytes = tu_read_file(path, &len);
	tu_write_file(backup, bytes, len);
	free(bytes);
	struct store *s = tu_open(tu_path("m.db"));
	ck_assert_store(store_map_create(s, "Second", NULL));
	/* the backup restored over the open file */
	ck_assert_int_eq(rename(backup, tu_path("m.db")), 0);
	uint64_t v;
	ck_assert_int_eq(store_data_version(s, &v), STORE_GONE);
	ck_assert_int_eq(store_map_create(s, "Third", NULL), STORE_GONE);
	store_close(s);
	/* the restored file is whole and holds only what the backup did */
	ck_assert_int_eq(tu_sql_int(tu_path("m.db"), "SELECT count(*) FROM map"
				    " WHERE name = 'Third'"), 0);
	ck_assert_int_eq(tu_sql_int(tu_path("m.db"), "SELECT count(*) FROM map"
				    " WHERE name = 'Onboarding'"), 1);
	struct store *r = tu_open(tu_path("m.db"));
	store_close(r);
}
END_TEST

START_TEST(test_writer_wal_deleted)
{
	const char *path = sample_file(NULL);
	struct store *s = tu_open(path);
	char wal[512];
	snprintf(wal, sizeof wal, "%s-wal", path);
	ck_assert(tu_exists(wal));
	ck_assert_int_eq(unlink(wal), 0);
	ck_assert_int_eq(store_map_create(s, "Lost", NULL), STORE_GONE);
	store_close(s);
}
END_TEST

/* rm FILE*, and someone makes the file again: the old writer neither
 * writes nor, closing, deletes the new file's -wal */
START_TEST(test_writer_file_made_again)
{
	const char *path = sample_file(NULL);
	char p[512];
	snprintf(p, sizeof p, "%s", path);
	struct store *old = tu_open(p);
	char name[600];
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "%s%s", p, suffix[i]);
		unlink(name);
	}
	struct store *fresh = tu_open(p);
	ck_assert_store(store_map_create(fresh, "New work", NULL));
	ck_assert_int_eq(store_map_create(old, "Stale", NULL), STORE_GONE);
	store_close(old);
	/* a third process still sees the new work */
	ck_assert_int_eq(tu_sql_int(p, "SELECT count(*) FROM map"
				    " WHERE name = 'New work'"), 1);
	store_close(fresh);
	ck_assert_int_eq(tu_sql_int(p, "SELECT count(*) FROM map"), 1);
}
END_TEST


/* --- item 7: a file whose tables do not match its version --- */

static const struct {
	const char *sql, *why;
} bad_schemas[] = {
	{ "PRAGMA user_version = 2", "version 2, but it has the table audit" },
	{ "DROP TABLE gap", "the table gap is missing" },
	{ "DROP TABLE visit", "the table visit is missing" },
	{ "PRAGMA user_version = 1", "version 1, but it has the table audit" },
};

START_TEST(test_schema_mismatch)
{
	char path[512];
	snprintf(path, sizeof path, "%s", sample_file(NULL));
	tu_sql_exec(path, bad_schemas[_i].sql);
	size_t len0, len1;
	char *before = tu_read_file(path, &len0);
	for (int ro = 0; ro < 2; ro++) {
		struct store *s = NULL;
		enum store_status st = store_open(path,
			ro ? STORE_OPEN_READONLY : 0, &s);
		ck_assert_msg(st == STORE_SCHEMA, "%s: %s", bad_schemas[_i].sql,
			      store_status_message(st));
		ck_assert_msg(strstr(store_why(NULL), bad_schemas[_i].why),
			      "why: '%s'", store_why(NULL));
	}
	/* and the file is left as it was */
	char *after = tu_read_file(path, &len1);
	ck_assert(len0 == len1 && memcmp(before, after, len0) == 0);
	free(before);
	free(after);
}
END_TEST

static Suite *harden_suite(void)
{
	Suite *s = suite_create("harden");
	TCase *tc = tcase_create("values");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_bad_value_refused, 0,
			    (int)(sizeof bad_values / sizeof bad_values[0]));
	tcase_add_test(tc, test_bad_value_names_row);
	tcase_add_test(tc, test_extreme_ids);
	suite_add_tcase(s, tc);

	tc = tcase_create("identity");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_writer_file_moved_away);
	tcase_add_test(tc, test_writer_file_replaced);
	tcase_add_test(tc, test_writer_wal_deleted);
	tcase_add_test(tc, test_writer_file_made_again);
	suite_add_tcase(s, tc);

	tc = tcase_create("schema");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_schema_mismatch, 0,
			    (int)(sizeof bad_schemas / sizeof bad_schemas[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("interface");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_open_deleted_map);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(harden_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
