/* text.h - UTF-8 helpers that do not depend on the locale (but one). */
#ifndef CX_TEXT_H
#define CX_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* Length of the well-formed UTF-8 sequence at s (at most len bytes), or 0
 * when the bytes there are not one. */
size_t text_utf8_seq(const char *s, size_t len);
/* True when s holds well-formed UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t len);
/* Decodes one code point at s (well-formed input); returns its length. */
size_t text_utf8_decode(const char *s, unsigned *cp);
/* A copy of JSON text (as cJSON prints it) with DEL, C1 controls and
 * bidirectional overrides inside its strings written as \u escapes, which
 * cJSON copies raw: the text is then safe on a terminal and means the
 * same to any JSON reader. */
char *text_json_safe(const char *json);
/* The number of characters (code points) in s. */
size_t text_chars(const char *s);
/* Removes leading and trailing white space in place (Unicode's, such as
 * U+00A0 and U+3000, and zero-width characters such as U+200B); returns
 * s.  The one rule for names, typed or imported. */
char *text_trim(char *s);
/* True when the string shows nothing: empty, or only white space and
 * invisible characters (zero-width, soft hyphen, Hangul fillers...). */
bool text_blank(const char *s);
/* C0 controls, DEL and C1 controls: never to be sent raw to a terminal. */
bool text_is_control(unsigned cp);
/* Controls, the bidirectional embeddings, overrides and isolates that
 * would reorder what a terminal shows, and U+2028/U+2029 (line breaks to
 * some terminals and to JavaScript): drawn as a replacement instead. */
bool text_is_unsafe(unsigned cp);
/* A copy of s safe to print: control characters and bidirectional
 * overrides become visible escapes (\n, \t, \x1b, \u009b, \u202e) and
 * invalid bytes \xNN, so nothing in a shared file can drive the terminal
 * or reorder what it shows. */
char *text_escape_controls(const char *s);
/* A copy of s for a file that someone may print with cat (exports): line
 * breaks (LF, CR LF, CR, NEL, U+2028, U+2029) become '\n' with
 * keep_newlines, else a space; tabs, vertical tabs and form feeds become
 * spaces; other control characters, bidirectional overrides and invalid
 * bytes become visible escapes as in text_escape_controls.  The result
 * holds no control character but '\n'. */
char *text_printable(const char *s, bool keep_newlines);
/* The same appended to a buffer, for len bytes of s (no NUL needed). */
void text_escape_controls_add(struct buf *b, const char *s, size_t len);
void text_printable_add(struct buf *b, const char *s, size_t len,
			bool keep_newlines);
void text_json_safe_add(struct buf *b, const char *json, size_t len);
/* How many bytes at the start of s (len bytes) the three functions above
 * copy unchanged: printable ASCII and well-formed UTF-8 that is not
 * unsafe.  Writers copy such a run whole and look only at what ends it. */
size_t text_plain_span(const char *s, size_t len);
/* s as a JSON string, quotes included: '"', '\\' and every control
 * character (C0, DEL, C1), U+2028/U+2029 and bidirectional override
 * escaped, runs that need none copied whole.  A byte that is not UTF-8
 * becomes \ufffd, or with keep_invalid goes as it is (cJSON's way, which
 * `cxmap gaps --format json` keeps). */
void text_json_string_add(struct buf *b, const char *s, bool keep_invalid);
/* What text_printable makes of the character(s) at s where
 * text_plain_span stopped: written to out (*outlen bytes, at most
 * TEXT_CHAR_MAX, not terminated); returns the bytes of s consumed (two
 * for CR LF). */
#define TEXT_CHAR_MAX 10
size_t text_printable_char(const char *s, size_t len, bool keep_newlines,
			   char out[TEXT_CHAR_MAX], size_t *outlen);
/* The one helper that follows the locale: names in the order people of
 * the locale expect (LC_COLLATE, so "Éxito" next to "Escala", before
 * "Ventas", in Spanish); byte order breaks ties, so unequal names never
 * compare equal. */
int text_collate(const char *a, const char *b);

#endif
