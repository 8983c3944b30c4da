/*
 * Advanced SIMD data processing (ARM ARM A7.4) and the A32/T32 tables of
 * all Advanced SIMD encodings (loads/stores in neon_ldst.c).
 *
 * A32 1111 001U xxxx and T32 111U 1111 xxxx are the same encodings with
 * U moved: the T32 patterns rebuild the A32 form and share its decoder.
 *
 * Slot fields: rd, rn, rm = D register numbers (a Q register is its even
 * D number), ra = D registers per operand (1 for D, 2 for Q), shift_imm
 * = shift amount or element index, imm = immediate, flags = per form.
 * Handlers are specialised per element size at compile time; lanes are
 * computed on 64-bit chunks. Floating point uses the standard FPSCR value
 * (A2.7.3: FZ, DN, round to nearest) and sets the cumulative flags.
 */
#include "cpu/interp/neon_internal.h"

#define AI static inline __attribute__((always_inline))

static inline uint64_t es_mask(unsigned es)
{
	return es == 64 ? ~0ull : (1ull << es) - 1;
}

static inline int64_t sext(uint64_t v, unsigned es)
{
	return es == 64 ? (int64_t)v : (int64_t)(v << (64 - es)) >> (64 - es);
}

/* Saturate a wide result to es bits (SignedSatQ/UnsignedSatQ, A2.2.x). */
static inline uint64_t sat_s(int64_t v, unsigned es, bool *qc)
{
	int64_t hi = (int64_t)((1ull << (es - 1)) - 1), lo = -hi - 1;
	if (v > hi) { *qc = true; return (uint64_t)hi; }
	if (v < lo) { *qc = true; return (uint64_t)lo; }
	return (uint64_t)v;
}

static inline uint64_t sat_u(int64_t v, unsigned es, bool *qc)
{
	int64_t hi = (int64_t)es_mask(es);
	if (v > hi) { *qc = true; return (uint64_t)hi; }
	if (v < 0) { *qc = true; return 0; }
	return (uint64_t)v;
}

/* 64-bit element saturating arithmetic (no wider type on every host). */
static inline uint64_t qadd64(uint64_t a, uint64_t b, bool u, bool *qc)
{
	if (u) {
		uint64_t r = a + b;
		if (r < a) { *qc = true; return ~0ull; }
		return r;
	}
	int64_t r;
	if (__builtin_add_overflow((int64_t)a, (int64_t)b, &r)) {
		*qc = true;
		return (int64_t)a < 0 ? 1ull << 63 : (1ull << 63) - 1;
	}
	return (uint64_t)r;
}

static inline uint64_t qsub64(uint64_t a, uint64_t b, bool u, bool *qc)
{
	if (u) {
		if (b > a) { *qc = true; return 0; }
		return a - b;
	}
	int64_t r;
	if (__builtin_sub_overflow((int64_t)a, (int64_t)b, &r)) {
		*qc = true;
		return (int64_t)a < 0 ? 1ull << 63 : (1ull << 63) - 1;
	}
	return (uint64_t)r;
}

/* VSHL/VRSHL by register: the shift is the signed bottom byte of m. */
static inline uint64_t shl_reg(uint64_t n, int64_t sn, uint64_t m, unsigned es,
			       bool u, bool round)
{
	int shift = (int8_t)m;
	if (shift >= 0)
		return shift >= (int)es ? 0 : n << shift;
	int r = -shift;
	if (round) {
		if (r > (int)es)
			return 0;
		/* (x + 2^(r-1)) >> r without overflowing 64 bits */
		if (u) {
			uint64_t q = r == 64 ? 0 : n >> r;
			return q + (n >> (r - 1) & 1);
		}
		int64_t q = r >= 64 ? (sn < 0 ? -1 : 0) : sn >> r;
		return (uint64_t)(q + (int64_t)((uint64_t)sn >> (r - 1) & 1));
	}
	if (u)
		return r >= (int)es ? 0 : n >> r;
	return (uint64_t)(r >= (int)es ? (sn < 0 ? -1 : 0) : sn >> r);
}

/* VQSHL/VQRSHL (register), ARM ARM A8.8: like shl_reg, but a left shift
 * that loses significant bits saturates (and sets QC); so does any
 * non-zero value shifted by es or more. Right shifts (negative counts)
 * cannot saturate: shl_reg computes them. */
static inline uint64_t qshl_reg(uint64_t n, int64_t sn, uint64_t m, unsigned es,
				bool u, bool round, bool *qc)
{
	int shift = (int8_t)m;
	if (shift < 0)
		return shl_reg(n, sn, m, es, u, round);
	if (u) {
		if (n == 0)
			return 0;
		if (shift >= (int)es || (n << shift) >> shift != n ||
		    (n << shift) > es_mask(es)) {
			*qc = true;
			return es_mask(es);
		}
		return n << shift;
	}
	if (sn == 0)
		return 0;
	uint64_t v = shift >= (int)es ? 0 : (uint64_t)sn << shift;
	if (shift >= (int)es || (int64_t)v >> shift != sn || sext(v, es) != (int64_t)v) {
		*qc = true;
		return sn < 0 ? 1ull << (es - 1) : es_mask(es) >> 1;
	}
	return v;
}

/* VQDMULH/VQRDMULH (A8.8): SignedSatQ((2*a*b [+ 2^(es-1)]) >> es),
 * es = 16 or 32. (2ab + 2^(es-1)) >> es equals (ab + 2^(es-2)) >> (es-1),
 * which cannot overflow 64 bits; only (-2^(es-1))^2 saturates. */
static inline uint64_t qdmulh(int64_t a, int64_t b, unsigned es, bool round, bool *qc)
{
	int64_t p = a * b + (round ? 1ll << (es - 2) : 0);
	return sat_s(p >> (es - 1), es, qc);
}

/* SignedSatQ(2*a*b, 2*es) of VQDMULL/VQDMLAL/VQDMLSL (es = 16 or 32):
 * only a = b = -2^(es-1) overflows. */
static inline int64_t qdmull(int64_t a, int64_t b, unsigned es, bool *qc)
{
	int64_t min = -(1ll << (es - 1));
	if (a == min && b == min) {
		*qc = true;
		return (int64_t)(es_mask(2 * es) >> 1);
	}
	return 2 * a * b;
}

/* ---- lane-wise operations on 64-bit chunks ---- */

typedef uint64_t lane_fn(uint64_t xn, uint64_t xm, uint64_t xd, unsigned es,
			 unsigned imm, bool *qc);

#define LANES(name, EXPR)                                                      \
AI uint64_t name##_lanes(uint64_t xn, uint64_t xm, uint64_t xd, unsigned es,   \
			 unsigned imm, bool *qc)                               \
{                                                                              \
	uint64_t r = 0, msk = es_mask(es);                                     \
	_Pragma("GCC unroll 8")                                                \
	for (unsigned sh = 0; sh < 64; sh += es) {                             \
		uint64_t n = xn >> sh & msk, m = xm >> sh & msk, d = xd >> sh & msk; \
		int64_t sn = sext(n, es), sm = sext(m, es);                    \
		(void)n; (void)m; (void)d; (void)sn; (void)sm; (void)imm; (void)qc; \
		r |= ((uint64_t)(EXPR) & msk) << sh;                           \
	}                                                                      \
	return r;                                                              \
}

AI const struct interp_insn *run_lanes(struct interp *ip, const struct interp_insn *in,
				       lane_fn *f, unsigned es)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t *d = c->vfp.d;
	bool qc = false;
	/* D or Q: two straight copies, each lane loop unrolled */
	uint64_t r0 = f(d[in->rn], d[in->rm], d[in->rd], es, in->shift_imm, &qc);
	if (in->ra == 2)
		d[in->rd + 1] = f(d[in->rn + 1], d[in->rm + 1], d[in->rd + 1], es,
				  in->shift_imm, &qc);
	d[in->rd] = r0;
	if (qc)
		c->vfp.fpscr |= FPSCR_QC;
	return interp_next(in);
}

#define HANDLERS(name)                                                         \
static const struct interp_insn *name##_8(struct interp *ip, const struct interp_insn *in) \
{ return run_lanes(ip, in, name##_lanes, 8); }                                 \
static const struct interp_insn *name##_16(struct interp *ip, const struct interp_insn *in) \
{ return run_lanes(ip, in, name##_lanes, 16); }                                \
static const struct interp_insn *name##_32(struct interp *ip, const struct interp_insn *in) \
{ return run_lanes(ip, in, name##_lanes, 32); }                                \
static const struct interp_insn *name##_64(struct interp *ip, const struct interp_insn *in) \
{ return run_lanes(ip, in, name##_lanes, 64); }                                \
static const interp_fn name##_t[4] = { name##_8, name##_16, name##_32, name##_64 };

#define OP(name, EXPR) LANES(name, EXPR) HANDLERS(name)

/* Operations that exist for 16- and 32-bit elements only. */
#define OP_HS(name, EXPR) LANES(name, EXPR)                                    \
static const struct interp_insn *name##_16(struct interp *ip, const struct interp_insn *in) \
{ return run_lanes(ip, in, name##_lanes, 16); }                                \
static const struct interp_insn *name##_32(struct interp *ip, const struct interp_insn *in) \
{ return run_lanes(ip, in, name##_lanes, 32); }                                \
static const interp_fn name##_t[4] = { NULL, name##_16, name##_32, NULL };

#define ONES(cond) ((cond) ? ~0ull : 0)

/* Three registers of the same length (A7.4.1). */
OP(vhadd_s, (uint64_t)((sn + sm) >> 1))
OP(vhadd_u, (n + m) >> 1)
OP(vrhadd_s, (uint64_t)((sn + sm + 1) >> 1))
OP(vrhadd_u, (n + m + 1) >> 1)
OP(vhsub_s, (uint64_t)((sn - sm) >> 1))
OP(vhsub_u, (uint64_t)(((int64_t)n - (int64_t)m) >> 1))
OP(vqadd_s, es == 64 ? qadd64(n, m, false, qc) : sat_s(sn + sm, es, qc))
OP(vqadd_u, es == 64 ? qadd64(n, m, true, qc) : sat_u((int64_t)(n + m), es, qc))
OP(vqsub_s, es == 64 ? qsub64(n, m, false, qc) : sat_s(sn - sm, es, qc))
OP(vqsub_u, es == 64 ? qsub64(n, m, true, qc) : sat_u((int64_t)n - (int64_t)m, es, qc))
OP(vcgt_s, ONES(sn > sm))
OP(vcgt_u, ONES(n > m))
OP(vcge_s, ONES(sn >= sm))
OP(vcge_u, ONES(n >= m))
/* VSHL (register) shifts n by m: operands n = Vm, m = Vn in the
 * encoding (A8.8.395), swapped at decode. */
OP(vshl_s, shl_reg(n, sn, m, es, false, false))
OP(vshl_u, shl_reg(n, sn, m, es, true, false))
OP(vrshl_s, shl_reg(n, sn, m, es, false, true))
OP(vrshl_u, shl_reg(n, sn, m, es, true, true))
OP(vqshl_s, qshl_reg(n, sn, m, es, false, false, qc))
OP(vqshl_u, qshl_reg(n, sn, m, es, true, false, qc))
OP(vqrshl_s, qshl_reg(n, sn, m, es, false, true, qc))
OP(vqrshl_u, qshl_reg(n, sn, m, es, true, true, qc))
OP_HS(vqdmulh, qdmulh(sn, sm, es, false, qc))
OP_HS(vqrdmulh, qdmulh(sn, sm, es, true, qc))
OP(vmax_s, sn > sm ? n : m)
OP(vmax_u, n > m ? n : m)
OP(vmin_s, sn < sm ? n : m)
OP(vmin_u, n < m ? n : m)
OP(vabd_s, sn > sm ? (uint64_t)(sn - sm) : (uint64_t)(sm - sn))
OP(vabd_u, n > m ? n - m : m - n)
OP(vaba_s, d + (sn > sm ? (uint64_t)(sn - sm) : (uint64_t)(sm - sn)))
OP(vaba_u, d + (n > m ? n - m : m - n))
OP(vadd, n + m)
OP(vsub, n - m)
OP(vtst, ONES(n & m))
OP(vceq, ONES(n == m))
OP(vmla, d + n * m)
OP(vmls, d - n * m)
OP(vmul, n * m)

/* Polynomial multiply over {0,1} (A2.8.x PolynomialMult), 8-bit lanes. */
static inline uint64_t pmul8(uint64_t a, uint64_t b)
{
	uint64_t r = 0;
	for (unsigned i = 0; i < 8; i++)
		if (b >> i & 1)
			r ^= a << i;
	return r;
}
OP(vmul_p, pmul8(n, m))

/* Shifts by an immediate (A7.4.4): the operand is Vm, imm the amount. */
OP(vshr_s, (uint64_t)(imm >= es ? (sm < 0 ? -1 : 0) : sm >> imm))
OP(vshr_u, imm >= es ? 0 : m >> imm)
OP(vsra_s, d + (uint64_t)(imm >= es ? (sm < 0 ? -1 : 0) : sm >> imm))
OP(vsra_u, d + (imm >= es ? 0 : m >> imm))
OP(vrshr_s, shl_reg(m, sm, (uint64_t)-(int64_t)imm, es, false, true))
OP(vrshr_u, shl_reg(m, sm, (uint64_t)-(int64_t)imm, es, true, true))
OP(vrsra_s, d + shl_reg(m, sm, (uint64_t)-(int64_t)imm, es, false, true))
OP(vrsra_u, d + shl_reg(m, sm, (uint64_t)-(int64_t)imm, es, true, true))
OP(vsri, imm >= es ? d : (m >> imm) | (d & ~(es_mask(es) >> imm)))
OP(vshl_i, m << imm)
OP(vsli, (m << imm) | (d & ((1ull << imm) - 1)))
OP(vqshl_i_s, es == 64 ? (imm && ((sm >> (63 - imm)) != 0 && (sm >> (63 - imm)) != -1)
			  ? (*qc = true, sm < 0 ? 1ull << 63 : (1ull << 63) - 1) : m << imm)
			: sat_s(sm * (int64_t)(1ull << imm), es, qc))
OP(vqshl_i_u, es == 64 ? (imm && (m >> (64 - imm)) ? (*qc = true, ~0ull) : m << imm)
			: sat_u((int64_t)(m << imm), es, qc))
OP(vqshlu_i, es == 64 ? (sm < 0 ? (*qc = true, 0)
			 : (imm && (m >> (64 - imm)) ? (*qc = true, ~0ull) : m << imm))
		      : sat_u(sm * (int64_t)(1ull << imm), es, qc))

/* Two registers, miscellaneous (A7.4.5): operand Vm. */
static inline unsigned clz_es(uint64_t v, unsigned es)
{
	return v ? (unsigned)__builtin_clzll(v) - (64 - es) : es;
}
static inline unsigned cls_es(int64_t v, unsigned es)
{
	uint64_t x = (uint64_t)(v < 0 ? ~v : v) & es_mask(es);
	return clz_es(x, es) - 1;
}
OP(vclz, clz_es(m, es))
OP(vcls, cls_es(sm, es))
OP(vcnt, __builtin_popcountll(m))
OP(vabs, sm < 0 ? (uint64_t)-sm : m)
OP(vneg, (uint64_t)-sm)
OP(vqabs, sm == -(int64_t)(1ull << (es - 1)) ? (*qc = true, es_mask(es) >> 1)
	   : (sm < 0 ? (uint64_t)-sm : m))
OP(vqneg, sm == -(int64_t)(1ull << (es - 1)) ? (*qc = true, es_mask(es) >> 1)
	   : (uint64_t)-sm)
OP(vcgt0, ONES(sm > 0))
OP(vcge0, ONES(sm >= 0))
OP(vceq0, ONES(m == 0))
OP(vcle0, ONES(sm <= 0))
OP(vclt0, ONES(sm < 0))

/* ---- bitwise (whole registers) ---- */

#define BITOP(name, EXPR)                                                      \
static const struct interp_insn *name(struct interp *ip, const struct interp_insn *in) \
{                                                                              \
	NEON_CHECK(ip, in);                                                    \
	uint64_t *r = ip->cpu->vfp.d;                                          \
	for (unsigned i = 0; i < in->ra; i++) {                                \
		uint64_t n = r[in->rn + i], m = r[in->rm + i], d = r[in->rd + i]; \
		(void)n; (void)d;                                              \
		r[in->rd + i] = EXPR;                                          \
	}                                                                      \
	return interp_next(in);                                                \
}
BITOP(vand, n & m)
BITOP(vbic, n & ~m)
BITOP(vorr, n | m)
BITOP(vorn, n | ~m)
BITOP(veor, n ^ m)
BITOP(vbsl, (d & n) | (~d & m))
BITOP(vbit, (n & m) | (d & ~m))
BITOP(vbif, (d & m) | (n & ~m))
BITOP(vmvn, ~m)

/* ---- one register and a modified immediate (A7.4.6) ---- */

/* imm: the 32-bit pattern, replicated (the decoder expanded it). */
static const struct interp_insn *vmov_imm(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t v = (uint64_t)in->imm << 32 | in->imm;
	for (unsigned i = 0; i < in->ra; i++)
		ip->cpu->vfp.d[in->rd + i] = v;
	return interp_next(in);
}

static const struct interp_insn *vorr_imm(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t v = (uint64_t)in->imm << 32 | in->imm;
	for (unsigned i = 0; i < in->ra; i++)
		ip->cpu->vfp.d[in->rd + i] |= v;
	return interp_next(in);
}

static const struct interp_insn *vbic_imm(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t v = (uint64_t)in->imm << 32 | in->imm;
	for (unsigned i = 0; i < in->ra; i++)
		ip->cpu->vfp.d[in->rd + i] &= ~v;
	return interp_next(in);
}

/* VMOV.I64: each bit of imm8 is a byte of ones or zeros. */
static const struct interp_insn *vmov_imm64(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t v = 0;
	for (unsigned i = 0; i < 8; i++)
		if (in->imm >> i & 1)
			v |= 0xffull << (8 * i);
	for (unsigned i = 0; i < in->ra; i++)
		ip->cpu->vfp.d[in->rd + i] = v;
	return interp_next(in);
}

/* ---- floating point, 32-bit lanes, standard FPSCR ---- */

typedef uint32_t flane_fn(uint32_t n, uint32_t m, uint32_t d, uint32_t *fpscr);

AI const struct interp_insn *run_flanes(struct interp *ip, const struct interp_insn *in,
					flane_fn *f)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t *r = c->vfp.d;
	for (unsigned i = 0; i < in->ra; i++) {
		uint64_t n = r[in->rn + i], m = r[in->rm + i], d = r[in->rd + i];
		uint32_t lo = f((uint32_t)n, (uint32_t)m, (uint32_t)d, &c->vfp.fpscr);
		uint32_t hi = f((uint32_t)(n >> 32), (uint32_t)(m >> 32), (uint32_t)(d >> 32),
				&c->vfp.fpscr);
		r[in->rd + i] = (uint64_t)hi << 32 | lo;
	}
	return interp_next(in);
}

#define FOP(name, EXPR)                                                        \
static inline uint32_t name##_flane(uint32_t n, uint32_t m, uint32_t d, uint32_t *f) \
{                                                                              \
	(void)n; (void)m; (void)d; (void)f;                                    \
	return EXPR;                                                           \
}                                                                              \
static const struct interp_insn *name(struct interp *ip, const struct interp_insn *in) \
{ return run_flanes(ip, in, name##_flane); }

#define S FP_STD
FOP(vadd_f, fp32_add(n, m, S, f))
FOP(vsub_f, fp32_sub(n, m, S, f))
FOP(vmul_f, fp32_mul(n, m, S, f))
FOP(vmla_f, fp32_add(d, fp32_mul(n, m, S, f), S, f))
FOP(vmls_f, fp32_add(d, fp32_neg(fp32_mul(n, m, S, f)), S, f))
FOP(vfma_f, fp32_muladd(d, n, m, S, f))
FOP(vfms_f, fp32_muladd(d, fp32_neg(n), m, S, f))
FOP(vabd_f, fp32_abs(fp32_sub(n, m, S, f)))
FOP(vmax_f, fp32_max(n, m, S, f))
FOP(vmin_f, fp32_min(n, m, S, f))
FOP(vceq_f, fp32_cmp_eq(n, m, S, f) ? ~0u : 0)
FOP(vcge_f, fp32_cmp_ge(n, m, S, f) ? ~0u : 0)
FOP(vcgt_f, fp32_cmp_gt(n, m, S, f) ? ~0u : 0)
FOP(vacge_f, fp32_cmp_ge(fp32_abs(n), fp32_abs(m), S, f) ? ~0u : 0)
FOP(vacgt_f, fp32_cmp_gt(fp32_abs(n), fp32_abs(m), S, f) ? ~0u : 0)
FOP(vrecps_f, fp32_recps(n, m, S, f))
FOP(vrsqrts_f, fp32_rsqrts(n, m, S, f))
/* unary: operand m */
FOP(vabs_f, fp32_abs(m))
FOP(vneg_f, fp32_neg(m))
FOP(vcgt0_f, fp32_cmp_gt(m, 0, S, f) ? ~0u : 0)
FOP(vcge0_f, fp32_cmp_ge(m, 0, S, f) ? ~0u : 0)
FOP(vceq0_f, fp32_cmp_eq(m, 0, S, f) ? ~0u : 0)
FOP(vcle0_f, fp32_cmp_ge(0, m, S, f) ? ~0u : 0)
FOP(vclt0_f, fp32_cmp_gt(0, m, S, f) ? ~0u : 0)
FOP(vrecpe_f, fp32_recpe(m, S, f))
FOP(vrsqrte_f, fp32_rsqrte(m, S, f))
FOP(vrecpe_u, u32_recpe(m))
FOP(vrsqrte_u, u32_rsqrte(m))
FOP(vcvt_f_s, fp32_from_fixed(m, 32, 0, false, S, f))
FOP(vcvt_f_u, fp32_from_fixed(m, 32, 0, true, S, f))
FOP(vcvt_s_f, fp32_to_fixed(m, 32, 0, false, true, S, f))
FOP(vcvt_u_f, fp32_to_fixed(m, 32, 0, true, true, S, f))

/* Fixed-point VCVT (A8.8.x): fraction bits in shift_imm. */
#define FIXOP(name, EXPR)                                                      \
static const struct interp_insn *name(struct interp *ip, const struct interp_insn *in) \
{                                                                              \
	NEON_CHECK(ip, in);                                                    \
	struct arm_cpu *c = ip->cpu;                                           \
	uint32_t *f = &c->vfp.fpscr;                                           \
	unsigned fb = in->shift_imm;                                           \
	for (unsigned i = 0; i < in->ra; i++) {                                \
		uint64_t v = c->vfp.d[in->rm + i];                             \
		uint32_t m = (uint32_t)v;                                      \
		uint32_t lo = EXPR;                                            \
		m = (uint32_t)(v >> 32);                                       \
		uint32_t hi = EXPR;                                            \
		c->vfp.d[in->rd + i] = (uint64_t)hi << 32 | lo;                \
	}                                                                      \
	return interp_next(in);                                                \
}
FIXOP(vcvt_f_sx, fp32_from_fixed(m, 32, fb, false, S, f))
FIXOP(vcvt_f_ux, fp32_from_fixed(m, 32, fb, true, S, f))
FIXOP(vcvt_sx_f, fp32_to_fixed(m, 32, fb, false, true, S, f))
FIXOP(vcvt_ux_f, fp32_to_fixed(m, 32, fb, true, true, S, f))

/* ---- pairwise (D registers only): elements of n then of m, in pairs ---- */

enum { PW_ADD, PW_MAX_S, PW_MAX_U, PW_MIN_S, PW_MIN_U, PW_FADD, PW_FMAX, PW_FMIN };

AI uint64_t pw_one(uint64_t a, uint64_t b, unsigned es, unsigned op, uint32_t *f)
{
	switch (op) {
	case PW_ADD: return a + b;
	case PW_MAX_S: return sext(a, es) > sext(b, es) ? a : b;
	case PW_MAX_U: return a > b ? a : b;
	case PW_MIN_S: return sext(a, es) < sext(b, es) ? a : b;
	case PW_MIN_U: return a < b ? a : b;
	case PW_FADD: return fp32_add((uint32_t)a, (uint32_t)b, FP_STD, f);
	case PW_FMAX: return fp32_max((uint32_t)a, (uint32_t)b, FP_STD, f);
	default: return fp32_min((uint32_t)a, (uint32_t)b, FP_STD, f);
	}
}

AI const struct interp_insn *run_pairwise(struct interp *ip, const struct interp_insn *in,
					  unsigned es, unsigned op)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t src[2] = { c->vfp.d[in->rn], c->vfp.d[in->rm] }, r = 0, msk = es_mask(es);
	unsigned half = 32 / es * es; /* result bits from each source */
	for (unsigned s = 0; s < 2; s++)
		for (unsigned sh = 0; sh < 64; sh += 2 * es) {
			uint64_t a = src[s] >> sh & msk, b = src[s] >> (sh + es) & msk;
			r |= (pw_one(a, b, es, op, &c->vfp.fpscr) & msk) << (s * half + sh / 2);
		}
	c->vfp.d[in->rd] = r;
	return interp_next(in);
}

#define PW(name, op)                                                           \
static const struct interp_insn *name##_8(struct interp *ip, const struct interp_insn *in) \
{ return run_pairwise(ip, in, 8, op); }                                        \
static const struct interp_insn *name##_16(struct interp *ip, const struct interp_insn *in) \
{ return run_pairwise(ip, in, 16, op); }                                       \
static const struct interp_insn *name##_32(struct interp *ip, const struct interp_insn *in) \
{ return run_pairwise(ip, in, 32, op); }                                       \
static const interp_fn name##_t[4] = { name##_8, name##_16, name##_32, NULL };
PW(vpadd, PW_ADD)
PW(vpmax_s, PW_MAX_S)
PW(vpmax_u, PW_MAX_U)
PW(vpmin_s, PW_MIN_S)
PW(vpmin_u, PW_MIN_U)
static const struct interp_insn *vpadd_f(struct interp *ip, const struct interp_insn *in)
{ return run_pairwise(ip, in, 32, PW_FADD); }
static const struct interp_insn *vpmax_f(struct interp *ip, const struct interp_insn *in)
{ return run_pairwise(ip, in, 32, PW_FMAX); }
static const struct interp_insn *vpmin_f(struct interp *ip, const struct interp_insn *in)
{ return run_pairwise(ip, in, 32, PW_FMIN); }

/* ---- long, wide and narrow (A7.4.2, VMOVL, VMOVN, VSHRN...) ---- */

static inline uint64_t elt(uint64_t v, unsigned i, unsigned es)
{
	return v >> (i * es) & es_mask(es);
}

/* Elements of a D register extended to 2*es (signed or not). */
static inline uint64_t ext_elt(uint64_t v, unsigned i, unsigned es, bool u)
{
	uint64_t e = elt(v, i, es);
	return u ? e : (uint64_t)sext(e, es);
}

enum {
	L_ADDL, L_ADDW, L_SUBL, L_SUBW, L_ABAL, L_ABDL, L_MLAL, L_MLSL, L_MULL,
	L_MULLP, L_MOVL, L_SHLL, L_QDMULL, L_QDMLAL, L_QDMLSL,
};

/* Qd = op(Dn or Qn, Dm) with results of 2*es bits; U in flags bit 0.
 * sc: by scalar (A7.4.3), Dm[x] at bit shift_imm of Dm in every lane. */
AI const struct interp_insn *run_long_u(struct interp *ip, const struct interp_insn *in,
					unsigned es, unsigned op, bool u, bool sc)
{
	struct arm_cpu *c = ip->cpu;
	unsigned lanes = 64 / es, wes = 2 * es, wl = lanes / 2;
	/* Only the W forms read Qn (rn even); the others a D register, d31 too. */
	bool wide = op == L_ADDW || op == L_SUBW;
	uint64_t n0 = c->vfp.d[in->rn], n1 = wide ? c->vfp.d[in->rn + 1] : 0;
	uint64_t m = c->vfp.d[in->rm];
	if (sc) {
		uint64_t e = m >> in->shift_imm & es_mask(es);
		m = 0;
		for (unsigned sh = 0; sh < 64; sh += es)
			m |= e << sh;
	}
	uint64_t out[2] = { c->vfp.d[in->rd], c->vfp.d[in->rd + 1] }, wm = es_mask(wes);
	uint64_t res[2] = { 0, 0 };
	bool qc = false;
#pragma GCC unroll 8
	for (unsigned i = 0; i < lanes; i++) {
		uint64_t a, b = ext_elt(m, i, es, u), d = elt(out[i / wl], i % wl, wes), r;
		if (op == L_ADDW || op == L_SUBW)
			a = elt(i < wl ? n0 : n1, i % wl, wes);
		else
			a = ext_elt(n0, i, es, u);
		int64_t sa = sext(a, wes), sb = sext(b, wes);
		uint64_t diff = u ? (a > b ? a - b : b - a)
				  : (uint64_t)(sa > sb ? sa - sb : sb - sa);
		switch (op) {
		case L_ADDL: case L_ADDW: r = a + b; break;
		case L_SUBL: case L_SUBW: r = a - b; break;
		case L_ABAL: r = d + diff; break;
		case L_ABDL: r = diff; break;
		case L_MLAL: r = d + a * b; break;
		case L_MLSL: r = d - a * b; break;
		case L_MULL: r = a * b; break;
		case L_MULLP: r = pmul8(a & 0xff, b & 0xff); break;
		case L_MOVL: r = b; break;
		case L_SHLL: r = b << in->shift_imm; break;
		/* VQDMULL/VQDMLAL/VQDMLSL (A8.8): the doubled product
		 * saturates, then the sum does; both set QC (signed
		 * only, es = 16 or 32). */
		case L_QDMULL: r = (uint64_t)qdmull(sa, sb, es, &qc); break;
		case L_QDMLAL: {
			uint64_t p = (uint64_t)qdmull(sa, sb, es, &qc);
			r = es == 32 ? qadd64(d, p, false, &qc)
				     : sat_s(sext(d, wes) + (int64_t)p, wes, &qc);
			break;
		}
		default: { /* L_QDMLSL */
			uint64_t p = (uint64_t)qdmull(sa, sb, es, &qc);
			r = es == 32 ? qsub64(d, p, false, &qc)
				     : sat_s(sext(d, wes) - (int64_t)p, wes, &qc);
			break;
		}
		}
		res[i / wl] |= (r & wm) << ((i % wl) * wes);
	}
	c->vfp.d[in->rd] = res[0];
	c->vfp.d[in->rd + 1] = res[1];
	if (qc)
		c->vfp.fpscr |= FPSCR_QC;
	return interp_next(in);
}

/* U known in each copy: the lanes' extensions become plain code. */
AI const struct interp_insn *run_long(struct interp *ip, const struct interp_insn *in,
				      unsigned es, unsigned op, bool sc)
{
	NEON_CHECK(ip, in);
	if (in->flags & 1)
		return run_long_u(ip, in, es, op, true, sc);
	return run_long_u(ip, in, es, op, false, sc);
}

#define LONG(name, op)                                                         \
static const struct interp_insn *name##_8(struct interp *ip, const struct interp_insn *in) \
{ return run_long(ip, in, 8, op, false); }                                     \
static const struct interp_insn *name##_16(struct interp *ip, const struct interp_insn *in) \
{ return run_long(ip, in, 16, op, false); }                                    \
static const struct interp_insn *name##_32(struct interp *ip, const struct interp_insn *in) \
{ return run_long(ip, in, 32, op, false); }                                    \
static const interp_fn name##_t[4] = { name##_8, name##_16, name##_32, NULL };
LONG(vaddl, L_ADDL)
LONG(vaddw, L_ADDW)
LONG(vsubl, L_SUBL)
LONG(vsubw, L_SUBW)
LONG(vabal, L_ABAL)
LONG(vabdl, L_ABDL)
LONG(vmlal, L_MLAL)
LONG(vmlsl, L_MLSL)
LONG(vmull, L_MULL)
LONG(vmovl, L_MOVL)
LONG(vshll, L_SHLL)

/* The doubling forms (signed, 16 and 32 bits: flags bit 0 is 0) and the
 * long by-scalar forms (16 and 32 bits). */
#define LONG_HS(name, op, sc)                                                  \
static const struct interp_insn *name##_16(struct interp *ip, const struct interp_insn *in) \
{ return run_long(ip, in, 16, op, sc); }                                       \
static const struct interp_insn *name##_32(struct interp *ip, const struct interp_insn *in) \
{ return run_long(ip, in, 32, op, sc); }                                       \
static const interp_fn name##_t[4] = { NULL, name##_16, name##_32, NULL };
LONG_HS(vqdmull, L_QDMULL, false)
LONG_HS(vqdmlal, L_QDMLAL, false)
LONG_HS(vqdmlsl, L_QDMLSL, false)
LONG_HS(vmull_sc, L_MULL, true)
LONG_HS(vmlal_sc, L_MLAL, true)
LONG_HS(vmlsl_sc, L_MLSL, true)
LONG_HS(vqdmull_sc, L_QDMULL, true)
LONG_HS(vqdmlal_sc, L_QDMLAL, true)
LONG_HS(vqdmlsl_sc, L_QDMLSL, true)
static const struct interp_insn *vmull_p8(struct interp *ip, const struct interp_insn *in)
{ return run_long(ip, in, 8, L_MULLP, false); }

enum { N_MOVN, N_QMOVN_S, N_QMOVN_U, N_QMOVUN, N_ADDHN, N_RADDHN, N_SUBHN, N_RSUBHN,
       N_SHRN, N_RSHRN, N_QSHRN_S, N_QSHRN_U, N_QRSHRN_S, N_QRSHRN_U, N_QSHRUN, N_QRSHRUN };

/* Dd = narrow(Qm [, Qn]) to es-bit elements (sources 2*es). */
AI const struct interp_insn *run_narrow(struct interp *ip, const struct interp_insn *in,
					unsigned es, unsigned op)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	unsigned wes = 2 * es, wl = 32 / es, sh = in->shift_imm;
	uint64_t m[2] = { c->vfp.d[in->rm], c->vfp.d[in->rm + 1] };
	uint64_t n[2] = { c->vfp.d[in->rn], c->vfp.d[in->rn + 1] };
	uint64_t r = 0;
	bool qc = false;
	for (unsigned i = 0; i < 64 / es; i++) {
		uint64_t a = elt(m[i / wl], i % wl, wes), b = elt(n[i / wl], i % wl, wes), v;
		int64_t sa = sext(a, wes);
		uint64_t rnd = sh ? 1ull << (sh - 1) : 0;
		switch (op) {
		case N_MOVN: v = a; break;
		case N_QMOVN_S: v = sat_s(sa, es, &qc); break;
		case N_QMOVN_U: v = a > es_mask(es) ? (qc = true, es_mask(es)) : a; break;
		case N_QMOVUN: v = sat_u(sa, es, &qc); break;
		case N_ADDHN: v = (b + a) >> es; break;
		case N_RADDHN: v = (b + a + (1ull << (es - 1))) >> es; break;
		case N_SUBHN: v = (b - a) >> es; break;
		case N_RSUBHN: v = (b - a + (1ull << (es - 1))) >> es; break;
		case N_SHRN: v = a >> sh; break;
		case N_RSHRN: v = (a + rnd) >> sh; break;
		case N_QSHRN_S: v = sat_s(sa >> sh, es, &qc); break;
		case N_QSHRN_U: v = (a >> sh) > es_mask(es) ? (qc = true, es_mask(es)) : a >> sh; break;
		case N_QRSHRN_S: v = sat_s((sa + (int64_t)rnd) >> sh, es, &qc); break;
		case N_QRSHRN_U: v = ((a + rnd) >> sh) > es_mask(es) ? (qc = true, es_mask(es))
								     : (a + rnd) >> sh; break;
		case N_QSHRUN: v = sat_u(sa >> sh, es, &qc); break;
		default: v = sat_u((sa + (int64_t)rnd) >> sh, es, &qc); break; /* QRSHRUN */
		}
		r |= (v & es_mask(es)) << (i * es);
	}
	c->vfp.d[in->rd] = r;
	if (qc)
		c->vfp.fpscr |= FPSCR_QC;
	return interp_next(in);
}

#define NARROW(name, op)                                                       \
static const struct interp_insn *name##_8(struct interp *ip, const struct interp_insn *in) \
{ return run_narrow(ip, in, 8, op); }                                          \
static const struct interp_insn *name##_16(struct interp *ip, const struct interp_insn *in) \
{ return run_narrow(ip, in, 16, op); }                                         \
static const struct interp_insn *name##_32(struct interp *ip, const struct interp_insn *in) \
{ return run_narrow(ip, in, 32, op); }                                         \
static const interp_fn name##_t[4] = { name##_8, name##_16, name##_32, NULL };
NARROW(vmovn, N_MOVN)
NARROW(vqmovn_s, N_QMOVN_S)
NARROW(vqmovn_u, N_QMOVN_U)
NARROW(vqmovun, N_QMOVUN)
NARROW(vaddhn, N_ADDHN)
NARROW(vraddhn, N_RADDHN)
NARROW(vsubhn, N_SUBHN)
NARROW(vrsubhn, N_RSUBHN)
NARROW(vshrn, N_SHRN)
NARROW(vrshrn, N_RSHRN)
NARROW(vqshrn_s, N_QSHRN_S)
NARROW(vqshrn_u, N_QSHRN_U)
NARROW(vqrshrn_s, N_QRSHRN_S)
NARROW(vqrshrn_u, N_QRSHRN_U)
NARROW(vqshrun, N_QSHRUN)
NARROW(vqrshrun, N_QRSHRUN)

/* ---- permutations ---- */

/* Gather/scatter elements of up to 4 D registers through a byte array. */
static inline void regs_to_bytes(const uint64_t *d, unsigned first, unsigned n, uint8_t *b)
{
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = 0; j < 8; j++)
			b[i * 8 + j] = (uint8_t)(d[(first + i) & 31] >> (8 * j));
}

static inline uint64_t bytes_to_reg(const uint8_t *b)
{
	uint64_t v = 0;
	for (unsigned j = 0; j < 8; j++)
		v |= (uint64_t)b[j] << (8 * j);
	return v;
}

/* VEXT (A8.8.x): bytes imm.. of n:m; shift_imm = byte offset. */
static const struct interp_insn *vext(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t *d = ip->cpu->vfp.d;
	uint8_t src[32], out[16];
	regs_to_bytes(d, in->rn, in->ra, src);
	regs_to_bytes(d, in->rm, in->ra, src + 8 * in->ra);
	for (unsigned i = 0; i < 8u * in->ra; i++)
		out[i] = src[in->shift_imm + i];
	for (unsigned i = 0; i < in->ra; i++)
		d[in->rd + i] = bytes_to_reg(out + 8 * i);
	return interp_next(in);
}

/* VTBL/VTBX (A8.8.x): rn = first list register, ra = list length,
 * flags bit 0 = VTBX (out-of-range indexes keep Dd). */
static const struct interp_insn *vtbl(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t *d = ip->cpu->vfp.d;
	uint8_t tab[32];
	regs_to_bytes(d, in->rn, in->ra, tab);
	uint64_t idx = d[in->rm], old = d[in->rd], r = 0;
	for (unsigned i = 0; i < 8; i++) {
		unsigned k = idx >> (8 * i) & 0xff;
		uint64_t v = k < 8u * in->ra ? tab[k] : ((in->flags & 1) ? old >> (8 * i) & 0xff : 0);
		r |= v << (8 * i);
	}
	d[in->rd] = r;
	return interp_next(in);
}

/* VDUP (scalar): shift_imm = bit offset of the scalar in Dm, flags = es. */
static const struct interp_insn *vdup_scalar(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t *d = ip->cpu->vfp.d;
	unsigned es = in->flags;
	uint64_t e = d[in->rm] >> in->shift_imm & es_mask(es), v = 0;
	for (unsigned sh = 0; sh < 64; sh += es)
		v |= e << sh;
	for (unsigned i = 0; i < in->ra; i++)
		d[in->rd + i] = v;
	return interp_next(in);
}

/* VREV16/32/64: reverse es-bit elements within each group of gs bits;
 * flags = es, shift_imm = log2 of the group size in bits. */
static const struct interp_insn *vrev(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t *d = ip->cpu->vfp.d;
	unsigned es = in->flags, gs = 1u << in->shift_imm, per = gs / es;
	for (unsigned r = 0; r < in->ra; r++) {
		uint64_t v = d[in->rm + r], o = 0;
		for (unsigned i = 0; i < 64 / es; i++) {
			unsigned g = i / per, k = i % per;
			o |= elt(v, i, es) << ((g * per + (per - 1 - k)) * es);
		}
		d[in->rd + r] = o;
	}
	return interp_next(in);
}

/* VSWP, VTRN, VUZP, VZIP (A8.8.x): both operands are written. flags = es. */
enum { P_SWP, P_TRN, P_UZP, P_ZIP };

static const struct interp_insn *run_perm(struct interp *ip, const struct interp_insn *in,
					  unsigned op)
{
	NEON_CHECK(ip, in);
	uint64_t *d = ip->cpu->vfp.d;
	unsigned es = in->flags, n = 64 * in->ra / es; /* elements per operand */
	uint64_t a[32], b[32], ra[32], rb[32];
	for (unsigned i = 0; i < n; i++) {
		a[i] = elt(d[in->rd + i * es / 64], i % (64 / es), es);
		b[i] = elt(d[in->rm + i * es / 64], i % (64 / es), es);
	}
	for (unsigned i = 0; i < n; i++) {
		switch (op) {
		case P_SWP: ra[i] = b[i]; rb[i] = a[i]; break;
		case P_TRN: /* d[2k+1] <-> m[2k] */
			ra[i] = (i & 1) ? b[i - 1] : a[i];
			rb[i] = (i & 1) ? b[i] : a[i + 1];
			break;
		case P_UZP: { /* d: even elements of d:m, m: odd ones */
			unsigned k = 2 * i;
			ra[i] = k < n ? a[k] : b[k - n];
			rb[i] = k + 1 < n ? a[k + 1] : b[k + 1 - n];
			break;
		}
		default: { /* ZIP: d gets d0 m0 d1 m1 ..., m the second half */
			unsigned k = i / 2, k2 = (n + i) / 2;
			ra[i] = (i & 1) ? b[k] : a[k];
			rb[i] = ((n + i) & 1) ? b[k2] : a[k2];
			break;
		}
		}
	}
	for (unsigned r = 0; r < in->ra; r++) {
		uint64_t x = 0, y = 0;
		for (unsigned i = 0; i < 64 / es; i++) {
			x |= (ra[r * 64 / es + i] & es_mask(es)) << (i * es);
			y |= (rb[r * 64 / es + i] & es_mask(es)) << (i * es);
		}
		d[in->rd + r] = x;
		d[in->rm + r] = y;
	}
	return interp_next(in);
}

static const struct interp_insn *vswp(struct interp *ip, const struct interp_insn *in)
{ return run_perm(ip, in, P_SWP); }
static const struct interp_insn *vtrn(struct interp *ip, const struct interp_insn *in)
{ return run_perm(ip, in, P_TRN); }
static const struct interp_insn *vuzp(struct interp *ip, const struct interp_insn *in)
{ return run_perm(ip, in, P_UZP); }
static const struct interp_insn *vzip(struct interp *ip, const struct interp_insn *in)
{ return run_perm(ip, in, P_ZIP); }

/* VPADDL/VPADAL (A8.8.x): pairs of es-bit elements into 2*es; flags bit
 * 0 = U, bit 1 = accumulate; shift_imm = es. */
static const struct interp_insn *vpaddl(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	uint64_t *d = ip->cpu->vfp.d;
	unsigned es = in->shift_imm, wes = 2 * es;
	bool u = in->flags & 1, acc = in->flags & 2;
	for (unsigned r = 0; r < in->ra; r++) {
		uint64_t v = d[in->rm + r], old = d[in->rd + r], o = 0;
		for (unsigned i = 0; i < 64 / wes; i++) {
			uint64_t s = ext_elt(v, 2 * i, es, u) + ext_elt(v, 2 * i + 1, es, u);
			if (acc)
				s += elt(old, i, wes);
			o |= (s & es_mask(wes)) << (i * wes);
		}
		d[in->rd + r] = o;
	}
	return interp_next(in);
}

/* VCVT between half and single (A8.8.x), standard FPSCR but IEEE half. */
static const struct interp_insn *vcvt_f16_f32(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t m0 = c->vfp.d[in->rm], m1 = c->vfp.d[in->rm + 1], r = 0;
	uint32_t ctl = FP_STD | (c->vfp.fpscr & FPSCR_AHP);
	for (unsigned i = 0; i < 4; i++)
		r |= (uint64_t)fp32_to_fp16((uint32_t)((i < 2 ? m0 : m1) >> (32 * (i & 1))),
					    ctl, &c->vfp.fpscr) << (16 * i);
	c->vfp.d[in->rd] = r;
	return interp_next(in);
}

static const struct interp_insn *vcvt_f32_f16(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t m = c->vfp.d[in->rm], r[2] = { 0, 0 };
	uint32_t ctl = FP_STD | (c->vfp.fpscr & FPSCR_AHP);
	for (unsigned i = 0; i < 4; i++)
		r[i / 2] |= (uint64_t)fp16_to_fp32((uint32_t)(m >> (16 * i)) & 0xffff, ctl,
						   &c->vfp.fpscr) << (32 * (i & 1));
	c->vfp.d[in->rd] = r[0];
	c->vfp.d[in->rd + 1] = r[1];
	return interp_next(in);
}

/* ---- by scalar (A7.4.3): Dm[x] broadcast, then the vector op ---- */

/* The scalar operand is copied into every lane of a temporary; rm is
 * the D register, shift_imm the bit offset, flags bit 7: float. */
#define SCALAR(name, es, BODY)                                                 \
static const struct interp_insn *name(struct interp *ip, const struct interp_insn *in) \
{                                                                              \
	NEON_CHECK(ip, in);                                                    \
	struct arm_cpu *c = ip->cpu;                                           \
	uint64_t *r = c->vfp.d, e = r[in->rm] >> in->shift_imm & es_mask(es), s = 0; \
	bool qc = false;                                                       \
	for (unsigned sh = 0; sh < 64; sh += es)                               \
		s |= e << sh;                                                  \
	for (unsigned i = 0; i < in->ra; i++) {                                \
		uint64_t n = r[in->rn + i], d = r[in->rd + i];                 \
		r[in->rd + i] = BODY;                                          \
	}                                                                      \
	if (qc)                                                                \
		c->vfp.fpscr |= FPSCR_QC;                                      \
	return interp_next(in);                                                \
}
SCALAR(vmul_sc16, 16, vmul_lanes(n, s, d, 16, 0, &qc))
SCALAR(vmul_sc32, 32, vmul_lanes(n, s, d, 32, 0, &qc))
SCALAR(vmla_sc16, 16, vmla_lanes(n, s, d, 16, 0, &qc))
SCALAR(vmla_sc32, 32, vmla_lanes(n, s, d, 32, 0, &qc))
SCALAR(vmls_sc16, 16, vmls_lanes(n, s, d, 16, 0, &qc))
SCALAR(vmls_sc32, 32, vmls_lanes(n, s, d, 32, 0, &qc))
SCALAR(vqdmulh_sc16, 16, vqdmulh_lanes(n, s, d, 16, 0, &qc))
SCALAR(vqdmulh_sc32, 32, vqdmulh_lanes(n, s, d, 32, 0, &qc))
SCALAR(vqrdmulh_sc16, 16, vqrdmulh_lanes(n, s, d, 16, 0, &qc))
SCALAR(vqrdmulh_sc32, 32, vqrdmulh_lanes(n, s, d, 32, 0, &qc))
#define FSC(name, EXPR)                                                        \
SCALAR(name, 32, ((uint64_t)name##_flane((uint32_t)(n >> 32), (uint32_t)s,     \
					  (uint32_t)(d >> 32), &c->vfp.fpscr) << 32 | \
		  name##_flane((uint32_t)n, (uint32_t)s, (uint32_t)d, &c->vfp.fpscr)))
static inline uint32_t vmul_fsc_flane(uint32_t n, uint32_t m, uint32_t d, uint32_t *f)
{ (void)d; return fp32_mul(n, m, S, f); }
static inline uint32_t vmla_fsc_flane(uint32_t n, uint32_t m, uint32_t d, uint32_t *f)
{ return fp32_add(d, fp32_mul(n, m, S, f), S, f); }
static inline uint32_t vmls_fsc_flane(uint32_t n, uint32_t m, uint32_t d, uint32_t *f)
{ return fp32_add(d, fp32_neg(fp32_mul(n, m, S, f)), S, f); }
FSC(vmul_fsc, 0)
FSC(vmla_fsc, 0)
FSC(vmls_fsc, 0)

/* ---- decoding ---- */

static inline unsigned reg_d(uint32_t raw) { return (raw >> 18 & 0x10) | (raw >> 12 & 15); }
static inline unsigned reg_n(uint32_t raw) { return (raw >> 3 & 0x10) | (raw >> 16 & 15); }
static inline unsigned reg_m(uint32_t raw) { return (raw >> 1 & 0x10) | (raw & 15); }

/* Q forms need even register numbers (A7.4: UNDEFINED otherwise). */
static bool set_regs(struct interp_insn *in, uint32_t raw, bool q, bool dq, bool nq, bool mq)
{
	in->rd = (uint8_t)reg_d(raw);
	in->rn = (uint8_t)reg_n(raw);
	in->rm = (uint8_t)reg_m(raw);
	in->ra = q ? 2 : 1;
	if ((dq && (in->rd & 1)) || (nq && (in->rn & 1)) || (mq && (in->rm & 1)))
		return false;
	return true;
}

static bool pick(struct interp_insn *in, const interp_fn *tab, unsigned size)
{
	if (size > 3 || !tab[size])
		return false;
	in->exec = tab[size];
	return true;
}

/* A7.4.1 */
static bool decode_3same(struct interp_insn *in, uint32_t raw)
{
	unsigned a = raw >> 8 & 15, size = raw >> 20 & 3;
	bool b = raw >> 4 & 1, u = raw >> 24 & 1, q = raw >> 6 & 1;
	if (!set_regs(in, raw, q, q, q, q))
		return false;
	bool no64 = size == 3;
	switch (a) {
	case 0:
		if (b) return pick(in, u ? vqadd_u_t : vqadd_s_t, size);
		return !no64 && pick(in, u ? vhadd_u_t : vhadd_s_t, size);
	case 1:
		if (!b)
			return !no64 && pick(in, u ? vrhadd_u_t : vrhadd_s_t, size);
		{
			static const interp_fn logic[2][4] = {
				{ vand, vbic, vorr, vorn }, { veor, vbsl, vbit, vbif },
			};
			in->exec = logic[u][size];
		}
		return true;
	case 2:
		if (b) return pick(in, u ? vqsub_u_t : vqsub_s_t, size);
		return !no64 && pick(in, u ? vhsub_u_t : vhsub_s_t, size);
	case 3:
		if (no64) return false;
		if (b) return pick(in, u ? vcge_u_t : vcge_s_t, size);
		return pick(in, u ? vcgt_u_t : vcgt_s_t, size);
	case 4: case 5: { /* VSHL/VRSHL/VQSHL/VQRSHL (register): value Vm, shift Vn */
		uint8_t t = in->rn;
		in->rn = in->rm;
		in->rm = t;
		if (a == 4 && b) return pick(in, u ? vqshl_u_t : vqshl_s_t, size);
		if (b) return pick(in, u ? vqrshl_u_t : vqrshl_s_t, size);
		if (a == 4) return pick(in, u ? vshl_u_t : vshl_s_t, size);
		return pick(in, u ? vrshl_u_t : vrshl_s_t, size);
	}
	case 6:
		if (no64) return false;
		if (b) return pick(in, u ? vmin_u_t : vmin_s_t, size);
		return pick(in, u ? vmax_u_t : vmax_s_t, size);
	case 7:
		if (no64) return false;
		if (b) return pick(in, u ? vaba_u_t : vaba_s_t, size);
		return pick(in, u ? vabd_u_t : vabd_s_t, size);
	case 8:
		if (!b) return pick(in, u ? vsub_t : vadd_t, size);
		if (no64) return false;
		return pick(in, u ? vceq_t : vtst_t, size);
	case 9:
		if (no64) return false;
		if (!b) return pick(in, u ? vmls_t : vmla_t, size);
		if (u) {
			if (size != 0) return false;
			in->exec = vmul_p_t[0];
			return true;
		}
		return pick(in, vmul_t, size);
	case 10:
		if (q || no64) return false;
		if (b) return pick(in, u ? vpmin_u_t : vpmin_s_t, size);
		return pick(in, u ? vpmax_u_t : vpmax_s_t, size);
	case 11:
		if (!b) /* VQDMULH/VQRDMULH: .S16 and .S32 only (the tables) */
			return pick(in, u ? vqrdmulh_t : vqdmulh_t, size);
		if (u || q) return false;
		return pick(in, vpadd_t, size);
	default:
		break;
	}
	/* floating point: size<0> is sz (must be 0), size<1> selects */
	if (size & 1)
		return false;
	bool hi = size >> 1;
	switch (a) {
	case 12:
		if (!b || u) return false;
		in->exec = hi ? vfms_f : vfma_f;
		return true;
	case 13:
		if (!b) {
			if (!u) in->exec = hi ? vsub_f : vadd_f;
			else if (!hi) {
				if (q) return false;
				in->exec = vpadd_f;
			} else in->exec = vabd_f;
			return true;
		}
		if (!u) in->exec = hi ? vmls_f : vmla_f;
		else if (!hi) in->exec = vmul_f;
		else return false;
		return true;
	case 14:
		if (!b) {
			if (!u) { if (hi) return false; in->exec = vceq_f; }
			else in->exec = hi ? vcgt_f : vcge_f;
			return true;
		}
		if (!u) return false;
		in->exec = hi ? vacgt_f : vacge_f;
		return true;
	case 15:
		if (!b) {
			if (!u) in->exec = hi ? vmin_f : vmax_f;
			else {
				if (q) return false;
				in->exec = hi ? vpmin_f : vpmax_f;
			}
			return true;
		}
		if (u) return false;
		in->exec = hi ? vrsqrts_f : vrecps_f;
		return true;
	}
	return false;
}

/* A7.4.6: AdvSIMDExpandImm into the 32-bit pattern (64-bit for i64). */
static bool decode_modimm(struct interp_insn *in, uint32_t raw)
{
	unsigned cmode = raw >> 8 & 15;
	bool op = raw >> 5 & 1, q = raw >> 6 & 1;
	uint32_t imm8 = (raw >> 17 & 0x80) | (raw >> 12 & 0x70) | (raw & 15);
	uint32_t v;
	in->rd = (uint8_t)reg_d(raw);
	in->ra = q ? 2 : 1;
	if (q && (in->rd & 1))
		return false;
	switch (cmode >> 1) {
	case 0: v = imm8; break;
	case 1: v = imm8 << 8; break;
	case 2: v = imm8 << 16; break;
	case 3: v = imm8 << 24; break;
	case 4: v = imm8 * 0x00010001u; break;
	case 5: v = (imm8 << 8) * 0x00010001u; break;
	case 6: v = (cmode & 1) ? (imm8 << 16 | 0xffff) : (imm8 << 8 | 0xff); break;
	default:
		if (!(cmode & 1)) {
			if (op) { /* VMOV.I64 */
				in->imm = imm8;
				in->exec = vmov_imm64;
				return true;
			}
			v = imm8 * 0x01010101u;
		} else {
			if (op)
				return false;
			/* VMOV.F32: aBbbbbbc defgh000 0...: sign, exp, frac */
			v = (imm8 >> 7) << 31 | (uint32_t)!(imm8 >> 6 & 1) << 30 |
			    ((imm8 >> 6 & 1) ? 0x1fu << 25 : 0) | (imm8 & 0x3f) << 19;
		}
		in->imm = v;
		in->exec = vmov_imm;
		return true;
	}
	/* cmode 0xx1 / 10x1: VORR/VBIC; otherwise VMOV/VMVN */
	bool orr_bic = (cmode & 1) && cmode < 12;
	if (orr_bic) {
		in->imm = v;
		in->exec = op ? vbic_imm : vorr_imm;
		return true;
	}
	in->imm = op ? ~v : v;
	in->exec = vmov_imm;
	return true;
}

/* A7.4.4 */
static bool decode_shift(struct interp_insn *in, uint32_t raw)
{
	unsigned imm6 = raw >> 16 & 63, a = raw >> 8 & 15, size;
	bool l = raw >> 7 & 1, u = raw >> 24 & 1, q = raw >> 6 & 1, b = raw >> 6 & 1;
	if (l)
		size = 3;
	else if (imm6 & 32)
		size = 2;
	else if (imm6 & 16)
		size = 1;
	else
		size = 0;
	unsigned es = 8u << size;
	unsigned rshift = (l ? 64 : 2 * es) - imm6, lshift = l ? imm6 : imm6 - es;
	if (a >= 8) { /* narrowing, long, conversions: not the L=1 encodings */
		if (l)
			return false;
		if (a == 8 || a == 9) { /* Dd <- Qm; imm6 gives the narrow size */
			if (!set_regs(in, raw, false, false, false, true))
				return false;
			in->rn = in->rm;
			in->shift_imm = (uint8_t)rshift;
			const interp_fn *t;
			if (a == 8 && !u) t = b ? vrshrn_t : vshrn_t;
			else if (a == 8) t = b ? vqrshrun_t : vqshrun_t;
			else if (!u) t = b ? vqrshrn_s_t : vqshrn_s_t;
			else t = b ? vqrshrn_u_t : vqshrn_u_t;
			return pick(in, t, size);
		}
		if (a == 10) { /* VSHLL/VMOVL: Qd <- Dm */
			if (b || !set_regs(in, raw, true, true, false, false))
				return false;
			in->rn = in->rm;
			in->shift_imm = (uint8_t)lshift;
			in->flags = u;
			return pick(in, lshift ? vshll_t : vmovl_t, size);
		}
		if (a >= 14) { /* VCVT fixed-point: size must be 32 */
			if (!(imm6 & 32) || !set_regs(in, raw, q, q, false, q))
				return false;
			in->shift_imm = (uint8_t)(64 - imm6);
			bool to_fixed = a & 1;
			if (to_fixed)
				in->exec = u ? vcvt_ux_f : vcvt_sx_f;
			else
				in->exec = u ? vcvt_f_ux : vcvt_f_sx;
			return true;
		}
		return false;
	}
	if (!set_regs(in, raw, q, q, false, q))
		return false;
	in->rn = in->rm;
	switch (a) {
	case 0: in->shift_imm = (uint8_t)rshift; return pick(in, u ? vshr_u_t : vshr_s_t, size);
	case 1: in->shift_imm = (uint8_t)rshift; return pick(in, u ? vsra_u_t : vsra_s_t, size);
	case 2: in->shift_imm = (uint8_t)rshift; return pick(in, u ? vrshr_u_t : vrshr_s_t, size);
	case 3: in->shift_imm = (uint8_t)rshift; return pick(in, u ? vrsra_u_t : vrsra_s_t, size);
	case 4:
		if (!u) return false;
		in->shift_imm = (uint8_t)rshift;
		return pick(in, vsri_t, size);
	case 5:
		in->shift_imm = (uint8_t)lshift;
		return pick(in, u ? vsli_t : vshl_i_t, size);
	case 6:
		in->shift_imm = (uint8_t)lshift;
		return u && pick(in, vqshlu_i_t, size);
	default:
		in->shift_imm = (uint8_t)lshift;
		return pick(in, u ? vqshl_i_u_t : vqshl_i_s_t, size);
	}
}

/* A7.4.2 */
static bool decode_3diff(struct interp_insn *in, uint32_t raw)
{
	unsigned a = raw >> 8 & 15, size = raw >> 20 & 3;
	bool u = raw >> 24 & 1;
	in->flags = u;
	if (a == 4 || a == 6) { /* narrowing high half: Dd <- Qn, Qm */
		if (!set_regs(in, raw, false, false, true, true) || size == 3)
			return false;
		/* the elements narrow to `size`, from sources of size + 1 */
		if (a == 4) return pick(in, u ? vraddhn_t : vaddhn_t, size);
		return pick(in, u ? vrsubhn_t : vsubhn_t, size);
	}
	bool wide_n = a == 1 || a == 3;
	if (!set_regs(in, raw, true, true, wide_n, false))
		return false;
	switch (a) {
	case 0: return pick(in, vaddl_t, size);
	case 1: return pick(in, vaddw_t, size);
	case 2: return pick(in, vsubl_t, size);
	case 3: return pick(in, vsubw_t, size);
	case 5: return pick(in, vabal_t, size);
	case 7: return pick(in, vabdl_t, size);
	case 8: return pick(in, vmlal_t, size);
	case 10: return pick(in, vmlsl_t, size);
	case 12: return pick(in, vmull_t, size);
	case 14:
		if (u || size != 0) return false;
		in->exec = vmull_p8;
		return true;
	/* VQDMLAL/VQDMLSL/VQDMULL: signed (U = 0), .S16 and .S32 only */
	case 9: return !u && pick(in, vqdmlal_t, size);
	case 11: return !u && pick(in, vqdmlsl_t, size);
	case 13: return !u && pick(in, vqdmull_t, size);
	default: return false;
	}
}

/* A7.4.3: by scalar. Bit 24 is Q for the same-length forms, U for the
 * long ones (Qd <- Dn, Dm[x]); the doubling long forms need U = 0. */
static bool decode_scalar(struct interp_insn *in, uint32_t raw)
{
	unsigned a = raw >> 8 & 15, size = raw >> 20 & 3;
	bool bit24 = raw >> 24 & 1;
	bool lng = a < 12 && (a & 2);
	if (lng) {
		if (!set_regs(in, raw, true, true, false, false))
			return false;
		in->flags = bit24; /* U */
	} else if (!set_regs(in, raw, bit24, bit24, bit24, false)) {
		return false;
	}
	unsigned vm = raw & 15, m = raw >> 5 & 1;
	if (size == 1) { /* Dm = Vm<2:0>, index M:Vm<3> */
		in->rm = (uint8_t)(vm & 7);
		in->shift_imm = (uint8_t)((m << 1 | vm >> 3) * 16);
	} else if (size == 2) { /* Dm = Vm, index M */
		in->rm = (uint8_t)vm;
		in->shift_imm = (uint8_t)(m * 32);
	} else {
		return false;
	}
	bool f = a & 1;
	switch (a) {
	case 0: case 1: /* VMLA */
		if (f) { if (size != 2) return false; in->exec = vmla_fsc; }
		else in->exec = size == 1 ? vmla_sc16 : vmla_sc32;
		return true;
	case 4: case 5: /* VMLS */
		if (f) { if (size != 2) return false; in->exec = vmls_fsc; }
		else in->exec = size == 1 ? vmls_sc16 : vmls_sc32;
		return true;
	case 8: case 9: /* VMUL */
		if (f) { if (size != 2) return false; in->exec = vmul_fsc; }
		else in->exec = size == 1 ? vmul_sc16 : vmul_sc32;
		return true;
	case 2: return pick(in, vmlal_sc_t, size);
	case 6: return pick(in, vmlsl_sc_t, size);
	case 10: return pick(in, vmull_sc_t, size);
	case 3: return !bit24 && pick(in, vqdmlal_sc_t, size);
	case 7: return !bit24 && pick(in, vqdmlsl_sc_t, size);
	case 11: return !bit24 && pick(in, vqdmull_sc_t, size);
	case 12: in->exec = size == 1 ? vqdmulh_sc16 : vqdmulh_sc32; return true;
	case 13: in->exec = size == 1 ? vqrdmulh_sc16 : vqrdmulh_sc32; return true;
	default:
		return false; /* VQRDMLAH/VQRDMLSH: ARMv8.1 */
	}
}

/* A7.4.5 */
static bool decode_2misc(struct interp_insn *in, uint32_t raw)
{
	unsigned size = raw >> 18 & 3, a = raw >> 16 & 3, b = raw >> 6 & 31;
	bool q = raw >> 6 & 1;
	unsigned es = 8u << size;
	/* narrowing, VSHLL and half-precision forms: bit 6 is not Q */
	if (a == 2 && (b >> 1) >= 4) {
		set_regs(in, raw, false, false, false, false);
		in->rn = in->rm;
	} else {
		if (!set_regs(in, raw, q, q, false, q))
			return false;
		in->rn = in->rm;
	}
	switch (a) {
	case 0:
		switch (b >> 1) {
		case 0: case 1: case 2: { /* VREV64/32/16 */
			unsigned gs = 64u >> (b >> 1);
			if (es >= gs)
				return false;
			in->flags = (uint8_t)es;
			in->shift_imm = (uint8_t)__builtin_ctz(gs);
			in->exec = vrev;
			return true;
		}
		case 4: case 5: case 12: case 13: /* VPADDL/VPADAL */
			if (size == 3) return false;
			in->flags = (uint8_t)((b >> 1 & 1) | (b >> 4 & 1) << 1);
			in->shift_imm = (uint8_t)es;
			in->exec = vpaddl;
			return true;
		case 8: return size != 3 && pick(in, vcls_t, size);
		case 9: return size != 3 && pick(in, vclz_t, size);
		case 10: if (size) return false; in->exec = vcnt_t[0]; return true;
		case 11: if (size) return false; in->exec = vmvn; return true;
		case 14: return size != 3 && pick(in, vqabs_t, size);
		case 15: return size != 3 && pick(in, vqneg_t, size);
		default: return false;
		}
	case 1: {
		bool fl = b >> 4 & 1;
		if (size == 3 || (fl && size != 2))
			return false;
		switch (b >> 1 & 7) {
		case 0: if (fl) in->exec = vcgt0_f; else return pick(in, vcgt0_t, size); return true;
		case 1: if (fl) in->exec = vcge0_f; else return pick(in, vcge0_t, size); return true;
		case 2: if (fl) in->exec = vceq0_f; else return pick(in, vceq0_t, size); return true;
		case 3: if (fl) in->exec = vcle0_f; else return pick(in, vcle0_t, size); return true;
		case 4: if (fl) in->exec = vclt0_f; else return pick(in, vclt0_t, size); return true;
		case 6: if (fl) in->exec = vabs_f; else return pick(in, vabs_t, size); return true;
		case 7: if (fl) in->exec = vneg_f; else return pick(in, vneg_t, size); return true;
		default: return false;
		}
	}
	case 2:
		switch (b >> 1) {
		case 0: if (size) return false; in->flags = 8; in->exec = vswp; return true;
		case 1: case 2: case 3:
			if (size == 3 || (!q && (b >> 1) != 1 && size == 2))
				return false; /* VUZP/VZIP.32 on D is UNDEFINED */
			in->flags = (uint8_t)es;
			in->exec = (b >> 1) == 1 ? vtrn : (b >> 1) == 2 ? vuzp : vzip;
			return true;
		case 4: case 5: { /* VMOVN, VQMOVUN, VQMOVN: Dd <- Qm */
			if (size == 3 || (in->rm & 1))
				return false;
			unsigned op = b & 3;
			if (op == 0) return pick(in, vmovn_t, size);
			if (op == 1) return pick(in, vqmovun_t, size);
			if (op == 2) return pick(in, vqmovn_s_t, size);
			return pick(in, vqmovn_u_t, size);
		}
		case 6: /* VSHLL (maximum shift): Qd <- Dm */
			if (b & 1 || size == 3)
				return false;
			if (in->rd & 1)
				return false;
			in->ra = 2;
			in->flags = 0;
			in->shift_imm = (uint8_t)es;
			return pick(in, vshll_t, size);
		case 12: /* VCVT.F16.F32 Dd, Qm */
			if (size != 1 || (b & 1) || (in->rm & 1)) return false;
			in->exec = vcvt_f16_f32;
			return true;
		case 14: /* VCVT.F32.F16 Qd, Dm */
			if (size != 1 || (b & 1) || (in->rd & 1)) return false;
			in->exec = vcvt_f32_f16;
			return true;
		default: return false;
		}
	default: /* a == 3 */
		if (size != 2)
			return false;
		if ((b & 0x1a) == 0x10) { /* 10x0x VRECPE: bit 8 = F */
			in->exec = (b & 4) ? vrecpe_f : vrecpe_u;
			return true;
		}
		if ((b & 0x1a) == 0x12) { /* 10x1x VRSQRTE */
			in->exec = (b & 4) ? vrsqrte_f : vrsqrte_u;
			return true;
		}
		if ((b & 0x18) == 0x18) { /* 11xxx VCVT: bits 8:7 op */
			static const interp_fn cv[4] = { vcvt_f_s, vcvt_f_u, vcvt_s_f, vcvt_u_f };
			in->exec = cv[b >> 1 & 3];
			return true;
		}
		return false;
	}
}

static bool decode_vext(struct interp_insn *in, uint32_t raw)
{
	bool q = raw >> 6 & 1;
	unsigned imm4 = raw >> 8 & 15;
	if (!set_regs(in, raw, q, q, q, q) || (!q && imm4 > 7))
		return false;
	in->shift_imm = (uint8_t)imm4;
	in->exec = vext;
	return true;
}

static bool decode_vtbl(struct interp_insn *in, uint32_t raw)
{
	set_regs(in, raw, false, false, false, false);
	in->ra = (uint8_t)((raw >> 8 & 3) + 1);
	if (in->rn + in->ra > 32)
		return false;
	in->flags = raw >> 6 & 1;
	in->exec = vtbl;
	return true;
}

static bool decode_vdup_scalar(struct interp_insn *in, uint32_t raw)
{
	bool q = raw >> 6 & 1;
	unsigned imm4 = raw >> 16 & 15;
	if (!set_regs(in, raw, q, q, false, false))
		return false;
	if (imm4 & 1) {
		in->flags = 8;
		in->shift_imm = (uint8_t)((imm4 >> 1) * 8);
	} else if (imm4 & 2) {
		in->flags = 16;
		in->shift_imm = (uint8_t)((imm4 >> 2) * 16);
	} else if (imm4 & 4) {
		in->flags = 32;
		in->shift_imm = (uint8_t)((imm4 >> 3) * 32);
	} else {
		return false;
	}
	in->exec = vdup_scalar;
	return true;
}

/* A7.4: the data-processing space, A32 form 1111 001U xxxx. */
static bool decode_neon_dp(struct interp_insn *in, uint32_t raw)
{
	bool u = raw >> 24 & 1;
	if (!(raw >> 23 & 1))
		return decode_3same(in, raw);
	if ((raw & 0x00b80090u) == 0x00800010u)
		return decode_modimm(in, raw);
	if (raw & 0x10)
		return decode_shift(in, raw);
	if ((raw >> 20 & 3) != 3)
		return (raw >> 6 & 1) ? decode_scalar(in, raw) : decode_3diff(in, raw);
	if (!u)
		return decode_vext(in, raw);
	if (!(raw >> 11 & 1))
		return decode_2misc(in, raw);
	if ((raw >> 10 & 3) == 2)
		return decode_vtbl(in, raw);
	if ((raw >> 7 & 31) == 0x18)
		return decode_vdup_scalar(in, raw);
	return false;
}

/* T32 111U 1111 xxxx -> A32 1111 001U xxxx */
static bool decode_t32_neon_dp(struct interp_insn *in, uint32_t raw)
{
	uint32_t a = 0xf2000000u | (raw & 0x00ffffffu) | (raw >> 28 & 1) << 24;
	return decode_neon_dp(in, a);
}

/* T32 1111 1001 xxx0 -> A32 1111 0100 xxx0 */
static bool decode_t32_neon_ldst(struct interp_insn *in, uint32_t raw)
{
	return neon_decode_ldst(in, 0xf4000000u | (raw & 0x00ffffffu));
}

const struct interp_pattern a32_neon_patterns[] = {
	{ 0xfe000000u, 0xf2000000u, "advanced simd data processing", decode_neon_dp },
	{ 0xff100000u, 0xf4000000u, "advanced simd load/store", neon_decode_ldst },
};
const unsigned a32_neon_npatterns = sizeof(a32_neon_patterns) / sizeof(a32_neon_patterns[0]);

const struct interp_pattern t32_neon_patterns[] = {
	{ 0xef000000u, 0xef000000u, "advanced simd data processing", decode_t32_neon_dp },
	{ 0xff100000u, 0xf9000000u, "advanced simd load/store", decode_t32_neon_ldst },
};
const unsigned t32_neon_npatterns = sizeof(t32_neon_patterns) / sizeof(t32_neon_patterns[0]);
