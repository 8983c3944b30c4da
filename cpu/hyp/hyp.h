/*
 * The hypervisor's CPU layer (ARMv7-A with the Virtualization Extensions,
 * tern in Non-secure Hyp mode): the world switch, stage-2 translation, the
 * trap set-up and the decoding of what a guest did, the Hyp timer (the
 * physical interrupt controller is the board's: kernel/hv.h). No policy: kernel/hv.c decides who
 * runs and what a trap means.
 *
 * A guest's state is its struct arm_cpu. Between two hyp_enter() calls on
 * the same guest, only what a trap needs is kept there up to date (r0-r15,
 * CPSR, LR_usr, TPIDRURO); the rest (banked registers of the other modes,
 * cp15, the virtual timer) stays in the hardware while the guest is
 * loaded, and its VFP file stays in the unit until someone else needs
 * it. hyp_vcpu_put() and hyp_vcpu_load() move a guest out of the hardware
 * and into it, in the banked form (hyp_vcpu_bank()); hyp_vcpu_unbank()
 * and hyp_fp_sync() then make struct arm_cpu whole, as a snapshot or the
 * shell wants it.
 *
 * ARM ARM references are to ARM DDI 0406C.d: B1.14 (traps to Hyp mode),
 * B3.13.6 (HSR), B3.6 (long descriptors, stage 2), B4.1 (the registers).
 */
#ifndef TERN_CPU_HYP_HYP_H
#define TERN_CPU_HYP_HYP_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/arm_cpu.h"
#include "cpu/hyp/hyp_asm.h"

/* ---- HSR (B3.13.6) ---- */
#define HYP_HSR_EC(hsr)   ((hsr) >> 26)
#define HYP_HSR_IL        (1u << 25)  /* 32-bit instruction */
#define HYP_HSR_ISS(hsr)  ((hsr) & 0x01ffffffu)

enum hyp_ec {
	HYP_EC_UNKNOWN   = 0x00,
	HYP_EC_WFI_WFE   = 0x01,
	HYP_EC_CP15_32   = 0x03,  /* MCR/MRC */
	HYP_EC_CP15_64   = 0x04,  /* MCRR/MRRC */
	HYP_EC_CP14_32   = 0x05,
	HYP_EC_CP14_LS   = 0x06,
	HYP_EC_HCPTR     = 0x07,  /* cp0-cp13 trapped by HCPTR: VFP, NEON */
	HYP_EC_CP10_ID   = 0x08,
	HYP_EC_JAZELLE   = 0x09,
	HYP_EC_BXJ       = 0x0a,
	HYP_EC_CP14_64   = 0x0c,
	HYP_EC_SVC       = 0x11,
	HYP_EC_HVC       = 0x12,
	HYP_EC_SMC       = 0x13,
	HYP_EC_PABT_LOW  = 0x20,  /* prefetch abort from PL0/PL1 (stage 2) */
	HYP_EC_PABT_HYP  = 0x21,
	HYP_EC_DABT_LOW  = 0x24,  /* data abort from PL0/PL1 (stage 2) */
	HYP_EC_DABT_HYP  = 0x25,
};

/* A data abort from the guest, from HSR, HDFAR and HPFAR (B3.13.6,
 * "ISS encoding for a Data Abort exception"; B4.1.82 HPFAR). */
struct hyp_dabt {
	uint32_t va;      /* HDFAR: the guest's virtual address */
	uint32_t ipa;     /* HPFAR:HDFAR[11:0], when `ipa_valid` */
	bool ipa_valid;   /* a stage-2 fault (HPFAR holds the IPA) */
	bool isv;         /* the fields below are valid (a single load/store) */
	bool write;       /* WnR */
	bool sign;        /* SSE: sign-extend the loaded value */
	bool s1ptw;       /* on the guest's own translation table walk */
	bool cm;          /* a cache maintenance operation */
	unsigned size;    /* 1, 2 or 4 bytes */
	unsigned rt;      /* SRT */
	uint32_t dfsc;    /* fault status, 6 bits */
};

/* ---- set-up ---- */

/*
 * Once, in Hyp mode, before the first guest: HVBAR to hyp_vectors, the
 * fixed trap controls (HSTR, HDCR, CNTHCTL), VTCR, VPIDR/VMPIDR (the CPU
 * the guests see: `midr`, `mpidr`; on a host core with another MIDR the
 * cache and implementation ID registers trap as well, HCR.TID1/TID2),
 * tern's TPIDRURO. HCR.VM stays clear until hyp_vcpu_load().
 */
void hyp_init(uint32_t midr, uint32_t mpidr);

/* ---- stage 2 (B3.6, long-descriptor format; VTCR, VTTBR) ---- */

/*
 * One guest's stage-2 tables: IPA 0..4 GiB, T0SZ = 0, lookup from level 1
 * (4 entries). The GiB at 0x40000000 has a level-2 table of 2 MiB blocks
 * for RAM; the first GiB may have device pages passed through (one 2 MiB
 * region of 4 KiB pages: the GIC's virtual CPU interface); everything
 * else is unmapped, so accesses there are stage-2 translation faults that
 * trap to Hyp mode (the emulated device windows).
 */
struct hyp_s2 {
	uint64_t l2[512];            /* IPA 0x40000000..0x7fffffff */
	uint64_t dev_l2[512];        /* IPA 0..0x3fffffff */
	uint64_t dev_l3[512];        /* the 2 MiB of device pages */
	uint64_t l1[4];
} __attribute__((aligned(4096)));

/* Map IPA [ipa, ipa + size) to PA [pa, ...) as Normal write-back RAM,
 * read/write/execute; ipa, pa and size multiples of 2 MiB, the IPA range
 * inside 0x40000000..0x7fffffff. */
void hyp_s2_init(struct hyp_s2 *s2, uint32_t ipa, uint32_t pa, uint32_t size);
/* Map IPA [ipa, ipa + size) to the device at PA [pa, ...) as Device
 * memory, read/write, execute-never: 4 KiB pages, ipa, pa and size
 * multiples of 4 KiB, all in one 2 MiB region of the first GiB (a second
 * call may only add pages to the same region). */
void hyp_s2_map_device(struct hyp_s2 *s2, uint32_t ipa, uint32_t pa,
		       uint32_t size);
/* VTTBR for these tables and VMID `vmid` (1..255). */
uint64_t hyp_s2_vttbr(const struct hyp_s2 *s2, unsigned vmid);
/* After tern wrote a guest's RAM through its own cacheable map: clean the
 * data cache to the Point of Coherency over it and invalidate the
 * instruction cache, so a guest that starts with its MMU and caches off
 * (Strongly-ordered, uncached accesses) reads what tern wrote (B2.2.7). */
void hyp_sync_guest_ram(uintptr_t pa, uint32_t size);
/* Forget every stage-1+2 TLB entry of the Non-secure PL1&0 regime (all
 * VMIDs), e.g. when a VMID is given to a new guest. */
void hyp_s2_flush_tlb(void);

/* ---- the world switch ---- */

/* hyp_entry.S: run the loaded guest until it exits; the HSR of the trap
 * or HYP_EXIT_IRQ / HYP_EXIT_FIQ. */
uint32_t hyp_enter(struct arm_cpu *cpu);

/* struct arm_cpu keeps the current mode's r13, r14 and SPSR (in FIQ mode
 * r8-r12 too) in regs[] and spsr, as the interpreter and a snapshot have
 * them; the hardware banks them. hyp_vcpu_bank() moves them into the
 * banked arrays (banked_r13[], ..., fiq_regs; regs[8..12] then hold
 * r8_usr..r12_usr), the form hyp_vcpu_load() and hyp_vcpu_put() work in,
 * so that a switch copies nothing; hyp_vcpu_unbank() moves them back.
 * hyp_vcpu_bank() is false (nothing changed) if the CPSR names a mode a
 * guest cannot be in (Hyp, Monitor, reserved). */
bool hyp_vcpu_bank(struct arm_cpu *cpu);
void hyp_vcpu_unbank(struct arm_cpu *cpu);

/* Load the guest (banked form) into the hardware: banked registers, cp15,
 * virtual timer, VTTBR, HCR with stage 2 on. */
void hyp_vcpu_load(const struct arm_cpu *cpu, uint64_t vttbr);
/* Save the loaded guest into `cpu` (banked form) and leave no guest
 * loaded: the hardware virtual timer off, HCR's virtual interrupt lines
 * down. Its VFP file stays in the unit, still its own: whoever uses VFP
 * next saves it (hyp_entry.S), or hyp_fp_sync() does. (HCR.VM stays set:
 * stage 2 does not apply to Hyp mode, and the next load sets VTTBR.) */
void hyp_vcpu_put(struct arm_cpu *cpu);

/* The loaded guest's CSSELR, for tern's answers to trapped CCSIDR reads
 * and CSSELR accesses (HCR.TID2, set when the host core is not the one
 * guests see). */
uint32_t hyp_csselr(void);
void hyp_set_csselr(uint32_t v);

/* HCR's virtual IRQ/FIQ lines for the loaded guest (HCR.VI, HCR.VF,
 * B1.8.10): what its virtual GIC signals. */
void hyp_set_virq(bool irq, bool fiq);

/* hyp_entry.S: the lazy VFP switch. */
void hyp_fp_take(struct arm_cpu *cpu);
void hyp_fp_sync(struct arm_cpu *cpu);

/* ---- what the guest did ---- */

void hyp_decode_dabt(uint32_t hsr, struct hyp_dabt *d);
/* The guest's virtual address of a prefetch abort (HIFAR). */
uint32_t hyp_pabt_va(void);
/* Whether a trapped conditional instruction passed its condition
 * (HSR.CV/COND, B3.13.6); true when the HSR does not say. */
bool hyp_cond_passed(const struct arm_cpu *cpu, uint32_t hsr);
/* Step over the trapped instruction (HSR.IL), advancing the IT state of
 * a Thumb IT block as the instruction would have (A2.5.2 ITAdvance). */
void hyp_skip_insn(struct arm_cpu *cpu, uint32_t hsr);

/* A register of the loaded guest as its current mode sees it (0-15; 15
 * reads as the instruction's address + 8, or + 4 in Thumb state). */
uint32_t hyp_reg_get(const struct arm_cpu *cpu, unsigned n);
void hyp_reg_set(struct arm_cpu *cpu, unsigned n, uint32_t v);

/*
 * Take an exception in the loaded guest as the hardware would have
 * (B1.9, exception entry): the data abort / prefetch abort of an
 * external abort at `va` (DFSR/IFSR in the format the guest's TTBCR.EAE
 * selects, as QEMU reports an access to an unassigned address), or an
 * undefined instruction for the trapped instruction at the guest's PC.
 */
void hyp_inject_dabt(struct arm_cpu *cpu, uint32_t va, bool write);
void hyp_inject_pabt(struct arm_cpu *cpu, uint32_t va);
void hyp_inject_undef(struct arm_cpu *cpu, uint32_t hsr);

/* ---- timers (B8) ---- */

/* Inline: a switch reads the count and sets the Hyp timer a few times,
 * and a call costs about as much as the instruction itself. */

/* CNTPCT (B4.1.34); reads of it may be speculated (B8.1.2): ISB first. */
static inline uint64_t hyp_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrrc p15, 0, %Q0, %R0, c14" : "=r"(v) : : "memory");
	return v;
}

uint32_t hyp_counter_hz(void);           /* CNTFRQ */

/* The Hyp timer (CNTHP, PPI 26): fire at `cval` (physical count, CNTHP_CVAL),
 * CNTHP_CTL ENABLE and not IMASK (B4.1.26); or off. */
static inline void hyp_htimer_at(uint64_t cval)
{
	__asm__ volatile("mcrr p15, 6, %Q0, %R0, c14\n\t"
			 "mcr p15, 4, %1, c14, c2, 1\n\t"
			 "isb" : : "r"(cval), "r"(1u) : "memory");
}
/* Not inline: once a slice, and bench/run_hyp_bench.py tells a slice's
 * end by it. */
void hyp_htimer_off(void);
/* CNTV_CTL of the loaded guest, its ISTATUS live. */
uint32_t hyp_vtimer_ctl(void);
/* Whether a virtual timer's output is asserted (ENABLE, ISTATUS, not
 * IMASK), from saved registers and the physical count. */
bool hyp_vtimer_level(const struct arm_sysregs *s, uint64_t now);

#endif
