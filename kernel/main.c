/*
 * kernel_main: where the firmware's C life starts (boot/entry.S calls it
 * with stacks, BSS, VFP and picolibc's TLS ready). For now it says who it
 * is and which executor this core allows, then idles; later issues add
 * the guests and the UART shell here.
 */
#include <inttypes.h>
#include <stdio.h>

#include "kernel/board.h"

#ifndef TERN_VERSION
#define TERN_VERSION "0.1.0"
#endif

static const char *kernel_mode_name(enum board_cpu_mode mode)
{
	switch (mode) {
	case BOARD_MODE_HOST:
		return "host";
	case BOARD_MODE_SVC:
		return "SVC";
	case BOARD_MODE_SECURE_SVC:
		return "secure SVC";
	case BOARD_MODE_HYP:
		return "HYP";
	}
	return "?";
}

/* What the mode means for guests (DESIGN.md, "three executors"). */
static const char *kernel_mode_meaning(const struct board_cpu_info *cpu)
{
	switch (cpu->mode) {
	case BOARD_MODE_HYP:
		return "HYP: guests will run on the hypervisor";
	case BOARD_MODE_SECURE_SVC:
		if (cpu->has_virt_ext)
			return "HYP only through Monitor mode, not done yet: "
			       "guests will run on the interpreter";
		return "no HYP: guests will run on the interpreter";
	case BOARD_MODE_SVC:
		return "no HYP: guests will run on the interpreter";
	case BOARD_MODE_HOST:
		break;
	}
	return "host: guests will run on the interpreter";
}

static void kernel_report_mode(void)
{
	struct board_cpu_info cpu;

	board_cpu_info(&cpu);
	printf("entered in %s mode (CPSR 0x%08" PRIx32 ", MIDR 0x%08" PRIx32
	       ", ID_PFR1 0x%08" PRIx32 ")\n", kernel_mode_name(cpu.mode),
	       cpu.entry_cpsr, cpu.midr, cpu.id_pfr1);
	printf("%s\n", kernel_mode_meaning(&cpu));
}

_Noreturn void kernel_main(void)
{
	board_init();
	printf("tern %s on %s\n", TERN_VERSION, board_name());
	kernel_report_mode();

	/* No shell yet: sleep. Interrupts are masked and none is enabled,
	 * so the core stays in WFI; the loop covers spurious wake-ups. */
	for (;;)
		board_idle();
}
