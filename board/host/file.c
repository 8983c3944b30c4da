/* Whole-file I/O for the host tools. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/host/file.h"

uint8_t *file_read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		tern_die("%s: %s", path, strerror(errno));
	size_t cap = 1 << 20, n = 0;
	uint8_t *buf = malloc(cap);
	if (!buf)
		tern_die("%s: out of memory", path);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			uint8_t *nb = realloc(buf, cap);
			if (!nb)
				tern_die("%s: out of memory", path);
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f))
		tern_die("%s: read error: %s", path, strerror(errno));
	fclose(f);
	*len = n;
	return buf;
}

void file_write_all(const char *path, const void *data, size_t len)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		tern_die("%s: path too long", path);
	FILE *f = fopen(tmp, "wb");
	if (!f)
		tern_die("%s: %s", tmp, strerror(errno));
	if (fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		remove(tmp);
		tern_die("%s: write error: %s", path, strerror(errno));
	}
	if (rename(tmp, path) != 0) {
		remove(tmp);
		tern_die("%s: %s", path, strerror(errno));
	}
}
