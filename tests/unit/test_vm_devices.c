/*
 * The platform's device models at register level: PL011, GICv2, PSCI.
 * Expected values are what qemu-system-arm 7.2 -M virt returns for the
 * same accesses (probed with a bare-metal guest).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cpu/arm_cpu.h"
#include "kernel/dev_gic.h"
#include "kernel/dev_pl011.h"
#include "kernel/psci.h"

/* ---- PL011 ---- */

static char tx_buf[64];
static unsigned tx_len;
static int uart_irq_level, uart_irq_changes;

static void tx(void *ctx, uint8_t c)
{
	if (tx_len < sizeof(tx_buf))
		tx_buf[tx_len++] = (char)c;
}

static void uart_irq(void *ctx, bool level)
{
	uart_irq_level = level;
	uart_irq_changes++;
}

static void uart_setup(struct pl011 *u)
{
	tx_len = 0;
	uart_irq_level = 0;
	uart_irq_changes = 0;
	pl011_init(u, tx, uart_irq, NULL);
}

static void test_pl011_reset_and_ids(void **state)
{
	struct pl011 u;
	uart_setup(&u);
	assert_int_equal(pl011_read(&u, 0x18), 0x90); /* FR: TXFE | RXFE */
	assert_int_equal(pl011_read(&u, 0x30), 0x300); /* CR */
	assert_int_equal(pl011_read(&u, 0x34), 0x12); /* IFLS */
	assert_int_equal(pl011_read(&u, 0x2c), 0);
	assert_int_equal(pl011_read(&u, 0x38), 0);
	assert_int_equal(pl011_read(&u, 0x3c), 0);
	static const uint32_t id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (int i = 0; i < 8; i++)
		assert_int_equal(pl011_read(&u, 0xfe0 + 4 * i), id[i]);
	assert_int_equal(pl011_read(&u, 0x100), 0); /* reserved: RAZ */
}

static void test_pl011_registers_stored(void **state)
{
	struct pl011 u;
	uart_setup(&u);
	/* QEMU keeps these as written, unmasked */
	pl011_write(&u, 0x24, 0x12345);
	pl011_write(&u, 0x28, 0xff);
	pl011_write(&u, 0x2c, 0x1ff);
	pl011_write(&u, 0x30, 0xffff);
	pl011_write(&u, 0x34, 0xff);
	assert_int_equal(pl011_read(&u, 0x24), 0x12345);
	assert_int_equal(pl011_read(&u, 0x28), 0xff);
	assert_int_equal(pl011_read(&u, 0x2c), 0x1ff);
	assert_int_equal(pl011_read(&u, 0x30), 0xffff);
	assert_int_equal(pl011_read(&u, 0x34), 0xff);
	pl011_write(&u, 0x18, 0); /* FR is read-only */
	assert_int_equal(pl011_read(&u, 0x18), 0x90);
}

static void test_pl011_tx_interrupt(void **state)
{
	struct pl011 u;
	uart_setup(&u);
	pl011_write(&u, 0x00, 'h');
	pl011_write(&u, 0x00, 0x169); /* only the byte leaves */
	assert_int_equal(tx_len, 2);
	assert_memory_equal(tx_buf, "hi", 2);
	assert_int_equal(pl011_read(&u, 0x3c), PL011_INT_TX); /* RIS */
	assert_int_equal(pl011_read(&u, 0x40), 0);            /* MIS */
	assert_int_equal(uart_irq_level, 0);
	pl011_write(&u, 0x38, PL011_INT_TX); /* IMSC */
	assert_int_equal(pl011_read(&u, 0x40), PL011_INT_TX);
	assert_int_equal(uart_irq_level, 1);
	pl011_write(&u, 0x44, 0x7ff); /* ICR */
	assert_int_equal(pl011_read(&u, 0x3c), 0);
	assert_int_equal(uart_irq_level, 0);
	assert_int_equal(uart_irq_changes, 2);
}

static void test_pl011_rx_no_fifo(void **state)
{
	struct pl011 u;
	uart_setup(&u);
	pl011_write(&u, 0x38, PL011_INT_RX);
	assert_true(pl011_can_receive(&u));
	assert_true(pl011_receive(&u, 'a'));
	/* FIFOs off: one byte fills it */
	assert_int_equal(pl011_read(&u, 0x18), PL011_FR_TXFE | PL011_FR_RXFF);
	assert_false(pl011_can_receive(&u));
	assert_false(pl011_receive(&u, 'b'));
	assert_int_equal(uart_irq_level, 1);
	assert_int_equal(pl011_read(&u, 0x40), PL011_INT_RX);
	assert_int_equal(pl011_read(&u, 0x00), 'a');
	assert_int_equal(pl011_read(&u, 0x18), 0x90);
	assert_int_equal(uart_irq_level, 0);
	assert_int_equal(pl011_read(&u, 0x3c), 0);
}

static void test_pl011_rx_fifo(void **state)
{
	struct pl011 u;
	uart_setup(&u);
	pl011_write(&u, 0x2c, 0x70); /* FEN, 8 bits */
	for (int i = 0; i < 16; i++)
		assert_true(pl011_receive(&u, (uint8_t)('A' + i)));
	assert_false(pl011_receive(&u, 'x'));
	assert_true(pl011_read(&u, 0x18) & PL011_FR_RXFF);
	for (int i = 0; i < 16; i++) {
		assert_false(pl011_read(&u, 0x18) & PL011_FR_RXFE);
		assert_int_equal(pl011_read(&u, 0x00), 'A' + i);
	}
	assert_true(pl011_read(&u, 0x18) & PL011_FR_RXFE);
	/* wrap around the ring */
	assert_true(pl011_receive(&u, '1'));
	assert_true(pl011_receive(&u, '2'));
	assert_int_equal(pl011_read(&u, 0x00), '1');
	assert_int_equal(pl011_read(&u, 0x00), '2');
	/* switching FIFOs off empties them */
	assert_true(pl011_receive(&u, '3'));
	pl011_write(&u, 0x2c, 0x60);
	assert_true(pl011_read(&u, 0x18) & PL011_FR_RXFE);
}

/* ---- GIC ---- */

static int gic_irq, gic_fiq;

static void gic_out(void *ctx, bool irq, bool fiq)
{
	gic_irq = irq;
	gic_fiq = fiq;
}

#define D(g, off) gic_dist_read(g, off, 4)
#define DW(g, off, v) gic_dist_write(g, off, 4, v)
#define C(g, off) gic_cpu_read(g, off)
#define CW(g, off, v) gic_cpu_write(g, off, v)

static void gic_setup(struct gic *g)
{
	gic_irq = gic_fiq = 0;
	gic_init(g, gic_out, NULL);
}

static void test_gic_reset_values(void **state)
{
	static struct gic g;
	gic_setup(&g);
	assert_int_equal(D(&g, 0x000), 0);
	assert_int_equal(D(&g, 0x004), 8);
	assert_int_equal(D(&g, 0x008), 0x43b);
	assert_int_equal(D(&g, 0x100), 0xffff);
	assert_int_equal(D(&g, 0x104), 0);
	assert_int_equal(D(&g, 0xc00), 0xaaaaaaaau);
	assert_int_equal(D(&g, 0xc04), 0);
	static const uint32_t id[12] = { 0x04, 0x00, 0x00, 0x00, 0x90, 0xb4,
					 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (int i = 0; i < 12; i++)
		assert_int_equal(D(&g, 0xfd0 + 4 * i), id[i]);
	assert_int_equal(C(&g, 0x00), 0);
	assert_int_equal(C(&g, 0x04), 0);
	assert_int_equal(C(&g, 0x08), 0);
	assert_int_equal(C(&g, 0x14), 0xff);
	assert_int_equal(C(&g, 0x18), 0x3ff);
	assert_int_equal(C(&g, 0x1c), 1);
	assert_int_equal(C(&g, 0xfc), 0x0002043bu);
}

static void test_gic_register_masks(void **state)
{
	static struct gic g;
	gic_setup(&g);
	DW(&g, 0x820, 0xffffffffu); /* ITARGETSR: RAZ/WI, one CPU */
	DW(&g, 0x800, 0xffffffffu);
	assert_int_equal(D(&g, 0x820), 0);
	assert_int_equal(D(&g, 0x800), 0);
	DW(&g, 0x400, 0xffffffffu);
	assert_int_equal(D(&g, 0x400), 0xffffffffu);
	DW(&g, 0xc00, 0); /* SGIs stay edge */
	assert_int_equal(D(&g, 0xc00), 0xaaaaaaaau);
	DW(&g, 0xc04, 0xffffffffu);
	DW(&g, 0xc08, 0xffffffffu);
	assert_int_equal(D(&g, 0xc04), 0xaaaaaaaau);
	assert_int_equal(D(&g, 0xc08), 0xaaaaaaaau);
	DW(&g, 0x180, 0xffffffffu); /* SGIs cannot be disabled */
	assert_int_equal(D(&g, 0x100), 0xffff);
	DW(&g, 0x080, 0xffffffffu);
	assert_int_equal(D(&g, 0x080), 0xffffffffu);
	CW(&g, 0x00, 0xffffffffu);
	CW(&g, 0x04, 0xff);
	CW(&g, 0x08, 0xff);
	CW(&g, 0x1c, 0xff);
	assert_int_equal(C(&g, 0x00), 0x21f);
	assert_int_equal(C(&g, 0x04), 0xff);
	assert_int_equal(C(&g, 0x08), 7);
	assert_int_equal(C(&g, 0x1c), 7);
	CW(&g, 0x08, 0);
	CW(&g, 0x1c, 0);
	assert_int_equal(C(&g, 0x08), 0);
	assert_int_equal(C(&g, 0x1c), 1);
	/* byte access to a priority */
	gic_dist_write(&g, 0x41b, 1, 0x5a);
	assert_int_equal(gic_dist_read(&g, 0x41b, 1), 0x5a);
	assert_int_equal(D(&g, 0x418), 0x5a000000u);
}

static void enable_gic(struct gic *g)
{
	DW(g, 0x000, 1);
	CW(g, 0x00, 1);
	CW(g, 0x04, 0xf0);
}

static void test_gic_sgi(void **state)
{
	static struct gic g;
	gic_setup(&g);
	enable_gic(&g);
	DW(&g, 0x404, 0xa0a0a0a0u);
	DW(&g, 0xf00, (2u << 24) | 5); /* to myself */
	assert_int_equal(D(&g, 0x200), 0x20);
	assert_int_equal(D(&g, 0xf14), 0x100);
	assert_int_equal(C(&g, 0x18), 5);
	assert_true(gic_irq);
	assert_int_equal(C(&g, 0x0c), 5);
	assert_false(gic_irq);
	assert_int_equal(C(&g, 0x14), 0xa0);
	assert_int_equal(D(&g, 0x300), 0x20);
	assert_int_equal(C(&g, 0xd8), 1u << 16); /* preemption level 0x50: APR2 */
	assert_int_equal(C(&g, 0x18), 0x3ff);
	assert_int_equal(C(&g, 0x0c), 0x3ff);
	CW(&g, 0x10, 5);
	assert_int_equal(C(&g, 0x14), 0xff);
	assert_int_equal(D(&g, 0x300), 0);
	assert_int_equal(C(&g, 0xd8), 0);
	/* target list with CPU 0; "all others" reaches nobody */
	DW(&g, 0xf00, (1u << 16) | 6);
	DW(&g, 0xf00, (1u << 24) | 4);
	assert_int_equal(D(&g, 0x200), 0x40);
	/* priority 0xff is not above PMR 0xf0 */
	DW(&g, 0x404, 0xa0ffa0a0u);
	assert_int_equal(C(&g, 0x0c), 0x3ff);
	DW(&g, 0xf24, 0x10000); /* CPENDSGIR: clear SGI 6 from CPU 0 */
	assert_int_equal(D(&g, 0x200), 0);
}

static void test_gic_spi_level_and_edge(void **state)
{
	static struct gic g;
	gic_setup(&g);
	enable_gic(&g);
	DW(&g, 0x420, 0x00000010u); /* irq 32 priority 0x10 */
	DW(&g, 0x104, 1u << 1 | 1u << 0); /* enable 32, 33 */
	gic_set_irq(&g, 33, true);          /* level-sensitive */
	assert_int_equal(D(&g, 0x204), 2);
	assert_true(gic_irq);
	assert_int_equal(C(&g, 0x0c), 33);
	assert_int_equal(C(&g, 0x14), 0);  /* priority 0 */
	assert_false(gic_irq);             /* active: not signalled again */
	CW(&g, 0x10, 33);
	assert_true(gic_irq);              /* the line is still high */
	gic_set_irq(&g, 33, false);
	assert_false(gic_irq);
	assert_int_equal(D(&g, 0x204), 0);
	/* edge: latched */
	DW(&g, 0xc08, 0x2);                /* irq 32 edge */
	gic_set_irq(&g, 32, true);
	gic_set_irq(&g, 32, false);
	assert_int_equal(D(&g, 0x204), 1);
	assert_int_equal(C(&g, 0x0c), 32);
	assert_int_equal(C(&g, 0x14), 0x10);
	assert_int_equal(C(&g, 0xd0), 1u << 8);
	assert_int_equal(D(&g, 0x204), 0);
	CW(&g, 0x10, 32);
	assert_int_equal(C(&g, 0x14), 0xff);
	/* ISPENDR / ICPENDR by software */
	DW(&g, 0x204, 1u << 8);
	assert_int_equal(D(&g, 0x204), 1u << 8);
	assert_int_equal(C(&g, 0x18), 0x3ff); /* 40 is disabled */
	assert_false(gic_irq);
	DW(&g, 0x104, 1u << 8);
	assert_int_equal(C(&g, 0x18), 40);
	assert_true(gic_irq);
	DW(&g, 0x284, 1u << 8);
	assert_false(gic_irq);
	assert_int_equal(C(&g, 0x18), 0x3ff);
}

static void test_gic_preemption(void **state)
{
	static struct gic g;
	gic_setup(&g);
	enable_gic(&g);
	DW(&g, 0x41c, 0x80u << 24 | 0x40u << 16); /* 30: 0x40, 31: 0x80 */
	DW(&g, 0x100, 3u << 30);
	gic_set_irq(&g, 31, true);
	assert_int_equal(C(&g, 0x0c), 31);
	assert_int_equal(C(&g, 0x14), 0x80);
	gic_set_irq(&g, 30, true);      /* higher priority: preempts */
	assert_true(gic_irq);
	assert_int_equal(C(&g, 0x0c), 30);
	assert_int_equal(C(&g, 0x14), 0x40);
	CW(&g, 0x10, 30);
	assert_int_equal(C(&g, 0x14), 0x80); /* back to the outer one */
	CW(&g, 0x10, 31);
	assert_int_equal(C(&g, 0x14), 0xff);
	/* a lower priority pending one does not interrupt a running one */
	gic_set_irq(&g, 30, false);
	assert_int_equal(C(&g, 0x0c), 31);
	DW(&g, 0x41c, 0x80u << 24 | 0x90u << 16);
	gic_set_irq(&g, 30, true);
	assert_false(gic_irq);
	assert_int_equal(C(&g, 0x0c), 0x3ff);
	CW(&g, 0x10, 31);
	/* 31 is still high and wins again over 30 */
	assert_int_equal(C(&g, 0x0c), 31);
}

static void test_gic_disabled_and_groups(void **state)
{
	static struct gic g;
	gic_setup(&g);
	DW(&g, 0x100, 1u << 27);
	gic_set_irq(&g, 27, true);
	assert_false(gic_irq); /* distributor off */
	assert_int_equal(C(&g, 0x0c), 0x3ff);
	enable_gic(&g);
	assert_true(gic_irq);
	/* group 0 with FIQEn: FIQ */
	CW(&g, 0x00, 1 | 8);
	assert_false(gic_irq);
	assert_true(gic_fiq);
	/* group 1, distributor group 1 off: nothing */
	CW(&g, 0x00, 3);
	DW(&g, 0x080, 1u << 27);
	assert_false(gic_irq);
	DW(&g, 0x000, 3);
	assert_true(gic_irq);
	assert_int_equal(C(&g, 0x18), 1022); /* AckCtl clear */
	assert_int_equal(C(&g, 0x0c), 1022);
	CW(&g, 0x00, 3 | 4);
	assert_int_equal(C(&g, 0x0c), 27);
	assert_int_equal(C(&g, 0xe0), 1); /* prio 0, group 1: NSAPR0 bit 0 */
	assert_int_equal(C(&g, 0xd0), 0);
	CW(&g, 0x10, 27);
	assert_int_equal(C(&g, 0x14), 0xff);
	/* EOImode: EOIR drops priority, DIR deactivates */
	CW(&g, 0x00, 3 | 4 | 0x200);
	assert_int_equal(C(&g, 0x0c), 27);
	CW(&g, 0x10, 27);
	assert_int_equal(C(&g, 0x14), 0xff);
	assert_int_equal(D(&g, 0x300), 1u << 27);
	CW(&g, 0x1000, 27);
	assert_int_equal(D(&g, 0x300), 0);
}

/* ---- PSCI ---- */

static uint32_t psci(struct arm_cpu *cpu, uint32_t fn, uint32_t a1, uint32_t a2,
		     enum psci_action want)
{
	cpu->regs[0] = fn;
	cpu->regs[1] = a1;
	cpu->regs[2] = a2;
	cpu->regs[3] = 0;
	assert_int_equal(psci_call(cpu), want);
	return cpu->regs[0];
}

static void test_psci(void **state)
{
	static struct arm_cpu cpu;
	memset(&cpu, 0, sizeof(cpu));
	/* the answers of QEMU 7.2 -M virt, one cortex-a15 */
	assert_int_equal(psci(&cpu, 0x84000000, 0, 0, PSCI_CONTINUE), 0x00010001);
	assert_int_equal(psci(&cpu, 0x84000006, 0, 0, PSCI_CONTINUE), 2);
	assert_int_equal(psci(&cpu, 0x84000004, 0, 0, PSCI_CONTINUE), 0);
	assert_int_equal(psci(&cpu, 0x84000004, 1, 0, PSCI_CONTINUE), 0xfffffffe);
	assert_int_equal(psci(&cpu, 0x84000004, 0, 1, PSCI_CONTINUE), 0);
	assert_int_equal(psci(&cpu, 0x84000003, 0, 0x40010000, PSCI_CONTINUE), 0xfffffffc);
	assert_int_equal(psci(&cpu, 0x84000003, 1, 0x40010000, PSCI_CONTINUE), 0xfffffffe);
	assert_int_equal(psci(&cpu, 0x95c1ba60, 1, 0, PSCI_CONTINUE), 0xfffffffe);
	static const uint32_t supported[] = { 0x84000000, 0x84000008, 0x84000001,
					      0x8400000a, 0x84000002, 0x84000009 };
	for (unsigned i = 0; i < sizeof(supported) / sizeof(supported[0]); i++)
		assert_int_equal(psci(&cpu, 0x8400000a, supported[i], 0, PSCI_CONTINUE), 0);
	static const uint32_t unsupported[] = { 0x12345678, 0x84000005, 0x8400000e,
						0xc4000003 };
	for (unsigned i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		assert_int_equal(psci(&cpu, 0x8400000a, unsupported[i], 0, PSCI_CONTINUE),
				 0xffffffff);
	static const uint32_t unknown[] = { 0x84001234, 0xc4000000, 0x84000005, 0x84000007,
					    0x8400000b, 0x12345678, 0 };
	for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		assert_int_equal(psci(&cpu, unknown[i], 0, 0, PSCI_CONTINUE), 0xffffffff);
	psci(&cpu, 0x84000008, 0, 0, PSCI_SYSTEM_OFF);
	psci(&cpu, 0x84000009, 0, 0, PSCI_SYSTEM_RESET);
	psci(&cpu, 0x84000002, 0, 0, PSCI_CPU_OFF);
	assert_int_equal(psci(&cpu, 0x84000001, 0, 0, PSCI_WAIT), 0);
	assert_int_equal(psci(&cpu, 0x84000001, 0x00020000, 0, PSCI_CONTINUE), 0xfffffffe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pl011_reset_and_ids),
		cmocka_unit_test(test_pl011_registers_stored),
		cmocka_unit_test(test_pl011_tx_interrupt),
		cmocka_unit_test(test_pl011_rx_no_fifo),
		cmocka_unit_test(test_pl011_rx_fifo),
		cmocka_unit_test(test_gic_reset_values),
		cmocka_unit_test(test_gic_register_masks),
		cmocka_unit_test(test_gic_sgi),
		cmocka_unit_test(test_gic_spi_level_and_edge),
		cmocka_unit_test(test_gic_preemption),
		cmocka_unit_test(test_gic_disabled_and_groups),
		cmocka_unit_test(test_psci),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
