/* check_templates.c - what a new user sees in the demo and the templates:
 * the whole method (a journey owner, success metrics with targets,
 * metrics on and off target, voices of every kind with their sources,
 * moments of truth, actions in every status, a decision on a finding),
 * the Spanish files a translation of the English ones, and findings
 * that are all worth acting on. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/plan.h"
#include "io/templates.h"
#include "testutil.h"

/* The templates that show the method (blank is an empty start). */
static const char *const full[] = { "b2b-saas", "demo", "retail" };
#define NFULL (sizeof full / sizeof *full)
/* CXMAP_TEST_NOW in tests: the last day of November 2026 */
static const char today[] = "2026-11-30";

static struct model_map *load(const char *name, const char *lang)
{
	const char *d = getenv("CXMAP_DATADIR");
	ck_assert_msg(d != NULL, "run through make check (CXMAP_DATADIR)");
	char dir[4096], *err = NULL;
	snprintf(dir, sizeof dir, "%s/templates", d);
	struct model_map *m = templates_load(dir, name, lang, &err);
	ck_assert_msg(m != NULL, "%s (%s): %s", name, lang ? lang : "en", err);
	return m;
}

static bool filled(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Who answers for the journey, what success is and how it is measured. */
static void check_journey(const struct model_map *m, const char *what)
{
	ck_assert_msg(filled(m->owner), "%s: a journey owner", what);
	ck_assert_msg(filled(m->cx_lead), "%s: a CX lead", what);
	ck_assert_msg(filled(m->success), "%s: a definition of success", what);
	size_t journey = 0, on = 0, off = 0;
	for (size_t i = 0; i < m->nmetrics; i++) {
		const struct model_metric *v = &m->metrics[i];
		ck_assert_msg(filled(v->name) && v->has_value && v->has_target &&
			      plan_date_valid(v->measured) && filled(v->source),
			      "%s: metric '%s' has a value, a target, a date "
			      "and a source", what, v->name);
		journey += v->touchpoint_id == 0;
		on += plan_metric_target(v) == PLAN_ON_TARGET;
		off += plan_metric_target(v) == PLAN_OFF_TARGET;
	}
	ck_assert_msg(journey >= 3, "%s: %zu journey metrics", what, journey);
	ck_assert_msg(on >= 3 && off >= 3, "%s: %zu on target, %zu off", what,
		      on, off);
}

static size_t moments(const struct model_map *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++)
			n += m->stages[i].touchpoints[j].moment;
	return n;
}

/* Voices of every kind, each with a source and a date, on touchpoints,
 * stages and gaps. */
static void check_voices(const struct model_map *m, const char *what)
{
	unsigned kinds = 0, about = 0;
	for (size_t i = 0; i < m->nvoices; i++) {
		const struct model_voice *v = &m->voices[i];
		ck_assert_msg(filled(v->text) && filled(v->source) &&
			      plan_date_valid(v->date),
			      "%s: voice '%s' has a source and a date", what,
			      v->text);
		kinds |= 1u << v->kind;
		about |= 1u << v->about.kind;
	}
	ck_assert_msg(kinds == 0xfu, "%s: customer, employee, partner and "
		      "data voices (%#x)", what, kinds);
	ck_assert_msg(about == (1u << MODEL_REF_STAGE |
				1u << MODEL_REF_TOUCHPOINT | 1u << MODEL_REF_GAP),
		      "%s: voices on touchpoints, stages and gaps (%#x)",
		      what, about);
}

/* Actions in every status, each owned; one overdue; a decision. */
static void check_actions(const struct model_map *m, const char *what)
{
	unsigned status = 0;
	size_t overdue = 0;
	for (size_t i = 0; i < m->nactions; i++) {
		const struct model_action *a = &m->actions[i];
		ck_assert_msg(filled(a->title) && a->owner_id != 0 &&
			      a->impact >= 1 && a->impact <= 3 &&
			      a->effort >= 1 && a->effort <= 3,
			      "%s: action '%s' has an owner, impact and effort",
			      what, a->title);
		ck_assert_msg(!plan_action_live(a) || a->status ==
			      MODEL_ACTION_IDEA || plan_date_valid(a->due),
			      "%s: planned or doing '%s' has a due date", what,
			      a->title);
		status |= 1u << a->status;
		overdue += plan_action_overdue(a, today);
	}
	ck_assert_msg(status == 0x1fu, "%s: actions in every status (%#x)",
		      what, status);
	ck_assert_msg(overdue >= 1, "%s: an overdue action", what);
	size_t accepted = 0;
	for (size_t i = 0; i < m->ndecisions; i++)
		accepted += m->decisions[i].decision == MODEL_DECISION_ACCEPTED &&
			    filled(m->decisions[i].reason) &&
			    filled(m->decisions[i].who);
	ck_assert_msg(accepted >= 1, "%s: an accepted risk with its reason",
		      what);
}

START_TEST(test_the_method)
{
	for (int es = 0; es < 2; es++) {
		struct model_map *m = load(full[_i], es ? "es" : NULL);
		char what[64];
		snprintf(what, sizeof what, "%s%s", full[_i], es ? " (es)" : "");
		check_journey(m, what);
		ck_assert_msg(moments(m) >= 1, "%s: a moment of truth", what);
		check_voices(m, what);
		check_actions(m, what);
		model_map_free(m);
	}
}
END_TEST

/* Same structure; every text a person reads (not a name or a number) is
 * in Spanish, not left in English. */
START_TEST(test_spanish_is_a_translation)
{
	struct model_map *en = load(full[_i], NULL);
	struct model_map *es = load(full[_i], "es");
	ck_assert_str_ne(en->name, es->name);
	ck_assert_str_ne(en->success, es->success);
	ck_assert_uint_eq(en->nstages, es->nstages);
	for (size_t i = 0; i < en->nstages; i++) {
		ck_assert_uint_eq(en->stages[i].ntouchpoints,
				  es->stages[i].ntouchpoints);
		for (size_t j = 0; j < en->stages[i].ntouchpoints; j++)
			ck_assert_int_eq(en->stages[i].touchpoints[j].moment,
					 es->stages[i].touchpoints[j].moment);
	}
	ck_assert_uint_eq(en->ngaps, es->ngaps);
	ck_assert_uint_eq(en->nsilos, es->nsilos);
	ck_assert_uint_eq(en->nmetrics, es->nmetrics);
	ck_assert_uint_eq(en->nvoices, es->nvoices);
	ck_assert_uint_eq(en->nactions, es->nactions);
	ck_assert_uint_eq(en->ndecisions, es->ndecisions);
	for (size_t i = 0; i < en->nmetrics; i++)
		ck_assert(en->metrics[i].value == es->metrics[i].value &&
			  en->metrics[i].target == es->metrics[i].target);
	for (size_t i = 0; i < en->nvoices; i++)
		ck_assert_str_ne(en->voices[i].text, es->voices[i].text);
	for (size_t i = 0; i < en->nactions; i++) {
		ck_assert_str_ne(en->actions[i].title, es->actions[i].title);
		ck_assert_int_eq(en->actions[i].status, es->actions[i].status);
		ck_assert_str_eq(en->actions[i].due, es->actions[i].due);
	}
	for (size_t i = 0; i < en->ndecisions; i++)
		ck_assert_str_ne(en->decisions[i].reason,
				 es->decisions[i].reason);
	model_map_free(en);
	model_map_free(es);
}
END_TEST

/* What a CX lead is shown to act on (in the report's order): a finding's kind
 * and a name its sentence holds.  Each is real (see the templates'
 * voices, gaps and actions); what is not a problem has a decision. */
struct want {
	const char *kind, *names;
};
static const struct want demo_findings[] = {
	{ "unowned", "'First invoice'" },
	{ "metric-off-target", "New customers who call about it is 18 %" },
	{ "metric-off-target", "Kick-off within 5 days of signature is 58 %" },
	{ "unowned", "'Account set-up'" },
	{ "action-overdue", "'Put the brand name and the contract number" },
	{ "metric-off-target", "journey metric NPS is 32" },
	{ "metric-off-target", "journey metric Time to first value is 12 days" },
	{ "metric-off-target", "journey metric Customers with one named contact" },
	{ "metric-off-target", "Set up in the first week is 47 %" },
	{ "handoff", "'In-app guidance' (Product) hands off to 'Support ticket'" },
	{ "metric-off-target", "CSAT is 4.1 / 5" },
	{ NULL, NULL }
};
static const struct want b2b_findings[] = {
	{ "silo-handoff", "'Quarterly business review' (Customer success) hands off to 'Renewal notice'" },
	{ "metric-off-target", "Renewals with a price complaint is 22 %" },
	{ "silo-handoff", "'Renewal notice' (Finance) hands off to 'Renewal conversation'" },
	{ "metric-off-target", "Net revenue retention is 101 %" },
	{ "metric-off-target", "journey metric NPS is 41" },
	{ "metric-off-target", "journey metric Gross revenue retention is 89 %" },
	{ "handoff", "'Free trial' (Product) hands off to 'Security questionnaire'" },
	{ "metric-off-target", "Turnaround is 9 days" },
	{ "metric-off-target", "Weekly active users is 58 %" },
	{ "handoff", "'In-app guidance' (Product) hands off to 'Support ticket'" },
	{ "metric-off-target", "CSAT is 4.3 / 5" },
	{ "action-overdue", "'A library of approved answers" },
	{ NULL, NULL }
};
static const struct want retail_findings[] = {
	{ "silo-handoff", "'Shop window' (Stores) hands off to 'Product page'" },
	{ "silo-handoff", "'Stock check' (E-commerce) hands off to 'Till'" },
	{ "handoff", "'Return request' (Customer service) hands off to 'Return in store'" },
	{ "metric-off-target", "Online orders refused in store is 7 %" },
	{ "handoff", "'Return in store' (Stores) hands off to 'Refund'" },
	{ "metric-off-target", "Days to refund is 9 days" },
	{ "metric-off-target", "journey metric NPS is 38" },
	{ "metric-off-target", "journey metric Repeat purchase within 6 months" },
	{ "metric-off-target", "journey metric Orders delivered complete and on time" },
	{ "metric-off-target", "Store stock accuracy is 88 %" },
	{ "metric-off-target", "CES is 5.1 / 7" },
	{ "metric-off-target", "Wait at the collection desk is 9 minutes" },
	{ "action-overdue", "'Update store stock on the web every 15 minutes'" },
	{ "concentration", "E-commerce owns 3 of the 3 touchpoints in stage 'Browse and compare'" },
	{ "concentration", "Marketing owns 3 of the 3 touchpoints in stage 'Come back'" },
	{ NULL, NULL }
};
static const struct want *const findings_of[] = { b2b_findings, demo_findings,
						  retail_findings };

/* The counted findings are exactly those, and every decision of the
 * template is on a finding it has (none left over, none stale). */
START_TEST(test_findings_are_signal)
{
	struct model_map *m = load(full[_i], NULL);
	struct analysis_options o;
	analysis_options_init(&o);
	memcpy(o.today, today, sizeof today);
	struct analysis *a = analysis_run(m, &o);
	const struct want *w = findings_of[_i];
	bool seen[32] = { false };
	size_t k = 0, nwant = 0;
	while (w[nwant].kind)
		nwant++;
	ck_assert_uint_le(nwant, 32);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &a->findings[i];
		if (f->decision_id)
			continue;
		char *text = analysis_describe(m, f);
		const char *key = analysis_kind_key((int)f->kind);
		size_t j = 0;
		while (j < nwant && (seen[j] || strcmp(key, w[j].kind) ||
				     !strstr(text, w[j].names)))
			j++;
		ck_assert_msg(j < nwant, "%s: a finding not expected: %s '%s'",
			      full[_i], key, text);
		seen[j] = true;
		free(text);
		k++;
	}
	for (size_t j = 0; j < nwant; j++)
		ck_assert_msg(seen[j], "%s: missing %s '%s'", full[_i],
			      w[j].kind, w[j].names);
	ck_assert_uint_eq(a->nfindings - a->ndecided, k);
	ck_assert_uint_eq(a->ndecided, m->ndecisions);
	/* the Spanish map shows the same findings and decisions */
	struct model_map *es = load(full[_i], "es");
	struct analysis *b = analysis_run(es, &o);
	for (int kind = 0; kind < ANALYSIS_NKINDS; kind++)
		ck_assert_msg(a->counts[kind] == b->counts[kind],
			      "%s (es): %zu %s, not %zu", full[_i],
			      b->counts[kind], analysis_kind_key(kind),
			      a->counts[kind]);
	ck_assert_uint_eq(b->ndecided, es->ndecisions);
	analysis_free(b);
	model_map_free(es);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("templates");
	TCase *tc = tcase_create("content");
	tcase_add_loop_test(tc, test_the_method, 0, (int)NFULL);
	tcase_add_loop_test(tc, test_spanish_is_a_translation, 0, (int)NFULL);
	tcase_add_loop_test(tc, test_findings_are_signal, 0, (int)NFULL);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
