/*
 * g_irq: interrupts through the GICv2 (distributor 0x08000000, CPU
 * interface 0x08010000) into the IRQ vector: software-generated interrupts
 * (GICD_SGIR to this CPU), the physical timer (CNTP, PPI 30) and the virtual
 * timer (CNTV, PPI 27), pending state while CPSR.I masks them, the priority
 * mask (PMR) holding back a lower-priority interrupt, a higher-priority
 * interrupt taken first when both are pending, and an IRQ taken from User
 * mode. The transcript holds no timing-dependent values. (run_timer covers
 * the virtual timer's basic cycle; this adds the rest.)
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "g_vectors.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define R32(a) (*(volatile uint32_t *)(a))
#define R8(a) (*(volatile uint8_t *)(a))
#define X32 "%08" PRIx32

#define SGI_A 5u
#define SGI_B 9u
#define PPI_VTIMER 27u
#define PPI_PTIMER 30u

static volatile uint32_t n_irq, order[16], n_order, from_mode[16];

static void cntp_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" ::"r"(v));
}

static void cntp_tval(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 0\n\tisb" ::"r"(v));
}

static void cntv_ctl(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 1\n\tisb" ::"r"(v));
}

static void cntv_tval(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c3, 0\n\tisb" ::"r"(v));
}

static uint32_t cntfrq(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

void g_irq(struct exc_frame *f)
{
	f->lr -= 4;
	for (;;) {
		uint32_t iar = R32(GICC + 0x0c);
		uint32_t irq = iar & 0x3ff;
		if (irq >= 1020)
			break;
		if (irq == PPI_PTIMER)
			cntp_ctl(0); /* its level falls */
		if (irq == PPI_VTIMER)
			cntv_ctl(0);
		if (n_order < 16) {
			order[n_order] = iar;
			from_mode[n_order] = f->spsr & 0x1f;
			n_order++;
		}
		n_irq++;
		R32(GICC + 0x10) = iar; /* EOI */
	}
}

uint32_t g_svc(struct exc_frame *f)
{
	uint32_t imm = f->spsr & G_SPSR_T ? *(volatile uint16_t *)(f->lr - 2) & 0xff
					  : *(volatile uint32_t *)(f->lr - 4) & 0xffffff;
	return imm == 0xff;
}

void g_und(struct exc_frame *f)
{
	printf("unexpected undefined instruction at " X32 "\n", f->lr);
}

void g_pabt(struct exc_frame *f)
{
	printf("unexpected prefetch abort at " X32 "\n", f->lr);
}

void g_dabt(struct exc_frame *f)
{
	printf("unexpected data abort at " X32 "\n", f->lr);
	f->lr -= 4;
}

static void irqs_on(void)
{
	__asm__ volatile("cpsie i" ::: "memory");
}

static void irqs_off(void)
{
	__asm__ volatile("cpsid i" ::: "memory");
}

static void sgi(uint32_t id)
{
	R32(GICD + 0xf00) = 2u << 24 | id; /* TargetListFilter 2: this CPU */
	__asm__ volatile("dsb" ::: "memory");
}

static void report(const char *what)
{
	printf("%s: %" PRIu32 " irq(s):", what, n_order);
	for (uint32_t i = 0; i < n_order; i++)
		printf(" %" PRIu32 "(cpu %" PRIu32 ", mode %02" PRIx32 ")", order[i] & 0x3ff,
		       order[i] >> 10 & 7, from_mode[i]);
	printf("\n");
	n_order = 0;
}

/* Called with IRQs on. The check and the WFI run with IRQs masked: an
 * interrupt that comes between them stays pending and ends the WFI
 * (ARM ARM B1.8.13), instead of being taken before it and leaving the
 * WFI waiting for one more. */
static void wait_irqs(uint32_t n)
{
	for (;;) {
		irqs_off();
		if (n_irq >= n)
			break;
		__asm__ volatile("wfi" ::: "memory");
		irqs_on();
	}
	irqs_on();
}

static uint32_t user_fn(uint32_t n)
{
	sgi(SGI_A); /* MMU off: User mode reaches the GIC too */
	while (n_irq < n)
		;
	return n_irq;
}

static uint8_t user_stack[8192] __attribute__((aligned(8)));

int main(void)
{
	printf("g_irq: start\n");
	g_vectors_install();
	printf("gic: typer " X32 " iidr " X32 " cpu iidr " X32 "\n", R32(GICD + 4), R32(GICD + 8),
	       R32(GICC + 0xfc));

	R32(GICD + 0x000) = 1;
	R8(GICD + 0x400 + SGI_A) = 0x80;
	R8(GICD + 0x400 + SGI_B) = 0x40;
	R8(GICD + 0x400 + PPI_PTIMER) = 0x60;
	R8(GICD + 0x400 + PPI_VTIMER) = 0x70;
	R32(GICD + 0x100) = 1u << SGI_A | 1u << SGI_B | 1u << PPI_PTIMER | 1u << PPI_VTIMER;
	R32(GICC + 0x004) = 0xf0;
	R32(GICC + 0x000) = 1;
	printf("gic: enabled " X32 " priorities %02x %02x %02x %02x\n", R32(GICD + 0x100),
	       R8(GICD + 0x400 + SGI_A), R8(GICD + 0x400 + SGI_B), R8(GICD + 0x400 + PPI_PTIMER),
	       R8(GICD + 0x400 + PPI_VTIMER));

	/* an SGI with IRQs masked: pending, the highest pending, then taken */
	sgi(SGI_A);
	printf("sgi masked: pending " X32 " hppir " X32 " taken %" PRIu32 "\n", R32(GICD + 0x200),
	       R32(GICC + 0x18), n_irq);
	irqs_on();
	wait_irqs(1);
	irqs_off();
	report("sgi");

	/* two pending at once: the higher priority (lower value) first */
	sgi(SGI_A);
	sgi(SGI_B);
	printf("two pending " X32 " hppir " X32 "\n", R32(GICD + 0x200), R32(GICC + 0x18));
	irqs_on();
	wait_irqs(3);
	irqs_off();
	report("two sgis");

	/* the priority mask holds back SGI_A (0x80), not SGI_B (0x40) */
	R32(GICC + 0x004) = 0x80;
	sgi(SGI_A);
	sgi(SGI_B);
	irqs_on();
	wait_irqs(4);
	for (volatile int i = 0; i < 1000; i++)
		;
	irqs_off();
	printf("pmr 80: taken %" PRIu32 ", still pending " X32 "\n", n_irq, R32(GICD + 0x200));
	R32(GICC + 0x004) = 0xf0;
	irqs_on();
	wait_irqs(5);
	irqs_off();
	report("pmr");

	/* the physical timer, three times */
	uint32_t freq = cntfrq();
	for (int t = 0; t < 3; t++) {
		cntp_tval(freq / 2000);
		cntp_ctl(1);
		irqs_on();
		wait_irqs(6 + (uint32_t)t);
		irqs_off();
	}
	report("physical timer");

	/* both timers armed; each fires once */
	cntp_tval(freq / 1000);
	cntv_tval(freq / 1000);
	cntp_ctl(1);
	cntv_ctl(1);
	irqs_on();
	wait_irqs(10);
	irqs_off();
	printf("both timers: %" PRIu32 " irqs\n", n_order);
	n_order = 0;

	/* an IRQ taken from User mode */
	uint32_t r = g_run_user(user_fn, 11, user_stack + sizeof(user_stack));
	printf("user mode saw %" PRIu32 " irqs\n", r);
	report("user");

	printf("gic: active " X32 " pending " X32 " rpr %02" PRIx32 "\n", R32(GICD + 0x300),
	       R32(GICD + 0x200), R32(GICC + 0x14));
	printf("done\n");
	return 0;
}
