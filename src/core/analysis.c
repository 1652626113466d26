/* analysis.c - findings and matrices computed from the in-memory map.
 * Pure: reads a struct model_map, returns plain data, prints nothing. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/analysis_private.h"
#include "core/plan.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

void analysis_options_init(struct analysis_options *o)
{
	o->crowded_threshold = ANALYSIS_CROWDED_DEFAULT;
	o->concentration_min = ANALYSIS_CONCENTRATION_MIN_DEFAULT;
	o->concentration_percent = ANALYSIS_CONCENTRATION_PERCENT_DEFAULT;
	o->handoff_skip_unowned = false;
	plan_today(o->today);
}

void analysis_report_counts(const struct model_map *m,
			    const struct analysis *a,
			    size_t counts[ANALYSIS_NREPORT_KINDS])
{
	for (int k = 0; k < ANALYSIS_NKINDS; k++)
		counts[k] = a->counts[k];
	counts[ANALYSIS_KIND_GAP] = model_open_gap_count(m);
	counts[ANALYSIS_KIND_SILO] = model_open_silo_count(m);
}

/* ------------------------------------------------------------------ */
/* Building the list */

/* A department id the map knows, or 0: an owner that is not among the
 * departments (a stale model) counts as no owner everywhere. */
int64_t an_known(const struct model_map *m, int64_t id)
{
	return model_department(m, id) ? id : 0;
}

int64_t an_owner(const struct model_map *m, const struct model_touchpoint *t)
{
	return an_known(m, t->owner_id);
}

/* ------------------------------------------------------------------ */
/* Building: findings, marks and matrix columns stage by stage.
 *
 * Each stage's share (an_block) depends only on the stage itself, the
 * open gaps and silos (an_recs), and where the journey goes after it
 * (the handoff leaving its last step enters a later stage).  So
 * analysis_update redoes the stages that changed and the nearest stage
 * before each (whose exit may now lead elsewhere), then adds up. */

static size_t an_hash_slot(const struct an_hash *h, int64_t a, int64_t b)
{
	uint64_t x = ((uint64_t)a * UINT64_C(0x9E3779B97F4A7C15)) ^
		     ((uint64_t)b * UINT64_C(0xC2B2AE3D27D4EB4F));
	size_t i = (size_t)(x >> 17) & (h->cap - 1);
	while (h->v[i].a != a || h->v[i].b != b) {
		if (!h->v[i].a && !h->v[i].b)
			break;
		i = (i + 1) & (h->cap - 1);
	}
	return i;
}

int64_t an_hash_get(const struct an_hash *h, int64_t a, int64_t b)
{
	if (!h->cap || (!a && !b))
		return 0;
	return h->v[an_hash_slot(h, a, b)].v;
}

struct an_kv *an_hash_at(struct an_hash *h, int64_t a, int64_t b)
{
	if (2 * (h->used + 1) > h->cap) {
		struct an_hash old = *h;
		h->cap = old.cap ? 2 * old.cap : 16;
		h->v = xcalloc(h->cap, sizeof *h->v);
		h->used = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.v[i].a || old.v[i].b)
				*an_hash_at(h, old.v[i].a, old.v[i].b) = old.v[i];
		free(old.v);
	}
	size_t i = an_hash_slot(h, a, b);
	if (!h->v[i].a && !h->v[i].b) {
		h->v[i] = (struct an_kv){ a, b, 0 };
		h->used++;
	}
	return &h->v[i];
}

/* The open records, by what they are on. */
struct an_recs {
	struct an_hash gap_tp;	/* touchpoint id -> open gaps on it */
	struct an_hash gap_stage;	/* stage id -> open gaps on the stage */
	struct an_hash silo_tp;	/* touchpoint id -> open silos at it */
	struct an_hash pair;	/* (low, high dept id) -> first open silo */
	size_t open_gaps, open_silos;
};

static void an_recs_build(struct an_recs *r, const struct model_map *m)
{
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		if (g->status != MODEL_OPEN)
			continue;
		r->open_gaps++;
		if (g->touchpoint_id)
			an_hash_at(&r->gap_tp, g->touchpoint_id, 0)->v++;
		else if (g->stage_id)
			an_hash_at(&r->gap_stage, g->stage_id, 0)->v++;
	}
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *s = &m->silos[i];
		if (s->status != MODEL_OPEN)
			continue;
		r->open_silos++;
		if (s->touchpoint_id)
			an_hash_at(&r->silo_tp, s->touchpoint_id, 0)->v++;
		int64_t lo = s->dept_a < s->dept_b ? s->dept_a : s->dept_b;
		int64_t hi = s->dept_a < s->dept_b ? s->dept_b : s->dept_a;
		if (lo || hi) {
			struct an_kv *kv = an_hash_at(&r->pair, lo, hi);
			if (!kv->v)
				kv->v = s->id;
		}
	}
}

static void an_recs_free(struct an_recs *r)
{
	free(r->gap_tp.v);
	free(r->gap_stage.v);
	free(r->silo_tp.v);
	free(r->pair.v);
}

/* The first open silo between a and b, in either order, or 0. */
static int64_t an_open_silo(const struct an_recs *r, int64_t a, int64_t b)
{
	return an_hash_get(&r->pair, a < b ? a : b, a < b ? b : a);
}

/* Acknowledged: an open gap is recorded on the touchpoint or on its
 * stage (which names the moments in it), or an open silo at the
 * touchpoint.  A gap on the whole map does not say which moment hurts. */
static bool an_acknowledged(const struct an_recs *r, int64_t stage_id,
			    int64_t tp_id)
{
	return an_hash_get(&r->gap_tp, tp_id, 0) ||
	       an_hash_get(&r->gap_stage, stage_id, 0) ||
	       an_hash_get(&r->silo_tp, tp_id, 0);
}

/* A step of the journey: a touchpoint, where it is, its known owner,
 * and what a handoff into it needs to know. */
struct an_step {
	int64_t id, stage_id, owner;
	size_t si, j;
	bool moment;
	int pain;	/* its emotion when negative, else 0 */
};

static struct an_step an_step_of(const struct model_touchpoint *t,
				 int64_t stage_id, int64_t owner, size_t si,
				 size_t j)
{
	int pain = t->has_emotion && t->emotion < 0 ? t->emotion : 0;
	return (struct an_step){ t->id, stage_id, owner, si, j, t->moment,
				 pain };
}

/* A card's numbers, packed (one for each touchpoint of a map):
 * analysis_card hands them out as a struct analysis_card. */
struct an_card {
	uint32_t count, open_gaps, open_silos;
	uint16_t kinds;
	uint8_t worst;
};
_Static_assert(ANALYSIS_NKINDS <= 16, "a card's kinds fit its 16 bits");

/* One stage's share of the analysis. */
struct an_block {
	int64_t id;	/* the stage's */
	struct analysis_finding *f;	/* its findings, journey order */
	size_t nf, capf;
	/* in_flat: f is the stage's run of the shared flat list, from off
	 * (so the findings are not held twice); else f is its own */
	bool in_flat;
	size_t off;
	struct an_flat *flat;	/* while appending to it (analysis_run) */
	struct an_ids *ids;	/* where its findings' departments are */
	size_t counts[ANALYSIS_NKINDS];
	size_t *owned;	/* its ownership column: one per row */
	size_t ntp, nunowned;	/* touchpoints; those with no owner id */
	long first_owned;	/* index of its first owned step, or -1 */
	struct an_card *cards;	/* from its own findings */
	struct analysis_card card;	/* the stage title's */
	/* the handoff from an earlier stage that enters here: its card
	 * (-1: none), and the finding's kind and severity */
	long in_tp;
	struct analysis_finding in;
	/* the lanes: row r's items are lane[lane_at[r] .. lane_at[r + 1]) */
	size_t *lane_at;
	struct analysis_lane_item *lane;
	size_t ndecided;	/* its findings with a decision */
	/* its handoffs, findings or not, for the handoff matrix */
	struct an_pair *hand;
	size_t nhand, caphand;
};

/* A handoff: from one department to another. */
struct an_pair {
	int64_t from, to;
};

/* Department ids of a block's findings, in chunks that never move: one
 * malloc for many findings rather than one for each. */
struct an_ids {
	struct an_ids *next;
	size_t used, cap;
	int64_t v[];
};

/* The flat list, journey order; the blocks' runs of it. */
struct an_flat {
	struct analysis_finding *f;
	size_t n, cap;
};

struct an_stages {
	struct an_block *b;
	size_t n;
	/* the journey's findings, before the stages', and the plan's, after */
	struct an_block head, tail;
	struct an_recs recs;
	struct an_plan plan;
	size_t nd;	/* departments: rows nd, the "no owner" row */
	struct an_flat flat;	/* a->findings when flat_ok */
	bool flat_ok;
};

/* A department's row in the matrices: its place in the map, or nd. */
static size_t an_dept_row(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? (size_t)(d - m->departments) : m->ndepartments;
}

struct analysis_finding *an_add(struct an_block *b, enum analysis_kind kind,
				enum model_severity sev, int64_t stage_id,
				int64_t tp_id)
{
	if (b->flat) {	/* the last run of the list: append to it */
		struct an_flat *fl = b->flat;
		fl->f = xgrow(fl->f, &fl->cap, fl->n + 1, sizeof *fl->f);
		fl->n++;
		b->f = fl->f + b->off;
	} else {
		b->f = xgrow(b->f, &b->capf, b->nf + 1, sizeof *b->f);
	}
	struct analysis_finding *f = &b->f[b->nf++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->severity = sev;
	f->stage_id = stage_id;
	f->touchpoint_id = tp_id;
	return f;
}

/* Appends to f's departments, in place when they end b's newest chunk
 * (they do: a finding gets its departments as it is made). */
void an_add_dept(struct an_block *b, struct analysis_finding *f, int64_t id)
{
	struct an_ids *k = b->ids;
	size_t n = f->ndepartments;
	bool at_top = k && n && f->departments + n == k->v + k->used;
	if (!k || k->used + (at_top ? 1 : n + 1) > k->cap) {
		size_t cap = k ? (k->cap < 256 ? 2 * k->cap : 512) : 8;
		if (cap < n + 1)
			cap = n + 1;
		struct an_ids *nk = xmalloc(sizeof *nk + cap * sizeof *nk->v);
		nk->next = k;
		nk->used = 0;
		nk->cap = cap;
		b->ids = k = nk;
		at_top = false;
	}
	if (!at_top) {
		if (n)
			memcpy(k->v + k->used, f->departments, n * sizeof *k->v);
		f->departments = k->v + k->used;
		k->used += n;
	}
	k->v[k->used++] = id;
	f->ndepartments++;
}

/* Known contributors other than the owner, each once, into out (which
 * holds t->ncontributors); returns how many. */
static size_t an_contributors(const struct model_map *m,
			      const struct model_touchpoint *t, int64_t owner,
			      int64_t *out)
{
	size_t n = 0;
	for (size_t i = 0; i < t->ncontributors; i++) {
		int64_t d = an_known(m, t->contributors[i]);
		bool seen = d == 0 || d == owner;
		for (size_t j = 0; !seen && j < n; j++)
			seen = out[j] == d;
		if (!seen)
			out[n++] = d;
	}
	return n;
}

/* A finding made: marked with the map's decision on it if there is one,
 * else counted.  Every an_add is followed by this once the finding says
 * what it is about. */
void an_close(struct an_ctx *c, struct an_block *b,
	      struct analysis_finding *f)
{
	f->decision_id = an_plan_decision(&c->ps->plan, f);
	if (f->decision_id)
		b->ndecided++;
	else
		b->counts[f->kind]++;
}

/* Findings on a moment of truth rank one higher (high stays high). */
enum model_severity an_sev(enum model_severity s, bool moment)
{
	return moment && s < MODEL_SEV_HIGH ? (enum model_severity)(s + 1) : s;
}

void an_pain(struct an_ctx *c, struct an_block *b, enum analysis_kind kind,
	     enum model_severity sev, const struct model_stage *sg,
	     const struct model_touchpoint *t, int64_t owner)
{
	if (t->emotion > -2)
		sev = (enum model_severity)(sev - 1);
	struct analysis_finding *f = an_add(b, kind, an_sev(sev, t->moment),
					    sg->id, t->id);
	if (owner)
		an_add_dept(b, f, owner);
	f->emotion = t->emotion;
	an_close(c, b, f);
}

static void an_concentration(struct an_ctx *c, struct an_block *b,
			     const struct model_stage *sg)
{
	const struct analysis_options *o = c->o;
	size_t total = sg->ntouchpoints;
	if (o->concentration_min == 0 || total < o->concentration_min)
		return;
	for (size_t d = 0; d < c->m->ndepartments; d++) {
		size_t owned = b->owned[d];
		/* "most": strictly more than the share */
		if (!owned || owned * 100 <= total * o->concentration_percent)
			continue;
		struct analysis_finding *f = an_add(b, ANALYSIS_CONCENTRATION,
						    MODEL_SEV_LOW, sg->id, 0);
		an_add_dept(b, f, c->m->departments[d].id);
		f->count = owned;
		f->total = total;
		an_close(c, b, f);
	}
}

static void an_touchpoint(struct an_ctx *c, struct an_block *b,
			  const struct model_stage *sg,
			  const struct model_touchpoint *t, int64_t owner)
{
	const struct model_map *m = c->m;
	int64_t small[8];
	int64_t *contrib = t->ncontributors <= 8 ? small
		: xcalloc(t->ncontributors, sizeof *contrib);
	size_t ncontrib = an_contributors(m, t, owner, contrib);
	struct analysis_finding *f;
	if (!owner) {
		f = an_add(b, ANALYSIS_UNOWNED, MODEL_SEV_HIGH, sg->id, t->id);
		f->count = ncontrib;
		an_close(c, b, f);
	}
	size_t threshold = c->o->crowded_threshold;
	if (threshold && ncontrib >= threshold) {
		/* several departments and nobody accountable is worse */
		f = an_add(b, ANALYSIS_CROWDED,
			   an_sev(owner ? MODEL_SEV_MEDIUM : MODEL_SEV_HIGH,
				  t->moment), sg->id, t->id);
		if (owner)
			an_add_dept(b, f, owner);
		for (size_t i = 0; i < ncontrib; i++)
			an_add_dept(b, f, contrib[i]);
		f->count = ncontrib;
		an_close(c, b, f);
	}
	if (contrib != small)
		free(contrib);
	if (t->has_emotion && t->emotion < 0 &&
	    !an_acknowledged(&c->ps->recs, sg->id, t->id))
		an_pain(c, b, ANALYSIS_UNACKNOWLEDGED_PAIN, MODEL_SEV_HIGH, sg, t,
			owner);
	an_touchpoint_plan(c, &c->ps->plan, b, sg, t, owner);
}

/* Whether a stage takes part in the chain of handoffs at all: it has a
 * step (or, when unowned steps are skipped, an owned one). */
static bool an_relevant(const struct an_ctx *c, const struct an_block *b)
{
	return c->o->handoff_skip_unowned ? b->first_owned >= 0 : b->ntp > 0;
}

/* The first step after stage si: of the next relevant stage. */
static bool an_step_after(const struct an_ctx *c, size_t si,
			  struct an_step *s)
{
	for (size_t k = si + 1; k < c->ps->n; k++) {
		const struct an_block *b = &c->ps->b[k];
		if (!an_relevant(c, b))
			continue;
		const struct model_stage *sg = &c->m->stages[k];
		size_t j = c->o->handoff_skip_unowned ? (size_t)b->first_owned
						      : 0;
		const struct model_touchpoint *t = &sg->touchpoints[j];
		*s = an_step_of(t, sg->id, an_owner(c->m, t), k, j);
		return true;
	}
	return false;
}

/* The step information of stage si, read before any stage is analysed
 * (a stage's exit looks at the stages after it). */
static void an_block_steps(struct an_ctx *c, size_t si)
{
	const struct model_stage *sg = &c->m->stages[si];
	struct an_block *b = &c->ps->b[si];
	b->id = sg->id;
	b->ntp = sg->ntouchpoints;
	b->first_owned = -1;
	for (size_t j = 0; j < sg->ntouchpoints && b->first_owned < 0; j++)
		if (an_owner(c->m, &sg->touchpoints[j]))
			b->first_owned = (long)j;
}

void an_mark(struct analysis_summary *s, const struct analysis_finding *f)
{
	s->count++;
	s->kinds |= ANALYSIS_MASK(f->kind);
	if (f->severity > s->worst)
		s->worst = f->severity;
}

/* The handoff from step `from` to step `to` of other owners, if any:
 * counted for the matrix, and a finding -- returned -- only when it is
 * trouble: across an open silo, or into a touchpoint that hurts.  A
 * plain handoff is how a journey works, not a problem. */
static struct analysis_finding *an_handoff(struct an_ctx *c,
					   struct an_block *b,
					   const struct an_step *from,
					   const struct an_step *to)
{
	if (!from->owner || !to->owner || to->owner == from->owner)
		return NULL;
	b->hand = xgrow(b->hand, &b->caphand, b->nhand + 1, sizeof *b->hand);
	b->hand[b->nhand++] = (struct an_pair){ from->owner, to->owner };
	int64_t silo = an_open_silo(&c->ps->recs, from->owner, to->owner);
	if (!silo && !to->pain)
		return NULL;
	struct analysis_finding *f =
		an_add(b, silo ? ANALYSIS_SILO_HANDOFF : ANALYSIS_HANDOFF,
		       silo ? MODEL_SEV_HIGH
			    : an_sev(MODEL_SEV_MEDIUM,
				     from->moment || to->moment),
		       from->stage_id, from->id);
	f->next_touchpoint_id = to->id;
	f->next_stage_id = to->stage_id;
	f->silo_id = silo;
	f->emotion = to->pain;
	an_add_dept(b, f, from->owner);
	an_add_dept(b, f, to->owner);
	an_close(c, b, f);
	return f;
}

void an_block_clear(struct an_block *b)
{
	while (b->ids) {
		struct an_ids *next = b->ids->next;
		free(b->ids);
		b->ids = next;
	}
	if (b->in_flat) {	/* the list's copy goes with the next build */
		b->f = NULL;
		b->capf = 0;
		b->in_flat = false;
	}
	b->nf = 0;
	b->ndecided = 0;
	b->nhand = 0;
	memset(b->counts, 0, sizeof b->counts);
}

static void an_block_free(struct an_block *b)
{
	an_block_clear(b);
	free(b->f);
	free(b->owned);
	free(b->cards);
	free(b->lane_at);
	free(b->lane);
	free(b->hand);
}

static void an_card_mark(struct an_card *k, const struct analysis_finding *f)
{
	if (f->decision_id)
		return;
	k->count++;
	k->kinds = (uint16_t)(k->kinds | ANALYSIS_MASK(f->kind));
	if ((uint8_t)f->severity > k->worst)
		k->worst = (uint8_t)f->severity;
}

/* The cards' numbers of the open records, and no findings yet. */
static void an_block_cards(struct an_ctx *c, struct an_block *b,
			   const struct model_stage *sg)
{
	const struct an_recs *r = &c->ps->recs;
	memset(&b->card, 0, sizeof b->card);
	b->card.open_gaps = (size_t)an_hash_get(&r->gap_stage, sg->id, 0);
	for (size_t j = 0; j < sg->ntouchpoints; j++) {
		struct an_card *k = &b->cards[j];
		int64_t id = sg->touchpoints[j].id;
		memset(k, 0, sizeof *k);
		k->open_gaps = (uint32_t)an_hash_get(&r->gap_tp, id, 0);
		k->open_silos = (uint32_t)an_hash_get(&r->silo_tp, id, 0);
	}
}

/* The stage that enters the chain of handoffs last before stage si (its
 * exit leads to si or beyond), or (size_t)-1. */
static size_t an_before(const struct an_ctx *c, size_t si)
{
	while (si-- > 0)
		if (an_relevant(c, &c->ps->b[si]))
			return si;
	return (size_t)-1;
}

/* The block's handoff into a later stage, or NULL. */
static const struct analysis_finding *an_exit(const struct an_block *b)
{
	for (size_t i = b->nf; i-- > 0;) {
		const struct analysis_finding *f = &b->f[i];
		if ((f->kind == ANALYSIS_HANDOFF ||
		     f->kind == ANALYSIS_SILO_HANDOFF) &&
		    f->next_stage_id != b->id)
			return f;
	}
	return NULL;
}

/* Forgets the mark the block's exit left on the card it enters. */
static void an_unmark_exit(struct an_ctx *c, const struct an_block *b)
{
	const struct analysis_finding *f = an_exit(b);
	const struct model_stage *sg = f ? model_stage(c->m, f->next_stage_id)
				     : NULL;
	if (!sg)
		return;
	struct an_block *t = &c->ps->b[sg - c->m->stages];
	if (t->id == f->next_stage_id && t->in_tp >= 0 &&
	    t->in.touchpoint_id == f->touchpoint_id)
		t->in_tp = -1;
}

/* Adds (sign 1) or takes away (-1) the block's handoffs in the matrix. */
static void an_block_handoffs(struct analysis *a, const struct model_map *m,
			      const struct an_block *b, int sign)
{
	struct analysis_matrix *mx = &a->handoffs;
	for (size_t i = 0; i < b->nhand; i++) {
		size_t r = an_dept_row(m, b->hand[i].from);
		size_t k = an_dept_row(m, b->hand[i].to);
		if (r < mx->nrows && k < mx->ncols)
			mx->cells[r * mx->ncols + k] += (size_t)sign;
	}
}

struct an_lane_at {
	size_t row;
	struct analysis_lane_item it;
};

/* The block's lanes: each card under its owner's row (nobody's: the
 * last row; an owner the map does not know: no row) and under the row of
 * each other department contributing, in card order. */
static void an_block_lanes(struct an_ctx *c, struct an_block *b,
			   const struct model_stage *sg)
{
	const struct model_map *m = c->m;
	size_t nd = m->ndepartments, n = 0, cap = sg->ntouchpoints + 1;
	struct an_lane_at *v = xcalloc(cap, sizeof *v);
	for (size_t j = 0; j < sg->ntouchpoints; j++) {
		const struct model_touchpoint *t = &sg->touchpoints[j];
		size_t first = n;
		v = xgrow(v, &cap, n + 1 + t->ncontributors, sizeof *v);
		size_t own = t->owner_id ? an_dept_row(m, t->owner_id) : nd;
		if (!t->owner_id || own < nd)
			v[n++] = (struct an_lane_at){ own, { (uint32_t)j, false } };
		for (size_t k = 0; k < t->ncontributors; k++) {
			int64_t id = t->contributors[k];
			size_t r = an_dept_row(m, id);
			bool seen = id == t->owner_id || r >= nd;
			for (size_t q = first; !seen && q < n; q++)
				seen = v[q].row == r;
			if (!seen)
				v[n++] = (struct an_lane_at){ r, { (uint32_t)j, true } };
		}
	}
	b->lane_at = xrealloc(b->lane_at, (nd + 2) * sizeof *b->lane_at);
	memset(b->lane_at, 0, (nd + 2) * sizeof *b->lane_at);
	for (size_t i = 0; i < n; i++)
		b->lane_at[v[i].row + 1]++;
	for (size_t r = 0; r <= nd; r++)
		b->lane_at[r + 1] += b->lane_at[r];
	b->lane = xrealloc(b->lane, (n ? n : 1) * sizeof *b->lane);
	size_t *fill = xcalloc(nd + 1, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		b->lane[b->lane_at[v[i].row] + fill[v[i].row]++] = v[i].it;
	free(fill);
	free(v);
}

/* Stage si's findings, ownership column and cards, from scratch; its
 * exit marks the card it enters in a later block. */
static void an_block_analyse(struct an_ctx *c, size_t si)
{
	const struct model_map *m = c->m;
	const struct model_stage *sg = &m->stages[si];
	struct an_block *b = &c->ps->b[si];
	size_t ntp = sg->ntouchpoints, nd = m->ndepartments;
	an_block_clear(b);
	b->owned = xrealloc(b->owned, (nd + 1) * sizeof *b->owned);
	memset(b->owned, 0, (nd + 1) * sizeof *b->owned);
	b->cards = xrealloc(b->cards, (ntp ? ntp : 1) * sizeof *b->cards);
	an_block_cards(c, b, sg);
	int64_t *owner = xcalloc(ntp ? ntp : 1, sizeof *owner);
	size_t *next = xcalloc(ntp ? ntp : 1, sizeof *next);
	b->nunowned = 0;
	for (size_t j = 0; j < ntp; j++) {
		const struct model_touchpoint *t = &sg->touchpoints[j];
		const struct model_department *d = model_department(m, t->owner_id);
		owner[j] = d ? d->id : 0;
		b->owned[d ? (size_t)(d - m->departments) : nd]++;
		b->nunowned += t->owner_id == 0;
	}
	an_block_lanes(c, b, sg);
	/* the step after each: the next one, or the next owned one */
	for (size_t j = ntp, after = ntp; j-- > 0;) {
		next[j] = c->o->handoff_skip_unowned ? after : j + 1;
		if (owner[j])
			after = j;
	}
	if (ntp == 0)
		an_close(c, b, an_add(b, ANALYSIS_EMPTY_STAGE, MODEL_SEV_MEDIUM,
				      sg->id, 0));
	an_concentration(c, b, sg);
	for (size_t i = 0; i < b->nf; i++)	/* all stage kinds */
		if (!b->f[i].decision_id)
			an_mark(&b->card.found, &b->f[i]);
	for (size_t j = 0; j < ntp; j++) {
		const struct model_touchpoint *t = &sg->touchpoints[j];
		size_t before = b->nf;
		an_touchpoint(c, b, sg, t, owner[j]);
		struct an_step from = an_step_of(t, sg->id, owner[j], si, j), to;
		bool has = false;
		if (owner[j] && next[j] < ntp) {
			size_t k = next[j];
			to = an_step_of(&sg->touchpoints[k], sg->id, owner[k],
					si, k);
			has = true;
		} else if (owner[j] && next[j] >= ntp) {
			has = an_step_after(c, si, &to);
		}
		const struct analysis_finding *h =
			has ? an_handoff(c, b, &from, &to) : NULL;
		if (h && h->decision_id)
			h = NULL;	/* no mark on either card */
		for (size_t i = before; i < b->nf; i++)
			if (ANALYSIS_MASK(b->f[i].kind) & ANALYSIS_CARD_KINDS)
				an_card_mark(&b->cards[j], &b->f[i]);
		if (h && to.si == si) {
			an_card_mark(&b->cards[to.j], h);
		} else if (h) {
			struct an_block *tb = &c->ps->b[to.si];
			tb->in_tp = (long)to.j;
			tb->in = *h;
			tb->in.departments = NULL;
		}
	}
	free(owner);
	free(next);
}

static void an_matrix_init(struct analysis_matrix *mx, size_t nrows,
			   size_t ncols)
{
	mx->nrows = nrows;
	mx->ncols = ncols;
	mx->rows = xcalloc(nrows ? nrows : 1, sizeof *mx->rows);
	mx->cols = xcalloc(ncols ? ncols : 1, sizeof *mx->cols);
	mx->cells = xcalloc(nrows * ncols + 1, sizeof *mx->cells);
}

static void an_matrix_free(struct analysis_matrix *mx)
{
	free(mx->rows);
	free(mx->cols);
	free(mx->cells);
}

/* The ownership matrix from the blocks' columns. */
static void an_ownership(struct analysis *a, const struct model_map *m)
{
	struct analysis_matrix *mx = &a->ownership;
	size_t nd = m->ndepartments;
	an_matrix_free(mx);
	an_matrix_init(mx, nd + 1, m->nstages);
	for (size_t d = 0; d < nd; d++)
		mx->rows[d] = m->departments[d].id;
	mx->rows[nd] = 0;
	for (size_t i = 0; i < m->nstages; i++) {
		const struct an_block *b = &a->per_stage->b[i];
		mx->cols[i] = b->id;
		for (size_t r = 0; r <= nd; r++)
			mx->cells[r * mx->ncols + i] = b->owned[r];
	}
}

/* The blocks in the list's order: the journey's, the stages', the
 * plan's. */
static struct an_block *an_nth(struct an_stages *ps, size_t i)
{
	return i == 0 ? &ps->head : i <= ps->n ? &ps->b[i - 1] : &ps->tail;
}

/* Points every block at its run of the flat list. */
static void an_flat_link(struct an_stages *ps)
{
	size_t n = 0;
	for (size_t i = 0; i < ps->n + 2; i++) {
		struct an_block *b = an_nth(ps, i);
		if (!b->in_flat)
			free(b->f);
		b->f = ps->flat.f + n;
		b->capf = 0;
		b->off = n;
		b->in_flat = true;
		b->flat = NULL;
		n += b->nf;
	}
}

/* The flat list, journey order, from the blocks (sharing their
 * department arrays), unless it is current; the blocks then keep their
 * findings in it rather than beside it. */
static void an_build_flat(struct an_stages *ps, size_t nfindings)
{
	if (ps->flat_ok)
		return;
	bool in_place = ps->flat.n == nfindings;
	for (size_t i = 0, n = 0; in_place && i < ps->n + 2; i++) {
		const struct an_block *b = an_nth(ps, i);
		in_place = b->in_flat && b->off == n;
		n += b->nf;
	}
	struct an_flat fl = { NULL, nfindings, nfindings };
	if (in_place) {	/* analysis_run appended them in order */
		fl.f = xrealloc(ps->flat.f, (nfindings ? nfindings : 1) *
				sizeof *fl.f);
	} else {
		fl.f = xmalloc((nfindings ? nfindings : 1) * sizeof *fl.f);
		size_t n = 0;
		for (size_t i = 0; i < ps->n + 2; i++) {
			const struct an_block *b = an_nth(ps, i);
			if (b->nf)
				memcpy(fl.f + n, b->f, b->nf * sizeof *b->f);
			n += b->nf;
		}
		for (size_t i = 0; i < ps->n + 2; i++)
			if (an_nth(ps, i)->in_flat)
				an_nth(ps, i)->f = NULL;	/* not freed by the link */
		free(ps->flat.f);
	}
	for (size_t k = 0; k < nfindings; k++)
		fl.f[k].order = k;
	ps->flat = fl;
	an_flat_link(ps);
	ps->flat_ok = true;
}

void analysis_flatten(struct analysis *a)
{
	if (!a->per_stage)
		return;
	an_build_flat(a->per_stage, a->nfindings);
	a->findings = a->per_stage->flat.f;
}

/* The flat list, listed again first if an update left it out (for the
 * functions that read a const analysis). */
const struct analysis_finding *an_flat(const struct analysis *a)
{
	if (a->findings || !a->per_stage)
		return a->findings;
	an_build_flat(a->per_stage, a->nfindings);
	return a->per_stage->flat.f;
}

/* Adds up the blocks: counts, header counts, ownership; the flat list
 * goes until analysis_flatten. */
static void an_finish(struct analysis *a, const struct model_map *m)
{
	struct an_stages *ps = a->per_stage;
	memset(a->counts, 0, sizeof a->counts);
	a->ntouchpoints = a->nunowned = a->nfindings = a->ndecided = 0;
	for (size_t i = 0; i < ps->n + 2; i++) {
		const struct an_block *b = an_nth(ps, i);
		for (int k = 0; k < ANALYSIS_NKINDS; k++)
			a->counts[k] += b->counts[k];
		a->ntouchpoints += b->ntp;
		a->nunowned += b->nunowned;
		a->nfindings += b->nf;
		a->ndecided += b->ndecided;
	}
	a->nopen_gaps = ps->recs.open_gaps;
	a->nopen_silos = ps->recs.open_silos;
	an_ownership(a, m);
	a->findings = NULL;
	ps->flat_ok = false;
}

struct analysis *analysis_run(const struct model_map *m,
			      const struct analysis_options *o)
{
	struct analysis *a = xcalloc(1, sizeof *a);
	if (o)
		a->options = *o;
	else
		analysis_options_init(&a->options);
	struct an_stages *ps = a->per_stage = xcalloc(1, sizeof *ps);
	size_t nd = ps->nd = m->ndepartments;
	an_recs_build(&ps->recs, m);
	an_plan_build(&ps->plan, m);
	ps->n = m->nstages;
	ps->b = xcalloc(ps->n ? ps->n : 1, sizeof *ps->b);
	an_matrix_init(&a->handoffs, nd, nd);
	for (size_t d = 0; d < nd; d++)
		a->handoffs.rows[d] = a->handoffs.cols[d] = m->departments[d].id;
	struct an_ctx c = { m, &a->options, ps };
	for (size_t i = 0; i < ps->n; i++) {
		an_block_steps(&c, i);
		ps->b[i].in_tp = -1;
	}
	for (size_t i = 0; i < ps->n + 2; i++) {
		/* the findings go straight into the flat list, block after
		 * block, so they are never held twice */
		struct an_block *b = an_nth(ps, i);
		b->flat = &ps->flat;
		b->off = ps->flat.n;
		if (i == 0) {
			an_head(&c, b);
		} else if (i > ps->n) {
			an_tail(&c, b);
		} else {
			an_block_analyse(&c, i - 1);
			an_block_handoffs(a, m, b, 1);
		}
		b->flat = NULL;
		b->in_flat = true;
	}
	an_finish(a, m);
	analysis_flatten(a);
	return a;
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	if (a->per_stage) {
		for (size_t i = 0; i < a->per_stage->n; i++)
			an_block_free(&a->per_stage->b[i]);
		free(a->per_stage->b);
		an_block_free(&a->per_stage->head);
		an_block_free(&a->per_stage->tail);
		an_recs_free(&a->per_stage->recs);
		an_plan_free(&a->per_stage->plan);
		free(a->per_stage->flat.f);
		free(a->per_stage);
	}
	an_matrix_free(&a->ownership);
	an_matrix_free(&a->handoffs);
	free(a);
}

/* ------------------------------------------------------------------ */
/* Updating after a limited change */

/* True when the two tables say the same. */
static bool an_hash_same(const struct an_hash *x, const struct an_hash *y)
{
	for (size_t i = 0; i < x->cap; i++)
		if ((x->v[i].a || x->v[i].b) &&
		    an_hash_get(y, x->v[i].a, x->v[i].b) != x->v[i].v)
			return false;
	for (size_t i = 0; i < y->cap; i++)
		if ((y->v[i].a || y->v[i].b) &&
		    an_hash_get(x, y->v[i].a, y->v[i].b) != y->v[i].v)
			return false;
	return true;
}

/* Marks dirty the stages of the ids whose entries differ. */
void an_hash_diff(const struct an_hash *x, const struct an_hash *y,
		  const struct model_map *m, bool tps, bool *dirty)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct an_hash *p = pass ? y : x, *q = pass ? x : y;
		for (size_t i = 0; i < p->cap; i++) {
			const struct an_kv *e = &p->v[i];
			if (!e->a || an_hash_get(q, e->a, 0) == e->v)
				continue;
			size_t si;
			const struct model_stage *sg;
			if (tps && model_touchpoint(m, e->a, &si))
				dirty[si] = true;
			else if (!tps && (sg = model_stage(m, e->a)))
				dirty[sg - m->stages] = true;
		}
	}
}

/* Puts the blocks in the order of m's stages; a stage not seen before
 * gets an empty, dirty block; a block whose stage is gone is dropped.
 * A stage whose predecessor changed goes in `seq` (m->nstages: the end
 * of the journey moved). */
static void an_remap(struct analysis *a, const struct model_map *m,
		     bool *dirty, bool *seq)
{
	struct an_stages *ps = a->per_stage;
	bool same = ps->n == m->nstages;
	for (size_t i = 0; same && i < ps->n; i++)
		same = ps->b[i].id == m->stages[i].id;
	if (same)
		return;
	struct an_hash where = { 0 };
	for (size_t i = 0; i < ps->n; i++)
		an_hash_at(&where, ps->b[i].id, 0)->v = (int64_t)i + 1;
	struct an_block *nb = xcalloc(m->nstages ? m->nstages : 1, sizeof *nb);
	bool *used = xcalloc(ps->n ? ps->n : 1, sizeof *used);
	for (size_t i = 0; i < m->nstages; i++) {
		int64_t oi = an_hash_get(&where, m->stages[i].id, 0) - 1;
		if (oi < 0 || used[oi]) {
			nb[i].id = m->stages[i].id;
			nb[i].in_tp = -1;
			dirty[i] = true;
			continue;
		}
		used[oi] = true;
		nb[i] = ps->b[oi];
		int64_t was = oi ? ps->b[oi - 1].id : 0;
		int64_t now = i ? m->stages[i - 1].id : 0;
		if (was != now)
			seq[i] = true;
	}
	int64_t last_was = ps->n ? ps->b[ps->n - 1].id : 0;
	int64_t last_now = m->nstages ? m->stages[m->nstages - 1].id : 0;
	if (last_was != last_now)
		seq[m->nstages] = true;
	struct an_stages old = *ps;
	ps->b = nb;
	ps->n = m->nstages;
	struct an_ctx c = { m, &a->options, ps };
	for (size_t i = 0; i < old.n; i++) {
		if (used[i])
			continue;
		an_unmark_exit(&c, &old.b[i]);
		an_block_handoffs(a, m, &old.b[i], -1);
		an_block_free(&old.b[i]);
	}
	free(old.b);
	free(used);
	free(where.v);
}

bool analysis_update(struct analysis *a, const struct model_map *m,
		     const struct analysis_change *ch)
{
	struct an_stages *ps = a->per_stage;
	if (!ps || ch->departments || m->ndepartments != ps->nd)
		return false;
	for (size_t d = 0; d < ps->nd; d++)
		if (a->handoffs.rows[d] != m->departments[d].id)
			return false;
	struct an_recs nr;
	bool recs = ch->gaps || ch->silos;
	if (recs) {
		an_recs_build(&nr, m);
		/* a silo that turns handoffs anywhere into silo handoffs */
		if (!an_hash_same(&nr.pair, &ps->recs.pair)) {
			an_recs_free(&nr);
			return false;
		}
	}
	size_t n = m->nstages;
	bool *dirty = xcalloc(n + 1, sizeof *dirty);
	bool *seq = xcalloc(n + 1, sizeof *seq);
	an_remap(a, m, dirty, seq);
	if (recs) {
		an_hash_diff(&ps->recs.gap_tp, &nr.gap_tp, m, true, dirty);
		an_hash_diff(&ps->recs.silo_tp, &nr.silo_tp, m, true, dirty);
		an_hash_diff(&ps->recs.gap_stage, &nr.gap_stage, m, false, dirty);
		an_recs_free(&ps->recs);
		ps->recs = nr;
	}
	if (!ch->plan_same) {
		struct an_plan np;
		an_plan_build(&np, m);
		an_plan_diff(&ps->plan, &np, m, dirty);
		an_plan_free(&ps->plan);
		ps->plan = np;
	}
	for (size_t k = 0; k < ch->nstage_ids; k++) {
		const struct model_stage *sg = model_stage(m, ch->stage_ids[k]);
		if (sg)
			dirty[sg - m->stages] = true;
	}
	struct an_ctx c = { m, &a->options, ps };
	for (size_t i = 0; i < n; i++)
		if (dirty[i])
			an_block_steps(&c, i);
	/* what to redo: the dirty stages and the stage before each, and
	 * before each stage whose predecessor changed */
	bool *redo = xcalloc(n + 1, sizeof *redo);
	for (size_t i = 0; i <= n; i++) {
		if (i < n && dirty[i])
			redo[i] = true;
		if ((i < n && dirty[i]) || seq[i]) {
			size_t p = an_before(&c, i);
			if (p < n)
				redo[p] = true;
		}
	}
	for (size_t i = 0; i < n; i++)
		if (redo[i]) {
			an_unmark_exit(&c, &ps->b[i]);
			an_block_handoffs(a, m, &ps->b[i], -1);
		}
	for (size_t i = 0; i < n; i++)
		if (redo[i]) {
			an_block_analyse(&c, i);
			an_block_handoffs(a, m, &ps->b[i], 1);
		}
	an_head(&c, &ps->head);
	an_tail(&c, &ps->tail);
	free(dirty);
	free(seq);
	free(redo);
	an_finish(a, m);
	return true;
}

/* ------------------------------------------------------------------ */
/* The board's numbers */

struct analysis_card analysis_card(const struct analysis *a, size_t stage,
				   size_t tp)
{
	struct analysis_card k = { { 0, 0, MODEL_SEV_LOW }, 0, 0 };
	const struct an_stages *ps = a->per_stage;
	if (!ps || stage >= ps->n || tp >= ps->b[stage].ntp)
		return k;
	const struct an_block *b = &ps->b[stage];
	const struct an_card *p = &b->cards[tp];
	k.found.count = p->count;
	k.found.kinds = p->kinds;
	k.found.worst = (enum model_severity)p->worst;
	k.open_gaps = p->open_gaps;
	k.open_silos = p->open_silos;
	if (b->in_tp == (long)tp)
		an_mark(&k.found, &b->in);
	return k;
}

struct analysis_card analysis_stage_card(const struct analysis *a,
					 size_t stage)
{
	struct analysis_card k = { { 0, 0, MODEL_SEV_LOW }, 0, 0 };
	const struct an_stages *ps = a->per_stage;
	return ps && stage < ps->n ? ps->b[stage].card : k;
}

/* A lane cell's cards, worked out with the stage's block. */
size_t analysis_lane(const struct analysis *a, size_t stage, size_t row,
		     const struct analysis_lane_item **items)
{
	const struct an_stages *ps = a->per_stage;
	if (!ps || stage >= ps->n || row > ps->nd || !ps->b[stage].lane_at)
		return 0;
	const struct an_block *b = &ps->b[stage];
	if (items)
		*items = b->lane + b->lane_at[row];
	return b->lane_at[row + 1] - b->lane_at[row];
}
