/*
 * GICv2 distributor and CPU interface for one CPU (ARM IHI 0048B), with the
 * behaviour of QEMU 7.2's arm_gic (revision 2, no Security Extensions)
 * where the specification leaves a choice; values checked against
 * qemu-system-arm -M virt (GICD_TYPER 8, IIDR 0x43b, GICC_IIDR 0x2043b,
 * SGIs always enabled, ITARGETSR RAZ/WI on a uniprocessor GIC, BPR reset 0,
 * ABPR reset and minimum 1, GICC_CTLR writable bits 0x21f).
 *
 * Pending state: a latch (edge, software) or, for level-sensitive
 * interrupts, the input line itself (IHI 0048B 3.2.4).
 * Running priority and the active-priority registers follow 3.3: the
 * group priority of an acknowledged interrupt sets bit (prio >> 1) in
 * GICC_APRn (group 0) or GICC_NSAPRn (group 1); an EOI drops the lowest
 * set bit, i.e. the highest active priority.
 */
#include "kernel/dev_gic.h"

#define GICD_CTLR_EN_GRP0  0x1u
#define GICD_CTLR_EN_GRP1  0x2u
#define GICC_CTLR_EN_GRP0  0x001u
#define GICC_CTLR_EN_GRP1  0x002u
#define GICC_CTLR_ACK_CTL  0x004u
#define GICC_CTLR_FIQ_EN   0x008u
#define GICC_CTLR_CBPR     0x010u
#define GICC_CTLR_EOIMODE  0x200u
#define GICC_CTLR_MASK     0x21fu

#define IDLE_PRIORITY 0x100u

/* GICD_PIDR4..7, PIDR0..3, CIDR0..3 at 0xfd0.. (QEMU's GICv2 values). */
static const uint8_t gic_id[12] = { 0x04, 0x00, 0x00, 0x00, 0x90, 0xb4,
				    0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static inline bool test(const uint32_t *bm, unsigned irq)
{
	return (bm[irq >> 5] >> (irq & 31)) & 1;
}

static inline void set(uint32_t *bm, unsigned irq)
{
	bm[irq >> 5] |= 1u << (irq & 31);
}

static inline void clear(uint32_t *bm, unsigned irq)
{
	bm[irq >> 5] &= ~(1u << (irq & 31));
}

/* Pending as GICD_ISPENDR shows it: latch, or a level-sensitive line high. */
static inline uint32_t pending_word(const struct gic *g, unsigned w)
{
	return g->pending[w] | (g->level[w] & ~g->edge[w]);
}

/* Whether list registers would have anything (struct gic, lr_work). */
static bool lr_work(const struct gic *g)
{
	bool dist_on = g->ctlr & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1);

	for (unsigned w = 0; w < GIC_WORDS; w++) {
		if (g->active[w])
			return true;
		if (dist_on && (g->enabled[w] & pending_word(g, w)))
			return true;
	}
	return false;
}

/* Highest-priority pending interrupt and the output lines (3.2.2). */
static void update(struct gic *g)
{
	bool irq = false, fiq = false;
	g->lr_work = lr_work(g);
	g->current_pending = GIC_SPURIOUS;
	if ((g->ctlr & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1)) &&
	    (g->cpu_ctlr & (GICC_CTLR_EN_GRP0 | GICC_CTLR_EN_GRP1))) {
		unsigned best = GIC_SPURIOUS, best_prio = IDLE_PRIORITY;
		for (unsigned w = 0; w < GIC_WORDS; w++) {
			uint32_t cand = g->enabled[w] & pending_word(g, w) & ~g->active[w];
			while (cand) {
				unsigned n = w * 32 + (unsigned)__builtin_ctz(cand);
				cand &= cand - 1;
				if (g->priority[n] < best_prio) {
					best_prio = g->priority[n];
					best = n;
				}
			}
		}
		if (best_prio < g->pmr) {
			g->current_pending = best;
			if (best_prio < g->running_priority) {
				unsigned grp = test(g->group, best);
				if (((g->ctlr >> grp) & 1) && ((g->cpu_ctlr >> grp) & 1)) {
					if (grp == 0 && (g->cpu_ctlr & GICC_CTLR_FIQ_EN))
						fiq = true;
					else
						irq = true;
				}
			}
		}
	}
	if (irq != g->irq_out || fiq != g->fiq_out) {
		g->irq_out = irq;
		g->fiq_out = fiq;
		if (g->out)
			g->out(g->ctx, irq, fiq);
	}
}

void gic_init(struct gic *g, void (*out)(void *ctx, bool irq, bool fiq),
	      void *ctx)
{
	g->out = out;
	g->ctx = ctx;
	g->irq_out = g->fiq_out = false;
	gic_reset(g);
}

void gic_reset(struct gic *g)
{
	for (unsigned w = 0; w < GIC_WORDS; w++)
		g->enabled[w] = g->pending[w] = g->active[w] = g->level[w] =
			g->edge[w] = g->group[w] = 0;
	for (unsigned i = 0; i < GIC_NR_IRQ; i++)
		g->priority[i] = 0;
	for (unsigned i = 0; i < GIC_NR_SGI; i++)
		g->sgi_source[i] = 0;
	/* SGIs: always enabled, always edge-triggered. */
	g->enabled[0] = g->edge[0] = 0xffffu;
	g->ctlr = 0;
	g->cpu_ctlr = 0;
	g->pmr = 0;
	g->bpr = 0;
	g->abpr = 1;
	g->running_priority = IDLE_PRIORITY;
	for (unsigned i = 0; i < 4; i++)
		g->apr[i] = g->nsapr[i] = 0;
	update(g);
}

void gic_set_irq(struct gic *g, unsigned irq, bool level)
{
	if (irq < GIC_NR_SGI || irq >= GIC_NR_IRQ || test(g->level, irq) == level)
		return;
	if (level) {
		set(g->level, irq);
		if (test(g->edge, irq) || test(g->enabled, irq))
			set(g->pending, irq);
	} else {
		clear(g->level, irq);
	}
	update(g);
}

/* ---- priorities ---- */

static unsigned group_priority(const struct gic *g, unsigned irq)
{
	unsigned bpr = g->bpr;
	if (!(g->cpu_ctlr & GICC_CTLR_CBPR) && test(g->group, irq))
		bpr = g->abpr - 1;
	return g->priority[irq] & (0xffu << ((bpr & 7) + 1)) & 0xffu;
}

static unsigned priority_from_apr(const struct gic *g)
{
	for (unsigned i = 0; i < 4; i++) {
		uint32_t v = g->apr[i] | g->nsapr[i];
		if (v)
			return (i * 32 + (unsigned)__builtin_ctz(v)) << 1;
	}
	return IDLE_PRIORITY;
}

static void activate(struct gic *g, unsigned irq)
{
	unsigned prio = group_priority(g, irq);
	unsigned level = prio >> 1;
	uint32_t *apr = test(g->group, irq) ? g->nsapr : g->apr;
	apr[level / 32] |= 1u << (level % 32);
	g->running_priority = prio;
	set(g->active, irq);
}

static void drop_priority(struct gic *g, bool group1)
{
	uint32_t *apr = group1 ? g->nsapr : g->apr;
	for (unsigned i = 0; i < 4; i++) {
		if (apr[i]) {
			apr[i] &= apr[i] - 1;
			break;
		}
	}
	g->running_priority = priority_from_apr(g);
}

/* GICC_HPPIR's view: group 1 is hidden (1022) unless AckCtl (4.4.4). */
static unsigned visible_pending(const struct gic *g)
{
	unsigned irq = g->current_pending;
	if (irq < GIC_NR_IRQ && test(g->group, irq) &&
	    !(g->cpu_ctlr & GICC_CTLR_ACK_CTL))
		return 1022;
	return irq;
}

static uint32_t acknowledge(struct gic *g)
{
	unsigned irq = visible_pending(g);
	uint32_t ret;
	if (irq >= GIC_NR_IRQ)
		return irq;
	if (g->priority[irq] >= g->running_priority)
		return GIC_SPURIOUS; /* cannot preempt what runs */
	if (irq < GIC_NR_SGI) {
		unsigned src = (unsigned)__builtin_ctz(g->sgi_source[irq]);
		g->sgi_source[irq] &= (uint8_t)~(1u << src);
		if (!g->sgi_source[irq])
			clear(g->pending, irq);
		ret = irq | (src & 7) << 10;
	} else {
		clear(g->pending, irq); /* a level line stays what it is */
		ret = irq;
	}
	activate(g, irq);
	update(g);
	return ret;
}

static void end_of_interrupt(struct gic *g, uint32_t val)
{
	unsigned irq = val & 0x3ff;
	if (irq >= GIC_NR_IRQ || g->running_priority == IDLE_PRIORITY)
		return;
	if (!(g->cpu_ctlr & GICC_CTLR_EOIMODE))
		clear(g->active, irq);
	drop_priority(g, test(g->group, irq));
	update(g);
}

/* ---- distributor ---- */

static uint32_t dist_read_word(struct gic *g, uint32_t off)
{
	unsigned n;
	if (off == 0x000)
		return g->ctlr;
	if (off == 0x004) /* ITLinesNumber; one CPU; no Security Extensions */
		return GIC_NR_IRQ / 32 - 1;
	if (off == 0x008)
		return 0x43b; /* GICD_IIDR: ARM */
	if (off >= 0x080 && off < 0x100) {
		n = (off - 0x080) / 4;
		return n < GIC_WORDS ? g->group[n] : 0;
	}
	if (off >= 0x100 && off < 0x200) { /* ISENABLER, ICENABLER */
		n = (off & 0x7f) / 4;
		return n < GIC_WORDS ? g->enabled[n] : 0;
	}
	if (off >= 0x200 && off < 0x300) { /* ISPENDR, ICPENDR */
		n = (off & 0x7f) / 4;
		return n < GIC_WORDS ? pending_word(g, n) : 0;
	}
	if (off >= 0x300 && off < 0x400) { /* ISACTIVER, ICACTIVER */
		n = (off & 0x7f) / 4;
		return n < GIC_WORDS ? g->active[n] : 0;
	}
	if (off >= 0x400 && off < 0x400 + GIC_NR_IRQ) {
		n = off - 0x400;
		return (uint32_t)g->priority[n] | (uint32_t)g->priority[n + 1] << 8 |
		       (uint32_t)g->priority[n + 2] << 16 |
		       (uint32_t)g->priority[n + 3] << 24;
	}
	if (off >= 0x800 && off < 0xc00)
		return 0; /* ITARGETSR: RAZ/WI on a uniprocessor GIC */
	if (off >= 0xc00 && off < 0xc00 + GIC_NR_IRQ / 4) {
		uint32_t v = 0, base = (off - 0xc00) * 4;
		for (unsigned i = 0; i < 16; i++)
			if (test(g->edge, base + i))
				v |= 2u << (2 * i);
		return v;
	}
	if (off >= 0xf10 && off < 0xf30) { /* SPENDSGIR, CPENDSGIR */
		n = (off & 0xf);
		return (uint32_t)g->sgi_source[n] | (uint32_t)g->sgi_source[n + 1] << 8 |
		       (uint32_t)g->sgi_source[n + 2] << 16 |
		       (uint32_t)g->sgi_source[n + 3] << 24;
	}
	if (off >= 0xfd0)
		return gic_id[(off - 0xfd0) / 4];
	return 0;
}

static void sgi_pending_sync(struct gic *g, unsigned sgi)
{
	if (g->sgi_source[sgi])
		set(g->pending, sgi);
	else
		clear(g->pending, sgi);
}

static void write_sgir(struct gic *g, uint32_t val)
{
	unsigned sgi = val & 0xf;
	uint32_t targets;
	switch ((val >> 24) & 3) { /* TargetListFilter (4.3.15) */
	case 0: targets = (val >> 16) & 0xff; break;
	case 1: targets = 0; break;     /* all but the requester: nobody */
	case 2: targets = 1; break;     /* the requester itself */
	default: return;
	}
	if (targets & 1) {
		g->sgi_source[sgi] |= 1; /* from CPU 0 */
		sgi_pending_sync(g, sgi);
	}
}

/* `mask` selects the bytes the access wrote. */
static void dist_write_word(struct gic *g, uint32_t off, uint32_t val, uint32_t mask)
{
	unsigned n;
	uint32_t set_bits = val & mask;
	if (off == 0x000) {
		g->ctlr = ((g->ctlr & ~mask) | set_bits) & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1);
	} else if (off >= 0x080 && off < 0x100) {
		n = (off - 0x080) / 4;
		if (n < GIC_WORDS)
			g->group[n] = (g->group[n] & ~mask) | set_bits;
	} else if (off >= 0x100 && off < 0x300) {
		n = (off & 0x7f) / 4;
		if (n >= GIC_WORDS)
			return;
		if (n == 0)
			set_bits &= ~0xffffu; /* SGIs: fixed enable, pending via SGIR */
		switch (off >> 7) {
		case 2: /* ISENABLER: a raised level line becomes pending */
			g->enabled[n] |= set_bits;
			g->pending[n] |= set_bits & g->level[n] & ~g->edge[n];
			break;
		case 3: g->enabled[n] &= ~set_bits; break;
		case 4: g->pending[n] |= set_bits; break;
		default: g->pending[n] &= ~set_bits; break;
		}
	} else if (off >= 0x300 && off < 0x400) {
		n = (off & 0x7f) / 4;
		if (n >= GIC_WORDS)
			return;
		if (off < 0x380)
			g->active[n] |= set_bits;
		else
			g->active[n] &= ~set_bits;
	} else if (off >= 0x400 && off < 0x400 + GIC_NR_IRQ) {
		for (unsigned i = 0; i < 4; i++)
			if (mask & (0xffu << (8 * i)))
				g->priority[off - 0x400 + i] = (uint8_t)(val >> (8 * i));
	} else if (off >= 0xc04 && off < 0xc00 + GIC_NR_IRQ / 4) {
		/* ICFGR0 (SGIs) is read-only; bit 1 of each pair is edge. */
		uint32_t v = (dist_read_word(g, off) & ~mask) | set_bits;
		uint32_t base = (off - 0xc00) * 4;
		for (unsigned i = 0; i < 16; i++) {
			if (v & (2u << (2 * i)))
				set(g->edge, base + i);
			else
				clear(g->edge, base + i);
		}
	} else if (off == 0xf00) {
		if (mask == 0xffffffffu)
			write_sgir(g, val);
	} else if (off >= 0xf10 && off < 0xf30) {
		for (unsigned i = 0; i < 4; i++) {
			unsigned sgi = (off & 0xf) + i;
			uint8_t b = (uint8_t)(set_bits >> (8 * i)) & 1; /* CPU 0 only */
			if (!(mask & (0xffu << (8 * i))))
				continue;
			if (off < 0xf20)
				g->sgi_source[sgi] |= b;
			else
				g->sgi_source[sgi] &= (uint8_t)~b;
			sgi_pending_sync(g, sgi);
		}
	} else {
		return; /* read-only or reserved */
	}
	update(g);
}

static uint32_t size_mask(unsigned size)
{
	return size >= 4 ? 0xffffffffu : (1u << (8 * size)) - 1;
}

uint32_t gic_dist_read(struct gic *g, uint32_t off, unsigned size)
{
	unsigned shift = 8 * (off & 3);
	return (dist_read_word(g, off & ~3u) >> shift) & size_mask(size);
}

void gic_dist_write(struct gic *g, uint32_t off, unsigned size, uint32_t val)
{
	unsigned shift = 8 * (off & 3);
	uint32_t mask = size_mask(size) << shift;
	dist_write_word(g, off & ~3u, val << shift, mask);
}

/* ---- CPU interface ---- */

uint32_t gic_cpu_read(struct gic *g, uint32_t off)
{
	switch (off & ~3u) {
	case 0x00: return g->cpu_ctlr;
	case 0x04: return g->pmr;
	case 0x08: return g->bpr;
	case 0x0c: /* GICC_IAR */
	case 0x20: /* GICC_AIAR: as IAR without Security Extensions */
		return acknowledge(g);
	case 0x14: /* GICC_RPR */
		return g->running_priority > 0xff ? 0xff : g->running_priority;
	case 0x18: /* GICC_HPPIR */
	case 0x28: /* GICC_AHPPIR */
		return visible_pending(g);
	case 0x1c: return g->abpr;
	case 0xd0: case 0xd4: case 0xd8: case 0xdc:
		return g->apr[(off - 0xd0) / 4];
	case 0xe0: case 0xe4: case 0xe8: case 0xec:
		return g->nsapr[(off - 0xe0) / 4];
	case 0xfc: return 0x0002043bu; /* GICC_IIDR: GICv2, ARM */
	default: return 0;
	}
}

void gic_cpu_write(struct gic *g, uint32_t off, uint32_t val)
{
	switch (off & ~3u) {
	case 0x00: g->cpu_ctlr = val & GICC_CTLR_MASK; break;
	case 0x04: g->pmr = val & 0xff; break;
	case 0x08: g->bpr = val & 7; break; /* minimum 0 */
	case 0x1c: g->abpr = (val & 7) ? (val & 7) : 1; break;
	case 0x10: /* GICC_EOIR */
	case 0x24: /* GICC_AEOIR */
		end_of_interrupt(g, val);
		return;
	case 0xd0: case 0xd4: case 0xd8: case 0xdc:
		g->apr[(off - 0xd0) / 4] = val;
		g->running_priority = priority_from_apr(g);
		break;
	case 0xe0: case 0xe4: case 0xe8: case 0xec:
		g->nsapr[(off - 0xe0) / 4] = val;
		g->running_priority = priority_from_apr(g);
		break;
	case 0x1000: { /* GICC_DIR: deactivate (EOImode 1) */
		unsigned irq = val & 0x3ff;
		if (irq < GIC_NR_IRQ)
			clear(g->active, irq);
		break;
	}
	default:
		return;
	}
	update(g);
}

/* ---- the virtualization interface's view (IHI 0048B chapter 5) ---- */

#define LR_STATE (GIC_LR_PENDING | GIC_LR_ACTIVE)

/* Pending as the CPU interface would be offered it: enabled, its group
 * enabled at the distributor. */
static uint32_t lr_pending(const struct gic *g, unsigned w)
{
	uint32_t grp_on = ((g->ctlr & GICD_CTLR_EN_GRP0) ? ~g->group[w] : 0) |
			  ((g->ctlr & GICD_CTLR_EN_GRP1) ? g->group[w] : 0);

	return g->enabled[w] & pending_word(g, w) & grp_on;
}

/* A pending interrupt for a new entry: not active (those have one). */
static uint32_t lr_candidates(const struct gic *g, unsigned w)
{
	return lr_pending(g, w) & ~g->active[w];
}

static uint32_t lr_entry(const struct gic *g, const struct gic_lrs *l,
			 unsigned irq, uint32_t state)
{
	uint32_t lr = irq | (uint32_t)(g->priority[irq] >> 3) << GIC_LR_PRIO_SHIFT;

	/*
	 * The hardware interrupt: the physical one's state carries the
	 * level, and the entry is pending or active, never both (5.3.11,
	 * HW). A level-sensitive one: its line may still be up when the
	 * guest completes it, so the guest's EOI comes back (5.3.11, EOI),
	 * and it is never pending and active at once here either. SGIs
	 * come from CPU 0 (CPUID, bits [12:10], 0).
	 */
	if (irq == l->hw_irq)
		lr |= GIC_LR_HW | irq << GIC_LR_PHYS_SHIFT;
	else if (!test(g->edge, irq))
		lr |= GIC_LR_EOI;
	if ((lr & (GIC_LR_HW | GIC_LR_EOI)) && (state & GIC_LR_ACTIVE))
		state = GIC_LR_ACTIVE;
	if (test(g->group, irq))
		lr |= GIC_LR_GROUP1;
	return lr | state;
}

static bool lr_has(const struct gic_lrs *l, unsigned irq)
{
	for (unsigned i = 0; i < l->n; i++)
		if ((l->lr[i] & 0x3ffu) == irq)
			return true;
	return false;
}

/* The most urgent pending candidate not yet in l, or GIC_SPURIOUS. */
static unsigned lr_best_pending(const struct gic *g, const struct gic_lrs *l)
{
	unsigned best = GIC_SPURIOUS, best_prio = IDLE_PRIORITY;

	for (unsigned w = 0; w < GIC_WORDS; w++) {
		uint32_t cand = lr_candidates(g, w);

		while (cand) {
			unsigned n = w * 32 + (unsigned)__builtin_ctz(cand);

			cand &= cand - 1;
			if (g->priority[n] < best_prio && !lr_has(l, n)) {
				best_prio = g->priority[n];
				best = n;
			}
		}
	}
	return best;
}

/* No local arrays here or in gic_lr_sync: the compiler would clear them
 * with NEON, and on the hypervisor's way from an exit to the next entry
 * that takes the VFP register file from the guest (cpu/hyp, lazy VFP). */
void gic_lr_fill(struct gic *g, struct gic_lrs *l, unsigned max)
{
	bool more = false, pending_in = false;
	unsigned irq;

	l->n = 0;
	l->hcr = 0;
	l->hw_in = false;
	if (!g->lr_work)
		return;
	if (max > GIC_LR_MAX)
		max = GIC_LR_MAX;
	/* Active ones first: only an entry lets the guest complete them. */
	for (unsigned w = 0; w < GIC_WORDS; w++) {
		uint32_t act = g->active[w];

		while (act) {
			irq = w * 32 + (unsigned)__builtin_ctz(act);
			act &= act - 1;
			if (l->n == max) {
				more = true;
				continue;
			}
			l->lr[l->n++] = lr_entry(g, l, irq, GIC_LR_ACTIVE |
				((lr_pending(g, w) >> (irq % 32)) & 1u ? GIC_LR_PENDING : 0));
		}
	}
	while ((irq = lr_best_pending(g, l)) != GIC_SPURIOUS) {
		if (l->n == max) {
			more = true;
			break;
		}
		l->lr[l->n++] = lr_entry(g, l, irq, GIC_LR_PENDING);
		pending_in = true;
	}
	l->hw_in = lr_has(l, l->hw_irq);
	if (!more)
		return;
	/* Not all fit: come back when an entry completes or none is left
	 * pending (5.3.1 NPIE), then refill. (A hardware entry has no EOI
	 * bit: its physical ID is there.) */
	for (unsigned i = 0; i < l->n; i++)
		if ((l->lr[i] & GIC_LR_ACTIVE) && !(l->lr[i] & GIC_LR_HW))
			l->lr[i] |= GIC_LR_EOI;
	if (pending_in)
		l->hcr |= GIC_LR_HCR_NPIE;
}

void gic_lr_sync(struct gic *g, const struct gic_lrs *l, const uint32_t *now)
{
	for (unsigned i = 0; i < l->n; i++) {
		uint32_t was = l->lr[i], irq = was & 0x3ffu;
		uint32_t st = (now[i] & 0x3ffu) == irq ? now[i] & LR_STATE : 0;

		/* Pending before, not now: the guest acknowledged it, as
		 * acknowledge() would have (latch cleared, SGI source gone). */
		if ((was & GIC_LR_PENDING) && !(st & GIC_LR_PENDING)) {
			if (irq < GIC_NR_SGI) {
				g->sgi_source[irq] &= (uint8_t)~1u;
				sgi_pending_sync(g, irq);
			} else {
				clear(g->pending, irq);
			}
		}
		if (st & GIC_LR_ACTIVE)
			set(g->active, irq);
		else
			clear(g->active, irq);
	}
	update(g);
}

/* GICH_VMCR (5.3.4): VMGrp0En, VMGrp1En, VMAckCtl, VMFIQEn, VMCBPR and
 * VEM at GICC_CTLR's positions, VMABP [20:18], VMBP [23:21], VMPriMask
 * [31:27]. */
uint32_t gic_vmcr(const struct gic *g)
{
	return (g->cpu_ctlr & GICC_CTLR_MASK) | (g->abpr & 7u) << 18 |
	       (g->bpr & 7u) << 21 | (g->pmr >> 3) << 27;
}

/* GICH_APR bit k: group priority k << 3 active; struct gic keeps it at
 * bit (priority >> 1), i.e. k << 2, of apr (or nsapr for group 1). A
 * guest switch asks for it: only the set bits are visited. */
uint32_t gic_vapr(const struct gic *g)
{
	uint32_t apr = 0;

	if (!(g->apr[0] | g->apr[1] | g->apr[2] | g->apr[3] | g->nsapr[0] |
	      g->nsapr[1] | g->nsapr[2] | g->nsapr[3]))
		return 0;        /* nothing active: most switches */
	for (unsigned i = 0; i < 4; i++) {
		uint32_t w = g->apr[i] | g->nsapr[i];

		while (w) {
			unsigned level = i * 32 + (unsigned)__builtin_ctz(w);

			w &= w - 1;
			apr |= 1u << (level >> 2);
		}
	}
	return apr;
}

void gic_set_vcpu_if(struct gic *g, uint32_t vmcr, uint32_t apr)
{
	uint32_t ns[4];

	if (vmcr == gic_vmcr(g) && apr == gic_vapr(g))
		return;          /* the guest changed nothing: most switches */
	g->cpu_ctlr = vmcr & GICC_CTLR_MASK;
	g->abpr = (vmcr >> 18) & 7u ? (vmcr >> 18) & 7u : 1u;   /* min 1 */
	g->bpr = (vmcr >> 21) & 7u;
	g->pmr = (vmcr >> 27) << 3;
	for (unsigned i = 0; i < 4; i++) {
		ns[i] = g->nsapr[i];
		g->apr[i] = g->nsapr[i] = 0;
	}
	while (apr) {
		unsigned k = (unsigned)__builtin_ctz(apr);

		apr &= apr - 1;
		set(test(ns, k << 2) ? g->nsapr : g->apr, k << 2);
	}
	g->running_priority = priority_from_apr(g);
	update(g);
}
