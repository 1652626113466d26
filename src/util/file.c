/* file.c - reading a whole file with a limit, and replacing one whole. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/xalloc.h"

char *file_read(FILE *f, size_t max, size_t *len, bool *too_big)
{
	size_t cap = 0, n = 0;
	char *data = NULL;
	*too_big = false;
	for (;;) {
		data = xgrow(data, &cap, n + 4096 + 1, 1);
		size_t r = fread(data + n, 1, cap - n - 1, f);
		n += r;
		if (n > max) {
			*too_big = true;
			free(data);
			return NULL;
		}
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

bool file_same(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The folder part of a path ("." for none). */
static char *file_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path) + 1)
		     : xstrdup(".");
}

static const char *file_base(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

bool file_is_db(const char *out, const char *db)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char *out_dir = file_dir(out);
	bool hit = false;
	for (size_t i = 0; !hit && i < sizeof suffix / sizeof suffix[0]; i++) {
		char *p = xasprintf("%s%s", db, suffix[i]);
		char *p_dir = file_dir(p);
		/* the same file, or (not there yet) the same name */
		hit = file_same(out, p) ||
		      (strcmp(file_base(out), file_base(p)) == 0 &&
		       file_same(out_dir, p_dir));
		free(p_dir);
		free(p);
	}
	free(out_dir);
	return hit;
}

static bool file_write_all(int fd, const char *text, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, text, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		text += w;
		len -= (size_t)w;
	}
	return true;
}

/* What file_replace writes: text, or what a writer makes as it goes. */
struct file_content {
	const char *text;
	size_t len;
	file_writer *write;	/* NULL: text */
	void *ctx;
};

/* Writes c to fd (then syncs it if asked) and closes fd; 0 or an errno.
 * A writer gets a stream over fd, closed with it. */
static int file_put(int fd, const struct file_content *c, bool sync)
{
	if (!c->write) {
		bool ok = file_write_all(fd, c->text, c->len) &&
			  (!sync || fsync(fd) == 0);
		int err = errno;
		if (close(fd) != 0 && ok) {
			ok = false;
			err = errno;
		}
		return ok ? 0 : (err ? err : EIO);
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int err = errno;
		close(fd);
		return err;
	}
	int err = c->write(f, c->ctx);
	if (!err && fflush(f) != 0)
		err = errno ? errno : EIO;
	if (!err && sync && fsync(fileno(f)) != 0)
		err = errno;
	if (fclose(f) != 0 && !err)
		err = errno ? errno : EIO;
	return err;
}

/* Writes into what is already there: a device, a FIFO, a terminal -- or
 * a file whose owner a replacement could not keep.  A FIFO nobody reads
 * is ENXIO at once rather than a wait for ever. */
static int file_write_into(const char *path, const struct file_content *c,
			   int extra)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | extra);
	if (fd < 0)
		return errno;
	int fl = fcntl(fd, F_GETFL);
	if (fl != -1)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return file_put(fd, c, false);
}

/* Where a symbolic link points, even when that does not exist yet (a
 * dangling link is kept, and its target made).  NULL with errno. */
static char *file_resolve(const char *path)
{
	char *real = realpath(path, NULL);
	if (real || errno != ENOENT)
		return real;
	char *cur = xstrdup(path);
	for (int hops = 0; hops < 40; hops++) {
		struct stat sl;
		if (lstat(cur, &sl) != 0 || !S_ISLNK(sl.st_mode))
			return cur;	/* missing: made there */
		char buf[4096];
		ssize_t n = readlink(cur, buf, sizeof buf - 1);
		if (n < 0) {
			free(cur);
			return NULL;
		}
		buf[n] = '\0';
		char *next;
		const char *slash = strrchr(cur, '/');
		if (buf[0] == '/' || !slash)
			next = xstrdup(buf);
		else
			next = xasprintf("%.*s/%s", (int)(slash - cur), cur, buf);
		free(cur);
		cur = next;
	}
	free(cur);
	errno = ELOOP;
	return NULL;
}

/* The replacement gets the old file's owner (root can give it), group
 * where allowed, and mode; a new file the umask's mode. */
static bool file_take_over(int fd, const struct stat *so, mode_t um)
{
	if (!so)
		return fchmod(fd, 0666 & ~um) == 0;
	if ((so->st_uid != geteuid() || so->st_gid != getegid()) &&
	    fchown(fd, so->st_uid, so->st_gid) != 0 &&
	    so->st_uid != geteuid())
		return false;
	/* after the chown, which may clear the setgid bit */
	return fchmod(fd, so->st_mode & 07777) == 0;
}

static int file_replace_content(const char *path,
				const struct file_content *c)
{
	/* a symbolic link: replace what it points to, keep the link */
	char *real = file_resolve(path);
	if (!real)
		return errno;
	struct stat so;
	bool exists = stat(real, &so) == 0;
	if (exists && !S_ISREG(so.st_mode)) {
		free(real);
		return S_ISDIR(so.st_mode) ? EISDIR
		       : file_write_into(path, c, 0);
	}
	/* the permission bits decide, even for root: a file made read-only
	 * is not replaced behind its owner's back */
	if (exists && (!(so.st_mode & 0222) || access(real, W_OK) != 0)) {
		free(real);
		return EACCES;
	}
	/* someone else's file stays theirs: root gives the new one the old
	 * owner; anyone else writes into it, which keeps the owner */
	if (exists && so.st_uid != geteuid() && geteuid() != 0) {
		int err = file_write_into(real, c, O_TRUNC);
		free(real);
		return err;
	}
	mode_t um = umask(0);
	umask(um);
	char *tmp = xasprintf("%s.XXXXXX", real);
	int fd = mkstemp(tmp);
	int err = 0;
	if (fd < 0 || !file_take_over(fd, exists ? &so : NULL, um)) {
		err = errno ? errno : EIO;
		if (fd >= 0)
			close(fd);
	} else {
		err = file_put(fd, c, true);
	}
	if (!err && rename(tmp, real) != 0)
		err = errno ? errno : EIO;
	if (err && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(real);
	return err;
}

int file_replace(const char *path, const char *text, size_t len)
{
	return file_replace_content(path, &(struct file_content){
		.text = text, .len = len });
}

int file_replace_with(const char *path, file_writer *write, void *ctx)
{
	return file_replace_content(path, &(struct file_content){
		.write = write, .ctx = ctx });
}
