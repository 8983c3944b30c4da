/*
 * inspect and convert over a stream held in memory; output to any sink.
 */
#ifndef TERN_KERNEL_SNAPSHOT_TOOLS_H
#define TERN_KERNEL_SNAPSHOT_TOOLS_H

#include "kernel/snapshot.h"

/* An edit for convert: SECTION:FIELD[INDEX]=VALUE. */
struct snapshot_set {
	char section[VMS_IDSTR_MAX + 16]; /* "<idstr>.<instance>" */
	char field[128];                  /* as written */
	char base[128];                   /* field without its "[INDEX]" */
	bool has_index;
	uint32_t index;
	uint64_t value;
};

bool snapshot_set_parse(const char *text, struct snapshot_set *set,
			struct vms_error *err);

/* JSON ({"sections": .., "ram_blocks": .., "machine": ..}) or a summary. */
bool snapshot_inspect(const uint8_t *buf, size_t len, bool json,
		      const struct snapshot_scratch *s, struct vms_out *out,
		      struct vms_error *err);

/* Decode and re-encode; at most 32 edits. */
bool snapshot_convert(const uint8_t *buf, size_t len,
		      const struct snapshot_set *sets, unsigned nsets,
		      const struct snapshot_scratch *s, struct vms_out *out,
		      struct vms_error *err);

#endif
