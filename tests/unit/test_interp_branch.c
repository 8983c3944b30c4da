/*
 * A32 control flow and system instructions on the interpreter: B, BL,
 * BX/BLX (register and immediate, interworking), ALUWritePC, conditional
 * execution, SVC, HVC, WFI, BKPT, UDF, SUBS PC, LR, CPS, CLREX, SRS/RFE,
 * SETEND; the exact instruction budget of chained and fused handlers.
 * Encodings from arm-none-eabi-as.
 */
#include "test_interp_harness.h"

#define MODE() (cpu.cpsr_rest & 0x1fu)
#define THUMB() ((cpu.cpsr_rest >> 5) & 1u)

static void branch_link(void **state)
{
	(void)state;
	LOAD_A32(
		0xea000002, /* b CODE+0x10 */
		0xe320f000, /* nop */
		0xe320f000, /* nop */
		0xe320f000, /* nop */
		0xeb000000, /* bl CODE+0x18 */
		0xe320f000, /* nop */
		0xe12fff33, /* blx r3 */
	);
	cpu.regs[3] = CODE + 0x101;
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x10);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x18);
	assert_int_equal(cpu.regs[14], CODE + 0x14);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x100);
	assert_int_equal(cpu.regs[14], CODE + 0x1c);
	assert_int_equal(THUMB(), 1);
}

static void interworking(void **state)
{
	(void)state;
	LOAD_A32(
		0xfa00003e, /* blx CODE+0x100 (to Thumb) */
		0xe12fff11, /* bx r1 */
	);
	put16(CODE + 0x100, 0x4770); /* bx lr */
	put16(CODE + 0x200, 0x4700 | 15 << 3); /* bx pc: to A32 at CODE+0x204 */
	cpu.regs[1] = CODE + 0x201;
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x100);
	assert_int_equal(cpu.regs[14], CODE + 4);
	assert_int_equal(THUMB(), 1);
	run(1); /* bx lr: LR bit 0 clear, back to A32 */
	assert_int_equal(cpu.regs[15], CODE + 4);
	assert_int_equal(THUMB(), 0);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x200);
	assert_int_equal(THUMB(), 1);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x204);
	assert_int_equal(THUMB(), 0);
}

static void alu_write_pc(void **state)
{
	(void)state;
	LOAD_A32(
		0xe1a0f00e, /* mov pc, lr */
	);
	cpu.regs[14] = CODE + 0x41; /* A32 ALUWritePC interworks (A2.3.2) */
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x40);
	assert_int_equal(THUMB(), 1);
}

static void conditional(void **state)
{
	(void)state;
	LOAD_A32(
		0xe3b00000, /* movs r0, #0 */
		0x03a01001, /* moveq r1, #1 */
		0x13a02001, /* movne r2, #1 */
		0x12833001, /* addne r3, r3, #1 */
	);
	run(4);
	assert_int_equal(cpu.regs[1], 1);
	assert_int_equal(cpu.regs[2], 0);
	assert_int_equal(cpu.regs[3], 0);
	assert_int_equal(cpu.regs[15], CODE + 16);
}

static void svc(void **state)
{
	(void)state;
	LOAD_A32(
		0xef000012, /* svc 0x12 */
	);
	arm_cpu_switch_mode(&cpu, ARM_MODE_USR);
	cpu.cpsr_rest &= ~0x1c0u;
	set_nzcv(0x8);
	run(1);
	assert_int_equal(MODE(), ARM_MODE_SVC);
	assert_int_equal(cpu.regs[15], RAM_BASE + 8);
	assert_int_equal(cpu.regs[14], CODE + 4);
	assert_int_equal(cpu.spsr, 0x80000010);
	assert_true(cpu.cpsr_rest & (1u << 7)); /* I set */
}

static void hvc_wfi(void **state)
{
	(void)state;
	LOAD_A32(
		0xe1443271, /* hvc 0x4321 */
		0xe320f003, /* wfi */
		0xe320f003, /* wfi */
		0xe320f002, /* wfe: a NOP as in QEMU (yield) */
		0xe320f001, /* yield */
		0xe320f004, /* sev */
	);
	assert_int_equal(run(10), INTERP_EXIT_HVC);
	assert_int_equal(interp_hvc_imm(ip), 0x4321);
	assert_int_equal(cpu.regs[15], CODE + 4);
	assert_int_equal(run(10), INTERP_EXIT_WFI);
	assert_int_equal(cpu.regs[15], CODE + 8);
	/* a pending interrupt, even masked by CPSR.I, does not wait */
	interp_set_irq(ip, true);
	assert_int_equal(run(4), INTERP_EXIT_BUDGET);
	assert_int_equal(cpu.regs[15], CODE + 24);
	assert_int_equal(MODE(), ARM_MODE_SVC);
}

static void bkpt_udf(void **state)
{
	(void)state;
	LOAD_A32(
		0xe1200077, /* bkpt 0x0007 */
	);
	put32(CODE + 0x100, 0xe7f000f5); /* udf #5 */
	run(1);
	assert_int_equal(MODE(), ARM_MODE_ABT);
	assert_int_equal(cpu.regs[15], RAM_BASE + 0x0c);
	assert_int_equal(cpu.regs[14], CODE + 4);
	assert_int_equal(cpu.sys.ifsr, 2); /* debug event */
	cpu.regs[15] = CODE + 0x100;
	run(1);
	assert_int_equal(MODE(), ARM_MODE_UND);
	assert_int_equal(cpu.regs[15], RAM_BASE + 0x04);
	assert_int_equal(cpu.regs[14], CODE + 0x104);
}

static void exception_return(void **state)
{
	(void)state;
	LOAD_A32(
		0xe25ef004, /* subs pc, lr, #4 */
	);
	cpu.spsr = 0x80000030; /* User, Thumb, N */
	cpu.regs[14] = CODE + 0x104;
	cpu.regs[13] = 0x5555;
	run(1);
	assert_int_equal(MODE(), ARM_MODE_USR);
	assert_int_equal(THUMB(), 1);
	assert_int_equal(nzcv(), 0x8);
	assert_int_equal(cpu.regs[15], CODE + 0x100);
	assert_int_equal(cpu.banked_r13[ARM_BANK_SVC], 0x5555);
}

static void cps_clrex_barriers(void **state)
{
	(void)state;
	LOAD_A32(
		0xf1080100, /* cpsie a */
		0xf10c00c0, /* cpsid if */
		0xf1020013, /* cps #19 */
		0xf57ff01f, /* clrex */
		0xf57ff05b, /* dmb ish */
		0xf57ff04f, /* dsb sy */
		0xf57ff06f, /* isb sy */
		0xf5d0f000, /* pld [r0] */
		0xf1010000, /* setend le */
		0xf1010200, /* setend be: UNDEFINED (no big-endian data) */
	);
	arm_cpu_switch_mode(&cpu, ARM_MODE_SYS);
	cpu.cpsr_rest &= ~0x1c0u;
	cpu.exclusive_addr = 0x40001000;
	run(1);
	assert_int_equal(cpu.cpsr_rest & 0x1c0, 0x000);
	run(1);
	assert_int_equal(cpu.cpsr_rest & 0x1c0, 0x0c0);
	run(1);
	assert_int_equal(MODE(), ARM_MODE_SVC);
	run(6);
	assert_true(cpu.exclusive_addr == UINT64_MAX);
	assert_int_equal(cpu.regs[15], CODE + 36);
	run(1);
	assert_int_equal(MODE(), ARM_MODE_UND);
}

static void srs_rfe(void **state)
{
	(void)state;
	LOAD_A32(
		0xf96d0513, /* srsdb sp!, #19 */
		0xf8b00a00, /* rfeia r0! */
	);
	arm_cpu_switch_mode(&cpu, ARM_MODE_IRQ);
	cpu.banked_r13[ARM_BANK_SVC] = RAM_BASE + 0x8000;
	cpu.regs[14] = 0x11111111;
	cpu.spsr = 0x22222222;
	cpu.regs[0] = RAM_BASE + 0x9000;
	put32(RAM_BASE + 0x9000, CODE + 0x200);
	put32(RAM_BASE + 0x9004, 0x6000001f); /* System, Z C */
	run(1);
	assert_int_equal(get32(RAM_BASE + 0x7ff8), 0x11111111);
	assert_int_equal(get32(RAM_BASE + 0x7ffc), 0x22222222);
	assert_int_equal(cpu.banked_r13[ARM_BANK_SVC], RAM_BASE + 0x7ff8);
	run(1);
	assert_int_equal(cpu.regs[15], CODE + 0x200);
	assert_int_equal(MODE(), ARM_MODE_SYS);
	assert_int_equal(nzcv(), 0x6);
	assert_int_equal(cpu.regs[0], RAM_BASE + 0x9008);
}

/*
 * Chained and fused handlers (interp_chain, compare and branch, IT with one
 * instruction) retire several instructions a dispatch: a budget of k must
 * still stop after exactly k, in the state that k single steps reach.
 */
struct chain_state {
	uint32_t regs[16], cpsr, data;
	uint64_t insns;
};

static struct chain_state chain_snap(void)
{
	struct chain_state st;
	memcpy(st.regs, cpu.regs, sizeof(st.regs));
	st.cpsr = arm_cpsr_read(&cpu);
	st.data = get32(DATA);
	st.insns = interp_insns(ip);
	return st;
}

static void chain_start(const void *code, size_t bytes, bool thumb)
{
	harness_reset();
	harness_start();
	memcpy(ram + (CODE - RAM_BASE), code, bytes);
	if (thumb)
		cpu.cpsr_rest |= CPSR_T;
	cpu.regs[4] = DATA;
	interp_flush(ip);
}

static void chain_check(const void *code, size_t bytes, bool thumb, unsigned total)
{
	for (unsigned k = 1; k <= total; k++) {
		chain_start(code, bytes, thumb);
		for (unsigned i = 0; i < k; i++)
			run_all(1);
		struct chain_state stepped = chain_snap();
		chain_start(code, bytes, thumb);
		run_all(k);
		struct chain_state ran = chain_snap();
		assert_int_equal(ran.insns, k);
		assert_memory_equal(&ran, &stepped, sizeof(ran));
	}
}

static void chained_budget_exact(void **state)
{
	(void)state;
	static const uint32_t a32[] = {
		0xe3a00000, /* mov r0, #0 */
		0xe3a01010, /* mov r1, #16 */
		0xe3a02000, /* mov r2, #0 */
		0xe2800003, /* 1: add r0, r0, #3 */
		0xe5840000, /* str r0, [r4] */
		0xe5943000, /* ldr r3, [r4] */
		0xe0822003, /* add r2, r2, r3 */
		0xe3120001, /* tst r2, #1 */
		0x12822005, /* addne r2, r2, #5 */
		0xe2511001, /* subs r1, r1, #1 */
		0x1afffff7, /* bne 1b */
		0xeafffffe, /* b . */
	};
	static const uint16_t t32[] = {
		0x2000, 0x2108, 0x2200, /* movs r0, #0; movs r1, #8; movs r2, #0 */
		0x3003,                 /* 1: adds r0, #3 */
		0x6020, 0x6823,         /* str r0, [r4]; ldr r3, [r4] */
		0x441a,                 /* add r2, r3 */
		0xf012, 0x0f01,         /* tst.w r2, #1 */
		0xbf18, 0x3205,         /* it ne; addne r2, #5 */
		0x3901, 0xd1f5,         /* subs r1, #1; bne 1b */
		0xe7fe,                 /* b . */
	};
	chain_check(a32, sizeof(a32), false, 3 + 16 * 8 + 4);
	chain_check(t32, sizeof(t32), true, 3 + 8 * 9 + 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(branch_link, setup, teardown),
		cmocka_unit_test_setup_teardown(interworking, setup, teardown),
		cmocka_unit_test_setup_teardown(alu_write_pc, setup, teardown),
		cmocka_unit_test_setup_teardown(conditional, setup, teardown),
		cmocka_unit_test_setup_teardown(svc, setup, teardown),
		cmocka_unit_test_setup_teardown(hvc_wfi, setup, teardown),
		cmocka_unit_test_setup_teardown(bkpt_udf, setup, teardown),
		cmocka_unit_test_setup_teardown(exception_return, setup, teardown),
		cmocka_unit_test_setup_teardown(cps_clrex_barriers, setup, teardown),
		cmocka_unit_test_setup_teardown(srs_rfe, setup, teardown),
		cmocka_unit_test_setup_teardown(chained_budget_exact, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
