/* check_plan.c - the facts core/plan.c works out and the one text form
 * of the fields (issue 13): dates, numbers whatever the locale, on and
 * off target in both directions, overdue actions and the backlog's
 * order.  Pure: no file, no store. */
#include <config.h>

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "core/plan.h"
#include "testutil.h"
#include "util/xalloc.h"

static void teardown(void)
{
	tu_cleanup();
}

START_TEST(test_dates)
{
	const char *good[] = { "2026-11-30", "2024-02-29", "2000-02-29",
			       "0001-01-01", "9999-12-31", "2026-04-30" };
	const char *bad[] = { "", "2023-02-29", "1900-02-29", "2026-13-01",
			      "2026-00-10", "2026-04-31", "2026-01-00",
			      "2026-4-01", "2026-04-1", "26-04-01",
			      "2026/04/01", "2026-04-01x", " 2026-04-01",
			      "0000-01-01", "2026-0a-01", "tomorrow" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(plan_date_valid(good[i]), "%s refused", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!plan_date_valid(bad[i]), "%s taken", bad[i]);
	ck_assert(!plan_date_valid(NULL));
	/* a date field takes a real day or nothing, and says so */
	ck_assert_ptr_null(plan_check(PLAN_ACTION, PLAN_ACTION_DUE, ""));
	ck_assert_ptr_null(plan_check(PLAN_ACTION, PLAN_ACTION_DUE,
				      "2024-02-29"));
	ck_assert_str_eq(plan_check(PLAN_ACTION, PLAN_ACTION_DUE, "2023-02-29"),
			 "a date as YYYY-MM-DD, or nothing");
}
END_TEST

/* A value written, read back and written again is the same number. */
static void round_trip(double v)
{
	struct model_metric mt;
	plan_init(PLAN_METRIC, &mt);
	mt.has_value = true;
	mt.value = v;
	char *text = plan_get(PLAN_METRIC, &mt, PLAN_METRIC_VALUE);
	ck_assert_msg(strchr(text, ',') == NULL, "%s has a comma", text);
	mt.value = 0;
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_VALUE, text));
	ck_assert_msg(mt.has_value && mt.value == v, "%s read back as %g",
		      text, mt.value);
	ck_assert_str_eq(mt.value_text, "");
	free(text);
	model_metric_clear(&mt);
}

static void numbers_in_this_locale(void)
{
	const double values[] = { 0, 3.5, -2.25, 0.1, 1e-7, 123456789.125,
				  72, 1e21, 4.35 };
	for (size_t i = 0; i < sizeof values / sizeof *values; i++)
		round_trip(values[i]);
	struct model_metric mt;
	plan_init(PLAN_METRIC, &mt);
	/* files and forms write '.', whatever the locale */
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, "4.5"));
	ck_assert(mt.has_target && mt.target == 4.5);
	ck_assert_str_eq(plan_check(PLAN_METRIC, PLAN_METRIC_TARGET, "4,5"),
			 "a number, such as 42 or 3.5, or nothing");
	ck_assert(!plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, "4,5"));
	ck_assert(mt.target == 4.5);	/* refused: unchanged */
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, ""));
	ck_assert(!mt.has_target);
	/* a value that is not a number is kept as it was written */
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_VALUE, "4,5 stars"));
	ck_assert(!mt.has_value);
	ck_assert_str_eq(mt.value_text, "4,5 stars");
	char *text = plan_get(PLAN_METRIC, &mt, PLAN_METRIC_VALUE);
	ck_assert_str_eq(text, "4,5 stars");
	free(text);
	ck_assert(!plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, "inf"));
	ck_assert(!plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, "1e999"));
	model_metric_clear(&mt);
}

START_TEST(test_numbers)
{
	numbers_in_this_locale();
}
END_TEST

/* In a locale that writes 3,5 the texts are still 3.5: what is in a
 * file does not depend on who saved it. */
START_TEST(test_numbers_comma_locale)
{
	const char *names[] = { "es_ES.UTF-8", "es_ES.utf8", "de_DE.UTF-8",
				"fr_FR.UTF-8" };
	const char *got = NULL;
	for (size_t i = 0; !got && i < sizeof names / sizeof *names; i++)
		got = setlocale(LC_ALL, names[i]);
	if (!got || strcmp(localeconv()->decimal_point, ",") != 0) {
		setlocale(LC_ALL, "C");
		return;	/* no comma-decimal locale installed */
	}
	numbers_in_this_locale();
	setlocale(LC_ALL, "C");
}
END_TEST

static struct model_metric metric(const char *value, const char *target,
				  const char *better)
{
	struct model_metric mt;
	plan_init(PLAN_METRIC, &mt);
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_VALUE, value));
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_TARGET, target));
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_BETTER, better));
	return mt;
}

START_TEST(test_target)
{
	static const struct {
		const char *value, *target, *better;
		enum plan_target want;
	} cases[] = {
		{ "3.9", "4.5", "higher", PLAN_OFF_TARGET },
		{ "4.6", "4.5", "higher", PLAN_ON_TARGET },
		{ "4.5", "4.5", "higher", PLAN_ON_TARGET },	/* met */
		{ "-10", "0", "higher", PLAN_OFF_TARGET },	/* NPS below 0 */
		{ "5", "3", "lower", PLAN_OFF_TARGET },		/* CES */
		{ "2", "3", "lower", PLAN_ON_TARGET },
		{ "3", "3", "lower", PLAN_ON_TARGET },
		{ "120", "", "lower", PLAN_NO_TARGET },
		{ "", "3", "higher", PLAN_NO_TARGET },
		{ "good", "3", "higher", PLAN_NO_TARGET },	/* a v1 text */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct model_metric mt = metric(cases[i].value, cases[i].target,
						cases[i].better);
		ck_assert_msg(plan_metric_target(&mt) == cases[i].want,
			      "%s against %s, %s is better", cases[i].value,
			      cases[i].target, cases[i].better);
		model_metric_clear(&mt);
	}
	/* turning "better" round turns the answer round */
	struct model_metric mt = metric("3.9", "4.5", "higher");
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_BETTER, "lower"));
	ck_assert_int_eq(plan_metric_target(&mt), PLAN_ON_TARGET);
	ck_assert(!plan_put(PLAN_METRIC, &mt, PLAN_METRIC_BETTER, "more"));
	ck_assert_int_eq(mt.better, MODEL_BETTER_LOWER);
	model_metric_clear(&mt);
}
END_TEST

static struct model_action action(int64_t id, const char *status,
				  const char *due, const char *impact,
				  const char *effort, int64_t created)
{
	struct model_action a;
	plan_init(PLAN_ACTION, &a);
	a.id = id;
	a.created = created;
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_TITLE, "a"));
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_STATUS, status));
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_DUE, due));
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_IMPACT, impact));
	ck_assert(plan_put(PLAN_ACTION, &a, PLAN_ACTION_EFFORT, effort));
	return a;
}

/* What a document writes for a value and a target (plain text). */
START_TEST(test_amount)
{
	struct model_metric mt = metric("18", "5", "lower");
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_UNIT, "%"));
	char *v = plan_metric_amount(&mt, false), *t = plan_metric_amount(&mt, true);
	ck_assert_str_eq(v, "18 %");
	ck_assert_str_eq(t, "\xe2\x89\xa4 5 %");	/* ≤ 5 % */
	free(v);
	free(t);
	model_metric_clear(&mt);
	mt = metric("good", "", "higher");	/* a v1 text: no unit after it */
	ck_assert(plan_put(PLAN_METRIC, &mt, PLAN_METRIC_UNIT, "pts"));
	v = plan_metric_amount(&mt, false);
	t = plan_metric_amount(&mt, true);
	ck_assert_str_eq(v, "good");
	ck_assert_str_eq(t, "");
	free(v);
	free(t);
	model_metric_clear(&mt);
}
END_TEST

START_TEST(test_overdue)
{
	const char *today = "2026-11-30";
	static const struct {
		const char *status, *due;
		bool live, overdue;
	} cases[] = {
		{ "idea", "2026-11-29", true, true },
		{ "planned", "2025-01-01", true, true },
		{ "doing", "2026-11-29", true, true },
		{ "doing", "2026-11-30", true, false },	/* due today */
		{ "planned", "2026-12-01", true, false },
		{ "planned", "", true, false },		/* no due date */
		{ "done", "2026-01-01", false, false },
		{ "dropped", "2026-01-01", false, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct model_action a = action(1, cases[i].status, cases[i].due,
					       "2", "2", 0);
		ck_assert_msg(plan_action_live(&a) == cases[i].live &&
			      plan_action_overdue(&a, today) == cases[i].overdue,
			      "%s due %s", cases[i].status, cases[i].due);
		model_action_clear(&a);
	}
}
END_TEST

/* The backlog: impact over effort, then the sooner due date (none
 * last), then the older action. */
START_TEST(test_backlog_order)
{
	struct model_action v[] = {
		action(1, "idea", "", "1", "3", 10),		/* 1/3 */
		action(2, "planned", "2026-12-01", "2", "2", 20),	/* 1, later */
		action(3, "planned", "", "3", "1", 30),		/* 3 */
		action(4, "doing", "2026-11-01", "2", "2", 40),	/* 1, sooner */
		action(5, "idea", "", "3", "3", 5),		/* 1, no date, old */
		action(6, "idea", "", "2", "2", 6),		/* 1, no date, newer */
		action(7, "planned", "", "2", "1", 50),		/* 2 */
		action(8, "idea", "", "2", "3", 60),		/* 2/3 */
	};
	const int64_t want[] = { 3, 7, 4, 2, 5, 6, 8, 1 };
	size_t n = sizeof v / sizeof *v;
	qsort(v, n, sizeof *v, plan_action_compare);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(v[i].id == want[i], "place %zu: action %jd, want "
			      "%jd", i, (intmax_t)v[i].id, (intmax_t)want[i]);
	/* the same the other way round: the order is total */
	for (size_t i = 0; i + 1 < n; i++) {
		ck_assert_int_lt(plan_action_compare(&v[i], &v[i + 1]), 0);
		ck_assert_int_gt(plan_action_compare(&v[i + 1], &v[i]), 0);
	}
	ck_assert_int_eq(plan_action_compare(&v[0], &v[0]), 0);
	for (size_t i = 0; i < n; i++)
		model_action_clear(&v[i]);
}
END_TEST

/* The index of which items belong to which (the exporters' one pass)
 * lists, for each touchpoint, stage, gap, silo and the journey, the
 * same positions a scan of the whole list finds, in the list's order. */
static void same_as_scan(const struct plan_index *x, enum plan_item k,
			 const struct model_map *m, struct model_ref r)
{
	size_t n, want = 0;
	const size_t *at = k == PLAN_METRIC ? plan_index_metrics(x, r.id, &n)
		: k == PLAN_VOICE ? plan_index_voices(x, r, &n)
		: plan_index_actions(x, r, &n);
	size_t len = k == PLAN_METRIC ? m->nmetrics
		: k == PLAN_VOICE ? m->nvoices : m->nactions;
	for (size_t i = 0; i < len; i++) {
		bool of = k == PLAN_METRIC ? m->metrics[i].touchpoint_id == r.id
			: k == PLAN_VOICE ? m->voices[i].about.kind == r.kind &&
					    m->voices[i].about.id == r.id
			: m->actions[i].fixes.kind == r.kind &&
			  m->actions[i].fixes.id == r.id;
		if (!of)
			continue;
		ck_assert_uint_lt(want, n);
		ck_assert_uint_eq(at[want], i);
		want++;
	}
	ck_assert_uint_eq(n, want);
}

START_TEST(test_index)
{
	struct model_map *m = tb_map("Index");
	int64_t d1 = tb_dept(m, "Sales"), d2 = tb_dept(m, "Support");
	int64_t s1 = tb_stage(m, "Buy"), s2 = tb_stage(m, "Use");
	int64_t a = tb_tp(m, s1, "Ad", d1), b = tb_tp(m, s1, "Call", d2);
	int64_t c = tb_tp(m, s2, "Bill", 0);
	int64_t g = tb_gap(m, s1, b, MODEL_SEV_HIGH, MODEL_OPEN);
	int64_t k = tb_silo(m, d1, d2, b, MODEL_OPEN);
	/* interleaved, so that a touchpoint's items are not side by side */
	tb_metric(m, b, "CSAT", "4", "", "higher");
	tb_metric(m, a, "NPS", "10", "30", "higher");
	tb_metric(m, 0, "Churn", "5", "3", "lower");
	tb_metric(m, b, "CES", "", "", "lower");
	tb_voice(m, MODEL_REF_TOUCHPOINT, b, MODEL_VOICE_CUSTOMER, "Slow");
	tb_voice(m, MODEL_REF_STAGE, s1, MODEL_VOICE_EMPLOYEE, "Busy");
	tb_voice(m, MODEL_REF_GAP, g, MODEL_VOICE_DATA, "40% drop");
	tb_voice(m, MODEL_REF_TOUCHPOINT, b, MODEL_VOICE_PARTNER, "Late");
	tb_action(m, MODEL_REF_GAP, g, "Faster", d2, MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_MAP, 0, "Measure", d1, MODEL_ACTION_DONE, "");
	tb_action(m, MODEL_REF_SILO, k, "Meet", d1, MODEL_ACTION_DOING, "");
	tb_action(m, MODEL_REF_GAP, g, "Call back", 0, MODEL_ACTION_IDEA, "");
	struct plan_index *x = plan_index_new(m);
	const int64_t tps[] = { 0, a, b, c, 999 };
	for (size_t i = 0; i < sizeof tps / sizeof *tps; i++) {
		same_as_scan(x, PLAN_METRIC, m,
			     (struct model_ref){ MODEL_REF_TOUCHPOINT, tps[i] });
		same_as_scan(x, PLAN_VOICE, m,
			     (struct model_ref){ MODEL_REF_TOUCHPOINT, tps[i] });
		same_as_scan(x, PLAN_ACTION, m,
			     (struct model_ref){ MODEL_REF_TOUCHPOINT, tps[i] });
	}
	const struct model_ref refs[] = {
		{ MODEL_REF_STAGE, s1 }, { MODEL_REF_STAGE, s2 },
		{ MODEL_REF_GAP, g }, { MODEL_REF_SILO, k },
		{ MODEL_REF_MAP, 0 }, { MODEL_REF_GAP, b },
	};
	for (size_t i = 0; i < sizeof refs / sizeof *refs; i++) {
		same_as_scan(x, PLAN_VOICE, m, refs[i]);
		same_as_scan(x, PLAN_ACTION, m, refs[i]);
	}
	/* touchpoint b's two metrics, in the list's order */
	size_t n;
	const size_t *at = plan_index_metrics(x, b, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(m->metrics[at[0]].name, "CSAT");
	ck_assert_str_eq(m->metrics[at[1]].name, "CES");
	plan_index_free(x);
	/* an empty map has empty lists */
	struct model_map *e = tb_map("Empty");
	x = plan_index_new(e);
	plan_index_metrics(x, 0, &n);
	ck_assert_uint_eq(n, 0);
	plan_index_free(x);
	model_map_free(e);
	model_map_free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("facts");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_numbers_comma_locale);
	tcase_add_test(tc, test_target);
	tcase_add_test(tc, test_amount);
	tcase_add_test(tc, test_overdue);
	tcase_add_test(tc, test_backlog_order);
	tcase_add_test(tc, test_index);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
