/*
 * board_cpu_info() for the ARM firmware boards: what boot/entry.S saw at
 * the first instruction and what it made of it.
 */
#include "boot/boot.h"
#include "kernel/board.h"

static enum board_cpu_mode cpu_info_mode(uint32_t m, bool secure)
{
	if (m == BOOT_MODE_HYP)
		return BOARD_MODE_HYP;
	return secure ? BOARD_MODE_SECURE_SVC : BOARD_MODE_SVC;
}

void boot_cpu_info(struct board_cpu_info *info)
{
	uint32_t pfr1 = boot_entry.id_pfr1;
	uint32_t flags = boot_entry.flags;
	bool secure = (flags & BOOT_F_SECURE) != 0;

	info->entry_cpsr = boot_entry.cpsr;
	info->midr = boot_entry.midr;
	info->mpidr = boot_entry.mpidr;
	info->id_pfr1 = pfr1;
	info->has_security_ext = ((pfr1 >> BOOT_ID_PFR1_SECURITY_SHIFT) & 0xf) != 0;
	info->has_virt_ext = ((pfr1 >> BOOT_ID_PFR1_VIRT_SHIFT) & 0xf) != 0;

	/* Hyp mode exists only in Non-secure state (ARM ARM B1.7); entry.S
	 * read SCR to tell Secure from Non-secure SVC. */
	info->entry_mode = cpu_info_mode(boot_entry.cpsr & BOOT_CPSR_M, secure);
	info->mode = cpu_info_mode(boot_entry.mode,
				   secure && !(flags & BOOT_F_MONITOR));
	info->via_monitor = (flags & BOOT_F_MONITOR) != 0;
	info->mmu_on = (flags & BOOT_F_MMU) != 0;
	info->cntfrq = boot_entry.cntfrq;
	info->cntfrq_set = (flags & BOOT_F_CNTFRQ_SET) != 0;
}
