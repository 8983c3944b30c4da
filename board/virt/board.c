/*
 * kernel/board.h for QEMU's `virt` machine: console on the PL011, power off
 * through QEMU's PSCI.
 */
#include <stdint.h>

#include "board/virt/pl011.h"
#include "board/virt/platform.h"
#include "boot/boot.h"
#include "kernel/board.h"

void board_init(void)
{
	pl011_init(VIRT_PL011_BASE, VIRT_PL011_CLK_HZ, VIRT_CONSOLE_BAUD);
}

const char *board_name(void)
{
	return "virt";
}

void board_cpu_info(struct board_cpu_info *info)
{
	boot_cpu_info(info);
}

void board_console_putc(char c)
{
	pl011_putc(VIRT_PL011_BASE, c);
}

int board_console_getc(void)
{
	return pl011_getc_nonblock(VIRT_PL011_BASE);
}

void board_idle(void)
{
	/* DSB first: WFI orders no memory accesses by itself, and stores in
	 * flight should complete before the core may sleep. */
	__asm__ volatile("dsb\n\twfi" ::: "memory");
}

/*
 * PSCI from tern's own mode. QEMU implements PSCI itself on virt unless the
 * machine has EL3 (secure=on): with EL2 present its conduit is SMC (an HVC
 * from Hyp would trap to tern's own vectors), without it HVC
 * (spec/qemu-7.2-boot-modes.md). SMC Calling Convention: function ID in
 * r0, result in r0, r1-r3 and r12 may change (ARM DEN 0028, section 4).
 */
static uint32_t virt_psci_smc(uint32_t fn)
{
	register uint32_t r0 __asm__("r0") = fn;

	__asm__ volatile(".arch_extension sec\n\tsmc #0"
			 : "+r"(r0) : : "r1", "r2", "r3", "r12", "memory");
	return r0;
}

static uint32_t virt_psci_hvc(uint32_t fn)
{
	register uint32_t r0 __asm__("r0") = fn;

	__asm__ volatile(".arch_extension virt\n\thvc #0"
			 : "+r"(r0) : : "r1", "r2", "r3", "r12", "memory");
	return r0;
}

static void virt_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			board_console_putc('\r');
		board_console_putc(*s);
	}
}

_Noreturn void board_poweroff(void)
{
	struct board_cpu_info cpu;

	board_cpu_info(&cpu);
	switch (cpu.mode) {
	case BOARD_MODE_HYP:
		virt_psci_smc(PSCI_0_2_FN_SYSTEM_OFF);
		break;
	case BOARD_MODE_SVC:
		virt_psci_hvc(PSCI_0_2_FN_SYSTEM_OFF);
		break;
	default:
		/* secure=on: QEMU leaves PSCI to EL3 firmware, which is us. */
		break;
	}
	virt_puts("tern: cannot power off from this mode; halted\n");
	boot_halt();
}
