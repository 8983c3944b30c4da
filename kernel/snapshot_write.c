/*
 * A guest's snapshot as QEMU 7.2 writes one for -M virt -cpu cortex-a15
 * (vm.h, vm_snap_write): the same stream whichever executor ran the
 * guest, since it is written from the platform's state alone.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/arm_cpu_vmstate.h"
#include "kernel/vm.h"

/* Section ids and versions as QEMU 7.2 writes them for -M virt. */
#define SECTION_TIMER      0u
#define SECTION_RAM        2u
#define SECTION_CPU_COMMON 6u
#define SECTION_CPU        7u
#define SECTION_GIC        8u
#define SECTION_PL011      9u
#define RAM_VERSION        4u

/* ---- snapshot ---- */

/*
 * Device sections in QEMU 7.2's layout for -M virt (hw/intc/arm_gic_common.c,
 * hw/char/pl011.c, softmmu/cpu-timers.c), so that QEMU's streams and
 * tern's carry the same fields: restore.c reads both by field name. The
 * GIC is QEMU's 8-CPU model seen from CPU 0; per-CPU masks use bit 0, or
 * all eight bits where QEMU sets ALL_CPU_MASK (SGI enables, SPI enables
 * and levels).
 */
#define GIC_QEMU_NCPU   8u
#define GIC_QEMU_MAXIRQ 1020u
#define GIC_QEMU_NRAPR  4u
#define GIC_ALL_CPUS    0xffu

struct gic_irq_wire {
	uint8_t enabled, pending, active, level;
	uint8_t model, edge_trigger, group;
};

struct gic_wire {
	uint32_t ctlr;
	uint32_t cpu_ctlr[GIC_QEMU_NCPU];
	struct gic_irq_wire irq_state[GIC_QEMU_MAXIRQ];
	uint8_t irq_target[GIC_QEMU_MAXIRQ];
	uint8_t priority1[GIC_INTERNAL * GIC_QEMU_NCPU];
	uint8_t priority2[GIC_QEMU_MAXIRQ - GIC_INTERNAL];
	uint8_t sgi_pending[GIC_NR_SGI * GIC_QEMU_NCPU];
	uint16_t priority_mask[GIC_QEMU_NCPU];
	uint16_t running_priority[GIC_QEMU_NCPU];
	uint16_t current_pending[GIC_QEMU_NCPU];
	uint8_t bpr[GIC_QEMU_NCPU];
	uint8_t abpr[GIC_QEMU_NCPU];
	uint32_t apr[GIC_QEMU_NRAPR * GIC_QEMU_NCPU];
	uint32_t nsapr[GIC_QEMU_NRAPR * GIC_QEMU_NCPU];
};

static const struct vms_field gic_irq_fields[] = {
	VMS_UINT8("enabled", struct gic_irq_wire, enabled),
	VMS_UINT8("pending", struct gic_irq_wire, pending),
	VMS_UINT8("active", struct gic_irq_wire, active),
	VMS_UINT8("level", struct gic_irq_wire, level),
	VMS_BOOL_FIELD("model", struct gic_irq_wire, model),
	VMS_BOOL_FIELD("edge_trigger", struct gic_irq_wire, edge_trigger),
	VMS_UINT8("group", struct gic_irq_wire, group),
};

static const struct vms_desc gic_irq_desc = {
	.name = "arm_gic_irq_state",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(gic_irq_fields),
};

#define GIC_U8_ARRAY(nm, m, n) VMS_INT_FIELD(nm, struct gic_wire, m, 1, 0, n)
#define GIC_U16_ARRAY(nm, m, n) VMS_INT_FIELD(nm, struct gic_wire, m, 2, 0, n)
#define GIC_U32_ARRAY(nm, m, n) VMS_INT_FIELD(nm, struct gic_wire, m, 4, 0, n)

static const struct vms_field gic_fields[] = {
	VMS_UINT32("ctlr", struct gic_wire, ctlr),
	GIC_U32_ARRAY("cpu_ctlr", cpu_ctlr, GIC_QEMU_NCPU),
	VMS_STRUCT_FIELD("irq_state", struct gic_wire, irq_state, gic_irq_desc,
			 GIC_QEMU_MAXIRQ, struct gic_irq_wire),
	GIC_U8_ARRAY("irq_target", irq_target, GIC_QEMU_MAXIRQ),
	GIC_U8_ARRAY("priority1", priority1, GIC_INTERNAL * GIC_QEMU_NCPU),
	GIC_U8_ARRAY("priority2", priority2, GIC_QEMU_MAXIRQ - GIC_INTERNAL),
	GIC_U8_ARRAY("sgi_pending", sgi_pending, GIC_NR_SGI * GIC_QEMU_NCPU),
	GIC_U16_ARRAY("priority_mask", priority_mask, GIC_QEMU_NCPU),
	GIC_U16_ARRAY("running_priority", running_priority, GIC_QEMU_NCPU),
	GIC_U16_ARRAY("current_pending", current_pending, GIC_QEMU_NCPU),
	GIC_U8_ARRAY("bpr", bpr, GIC_QEMU_NCPU),
	GIC_U8_ARRAY("abpr", abpr, GIC_QEMU_NCPU),
	GIC_U32_ARRAY("apr", apr, GIC_QEMU_NRAPR * GIC_QEMU_NCPU),
	GIC_U32_ARRAY("nsapr", nsapr, GIC_QEMU_NRAPR * GIC_QEMU_NCPU),
};

static const struct vms_desc gic_desc = {
	.name = "arm_gic",
	.version_id = 12,
	.minimum_version_id = 12,
	VMS_FIELDS(gic_fields),
};

static bool bit(const uint32_t *bm, unsigned irq)
{
	return (bm[irq / 32] >> (irq % 32)) & 1;
}

static void gic_to_wire(const struct gic *g, struct gic_wire *w)
{
	memset(w, 0, sizeof(*w));
	w->ctlr = g->ctlr;
	w->cpu_ctlr[0] = g->cpu_ctlr;
	for (unsigned irq = 0; irq < GIC_QEMU_MAXIRQ; irq++) {
		struct gic_irq_wire *s = &w->irq_state[irq];
		w->irq_target[irq] = 1;
		if (irq >= GIC_NR_IRQ)
			continue;
		uint8_t spread = irq < GIC_NR_SGI || irq >= GIC_INTERNAL ? GIC_ALL_CPUS : 1;
		uint8_t level_cm = irq >= GIC_INTERNAL ? GIC_ALL_CPUS : 1;
		s->enabled = bit(g->enabled, irq) ? spread : 0;
		s->pending = bit(g->pending, irq) ? 1 : 0;
		s->active = bit(g->active, irq) ? 1 : 0;
		s->level = bit(g->level, irq) ? level_cm : 0;
		s->edge_trigger = bit(g->edge, irq);
		s->group = bit(g->group, irq) ? level_cm : 0;
		if (irq < GIC_INTERNAL)
			w->priority1[irq * GIC_QEMU_NCPU] = g->priority[irq];
		else
			w->priority2[irq - GIC_INTERNAL] = g->priority[irq];
	}
	for (unsigned i = 0; i < GIC_NR_SGI; i++)
		w->sgi_pending[i * GIC_QEMU_NCPU] = g->sgi_source[i];
	w->priority_mask[0] = (uint16_t)g->pmr;
	w->running_priority[0] = (uint16_t)g->running_priority;
	w->current_pending[0] = (uint16_t)g->current_pending;
	w->bpr[0] = (uint8_t)g->bpr;
	w->abpr[0] = (uint8_t)g->abpr;
	for (unsigned i = 0; i < GIC_QEMU_NRAPR; i++) {
		w->apr[i * GIC_QEMU_NCPU] = g->apr[i];
		w->nsapr[i * GIC_QEMU_NCPU] = g->nsapr[i];
	}
}

/* "pl011" v2 and its "pl011/clock" subsection (the clock's period). */
struct pl011_wire {
	struct pl011 u;
	uint64_t clk_period;
};

static const struct vms_field clock_fields[] = {
	VMS_UINT64("period", struct pl011_wire, clk_period),
};

static const struct vms_desc clock_desc = {
	.name = "clock",
	.version_id = 0,
	.minimum_version_id = 0,
	VMS_FIELDS(clock_fields),
};

/* the clock of the whole pl011_wire (clock_fields name its member) */
static const struct vms_field pl011_clock_fields[] = {
	{ .name = "clk", .kind = VMS_STRUCT, .vmsd = &clock_desc },
};


/* No `needed`: written always, as QEMU 7.2's virt migrates the clock
 * (migrate_clk). */
static const struct vms_desc pl011_clock_desc = {
	.name = "pl011/clock",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(pl011_clock_fields),
};

static const struct vms_desc *const pl011_subsections[] = { &pl011_clock_desc, NULL };

#define PL011_U32(nm, m) VMS_UINT32(nm, struct pl011_wire, u.m)
#define PL011_I32(nm, m) VMS_INT32(nm, struct pl011_wire, u.m)

static const struct vms_field pl011_fields[] = {
	PL011_U32("readbuff", readbuff),
	PL011_U32("flags", flags),
	PL011_U32("lcr", lcr),
	PL011_U32("rsr", rsr),
	PL011_U32("cr", cr),
	PL011_U32("dmacr", dmacr),
	PL011_U32("int_enabled", int_enabled),
	PL011_U32("int_level", int_level),
	VMS_UINT32_ARRAY("read_fifo", struct pl011_wire, u.read_fifo, PL011_FIFO),
	PL011_U32("ilpr", ilpr),
	PL011_U32("ibrd", ibrd),
	PL011_U32("fbrd", fbrd),
	PL011_U32("ifl", ifl),
	PL011_I32("read_pos", read_pos),
	PL011_I32("read_count", read_count),
	PL011_I32("read_trigger", read_trigger),
};

static const struct vms_desc pl011_desc = {
	.name = "pl011",
	.version_id = 2,
	.minimum_version_id = 2,
	VMS_FIELDS(pl011_fields),
	.subsections = pl011_subsections,
};

/* "timer": QEMU's virtual clock. cpu_clock_offset is the clock in ns
 * while the VM is stopped, which is when a stream is written. */
struct timer_wire {
	int64_t cpu_ticks_offset;
	int64_t cpu_clock_offset;
};

static const struct vms_field timer_fields[] = {
	VMS_INT64("cpu_ticks_offset", struct timer_wire, cpu_ticks_offset),
	VMS_UNUSED_FIELD(8),
	VMS_INT64("cpu_clock_offset", struct timer_wire, cpu_clock_offset),
};

static const struct vms_desc timer_desc = {
	.name = "timer",
	.version_id = 2,
	.minimum_version_id = 1,
	VMS_FIELDS(timer_fields),
};

static bool page_is_zero(const uint8_t *p)
{
	const uint64_t *w = (const uint64_t *)(const void *)p;
	uint64_t acc = 0;
	for (unsigned i = 0; i < VMS_PAGE_SIZE / 8; i++)
		acc |= w[i];
	return acc == 0;
}

/* The PART body: data pages only. A zero page is not sent: QEMU's loader
 * leaves a page the stream does not name as it is, and a destination's
 * RAM starts zeroed (QEMU does not load -kernel blobs when it waits for
 * an incoming stream), so a mostly idle 16 MiB guest costs a few KiB. */
static bool write_ram_pages(struct vms_writer *w, const struct vm_snap *vm)
{
	for (uint32_t off = 0; off < vm->ram_size; off += VMS_PAGE_SIZE) {
		const uint8_t *p = vm->ram + off;
		if (!page_is_zero(p) && !vms_ram_write_page(w, 0, VM_RAM_BLOCK, off, p, 0))
			return false;
	}
	return true;
}

bool vm_snap_write(const struct vm_snap *vm, struct vms_out *out, uint8_t *json,
		   size_t json_cap, struct vms_error *err)
{
	struct vms_writer w;
	struct vms_config cfg = { .target_page_bits = VMS_PAGE_BITS };
	/* large (names, the GIC's 1020 interrupts): not on the stack */
	static struct vms_ram_block blk;
	static struct gic_wire gic;
	static struct pl011_wire uart;
	static struct timer_wire timer;
	snprintf(cfg.name, sizeof(cfg.name), "%s", VM_MACHINE);
	memset(&blk, 0, sizeof(blk));
	snprintf(blk.name, sizeof(blk.name), "%s", VM_RAM_BLOCK);
	blk.length = vm->ram_size;
	gic_to_wire(vm->gic, &gic);
	memset(&uart, 0, sizeof(uart));
	uart.u = *vm->uart;
	timer.cpu_clock_offset = (int64_t)(vm->timer_count * VM_TIMER_NS_PER_TICK);
	timer.cpu_ticks_offset = timer.cpu_clock_offset;

	/* As QEMU's precopy: RAM START (the block list), PART (the pages),
	 * END; then the device sections in QEMU's order; then EOF and the
	 * description. */
	static const uint8_t ram_recs[] = { VMS_REC_START, VMS_REC_PART, VMS_REC_END };
	/* a section's idstr is its description's name */
	static const struct {
		uint8_t id;
		const struct vms_desc *desc;
	} devs[] = {
		{ SECTION_TIMER, &timer_desc },
		{ SECTION_CPU_COMMON, &arm_cpu_common_vmstate },
		{ SECTION_CPU, &arm_cpu_vmstate },
		{ SECTION_GIC, &gic_desc },
		{ SECTION_PL011, &pl011_desc },
	};
	void *opaque[] = { &timer, vm->cpu, vm->cpu, &gic, &uart };
	if (!vms_writer_begin(&w, out, json, json_cap, err) || !vms_write_config(&w, &cfg))
		return false;
	for (unsigned i = 0; i < sizeof(ram_recs); i++)
		if (!vms_write_record_start(&w, ram_recs[i], SECTION_RAM, "ram", 0, RAM_VERSION) ||
		    (i == 0 && !vms_ram_write_blocks(&w, &blk, 1)) ||
		    (i == 1 && !write_ram_pages(&w, vm)) || !vms_ram_write_eos(&w) ||
		    !vms_write_footer(&w, SECTION_RAM))
			return false;
	for (unsigned i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
		if (!vms_write_section(&w, VMS_REC_FULL, devs[i].id, devs[i].desc->name, 0,
				       devs[i].desc, opaque[i]))
			return false;
	return vms_writer_finish(&w);
}

