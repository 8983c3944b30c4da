/*
 * Text frames: a binary file (a snapshot, a guest image) as lines a person
 * can copy from a terminal log and paste back, and a program can capture
 * from a serial port:
 *
 *   tern-snapshot v1 len=34567 crc32=1c291ca3
 *   UUVWTQAAAAMHAAAACHZpcnQtNy4yAAAAAQUaY29uZmlndXJhdGlvbi90YXJnZXQtcGFnZS1i
 *   ...                       (base64, 76 characters = 57 bytes a line)
 *   dGVybiBlbmQ=
 *   tern-snapshot end
 *
 * len is the byte count (decimal), crc32 the CRC-32 (IEEE, as zlib) of the
 * bytes, 8 lowercase hex digits. "snapshot" is the frame's kind; a guest
 * image travels as "tern-image". Lines end in "\r\n" or "\n" (both are
 * read); blank lines are skipped. The decoder checks everything: header,
 * alphabet, line lengths, padding, length and CRC, and says in one line
 * what was wrong.
 */
#ifndef TERN_KERNEL_FRAME_H
#define TERN_KERNEL_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FRAME_LINE_BYTES 57u   /* bytes a full base64 line carries */
#define FRAME_LINE_CHARS 76u   /* its characters */
#define FRAME_MAX_LINE   128u  /* longest line the decoder looks at */

/* ---- encoder ---- */

typedef void (*frame_put_fn)(void *ctx, const char *s, size_t n);

/*
 * Write buf[0, n) as a frame of `kind` through `put`, each line ending in
 * `eol`. Returns the characters written (what a 115200-baud line carries).
 */
size_t frame_encode(const char *kind, const uint8_t *buf, size_t n,
		      const char *eol, frame_put_fn put, void *ctx);

/* ---- decoder ---- */

enum frame_status {
	FRAME_MORE,   /* give it the next line */
	FRAME_DONE,   /* the end line came and everything checked out */
	FRAME_ERROR,  /* d->error says why; later lines are refused too */
};

struct frame_dec {
	char kind[16];
	uint8_t *buf;        /* the decoded bytes go here */
	size_t cap;
	uint64_t len;        /* from the header */
	uint32_t crc_want;
	uint32_t crc;        /* of the bytes so far */
	size_t got;
	unsigned line;       /* lines seen, blank ones included */
	bool have_header;
	bool short_line;     /* a data line shorter than a full one came */
	enum frame_status status;
	char error[160];     /* one line, no newline */
};

/* Decode a frame of `kind` into buf (cap bytes). */
void frame_dec_init(struct frame_dec *d, const char *kind, uint8_t *buf,
		    size_t cap);

/*
 * One line, without its line ending ('\r' before it is stripped here).
 * n may exceed FRAME_MAX_LINE for a line the caller could not keep whole;
 * then only n is looked at.
 */
enum frame_status frame_dec_line(struct frame_dec *d, const char *line,
				 size_t n);

/* True if the line is a header of `kind` (for tools that scan a log),
 * or its end line (trailing '\r' and blanks allowed). */
bool frame_is_header(const char *kind, const char *line, size_t n);
bool frame_is_end(const char *kind, const char *line, size_t n);

#endif
