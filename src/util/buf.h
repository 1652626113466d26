/* buf.h - a growable string that the exporters and reports write into.
 *
 * Appends are cheap (inline; the buffer grows geometrically), so writers
 * append whole runs of text rather than a byte at a time.  A buffer may
 * also stream: after buf_stream() it writes what it holds to a FILE in
 * chunks of about BUF_CHUNK bytes instead of growing, so a document of
 * any size takes a fixed amount of memory.  Positions that must survive
 * a chunk being written are taken with buf_pos(). */
#ifndef CX_BUF_H
#define CX_BUF_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct buf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len, cap;
	FILE *out;	/* streaming to this (buf_stream), else NULL */
	size_t flushed;	/* bytes already written to out */
	int err;	/* the first error writing to out (errno), or 0 */
};

/* How much a streaming buffer holds before it writes. */
#define BUF_CHUNK ((size_t)64 * 1024)

/* Room for n more bytes and the NUL (a streaming buffer may write what
 * it holds first). */
void buf_reserve(struct buf *b, size_t n);

static inline void buf_addn(struct buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n)
		buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void buf_add(struct buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

static inline void buf_addc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

/* Bytes appended so far, those already written out included. */
static inline size_t buf_pos(const struct buf *b)
{
	return b->flushed + b->len;
}

/* A number in decimal, formatted straight into the buffer. */
void buf_add_uint(struct buf *b, uintmax_t v);
void buf_add_int(struct buf *b, intmax_t v);
/* printf into the buffer (no intermediate string). */
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* From now on write to out in chunks instead of keeping everything;
 * buf_finish writes the rest and says how it went. */
void buf_stream(struct buf *b, FILE *out);
/* Writes what is left to the stream and flushes it; frees the buffer.
 * Returns 0, or the errno of the first failed write. */
int buf_finish(struct buf *b);

/* The string, handed to the caller (never NULL); the buffer is emptied.
 * Not for a streaming buffer. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

#endif
