/*
 * struct arm_sysregs: the cp14/cp15 state of one ARMv7-A core with the
 * Virtualization Extensions (a Cortex-A15 as QEMU 7.2 models it), as named
 * fields that the interpreter, the world switch and the HYP trap handlers
 * use directly. cpu/cpreg_a15.c says which field each entry of QEMU's
 * cp-register list lands in.
 *
 * Register names follow ARM DDI 0406C.d (the ARMv7-A/R ARM ARM): the cp15
 * registers, HYP, PMU and Generic Timer ones included, are described under
 * their names in B4.1 (in alphabetical order), the Generic Timer in
 * chapter B8, the Performance Monitors in chapter C12, the cp14 debug
 * registers in chapter C11, ThumbEE in chapter A2 (Thumb Execution
 * Environment).
 *
 * Only state lives here. ID registers (MIDR, ID_*, CLIDR, CTR, DBGDIDR, ...)
 * and the registers QEMU treats as constants (ACTLR, AMAIR, ADFSR, CBAR,
 * L2CTLR, ...) are values in the cp-register tables, not fields. MPIDR and
 * CCSIDR are not in QEMU's list at all (computed on read).
 *
 * One field per piece of state, however many encodings reach it: QEMU 7.2
 * with no EL3 backs the secure copy of a banked register (TTBR0_S, ...) and
 * its non-secure copy with the same storage, and the AArch64 encodings it
 * registers for a 32-bit core (TTBR0_EL1, ...) with the same storage again.
 * Where QEMU's AArch64 view is one 64-bit register made of two AArch32 ones
 * (MAIR_EL1 = NMRR:PRRR, FAR_EL1 = IFAR:DFAR, FAR_EL2 = HIFAR:HDFAR,
 * MAIR_EL2 = HMAIR1:HMAIR0), a union gives both views; the low half is the
 * first AArch32 register. 32-bit views of the 64-bit TTBRs and PAR see the
 * low word. Little-endian hosts only (ARM and x86), checked below.
 *
 * A field holds what the guest could have written, nothing more: QEMU
 * loads a stream by writing each value through the register's own write
 * function and refuses it if the value does not read back, so bits that
 * write ignores must stay clear here too (VBAR/HVBAR bits 4:0, CPACR's
 * unimplemented coprocessor fields, CSSELR beyond the cache levels, TEECR
 * and DBGOSDLR above bit 0). Whatever emulates MCR to them masks them.
 *
 * Everything is uint32_t/uint64_t and plain data: memset, memcpy and
 * offsetof are all a caller needs.
 */
#ifndef TERN_CPU_ARM_SYSREGS_H
#define TERN_CPU_ARM_SYSREGS_H

#include <stddef.h>
#include <stdint.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "struct arm_sysregs: the 32-bit views of 64-bit fields assume a little-endian host"
#endif

/* One Generic Timer (chapter B8): its control register and 64-bit compare
 * value. The count itself is not state: it is derived from the virtual clock. */
struct arm_gtimer_regs {
	uint64_t cval;  /* CNTx_CVAL: fires when the count reaches it */
	uint32_t ctl;   /* CNTx_CTL: ENABLE (0), IMASK (1), ISTATUS (2) */
	uint32_t reserved_; /* keeps the size a multiple of 8, no hidden padding */
};

#define ARM_PMU_NCOUNTERS 6  /* Cortex-A15: PMCR.N = 6 event counters */
#define ARM_DBG_NBRP      6  /* DBGDIDR.BRPs + 1 breakpoint pairs */
#define ARM_DBG_NWRP      4  /* DBGDIDR.WRPs + 1 watchpoint pairs */

struct arm_sysregs {
	/* --- System control (B4.1) --- */
	uint32_t sctlr;      /* SCTLR: MMU, caches, alignment, V, TE, ... */
	uint32_t cpacr;      /* CPACR: cp10/cp11 (VFP/NEON) access, ASEDIS, D32DIS */
	uint32_t csselr;     /* CSSELR: which cache CCSIDR describes */
	uint32_t fcseidr;    /* FCSEIDR: FCSE PID; QEMU keeps what is written */

	/* --- Translation and faults, PL1&0 regime (B3, B4.1) --- */
	uint64_t ttbr0;      /* TTBR0: 64-bit (LPAE) form; MCR sees bits 31:0 */
	uint64_t ttbr1;      /* TTBR1: likewise */
	uint32_t ttbcr;      /* TTBCR: N, PD0/PD1, EAE (QEMU: TCR_EL1) */
	uint32_t dacr;       /* DACR: the 16 domains' access */
	uint32_t dfsr;       /* DFSR: data fault status (QEMU: ESR_EL1) */
	uint32_t ifsr;       /* IFSR: prefetch abort status */
	union {
		uint64_t far;    /* QEMU's FAR_EL1: IFAR in 63:32, DFAR in 31:0 */
		struct {
			uint32_t dfar;   /* DFAR: data fault address */
			uint32_t ifar;   /* IFAR: prefetch abort address */
		};
	};
	uint64_t par;        /* PAR: VA->PA result; 64-bit form when LPAE */
	union {
		uint64_t mair;   /* QEMU's MAIR_EL1: NMRR in 63:32, PRRR in 31:0 */
		struct {
			uint32_t prrr;   /* PRRR, or MAIR0 with TTBCR.EAE = 1 */
			uint32_t nmrr;   /* NMRR, or MAIR1 */
		};
	};
	/* MAIR_EL3: QEMU keeps it as state apart from MAIR0_S/MAIR1_S even
	 * with no EL3, where no guest instruction reaches it. Kept so that a
	 * stream survives a load and a save. */
	uint64_t mair_el3;
	uint32_t vbar;       /* VBAR: exception vector base, bits 4:0 RES0 */
	uint32_t contextidr; /* CONTEXTIDR: PROCID and ASID */

	/* --- Thread ID (B4.1 TPIDRURW/TPIDRURO/TPIDRPRW) --- */
	uint32_t tpidrurw;   /* PL0 read/write (QEMU: TPIDR_EL0) */
	uint32_t tpidruro;   /* PL0 read-only (QEMU: TPIDRRO_EL0) */
	uint32_t tpidrprw;   /* PL1 only (QEMU: TPIDR_EL1) */

	/* --- ThumbEE (chapter A2), cp14 opc1 = 6 --- */
	uint32_t teecr;      /* TEECR: XED, bit 0 */
	uint32_t teehbr;     /* TEEHBR: handler base */

	/* --- Generic Timer (B8) --- */
	uint32_t cntfrq;     /* CNTFRQ: counter frequency, 62.5 MHz as QEMU */
	uint32_t cntkctl;    /* CNTKCTL: PL0 access to counters and timers */
	struct arm_gtimer_regs cntp;  /* PL1 physical timer (CNTP_*) */
	struct arm_gtimer_regs cntv;  /* virtual timer (CNTV_*) */
	/* Secure physical timer (CNTPS_*_EL1 in QEMU's list). Unreachable
	 * without EL3, but QEMU keeps it as state: kept for round trips. */
	struct arm_gtimer_regs cntps;

	/* --- Performance Monitors (C12; registers in B4.1) --- */
	uint64_t pmccntr;    /* PMCCNTR: cycle counter (QEMU keeps 64 bits) */
	uint32_t pmcr;       /* PMCR: E, P, C, D, X, DP; N = 6 (read-only) */
	uint32_t pmcntenset; /* PMCNTENSET/CLR: counters enabled (C = bit 31) */
	uint32_t pmovsr;     /* PMOVSR/PMOVSSET: overflow flags */
	uint32_t pmselr;     /* PMSELR: counter PMXEV* address */
	uint32_t pmuserenr;  /* PMUSERENR: PL0 access */
	uint32_t pmintenset; /* PMINTENSET/CLR: overflow interrupt enables */
	uint32_t pmccfiltr;  /* PMCCFILTR: cycle counter filter */
	uint32_t pmevcntr[ARM_PMU_NCOUNTERS];  /* event counters */
	uint32_t pmevtyper[ARM_PMU_NCOUNTERS]; /* their event types and filters */

	/* --- Debug, cp14 (chapter C11) --- */
	uint32_t dbgbvr[ARM_DBG_NBRP]; /* DBGBVRn: breakpoint values */
	uint32_t dbgbcr[ARM_DBG_NBRP]; /* DBGBCRn: breakpoint controls */
	uint32_t dbgwvr[ARM_DBG_NWRP]; /* DBGWVRn: watchpoint addresses */
	uint32_t dbgwcr[ARM_DBG_NWRP]; /* DBGWCRn: watchpoint controls */
	uint32_t dbgdscr_ext; /* DBGDSCRext (QEMU: MDSCR_EL1) */
	/* DBGOSLSR: OS lock status. Read-only, but the guest sets and
	 * clears OSLK (bit 1) through DBGOSLAR, so it is state. Reset 0xa:
	 * OS lock implemented (OSLM) and locked. */
	uint32_t dbgoslsr;
	uint32_t dbgosdlr;   /* DBGOSDLR: OS double lock (DLK, bit 0) */

	/* --- Virtualization Extensions: HYP mode state (B4.1) --- */
	/* Present in QEMU's list only with -M virt,virtualization=on. */
	uint32_t vpidr;      /* VPIDR: MIDR as PL1 reads it (reset: MIDR) */
	uint32_t vmpidr;     /* VMPIDR: MPIDR as PL1 reads it (reset: MPIDR) */
	uint32_t hsctlr;     /* HSCTLR: HYP mode system control */
	uint32_t hcr;        /* HCR: traps and virtual exceptions (HCR_EL2) */
	uint32_t hdcr;       /* HDCR: debug/PMU traps, HPMN (MDCR_EL2) */
	uint32_t hcptr;      /* HCPTR: coprocessor traps (CPTR_EL2) */
	uint32_t hstr;       /* HSTR: cp15 primary-register traps */
	uint32_t htcr;       /* HTCR: HYP translation control (TCR_EL2) */
	uint64_t httbr;      /* HTTBR: HYP translation table base (TTBR0_EL2) */
	uint64_t vttbr;      /* VTTBR: stage-2 table base and VMID */
	uint32_t vtcr;       /* VTCR: stage-2 translation control */
	uint32_t hsr;        /* HSR: syndrome of the exception taken to HYP */
	union {
		uint64_t far_el2; /* QEMU's FAR_EL2: HIFAR in 63:32, HDFAR in 31:0 */
		struct {
			uint32_t hdfar;  /* HDFAR: data abort address */
			uint32_t hifar;  /* HIFAR: prefetch abort address */
		};
	};
	uint32_t hpfar;      /* HPFAR: faulting IPA, bits 39:12 in 31:4 */
	uint32_t hvbar;      /* HVBAR: HYP vector base */
	union {
		uint64_t hmair;  /* QEMU's MAIR_EL2: HMAIR1 in 63:32 */
		struct {
			uint32_t hmair0;
			uint32_t hmair1;
		};
	};
	uint32_t htpidr;     /* HTPIDR: HYP software thread ID */
	uint32_t cnthctl;    /* CNTHCTL: PL1 access to physical counter/timer */
	struct arm_gtimer_regs cnthp; /* HYP physical timer (CNTHP_*) */
	uint64_t cntvoff;    /* CNTVOFF: virtual count = physical - CNTVOFF */
};

/* The unions' halves must sit where QEMU's 64-bit views put them. */
#define ARM_SYSREGS_AT(a, b, plus) \
	(offsetof(struct arm_sysregs, a) == offsetof(struct arm_sysregs, b) + (plus))
_Static_assert(ARM_SYSREGS_AT(dfar, far, 0), "DFAR is FAR_EL1[31:0]");
_Static_assert(ARM_SYSREGS_AT(ifar, far, 4), "IFAR is FAR_EL1[63:32]");
_Static_assert(ARM_SYSREGS_AT(prrr, mair, 0), "PRRR/MAIR0 is MAIR_EL1[31:0]");
_Static_assert(ARM_SYSREGS_AT(nmrr, mair, 4), "NMRR/MAIR1 is MAIR_EL1[63:32]");
_Static_assert(ARM_SYSREGS_AT(hdfar, far_el2, 0), "HDFAR is FAR_EL2[31:0]");
_Static_assert(ARM_SYSREGS_AT(hifar, far_el2, 4), "HIFAR is FAR_EL2[63:32]");
_Static_assert(ARM_SYSREGS_AT(hmair0, hmair, 0), "HMAIR0 is MAIR_EL2[31:0]");
_Static_assert(ARM_SYSREGS_AT(hmair1, hmair, 4), "HMAIR1 is MAIR_EL2[63:32]");
#undef ARM_SYSREGS_AT
_Static_assert(sizeof(struct arm_gtimer_regs) == 16, "no hidden padding");
/* struct cpreg keeps offsets in 16 bits. */
_Static_assert(sizeof(struct arm_sysregs) <= 0xffff, "offsets fit struct cpreg");

#endif
