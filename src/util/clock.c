/* clock.c - the time of day, with a fixed clock for the tests. */
#include <config.h>

#include <stdlib.h>
#include <time.h>

#include "util/clock.h"

int64_t clock_now(void)
{
	const char *fixed = getenv("CXMAP_TEST_NOW");
	if (fixed && *fixed) {
		char *end;
		long long t = strtoll(fixed, &end, 10);
		if (!*end)
			return (int64_t)t;
	}
	return (int64_t)time(NULL);
}
