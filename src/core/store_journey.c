/* store_journey.c - the stages of a map and their touchpoints, kept in
 * sparse, ordered positions (st_slot). */
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
/* positions: sparse, ordered (store_private.h, ST_POS) */

/* Renumbers the rows of `table` whose `scope` column equals id to
 * ST_POS(0), ST_POS(1)... in their order.  Going through negative
 * numbers keeps the UNIQUE (scope, pos) constraint true throughout. */
static enum store_status st_respace(struct store *s, const char *table,
				    const char *scope, int64_t id)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE %s = ? ORDER BY pos",
		 table, scope);
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, sql, "i", id);
	if (st != STORE_OK)
		return st;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		ids = xgrow(ids, &cap, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	snprintf(sql, sizeof sql, "UPDATE %s SET pos = -pos - 1 WHERE %s = ?",
		 table, scope);
	if (st == STORE_OK)
		st = st_exec(s, sql, "i", id);
	snprintf(sql, sizeof sql, "UPDATE %s SET pos = ? WHERE id = ?", table);
	for (size_t i = 0; st == STORE_OK && i < n; i++)
		st = st_exec(s, sql, "ii", ST_POS(i), ids[i]);
	free(ids);
	return st;
}

/* The position value in `table` of the row at index i of the rows whose
 * `scope` column equals id, other than the row self (0: none); *found
 * says whether there is one. */
static enum store_status st_pos_at(struct store *s, const char *table,
				   const char *scope, int64_t id, int64_t self,
				   int64_t i, int64_t *pos, bool *found)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT pos FROM %s WHERE %s = ? AND id <> ?"
		 " ORDER BY pos LIMIT 1 OFFSET ?", table, scope);
	enum store_status st = st_int(s, pos, sql, "iii", id, self, i);
	*found = st == STORE_OK;
	return st == STORE_MISSING ? STORE_OK : st;
}

/* The position value for a row to take so that it comes at index i
 * (clamped to an append) among the rows of `table` whose `scope` column
 * equals id, other than itself (self; 0 for a new row): halfway between
 * its neighbours' values, or the last's plus ST_POS_GAP.  Without room
 * the scope's rows are respaced first (rare: log2(ST_POS_GAP) inserts at
 * one place).  Only an index range is read: no other row is written. */
enum store_status st_slot(struct store *s, const char *table,
			  const char *scope, int64_t id, int64_t self,
			  size_t i, int64_t *pos)
{
	for (int pass = 0; pass < 2; pass++) {
		int64_t lo = 0, hi = 0;
		bool has_lo = false, has_hi = false;
		uint64_t wide = i;	/* SIZE_MAX, an append, must stay >= 0 */
		int64_t at = wide > INT64_MAX / 2 ? INT64_MAX / 2 : (int64_t)wide;
		enum store_status st = STORE_OK;
		if (at > 0)
			st = st_pos_at(s, table, scope, id, self, at - 1, &lo,
				       &has_lo);
		if (st == STORE_OK && (at == 0 || has_lo))
			st = st_pos_at(s, table, scope, id, self, at, &hi,
				       &has_hi);
		if (st != STORE_OK)
			return st;
		if (!has_lo && at > 0) {	/* past the end: the last */
			char sql[160];
			snprintf(sql, sizeof sql, "SELECT max(pos) FROM %s"
				 " WHERE %s = ? AND id <> ?", table, scope);
			sqlite3_stmt *stmt;
			if ((st = st_query(s, &stmt, sql, "ii", id, self)) !=
			    STORE_OK)
				return st;
			if (st_step(s, stmt, &st) == 1 &&
			    sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
				lo = sqlite3_column_int64(stmt, 0);
				has_lo = true;
			}
			sqlite3_finalize(stmt);
			if (st != STORE_OK)
				return st;
		}
		if (!has_hi && !has_lo) {
			*pos = ST_POS(0);
			return STORE_OK;
		}
		if (!has_hi && lo < INT64_MAX - 2 * ST_POS_GAP) {
			*pos = lo + ST_POS_GAP;
			return STORE_OK;
		}
		if (!has_lo)
			lo = 0;		/* positions stay above 0 */
		if (has_hi && hi - lo >= 2) {
			*pos = lo + (hi - lo) / 2;
			return STORE_OK;
		}
		if (pass == 0 && (st = st_respace(s, table, scope, id)) !=
		    STORE_OK)
			return st;
	}
	return STORE_INVALID;	/* cannot happen after a respacing */
}

/* The index of a row among the rows of its scope: how many come before
 * it (an index range count). */
enum store_status st_index_of(struct store *s, const char *table,
			      const char *scope, int64_t id, int64_t *index)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s x JOIN %s r"
		 " ON x.%s = r.%s AND x.pos < r.pos WHERE r.id = ?", table,
		 table, scope, scope);
	return st_int(s, index, sql, "i", id);
}

/* ------------------------------------------------------------------ */
/* stages */

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
	int64_t p = 0, stage = 0;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_slot(s, "stage", "map_id", map_id, 0, pos, &p);
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

/* Moves a row of an ordered list within its scope to index pos
 * (clamped to the last); *to is the index it ends at. */
static enum store_status st_reorder(struct store *s, const char *table,
				    const char *scope, int64_t scope_id,
				    int64_t id, size_t pos, int64_t *to)
{
	int64_t n = 0, from = 0, p = 0;
	enum store_status st = st_count(s, table, scope, scope_id, &n);
	if (st == STORE_OK)
		st = st_index_of(s, table, scope, id, &from);
	*to = pos < (size_t)n ? (int64_t)pos : n - 1;
	if (st != STORE_OK || *to == from)
		return st;
	st = st_slot(s, table, scope, scope_id, id, (size_t)*to, &p);
	char sql[96];
	snprintf(sql, sizeof sql, "UPDATE %s SET pos = ? WHERE id = ?", table);
	return st == STORE_OK ? st_exec(s, sql, "ii", p, id) : st;
}

enum store_status store_stage_move(struct store *s, int64_t id, int64_t rev,
				   size_t pos)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, to = 0;
	char *name = NULL;
	st = st_stage_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, id, rev, false, &name);
	if (st == STORE_OK)
		st = st_reorder(s, "stage", "map_id", map_id, id, pos, &to);
	if (st == STORE_OK)
		st = st_update(s, "UPDATE stage SET rev = ? WHERE id = ?",
			       "ii", s->change, id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
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
	int64_t map_id = 0, ntp = 0;
	char *name = NULL;
	st = st_stage_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, id, version, true, &name);
	if (st == STORE_OK)
		st = st_count(s, "touchpoint", "stage_id", id, &ntp);
	if (st == STORE_OK)
		st = st_update(s, "DELETE FROM stage WHERE id = ?", "i", id);
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
	int64_t map_id = 0, p = 0, tp = 0;
	char *stage = NULL;
	st = st_stage_map(s, stage_id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, stage_id, STORE_REV_ANY, false,
			     &stage);
	if (st == STORE_OK)
		st = st_slot(s, "touchpoint", "stage_id", stage_id, 0, pos, &p);
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
	};
	static const char *const fields[] = { "name", "channel", "notes" };
	/* schema 5 keeps metrics in their own table (store_item_add) */
	if ((unsigned)f >= sizeof sql / sizeof *sql)
		return STORE_INVALID;
	/* notes are texts; name and channel are names */
	enum store_status st = st_check_text(value, f == STORE_TP_NAME,
					     f == STORE_TP_NOTES ? STORE_TEXT_MAX
								 : STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	struct st_tp_field what = { fields[f], value, 0 };
	return st_tp_change(s, id, rev, &what, sql[f], "ti", value, id);
}

enum store_status store_tp_set_moment(struct store *s, int64_t id, int64_t rev,
				      bool moment)
{
	struct st_tp_field what = { "moment", moment ? "1" : "0", 0 };
	return st_tp_change(s, id, rev, &what, "UPDATE touchpoint SET moment = ?"
			    " WHERE id = ?", "di", (int)moment, id);
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
	int64_t map_id = 0, to_map = 0, from_stage = 0, p = 0, to = 0;
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
	if (st == STORE_OK && from_stage == stage_id) {
		st = st_reorder(s, "touchpoint", "stage_id", stage_id, id, pos,
				&to);
	} else if (st == STORE_OK) {
		/* a value in the new stage; the old one keeps a hole */
		st = st_slot(s, "touchpoint", "stage_id", stage_id, id, pos, &p);
		if (st == STORE_OK)
			st = st_exec(s, "UPDATE touchpoint SET stage_id = ?,"
				     " pos = ? WHERE id = ?", "iii", stage_id,
				     p, id);
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
	int64_t map_id = 0;
	char *name = NULL;
	st = st_tp_map(s, id, &map_id);
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_TOUCHPOINT, id, version, true, &name);
	if (st == STORE_OK)	/* a hole is left: no other row moves */
		st = st_update(s, "DELETE FROM touchpoint WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_DELETE, STORE_KIND_TOUCHPOINT, id,
			      map_id, "", name, "");
	free(name);
	return st_end(s, st);
}

enum store_status st_restore_tp_row(struct store *s, int64_t stage_id,
				    int64_t pos,
				    const struct model_touchpoint *t)
{
	enum store_status st = st_exec(s,
		"INSERT INTO touchpoint (id, stage_id, pos, name, channel, notes,"
		" moment, owner_id, rev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		"iiitttdni", t->id, stage_id, pos, t->name, t->channel, t->notes,
		(int)t->moment, t->owner_id, s->change);
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
	int64_t map_id = 0, p = 0;
	st = st_stage_map(s, stage_id, &map_id);
	char *stage = NULL;
	if (st == STORE_OK)
		st = st_item(s, STORE_KIND_STAGE, stage_id, STORE_REV_ANY, false,
			     &stage);
	if (st == STORE_OK)
		st = st_slot(s, "touchpoint", "stage_id", stage_id, 0, pos, &p);
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
	int64_t p = 0;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_slot(s, "stage", "map_id", map_id, 0, pos, &p);
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO stage (id, map_id, pos, name,"
			     " description, rev) VALUES (?, ?, ?, ?, ?, ?)",
			     "iiitti", sg->id, map_id, p, sg->name,
			     sg->description, s->change);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_STAGE, sg->id,
			      map_id, "", sg->name, "");
	for (size_t i = 0; st == STORE_OK && i < sg->ntouchpoints; i++)
		st = st_restore_tp_row(s, sg->id, ST_POS(i),
				       &sg->touchpoints[i]);
	return st_end(s, st);
}
