/*
 * Memory map of QEMU 7.2's `virt` machine for 32-bit ARM, as far as the
 * tern firmware uses it (hw/arm/virt.c's base_memmap; the same addresses
 * appear in the device tree QEMU builds for the machine).
 *
 * Board code only; generic code never includes this file (kernel/board.h
 * is its interface).
 */
#ifndef TERN_BOARD_VIRT_PLATFORM_H
#define TERN_BOARD_VIRT_PLATFORM_H

/* Flash, the GIC, the UART, virtio-mmio and the PCIe windows all sit in
 * the first GiB; RAM starts at 1 GiB. */
#define VIRT_DEVICE_BASE     0x00000000u
#define VIRT_DEVICE_SIZE     0x40000000u

#define VIRT_RAM_BASE        0x40000000u
/* The size is whatever -m says; 128 MiB is what `make run` and the tests
 * pass. tern maps the first GiB of it for itself (the most a 32-bit virt
 * machine has below 2 GiB); later issues read /memory from the DTB. */
#define VIRT_RAM_SIZE_MIN    (128u << 20)
#define VIRT_RAM_MAP_SIZE    0x40000000u

/* QEMU copies its device tree blob to the base of RAM when the ELF leaves
 * room below itself (hw/arm/boot.c); tern's image starts 1 MiB above it
 * (linker/virt.ld) because the virt DTB's totalsize is 1 MiB. No register
 * points to it: a non-Linux ELF starts with r0-r2 as reset left them. */
#define VIRT_DTB_BASE        VIRT_RAM_BASE
#define VIRT_DTB_MAX         (1u << 20)

#define VIRT_PL011_BASE      0x09000000u
/* The "apb-pclk" fixed clock the DTB gives the PL011. QEMU ignores the
 * divisors, but programming them keeps the driver honest for real parts. */
#define VIRT_PL011_CLK_HZ    24000000u
#define VIRT_CONSOLE_BAUD    115200u
#define VIRT_PL011_IRQ       33u          /* SPI 1 (hw/arm/virt.c a15irqmap) */

#define VIRT_GICD_BASE       0x08000000u  /* GICv2 distributor */
#define VIRT_GICC_BASE       0x08010000u  /* GICv2 CPU interface */
#define VIRT_GICH_BASE       0x08030000u  /* virtual interface control */
#define VIRT_GICV_BASE       0x08040000u  /* virtual CPU interface */

/*
 * The hypervisor's RAM (kernel/hv.h, docs/hypervisor.md): above tern's
 * 16 MiB (linker/virt.ld), eight 4 MiB slots where a loader leaves guest
 * ELF files (-device loader,file=G.elf,addr=SLOT,force-raw=on), then the
 * guests' RAM, 16 MiB each, as far as RAM goes (-m 256 gives all eight).
 */
#define VIRT_HV_IMAGE_BASE   0x41000000u
#define VIRT_HV_IMAGE_SLOT   (4u << 20)
#define VIRT_HV_IMAGE_SLOTS  8u
#define VIRT_HV_GUEST_BASE   0x43000000u
#define VIRT_HV_GUEST_RAM    (16u << 20)

/* The generic timer: QEMU's counter runs at 62.5 MHz (CNTFRQ's reset
 * value in QEMU 7.2, and the rate DESIGN.md gives guests). */
#define VIRT_COUNTER_HZ      62500000u

#endif
