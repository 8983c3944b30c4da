/*
 * CPSR composition and reset of struct arm_cpu.
 */
#include <string.h>

#include "cpu/arm_cpu.h"
#include "cpu/cpreg.h"

uint32_t arm_cpsr_read(const struct arm_cpu *cpu)
{
	return (cpu->nf & 0x80000000u) |
	       (uint32_t)(cpu->zf == 0) << 30 |
	       (cpu->cf & 1u) << 29 |
	       (cpu->vf & 0x80000000u) >> 3 |
	       (cpu->cpsr_rest & ~ARM_CPSR_NZCV);
}

void arm_cpsr_write(struct arm_cpu *cpu, uint32_t cpsr)
{
	cpu->nf = cpsr & 0x80000000u;
	cpu->zf = (cpsr & 0x40000000u) ? 0 : 1;
	cpu->cf = (cpsr >> 29) & 1u;
	cpu->vf = (cpsr << 3) & 0x80000000u;
	cpu->cpsr_rest = cpsr & ~ARM_CPSR_NZCV;
}

bool arm_mode_valid(uint32_t mode)
{
	switch (mode) {
	case ARM_MODE_USR: case ARM_MODE_FIQ: case ARM_MODE_IRQ:
	case ARM_MODE_SVC: case ARM_MODE_MON: case ARM_MODE_ABT:
	case ARM_MODE_HYP: case ARM_MODE_UND: case ARM_MODE_SYS:
		return true;
	default:
		return false;
	}
}

enum arm_bank arm_mode_bank(uint32_t mode)
{
	switch (mode & ARM_CPSR_M) {
	case ARM_MODE_SVC: return ARM_BANK_SVC;
	case ARM_MODE_ABT: return ARM_BANK_ABT;
	case ARM_MODE_UND: return ARM_BANK_UND;
	case ARM_MODE_IRQ: return ARM_BANK_IRQ;
	case ARM_MODE_FIQ: return ARM_BANK_FIQ;
	case ARM_MODE_HYP: return ARM_BANK_HYP;
	case ARM_MODE_MON: return ARM_BANK_MON;
	default: return ARM_BANK_USR;
	}
}

/* The bank whose r14 a mode uses: HYP shares usr's LR (ARM ARM B9.2.1);
 * its return address lives in ELR_hyp instead. */
static enum arm_bank r14_bank(uint32_t mode)
{
	return (mode & ARM_CPSR_M) == ARM_MODE_HYP ? ARM_BANK_USR : arm_mode_bank(mode);
}

void arm_cpu_switch_mode(struct arm_cpu *cpu, uint32_t new_mode)
{
	uint32_t old_mode = cpu->cpsr_rest & ARM_CPSR_M;
	new_mode &= ARM_CPSR_M;
	if (old_mode == new_mode)
		return;
	/* r8-r12: FIQ has its own (ARM ARM B1.3.2, figure B1-2). */
	if (old_mode == ARM_MODE_FIQ) {
		memcpy(cpu->fiq_regs, &cpu->regs[8], sizeof(cpu->fiq_regs));
		memcpy(&cpu->regs[8], cpu->usr_regs, sizeof(cpu->usr_regs));
	} else if (new_mode == ARM_MODE_FIQ) {
		memcpy(cpu->usr_regs, &cpu->regs[8], sizeof(cpu->usr_regs));
		memcpy(&cpu->regs[8], cpu->fiq_regs, sizeof(cpu->fiq_regs));
	}
	enum arm_bank ob = arm_mode_bank(old_mode), nb = arm_mode_bank(new_mode);
	cpu->banked_r13[ob] = cpu->regs[13];
	cpu->banked_spsr[ob] = cpu->spsr;
	cpu->regs[13] = cpu->banked_r13[nb];
	cpu->spsr = cpu->banked_spsr[nb];
	cpu->banked_r14[r14_bank(old_mode)] = cpu->regs[14];
	cpu->regs[14] = cpu->banked_r14[r14_bank(new_mode)];
	cpu->cpsr_rest = (cpu->cpsr_rest & ~ARM_CPSR_M) | new_mode;
}

void arm_cpu_reset(struct arm_cpu *cpu, const struct cpreg_list *cpregs)
{
	memset(cpu, 0, sizeof(*cpu));
	/* SVC with A, I, F masked (ARM ARM B1.8.1 reset); QEMU also leaves
	 * Z set, which its stream shows as 0x400001d3. */
	arm_cpsr_write(cpu, 0x400001d3u);
	cpu->exclusive_addr = UINT64_MAX; /* monitor open */
	cpu->gt_timer_expiry[0] = UINT64_MAX;
	cpu->gt_timer_expiry[1] = UINT64_MAX;
	cpu->cpregs = cpregs;
	if (cpregs)
		cpreg_reset(&cpu->sys, cpregs);
}

const char *arm_mode_name(uint32_t m)
{
	switch (m) {
	case ARM_MODE_USR: return "usr";
	case ARM_MODE_FIQ: return "fiq";
	case ARM_MODE_IRQ: return "irq";
	case ARM_MODE_SVC: return "svc";
	case ARM_MODE_MON: return "mon";
	case ARM_MODE_ABT: return "abt";
	case ARM_MODE_HYP: return "hyp";
	case ARM_MODE_UND: return "und";
	case ARM_MODE_SYS: return "sys";
	default: return "???";
	}
}
