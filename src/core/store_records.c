/* store_records.c - the gaps and silos a person records on a map. */
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
/* gaps and silos */

/* A new gap or silo is placed on its map, or on a stage or touchpoint
 * (0: none) of that same map; the map is marked changed. */
static enum store_status st_record_place(struct store *s, int64_t map_id,
					 int64_t stage_id,
					 int64_t touchpoint_id)
{
	int64_t owner_map = map_id;
	enum store_status st = STORE_OK;
	if (stage_id)
		st = st_stage_map(s, stage_id, &owner_map);
	else if (touchpoint_id)
		st = st_tp_map(s, touchpoint_id, &owner_map);
	if (st == STORE_OK && owner_map != map_id)
		st = STORE_INVALID;
	return st == STORE_OK ? st_touch_map(s, map_id) : st;
}

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
	int64_t gap = 0;
	st = st_record_place(s, map_id, stage_id, touchpoint_id);
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

/* The table of a gap or silo: spliced into the statements below, which
 * are the same for both. */
static const char *st_record_table(enum store_kind kind)
{
	return kind == STORE_KIND_GAP ? "gap" : "silo";
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
	char q[64];
	snprintf(q, sizeof q, "SELECT map_id FROM %s WHERE id = ?",
		 st_record_table(kind));
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

static enum store_status st_record_set_description(struct store *s,
						   enum store_kind kind,
						   int64_t id,
						   const char *description)
{
	enum store_status st = st_check_text(description, true, STORE_TEXT_MAX);
	if (st != STORE_OK)
		return st;
	char sql[64];
	snprintf(sql, sizeof sql, "UPDATE %s SET description = ? WHERE id = ?",
		 st_record_table(kind));
	return st_record_change(s, kind, id, "description", description, sql,
				"ti", description, id);
}

static enum store_status st_record_set_status(struct store *s,
					      enum store_kind kind, int64_t id,
					      enum model_status status)
{
	if (status > MODEL_RESOLVED)
		return STORE_INVALID;
	char sql[64];
	snprintf(sql, sizeof sql, "UPDATE %s SET status = ? WHERE id = ?",
		 st_record_table(kind));
	return st_record_change(s, kind, id, "status", model_status_key(status),
				sql, "di", (int)status, id);
}

static enum store_status st_record_delete(struct store *s,
					  enum store_kind kind, int64_t id)
{
	char sql[48];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE id = ?",
		 st_record_table(kind));
	return st_record_change(s, kind, id, NULL, "", sql, "i", id);
}

enum store_status store_gap_set_description(struct store *s, int64_t id,
					    const char *description)
{
	return st_record_set_description(s, STORE_KIND_GAP, id, description);
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
	return st_record_set_status(s, STORE_KIND_GAP, id, status);
}

enum store_status store_gap_delete(struct store *s, int64_t id)
{
	return st_record_delete(s, STORE_KIND_GAP, id);
}

/* When a record was made (import keeps it): part of adding it, so no
 * history entry of its own. */
static enum store_status st_set_created(struct store *s,
				       enum store_kind kind, int64_t id,
				       int64_t created)
{
	if (created <= 0)
		return STORE_INVALID;
	enum store_status st = store_begin(s);
	if (st != STORE_OK)
		return st;
	char sql[64];
	snprintf(sql, sizeof sql, "UPDATE %s SET created = ? WHERE id = ?",
		 st_record_table(kind));
	return st_end(s, st_update(s, sql, "ii", created, id));
}

enum store_status store_gap_set_created(struct store *s, int64_t id,
					int64_t created)
{
	return st_set_created(s, STORE_KIND_GAP, id, created);
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
	int64_t silo = 0;
	st = st_record_place(s, map_id, 0, touchpoint_id);
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
	return st_record_set_description(s, STORE_KIND_SILO, id, description);
}

enum store_status store_silo_set_status(struct store *s, int64_t id,
					enum model_status status)
{
	return st_record_set_status(s, STORE_KIND_SILO, id, status);
}

enum store_status store_silo_delete(struct store *s, int64_t id)
{
	return st_record_delete(s, STORE_KIND_SILO, id);
}

enum store_status st_restore_gap_row(struct store *s, int64_t map_id,
				     const struct model_gap *g)
{
	return st_exec(s, "INSERT INTO gap (id, map_id, stage_id,"
		       " touchpoint_id, description, severity, status,"
		       " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		       "iinntddi", g->id, map_id, g->stage_id,
		       g->touchpoint_id, g->description, (int)g->severity,
		       (int)g->status, g->created);
}

enum store_status st_restore_silo_row(struct store *s, int64_t map_id,
				      const struct model_silo *o)
{
	return st_exec(s, "INSERT INTO silo (id, map_id, dept_a, dept_b,"
		       " touchpoint_id, description, status, created)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "iiiintdi",
		       o->id, map_id, o->dept_a, o->dept_b,
		       o->touchpoint_id, o->description, (int)o->status,
		       o->created);
}

/* Brings back a gap or a silo (row: its model_gap or model_silo): the
 * rows differ, the change is the same. */
static enum store_status st_record_restore(struct store *s, int64_t map_id,
					   enum store_kind kind, int64_t id,
					   const char *description,
					   const void *row)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = kind == STORE_KIND_GAP
		     ? st_restore_gap_row(s, map_id, row)
		     : st_restore_silo_row(s, map_id, row);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, kind, id, map_id, "",
			      description, "");
	if (st == STORE_INUSE)
		st = STORE_MISSING;
	return st_end(s, st);
}

enum store_status store_gap_restore(struct store *s, int64_t map_id,
				    const struct model_gap *g)
{
	return st_record_restore(s, map_id, STORE_KIND_GAP, g->id,
				 g->description, g);
}

enum store_status store_silo_restore(struct store *s, int64_t map_id,
				     const struct model_silo *o)
{
	return st_record_restore(s, map_id, STORE_KIND_SILO, o->id,
				 o->description, o);
}

enum store_status store_silo_set_created(struct store *s, int64_t id,
					 int64_t created)
{
	return st_set_created(s, STORE_KIND_SILO, id, created);
}
