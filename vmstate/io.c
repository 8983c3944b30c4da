/*
 * Byte sinks and sources. A source is a window of bytes: a buffer source is
 * one window over the whole input; a callback source refills its window
 * (keeping unread bytes) so that peeks of up to VMS_IN_MIN_WINDOW bytes work
 * on a serial line too.
 */
#include <stdarg.h>
#include <string.h>

#include "vmstate/io.h"

/* ---- errors ---- */

static void error_vset(struct vms_error *err, uint64_t offset, const char *prefix,
		       const char *fmt, va_list ap)
{
	if (!err || err->set)
		return;
	err->set = true;
	err->offset = offset;
	size_t n = (size_t)snprintf(err->msg, sizeof(err->msg), "%s", prefix);
	if (n < sizeof(err->msg))
		vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
	/* Names quoted from the stream may hold control bytes: one line. */
	for (char *c = err->msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
}

static bool fail_at(struct vms_in *in, uint64_t off, const char *fmt,
		    va_list ap)
{
	char prefix[160];
	int n = snprintf(prefix, sizeof(prefix), "byte %llu: ", (unsigned long long)off);
	if (in->section)
		n += snprintf(prefix + n, sizeof(prefix) - (size_t)n, "section '%s', ",
			      in->section);
	if (in->field && n < (int)sizeof(prefix))
		snprintf(prefix + n, sizeof(prefix) - (size_t)n, "field '%s': ", in->field);
	error_vset(in->err, off, prefix, fmt, ap);
	in->failed = true;
	in->len = in->pos; /* nothing more can be read */
	in->fill = NULL;
	in->eof = true;
	return false;
}

bool vms_fail(struct vms_in *in, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_at(in, vms_in_tell(in), fmt, ap);
	va_end(ap);
	return false;
}

bool vms_fail_at(struct vms_in *in, uint64_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_at(in, at, fmt, ap);
	va_end(ap);
	return false;
}

/* ---- sources ---- */

void vms_in_buffer(struct vms_in *in, const void *buf, size_t len,
		   struct vms_error *err)
{
	memset(in, 0, sizeof(*in));
	in->buf = buf;
	in->len = len;
	in->limit = UINT64_MAX;
	in->eof = true;
	in->err = err;
}

void vms_in_callback(struct vms_in *in, vms_fill_fn fill, void *ctx,
		     uint8_t *win, size_t wincap, struct vms_error *err)
{
	memset(in, 0, sizeof(*in));
	in->buf = win;
	in->win = win;
	in->wincap = wincap;
	in->fill = fill;
	in->ctx = ctx;
	in->limit = UINT64_MAX;
	in->err = err;
}

bool vms_in_failed(const struct vms_in *in)
{
	return in->failed;
}

uint64_t vms_in_tell(const struct vms_in *in)
{
	return in->base + in->pos;
}

/* Try to have at least n unread bytes in the window. */
static size_t in_ensure(struct vms_in *in, size_t n)
{
	size_t avail = in->len - in->pos;
	if (avail >= n || !in->fill || in->eof)
		return avail;
	if (in->pos) { /* slide unread bytes to the front */
		memmove(in->win, in->win + in->pos, avail);
		in->base += in->pos;
		in->pos = 0;
		in->len = avail;
	}
	while (in->len < n && in->len < in->wincap) {
		size_t got = in->fill(in->ctx, in->win + in->len, in->wincap - in->len);
		if (!got) {
			in->eof = true;
			break;
		}
		in->len += got;
	}
	return in->len - in->pos;
}

uint64_t vms_in_remaining(struct vms_in *in)
{
	uint64_t avail = in_ensure(in, 1);
	if (in->limit != UINT64_MAX) {
		uint64_t to_limit = in->limit - vms_in_tell(in);
		if (to_limit < avail)
			avail = to_limit;
	}
	return avail;
}

bool vms_in_at_end(struct vms_in *in)
{
	return vms_in_remaining(in) == 0;
}

/* Check that n bytes can be read; fail naming the shortfall if not. */
static bool in_need(struct vms_in *in, size_t n)
{
	if (vms_in_failed(in))
		return false;
	size_t avail = in_ensure(in, n);
	if (in->limit != UINT64_MAX && vms_in_tell(in) + n > in->limit)
		return vms_fail(in, "runs past the end of its record (%zu bytes wanted, %llu left)",
				n, (unsigned long long)(in->limit - vms_in_tell(in)));
	if (avail < n)
		return vms_fail(in, "stream truncated (%zu bytes wanted, %zu left)", n, avail);
	return true;
}

const uint8_t *vms_get_span(struct vms_in *in, size_t n)
{
	if (in->fill && n > in->wincap)
		return vms_fail(in, "read of %zu bytes exceeds the window", n), NULL;
	if (!in_need(in, n))
		return NULL;
	const uint8_t *p = in->buf + in->pos;
	in->pos += n;
	return p;
}

const uint8_t *vms_peek(struct vms_in *in, size_t n)
{
	if (vms_in_failed(in) || (in->fill && n > in->wincap))
		return NULL;
	if (in_ensure(in, n) < n)
		return NULL;
	if (in->limit != UINT64_MAX && vms_in_tell(in) + n > in->limit)
		return NULL;
	return in->buf + in->pos;
}

bool vms_get_bytes(struct vms_in *in, void *dst, size_t n)
{
	uint8_t *d = dst;
	while (n) {
		size_t chunk = n;
		if (in->fill && chunk > in->wincap)
			chunk = in->wincap;
		const uint8_t *p = vms_get_span(in, chunk);
		if (!p)
			return false;
		memcpy(d, p, chunk);
		d += chunk;
		n -= chunk;
	}
	return true;
}

bool vms_skip(struct vms_in *in, size_t n)
{
	while (n) {
		size_t chunk = n;
		if (in->fill && chunk > in->wincap)
			chunk = in->wincap;
		if (!vms_get_span(in, chunk))
			return false;
		n -= chunk;
	}
	return true;
}

bool vms_get_uint(struct vms_in *in, unsigned n, uint64_t *v)
{
	const uint8_t *p;
	/* Fast path: the bytes are in the window and no limit is near. */
	if (in->len - in->pos >= n && in->limit == UINT64_MAX && !in->failed) {
		p = in->buf + in->pos;
		in->pos += n;
	} else {
		p = vms_get_span(in, n);
	}
	if (!p)
		return false;
	uint64_t x = 0;
	for (unsigned i = 0; i < n; i++)
		x = x << 8 | p[i];
	*v = x;
	return true;
}

bool vms_get_u8(struct vms_in *in, uint8_t *v)
{
	const uint8_t *p = vms_get_span(in, 1);
	if (p)
		*v = *p;
	return p != NULL;
}

bool vms_get_be16(struct vms_in *in, uint16_t *v)
{
	uint64_t x;
	if (!vms_get_uint(in, 2, &x))
		return false;
	*v = (uint16_t)x;
	return true;
}

bool vms_get_be32(struct vms_in *in, uint32_t *v)
{
	uint64_t x;
	if (!vms_get_uint(in, 4, &x))
		return false;
	*v = (uint32_t)x;
	return true;
}

bool vms_get_be64(struct vms_in *in, uint64_t *v)
{
	return vms_get_uint(in, 8, v);
}

/* ---- sinks ---- */

void vms_out_buffer(struct vms_out *out, void *buf, size_t cap,
		    struct vms_error *err)
{
	memset(out, 0, sizeof(*out));
	out->buf = buf;
	out->cap = cap;
	out->err = err;
}

void vms_out_callback(struct vms_out *out, vms_flush_fn flush, void *ctx,
		      uint8_t *stage, size_t stagecap, struct vms_error *err)
{
	vms_out_buffer(out, stage, stagecap, err);
	out->flush = flush;
	out->ctx = ctx;
}

static bool discard(void *ctx, const uint8_t *p, size_t n)
{
	return true;
}

void vms_out_counter(struct vms_out *out, struct vms_error *err)
{
	static uint8_t scratch[256]; /* write-only: contents never read */
	vms_out_callback(out, discard, NULL, scratch, sizeof(scratch), err);
}

uint64_t vms_out_tell(const struct vms_out *out)
{
	return out->flushed + out->len;
}

bool vms_out_fail(struct vms_out *out, const char *fmt, ...)
{
	char prefix[48];
	snprintf(prefix, sizeof(prefix), "byte %llu: ",
		 (unsigned long long)vms_out_tell(out));
	va_list ap;
	va_start(ap, fmt);
	error_vset(out->err, vms_out_tell(out), prefix, fmt, ap);
	va_end(ap);
	out->failed = true;
	return false;
}

bool vms_out_flush(struct vms_out *out)
{
	if (out->failed)
		return false;
	if (!out->flush || !out->len)
		return true;
	if (!out->flush(out->ctx, out->buf, out->len)) {
		out->len = 0; /* name the first byte not written */
		return vms_out_fail(out, "write failed");
	}
	out->flushed += out->len;
	out->len = 0;
	return true;
}

bool vms_put_bytes(struct vms_out *out, const void *p, size_t n)
{
	const uint8_t *s = p;
	if (out->failed)
		return false;
	while (n) {
		size_t room = out->cap - out->len;
		if (!room) {
			if (!out->flush)
				return vms_out_fail(out, "output buffer full (%zu bytes)", out->cap);
			if (!vms_out_flush(out))
				return false;
			/* Large blocks go straight through, skipping the stage. */
			if (n >= out->cap) {
				if (!out->flush(out->ctx, s, n))
					return vms_out_fail(out, "write failed");
				out->flushed += n;
				return true;
			}
			room = out->cap;
		}
		size_t chunk = n < room ? n : room;
		memcpy(out->buf + out->len, s, chunk);
		out->len += chunk;
		s += chunk;
		n -= chunk;
	}
	return true;
}

bool vms_put_fill(struct vms_out *out, uint8_t byte, size_t n)
{
	uint8_t block[64];
	memset(block, byte, sizeof(block));
	while (n) {
		size_t chunk = n < sizeof(block) ? n : sizeof(block);
		if (!vms_put_bytes(out, block, chunk))
			return false;
		n -= chunk;
	}
	return true;
}

bool vms_put_uint(struct vms_out *out, unsigned n, uint64_t v)
{
	uint8_t b[8], *d = b;
	bool direct = out->cap - out->len >= n && !out->failed;
	if (direct) /* fast path: straight into the stage */
		d = out->buf + out->len;
	for (unsigned i = 0; i < n; i++)
		d[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	if (!direct)
		return vms_put_bytes(out, b, n);
	out->len += n;
	return true;
}

bool vms_put_u8(struct vms_out *out, uint8_t v)
{
	return vms_put_bytes(out, &v, 1);
}

bool vms_put_be16(struct vms_out *out, uint16_t v)
{
	return vms_put_uint(out, 2, v);
}

bool vms_put_be32(struct vms_out *out, uint32_t v)
{
	return vms_put_uint(out, 4, v);
}

bool vms_put_be64(struct vms_out *out, uint64_t v)
{
	return vms_put_uint(out, 8, v);
}

bool vms_put_str(struct vms_out *out, const char *s)
{
	return vms_put_bytes(out, s, strlen(s));
}

bool vms_put_str8(struct vms_out *out, const char *s)
{
	size_t n = strlen(s);
	if (n > 255)
		return vms_out_fail(out, "name '%.32s...' is over 255 bytes", s);
	vms_put_u8(out, (uint8_t)n);
	return vms_put_bytes(out, s, n);
}

bool vms_printf(struct vms_out *out, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return vms_out_fail(out, "format error");
	if ((size_t)n >= sizeof(line))
		return vms_out_fail(out, "formatted text too long");
	return vms_put_bytes(out, line, (size_t)n);
}

/* ---- stdio adapters ---- */

static size_t file_fill(void *ctx, uint8_t *dst, size_t max)
{
	return fread(dst, 1, max, (FILE *)ctx);
}

static bool file_flush(void *ctx, const uint8_t *p, size_t n)
{
	return fwrite(p, 1, n, (FILE *)ctx) == n;
}

void vms_in_file(struct vms_in *in, FILE *f, uint8_t *win, size_t wincap,
		 struct vms_error *err)
{
	vms_in_callback(in, file_fill, f, win, wincap, err);
}

void vms_out_file(struct vms_out *out, FILE *f, uint8_t *stage, size_t cap,
		  struct vms_error *err)
{
	vms_out_callback(out, file_flush, f, stage, cap, err);
}
