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

#endif
