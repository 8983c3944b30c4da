/*
 * Memory map of the Raspberry Pi 2 model B (BCM2836: four Cortex-A7, the
 * BCM2835's peripherals, the "ARM local" block), as QEMU 7.2's `raspi2b`
 * models it and as far as tern uses it. Peripherals: BCM2835 ARM
 * Peripherals (at their ARM physical address 0x3f000000 on the BCM2836);
 * local block: "Quad-A7 control" (QA7_rev3.4), the BCM2836's document.
 *
 * Board code only; generic code never includes this file.
 */
#ifndef TERN_BOARD_RASPI2B_PLATFORM_H
#define TERN_BOARD_RASPI2B_PLATFORM_H

/* SDRAM from 0: 1 GiB, the top of it the GPU's (gpu_mem; QEMU keeps 64 MiB
 * for it). tern maps the ARM's 960 MiB. The GPU firmware loads
 * kernel7.img at 0x8000 (linker/raspi2b.ld); ATAGs or the DTB below it. */
#define RASPI2B_RAM_BASE       0x00000000u
#define RASPI2B_RAM_MAP_SIZE   0x3c000000u

/*
 * The hypervisor's RAM (kernel/hv.h, docs/hypervisor.md): above tern's
 * 16 MiB (linker/raspi2b.ld), eight 4 MiB slots where a loader leaves
 * guest ELF files (-device loader,file=G.elf,addr=SLOT,force-raw=on; on
 * the board, U-Boot's load or config.txt's initramfs), then the guests'
 * RAM, 16 MiB each: all eight fit far below the GPU's share.
 */
#define RASPI2B_HV_IMAGE_BASE  0x01000000u
#define RASPI2B_HV_IMAGE_SLOT  (4u << 20)
#define RASPI2B_HV_IMAGE_SLOTS 8u
#define RASPI2B_HV_GUEST_BASE  0x03000000u
#define RASPI2B_HV_GUEST_RAM   (16u << 20)

/* The BCM2835 peripherals, 16 MiB. */
#define RASPI2B_PERIPH_BASE    0x3f000000u
#define RASPI2B_PERIPH_SIZE    0x01000000u

/* UART0, the PL011 (QEMU connects its first -serial to it; on the board,
 * GPIO 14/15 when config.txt says enable_uart=1). init_uart_clock in
 * config.txt sets its UARTCLK to 48 MHz. */
#define RASPI2B_PL011_BASE     0x3f201000u
#define RASPI2B_PL011_CLK_HZ   48000000u
#define RASPI2B_CONSOLE_BAUD   115200u

/*
 * The ARM local block (QA7_rev3.4): the core timer's prescaler, interrupt
 * routing for each core's generic timer and mailboxes, and the mailboxes
 * themselves. No GIC: each core's timer interrupts reach it through
 * RASPI2B_LOCAL_TIMER_CTL(n), GPU interrupts through GPU_ROUTE.
 */
#define RASPI2B_LOCAL_BASE        0x40000000u
#define RASPI2B_LOCAL_SIZE        0x00040000u
#define RASPI2B_LOCAL_CONTROL     0x000u  /* timer clock source, increment */
#define RASPI2B_LOCAL_PRESCALER   0x008u  /* core timer = 19.2 MHz * P / 2^31 */
#define RASPI2B_LOCAL_GPU_ROUTE   0x00cu  /* GPU IRQ [1:0], FIQ [3:2]: core */
#define RASPI2B_LOCAL_TIMER_CTL(n)   (0x040u + 4u * (n))
#define RASPI2B_LOCAL_MBOX_CTL(n)    (0x050u + 4u * (n))
#define RASPI2B_LOCAL_IRQ_SOURCE(n)  (0x060u + 4u * (n))
/* Mailbox m of core n: write-set, and read / write-1s-to-clear. */
#define RASPI2B_LOCAL_MBOX_SET(n, m) (0x080u + 16u * (n) + 4u * (m))
#define RASPI2B_LOCAL_MBOX_CLR(n, m) (0x0c0u + 16u * (n) + 4u * (m))

/* RASPI2B_LOCAL_TIMER_CTL bits: the generic timer's outputs as IRQ (and
 * as FIQ, 4 bits up, which wins when both are set). */
#define RASPI2B_TIMER_CNTPS_IRQ   (1u << 0)
#define RASPI2B_TIMER_CNTPNS_IRQ  (1u << 1)
#define RASPI2B_TIMER_CNTHP_IRQ   (1u << 2)
#define RASPI2B_TIMER_CNTV_IRQ    (1u << 3)
/* 2^31: the prescaler passes the 19.2 MHz crystal through unchanged. */
#define RASPI2B_PRESCALER_1_1     0x80000000u

/*
 * The generic timer's rate on the board: 19.2 MHz crystal, prescaler
 * 1:1 (the GPU firmware writes it to CNTFRQ). tern writes it only when
 * CNTFRQ reads 0. QEMU 7.2's raspi2b is different: its counter runs at
 * 62.5 MHz and CNTFRQ resets to that (measured), so tern keeps it.
 */
#define RASPI2B_COUNTER_HZ     19200000u

/* The BCM2836 has four cores; the GPU firmware holds cores 1-3 in its
 * own pen, polling mailbox 3, and QEMU starts all four at tern's entry
 * (boot/entry.S parks them in HYP). */
#define RASPI2B_CPUS           4
#define RASPI2B_FW_PEN_MBOX    3

#endif
