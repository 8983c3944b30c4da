/*
 * The one thing tern reads from a flattened device tree (Devicetree
 * Specification v0.4, chapter 5): where the RAM bank it runs in ends.
 * The blob comes from a loader and is not trusted: every offset and
 * length is checked against the blob's own size before it is used.
 */
#ifndef TERN_KERNEL_FDT_H
#define TERN_KERNEL_FDT_H

#include <stddef.h>
#include <stdint.h>

/* The end (base + size) of the /memory "reg" entry that holds `addr`, in
 * the root's #address-cells/#size-cells (1 or 2 each). `avail` is how
 * many bytes may be read at `blob` (the header's totalsize is believed
 * only up to it). 0: no blob there, a malformed one, or no such entry. */
uint64_t fdt_ram_end(const void *blob, size_t avail, uint64_t addr);

#endif
