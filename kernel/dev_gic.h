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

#endif
