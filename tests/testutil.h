/* testutil.h - helpers shared by the Check suites. */
#ifndef CX_TESTUTIL_H
#define CX_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "core/store.h"

/* A fresh private folder for one test; removed by tu_cleanup(). */
const char *tu_dir(void);
/* dir/name, in a static buffer that the next call reuses. */
char *tu_path(const char *name);
void tu_cleanup(void);

/* Whole file contents (NUL-terminated); *len gets the size. */
char *tu_read_file(const char *path, size_t *len);
void tu_write_file(const char *path, const void *data, size_t len);
bool tu_exists(const char *path);

/* Opens path, failing the test unless it opens. */
struct store *tu_open(const char *path);
/* Runs one SQL statement on the file with plain SQLite and returns the
 * first column of the first row as an integer (tests look under the
 * store's hood to check what a user cannot see directly). */
int64_t tu_sql_int(const char *path, const char *sql);
void tu_sql_exec(const char *path, const char *sql);
/* True when every ordered list in the file has positions 0..n-1. */
bool tu_positions_ok(const char *path);

/* Builds a small map: 3 stages, 5 touchpoints, 3 departments. */
int64_t tu_sample_map(struct store *s, const char *name);

#define ck_assert_store(expr) do { \
	enum store_status st_ = (expr); \
	ck_assert_msg(st_ == STORE_OK, "%s: %s", #expr, \
		      store_status_message(st_)); \
} while (0)

#endif
