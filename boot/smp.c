/*
 * Releasing a core from entry.S's pen. The parked core polls its word of
 * boot_pen_release with the MMU and caches off, so it reads memory; the
 * boot core runs with its data cache on. The word must therefore reach
 * memory (the Point of Coherency) before the wake-up: clean the line by
 * address, wait for it, then SEV (ARM ARM B2.2, cache maintenance; A8.8,
 * SEV and WFE).
 */
#include <stdint.h>

#include "boot/boot.h"

void boot_cpu_release(unsigned cpu, uintptr_t entry)
{
	volatile uint32_t *word;

	if (cpu == 0 || cpu >= BOOT_MAX_CPUS)
		return;
	word = &boot_pen_release[cpu];
	*word = (uint32_t)entry;
	__asm__ volatile("dsb\n\t"
			 "mcr p15, 0, %0, c7, c10, 1\n\t"   /* DCCMVAC */
			 "dsb\n\t"
			 "sev"
			 : : "r"(word) : "memory");
}
