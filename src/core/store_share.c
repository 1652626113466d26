/* store_share.c - every write as one numbered change with a history
 * entry, and sharing a file: change detection, presence, history, visits. */
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

/* ------------------------------------------------------------------ */
/* changes: every write is one numbered change with a history entry */

#define STORE_KEY(name, key) key,
static const char *const st_kind_keys[] = { STORE_KIND_LIST(STORE_KEY) };
static const char *const st_action_keys[] = { STORE_ACTION_LIST(STORE_KEY) };
#undef STORE_KEY

/* Begins a write and numbers it.  The number is the id of its history
 * entry and the rev it gives every row it changes; taken under the write
 * lock, it grows through the whole file. */
enum store_status st_change_begin(struct store *s)
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
enum store_status st_audit(struct store *s, enum store_action action,
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
enum store_status st_item(struct store *s, enum store_kind kind,
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
		[STORE_KIND_METRIC] = "SELECT name, rev FROM metric WHERE id = ?",
		[STORE_KIND_VOICE] = "SELECT text, rev FROM voice WHERE id = ?",
		[STORE_KIND_ACTION] =
			"SELECT title, rev FROM action WHERE id = ?",
		[STORE_KIND_DECISION] =
			"SELECT finding, 0 FROM decision WHERE id = ?",
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
enum store_status st_item_field(struct store *s, enum store_kind kind,
				int64_t id, int64_t rev,
				const char *field, char **name)
{
	static const char *const sql[] = {
		[STORE_KIND_MAP] = "SELECT 1 FROM map WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_STAGE] =
			"SELECT 1 FROM stage WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_TOUCHPOINT] =
			"SELECT 1 FROM touchpoint WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_METRIC] =
			"SELECT 1 FROM metric WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_VOICE] =
			"SELECT 1 FROM voice WHERE id = ?2 AND rev > ?3",
		[STORE_KIND_ACTION] =
			"SELECT 1 FROM action WHERE id = ?2 AND rev > ?3",
	};
	enum store_status st = st_item(s, kind, id, rev, false, name);
	if (st != STORE_CONFLICT || kind >= sizeof sql / sizeof *sql ||
	    !sql[kind])
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
char *st_dept_name(struct store *s, int64_t id)
{
	char *name = NULL;
	if (id == 0 || st_item(s, STORE_KIND_DEPARTMENT, id, STORE_REV_ANY,
			       false, &name) != STORE_OK)
		return xstrdup("");
	return name;
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
	st_cache_clear(s);	/* the old connection's statements */
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
