/* testscreen.h - a headless 160x40 curses screen for the Check suites
 * that drive the interface (check_views, check_frames). */
#ifndef CX_TESTSCREEN_H
#define CX_TESTSCREEN_H

#include <curses.h>

/* Starts it (output and input are /dev/null); delscreen() ends it. */
SCREEN *ts_screen_start(void);

#endif
