/*
 * YMODEM sender and receiver (see ymodem.h). Timeouts come from the
 * caller's clock; every wait is bounded, and a peer that vanishes ends the
 * transfer with a line saying where.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/crc.h"
#include "kernel/ymodem.h"

#define YM_START_MS   60000u  /* a person starts the other side */
#define YM_BLOCK_MS   10000u  /* an answer to a block */
#define YM_CHAR_MS    1000u   /* between the bytes of a block */
#define YM_QUIET_MS   200u    /* silence that ends a garbled block */
#define YM_POKE_MS    1000u   /* the receiver's 'C' while nothing comes */
#define YM_RETRIES    10u
#define YM_CTRL_C     0x03
#define YM_SETTLE_MS  20u     /* before a block: the receiver's purge */

struct ym {
	const struct ymodem_io *io;
	struct ymodem_stats *stats;
	char *err;
	size_t errcap;
	uint32_t start_ms, block_ms;
};

static bool ym_fail(struct ym *y, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool ym_fail(struct ym *y, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(y->err, y->errcap, fmt, ap);
	va_end(ap);
	return false;
}

static void put(struct ym *y, const void *p, size_t n)
{
	y->io->write(y->io->ctx, p, n);
	y->stats->line_bytes += n;
}

static void put1(struct ym *y, uint8_t c)
{
	put(y, &c, 1);
}

/* A byte within ms; -1 on timeout, -2 when input has ended. */
static int get(struct ym *y, uint32_t ms)
{
	const struct ymodem_io *io = y->io;
	uint32_t t0 = io->now_ms(io->ctx);
	for (;;) {
		int c = io->read_byte(io->ctx);
		if (c != -1)
			return c;
		uint32_t spent = io->now_ms(io->ctx) - t0;
		if (spent >= ms)
			return -1;
		if (io->wait)
			io->wait(io->ctx, ms - spent);
	}
}

/*
 * Before a block (or EOT) goes out. lrzsz's rb flushes its input right
 * after it sends 'C' or an ACK (purgeline() after flushmo()): a block sent
 * the moment that 'C' or ACK arrives can be thrown away unseen, and costs
 * a 5-10 s timeout, so the sender waits a moment first. What comes
 * meanwhile is stale: a second ACK for a block sent twice (its first ACK
 * lost, then a NAK and a timeout both asked again) would otherwise be
 * taken for the ACK of the next one, and the two sides would drift a
 * block apart. Only a cancel counts.
 */
static bool settle(struct ym *y)
{
	const struct ymodem_io *io = y->io;
	uint32_t t0 = io->now_ms(io->ctx);
	bool can = false;
	while (io->now_ms(io->ctx) - t0 < YM_SETTLE_MS) {
		int c = io->read_byte(io->ctx);
		if (c == YMODEM_CAN) {
			if (can)
				return false;
			can = true;
			continue;
		}
		if (c >= 0) {
			can = false;
			continue;
		}
		if (c == -2)
			return true; /* the next read says so */
		if (io->wait)
			io->wait(io->ctx, YM_SETTLE_MS - (io->now_ms(io->ctx) - t0));
	}
	return true;
}

/* Read until the line is quiet: what is left of a garbled block. */
static void purge(struct ym *y)
{
	while (get(y, YM_QUIET_MS) >= 0)
		;
}

/* Lrzsz's way to stop the other side: CANs, then backspaces over them
 * in case a terminal was listening. */
static void cancel(struct ym *y)
{
	static const uint8_t can[] = { YMODEM_CAN, YMODEM_CAN, YMODEM_CAN, YMODEM_CAN,
				       YMODEM_CAN, YMODEM_CAN, YMODEM_CAN, YMODEM_CAN,
				       8, 8, 8, 8, 8, 8, 8, 8 };
	put(y, can, sizeof(can));
}

/* After one CAN: true if a second one follows (the peer cancelled). */
static bool second_can(struct ym *y)
{
	return get(y, YM_CHAR_MS) == YMODEM_CAN;
}

static void ym_setup(struct ym *y, const struct ymodem_io *io, struct ymodem_stats *stats,
		     struct ymodem_stats *local, char *err, size_t errcap)
{
	memset(y, 0, sizeof(*y));
	y->io = io;
	y->stats = stats ? stats : local;
	memset(y->stats, 0, sizeof(*y->stats));
	y->err = err;
	y->errcap = errcap;
	y->start_ms = io->start_ms ? io->start_ms : YM_START_MS;
	y->block_ms = io->block_ms ? io->block_ms : YM_BLOCK_MS;
}

/* ---- sender ---- */

enum wait_result { WAIT_OK, WAIT_TIMEOUT, WAIT_FAIL };

/* Wait for the receiver's 'C'; on WAIT_TIMEOUT err says so too. */
static enum wait_result wait_crc(struct ym *y, uint32_t ms, const char *what)
{
	uint32_t t0 = y->io->now_ms(y->io->ctx);
	for (;;) {
		uint32_t spent = y->io->now_ms(y->io->ctx) - t0;
		if (spent >= ms) {
			ym_fail(y, "no receiver: nothing asked for %s in %u s", what,
				(unsigned)(ms / 1000));
			return WAIT_TIMEOUT;
		}
		int c = get(y, ms - spent);
		if (c == YMODEM_CRC)
			return WAIT_OK;
		if (c == -2)
			return ym_fail(y, "the line closed while waiting for the receiver"), WAIT_FAIL;
		if (c == YMODEM_CAN && second_can(y))
			return ym_fail(y, "cancelled by the receiver"), WAIT_FAIL;
		if (c == YM_CTRL_C) {
			cancel(y);
			return ym_fail(y, "cancelled (Ctrl-C)"), WAIT_FAIL;
		}
		/* anything else (a NAK for checksum mode, noise): wait on */
	}
}

/* A block as it goes on the line: SOH or STX, seq, ~seq, data, CRC-16. */
static void frame_block(uint8_t *blk, uint8_t seq, const uint8_t *data, size_t size)
{
	blk[0] = size == 1024 ? YMODEM_STX : YMODEM_SOH;
	blk[1] = seq;
	blk[2] = (uint8_t)~seq;
	memcpy(blk + 3, data, size);
	uint16_t crc = crc_16_xmodem(0, data, size);
	blk[3 + size] = (uint8_t)(crc >> 8);
	blk[4 + size] = (uint8_t)crc;
}

/* Send one block until it is ACKed. */
static bool send_block(struct ym *y, uint8_t seq, const uint8_t *data, size_t size)
{
	uint8_t blk[3 + 1024 + 2];
	frame_block(blk, seq, data, size);
	for (unsigned tries = 0; tries <= YM_RETRIES; tries++) {
		if (tries)
			y->stats->retries++;
		if (!settle(y))
			return ym_fail(y, "cancelled by the receiver at block %u", seq);
		put(y, blk, size + 5);
		for (;;) {
			int c = get(y, y->block_ms);
			if (c == YMODEM_ACK)
				return true;
			if (c == YMODEM_NAK || c == -1)
				break; /* send it again */
			/* A receiver still waiting for its first block of a
			 * kind asks with 'C' again: it did not get this one. */
			if (c == YMODEM_CRC && seq <= 1)
				break;
			if (c == -2)
				return ym_fail(y, "the line closed during block %u", seq);
			if (c == YMODEM_CAN && second_can(y))
				return ym_fail(y, "cancelled by the receiver at block %u", seq);
			/* 'C' repeated, noise: keep waiting for the answer */
		}
	}
	cancel(y);
	return ym_fail(y, "block %u was not acknowledged after %u tries", seq, YM_RETRIES + 1);
}

static bool send_eot(struct ym *y)
{
	uint8_t eot = YMODEM_EOT;
	for (unsigned tries = 0; tries <= YM_RETRIES; tries++) {
		if (!settle(y))
			return ym_fail(y, "cancelled by the receiver at the end of the file");
		put(y, &eot, 1);
		int c;
		do
			c = get(y, y->block_ms);
		while (c >= 0 && c != YMODEM_ACK && c != YMODEM_NAK && c != YMODEM_CAN);
		if (c == YMODEM_ACK)
			return true;
		if (c == -2)
			return ym_fail(y, "the line closed at the end of the file");
		if (c == YMODEM_CAN && second_can(y))
			return ym_fail(y, "cancelled by the receiver at the end of the file");
		/* NAK (the usual first answer) or silence: EOT again */
	}
	cancel(y);
	return ym_fail(y, "the end of the file was not acknowledged");
}

bool ymodem_send(const struct ymodem_io *io, const char *name,
		 const uint8_t *buf, size_t n, struct ymodem_stats *stats,
		 char *err, size_t errcap)
{
	struct ym y;
	struct ymodem_stats local;
	uint8_t blk[1024];
	ym_setup(&y, io, stats, &local, err, errcap);

	/* Block 0: "name\0size\0", zero-padded to 128 bytes. */
	memset(blk, 0, 128);
	size_t nl = strlen(name);
	if (nl > 100)
		nl = 100;
	memcpy(blk, name, nl);
	snprintf((char *)blk + nl + 1, 128 - nl - 1, "%zu", n);
	if (wait_crc(&y, y.start_ms, "the file") != WAIT_OK || !send_block(&y, 0, blk, 128))
		return false;
	/* The receiver asks again with 'C' before data; some skip it. */
	if (wait_crc(&y, y.block_ms, "the data") == WAIT_FAIL)
		return false;
	err[0] = 0;

	uint8_t seq = 1;
	for (size_t off = 0; off < n; off += 1024, seq++) {
		size_t take = n - off < 1024 ? n - off : 1024;
		memcpy(blk, buf + off, take);
		memset(blk + take, YMODEM_SUB, 1024 - take);
		if (!send_block(&y, seq, blk, 1024))
			return false;
		y.stats->blocks++;
	}
	if (!send_eot(&y))
		return false;
	/* End of the batch: an empty block 0. */
	memset(blk, 0, 128);
	/* The file is across (its EOT was acknowledged). The null block 0
	 * ends the batch; a receiver may leave without our seeing its
	 * ACK (lrzsz's rb flushes its tty on exit), so it is sent once. */
	switch (wait_crc(&y, y.block_ms, "the end of the batch")) {
	case WAIT_FAIL:
		return false;
	case WAIT_TIMEOUT:
		err[0] = 0;
		return true;
	case WAIT_OK:
		break;
	}
	if (!settle(&y))
		return true; /* cancelled after the file was across */
	uint8_t end[3 + 128 + 2];
	frame_block(end, 0, blk, 128);
	put(&y, end, sizeof(end));
	int c;
	do
		c = get(&y, YM_CHAR_MS);
	while (c >= 0 && c != YMODEM_ACK);
	return true;
}

/* ---- receiver ---- */

enum rx_result {
	RX_BLOCK,     /* a good block: seq, data, size */
	RX_BAD,       /* a garbled block, already purged */
	RX_EOT,
	RX_CANCEL,    /* CAN CAN from the sender */
	RX_CTRL_C,
	RX_TIMEOUT,
	RX_CLOSED,
};

static enum rx_result read_block(struct ym *y, uint32_t ms, uint8_t *seq, uint8_t *data,
				 size_t *size)
{
	int c;
	do {
		c = get(y, ms);
		if (c == -1)
			return RX_TIMEOUT;
		if (c == -2)
			return RX_CLOSED;
		if (c == YMODEM_EOT)
			return RX_EOT;
		if (c == YMODEM_CAN && second_can(y))
			return RX_CANCEL;
		if (c == YM_CTRL_C)
			return RX_CTRL_C;
	} while (c != YMODEM_SOH && c != YMODEM_STX);
	*size = c == YMODEM_STX ? 1024 : 128;
	uint8_t hdr[2], crc[2];
	for (size_t i = 0; i < 2 + *size + 2; i++) {
		int b = get(y, YM_CHAR_MS);
		if (b < 0) {
			if (b == -2)
				return RX_CLOSED;
			return RX_BAD; /* a short block: the line is quiet already */
		}
		if (i < 2)
			hdr[i] = (uint8_t)b;
		else if (i < 2 + *size)
			data[i - 2] = (uint8_t)b;
		else
			crc[i - 2 - *size] = (uint8_t)b;
	}
	uint16_t want = (uint16_t)(crc[0] << 8 | crc[1]);
	if ((uint8_t)(hdr[0] ^ hdr[1]) != 0xff || crc_16_xmodem(0, data, *size) != want) {
		purge(y);
		return RX_BAD;
	}
	*seq = hdr[0];
	return RX_BLOCK;
}

/* Block 0's "name\0size ...". */
static bool parse_block0(const uint8_t *data, size_t size, char *name, size_t namecap,
			 bool *have_size, uint64_t *fsize)
{
	size_t nl = 0;
	while (nl < size && data[nl])
		nl++;
	if (nl == size)
		return false;
	if (name && namecap) {
		size_t k = nl < namecap - 1 ? nl : namecap - 1;
		memcpy(name, data, k);
		name[k] = 0;
	}
	const uint8_t *p = data + nl + 1, *end = data + size;
	*have_size = false;
	*fsize = 0;
	while (p < end && *p >= '0' && *p <= '9') {
		*fsize = *fsize * 10 + (uint64_t)(*p++ - '0');
		*have_size = true;
	}
	return true;
}

bool ymodem_recv(const struct ymodem_io *io, uint8_t *buf, size_t cap,
		 size_t *len, char *name, size_t namecap,
		 struct ymodem_stats *stats, char *err, size_t errcap)
{
	struct ym y;
	struct ymodem_stats local;
	static uint8_t data[1024]; /* not on the firmware's small stack */
	uint8_t seq;
	size_t size, got = 0;
	bool have_size = false, have_file = false, eot_seen = false;
	uint64_t fsize = 0;
	uint8_t expect = 0;
	unsigned errors = 0;
	ym_setup(&y, io, stats, &local, err, errcap);
	*len = 0;
	if (name && namecap)
		name[0] = 0;

	/* Phase 1: 'C' every few seconds until block 0 comes. */
	uint32_t t0 = io->now_ms(io->ctx);
	for (;;) {
		uint32_t spent = io->now_ms(io->ctx) - t0;
		if (spent >= y.start_ms)
			return ym_fail(&y, "no sender: nothing came in %u s", (unsigned)(y.start_ms / 1000));
		put1(&y, YMODEM_CRC);
		uint32_t left = y.start_ms - spent;
		enum rx_result r = read_block(&y, left < YM_POKE_MS ? left : YM_POKE_MS, &seq, data,
					      &size);
		if (r == RX_CLOSED)
			return ym_fail(&y, "the line closed while waiting for the sender");
		if (r == RX_CANCEL)
			return ym_fail(&y, "cancelled by the sender");
		if (r == RX_CTRL_C) {
			cancel(&y);
			return ym_fail(&y, "cancelled (Ctrl-C)");
		}
		if (r != RX_BLOCK)
			continue;
		if (seq != 0)
			continue; /* the tail of something older */
		if (!parse_block0(data, size, name, namecap, &have_size, &fsize)) {
			cancel(&y);
			return ym_fail(&y, "block 0 has no file name");
		}
		if (!data[0]) {
			put1(&y, YMODEM_ACK);
			return ym_fail(&y, "the sender had no file to send");
		}
		if (have_size && fsize > cap) {
			cancel(&y);
			return ym_fail(&y, "the file's %llu bytes do not fit tern's %zu-byte buffer",
				       (unsigned long long)fsize, cap);
		}
		put1(&y, YMODEM_ACK);
		put1(&y, YMODEM_CRC);
		have_file = true;
		expect = 1;
		break;
	}

	/* Phase 2: data blocks until EOT (NAKed once, then ACKed). */
	for (;;) {
		enum rx_result r = read_block(&y, y.block_ms, &seq, data, &size);
		switch (r) {
		case RX_CLOSED:
			return ym_fail(&y, "the line closed after %zu bytes", got);
		case RX_CANCEL:
			return ym_fail(&y, "cancelled by the sender after %zu bytes", got);
		case RX_CTRL_C: /* a data byte out of place: noise */
			continue;
		case RX_TIMEOUT:
		case RX_BAD:
			if (++errors > YM_RETRIES) {
				cancel(&y);
				return ym_fail(&y, "too many bad or missing blocks after %zu bytes", got);
			}
			y.stats->retries++;
			put1(&y, YMODEM_NAK);
			continue;
		case RX_EOT:
			if (!eot_seen) {
				eot_seen = true;
				put1(&y, YMODEM_NAK);
				continue;
			}
			put1(&y, YMODEM_ACK);
			break;
		case RX_BLOCK:
			eot_seen = false;
			if (seq == (uint8_t)(expect - 1)) {
				/* our ACK was lost: the same block again */
				put1(&y, YMODEM_ACK);
				if (seq == 0)
					put1(&y, YMODEM_CRC);
				continue;
			}
			if (seq != expect) {
				cancel(&y);
				return ym_fail(&y, "block %u came where %u was due: sync lost", seq,
					       expect);
			}
			size_t room = have_size ? (size_t)fsize - got : cap - got;
			size_t take = size < room ? size : room;
			if (!have_size && size > room) {
				cancel(&y);
				return ym_fail(&y, "the file is larger than tern's %zu-byte buffer", cap);
			}
			memcpy(buf + got, data, take);
			got += take;
			errors = 0;
			expect++;
			y.stats->blocks++;
			put1(&y, YMODEM_ACK);
			continue;
		}
		break;
	}
	if (!have_size)
		while (got && buf[got - 1] == YMODEM_SUB)
			got--;
	if (have_size && got != fsize)
		return ym_fail(&y, "the file ended after %zu of its %llu bytes", got,
			       (unsigned long long)fsize);
	*len = got;

	/* Phase 3: the null block 0 that ends the batch. */
	for (unsigned tries = 0; have_file && tries < 3; tries++) {
		put1(&y, YMODEM_CRC);
		enum rx_result r = read_block(&y, YM_POKE_MS, &seq, data, &size);
		if (r == RX_BLOCK && seq == 0) {
			if (data[0]) { /* a second file: tern takes one */
				cancel(&y);
				return true;
			}
			put1(&y, YMODEM_ACK);
			return true;
		}
		if (r == RX_CLOSED || r == RX_CANCEL)
			return true; /* the file is whole; the sender just left */
		if (r == RX_EOT)
			put1(&y, YMODEM_ACK); /* it missed our ACK */
	}
	return true;
}
