/* buf.c - a growable string, or a chunked writer to a FILE. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* Writes what the buffer holds and empties it; a failed write is kept
 * in err and the rest of the document is dropped. */
static void buf_write(struct buf *b)
{
	if (b->len && !b->err && fwrite(b->data, 1, b->len, b->out) != b->len)
		b->err = errno ? errno : EIO;
	b->flushed += b->len;
	b->len = 0;
	b->data[0] = '\0';
}

void buf_reserve(struct buf *b, size_t n)
{
	if (b->out && b->len && b->len + n >= BUF_CHUNK)
		buf_write(b);
	if (b->cap - b->len > n)
		return;
	if (n > (size_t)-1 / 2 - b->len)
		xalloc_die();
	size_t need = b->len + n + 1;
	size_t cap = b->cap ? b->cap : (b->out ? BUF_CHUNK : 256);
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_add_uint(struct buf *b, uintmax_t v)
{
	char tmp[24];
	size_t i = sizeof tmp;
	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_addn(b, tmp + i, sizeof tmp - i);
}

void buf_add_int(struct buf *b, intmax_t v)
{
	if (v < 0) {
		buf_addc(b, '-');
		buf_add_uint(b, -(uintmax_t)v);
	} else {
		buf_add_uint(b, (uintmax_t)v);
	}
}

/* The conversions reports and exporters use -- %s, %zu, %d, %+d and %% --
 * straight into the buffer; false (and nothing appended) at any other,
 * which vsnprintf then does. */
static bool buf_format(struct buf *b, const char *fmt, va_list ap)
{
	size_t start = b->len;
	for (const char *p = fmt;;) {
		const char *pc = strchr(p, '%');
		size_t lit = pc ? (size_t)(pc - p) : strlen(p);
		buf_addn(b, p, lit);
		if (!pc)
			return true;
		p = pc + 1;
		if (*p == '%') {
			buf_addc(b, '%');
			p++;
		} else if (*p == 's') {
			const char *s = va_arg(ap, const char *);
			buf_add(b, s ? s : "(null)");
			p++;
		} else if (p[0] == 'z' && p[1] == 'u') {
			buf_add_uint(b, va_arg(ap, size_t));
			p += 2;
		} else if (*p == 'd' || (p[0] == '+' && p[1] == 'd')) {
			int v = va_arg(ap, int);
			if (*p == '+' && v >= 0)
				buf_addc(b, '+');
			buf_add_int(b, v);
			p += *p == '+' ? 2 : 1;
		} else {
			/* (a streaming buffer never gets here) */
			b->len = start;
			if (b->data)
				b->data[start] = '\0';
			return false;
		}
	}
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	bool done = !b->out && buf_format(b, fmt, ap);
	va_end(ap);
	if (done) {
		va_end(again);
		return;
	}
	if (b->cap - b->len < 128)
		buf_reserve(b, 128);
	int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, again);
	va_end(again);
	if (n < 0)
		xalloc_die();
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void buf_stream(struct buf *b, FILE *out)
{
	b->out = out;
}

int buf_finish(struct buf *b)
{
	if (b->out && b->data)
		buf_write(b);
	if (b->out && !b->err && fflush(b->out) != 0)
		b->err = errno ? errno : EIO;
	if (b->out && !b->err && ferror(b->out))
		b->err = EIO;
	int err = b->err;
	buf_free(b);
	return err;
}

char *buf_take(struct buf *b)
{
	char *s = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(struct buf *b)
{
	free(b->data);
	*b = (struct buf){ 0 };
}
