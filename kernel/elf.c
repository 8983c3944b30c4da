/*
 * ELF32 loader (ELF specification, Tools Interface Standard 1.2; ARM ELF
 * for the machine number). Every header field is checked before anything
 * is written, in 64-bit arithmetic so no sum wraps.
 */
#include <stdio.h>
#include <string.h>

#include "kernel/elf.h"

#define EHDR_SIZE  52u
#define PHDR_SIZE  32u
#define ET_EXEC    2u
#define ET_DYN     3u
#define EM_ARM     40u
#define PT_LOAD    1u

static uint32_t le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static bool fail(char *err, size_t cap, const char *msg, unsigned long a,
		 unsigned long b)
{
	if (err && cap)
		snprintf(err, cap, msg, a, b);
	return false;
}

bool elf_is_elf(const uint8_t *img, size_t len)
{
	return len >= 4 && img[0] == 0x7f && img[1] == 'E' && img[2] == 'L' &&
	       img[3] == 'F';
}

struct seg {
	uint32_t offset, paddr, filesz, memsz;
};

/* Read and check program header i. */
static bool get_seg(const uint8_t *img, size_t len, uint64_t ph, struct seg *s,
		    uint32_t *type)
{
	const uint8_t *p = img + ph;
	(void)len;
	*type = le32(p);
	s->offset = le32(p + 4);
	s->paddr = le32(p + 12);
	s->filesz = le32(p + 16);
	s->memsz = le32(p + 20);
	return true;
}

bool elf_load(const uint8_t *img, size_t len, uint8_t *ram, uint32_t ram_base,
	      uint32_t ram_size, struct image_info *info, char *err, size_t errcap)
{
	if (!elf_is_elf(img, len))
		return fail(err, errcap, "not an ELF file", 0, 0);
	if (len < EHDR_SIZE)
		return fail(err, errcap, "truncated ELF header (%lu bytes)", (unsigned long)len, 0);
	if (img[4] != 1)
		return fail(err, errcap, "not a 32-bit ELF file (class %lu)", img[4], 0);
	if (img[5] != 1)
		return fail(err, errcap, "not a little-endian ELF file (data %lu)", img[5], 0);
	uint32_t type = le16(img + 16), machine = le16(img + 18);
	if (machine != EM_ARM)
		return fail(err, errcap, "not an ARM ELF file (machine %lu, want %lu)", machine, EM_ARM);
	if (type != ET_EXEC && type != ET_DYN)
		return fail(err, errcap, "not an executable ELF file (type %lu)", type, 0);
	uint32_t entry = le32(img + 24), phoff = le32(img + 28);
	uint32_t phentsize = le16(img + 42), phnum = le16(img + 44);
	if (phnum == 0)
		return fail(err, errcap, "ELF file has no program headers", 0, 0);
	if (phentsize < PHDR_SIZE)
		return fail(err, errcap, "bad ELF program header size %lu", phentsize, 0);
	if ((uint64_t)phoff + (uint64_t)phnum * phentsize > len)
		return fail(err, errcap, "truncated ELF file: program headers end at %lu, file has %lu bytes",
			    (unsigned long)((uint64_t)phoff + (uint64_t)phnum * phentsize),
			    (unsigned long)len);

	uint64_t ram_end = (uint64_t)ram_base + ram_size;
	uint64_t low = UINT64_MAX, high = 0;
	unsigned loads = 0;
	/* First pass: check every segment. */
	for (uint32_t i = 0; i < phnum; i++) {
		struct seg s;
		uint32_t ptype;
		get_seg(img, len, (uint64_t)phoff + (uint64_t)i * phentsize, &s, &ptype);
		if (ptype != PT_LOAD || s.memsz == 0)
			continue;
		if ((uint64_t)s.offset + s.filesz > len)
			return fail(err, errcap, "truncated ELF file: segment data ends at %lu, file has %lu bytes",
				    (unsigned long)((uint64_t)s.offset + s.filesz), (unsigned long)len);
		if (s.filesz > s.memsz)
			return fail(err, errcap, "bad ELF segment: file size %lu > memory size %lu",
				    s.filesz, s.memsz);
		if (s.paddr < ram_base || (uint64_t)s.paddr + s.memsz > ram_end)
			return fail(err, errcap, "ELF segment at 0x%08lx (0x%lx bytes) is outside the guest's RAM",
				    s.paddr, s.memsz);
		if (s.paddr < low)
			low = s.paddr;
		if ((uint64_t)s.paddr + s.memsz > high)
			high = (uint64_t)s.paddr + s.memsz;
		loads++;
	}
	if (!loads)
		return fail(err, errcap, "ELF file has no loadable segment", 0, 0);
	if (entry < ram_base || entry >= ram_end)
		return fail(err, errcap, "ELF entry point 0x%08lx is outside the guest's RAM", entry, 0);

	/* Second pass: copy and clear. */
	for (uint32_t i = 0; i < phnum; i++) {
		struct seg s;
		uint32_t ptype;
		get_seg(img, len, (uint64_t)phoff + (uint64_t)i * phentsize, &s, &ptype);
		if (ptype != PT_LOAD || s.memsz == 0)
			continue;
		uint8_t *dst = ram + (s.paddr - ram_base);
		memcpy(dst, img + s.offset, s.filesz);
		memset(dst + s.filesz, 0, s.memsz - s.filesz);
	}
	info->entry = entry;
	info->is_elf = true;
	info->low = (uint32_t)low;
	info->high = (uint32_t)high;
	return true;
}

bool image_load(const uint8_t *img, size_t len, uint8_t *ram, uint32_t ram_base,
		uint32_t ram_size, struct image_info *info, char *err, size_t errcap)
{
	if (elf_is_elf(img, len))
		return elf_load(img, len, ram, ram_base, ram_size, info, err, errcap);
	if (len == 0)
		return fail(err, errcap, "empty image", 0, 0);
	if (ram_size < IMAGE_RAW_LOAD_OFFSET || len > ram_size - IMAGE_RAW_LOAD_OFFSET)
		return fail(err, errcap, "raw image of %lu bytes does not fit in the guest's RAM (%lu bytes)",
			    (unsigned long)len, ram_size);
	memcpy(ram + IMAGE_RAW_LOAD_OFFSET, img, len);
	info->entry = ram_base + IMAGE_RAW_LOAD_OFFSET;
	info->is_elf = false;
	info->low = info->entry;
	info->high = info->entry + (uint32_t)len;
	return true;
}
