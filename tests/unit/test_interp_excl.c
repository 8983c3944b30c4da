/*
 * Interpreter exclusives and swaps (cpu/interp/ldst_ops.c, a32_excl.c,
 * t32_ldst.c): LDREX/STREX of every size with QEMU's monitor (address and
 * value), failure after an intervening store, a cleared monitor, alignment
 * faults; SWP/SWPB.
 *
 * Encodings come from arm-none-eabi-as -mcpu=cortex-a15; the assembly is
 * next to each word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp/interp_internal.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x10000u
#define VBAR     RAM_BASE            /* vectors at the start of RAM */
#define CODE     (RAM_BASE + 0x1000u)
#define DATA     (RAM_BASE + 0x8000u)
#define DEV      0x0a000000u         /* a device that answers */
#define HOLE     0x0b000000u         /* nothing there: external abort */
#define CPSR_T   (1u << 5)

static uint8_t ram[RAM_SIZE];
static struct arm_cpu cpu;
static struct interp *ip;

static bool dev_read(void *ctx, uint32_t pa, unsigned size, uint32_t *val)
{
	(void)ctx;
	if (pa - DEV >= 0x1000)
		return false;
	*val = 0xd0000000u | size << 16 | (pa & 0xfff);
	return true;
}

static bool dev_write(void *ctx, uint32_t pa, unsigned size, uint32_t val)
{
	(void)ctx;
	(void)size;
	(void)val;
	return pa - DEV < 0x1000;
}

static int setup(void **state)
{
	(void)state;
	memset(ram, 0, sizeof(ram));
	memset(&cpu, 0, sizeof(cpu));
	cpu.cpsr_rest = 0x1d3; /* SVC, A I F masked */
	cpu.zf = 1;
	cpu.exclusive_addr = UINT64_MAX;
	cpu.sys.vbar = VBAR;
	ip = calloc(1, interp_size());
	struct interp_bus bus = { ram, RAM_BASE, RAM_SIZE, dev_read, dev_write, NULL };
	interp_init(ip, &cpu, &bus);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(ip->pool);
	free(ip->code_map);
	free(ip);
	return 0;
}

static void w32(uint32_t a, uint32_t v)
{
	memcpy(&ram[a - RAM_BASE], &v, 4);
}

static uint32_t r32(uint32_t a)
{
	uint32_t v;
	memcpy(&v, &ram[a - RAM_BASE], 4);
	return v;
}

static void load_a32(const uint32_t *code, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		w32(CODE + 4 * i, code[i]);
	cpu.regs[15] = CODE;
	cpu.cpsr_rest &= ~CPSR_T;
	interp_flush(ip);
}

static void load_t32(const uint16_t *code, unsigned n)
{
	memcpy(&ram[CODE - RAM_BASE], code, 2 * n);
	cpu.regs[15] = CODE;
	cpu.cpsr_rest |= CPSR_T;
	interp_flush(ip);
}

static void run(uint64_t n)
{
	assert_int_equal(interp_run(ip, n), INTERP_EXIT_BUDGET);
}

/* A data abort taken from the instruction at `pc`. */
static void assert_dabt(uint32_t pc, uint32_t far, uint32_t dfsr)
{
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_ABT);
	assert_int_equal(cpu.regs[15], VBAR + 0x10);
	assert_int_equal(cpu.regs[14], pc + 8);
	assert_int_equal(cpu.sys.dfar, far);
	assert_int_equal(cpu.sys.dfsr, dfsr);
}


static void test_a32_strex_success_then_fail(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1910f9f, /* ldrex r0, [r1] */
		0xe1812f93, /* strex r2, r3, [r1] */
		0xe1812f93, /* strex r2, r3, [r1] */
	};
	load_a32(code, 3);
	w32(DATA, 0x1111);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x2222;
	run(1);
	assert_int_equal(cpu.regs[0], 0x1111);
	assert_int_equal(cpu.exclusive_addr, DATA);
	assert_int_equal(cpu.exclusive_val, 0x1111);
	run(1);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA), 0x2222);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);
	cpu.regs[3] = 0x3333;
	run(1); /* the monitor is open now */
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(r32(DATA), 0x2222);
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
	w32(DATA, 0x1111);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x2222;
	cpu.regs[4] = 0x4444;
	run(3);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(r32(DATA), 0x4444);
	assert_int_equal(cpu.exclusive_addr, UINT64_MAX);

	/* Storing the same value back: QEMU's monitor compares values,
	 * so the STREX still succeeds. */
	load_a32(code, 3);
	w32(DATA, 0x4444);
	run(3);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA), 0x2222);
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
	run(1);
	cpu.exclusive_addr = UINT64_MAX; /* what CLREX does */
	run(1);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(r32(DATA), 0);
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
	run(1);
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
	w32(DATA, 0xaabbccdd);
	w32(DATA + 4, 0x11223344);
	cpu.regs[1] = DATA;
	cpu.regs[6] = 0x66;
	cpu.regs[7] = 0x77;
	run(1);
	assert_int_equal(cpu.regs[4], 0xaabbccdd);
	assert_int_equal(cpu.regs[5], 0x11223344);
	assert_true(cpu.exclusive_val == 0x11223344aabbccddull);
	run(1);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA), 0x66);
	assert_int_equal(r32(DATA + 4), 0x77);
	cpu.regs[3] = 0x1ff;
	run(2);
	assert_int_equal(cpu.regs[0], 0x66);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA), 0xff);
	cpu.regs[3] = 0xabcd1234;
	run(2);
	assert_int_equal(cpu.regs[0], 0xff);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA), 0x1234);
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
	run(1);
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
	run(1);
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
	w32(DATA, 0x12345678);
	cpu.regs[1] = DATA;
	cpu.regs[2] = 0xaabbccdd;
	run(1);
	assert_int_equal(cpu.regs[0], 0x12345678);
	assert_int_equal(r32(DATA), 0xaabbccdd);
	cpu.regs[2] = 0x11;
	run(1);
	assert_int_equal(cpu.regs[0], 0xdd);
	assert_int_equal(r32(DATA), 0xaabbcc11);
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
	w32(DATA, 0x0102);
	w32(DATA + 4, 0x44);
	cpu.regs[1] = DATA;
	cpu.regs[3] = 0x33;
	run(2);
	assert_int_equal(cpu.regs[0], 0x44);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA + 4), 0x33);
	cpu.regs[3] = 0xbeef;
	run(2); /* the halfword 0x0102 differs from the byte 0x02 read */
	assert_int_equal(cpu.regs[0], 0x02);
	assert_int_equal(cpu.regs[2], 1);
	assert_int_equal(r32(DATA), 0x0102);
	cpu.regs[6] = 0x66;
	cpu.regs[7] = 0x77;
	run(2);
	assert_int_equal(cpu.regs[4], 0x0102);
	assert_int_equal(cpu.regs[5], 0x33);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(r32(DATA), 0x66);
	assert_int_equal(r32(DATA + 4), 0x77);
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
