/*
 * The half of a firmware board (virt, vexpress-a15, raspi2b) that is the
 * same everywhere. A board's board.c describes its machine in `fw_board`
 * and provides its interrupt controller set-up; fw_board.c builds
 * kernel/board.h and the boot code's board hooks (boot/boot.h) on that.
 *
 * Board code only: the kernel includes kernel/board.h, never this.
 */
#ifndef TERN_BOARD_COMMON_FW_BOARD_H
#define TERN_BOARD_COMMON_FW_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/board.h"

struct fw_board {
	const char *name;               /* board_name() */
	uintptr_t uart_base;            /* the console, a PL011 */
	uint32_t uart_clk_hz;           /* its UARTCLK */
	uint32_t uart_baud;
	unsigned uart_irq;              /* its GIC interrupt ID; 0: polled */
	uint32_t counter_hz;            /* generic timer's real rate */
	const struct board_mem_region *mem;
	unsigned mem_count;
	/* QEMU implements PSCI itself when the machine has no EL3 (virt
	 * only): SMC with EL2, HVC without (spec/qemu-7.2-boot-modes.md). */
	bool qemu_psci;
};

/* In board/<name>/board.c. */
extern const struct fw_board fw_board;

/* The interrupt controller in tern's own mode, boot core, from
 * board_init(): everything disabled, the controller on. Also in board.c,
 * with board_secure_init() (boot/boot.h). */
void fw_board_irq_init(void);

#endif
