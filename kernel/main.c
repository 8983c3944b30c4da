/*
 * kernel_main: where the firmware's C life starts (boot/entry.S calls it
 * on the boot core with the mode settled, stacks, BSS, VFP, picolibc's TLS
 * and the MMU ready). It says who it is, how the boot went and which
 * executor runs guests; in HYP it then starts the guests it finds and
 * runs the UART shell over them (kernel/fw_shell.c) for good; elsewhere it
 * idles.
 */
#include <inttypes.h>
#include <stdio.h>

#include "kernel/board.h"
#include "kernel/fw_shell.h"
#include "kernel/guests.h"

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

/* Why tern runs in the mode it does. */
static const char *kernel_mode_how(const struct board_cpu_info *cpu)
{
	if (cpu->via_monitor)
		return "secure SVC -> Monitor -> non-secure HYP";
	if (cpu->mode == BOARD_MODE_HYP)
		return "as entered";
	if (!cpu->has_virt_ext)
		return "no Virtualization Extensions";
	/* Non-secure SVC on a core that has HYP: the loader kept it. */
	return "HYP belongs to the loader";
}

static void kernel_report_mode(void)
{
	struct board_cpu_info cpu;

	board_cpu_info(&cpu);
	printf("entered in %s mode (CPSR 0x%08" PRIx32 ", MIDR 0x%08" PRIx32
	       ", ID_PFR1 0x%08" PRIx32 ")\n", kernel_mode_name(cpu.entry_mode),
	       cpu.entry_cpsr, cpu.midr, cpu.id_pfr1);
	printf("running in %s mode (%s), %s\n", kernel_mode_name(cpu.mode),
	       kernel_mode_how(&cpu),
	       cpu.mmu_on ? "MMU and caches on" : "MMU off");
	if (cpu.cntfrq)
		printf("generic timer %" PRIu32 " Hz%s\n", cpu.cntfrq,
		       cpu.cntfrq_set ? " (CNTFRQ was 0, set by tern)" : "");
	/* What the mode means for guests (DESIGN.md, "three executors"):
	 * without HYP, the interpreter linked into the firmware runs them. */
	if (cpu.mode == BOARD_MODE_HYP)
		printf("hypervisor ready: guests will run on the hypervisor\n");
#ifdef TERN_FW_INTERP
	else
		printf("no HYP: guests will run on the interpreter\n");
#else
	else
		printf("no HYP, and this image has no interpreter (FW_INTERP=1 "
		       "builds one): no guest can run\n");
#endif
}

_Noreturn void kernel_main(void)
{
	board_init();
	printf("tern %s on %s\n", TERN_VERSION, board_name());
	kernel_report_mode();

#ifdef TERN_FIRMWARE
	/* The shell and the guests a loader left in RAM: on the
	 * hypervisor in Hyp mode; elsewhere on the interpreter, if this
	 * image has it (FW_INTERP=1). It returns only if the board has no
	 * hv_platform. */
	{
		struct board_cpu_info cpu;

		board_cpu_info(&cpu);
		if (cpu.mode == BOARD_MODE_HYP)
			fw_shell_main(&guests_exec_hyp, true);
#ifdef TERN_FW_INTERP
		/* No HYP: the interpreter linked into this image runs them
		 * (DESIGN.md, "three executors"). */
		fw_shell_main(&guests_exec_interp, false);
#endif
	}
#endif

	/* No hypervisor: sleep. Interrupts are masked and none is enabled,
	 * so the core stays in WFI; the loop covers spurious wake-ups. */
	for (;;)
		board_idle();
}
