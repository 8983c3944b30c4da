/*
 * Snapshots: walking a whole migration stream (tern's or QEMU's) record by
 * record, with every section decoded: the CPU into struct arm_cpu, other
 * device sections through descriptions built from the stream's own JSON
 * description, RAM page by page. inspect, convert and restore are visitors.
 */
#ifndef TERN_KERNEL_SNAPSHOT_H
#define TERN_KERNEL_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/arm_cpu.h"
#include "vmstate/stream.h"
#include "vmstate/vmdesc.h"

struct snapshot_ops {
	bool (*config)(void *ctx, struct vms_config *cfg);
	/* A device section, decoded into `opaque` by `d`. */
	bool (*section)(void *ctx, const struct vms_record *rec,
			const struct vms_desc *d, void *opaque, struct vms_in *in);
	/* RAM records: ram_begin before the body, ram_end after its EOS. */
	bool (*ram_begin)(void *ctx, const struct vms_record *rec);
	bool (*ram_end)(void *ctx, const struct vms_record *rec);
	struct vms_ram_ops ram;
	/* After EOF and the JSON description. */
	bool (*end)(void *ctx);
};

/* Memory the walk may use (no malloc in the firmware). */
struct snapshot_scratch {
	void *arena;           /* descriptions built from JSON, and their blobs */
	size_t arena_cap;
	struct vms_jnode *nodes; /* the parsed JSON description */
	uint32_t node_cap;
};

/*
 * Decode the stream in buf[0, len): cpu section instance 0 and cpu_common
 * into `cpu`, the rest as the stream's JSON describes them. Stops at the
 * first error, which `err` names in one line.
 */
bool snapshot_walk(const uint8_t *buf, size_t len, struct arm_cpu *cpu,
		   const struct snapshot_scratch *s,
		   const struct snapshot_ops *ops, void *ctx,
		   struct vms_error *err);

/* The section key inspect uses: "<idstr>.<instance>". */
void snapshot_section_key(const struct vms_record *rec, char *buf, size_t cap);

#endif
