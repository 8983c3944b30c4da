/*
 * Multiplies and divides: A32 multiply and multiply accumulate (ARM ARM
 * A5.2.5), halfword multiplies (A5.2.7), signed multiplies and divides in
 * the media space (A5.4.4). The handlers are shared with T32 (A6.3.16,
 * A6.3.17).
 *
 * Slot fields: rd = Rd (RdHi for the long forms), ra = Ra (RdLo), rn, rm;
 * flags: see alu_ops.h.
 */
#include "cpu/interp/alu_ops.h"

#define R(n) (ip->cpu->regs[n])
#define S32(v) ((int64_t)(int32_t)(v))
#define NEXT return interp_next(in)

/* ---- A8.8.114 MUL, A8.8.100 MLA, A8.8.101 MLS: NZ only, C unchanged ---- */

const struct interp_insn *alu_mul(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = R(in->rn) * R(in->rm);
	NEXT;
}

const struct interp_insn *alu_muls(struct interp *ip, const struct interp_insn *in)
{
	uint32_t r = R(in->rn) * R(in->rm);
	R(in->rd) = r;
	alu_set_nz(ip->cpu, r);
	NEXT;
}

const struct interp_insn *alu_mla(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = R(in->rn) * R(in->rm) + R(in->ra);
	NEXT;
}

const struct interp_insn *alu_mlas(struct interp *ip, const struct interp_insn *in)
{
	uint32_t r = R(in->rn) * R(in->rm) + R(in->ra);
	R(in->rd) = r;
	alu_set_nz(ip->cpu, r);
	NEXT;
}

const struct interp_insn *alu_mls(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = R(in->ra) - R(in->rn) * R(in->rm);
	NEXT;
}

/* ---- long multiplies (A8.8.257 UMULL, A8.8.256 UMLAL, A8.8.189 SMULL,
 * A8.8.178 SMLAL, A8.8.255 UMAAL) ---- */

static inline void put64(struct interp *ip, const struct interp_insn *in,
			 uint64_t v, bool s)
{
	R(in->ra) = (uint32_t)v;
	R(in->rd) = (uint32_t)(v >> 32);
	if (s) {
		ip->cpu->nf = (uint32_t)(v >> 32);
		ip->cpu->zf = (uint32_t)v | (uint32_t)(v >> 32);
	}
}

static inline uint64_t get64(struct interp *ip, const struct interp_insn *in)
{
	return (uint64_t)R(in->rd) << 32 | R(in->ra);
}

#define LONG_MUL(name, expr, s)                                                  \
const struct interp_insn *name(struct interp *ip, const struct interp_insn *in)  \
{                                                                                \
	put64(ip, in, (expr), s);                                                \
	NEXT;                                                                    \
}

LONG_MUL(alu_umull, (uint64_t)R(in->rn) * R(in->rm), false)
LONG_MUL(alu_umulls, (uint64_t)R(in->rn) * R(in->rm), true)
LONG_MUL(alu_umlal, (uint64_t)R(in->rn) * R(in->rm) + get64(ip, in), false)
LONG_MUL(alu_umlals, (uint64_t)R(in->rn) * R(in->rm) + get64(ip, in), true)
LONG_MUL(alu_smull, (uint64_t)(S32(R(in->rn)) * S32(R(in->rm))), false)
LONG_MUL(alu_smulls, (uint64_t)(S32(R(in->rn)) * S32(R(in->rm))), true)
LONG_MUL(alu_smlal, (uint64_t)(S32(R(in->rn)) * S32(R(in->rm))) + get64(ip, in), false)
LONG_MUL(alu_smlals, (uint64_t)(S32(R(in->rn)) * S32(R(in->rm))) + get64(ip, in), true)
LONG_MUL(alu_umaal, (uint64_t)R(in->rn) * R(in->rm) + R(in->ra) + R(in->rd), false)

/* ---- halfword multiplies (A8.8.176 SMLA<x><y>, A8.8.190 SMUL<x><y>,
 * A8.8.181 SMLAW<y>, A8.8.192 SMULW<y>, A8.8.179 SMLAL<x><y>) ---- */

static inline int32_t half(uint32_t v, bool top)
{
	return top ? (int32_t)v >> 16 : (int16_t)v;
}

/* Q is set when the accumulation overflows 32 bits (not saturated). */
static inline uint32_t acc_q(struct arm_cpu *c, int64_t v)
{
	if (v != (int32_t)v)
		c->cpsr_rest |= ALU_CPSR_Q;
	return (uint32_t)v;
}

const struct interp_insn *alu_smulxy(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = (uint32_t)(half(R(in->rn), in->flags & 1) * half(R(in->rm), in->flags & 2));
	NEXT;
}

const struct interp_insn *alu_smlaxy(struct interp *ip, const struct interp_insn *in)
{
	int64_t p = (int64_t)half(R(in->rn), in->flags & 1) * half(R(in->rm), in->flags & 2);
	R(in->rd) = acc_q(ip->cpu, p + S32(R(in->ra)));
	NEXT;
}

const struct interp_insn *alu_smulwy(struct interp *ip, const struct interp_insn *in)
{
	int64_t p = S32(R(in->rn)) * half(R(in->rm), in->flags & 2);
	R(in->rd) = (uint32_t)(p >> 16);
	NEXT;
}

const struct interp_insn *alu_smlawy(struct interp *ip, const struct interp_insn *in)
{
	int64_t p = (S32(R(in->rn)) * half(R(in->rm), in->flags & 2)) >> 16;
	R(in->rd) = acc_q(ip->cpu, p + S32(R(in->ra)));
	NEXT;
}

const struct interp_insn *alu_smlalxy(struct interp *ip, const struct interp_insn *in)
{
	int64_t p = (int64_t)half(R(in->rn), in->flags & 1) * half(R(in->rm), in->flags & 2);
	put64(ip, in, get64(ip, in) + (uint64_t)p, false);
	NEXT;
}

/* ---- dual 16-bit (A8.8.177 SMLAD, A8.8.188 SMUAD, A8.8.182 SMLSD,
 * A8.8.193 SMUSD, A8.8.180 SMLALD, A8.8.183 SMLSLD) ---- */

static inline void dual(struct interp *ip, const struct interp_insn *in,
			int64_t *p1, int64_t *p2)
{
	uint32_t n = R(in->rn), m = R(in->rm);
	if (in->flags & 1)
		m = alu_ror(m, 16);
	*p1 = (int64_t)(int16_t)n * (int16_t)m;
	*p2 = (int64_t)((int32_t)n >> 16) * ((int32_t)m >> 16);
}

const struct interp_insn *alu_smuad(struct interp *ip, const struct interp_insn *in)
{
	int64_t p1, p2;
	dual(ip, in, &p1, &p2);
	R(in->rd) = acc_q(ip->cpu, p1 + p2);
	NEXT;
}

const struct interp_insn *alu_smusd(struct interp *ip, const struct interp_insn *in)
{
	int64_t p1, p2;
	dual(ip, in, &p1, &p2);
	R(in->rd) = (uint32_t)(p1 - p2);
	NEXT;
}

const struct interp_insn *alu_smlad(struct interp *ip, const struct interp_insn *in)
{
	int64_t p1, p2;
	dual(ip, in, &p1, &p2);
	R(in->rd) = acc_q(ip->cpu, p1 + p2 + S32(R(in->ra)));
	NEXT;
}

const struct interp_insn *alu_smlsd(struct interp *ip, const struct interp_insn *in)
{
	int64_t p1, p2;
	dual(ip, in, &p1, &p2);
	R(in->rd) = acc_q(ip->cpu, p1 - p2 + S32(R(in->ra)));
	NEXT;
}

const struct interp_insn *alu_smlald(struct interp *ip, const struct interp_insn *in)
{
	int64_t p1, p2;
	dual(ip, in, &p1, &p2);
	put64(ip, in, get64(ip, in) + (uint64_t)(p1 + p2), false);
	NEXT;
}

const struct interp_insn *alu_smlsld(struct interp *ip, const struct interp_insn *in)
{
	int64_t p1, p2;
	dual(ip, in, &p1, &p2);
	put64(ip, in, get64(ip, in) + (uint64_t)(p1 - p2), false);
	NEXT;
}

/* ---- most significant word (A8.8.184 SMMLA, A8.8.185 SMMLS, A8.8.186
 * SMMUL): flags bit 0 rounds ---- */

static inline uint32_t mmw(const struct interp_insn *in, int64_t v)
{
	if (in->flags & 1)
		v += 0x80000000;
	return (uint32_t)((uint64_t)v >> 32);
}

const struct interp_insn *alu_smmul(struct interp *ip, const struct interp_insn *in)
{
	R(in->rd) = mmw(in, S32(R(in->rn)) * S32(R(in->rm)));
	NEXT;
}

const struct interp_insn *alu_smmla(struct interp *ip, const struct interp_insn *in)
{
	uint64_t acc = (uint64_t)R(in->ra) << 32;
	R(in->rd) = mmw(in, (int64_t)(acc + (uint64_t)(S32(R(in->rn)) * S32(R(in->rm)))));
	NEXT;
}

const struct interp_insn *alu_smmls(struct interp *ip, const struct interp_insn *in)
{
	uint64_t acc = (uint64_t)R(in->ra) << 32;
	R(in->rd) = mmw(in, (int64_t)(acc - (uint64_t)(S32(R(in->rn)) * S32(R(in->rm)))));
	NEXT;
}

/* ---- A8.8.165 SDIV, A8.8.248 UDIV: division by zero gives 0 (the
 * cortex-a15 with SCTLR.DZ clear, as QEMU) ---- */

const struct interp_insn *alu_sdiv(struct interp *ip, const struct interp_insn *in)
{
	int32_t n = (int32_t)R(in->rn), m = (int32_t)R(in->rm);
	if (m == 0)
		R(in->rd) = 0;
	else if (n == INT32_MIN && m == -1)
		R(in->rd) = (uint32_t)INT32_MIN;
	else
		R(in->rd) = (uint32_t)(n / m);
	NEXT;
}

const struct interp_insn *alu_udiv(struct interp *ip, const struct interp_insn *in)
{
	uint32_t m = R(in->rm);
	R(in->rd) = m ? R(in->rn) / m : 0;
	NEXT;
}

/* ---- decoders ---- */

/* Fields of every A32 multiply: Rd 19:16, Ra 15:12, Rm 11:8, Rn 3:0. */
static bool mul_fields(struct interp_insn *in, uint32_t raw, bool uses_ra)
{
	in->rd = raw >> 16 & 15;
	in->ra = raw >> 12 & 15;
	in->rm = raw >> 8 & 15;
	in->rn = raw & 15;
	/* PC as any operand is UNPREDICTABLE: UNDEFINED here. */
	return in->rd != 15 && in->rm != 15 && in->rn != 15 &&
	       (!uses_ra || in->ra != 15);
}

static bool decode_mul(struct interp_insn *in, uint32_t raw)
{
	bool s = raw >> 20 & 1;
	unsigned op = raw >> 21 & 7;
	static const interp_fn plain[8] = {
		alu_mul, alu_mla, alu_umaal, alu_mls,
		alu_umull, alu_umlal, alu_smull, alu_smlal,
	};
	static const interp_fn with_s[8] = {
		alu_muls, alu_mlas, NULL, NULL,
		alu_umulls, alu_umlals, alu_smulls, alu_smlals,
	};
	if (!mul_fields(in, raw, op != 0))
		return false;
	in->exec = s ? with_s[op] : plain[op];
	return in->exec != NULL;
}

static bool decode_mul_half(struct interp_insn *in, uint32_t raw)
{
	unsigned op = raw >> 21 & 3;
	bool x = raw >> 5 & 1, y = raw >> 6 & 1;
	in->flags = (uint8_t)(x | y << 1);
	switch (op) {
	case 0: in->exec = alu_smlaxy; break;
	case 1: in->exec = x ? alu_smulwy : alu_smlawy; break;
	case 2: in->exec = alu_smlalxy; break;
	default: in->exec = alu_smulxy; break;
	}
	return mul_fields(in, raw, !(op == 3 || (op == 1 && x)));
}

static bool decode_mul_signed(struct interp_insn *in, uint32_t raw)
{
	unsigned op1 = raw >> 20 & 7, op2 = raw >> 5 & 7;
	bool a15 = (raw >> 12 & 15) == 15;
	in->flags = op2 & 1; /* M (swap) or R (round) */
	switch (op1) {
	case 0:
		if (op2 >> 1 == 0)
			in->exec = a15 ? alu_smuad : alu_smlad;
		else if (op2 >> 1 == 1)
			in->exec = a15 ? alu_smusd : alu_smlsd;
		else
			return false;
		break;
	case 1: case 3:
		if (op2 != 0 || !a15)
			return false;
		in->exec = op1 == 1 ? alu_sdiv : alu_udiv;
		break;
	case 4:
		if (op2 >> 1 == 0)
			in->exec = alu_smlald;
		else if (op2 >> 1 == 1)
			in->exec = alu_smlsld;
		else
			return false;
		return mul_fields(in, raw, true);
	case 5:
		if (op2 >> 1 == 0)
			in->exec = a15 ? alu_smmul : alu_smmla;
		else if (op2 >> 1 == 3)
			in->exec = alu_smmls;
		else
			return false;
		break;
	default:
		return false;
	}
	return mul_fields(in, raw, !a15);
}

const struct interp_pattern a32_mul_patterns[] = {
	{ 0x0f0000f0, 0x00000090, "multiply (accumulate)", decode_mul },
	{ 0x0f900090, 0x01000080, "halfword multiply", decode_mul_half },
	{ 0x0f800010, 0x07000010, "signed multiply, divide", decode_mul_signed },
};
const unsigned a32_mul_npatterns = sizeof(a32_mul_patterns) / sizeof(a32_mul_patterns[0]);
