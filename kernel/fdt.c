/*
 * A walk over the structure block of a flattened device tree (Devicetree
 * Specification v0.4, 5.4: tokens FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP,
 * FDT_NOP, FDT_END, each 32-bit big-endian and 4-byte aligned).
 */
#include <stdbool.h>
#include <string.h>

#include "kernel/fdt.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_HEADER     40u

struct fdt_walk {
	const uint8_t *base;
	uint32_t off, struct_end;       /* in the structure block */
	uint32_t strings, strings_size; /* the strings block */
};

static uint32_t fdt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The next 32-bit word of the structure block; false past its end. */
static bool fdt_word(struct fdt_walk *w, uint32_t *v)
{
	if (w->struct_end - w->off < 4u)
		return false;
	*v = fdt_be32(w->base + w->off);
	w->off += 4u;
	return true;
}

/* `len` bytes at the walk's offset, skipped with their padding. */
static const uint8_t *fdt_take(struct fdt_walk *w, uint32_t len)
{
	const uint8_t *p = w->base + w->off;
	uint32_t padded = (len + 3u) & ~3u;

	if (padded < len || w->struct_end - w->off < padded)
		return NULL;
	w->off += padded;
	return p;
}

/* Property name `off` of the strings block, if it is `want`. */
static bool fdt_name_is(const struct fdt_walk *w, uint32_t off, const char *want)
{
	size_t n = strlen(want) + 1u;

	return off < w->strings_size && w->strings_size - off >= n &&
	       !memcmp(w->base + w->strings + off, want, n);
}

static uint64_t fdt_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2u ? (uint64_t)fdt_be32(p) << 32 | fdt_be32(p + 4) : fdt_be32(p);
}

static bool fdt_open(struct fdt_walk *w, const void *blob, size_t avail)
{
	const uint8_t *h = blob;
	uint32_t total, s_off, s_size, t_off, t_size;

	if (!blob || avail < FDT_HEADER || fdt_be32(h) != FDT_MAGIC)
		return false;
	total = fdt_be32(h + 4);
	s_off = fdt_be32(h + 8);
	t_off = fdt_be32(h + 12);
	t_size = fdt_be32(h + 32);
	if (total < FDT_HEADER || total > avail || s_off > total || t_off > total ||
	    t_size > total - t_off)
		return false;
	/* version 17 (the specification's, and QEMU's) has the structure
	 * block's size in the header: older blobs are not read */
	s_size = fdt_be32(h + 36);
	if (fdt_be32(h + 20) < 17u || s_size > total - s_off)
		return false;
	*w = (struct fdt_walk){ .base = h, .off = s_off,
				.struct_end = s_off + s_size, .strings = t_off,
				.strings_size = t_size };
	return true;
}

uint64_t fdt_ram_end(const void *blob, size_t avail, uint64_t addr)
{
	struct fdt_walk w;
	uint32_t tok, ac = 2u, sc = 1u;   /* the specification's defaults */
	int depth = 0;
	bool memory = false;

	if (!fdt_open(&w, blob, avail))
		return 0;
	while (fdt_word(&w, &tok)) {
		if (tok == FDT_BEGIN_NODE) {
			const uint8_t *name = w.base + w.off;
			uint32_t n = 0, room = w.struct_end - w.off;

			while (n < room && name[n])
				n++;
			if (n == room || !fdt_take(&w, n + 1u))
				return 0;
			depth++;
			/* "memory" or "memory@<unit>", a child of the root */
			memory = depth == 2 && n >= 6u && !memcmp(name, "memory", 6) &&
				 (n == 6u || name[6] == '@');
		} else if (tok == FDT_END_NODE) {
			depth--;
			memory = false;
		} else if (tok == FDT_PROP) {
			uint32_t len, nameoff, i, step;
			const uint8_t *v;

			if (!fdt_word(&w, &len) || !fdt_word(&w, &nameoff) ||
			    !(v = fdt_take(&w, len)))
				return 0;
			if (depth == 1 && len == 4u && fdt_name_is(&w, nameoff, "#address-cells"))
				ac = fdt_be32(v);
			else if (depth == 1 && len == 4u && fdt_name_is(&w, nameoff, "#size-cells"))
				sc = fdt_be32(v);
			if (!memory || ac < 1u || ac > 2u || sc < 1u || sc > 2u ||
			    !fdt_name_is(&w, nameoff, "reg"))
				continue;
			step = 4u * (ac + sc);
			for (i = 0; len - i >= step; i += step) {
				uint64_t base = fdt_cells(v + i, ac);
				uint64_t size = fdt_cells(v + i + 4u * ac, sc);

				if (addr >= base && addr - base < size)
					return base + size;
			}
		} else if (tok != FDT_NOP) {
			return 0;                 /* FDT_END, or garbage */
		}
	}
	return 0;
}
