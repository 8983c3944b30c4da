/*
 * ARM PrimeCell UART (PL011) driver, polled, no interrupts. Every function
 * takes the UART's base address, so all firmware boards share it (virt,
 * vexpress-a15 UART0, raspi2b UART0).
 */
#ifndef TERN_BOARD_COMMON_PL011_UART_H
#define TERN_BOARD_COMMON_PL011_UART_H

#include <stdint.h>

/* 8N1 at `baud`, FIFOs on, all UART interrupts masked. */
void pl011_uart_init(uintptr_t base, uint32_t clk_hz, uint32_t baud);
/* Waits while the transmit FIFO is full. Sends the byte unchanged. */
void pl011_uart_putc(uintptr_t base, char c);
/* The next received byte (0-255), or -1 when the receive FIFO is empty. */
int pl011_uart_getc(uintptr_t base);

#endif
