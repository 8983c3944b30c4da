/*
 * The text frames of save/restore (kernel/frame.c) and what they stand on:
 * CRC-32 and CRC-16/XMODEM check values, base64 both ways with every
 * malformed input refused, frames of every length round trip, and every
 * kind of damage (cut, bit flips, wrong CRC, wrong length, lines joined,
 * lines too long, garbage headers) refused with one line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/base64.h"
#include "kernel/crc.h"
#include "kernel/frame.h"

/* ---- CRCs ---- */

static void test_crc_check_values(void **state)
{
	assert_int_equal(crc_32(0, "123456789", 9), 0xcbf43926u);
	assert_int_equal(crc_16_xmodem(0, "123456789", 9), 0x31c3);
	assert_int_equal(crc_32(0, "", 0), 0);
	/* continuing a CRC equals one pass */
	uint32_t c = crc_32(0, "12345", 5);
	assert_int_equal(crc_32(c, "6789", 4), 0xcbf43926u);
	uint16_t d = crc_16_xmodem(0, "1234", 4);
	assert_int_equal(crc_16_xmodem(d, "56789", 5), 0x31c3);
}

/* ---- base64 ---- */

static void test_base64_rfc4648_vectors(void **state)
{
	static const char *const plain[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const coded[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=",
					     "Zm9vYmFy" };
	for (unsigned i = 0; i < 7; i++) {
		char out[16];
		uint8_t back[16];
		size_t n = base64_encode((const uint8_t *)plain[i], strlen(plain[i]), out);
		assert_int_equal(n, strlen(coded[i]));
		assert_memory_equal(out, coded[i], n);
		size_t m;
		assert_true(base64_decode(coded[i], n, back, &m));
		assert_int_equal(m, strlen(plain[i]));
		assert_memory_equal(back, plain[i], m);
	}
}

static void test_base64_refuses_malformed(void **state)
{
	static const char *const bad[] = {
		"Zm9",       /* not a multiple of 4 */
		"Zm9v!A==",  /* a character outside the alphabet */
		"Z===",      /* three pads */
		"Zg=a",      /* data after a pad */
		"Zh==",      /* non-zero bits under the padding */
		"Zm9=",      /* likewise, one pad */
		"Zg==Zm9v",  /* padding before the end */
		"Zm 9",      /* a blank */
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint8_t out[16];
		size_t m;
		if (base64_decode(bad[i], strlen(bad[i]), out, &m))
			fail_msg("'%s' was accepted", bad[i]);
	}
}

/* ---- frames ---- */

struct text {
	char *buf;
	size_t len, cap;
};

static void put(void *ctx, const char *s, size_t n)
{
	struct text *t = ctx;
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->buf = realloc(t->buf, t->cap);
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = 0;
}

static void fill_random(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

/* Feed text line by line; the final status. */
static enum frame_status decode_text(struct frame_dec *d, const char *text)
{
	enum frame_status st = FRAME_MORE;
	const char *p = text;
	while (*p && st == FRAME_MORE) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		st = frame_dec_line(d, p, n);
		p += n + (nl ? 1 : 0);
	}
	return st;
}

static char *encode(const uint8_t *data, size_t n, const char *eol)
{
	struct text t = { 0 };
	uint64_t chars = frame_encode("snapshot", data, n, eol, put, &t);
	assert_int_equal(chars, t.len);
	return t.buf;
}

static void test_frame_round_trips(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 56, 57, 58, 113, 114, 115, 1000, 65537 };
	uint8_t *data = malloc(65537), *back = malloc(65537);
	for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k];
		fill_random(data, n, (uint32_t)n);
		char *text = encode(data, n, "\r\n");
		/* the header, lines of at most 76 characters, the end line */
		char want[80];
		snprintf(want, sizeof(want), "tern-snapshot v1 len=%zu crc32=%08lx\r\n", n,
			 (unsigned long)crc_32(0, data, n));
		assert_memory_equal(text, want, strlen(want));
		unsigned lines = 0;
		for (char *p = strchr(text, '\n') + 1; *p; lines++) {
			char *nl = strchr(p, '\n');
			assert_non_null(nl);
			assert_true(nl - p - 1 <= (long)FRAME_LINE_CHARS);
			p = nl + 1;
		}
		assert_int_equal(lines, (n + 56) / 57 + 1);
		assert_non_null(strstr(text, "tern-snapshot end\r\n"));

		struct frame_dec d;
		frame_dec_init(&d, "snapshot", back, 65537);
		assert_int_equal(decode_text(&d, text), FRAME_DONE);
		assert_int_equal(d.got, n);
		assert_memory_equal(back, data, n);
		free(text);

		/* "\n" line ends, blank lines between: the same */
		text = encode(data, n, "\n\n");
		frame_dec_init(&d, "snapshot", back, 65537);
		assert_int_equal(decode_text(&d, text), FRAME_DONE);
		assert_memory_equal(back, data, n);
		free(text);
	}
	free(data);
	free(back);
}

/* Decode `text`; expect an error mentioning `what`. */
static void expect_error(const char *text, size_t cap, const char *what)
{
	static uint8_t back[1 << 16];
	struct frame_dec d;
	frame_dec_init(&d, "snapshot", back, cap);
	enum frame_status st = decode_text(&d, text);
	if (st != FRAME_ERROR)
		fail_msg("accepted (status %d) where '%s' was expected: %.200s", st, what, text);
	if (!strstr(d.error, what))
		fail_msg("error '%s' does not say '%s'", d.error, what);
	assert_null(strchr(d.error, '\n'));
	/* refused for good: later lines change nothing */
	assert_int_equal(frame_dec_line(&d, "tern-snapshot end", 17), FRAME_ERROR);
}

static void test_frame_damage_refused(void **state)
{
	uint8_t data[500];
	fill_random(data, sizeof(data), 7);
	char *good = encode(data, sizeof(data), "\n");
	size_t glen = strlen(good);
	char *t = malloc(glen + 200);

	/* a whole line lost */
	char *l2 = strchr(good, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
	snprintf(t, glen + 200, "%.*s%s", (int)(l2 - good), good, l3);
	expect_error(t, sizeof(data), "frame cut");

	/* the last line lost */
	char *end = strstr(good, "tern-snapshot end");
	char *last = end - 2;
	while (*last != '\n')
		last--;
	snprintf(t, glen + 200, "%.*s%s", (int)(last + 1 - good), good, end);
	expect_error(t, sizeof(data), "frame cut");

	/* two lines joined */
	snprintf(t, glen + 200, "%.*s%s", (int)(l3 - 1 - good), good, l3);
	expect_error(t, sizeof(data), "longer than a frame line");

	/* a wrong CRC in the header */
	strcpy(t, good);
	char *crc = strstr(t, "crc32=") + 6;
	crc[7] = crc[7] == '0' ? '1' : '0';
	expect_error(t, sizeof(data), "CRC-32 mismatch");

	/* a wrong length: more, and less, than the data */
	snprintf(t, glen + 200, "tern-snapshot v1 len=%zu%s", sizeof(data) + 1,
		 strchr(good, ' ') + strlen(" v1 len=500"));
	expect_error(t, sizeof(data) + 1, "frame cut");
	snprintf(t, glen + 200, "tern-snapshot v1 len=%zu%s", sizeof(data) - 1,
		 strchr(good, ' ') + strlen(" v1 len=500"));
	expect_error(t, sizeof(data), "more data than");

	/* more than the receive buffer holds */
	expect_error(good, sizeof(data) - 1, "do not fit");

	/* headers that are not */
	expect_error("hello\n", 100, "expected a 'tern-snapshot v1");
	expect_error("tern-snapshot v2 len=1 crc32=00000000\n", 100, "version 1");
	expect_error("tern-snapshot v1 len=1\n", 100, "expected 'len=N crc32=XXXXXXXX'");
	expect_error("tern-snapshot v1 len=x crc32=00000000\n", 100, "len=N");
	expect_error("tern-snapshot v1 len=1 crc32=0000000g\n", 100, "crc32");
	expect_error("tern-image v1 len=1 crc32=00000000\n", 100, "expected a 'tern-snapshot");

	/* a control character in the data (what a bit flip may make) */
	strcpy(t, good);
	l2 = strchr(t, '\n') + 1;
	l2[10] = 0x08;
	expect_error(t, sizeof(data), "character 0x08");

	/* a short line in the middle: lines lost or garbled */
	strcpy(t, good);
	l2 = strchr(t, '\n') + 1;
	memmove(l2 + 4, l2 + 8, strlen(l2 + 8) + 1);
	expect_error(t, sizeof(data), "data after a short line");

	/* a data line of a length base64 does not have */
	strcpy(t, good);
	l2 = strchr(t, '\n') + 1;
	memmove(l2 + 3, l2 + 4, strlen(l2 + 4) + 1);
	expect_error(t, sizeof(data), "bad base64");

	/* a very long line */
	char longline[400];
	memset(longline, 'A', sizeof(longline));
	longline[sizeof(longline) - 1] = 0;
	snprintf(t, glen + 200, "%.*s%s\n", (int)(l2 - t), good, longline);
	expect_error(t, sizeof(data), "longer than a frame line");
	free(t);
	free(good);
}

/* Every single-bit flip in the frame text is refused or, where it hits
 * a line end or the CRC's letter case, harmless: never wrong data. */
static void test_frame_every_bit_flip(void **state)
{
	uint8_t data[200], back[300];
	fill_random(data, sizeof(data), 99);
	char *good = encode(data, sizeof(data), "\n");
	size_t n = strlen(good);
	char *t = malloc(n + 1);
	unsigned refused = 0, same = 0;
	for (size_t i = 0; i < n; i++) {
		for (int b = 0; b < 8; b++) {
			memcpy(t, good, n + 1);
			t[i] ^= (char)(1 << b);
			if (!t[i])
				continue; /* a NUL would end the C string, not the frame */
			struct frame_dec d;
			frame_dec_init(&d, "snapshot", back, sizeof(back));
			enum frame_status st = decode_text(&d, t);
			if (st == FRAME_DONE) {
				assert_int_equal(d.got, sizeof(data));
				assert_memory_equal(back, data, sizeof(data));
				same++;
			} else {
				refused++;
			}
		}
	}
	assert_true(refused > 8 * n * 9 / 10);
	(void)same;
	free(t);
	free(good);
}

static void test_frame_is_header_and_end(void **state)
{
	assert_true(frame_is_header("snapshot", "tern-snapshot v1 len=3 crc32=00000000", 37));
	assert_false(frame_is_header("snapshot", "tern-snapshot end", 17));
	assert_true(frame_is_end("snapshot", "tern-snapshot end\r", 18));
	assert_true(frame_is_end("snapshot", "tern-snapshot end  ", 19));
	assert_false(frame_is_end("snapshot", "tern-snapshot ends", 18));
	assert_false(frame_is_end("image", "tern-snapshot end", 17));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_check_values),
		cmocka_unit_test(test_base64_rfc4648_vectors),
		cmocka_unit_test(test_base64_refuses_malformed),
		cmocka_unit_test(test_frame_round_trips),
		cmocka_unit_test(test_frame_damage_refused),
		cmocka_unit_test(test_frame_every_bit_flip),
		cmocka_unit_test(test_frame_is_header_and_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
