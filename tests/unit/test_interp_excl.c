/*
 * Interpreter exclusives and swaps (cpu/interp/ldst_ops.c, a32_excl.c,
 * t32_ldst.c): LDREX/STREX of every size with QEMU's monitor (address and
 * value), failure after an intervening store, a cleared monitor, alignment
 * faults; SWP/SWPB.
 *
 * Encodings come from arm-none-eabi-as -mcpu=cortex-a15; the assembly is
 * next to each word.
 */
#define RAM_SIZE 0x10000u
#define HARNESS_DEVICE
#include "test_interp_harness.h"

static void test_a32_strex_success_then_fail(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1910f9f, /* ldrex r0, [r1] */
		0xe1812f93, /* strex r2, r3, [r1] */
		0xe1812f93, /* strex r2, r3, [r1] */
	};
	load_a32(code, 3);
	put32(DATA, 0x1111);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x2222;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x1111);
	assert_int_equal(cpu.exclusive_addr, DATA);
	assert_int_equal(cpu.exclusive_val, 0x1111);
	run_all(1);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA), 0x2222);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);
	cpu.regs[3] = 0x3333;
	run_all(1); /* the monitor is open now */
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(get32(DATA), 0x2222);
}

static void test_a32_strex_after_store(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1910f9f, /* ldrex r0, [r1] */
		0xe5814000, /* str r4, [r1] */
		0xe1812f93, /* strex r2, r3, [r1] */
	};
	load_a32(code, 3);
	put32(DATA, 0x1111);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x2222;
	cpu.regs[4] = 0x4444;
	run_all(3);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(get32(DATA), 0x4444);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);

	/* Storing the same value back: QEMU's monitor compares values,
	 * so the STREX still succeeds. */
	load_a32(code, 3);
	put32(DATA, 0x4444);
	run_all(3);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA), 0x2222);
}

static void test_a32_strex_cleared_monitor(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1910f9f, /* ldrex r0, [r1] */
		0xe1812f93, /* strex r2, r3, [r1] */
	};
	load_a32(code, 2);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x2222;
	run_all(1);
	cpu.exclusive_addr = UINT64_MAX; /* what CLREX does */
	run_all(1);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(get32(DATA), 0);
}

static void test_a32_strex_other_address_no_access(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1812f93, /* strex r2, r3, [r1] */
	};
	load_a32(code, 1);
	cpu.exclusive_addr = DATA;
	cpu.regs[1] = HOLE + 2; /* neither aligned nor mapped: not looked at */
	run_all(1);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_SVC);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);
}

static void test_a32_exclusive_sizes(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1b14f9f, /* ldrexd r4, r5, [r1] */
		0xe1a12f96, /* strexd r2, r6, r7, [r1] */
		0xe1d10f9f, /* ldrexb r0, [r1] */
		0xe1c12f93, /* strexb r2, r3, [r1] */
		0xe1f10f9f, /* ldrexh r0, [r1] */
		0xe1e12f93, /* strexh r2, r3, [r1] */
	};
	load_a32(code, 6);
	put32(DATA, 0xaabbccdd);
	put32(DATA + 4, 0x11223344);
	cpu.regs[1] = DATA;
	cpu.regs[6] = 0x66;
	cpu.regs[7] = 0x77;
	run_all(1);
	assert_int_equal(cpu.regs[4], 0xaabbccdd);
	assert_int_equal(cpu.regs[5], 0x11223344);
	assert_true(cpu.exclusive_val == 0x11223344aabbccddull);
	run_all(1);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA), 0x66);
	assert_int_equal(get32(DATA + 4), 0x77);
	cpu.regs[3] = 0x1ff;
	run_all(2);
	assert_int_equal(cpu.regs[0], 0x66);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA), 0xff);
	cpu.regs[3] = 0xabcd1234;
	run_all(2);
	assert_int_equal(cpu.regs[0], 0xff);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA), 0x1234);
}

static void test_a32_exclusive_alignment(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1b14f9f, /* ldrexd r4, r5, [r1] */
	};
	load_a32(code, 1);
	cpu.regs[1] = DATA + 4; /* word aligned, not doubleword */
	cpu.regs[4] = 9;
	run_all(1);
	assert_dabt(CODE, DATA + 4, 0x1);
	assert_int_equal(cpu.regs[4], 9);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);
}

static void test_a32_ldrex_fault(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1910f9f, /* ldrex r0, [r1] */
	};
	load_a32(code, 1);
	cpu.regs[1] = HOLE;
	run_all(1);
	assert_dabt(CODE, HOLE, 0x8);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);
}

static void test_a32_swp(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1010092, /* swp r0, r2, [r1] */
		0xe1410092, /* swpb r0, r2, [r1] */
	};
	load_a32(code, 2);
	put32(DATA, 0x12345678);
	cpu.regs[1] = DATA;
	cpu.regs[2] = 0xaabbccdd;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x12345678);
	assert_int_equal(get32(DATA), 0xaabbccdd);
	cpu.regs[2] = 0x11;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0xdd);
	assert_int_equal(get32(DATA), 0xaabbcc11);
}

static void test_t32_exclusives(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xe851, 0x0f01, /* ldrex r0, [r1, #4] */
		0xe841, 0x3201, /* strex r2, r3, [r1, #4] */
		0xe8d1, 0x0f4f, /* ldrexb r0, [r1] */
		0xe8c1, 0x3f52, /* strexh r2, r3, [r1] (other size, same address) */
		0xe8d1, 0x457f, /* ldrexd r4, r5, [r1] */
		0xe8c1, 0x6772, /* strexd r2, r6, r7, [r1] */
	};
	load_t32(code, 12);
	put32(DATA, 0x0102);
	put32(DATA + 4, 0x44);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x33;
	run_all(2);
	assert_int_equal(cpu.regs[0], 0x44);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA + 4), 0x33);
	cpu.regs[3] = 0xbeef;
	run_all(2); /* the halfword 0x0102 differs from the byte 0x02 read */
	assert_int_equal(cpu.regs[0], 0x02);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(get32(DATA), 0x0102);
	cpu.regs[6] = 0x66;
	cpu.regs[7] = 0x77;
	run_all(2);
	assert_int_equal(cpu.regs[4], 0x0102);
	assert_int_equal(cpu.regs[5], 0x33);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(get32(DATA), 0x66);
	assert_int_equal(get32(DATA + 4), 0x77);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_a32_strex_success_then_fail),
		T(test_a32_strex_after_store),
		T(test_a32_strex_cleared_monitor),
		T(test_a32_strex_other_address_no_access),
		T(test_a32_exclusive_sizes),
		T(test_a32_exclusive_alignment),
		T(test_a32_ldrex_fault),
		T(test_a32_swp),
		T(test_t32_exclusives),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
