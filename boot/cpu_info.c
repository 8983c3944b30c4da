/*
 * board_cpu_info() for the ARM firmware boards: what boot/entry.S saw at
 * the first instruction, classified into the executor it allows.
 */
#include "boot/boot.h"
#include "kernel/board.h"

void boot_cpu_info(struct board_cpu_info *info)
{
	uint32_t pfr1 = boot_entry.id_pfr1;

	info->entry_cpsr = boot_entry.cpsr;
	info->midr = boot_entry.midr;
	info->id_pfr1 = pfr1;
	info->has_security_ext = ((pfr1 >> BOOT_ID_PFR1_SECURITY_SHIFT) & 0xf) != 0;
	info->has_virt_ext = ((pfr1 >> BOOT_ID_PFR1_VIRT_SHIFT) & 0xf) != 0;

	/* Hyp mode exists only in Non-secure state (ARM ARM B1.7). In SVC
	 * with the Security Extensions tern assumes Secure state, as
	 * entry.S does. */
	if (boot_entry.mode == BOOT_MODE_HYP)
		info->mode = BOARD_MODE_HYP;
	else if (info->has_security_ext)
		info->mode = BOARD_MODE_SECURE_SVC;
	else
		info->mode = BOARD_MODE_SVC;
}
