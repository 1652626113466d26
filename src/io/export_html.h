/* export_html.h - a map as one self-contained HTML page for people who
 * read it in a browser or print it: the summary, the journey as an
 * emotion curve and a stage x department grid, the findings, matrices,
 * gaps, silos and the plan -- the Markdown document's sections, in its
 * order, under the same headings.  Inline CSS and SVG only: no script,
 * no external reference.  Pure: no file; the language is the current
 * one (gettext). */
#ifndef CX_EXPORT_HTML_H
#define CX_EXPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "core/model.h"

/* The page (malloc'd).  The same map in the same language on the same
 * day gives the same bytes; nothing in a name becomes markup. */
char *export_html(const struct model_map *m);
/* The same page written to out in large chunks as it is made; flushes
 * out.  Returns 0, or the errno of the first failed write. */
int export_html_write(const struct model_map *m, FILE *out);
/* Several maps in one page (export --all): a contents list linking to
 * each map's section, then the sections. */
char *export_html_all(const struct model_map *const *maps, size_t n);

#endif
