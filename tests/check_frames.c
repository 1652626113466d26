/* check_frames.c - the board redraws only what a key changed (issue 12):
 * after every key of a long walk over a map wider and taller than the
 * screen, the screen it leaves must be the one a full redraw makes, cell
 * for cell, attributes included; and after something else drew over the
 * body (a prompt), the next frame is a full one. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <curses.h>

#include "core/plan.h"
#include "core/store.h"
#include "testscreen.h"
#include "testutil.h"
#include "ui/app.h"

static SCREEN *screen;

static void screen_start(void)
{
	screen = ts_screen_start();
}

/* What the detail pane and the card markers show: some cards get a
 * metric (off target or on), a voice, an action, or are moments. */
static void plan_items(struct store *s, int64_t map, int64_t tp, size_t n)
{
	int64_t id;
	if (n % 3 == 0) {
		struct model_metric v;
		plan_init(PLAN_METRIC, &v);
		v.touchpoint_id = tp;
		plan_put(PLAN_METRIC, &v, PLAN_METRIC_NAME, "NPS");
		plan_put(PLAN_METRIC, &v, PLAN_METRIC_VALUE, n % 2 ? "31" : "45");
		plan_put(PLAN_METRIC, &v, PLAN_METRIC_TARGET, "40");
		ck_assert_int_eq(store_item_add(s, PLAN_METRIC, map, &v, &id),
				 STORE_OK);
		model_metric_clear(&v);
	}
	if (n % 4 == 1) {
		struct model_voice v;
		plan_init(PLAN_VOICE, &v);
		v.about = (struct model_ref){ MODEL_REF_TOUCHPOINT, tp };
		plan_put(PLAN_VOICE, &v, PLAN_VOICE_TEXT,
			 "We waited two weeks for a call back");
		ck_assert_int_eq(store_item_add(s, PLAN_VOICE, map, &v, &id),
				 STORE_OK);
		model_voice_clear(&v);
	}
	if (n % 5 == 2) {
		struct model_action v;
		plan_init(PLAN_ACTION, &v);
		v.fixes = (struct model_ref){ MODEL_REF_TOUCHPOINT, tp };
		plan_put(PLAN_ACTION, &v, PLAN_ACTION_TITLE, "Call within a day");
		plan_put(PLAN_ACTION, &v, PLAN_ACTION_DUE, "2020-01-01");
		ck_assert_int_eq(store_item_add(s, PLAN_ACTION, map, &v, &id),
				 STORE_OK);
		model_action_clear(&v);
	}
	if (n % 7 == 3)
		ck_assert_int_eq(store_tp_set_moment(s, tp, STORE_REV_ANY, true),
				 STORE_OK);
}

/* 12 stages of 0 to 20 cards: more columns and cards than fit. */
static struct store *wide_file(void)
{
	struct store *s = tu_open(tu_path("wide.db"));
	int64_t map, dept[4];
	const char *names[4] = { "Sales", "Service", "Product", "Billing" };
	ck_assert_int_eq(store_begin(s), STORE_OK);
	ck_assert_int_eq(store_map_create(s, "Wide", &map), STORE_OK);
	for (int d = 0; d < 4; d++)
		ck_assert_int_eq(store_dept_create(s, names[d], &dept[d]),
				 STORE_OK);
	for (size_t i = 0; i < 12; i++) {
		char name[64];
		int64_t st, tp;
		snprintf(name, sizeof name, "Stage %zu", i + 1);
		ck_assert_int_eq(store_stage_add(s, map, i, name, &st), STORE_OK);
		size_t n = (i * 7) % 21;
		for (size_t j = 0; j < n; j++) {
			snprintf(name, sizeof name, "Touchpoint %zu.%zu", i + 1,
				 j + 1);
			ck_assert_int_eq(store_tp_add(s, st, j, name, &tp),
					 STORE_OK);
			if ((i + j) % 4)
				store_tp_set_owner(s, tp, STORE_REV_ANY,
						   dept[(i + 2 * j) % 4]);
			store_tp_set_emotion(s, tp, STORE_REV_ANY, true,
					     (int)((i + j) % 5) - 2);
			plan_items(s, map, tp, i + j);
		}
	}
	ck_assert_int_eq(store_commit(s), STORE_OK);
	return s;
}

/* The whole screen, every cell with its attributes. */
static cchar_t *snapshot(void)
{
	cchar_t *v = calloc((size_t)(LINES * (COLS + 1)), sizeof *v);
	for (int y = 0; y < LINES; y++)
		mvin_wchnstr(y, 0, v + y * (COLS + 1), COLS);
	return v;
}

static void same_screen(const cchar_t *x, const cchar_t *y, int step)
{
	for (int r = 0; r < LINES; r++)
		for (int c = 0; c < COLS; c++) {
			const cchar_t *p = &x[r * (COLS + 1) + c];
			const cchar_t *q = &y[r * (COLS + 1) + c];
			wchar_t pw[8], qw[8];
			attr_t pa, qa;
			short pp, qp;
			getcchar(p, pw, &pa, &pp, NULL);
			getcchar(q, qw, &qa, &qp, NULL);
			ck_assert_msg(wcscmp(pw, qw) == 0 && pa == qa && pp == qp,
				      "key %d: cell %d,%d differs from a full "
				      "redraw ('%lc' vs '%lc', attr %lx vs %lx)",
				      step, r, c, (wint_t)pw[0], (wint_t)qw[0],
				      (unsigned long)pa, (unsigned long)qa);
		}
}

/* What the key left, then what a full frame draws: the same. */
static void check_frame(struct app *a, int step)
{
	app_draw(a);
	cchar_t *kept = snapshot();
	erase();
	a->frame_ok = false;	/* as after a prompt: a full frame */
	app_draw(a);
	cchar_t *full = snapshot();
	same_screen(kept, full, step);
	free(kept);
	free(full);
}

/* At 160 and 120 columns the detail pane is beside the board (its
 * content changes with every move); at 100 there is none. */
static const int widths[] = { 160, 120, 100 };

START_TEST(test_moves_draw_as_a_full_frame)
{
	struct store *s = wide_file();
	struct app a;
	screen_start();
	resizeterm(40, widths[_i]);
	ck_assert(app_open(&a, s, "Wide"));
	app_draw(&a);
	static const int keys[] = { KEY_DOWN, KEY_RIGHT, KEY_UP, KEY_LEFT,
				    KEY_END, KEY_HOME };
	unsigned seed = 7;
	for (int step = 0; step < 400; step++) {
		seed = seed * 1103515245u + 12345u;
		int key = keys[(seed >> 16) % 6];
		/* runs of one key: down a whole column, across every stage */
		for (unsigned k = (seed >> 8) % 4; k-- > 0;)
			app_feed(&a, key);
		app_feed(&a, key);
		check_frame(&a, step);
		if (step % 50 == 25) {
			/* something draws over the body, as a prompt does */
			app_host(&a);
			mvaddstr(10, 10, "a prompt was here");
			check_frame(&a, step);
		}
	}
	ck_assert_uint_gt(a.first_stage, 0);	/* it did scroll */
	app_close(&a);
	endwin();
	delscreen(screen);
	store_close(s);
	tu_cleanup();
}
END_TEST

/* The pane draws what anyone may have written in the file: escape
 * sequences and control characters never reach the screen raw, and the
 * text around them still shows. */
START_TEST(test_pane_hostile_texts)
{
	struct store *s = tu_open(tu_path("hostile.db"));
	int64_t map, st, tp, id;
	ck_assert_int_eq(store_begin(s), STORE_OK);
	ck_assert_int_eq(store_map_create(s, "Hostile", &map), STORE_OK);
	ck_assert_int_eq(store_stage_add(s, map, 0, "Use", &st), STORE_OK);
	ck_assert_int_eq(store_tp_add(s, st, 0, "Ticket\033[2J", &tp),
			 STORE_OK);
	struct model_metric mt;
	plan_init(PLAN_METRIC, &mt);
	mt.touchpoint_id = tp;
	plan_put(PLAN_METRIC, &mt, PLAN_METRIC_NAME, "CES\033]0;owned\007");
	plan_put(PLAN_METRIC, &mt, PLAN_METRIC_VALUE, "5");
	plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, "3");
	plan_put(PLAN_METRIC, &mt, PLAN_METRIC_BETTER, "lower");
	ck_assert_int_eq(store_item_add(s, PLAN_METRIC, map, &mt, &id),
			 STORE_OK);
	model_metric_clear(&mt);
	struct model_voice v;
	plan_init(PLAN_VOICE, &v);
	v.about = (struct model_ref){ MODEL_REF_TOUCHPOINT, tp };
	plan_put(PLAN_VOICE, &v, PLAN_VOICE_TEXT,
		 "Tab\there\rand\x1b[31mred\xe2\x80\xae" "flip");
	ck_assert_int_eq(store_item_add(s, PLAN_VOICE, map, &v, &id), STORE_OK);
	model_voice_clear(&v);
	ck_assert_int_eq(store_commit(s), STORE_OK);
	struct app a;
	screen_start();
	ck_assert(app_open(&a, s, "Hostile"));
	app_feed(&a, KEY_DOWN);	/* the card */
	app_draw(&a);
	int pane = COLS - COLS / 3;
	bool metric = false, voice = false;
	for (int y = 0; y < LINES; y++) {
		wchar_t line[512];
		for (int x = 0; x < COLS && x < 511; x++) {
			cchar_t c;
			wchar_t w[8];
			attr_t at;
			short pair;
			mvin_wch(y, x, &c);
			getcchar(&c, w, &at, &pair, NULL);
			ck_assert_msg(w[0] >= 0x20 && !(w[0] >= 0x7f && w[0] < 0xa0) &&
				      w[0] != 0x202e,
				      "a control character at %d,%d", y, x);
			line[x] = w[0];
			line[x + 1] = 0;
		}
		metric |= wcsstr(line + pane, L"CES") && wcsstr(line, L"off target");
		voice |= wcsstr(line + pane, L"Tab") != NULL;
	}
	ck_assert_msg(metric, "the pane shows the metric, off target");
	ck_assert_msg(voice, "the pane shows the voice");
	app_close(&a);
	endwin();
	delscreen(screen);
	store_close(s);
	tu_cleanup();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("frames");
	TCase *tc = tcase_create("board");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_moves_draw_as_a_full_frame, 0,
			    (int)(sizeof widths / sizeof *widths));
	tcase_add_test(tc, test_pane_hostile_texts);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
