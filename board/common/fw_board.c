/*
 * kernel/board.h for the firmware boards, from the board's description
 * (struct fw_board): console on a PL011, memory map, power off through
 * QEMU's PSCI where the machine has it.
 */
#include <stdint.h>

#include "board/common/fw_board.h"
#include "board/common/pl011_uart.h"
#include "boot/boot.h"
#include "kernel/board.h"

/* PSCI 0.2 SYSTEM_OFF (ARM DEN 0022, 5.1). */
#define FW_PSCI_SYSTEM_OFF 0x84000008u

void board_init(void)
{
	pl011_uart_init(fw_board.uart_base, fw_board.uart_clk_hz,
			fw_board.uart_baud);
	fw_board_irq_init();
}

const char *board_name(void)
{
	return fw_board.name;
}

void board_cpu_info(struct board_cpu_info *info)
{
	boot_cpu_info(info);
}

const struct board_mem_region *board_mem_map(unsigned *count)
{
	*count = fw_board.mem_count;
	return fw_board.mem;
}

uint32_t board_counter_hz(void)
{
	return fw_board.counter_hz;
}

void board_console_putc(char c)
{
	pl011_uart_putc(fw_board.uart_base, c);
}

/* What the receive interrupt took from the UART, not read yet. */
static struct pl011_rx fw_console_rx;

int board_console_getc(void)
{
	return pl011_uart_getc(fw_board.uart_base, &fw_console_rx);
}

bool board_console_rx_ready(void)
{
	return pl011_uart_rx_ready(fw_board.uart_base, &fw_console_rx);
}

/* The UART interrupts only once someone takes them (kernel/hv.c). */
unsigned board_console_irq(void)
{
	if (fw_board.uart_irq)
		pl011_uart_rx_irq_enable(fw_board.uart_base);
	return fw_board.uart_irq;
}

void board_console_rx_irq(void)
{
	pl011_uart_rx_irq(fw_board.uart_base, &fw_console_rx);
}

void board_idle(void)
{
	/* DSB first: WFI orders no memory accesses by itself, and stores in
	 * flight should complete before the core may sleep. */
	__asm__ volatile("dsb\n\twfi" ::: "memory");
}

/* SMC Calling Convention: function ID in r0, result in r0, r1-r3 and r12
 * may change (ARM DEN 0028, section 4). */
static uint32_t fw_psci_smc(uint32_t fn)
{
	register uint32_t r0 __asm__("r0") = fn;

	__asm__ volatile(".arch_extension sec\n\tsmc #0"
			 : "+r"(r0) : : "r1", "r2", "r3", "r12", "memory");
	return r0;
}

static uint32_t fw_psci_hvc(uint32_t fn)
{
	register uint32_t r0 __asm__("r0") = fn;

	__asm__ volatile(".arch_extension virt\n\thvc #0"
			 : "+r"(r0) : : "r1", "r2", "r3", "r12", "memory");
	return r0;
}

static void fw_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			board_console_putc('\r');
		board_console_putc(*s);
	}
}

/*
 * QEMU's PSCI conduit follows from the mode QEMU started tern in: HYP
 * means EL2 without EL3 (SMC; an HVC would trap to tern's own vectors),
 * non-secure SVC neither (HVC). Entered in Secure state, tern is the
 * secure firmware itself and there is nobody to ask.
 */
_Noreturn void board_poweroff(void)
{
	struct board_cpu_info cpu;

	board_cpu_info(&cpu);
	if (fw_board.qemu_psci && cpu.entry_mode == BOARD_MODE_HYP)
		fw_psci_smc(FW_PSCI_SYSTEM_OFF);
	else if (fw_board.qemu_psci && cpu.entry_mode == BOARD_MODE_SVC)
		fw_psci_hvc(FW_PSCI_SYSTEM_OFF);
	fw_puts("tern: cannot power off from this mode; halted\n");
	boot_halt();
}
