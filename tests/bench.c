/* bench.c - issue 12's table: what cxmap costs on maps of 100, 10,000 and
 * 100,000 touchpoints, each figure beside its floor, measured in the same
 * run and the same process.
 *
 *   make bench                 every size (minutes; progress on stderr)
 *   make bench-ci              the 10k maps only; exit 1 when a ratio is
 *                              past twice its goal (CI machines are noisy)
 *   tests/bench [--ci] [--wall] [--keep] [--sizes 100,10000,100000]
 *               [--only open,md,json,gaps,cursor,edit,small,bytes,mem,import]
 *               [--cache DIR]
 *
 * --wall: wall time even where valgrind is; --keep: leave the run's
 * folder (the maps as the figures left them, the logs, and callgrind's
 * files for callgrind_annotate: cg-FIGURE-SIZE.1 is the figure, .2 its
 * floor) and say where.
 *
 * Each figure runs in a child (`tests/bench child FIG SIZE DIR MODE`) that
 * does the figure and then its floor.  With valgrind installed the child
 * runs under callgrind: only bench_figure() and bench_floor() collect
 * (--toggle-collect) and a dump before each bench_dump() separates them,
 * so the two counts come from one process.  Without valgrind (or with
 * --wall) the child times both itself, the best of several rounds that
 * alternate figure and floor.  Bytes to the terminal and peak memory are
 * counted natively either way.  Warm-up runs (on the 100-tp map, or on
 * the same map where state is per store) are never counted.
 *
 * The maps (100 stages, 12 departments, 10% unowned, 10% with a gap, 1%
 * with a silo, notes of 60-400 characters, a contributor on every third,
 * a metric on every fourth, emotions everywhere) are written by SQL into
 * a file the store made (gen_map; the same SQL as the gen.sh) and
 * kept in tests/bench-maps/ between runs.  Every run first checks that a
 * generated 100-tp map holds, row for row, what `cxmap import` stores for
 * the same map (gen_check).  A cursor move and an edit are compared with
 * the same on a 100-tp map of 10 stages, which fills the board as the big
 * maps do: the 100-stage one shows a card per stage, so drawing it would
 * be a floor of less on the screen, not of a smaller map.
 *
 *   tests/bench views VIEW ROWS KEYS
 *
 * moves the cursor KEYS times in the maps (m), departments (D) or
 * history (w) view of a file with ROWS maps, departments and history
 * rows, in bench_view_keys(): tests/bench-views.sh counts its
 * instructions with callgrind (--toggle-collect), `make bench` runs it. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <stdint.h>
#include <wchar.h>

#include <curses.h>
#include <sqlite3.h>

#include "cli/cli.h"
#include "core/store.h"
#include "io/export_json.h"
#include "io/import_json.h"
#include "io/import_store.h"
#include "ui/app.h"
#include "ui/term.h"
#include "util/xalloc.h"

/* after ours: its capability macros (lines, columns...) would clash */
#include <term.h>

/* Bump when gen_map writes something else: cached maps are remade. */
#define GEN_VERSION 2
#define SMALL_TPS 200	/* the small map inside a big file */

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						       noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* A string for an argv (execv and getopt do not write them). */
static char *arg(const char *s)
{
	return (char *)(uintptr_t)s;
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void sql_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		die("sql: %s", err ? err : "?");
}

static sqlite3 *sql_open(const char *path, int flags)
{
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(db));
	return db;
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	if (!in || !out)
		die("copy %s to %s: %s", from, to, strerror(errno));
	char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die("copy to %s: %s", to, strerror(errno));
	fclose(in);
	if (fclose(out) != 0)
		die("copy to %s: %s", to, strerror(errno));
}

static void remove_db(const char *path)
{
	char p[4096];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-journal", path);
	unlink(p);
}

/* ------------------------------------------------------------------ */
/* The maps */

/* An empty cxmap file, made by the store itself. */
static void gen_empty(const char *path)
{
	struct store *s;
	remove_db(path);
	if (store_open(path, 0, &s) != STORE_OK)
		die("%s: cannot create", path);
	store_close(s);
}

/* Adds the map `name` of n touchpoints in `stages` stages to the file at
 * path: the SQL of the gen.sh (which has 100 stages), in one
 * transaction. */
static void gen_map(const char *path, long n, long stages, const char *name)
{
	sqlite3 *db = sql_open(path, SQLITE_OPEN_READWRITE);
	char *sql = sqlite3_mprintf(
"PRAGMA foreign_keys=ON;"
"BEGIN;"
"INSERT OR IGNORE INTO department(name,label,colour)"
" WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM d WHERE i<12)"
" SELECT 'Department '||i, 'D'||i, (i-1)%%8 FROM d;"
"INSERT INTO map(name,persona,scenario,promise,created,updated)"
" VALUES(%Q,'A persona','A scenario','A promise',1700000000,1700000000);"
"CREATE TEMP TABLE m AS SELECT last_insert_rowid() AS id;"
"INSERT INTO stage(map_id,pos,name,description)"
" WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM s WHERE i<%ld-1)"
" SELECT (SELECT id FROM m), (i+1)*1024, 'Stage '||(i+1), 'What happens in stage '||(i+1) FROM s;"
"CREATE TEMP TABLE st AS SELECT id, pos FROM stage WHERE map_id=(SELECT id FROM m);"
"CREATE TEMP TABLE dp AS SELECT id, row_number() OVER (ORDER BY id)-1 AS k"
" FROM department WHERE name LIKE 'Department %%';"
"INSERT INTO touchpoint(stage_id,pos,name,channel,notes,emotion,owner_id)"
" WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM t WHERE i<%ld-1)"
" SELECT (SELECT id FROM st WHERE pos = (i %% %ld + 1)*1024), (i / %ld + 1)*1024,"
"  'Touchpoint '||(i+1), 'Channel '||(i%%7),"
"  substr(replace(hex(zeroblob(200)),'00','note text '), 1, 60 + (i*37)%%341),"
"  (i%%5)-2,"
"  CASE WHEN i%%10=3 THEN NULL ELSE (SELECT id FROM dp WHERE k=(i*7)%%12) END"
" FROM t;"
"CREATE TEMP TABLE tp AS SELECT t.id, row_number() OVER (ORDER BY t.id)-1 AS k"
" FROM touchpoint t JOIN st ON t.stage_id=st.id;"
"INSERT INTO metric(map_id,touchpoint_id,name,value_text)"
" SELECT (SELECT id FROM m), id, 'CSAT', (k%%100)||'%%' FROM tp WHERE k%%4=0;"
"INSERT INTO contributor SELECT tp.id, dp.id FROM tp JOIN dp ON dp.k=(tp.k*5+1)%%12 WHERE tp.k%%3=0;"
"INSERT INTO gap(map_id,stage_id,touchpoint_id,description,severity,status,created)"
" SELECT (SELECT id FROM m), NULL, id, 'Gap at touchpoint '||(k+1)||': customers wait too long',"
" k%%3, (k/10)%%4=0, 1700000000+k FROM tp WHERE k%%10=1;"
"INSERT INTO silo(map_id,dept_a,dept_b,touchpoint_id,description,status,created)"
" SELECT (SELECT id FROM m), (SELECT id FROM dp WHERE k=tp.k%%12),"
" (SELECT id FROM dp WHERE k=(tp.k+1)%%12), tp.id, 'Silo at '||(tp.k+1), 0, 1700000000"
" FROM tp WHERE k%%100=7;"
"DROP TABLE m; DROP TABLE st; DROP TABLE dp; DROP TABLE tp;"
"COMMIT;", name, stages, n, stages, stages);
	sql_exec(db, sql);
	sqlite3_free(sql);
	sqlite3_close(db);
}

/* The file for a size: "tp10000.db" holds "Bench 10000"; "small.db" holds
 * "Small" (200 tp); "in10000.db" holds "Bench 10000" and "Small". */
static void map_name(char *buf, size_t size, long n)
{
	snprintf(buf, size, "Bench %ld", n);
}

/* Makes cache/g<V>s<S>-FILE unless it is there (a map of `big`
 * touchpoints in `stages` stages, and/or "Small"); returns its path. */
static char *gen_cached(const char *cache, const char *file, long big,
			long stages, bool small)
{
	char *path = xasprintf("%s/g%ds%d-%s", cache, GEN_VERSION,
			       STORE_SCHEMA_VERSION, file);
	struct stat sb;
	if (stat(path, &sb) == 0)
		return path;
	char *tmp = xasprintf("%s.tmp", path);
	if (isatty(2))
		fprintf(stderr, "bench: making %s\n", path);
	gen_empty(tmp);
	char name[64];
	if (big) {
		map_name(name, sizeof name, big);
		gen_map(tmp, big, stages, name);
	}
	if (small)
		gen_map(tmp, SMALL_TPS, 100, "Small");
	/* one file, no -wal beside it, before it gets its name */
	sqlite3 *db = sql_open(tmp, SQLITE_OPEN_READWRITE);
	sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3_close(db);
	if (rename(tmp, path) != 0)
		die("%s: %s", path, strerror(errno));
	free(tmp);
	return path;
}

/* The 8 tables of a map, with every id resolved to names and positions,
 * as one text: what must be equal between two files holding "the same
 * map".  Left out: row ids, the rev columns and the map's created and
 * updated times (the importer stamps them), and the audit history the
 * importer writes (the generator writes none; it is not read on open). */
static char *gen_canonical(const char *path, const char *name, size_t *rows)
{
	static const char *const q[] = {
		"SELECT name,persona,scenario,promise FROM map WHERE id=:m",
		"SELECT name,label,colour FROM department ORDER BY name",
		"SELECT pos,name,description FROM stage WHERE map_id=:m ORDER BY pos",
		"SELECT s.pos,t.pos,t.name,t.channel,t.notes,t.emotion,"
		" t.moment,d.name FROM touchpoint t"
		" JOIN stage s ON s.id=t.stage_id LEFT JOIN department d"
		" ON d.id=t.owner_id WHERE s.map_id=:m ORDER BY s.pos,t.pos",
		"SELECT s.pos,t.pos,x.name,x.value,x.value_text,x.target,x.unit,"
		" x.better,x.measured,x.source FROM metric x LEFT JOIN"
		" touchpoint t ON t.id=x.touchpoint_id LEFT JOIN stage s"
		" ON s.id=t.stage_id WHERE x.map_id=:m ORDER BY 1,2,3,5",
		"SELECT s.pos,t.pos,d.name FROM contributor c JOIN touchpoint t"
		" ON t.id=c.touchpoint_id JOIN stage s ON s.id=t.stage_id"
		" JOIN department d ON d.id=c.department_id WHERE s.map_id=:m"
		" ORDER BY 1,2,3",
		"SELECT gs.pos,ts.pos,t.pos,g.description,g.severity,g.status,"
		" g.created FROM gap g LEFT JOIN stage gs ON gs.id=g.stage_id"
		" LEFT JOIN touchpoint t ON t.id=g.touchpoint_id LEFT JOIN stage"
		" ts ON ts.id=t.stage_id WHERE g.map_id=:m"
		" ORDER BY g.created,g.description",
		"SELECT a.name,b.name,ts.pos,t.pos,o.description,o.status,"
		" o.created FROM silo o JOIN department a ON a.id=o.dept_a"
		" JOIN department b ON b.id=o.dept_b LEFT JOIN touchpoint t"
		" ON t.id=o.touchpoint_id LEFT JOIN stage ts ON ts.id=t.stage_id"
		" WHERE o.map_id=:m ORDER BY o.created,o.description",
	};
	sqlite3 *db = sql_open(path, SQLITE_OPEN_READONLY);
	sqlite3_stmt *st;
	int64_t map = 0;
	if (sqlite3_prepare_v2(db, "SELECT id FROM map WHERE name=?", -1, &st,
			       NULL) != SQLITE_OK)
		die("%s", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		map = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	size_t cap = 1 << 16, len = 0;
	char *out = xmalloc(cap);
	*rows = 0;
	for (size_t i = 0; i < sizeof q / sizeof *q; i++) {
		if (sqlite3_prepare_v2(db, q[i], -1, &st, NULL) != SQLITE_OK)
			die("%s", sqlite3_errmsg(db));
		sqlite3_bind_int64(st, 1, map);
		while (sqlite3_step(st) == SQLITE_ROW) {
			(*rows)++;
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *v = (const char *)sqlite3_column_text(st, c);
				size_t n = v ? strlen(v) : 4;
				if (len + n + 16 > cap)
					out = xrealloc(out, cap = 2 * cap + n);
				len += (size_t)sprintf(out + len, "%zu%c%s%c", i,
						       ':', v ? v : "NULL",
						       c + 1 < sqlite3_column_count(st)
						       ? '\x1f' : '\n');
			}
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	out[len] = '\0';
	return out;
}

/* Checks that the generator's 100-tp map is, row for row, what `cxmap
 * import` stores for that map (exported to JSON by cxmap, then imported
 * into an empty file through the importer's functions). */
static void gen_check(const char *gen_path, const char *dir)
{
	struct store *s;
	int64_t id;
	struct model_map *m;
	if (store_open(gen_path, STORE_OPEN_READONLY, &s) != STORE_OK ||
	    store_map_find(s, "Bench 100", &id) != STORE_OK ||
	    store_map_load(s, id, &m) != STORE_OK)
		die("%s: cannot read the map", gen_path);
	store_close(s);
	char *doc = export_json(m);
	model_map_free(m);
	char *err = NULL;
	struct model_map *parsed = import_json_parse(doc, strlen(doc), &err);
	if (!parsed)
		die("gen check: %s", err);
	char *imp = xasprintf("%s/imported.db", dir);
	gen_empty(imp);
	if (store_open(imp, 0, &s) != STORE_OK ||
	    import_store_map(s, parsed, NULL, &id) != STORE_OK)
		die("gen check: the import failed");
	store_close(s);
	model_map_free(parsed);
	free(doc);
	size_t ra, rb;
	char *a = gen_canonical(gen_path, "Bench 100", &ra);
	char *b = gen_canonical(imp, "Bench 100", &rb);
	if (strcmp(a, b) != 0) {
		size_t i = 0, start = 0, line = 1;
		for (; a[i] && a[i] == b[i]; i++)
			if (a[i] == '\n') {
				start = i + 1;
				line++;
			}
		die("the generated map differs from what cxmap import stores, "
		    "at row %zu:\n  generated: %.*s\n  imported:  %.*s", line,
		    (int)strcspn(a + start, "\n"), a + start,
		    (int)strcspn(b + start, "\n"), b + start);
	}
	fprintf(stderr, "bench: the generated 100-tp map matches what cxmap "
		"import stores (%zu rows of its 8 tables compared)\n", ra);
	free(a);
	free(b);
	remove_db(imp);
	free(imp);
}

/* ------------------------------------------------------------------ */
/* The floors: libsqlite3 reading every row and column of the map's 8
 * tables, with no more than the joins that find them.  The metric table
 * is one of them: its rows were two columns of the touchpoint's before
 * schema 5, and a floor without them would grow cheaper as the map moved
 * data out of the touchpoint table.  (Voices, actions and decisions: the
 * generator writes none.) */
#define FLOOR_TABLES 8

typedef void floor_row_fn(void *arg, int table, sqlite3_stmt *st);

static const char *const floor_queries[FLOOR_TABLES] = {
	"SELECT * FROM map WHERE id=?1",
	"SELECT * FROM department",
	"SELECT * FROM stage WHERE map_id=?1",
	"SELECT t.* FROM stage s JOIN touchpoint t ON t.stage_id=s.id"
	" WHERE s.map_id=?1",
	"SELECT c.* FROM stage s JOIN touchpoint t ON t.stage_id=s.id"
	" JOIN contributor c ON c.touchpoint_id=t.id WHERE s.map_id=?1",
	"SELECT * FROM gap WHERE map_id=?1",
	"SELECT * FROM silo WHERE map_id=?1",
	"SELECT * FROM metric WHERE map_id=?1",
};

static void floor_rows(sqlite3 *db, const char *name, floor_row_fn *fn,
		       void *arg)
{
	sqlite3_stmt *st;
	int64_t map = 0;
	sqlite3_prepare_v2(db, "SELECT id FROM map WHERE name=?", -1, &st,
			   NULL);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		map = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	for (int i = 0; i < FLOOR_TABLES; i++) {
		if (sqlite3_prepare_v2(db, floor_queries[i], -1, &st, NULL) !=
		    SQLITE_OK)
			die("floor: %s", sqlite3_errmsg(db));
		if (i != 1)
			sqlite3_bind_int64(st, 1, map);
		while (sqlite3_step(st) == SQLITE_ROW)
			fn(arg, i, st);
		sqlite3_finalize(st);
	}
}

/* Every column read, as the loaders read them. */
static void floor_read(void *arg, int table, sqlite3_stmt *st)
{
	uint64_t *sum = arg;
	(void)table;
	for (int c = 0; c < sqlite3_column_count(st); c++) {
		if (sqlite3_column_type(st, c) == SQLITE_TEXT) {
			const unsigned char *t = sqlite3_column_text(st, c);
			*sum += (uint64_t)sqlite3_column_bytes(st, c) + t[0];
		} else {
			*sum += (uint64_t)sqlite3_column_int64(st, c);
		}
	}
}

/* Every row as a line of CSV, as the sqlite3 shell's -csv writes it. */
static void floor_csv(void *arg, int table, sqlite3_stmt *st)
{
	FILE *out = arg;
	(void)table;
	int n = sqlite3_column_count(st);
	for (int c = 0; c < n; c++) {
		if (c)
			putc(',', out);
		if (sqlite3_column_type(st, c) == SQLITE_INTEGER) {
			fprintf(out, "%lld", sqlite3_column_int64(st, c));
			continue;
		}
		const char *t = (const char *)sqlite3_column_text(st, c);
		if (!t)
			continue;
		if (!t[strcspn(t, ",\"\r\n")]) {
			fputs(t, out);
			continue;
		}
		putc('"', out);
		for (const char *p = t; *p; p++) {
			if (*p == '"')
				putc('"', out);
			putc(*p, out);
		}
		putc('"', out);
	}
	fputs("\r\n", out);
}

/* ------------------------------------------------------------------ */
/* The child: one figure and its floor */

/* The functions callgrind collects in (--toggle-collect) and the mark it
 * dumps before (--dump-before): kept out of line and doing something
 * after the call, so that no tail call leaves them early. */
#if defined(__GNUC__) && !defined(__clang__)
#define BENCH_OUTLINE __attribute__((noinline, noclone, used))
#else
#define BENCH_OUTLINE __attribute__((noinline, used))
#endif
typedef void bench_fn(void *arg);
static volatile int bench_sink;
BENCH_OUTLINE void bench_figure(bench_fn *fn, void *arg);
BENCH_OUTLINE void bench_floor(bench_fn *fn, void *arg);
BENCH_OUTLINE void bench_dump(const char *what);
void bench_figure(bench_fn *fn, void *arg)
{
	fn(arg);
	bench_sink++;
}
void bench_floor(bench_fn *fn, void *arg)
{
	fn(arg);
	bench_sink++;
}
void bench_dump(const char *what)
{
	__asm__ volatile("" : : "r"(what) : "memory");
}

struct ctx {
	const char *dir;
	long size;
	char big[4096], small[4096];	/* files */
	char big_name[64], small_name[64];	/* maps in them */
	int keys_fd;	/* where typed keys go (the screen reads them) */
	int out_fd;	/* the results, for the parent */
	int moves;	/* cursor moves per measured round */
	/* per figure */
	struct store *s_big, *s_small;
	struct app a_big, a_small;
	struct app *open_app;
	struct store *open_store;
	sqlite3 *open_db;
	uint64_t sum;
	char *doc;
	size_t doc_len;
	char imp_template[4096], imp_path[4096];
	size_t tp_big, tp_small;	/* before the edits */
	bool refused;
	char why[512];
	/* the floor of the import: the rows to insert, per table */
	struct rows {
		int ncols;
		size_t n, cap;
		sqlite3_value **v;	/* n * ncols */
	} rows[FLOOR_TABLES];
};

/* A curses screen on files (the golden-screen tests' set-up): keys from a
 * pipe, output to `out`; 160x40 in a UTF-8 locale with colours. */
static void child_screen(struct ctx *c, const char *out_path)
{
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "160", 1);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	int p[2];
	if (pipe(p) != 0)
		die("pipe: %s", strerror(errno));
	c->keys_fd = p[1];
	FILE *in = fdopen(p[0], "r"), *out = fopen(out_path, "w");
	if (!in || !out || !term_start_files(out, in))
		die("cannot set up the screen");
	/* the interface only notes these to end its loop, which a child
	 * has not: Ctrl-C on `make bench` must end it */
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
}

static void frame(struct app *a)
{
	app_draw(a);
	wnoutrefresh(stdscr);
	doupdate();
}

/* A blank screen, as when cxmap starts: the next frame is a full one. */
static void blank(void)
{
	werase(stdscr);
	wnoutrefresh(stdscr);
	doupdate();
}

static struct store *open_store(const char *path)
{
	struct store *s;
	if (store_open(path, 0, &s) != STORE_OK)
		die("%s: cannot open", path);
	return s;
}

/* Opening as `cxmap FILE` does, to the first full frame (the terminal's
 * own set-up, the same for any file, is done once beforehand). */
static void open_frame(struct ctx *c, const char *path)
{
	c->open_store = open_store(path);
	c->open_app = xmalloc(sizeof *c->open_app);
	if (!app_open(c->open_app, c->open_store, "Bench"))
		die("%s: app_open failed", path);
	frame(c->open_app);
}

static void open_close(struct ctx *c)
{
	app_close(c->open_app);
	free(c->open_app);
	store_close(c->open_store);
}

static void fig_open_big(void *arg)
{
	struct ctx *c = arg;
	open_frame(c, c->big);
}

static void fig_open_small(void *arg)
{
	struct ctx *c = arg;
	open_frame(c, c->small);
}

static void floor_open(struct ctx *c, const char *path, const char *name)
{
	c->open_db = sql_open(path, SQLITE_OPEN_READONLY);
	floor_rows(c->open_db, name, floor_read, &c->sum);
}

static void floor_select_big(void *arg)
{
	struct ctx *c = arg;
	floor_open(c, c->big, c->big_name);
}

static void floor_csv_big(void *arg)
{
	struct ctx *c = arg;
	sqlite3 *db = sql_open(c->big, SQLITE_OPEN_READONLY);
	floor_rows(db, c->big_name, floor_csv, stdout);
	fflush(stdout);
	sqlite3_close(db);
}

static void run_cli(int (*run)(int, char **), const char *cmd,
		    const char *format, struct ctx *c)
{
	char *argv[] = { arg(cmd), arg("--format"), arg(format),
			 arg("--map"), c->big_name, c->big, NULL };
	if (run(6, argv) != 0)
		die("%s failed", cmd);
	fflush(stdout);
}

static void fig_export_md(void *arg)
{
	run_cli(cli_export_run, "export", "markdown", arg);
}

static void fig_export_html(void *arg)
{
	run_cli(cli_export_run, "export", "html", arg);
}

static void fig_export_json(void *arg)
{
	run_cli(cli_export_run, "export", "json", arg);
}

static void fig_gaps(void *arg)
{
	run_cli(cli_gaps_run, "gaps", "text", arg);
}

/* Cursor moves: around a square, so the view never scrolls (a round of
 * a multiple of four moves ends where it began). */
static void moves(struct app *a, int n)
{
	static const int keys[] = { KEY_DOWN, KEY_RIGHT, KEY_UP, KEY_LEFT };
	static unsigned next;
	for (int k = 0; k < n; k++) {
		app_feed(a, keys[next++ % 4]);
		frame(a);
	}
}

static void fig_moves_big(void *arg)
{
	struct ctx *c = arg;
	moves(&c->a_big, c->moves);
}

static void fig_moves_small(void *arg)
{
	struct ctx *c = arg;
	moves(&c->a_small, c->moves);
}

/* A key that opens an editor, then the typed text: the editor reads it
 * from the screen's input, as from a person. */
static void type_key(struct ctx *c, struct app *a, int key, const char *text)
{
	if (write(c->keys_fd, text, strlen(text)) != (ssize_t)strlen(text))
		die("cannot type: %s", strerror(errno));
	app_feed(a, key);
	frame(a);
}

/* One rename (r, a letter, Enter) and one add (a, a name, Enter). */
static void edits(struct ctx *c, struct app *a)
{
	type_key(c, a, 'r', "x\r");
	type_key(c, a, 'a', "New touchpoint\r");
}

static void fig_edit_big(void *arg)
{
	struct ctx *c = arg;
	edits(c, &c->a_big);
}

static void fig_edit_small(void *arg)
{
	struct ctx *c = arg;
	edits(c, &c->a_small);
}

/* The importer: the JSON document (in memory) parsed and written into an
 * empty file in one transaction, as `cxmap import` does. */
static void fig_import(void *arg)
{
	struct ctx *c = arg;
	size_t n = 0;
	char *err = NULL;
	struct model_map **maps = import_json_parse_all(c->doc, c->doc_len, &n,
							&err);
	if (!maps) {
		c->refused = true;
		snprintf(c->why, sizeof c->why, "%s", err);
		free(err);
		return;
	}
	struct store *s = open_store(c->imp_path);
	enum store_status st = store_begin(s);
	for (size_t i = 0; st == STORE_OK && i < n; i++)
		st = import_store_map(s, maps[i], NULL, NULL);
	if (st == STORE_OK)
		st = store_commit(s);
	if (st != STORE_OK)
		die("import: %s", store_status_message(st));
	store_close(s);
	import_json_free_all(maps, n);
}

static void rows_keep(void *arg, int table, sqlite3_stmt *st)
{
	struct rows *r = &((struct rows *)arg)[table];
	r->ncols = sqlite3_column_count(st);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xrealloc(r->v, r->cap * (size_t)r->ncols * sizeof *r->v);
	}
	for (int i = 0; i < r->ncols; i++)
		r->v[r->n * (size_t)r->ncols + (size_t)i] =
			sqlite3_value_dup(sqlite3_column_value(st, i));
	r->n++;
}

/* The same rows inserted by prepared statements in one transaction. */
static void floor_insert(void *arg)
{
	struct ctx *c = arg;
	static const char *const tables[FLOOR_TABLES] = { "map", "department",
		"stage", "touchpoint", "contributor", "gap", "silo", "metric" };
	sqlite3 *db = sql_open(c->imp_path, SQLITE_OPEN_READWRITE);
	sql_exec(db, "PRAGMA foreign_keys=ON; BEGIN");
	for (int t = 0; t < FLOOR_TABLES; t++) {
		struct rows *r = &c->rows[t];
		if (!r->n)
			continue;
		char sql[256];
		int len = snprintf(sql, sizeof sql, "INSERT INTO %s VALUES(?",
				   tables[t]);
		for (int i = 1; i < r->ncols; i++)
			len += snprintf(sql + len, sizeof sql - (size_t)len, ",?");
		snprintf(sql + len, sizeof sql - (size_t)len, ")");
		sqlite3_stmt *st;
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
			die("floor: %s", sqlite3_errmsg(db));
		for (size_t k = 0; k < r->n; k++) {
			for (int i = 0; i < r->ncols; i++)
				sqlite3_bind_value(st, i + 1,
					r->v[k * (size_t)r->ncols + (size_t)i]);
			if (sqlite3_step(st) != SQLITE_DONE)
				die("floor: %s", sqlite3_errmsg(db));
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
	}
	sql_exec(db, "COMMIT");
	sqlite3_close(db);
}

/* ------------------------------------------------------------------ */
/* Bytes to the terminal: what curses wrote for one cursor move, against
 * the least a terminal needs to show the change.  That floor is worked out
 * from the screen before and after the move (curses' own copy of what the
 * terminal shows, curscr), row by row, left to right: every changed cell
 * costs its character in UTF-8; reaching a run of changed cells costs the
 * cheapest cursor motion the terminal's terminfo entry offers (move_cost);
 * a cell whose rendition differs from the last one written costs the
 * sequences for just what changed (turning anything off costs
 * exit_attribute_mode, then what stays on is set again).  Nothing for
 * where the cursor is left: the interface hides it.  So it is a lower
 * bound for drawing cell by cell (only scrolling the terminal could do
 * with less, and the board does not scroll here). */

struct cell {
	wchar_t ch[CCHARW_MAX + 1];
	attr_t attr;
	short pair;
};

static void snap(struct cell *v)
{
	int y0, x0;
	getyx(curscr, y0, x0);
	for (int y = 0; y < LINES; y++)
		for (int x = 0; x < COLS; x++) {
			cchar_t cc;
			struct cell *c = &v[y * COLS + x];
			memset(c, 0, sizeof *c);
			mvwin_wch(curscr, y, x, &cc);
			getcchar(&cc, c->ch, &c->attr, &c->pair, NULL);
			c->attr &= ~(attr_t)A_COLOR;
		}
	wmove(curscr, y0, x0);
}

static size_t cap_len(const char *s)
{
	return s && s != (const char *)-1 ? strlen(s) : 0;
}

static size_t cell_bytes(const struct cell *c)
{
	size_t n = 0;
	char mb[MB_LEN_MAX];
	mbstate_t ps;
	memset(&ps, 0, sizeof ps);
	for (size_t i = 0; i < CCHARW_MAX && c->ch[i]; i++) {
		size_t k = wcrtomb(mb, c->ch[i], &ps);
		n += k == (size_t)-1 ? 1 : k;
	}
	return n ? n : 1;	/* a blank */
}

struct rend {
	attr_t attr;
	short fg, bg;
};

static struct rend rend_of(const struct cell *c)
{
	struct rend r = { c->attr, -1, -1 };
	if (c->pair)
		pair_content(c->pair, &r.fg, &r.bg);
	return r;
}

static bool rend_eq(struct rend a, struct rend b)
{
	return a.attr == b.attr && a.fg == b.fg && a.bg == b.bg;
}

static size_t rend_cost(struct rend *cur, struct rend to)
{
	static const struct { attr_t a; int cap; } on[] = {
		{ A_BOLD, 0 }, { A_REVERSE, 1 }, { A_UNDERLINE, 2 },
		{ A_DIM, 3 }, { A_STANDOUT, 4 }, { A_BLINK, 5 },
	};
	const char *caps[] = { enter_bold_mode, enter_reverse_mode,
			       enter_underline_mode, enter_dim_mode,
			       enter_standout_mode, enter_blink_mode };
	size_t n = 0;
	bool default_fg = to.fg < 0 && cur->fg >= 0;
	bool default_bg = to.bg < 0 && cur->bg >= 0;
	if ((cur->attr & ~to.attr) || ((default_fg || default_bg) &&
				       !cap_len(orig_pair))) {
		n += cap_len(exit_attribute_mode);
		*cur = (struct rend){ 0, -1, -1 };
	} else if (default_fg || default_bg) {
		n += cap_len(orig_pair);
		cur->fg = cur->bg = -1;
	}
	for (size_t i = 0; i < sizeof on / sizeof *on; i++)
		if ((to.attr & on[i].a) && !(cur->attr & on[i].a))
			n += cap_len(caps[on[i].cap]);
	if (to.fg >= 0 && to.fg != cur->fg)
		n += cap_len(tiparm(set_a_foreground, to.fg));
	if (to.bg >= 0 && to.bg != cur->bg)
		n += cap_len(tiparm(set_a_background, to.bg));
	*cur = to;
	return n;
}

/* The cheapest way the terminal's capabilities offer from (cy, cx) to
 * (y, x) (cy < 0: unknown): cursor_address, or a vertical move (row_address,
 * cursor_down, parm_down_cursor) and a horizontal one (carriage_return,
 * column_address, parm_right_cursor, parm_left_cursor, or on the same row
 * writing the cells between again when they have the current rendition). */
static size_t move_cost(const struct cell *after, struct rend cur, int cy,
			int cx, int y, int x)
{
	size_t best = cap_len(tiparm(cursor_address, y, x));
	if (cy < 0)
		return best;
	size_t vert = 0, horiz = (size_t)-1;
	if (y != cy) {
		vert = cap_len(tiparm(row_address, y));
		size_t down = y == cy + 1 ? cap_len(cursor_down) : 0;
		if (down && down < vert)
			vert = down;
		down = y > cy ? cap_len(tiparm(parm_down_cursor, y - cy)) : 0;
		if (down && down < vert)
			vert = down;
		if (!vert)
			return best;
	}
	size_t opts[4] = {
		x == cx ? 0 : (size_t)-1,
		x == 0 ? cap_len(carriage_return) : 0,
		cap_len(tiparm(column_address, x)),
		x > cx ? cap_len(tiparm(parm_right_cursor, x - cx))
		       : cap_len(tiparm(parm_left_cursor, cx - x)),
	};
	for (int i = 0; i < 4; i++)
		if ((opts[i] || i == 0) && opts[i] < horiz)
			horiz = opts[i];
	if (y == cy && x > cx) {
		size_t over = 0;
		for (int k = cx; k < x && over != (size_t)-1; k++) {
			const struct cell *g = &after[y * COLS + k];
			over = rend_eq(rend_of(g), cur) ? over + cell_bytes(g)
						       : (size_t)-1;
		}
		if (over < horiz)
			horiz = over;
	}
	if (horiz != (size_t)-1 && vert + horiz < best)
		best = vert + horiz;
	return best;
}

static size_t screen_floor(const struct cell *before, const struct cell *after)
{
	size_t n = 0;
	int cy = -1, cx = -1;
	struct rend cur = { 0, -1, -1 };
	for (int y = 0; y < LINES; y++)
		for (int x = 0; x < COLS; x++) {
			const struct cell *a = &after[y * COLS + x];
			int w = a->ch[0] ? wcwidth(a->ch[0]) : 1;
			if (w < 1)
				w = 1;
			if (memcmp(a, &before[y * COLS + x], sizeof *a) == 0)
				continue;
			if (cy != y || cx != x)
				n += move_cost(after, cur, cy, cx, y, x);
			struct rend r = rend_of(a);
			if (!rend_eq(r, cur))
				n += rend_cost(&cur, r);
			n += cell_bytes(a);
			cy = y;
			cx = x + w;
			x += w - 1;
		}
	/* and back to the normal rendition: the next update starts from it
	 * (cur above), and curses ends every update in it so that whatever
	 * else writes to the terminal, or a killed cxmap, leaves no colour */
	struct rend normal = { 0, -1, -1 };
	if (!rend_eq(cur, normal))
		n += rend_cost(&cur, normal);
	return n;
}

/* ------------------------------------------------------------------ */
/* The figures */

enum unit { U_TIME, U_BYTES, U_MEM };
enum { S100 = 1, S10K = 2, S100K = 4 };

struct figure {
	const char *key, *label;
	double goal;
	unsigned sizes;
	enum unit unit;
};

static const struct figure figures[] = {
	{ "open", "open to the first full frame", 1.5, S100 | S10K | S100K,
	  U_TIME },
	{ "md", "export --format markdown", 1.5, S100 | S10K | S100K, U_TIME },
	{ "json", "export --format json", 1.5, S100 | S10K | S100K, U_TIME },
	{ "html", "export --format html", 2.0, S100 | S10K | S100K, U_TIME },
	{ "gaps", "cxmap gaps", 2.0, S100 | S10K | S100K, U_TIME },
	{ "cursor", "one cursor move", 1.1, S10K | S100K, U_TIME },
	{ "edit", "one edit (rename, add)", 2.0, S10K | S100K, U_TIME },
	{ "small", "200-tp map in the big file", 1.2, S10K | S100K, U_TIME },
	{ "bytes", "bytes to the terminal per move", 1.1, S10K | S100K,
	  U_BYTES },
	{ "mem", "peak memory", 2.0, S100K, U_MEM },
	{ "import", "import", 2.0, S10K | S100K, U_TIME },
};
#define NFIGURES (sizeof figures / sizeof *figures)

/* What one figure's child does before, between and after the two. */
struct plan {
	bench_fn *figure, *floor;
	void (*before_figure)(struct ctx *), (*after_figure)(struct ctx *);
	void (*before_floor)(struct ctx *), (*after_floor)(struct ctx *);
	double per;	/* operations in one call (cursor moves, edits) */
	void (*done)(struct ctx *, int rounds);	/* checks it happened */
};

static void nothing(struct ctx *c)
{
	(void)c;
}

static void blank_ctx(struct ctx *c)
{
	(void)c;
	blank();
}

static void close_db(struct ctx *c)
{
	sqlite3_close(c->open_db);
}

static void frame_big(struct ctx *c)
{
	frame(&c->a_big);
}

static void frame_small(struct ctx *c)
{
	frame(&c->a_small);
}

static void fresh_import(struct ctx *c)
{
	remove_db(c->imp_path);
	copy_file(c->imp_template, c->imp_path);
}

/* Both maps open on the first stage's title. */
static void open_apps(struct ctx *c)
{
	c->s_big = open_store(c->big);
	c->s_small = open_store(c->small);
	if (!app_open(&c->a_big, c->s_big, "Bench") ||
	    !app_open(&c->a_small, c->s_small, "Bench"))
		die("app_open failed");
	if (c->a_big.stage || c->a_big.card != -1 || c->a_small.stage ||
	    c->a_small.card != -1)
		die("the board did not open on the first stage");
}

/* Every key of the square moves the cursor, on both maps: the same four
 * moves (a card down, a stage right, up to the title, a stage left). */
static void check_moves(struct app *a)
{
	for (int k = 0; k < 4; k++) {
		size_t stage = a->stage;
		long card = a->card;
		moves(a, 1);
		if (a->stage == stage && a->card == card)
			die("a cursor move did not move");
	}
}

/* Runs `fn` on the 100-tp map, uncounted: code paths and libraries
 * warmed as for the measured runs. */
static void warm_on_small(struct ctx *c, bench_fn *fn,
			  void (*after)(struct ctx *))
{
	struct ctx w = *c;
	snprintf(w.big, sizeof w.big, "%s", c->small);
	snprintf(w.big_name, sizeof w.big_name, "%s", c->small_name);
	fn(&w);
	after(&w);
	c->sum += w.sum;
}

/* The map's last visit, so that app_open picks it (as for a person who
 * opens the map she worked on last). */
static void visit(const char *path, const char *name)
{
	struct store *s = open_store(path);
	int64_t id;
	if (store_map_find(s, name, &id) != STORE_OK ||
	    store_visit_record(s, id) != STORE_OK)
		die("%s: no map %s", path, name);
	store_close(s);
}

static void check_small_open(struct ctx *c)
{
	if (strcmp(c->open_app->map->name, "Small") != 0)
		die("opened %s, not Small", c->open_app->map->name);
	open_close(c);
}

static bool renamed(const struct model_map *m)
{
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			const char *n = m->stages[i].touchpoints[j].name;
			if (n[strlen(n) - 1] == 'x')
				return true;
		}
	return false;
}

/* Each round added one touchpoint to each map and renamed one: else the
 * keys did not do what a person's would, and the figure means nothing. */
static void check_edits(struct ctx *c, int rounds)
{
	size_t want_big = c->tp_big + (size_t)rounds + 1;
	size_t want_small = c->tp_small + (size_t)rounds + 1;
	if (c->a_big.analysis->ntouchpoints != want_big ||
	    c->a_small.analysis->ntouchpoints != want_small ||
	    !renamed(c->a_big.map) || !renamed(c->a_small.map))
		die("the edits did not happen (%zu and %zu touchpoints, not "
		    "%zu and %zu)", c->a_big.analysis->ntouchpoints,
		    c->a_small.analysis->ntouchpoints, want_big, want_small);
}

static void check_none(struct ctx *c, int rounds)
{
	(void)c;
	(void)rounds;
}

static void child_plan(struct ctx *c, const char *key, struct plan *p)
{
	*p = (struct plan){ .before_figure = nothing, .after_figure = nothing,
			    .before_floor = nothing, .after_floor = nothing,
			    .per = 1, .done = check_none };
	if (!strcmp(key, "open") || !strcmp(key, "small")) {
		p->figure = fig_open_big;
		p->floor = floor_select_big;
		p->before_figure = blank_ctx;
		p->after_figure = open_close;
		p->after_floor = close_db;
		if (!strcmp(key, "small")) {
			/* the same map in the big file and alone */
			p->floor = fig_open_small;
			p->before_floor = blank_ctx;
			p->after_figure = p->after_floor = check_small_open;
			visit(c->big, "Small");
			visit(c->small, "Small");
			fig_open_big(c);
			check_small_open(c);
			fig_open_small(c);
			check_small_open(c);
		} else {
			warm_on_small(c, fig_open_big, open_close);
			warm_on_small(c, floor_select_big, close_db);
		}
	} else if (!strcmp(key, "md") || !strcmp(key, "json") ||
		   !strcmp(key, "html") || !strcmp(key, "gaps")) {
		p->figure = !strcmp(key, "md") ? fig_export_md :
			    !strcmp(key, "json") ? fig_export_json :
			    !strcmp(key, "html") ? fig_export_html : fig_gaps;
		p->floor = floor_csv_big;
		int null = open("/dev/null", O_WRONLY);
		if (null < 0 || dup2(null, 1) < 0)
			die("/dev/null: %s", strerror(errno));
		close(null);
		warm_on_small(c, p->figure, nothing);
		warm_on_small(c, p->floor, nothing);
	} else if (!strcmp(key, "cursor") || !strcmp(key, "edit")) {
		bool edit = !strcmp(key, "edit");
		if (edit) {
			/* edits change the file: a copy of each */
			char *b = xasprintf("%s/edit-%d-big.db", c->dir, getpid());
			char *s = xasprintf("%s/edit-%d-small.db", c->dir, getpid());
			copy_file(c->big, b);
			copy_file(c->small, s);
			snprintf(c->big, sizeof c->big, "%s", b);
			snprintf(c->small, sizeof c->small, "%s", s);
			free(b);
			free(s);
		}
		open_apps(c);
		if (edit) {	/* the first card of the first stage */
			app_feed(&c->a_big, KEY_DOWN);
			app_feed(&c->a_small, KEY_DOWN);
		} else {
			check_moves(&c->a_big);
			check_moves(&c->a_small);
		}
		p->figure = edit ? fig_edit_big : fig_moves_big;
		p->floor = edit ? fig_edit_small : fig_moves_small;
		p->before_figure = frame_big;
		p->before_floor = frame_small;
		p->per = edit ? 2 : c->moves;
		c->tp_big = c->a_big.analysis->ntouchpoints;
		c->tp_small = c->a_small.analysis->ntouchpoints;
		if (edit)
			p->done = check_edits;
		/* the statements each store prepares and keeps, too */
		frame_big(c);
		p->figure(c);
		frame_small(c);
		p->floor(c);
	} else if (!strcmp(key, "import")) {
		struct store *s = open_store(c->big);
		int64_t id;
		struct model_map *m;
		if (store_map_find(s, c->big_name, &id) != STORE_OK ||
		    store_map_load(s, id, &m) != STORE_OK)
			die("%s: cannot load", c->big);
		store_close(s);
		c->doc = export_json(m);
		c->doc_len = strlen(c->doc);
		model_map_free(m);
		sqlite3 *db = sql_open(c->big, SQLITE_OPEN_READONLY);
		floor_rows(db, c->big_name, rows_keep, c->rows);
		sqlite3_close(db);
		snprintf(c->imp_template, sizeof c->imp_template,
			 "%s/import-%d-empty.db", c->dir, getpid());
		snprintf(c->imp_path, sizeof c->imp_path, "%s/import-%d.db",
			 c->dir, getpid());
		gen_empty(c->imp_template);
		p->figure = fig_import;
		p->floor = floor_insert;
		p->before_figure = p->before_floor = fresh_import;
	} else {
		die("unknown figure %s", key);
	}
}

/* Bytes written for each of 40 moves on the big map's board, and their
 * floor; natively (they are counts, not times). */
static void child_bytes(struct ctx *c, const char *screen_path)
{
	open_apps(c);
	frame(&c->a_big);
	int fd = open(screen_path, O_RDONLY);
	size_t cells = (size_t)LINES * (size_t)COLS;
	struct cell *before = xcalloc(cells, sizeof *before);
	struct cell *after = xcalloc(cells, sizeof *after);
	double bytes = 0, least = 0;
	int n = 40;
	snap(before);
	for (int k = 0; k < n; k++) {
		off_t at = lseek(fd, 0, SEEK_END);
		moves(&c->a_big, 1);
		bytes += (double)(lseek(fd, 0, SEEK_END) - at);
		snap(after);
		least += (double)screen_floor(before, after);
		memcpy(before, after, cells * sizeof *before);
	}
	close(fd);
	dprintf(c->out_fd, "ok %.17g %.17g 1 1\n", bytes / n, least / n);
}

/* tests/bench child FIG SIZE DIR MODE: MODE is "cg" (one round, under
 * callgrind: the parent reads the counts) or "wall" (the best of up to
 * seven rounds).  Prints "ok FIGURE FLOOR PER PER" in microseconds (or
 * bytes), or "refused WHY". */
static int child(char **argv)
{
	struct ctx *c = xcalloc(1, sizeof *c);
	const char *key = argv[2];
	c->size = atol(argv[3]);
	c->dir = argv[4];
	bool cg = !strcmp(argv[5], "cg");
	c->out_fd = dup(1);
	c->moves = cg ? 16 : 200;
	if (!strcmp(key, "small")) {
		snprintf(c->big, sizeof c->big, "%s/in%ld.db", c->dir, c->size);
		snprintf(c->small, sizeof c->small, "%s/small.db", c->dir);
		snprintf(c->big_name, sizeof c->big_name, "Small");
	} else if (!strcmp(key, "cursor") || !strcmp(key, "edit") ||
		   !strcmp(key, "bytes")) {
		/* on the board the 100-stage 100-tp map shows one card per
		 * stage where the big ones fill the screen: the floor is a
		 * 100-tp map that fills it as they do (10 stages of 10) */
		snprintf(c->big, sizeof c->big, "%s/tp%ld.db", c->dir, c->size);
		snprintf(c->small, sizeof c->small, "%s/screen100.db", c->dir);
		map_name(c->big_name, sizeof c->big_name, c->size);
	} else {
		snprintf(c->big, sizeof c->big, "%s/tp%ld.db", c->dir, c->size);
		snprintf(c->small, sizeof c->small, "%s/tp100.db", c->dir);
		map_name(c->big_name, sizeof c->big_name, c->size);
	}
	snprintf(c->small_name, sizeof c->small_name, "%s",
		 !strcmp(key, "small") ? "Small" : "Bench 100");
	if (!strcmp(key, "bytes")) {
		char *screen = xasprintf("%s/screen-%d", c->dir, getpid());
		child_screen(c, screen);
		child_bytes(c, screen);
		unlink(screen);
		return 0;
	}
	child_screen(c, "/dev/null");
	struct plan p;
	child_plan(c, key, &p);
	double best_fig = 0, best_floor = 0, spent = 0;
	int rounds = cg ? 1 : 7, r;
	for (r = 0; r < rounds; r++) {
		p.before_figure(c);
		double t0 = now_us();
		bench_figure(p.figure, c);
		double t1 = now_us();
		bench_dump("figure");
		p.after_figure(c);
		if (c->refused) {
			dprintf(c->out_fd, "refused %s\n", c->why);
			return 0;
		}
		p.before_floor(c);
		double t2 = now_us();
		bench_floor(p.floor, c);
		double t3 = now_us();
		bench_dump("floor");
		p.after_floor(c);
		if (r == 0 || t1 - t0 < best_fig)
			best_fig = t1 - t0;
		if (r == 0 || t3 - t2 < best_floor)
			best_floor = t3 - t2;
		/* a figure of seconds: fewer rounds */
		spent += t1 - t0 + t3 - t2;
		if ((r >= 2 && spent > 10e6) || spent > 30e6) {
			r++;
			break;
		}
	}
	p.done(c, r);
	dprintf(c->out_fd, "ok %.17g %.17g %g %g\n", best_fig, best_floor,
		p.per, p.per);
	return 0;
}

/* tests/bench mem FILE: opens its map to the first frame and ends; the
 * parent reads the peak resident size. */
static int child_mem(const char *path)
{
	struct ctx *c = xcalloc(1, sizeof *c);
	child_screen(c, "/dev/null");
	open_frame(c, path);
	return 0;
}

/* ------------------------------------------------------------------ */
/* tests/bench views VIEW ROWS KEYS (tests/bench-views.sh) */

/* A file with `rows` maps, departments and changes in the first map's
 * history (each department's creation is one). */
static void build_rows(const char *path, size_t rows)
{
	struct store *s;
	if (store_open(path, 0, &s) != STORE_OK)
		exit(1);
	store_begin(s);
	for (size_t i = 0; i < rows; i++) {
		char name[64];
		int64_t id;
		snprintf(name, sizeof name, "Map %04zu", i + 1);
		store_map_create(s, name, &id);
		snprintf(name, sizeof name, "Department %04zu", i + 1);
		store_dept_create(s, name, &id);
	}
	if (store_commit(s) != STORE_OK)
		exit(1);
	store_close(s);
}

/* The cursor moves measured: up and down within the first rows, so the
 * list does not scroll.  10 rows fill 10 lines of the screen, 1,000 all
 * of them: drawing alone costs about twice as much there. */
__attribute__((noinline)) void bench_view_keys(struct app *a, int keys);
__attribute__((noinline)) void bench_view_keys(struct app *a, int keys)
{
	static const int moves[] = { KEY_DOWN, KEY_DOWN, KEY_UP, KEY_DOWN,
				     KEY_UP, KEY_UP };
	for (int k = 0; k < keys; k++) {
		app_feed(a, moves[k % 6]);
		frame(a);
	}
}

/* Prints microseconds per key (the best of 5 rounds); instructions come
 * from callgrind around it. */
static int bench_views(int argc, char **argv)
{
	if (argc < 5)
		return 2;
	int view = argv[2][0];
	size_t rows = (size_t)atol(argv[3]);
	int keys = atoi(argv[4]);
	char dir[] = "/tmp/cxmap-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64];
	snprintf(path, sizeof path, "%s/rows.db", dir);
	build_rows(path, rows);
	struct store *s;
	struct app a;
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "160", 1);
	if (!getenv("TERM"))
		setenv("TERM", "xterm-256color", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	if (!out || !in || !newterm(NULL, out, in) ||
	    store_open(path, 0, &s) != STORE_OK || !app_open(&a, s, "Bench"))
		return 1;
	app_feed(&a, view);	/* m, D or w */
	app_draw(&a);
	double best = 0;
	for (int r = 0; r < 5; r++) {
		double t0 = now_us();
		bench_view_keys(&a, keys);
		double us = (now_us() - t0) / keys;
		if (r == 0 || us < best)
			best = us;
	}
	endwin();
	printf("%.1f\n", best);
	app_close(&a);
	store_close(s);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* The parent: makes the maps, runs the children, prints the table */

struct run {
	bool ci, cg;
	const char *self, *dir;
	int failed, errors;
	char failures[4096];	/* the lines past twice their goal */
};

static const char *size_label(long n)
{
	return n == 100 ? "100" : n == 10000 ? "10k" : n == 100000 ? "100k"
	       : "?";
}

/* Runs argv with its stdout read into out (up to size); its stderr goes
 * to log.  The exit status, or -1. */
static int spawn(char *const argv[], const char *log, char *out, size_t size,
		 struct rusage *ru)
{
	int p[2];
	if (pipe(p) != 0)
		die("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(p[1], 1);
		if (fd >= 0)
			dup2(fd, 2);
		close(p[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	size_t len = 0;
	ssize_t k;
	while ((k = read(p[0], out + len, size - 1 - len)) > 0)
		len += (size_t)k;
	out[len] = '\0';
	close(p[0]);
	int status;
	struct rusage dummy;
	if (wait4(pid, &status, 0, ru ? ru : &dummy) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static double read_ir(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	double ir = -1;
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "summary:", 8) || !strncmp(line, "totals:", 7))
			ir = atof(strchr(line, ':') + 1);
	if (f)
		fclose(f);
	return ir;
}

static void fmt_value(char *buf, size_t size, double v, enum unit u, bool cg)
{
	if (u == U_BYTES)
		snprintf(buf, size, "%.0f B", v);
	else if (u == U_MEM)
		snprintf(buf, size, "%.1f MiB", v / 1048576);
	else if (cg && v >= 1e9)
		snprintf(buf, size, "%.2fG Ir", v / 1e9);
	else if (cg && v >= 1e6)
		snprintf(buf, size, "%.2fM Ir", v / 1e6);
	else if (cg)
		snprintf(buf, size, "%.0fk Ir", v / 1e3);
	else if (v >= 1e6)
		snprintf(buf, size, "%.2f s", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.2f ms", v / 1e3);
	else
		snprintf(buf, size, "%.0f us", v);
}

static void print_line(struct run *r, const struct figure *f, long size,
		       const char *value, const char *floor, double ratio)
{
	char ratio_s[32], goal_s[32];
	bool ok = ratio >= 0 && ratio <= f->goal;
	if (ratio >= 0)
		snprintf(ratio_s, sizeof ratio_s, "%.2fx", ratio);
	else
		snprintf(ratio_s, sizeof ratio_s, "-");
	snprintf(goal_s, sizeof goal_s, "%.1fx", f->goal);
	char line[256];
	snprintf(line, sizeof line, "%-32s %5s %12s %12s %8s %6s  %s",
		 f->label, size_label(size), value, floor, ratio_s, goal_s,
		 ok ? "ok" : "MISSED");
	if (isatty(2))
		fprintf(stderr, "\r\033[K");
	printf("%s\n", line);
	fflush(stdout);
	if (r->ci && (ratio < 0 || ratio > 2 * f->goal)) {
		size_t len = strlen(r->failures);
		snprintf(r->failures + len, sizeof r->failures - len, "  %s\n",
			 line);
		r->failed++;
	}
}

static void measure(struct run *r, const struct figure *f, long size)
{
	char sz[32], out[4096], log[4096], cgout[4096];
	snprintf(sz, sizeof sz, "%ld", size);
	snprintf(log, sizeof log, "%s/log-%s-%ld", r->dir, f->key, size);
	snprintf(cgout, sizeof cgout, "%s/cg-%s-%ld", r->dir, f->key, size);
	if (isatty(2))
		fprintf(stderr, "\r\033[Kbench: %s at %s%s...", f->label,
			size_label(size), r->cg && f->unit == U_TIME ?
			" (callgrind)" : "");
	char value[64], floor[64];
	if (f->unit == U_MEM) {
		char path[4096];
		snprintf(path, sizeof path, "%s/tp%ld.db", r->dir, size);
		char *argv[] = { arg(r->self), arg("mem"), path, NULL };
		struct rusage ru;
		struct stat sb;
		if (spawn(argv, log, out, sizeof out, &ru) != 0 ||
		    stat(path, &sb) != 0)
			goto failed;
		double rss = (double)ru.ru_maxrss * 1024;
		fmt_value(value, sizeof value, rss, U_MEM, false);
		fmt_value(floor, sizeof floor, (double)sb.st_size, U_MEM, false);
		print_line(r, f, size, value, floor, rss / (double)sb.st_size);
		return;
	}
	bool cg = r->cg && f->unit == U_TIME;
	char *cg_file = xasprintf("--callgrind-out-file=%s", cgout);
	char *vg_log = xasprintf("--log-file=%s.vg", log);
	char *argv_cg[] = { arg("/usr/bin/env"), arg("valgrind"),
		arg("--tool=callgrind"), cg_file, vg_log,
		arg("--collect-atstart=no"), arg("--toggle-collect=bench_figure"),
		arg("--toggle-collect=bench_floor"),
		arg("--dump-before=bench_dump"), arg(r->self), arg("child"),
		arg(f->key), sz, arg(r->dir), arg("cg"), NULL };
	char *argv_wall[] = { arg(r->self), arg("child"), arg(f->key), sz,
			      arg(r->dir), arg("wall"), NULL };
	int st = spawn(cg ? argv_cg : argv_wall, log, out, sizeof out, NULL);
	free(cg_file);
	free(vg_log);
	double fig, flo, per_fig, per_floor;
	if (st == 0 && !strncmp(out, "refused ", 8)) {
		out[strcspn(out, "\n")] = '\0';
		fprintf(stderr, "%s%s at %s refused: %s\n",
			isatty(2) ? "\r\033[K" : "", f->label, size_label(size),
			out + 8);
		print_line(r, f, size, "refused", "-", -1);
		return;
	}
	if (st != 0 || sscanf(out, "ok %lf %lf %lf %lf", &fig, &flo, &per_fig,
			      &per_floor) != 4)
		goto failed;
	if (cg) {
		char path[4200];
		snprintf(path, sizeof path, "%s.1", cgout);
		fig = read_ir(path);
		snprintf(path, sizeof path, "%s.2", cgout);
		flo = read_ir(path);
		if (fig < 0 || flo < 0)
			goto failed;
	}
	fig /= per_fig;
	flo /= per_floor;
	fmt_value(value, sizeof value, fig, f->unit, cg);
	fmt_value(floor, sizeof floor, flo, f->unit, cg);
	print_line(r, f, size, value, floor, flo > 0 ? fig / flo : -1);
	return;
failed:
	fprintf(stderr, "%sbench: %s at %s failed; its log, %s:\n",
		isatty(2) ? "\r\033[K" : "", f->label, size_label(size), log);
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "tail -n 20 '%s' >&2", log);
	if (system(cmd) != 0)
		fprintf(stderr, "(no log)\n");
	r->errors++;
}

/* Callgrind installed and working here (else: wall time). */
static bool have_valgrind(void)
{
	return system("valgrind --tool=callgrind --callgrind-out-file=/dev/null "
		      "true >/dev/null 2>&1") == 0;
}

/* Whether key is in the comma-separated list. */
static bool listed(const char *list, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = list; *p; p += strspn(p, ",")) {
		size_t k = strcspn(p, ",");
		if (k == n && !strncmp(p, key, n))
			return true;
		p += k;
	}
	return false;
}

static void usage(void)
{
	fputs("usage: tests/bench [--ci] [--wall] [--keep] [--sizes N,N...] "
	      "[--only FIG,FIG...] [--cache DIR]\n"
	      "  FIG: open md json html gaps cursor edit small bytes mem import\n"
	      "       tests/bench views VIEW ROWS KEYS\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "views"))
		return bench_views(argc, argv);
	setlocale(LC_ALL, "C.UTF-8");
	if (argc > 5 && !strcmp(argv[1], "child"))
		return child(argv);
	if (argc > 2 && !strcmp(argv[1], "mem"))
		return child_mem(argv[2]);
	struct run r = { 0 };
	const char *cache = "tests/bench-maps", *sizes = "100,10000,100000";
	const char *only = NULL;
	bool wall = false, keep = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ci"))
			r.ci = true;
		else if (!strcmp(argv[i], "--wall"))
			wall = true;
		else if (!strcmp(argv[i], "--keep"))
			keep = true;
		else if (!strcmp(argv[i], "--sizes") && i + 1 < argc)
			sizes = argv[++i];
		else if (!strcmp(argv[i], "--cache") && i + 1 < argc)
			cache = argv[++i];
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else
			usage();
	}
	if (r.ci)
		sizes = "10000";
	long want[3];
	int nsizes = 0;
	for (const char *p = sizes; *p && nsizes < 3; p += strspn(p, ",")) {
		char *end;
		long n = strtol(p, &end, 10);
		p = end;
		if (n != 100 && n != 10000 && n != 100000)
			usage();
		want[nsizes++] = n;
	}
	static char self[4096];
	ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
	if (k <= 0)
		die("cannot find this program: %s", strerror(errno));
	self[k] = '\0';
	r.self = self;
	r.cg = !wall && have_valgrind();
	if (mkdir(cache, 0777) != 0 && errno != EEXIST)
		die("%s: %s", cache, strerror(errno));
	static char dir[] = "/tmp/cxmap-bench-XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp: %s", strerror(errno));
	r.dir = dir;

	/* the maps, made once and kept; copies in dir for the children */
	char *p100 = gen_cached(cache, "tp100.db", 100, 100, false);
	char *c100 = xasprintf("%s/tp100.db", dir);
	copy_file(p100, c100);
	gen_check(c100, dir);
	for (int i = 0; i < nsizes; i++) {
		char file[64];
		snprintf(file, sizeof file, "tp%ld.db", want[i]);
		char *p = gen_cached(cache, file, want[i], 100, false);
		copy_file(p, xasprintf("%s/%s", dir, file));
		if (want[i] == 100)
			continue;
		snprintf(file, sizeof file, "in%ld.db", want[i]);
		p = gen_cached(cache, file, want[i], 100, true);
		copy_file(p, xasprintf("%s/%s", dir, file));
		p = gen_cached(cache, "small.db", 0, 0, true);
		copy_file(p, xasprintf("%s/small.db", dir));
		p = gen_cached(cache, "screen100.db", 100, 10, false);
		copy_file(p, xasprintf("%s/screen100.db", dir));
	}

	printf("cxmap %s: each figure against its floor, in %s\n", VERSION,
	       r.cg ? "instructions (callgrind Ir)"
		    : "wall time (the best of up to 7 rounds)");
	printf("%-32s %5s %12s %12s %8s %6s  %s\n", "figure", "size", "value",
	       "floor", "ratio", "goal", "result");
	fflush(stdout);
	for (int i = 0; i < nsizes; i++) {
		unsigned bit = want[i] == 100 ? S100 : want[i] == 10000 ? S10K
			       : S100K;
		for (size_t f = 0; f < NFIGURES; f++)
			if ((figures[f].sizes & bit) &&
			    (!only || listed(only, figures[f].key)))
				measure(&r, &figures[f], want[i]);
	}
	printf("floors: open: libsqlite3 reading every row and column of the "
	       "map's 8 tables;\n"
	       "  export, gaps: the same rows written as CSV; cursor move, "
	       "edit: the same on\n"
	       "  a 100-tp map that fills the screen as the big ones do (10 "
	       "stages of 10);\n"
	       "  200-tp map: the same map alone in its file; bytes: the "
	       "changed cells with\n"
	       "  their cursor moves and attribute changes, back to the normal "
	       "rendition;\n"
	       "  peak memory: the file's size; import: libsqlite3 inserting "
	       "the same rows\n"
	       "  (prepared statements, one transaction)\n");
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (keep)
		fprintf(stderr, "bench: the maps, logs and callgrind files "
			"(cg-FIGURE-SIZE.1 the figure, .2 its floor) are in %s\n",
			dir);
	else if (system(cmd) != 0)
		fprintf(stderr, "bench: could not remove %s\n", dir);
	if (r.errors)
		return 2;
	if (r.failed)
		fprintf(stderr, "bench: %d figure%s past twice %s goal:\n%s",
			r.failed, r.failed > 1 ? "s" : "",
			r.failed > 1 ? "their" : "its", r.failures);
	return r.failed ? 1 : 0;
}
