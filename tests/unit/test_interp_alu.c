/*
 * A32 integer instructions on the interpreter: data processing (flags,
 * shifts by 0/32/>32, RRX, carry in), MOVW/MOVT, multiplies and divides,
 * media (extends, reversal, bit fields, saturation, parallel, SEL, PKH),
 * MRS/MSR. Encodings from arm-none-eabi-as; expected values worked out by
 * hand from the ARM ARM pseudocode.
 */
#include "test_interp_harness.h"

static void dp_flags(void **state)
{
	(void)state;
	LOAD_A32(
		0xe0910002, /* adds r0, r1, r2 */
		0xe0513001, /* subs r3, r1, r1 */
		0xe1a04615, /* lsl r4, r5, r6 */
		0xe1b07635, /* lsrs r7, r5, r6 */
		0xe1b08675, /* rors r8, r5, r6 */
		0xe1b09065, /* rrxs r9, r5 */
		0xe0b1a002, /* adcs sl, r1, r2 */
		0xe0c1b002, /* sbc fp, r1, r2 */
		0xe301c234, /* movw ip, #4660 @ 0x1234 */
		0xe34acbcd, /* movt ip, #43981 @ 0xabcd */
	);
	cpu.regs[1] = 0x7fffffff;
	cpu.regs[2] = 1;
	cpu.regs[5] = 0x80000001;
	cpu.regs[6] = 32;
	cpu.regs[12] = 0xffffffff;
	run(1);
	assert_int_equal(cpu.regs[0], 0x80000000);
	assert_int_equal(nzcv(), 0x9); /* N V */
	run(1);
	assert_int_equal(cpu.regs[3], 0);
	assert_int_equal(nzcv(), 0x6); /* Z C */
	run(1);
	assert_int_equal(cpu.regs[4], 0); /* LSL by 32 */
	assert_int_equal(nzcv(), 0x6);
	set_nzcv(0);
	run(1);
	assert_int_equal(cpu.regs[7], 0); /* LSR by 32: C = bit 31 */
	assert_int_equal(nzcv(), 0x6);
	run(1);
	assert_int_equal(cpu.regs[8], 0x80000001); /* ROR by 32: C = bit 31 */
	assert_int_equal(nzcv(), 0xa);
	run(1);
	assert_int_equal(cpu.regs[9], 0xc0000000); /* RRX with C = 1 */
	assert_int_equal(nzcv(), 0xa);
	run(1);
	assert_int_equal(cpu.regs[10], 0x80000001); /* carry in */
	assert_int_equal(nzcv(), 0x9);
	run(1);
	assert_int_equal(cpu.regs[11], 0x7ffffffd); /* borrow: C = 0 */
	run(2);
	assert_int_equal(cpu.regs[12], 0xabcd1234);
	assert_int_equal(cpu.regs[15], CODE + 40);
}

static void dp_shift_edges(void **state)
{
	(void)state;
	LOAD_A32(
		0xe1b00211, /* lsls r0, r1, r2 */
		0xe1b03023, /* lsrs r3, r3, #32 */
		0xe1b04254, /* asrs r4, r4, r2 */
		0xe1b05675, /* rors r5, r5, r6 */
		0xe1b07008, /* movs r7, r8 */
		0xe2978001, /* adds r8, r7, #1 */
		0xe3b094ff, /* movs r9, #0xff000000 */
		0xe3d1a0ff, /* bics sl, r1, #255 */
	);
	cpu.regs[1] = 1;
	cpu.regs[2] = 33;
	cpu.regs[3] = 0x80000000;
	cpu.regs[4] = 0x80000000;
	cpu.regs[6] = 0;     /* ROR by 0 (register): no change, C kept */
	cpu.regs[5] = 0x12345678;
	cpu.regs[8] = 0xffffffff;
	set_nzcv(0x2);
	run(1);
	assert_int_equal(cpu.regs[0], 0); /* LSL by 33: C = 0 */
	assert_int_equal(nzcv(), 0x4);
	run(1);
	assert_int_equal(cpu.regs[3], 0); /* LSR #32 (imm5 = 0) */
	assert_int_equal(nzcv(), 0x6);
	cpu.regs[2] = 200;
	run(1);
	assert_int_equal(cpu.regs[4], 0xffffffff); /* ASR by 200 */
	assert_int_equal(nzcv(), 0xa);
	run(1);
	assert_int_equal(cpu.regs[5], 0x12345678);
	assert_int_equal(nzcv(), 0x2);
	run(2);
	assert_int_equal(cpu.regs[8], 0);
	assert_int_equal(nzcv(), 0x6); /* 0xffffffff + 1: Z C */
	run(1);
	assert_int_equal(cpu.regs[9], 0xff000000);
	assert_int_equal(nzcv(), 0xa); /* rotated immediate: C = bit 31 */
	run(1);
	assert_int_equal(cpu.regs[10], 0);
	assert_int_equal(nzcv(), 0x6); /* unrotated immediate: C kept */
}

static void mul(void **state)
{
	(void)state;
	LOAD_A32(
		0xe0100291, /* muls r0, r1, r2 */
		0xe0234291, /* mla r3, r1, r2, r4 */
		0xe0654291, /* mls r5, r1, r2, r4 */
		0xe0876291, /* umull r6, r7, r1, r2 */
		0xe0c98291, /* smull r8, r9, r1, r2 */
		0xe0eba291, /* smlal sl, fp, r1, r2 */
		0xe04ec291, /* umaal ip, lr, r1, r2 */
	);
	cpu.regs[1] = 0xfffffffe;
	cpu.regs[2] = 3;
	cpu.regs[4] = 10;
	cpu.regs[10] = 10;
	cpu.regs[11] = 0;
	cpu.regs[12] = 5;
	cpu.regs[14] = 7;
	set_nzcv(0x3);
	run(1);
	assert_int_equal(cpu.regs[0], 0xfffffffa);
	assert_int_equal(nzcv(), 0xb); /* N; C and V unchanged */
	run(6);
	assert_int_equal(cpu.regs[3], 4);
	assert_int_equal(cpu.regs[5], 16);
	assert_int_equal(cpu.regs[6], 0xfffffffa);
	assert_int_equal(cpu.regs[7], 2);
	assert_int_equal(cpu.regs[8], 0xfffffffa);
	assert_int_equal(cpu.regs[9], 0xffffffff);
	assert_int_equal(cpu.regs[10], 4);
	assert_int_equal(cpu.regs[11], 0);
	assert_int_equal(cpu.regs[12], 6);
	assert_int_equal(cpu.regs[14], 3);
}

static void divide(void **state)
{
	(void)state;
	LOAD_A32(
		0xe710f211, /* sdiv r0, r1, r2 */
		0xe733f211, /* udiv r3, r1, r2 */
		0xe714f615, /* sdiv r4, r5, r6 */
		0xe737f615, /* udiv r7, r5, r6 */
		0xe718f915, /* sdiv r8, r5, r9 */
	);
	cpu.regs[1] = 0x80000000;
	cpu.regs[2] = 0xffffffff;
	cpu.regs[4] = cpu.regs[7] = 0x55;
	cpu.regs[5] = 0xfffffff9; /* -7 */
	cpu.regs[6] = 0;
	cpu.regs[9] = 2;
	run(5);
	assert_int_equal(cpu.regs[0], 0x80000000); /* INT_MIN / -1 */
	assert_int_equal(cpu.regs[3], 0);
	assert_int_equal(cpu.regs[4], 0);          /* by zero: 0, no trap */
	assert_int_equal(cpu.regs[7], 0);
	assert_int_equal(cpu.regs[8], 0xfffffffd); /* -7 / 2 = -3 */
}

static void mul_halfword_dual(void **state)
{
	(void)state;
	LOAD_A32(
		0xe16002c1, /* smulbt r0, r1, r2 */
		0xe10342a1, /* smlatb r3, r1, r2, r4 */
		0xe7054211, /* smlad r5, r1, r2, r4 */
		0xe756f231, /* smmulr r6, r1, r2 */
		0xe12702e1, /* smulwt r7, r1, r2 */
		0xe1498281, /* smlalbb r8, r9, r1, r2 */
		0xe70af271, /* smusdx sl, r1, r2 */
		0xe74cb251, /* smlsld fp, ip, r1, r2 */
		0xe1000a8a, /* smlabb r0, sl, sl, r0 */
	);
	cpu.regs[1] = 0x00030002;
	cpu.regs[2] = 0xfffb0007;
	cpu.regs[4] = 100;
	cpu.regs[8] = 1;
	run(8);
	assert_int_equal(cpu.regs[0], 0xfffffff6);
	assert_int_equal(cpu.regs[3], 121);
	assert_int_equal(cpu.regs[5], 99);
	assert_int_equal(cpu.regs[6], 0xfffffff1);
	assert_int_equal(cpu.regs[7], 0xfffffff0);
	assert_int_equal(cpu.regs[8], 15);
	assert_int_equal(cpu.regs[9], 0);
	assert_int_equal(cpu.regs[10], 0xffffffe1); /* -31 */
	assert_int_equal(cpu.regs[11], 29);
	assert_int_equal(cpu.regs[12], 0);
	assert_false(cpu.cpsr_rest & CPSR_Q);
	/* SMLABB overflowing 32 bits sets Q (and wraps) */
	cpu.regs[0] = 0x7fffffff;
	cpu.regs[10] = 0x00000002;
	run(1);
	assert_int_equal(cpu.regs[0], 0x80000003);
	assert_true(cpu.cpsr_rest & CPSR_Q);
}

static void media(void **state)
{
	(void)state;
	LOAD_A32(
		0xe6af0071, /* sxtb r0, r1 */
		0xe6f23471, /* uxtah r3, r2, r1, ror #8 */
		0xe6bf4f31, /* rev r4, r1 */
		0xe6bf5fb1, /* rev16 r5, r1 */
		0xe6ff6fb1, /* revsh r6, r1 */
		0xe6ff7f31, /* rbit r7, r1 */
		0xe16f8f11, /* clz r8, r1 */
		0xe7cb9211, /* bfi r9, r1, #4, #8 */
		0xe7c3a01f, /* bfc sl, #0, #4 */
		0xe7e3be51, /* ubfx fp, r1, #28, #4 */
		0xe7a3ce51, /* sbfx ip, r1, #28, #4 */
	);
	cpu.regs[1] = 0x8123f0a5;
	cpu.regs[2] = 0x7f80ff01;
	cpu.regs[9] = cpu.regs[10] = 0xffffffff;
	run(11);
	assert_int_equal(cpu.regs[0], 0xffffffa5);
	assert_int_equal(cpu.regs[3], 0x7f8122f1);
	assert_int_equal(cpu.regs[4], 0xa5f02381);
	assert_int_equal(cpu.regs[5], 0x2381a5f0);
	assert_int_equal(cpu.regs[6], 0xffffa5f0);
	assert_int_equal(cpu.regs[7], 0xa50fc481);
	assert_int_equal(cpu.regs[8], 0);
	assert_int_equal(cpu.regs[9], 0xfffffa5f);
	assert_int_equal(cpu.regs[10], 0xfffffff0);
	assert_int_equal(cpu.regs[11], 8);
	assert_int_equal(cpu.regs[12], 0xfffffff8);
}

static void media_saturate_parallel(void **state)
{
	(void)state;
	LOAD_A32(
		0xe6a70011, /* ssat r0, #8, r1 */
		0xe6e83252, /* usat r3, #8, r2, asr #4 */
		0xe1064055, /* qadd r4, r5, r6 */
		0xe6517f92, /* uadd8 r7, r1, r2 */
		0xe6818fb2, /* sel r8, r1, r2 */
		0xe6319f12, /* shadd16 r9, r1, r2 */
		0xe662aff1, /* uqsub8 sl, r2, r1 */
		0xe78bf211, /* usad8 fp, r1, r2 */
		0xe681c852, /* pkhtb ip, r1, r2, asr #16 */
		0xe6a30f31, /* ssat16 r0, #4, r1 */
	);
	cpu.regs[1] = 0x80ff7f01;
	cpu.regs[2] = 0x01017fff;
	cpu.regs[5] = 0x7fffffff;
	cpu.regs[6] = 1;
	run(1);
	assert_int_equal(cpu.regs[0], 0xffffff80);
	assert_true(cpu.cpsr_rest & CPSR_Q);
	cpu.cpsr_rest &= ~CPSR_Q;
	run(1);
	assert_int_equal(cpu.regs[3], 255);
	assert_true(cpu.cpsr_rest & CPSR_Q);
	cpu.cpsr_rest &= ~CPSR_Q;
	run(1);
	assert_int_equal(cpu.regs[4], 0x7fffffff);
	assert_true(cpu.cpsr_rest & CPSR_Q);
	run(7);
	assert_int_equal(cpu.regs[7], 0x8100fe00);
	assert_int_equal(cpu.cpsr_rest >> 16 & 15, 0x5); /* GE */
	assert_int_equal(cpu.regs[8], 0x01ff7f01);
	assert_int_equal(cpu.regs[9], 0xc1007f80);
	assert_int_equal(cpu.regs[10], 0x000000fe);
	assert_int_equal(cpu.regs[11], 635);
	assert_int_equal(cpu.regs[12], 0x80ff0101);
	assert_int_equal(cpu.regs[0], 0xfff80007);
}

static void mrs_msr(void **state)
{
	(void)state;
	LOAD_A32(
		0xe10f0000, /* mrs r0, CPSR */
		0xe328f205, /* msr CPSR_f, #0x50000000 */
		0xe10f1000, /* mrs r1, CPSR */
		0xe16ff002, /* msr SPSR_fsxc, r2 */
		0xe14f3000, /* mrs r3, SPSR */
		0xe321f0df, /* msr CPSR_c, #0xdf */
		0xe10f4000, /* mrs r4, CPSR */
		0xe14f5000, /* mrs r5, SPSR (System mode: UNPREDICTABLE; reads) */
	);
	cpu.regs[2] = 0x80000010;
	cpu.regs[13] = 0x1234;
	run(7);
	assert_int_equal(cpu.regs[0], 0x000001d3);
	assert_int_equal(cpu.regs[1], 0x500001d3);
	assert_int_equal(cpu.regs[3], 0x80000010);
	assert_int_equal(cpu.regs[4], 0x500001df); /* T not written by MSR */
	assert_int_equal(cpu.regs[13], 0);
	assert_int_equal(cpu.banked_r13[ARM_BANK_SVC], 0x1234);
	assert_int_equal(cpu.banked_spsr[ARM_BANK_SVC], 0x80000010);
}

static void msr_user_mode(void **state)
{
	(void)state;
	LOAD_A32(
		0xe329f0d3, /* msr CPSR_fc, #0xd3 (User mode: only the flags) */
		0xe10f0000, /* mrs r0, CPSR */
		0xe14f1000, /* mrs r1, SPSR: UNDEFINED in User mode */
	);
	arm_cpu_switch_mode(&cpu, ARM_MODE_USR);
	cpu.cpsr_rest = (cpu.cpsr_rest & ~0x1fu) | ARM_MODE_USR;
	run(2);
	assert_int_equal(cpu.regs[0], 0x000001d0);
	run(1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, ARM_MODE_UND);
	assert_int_equal(cpu.regs[15], RAM_BASE + 4);
}

static void undefined_misc_space(void **state)
{
	(void)state;
	LOAD_A32(
		0xe1000000, /* op1 = 10000, not MRS: a TST without S is UNDEFINED */
	);
	run(1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, ARM_MODE_UND);
	assert_int_equal(cpu.regs[14], CODE + 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(dp_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(dp_shift_edges, setup, teardown),
		cmocka_unit_test_setup_teardown(mul, setup, teardown),
		cmocka_unit_test_setup_teardown(divide, setup, teardown),
		cmocka_unit_test_setup_teardown(mul_halfword_dual, setup, teardown),
		cmocka_unit_test_setup_teardown(media, setup, teardown),
		cmocka_unit_test_setup_teardown(media_saturate_parallel, setup, teardown),
		cmocka_unit_test_setup_teardown(mrs_msr, setup, teardown),
		cmocka_unit_test_setup_teardown(msr_user_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(undefined_misc_space, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
