/*
 * Guest images: ELF32 ARM little-endian executables (PT_LOAD segments at
 * their physical addresses, as QEMU's -kernel loads an ELF) and raw images
 * (copied to 0x40010000, QEMU's Linux load address on virt). Everything is
 * bounds-checked against the file and the guest's RAM: a truncated or
 * hostile file gets a one-line reason, never a write outside RAM.
 */
#ifndef TERN_KERNEL_ELF_H
#define TERN_KERNEL_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMAGE_RAW_LOAD_OFFSET 0x10000u /* from the RAM base */

struct image_info {
	uint32_t entry;   /* bit 0 set: Thumb */
	bool is_elf;
	uint32_t low, high; /* physical range loaded [low, high) */
};

/* True if `img` starts with the ELF magic. */
bool elf_is_elf(const uint8_t *img, size_t len);

/* Load an ELF image into ram (guest-physical ram_base, ram_size bytes).
 * On failure `err` holds one line (no newline) and RAM may be partly written. */
bool elf_load(const uint8_t *img, size_t len, uint8_t *ram, uint32_t ram_base,
	      uint32_t ram_size, struct image_info *info, char *err, size_t errcap);

/* ELF or raw, by the magic. */
bool image_load(const uint8_t *img, size_t len, uint8_t *ram, uint32_t ram_base,
		uint32_t ram_size, struct image_info *info, char *err, size_t errcap);

#endif
