/* xalloc.h - allocation that fails loudly instead of returning NULL. */
#ifndef CX_XALLOC_H
#define CX_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of `size`-byte items so that index `need - 1` fits. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a freshly allocated string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));
/* "cxmap: out of memory" and exit 1: for a library (cJSON) that
 * returned NULL. */
void xalloc_die(void) __attribute__((noreturn));

#endif
