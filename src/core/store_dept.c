/* store_dept.c - departments, shared by every map in the file. */
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
		" + (SELECT count(*) FROM silo WHERE dept_a = ?1 OR dept_b = ?1)"
		" + (SELECT count(*) FROM action WHERE owner_id = ?1)",
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
