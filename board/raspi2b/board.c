/*
 * Raspberry Pi 2 model B (QEMU's `raspi2b` and the real board): PL011
 * UART0 console, the BCM2836 ARM local interrupt controller. No PSCI and no
 * GIC; board_poweroff() can only say so.
 */
#include <stdint.h>

#include "board/common/fw_board.h"
#include "board/raspi2b/platform.h"
#include "boot/boot.h"
#include "kernel/hv.h"

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

static uint32_t raspi2b_local_read(uint32_t reg)
{
	return *(volatile uint32_t *)(RASPI2B_LOCAL_BASE + reg);
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

/* ---- the hypervisor's interrupts (kernel/hv.h) ---- */

/*
 * No GIC: core 0's generic timer outputs reach it through its timer
 * interrupt control register, and its IRQ source register says which
 * are up (QA7_rev3.4, "Core timers interrupts", "Core interrupt
 * sources"). The timers' outputs are levels that drop when the timer is
 * reprogrammed or masked: there is nothing to acknowledge or end.
 * GICH's maintenance interrupt does not exist here.
 */
static uint32_t raspi2b_timer_bit(enum hv_irq irq)
{
	switch (irq) {
	case HV_IRQ_HTIMER: return RASPI2B_TIMER_CNTHP_IRQ;
	case HV_IRQ_VTIMER: return RASPI2B_TIMER_CNTV_IRQ;
	default:            return 0;
	}
}

static void raspi2b_hv_enable(enum hv_irq irq, bool on)
{
	uint32_t ctl = raspi2b_local_read(RASPI2B_LOCAL_TIMER_CTL(0));
	uint32_t bit = raspi2b_timer_bit(irq);

	ctl = on ? ctl | bit : ctl & ~bit;
	raspi2b_local_write(RASPI2B_LOCAL_TIMER_CTL(0), ctl);
}

/* The source register shows only what TIMER_CTL lets through (its IRQ
 * bits use the same positions as TIMER_CTL's). */
static enum hv_irq raspi2b_hv_ack(uint32_t *token)
{
	uint32_t src = raspi2b_local_read(RASPI2B_LOCAL_IRQ_SOURCE(0));

	*token = src;
	if (src & RASPI2B_TIMER_CNTHP_IRQ)
		return HV_IRQ_HTIMER;
	if (src & RASPI2B_TIMER_CNTV_IRQ)
		return HV_IRQ_VTIMER;
	return HV_IRQ_NONE;
}

static void raspi2b_hv_end(uint32_t token)
{
	(void)token;
}

static const struct hv_irqchip raspi2b_irqchip = {
	.enable = raspi2b_hv_enable,
	.ack = raspi2b_hv_ack,
	.end = raspi2b_hv_end,
};

/* Where guests come from and go on raspi2b (platform.h; kernel/hv.h).
 * No device tree to read the RAM size from: the ARM's 960 MiB. */
static const struct hv_platform raspi2b_hv = {
	.image_base = RASPI2B_HV_IMAGE_BASE,
	.image_slot_size = RASPI2B_HV_IMAGE_SLOT,
	.image_slots = RASPI2B_HV_IMAGE_SLOTS,
	.guest_ram_base = RASPI2B_HV_GUEST_BASE,
	.guest_ram_size = RASPI2B_HV_GUEST_RAM,
	.ram_end = RASPI2B_RAM_BASE + RASPI2B_RAM_MAP_SIZE,
	.dtb = 0,
	.irq = &raspi2b_irqchip,
};

const struct hv_platform *hv_board_platform(void)
{
	return &raspi2b_hv;
}
