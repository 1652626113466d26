/* faultvfs.h - a test-only SQLite VFS that simulates power loss and
 * injects I/O errors, the way SQLite tests itself.
 *
 * It wraps the default (unix) VFS and, once installed, is the default VFS,
 * so the store opens files through it unchanged.  Files under the watched
 * folder are tracked: reads and writes reach the real file (the page
 * cache, what the process sees), while the faultvfs keeps, per file, the
 * "durable" image -- the content as of its last xSync -- and the list of
 * writes and truncations since.  A file's existence becomes durable when a
 * journal or WAL is first synced (SQLite syncs the folder then) and a
 * delete without a folder sync may be undone by a power loss.  xSync does
 * not reach the disk (the durability is simulated, and fsync is slow).
 *
 * A power loss is simulated by writing out what the disk would hold at
 * that moment (fv_image) into another folder and opening that copy; the
 * -shm is not part of it (SQLite rebuilds it).  A torn image keeps a
 * random part of the unsynced writes, the last one cut short, which SQLite
 * must survive as well (with powersafe overwrite: only bytes written may
 * be damaged).
 *
 * Names made or removed outside SQLite (the store links a new file into
 * place, removes its temporary name, syncs the folder) are seen through
 * link, renameat2, unlink and fsync, which faultvfs.c defines for the
 * test program: a linked or renamed name is durable once the folder is
 * synced.
 *
 * Only one thread, and one watched folder at a time. */
#ifndef CX_FAULTVFS_H
#define CX_FAULTVFS_H

#include <stdbool.h>

enum fv_op { FV_READ, FV_WRITE, FV_SYNC, FV_TRUNCATE, FV_NOPS };

/* Registers the faultvfs as SQLite's default VFS (once), or puts the real
 * one back as the default (fv_use(false)) so that a check opens files as
 * cxmap really does. */
void fv_use(bool on);

/* Tracks the files under dir from now on; forgets every file tracked so
 * far, the counters and any pending fault.  A file is first seen with its
 * real content as durable. */
void fv_watch(const char *dir);

/* Makes the nth (1-based) xRead/xWrite/xSync/xTruncate of a tracked file,
 * counted from now, fail with SQLITE_IOERR_*; persistent: that one and
 * every later one of the kind.  n 0: no fault. */
void fv_fail(enum fv_op op, long n, bool persistent);
/* How many operations of the kind the tracked files saw since fv_watch. */
long fv_count(enum fv_op op);
/* How many errors were injected since fv_watch. */
long fv_injected(void);

/* Called just before every xSync of a tracked file takes effect (the
 * moment a power loss hurts most); the hook may call fv_image but must not
 * use SQLite. */
void fv_on_sync(void (*hook)(void *arg), void *arg);

/* Writes what the disk would hold after a power loss now: every tracked
 * file that durably exists, under its own name, into dest (an existing
 * folder).  torn: also a random part of the unsynced writes (seeded). */
void fv_image(const char *dest, bool torn, unsigned seed);

#endif
