/* analysis_query.c - reading an analysis: selecting, summarising and
 * sorting findings, the matrices' lookups, and the marks views ask for
 * many cards at once.  Pure, like analysis.c. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "core/analysis_private.h"
#include "util/xalloc.h"

static size_t an_row(const struct analysis_matrix *mx, int64_t id)
{
	for (size_t r = 0; r < mx->nrows; r++)
		if (mx->rows[r] == id)
			return r;
	return mx->nrows;
}

static size_t an_col(const struct analysis_matrix *mx, int64_t id)
{
	for (size_t c = 0; c < mx->ncols; c++)
		if (mx->cols[c] == id)
			return c;
	return mx->ncols;
}

/* ------------------------------------------------------------------ */
/* What a finding is about, for decisions */

static struct model_ref an_ref(enum model_ref_kind kind, int64_t id)
{
	struct model_ref r = { kind, id };
	return r;
}

void analysis_finding_subject(const struct analysis_finding *f,
			      struct model_ref s[2])
{
	s[0] = s[1] = an_ref(MODEL_REF_NONE, 0);
	switch (f->kind) {
	case ANALYSIS_UNOWNED:
	case ANALYSIS_CROWDED:
	case ANALYSIS_UNACKNOWLEDGED_PAIN:
	case ANALYSIS_MOMENT_WITHOUT_METRIC:
	case ANALYSIS_PAIN_WITHOUT_VOICE:
		s[0] = an_ref(MODEL_REF_TOUCHPOINT, f->touchpoint_id);
		break;
	case ANALYSIS_EMPTY_STAGE:
		s[0] = an_ref(MODEL_REF_STAGE, f->stage_id);
		break;
	case ANALYSIS_CONCENTRATION:
		s[0] = an_ref(MODEL_REF_STAGE, f->stage_id);
		if (f->ndepartments)
			s[1] = an_ref(MODEL_REF_DEPARTMENT, f->departments[0]);
		break;
	case ANALYSIS_HANDOFF:
	case ANALYSIS_SILO_HANDOFF:
		s[0] = an_ref(MODEL_REF_TOUCHPOINT, f->touchpoint_id);
		s[1] = an_ref(MODEL_REF_TOUCHPOINT, f->next_touchpoint_id);
		break;
	case ANALYSIS_METRIC_OFF_TARGET:
		s[0] = an_ref(MODEL_REF_METRIC, f->metric_id);
		break;
	case ANALYSIS_GAP_WITHOUT_ACTION:
		s[0] = an_ref(MODEL_REF_GAP, f->gap_id);
		break;
	case ANALYSIS_ACTION_OVERDUE:
	case ANALYSIS_ACTION_OWNER_OUTSIDE:
		s[0] = an_ref(MODEL_REF_ACTION, f->action_id);
		break;
	case ANALYSIS_NO_JOURNEY_OWNER:
		s[0] = an_ref(MODEL_REF_MAP, 0);
		break;
	case ANALYSIS_NKINDS:
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Selecting, summarising, sorting */

static bool an_side(const struct analysis_filter *flt, int64_t tp,
		    int64_t stage, const int64_t *depts, size_t nd)
{
	if (flt->touchpoint_id && flt->touchpoint_id != tp)
		return false;
	if (flt->stage_id && flt->stage_id != stage)
		return false;
	if (!flt->department_id)
		return true;
	for (size_t i = 0; i < nd; i++)
		if (depts[i] == flt->department_id)
			return true;
	return false;
}

bool analysis_matches(const struct analysis_finding *f,
		      const struct analysis_filter *flt)
{
	if (flt->kinds && !(flt->kinds & ANALYSIS_MASK(f->kind)))
		return false;
	if (f->kind == ANALYSIS_HANDOFF || f->kind == ANALYSIS_SILO_HANDOFF)
		return an_side(flt, f->touchpoint_id, f->stage_id,
			       f->departments, 1) ||
		       an_side(flt, f->next_touchpoint_id, f->next_stage_id,
			       f->departments + 1, 1);
	return an_side(flt, f->touchpoint_id, f->stage_id, f->departments,
		       f->ndepartments);
}

size_t analysis_select(const struct analysis *a,
		       const struct analysis_filter *flt, size_t *idx,
		       size_t max)
{
	size_t n = 0;
	const struct analysis_finding *v = an_flat(a);
	for (size_t i = 0; i < a->nfindings; i++) {
		if (!analysis_matches(&v[i], flt))
			continue;
		if (n < max)
			idx[n] = i;
		n++;
	}
	return n;
}

struct analysis_summary analysis_summarise(const struct analysis *a,
					   const struct analysis_filter *flt)
{
	struct analysis_summary s = { 0, 0, MODEL_SEV_LOW };
	const struct analysis_finding *v = an_flat(a);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &v[i];
		if (f->decision_id || !analysis_matches(f, flt))
			continue;
		s.count++;
		s.kinds |= ANALYSIS_MASK(f->kind);
		if (f->severity > s.worst)
			s.worst = f->severity;
	}
	return s;
}

struct analysis_summary analysis_touchpoint_summary(const struct analysis *a,
						    int64_t touchpoint_id)
{
	struct analysis_filter flt = { .touchpoint_id = touchpoint_id };
	return analysis_summarise(a, &flt);
}

struct analysis_summary analysis_stage_summary(const struct analysis *a,
					       int64_t stage_id)
{
	struct analysis_filter flt = { .stage_id = stage_id };
	return analysis_summarise(a, &flt);
}

static int an_cmp_order(const struct analysis_finding *x,
			const struct analysis_finding *y)
{
	return (x->order > y->order) - (x->order < y->order);
}

static int an_cmp_journey(const void *p, const void *q)
{
	return an_cmp_order(p, q);
}

static int an_cmp_severity(const void *p, const void *q)
{
	const struct analysis_finding *x = p, *y = q;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return an_cmp_order(x, y);
}

static int an_cmp_kind(const void *p, const void *q)
{
	const struct analysis_finding *x = p, *y = q;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return an_cmp_order(x, y);
}

void analysis_sort(struct analysis *a, enum analysis_sort by)
{
	int (*cmp)(const void *, const void *) =
		by == ANALYSIS_BY_SEVERITY ? an_cmp_severity
		: by == ANALYSIS_BY_KIND ? an_cmp_kind : an_cmp_journey;
	analysis_flatten(a);
	if (a->nfindings > 1)
		qsort(a->findings, a->nfindings, sizeof *a->findings, cmp);
}

/* ------------------------------------------------------------------ */
/* Matrices */

size_t analysis_matrix_get(const struct analysis_matrix *mx, int64_t row_id,
			   int64_t col_id)
{
	size_t r = an_row(mx, row_id), c = an_col(mx, col_id);
	return r < mx->nrows && c < mx->ncols ? mx->cells[r * mx->ncols + c]
		: 0;
}

size_t analysis_matrix_row_total(const struct analysis_matrix *mx, size_t r)
{
	size_t n = 0;
	for (size_t c = 0; c < mx->ncols; c++)
		n += mx->cells[r * mx->ncols + c];
	return n;
}

size_t analysis_matrix_col_total(const struct analysis_matrix *mx, size_t c)
{
	size_t n = 0;
	for (size_t r = 0; r < mx->nrows; r++)
		n += mx->cells[r * mx->ncols + c];
	return n;
}

/* ------------------------------------------------------------------ */
/* summaries of every item at once */

struct analysis_marks {
	size_t nstages;
	size_t *first;	/* flat index of each stage's first touchpoint */
	struct analysis_summary *tps;	/* by flat index */
	struct analysis_summary *stages;
};

struct an_pos {
	int64_t id;
	size_t flat;
};

static int an_pos_cmp(const void *a, const void *b)
{
	const struct an_pos *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static long an_find(const struct an_pos *v, size_t n, int64_t id)
{
	struct an_pos key = { id, 0 };
	const struct an_pos *p = id ? bsearch(&key, v, n, sizeof *v, an_pos_cmp)
				    : NULL;
	return p ? (long)p->flat : -1;
}

struct analysis_marks *analysis_marks_new(const struct analysis *a,
					  const struct model_map *m,
					  unsigned tp_kinds,
					  unsigned stage_kinds)
{
	struct analysis_marks *x = xcalloc(1, sizeof *x);
	size_t ntp = model_touchpoint_count(m), k = 0;
	x->nstages = m->nstages;
	x->first = xcalloc(m->nstages + 1, sizeof *x->first);
	x->tps = xcalloc(ntp + 1, sizeof *x->tps);
	x->stages = xcalloc(m->nstages + 1, sizeof *x->stages);
	struct an_pos *tps = xcalloc(ntp + 1, sizeof *tps);
	struct an_pos *sts = xcalloc(m->nstages + 1, sizeof *sts);
	for (size_t i = 0; i < m->nstages; i++) {
		x->first[i] = k;
		sts[i] = (struct an_pos){ m->stages[i].id, i };
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++, k++)
			tps[k] = (struct an_pos){ m->stages[i].touchpoints[j].id, k };
	}
	qsort(tps, ntp, sizeof *tps, an_pos_cmp);
	qsort(sts, m->nstages, sizeof *sts, an_pos_cmp);
	const struct analysis_finding *v = an_flat(a);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &v[i];
		if (f->decision_id)
			continue;
		/* a finding concerns at most two touchpoints and two stages */
		int64_t tp_ids[2] = { f->touchpoint_id, f->next_touchpoint_id };
		int64_t st_ids[2] = { f->stage_id, f->next_stage_id };
		for (int c = 0; c < 2; c++) {
			if (c && tp_ids[1] == tp_ids[0])
				break;
			long t = an_find(tps, ntp, tp_ids[c]);
			struct analysis_filter flt = { .touchpoint_id = tp_ids[c],
						       .kinds = tp_kinds };
			if (t >= 0 && analysis_matches(f, &flt))
				an_mark(&x->tps[t], f);
		}
		for (int c = 0; c < 2; c++) {
			if (c && st_ids[1] == st_ids[0])
				break;
			long sidx = an_find(sts, m->nstages, st_ids[c]);
			struct analysis_filter flt = { .stage_id = st_ids[c],
						       .kinds = stage_kinds };
			if (sidx >= 0 && analysis_matches(f, &flt))
				an_mark(&x->stages[sidx], f);
		}
	}
	free(tps);
	free(sts);
	return x;
}

struct analysis_summary analysis_marks_touchpoint(
	const struct analysis_marks *x, size_t stage, size_t tp)
{
	return x->tps[x->first[stage] + tp];
}

struct analysis_summary analysis_marks_stage(const struct analysis_marks *x,
					     size_t stage)
{
	return x->stages[stage];
}

void analysis_marks_free(struct analysis_marks *x)
{
	if (!x)
		return;
	free(x->first);
	free(x->tps);
	free(x->stages);
	free(x);
}
