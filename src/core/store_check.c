/* store_check.c - `cxmap check`: the whole file, read and never written.
 *
 * Opening no longer reads every page (store_schema.c, st_inspect), so
 * this is where a person looks when a read said the file is damaged, or
 * before trusting a file that came from elsewhere. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/store_private.h"
#include "util/i18n.h"
#include "util/xalloc.h"

struct chk {
	struct store *s;
	store_check_report_fn *report;
	store_check_progress_fn *progress;
	void *arg;
	size_t problems;
	const char *step;
	int n, steps;
};

static void chk_say(struct chk *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void chk_say(struct chk *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	c->problems++;
	c->report(c->arg, msg);
	free(msg);
}

static void chk_step(struct chk *c, const char *step)
{
	c->step = step;
	c->n++;
	if (c->progress)
		c->progress(c->arg, step, c->n, c->steps);
}

/* SQLite calls this every few thousand instructions of a long step. */
static int chk_tick(void *arg)
{
	struct chk *c = arg;
	if (c->progress)
		c->progress(c->arg, c->step, c->n, c->steps);
	return 0;
}

/* One row of SQLite's check may hold several lines (one per page of a
 * damaged tree), under a heading of its own. */
static void chk_lines(struct chk *c, const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		if (n && strncmp(text, "*** ", 4) != 0)
			chk_say(c, _("damaged: %.*s"), (int)n, text);
		text += n + (text[n] == '\n');
	}
}

/* SQLite's own check: every line that is not "ok" is a problem.  A page
 * that cannot be read is an I/O error, not damage (st_check_verdict). */
static enum store_status chk_pages(struct chk *c, const char *pragma)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(c->s, &stmt, pragma, "");
	if (st != STORE_OK) {
		chk_say(c, _("SQLite cannot read the file's tables: %s"),
			store_last_error(c->s));
		return STORE_OK;
	}
	int r;
	size_t before = c->problems;
	while ((r = st_step(c->s, stmt, &st)) == 1) {
		const char *line = (const char *)sqlite3_column_text(stmt, 0);
		enum store_status v = st_check_verdict(line);
		if (v == STORE_OK)
			continue;
		if (v != STORE_CORRUPT) {
			st = v;
			break;
		}
		chk_lines(c, line ? line : "?");
	}
	if (r < 0) {
		if (st != STORE_CORRUPT && st != STORE_FAILED) {
			sqlite3_finalize(stmt);
			return st;
		}
		if (c->problems == before)
			chk_say(c, _("damaged: %s"), store_last_error(c->s));
		st = STORE_OK;
	}
	sqlite3_finalize(stmt);
	return st;
}

/* Rows that point to a row that is not there, as SQLite sees them. */
static enum store_status chk_foreign_keys(struct chk *c)
{
	sqlite3_stmt *stmt;
	enum store_status st = st_query(c->s, &stmt,
					"PRAGMA foreign_key_check", "");
	if (st != STORE_OK)
		return st == STORE_CORRUPT ? STORE_OK : st;
	while (st_step(c->s, stmt, &st) == 1)
		chk_say(c, _("%s %lld points to a missing %s row"),
			(const char *)sqlite3_column_text(stmt, 0),
			(long long)sqlite3_column_int64(stmt, 1),
			(const char *)sqlite3_column_text(stmt, 2));
	sqlite3_finalize(stmt);
	return st == STORE_CORRUPT || st == STORE_FAILED ? STORE_OK : st;
}

/* cxmap's own rules, each a query whose rows (id, a, b) break it. */
enum chk_rule {
	R_STAGE_POS, R_TP_POS, R_STAGE_MAP, R_TP_STAGE, R_TP_OWNER,
	R_CONTRIB_TP, R_CONTRIB_DEPT, R_GAP_MAP, R_GAP_STAGE, R_GAP_TP,
	R_GAP_BOTH, R_GAP_STAGE_MAP, R_GAP_TP_MAP, R_SILO_MAP, R_SILO_DEPT,
	R_SILO_TP, R_SILO_TP_MAP, R_SILO_SAME, R_EMOTION, R_SEVERITY,
	R_GAP_STATUS, R_SILO_STATUS, R_COLOUR, R_NRULES
};

#define CHK_MISSING(t, col, parent) \
	"SELECT x.id, x." col ", 0 FROM " t " x WHERE x." col " IS NOT NULL" \
	" AND NOT EXISTS (SELECT 1 FROM " parent " p WHERE p.id = x." col ")"

static const char *const chk_sql[R_NRULES] = {
	/* positions are sparse: unique (the schema's UNIQUE) and above 0 */
	[R_STAGE_POS] = "SELECT id, pos, 0 FROM stage"
		" WHERE typeof(pos) <> 'integer' OR pos <= 0",
	[R_TP_POS] = "SELECT id, pos, 0 FROM touchpoint"
		" WHERE typeof(pos) <> 'integer' OR pos <= 0",
	[R_STAGE_MAP] = CHK_MISSING("stage", "map_id", "map"),
	[R_TP_STAGE] = CHK_MISSING("touchpoint", "stage_id", "stage"),
	[R_TP_OWNER] = CHK_MISSING("touchpoint", "owner_id", "department"),
	[R_CONTRIB_TP] = "SELECT x.touchpoint_id, x.department_id, 0"
		" FROM contributor x WHERE NOT EXISTS (SELECT 1 FROM touchpoint p"
		" WHERE p.id = x.touchpoint_id)",
	[R_CONTRIB_DEPT] = "SELECT x.touchpoint_id, x.department_id, 0"
		" FROM contributor x WHERE NOT EXISTS (SELECT 1 FROM department p"
		" WHERE p.id = x.department_id)",
	[R_GAP_MAP] = CHK_MISSING("gap", "map_id", "map"),
	[R_GAP_STAGE] = CHK_MISSING("gap", "stage_id", "stage"),
	[R_GAP_TP] = CHK_MISSING("gap", "touchpoint_id", "touchpoint"),
	[R_GAP_BOTH] = "SELECT id, stage_id, touchpoint_id FROM gap"
		" WHERE stage_id IS NOT NULL AND touchpoint_id IS NOT NULL",
	[R_GAP_STAGE_MAP] = "SELECT g.id, g.map_id, s.map_id FROM gap g"
		" JOIN stage s ON s.id = g.stage_id WHERE s.map_id <> g.map_id",
	[R_GAP_TP_MAP] = "SELECT g.id, g.map_id, s.map_id FROM gap g"
		" JOIN touchpoint t ON t.id = g.touchpoint_id"
		" JOIN stage s ON s.id = t.stage_id WHERE s.map_id <> g.map_id",
	[R_SILO_MAP] = CHK_MISSING("silo", "map_id", "map"),
	[R_SILO_DEPT] = "SELECT x.id, d, 0 FROM (SELECT id, dept_a AS d FROM silo"
		" UNION ALL SELECT id, dept_b FROM silo) x WHERE NOT EXISTS"
		" (SELECT 1 FROM department p WHERE p.id = x.d)",
	[R_SILO_TP] = CHK_MISSING("silo", "touchpoint_id", "touchpoint"),
	[R_SILO_TP_MAP] = "SELECT o.id, o.map_id, s.map_id FROM silo o"
		" JOIN touchpoint t ON t.id = o.touchpoint_id"
		" JOIN stage s ON s.id = t.stage_id WHERE s.map_id <> o.map_id",
	[R_SILO_SAME] = "SELECT id, dept_a, 0 FROM silo WHERE dept_a = dept_b",
	[R_EMOTION] = "SELECT id, emotion, 0 FROM touchpoint WHERE emotion"
		" IS NOT NULL AND (typeof(emotion) <> 'integer'"
		" OR emotion NOT BETWEEN -2 AND 2)",
	[R_SEVERITY] = "SELECT id, severity, 0 FROM gap WHERE"
		" typeof(severity) <> 'integer' OR severity NOT BETWEEN 0 AND 2",
	[R_GAP_STATUS] = "SELECT id, status, 0 FROM gap WHERE"
		" typeof(status) <> 'integer' OR status NOT IN (0, 1)",
	[R_SILO_STATUS] = "SELECT id, status, 0 FROM silo WHERE"
		" typeof(status) <> 'integer' OR status NOT IN (0, 1)",
	[R_COLOUR] = "SELECT id, colour, 0 FROM department WHERE"
		" typeof(colour) <> 'integer' OR colour NOT BETWEEN 0 AND 7",
};

static void chk_rule_say(struct chk *c, enum chk_rule r, long long id,
			 long long a, long long b, const char *v)
{
	switch (r) {
	case R_STAGE_POS:
		chk_say(c, _("stage %lld: its position %lld is not a whole number above 0"), id, a);
		break;
	case R_TP_POS:
		chk_say(c, _("touchpoint %lld: its position %lld is not a whole number above 0"), id, a);
		break;
	case R_STAGE_MAP:
		chk_say(c, _("stage %lld belongs to map %lld, which does not exist"), id, a);
		break;
	case R_TP_STAGE:
		chk_say(c, _("touchpoint %lld belongs to stage %lld, which does not exist"), id, a);
		break;
	case R_TP_OWNER:
		chk_say(c, _("touchpoint %lld is owned by department %lld, which does not exist"), id, a);
		break;
	case R_CONTRIB_TP:
		chk_say(c, _("a contribution of department %lld to touchpoint %lld, which does not exist"), a, id);
		break;
	case R_CONTRIB_DEPT:
		chk_say(c, _("touchpoint %lld has department %lld as a contributor, which does not exist"), id, a);
		break;
	case R_GAP_MAP:
		chk_say(c, _("gap %lld belongs to map %lld, which does not exist"), id, a);
		break;
	case R_GAP_STAGE:
		chk_say(c, _("gap %lld is at stage %lld, which does not exist"), id, a);
		break;
	case R_GAP_TP:
		chk_say(c, _("gap %lld is at touchpoint %lld, which does not exist"), id, a);
		break;
	case R_GAP_BOTH:
		chk_say(c, _("gap %lld is at both stage %lld and touchpoint %lld"), id, a, b);
		break;
	case R_GAP_STAGE_MAP:
		chk_say(c, _("gap %lld of map %lld is at a stage of map %lld"), id, a, b);
		break;
	case R_GAP_TP_MAP:
		chk_say(c, _("gap %lld of map %lld is at a touchpoint of map %lld"), id, a, b);
		break;
	case R_SILO_MAP:
		chk_say(c, _("silo %lld belongs to map %lld, which does not exist"), id, a);
		break;
	case R_SILO_DEPT:
		chk_say(c, _("silo %lld is between departments, and department %lld does not exist"), id, a);
		break;
	case R_SILO_TP:
		chk_say(c, _("silo %lld is at touchpoint %lld, which does not exist"), id, a);
		break;
	case R_SILO_TP_MAP:
		chk_say(c, _("silo %lld of map %lld is at a touchpoint of map %lld"), id, a, b);
		break;
	case R_SILO_SAME:
		chk_say(c, _("silo %lld is between department %lld and itself"), id, a);
		break;
	case R_EMOTION:
		chk_say(c, _("touchpoint %lld: emotion is %s, not -2 to 2"), id, v);
		break;
	case R_SEVERITY:
		chk_say(c, _("gap %lld: severity is %s, not 0 to 2"), id, v);
		break;
	case R_GAP_STATUS:
		chk_say(c, _("gap %lld: status is %s, not 0 or 1"), id, v);
		break;
	case R_SILO_STATUS:
		chk_say(c, _("silo %lld: status is %s, not 0 or 1"), id, v);
		break;
	case R_COLOUR:
		chk_say(c, _("department %lld: colour is %s, not 0 to 7"), id, v);
		break;
	default:
		break;
	}
}

/* Each rule, at most this many of its rows. */
#define CHK_ROWS 100

static enum store_status chk_rules(struct chk *c)
{
	enum store_status st = STORE_OK;
	for (int r = 0; st == STORE_OK && r < R_NRULES; r++) {
		sqlite3_stmt *stmt;
		st = st_query(c->s, &stmt, chk_sql[r], "");
		int rows = 0;
		while (st == STORE_OK && rows++ < CHK_ROWS &&
		       st_step(c->s, stmt, &st) == 1) {
			const char *v = (const char *)sqlite3_column_text(stmt, 1);
			chk_rule_say(c, (enum chk_rule)r,
				     (long long)sqlite3_column_int64(stmt, 0),
				     (long long)sqlite3_column_int64(stmt, 1),
				     (long long)sqlite3_column_int64(stmt, 2),
				     v ? v : "NULL");
		}
		sqlite3_finalize(stmt);
		/* a damaged table was reported by the page check */
		if (st == STORE_CORRUPT || st == STORE_FAILED)
			st = STORE_OK;
	}
	return st;
}

/* The plan's rules (schema 5), by table: each query's rows are
 * (id, a, b) with the value said in column 1. */
enum chk_say { CP_MISSING, CP_OTHER_MAP, CP_RANGE, CP_NUMBER, CP_DATE,
	       CP_PLACES };

#define CHK_OTHER_MAP(t, col, join) \
	"SELECT x.id, x.map_id, p.map_id FROM " t " x " join \
	" WHERE p.map_id <> x.map_id"
#define CHK_VIA_TP(col) "JOIN touchpoint tp ON tp.id = x." col \
	" JOIN stage p ON p.id = tp.stage_id"
#define CHK_RANGE(t, col, lo, hi) \
	"SELECT id, " col ", 0 FROM " t " WHERE typeof(" col ") <> 'integer'" \
	" OR " col " NOT BETWEEN " #lo " AND " #hi
#define CHK_NUMBER(t, col) \
	"SELECT id, " col ", 0 FROM " t " WHERE typeof(" col ")" \
	" NOT IN ('null', 'integer', 'real')"
/* '' or a real day: SQLite's date() takes 2026-02-30 as it is, but a
 * modifier makes it count the days (2026-03-02) */
#define CHK_DATE(t, col) \
	"SELECT id, " col ", 0 FROM " t " WHERE " col " <> '' AND" \
	" (typeof(" col ") <> 'text' OR date(" col ", '+0 days') IS NULL" \
	" OR date(" col ", '+0 days') <> " col ")"

static const struct {
	enum chk_say say;
	const char *table, *what;	/* the item, and the column or parent */
	const char *sql;
} chk_plan[] = {
	{ CP_MISSING, "metric", "map", CHK_MISSING("metric", "map_id", "map") },
	{ CP_MISSING, "metric", "touchpoint",
	  CHK_MISSING("metric", "touchpoint_id", "touchpoint") },
	{ CP_MISSING, "voice", "map", CHK_MISSING("voice", "map_id", "map") },
	{ CP_MISSING, "voice", "stage",
	  CHK_MISSING("voice", "stage_id", "stage") },
	{ CP_MISSING, "voice", "touchpoint",
	  CHK_MISSING("voice", "touchpoint_id", "touchpoint") },
	{ CP_MISSING, "voice", "gap", CHK_MISSING("voice", "gap_id", "gap") },
	{ CP_MISSING, "action", "map", CHK_MISSING("action", "map_id", "map") },
	{ CP_MISSING, "action", "gap", CHK_MISSING("action", "gap_id", "gap") },
	{ CP_MISSING, "action", "silo",
	  CHK_MISSING("action", "silo_id", "silo") },
	{ CP_MISSING, "action", "touchpoint",
	  CHK_MISSING("action", "touchpoint_id", "touchpoint") },
	{ CP_MISSING, "action", "department",
	  CHK_MISSING("action", "owner_id", "department") },
	{ CP_MISSING, "decision", "map",
	  CHK_MISSING("decision", "map_id", "map") },
	{ CP_OTHER_MAP, "metric", "touchpoint",
	  CHK_OTHER_MAP("metric", "touchpoint_id", CHK_VIA_TP("touchpoint_id")) },
	{ CP_OTHER_MAP, "voice", "stage",
	  CHK_OTHER_MAP("voice", "stage_id", "JOIN stage p ON p.id = x.stage_id") },
	{ CP_OTHER_MAP, "voice", "touchpoint",
	  CHK_OTHER_MAP("voice", "touchpoint_id", CHK_VIA_TP("touchpoint_id")) },
	{ CP_OTHER_MAP, "voice", "gap",
	  CHK_OTHER_MAP("voice", "gap_id", "JOIN gap p ON p.id = x.gap_id") },
	{ CP_OTHER_MAP, "action", "gap",
	  CHK_OTHER_MAP("action", "gap_id", "JOIN gap p ON p.id = x.gap_id") },
	{ CP_OTHER_MAP, "action", "silo",
	  CHK_OTHER_MAP("action", "silo_id", "JOIN silo p ON p.id = x.silo_id") },
	{ CP_OTHER_MAP, "action", "touchpoint",
	  CHK_OTHER_MAP("action", "touchpoint_id", CHK_VIA_TP("touchpoint_id")) },
	{ CP_PLACES, "voice", "1",
	  "SELECT id, (stage_id IS NOT NULL) + (touchpoint_id IS NOT NULL)"
	  " + (gap_id IS NOT NULL) AS n, 0 FROM voice WHERE n <> 1" },
	{ CP_PLACES, "action", "0..1",
	  "SELECT id, (gap_id IS NOT NULL) + (silo_id IS NOT NULL)"
	  " + (touchpoint_id IS NOT NULL) AS n, 0 FROM action WHERE n > 1" },
	{ CP_RANGE, "touchpoint", "moment",
	  CHK_RANGE("touchpoint", "moment", 0, 1) },
	{ CP_RANGE, "metric", "better", CHK_RANGE("metric", "better", 0, 1) },
	{ CP_RANGE, "voice", "kind", CHK_RANGE("voice", "kind", 0, 3) },
	{ CP_RANGE, "action", "status", CHK_RANGE("action", "status", 0, 4) },
	{ CP_RANGE, "action", "impact", CHK_RANGE("action", "impact", 1, 3) },
	{ CP_RANGE, "action", "effort", CHK_RANGE("action", "effort", 1, 3) },
	{ CP_RANGE, "decision", "decision",
	  CHK_RANGE("decision", "decision", 0, 1) },
	{ CP_RANGE, "decision", "a_kind", CHK_RANGE("decision", "a_kind", 0, 8) },
	{ CP_RANGE, "decision", "b_kind", CHK_RANGE("decision", "b_kind", 0, 8) },
	{ CP_NUMBER, "metric", "value", CHK_NUMBER("metric", "value") },
	{ CP_NUMBER, "metric", "target", CHK_NUMBER("metric", "target") },
	{ CP_DATE, "metric", "measured", CHK_DATE("metric", "measured") },
	{ CP_DATE, "voice", "date", CHK_DATE("voice", "date") },
	{ CP_DATE, "action", "due", CHK_DATE("action", "due") },
};

static void chk_plan_say(struct chk *c, size_t r, long long id, long long a,
			 long long b, const char *v)
{
	const char *t = chk_plan[r].table, *w = chk_plan[r].what;
	switch (chk_plan[r].say) {
	case CP_MISSING:
		/* TRANSLATORS: "action 3 points to department 9, which does
		 * not exist"; the kinds are the file's table names */
		chk_say(c, _("%s %lld points to %s %lld, which does not exist"),
			t, id, w, a);
		break;
	case CP_OTHER_MAP:
		/* TRANSLATORS: "voice 3 of map 1 is about a gap of map 2" */
		chk_say(c, _("%s %lld of map %lld is on a %s of map %lld"), t,
			id, a, w, b);
		break;
	case CP_RANGE:
		chk_say(c, _("%s %lld: %s is %s, which is out of range"), t, id,
			w, v);
		break;
	case CP_NUMBER:
		chk_say(c, _("%s %lld: %s is %s, not a number"), t, id, w, v);
		break;
	case CP_DATE:
		chk_say(c, _("%s %lld: %s is %s, not a date (YYYY-MM-DD)"), t,
			id, w, v);
		break;
	case CP_PLACES:
		/* TRANSLATORS: "voice 3 is on 2 places, not 1" */
		chk_say(c, _("%s %lld is on %lld places, not %s"), t, id, a, w);
		break;
	}
}

static enum store_status chk_plan_rules(struct chk *c)
{
	enum store_status st = STORE_OK;
	for (size_t r = 0; st == STORE_OK &&
	     r < sizeof chk_plan / sizeof *chk_plan; r++) {
		sqlite3_stmt *stmt;
		st = st_query(c->s, &stmt, chk_plan[r].sql, "");
		int rows = 0;
		while (st == STORE_OK && rows++ < CHK_ROWS &&
		       st_step(c->s, stmt, &st) == 1) {
			const char *v = (const char *)sqlite3_column_text(stmt, 1);
			chk_plan_say(c, r, (long long)sqlite3_column_int64(stmt, 0),
				     (long long)sqlite3_column_int64(stmt, 1),
				     (long long)sqlite3_column_int64(stmt, 2),
				     v ? v : "NULL");
		}
		sqlite3_finalize(stmt);
		if (st == STORE_CORRUPT || st == STORE_FAILED)
			st = STORE_OK;
	}
	return st;
}

/* The file's kind and schema, as store_open reads them: what cannot be
 * checked (not ours, newer) is an error; a broken schema a problem. */
static enum store_status chk_kind(struct chk *c, bool *rules)
{
	int64_t app = 0, version = 0, tables = 0;
	enum store_status st = st_int(c->s, &app, "PRAGMA application_id", "");
	if (st == STORE_OK)
		st = st_int(c->s, &version, "PRAGMA user_version", "");
	if (st == STORE_OK)
		st = st_int(c->s, &tables, "SELECT count(*) FROM sqlite_master",
			    "");
	*rules = false;
	if (st == STORE_CORRUPT || st == STORE_FAILED || st == STORE_NOTSQLITE) {
		chk_say(c, _("damaged: %s"), store_last_error(c->s));
		return STORE_OK;
	}
	if (st != STORE_OK)
		return st;
	if (app != STORE_APPLICATION_ID && (app != 0 || tables != 0))
		return STORE_FOREIGN;
	if (version > STORE_SCHEMA_VERSION)
		return STORE_NEWER;
	if (version < 0) {
		chk_say(c, _("the schema version is %lld"), (long long)version);
		return STORE_OK;
	}
	st_open_why[0] = '\0';
	st = st_schema(c->s, version);
	if (st == STORE_SCHEMA)
		chk_say(c, "%s", st_open_why);
	else if (st == STORE_CORRUPT || st == STORE_FAILED)
		chk_say(c, _("damaged: %s"), store_last_error(c->s));
	else if (st != STORE_OK)
		return st;
	/* the rules are about the current tables */
	*rules = st == STORE_OK && version == STORE_SCHEMA_VERSION;
	return STORE_OK;
}

enum store_status store_check_file(const char *path, bool full,
				   store_check_report_fn *report,
				   store_check_progress_fn *progress,
				   void *arg, size_t *problems)
{
	*problems = 0;
	bool empty = false;
	enum store_status st = st_sniff(path, &empty);
	if (st != STORE_OK || empty)
		return st;
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->readonly = true;	/* never a byte written, nor a -wal made */
	s->presence_map = -1;
	struct chk c = { .s = s, .report = report, .progress = progress,
			 .arg = arg, .steps = full ? 4 : 3 };
	st = st_connect(s);
	bool rules = false;
	if (st == STORE_OK) {
		sqlite3_progress_handler(s->db, 200000, chk_tick, &c);
		chk_step(&c, _("the header"));
		st = chk_kind(&c, &rules);
	}
	if (st == STORE_OK) {
		chk_step(&c, _("every page"));
		st = chk_pages(&c, full ? "PRAGMA integrity_check"
					: "PRAGMA quick_check");
	}
	if (st == STORE_OK && full && rules) {
		chk_step(&c, _("references"));
		st = chk_foreign_keys(&c);
	}
	if (st == STORE_OK && rules) {
		chk_step(&c, _("cxmap's rules"));
		st = chk_rules(&c);
	}
	if (st == STORE_OK && rules)
		st = chk_plan_rules(&c);
	*problems = c.problems;
	if (s->db)
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
	store_close(s);
	return st;
}
