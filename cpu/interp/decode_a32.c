/*
 * A32 decoding: the condition field, then the class tables in the order of
 * the ARM ARM's top-level decode (A5.1): earlier tables hold the special
 * corners (miscellaneous, multiplies, extra loads/stores) that sit inside
 * the data-processing space.
 */
#include "cpu/interp/a32.h"

struct a32_table {
	const struct interp_pattern *patterns;
	const unsigned *count;
};

#define T(name) { name##_patterns, &name##_npatterns }
static const struct a32_table a32_tables[] = {
	T(a32_system), T(a32_mul), T(a32_ldst_extra), T(a32_excl), T(a32_dp), T(a32_media), T(a32_ldst), T(a32_ldm), T(a32_branch), T(a32_cp), T(a32_vfp),
};
static const struct a32_table a32_uncond_tables[] = {
	T(a32_uncond), T(a32_neon),
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

void interp_decode_a32(struct interp_insn *in, uint32_t raw)
{
	uint16_t pc_off = in->pc_off; /* where the slot is: kept */
	memset(in, 0, sizeof(*in));
	in->pc_off = pc_off;
	in->raw = raw;
	in->step = 1;
	in->cond = raw >> 28;
	in->exec = interp_exec_undef;
	bool found = false;
	const struct a32_table *tables = in->cond == 15 ? a32_uncond_tables : a32_tables;
	unsigned n = in->cond == 15 ? N(a32_uncond_tables) : N(a32_tables);
	for (unsigned t = 0; t < n && !found; t++)
		found = interp_decode_table(tables[t].patterns, *tables[t].count, in, raw);
	if (!found) { /* UNDEFINED, but only when its condition passes */
		in->exec = interp_exec_undef;
		if (in->cond == 15)
			in->cond = 14;
	}
	in->fn = in->cond >= 14 ? in->exec : interp_cond_fn(in->cond);
	interp_specialise(in, false);
}

/* ---- shared by the A32 classes ---- */

/* Modes a guest may enter: no Monitor (no Security Extensions) and no Hyp
 * (the guest is the PL1 of a cortex-a15 without EL2). QEMU keeps the mode
 * on an attempt to switch to another (bad_mode_switch). */
static bool guest_mode_ok(uint32_t mode)
{
	return arm_mode_valid(mode) && mode != ARM_MODE_HYP && mode != ARM_MODE_MON;
}

const struct interp_insn *a32_exception_return(struct interp *ip,
					       const struct interp_insn *in,
					       uint32_t pc)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t mode = c->cpsr_rest & ARM_CPSR_M;
	if (mode == ARM_MODE_USR || mode == ARM_MODE_SYS)
		return interp_undef(ip, in);
	uint32_t spsr = c->spsr;
	if (!guest_mode_ok(spsr & ARM_CPSR_M))
		spsr = (spsr & ~ARM_CPSR_M) | mode;
	arm_cpu_switch_mode(c, spsr & ARM_CPSR_M);
	arm_cpsr_write(c, spsr);
	interp_priv_changed(ip);
	interp_request_exit(ip); /* masks may have changed */
	return interp_jump(ip, pc);
}

void a32_cpsr_write(struct interp *ip, uint32_t value, uint32_t mask)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t mode = c->cpsr_rest & ARM_CPSR_M;
	if (mode == ARM_MODE_USR) /* PL0 writes only the flags (B9.3.11) */
		mask &= 0xf80f0000u;
	/* Execution state bits are never written by MSR; bits 23:20 are
	 * reserved, RAZ (ARM ARM B1.3.3). */
	mask &= ~0x07f0fc20u;
	if ((mask & ARM_CPSR_M) && !guest_mode_ok(value & ARM_CPSR_M))
		mask &= ~ARM_CPSR_M;
	if (mask & ARM_CPSR_M)
		arm_cpu_switch_mode(c, value & ARM_CPSR_M);
	uint32_t cur = arm_cpsr_read(c);
	arm_cpsr_write(c, (cur & ~mask) | (value & mask));
	interp_priv_changed(ip);
	interp_request_exit(ip);
}
