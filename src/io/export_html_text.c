/* export_html_text.c - text from the map, escaped for HTML. */
#include <config.h>

#include <string.h>

#include "io/export_html_private.h"
#include "util/text.h"

/* s (already printable) with & < > " ' as character references; runs
 * that need none copied whole. */
static void hs_escape(struct buf *b, const char *s, size_t len, bool lines)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		const char *ref;
		switch (s[i]) {
		case '&': ref = "&amp;"; break;
		case '<': ref = "&lt;"; break;
		case '>': ref = "&gt;"; break;
		case '"': ref = "&quot;"; break;
		case '\'': ref = "&#39;"; break;
		case '\n': ref = lines ? "<br>\n" : " "; break;
		default: continue;
		}
		buf_addn(b, s + run, i - run);
		buf_add(b, ref);
		run = i + 1;
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
