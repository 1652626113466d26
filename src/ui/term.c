/* term.c - curses set-up, colours by meaning, signals. */
#include <config.h>

#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/term.h"

static volatile sig_atomic_t term_quit;
static bool term_is_utf8, term_has_colour, term_started;
static int term_in_fd;	/* where keys come from */

static void term_on_signal(int sig)
{
	(void)sig;
	term_quit = 1;
}

bool term_should_quit(void)
{
	return term_quit != 0;
}

bool term_input_ended(void)
{
	/* hung up with nothing left to read: no key will ever come */
	struct pollfd p = { .fd = term_in_fd, .events = POLLIN };
	if (poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) &&
	    !(p.revents & POLLIN))
		term_quit = 1;
	return term_quit != 0;
}

bool term_utf8(void)
{
	return term_is_utf8;
}

bool term_colour(void)
{
	return term_has_colour;
}

static void term_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = term_on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal wakes the blocked read at once */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void term_colours(void)
{
	const char *nc = getenv("NO_COLOR");
	term_has_colour = has_colors() && !(nc && *nc);
	if (!term_has_colour)
		return;
	start_color();
	use_default_colors();
	init_pair(TERM_HEADER, COLOR_BLACK, COLOR_CYAN);
	init_pair(TERM_BAR_KEY, COLOR_BLACK, COLOR_CYAN);
	init_pair(TERM_UNOWNED, COLOR_RED, -1);
	init_pair(TERM_GAP, COLOR_RED, -1);
	init_pair(TERM_SILO, COLOR_MAGENTA, -1);
	init_pair(TERM_ERROR, COLOR_RED, -1);
	init_pair(TERM_DIM, COLOR_BLUE, -1);
	init_pair(TERM_CURVE, COLOR_YELLOW, -1);
	static const short dept[8] = { COLOR_BLUE, COLOR_GREEN, COLOR_MAGENTA,
				       COLOR_CYAN, COLOR_YELLOW, COLOR_RED,
				       COLOR_WHITE, COLOR_GREEN };
	for (int i = 0; i < 8; i++)
		init_pair((short)(TERM_DEPT + i), dept[i], -1);
}

/* Everything after the screen exists. */
/* The cursor shows only while a person types into a line.  Hidden, it is
 * left where the last drawing put it (leaveok): moving it to the
 * window's cursor after every update cost ten bytes a key. */
void term_cursor(bool visible)
{
	curs_set(visible ? 1 : 0);
	leaveok(stdscr, !visible);
}

static void term_setup(int in_fd, bool mouse)
{
	term_in_fd = in_fd;
	term_started = true;
	term_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	term_cursor(false);
	term_colours();
	if (mouse) {
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
			  BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
}

/* Before the screen exists. */
static void term_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	term_is_utf8 = cs && strcmp(cs, "UTF-8") == 0;
	/* Esc should cancel at once, not after a second's wait. */
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
}

bool term_start(bool mouse)
{
	term_locale();
	if (!initscr())
		return false;
	term_setup(0, mouse);
	return true;
}

bool term_start_files(FILE *out, FILE *in)
{
	term_locale();
	term_quit = 0;
	if (!newterm(NULL, out, in))
		return false;
	term_setup(fileno(in), false);
	return true;
}

void term_stop(void)
{
	if (!term_started)
		return;
	term_started = false;
	curs_set(1);
	endwin();
}

attr_t term_attr(enum term_pair p)
{
	if (term_has_colour) {
		attr_t a = COLOR_PAIR(p);
		if (p == TERM_UNOWNED || p == TERM_ERROR || p == TERM_BAR_KEY)
			a |= A_BOLD;
		return a;
	}
	switch (p) {
	case TERM_HEADER:
	case TERM_BAR_KEY:
		return A_REVERSE;
	case TERM_UNOWNED:
	case TERM_ERROR:
	case TERM_GAP:
		return A_BOLD;
	case TERM_SILO:
		return A_UNDERLINE;
	default:
		return A_NORMAL;
	}
}

attr_t term_dept_attr(int colour)
{
	if (!term_has_colour)
		return A_NORMAL;
	return COLOR_PAIR(TERM_DEPT + (colour & 7)) | (colour == 6 ? A_BOLD : 0);
}

const char *term_glyph(enum term_glyph g)
{
	static const char *const utf8[G_COUNT] = { "─", "│", "…", "◀", "▶",
						   "●", "·", "≠", "↓", "◆", " · ",
						   "■" };
	static const char *const ascii[G_COUNT] = { "-", "|", "~", "<", ">",
						    "*", ".", "#", "v", "^", " | ",
						    "#" };
	return term_is_utf8 ? utf8[g] : ascii[g];
}
