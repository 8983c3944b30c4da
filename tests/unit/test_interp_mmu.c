/*
 * Short-descriptor translation (cpu/interp/memory.c, ARM ARM B3.5) with
 * page tables built in the test RAM: sections, supersections, large and
 * small pages, TTBCR.N with TTBR1, domains, AP/APX, the SCTLR.AFE model,
 * XN and PXN, and the DFSR/DFAR each fault leaves (B3.13.3), in the order
 * QEMU 7.2 checks them. Also ATS1C** into PAR and a data abort taken by
 * an instruction.
 */
#define RAM_SIZE 0x20000u
#include "test_interp_harness.h"

#define L1       (RAM_BASE + 0x4000u)  /* TTBR0 table, 16 KiB */
#define L2       (RAM_BASE + 0x8000u)  /* one second-level table */
#define L1_TTBR1 (RAM_BASE + 0xc000u)

#define SCTLR_M   (1u << 0)
#define SCTLR_AFE (1u << 29)

static void l1(uint32_t table, uint32_t va, uint32_t desc)
{
	put32(table + (va >> 20) * 4, desc);
}

static void l2(uint32_t va, uint32_t desc)
{
	put32(L2 + ((va >> 12) & 0xff) * 4, desc);
}

static int setup_mmu(void **state)
{
	(void)state;
	harness_reset();
	cpu.sys.sctlr = 0x00c50078 | SCTLR_M;
	cpu.sys.ttbr0 = L1;
	cpu.sys.dacr = 0x1; /* domain 0 client, the others no access */

	/* sections: AP[1:0] in 11:10, APX 15, domain 8:5, XN 4, PXN 0 */
	l1(L1, 0x40000000, 0x40000c02);          /* identity, RW */
	l1(L1, 0x80000000, L2 | 0x01);           /* page table, domain 0 */
	l1(L1, 0x90000000, 0x40000c22);          /* domain 1 */
	l1(L1, 0xa0000000, 0x40000c12);          /* XN */
	l1(L1, 0xb0000000, 0x40000c03);          /* PXN (type 11) */
	l1(L1, 0xc0000000, 0x40000402);          /* AP 01: PL1 only */
	l1(L1, 0xd0000000, 0x40040c22);          /* supersection (domain bits ignored) */
	l1(L1, 0xe0000000, 0x40000802);          /* AP 10: PL0 read-only */
	/* small pages: AP[1:0] 5:4, APX 9, XN 0; large: XN 15 */
	l2(0x80001000, 0x4000a032);              /* -> 0x4000a000 RW */
	l2(0x80002000, 0x4000b212);              /* APX|01: PL1 read-only */
	l2(0x80003000, 0);                       /* fault */
	for (uint32_t i = 0; i < 16; i++)        /* 64 KiB -> 0x40010000 */
		l2(0x80010000 + i * 0x1000, 0x40010031);

	harness_start();
	return 0;
}

static uint32_t xlate(uint32_t va, enum interp_access acc, bool user, bool *ok)
{
	uint32_t pa = 0, fs = 0;
	*ok = interp_translate(ip, va, acc, user, &pa, &fs);
	return *ok ? pa : fs;
}

#define ASSERT_PA(va, acc, user, want) do { bool ok_; \
	uint32_t r_ = xlate(va, acc, user, &ok_); \
	assert_true(ok_); assert_int_equal(r_, want); } while (0)
#define ASSERT_FAULT(va, acc, user, want) do { bool ok_; \
	uint32_t r_ = xlate(va, acc, user, &ok_); \
	assert_false(ok_); assert_int_equal(r_, want); } while (0)

static void test_sections_and_pages(void **state)
{
	(void)state;
	ASSERT_PA(0x40001234, INTERP_READ, false, 0x40001234);
	ASSERT_PA(0x80001234, INTERP_WRITE, true, 0x4000a234);
	ASSERT_PA(0x8001abcd, INTERP_READ, false, 0x4001abcd);   /* large page */
	ASSERT_PA(0xd0012345, INTERP_READ, false, 0x40012345);   /* supersection */
	ASSERT_FAULT(0x00000000, INTERP_READ, false, 0x005);     /* L1 translation */
	ASSERT_FAULT(0x80003004, INTERP_READ, false, 0x007);     /* L2 translation */
}

static void test_permissions(void **state)
{
	(void)state;
	ASSERT_PA(0x80002000, INTERP_READ, false, 0x4000b000);
	ASSERT_FAULT(0x80002000, INTERP_WRITE, false, 0x00f);    /* APX: RO */
	ASSERT_FAULT(0x80002000, INTERP_READ, true, 0x00f);
	ASSERT_PA(0xc0000000, INTERP_WRITE, false, 0x40000000);
	ASSERT_FAULT(0xc0000000, INTERP_READ, true, 0x00d);
	ASSERT_PA(0xe0000000, INTERP_READ, true, 0x40000000);
	ASSERT_FAULT(0xe0000000, INTERP_WRITE, true, 0x00d);
	ASSERT_PA(0xe0000000, INTERP_WRITE, false, 0x40000000);
}

static void test_xn_pxn(void **state)
{
	(void)state;
	ASSERT_PA(0xa0000000, INTERP_READ, false, 0x40000000);
	ASSERT_FAULT(0xa0000000, INTERP_EXEC, false, 0x00d);
	ASSERT_FAULT(0xa0000000, INTERP_EXEC, true, 0x00d);
	ASSERT_FAULT(0xb0000000, INTERP_EXEC, false, 0x00d);     /* PXN at PL1 */
	ASSERT_PA(0xb0000000, INTERP_EXEC, true, 0x40000000);    /* PL0 may */
	/* manager domain: no permission checks, XN included */
	cpu.sys.dacr = 0x3;
	ASSERT_PA(0xa0000000, INTERP_EXEC, false, 0x40000000);
	ASSERT_PA(0x80002000, INTERP_WRITE, true, 0x4000b000);
}

static void test_domains(void **state)
{
	(void)state;
	/* domain 1 no access: level 1, domain field 1 */
	ASSERT_FAULT(0x90000000, INTERP_READ, false, 0x019);
	/* a supersection is in domain 0 whatever bits 8:5 say */
	ASSERT_PA(0xd0000000, INTERP_READ, false, 0x40000000);
	/* page table in a no-access domain: QEMU reports a level 2 domain
	 * fault without looking at the second level (even a fault entry) */
	cpu.sys.dacr = 0x0;
	ASSERT_FAULT(0x80001000, INTERP_READ, false, 0x00b);
	ASSERT_FAULT(0x80003000, INTERP_READ, false, 0x00b);
	cpu.sys.dacr = 0x2; /* reserved: as no access */
	ASSERT_FAULT(0x40000000, INTERP_READ, false, 0x009);
}

static void test_afe(void **state)
{
	(void)state;
	cpu.sys.sctlr |= SCTLR_AFE;
	/* AP[0] is the access flag; AP[2:1]: 00 PL1 RW, 01 RW, 10 PL1 RO, 11 RO */
	ASSERT_FAULT(0xe0000000, INTERP_READ, false, 0x003);     /* AP 10: AF clear */
	ASSERT_PA(0x40000000, INTERP_WRITE, true, 0x40000000);   /* AP 11 = RW all */
	ASSERT_PA(0x80001000, INTERP_WRITE, true, 0x4000a000);
	ASSERT_FAULT(0x80002000, INTERP_WRITE, false, 0x00f);    /* APX 1, AP 01: RO PL1 */
	l2(0x80004000, 0x4000c022);                              /* AP 10: AF clear */
	ASSERT_FAULT(0x80004000, INTERP_READ, false, 0x006);
	/* manager domain: no access flag check either (QEMU) */
	cpu.sys.dacr = 0x3;
	ASSERT_PA(0x80004000, INTERP_READ, false, 0x4000c000);
}

static void test_ttbcr_n(void **state)
{
	(void)state;
	/* N = 1: TTBR0 covers 0-2 GiB with an 8 KiB table, TTBR1 the rest
	 * with a 16 KiB table indexed by VA[31:20]. */
	uint32_t t0 = RAM_BASE + 0x6000; /* 8 KiB aligned, not 16 KiB */
	memset(&ram[t0 - RAM_BASE], 0, 0x2000);
	l1(t0, 0x40000000, 0x40000c02);
	l1(L1_TTBR1, 0x80000000, 0x40000c02);
	l1(L1_TTBR1, 0xfff00000, 0x40000c02);
	cpu.sys.ttbcr = 1;
	cpu.sys.ttbr0 = t0;
	cpu.sys.ttbr1 = L1_TTBR1;
	ASSERT_PA(0x40000010, INTERP_READ, false, 0x40000010);
	ASSERT_PA(0x80000010, INTERP_READ, false, 0x40000010);
	ASSERT_PA(0xfff00020, INTERP_READ, false, 0x40000020);
	ASSERT_FAULT(0x90000000, INTERP_READ, false, 0x005);
}

static void test_loads_and_fault_registers(void **state)
{
	(void)state;
	uint32_t v = 0;
	assert_true(interp_store(ip, 0x80001010, 4, 0xcafef00d));
	assert_int_equal(get32(0x4000a010), 0xcafef00d);
	assert_true(interp_load(ip, 0x80001010, 4, &v));
	assert_int_equal(v, 0xcafef00d);
	/* write to a read-only page: DFSR WnR (bit 11) and status */
	assert_false(interp_store(ip, 0x80002008, 4, 1));
	assert_int_equal(cpu.sys.dfsr, 0x80f);
	assert_int_equal(cpu.sys.dfar, 0x80002008);
	assert_false(interp_load(ip, 0x90000004, 2, &v));
	assert_int_equal(cpu.sys.dfsr, 0x019);
	assert_int_equal(cpu.sys.dfar, 0x90000004);
	/* an unaligned word over into an unmapped page: DFAR is the first
	 * byte that faults */
	assert_false(interp_load(ip, 0x80002ffe, 4, &v));
	assert_int_equal(cpu.sys.dfsr, 0x007);
	assert_int_equal(cpu.sys.dfar, 0x80003000);
}

static void test_tlb_flush_by_tlbiall(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee080f17, /* mcr p15, 0, r0, c8, c7, 0   TLBIALL */
	};
	uint32_t v = 0;
	put32(0x4000a000, 0x11111111);
	put32(0x4000d000, 0x22222222);
	assert_true(interp_load(ip, 0x80001000, 4, &v));
	assert_int_equal(v, 0x11111111);
	l2(0x80001000, 0x4000d032);
	assert_true(interp_load(ip, 0x80001000, 4, &v));
	assert_int_equal(v, 0x11111111); /* still in the TLB */
	put32(CODE, code[0]);
	cpu.regs[15] = CODE;
	assert_int_equal(interp_run(ip, 1), INTERP_EXIT_BUDGET);
	assert_true(interp_load(ip, 0x80001000, 4, &v));
	assert_int_equal(v, 0x22222222);
}

static void test_ats_par(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee070f18, /* mcr p15, 0, r0, c7, c8, 0   ATS1CPR */
		0xee171f14, /* mrc p15, 0, r1, c7, c4, 0   PAR */
		0xee072f78, /* mcr p15, 0, r2, c7, c8, 3   ATS1CUW */
		0xee173f14, /* mrc p15, 0, r3, c7, c4, 0   PAR */
	};
	for (unsigned i = 0; i < 4; i++)
		put32(CODE + 4 * i, code[i]);
	cpu.regs[0] = 0x80001234;
	cpu.regs[2] = 0x80002000; /* PL0 write to a PL1 read-only page */
	cpu.regs[15] = CODE;
	assert_int_equal(interp_run(ip, 4), INTERP_EXIT_BUDGET);
	assert_int_equal(cpu.regs[1], 0x4000a000 | 1u << 9);   /* PA, NS */
	assert_int_equal(cpu.regs[3], 0xf << 1 | 1);           /* F, FS 01111 */
}

static void test_data_abort_entry(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe5901000, /* ldr r1, [r0] */
	};
	put32(CODE, code[0]);
	cpu.regs[0] = 0x80003000;
	cpu.regs[1] = 0x5a5a;
	cpu.regs[15] = CODE;
	cpu.cpsr_rest = 0x113; /* SVC, A masked only */
	assert_int_equal(interp_run(ip, 1), INTERP_EXIT_BUDGET);
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_ABT);
	assert_int_equal(cpu.regs[15], VBAR + 0x10);
	assert_int_equal(cpu.regs[14], CODE + 8);
	assert_int_equal(cpu.spsr, 0x113);
	assert_int_equal(cpu.cpsr_rest & 0x1c0, 0x180); /* A, I set; F kept */
	assert_int_equal(cpu.sys.dfsr, 0x007);
	assert_int_equal(cpu.sys.dfar, 0x80003000);
	assert_int_equal(cpu.regs[1], 0x5a5a);
}

static void test_prefetch_abort_entry(void **state)
{
	(void)state;
	/* A branch to an XN section: the fetch faults, IFSR/IFAR, LR = pc + 4. */
	cpu.regs[15] = 0xa0001000;
	assert_int_equal(interp_run(ip, 1), INTERP_EXIT_BUDGET);
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_ABT);
	assert_int_equal(cpu.sys.ifsr, 0x00d);
	assert_int_equal(cpu.sys.ifar, 0xa0001000);
	assert_int_equal(cpu.regs[14], 0xa0001004);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sections_and_pages, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_permissions, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_xn_pxn, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_domains, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_afe, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_ttbcr_n, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_loads_and_fault_registers, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_tlb_flush_by_tlbiall, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_ats_par, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_data_abort_entry, setup_mmu, teardown),
		cmocka_unit_test_setup_teardown(test_prefetch_abort_entry, setup_mmu, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
