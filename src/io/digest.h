/* digest.h - what a document about a map says first, worked out once for
 * every exporter (Markdown, HTML): the analysis, the counts of the
 * summary, the findings a reader acts on (worst first), the recorded gaps
 * in the order a reader needs them and the touchpoints that hurt.  Pure:
 * a function of the map and today's date (for overdue actions). */
#ifndef CX_DIGEST_H
#define CX_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/analysis.h"
#include "core/model.h"
#include "core/plan.h"
#include "util/buf.h"

struct digest {
	/* run with the default options and today's date (plan_today),
	 * a->findings sorted high first, journey order within */
	struct analysis *a;
	size_t nstages, ntouchpoints, nunowned, nmoments;
	size_t nopen_gaps, nopen_high_gaps, nopen_silos;
	/* findings nobody decided on, and of them by MODEL_SEV_* */
	size_t nfindings, by_severity[3];
	/* metrics (the journey's and the touchpoints') with a value and a
	 * target, and of them off target */
	size_t nmeasured, noff_target;
	size_t nlive_actions, noverdue;
	/* the undecided findings, pointing into a->findings: high first,
	 * journey order within a severity; the first three are "the worst
	 * problems" a summary names */
	const struct analysis_finding **findings;
	/* the same findings in the order a document's Findings section
	 * lists them: high first, then kind by kind (the analysis' kind
	 * order), journey order within; number[i] is findings[i]'s place
	 * in that list, from 1 */
	const struct analysis_finding **listed;
	size_t *number;
	/* every recorded gap: open before resolved, then high before low,
	 * then as recorded */
	const struct model_gap **gaps;
	size_t ngaps;
	/* touchpoints with a negative emotion: the most negative first,
	 * journey order within */
	const struct model_touchpoint **pains;
	size_t npains;
	/* every metric by where it is: the journey's first, then each
	 * touchpoint's in journey order (within an item, as the map lists
	 * them); a metric of a touchpoint that is gone comes last */
	const struct model_metric **metrics;
	size_t nmetrics;
	/* every voice grouped by what it is about: the map's, then each
	 * stage's followed by its touchpoints', in journey order, then the
	 * gaps' (as recorded); anything else last, as the map lists it */
	const struct model_voice **voices;
	size_t nvoices;
	/* which metrics, voices and actions belong to which item */
	struct plan_index *plan;
	char today[11];
};

/* Fills d for m (which must outlive d). */
void digest_make(struct digest *d, const struct model_map *m);
void digest_free(struct digest *d);

/* The summary in words, translated, as plain text (escape it for the
 * format; nothing from the map is in these): the counts line ("6 stages
 * \u00b7 17 touchpoints \u00b7 2 unowned \u00b7 3 open gaps \u00b7 1
 * open silo") and the key figures, one sentence each (the findings by
 * severity and how many are decided; open gaps, high ones; open silos;
 * unowned touchpoints; metrics off target; overdue actions) -- the
 * figures that are zero and say nothing are left out (a map with no
 * metrics has no metrics sentence).  Each appended to b, which the
 * caller frees; digest_facts returns how many sentences it wrote and
 * ends each with a '\n'. */
void digest_counts(struct buf *b, const struct digest *d);

/* Where an item is, as plain text appended to b: "2. Stage \u203a
 * Touchpoint" or "2. Stage" (the stage's number and name, the
 * touchpoint's name, raw: escape them for the format).  False, with
 * nothing appended, when the ids name no stage: the whole map. */
bool digest_where(struct buf *b, const struct model_map *m,
		  int64_t stage_id, int64_t tp_id);
size_t digest_facts(struct buf *b, const struct digest *d);

#endif
