/*
 * T32 (Thumb-2) decoding. The 16-bit and 32-bit encodings are separate
 * tables; handlers are shared with A32 where the operation is the same
 * (cpu/interp/alu_ops.h). Encodings not in a table decode as UNDEFINED.
 *
 * IT blocks (ARM ARM A8.8.55, A2.5.2 ITSTATE)
 * ==========================================
 * The condition of an instruction in an IT block, and whether a 16-bit
 * data-processing instruction sets flags (!InITBlock()), are fixed when
 * the slot is decoded: a slot decoded with ITSTATE `it` != 0 gets
 * cond = it[7:4], it = `it`, flag-less handlers, and fn = the exec_it
 * handler of that condition (it_fns[cond]).
 * The ITSTATE of an address is a property of the code (the IT instruction
 * in front of it), so one decoding per slot is right for every legal way
 * of reaching it: falling through from the IT instruction, or an
 * exception return into the middle of the block.
 *
 * CPSR.IT is kept live while running, so that it is exact whenever
 * anything looks at the CPSR:
 *  - the IT instruction writes its ITSTATE into cpu->cpsr_rest;
 *  - an exec_it handler finds the slot's ITSTATE there (every legal way
 *    into the block brings it) and writes it ITAdvance()d after the
 *    instruction (or clears it when the instruction branched out of the
 *    block at its end); outside IT blocks CPSR.IT is 0;
 *  - so an exception taken by an instruction in the block (UNDEF, data
 *    abort) or between two of them (IRQ) saves the right ITSTATE in the
 *    SPSR through exception.c's arm_cpsr_read(); SVC saves the advanced
 *    state (alu_svc); exception entry clears CPSR.IT;
 *  - an exception return (arm_cpsr_write of the SPSR) restores it, and
 *    interp_run starts from it.
 *
 * How slots get their ITSTATE:
 *  - the IT instruction and each exec_it handler decode the next slot of the
 *    block in place when it is not already decoded with the expected
 *    state (one compare when it is);
 *  - a slot first reached another way (the block continues on the next
 *    code page, an exception return or a restored snapshot lands inside
 *    the block) is decoded by dispatch's decode_stub, which must pass
 *    the live CPSR.IT: interp_decode_t32_it(in, hw1, hw2,
 *    alu_it_from_cpsr(cpu->cpsr_rest)).
 */
#include "cpu/interp/alu_ops.h"

struct t32_table {
	const struct interp_pattern *patterns;
	const unsigned *count;
};

#define T(name) { name##_patterns, &name##_npatterns }
static const struct t32_table t16_tables[] = {
	T(t16_alu), T(t16_ldst), T(t16_misc), T(t16_branch),
};
static const struct t32_table t32_tables[] = {
	T(t32_dp), T(t32_misc), T(t32_branch), T(t32_ldst), T(t32_ldm), T(t32_excl), T(t32_cp), T(t32_vfp), T(t32_neon),
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool decode_tables(const struct t32_table *t, unsigned n,
			  struct interp_insn *in, uint32_t raw)
{
	for (unsigned i = 0; i < n; i++)
		if (interp_decode_table(t[i].patterns, *t[i].count, in, raw))
			return true;
	return false;
}

static const interp_fn it_fns[16], it_sel_fns[16];

unsigned interp_decode_t32_it(struct interp_insn *in, uint16_t hw1, uint16_t hw2,
			      unsigned it)
{
	bool wide = (hw1 >> 11) >= 0x1d;
	uint32_t raw = wide ? (uint32_t)hw1 << 16 | hw2 : hw1;
	uint16_t pc_off = in->pc_off; /* where the slot is: kept */
	memset(in, 0, sizeof(*in));
	in->pc_off = pc_off;
	in->raw = raw;
	in->step = wide ? 2 : 1;
	in->cond = 14;
	in->it = (uint8_t)it; /* decoders read it: InITBlock() */
	in->exec = interp_exec_undef;
	bool found = wide ? decode_tables(t32_tables, N(t32_tables), in, raw)
			  : decode_tables(t16_tables, N(t16_tables), in, raw);
	if (!found)
		in->exec = interp_exec_undef;
	if (it & 0xf) {
		in->cond = (uint8_t)(it >> 4);
		in->fn = it_fns[in->cond];
	} else {
		in->it = 0;
		in->fn = in->cond >= 14 ? in->exec : interp_cond_fn(in->cond);
	}
	interp_specialise(in, true);
	if ((it & 0xf) && alu_writes_rd_only(in))
		in->fn = it_sel_fns[in->cond];
	return wide ? 4 : 2;
}

unsigned interp_decode_t32(struct interp_insn *in, uint16_t hw1, uint16_t hw2)
{
	return interp_decode_t32_it(in, hw1, hw2, 0);
}

static void it_decode(struct interp *ip, const struct interp_insn *next,
		      unsigned it)
{
	if ((size_t)(next - ip->page->slots) >= INTERP_SLOTS_T32)
		return; /* on the next page: decode_stub sees CPSR.IT */
	uint32_t pc = interp_pc(ip, next), hw1, hw2 = 0;
	if (!interp_fetch(ip, pc, 2, &hw1))
		return; /* the fault is taken when execution gets there */
	if ((hw1 >> 11) >= 0x1d && !interp_fetch(ip, pc + 2, 2, &hw2))
		return;
	interp_decode_t32_it((struct interp_insn *)next, (uint16_t)hw1,
			     (uint16_t)hw2, it);
}

/* Make sure slot `next` (same page) is decoded for ITSTATE `it`: two
 * compares when it is (its condition is it[7:4], so its handler is
 * it_fns[it >> 4] or it_sel_fns[it >> 4]). */
static inline void it_prepare(struct interp *ip, const struct interp_insn *next,
			      unsigned it)
{
	if (next->it == it && (next->fn == it_fns[it >> 4] ||
			       next->fn == it_sel_fns[it >> 4]))
		return;
	it_decode(ip, next, it);
}

static inline void it_set(struct arm_cpu *c, unsigned it)
{
	c->cpsr_rest = (c->cpsr_rest & ~ALU_CPSR_IT) | alu_it_to_cpsr(it);
}

/*
 * An instruction in an IT block (see the comment at the top), one handler
 * per condition. CPSR.IT already holds this slot's ITSTATE: the IT
 * instruction or the block's previous instruction left it there, and an
 * exception return or a restored snapshot landing here brought it (a
 * branch into the middle of a block is UNPREDICTABLE). Afterwards it is
 * the advanced state, or 0 when the instruction branched.
 */
static inline __attribute__((always_inline)) const struct interp_insn *
exec_it(struct interp *ip, const struct interp_insn *in, unsigned cond)
{
	struct arm_cpu *c = ip->cpu;
	const struct interp_insn *next = interp_next(in), *r;
	unsigned nit = alu_it_advance(in->it);
	if (nit)
		it_prepare(ip, next, nit);
	r = interp_cond_pass(c, cond) ? in->exec(ip, in) : next;
	if (r == next) {
		it_set(c, nit);
		return interp_chain(ip, next);
	}
	if (!ip->exit_requested)
		it_set(c, 0); /* a branch, the last instruction of the block */
	/* else an exception entry or return wrote CPSR.IT itself */
	return r;
}

/* The same for an instruction that only writes Rd: it always runs, and
 * Rd keeps its value when the condition fails (no host branch on it). */
static inline __attribute__((always_inline)) const struct interp_insn *
exec_it_select(struct interp *ip, const struct interp_insn *in, unsigned cond)
{
	const struct interp_insn *next = interp_next(in);
	unsigned nit = alu_it_advance(in->it);
	if (nit)
		it_prepare(ip, next, nit);
	interp_exec_select(ip, in, cond);
	it_set(ip->cpu, nit);
	return interp_chain(ip, next);
}

#define EXEC_IT(c)                                                            \
static const struct interp_insn *t32_exec_it_##c(struct interp *ip,          \
						 const struct interp_insn *in) \
{                                                                             \
	return exec_it(ip, in, c);                                            \
}                                                                             \
static const struct interp_insn *t32_exec_it_sel_##c(struct interp *ip,      \
						     const struct interp_insn *in) \
{                                                                             \
	return exec_it_select(ip, in, c);                                     \
}
EXEC_IT(0) EXEC_IT(1) EXEC_IT(2) EXEC_IT(3) EXEC_IT(4) EXEC_IT(5) EXEC_IT(6)
EXEC_IT(7) EXEC_IT(8) EXEC_IT(9) EXEC_IT(10) EXEC_IT(11) EXEC_IT(12) EXEC_IT(13)
EXEC_IT(14) EXEC_IT(15)

static const interp_fn it_fns[16] = {
	t32_exec_it_0, t32_exec_it_1, t32_exec_it_2, t32_exec_it_3,
	t32_exec_it_4, t32_exec_it_5, t32_exec_it_6, t32_exec_it_7,
	t32_exec_it_8, t32_exec_it_9, t32_exec_it_10, t32_exec_it_11,
	t32_exec_it_12, t32_exec_it_13, t32_exec_it_14, t32_exec_it_15,
};
static const interp_fn it_sel_fns[16] = {
	t32_exec_it_sel_0, t32_exec_it_sel_1, t32_exec_it_sel_2, t32_exec_it_sel_3,
	t32_exec_it_sel_4, t32_exec_it_sel_5, t32_exec_it_sel_6, t32_exec_it_sel_7,
	t32_exec_it_sel_8, t32_exec_it_sel_9, t32_exec_it_sel_10, t32_exec_it_sel_11,
	t32_exec_it_sel_12, t32_exec_it_sel_13, t32_exec_it_sel_14, t32_exec_it_sel_15,
};

/* IT (A8.8.55): imm = firstcond:mask. */
const struct interp_insn *t32_it(struct interp *ip, const struct interp_insn *in)
{
	const struct interp_insn *next = interp_next(in);
	it_set(ip->cpu, in->imm);
	it_prepare(ip, next, in->imm);
	return next;
}

/*
 * IT with a block of one instruction (mask 0b1000), condition `cond`: when
 * that instruction only writes Rd (its slot already prepared with the
 * select handler) and the run loop has room for two (interp_fuse_ok),
 * both run in this dispatch. ITAdvance() ends the block: CPSR.IT is 0
 * after it, as it was before (an IT inside a block is UNPREDICTABLE).
 */
static inline __attribute__((always_inline)) const struct interp_insn *
it_one(struct interp *ip, const struct interp_insn *in, unsigned cond)
{
	const struct interp_insn *next = interp_next(in);
	if (next->it != in->imm || next->fn != it_sel_fns[cond] || !interp_fuse_ok(ip))
		return t32_it(ip, in);
	interp_exec_select(ip, next, cond);
	it_set(ip->cpu, 0);
	interp_fused(ip);
	return interp_chain(ip, interp_next(next));
}

#define IT_ONE(c)                                                             \
static const struct interp_insn *t32_it_one_##c(struct interp *ip,           \
						const struct interp_insn *in) \
{                                                                             \
	return it_one(ip, in, c);                                             \
}
IT_ONE(0) IT_ONE(1) IT_ONE(2) IT_ONE(3) IT_ONE(4) IT_ONE(5) IT_ONE(6)
IT_ONE(7) IT_ONE(8) IT_ONE(9) IT_ONE(10) IT_ONE(11) IT_ONE(12) IT_ONE(13)
IT_ONE(14)

interp_fn t32_it_handler(unsigned it)
{
	static const interp_fn one[15] = {
		t32_it_one_0, t32_it_one_1, t32_it_one_2, t32_it_one_3,
		t32_it_one_4, t32_it_one_5, t32_it_one_6, t32_it_one_7,
		t32_it_one_8, t32_it_one_9, t32_it_one_10, t32_it_one_11,
		t32_it_one_12, t32_it_one_13, t32_it_one_14,
	};
	return (it & 0xf) == 8 && (it >> 4) < 15 ? one[it >> 4] : t32_it;
}
