/*
 * GICH, the GICv2 virtual interface control (ARM IHI 0048B 5.3; QEMU 7.2's
 * arm_gic implements it on virt,virtualization=on and on vexpress-a15's
 * a15mpcore: four list registers, five priority bits). cpu/hyp/vgic.h
 * says what each function is for.
 */
#include "cpu/hyp/vgic.h"

#define GICH_HCR   0x000u
#define GICH_VTR   0x004u
#define GICH_VMCR  0x008u
#define GICH_ELSR0 0x030u
#define GICH_APR   0x0f0u
#define GICH_LR(n) (0x100u + 4u * (n))

#define GICH_HCR_EN 1u

/* The architecture allows 64 list registers; ELSR0 covers 32. */
#define VGIC_MAX_LRS 32u

/* In one place, so that a function reaches all of it from one base
 * address (a switch passes here twice). */
static struct {
	uintptr_t gich;
	unsigned nr_lr;
	uint32_t min_bpr;       /* GICV_BPR's least: 7 - priority bits */
	unsigned used;          /* list registers that may hold something */
	uint32_t hcr;           /* what GICH_HCR holds */
	/* What GICH_VMCR and GICH_APR hold, as of the last load or put:
	 * most switches are between guests with the same CPU interface
	 * settings and nothing active, and need not write them. */
	uint32_t vmcr, apr;
} vgic;

static inline uint32_t vgic_rd(uint32_t reg)
{
	return *(volatile uint32_t *)(vgic.gich + reg);
}

static inline void vgic_wr(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(vgic.gich + reg) = v;
}

unsigned hyp_vgic_init(uintptr_t gich)
{
	uint32_t vtr;

	vgic.gich = gich;
	vtr = vgic_rd(GICH_VTR);
	vgic.nr_lr = (vtr & 0x3fu) + 1u;
	vgic.min_bpr = 7u - ((vtr >> 29) + 1u);   /* PRIbits, IHI 0048B 5.3.2 */
	if (vgic.nr_lr > VGIC_MAX_LRS)
		vgic.nr_lr = VGIC_MAX_LRS;
	vgic.hcr = 0;
	vgic_wr(GICH_HCR, 0);
	for (unsigned i = 0; i < vgic.nr_lr; i++)
		vgic_wr(GICH_LR(i), 0);
	vgic.used = 0;
	vgic.vmcr = vgic.apr = 0;
	vgic_wr(GICH_VMCR, 0);
	vgic_wr(GICH_APR, 0);
	return vgic.nr_lr;
}

uint32_t hyp_vgic_vmcr_held(uint32_t vmcr)
{
	uint32_t bpr = (vmcr >> 21) & 7u, abpr = (vmcr >> 18) & 7u;

	if (bpr < vgic.min_bpr)
		bpr = vgic.min_bpr;
	if (abpr < vgic.min_bpr + 1u)
		abpr = vgic.min_bpr + 1u;
	return (vmcr & ~(0x3fu << 18)) | bpr << 21 | abpr << 18;
}

void hyp_vgic_load(uint32_t vmcr, uint32_t apr)
{
	if (vmcr != vgic.vmcr) {
		vgic.vmcr = vmcr;
		vgic_wr(GICH_VMCR, vmcr);
	}
	if (apr != vgic.apr) {
		vgic.apr = apr;
		vgic_wr(GICH_APR, apr);
	}
	if (vgic.hcr != GICH_HCR_EN) {
		vgic.hcr = GICH_HCR_EN;
		vgic_wr(GICH_HCR, vgic.hcr);
	}
}

void hyp_vgic_read_cpu_if(uint32_t *vmcr, uint32_t *apr)
{
	*vmcr = vgic_rd(GICH_VMCR);
	*apr = vgic_rd(GICH_APR);
}

/* GICH_HCR stays En alone: with every list register empty and no
 * maintenance condition enabled the interface signals nothing (IHI 0048B
 * 5.3.1, 5.3.2), and the next load needs not turn it on again. */
void hyp_vgic_put(uint32_t *vmcr, uint32_t *apr)
{
	*vmcr = vgic.vmcr = vgic_rd(GICH_VMCR);
	*apr = vgic.apr = vgic_rd(GICH_APR);
	for (unsigned i = 0; i < vgic.used; i++)
		vgic_wr(GICH_LR(i), 0);
	vgic.used = 0;
	if (vgic.hcr != GICH_HCR_EN) {
		vgic.hcr = GICH_HCR_EN;
		vgic_wr(GICH_HCR, GICH_HCR_EN);
	}
}

void hyp_vgic_write_lrs(const uint32_t *lr, unsigned n, uint32_t hcr)
{
	unsigned i;

	if (n > vgic.nr_lr)
		n = vgic.nr_lr;
	for (i = 0; i < n; i++)
		vgic_wr(GICH_LR(i), lr[i]);
	for (; i < vgic.used; i++)
		vgic_wr(GICH_LR(i), 0);
	vgic.used = n;
	hcr |= GICH_HCR_EN;
	if (hcr != vgic.hcr) {
		vgic.hcr = hcr;
		vgic_wr(GICH_HCR, hcr);
	}
}

void hyp_vgic_read_lrs(uint32_t *lr, unsigned n)
{
	uint32_t empty = vgic_rd(GICH_ELSR0);

	for (unsigned i = 0; i < n; i++)
		lr[i] = (empty >> i) & 1u ? 0 : vgic_rd(GICH_LR(i));
}
