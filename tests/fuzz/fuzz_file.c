/* fuzz_file.c - libFuzzer target for what reads map files (built and run
 * by tests/fuzz/run.sh).  The bytes are a cxmap file: the seeds in
 * tests/fuzz/files are real ones, and besides libFuzzer's byte mutations
 * (which mostly damage pages) a custom mutator edits the file with plain
 * SQLite as a careless tool or a bad disk could: a value of any type in
 * any column of any row (out-of-range enums, NULLs, dangling ids, control
 * characters, invalid UTF-8, huge text), a deleted row, another schema
 * version or application id.  Whatever the
 * bytes, the store either refuses the file with a status that has a
 * message, or opens it (read-only, then for writing, which migrates an
 * older schema); every map it lists then loads or is refused the same
 * way, and a loaded map goes through the analysis, both exporters and the
 * history's words without a crash or a sanitizer report, giving well
 * formed UTF-8 with no control character.  `cxmap check` (store_check_file)
 * reads it first, never writing. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/analysis.h"
#include "core/history.h"
#include "core/store.h"
#include "io/export_json.h"
#include "io/export_html.h"
#include "io/export_md.h"
#include "util/text.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max,
			       unsigned seed);


/* A refusal always says why. */
static void fz_check_status(enum store_status st)
{
	const char *msg = store_status_message(st);
	if (!msg || !*msg)
		abort();
}

static void fz_map(struct store *s, int64_t id)
{
	struct model_map *m = NULL;
	enum store_status st = store_map_load(s, id, &m);
	if (st != STORE_OK) {
		fz_check_status(st);
		return;
	}
	struct analysis *a = analysis_run(m, NULL);
	for (size_t i = 0; i < a->nfindings; i++) {
		char *d = analysis_describe(m, &a->findings[i]);
		char *e = text_escape_controls(d);
		fz_check_clean("finding", e);
		free(e);
		free(d);
	}
	analysis_free(a);
	char *j = export_json(m);
	fz_check_clean("json", j);
	free(j);
	char *md = export_markdown(m);
	fz_check_clean("markdown", md);
	free(md);
	char *page = export_html(m);
	fz_check_html(page);
	free(page);
	model_map_free(m);

	struct store_change *h = NULL;
	size_t n = 0;
	st = store_history_list(s, id, 0, &h, &n);
	if (st != STORE_OK) {
		fz_check_status(st);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *d = history_describe(&h[i]);
		char *e = text_escape_controls(d);
		fz_check_clean("history", e);
		free(e);
		free(d);
	}
	store_history_free(h, n);
}

static void fz_open(const char *path, unsigned flags)
{
	struct store *s = NULL;
	enum store_status st = store_open(path, flags | STORE_OPEN_NOCREATE,
					  &s);
	if (st != STORE_OK) {
		fz_check_status(st);
		return;
	}
	struct store_map_info *maps = NULL;
	size_t n = 0;
	st = store_map_list(s, &maps, &n);
	if (st == STORE_OK) {
		for (size_t i = 0; i < n; i++) {
			char *e = text_escape_controls(maps[i].name);
			fz_check_clean("name", e);
			free(e);
			fz_map(s, maps[i].id);
		}
		store_map_info_free(maps, n);
	} else {
		fz_check_status(st);
	}
	store_close(s);
}

static char fz_path[512], fz_side[3][540];

static void fz_problem(void *arg, const char *problem)
{
	(void)arg;
	char *e = text_escape_controls(problem);
	fz_check_clean("check", e);
	free(e);
}

/* `cxmap check` reads any file without writing it: each problem in
 * words, or a status with a message, and no -wal or -shm made. */
static void fz_check(bool full)
{
	size_t problems = 0;
	enum store_status st = store_check_file(fz_path, full, fz_problem,
						NULL, NULL, &problems);
	if (st != STORE_OK)
		fz_check_status(st);
	if (access(fz_side[0], F_OK) == 0 || access(fz_side[1], F_OK) == 0)
		abort();
}

static void fz_clear(void)
{
	for (int i = 0; i < 3; i++)
		unlink(fz_side[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_path[0]) {
		const char *tmp = getenv("TMPDIR");
		char dir[400];
		snprintf(dir, sizeof dir, "%s/cxmap-fuzzfile-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		snprintf(fz_path, sizeof fz_path, "%s/map.cxmap", dir);
		static const char *const sfx[3] = { "-wal", "-shm", "-journal" };
		for (int i = 0; i < 3; i++)
			snprintf(fz_side[i], sizeof fz_side[i], "%s%s", fz_path,
				 sfx[i]);
	}
	fz_clear();
	FILE *f = fopen(fz_path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	fz_check(size & 1);
	fz_open(fz_path, STORE_OPEN_READONLY);
	fz_open(fz_path, 0);
	fz_clear();
	return 0;
}

/* ------------------------------------------------------------------ */
/* the custom mutator */

static char fz_mpath[512];

static unsigned fz_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 8) & 0xffffff;
}

static const char *const fz_tables[] = {
	"map", "department", "stage", "touchpoint", "contributor", "gap",
	"silo", "audit", "presence", "visit",
};
#define FZ_NTABLES (sizeof fz_tables / sizeof *fz_tables)

/* A value that a column should not hold, or a plausible one. */
static void fz_bind_value(sqlite3_stmt *st, int i, unsigned *seed)
{
	static const int64_t ints[] = {
		-3, -2, -1, 0, 1, 2, 3, 7, 8, 255, 256, 1000, 2147483648LL,
		INT64_MAX, INT64_MIN,
	};
	static const char *const texts[] = {
		"", " ", "\x1b[31mred", "a\nb", "\xff\xfe", "\xc3", "x\ty",
		"\xe2\x80\xae" "evil", "sales", "add", "change", "delete",
		"move", "stage", "touchpoint", "gap", "name", "owner",
		"emotion", "severity", "status", "colour",
	};
	switch (fz_rand(seed) % 7) {
	case 0:
	case 1:
	case 2:
		sqlite3_bind_int64(st, i, ints[fz_rand(seed) %
					       (sizeof ints / sizeof *ints)]);
		break;
	case 3:
		sqlite3_bind_null(st, i);
		break;
	case 4:
		sqlite3_bind_text(st, i, texts[fz_rand(seed) %
					       (sizeof texts / sizeof *texts)],
				  -1, SQLITE_STATIC);
		break;
	case 5: {
		size_t n = fz_rand(seed) % 3000 + 1;
		char *t = malloc(n);
		memset(t, 'a' + (char)(fz_rand(seed) % 26), n);
		t[n / 2] = (char)(fz_rand(seed) % 256);
		sqlite3_bind_text(st, i, t, (int)n, free);
		break;
	}
	default:
		sqlite3_bind_blob(st, i, "\0\xff\x01", 3, SQLITE_STATIC);
		break;
	}
}

static char *fz_column(sqlite3 *db, const char *table, unsigned *seed)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')",
		 table);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	char *names[16];
	int n = 0;
	while (n < 16 && sqlite3_step(st) == SQLITE_ROW)
		names[n++] = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (n == 0)
		return NULL;
	int pick = (int)(fz_rand(seed) % (unsigned)n);
	for (int i = 0; i < n; i++)
		if (i != pick)
			free(names[i]);
	return names[pick];
}

/* One change to the file through plain SQLite; false when it did none. */
static bool fz_edit(sqlite3 *db, unsigned *seed)
{
	char sql[256];
	unsigned what = fz_rand(seed) % 10;
	if (what == 0) {
		static const int versions[] = { 0, 1, 2, 3, 4, -1, 1000 };
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
			 versions[fz_rand(seed) % 7]);
		return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	}
	if (what == 1) {
		static const int ids[] = { 0, 1, 0x43584d50, 0x43584d51 };
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d",
			 ids[fz_rand(seed) % 4]);
		return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	}
	const char *table = fz_tables[fz_rand(seed) % FZ_NTABLES];
	char *col = fz_column(db, table, seed);
	if (!col)
		return false;
	unsigned offset = fz_rand(seed) % 8;
	if (what == 2)
		snprintf(sql, sizeof sql,
			 "DELETE FROM \"%s\" WHERE \"%s\" IS (SELECT \"%s\""
			 " FROM \"%s\" LIMIT 1 OFFSET %u)", table, col, col,
			 table, offset);
	else
		snprintf(sql, sizeof sql,
			 "UPDATE OR IGNORE \"%s\" SET \"%s\" = ?1 WHERE \"%s\""
			 " IS (SELECT \"%s\" FROM \"%s\" LIMIT 1 OFFSET %u)",
			 table, col, col, col, table, offset);
	free(col);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return false;
	if (what != 2)
		fz_bind_value(st, 1, seed);
	bool ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db) > 0;
	sqlite3_finalize(st);
	return ok;
}

static size_t fz_read_back(uint8_t *data, size_t max)
{
	FILE *f = fopen(fz_mpath, "rb");
	if (!f)
		return 0;
	size_t n = fread(data, 1, max, f);
	bool whole = fgetc(f) == EOF;
	fclose(f);
	return whole ? n : 0;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max,
			       unsigned seed)
{
	if (seed % 3 == 0 || size < 100)
		return LLVMFuzzerMutate(data, size, max);
	if (!fz_mpath[0]) {
		const char *tmp = getenv("TMPDIR");
		char dir[400];
		snprintf(dir, sizeof dir, "%s/cxmap-fuzzmut-XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir))
			abort();
		snprintf(fz_mpath, sizeof fz_mpath, "%s/m.db", dir);
	}
	char side[540];
	snprintf(side, sizeof side, "%s-wal", fz_mpath);
	unlink(side);
	snprintf(side, sizeof side, "%s-journal", fz_mpath);
	unlink(side);
	FILE *f = fopen(fz_mpath, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	sqlite3 *db;
	bool changed = false;
	if (sqlite3_open_v2(fz_mpath, &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK) {
		sqlite3_exec(db, "PRAGMA ignore_check_constraints = 1", NULL,
			     NULL, NULL);
		for (unsigned i = 0, n = fz_rand(&seed) % 3 + 1; i < n; i++)
			changed |= fz_edit(db, &seed);
		sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
			     NULL);
	}
	sqlite3_close(db);
	size_t n = changed ? fz_read_back(data, max) : 0;
	return n ? n : LLVMFuzzerMutate(data, size, max);
}
