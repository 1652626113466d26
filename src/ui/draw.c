/* draw.c - width-aware, escape-proof text drawing. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui/draw.h"
#include "ui/term.h"
#include "util/text.h"

#define DRAW_MAX 512	/* characters drawn in one call: wider than any screen */

/* Outside a UTF-8 locale: the ASCII look-alike of common punctuation in
 * messages and names (quotes, dashes, dots), else '?'. */
static wchar_t draw_ascii(unsigned cp)
{
	if (cp < 0x80)
		return (wchar_t)cp;
	switch (cp) {
	case 0x201c: case 0x201d: case 0x201e: case 0xab: case 0xbb:
		return L'"';
	case 0x2018: case 0x2019: case 0x201a:
		return L'\'';
	case 0x2013: case 0x2014: case 0x2212:
		return L'-';
	case 0xb7: case 0x2022: case 0x2026:
		return L'.';
	case 0xa0:
		return L' ';
	case 0x2192:
		return L'>';
	case 0x2260:
		return L'#';
	default:
		return L'?';
	}
}

/* The next character of s as something safe to draw, with its width. */
static size_t draw_next(const char *s, size_t len, wchar_t *wc, int *w)
{
	size_t n = text_utf8_seq(s, len);
	unsigned cp = 0xfffd;
	if (n)
		text_utf8_decode(s, &cp);
	else
		n = 1;
	if (text_is_unsafe(cp))
		cp = 0xfffd;
	if (!term_utf8()) {
		*wc = draw_ascii(cp);
		*w = 1;
		return n;
	}
	int cw = wcwidth((wchar_t)cp);
	if (cw < 0) {
		cp = 0xfffd;
		cw = 1;
	}
	*wc = (wchar_t)cp;
	*w = cw;
	return n;
}

int draw_width(const char *s)
{
	size_t len = strcspn(s, "\n");
	int total = 0;
	for (size_t i = 0; i < len;) {
		wchar_t wc;
		int w;
		i += draw_next(s + i, len - i, &wc, &w);
		total += w;
	}
	return total;
}

int draw_text(int y, int x, const char *s, int width, attr_t attr)
{
	if (width <= 0 || !s)
		return 0;
	wchar_t buf[DRAW_MAX + 2];
	size_t len = strcspn(s, "\n"), nb = 0;
	int used = 0;
	bool cut = false;
	for (size_t i = 0; i < len && nb < DRAW_MAX;) {
		wchar_t wc;
		int w;
		i += draw_next(s + i, len - i, &wc, &w);
		if (used + w > width || (used + w == width && i < len &&
					 draw_width(s + i) > 0)) {
			cut = true;
			break;
		}
		buf[nb++] = wc;
		used += w;
	}
	if (cut) {
		/* make room for the ellipsis */
		while (nb > 0 && used + 1 > width) {
			wchar_t wc = buf[--nb];
			int w = term_utf8() ? wcwidth(wc) : 1;
			used -= w > 0 ? w : 0;
		}
		wchar_t e;
		int ew;
		draw_next(term_glyph(G_ELLIPSIS), 4, &e, &ew);
		buf[nb++] = e;
		used += 1;
	}
	buf[nb] = L'\0';
	attr_t old;
	short pair;
	attr_get(&old, &pair, NULL);
	attrset(attr);
	mvaddnwstr(y, x, buf, (int)nb);
	attrset(old);
	return used;
}

void draw_fill(int y, int x, int width, const char *glyph, attr_t attr)
{
	const char *g = glyph ? glyph : " ";
	size_t len = strlen(g);
	wchar_t wc;
	int w;
	/* one character one cell wide: one call for the run (a call a cell
	 * was most of a frame), cut at the screen's edge as cell by cell */
	if (x >= 0 && len && draw_next(g, len, &wc, &w) == len && w == 1) {
		if (width > COLS - x)
			width = COLS - x;
		wchar_t buf[DRAW_MAX];
		for (int i = 0; i < width && i < DRAW_MAX; i++)
			buf[i] = wc;
		if (width <= 0)
			return;
		attr_t old;
		short pair;
		attr_get(&old, &pair, NULL);
		attrset(attr);
		mvaddnwstr(y, x, buf, width < DRAW_MAX ? width : DRAW_MAX);
		attrset(old);
		return;
	}
	for (int i = 0; i < width; i++)
		draw_text(y, x + i, g, 1, attr);
}

void draw_clear_rows(int y, int h)
{
	for (int i = 0; i < h && y + i < LINES; i++) {
		move(y + i, 0);
		clrtoeol();
	}
}

void draw_field(int y, int x, const char *s, int width, attr_t attr)
{
	int used = draw_text(y, x, s, width, attr);
	if (used < width)
		draw_fill(y, x + used, width - used, NULL, attr);
}

size_t draw_wrap(const char *s, int width, size_t *starts, size_t max)
{
	size_t n = 0, len = strlen(s), i = 0;
	while (i < len && n < max) {
		starts[n++] = i;
		int used = 0;
		size_t brk = 0, j = i;
		while (j < len) {
			wchar_t wc;
			int w;
			size_t k = draw_next(s + j, len - j, &wc, &w);
			if (used + w > width)
				break;
			used += w;
			j += k;
			if (wc == L' ')
				brk = j;
		}
		if (j >= len)
			break;
		i = brk > i ? brk : (j > i ? j : i + 1);
	}
	starts[n] = len;	/* the last line takes what is left */
	return n;
}
