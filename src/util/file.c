/* file.c - reading a whole file, with a limit. */
#include <config.h>

#include <stdlib.h>

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
