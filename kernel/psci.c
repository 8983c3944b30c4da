/*
 * PSCI (ARM DEN 0022) for a one-CPU guest, answering as QEMU 7.2 does.
 * The CPU's MPIDR affinity is 0 (QEMU virt's first CPU): an MPIDR names it
 * when its affinity fields Aff2..Aff0 are zero.
 */
#include "kernel/psci.h"

static bool is_cpu0(uint32_t mpidr)
{
	return (mpidr & 0x00ffffffu) == 0;
}

static int32_t features(uint32_t fn)
{
	if (fn & PSCI_FN64_BIT) /* 64-bit functions, from AArch32 */
		return PSCI_RET_NOT_SUPPORTED;
	switch (fn) {
	case PSCI_FN_VERSION:
	case PSCI_FN_MIGRATE_INFO_TYPE:
	case PSCI_FN_AFFINITY_INFO:
	case PSCI_FN_SYSTEM_RESET:
	case PSCI_FN_SYSTEM_OFF:
	case PSCI_0_1_FN_CPU_ON:
	case PSCI_FN_CPU_ON:
	case PSCI_0_1_FN_CPU_OFF:
	case PSCI_FN_CPU_OFF:
	case PSCI_0_1_FN_CPU_SUSPEND:
	case PSCI_FN_CPU_SUSPEND:
	case PSCI_FN_FEATURES:
		return PSCI_RET_SUCCESS;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

/* out of line under -flto: make bench-hyp's log names its cost */
__attribute__((noinline)) enum psci_action psci_call(struct arm_cpu *cpu)
{
	uint32_t fn = cpu->regs[0];
	uint32_t a1 = cpu->regs[1];
	int32_t ret;

	if (fn & PSCI_FN64_BIT) { /* SMC64/HVC64 IDs from AArch32 */
		cpu->regs[0] = (uint32_t)PSCI_RET_NOT_SUPPORTED;
		return PSCI_CONTINUE;
	}
	switch (fn) {
	case PSCI_FN_VERSION:
		ret = (int32_t)PSCI_VERSION_1_1;
		break;
	case PSCI_FN_MIGRATE_INFO_TYPE:
		ret = 2; /* no Trusted OS: migration not required */
		break;
	case PSCI_FN_AFFINITY_INFO:
		/* Levels above 0 are always on; level 0 names a CPU. */
		if (cpu->regs[2] != 0)
			ret = 0;
		else
			ret = is_cpu0(a1) ? 0 /* ON */ : PSCI_RET_INVALID_PARAMS;
		break;
	case PSCI_0_1_FN_CPU_ON:
	case PSCI_FN_CPU_ON:
		ret = is_cpu0(a1) ? PSCI_RET_ALREADY_ON : PSCI_RET_INVALID_PARAMS;
		break;
	case PSCI_0_1_FN_CPU_SUSPEND:
	case PSCI_FN_CPU_SUSPEND:
		/* No affinity levels; power-down states are a plain WFI. */
		if (a1 & 0xfffe0000u) {
			ret = PSCI_RET_INVALID_PARAMS;
			break;
		}
		cpu->regs[0] = 0;
		return PSCI_WAIT;
	case PSCI_0_1_FN_CPU_OFF:
	case PSCI_FN_CPU_OFF:
		return PSCI_CPU_OFF;
	case PSCI_FN_SYSTEM_OFF:
		return PSCI_SYSTEM_OFF;
	case PSCI_FN_SYSTEM_RESET:
		return PSCI_SYSTEM_RESET;
	case PSCI_FN_FEATURES:
		ret = features(a1);
		break;
	default: /* MIGRATE, MIGRATE_INFO_UP_CPU, anything else */
		ret = PSCI_RET_NOT_SUPPORTED;
		break;
	}
	cpu->regs[0] = (uint32_t)ret;
	return PSCI_CONTINUE;
}
