/*
 * YMODEM (kernel/ymodem.c): tern's sender against tern's receiver over a
 * socketpair, each side in its own thread, with a line that can drop or
 * flip bytes; a hand-made sender of 128-byte blocks; cancels, timeouts
 * and files too large for the buffer. (lrzsz's sb and rb are the peers
 * of tests/qemu/test_shell_host.py.)
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel/crc.h"
#include "kernel/ymodem.h"

/* One end of the line. Faults apply to what this end writes: the byte
 * with index drop_at is lost, the one at flip_at has a bit flipped. */
struct end {
	int fd;
	uint64_t written;
	int64_t drop_at, flip_at;
};

static uint32_t now_ms(void *ctx)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

static void end_write(void *ctx, const void *p, size_t n)
{
	struct end *e = ctx;
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++, e->written++) {
		uint8_t c = b[i];
		if ((int64_t)e->written == e->drop_at)
			continue;
		if ((int64_t)e->written == e->flip_at)
			c ^= 0x10;
		while (send(e->fd, &c, 1, MSG_NOSIGNAL) != 1 && errno == EINTR)
			;
	}
}

static int end_read(void *ctx)
{
	struct end *e = ctx;
	uint8_t c;
	ssize_t k = recv(e->fd, &c, 1, MSG_DONTWAIT);
	if (k == 1)
		return c;
	if (k == 0)
		return -2;
	return -1;
}

static void end_wait(void *ctx, uint32_t ms)
{
	struct end *e = ctx;
	struct pollfd pf = { .fd = e->fd, .events = POLLIN };
	poll(&pf, 1, (int)ms);
}

static struct ymodem_io io_for(struct end *e)
{
	struct ymodem_io io = {
		.write = end_write,
		.read_byte = end_read,
		.now_ms = now_ms,
		.wait = end_wait,
		.ctx = e,
		.start_ms = 3000,
		.block_ms = 300,
	};
	return io;
}

struct line {
	struct end a, b; /* a: the sender's end, b: the receiver's */
};

static void line_open(struct line *l)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	memset(l, 0, sizeof(*l));
	l->a.fd = sv[0];
	l->b.fd = sv[1];
	l->a.drop_at = l->a.flip_at = l->b.drop_at = l->b.flip_at = -1;
}

static void line_close(struct line *l)
{
	close(l->a.fd);
	close(l->b.fd);
}

/* The sender in a thread. */
struct send_job {
	struct end *e;
	const uint8_t *data;
	size_t n;
	bool ok;
	char err[200];
	struct ymodem_stats stats;
};

static void *send_thread(void *arg)
{
	struct send_job *j = arg;
	struct ymodem_io io = io_for(j->e);
	j->ok = ymodem_send(&io, "test.bin", j->data, j->n, &j->stats, j->err, sizeof(j->err));
	return NULL;
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1664525u + 1013904223u;
		p[i] = (uint8_t)(seed >> 24);
	}
}

/* Send n bytes from a to b with the faults set on l; the receiver's
 * result. */
static bool transfer(struct line *l, const uint8_t *data, size_t n, uint8_t *out, size_t cap,
		     size_t *len, char *name, struct send_job *job, char *err)
{
	pthread_t t;
	job->e = &l->a;
	job->data = data;
	job->n = n;
	assert_int_equal(pthread_create(&t, NULL, send_thread, job), 0);
	struct ymodem_io io = io_for(&l->b);
	struct ymodem_stats st;
	bool ok = ymodem_recv(&io, out, cap, len, name, 64, &st, err, 200);
	if (!ok) /* the sender gives up too: unblock it */
		shutdown(l->b.fd, SHUT_RDWR);
	pthread_join(t, NULL);
	return ok;
}

static void test_round_trip_sizes(void **state)
{
	static const size_t sizes[] = { 0, 1, 127, 128, 1023, 1024, 1025, 5000, 70000 };
	uint8_t *data = malloc(70000), *out = malloc(80000);
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct line l;
		struct send_job job = { 0 };
		char name[64], err[200];
		size_t len = 0;
		fill(data, sizes[i], (uint32_t)i);
		line_open(&l);
		if (!transfer(&l, data, sizes[i], out, 80000, &len, name, &job, err))
			fail_msg("%zu bytes: receiver: %s", sizes[i], err);
		if (!job.ok)
			fail_msg("%zu bytes: sender: %s", sizes[i], job.err);
		assert_int_equal(len, sizes[i]);
		assert_memory_equal(out, data, sizes[i]);
		assert_string_equal(name, "test.bin");
		assert_int_equal(job.stats.blocks, (sizes[i] + 1023) / 1024);
		assert_int_equal(job.stats.retries, 0);
		line_close(&l);
	}
	free(data);
	free(out);
}

/* A byte flipped in a data block: the CRC catches it, the block is NAKed
 * and sent again. A byte lost: the block is short, it times out, it is
 * NAKed and sent again. An ACK lost: the sender sends the block again and
 * the receiver takes it as the duplicate it is. */
static void test_faults_recovered(void **state)
{
	enum { N = 4000 };
	uint8_t data[N], out[N + 100];
	fill(data, N, 42);
	struct {
		int64_t a_flip, a_drop, b_drop;
	} cases[] = {
		{ 133 + 1029 + 500, -1, -1 },  /* in data block 2 */
		{ -1, 133 + 700, -1 },         /* in data block 1 */
		{ -1, -1, 3 },                 /* the receiver's ACK of block 1 */
	};
	for (unsigned i = 0; i < 3; i++) {
		struct line l;
		struct send_job job = { 0 };
		char name[64], err[200];
		size_t len = 0;
		line_open(&l);
		l.a.flip_at = cases[i].a_flip;
		l.a.drop_at = cases[i].a_drop;
		l.b.drop_at = cases[i].b_drop;
		if (!transfer(&l, data, N, out, sizeof(out), &len, name, &job, err))
			fail_msg("case %u: receiver: %s", i, err);
		if (!job.ok)
			fail_msg("case %u: sender: %s", i, job.err);
		assert_int_equal(len, N);
		assert_memory_equal(out, data, N);
		assert_true(job.stats.retries >= 1);
		line_close(&l);
	}
}

static void test_file_too_large(void **state)
{
	uint8_t data[3000], out[2000];
	struct line l;
	struct send_job job = { 0 };
	char name[64], err[200];
	size_t len;
	fill(data, sizeof(data), 1);
	line_open(&l);
	assert_false(transfer(&l, data, sizeof(data), out, sizeof(out), &len, name, &job, err));
	assert_non_null(strstr(err, "do not fit"));
	assert_false(job.ok);
	assert_non_null(strstr(job.err, "cancelled by the receiver"));
	line_close(&l);
}

static void test_no_peer_times_out(void **state)
{
	struct line l;
	char err[200];
	uint8_t buf[16];
	size_t len;
	line_open(&l);
	struct ymodem_io io = io_for(&l.b);
	io.start_ms = 300;
	assert_false(ymodem_recv(&io, buf, sizeof(buf), &len, NULL, 0, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "no sender"));
	io = io_for(&l.a);
	io.start_ms = 300;
	/* the receiver's end has 'C's waiting from the attempt above: drain */
	while (end_read(&l.a) >= 0)
		;
	assert_false(ymodem_send(&io, "x", buf, sizeof(buf), NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "no receiver"));
	line_close(&l);
}

/* A sender of the old school: 128-byte blocks (SOH), no size in block 0
 * (the receiver then cuts the SUB padding), EOT answered at once. */
static void *old_sender(void *arg)
{
	struct end *e = arg;
	uint8_t blk[133];
	int c;
	static const char text[] = "hello, 128-byte world";
	do
		c = end_read(e);
	while (c != 'C');
	for (int seq = 0; seq < 2; seq++) {
		memset(blk, seq ? YMODEM_SUB : 0, sizeof(blk));
		blk[0] = YMODEM_SOH;
		blk[1] = (uint8_t)seq;
		blk[2] = (uint8_t)~seq;
		if (seq)
			memcpy(blk + 3, text, sizeof(text) - 1);
		else
			memcpy(blk + 3, "old.txt", 8);
		uint16_t crc = crc_16_xmodem(0, blk + 3, 128);
		blk[131] = (uint8_t)(crc >> 8);
		blk[132] = (uint8_t)crc;
		end_write(e, blk, sizeof(blk));
		do
			c = end_read(e);
		while (c != YMODEM_ACK);
	}
	for (;;) { /* EOT until ACKed (NAK first) */
		uint8_t eot = YMODEM_EOT;
		end_write(e, &eot, 1);
		do
			c = end_read(e);
		while (c != YMODEM_ACK && c != YMODEM_NAK);
		if (c == YMODEM_ACK)
			break;
	}
	do
		c = end_read(e);
	while (c != 'C');
	memset(blk, 0, sizeof(blk));
	blk[0] = YMODEM_SOH;
	blk[2] = 0xff;
	end_write(e, blk, sizeof(blk)); /* CRC of zeros is zero */
	return NULL;
}

static void test_receiver_takes_128_byte_blocks(void **state)
{
	struct line l;
	pthread_t t;
	char name[64], err[200];
	uint8_t out[512];
	size_t len;
	line_open(&l);
	assert_int_equal(pthread_create(&t, NULL, old_sender, &l.a), 0);
	struct ymodem_io io = io_for(&l.b);
	if (!ymodem_recv(&io, out, sizeof(out), &len, name, sizeof(name), NULL, err, sizeof(err)))
		fail_msg("%s", err);
	pthread_join(t, NULL);
	assert_string_equal(name, "old.txt");
	assert_int_equal(len, strlen("hello, 128-byte world"));
	assert_memory_equal(out, "hello, 128-byte world", len);
	line_close(&l);
}

/* CAN CAN from the receiver stops the sender at once; Ctrl-C from a
 * person waiting for the sender stops the receiver. */
static void *cancel_after_block0(void *arg)
{
	struct end *e = arg;
	uint8_t c = 'C';
	end_write(e, &c, 1);
	int k;
	do
		k = end_read(e);
	while (k != YMODEM_SOH);
	static const uint8_t can[] = { YMODEM_CAN, YMODEM_CAN };
	usleep(20000);
	end_write(e, can, 2);
	return NULL;
}

static void test_cancel(void **state)
{
	struct line l;
	pthread_t t;
	char err[200];
	uint8_t data[2000] = { 0 };
	line_open(&l);
	assert_int_equal(pthread_create(&t, NULL, cancel_after_block0, &l.b), 0);
	struct ymodem_io io = io_for(&l.a);
	assert_false(ymodem_send(&io, "f", data, sizeof(data), NULL, err, sizeof(err)));
	pthread_join(t, NULL);
	assert_non_null(strstr(err, "cancelled by the receiver"));
	line_close(&l);

	line_open(&l);
	uint8_t ctrl_c = 0x03;
	end_write(&l.a, &ctrl_c, 1);
	size_t len;
	io = io_for(&l.b);
	assert_false(ymodem_recv(&io, data, sizeof(data), &len, NULL, 0, NULL, err, sizeof(err)));
	assert_non_null(strstr(err, "Ctrl-C"));
	line_close(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_sizes),
		cmocka_unit_test(test_faults_recovered),
		cmocka_unit_test(test_file_too_large),
		cmocka_unit_test(test_no_peer_times_out),
		cmocka_unit_test(test_receiver_takes_128_byte_blocks),
		cmocka_unit_test(test_cancel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
