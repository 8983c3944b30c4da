/*
 * PL011 UART model. Register behaviour follows QEMU 7.2's hw/char/pl011.c,
 * checked against qemu-system-arm -M virt: IBRD/FBRD/LCR_H/CR/IFLS/IMSC keep
 * what was written, unmasked; each byte written to UARTDR raises the TX
 * interrupt (cleared through UARTICR only); RX raises when the FIFO reaches
 * the trigger level (always 1 in QEMU) and falls when it is read below it.
 */
#include "kernel/dev_pl011.h"

/* PrimeCell identification, UARTPeriphID0-3 and UARTPCellID0-3 (0xfe0..). */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static void update(struct pl011 *u)
{
	bool level = (u->int_level & u->int_enabled) != 0;
	if (level != u->irq_level) {
		u->irq_level = level;
		if (u->irq)
			u->irq(u->ctx, level);
	}
}

void pl011_init(struct pl011 *u, void (*tx)(void *ctx, uint8_t c),
		void (*irq)(void *ctx, bool level), void *ctx)
{
	u->tx = tx;
	u->irq = irq;
	u->ctx = ctx;
	u->irq_level = false;
	pl011_reset(u);
}

void pl011_reset(struct pl011 *u)
{
	u->readbuff = 0;
	u->lcr = u->rsr = u->dmacr = 0;
	u->int_enabled = u->int_level = 0;
	for (unsigned i = 0; i < PL011_FIFO; i++)
		u->read_fifo[i] = 0;
	u->ilpr = u->ibrd = u->fbrd = 0;
	u->read_pos = u->read_count = 0;
	u->read_trigger = 1;
	u->ifl = 0x12;     /* RX and TX at 1/2 full (UARTIFLS reset) */
	u->cr = 0x300;     /* TXE | RXE */
	u->flags = PL011_FR_TXFE | PL011_FR_RXFE;
	update(u);
}

static unsigned fifo_depth(const struct pl011 *u)
{
	return (u->lcr & 0x10) ? PL011_FIFO : 1; /* LCR_H.FEN */
}

static uint32_t read_dr(struct pl011 *u)
{
	uint32_t c;
	u->flags &= ~PL011_FR_RXFF;
	c = u->read_fifo[u->read_pos];
	if (u->read_count > 0) {
		u->read_count--;
		u->read_pos = (u->read_pos + 1) % PL011_FIFO;
	}
	if (u->read_count == 0)
		u->flags |= PL011_FR_RXFE;
	if (u->read_count == u->read_trigger - 1)
		u->int_level &= ~PL011_INT_RX;
	u->rsr = c >> 8; /* error bits of the data register */
	update(u);
	return c;
}

uint32_t pl011_read(struct pl011 *u, uint32_t off)
{
	if (off >= 0xfe0 && off < 0x1000)
		return (off & 3) ? 0 : pl011_id[(off - 0xfe0) >> 2];
	switch (off >> 2) {
	case 0x00: return read_dr(u);        /* UARTDR */
	case 0x01: return u->rsr;            /* UARTRSR */
	case 0x06: return u->flags;          /* UARTFR */
	case 0x08: return u->ilpr;           /* UARTILPR */
	case 0x09: return u->ibrd;           /* UARTIBRD */
	case 0x0a: return u->fbrd;           /* UARTFBRD */
	case 0x0b: return u->lcr;            /* UARTLCR_H */
	case 0x0c: return u->cr;             /* UARTCR */
	case 0x0d: return u->ifl;            /* UARTIFLS */
	case 0x0e: return u->int_enabled;    /* UARTIMSC */
	case 0x0f: return u->int_level;      /* UARTRIS */
	case 0x10: return u->int_level & u->int_enabled; /* UARTMIS */
	case 0x12: return u->dmacr;          /* UARTDMACR */
	default: return 0;                   /* reserved: RAZ like QEMU */
	}
}

/* out of line under -flto: make bench-hyp's log names its cost */
__attribute__((noinline)) void pl011_write(struct pl011 *u, uint32_t off, uint32_t val)
{
	switch (off >> 2) {
	case 0x00: /* UARTDR: the byte leaves at once; TX interrupt raised */
		if (u->tx)
			u->tx(u->ctx, (uint8_t)val);
		u->int_level |= PL011_INT_TX;
		break;
	case 0x01: u->rsr = 0; break;         /* UARTECR: clear errors */
	case 0x08: u->ilpr = val; break;
	case 0x09: u->ibrd = val; break;
	case 0x0a: u->fbrd = val; break;
	case 0x0b: /* UARTLCR_H: switching FIFOs on or off empties them
		    * (QEMU forgets to update UARTFR there; we keep it true) */
		if ((u->lcr ^ val) & 0x10) {
			u->read_count = 0;
			u->read_pos = 0;
			u->flags = (u->flags & ~PL011_FR_RXFF) | PL011_FR_RXFE;
		}
		u->lcr = val;
		u->read_trigger = 1;
		break;
	case 0x0c: u->cr = val; break;
	case 0x0d: u->ifl = val; u->read_trigger = 1; break;
	case 0x0e: u->int_enabled = val; break;
	case 0x11: u->int_level &= ~val; break; /* UARTICR */
	case 0x12: u->dmacr = val; break;
	default: return; /* read-only or reserved: ignored */
	}
	update(u);
}

bool pl011_can_receive(const struct pl011 *u)
{
	return u->read_count < fifo_depth(u);
}

bool pl011_receive(struct pl011 *u, uint8_t c)
{
	if (!pl011_can_receive(u))
		return false;
	unsigned slot = (u->read_pos + u->read_count) % PL011_FIFO;
	u->read_fifo[slot] = c;
	u->read_count++;
	u->flags &= ~PL011_FR_RXFE;
	if (u->read_count == fifo_depth(u))
		u->flags |= PL011_FR_RXFF;
	if (u->read_count == u->read_trigger) {
		u->int_level |= PL011_INT_RX;
		update(u);
	}
	return true;
}
