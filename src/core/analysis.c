/* analysis.c - findings and matrices computed from the in-memory map.
 * Pure: reads a struct model_map, returns plain data, prints nothing. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/analysis.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#define ANALYSIS_KIND_KEY(name, key, label) key,
static const char *const kind_keys[] = {
	ANALYSIS_KIND_LIST(ANALYSIS_KIND_KEY)
	ANALYSIS_RECORD_LIST(ANALYSIS_KIND_KEY)
};
#undef ANALYSIS_KIND_KEY
#define ANALYSIS_KIND_LABEL(name, key, label) label,
static const char *const kind_labels[] = {
	ANALYSIS_KIND_LIST(ANALYSIS_KIND_LABEL)
	ANALYSIS_RECORD_LIST(ANALYSIS_KIND_LABEL)
};
#undef ANALYSIS_KIND_LABEL
_Static_assert(sizeof kind_keys / sizeof *kind_keys == ANALYSIS_NREPORT_KINDS,
	       "one key per report kind");

void analysis_options_init(struct analysis_options *o)
{
	o->crowded_threshold = ANALYSIS_CROWDED_DEFAULT;
	o->concentration_min = ANALYSIS_CONCENTRATION_MIN_DEFAULT;
	o->concentration_percent = ANALYSIS_CONCENTRATION_PERCENT_DEFAULT;
	o->handoff_skip_unowned = false;
}

const char *analysis_kind_key(int k)
{
	return k >= 0 && k < ANALYSIS_NREPORT_KINDS ? kind_keys[k] : "";
}

int analysis_kind_parse(const char *key)
{
	for (int k = 0; k < ANALYSIS_NREPORT_KINDS; k++)
		if (strcmp(kind_keys[k], key) == 0)
			return k;
	return -1;
}

const char *analysis_kind_label(int k)
{
	return k >= 0 && k < ANALYSIS_NREPORT_KINDS ? _(kind_labels[k]) : "";
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
static int64_t an_known(const struct model_map *m, int64_t id)
{
	return model_department(m, id) ? id : 0;
}

static int64_t an_owner(const struct model_map *m,
			const struct model_touchpoint *t)
{
	return an_known(m, t->owner_id);
}

struct an_build {
	const struct model_map *m;
	struct analysis *a;
	size_t cap;
};

static struct analysis_finding *an_add(struct an_build *b,
				       enum analysis_kind kind,
				       enum model_severity sev,
				       int64_t stage_id, int64_t tp_id)
{
	struct analysis *a = b->a;
	a->findings = xgrow(a->findings, &b->cap, a->nfindings + 1,
			    sizeof *a->findings);
	struct analysis_finding *f = &a->findings[a->nfindings];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->severity = sev;
	f->stage_id = stage_id;
	f->touchpoint_id = tp_id;
	f->order = a->nfindings++;
	a->counts[kind]++;
	return f;
}

static void an_add_dept(struct analysis_finding *f, int64_t id)
{
	f->departments = xrealloc(f->departments, (f->ndepartments + 1) *
				  sizeof *f->departments);
	f->departments[f->ndepartments++] = id;
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

/* Acknowledged: an open gap is recorded on the touchpoint or on its
 * stage (which names the moments in it), or an open silo at the
 * touchpoint.  A gap on the whole map does not say which moment hurts. */
static bool an_acknowledged(const struct model_map *m, int64_t stage_id,
			    int64_t tp_id)
{
	for (size_t i = 0; i < m->ngaps; i++) {
		const struct model_gap *g = &m->gaps[i];
		if (g->status == MODEL_OPEN && (g->touchpoint_id == tp_id ||
		    (!g->touchpoint_id && g->stage_id == stage_id)))
			return true;
	}
	for (size_t i = 0; i < m->nsilos; i++)
		if (m->silos[i].touchpoint_id == tp_id &&
		    m->silos[i].status == MODEL_OPEN)
			return true;
	return false;
}

/* The first open silo between a and b, in either order, or 0. */
static int64_t an_open_silo(const struct model_map *m, int64_t a, int64_t b)
{
	for (size_t i = 0; i < m->nsilos; i++) {
		const struct model_silo *s = &m->silos[i];
		if (s->status == MODEL_OPEN &&
		    ((s->dept_a == a && s->dept_b == b) ||
		     (s->dept_a == b && s->dept_b == a)))
			return s->id;
	}
	return 0;
}

static void an_concentration(struct an_build *b, const struct model_stage *sg)
{
	const struct analysis_options *o = &b->a->options;
	size_t total = sg->ntouchpoints;
	if (o->concentration_min == 0 || total < o->concentration_min)
		return;
	for (size_t d = 0; d < b->m->ndepartments; d++) {
		int64_t id = b->m->departments[d].id;
		size_t owned = 0;
		for (size_t j = 0; j < total; j++)
			owned += an_owner(b->m, &sg->touchpoints[j]) == id;
		/* "most": strictly more than the share */
		if (!owned || owned * 100 <= total * o->concentration_percent)
			continue;
		struct analysis_finding *f = an_add(b, ANALYSIS_CONCENTRATION,
						    MODEL_SEV_LOW, sg->id, 0);
		an_add_dept(f, id);
		f->count = owned;
		f->total = total;
	}
}

static void an_touchpoint(struct an_build *b, const struct model_stage *sg,
			  const struct model_touchpoint *t)
{
	const struct model_map *m = b->m;
	int64_t owner = an_owner(m, t);
	int64_t *contrib = xcalloc(t->ncontributors, sizeof *contrib);
	size_t ncontrib = an_contributors(m, t, owner, contrib);
	if (!owner)
		an_add(b, ANALYSIS_UNOWNED, MODEL_SEV_HIGH, sg->id, t->id)
			->count = ncontrib;
	size_t threshold = b->a->options.crowded_threshold;
	if (threshold && ncontrib >= threshold) {
		/* several departments and nobody accountable is worse */
		struct analysis_finding *f =
			an_add(b, ANALYSIS_CROWDED, owner ? MODEL_SEV_MEDIUM
			       : MODEL_SEV_HIGH, sg->id, t->id);
		if (owner)
			an_add_dept(f, owner);
		for (size_t i = 0; i < ncontrib; i++)
			an_add_dept(f, contrib[i]);
		f->count = ncontrib;
	}
	free(contrib);
	if (t->has_emotion && t->emotion < 0 && !an_acknowledged(m, sg->id, t->id)) {
		enum model_severity sev = t->emotion <= -2 ? MODEL_SEV_HIGH
			: MODEL_SEV_MEDIUM;
		struct analysis_finding *f =
			an_add(b, ANALYSIS_UNACKNOWLEDGED_PAIN, sev, sg->id,
			       t->id);
		if (owner)
			an_add_dept(f, owner);
		f->emotion = t->emotion;
	}
}

/* The journey flattened: every touchpoint with its stage and owner. */
struct an_step {
	const struct model_touchpoint *t;
	int64_t stage_id;
	int64_t owner;
};

static struct an_step *an_journey(const struct model_map *m, size_t *n)
{
	struct an_step *v = xcalloc(model_touchpoint_count(m), sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			const struct model_touchpoint *t =
				&m->stages[i].touchpoints[j];
			v[k].t = t;
			v[k].stage_id = m->stages[i].id;
			v[k++].owner = an_owner(m, t);
		}
	*n = k;
	return v;
}

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

static void an_matrix_bump(struct analysis_matrix *mx, int64_t row_id,
			   int64_t col_id)
{
	size_t r = an_row(mx, row_id), c = an_col(mx, col_id);
	if (r < mx->nrows && c < mx->ncols)
		mx->cells[r * mx->ncols + c]++;
}

/* The handoff that leaves step i, if the next owned step (or simply the
 * next step, when unowned ones break the chain) has another owner. */
static void an_handoff(struct an_build *b, const struct an_step *v, size_t n,
		       size_t i)
{
	if (!v[i].owner)
		return;
	size_t j = i + 1;
	if (b->a->options.handoff_skip_unowned)
		while (j < n && !v[j].owner)
			j++;
	if (j >= n || !v[j].owner || v[j].owner == v[i].owner)
		return;
	int64_t silo = an_open_silo(b->m, v[i].owner, v[j].owner);
	struct analysis_finding *f =
		an_add(b, silo ? ANALYSIS_SILO_HANDOFF : ANALYSIS_HANDOFF,
		       silo ? MODEL_SEV_HIGH : MODEL_SEV_LOW, v[i].stage_id,
		       v[i].t->id);
	f->next_touchpoint_id = v[j].t->id;
	f->next_stage_id = v[j].stage_id;
	f->silo_id = silo;
	an_add_dept(f, v[i].owner);
	an_add_dept(f, v[j].owner);
	an_matrix_bump(&b->a->handoffs, v[i].owner, v[j].owner);
}

static void an_matrix_init(struct analysis_matrix *mx, size_t nrows,
			   size_t ncols)
{
	mx->nrows = nrows;
	mx->ncols = ncols;
	mx->rows = xcalloc(nrows, sizeof *mx->rows);
	mx->cols = xcalloc(ncols, sizeof *mx->cols);
	mx->cells = xcalloc(nrows * ncols, sizeof *mx->cells);
}

static void an_matrices(struct analysis *a, const struct model_map *m)
{
	size_t nd = m->ndepartments;
	an_matrix_init(&a->ownership, nd + 1, m->nstages);
	an_matrix_init(&a->handoffs, nd, nd);
	for (size_t d = 0; d < nd; d++) {
		int64_t id = m->departments[d].id;
		a->ownership.rows[d] = a->handoffs.rows[d] = id;
		a->handoffs.cols[d] = id;
	}
	a->ownership.rows[nd] = 0;
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		a->ownership.cols[i] = sg->id;
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			int64_t owner = an_owner(m, &sg->touchpoints[j]);
			an_matrix_bump(&a->ownership, owner, sg->id);
		}
	}
}

struct analysis *analysis_run(const struct model_map *m,
			      const struct analysis_options *o)
{
	struct analysis *a = xcalloc(1, sizeof *a);
	if (o)
		a->options = *o;
	else
		analysis_options_init(&a->options);
	an_matrices(a, m);
	struct an_build b = { m, a, 0 };
	size_t nsteps, k = 0;
	struct an_step *steps = an_journey(m, &nsteps);
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		if (sg->ntouchpoints == 0)
			an_add(&b, ANALYSIS_EMPTY_STAGE, MODEL_SEV_MEDIUM,
			       sg->id, 0);
		an_concentration(&b, sg);
		for (size_t j = 0; j < sg->ntouchpoints; j++, k++) {
			an_touchpoint(&b, sg, &sg->touchpoints[j]);
			an_handoff(&b, steps, nsteps, k);
		}
	}
	free(steps);
	return a;
}

static void an_matrix_free(struct analysis_matrix *mx)
{
	free(mx->rows);
	free(mx->cols);
	free(mx->cells);
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nfindings; i++)
		free(a->findings[i].departments);
	free(a->findings);
	an_matrix_free(&a->ownership);
	an_matrix_free(&a->handoffs);
	free(a);
}

/* ------------------------------------------------------------------ */
/* Descriptions */

static const char *an_tp_name(const struct model_map *m, int64_t id)
{
	const struct model_touchpoint *t = model_touchpoint(m, id, NULL);
	return t ? t->name : "?";
}

static const char *an_stage_name(const struct model_map *m, int64_t id)
{
	const struct model_stage *sg = model_stage(m, id);
	return sg ? sg->name : "?";
}

static const char *an_dept_name(const struct model_map *m, int64_t id)
{
	const struct model_department *d = model_department(m, id);
	return d ? d->name : _("(deleted department)");
}

/* Names of departments[from...] joined by ", ". */
static char *an_dept_list(const struct model_map *m,
			  const struct analysis_finding *f, size_t from)
{
	char *s = xstrdup("");
	for (size_t i = from; i < f->ndepartments; i++) {
		char *t = xasprintf("%s%s%s", s, i > from ? ", " : "",
				    an_dept_name(m, f->departments[i]));
		free(s);
		s = t;
	}
	return s;
}

static char *an_describe_unowned(const struct model_map *m,
				 const struct analysis_finding *f)
{
	const char *tp = an_tp_name(m, f->touchpoint_id);
	const char *sg = an_stage_name(m, f->stage_id);
	if (f->count == 0)
		return xasprintf(_("'%s' in stage '%s' has no owner "
				   "department"), tp, sg);
	return xasprintf(ngettext("'%s' in stage '%s' has no owner "
				  "department; %zu department contributes, "
				  "none is accountable",
				  "'%s' in stage '%s' has no owner "
				  "department; %zu departments contribute, "
				  "none is accountable", f->count),
			 tp, sg, f->count);
}

static char *an_describe_crowded(const struct model_map *m,
				 const struct analysis_finding *f)
{
	const char *tp = an_tp_name(m, f->touchpoint_id);
	const char *sg = an_stage_name(m, f->stage_id);
	bool owned = f->ndepartments > f->count;
	char *list = an_dept_list(m, f, owned ? 1 : 0);
	char *s;
	if (owned)
		s = xasprintf(ngettext("'%s' in stage '%s': %zu department "
				       "contributes besides the owner, %s: %s",
				       "'%s' in stage '%s': %zu departments "
				       "contribute besides the owner, %s: %s",
				       f->count), tp, sg, f->count,
			      an_dept_name(m, f->departments[0]), list);
	else
		s = xasprintf(ngettext("'%s' in stage '%s': %zu department "
				       "contributes and none owns it: %s",
				       "'%s' in stage '%s': %zu departments "
				       "contribute and none owns it: %s",
				       f->count), tp, sg, f->count, list);
	free(list);
	return s;
}

static char *an_describe_handoff(const struct model_map *m,
				 const struct analysis_finding *f)
{
	const char *from = an_tp_name(m, f->touchpoint_id);
	const char *to = an_tp_name(m, f->next_touchpoint_id);
	const char *da = an_dept_name(m, f->departments[0]);
	const char *db = an_dept_name(m, f->departments[1]);
	if (f->kind == ANALYSIS_SILO_HANDOFF)
		return xasprintf(_("'%s' (%s) hands off to '%s' (%s) across an "
				   "open silo"), from, da, to, db);
	return xasprintf(_("'%s' (%s) hands off to '%s' (%s)"), from, da, to,
			 db);
}

char *analysis_describe(const struct model_map *m,
			const struct analysis_finding *f)
{
	switch (f->kind) {
	case ANALYSIS_UNOWNED:
		return an_describe_unowned(m, f);
	case ANALYSIS_EMPTY_STAGE:
		return xasprintf(_("stage '%s' has no touchpoints"),
				 an_stage_name(m, f->stage_id));
	case ANALYSIS_CROWDED:
		return an_describe_crowded(m, f);
	case ANALYSIS_UNACKNOWLEDGED_PAIN:
		return xasprintf(_("'%s' in stage '%s' has a negative emotion "
				   "(%+d) and no open gap or silo recorded on it or its stage"),
				 an_tp_name(m, f->touchpoint_id),
				 an_stage_name(m, f->stage_id), f->emotion);
	case ANALYSIS_HANDOFF:
	case ANALYSIS_SILO_HANDOFF:
		return an_describe_handoff(m, f);
	case ANALYSIS_CONCENTRATION:
		return xasprintf(ngettext("%s owns %zu of the %zu touchpoint "
					  "in stage '%s'",
					  "%s owns %zu of the %zu touchpoints "
					  "in stage '%s'", f->total),
				 an_dept_name(m, f->departments[0]), f->count,
				 f->total, an_stage_name(m, f->stage_id));
	case ANALYSIS_NKINDS:
		break;
	}
	return xstrdup("");
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
	for (size_t i = 0; i < a->nfindings; i++) {
		if (!analysis_matches(&a->findings[i], flt))
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
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &a->findings[i];
		if (!analysis_matches(f, flt))
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

static void an_mark(struct analysis_summary *s, const struct analysis_finding *f)
{
	s->count++;
	s->kinds |= ANALYSIS_MASK(f->kind);
	if (f->severity > s->worst)
		s->worst = f->severity;
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
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &a->findings[i];
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

/* ------------------------------------------------------------------ */
/* first cut of the incremental API: correct, not yet fast */

bool analysis_update(struct analysis *a, const struct model_map *m,
		     const struct analysis_change *c)
{
	(void)a;
	(void)m;
	(void)c;
	return false;
}

struct analysis_card analysis_card(const struct analysis *a, size_t stage,
				   size_t tp)
{
	(void)a; (void)stage; (void)tp;
	struct analysis_card k = { { 0, 0, MODEL_SEV_LOW }, 0, 0 };
	return k;
}

struct analysis_card analysis_stage_card(const struct analysis *a,
					 size_t stage)
{
	(void)a; (void)stage;
	struct analysis_card k = { { 0, 0, MODEL_SEV_LOW }, 0, 0 };
	return k;
}
