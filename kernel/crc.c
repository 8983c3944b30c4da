/*
 * CRC-32 and CRC-16/XMODEM, table-driven. The tables are built on first
 * use (1.5 KiB of BSS rather than 1.5 KiB of constants to review): a
 * snapshot of a busy guest is megabytes, too slow bit by bit over a UART
 * session that also runs guests.
 */
#include <stdbool.h>

#include "kernel/crc.h"

static uint32_t crc32_table[256];
static uint16_t crc16_table[256];
static bool crc_ready;

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc32_table[i] = c;
		uint16_t d = (uint16_t)(i << 8);
		for (int k = 0; k < 8; k++)
			d = (d & 0x8000) ? (uint16_t)((d << 1) ^ 0x1021) : (uint16_t)(d << 1);
		crc16_table[i] = d;
	}
	crc_ready = true;
}

uint32_t crc_32(uint32_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;
	if (!crc_ready)
		crc_init();
	crc = ~crc;
	while (n--)
		crc = crc32_table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

uint16_t crc_16_xmodem(uint16_t crc, const void *p, size_t n)
{
	const uint8_t *b = p;
	if (!crc_ready)
		crc_init();
	while (n--)
		crc = (uint16_t)((crc << 8) ^ crc16_table[((crc >> 8) ^ *b++) & 0xff]);
	return crc;
}
