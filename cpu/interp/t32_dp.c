/*
 * 32-bit T32 encodings other than loads, stores and coprocessors (ARM ARM
 * A6.3): data processing (modified immediate A6.3.1, plain binary
 * immediate A6.3.3, shifted register A6.3.11, register A6.3.12 - A6.3.15),
 * multiplies (A6.3.16, A6.3.17), branches and miscellaneous control
 * (A6.3.4) and TBB/TBH. The handlers are the A32 ones (alu_ops.h).
 *
 * raw = hw1 << 16 | hw2. Fields: Rn raw[19:16], S raw[20], Rd raw[11:8],
 * Rm raw[3:0], imm3 raw[14:12], imm2 raw[7:6], type raw[5:4].
 */
#include "cpu/interp/alu_ops.h"

#define RN(raw) ((raw) >> 16 & 15)
#define RD(raw) ((raw) >> 8 & 15)
#define RM(raw) ((raw) & 15)

/* Registers 13 and 15 are UNPREDICTABLE as most operands (A6.3). */
static inline bool bad(unsigned r)
{
	return r == 13 || r == 15;
}

/* ---- data processing: modified immediate and shifted register ---- */

/* T32 opcode -> A32 operation (-1: not data processing). */
static const int8_t t32_ops[16] = {
	DP_AND, DP_BIC, DP_ORR, DP_ORN, DP_EOR, -1, -1, -1,
	DP_ADD, -1, DP_ADC, DP_SBC, -1, DP_SUB, DP_RSB, -1,
};

/* Pick the operation for T32 opcode `op`, with the TST/TEQ/CMN/CMP
 * (Rd = 15, S) and MOV/MVN (Rn = 15) aliases. */
static bool dp_fields(struct interp_insn *in, uint32_t raw, unsigned form)
{
	unsigned op = raw >> 21 & 15;
	bool s = raw >> 20 & 1;
	int dop = t32_ops[op];
	if (dop < 0)
		return false;
	in->rd = RD(raw);
	in->rn = RN(raw);
	in->flags = s ? ALU_F_S : 0;
	if (in->rd == 15 && s) {
		switch (op) {
		case 0: dop = DP_TST; break;
		case 4: dop = DP_TEQ; break;
		case 8: dop = DP_CMN; break;
		case 13: dop = DP_CMP; break;
		default: return false;
		}
	} else if (in->rd == 15) {
		return false;
	}
	if (in->rn == 15) {
		if (op == 2)
			dop = DP_MOV;
		else if (op == 3)
			dop = DP_MVN;
		else
			return false;
	}
	in->exec = alu_dp_handlers[form][dop];
	return true;
}

/* ThumbExpandImm_C (A6.3.2). */
static bool decode_dp_modimm(struct interp_insn *in, uint32_t raw)
{
	uint32_t imm12 = (raw >> 15 & 0x800) | (raw >> 4 & 0x700) | (raw & 0xff);
	uint32_t v = imm12 & 0xff;
	if (!dp_fields(in, raw, DP_FORM_IMM))
		return false;
	if ((imm12 >> 10) == 0) {
		switch (imm12 >> 8 & 3) {
		case 0: in->imm = v; break;
		case 1: in->imm = v << 16 | v; break;
		case 2: in->imm = v << 24 | v << 8; break;
		default: in->imm = v * 0x01010101u; break;
		}
	} else {
		in->imm = alu_ror(0x80 | (imm12 & 0x7f), imm12 >> 7);
		in->flags |= ALU_F_IMM_C;
	}
	return true;
}

static bool decode_dp_shifted(struct interp_insn *in, uint32_t raw)
{
	unsigned imm5 = (raw >> 10 & 0x1c) | (raw >> 6 & 3);
	in->rm = RM(raw);
	if ((raw >> 21 & 15) == 6) { /* PKHBT / PKHTB */
		bool tb = raw >> 5 & 1;
		in->rd = RD(raw);
		in->rn = RN(raw);
		if ((raw & 0x00100000) || bad(in->rd) || bad(in->rn) || bad(in->rm))
			return false;
		in->shift_imm = (uint8_t)(tb && imm5 == 0 ? 32 : imm5);
		in->exec = tb ? alu_pkhtb : alu_pkhbt;
		return true;
	}
	if (in->rm == 15)
		return false;
	a32_decode_imm_shift(in, raw >> 4 & 3, imm5);
	return dp_fields(in, raw, DP_FORM_REG);
}

/* ---- plain binary immediate (A6.3.3) ---- */

static bool decode_dp_plain(struct interp_insn *in, uint32_t raw)
{
	unsigned op = raw >> 20 & 31;
	uint32_t imm12 = (raw >> 15 & 0x800) | (raw >> 4 & 0x700) | (raw & 0xff);
	unsigned imm5 = (raw >> 10 & 0x1c) | (raw >> 6 & 3); /* imm3:imm2 */
	unsigned f5 = raw & 31;
	in->rd = RD(raw);
	in->rn = RN(raw);
	if (in->rd == 15 || (in->rd == 13 && op != 0x00 && op != 0x0a))
		return false;
	switch (op) {
	case 0x00: case 0x0a: /* ADDW / SUBW, ADR */
		if (in->rn == 15) {
			in->imm = op ? (uint32_t)-imm12 : imm12;
			in->exec = alu_adr;
			return true;
		}
		in->imm = imm12;
		in->exec = alu_dp_handlers[DP_FORM_IMM][op ? DP_SUB : DP_ADD];
		return true;
	case 0x04: case 0x0c: /* MOVW / MOVT */
		in->imm = (raw >> 4 & 0xf000) | imm12;
		in->exec = op == 4 ? alu_movw : alu_movt;
		return true;
	case 0x10: case 0x12: case 0x18: case 0x1a: { /* SSAT, SSAT16, USAT, USAT16 */
		bool u = op & 8, sh = op & 2;
		if (bad(in->rn))
			return false;
		if (sh && imm5 == 0) { /* the 16-bit forms */
			in->imm = (f5 & 15) + (u ? 0 : 1);
			in->exec = u ? alu_usat16 : alu_ssat16;
			return true;
		}
		in->imm = f5 + (u ? 0 : 1);
		a32_decode_imm_shift(in, sh ? SHIFT_ASR : SHIFT_LSL, imm5);
		in->exec = u ? alu_usat : alu_ssat;
		return true;
	}
	case 0x14: case 0x1c: /* SBFX, UBFX */
		if (bad(in->rn) || imm5 + f5 > 31)
			return false;
		if (op == 0x1c) {
			in->shift_imm = (uint8_t)imm5;
			in->imm = f5 == 31 ? ~0u : (2u << f5) - 1;
			in->exec = alu_ubfx;
		} else {
			in->shift_imm = (uint8_t)(31 - imm5 - f5);
			in->imm = 31 - f5;
			in->exec = alu_sbfx;
		}
		return true;
	case 0x16: /* BFI, BFC (Rn = 15) */
		if (f5 < imm5 || in->rn == 13)
			return false;
		in->shift_imm = (uint8_t)imm5;
		in->imm = (f5 == 31 ? ~0u : (2u << f5) - 1) & ~((1u << imm5) - 1);
		in->exec = in->rn == 15 ? alu_bfc : alu_bfi;
		return true;
	}
	return false;
}

/* ---- data processing (register) (A6.3.12 - A6.3.15) ---- */

static bool decode_shift_reg(struct interp_insn *in, uint32_t raw)
{
	in->rd = RD(raw);
	in->rm = RN(raw);   /* the value shifted */
	in->ra = RM(raw);   /* the amount */
	in->shift = raw >> 21 & 3;
	in->flags = (raw >> 20 & 1) ? ALU_F_S : 0;
	if (bad(in->rd) || bad(in->rm) || bad(in->ra))
		return false;
	in->exec = alu_dp_handlers[DP_FORM_RSR][DP_MOV];
	return true;
}

static bool decode_extend(struct interp_insn *in, uint32_t raw)
{
	static const interp_fn plain[6] = {
		alu_sxth, alu_uxth, alu_sxtb16, alu_uxtb16, alu_sxtb, alu_uxtb };
	static const interp_fn acc[6] = {
		alu_sxtah, alu_uxtah, alu_sxtab16, alu_uxtab16, alu_sxtab, alu_uxtab };
	unsigned op = raw >> 20 & 7;
	in->rd = RD(raw);
	in->rn = RN(raw);
	in->rm = RM(raw);
	in->shift_imm = (uint8_t)((raw >> 4 & 3) * 8);
	if (op > 5 || bad(in->rd) || bad(in->rm) || in->rn == 13)
		return false;
	in->exec = in->rn == 15 ? plain[op] : acc[op];
	return true;
}

static bool decode_parallel(struct interp_insn *in, uint32_t raw)
{
	/* op1 raw[22:20]: 001 ADD16 010 ASX 110 SAX 101 SUB16 000 ADD8 100 SUB8;
	 * raw[6] unsigned; raw[5:4] 00 plain, 01 saturating, 10 halving */
	static const int8_t ops[8] = { 4, 0, 1, -1, 5, 3, 2, -1 };
	int op = ops[raw >> 20 & 7];
	unsigned kind = (raw >> 4 & 3) + ((raw & 0x40) ? 3 : 0);
	in->rd = RD(raw);
	in->rn = RN(raw);
	in->rm = RM(raw);
	if (op < 0 || (raw >> 4 & 3) == 3 || bad(in->rd) || bad(in->rn) || bad(in->rm))
		return false;
	in->exec = alu_parallel_handlers[kind][op];
	return true;
}

static bool decode_misc(struct interp_insn *in, uint32_t raw)
{
	static const interp_fn ops[16] = {
		alu_qadd, alu_qdadd, alu_qsub, alu_qdsub,
		alu_rev, alu_rev16, alu_rbit, alu_revsh,
		alu_sel, NULL, NULL, NULL,
		alu_clz, NULL, NULL, NULL,
	};
	unsigned op = (raw >> 18 & 0xc) | (raw >> 4 & 3);
	in->rd = RD(raw);
	in->rm = RM(raw);
	in->rn = RN(raw);
	if (bad(in->rd) || bad(in->rm) || bad(in->rn))
		return false;
	in->exec = ops[op];
	if (op < 4) { /* QADD Rd, Rm, Rn: Rd = sat(Rm + Rn) as the A32 handler */
		return true;
	}
	return in->exec != NULL;
}

/* ---- multiplies (A6.3.16), long multiplies and divides (A6.3.17) ---- */

static bool mul_fields(struct interp_insn *in, uint32_t raw)
{
	in->rn = RN(raw);
	in->ra = raw >> 12 & 15;
	in->rd = RD(raw);
	in->rm = RM(raw);
	return !bad(in->rn) && !bad(in->rd) && !bad(in->rm) && in->ra != 13;
}

static bool decode_mul(struct interp_insn *in, uint32_t raw)
{
	unsigned op1 = raw >> 20 & 7, op2 = raw >> 4 & 3;
	if (!mul_fields(in, raw))
		return false;
	bool a15 = in->ra == 15;
	switch (op1) {
	case 0:
		if (op2 == 0)
			in->exec = a15 ? alu_mul : alu_mla;
		else if (op2 == 1 && !a15)
			in->exec = alu_mls;
		else
			return false;
		return true;
	case 1:
		in->flags = (uint8_t)((op2 >> 1) | (op2 & 1) << 1); /* N, M */
		in->exec = a15 ? alu_smulxy : alu_smlaxy;
		return true;
	case 2: case 4:
		if (op2 >> 1)
			return false;
		in->flags = op2 & 1;
		in->exec = op1 == 2 ? (a15 ? alu_smuad : alu_smlad)
				    : (a15 ? alu_smusd : alu_smlsd);
		return true;
	case 3:
		if (op2 >> 1)
			return false;
		in->flags = (uint8_t)((op2 & 1) << 1); /* M */
		in->exec = a15 ? alu_smulwy : alu_smlawy;
		return true;
	case 5: case 6:
		if (op2 >> 1)
			return false;
		in->flags = op2 & 1; /* R */
		if (op1 == 5)
			in->exec = a15 ? alu_smmul : alu_smmla;
		else if (!a15)
			in->exec = alu_smmls;
		else
			return false;
		return true;
	default:
		if (op2)
			return false;
		in->exec = a15 ? alu_usad8 : alu_usada8;
		return true;
	}
}

static bool decode_mul_long(struct interp_insn *in, uint32_t raw)
{
	unsigned op1 = raw >> 20 & 7, op2 = raw >> 4 & 15;
	if (!mul_fields(in, raw) || in->ra == 15)
		return false;
	/* ra = RdLo, rd = RdHi */
	switch (op1 << 4 | op2) {
	case 0x00: in->exec = alu_smull; return true;
	case 0x1f: case 0x3f: /* SDIV, UDIV: Rd in raw[11:8], raw[15:12] = 1111 */
		return false;
	case 0x20: in->exec = alu_umull; return true;
	case 0x40: in->exec = alu_smlal; return true;
	case 0x48: case 0x49: case 0x4a: case 0x4b:
		in->flags = (uint8_t)((op2 >> 1 & 1) | (op2 & 1) << 1);
		in->exec = alu_smlalxy;
		return true;
	case 0x4c: case 0x4d:
		in->flags = op2 & 1;
		in->exec = alu_smlald;
		return true;
	case 0x5c: case 0x5d:
		in->flags = op2 & 1;
		in->exec = alu_smlsld;
		return true;
	case 0x60: in->exec = alu_umlal; return true;
	case 0x66: in->exec = alu_umaal; return true;
	}
	return false;
}

static bool decode_div(struct interp_insn *in, uint32_t raw)
{
	in->rn = RN(raw);
	in->rd = RD(raw);
	in->rm = RM(raw);
	if (bad(in->rn) || bad(in->rd) || bad(in->rm))
		return false;
	in->exec = (raw & 0x00200000) ? alu_udiv : alu_sdiv;
	return true;
}

const struct interp_pattern t32_dp_patterns[] = {
	{ 0xfa008000, 0xf0000000, "dp (modified immediate)", decode_dp_modimm },
	{ 0xfa008000, 0xf2000000, "dp (plain binary immediate)", decode_dp_plain },
	{ 0xfe000000, 0xea000000, "dp (shifted register)", decode_dp_shifted },
	{ 0xff80f0f0, 0xfa00f000, "lsl/lsr/asr/ror (register)", decode_shift_reg },
	{ 0xff80f0c0, 0xfa00f080, "extend (and add)", decode_extend },
	{ 0xff80f080, 0xfa80f000, "parallel add/sub", decode_parallel },
	{ 0xffc0f0c0, 0xfa80f080, "misc (register)", decode_misc },
	{ 0xff8000c0, 0xfb000000, "multiply (accumulate)", decode_mul },
	{ 0xffd0f0f0, 0xfb90f0f0, "sdiv/udiv", decode_div },
	{ 0xff800000, 0xfb800000, "long multiply", decode_mul_long },
};
const unsigned t32_dp_npatterns = sizeof(t32_dp_patterns) / sizeof(t32_dp_patterns[0]);

/* ---- branches and miscellaneous control (A6.3.4) ---- */

/* SUBS PC, LR, #imm8 (B9.3.19): exception return. */
static const struct interp_insn *t32_subs_pc_lr(struct interp *ip,
						const struct interp_insn *in)
{
	return a32_exception_return(ip, in, ip->cpu->regs[14] - in->imm);
}

static bool decode_msr(struct interp_insn *in, uint32_t raw)
{
	in->rn = RN(raw);
	in->flags = raw >> 8 & 15;
	if (bad(in->rn) || (raw & 0x20) || !in->flags) /* banked MSR: not implemented */
		return false;
	in->exec = (raw & 0x00100000) ? alu_msr_spsr_reg : alu_msr_cpsr_reg;
	return true;
}

static bool decode_mrs(struct interp_insn *in, uint32_t raw)
{
	in->rd = RD(raw);
	if (bad(in->rd) || (raw & 0x20))
		return false;
	in->exec = (raw & 0x00100000) ? alu_mrs_spsr : alu_mrs_cpsr;
	return true;
}

static bool decode_cps_hint(struct interp_insn *in, uint32_t raw)
{
	if (raw & 0x700) { /* CPS T2 */
		unsigned imod = raw >> 9 & 3;
		bool m = raw >> 8 & 1;
		if (imod == 1 || (imod == 0 && !m))
			return false;
		in->imm = (raw & 31) | (m ? 1u << 5 : 0) | (raw & 0xe0) << 1 |
			  (imod == 3 ? 1u << 9 : 0) | (imod == 2 ? 1u << 10 : 0);
		in->exec = alu_cps;
		return true;
	}
	in->exec = (raw & 0xff) == 3 ? alu_wfi : alu_nop;
	return true;
}

static bool decode_misc_control(struct interp_insn *in, uint32_t raw)
{
	switch (raw >> 4 & 15) {
	case 2: in->exec = alu_clrex; return true;
	case 4: case 5: case 6: in->exec = alu_nop; return true; /* DSB DMB ISB */
	}
	return false;
}

static bool decode_bxj(struct interp_insn *in, uint32_t raw)
{
	in->rm = RN(raw);
	if (bad(in->rm))
		return false;
	in->exec = alu_bx;
	return true;
}

static bool decode_subs_pc_lr(struct interp_insn *in, uint32_t raw)
{
	if (RN(raw) != 14)
		return false;
	in->imm = raw & 0xff;
	in->exec = t32_subs_pc_lr;
	return true;
}

static bool decode_hvc(struct interp_insn *in, uint32_t raw)
{
	if (in->it)
		return false; /* UNPREDICTABLE in an IT block */
	in->imm = (raw >> 4 & 0xf000) | (raw & 0xfff);
	in->exec = alu_hvc;
	return true;
}

static bool decode_udf(struct interp_insn *in, uint32_t raw)
{
	in->exec = interp_exec_undef;
	return true;
}

const struct interp_pattern t32_misc_patterns[] = {
	{ 0xffe0f000, 0xf3808000, "msr (register)", decode_msr },
	{ 0xfffff800, 0xf3af8000, "cps, hints", decode_cps_hint },
	{ 0xffffff00, 0xf3bf8f00, "clrex/dsb/dmb/isb", decode_misc_control },
	{ 0xfff0ffff, 0xf3c08f00, "bxj", decode_bxj },
	{ 0xfff0ff00, 0xf3d08f00, "subs pc, lr", decode_subs_pc_lr },
	{ 0xffe0f000, 0xf3e08000, "mrs", decode_mrs },
	{ 0xfff0f000, 0xf7e08000, "hvc", decode_hvc },
	{ 0xfff0f000, 0xf7f0a000, "udf", decode_udf },
};
const unsigned t32_misc_npatterns = sizeof(t32_misc_patterns) / sizeof(t32_misc_patterns[0]);

/* ---- branches (A8.8.18 B T3/T4, A8.8.25 BL/BLX T1/T2) ---- */

static bool decode_bcond(struct interp_insn *in, uint32_t raw)
{
	unsigned cond = raw >> 22 & 15;
	if ((cond >> 1) == 7)
		return false; /* the misc control space */
	uint32_t s = raw >> 26 & 1, j1 = raw >> 13 & 1, j2 = raw >> 11 & 1;
	uint32_t imm = s << 20 | j2 << 19 | j1 << 18 | (raw >> 16 & 0x3f) << 12 | (raw & 0x7ff) << 1;
	in->imm = (uint32_t)((int32_t)(imm << 11) >> 11);
	in->cond = (uint8_t)cond;
	in->exec = alu_b;
	return true;
}

/* The 25-bit offset of B T4, BL and BLX: S:I1:I2:imm10:imm11:'0'. */
static uint32_t branch_imm25(uint32_t raw)
{
	uint32_t s = raw >> 26 & 1;
	uint32_t i1 = !((raw >> 13 & 1) ^ s), i2 = !((raw >> 11 & 1) ^ s);
	uint32_t imm = s << 24 | i1 << 23 | i2 << 22 | (raw >> 16 & 0x3ff) << 12 |
		       (raw & 0x7ff) << 1;
	return (uint32_t)((int32_t)(imm << 7) >> 7);
}

static bool decode_b(struct interp_insn *in, uint32_t raw)
{
	in->imm = branch_imm25(raw);
	in->exec = alu_b;
	return true;
}

static bool decode_bl(struct interp_insn *in, uint32_t raw)
{
	in->imm = branch_imm25(raw);
	in->exec = alu_bl;
	return true;
}

static bool decode_blx(struct interp_insn *in, uint32_t raw)
{
	if (raw & 1)
		return false;
	in->imm = branch_imm25(raw);
	in->exec = alu_blx_imm;
	return true;
}

/* TBB / TBH (A8.8.238): flags bit 0 = halfword. */
static const struct interp_insn *t32_tbb(struct interp *ip, const struct interp_insn *in)
{
	uint32_t off;
	uint32_t addr = alu_reg(ip, in, in->rn) + ip->cpu->regs[in->rm];
	if (!interp_load(ip, addr, 1, &off))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	return interp_jump(ip, interp_pc_read(ip, in) + 2 * off);
}

static const struct interp_insn *t32_tbh(struct interp *ip, const struct interp_insn *in)
{
	uint32_t off;
	uint32_t addr = alu_reg(ip, in, in->rn) + 2 * ip->cpu->regs[in->rm];
	if (!interp_load(ip, addr, 2, &off))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	return interp_jump(ip, interp_pc_read(ip, in) + 2 * off);
}

static bool decode_tb(struct interp_insn *in, uint32_t raw)
{
	in->rn = RN(raw);
	in->rm = RM(raw);
	if (bad(in->rm) || in->rn == 13)
		return false;
	in->exec = (raw & 0x10) ? t32_tbh : t32_tbb;
	return true;
}

const struct interp_pattern t32_branch_patterns[] = {
	{ 0xf800d000, 0xf0008000, "b<c> (T3)", decode_bcond },
	{ 0xf800d000, 0xf0009000, "b (T4)", decode_b },
	{ 0xf800d000, 0xf000c000, "blx (immediate)", decode_blx },
	{ 0xf800d000, 0xf000d000, "bl", decode_bl },
	{ 0xfff0ffe0, 0xe8d0f000, "tbb/tbh", decode_tb },
};
const unsigned t32_branch_npatterns = sizeof(t32_branch_patterns) / sizeof(t32_branch_patterns[0]);
