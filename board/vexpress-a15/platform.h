/*
 * Memory map of the Versatile Express with the CoreTile Express A15x2
 * daughterboard (V2P-CA15), as QEMU 7.2's `vexpress-a15` models it and as
 * far as tern uses it: the motherboard's "RS1" memory map (ARM DUI 0447,
 * the V2M-P1 motherboard TRM) and the CoreTile's Cortex-A15 MPCore private
 * region (its GIC-400, ARM DDI 0471).
 *
 * Board code only; generic code never includes this file.
 */
#ifndef TERN_BOARD_VEXPRESS_A15_PLATFORM_H
#define TERN_BOARD_VEXPRESS_A15_PLATFORM_H

/* NOR flash, SRAM, the motherboard peripherals (CS3 at 0x1c000000) and
 * the A15 private region (0x2c000000) all lie in the first GiB. */
#define VEXPRESS_DEVICE_BASE   0x00000000u
#define VEXPRESS_DEVICE_SIZE   0x40000000u

/* DDR at 2 GiB; -m sets QEMU's size (128 MiB in the tests). tern maps
 * one GiB for itself. */
#define VEXPRESS_RAM_BASE      0x80000000u
#define VEXPRESS_RAM_MAP_SIZE  0x40000000u
#define VEXPRESS_RAM_SIZE_MIN  (128u << 20)

/* UART0 (PL011), the motherboard's first serial port; its UARTCLK is the
 * 24 MHz reference clock (V2M-P1 TRM). */
#define VEXPRESS_PL011_BASE    0x1c090000u
#define VEXPRESS_PL011_CLK_HZ  24000000u
#define VEXPRESS_CONSOLE_BAUD  115200u
/* Its interrupt: the motherboard's interrupt 5, GIC SPI 5 (QEMU's
 * hw/arm/vexpress.c wires UART0 to pic[5]). */
#define VEXPRESS_PL011_IRQ     37u

/* GIC-400 in the A15 private region (PERIPHBASE 0x2c000000, CBAR). */
#define VEXPRESS_GICD_BASE     0x2c001000u
#define VEXPRESS_GICC_BASE     0x2c002000u
/* With EL2 (QEMU 7.2's a15mpcore, cpu_has_el2): the virtual interface
 * control for the core that accesses it, and the virtual CPU interface;
 * their maintenance interrupt is PPI 25. */
#define VEXPRESS_GICH_BASE     0x2c004000u
#define VEXPRESS_GICV_BASE     0x2c006000u

/*
 * The hypervisor's RAM (kernel/hv.h, docs/hypervisor.md), laid out as on
 * virt: above tern's 15 MiB at 0x80100000 (linker/vexpress-a15.ld), eight
 * 4 MiB slots where a loader leaves guest ELF files, then the guests'
 * RAM, 16 MiB each. With no device tree to say more, RAM is taken to end
 * at 128 MiB (0x88000000): room for five guests.
 */
#define VEXPRESS_HV_IMAGE_BASE 0x81000000u
#define VEXPRESS_HV_IMAGE_SLOT (4u << 20)
#define VEXPRESS_HV_IMAGE_SLOTS 8u
#define VEXPRESS_HV_GUEST_BASE 0x83000000u
#define VEXPRESS_HV_GUEST_RAM  (16u << 20)

/* The generic timer: QEMU's counter runs at 62.5 MHz. (The real
 * CoreTile's boot monitor sets CNTFRQ for its 24 MHz reference clock;
 * tern only writes this when CNTFRQ is 0.) */
#define VEXPRESS_COUNTER_HZ    62500000u

#endif
