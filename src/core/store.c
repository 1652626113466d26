/* store.c - the SQLite map file: opening it, statements, transactions,
 * waiting for locks and the file's identity.  Only src/core/store*.c speak
 * SQL; what they share is in store_private.h.
 *
 * Every statement is prepared and bound; the few statements assembled at
 * run time only splice in fixed table and column names from these files. */
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

#include "core/store_private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

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

uint64_t store_statements(const struct store *s)
{
	return s->statements;
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
char st_open_why[512];

const char *store_why(const struct store *s)
{
	return s ? s->why : st_open_why;
}

/* ------------------------------------------------------------------ */
/* statements */

enum store_status st_status(int rc)
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

enum store_status st_fail(struct store *s, int rc)
{
	snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
	enum store_status st = st_status(rc);
	/* A damaged page: whatever else this session writes could land
	 * next to it (or be built on what it misread), so it writes no more
	 * (store_begin) and the person is sent to `cxmap check`. */
	if (st == STORE_CORRUPT)
		s->damaged = true;
	return st;
}

/* Binds arguments by a type string: 't' text, 'i' int64_t, 'n' int64_t
 * where 0 binds NULL, 'd' int, 'f' double. */
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
		case 'f':
			rc = sqlite3_bind_double(stmt, i, va_arg(ap, double));
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
	s->statements++;
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
enum store_status st_query(struct store *s, sqlite3_stmt **out,
			   const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vprepare(s, out, sql, types, ap);
	va_end(ap);
	return st;
}

/* Steps a query: 1 for a row, 0 when done, or -1 with the status set. */
int st_step(struct store *s, sqlite3_stmt *stmt, enum store_status *st)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	*st = st_fail(s, rc);
	return -1;
}

/* ------------------------------------------------------------------ */
/* the statement cache
 *
 * Preparing costs far more than running the small statements the store
 * is made of (71% of an import's instructions before it was kept), so the
 * statements st_vexec and st_int run -- which never leave this file --
 * are kept per store, found by their SQL text (never by its address: some
 * are assembled in buffers on the stack) and reset after each use.  A
 * slot in use (a statement that ends up running itself again) makes a
 * statement of its own.  Prepared with SQLITE_PREPARE_PERSISTENT; a
 * schema change (a migration) makes SQLite prepare them again by itself.
 * st_cache_clear finalizes them before the connection is closed. */

static uint32_t st_hash(const char *sql)
{
	uint32_t h = 2166136261u;	/* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

void st_cache_clear(struct store *s)
{
	for (size_t i = 0; i < STORE_CACHE_SLOTS; i++) {
		struct st_cached *c = &s->cache[i];
		sqlite3_finalize(c->stmt);
		free(c->sql);
		*c = (struct st_cached){ 0 };
	}
}

/* Like st_vprepare, from the cache: *slot is the statement's slot (NULL
 * for one of its own), to give to st_release. */
static enum store_status st_vprepare_kept(struct store *s, sqlite3_stmt **out,
					  struct st_cached **slot,
					  const char *sql, const char *types,
					  va_list ap)
{
	uint32_t h = st_hash(sql);
	struct st_cached *c = &s->cache[h % STORE_CACHE_SLOTS];
	*slot = NULL;
	if (c->busy)
		return st_vprepare(s, out, sql, types, ap);
	s->statements++;
	if (!c->stmt || c->hash != h || strcmp(c->sql, sql) != 0) {
		sqlite3_finalize(c->stmt);
		free(c->sql);
		*c = (struct st_cached){ 0 };
		int rc = sqlite3_prepare_v3(s->db, sql, -1,
					    SQLITE_PREPARE_PERSISTENT,
					    &c->stmt, NULL);
		if (rc != SQLITE_OK) {
			sqlite3_finalize(c->stmt);
			c->stmt = NULL;
			*out = NULL;
			return st_fail(s, rc);
		}
		c->sql = xstrdup(sql);
		c->hash = h;
	}
	c->busy = true;
	*slot = c;
	*out = c->stmt;
	enum store_status st = st_bind(s, *out, types, ap);
	if (st != STORE_OK) {
		sqlite3_reset(*out);
		sqlite3_clear_bindings(*out);
		c->busy = false;
		*out = NULL;
		*slot = NULL;
	}
	return st;
}

/* Gives back a statement from st_vprepare_kept. */
static void st_release(sqlite3_stmt *stmt, struct st_cached *slot)
{
	if (!slot) {
		sqlite3_finalize(stmt);
		return;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	slot->busy = false;
}

/* Runs a statement that returns no rows; *changes (optional) gets the
 * number of rows it changed. */
enum store_status st_vexec(struct store *s, int *changes,
			   const char *sql, const char *types,
			   va_list ap)
{
	sqlite3_stmt *stmt;
	struct st_cached *slot;
	enum store_status st = st_vprepare_kept(s, &stmt, &slot, sql, types,
						 ap);
	if (st != STORE_OK)
		return st;
	int rc = sqlite3_step(stmt);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(stmt);
	if (rc != SQLITE_DONE)
		st = st_fail(s, rc);
	else if (changes)
		*changes = sqlite3_changes(s->db);
	st_release(stmt, slot);
	return st;
}

enum store_status st_exec(struct store *s, const char *sql,
			  const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vexec(s, NULL, sql, types, ap);
	va_end(ap);
	return st;
}

/* Like st_exec, but STORE_MISSING when no row was changed. */
enum store_status st_update(struct store *s, const char *sql,
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
enum store_status st_int(struct store *s, int64_t *out, const char *sql,
			 const char *types, ...)
{
	sqlite3_stmt *stmt;
	struct st_cached *slot;
	va_list ap;
	va_start(ap, types);
	enum store_status st = st_vprepare_kept(s, &stmt, &slot, sql, types,
						 ap);
	va_end(ap);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 1)
		*out = sqlite3_column_int64(stmt, 0);
	else if (r == 0)
		st = STORE_MISSING;
	st_release(stmt, slot);
	return st;
}

char *st_text(sqlite3_stmt *stmt, int col)
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
void st_busy_bound(struct store *s, int ms)
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
enum store_status st_identity(struct store *s)
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

enum store_status store_begin(struct store *s)
{
	if (s->readonly)
		return STORE_READONLY;
	if (s->damaged)
		return STORE_CORRUPT;
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
		st_cache_clear(s);
		sqlite3_close_v2(s->db);
		s->db = NULL;
		nanosleep(&(struct timespec){ 0, 20 * 1000000L }, NULL);
		st = st_connect(s);
		if (st == STORE_OK)
			st = st_durable(s);
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
enum store_status st_end(struct store *s, enum store_status st)
{
	if (st == STORE_OK)
		return store_commit(s);
	store_rollback(s);
	return st;
}

/* ------------------------------------------------------------------ */
/* opening */

static const char sqlite_magic[16] = "SQLite format 3";

/* Looks at the file before SQLite touches it: anything but an empty file
 * or an SQLite header is refused with the file untouched. */
enum store_status st_sniff(const char *path, bool *empty)
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

/* Syncs the folder of path, making the names made or removed in it
 * durable. */
static bool st_sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1
					  : (size_t)(slash - path))
		    : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return errno != EIO;	/* a folder we may not read: no way */
	bool ok = fsync(fd) == 0 || errno == EINVAL;	/* cannot be synced */
	close(fd);
	return ok;
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

void st_file_sig(const char *path, struct st_sig *sig)
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

bool st_sig_equal(const struct st_sig *a, const struct st_sig *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec &&
	       a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->ctime.tv_sec == b->ctime.tv_sec &&
	       a->ctime.tv_nsec == b->ctime.tv_nsec && a->wal == b->wal;
}

/* An edit is acknowledged once COMMIT returns, so it must survive a
 * power loss from then on: in WAL mode that takes FULL (NORMAL syncs only
 * at checkpoints, and a build may make it the default).  Proved by
 * tests/check_faults.c (test_power_loss_session).  The pragma reads the
 * schema, so behind a lock it waits like any read: its failure is the
 * open's (a wait ignored here would be waited again by the next read,
 * twice the bound; tests/harden.sh). */
enum store_status st_durable(struct store *s)
{
	return st_exec(s, "PRAGMA synchronous = FULL", "");
}

enum store_status st_connect(struct store *s)
{
	/* NOMUTEX: a connection is only ever used by the thread that opened
	 * it, and the mutex around every column read was a seventh of
	 * loading a big map. */
	int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
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
		st_cache_clear(s);
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
	st_cache_clear(s);
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
	st_cache_clear(s);
	int rc = sqlite3_close(s->db);
	s->db = NULL;
	char *wal = xasprintf("%s-wal", s->path);
	bool whole = rc == SQLITE_OK && access(wal, F_OK) != 0;
	free(wal);
	enum store_status st = whole ? st_link(s->path, s->publish_to)
				     : STORE_IO;
	char *dir = xstrdup(s->publish_to);
	store_close(s);	/* removes the temporary name */
	/* the new name is on the disk only once its folder is synced: else
	 * a power loss could take the whole file the person was told had
	 * been made (tests/check_faults.c, test_power_loss_session) */
	if (st == STORE_OK && !st_sync_dir(dir))
		st = STORE_IOUNSURE;
	free(dir);
	return st;
}

/* ------------------------------------------------------------------ */
/* shared helpers for writes */

int64_t st_now(void)
{
	return clock_now();
}

/* Text a person typed or a file brought: well-formed UTF-8, not blank
 * when required, at most max bytes (names: STORE_NAME_MAX). */
enum store_status st_check_text(const char *t, bool required,
				size_t max)
{
	if (!t)
		return STORE_INVALID;
	/* ASCII needs no UTF-8 walk, and a visible first character means
	 * not blank: most texts of a big import are both */
	size_t len = 0;
	bool ascii = true;
	for (; t[len]; len++)
		ascii &= (unsigned char)t[len] < 0x80;
	if (!ascii && !text_utf8_valid(t, len))
		return STORE_INVALID;
	if (required && !(t[0] > 0x20 && t[0] < 0x7f) && text_blank(t))
		return STORE_INVALID;
	return len > max ? STORE_TOOLONG : STORE_OK;
}

enum store_status st_touch_map(struct store *s, int64_t map_id)
{
	return st_update(s, "UPDATE map SET updated = ? WHERE id = ?", "ii",
			 st_now(), map_id);
}

enum store_status st_stage_map(struct store *s, int64_t stage_id,
			       int64_t *map_id)
{
	return st_int(s, map_id, "SELECT map_id FROM stage WHERE id = ?", "i",
		      stage_id);
}

enum store_status st_tp_map(struct store *s, int64_t tp_id,
			    int64_t *map_id)
{
	return st_int(s, map_id,
		      "SELECT s.map_id FROM touchpoint t"
		      " JOIN stage s ON s.id = t.stage_id WHERE t.id = ?",
		      "i", tp_id);
}

/* Sets one text column of one row, giving it the current change as its
 * version.  Column names come from this file only. */
enum store_status st_set_text(struct store *s, const char *table,
			      const char *column, bool has_rev,
			      int64_t id, const char *value)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?1%s WHERE id = ?2",
		 table, column, has_rev ? ", rev = ?3" : "");
	return has_rev ? st_update(s, sql, "tii", value, id, s->change)
		       : st_update(s, sql, "ti", value, id);
}
