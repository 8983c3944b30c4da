/*
 * kernel/dev_gic.c through the GICv2 virtualization interface (ARM IHI
 * 0048B chapter 5): what gic_lr_fill() puts in list registers, what
 * gic_lr_sync() makes of the guest's acknowledge and EOI, and the CPU
 * interface as GICH_VMCR / GICH_APR. The register-level behaviour of the
 * model itself is in test_vm_devices.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/dev_gic.h"

#define SGI_A 1u
#define SGI_B 2u
#define PPI_VTIMER 27u
#define SPI_UART 33u

#define LR_ID(lr)    ((lr) & 0x3ffu)
#define LR_PRIO(lr)  (((lr) >> GIC_LR_PRIO_SHIFT) & 0x1fu)
#define LR_STATE(lr) ((lr) & (GIC_LR_PENDING | GIC_LR_ACTIVE))

static void dist_w(struct gic *g, uint32_t off, uint32_t v)
{
	gic_dist_write(g, off, 4, v);
}

static void prio(struct gic *g, unsigned irq, uint8_t p)
{
	gic_dist_write(g, 0x400 + irq, 1, p);
}

/* Distributor and CPU interface on, SGI_A 0x80, SGI_B 0x40, the virtual
 * timer 0x70, the UART 0x90, all enabled. */
static void setup(struct gic *g)
{
	gic_init(g, NULL, NULL);
	dist_w(g, 0x000, 1);
	prio(g, SGI_A, 0x80);
	prio(g, SGI_B, 0x40);
	prio(g, PPI_VTIMER, 0x70);
	prio(g, SPI_UART, 0x90);
	dist_w(g, 0x100, 1u << PPI_VTIMER);
	dist_w(g, 0x104, 1u << (SPI_UART - 32));
	gic_cpu_write(g, 0x004, 0xf0);
	gic_cpu_write(g, 0x000, 1);
}

static void sgi(struct gic *g, unsigned n)
{
	dist_w(g, 0xf00, 2u << 24 | n);     /* to the requester itself */
}

static void test_nothing_to_fill(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };

	(void)state;
	setup(&g);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.hcr, 0);
}

static void test_pending_by_priority(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };

	(void)state;
	setup(&g);
	sgi(&g, SGI_A);
	sgi(&g, SGI_B);
	gic_set_irq(&g, SPI_UART, true);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 3);
	assert_int_equal(LR_ID(l.lr[0]), SGI_B);
	assert_int_equal(LR_ID(l.lr[1]), SGI_A);
	assert_int_equal(LR_ID(l.lr[2]), SPI_UART);
	assert_int_equal(LR_PRIO(l.lr[0]), 0x40 >> 3);
	assert_int_equal(LR_PRIO(l.lr[2]), 0x90 >> 3);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(LR_STATE(l.lr[i]), GIC_LR_PENDING);
	/* SGIs are edge-triggered: no EOI maintenance; the UART's line is
	 * a level, its completion comes back */
	assert_false(l.lr[0] & GIC_LR_EOI);
	assert_true(l.lr[2] & GIC_LR_EOI);
	assert_int_equal(l.hcr, 0);
}

static void test_disabled_distributor_holds_back(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };

	(void)state;
	setup(&g);
	sgi(&g, SGI_A);
	dist_w(&g, 0x000, 0);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 0);
}

static void test_more_than_fit(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };

	(void)state;
	setup(&g);
	for (unsigned n = 3; n < 9; n++)
		sgi(&g, n);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.hcr, GIC_LR_HCR_NPIE);
}

/* The guest acknowledges SGI_B (pending -> active) and completes SGI_A
 * (pending -> gone): the model's pending and active registers say so. */
static void test_sync_acknowledge_and_eoi(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };
	uint32_t now[2];

	(void)state;
	setup(&g);
	sgi(&g, SGI_A);
	sgi(&g, SGI_B);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 2);
	now[0] = (l.lr[0] & ~GIC_LR_PENDING) | GIC_LR_ACTIVE;  /* SGI_B */
	now[1] = 0;                                            /* SGI_A */
	gic_lr_sync(&g, &l, now);
	assert_int_equal(gic_dist_read(&g, 0x200, 4) & 0xffffu, 0);
	assert_int_equal(gic_dist_read(&g, 0x300, 4), 1u << SGI_B);

	/* refilled: the active one again, active, so that it can complete */
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 1);
	assert_int_equal(LR_ID(l.lr[0]), SGI_B);
	assert_int_equal(LR_STATE(l.lr[0]), GIC_LR_ACTIVE);
	now[0] = 0;
	gic_lr_sync(&g, &l, now);
	assert_int_equal(gic_dist_read(&g, 0x300, 4), 0);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 0);
}

/* A level interrupt whose line stays up after the guest's EOI is pending
 * again; one acknowledged while its line is up is active only. */
static void test_level_line_still_up(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };
	uint32_t now[1];

	(void)state;
	setup(&g);
	gic_set_irq(&g, SPI_UART, true);
	gic_lr_fill(&g, &l, 4);
	now[0] = (l.lr[0] & ~GIC_LR_PENDING) | GIC_LR_ACTIVE;
	gic_lr_sync(&g, &l, now);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 1);
	assert_int_equal(LR_STATE(l.lr[0]), GIC_LR_ACTIVE);
	now[0] = 0;                       /* EOI, the line still up */
	gic_lr_sync(&g, &l, now);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 1);
	assert_int_equal(LR_STATE(l.lr[0]), GIC_LR_PENDING);
	gic_set_irq(&g, SPI_UART, false);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 0);
}

/* The hardware entry: HW set, the physical ID the same, no EOI bit. */
static void test_hardware_entry(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = PPI_VTIMER };

	(void)state;
	setup(&g);
	gic_set_irq(&g, PPI_VTIMER, true);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 1);
	assert_true(l.hw_in);
	assert_true(l.lr[0] & GIC_LR_HW);
	assert_int_equal((l.lr[0] >> GIC_LR_PHYS_SHIFT) & 0x3ffu, PPI_VTIMER);
	assert_int_equal(LR_STATE(l.lr[0]), GIC_LR_PENDING);

	/* disabled in the guest's distributor: no entry for it */
	dist_w(&g, 0x180, 1u << PPI_VTIMER);
	gic_lr_fill(&g, &l, 4);
	assert_int_equal(l.n, 0);
	assert_false(l.hw_in);
}

/* GICH_VMCR and GICH_APR carry the CPU interface and back. */
static void test_cpu_interface_round_trip(void **state)
{
	static struct gic g;
	struct gic_lrs l = { .hw_irq = GIC_SPURIOUS };
	uint32_t vmcr, apr, now[1];

	(void)state;
	setup(&g);
	gic_cpu_write(&g, 0x008, 3);          /* BPR */
	vmcr = gic_vmcr(&g);
	assert_int_equal(vmcr & 0x21fu, 1);   /* VMGrp0En */
	assert_int_equal(vmcr >> 27, 0xf0 >> 3);
	assert_int_equal((vmcr >> 21) & 7u, 3);

	/* the guest lowers PMR to 0x80 and acknowledges SGI_B (0x40) */
	sgi(&g, SGI_B);
	gic_lr_fill(&g, &l, 4);
	now[0] = (l.lr[0] & ~GIC_LR_PENDING) | GIC_LR_ACTIVE;
	gic_lr_sync(&g, &l, now);
	vmcr = (vmcr & ~(0x1fu << 27)) | (0x80u >> 3) << 27;
	apr = 1u << (0x40 >> 3);
	gic_set_vcpu_if(&g, vmcr, apr);
	assert_int_equal(gic_cpu_read(&g, 0x004), 0x80);
	assert_int_equal(gic_cpu_read(&g, 0x008), 3);
	assert_int_equal(gic_cpu_read(&g, 0x014), 0x40);   /* GICC_RPR */
	assert_int_equal(gic_vapr(&g), apr);
	assert_int_equal(gic_vmcr(&g), vmcr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_to_fill),
		cmocka_unit_test(test_pending_by_priority),
		cmocka_unit_test(test_disabled_distributor_holds_back),
		cmocka_unit_test(test_more_than_fit),
		cmocka_unit_test(test_sync_acknowledge_and_eoi),
		cmocka_unit_test(test_level_line_still_up),
		cmocka_unit_test(test_hardware_entry),
		cmocka_unit_test(test_cpu_interface_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
