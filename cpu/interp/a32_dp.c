/*
 * A32 data-processing instructions (ARM ARM A5.2): decode patterns and
 * handlers. The model for every instruction class:
 *
 *  - a pattern table states each encoding once (mask/match, name) with a
 *    decode function that extracts the named fields into the slot;
 *  - the decoder picks one handler per instruction and operand form, so
 *    the handler does no decoding at run time;
 *  - handlers return the next slot (interp_next) or a jump target.
 *
 * Slot fields: rd, rn, rm, ra (= Rs for register-shifted forms), imm (the
 * expanded immediate), shift/shift_imm, flags bit 0 = S, bit 1 = carry
 * out of the immediate's rotation is defined (ARMExpandImm_C).
 */
#include "cpu/interp/alu_ops.h"

/* The operation numbers are A32's opcode field, as enum alu_dp_op (T32
 * maps its own opcodes onto them and adds ORN); local short names. */
enum dp_op {
	OP_AND, OP_EOR, OP_SUB, OP_RSB, OP_ADD, OP_ADC, OP_SBC, OP_RSC,
	OP_TST, OP_TEQ, OP_CMP, OP_CMN, OP_ORR, OP_MOV, OP_BIC, OP_MVN,
	OP_ORN,
};
_Static_assert((int)OP_ORN == (int)DP_ORN && (int)OP_MVN == (int)DP_MVN, "same numbering");

#define F_S      ALU_F_S
#define F_IMM_C  ALU_F_IMM_C

/* Operand 2 of each form, with its shifter carry out. */
static inline uint32_t op2_imm(const struct arm_cpu *c, const struct interp_insn *in,
			       uint32_t *carry)
{
	*carry = (in->flags & F_IMM_C) ? in->imm >> 31 : c->cf;
	return in->imm;
}

static inline uint32_t reg_read(struct interp *ip, const struct interp_insn *in,
				unsigned r)
{
	return r == 15 ? interp_pc_read(ip, in) : ip->cpu->regs[r];
}

static inline __attribute__((always_inline)) uint32_t op2_reg(struct interp *ip, const struct interp_insn *in,
			       uint32_t *carry)
{
	return alu_shift(reg_read(ip, in, in->rm), in->shift, in->shift_imm,
			 ip->cpu->cf, carry);
}

static inline __attribute__((always_inline)) uint32_t op2_rsr(struct interp *ip, const struct interp_insn *in,
			       uint32_t *carry)
{
	uint32_t amount = ip->cpu->regs[in->ra] & 0xff;
	if (in->shift == SHIFT_ROR && amount) /* ROR by n: n mod 32, 0 -> 32 */
		amount = (amount & 31) ? (amount & 31) : 32;
	if (in->shift == SHIFT_ROR && amount == 32) {
		uint32_t v = ip->cpu->regs[in->rm];
		*carry = v >> 31;
		return v;
	}
	return alu_shift(ip->cpu->regs[in->rm], in->shift, amount, ip->cpu->cf, carry);
}

/*
 * Writing the PC: a plain branch, or with S set an exception return
 * (SUBS PC, LR and friends: CPSR <- SPSR, ARM ARM B9.3.20).
 */
static const struct interp_insn *write_pc(struct interp *ip,
					  const struct interp_insn *in,
					  uint32_t v, bool s)
{
	if (s)
		return a32_exception_return(ip, in, v);
	/* ARMv7 ALUWritePC: interworking in A32 (A2.3.2). */
	if (!ip->page->thumb)
		return interp_jump_bx(ip, v);
	return interp_jump(ip, v);
}

static inline __attribute__((always_inline)) uint32_t op2_imm_ip(struct interp *ip, const struct interp_insn *in,
				  uint32_t *carry)
{
	return op2_imm(ip->cpu, in, carry);
}

/* The operation itself; `op` is a constant in every caller, so each
 * generated handler below keeps only its own case. */
static inline __attribute__((always_inline)) const struct interp_insn *
dp_exec(struct interp *ip, const struct interp_insn *in, unsigned op,
	uint32_t b, uint32_t carry)
{
	struct arm_cpu *c = ip->cpu;
	bool s = in->flags & F_S;
	bool compare = op >= OP_TST && op <= OP_CMN;
	/* With Rd = PC, S means exception return, not flags (B9.3.20). */
	bool flags = s && (in->rd != 15 || compare);
	uint32_t a = reg_read(ip, in, in->rn), r;
	bool logical = false;

	switch (op) {
	case OP_AND: case OP_TST: r = a & b; logical = true; break;
	case OP_EOR: case OP_TEQ: r = a ^ b; logical = true; break;
	case OP_ORR: r = a | b; logical = true; break;
	case OP_ORN: r = a | ~b; logical = true; break;
	case OP_MOV: r = b; logical = true; break;
	case OP_BIC: r = a & ~b; logical = true; break;
	case OP_MVN: r = ~b; logical = true; break;
	case OP_SUB: case OP_CMP: r = flags ? alu_adc_flags(c, a, ~b, 1) : a - b; break;
	case OP_RSB: r = flags ? alu_adc_flags(c, b, ~a, 1) : b - a; break;
	case OP_ADD: case OP_CMN: r = flags ? alu_adc_flags(c, a, b, 0) : a + b; break;
	case OP_ADC: r = flags ? alu_adc_flags(c, a, b, c->cf) : a + b + c->cf; break;
	case OP_SBC: r = flags ? alu_adc_flags(c, a, ~b, c->cf) : a - b - !c->cf; break;
	default: /* RSC */ r = flags ? alu_adc_flags(c, b, ~a, c->cf) : b - a - !c->cf; break;
	}
	if (logical && flags) {
		alu_set_nz(c, r);
		c->cf = carry;
	}
	if (compare)
		return interp_next(in);
	if (in->rd == 15)
		return write_pc(ip, in, r, s);
	c->regs[in->rd] = r;
	return interp_next(in);
}

#define DP_HANDLER(op, form, OP2)                                              \
static const struct interp_insn *dp_##op##_##form(struct interp *ip,           \
						  const struct interp_insn *in) \
{                                                                              \
	uint32_t carry, b = OP2(ip, in, &carry);                               \
	return dp_exec(ip, in, op, b, carry);                                  \
}
#define DP_FORMS(op)                                                           \
	DP_HANDLER(op, imm, op2_imm_ip)                                        \
	DP_HANDLER(op, reg, op2_reg)                                           \
	DP_HANDLER(op, rsr, op2_rsr)

DP_FORMS(OP_AND) DP_FORMS(OP_EOR) DP_FORMS(OP_SUB) DP_FORMS(OP_RSB)
DP_FORMS(OP_ADD) DP_FORMS(OP_ADC) DP_FORMS(OP_SBC) DP_FORMS(OP_RSC)
DP_FORMS(OP_TST) DP_FORMS(OP_TEQ) DP_FORMS(OP_CMP) DP_FORMS(OP_CMN)
DP_FORMS(OP_ORR) DP_FORMS(OP_MOV) DP_FORMS(OP_BIC) DP_FORMS(OP_MVN)
DP_FORMS(OP_ORN)

#define DP_ROW(form) {                                                         \
	dp_OP_AND_##form, dp_OP_EOR_##form, dp_OP_SUB_##form, dp_OP_RSB_##form, \
	dp_OP_ADD_##form, dp_OP_ADC_##form, dp_OP_SBC_##form, dp_OP_RSC_##form, \
	dp_OP_TST_##form, dp_OP_TEQ_##form, dp_OP_CMP_##form, dp_OP_CMN_##form, \
	dp_OP_ORR_##form, dp_OP_MOV_##form, dp_OP_BIC_##form, dp_OP_MVN_##form, \
	dp_OP_ORN_##form }

#define FORM_IMM DP_FORM_IMM
#define FORM_REG DP_FORM_REG
#define FORM_RSR DP_FORM_RSR
const interp_fn alu_dp_handlers[3][DP_NOPS] = { DP_ROW(imm), DP_ROW(reg), DP_ROW(rsr) };
#define dp_handlers alu_dp_handlers

/*
 * Fast forms, chosen after decoding (alu_dp_specialise) when the slot
 * allows: Rd is not the PC (or not written), Rn and Rm are not the PC,
 * and operand 2 is the immediate or a register shifted by a constant
 * (plain, LSL/LSR/ASR/ROR #n; RRX and register shifts stay generic). S
 * is part of the handler, and the shifter carry is computed only where
 * it is used (S with a logical operation).
 */
enum fast_form { FF_IMM, FF_REG, FF_LSL, FF_LSR, FF_ASR, FF_ROR, FF_NFORMS };

static inline __attribute__((always_inline)) const struct interp_insn *
dp_fast_run(struct interp *ip, const struct interp_insn *in, unsigned op,
	    unsigned form, bool s, unsigned k, bool chain)
{
	struct arm_cpu *c = ip->cpu;
	bool compare = op >= OP_TST && op <= OP_CMN;
	bool logical = !(op >= OP_SUB && op <= OP_CMN) || op == OP_TST || op == OP_TEQ;
	bool want_c = s && logical;
	uint32_t b, v = c->regs[in->rm], carry = 0;
	unsigned n = in->shift_imm;
	switch (form) {
	case FF_IMM:
		b = in->imm;
		if (want_c)
			carry = (in->flags & F_IMM_C) ? b >> 31 : c->cf;
		break;
	case FF_REG:
		b = v;
		carry = c->cf;
		break;
	case FF_LSL: /* 1..31 */
		b = v << n;
		carry = (v >> (32 - n)) & 1;
		break;
	case FF_LSR: /* 1..32 */
		b = (uint32_t)((uint64_t)v >> n);
		carry = (v >> (n - 1)) & 1;
		break;
	case FF_ASR: /* 1..32 */
		b = (uint32_t)((int64_t)(int32_t)v >> n);
		carry = (v >> (n - 1)) & 1;
		break;
	default: /* FF_ROR, 1..31 */
		b = v >> n | v << (32 - n);
		carry = b >> 31;
		break;
	}
	uint32_t a = c->regs[in->rn], r;
	switch (op) {
	case OP_AND: case OP_TST: r = a & b; break;
	case OP_EOR: case OP_TEQ: r = a ^ b; break;
	case OP_ORR: r = a | b; break;
	case OP_ORN: r = a | ~b; break;
	case OP_MOV: r = b; break;
	case OP_BIC: r = a & ~b; break;
	case OP_MVN: r = ~b; break;
	case OP_SUB: case OP_CMP: r = s ? alu_adc_flags(c, a, ~b, 1) : a - b; break;
	case OP_RSB: r = s ? alu_adc_flags(c, b, ~a, 1) : b - a; break;
	case OP_ADD: case OP_CMN: r = s ? alu_adc_flags(c, a, b, 0) : a + b; break;
	case OP_ADC: r = s ? alu_adc_flags(c, a, b, c->cf) : a + b + c->cf; break;
	case OP_SBC: r = s ? alu_adc_flags(c, a, ~b, c->cf) : a - b - !c->cf; break;
	default: /* RSC */ r = s ? alu_adc_flags(c, b, ~a, c->cf) : b - a - !c->cf; break;
	}
	if (want_c) {
		alu_set_nz(c, r);
		if (form != FF_REG)
			c->cf = carry;
	}
	if (!compare)
		c->regs[in->rd] = r;
	if (chain)
		return interp_chain(ip, interp_next_k(in, k));
	return interp_next_k(in, k);
}

static inline __attribute__((always_inline)) const struct interp_insn *
dp_fast(struct interp *ip, const struct interp_insn *in, unsigned op,
	unsigned form, bool s, unsigned k)
{
	return dp_fast_run(ip, in, op, form, s, k, false);
}

#define DPF_HANDLER(op, form, s, k)                                            \
static const struct interp_insn *dpf_##op##_##form##_##s##_##k(struct interp *ip, \
						       const struct interp_insn *in) \
{                                                                              \
	return dp_fast(ip, in, op, form, s, k);                                \
}                                                                              \
static const struct interp_insn *dpc_##op##_##form##_##s##_##k(struct interp *ip, \
						       const struct interp_insn *in) \
{                                                                              \
	return dp_fast_run(ip, in, op, form, s, k, true);                      \
}
#define DPF_STEPS(op, form, s) DPF_HANDLER(op, form, s, 1) DPF_HANDLER(op, form, s, 2)
#define DPF_FORMS(op, s)                                                       \
	DPF_STEPS(op, FF_IMM, s) DPF_STEPS(op, FF_REG, s)                      \
	DPF_STEPS(op, FF_LSL, s) DPF_STEPS(op, FF_LSR, s)                      \
	DPF_STEPS(op, FF_ASR, s) DPF_STEPS(op, FF_ROR, s)
#define DPF_OP(op) DPF_FORMS(op, 0) DPF_FORMS(op, 1)
DPF_OP(OP_AND) DPF_OP(OP_EOR) DPF_OP(OP_SUB) DPF_OP(OP_RSB)
DPF_OP(OP_ADD) DPF_OP(OP_ADC) DPF_OP(OP_SBC) DPF_OP(OP_RSC)
DPF_OP(OP_TST) DPF_OP(OP_TEQ) DPF_OP(OP_CMP) DPF_OP(OP_CMN)
DPF_OP(OP_ORR) DPF_OP(OP_MOV) DPF_OP(OP_BIC) DPF_OP(OP_MVN)
DPF_OP(OP_ORN)

#define DPF_K(op, form, s) { dpf_##op##_##form##_##s##_1, dpf_##op##_##form##_##s##_2 }
#define DPF_ROW_S(op, s) { DPF_K(op, FF_IMM, s), DPF_K(op, FF_REG, s),         \
	DPF_K(op, FF_LSL, s), DPF_K(op, FF_LSR, s), DPF_K(op, FF_ASR, s),      \
	DPF_K(op, FF_ROR, s) }
#define DPF_ROW(op) { DPF_ROW_S(op, 0), DPF_ROW_S(op, 1) }
static const interp_fn dp_fast_handlers[DP_NOPS][2][FF_NFORMS][2] = {
	DPF_ROW(OP_AND), DPF_ROW(OP_EOR), DPF_ROW(OP_SUB), DPF_ROW(OP_RSB),
	DPF_ROW(OP_ADD), DPF_ROW(OP_ADC), DPF_ROW(OP_SBC), DPF_ROW(OP_RSC),
	DPF_ROW(OP_TST), DPF_ROW(OP_TEQ), DPF_ROW(OP_CMP), DPF_ROW(OP_CMN),
	DPF_ROW(OP_ORR), DPF_ROW(OP_MOV), DPF_ROW(OP_BIC), DPF_ROW(OP_MVN),
	DPF_ROW(OP_ORN),
};
#undef DPF_K
#define DPF_K(op, form, s) { dpc_##op##_##form##_##s##_1, dpc_##op##_##form##_##s##_2 }
/* The same handlers ending with interp_chain: for a slot's fn only (the
 * instruction dispatched on its own, not run by a wrapper). */
static const interp_fn dp_chain_handlers[DP_NOPS][2][FF_NFORMS][2] = {
	DPF_ROW(OP_AND), DPF_ROW(OP_EOR), DPF_ROW(OP_SUB), DPF_ROW(OP_RSB),
	DPF_ROW(OP_ADD), DPF_ROW(OP_ADC), DPF_ROW(OP_SBC), DPF_ROW(OP_RSC),
	DPF_ROW(OP_TST), DPF_ROW(OP_TEQ), DPF_ROW(OP_CMP), DPF_ROW(OP_CMN),
	DPF_ROW(OP_ORR), DPF_ROW(OP_MOV), DPF_ROW(OP_BIC), DPF_ROW(OP_MVN),
	DPF_ROW(OP_ORN),
};

interp_fn alu_dp_chain(interp_fn exec)
{
	const interp_fn *f = &dp_fast_handlers[0][0][0][0];
	for (size_t i = 0; i < sizeof(dp_fast_handlers) / sizeof(*f); i++)
		if (f[i] == exec)
			return (&dp_chain_handlers[0][0][0][0])[i];
	return NULL;
}

/*
 * Fused: a compare (CMP, CMN, TST, or SUBS) with an immediate or a plain
 * register, and the conditional branch within the page right after it
 * (alu_b_near, condition `cond`), in one dispatch. The branch keeps its
 * own slot (it may be reached on its own); this handler reads it. It
 * retires both only where the run loop has room for two instructions
 * (interp_fuse_ok), else just the compare.
 */
static inline __attribute__((always_inline)) const struct interp_insn *
dp_fused(struct interp *ip, const struct interp_insn *in, unsigned op,
	 unsigned form, unsigned k, unsigned cond)
{
	const struct interp_insn *b = in + k;
	if (b->exec != alu_b_near || b->cond != cond || b->it || !interp_fuse_ok(ip))
		return dp_fast_run(ip, in, op, form, true, k, true);
	dp_fast(ip, in, op, form, true, k);
	interp_fused(ip);
	if (interp_cond_pass(ip->cpu, cond))
		return interp_chain(ip, b + (int32_t)b->imm);
	return interp_chain(ip, b + b->step);
}

enum { FU_CMP, FU_CMN, FU_TST, FU_SUB, FU_NOPS };
static const uint8_t fuse_ops[FU_NOPS] = { OP_CMP, OP_CMN, OP_TST, OP_SUB };

#define FU_HANDLER(o, form, k, cond)                                           \
static const struct interp_insn *fu_##o##_##form##_##k##_##cond(struct interp *ip, \
						       const struct interp_insn *in) \
{                                                                              \
	return dp_fused(ip, in, o, form, k, cond);                             \
}
#define FU_CONDS(o, form, k)                                                   \
	FU_HANDLER(o, form, k, 0) FU_HANDLER(o, form, k, 1) FU_HANDLER(o, form, k, 2) \
	FU_HANDLER(o, form, k, 3) FU_HANDLER(o, form, k, 4) FU_HANDLER(o, form, k, 5) \
	FU_HANDLER(o, form, k, 6) FU_HANDLER(o, form, k, 7) FU_HANDLER(o, form, k, 8) \
	FU_HANDLER(o, form, k, 9) FU_HANDLER(o, form, k, 10) FU_HANDLER(o, form, k, 11) \
	FU_HANDLER(o, form, k, 12) FU_HANDLER(o, form, k, 13)
#define FU_OP(o)                                                               \
	FU_CONDS(o, FF_IMM, 1) FU_CONDS(o, FF_IMM, 2)                          \
	FU_CONDS(o, FF_REG, 1) FU_CONDS(o, FF_REG, 2)
FU_OP(OP_CMP) FU_OP(OP_CMN) FU_OP(OP_TST) FU_OP(OP_SUB)

#define FU_ROW_C(o, form, k) {                                                 \
	fu_##o##_##form##_##k##_0, fu_##o##_##form##_##k##_1, fu_##o##_##form##_##k##_2, \
	fu_##o##_##form##_##k##_3, fu_##o##_##form##_##k##_4, fu_##o##_##form##_##k##_5, \
	fu_##o##_##form##_##k##_6, fu_##o##_##form##_##k##_7, fu_##o##_##form##_##k##_8, \
	fu_##o##_##form##_##k##_9, fu_##o##_##form##_##k##_10, fu_##o##_##form##_##k##_11, \
	fu_##o##_##form##_##k##_12, fu_##o##_##form##_##k##_13 }
#define FU_ROW(o) { { FU_ROW_C(o, FF_IMM, 1), FU_ROW_C(o, FF_IMM, 2) },         \
		    { FU_ROW_C(o, FF_REG, 1), FU_ROW_C(o, FF_REG, 2) } }
/* [op][form: imm, reg][step - 1][cond] */
static const interp_fn dp_fused_handlers[FU_NOPS][2][2][14] = {
	FU_ROW(OP_CMP), FU_ROW(OP_CMN), FU_ROW(OP_TST), FU_ROW(OP_SUB),
};

interp_fn alu_dp_fuse(const struct interp_insn *in, unsigned cond)
{
	if (cond >= 14 || (in->step != 1 && in->step != 2))
		return NULL;
	for (unsigned f = 0; f < FU_NOPS; f++)
		for (unsigned form = FF_IMM; form <= FF_REG; form++)
			if (in->exec == dp_fast_handlers[fuse_ops[f]][1][form][in->step - 1])
				return dp_fused_handlers[f][form][in->step - 1][cond];
	return NULL;
}

interp_fn alu_dp_specialise(const struct interp_insn *in)
{
	for (unsigned form = DP_FORM_IMM; form <= DP_FORM_REG; form++)
		for (unsigned op = 0; op < DP_NOPS; op++) {
			if (in->exec != alu_dp_handlers[form][op])
				continue;
			bool compare = op >= OP_TST && op <= OP_CMN;
			if ((!compare && in->rd == 15) ||
			    (in->rn == 15 && op != OP_MOV && op != OP_MVN))
				return NULL;
			unsigned ff;
			if (form == DP_FORM_IMM) {
				ff = FF_IMM;
			} else {
				if (in->rm == 15)
					return NULL;
				switch (in->shift) {
				case SHIFT_LSL: ff = in->shift_imm ? FF_LSL : FF_REG; break;
				case SHIFT_LSR: ff = FF_LSR; break;
				case SHIFT_ASR: ff = FF_ASR; break;
				case SHIFT_ROR: ff = FF_ROR; break;
				default: return NULL; /* RRX */
				}
				if (ff != FF_REG && (in->shift_imm == 0 || in->shift_imm > 32 ||
						     (in->shift_imm == 32 && ff != FF_LSR && ff != FF_ASR)))
					return NULL;
			}
			if (in->step != 1 && in->step != 2)
				return NULL;
			return dp_fast_handlers[op][in->flags & F_S][ff][in->step - 1];
		}
	return NULL;
}

static bool dp_fast_rd_only(interp_fn f)
{
	for (unsigned op = 0; op < DP_NOPS; op++) {
		if (op >= OP_TST && op <= OP_CMN)
			continue;
		for (unsigned ff = 0; ff < FF_NFORMS; ff++)
			for (unsigned k = 0; k < 2; k++)
				if (f == dp_fast_handlers[op][0][ff][k])
					return true;
	}
	return false;
}

/* Register-only handlers writing Rd alone (alu_dp_specialise's fast
 * forms never have Rd = PC; the others are checked here). */
bool alu_writes_rd_only(const struct interp_insn *in)
{
	static const interp_fn pure[] = {
		alu_movw, alu_movt, alu_clz, alu_mul, alu_mla, alu_mls,
		alu_sxtb, alu_sxth, alu_uxtb, alu_uxth, alu_sxtb16, alu_uxtb16,
		alu_sxtab, alu_sxtah, alu_uxtab, alu_uxtah, alu_sxtab16, alu_uxtab16,
		alu_rev, alu_rev16, alu_revsh, alu_rbit,
		alu_bfi, alu_bfc, alu_ubfx, alu_sbfx,
	};
	if (in->rd == 15)
		return false;
	if (dp_fast_rd_only(in->exec))
		return true;
	for (unsigned i = 0; i < sizeof(pure) / sizeof(pure[0]); i++)
		if (in->exec == pure[i])
			return true;
	return false;
}

/* MOVW / MOVT (A8.8.102, A8.8.106): imm is imm16. */
const struct interp_insn *alu_movw(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->regs[in->rd] = in->imm;
	return interp_next(in);
}

const struct interp_insn *alu_movt(struct interp *ip, const struct interp_insn *in)
{
	uint32_t *r = &ip->cpu->regs[in->rd];
	*r = (*r & 0xffffu) | in->imm << 16;
	return interp_next(in);
}

/* T32 ADR (A8.8.12): from the word-aligned PC; imm is signed. */
const struct interp_insn *alu_adr(struct interp *ip, const struct interp_insn *in)
{
	ip->cpu->regs[in->rd] = (interp_pc_read(ip, in) & ~3u) + in->imm;
	return interp_next(in);
}

/* ---- decoders ---- */

/* op1 = 10xx0: TST..CMN without S is the miscellaneous / halfword
 * multiply space (A5.2): what a32_system and a32_mul did not take is
 * UNDEFINED, not a compare. */
static bool dp_misc_space(uint32_t raw)
{
	return (raw & 0x01900000) == 0x01000000;
}

static void dp_common(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 12 & 15;
	in->rn = raw >> 16 & 15;
	in->flags = (raw >> 20 & 1) ? F_S : 0;
	unsigned op = raw >> 21 & 15;
	/* Compare/test write no register and always set flags. */
	if (op >= OP_TST && op <= OP_CMN)
		in->flags |= F_S;
}

/* ARMExpandImm_C (A5.2.4): an 8-bit value rotated right by 2 * rot. */
static bool decode_dp_imm(struct interp_insn *in, uint32_t raw)
{
	if (dp_misc_space(raw))
		return false;
	unsigned rot = (raw >> 8 & 15) * 2;
	uint32_t v = raw & 0xff;
	dp_common(in, raw);
	in->imm = rot ? (v >> rot | v << (32 - rot)) : v;
	if (rot)
		in->flags |= F_IMM_C;
	in->exec = dp_handlers[FORM_IMM][raw >> 21 & 15];
	return true;
}

/* DecodeImmShift (A8.4.3). */
void a32_decode_imm_shift(struct interp_insn *in, unsigned type, unsigned imm5)
{
	in->shift = (uint8_t)type;
	in->shift_imm = (uint8_t)imm5;
	if (imm5 == 0 && (type == SHIFT_LSR || type == SHIFT_ASR))
		in->shift_imm = 32;
	else if (imm5 == 0 && type == SHIFT_ROR)
		in->shift = SHIFT_RRX;
}

static bool decode_dp_reg(struct interp_insn *in, uint32_t raw)
{
	if (dp_misc_space(raw))
		return false;
	dp_common(in, raw);
	in->rm = raw & 15;
	a32_decode_imm_shift(in, raw >> 5 & 3, raw >> 7 & 31);
	in->exec = dp_handlers[FORM_REG][raw >> 21 & 15];
	return true;
}

static bool decode_dp_rsr(struct interp_insn *in, uint32_t raw)
{
	if (dp_misc_space(raw))
		return false;
	dp_common(in, raw);
	in->rm = raw & 15;
	in->ra = raw >> 8 & 15; /* Rs */
	in->shift = raw >> 5 & 3;
	/* Any of them PC is UNPREDICTABLE (A8.8.x): treat as UNDEFINED. */
	if (in->rd == 15 || in->rn == 15 || in->rm == 15 || in->ra == 15)
		return false;
	in->exec = dp_handlers[FORM_RSR][raw >> 21 & 15];
	return true;
}

/*
 * A5.2: data-processing (register), (register-shifted register),
 * (immediate). op1 = 10xx0 (TST..CMN without S) is the miscellaneous and
 * halfword-multiply space; those patterns come earlier in the table.
 */
static bool decode_movw(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 12 & 15;
	in->imm = (raw >> 4 & 0xf000) | (raw & 0xfff);
	if (in->rd == 15) /* UNPREDICTABLE */
		return false;
	in->exec = (raw & 0x00400000) ? alu_movt : alu_movw;
	return true;
}

const struct interp_pattern a32_dp_patterns[] = {
	{ 0x0fb00000, 0x03000000, "movw/movt", decode_movw },
	{ 0x0e000010, 0x00000000, "dp (register)", decode_dp_reg },
	{ 0x0e000090, 0x00000010, "dp (register-shifted register)", decode_dp_rsr },
	{ 0x0e000000, 0x02000000, "dp (immediate)", decode_dp_imm },
};
const unsigned a32_dp_npatterns = sizeof(a32_dp_patterns) / sizeof(a32_dp_patterns[0]);
