/* testutil.c - helpers shared by the Check suites. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testutil.h"

static char tu_dirbuf[256];
static char tu_pathbuf[512];

const char *tu_dir(void)
{
	if (!tu_dirbuf[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(tu_dirbuf, sizeof tu_dirbuf, "%s/cxmap-test-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		ck_assert_ptr_nonnull(mkdtemp(tu_dirbuf));
	}
	return tu_dirbuf;
}

char *tu_path(const char *name)
{
	snprintf(tu_pathbuf, sizeof tu_pathbuf, "%s/%s", tu_dir(), name);
	return tu_pathbuf;
}

void tu_cleanup(void)
{
	if (!tu_dirbuf[0])
		return;
	char cmd[700];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tu_dirbuf,
		 tu_dirbuf);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tu_dirbuf);
	tu_dirbuf[0] = '\0';
}

char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	size_t cap = 4096, n = 0, r;
	char *buf = malloc(cap + 1);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void tu_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

bool tu_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

struct store *tu_open(const char *path)
{
	struct store *s = NULL;
	enum store_status st = store_open(path, 0, &s);
	ck_assert_msg(st == STORE_OK, "open %s: %s", path,
		      store_status_message(st));
	return s;
}

static sqlite3 *tu_sql_open(const char *path)
{
	sqlite3 *db;
	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	return db;
}

int64_t tu_sql_int(const char *path, const char *sql)
{
	sqlite3 *db = tu_sql_open(path);
	sqlite3_stmt *st;
	ck_assert_msg(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK,
		      "%s: %s", sql, sqlite3_errmsg(db));
	int64_t v = -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

void tu_sql_exec(const char *path, const char *sql)
{
	sqlite3 *db = tu_sql_open(path);
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "");
	sqlite3_close(db);
}

bool tu_positions_ok(const char *path)
{
	/* Positions are sparse: whole numbers above 0, unique in their
	 * list (UNIQUE forbids duplicates; counted again all the same). */
	return tu_sql_int(path,
		"SELECT count(*) FROM stage WHERE typeof(pos) <> 'integer'"
		" OR pos <= 0") == 0 &&
	       tu_sql_int(path,
		"SELECT count(*) FROM touchpoint WHERE typeof(pos) <> 'integer'"
		" OR pos <= 0") == 0 &&
	       tu_sql_int(path,
		"SELECT count(*) FROM (SELECT stage_id, pos FROM touchpoint"
		" GROUP BY stage_id, pos HAVING count(*) > 1)") == 0;
}

int64_t tu_sample_map(struct store *s, const char *name)
{
	int64_t map, st[3], tp, mk, sales, svc;
	ck_assert_store(store_map_create(s, name, &map));
	ck_assert_store(store_stage_add(s, map, 0, "Awareness", &st[0]));
	ck_assert_store(store_stage_add(s, map, 1, "Purchase", &st[1]));
	ck_assert_store(store_stage_add(s, map, 2, "Support", &st[2]));
	if (store_dept_find(s, "Marketing", &mk) != STORE_OK)
		ck_assert_store(store_dept_create(s, "Marketing", &mk));
	if (store_dept_find(s, "Sales", &sales) != STORE_OK)
		ck_assert_store(store_dept_create(s, "Sales", &sales));
	if (store_dept_find(s, "Service", &svc) != STORE_OK)
		ck_assert_store(store_dept_create(s, "Service", &svc));
	ck_assert_store(store_tp_add(s, st[0], 0, "Ad", &tp));
	ck_assert_store(store_tp_set_owner(s, tp, STORE_REV_ANY, mk));
	ck_assert_store(store_tp_add(s, st[0], 1, "Webinar", &tp));
	ck_assert_store(store_tp_set_owner(s, tp, STORE_REV_ANY, mk));
	ck_assert_store(store_tp_add_contributor(s, tp, sales));
	ck_assert_store(store_tp_add(s, st[1], 0, "Demo call", &tp));
	ck_assert_store(store_tp_set_owner(s, tp, STORE_REV_ANY, sales));
	ck_assert_store(store_tp_set_emotion(s, tp, STORE_REV_ANY, true, 1));
	ck_assert_store(store_tp_add(s, st[1], 1, "Invoice", &tp));
	ck_assert_store(store_tp_set_emotion(s, tp, STORE_REV_ANY, true, -2));
	ck_assert_store(store_gap_add(s, map, 0, tp, "Nobody owns the invoice",
				      MODEL_SEV_HIGH, NULL));
	ck_assert_store(store_tp_add(s, st[2], 0, "Ticket", &tp));
	ck_assert_store(store_tp_set_owner(s, tp, STORE_REV_ANY, svc));
	ck_assert_store(store_silo_add(s, map, sales, svc, tp,
				       "No handoff after the sale", NULL));
	return map;
}
