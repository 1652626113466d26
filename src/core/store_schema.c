/* store_schema.c - the schema, its migrations and the checks that a
 * file is one cxmap can open. */
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
	/* 3 -> 4: sparse positions, so that an insert writes one row, not
	 * every later one (store.c, st_slot): the dense 0..n-1 become
	 * (pos + 1) * 1024 (ST_POS), through negative numbers so that
	 * UNIQUE (scope, pos) holds after every row.  A cxmap of version 3
	 * would take these values as indexes, so it must refuse the file
	 * ("made by a newer cxmap"), as the version number makes it. */
	"UPDATE stage SET pos = -pos - 1;"
	"UPDATE stage SET pos = -pos * 1024;"
	"UPDATE touchpoint SET pos = -pos - 1;"
	"UPDATE touchpoint SET pos = -pos * 1024;",
	/* 4 -> 5: the plan (issue 13): metrics, voices, actions and the
	 * decisions on findings, the journey's owner, CX lead and definition
	 * of success, moments of truth.  An item goes with the touchpoint,
	 * stage, gap or silo it belongs to; an action's owner cannot be
	 * deleted while it owns one.  A decision names its finding's
	 * subjects by kind (model_ref_kind) and id, without a foreign key:
	 * it is kept when a subject is deleted (ids are never reused) and
	 * matches again when undo brings the subject back.  st_migrate_plan
	 * then turns each touchpoint's free-text metric into a metric row
	 * and drops the two old columns. */
	"ALTER TABLE map ADD COLUMN journey_owner TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE map ADD COLUMN cx_lead TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE map ADD COLUMN success TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE touchpoint ADD COLUMN moment INTEGER NOT NULL DEFAULT 0"
	"  CHECK (moment IN (0, 1));"
	"CREATE TABLE metric ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  value REAL,"
	"  value_text TEXT NOT NULL DEFAULT '',"
	"  target REAL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  better INTEGER NOT NULL DEFAULT 0 CHECK (better IN (0, 1)),"
	"  measured TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL DEFAULT '',"
	"  rev INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX metric_map ON metric(map_id);"
	"CREATE INDEX metric_touchpoint ON metric(touchpoint_id);"
	"CREATE TABLE voice ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  stage_id INTEGER REFERENCES stage(id) ON DELETE CASCADE,"
	"  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,"
	"  gap_id INTEGER REFERENCES gap(id) ON DELETE CASCADE,"
	"  kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 3),"
	"  text TEXT NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  date TEXT NOT NULL DEFAULT '',"
	"  rev INTEGER NOT NULL DEFAULT 0,"
	"  CHECK ((stage_id IS NOT NULL) + (touchpoint_id IS NOT NULL)"
	"    + (gap_id IS NOT NULL) = 1));"
	"CREATE INDEX voice_map ON voice(map_id);"
	"CREATE INDEX voice_stage ON voice(stage_id);"
	"CREATE INDEX voice_touchpoint ON voice(touchpoint_id);"
	"CREATE INDEX voice_gap ON voice(gap_id);"
	"CREATE TABLE action ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  gap_id INTEGER REFERENCES gap(id) ON DELETE CASCADE,"
	"  silo_id INTEGER REFERENCES silo(id) ON DELETE CASCADE,"
	"  touchpoint_id INTEGER REFERENCES touchpoint(id) ON DELETE CASCADE,"
	"  title TEXT NOT NULL,"
	"  owner_id INTEGER REFERENCES department(id) ON DELETE RESTRICT,"
	"  person TEXT NOT NULL DEFAULT '',"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status BETWEEN 0 AND 4),"
	"  due TEXT NOT NULL DEFAULT '',"
	"  impact INTEGER NOT NULL DEFAULT 2 CHECK (impact BETWEEN 1 AND 3),"
	"  effort INTEGER NOT NULL DEFAULT 2 CHECK (effort BETWEEN 1 AND 3),"
	"  created INTEGER NOT NULL,"
	"  rev INTEGER NOT NULL DEFAULT 0,"
	"  CHECK ((gap_id IS NOT NULL) + (silo_id IS NOT NULL)"
	"    + (touchpoint_id IS NOT NULL) <= 1));"
	"CREATE INDEX action_map ON action(map_id);"
	"CREATE INDEX action_gap ON action(gap_id);"
	"CREATE INDEX action_silo ON action(silo_id);"
	"CREATE INDEX action_touchpoint ON action(touchpoint_id);"
	"CREATE INDEX action_owner ON action(owner_id);"
	"CREATE TABLE decision ("
	"  id INTEGER PRIMARY KEY AUTOINCREMENT,"
	"  map_id INTEGER NOT NULL REFERENCES map(id) ON DELETE CASCADE,"
	"  finding TEXT NOT NULL,"
	"  a_kind INTEGER NOT NULL DEFAULT 0 CHECK (a_kind BETWEEN 0 AND 8),"
	"  a_id INTEGER NOT NULL DEFAULT 0,"
	"  b_kind INTEGER NOT NULL DEFAULT 0 CHECK (b_kind BETWEEN 0 AND 8),"
	"  b_id INTEGER NOT NULL DEFAULT 0,"
	"  decision INTEGER NOT NULL CHECK (decision IN (0, 1)),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  login TEXT NOT NULL DEFAULT '',"
	"  at INTEGER NOT NULL,"
	"  UNIQUE (map_id, finding, a_kind, a_id, b_kind, b_id));",
};

/* 4 -> 5, after the SQL above: each touchpoint's metric_name and
 * metric_value become a metric of that touchpoint (both empty: none; no
 * name: "Metric"), the value through plan_put so that a number becomes a
 * number and other text stays text; then the old columns go.  A cxmap of
 * version 4 refuses the file by its version number. */
static enum store_status st_migrate_plan(struct store *s)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt,
		"SELECT t.id, s.map_id, t.metric_name, t.metric_value"
		" FROM touchpoint t JOIN stage s ON s.id = t.stage_id"
		" WHERE t.metric_name <> '' OR t.metric_value <> ''"
		" ORDER BY s.map_id, s.pos, t.pos", "");
	if (st != STORE_OK)
		return st;
	while (st == STORE_OK && st_step(s, stmt, &st) == 1) {
		struct model_metric v;
		plan_init(PLAN_METRIC, &v);
		const char *name = (const char *)sqlite3_column_text(stmt, 2);
		const char *value = (const char *)sqlite3_column_text(stmt, 3);
		plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME,
			 name && *name ? name : "Metric");
		plan_put(PLAN_METRIC, &v, PLAN_METRIC_VALUE, value ? value : "");
		st = st_exec(s, "INSERT INTO metric (map_id, touchpoint_id, name,"
			     " value, value_text, rev) VALUES (?, ?, ?,"
			     " CASE WHEN ? THEN ? END, ?, 0)", "iitdft",
			     sqlite3_column_int64(stmt, 1),
			     sqlite3_column_int64(stmt, 0), v.name,
			     (int)v.has_value, v.value, v.value_text);
		model_metric_clear(&v);
	}
	sqlite3_finalize(stmt);
	if (st == STORE_OK)
		st = st_exec(s, "ALTER TABLE touchpoint DROP COLUMN metric_name",
			     "");
	if (st == STORE_OK)
		st = st_exec(s, "ALTER TABLE touchpoint DROP COLUMN metric_value",
			     "");
	return st;
}

/* Brings the schema up to date in one transaction.  The version is read
 * again inside it, so two processes opening a new file at once agree. */
enum store_status st_migrate(struct store *s)
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
		if (st == STORE_OK && v == 4)
			st = st_migrate_plan(s);
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

/* What the first line of quick_check means.  A page it could not read
 * is reported as a line ("... unable to get the page. error code=266"),
 * not as a failed step: a disk that fails to read is not a damaged file,
 * and the person must not be told so (tests/check_faults.c). */
enum store_status st_check_verdict(const char *line)
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

/* Whether the file looks damaged, from its 100-byte header and its size
 * alone (no page is read): the signs that open runs `PRAGMA quick_check`
 * on (doc/DESIGN.md, "Safety rules in the store").
 *  - The header's page count times its page size is not the file's size
 *    (a file cut short, or grown by a copy gone wrong).  The count is
 *    SQLite's own only when the header marks it valid (offset 92 equals
 *    the change counter at 24), and a non-empty -wal may hold pages the
 *    file has yet to get, so then the size says nothing.
 *  - More free pages (offset 36) than pages, or the first free page
 *    (offset 32) past the end.
 * Reads at open that SQLite reports as SQLITE_CORRUPT (the schema's
 * page, the header) and tables that are not those of the schema version
 * (st_schema) refuse the file on their own. */
static uint32_t st_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

bool st_looks_wrong(struct store *s)
{
	/* Read through SQLite's own handle: closing a descriptor of our own
	 * would drop every POSIX lock this process holds on the file, and
	 * with them the shared lock that keeps another process from
	 * deleting the -wal under this one. */
	sqlite3_file *f = NULL;
	unsigned char h[100];
	sqlite3_int64 size = 0;
	if (sqlite3_file_control(s->db, "main", SQLITE_FCNTL_FILE_POINTER,
				 &f) != SQLITE_OK || !f || !f->pMethods ||
	    f->pMethods->xFileSize(f, &size) != SQLITE_OK || size == 0)
		return false;	/* new, or SQLite will say */
	if (size < (sqlite3_int64)sizeof h)
		return true;	/* SQLite's header, cut short */
	if (f->pMethods->xRead(f, h, sizeof h, 0) != SQLITE_OK)
		return false;
	uint32_t page = (uint32_t)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	uint32_t pages = st_be32(h + 28);
	if (pages == 0 || st_be32(h + 92) != st_be32(h + 24))
		return false;	/* no valid count in the header */
	if (st_be32(h + 36) > pages || st_be32(h + 32) > pages)
		return true;
	char *wal = xasprintf("%s-wal", s->path);
	struct stat wb;
	bool frames = stat(wal, &wb) == 0 && wb.st_size > 0;
	free(wal);
	return !frames && (uint64_t)size != (uint64_t)pages * page;
}

/* PRAGMA quick_check's verdict on the whole file. */
static enum store_status st_quick_check(struct store *s)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(s, &stmt, "PRAGMA quick_check", "");
	if (st != STORE_OK)
		return st == STORE_FAILED ? STORE_CORRUPT : st;
	int r = st_step(s, stmt, &st);
	if (r == 1)
		st = st_check_verdict((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return st == STORE_FAILED ? STORE_CORRUPT : st;
}

/* Reads what kind of database this is, without writing anything. */
enum store_status st_inspect(struct store *s, int64_t *version)
{
	int64_t app = 0, tables = 0;
	enum store_status st = s->readonly ? STORE_OK : st_durable(s);
	if (st == STORE_OK)
		st = st_int(s, &app, "PRAGMA application_id", "");
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
	/* Reading every page on every open cost 30% of opening a big map
	 * and most of opening a small map beside a big one: the whole check
	 * runs only when the file looks wrong.  A damaged page the signs miss
	 * is found when it is read (STORE_CORRUPT, and the store then writes
	 * no more: st_fail). */
	if (!st_looks_wrong(s))
		return STORE_OK;
	return st_quick_check(s);
}

/* The tables each schema version has, by the version that made them. */
static const struct {
	const char *table;
	int since;
} st_tables[] = {
	{ "map", 1 }, { "department", 1 }, { "stage", 1 }, { "touchpoint", 1 },
	{ "contributor", 1 }, { "gap", 1 }, { "silo", 1 },
	{ "audit", 3 }, { "presence", 3 }, { "visit", 3 },
	{ "metric", 5 }, { "voice", 5 }, { "action", 5 }, { "decision", 5 },
};

/* The tables must be those of the version the file says it has: a table
 * missing (dropped by hand) or already there (a version number written
 * back) would fail later, in the middle of an edit or a migration, with
 * nothing better to say than "an error". */
enum store_status st_schema(struct store *s, int64_t version)
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
