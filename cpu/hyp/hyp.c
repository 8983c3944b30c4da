/*
 * The hypervisor's CPU layer in C: trap controls, stage-2 tables, the
 * cp15 and timer half of the world switch, trap decoding, exception
 * injection, the Hyp timer. cpu/hyp/hyp.h says what each part is for;
 * hyp_entry.S is the other half of the switch.
 */
#include <stddef.h>
#include <string.h>

#include "cpu/arm_cpu.h"
#include "cpu/hyp/hyp.h"

/* ---- offsets the asm uses (cpu/hyp/hyp_asm.h) ---- */

#define HYP_PIN(field, value) \
	_Static_assert(offsetof(struct arm_cpu, field) == (value), #field)
HYP_PIN(regs, HYP_CPU_REGS);
HYP_PIN(regs[15], HYP_CPU_PC);
HYP_PIN(nf, HYP_CPU_NF);
_Static_assert(HYP_CPU_NF == HYP_CPU_PC + 4, "pc, then the CPSR parts");
HYP_PIN(zf, HYP_CPU_NF + 4);
HYP_PIN(cf, HYP_CPU_NF + 8);
HYP_PIN(vf, HYP_CPU_NF + 12);
HYP_PIN(cpsr_rest, HYP_CPU_NF + 16);
HYP_PIN(banked_spsr, HYP_CPU_BANKED_SPSR);
HYP_PIN(banked_r13, HYP_CPU_BANKED_R13);
HYP_PIN(banked_r14, HYP_CPU_BANKED_R14);
HYP_PIN(banked_r14[ARM_BANK_USR], HYP_CPU_BANKED_R14);
HYP_PIN(banked_r14[ARM_BANK_SVC], HYP_CPU_BANKED_R14 + HYP_BANK_SVC_SLOT);
HYP_PIN(fiq_regs, HYP_CPU_FIQ_REGS);
HYP_PIN(vfp.d, HYP_CPU_VFP_D);
HYP_PIN(vfp.fpscr, HYP_CPU_VFP_FPSCR);
HYP_PIN(vfp.fpexc, HYP_CPU_VFP_FPEXC);
HYP_PIN(sys.tpidruro, HYP_CPU_TPIDRURO);
/* hyp_save_guest/hyp_load_guest move these runs with one stm/ldm each */
HYP_PIN(sys.sctlr, HYP_CPU_SCTLR);
HYP_PIN(sys.cpacr, HYP_CPU_SCTLR + 4);
HYP_PIN(sys.csselr, HYP_CPU_SCTLR + 8);
HYP_PIN(sys.ttbr0, HYP_CPU_TTBR0);
HYP_PIN(sys.ttbr1, HYP_CPU_TTBR0 + 8);
HYP_PIN(sys.ttbcr, HYP_CPU_TTBR0 + 16);
HYP_PIN(sys.dacr, HYP_CPU_TTBR0 + 20);
HYP_PIN(sys.dfsr, HYP_CPU_TTBR0 + 24);
HYP_PIN(sys.ifsr, HYP_CPU_TTBR0 + 28);
HYP_PIN(sys.dfar, HYP_CPU_TTBR0 + 32);
HYP_PIN(sys.ifar, HYP_CPU_TTBR0 + 36);
HYP_PIN(sys.par, HYP_CPU_PAR);
HYP_PIN(sys.prrr, HYP_CPU_PAR + 8);
HYP_PIN(sys.nmrr, HYP_CPU_PAR + 12);
HYP_PIN(sys.vbar, HYP_CPU_VBAR);
HYP_PIN(sys.contextidr, HYP_CPU_VBAR + 4);
HYP_PIN(sys.tpidrurw, HYP_CPU_VBAR + 8);
HYP_PIN(sys.tpidrprw, HYP_CPU_TPIDRPRW);
HYP_PIN(sys.cntkctl, HYP_CPU_CNTKCTL);
HYP_PIN(sys.cntv.cval, HYP_CPU_CNTV_CVAL);
HYP_PIN(sys.cntv.ctl, HYP_CPU_CNTV_CVAL + 8);
HYP_PIN(sys.cntvoff, HYP_CPU_CNTVOFF);
#undef HYP_PIN
/* hyp_save_guest/hyp_load_guest store SVC, ABT, UND, IRQ, FIQ with one
 * stm/ldm: QEMU's bank numbers must keep them consecutive. */
_Static_assert(ARM_BANK_SVC == 1 && ARM_BANK_ABT == 2 && ARM_BANK_UND == 3 &&
	       ARM_BANK_IRQ == 4 && ARM_BANK_FIQ == 5, "bank order");
_Static_assert(sizeof(((struct arm_cpu *)0)->fiq_regs) == 20, "r8-r12");
_Static_assert(HYP_EC_FP == HYP_EC_HCPTR, "HSR.EC of a VFP trap");
_Static_assert(sizeof(((struct arm_cpu *)0)->vfp.d) == 256, "d0-d31");
_Static_assert(offsetof(struct hyp_s2, l2) == 0, "l2 table 4 KiB aligned");
_Static_assert(offsetof(struct hyp_s2, dev_l2) % 4096 == 0, "4 KiB aligned");
_Static_assert(offsetof(struct hyp_s2, dev_l3) % 4096 == 0, "4 KiB aligned");
_Static_assert(offsetof(struct hyp_s2, l1) % 32 == 0, "VTTBR alignment");

/* ---- coprocessor register access ---- */

#define CP15_32(name, op1, crn, crm, op2)					\
	static inline uint32_t rd_##name(void)				\
	{								\
		uint32_t v;						\
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", "	\
				 #crm ", " #op2 : "=r"(v));		\
		return v;						\
	}								\
	static inline void wr_##name(uint32_t v)			\
	{								\
		__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", "	\
				 #crm ", " #op2 : : "r"(v) : "memory");	\
	}
#define CP15_64(name, op1, crm)						\
	static inline uint64_t rd_##name(void)				\
	{								\
		uint64_t v;						\
		__asm__ volatile("mrrc p15, " #op1 ", %Q0, %R0, " #crm	\
				 : "=r"(v));				\
		return v;						\
	}								\
	static inline void wr_##name(uint64_t v)			\
	{								\
		__asm__ volatile("mcrr p15, " #op1 ", %Q0, %R0, " #crm	\
				 : : "r"(v) : "memory");		\
	}

/* The guest's PL1 state that C reads or writes (B4.1; in Hyp mode these
 * name the Non-secure copies, the guest's); hyp_entry.S moves the rest. */
CP15_32(sctlr, 0, c1, c0, 0)
CP15_32(ttbcr, 0, c2, c0, 2)
CP15_32(dfsr, 0, c5, c0, 0)
CP15_32(ifsr, 0, c5, c0, 1)
CP15_32(dfar, 0, c6, c0, 0)
CP15_32(ifar, 0, c6, c0, 2)
CP15_32(vbar, 0, c12, c0, 0)
CP15_32(tpidruro, 0, c13, c0, 3)
CP15_32(cntv_ctl, 0, c14, c3, 1)
CP15_32(cntfrq, 0, c14, c0, 0)
CP15_64(cntpct, 0, c14)
CP15_32(pmcr, 0, c9, c12, 0)
CP15_32(midr, 0, c0, c0, 0)     /* in Hyp mode: the host core's own */
CP15_32(csselr, 2, c0, c0, 0)   /* HCR.TID2: tern answers for it */

/* Hyp mode's own (B4.1: VPIDR, VMPIDR, HCR, HDCR, HCPTR, HSTR, VTCR,
 * VTTBR, HSR, HDFAR, HIFAR, HPFAR, HVBAR; B8: CNTHCTL, CNTHP_*, CNTVOFF). */
CP15_32(vpidr, 4, c0, c0, 0)
CP15_32(vmpidr, 4, c0, c0, 5)
CP15_32(hcr, 4, c1, c1, 0)
CP15_32(hdcr, 4, c1, c1, 1)
CP15_32(hstr, 4, c1, c1, 3)
CP15_32(vtcr, 4, c2, c1, 2)
CP15_64(vttbr, 6, c2)
CP15_32(hdfar, 4, c6, c0, 0)
CP15_32(hifar, 4, c6, c0, 2)
CP15_32(hpfar, 4, c6, c0, 4)
CP15_32(hvbar, 4, c12, c0, 0)
CP15_32(cnthctl, 4, c14, c1, 0)
CP15_32(cnthp_ctl, 4, c14, c2, 1)
CP15_64(cnthp_cval, 6, c14)
CP15_64(cntvoff, 4, c14)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb(void)
{
	__asm__ volatile("dsb" ::: "memory");
}

/* ---- set-up ---- */

/* HCR (B4.1.65) while a guest runs: stage 2 on (VM); DCISW made DCCISW
 * (SWIO), so a guest's invalidate by set/way cannot drop another's dirty
 * lines; physical FIQ, IRQ and asynchronous aborts to Hyp mode and the
 * virtual ones to the guest (FMO, IMO, AMO, B1.8.10); WFI and WFE trap
 * (TWI, TWE: a waiting guest yields the core); the ID registers of group
 * 3 trap (TID3: ID_PFR*, ID_DFR0, ID_AFR0, ID_MMFR*, ID_ISAR*, MVFR*,
 * B1.14.5), so that guests see QEMU's cortex-a15 and not the host; SMC
 * traps (TSC: QEMU's PSCI conduit on virt,virtualization=on is SMC, and a
 * guest must not power the machine off; B1.14.7). */
#define HCR_VM   (1u << 0)
#define HCR_SWIO (1u << 1)
#define HCR_FMO  (1u << 3)
#define HCR_IMO  (1u << 4)
#define HCR_AMO  (1u << 5)
#define HCR_VF   (1u << 6)
#define HCR_VI   (1u << 7)
#define HCR_TWI  (1u << 13)
#define HCR_TWE  (1u << 14)
#define HCR_TID1 (1u << 16)
#define HCR_TID2 (1u << 17)
#define HCR_TID3 (1u << 18)
#define HCR_TSC  (1u << 19)
#define HCR_GUEST (HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | \
		   HCR_TWI | HCR_TWE | HCR_TID3 | HCR_TSC)

/* CNTHCTL (B8.2.6 / B4.1, CNTHCTL): PL1PCTEN, the physical counter
 * readable at PL1 (virtual and physical counts agree, CNTVOFF = 0, as on
 * QEMU's virt without EL2); PL1PCEN clear: the physical timer is tern's
 * business, its registers trap. */
#define CNTHCTL_PL1PCTEN 1u

/* VTCR (B4.1.159): T0SZ = 0 (32-bit IPA), SL0 = 1 (lookup starts at
 * level 1), walks inner/outer write-back write-allocate, inner shareable;
 * bit 31 RES1. */
#define VTCR_SL0_L1    (1u << 6)
#define VTCR_IRGN0_WB  (1u << 8)
#define VTCR_ORGN0_WB  (1u << 10)
#define VTCR_SH0_INNER (3u << 12)
#define VTCR_RES1      (1u << 31)

extern const uint32_t hyp_vectors[8];
extern uint32_t hyp_host_tpidruro;

static uint32_t hyp_hcr;    /* what HCR holds */
static uint32_t hyp_hcr_guest = HCR_GUEST;  /* HCR while a guest runs */

void hyp_init(uint32_t midr, uint32_t mpidr)
{
	uint32_t pmcr_n = (rd_pmcr() >> 11) & 0x1f;

	wr_hvbar((uint32_t)(uintptr_t)hyp_vectors);
	hyp_hcr = 0;
	wr_hcr(0);
	wr_hstr(0);              /* no cp15 primary register traps */
	wr_hdcr(pmcr_n);         /* HPMN: every PMU counter the guest's */
	wr_cnthctl(CNTHCTL_PL1PCTEN);
	wr_cnthp_ctl(0);
	wr_cntvoff(0);
	wr_vtcr(VTCR_RES1 | VTCR_SH0_INNER | VTCR_ORGN0_WB | VTCR_IRGN0_WB |
		VTCR_SL0_L1);
	wr_vpidr(midr);
	wr_vmpidr(mpidr);
	/* A host core other than the one guests see (raspi2b's cortex-a7)
	 * has other caches and implementation registers: those trap too
	 * (B1.14.5: TID2 for CTR, CCSIDR, CLIDR, CSSELR; TID1 for TCMTR,
	 * TLBTR, REVIDR, AIDR). */
	hyp_hcr_guest = HCR_GUEST;
	if (rd_midr() != midr)
		hyp_hcr_guest |= HCR_TID1 | HCR_TID2;
	hyp_host_tpidruro = rd_tpidruro();
	isb();
}

/* ---- stage 2 ---- */

/* Stage-2 block and table entries (B3.6.1, B3.6.2 "stage 2 attributes"):
 * MemAttr[3:0] = 0b1111, Normal outer and inner write-back; S2AP = 0b11,
 * read/write; SH inner shareable; AF set. */
#define S2_BLOCK       0x1ull
#define S2_TABLE       0x3ull
#define S2_MEMATTR_WB  (0xfull << 2)
#define S2_S2AP_RW     (3ull << 6)
#define S2_SH_INNER    (3ull << 8)
#define S2_AF          (1ull << 10)
#define S2_GIB         0x40000000u
#define S2_BLOCK_SIZE  0x200000u
/* Level-3 page (B3.6.1); MemAttr 0b0001: Device memory (B3.6.2, stage 2
 * memory region attributes); XN (bit 54). */
#define S2_PAGE        0x3ull
#define S2_MEMATTR_DEV (0x1ull << 2)
#define S2_XN          (1ull << 54)
#define S2_PAGE_SIZE   0x1000u

void hyp_s2_init(struct hyp_s2 *s2, uint32_t ipa, uint32_t pa, uint32_t size)
{
	uint32_t off;

	memset(s2, 0, sizeof(*s2));
	s2->l1[1] = (uint32_t)(uintptr_t)s2->l2 | S2_TABLE;
	for (off = 0; off < size; off += S2_BLOCK_SIZE) {
		uint32_t i = (ipa + off - S2_GIB) / S2_BLOCK_SIZE;

		if (i >= 512)
			break;
		s2->l2[i] = (uint64_t)(pa + off) | S2_BLOCK | S2_MEMATTR_WB |
			    S2_S2AP_RW | S2_SH_INNER | S2_AF;
	}
	dsb();   /* tables in memory before a walk can read them */
}

void hyp_s2_map_device(struct hyp_s2 *s2, uint32_t ipa, uint32_t pa,
		       uint32_t size)
{
	uint32_t block = ipa / S2_BLOCK_SIZE, off;

	if (ipa >= S2_GIB)
		return;
	s2->l1[0] = (uint32_t)(uintptr_t)s2->dev_l2 | S2_TABLE;
	s2->dev_l2[block] = (uint32_t)(uintptr_t)s2->dev_l3 | S2_TABLE;
	for (off = 0; off < size; off += S2_PAGE_SIZE) {
		uint32_t i = (ipa + off) / S2_PAGE_SIZE % 512u;

		if ((ipa + off) / S2_BLOCK_SIZE != block)
			break;
		s2->dev_l3[i] = (uint64_t)(pa + off) | S2_PAGE | S2_MEMATTR_DEV |
				S2_S2AP_RW | S2_AF | S2_XN;
	}
	dsb();
}

uint64_t hyp_s2_vttbr(const struct hyp_s2 *s2, unsigned vmid)
{
	return (uint64_t)(uint32_t)(uintptr_t)s2->l1 |
	       (uint64_t)(vmid & 0xff) << 48;
}

void hyp_s2_flush_tlb(void)
{
	/* TLBIALLNSNH (B4.2.2): every Non-secure non-Hyp entry. */
	dsb();
	__asm__ volatile("mcr p15, 4, %0, c8, c7, 4" : : "r"(0) : "memory");
	dsb();
	isb();
}

void hyp_sync_guest_ram(uintptr_t pa, uint32_t size)
{
	uint32_t ctr, line;
	uintptr_t a, end = pa + size;

	/* CTR.DminLine (B4.1.42): log2 of the smallest line, in words. */
	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(ctr));
	line = 4u << ((ctr >> 16) & 0xfu);
	dsb();
	for (a = pa & ~(uintptr_t)(line - 1); a < end; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1"   /* DCCMVAC */
				 : : "r"(a) : "memory");
	dsb();
	/* ICIALLU, BPIALL */
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n\t"
			 "mcr p15, 0, %0, c7, c5, 6" : : "r"(0) : "memory");
	dsb();
	isb();
}

/* ---- the world switch: cp15, timer, banked registers ---- */

/* hyp_entry.S: the banked registers, the cp15 state and the virtual
 * timer of struct arm_cpu's layer 2, out of and into the hardware. */
void hyp_save_guest(struct arm_cpu *cpu);
void hyp_load_guest(const struct arm_cpu *cpu);

/* arm_mode_bank() + 1 for the modes a guest can be in, 0 for the others
 * (Hyp, Monitor, reserved), by CPSR.M. */
static const uint8_t hyp_bank1[32] = {
	[ARM_MODE_USR] = ARM_BANK_USR + 1, [ARM_MODE_FIQ] = ARM_BANK_FIQ + 1,
	[ARM_MODE_IRQ] = ARM_BANK_IRQ + 1, [ARM_MODE_SVC] = ARM_BANK_SVC + 1,
	[ARM_MODE_ABT] = ARM_BANK_ABT + 1, [ARM_MODE_UND] = ARM_BANK_UND + 1,
	[ARM_MODE_SYS] = ARM_BANK_USR + 1,
};

bool hyp_vcpu_bank(struct arm_cpu *cpu)
{
	uint32_t mode = cpu->cpsr_rest & ARM_CPSR_M;
	unsigned bank = hyp_bank1[mode];

	if (!bank)
		return false;
	bank--;
	cpu->banked_r13[bank] = cpu->regs[13];
	cpu->banked_r14[bank] = cpu->regs[14];
	if (bank != ARM_BANK_USR)
		cpu->banked_spsr[bank] = cpu->spsr;
	if (mode == ARM_MODE_FIQ) {
		memcpy(cpu->fiq_regs, &cpu->regs[8], sizeof(cpu->fiq_regs));
		memcpy(&cpu->regs[8], cpu->usr_regs, sizeof(cpu->usr_regs));
	}
	return true;
}

void hyp_vcpu_unbank(struct arm_cpu *cpu)
{
	uint32_t mode = cpu->cpsr_rest & ARM_CPSR_M;
	unsigned bank = hyp_bank1[mode];

	if (!bank)              /* never banked: hyp_vcpu_bank refused it */
		return;
	bank--;
	if (mode == ARM_MODE_FIQ) {
		memcpy(cpu->usr_regs, &cpu->regs[8], sizeof(cpu->usr_regs));
		memcpy(&cpu->regs[8], cpu->fiq_regs, sizeof(cpu->fiq_regs));
	}
	cpu->regs[13] = cpu->banked_r13[bank];
	cpu->regs[14] = cpu->banked_r14[bank];
	if (bank != ARM_BANK_USR)
		cpu->spsr = cpu->banked_spsr[bank];
}

/* out of line under -flto: make bench-hyp's log names its cost */
__attribute__((noinline)) void hyp_vcpu_load(const struct arm_cpu *cpu, uint64_t vttbr)
{
	/* banked registers; SCTLR .. TPIDRPRW but TPIDRURO (hyp_enter's, at
	 * every entry); CNTKCTL, CNTVOFF, CNTV_CVAL, CNTV_CTL */
	hyp_load_guest(cpu);
	wr_vttbr(vttbr);
	hyp_hcr = hyp_hcr_guest;
	wr_hcr(hyp_hcr);
	isb();
}

/* out of line under -flto: make bench-hyp's log names its cost */
__attribute__((noinline)) void hyp_vcpu_put(struct arm_cpu *cpu)
{
	/* what hyp_load_guest loads but CNTVOFF (tern's to set, never the
	 * guest's), then its virtual timer off: it must not fire for
	 * whoever runs next */
	hyp_save_guest(cpu);
	wr_cntv_ctl(0);
	/* no ISB: HCR.VI/VF act on the guest only, and the ERET into the
	 * next one synchronizes the change (ARM ARM B3.15.5) */
	hyp_hcr &= ~(HCR_VI | HCR_VF);
	wr_hcr(hyp_hcr);
}

uint32_t hyp_csselr(void)
{
	return rd_csselr();
}

void hyp_set_csselr(uint32_t v)
{
	wr_csselr(v);
}

void hyp_set_virq(bool irq, bool fiq)
{
	uint32_t hcr = (hyp_hcr & ~(HCR_VI | HCR_VF)) |
		       (irq ? HCR_VI : 0) | (fiq ? HCR_VF : 0);

	if (hcr != hyp_hcr) {
		hyp_hcr = hcr;
		wr_hcr(hcr);   /* ERET, at the entry, synchronizes it */
	}
}

/* ---- decoding what the guest did ---- */

/* ISS of a data abort (B3.13.6): ISV [24], SAS [23:22], SSE [21], SRT
 * [19:16], EA [9], CM [8], S1PTW [7], WnR [6], DFSC [5:0]. */
void hyp_decode_dabt(uint32_t hsr, struct hyp_dabt *d)
{
	uint32_t iss = HYP_HSR_ISS(hsr);

	d->va = rd_hdfar();
	d->isv = (iss >> 24) & 1u;
	d->size = 1u << ((iss >> 22) & 3u);
	d->sign = (iss >> 21) & 1u;
	d->rt = (iss >> 16) & 0xfu;
	d->cm = (iss >> 8) & 1u;
	d->s1ptw = (iss >> 7) & 1u;
	d->write = (iss >> 6) & 1u;
	d->dfsc = iss & 0x3fu;
	/* HPFAR holds the IPA of a stage-2 translation, access flag or
	 * permission fault (DFSC 0b0001LL, 0b0010LL, 0b0011LL; B4.1.82). */
	d->ipa_valid = (d->dfsc & 0x3cu) >= 0x04u && (d->dfsc & 0x3cu) <= 0x0cu;
	d->ipa = d->ipa_valid ? (rd_hpfar() & 0xfffffff0u) << 8 | (d->va & 0xfffu)
			      : 0;
}

uint32_t hyp_pabt_va(void)
{
	return rd_hifar();
}

/* ConditionPassed() on the guest's flags (A8.3, table A8-1). */
static bool cond_holds(const struct arm_cpu *cpu, unsigned cond)
{
	bool n = cpu->nf >> 31, z = cpu->zf == 0, c = cpu->cf & 1u,
	     v = cpu->vf >> 31, r;

	switch (cond >> 1) {
	case 0: r = z; break;
	case 1: r = c; break;
	case 2: r = n; break;
	case 3: r = v; break;
	case 4: r = c && !z; break;
	case 5: r = n == v; break;
	case 6: r = !z && n == v; break;
	default: return true;      /* AL, and 0b1111 */
	}
	return (cond & 1u) ? !r : r;
}

bool hyp_cond_passed(const struct arm_cpu *cpu, uint32_t hsr)
{
	/* ISS for WFI/WFE, MCR/MRC, ...: CV [24], COND [23:20]. */
	if (!(hsr & (1u << 24)))
		return true;
	return cond_holds(cpu, (hsr >> 20) & 0xfu);
}

#define CPSR_T   (1u << 5)
#define CPSR_F   (1u << 6)
#define CPSR_I   (1u << 7)
#define CPSR_A   (1u << 8)
#define CPSR_E   (1u << 9)
#define CPSR_J   (1u << 24)
#define CPSR_IT_LO (3u << 25)    /* IT[1:0] */
#define CPSR_IT_HI (0x3fu << 10) /* IT[7:2] */

void hyp_skip_insn(struct arm_cpu *cpu, uint32_t hsr)
{
	uint32_t rest = cpu->cpsr_rest, it;

	cpu->regs[15] += (hsr & HYP_HSR_IL) ? 4u : 2u;
	if (!(rest & CPSR_T))
		return;
	it = ((rest >> 25) & 3u) | ((rest >> 8) & 0xfcu);
	if (!it)
		return;
	if ((it & 7u) == 0)
		it = 0;
	else
		it = (it & 0xe0u) | ((it << 1) & 0x1fu);
	rest &= ~(CPSR_IT_LO | CPSR_IT_HI);
	rest |= (it & 3u) << 25 | (it >> 2) << 10;
	cpu->cpsr_rest = rest;
}

/* Banked registers by mode, named at assembly time (B9.3.9, B9.3.12). */
#define BANKED_RD(reg) ({ uint32_t v_; \
	__asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define BANKED_WR(reg, v) \
	__asm__ volatile("msr " #reg ", %0" : : "r"(v) : "memory")

static uint32_t banked_get(uint32_t mode, unsigned n)
{
	if (n >= 8 && n <= 12) {     /* FIQ mode's r8-r12 */
		switch (n) {
		case 8: return BANKED_RD(r8_fiq);
		case 9: return BANKED_RD(r9_fiq);
		case 10: return BANKED_RD(r10_fiq);
		case 11: return BANKED_RD(r11_fiq);
		default: return BANKED_RD(r12_fiq);
		}
	}
	switch (mode) {
	case ARM_MODE_SVC: return n == 13 ? BANKED_RD(sp_svc) : BANKED_RD(lr_svc);
	case ARM_MODE_ABT: return n == 13 ? BANKED_RD(sp_abt) : BANKED_RD(lr_abt);
	case ARM_MODE_UND: return n == 13 ? BANKED_RD(sp_und) : BANKED_RD(lr_und);
	case ARM_MODE_IRQ: return n == 13 ? BANKED_RD(sp_irq) : BANKED_RD(lr_irq);
	case ARM_MODE_FIQ: return n == 13 ? BANKED_RD(sp_fiq) : BANKED_RD(lr_fiq);
	default:           return BANKED_RD(sp_usr);   /* n == 13 */
	}
}

static void banked_set(uint32_t mode, unsigned n, uint32_t v)
{
	if (n >= 8 && n <= 12) {
		switch (n) {
		case 8: BANKED_WR(r8_fiq, v); return;
		case 9: BANKED_WR(r9_fiq, v); return;
		case 10: BANKED_WR(r10_fiq, v); return;
		case 11: BANKED_WR(r11_fiq, v); return;
		default: BANKED_WR(r12_fiq, v); return;
		}
	}
	switch (mode) {
	case ARM_MODE_SVC:
		if (n == 13) BANKED_WR(sp_svc, v); else BANKED_WR(lr_svc, v);
		return;
	case ARM_MODE_ABT:
		if (n == 13) BANKED_WR(sp_abt, v); else BANKED_WR(lr_abt, v);
		return;
	case ARM_MODE_UND:
		if (n == 13) BANKED_WR(sp_und, v); else BANKED_WR(lr_und, v);
		return;
	case ARM_MODE_IRQ:
		if (n == 13) BANKED_WR(sp_irq, v); else BANKED_WR(lr_irq, v);
		return;
	case ARM_MODE_FIQ:
		if (n == 13) BANKED_WR(sp_fiq, v); else BANKED_WR(lr_fiq, v);
		return;
	default:
		BANKED_WR(sp_usr, v);
		return;
	}
}

/* Where register n of the loaded guest's current mode is: regs[] (r0-r7,
 * r8-r12 outside FIQ mode, LR_usr in banked_r14[USR]) or a banked
 * hardware register. */
static bool in_hw(uint32_t mode, unsigned n)
{
	if (n < 8)
		return false;
	if (n <= 12)
		return mode == ARM_MODE_FIQ;
	if (n == 14)
		return mode != ARM_MODE_USR && mode != ARM_MODE_SYS;
	return n == 13;
}

uint32_t hyp_reg_get(const struct arm_cpu *cpu, unsigned n)
{
	uint32_t mode = cpu->cpsr_rest & ARM_CPSR_M;

	n &= 15u;
	if (n == 15)
		return cpu->regs[15] + ((cpu->cpsr_rest & CPSR_T) ? 4u : 8u);
	if (n == 14 && !in_hw(mode, n))
		return cpu->banked_r14[ARM_BANK_USR];
	if (in_hw(mode, n))
		return banked_get(mode, n);
	return cpu->regs[n];
}

void hyp_reg_set(struct arm_cpu *cpu, unsigned n, uint32_t v)
{
	uint32_t mode = cpu->cpsr_rest & ARM_CPSR_M;

	n &= 15u;
	if (n == 15)
		cpu->regs[15] = v & ~1u;
	else if (n == 14 && !in_hw(mode, n))
		cpu->banked_r14[ARM_BANK_USR] = v;
	else if (in_hw(mode, n))
		banked_set(mode, n, v);
	else
		cpu->regs[n] = v;
}

/* ---- exception injection (B1.9: exception entry) ---- */

#define SCTLR_V  (1u << 13)
#define SCTLR_EE (1u << 25)
#define SCTLR_TE (1u << 30)

/*
 * Enter `mode` (ABT or UND) at vector offset `vec`, as TakeDataAbort-
 * Exception() and friends do (B1.9.3 and on): SPSR_<mode> = CPSR,
 * LR_<mode> = `lr`; CPSR.M = mode, I set (A too for aborts), IT and J
 * cleared, T from SCTLR.TE, E from SCTLR.EE; PC at the vector (VBAR, or
 * 0xffff0000 with SCTLR.V). The Security Extensions' rules about F and A
 * in Non-secure state do not apply: tern keeps no SCR.FW/AW-masked bits
 * from the guest's point of view.
 */
static void inject(struct arm_cpu *cpu, uint32_t mode, uint32_t vec,
		   uint32_t lr, uint32_t mask)
{
	uint32_t cpsr = arm_cpsr_read(cpu), sctlr = rd_sctlr(), rest;

	if (mode == ARM_MODE_ABT) {
		BANKED_WR(spsr_abt, cpsr);
		BANKED_WR(lr_abt, lr);
	} else {
		BANKED_WR(spsr_und, cpsr);
		BANKED_WR(lr_und, lr);
	}
	rest = cpu->cpsr_rest & ~(ARM_CPSR_M | CPSR_T | CPSR_E | CPSR_J |
				  CPSR_IT_LO | CPSR_IT_HI);
	rest |= mode | mask;
	if (sctlr & SCTLR_TE)
		rest |= CPSR_T;
	if (sctlr & SCTLR_EE)
		rest |= CPSR_E;
	cpu->cpsr_rest = rest;
	cpu->regs[15] = ((sctlr & SCTLR_V) ? 0xffff0000u : rd_vbar()) + vec;
}

/* The fault status of a synchronous external abort (B3.13.3, DFSR and
 * IFSR): long-descriptor status 0b010000 with the LPAE bit (9) when the
 * guest uses TTBCR.EAE, else the short-descriptor FS 0b01000. ExT (12)
 * stays 0: QEMU reports a decode error there (target/arm,
 * arm_extabort_type). */
static uint32_t ext_abort_fsr(void)
{
	return (rd_ttbcr() >> 31) ? (1u << 9 | 0x10u) : 0x08u;
}

void hyp_inject_dabt(struct arm_cpu *cpu, uint32_t va, bool write)
{
	wr_dfsr(ext_abort_fsr() | (write ? 1u << 11 : 0));
	wr_dfar(va);
	/* LR_abt: the aborted instruction + 8, ARM or Thumb (B1.9.8). */
	inject(cpu, ARM_MODE_ABT, 0x10, cpu->regs[15] + 8, CPSR_A | CPSR_I);
}

void hyp_inject_pabt(struct arm_cpu *cpu, uint32_t va)
{
	wr_ifsr(ext_abort_fsr());
	wr_ifar(va);
	/* LR_abt: the instruction + 4 (B1.9.7). */
	inject(cpu, ARM_MODE_ABT, 0x0c, cpu->regs[15] + 4, CPSR_A | CPSR_I);
}

void hyp_inject_undef(struct arm_cpu *cpu, uint32_t hsr)
{
	/* LR_und: the instruction + 4 in ARM state, + 2 in Thumb state
	 * (B1.9.6, table B1-7; QEMU does the same for 32-bit Thumb). */
	uint32_t off = (cpu->cpsr_rest & CPSR_T) ? 2u : 4u;

	(void)hsr;
	inject(cpu, ARM_MODE_UND, 0x04, cpu->regs[15] + off, CPSR_I);
}

/* ---- timers ---- */

uint32_t hyp_counter_hz(void)
{
	return rd_cntfrq();
}

/* out of line under -flto: make bench-hyp's log names its cost */
__attribute__((noinline)) void hyp_htimer_off(void)
{
	wr_cnthp_ctl(0);
	isb();
}

uint32_t hyp_vtimer_ctl(void)
{
	return rd_cntv_ctl();
}

bool hyp_vtimer_level(const struct arm_sysregs *s, uint64_t now)
{
	if ((s->cntv.ctl & 3u) != 1u)     /* ENABLE set, IMASK clear */
		return false;
	return now - s->cntvoff >= s->cntv.cval;
}
