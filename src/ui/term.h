/* term.h - the terminal: set-up and tear-down, colours by meaning,
 * signals, and what the terminal can show. */
#ifndef CX_TERM_H
#define CX_TERM_H

#include <stdbool.h>
#include <stdio.h>

#include <curses.h>

/* Colour pairs by meaning; departments use TERM_DEPT + slot. */
enum term_pair {
	TERM_HEADER = 1, TERM_BAR_KEY, TERM_UNOWNED, TERM_GAP, TERM_SILO,
	TERM_ERROR, TERM_DIM, TERM_CURVE,
	TERM_DEPT,	/* .. TERM_DEPT + 7 */
};

/* The smallest terminal the interface draws in. */
#define TERM_MIN_COLS 40
#define TERM_MIN_LINES 12

/* mouse: report clicks and the wheel (opt-in: it takes the terminal's
 * own text selection away). */
bool term_start(bool mouse);
/* The same on a screen of the caller's (the golden-screen tests: keys
 * from a pipe, output to /dev/null; the size from $LINES and $COLUMNS). */
bool term_start_files(FILE *out, FILE *in);
void term_stop(void);
/* Shows the cursor where the screen's cursor is (typing), or hides it. */
void term_cursor(bool visible);
/* True once SIGHUP, SIGTERM or SIGINT arrived: leave the loop. */
bool term_should_quit(void);
/* After no key came: true (and from then on term_should_quit too) when
 * the input has hung up with nothing left to read -- a closed terminal
 * whose SIGHUP never came, or the end of a scripted test's keys. */
bool term_input_ended(void);
bool term_utf8(void);
bool term_colour(void);
/* The attribute for a meaning: a colour pair when colours are on,
 * else a monochrome stand-in (bold, underline) or nothing. */
attr_t term_attr(enum term_pair p);
attr_t term_dept_attr(int colour);

/* Symbols with ASCII stand-ins outside a UTF-8 locale. */
enum term_glyph { G_HLINE, G_VLINE, G_ELLIPSIS, G_LEFT, G_RIGHT, G_DOT,
		  G_BASE, G_SILO, G_DOWN, G_FINDING, G_SEP, G_BLOCK,
		  G_COUNT };
const char *term_glyph(enum term_glyph g);

#endif
