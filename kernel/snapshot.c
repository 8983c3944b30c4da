/*
 * Walking a migration stream: framing from vmstate/stream, sections decoded
 * by tern's own descriptions where it has them (the CPU) and by the
 * stream's JSON description otherwise.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cpu/arm_cpu_vmstate.h"
#include "kernel/snapshot.h"

struct walk {
	struct vms_in in;
	struct vms_reader reader;
	struct vms_ram_reader ram;
	struct vms_jdoc doc;
	bool have_doc;
	struct vms_arena arena;
	struct arm_cpu *cpu;
	const struct snapshot_ops *ops;
	void *ctx;
};

void snapshot_section_key(const struct vms_record *rec, char *buf, size_t cap)
{
	snprintf(buf, cap, "%s.%" PRIu32 "", rec->idstr, rec->instance_id);
}

static bool load_vmdesc(struct walk *w, const uint8_t *buf, size_t len,
			const struct snapshot_scratch *s, struct vms_error *err)
{
	const char *json;
	uint32_t jlen;
	uint64_t off;
	if (!vms_find_vmdesc(buf, len, &json, &jlen, &off))
		return true; /* none: only sections tern describes can be read */
	if (!vms_json_parse(&w->doc, json, jlen, s->nodes, s->node_cap, off, err))
		return false;
	w->have_doc = true;
	return true;
}

/* The description and memory for a device section. */
static bool section_target(struct walk *w, const struct vms_record *rec,
			   const struct vms_desc **d, void **opaque)
{
	if (rec->instance_id == 0 && !strcmp(rec->idstr, "cpu")) {
		*d = &arm_cpu_vmstate;
		*opaque = w->cpu;
		return true;
	}
	if (rec->instance_id == 0 && !strcmp(rec->idstr, "cpu_common")) {
		*d = &arm_cpu_common_vmstate;
		*opaque = w->cpu;
		return true;
	}
	if (!w->have_doc) { /* nothing to decode it with: see walk_section */
		*d = NULL;
		return true;
	}
	int32_t dev = vms_vmdesc_find(&w->doc, rec->idstr, rec->instance_id);
	if (dev < 0)
		return vms_fail(&w->in, "unknown section '%s' instance %" PRIu32 ": tern has no "
				"description of it and the stream's JSON has none",
				rec->idstr, rec->instance_id);
	uint32_t size;
	struct vms_error *err = w->in.err;
	*d = vms_vmdesc_build(&w->doc, dev, &w->arena, &size, err);
	if (!*d) {
		w->in.failed = true;
		return false;
	}
	if ((uint32_t)(*d)->version_id != rec->version_id)
		return vms_fail(&w->in, "version %" PRIu32 ", but the JSON description says %d",
				rec->version_id, (*d)->version_id);
	*opaque = vms_arena_alloc(&w->arena, size ? size : 1);
	if (!*opaque)
		return vms_fail(&w->in, "section too large for tern's scratch memory");
	return true;
}

static bool walk_ram(struct walk *w, const struct vms_record *rec)
{
	const struct snapshot_ops *ops = w->ops;
	if (ops->ram_begin && !ops->ram_begin(w->ctx, rec))
		return false;
	if (!vms_ram_read(&w->in, &w->ram, &ops->ram, w->ctx))
		return false;
	return !ops->ram_end || ops->ram_end(w->ctx, rec);
}

static bool walk_section(struct walk *w, const struct vms_record *rec)
{
	const struct vms_desc *d = NULL;
	void *opaque = NULL;
	if (!strcmp(rec->idstr, "ram"))
		return walk_ram(w, rec);
	if (rec->type != VMS_REC_FULL)
		return vms_fail(&w->in, "iterative section '%s' is not one tern reads",
				rec->idstr);
	if (!section_target(w, rec, &d, &opaque))
		return false;
	/* Without the stream's JSON description (damaged, or cut before its
	 * end) a section tern has no table for can only be stepped over, so
	 * that an error further on is still named where it is. */
	if (!d)
		return vms_skip_to_footer(&w->in, rec->section_id);
	if (!vms_load(&w->in, d, opaque, (int)rec->version_id))
		return false;
	w->in.field = NULL;
	return !w->ops->section || w->ops->section(w->ctx, rec, d, opaque, &w->in);
}

static bool walk_records(struct walk *w)
{
	struct vms_record rec;
	struct vms_config cfg;
	for (;;) {
		if (!vms_read_record(&w->reader, &rec))
			return false;
		switch (rec.type) {
		case VMS_REC_EOF: {
			const char *json;
			uint32_t jlen;
			if (!vms_read_vmdesc(&w->reader, &json, &jlen))
				return false;
			return !w->ops->end || w->ops->end(w->ctx);
		}
		case VMS_REC_CONFIG:
			memset(&cfg, 0, sizeof(cfg));
			if (!vms_load(&w->in, &vms_config_desc, &cfg, 1))
				return false;
			if (w->ops->config && !w->ops->config(w->ctx, &cfg))
				return false;
			break;
		default:
			if (!walk_section(w, &rec) || !vms_read_footer(&w->reader, &rec))
				return false;
		}
	}
}

bool snapshot_walk(const uint8_t *buf, size_t len, struct arm_cpu *cpu,
		   const struct snapshot_scratch *s,
		   const struct snapshot_ops *ops, void *ctx,
		   struct vms_error *err)
{
	/* The walk state (~20 KiB of names) lives in the scratch arena too. */
	struct vms_arena arena;
	vms_arena_init(&arena, s->arena, s->arena_cap);
	struct walk *w = vms_arena_alloc(&arena, sizeof(*w));
	if (!w) {
		err->set = true;
		snprintf(err->msg, sizeof(err->msg), "snapshot scratch memory too small");
		return false;
	}
	w->arena = arena;
	w->cpu = cpu;
	w->ops = ops;
	w->ctx = ctx;
	vms_ram_reader_init(&w->ram);
	vms_in_buffer(&w->in, buf, len, err);
	if (!load_vmdesc(w, buf, len, s, err))
		return false;
	if (!vms_read_header(&w->reader, &w->in))
		return false;
	return walk_records(w);
}
