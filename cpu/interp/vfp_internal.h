/*
 * Shared by the VFP and Advanced SIMD handlers: extension register access
 * (S, D and Q views of struct arm_vfp) and the access checks.
 */
#ifndef TERN_CPU_INTERP_VFP_INTERNAL_H
#define TERN_CPU_INTERP_VFP_INTERNAL_H

#include "cpu/interp/a32.h"
#include "cpu/interp/vfp_fp.h"

#define FPEXC_EN (1u << 30)

/* Cortex-A15 VFP identification, as cpu/arm_cpu_vmstate.c. */
#define VFP_FPSID 0x410430f0u
#define VFP_MVFR0 0x10110222u
#define VFP_MVFR1 0x11111111u

/* S<n> is half of D<n/2>: S(2k) the low word (A2.6.1). */
static inline uint32_t vfp_s(const struct arm_cpu *c, unsigned n)
{
	return (uint32_t)(c->vfp.d[n >> 1] >> ((n & 1) * 32));
}

static inline void vfp_set_s(struct arm_cpu *c, unsigned n, uint32_t v)
{
	unsigned sh = (n & 1) * 32;
	uint64_t *p = &c->vfp.d[n >> 1];
	*p = (*p & ~(0xffffffffull << sh)) | (uint64_t)v << sh;
}

/*
 * CPACR.cp10 (ARM ARM B4.1.40: 00 no access, 01 PL1 only, 11 full) and
 * FPEXC.EN (B6.1.3): otherwise VFP and Advanced SIMD are UNDEFINED. cp11
 * must equal cp10 (else UNPREDICTABLE), so cp10 decides, as in QEMU.
 */
static inline bool vfp_cp_access(const struct interp *ip)
{
	unsigned cp10 = ip->cpu->sys.cpacr >> 20 & 3;
	return cp10 == 3 || (cp10 == 1 && interp_privileged(ip));
}

static inline bool vfp_enabled(const struct interp *ip)
{
	return (ip->cpu->vfp.fpexc & FPEXC_EN) && vfp_cp_access(ip);
}

/* VFP data processing also requires FPSCR.LEN/STRIDE zero: the A15 has
 * no short vectors (MVFR0.ShortVectors = 0), so QEMU UNDEFs. */
static inline bool vfp_dp_enabled(const struct interp *ip)
{
	return vfp_enabled(ip) && !(ip->cpu->vfp.fpscr & FPSCR_LEN_STRIDE);
}

/*
 * Word-aligned accesses (MemA): an unaligned address is an alignment
 * fault whatever SCTLR.A says (ARM ARM A3.2.1). The fault status is
 * recorded here as memory.c does it (DFSR FS = 0b00001, WnR in bit 11).
 */
static inline bool vfp_load32(struct interp *ip, uint32_t va, uint32_t *v)
{
	if (va & 3) {
		ip->cpu->sys.dfsr = 1;
		ip->cpu->sys.dfar = va;
		return false;
	}
	return interp_load(ip, va, 4, v);
}

static inline bool vfp_store32(struct interp *ip, uint32_t va, uint32_t v)
{
	if (va & 3) {
		ip->cpu->sys.dfsr = 1 | 1u << 11;
		ip->cpu->sys.dfar = va;
		return false;
	}
	return interp_store(ip, va, 4, v);
}

/* Core register read: the PC reads as the instruction's address + 8/+4. */
static inline uint32_t vfp_core_reg(struct interp *ip, const struct interp_insn *in,
				    unsigned r)
{
	return r == 15 ? interp_pc_read(ip, in) : ip->cpu->regs[r];
}

#endif
