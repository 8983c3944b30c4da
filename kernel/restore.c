/*
 * Restore (see restore.h). Device sections come through descriptions the
 * walk builds from the stream's own JSON description, so they are read by
 * field name: QEMU's layout and tern's (kernel/vm.c writes QEMU's) are the
 * same names, and a field that is missing is an error rather than a guess.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu/arm_cpu_vmstate.h"
#include "cpu/cpreg.h"
#include "kernel/restore.h"

#define GIC_QEMU_NCPU 8u
#define GIC_IDLE_PRIORITY 0x100u

struct restore {
	struct vm_state *st;
	const struct restore_mem *mem;
	struct vms_error *err;
	int ram_block;           /* index of mach-virt.ram in the block list */
	bool have_cpu, have_ram, have_timer;
};

/* A failure found by a callback: the walk adds nothing, so say it all. */
static bool restore_fail(struct vms_in *in, struct vms_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool restore_fail(struct vms_in *in, struct vms_error *err, const char *fmt, ...)
{
	va_list ap;
	if (err->set)
		return false;
	err->set = true;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	/* names quoted from the stream may hold control bytes: one line */
	for (char *c = err->msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	if (in)
		in->failed = true;
	return false;
}

static bool restore_config(void *ctx, struct vms_config *cfg)
{
	struct restore *r = ctx;
	if (strncmp(cfg->name, "virt", 4))
		return restore_fail(NULL, r->err, "machine '%.63s': tern runs QEMU's virt "
				    "guests only", cfg->name);
	if (cfg->target_page_bits && cfg->target_page_bits != VMS_PAGE_BITS)
		return restore_fail(NULL, r->err, "target page bits %" PRIu32 ": tern's "
				    "pages are 4 KiB", cfg->target_page_bits);
	return true;
}

static bool restore_blocks(void *ctx, const struct vms_ram_block *b, unsigned n)
{
	struct restore *r = ctx;
	r->ram_block = -1;
	for (unsigned i = 0; i < n; i++)
		if (!strcmp(b[i].name, VM_RAM_BLOCK))
			r->ram_block = (int)i;
	if (r->ram_block < 0)
		return restore_fail(NULL, r->err, "the stream has no RAM block '%s'",
				    VM_RAM_BLOCK);
	uint64_t size = b[r->ram_block].length;
	if (!size || size % VMS_PAGE_SIZE || size > VM_RAM_MAX)
		return restore_fail(NULL, r->err, "RAM block '%s' of %" PRIu64 " bytes: tern "
				    "takes whole pages up to %u MiB", VM_RAM_BLOCK, size,
				    VM_RAM_MAX >> 20);
	if (r->st->ram) {
		if (r->st->ram_size != size)
			return restore_fail(NULL, r->err, "RAM block '%s' changes size", VM_RAM_BLOCK);
		return true;
	}
	r->st->ram = r->mem->ram_alloc(r->mem->ctx, (uint32_t)size);
	if (!r->st->ram)
		return restore_fail(NULL, r->err, "the guest has %" PRIu64 " MiB of RAM: "
				    "that does not fit in tern's free memory", size >> 20);
	r->st->ram_size = (uint32_t)size;
	r->have_ram = true;
	return true;
}

static bool restore_page(void *ctx, unsigned block, uint64_t addr,
			 const uint8_t *data, uint8_t fill)
{
	struct restore *r = ctx;
	if ((int)block != r->ram_block || !r->st->ram)
		return true; /* flash, ROMs: QEMU's, not the guest's */
	if (addr % VMS_PAGE_SIZE || addr + VMS_PAGE_SIZE > r->st->ram_size)
		return restore_fail(NULL, r->err, "RAM page at 0x%" PRIx64 " is outside "
				    "'%s' (%" PRIu32 " bytes)", addr, VM_RAM_BLOCK,
				    r->st->ram_size);
	if (data)
		memcpy(r->st->ram + addr, data, VMS_PAGE_SIZE);
	else
		memset(r->st->ram + addr, fill, VMS_PAGE_SIZE);
	return true;
}

/* ---- device sections, by field name ---- */

struct fields {
	const struct vms_desc *d;
	const void *opaque;
	struct vms_in *in;
	const char *section;
	struct vms_error *err;
};

static bool get(struct fields *f, const char *name, uint32_t i, uint64_t *v)
{
	const struct vms_field *fl = vms_field_find(f->d, name, NULL, NULL);
	if (!fl || !vms_field_get(fl, f->opaque, i, v))
		return restore_fail(f->in, f->err, "section '%s': no field '%s'%s", f->section,
				    name, i ? " element" : "");
	return true;
}

/* Field `name` of element i of struct array `array`. */
static bool get_elem(struct fields *f, const char *array, uint32_t i,
		     const char *name, uint64_t *v)
{
	const struct vms_field *fl = vms_field_find(f->d, array, NULL, NULL);
	const struct vms_desc *sd = fl ? vms_field_struct(fl) : NULL;
	if (!sd || i >= vms_field_count(fl, f->opaque))
		return restore_fail(f->in, f->err, "section '%s': no struct array '%s' of "
				    "%" PRIu32 " or more", f->section, array, i + 1);
	const void *elem = vms_field_elem(fl, f->opaque, i);
	const struct vms_field *sub = vms_field_find(sd, name, NULL, NULL);
	if (!sub || !vms_field_get(sub, elem, 0, v))
		return restore_fail(f->in, f->err, "section '%s': no field '%s.%s'", f->section,
				    array, name);
	return true;
}

/*
 * Fields copied as they are, by name: element i of `name` (at i * step in
 * QEMU's array, one per CPU where step is 8) into `count` values of
 * `size` bytes at `off` in tern's model.
 */
struct field_map {
	const char *name;
	uint16_t off, count;
	uint8_t step, size;
};

static bool get_fields(struct fields *f, const struct field_map *m, size_t n, void *base)
{
	for (; n--; m++)
		for (unsigned i = 0; i < m->count; i++) {
			uint8_t *p = (uint8_t *)base + m->off + i * m->size;
			uint64_t v;
			if (!get(f, m->name, i * m->step, &v))
				return false;
			if (m->size == 1)
				*p = (uint8_t)v;
			else
				*(uint32_t *)(void *)p = (uint32_t)v;
		}
	return true;
}

static bool restore_timer(struct restore *r, struct fields *f)
{
	uint64_t ns;
	if (!get(f, "cpu_clock_offset", 0, &ns))
		return false;
	if ((int64_t)ns < 0)
		return restore_fail(f->in, r->err, "section 'timer': negative clock %" PRId64,
				    (int64_t)ns);
	r->st->timer_count = ns / VM_TIMER_NS_PER_TICK;
	r->have_timer = true;
	return true;
}

static void set_bit(uint32_t *bm, unsigned irq, bool on)
{
	if (on)
		bm[irq / 32] |= 1u << (irq % 32);
	else
		bm[irq / 32] &= ~(1u << (irq % 32));
}

#define MAP(name, m, count, step) \
	{ name, offsetof(struct gic, m), count, step, sizeof(((struct gic *)0)->m[0]) }
#define MAP1(name, m) { name, offsetof(struct gic, m), 1, 0, 4 }

/* QEMU's 8-CPU GIC seen from CPU 0: bit 0 of each per-CPU mask. */
static const struct field_map gic_map[] = {
	MAP1("ctlr", ctlr),
	MAP1("cpu_ctlr", cpu_ctlr),
	MAP("priority1", priority, GIC_INTERNAL, GIC_QEMU_NCPU),
	MAP("sgi_pending", sgi_source, GIC_NR_SGI, GIC_QEMU_NCPU),
	MAP1("priority_mask", pmr),
	MAP1("running_priority", running_priority),
	MAP1("current_pending", current_pending),
	MAP1("bpr", bpr),
	MAP1("abpr", abpr),
	MAP("apr", apr, 4, GIC_QEMU_NCPU),
	MAP("nsapr", nsapr, 4, GIC_QEMU_NCPU),
	{ "priority2", offsetof(struct gic, priority) + GIC_INTERNAL,
	  GIC_NR_IRQ - GIC_INTERNAL, 1, 1 },
};

#undef MAP
#undef MAP1

static bool restore_gic(struct restore *r, struct fields *f)
{
	struct gic *g = &r->st->gic;
	uint64_t v;
	if (!get_fields(f, gic_map, sizeof(gic_map) / sizeof(gic_map[0]), g))
		return false;
	for (unsigned irq = 0; irq < GIC_NR_IRQ; irq++) {
		static const char *const masks[] = { "enabled", "pending", "active", "level",
						     "edge_trigger", "group" };
		uint32_t *bms[] = { g->enabled, g->pending, g->active, g->level, g->edge,
				    g->group };
		for (unsigned k = 0; k < 6; k++) {
			if (!get_elem(f, "irq_state", irq, masks[k], &v))
				return false;
			set_bit(bms[k], irq, v & 1);
		}
	}
	/* tern's SGIs are always enabled and edge-triggered (GICv2 4.3.2) */
	g->enabled[0] |= 0xffffu;
	g->edge[0] |= 0xffffu;
	/* Values the model indexes with or compares against. */
	if (g->pmr > 0xff || g->running_priority > GIC_IDLE_PRIORITY || g->bpr > 7 ||
	    g->abpr > 7 || (g->current_pending >= GIC_NR_IRQ && g->current_pending != 1023))
		return restore_fail(f->in, r->err, "section 'arm_gic': CPU interface state out "
				    "of range (pmr %" PRIu32 ", running priority %" PRIu32
				    ", pending %" PRIu32 ")", g->pmr, g->running_priority,
				    g->current_pending);
	return true;
}

#define MAP(m, count) { #m, offsetof(struct pl011, m), count, 1, 4 }

static const struct field_map pl011_map[] = {
	MAP(readbuff, 1), MAP(flags, 1), MAP(lcr, 1), MAP(rsr, 1), MAP(cr, 1),
	MAP(dmacr, 1), MAP(int_enabled, 1), MAP(int_level, 1), MAP(ilpr, 1), MAP(ibrd, 1),
	MAP(fbrd, 1), MAP(ifl, 1), MAP(read_pos, 1), MAP(read_count, 1),
	MAP(read_trigger, 1), MAP(read_fifo, PL011_FIFO),
};

#undef MAP

static bool restore_pl011(struct restore *r, struct fields *f)
{
	struct pl011 *u = &r->st->uart;
	if (!get_fields(f, pl011_map, sizeof(pl011_map) / sizeof(pl011_map[0]), u))
		return false;
	/* The model indexes its FIFO with these. */
	if (u->read_pos >= PL011_FIFO || u->read_count > PL011_FIFO || u->read_trigger < 1 ||
	    u->read_trigger > PL011_FIFO)
		return restore_fail(f->in, r->err, "section 'pl011': FIFO state out of range "
				    "(read_pos %" PRIu32 ", read_count %" PRIu32 ", read_trigger %"
				    PRIu32 ")", u->read_pos, u->read_count, u->read_trigger);
	return true;
}

static bool restore_section(void *ctx, const struct vms_record *rec,
			    const struct vms_desc *d, void *opaque, struct vms_in *in)
{
	struct restore *r = ctx;
	struct fields f = { .d = d, .opaque = opaque, .in = in, .section = rec->idstr,
			    .err = r->err };
	if (rec->instance_id != 0)
		return true; /* a second CPU, GIC or UART: not on tern's platform */
	if (d == &arm_cpu_vmstate) {
		r->have_cpu = true;
		return true;
	}
	if (!strcmp(rec->idstr, "timer"))
		return restore_timer(r, &f);
	if (!strcmp(rec->idstr, "arm_gic"))
		return restore_gic(r, &f);
	if (!strcmp(rec->idstr, "pl011"))
		return restore_pl011(r, &f);
	return true;
}

static bool restore_end(void *ctx)
{
	struct restore *r = ctx;
	if (!r->have_ram)
		return restore_fail(NULL, r->err, "the stream has no RAM block '%s'", VM_RAM_BLOCK);
	if (!r->have_cpu)
		return restore_fail(NULL, r->err, "the stream has no 'cpu' section");
	return true;
}

bool restore_decode(const uint8_t *buf, size_t len, struct vm_state *st,
		    const struct restore_mem *mem,
		    const struct snapshot_scratch *s, struct vms_error *err)
{
	struct restore r = { .st = st, .mem = mem, .err = err, .ram_block = -1 };
	memset(st, 0, sizeof(*st));
	/* What a stream leaves out keeps its reset value: a fresh platform. */
	arm_cpu_reset(&st->cpu, &cpreg_list_a15);
	gic_init(&st->gic, NULL, NULL);
	pl011_init(&st->uart, NULL, NULL, NULL);
	struct snapshot_ops ops = {
		.config = restore_config,
		.section = restore_section,
		.ram = { .blocks = restore_blocks, .page = restore_page },
		.end = restore_end,
	};
	return snapshot_walk(buf, len, &st->cpu, s, &ops, &r, err);
}
