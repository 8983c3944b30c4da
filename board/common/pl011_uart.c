/*
 * PL011 UART: transmit polled, receive polled or by interrupt. Register offsets and bits from the PrimeCell UART
 * (PL011) Technical Reference Manual, ARM DDI 0183, section 3. Shared by
 * every firmware board: virt (0x09000000), vexpress-a15 (UART0,
 * 0x1c090000), raspi2b (UART0, 0x3f201000).
 *
 * The registers are Strongly-ordered (MMU off) or Device memory (tern's
 * identity map, boot/mmu.c), and accesses to one device of either kind
 * reach it in program order (ARM ARM A3.5, memory types and attributes),
 * so no barriers are needed between the register accesses below;
 * volatile keeps the compiler from merging them.
 */
#include "board/common/pl011_uart.h"

#define PL011_DR    0x000u  /* data */
#define PL011_FR    0x018u  /* flags */
#define PL011_IBRD  0x024u  /* integer baud divisor */
#define PL011_FBRD  0x028u  /* fractional baud divisor, 64ths */
#define PL011_LCR_H 0x02cu  /* line control */
#define PL011_CR    0x030u  /* control */
#define PL011_IMSC  0x038u  /* interrupt mask set/clear */
#define PL011_ICR   0x044u  /* interrupt clear */

#define PL011_IMSC_RXIM (1u << 4)  /* receive (FIFO at its trigger level) */
#define PL011_IMSC_RTIM (1u << 6)  /* receive timeout (FIFO not empty, idle) */

#define PL011_FR_BUSY (1u << 3)
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)

#define PL011_LCR_H_FEN    (1u << 4)
#define PL011_LCR_H_WLEN_8 (3u << 5)

#define PL011_CR_UARTEN (1u << 0)
#define PL011_CR_TXE    (1u << 8)
#define PL011_CR_RXE    (1u << 9)

static inline uint32_t pl011_uart_rd(uintptr_t base, uint32_t reg)
{
	return *(volatile uint32_t *)(base + reg);
}

static inline void pl011_uart_wr(uintptr_t base, uint32_t reg, uint32_t val)
{
	*(volatile uint32_t *)(base + reg) = val;
}

void pl011_uart_init(uintptr_t base, uint32_t clk_hz, uint32_t baud)
{
	/* The divisor in 64ths, rounded: UARTCLK / (16 * baud) (TRM 3.3.6).
	 * 32 bits hold it: UART clocks are far below 1 GHz. */
	uint32_t div64 = (clk_hz * 4u + baud / 2u) / baud;

	/* TRM 3.3.8: disable, let the character in flight finish, flush the
	 * transmit FIFO by clearing FEN, then reprogram and enable. */
	pl011_uart_wr(base, PL011_CR, 0);
	while (pl011_uart_rd(base, PL011_FR) & PL011_FR_BUSY)
		;
	pl011_uart_wr(base, PL011_LCR_H, 0);
	pl011_uart_wr(base, PL011_IMSC, 0);
	pl011_uart_wr(base, PL011_ICR, 0x7ff);
	pl011_uart_wr(base, PL011_IBRD, div64 >> 6);
	pl011_uart_wr(base, PL011_FBRD, div64 & 0x3f);
	/* LCR_H must be written after the divisors: it latches them. */
	pl011_uart_wr(base, PL011_LCR_H,
		      PL011_LCR_H_WLEN_8 | PL011_LCR_H_FEN);
	pl011_uart_wr(base, PL011_CR,
		      PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
}

/* out of line under -flto: make bench-hyp's log names its cost */
__attribute__((noinline)) void pl011_uart_putc(uintptr_t base, char c)
{
	while (pl011_uart_rd(base, PL011_FR) & PL011_FR_TXFF)
		;
	pl011_uart_wr(base, PL011_DR, (uint8_t)c);
}

/* The FIFO's next byte, or -1. */
static int pl011_uart_fifo_getc(uintptr_t base)
{
	uint32_t dr;

	if (pl011_uart_rd(base, PL011_FR) & PL011_FR_RXFE)
		return -1;
	/* Reading DR pops the FIFO; a byte with an error flag is still the
	 * byte that arrived, and the transfer protocols check CRCs. */
	dr = pl011_uart_rd(base, PL011_DR);
	return (int)(dr & 0xffu);
}

int pl011_uart_getc(uintptr_t base, struct pl011_rx *rx)
{
	if (!rx)
		return pl011_uart_fifo_getc(base);
	if (rx->held && rx->head - rx->tail <= PL011_RX_RING / 2) {
		rx->held = false;
		pl011_uart_rx_irq_enable(base);
	}
	/* The ring holds older bytes than the FIFO: it first. */
	if (rx->head != rx->tail)
		return rx->buf[rx->tail++ % PL011_RX_RING];
	return pl011_uart_fifo_getc(base);
}

bool pl011_uart_rx_ready(uintptr_t base, const struct pl011_rx *rx)
{
	if (rx && rx->head != rx->tail)
		return true;
	return !(pl011_uart_rd(base, PL011_FR) & PL011_FR_RXFE);
}

void pl011_uart_rx_irq_enable(uintptr_t base)
{
	pl011_uart_wr(base, PL011_IMSC, PL011_IMSC_RXIM | PL011_IMSC_RTIM);
}

/* Emptying the FIFO below its trigger level clears both interrupts
 * (TRM 3.4.3, UARTRXINTR and UARTRTINTR); masking them does too. */
void pl011_uart_rx_irq(uintptr_t base, struct pl011_rx *rx)
{
	while (rx->head - rx->tail < PL011_RX_RING) {
		int c = pl011_uart_fifo_getc(base);

		if (c < 0)
			return;
		rx->buf[rx->head++ % PL011_RX_RING] = (uint8_t)c;
	}
	rx->held = true;
	pl011_uart_wr(base, PL011_IMSC, 0);
}
