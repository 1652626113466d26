/* testscreen.c - see testscreen.h. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "testscreen.h"

SCREEN *ts_screen_start(void)
{
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "160", 1);
	setenv("TERM", "xterm-256color", 1);
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	ck_assert(out && in);
	SCREEN *screen = newterm(NULL, out, in);
	ck_assert(screen != NULL);
	return screen;
}
