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
