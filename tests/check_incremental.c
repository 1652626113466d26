/* check_incremental.c - the id index of a loaded map and the incremental
 * analysis (issue 12): random edits to an in-memory map, each followed
 * by analysis_update(), which must agree with analysis_run() on the map
 * as it is then: findings, counts, matrices, the board's cards and the
 * header's counts. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builder.h"
#include "core/analysis.h"
#include "core/plan.h"
#include "testutil.h"
#include "util/xalloc.h"

static void teardown(void)
{
	tu_cleanup();
}

/* ------------------------------------------------------------------ */
/* the index */

START_TEST(test_index_lookups)
{
	struct model_map *m = tb_map("Index");
	int64_t d = tb_dept(m, "Sales");
	int64_t s1 = tb_stage(m, "One"), s2 = tb_stage(m, "Two");
	int64_t t1 = tb_tp(m, s1, "a", d), t2 = tb_tp(m, s2, "b", 0);
	int64_t g = tb_gap(m, s1, t1, MODEL_SEV_LOW, MODEL_OPEN);
	model_reindex(m);
	size_t si = 9;
	ck_assert_ptr_eq(model_touchpoint(m, t2, &si), &m->stages[1].touchpoints[0]);
	ck_assert_uint_eq(si, 1);
	ck_assert_ptr_eq(model_stage(m, s2), &m->stages[1]);
	ck_assert_ptr_eq(model_gap(m, g), &m->gaps[0]);
	ck_assert_ptr_eq(model_department(m, d), &m->departments[0]);
	ck_assert_ptr_null(model_touchpoint(m, 424242, NULL));
	ck_assert_ptr_null(model_stage(m, 0));
	/* patched and not re-indexed: still right (by the scan) */
	tb_move(m, t1, s2);
	ck_assert_ptr_eq(model_touchpoint(m, t1, &si), &m->stages[1].touchpoints[1]);
	ck_assert_uint_eq(si, 1);
	struct model_stage tmp = m->stages[0];
	m->stages[0] = m->stages[1];
	m->stages[1] = tmp;
	ck_assert_ptr_eq(model_stage(m, s1), &m->stages[1]);
	ck_assert_ptr_eq(model_touchpoint(m, t2, &si), &m->stages[0].touchpoints[0]);
	ck_assert_uint_eq(si, 0);
	/* stages re-indexed only: touchpoints are found by their stage id */
	model_reindex_stages(m);
	ck_assert_ptr_eq(model_touchpoint(m, t2, &si), &m->stages[0].touchpoints[0]);
	model_reindex_stage(m, 0);
	ck_assert_ptr_eq(model_touchpoint(m, t1, &si), &m->stages[0].touchpoints[1]);
	model_map_free(m);
}
END_TEST

/* ------------------------------------------------------------------ */
/* comparing two analyses */

static void same_matrix(const struct analysis_matrix *x,
			const struct analysis_matrix *y, const char *what)
{
	ck_assert_msg(x->nrows == y->nrows && x->ncols == y->ncols,
		      "%s: %zux%zu, want %zux%zu", what, x->nrows, x->ncols,
		      y->nrows, y->ncols);
	for (size_t r = 0; r < x->nrows; r++)
		ck_assert_msg(x->rows[r] == y->rows[r], "%s row %zu", what, r);
	for (size_t c = 0; c < x->ncols; c++)
		ck_assert_msg(x->cols[c] == y->cols[c], "%s col %zu", what, c);
	for (size_t i = 0; i < x->nrows * x->ncols; i++)
		ck_assert_msg(x->cells[i] == y->cells[i],
			      "%s cell %zu: %zu, want %zu", what, i,
			      x->cells[i], y->cells[i]);
}

static bool same_summary(struct analysis_summary x, struct analysis_summary y)
{
	return x.count == y.count && x.kinds == y.kinds && x.worst == y.worst;
}

static void same_card(struct analysis_card x, struct analysis_card y,
		      const char *what, size_t i, size_t j, int step)
{
	ck_assert_msg(same_summary(x.found, y.found) &&
		      x.open_gaps == y.open_gaps && x.open_silos == y.open_silos,
		      "step %d: %s %zu.%zu: %zu/%x/%d gaps %zu silos %zu, want "
		      "%zu/%x/%d gaps %zu silos %zu", step, what, i, j,
		      x.found.count, x.found.kinds, (int)x.found.worst,
		      x.open_gaps, x.open_silos, y.found.count, y.found.kinds,
		      (int)y.found.worst, y.open_gaps, y.open_silos);
}

/* The cards by their definition: analysis_summarise and a scan. */
static struct analysis_card card_by_scan(const struct model_map *m,
					 const struct analysis *a, size_t i,
					 long j)
{
	struct analysis_card k;
	memset(&k, 0, sizeof k);
	const struct model_stage *sg = &m->stages[i];
	int64_t tp = j >= 0 ? sg->touchpoints[j].id : 0;
	struct analysis_filter flt = { .touchpoint_id = tp,
		.stage_id = tp ? 0 : sg->id,
		.kinds = tp ? ANALYSIS_CARD_KINDS : ANALYSIS_STAGE_KINDS };
	k.found = analysis_summarise(a, &flt);
	for (size_t g = 0; g < m->ngaps; g++)
		k.open_gaps += m->gaps[g].status == MODEL_OPEN &&
			       (tp ? m->gaps[g].touchpoint_id == tp
				   : !m->gaps[g].touchpoint_id &&
				     m->gaps[g].stage_id == sg->id);
	for (size_t s = 0; tp && s < m->nsilos; s++)
		k.open_silos += m->silos[s].status == MODEL_OPEN &&
				m->silos[s].touchpoint_id == tp;
	return k;
}

/* The lanes view's cells by their definition: owner, else a contributor. */
static void same_lanes(const struct model_map *m, const struct analysis *x,
		       int step)
{
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		for (size_t r = 0; r <= m->ndepartments; r++) {
			int64_t dept = r < m->ndepartments ? m->departments[r].id : 0;
			const struct analysis_lane_item *v;
			size_t n = analysis_lane(x, i, r, &v), k = 0;
			for (size_t j = 0; j < sg->ntouchpoints; j++) {
				const struct model_touchpoint *t = &sg->touchpoints[j];
				bool own = t->owner_id == dept, contrib = false;
				for (size_t c = 0; dept && !own && c < t->ncontributors; c++)
					contrib |= t->contributors[c] == dept;
				if (!own && !contrib)
					continue;
				ck_assert_msg(k < n && v[k].card == j &&
					      v[k].contributes == contrib,
					      "step %d: lane %zu of stage %zu, "
					      "item %zu", step, r, i, k);
				k++;
			}
			ck_assert_msg(k == n, "step %d: lane %zu of stage %zu: "
				      "%zu items, want %zu", step, r, i, n, k);
		}
	}
}

static void same_analysis(const struct model_map *m,
			  const struct analysis *x, const struct analysis *y,
			  int step)
{
	ck_assert_msg(x->nfindings == y->nfindings,
		      "step %d: %zu findings, want %zu", step, x->nfindings,
		      y->nfindings);
	for (size_t i = 0; i < x->nfindings; i++) {
		const struct analysis_finding *f = &x->findings[i];
		const struct analysis_finding *g = &y->findings[i];
		bool same = f->kind == g->kind && f->severity == g->severity &&
			f->stage_id == g->stage_id &&
			f->touchpoint_id == g->touchpoint_id &&
			f->next_touchpoint_id == g->next_touchpoint_id &&
			f->next_stage_id == g->next_stage_id &&
			f->silo_id == g->silo_id && f->count == g->count &&
			f->total == g->total && f->emotion == g->emotion &&
			f->order == g->order &&
			f->gap_id == g->gap_id && f->metric_id == g->metric_id &&
			f->action_id == g->action_id &&
			f->decision_id == g->decision_id &&
			f->ndepartments == g->ndepartments;
		for (size_t d = 0; same && d < f->ndepartments; d++)
			same = f->departments[d] == g->departments[d];
		ck_assert_msg(same, "step %d: finding %zu: %s at %jd, want %s "
			      "at %jd", step, i, analysis_kind_key(f->kind),
			      (intmax_t)f->touchpoint_id,
			      analysis_kind_key(g->kind),
			      (intmax_t)g->touchpoint_id);
	}
	for (int k = 0; k < ANALYSIS_NKINDS; k++)
		ck_assert_msg(x->counts[k] == y->counts[k], "step %d: count %s",
			      step, analysis_kind_key(k));
	ck_assert_msg(x->ndecided == y->ndecided, "step %d: %zu decided, "
		      "want %zu", step, x->ndecided, y->ndecided);
	same_matrix(&x->ownership, &y->ownership, "ownership");
	same_matrix(&x->handoffs, &y->handoffs, "handoffs");
	same_lanes(m, x, step);
	same_lanes(m, y, step);
	ck_assert_uint_eq(x->ntouchpoints, model_touchpoint_count(m));
	ck_assert_uint_eq(x->nunowned, model_unowned_count(m));
	ck_assert_uint_eq(x->nopen_gaps, model_open_gap_count(m));
	ck_assert_uint_eq(x->nopen_silos, model_open_silo_count(m));
	for (size_t i = 0; i < m->nstages; i++) {
		struct analysis_card want = card_by_scan(m, y, i, -1);
		same_card(analysis_stage_card(y, i), want, "run stage", i, 0, step);
		same_card(analysis_stage_card(x, i), want, "stage", i, 0, step);
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			want = card_by_scan(m, y, i, (long)j);
			same_card(analysis_card(y, i, j), want, "run card", i, j,
				  step);
			same_card(analysis_card(x, i, j), want, "card", i, j,
				  step);
		}
	}
}

/* ------------------------------------------------------------------ */
/* random edits, done to the arrays as a reload would leave them */

#define NDEPTS 5

struct world {
	struct model_map *m;
	int64_t depts[NDEPTS];
	int64_t next_id;
	unsigned seed;
	struct analysis_change ch;
	/* the plan's lists changed, as the editor says after a delete or
	 * an edit of an item: else the update is told plan_same */
	bool plan_touched;
	int64_t named[8];
	const struct analysis *an;	/* before the edits: findings to decide */
};

static unsigned rnd(struct world *w, unsigned n)
{
	w->seed = w->seed * 1103515245u + 12345u;
	return n ? (w->seed >> 16) % n : 0;
}

static int64_t any_owner(struct world *w)
{
	unsigned r = rnd(w, NDEPTS + 3);
	/* nobody, or a department the map does not know */
	return r < NDEPTS ? w->depts[r] : r == NDEPTS ? 999999 : 0;
}

static void name_stage(struct world *w, int64_t id)
{
	if (w->ch.nstage_ids < 8)
		w->named[w->ch.nstage_ids++] = id;
	w->ch.stage_ids = w->named;
}

static struct model_touchpoint new_tp(struct world *w, int64_t stage_id)
{
	struct model_touchpoint t;
	memset(&t, 0, sizeof t);
	t.id = ++w->next_id;
	t.stage_id = stage_id;
	t.name = xasprintf("tp %jd", (intmax_t)t.id);
	t.channel = xstrdup("");
	t.notes = xstrdup("");
	t.owner_id = any_owner(w);
	t.has_emotion = rnd(w, 3) > 0;
	t.emotion = (int)rnd(w, 5) - 2;
	t.moment = rnd(w, 4) == 0;
	t.ncontributors = rnd(w, 5);
	t.contributors = xcalloc(t.ncontributors + 1, sizeof *t.contributors);
	for (size_t k = 0; k < t.ncontributors; k++)
		t.contributors[k] = any_owner(w);
	return t;
}

static struct model_stage *any_stage(struct world *w, size_t *si)
{
	if (!w->m->nstages)
		return NULL;
	*si = rnd(w, (unsigned)w->m->nstages);
	return &w->m->stages[*si];
}

static void insert_tp(struct model_stage *sg, size_t at,
		      struct model_touchpoint t)
{
	sg->touchpoints = xrealloc(sg->touchpoints, (sg->ntouchpoints + 1) *
				   sizeof *sg->touchpoints);
	memmove(&sg->touchpoints[at + 1], &sg->touchpoints[at],
		(sg->ntouchpoints - at) * sizeof t);
	sg->touchpoints[at] = t;
	sg->ntouchpoints++;
}

static struct model_touchpoint take_tp(struct model_stage *sg, size_t at)
{
	struct model_touchpoint t = sg->touchpoints[at];
	memmove(&sg->touchpoints[at], &sg->touchpoints[at + 1],
		(sg->ntouchpoints - at - 1) * sizeof t);
	sg->ntouchpoints--;
	return t;
}

/* An edit to one touchpoint or stage (the stage named in w->ch). */
static void edit_stage_content(struct world *w)
{
	size_t si;
	struct model_stage *sg = any_stage(w, &si);
	if (!sg)
		return;
	size_t n = sg->ntouchpoints;
	struct model_touchpoint *t = n ? &sg->touchpoints[rnd(w, (unsigned)n)]
				       : NULL;
	switch (rnd(w, 10)) {
	case 9:	/* a moment of truth, or not */
		if (t)
			t->moment = !t->moment;
		break;
	case 0:	/* add */
		insert_tp(sg, rnd(w, (unsigned)n + 1), new_tp(w, sg->id));
		break;
	case 1:	/* delete */
		w->plan_touched = true;
		if (t) {
			struct model_touchpoint x =
				take_tp(sg, (size_t)(t - sg->touchpoints));
			model_touchpoint_clear(&x);
		}
		break;
	case 2:	/* move within the stage */
		if (t) {
			struct model_touchpoint x =
				take_tp(sg, (size_t)(t - sg->touchpoints));
			insert_tp(sg, rnd(w, (unsigned)n), x);
		}
		break;
	case 3: {	/* move to another stage */
		size_t ti;
		struct model_stage *to = any_stage(w, &ti);
		if (!t || to == sg)
			break;
		struct model_touchpoint x =
			take_tp(sg, (size_t)(t - sg->touchpoints));
		x.stage_id = to->id;
		insert_tp(to, rnd(w, (unsigned)to->ntouchpoints + 1), x);
		name_stage(w, to->id);
		if (rnd(w, 4))
			model_reindex_stage(w->m, ti);
		break;
	}
	case 4:	/* owner */
		if (t)
			t->owner_id = any_owner(w);
		break;
	case 5:	/* emotion */
		if (t) {
			t->has_emotion = rnd(w, 4) > 0;
			t->emotion = (int)rnd(w, 5) - 2;
		}
		break;
	case 6:	/* contributors */
		if (t) {
			t->ncontributors = rnd(w, 5);
			t->contributors = xrealloc(t->contributors,
				(t->ncontributors + 1) * sizeof *t->contributors);
			for (size_t k = 0; k < t->ncontributors; k++)
				t->contributors[k] = any_owner(w);
		}
		break;
	case 7:	/* rename */
		if (t) {
			free(t->name);
			t->name = xstrdup("renamed");
		}
		break;
	default:	/* the stage's own fields */
		free(sg->name);
		sg->name = xstrdup("renamed stage");
		break;
	}
	name_stage(w, sg->id);
	if (rnd(w, 4))	/* sometimes not re-indexed: slower, never wrong */
		model_reindex_stage(w->m, si);
}

static void edit_stages(struct world *w)
{
	struct model_map *m = w->m;
	size_t n = m->nstages;
	unsigned what = rnd(w, 3);
	if (what == 0 || n < 2) {	/* add */
		size_t at = rnd(w, (unsigned)n + 1);
		m->stages = xrealloc(m->stages, (n + 1) * sizeof *m->stages);
		memmove(&m->stages[at + 1], &m->stages[at],
			(n - at) * sizeof *m->stages);
		struct model_stage *sg = &m->stages[at];
		memset(sg, 0, sizeof *sg);
		sg->id = ++w->next_id;
		sg->name = xstrdup("new stage");
		sg->description = xstrdup("");
		size_t k = rnd(w, 4);
		for (size_t j = 0; j < k; j++)
			insert_tp(sg, j, new_tp(w, sg->id));
		m->nstages++;
		model_reindex_stages(m);
		model_reindex_stage(m, at);
	} else if (what == 1) {	/* delete, with its touchpoints */
		w->plan_touched = true;
		size_t at = rnd(w, (unsigned)n);
		model_stage_clear(&m->stages[at]);
		memmove(&m->stages[at], &m->stages[at + 1],
			(n - at - 1) * sizeof *m->stages);
		m->nstages--;
		model_reindex_stages(m);
	} else {	/* move */
		size_t from = rnd(w, (unsigned)n), to = rnd(w, (unsigned)n);
		struct model_stage sg = m->stages[from];
		memmove(&m->stages[from], &m->stages[from + 1],
			(n - from - 1) * sizeof sg);
		memmove(&m->stages[to + 1], &m->stages[to],
			(n - 1 - to) * sizeof sg);
		m->stages[to] = sg;
		model_reindex_stages(m);
	}
	w->ch.stages = true;
}

/* A touchpoint id or stage id of the map, or something gone. */
static void any_place(struct world *w, int64_t *stage_id, int64_t *tp_id)
{
	size_t si;
	struct model_stage *sg = any_stage(w, &si);
	*stage_id = sg ? sg->id : 0;
	*tp_id = sg && sg->ntouchpoints && rnd(w, 3)
		 ? sg->touchpoints[rnd(w, (unsigned)sg->ntouchpoints)].id : 0;
	if (!rnd(w, 8))
		*tp_id = 777777;	/* deleted meanwhile */
}

static void edit_records(struct world *w)
{
	struct model_map *m = w->m;
	int64_t st, tp;
	any_place(w, &st, &tp);
	switch (rnd(w, 5)) {
	case 0:
		tb_gap(m, st, tp, MODEL_SEV_HIGH, MODEL_OPEN);
		w->ch.gaps = true;
		break;
	case 1:
		if (m->ngaps) {
			struct model_gap *g = &m->gaps[rnd(w, (unsigned)m->ngaps)];
			g->status = g->status == MODEL_OPEN ? MODEL_RESOLVED
							    : MODEL_OPEN;
			w->ch.gaps = true;
		}
		break;
	case 2:
		if (m->ngaps) {	/* delete the last, or move it */
			struct model_gap *g = &m->gaps[m->ngaps - 1];
			if (rnd(w, 2)) {
				free(g->description);
				m->ngaps--;
			} else {
				g->stage_id = st;
				g->touchpoint_id = tp;
			}
			w->ch.gaps = true;
		}
		break;
	case 3:
		tb_silo(m, w->depts[rnd(w, NDEPTS)], w->depts[rnd(w, NDEPTS)],
			tp, rnd(w, 2) ? MODEL_OPEN : MODEL_RESOLVED);
		w->ch.silos = true;
		break;
	default:
		if (m->nsilos) {
			struct model_silo *s = &m->silos[rnd(w, (unsigned)m->nsilos)];
			s->status = s->status == MODEL_OPEN ? MODEL_RESOLVED
							    : MODEL_OPEN;
			w->ch.silos = true;
		}
		break;
	}
	if (w->ch.gaps)
		model_reindex_gaps(m);
	if (w->ch.silos)
		model_reindex_silos(m);
}

/* ------------------------------------------------------------------ */
/* metrics, voices, actions, decisions, the journey's owner: edited with
 * no change named (the analysis reads them again on every update) */

static int64_t any_tp(struct world *w)
{
	int64_t tp = 0;
	size_t si;
	struct model_stage *sg = any_stage(w, &si);
	if (sg && sg->ntouchpoints)
		tp = sg->touchpoints[rnd(w, (unsigned)sg->ntouchpoints)].id;
	return tp;
}

/* A value or target as its text; only a value may be words. */
static const char *any_number(struct world *w, bool words)
{
	static const char *const v[] = { "", "1", "2", "3", "4", "5", "n/a" };
	return v[rnd(w, words ? 7 : 6)];
}

static void add_metric(struct world *w)
{
	int64_t tp = rnd(w, 5) ? any_tp(w) : 0;
	tb_metric(w->m, tp, "m", any_number(w, true), any_number(w, false),
		  rnd(w, 2) ? "higher" : "lower");
}

static void add_voice(struct world *w)
{
	struct model_map *m = w->m;
	unsigned r = rnd(w, 4);
	size_t si;
	struct model_stage *sg;
	if (r == 0 && m->ngaps)
		tb_voice(m, MODEL_REF_GAP, m->gaps[rnd(w, (unsigned)m->ngaps)].id,
			 MODEL_VOICE_DATA, "v");
	else if (r == 1 && (sg = any_stage(w, &si)))
		tb_voice(m, MODEL_REF_STAGE, sg->id, MODEL_VOICE_PARTNER, "v");
	else if (any_tp(w))
		tb_voice(m, MODEL_REF_TOUCHPOINT, any_tp(w), MODEL_VOICE_CUSTOMER,
			 "v");
}

static void add_action(struct world *w)
{
	struct model_map *m = w->m;
	static const char *const due[] = { "", "2000-01-01", "2999-01-01" };
	enum model_ref_kind k = MODEL_REF_TOUCHPOINT;
	int64_t id = any_tp(w);
	unsigned r = rnd(w, 4);
	if (r == 0 && m->ngaps) {
		k = MODEL_REF_GAP;
		id = m->gaps[rnd(w, (unsigned)m->ngaps)].id;
	} else if (r == 1 && m->nsilos) {
		k = MODEL_REF_SILO;
		id = m->silos[rnd(w, (unsigned)m->nsilos)].id;
	} else if (r == 2 || !id) {
		k = MODEL_REF_MAP;
		id = 0;
	}
	tb_action(m, k, id, "a", any_owner(w),
		  (enum model_action_status)rnd(w, 5), due[rnd(w, 3)]);
}

/* A decision on a finding the analysis had, or on nothing. */
static void add_decision(struct world *w)
{
	const struct analysis *a = w->an;
	struct model_ref s[2] = { { MODEL_REF_TOUCHPOINT, any_tp(w) },
				  { MODEL_REF_NONE, 0 } };
	const char *key = "unowned";
	if (a->nfindings && rnd(w, 4)) {
		const struct analysis_finding *f =
			&a->findings[rnd(w, (unsigned)a->nfindings)];
		analysis_finding_subject(f, s);
		key = analysis_kind_key(f->kind);
	}
	tb_decision(w->m, key, s, rnd(w, 2) ? MODEL_DECISION_ACCEPTED
					    : MODEL_DECISION_DISMISSED,
		    "", "me", 0);
}

/* Removes item i of an array of n items of size sz (the last moves in). */
static void drop_at(void *v, size_t *n, size_t i, size_t sz)
{
	char *p = v;
	if (i + 1 < *n)
		memcpy(p + i * sz, p + (*n - 1) * sz, sz);
	(*n)--;
}

static void edit_plan(struct world *w)
{
	struct model_map *m = w->m;
	w->plan_touched = true;
	switch (rnd(w, 11)) {
	case 0:
		add_metric(w);
		break;
	case 1:
		if (m->nmetrics) {	/* a new value or target */
			struct model_metric *v =
				&m->metrics[rnd(w, (unsigned)m->nmetrics)];
			bool value = rnd(w, 2);
			ck_assert(plan_put(PLAN_METRIC, v, value ? PLAN_METRIC_VALUE
					   : PLAN_METRIC_TARGET,
					   any_number(w, value)));
		}
		break;
	case 2:
		if (m->nmetrics) {
			size_t i = rnd(w, (unsigned)m->nmetrics);
			model_metric_clear(&m->metrics[i]);
			drop_at(m->metrics, &m->nmetrics, i, sizeof *m->metrics);
		}
		break;
	case 3:
		add_voice(w);
		break;
	case 4:
		if (m->nvoices) {
			size_t i = rnd(w, (unsigned)m->nvoices);
			model_voice_clear(&m->voices[i]);
			drop_at(m->voices, &m->nvoices, i, sizeof *m->voices);
		}
		break;
	case 5:
		add_action(w);
		break;
	case 6:
		if (m->nactions) {	/* another status, owner or due date */
			struct model_action *v =
				&m->actions[rnd(w, (unsigned)m->nactions)];
			v->status = (enum model_action_status)rnd(w, 5);
			if (rnd(w, 2))
				v->owner_id = any_owner(w);
		}
		break;
	case 7:
		if (m->nactions) {
			size_t i = rnd(w, (unsigned)m->nactions);
			model_action_clear(&m->actions[i]);
			drop_at(m->actions, &m->nactions, i, sizeof *m->actions);
		}
		break;
	case 8:
		add_decision(w);
		break;
	case 9:
		if (m->ndecisions) {
			size_t i = rnd(w, (unsigned)m->ndecisions);
			model_decision_clear(&m->decisions[i]);
			drop_at(m->decisions, &m->ndecisions, i,
				sizeof *m->decisions);
		}
		break;
	default:
		tb_journey_owner(m, rnd(w, 2) ? "" : "Sponsor");
		break;
	}
}

static struct model_map *random_map(struct world *w)
{
	struct model_map *m = tb_map("Random");
	for (int d = 0; d < NDEPTS; d++) {
		char name[16];
		snprintf(name, sizeof name, "Dept %d", d);
		w->depts[d] = tb_dept(m, name);
	}
	w->m = m;
	w->next_id = 100000;
	size_t ns = 2 + rnd(w, 6);
	for (size_t i = 0; i < ns; i++) {
		int64_t s = tb_stage(m, "stage");
		size_t k = rnd(w, 6);
		for (size_t j = 0; j < k; j++)
			insert_tp(&m->stages[i], j, new_tp(w, s));
	}
	for (int g = 0; g < 3; g++) {
		int64_t st, tp;
		any_place(w, &st, &tp);
		tb_gap(m, st, tp, MODEL_SEV_LOW, rnd(w, 2) ? MODEL_OPEN
							 : MODEL_RESOLVED);
	}
	tb_silo(m, w->depts[0], w->depts[1], 0, MODEL_OPEN);
	for (int k = 0; k < 3; k++) {
		add_metric(w);
		add_voice(w);
		add_action(w);
	}
	if (rnd(w, 2))
		tb_journey_owner(m, "");
	model_reindex(m);
	return m;
}

static void random_edits(const struct analysis_options *o, unsigned seed,
			 int steps)
{
	struct world w;
	memset(&w, 0, sizeof w);
	w.seed = seed;
	struct model_map *m = random_map(&w);
	struct analysis *a = analysis_run(m, o);
	int incremental = 0;
	for (int step = 0; step < steps; step++) {
		memset(&w.ch, 0, sizeof w.ch);
		w.plan_touched = false;
		w.an = a;
		/* one to three edits between two updates */
		for (unsigned e = 1 + rnd(&w, 3); e-- > 0;) {
			unsigned r = rnd(&w, 13);
			if (getenv("CX_DEBUG"))
				fprintf(stderr, "step %d edit %u\n", step, r);
			if (r < 7)
				edit_stage_content(&w);
			else if (r < 8)
				edit_stages(&w);
			else if (r < 10)
				edit_records(&w);
			else
				edit_plan(&w);
		}
		w.ch.plan_same = !w.plan_touched && !w.ch.gaps;
		if (analysis_update(a, m, &w.ch)) {
			incremental++;
			ck_assert(a->nfindings == 0 || a->findings == NULL);
			analysis_flatten(a);
		} else {
			ck_assert_msg(w.ch.silos, "step %d: refused", step);
			analysis_free(a);
			a = analysis_run(m, o);
		}
		struct analysis *want = analysis_run(m, o);
		same_analysis(m, a, want, step);
		analysis_free(want);
	}
	ck_assert_int_gt(incremental, steps * 3 / 4);
	analysis_free(a);
	model_map_free(m);
}

START_TEST(test_update_equals_run)
{
	for (unsigned seed = 1; seed <= 40; seed++)
		random_edits(NULL, seed, 60);
}
END_TEST

START_TEST(test_update_equals_run_skipping_unowned)
{
	struct analysis_options o;
	analysis_options_init(&o);
	o.handoff_skip_unowned = true;
	o.crowded_threshold = 2;
	o.concentration_min = 2;
	for (unsigned seed = 100; seed <= 140; seed++)
		random_edits(&o, seed, 60);
}
END_TEST

/* A department changed: not incremental, and a is left as it was. */
START_TEST(test_update_refuses_departments)
{
	struct model_map *m = tb_map("Depts");
	int64_t d = tb_dept(m, "Sales");
	int64_t s = tb_stage(m, "One");
	tb_tp(m, s, "a", d);
	model_reindex(m);
	struct analysis *a = analysis_run(m, NULL);
	struct analysis_change ch = { .departments = true };
	ck_assert(!analysis_update(a, m, &ch));
	tb_dept(m, "Accounts");
	model_reindex_departments(m);
	struct analysis_change none = { 0 };
	ck_assert(!analysis_update(a, m, &none));
	ck_assert_uint_eq(a->handoffs.nrows, 1);
	analysis_free(a);
	model_map_free(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("incremental");
	TCase *tc = tcase_create("index and update");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_index_lookups);
	tcase_add_test(tc, test_update_equals_run);
	tcase_add_test(tc, test_update_equals_run_skipping_unowned);
	tcase_add_test(tc, test_update_refuses_departments);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
