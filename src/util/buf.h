/* buf.h - a growable string that the exporters write into. */
#ifndef CX_BUF_H
#define CX_BUF_H

#include <stddef.h>

struct buf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s);
void buf_addn(struct buf *b, const char *s, size_t n);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The string, handed to the caller (never NULL); the buffer is emptied. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

#endif
