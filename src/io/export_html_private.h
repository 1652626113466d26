/* export_html_private.h - what the HTML exporter's files share:
 * export_html_text.c (escaping), export_html.c (the page, its sections
 * and CSS) and export_html_svg.c (the emotion curve).  Not for other
 * modules. */
#ifndef CX_EXPORT_HTML_PRIVATE_H
#define CX_EXPORT_HTML_PRIVATE_H

#include <stddef.h>

#include "core/model.h"
#include "io/digest.h"
#include "util/buf.h"

/* export_html_text.c: text from the map as HTML text or an attribute
 * value: text_printable first (control characters and escape sequences
 * become visible text such as \x1b; line breaks spaces, or kept with
 * hs_text_lines as <br>), then & < > " ' as character references.
 * Nothing in a name can become markup. */
void hs_text(struct buf *b, const char *s);
void hs_text_lines(struct buf *b, const char *s);

/* export_html_svg.c: the emotion curve, an inline <svg> element
 * (viewBox, width 100%, role="img" with a <title>), appended to b. */
void hs_emotion_curve(struct buf *b, const struct model_map *m,
		      const struct digest *d);

#endif
