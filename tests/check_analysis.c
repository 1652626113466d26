/* check_analysis.c - what cxmap finds in a map by itself: every kind of
 * finding with its edge cases, the matrices, the lookups the board and
 * the gaps view use.  Maps are built in memory (tests/builder.h), or
 * through the store where a user's edit (rename, delete, move) matters. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "builder.h"
#include "core/analysis.h"
#include "core/plan.h"
#include "testutil.h"
#include "util/xalloc.h"

static void teardown(void)
{
	tu_cleanup();
}

/* The findings of kind k, checking a->counts agrees with the list (it
 * counts those nobody decided on). */
static size_t nkind(const struct analysis *a, enum analysis_kind k)
{
	size_t n = 0, undecided = 0;
	for (size_t i = 0; i < a->nfindings; i++) {
		n += a->findings[i].kind == k;
		undecided += a->findings[i].kind == k &&
			     !a->findings[i].decision_id;
	}
	ck_assert_uint_eq(undecided, a->counts[k]);
	return n;
}

/* The i-th finding of kind k. */
static const struct analysis_finding *nth(const struct analysis *a,
					  enum analysis_kind k, size_t i)
{
	for (size_t j = 0; j < a->nfindings; j++)
		if (a->findings[j].kind == k && i-- == 0)
			return &a->findings[j];
	ck_abort_msg("no finding %zu of kind %s", i, analysis_kind_key(k));
	return NULL;
}

static const struct analysis_finding *only(const struct analysis *a,
					   enum analysis_kind k)
{
	ck_assert_uint_eq(nkind(a, k), 1);
	return nth(a, k, 0);
}

/* The description of f must be exactly want (the C locale). */
static void said(const struct model_map *m, const struct analysis_finding *f,
		 const char *want)
{
	char *d = analysis_describe(m, f);
	ck_assert_str_eq(d, want);
	free(d);
}

static struct analysis *run_with(const struct model_map *m,
				 void (*tweak)(struct analysis_options *))
{
	struct analysis_options o;
	analysis_options_init(&o);
	tweak(&o);
	return analysis_run(m, &o);
}

/* ------------------------------------------------------------------ */

/* The per-item summaries the board draws from agree with asking one
 * item at a time, for every card and stage of a map with every kind. */
START_TEST(test_marks_agree)
{
	struct model_map *m = tb_map("Marks");
	int64_t mk = tb_dept(m, "Marketing"), sa = tb_dept(m, "Sales");
	int64_t sv = tb_dept(m, "Service"), fi = tb_dept(m, "Finance");
	int64_t s1 = tb_stage(m, "One"), s2 = tb_stage(m, "Two");
	tb_stage(m, "Empty");
	int64_t s4 = tb_stage(m, "Four");
	int64_t a = tb_tp(m, s1, "a", mk), b = tb_tp(m, s1, "b", sa);
	int64_t c = tb_tp(m, s2, "c", 0), d = tb_tp(m, s2, "d", sv);
	tb_tp(m, s4, "e", sv);
	tb_tp(m, s4, "f", sv);
	tb_tp(m, s4, "g", fi);
	tb_contributor(m, b, mk);
	tb_contributor(m, b, sv);
	tb_contributor(m, b, fi);
	tb_emotion(m, c, -2);
	tb_emotion(m, d, -1);
	tb_silo(m, mk, sa, a, MODEL_OPEN);
	struct analysis *an = analysis_run(m, NULL);
	unsigned tpk = ANALYSIS_ALL_KINDS & ~ANALYSIS_MASK(ANALYSIS_UNOWNED);
	struct analysis_marks *x = analysis_marks_new(an, m, tpk,
						      ANALYSIS_STAGE_KINDS);
	size_t seen = 0;
	for (size_t i = 0; i < m->nstages; i++) {
		struct analysis_filter sf = { .stage_id = m->stages[i].id,
					      .kinds = ANALYSIS_STAGE_KINDS };
		struct analysis_summary want = analysis_summarise(an, &sf);
		struct analysis_summary got = analysis_marks_stage(x, i);
		ck_assert_uint_eq(got.count, want.count);
		ck_assert_uint_eq(got.kinds, want.kinds);
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			struct analysis_filter tf = {
				.touchpoint_id = m->stages[i].touchpoints[j].id,
				.kinds = tpk };
			want = analysis_summarise(an, &tf);
			got = analysis_marks_touchpoint(x, i, j);
			ck_assert_uint_eq(got.count, want.count);
			ck_assert_uint_eq(got.kinds, want.kinds);
			ck_assert_int_eq(got.worst, want.worst);
			seen += got.count;
		}
	}
	ck_assert_uint_gt(seen, 4);	/* the map does have findings */
	analysis_marks_free(x);
	analysis_free(an);
	model_map_free(m);
}
END_TEST

START_TEST(test_kind_names)
{
	/* the stable keys, written out here on purpose: files and --fail-on
	 * depend on them */
	const char *keys[] = { "unowned", "empty-stage", "crowded",
			       "unacknowledged-pain", "handoff",
			       "silo-handoff", "concentration",
			       "no-journey-owner", "moment-without-metric",
			       "metric-off-target", "pain-without-voice",
			       "gap-without-action", "action-overdue",
			       "action-owner-outside", "gap", "silo" };
	ck_assert_int_eq(ANALYSIS_NKINDS, 14);
	ck_assert_int_eq(ANALYSIS_NREPORT_KINDS, 16);
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++) {
		ck_assert_str_eq(analysis_kind_key(k), keys[k]);
		ck_assert_int_eq(analysis_kind_parse(keys[k]), k);
		ck_assert(strlen(analysis_kind_label(k)) > 0);
	}
	ck_assert_int_eq(analysis_kind_parse("Unowned"), -1);
	ck_assert_int_eq(analysis_kind_parse("gaps"), -1);
	ck_assert_str_eq(analysis_kind_label(ANALYSIS_KIND_GAP), "recorded gap");
	ck_assert_int_eq(analysis_kind_parse(""), -1);
	ck_assert_str_eq(analysis_kind_label(ANALYSIS_SILO_HANDOFF),
			 "silo handoff");
}
END_TEST

START_TEST(test_empty_map)
{
	struct model_map *m = tb_map("Nothing yet");
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->nfindings, 0);
	ck_assert_uint_eq(a->ownership.ncols, 0);
	ck_assert_uint_eq(a->ownership.nrows, 1);	/* the "no owner" row */
	ck_assert_int_eq(a->ownership.rows[0], 0);
	ck_assert_uint_eq(a->handoffs.nrows, 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_unowned)
{
	struct model_map *m = tb_map("Onboarding");
	int64_t d = tb_dept(m, "Sales"), c1 = tb_dept(m, "Finance"),
		c2 = tb_dept(m, "Legal");
	int64_t s = tb_stage(m, "Purchase");
	tb_tp(m, s, "Demo", d);
	int64_t inv = tb_tp(m, s, "Invoice", 0);
	int64_t ctr = tb_tp(m, s, "Contract", 0);
	tb_contributor(m, ctr, c1);
	tb_contributor(m, ctr, c2);
	/* an owner that is not among the departments is nobody */
	int64_t ghost = tb_tp(m, s, "Ghost", 999999);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNOWNED), 3);
	const struct analysis_finding *f = nth(a, ANALYSIS_UNOWNED, 0);
	ck_assert_int_eq(f->touchpoint_id, inv);
	ck_assert_int_eq(f->stage_id, s);
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	ck_assert_uint_eq(f->ndepartments, 0);
	said(m, f, "'Invoice' in stage 'Purchase' has no owner department");
	f = nth(a, ANALYSIS_UNOWNED, 1);
	ck_assert_int_eq(f->touchpoint_id, ctr);
	ck_assert_uint_eq(f->count, 2);
	said(m, f, "'Contract' in stage 'Purchase' has no owner department; "
		   "2 departments contribute, none is accountable");
	ck_assert_int_eq(nth(a, ANALYSIS_UNOWNED, 2)->touchpoint_id, ghost);
	/* the ownership matrix agrees */
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, 0, s), 3);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, d, s), 1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_every_touchpoint_owned)
{
	struct model_map *m = tb_map("Owned");
	int64_t d = tb_dept(m, "Service");
	int64_t s1 = tb_stage(m, "Use"), s2 = tb_stage(m, "Renewal");
	tb_tp(m, s1, "Login", d);
	tb_tp(m, s1, "Ticket", d);
	tb_tp(m, s2, "Reminder", d);
	tb_tp(m, s2, "Renewal call", d);
	struct analysis *a = analysis_run(m, NULL);
	/* one department, two touchpoints a stage: nothing to report */
	ck_assert_uint_eq(a->nfindings, 0);
	ck_assert_uint_eq(a->ownership.nrows, 2);
	ck_assert_uint_eq(analysis_matrix_row_total(&a->ownership, 0), 4);
	ck_assert_uint_eq(analysis_matrix_row_total(&a->ownership, 1), 0);
	ck_assert_uint_eq(analysis_matrix_row_total(&a->handoffs, 0), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_empty_stage)
{
	struct model_map *m = tb_map("Journey");
	int64_t d = tb_dept(m, "Marketing");
	int64_t s1 = tb_stage(m, "Awareness"), s2 = tb_stage(m, "Purchase"),
		s3 = tb_stage(m, "Renewal");
	tb_tp(m, s1, "Ad", d);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_EMPTY_STAGE), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_EMPTY_STAGE, 0);
	ck_assert_int_eq(f->stage_id, s2);
	ck_assert_int_eq(f->touchpoint_id, 0);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	said(m, f, "stage 'Purchase' has no touchpoints");
	ck_assert_int_eq(nth(a, ANALYSIS_EMPTY_STAGE, 1)->stage_id, s3);
	analysis_free(a);
	model_map_free(m);

	/* a one-stage map whose only stage is empty */
	m = tb_map("Blank");
	s1 = tb_stage(m, "Only");
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->nfindings, 1);
	ck_assert_int_eq(only(a, ANALYSIS_EMPTY_STAGE)->stage_id, s1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_one_stage_map)
{
	struct model_map *m = tb_map("Single");
	int64_t d1 = tb_dept(m, "Alpha"), d2 = tb_dept(m, "Beta");
	int64_t s = tb_stage(m, "Everything");
	int64_t a1 = tb_tp(m, s, "a1", d1), b1 = tb_tp(m, s, "b1", d2);
	int64_t a2 = tb_tp(m, s, "a2", d1);
	tb_tp(m, s, "nobody", 0);
	/* handoffs into a touchpoint that hurts are findings */
	tb_emotion(m, b1, -1);
	tb_emotion(m, a2, -1);
	struct analysis *a = analysis_run(m, NULL);
	/* a1 -> b1 -> a2 hand off; a2 -> nobody breaks the chain */
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_HANDOFF, 0);
	ck_assert_int_eq(f->touchpoint_id, a1);
	ck_assert_int_eq(f->next_touchpoint_id, b1);
	ck_assert_int_eq(f->stage_id, s);
	ck_assert_int_eq(f->next_stage_id, s);
	f = nth(a, ANALYSIS_HANDOFF, 1);
	ck_assert_int_eq(f->touchpoint_id, b1);
	ck_assert_int_eq(f->next_touchpoint_id, a2);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNOWNED), 1);
	/* Alpha owns 2 of 4: exactly half is not most */
	ck_assert_uint_eq(nkind(a, ANALYSIS_CONCENTRATION), 0);
	ck_assert_uint_eq(nkind(a, ANALYSIS_EMPTY_STAGE), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_crowded_threshold)
{
	struct model_map *m = tb_map("Cooks");
	int64_t own = tb_dept(m, "Customer success");
	int64_t c1 = tb_dept(m, "Product"), c2 = tb_dept(m, "Sales"),
		c3 = tb_dept(m, "Support");
	int64_t s = tb_stage(m, "Onboarding");
	int64_t two = tb_tp(m, s, "Kick-off", own);
	tb_contributor(m, two, c1);
	tb_contributor(m, two, c2);
	/* the owner listed as a contributor, and a repeat, do not count */
	tb_contributor(m, two, own);
	tb_contributor(m, two, c1);
	int64_t three = tb_tp(m, s, "Training", own);
	tb_contributor(m, three, c1);
	tb_contributor(m, three, c2);
	tb_contributor(m, three, c3);
	int64_t orphan = tb_tp(m, s, "Data migration", 0);
	tb_contributor(m, orphan, c1);
	tb_contributor(m, orphan, c2);
	tb_contributor(m, orphan, c3);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CROWDED), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_CROWDED, 0);
	ck_assert_int_eq(f->touchpoint_id, three);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_uint_eq(f->count, 3);
	ck_assert_uint_eq(f->ndepartments, 4);
	ck_assert_int_eq(f->departments[0], own);
	said(m, f, "'Training' in stage 'Onboarding': 3 departments contribute "
		   "besides the owner, Customer success: Product, Sales, Support");
	/* contributors and nobody accountable ranks high */
	f = nth(a, ANALYSIS_CROWDED, 1);
	ck_assert_int_eq(f->touchpoint_id, orphan);
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	ck_assert_uint_eq(f->ndepartments, 3);
	said(m, f, "'Data migration' in stage 'Onboarding': 3 departments "
		   "contribute and none owns it: Product, Sales, Support");
	analysis_free(a);

	/* threshold 2 takes in the two-contributor touchpoint ... */
	struct analysis_options o;
	analysis_options_init(&o);
	o.crowded_threshold = 2;
	a = analysis_run(m, &o);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CROWDED), 3);
	ck_assert_int_eq(nth(a, ANALYSIS_CROWDED, 0)->touchpoint_id, two);
	ck_assert_uint_eq(a->options.crowded_threshold, 2);
	analysis_free(a);
	/* ... 4 leaves everything out, 0 turns the check off */
	o.crowded_threshold = 4;
	a = analysis_run(m, &o);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CROWDED), 0);
	analysis_free(a);
	o.crowded_threshold = 0;
	a = analysis_run(m, &o);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CROWDED), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_unacknowledged_pain)
{
	struct model_map *m = tb_map("Feelings");
	int64_t d = tb_dept(m, "Billing");
	int64_t s = tb_stage(m, "Pay"), s2 = tb_stage(m, "After");
	int64_t awful = tb_tp(m, s, "Surprise fee", d);
	int64_t bad = tb_tp(m, s, "Slow refund", 0);
	int64_t meh = tb_tp(m, s, "Receipt", d);
	int64_t good = tb_tp(m, s, "Thanks mail", d);
	tb_tp(m, s, "No score", d);
	int64_t other = tb_tp(m, s2, "Survey", d);
	tb_emotion(m, awful, -2);
	tb_emotion(m, bad, -1);
	tb_emotion(m, meh, 0);
	tb_emotion(m, good, 2);
	/* gaps elsewhere do not acknowledge: on another stage, on another
	 * touchpoint, on the whole map; nor a silo at another touchpoint */
	tb_gap(m, s2, 0, MODEL_SEV_HIGH, MODEL_OPEN);
	tb_gap(m, 0, other, MODEL_SEV_HIGH, MODEL_OPEN);
	tb_silo(m, d, tb_dept(m, "Legal"), other, MODEL_OPEN);
	tb_gap(m, 0, 0, MODEL_SEV_HIGH, MODEL_OPEN);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNACKNOWLEDGED_PAIN), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_UNACKNOWLEDGED_PAIN, 0);
	ck_assert_int_eq(f->touchpoint_id, awful);
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	ck_assert_int_eq(f->emotion, -2);
	ck_assert_uint_eq(f->ndepartments, 1);
	ck_assert_int_eq(f->departments[0], d);
	said(m, f, "'Surprise fee' in stage 'Pay' has a negative emotion (-2) "
		   "and no open gap or silo recorded on it or its stage");
	f = nth(a, ANALYSIS_UNACKNOWLEDGED_PAIN, 1);
	ck_assert_int_eq(f->touchpoint_id, bad);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_uint_eq(f->ndepartments, 0);
	analysis_free(a);

	/* an open gap on the touchpoint acknowledges it */
	tb_gap(m, 0, awful, MODEL_SEV_LOW, MODEL_OPEN);
	a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_UNACKNOWLEDGED_PAIN)->touchpoint_id,
			 bad);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

/* A gap recorded on a stage acknowledges the pain of every touchpoint in
 * it; so does an open silo recorded at the touchpoint.  Resolved ones do
 * not. */
START_TEST(test_pain_acknowledged_by_stage_gap_and_silo)
{
	struct model_map *m = tb_map("Feelings");
	int64_t d = tb_dept(m, "Billing"), l = tb_dept(m, "Legal");
	int64_t s = tb_stage(m, "Pay"), s2 = tb_stage(m, "After");
	int64_t fee = tb_tp(m, s, "Surprise fee", d);
	int64_t refund = tb_tp(m, s, "Slow refund", d);
	int64_t survey = tb_tp(m, s2, "Survey", d);
	tb_emotion(m, fee, -2);
	tb_emotion(m, refund, -1);
	tb_emotion(m, survey, -1);
	tb_gap(m, s, 0, MODEL_SEV_MEDIUM, MODEL_RESOLVED);
	tb_silo(m, d, l, survey, MODEL_RESOLVED);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNACKNOWLEDGED_PAIN), 3);
	analysis_free(a);
	/* an open gap on the stage: both of its touchpoints */
	tb_gap(m, s, 0, MODEL_SEV_MEDIUM, MODEL_OPEN);
	a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_UNACKNOWLEDGED_PAIN)->touchpoint_id,
			 survey);
	analysis_free(a);
	/* an open silo at the survey */
	tb_silo(m, l, d, survey, MODEL_OPEN);
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNACKNOWLEDGED_PAIN), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_resolved_gap_is_no_acknowledgement)
{
	struct model_map *m = tb_map("Refunds");
	int64_t s = tb_stage(m, "Refund");
	int64_t tp = tb_tp(m, s, "Refund form", 0);
	tb_emotion(m, tp, -1);
	tb_gap(m, 0, tp, MODEL_SEV_HIGH, MODEL_RESOLVED);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_UNACKNOWLEDGED_PAIN)->touchpoint_id,
			 tp);
	analysis_free(a);
	/* the pain came back: a new open gap acknowledges it again */
	tb_gap(m, 0, tp, MODEL_SEV_HIGH, MODEL_OPEN);
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNACKNOWLEDGED_PAIN), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_handoff_journey_order)
{
	struct model_map *m = tb_map("Order");
	int64_t d1 = tb_dept(m, "Marketing"), d2 = tb_dept(m, "Sales"),
		d3 = tb_dept(m, "Legal");
	int64_t s1 = tb_stage(m, "Awareness"), s2 = tb_stage(m, "Interest");
	int64_t s3 = tb_stage(m, "Purchase"), s4 = tb_stage(m, "Contract");
	tb_tp(m, s1, "Ad", d1);
	int64_t b = tb_tp(m, s1, "Webinar", d1);
	int64_t c = tb_tp(m, s3, "Demo", d2);
	int64_t d = tb_tp(m, s4, "Terms", d3);
	int64_t e = tb_tp(m, s4, "Signature", d2);
	/* the customer hurts where each handoff lands: all are findings */
	tb_emotion(m, c, -1);
	tb_emotion(m, d, -1);
	tb_emotion(m, e, -2);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 3);
	/* the last of Awareness hands off to the first of Purchase, over
	 * the empty stage between them */
	const struct analysis_finding *f = nth(a, ANALYSIS_HANDOFF, 0);
	ck_assert_int_eq(f->touchpoint_id, b);
	ck_assert_int_eq(f->next_touchpoint_id, c);
	ck_assert_int_eq(f->stage_id, s1);
	ck_assert_int_eq(f->next_stage_id, s3);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_int_eq(f->emotion, -1);
	ck_assert_uint_eq(f->ndepartments, 2);
	ck_assert_int_eq(f->departments[0], d1);
	ck_assert_int_eq(f->departments[1], d2);
	said(m, f, "'Webinar' (Marketing) hands off to 'Demo' (Sales), "
		   "where the customer hurts (-1)");
	ck_assert_int_eq(nth(a, ANALYSIS_HANDOFF, 1)->next_touchpoint_id, d);
	ck_assert_int_eq(nth(a, ANALYSIS_HANDOFF, 2)->touchpoint_id, d);
	ck_assert_int_eq(nth(a, ANALYSIS_HANDOFF, 2)->next_touchpoint_id, e);
	ck_assert_int_eq(only(a, ANALYSIS_EMPTY_STAGE)->stage_id, s2);
	/* findings come stage by stage: the handoff leaving Awareness
	 * before the empty Interest stage */
	ck_assert_int_eq(a->findings[0].kind, ANALYSIS_HANDOFF);
	ck_assert_int_eq(a->findings[1].kind, ANALYSIS_EMPTY_STAGE);
	for (size_t i = 0; i < a->nfindings; i++)
		ck_assert_uint_eq(a->findings[i].order, i);
	/* the handoff matrix counts from -> to */
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, d1, d2), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, d2, d1), 0);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, d2, d3), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, d3, d2), 1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_unowned_breaks_the_chain)
{
	struct model_map *m = tb_map("Cracks");
	int64_t d1 = tb_dept(m, "Sales"), d2 = tb_dept(m, "Service");
	int64_t s = tb_stage(m, "Buy"), s2 = tb_stage(m, "Use");
	int64_t a1 = tb_tp(m, s, "Order", d1);
	tb_tp(m, s, "Delivery", 0);
	int64_t b1 = tb_tp(m, s2, "Setup", d2);
	tb_emotion(m, b1, -1);	/* a handoff into it would be a finding */
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 0);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNOWNED), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, d1, d2), 0);
	analysis_free(a);

	struct analysis_options o;
	analysis_options_init(&o);
	o.handoff_skip_unowned = true;
	a = analysis_run(m, &o);
	const struct analysis_finding *f = only(a, ANALYSIS_HANDOFF);
	ck_assert_int_eq(f->touchpoint_id, a1);
	ck_assert_int_eq(f->next_touchpoint_id, b1);
	ck_assert_int_eq(f->next_stage_id, s2);
	analysis_free(a);
	/* skipping the crack between two touchpoints of one department is
	 * no handoff */
	tb_tp_at(m, b1)->owner_id = d1;
	a = analysis_run(m, &o);
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 0);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, d1, d2), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_silo_handoff_both_orders)
{
	struct model_map *m = tb_map("Silos");
	int64_t da = tb_dept(m, "Sales"), db = tb_dept(m, "Service"),
		dc = tb_dept(m, "Finance");
	int64_t s = tb_stage(m, "After sale");
	int64_t x = tb_tp(m, s, "Contract", da);
	int64_t y = tb_tp(m, s, "Welcome call", db);
	tb_tp(m, s, "Upsell", da);
	/* recorded as Service/Sales, at no touchpoint in particular */
	int64_t silo = tb_silo(m, db, da, 0, MODEL_OPEN);
	tb_silo(m, da, dc, 0, MODEL_OPEN);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 0);
	ck_assert_uint_eq(nkind(a, ANALYSIS_SILO_HANDOFF), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_SILO_HANDOFF, 0);
	ck_assert_int_eq(f->touchpoint_id, x);	/* Sales -> Service */
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	ck_assert_int_eq(f->silo_id, silo);
	said(m, f, "'Contract' (Sales) hands off to 'Welcome call' (Service) "
		   "across an open silo");
	f = nth(a, ANALYSIS_SILO_HANDOFF, 1);
	ck_assert_int_eq(f->touchpoint_id, y);	/* Service -> Sales */
	ck_assert_int_eq(f->departments[0], db);
	ck_assert_int_eq(f->silo_id, silo);
	/* silo-handoffs are handoffs in the matrix */
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, da, db), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, db, da), 1);
	analysis_free(a);

	/* once the silo is resolved they are plain handoffs: context, in
	 * the matrix and not among the findings */
	m->silos[0].status = MODEL_RESOLVED;
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_SILO_HANDOFF), 0);
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 0);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, da, db), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, db, da), 1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

static void conc_75(struct analysis_options *o)
{
	o->concentration_percent = 75;
}

static void conc_off(struct analysis_options *o)
{
	o->concentration_min = 0;
}

START_TEST(test_concentration)
{
	struct model_map *m = tb_map("Concentrated");
	int64_t d = tb_dept(m, "Sales"), e = tb_dept(m, "Finance");
	int64_t s3 = tb_stage(m, "Three"), s4 = tb_stage(m, "Four"),
		s2 = tb_stage(m, "Two");
	tb_tp(m, s3, "a", d);
	tb_tp(m, s3, "b", d);
	tb_tp(m, s3, "c", 0);
	tb_tp(m, s4, "d", d);
	tb_tp(m, s4, "e", d);
	tb_tp(m, s4, "f", e);
	tb_tp(m, s4, "g", 0);
	tb_tp(m, s2, "h", d);
	tb_tp(m, s2, "i", d);
	struct analysis *a = analysis_run(m, NULL);
	/* 2 of 3 is most; 2 of 4 is not; a 2-touchpoint stage is too small */
	const struct analysis_finding *f = only(a, ANALYSIS_CONCENTRATION);
	ck_assert_int_eq(f->stage_id, s3);
	ck_assert_int_eq(f->touchpoint_id, 0);
	ck_assert_int_eq(f->severity, MODEL_SEV_LOW);
	ck_assert_uint_eq(f->ndepartments, 1);
	ck_assert_int_eq(f->departments[0], d);
	ck_assert_uint_eq(f->count, 2);
	ck_assert_uint_eq(f->total, 3);
	said(m, f, "Sales owns 2 of the 3 touchpoints in stage 'Three'");
	analysis_free(a);

	/* Four: 3 of 5 is most too */
	tb_tp(m, s4, "j", d);
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CONCENTRATION), 2);
	ck_assert_int_eq(nth(a, ANALYSIS_CONCENTRATION, 1)->stage_id, s4);
	analysis_free(a);
	/* at 75%: 2 of 3 and 3 of 5 are not enough, 3 of 4 is exactly 75%
	 * and not more, 4 of 5 is */
	a = run_with(m, conc_75);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CONCENTRATION), 0);
	analysis_free(a);
	tb_tp(m, s2, "k", d);
	tb_tp(m, s2, "l", e);
	a = run_with(m, conc_75);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CONCENTRATION), 0);
	analysis_free(a);
	tb_tp(m, s2, "n", d);
	a = run_with(m, conc_75);
	f = only(a, ANALYSIS_CONCENTRATION);
	ck_assert_int_eq(f->stage_id, s2);
	ck_assert_uint_eq(f->count, 4);
	ck_assert_uint_eq(f->total, 5);
	analysis_free(a);
	a = run_with(m, conc_off);
	ck_assert_uint_eq(nkind(a, ANALYSIS_CONCENTRATION), 0);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_moved_in_memory)
{
	struct model_map *m = tb_map("Moves");
	int64_t d1 = tb_dept(m, "Marketing"), d2 = tb_dept(m, "Sales");
	int64_t s1 = tb_stage(m, "First"), s2 = tb_stage(m, "Second");
	int64_t a1 = tb_tp(m, s1, "a", d1);
	int64_t b1 = tb_tp(m, s1, "b", d2);
	int64_t c1 = tb_tp(m, s2, "c", d2);
	tb_emotion(m, a1, -1);	/* every handoff lands on pain */
	tb_emotion(m, b1, -1);
	tb_emotion(m, c1, -1);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_HANDOFF)->touchpoint_id, a1);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, d1, s1), 1);
	analysis_free(a);
	/* a moves after c: the handoff is now c -> a, in the second stage */
	tb_move(m, a1, s2);
	a = analysis_run(m, NULL);
	const struct analysis_finding *f = only(a, ANALYSIS_HANDOFF);
	ck_assert_int_eq(f->touchpoint_id, c1);
	ck_assert_int_eq(f->next_touchpoint_id, a1);
	ck_assert_int_eq(f->stage_id, s2);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, d1, s1), 0);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, d1, s2), 1);
	analysis_free(a);
	/* b follows: the first stage is left empty */
	tb_move(m, b1, s2);
	a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_EMPTY_STAGE)->stage_id, s1);
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 2);	/* c>a, a>b */
	analysis_free(a);
	model_map_free(m);
}
END_TEST

static struct model_map *load(struct store *s, int64_t map)
{
	struct model_map *m = NULL;
	ck_assert_store(store_map_load(s, map, &m));
	return m;
}

static int64_t tp_named(const struct model_map *m, const char *name)
{
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++)
			if (strcmp(m->stages[i].touchpoints[j].name, name) == 0)
				return m->stages[i].touchpoints[j].id;
	ck_abort_msg("no touchpoint %s", name);
	return 0;
}

/* tu_sample_map: Awareness [Ad, Webinar: Marketing], Purchase [Demo call:
 * Sales, Invoice: nobody, -2, an open gap], Support [Ticket: Service],
 * an open Sales/Service silo. */
START_TEST(test_store_edits)
{
	struct store *s = tu_open(tu_path("edits.db"));
	int64_t map = tu_sample_map(s, "Sample");
	struct model_map *m = load(s, map);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNOWNED), 1);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNACKNOWLEDGED_PAIN), 0);
	/* Webinar -> Demo call is a plain handoff: in the matrix only */
	ck_assert_uint_eq(nkind(a, ANALYSIS_HANDOFF), 0);
	int64_t invoice = tp_named(m, "Invoice"), ticket = tp_named(m, "Ticket");
	int64_t demo = tp_named(m, "Demo call");
	int64_t gap = m->gaps[0].id;
	int64_t purchase = m->stages[1].id, support = m->stages[2].id;
	int64_t mk, sales, svc;
	ck_assert_store(store_dept_find(s, "Marketing", &mk));
	ck_assert_store(store_dept_find(s, "Sales", &sales));
	ck_assert_store(store_dept_find(s, "Service", &svc));
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, mk, sales), 1);
	analysis_free(a);
	model_map_free(m);

	/* the customer hurts at the demo: the handoff into it is trouble */
	ck_assert_store(store_tp_set_emotion(s, demo, STORE_REV_ANY, true, -1));
	m = load(s, map);
	a = analysis_run(m, NULL);
	const struct analysis_finding *f = only(a, ANALYSIS_HANDOFF);
	said(m, f, "'Webinar' (Marketing) hands off to 'Demo call' (Sales), "
		   "where the customer hurts (-1)");
	analysis_free(a);
	model_map_free(m);

	/* a renamed department: the same finding, the new name */
	ck_assert_store(store_dept_rename(s, mk, "Mercadotecnia"));
	m = load(s, map);
	a = analysis_run(m, NULL);
	said(m, only(a, ANALYSIS_HANDOFF),
	     "'Webinar' (Mercadotecnia) hands off to 'Demo call' (Sales), "
	     "where the customer hurts (-1)");
	analysis_free(a);
	model_map_free(m);
	ck_assert_store(store_tp_set_emotion(s, demo, STORE_REV_ANY, true, 1));

	/* the gap on the invoice is resolved: the pain is unacknowledged */
	ck_assert_store(store_gap_set_status(s, gap, MODEL_RESOLVED));
	m = load(s, map);
	a = analysis_run(m, NULL);
	f = only(a, ANALYSIS_UNACKNOWLEDGED_PAIN);
	ck_assert_int_eq(f->touchpoint_id, invoice);
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	analysis_free(a);
	model_map_free(m);

	/* Service takes the invoice: Sales hands off to it across the open
	 * silo, and nothing is unowned any more */
	ck_assert_store(store_tp_set_owner(s, invoice, STORE_REV_ANY, svc));
	m = load(s, map);
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNOWNED), 0);
	f = only(a, ANALYSIS_SILO_HANDOFF);
	ck_assert_int_eq(f->departments[0], sales);
	ck_assert_int_eq(f->departments[1], svc);
	ck_assert_int_eq(f->next_touchpoint_id, invoice);
	analysis_free(a);
	model_map_free(m);

	/* the ticket moves into Purchase: Support is empty */
	ck_assert_store(store_tp_move(s, ticket, STORE_REV_ANY, purchase, 0));
	m = load(s, map);
	a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_EMPTY_STAGE)->stage_id, support);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, svc, purchase), 2);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, svc, support), 0);
	/* Purchase is now Service 2 of 3: concentration */
	ck_assert_int_eq(only(a, ANALYSIS_CONCENTRATION)->departments[0], svc);
	analysis_free(a);
	model_map_free(m);

	/* Service is deleted once nothing uses it: its row goes, what it
	 * owned is unowned */
	ck_assert_store(store_tp_set_owner(s, invoice, STORE_REV_ANY, 0));
	ck_assert_store(store_tp_set_owner(s, ticket, STORE_REV_ANY, 0));
	m = load(s, map);
	ck_assert_store(store_silo_delete(s, m->silos[0].id));
	model_map_free(m);
	ck_assert_store(store_dept_delete(s, svc));
	m = load(s, map);
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNOWNED), 2);
	ck_assert_uint_eq(a->ownership.nrows, m->ndepartments + 1);
	ck_assert_uint_eq(m->ndepartments, 2);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, 0, purchase), 2);
	ck_assert_uint_eq(analysis_matrix_get(&a->ownership, svc, purchase), 0);
	ck_assert_uint_eq(nkind(a, ANALYSIS_SILO_HANDOFF), 0);
	analysis_free(a);
	model_map_free(m);
	store_close(s);
}
END_TEST

/* A map with something of every kind, for lookups and sorting. */
static struct model_map *every_kind(int64_t *ids)
{
	struct model_map *m = tb_map("Every kind");
	int64_t d1 = tb_dept(m, "Alpha"), d2 = tb_dept(m, "Beta"),
		d3 = tb_dept(m, "Gamma"), d4 = tb_dept(m, "Delta");
	int64_t s1 = tb_stage(m, "One"), s2 = tb_stage(m, "Two"),
		s3 = tb_stage(m, "Three");
	int64_t t1 = tb_tp(m, s1, "t1", d1);
	tb_tp(m, s1, "t2", d1);
	int64_t t3 = tb_tp(m, s1, "t3", d1);	/* concentration in One */
	int64_t t4 = tb_tp(m, s2, "t4", d2);	/* handoff t3 -> t4 */
	int64_t t5 = tb_tp(m, s2, "t5", d3);	/* silo handoff t4 -> t5 */
	int64_t t6 = tb_tp(m, s2, "t6", 0);	/* unowned */
	tb_contributor(m, t4, d1);
	tb_contributor(m, t4, d3);
	tb_contributor(m, t4, d4);		/* crowded */
	tb_emotion(m, t1, -1);			/* pain, and no voice */
	tb_silo(m, d2, d3, 0, MODEL_OPEN);
	/* t4 hurts, with a voice and a low gap on it: the handoff into it
	 * is a finding, its pain is not */
	tb_emotion(m, t4, -1);
	tb_voice(m, MODEL_REF_TOUCHPOINT, t4, MODEL_VOICE_EMPLOYEE, "slow");
	tb_gap(m, s2, t4, MODEL_SEV_LOW, MODEL_OPEN);
	tb_moment(m, t5, true);			/* with no metric */
	tb_journey_owner(m, " ");		/* blank: nobody */
	tb_metric(m, 0, "NPS", "10", "30", "higher");	/* off target */
	tb_gap(m, s2, 0, MODEL_SEV_HIGH, MODEL_OPEN);	/* no action */
	int64_t t2 = m->stages[0].touchpoints[1].id;
	tb_action(m, MODEL_REF_TOUCHPOINT, t2, "late", d1, MODEL_ACTION_PLANNED,
		  "2000-01-01");			/* overdue */
	tb_action(m, MODEL_REF_TOUCHPOINT, t1, "outsider", d4,
		  MODEL_ACTION_IDEA, "");		/* owner outside */
	ids[0] = s1; ids[1] = s2; ids[2] = s3;
	ids[3] = t1; ids[4] = t3; ids[5] = t4; ids[6] = t5; ids[7] = t6;
	ids[8] = d1; ids[9] = d2; ids[10] = d3; ids[11] = d4;
	return m;
}

START_TEST(test_every_kind_order)
{
	int64_t id[12];
	struct model_map *m = every_kind(id);
	struct analysis *a = analysis_run(m, NULL);
	const enum analysis_kind want[] = {
		ANALYSIS_NO_JOURNEY_OWNER,	/* the journey */
		ANALYSIS_METRIC_OFF_TARGET,	/* its NPS */
		ANALYSIS_CONCENTRATION,		/* One */
		ANALYSIS_UNACKNOWLEDGED_PAIN,	/* t1 */
		ANALYSIS_PAIN_WITHOUT_VOICE,	/* t1 */
		ANALYSIS_HANDOFF,		/* t3 -> t4 */
		ANALYSIS_CROWDED,		/* t4 */
		ANALYSIS_SILO_HANDOFF,		/* t4 -> t5 */
		ANALYSIS_MOMENT_WITHOUT_METRIC,	/* t5 */
		ANALYSIS_UNOWNED,		/* t6 */
		ANALYSIS_EMPTY_STAGE,		/* Three */
		ANALYSIS_GAP_WITHOUT_ACTION,	/* the high gap on Two */
		ANALYSIS_ACTION_OVERDUE,	/* "late" */
		ANALYSIS_ACTION_OWNER_OUTSIDE,	/* "outsider" */
	};
	ck_assert_uint_eq(a->nfindings, ANALYSIS_NKINDS);
	for (size_t i = 0; i < ANALYSIS_NKINDS; i++)
		ck_assert_msg(a->findings[i].kind == want[i], "finding %zu is %s",
			      i, analysis_kind_key(a->findings[i].kind));
	for (int k = 0; k < ANALYSIS_NKINDS; k++)
		ck_assert_uint_eq(nkind(a, k), 1);

	analysis_sort(a, ANALYSIS_BY_SEVERITY);
	/* each group in journey order */
	const enum analysis_kind by_sev[] = {
		/* high */
		ANALYSIS_NO_JOURNEY_OWNER, ANALYSIS_SILO_HANDOFF,
		ANALYSIS_MOMENT_WITHOUT_METRIC, ANALYSIS_UNOWNED,
		ANALYSIS_GAP_WITHOUT_ACTION,
		/* medium */
		ANALYSIS_METRIC_OFF_TARGET, ANALYSIS_UNACKNOWLEDGED_PAIN,
		ANALYSIS_HANDOFF, ANALYSIS_CROWDED, ANALYSIS_EMPTY_STAGE,
		ANALYSIS_ACTION_OVERDUE, ANALYSIS_ACTION_OWNER_OUTSIDE,
		/* low */
		ANALYSIS_CONCENTRATION, ANALYSIS_PAIN_WITHOUT_VOICE,
	};
	for (size_t i = 0; i < ANALYSIS_NKINDS; i++)
		ck_assert_msg(a->findings[i].kind == by_sev[i],
			      "by severity, finding %zu is %s", i,
			      analysis_kind_key(a->findings[i].kind));
	analysis_sort(a, ANALYSIS_BY_KIND);
	for (size_t i = 0; i < ANALYSIS_NKINDS; i++)
		ck_assert_int_eq(a->findings[i].kind, (int)i);
	analysis_sort(a, ANALYSIS_BY_JOURNEY);
	for (size_t i = 0; i < ANALYSIS_NKINDS; i++)
		ck_assert_int_eq(a->findings[i].kind, want[i]);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_lookups)
{
	int64_t id[12];
	struct model_map *m = every_kind(id);
	int64_t s1 = id[0], s2 = id[1], s3 = id[2], t1 = id[3], t3 = id[4],
		t4 = id[5], t5 = id[6], d1 = id[8], d2 = id[9], d4 = id[11];
	struct analysis *a = analysis_run(m, NULL);

	/* a card: t4 has the handoff into it, crowded, the silo handoff
	 * out of it */
	struct analysis_summary sum = analysis_touchpoint_summary(a, t4);
	ck_assert_uint_eq(sum.count, 3);
	ck_assert_uint_eq(sum.kinds, ANALYSIS_MASK(ANALYSIS_HANDOFF) |
			  ANALYSIS_MASK(ANALYSIS_CROWDED) |
			  ANALYSIS_MASK(ANALYSIS_SILO_HANDOFF));
	ck_assert_int_eq(sum.worst, MODEL_SEV_HIGH);
	sum = analysis_touchpoint_summary(a, t1);
	ck_assert_uint_eq(sum.kinds, ANALYSIS_MASK(ANALYSIS_UNACKNOWLEDGED_PAIN) |
			  ANALYSIS_MASK(ANALYSIS_PAIN_WITHOUT_VOICE) |
			  ANALYSIS_MASK(ANALYSIS_ACTION_OWNER_OUTSIDE));
	ck_assert_int_eq(sum.worst, MODEL_SEV_MEDIUM);
	sum = analysis_touchpoint_summary(a, 424242);
	ck_assert_uint_eq(sum.count, 0);
	ck_assert_uint_eq(sum.kinds, 0);

	/* a column: stage One holds concentration, pain without voice, the
	 * handoff leaving it and the two actions on its cards; Two holds
	 * that handoff too (it arrives there), crowded, the silo handoff,
	 * the moment, unowned and the gap without action */
	sum = analysis_stage_summary(a, s1);
	ck_assert_uint_eq(sum.count, 6);
	sum = analysis_stage_summary(a, s2);
	ck_assert_uint_eq(sum.count, 6);
	ck_assert_uint_eq(analysis_stage_summary(a, s3).kinds,
			  ANALYSIS_MASK(ANALYSIS_EMPTY_STAGE));
	/* a column header: only what is about the stage itself */
	struct analysis_filter own = { .stage_id = s1,
				       .kinds = ANALYSIS_STAGE_KINDS };
	sum = analysis_summarise(a, &own);
	ck_assert_uint_eq(sum.count, 1);
	ck_assert_uint_eq(sum.kinds, ANALYSIS_MASK(ANALYSIS_CONCENTRATION));
	ck_assert_int_eq(sum.worst, MODEL_SEV_LOW);

	/* indices, capped at max */
	struct analysis_filter flt = { .stage_id = s2 };
	size_t idx[2];
	ck_assert_uint_eq(analysis_select(a, &flt, idx, 2), 6);
	ck_assert_int_eq(a->findings[idx[0]].kind, ANALYSIS_HANDOFF);
	ck_assert_int_eq(a->findings[idx[1]].kind, ANALYSIS_CROWDED);
	ck_assert_uint_eq(analysis_select(a, &flt, NULL, 0), 6);

	/* a lane cell: the t3 -> t4 handoff is Alpha in One and Beta in
	 * Two, never Beta in One */
	struct analysis_filter cell = { .stage_id = s1, .department_id = d2,
					.kinds = ANALYSIS_MASK(ANALYSIS_HANDOFF) };
	ck_assert_uint_eq(analysis_summarise(a, &cell).count, 0);
	cell.stage_id = s2;
	ck_assert_uint_eq(analysis_summarise(a, &cell).count, 1);
	cell.stage_id = s1;
	cell.department_id = d1;
	ck_assert_uint_eq(analysis_summarise(a, &cell).count, 1);
	/* a lane: Delta contributes to crowded t4 and owns the outsider's
	 * action */
	struct analysis_filter lane = { .department_id = d4 };
	ck_assert_uint_eq(analysis_summarise(a, &lane).kinds,
			  ANALYSIS_MASK(ANALYSIS_CROWDED) |
			  ANALYSIS_MASK(ANALYSIS_ACTION_OWNER_OUTSIDE));
	/* touchpoint + kind */
	struct analysis_filter tk = { .touchpoint_id = t5,
				      .kinds = ANALYSIS_MASK(ANALYSIS_SILO_HANDOFF) };
	ck_assert_uint_eq(analysis_summarise(a, &tk).count, 1);
	tk.touchpoint_id = t3;
	ck_assert_uint_eq(analysis_summarise(a, &tk).count, 0);
	struct analysis_filter all = { 0 };
	ck_assert_uint_eq(analysis_summarise(a, &all).count, a->nfindings);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_ownership_matrix)
{
	struct model_map *m = tb_map("Matrix");
	/* added out of order: rows follow the departments' name order */
	int64_t z = tb_dept(m, "Zeta"), a1 = tb_dept(m, "Alpha");
	int64_t s1 = tb_stage(m, "S1"), s2 = tb_stage(m, "S2");
	tb_tp(m, s1, "x", z);
	tb_tp(m, s1, "y", a1);
	tb_tp(m, s2, "z", a1);
	tb_tp(m, s2, "w", 0);
	struct analysis *a = analysis_run(m, NULL);
	const struct analysis_matrix *mx = &a->ownership;
	ck_assert_uint_eq(mx->nrows, 3);
	ck_assert_uint_eq(mx->ncols, 2);
	ck_assert_int_eq(mx->rows[0], a1);
	ck_assert_int_eq(mx->rows[1], z);
	ck_assert_int_eq(mx->rows[2], 0);
	ck_assert_int_eq(mx->cols[0], s1);
	ck_assert_int_eq(mx->cols[1], s2);
	size_t want[3][2] = { { 1, 1 }, { 1, 0 }, { 0, 1 } };
	for (size_t r = 0; r < 3; r++)
		for (size_t c = 0; c < 2; c++)
			ck_assert_uint_eq(mx->cells[r * 2 + c], want[r][c]);
	ck_assert_uint_eq(analysis_matrix_row_total(mx, 0), 2);
	ck_assert_uint_eq(analysis_matrix_col_total(mx, 0), 2);
	ck_assert_uint_eq(analysis_matrix_col_total(mx, 1), 2);
	ck_assert_uint_eq(analysis_matrix_get(mx, 777, s1), 0);
	ck_assert_uint_eq(analysis_matrix_get(mx, a1, 777), 0);
	ck_assert_uint_eq(a->handoffs.nrows, 2);
	ck_assert_uint_eq(a->handoffs.ncols, 2);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, z, a1), 1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_describe_after_delete)
{
	/* a finding read after its department left the model still says
	 * something instead of crashing */
	struct model_map *m = tb_map("Stale");
	int64_t d1 = tb_dept(m, "Alpha"), d2 = tb_dept(m, "Beta");
	int64_t s = tb_stage(m, "S");
	tb_tp(m, s, "a", d1);
	int64_t b = tb_tp(m, s, "b", d2);
	tb_emotion(m, b, -2);
	struct analysis *a = analysis_run(m, NULL);
	free(m->departments[1].name);
	free(m->departments[1].label);
	m->ndepartments = 1;
	said(m, only(a, ANALYSIS_HANDOFF),
	     "'a' (Alpha) hands off to 'b' ((deleted department)), where the "
	     "customer hurts (-2)");
	analysis_free(a);
	model_map_free(m);
}
END_TEST


/* ------------------------------------------------------------------ */
/* Issue 13: the journey's owner, moments of truth, metrics, voices,
 * actions, and decisions on findings */

static const struct analysis_finding *first_of(const struct analysis *a,
					       enum analysis_kind k)
{
	ck_assert_uint_gt(nkind(a, k), 0);
	return nth(a, k, 0);
}

START_TEST(test_no_journey_owner)
{
	struct model_map *m = tb_map("Sponsorless");
	int64_t d = tb_dept(m, "Sales");
	int64_t s = tb_stage(m, "Buy");
	tb_tp(m, s, "Order", d);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->nfindings, 0);	/* tb_map names an owner */
	analysis_free(a);
	const char *blank[] = { "", "  \t", NULL };
	for (size_t i = 0; i < 3; i++) {
		free(m->owner);
		m->owner = blank[i] ? xstrdup(blank[i]) : NULL;
		a = analysis_run(m, NULL);
		const struct analysis_finding *f =
			only(a, ANALYSIS_NO_JOURNEY_OWNER);
		ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
		ck_assert_int_eq(f->stage_id, 0);
		ck_assert_int_eq(f->touchpoint_id, 0);
		/* the journey's own findings come first */
		ck_assert_int_eq(a->findings[0].kind, ANALYSIS_NO_JOURNEY_OWNER);
		said(m, f, "the journey has no owner: nobody is its executive "
			   "sponsor");
		analysis_free(a);
	}
	model_map_free(m);
}
END_TEST

START_TEST(test_metric_off_target)
{
	struct model_map *m = tb_map("Measured");
	int64_t d = tb_dept(m, "Service");
	int64_t s = tb_stage(m, "Support");
	int64_t t = tb_tp(m, s, "Ticket", d);
	int64_t csat = tb_metric(m, t, "CSAT", "3.9", "4.5", "higher");
	tb_metric(m, t, "NPS", "40", "30", "higher");	/* on target */
	int64_t ces = tb_metric(m, t, "CES", "5", "3", "lower");
	tb_metric(m, t, "Wait", "2", "3", "lower");	/* on target */
	tb_metric(m, t, "Notes", "lots of praise", "3", "higher");	/* text */
	tb_metric(m, t, "Tickets", "120", "", "lower");	/* no target */
	tb_metric(m, t, "Exact", "4.5", "4.5", "higher");	/* on it */
	free(tb_metric_at(m, ces)->unit);
	tb_metric_at(m, ces)->unit = xstrdup("points");
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_METRIC_OFF_TARGET), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_METRIC_OFF_TARGET, 0);
	ck_assert_int_eq(f->metric_id, csat);
	ck_assert_int_eq(f->touchpoint_id, t);
	ck_assert_int_eq(f->stage_id, s);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_uint_eq(f->ndepartments, 1);
	ck_assert_int_eq(f->departments[0], d);
	said(m, f, "'Ticket' in stage 'Support': CSAT is 3.9, off its target "
		   "of 4.5 (higher is better)");
	f = nth(a, ANALYSIS_METRIC_OFF_TARGET, 1);
	ck_assert_int_eq(f->metric_id, ces);
	said(m, f, "'Ticket' in stage 'Support': CES is 5 points, off its "
		   "target of 3 points (lower is better)");
	analysis_free(a);

	/* the journey's own success metric, before the stages' findings */
	int64_t nps = tb_metric(m, 0, "NPS", "12", "30", "higher");
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_METRIC_OFF_TARGET), 3);
	f = &a->findings[0];
	ck_assert_int_eq(f->kind, ANALYSIS_METRIC_OFF_TARGET);
	ck_assert_int_eq(f->metric_id, nps);
	ck_assert_int_eq(f->touchpoint_id, 0);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	said(m, f, "journey metric NPS is 12, off its target of 30 "
		   "(higher is better)");
	analysis_free(a);
	/* back on target: gone */
	ck_assert(plan_put(PLAN_METRIC, tb_metric_at(m, csat),
			   PLAN_METRIC_VALUE, "4.6"));
	ck_assert(plan_put(PLAN_METRIC, tb_metric_at(m, nps),
			   PLAN_METRIC_TARGET, ""));
	a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_METRIC_OFF_TARGET)->metric_id, ces);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_moments_of_truth)
{
	struct model_map *m = tb_map("Moments");
	int64_t d1 = tb_dept(m, "Sales"), d2 = tb_dept(m, "Service"),
		d3 = tb_dept(m, "Finance"), d4 = tb_dept(m, "Legal");
	int64_t s = tb_stage(m, "Start");
	int64_t a1 = tb_tp(m, s, "Kick-off", d1);
	int64_t b1 = tb_tp(m, s, "First login", d2);
	int64_t c1 = tb_tp(m, s, "Nobody's", 0);
	tb_contributor(m, b1, d1);
	tb_contributor(m, b1, d3);
	tb_contributor(m, b1, d4);	/* crowded: medium */
	tb_emotion(m, b1, -1);		/* unacknowledged: medium; no voice: low */
	tb_metric(m, b1, "CSAT", "3", "4", "higher");	/* off target: medium */
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_int_eq(first_of(a, ANALYSIS_CROWDED)->severity,
			 MODEL_SEV_MEDIUM);
	ck_assert_int_eq(first_of(a, ANALYSIS_UNACKNOWLEDGED_PAIN)->severity,
			 MODEL_SEV_MEDIUM);
	ck_assert_int_eq(first_of(a, ANALYSIS_PAIN_WITHOUT_VOICE)->severity,
			 MODEL_SEV_LOW);
	ck_assert_int_eq(first_of(a, ANALYSIS_METRIC_OFF_TARGET)->severity,
			 MODEL_SEV_MEDIUM);
	ck_assert_int_eq(first_of(a, ANALYSIS_HANDOFF)->severity,
			 MODEL_SEV_MEDIUM);	/* a1 -> b1, into pain */
	ck_assert_uint_eq(nkind(a, ANALYSIS_MOMENT_WITHOUT_METRIC), 0);
	analysis_free(a);

	/* b1 is a moment of truth: each finding on it ranks one higher */
	tb_moment(m, b1, true);
	a = analysis_run(m, NULL);
	ck_assert_int_eq(first_of(a, ANALYSIS_CROWDED)->severity,
			 MODEL_SEV_HIGH);
	ck_assert_int_eq(first_of(a, ANALYSIS_UNACKNOWLEDGED_PAIN)->severity,
			 MODEL_SEV_HIGH);
	ck_assert_int_eq(first_of(a, ANALYSIS_PAIN_WITHOUT_VOICE)->severity,
			 MODEL_SEV_MEDIUM);
	ck_assert_int_eq(first_of(a, ANALYSIS_METRIC_OFF_TARGET)->severity,
			 MODEL_SEV_HIGH);
	ck_assert_int_eq(first_of(a, ANALYSIS_HANDOFF)->severity,
			 MODEL_SEV_HIGH);
	/* it has a metric (off target or not, it is measured) */
	ck_assert_uint_eq(nkind(a, ANALYSIS_MOMENT_WITHOUT_METRIC), 0);
	analysis_free(a);

	/* unowned and unmeasured moments are high */
	tb_moment(m, c1, true);
	tb_moment(m, a1, true);
	a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_UNOWNED)->severity, MODEL_SEV_HIGH);
	ck_assert_uint_eq(nkind(a, ANALYSIS_MOMENT_WITHOUT_METRIC), 2);
	const struct analysis_finding *f =
		nth(a, ANALYSIS_MOMENT_WITHOUT_METRIC, 0);
	ck_assert_int_eq(f->touchpoint_id, a1);
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	ck_assert_uint_eq(f->ndepartments, 1);
	ck_assert_int_eq(f->departments[0], d1);
	said(m, f, "'Kick-off' in stage 'Start' is a moment of truth with no "
		   "metric");
	f = nth(a, ANALYSIS_MOMENT_WITHOUT_METRIC, 1);
	ck_assert_int_eq(f->touchpoint_id, c1);
	ck_assert_uint_eq(f->ndepartments, 0);
	/* the moment's findings are on its card, and the card says high */
	struct analysis_card k = analysis_card(a, 0, 0);
	ck_assert(k.found.kinds & ANALYSIS_MASK(ANALYSIS_MOMENT_WITHOUT_METRIC));
	ck_assert_int_eq(k.found.worst, MODEL_SEV_HIGH);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_pain_without_voice)
{
	struct model_map *m = tb_map("Assumed");
	int64_t d = tb_dept(m, "Service");
	int64_t s = tb_stage(m, "Use");
	int64_t t1 = tb_tp(m, s, "Setup", d), t2 = tb_tp(m, s, "Outage", d);
	int64_t t3 = tb_tp(m, s, "Praise", d);
	tb_emotion(m, t1, -1);
	tb_emotion(m, t2, -2);
	tb_emotion(m, t3, 2);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_PAIN_WITHOUT_VOICE), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_PAIN_WITHOUT_VOICE, 0);
	ck_assert_int_eq(f->touchpoint_id, t1);
	ck_assert_int_eq(f->severity, MODEL_SEV_LOW);
	ck_assert_int_eq(f->emotion, -1);
	ck_assert_int_eq(f->departments[0], d);
	said(m, f, "'Setup' in stage 'Use' has a negative emotion (-1) and no "
		   "voice behind it: an assumption");
	f = nth(a, ANALYSIS_PAIN_WITHOUT_VOICE, 1);
	ck_assert_int_eq(f->touchpoint_id, t2);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	analysis_free(a);

	/* a voice on the stage does not say which moment hurts */
	tb_voice(m, MODEL_REF_STAGE, s, MODEL_VOICE_CUSTOMER, "meh");
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_PAIN_WITHOUT_VOICE), 2);
	analysis_free(a);
	/* an employee's voice on the touchpoint, data on a gap recorded on
	 * the other (even a resolved one): evidence for both */
	tb_voice(m, MODEL_REF_TOUCHPOINT, t1, MODEL_VOICE_EMPLOYEE,
		 "Setup takes a week");
	int64_t g = tb_gap(m, s, t2, MODEL_SEV_LOW, MODEL_RESOLVED);
	tb_voice(m, MODEL_REF_GAP, g, MODEL_VOICE_DATA, "40% churn");
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_PAIN_WITHOUT_VOICE), 0);
	/* evidence is not acknowledgement: nothing open is recorded */
	ck_assert_uint_eq(nkind(a, ANALYSIS_UNACKNOWLEDGED_PAIN), 2);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_gap_without_action)
{
	struct model_map *m = tb_map("Unplanned");
	int64_t d = tb_dept(m, "Finance"), e = tb_dept(m, "Sales");
	int64_t s = tb_stage(m, "Purchase");
	int64_t t = tb_tp(m, s, "Invoice", d);
	int64_t g1 = tb_gap(m, s, t, MODEL_SEV_HIGH, MODEL_OPEN);
	int64_t g2 = tb_gap(m, s, 0, MODEL_SEV_HIGH, MODEL_OPEN);
	tb_gap(m, s, t, MODEL_SEV_MEDIUM, MODEL_OPEN);	/* not high */
	tb_gap(m, s, t, MODEL_SEV_HIGH, MODEL_RESOLVED);	/* closed */
	int64_t g5 = tb_gap(m, 0, 0, MODEL_SEV_HIGH, MODEL_OPEN);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_GAP_WITHOUT_ACTION), 3);
	const struct analysis_finding *f = nth(a, ANALYSIS_GAP_WITHOUT_ACTION, 0);
	ck_assert_int_eq(f->gap_id, g1);
	ck_assert_int_eq(f->severity, MODEL_SEV_HIGH);
	ck_assert_int_eq(f->touchpoint_id, t);
	ck_assert_int_eq(f->stage_id, s);
	ck_assert_int_eq(f->departments[0], d);
	said(m, f, "no live action fixes the high gap on 'Invoice' in stage "
		   "'Purchase': recorded gap");
	f = nth(a, ANALYSIS_GAP_WITHOUT_ACTION, 1);
	ck_assert_int_eq(f->gap_id, g2);
	ck_assert_int_eq(f->touchpoint_id, 0);
	ck_assert_uint_eq(f->ndepartments, 0);
	said(m, f, "no live action fixes the high gap on stage 'Purchase': "
		   "recorded gap");
	f = nth(a, ANALYSIS_GAP_WITHOUT_ACTION, 2);
	ck_assert_int_eq(f->gap_id, g5);
	ck_assert_int_eq(f->stage_id, 0);
	said(m, f, "no live action fixes the high gap on the whole map: "
		   "recorded gap");
	/* the plan's findings come last, and never mark a card */
	ck_assert_int_eq(a->findings[a->nfindings - 1].kind,
			 ANALYSIS_GAP_WITHOUT_ACTION);
	ck_assert_uint_eq(analysis_card(a, 0, 0).found.count, 0);
	analysis_free(a);

	/* an idea counts as live; done, dropped, or an action on the
	 * touchpoint rather than the gap do not */
	tb_action(m, MODEL_REF_GAP, g1, "Bill from one system", d,
		  MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_GAP, g2, "Done already", e, MODEL_ACTION_DONE, "");
	tb_action(m, MODEL_REF_GAP, g2, "Forget it", e, MODEL_ACTION_DROPPED, "");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Nearby", d, MODEL_ACTION_DOING,
		  "");
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_GAP_WITHOUT_ACTION), 2);
	ck_assert_int_eq(nth(a, ANALYSIS_GAP_WITHOUT_ACTION, 0)->gap_id, g2);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

static void on_day(struct analysis_options *o)
{
	strcpy(o->today, "2026-11-30");
}

START_TEST(test_action_overdue)
{
	struct model_map *m = tb_map("Late");
	int64_t d = tb_dept(m, "Service");
	int64_t s = tb_stage(m, "Use");
	int64_t t = tb_tp(m, s, "Setup", d);
	int64_t late = tb_action(m, MODEL_REF_TOUCHPOINT, t, "Setup wizard", d,
				 MODEL_ACTION_DOING, "2026-11-29");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Due today", d,
		  MODEL_ACTION_PLANNED, "2026-11-30");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Finished late", d,
		  MODEL_ACTION_DONE, "2026-01-01");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Dropped", d,
		  MODEL_ACTION_DROPPED, "2026-01-01");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Some day", d, MODEL_ACTION_IDEA,
		  "");
	int64_t nobody = tb_action(m, MODEL_REF_MAP, 0, "Journey review", 0,
				   MODEL_ACTION_IDEA, "2026-06-01");
	struct analysis *a = run_with(m, on_day);
	ck_assert_str_eq(a->options.today, "2026-11-30");
	ck_assert_uint_eq(nkind(a, ANALYSIS_ACTION_OVERDUE), 2);
	const struct analysis_finding *f = nth(a, ANALYSIS_ACTION_OVERDUE, 0);
	ck_assert_int_eq(f->action_id, late);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_int_eq(f->touchpoint_id, t);
	ck_assert_int_eq(f->departments[0], d);
	said(m, f, "action 'Setup wizard' (Service) was due on 2026-11-29 and "
		   "is still 'doing'");
	f = nth(a, ANALYSIS_ACTION_OVERDUE, 1);
	ck_assert_int_eq(f->action_id, nobody);
	ck_assert_int_eq(f->stage_id, 0);
	ck_assert_uint_eq(f->ndepartments, 0);
	said(m, f, "action 'Journey review' was due on 2026-06-01 and is still "
		   "'idea'");
	analysis_free(a);
	/* on a moment of truth it ranks high */
	tb_moment(m, t, true);
	a = run_with(m, on_day);
	ck_assert_int_eq(nth(a, ANALYSIS_ACTION_OVERDUE, 0)->severity,
			 MODEL_SEV_HIGH);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

/* The default day is today, from the clock (CXMAP_TEST_NOW in tests). */
START_TEST(test_options_today)
{
	setenv("CXMAP_TEST_NOW", "1764460800", 1);	/* 2025-11-30 00:00 UTC */
	setenv("TZ", "UTC", 1);
	tzset();
	struct analysis_options o;
	analysis_options_init(&o);
	ck_assert_str_eq(o.today, "2025-11-30");
	struct model_map *m = tb_map("Today");
	tb_action(m, MODEL_REF_MAP, 0, "Yesterday's", 0, MODEL_ACTION_PLANNED,
		  "2025-11-29");
	tb_action(m, MODEL_REF_MAP, 0, "Today's", 0, MODEL_ACTION_PLANNED,
		  "2025-11-30");
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_int_eq(only(a, ANALYSIS_ACTION_OVERDUE)->action_id,
			 m->actions[0].id);
	analysis_free(a);
	model_map_free(m);
	unsetenv("CXMAP_TEST_NOW");
}
END_TEST

START_TEST(test_action_owner_outside)
{
	struct model_map *m = tb_map("Outsiders");
	int64_t fi = tb_dept(m, "Finance"), sa = tb_dept(m, "Sales"),
		it = tb_dept(m, "IT"), hr = tb_dept(m, "HR");
	int64_t s = tb_stage(m, "Purchase"), s2 = tb_stage(m, "Nobody's");
	int64_t t = tb_tp(m, s, "Invoice", fi);
	tb_contributor(m, t, sa);
	int64_t u = tb_tp(m, s2, "Orphan", 0);
	int64_t g = tb_gap(m, s, t, MODEL_SEV_LOW, MODEL_OPEN);
	int64_t gs = tb_gap(m, s, 0, MODEL_SEV_LOW, MODEL_OPEN);
	int64_t silo = tb_silo(m, fi, sa, 0, MODEL_OPEN);
	/* owner and contributor are inside; IT is not */
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "by owner", fi, MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "by contributor", sa,
		  MODEL_ACTION_IDEA, "");
	int64_t x1 = tb_action(m, MODEL_REF_TOUCHPOINT, t, "Portal", it,
			       MODEL_ACTION_PLANNED, "");
	int64_t x2 = tb_action(m, MODEL_REF_GAP, g, "Gap fix", hr,
			       MODEL_ACTION_DOING, "");
	int64_t x3 = tb_action(m, MODEL_REF_GAP, gs, "Stage fix", it,
			       MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_GAP, gs, "Stage fix inside", sa,
		  MODEL_ACTION_IDEA, "");
	int64_t x4 = tb_action(m, MODEL_REF_SILO, silo, "Silo fix", hr,
			       MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_SILO, silo, "Silo fix inside", sa,
		  MODEL_ACTION_IDEA, "");
	/* not outside: anyone may take on an unowned touchpoint or the
	 * whole journey; nobody owns the action; it is over */
	tb_action(m, MODEL_REF_TOUCHPOINT, u, "Adopt it", it, MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_MAP, 0, "Journey", hr, MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Unassigned", 0,
		  MODEL_ACTION_IDEA, "");
	tb_action(m, MODEL_REF_TOUCHPOINT, t, "Finished", it, MODEL_ACTION_DONE,
		  "");
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(nkind(a, ANALYSIS_ACTION_OWNER_OUTSIDE), 4);
	const struct analysis_finding *f =
		nth(a, ANALYSIS_ACTION_OWNER_OUTSIDE, 0);
	ck_assert_int_eq(f->action_id, x1);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_int_eq(f->touchpoint_id, t);
	ck_assert_uint_eq(f->ndepartments, 1);
	ck_assert_int_eq(f->departments[0], it);
	said(m, f, "action 'Portal' is owned by IT, which neither owns nor "
		   "contributes to 'Invoice' in stage 'Purchase'");
	f = nth(a, ANALYSIS_ACTION_OWNER_OUTSIDE, 1);
	ck_assert_int_eq(f->action_id, x2);
	ck_assert_int_eq(f->gap_id, g);
	ck_assert_int_eq(f->touchpoint_id, t);
	f = nth(a, ANALYSIS_ACTION_OWNER_OUTSIDE, 2);
	ck_assert_int_eq(f->action_id, x3);
	said(m, f, "action 'Stage fix' is owned by IT, which neither owns nor "
		   "contributes to stage 'Purchase'");
	f = nth(a, ANALYSIS_ACTION_OWNER_OUTSIDE, 3);
	ck_assert_int_eq(f->action_id, x4);
	ck_assert_int_eq(f->silo_id, silo);
	said(m, f, "action 'Silo fix' is owned by HR, which neither owns nor "
		   "contributes to the silo between Finance and Sales");
	/* HR's lane shows what HR owes */
	struct analysis_filter lane = { .department_id = hr };
	ck_assert_uint_eq(analysis_summarise(a, &lane).count, 2);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

/* A sound journey -- every step owned, departments handing over to each
 * other -- has nothing to act on: handoffs are context. */
START_TEST(test_plain_handoffs_are_context)
{
	struct model_map *m = tb_map("Sound");
	int64_t mk = tb_dept(m, "Marketing"), sa = tb_dept(m, "Sales"),
		sv = tb_dept(m, "Service");
	int64_t s1 = tb_stage(m, "Discover"), s2 = tb_stage(m, "Buy"),
		s3 = tb_stage(m, "Use");
	tb_tp(m, s1, "Ad", mk);
	tb_tp(m, s1, "Website", sa);
	tb_tp(m, s2, "Demo", sa);
	tb_tp(m, s2, "Contract", mk);
	int64_t welcome = tb_tp(m, s3, "Welcome", sv);
	tb_tp(m, s3, "Renewal", sa);
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->nfindings, 0);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, mk, sa), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, sa, mk), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, mk, sv), 1);
	ck_assert_uint_eq(analysis_matrix_get(&a->handoffs, sv, sa), 1);
	for (size_t j = 0; j < 2; j++)
		ck_assert_uint_eq(analysis_card(a, 2, j).found.count, 0);
	analysis_free(a);
	/* the customer hurts at the welcome: the handoff into it counts,
	 * and marks both cards */
	tb_emotion(m, welcome, -1);
	tb_voice(m, MODEL_REF_TOUCHPOINT, welcome, MODEL_VOICE_CUSTOMER,
		 "Nobody called");
	tb_gap(m, s3, welcome, MODEL_SEV_MEDIUM, MODEL_OPEN);
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->nfindings, 1);
	const struct analysis_finding *f = only(a, ANALYSIS_HANDOFF);
	ck_assert_int_eq(f->next_touchpoint_id, welcome);
	ck_assert_int_eq(f->severity, MODEL_SEV_MEDIUM);
	ck_assert_uint_eq(analysis_card(a, 1, 1).found.count, 1);
	ck_assert_uint_eq(analysis_card(a, 2, 0).found.count, 1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

START_TEST(test_finding_subject)
{
	int64_t id[12];
	struct model_map *m = every_kind(id);
	struct analysis *a = analysis_run(m, NULL);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &a->findings[i];
		struct model_ref s[2];
		analysis_finding_subject(f, s);
		switch (f->kind) {
		case ANALYSIS_HANDOFF:
		case ANALYSIS_SILO_HANDOFF:
			ck_assert_int_eq(s[0].kind, MODEL_REF_TOUCHPOINT);
			ck_assert_int_eq(s[0].id, f->touchpoint_id);
			ck_assert_int_eq(s[1].kind, MODEL_REF_TOUCHPOINT);
			ck_assert_int_eq(s[1].id, f->next_touchpoint_id);
			break;
		case ANALYSIS_CONCENTRATION:
			ck_assert_int_eq(s[0].kind, MODEL_REF_STAGE);
			ck_assert_int_eq(s[0].id, id[0]);
			ck_assert_int_eq(s[1].kind, MODEL_REF_DEPARTMENT);
			ck_assert_int_eq(s[1].id, id[8]);
			break;
		case ANALYSIS_EMPTY_STAGE:
			ck_assert_int_eq(s[0].kind, MODEL_REF_STAGE);
			ck_assert_int_eq(s[0].id, id[2]);
			ck_assert_int_eq(s[1].kind, MODEL_REF_NONE);
			break;
		case ANALYSIS_METRIC_OFF_TARGET:
			ck_assert_int_eq(s[0].kind, MODEL_REF_METRIC);
			ck_assert_int_eq(s[0].id, m->metrics[0].id);
			break;
		case ANALYSIS_GAP_WITHOUT_ACTION:
			ck_assert_int_eq(s[0].kind, MODEL_REF_GAP);
			ck_assert_int_eq(s[0].id, m->gaps[1].id);
			break;
		case ANALYSIS_ACTION_OVERDUE:
		case ANALYSIS_ACTION_OWNER_OUTSIDE:
			ck_assert_int_eq(s[0].kind, MODEL_REF_ACTION);
			ck_assert_int_eq(s[0].id, f->action_id);
			ck_assert_int_ne(f->action_id, 0);
			break;
		case ANALYSIS_NO_JOURNEY_OWNER:
			ck_assert_int_eq(s[0].kind, MODEL_REF_MAP);
			ck_assert_int_eq(s[0].id, 0);
			ck_assert_int_eq(s[1].kind, MODEL_REF_NONE);
			break;
		default:	/* about one touchpoint */
			ck_assert_int_eq(s[0].kind, MODEL_REF_TOUCHPOINT);
			ck_assert_int_eq(s[0].id, f->touchpoint_id);
			ck_assert_int_eq(s[1].kind, MODEL_REF_NONE);
			ck_assert_int_eq(s[1].id, 0);
			break;
		}
	}
	analysis_free(a);
	model_map_free(m);
}
END_TEST

/* Decides finding f of m as a person would: its kind's key and subject. */
static int64_t decide(struct model_map *m, const struct analysis_finding *f,
		      enum model_decision_kind d)
{
	struct model_ref s[2];
	analysis_finding_subject(f, s);
	return tb_decision(m, analysis_kind_key(f->kind), s, d, "known risk",
			   "alice", 1764460800);
}

START_TEST(test_decisions)
{
	int64_t id[12];
	struct model_map *m = every_kind(id);
	int64_t t4 = id[5], s2 = id[1];
	struct analysis *a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->ndecided, 0);
	size_t before = a->nfindings;
	struct analysis_card card = analysis_card(a, 1, 0);	/* t4 */
	ck_assert_uint_eq(card.found.count, 3);
	/* accept the silo handoff out of t4, dismiss the unowned t6 and
	 * the journey's missing owner */
	int64_t d1 = decide(m, first_of(a, ANALYSIS_SILO_HANDOFF),
			    MODEL_DECISION_ACCEPTED);
	int64_t d2 = decide(m, first_of(a, ANALYSIS_UNOWNED),
			    MODEL_DECISION_DISMISSED);
	int64_t d3 = decide(m, first_of(a, ANALYSIS_NO_JOURNEY_OWNER),
			    MODEL_DECISION_ACCEPTED);
	/* decisions on something else decide nothing: another kind's key,
	 * another touchpoint, a key nobody knows */
	struct model_ref other[2] = { { MODEL_REF_TOUCHPOINT, t4 },
				      { MODEL_REF_NONE, 0 } };
	tb_decision(m, "unowned", other, MODEL_DECISION_ACCEPTED, "", "bob", 1);
	other[0].id = id[7];
	tb_decision(m, "crowded", other, MODEL_DECISION_ACCEPTED, "", "bob", 1);
	tb_decision(m, "no-such-kind", other, MODEL_DECISION_ACCEPTED, "",
		    "bob", 1);
	analysis_free(a);

	a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->nfindings, before);	/* still listed */
	ck_assert_uint_eq(a->ndecided, 3);
	ck_assert_uint_eq(first_of(a, ANALYSIS_SILO_HANDOFF)->decision_id, d1);
	ck_assert_uint_eq(first_of(a, ANALYSIS_UNOWNED)->decision_id, d2);
	ck_assert_uint_eq(first_of(a, ANALYSIS_NO_JOURNEY_OWNER)->decision_id,
			  d3);
	ck_assert_uint_eq(first_of(a, ANALYSIS_CROWDED)->decision_id, 0);
	/* not counted anywhere people see counts */
	ck_assert_uint_eq(a->counts[ANALYSIS_SILO_HANDOFF], 0);
	ck_assert_uint_eq(a->counts[ANALYSIS_UNOWNED], 0);
	ck_assert_uint_eq(a->counts[ANALYSIS_NO_JOURNEY_OWNER], 0);
	ck_assert_uint_eq(a->counts[ANALYSIS_CROWDED], 1);
	size_t counted = 0;
	for (int k = 0; k < ANALYSIS_NKINDS; k++)
		counted += a->counts[k];
	ck_assert_uint_eq(counted + a->ndecided, a->nfindings);
	card = analysis_card(a, 1, 0);
	ck_assert_uint_eq(card.found.count, 2);	/* handoff in, crowded */
	ck_assert(!(card.found.kinds & ANALYSIS_MASK(ANALYSIS_SILO_HANDOFF)));
	ck_assert_uint_eq(analysis_card(a, 1, 1).found.count, 1);	/* t5 */
	ck_assert_uint_eq(analysis_touchpoint_summary(a, id[7]).count, 0);
	struct analysis_filter st = { .stage_id = s2 };
	ck_assert_uint_eq(analysis_summarise(a, &st).count, 4);
	struct analysis_marks *x = analysis_marks_new(a, m, ANALYSIS_ALL_KINDS,
						      ANALYSIS_ALL_KINDS);
	ck_assert_uint_eq(analysis_marks_touchpoint(x, 1, 0).count, 2);
	ck_assert_uint_eq(analysis_marks_touchpoint(x, 1, 2).count, 0);
	analysis_marks_free(x);
	/* the finding can still be found, selected and described */
	struct analysis_filter un = { .kinds = ANALYSIS_MASK(ANALYSIS_UNOWNED) };
	ck_assert_uint_eq(analysis_select(a, &un, NULL, 0), 1);
	analysis_free(a);

	/* the silo is resolved: a plain handoff no longer matches the
	 * decision on the silo handoff (another kind) */
	m->silos[0].status = MODEL_RESOLVED;
	a = analysis_run(m, NULL);
	ck_assert_uint_eq(a->ndecided, 2);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

static Suite *analysis_suite(void)
{
	Suite *s = suite_create("analysis");
	TCase *tc = tcase_create("findings");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_kind_names);
	tcase_add_test(tc, test_empty_map);
	tcase_add_test(tc, test_unowned);
	tcase_add_test(tc, test_every_touchpoint_owned);
	tcase_add_test(tc, test_empty_stage);
	tcase_add_test(tc, test_one_stage_map);
	tcase_add_test(tc, test_crowded_threshold);
	tcase_add_test(tc, test_unacknowledged_pain);
	tcase_add_test(tc, test_pain_acknowledged_by_stage_gap_and_silo);
	tcase_add_test(tc, test_resolved_gap_is_no_acknowledgement);
	tcase_add_test(tc, test_handoff_journey_order);
	tcase_add_test(tc, test_unowned_breaks_the_chain);
	tcase_add_test(tc, test_silo_handoff_both_orders);
	tcase_add_test(tc, test_concentration);
	tcase_add_test(tc, test_moved_in_memory);
	tcase_add_test(tc, test_store_edits);
	suite_add_tcase(s, tc);

	tc = tcase_create("for the views");
	tcase_add_test(tc, test_every_kind_order);
	tcase_add_test(tc, test_lookups);
	tcase_add_test(tc, test_ownership_matrix);
	tcase_add_test(tc, test_describe_after_delete);
	tcase_add_test(tc, test_marks_agree);
	suite_add_tcase(s, tc);

	tc = tcase_create("the plan");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_no_journey_owner);
	tcase_add_test(tc, test_metric_off_target);
	tcase_add_test(tc, test_moments_of_truth);
	tcase_add_test(tc, test_pain_without_voice);
	tcase_add_test(tc, test_gap_without_action);
	tcase_add_test(tc, test_action_overdue);
	tcase_add_test(tc, test_options_today);
	tcase_add_test(tc, test_action_owner_outside);
	tcase_add_test(tc, test_plain_handoffs_are_context);
	tcase_add_test(tc, test_finding_subject);
	tcase_add_test(tc, test_decisions);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(analysis_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
