/*
 * Text frames (see frame.h). The decoder is fed a line at a time, so the
 * shell keeps running guests while a frame is pasted; it writes straight
 * into the caller's buffer and keeps the CRC as it goes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/base64.h"
#include "kernel/crc.h"
#include "kernel/frame.h"

/* ---- encoder ---- */

size_t frame_encode(const char *kind, const uint8_t *buf, size_t n,
		    const char *eol, frame_put_fn put, void *ctx)
{
	char line[FRAME_LINE_CHARS + 96];
	size_t eol_len = strlen(eol), chars = 0;
	int k = snprintf(line, sizeof(line), "tern-%s v1 len=%zu crc32=%08lx%s", kind, n,
			 (unsigned long)crc_32(0, buf, n), eol);
	put(ctx, line, (size_t)k);
	chars += (size_t)k;
	for (size_t off = 0; off < n; off += FRAME_LINE_BYTES) {
		size_t take = n - off < FRAME_LINE_BYTES ? n - off : FRAME_LINE_BYTES;
		size_t m = base64_encode(buf + off, take, line);
		memcpy(line + m, eol, eol_len);
		put(ctx, line, m + eol_len);
		chars += m + eol_len;
	}
	k = snprintf(line, sizeof(line), "tern-%s end%s", kind, eol);
	put(ctx, line, (size_t)k);
	return chars + (size_t)k;
}

/* ---- decoder ---- */

void frame_dec_init(struct frame_dec *d, const char *kind, uint8_t *buf,
		    size_t cap)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->kind, sizeof(d->kind), "%s", kind);
	d->buf = buf;
	d->cap = cap;
	d->status = FRAME_MORE;
}

static enum frame_status frame_fail(struct frame_dec *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static enum frame_status frame_fail(struct frame_dec *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->error, sizeof(d->error), fmt, ap);
	va_end(ap);
	d->status = FRAME_ERROR;
	return FRAME_ERROR;
}

/* Consume `word` at *p; true if it was there. */
static bool eat(const char **p, const char *end, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(end - *p) < n || memcmp(*p, word, n))
		return false;
	*p += n;
	return true;
}

/* Decimal digits at *p, at most 12 (a snapshot is far below a TB). */
static bool eat_decimal(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	*v = 0;
	while (*p < end && **p >= '0' && **p <= '9' && *p - s < 12)
		*v = *v * 10 + (uint64_t)(*(*p)++ - '0');
	return *p > s && (*p == end || **p < '0' || **p > '9');
}

static bool eat_hex8(const char **p, const char *end, uint32_t *v)
{
	*v = 0;
	if (end - *p < 8)
		return false;
	for (int i = 0; i < 8; i++) {
		unsigned c = (unsigned char)*(*p)++, x = c - '0';
		if (x > 9 && (x = (c | 0x20) - 'a' + 10) - 10 > 5)
			return false;
		*v = *v << 4 | x;
	}
	return true;
}

static const char *trim_end(const char *s, const char *end)
{
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end;
}

/* "tern-KIND v1 len=N crc32=XXXXXXXX"; false with the reason in d->error. */
static bool parse_header(struct frame_dec *d, const char *p, const char *end)
{
	uint64_t len;
	uint32_t crc;
	char want[40];
	snprintf(want, sizeof(want), "tern-%s ", d->kind);
	end = trim_end(p, end);
	if (!eat(&p, end, want)) {
		frame_fail(d, "expected a 'tern-%s v1 len=N crc32=XXXXXXXX' line", d->kind);
		return false;
	}
	if (!eat(&p, end, "v1 ")) {
		frame_fail(d, "header: not a version 1 frame (tern reads 'tern-%s v1')", d->kind);
		return false;
	}
	if (!eat(&p, end, "len=") || !eat_decimal(&p, end, &len) || !eat(&p, end, " ") ||
	    !eat(&p, end, "crc32=") || !eat_hex8(&p, end, &crc) || p != end) {
		frame_fail(d, "header: expected 'len=N crc32=XXXXXXXX' after 'tern-%s v1'", d->kind);
		return false;
	}
	if (len > d->cap) {
		frame_fail(d, "header: %llu bytes do not fit tern's %zu-byte receive buffer",
			   (unsigned long long)len, d->cap);
		return false;
	}
	d->len = len;
	d->crc_want = crc;
	d->have_header = true;
	return true;
}

static bool is_end_line(const struct frame_dec *d, const char *p, const char *end)
{
	char want[40];
	int n = snprintf(want, sizeof(want), "tern-%s end", d->kind);
	end = trim_end(p, end);
	return end - p == n && !memcmp(p, want, (size_t)n);
}

static enum frame_status data_line(struct frame_dec *d, const char *p, size_t n)
{
	uint8_t bytes[FRAME_LINE_BYTES];
	size_t m;
	if (n > FRAME_LINE_CHARS)
		return frame_fail(d, "line %u: %zu characters, longer than a frame line (%u)",
				  d->line, n, FRAME_LINE_CHARS);
	for (size_t i = 0; i < n; i++) {
		if (!base64_is_char(p[i]) && p[i] != '=')
			return frame_fail(d, "line %u: neither base64 nor 'tern-%s end' "
					  "(character 0x%02x at column %zu)", d->line, d->kind,
					  (unsigned)(uint8_t)p[i], i + 1);
	}
	if (d->short_line)
		return frame_fail(d, "line %u: data after a short line (lines lost or joined?)",
				  d->line);
	if (!base64_decode(p, n, bytes, &m))
		return frame_fail(d, "line %u: bad base64 (length %zu or padding)", d->line, n);
	if (n < FRAME_LINE_CHARS)
		d->short_line = true;
	if (m > d->len - d->got)
		return frame_fail(d, "line %u: more data than the header's len=%llu", d->line,
				  (unsigned long long)d->len);
	memcpy(d->buf + d->got, bytes, m);
	d->crc = crc_32(d->crc, bytes, m);
	d->got += m;
	return FRAME_MORE;
}

enum frame_status frame_dec_line(struct frame_dec *d, const char *line, size_t n)
{
	if (d->status != FRAME_MORE)
		return d->status;
	d->line++;
	if (n <= FRAME_MAX_LINE && n && line[n - 1] == '\r')
		n--;
	if (n == 0)
		return FRAME_MORE; /* a terminal's blank line */
	if (n > FRAME_MAX_LINE)
		return frame_fail(d, "line %u: %zu characters, longer than a frame line (%u)",
				  d->line, n, FRAME_LINE_CHARS);
	const char *end = line + n;
	if (!d->have_header)
		return parse_header(d, line, end) ? FRAME_MORE : FRAME_ERROR;
	if (is_end_line(d, line, end)) {
		if (d->got != d->len)
			return frame_fail(d, "frame cut: %zu of the header's %llu bytes came",
					  d->got, (unsigned long long)d->len);
		if (d->crc != d->crc_want)
			return frame_fail(d, "CRC-32 mismatch: the header says %08lx, the data "
					  "has %08lx", (unsigned long)d->crc_want,
					  (unsigned long)d->crc);
		d->status = FRAME_DONE;
		return FRAME_DONE;
	}
	return data_line(d, line, n);
}

bool frame_is_header(const char *kind, const char *line, size_t n)
{
	char want[40];
	int k = snprintf(want, sizeof(want), "tern-%s v1 ", kind);
	return n >= (size_t)k && !memcmp(line, want, (size_t)k);
}

bool frame_is_end(const char *kind, const char *line, size_t n)
{
	char want[40];
	int k = snprintf(want, sizeof(want), "tern-%s end", kind);
	while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	return n == (size_t)k && !memcmp(line, want, n);
}
