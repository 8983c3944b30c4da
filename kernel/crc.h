/*
 * Checksums of the transfer protocols: CRC-32 (IEEE 802.3, as zlib and
 * `crc32` compute it) for the text frames of save/restore, CRC-16/XMODEM
 * (poly 0x1021, init 0) for YMODEM blocks.
 */
#ifndef TERN_KERNEL_CRC_H
#define TERN_KERNEL_CRC_H

#include <stddef.h>
#include <stdint.h>

/* zlib's convention: start with 0, feed the previous result back in to
 * continue; crc_32(0, "123456789", 9) == 0xcbf43926. */
uint32_t crc_32(uint32_t crc, const void *p, size_t n);

/* Start with 0; crc_16_xmodem(0, "123456789", 9) == 0x31c3. */
uint16_t crc_16_xmodem(uint16_t crc, const void *p, size_t n);

#endif
