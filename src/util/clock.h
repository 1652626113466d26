/* clock.h - the time of day, with a fixed clock for the tests. */
#ifndef CX_CLOCK_H
#define CX_CLOCK_H

#include <stdint.h>

/* Seconds since the epoch: time(NULL), unless CXMAP_TEST_NOW holds a
 * number, which is then the time -- so that the golden-screen tests
 * (tests/screens.c) get the same history and presence on every run. */
int64_t clock_now(void);

#endif
