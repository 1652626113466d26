/* analysis_private.h - what analysis.c shares with analysis_query.c
 * and nobody else. */
#ifndef CX_ANALYSIS_PRIVATE_H
#define CX_ANALYSIS_PRIVATE_H

#include "core/analysis.h"

/* The flat list of findings in journey order, built now if an update
 * left it to be built (the analysis stays logically const). */
const struct analysis_finding *an_flat(const struct analysis *a);
/* Counts f in s: one more finding, its kind, the worst severity. */
void an_mark(struct analysis_summary *s, const struct analysis_finding *f);

#endif
