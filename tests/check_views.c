/* check_views.c - the views' contract: moving the cursor and drawing
 * read nothing from the file (each view reads what it shows on reload),
 * in every view, on a headless 160x40 screen. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include <curses.h>

#include "core/store.h"
#include "testutil.h"
#include "ui/app.h"

static SCREEN *screen;

static void screen_start(void)
{
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "160", 1);
	setenv("TERM", "xterm-256color", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	ck_assert(out && in);
	screen = newterm(NULL, out, in);
	ck_assert(screen != NULL);
}

/* A file with 12 maps and 12 departments (and so a history). */
static struct store *rows_file(void)
{
	struct store *s = tu_open(tu_path("rows.db"));
	for (int i = 0; i < 12; i++) {
		char name[32];
		int64_t id;
		snprintf(name, sizeof name, "Map %02d", i);
		ck_assert_int_eq(store_map_create(s, name, &id), STORE_OK);
		snprintf(name, sizeof name, "Department %02d", i);
		ck_assert_int_eq(store_dept_create(s, name, &id), STORE_OK);
	}
	tu_sample_map(s, "Sample");
	return s;
}

/* In every view (Tab goes through them all): after the view is drawn
 * once, cursor moves and redraws prepare no SQL statement. */
START_TEST(test_moves_read_nothing)
{
	struct store *s = rows_file();
	struct app a;
	screen_start();
	ck_assert(app_open(&a, s, "Views"));
	size_t first = a.view;
	static const int moves[] = { KEY_DOWN, KEY_DOWN, KEY_UP, KEY_END,
				     KEY_HOME, KEY_DOWN, KEY_RIGHT, KEY_LEFT };
	int seen = 0;
	do {
		app_draw(&a);
		uint64_t before = store_statements(s);
		for (size_t k = 0; k < sizeof moves / sizeof *moves; k++) {
			app_feed(&a, moves[k]);
			app_draw(&a);
		}
		ck_assert_msg(store_statements(s) == before,
			      "view %zu read the file %llu times moving around",
			      a.view, (unsigned long long)(store_statements(s) -
							   before));
		app_feed(&a, '\t');
		seen++;
	} while (a.view != first && seen < 20);
	ck_assert_int_ge(seen, 6);
	app_close(&a);
	endwin();
	delscreen(screen);
	store_close(s);
	tu_cleanup();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("views");
	TCase *tc = tcase_create("contract");
	tcase_add_test(tc, test_moves_read_nothing);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
