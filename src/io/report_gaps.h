/* report_gaps.h - the "cxmap gaps" report (doc/GAPS.md): a map's recorded
 * gaps and silos, what an analysis found, and its ownership and handoff
 * matrices, as text for people or JSON for scripts.  Pure, like the
 * exporters: no file, no store; the caller runs (and sorts) the
 * analysis, and writes the text where it belongs. */
#ifndef CX_REPORT_GAPS_H
#define CX_REPORT_GAPS_H

#include "core/analysis.h"
#include "core/model.h"

#define REPORT_GAPS_JSON_VERSION 1

enum report_gaps_format { REPORT_GAPS_TEXT, REPORT_GAPS_JSON };

/* The report (malloc'd, ends with a newline).  Findings are listed in
 * the analysis's order.  Text: translated, names with control characters
 * escaped, columns padded by terminal width (wcwidth, so the locale's
 * LC_CTYPE).  JSON: keys and kinds stable, descriptions translated, no
 * control character raw. */
char *report_gaps(const struct model_map *m, const struct analysis *an,
		  enum report_gaps_format format);

#endif
