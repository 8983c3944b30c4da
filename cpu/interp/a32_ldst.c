/*
 * A32 single loads and stores (ARM ARM A5.3: LDR, STR, LDRB, STRB and
 * their unprivileged forms) and the "extra" loads and stores inside the
 * data-processing space (A5.2.8: LDRH, STRH, LDRSB, LDRSH, LDRD, STRD and
 * the unprivileged LDRHT, STRHT, LDRSBT, LDRSHT). The decoders pick one
 * handler of ldst_ops.c per operation and addressing form.
 *
 * UNPREDICTABLE encodings that would write or read the PC as a general
 * register (writeback to R15, Rm = R15, byte loads into R15) decode as
 * UNDEFINED: the slot's handler could not read R15 as a register.
 */
#include "cpu/interp/ldst_ops.h"

/* P/W/U into an addressing form (A8.5: P=0 post-indexed, W=1 writeback;
 * P=0 W=1 is the unprivileged form). */
static int pick_am(uint32_t raw, bool reg, unsigned rn)
{
	bool p = raw >> 24 & 1, u = raw >> 23 & 1, w = raw >> 21 & 1;
	if (rn == 15) {
		if (!p || w) /* writeback to the PC: UNPREDICTABLE */
			return -1;
		return reg ? (u ? AM_LIT_REGP : AM_LIT_REGM) : AM_LIT_IMM;
	}
	if (!p && w)
		return reg ? (u ? AM_POST_REGP_T : AM_POST_REGM_T) : AM_POST_IMM_T;
	if (!p)
		return reg ? (u ? AM_POST_REGP : AM_POST_REGM) : AM_POST_IMM;
	if (w)
		return reg ? (u ? AM_PRE_REGP : AM_PRE_REGM) : AM_PRE_IMM;
	return reg ? (u ? AM_OFF_REGP : AM_OFF_REGM) : AM_OFF_IMM;
}

static bool am_is_user(int am)
{
	return am == AM_POST_IMM_T || am == AM_POST_REGP_T || am == AM_POST_REGM_T;
}

/* A5.3: LDR/STR/LDRB/STRB (immediate, register, literal) and LDRT/STRT/
 * LDRBT/STRBT. Fields: rd = Rt, rn, rm; imm = +/-imm12 (A8.8.63 ...). */
static bool decode_ldst(struct interp_insn *in, uint32_t raw)
{
	bool reg = raw >> 25 & 1;
	bool byte = raw >> 22 & 1, load = raw >> 20 & 1;
	if (reg && (raw & 0x10)) /* media instructions (A5.4) */
		return false;
	in->rd = raw >> 12 & 15;
	in->rn = raw >> 16 & 15;
	int am = pick_am(raw, reg, in->rn);
	if (am < 0)
		return false;
	if (reg) {
		in->rm = raw & 15;
		if (in->rm == 15)
			return false;
		a32_decode_imm_shift(in, raw >> 5 & 3, raw >> 7 & 31);
	} else {
		uint32_t imm12 = raw & 0xfff;
		in->imm = (raw >> 23 & 1) ? imm12 : 0u - imm12;
	}
	unsigned op;
	if (in->rd == 15 && (byte || am_is_user(am)))
		return false; /* UNPREDICTABLE */
	if (load)
		op = byte ? LD_B : in->rd == 15 ? LD_WPC : LD_W;
	else
		op = byte ? ST_B : in->rd == 15 ? ST_WPC : ST_W;
	in->exec = ldst_single_fn[op][am];
	return true;
}

/*
 * A5.2.8: cond 000 P U I W L Rn Rt imm4H 1 op2 1 imm4L|Rm, op2 != 00.
 * I = 1: imm8 = imm4H:imm4L; I = 0: Rm, bits 11:8 zero.
 */
static bool decode_extra(struct interp_insn *in, uint32_t raw)
{
	unsigned op2 = raw >> 5 & 3;
	bool imm = raw >> 22 & 1, load = raw >> 20 & 1;
	if (op2 == 0)
		return false;
	if (!imm && (raw & 0xf00))
		return false;
	in->rd = raw >> 12 & 15;
	in->rn = raw >> 16 & 15;
	int am = pick_am(raw, !imm, in->rn);
	if (am < 0 || in->rd == 15)
		return false;
	if (imm) {
		uint32_t imm8 = (raw >> 4 & 0xf0) | (raw & 0xf);
		in->imm = (raw >> 23 & 1) ? imm8 : 0u - imm8;
	} else {
		in->rm = raw & 15;
		if (in->rm == 15)
			return false;
		in->shift = 0;
		in->shift_imm = 0;
	}
	if (op2 == 1) {
		in->exec = ldst_single_fn[load ? LD_H : ST_H][am];
		return true;
	}
	if (load) {
		in->exec = ldst_single_fn[op2 == 2 ? LD_SB : LD_SH][am];
		return true;
	}
	/* LDRD (op2 = 10) / STRD (op2 = 11), A8.8.72 / A8.8.210: Rt even
	 * and not R14 (QEMU: UNDEFINED); no unprivileged form. */
	if ((in->rd & 1) || in->rd == 14 || am_is_user(am))
		return false;
	if (am == AM_LIT_REGP || am == AM_LIT_REGM)
		return false;
	in->ra = in->rd + 1;
	in->exec = ldst_dual_fn[op2 == 2 ? 0 : 1][am];
	return in->exec != NULL;
}

const struct interp_pattern a32_ldst_extra_patterns[] = {
	{ 0x0e000090, 0x00000090, "extra load/store", decode_extra },
};
const unsigned a32_ldst_extra_npatterns =
	sizeof(a32_ldst_extra_patterns) / sizeof(a32_ldst_extra_patterns[0]);

const struct interp_pattern a32_ldst_patterns[] = {
	{ 0x0c000000, 0x04000000, "load/store word and unsigned byte", decode_ldst },
};
const unsigned a32_ldst_npatterns =
	sizeof(a32_ldst_patterns) / sizeof(a32_ldst_patterns[0]);
