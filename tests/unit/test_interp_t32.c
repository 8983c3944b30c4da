/*
 * T32 on the interpreter: 16-bit data processing (flags outside IT
 * blocks), IT blocks (conditions, no flags inside, CPSR.IT exact when
 * stopped inside a block, SVC inside a block and the return into it,
 * conditional UDF), 32-bit data processing, multiplies, divides, media,
 * MRS/MSR, branches (BL, BLX to A32, TBB, B.W, B<c>.W, CBNZ) and
 * SUBS PC, LR. Encodings from arm-none-eabi-as.
 */
#include "test_interp_harness.h"

#define MODE() (cpu.cpsr_rest & 0x1fu)
#define THUMB() ((cpu.cpsr_rest >> 5) & 1u)

/* ITSTATE from a CPSR value (IT[1:0] bits 26:25, IT[7:2] bits 15:10). */
static unsigned itstate(uint32_t cpsr)
{
	return (cpsr >> 25 & 3u) | (cpsr >> 8 & 0xfcu);
}

static void t16_dp(void **state)
{
	(void)state;
	LOAD_T32(
		0x1888, /* adds r0, r1, r2 */
		0x1e4b, /* subs r3, r1, #1 */
		0x2400, /* movs r4, #0 */
		0x004d, /* lsls r5, r1, #1 */
		0x4291, /* cmp r1, r2 */
		0x434e, /* muls r6, r1 */
		0x424f, /* negs r7, r1 */
		0x43c0, /* mvns r0, r0 */
		0x4488, /* add r8, r1 */
		0x4689, /* mov r9, r1 */
		0xa001, /* adr r0, CODE+0x1c */
		0xa902, /* add r1, sp, #8 */
		0xb084, /* sub sp, #16 */
		0xb24a, /* sxtb r2, r1 */
		0xba0b, /* rev r3, r1 */
		0x40cc, /* lsrs r4, r1 */
		0xb110, /* cbz r0, CODE+0x28 */
		0xb910, /* cbnz r0, CODE+0x2a */
	);
	cpu.regs[1] = cpu.regs[2] = 0x80000000;
	cpu.regs[6] = 2;
	cpu.regs[8] = 5;
	cpu.regs[13] = RAM_BASE + 0x8000;
	run(1);
	assert_int_equal(cpu.regs[0], 0);
	assert_int_equal(nzcv(), 0x7);
	run(1);
	assert_int_equal(cpu.regs[3], 0x7fffffff);
	assert_int_equal(nzcv(), 0x3);
	run(1);
	assert_int_equal(nzcv(), 0x7); /* MOVS imm: C, V kept */
	run(1);
	assert_int_equal(cpu.regs[5], 0);
	assert_int_equal(nzcv(), 0x7);
	run(1);
	assert_int_equal(nzcv(), 0x6);
	run(1);
	assert_int_equal(cpu.regs[6], 0);
	assert_int_equal(nzcv(), 0x6);
	run(1);
	assert_int_equal(cpu.regs[7], 0x80000000);
	assert_int_equal(nzcv(), 0x9);
	run(1);
	assert_int_equal(cpu.regs[0], 0xffffffff);
	assert_int_equal(nzcv(), 0x9);
	run(8);
	assert_int_equal(nzcv(), 0x5); /* lsrs by 8 of 0: Z, C = 0 */
	assert_int_equal(cpu.regs[8], 0x80000005);
	assert_int_equal(cpu.regs[9], 0x80000000);
	assert_int_equal(cpu.regs[0], CODE + 0x1c);
	assert_int_equal(cpu.regs[1], RAM_BASE + 0x8008);
	assert_int_equal(cpu.regs[13], RAM_BASE + 0x8000 - 16);
	assert_int_equal(cpu.regs[2], 0x08);
	assert_int_equal(cpu.regs[3], 0x08800040);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x22); /* cbz not taken */
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x2a); /* cbnz taken */
}

static void it_block(void **state)
{
	(void)state;
	LOAD_T32(
		0x2800, /* cmp r0, #0 */
		0xbf0b, /* itete eq */
		0x3101, /* addeq r1, #1 (no flags in an IT block) */
		0x3201, /* addne r2, #1 */
		0x3301, /* addeq r3, #1 */
		0x3401, /* addne r4, #1 */
		0xbf18, /* it ne */
		0xde00, /* udfne #0: condition fails, no exception */
		0xbf00, /* nop */
	);
	cpu.regs[1] = 0x7fffffff;
	run(3);
	assert_int_equal(cpu.regs[1], 0x80000000);
	assert_int_equal(nzcv(), 0x6); /* the ADD did not set flags */
	/* stopped inside the block: CPSR.IT holds the next state */
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0x16);
	assert_int_equal(cpu.regs[15], CODE + 6);
	run(3);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(cpu.regs[3], 1);
	assert_int_equal(cpu.regs[4], 0);
	run(3);
	assert_int_equal(MODE(), ARM_MODE_SVC);
	assert_int_equal(cpu.regs[15], CODE + 18);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0);
}

static void it_svc_and_return(void **state)
{
	(void)state;
	LOAD_T32(
		0x2800, /* cmp r0, #0 */
		0xbf04, /* itt eq */
		0xdf01, /* svceq 1 */
		0x3101, /* addeq r1, #1 */
		0xbf00, /* nop */
	);
	put32(RAM_BASE + 8, 0xe1b0f00e); /* SVC vector: movs pc, lr */
	arm_cpu_switch_mode(&cpu, ARM_MODE_USR);
	run(3);
	assert_int_equal(MODE(), ARM_MODE_SVC);
	assert_int_equal(cpu.regs[14], CODE + 6);
	/* SPSR: Thumb, IT advanced past the SVC (ITT EQ: 0x04 -> 0x08) */
	assert_int_equal(itstate(cpu.spsr), 0x08);
	assert_true(cpu.spsr & (1u << 5));
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0);
	run(1); /* movs pc, lr: back into the block */
	assert_int_equal(MODE(), ARM_MODE_USR);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0x08);
	run(1);
	assert_int_equal(cpu.regs[1], 1);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0);
	assert_int_equal(cpu.regs[15], CODE + 8);
}

/* Entering the middle of an IT block on a cold code cache (a restored
 * snapshot): needs dispatch's decode_stub to decode with CPSR.IT. */
static void it_cold_entry(void **state)
{
	(void)state;
	LOAD_T32(
		0x2800, /* cmp r0, #0 */
		0xbf0b, /* itete eq */
		0x3101, /* addeq r1, #1 */
		0x3201, /* addne r2, #1 */
		0x3301, /* addeq r3, #1 */
		0x3401, /* addne r4, #1 */
	);
	cpu.regs[15] = CODE + 6;
	arm_cpsr_write(&cpu, (arm_cpsr_read(&cpu) & ~0x0600fc00u) | 0x40000000u |
			     (2u << 25) | (0x14u << 8)); /* IT = 0x16, Z */
	run(3);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(cpu.regs[3], 1);
	assert_int_equal(cpu.regs[4], 0);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0);
}

/* An IT block that continues on the next code page. */
static void it_cross_page(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0x2800, /* cmp r0, #0 */
		0xbf0b, /* itete eq (last halfword of the page) */
		0x3101, /* addeq r1, #1 */
		0x3201, /* addne r2, #1 */
		0x3301, /* addeq r3, #1 */
		0x3401, /* addne r4, #1 */
		0xe7fe, /* b . */
	};
	for (unsigned i = 0; i < 7; i++)
		put16(CODE + 0xffc + 2 * i, code[i]);
	cpu.cpsr_rest |= 1u << 5;
	cpu.regs[15] = CODE + 0xffc;
	cpu.regs[1] = 0x7fffffff;
	run(2);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0x0b);
	assert_int_equal(cpu.regs[15], CODE + 0x1000);
	run(10);
	assert_int_equal(cpu.regs[15], CODE + 0x1008);
	assert_int_equal(cpu.regs[1], 0x80000000);
	assert_int_equal(nzcv(), 0x6);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(cpu.regs[3], 1);
	assert_int_equal(cpu.regs[4], 0);
	assert_int_equal(itstate(arm_cpsr_read(&cpu)), 0);
}

static void t32_dp(void **state)
{
	(void)state;
	LOAD_T32(
		0xf101, 0x10ff, /* add.w r0, r1, #0x00ff00ff */
		0xf111, 0x4200, /* adds.w r2, r1, #0x80000000 */
		0xf061, 0x03ff, /* orn r3, r1, #255 */
		0xf245, 0x6478, /* movw r4, #0x5678 */
		0xf2c1, 0x2434, /* movt r4, #0x1234 */
		0xf3c1, 0x1507, /* ubfx r5, r1, #4, #8 */
		0xf361, 0x260b, /* bfi r6, r1, #8, #4 */
		0xf341, 0x1707, /* sbfx r7, r1, #4, #8 */
		0xfb01, 0x3802, /* mla r8, r1, r2, r3 */
		0xfb81, 0x9a02, /* smull r9, sl, r1, r2 */
		0xfb91, 0xfbfc, /* sdiv fp, r1, ip */
		0xfbb1, 0xfcf2, /* udiv ip, r1, r2 */
		0xfab1, 0xf081, /* clz r0, r1 */
		0xfa91, 0xf1a1, /* rbit r1, r1 */
	);
	cpu.regs[1] = 0x12345678;
	cpu.regs[6] = 0xffffffff;
	run(1);
	assert_int_equal(cpu.regs[0], 0x13335777);
	run(1);
	assert_int_equal(cpu.regs[2], 0x92345678);
	assert_int_equal(nzcv(), 0x8);
	run(12);
	assert_int_equal(cpu.regs[3], 0xffffff78);
	assert_int_equal(cpu.regs[4], 0x12345678);
	assert_int_equal(cpu.regs[5], 0x67);
	assert_int_equal(cpu.regs[6], 0xfffff8ff);
	assert_int_equal(cpu.regs[7], 0x67);
	assert_int_equal(cpu.regs[8], 0x1df4d7b8);
	assert_int_equal(cpu.regs[9], 0x1df4d840);
	assert_int_equal(cpu.regs[10], 0xf8313ba0);
	assert_int_equal(cpu.regs[11], 0);
	assert_int_equal(cpu.regs[12], 0);
	assert_int_equal(cpu.regs[0], 3);
	assert_int_equal(cpu.regs[1], 0x1e6a2c48);
	assert_int_equal(cpu.regs[15], CODE + 56);
}

static void t32_dp_register(void **state)
{
	(void)state;
	LOAD_T32(
		0xfa01, 0xf002, /* lsl.w r0, r1, r2 */
		0xfa51, 0xf302, /* asrs.w r3, r1, r2 */
		0xfa51, 0xf492, /* uxtab r4, r1, r2, ror #8 */
		0xf301, 0x150f, /* ssat r5, #16, r1, lsl #4 */
		0xfa81, 0xf681, /* qadd r6, r1, r1 */
		0xfa81, 0xf742, /* uadd8 r7, r1, r2 */
		0xfaa1, 0xf882, /* sel r8, r1, r2 */
		0xf6a1, 0x79ff, /* subw r9, r1, #0xfff */
		0xf20f, 0x0a10, /* addw sl, pc, #16 (ADR) */
		0xea4f, 0x0b31, /* mov.w fp, r1, rrx */
		0xea91, 0x0f02, /* teq r1, r2 */
		0xebb1, 0x0f42, /* cmp.w r1, r2, lsl #1 */
		0xf3ef, 0x8000, /* mrs r0, CPSR */
		0xf381, 0x8800, /* msr CPSR_f, r1 */
		0xb672, /* cpsid i */
	);
	cpu.regs[1] = 0x80000001;
	cpu.regs[2] = 4;
	run(2);
	assert_int_equal(cpu.regs[0], 0x10);
	assert_int_equal(cpu.regs[3], 0xf8000000);
	assert_int_equal(nzcv(), 0x8);
	run(10);
	assert_int_equal(cpu.regs[4], 0x80000001);
	assert_int_equal(cpu.regs[5], 0x10);
	assert_int_equal(cpu.regs[6], 0x80000000);
	assert_int_equal(cpu.regs[7], 0x80000005);
	assert_int_equal(cpu.regs[8], 4);
	assert_int_equal(cpu.regs[9], 0x7ffff002);
	assert_int_equal(cpu.regs[10], CODE + 0x34);
	assert_int_equal(cpu.regs[11], 0x40000000);
	assert_int_equal(nzcv(), 0x3);
	run(1);
	assert_int_equal(cpu.regs[0], 0x380001d3);
	run(2);
	assert_int_equal(nzcv(), 0x8);
	assert_false(cpu.cpsr_rest & CPSR_Q);
	assert_int_equal(cpu.regs[15], CODE + 58);
}

static void t32_mul(void **state)
{
	(void)state;
	LOAD_T32(
		0xfb12, 0x4103, /* smlabb r1, r2, r3, r4 */
		0xfbe7, 0x5608, /* umlal r5, r6, r7, r8 */
		0xeac1, 0x4902, /* pkhbt r9, r1, r2, lsl #16 */
	);
	cpu.regs[2] = 0x0000fffe;
	cpu.regs[3] = 3;
	cpu.regs[4] = 10;
	cpu.regs[5] = 0xffffffff;
	cpu.regs[7] = 2;
	cpu.regs[8] = 3;
	run(3);
	assert_int_equal(cpu.regs[1], 4);
	assert_int_equal(cpu.regs[5], 5);
	assert_int_equal(cpu.regs[6], 1);
	assert_int_equal(cpu.regs[9], 0xfffe0004);
}

static void t32_branches(void **state)
{
	(void)state;
	LOAD_T32(
		0xf000, 0xf81e, /* bl CODE+0x40 */
	);
	put16(CODE + 0x40, 0xf000); put16(CODE + 0x42, 0xe81e); /* blx CODE+0x80 (A32) */
	put16(CODE + 0x44, 0xe8df); put16(CODE + 0x46, 0xf000); /* tbb [pc, r0] */
	put16(CODE + 0x48, 0x0404);                             /* table: 4, 4 */
	put16(CODE + 0x50, 0xf000); put16(CODE + 0x52, 0x81d6); /* beq.w CODE+0x400 */
	put16(CODE + 0x54, 0xf000); put16(CODE + 0x56, 0xba54); /* b.w CODE+0x500 */
	put32(CODE + 0x80, 0xe12fff1e);                         /* bx lr */
	cpu.regs[0] = 1;
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x40);
	assert_int_equal(cpu.regs[14], CODE + 5);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x80);
	assert_int_equal(THUMB(), 0);
	assert_int_equal(cpu.regs[14], CODE + 0x45);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x44);
	assert_int_equal(THUMB(), 1);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x50);
	run(1); /* Z clear: not taken */
	assert_int_equal(cpu.regs[15], CODE + 0x54);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x500);
	set_nzcv(0x4);
	cpu.regs[15] = CODE + 0x50;
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x400);
}

static void t32_subs_pc_lr(void **state)
{
	(void)state;
	LOAD_T32(
		0xf3de, 0x8f04, /* subs pc, lr, #4 */
	);
	cpu.spsr = 0x40000010; /* User, A32, Z */
	cpu.regs[14] = CODE + 0x104;
	run(1);
	assert_int_equal(MODE(), ARM_MODE_USR);
	assert_int_equal(THUMB(), 0);
	assert_int_equal(nzcv(), 0x4);
	assert_int_equal(cpu.regs[15], CODE + 0x100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(t16_dp, setup, teardown),
		cmocka_unit_test_setup_teardown(it_block, setup, teardown),
		cmocka_unit_test_setup_teardown(it_svc_and_return, setup, teardown),
		cmocka_unit_test_setup_teardown(it_cold_entry, setup, teardown),
		cmocka_unit_test_setup_teardown(it_cross_page, setup, teardown),
		cmocka_unit_test_setup_teardown(t32_dp, setup, teardown),
		cmocka_unit_test_setup_teardown(t32_dp_register, setup, teardown),
		cmocka_unit_test_setup_teardown(t32_mul, setup, teardown),
		cmocka_unit_test_setup_teardown(t32_branches, setup, teardown),
		cmocka_unit_test_setup_teardown(t32_subs_pc_lr, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
