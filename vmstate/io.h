/*
 * Byte sinks and sources for the VMState engine: over a buffer, a stdio
 * file, or a byte callback (a UART). Every read is bounds-checked; the first
 * failure is recorded in a struct vms_error as one line naming the byte
 * offset, the section and the field being decoded, and every later call
 * fails too, so callers may check once at the end.
 */
#ifndef TERN_VMSTATE_IO_H
#define TERN_VMSTATE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vms_error {
	bool set;
	uint64_t offset;  /* stream byte offset where it went wrong */
	char msg[240];    /* one line, no newline */
};

/* ---- sources ---- */
typedef size_t (*vms_fill_fn)(void *ctx, uint8_t *dst, size_t max);

struct vms_in {
	const uint8_t *buf; /* window: bytes [0, len) are valid */
	size_t len;
	size_t pos;         /* next byte to read in the window */
	uint64_t base;      /* stream offset of buf[0] */
	uint64_t limit;     /* stream offset reads may not pass (UINT64_MAX: none) */
	vms_fill_fn fill;   /* NULL: a plain buffer, nothing more to come */
	void *ctx;
	uint8_t *win;       /* window storage for fill sources */
	size_t wincap;
	bool eof;           /* fill returned 0 */
	bool failed;        /* a read failed; every later one fails too */
	const char *section; /* what is being decoded, for error messages */
	const char *field;
	struct vms_error *err;
};

void vms_in_buffer(struct vms_in *in, const void *buf, size_t len,
		   struct vms_error *err);
/* `win` must hold at least VMS_IN_MIN_WINDOW bytes (peek distance). */
#define VMS_IN_MIN_WINDOW 512
void vms_in_callback(struct vms_in *in, vms_fill_fn fill, void *ctx,
		     uint8_t *win, size_t wincap, struct vms_error *err);

bool vms_in_failed(const struct vms_in *in);
uint64_t vms_in_tell(const struct vms_in *in);
/* Bytes left before the end of a buffer source or the limit. */
uint64_t vms_in_remaining(struct vms_in *in);
bool vms_in_at_end(struct vms_in *in);

bool vms_get_u8(struct vms_in *in, uint8_t *v);
bool vms_get_be16(struct vms_in *in, uint16_t *v);
bool vms_get_be32(struct vms_in *in, uint32_t *v);
bool vms_get_be64(struct vms_in *in, uint64_t *v);
bool vms_get_bytes(struct vms_in *in, void *dst, size_t n);
/* Big-endian integer of n (1..8) bytes. */
bool vms_get_uint(struct vms_in *in, unsigned n, uint64_t *v);
bool vms_skip(struct vms_in *in, size_t n);
/* Pointer to the next n bytes without consuming them; NULL if fewer remain. */
const uint8_t *vms_peek(struct vms_in *in, size_t n);
/* Borrow the next n bytes in place (n <= window); NULL on failure. */
const uint8_t *vms_get_span(struct vms_in *in, size_t n);

/* Record a failure at the current offset: "byte N: section 'S', field 'F': msg". */
bool vms_fail(struct vms_in *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same, naming stream offset `at`: the start of an item already read. */
bool vms_fail_at(struct vms_in *in, uint64_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- sinks ---- */
typedef bool (*vms_flush_fn)(void *ctx, const uint8_t *p, size_t n);

struct vms_out {
	uint8_t *buf;     /* staging buffer (or the whole output for a buffer sink) */
	size_t cap;
	size_t len;
	uint64_t flushed; /* bytes handed to flush already */
	vms_flush_fn flush; /* NULL: fixed buffer, overflow is an error */
	void *ctx;
	bool failed;
	struct vms_error *err;
};

void vms_out_buffer(struct vms_out *out, void *buf, size_t cap,
		    struct vms_error *err);
void vms_out_callback(struct vms_out *out, vms_flush_fn flush, void *ctx,
		      uint8_t *stage, size_t stagecap, struct vms_error *err);
/* A sink that only counts (flush discards). */
void vms_out_counter(struct vms_out *out, struct vms_error *err);

uint64_t vms_out_tell(const struct vms_out *out);
bool vms_out_flush(struct vms_out *out);

bool vms_put_u8(struct vms_out *out, uint8_t v);
bool vms_put_be16(struct vms_out *out, uint16_t v);
bool vms_put_be32(struct vms_out *out, uint32_t v);
bool vms_put_be64(struct vms_out *out, uint64_t v);
bool vms_put_uint(struct vms_out *out, unsigned n, uint64_t v);
bool vms_put_bytes(struct vms_out *out, const void *p, size_t n);
bool vms_put_fill(struct vms_out *out, uint8_t byte, size_t n);
bool vms_put_str(struct vms_out *out, const char *s);
/* s after its length in one byte (QEMU's counted string); at most 255 bytes. */
bool vms_put_str8(struct vms_out *out, const char *s);
bool vms_printf(struct vms_out *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool vms_out_fail(struct vms_out *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* stdio adapters (host and picolibc both have stdio). */
#include <stdio.h>
void vms_in_file(struct vms_in *in, FILE *f, uint8_t *win, size_t wincap,
		 struct vms_error *err);
void vms_out_file(struct vms_out *out, FILE *f, uint8_t *stage, size_t cap,
		  struct vms_error *err);

#endif
