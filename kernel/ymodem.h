/*
 * YMODEM (Chuck Forsberg's "XMODEM/YMODEM protocol reference", 1988) for
 * moving snapshots and images over the console: one file a session, 1 KiB
 * data blocks (the receiver also takes 128-byte ones), CRC-16, block 0
 * with the file's name and size, EOT answered NAK then ACK, the null block
 * 0 that ends the batch, CAN CAN to cancel. The peers it is tested with
 * are lrzsz's sb and rb; minicom and Tera Term speak the same.
 *
 * Blocking: the caller gives byte I/O and a millisecond clock, and gets
 * control back when the transfer is over.
 */
#ifndef TERN_KERNEL_YMODEM_H
#define TERN_KERNEL_YMODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define YMODEM_SOH 0x01
#define YMODEM_STX 0x02
#define YMODEM_EOT 0x04
#define YMODEM_ACK 0x06
#define YMODEM_NAK 0x15
#define YMODEM_CAN 0x18
#define YMODEM_CRC 'C'
#define YMODEM_SUB 0x1a   /* pads the last block */

struct ymodem_io {
	void (*write)(void *ctx, const void *p, size_t n);
	/* The next byte, -1 when none is waiting, -2 when none ever will. */
	int (*read_byte)(void *ctx);
	/* A millisecond clock (wraps). */
	uint32_t (*now_ms)(void *ctx);
	/* Sleep until input may be waiting or `ms` passed; NULL: poll. */
	void (*wait)(void *ctx, uint32_t ms);
	void *ctx;
	/* 0: the defaults (60 s for the peer to start, 10 s a block). */
	uint32_t start_ms, block_ms;
};

struct ymodem_stats {
	uint64_t line_bytes;   /* bytes this side put on the line */
	unsigned blocks;       /* data blocks */
	unsigned retries;      /* blocks sent or asked for again */
};

/* Send buf[0, n) as file `name`. False with one line in err. */
bool ymodem_send(const struct ymodem_io *io, const char *name,
		 const uint8_t *buf, size_t n, struct ymodem_stats *stats,
		 char *err, size_t errcap);

/* Receive one file into buf (cap bytes); *len gets its size (block 0's
 * size when the sender gives one, else what came with trailing SUBs cut),
 * name its name (may be NULL). False with one line in err. */
bool ymodem_recv(const struct ymodem_io *io, uint8_t *buf, size_t cap,
		 size_t *len, char *name, size_t namecap,
		 struct ymodem_stats *stats, char *err, size_t errcap);

#endif
