/*
 * 16-bit T32 encodings other than loads and stores (ARM ARM A6.2):
 * shift/add/subtract/move/compare, data processing, special data and
 * branch and exchange, ADR, ADD (SP plus immediate), miscellaneous
 * (A6.2.5: CPS, CBZ/CBNZ, extends, REV, BKPT, IT, hints), conditional
 * branch, SVC, UDF and B. PUSH/POP are in t16_ldst.c.
 *
 * The data-processing instructions use the A32 handlers (alu_dp_handlers)
 * with the slot fields filled as a32_dp.c documents; they set flags only
 * outside an IT block (in->it == 0 while decoding, see decode_t32.c).
 */
#include "cpu/interp/alu_ops.h"

#define IN_IT(in) ((in)->it != 0)

static bool dp(struct interp_insn *in, unsigned form, unsigned op, bool s)
{
	in->exec = alu_dp_handlers[form][op];
	in->flags = s ? ALU_F_S : 0;
	return true;
}

/* ---- A6.2.1 shift (immediate), add, subtract, move, compare ---- */

static bool decode_shift_imm(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw & 7;
	in->rm = raw >> 3 & 7;
	a32_decode_imm_shift(in, raw >> 11 & 3, raw >> 6 & 31);
	return dp(in, DP_FORM_REG, DP_MOV, !IN_IT(in));
}

static bool decode_addsub3(struct interp_insn *in, uint32_t raw)
{
	bool imm = raw >> 10 & 1, sub = raw >> 9 & 1;
	in->rd = raw & 7;
	in->rn = raw >> 3 & 7;
	in->rm = raw >> 6 & 7;
	in->imm = raw >> 6 & 7;
	return dp(in, imm ? DP_FORM_IMM : DP_FORM_REG, sub ? DP_SUB : DP_ADD, !IN_IT(in));
}

static bool decode_imm8(struct interp_insn *in, uint32_t raw)
{
	static const uint8_t ops[4] = { DP_MOV, DP_CMP, DP_ADD, DP_SUB };
	unsigned op = raw >> 11 & 3;
	in->rd = in->rn = raw >> 8 & 7;
	in->imm = raw & 0xff;
	return dp(in, DP_FORM_IMM, ops[op], op == 1 || !IN_IT(in));
}

/* ---- A6.2.2 data processing ---- */

static bool decode_dp16(struct interp_insn *in, uint32_t raw)
{
	unsigned op = raw >> 6 & 15;
	unsigned rdn = raw & 7, rm = raw >> 3 & 7;
	bool s = !IN_IT(in);
	in->rd = in->rn = (uint8_t)rdn;
	in->rm = (uint8_t)rm;
	switch (op) {
	case 0: return dp(in, DP_FORM_REG, DP_AND, s);
	case 1: return dp(in, DP_FORM_REG, DP_EOR, s);
	case 2: case 3: case 4: case 7: /* shifts by register: MOV Rdn, Rdn, <shift> Rm */
		in->rm = (uint8_t)rdn;
		in->ra = (uint8_t)rm;
		in->shift = op == 2 ? SHIFT_LSL : op == 3 ? SHIFT_LSR : op == 4 ? SHIFT_ASR : SHIFT_ROR;
		return dp(in, DP_FORM_RSR, DP_MOV, s);
	case 5: return dp(in, DP_FORM_REG, DP_ADC, s);
	case 6: return dp(in, DP_FORM_REG, DP_SBC, s);
	case 8: return dp(in, DP_FORM_REG, DP_TST, true);
	case 9: /* RSB Rd, Rn, #0 */
		in->rn = (uint8_t)rm;
		in->imm = 0;
		return dp(in, DP_FORM_IMM, DP_RSB, s);
	case 10: return dp(in, DP_FORM_REG, DP_CMP, true);
	case 11: return dp(in, DP_FORM_REG, DP_CMN, true);
	case 12: return dp(in, DP_FORM_REG, DP_ORR, s);
	case 13: /* MUL Rdm, Rn, Rdm */
		in->rn = (uint8_t)rm;
		in->rm = (uint8_t)rdn;
		in->exec = s ? alu_muls : alu_mul;
		return true;
	case 14: return dp(in, DP_FORM_REG, DP_BIC, s);
	default: return dp(in, DP_FORM_REG, DP_MVN, s);
	}
}

/* ---- A6.2.3 special data instructions and branch and exchange ---- */

static bool decode_special(struct interp_insn *in, uint32_t raw)
{
	unsigned op = raw >> 8 & 3;
	in->rd = in->rn = (uint8_t)((raw >> 4 & 8) | (raw & 7));
	in->rm = raw >> 3 & 15;
	switch (op) {
	case 0: /* ADD (register); Rd = PC is BranchWritePC */
		return dp(in, DP_FORM_REG, DP_ADD, false);
	case 1: /* both low registers is UNPREDICTABLE: compared anyway */
		return dp(in, DP_FORM_REG, DP_CMP, true);
	case 2:
		return dp(in, DP_FORM_REG, DP_MOV, false);
	default:
		if (raw & 7)
			return false;
		if (raw & 0x80) {
			if (in->rm == 15)
				return false;
			in->exec = alu_blx_reg;
		} else {
			in->exec = alu_bx;
		}
		return true;
	}
}

/* ---- ADR (A8.8.12 T1), ADD (SP plus immediate) (A8.8.9 T1, T2), SUB SP ---- */

static bool decode_adr(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 8 & 7;
	in->imm = (raw & 0xff) << 2;
	in->exec = alu_adr;
	return true;
}

static bool decode_add_sp(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 8 & 7;
	in->rn = 13;
	in->imm = (raw & 0xff) << 2;
	return dp(in, DP_FORM_IMM, DP_ADD, false);
}

static bool decode_adjust_sp(struct interp_insn *in, uint32_t raw)
{
	in->rd = in->rn = 13;
	in->imm = (raw & 0x7f) << 2;
	return dp(in, DP_FORM_IMM, (raw & 0x80) ? DP_SUB : DP_ADD, false);
}

/* ---- A6.2.5 miscellaneous ---- */

/* CBZ / CBNZ (A8.8.29): imm = offset from the PC as read; flags bit 0
 * = NZ. */
static const struct interp_insn *t16_cbz(struct interp *ip, const struct interp_insn *in)
{
	if (ip->cpu->regs[in->rn] == 0)
		return interp_jump(ip, interp_pc_read(ip, in) + in->imm);
	return interp_next(in);
}

static const struct interp_insn *t16_cbnz(struct interp *ip, const struct interp_insn *in)
{
	if (ip->cpu->regs[in->rn] != 0)
		return interp_jump(ip, interp_pc_read(ip, in) + in->imm);
	return interp_next(in);
}

static bool decode_cbz(struct interp_insn *in, uint32_t raw)
{
	in->rn = raw & 7;
	in->imm = (raw >> 3 & 0x1f) << 1 | (raw >> 9 & 1) << 6;
	in->exec = (raw & 0x800) ? t16_cbnz : t16_cbz;
	return true;
}

static bool decode_extend(struct interp_insn *in, uint32_t raw)
{
	static const interp_fn ops[4] = { alu_sxth, alu_sxtb, alu_uxth, alu_uxtb };
	in->rd = raw & 7;
	in->rm = raw >> 3 & 7;
	in->exec = ops[raw >> 6 & 3];
	return true;
}

static bool decode_rev(struct interp_insn *in, uint32_t raw)
{
	static const interp_fn ops[4] = { alu_rev, alu_rev16, NULL, alu_revsh };
	in->rd = raw & 7;
	in->rm = raw >> 3 & 7;
	in->exec = ops[raw >> 6 & 3];
	return in->exec != NULL;
}

static bool decode_cps(struct interp_insn *in, uint32_t raw)
{
	in->imm = (raw & 7) << 6 | ((raw & 0x10) ? 1u << 9 : 1u << 10);
	in->exec = alu_cps;
	return true;
}

static bool decode_setend(struct interp_insn *in, uint32_t raw)
{
	/* big-endian data is not supported: SETEND BE is UNDEFINED */
	in->exec = (raw & 8) ? interp_exec_undef : alu_nop;
	return true;
}

static bool decode_bkpt(struct interp_insn *in, uint32_t raw)
{
	in->imm = raw & 0xff;
	in->exec = alu_bkpt;
	return true;
}

static bool decode_it_hint(struct interp_insn *in, uint32_t raw)
{
	if (raw & 0xf) { /* IT: firstcond:mask */
		unsigned firstcond = raw >> 4 & 15;
		/* firstcond 1111, or AL with an else slot, is UNPREDICTABLE */
		if (firstcond == 15 || IN_IT(in))
			return false;
		in->imm = raw & 0xff;
		in->exec = t32_it_handler(in->imm);
		return true;
	}
	/* hints: NOP YIELD WFE SEV (and unallocated ones) are NOPs, WFI waits */
	in->exec = (raw >> 4 & 15) == 3 ? alu_wfi : alu_nop;
	return true;
}

/* ---- conditional branch, UDF, SVC (A6.2.6), B (A8.8.18 T2) ---- */

static bool decode_bcond(struct interp_insn *in, uint32_t raw)
{
	unsigned cond = raw >> 8 & 15;
	if (cond == 14) {
		in->exec = interp_exec_undef; /* UDF */
		return true;
	}
	if (cond == 15) {
		in->imm = raw & 0xff;
		in->exec = alu_svc;
		return true;
	}
	in->cond = (uint8_t)cond;
	in->imm = (uint32_t)((int32_t)(raw << 24) >> 23);
	in->exec = alu_b;
	return true;
}

static bool decode_b(struct interp_insn *in, uint32_t raw)
{
	in->imm = (uint32_t)((int32_t)(raw << 21) >> 20);
	in->exec = alu_b;
	return true;
}

const struct interp_pattern t16_alu_patterns[] = {
	{ 0xf800, 0x1800, "add/sub (3-bit)", decode_addsub3 },
	{ 0xe000, 0x0000, "lsl/lsr/asr (immediate)", decode_shift_imm },
	{ 0xe000, 0x2000, "mov/cmp/add/sub (8-bit immediate)", decode_imm8 },
	{ 0xfc00, 0x4000, "data processing", decode_dp16 },
	{ 0xfc00, 0x4400, "special data, bx/blx", decode_special },
	{ 0xf800, 0xa000, "adr", decode_adr },
	{ 0xf800, 0xa800, "add (sp plus immediate)", decode_add_sp },
};
const unsigned t16_alu_npatterns = sizeof(t16_alu_patterns) / sizeof(t16_alu_patterns[0]);

const struct interp_pattern t16_misc_patterns[] = {
	{ 0xff00, 0xb000, "add/sub sp, sp, #imm", decode_adjust_sp },
	{ 0xf500, 0xb100, "cbz/cbnz", decode_cbz },
	{ 0xff00, 0xb200, "sxth/sxtb/uxth/uxtb", decode_extend },
	{ 0xffe8, 0xb660, "cps", decode_cps },
	{ 0xfff7, 0xb650, "setend", decode_setend },
	{ 0xff00, 0xba00, "rev/rev16/revsh", decode_rev },
	{ 0xff00, 0xbe00, "bkpt", decode_bkpt },
	{ 0xff00, 0xbf00, "it, hints", decode_it_hint },
};
const unsigned t16_misc_npatterns = sizeof(t16_misc_patterns) / sizeof(t16_misc_patterns[0]);

const struct interp_pattern t16_branch_patterns[] = {
	{ 0xf000, 0xd000, "b<c>, udf, svc", decode_bcond },
	{ 0xf800, 0xe000, "b", decode_b },
};
const unsigned t16_branch_npatterns = sizeof(t16_branch_patterns) / sizeof(t16_branch_patterns[0]);
