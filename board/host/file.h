/* Whole-file I/O for the host tools. */
#ifndef TERN_BOARD_HOST_FILE_H
#define TERN_BOARD_HOST_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Read all of `path` (malloc'd; exits with one line on failure). */
uint8_t *file_read_all(const char *path, size_t *len);
/* Write `len` bytes to `path` atomically (temp file + rename). */
void file_write_all(const char *path, const void *data, size_t len);

/* `tern bench` */
int bench_main(void);

void tern_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif

