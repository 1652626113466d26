/* text.c - UTF-8 validation, decoding and escaping (RFC 3629 rules). */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "util/text.h"
#include "util/xalloc.h"

static size_t text_lead_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return 2;
	if (c >= 0xe0 && c <= 0xef)
		return 3;
	if (c >= 0xf0 && c <= 0xf4)
		return 4;
	return 0;
}

size_t text_utf8_seq(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = len ? text_lead_len(p[0]) : 0;
	if (n == 0 || n > len)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* overlong 3/4-byte forms, surrogates, beyond U+10FFFF */
	if (n > 2 && ((p[0] == 0xe0 && p[1] < 0xa0) ||
		      (p[0] == 0xed && p[1] > 0x9f) ||
		      (p[0] == 0xf0 && p[1] < 0x90) ||
		      (p[0] == 0xf4 && p[1] > 0x8f)))
		return 0;
	return n;
}

bool text_utf8_valid(const char *s, size_t len)
{
	for (size_t i = 0, n; i < len; i += n)
		if ((n = text_utf8_seq(s + i, len - i)) == 0)
			return false;
	return true;
}

size_t text_utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = text_lead_len(*p);
	if (n <= 1) {
		*cp = *p;
		return 1;
	}
	unsigned v = *p & (0xffu >> (n + 1));
	for (size_t i = 1; i < n; i++)
		v = (v << 6) | (p[i] & 0x3f);
	*cp = v;
	return n;
}

/* Unicode's White_Space, and the zero-width characters that show nothing
 * at the edge of a name (ZWSP, ZWNJ, ZWJ, word joiner, BOM, Mongolian
 * vowel separator): what trimming removes. */
static bool text_is_space(unsigned cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || cp == ' ' || cp == 0x85 ||
	       cp == 0xa0 || cp == 0x1680 || cp == 0x180e ||
	       (cp >= 0x2000 && cp <= 0x200d) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x2060 ||
	       cp == 0x3000 || cp == 0xfeff;
}

/* Spaces, and characters a terminal or a browser draws as nothing
 * (Unicode's Default_Ignorable_Code_Point and the Hangul fillers): a name
 * made only of these would show as an empty heading or cell. */
static bool text_is_invisible(unsigned cp)
{
	return text_is_space(cp) || cp == 0xad || cp == 0x34f ||
	       cp == 0x61c || cp == 0x115f || cp == 0x1160 ||
	       cp == 0x17b4 || cp == 0x17b5 ||
	       (cp >= 0x180b && cp <= 0x180f) ||
	       (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0x3164 ||
	       (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xffa0 ||
	       (cp >= 0x1bca0 && cp <= 0x1bca3) ||
	       (cp >= 0x1d173 && cp <= 0x1d17a) ||
	       (cp >= 0xe0000 && cp <= 0xe0fff);
}

/* The code point at s[i] (len bytes left) if it is well-formed and
 * matches `is`; its length, else 0. */
static size_t text_match(const char *s, size_t len, bool (*is)(unsigned))
{
	size_t n = text_utf8_seq(s, len);
	unsigned cp;
	if (n == 0)
		return 0;
	text_utf8_decode(s, &cp);
	return is(cp) ? n : 0;
}

char *text_trim(char *s)
{
	size_t len = strlen(s), start = 0, end = 0, n;
	while (start < len && (n = text_match(s + start, len - start,
					       text_is_space)))
		start += n;
	for (size_t i = start; i < len; i += n) {
		n = text_match(s + i, len - i, text_is_space);
		if (n == 0) {
			size_t seq = text_utf8_seq(s + i, len - i);
			n = seq ? seq : 1;
			end = i + n;
		}
	}
	end = end > start ? end : start;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

bool text_blank(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0, n; i < len; i += n)
		if ((n = text_match(s + i, len - i, text_is_invisible)) == 0)
			return false;
	return true;
}

bool text_is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

/* Embeddings, overrides and isolates reorder what a terminal shows. */
static bool text_is_bidi_control(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The line and paragraph separators break lines in some terminals and
 * end a line in JavaScript, where JSON is often pasted. */
bool text_is_unsafe(unsigned cp)
{
	return text_is_control(cp) || text_is_bidi_control(cp) ||
	       cp == 0x2028 || cp == 0x2029;
}

static bool text_is_line_break(unsigned cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 ||
	       cp == 0x2029;
}

/* How a piece of text is made safe: escaped for a terminal line (every
 * control and layout character visible), or printable for a document
 * (line breaks kept or made spaces, tabs made spaces). */
enum text_mode { TEXT_ESCAPE, TEXT_PRINTABLE, TEXT_PRINTABLE_LINES };

static char *text_rewrite(const char *s, enum text_mode mode)
{
	size_t len = strlen(s), o = 0;
	char *out = xmalloc(len * 6 + 1);
	for (size_t i = 0; i < len;) {
		size_t n = text_utf8_seq(s + i, len - i);
		unsigned cp = 0;
		if (n == 0) {
			o += (size_t)sprintf(out + o, "\\x%02x",
					     (unsigned char)s[i]);
			i++;
			continue;
		}
		text_utf8_decode(s + i, &cp);
		if (mode == TEXT_ESCAPE && (cp == '\n' || cp == '\t')) {
			out[o++] = '\\';
			out[o++] = cp == '\n' ? 'n' : 't';
		} else if (mode != TEXT_ESCAPE && cp == '\r' && i + 1 < len &&
			   s[i + 1] == '\n') {
			i++;	/* CR LF is one break */
			continue;
		} else if (mode != TEXT_ESCAPE && text_is_line_break(cp)) {
			out[o++] = mode == TEXT_PRINTABLE_LINES ? '\n' : ' ';
		} else if (mode != TEXT_ESCAPE &&
			   (cp == '\t' || cp == '\v' || cp == '\f')) {
			out[o++] = ' ';
		} else if (text_is_unsafe(cp)) {
			o += (size_t)sprintf(out + o, cp < 0x80 ? "\\x%02x"
					     : "\\u%04x", cp);
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
		i += n;
	}
	out[o] = '\0';
	return out;
}

char *text_escape_controls(const char *s)
{
	return text_rewrite(s, TEXT_ESCAPE);
}

char *text_printable(const char *s, bool keep_newlines)
{
	return text_rewrite(s, keep_newlines ? TEXT_PRINTABLE_LINES
					     : TEXT_PRINTABLE);
}

char *text_json_safe(const char *json)
{
	size_t len = strlen(json), o = 0;
	char *out = xmalloc(len * 6 + 1);
	for (size_t i = 0; i < len;) {
		size_t n = text_utf8_seq(json + i, len - i);
		unsigned cp = 0;
		if (n)
			text_utf8_decode(json + i, &cp);
		if (n && cp >= 0x7f && text_is_unsafe(cp)) {
			o += (size_t)sprintf(out + o, "\\u%04x", cp);
			i += n;
			continue;
		}
		n = n ? n : 1;
		memcpy(out + o, json + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	return out;
}

size_t text_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int text_collate(const char *a, const char *b)
{
	int d = strcoll(a, b);
	return d ? d : strcmp(a, b);
}
