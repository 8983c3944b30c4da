/*
 * Interpreter loads and stores (cpu/interp/ldst_ops.c and the A32/T32
 * load/store tables): addressing modes, writeback, sizes and sign
 * extension, unaligned accesses, faults that leave the registers alone,
 * LDM/STM orders, PC loads with interworking, TBB/TBH.
 *
 * Encodings come from arm-none-eabi-as -mcpu=cortex-a15; the assembly is
 * next to each word.
 */
#define RAM_SIZE 0x10000u
#define HARNESS_DEVICE
#include "test_interp_harness.h"

/* ---- A32 single loads/stores ---- */

static void test_a32_imm_modes(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe5910004, /* ldr r0, [r1, #4] */
		0xe5312004, /* ldr r2, [r1, #-4]! */
		0xe4913008, /* ldr r3, [r1], #8 */
	};
	put32(DATA + 0x10, 0x11111111);
	put32(DATA + 0x14, 0x22222222);
	put32(DATA + 0x0c, 0x33333333);
	load_a32(code, 3);
	cpu.regs[1] = DATA + 0x10;
	run_all(3);
	assert_int_equal(cpu.regs[0], 0x22222222);
	assert_int_equal(cpu.regs[2], 0x33333333);
	assert_int_equal(cpu.regs[3], 0x33333333);
	assert_int_equal(cpu.regs[1], DATA + 0x0c + 8);
	assert_int_equal(cpu.regs[15], CODE + 12);
}

static void test_a32_sizes(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe5d14001, /* ldrb r4, [r1, #1] */
		0xe1d150d1, /* ldrsb r5, [r1, #1] */
		0xe1d160b2, /* ldrh r6, [r1, #2] */
		0xe1d170f2, /* ldrsh r7, [r1, #2] */
		0xe5c10003, /* strb r0, [r1, #3] */
		0xe1e100b6, /* strh r0, [r1, #6]! */
	};
	put32(DATA, 0x8899aa80);
	put32(DATA + 4, 0);
	load_a32(code, 6);
	cpu.regs[1] = DATA;
	cpu.regs[0] = 0x12345678;
	run_all(6);
	assert_int_equal(cpu.regs[4], 0xaa);
	assert_int_equal(cpu.regs[5], 0xffffffaa);
	assert_int_equal(cpu.regs[6], 0x8899);
	assert_int_equal(cpu.regs[7], 0xffff8899);
	assert_int_equal(get32(DATA), 0x7899aa80);
	assert_int_equal(get32(DATA + 4), 0x56780000);
	assert_int_equal(cpu.regs[1], DATA + 6);
}

static void test_a32_reg_offsets(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe7910102, /* ldr r0, [r1, r2, lsl #2] */
		0xe1a03000, /* mov r3, r0 (not executed: budget) */
	};
	static const uint32_t code2[] = {
		0xe7110002, /* ldr r0, [r1, -r2] */
		0xe7a10102, /* str r0, [r1, r2, lsl #2]! */
		0xe61130c2, /* ldr r3, [r1], -r2, asr #1 */
	};
	for (unsigned i = 0; i < 16; i++)
		put32(DATA + 4 * i, 0x1000 + i);
	load_a32(code, 1);
	cpu.regs[1] = DATA;
	cpu.regs[2] = 3;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x1003);

	load_a32(code2, 3);
	cpu.regs[1] = DATA + 0x20;
	cpu.regs[2] = 4;
	run_all(3);
	assert_int_equal(cpu.regs[0], 0x1007);                 /* DATA + 0x1c */
	assert_int_equal(get32(DATA + 0x30), 0x1007);            /* stored, wb */
	assert_int_equal(cpu.regs[3], 0x1007);                 /* post: at 0x30 */
	assert_int_equal(cpu.regs[1], DATA + 0x30 - 2);        /* minus r2 asr 1 */
}

static void test_a32_rrx_offset(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe7910062, /* ldr r0, [r1, r2, rrx] */
	};
	put32(DATA + 0x10, 0xabcd);
	load_a32(code, 1);
	cpu.regs[1] = DATA - 0x80000000u + 0x10;
	cpu.regs[2] = 0; /* rrx: C into bit 31 */
	cpu.cf = 1;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0xabcd);
}

static void test_a32_literal(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe59f0004, /* ldr r0, [pc, #4]  (CODE + 12) */
		0xe51f0008, /* ldr r2, [pc, #-8] -> itself: written as r0 form */
		0xe14f20d8, /* ldrd r2, r3, [pc, #-8] (itself and next) */
		0xcafef00d,
	};
	load_a32(code, 4);
	put32(CODE + 4, 0xe51f2008); /* ldr r2, [pc, #-8] */
	run_all(3);
	assert_int_equal(cpu.regs[0], 0xcafef00d);
	assert_int_equal(cpu.regs[2], 0xe14f20d8);
	assert_int_equal(cpu.regs[3], 0xcafef00d);
}

static void test_a32_ldr_pc_interworks(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe591f000, /* ldr pc, [r1] */
	};
	load_a32(code, 1);
	put32(DATA, CODE + 0x101);
	cpu.regs[1] = DATA;
	run_all(1);
	assert_int_equal(cpu.regs[15], CODE + 0x100);
	assert_true(cpu.cpsr_rest & CPSR_T);
}

static void test_a32_str_pc(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1a00000, /* nop (mov r0, r0) */
		0xe581f000, /* str pc, [r1] */
	};
	load_a32(code, 2);
	cpu.regs[1] = DATA;
	cpu.regs[15] = CODE + 4;
	run_all(1);
	assert_int_equal(get32(DATA), CODE + 4 + 8);
}

static void test_a32_dual(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1c120d8, /* ldrd r2, r3, [r1, #8] */
		0xe16140d8, /* ldrd r4, r5, [r1, #-8]! */
		0xe0c121f0, /* strd r2, r3, [r1], #16 */
		0xe18160d2, /* ldrd r6, r7, [r1, r2] */
	};
	put32(DATA + 0x14, 0x14);
	put32(DATA + 0x18, 0x18);
	put32(DATA + 0x1c, 0x1c);
	put32(DATA + 0x04, 0x104);
	put32(DATA + 0x08, 0x108);
	load_a32(code, 4);
	cpu.regs[1] = DATA + 0x0c; /* word aligned, not doubleword */
	run_all(3);
	assert_int_equal(cpu.regs[2], 0x14);
	assert_int_equal(cpu.regs[3], 0x18);
	assert_int_equal(cpu.regs[4], 0x104);
	assert_int_equal(cpu.regs[5], 0x108);
	assert_int_equal(get32(DATA + 4), 0x14);
	assert_int_equal(get32(DATA + 8), 0x18);
	assert_int_equal(cpu.regs[1], DATA + 0x14);
	/* r2 = 0x14 -> [DATA + 0x28]; then unaligned: alignment fault */
	put32(DATA + 0x28, 0x28);
	put32(DATA + 0x2c, 0x2c);
	run_all(1);
	assert_int_equal(cpu.regs[6], 0x28);
	assert_int_equal(cpu.regs[7], 0x2c);
}

static void test_a32_dual_alignment_fault(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe16140d8, /* ldrd r4, r5, [r1, #-8]! */
	};
	load_a32(code, 1);
	cpu.regs[1] = DATA + 0x0a;
	cpu.regs[4] = 0x44;
	cpu.regs[5] = 0x55;
	run_all(1);
	assert_dabt(CODE, DATA + 2, 0x1);
	assert_int_equal(cpu.regs[1], DATA + 0x0a);
	assert_int_equal(cpu.regs[4], 0x44);
	assert_int_equal(cpu.regs[5], 0x55);
}

static void test_a32_extra_reg_and_t(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe13100f2, /* ldrsh r0, [r1, -r2]! */
		0xe09130b2, /* ldrh r3, [r1], r2 */
		0xe4f14001, /* ldrbt r4, [r1], #1 */
		0xe0f150d1, /* ldrsbt r5, [r1], #1 */
		0xe4a10004, /* strt r0, [r1], #4 */
	};
	put32(DATA, 0x00f08001);
	put32(DATA + 4, 0x000000ff);
	load_a32(code, 5);
	cpu.regs[1] = DATA + 2;
	cpu.regs[2] = 2;
	run_all(5);
	assert_int_equal(cpu.regs[0], 0xffff8001);
	assert_int_equal(cpu.regs[3], 0x8001);
	assert_int_equal(cpu.regs[4], 0xf0);    /* [DATA + 2] */
	assert_int_equal(cpu.regs[5], 0);       /* [DATA + 3] */
	assert_int_equal(get32(DATA + 4), 0xffff8001);
	assert_int_equal(cpu.regs[1], DATA + 8);
}

static void test_a32_unaligned(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe5910001, /* ldr r0, [r1, #1] */
		0xe1d160b3, /* ldrh r6, [r1, #3] */
		0xe5810005, /* str r0, [r1, #5] */
	};
	put32(DATA, 0x44332211);
	put32(DATA + 4, 0x88776655);
	load_a32(code, 3);
	cpu.regs[1] = DATA;
	run_all(3);
	assert_int_equal(cpu.regs[0], 0x55443322);
	assert_int_equal(cpu.regs[6], 0x5544);
	assert_int_equal(get32(DATA + 4), 0x44332255);
	assert_int_equal(ram[DATA + 8 - RAM_BASE], 0x55);

	/* SCTLR.A = 1: alignment fault, nothing written back */
	static const uint32_t code2[] = {
		0xe5b10001, /* ldr r0, [r1, #1]! */
	};
	load_a32(code2, 1);
	cpu.sys.sctlr |= 2;
	cpu.regs[0] = 7;
	run_all(1);
	assert_dabt(CODE, DATA + 1, 0x1);
	assert_int_equal(cpu.regs[0], 7);
	assert_int_equal(cpu.regs[1], DATA);
}

static void test_a32_fault_leaves_state(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe5b10004, /* ldr r0, [r1, #4]! */
	};
	load_a32(code, 1);
	cpu.regs[0] = 0x1234;
	cpu.regs[1] = HOLE;
	run_all(1);
	assert_dabt(CODE, HOLE + 4, 0x8);
	assert_int_equal(cpu.regs[0], 0x1234);
	assert_int_equal(cpu.regs[1], HOLE);
	assert_int_equal(cpu.spsr & ARM_CPSR_M, ARM_MODE_SVC);
}

static void test_a32_store_fault_wnr(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe4810004, /* str r0, [r1], #4 */
	};
	load_a32(code, 1);
	cpu.regs[1] = HOLE + 8;
	run_all(1);
	assert_dabt(CODE, HOLE + 8, 0x808);
	assert_int_equal(cpu.regs[1], HOLE + 8);
}

static void test_a32_device(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe1d160b2, /* ldrh r6, [r1, #2] */
		0xe5810010, /* str r0, [r1, #16] */
	};
	load_a32(code, 2);
	cpu.regs[0] = 0xfeed;
	cpu.regs[1] = DEV;
	run_all(2);
	assert_int_equal(cpu.regs[6], (0xd0000000u | 2u << 16 | 2) & 0xffff);
	assert_int_equal(dev_pa, DEV + 16);
	assert_int_equal(dev_val, 0xfeed);
}

/* ---- A32 LDM/STM ---- */

static void test_a32_push_pop_interwork(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe92d400f, /* push {r0, r1, r2, r3, lr} */
		0xe8bd80f0, /* pop {r4, r5, r6, r7, pc} */
	};
	load_a32(code, 2);
	for (unsigned i = 0; i < 4; i++)
		cpu.regs[i] = 0x100 + i;
	cpu.regs[14] = CODE + 0x201; /* Thumb */
	cpu.regs[13] = DATA + 0x100;
	run_all(1);
	assert_int_equal(cpu.regs[13], DATA + 0x100 - 20);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(get32(DATA + 0x100 - 20 + 4 * i), 0x100 + i);
	assert_int_equal(get32(DATA + 0x100 - 4), CODE + 0x201);
	run_all(1);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(cpu.regs[4 + i], 0x100 + i);
	assert_int_equal(cpu.regs[13], DATA + 0x100);
	assert_int_equal(cpu.regs[15], CODE + 0x200);
	assert_true(cpu.cpsr_rest & CPSR_T);
}

static void test_a32_ldm_modes(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe9910005, /* ldmib r1, {r0, r2} */
		0xe8310030, /* ldmda r1!, {r4, r5} */
		0xe9a18048, /* stmib r1!, {r3, r6, pc} */
		0xe8910003, /* ldm r1, {r0, r1} */
	};
	for (unsigned i = 0; i < 16; i++)
		put32(DATA + 4 * i, 0x500 + 4 * i);
	load_a32(code, 4);
	cpu.regs[1] = DATA + 0x20;
	cpu.regs[3] = 0x33;
	cpu.regs[6] = 0x66;
	run_all(2);
	assert_int_equal(cpu.regs[0], 0x524);
	assert_int_equal(cpu.regs[2], 0x528);
	assert_int_equal(cpu.regs[4], 0x51c);
	assert_int_equal(cpu.regs[5], 0x520);
	assert_int_equal(cpu.regs[1], DATA + 0x18);
	run_all(1);
	assert_int_equal(get32(DATA + 0x1c), 0x33);
	assert_int_equal(get32(DATA + 0x20), 0x66);
	assert_int_equal(get32(DATA + 0x24), CODE + 8 + 8);
	assert_int_equal(cpu.regs[1], DATA + 0x24);
	run_all(1); /* base in the list, no writeback: loaded */
	assert_int_equal(cpu.regs[0], CODE + 16);
	assert_int_equal(cpu.regs[1], 0x528);
}

static void test_a32_ldm_fault_midway(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe8b1000d, /* ldm r1!, {r0, r2, r3} */
	};
	load_a32(code, 1);
	put32(RAM_BASE + RAM_SIZE - 8, 0xaaaa);
	put32(RAM_BASE + RAM_SIZE - 4, 0xbbbb);
	cpu.regs[0] = 1;
	cpu.regs[1] = RAM_BASE + RAM_SIZE - 8;
	cpu.regs[2] = 2;
	cpu.regs[3] = 3;
	run_all(1);
	assert_dabt(CODE, RAM_BASE + RAM_SIZE, 0x8);
	assert_int_equal(cpu.regs[0], 1);
	assert_int_equal(cpu.regs[1], RAM_BASE + RAM_SIZE - 8);
	assert_int_equal(cpu.regs[2], 2);
	assert_int_equal(cpu.regs[3], 3);
}

static void test_a32_ldm_alignment(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe8b1000d, /* ldm r1!, {r0, r2, r3} */
	};
	load_a32(code, 1);
	cpu.regs[1] = DATA + 2;
	run_all(1);
	assert_dabt(CODE, DATA + 2, 0x1);
	assert_int_equal(cpu.regs[1], DATA + 2);
}

static void test_a32_user_regs(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe8d16000, /* ldm r1, {sp, lr}^ */
		0xe8c36000, /* stm r3, {sp, lr}^ */
	};
	load_a32(code, 2);
	put32(DATA, 0x5555);
	put32(DATA + 4, 0x7777);
	cpu.regs[1] = DATA;
	cpu.regs[3] = DATA + 0x40;
	cpu.regs[13] = 0x13;
	cpu.regs[14] = 0x14;
	run_all(2);
	assert_int_equal(cpu.regs[13], 0x13); /* SVC's own untouched */
	assert_int_equal(cpu.regs[14], 0x14);
	assert_int_equal(cpu.banked_r13[ARM_BANK_USR], 0x5555);
	assert_int_equal(cpu.banked_r14[ARM_BANK_USR], 0x7777);
	assert_int_equal(get32(DATA + 0x40), 0x5555);
	assert_int_equal(get32(DATA + 0x44), 0x7777);
}

static void test_a32_ldm_exception_return(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xe8f18001, /* ldm r1!, {r0, pc}^ */
	};
	load_a32(code, 1);
	put32(DATA, 0xa0);
	put32(DATA + 4, CODE + 0x41);
	cpu.regs[1] = DATA;
	cpu.spsr = 0x80000030; /* USR, Thumb, N */
	cpu.banked_r13[ARM_BANK_USR] = 0x1300;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0xa0);
	assert_int_equal(cpu.regs[1], DATA + 8);
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_USR);
	assert_true(cpu.cpsr_rest & CPSR_T);
	assert_int_equal(cpu.regs[15], CODE + 0x40);
	assert_int_equal(cpu.regs[13], 0x1300);
	assert_true((int32_t)cpu.nf < 0);
}

/* ---- T32 ---- */

static void test_t16_ldst(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0x6848, /* ldr r0, [r1, #4] */
		0x50ca, /* str r2, [r1, r3] */
		0x56cc, /* ldrsb r4, [r1, r3] */
		0x884d, /* ldrh r5, [r1, #2] */
		0x9802, /* ldr r0, [sp, #8] -> r0 (overwrites) */
		0x4801, /* ldr r0, [pc, #4]: Align(CODE + 0xa + 4, 4) + 4 */
		0xbf00, 0xbf00, 0xbeef, 0xdead,
	};
	load_t32(code, 10);
	put32(DATA, 0x80007f00);
	put32(DATA + 4, 0x44);
	put32(DATA + 0x108, 0x108);
	cpu.regs[1] = DATA;
	cpu.regs[2] = 0x22;
	cpu.regs[3] = 8;
	cpu.regs[13] = DATA + 0x100;
	run_all(4);
	assert_int_equal(cpu.regs[0], 0x44);
	assert_int_equal(get32(DATA + 8), 0x22);
	assert_int_equal(cpu.regs[4], 0x22);
	assert_int_equal(cpu.regs[5], 0x8000);
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x108);
	run_all(1);
	assert_int_equal(cpu.regs[0], 0xdeadbeef);
}

static void test_t16_push_pop(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xb503, /* push {r0, r1, lr} */
		0xbd0c, /* pop {r2, r3, pc} */
	};
	load_t32(code, 2);
	cpu.regs[0] = 0xa;
	cpu.regs[1] = 0xb;
	cpu.regs[14] = CODE + 0x300; /* bit 0 clear: to ARM */
	cpu.regs[13] = DATA + 0x100;
	run_all(2);
	assert_int_equal(cpu.regs[2], 0xa);
	assert_int_equal(cpu.regs[3], 0xb);
	assert_int_equal(cpu.regs[13], DATA + 0x100);
	assert_int_equal(cpu.regs[15], CODE + 0x300);
	assert_false(cpu.cpsr_rest & CPSR_T);
}

static void test_t16_ldm_stm(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xc905, /* ldmia r1!, {r0, r2} */
		0xc903, /* ldmia r1, {r0, r1} (no writeback) */
		0xc105, /* stmia r1!, {r0, r2} */
	};
	load_t32(code, 3);
	for (unsigned i = 0; i < 8; i++)
		put32(DATA + 4 * i, 0x700 + i);
	cpu.regs[1] = DATA;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x700);
	assert_int_equal(cpu.regs[2], 0x701);
	assert_int_equal(cpu.regs[1], DATA + 8);
	run_all(1);
	assert_int_equal(cpu.regs[0], 0x702);
	assert_int_equal(cpu.regs[1], 0x703);
	cpu.regs[1] = DATA + 0x10;
	run_all(1);
	assert_int_equal(get32(DATA + 0x10), 0x702);
	assert_int_equal(get32(DATA + 0x14), 0x701);
	assert_int_equal(cpu.regs[1], DATA + 0x18);
}

static void test_t32_single(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xf8d1, 0x0100, /* ldr.w r0, [r1, #256] */
		0xf851, 0x2c04, /* ldr.w r2, [r1, #-4] */
		0xf851, 0x3b04, /* ldr.w r3, [r1], #4 */
		0xf851, 0x4f04, /* ldr.w r4, [r1, #4]! */
		0xf851, 0x5026, /* ldr.w r5, [r1, r6, lsl #2] */
		0xf9b1, 0x7002, /* ldrsh.w r7, [r1, #2] */
		0xf911, 0x8d01, /* ldrsb.w r8, [r1, #-1]! */
		0xf821, 0x9b02, /* strh.w r9, [r1], #2 */
		0xf851, 0xae04, /* ldrt r10, [r1, #4] */
	};
	load_t32(code, 18);
	for (unsigned i = 0; i < 0x50; i++)
		put32(DATA + 4 * i, 0x900 + 4 * i);
	put32(DATA + 0x0c, 0x80ff7fff);
	put32(DATA + 0x08, 0x80000000);
	cpu.regs[1] = DATA + 4;
	cpu.regs[6] = 2;
	cpu.regs[9] = 0x1234abcd;
	run_all(9);
	assert_int_equal(cpu.regs[0], 0x900 + 0x104);
	assert_int_equal(cpu.regs[2], 0x900);
	assert_int_equal(cpu.regs[3], 0x904);
	assert_int_equal(cpu.regs[4], 0x80ff7fff);   /* [DATA + 0xc] */
	assert_int_equal(cpu.regs[5], 0x900 + 0x14); /* 0xc + 8 */
	assert_int_equal(cpu.regs[7], 0xffff80ff);
	assert_int_equal(cpu.regs[8], 0xffffff80);   /* [DATA + 0xb] */
	/* strh.w to DATA + 0xb (unaligned), then ldrt from DATA + 0x11 */
	assert_int_equal(ram[DATA + 0xb - RAM_BASE], 0xcd);
	assert_int_equal(ram[DATA + 0xc - RAM_BASE], 0xab);
	assert_int_equal(cpu.regs[1], DATA + 0xd);
	assert_int_equal(cpu.regs[10], 0x14000009);
}

static void test_t32_literal_dual(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xbf00,         /* nop (not run: start at CODE + 2) */
		0xf85f, 0x0004, /* ldr.w r0, [pc, #-4]: Align(CODE + 6, 4) - 4 */
		0xe9f2, 0x0102, /* ldrd r0, r1, [r2, #8]! */
		0xe862, 0x0102, /* strd r0, r1, [r2], #-8 */
	};
	load_t32(code, 7);
	cpu.regs[15] = CODE + 2;
	put32(DATA + 8, 0x88);
	put32(DATA + 12, 0xcc);
	cpu.regs[2] = DATA;
	run_all(1);
	assert_int_equal(cpu.regs[0], 0xf85fbf00);
	run_all(2);
	assert_int_equal(cpu.regs[0], 0x88);
	assert_int_equal(cpu.regs[1], 0xcc);
	assert_int_equal(cpu.regs[2], DATA);
	assert_int_equal(get32(DATA + 8), 0x88);
}

static void test_t32_ldr_pc_and_hints(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xf891, 0xf000, /* pld [r1] */
		0xf811, 0xf002, /* pld [r1, r2] */
		0xf911, 0xfc04, /* pli [r1, #-4] */
		0xf8d1, 0xf000, /* ldr.w pc, [r1] */
	};
	load_t32(code, 8);
	cpu.regs[1] = HOLE; /* hints do not fault */
	run_all(3);
	assert_int_equal(cpu.regs[15], CODE + 12);
	cpu.regs[1] = DATA;
	put32(DATA, CODE + 0x400); /* to ARM */
	run_all(1);
	assert_int_equal(cpu.regs[15], CODE + 0x400);
	assert_false(cpu.cpsr_rest & CPSR_T);
}

static void test_t32_tbb_tbh(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xe8d1, 0xf002, /* tbb [r1, r2] */
	};
	static const uint16_t code2[] = {
		0xe8df, 0xf012, /* tbh [pc, r2, lsl #1] */
		0x0001, 0x0010, 0x0020,
	};
	load_t32(code, 2);
	ram[DATA + 3 - RAM_BASE] = 0x40;
	cpu.regs[1] = DATA;
	cpu.regs[2] = 3;
	run_all(1);
	assert_int_equal(cpu.regs[15], CODE + 4 + 0x80);
	assert_true(cpu.cpsr_rest & CPSR_T);
	load_t32(code2, 5);
	cpu.regs[2] = 1;
	run_all(1);
	assert_int_equal(cpu.regs[15], CODE + 4 + 0x20);
}

static void test_t32_ldm_push_pop(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xe92d, 0x41f0, /* push.w {r4-r8, lr} */
		0xe8bd, 0x81f0, /* pop.w {r4-r8, pc} */
		0xe8b1, 0x000d, /* ldmia.w r1!, {r0, r2, r3} */
		0xe921, 0x000d, /* stmdb r1!, {r0, r2, r3} */
	};
	load_t32(code, 8);
	for (unsigned i = 4; i <= 8; i++)
		cpu.regs[i] = 0x40 + i;
	cpu.regs[14] = CODE + 9; /* back to the ldmia, Thumb */
	cpu.regs[13] = DATA + 0x80;
	run_all(1);
	assert_int_equal(cpu.regs[13], DATA + 0x80 - 24);
	assert_int_equal(get32(DATA + 0x80 - 24), 0x44);
	assert_int_equal(get32(DATA + 0x80 - 4), CODE + 9);
	for (unsigned i = 4; i <= 8; i++)
		cpu.regs[i] = 0;
	run_all(1);
	for (unsigned i = 4; i <= 8; i++)
		assert_int_equal(cpu.regs[i], 0x40 + i);
	assert_int_equal(cpu.regs[15], CODE + 8);
	assert_true(cpu.cpsr_rest & CPSR_T);
	put32(DATA, 1);
	put32(DATA + 4, 2);
	put32(DATA + 8, 3);
	cpu.regs[1] = DATA;
	run_all(1);
	assert_int_equal(cpu.regs[0], 1);
	assert_int_equal(cpu.regs[2], 2);
	assert_int_equal(cpu.regs[3], 3);
	assert_int_equal(cpu.regs[1], DATA + 12);
	cpu.regs[0] = 0x10;
	run_all(1);
	assert_int_equal(cpu.regs[1], DATA);
	assert_int_equal(get32(DATA), 0x10);
}

static void test_t32_fault(void **state)
{
	(void)state;
	static const uint16_t code[] = {
		0xf851, 0x0f04, /* ldr.w r0, [r1, #4]! */
	};
	load_t32(code, 2);
	cpu.regs[0] = 5;
	cpu.regs[1] = HOLE;
	run_all(1);
	assert_dabt(CODE, HOLE + 4, 0x8);
	assert_int_equal(cpu.regs[0], 5);
	assert_int_equal(cpu.regs[1], HOLE);
	assert_true(cpu.spsr & CPSR_T);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_a32_imm_modes),
		T(test_a32_sizes),
		T(test_a32_reg_offsets),
		T(test_a32_rrx_offset),
		T(test_a32_literal),
		T(test_a32_ldr_pc_interworks),
		T(test_a32_str_pc),
		T(test_a32_dual),
		T(test_a32_dual_alignment_fault),
		T(test_a32_extra_reg_and_t),
		T(test_a32_unaligned),
		T(test_a32_fault_leaves_state),
		T(test_a32_store_fault_wnr),
		T(test_a32_device),
		T(test_a32_push_pop_interwork),
		T(test_a32_ldm_modes),
		T(test_a32_ldm_fault_midway),
		T(test_a32_ldm_alignment),
		T(test_a32_user_regs),
		T(test_a32_ldm_exception_return),
		T(test_t16_ldst),
		T(test_t16_push_pop),
		T(test_t16_ldm_stm),
		T(test_t32_single),
		T(test_t32_literal_dual),
		T(test_t32_ldr_pc_and_hints),
		T(test_t32_tbb_tbh),
		T(test_t32_ldm_push_pop),
		T(test_t32_fault),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
