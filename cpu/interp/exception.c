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

/* ITAdvance() (ARM ARM A2.5.2) on the IT bits as a slot keeps them:
 * IT[7:0] in bits 7:0. */
static uint32_t it_advance(uint32_t it)
{
	if ((it & 7u) == 0)
		return 0;
	return (it & 0xe0u) | ((it << 1) & 0x1fu);
}

static uint32_t cpsr_with_it(uint32_t cpsr, uint32_t it)
{
	return (cpsr & ~0x0600fc00u) | (it & 3u) << 25 | (it >> 2) << 10;
}

/*
 * Take exception `kind` (ARM ARM B1.8.3-B1.8.9, TakeXXXException): `pc` is
 * the address of the instruction it is taken on (the faulting one, or the
 * next one to run for IRQ/FIQ), `next` the address after it (SVC), `cpsr`
 * the CPSR to save, with the IT bits that instruction sees.
 */
static const struct interp_insn *enter(struct interp *ip, uint32_t pc,
				       uint32_t next, uint32_t cpsr,
				       enum interp_exc kind)
{
	struct arm_cpu *cpu = ip->cpu;
	const struct exc_info *x = &exc_table[kind];
	bool thumb = cpsr & CPSR_T;
	uint32_t sctlr = cpu->sys.sctlr;
	uint32_t base = (sctlr & SCTLR_V) ? 0xffff0000u : (cpu->sys.vbar & ~0x1fu);
	uint32_t lr;

	/* Return links (B1.8.3, table B1-7; QEMU's offsets):
	 *  UNDEF: PC + 4 (A32) / PC + 2 (T32), also for a 32-bit T32
	 *         instruction: the handler reads the first halfword at LR - 2;
	 *  SVC:   the next instruction;
	 *  PABT, IRQ, FIQ: PC + 4; DABT: PC + 8, in both instruction sets. */
	if (kind == INTERP_EXC_UNDEF)
		lr = pc + (thumb ? 2 : 4);
	else if (kind == INTERP_EXC_SVC)
		lr = next;
	else
		lr = pc + x->lr_arm;

	/* A prefetch abort on the prefetch abort vector would loop for ever
	 * (QEMU spins; we stop). */
	if (kind == INTERP_EXC_PABT && pc == base + 0x0c)
		return interp_fatal(ip, NULL, "prefetch abort on the prefetch abort vector");

	arm_cpu_switch_mode(cpu, x->mode);
	interp_priv_changed(ip);
	cpu->spsr = cpsr;
	cpu->regs[14] = lr;

	/* CPSR: mode, masks (A always except UNDEF/SVC, F for FIQ), IT and J
	 * cleared, T from SCTLR.TE, E from SCTLR.EE (B1.8.3). The exclusive
	 * monitor is left alone: QEMU does not clear it on entry (Linux
	 * executes CLREX on its exception paths for that reason). */
	uint32_t rest = cpu->cpsr_rest & ~(CPSR_IT_J | CPSR_T | CPSR_E);
	rest |= x->mask;
	if (sctlr & SCTLR_TE)
		rest |= CPSR_T;
	if (sctlr & SCTLR_EE)
		rest |= CPSR_E;
	cpu->cpsr_rest = rest;
	interp_request_exit(ip); /* masks changed: let the loop look */

	return interp_jump(ip, base + x->offset);
}

const struct interp_insn *interp_exception(struct interp *ip,
					   const struct interp_insn *in,
					   enum interp_exc kind)
{
	uint32_t pc = interp_pc(ip, in);
	bool thumb = ip->page->thumb;
	uint32_t next = pc + (thumb ? in->step * 2u : 4u);
	if (thumb) /* the slot knows its IT state; CPSR may not */
		interp_sync_pc(ip, in);
	uint32_t cpsr = arm_cpsr_read(ip->cpu);
	if (thumb && kind == INTERP_EXC_SVC) {
		/* TakeSVCException calls ITAdvance() first (B1.8.5). */
		uint32_t it = ((cpsr >> 25) & 3u) | ((cpsr >> 8) & 0xfcu);
		cpsr = cpsr_with_it(cpsr, it_advance(it));
	}
	return enter(ip, pc, next, cpsr, kind);
}

/* A fetch fault where no slot exists: IT state unknown there, taken as
 * outside an IT block (a branch target or a page's first instruction). */
const struct interp_insn *interp_exception_at(struct interp *ip, uint32_t pc,
					      enum interp_exc kind)
{
	uint32_t cpsr = cpsr_with_it(arm_cpsr_read(ip->cpu), 0);
	return enter(ip, pc, pc + 2, cpsr, kind);
}

const struct interp_insn *interp_undef(struct interp *ip,
				       const struct interp_insn *in)
{
	return interp_exception(ip, in, INTERP_EXC_UNDEF);
}
