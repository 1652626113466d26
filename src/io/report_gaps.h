/* report_gaps.h - the "cxmap gaps" report (doc/GAPS.md): a map's recorded
 * gaps and silos, what an analysis found, and its ownership and handoff
 * matrices, as text for people or JSON for scripts.  Pure, like the
 * exporters: no file, no store; the caller runs (and sorts) the
 * analysis, and writes the text where it belongs. */
#ifndef CX_REPORT_GAPS_H
#define CX_REPORT_GAPS_H

#include <stdio.h>

#include "core/analysis.h"
#include "core/model.h"

#define REPORT_GAPS_JSON_VERSION 2

enum report_gaps_format { REPORT_GAPS_TEXT, REPORT_GAPS_JSON };

/* The report (malloc'd, ends with a newline).  Findings are listed in
 * the analysis's order; those with a decision apart, as decisions.  Text: translated, names with control characters
 * escaped, columns padded by terminal width (wcwidth, so the locale's
 * LC_CTYPE).  JSON: keys and kinds stable, descriptions translated, no
 * control character raw. */
char *report_gaps(const struct model_map *m, const struct analysis *an,
		  enum report_gaps_format format);
/* The same report written to out in large chunks as it is made (memory
 * does not grow with it); flushes out.  Returns 0, or the errno of the
 * first failed write. */
int report_gaps_write(const struct model_map *m, const struct analysis *an,
		      enum report_gaps_format format, FILE *out);

#endif
