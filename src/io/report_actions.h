/* report_actions.h - "cxmap actions": a map's backlog of improvement
 * actions by priority (plan_action_compare), filtered as a department
 * head needs it for a stand-up, as text for people, JSON for scripts or
 * Markdown for a wiki.  Pure, like the exporters: no file, no store. */
#ifndef CX_REPORT_ACTIONS_H
#define CX_REPORT_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/model.h"

#define REPORT_ACTIONS_JSON_VERSION 1

enum report_actions_format { REPORT_ACTIONS_TEXT, REPORT_ACTIONS_JSON,
			     REPORT_ACTIONS_MARKDOWN };

struct report_actions_filter {
	int64_t department;	/* the accountable department; 0: any */
	unsigned statuses;	/* 1u << enum model_action_status; 0: the
				 * live ones (idea, planned, doing) */
	bool overdue;	/* only those overdue */
	char today[11];	/* "YYYY-MM-DD" (plan_today) */
};

/* The actions the filter keeps, by priority: shallow copies (the map
 * owns their texts) in a malloc'd array of *n (NULL when none). */
struct model_action *report_actions_select(const struct model_map *m,
					   const struct report_actions_filter *f,
					   size_t *n);

/* The report (malloc'd, ends with a newline).  Text: translated, names
 * with control characters escaped, columns padded by terminal width;
 * `width` > 0 (a terminal's) cuts the widest text columns with "…" so
 * that lines fit, 0 leaves them whole (for pipes).  JSON: stable keys,
 * no control character raw.  Markdown: export_markdown_actions. */
char *report_actions(const struct model_map *m,
		     const struct report_actions_filter *f,
		     enum report_actions_format format, size_t width);

#endif
