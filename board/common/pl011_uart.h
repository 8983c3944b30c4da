/*
 * ARM PrimeCell UART (PL011) driver. Every function takes the UART's base
 * address, so all firmware boards share it (virt, vexpress-a15 UART0,
 * raspi2b UART0). Transmit is polled; receive is polled, or drained into
 * a ring by the receive interrupt (pl011_uart_rx_irq) where the board
 * routes it, so that bytes are not lost while guests run.
 */
#ifndef TERN_BOARD_COMMON_PL011_UART_H
#define TERN_BOARD_COMMON_PL011_UART_H

#include <stdbool.h>
#include <stdint.h>

/* Received bytes waiting to be read: a power of two. 8 KiB is 0.7 s at
 * 115200 baud, longer than tern keeps the core without reading. */
#define PL011_RX_RING 8192u

struct pl011_rx {
	uint8_t buf[PL011_RX_RING];
	uint32_t head, tail;        /* free-running: head - tail bytes held */
	bool held;                  /* ring full: the interrupt is masked and
				     * bytes wait in the UART's FIFO */
};

/* 8N1 at `baud`, FIFOs on, all UART interrupts masked. */
void pl011_uart_init(uintptr_t base, uint32_t clk_hz, uint32_t baud);
/* Waits while the transmit FIFO is full. Sends the byte unchanged. */
void pl011_uart_putc(uintptr_t base, char c);
/* The next received byte (0-255): the ring's first, else the FIFO's; -1
 * when both are empty. `rx` may be NULL (no ring). Unmasks the receive
 * interrupt again once the ring has room. */
int pl011_uart_getc(uintptr_t base, struct pl011_rx *rx);
/* Whether pl011_uart_getc has a byte: in the ring or in the FIFO. */
bool pl011_uart_rx_ready(uintptr_t base, const struct pl011_rx *rx);
/* Unmask the receive and receive-timeout interrupts (UARTIMSC). */
void pl011_uart_rx_irq_enable(uintptr_t base);
/* The receive interrupt: the FIFO into the ring, as far as it goes; a
 * full ring masks the interrupt (the FIFO fills, and a peer with flow
 * control, QEMU's chardev, waits) until pl011_uart_getc makes room. */
void pl011_uart_rx_irq(uintptr_t base, struct pl011_rx *rx);

#endif
