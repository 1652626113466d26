/* text.c - UTF-8 validation, decoding and escaping (RFC 3629 rules). */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/buf.h"
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

size_t text_plain_span(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	size_t i = 0;
	while (i < len) {
		/* eight bytes at a time while none is >= 0x80, < 0x20 or DEL */
		for (uint64_t x; i + 8 <= len; i += 8) {
			memcpy(&x, p + i, 8);
			uint64_t y = x ^ (ones * 0x7f);
			if ((x & highs) || ((x - ones * 0x20) & ~x & highs) ||
			    ((y - ones) & ~y & highs))
				break;
		}
		if (i >= len)
			break;
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			i++;
			continue;
		}
		size_t n = p[i] < 0x80 ? 0 : text_utf8_seq(s + i, len - i);
		unsigned cp;
		if (n == 0 || (text_utf8_decode(s + i, &cp), text_is_unsafe(cp)))
			break;
		i += n;
	}
	return i;
}

/* How a piece of text is made safe: escaped for a terminal line (every
 * control and layout character visible), or printable for a document
 * (line breaks kept or made spaces, tabs made spaces). */
enum text_mode { TEXT_ESCAPE, TEXT_PRINTABLE, TEXT_PRINTABLE_LINES };

static const char text_hex[] = "0123456789abcdef";

/* "\xNN" or "\uNNNN": lower-case hex, at least 2 or 4 digits (as
 * printf's %02x and %04x). */
static size_t text_hex_escape(char *out, unsigned v, bool u)
{
	size_t o = 0, digits = u ? 4 : 2;
	while (digits < 8 && (v >> (4 * digits)) != 0)
		digits++;
	out[o++] = '\\';
	out[o++] = u ? 'u' : 'x';
	for (size_t k = digits; k-- > 0;)
		out[o++] = text_hex[(v >> (4 * k)) & 0xf];
	return o;
}

/* What `mode` makes of the character at s, which text_plain_span did
 * not take: into out, its length in *outlen; returns the bytes of s it
 * stands for. */
static size_t text_rewrite_char(const char *s, size_t len,
				enum text_mode mode, char *out,
				size_t *outlen)
{
	size_t n = text_utf8_seq(s, len);
	unsigned cp = 0;
	if (n == 0) {
		*outlen = text_hex_escape(out, (unsigned char)s[0], false);
		return 1;
	}
	text_utf8_decode(s, &cp);
	*outlen = 1;
	if (mode == TEXT_ESCAPE && (cp == '\n' || cp == '\t')) {
		out[0] = '\\';
		out[1] = cp == '\n' ? 'n' : 't';
		*outlen = 2;
	} else if (mode != TEXT_ESCAPE && cp == '\r' && len > 1 &&
		   s[1] == '\n') {
		out[0] = mode == TEXT_PRINTABLE_LINES ? '\n' : ' ';
		return 2;	/* CR LF is one break */
	} else if (mode != TEXT_ESCAPE && text_is_line_break(cp)) {
		out[0] = mode == TEXT_PRINTABLE_LINES ? '\n' : ' ';
	} else if (mode != TEXT_ESCAPE &&
		   (cp == '\t' || cp == '\v' || cp == '\f')) {
		out[0] = ' ';
	} else if (text_is_unsafe(cp)) {
		*outlen = text_hex_escape(out, cp, cp >= 0x80);
	} else {
		memcpy(out, s, n);
		*outlen = n;
	}
	return n;
}

size_t text_printable_char(const char *s, size_t len, bool keep_newlines,
			   char out[TEXT_CHAR_MAX], size_t *outlen)
{
	return text_rewrite_char(s, len, keep_newlines ? TEXT_PRINTABLE_LINES
				 : TEXT_PRINTABLE, out, outlen);
}

/* Runs that need nothing are copied whole; only the characters between
 * them are looked at one by one. */
static void text_rewrite_add(struct buf *b, const char *s, size_t len,
			     enum text_mode mode)
{
	for (size_t i = 0; i < len;) {
		size_t run = text_plain_span(s + i, len - i);
		buf_addn(b, s + i, run);
		i += run;
		if (i < len) {
			char out[TEXT_CHAR_MAX];
			size_t o;
			i += text_rewrite_char(s + i, len - i, mode, out, &o);
			buf_addn(b, out, o);
		}
	}
}

void text_printable_add(struct buf *b, const char *s, size_t len,
			bool keep_newlines)
{
	text_rewrite_add(b, s, len, keep_newlines ? TEXT_PRINTABLE_LINES
						  : TEXT_PRINTABLE);
}

void text_escape_controls_add(struct buf *b, const char *s, size_t len)
{
	text_rewrite_add(b, s, len, TEXT_ESCAPE);
}

static char *text_rewrite(const char *s, enum text_mode mode)
{
	struct buf b = { 0 };
	size_t len = strlen(s);
	buf_reserve(&b, len);
	b.data[0] = '\0';
	text_rewrite_add(&b, s, len, mode);
	return buf_take(&b);
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

/* JSON text as cJSON prints it: its own escapes cover C0 controls, so
 * only bytes from DEL up need a look; runs of the others are copied
 * whole (eight bytes a step while none is >= 0x7f). */
void text_json_safe_add(struct buf *b, const char *json, size_t len)
{
	const unsigned char *p = (const unsigned char *)json;
	const uint64_t ones = 0x0101010101010101u, highs = ones * 0x80;
	size_t i = 0, run = 0;
	while (i < len) {
		for (uint64_t x; i + 8 <= len; i += 8) {
			memcpy(&x, p + i, 8);
			if ((x | (x + ones)) & highs)	/* a byte >= 0x7f */
				break;
		}
		if (i >= len)
			break;
		if (p[i] < 0x7f) {
			i++;
			continue;
		}
		size_t n = text_utf8_seq(json + i, len - i);
		unsigned cp = 0;
		if (n)
			text_utf8_decode(json + i, &cp);
		if (!(n && text_is_unsafe(cp))) {
			i += n ? n : 1;	/* invalid bytes are copied */
			continue;
		}
		char out[TEXT_CHAR_MAX];
		buf_addn(b, json + run, i - run);
		buf_addn(b, out, text_hex_escape(out, cp, true));
		i += n;
		run = i;
	}
	buf_addn(b, json + run, i - run);
}

char *text_json_safe(const char *json)
{
	struct buf b = { 0 };
	size_t len = strlen(json);
	buf_reserve(&b, len);
	b.data[0] = '\0';
	text_json_safe_add(&b, json, len);
	return buf_take(&b);
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

/* Bytes that go into a JSON string as they are: printable ASCII but '"'
 * and '\\'.  The others end a run and are looked at. */
static const unsigned char *text_json_plain(void)
{
	static unsigned char plain[256];
	static bool ready;
	if (!ready) {
		for (int c = 0x20; c < 0x7f; c++)
			plain[c] = c != '"' && c != '\\';
		ready = true;
	}
	return plain;
}

static void text_json_escape(struct buf *b, unsigned cp)
{
	const char *e = cp == '"' ? "\\\"" : cp == '\\' ? "\\\\"
		: cp == '\b' ? "\\b" : cp == '\f' ? "\\f" : cp == '\n' ? "\\n"
		: cp == '\r' ? "\\r" : cp == '\t' ? "\\t" : NULL;
	if (e) {
		buf_addn(b, e, 2);
		return;
	}
	static const char hex[] = "0123456789abcdef";
	char x[6] = { '\\', 'u', hex[(cp >> 12) & 0xf], hex[(cp >> 8) & 0xf],
		      hex[(cp >> 4) & 0xf], hex[cp & 0xf] };
	buf_addn(b, x, sizeof x);
}

void text_json_string_add(struct buf *b, const char *s, bool keep_invalid)
{
	const unsigned char *u = (const unsigned char *)s;
	const unsigned char *plain = text_json_plain();
	size_t i = 0, run = 0, len = strlen(s);
	buf_addc(b, '"');
	while (i < len) {
		/* eight bytes at a time while they are all plain */
		while (i + 8 <= len &&
		       (plain[u[i]] & plain[u[i + 1]] & plain[u[i + 2]] &
			plain[u[i + 3]] & plain[u[i + 4]] & plain[u[i + 5]] &
			plain[u[i + 6]] & plain[u[i + 7]]))
			i += 8;
		if (i >= len)
			break;
		if (plain[u[i]]) {
			i++;
			continue;
		}
		size_t n = u[i] < 0x80 ? 1 : text_utf8_seq(s + i, len - i);
		unsigned cp = 0xfffd;
		if (n)
			text_utf8_decode(s + i, &cp);
		if ((n && cp >= 0x80 && !text_is_unsafe(cp)) ||
		    (!n && keep_invalid)) {
			i += n ? n : 1;	/* beyond ASCII, as it is */
			continue;
		}
		buf_addn(b, s + run, i - run);
		text_json_escape(b, cp);
		i += n ? n : 1;
		run = i;
	}
	buf_addn(b, s + run, i - run);
	buf_addc(b, '"');
}
