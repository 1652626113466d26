/* report_text.h - what the text reports (cxmap gaps, cxmap actions)
 * share: widths of text on a terminal, padding and cutting to a width. */
#ifndef CX_REPORT_TEXT_H
#define CX_REPORT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Columns a string takes on a terminal (wcwidth, the locale's
 * LC_CTYPE); characters of unknown width count as one. */
size_t report_width(const char *s);
/* s padded with spaces to `width` columns, on the left when right. */
void report_pad(struct buf *b, const char *s, size_t width, bool right);
/* s cut to at most `width` columns, ending in "…" when cut, padded to
 * `width` unless last (the end of a line: no trailing spaces). */
void report_fit(struct buf *b, const char *s, size_t width, bool last);

#endif
