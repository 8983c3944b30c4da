/*
 * PL011 UART model (ARM PrimeCell UART, DDI 0183) as QEMU 7.2's pl011
 * presents it on -M virt: transmit is immediate (TXFE always set, BUSY never),
 * receive has a 16-byte FIFO (1 byte with FIFOs off), the RX and TX
 * interrupts drive one combined line (UARTINTR, SPI 1 = GIC irq 33).
 * Field names follow QEMU's "pl011" VMState so a later section can map them.
 */
#ifndef TERN_KERNEL_DEV_PL011_H
#define TERN_KERNEL_DEV_PL011_H

#include <stdbool.h>
#include <stdint.h>

#define PL011_SIZE 0x1000u

/* UARTFR bits */
#define PL011_FR_BUSY 0x08u
#define PL011_FR_RXFE 0x10u
#define PL011_FR_TXFF 0x20u
#define PL011_FR_RXFF 0x40u
#define PL011_FR_TXFE 0x80u

/* UARTRIS/MIS/IMSC/ICR bits */
#define PL011_INT_RX 0x10u
#define PL011_INT_TX 0x20u

#define PL011_FIFO 16u

struct pl011 {
	uint32_t readbuff;
	uint32_t flags;      /* UARTFR */
	uint32_t lcr;        /* UARTLCR_H */
	uint32_t rsr;        /* UARTRSR/ECR */
	uint32_t cr;         /* UARTCR */
	uint32_t dmacr;
	uint32_t int_enabled; /* UARTIMSC */
	uint32_t int_level;   /* UARTRIS */
	uint32_t read_fifo[PL011_FIFO];
	uint32_t ilpr, ibrd, fbrd, ifl;
	uint32_t read_pos, read_count, read_trigger;

	/* wiring: bytes out, the interrupt line */
	void (*tx)(void *ctx, uint8_t c);
	void (*irq)(void *ctx, bool level);
	void *ctx;
	bool irq_level;
};

void pl011_init(struct pl011 *u, void (*tx)(void *ctx, uint8_t c),
		void (*irq)(void *ctx, bool level), void *ctx);
/* Registers at their reset values; the line is lowered. */
void pl011_reset(struct pl011 *u);
/* Register access at `off` (0 .. PL011_SIZE-1); any access size reads or
 * writes the whole register, as QEMU's model does. */
uint32_t pl011_read(struct pl011 *u, uint32_t off);
void pl011_write(struct pl011 *u, uint32_t off, uint32_t val);
/* True when the receive FIFO can take a byte. */
bool pl011_can_receive(const struct pl011 *u);
/* A byte from the outside world; false (and dropped) when the FIFO is full. */
bool pl011_receive(struct pl011 *u, uint8_t c);

#endif
