/*
 * GICv2 set-up. Register map and bits: ARM Generic Interrupt Controller
 * Architecture Specification v2.0 (ARM IHI 0048B), 4.1 (distributor and
 * CPU interface maps), 4.3 and 4.4 (the registers); the Security
 * Extensions' banking of GICD_CTLR, GICC_CTLR and GICC_PMR: 4.3.1, 4.4.1,
 * 4.4.2; GICD_IGROUPR0 and the SGI/PPI registers are banked per core
 * (4.3.4, 4.3.5).
 */
#include "board/common/fw_board.h"
#include "board/common/gicv2.h"
#include "kernel/hv.h"

#define GICD_CTLR       0x000u
#define GICD_TYPER      0x004u
#define GICD_IGROUPR    0x080u
#define GICD_ISENABLER  0x100u
#define GICD_ICENABLER  0x180u
#define GICD_ICPENDR    0x280u
#define GICD_ICACTIVER  0x380u
#define GICD_IPRIORITYR 0x400u
#define GICD_ITARGETSR  0x800u

#define GICC_CTLR 0x000u
#define GICC_PMR  0x004u
#define GICC_IAR  0x00cu
#define GICC_EOIR 0x010u
#define GICC_DIR  0x1000u

/* Secure view: EnableGrp0 and EnableGrp1. The non-secure view of the
 * same registers has EnableGrp1 at bit 0, which is also the only enable
 * bit of a GIC without the Security Extensions. */
#define GIC_CTLR_ENABLE_GRP0 (1u << 0)
#define GIC_CTLR_ENABLE_GRP1 (1u << 1)
#define GIC_CTLR_ENABLE      (1u << 0)
/* GICC_CTLR.EOImode (EOImodeNS in the non-secure view, 4.4.1): GICC_EOIR
 * only drops the priority, GICC_DIR deactivates. */
#define GIC_CTLR_EOIMODE     (1u << 9)

/* Priorities: lower is more urgent. 0xa0 sits in the half a non-secure
 * writer can reach; the mask 0xf0 lets every such priority through. The
 * secure mask 0xff lets everything through (4.4.2). */
#define GIC_PRIO_DEFAULT  0xa0a0a0a0u
#define GIC_PMR_NS_OPEN   0xf0u
#define GIC_PMR_ALL       0xffu

static inline uint32_t gicv2_rd(uintptr_t base, uint32_t reg)
{
	return *(volatile uint32_t *)(base + reg);
}

static inline void gicv2_wr(uintptr_t base, uint32_t reg, uint32_t val)
{
	*(volatile uint32_t *)(base + reg) = val;
}

/* Interrupt IDs the distributor implements: 32 * (ITLinesNumber + 1). */
static unsigned gicv2_lines(uintptr_t gicd)
{
	return 32u * ((gicv2_rd(gicd, GICD_TYPER) & 0x1fu) + 1u);
}

void gicv2_secure_init(uintptr_t gicd, uintptr_t gicc, unsigned cpu)
{
	unsigned i, lines = gicv2_lines(gicd);

	gicv2_wr(gicd, GICD_IGROUPR, ~0u);     /* SGIs and PPIs: banked */
	if (cpu == 0) {
		for (i = 32; i < lines; i += 32)
			gicv2_wr(gicd, GICD_IGROUPR + i / 8, ~0u);
		gicv2_wr(gicd, GICD_CTLR,
			 GIC_CTLR_ENABLE_GRP0 | GIC_CTLR_ENABLE_GRP1);
	}
	gicv2_wr(gicc, GICC_PMR, GIC_PMR_ALL);
	gicv2_wr(gicc, GICC_CTLR, GIC_CTLR_ENABLE_GRP0 | GIC_CTLR_ENABLE_GRP1);
}

/* The boot core's distributor and CPU interface, for the hypervisor's
 * interrupts (gicv2_irqchip). */
static uintptr_t gicv2_hv_gicd, gicv2_hv_gicc;

void gicv2_init(uintptr_t gicd, uintptr_t gicc, unsigned cpu)
{
	unsigned i, lines = gicv2_lines(gicd);
	uint32_t self;

	if (cpu == 0) {
		gicv2_hv_gicd = gicd;
		gicv2_hv_gicc = gicc;
	}

	if (cpu == 0) {
		gicv2_wr(gicd, GICD_CTLR, 0);
		/* GICD_ITARGETSR0-7 are read-only and read as this core's
		 * own bit in each byte (4.3.12): route SPIs to it. */
		self = gicv2_rd(gicd, GICD_ITARGETSR) & 0xffu;
		self *= 0x01010101u;
		for (i = 32; i < lines; i += 32) {
			gicv2_wr(gicd, GICD_ICENABLER + i / 8, ~0u);
			gicv2_wr(gicd, GICD_ICPENDR + i / 8, ~0u);
			gicv2_wr(gicd, GICD_ICACTIVER + i / 8, ~0u);
		}
		for (i = 32; i < lines; i += 4) {
			gicv2_wr(gicd, GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT);
			gicv2_wr(gicd, GICD_ITARGETSR + i, self);
		}
	}
	/* This core's SGIs and PPIs (banked). SGI enables may be fixed
	 * to 1 (4.3.5); the write is then ignored. */
	gicv2_wr(gicd, GICD_ICENABLER, ~0u);
	gicv2_wr(gicd, GICD_ICPENDR, ~0u);
	gicv2_wr(gicd, GICD_ICACTIVER, ~0u);
	for (i = 0; i < 32; i += 4)
		gicv2_wr(gicd, GICD_IPRIORITYR + i, GIC_PRIO_DEFAULT);

	gicv2_wr(gicc, GICC_PMR, GIC_PMR_NS_OPEN);
	gicv2_wr(gicc, GICC_CTLR, GIC_CTLR_ENABLE);
	if (cpu == 0)
		gicv2_wr(gicd, GICD_CTLR, GIC_CTLR_ENABLE);
}

/* ---- the hypervisor's interrupts (kernel/hv.h) ---- */

/* Interrupt IDs: PPIs the same on QEMU's virt and a15mpcore (the
 * Cortex-A15 MPCore TRM's numbering): the Hyp timer 26, the virtual timer
 * 27, GICH's maintenance interrupt 25; the console's SPI is the board's
 * (struct fw_board). 0: none. */
static unsigned gicv2_hv_id(enum hv_irq irq)
{
	switch (irq) {
	case HV_IRQ_HTIMER:      return 26;
	case HV_IRQ_VTIMER:      return 27;
	case HV_IRQ_MAINTENANCE: return 25;
	case HV_IRQ_CONSOLE:     return fw_board.uart_irq;
	default:                 return 0;
	}
}

/* The hypervisor splits priority drop and deactivation, so that an
 * interrupt it hands to a guest stays active until the guest is done. */
static void gicv2_hv_init(void)
{
	gicv2_wr(gicv2_hv_gicc, GICC_CTLR,
		 gicv2_rd(gicv2_hv_gicc, GICC_CTLR) | GIC_CTLR_EOIMODE);
}

static void gicv2_hv_enable(enum hv_irq irq, bool on)
{
	unsigned id = gicv2_hv_id(irq);

	if (id)
		gicv2_wr(gicv2_hv_gicd, (on ? GICD_ISENABLER : GICD_ICENABLER) +
			 id / 32u * 4u, 1u << (id % 32u));
}

/* GICC_IAR: acknowledging makes the interrupt active until GICC_EOIR
 * (4.4.4, 4.4.5); 1020-1023 are special (spurious) IDs. */
static enum hv_irq gicv2_hv_ack(uint32_t *token)
{
	uint32_t iar = gicv2_rd(gicv2_hv_gicc, GICC_IAR), id = iar & 0x3ffu;

	*token = iar;
	switch (id) {           /* gicv2_hv_id()'s, the other way */
	case 26: return HV_IRQ_HTIMER;
	case 27: return HV_IRQ_VTIMER;
	case 25: return HV_IRQ_MAINTENANCE;
	default:
		if (id >= 1020u)
			return HV_IRQ_NONE;
		return id && id == fw_board.uart_irq ? HV_IRQ_CONSOLE : HV_IRQ_OTHER;
	}
}

static void gicv2_hv_end(uint32_t token)
{
	gicv2_wr(gicv2_hv_gicc, GICC_EOIR, token);
	gicv2_wr(gicv2_hv_gicc, GICC_DIR, token);
}

static void gicv2_hv_hand_over(uint32_t token)
{
	gicv2_wr(gicv2_hv_gicc, GICC_EOIR, token);
}

/* GICD_ICACTIVERn (4.3.8); PPIs are this core's own. */
static void gicv2_hv_deactivate(enum hv_irq irq)
{
	unsigned id = gicv2_hv_id(irq);

	if (id)
		gicv2_wr(gicv2_hv_gicd, GICD_ICACTIVER + id / 32u * 4u,
			 1u << (id % 32u));
}

const struct hv_irqchip gicv2_irqchip = {
	.init = gicv2_hv_init,
	.enable = gicv2_hv_enable,
	.ack = gicv2_hv_ack,
	.end = gicv2_hv_end,
	.hand_over = gicv2_hv_hand_over,
	.deactivate = gicv2_hv_deactivate,
};
