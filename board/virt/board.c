/*
 * QEMU's `virt` machine: PL011 console, GICv2, QEMU's own PSCI for power
 * off when tern is not the secure firmware.
 */
#include "board/common/fw_board.h"
#include "board/common/gicv2.h"
#include "board/virt/platform.h"
#include "boot/boot.h"
#include "kernel/hv.h"

static const struct board_mem_region virt_mem[] = {
	{ VIRT_DEVICE_BASE, VIRT_DEVICE_SIZE, BOARD_MEM_DEVICE, "devices" },
	{ VIRT_RAM_BASE, VIRT_RAM_MAP_SIZE, BOARD_MEM_NORMAL, "RAM" },
};

const struct fw_board fw_board = {
	.name = "virt",
	.uart_base = VIRT_PL011_BASE,
	.uart_clk_hz = VIRT_PL011_CLK_HZ,
	.uart_baud = VIRT_CONSOLE_BAUD,
	.uart_irq = VIRT_PL011_IRQ,
	.counter_hz = VIRT_COUNTER_HZ,
	.mem = virt_mem,
	.mem_count = sizeof(virt_mem) / sizeof(virt_mem[0]),
	.qemu_psci = true,
};

/* virt,secure=on[,virtualization=on]: the GIC has the Security
 * Extensions; give the non-secure side every interrupt. */
void board_secure_init(unsigned cpu)
{
	gicv2_secure_init(VIRT_GICD_BASE, VIRT_GICC_BASE, cpu);
}

void fw_board_irq_init(void)
{
	gicv2_init(VIRT_GICD_BASE, VIRT_GICC_BASE, 0);
}

/* Where guests come from and go on virt (platform.h; kernel/hv.h). */
static const struct hv_platform virt_hv = {
	.image_base = VIRT_HV_IMAGE_BASE,
	.image_slot_size = VIRT_HV_IMAGE_SLOT,
	.image_slots = VIRT_HV_IMAGE_SLOTS,
	.guest_ram_base = VIRT_HV_GUEST_BASE,
	.guest_ram_size = VIRT_HV_GUEST_RAM,
	.ram_end = VIRT_RAM_BASE + VIRT_RAM_SIZE_MIN,
	.dtb = VIRT_DTB_BASE,
	.irq = &gicv2_irqchip,
	.gich = VIRT_GICH_BASE,
	.gicv = VIRT_GICV_BASE,
};

const struct hv_platform *hv_board_platform(void)
{
	return &virt_hv;
}
