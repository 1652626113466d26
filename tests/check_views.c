/* check_views.c - the views' contract: moving the cursor and drawing
 * read nothing from the file (each view reads what it shows on reload),
 * in every view, on a headless 160x40 screen; and the key table: no key
 * bound twice where it is looked up, every action on the help screen,
 * in --help and the man page, and in the bar where it has a label. */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "core/store.h"
#include "testscreen.h"
#include "testutil.h"
#include "ui/actions.h"
#include "ui/app.h"
#include "ui/help.h"
#include "ui/view.h"

static SCREEN *screen;

static void screen_start(void)
{
	screen = ts_screen_start();
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

/* An action due tomorrow is overdue the day after, in a session left
 * open overnight: the next change works the findings out for the new day
 * (an incremental update would keep the day the map was opened on). */
START_TEST(test_overdue_after_midnight)
{
	struct store *s = rows_file();
	setenv("CXMAP_TEST_NOW", "1796000000", 1);	/* 2026-11-30 */
	int64_t map = 0;
	ck_assert_int_eq(store_map_find(s, "Map 00", &map), STORE_OK);
	struct model_action act;
	plan_init(PLAN_ACTION, &act);
	ck_assert(plan_put(PLAN_ACTION, &act, PLAN_ACTION_TITLE, "Call back"));
	ck_assert(plan_put(PLAN_ACTION, &act, PLAN_ACTION_DUE, "2026-12-01"));
	int64_t id = 0;
	ck_assert_int_eq(store_item_add(s, PLAN_ACTION, map, &act, &id),
			 STORE_OK);
	model_action_clear(&act);
	struct app a;
	screen_start();
	ck_assert(app_open(&a, s, "Views"));
	ck_assert_uint_eq(a.analysis->counts[ANALYSIS_ACTION_OVERDUE], 0);
	setenv("CXMAP_TEST_NOW", "1796176800", 1);	/* 2026-12-02 */
	struct analysis_change ch = { .plan_same = true };
	app_map_changed(&a, &ch);
	ck_assert_uint_eq(a.analysis->counts[ANALYSIS_ACTION_OVERDUE], 1);
	app_close(&a);
	endwin();
	delscreen(screen);
	store_close(s);
	unsetenv("CXMAP_TEST_NOW");
	tu_cleanup();
}
END_TEST

/* Where a context's keys are looked up after its own. */
static bool ctx_falls_to(enum ui_context c, enum ui_context other)
{
	if (ACTIONS_IS_VIEW(c) && c != CTX_ALL && c != CTX_NAV)
		return other == CTX_NAV || other == CTX_ALL;
	if (c == CTX_NAV)
		return other == CTX_ALL;
	return actions_fallback(c) == other && other != c;
}

static bool binds(const struct ui_action_info *i, int key)
{
	return key && (i->key1 == key || i->key2 == key);
}

/* A key means one action in a context, and does not hide one of the
 * contexts looked up after it (a view's key over a global one). */
START_TEST(test_keys_once)
{
	for (const struct ui_action_info *i = ui_actions; i->id; i++) {
		ck_assert_msg(i->key1 != i->key2, "%s: the same key twice",
			      i->keys);
		for (const struct ui_action_info *j = ui_actions; j->id; j++) {
			if (j == i)
				continue;
			bool same = i->context == j->context;
			if (!same && !ctx_falls_to(i->context, j->context))
				continue;
			ck_assert_msg(!binds(j, i->key1) && !binds(j, i->key2),
				      "%s (\"%s\") is bound again in context %d (\"%s\")",
				      i->keys, i->help, j->context, j->help);
		}
	}
}
END_TEST

static char *print_to_string(void (*print)(FILE *))
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	print(f);
	fclose(f);
	return s;
}

/* Every action is listed, with its keys, by --help and the man page. */
START_TEST(test_keys_listed)
{
	char *help = print_to_string(actions_print_help);
	char *man = print_to_string(actions_print_man);
	for (const struct ui_action_info *i = ui_actions; i->id; i++) {
		char line[512];
		snprintf(line, sizeof line, "  %s", i->keys);
		ck_assert_msg(strstr(help, line) && strstr(help, i->help),
			      "--help lacks %s: %s", i->keys, i->help);
		/* the man page escapes '-' */
		char esc[256], *o = esc;
		for (const char *k = i->keys; *k && o < esc + 250; k++) {
			if (*k == '-')
				*o++ = '\\';
			*o++ = *k;
		}
		*o = '\0';
		snprintf(line, sizeof line, ".B %s\n", esc);
		ck_assert_msg(strstr(man, line) != NULL, "man page lacks %s",
			      i->keys);
	}
	free(help);
	free(man);
}
END_TEST

/* An action with a bar label is in the bar of its view (of every view
 * for a global one); modal screens have no bar, so no labels. */
START_TEST(test_keys_in_bar)
{
	for (const struct ui_action_info *i = ui_actions; i->id; i++) {
		if (!i->bar)
			continue;
		ck_assert_msg(ACTIONS_IS_VIEW(i->context) && i->context != CTX_NAV,
			      "%s has a bar label but no bar shows it", i->keys);
		for (size_t v = 0; v < views_count; v++) {
			enum ui_context c = views_all[v]->ctx;
			if (i->context != CTX_ALL && i->context != c)
				continue;
			const struct ui_action_info *bar[64];
			size_t n = actions_bar(c, bar, 64);
			bool found = false;
			for (size_t k = 0; k < n; k++)
				found |= bar[k] == i;
			ck_assert_msg(found, "%s is not in the bar of the %s view",
				      i->keys, views_all[v]->name);
		}
	}
	/* and every view context is some view's */
	for (int c = CTX_BOARD; ACTIONS_IS_VIEW(c); c++) {
		bool used = false;
		for (size_t v = 0; v < views_count; v++)
			used |= (int)views_all[v]->ctx == c;
		ck_assert_msg(used, "context %d has keys but no view", c);
	}
}
END_TEST

/* Every action's keys and the start of its description are on the help
 * screen (scrolled line by line to its end). */
START_TEST(test_keys_on_help_screen)
{
	screen_start();
	char *seen = NULL;
	size_t len = 0;
	struct help_state hs = { .open = true };
	for (int page = 0; page < 400 && hs.open; page++) {
		help_draw(&hs);
		for (int y = 0; y < LINES; y++) {
			char row[512];
			mvinnstr(y, 0, row, COLS < 500 ? COLS : 500);
			seen = realloc(seen, len + strlen(row) + 2);
			strcpy(seen + len, row);
			len += strlen(row);
			seen[len++] = '\n';
			seen[len] = '\0';
		}
		help_action(&hs, page < 399 ? ACT_HELP_DOWN : ACT_HELP_CLOSE);
	}
	ck_assert(!hs.open);
	endwin();
	delscreen(screen);
	for (const struct ui_action_info *i = ui_actions; i->id; i++) {
		char start[24];
		snprintf(start, sizeof start, "%s", i->help);
		if (strchr(start, ' '))	/* whole words: lines wrap there */
			*strrchr(start, ' ') = '\0';
		ck_assert_msg(strstr(seen, i->keys) && strstr(seen, start),
			      "the help screen lacks %s: %s", i->keys, i->help);
	}
	free(seen);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("views");
	TCase *tc = tcase_create("contract");
	tcase_add_test(tc, test_moves_read_nothing);
	tcase_add_test(tc, test_overdue_after_midnight);
	suite_add_tcase(s, tc);
	tc = tcase_create("keys");
	tcase_add_test(tc, test_keys_once);
	tcase_add_test(tc, test_keys_listed);
	tcase_add_test(tc, test_keys_in_bar);
	tcase_add_test(tc, test_keys_on_help_screen);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
