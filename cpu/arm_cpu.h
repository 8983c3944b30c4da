/*
 * struct arm_cpu: the architectural state of one ARMv7-A (AArch32) core as
 * tern keeps it, whatever executes the guest. It holds everything QEMU 7.2
 * saves for a cortex-a15, in tern's own layout:
 *
 *  - NZCV apart from the rest of CPSR, as the interpreter wants them;
 *  - banked r13/r14/SPSR as arrays indexed by QEMU's bank number, so the
 *    world switch stores them with one stm and the wire maps one to one;
 *  - the cp14/cp15 state as named fields (struct arm_sysregs).
 *
 * The wire form ("cpu" section version 22) is described by
 * arm_cpu_vmstate (cpu/arm_cpu_vmstate.c); conversion fields bridge the two.
 */
#ifndef TERN_CPU_ARM_CPU_H
#define TERN_CPU_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/arm_sysregs.h"

struct cpreg_list;

/* CPSR.M values (ARM ARM B1.3.1, table B1-1). */
enum arm_mode {
	ARM_MODE_USR = 0x10,
	ARM_MODE_FIQ = 0x11,
	ARM_MODE_IRQ = 0x12,
	ARM_MODE_SVC = 0x13,
	ARM_MODE_MON = 0x16,
	ARM_MODE_ABT = 0x17,
	ARM_MODE_HYP = 0x1a,
	ARM_MODE_UND = 0x1b,
	ARM_MODE_SYS = 0x1f,
};

/* Bank numbers of the banked_* arrays, QEMU's numbering (on the wire). */
enum arm_bank {
	ARM_BANK_USR = 0, /* and SYS */
	ARM_BANK_SVC = 1,
	ARM_BANK_ABT = 2,
	ARM_BANK_UND = 3,
	ARM_BANK_IRQ = 4,
	ARM_BANK_FIQ = 5,
	ARM_BANK_HYP = 6,
	ARM_BANK_MON = 7,
	ARM_BANK_COUNT = 8,
};

#define ARM_CPSR_NZCV 0xf0000000u
#define ARM_CPSR_M    0x0000001fu

struct arm_vfp {
	uint64_t d[32];   /* d0-d31; q<n> is d<2n> (low) and d<2n+1> (high) */
	uint32_t fpscr;
	uint32_t fpexc;
	uint32_t fpinst;
	uint32_t fpinst2;
};

struct arm_cpu {
	/* r0-r15 as the current mode sees them; r15 is the PC. */
	uint32_t regs[16];

	/* CPSR, split: N is nf bit 31, Z is (zf == 0), C is cf (0 or 1),
	 * V is vf bit 31; cpsr_rest holds every other bit (Q, IT, J, GE, E,
	 * A, I, F, T, M) in place. arm_cpsr_read/arm_cpsr_write join them. */
	uint32_t nf, zf, cf, vf;
	uint32_t cpsr_rest;

	uint32_t spsr;                       /* the current mode's SPSR */
	uint32_t banked_spsr[ARM_BANK_COUNT];
	uint32_t banked_r13[ARM_BANK_COUNT]; /* current mode's slot may be stale */
	uint32_t banked_r14[ARM_BANK_COUNT];
	uint32_t usr_regs[5];  /* r8-r12 of the other modes while in FIQ */
	uint32_t fiq_regs[5];  /* r8-r12 of FIQ mode while not in FIQ */
	uint32_t elr_hyp;

	struct arm_vfp vfp;
	struct arm_sysregs sys; /* cp14/cp15 */
	const struct cpreg_list *cpregs; /* which cp-register list it saves */

	/* Exclusive monitor: exclusive_addr is all ones when open. */
	uint64_t exclusive_addr, exclusive_val, exclusive_high;

	/* An exception being taken (QEMU keeps it across a save). */
	uint32_t exception_syndrome, exception_fsr;
	uint64_t exception_vaddress;

	/* Generic timer expiry (physical, virtual), ns of virtual clock;
	 * all ones when not armed. */
	uint64_t gt_timer_expiry[2];

	uint32_t irq_line_state;  /* IRQ/FIQ/VIRQ/VFIQ inputs (QEMU CPU_INTERRUPT_*) */
	uint32_t halted;          /* cpu_common: in WFI */
	uint32_t interrupt_request;
	uint8_t powered_off;
};

uint32_t arm_cpsr_read(const struct arm_cpu *cpu);
void arm_cpsr_write(struct arm_cpu *cpu, uint32_t cpsr);
bool arm_mode_valid(uint32_t mode);
enum arm_bank arm_mode_bank(uint32_t mode);
/* Change CPSR.M, moving the banked r8-r14 and SPSR in and out of place. */
void arm_cpu_switch_mode(struct arm_cpu *cpu, uint32_t new_mode);

/* CPSR.M as the ARM ARM abbreviates it ("svc", "irq"...), "???" if none. */
const char *arm_mode_name(uint32_t mode);

/* A cortex-a15 out of reset as QEMU's -kernel boot leaves it: SVC mode,
 * interrupts masked, the cp registers of `cpregs` at their reset values. */
void arm_cpu_reset(struct arm_cpu *cpu, const struct cpreg_list *cpregs);

#endif
