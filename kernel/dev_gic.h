/*
 * GICv2 model for one CPU (ARM IHI 0048B), as QEMU 7.2's arm_gic presents
 * it on -M virt (no Security Extensions, 288 interrupts): distributor at
 * 0x08000000, CPU interface at 0x08010000. Inputs are level lines
 * (gic_set_irq); outputs are the CPU's IRQ and FIQ lines.
 *
 * Interrupt numbers: 0-15 SGIs, 16-31 PPIs (27 virtual timer, 30 physical
 * timer), 32 and up SPIs (33 the PL011).
 */
#ifndef TERN_KERNEL_DEV_GIC_H
#define TERN_KERNEL_DEV_GIC_H

#include <stdbool.h>
#include <stdint.h>

#define GIC_NR_IRQ   288u  /* 256 SPIs + 32 internal, QEMU virt */
#define GIC_NR_SGI   16u
#define GIC_INTERNAL 32u
#define GIC_WORDS    (GIC_NR_IRQ / 32u)
#define GIC_SPURIOUS 1023u

#define GIC_DIST_SIZE 0x10000u
#define GIC_CPU_SIZE  0x10000u

/* The timer PPIs QEMU virt wires (ARM ARM B8 timers; QEMU's GTIMER_*). */
#define GIC_PPI_HYP_TIMER  26u
#define GIC_PPI_VIRT_TIMER 27u
#define GIC_PPI_SEC_TIMER  29u
#define GIC_PPI_PHYS_TIMER 30u
#define GIC_SPI_UART       33u

struct gic {
	/* distributor */
	uint32_t ctlr;                 /* GICD_CTLR: EnableGrp0, EnableGrp1 */
	uint32_t enabled[GIC_WORDS];
	uint32_t pending[GIC_WORDS];   /* latched pending state */
	uint32_t active[GIC_WORDS];
	uint32_t level[GIC_WORDS];     /* input lines */
	uint32_t edge[GIC_WORDS];      /* ICFGR: edge-triggered */
	uint32_t group[GIC_WORDS];     /* IGROUPR: group 1 */
	uint8_t priority[GIC_NR_IRQ];
	uint8_t sgi_source[GIC_NR_SGI]; /* pending SGIs by source CPU (bit 0) */

	/* CPU interface */
	uint32_t cpu_ctlr;             /* GICC_CTLR */
	uint32_t pmr, bpr, abpr;
	uint32_t running_priority;     /* 0x100 when idle */
	uint32_t current_pending;      /* highest pending above PMR, or 1023 */
	uint32_t apr[4], nsapr[4];     /* active priorities, by preemption level */

	/* outputs */
	void (*out)(void *ctx, bool irq, bool fiq);
	void *ctx;
	bool irq_out, fiq_out;
	/* Something for list registers: an interrupt active, or one enabled
	 * and pending while the distributor is on (whatever PMR says). */
	bool lr_work;
};

void gic_init(struct gic *g, void (*out)(void *ctx, bool irq, bool fiq),
	      void *ctx);
void gic_reset(struct gic *g);
/* An interrupt input line (PPI or SPI; SGIs come from GICD_SGIR). */
void gic_set_irq(struct gic *g, unsigned irq, bool level);

/* Distributor: `off` within the 64 KiB frame, accesses of 1, 2 or 4 bytes. */
uint32_t gic_dist_read(struct gic *g, uint32_t off, unsigned size);
void gic_dist_write(struct gic *g, uint32_t off, unsigned size, uint32_t val);
/* CPU interface: 32-bit registers. */
uint32_t gic_cpu_read(struct gic *g, uint32_t off);
void gic_cpu_write(struct gic *g, uint32_t off, uint32_t val);

/*
 * The model through the GICv2 virtualization interface (IHI 0048B
 * chapter 5), for a hypervisor that lets the guest reach a virtual CPU
 * interface instead of gic_cpu_read/write: the CPU interface's state as
 * GICH_VMCR and GICH_APR hold it, and the distributor's pending and
 * active interrupts as GICH_LRn entries. struct gic stays the truth;
 * the list registers are a copy between gic_lr_fill() and gic_lr_sync().
 */
#define GIC_LR_MAX 64u

/* GICH_LRn (5.3.11): virtual ID, EOI maintenance, priority [7:3], state,
 * group 1, hardware. */
#define GIC_LR_EOI         (1u << 19)
#define GIC_LR_PRIO_SHIFT  23
#define GIC_LR_PENDING     (1u << 28)
#define GIC_LR_ACTIVE      (1u << 29)
#define GIC_LR_GROUP1      (1u << 30)
#define GIC_LR_HW          (1u << 31)
#define GIC_LR_PHYS_SHIFT  10
/* GICH_HCR (5.3.1): the maintenance interrupt when no entry is pending. */
#define GIC_LR_HCR_NPIE    (1u << 3)

struct gic_lrs {
	/* in: an interrupt whose physical twin (the same ID) is active and
	 * waits for the guest's EOI to be deactivated; GIC_SPURIOUS if none */
	unsigned hw_irq;
	unsigned n;                    /* entries filled */
	uint32_t lr[GIC_LR_MAX];       /* as filled */
	uint32_t hcr;                  /* GICH_HCR maintenance enables */
	bool hw_in;                    /* hw_irq has an entry, with HW set */
};

/* Up to `max` interrupts into l->lr[]: the active ones, then the pending
 * ones by priority. Level-sensitive entries ask for an EOI maintenance
 * interrupt (the line may still be up once the guest has dealt with it),
 * and so does every active entry when not all fit; l->hcr asks for one
 * when no entry is left pending then. l->hw_irq's entry is a hardware
 * one instead: the guest's EOI deactivates the physical interrupt, which
 * fires again if its line is still up. */
void gic_lr_fill(struct gic *g, struct gic_lrs *l, unsigned max);
/* What the guest did with the entries l->lr[] had, given their values
 * now (`now[i]`, 0 for an empty one): acknowledged, completed. */
void gic_lr_sync(struct gic *g, const struct gic_lrs *l, const uint32_t *now);

/* The CPU interface as GICH_VMCR (5.3.4) and GICH_APR (5.3.7) hold it:
 * five priority bits, one active priority bit for each of 32 group
 * priorities. */
uint32_t gic_vmcr(const struct gic *g);
uint32_t gic_vapr(const struct gic *g);
void gic_set_vcpu_if(struct gic *g, uint32_t vmcr, uint32_t apr);

#endif
