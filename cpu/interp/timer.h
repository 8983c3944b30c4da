/*
 * The Generic Timer of the interpreter (ARM ARM B8): the count and the
 * timer outputs. Registers and their semantics are in sys_cpreg.c; this is
 * the clock behind them.
 *
 * The count is the retired-instruction count: CNTPCT = interp_count(ip), one tick
 * per guest instruction, and CNTFRQ says 62.5 MHz as on QEMU's virt. So
 * the guest sees a 62.5 MHz counter that advances exactly one tick per
 * instruction: runs are reproducible, and a guest that busy-waits on
 * CNTVCT always gets there.
 *
 * Timer outputs (QEMU virt: CNTV -> PPI 27, CNTP (non-secure) -> PPI 30)
 * are levels, ENABLE && ISTATUS && !IMASK. The kernel's GIC model polls
 * interp_timer_level() after interp_run(), or (with the interp_bus member
 * proposed in the report) hears of changes through bus.timer_irq.
 */
#ifndef TERN_CPU_INTERP_TIMER_H
#define TERN_CPU_INTERP_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/interp/interp.h"

struct interp;

#define INTERP_TIMER_PHYS 0 /* CNTP: PPI 30 on QEMU virt */
#define INTERP_TIMER_VIRT 1 /* CNTV: PPI 27 */
#define INTERP_TIMER_PPI_PHYS 30
#define INTERP_TIMER_PPI_VIRT 27

/* interp_timer_count, _set_count, _next and _level are in interp.h. */

/* Report both outputs to the bus (after a timer register write, and when
 * the run loop reaches interp_timer_next()). */
void interp_timer_update(struct interp *ip);

#endif
