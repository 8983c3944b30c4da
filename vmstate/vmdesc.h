/*
 * Descriptions built at run time from the JSON description (vmdesc) that
 * trails a QEMU migration stream. With them the one engine decodes, prints
 * and re-encodes device sections tern has no table for (the GIC, flash,
 * fw_cfg of QEMU's virt board...), exactly as they were written.
 */
#ifndef TERN_VMSTATE_VMDESC_H
#define TERN_VMSTATE_VMDESC_H

#include <stddef.h>
#include <stdint.h>

#include "vmstate/json.h"
#include "vmstate/vmstate.h"

/* Bump allocator over a caller's memory (freestanding: no malloc). */
struct vms_arena {
	uint8_t *mem;
	size_t cap;
	size_t used;
};

void vms_arena_init(struct vms_arena *a, void *mem, size_t cap);
/* Zeroed, 8-byte aligned; NULL when full. */
void *vms_arena_alloc(struct vms_arena *a, size_t n);

/* The device entry of `idstr`/`instance` in a parsed vmdesc, or -1. */
int32_t vms_vmdesc_find(const struct vms_jdoc *doc, const char *idstr,
			uint32_t instance);

/*
 * Build the description of device node `dev`; *size receives the bytes of
 * memory (an opaque blob) its fields are laid out in.
 */
const struct vms_desc *vms_vmdesc_build(const struct vms_jdoc *doc, int32_t dev,
					struct vms_arena *a, uint32_t *size,
					struct vms_error *err);

#endif
