/*
 * The cp14/cp15 registers a Cortex-A15 guest reaches with MRC/MCR/MRRC/MCRR
 * at PL1 and PL0, as QEMU 7.2 models them on -M virt with no EL2 and no
 * EL3 (ARM ARM B4.1 for each register, B4.2 for the maintenance
 * operations, B8 for the Generic Timer, C11 for debug, C12 for the PMU).
 * Values of the ID registers are those of cpu/cpreg_a15.c (QEMU's list),
 * so the CPU a guest probes is the one its snapshots describe.
 *
 * Anything not in the table is UNDEFINED, as in QEMU. Write masks follow
 * QEMU where it keeps fewer bits than the ARM ARM allows (TTBCR, CPACR,
 * VBAR) and keeps every bit where QEMU does (SCTLR: QEMU stores what is
 * written, RAO/RAZ bits included).
 */
#include <stddef.h>
#include <string.h>

#include "cpu/interp/sys_cpreg.h"

#define OFF(f) ((uint16_t)offsetof(struct arm_sysregs, f))
#define K32(cp, o1, n, m, o2) SYS_CP_KEY(cp, o1, n, m, o2)

/* constant */
#define C(cp, o1, n, m, o2, nm, acc, v) \
	{ K32(cp, o1, n, m, o2), nm, SYS_CP_CONST, acc, 0, 0, 0, v }
/* 32-bit field under a write mask */
#define F(cp, o1, n, m, o2, nm, acc, f, mask, fx) \
	{ K32(cp, o1, n, m, o2), nm, SYS_CP_U32, acc, fx, 0, OFF(f), mask }
/* the low word of a 64-bit field */
#define L(cp, o1, n, m, o2, nm, acc, f, fx) \
	{ K32(cp, o1, n, m, o2), nm, SYS_CP_LO32, acc, fx, 0, OFF(f), 0 }
/* 64-bit field (MRRC/MCRR) */
#define Q(cp, o1, m, nm, acc, f, fx) \
	{ SYS_CP_KEY64(cp, o1, m), nm, SYS_CP_U64, acc, fx, 0, OFF(f), 0 }
#define Q_CONST(cp, o1, m, nm, acc, v) \
	{ SYS_CP_KEY64(cp, o1, m), nm, SYS_CP_CONST, acc, 0, 0, 0, v }
/* operation (write-only) */
#define OP(cp, o1, n, m, o2, nm, acc, fx) \
	{ K32(cp, o1, n, m, o2), nm, SYS_CP_OP, acc, fx, 0, 0, 0 }
/* computed; pl0: CNTKCTL bits for SYS_PL0C */
#define S(cp, o1, n, m, o2, nm, acc, sp, fx, pl0) \
	{ K32(cp, o1, n, m, o2), nm, SYS_CP_SPECIAL, acc, fx, pl0, 0, sp }
#define S64(cp, o1, m, nm, acc, sp, fx, pl0) \
	{ SYS_CP_KEY64(cp, o1, m), nm, SYS_CP_SPECIAL, acc, fx, pl0, 0, sp }

#define MIDR_A15 0x414fc0f0u
#define SYS_SP_TTBCR 100 /* computed write mask (below) */
#define SYS_SP_TEEHBR 101

/* Cortex-A15 cache geometry as QEMU 7.2 gives it (CCSIDR, B4.1.19),
 * indexed by CSSELR: L1 D 32 KiB, L1 I 32 KiB, L2 unified 4 MiB. */
static const uint32_t a15_ccsidr[16] = {
	[0] = 0x701fe00a, [1] = 0x201fe00a, [2] = 0x711fe07a,
};

/* Debug breakpoint and watchpoint registers (C11.11): DBGBVRn at
 * p14 0 c0 c<n> 4, DBGBCRn at ... 5, DBGWVRn 6, DBGWCRn 7. */
#define BP(n) \
	F(14, 0, 0, n, 4, "DBGBVR" #n, SYS_RW1, dbgbvr[n], 0xfffffffcu, 0), \
	F(14, 0, 0, n, 5, "DBGBCR" #n, SYS_RW1, dbgbcr[n], 0xffffffffu, 0)
#define WP(n) \
	F(14, 0, 0, n, 6, "DBGWVR" #n, SYS_RW1, dbgwvr[n], 0xfffffffcu, 0), \
	F(14, 0, 0, n, 7, "DBGWCR" #n, SYS_RW1, dbgwcr[n], 0xffffffffu, 0)

#define PMU0 (SYS_PL0P | SYS_R0 | SYS_W0)
#define CNT_PL0PCTEN 0x001u
#define CNT_PL0VCTEN 0x002u
#define CNT_PL0VTEN  0x100u
#define CNT_PL0PTEN  0x200u

static const struct sys_cpreg sys_cp_table[] = {
	/* ---- c0: identification (B4.1.105 MIDR ... ) ---- */
	C(15, 0, 0, 0, 0, "MIDR", SYS_R1, MIDR_A15),
	C(15, 0, 0, 0, 1, "CTR", SYS_R1, 0x8444c004),
	C(15, 0, 0, 0, 2, "TCMTR", SYS_R1, 0),
	C(15, 0, 0, 0, 3, "TLBTR", SYS_R1, 0),
	/* QEMU: the rest of c0 c0 0 reads as MIDR (REVIDR included). */
	C(15, 0, 0, 0, 4, "MIDR (alias)", SYS_R1, MIDR_A15),
	S(15, 0, 0, 0, 5, "MPIDR", SYS_R1, SYS_SP_MPIDR, 0, 0),
	C(15, 0, 0, 0, 6, "REVIDR", SYS_R1, MIDR_A15),
	C(15, 0, 0, 0, 7, "MIDR (alias)", SYS_R1, MIDR_A15),
	C(15, 0, 0, 1, 0, "ID_PFR0", SYS_R1, 0x00001131),
	C(15, 0, 0, 1, 1, "ID_PFR1", SYS_R1, 0x00010001),
	C(15, 0, 0, 1, 2, "ID_DFR0", SYS_R1, 0x02010505),
	C(15, 0, 0, 1, 3, "ID_AFR0", SYS_R1, 0),
	C(15, 0, 0, 1, 4, "ID_MMFR0", SYS_R1, 0x10201105),
	C(15, 0, 0, 1, 5, "ID_MMFR1", SYS_R1, 0x20000000),
	C(15, 0, 0, 1, 6, "ID_MMFR2", SYS_R1, 0x01240000),
	C(15, 0, 0, 1, 7, "ID_MMFR3", SYS_R1, 0x02102211),
	C(15, 0, 0, 2, 0, "ID_ISAR0", SYS_R1, 0x02101110),
	C(15, 0, 0, 2, 1, "ID_ISAR1", SYS_R1, 0x13112111),
	C(15, 0, 0, 2, 2, "ID_ISAR2", SYS_R1, 0x21232041),
	C(15, 0, 0, 2, 3, "ID_ISAR3", SYS_R1, 0x11112131),
	C(15, 0, 0, 2, 4, "ID_ISAR4", SYS_R1, 0x10011142),
	C(15, 0, 0, 2, 5, "ID_ISAR5", SYS_R1, 0),
	C(15, 0, 0, 2, 6, "ID_MMFR4", SYS_R1, 0),
	C(15, 0, 0, 2, 7, "ID_ISAR6", SYS_R1, 0),
	/* c0 c3..c7 (RAZ) are matched in sys_cp_find. */
	S(15, 1, 0, 0, 0, "CCSIDR", SYS_R1, SYS_SP_CCSIDR, 0, 0),
	C(15, 1, 0, 0, 1, "CLIDR", SYS_R1, 0x0a200023),
	C(15, 1, 0, 0, 7, "AIDR", SYS_R1, 0),
	F(15, 2, 0, 0, 0, "CSSELR", SYS_RW1, csselr, 0xffffffffu, 0),

	/* ---- c1: system control ---- */
	F(15, 0, 1, 0, 0, "SCTLR", SYS_RW1, sctlr, 0xffffffffu, SYS_FX_TLB | SYS_FX_SYNC),
	C(15, 0, 1, 0, 1, "ACTLR", SYS_RW1, 0),
	/* QEMU (v7, VFP and NEON with 32 D registers): ASEDIS, D32DIS,
	 * cp11, cp10 are the writable bits. */
	F(15, 0, 1, 0, 2, "CPACR", SYS_RW1, cpacr, 0xc0f00000u, SYS_FX_SYNC),

	/* ---- c2, c3: translation tables, domains (B4.1.153, B4.1.43) ---- */
	L(15, 0, 2, 0, 0, "TTBR0", SYS_RW1, ttbr0, SYS_FX_TLB | SYS_FX_SYNC),
	L(15, 0, 2, 0, 1, "TTBR1", SYS_RW1, ttbr1, SYS_FX_TLB | SYS_FX_SYNC),
	S(15, 0, 2, 0, 2, "TTBCR", SYS_RW1, SYS_SP_TTBCR, SYS_FX_TLB | SYS_FX_SYNC, 0),
	F(15, 0, 3, 0, 0, "DACR", SYS_RW1, dacr, 0xffffffffu, SYS_FX_TLB | SYS_FX_SYNC),
	Q(15, 0, 2, "TTBR0 (64-bit)", SYS_RW1, ttbr0, SYS_FX_TLB | SYS_FX_SYNC),
	Q(15, 1, 2, "TTBR1 (64-bit)", SYS_RW1, ttbr1, SYS_FX_TLB | SYS_FX_SYNC),

	/* ---- c5, c6: faults ---- */
	F(15, 0, 5, 0, 0, "DFSR", SYS_RW1, dfsr, 0xffffffffu, 0),
	F(15, 0, 5, 0, 1, "IFSR", SYS_RW1, ifsr, 0xffffffffu, 0),
	C(15, 0, 5, 1, 0, "ADFSR", SYS_RW1, 0),
	C(15, 0, 5, 1, 1, "AIFSR", SYS_RW1, 0),
	F(15, 0, 6, 0, 0, "DFAR", SYS_RW1, dfar, 0xffffffffu, 0),
	C(15, 0, 6, 0, 1, "WFAR", SYS_RW1, 0),
	F(15, 0, 6, 0, 2, "IFAR", SYS_RW1, ifar, 0xffffffffu, 0),

	/* ---- c7: cache maintenance (no-ops: no caches are modelled and
	 * predecoded code follows stores), barriers, PAR, VA to PA ---- */
	OP(15, 0, 7, 1, 0, "ICIALLUIS", SYS_W1, 0),
	OP(15, 0, 7, 1, 6, "BPIALLIS", SYS_W1, 0),
	L(15, 0, 7, 4, 0, "PAR", SYS_RW1, par, 0),
	OP(15, 0, 7, 5, 0, "ICIALLU", SYS_W1, 0),
	OP(15, 0, 7, 5, 1, "ICIMVAU", SYS_W1, 0),
	OP(15, 0, 7, 5, 4, "CP15ISB", SYS_W1 | SYS_W0, 0),
	OP(15, 0, 7, 5, 6, "BPIALL", SYS_W1, 0),
	OP(15, 0, 7, 5, 7, "BPIMVA", SYS_W1, 0),
	OP(15, 0, 7, 6, 1, "DCIMVAC", SYS_W1, 0),
	OP(15, 0, 7, 6, 2, "DCISW", SYS_W1, 0),
	OP(15, 0, 7, 8, 0, "ATS1CPR", SYS_W1, SYS_FX_ATS),
	OP(15, 0, 7, 8, 1, "ATS1CPW", SYS_W1, SYS_FX_ATS),
	OP(15, 0, 7, 8, 2, "ATS1CUR", SYS_W1, SYS_FX_ATS),
	OP(15, 0, 7, 8, 3, "ATS1CUW", SYS_W1, SYS_FX_ATS),
	OP(15, 0, 7, 10, 1, "DCCMVAC", SYS_W1, 0),
	OP(15, 0, 7, 10, 2, "DCCSW", SYS_W1, 0),
	OP(15, 0, 7, 10, 4, "CP15DSB", SYS_W1 | SYS_W0, 0),
	OP(15, 0, 7, 10, 5, "CP15DMB", SYS_W1 | SYS_W0, 0),
	OP(15, 0, 7, 11, 1, "DCCMVAU", SYS_W1, 0),
	OP(15, 0, 7, 14, 1, "DCCIMVAC", SYS_W1, 0),
	OP(15, 0, 7, 14, 2, "DCCISW", SYS_W1, 0),
	Q(15, 0, 7, "PAR (64-bit)", SYS_RW1, par, 0),

	/* ---- c8: TLB maintenance (B4.2.2). The TLB is not tagged with
	 * ASIDs and caches sections as 4 KiB pieces, so every operation
	 * flushes all of it. ---- */
	OP(15, 0, 8, 3, 0, "TLBIALLIS", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 3, 1, "TLBIMVAIS", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 3, 2, "TLBIASIDIS", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 3, 3, "TLBIMVAAIS", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 5, 0, "ITLBIALL", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 5, 1, "ITLBIMVA", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 5, 2, "ITLBIASID", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 6, 0, "DTLBIALL", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 6, 1, "DTLBIMVA", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 6, 2, "DTLBIASID", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 7, 0, "TLBIALL", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 7, 1, "TLBIMVA", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 7, 2, "TLBIASID", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),
	OP(15, 0, 8, 7, 3, "TLBIMVAA", SYS_W1, SYS_FX_TLB | SYS_FX_SYNC),

	/* ---- c9: L2 control, Performance Monitors (C12.8) ---- */
	C(15, 1, 9, 0, 2, "L2CTLR", SYS_RW1, 0x00800000),
	C(15, 1, 9, 0, 3, "L2ECTLR", SYS_RW1, 0),
	S(15, 0, 9, 12, 0, "PMCR", SYS_RW1 | PMU0, SYS_SP_PMCR, 0, 0),
	S(15, 0, 9, 12, 1, "PMCNTENSET", SYS_RW1 | PMU0, SYS_SP_PMCNTENSET, 0, 0),
	S(15, 0, 9, 12, 2, "PMCNTENCLR", SYS_RW1 | PMU0, SYS_SP_PMCNTENCLR, 0, 0),
	S(15, 0, 9, 12, 3, "PMOVSR", SYS_RW1 | PMU0, SYS_SP_PMOVSR, 0, 0),
	OP(15, 0, 9, 12, 4, "PMSWINC", SYS_W1 | SYS_PL0P | SYS_W0, 0),
	F(15, 0, 9, 12, 5, "PMSELR", SYS_RW1 | PMU0, pmselr, 0x1f, 0),
	L(15, 0, 9, 13, 0, "PMCCNTR", SYS_RW1 | PMU0, pmccntr, 0),
	S(15, 0, 9, 13, 1, "PMXEVTYPER", SYS_RW1 | PMU0, SYS_SP_PMXEVTYPER, 0, 0),
	S(15, 0, 9, 13, 2, "PMXEVCNTR", SYS_RW1 | PMU0, SYS_SP_PMXEVCNTR, 0, 0),
	F(15, 0, 9, 14, 0, "PMUSERENR", SYS_RW1 | SYS_R0, pmuserenr, 0x1, 0),
	S(15, 0, 9, 14, 1, "PMINTENSET", SYS_RW1, SYS_SP_PMINTENSET, 0, 0),
	S(15, 0, 9, 14, 2, "PMINTENCLR", SYS_RW1, SYS_SP_PMINTENCLR, 0, 0),

	/* ---- c10: memory attributes (not used: no caches) ---- */
	F(15, 0, 10, 2, 0, "PRRR", SYS_RW1, prrr, 0xffffffffu, 0),
	F(15, 0, 10, 2, 1, "NMRR", SYS_RW1, nmrr, 0xffffffffu, 0),
	C(15, 0, 10, 3, 0, "AMAIR0", SYS_RW1, 0),
	C(15, 0, 10, 3, 1, "AMAIR1", SYS_RW1, 0),

	/* ---- c12, c13 ---- */
	F(15, 0, 12, 0, 0, "VBAR", SYS_RW1, vbar, 0xffffffe0u, 0),
	F(15, 0, 13, 0, 0, "FCSEIDR", SYS_RW1, fcseidr, 0xffffffffu, SYS_FX_TLB | SYS_FX_SYNC),
	/* An ASID change: the TLB is not ASID-tagged, so flush it. */
	F(15, 0, 13, 0, 1, "CONTEXTIDR", SYS_RW1, contextidr, 0xffffffffu, SYS_FX_TLB | SYS_FX_SYNC),
	F(15, 0, 13, 0, 2, "TPIDRURW", SYS_RW1 | SYS_R0 | SYS_W0, tpidrurw, 0xffffffffu, 0),
	F(15, 0, 13, 0, 3, "TPIDRURO", SYS_RW1 | SYS_R0, tpidruro, 0xffffffffu, 0),
	F(15, 0, 13, 0, 4, "TPIDRPRW", SYS_RW1, tpidrprw, 0xffffffffu, 0),

	/* ---- c14: Generic Timer (B8.2). PL0 as CNTKCTL allows. ---- */
	{ K32(15, 0, 14, 0, 0), "CNTFRQ", SYS_CP_U32, SYS_RW1 | SYS_PL0C | SYS_R0, 0,
	  CNT_PL0PCTEN | CNT_PL0VCTEN, OFF(cntfrq), 0xffffffffu },
	F(15, 0, 14, 1, 0, "CNTKCTL", SYS_RW1, cntkctl, 0xffffffffu, 0),
	S(15, 0, 14, 2, 0, "CNTP_TVAL", SYS_RW1 | SYS_PL0C | SYS_R0 | SYS_W0,
	  SYS_SP_CNTP_TVAL, SYS_FX_TIMER, CNT_PL0PTEN),
	S(15, 0, 14, 2, 1, "CNTP_CTL", SYS_RW1 | SYS_PL0C | SYS_R0 | SYS_W0,
	  SYS_SP_CNTP_CTL, SYS_FX_TIMER, CNT_PL0PTEN),
	S(15, 0, 14, 3, 0, "CNTV_TVAL", SYS_RW1 | SYS_PL0C | SYS_R0 | SYS_W0,
	  SYS_SP_CNTV_TVAL, SYS_FX_TIMER, CNT_PL0VTEN),
	S(15, 0, 14, 3, 1, "CNTV_CTL", SYS_RW1 | SYS_PL0C | SYS_R0 | SYS_W0,
	  SYS_SP_CNTV_CTL, SYS_FX_TIMER, CNT_PL0VTEN),
	S64(15, 0, 14, "CNTPCT", SYS_R1 | SYS_PL0C | SYS_R0, SYS_SP_CNTPCT, 0, CNT_PL0PCTEN),
	S64(15, 1, 14, "CNTVCT", SYS_R1 | SYS_PL0C | SYS_R0, SYS_SP_CNTVCT, 0, CNT_PL0VCTEN),
	S64(15, 2, 14, "CNTP_CVAL", SYS_RW1 | SYS_PL0C | SYS_R0 | SYS_W0,
	    SYS_SP_CNTP_CVAL, SYS_FX_TIMER, CNT_PL0PTEN),
	S64(15, 3, 14, "CNTV_CVAL", SYS_RW1 | SYS_PL0C | SYS_R0 | SYS_W0,
	    SYS_SP_CNTV_CVAL, SYS_FX_TIMER, CNT_PL0VTEN),
	/* CNTVOFF (MCRR p15, 4, c14) is HYP only: UNDEFINED here. */

	/* ---- c15: implementation defined ---- */
	C(15, 4, 15, 0, 0, "CBAR", SYS_R1, 0x08000000),

	/* ---- cp14: debug (C11.11), ThumbEE, Jazelle ---- */
	C(14, 0, 0, 0, 0, "DBGDIDR", SYS_R1 | SYS_R0, 0x3515f021),
	{ K32(14, 0, 0, 1, 0), "DBGDSCRint", SYS_CP_U32, SYS_R1 | SYS_R0, 0, 0,
	  OFF(dbgdscr_ext), 0 },
	F(14, 0, 0, 2, 2, "DBGDSCRext", SYS_RW1, dbgdscr_ext, 0xffffffffu, 0),
	C(14, 0, 0, 7, 0, "DBGVCR", SYS_RW1, 0),
	BP(0), BP(1), BP(2), BP(3), BP(4), BP(5),
	WP(0), WP(1), WP(2), WP(3),
	C(14, 0, 1, 0, 0, "DBGDRAR", SYS_R1 | SYS_R0, 0),
	S(14, 0, 1, 0, 4, "DBGOSLAR", SYS_W1, SYS_SP_DBGOSLAR, 0, 0),
	F(14, 0, 1, 1, 4, "DBGOSLSR", SYS_R1, dbgoslsr, 0, 0),
	F(14, 0, 1, 3, 4, "DBGOSDLR", SYS_RW1, dbgosdlr, 0x1, 0),
	C(14, 0, 1, 4, 4, "DBGPRCR", SYS_RW1, 0),
	C(14, 0, 2, 0, 0, "DBGDSAR", SYS_R1 | SYS_R0, 0),
	/* QEMU 7.2 places these three at c7 c0 0..2 (sic). */
	C(14, 0, 7, 0, 0, "DBGDEVID2", SYS_R1, 0),
	C(14, 0, 7, 0, 1, "DBGDEVID1", SYS_R1, 0),
	C(14, 0, 7, 0, 2, "DBGDEVID", SYS_R1, 0x01110f13),
	Q_CONST(14, 0, 1, "DBGDRAR (64-bit)", SYS_R1 | SYS_R0, 0),
	Q_CONST(14, 0, 2, "DBGDSAR (64-bit)", SYS_R1 | SYS_R0, 0),
	F(14, 6, 0, 0, 0, "TEECR", SYS_RW1, teecr, 0x1, 0),
	S(14, 6, 1, 0, 0, "TEEHBR", SYS_RW1 | SYS_R0 | SYS_W0, SYS_SP_TEEHBR, 0, 0),
	C(14, 7, 0, 0, 0, "JIDR", SYS_R1, 0),
	C(14, 7, 1, 0, 0, "JOSCR", SYS_RW1, 0),
	C(14, 7, 2, 0, 0, "JMCR", SYS_RW1, 0),
};

#define NROWS (sizeof(sys_cp_table) / sizeof(sys_cp_table[0]))

/* cp15 c0, opc1 0, CRm 3..7, any opc2: RAZ (QEMU's "DUMMY" rows). */
static const struct sys_cpreg sys_cp_raz =
	C(15, 0, 0, 3, 0, "ID (RAZ)", SYS_R1, 0);

const struct sys_cpreg *sys_cp_find(uint32_t key)
{
	for (unsigned i = 0; i < NROWS; i++)
		if (sys_cp_table[i].key == key)
			return &sys_cp_table[i];
	if ((key & 0x1fff00u) == SYS_CP_KEY(15, 0, 0, 0, 0) &&
	    ((key >> 4) & 0xf) >= 3 && ((key >> 4) & 0xf) <= 7)
		return &sys_cp_raz;
	return NULL;
}

uint32_t sys_cp_index(const struct sys_cpreg *r)
{
	if (r == &sys_cp_raz)
		return NROWS;
	return (uint32_t)(r - sys_cp_table);
}

const struct sys_cpreg *sys_cp_row(uint32_t index)
{
	return index < NROWS ? &sys_cp_table[index] : &sys_cp_raz;
}

bool sys_cp_allowed(const struct arm_sysregs *s, const struct sys_cpreg *r,
		    bool pl0, bool write)
{
	if (!pl0)
		return r->access & (write ? SYS_W1 : SYS_R1);
	if (!(r->access & (write ? SYS_W0 : SYS_R0)))
		return false;
	if ((r->access & SYS_PL0C) && !(s->cntkctl & r->pl0bits))
		return false;
	if ((r->access & SYS_PL0P) && !(s->pmuserenr & 1))
		return false;
	/* TEEHBR: PL0 access unless TEECR.XED (A2.4.3). */
	if (r->kind == SYS_CP_SPECIAL && r->val == SYS_SP_TEEHBR && (s->teecr & 1))
		return false;
	return true;
}

static uint32_t *u32_at(const struct arm_sysregs *s, uint16_t off)
{
	return (uint32_t *)((char *)(uintptr_t)s + off);
}

static uint64_t *u64_at(const struct arm_sysregs *s, uint16_t off)
{
	return (uint64_t *)((char *)(uintptr_t)s + off);
}

/* ---- Generic Timer (B8.1, B8.2) ---- */

#define CTL_ENABLE  1u
#define CTL_IMASK   2u
#define CTL_ISTATUS 4u

static const struct arm_gtimer_regs *gtimer(const struct arm_sysregs *s,
					    unsigned which)
{
	return which == SYS_TIMER_VIRT ? &s->cntv : &s->cntp;
}

/* The timer's own view of the count: virtual = physical - CNTVOFF. */
static uint64_t timer_count(const struct arm_sysregs *s, unsigned which,
			    uint64_t count)
{
	return which == SYS_TIMER_VIRT ? count - s->cntvoff : count;
}

static uint32_t timer_ctl(const struct arm_sysregs *s, unsigned which,
			  uint64_t count)
{
	const struct arm_gtimer_regs *t = gtimer(s, which);
	uint32_t ctl = t->ctl & (CTL_ENABLE | CTL_IMASK);
	/* ISTATUS: the condition is met, and only while enabled (QEMU). */
	if ((ctl & CTL_ENABLE) && timer_count(s, which, count) >= t->cval)
		ctl |= CTL_ISTATUS;
	return ctl;
}

bool sys_timer_level(const struct arm_sysregs *s, unsigned which, uint64_t count)
{
	return (timer_ctl(s, which, count) & (CTL_ISTATUS | CTL_IMASK)) == CTL_ISTATUS;
}

uint64_t sys_timer_deadline(const struct arm_sysregs *s, unsigned which,
			    uint64_t count)
{
	const struct arm_gtimer_regs *t = gtimer(s, which);
	if ((t->ctl & (CTL_ENABLE | CTL_IMASK)) != CTL_ENABLE)
		return UINT64_MAX;
	uint64_t now = timer_count(s, which, count);
	if (now >= t->cval)
		return UINT64_MAX; /* already firing: stays so until a write */
	return count + (t->cval - now);
}

static void timer_write_ctl(struct arm_sysregs *s, unsigned which,
			    uint64_t count, uint32_t v)
{
	struct arm_gtimer_regs *t = which == SYS_TIMER_VIRT ? &s->cntv : &s->cntp;
	t->ctl = v & (CTL_ENABLE | CTL_IMASK);
	t->ctl = timer_ctl(s, which, count); /* keep ISTATUS current for saves */
}

static void timer_write_cval(struct arm_sysregs *s, unsigned which,
			     uint64_t count, uint64_t v)
{
	struct arm_gtimer_regs *t = which == SYS_TIMER_VIRT ? &s->cntv : &s->cntp;
	t->cval = v;
	t->ctl = timer_ctl(s, which, count);
}

/* ---- PMU (C12) ---- */

#define PMU_COUNTER_MASK 0x8000003fu /* C and the 6 event counters */
#define PMCR_WRITABLE    0x79u       /* LC, DP, X, D, E (QEMU) */
#define PMCR_P           0x2u
#define PMCR_C           0x4u

static uint64_t special_read(const struct arm_sysregs *s,
			     const struct sys_cpreg *r, uint64_t count)
{
	unsigned sel = s->pmselr & 0x1f;
	switch (r->val) {
	case SYS_SP_CCSIDR: return a15_ccsidr[s->csselr & 0xf];
	/* Uniprocessor view of CPU 0 with the MP extensions (B4.1.106);
	 * QEMU: bit 31 set, Aff0 = CPU index. */
	case SYS_SP_MPIDR: return 0x80000000u;
	case SYS_SP_CNTPCT: return count;
	case SYS_SP_CNTVCT: return count - s->cntvoff;
	case SYS_SP_CNTP_CTL: return timer_ctl(s, SYS_TIMER_PHYS, count);
	case SYS_SP_CNTV_CTL: return timer_ctl(s, SYS_TIMER_VIRT, count);
	/* TVAL: CVAL - count, 32 bits, whatever ENABLE says (B8.1.5). */
	case SYS_SP_CNTP_TVAL: return (uint32_t)(s->cntp.cval - count);
	case SYS_SP_CNTV_TVAL: return (uint32_t)(s->cntv.cval - (count - s->cntvoff));
	case SYS_SP_CNTP_CVAL: return s->cntp.cval;
	case SYS_SP_CNTV_CVAL: return s->cntv.cval;
	case SYS_SP_PMCR: return s->pmcr;
	case SYS_SP_PMCNTENSET: case SYS_SP_PMCNTENCLR: return s->pmcntenset;
	case SYS_SP_PMOVSR: return s->pmovsr;
	case SYS_SP_PMINTENSET: case SYS_SP_PMINTENCLR: return s->pmintenset;
	case SYS_SP_PMXEVTYPER:
		if (sel < ARM_PMU_NCOUNTERS)
			return s->pmevtyper[sel];
		return sel == 31 ? s->pmccfiltr : 0;
	case SYS_SP_PMXEVCNTR:
		return sel < ARM_PMU_NCOUNTERS ? s->pmevcntr[sel] : 0;
	case SYS_SP_TTBCR: return s->ttbcr;
	case SYS_SP_TEEHBR: return s->teehbr;
	default: return 0;
	}
}

static unsigned special_write(struct arm_sysregs *s, const struct sys_cpreg *r,
			      uint64_t count, uint64_t v64)
{
	uint32_t v = (uint32_t)v64;
	unsigned sel = s->pmselr & 0x1f;
	switch (r->val) {
	case SYS_SP_CNTP_CTL: timer_write_ctl(s, SYS_TIMER_PHYS, count, v); break;
	case SYS_SP_CNTV_CTL: timer_write_ctl(s, SYS_TIMER_VIRT, count, v); break;
	/* TVAL write: CVAL = count + SignExtend(TVAL) (B8.1.5). */
	case SYS_SP_CNTP_TVAL:
		timer_write_cval(s, SYS_TIMER_PHYS, count, count + (uint64_t)(int64_t)(int32_t)v);
		break;
	case SYS_SP_CNTV_TVAL:
		timer_write_cval(s, SYS_TIMER_VIRT, count,
				 count - s->cntvoff + (uint64_t)(int64_t)(int32_t)v);
		break;
	case SYS_SP_CNTP_CVAL: timer_write_cval(s, SYS_TIMER_PHYS, count, v64); break;
	case SYS_SP_CNTV_CVAL: timer_write_cval(s, SYS_TIMER_VIRT, count, v64); break;
	case SYS_SP_PMCR:
		if (v & PMCR_C)
			s->pmccntr = 0;
		if (v & PMCR_P)
			memset(s->pmevcntr, 0, sizeof(s->pmevcntr));
		s->pmcr = (s->pmcr & ~PMCR_WRITABLE) | (v & PMCR_WRITABLE);
		break;
	case SYS_SP_PMCNTENSET: s->pmcntenset |= v & PMU_COUNTER_MASK; break;
	case SYS_SP_PMCNTENCLR: s->pmcntenset &= ~(v & PMU_COUNTER_MASK); break;
	case SYS_SP_PMOVSR: s->pmovsr &= ~(v & PMU_COUNTER_MASK); break;
	case SYS_SP_PMINTENSET: s->pmintenset |= v & PMU_COUNTER_MASK; break;
	case SYS_SP_PMINTENCLR: s->pmintenset &= ~(v & PMU_COUNTER_MASK); break;
	case SYS_SP_PMXEVTYPER:
		if (sel < ARM_PMU_NCOUNTERS)
			s->pmevtyper[sel] = v;
		else if (sel == 31)
			s->pmccfiltr = v;
		break;
	case SYS_SP_PMXEVCNTR:
		if (sel < ARM_PMU_NCOUNTERS)
			s->pmevcntr[sel] = v;
		break;
	/* DBGOSLAR: the key 0xC5ACCE55 locks, anything else unlocks
	 * (C11.11.32); OSLSR.OSLK is bit 1. */
	case SYS_SP_DBGOSLAR:
		s->dbgoslsr = (s->dbgoslsr & ~2u) | (v == 0xc5acce55u ? 2u : 0u);
		break;
	/* TTBCR (B4.1.153): QEMU without EL3 keeps N only, or with EAE
	 * the long-descriptor fields. */
	case SYS_SP_TTBCR:
		if (v & 0x80000000u)
			v &= ~((7u << 19) | (3u << 14) | (0xfu << 3));
		else
			v &= 7u;
		s->ttbcr = v;
		break;
	case SYS_SP_TEEHBR: s->teehbr = v; break;
	default: break;
	}
	return r->fx;
}

uint64_t sys_cp_read(const struct arm_sysregs *s, const struct sys_cpreg *r,
		     uint64_t count)
{
	switch (r->kind) {
	case SYS_CP_CONST: return r->val;
	case SYS_CP_U32: return *u32_at(s, r->off);
	case SYS_CP_U64: return *u64_at(s, r->off);
	case SYS_CP_LO32: return (uint32_t)*u64_at(s, r->off);
	case SYS_CP_SPECIAL: return special_read(s, r, count);
	default: return 0;
	}
}

unsigned sys_cp_write(struct arm_sysregs *s, const struct sys_cpreg *r,
		      uint64_t count, uint64_t val)
{
	switch (r->kind) {
	case SYS_CP_U32: {
		uint32_t *p = u32_at(s, r->off);
		*p = (*p & ~r->val) | ((uint32_t)val & r->val);
		break;
	}
	case SYS_CP_U64:
		*u64_at(s, r->off) = val;
		break;
	case SYS_CP_LO32: /* the 32-bit view: high word (LPAE) cleared */
		*u64_at(s, r->off) = (uint32_t)val;
		break;
	case SYS_CP_SPECIAL:
		return special_write(s, r, count, val);
	default: /* constants ignore writes (RAZ/WI); operations act by fx */
		break;
	}
	return r->fx;
}
