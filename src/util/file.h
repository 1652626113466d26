/* file.h - reading a whole file, with a limit. */
#ifndef CX_FILE_H
#define CX_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads f to its end, NUL-terminated; *len gets the size.  At most max
 * bytes: beyond, returns NULL with *too_big set.  NULL with errno set on a
 * read error. */
char *file_read(FILE *f, size_t max, size_t *len, bool *too_big);

/* True when a and b name the same existing file. */
bool file_same(const char *a, const char *b);

/* Replaces path as a whole with text: a temporary file in the same folder,
 * synced, then renamed over it, so a reader never sees half of it and a
 * failure leaves path as it was.  A new file gets the umask's mode, an
 * existing one keeps its own; a symbolic link stays and its target is
 * replaced; a device or FIFO is written into, never replaced.  Returns 0,
 * or an errno value. */
int file_replace(const char *path, const char *text, size_t len);

#endif
