/* store_private.h - what the store's files share (src/core/store*.c
 * only; everything else uses store.h). */
#ifndef CXMAP_STORE_PRIVATE_H
#define CXMAP_STORE_PRIVATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <sqlite3.h>

#include "core/store.h"

/* Waiting this long in all for another process's lock is better than
 * failing; after STORE_BUSY_SAY_MS the person is told (store_set_busy). */
#define STORE_BUSY_MS 10000
#define STORE_BUSY_SAY_MS 800
#define STORE_BUSY_STEP_MS 20
#define STORE_BEGIN_TRIES 3
#define STORE_OPEN_TRIES 25	/* 20 ms apart: half a second */
/* Presence and visits are bookkeeping: they never keep anyone waiting. */
#define STORE_QUICK_MS 200
/* Presence rows this much older than the TTL are removed. */
#define STORE_PRESENCE_REAP (STORE_PRESENCE_TTL * 20)
/* History keeps values up to this many bytes. */
#define STORE_VALUE_MAX 160

/* Prepared statements kept per store (st_exec, st_int...): slots chosen
 * by a hash of the SQL text, replaced on a collision. */
#define STORE_CACHE_SLOTS 128
struct st_cached {
	char *sql;
	uint32_t hash;
	sqlite3_stmt *stmt;
	bool busy;	/* handed out and not yet reset */
};

/* What identifies the file's contents for a reader that opened it
 * immutable (see st_connect): any write changes one of these. */
struct st_sig {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	bool wal;
};

struct store {
	sqlite3 *db;
	char *path;
	char *publish_to;	/* a new file's final name (store_open_new) */
	bool readonly;
	int depth;	/* transaction nesting, see store_begin */
	bool failed;	/* an inner operation failed in a grouped transaction */
	char err[512];
	char why[512];	/* what a person is told with BADVALUE, SCHEMA */
	char *user;	/* login name for the history and presence */
	int64_t change;	/* id of the change being written (st_change_begin) */
	int64_t last_change;	/* id of the last committed one */
	/* change detection (store_data_version) */
	bool immutable;
	struct st_sig sig;
	int64_t data_version;
	uint64_t generation;
	/* a writer's file, as opened (st_identity) */
	bool ident;	/* known: dev, ino (and the -wal's, when wal) */
	bool wal;
	bool gone;	/* deleted or replaced since: never write again */
	dev_t dev, wal_dev;
	ino_t ino, wal_ino;
	/* waiting for a lock (st_busy) */
	int busy_ms;	/* the bound of the current wait */
	int64_t busy_since;	/* when this lock was first refused, ms */
	bool busy_said;	/* the person was told */
	bool busy_stop;	/* ...and asked to stop waiting */
	store_busy_fn *busy_fn;
	void *busy_arg;
	/* presence */
	int64_t presence_id;	/* our row, 0 when none */
	int64_t presence_map;	/* the map joined, -1 when not joined */
	int64_t beat_at;	/* when we last wrote our row */
	uint64_t statements;	/* prepared so far (store_statements) */
	bool damaged;	/* SQLite said a page is damaged: write no more */
	struct st_cached cache[STORE_CACHE_SLOTS];
};

/* store.c: statements take their arguments by a type string ('t' text,
 * 'i' int64_t, 'n' int64_t where 0 binds NULL, 'd' int, 'f' double); a write runs
 * between st_change_begin (store_share.c) and st_end. */
extern char st_open_why[512];
enum store_status st_status(int rc);
enum store_status st_fail(struct store *s, int rc);
void st_cache_clear(struct store *s);
enum store_status st_query(struct store *s, sqlite3_stmt **out,
			   const char *sql, const char *types, ...);
int st_step(struct store *s, sqlite3_stmt *stmt, enum store_status *st);
enum store_status st_vexec(struct store *s, int *changes,
			   const char *sql, const char *types,
			   va_list ap);
enum store_status st_exec(struct store *s, const char *sql,
			  const char *types, ...);
enum store_status st_update(struct store *s, const char *sql,
			    const char *types, ...);
enum store_status st_int(struct store *s, int64_t *out, const char *sql,
			 const char *types, ...);
char *st_text(sqlite3_stmt *stmt, int col);
void st_busy_bound(struct store *s, int ms);
enum store_status st_identity(struct store *s);
enum store_status st_end(struct store *s, enum store_status st);
void st_file_sig(const char *path, struct st_sig *sig);
bool st_sig_equal(const struct st_sig *a, const struct st_sig *b);
enum store_status st_durable(struct store *s);
enum store_status st_connect(struct store *s);
enum store_status st_sniff(const char *path, bool *empty);
int64_t st_now(void);
enum store_status st_check_text(const char *t, bool required,
				size_t max);
/* A model's text that may be NULL (a map built by hand) as SQL takes it. */
static inline const char *st_or_empty(const char *t)
{
	return t ? t : "";
}
/* Positions are sparse: the i-th row of a fresh list has ST_POS(i), an
 * insert takes a value between its neighbours' (st_slot). */
#define ST_POS_GAP ((int64_t)1024)
#define ST_POS(i) (((int64_t)(i) + 1) * ST_POS_GAP)
enum store_status st_slot(struct store *s, const char *table,
			  const char *scope, int64_t id, int64_t self,
			  size_t i, int64_t *pos);
enum store_status st_index_of(struct store *s, const char *table,
			      const char *scope, int64_t id, int64_t *index);
enum store_status st_touch_map(struct store *s, int64_t map_id);
enum store_status st_stage_map(struct store *s, int64_t stage_id,
			       int64_t *map_id);
enum store_status st_tp_map(struct store *s, int64_t tp_id,
			    int64_t *map_id);
enum store_status st_set_text(struct store *s, const char *table,
			      const char *column, bool has_rev,
			      int64_t id, const char *value);

/* store_schema.c: what store_open checks and migrates */
enum store_status st_migrate(struct store *s);
enum store_status st_inspect(struct store *s, int64_t *version);
enum store_status st_schema(struct store *s, int64_t version);
bool st_looks_wrong(struct store *s);
enum store_status st_check_verdict(const char *line);

/* store_share.c: the numbered change and its history entry */
enum store_status st_change_begin(struct store *s);
enum store_status st_audit(struct store *s, enum store_action action,
			   enum store_kind kind, int64_t item,
			   int64_t map_id, const char *field,
			   const char *name, const char *value);
enum store_status st_item(struct store *s, enum store_kind kind,
			  int64_t id, int64_t rev, bool deep,
			  char **name);
enum store_status st_item_field(struct store *s, enum store_kind kind,
				int64_t id, int64_t rev,
				const char *field, char **name);
char *st_dept_name(struct store *s, int64_t id);

/* store_map.c: reading checked values of a row */
enum store_status st_col_range(struct store *s, sqlite3_stmt *stmt,
			       int col, const char *table, int64_t id,
			       const char *column, int lo, int hi,
			       int *out);
enum store_status st_col_real(struct store *s, sqlite3_stmt *stmt, int col,
			      const char *table, int64_t id,
			      const char *column, bool *has, double *out);
enum store_status st_col_texts(struct store *s, sqlite3_stmt *stmt,
			       int first, const char *table,
			       int64_t id, const char *const *columns,
			       char **const *out, int n);

/* store_journey.c, store_records.c: a row back under its own id */
enum store_status st_restore_tp_row(struct store *s, int64_t stage_id,
				    int64_t pos,
				    const struct model_touchpoint *t);

enum store_status st_restore_gap_row(struct store *s, int64_t map_id,
				     const struct model_gap *g);
enum store_status st_restore_silo_row(struct store *s, int64_t map_id,
				      const struct model_silo *o);

/* store_plan.c: metrics, voices, actions, decisions */
enum store_status st_load_plan(struct store *s, struct model_map *m);
enum store_status st_plan_row(struct store *s, enum plan_item k,
			      int64_t map_id, const void *item, int64_t *id);
enum store_status st_decision_row(struct store *s, int64_t map_id,
				  const struct model_decision *d);
enum store_status st_restore_plan_rows(struct store *s,
				       const struct model_map *m);
/* A ref's row in map_id: STORE_MISSING when there is no such row,
 * STORE_INVALID when it is another map's or of a kind not in `kinds`
 * (bits 1 << MODEL_REF_...). */
enum store_status st_ref_check(struct store *s, int64_t map_id,
			       struct model_ref r, unsigned kinds);

#endif
