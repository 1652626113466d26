/* export_md.h - a map as a Markdown document for forges, wikis and git
 * diffs: the journey as a Mermaid diagram and one table per stage, the
 * ownership matrix, and the recorded gaps and silos.  Pure: no file; the
 * headings follow the current language (gettext). */
#ifndef CX_EXPORT_MD_H
#define CX_EXPORT_MD_H

#include <stdio.h>

#include "core/model.h"

/* The document (malloc'd, ends with a newline).  The same map in the same
 * language gives the same bytes.  Whatever the names hold, the result is
 * well-formed GitHub-flavoured Markdown: every table keeps its columns,
 * nothing in a name becomes markup, raw HTML or a link, the Mermaid block
 * parses, and no control character but the line feed is in it. */
char *export_markdown(const struct model_map *m);
/* The same document written to out in large chunks as it is made (the
 * memory it takes does not grow with the map); flushes out.  Returns 0,
 * or the errno of the first failed write. */
int export_markdown_write(const struct model_map *m, FILE *out);

/* Several maps in one document (export --all): a title, a contents list
 * linking to each map's section (by the anchors GitHub gives headings),
 * and one section per map, its headings a level lower and followed by
 * the map's name so that no two headings read the same. */
char *export_markdown_all(const struct model_map *const *maps, size_t n);

/* A heading (title) and the table of actions the map's document has,
 * of these actions in this order (cxmap actions --format markdown);
 * "today" for the overdue mark is plan_today's. */
char *export_markdown_actions(const struct model_map *m, const char *title,
			      const struct model_action *list, size_t n);

#endif
