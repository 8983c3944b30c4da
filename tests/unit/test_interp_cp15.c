/*
 * cp14/cp15 accesses of the interpreter (cpu/interp/cp15.c, sys_cpreg.c,
 * timer.c) and the exception entry they cause: ID registers as QEMU's
 * cortex-a15 shows them, write masks, PL0 rules, UNDEFINED encodings, the
 * Generic Timer on the instruction count.
 *
 * Encodings come from arm-none-eabi-as -mcpu=cortex-a15; the assembly is
 * next to each word.
 */
#define RAM_SIZE 0x20000u
#include "test_interp_harness.h"

#include "cpu/interp/timer.h"

/* The reset values of the registers these tests read. */
static int setup_cp15(void **state)
{
	(void)state;
	harness_reset();
	cpu.sys.sctlr = 0x00c50078;
	cpu.sys.cntfrq = 62500000;
	cpu.sys.dbgoslsr = 0xa;
	harness_start();
	return 0;
}

/* Put `n` A32 words at CODE and run `steps` instructions from there. */
static void run_a32(const uint32_t *code, unsigned n, unsigned steps)
{
	load_a32(code, n);
	run_all(steps);
}

static void to_user(void)
{
	arm_cpu_switch_mode(&cpu, ARM_MODE_USR);
}

static void assert_undef_at(uint32_t pc, uint32_t lr)
{
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_UND);
	assert_int_equal(cpu.regs[15], VBAR + 0x04);
	assert_int_equal(cpu.regs[14], lr);
	(void)pc;
}

static void test_id_registers(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee100f10, /* mrc p15, 0, r0, c0, c0, 0   MIDR */
		0xee101fb0, /* mrc p15, 0, r1, c0, c0, 5   MPIDR */
		0xee103f31, /* mrc p15, 0, r3, c0, c1, 1   ID_PFR1 */
		0xee403f10, /* mcr p15, 2, r3, c0, c0, 0   CSSELR <- r3 */
		0xee302f10, /* mrc p15, 1, r2, c0, c0, 0   CCSIDR */
	};
	cpu.regs[3] = 0;
	/* ID_PFR1 is read into r3 before CSSELR is written: CSSELR gets
	 * 0x00010001 & 0xf = 1 -> CCSIDR of the L1 I-cache. */
	run_a32(code, 5, 5);
	assert_int_equal(cpu.regs[0], 0x414fc0f0);
	assert_int_equal(cpu.regs[1], 0x80000000);
	assert_int_equal(cpu.regs[3], 0x00010001);
	assert_int_equal(cpu.regs[2], 0x201fe00a);
	assert_int_equal(cpu.regs[15], CODE + 20);
}

static void test_sctlr_ttbcr_cpacr_masks(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee020f50, /* mcr p15, 0, r0, c2, c0, 2   TTBCR <- r0 */
		0xee124f50, /* mrc p15, 0, r4, c2, c0, 2 */
		0xee011f50, /* mcr p15, 0, r1, c1, c0, 2   CPACR <- r1 */
		0xee115f50, /* mrc p15, 0, r5, c1, c0, 2 */
		0xee012f10, /* mcr p15, 0, r2, c1, c0, 0   SCTLR <- r2 */
		0xee116f10, /* mrc p15, 0, r6, c1, c0, 0 */
	};
	cpu.regs[0] = 0x7ffffff5; /* EAE clear: N only (QEMU, no EL3) */
	cpu.regs[1] = 0xffffffff;
	cpu.regs[2] = 0x00c5187c; /* I, Z, C, SCTLR.M clear */
	run_a32(code, 6, 6);
	assert_int_equal(cpu.regs[4], 5);
	assert_int_equal(cpu.regs[5], 0xc0f00000);
	assert_int_equal(cpu.regs[6], 0x00c5187c);
	assert_int_equal(cpu.sys.ttbcr, 5);
}

static void test_tpidr_and_pl0(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee0d4f50, /* mcr p15, 0, r4, c13, c0, 2  TPIDRURW <- r4 */
		0xee1d5f50, /* mrc p15, 0, r5, c13, c0, 2 */
		0xee1d6f90, /* mrc p15, 0, r6, c13, c0, 4  TPIDRPRW: PL1 only */
	};
	to_user();
	cpu.regs[4] = 0x12345678;
	cpu.regs[6] = 0xdead;
	run_a32(code, 3, 3);
	assert_int_equal(cpu.sys.tpidrurw, 0x12345678);
	assert_int_equal(cpu.regs[5], 0x12345678);
	assert_undef_at(CODE + 8, CODE + 12);
	assert_int_equal(cpu.regs[6], 0xdead);
	assert_int_equal(cpu.spsr & ARM_CPSR_M, ARM_MODE_USR);
}

static void test_unknown_is_undefined(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0x1e1f0fff, /* mrcne p15, 0, r0, c15, c15, 7: not taken (Z set) */
		0xee1f0fff, /* mrc p15, 0, r0, c15, c15, 7 */
	};
	cpu.zf = 0; /* Z set */
	run_a32(code, 2, 2);
	assert_undef_at(CODE + 4, CODE + 8);
	assert_int_equal(cpu.spsr, 0x400001d3);
	/* UNDEF masks I, leaves A (and F) as they were. */
	assert_int_equal(cpu.cpsr_rest & 0x1c0, 0x1c0);
}

static void test_cdp_cp14_undefined(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee000e00, /* cdp p14, 0, c0, c0, c0, 0 */
	};
	run_a32(code, 1, 1);
	assert_undef_at(CODE, CODE + 4);
}

static void test_mrc_apsr_nzcv(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee10fe11, /* mrc p14, 0, APSR_nzcv, c0, c1, 0  DBGDSCRint */
	};
	cpu.sys.dbgdscr_ext = 0xa0000000; /* N and C */
	run_a32(code, 1, 1);
	uint32_t cpsr = arm_cpsr_read(&cpu);
	assert_int_equal(cpsr >> 28, 0xa);
}

static void test_thumb_undef_lr(void **state)
{
	(void)state;
	/* A 32-bit T32 UNDEFINED instruction: LR = its address + 2 (B1.8.3;
	 * QEMU; Linux reads the first halfword at LR - 2). */
	LOAD_T32(0xee1f, 0x0fff); /* mrc p15, 0, r0, c15, c15, 7 */
	run_all(1);
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_UND);
	assert_int_equal(cpu.regs[14], CODE + 2);
	assert_int_equal(cpu.regs[15], VBAR + 4);
	assert_true(cpu.spsr & CPSR_T);
	assert_false(cpu.cpsr_rest & CPSR_T); /* SCTLR.TE clear */
}

static void test_thumb_mrc(void **state)
{
	(void)state;
	LOAD_T32(0xee10, 0x0f10); /* mrc p15, 0, r0, c0, c0, 0 */
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x414fc0f0);
	assert_int_equal(cpu.regs[15], CODE + 4);
}

static void test_vector_te(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee1f0fff, /* mrc p15, 0, r0, c15, c15, 7 */
	};
	cpu.sys.sctlr |= 1u << 30; /* TE: handlers in Thumb */
	run_a32(code, 1, 1);
	assert_undef_at(CODE, CODE + 4);
	assert_true(cpu.cpsr_rest & CPSR_T);
	assert_false(cpu.spsr & CPSR_T);
}

static void test_timer_counter(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe320f000, /* nop */
		0xe320f000, /* nop */
		0xec510f1e, /* mrrc p15, 1, r0, r1, c14  CNTVCT */
		0xee1e2f10, /* mrc p15, 0, r2, c14, c0, 0  CNTFRQ */
	};
	run_a32(code, 4, 4);
	/* One count per instruction: two NOPs retired before the MRRC. */
	assert_int_equal(cpu.regs[0], 2);
	assert_int_equal(cpu.regs[1], 0);
	assert_int_equal(cpu.regs[2], 62500000);
}

static void test_timer_pl0_access(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xec510f1e, /* mrrc p15, 1, r0, r1, c14  CNTVCT, PL0VCTEN set */
		0xec510f0e, /* mrrc p15, 0, r0, r1, c14  CNTPCT, PL0PCTEN clear */
	};
	cpu.sys.cntkctl = 2;
	to_user();
	run_a32(code, 2, 2);
	assert_int_equal(cpu.regs[0], 0);
	assert_undef_at(CODE + 4, CODE + 8);
}

static void test_timer_fires(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee0e0f13, /* mcr p15, 0, r0, c14, c3, 0  CNTV_TVAL <- 10 */
		0xee0e1f33, /* mcr p15, 0, r1, c14, c3, 1  CNTV_CTL <- ENABLE */
		0xee1e2f33, /* mrc p15, 0, r2, c14, c3, 1 */
		0xe320f000, 0xe320f000, 0xe320f000, 0xe320f000, 0xe320f000,
		0xe320f000, 0xe320f000, 0xe320f000,
		0xee1e3f33, /* mrc p15, 0, r3, c14, c3, 1 */
		0xee1e4f13, /* mrc p15, 0, r4, c14, c3, 0  CNTV_TVAL */
	};
	cpu.regs[0] = 10;
	cpu.regs[1] = 1;
	run_a32(code, 13, 3);
	/* CVAL = 0 + 10; at count 2 the timer is enabled, not yet fired. */
	assert_int_equal(cpu.sys.cntv.cval, 10);
	assert_int_equal(cpu.regs[2], 1);
	assert_false(interp_timer_level(ip, INTERP_TIMER_VIRT));
	assert_int_equal(interp_timer_next(ip), 10);
	assert_int_equal(interp_run(ip, 10), INTERP_EXIT_BUDGET);
	/* The MRC at index 11 ran at count 11 >= 10: ISTATUS. */
	assert_int_equal(cpu.regs[3], 5);
	assert_int_equal(cpu.regs[4], (uint32_t)(10 - 12));
	assert_true(interp_timer_level(ip, INTERP_TIMER_VIRT));
	assert_false(interp_timer_level(ip, INTERP_TIMER_PHYS));
	cpu.sys.cntv.ctl |= 2; /* IMASK */
	assert_false(interp_timer_level(ip, INTERP_TIMER_VIRT));
}

static void test_cntvoff_undefined_at_pl1(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xec410f4e, /* mcrr p15, 4, r0, r1, c14  CNTVOFF: HYP only */
	};
	run_a32(code, 1, 1);
	assert_undef_at(CODE, CODE + 4);
}

static void test_tlbi_and_cache_ops(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee080f17, /* mcr p15, 0, r0, c8, c7, 0   TLBIALL */
		0xee070f15, /* mcr p15, 0, r0, c7, c5, 0   ICIALLU */
		0xee070f9a, /* mcr p15, 0, r0, c7, c10, 4  CP15DSB */
		0xe3a01001, /* mov r1, #1 */
	};
	run_a32(code, 4, 4);
	assert_int_equal(cpu.regs[15], CODE + 16);
}

static void test_dbg_oslar(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xee010e90, /* mcr p14, 0, r0, c1, c0, 4   DBGOSLAR */
		0xee111e91, /* mrc p14, 0, r1, c1, c1, 4   DBGOSLSR */
	};
	cpu.regs[0] = 0;
	run_a32(code, 2, 2);
	assert_int_equal(cpu.regs[1], 0x8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_id_registers, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_sctlr_ttbcr_cpacr_masks, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_tpidr_and_pl0, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_is_undefined, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_cdp_cp14_undefined, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_mrc_apsr_nzcv, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_thumb_undef_lr, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_thumb_mrc, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_vector_te, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_timer_counter, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_timer_pl0_access, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_timer_fires, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_cntvoff_undefined_at_pl1, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_tlbi_and_cache_ops, setup_cp15, teardown),
		cmocka_unit_test_setup_teardown(test_dbg_oslar, setup_cp15, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
