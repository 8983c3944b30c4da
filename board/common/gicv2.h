/*
 * ARM GICv2 (GIC-400 on vexpress-a15, QEMU's arm_gic on virt): the
 * firmware's two steps. Board code only; each board passes its distributor
 * and CPU interface addresses.
 */
#ifndef TERN_BOARD_COMMON_GICV2_H
#define TERN_BOARD_COMMON_GICV2_H

#include <stdint.h>

#include "kernel/hv.h"

/*
 * In Secure state, before core `cpu` leaves it (boot_secure_setup): every
 * interrupt group 1, i.e. non-secure, both groups enabled, the priority
 * mask open, as boot loaders leave a GIC for a non-secure OS. Core 0 also
 * does the distributor's shared registers. A GIC without the Security
 * Extensions ignores all of it (GICD_IGROUPR is RAZ/WI there).
 */
void gicv2_secure_init(uintptr_t gicd, uintptr_t gicc, unsigned cpu);

/*
 * In tern's own mode (HYP, or SVC for the interpreter), on core `cpu`:
 * every interrupt disabled, not pending, not active, default priority,
 * shared ones routed to this core; then the distributor and this core's
 * CPU interface on. Nothing is signalled until someone enables an
 * interrupt. Core 0 also does the shared interrupts (SPIs).
 */
void gicv2_init(uintptr_t gicd, uintptr_t gicc, unsigned cpu);

/* The hypervisor's interrupts (kernel/hv.h) on the GIC core 0 passed to
 * gicv2_init(): the timer PPIs and GICH's maintenance interrupt. */
extern const struct hv_irqchip gicv2_irqchip;

#endif
