/* analysis_plan.c - the plan's findings: the map's metrics, voices and
 * decisions as tables for the stages (an_plan), a touchpoint's findings
 * about its metrics and evidence, and the journey block before the
 * stages and the plan block after them.  Pure, like analysis.c. */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/analysis_private.h"
#include "core/plan.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ */
/* The plan's tables */

/* A decision by what it is about (analysis_finding_subject). */
struct an_dec {
	int kind;
	struct model_ref s[2];
	int64_t id;
};

struct an_mpos {
	int64_t tp;
	size_t i;
};

static int an_mpos_cmp(const void *p, const void *q)
{
	const struct an_mpos *x = p, *y = q;
	if (x->tp != y->tp)
		return x->tp < y->tp ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

static int an_cmp64(int64_t x, int64_t y)
{
	return (x > y) - (x < y);
}

/* Decisions compared by what they are about (not their ids). */
static int an_dec_key_cmp(const struct an_dec *x, const struct an_dec *y)
{
	int c = (x->kind > y->kind) - (x->kind < y->kind);
	for (int k = 0; k < 2 && !c; k++) {
		c = an_cmp64(x->s[k].kind, y->s[k].kind);
		if (!c)
			c = an_cmp64(x->s[k].id, y->s[k].id);
	}
	return c;
}

static int an_dec_cmp(const void *p, const void *q)
{
	const struct an_dec *x = p, *y = q;
	int c = an_dec_key_cmp(x, y);
	return c ? c : an_cmp64(x->id, y->id);
}

static void an_plan_metrics(struct an_plan *p, const struct model_map *m)
{
	struct an_mpos *v = xcalloc(m->nmetrics + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < m->nmetrics; i++)
		if (m->metrics[i].touchpoint_id)
			v[n++] = (struct an_mpos){ m->metrics[i].touchpoint_id, i };
	qsort(v, n, sizeof *v, an_mpos_cmp);
	p->mord = xcalloc(n + 1, sizeof *p->mord);
	p->nmord = n;
	for (size_t k = 0; k < n;) {
		uint64_t h = UINT64_C(1469598103934665603);
		size_t start = k;
		for (; k < n && v[k].tp == v[start].tp; k++) {
			const struct model_metric *mt = &m->metrics[v[k].i];
			bool off = plan_metric_target(mt) == PLAN_OFF_TARGET;
			h = (h ^ ((uint64_t)mt->id * 2 + off)) *
			    UINT64_C(1099511628211);
			p->mord[k] = v[k].i;
		}
		an_hash_at(&p->metric_sig, v[start].tp, 0)->v = (int64_t)(h | 1);
		an_hash_at(&p->metric_at, v[start].tp, 0)->v = (int64_t)start + 1;
	}
	free(v);
}

void an_plan_build(struct an_plan *p, const struct model_map *m)
{
	memset(p, 0, sizeof *p);
	an_plan_metrics(p, m);
	for (size_t i = 0; i < m->nvoices; i++) {
		struct model_ref r = m->voices[i].about;
		const struct model_gap *g;
		int64_t tp = 0;
		if (r.kind == MODEL_REF_TOUCHPOINT)
			tp = r.id;
		else if (r.kind == MODEL_REF_GAP && (g = model_gap(m, r.id)))
			tp = g->touchpoint_id;
		if (tp)
			an_hash_at(&p->voice_tp, tp, 0)->v++;
	}
	p->dec = xcalloc(m->ndecisions + 1, sizeof *p->dec);
	for (size_t i = 0; i < m->ndecisions; i++) {
		const struct model_decision *d = &m->decisions[i];
		int k = d->finding ? analysis_kind_parse(d->finding) : -1;
		if (k < 0 || k >= ANALYSIS_NKINDS)
			continue;
		struct an_dec *e = &p->dec[p->ndec++];
		e->kind = k;
		e->s[0] = d->subject[0];
		e->s[1] = d->subject[1];
		e->id = d->id;
	}
	qsort(p->dec, p->ndec, sizeof *p->dec, an_dec_cmp);
}

void an_plan_free(struct an_plan *p)
{
	free(p->metric_sig.v);
	free(p->metric_at.v);
	free(p->mord);
	free(p->voice_tp.v);
	free(p->dec);
}

/* The first decision on finding f (the lowest id), or 0. */
int64_t an_plan_decision(const struct an_plan *p,
			 const struct analysis_finding *f)
{
	if (!p->ndec)
		return 0;
	struct an_dec key = { (int)f->kind, { { 0, 0 }, { 0, 0 } }, 0 };
	analysis_finding_subject(f, key.s);
	size_t lo = 0, hi = p->ndec;
	while (lo < hi) {	/* the first not below key */
		size_t mid = lo + (hi - lo) / 2;
		if (an_dec_key_cmp(&p->dec[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->ndec && !an_dec_key_cmp(&p->dec[lo], &key)
		? p->dec[lo].id : 0;
}

/* ------------------------------------------------------------------ */
/* A touchpoint's findings about the plan, in its stage's block */

/* The metrics of touchpoint id: *first into plan->mord, returns how many. */
static size_t an_tp_metrics(const struct an_plan *p,
			    const struct model_map *m, int64_t id,
			    size_t *first)
{
	int64_t at = an_hash_get(&p->metric_at, id, 0);
	size_t n = 0;
	if (!at)
		return 0;
	*first = (size_t)at - 1;
	while (*first + n < p->nmord &&
	       m->metrics[p->mord[*first + n]].touchpoint_id == id)
		n++;
	return n;
}

/* A touchpoint's findings about its metrics and its evidence. */
void an_touchpoint_plan(struct an_ctx *c, const struct an_plan *p,
			struct an_block *b, const struct model_stage *sg,
			const struct model_touchpoint *t, int64_t owner)
{
	const struct model_map *m = c->m;
	size_t first = 0, n = an_tp_metrics(p, m, t->id, &first);
	struct analysis_finding *f;
	if (t->moment && n == 0) {
		f = an_add(b, ANALYSIS_MOMENT_WITHOUT_METRIC, MODEL_SEV_HIGH,
			   sg->id, t->id);
		if (owner)
			an_add_dept(b, f, owner);
		an_close(c, b, f);
	}
	for (size_t k = 0; k < n; k++) {
		const struct model_metric *mt = &m->metrics[p->mord[first + k]];
		if (plan_metric_target(mt) != PLAN_OFF_TARGET)
			continue;
		f = an_add(b, ANALYSIS_METRIC_OFF_TARGET,
			   an_sev(MODEL_SEV_MEDIUM, t->moment), sg->id, t->id);
		f->metric_id = mt->id;
		if (owner)
			an_add_dept(b, f, owner);
		an_close(c, b, f);
	}
	if (t->has_emotion && t->emotion < 0 &&
	    !an_hash_get(&p->voice_tp, t->id, 0))
		an_pain(c, b, ANALYSIS_PAIN_WITHOUT_VOICE, MODEL_SEV_MEDIUM, sg,
			t, owner);
}

/* ------------------------------------------------------------------ */
/* The journey's findings and the plan's: worked out whole every time
 * (O(metrics + gaps + actions)) */

static bool an_blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The journey as a whole: its owner, its success metrics. */
void an_head(struct an_ctx *c, struct an_block *b)
{
	const struct model_map *m = c->m;
	an_block_clear(b);
	if (an_blank(m->owner))
		an_close(c, b, an_add(b, ANALYSIS_NO_JOURNEY_OWNER,
				      MODEL_SEV_HIGH, 0, 0));
	for (size_t i = 0; i < m->nmetrics; i++) {
		const struct model_metric *mt = &m->metrics[i];
		if (mt->touchpoint_id ||
		    plan_metric_target(mt) != PLAN_OFF_TARGET)
			continue;
		struct analysis_finding *f = an_add(b, ANALYSIS_METRIC_OFF_TARGET,
						    MODEL_SEV_MEDIUM, 0, 0);
		f->metric_id = mt->id;
		an_close(c, b, f);
	}
}

/* Where a gap, a silo or what an action fixes is, as a finding says it. */
struct an_place {
	int64_t stage_id;
	const struct model_touchpoint *t;	/* NULL: not a touchpoint */
	const struct model_stage *sg;	/* the stage, if any */
	int64_t gap_id, silo_id;
	const struct model_silo *silo;
};

static void an_place_tp(struct an_place *p, const struct model_map *m,
			int64_t tp_id, int64_t stage_id)
{
	size_t si;
	p->t = model_touchpoint(m, tp_id, &si);
	p->sg = p->t ? &m->stages[si] : model_stage(m, stage_id);
	p->stage_id = p->sg ? p->sg->id : 0;
}

static struct an_place an_place_of(const struct model_map *m,
				   struct model_ref r)
{
	struct an_place p = { 0, NULL, NULL, 0, 0, NULL };
	const struct model_gap *g;
	switch (r.kind) {
	case MODEL_REF_TOUCHPOINT:
		an_place_tp(&p, m, r.id, 0);
		break;
	case MODEL_REF_STAGE:
		an_place_tp(&p, m, 0, r.id);
		break;
	case MODEL_REF_GAP:
		if ((g = model_gap(m, r.id))) {
			p.gap_id = g->id;
			an_place_tp(&p, m, g->touchpoint_id, g->stage_id);
		}
		break;
	case MODEL_REF_SILO:
		if ((p.silo = model_silo(m, r.id))) {
			p.silo_id = p.silo->id;
			an_place_tp(&p, m, p.silo->touchpoint_id, 0);
		}
		break;
	default:
		break;
	}
	return p;
}

/* Whether department d owns or contributes to touchpoint t. */
static bool an_takes_part(const struct model_touchpoint *t, int64_t d)
{
	if (t->owner_id == d)
		return true;
	for (size_t i = 0; i < t->ncontributors; i++)
		if (t->contributors[i] == d)
			return true;
	return false;
}

/* An action owned by a department with no part in what it fixes: the
 * touchpoint (its own, or its gap's), the stage of a gap on a stage, the
 * silo's two departments.  Nothing owned there (an unowned touchpoint,
 * a stage nobody owns any of) or the whole map: anyone may take it on. */
static bool an_outside(const struct model_map *m, const struct an_place *p,
		       int64_t owner)
{
	if (p->silo)
		return owner != p->silo->dept_a && owner != p->silo->dept_b;
	if (p->t)
		return an_owner(m, p->t) && !an_takes_part(p->t, owner);
	if (!p->gap_id || !p->sg)
		return false;
	bool owned = false;
	for (size_t j = 0; j < p->sg->ntouchpoints; j++) {
		const struct model_touchpoint *t = &p->sg->touchpoints[j];
		if (an_takes_part(t, owner))
			return false;
		owned = owned || an_owner(m, t);
	}
	return owned;
}

static void an_tail_gaps(struct an_ctx *c, struct an_block *b)
{
	const struct model_map *m = c->m;
	struct an_hash fixed = { 0 };	/* gap id -> a live action on it */
	for (size_t i = 0; i < m->nactions; i++) {
		const struct model_action *a = &m->actions[i];
		if (a->fixes.kind == MODEL_REF_GAP && plan_action_live(a))
			an_hash_at(&fixed, a->fixes.id, 0)->v = 1;
	}
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		if (g->status != MODEL_OPEN || g->severity != MODEL_SEV_HIGH ||
		    an_hash_get(&fixed, g->id, 0))
			continue;
		struct an_place p = { 0, NULL, NULL, 0, 0, NULL };
		an_place_tp(&p, m, g->touchpoint_id, g->stage_id);
		struct analysis_finding *f = an_add(b, ANALYSIS_GAP_WITHOUT_ACTION,
						    MODEL_SEV_HIGH, p.stage_id,
						    p.t ? p.t->id : 0);
		f->gap_id = g->id;
		if (p.t && an_owner(m, p.t))
			an_add_dept(b, f, an_owner(m, p.t));
		an_close(c, b, f);
	}
	free(fixed.v);
}

static struct analysis_finding *an_action_finding(
	struct an_ctx *c, struct an_block *b, enum analysis_kind kind,
	const struct model_action *a, const struct an_place *p)
{
	bool moment = p->t && p->t->moment;
	struct analysis_finding *f = an_add(b, kind,
					    an_sev(MODEL_SEV_MEDIUM, moment),
					    p->stage_id, p->t ? p->t->id : 0);
	f->action_id = a->id;
	f->gap_id = p->gap_id;
	f->silo_id = p->silo_id;
	if (an_known(c->m, a->owner_id))
		an_add_dept(b, f, a->owner_id);
	an_close(c, b, f);
	return f;
}

/* The plan: open high gaps nobody acts on, then each action's trouble. */
void an_tail(struct an_ctx *c, struct an_block *b)
{
	const struct model_map *m = c->m;
	an_block_clear(b);
	an_tail_gaps(c, b);
	for (size_t i = 0; i < m->nactions; i++) {
		const struct model_action *a = &m->actions[i];
		if (!plan_action_live(a))
			continue;
		struct an_place p = an_place_of(m, a->fixes);
		if (plan_action_overdue(a, c->o->today))
			an_action_finding(c, b, ANALYSIS_ACTION_OVERDUE, a, &p);
		if (an_known(m, a->owner_id) && an_outside(m, &p, a->owner_id))
			an_action_finding(c, b, ANALYSIS_ACTION_OWNER_OUTSIDE, a,
					  &p);
	}
}

/* ------------------------------------------------------------------ */
/* Updating: the stages a new plan's tables change */

/* Marks dirty the stage a decision's subject is in (the kinds about
 * the map and its plan are worked out whole anyway). */
static void an_dirty_ref(const struct model_map *m, struct model_ref r,
			 bool *dirty)
{
	size_t si;
	const struct model_stage *sg;
	const struct model_metric *mt;
	switch (r.kind) {
	case MODEL_REF_TOUCHPOINT:
		if (model_touchpoint(m, r.id, &si))
			dirty[si] = true;
		break;
	case MODEL_REF_STAGE:
		if ((sg = model_stage(m, r.id)))
			dirty[sg - m->stages] = true;
		break;
	case MODEL_REF_METRIC:
		if ((mt = plan_metric(m, r.id)) &&
		    model_touchpoint(m, mt->touchpoint_id, &si))
			dirty[si] = true;
		break;
	default:
		break;
	}
}

/* Marks dirty the stages whose findings the metrics, voices or
 * decisions of the new plan tables change. */
void an_plan_diff(const struct an_plan *x, const struct an_plan *y,
		  const struct model_map *m, bool *dirty)
{
	an_hash_diff(&x->metric_sig, &y->metric_sig, m, true, dirty);
	an_hash_diff(&x->voice_tp, &y->voice_tp, m, true, dirty);
	size_t i = 0, j = 0;
	while (i < x->ndec || j < y->ndec) {
		int c = i == x->ndec ? 1 : j == y->ndec ? -1
			: an_dec_cmp(&x->dec[i], &y->dec[j]);
		if (c == 0) {
			i++;
			j++;
			continue;
		}
		const struct an_dec *d = c < 0 ? &x->dec[i++] : &y->dec[j++];
		an_dirty_ref(m, d->s[0], dirty);
		an_dirty_ref(m, d->s[1], dirty);
	}
}
