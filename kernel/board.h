/*
 * The board interface: everything the kernel needs from the machine it runs
 * on. Each board (board/<name>/) implements these functions; generic code
 * includes this header and never a board's own headers.
 *
 * The other direction: a firmware board's boot code (boot/entry.S) sets up
 * stacks, BSS, VFP and the vector tables, then calls kernel_main(). The
 * host board has its own main() and calls into the kernel instead.
 */
#ifndef TERN_KERNEL_BOARD_H
#define TERN_KERNEL_BOARD_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The mode the core was in when tern got control, and so which executor
 * can run guests (see spec/qemu-7.2-boot-modes.md).
 */
enum board_cpu_mode {
	BOARD_MODE_HOST,       /* a host process: guests run on the interpreter */
	BOARD_MODE_SVC,        /* non-secure SVC and no way to HYP: interpreter */
	BOARD_MODE_SECURE_SVC, /* secure SVC: HYP only through Monitor mode */
	BOARD_MODE_HYP,        /* non-secure HYP: the hypervisor can run guests */
};

struct board_cpu_info {
	enum board_cpu_mode mode;
	bool has_virt_ext;     /* ID_PFR1.Virtualization != 0 */
	bool has_security_ext; /* ID_PFR1.Security != 0 */
	uint32_t entry_cpsr;   /* CPSR at the first instruction (0 on host) */
	uint32_t midr;
	uint32_t id_pfr1;
};

/* Brings up what the kernel needs first (the console). Call once, before
 * anything else here. */
void board_init(void);

/* Short machine name for banners: "virt", "host", ... */
const char *board_name(void);

void board_cpu_info(struct board_cpu_info *info);

/* Raw console byte I/O, no newline translation (the transfer protocols
 * send binary). stdout/stdin carry text and add "\r" before "\n". */
void board_console_putc(char c);
/* The next byte received, or -1 when none is waiting. Never blocks. */
int board_console_getc(void);

/* Waits for an interrupt (WFI); may return at any time. */
void board_idle(void);

/* Switches the machine off (PSCI SYSTEM_OFF where there is PSCI). If it
 * cannot, it says so on the console and idles forever. */
_Noreturn void board_poweroff(void);

/* The kernel's entry point, called once by the boot code on the boot core
 * with the console usable after board_init(). */
_Noreturn void kernel_main(void);

#endif
