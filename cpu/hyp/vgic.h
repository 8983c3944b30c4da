/*
 * The GICv2 virtualization interface's hypervisor control (GICH, ARM IHI
 * 0048B chapter 5) for the loaded guest: its list registers, GICH_HCR,
 * GICH_VMCR and GICH_APR. The guest reaches the matching virtual CPU
 * interface (GICV) directly through stage 2; kernel/dev_gic.c decides what
 * the list registers hold (gic_lr_fill/gic_lr_sync) and kernel/hv.c when.
 */
#ifndef TERN_CPU_HYP_VGIC_H
#define TERN_CPU_HYP_VGIC_H

#include <stdint.h>

/* Once, in Hyp mode: the GICH frame of this core. The number of list
 * registers it has (GICH_VTR.ListRegs + 1). */
unsigned hyp_vgic_init(uintptr_t gich);

/* What GICH_VMCR reads back once `vmcr` is written: its binary points
 * no lower than the interface's priority bits allow (IHI 0048B 5.3.4;
 * GICV_BPR, GICV_ABPR: 5 bits on a GIC-400 and on QEMU's, so VBPR >= 2,
 * VABPR >= 3). */
uint32_t hyp_vgic_vmcr_held(uint32_t vmcr);

/* Switch in: the virtual CPU interface on (GICH_HCR.En) with the guest's
 * GICH_VMCR and GICH_APR; no list register in use. */
void hyp_vgic_load(uint32_t vmcr, uint32_t apr);
/* Its GICH_VMCR and GICH_APR now (while loaded). */
void hyp_vgic_read_cpu_if(uint32_t *vmcr, uint32_t *apr);
/* Switch out: GICH_VMCR and GICH_APR; every list register emptied and no
 * maintenance interrupt enabled, so nothing reaches whoever runs next. */
void hyp_vgic_put(uint32_t *vmcr, uint32_t *apr);

/* Before an entry: list registers 0..n-1 = lr[], the others that held
 * something emptied; GICH_HCR = En | `hcr` (maintenance enables). */
void hyp_vgic_write_lrs(const uint32_t *lr, unsigned n, uint32_t hcr);
/* After an exit: list registers 0..n-1 (0 for an empty one, GICH_ELSR0). */
void hyp_vgic_read_lrs(uint32_t *lr, unsigned n);

#endif
