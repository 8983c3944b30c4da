/*
 * Coprocessor-register accesses (MRC/MCR/MRRC/MCRR to cp14/cp15) of a
 * Cortex-A15 guest at PL1/PL0 as QEMU 7.2 models it with no EL2/EL3: one
 * table row a register, the access logic on struct arm_sysregs only, so the
 * interpreter (cpu/interp/cp15.c) and the HYP trap handlers (cpu/hyp/) share
 * it. What an access does beyond the registers (flush translations, look at
 * the timer outputs, run an address translation) is returned as effect bits
 * for the caller to carry out.
 */
#ifndef TERN_CPU_INTERP_SYS_CPREG_H
#define TERN_CPU_INTERP_SYS_CPREG_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/arm_sysregs.h"

/* Key of an encoding: MRC/MCR p<cp>, <opc1>, Rt, c<crn>, c<crm>, <opc2>,
 * or MRRC/MCRR p<cp>, <opc1>, Rt, Rt2, c<crm> (crn = opc2 = 0, bit 20). */
#define SYS_CP_KEY(cp, opc1, crn, crm, opc2) \
	((uint32_t)(cp) << 16 | (uint32_t)(opc1) << 12 | (uint32_t)(crn) << 8 | \
	 (uint32_t)(crm) << 4 | (uint32_t)(opc2))
#define SYS_CP_KEY64(cp, opc1, crm) \
	(1u << 20 | SYS_CP_KEY(cp, opc1, 0, crm, 0))

enum sys_cp_kind {
	SYS_CP_CONST,   /* reads `val` */
	SYS_CP_U32,     /* uint32_t field at `off`; `val`: writable bits */
	SYS_CP_U64,     /* uint64_t field at `off` (MRRC/MCRR) */
	SYS_CP_LO32,    /* low word of a uint64_t field; high word cleared */
	SYS_CP_OP,      /* write-only operation: only its effect bits */
	SYS_CP_SPECIAL, /* computed: `val` is an enum sys_cp_special */
};

/* Who may access (ARM ARM B4.1: "PL1 RW", "PL0 RO" and so on). */
#define SYS_R1   0x01u /* PL1 read */
#define SYS_W1   0x02u /* PL1 write */
#define SYS_R0   0x04u /* PL0 read */
#define SYS_W0   0x08u /* PL0 write */
#define SYS_PL0C 0x10u /* PL0 access as CNTKCTL (B8.1.3) says; `pl0bits` */
#define SYS_PL0P 0x20u /* PL0 access when PMUSERENR.EN (C12.8.11) */
#define SYS_RW1  (SYS_R1 | SYS_W1)

/* What the caller does after a write (effects of reads: none). */
#define SYS_FX_TLB   0x01u /* translations changed: flush the TLB */
#define SYS_FX_TIMER 0x02u /* a timer's output may have changed */
#define SYS_FX_ATS   0x04u /* address translation op: caller sets PAR */
#define SYS_FX_SYNC  0x08u /* context changed: end the predecoded block */

struct sys_cpreg {
	uint32_t key;       /* SYS_CP_KEY / SYS_CP_KEY64 */
	const char *name;
	uint8_t kind;       /* enum sys_cp_kind */
	uint8_t access;     /* SYS_R1 ... */
	uint8_t fx;         /* SYS_FX_* on write */
	uint16_t pl0bits;   /* SYS_PL0C: CNTKCTL bits, any of which allows PL0 */
	uint16_t off;       /* field offset in struct arm_sysregs */
	uint32_t val;       /* constant, write mask, or special */
};

enum sys_cp_special {
	SYS_SP_CCSIDR, SYS_SP_MPIDR,
	SYS_SP_CNTPCT, SYS_SP_CNTVCT,
	SYS_SP_CNTP_CTL, SYS_SP_CNTP_TVAL, SYS_SP_CNTP_CVAL,
	SYS_SP_CNTV_CTL, SYS_SP_CNTV_TVAL, SYS_SP_CNTV_CVAL,
	SYS_SP_PMCR, SYS_SP_PMCNTENSET, SYS_SP_PMCNTENCLR,
	SYS_SP_PMOVSR, SYS_SP_PMINTENSET, SYS_SP_PMINTENCLR,
	SYS_SP_PMXEVTYPER, SYS_SP_PMXEVCNTR,
	SYS_SP_DBGOSLAR, SYS_SP_DBGDSCRINT,
};

/* The row for an encoding, or NULL (UNDEFINED: QEMU logs and UNDEFs). */
const struct sys_cpreg *sys_cp_find(uint32_t key);
const struct sys_cpreg *sys_cp_row(uint32_t index);
uint32_t sys_cp_index(const struct sys_cpreg *r);

/* May the access happen at this privilege? False: UNDEFINED. */
bool sys_cp_allowed(const struct arm_sysregs *s, const struct sys_cpreg *r,
		    bool pl0, bool write);

/* Read and write; `count` is the physical count (CNTPCT) now. A write
 * returns the effects the caller carries out (SYS_FX_*). */
uint64_t sys_cp_read(const struct arm_sysregs *s, const struct sys_cpreg *r,
		     uint64_t count);
unsigned sys_cp_write(struct arm_sysregs *s, const struct sys_cpreg *r,
		      uint64_t count, uint64_t val);

/* Generic Timer (B8): output of timer `which` (0 physical, 1 virtual):
 * ENABLE && ISTATUS && !IMASK; and the count at which it next changes by
 * itself (UINT64_MAX: only a register write changes it). */
#define SYS_TIMER_PHYS 0
#define SYS_TIMER_VIRT 1
bool sys_timer_level(const struct arm_sysregs *s, unsigned which, uint64_t count);
uint64_t sys_timer_deadline(const struct arm_sysregs *s, unsigned which,
			    uint64_t count);

#endif
