/*
 * Exception entry, ARM ARM B1.8 (PL1 exceptions, no Security or
 * Virtualization Extensions behaviour: the guest is non-secure PL1/PL0).
 */
#include "cpu/interp/interp_internal.h"

#define CPSR_T (1u << 5)
#define CPSR_F (1u << 6)
#define CPSR_I (1u << 7)
#define CPSR_A (1u << 8)
#define CPSR_E (1u << 9)
#define CPSR_IT_J 0x0700fc00u /* IT[7:2], IT[1:0], J */

#define SCTLR_V  (1u << 13)
#define SCTLR_EE (1u << 25)
#define SCTLR_TE (1u << 30)

struct exc_info {
	uint32_t mode;
	uint32_t offset;     /* into the vector table */
	uint32_t lr_arm;     /* LR = address of the instruction + this (A32) */
	uint32_t mask;       /* CPSR bits set on entry */
};

/* ARM ARM B1.8.3, table B1-7 (offsets) and B1.8.1 (return addresses). */
static const struct exc_info exc_table[] = {
	[INTERP_EXC_UNDEF] = { ARM_MODE_UND, 0x04, 4, CPSR_I },
	[INTERP_EXC_SVC]   = { ARM_MODE_SVC, 0x08, 4, CPSR_I },
	[INTERP_EXC_PABT]  = { ARM_MODE_ABT, 0x0c, 4, CPSR_I | CPSR_A },
	[INTERP_EXC_DABT]  = { ARM_MODE_ABT, 0x10, 8, CPSR_I | CPSR_A },
	[INTERP_EXC_IRQ]   = { ARM_MODE_IRQ, 0x18, 4, CPSR_I | CPSR_A },
	[INTERP_EXC_FIQ]   = { ARM_MODE_FIQ, 0x1c, 4, CPSR_I | CPSR_A | CPSR_F },
};

static const struct interp_insn *enter(struct interp *ip, uint32_t pc,
				       uint32_t next_len, enum interp_exc kind)
{
	struct arm_cpu *cpu = ip->cpu;
	const struct exc_info *x = &exc_table[kind];
	bool thumb = cpu->cpsr_rest & CPSR_T;
	uint32_t lr;

	/* UNDEF and SVC return to the next instruction; the others as the
	 * table says, which in Thumb is pc + 4 / pc + 8 as well except that
	 * IRQ/FIQ/PABT point 4 past the instruction to re-execute. */
	if (kind == INTERP_EXC_UNDEF || kind == INTERP_EXC_SVC)
		lr = pc + (thumb ? next_len : 4);
	else
		lr = pc + x->lr_arm;

	uint32_t saved = arm_cpsr_read(cpu);
	arm_cpu_switch_mode(cpu, x->mode);
	cpu->spsr = saved;
	cpu->regs[14] = lr;

	uint32_t sctlr = cpu->sys.sctlr;
	uint32_t rest = cpu->cpsr_rest & ~(CPSR_IT_J | CPSR_T | CPSR_E);
	rest |= x->mask;
	if (sctlr & SCTLR_TE)
		rest |= CPSR_T;
	if (sctlr & SCTLR_EE)
		rest |= CPSR_E;
	cpu->cpsr_rest = rest;
	ip->exit_requested = true; /* masks changed: let the loop look */

	uint32_t base = (sctlr & SCTLR_V) ? 0xffff0000u : (cpu->sys.vbar & ~0x1fu);
	return interp_jump(ip, base + x->offset);
}

const struct interp_insn *interp_exception(struct interp *ip,
					   const struct interp_insn *in,
					   enum interp_exc kind)
{
	return enter(ip, interp_pc(ip, in), (uint32_t)in->step * 2, kind);
}

const struct interp_insn *interp_exception_at(struct interp *ip, uint32_t pc,
					      enum interp_exc kind)
{
	return enter(ip, pc, 2, kind);
}

const struct interp_insn *interp_undef(struct interp *ip,
				       const struct interp_insn *in)
{
	return interp_exception(ip, in, INTERP_EXC_UNDEF);
}
