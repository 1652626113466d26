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
/* True when out is the database db or one of its companions (db-wal,
 * db-shm, db-journal), existing or not: never to be written over. */
bool file_is_db(const char *out, const char *db);

/* Replaces path as a whole with text: a temporary file in the same folder,
 * synced, then renamed over it, so a reader never sees half of it and a
 * failure leaves path as it was.  A new file gets the umask's mode, an
 * existing one keeps its own and its owner (written into when only that
 * keeps the owner); a file without write permission is refused (EACCES,
 * even for root); a symbolic link stays, dangling or not, and its target
 * is replaced or made; a device or FIFO is written into, never replaced
 * (ENXIO for a FIFO nobody reads).  Returns 0, or an errno value. */
int file_replace(const char *path, const char *text, size_t len);
/* The same with what write(f, ctx) writes to f as it makes it (returning
 * 0 or an errno), so the whole text need not be in memory. */
typedef int file_writer(FILE *f, void *ctx);
int file_replace_with(const char *path, file_writer *write, void *ctx);

#endif
