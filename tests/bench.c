/* bench.c - what a keystroke costs on the board, for a small map and a
 * 10,000-touchpoint one, measured side by side in one run.
 *
 *   make bench        (or: tests/bench [ROUNDS])
 *
 * Both maps fill the 160x40 screen, so both draw the same amount: what
 * the ratio shows is what the size of the map costs on its own.
 * Drives the real interface code (app_feed + app_draw) on a curses screen
 * whose output goes to /dev/null, so it measures cxmap, not a terminal.
 * Rounds alternate between the two maps so that both see the same
 * machine; the figure to read is the ratio of the medians.
 *
 *   tests/bench views VIEW ROWS KEYS
 *
 * moves the cursor KEYS times in the maps (m), departments (D) or
 * history (w) view of a file with ROWS maps, departments and history
 * rows, in bench_view_keys(): tests/bench-views.sh counts its
 * instructions with callgrind (--toggle-collect), `make bench` runs it. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "core/store.h"
#include "ui/app.h"

#define KEYS_PER_ROUND 400

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void build(const char *path, size_t stages, size_t per_stage)
{
	struct store *s;
	if (store_open(path, 0, &s) != STORE_OK)
		exit(1);
	int64_t map, dept[6];
	const char *names[6] = { "Marketing", "Sales", "Product", "Service",
				 "Success", "Finance" };
	store_begin(s);
	store_map_create(s, "Bench", &map);
	for (int d = 0; d < 6; d++)
		store_dept_create(s, names[d], &dept[d]);
	for (size_t i = 0; i < stages; i++) {
		char name[64];
		int64_t st, tp;
		snprintf(name, sizeof name, "Stage %zu", i + 1);
		store_stage_add(s, map, i, name, &st);
		for (size_t j = 0; j < per_stage; j++) {
			snprintf(name, sizeof name, "Touchpoint %zu.%zu", i + 1,
				 j + 1);
			store_tp_add(s, st, j, name, &tp);
			if ((i + j) % 5)	/* some unowned, for findings */
				store_tp_set_owner(s, tp, STORE_REV_ANY,
						   dept[(i + j) % 6]);
			store_tp_set_emotion(s, tp, STORE_REV_ANY,
					     true, (int)((i + j) % 5) - 2);
		}
	}
	if (store_commit(s) != STORE_OK)
		exit(1);
	store_close(s);
}

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
		app_draw(a);
		wnoutrefresh(stdscr);
		doupdate();
	}
}

static bool bench_screen(void)
{
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "160", 1);
	if (!getenv("TERM"))
		setenv("TERM", "xterm-256color", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	return out && in && newterm(NULL, out, in);
}

/* tests/bench views VIEW ROWS KEYS: prints microseconds per key (the
 * best of 5 rounds); instructions come from callgrind around it. */
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
	if (!bench_screen() || store_open(path, 0, &s) != STORE_OK ||
	    !app_open(&a, s, "Bench"))
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

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Microseconds per keystroke over one round of moving around. */
static double round_us(struct app *a)
{
	static const int keys[] = { KEY_DOWN, KEY_DOWN, KEY_DOWN, KEY_RIGHT,
				    KEY_UP, KEY_DOWN, KEY_RIGHT, KEY_LEFT };
	double t0 = now_us();
	for (int k = 0; k < KEYS_PER_ROUND; k++) {
		app_feed(a, keys[k % 8]);
		app_draw(a);
		wnoutrefresh(stdscr);
		doupdate();
	}
	return (now_us() - t0) / KEYS_PER_ROUND;
}

/* Microseconds for one saved edit and its undo (each reloads the map). */
static double edit_us(struct app *a)
{
	double t0 = now_us();
	const struct model_stage *sg = app_stage(a);
	for (int k = 0; k < 10; k++) {
		edit_stage_set(a->edit, a->map, sg->id, STORE_STAGE_DESCRIPTION,
			       k % 2 ? "odd" : "even");
		app_reload(a);
		sg = app_stage(a);
	}
	return (now_us() - t0) / 10;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "views") == 0)
		return bench_views(argc, argv);
	int rounds = argc > 1 ? atoi(argv[1]) : 7;
	if (rounds < 1)
		rounds = 7;
	char dir[] = "/tmp/cxmap-bench-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char small[64], large[64];
	snprintf(small, sizeof small, "%s/small.db", dir);
	snprintf(large, sizeof large, "%s/large.db", dir);
	/* both fill the screen, so both draw the same amount */
	build(small, 4, 12);	/* 48 touchpoints */
	build(large, 25, 400);	/* 10,000 touchpoints */

	if (!bench_screen())
		return 1;

	struct store *ss, *ls;
	struct app as, al;
	if (store_open(small, 0, &ss) != STORE_OK ||
	    store_open(large, 0, &ls) != STORE_OK ||
	    !app_open(&as, ss, "Bench") || !app_open(&al, ls, "Bench"))
		return 1;
	double *rs = calloc((size_t)rounds, sizeof *rs);
	double *rl = calloc((size_t)rounds, sizeof *rl);
	for (int r = 0; r < rounds; r++) {
		rs[r] = round_us(&as);
		rl[r] = round_us(&al);
	}
	/* the gaps view lists every finding: sorting and grouping them is
	 * linear-ish in the map, drawing only what is on screen */
	app_show_view(&as, "gaps");
	app_show_view(&al, "gaps");
	double gs = round_us(&as), gl = round_us(&al);
	app_show_view(&as, "board");
	app_show_view(&al, "board");
	double es = edit_us(&as), el = edit_us(&al);
	endwin();
	qsort(rs, (size_t)rounds, sizeof *rs, cmp_double);
	qsort(rl, (size_t)rounds, sizeof *rl, cmp_double);
	double ms = rs[rounds / 2], ml = rl[rounds / 2];
	printf("moving on the board, median of %d rounds of %d keys (draw included):\n",
	       rounds, KEYS_PER_ROUND);
	printf("  %-28s %8.1f us per key\n", "48 touchpoints:", ms);
	printf("  %-28s %8.1f us per key\n", "10,000 touchpoints:", ml);
	printf("  ratio large/small:           %8.2f\n", ml / ms);
	printf("moving in the gaps view (%zu and %zu findings), one round:\n",
	       as.analysis->nfindings, al.analysis->nfindings);
	printf("  %-28s %8.1f us per key\n", "48 touchpoints:", gs);
	printf("  %-28s %8.1f us per key\n", "10,000 touchpoints:", gl);
	printf("  ratio large/small:           %8.2f\n", gl / gs);
	printf("saving an edit (one transaction, then reload and analysis):\n");
	printf("  %-28s %8.1f us\n", "48 touchpoints:", es);
	printf("  %-28s %8.1f us\n", "10,000 touchpoints:", el);
	printf("  ratio large/small:           %8.2f\n", el / es);
	app_close(&as);
	app_close(&al);
	store_close(ss);
	store_close(ls);
	free(rs);
	free(rl);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
