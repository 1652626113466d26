/* store.c - the SQLite map file.  The only place in cxmap that speaks SQL.
 *
 * Every statement is prepared and bound; the few statements assembled at
 * run time only splice in fixed table and column names from this file. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/store.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

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
};

#define STORE_STATUS_MSG(name, msg) msg,
static const char *const store_messages[] = { STORE_STATUS_LIST(STORE_STATUS_MSG) };
#undef STORE_STATUS_MSG

const char *store_status_message(enum store_status st)
{
	return _(store_messages[st]);
}

bool store_readonly(const struct store *s)
{
	return s->readonly;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

const char *store_last_error(const struct store *s)
{
	return s->err;
}

/* What was wrong with the file the last open refused (store_why(NULL)). */
static char st_open_why[512];

const char *store_why(const struct store *s)
{
	return s ? s->why : st_open_why;
}

/* ------------------------------------------------------------------ */
/* statements */

static enum store_status st_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_FULL:
		return STORE_FULL;
	case SQLITE_READONLY:
		return STORE_READONLY;
	case SQLITE_CORRUPT:
		return STORE_CORRUPT;
	case SQLITE_NOTADB:
		return STORE_NOTSQLITE;
	case SQLITE_IOERR:
		return STORE_IO;
	case SQLITE_PERM:
	case SQLITE_AUTH:
	case SQLITE_CANTOPEN:
		return STORE_NOACCESS;
	case SQLITE_CONSTRAINT:
		if (rc == SQLITE_CONSTRAINT_UNIQUE ||
		    rc == SQLITE_CONSTRAINT_PRIMARYKEY)
			return STORE_EXISTS;
		if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return STORE_INUSE;
		return STORE_INVALID;
	default:
		return STORE_FAILED;
	}
}

static enum store_status st_fail(struct store *s, int rc)
{
	snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
	return st_status(rc);
}

/* Binds arguments by a type string: 't' text, 'i' int64_t, 'n' int64_t
 * where 0 binds NULL, 'd' int. */
static enum store_status st_bind(struct store *s, sqlite3_stmt *stmt,
				 const char *types, va_list ap)
{
	for (int i = 1; *types; types++, i++) {
		int rc;
		int64_t v;
		switch (*types) {
		case 't':
			rc = sqlite3_bind_text(stmt, i, va_arg(ap, const char *),
					       -1, SQLITE_TRANSIENT);
			break;
		case 'i':
			rc = sqlite3_bind_int64(stmt, i, va_arg(ap, int64_t));
			break;
		case 'n':
			v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(stmt, i, v)
			       : sqlite3_bind_null(stmt, i);
			break;
		default:
			rc = sqlite3_bind_int(stmt, i, va_arg(ap, int));
			break;
		}
		if (rc != SQLITE_OK)
			return st_fail(s, rc);
	}
	return STORE_OK;
}

static enum store_status st_vprepare(struct store *s, sqlite3_stmt **out,
				     const char *sql, const char *types,
				     va_list ap)
{
	int rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
	if (rc != SQLITE_OK) {
		*out = NULL;
		return st_fail(s, rc);
	}
	enum store_status st = st_bind(s, *out, types, ap);
	if (st != STORE_OK) {
		sqlite3_finalize(*out);
		*out = NULL;
	}
	return st;
}

/* Prepares and binds a query whose rows the caller steps through. */
static enum store_status st_query(struct store *s, sqlite3_stmt **out,
				  const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vprepare(s, out, sql, types, ap);
	va_end(ap);
	return st;
}

/* Steps a query: 1 for a row, 0 when done, or -1 with the status set. */
static int st_step(struct store *s, sqlite3_stmt *stmt, enum store_status *st)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	*st = st_fail(s, rc);
	return -1;
}

/* Runs a statement that returns no rows; *changes (optional) gets the
 * number of rows it changed. */
static enum store_status st_vexec(struct store *s, int *changes,
				  const char *sql, const char *types,
				  va_list ap)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_vprepare(s, &stmt, sql, types, ap);
	if (st != STORE_OK)
		return st;
	int rc = sqlite3_step(stmt);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE)
		st = st_fail(s, rc);
	else if (changes)
		*changes = sqlite3_changes(s->db);
	sqlite3_finalize(stmt);
	return st;
}

static enum store_status st_exec(struct store *s, const char *sql,
				 const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vexec(s, NULL, sql, types, ap);
	va_end(ap);
	return st;
}

/* Like st_exec, but STORE_MISSING when no row was changed. */
static enum store_status st_update(struct store *s, const char *sql,
				   const char *types, ...)
{
	int changes = 0;
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vexec(s, &changes, sql, types, ap);
	va_end(ap);
	return st == STORE_OK && changes == 0 ? STORE_MISSING : st;
}

/* The first column of the first row as an integer; STORE_MISSING when
 * there is no row. */
static enum store_status st_int(struct store *s, int64_t *out, const char *sql,
				const char *types, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vprepare(s, &stmt, sql, types, ap);
	va_end(ap);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 1)
		*out = sqlite3_column_int64(stmt, 0);
	else if (r == 0)
		st = STORE_MISSING;
	sqlite3_finalize(stmt);
	return st;
}

static char *st_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(stmt, col);
	return xstrdup(t ? (const char *)t : "");
}

/* ------------------------------------------------------------------ */
/* waiting for locks */

static int64_t st_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static store_busy_fn *st_busy_fn_default;
static void *st_busy_arg_default;

void store_set_busy(struct store *s, store_busy_fn *fn, void *arg)
{
	if (!s) {
		st_busy_fn_default = fn;
		st_busy_arg_default = arg;
		return;
	}
	s->busy_fn = fn;
	s->busy_arg = arg;
}

static char *st_uri(const char *path, const char *query);

/* Who may hold the lock, as far as cxmap knows: the other live sessions
 * in the presence table, read on a connection of its own that does not
 * wait (the busy one is inside SQLite).  NULL: another program. */
static char *st_holders(struct store *s)
{
	sqlite3 *db = NULL;
	char *uri = st_uri(s->path, "mode=ro");
	int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY |
				 SQLITE_OPEN_URI, NULL);
	free(uri);
	sqlite3_stmt *stmt = NULL;
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db,
			"SELECT DISTINCT login FROM presence WHERE heartbeat > ?"
			" AND NOT (pid = ? AND id = ?) ORDER BY login", -1,
			&stmt, NULL);
	char *who = NULL;
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, (int64_t)time(NULL) -
				   STORE_PRESENCE_TTL);
		sqlite3_bind_int64(stmt, 2, (int64_t)getpid());
		sqlite3_bind_int64(stmt, 3, s->presence_id);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *l = (const char *)sqlite3_column_text(stmt, 0);
			char *n = xasprintf("%s%s%s", who ? who : "",
					    who ? ", " : "", l ? l : "?");
			free(who);
			who = n;
		}
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return who;
}

/* SQLite's busy handler: short sleeps up to the store's bound, telling
 * the person after a moment (and letting them stop waiting) rather than
 * sitting silent through a long wait. */
static int st_busy(void *arg, int count)
{
	struct store *s = arg;
	int64_t now = st_ms();
	if (count == 0) {
		s->busy_since = now;
		s->busy_said = s->busy_stop = false;
	}
	int64_t waited = now - s->busy_since;
	if (waited >= s->busy_ms)
		return 0;
	if (s->busy_fn && s->busy_ms > STORE_BUSY_SAY_MS &&
	    waited >= STORE_BUSY_SAY_MS) {
		char *who = NULL;
		if (!s->busy_said) {
			char *h = st_holders(s);
			who = h ? xasprintf(_("in use by %s"), h)
				: xstrdup(_("held by another program"));
			free(h);
		}
		bool go_on = s->busy_fn(s->busy_arg, who,
					(int)((s->busy_ms - waited + 999) / 1000));
		s->busy_said = true;
		free(who);
		if (!go_on) {
			s->busy_stop = true;	/* no more tries either */
			return 0;
		}
	}
	nanosleep(&(struct timespec){ 0, STORE_BUSY_STEP_MS * 1000000L }, NULL);
	return 1;
}

/* Sets how long the next lock may be waited for. */
static void st_busy_bound(struct store *s, int ms)
{
	s->busy_ms = ms;
}

/* ------------------------------------------------------------------ */
/* the file's identity */

static char *st_wal_name(const struct store *s)
{
	return xasprintf("%s-wal", s->path);
}

/* Notes which file a writer opened (and its -wal), once it is in WAL
 * mode. */
static void st_identity_take(struct store *s)
{
	struct stat sb;
	s->ident = stat(s->path, &sb) == 0;
	s->dev = sb.st_dev;
	s->ino = sb.st_ino;
	char *wal = st_wal_name(s);
	s->wal = s->ident && stat(wal, &sb) == 0;
	s->wal_dev = sb.st_dev;
	s->wal_ino = sb.st_ino;
	free(wal);
}

/* Whether the writer's file is still the one it opened.  Deleted, moved
 * away or replaced (a backup restored over it), or its -wal removed, and
 * a write would go where nobody reads it, or next to a WAL that is not
 * the file's: so a writer checks before every write and at the idle
 * tick, and never writes again once it has failed (STORE_GONE). */
static enum store_status st_identity(struct store *s)
{
	if (s->gone)
		return STORE_GONE;
	if (!s->ident || s->readonly || s->publish_to)
		return STORE_OK;
	struct stat sb;
	bool same = stat(s->path, &sb) == 0 && sb.st_dev == s->dev &&
		    sb.st_ino == s->ino;
	if (same && s->wal) {
		char *wal = st_wal_name(s);
		same = stat(wal, &sb) == 0 && sb.st_dev == s->wal_dev &&
		       sb.st_ino == s->wal_ino;
		free(wal);
	}
	if (!same) {
		s->gone = true;
		snprintf(s->err, sizeof s->err, "%s",
			 "the file or its -wal was deleted or replaced");
	}
	return same ? STORE_OK : STORE_GONE;
}

/* Closing the last connection deletes FILE-wal and FILE-shm by name:
 * when they are not ours any more (the file was deleted and made again),
 * they belong to other people's work and must stay. */
static void st_keep_foreign_wal(struct store *s)
{
	if (!s->db || !s->wal)
		return;
	struct stat sb;
	char *wal = st_wal_name(s);
	bool ours = stat(wal, &sb) == 0 && sb.st_dev == s->wal_dev &&
		    sb.st_ino == s->wal_ino;
	free(wal);
	if (!ours) {
		int keep = 1;
		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL,
				     &keep);
	}
}

/* ------------------------------------------------------------------ */
/* transactions */

static bool st_writable(const char *path);
static enum store_status st_connect(struct store *s);

enum store_status store_begin(struct store *s)
{
	if (s->readonly)
		return STORE_READONLY;
	if (s->depth++ > 0)
		return STORE_OK;
	s->failed = false;
	s->change = 0;
	enum store_status st = st_identity(s);
	if (st != STORE_OK) {
		s->depth = 0;
		return st;
	}
	st = STORE_BUSY;
	/* The busy handler already waits; a few more tries ride out a
	 * refusal that did not wait (a WAL being recovered), within the
	 * same bound. */
	int64_t t0 = st_ms();
	s->busy_stop = false;
	for (int i = 0; i < STORE_BEGIN_TRIES && st == STORE_BUSY &&
	     st_ms() - t0 < s->busy_ms && !s->busy_stop; i++)
		st = st_exec(s, "BEGIN IMMEDIATE", "");
	/* A file we may write refused as read-only: this connection met the
	 * -shm in the moment another user's SQLite created it with their
	 * umask, and opened it read-only.  A fresh connection sees it as it
	 * is now. */
	for (int i = 0; i < STORE_OPEN_TRIES && st == STORE_READONLY &&
	     st_writable(s->path); i++) {
		sqlite3_close_v2(s->db);
		s->db = NULL;
		nanosleep(&(struct timespec){ 0, 20 * 1000000L }, NULL);
		st = st_connect(s);
		if (st == STORE_OK)
			st = st_exec(s, "BEGIN IMMEDIATE", "");
	}
	/* the file may have been replaced while we waited for the lock */
	if (st == STORE_OK && (st = st_identity(s)) != STORE_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	if (st != STORE_OK)
		s->depth = 0;
	return st;
}

void store_rollback(struct store *s)
{
	if (s->depth == 0)
		return;
	if (--s->depth > 0) {
		s->failed = true;
		return;
	}
	/* A failed COMMIT may already have rolled back; that is fine. */
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A COMMIT that failed on I/O may have written the whole transaction to
 * the -wal and failed only to sync it.  SQLite counts it as rolled back,
 * but its frames stay valid in the file: if this process died before its
 * next write overwrote them, the next opener's recovery would bring back
 * an edit the person was told had not been made.  A checkpoint that
 * truncates the -wal removes them.  When that fails too (the disk still
 * failing, another process reading), nobody can say whether the change
 * will be found after a crash: STORE_IOUNSURE says so.  This session sees
 * it not made either way.  tests/check_faults.c. */
static enum store_status st_forget_commit(struct store *s)
{
	sqlite3_busy_timeout(s->db, STORE_QUICK_MS);
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL,
					   SQLITE_CHECKPOINT_TRUNCATE, NULL,
					   NULL);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	return rc == SQLITE_OK ? STORE_IO : STORE_IOUNSURE;
}

enum store_status store_commit(struct store *s)
{
	if (s->depth == 0)
		return STORE_INVALID;
	if (s->depth > 1) {
		s->depth--;
		return STORE_OK;
	}
	if (s->failed) {
		store_rollback(s);
		return STORE_FAILED;
	}
	enum store_status st = st_exec(s, "COMMIT", "");
	if (st != STORE_OK) {
		s->depth = 1;
		store_rollback(s);
		if (st == STORE_IO)
			st = st_forget_commit(s);
		return st;
	}
	s->depth = 0;
	if (s->change)
		s->last_change = s->change;
	return STORE_OK;
}

/* Ends a write begun with store_begin: commit on success, else undo. */
static enum store_status st_end(struct store *s, enum store_status st)
{
	if (st == STORE_OK)
		return store_commit(s);
	store_rollback(s);
	return st;
}

/* ------------------------------------------------------------------ */
/* schema */

/* migrations[i] takes a file from schema version i to i + 1.  Never edit a
 * released step: add a new one and bump STORE_SCHEMA_VERSION. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: the journey model.  AUTOINCREMENT: an id is never reused,
	 * so undo can bring a deleted item back under its own id. */
	"CREATE TABLE map ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL UNIQUE,"
	"  persona TEXT NOT NULL DEFAULT '',"
	"  scenario TEXT NOT NULL DEFAULT '',"
	"  promise TEXT NOT NULL DEFAULT '',"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL);"
	"CREATE TABLE department ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  name TEXT NOT NULL UNIQUE,"
	"  label TEXT NOT NULL DEFAULT '',"
	"  colour INTEGER NOT NULL DEFAULT 0 CHECK (colour BETWEEN 0 AND 7));"
	"CREATE TABLE stage ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  description TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (map_id, pos));"
	"CREATE TABLE touchpoint ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  stage_id INTEGER NOT NULL REFERENCES stage(id) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  channel TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  emotion INTEGER CHECK (emotion BETWEEN -2 AND 2),"
	"  metric_name TEXT NOT NULL DEFAULT '',"
	"  metric_value TEXT NOT NULL DEFAULT '',"
	"  owner_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,"
	"  UNIQUE (stage_id, pos));"
	"CREATE INDEX touchpoint_owner ON touchpoint(owner_id);"
	"CREATE TABLE contributor ("
	"  touchpoint_id INTEGER NOT NULL"
	"    REFERENCES touchpoint(id) ON DELETE CASCADE,"
	"  department_id INTEGER NOT NULL"
	"    REFERENCES department(id) ON DELETE RESTRICT,"
	"  PRIMARY KEY (touchpoint_id, department_id)) WITHOUT ROWID;"
	"CREATE INDEX contributor_department ON contributor(department_id);"
	"CREATE TABLE gap ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  stage_id INTEGER REFERENCES stage(id) ON DELETE CASCADE,"
	"  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,"
	"  description TEXT NOT NULL,"
	"  severity INTEGER NOT NULL DEFAULT 1 CHECK (severity BETWEEN 0 AND 2),"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),"
	"  created INTEGER NOT NULL,"
	"  CHECK (stage_id IS NULL OR touchpoint_id IS NULL));"
	"CREATE INDEX gap_map ON gap(map_id);"
	"CREATE INDEX gap_stage ON gap(stage_id);"
	"CREATE INDEX gap_touchpoint ON gap(touchpoint_id);"
	"CREATE TABLE silo ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  dept_a INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,"
	"  dept_b INTEGER NOT NULL REFERENCES department(id) ON DELETE RESTRICT,"
	"  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,"
	"  description TEXT NOT NULL,"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),"
	"  created INTEGER NOT NULL,"
	"  CHECK (dept_a <> dept_b));"
	"CREATE INDEX silo_map ON silo(map_id);"
	"CREATE INDEX silo_touchpoint ON silo(touchpoint_id);"
	"CREATE INDEX silo_dept_a ON silo(dept_a);"
	"CREATE INDEX silo_dept_b ON silo(dept_b);",
	/* 1 -> 2: row versions, so that a change made elsewhere since an
	 * item was read can be noticed */
	"ALTER TABLE map ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE stage ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE touchpoint ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;",
	/* 2 -> 3: sharing.  The history of every change (never deleted; no
	 * foreign key, so it outlives what it names), who has which map
	 * open, and each user's last visit of each map.  A row version is
	 * now the id of the change that last touched the row, growing through
	 * the whole file, so the old counters start again from 0. */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  login TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  item_id INTEGER NOT NULL,"
	"  map_id INTEGER,"
	"  field TEXT NOT NULL DEFAULT '',"
	"  name TEXT NOT NULL DEFAULT '',"
	"  value TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX audit_map ON audit(map_id, id);"
	"CREATE TABLE presence ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL,"
	"  host TEXT NOT NULL,"
	"  pid INTEGER NOT NULL,"
	"  map_id INTEGER NOT NULL,"
	"  since INTEGER NOT NULL,"
	"  heartbeat INTEGER NOT NULL);"
	"CREATE INDEX presence_map ON presence(map_id, heartbeat);"
	"CREATE TABLE visit ("
	"  login TEXT NOT NULL,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  at INTEGER NOT NULL,"
	"  stamp INTEGER NOT NULL,"
	"  PRIMARY KEY (login, map_id)) WITHOUT ROWID;"
	"CREATE INDEX visit_map ON visit(map_id);"
	"UPDATE map SET rev = 0;"
	"UPDATE stage SET rev = 0;"
	"UPDATE touchpoint SET rev = 0;",
};

/* Brings the schema up to date in one transaction.  The version is read
 * again inside it, so two processes opening a new file at once agree. */
static enum store_status st_migrate(struct store *s)
{
	enum store_status st = store_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t version = 0, app = 0;
	st = st_int(s, &version, "PRAGMA user_version", "");
	if (st == STORE_OK)
		st = st_int(s, &app, "PRAGMA application_id", "");
	if (st == STORE_OK && version > STORE_SCHEMA_VERSION)
		st = STORE_NEWER;
	if (st == STORE_OK && version < 0)
		st = STORE_CORRUPT;
	for (int64_t v = version; st == STORE_OK && v < STORE_SCHEMA_VERSION; v++) {
		int rc = sqlite3_exec(s->db, migrations[v], NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = st_fail(s, rc);
	}
	if (st == STORE_OK && version < STORE_SCHEMA_VERSION) {
		/* PRAGMA takes no bound parameters; these are our constants. */
		char sql[96];
		snprintf(sql, sizeof sql,
			 "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
		int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = st_fail(s, rc);
	}
	(void)app;
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* opening */

static const char sqlite_magic[16] = "SQLite format 3";

/* Looks at the file before SQLite touches it: anything but an empty file
 * or an SQLite header is refused with the file untouched. */
static enum store_status st_sniff(const char *path, bool *empty)
{
	/* a FIFO or a device could block the open or the read: only a
	 * regular file is opened at all */
	struct stat sb;
	if (stat(path, &sb) != 0)
		return errno == ENOENT ? STORE_NOTFOUND
		       : errno == ENOTDIR ? STORE_NODIR : STORE_NOACCESS;
	if (!S_ISREG(sb.st_mode))
		return STORE_NOTSQLITE;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return errno == ENOENT ? STORE_NOTFOUND : STORE_NOACCESS;
	char head[16];
	ssize_t n = read(fd, head, sizeof head);
	int fst = fstat(fd, &sb);
	close(fd);
	if (n < 0 || fst != 0)
		return STORE_IO;
	if (!S_ISREG(sb.st_mode))
		return STORE_NOTSQLITE;
	*empty = n == 0;
	if (n == 0)
		return STORE_OK;
	if ((size_t)n < sizeof head || memcmp(head, sqlite_magic, 16) != 0)
		return STORE_NOTSQLITE;
	return STORE_OK;
}

/* Whether this process may write the file: the permission bits decide,
 * even for root, so that "chmod a-w" means read-only for everybody. */
static bool st_writable(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0 || !(sb.st_mode & 0222))
		return false;
	return access(path, W_OK) == 0;
}

static enum store_status st_errno(int e)
{
	return e == ENOENT || e == ENOTDIR ? STORE_NODIR
	       : e == ENOSPC || e == EDQUOT ? STORE_FULL
	       : e == EROFS ? STORE_DIRREADONLY
	       : e == EIO ? STORE_IO : STORE_NOACCESS;
}

/* Makes an empty file under a name of its own next to path, with the
 * umask applied (SQLite alone would use 0644 and so never allow group
 * writing), or 0600 for a private file.  Returns the name. */
static enum store_status st_create_temp(const char *path, bool private,
					char **tmp)
{
	static unsigned counter;
	for (int i = 0; i < 100; i++) {
		*tmp = xasprintf("%s.new-%ld-%u", path, (long)getpid(),
				 counter++);
		int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			      private ? 0600 : 0666);
		int e = errno;
		if (fd >= 0) {
			close(fd);
			return STORE_OK;
		}
		free(*tmp);
		*tmp = NULL;
		if (e != EEXIST)
			return st_errno(e);
	}
	return STORE_NOACCESS;
}

/* Gives the finished file at tmp its final name, unless a file has that
 * name already (STORE_EXISTS): never replaced, never half made. */
static enum store_status st_link(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0)
		return STORE_OK;
	int e = errno;
	/* file systems without hard links */
	if ((e == EPERM || e == ENOTSUP || e == ENOSYS) &&
	    renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
		return STORE_OK;
	if (e != EEXIST && errno == EEXIST)
		e = EEXIST;
	return e == EEXIST ? STORE_EXISTS : st_errno(e);
}

/* Removes a temporary file and whatever SQLite left next to it. */
static void st_unlink_all(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

/* What the first line of quick_check means.  A page it could not read
 * is reported as a line ("... unable to get the page. error code=266"),
 * not as a failed step: a disk that fails to read is not a damaged file,
 * and the person must not be told so (tests/check_faults.c). */
static enum store_status st_check_verdict(const char *line)
{
	if (!line)
		return STORE_CORRUPT;
	if (strcmp(line, "ok") == 0)
		return STORE_OK;
	const char *code = strstr(line, "error code=");
	if (code) {
		enum store_status st = st_status(atoi(code + 11));
		if (st == STORE_IO || st == STORE_FULL || st == STORE_BUSY)
			return st;
	}
	return STORE_CORRUPT;
}

/* Reads what kind of database this is, without writing anything. */
static enum store_status st_inspect(struct store *s, int64_t *version)
{
	int64_t app = 0, tables = 0;
	enum store_status st = st_int(s, &app, "PRAGMA application_id", "");
	if (st == STORE_OK)
		st = st_int(s, version, "PRAGMA user_version", "");
	if (st == STORE_OK)
		st = st_int(s, &tables,
			    "SELECT count(*) FROM sqlite_master", "");
	/* The header said SQLite, so a file SQLite cannot read is damaged. */
	if (st == STORE_FAILED || st == STORE_NOTSQLITE)
		return STORE_CORRUPT;
	if (st != STORE_OK)
		return st;
	if (app != STORE_APPLICATION_ID && (app != 0 || tables != 0))
		return STORE_FOREIGN;
	if (*version > STORE_SCHEMA_VERSION)
		return STORE_NEWER;
	/* No cxmap ever wrote one; migrations[] must not be indexed with it
	 * (found by tests/fuzz/fuzz_file.c). */
	if (*version < 0)
		return STORE_CORRUPT;
	/* A damaged page may hide anywhere: look at all of them now rather
	 * than fail halfway through an edit. */
	sqlite3_stmt *stmt;
	st = st_query(s, &stmt, "PRAGMA quick_check", "");
	if (st != STORE_OK)
		return st == STORE_FAILED ? STORE_CORRUPT : st;
	int r = st_step(s, stmt, &st);
	if (r == 1)
		st = st_check_verdict((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return st == STORE_FAILED ? STORE_CORRUPT : st;
}

/* The tables each schema version has, by the version that made them. */
static const struct {
	const char *table;
	int since;
} st_tables[] = {
	{ "map", 1 }, { "department", 1 }, { "stage", 1 }, { "touchpoint", 1 },
	{ "contributor", 1 }, { "gap", 1 }, { "silo", 1 },
	{ "audit", 3 }, { "presence", 3 }, { "visit", 3 },
};

/* The tables must be those of the version the file says it has: a table
 * missing (dropped by hand) or already there (a version number written
 * back) would fail later, in the middle of an edit or a migration, with
 * nothing better to say than "an error". */
static enum store_status st_schema(struct store *s, int64_t version)
{
	if (version == 0)
		return STORE_OK;	/* new: made by the migrations */
	for (size_t i = 0; i < sizeof st_tables / sizeof st_tables[0]; i++) {
		int64_t n = 0;
		enum store_status st = st_int(s, &n,
			"SELECT count(*) FROM sqlite_master"
			" WHERE type = 'table' AND name = ?", "t",
			st_tables[i].table);
		if (st != STORE_OK)
			return st;
		bool want = st_tables[i].since <= version;
		if (want && n == 0) {
			snprintf(st_open_why, sizeof st_open_why,
				 _("schema version %d, but the table %s is missing"),
				 (int)version, st_tables[i].table);
			return STORE_SCHEMA;
		}
		if (!want && n) {
			snprintf(st_open_why, sizeof st_open_why,
				 _("schema version %d, but it has the table %s of version %d"),
				 (int)version, st_tables[i].table,
				 st_tables[i].since);
			return STORE_SCHEMA;
		}
	}
	/* version 2 added the row versions */
	sqlite3_stmt *stmt = NULL;
	if (version >= 2 && sqlite3_prepare_v2(s->db,
	    "SELECT m.rev, s.rev, t.rev FROM map m, stage s, touchpoint t",
	    -1, &stmt, NULL) != SQLITE_OK) {
		snprintf(st_open_why, sizeof st_open_why,
			 _("schema version %d, but the column rev is missing"),
			 (int)version);
		return STORE_SCHEMA;
	}
	sqlite3_finalize(stmt);
	return STORE_OK;
}

/* A writer needs FILE-wal and FILE-shm next to the file: when they are
 * not there and the folder cannot take them, say so (SQLite would only
 * say "read-only", about a file whose mode allows writing). */
static bool st_dir_writable(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	bool have = access(wal, F_OK) == 0;
	free(wal);
	if (have)
		return true;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path) + 1)
		    : xstrdup(".");
	bool ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

/* A file: URI for path, with the characters URIs reserve escaped. */
static char *st_uri(const char *path, const char *query)
{
	char *uri = xmalloc(strlen(path) * 3 + strlen(query) + 16);
	char *o = uri + sprintf(uri, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		o += *p == '%' || *p == '?' || *p == '#'
		     ? sprintf(o, "%%%02X", *p) : sprintf(o, "%c", *p);
	sprintf(o, "?%s", query);
	return uri;
}

/* A reader must never create the -wal and -shm files: made with its own
 * owner and mode, they could stop the file's writers from writing.  When
 * no writer has them open, the file is read as immutable instead. */
static bool st_wal_exists(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	bool exists = access(wal, F_OK) == 0;
	free(wal);
	return exists;
}

static void st_file_sig(const char *path, struct st_sig *sig)
{
	struct stat sb;
	memset(sig, 0, sizeof *sig);
	if (stat(path, &sb) == 0) {
		sig->dev = sb.st_dev;
		sig->ino = sb.st_ino;
		sig->size = sb.st_size;
		sig->mtime = sb.st_mtim;
		sig->ctime = sb.st_ctim;
	}
	sig->wal = st_wal_exists(path);
}

static bool st_sig_equal(const struct st_sig *a, const struct st_sig *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec &&
	       a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->ctime.tv_sec == b->ctime.tv_sec &&
	       a->ctime.tv_nsec == b->ctime.tv_nsec && a->wal == b->wal;
}

static enum store_status st_connect(struct store *s)
{
	int flags = SQLITE_OPEN_URI |
		    (s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	/* Taken first, so that a writer arriving after it is noticed. */
	st_file_sig(s->path, &s->sig);
	s->immutable = s->readonly && !s->sig.wal;
	const char *query = !s->readonly ? "mode=rw"
			    : s->immutable ? "immutable=1" : "mode=ro";
	char *uri = st_uri(s->path, query);
	int rc = sqlite3_open_v2(uri, &s->db, flags, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return st_fail(s, rc);
	sqlite3_extended_result_codes(s->db, 1);
	if (!s->busy_ms)
		s->busy_ms = STORE_BUSY_MS;
	sqlite3_busy_handler(s->db, st_busy, s);
	/* Cannot fail in a build that has foreign keys; checked by tests. */
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	/* An edit is acknowledged once COMMIT returns, so it must survive a
	 * power loss from then on: in WAL mode that takes FULL (NORMAL syncs
	 * only at checkpoints, and a build may make it the default).  Proved
	 * by tests/check_faults.c (test_power_loss_session). */
	sqlite3_exec(s->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
	return STORE_OK;
}

/* The login name of the effective user: the password database first
 * (what the system says), then $USER, then the number. */
static char *st_login(void)
{
	struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	const char *user = getenv("USER");
	if (user && *user)
		return xstrdup(user);
	return xasprintf("%ld", (long)geteuid());
}

enum store_status store_open(const char *path, unsigned flags,
			     struct store **out)
{
	*out = NULL;
	st_open_why[0] = '\0';
	bool empty = false;
	enum store_status st = st_sniff(path, &empty);
	if (st == STORE_NOTFOUND && !(flags & STORE_OPEN_NOCREATE) &&
	    !(flags & STORE_OPEN_READONLY)) {
		/* made whole elsewhere, then put in place: nobody ever sees
		 * a half-made file, and a failure leaves none behind */
		struct store *fresh = NULL;
		st = store_open_new(path, flags, &fresh);
		if (st == STORE_OK)
			st = store_publish(fresh);
		if (st == STORE_EXISTS)
			st = STORE_OK;	/* someone else just made it */
		if (st == STORE_OK)
			st = st_sniff(path, &empty);
	}
	if (st != STORE_OK)
		return st;

	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->busy_fn = st_busy_fn_default;
	s->busy_arg = st_busy_arg_default;
	s->readonly = (flags & STORE_OPEN_READONLY) || !st_writable(path);
	s->user = st_login();
	s->presence_map = -1;
	if (!s->readonly && !st_dir_writable(path)) {
		store_close(s);
		return STORE_DIRREADONLY;
	}
	int64_t version = 0;
	int64_t t0 = st_ms();
	st = st_connect(s);
	if (st == STORE_OK)
		st = st_inspect(s, &version);
	/* The file itself was readable, so a refusal now is about its -shm:
	 * SQLite creates it with the creator's umask and fixes the mode a
	 * moment later.  Another writer may be in that moment: try again.
	 * A lock was already waited for (st_busy): all within one bound. */
	for (int i = 0; i < STORE_OPEN_TRIES &&
	     (st == STORE_NOACCESS || st == STORE_BUSY) &&
	     st_ms() - t0 < STORE_BUSY_MS && !s->busy_stop; i++) {
		sqlite3_close_v2(s->db);
		s->db = NULL;
		nanosleep(&(struct timespec){ 0, 20 * 1000000L }, NULL);
		st = st_connect(s);
		if (st == STORE_OK)
			st = st_inspect(s, &version);
	}
	if (st == STORE_OK)
		st = st_schema(s, version);
	if (st == STORE_OK && version < STORE_SCHEMA_VERSION && s->readonly)
		st = empty ? STORE_EMPTY : STORE_OLDREADONLY;
	/* Only now, with a file known to be ours or new, do we write. */
	if (st == STORE_OK && !s->readonly) {
		sqlite3_stmt *stmt;
		st = st_query(s, &stmt, "PRAGMA journal_mode = WAL", "");
		if (st == STORE_OK) {
			st_step(s, stmt, &st);
			sqlite3_finalize(stmt);
		}
		/* a read makes sure the -wal is there */
		int64_t n = 0;
		if (st == STORE_OK)
			st = st_int(s, &n, "SELECT count(*) FROM sqlite_master",
				    "");
		if (st == STORE_OK)
			st_identity_take(s);
		if (st == STORE_OK && version < STORE_SCHEMA_VERSION)
			st = st_migrate(s);
	}
	if (st != STORE_OK) {
		store_close(s);
		return st;
	}
	*out = s;
	return STORE_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->depth > 0) {
		s->depth = 1;
		store_rollback(s);
	}
	store_presence_leave(s);
	st_keep_foreign_wal(s);
	sqlite3_close_v2(s->db);
	if (s->publish_to) {
		/* a new file never published: nobody else has seen it */
		st_unlink_all(s->path);
		free(s->publish_to);
	}
	free(s->path);
	free(s->user);
	free(s);
}

enum store_status store_open_new(const char *path, unsigned flags,
				 struct store **out)
{
	*out = NULL;
	char *tmp = NULL;
	enum store_status st = st_create_temp(path,
					      flags & STORE_OPEN_PRIVATE, &tmp);
	if (st != STORE_OK)
		return st;
	st = store_open(tmp, flags & ~(unsigned)STORE_OPEN_READONLY, out);
	if (st != STORE_OK) {
		st_unlink_all(tmp);
		free(tmp);
		return st;
	}
	(*out)->publish_to = xstrdup(path);
	free(tmp);
	return STORE_OK;
}

enum store_status store_publish(struct store *s)
{
	if (!s->publish_to || s->depth > 0) {
		store_close(s);
		return STORE_INVALID;
	}
	/* closing the only connection writes the -wal into the file and
	 * removes it; a -wal left behind holds data the file lacks */
	store_presence_leave(s);
	int rc = sqlite3_close(s->db);
	s->db = NULL;
	char *wal = xasprintf("%s-wal", s->path);
	bool whole = rc == SQLITE_OK && access(wal, F_OK) != 0;
	free(wal);
	enum store_status st = whole ? st_link(s->path, s->publish_to)
				     : STORE_IO;
	store_close(s);	/* removes the temporary name */
	return st;
}

/* ------------------------------------------------------------------ */
/* shared helpers for ordered rows */

static int64_t st_now(void)
{
	return clock_now();
}

/* Text a person typed or a file brought: well-formed UTF-8, not blank
 * when required, at most max bytes (names: STORE_NAME_MAX). */
static enum store_status st_check_text(const char *t, bool required,
				       size_t max)
{
	if (!t || !text_utf8_valid(t, strlen(t)))
		return STORE_INVALID;
	if (required && text_blank(t))
		return STORE_INVALID;
	return strlen(t) > max ? STORE_TOOLONG : STORE_OK;
}

/* Adds delta to the positions in [from, to) of the rows of `table` whose
 * `scope` column equals id.  Going through negative numbers keeps the
 * UNIQUE (scope, pos) constraint true after every statement. */
static enum store_status st_shift(struct store *s, const char *table,
				  const char *scope, int64_t id, int64_t from,
				  int64_t to, int delta)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "UPDATE %s SET pos = -(pos + ?) - 1"
		 " WHERE %s = ? AND pos >= ? AND pos < ?", table, scope);
	enum store_status st = st_exec(s, sql, "diii", delta, id, from, to);
	if (st != STORE_OK)
		return st;
	snprintf(sql, sizeof sql,
		 "UPDATE %s SET pos = -pos - 1 WHERE %s = ? AND pos < 0",
		 table, scope);
	return st_exec(s, sql, "i", id);
}

static enum store_status st_touch_map(struct store *s, int64_t map_id)
{
	return st_update(s, "UPDATE map SET updated = ? WHERE id = ?", "ii",
			 st_now(), map_id);
}

static enum store_status st_stage_map(struct store *s, int64_t stage_id,
				      int64_t *map_id)
{
	return st_int(s, map_id, "SELECT map_id FROM stage WHERE id = ?", "i",
		      stage_id);
}

static enum store_status st_tp_map(struct store *s, int64_t tp_id,
				   int64_t *map_id)
{
	return st_int(s, map_id,
		      "SELECT s.map_id FROM touchpoint t"
		      " JOIN stage s ON s.id = t.stage_id WHERE t.id = ?",
		      "i", tp_id);
}

/* Sets one text column of one row, giving it the current change as its
 * version.  Column names come from this file only. */
static enum store_status st_set_text(struct store *s, const char *table,
				     const char *column, bool has_rev,
				     int64_t id, const char *value)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1%s WHERE id = ?2",
		 table, column, has_rev ? ", rev = ?3" : "");
	return has_rev ? st_update(s, sql, "tii", value, id, s->change)
		       : st_update(s, sql, "ti", value, id);
}

/* ------------------------------------------------------------------ */
/* changes: every write is one numbered change with a history entry */

#define STORE_KEY(name, key) key,
static const char *const st_kind_keys[] = { STORE_KIND_LIST(STORE_KEY) };
static const char *const st_action_keys[] = { STORE_ACTION_LIST(STORE_KEY) };
#undef STORE_KEY

/* Begins a write and numbers it.  The number is the id of its history
 * entry and the rev it gives every row it changes; taken under the write
 * lock, it grows through the whole file. */
static enum store_status st_change_begin(struct store *s)
{
	enum store_status st = store_begin(s);
	if (st != STORE_OK)
		return st;
	st = st_int(s, &s->change, "SELECT coalesce(max(id), 0) + 1 FROM audit",
		    "");
	if (st != STORE_OK)
		store_rollback(s);
	return st;
}

/* A value as the history keeps it: at most STORE_VALUE_MAX bytes, cut at
 * a character boundary and marked with an ellipsis. */
static char *st_shorten(const char *v)
{
	size_t n = strlen(v), cut = 0;
	if (n <= STORE_VALUE_MAX)
		return xstrdup(v);
	for (;;) {
		size_t k = text_utf8_seq(v + cut, n - cut);
		if (k == 0 || cut + k > STORE_VALUE_MAX - 3)
			break;
		cut += k;
	}
	char *out = xmalloc(cut + 4);
	memcpy(out, v, cut);
	memcpy(out + cut, "\xe2\x80\xa6", 4);	/* U+2026 and the NUL */
	return out;
}

/* Writes the history entry of the change being made, inside its
 * transaction, so that the history cannot drift from the data. */
static enum store_status st_audit(struct store *s, enum store_action action,
				  enum store_kind kind, int64_t item,
				  int64_t map_id, const char *field,
				  const char *name, const char *value)
{
	char *n = st_shorten(name ? name : "");
	char *v = st_shorten(value ? value : "");
	enum store_status st = st_exec(s,
		"INSERT INTO audit (id, at, login, action, kind, item_id, map_id,"
		" field, name, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"iitttinttt", s->change, st_now(), s->user,
		st_action_keys[action], st_kind_keys[kind], item, map_id, field,
		n, v);
	free(n);
	free(v);
	return st;
}

/* Reads an item's name and checks the version an edit was based on:
 * STORE_MISSING when the item is gone, STORE_CONFLICT when it has changed
 * since (rev STORE_REV_ANY: no check).  deep compares the version a
 * delete uses, which includes what the item contains. */
static enum store_status st_item(struct store *s, enum store_kind kind,
				 int64_t id, int64_t rev, bool deep,
				 char **name)
{
	static const char *const sql[] = {
		[STORE_KIND_MAP] = "SELECT name, rev FROM map WHERE id = ?",
		[STORE_KIND_STAGE] = "SELECT name, rev FROM stage WHERE id = ?",
		[STORE_KIND_TOUCHPOINT] =
			"SELECT name, rev FROM touchpoint WHERE id = ?",
		[STORE_KIND_DEPARTMENT] =
			"SELECT name, 0 FROM department WHERE id = ?",
		[STORE_KIND_GAP] = "SELECT description, 0 FROM gap WHERE id = ?",
		[STORE_KIND_SILO] =
			"SELECT description, 0 FROM silo WHERE id = ?",
	};
	static const char *const deep_sql[] = {
		[STORE_KIND_MAP] =
			"SELECT name, max(rev,"
			" (SELECT coalesce(max(rev), 0) FROM stage"
			"  WHERE map_id = m.id),"
			" (SELECT coalesce(max(t.rev), 0) FROM touchpoint t"
			"  JOIN stage s ON s.id = t.stage_id"
			"  WHERE s.map_id = m.id))"
			" FROM map m WHERE id = ?",
		[STORE_KIND_STAGE] =
			"SELECT name, max(rev,"
			" (SELECT coalesce(max(rev), 0) FROM touchpoint"
			"  WHERE stage_id = s.id))"
			" FROM stage s WHERE id = ?",
	};
	const char *q = deep && kind <= STORE_KIND_STAGE ? deep_sql[kind]
							 : sql[kind];
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, q, "i", id);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 0)
		st = STORE_MISSING;
	else if (r == 1 && rev != STORE_REV_ANY &&
		 sqlite3_column_int64(stmt, 1) != rev)
		st = STORE_CONFLICT;
	if (st == STORE_OK && name)
		*name = st_text(stmt, 0);
	sqlite3_finalize(stmt);
	return st;
}

/* Like st_item, for an edit of one field: a row changed since `rev` only
 * conflicts when that field changed (or the row came back from a delete,
 * with whatever values it had) -- someone else's new channel is no reason
 * to refuse these notes. */
static enum store_status st_item_field(struct store *s, enum store_kind kind,
				       int64_t id, int64_t rev,
				       const char *field, char **name)
{
	static const char *const sql[] = {
		[STORE_KIND_MAP] = "SELECT 1 FROM map WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_STAGE] =
			"SELECT 1 FROM stage WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_TOUCHPOINT] =
			"SELECT 1 FROM touchpoint WHERE id = ?2 AND rev > ?3",
	};
	enum store_status st = st_item(s, kind, id, rev, false, name);
	if (st != STORE_CONFLICT || kind > STORE_KIND_TOUCHPOINT)
		return st;
	/* changed since (not a version from nowhere), but not this field */
	char q[256];
	snprintf(q, sizeof q, "%s AND NOT EXISTS (SELECT 1 FROM audit"
		 " WHERE kind = ?1 AND item_id = ?2 AND id > ?3"
		 " AND (field = ?4 OR action = 'add'))", sql[kind]);
	sqlite3_stmt *stmt;
	st = st_query(s, &stmt, q, "tiit", st_kind_keys[kind], id, rev, field);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	sqlite3_finalize(stmt);
	if (r != 1)
		return r == 0 ? STORE_CONFLICT : st;
	return st_item(s, kind, id, STORE_REV_ANY, false, name);
}

/* A department's name for the history, "" when there is no such one. */
static char *st_dept_name(struct store *s, int64_t id)
{
	char *name = NULL;
	if (id == 0 || st_item(s, STORE_KIND_DEPARTMENT, id, STORE_REV_ANY,
			       false, &name) != STORE_OK)
		return xstrdup("");
	return name;
}

/* ------------------------------------------------------------------ */
/* maps */

/* Names in the locale's order (SQLite's ORDER BY knows only bytes). */
static int st_map_info_cmp(const void *x, const void *y)
{
	const struct store_map_info *a = x, *b = y;
	int d = text_collate(a->name, b->name);
	return d ? d : (a->id > b->id) - (a->id < b->id);
}

enum store_status store_map_list(struct store *s, struct store_map_info **out,
				 size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT m.id, m.name,"
		" (SELECT count(*) FROM stage WHERE map_id = m.id),"
		" (SELECT count(*) FROM touchpoint t JOIN stage s"
		"   ON s.id = t.stage_id WHERE s.map_id = m.id),"
		" (SELECT count(*) FROM touchpoint t JOIN stage s"
		"   ON s.id = t.stage_id WHERE s.map_id = m.id"
		"   AND t.owner_id IS NULL),"
		" (SELECT count(*) FROM gap WHERE map_id = m.id AND status = 0),"
		" (SELECT count(*) FROM gap WHERE map_id = m.id),"
		" (SELECT count(*) FROM silo WHERE map_id = m.id AND status = 0),"
		" (SELECT count(*) FROM silo WHERE map_id = m.id),"
		" max(m.rev,"
		"  (SELECT coalesce(max(rev), 0) FROM stage WHERE map_id = m.id),"
		"  (SELECT coalesce(max(t.rev), 0) FROM touchpoint t JOIN stage s"
		"   ON s.id = t.stage_id WHERE s.map_id = m.id)), m.rev"
		" FROM map m ORDER BY m.name, m.id", "");
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	int r;
	while ((r = st_step(s, stmt, &st)) == 1) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		struct store_map_info *mi = &(*out)[(*n)++];
		mi->id = sqlite3_column_int64(stmt, 0);
		mi->name = st_text(stmt, 1);
		mi->nstages = (size_t)sqlite3_column_int64(stmt, 2);
		mi->ntouchpoints = (size_t)sqlite3_column_int64(stmt, 3);
		mi->nunowned = (size_t)sqlite3_column_int64(stmt, 4);
		mi->ngaps_open = (size_t)sqlite3_column_int64(stmt, 5);
		mi->ngaps = (size_t)sqlite3_column_int64(stmt, 6);
		mi->nsilos_open = (size_t)sqlite3_column_int64(stmt, 7);
		mi->nsilos = (size_t)sqlite3_column_int64(stmt, 8);
		mi->version = sqlite3_column_int64(stmt, 9);
		mi->rev = sqlite3_column_int64(stmt, 10);
	}
	sqlite3_finalize(stmt);
	if (r < 0) {
		store_map_info_free(*out, *n);
		*out = NULL;
		*n = 0;
	} else if (*n) {
		qsort(*out, *n, sizeof **out, st_map_info_cmp);
	}
	return st;
}

void store_map_info_free(struct store_map_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

enum store_status store_map_find(struct store *s, const char *name,
				 int64_t *id)
{
	return st_int(s, id, "SELECT id FROM map WHERE name = ?", "t", name);
}

enum store_status store_map_create(struct store *s, const char *name,
				   int64_t *id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t now = st_now(), map = 0;
	st = st_exec(s, "INSERT INTO map (name, created, updated, rev)"
		     " VALUES (?, ?, ?, ?)", "tiii", name, now, now, s->change);
	if (st == STORE_OK) {
		map = sqlite3_last_insert_rowid(s->db);
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_MAP, map, map, "",
			      name, "");
	}
	if (st == STORE_OK && id)
		*id = map;
	return st_end(s, st);
}

enum store_status store_map_set(struct store *s, int64_t id, int64_t rev,
				enum store_map_field f, const char *value)
{
	static const char *const columns[] = { "name", "persona", "scenario",
					       "promise" };
	enum store_status st = st_check_text(value, f == STORE_MAP_NAME,
						   f == STORE_MAP_NAME ? STORE_NAME_MAX
								       : STORE_TEXT_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	char *name = NULL;
	st = st_item_field(s, STORE_KIND_MAP, id, rev, columns[f], &name);
	if (st == STORE_OK)
		st = st_set_text(s, "map", columns[f], true, id, value);
	if (st == STORE_OK)
		st = st_touch_map(s, id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_CHANGE, STORE_KIND_MAP, id, id,
			      columns[f], name, value);
	free(name);
	return st_end(s, st);
}

enum store_status store_map_delete(struct store *s, int64_t id, int64_t version)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	char *name = NULL;
	st = st_item(s, STORE_KIND_MAP, id, version, true, &name);
	if (st == STORE_OK)
		st = st_update(s, "DELETE FROM map WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_DELETE, STORE_KIND_MAP, id, id, "",
			      name, "");
	free(name);
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* loading a map */

static int st_dept_cmp(const void *x, const void *y)
{
	const struct model_department *a = x, *b = y;
	int d = text_collate(a->name, b->name);
	return d ? d : (a->id > b->id) - (a->id < b->id);
}

/* Every value read is checked before the model holds it: a file edited by
 * hand, or by a program that turned the CHECK constraints off, can hold
 * any number, and the numbers below index arrays.  A bad value fails the
 * load with STORE_BADVALUE and the row named in s->why. */
static enum store_status st_bad_value(struct store *s, sqlite3_stmt *stmt,
				      int col, const char *table, int64_t id,
				      const char *column, const char *want)
{
	if (s->why[0])
		return STORE_BADVALUE;	/* the first one found is named */
	const unsigned char *raw = sqlite3_column_text(stmt, col);
	char *v = raw ? text_escape_controls((const char *)raw)
		      : xstrdup("NULL");
	/* TRANSLATORS: "gap 3: severity is 100000000, not 0 to 2" */
	snprintf(s->why, sizeof s->why, _("%s %" PRId64 ": %s is %.40s%s, not %s"),
		 table, id, column, v, strlen(v) > 40 ? "..." : "", want);
	free(v);
	return STORE_BADVALUE;
}

/* An integer column in [lo, hi]. */
static enum store_status st_col_range(struct store *s, sqlite3_stmt *stmt,
				      int col, const char *table, int64_t id,
				      const char *column, int lo, int hi,
				      int *out)
{
	if (sqlite3_column_type(stmt, col) == SQLITE_INTEGER) {
		int64_t v = sqlite3_column_int64(stmt, col);
		if (v >= lo && v <= hi) {
			*out = (int)v;
			return STORE_OK;
		}
	}
	char want[64];
	snprintf(want, sizeof want, _("%d to %d"), lo, hi);
	return st_bad_value(s, stmt, col, table, id, column, want);
}

/* A text column: UTF-8 without NUL bytes, as every writer checks. */
static enum store_status st_col_text(struct store *s, sqlite3_stmt *stmt,
				     int col, const char *table, int64_t id,
				     const char *column, char **out)
{
	const char *t = (const char *)sqlite3_column_text(stmt, col);
	size_t n = (size_t)sqlite3_column_bytes(stmt, col);
	if (!t || strlen(t) != n || !text_utf8_valid(t, n))
		return st_bad_value(s, stmt, col, table, id, column,
				    _("text (UTF-8)"));
	*out = xstrdup(t);
	return STORE_OK;
}

/* Several text columns in a row, first..first+n-1, into out[]. */
static enum store_status st_col_texts(struct store *s, sqlite3_stmt *stmt,
				      int first, const char *table,
				      int64_t id, const char *const *columns,
				      char **const *out, int n)
{
	enum store_status st = STORE_OK;
	for (int i = 0; i < n; i++) {
		*out[i] = NULL;
		if (st == STORE_OK)
			st = st_col_text(s, stmt, first + i, table, id,
					 columns[i], out[i]);
		if (!*out[i])
			*out[i] = xstrdup("");
	}
	return st;
}

static enum store_status st_load_departments(struct store *s,
					     struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT id, name, label, colour FROM department"
		" ORDER BY name, id", "");
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		m->departments = xgrow(m->departments, &cap,
				       m->ndepartments + 1,
				       sizeof *m->departments);
		struct model_department *d = &m->departments[m->ndepartments++];
		d->id = sqlite3_column_int64(stmt, 0);
		st = st_col_texts(s, stmt, 1, "department", d->id,
				  (const char *const[]){ "name", "label" },
				  (char **const[]){ &d->name, &d->label }, 2);
		if (st == STORE_OK)
			st = st_col_range(s, stmt, 3, "department", d->id,
					  "colour", 0, MODEL_COLOURS - 1,
					  &d->colour);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	if (m->ndepartments)
		qsort(m->departments, m->ndepartments, sizeof *m->departments,
		      st_dept_cmp);
	return st;
}

static enum store_status st_load_stages(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT id, name, description, rev FROM stage"
		" WHERE map_id = ? ORDER BY pos", "i", m->id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		m->stages = xgrow(m->stages, &cap, m->nstages + 1,
				  sizeof *m->stages);
		struct model_stage *sg = &m->stages[m->nstages++];
		memset(sg, 0, sizeof *sg);
		sg->id = sqlite3_column_int64(stmt, 0);
		sg->rev = sqlite3_column_int64(stmt, 3);
		st = st_col_texts(s, stmt, 1, "stage", sg->id,
				  (const char *const[]){ "name", "description" },
				  (char **const[]){ &sg->name, &sg->description },
				  2);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	return st;
}

/* Touchpoints come in journey order, so each stage's run is contiguous. */
static enum store_status st_load_touchpoints(struct store *s,
					     struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT t.id, t.stage_id, t.name, t.channel, t.notes,"
		" t.emotion, t.metric_name, t.metric_value, t.owner_id, t.rev"
		" FROM touchpoint t JOIN stage s ON s.id = t.stage_id"
		" WHERE s.map_id = ? ORDER BY s.pos, t.pos", "i", m->id);
	if (st != STORE_OK)
		return st;
	size_t si = 0, cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		int64_t stage_id = sqlite3_column_int64(stmt, 1);
		while (si < m->nstages && m->stages[si].id != stage_id) {
			si++;
			cap = 0;
		}
		if (si == m->nstages) {
			st = STORE_CORRUPT;
			break;
		}
		struct model_stage *sg = &m->stages[si];
		sg->touchpoints = xgrow(sg->touchpoints, &cap,
					sg->ntouchpoints + 1,
					sizeof *sg->touchpoints);
		struct model_touchpoint *t = &sg->touchpoints[sg->ntouchpoints++];
		memset(t, 0, sizeof *t);
		t->id = sqlite3_column_int64(stmt, 0);
		t->stage_id = stage_id;
		t->owner_id = sqlite3_column_int64(stmt, 8);
		t->rev = sqlite3_column_int64(stmt, 9);
		st = st_col_texts(s, stmt, 2, "touchpoint", t->id,
				  (const char *const[]){ "name", "channel",
							 "notes" },
				  (char **const[]){ &t->name, &t->channel,
						    &t->notes }, 3);
		enum store_status st2 = st_col_texts(s, stmt, 6, "touchpoint",
			t->id, (const char *const[]){ "metric_name",
						      "metric_value" },
			(char **const[]){ &t->metric_name, &t->metric_value },
			2);
		if (st == STORE_OK)
			st = st2;
		t->has_emotion = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
		if (st == STORE_OK && t->has_emotion)
			st = st_col_range(s, stmt, 5, "touchpoint", t->id,
					  "emotion", MODEL_EMOTION_MIN,
					  MODEL_EMOTION_MAX, &t->emotion);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	return st;
}

static enum store_status st_load_contributors(struct store *s,
					      struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT c.touchpoint_id, c.department_id FROM contributor c"
		" JOIN touchpoint t ON t.id = c.touchpoint_id"
		" JOIN stage s ON s.id = t.stage_id"
		" JOIN department d ON d.id = c.department_id"
		" WHERE s.map_id = ? ORDER BY s.pos, t.pos, d.name, d.id",
		"i", m->id);
	if (st != STORE_OK)
		return st;
	/* Rows come in the touchpoints' order: walk both together. */
	size_t si = 0, ti = 0, cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		int64_t tp = sqlite3_column_int64(stmt, 0);
		struct model_touchpoint *t = NULL;
		while (si < m->nstages) {
			struct model_stage *sg = &m->stages[si];
			if (ti < sg->ntouchpoints && sg->touchpoints[ti].id == tp) {
				t = &sg->touchpoints[ti];
				break;
			}
			cap = 0;
			if (++ti >= sg->ntouchpoints) {
				ti = 0;
				si++;
			}
		}
		if (!t) {
			st = STORE_CORRUPT;
			break;
		}
		t->contributors = xgrow(t->contributors, &cap,
					t->ncontributors + 1,
					sizeof *t->contributors);
		t->contributors[t->ncontributors++] =
			sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	return st;
}

static enum store_status st_load_gaps(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT id, stage_id, touchpoint_id, description, severity,"
		" status, created FROM gap WHERE map_id = ?"
		" ORDER BY created, id", "i", m->id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		m->gaps = xgrow(m->gaps, &cap, m->ngaps + 1, sizeof *m->gaps);
		struct model_gap *g = &m->gaps[m->ngaps++];
		memset(g, 0, sizeof *g);
		g->id = sqlite3_column_int64(stmt, 0);
		g->stage_id = sqlite3_column_int64(stmt, 1);
		g->touchpoint_id = sqlite3_column_int64(stmt, 2);
		g->created = sqlite3_column_int64(stmt, 6);
		int sev = 0, status = 0;
		st = st_col_text(s, stmt, 3, "gap", g->id, "description",
				 &g->description);
		if (st == STORE_OK)
			st = st_col_range(s, stmt, 4, "gap", g->id, "severity",
					  MODEL_SEV_LOW, MODEL_SEV_HIGH, &sev);
		if (st == STORE_OK)
			st = st_col_range(s, stmt, 5, "gap", g->id, "status",
					  MODEL_OPEN, MODEL_RESOLVED, &status);
		g->severity = (enum model_severity)sev;
		g->status = (enum model_status)status;
		if (!g->description)
			g->description = xstrdup("");
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	return st;
}

static enum store_status st_load_silos(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT id, dept_a, dept_b, touchpoint_id, description, status,"
		" created FROM silo WHERE map_id = ? ORDER BY created, id",
		"i", m->id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		m->silos = xgrow(m->silos, &cap, m->nsilos + 1,
				 sizeof *m->silos);
		struct model_silo *o = &m->silos[m->nsilos++];
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(stmt, 0);
		o->dept_a = sqlite3_column_int64(stmt, 1);
		o->dept_b = sqlite3_column_int64(stmt, 2);
		o->touchpoint_id = sqlite3_column_int64(stmt, 3);
		o->created = sqlite3_column_int64(stmt, 6);
		int status = 0;
		st = st_col_text(s, stmt, 4, "silo", o->id, "description",
				 &o->description);
		if (st == STORE_OK)
			st = st_col_range(s, stmt, 5, "silo", o->id, "status",
					  MODEL_OPEN, MODEL_RESOLVED, &status);
		o->status = (enum model_status)status;
		if (!o->description)
			o->description = xstrdup("");
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	return st;
}

static enum store_status st_load_map_row(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT name, persona, scenario, promise, created, updated, rev"
		" FROM map WHERE id = ?", "i", m->id);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 0)
		st = STORE_MISSING;
	if (r == 1) {
		st = st_col_texts(s, stmt, 0, "map", m->id,
				  (const char *const[]){ "name", "persona",
							 "scenario", "promise" },
				  (char **const[]){ &m->name, &m->persona,
						    &m->scenario, &m->promise },
				  4);
		m->created = sqlite3_column_int64(stmt, 4);
		m->updated = sqlite3_column_int64(stmt, 5);
		m->rev = sqlite3_column_int64(stmt, 6);
	}
	sqlite3_finalize(stmt);
	return st;
}

enum store_status store_map_load(struct store *s, int64_t id,
				 struct model_map **out)
{
	*out = NULL;
	/* One read transaction: a consistent snapshot even while others
	 * write. */
	bool own = s->depth == 0;
	enum store_status st = own ? st_exec(s, "BEGIN", "") : STORE_OK;
	if (st != STORE_OK)
		return st;
	struct model_map *m = xcalloc(1, sizeof *m);
	m->id = id;
	s->why[0] = '\0';
	st = st_load_map_row(s, m);
	if (st == STORE_OK)
		st = st_load_departments(s, m);
	if (st == STORE_OK)
		st = st_load_stages(s, m);
	if (st == STORE_OK)
		st = st_load_touchpoints(s, m);
	if (st == STORE_OK)
		st = st_load_contributors(s, m);
	if (st == STORE_OK)
		st = st_load_gaps(s, m);
	if (st == STORE_OK)
		st = st_load_silos(s, m);
	if (own)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (st != STORE_OK) {
		model_map_free(m);
		return st;
	}
	*out = m;
	return STORE_OK;
}

/* ------------------------------------------------------------------ */
/* stages */

/* A requested position, clamped to an append at n. */
static int64_t st_clamp(size_t pos, int64_t n)
{
	return pos < (size_t)n ? (int64_t)pos : n;
}

static enum store_status st_count(struct store *s, const char *table,
				  const char *scope, int64_t id, int64_t *n)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE %s = ?",
		 table, scope);
	return st_int(s, n, sql, "i", id);
}

enum store_status store_stage_add(struct store *s, int64_t map_id, size_t pos,
				  const char *name, int64_t *id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t n = 0, stage = 0;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_count(s, "stage", "map_id", map_id, &n);
	int64_t p = st_clamp(pos, n);
	if (st == STORE_OK)
		st = st_shift(s, "stage", "map_id", map_id, p, n, 1);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO stage (map_id, pos, name, rev)"
			     " VALUES (?, ?, ?, ?)", "iiti", map_id, p, name,
			     s->change);
	if (st == STORE_OK) {
		stage = sqlite3_last_insert_rowid(s->db);
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_STAGE, stage,
			      map_id, "", name, "");
	}
	if (st == STORE_OK && id)
		*id = stage;
	return st_end(s, st);
}

enum store_status store_stage_set(struct store *s, int64_t id, int64_t rev,
				  enum store_stage_field f, const char *value)
{
	static const char *const columns[] = { "name", "description" };
	enum store_status st = st_check_text(value, f == STORE_STAGE_NAME,
						   f == STORE_STAGE_NAME ? STORE_NAME_MAX
									 : STORE_TEXT_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t map_id = 0;
	char *name = NULL;
	st = st_stage_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item_field(s, STORE_KIND_STAGE, id, rev, columns[f],
				   &name);
	if (st == STORE_OK)
		st = st_set_text(s, "stage", columns[f], true, id, value);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_CHANGE, STORE_KIND_STAGE, id,
			      map_id, columns[f], name, value);
	free(name);
	return st_end(s, st);
}

/* Moves a row of an ordered list within its scope. */
static enum store_status st_reorder(struct store *s, const char *table,
				    const char *scope, int64_t scope_id,
				    int64_t id, int64_t from, size_t pos)
{
	int64_t n = 0;
	enum store_status st = st_count(s, table, scope, scope_id, &n);
	int64_t to = st_clamp(pos, n - 1);
	if (st != STORE_OK || to == from)
		return st;
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE %s SET pos = ? WHERE id = ?", table);
	/* Park the row past the end, close the hole, open the new one. */
	st = st_exec(s, sql, "ii", n, id);
	if (st == STORE_OK && to > from)
		st = st_shift(s, table, scope, scope_id, from + 1, to + 1, -1);
	else if (st == STORE_OK)
		st = st_shift(s, table, scope, scope_id, to, from, 1);
	if (st == STORE_OK)
		st = st_exec(s, sql, "ii", to, id);
	return st;
}

enum store_status store_stage_move(struct store *s, int64_t id, int64_t rev,
				   size_t pos)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, from = 0, to = 0;
	char *name = NULL;
	st = st_stage_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, id, rev, false, &name);
	if (st == STORE_OK)
		st = st_int(s, &from, "SELECT pos FROM stage WHERE id = ?", "i",
			    id);
	if (st == STORE_OK)
		st = st_reorder(s, "stage", "map_id", map_id, id, from, pos);
	if (st == STORE_OK)
		st = st_update(s, "UPDATE stage SET rev = ? WHERE id = ?",
			       "ii", s->change, id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_int(s, &to, "SELECT pos FROM stage WHERE id = ?", "i",
			    id);
	if (st == STORE_OK) {
		char v[24];
		snprintf(v, sizeof v, "%" PRId64, to);
		st = st_audit(s, STORE_ACTION_MOVE, STORE_KIND_STAGE, id,
			      map_id, "", name, v);
	}
	free(name);
	return st_end(s, st);
}

enum store_status store_stage_delete(struct store *s, int64_t id,
				     int64_t version)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, pos = 0, n = 0, ntp = 0;
	char *name = NULL;
	st = st_stage_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, id, version, true, &name);
	if (st == STORE_OK)
		st = st_int(s, &pos, "SELECT pos FROM stage WHERE id = ?", "i",
			    id);
	if (st == STORE_OK)
		st = st_count(s, "stage", "map_id", map_id, &n);
	if (st == STORE_OK)
		st = st_count(s, "touchpoint", "stage_id", id, &ntp);
	if (st == STORE_OK)
		st = st_update(s, "DELETE FROM stage WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_shift(s, "stage", "map_id", map_id, pos + 1, n, -1);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK) {
		char v[24];
		snprintf(v, sizeof v, "%" PRId64, ntp);
		st = st_audit(s, STORE_ACTION_DELETE, STORE_KIND_STAGE, id,
			      map_id, "", name, v);
	}
	free(name);
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* touchpoints */

enum store_status store_tp_add(struct store *s, int64_t stage_id, size_t pos,
			       const char *name, int64_t *id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t map_id = 0, n = 0, tp = 0;
	char *stage = NULL;
	st = st_stage_map(s, stage_id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, stage_id, STORE_REV_ANY, false,
			     &stage);
	if (st == STORE_OK)
		st = st_count(s, "touchpoint", "stage_id", stage_id, &n);
	int64_t p = st_clamp(pos, n);
	if (st == STORE_OK)
		st = st_shift(s, "touchpoint", "stage_id", stage_id, p, n, 1);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO touchpoint (stage_id, pos, name, rev)"
			     " VALUES (?, ?, ?, ?)", "iiti", stage_id, p, name,
			     s->change);
	if (st == STORE_OK) {
		tp = sqlite3_last_insert_rowid(s->db);
		st = st_touch_map(s, map_id);
	}
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_TOUCHPOINT, tp,
			      map_id, "", name, stage);
	if (st == STORE_OK && id)
		*id = tp;
	free(stage);
	return st_end(s, st);
}

/* What a change to a touchpoint records in the history: the field, and
 * its new value, or the department whose name is the value. */
struct st_tp_field {
	const char *field;
	const char *value;
	int64_t dept_id;
};

/* Wraps a one-statement change to a touchpoint: check it exists and has
 * the version the edit was based on, run it, give the touchpoint the
 * change's version, touch the map's time, write the history. */
static enum store_status st_tp_change(struct store *s, int64_t id,
				      int64_t rev,
				      const struct st_tp_field *what,
				      const char *sql, const char *types, ...)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0;
	char *name = NULL;
	st = st_tp_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item_field(s, STORE_KIND_TOUCHPOINT, id, rev,
				   what->field, &name);
	if (st == STORE_OK) {
		va_list ap;
		va_start(ap, types);
		st = st_vexec(s, NULL, sql, types, ap);
		va_end(ap);
	}
	if (st == STORE_OK)
		st = st_update(s, "UPDATE touchpoint SET rev = ? WHERE id = ?",
			       "ii", s->change, id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK) {
		char *dept = what->dept_id ? st_dept_name(s, what->dept_id)
					   : NULL;
		st = st_audit(s, STORE_ACTION_CHANGE, STORE_KIND_TOUCHPOINT, id,
			      map_id, what->field, name,
			      dept ? dept : what->value);
		free(dept);
	}
	free(name);
	return st_end(s, st);
}

enum store_status store_tp_set(struct store *s, int64_t id, int64_t rev,
			       enum store_tp_field f, const char *value)
{
	static const char *const sql[] = {
		"UPDATE touchpoint SET name = ? WHERE id = ?",
		"UPDATE touchpoint SET channel = ? WHERE id = ?",
		"UPDATE touchpoint SET notes = ? WHERE id = ?",
		"UPDATE touchpoint SET metric_name = ? WHERE id = ?",
		"UPDATE touchpoint SET metric_value = ? WHERE id = ?",
	};
	static const char *const fields[] = { "name", "channel", "notes",
					      "metric_name", "metric_value" };
	/* notes are texts; name, channel and metric are names */
	enum store_status st = st_check_text(value, f == STORE_TP_NAME,
					     f == STORE_TP_NOTES ? STORE_TEXT_MAX
								 : STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	struct st_tp_field what = { fields[f], value, 0 };
	return st_tp_change(s, id, rev, &what, sql[f], "ti", value, id);
}

enum store_status store_tp_set_emotion(struct store *s, int64_t id, int64_t rev,
				       bool has_emotion, int emotion)
{
	if (has_emotion &&
	    (emotion < MODEL_EMOTION_MIN || emotion > MODEL_EMOTION_MAX))
		return STORE_INVALID;
	char v[8] = "";
	if (has_emotion)
		snprintf(v, sizeof v, "%d", emotion);
	struct st_tp_field what = { "emotion", v, 0 };
	if (!has_emotion)
		return st_tp_change(s, id, rev, &what,
				    "UPDATE touchpoint SET emotion = NULL"
				    " WHERE id = ?", "i", id);
	return st_tp_change(s, id, rev, &what, "UPDATE touchpoint"
			    " SET emotion = ? WHERE id = ?", "di", emotion, id);
}

enum store_status store_tp_set_owner(struct store *s, int64_t id, int64_t rev,
				     int64_t dept_id)
{
	struct st_tp_field what = { "owner", "", dept_id };
	enum store_status st = st_tp_change(s, id, rev, &what,
		"UPDATE touchpoint SET owner_id = ? WHERE id = ?", "ni",
		dept_id, id);
	return st == STORE_INUSE ? STORE_MISSING : st;
}

enum store_status store_tp_add_contributor(struct store *s, int64_t id,
					   int64_t dept_id)
{
	struct st_tp_field what = { "add_contributor", "", dept_id };
	enum store_status st = st_tp_change(s, id, STORE_REV_ANY, &what,
		"INSERT OR IGNORE INTO contributor (touchpoint_id, department_id)"
		" VALUES (?, ?)", "ii", id, dept_id);
	return st == STORE_INUSE ? STORE_MISSING : st;
}

enum store_status store_tp_remove_contributor(struct store *s, int64_t id,
					      int64_t dept_id)
{
	struct st_tp_field what = { "remove_contributor", "", dept_id };
	return st_tp_change(s, id, STORE_REV_ANY, &what,
			    "DELETE FROM contributor"
			    " WHERE touchpoint_id = ? AND department_id = ?",
			    "ii", id, dept_id);
}

enum store_status store_tp_move(struct store *s, int64_t id, int64_t rev,
				int64_t stage_id, size_t pos)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, to_map = 0, from_stage = 0, from = 0, n = 0;
	char *name = NULL, *stage = NULL;
	st = st_tp_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_TOUCHPOINT, id, rev, false, &name);
	if (st == STORE_OK)
		st = st_stage_map(s, stage_id, &to_map);
	if (st == STORE_OK && to_map != map_id)
		st = STORE_INVALID;
	if (st == STORE_OK)
		st = st_int(s, &from_stage,
			    "SELECT stage_id FROM touchpoint WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_int(s, &from, "SELECT pos FROM touchpoint WHERE id = ?",
			    "i", id);
	if (st == STORE_OK && from_stage == stage_id) {
		st = st_reorder(s, "touchpoint", "stage_id", stage_id, id, from,
				pos);
	} else if (st == STORE_OK) {
		/* Make room in the new stage, move, close the old gap. */
		st = st_count(s, "touchpoint", "stage_id", stage_id, &n);
		int64_t p = st_clamp(pos, n);
		if (st == STORE_OK)
			st = st_shift(s, "touchpoint", "stage_id", stage_id, p,
				      n, 1);
		if (st == STORE_OK)
			st = st_exec(s, "UPDATE touchpoint SET stage_id = ?,"
				     " pos = ? WHERE id = ?", "iii", stage_id,
				     p, id);
		if (st == STORE_OK)
			st = st_shift(s, "touchpoint", "stage_id", from_stage,
				      from + 1, INT64_MAX, -1);
	}
	if (st == STORE_OK)
		st = st_update(s, "UPDATE touchpoint SET rev = ? WHERE id = ?",
			       "ii", s->change, id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, stage_id, STORE_REV_ANY, false,
			     &stage);
	/* within its stage: the history says where to, not "to stage X" */
	int64_t to = 0;
	if (st == STORE_OK && from_stage == stage_id)
		st = st_int(s, &to, "SELECT pos FROM touchpoint WHERE id = ?",
			    "i", id);
	if (st == STORE_OK && from_stage == stage_id) {
		char v[24];
		snprintf(v, sizeof v, "%" PRId64, to);
		st = st_audit(s, STORE_ACTION_MOVE, STORE_KIND_TOUCHPOINT, id,
			      map_id, "position", name, v);
	} else if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_MOVE, STORE_KIND_TOUCHPOINT, id,
			      map_id, "", name, stage);
	free(name);
	free(stage);
	return st_end(s, st);
}

enum store_status store_tp_delete(struct store *s, int64_t id, int64_t version)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, stage_id = 0, pos = 0;
	char *name = NULL;
	st = st_tp_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_TOUCHPOINT, id, version, true, &name);
	if (st == STORE_OK)
		st = st_int(s, &stage_id,
			    "SELECT stage_id FROM touchpoint WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_int(s, &pos, "SELECT pos FROM touchpoint WHERE id = ?",
			    "i", id);
	if (st == STORE_OK)
		st = st_update(s, "DELETE FROM touchpoint WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_shift(s, "touchpoint", "stage_id", stage_id, pos + 1,
			      INT64_MAX, -1);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_DELETE, STORE_KIND_TOUCHPOINT, id,
			      map_id, "", name, "");
	free(name);
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* departments */

enum store_status store_dept_find_exact(struct store *s, const char *name,
					int64_t *id)
{
	return st_int(s, id, "SELECT id FROM department WHERE name = ?", "t",
		      name);
}

enum store_status store_dept_find(struct store *s, const char *name,
				  int64_t *id)
{
	/* "sales" finds Sales: one department, not two look-alikes (ASCII
	 * letters fold; the exact name wins) */
	return st_int(s, id, "SELECT id FROM department WHERE name = ?1"
		      " COLLATE NOCASE ORDER BY name = ?1 DESC, id LIMIT 1",
		      "t", name);
}

enum store_status store_dept_get(struct store *s, int64_t id,
				 struct model_department *out)
{
	sqlite3_stmt *stmt;
	s->why[0] = '\0';
	enum store_status st = st_query(s, &stmt, "SELECT name, label, colour"
					" FROM department WHERE id = ?", "i", id);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 0)
		st = STORE_MISSING;
	if (r == 1) {
		out->id = id;
		st = st_col_texts(s, stmt, 0, "department", id,
				  (const char *const[]){ "name", "label" },
				  (char **const[]){ &out->name, &out->label }, 2);
		if (st == STORE_OK)
			st = st_col_range(s, stmt, 2, "department", id,
					  "colour", 0, MODEL_COLOURS - 1,
					  &out->colour);
	}
	sqlite3_finalize(stmt);
	return st;
}

enum store_status store_dept_create(struct store *s, const char *name,
				    int64_t *id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	/* Colours go round the slots so neighbours tend to differ. */
	int64_t n = 0, dept = 0;
	st = st_int(s, &n, "SELECT count(*) FROM department", "");
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO department (name, colour)"
			     " VALUES (?, ?)", "td", name,
			     (int)(n % MODEL_COLOURS));
	if (st == STORE_OK) {
		dept = sqlite3_last_insert_rowid(s->db);
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_DEPARTMENT, dept, 0,
			      "", name, "");
	}
	if (st == STORE_OK && id)
		*id = dept;
	return st_end(s, st);
}

static enum store_status st_dept_text(struct store *s, int64_t id,
				      const char *column, const char *value,
				      bool required)
{
	enum store_status st = st_check_text(value, required, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	char *name = NULL;
	st = st_item(s, STORE_KIND_DEPARTMENT, id, STORE_REV_ANY, false, &name);
	/* "sales" beside Sales would be a look-alike store_dept_find cannot
	 * tell apart: taken, as the exact name is */
	int64_t other = 0;
	if (st == STORE_OK && strcmp(column, "name") == 0) {
		st = st_int(s, &other, "SELECT id FROM department WHERE name = ?"
			    " COLLATE NOCASE AND id <> ? LIMIT 1", "ti", value, id);
		st = st == STORE_OK ? STORE_EXISTS
		   : st == STORE_MISSING ? STORE_OK : st;
	}
	if (st == STORE_OK)
		st = st_set_text(s, "department", column, false, id, value);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_CHANGE, STORE_KIND_DEPARTMENT, id, 0,
			      column, name, value);
	free(name);
	return st_end(s, st);
}

enum store_status store_dept_rename(struct store *s, int64_t id,
				    const char *name)
{
	return st_dept_text(s, id, "name", name, true);
}

enum store_status store_dept_set_label(struct store *s, int64_t id,
				       const char *label)
{
	return st_dept_text(s, id, "label", label, false);
}

enum store_status store_dept_set_colour(struct store *s, int64_t id,
					int colour)
{
	if (colour < 0 || colour >= MODEL_COLOURS)
		return STORE_INVALID;
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	char *name = NULL, v[8];
	snprintf(v, sizeof v, "%d", colour);
	st = st_item(s, STORE_KIND_DEPARTMENT, id, STORE_REV_ANY, false, &name);
	if (st == STORE_OK)
		st = st_update(s, "UPDATE department SET colour = ? WHERE id = ?",
			       "di", colour, id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_CHANGE, STORE_KIND_DEPARTMENT, id, 0,
			      "colour", name, v);
	free(name);
	return st_end(s, st);
}

enum store_status store_dept_usage(struct store *s, int64_t id, size_t *n)
{
	int64_t v = 0;
	enum store_status st = st_int(s, &v,
		"SELECT (SELECT count(*) FROM touchpoint WHERE owner_id = ?1)"
		" + (SELECT count(*) FROM contributor WHERE department_id = ?1)"
		" + (SELECT count(*) FROM silo WHERE dept_a = ?1 OR dept_b = ?1)",
		"i", id);
	*n = (size_t)v;
	return st;
}

enum store_status store_dept_delete(struct store *s, int64_t id)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	size_t used = 0;
	char *name = NULL;
	st = st_item(s, STORE_KIND_DEPARTMENT, id, STORE_REV_ANY, false, &name);
	if (st == STORE_OK)
		st = store_dept_usage(s, id, &used);
	if (st == STORE_OK && used > 0)
		st = STORE_INUSE;
	if (st == STORE_OK)
		st = st_update(s, "DELETE FROM department WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_DELETE, STORE_KIND_DEPARTMENT, id, 0,
			      "", name, "");
	free(name);
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* gaps and silos */

enum store_status store_gap_add(struct store *s, int64_t map_id,
				int64_t stage_id, int64_t touchpoint_id,
				const char *description,
				enum model_severity severity, int64_t *id)
{
	enum store_status st = st_check_text(description, true, STORE_TEXT_MAX);
	if (st == STORE_OK && ((stage_id && touchpoint_id) ||
			       severity > MODEL_SEV_HIGH))
		st = STORE_INVALID;
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t owner_map = map_id, gap = 0;
	if (stage_id)
		st = st_stage_map(s, stage_id, &owner_map);
	else if (touchpoint_id)
		st = st_tp_map(s, touchpoint_id, &owner_map);
	if (st == STORE_OK && owner_map != map_id)
		st = STORE_INVALID;
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO gap (map_id, stage_id, touchpoint_id,"
			     " description, severity, created)"
			     " VALUES (?, ?, ?, ?, ?, ?)", "inntdi", map_id,
			     stage_id, touchpoint_id, description,
			     (int)severity, st_now());
	if (st == STORE_OK) {
		gap = sqlite3_last_insert_rowid(s->db);
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_GAP, gap, map_id,
			      "", description, model_severity_key(severity));
	}
	if (st == STORE_OK && id)
		*id = gap;
	return st_end(s, st);
}

/* Runs one change on a gap or silo, touches its map and writes the
 * history: the field changed and its new value (a DELETE has neither). */
static enum store_status st_record_change(struct store *s,
					  enum store_kind kind, int64_t id,
					  const char *field, const char *value,
					  const char *sql, const char *types,
					  ...)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	const char *q = kind == STORE_KIND_GAP
			? "SELECT map_id FROM gap WHERE id = ?"
			: "SELECT map_id FROM silo WHERE id = ?";
	int64_t map_id = 0;
	char *name = NULL;
	st = st_int(s, &map_id, q, "i", id);
	if (st == STORE_OK)
		st = st_item(s, kind, id, STORE_REV_ANY, false, &name);
	if (st == STORE_OK) {
		va_list ap;
		va_start(ap, types);
		st = st_vexec(s, NULL, sql, types, ap);
		va_end(ap);
	}
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_audit(s, field ? STORE_ACTION_CHANGE : STORE_ACTION_DELETE,
			      kind, id, map_id, field ? field : "", name, value);
	free(name);
	return st_end(s, st);
}

enum store_status store_gap_set_description(struct store *s, int64_t id,
					    const char *description)
{
	enum store_status st = st_check_text(description, true, STORE_TEXT_MAX);
	if (st != STORE_OK)
		return st;
	return st_record_change(s, STORE_KIND_GAP, id, "description",
				description, "UPDATE gap SET description = ?"
				" WHERE id = ?", "ti", description, id);
}

enum store_status store_gap_set_severity(struct store *s, int64_t id,
					 enum model_severity severity)
{
	if (severity > MODEL_SEV_HIGH)
		return STORE_INVALID;
	return st_record_change(s, STORE_KIND_GAP, id, "severity",
				model_severity_key(severity),
				"UPDATE gap SET severity = ?"
				" WHERE id = ?", "di", (int)severity, id);
}

enum store_status store_gap_set_status(struct store *s, int64_t id,
				       enum model_status status)
{
	if (status > MODEL_RESOLVED)
		return STORE_INVALID;
	return st_record_change(s, STORE_KIND_GAP, id, "status",
				model_status_key(status),
				"UPDATE gap SET status = ?"
				" WHERE id = ?", "di", (int)status, id);
}

enum store_status store_gap_delete(struct store *s, int64_t id)
{
	return st_record_change(s, STORE_KIND_GAP, id, NULL, "",
				"DELETE FROM gap WHERE id = ?", "i", id);
}

/* When a record was made (import keeps it): part of adding it, so no
 * history entry of its own. */
static enum store_status st_set_created(struct store *s, const char *sql,
				       int64_t id, int64_t created)
{
	if (created <= 0)
		return STORE_INVALID;
	enum store_status st = store_begin(s);
	if (st != STORE_OK)
		return st;
	return st_end(s, st_update(s, sql, "ii", created, id));
}

enum store_status store_gap_set_created(struct store *s, int64_t id,
					int64_t created)
{
	return st_set_created(s, "UPDATE gap SET created = ? WHERE id = ?",
			      id, created);
}

enum store_status store_silo_add(struct store *s, int64_t map_id,
				 int64_t dept_a, int64_t dept_b,
				 int64_t touchpoint_id,
				 const char *description, int64_t *id)
{
	enum store_status st = st_check_text(description, true, STORE_TEXT_MAX);
	if (st == STORE_OK && dept_a == dept_b)
		st = STORE_INVALID;
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t owner_map = map_id, silo = 0;
	if (touchpoint_id)
		st = st_tp_map(s, touchpoint_id, &owner_map);
	if (st == STORE_OK && owner_map != map_id)
		st = STORE_INVALID;
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO silo (map_id, dept_a, dept_b,"
			     " touchpoint_id, description, created)"
			     " VALUES (?, ?, ?, ?, ?, ?)", "iiinti", map_id,
			     dept_a, dept_b, touchpoint_id, description,
			     st_now());
	if (st == STORE_INUSE)	/* a foreign key: no such department */
		st = STORE_MISSING;
	if (st == STORE_OK) {
		silo = sqlite3_last_insert_rowid(s->db);
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_SILO, silo, map_id,
			      "", description, "");
	}
	if (st == STORE_OK && id)
		*id = silo;
	return st_end(s, st);
}

enum store_status store_silo_set_description(struct store *s, int64_t id,
					     const char *description)
{
	enum store_status st = st_check_text(description, true, STORE_TEXT_MAX);
	if (st != STORE_OK)
		return st;
	return st_record_change(s, STORE_KIND_SILO, id, "description",
				description, "UPDATE silo SET description = ?"
				" WHERE id = ?", "ti", description, id);
}

enum store_status store_silo_set_status(struct store *s, int64_t id,
					enum model_status status)
{
	if (status > MODEL_RESOLVED)
		return STORE_INVALID;
	return st_record_change(s, STORE_KIND_SILO, id, "status",
				model_status_key(status),
				"UPDATE silo SET status = ?"
				" WHERE id = ?", "di", (int)status, id);
}

enum store_status store_silo_delete(struct store *s, int64_t id)
{
	return st_record_change(s, STORE_KIND_SILO, id, NULL, "",
				"DELETE FROM silo WHERE id = ?", "i", id);
}

/* ------------------------------------------------------------------ */
/* sharing: change detection, presence, history, visits */

int64_t store_pending_change(const struct store *s)
{
	return s->depth ? s->change : 0;
}

int64_t store_last_change(const struct store *s)
{
	return s->last_change;
}

const char *store_user(const struct store *s)
{
	return s->user;
}

void store_set_user(struct store *s, const char *login)
{
	free(s->user);
	s->user = xstrdup(login);
}

/* An immutable reader sees nothing of later writes: when the file has
 * changed under it, it opens the file again (as a WAL reader if a writer
 * is there now).  The old connection stays until the new one works. */
static enum store_status st_reconnect(struct store *s)
{
	sqlite3 *old = s->db;
	struct st_sig sig = s->sig;
	s->db = NULL;
	enum store_status st = st_connect(s);
	if (st != STORE_OK) {
		if (s->db)
			sqlite3_close_v2(s->db);
		s->db = old;
		s->sig = sig;
		s->immutable = true;
		return st;
	}
	sqlite3_close_v2(old);
	s->data_version = 0;
	return STORE_OK;
}

static enum store_status st_data_version(struct store *s)
{
	enum store_status st = STORE_OK;
	if (s->immutable && s->depth == 0) {
		struct st_sig now;
		st_file_sig(s->path, &now);
		if (!st_sig_equal(&now, &s->sig)) {
			st = st_reconnect(s);
			if (st == STORE_OK)
				s->generation++;
		}
	}
	if (st == STORE_OK && !s->immutable) {
		/* Changes only with other connections' commits. */
		int64_t v = 0;
		st = st_int(s, &v, "PRAGMA data_version", "");
		if (st == STORE_OK && s->data_version && v != s->data_version)
			s->generation++;
		if (st == STORE_OK)
			s->data_version = v;
	}
	return st;
}

enum store_status store_data_version(struct store *s, uint64_t *version)
{
	*version = s->generation;
	enum store_status st = st_identity(s);
	if (st != STORE_OK)
		return st;
	/* the idle tick: a file locked by another program is looked at
	 * again on the next one, not waited for */
	int bound = s->busy_ms;
	st_busy_bound(s, STORE_QUICK_MS);
	st = st_data_version(s);
	st_busy_bound(s, bound);
	*version = s->generation;
	return st;
}

enum store_status store_map_stamp(struct store *s, int64_t map_id,
				  int64_t *stamp)
{
	return st_int(s, stamp,
		"SELECT max((SELECT coalesce(max(id), 0) FROM audit"
		"  WHERE map_id = ?1),"
		" (SELECT coalesce(max(id), 0) FROM audit WHERE map_id IS NULL))",
		"i", map_id);
}

/* Presence writes wait a moment for the lock, not the full busy timeout:
 * a beat that cannot be written now is written at the next one. */
static enum store_status st_begin_quick(struct store *s)
{
	int bound = s->busy_ms;
	st_busy_bound(s, STORE_QUICK_MS);
	enum store_status st = store_begin(s);
	st_busy_bound(s, bound);
	return st;
}

/* Writes this session's row: refreshes it, or inserts it when it is not
 * there (first beat, or reaped while this process was stopped). */
static enum store_status st_presence_write(struct store *s)
{
	enum store_status st = st_begin_quick(s);
	if (st != STORE_OK)
		return st;
	int64_t now = st_now();
	int changed = 0;
	if (s->presence_id) {
		sqlite3_stmt *stmt;
		st = st_query(s, &stmt, "UPDATE presence SET heartbeat = ?,"
			      " map_id = ? WHERE id = ?", "iii", now,
			      s->presence_map, s->presence_id);
		if (st == STORE_OK && st_step(s, stmt, &st) == 0)
			changed = sqlite3_changes(s->db);
		sqlite3_finalize(stmt);
	}
	if (st == STORE_OK && !changed) {
		char host[256] = "";
		if (gethostname(host, sizeof host - 1) != 0)
			host[0] = '\0';
		st = st_exec(s, "DELETE FROM presence WHERE heartbeat < ?", "i",
			     now - STORE_PRESENCE_REAP);
		if (st == STORE_OK)
			st = st_exec(s, "INSERT INTO presence (login, host, pid,"
				     " map_id, since, heartbeat)"
				     " VALUES (?, ?, ?, ?, ?, ?)", "ttiiii",
				     s->user, host, (int64_t)getpid(),
				     s->presence_map, now, now);
		if (st == STORE_OK)
			s->presence_id = sqlite3_last_insert_rowid(s->db);
	}
	st = st_end(s, st);
	if (st == STORE_OK)
		s->beat_at = now;
	else if (!changed)
		s->presence_id = 0;
	return st;
}

enum store_status store_presence_join(struct store *s, int64_t map_id)
{
	if (s->readonly)
		return STORE_READONLY;
	s->presence_map = map_id;
	return st_presence_write(s);
}

enum store_status store_presence_beat(struct store *s)
{
	if (s->presence_map < 0 || s->readonly)
		return STORE_OK;
	if (s->presence_id && st_now() - s->beat_at < STORE_PRESENCE_BEAT)
		return STORE_OK;
	return st_presence_write(s);
}

enum store_status store_presence_leave(struct store *s)
{
	if (s->presence_map < 0)
		return STORE_OK;
	s->presence_map = -1;
	if (!s->presence_id || s->depth > 0)
		return STORE_OK;
	enum store_status st = st_begin_quick(s);
	if (st == STORE_OK)
		st = st_end(s, st_exec(s, "DELETE FROM presence WHERE id = ?",
				       "i", s->presence_id));
	s->presence_id = 0;
	return st;
}

enum store_status store_presence_list(struct store *s, int64_t map_id,
				      struct store_presence **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT login, host, pid, map_id, since, heartbeat FROM presence"
		" WHERE map_id = ? AND heartbeat > ? AND id <> ?"
		" ORDER BY login, host, pid", "iii", map_id,
		st_now() - STORE_PRESENCE_TTL, s->presence_id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	int r;
	while ((r = st_step(s, stmt, &st)) == 1) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		struct store_presence *p = &(*out)[(*n)++];
		p->user = st_text(stmt, 0);
		p->host = st_text(stmt, 1);
		p->pid = sqlite3_column_int64(stmt, 2);
		p->map_id = sqlite3_column_int64(stmt, 3);
		p->since = sqlite3_column_int64(stmt, 4);
		p->heartbeat = sqlite3_column_int64(stmt, 5);
	}
	sqlite3_finalize(stmt);
	if (r < 0) {
		store_presence_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

void store_presence_free(struct store_presence *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].user);
		free(v[i].host);
	}
	free(v);
}

static int st_key_index(const char *const *keys, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return 0;	/* unknown (a newer cxmap): the first */
}

#define ST_COUNT(a) ((int)(sizeof (a) / sizeof (a)[0]))
#define ST_HISTORY_COLUMNS \
	"SELECT id, at, login, action, kind, item_id, map_id, field, name," \
	" value FROM audit"

/* Reads the rows of a history query into an array. */
static enum store_status st_history_read(struct store *s, sqlite3_stmt *stmt,
					 struct store_change **out, size_t *n)
{
	enum store_status st = STORE_OK;
	size_t cap = 0;
	int r;
	while ((r = st_step(s, stmt, &st)) == 1) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		struct store_change *c = &(*out)[(*n)++];
		c->id = sqlite3_column_int64(stmt, 0);
		c->time = sqlite3_column_int64(stmt, 1);
		c->user = st_text(stmt, 2);
		c->action = (enum store_action)st_key_index(st_action_keys,
			ST_COUNT(st_action_keys),
			(const char *)sqlite3_column_text(stmt, 3));
		c->kind = (enum store_kind)st_key_index(st_kind_keys,
			ST_COUNT(st_kind_keys),
			(const char *)sqlite3_column_text(stmt, 4));
		c->item_id = sqlite3_column_int64(stmt, 5);
		c->map_id = sqlite3_column_int64(stmt, 6);
		c->field = st_text(stmt, 7);
		c->name = st_text(stmt, 8);
		c->value = st_text(stmt, 9);
	}
	sqlite3_finalize(stmt);
	if (r < 0) {
		store_history_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return st;
}

enum store_status store_history_list(struct store *s, int64_t map_id,
				     size_t limit, struct store_change **out,
				     size_t *n)
{
	return store_history_since(s, map_id, -1, limit, out, n);
}

/* stamp -1: everything, by everyone (store_history_list). */
enum store_status store_history_since(struct store *s, int64_t map_id,
				      int64_t stamp, size_t limit,
				      struct store_change **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, ST_HISTORY_COLUMNS
		" WHERE (map_id = ?1 OR map_id IS NULL) AND id > ?2"
		" AND (?2 < 0 OR login <> ?3) ORDER BY id DESC LIMIT ?4",
		"iiti", map_id, stamp, s->user,
		limit ? (int64_t)limit : (int64_t)-1);
	if (st != STORE_OK)
		return st;
	return st_history_read(s, stmt, out, n);
}

enum store_status store_history_get(struct store *s, int64_t id,
				    struct store_change **out)
{
	*out = NULL;
	size_t n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, ST_HISTORY_COLUMNS
					" WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_history_read(s, stmt, out, &n);
	if (st == STORE_OK && n == 0)
		st = STORE_MISSING;
	return st;
}

enum store_status store_history_item(struct store *s, enum store_kind kind,
				     int64_t item_id, const char *field,
				     int64_t after, struct store_change **out)
{
	*out = NULL;
	size_t n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, ST_HISTORY_COLUMNS
		" WHERE kind = ?1 AND item_id = ?2 AND id > ?3"
		" AND (?4 = '' OR field = ?4 OR action = 'add')"
		" ORDER BY id DESC LIMIT 1", "tiit", st_kind_keys[kind],
		item_id, after, field ? field : "");
	if (st == STORE_OK)
		st = st_history_read(s, stmt, out, &n);
	if (st == STORE_OK && n == 0)
		st = STORE_MISSING;
	return st;
}

void store_history_free(struct store_change *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].user);
		free(v[i].field);
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

enum store_status store_visit_get(struct store *s, int64_t map_id,
				  int64_t *time, int64_t *stamp)
{
	*time = *stamp = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, "SELECT at, stamp FROM visit"
					" WHERE login = ? AND map_id = ?", "ti",
					s->user, map_id);
	if (st != STORE_OK)
		return st;
	if (st_step(s, stmt, &st) == 1) {
		*time = sqlite3_column_int64(stmt, 0);
		*stamp = sqlite3_column_int64(stmt, 1);
	}
	sqlite3_finalize(stmt);
	return st;
}

enum store_status store_visit_record(struct store *s, int64_t map_id)
{
	/* bookkeeping: a busy file skips it rather than keep anyone waiting */
	enum store_status st = st_begin_quick(s);
	if (st != STORE_OK)
		return st;
	int64_t stamp = 0;
	st = store_map_stamp(s, map_id, &stamp);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT OR REPLACE INTO visit (login, map_id, at,"
			     " stamp) VALUES (?, ?, ?, ?)", "tiii", s->user,
			     map_id, st_now(), stamp);
	if (st == STORE_INUSE)	/* the foreign key: no such map */
		st = STORE_MISSING;
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* restoring deleted items under their own ids (undo and redo) */

static enum store_status st_restore_tp_row(struct store *s, int64_t stage_id,
					   int64_t pos,
					   const struct model_touchpoint *t)
{
	enum store_status st = st_exec(s,
		"INSERT INTO touchpoint (id, stage_id, pos, name, channel, notes,"
		" metric_name, metric_value, owner_id, rev)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iiitttttni", t->id,
		stage_id, pos, t->name, t->channel, t->notes, t->metric_name,
		t->metric_value, t->owner_id, s->change);
	if (st == STORE_OK && t->has_emotion)
		st = st_exec(s, "UPDATE touchpoint SET emotion = ? WHERE id = ?",
			     "di", t->emotion, t->id);
	for (size_t i = 0; st == STORE_OK && i < t->ncontributors; i++)
		st = st_exec(s, "INSERT INTO contributor (touchpoint_id,"
			     " department_id) VALUES (?, ?)", "ii", t->id,
			     t->contributors[i]);
	if (st == STORE_INUSE)	/* a department has gone meanwhile */
		st = STORE_MISSING;
	return st;
}

enum store_status store_tp_restore(struct store *s, int64_t stage_id,
				   size_t pos, const struct model_touchpoint *t)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, n = 0;
	st = st_stage_map(s, stage_id, &map_id);
	if (st == STORE_OK)
		st = st_count(s, "touchpoint", "stage_id", stage_id, &n);
	int64_t p = st_clamp(pos, n);
	char *stage = NULL;
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, stage_id, STORE_REV_ANY, false,
			     &stage);
	if (st == STORE_OK)
		st = st_shift(s, "touchpoint", "stage_id", stage_id, p, n, 1);
	if (st == STORE_OK)
		st = st_restore_tp_row(s, stage_id, p, t);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_TOUCHPOINT, t->id,
			      map_id, "", t->name, stage);
	free(stage);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	return st_end(s, st);
}

enum store_status store_stage_restore(struct store *s, int64_t map_id,
				      size_t pos, const struct model_stage *sg)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t n = 0;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_count(s, "stage", "map_id", map_id, &n);
	int64_t p = st_clamp(pos, n);
	if (st == STORE_OK)
		st = st_shift(s, "stage", "map_id", map_id, p, n, 1);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO stage (id, map_id, pos, name,"
			     " description, rev) VALUES (?, ?, ?, ?, ?, ?)",
			     "iiitti", sg->id, map_id, p, sg->name,
			     sg->description, s->change);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_STAGE, sg->id,
			      map_id, "", sg->name, "");
	for (size_t i = 0; st == STORE_OK && i < sg->ntouchpoints; i++)
		st = st_restore_tp_row(s, sg->id, (int64_t)i,
				       &sg->touchpoints[i]);
	return st_end(s, st);
}

static enum store_status st_restore_gap_row(struct store *s, int64_t map_id,
					    const struct model_gap *g)
{
	return st_exec(s, "INSERT INTO gap (id, map_id, stage_id,"
		       " touchpoint_id, description, severity, status,"
		       " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		       "iinntddi", g->id, map_id, g->stage_id,
		       g->touchpoint_id, g->description, (int)g->severity,
		       (int)g->status, g->created);
}

static enum store_status st_restore_silo_row(struct store *s, int64_t map_id,
					     const struct model_silo *o)
{
	return st_exec(s, "INSERT INTO silo (id, map_id, dept_a, dept_b,"
		       " touchpoint_id, description, status, created)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "iiiintdi",
		       o->id, map_id, o->dept_a, o->dept_b,
		       o->touchpoint_id, o->description, (int)o->status,
		       o->created);
}

enum store_status store_gap_restore(struct store *s, int64_t map_id,
				    const struct model_gap *g)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_restore_gap_row(s, map_id, g);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_GAP, g->id, map_id,
			      "", g->description, "");
	if (st == STORE_INUSE)
		st = STORE_MISSING;
	return st_end(s, st);
}

enum store_status store_silo_restore(struct store *s, int64_t map_id,
				     const struct model_silo *o)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_restore_silo_row(s, map_id, o);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_SILO, o->id, map_id,
			      "", o->description, "");
	if (st == STORE_INUSE)
		st = STORE_MISSING;
	return st_end(s, st);
}

/* One change: the map row, its stages, touchpoints, contributors, gaps
 * and silos under their own ids, every row at the change's version. */
enum store_status store_map_restore(struct store *s, const struct model_map *m)
{
	enum store_status st = st_check_text(m->name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	st = st_exec(s, "INSERT INTO map (id, name, persona, scenario, promise,"
		     " created, updated, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		     "ittttiii", m->id, m->name, m->persona, m->scenario,
		     m->promise, m->created, st_now(), s->change);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_MAP, m->id, m->id,
			      "", m->name, "");
	for (size_t i = 0; st == STORE_OK && i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		st = st_exec(s, "INSERT INTO stage (id, map_id, pos, name,"
			     " description, rev) VALUES (?, ?, ?, ?, ?, ?)",
			     "iiitti", sg->id, m->id, (int64_t)i, sg->name,
			     sg->description, s->change);
		for (size_t j = 0; st == STORE_OK && j < sg->ntouchpoints; j++)
			st = st_restore_tp_row(s, sg->id, (int64_t)j,
					       &sg->touchpoints[j]);
	}
	for (size_t i = 0; st == STORE_OK && i < m->ngaps; i++)
		st = st_restore_gap_row(s, m->id, &m->gaps[i]);
	for (size_t i = 0; st == STORE_OK && i < m->nsilos; i++)
		st = st_restore_silo_row(s, m->id, &m->silos[i]);
	if (st == STORE_INUSE)	/* a department has gone meanwhile */
		st = STORE_MISSING;
	return st_end(s, st);
}

enum store_status store_dept_restore(struct store *s,
				     const struct model_department *d)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	st = st_exec(s, "INSERT INTO department (id, name, label, colour)"
		     " VALUES (?, ?, ?, ?)", "ittd", d->id, d->name, d->label,
		     d->colour);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_DEPARTMENT, d->id, 0,
			      "", d->name, "");
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* duplicating a map */

/* The copy of a stage or touchpoint of map ?2 in map ?1: the one at the
 * same positions (SQL for the gap or silo row g). */
#define COPY_STAGE "(SELECT n.id FROM stage o JOIN stage n ON n.map_id = ?1" \
	" AND n.pos = o.pos WHERE o.id = g.stage_id)"
#define COPY_TP "(SELECT nt.id FROM touchpoint ot" \
	" JOIN stage os ON os.id = ot.stage_id" \
	" JOIN stage ns ON ns.map_id = ?1 AND ns.pos = os.pos" \
	" JOIN touchpoint nt ON nt.stage_id = ns.id AND nt.pos = ot.pos" \
	" WHERE ot.id = g.touchpoint_id)"

/* Copies the gaps and silos of a map whose stages and touchpoints are
 * copied already, in the order they were recorded. */
static enum store_status st_copy_records(struct store *s, int64_t from_map,
					 int64_t to_map)
{
	enum store_status st = st_exec(s,
		"INSERT INTO gap (map_id, stage_id, touchpoint_id, description,"
		" severity, status, created) SELECT ?1, " COPY_STAGE ", "
		COPY_TP ", description, severity, status, created FROM gap g"
		" WHERE g.map_id = ?2 ORDER BY g.id", "ii", to_map, from_map);
	if (st != STORE_OK)
		return st;
	return st_exec(s,
		"INSERT INTO silo (map_id, dept_a, dept_b, touchpoint_id,"
		" description, status, created) SELECT ?1, dept_a, dept_b, "
		COPY_TP ", description, status, created FROM silo g"
		" WHERE g.map_id = ?2 ORDER BY g.id", "ii", to_map, from_map);
}

static enum store_status st_copy_touchpoints(struct store *s, int64_t old_stage,
					     int64_t new_stage)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, "SELECT id FROM touchpoint"
					" WHERE stage_id = ? ORDER BY pos", "i",
					old_stage);
	if (st != STORE_OK)
		return st;
	while (st == STORE_OK && st_step(s, stmt, &st) == 1) {
		int64_t old_tp = sqlite3_column_int64(stmt, 0);
		st = st_exec(s, "INSERT INTO touchpoint (stage_id, pos, name,"
			     " channel, notes, emotion, metric_name, metric_value,"
			     " owner_id, rev) SELECT ?, pos, name, channel, notes,"
			     " emotion, metric_name, metric_value, owner_id, ?"
			     " FROM touchpoint WHERE id = ?", "iii", new_stage,
			     s->change, old_tp);
		int64_t new_tp = sqlite3_last_insert_rowid(s->db);
		if (st == STORE_OK)
			st = st_exec(s, "INSERT INTO contributor (touchpoint_id,"
				     " department_id) SELECT ?, department_id"
				     " FROM contributor WHERE touchpoint_id = ?",
				     "ii", new_tp, old_tp);
	}
	sqlite3_finalize(stmt);
	return st;
}

enum store_status store_map_copy(struct store *s, int64_t id,
				 const char *name, int64_t *new_id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	int64_t now = st_now(), to = 0;
	st = st_update(s, "INSERT INTO map (name, persona, scenario, promise,"
		       " created, updated, rev) SELECT ?, persona, scenario,"
		       " promise, ?, ?, ? FROM map WHERE id = ?", "tiiii", name,
		       now, now, s->change, id);
	if (st == STORE_OK)
		to = sqlite3_last_insert_rowid(s->db);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_MAP, to, to, "",
			      name, "");
	sqlite3_stmt *stmt = NULL;
	if (st == STORE_OK)
		st = st_query(s, &stmt, "SELECT id FROM stage WHERE map_id = ?"
			      " ORDER BY pos", "i", id);
	while (st == STORE_OK && st_step(s, stmt, &st) == 1) {
		int64_t old_stage = sqlite3_column_int64(stmt, 0);
		st = st_exec(s, "INSERT INTO stage (map_id, pos, name,"
			     " description, rev) SELECT ?, pos, name, description,"
			     " ? FROM stage WHERE id = ?", "iii", to, s->change,
			     old_stage);
		int64_t new_stage = sqlite3_last_insert_rowid(s->db);
		if (st == STORE_OK)
			st = st_copy_touchpoints(s, old_stage, new_stage);
	}
	sqlite3_finalize(stmt);
	if (st == STORE_OK)
		st = st_copy_records(s, id, to);
	if (st == STORE_OK && new_id)
		*new_id = to;
	return st_end(s, st);
}

enum store_status store_silo_set_created(struct store *s, int64_t id,
					 int64_t created)
{
	return st_set_created(s, "UPDATE silo SET created = ? WHERE id = ?",
			      id, created);
}
