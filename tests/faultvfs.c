/* faultvfs.c - power loss and I/O errors for SQLite, for tests (see
 * faultvfs.h). */
#include <config.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <sqlite3.h>

#include "faultvfs.h"

/* A write or truncation not yet synced. */
struct fv_pending {
	sqlite3_int64 off;	/* truncation: the new size */
	size_t len;
	unsigned char *data;	/* NULL: a truncation */
};

/* One tracked path, surviving closes and reopens until fv_watch. */
struct fv_state {
	char *path;
	bool exists;		/* durably */
	unsigned char *data;	/* the durable content */
	size_t size;
	struct fv_pending *pending;
	size_t npending, cap;
	bool unlinked;		/* deleted, the folder not synced since */
	bool named;		/* linked or renamed here, the folder not
				 * synced since: not there after a power loss */
	struct fv_state *next;
};

struct fv_file {
	sqlite3_file base;
	struct fv_state *st;	/* NULL: not tracked */
	bool dirsync;		/* a new journal: its first sync syncs the folder */
	sqlite3_file *real;	/* follows this struct */
};

static sqlite3_vfs *fv_real;
static sqlite3_vfs fv_vfs;
static char fv_dir[PATH_MAX];
static struct fv_state *fv_states;
static long fv_counts[FV_NOPS], fv_nth[FV_NOPS], fv_errors;
static bool fv_sticky[FV_NOPS];
static void (*fv_hook)(void *);
static void *fv_hook_arg;

static void *fv_alloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);
	if (!p)
		abort();
	return p;
}

/* ------------------------------------------------------------------ */
/* durable images */

static void fv_grow(unsigned char **data, size_t *size, size_t to)
{
	if (to <= *size)
		return;
	unsigned char *p = realloc(*data, to);
	if (!p)
		abort();
	memset(p + *size, 0, to - *size);
	*data = p;
	*size = to;
}

static void fv_apply(unsigned char **data, size_t *size,
		     const struct fv_pending *p, size_t len)
{
	if (!p->data) {
		if ((size_t)p->off < *size)
			*size = (size_t)p->off;
		return;
	}
	fv_grow(data, size, (size_t)p->off + len);
	memcpy(*data + p->off, p->data, len);
}

static void fv_pending_clear(struct fv_state *s)
{
	for (size_t i = 0; i < s->npending; i++)
		free(s->pending[i].data);
	s->npending = 0;
}

static void fv_push(struct fv_state *s, sqlite3_int64 off, const void *data,
		    size_t len)
{
	if (s->npending == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->pending = realloc(s->pending, s->cap * sizeof *s->pending);
		if (!s->pending)
			abort();
	}
	struct fv_pending *p = &s->pending[s->npending++];
	p->off = off;
	p->len = len;
	p->data = NULL;
	if (data) {
		p->data = fv_alloc(len);
		memcpy(p->data, data, len);
	}
}

static void fv_state_free(struct fv_state *s)
{
	fv_pending_clear(s);
	free(s->pending);
	free(s->data);
	free(s->path);
	free(s);
}

static struct fv_state *fv_state_find(const char *path)
{
	for (struct fv_state *s = fv_states; s; s = s->next)
		if (strcmp(s->path, path) == 0)
			return s;
	return NULL;
}

/* The state of path, reading its real content as durable when new. */
static struct fv_state *fv_state_get(const char *path)
{
	struct fv_state *s = fv_state_find(path);
	if (s)
		return s;
	s = fv_alloc(sizeof *s);
	s->path = strdup(path);
	FILE *f = fopen(path, "rb");
	if (f) {
		s->exists = true;
		unsigned char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			size_t at = s->size;
			fv_grow(&s->data, &s->size, at + n);
			memcpy(s->data + at, buf, n);
		}
		fclose(f);
	}
	s->next = fv_states;
	fv_states = s;
	return s;
}

static bool fv_tracked(const char *path)
{
	size_t n = strlen(fv_dir);
	return path && n && strncmp(path, fv_dir, n) == 0 && path[n] == '/';
}

/* SQLite synced the folder: deletes and new files in it are durable. */
static void fv_dir_synced(void)
{
	for (struct fv_state *s = fv_states; s; s = s->next) {
		if (s->unlinked) {
			s->unlinked = false;
			s->exists = false;
			s->size = 0;
		}
		if (s->named) {
			s->named = false;
			s->exists = true;
		}
	}
}

/* ------------------------------------------------------------------ */
/* names made and removed outside SQLite */

/* The store makes a new file under a temporary name, links (or renames)
 * it into place, removes the temporary name and syncs the folder: calls
 * SQLite's VFS never sees.  This program defines link, renameat2, unlink
 * and fsync, so the store's calls (and SQLite's) come here -- the
 * linker prefers a program's own definitions to the C library's -- and
 * reach the kernel through syscall().  A new name is durable once the
 * folder is synced; until then a power loss takes it away. */

/* to is now a name of from's file (moved: from is no longer one). */
static void fv_named(const char *from, const char *to, bool moved)
{
	struct fv_state *src = fv_state_get(from);
	struct fv_state *dst = fv_state_find(to);
	if (!dst) {
		dst = fv_alloc(sizeof *dst);
		dst->path = strdup(to);
		dst->next = fv_states;
		fv_states = dst;
	}
	fv_pending_clear(dst);
	free(dst->data);
	dst->data = NULL;
	dst->size = 0;
	fv_grow(&dst->data, &dst->size, src->size);
	if (src->size)
		memcpy(dst->data, src->data, src->size);
	for (size_t i = 0; i < src->npending; i++)
		fv_push(dst, src->pending[i].off, src->pending[i].data,
			src->pending[i].len);
	dst->named = true;
	dst->unlinked = false;
	if (moved) {
		fv_pending_clear(src);
		src->unlinked = true;
	}
}

int link(const char *from, const char *to)
{
	int rc = (int)syscall(SYS_linkat, AT_FDCWD, from, AT_FDCWD, to, 0);
	if (rc == 0 && fv_tracked(from) && fv_tracked(to))
		fv_named(from, to, false);
	return rc;
}

int renameat2(int fromfd, const char *from, int tofd, const char *to,
	      unsigned int flags)
{
	int rc = (int)syscall(SYS_renameat2, fromfd, from, tofd, to, flags);
	if (rc == 0 && fromfd == AT_FDCWD && tofd == AT_FDCWD &&
	    fv_tracked(from) && fv_tracked(to))
		fv_named(from, to, true);
	return rc;
}

int unlink(const char *path)
{
	int rc = (int)syscall(SYS_unlinkat, AT_FDCWD, path, 0);
	struct fv_state *s = rc == 0 && fv_tracked(path)
			     ? fv_state_find(path) : NULL;
	if (s) {
		fv_pending_clear(s);
		s->unlinked = true;
		s->named = false;
	}
	return rc;
}

int fsync(int fd)
{
	int rc = (int)syscall(SYS_fsync, fd);
	struct stat a, b;
	if (rc == 0 && fv_dir[0] && fstat(fd, &a) == 0 && S_ISDIR(a.st_mode) &&
	    stat(fv_dir, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		fv_dir_synced();
	return rc;
}

/* ------------------------------------------------------------------ */
/* faults */

static bool fv_fault(enum fv_op op)
{
	long n = ++fv_counts[op];
	if (fv_nth[op] > 0 && (n == fv_nth[op] ||
			       (fv_sticky[op] && n > fv_nth[op]))) {
		fv_errors++;
		return true;
	}
	return false;
}

void fv_fail(enum fv_op op, long n, bool persistent)
{
	fv_nth[op] = n ? fv_counts[op] + n : 0;
	fv_sticky[op] = persistent;
}

long fv_count(enum fv_op op)
{
	return fv_counts[op];
}

long fv_injected(void)
{
	return fv_errors;
}

void fv_on_sync(void (*hook)(void *arg), void *arg)
{
	fv_hook = hook;
	fv_hook_arg = arg;
}

void fv_watch(const char *dir)
{
	while (fv_states) {
		struct fv_state *s = fv_states;
		fv_states = s->next;
		fv_state_free(s);
	}
	fv_dir[0] = '\0';
	if (dir && !realpath(dir, fv_dir))
		snprintf(fv_dir, sizeof fv_dir, "%s", dir);
	memset(fv_counts, 0, sizeof fv_counts);
	memset(fv_nth, 0, sizeof fv_nth);
	fv_errors = 0;
	fv_hook = NULL;
}

/* ------------------------------------------------------------------ */
/* writing an image */

static unsigned fv_rand(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

static void fv_write_image(const char *dest, const struct fv_state *s,
			   bool torn, unsigned *seed)
{
	unsigned char *data = fv_alloc(s->size);
	size_t size = s->size;
	if (size)
		memcpy(data, s->data, size);
	if (torn) {
		/* any part of the unsynced writes may have reached the disk,
		 * in any order; the last one taken only partly */
		size_t last = s->npending;
		for (size_t i = 0; i < s->npending; i++)
			if (fv_rand(seed) % 2)
				last = i;
		for (size_t i = 0; i < s->npending && last < s->npending; i++) {
			const struct fv_pending *p = &s->pending[i];
			if (i == last) {
				size_t cut = p->data ? fv_rand(seed) % (p->len + 1)
						     : p->len;
				fv_apply(&data, &size, p, cut);
			} else if (fv_rand(seed) % 2) {
				fv_apply(&data, &size, p, p->len);
			}
		}
	}
	const char *base = strrchr(s->path, '/');
	char path[PATH_MAX * 2];
	snprintf(path, sizeof path, "%s/%s", dest, base ? base + 1 : s->path);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) ||
	    close(fd) != 0)
		abort();
	free(data);
}

void fv_image(const char *dest, bool torn, unsigned seed)
{
	for (struct fv_state *s = fv_states; s; s = s->next)
		if (s->exists)
			fv_write_image(dest, s, torn, &seed);
}

/* ------------------------------------------------------------------ */
/* file methods */

#define FV_REAL(f) (((struct fv_file *)(f))->real)

static int fv_close(sqlite3_file *f)
{
	return FV_REAL(f)->pMethods->xClose(FV_REAL(f));
}

static int fv_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
	struct fv_file *p = (struct fv_file *)f;
	if (p->st && fv_fault(FV_READ))
		return SQLITE_IOERR_READ;
	return p->real->pMethods->xRead(p->real, buf, n, off);
}

static int fv_write(sqlite3_file *f, const void *buf, int n,
		    sqlite3_int64 off)
{
	struct fv_file *p = (struct fv_file *)f;
	if (p->st && fv_fault(FV_WRITE))
		return SQLITE_IOERR_WRITE;
	int rc = p->real->pMethods->xWrite(p->real, buf, n, off);
	if (rc == SQLITE_OK && p->st)
		fv_push(p->st, off, buf, (size_t)n);
	return rc;
}

static int fv_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct fv_file *p = (struct fv_file *)f;
	if (p->st && fv_fault(FV_TRUNCATE))
		return SQLITE_IOERR_TRUNCATE;
	int rc = p->real->pMethods->xTruncate(p->real, size);
	if (rc == SQLITE_OK && p->st)
		fv_push(p->st, size, NULL, 0);
	return rc;
}

static int fv_sync(sqlite3_file *f, int flags)
{
	struct fv_file *p = (struct fv_file *)f;
	if (!p->st)
		return p->real->pMethods->xSync(p->real, flags);
	if (fv_fault(FV_SYNC))
		return SQLITE_IOERR_FSYNC;
	if (fv_hook)
		fv_hook(fv_hook_arg);
	struct fv_state *s = p->st;
	for (size_t i = 0; i < s->npending; i++)
		fv_apply(&s->data, &s->size, &s->pending[i], s->pending[i].len);
	fv_pending_clear(s);
	if (p->dirsync) {
		p->dirsync = false;
		s->exists = true;
		fv_dir_synced();
	}
	return SQLITE_OK;
}

static int fv_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return FV_REAL(f)->pMethods->xFileSize(FV_REAL(f), size);
}

static int fv_lock(sqlite3_file *f, int lock)
{
	return FV_REAL(f)->pMethods->xLock(FV_REAL(f), lock);
}

static int fv_unlock(sqlite3_file *f, int lock)
{
	return FV_REAL(f)->pMethods->xUnlock(FV_REAL(f), lock);
}

static int fv_check_reserved(sqlite3_file *f, int *out)
{
	return FV_REAL(f)->pMethods->xCheckReservedLock(FV_REAL(f), out);
}

static int fv_file_control(sqlite3_file *f, int op, void *arg)
{
	return FV_REAL(f)->pMethods->xFileControl(FV_REAL(f), op, arg);
}

static int fv_sector_size(sqlite3_file *f)
{
	return FV_REAL(f)->pMethods->xSectorSize(FV_REAL(f));
}

static int fv_device_characteristics(sqlite3_file *f)
{
	return FV_REAL(f)->pMethods->xDeviceCharacteristics(FV_REAL(f));
}

/* WAL's shared memory passes through: it need not survive a power loss. */
static int fv_shm_map(sqlite3_file *f, int pg, int pgsz, int extend,
		      void volatile **pp)
{
	return FV_REAL(f)->pMethods->xShmMap(FV_REAL(f), pg, pgsz, extend, pp);
}

static int fv_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return FV_REAL(f)->pMethods->xShmLock(FV_REAL(f), offset, n, flags);
}

static void fv_shm_barrier(sqlite3_file *f)
{
	FV_REAL(f)->pMethods->xShmBarrier(FV_REAL(f));
}

static int fv_shm_unmap(sqlite3_file *f, int del)
{
	return FV_REAL(f)->pMethods->xShmUnmap(FV_REAL(f), del);
}

/* Version 2: no xFetch, so SQLite never reads through mmap (off by
 * default anyway) and every read is counted. */
static const sqlite3_io_methods fv_io = {
	2, fv_close, fv_read, fv_write, fv_truncate, fv_sync, fv_file_size,
	fv_lock, fv_unlock, fv_check_reserved, fv_file_control,
	fv_sector_size, fv_device_characteristics, fv_shm_map, fv_shm_lock,
	fv_shm_barrier, fv_shm_unmap, NULL, NULL,
};

/* ------------------------------------------------------------------ */
/* VFS methods */

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
		   int flags, int *out_flags)
{
	(void)vfs;
	struct fv_file *p = (struct fv_file *)f;
	memset(p, 0, sizeof *p);
	p->real = (sqlite3_file *)(p + 1);
	bool existed = name && access(name, F_OK) == 0;
	/* seen before SQLite creates it: a new file is not durable yet */
	struct fv_state *st = fv_tracked(name) ? fv_state_get(name) : NULL;
	int rc = fv_real->xOpen(fv_real, name, p->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		if (p->real->pMethods)
			p->real->pMethods->xClose(p->real);
		p->base.pMethods = NULL;
		return rc;
	}
	p->base.pMethods = &fv_io;
	if (st) {
		p->st = st;
		if (!existed) {
			/* a file made again before the folder was synced:
			 * its old content comes back unless synced anew */
			if (p->st->exists)
				fv_push(p->st, 0, NULL, 0);
			p->st->unlinked = false;
			p->dirsync = (flags & (SQLITE_OPEN_MAIN_JOURNAL |
					       SQLITE_OPEN_SUPER_JOURNAL |
					       SQLITE_OPEN_WAL)) != 0;
		}
	}
	return SQLITE_OK;
}

static int fv_delete(sqlite3_vfs *vfs, const char *name, int dirsync)
{
	(void)vfs;
	int rc = fv_real->xDelete(fv_real, name, dirsync);
	if (rc == SQLITE_OK && fv_tracked(name)) {
		struct fv_state *s = fv_state_get(name);
		fv_pending_clear(s);
		s->unlinked = true;
		s->named = false;
		if (dirsync)
			fv_dir_synced();
	}
	return rc;
}

static int fv_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	(void)vfs;
	return fv_real->xAccess(fv_real, name, flags, out);
}

static int fv_full_pathname(sqlite3_vfs *vfs, const char *name, int n,
			    char *out)
{
	(void)vfs;
	return fv_real->xFullPathname(fv_real, name, n, out);
}

static void *fv_dl_open(sqlite3_vfs *vfs, const char *name)
{
	(void)vfs;
	return fv_real->xDlOpen(fv_real, name);
}

static void fv_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	fv_real->xDlError(fv_real, n, msg);
}

static void (*fv_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
	(void)vfs;
	return fv_real->xDlSym(fv_real, h, sym);
}

static void fv_dl_close(sqlite3_vfs *vfs, void *h)
{
	(void)vfs;
	fv_real->xDlClose(fv_real, h);
}

static int fv_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	(void)vfs;
	return fv_real->xRandomness(fv_real, n, out);
}

static int fv_sleep(sqlite3_vfs *vfs, int us)
{
	(void)vfs;
	return fv_real->xSleep(fv_real, us);
}

static int fv_current_time(sqlite3_vfs *vfs, double *t)
{
	(void)vfs;
	return fv_real->xCurrentTime(fv_real, t);
}

static int fv_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
	(void)vfs;
	return fv_real->xGetLastError(fv_real, n, msg);
}

static int fv_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
	(void)vfs;
	return fv_real->xCurrentTimeInt64(fv_real, t);
}

void fv_use(bool on)
{
	if (!fv_real) {
		fv_real = sqlite3_vfs_find(NULL);
		if (!fv_real || fv_real->iVersion < 2)
			abort();
		fv_vfs = (sqlite3_vfs){
			.iVersion = 2,
			.szOsFile = (int)sizeof(struct fv_file) +
				    fv_real->szOsFile,
			.mxPathname = fv_real->mxPathname,
			.zName = "faultvfs",
			.xOpen = fv_open,
			.xDelete = fv_delete,
			.xAccess = fv_access,
			.xFullPathname = fv_full_pathname,
			.xDlOpen = fv_dl_open,
			.xDlError = fv_dl_error,
			.xDlSym = fv_dl_sym,
			.xDlClose = fv_dl_close,
			.xRandomness = fv_randomness,
			.xSleep = fv_sleep,
			.xCurrentTime = fv_current_time,
			.xGetLastError = fv_last_error,
			.xCurrentTimeInt64 = fv_current_time64,
		};
	}
	if (sqlite3_vfs_register(on ? &fv_vfs : fv_real, 1) != SQLITE_OK)
		abort();
}
