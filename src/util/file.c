/* file.c - reading a whole file with a limit, and replacing one whole. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
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

/* Writes into what is already there: a device, a FIFO, a terminal. */
static int file_write_into(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	bool ok = file_write_all(fd, text, len);
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	return ok ? 0 : (err ? err : EIO);
}

int file_replace(const char *path, const char *text, size_t len)
{
	/* a symbolic link: replace what it points to, keep the link */
	char *real = realpath(path, NULL);
	struct stat so;
	bool exists = real && stat(real, &so) == 0;
	if (!real && errno != ENOENT)
		return errno;
	if (exists && !S_ISREG(so.st_mode)) {
		free(real);
		return S_ISDIR(so.st_mode) ? EISDIR
		       : file_write_into(path, text, len);
	}
	const char *target = real ? real : path;
	mode_t um = umask(0);
	umask(um);
	char *tmp = xasprintf("%s.XXXXXX", target);
	int fd = mkstemp(tmp);
	bool ok = fd >= 0 &&
		  fchmod(fd, exists ? so.st_mode & 07777 : 0666 & ~um) == 0 &&
		  file_write_all(fd, text, len) && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && rename(tmp, target) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(real);
	return ok ? 0 : (err ? err : EIO);
}
