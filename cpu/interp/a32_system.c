/*
 * A32 miscellaneous instructions (ARM ARM A5.2.12: MRS, MSR, BX, BXJ,
 * BLX register, CLZ, saturating add/subtract, BKPT, HVC), MSR (immediate)
 * and hints (A5.2.11). The handlers are shared with T32.
 *
 * Slot fields: rd, rn, rm; MSR: flags = the mask field (bit 0 c, 1 x,
 * 2 s, 3 f), imm = the immediate value; CPS: see alu_ops.h.
 */
#include "cpu/interp/alu_ops.h"

#define CPSR_F (1u << 6)
#define CPSR_I (1u << 7)
#define CPSR_A (1u << 8)
/* Execution state bits (T, IT, J) read as zero (B9.3.9 MRS). */
#define CPSR_EXEC 0x0700fc20u

/* ---- MRS / MSR (B9.3.9 - B9.3.12) ---- */

static inline uint32_t msr_mask(unsigned field)
{
	return ((field & 1) ? 0x000000ffu : 0) | ((field & 2) ? 0x0000ff00u : 0) |
	       ((field & 4) ? 0x00ff0000u : 0) | ((field & 8) ? 0xff000000u : 0);
}

const struct interp_insn *alu_mrs_cpsr(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->regs[in->rd] = arm_cpsr_read(ip->cpu) & ~CPSR_EXEC;
	return interp_next(in);
}

/* SPSR accesses in User and System mode are UNPREDICTABLE; QEMU makes
 * them UNDEFINED in User mode. */
const struct interp_insn *alu_mrs_spsr(struct interp *ip, const struct interp_insn *in)
{
	if (!interp_privileged(ip))
		return interp_undef(ip, in);
	ip->cpu->regs[in->rd] = ip->cpu->spsr;
	return interp_next(in);
}

const struct interp_insn *alu_msr_cpsr_reg(struct interp *ip, const struct interp_insn *in)
{
	a32_cpsr_write(ip, ip->cpu->regs[in->rn], msr_mask(in->flags));
	return interp_next(in);
}

const struct interp_insn *alu_msr_cpsr_imm(struct interp *ip, const struct interp_insn *in)
{
	a32_cpsr_write(ip, in->imm, msr_mask(in->flags));
	return interp_next(in);
}

static const struct interp_insn *spsr_write(struct interp *ip,
					    const struct interp_insn *in,
					    uint32_t v)
{
	if (!interp_privileged(ip))
		return interp_undef(ip, in);
	uint32_t mask = msr_mask(in->flags);
	ip->cpu->spsr = (ip->cpu->spsr & ~mask) | (v & mask);
	return interp_next(in);
}

const struct interp_insn *alu_msr_spsr_reg(struct interp *ip, const struct interp_insn *in)
{
	return spsr_write(ip, in, ip->cpu->regs[in->rn]);
}

const struct interp_insn *alu_msr_spsr_imm(struct interp *ip, const struct interp_insn *in)
{
	return spsr_write(ip, in, in->imm);
}

/* CPS (B9.3.2): a NOP in User mode. */
const struct interp_insn *alu_cps(struct interp *ip, const struct interp_insn *in)
{
	struct arm_cpu *c = ip->cpu;
	if (!interp_privileged(ip))
		return interp_next(in);
	uint32_t bits = (in->imm >> 6 & 7) << 6; /* F, I, A in CPSR order */
	if (in->imm & (1u << 9))
		c->cpsr_rest |= bits;
	else if (in->imm & (1u << 10))
		c->cpsr_rest &= ~bits;
	if ((in->imm & (1u << 5)) && arm_mode_valid(in->imm & ARM_CPSR_M))
		arm_cpu_switch_mode(c, in->imm & ARM_CPSR_M);
	interp_priv_changed(ip);
	interp_request_exit(ip); /* masks changed */
	return interp_next(in);
}

/* Exception return with an explicit CPSR (RFE, B9.3.13): UNDEFINED in
 * User mode (UNPREDICTABLE, as QEMU); a return to a mode the guest cannot
 * have (Hyp, Monitor, reserved) keeps the current mode, as QEMU's
 * bad_mode_switch does. */
const struct interp_insn *alu_exception_return(struct interp *ip,
					       const struct interp_insn *in,
					       uint32_t pc, uint32_t cpsr)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t mode = cpsr & ARM_CPSR_M;
	if (!interp_privileged(ip))
		return interp_undef(ip, in);
	if (!arm_mode_valid(mode) || mode == ARM_MODE_HYP || mode == ARM_MODE_MON)
		cpsr = (cpsr & ~ARM_CPSR_M) | interp_mode(ip);
	arm_cpu_switch_mode(c, cpsr & ARM_CPSR_M);
	arm_cpsr_write(c, cpsr);
	interp_priv_changed(ip);
	interp_request_exit(ip);
	return interp_jump(ip, pc);
}

/* ---- hints (A8.8.104 NOP, A8.8.424 WFI, A8.8.423 WFE, A8.8.426 YIELD) ---- */

const struct interp_insn *alu_nop(struct interp *ip, const struct interp_insn *in)
{
	return interp_next(in);
}

/* WFI: a pending interrupt wakes the core even when CPSR.I/F mask it
 * (B1.8.13), so only leave when nothing is pending. */
const struct interp_insn *alu_wfi(struct interp *ip, const struct interp_insn *in)
{
	if (ip->irq_line || ip->fiq_line)
		return interp_next(in);
	return interp_leave(ip, interp_next(in), INTERP_EXIT_WFI);
}

/* BKPT (A8.8.24): with no debugger attached QEMU takes a prefetch abort
 * with IFSR = debug event (FS 0b00010) and IFAR = 0 (UNKNOWN there). */
const struct interp_insn *alu_bkpt(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->sys.ifsr = 0x2;
	ip->cpu->sys.ifar = 0;
	return interp_exception(ip, in, INTERP_EXC_PABT);
}

/* HVC (B9.3.4): tern handles it (PSCI), as QEMU's PSCI conduit does.
 * UNDEFINED in User mode. */
const struct interp_insn *alu_hvc(struct interp *ip, const struct interp_insn *in)
{
	if (!interp_privileged(ip))
		return interp_undef(ip, in);
	ip->hvc_imm = (uint16_t)in->imm;
	return interp_leave(ip, interp_next(in), INTERP_EXIT_HVC);
}

/* CLREX (A8.8.32): the local monitor goes to Open Access. */
const struct interp_insn *alu_clrex(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->exclusive_addr = UINT64_MAX;
	return interp_next(in);
}

/* ---- CLZ, saturating add/subtract (A8.8.33, A8.8.134 ...) ---- */

const struct interp_insn *alu_clz(struct interp *ip, const struct interp_insn *in)
{
	uint32_t v = ip->cpu->regs[in->rm];
	ip->cpu->regs[in->rd] = v ? (uint32_t)__builtin_clz(v) : 32;
	return interp_next(in);
}

static inline uint32_t qsat(struct arm_cpu *c, int64_t v)
{
	bool sat = false;
	uint32_t r = (uint32_t)alu_sat_s(v, 32, &sat);
	alu_set_q(c, sat);
	return r;
}

#define SREG(r) ((int64_t)(int32_t)ip->cpu->regs[r])

const struct interp_insn *alu_qadd(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->regs[in->rd] = qsat(ip->cpu, SREG(in->rm) + SREG(in->rn));
	return interp_next(in);
}

const struct interp_insn *alu_qsub(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->regs[in->rd] = qsat(ip->cpu, SREG(in->rm) - SREG(in->rn));
	return interp_next(in);
}

const struct interp_insn *alu_qdadd(struct interp *ip, const struct interp_insn *in)
{
	int64_t d = (int32_t)qsat(ip->cpu, 2 * SREG(in->rn));
	ip->cpu->regs[in->rd] = qsat(ip->cpu, SREG(in->rm) + d);
	return interp_next(in);
}

const struct interp_insn *alu_qdsub(struct interp *ip, const struct interp_insn *in)
{
	int64_t d = (int32_t)qsat(ip->cpu, 2 * SREG(in->rn));
	ip->cpu->regs[in->rd] = qsat(ip->cpu, SREG(in->rm) - d);
	return interp_next(in);
}

/* ---- decoders ---- */

static bool decode_mrs(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 12 & 15;
	if (in->rd == 15 || (raw & 0x200)) /* banked MRS: not implemented */
		return false;
	in->exec = (raw & 0x00400000) ? alu_mrs_spsr : alu_mrs_cpsr;
	return true;
}

static bool decode_msr_reg(struct interp_insn *in, uint32_t raw)
{
	in->rn = raw & 15;
	in->flags = raw >> 16 & 15;
	if (in->rn == 15 || (raw & 0x200) || !in->flags)
		return false;
	in->exec = (raw & 0x00400000) ? alu_msr_spsr_reg : alu_msr_cpsr_reg;
	return true;
}

static bool decode_bx(struct interp_insn *in, uint32_t raw)
{
	in->rm = raw & 15;
	switch (raw >> 4 & 7) {
	case 1: case 2: /* BX; BXJ acts as BX without Jazelle (A8.8.28) */
		in->exec = alu_bx;
		return true;
	case 3:
		if (in->rm == 15)
			return false;
		in->exec = alu_blx_reg;
		return true;
	}
	return false;
}

static bool decode_clz(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 12 & 15;
	in->rm = raw & 15;
	if (in->rd == 15 || in->rm == 15)
		return false;
	in->exec = alu_clz;
	return true;
}

static bool decode_qaddsub(struct interp_insn *in, uint32_t raw)
{
	static const interp_fn ops[4] = { alu_qadd, alu_qsub, alu_qdadd, alu_qdsub };
	in->rd = raw >> 12 & 15;
	in->rn = raw >> 16 & 15;
	in->rm = raw & 15;
	if (in->rd == 15 || in->rn == 15 || in->rm == 15)
		return false;
	in->exec = ops[raw >> 21 & 3];
	return true;
}

static bool decode_bkpt(struct interp_insn *in, uint32_t raw)
{
	in->imm = (raw >> 4 & 0xfff0) | (raw & 15);
	in->exec = alu_bkpt;
	in->cond = 14; /* BKPT is unconditional */
	return true;
}

static bool decode_hvc(struct interp_insn *in, uint32_t raw)
{
	if (in->cond != 14)
		return false;
	in->imm = (raw >> 4 & 0xfff0) | (raw & 15);
	in->exec = alu_hvc;
	return true;
}

/* MSR (immediate) and hints (A5.2.11). */
static bool decode_msr_imm_hint(struct interp_insn *in, uint32_t raw)
{
	unsigned field = raw >> 16 & 15;
	if (!(raw & 0x00400000) && field == 0) {
		switch (raw & 0xff) {
		case 0: case 1: case 2: case 4: case 5: /* NOP YIELD WFE SEV SEVL */
			in->exec = alu_nop;
			return true;
		case 3:
			in->exec = alu_wfi;
			return true;
		default:
			if ((raw & 0xf0) == 0xf0) { /* DBG */
				in->exec = alu_nop;
				return true;
			}
			in->exec = alu_nop; /* unallocated hints execute as NOP */
			return true;
		}
	}
	if (!field)
		return false;
	unsigned rot = (raw >> 8 & 15) * 2;
	in->imm = alu_ror(raw & 0xff, rot);
	in->flags = (uint8_t)field;
	in->exec = (raw & 0x00400000) ? alu_msr_spsr_imm : alu_msr_cpsr_imm;
	return true;
}

const struct interp_pattern a32_system_patterns[] = {
	{ 0x0fbf0fff, 0x010f0000, "mrs", decode_mrs },
	{ 0x0fb0fff0, 0x0120f000, "msr (register)", decode_msr_reg },
	{ 0x0fffff00, 0x012fff00, "bx/bxj/blx (register)", decode_bx },
	{ 0x0fff0ff0, 0x016f0f10, "clz", decode_clz },
	{ 0x0f900ff0, 0x01000050, "qadd/qsub/qdadd/qdsub", decode_qaddsub },
	{ 0x0ff000f0, 0x01200070, "bkpt", decode_bkpt },
	{ 0x0ff000f0, 0x01400070, "hvc", decode_hvc },
	{ 0x0fb00000, 0x03200000, "msr (immediate), hints", decode_msr_imm_hint },
};
const unsigned a32_system_npatterns = sizeof(a32_system_patterns) / sizeof(a32_system_patterns[0]);
