/* draw.h - drawing text by display width, safely.
 *
 * Names come from a file anyone may write: control characters and escape
 * sequences are drawn as a visible replacement, never sent raw.  Widths
 * are display cells (CJK and emoji two, combining marks none). */
#ifndef CX_DRAW_H
#define CX_DRAW_H

#include <curses.h>

/* Draws s at (y, x) in at most `width` cells, cut with an ellipsis when
 * longer; stops at a newline.  Returns the cells used. */
int draw_text(int y, int x, const char *s, int width, attr_t attr);
/* Like draw_text, then fills the rest of the width with spaces. */
void draw_field(int y, int x, const char *s, int width, attr_t attr);
/* Display width of s (up to a newline). */
int draw_width(const char *s);
/* Fills `width` cells with a glyph or a space. */
void draw_fill(int y, int x, int width, const char *glyph, attr_t attr);

#endif
