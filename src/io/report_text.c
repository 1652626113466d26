/* report_text.c - text widths for the reports (report_text.h). */
#include <config.h>

#include <wchar.h>

#include "io/report_text.h"
#include "util/text.h"

static size_t rt_char_width(unsigned cp)
{
	int cw = wcwidth((wchar_t)cp);
	return cw < 0 ? 1 : (size_t)cw;
}

size_t report_width(const char *s)
{
	size_t w = 0;
	while (*s) {
		unsigned cp;
		s += text_utf8_decode(s, &cp);
		w += rt_char_width(cp);
	}
	return w;
}

static void rt_spaces(struct buf *b, size_t n)
{
	static const char spaces[] = "                                ";
	for (size_t k = n; k > 0; k -= k < 32 ? k : 32)
		buf_addn(b, spaces, k < 32 ? k : 32);
}

void report_pad(struct buf *b, const char *s, size_t width, bool right)
{
	size_t w = report_width(s), pad = width > w ? width - w : 0;
	if (right)
		rt_spaces(b, pad);
	buf_add(b, s);
	if (!right)
		rt_spaces(b, pad);
}

void report_fit(struct buf *b, const char *s, size_t width, bool last)
{
	size_t w = report_width(s);
	if (w <= width) {
		buf_add(b, s);
		if (!last)
			rt_spaces(b, width - w);
		return;
	}
	/* whole characters up to width - 1 columns, then the ellipsis */
	size_t used = 0;
	const char *p = s;
	while (*p && width > 0) {
		unsigned cp;
		size_t n = text_utf8_decode(p, &cp);
		size_t cw = rt_char_width(cp);
		if (used + cw > width - 1)
			break;
		buf_addn(b, p, n);
		used += cw;
		p += n;
	}
	if (width > 0) {
		buf_add(b, "\xe2\x80\xa6");	/* U+2026 … */
		used++;
	}
	if (!last && used < width)
		rt_spaces(b, width - used);
}
