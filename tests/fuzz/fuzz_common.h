/* fuzz_common.h - what both fuzz targets check of the text they make. */
#ifndef CX_FUZZ_COMMON_H
#define CX_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

/* Aborts (a finding for libFuzzer) unless s is valid UTF-8 with no
 * control character but newlines: nothing a writer makes may drive a
 * terminal. */
static inline void fz_check_clean(const char *what, const char *s)
{
	size_t len = strlen(s);
	if (!text_utf8_valid(s, len)) {
		fprintf(stderr, "%s: invalid UTF-8\n", what);
		abort();
	}
	for (size_t i = 0; i < len;) {
		unsigned cp;
		i += text_utf8_decode(s + i, &cp);
		if (cp != '\n' && text_is_control(cp)) {
			fprintf(stderr, "%s: control U+%04X\n", what, cp);
			abort();
		}
	}
}

/* Aborts unless an HTML page is clean (above) and no name in it became
 * markup: the exporter writes none of these elements, and a '<' from a
 * name is always "&lt;", so none may appear.  (Words such as "onerror="
 * may: as text.) */
static inline void fz_check_html(const char *s)
{
	static const char *const never[] = { "<script", "<img", "<iframe",
					     "<object", "<embed", "<link",
					     "<meta http", "<base" };
	fz_check_clean("html", s);
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		if (strstr(s, never[i])) {
			fprintf(stderr, "html: %s in the page\n", never[i]);
			abort();
		}
}

#endif
