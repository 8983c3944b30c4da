/*
 * Raspberry Pi 2 model B (QEMU's `raspi2b` and the real board): PL011
 * UART0 console, the BCM2836 ARM local interrupt controller. No PSCI and no
 * GIC; board_poweroff() can only say so.
 */
#include <stdint.h>

#include "board/common/fw_board.h"
#include "board/raspi2b/platform.h"
#include "boot/boot.h"

static const struct board_mem_region raspi2b_mem[] = {
	{ RASPI2B_RAM_BASE, RASPI2B_RAM_MAP_SIZE, BOARD_MEM_NORMAL, "RAM" },
	{ RASPI2B_PERIPH_BASE, RASPI2B_PERIPH_SIZE, BOARD_MEM_DEVICE,
	  "peripherals" },
	{ RASPI2B_LOCAL_BASE, RASPI2B_LOCAL_SIZE, BOARD_MEM_DEVICE,
	  "ARM local" },
};

const struct fw_board fw_board = {
	.name = "raspi2b",
	.uart_base = RASPI2B_PL011_BASE,
	.uart_clk_hz = RASPI2B_PL011_CLK_HZ,
	.uart_baud = RASPI2B_CONSOLE_BAUD,
	.counter_hz = RASPI2B_COUNTER_HZ,
	.mem = raspi2b_mem,
	.mem_count = sizeof(raspi2b_mem) / sizeof(raspi2b_mem[0]),
	.qemu_psci = false,
};

static void raspi2b_local_write(uint32_t reg, uint32_t val)
{
	*(volatile uint32_t *)(RASPI2B_LOCAL_BASE + reg) = val;
}

/* The local block has no secure/non-secure distinction: nothing to open
 * up for the non-secure side. */
void board_secure_init(unsigned cpu)
{
	(void)cpu;
}

/*
 * What the GPU firmware's ARM stub leaves, made sure of: the core timer
 * counts the 19.2 MHz crystal, 1:1, by 1 (QA7: control register bit 8
 * increment by 2, bit 9 APB clock, both 0). Every core's timer and mailbox
 * interrupts off, GPU interrupts to core 0. Routing a core's generic
 * timer later is one write of RASPI2B_TIMER_*_IRQ to its TIMER_CTL.
 */
void fw_board_irq_init(void)
{
	unsigned n;

	raspi2b_local_write(RASPI2B_LOCAL_CONTROL, 0);
	raspi2b_local_write(RASPI2B_LOCAL_PRESCALER, RASPI2B_PRESCALER_1_1);
	raspi2b_local_write(RASPI2B_LOCAL_GPU_ROUTE, 0);
	for (n = 0; n < RASPI2B_CPUS; n++) {
		raspi2b_local_write(RASPI2B_LOCAL_TIMER_CTL(n), 0);
		raspi2b_local_write(RASPI2B_LOCAL_MBOX_CTL(n), 0);
	}
}
