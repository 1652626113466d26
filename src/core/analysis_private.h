/* analysis_private.h - what analysis.c shares with analysis_query.c and
 * analysis_plan.c and nobody else. */
#ifndef CX_ANALYSIS_PRIVATE_H
#define CX_ANALYSIS_PRIVATE_H

#include "core/analysis.h"

/* The flat list of findings in journey order, built now if an update
 * left it to be built (the analysis stays logically const). */
const struct analysis_finding *an_flat(const struct analysis *a);
/* Counts f in s: one more finding, its kind, the worst severity. */
void an_mark(struct analysis_summary *s, const struct analysis_finding *f);

/* ------------------------------------------------------------------ */
/* Building (analysis.c): what the plan's findings are made with */

/* A small table of int64 pairs -> int64 (0: absent). */
struct an_kv {
	int64_t a, b, v;
};

struct an_hash {
	struct an_kv *v;
	size_t cap, used;
};

int64_t an_hash_get(const struct an_hash *h, int64_t a, int64_t b);
/* The entry of (a, b), made (with v 0) if absent. */
struct an_kv *an_hash_at(struct an_hash *h, int64_t a, int64_t b);
/* Marks dirty the stages of the ids (touchpoints if tps, else stages)
 * whose entries differ. */
void an_hash_diff(const struct an_hash *x, const struct an_hash *y,
		  const struct model_map *m, bool tps, bool *dirty);

struct an_block;	/* one stage's share, or the journey's, or the plan's */
struct an_stages;

struct an_ctx {
	const struct model_map *m;
	const struct analysis_options *o;
	struct an_stages *ps;
};

/* A department id the map knows, or 0. */
int64_t an_known(const struct model_map *m, int64_t id);
/* The touchpoint's owner if the map knows it, or 0. */
int64_t an_owner(const struct model_map *m, const struct model_touchpoint *t);
/* A new finding in b; an_add_dept gives it its departments, an_close
 * ends it (marked with its decision, or counted). */
struct analysis_finding *an_add(struct an_block *b, enum analysis_kind kind,
				enum model_severity sev, int64_t stage_id,
				int64_t tp_id);
void an_add_dept(struct an_block *b, struct analysis_finding *f, int64_t id);
void an_close(struct an_ctx *c, struct an_block *b,
	      struct analysis_finding *f);
/* Findings on a moment of truth rank one higher (high stays high). */
enum model_severity an_sev(enum model_severity s, bool moment);
/* A finding about a touchpoint that hurts (unacknowledged pain, pain
 * without voice): sev at -2, one lower at -1, a rank higher on a moment
 * of truth; its owner (0: none) and the emotion. */
void an_pain(struct an_ctx *c, struct an_block *b, enum analysis_kind kind,
	     enum model_severity sev, const struct model_stage *sg,
	     const struct model_touchpoint *t, int64_t owner);
/* Forgets b's findings (to work them out again). */
void an_block_clear(struct an_block *b);

/* ------------------------------------------------------------------ */
/* The plan (analysis_plan.c) */

struct an_dec;	/* a decision by what it is about */

/* What the stages need of the map's metrics, voices and decisions: read
 * again on every update (they are few), and compared with the last to
 * find the stages whose findings they change. */
struct an_plan {
	/* touchpoint id -> a signature of its metrics (their ids, on or off
	 * target): equal signatures, equal findings */
	struct an_hash metric_sig;
	/* touchpoint id -> 1 + where its metrics start in mord */
	struct an_hash metric_at;
	size_t *mord;	/* the touchpoints' metrics (indices), by touchpoint */
	size_t nmord;
	/* touchpoint id -> voices on it or on a gap recorded on it */
	struct an_hash voice_tp;
	struct an_dec *dec;	/* by kind and subjects, then id */
	size_t ndec;
};

void an_plan_build(struct an_plan *p, const struct model_map *m);
void an_plan_free(struct an_plan *p);
/* The first decision on finding f (the lowest id), or 0. */
int64_t an_plan_decision(const struct an_plan *p,
			 const struct analysis_finding *f);
/* Marks dirty the stages whose findings the metrics, voices or
 * decisions of the new plan tables change. */
void an_plan_diff(const struct an_plan *x, const struct an_plan *y,
		  const struct model_map *m, bool *dirty);
/* A touchpoint's findings about its metrics and its evidence, in its
 * stage's block b. */
void an_touchpoint_plan(struct an_ctx *c, const struct an_plan *p,
			struct an_block *b, const struct model_stage *sg,
			const struct model_touchpoint *t, int64_t owner);
/* The journey block (its owner, its metrics) and the plan block (gaps
 * nobody acts on, actions' trouble): worked out whole every time. */
void an_head(struct an_ctx *c, struct an_block *b);
void an_tail(struct an_ctx *c, struct an_block *b);

#endif
