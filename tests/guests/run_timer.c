/*
 * run_timer: the virtual timer (CNTV) interrupting through the GICv2
 * (PPI 27). The IRQ handler acknowledges, counts, stops the timer and
 * ends the interrupt; main sleeps in WFI, prints each tick and re-arms. Printed
 * values do not depend on timing, so the transcript is deterministic.
 * Then the PL011's transmit interrupt (UARTIMSC.TXIM, SPI 33): raised by
 * each byte written, taken once, cleared (UARTICR) and masked again.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "guest.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define R32(a) (*(volatile uint32_t *)(a))
#define PPI_VTIMER 27u
#define TICKS 5u
#define UART 0x09000000u
#define SPI_UART 33u
#define UART_TX (1u << 5)     /* TXIM, TXRIS, TXMIS, TXIC */

static volatile uint32_t ticks, last_iar, spurious, uart_irqs, uart_mis;

static void cntv_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" ::"r"(v));
}

static uint32_t cntv_ctl_read(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(v));
	return v;
}

static void cntv_tval(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" ::"r"(v));
}

void irq_handler(void);
void __attribute__((used)) irq_handler(void)
{
	uint32_t iar = R32(GICC + 0x0c);
	uint32_t irq = iar & 0x3ff;
	if (irq == PPI_VTIMER) {
		/* Stop the timer (its level falls); main re-arms it after
		 * printing, so no tick is ever missed however slow that is. */
		last_iar = iar;
		cntv_ctl(0);
		ticks++;
	} else if (irq == SPI_UART) {
		uart_mis = R32(UART + 0x40);       /* UARTMIS */
		R32(UART + 0x44) = UART_TX;        /* UARTICR */
		R32(UART + 0x38) = 0;              /* UARTIMSC: masked */
		uart_irqs++;
	} else if (irq >= 1020) {
		spurious++;
		return;
	}
	R32(GICC + 0x10) = iar;
}

/* A vector table of our own: IRQ goes to irq_entry, the rest to the
 * runtime's reporter. */
__asm__(".section .text.vectors, \"ax\"\n"
	".balign 32\n"
	".global timer_vectors\n"
	"timer_vectors:\n"
	"	b guest_vectors + 0x00\n"
	"	b guest_vectors + 0x04\n"
	"	b guest_vectors + 0x08\n"
	"	b guest_vectors + 0x0c\n"
	"	b guest_vectors + 0x10\n"
	"	b guest_vectors + 0x14\n"
	"	b irq_entry\n"
	"	b guest_vectors + 0x1c\n"
	"irq_entry:\n"
	"	sub lr, lr, #4\n"
	"	srsdb sp!, #0x13\n"     /* save LR_irq, SPSR_irq on the SVC stack */
	"	cps #0x13\n"
	"	push {r0-r3, r12, lr}\n"
	"	mov r1, sp\n"
	"	and r1, r1, #4\n"        /* keep the stack 8-byte aligned for C */
	"	sub sp, sp, r1\n"
	"	push {r1, r2}\n"
	"	bl irq_handler\n"
	"	pop {r1, r2}\n"
	"	add sp, sp, r1\n"
	"	pop {r0-r3, r12, lr}\n"
	"	rfeia sp!\n"
	".text\n");

extern char timer_vectors[];

int main(void)
{
	uint32_t freq = guest_cntfrq();
	printf("timer: frequency %s\n", freq == 62500000u ? "62.5 MHz" : "other");
	printf("gic: typer %08" PRIx32 " iidr %08" PRIx32 "\n", R32(GICD + 4), R32(GICD + 8));

	__asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n\tisb" ::"r"(timer_vectors));

	R32(GICD + 0x000) = 1;                        /* GICD_CTLR */
	R32(GICD + 0x400 + PPI_VTIMER) = 0;           /* byte: priority 0 ... */
	*(volatile uint8_t *)(GICD + 0x400 + PPI_VTIMER) = 0xa0; /* ... then 0xa0 */
	R32(GICD + 0x100) = 1u << PPI_VTIMER;         /* ISENABLER0 */
	R32(GICC + 0x004) = 0xf0;                     /* PMR */
	R32(GICC + 0x000) = 1;                        /* GICC_CTLR */
	printf("gic: enabled %08" PRIx32 " prio %02x pmr %02" PRIx32 "\n", R32(GICD + 0x100),
	       *(volatile uint8_t *)(GICD + 0x400 + PPI_VTIMER), R32(GICC + 4));

	/* Masked first: the timer condition shows in ISTATUS, no interrupt. */
	cntv_tval(0);
	cntv_ctl(3); /* ENABLE | IMASK */
	while (!(cntv_ctl_read() & 4))
		;
	printf("timer: masked ctl %" PRIx32 " pending %08" PRIx32 "\n", cntv_ctl_read(),
	       R32(GICD + 0x200));
	cntv_ctl(0);
	printf("timer: off pending %08" PRIx32 "\n", R32(GICD + 0x200));

	cntv_tval(freq / 1000u);
	cntv_ctl(1); /* ENABLE */
	__asm__ volatile("cpsie i");
	uint32_t seen = 0;
	while (seen < TICKS) {
		/* The check and the WFI with IRQs masked: a tick that comes
		 * between them stays pending and ends the WFI (ARM ARM
		 * B1.8.13) instead of being handled first and leaving the
		 * WFI waiting for a timer that is off. */
		__asm__ volatile("cpsid i" ::: "memory");
		if (ticks == seen)
			__asm__ volatile("wfi" ::: "memory");
		__asm__ volatile("cpsie i" ::: "memory");
		if (ticks != seen) {
			seen = ticks;
			printf("tick %" PRIu32 " iar %" PRIu32 " rpr %02" PRIx32 "\n", seen, last_iar,
			       R32(GICC + 0x14));
			if (seen < TICKS) {
				cntv_tval(freq / 1000u);
				cntv_ctl(1);
			}
		}
	}
	__asm__ volatile("cpsid i");
	printf("timer: ctl %" PRIx32 " active %08" PRIx32 " spurious %s\n", cntv_ctl_read(),
	       R32(GICD + 0x300), spurious ? "some" : "none");

	/* The UART's transmit interrupt: cleared, then unmasked; the next
	 * byte printed raises it (IRQs masked: it waits, pending). */
	*(volatile uint8_t *)(GICD + 0x400 + SPI_UART) = 0x90;
	R32(GICD + 0x104) = 1u << (SPI_UART - 32u);   /* ISENABLER1 */
	R32(UART + 0x44) = 0x7ff;                     /* UARTICR: all */
	uint32_t ris = R32(UART + 0x3c);              /* UARTRIS */
	R32(UART + 0x38) = UART_TX;
	printf("uart: ris %08" PRIx32 " imsc %08" PRIx32 "\n", ris, R32(UART + 0x38));
	uint32_t pend = R32(GICD + 0x204);
	__asm__ volatile("cpsie i");
	while (!uart_irqs)
		__asm__ volatile("wfi");
	__asm__ volatile("cpsid i");
	printf("uart: pending %08" PRIx32 " irqs %" PRIu32 " mis %08" PRIx32
	       " then pending %08" PRIx32 "\n", pend, uart_irqs, uart_mis,
	       R32(GICD + 0x204));
	printf("done\n");
	return 0;
}
