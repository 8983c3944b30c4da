/*
 * inspect and convert: two visitors of snapshot_walk().
 *
 * inspect prints every section's values (JSON, or a summary for a person);
 * convert writes every record back through the same descriptions, so a
 * stream QEMU wrote comes out byte for byte, and --set edits one value of
 * one decoded section on the way.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/arm_cpu_vmstate.h"
#include "cpu/cpreg.h"
#include "kernel/snapshot.h"
#include "kernel/snapshot_tools.h"

/* ---- inspect ---- */

struct ram_stats {
	uint64_t zero, data;
};

struct inspect {
	struct vms_out *out;
	bool json;
	bool first_section;
	char machine[64];
	struct vms_ram_block blocks[VMS_RAM_MAX_BLOCKS];
	struct ram_stats stats[VMS_RAM_MAX_BLOCKS];
	unsigned nblocks;
	const struct arm_cpu *cpu;
	bool have_cpu;
};

static bool inspect_config(void *ctx, struct vms_config *cfg)
{
	struct inspect *x = ctx;
	snprintf(x->machine, sizeof(x->machine), "%s", cfg->name);
	return true;
}

static bool inspect_blocks(void *ctx, const struct vms_ram_block *b, unsigned n)
{
	struct inspect *x = ctx;
	memcpy(x->blocks, b, n * sizeof(*b));
	x->nblocks = n;
	return true;
}

static bool inspect_page(void *ctx, unsigned block, uint64_t addr,
			 const uint8_t *data, uint8_t fill)
{
	struct inspect *x = ctx;
	if (data)
		x->stats[block].data++;
	else
		x->stats[block].zero++;
	return true;
}

static bool inspect_section(void *ctx, const struct vms_record *rec,
			    const struct vms_desc *d, void *opaque,
			    struct vms_in *in)
{
	struct inspect *x = ctx;
	char key[VMS_IDSTR_MAX + 16];
	snapshot_section_key(rec, key, sizeof(key));
	if (d == &arm_cpu_vmstate)
		x->have_cpu = true;
	if (!x->json) {
		vms_printf(x->out, "  %-28s id %-3" PRIu32 " version %" PRIu32 "\n", key, rec->section_id,
			   rec->version_id);
		return true;
	}
	vms_printf(x->out, "%s\n    \"%s\": ", x->first_section ? "" : ",", key);
	x->first_section = false;
	return vms_dump_json(x->out, d, opaque, 4);
}

/* Registers the way an ARM engineer reads them. */
static void print_cpu(struct vms_out *out, const struct arm_cpu *cpu)
{
	static const char *const regs[] = { "r0", "r1", "r2", "r3", "r4", "r5",
					    "r6", "r7", "r8", "r9", "r10", "r11",
					    "r12", "sp", "lr", "pc" };
	static const char *const banks[] = { "usr", "svc", "abt", "und", "irq",
					     "fiq", "hyp", "mon" };
	uint32_t cpsr = arm_cpsr_read(cpu);
	vms_printf(out, "cpu 0 (%s):\n", cpu->cpregs ? cpu->cpregs->name : "?");
	for (int i = 0; i < 16; i++)
		vms_printf(out, "  %-3s %08" PRIx32 "%s", regs[i], cpu->regs[i],
			   i % 4 == 3 ? "\n" : "");
	vms_printf(out, "  cpsr %08" PRIx32 " [%c%c%c%c%c %c%c%c%s] mode %s  spsr %08" PRIx32 "\n", cpsr,
		   cpsr & (1u << 31) ? 'N' : 'n', cpsr & (1u << 30) ? 'Z' : 'z',
		   cpsr & (1u << 29) ? 'C' : 'c', cpsr & (1u << 28) ? 'V' : 'v',
		   cpsr & (1u << 27) ? 'Q' : 'q', cpsr & (1u << 8) ? 'A' : 'a',
		   cpsr & (1u << 7) ? 'I' : 'i', cpsr & (1u << 6) ? 'F' : 'f',
		   cpsr & (1u << 5) ? " T" : "", arm_mode_name(cpsr & ARM_CPSR_M), cpu->spsr);
	for (int b = 0; b < ARM_BANK_COUNT; b++)
		vms_printf(out, "  %s: sp %08" PRIx32 " lr %08" PRIx32 " spsr %08" PRIx32 "\n", banks[b],
			   cpu->banked_r13[b], cpu->banked_r14[b], cpu->banked_spsr[b]);
	vms_printf(out, "  fiq r8-r12: %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "\n", cpu->fiq_regs[0],
		   cpu->fiq_regs[1], cpu->fiq_regs[2], cpu->fiq_regs[3], cpu->fiq_regs[4]);
	vms_printf(out, "  fpscr %08" PRIx32 "  fpexc %08" PRIx32 "\n", cpu->vfp.fpscr, cpu->vfp.fpexc);
}

static bool inspect_end(void *ctx)
{
	struct inspect *x = ctx;
	struct vms_out *out = x->out;
	if (x->json) {
		vms_put_str(out, "\n  },\n  \"ram_blocks\": {");
		for (unsigned i = 0; i < x->nblocks; i++)
			vms_printf(out, "%s\n    \"%s\": %llu", i ? "," : "", x->blocks[i].name,
				   (unsigned long long)x->blocks[i].length);
		vms_printf(out, "\n  },\n  \"machine\": \"%s\"\n}\n", x->machine);
		return !out->failed;
	}
	vms_put_str(out, "RAM blocks:\n");
	for (unsigned i = 0; i < x->nblocks; i++)
		vms_printf(out, "  %-24s %10llu bytes  %llu data pages, %llu zero pages\n",
			   x->blocks[i].name, (unsigned long long)x->blocks[i].length,
			   (unsigned long long)x->stats[i].data,
			   (unsigned long long)x->stats[i].zero);
	if (x->have_cpu)
		print_cpu(out, x->cpu);
	return !out->failed;
}

static bool inspect_ram_begin(void *ctx, const struct vms_record *rec)
{
	struct inspect *x = ctx;
	if (!x->json && rec->type == VMS_REC_START)
		vms_printf(x->out, "  %-28s id %-3" PRIu32 " version %" PRIu32 " (RAM)\n", "ram.0",
			   rec->section_id, rec->version_id);
	return true;
}

/* Carve `size` bytes off the front of the scratch arena. */
static void *scratch_take(struct snapshot_scratch *s, size_t size)
{
	size_t start = ((uintptr_t)s->arena + 7) & ~(uintptr_t)7;
	size_t skip = start - (uintptr_t)s->arena;
	if (s->arena_cap < skip + size)
		return NULL;
	void *p = (uint8_t *)s->arena + skip;
	memset(p, 0, size);
	s->arena = (uint8_t *)p + size;
	s->arena_cap -= skip + size;
	return p;
}

static bool scratch_fail(struct vms_error *err)
{
	err->set = true;
	snprintf(err->msg, sizeof(err->msg), "snapshot scratch memory too small");
	return false;
}

bool snapshot_inspect(const uint8_t *buf, size_t len, bool json,
		      const struct snapshot_scratch *scratch, struct vms_out *out,
		      struct vms_error *err)
{
	struct snapshot_scratch s = *scratch;
	struct inspect *x = scratch_take(&s, sizeof(*x));
	struct arm_cpu *cpu = scratch_take(&s, sizeof(*cpu));
	if (!x || !cpu)
		return scratch_fail(err);
	x->out = out;
	x->json = json;
	x->first_section = true;
	x->cpu = cpu;
	arm_cpu_reset(cpu, NULL);
	struct snapshot_ops ops = {
		.config = inspect_config,
		.section = inspect_section,
		.ram_begin = inspect_ram_begin,
		.ram = { .blocks = inspect_blocks, .page = inspect_page },
		.end = inspect_end,
	};
	if (json)
		vms_put_str(out, "{\n  \"sections\": {");
	else
		vms_printf(out, "QEMU migration stream, %zu bytes\nsections:\n", len);
	return snapshot_walk(buf, len, cpu, &s, &ops, x, err) && vms_out_flush(out);
}

/* ---- convert ---- */

struct convert {
	struct vms_writer w;
	struct vms_ram_block blocks[VMS_RAM_MAX_BLOCKS];
	const struct snapshot_set *sets;
	unsigned nsets;
	unsigned applied;
};

static bool convert_config(void *ctx, struct vms_config *cfg)
{
	return vms_write_config(&((struct convert *)ctx)->w, cfg);
}

/* Apply the --set edits aimed at this section. */
static bool apply_sets(struct convert *c, const struct vms_record *rec,
		       const struct vms_desc *d, void *opaque, struct vms_in *in)
{
	char key[VMS_IDSTR_MAX + 16];
	snapshot_section_key(rec, key, sizeof(key));
	for (unsigned i = 0; i < c->nsets; i++) {
		const struct snapshot_set *set = &c->sets[i];
		if (strcmp(set->section, key))
			continue;
		in->section = set->section;
		uint32_t first = 0, index = 0; /* first: of a series member */
		const struct vms_field *f = vms_field_find(d, set->field, NULL, &first);
		if (!f && set->has_index) {
			f = vms_field_find(d, set->base, NULL, &first);
			index = set->index;
			if (f && (f->flags & VMS_F_SERIES) && index >= f->num)
				f = NULL; /* beyond its member */
		}
		if (!f) {
			in->field = NULL;
			return vms_fail(in, "--set: section '%s' has no field '%s'", key,
					set->field);
		}
		if (!vms_field_set(f, opaque, first + index, set->value, in))
			return false;
		c->applied |= 1u << i;
	}
	return true;
}

static bool convert_section(void *ctx, const struct vms_record *rec,
			    const struct vms_desc *d, void *opaque,
			    struct vms_in *in)
{
	struct convert *c = ctx;
	if (!apply_sets(c, rec, d, opaque, in))
		return false;
	return vms_write_section(&c->w, rec->type, rec->section_id, rec->idstr,
				 rec->instance_id, d, opaque);
}

static bool convert_ram_begin(void *ctx, const struct vms_record *rec)
{
	return vms_write_record_start(&((struct convert *)ctx)->w, rec->type,
				      rec->section_id, rec->idstr,
				      rec->instance_id, rec->version_id);
}

static bool convert_ram_end(void *ctx, const struct vms_record *rec)
{
	struct convert *c = ctx;
	return vms_ram_write_eos(&c->w) && vms_write_footer(&c->w, rec->section_id);
}

static bool convert_blocks(void *ctx, const struct vms_ram_block *b, unsigned n)
{
	struct convert *c = ctx;
	memcpy(c->blocks, b, n * sizeof(*b));
	return vms_ram_write_blocks(&c->w, b, n);
}

static bool convert_page(void *ctx, unsigned block, uint64_t addr,
			 const uint8_t *data, uint8_t fill)
{
	struct convert *c = ctx;
	return vms_ram_write_page(&c->w, block, c->blocks[block].name, addr, data,
				  fill);
}

static bool convert_end(void *ctx)
{
	return vms_writer_finish(&((struct convert *)ctx)->w);
}

bool snapshot_set_parse(const char *text, struct snapshot_set *set,
			struct vms_error *err)
{
	const char *colon = strchr(text, ':');
	const char *eq = strrchr(text, '=');
	char *end;
	memset(set, 0, sizeof(*set));
	if (!colon || !eq || eq < colon || colon == text || eq == colon + 1 ||
	    (size_t)(colon - text) >= sizeof(set->section) ||
	    (size_t)(eq - colon - 1) >= sizeof(set->field)) {
		err->set = true;
		snprintf(err->msg, sizeof(err->msg),
			 "--set '%s': expected SECTION:FIELD[INDEX]=VALUE, e.g. "
			 "cpu.0:env.regs[5]=0x42", text);
		return false;
	}
	memcpy(set->section, text, (size_t)(colon - text));
	memcpy(set->field, colon + 1, (size_t)(eq - colon - 1));
	set->value = strtoull(eq + 1, &end, 0);
	if (!eq[1] || *end) {
		err->set = true;
		snprintf(err->msg, sizeof(err->msg), "--set '%s': '%s' is not a number",
			 text, eq + 1);
		return false;
	}
	/* "name[3]" may be element 3 of "name" (or a field named so). */
	size_t n = strlen(set->field);
	char *lb = strrchr(set->field, '[');
	if (n && set->field[n - 1] == ']' && lb) {
		set->index = (uint32_t)strtoul(lb + 1, &end, 0);
		if (end == set->field + n - 1 && end != lb + 1) {
			set->has_index = true;
			memcpy(set->base, set->field, (size_t)(lb - set->field));
		}
	}
	return true;
}

bool snapshot_convert(const uint8_t *buf, size_t len,
		      const struct snapshot_set *sets, unsigned nsets,
		      const struct snapshot_scratch *scratch, struct vms_out *out,
		      struct vms_error *err)
{
	struct snapshot_scratch s = *scratch;
	struct convert *c = scratch_take(&s, sizeof(*c));
	struct arm_cpu *cpu = scratch_take(&s, sizeof(*cpu));
	size_t json_cap = s.arena_cap / 4;
	uint8_t *json = scratch_take(&s, json_cap);
	if (!c || !cpu || !json || nsets > 32)
		return scratch_fail(err);
	arm_cpu_reset(cpu, NULL);
	c->sets = sets;
	c->nsets = nsets;
	vms_writer_begin(&c->w, out, json, json_cap, err);
	struct snapshot_ops ops = {
		.config = convert_config,
		.section = convert_section,
		.ram_begin = convert_ram_begin,
		.ram_end = convert_ram_end,
		.ram = { .blocks = convert_blocks, .page = convert_page },
		.end = convert_end,
	};
	if (!snapshot_walk(buf, len, cpu, &s, &ops, c, err))
		return false;
	for (unsigned i = 0; i < nsets; i++) {
		if (!(c->applied & (1u << i))) {
			err->set = true;
			snprintf(err->msg, sizeof(err->msg),
				 "--set: the stream has no section '%.64s'", sets[i].section);
			return false;
		}
	}
	return true;
}
