/* check_report.c - the "cxmap gaps" report (io/report_gaps) on maps built
 * in memory: the text people read, the JSON scripts read, control
 * characters in names, and the kinds' keys as the one table in
 * analysis.h gives them (also the ones doc/GAPS.md documents). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "builder.h"
#include "core/analysis.h"
#include "io/report_gaps.h"
#include "testmaps.h"
#include "testutil.h"

/* Two stages that hand off across a silo (a risk Sales accepted), an
 * empty stage, a pain point with a gap recorded on it, a customer's
 * voice behind it and an overdue action fixing it, a resolved gap. */
static struct model_map *sample(const char *name, const char *stage)
{
	struct model_map *m = tb_map(name);
	int64_t mk = tb_dept(m, "Marketing"), sa = tb_dept(m, "Sales");
	int64_t aw = tb_stage(m, stage);
	tb_stage(m, "Renewal");
	int64_t pu = tb_stage(m, "Purchase");
	tb_tp(m, aw, "Ad", mk);
	tb_tp(m, aw, "Demo", sa);
	int64_t inv = tb_tp(m, pu, "Invoice", 0);
	tb_emotion(m, inv, -2);
	int64_t gap = tb_gap(m, 0, inv, MODEL_SEV_HIGH, MODEL_OPEN);
	tb_gap(m, pu, 0, MODEL_SEV_LOW, MODEL_RESOLVED);
	tb_silo(m, mk, sa, 0, MODEL_OPEN);
	tb_voice(m, MODEL_REF_TOUCHPOINT, inv, MODEL_VOICE_CUSTOMER,
		 "Three invoices for one order");
	tb_action(m, MODEL_REF_GAP, gap, "Bill from one system", sa,
		  MODEL_ACTION_PLANNED, "2026-11-01");
	struct model_ref handoff[2] = {
		{ MODEL_REF_TOUCHPOINT, m->stages[0].touchpoints[0].id },
		{ MODEL_REF_TOUCHPOINT, m->stages[0].touchpoints[1].id } };
	tb_decision(m, "silo-handoff", handoff, MODEL_DECISION_ACCEPTED,
		    "Known risk: Sales calls every lead", "alice", 1764460800);
	return m;
}

/* The analysis as `cxmap gaps` runs it, on a fixed day. */
static struct analysis *run(const struct model_map *m)
{
	struct analysis_options o;
	analysis_options_init(&o);
	strcpy(o.today, "2026-11-30");
	return analysis_run(m, &o);
}

static char *report(const struct model_map *m, enum report_gaps_format f)
{
	struct analysis *an = run(m);
	analysis_sort(an, ANALYSIS_BY_SEVERITY);
	char *text = report_gaps(m, an, f);
	analysis_free(an);
	return text;
}

START_TEST(test_text)
{
	struct model_map *m = sample("Onboarding", "Awareness");
	char *text = report(m, REPORT_GAPS_TEXT);
	ck_assert_str_eq(text,
		"Map 'Onboarding'\n"
		"\n"
		"Recorded gaps: 1 open, 1 resolved\n"
		"  high    open      'Invoice' in stage 'Purchase': recorded gap\n"
		"  low     resolved  stage 'Purchase': recorded gap\n"
		"\n"
		"Recorded silos: 1 open, 0 resolved\n"
		"  open      Marketing and Sales, whole map: recorded silo\n"
		"\n"
		"Findings: 3\n"
		"  high    unowned              'Invoice' in stage 'Purchase' "
		"has no owner department\n"
		"  medium  empty stage          stage 'Renewal' has no "
		"touchpoints\n"
		"  medium  action overdue       action 'Bill from one system' "
		"(Sales) was due on 2026-11-01 and is still 'planned'\n"
		"\n"
		"Decisions: 1\n"
		"  accepted   silo handoff         'Ad' (Marketing) hands off "
		"to 'Demo' (Sales) across an open silo\n"
		"             by alice on 2025-11-30: Known risk: Sales calls "
		"every lead\n"
		"\n"
		"Ownership (touchpoints per department and stage):\n"
		"              Awareness  Renewal  Purchase  Total\n"
		"  Marketing           1        0         0      1\n"
		"  Sales               1        0         0      1\n"
		"  (no owner)          0        0         1      1\n"
		"\n"
		"Handoffs (from department to department):\n"
		"  Marketing -> Sales: 1\n");
	free(text);
	model_map_free(m);
}
END_TEST

START_TEST(test_text_empty)
{
	struct model_map *m = tb_map("Empty");
	tb_journey_owner(m, "Chief Customer Officer");
	char *text = report(m, REPORT_GAPS_TEXT);
	ck_assert_str_eq(text,
		"Map 'Empty'\n\n"
		"Recorded gaps: 0 open, 0 resolved\n\n"
		"Recorded silos: 0 open, 0 resolved\n\n"
		"Findings: 0\n\n"
		"Ownership (touchpoints per department and stage):\n"
		"              Total\n"
		"  (no owner)      0\n"
		"\n"
		"Handoffs (from department to department):\n"
		"  (none)\n");
	free(text);
	model_map_free(m);
}
END_TEST

static const cJSON *get(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	ck_assert_msg(v != NULL, "no member %s", key);
	return v;
}

START_TEST(test_json)
{
	struct model_map *m = sample("Onboarding", "Awareness");
	char *text = report(m, REPORT_GAPS_JSON);
	size_t len = strlen(text);
	ck_assert_uint_gt(len, 2);
	ck_assert_str_eq(text + len - 2, "}\n");
	cJSON *root = cJSON_Parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(get(root, "format")->valuestring, "cxmap-gaps");
	ck_assert_int_eq(get(root, "version")->valueint,
			 REPORT_GAPS_JSON_VERSION);
	ck_assert_str_eq(get(get(root, "map"), "name")->valuestring,
			 "Onboarding");
	/* one count per kind of the table, keyed by its stable key */
	const cJSON *counts = get(root, "counts");
	ck_assert_int_eq(cJSON_GetArraySize(counts), ANALYSIS_NREPORT_KINDS);
	size_t want[ANALYSIS_NREPORT_KINDS] = { 0 };
	want[ANALYSIS_UNOWNED] = 1;
	want[ANALYSIS_EMPTY_STAGE] = 1;
	want[ANALYSIS_ACTION_OVERDUE] = 1;
	/* the silo handoff is decided: not counted, so --fail-on passes */
	want[ANALYSIS_SILO_HANDOFF] = 0;
	want[ANALYSIS_KIND_GAP] = 1;	/* open ones only */
	want[ANALYSIS_KIND_SILO] = 1;
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++)
		ck_assert_int_eq(get(counts, analysis_kind_key(k))->valueint,
				 (int)want[k]);
	ck_assert_str_eq(get(get(root, "options"), "today")->valuestring,
			 "2026-11-30");
	const cJSON *f = get(root, "findings");
	ck_assert_int_eq(cJSON_GetArraySize(f), 3);
	const cJSON *f0 = cJSON_GetArrayItem(f, 0);
	ck_assert_str_eq(get(f0, "kind")->valuestring, "unowned");
	ck_assert_str_eq(get(f0, "severity")->valuestring, "high");
	const cJSON *f2 = cJSON_GetArrayItem(f, 2);
	ck_assert_str_eq(get(f2, "kind")->valuestring, "action-overdue");
	ck_assert_int_eq(get(f2, "action")->valueint, (int)m->actions[0].id);
	ck_assert_int_eq(get(f2, "gap")->valueint, (int)m->gaps[0].id);
	/* the decided one, apart, with who, when and why */
	const cJSON *d = get(root, "decisions");
	ck_assert_int_eq(cJSON_GetArraySize(d), 1);
	const cJSON *d0 = cJSON_GetArrayItem(d, 0);
	ck_assert_str_eq(get(d0, "kind")->valuestring, "silo-handoff");
	ck_assert_str_eq(get(d0, "severity")->valuestring, "high");
	ck_assert_int_eq(cJSON_GetArraySize(get(d0, "touchpoints")), 2);
	ck_assert_str_eq(get(d0, "description")->valuestring,
			 "'Ad' (Marketing) hands off to 'Demo' (Sales) "
			 "across an open silo");
	ck_assert_str_eq(get(d0, "decision")->valuestring, "accepted");
	ck_assert_str_eq(get(d0, "reason")->valuestring,
			 "Known risk: Sales calls every lead");
	ck_assert_str_eq(get(d0, "who")->valuestring, "alice");
	ck_assert_str_eq(get(d0, "at")->valuestring, "2025-11-30T00:00:00Z");
	ck_assert_int_eq(cJSON_GetArraySize(get(root, "gaps")), 2);
	ck_assert_int_eq(cJSON_GetArraySize(get(root, "silos")), 1);
	const cJSON *rows = get(get(root, "ownership"), "rows");
	ck_assert_int_eq(cJSON_GetArraySize(rows), 3);
	ck_assert(cJSON_IsNull(get(cJSON_GetArrayItem(rows, 2),
				   "department")));
	const cJSON *h = get(root, "handoffs");
	ck_assert_int_eq(cJSON_GetArraySize(h), 1);
	ck_assert_int_eq(get(cJSON_GetArrayItem(h, 0), "count")->valueint, 1);
	cJSON_Delete(root);
	free(text);
	model_map_free(m);
}
END_TEST

/* No control character reaches a terminal or a script raw. */
START_TEST(test_controls)
{
	struct model_map *m = sample("Evil\x1b]0;pwned\a", "Blink\xc2\x9b" "5m");
	char *text = report(m, REPORT_GAPS_TEXT);
	ck_assert_ptr_null(strchr(text, '\x1b'));
	ck_assert_ptr_null(strchr(text, '\a'));
	ck_assert_ptr_null(strstr(text, "\xc2\x9b"));
	ck_assert_ptr_nonnull(strstr(text, "Map 'Evil\\x1b]0;pwned\\x07'"));
	free(text);
	text = report(m, REPORT_GAPS_JSON);
	ck_assert_ptr_null(strchr(text, '\x1b'));
	ck_assert_ptr_null(strstr(text, "\xc2\x9b"));
	cJSON *root = cJSON_Parse(text);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq(get(get(root, "map"), "name")->valuestring,
			 "Evil\x1b]0;pwned\a");	/* the name itself, escaped */
	cJSON_Delete(root);
	free(text);
	model_map_free(m);
}
END_TEST

/* doc/GAPS.md documents every finding kind of the table, and the two
 * recorded kinds --fail-on takes. */
START_TEST(test_kinds_documented)
{
	size_t len;
	char *doc = tu_read_file(TESTDATA "/../../doc/GAPS.md", &len);
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++) {
		char want[64];
		const char *key = analysis_kind_key(k);
		if (k < ANALYSIS_NKINDS)	/* a row of the kinds' table */
			snprintf(want, sizeof want, "| `%s` |", key);
		else
			snprintf(want, sizeof want, "`%s`", key);
		ck_assert_msg(strstr(doc, want) != NULL,
			      "doc/GAPS.md does not document %s", want);
	}
	free(doc);
}
END_TEST

/* The whole report of a map with every character class in every name
 * (tests/testmaps.c, tm_escapes), byte for byte: text and JSON.  After a
 * deliberate change, CXMAP_UPDATE_GOLDEN=1 writes the files anew. */
static void check_golden(const char *name, const char *got)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", TESTDATA, name);
	if (getenv("CXMAP_UPDATE_GOLDEN")) {
		tu_write_file(path, got, strlen(got));
		return;
	}
	size_t len;
	char *want = tu_read_file(path, &len);
	if (len != strlen(got) || memcmp(want, got, len) != 0) {
		tu_write_file(tu_path(name), got, strlen(got));
		ck_abort_msg("%s differs from the golden file; see diff -u %s %s",
			     name, path, tu_path(name));
	}
	free(want);
}

START_TEST(test_escapes_golden)
{
	struct model_map *m = tm_escapes();
	char *text = report(m, REPORT_GAPS_TEXT);
	check_golden("report-escapes.txt", text);
	free(text);
	text = report(m, REPORT_GAPS_JSON);
	check_golden("report-escapes.json", text);
	free(text);
	model_map_free(m);
	tu_cleanup();
}
END_TEST

/* Written to a file in chunks as it is made, the report is the same
 * bytes as in memory, in both formats; a full disk is an error. */
START_TEST(test_stream_same)
{
	struct model_map *maps[] = { sample("Onboarding", "Awareness"),
				     tm_escapes() };
	for (size_t i = 0; i < 2; i++) {
		struct analysis *an = run(maps[i]);
		analysis_sort(an, ANALYSIS_BY_SEVERITY);
		for (int f = REPORT_GAPS_TEXT; f <= REPORT_GAPS_JSON; f++) {
			char *want = report_gaps(maps[i], an, f);
			FILE *out = tmpfile();
			ck_assert_ptr_nonnull(out);
			ck_assert_int_eq(report_gaps_write(maps[i], an, f, out), 0);
			long n = ftell(out);
			rewind(out);
			char *got = calloc(1, (size_t)n + 1);
			ck_assert_uint_eq(fread(got, 1, (size_t)n, out), (size_t)n);
			fclose(out);
			ck_assert_str_eq(got, want);
			free(got);
			free(want);
		}
		FILE *full = fopen("/dev/full", "w");
		if (full) {
			ck_assert_int_ne(report_gaps_write(maps[i], an,
					 REPORT_GAPS_TEXT, full), 0);
			fclose(full);
		}
		analysis_free(an);
		model_map_free(maps[i]);
	}
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("gaps");
	tcase_add_test(tc, test_text);
	tcase_add_test(tc, test_text_empty);
	tcase_add_test(tc, test_json);
	tcase_add_test(tc, test_controls);
	tcase_add_test(tc, test_kinds_documented);
	tcase_add_test(tc, test_escapes_golden);
	tcase_add_test(tc, test_stream_same);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(report_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
