/* store_map.c - maps: the list, creating, changing, deleting, loading a
 * whole map into the model, restoring and duplicating one. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/store_load.h"
#include "core/store_private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

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

/* Ids, names and row versions only: what picking a map needs, without
 * counting every map's rows (store_map_list reads every map's stages,
 * touchpoints, gaps and silos). */
enum store_status store_map_names(struct store *s,
				  struct store_map_info **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT id, name, rev FROM map ORDER BY name, id", "");
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	int r;
	while ((r = st_step(s, stmt, &st)) == 1) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		struct store_map_info *mi = &(*out)[(*n)++];
		*mi = (struct store_map_info){
			.id = sqlite3_column_int64(stmt, 0),
			.name = st_text(stmt, 1),
			.rev = sqlite3_column_int64(stmt, 2),
		};
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
					       "promise", "journey_owner",
					       "cx_lead", "success" };
	if ((unsigned)f >= sizeof columns / sizeof *columns)
		return STORE_INVALID;
	/* the owner and the CX lead are people's names */
	bool named = f == STORE_MAP_NAME || f == STORE_MAP_OWNER ||
		     f == STORE_MAP_CX_LEAD;
	enum store_status st = st_check_text(value, f == STORE_MAP_NAME,
					     named ? STORE_NAME_MAX
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
enum store_status st_col_range(struct store *s, sqlite3_stmt *stmt,
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

/* A number column that may be NULL (*has false): finite. */
enum store_status st_col_real(struct store *s, sqlite3_stmt *stmt, int col,
			      const char *table, int64_t id,
			      const char *column, bool *has, double *out)
{
	int type = sqlite3_column_type(stmt, col);
	*has = false;
	*out = 0;
	if (type == SQLITE_NULL)
		return STORE_OK;
	double v = sqlite3_column_double(stmt, col);
	if ((type == SQLITE_FLOAT || type == SQLITE_INTEGER) && isfinite(v)) {
		*has = true;
		*out = v;
		return STORE_OK;
	}
	return st_bad_value(s, stmt, col, table, id, column, _("a number"));
}

/* UTF-8 without NUL bytes; most text is ASCII, checked a byte at a time
 * here rather than a call per character. */
static bool st_text_ok(const char *t, size_t n)
{
	const uint64_t ones = UINT64_C(0x0101010101010101),
		       highs = UINT64_C(0x8080808080808080);
	size_t i = 0;
	/* eight bytes at a time while none is 0 or above 0x7f */
	for (uint64_t w; i + 8 <= n; i += 8) {
		memcpy(&w, t + i, 8);
		if ((w | ((w - ones) & ~w)) & highs)
			break;
	}
	while (i < n && (unsigned char)t[i] - 1u < 0x7fu)
		i++;
	return i == n || (!memchr(t + i, '\0', n - i) &&
			  text_utf8_valid(t + i, n - i));
}

/* A text column: UTF-8 without NUL bytes, as every writer checks. */
static enum store_status st_col_text(struct store *s, sqlite3_stmt *stmt,
				     int col, const char *table, int64_t id,
				     const char *column, char **out)
{
	const char *t = (const char *)sqlite3_column_text(stmt, col);
	size_t n = (size_t)sqlite3_column_bytes(stmt, col);
	if (!t || !st_text_ok(t, n))
		return st_bad_value(s, stmt, col, table, id, column,
				    _("text (UTF-8)"));
	char *v = xmalloc(n + 1);
	memcpy(v, t, n + 1);
	*out = v;
	return STORE_OK;
}

/* Several text columns in a row, first..first+n-1, into out[]. */
enum store_status st_col_texts(struct store *s, sqlite3_stmt *stmt,
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

/* The row readers: each takes the columns of its SELECT below, from 0. */

#define ST_DEPT_COLS "d.id, d.name, d.label, d.colour"
static enum store_status st_row_dept(struct store *s, sqlite3_stmt *stmt,
				     struct model_department *d)
{
	d->id = sqlite3_column_int64(stmt, 0);
	enum store_status st = st_col_texts(s, stmt, 1, "department", d->id,
		(const char *const[]){ "name", "label" },
		(char **const[]){ &d->name, &d->label }, 2);
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 3, "department", d->id, "colour", 0,
				  MODEL_COLOURS - 1, &d->colour);
	return st;
}

#define ST_STAGE_COLS "s.id, s.name, s.description, s.rev, s.map_id"
static enum store_status st_row_stage(struct store *s, sqlite3_stmt *stmt,
				      struct model_stage *sg)
{
	memset(sg, 0, sizeof *sg);
	sg->id = sqlite3_column_int64(stmt, 0);
	sg->rev = sqlite3_column_int64(stmt, 3);
	return st_col_texts(s, stmt, 1, "stage", sg->id,
			    (const char *const[]){ "name", "description" },
			    (char **const[]){ &sg->name, &sg->description }, 2);
}

/* A touchpoint's texts in one allocation, one after the other from
 * t->name (model_touchpoint_clear frees them as one): a fifth of the
 * mallocs of a large map, and their overhead.  False, and nothing
 * allocated, when one is not valid text. */
static bool st_tp_texts_packed(sqlite3_stmt *stmt, struct model_touchpoint *t)
{
	static const int col[] = { 2, 3, 4 };
	char **const out[] = { &t->name, &t->channel, &t->notes };
	const char *v[3];
	size_t len[3], total = 0;
	for (int i = 0; i < 3; i++) {
		v[i] = (const char *)sqlite3_column_text(stmt, col[i]);
		len[i] = (size_t)sqlite3_column_bytes(stmt, col[i]);
		if (!v[i] || !st_text_ok(v[i], len[i]))
			return false;
		total += len[i] + 1;
	}
	char *p = xmalloc(total);
	for (int i = 0; i < 3; i++) {
		*out[i] = p;
		memcpy(p, v[i], len[i]);
		p[len[i]] = '\0';
		p += len[i] + 1;
	}
	t->packed = true;
	return true;
}

#define ST_TP_COLS "t.id, t.stage_id, t.name, t.channel, t.notes," \
	" t.emotion, t.moment, t.owner_id, t.rev"
static enum store_status st_row_tp(struct store *s, sqlite3_stmt *stmt,
				   struct model_touchpoint *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(stmt, 0);
	t->stage_id = sqlite3_column_int64(stmt, 1);
	t->owner_id = sqlite3_column_int64(stmt, 7);
	t->rev = sqlite3_column_int64(stmt, 8);
	enum store_status st = STORE_OK;
	if (!st_tp_texts_packed(stmt, t)) {	/* a bad one: say which */
		st = st_col_texts(s, stmt, 2, "touchpoint", t->id,
			(const char *const[]){ "name", "channel", "notes" },
			(char **const[]){ &t->name, &t->channel, &t->notes }, 3);
	}
	t->has_emotion = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
	if (st == STORE_OK && t->has_emotion)
		st = st_col_range(s, stmt, 5, "touchpoint", t->id, "emotion",
				  MODEL_EMOTION_MIN, MODEL_EMOTION_MAX,
				  &t->emotion);
	int moment = 0;
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 6, "touchpoint", t->id, "moment",
				  0, 1, &moment);
	t->moment = moment;
	return st;
}

#define ST_GAP_COLS "id, stage_id, touchpoint_id, description, severity," \
	" status, created, map_id"
static enum store_status st_row_gap(struct store *s, sqlite3_stmt *stmt,
				    struct model_gap *g)
{
	memset(g, 0, sizeof *g);
	g->id = sqlite3_column_int64(stmt, 0);
	g->stage_id = sqlite3_column_int64(stmt, 1);
	g->touchpoint_id = sqlite3_column_int64(stmt, 2);
	g->created = sqlite3_column_int64(stmt, 6);
	int sev = 0, status = 0;
	enum store_status st = st_col_text(s, stmt, 3, "gap", g->id,
					   "description", &g->description);
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
	return st;
}

#define ST_SILO_COLS "id, dept_a, dept_b, touchpoint_id, description," \
	" status, created, map_id"
static enum store_status st_row_silo(struct store *s, sqlite3_stmt *stmt,
				     struct model_silo *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(stmt, 0);
	o->dept_a = sqlite3_column_int64(stmt, 1);
	o->dept_b = sqlite3_column_int64(stmt, 2);
	o->touchpoint_id = sqlite3_column_int64(stmt, 3);
	o->created = sqlite3_column_int64(stmt, 6);
	int status = 0;
	enum store_status st = st_col_text(s, stmt, 4, "silo", o->id,
					   "description", &o->description);
	if (st == STORE_OK)
		st = st_col_range(s, stmt, 5, "silo", o->id, "status",
				  MODEL_OPEN, MODEL_RESOLVED, &status);
	o->status = (enum model_status)status;
	if (!o->description)
		o->description = xstrdup("");
	return st;
}

static int st_dept_cmp(const void *x, const void *y)
{
	const struct model_department *a = x, *b = y;
	int d = text_collate(a->name, b->name);
	return d ? d : (a->id > b->id) - (a->id < b->id);
}

static void st_depts_free(struct model_department *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].label);
	}
	free(v);
}

/* All the file's departments, in the locale's order, into m (whatever it
 * held is freed). */
enum store_status store_load_departments(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT " ST_DEPT_COLS " FROM department d", "");
	if (st != STORE_OK)
		return st;
	struct model_department *v = NULL;
	size_t n = 0, cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		v = xgrow(v, &cap, n + 1, sizeof *v);
		st = st_row_dept(s, stmt, &v[n++]);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	if (st != STORE_OK) {
		st_depts_free(v, n);
		return st;
	}
	if (n)
		qsort(v, n, sizeof *v, st_dept_cmp);
	st_depts_free(m->departments, m->ndepartments);
	m->departments = v;
	m->ndepartments = n;
	return STORE_OK;
}

static enum store_status st_load_stages(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT " ST_STAGE_COLS " FROM stage s WHERE s.map_id = ?"
		" ORDER BY s.pos", "i", m->id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		m->stages = xgrow(m->stages, &cap, m->nstages + 1,
				  sizeof *m->stages);
		st = st_row_stage(s, stmt, &m->stages[m->nstages++]);
		if (st != STORE_OK)
			break;
	}
	sqlite3_finalize(stmt);
	return st;
}

/* Appends a touchpoint row to its stage's array (cap: that array's). */
static struct model_touchpoint *st_tp_slot(struct model_stage *sg,
					   size_t *cap)
{
	sg->touchpoints = xgrow(sg->touchpoints, cap, sg->ntouchpoints + 1,
				sizeof *sg->touchpoints);
	return &sg->touchpoints[sg->ntouchpoints++];
}

/* A stage's array to its size once read: the doubling leaves up to
 * half of it unused, which a map of 100k touchpoints would keep. */
static void st_tp_fit(struct model_stage *sg, size_t cap)
{
	if (sg->ntouchpoints < cap)
		sg->touchpoints = xrealloc(sg->touchpoints, sg->ntouchpoints *
					   sizeof *sg->touchpoints);
}

/* Touchpoints come in journey order (stage, then position: the two
 * indexes' order, no sorting), so each stage's run is contiguous: into
 * the map's stages v[0..nv), or with `one` into the one stage v. */
static enum store_status st_load_touchpoints(struct store *s,
					     const struct model_map *m,
					     struct model_stage *v, size_t nv,
					     bool one)
{
	if (nv == 0 || !v)
		return STORE_OK;	/* no stage, so no touchpoint either */
	struct model_stage *only = one ? v : NULL;
	sqlite3_stmt *stmt;
	enum store_status st = only
		? st_query(s, &stmt, "SELECT " ST_TP_COLS " FROM touchpoint t"
			   " WHERE t.stage_id = ? ORDER BY t.pos", "i", only->id)
		: st_query(s, &stmt, "SELECT " ST_TP_COLS " FROM stage s"
			   " JOIN touchpoint t ON t.stage_id = s.id"
			   " WHERE s.map_id = ? ORDER BY s.pos, t.pos", "i",
			   m->id);
	if (st != STORE_OK)
		return st;
	size_t si = 0, cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		int64_t stage_id = sqlite3_column_int64(stmt, 1);
		while (si < nv && v[si].id != stage_id) {
			st_tp_fit(&v[si++], cap);
			cap = 0;
		}
		if (si == nv) {
			st = STORE_CORRUPT;
			break;
		}
		st = st_row_tp(s, stmt, st_tp_slot(&v[si], &cap));
		if (st != STORE_OK)
			break;
	}
	if (si < nv)
		st_tp_fit(&v[si], cap);
	sqlite3_finalize(stmt);
	return st;
}

/* Contributors are kept in their departments' name order (bytes, then
 * id): a department's rank in that order. */
struct st_rank {
	int64_t id;
	const char *name;
	size_t rank;
};

static int st_rank_name_cmp(const void *x, const void *y)
{
	const struct st_rank *a = x, *b = y;
	int d = strcmp(a->name, b->name);
	return d ? d : (a->id > b->id) - (a->id < b->id);
}

static int st_rank_id_cmp(const void *x, const void *y)
{
	const struct st_rank *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

static struct st_rank *st_ranks(const struct model_map *m)
{
	struct st_rank *r = xcalloc(m->ndepartments + 1, sizeof *r);
	for (size_t i = 0; i < m->ndepartments; i++)
		r[i] = (struct st_rank){ m->departments[i].id,
					 m->departments[i].name, 0 };
	qsort(r, m->ndepartments, sizeof *r, st_rank_name_cmp);
	for (size_t i = 0; i < m->ndepartments; i++)
		r[i].rank = i;
	qsort(r, m->ndepartments, sizeof *r, st_rank_id_cmp);
	return r;
}

static size_t st_rank_of(const struct st_rank *r, size_t n, int64_t id)
{
	struct st_rank key = { id, NULL, 0 };
	const struct st_rank *p = bsearch(&key, r, n, sizeof key,
					  st_rank_id_cmp);
	return p ? p->rank : n;
}

/* A touchpoint's few contributors, into their departments' order. */
static void st_sort_contributors(struct model_touchpoint *t,
				 const struct st_rank *r, size_t n)
{
	for (size_t i = 1; i < t->ncontributors; i++) {
		int64_t d = t->contributors[i];
		size_t k = st_rank_of(r, n, d), j = i;
		for (; j > 0 && st_rank_of(r, n, t->contributors[j - 1]) > k;
		     j--)
			t->contributors[j] = t->contributors[j - 1];
		t->contributors[j] = d;
	}
}

/* Sorts every touchpoint's contributors of v[0..nv). */
static void st_sort_all_contributors(const struct model_map *m,
				     struct model_stage *v, size_t nv)
{
	struct st_rank *r = st_ranks(m);
	for (size_t i = 0; i < nv; i++)
		for (size_t j = 0; j < v[i].ntouchpoints; j++)
			if (v[i].touchpoints[j].ncontributors > 1)
				st_sort_contributors(&v[i].touchpoints[j], r,
						     m->ndepartments);
	free(r);
}

/* Appends a contributor to t (cap: t's array, 0 for a new t). */
static void st_contributor_add(struct model_touchpoint *t, size_t *cap,
			       int64_t dept)
{
	if (t->ncontributors + 1 > *cap) {	/* most have one or two */
		*cap = *cap ? 2 * *cap : 2;
		t->contributors = xrealloc(t->contributors,
					   *cap * sizeof *t->contributors);
	}
	t->contributors[t->ncontributors++] = dept;
}

/* The contributors of the touchpoints of v[0..nv) (the map's stages, or
 * with `one` the one stage v, read whole for a patch), in journey order:
 * the rows come in the touchpoints' order, so both are walked together. */
static enum store_status st_walk_contributors(struct store *s,
					      const struct model_map *m,
					      struct model_stage *v, size_t nv,
					      bool one)
{
	sqlite3_stmt *stmt;
	enum store_status st = one
		? st_query(s, &stmt, "SELECT c.touchpoint_id, c.department_id"
			   " FROM touchpoint t JOIN contributor c"
			   " ON c.touchpoint_id = t.id WHERE t.stage_id = ?"
			   " ORDER BY t.pos", "i", v->id)
		: st_query(s, &stmt, "SELECT c.touchpoint_id, c.department_id"
			   " FROM stage s JOIN touchpoint t ON t.stage_id = s.id"
			   " JOIN contributor c ON c.touchpoint_id = t.id"
			   " WHERE s.map_id = ? ORDER BY s.pos, t.pos", "i",
			   m->id);
	if (st != STORE_OK)
		return st;
	size_t si = 0, ti = 0, cap = 0;
	struct model_touchpoint *t = NULL;
	while (st_step(s, stmt, &st) == 1) {
		int64_t tp = sqlite3_column_int64(stmt, 0);
		while ((!t || t->id != tp) && si < nv) {
			if (ti < v[si].ntouchpoints) {
				t = &v[si].touchpoints[ti++];
				cap = 0;
			} else {
				si++;
				ti = 0;
			}
		}
		if (!t || t->id != tp) {
			st = STORE_CORRUPT;
			break;
		}
		st_contributor_add(t, &cap, sqlite3_column_int64(stmt, 1));
	}
	sqlite3_finalize(stmt);
	return st;
}

/* The contributors of a whole map.  When the map's touchpoint ids lie
 * close together (as they do in a map made at once or imported): one
 * walk along the table's key over that range -- no lookup per touchpoint
 * -- each row attached through a table by id, rows of other maps' ids
 * passed over.  Else the walk in journey order above. */
static enum store_status st_load_contributors(struct store *s,
					      struct model_map *m)
{
	int64_t lo = INT64_MAX, hi = 0;
	size_t n = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++, n++) {
			int64_t id = m->stages[i].touchpoints[j].id;
			lo = id < lo ? id : lo;
			hi = id > hi ? id : hi;
		}
	if (n == 0)
		return STORE_OK;
	/* in unsigned arithmetic: a damaged file's ids may be INT64_MIN */
	if ((uint64_t)hi - (uint64_t)lo >= 4 * (uint64_t)n)
		return st_walk_contributors(s, m, m->stages, m->nstages, false);
	size_t span = (size_t)((uint64_t)hi - (uint64_t)lo) + 1;
	struct model_touchpoint **byid = xcalloc(span, sizeof *byid);
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			struct model_touchpoint *t = &m->stages[i].touchpoints[j];
			byid[t->id - lo] = t;
		}
	sqlite3_stmt *stmt = NULL;
	enum store_status st = st_query(s, &stmt,
		"SELECT touchpoint_id, department_id FROM contributor"
		" WHERE touchpoint_id BETWEEN ? AND ?", "ii", lo, hi);
	struct model_touchpoint *t = NULL;
	size_t cap = 0;
	while (st == STORE_OK && st_step(s, stmt, &st) == 1) {
		struct model_touchpoint *now =
			byid[sqlite3_column_int64(stmt, 0) - lo];
		if (now != t) {
			t = now;
			cap = 0;
		}
		if (t)
			st_contributor_add(t, &cap,
					   sqlite3_column_int64(stmt, 1));
	}
	if (stmt)
		sqlite3_finalize(stmt);
	free(byid);
	return st;
}

static bool st_gap_before(const struct model_gap *a, const struct model_gap *b)
{
	return a->created < b->created ||
	       (a->created == b->created && a->id < b->id);
}

static int st_gap_cmp(const void *x, const void *y)
{
	return st_gap_before(x, y) ? -1 : st_gap_before(y, x);
}

static bool st_silo_before(const struct model_silo *a,
			   const struct model_silo *b)
{
	return a->created < b->created ||
	       (a->created == b->created && a->id < b->id);
}

static int st_silo_cmp(const void *x, const void *y)
{
	return st_silo_before(x, y) ? -1 : st_silo_before(y, x);
}

/* Gaps and silos come in id order (the map index's, no sorting) and are
 * kept by creation, which is nearly always the same: sorted only when
 * not. */
static enum store_status st_load_gaps(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, "SELECT " ST_GAP_COLS
		" FROM gap WHERE map_id = ? ORDER BY id", "i", m->id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	bool sorted = true;
	while (st_step(s, stmt, &st) == 1) {
		m->gaps = xgrow(m->gaps, &cap, m->ngaps + 1, sizeof *m->gaps);
		struct model_gap *g = &m->gaps[m->ngaps++];
		st = st_row_gap(s, stmt, g);
		if (st != STORE_OK)
			break;
		sorted &= m->ngaps == 1 || st_gap_before(g - 1, g);
	}
	sqlite3_finalize(stmt);
	if (!sorted)
		qsort(m->gaps, m->ngaps, sizeof *m->gaps, st_gap_cmp);
	return st;
}

static enum store_status st_load_silos(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, "SELECT " ST_SILO_COLS
		" FROM silo WHERE map_id = ? ORDER BY id", "i", m->id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	bool sorted = true;
	while (st_step(s, stmt, &st) == 1) {
		m->silos = xgrow(m->silos, &cap, m->nsilos + 1,
				 sizeof *m->silos);
		struct model_silo *o = &m->silos[m->nsilos++];
		st = st_row_silo(s, stmt, o);
		if (st != STORE_OK)
			break;
		sorted &= m->nsilos == 1 || st_silo_before(o - 1, o);
	}
	sqlite3_finalize(stmt);
	if (!sorted)
		qsort(m->silos, m->nsilos, sizeof *m->silos, st_silo_cmp);
	return st;
}

/* The map row's own fields into m (what m held is freed). */
enum store_status store_load_map_row(struct store *s, struct model_map *m)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT name, persona, scenario, promise, journey_owner, cx_lead,"
		" success, created, updated, rev FROM map WHERE id = ?", "i",
		m->id);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 0)
		st = STORE_MISSING;
	if (r == 1) {
		char *v[7];
		st = st_col_texts(s, stmt, 0, "map", m->id,
				  (const char *const[]){ "name", "persona",
							 "scenario", "promise",
							 "journey_owner",
							 "cx_lead", "success" },
				  (char **const[]){ &v[0], &v[1], &v[2], &v[3],
						    &v[4], &v[5], &v[6] },
				  7);
		char **to[] = { &m->name, &m->persona, &m->scenario,
				&m->promise, &m->owner, &m->cx_lead,
				&m->success };
		for (int i = 0; i < 7; i++) {
			free(*to[i]);
			*to[i] = v[i];
		}
		m->created = sqlite3_column_int64(stmt, 7);
		m->updated = sqlite3_column_int64(stmt, 8);
		m->rev = sqlite3_column_int64(stmt, 9);
	}
	sqlite3_finalize(stmt);
	return st;
}

/* A read transaction, so that what is read together is one snapshot
 * even while others write; nothing when a transaction is open. */
enum store_status store_read_begin(struct store *s, bool *began)
{
	*began = s->depth == 0;
	return *began ? st_exec(s, "BEGIN", "") : STORE_OK;
}

void store_read_end(struct store *s, bool began)
{
	if (began)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

/* The ids a query with one id parameter gives, in its order. */
static enum store_status st_ids(struct store *s, int64_t **out, size_t *n,
				const char *sql, int64_t id)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, sql, "i", id);
	if (st != STORE_OK)
		return st;
	size_t cap = 0;
	while (st_step(s, stmt, &st) == 1) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = sqlite3_column_int64(stmt, 0);
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
	st = store_load_map_row(s, m);
	if (st == STORE_OK)
		st = store_load_departments(s, m);
	if (st == STORE_OK)
		st = st_load_stages(s, m);
	if (st == STORE_OK)
		st = st_load_touchpoints(s, m, m->stages, m->nstages, false);
	if (st == STORE_OK)
		st = st_load_contributors(s, m);
	if (st == STORE_OK)
		st_sort_all_contributors(m, m->stages, m->nstages);
	if (st == STORE_OK)
		st = st_load_gaps(s, m);
	if (st == STORE_OK)
		st = st_load_silos(s, m);
	if (st == STORE_OK)
		st = st_load_plan(s, m);
	store_read_end(s, own);
	if (st != STORE_OK) {
		model_map_free(m);
		return st;
	}
	/* the pages just read are in the model now: hand SQLite's page
	 * cache (2 MiB when full) back before the analysis needs memory */
	sqlite3_db_release_memory(s->db);
	model_reindex(m);
	*out = m;
	return STORE_OK;
}

/* ------------------------------------------------------------------ */
/* loading parts of a map (model_patch.c) */

enum store_status store_load_stage_ids(struct store *s, int64_t map_id,
				       int64_t **ids, size_t *n)
{
	return st_ids(s, ids, n, "SELECT id FROM stage WHERE map_id = ?"
		      " ORDER BY pos", map_id);
}

enum store_status store_load_tp_count(struct store *s, int64_t stage_id,
				      size_t *n)
{
	int64_t v = 0;
	enum store_status st = st_int(s, &v, "SELECT count(*) FROM touchpoint"
				      " WHERE stage_id = ?", "i", stage_id);
	*n = (size_t)v;
	return st;
}

enum store_status store_load_tp_ids(struct store *s, int64_t stage_id,
				    int64_t **ids, size_t *n)
{
	return st_ids(s, ids, n, "SELECT id FROM touchpoint WHERE stage_id = ?"
		      " ORDER BY pos", stage_id);
}

/* One row by id through a reader; STORE_MISSING when there is none.
 * map_id gets column map_col, and map_id[1] the one after it when the
 * query has one. */
static enum store_status st_load_one(struct store *s, const char *sql,
				     int64_t id, int map_col, int64_t *map_id,
				     enum store_status (*row)(struct store *,
							      sqlite3_stmt *,
							      void *),
				     void *out)
{
	sqlite3_stmt *stmt;
	s->why[0] = '\0';
	enum store_status st = st_query(s, &stmt, sql, "i", id);
	if (st != STORE_OK)
		return st;
	int r = st_step(s, stmt, &st);
	if (r == 0)
		st = STORE_MISSING;
	if (r == 1) {
		st = row(s, stmt, out);
		/* the map, and for a touchpoint its position after it */
		*map_id = sqlite3_column_int64(stmt, map_col);
		if (sqlite3_column_count(stmt) > map_col + 1)
			map_id[1] = sqlite3_column_int64(stmt, map_col + 1);
	}
	sqlite3_finalize(stmt);
	return st;
}

static enum store_status st_row_stage_v(struct store *s, sqlite3_stmt *stmt,
					void *out)
{
	return st_row_stage(s, stmt, out);
}

static enum store_status st_row_tp_v(struct store *s, sqlite3_stmt *stmt,
				     void *out)
{
	return st_row_tp(s, stmt, out);
}

static enum store_status st_row_gap_v(struct store *s, sqlite3_stmt *stmt,
				      void *out)
{
	return st_row_gap(s, stmt, out);
}

static enum store_status st_row_silo_v(struct store *s, sqlite3_stmt *stmt,
				       void *out)
{
	return st_row_silo(s, stmt, out);
}

/* A stage's row; with `whole` its touchpoints and their contributors too
 * (m gives the departments' order).  On failure *sg holds what was read,
 * for model_stage_clear. */
enum store_status store_load_stage(struct store *s, const struct model_map *m,
				   int64_t id, bool whole,
				   struct model_stage *sg, int64_t *map_id)
{
	enum store_status st = st_load_one(s, "SELECT " ST_STAGE_COLS
		" FROM stage s WHERE s.id = ?", id, 4, map_id, st_row_stage_v,
		sg);
	if (st == STORE_OK && whole)
		st = st_load_touchpoints(s, m, sg, 1, true);
	if (st == STORE_OK && whole)
		st = st_walk_contributors(s, m, sg, 1, true);
	if (st == STORE_OK && whole)
		st_sort_all_contributors(m, sg, 1);
	return st;
}

/* A touchpoint with its contributors (in m's departments' order) and the
 * map it is in. */
enum store_status store_load_touchpoint(struct store *s,
					const struct model_map *m, int64_t id,
					struct model_touchpoint *t,
					int64_t *map_id, size_t *pos)
{
	int64_t place[2] = { 0, 0 };	/* the map, the index */
	/* positions are sparse: the index is how many come before it */
	enum store_status st = st_load_one(s, "SELECT " ST_TP_COLS ", s.map_id,"
		" (SELECT count(*) FROM touchpoint x WHERE x.stage_id ="
		" t.stage_id AND x.pos < t.pos) FROM touchpoint t"
		" JOIN stage s ON s.id = t.stage_id"
		" WHERE t.id = ?", id, 9, place, st_row_tp_v, t);
	*map_id = place[0];
	*pos = (size_t)place[1];
	if (st != STORE_OK)
		return st;
	int64_t *v = NULL;
	size_t n = 0;
	st = st_ids(s, &v, &n, "SELECT department_id FROM contributor"
		    " WHERE touchpoint_id = ?", id);
	t->contributors = v;
	t->ncontributors = n;
	if (st == STORE_OK && n > 1) {
		struct st_rank *r = st_ranks(m);
		st_sort_contributors(t, r, m->ndepartments);
		free(r);
	}
	return st;
}

enum store_status store_load_gap(struct store *s, int64_t id,
				 struct model_gap *g, int64_t *map_id)
{
	return st_load_one(s, "SELECT " ST_GAP_COLS " FROM gap WHERE id = ?",
			   id, 7, map_id, st_row_gap_v, g);
}

enum store_status store_load_silo(struct store *s, int64_t id,
				  struct model_silo *o, int64_t *map_id)
{
	return st_load_one(s, "SELECT " ST_SILO_COLS " FROM silo WHERE id = ?",
			   id, 7, map_id, st_row_silo_v, o);
}

/* One change: the map row, its stages, touchpoints, contributors, gaps,
 * silos and plan under their own ids, every row at the change's
 * version. */
enum store_status store_map_restore(struct store *s, const struct model_map *m)
{
	enum store_status st = st_check_text(m->name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = st_change_begin(s)) != STORE_OK)
		return st;
	st = st_exec(s, "INSERT INTO map (id, name, persona, scenario, promise,"
		     " journey_owner, cx_lead, success, created, updated, rev)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		     "ittttttt" "iii", m->id, m->name, m->persona, m->scenario,
		     m->promise, st_or_empty(m->owner), st_or_empty(m->cx_lead),
		     st_or_empty(m->success), m->created, st_now(), s->change);
	if (st == STORE_OK)
		st = st_audit(s, STORE_ACTION_ADD, STORE_KIND_MAP, m->id, m->id,
			      "", m->name, "");
	for (size_t i = 0; st == STORE_OK && i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		st = st_exec(s, "INSERT INTO stage (id, map_id, pos, name,"
			     " description, rev) VALUES (?, ?, ?, ?, ?, ?)",
			     "iiitti", sg->id, m->id, ST_POS(i), sg->name,
			     sg->description, s->change);
		for (size_t j = 0; st == STORE_OK && j < sg->ntouchpoints; j++)
			st = st_restore_tp_row(s, sg->id, ST_POS(j),
					       &sg->touchpoints[j]);
	}
	for (size_t i = 0; st == STORE_OK && i < m->ngaps; i++)
		st = st_restore_gap_row(s, m->id, &m->gaps[i]);
	for (size_t i = 0; st == STORE_OK && i < m->nsilos; i++)
		st = st_restore_silo_row(s, m->id, &m->silos[i]);
	if (st == STORE_OK)
		st = st_restore_plan_rows(s, m);
	if (st == STORE_INUSE)	/* a department has gone meanwhile */
		st = STORE_MISSING;
	return st_end(s, st);
}

/* ------------------------------------------------------------------ */
/* duplicating a map */

/* The map as it loads, written again under a new name by the importer's
 * path (store_map_insert), in one transaction: every reference of its
 * plan -- a metric's touchpoint, a voice's stage, touchpoint or gap, an
 * action's gap, silo or touchpoint, a decision's subjects -- comes to
 * name the copy's own items.  Departments are shared. */
enum store_status store_map_copy(struct store *s, int64_t id,
				 const char *name, int64_t *new_id)
{
	enum store_status st = st_check_text(name, true, STORE_NAME_MAX);
	if (st != STORE_OK)
		return st;
	if ((st = store_begin(s)) != STORE_OK)
		return st;
	struct model_map *m = NULL;
	int64_t *depts = NULL;
	st = store_map_load(s, id, &m);
	if (st == STORE_OK) {
		depts = xcalloc(m->ndepartments + 1, sizeof *depts);
		for (size_t i = 0; i < m->ndepartments; i++)
			depts[i] = m->departments[i].id;
		st = store_map_insert(s, m, name, depts, new_id);
	}
	free(depts);
	model_map_free(m);
	return st_end(s, st);
}
