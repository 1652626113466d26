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
/* Where to break s into lines of at most `width` cells, at spaces when
 * it can: fills starts[] (byte offsets; room for max + 1) and returns the
 * number of lines, at most max; line k is s[starts[k] .. starts[k + 1]),
 * the last one taking whatever is left. */
size_t draw_wrap(const char *s, int width, size_t *starts, size_t max);
/* Fills `width` cells with a glyph or a space. */
void draw_fill(int y, int x, int width, const char *glyph, attr_t attr);
/* Blanks whole rows: a dialog clears the rows it covers from edge to
 * edge, so no cut-off piece of the view behind (half a word, a wide
 * character's half) shows beside it. */
void draw_clear_rows(int y, int h);

#endif
