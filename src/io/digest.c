/* digest.c - the summary every document of a map starts from. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/plan.h"
#include "io/digest.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static void dg_counts(struct digest *d, const struct model_map *m)
{
	d->nstages = m->nstages;
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		d->ntouchpoints += sg->ntouchpoints;
		for (size_t j = 0; j < sg->ntouchpoints; j++) {
			d->nunowned += !sg->touchpoints[j].owner_id;
			d->nmoments += sg->touchpoints[j].moment;
		}
	}
	for (size_t i = 0; i < m->ngaps; i++)
		if (m->gaps[i].status == MODEL_OPEN) {
			d->nopen_gaps++;
			d->nopen_high_gaps +=
				m->gaps[i].severity == MODEL_SEV_HIGH;
		}
	d->nopen_silos = model_open_silo_count(m);
	for (size_t i = 0; i < m->nmetrics; i++) {
		enum plan_target t = plan_metric_target(&m->metrics[i]);
		d->nmeasured += t != PLAN_NO_TARGET;
		d->noff_target += t == PLAN_OFF_TARGET;
	}
	for (size_t i = 0; i < m->nactions; i++) {
		d->nlive_actions += plan_action_live(&m->actions[i]);
		d->noverdue += plan_action_overdue(&m->actions[i], d->today);
	}
}

static void dg_findings(struct digest *d)
{
	struct analysis *a = d->a;
	analysis_sort(a, ANALYSIS_BY_SEVERITY);
	d->findings = xcalloc(a->nfindings + 1, sizeof *d->findings);
	for (size_t i = 0; i < a->nfindings; i++) {
		const struct analysis_finding *f = &a->findings[i];
		if (f->decision_id)
			continue;
		d->findings[d->nfindings++] = f;
		d->by_severity[f->severity]++;
	}
}

/* The Findings sections' order: a stable counting sort of the findings
 * (already high first, journey order within) by severity, then kind. */
static void dg_listed(struct digest *d)
{
	enum { NKEYS = 3 * ANALYSIS_NKINDS };
	size_t at[NKEYS + 1] = { 0 };
	d->listed = xcalloc(d->nfindings + 1, sizeof *d->listed);
	d->number = xcalloc(d->nfindings + 1, sizeof *d->number);
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct analysis_finding *f = d->findings[i];
		at[(MODEL_SEV_HIGH - f->severity) * ANALYSIS_NKINDS + f->kind +
		   1]++;
	}
	for (size_t k = 1; k <= NKEYS; k++)
		at[k] += at[k - 1];
	for (size_t i = 0; i < d->nfindings; i++) {
		const struct analysis_finding *f = d->findings[i];
		size_t p = at[(MODEL_SEV_HIGH - f->severity) *
			      ANALYSIS_NKINDS + f->kind]++;
		d->listed[p] = f;
		d->number[i] = p + 1;
	}
}

/* Open first, then the higher severity, then as recorded (the pointers
 * are in recorded order, so the address breaks ties). */
static int dg_gap_cmp(const void *x, const void *y)
{
	const struct model_gap *a = *(const struct model_gap *const *)x;
	const struct model_gap *b = *(const struct model_gap *const *)y;
	if (a->status != b->status)
		return a->status == MODEL_OPEN ? -1 : 1;
	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	return a < b ? -1 : a > b;
}

static void dg_gaps(struct digest *d, const struct model_map *m)
{
	d->ngaps = m->ngaps;
	d->gaps = xcalloc(m->ngaps + 1, sizeof *d->gaps);
	for (size_t i = 0; i < m->ngaps; i++)
		d->gaps[i] = &m->gaps[i];
	qsort(d->gaps, d->ngaps, sizeof *d->gaps, dg_gap_cmp);
}

/* The most negative first, then journey order. */
struct dg_pain {
	const struct model_touchpoint *t;
	size_t order;
};

static int dg_pain_cmp(const void *x, const void *y)
{
	const struct dg_pain *a = x, *b = y;
	if (a->t->emotion != b->t->emotion)
		return a->t->emotion < b->t->emotion ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void dg_pains(struct digest *d, const struct model_map *m)
{
	struct dg_pain *v = xcalloc(d->ntouchpoints + 1, sizeof *v);
	size_t order = 0;
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			const struct model_touchpoint *t =
				&m->stages[i].touchpoints[j];
			if (t->has_emotion && t->emotion < 0)
				v[d->npains++] = (struct dg_pain){ t, order };
			order++;
		}
	qsort(v, d->npains, sizeof *v, dg_pain_cmp);
	d->pains = xcalloc(d->npains + 1, sizeof *d->pains);
	for (size_t i = 0; i < d->npains; i++)
		d->pains[i] = v[i].t;
	free(v);
}

/* Appends the items at positions pos[0..n) not taken yet. */
static size_t dg_take(const size_t *pos, size_t n, bool *taken,
		      size_t *order, size_t k)
{
	for (size_t i = 0; i < n; i++)
		if (!taken[pos[i]]) {
			taken[pos[i]] = true;
			order[k++] = pos[i];
		}
	return k;
}

static void dg_metrics(struct digest *d, const struct model_map *m)
{
	bool *taken = xcalloc(m->nmetrics + 1, sizeof *taken);
	size_t *order = xcalloc(m->nmetrics + 1, sizeof *order), k = 0, n;
	const size_t *pos = plan_index_metrics(d->plan, 0, &n);
	k = dg_take(pos, n, taken, order, k);
	for (size_t i = 0; i < m->nstages; i++)
		for (size_t j = 0; j < m->stages[i].ntouchpoints; j++) {
			pos = plan_index_metrics(d->plan,
						 m->stages[i].touchpoints[j].id,
						 &n);
			k = dg_take(pos, n, taken, order, k);
		}
	for (size_t i = 0; i < m->nmetrics; i++)
		if (!taken[i])
			order[k++] = i;
	d->nmetrics = k;
	d->metrics = xcalloc(k + 1, sizeof *d->metrics);
	for (size_t i = 0; i < k; i++)
		d->metrics[i] = &m->metrics[order[i]];
	free(order);
	free(taken);
}

static size_t dg_voices_of(const struct digest *d, enum model_ref_kind kind,
			   int64_t id, bool *taken, size_t *order, size_t k)
{
	size_t n;
	const size_t *pos = plan_index_voices(d->plan,
					      (struct model_ref){ kind, id },
					      &n);
	return dg_take(pos, n, taken, order, k);
}

static void dg_voices(struct digest *d, const struct model_map *m)
{
	bool *taken = xcalloc(m->nvoices + 1, sizeof *taken);
	size_t *order = xcalloc(m->nvoices + 1, sizeof *order), k = 0;
	k = dg_voices_of(d, MODEL_REF_MAP, 0, taken, order, k);
	for (size_t i = 0; i < m->nstages; i++) {
		const struct model_stage *sg = &m->stages[i];
		k = dg_voices_of(d, MODEL_REF_STAGE, sg->id, taken, order, k);
		for (size_t j = 0; j < sg->ntouchpoints; j++)
			k = dg_voices_of(d, MODEL_REF_TOUCHPOINT,
					 sg->touchpoints[j].id, taken, order,
					 k);
	}
	for (size_t i = 0; i < m->ngaps; i++)
		k = dg_voices_of(d, MODEL_REF_GAP, m->gaps[i].id, taken, order,
				 k);
	for (size_t i = 0; i < m->nvoices; i++)
		if (!taken[i])
			order[k++] = i;
	d->nvoices = k;
	d->voices = xcalloc(k + 1, sizeof *d->voices);
	for (size_t i = 0; i < k; i++)
		d->voices[i] = &m->voices[order[i]];
	free(order);
	free(taken);
}

void digest_make(struct digest *d, const struct model_map *m)
{
	memset(d, 0, sizeof *d);
	struct analysis_options o;
	analysis_options_init(&o);	/* today's date: plan_today */
	memcpy(d->today, o.today, sizeof d->today);
	d->a = analysis_run(m, &o);
	dg_counts(d, m);
	dg_findings(d);
	dg_listed(d);
	dg_gaps(d, m);
	dg_pains(d, m);
	d->plan = plan_index_new(m);
	dg_metrics(d, m);
	dg_voices(d, m);
}

void digest_free(struct digest *d)
{
	analysis_free(d->a);
	free(d->findings);
	free(d->listed);
	free(d->number);
	free(d->gaps);
	free(d->pains);
	free(d->metrics);
	free(d->voices);
	plan_index_free(d->plan);
	memset(d, 0, sizeof *d);
}

void digest_counts(struct buf *b, const struct digest *d)
{
	const char *dot = " \xc2\xb7 ";	/* U+00B7 middle dot */
	buf_addf(b, ngettext("%zu stage", "%zu stages", d->nstages),
		 d->nstages);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu touchpoint", "%zu touchpoints",
			     d->ntouchpoints), d->ntouchpoints);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu unowned", "%zu unowned", d->nunowned),
		 d->nunowned);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu open gap", "%zu open gaps", d->nopen_gaps),
		 d->nopen_gaps);
	buf_add(b, dot);
	buf_addf(b, ngettext("%zu open silo", "%zu open silos",
			     d->nopen_silos), d->nopen_silos);
}

static void dg_findings_fact(struct buf *b, const struct digest *d)
{
	if (d->nfindings == 0)
		buf_add(b, _("cxmap finds nothing to act on in this map."));
	else
		buf_addf(b, ngettext("%zu finding to act on: %zu high, %zu "
				     "medium, %zu low.",
				     "%zu findings to act on: %zu high, %zu "
				     "medium, %zu low.", d->nfindings),
			 d->nfindings, d->by_severity[MODEL_SEV_HIGH],
			 d->by_severity[MODEL_SEV_MEDIUM],
			 d->by_severity[MODEL_SEV_LOW]);
	size_t nd = d->a->ndecided;
	if (nd) {
		buf_addc(b, ' ');
		buf_addf(b, ngettext("%zu more was accepted or dismissed by "
				     "a person.",
				     "%zu more were accepted or dismissed by "
				     "a person.", nd), nd);
	}
	buf_addc(b, '\n');
}

size_t digest_facts(struct buf *b, const struct digest *d)
{
	size_t n = 1;
	dg_findings_fact(b, d);
	if (d->nopen_gaps) {
		buf_addf(b, ngettext("%zu open gap (high: %zu).",
				     "%zu open gaps (high: %zu).",
				     d->nopen_gaps),
			 d->nopen_gaps, d->nopen_high_gaps);
		buf_addc(b, '\n');
		n++;
	}
	if (d->nopen_silos) {
		buf_addf(b, ngettext("%zu open silo between departments.",
				     "%zu open silos between departments.",
				     d->nopen_silos), d->nopen_silos);
		buf_addc(b, '\n');
		n++;
	}
	if (d->nunowned) {
		buf_addf(b, ngettext("%zu of %zu touchpoints has no owner.",
				     "%zu of %zu touchpoints have no owner.",
				     d->nunowned),
			 d->nunowned, d->ntouchpoints);
		buf_addc(b, '\n');
		n++;
	}
	if (d->nmeasured) {
		buf_addf(b, ngettext("%zu of %zu measured metrics is off "
				     "target.",
				     "%zu of %zu measured metrics are off "
				     "target.", d->noff_target),
			 d->noff_target, d->nmeasured);
		buf_addc(b, '\n');
		n++;
	}
	if (d->nlive_actions) {
		buf_addf(b, ngettext("%zu of %zu open actions is overdue.",
				     "%zu of %zu open actions are overdue.",
				     d->noverdue),
			 d->noverdue, d->nlive_actions);
		buf_addc(b, '\n');
		n++;
	}
	return n;
}

bool digest_where(struct buf *b, const struct model_map *m,
		  int64_t stage_id, int64_t tp_id)
{
	size_t si, ti;
	if (!model_locate(m, stage_id, tp_id, &si, &ti) || si == MODEL_NOWHERE)
		return false;
	buf_add_uint(b, si + 1);
	buf_add(b, ". ");
	buf_add(b, m->stages[si].name);
	if (ti != MODEL_NOWHERE) {
		buf_add(b, " \xe2\x80\xba ");	/* U+203A › */
		buf_add(b, m->stages[si].touchpoints[ti].name);
	}
	return true;
}
