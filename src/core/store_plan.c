/* store_plan.c - the plan of a map: metrics, voices, actions (one path
 * for the three, their fields as plan.h's texts) and the decisions people
 * take on findings.
 *
 * An item's row is written whole from its model struct (st_plan_write):
 * a set reads the row, puts the one field through plan_put and writes it
 * back, so that the store, the undo and the forms share one text form. */
#include <config.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/store_load.h"
#include "core/store_private.h"
#include "util/xalloc.h"

#define REF_BIT(k) (1u << (k))

static const enum store_kind st_plan_kinds[PLAN_NITEMS] = {
	STORE_KIND_METRIC, STORE_KIND_VOICE, STORE_KIND_ACTION
};
static const char *const st_plan_tables[PLAN_NITEMS] = {
	"metric", "voice", "action"
};
static const size_t st_plan_sizes[PLAN_NITEMS] = {
	sizeof(struct model_metric), sizeof(struct model_voice),
	sizeof(struct model_action)
};

/* ------------------------------------------------------------------ */
/* references */

enum store_status st_ref_check(struct store *s, int64_t map_id,
			       struct model_ref r, unsigned kinds)
{
	static const char *const sql[] = {
		[MODEL_REF_STAGE] = "SELECT map_id FROM stage WHERE id = ?",
		[MODEL_REF_TOUCHPOINT] = "SELECT s.map_id FROM touchpoint t"
			" JOIN stage s ON s.id = t.stage_id WHERE t.id = ?",
		[MODEL_REF_GAP] = "SELECT map_id FROM gap WHERE id = ?",
		[MODEL_REF_SILO] = "SELECT map_id FROM silo WHERE id = ?",
		[MODEL_REF_DEPARTMENT] = "SELECT ?2 FROM department WHERE id = ?1",
		[MODEL_REF_METRIC] = "SELECT map_id FROM metric WHERE id = ?",
		[MODEL_REF_ACTION] = "SELECT map_id FROM action WHERE id = ?",
	};
	if ((unsigned)r.kind > MODEL_REF_ACTION || !(kinds & REF_BIT(r.kind)))
		return STORE_INVALID;
	if (r.kind == MODEL_REF_NONE || r.kind == MODEL_REF_MAP)
		return r.id == 0 || r.id == map_id ? STORE_OK : STORE_INVALID;
	int64_t owner = 0;
	enum store_status st = r.kind == MODEL_REF_DEPARTMENT
		? st_int(s, &owner, sql[r.kind], "ii", r.id, map_id)
		: st_int(s, &owner, sql[r.kind], "i", r.id);
	return st == STORE_OK && owner != map_id ? STORE_INVALID : st;
}

/* A ref's own name for the history ("" for the journey). */
static char *st_ref_name(struct store *s, struct model_ref r)
{
	static const enum store_kind kinds[] = {
		[MODEL_REF_STAGE] = STORE_KIND_STAGE,
		[MODEL_REF_TOUCHPOINT] = STORE_KIND_TOUCHPOINT,
		[MODEL_REF_GAP] = STORE_KIND_GAP,
		[MODEL_REF_SILO] = STORE_KIND_SILO,
		[MODEL_REF_DEPARTMENT] = STORE_KIND_DEPARTMENT,
		[MODEL_REF_METRIC] = STORE_KIND_METRIC,
		[MODEL_REF_ACTION] = STORE_KIND_ACTION,
	};
	char *name = NULL;
	if (r.kind <= MODEL_REF_MAP || (unsigned)r.kind > MODEL_REF_ACTION ||
	    st_item(s, kinds[r.kind], r.id, STORE_REV_ANY, false, &name) !=
	    STORE_OK)
		return xstrdup("");
	return name;
}

/* What an item hangs on: a metric's touchpoint (none: the journey), a
 * voice's `about`, an action's `fixes`. */
static struct model_ref st_plan_parent(enum plan_item k, const void *item)
{
	const struct model_metric *mt = item;
	switch (k) {
	case PLAN_METRIC:
		return mt->touchpoint_id
		       ? (struct model_ref){ MODEL_REF_TOUCHPOINT,
					     mt->touchpoint_id }
		       : (struct model_ref){ MODEL_REF_MAP, 0 };
	case PLAN_VOICE:
		return ((const struct model_voice *)item)->about;
	case PLAN_ACTION:
		return ((const struct model_action *)item)->fixes;
	}
	return (struct model_ref){ MODEL_REF_NONE, 0 };
}

static const unsigned st_plan_parents[PLAN_NITEMS] = {
	REF_BIT(MODEL_REF_MAP) | REF_BIT(MODEL_REF_TOUCHPOINT),
	REF_BIT(MODEL_REF_STAGE) | REF_BIT(MODEL_REF_TOUCHPOINT) |
		REF_BIT(MODEL_REF_GAP),
	REF_BIT(MODEL_REF_NONE) | REF_BIT(MODEL_REF_MAP) |
		REF_BIT(MODEL_REF_GAP) | REF_BIT(MODEL_REF_SILO) |
		REF_BIT(MODEL_REF_TOUCHPOINT),
};

/* The item's id in a ref of one kind, 0 when the ref is of another. */
static int64_t st_ref_id(struct model_ref r, enum model_ref_kind k)
{
	return r.kind == k ? r.id : 0;
}

/* ------------------------------------------------------------------ */
/* checking an item */

/* The longest text of a field: names (a metric's name and unit, an
 * action's title and person) STORE_NAME_MAX, the rest STORE_TEXT_MAX. */
static size_t st_field_max(enum plan_item k, int f)
{
	if ((k == PLAN_METRIC && (f == PLAN_METRIC_NAME ||
				  f == PLAN_METRIC_UNIT)) ||
	    (k == PLAN_ACTION && (f == PLAN_ACTION_TITLE ||
				  f == PLAN_ACTION_PERSON)))
		return STORE_NAME_MAX;
	return STORE_TEXT_MAX;
}

/* One field's text: plan_check's rule, valid UTF-8, not too long. */
static enum store_status st_field_check(enum plan_item k, int f,
					const char *value)
{
	if (!value || plan_check(k, f, value))
		return STORE_INVALID;
	return st_check_text(value, false, st_field_max(k, f));
}

/* Every field of a whole item, as store_item_set would take each. */
static enum store_status st_item_valid(enum plan_item k, const void *item)
{
	const struct model_metric *mt = item;
	const struct model_voice *vc = item;
	const struct model_action *ac = item;
	if ((unsigned)k >= PLAN_NITEMS || !item)
		return STORE_INVALID;
	/* enumerations a key would hide (their keys fall back to the first) */
	if ((k == PLAN_METRIC && ((unsigned)mt->better > MODEL_BETTER_LOWER ||
				  (mt->has_value && !isfinite(mt->value)) ||
				  (mt->has_target && !isfinite(mt->target)) ||
				  !mt->value_text)) ||
	    (k == PLAN_VOICE && (unsigned)vc->kind > MODEL_VOICE_DATA) ||
	    (k == PLAN_ACTION && (unsigned)ac->status > MODEL_ACTION_DROPPED))
		return STORE_INVALID;
	enum store_status st = STORE_OK;
	for (int f = 0; st == STORE_OK && (size_t)f < plan_nfields(k); f++) {
		char *v = plan_get(k, item, f);
		st = st_field_check(k, f, v);
		free(v);
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* writing a row */

/* Inserts (id 0: a new id) or, with `update`, rewrites the item's row,
 * at the change's version.  Parameters are numbered so both statements
 * take the same list. */
static enum store_status st_plan_write(struct store *s, enum plan_item k,
				       int64_t map_id, int64_t id,
				       const void *item, bool update)
{
	const struct model_metric *mt = item;
	const struct model_voice *vc = item;
	const struct model_action *ac = item;
	int64_t created = 0;
	switch (k) {
	case PLAN_METRIC:
		return st_update(s, update
			? "UPDATE metric SET touchpoint_id = ?3, name = ?4,"
			  " value = CASE WHEN ?5 THEN ?6 END, value_text = ?7,"
			  " target = CASE WHEN ?8 THEN ?9 END, unit = ?10,"
			  " better = ?11, measured = ?12, source = ?13,"
			  " rev = ?14 WHERE id = ?1 AND map_id = ?2"
			: "INSERT INTO metric (id, map_id, touchpoint_id, name,"
			  " value, value_text, target, unit, better, measured,"
			  " source, rev) VALUES (?1, ?2, ?3, ?4,"
			  " CASE WHEN ?5 THEN ?6 END, ?7,"
			  " CASE WHEN ?8 THEN ?9 END, ?10, ?11, ?12, ?13, ?14)",
			"nintdftdftdtti", id, map_id, mt->touchpoint_id,
			mt->name, (int)mt->has_value, mt->value,
			mt->has_value ? "" : mt->value_text,
			(int)mt->has_target, mt->target, mt->unit,
			(int)mt->better, mt->measured, mt->source, s->change);
	case PLAN_VOICE:
		return st_update(s, update
			? "UPDATE voice SET stage_id = ?3, touchpoint_id = ?4,"
			  " gap_id = ?5, kind = ?6, text = ?7, source = ?8,"
			  " date = ?9, rev = ?10 WHERE id = ?1 AND map_id = ?2"
			: "INSERT INTO voice (id, map_id, stage_id,"
			  " touchpoint_id, gap_id, kind, text, source, date, rev)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			"ninnndttti", id, map_id,
			st_ref_id(vc->about, MODEL_REF_STAGE),
			st_ref_id(vc->about, MODEL_REF_TOUCHPOINT),
			st_ref_id(vc->about, MODEL_REF_GAP), (int)vc->kind,
			vc->text, vc->source, vc->date, s->change);
	case PLAN_ACTION:
		created = ac->created > 0 ? ac->created : st_now();
		return st_update(s, update
			? "UPDATE action SET gap_id = ?3, silo_id = ?4,"
			  " touchpoint_id = ?5, title = ?6, owner_id = ?7,"
			  " person = ?8, status = ?9, due = ?10, impact = ?11,"
			  " effort = ?12, created = ?13, rev = ?14"
			  " WHERE id = ?1 AND map_id = ?2"
			: "INSERT INTO action (id, map_id, gap_id, silo_id,"
			  " touchpoint_id, title, owner_id, person, status, due,"
			  " impact, effort, created, rev) VALUES (?1, ?2, ?3,"
			  " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
			"ninnntntdtddii", id, map_id,
			st_ref_id(ac->fixes, MODEL_REF_GAP),
			st_ref_id(ac->fixes, MODEL_REF_SILO),
			st_ref_id(ac->fixes, MODEL_REF_TOUCHPOINT), ac->title,
			ac->owner_id, ac->person, (int)ac->status, ac->due,
			ac->impact, ac->effort, created, s->change);
	}
	return STORE_INVALID;
}

/* An action's owner must be a department of the file. */
static enum store_status st_plan_owner(struct store *s, enum plan_item k,
				       const void *item)
{
	const struct model_action *ac = item;
	if (k != PLAN_ACTION || !ac->owner_id)
		return STORE_OK;
	return st_item(s, STORE_KIND_DEPARTMENT, ac->owner_id, STORE_REV_ANY,
		       false, NULL);
}

/* The item's own name: a metric's name, a voice's text, an action's
 * title. */
static const char *st_plan_name(enum plan_item k, const void *item)
{
	switch (k) {
	case PLAN_METRIC: return ((const struct model_metric *)item)->name;
	case PLAN_VOICE: return ((const struct model_voice *)item)->text;
	case PLAN_ACTION: return ((const struct model_action *)item)->title;
	}
	return "";
}

/* Writes a new or restored item (id 0: new) with its history entry: the
 * item's name and its parent's (what it was added to). */
static enum store_status st_plan_insert(struct store *s, enum plan_item k,
					int64_t map_id, int64_t id,
					const void *item, int64_t *out)
{
	struct model_ref parent = st_plan_parent(k, item);
	enum store_status st = st_ref_check(s, map_id, parent,
					    st_plan_parents[k]);
	/* a new item's parent that is not there is not one of the map's */
	if (st == STORE_MISSING && !id)
		st = STORE_INVALID;
	if (st == STORE_OK)
		st = st_plan_owner(s, k, item);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_plan_write(s, k, map_id, id, item, false);
	if (st == STORE_INUSE)	/* a foreign key: something has gone */
		st = STORE_MISSING;
	int64_t new_id = id ? id : sqlite3_last_insert_rowid(s->db);
	if (st == STORE_OK) {
		char *where = st_ref_name(s, parent);
		st = st_audit(s, STORE_ACTION_ADD, st_plan_kinds[k], new_id,
			      map_id, "", st_plan_name(k, item), where);
		free(where);
	}
	if (st == STORE_OK && out)
		*out = new_id;
	return st;
}

/* An item as part of a bigger change (store_map_insert, store_map_copy):
 * checked as store_item_add checks it, but for its parent, which the
 * caller has just written (its id is 0 when not), written at the
 * change's version with no history entry of its own. */
enum store_status st_plan_row(struct store *s, enum plan_item k,
			      int64_t map_id, const void *item, int64_t *id)
{
	enum store_status st = st_item_valid(k, item);
	/* the parent is a row store_map_insert has just written into this
	 * map (it gives 0 for any other): the kind is all to check, with no
	 * query per row (a tenth of importing 2,500 metrics) */
	struct model_ref r = st_plan_parent(k, item);
	if (st == STORE_OK &&
	    ((unsigned)r.kind > MODEL_REF_ACTION ||
	     !(st_plan_parents[k] & REF_BIT(r.kind)) ||
	     (r.kind > MODEL_REF_MAP ? r.id == 0 : r.id != 0)))
		st = STORE_INVALID;
	if (st == STORE_OK)
		st = st_plan_owner(s, k, item);
	if (st == STORE_OK)
		st = st_plan_write(s, k, map_id, 0, item, false);
	if (st == STORE_INUSE)
		st = STORE_MISSING;
	if (st == STORE_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return st;
}

enum store_status store_item_add(struct store *s, enum plan_item k,
				 int64_t map_id, const void *item,
				 int64_t *id)
{
	enum store_status st = st_item_valid(k, item);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	return st_end(s, st_plan_insert(s, k, map_id, 0, item, id));
}

enum store_status store_item_restore(struct store *s, enum plan_item k,
				     int64_t map_id, const void *item)
{
	enum store_status st = st_item_valid(k, item);
	if (st != STORE_OK)
		return st;
	/* the id comes first in each struct */
	int64_t id = *(const int64_t *)item;
	if (id <= 0)
		return STORE_INVALID;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	st = st_plan_insert(s, k, map_id, id, item, NULL);
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* reading items */

#define ST_METRIC_COLS "id, touchpoint_id, name, value, value_text, target," \
	" unit, better, measured, source, rev, map_id"
static enum store_status st_row_metric(struct store *s, sqlite3_stmt *stmt,
				       struct model_metric *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(stmt, 0);
	v->touchpoint_id = sqlite3_column_int64(stmt, 1);
	v->rev = sqlite3_column_int64(stmt, 10);
	int better = 0;
	enum store_status st = st_col_texts(s, stmt, 2, "metric", v->id,
		(const char *const[]){ "name" }, (char **const[]){ &v->name },
		1);
	enum store_status st2 = st_col_texts(s, stmt, 8, "metric", v->id,
		(const char *const[]){ "measured", "source" },
		(char **const[]){ &v->measured, &v->source }, 2);
	enum store_status st3 = st_col_texts(s, stmt, 4, "metric", v->id,
		(const char *const[]){ "value_text" },
		(char **const[]){ &v->value_text }, 1);
	enum store_status st4 = st_col_texts(s, stmt, 6, "metric", v->id,
		(const char *const[]){ "unit" }, (char **const[]){ &v->unit },
		1);
	st = st != STORE_OK ? st : st2 != STORE_OK ? st2
	   : st3 != STORE_OK ? st3 : st4;
	if (st == STORE_OK)
		st = st_col_real(s, stmt, 3, "metric", v->id, "value",
				 &v->has_value, &v->value);
	if (st == STORE_OK)
		st = st_col_real(s, stmt, 5, "metric", v->id, "target",
				 &v->has_target, &v->target);
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 7, "metric", v->id, "better", 0, 1,
				  &better);
	v->better = (enum model_better)better;
	return st;
}

#define ST_VOICE_COLS "id, stage_id, touchpoint_id, gap_id, kind, text," \
	" source, date, rev, map_id"
static enum store_status st_row_voice(struct store *s, sqlite3_stmt *stmt,
				      struct model_voice *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(stmt, 0);
	v->rev = sqlite3_column_int64(stmt, 8);
	static const enum model_ref_kind refs[] = {
		MODEL_REF_STAGE, MODEL_REF_TOUCHPOINT, MODEL_REF_GAP
	};
	for (int i = 0; i < 3; i++)
		if (sqlite3_column_type(stmt, 1 + i) != SQLITE_NULL &&
		    v->about.kind == MODEL_REF_NONE)
			v->about = (struct model_ref){
				refs[i], sqlite3_column_int64(stmt, 1 + i) };
	int kind = 0;
	enum store_status st = st_col_texts(s, stmt, 5, "voice", v->id,
		(const char *const[]){ "text", "source", "date" },
		(char **const[]){ &v->text, &v->source, &v->date }, 3);
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 4, "voice", v->id, "kind", 0,
				  MODEL_VOICE_DATA, &kind);
	v->kind = (enum model_voice_kind)kind;
	return st;
}

#define ST_ACTION_COLS "id, gap_id, silo_id, touchpoint_id, title, owner_id," \
	" person, status, due, impact, effort, created, rev, map_id"
static enum store_status st_row_action(struct store *s, sqlite3_stmt *stmt,
				       struct model_action *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(stmt, 0);
	v->owner_id = sqlite3_column_int64(stmt, 5);
	v->created = sqlite3_column_int64(stmt, 11);
	v->rev = sqlite3_column_int64(stmt, 12);
	v->fixes = (struct model_ref){ MODEL_REF_MAP, 0 };
	static const enum model_ref_kind refs[] = {
		MODEL_REF_GAP, MODEL_REF_SILO, MODEL_REF_TOUCHPOINT
	};
	for (int i = 2; i >= 0; i--)
		if (sqlite3_column_type(stmt, 1 + i) != SQLITE_NULL)
			v->fixes = (struct model_ref){
				refs[i], sqlite3_column_int64(stmt, 1 + i) };
	int status = 0;
	enum store_status st = st_col_texts(s, stmt, 4, "action", v->id,
		(const char *const[]){ "title" }, (char **const[]){ &v->title },
		1);
	enum store_status st2 = st_col_texts(s, stmt, 6, "action", v->id,
		(const char *const[]){ "person" },
		(char **const[]){ &v->person }, 1);
	enum store_status st3 = st_col_texts(s, stmt, 8, "action", v->id,
		(const char *const[]){ "due" }, (char **const[]){ &v->due }, 1);
	st = st != STORE_OK ? st : st2 != STORE_OK ? st2 : st3;
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 7, "action", v->id, "status", 0,
				  MODEL_ACTION_DROPPED, &status);
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 9, "action", v->id, "impact", 1, 3,
				  &v->impact);
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 10, "action", v->id, "effort", 1, 3,
				  &v->effort);
	v->status = (enum model_action_status)status;
	return st;
}

#define ST_DECISION_COLS "id, finding, a_kind, a_id, b_kind, b_id, decision," \
	" reason, login, at, map_id"
static enum store_status st_row_decision(struct store *s, sqlite3_stmt *stmt,
					 struct model_decision *v)
{
	memset(v, 0, sizeof *v);
	v->id = sqlite3_column_int64(stmt, 0);
	v->at = sqlite3_column_int64(stmt, 9);
	enum store_status st = st_col_texts(s, stmt, 7, "decision", v->id,
		(const char *const[]){ "reason", "login" },
		(char **const[]){ &v->reason, &v->who }, 2);
	enum store_status st2 = st_col_texts(s, stmt, 1, "decision", v->id,
		(const char *const[]){ "finding" },
		(char **const[]){ &v->finding }, 1);
	if (st == STORE_OK)
		st = st2;
	int kind = 0, decision = 0;
	for (int i = 0; i < 2; i++) {
		if (st == STORE_OK)
			st = st_col_range(s, stmt, 2 + 2 * i, "decision", v->id,
					  i ? "b_kind" : "a_kind", 0,
					  MODEL_REF_ACTION, &kind);
		v->subject[i] = (struct model_ref){
			(enum model_ref_kind)kind,
			sqlite3_column_int64(stmt, 3 + 2 * i) };
	}
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 6, "decision", v->id, "decision", 0,
				  MODEL_DECISION_DISMISSED, &decision);
	v->decision = (enum model_decision_kind)decision;
	return st;
}

static enum store_status st_row_item(struct store *s, enum plan_item k,
				     sqlite3_stmt *stmt, void *item)
{
	switch (k) {
	case PLAN_METRIC: return st_row_metric(s, stmt, item);
	case PLAN_VOICE: return st_row_voice(s, stmt, item);
	case PLAN_ACTION: return st_row_action(s, stmt, item);
	}
	return STORE_INVALID;
}

static void st_clear_item(enum plan_item k, void *item)
{
	switch (k) {
	case PLAN_METRIC: model_metric_clear(item); break;
	case PLAN_VOICE: model_voice_clear(item); break;
	case PLAN_ACTION: model_action_clear(item); break;
	}
}

static const char *const st_item_select[PLAN_NITEMS][2] = {
	{ "SELECT " ST_METRIC_COLS " FROM metric WHERE map_id = ? ORDER BY id",
	  "SELECT " ST_METRIC_COLS " FROM metric WHERE id = ?" },
	{ "SELECT " ST_VOICE_COLS " FROM voice WHERE map_id = ? ORDER BY id",
	  "SELECT " ST_VOICE_COLS " FROM voice WHERE id = ?" },
	{ "SELECT " ST_ACTION_COLS " FROM action WHERE map_id = ? ORDER BY id",
	  "SELECT " ST_ACTION_COLS " FROM action WHERE id = ?" },
};

/* Map columns, by kind: where map_id is in each SELECT above. */
static const int st_item_map_col[PLAN_NITEMS] = { 11, 9, 13 };

/* One item by id (an allocated struct of kind k in *item, cleared and
 * freed by the caller) and its map; STORE_MISSING when there is none. */
static enum store_status st_read_item(struct store *s, enum plan_item k,
				      int64_t id, void *item, int64_t *map_id)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, st_item_select[k][1], "i",
					id);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 0)
		st = STORE_MISSING;
	if (r == 1) {
		st = st_row_item(s, k, stmt, item);
		*map_id = sqlite3_column_int64(stmt, st_item_map_col[k]);
	}
	sqlite3_finalize(stmt);
	return st;
}

enum store_status store_load_items(struct store *s, int64_t map_id,
				   enum plan_item k, void **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if ((unsigned)k >= PLAN_NITEMS)
		return STORE_INVALID;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, st_item_select[k][0], "i",
					map_id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0, size = st_plan_sizes[k];
	char *v = NULL;
	while (st_step(s, stmt, &st) == 1) {
		v = xgrow(v, &cap, *n + 1, size);
		st = st_row_item(s, k, stmt, v + size * (*n)++);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	if (st != STORE_OK) {
		for (size_t i = 0; i < *n; i++)
			st_clear_item(k, v + size * i);
		free(v);
		*n = 0;
		return st;
	}
	*out = v;
	return STORE_OK;
}

enum store_status store_load_item(struct store *s, enum plan_item k,
				  int64_t id, void *item, int64_t *map_id)
{
	if ((unsigned)k >= PLAN_NITEMS)
		return STORE_INVALID;
	s->why[0] = '\0';
	return st_read_item(s, k, id, item, map_id);
}

/* Whether a decision's subject (kind column k, id column i) still
 * exists: one that does not is kept but not loaded, and counts again
 * when undo brings the subject back under its id. */
#define ST_LIVE(k, i) \
	"(CASE " k " WHEN 2 THEN EXISTS (SELECT 1 FROM stage WHERE id = " i ")" \
	" WHEN 3 THEN EXISTS (SELECT 1 FROM touchpoint WHERE id = " i ")" \
	" WHEN 4 THEN EXISTS (SELECT 1 FROM gap WHERE id = " i ")" \
	" WHEN 5 THEN EXISTS (SELECT 1 FROM silo WHERE id = " i ")" \
	" WHEN 6 THEN EXISTS (SELECT 1 FROM department WHERE id = " i ")" \
	" WHEN 7 THEN EXISTS (SELECT 1 FROM metric WHERE id = " i ")" \
	" WHEN 8 THEN EXISTS (SELECT 1 FROM action WHERE id = " i ")" \
	" ELSE 1 END)"

enum store_status store_load_decisions(struct store *s, int64_t map_id,
				       struct model_decision **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, "SELECT " ST_DECISION_COLS
		" FROM decision d WHERE map_id = ? AND "
		ST_LIVE("d.a_kind", "d.a_id") " AND "
		ST_LIVE("d.b_kind", "d.b_id") " ORDER BY id", "i", map_id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		st = st_row_decision(s, stmt, &(*out)[(*n)++]);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	if (st != STORE_OK) {
		for (size_t i = 0; i < *n; i++)
			model_decision_clear(&(*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return st;
}

/* The four lists of m->id into m (store_map_load). */
enum store_status st_load_plan(struct store *s, struct model_map *m)
{
	void *v = NULL;
	size_t n = 0;
	enum store_status st = store_load_items(s, m->id, PLAN_METRIC, &v, &n);
	m->metrics = v;
	m->nmetrics = n;
	if (st == STORE_OK)
		st = store_load_items(s, m->id, PLAN_VOICE, &v, &n);
	if (st == STORE_OK) {
		m->voices = v;
		m->nvoices = n;
		st = store_load_items(s, m->id, PLAN_ACTION, &v, &n);
	}
	if (st == STORE_OK) {
		m->actions = v;
		m->nactions = n;
		st = store_load_decisions(s, m->id, &m->decisions,
					  &m->ndecisions);
	}
	return st;
}

/* ------------------------------------------------------------------ */
/* changing and deleting items */

enum store_status store_item_set(struct store *s, enum plan_item k,
				 int64_t id, int64_t rev, int field,
				 const char *value)
{
	if ((unsigned)k >= PLAN_NITEMS)
		return STORE_INVALID;
	enum store_status st = st_field_check(k, field, value);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	const char *key = plan_field_key(k, field);
	void *item = xcalloc(1, st_plan_sizes[k]);
	int64_t map_id = 0;
	char *name = NULL, *dept = NULL;
	st = st_item_field(s, st_plan_kinds[k], id, rev, key, &name);
	if (st == STORE_OK)
		st = st_read_item(s, k, id, item, &map_id);
	if (st == STORE_OK && !plan_put(k, item, field, value))
		st = STORE_INVALID;
	if (st == STORE_OK)
		st = st_plan_owner(s, k, item);
	if (st == STORE_OK)
		st = st_plan_write(s, k, map_id, id, item, true);
	if (st == STORE_INUSE)
		st = STORE_MISSING;
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	/* the history names an owner, as it does a touchpoint's */
	if (st == STORE_OK && k == PLAN_ACTION && field == PLAN_ACTION_OWNER)
		dept = st_dept_name(s, ((struct model_action *)item)->owner_id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_CHANGE, st_plan_kinds[k], id,
			      map_id, key, name, dept ? dept : value);
	free(dept);
	free(name);
	st_clear_item(k, item);
	free(item);
	return st_end(s, st);
}

enum store_status store_item_delete(struct store *s, enum plan_item k,
				    int64_t id, int64_t rev)
{
	if ((unsigned)k >= PLAN_NITEMS)
		return STORE_INVALID;
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	char q[64];
	snprintf(q, sizeof q, "SELECT map_id FROM %s WHERE id = ?",
		 st_plan_tables[k]);
	int64_t map_id = 0;
	char *name = NULL;
	st = st_item(s, st_plan_kinds[k], id, rev < 0 ? STORE_REV_ANY : rev,
		     false, &name);
	if (st == STORE_OK)
		st = st_int(s, &map_id, q, "i", id);
	snprintf(q, sizeof q, "DELETE FROM %s WHERE id = ?", st_plan_tables[k]);
	if (st == STORE_OK)
		st = st_update(s, q, "i", id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_DELETE, st_plan_kinds[k], id,
			      map_id, "", name, "");
	free(name);
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* decisions */

static enum store_status st_decision_valid(const struct model_decision *d)
{
	if (!d || (unsigned)d->decision > MODEL_DECISION_DISMISSED)
		return STORE_INVALID;
	enum store_status st = st_check_text(d->finding, true, STORE_NAME_MAX);
	if (st == STORE_OK)
		st = st_check_text(d->reason ? d->reason : "", false,
				   STORE_TEXT_MAX);
	if (st == STORE_OK)
		st = st_check_text(d->who ? d->who : "", false, STORE_NAME_MAX);
	return st;
}

/* Writes a decision (id 0: new), its subjects checked against the map;
 * no history entry (st_decision_insert writes one). */
static enum store_status st_decision_write(struct store *s, int64_t map_id,
					   int64_t id,
					   const struct model_decision *d)
{
	const unsigned any = ~REF_BIT(MODEL_REF_NONE) &
			     (REF_BIT(MODEL_REF_ACTION + 1) - 1);
	enum store_status st = STORE_OK;
	for (int i = 0; st == STORE_OK && i < 2; i++)
		if (d->subject[i].kind != MODEL_REF_NONE || d->subject[i].id)
			st = st_ref_check(s, map_id, d->subject[i], any);
	if (st == STORE_MISSING)
		st = STORE_INVALID;
	/* the journey as a subject is id 0, whatever the model held */
	int64_t ids[2];
	for (int i = 0; i < 2; i++)
		ids[i] = d->subject[i].kind > MODEL_REF_MAP ? d->subject[i].id : 0;
	if (st == STORE_OK)
		st = st_exec(s, "INSERT INTO decision (id, map_id, finding, a_kind,"
			     " a_id, b_kind, b_id, decision, reason, login, at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			     "nitdididtti", id, map_id, d->finding,
			     (int)d->subject[0].kind, ids[0],
			     (int)d->subject[1].kind, ids[1], (int)d->decision,
			     d->reason ? d->reason : "",
			     d->who && *d->who ? d->who : s->user,
			     d->at > 0 ? d->at : st_now());
	return st;
}

enum store_status st_decision_row(struct store *s, int64_t map_id,
				  const struct model_decision *d)
{
	enum store_status st = st_decision_valid(d);
	return st == STORE_OK ? st_decision_write(s, map_id, 0, d) : st;
}

/* Writes a decision (id 0: new) with its history entry: the finding's
 * key as the name, the decision's key as the value. */
static enum store_status st_decision_insert(struct store *s, int64_t map_id,
					    int64_t id,
					    const struct model_decision *d,
					    int64_t *out)
{
	enum store_status st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_decision_write(s, map_id, id, d);
	int64_t new_id = id ? id : sqlite3_last_insert_rowid(s->db);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_DECISION, new_id,
			      map_id, "", d->finding,
			      plan_decision_key(d->decision));
	if (st == STORE_OK && out)
		*out = new_id;
	return st;
}

enum store_status store_decision_add(struct store *s, int64_t map_id,
				     const struct model_decision *d,
				     int64_t *id)
{
	enum store_status st = st_decision_valid(d);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	return st_end(s, st_decision_insert(s, map_id, 0, d, id));
}

enum store_status store_decision_restore(struct store *s, int64_t map_id,
					 const struct model_decision *d)
{
	enum store_status st = st_decision_valid(d);
	if (st == STORE_OK && d->id <= 0)
		st = STORE_INVALID;
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	return st_end(s, st_decision_insert(s, map_id, d->id, d, NULL));
}

enum store_status store_decision_delete(struct store *s, int64_t id)
{
	enum store_status st = st_change_begin(s);
	if (st != STORE_OK)
		return st;
	int64_t map_id = 0, kind = 0;
	char *name = NULL;
	st = st_item(s, STORE_KIND_DECISION, id, STORE_REV_ANY, false, &name);
	if (st == STORE_OK)
		st = st_int(s, &map_id, "SELECT map_id FROM decision WHERE id = ?",
			    "i", id);
	if (st == STORE_OK)
		st = st_int(s, &kind, "SELECT decision FROM decision WHERE id = ?",
			    "i", id);
	if (st == STORE_OK)
		st = st_update(s, "DELETE FROM decision WHERE id = ?", "i", id);
	if (st == STORE_OK)
		st = st_touch_map(s, map_id);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_DELETE, STORE_KIND_DECISION, id,
			      map_id, "", name,
			      plan_decision_key((enum model_decision_kind)kind));
	free(name);
	return st_end(s, st);
}

/* A whole map's plan back under its own ids (store_map_restore): its
 * stages, touchpoints, gaps and silos are back already. */
enum store_status st_restore_plan_rows(struct store *s,
				       const struct model_map *m)
{
	enum store_status st = STORE_OK;
	for (size_t i = 0; st == STORE_OK && i < m->nmetrics; i++)
		st = st_plan_write(s, PLAN_METRIC, m->id, m->metrics[i].id,
				   &m->metrics[i], false);
	for (size_t i = 0; st == STORE_OK && i < m->nvoices; i++)
		st = st_plan_write(s, PLAN_VOICE, m->id, m->voices[i].id,
				   &m->voices[i], false);
	for (size_t i = 0; st == STORE_OK && i < m->nactions; i++)
		st = st_plan_write(s, PLAN_ACTION, m->id, m->actions[i].id,
				   &m->actions[i], false);
	for (size_t i = 0; st == STORE_OK && i < m->ndecisions; i++)
		st = st_decision_write(s, m->id, m->decisions[i].id,
				       &m->decisions[i]);
	return st;
}
