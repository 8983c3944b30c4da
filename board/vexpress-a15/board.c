/*
 * QEMU's `vexpress-a15`: PL011 UART0 console, GIC-400. QEMU gives this
 * machine EL3 (it starts tern in Secure SVC), so it implements no PSCI:
 * board_poweroff() can only say so.
 */
#include "board/common/fw_board.h"
#include "board/common/gicv2.h"
#include "board/vexpress-a15/platform.h"
#include "boot/boot.h"
#include "kernel/hv.h"

static const struct board_mem_region vexpress_mem[] = {
	{ VEXPRESS_DEVICE_BASE, VEXPRESS_DEVICE_SIZE, BOARD_MEM_DEVICE,
	  "devices" },
	{ VEXPRESS_RAM_BASE, VEXPRESS_RAM_MAP_SIZE, BOARD_MEM_NORMAL, "RAM" },
};

const struct fw_board fw_board = {
	.name = "vexpress-a15",
	.uart_base = VEXPRESS_PL011_BASE,
	.uart_clk_hz = VEXPRESS_PL011_CLK_HZ,
	.uart_baud = VEXPRESS_CONSOLE_BAUD,
	.uart_irq = VEXPRESS_PL011_IRQ,
	.counter_hz = VEXPRESS_COUNTER_HZ,
	.mem = vexpress_mem,
	.mem_count = sizeof(vexpress_mem) / sizeof(vexpress_mem[0]),
	.qemu_psci = false,
};

/* The GIC-400 has the Security Extensions: every interrupt to group 1 for
 * the non-secure side, as Linux boot loaders leave it. */
void board_secure_init(unsigned cpu)
{
	gicv2_secure_init(VEXPRESS_GICD_BASE, VEXPRESS_GICC_BASE, cpu);
}

void fw_board_irq_init(void)
{
	gicv2_init(VEXPRESS_GICD_BASE, VEXPRESS_GICC_BASE, 0);
}

/* Where guests come from and go on vexpress-a15 (platform.h; kernel/hv.h).
 * QEMU hands a non-Linux ELF no device tree here: RAM is taken to end
 * where the smallest -m the tests use puts it. */
static const struct hv_platform vexpress_hv = {
	.image_base = VEXPRESS_HV_IMAGE_BASE,
	.image_slot_size = VEXPRESS_HV_IMAGE_SLOT,
	.image_slots = VEXPRESS_HV_IMAGE_SLOTS,
	.guest_ram_base = VEXPRESS_HV_GUEST_BASE,
	.guest_ram_size = VEXPRESS_HV_GUEST_RAM,
	.ram_end = VEXPRESS_RAM_BASE + VEXPRESS_RAM_SIZE_MIN,
	.dtb = 0,
	.irq = &gicv2_irqchip,
	.gich = VEXPRESS_GICH_BASE,
	.gicv = VEXPRESS_GICV_BASE,
};

const struct hv_platform *hv_board_platform(void)
{
	return &vexpress_hv;
}
