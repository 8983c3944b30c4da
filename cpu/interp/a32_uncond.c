/*
 * A32 unconditional instructions (ARM ARM A5.7): CPS, SETEND, memory
 * hints (PLD, PLDW, PLI), barriers, CLREX, SRS, RFE, BLX (immediate).
 * The coprocessor forms of this space (MCR2 ...) are in the cp tables.
 */
#include "cpu/interp/alu_ops.h"

/* DMB/DSB/ISB (A8.8.43, A8.8.44, A8.8.54): the interpreter performs
 * accesses in order, and stores into predecoded code already invalidate
 * it, so a barrier has nothing to wait for. */

/* SRS (B9.3.16): store LR and SPSR of the current mode on the stack of
 * mode imm (bits 4:0); flags bit 0 = U, 1 = P, 2 = W. */
static uint32_t *banked_sp(struct arm_cpu *c, uint32_t mode)
{
	if (mode == (c->cpsr_rest & ARM_CPSR_M) ||
	    arm_mode_bank(mode) == arm_mode_bank(c->cpsr_rest & ARM_CPSR_M))
		return &c->regs[13];
	return &c->banked_r13[arm_mode_bank(mode)];
}

/* Start address of the two-word block for P/U (A8.5 addressing modes). */
static inline uint32_t block_start(uint32_t base, unsigned flags)
{
	switch (flags & 3) {
	case 0: return base - 4;  /* DA */
	case 1: return base;      /* IA */
	case 2: return base - 8;  /* DB */
	default: return base + 4; /* IB */
	}
}

static const struct interp_insn *srs(struct interp *ip, const struct interp_insn *in)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t cur = c->cpsr_rest & ARM_CPSR_M;
	uint32_t mode = in->imm & ARM_CPSR_M;
	/* UNPREDICTABLE in User/System mode and for an invalid mode: QEMU
	 * makes them UNDEFINED. */
	if (cur == ARM_MODE_USR || cur == ARM_MODE_SYS || !arm_mode_valid(mode) ||
	    mode == ARM_MODE_USR || mode == ARM_MODE_HYP || mode == ARM_MODE_MON)
		return interp_undef(ip, in);
	uint32_t *sp = banked_sp(c, mode);
	uint32_t addr = block_start(*sp, in->flags);
	if (!interp_store(ip, addr, 4, c->regs[14]) ||
	    !interp_store(ip, addr + 4, 4, c->spsr))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	if (in->flags & 4)
		*sp = (in->flags & 1) ? *sp + 8 : *sp - 8;
	return interp_next(in);
}

/* RFE (B9.3.13): load PC and CPSR from [Rn]. */
static const struct interp_insn *rfe(struct interp *ip, const struct interp_insn *in)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t base = c->regs[in->rn], pc, cpsr;
	uint32_t addr = block_start(base, in->flags);
	if (!interp_privileged(ip))
		return interp_undef(ip, in);
	if (!interp_load(ip, addr, 4, &pc) || !interp_load(ip, addr + 4, 4, &cpsr))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	if (in->flags & 4)
		c->regs[in->rn] = (in->flags & 1) ? base + 8 : base - 8;
	return alu_exception_return(ip, in, pc, cpsr);
}

/* ---- decoders ---- */

static bool decode_cps(struct interp_insn *in, uint32_t raw)
{
	unsigned imod = raw >> 18 & 3;
	bool m = raw >> 17 & 1;
	if (imod == 1 || (imod == 0 && !m))
		return false;
	/* imm: mode, bit 5 change mode, A I F at 8 7 6, bit 9 disable, 10 enable */
	in->imm = (raw & 31) | (m ? 1u << 5 : 0) | (raw & 0x1c0) |
		  (imod == 3 ? 1u << 9 : 0) | (imod == 2 ? 1u << 10 : 0);
	in->exec = alu_cps;
	return true;
}

/* SETEND (A8.8.159): big-endian data is not supported: SETEND BE is
 * UNDEFINED, SETEND LE a NOP. */
static bool decode_setend(struct interp_insn *in, uint32_t raw)
{
	in->exec = (raw & 0x200) ? interp_exec_undef : alu_nop;
	return true;
}

static bool decode_nop(struct interp_insn *in, uint32_t raw)
{
	in->exec = alu_nop;
	return true;
}

static bool decode_barrier(struct interp_insn *in, uint32_t raw)
{
	switch (raw >> 4 & 15) {
	case 1: in->exec = alu_clrex; return true;
	case 4: case 5: case 6: in->exec = alu_nop; return true; /* DSB DMB ISB */
	}
	return false;
}

static bool decode_srs(struct interp_insn *in, uint32_t raw)
{
	in->imm = raw & 31;
	/* flags: bit 0 U, bit 1 P (block_start's P:U order), bit 2 W */
	in->flags = (uint8_t)((raw >> 24 & 1) << 1 | (raw >> 23 & 1) | (raw >> 21 & 1) << 2);
	in->exec = srs;
	return true;
}

static bool decode_rfe(struct interp_insn *in, uint32_t raw)
{
	in->rn = raw >> 16 & 15;
	if (in->rn == 15)
		return false;
	in->flags = (uint8_t)((raw >> 24 & 1) << 1 | (raw >> 23 & 1) | (raw >> 21 & 1) << 2);
	in->exec = rfe;
	return true;
}

static bool decode_blx_imm(struct interp_insn *in, uint32_t raw)
{
	in->imm = (uint32_t)((int32_t)(raw << 8) >> 6) | (raw >> 23 & 2);
	in->exec = alu_blx_imm;
	return true;
}

const struct interp_pattern a32_uncond_patterns[] = {
	{ 0xfff10020, 0xf1000000, "cps", decode_cps },
	{ 0xfffffdff, 0xf1010000, "setend", decode_setend },
	{ 0xfc30f000, 0xf410f000, "pld/pldw/pli", decode_nop },
	{ 0xffffff00, 0xf57ff000, "clrex/dsb/dmb/isb", decode_barrier },
	{ 0xfe5fffe0, 0xf84d0500, "srs", decode_srs },
	{ 0xfe50ffff, 0xf8100a00, "rfe", decode_rfe },
	{ 0xfe000000, 0xfa000000, "blx (immediate)", decode_blx_imm },
};
const unsigned a32_uncond_npatterns = sizeof(a32_uncond_patterns) / sizeof(a32_uncond_patterns[0]);
