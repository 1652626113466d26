/* export_html_text.c - text from the map, escaped for HTML. */
#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "io/export_html_private.h"
#include "util/text.h"

/* The bytes hs_escape replaces: & < > " ' and the line feed. */
static bool hs_special[256] = {
	['&'] = true, ['<'] = true, ['>'] = true, ['"'] = true,
	['\''] = true, ['\n'] = true };

/* s (already printable) with & < > " ' as character references; runs
 * that need none copied whole (skipped eight bytes at a time: names are
 * mostly plain). */
static void hs_escape(struct buf *b, const char *s, size_t len, bool lines)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t run = 0, i = 0;
	for (;;) {
		while (i + 8 <= len &&
		       !(hs_special[u[i]] | hs_special[u[i + 1]] |
			 hs_special[u[i + 2]] | hs_special[u[i + 3]] |
			 hs_special[u[i + 4]] | hs_special[u[i + 5]] |
			 hs_special[u[i + 6]] | hs_special[u[i + 7]]))
			i += 8;
		while (i < len && !hs_special[u[i]])
			i++;
		if (i >= len)
			break;
		const char *ref;
		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		default: ref = lines ? "<br>\n" : " "; break;	/* '\n' */
		}
		buf_addn(b, s + run, i - run);
		buf_add(b, ref);
		run = ++i;
	}
	buf_addn(b, s + run, len - run);
}

static void hs_add(struct buf *b, const char *s, bool lines)
{
	size_t len = strlen(s);
	if (text_plain_span(s, len) == len) {
		hs_escape(b, s, len, lines);
		return;
	}
	struct buf tmp = { 0 };
	text_printable_add(&tmp, s, len, lines);
	hs_escape(b, tmp.data, tmp.len, lines);
	buf_free(&tmp);
}

void hs_text(struct buf *b, const char *s)
{
	hs_add(b, s, false);
}

void hs_text_lines(struct buf *b, const char *s)
{
	hs_add(b, s, true);
}
