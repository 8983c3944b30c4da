/*
 * The board interface: everything the kernel needs from the machine it runs
 * on. Each board (board/<name>/) implements these functions; generic code
 * includes this header and never a board's own headers.
 *
 * The other direction: a firmware board's boot code (boot/entry.S) takes
 * the core to non-secure HYP where it can, sets up stacks, BSS, VFP, the
 * vector tables, the MMU and caches, then calls kernel_main(). The host
 * board has its own main() and calls into the kernel instead.
 */
#ifndef TERN_KERNEL_BOARD_H
#define TERN_KERNEL_BOARD_H

#include <stdbool.h>
#include <stdint.h>

/*
 * CPU modes that decide which executor can run guests (see
 * spec/qemu-7.2-boot-modes.md and DESIGN.md, "three executors").
 */
enum board_cpu_mode {
	BOARD_MODE_HOST,       /* a host process: guests run on the interpreter */
	BOARD_MODE_SVC,        /* non-secure SVC and no way to HYP: interpreter */
	BOARD_MODE_SECURE_SVC, /* secure SVC (HYP only through Monitor mode) */
	BOARD_MODE_HYP,        /* non-secure HYP: the hypervisor can run guests */
};

struct board_cpu_info {
	/* The mode tern runs in now, on the boot core: HYP means the
	 * hypervisor runs guests, anything else the interpreter. */
	enum board_cpu_mode mode;
	/* The mode the loader handed over in. It differs from `mode` when
	 * the boot code went from secure SVC through Monitor mode to
	 * non-secure HYP (via_monitor). */
	enum board_cpu_mode entry_mode;
	bool via_monitor;
	bool has_virt_ext;     /* ID_PFR1.Virtualization != 0 */
	bool has_security_ext; /* ID_PFR1.Security != 0 */
	bool mmu_on;           /* tern's identity map, data and instruction
				* caches on (HYP, or PL1 with LPAE) */
	uint32_t entry_cpsr;   /* CPSR at the first instruction (0 on host) */
	uint32_t midr;
	uint32_t mpidr;
	uint32_t id_pfr1;
	uint32_t cntfrq;       /* generic timer frequency, Hz (0: none) */
	bool cntfrq_set;       /* the loader left CNTFRQ 0, tern set it */
};

/*
 * The board's physical memory map, as far as tern maps it for itself:
 * RAM (Normal memory, cacheable) and device windows (Device memory).
 * Addresses not covered are not mapped. The firmware's identity map has a
 * 2 MiB granule: a 2 MiB block that any region overlaps is mapped, as
 * Device memory if any of those regions is a device window.
 */
enum board_mem_type {
	BOARD_MEM_NORMAL,
	BOARD_MEM_DEVICE,
};

struct board_mem_region {
	uint32_t base;
	uint32_t size;         /* bytes; base + size may reach 2^32 */
	enum board_mem_type type;
	const char *name;
};

/* Brings up what the kernel needs first: the console, and the interrupt
 * controller with every interrupt disabled. Call once, before anything
 * else here. */
void board_init(void);

/* Short machine name for banners: "virt", "vexpress-a15", "raspi2b",
 * "host". */
const char *board_name(void);

void board_cpu_info(struct board_cpu_info *info);

/* The memory map above; *count gets the number of regions. */
const struct board_mem_region *board_mem_map(unsigned *count);

/* Raw console byte I/O, no newline translation (the transfer protocols
 * send binary). stdout/stdin carry text and add "\r" before "\n". */
void board_console_putc(char c);
/* The next byte received, or -1 when none is waiting. Never blocks. */
int board_console_getc(void);
/* Whether board_console_getc() has a byte. */
bool board_console_rx_ready(void);

/* The console's receive interrupt, a GIC interrupt ID; 0 when the
 * console is polled only. When tern takes it (in Hyp mode, while a guest
 * runs or tern sleeps), board_console_rx_irq() moves what the UART holds
 * into the board's buffer, which board_console_getc() reads first. */
unsigned board_console_irq(void);
void board_console_rx_irq(void);

/* Waits for an interrupt (WFI); may return at any time. */
void board_idle(void);

/* Switches the machine off (PSCI SYSTEM_OFF where there is PSCI). If it
 * cannot, it says so on the console and idles forever. */
_Noreturn void board_poweroff(void);

/* The kernel's entry point, called once by the boot code on the boot core
 * with the console usable after board_init(). */
_Noreturn void kernel_main(void);

#endif
