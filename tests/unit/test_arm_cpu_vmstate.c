/*
 * The "cpu" section's conversions (cpu/arm_cpu_vmstate.c): what an
 * AArch32 cortex-a15 can hold is taken, the rest refused with one line
 * naming the element and the value, through the same converters a load
 * and `tern convert --set` use (vms_field_set).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/arm_cpu.h"
#include "cpu/arm_cpu_vmstate.h"
#include "cpu/cpreg.h"

struct fixture {
	struct arm_cpu cpu;
	struct vms_error err;
	struct vms_in in;
};

static struct fixture *fresh(void)
{
	static struct fixture fx;

	memset(&fx, 0, sizeof(fx));
	arm_cpu_reset(&fx.cpu, &cpreg_list_a15);
	vms_in_buffer(&fx.in, NULL, 0, &fx.err);
	return &fx;
}

/* vms_field_set on element i of the field with JSON name `name`. */
static bool set(struct fixture *fx, const char *name, uint32_t i, uint64_t v)
{
	uint32_t first = 0;
	const struct vms_field *f = vms_field_find(&arm_cpu_vmstate, name, NULL, &first);

	assert_non_null(f);
	memset(&fx->err, 0, sizeof(fx->err));
	vms_in_buffer(&fx->in, NULL, 0, &fx->err);
	return vms_field_set(f, &fx->cpu, first + i, v, &fx->in);
}

static void assert_refused(struct fixture *fx, const char *what)
{
	assert_true(fx->err.set);
	assert_null(strchr(fx->err.msg, '\n'));
	if (!strstr(fx->err.msg, what))
		fail_msg("error \"%s\" lacks \"%s\"", fx->err.msg, what);
}

/* 32-bit registers in QEMU's 64-bit slots take 32 bits, no more. */
static void spsr_and_elr_hyp_take_32_bits(void **state)
{
	struct fixture *fx = fresh();

	(void)state;
	assert_true(set(fx, "env.elr_el", 2, 0x80001234));
	assert_int_equal(fx->cpu.elr_hyp, 0x80001234);
	assert_false(set(fx, "env.elr_el", 2, 0x180001234ull));
	assert_refused(fx, "field 'env.elr_el': element 2 is 0x180001234, wider than 32 bits");
	assert_int_equal(fx->cpu.elr_hyp, 0x80001234);

	assert_true(set(fx, "env.banked_spsr", 3, 0x600001d3));
	assert_int_equal(fx->cpu.banked_spsr[3], 0x600001d3);
	assert_false(set(fx, "env.banked_spsr", 3, 1ull << 40));
	assert_refused(fx, "element 3 is 0x10000000000, wider than 32 bits");
}

/* AArch64-only state is zero; a zregs member past q15 says which element. */
static void aarch64_state_must_be_zero(void **state)
{
	struct fixture *fx = fresh();

	(void)state;
	assert_true(set(fx, "env.elr_el", 1, 0));
	assert_false(set(fx, "env.elr_el", 1, 5));
	assert_refused(fx, "element 1 is 0x5: AArch64 state");
	assert_true(set(fx, "env.vfp.zregs[17].d", 1, 0));
	assert_false(set(fx, "env.vfp.zregs[17].d", 1, 7));
	assert_refused(fx, "field 'env.vfp.zregs[17].d': element 1 is 0x7: AArch64 state");
	/* q0-q15 are the D registers, two a member */
	assert_true(set(fx, "env.vfp.zregs[3].d", 1, 0x0123456789abcdefull));
	assert_int_equal(fx->cpu.vfp.d[7], 0x0123456789abcdefull);
}

/* vfp.xregs from [2]: FPEXC is the guest's, MVFR1 a constant. */
static void vfp_xregs_hold_fpexc_and_refuse_other_mvfr(void **state)
{
	struct fixture *fx = fresh();

	(void)state;
	assert_true(set(fx, "env.vfp.xregs", 8 - 2, 0x40000000));
	assert_int_equal(fx->cpu.vfp.fpexc, 0x40000000);
	assert_true(set(fx, "env.vfp.xregs", 6 - 2, 0x11111111));
	assert_false(set(fx, "env.vfp.xregs", 6 - 2, 0x11111112));
	assert_refused(fx, "vfp.xregs[6] is 0x11111112; on a cortex-a15 it is the constant 0x11111111");
	assert_false(set(fx, "env.vfp.xregs", 15 - 2, 1));
	assert_refused(fx, "vfp.xregs[15] is 0x1; on a cortex-a15 it is the constant 0x0");
	assert_false(set(fx, "env.vfp.xregs[0]", 0, 0x410430f1));
	assert_refused(fx, "vfp.xregs[0] is 0x410430f1; on a cortex-a15 it is the constant 0x410430f0");
}

static uint32_t position(uint64_t index)
{
	for (uint32_t i = 0; i < cpreg_list_a15.count; i++)
		if (cpreg_index(cpreg_list_at(&cpreg_list_a15, i)) == index)
			return i;
	fail_msg("index %016llx not in the list", (unsigned long long)index);
	return 0;
}

/* The list is QEMU's: another register, or another constant, is refused
 * with both registers named by their encoding. */
static void cp_register_refusals_name_the_registers(void **state)
{
	struct fixture *fx = fresh();
	uint32_t midr = position(0x40200000200f0000ull);

	(void)state;
	assert_true(set(fx, "cpreg_vmstate_indexes", 0, 0x40200000000f0010ull));
	assert_false(set(fx, "cpreg_vmstate_indexes", 0, 0x40200000200f1800ull));
	assert_refused(fx, "entry 0 is register p15 0 c3 c0 0 (0x40200000200f1800) where "
		       "cortex-a15 has p15 2 c0 c0 0 (secure) (0x40200000000f0010)");
	assert_true(set(fx, "cpreg_vmstate_values", midr, 0x414fc0f0));
	assert_false(set(fx, "cpreg_vmstate_values", midr, 0x412fc0f1));
	assert_refused(fx, "register p15 0 c0 c0 0 (0x40200000200f0000) is 0x412fc0f1; "
		       "on a cortex-a15 it is the constant 0x414fc0f0");
	assert_false(set(fx, "cpreg_vmstate_values", position(0x40200000000f0800ull),
			 1ull << 32));
	assert_refused(fx, "register p15 0 c1 c0 0 (secure) (0x40200000000f0800) cannot hold "
		       "0x100000000");
}

/* Saved, loaded back and saved again: the same bytes. */
static void cpu_section_round_trips(void **state)
{
	static uint8_t a[8192], b[8192];
	struct fixture *fx = fresh();
	struct arm_cpu back;
	struct vms_out out;
	size_t len;

	(void)state;
	fx->cpu.vfp.d[5] = 0x1122334455667788ull;
	fx->cpu.regs[3] = 0xdeadbeef;
	vms_out_buffer(&out, a, sizeof(a), &fx->err);
	assert_true(vms_save(&out, &arm_cpu_vmstate, &fx->cpu, NULL));
	len = out.len;
	memset(&back, 0, sizeof(back));
	arm_cpu_reset(&back, &cpreg_list_a15);
	vms_in_buffer(&fx->in, a, len, &fx->err);
	assert_true(vms_load(&fx->in, &arm_cpu_vmstate, &back, arm_cpu_vmstate.version_id));
	assert_int_equal(back.vfp.d[5], 0x1122334455667788ull);
	assert_int_equal(back.regs[3], 0xdeadbeef);
	vms_out_buffer(&out, b, sizeof(b), &fx->err);
	assert_true(vms_save(&out, &arm_cpu_vmstate, &back, NULL));
	assert_int_equal(out.len, len);
	assert_memory_equal(a, b, len);
	assert_false(fx->err.set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spsr_and_elr_hyp_take_32_bits),
		cmocka_unit_test(aarch64_state_must_be_zero),
		cmocka_unit_test(vfp_xregs_hold_fpexc_and_refuse_other_mvfr),
		cmocka_unit_test(cp_register_refusals_name_the_registers),
		cmocka_unit_test(cpu_section_round_trips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
