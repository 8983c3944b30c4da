/*
 * The interpretation core: runs an ARMv7-A guest (A32, T32, VFP/NEON, PL0
 * and PL1) on any host. Its state is struct arm_cpu, exact at every exit,
 * so a snapshot can be taken between any two instructions.
 *
 * The guest's physical address space comes from the kernel as a bus: one
 * RAM window the interpreter reaches directly, and read/write callbacks for
 * everything else (device models). HVC, WFI and power-off leave
 * interp_run() so the kernel can act (PSCI, scheduling).
 */
#ifndef TERN_CPU_INTERP_INTERP_H
#define TERN_CPU_INTERP_INTERP_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/arm_cpu.h"

struct interp;

struct interp_bus {
	uint8_t *ram;      /* host memory of the guest's RAM */
	uint32_t ram_base; /* its guest-physical address */
	uint32_t ram_size;
	/* Anything outside RAM. False: no device there (external abort). */
	bool (*read)(void *ctx, uint32_t pa, unsigned size, uint32_t *val);
	bool (*write)(void *ctx, uint32_t pa, unsigned size, uint32_t val);
	void *ctx;
	/* Generic Timer output levels (ENABLE && ISTATUS && !IMASK), reported
	 * when they may have changed: which 0 = CNTP (PPI 30), 1 = CNTV
	 * (PPI 27). NULL: the kernel polls interp_timer_level(). */
	void (*timer_irq)(void *ctx, unsigned which, bool level);
};
#define INTERP_BUS_TIMER_IRQ 1

enum interp_exit {
	INTERP_EXIT_BUDGET,  /* ran the instructions it was given */
	INTERP_EXIT_HVC,     /* HVC executed: imm in interp_hvc_imm(); PC is past it */
	INTERP_EXIT_WFI,     /* WFI/WFE with nothing pending; PC is past it */
	INTERP_EXIT_STOP,    /* interp_stop() was called (e.g. by a device) */
	INTERP_EXIT_FATAL,   /* the guest cannot go on: interp_fatal_reason() */
};

/* Size of struct interp, for callers that provide its memory. */
unsigned long interp_size(void);

/* Bind an interpreter to a CPU and a bus; the CPU's state is used as is.
 * `ip` must be zeroed before its first interp_init; later calls (a reset)
 * keep its code cache memory. interp_free releases that memory. */
void interp_init(struct interp *ip, struct arm_cpu *cpu,
		 const struct interp_bus *bus);
void interp_free(struct interp *ip);

/* Execute up to max_insns guest instructions. */
enum interp_exit interp_run(struct interp *ip, uint64_t max_insns);

/* Instructions retired since interp_init. */
uint64_t interp_insns(const struct interp *ip);
uint16_t interp_hvc_imm(const struct interp *ip);
const char *interp_fatal_reason(const struct interp *ip);

/* Interrupt inputs, level-sensitive (from the GIC model). */
void interp_set_irq(struct interp *ip, bool level);
void interp_set_fiq(struct interp *ip, bool level);
/* Make interp_run() return INTERP_EXIT_STOP after the current instruction. */
void interp_stop(struct interp *ip);

/* The generic timer's count (CNTPCT): one tick per instruction, plus an
 * offset the kernel may move forward (an idle WFI skipping to the next
 * deadline) or set (a restored guest's count goes on, not back). */
uint64_t interp_timer_count(const struct interp *ip);
void interp_timer_set_count(struct interp *ip, uint64_t count);
/* Instruction count at which a timer output changes by itself, or
 * UINT64_MAX; and the output level of timer `which` (0 CNTP, 1 CNTV). */
uint64_t interp_timer_next(const struct interp *ip);
bool interp_timer_level(const struct interp *ip, unsigned which);

/* Forget predecoded code and translations (after the kernel wrote guest
 * memory or changed the CPU state behind the interpreter's back). */
void interp_flush(struct interp *ip);

#endif
