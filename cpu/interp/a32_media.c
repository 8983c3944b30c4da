/*
 * A32 media instructions (ARM ARM A5.4): parallel addition and
 * subtraction, packing, unpacking, saturation and reversal, USAD8,
 * bit-field operations, UDF. The signed multiplies and divides of the
 * media space are in a32_mul.c. The handlers are shared with T32.
 *
 * Slot fields: rd, rn, rm; extends: shift_imm = rotation; bit fields:
 * see alu_ops.h and each decoder.
 */
#include "cpu/interp/alu_ops.h"

#define R(n) (ip->cpu->regs[n])
#define NEXT return interp_next(in)

/* ---- extends (A8.8.232 SXTB ... A8.8.273 UXTH, and the add forms) ---- */

static inline uint32_t rot(struct interp *ip, const struct interp_insn *in)
{
	return alu_ror(R(in->rm), in->shift_imm);
}

static inline uint32_t xtb16(uint32_t v, bool sign)
{
	if (sign)
		return ((uint32_t)(int32_t)(int8_t)v & 0xffff) |
		       (uint32_t)(int32_t)(int8_t)(v >> 16) << 16;
	return v & 0x00ff00ffu;
}

static inline uint32_t add16(uint32_t a, uint32_t b)
{
	return ((a + b) & 0xffff) | ((a >> 16) + (b >> 16)) << 16;
}

const struct interp_insn *alu_sxtb(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = (uint32_t)(int32_t)(int8_t)rot(ip, in); NEXT; }
const struct interp_insn *alu_sxth(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = (uint32_t)(int32_t)(int16_t)rot(ip, in); NEXT; }
const struct interp_insn *alu_uxtb(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = rot(ip, in) & 0xff; NEXT; }
const struct interp_insn *alu_uxth(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = rot(ip, in) & 0xffff; NEXT; }
const struct interp_insn *alu_sxtb16(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = xtb16(rot(ip, in), true); NEXT; }
const struct interp_insn *alu_uxtb16(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = xtb16(rot(ip, in), false); NEXT; }
const struct interp_insn *alu_sxtab(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = R(in->rn) + (uint32_t)(int32_t)(int8_t)rot(ip, in); NEXT; }
const struct interp_insn *alu_sxtah(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = R(in->rn) + (uint32_t)(int32_t)(int16_t)rot(ip, in); NEXT; }
const struct interp_insn *alu_uxtab(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = R(in->rn) + (rot(ip, in) & 0xff); NEXT; }
const struct interp_insn *alu_uxtah(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = R(in->rn) + (rot(ip, in) & 0xffff); NEXT; }
const struct interp_insn *alu_sxtab16(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = add16(R(in->rn), xtb16(rot(ip, in), true)); NEXT; }
const struct interp_insn *alu_uxtab16(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = add16(R(in->rn), xtb16(rot(ip, in), false)); NEXT; }

/* ---- reversal (A8.8.145 REV, A8.8.146 REV16, A8.8.147 REVSH, A8.8.144 RBIT) ---- */

const struct interp_insn *alu_rev(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = __builtin_bswap32(R(in->rm)); NEXT; }

const struct interp_insn *alu_rev16(struct interp *ip, const struct interp_insn *in)
{
	uint32_t v = R(in->rm);
	R(in->rd) = (v & 0xff00ff00u) >> 8 | (v & 0x00ff00ffu) << 8;
	NEXT;
}

const struct interp_insn *alu_revsh(struct interp *ip, const struct interp_insn *in)
{
	uint32_t v = R(in->rm);
	R(in->rd) = (uint32_t)(int32_t)(int16_t)((v & 0xff) << 8 | (v >> 8 & 0xff));
	NEXT;
}

const struct interp_insn *alu_rbit(struct interp *ip, const struct interp_insn *in)
{
	uint32_t v = R(in->rm);
	v = (v >> 1 & 0x55555555u) | (v & 0x55555555u) << 1;
	v = (v >> 2 & 0x33333333u) | (v & 0x33333333u) << 2;
	v = (v >> 4 & 0x0f0f0f0fu) | (v & 0x0f0f0f0fu) << 4;
	R(in->rd) = __builtin_bswap32(v);
	NEXT;
}

/* ---- bit fields (A8.8.20 BFI, A8.8.19 BFC, A8.8.246 UBFX, A8.8.164 SBFX) ---- */

/* imm = the field's mask in place, shift_imm = lsb. */
const struct interp_insn *alu_bfi(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = (R(in->rd) & ~in->imm) | ((R(in->rn) << in->shift_imm) & in->imm);
	NEXT;
}

const struct interp_insn *alu_bfc(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) &= ~in->imm;
	NEXT;
}

/* UBFX: shift_imm = lsb, imm = mask of width bits. */
const struct interp_insn *alu_ubfx(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = (R(in->rn) >> in->shift_imm) & in->imm;
	NEXT;
}

/* SBFX: shift_imm = 32 - lsb - width (left), imm = 32 - width (right). */
const struct interp_insn *alu_sbfx(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = (uint32_t)((int32_t)(R(in->rn) << in->shift_imm) >> in->imm);
	NEXT;
}

/* ---- saturation (A8.8.208 SSAT, A8.8.209 SSAT16, A8.8.253 USAT,
 * A8.8.254 USAT16): imm = saturate_to ---- */

static inline uint32_t sat_operand(struct interp *ip, const struct interp_insn *in)
{
	uint32_t carry;
	return alu_shift(R(in->rn), in->shift, in->shift_imm, 0, &carry);
}

const struct interp_insn *alu_ssat(struct interp *ip, const struct interp_insn *in)
{
	bool sat = false;
	R(in->rd) = (uint32_t)alu_sat_s((int32_t)sat_operand(ip, in), in->imm, &sat);
	alu_set_q(ip->cpu, sat);
	NEXT;
}

const struct interp_insn *alu_usat(struct interp *ip, const struct interp_insn *in)
{
	bool sat = false;
	R(in->rd) = alu_sat_u((int32_t)sat_operand(ip, in), in->imm, &sat);
	alu_set_q(ip->cpu, sat);
	NEXT;
}

const struct interp_insn *alu_ssat16(struct interp *ip, const struct interp_insn *in)
{
	bool sat = false;
	uint32_t v = R(in->rn);
	uint32_t lo = (uint32_t)alu_sat_s((int16_t)v, in->imm, &sat) & 0xffff;
	uint32_t hi = (uint32_t)alu_sat_s((int16_t)(v >> 16), in->imm, &sat) << 16;
	R(in->rd) = lo | hi;
	alu_set_q(ip->cpu, sat);
	NEXT;
}

const struct interp_insn *alu_usat16(struct interp *ip, const struct interp_insn *in)
{
	bool sat = false;
	uint32_t v = R(in->rn);
	uint32_t lo = alu_sat_u((int16_t)v, in->imm, &sat);
	uint32_t hi = alu_sat_u((int16_t)(v >> 16), in->imm, &sat) << 16;
	R(in->rd) = lo | hi;
	alu_set_q(ip->cpu, sat);
	NEXT;
}

/* ---- SEL (A8.8.162), USAD8 (A8.8.259), PKH (A8.8.125) ---- */

const struct interp_insn *alu_sel(struct interp *ip, const struct interp_insn *in)
{
	uint32_t ge = ip->cpu->cpsr_rest >> 16, mask = 0;
	for (unsigned i = 0; i < 4; i++)
		if (ge >> i & 1)
			mask |= 0xffu << (8 * i);
	R(in->rd) = (R(in->rn) & mask) | (R(in->rm) & ~mask);
	NEXT;
}

static inline uint32_t sad8(uint32_t a, uint32_t b)
{
	uint32_t s = 0;
	for (unsigned i = 0; i < 32; i += 8) {
		int d = (int)(a >> i & 0xff) - (int)(b >> i & 0xff);
		s += (uint32_t)(d < 0 ? -d : d);
	}
	return s;
}

const struct interp_insn *alu_usad8(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = sad8(R(in->rn), R(in->rm)); NEXT; }

const struct interp_insn *alu_usada8(struct interp *ip, const struct interp_insn *in)
{ R(in->rd) = R(in->ra) + sad8(R(in->rn), R(in->rm)); NEXT; }

const struct interp_insn *alu_pkhbt(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = (R(in->rn) & 0xffff) | ((R(in->rm) << in->shift_imm) & 0xffff0000u);
	NEXT;
}

/* shift_imm 1..32 (ASR #32 is encoded as 0). */
const struct interp_insn *alu_pkhtb(struct interp *ip, const struct interp_insn *in)
{
	uint32_t m = in->shift_imm >= 32 ? (uint32_t)((int32_t)R(in->rm) >> 31)
					 : (uint32_t)((int32_t)R(in->rm) >> in->shift_imm);
	R(in->rd) = (R(in->rn) & 0xffff0000u) | (m & 0xffff);
	NEXT;
}

/* ---- parallel addition and subtraction (A5.4.1, A8.8.x SADD16 ...) ---- */

enum { PK_S, PK_Q, PK_SH, PK_U, PK_UQ, PK_UH };
enum { PO_ADD16, PO_ASX, PO_SAX, PO_SUB16, PO_ADD8, PO_SUB8 };

/* One lane: a op b at `bits` width for `kind`; ge gets the lane's GE. */
static inline __attribute__((always_inline)) uint32_t
lane(unsigned kind, bool sub, uint32_t a, uint32_t b, unsigned bits, bool *ge)
{
	uint32_t m = (1u << bits) - 1;
	bool sign = kind <= PK_SH;
	int32_t x = sign ? ((int32_t)(a << (32 - bits)) >> (32 - bits)) : (int32_t)(a & m);
	int32_t y = sign ? ((int32_t)(b << (32 - bits)) >> (32 - bits)) : (int32_t)(b & m);
	int32_t r = sub ? x - y : x + y;
	bool sat = false;
	switch (kind) {
	case PK_S: *ge = r >= 0; return (uint32_t)r & m;
	case PK_U: *ge = sub ? r >= 0 : r >= (int32_t)(m + 1); return (uint32_t)r & m;
	case PK_Q: return (uint32_t)alu_sat_s(r, bits, &sat) & m;
	case PK_UQ: return alu_sat_u(r, bits, &sat) & m;
	default: return (uint32_t)(r >> 1) & m; /* SH, UH */
	}
}

static inline __attribute__((always_inline)) const struct interp_insn *
parallel(struct interp *ip, const struct interp_insn *in, unsigned kind, unsigned op)
{
	uint32_t a = R(in->rn), b = R(in->rm), r = 0, ge = 0;
	bool g = false;
	if (op >= PO_ADD8) {
		for (unsigned i = 0; i < 32; i += 8) {
			r |= lane(kind, op == PO_SUB8, a >> i, b >> i, 8, &g) << i;
			ge |= (uint32_t)g << (i / 8);
		}
	} else {
		/* lane 0 and lane 1: ASX is n0 - m1, n1 + m0; SAX the reverse */
		uint32_t b0 = (op == PO_ASX || op == PO_SAX) ? b >> 16 : b;
		uint32_t b1 = (op == PO_ASX || op == PO_SAX) ? b : b >> 16;
		bool sub0 = op == PO_SUB16 || op == PO_ASX;
		bool sub1 = op == PO_SUB16 || op == PO_SAX;
		r = lane(kind, sub0, a, b0, 16, &g);
		ge = g ? 3 : 0;
		r |= lane(kind, sub1, a >> 16, b1, 16, &g) << 16;
		ge |= g ? 0xc : 0;
	}
	R(in->rd) = r;
	if (kind == PK_S || kind == PK_U)
		ip->cpu->cpsr_rest = (ip->cpu->cpsr_rest & ~ALU_CPSR_GE) | ge << 16;
	NEXT;
}

#define PAR(kind, op) \
static const struct interp_insn *par_##kind##_##op(struct interp *ip,  \
		const struct interp_insn *in)                          \
{ return parallel(ip, in, kind, op); }
#define PAR_KIND(kind) PAR(kind, PO_ADD16) PAR(kind, PO_ASX) PAR(kind, PO_SAX) \
	PAR(kind, PO_SUB16) PAR(kind, PO_ADD8) PAR(kind, PO_SUB8)
PAR_KIND(PK_S) PAR_KIND(PK_Q) PAR_KIND(PK_SH) PAR_KIND(PK_U) PAR_KIND(PK_UQ) PAR_KIND(PK_UH)
#define PAR_ROW(kind) { par_##kind##_PO_ADD16, par_##kind##_PO_ASX, par_##kind##_PO_SAX, \
	par_##kind##_PO_SUB16, par_##kind##_PO_ADD8, par_##kind##_PO_SUB8 }
const interp_fn alu_parallel_handlers[6][6] = {
	PAR_ROW(PK_S), PAR_ROW(PK_Q), PAR_ROW(PK_SH),
	PAR_ROW(PK_U), PAR_ROW(PK_UQ), PAR_ROW(PK_UH),
};

/* ---- decoders ---- */

static bool decode_parallel(struct interp_insn *in, uint32_t raw)
{
	static const int8_t kinds[8] = { -1, PK_S, PK_Q, PK_SH, -1, PK_U, PK_UQ, PK_UH };
	static const int8_t ops[8] = { PO_ADD16, PO_ASX, PO_SAX, PO_SUB16, PO_ADD8, -1, -1, PO_SUB8 };
	int kind = kinds[raw >> 20 & 7], op = ops[raw >> 5 & 7];
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->rm = raw & 15;
	if (kind < 0 || op < 0 || in->rd == 15 || in->rn == 15 || in->rm == 15)
		return false;
	in->exec = alu_parallel_handlers[kind][op];
	return true;
}

/* Packing, unpacking, saturation and reversal (A5.4.3). */
static bool decode_pack(struct interp_insn *in, uint32_t raw)
{
	unsigned op1 = raw >> 20 & 7, op2 = raw >> 5 & 7;
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->rm = raw & 15;
	if (in->rd == 15 || in->rm == 15)
		return false;

	if ((op2 & 1) == 0 && op1 == 0) { /* PKHBT / PKHTB */
		unsigned imm5 = raw >> 7 & 31;
		if (in->rn == 15)
			return false;
		in->shift_imm = (uint8_t)((op2 & 2) && imm5 == 0 ? 32 : imm5);
		in->exec = (op2 & 2) ? alu_pkhtb : alu_pkhbt;
		return true;
	}
	if ((op2 & 1) == 0 && (op1 & 2)) { /* SSAT / USAT */
		bool u = op1 & 4;
		in->rn = raw & 15;
		in->imm = (raw >> 16 & 31) + (u ? 0 : 1);
		a32_decode_imm_shift(in, (raw >> 6 & 1) << 1, raw >> 7 & 31);
		in->exec = u ? alu_usat : alu_ssat;
		return true;
	}
	if (op2 == 3) { /* extends; Rn = 15: no accumulate */
		static const interp_fn plain[8] = {
			alu_sxtb16, NULL, alu_sxtb, alu_sxth,
			alu_uxtb16, NULL, alu_uxtb, alu_uxth };
		static const interp_fn acc[8] = {
			alu_sxtab16, NULL, alu_sxtab, alu_sxtah,
			alu_uxtab16, NULL, alu_uxtab, alu_uxtah };
		in->shift_imm = (uint8_t)((raw >> 10 & 3) * 8);
		in->exec = in->rn == 15 ? plain[op1] : acc[op1];
		return in->exec != NULL;
	}
	switch (op1 << 3 | op2) {
	case 0 << 3 | 5: /* SEL */
		if (in->rn == 15)
			return false;
		in->exec = alu_sel;
		return true;
	case 2 << 3 | 1: case 6 << 3 | 1: /* SSAT16 / USAT16 */
		in->imm = (raw >> 16 & 15) + (op1 == 2 ? 1 : 0);
		in->rn = raw & 15;
		in->exec = op1 == 2 ? alu_ssat16 : alu_usat16;
		return true;
	case 3 << 3 | 1: in->exec = alu_rev; return true;
	case 3 << 3 | 5: in->exec = alu_rev16; return true;
	case 7 << 3 | 1: in->exec = alu_rbit; return true;
	case 7 << 3 | 5: in->exec = alu_revsh; return true;
	}
	return false;
}

static bool decode_usad8(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 16 & 15;
	in->ra = raw >> 12 & 15;
	in->rm = raw >> 8 & 15;
	in->rn = raw & 15;
	if (in->rd == 15 || in->rm == 15 || in->rn == 15)
		return false;
	in->exec = in->ra == 15 ? alu_usad8 : alu_usada8;
	return true;
}

static bool decode_bfx(struct interp_insn *in, uint32_t raw)
{
	unsigned lsb = raw >> 7 & 31, widthm1 = raw >> 16 & 31;
	in->rd = raw >> 12 & 15;
	in->rn = raw & 15;
	if (in->rd == 15 || in->rn == 15 || lsb + widthm1 > 31)
		return false;
	if (raw & 0x00400000) { /* UBFX */
		in->shift_imm = (uint8_t)lsb;
		in->imm = widthm1 == 31 ? ~0u : (2u << widthm1) - 1;
		in->exec = alu_ubfx;
	} else {
		in->shift_imm = (uint8_t)(31 - lsb - widthm1);
		in->imm = 31 - widthm1;
		in->exec = alu_sbfx;
	}
	return true;
}

static bool decode_bfi(struct interp_insn *in, uint32_t raw)
{
	unsigned lsb = raw >> 7 & 31, msb = raw >> 16 & 31;
	in->rd = raw >> 12 & 15;
	in->rn = raw & 15;
	if (in->rd == 15 || msb < lsb)
		return false;
	in->shift_imm = (uint8_t)lsb;
	in->imm = (msb == 31 ? ~0u : (2u << msb) - 1) & ~((1u << lsb) - 1);
	in->exec = in->rn == 15 ? alu_bfc : alu_bfi;
	return true;
}

static bool decode_udf(struct interp_insn *in, uint32_t raw)
{
	in->exec = interp_exec_undef;
	in->cond = 14; /* UDF is unconditional (A8.8.247) */
	return true;
}

const struct interp_pattern a32_media_patterns[] = {
	{ 0x0f800010, 0x06000010, "parallel add/sub", decode_parallel },
	{ 0x0f800010, 0x06800010, "pack/unpack/saturate/reverse", decode_pack },
	{ 0x0ff000f0, 0x07800010, "usad8/usada8", decode_usad8 },
	{ 0x0fa00070, 0x07a00050, "sbfx/ubfx", decode_bfx },
	{ 0x0fe00070, 0x07c00010, "bfi/bfc", decode_bfi },
	{ 0xfff000f0, 0xe7f000f0, "udf", decode_udf },
};
const unsigned a32_media_npatterns = sizeof(a32_media_patterns) / sizeof(a32_media_patterns[0]);
