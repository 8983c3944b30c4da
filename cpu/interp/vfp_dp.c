/*
 * VFP data-processing instructions (ARM ARM A7.5, table A7-16): the
 * encodings are the same in A32 and T32 below the top nibble, so one
 * decoder serves both tables (vfp.c).
 *
 * Slot fields: rd, rn, rm = register numbers (S: Vx:x, D: x:Vx, 0-31),
 * imm = expanded immediate (VMOV) or fraction bits (fixed-point VCVT),
 * flags: VFP_F_* below.
 */
#include "cpu/interp/vfp_internal.h"
#include "cpu/interp/vfp_dp.h"

#define DP_CHECK(ip, in)                                                       \
	do {                                                                   \
		if (!vfp_dp_enabled(ip))                                       \
			return interp_undef(ip, in);                           \
	} while (0)

#define CV_CHECK(ip, in)                                                       \
	do {                                                                   \
		if (!vfp_enabled(ip))                                          \
			return interp_undef(ip, in);                           \
	} while (0)

/* Three-operand arithmetic, A8.8.x: d = f(d, n, m). */
#define VFP3(name, EXPR32, EXPR64)                                             \
static const struct interp_insn *name##_s(struct interp *ip,                   \
					  const struct interp_insn *in)        \
{                                                                              \
	DP_CHECK(ip, in);                                                      \
	struct arm_cpu *c = ip->cpu;                                           \
	uint32_t *f = &c->vfp.fpscr, ctl = *f;                                 \
	uint32_t d = vfp_s(c, in->rd), n = vfp_s(c, in->rn), m = vfp_s(c, in->rm); \
	(void)d;                                                               \
	vfp_set_s(c, in->rd, EXPR32);                                          \
	return interp_next(in);                                                \
}                                                                              \
static const struct interp_insn *name##_d(struct interp *ip,                   \
					  const struct interp_insn *in)        \
{                                                                              \
	DP_CHECK(ip, in);                                                      \
	struct arm_cpu *c = ip->cpu;                                           \
	uint32_t *f = &c->vfp.fpscr, ctl = *f;                                 \
	uint64_t d = c->vfp.d[in->rd], n = c->vfp.d[in->rn], m = c->vfp.d[in->rm]; \
	(void)d;                                                               \
	c->vfp.d[in->rd] = EXPR64;                                             \
	return interp_next(in);                                                \
}

/* VMLA/VMLS/VNMLA/VNMLS: product rounded, then the sum (not fused). */
VFP3(vmla, fp32_add(d, fp32_mul(n, m, ctl, f), ctl, f),
	   fp64_add(d, fp64_mul(n, m, ctl, f), ctl, f))
VFP3(vmls, fp32_add(d, fp32_neg(fp32_mul(n, m, ctl, f)), ctl, f),
	   fp64_add(d, fp64_neg(fp64_mul(n, m, ctl, f)), ctl, f))
VFP3(vnmla, fp32_add(fp32_neg(d), fp32_neg(fp32_mul(n, m, ctl, f)), ctl, f),
	    fp64_add(fp64_neg(d), fp64_neg(fp64_mul(n, m, ctl, f)), ctl, f))
VFP3(vnmls, fp32_add(fp32_neg(d), fp32_mul(n, m, ctl, f), ctl, f),
	    fp64_add(fp64_neg(d), fp64_mul(n, m, ctl, f), ctl, f))
VFP3(vmul, fp32_mul(n, m, ctl, f), fp64_mul(n, m, ctl, f))
VFP3(vnmul, fp32_neg(fp32_mul(n, m, ctl, f)), fp64_neg(fp64_mul(n, m, ctl, f)))
VFP3(vadd, fp32_add(n, m, ctl, f), fp64_add(n, m, ctl, f))
VFP3(vsub, fp32_sub(n, m, ctl, f), fp64_sub(n, m, ctl, f))
VFP3(vdiv, fp32_div(n, m, ctl, f), fp64_div(n, m, ctl, f))
/* Fused (A8.8.x VFMA/VFMS, VFNMA/VFNMS): operands negated first. */
VFP3(vfma, fp32_muladd(d, n, m, ctl, f), fp64_muladd(d, n, m, ctl, f))
VFP3(vfms, fp32_muladd(d, fp32_neg(n), m, ctl, f),
	   fp64_muladd(d, fp64_neg(n), m, ctl, f))
VFP3(vfnma, fp32_muladd(fp32_neg(d), fp32_neg(n), m, ctl, f),
	    fp64_muladd(fp64_neg(d), fp64_neg(n), m, ctl, f))
VFP3(vfnms, fp32_muladd(fp32_neg(d), n, m, ctl, f),
	    fp64_muladd(fp64_neg(d), n, m, ctl, f))

/* Two-operand: d = f(m). VABS/VNEG are sign-bit operations (no NaN
 * processing, no flush: FPAbs/FPNeg). */
#define VFP2(name, EXPR32, EXPR64)                                             \
static const struct interp_insn *name##_s(struct interp *ip,                   \
					  const struct interp_insn *in)        \
{                                                                              \
	DP_CHECK(ip, in);                                                      \
	struct arm_cpu *c = ip->cpu;                                           \
	uint32_t *f = &c->vfp.fpscr, ctl = *f;                                 \
	uint32_t m = vfp_s(c, in->rm);                                         \
	(void)f; (void)ctl;                                                    \
	vfp_set_s(c, in->rd, EXPR32);                                          \
	return interp_next(in);                                                \
}                                                                              \
static const struct interp_insn *name##_d(struct interp *ip,                   \
					  const struct interp_insn *in)        \
{                                                                              \
	DP_CHECK(ip, in);                                                      \
	struct arm_cpu *c = ip->cpu;                                           \
	uint32_t *f = &c->vfp.fpscr, ctl = *f;                                 \
	uint64_t m = c->vfp.d[in->rm];                                         \
	(void)f; (void)ctl;                                                    \
	c->vfp.d[in->rd] = EXPR64;                                             \
	return interp_next(in);                                                \
}

VFP2(vmov_reg, m, m)
VFP2(vabs, fp32_abs(m), fp64_abs(m))
VFP2(vneg, fp32_neg(m), fp64_neg(m))
VFP2(vsqrt, fp32_sqrt(m, ctl, f), fp64_sqrt(m, ctl, f))

/* VMOV (immediate), A8.8.339: imm holds VFPExpandImm (the high word for
 * a double, whose low word is zero). */
static const struct interp_insn *vmov_imm_s(struct interp *ip,
					    const struct interp_insn *in)
{
	DP_CHECK(ip, in);
	vfp_set_s(ip->cpu, in->rd, in->imm);
	return interp_next(in);
}

static const struct interp_insn *vmov_imm_d(struct interp *ip,
					    const struct interp_insn *in)
{
	DP_CHECK(ip, in);
	ip->cpu->vfp.d[in->rd] = (uint64_t)in->imm << 32;
	return interp_next(in);
}

/* VCMP/VCMPE (A8.8.x): FPSCR.NZCV; flags bit 0 = E, rm = 32 compares
 * with +0. */
#define F_CMP_E    1u
#define F_CMP_ZERO 2u

static const struct interp_insn *vcmp_s(struct interp *ip, const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t m = (in->flags & F_CMP_ZERO) ? 0 : vfp_s(c, in->rm);
	uint32_t nzcv = fp32_compare(vfp_s(c, in->rd), m, in->flags & F_CMP_E,
				     c->vfp.fpscr, &c->vfp.fpscr);
	c->vfp.fpscr = (c->vfp.fpscr & 0x0fffffffu) | nzcv;
	return interp_next(in);
}

static const struct interp_insn *vcmp_d(struct interp *ip, const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t m = (in->flags & F_CMP_ZERO) ? 0 : c->vfp.d[in->rm];
	uint32_t nzcv = fp64_compare(c->vfp.d[in->rd], m, in->flags & F_CMP_E,
				     c->vfp.fpscr, &c->vfp.fpscr);
	c->vfp.fpscr = (c->vfp.fpscr & 0x0fffffffu) | nzcv;
	return interp_next(in);
}

/* ---- conversions ---- */

/* VCVT (between double and single), A8.8.x. */
static const struct interp_insn *vcvt_ds(struct interp *ip, const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	c->vfp.d[in->rd] = fp32_to_fp64(vfp_s(c, in->rm), c->vfp.fpscr, &c->vfp.fpscr);
	return interp_next(in);
}

static const struct interp_insn *vcvt_sd(struct interp *ip, const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	vfp_set_s(c, in->rd, fp64_to_fp32(c->vfp.d[in->rm], c->vfp.fpscr, &c->vfp.fpscr));
	return interp_next(in);
}

/* VCVTB/VCVTT (A8.8.x): flags bit 0 = T (top half). */
#define F_TOP 1u

static const struct interp_insn *vcvt_f32_f16(struct interp *ip,
					      const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t h = vfp_s(c, in->rm) >> ((in->flags & F_TOP) ? 16 : 0) & 0xffff;
	vfp_set_s(c, in->rd, fp16_to_fp32(h, c->vfp.fpscr, &c->vfp.fpscr));
	return interp_next(in);
}

static const struct interp_insn *vcvt_f16_f32(struct interp *ip,
					      const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t h = fp32_to_fp16(vfp_s(c, in->rm), c->vfp.fpscr, &c->vfp.fpscr);
	uint32_t d = vfp_s(c, in->rd);
	if (in->flags & F_TOP)
		d = (d & 0xffffu) | h << 16;
	else
		d = (d & 0xffff0000u) | h;
	vfp_set_s(c, in->rd, d);
	return interp_next(in);
}

/* VCVT/VCVTR between floating-point and integer, and between
 * floating-point and fixed-point (A8.8.x): flags bit 0 = unsigned,
 * bit 1 = round toward zero, bit 2 = 16-bit fixed-point size;
 * imm = fraction bits (0 for integers). */
#define F_CV_U    1u
#define F_CV_RZ   2u
#define F_CV_16   4u
#define F_CV_RN   8u  /* fixed-point to float: round to nearest, as QEMU */

static const struct interp_insn *vcvt_s_to_int(struct interp *ip,
					       const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	vfp_set_s(c, in->rd, fp32_to_fixed(vfp_s(c, in->rm), (in->flags & F_CV_16) ? 16 : 32,
					   in->imm, in->flags & F_CV_U, in->flags & F_CV_RZ,
					   c->vfp.fpscr, &c->vfp.fpscr));
	return interp_next(in);
}

static const struct interp_insn *vcvt_d_to_int(struct interp *ip,
					       const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	vfp_set_s(c, in->rd, fp64_to_fixed(c->vfp.d[in->rm], 32, 0, in->flags & F_CV_U,
					   in->flags & F_CV_RZ, c->vfp.fpscr, &c->vfp.fpscr));
	return interp_next(in);
}

static const struct interp_insn *vcvt_int_to_s(struct interp *ip,
					       const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t ctl = c->vfp.fpscr;
	if (in->flags & F_CV_RN)
		ctl &= ~(3u << FPSCR_RMODE_SHIFT);
	vfp_set_s(c, in->rd, fp32_from_fixed(vfp_s(c, in->rm), (in->flags & F_CV_16) ? 16 : 32,
					     in->imm, in->flags & F_CV_U, ctl, &c->vfp.fpscr));
	return interp_next(in);
}

static const struct interp_insn *vcvt_int_to_d(struct interp *ip,
					       const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	c->vfp.d[in->rd] = fp64_from_fixed(vfp_s(c, in->rm), 32, 0, in->flags & F_CV_U,
					   c->vfp.fpscr, &c->vfp.fpscr);
	return interp_next(in);
}

/* Fixed-point with a double operand: the integer is the low bits of
 * D<d>, written back extended to 64 bits. */
static const struct interp_insn *vcvt_d_to_fixed(struct interp *ip,
						 const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	bool u = in->flags & F_CV_U;
	uint32_t r = fp64_to_fixed(c->vfp.d[in->rd], (in->flags & F_CV_16) ? 16 : 32,
				   in->imm, u, true, c->vfp.fpscr, &c->vfp.fpscr);
	c->vfp.d[in->rd] = u ? (uint64_t)r : (uint64_t)(int64_t)(int32_t)r;
	return interp_next(in);
}

static const struct interp_insn *vcvt_fixed_to_d(struct interp *ip,
						 const struct interp_insn *in)
{
	CV_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	c->vfp.d[in->rd] = fp64_from_fixed((uint32_t)c->vfp.d[in->rd],
					   (in->flags & F_CV_16) ? 16 : 32, in->imm,
					   in->flags & F_CV_U, c->vfp.fpscr, &c->vfp.fpscr);
	return interp_next(in);
}

/* ---- decoding ---- */

/* VFPExpandImm (A7.5.1), the high 32 bits of the value. */
static uint32_t vfp_expand_imm(unsigned imm8, bool dp)
{
	uint32_t sign = (uint32_t)(imm8 >> 7) << 31;
	unsigned b = imm8 >> 6 & 1, cd = imm8 >> 4 & 3, efgh = imm8 & 15;
	if (dp) /* exp: NOT(b) bbbbbbbb cd (11 bits), frac: efgh then zeros */
		return sign | (uint32_t)(!b) << 30 | (b ? 0xffu << 22 : 0) | cd << 20 | efgh << 16;
	/* exp: NOT(b) bbbbb cd (8 bits) */
	return sign | (uint32_t)(!b) << 30 | (b ? 0x1fu << 25 : 0) | cd << 23 | efgh << 19;
}

#define PICK(name) (dp ? name##_d : name##_s)

bool vfp_decode_dp(struct interp_insn *in, uint32_t raw)
{
	bool dp = raw >> 8 & 1;
	unsigned vd = raw >> 12 & 15, vn = raw >> 16 & 15, vm = raw & 15;
	unsigned D = raw >> 22 & 1, N = raw >> 7 & 1, M = raw >> 5 & 1;
	unsigned opc1 = (raw >> 20 & 3) | (raw >> 21 & 4); /* bits 23, 21:20 */
	bool op6 = raw >> 6 & 1;
	in->rd = (uint8_t)(dp ? D << 4 | vd : vd << 1 | D);
	in->rn = (uint8_t)(dp ? N << 4 | vn : vn << 1 | N);
	in->rm = (uint8_t)(dp ? M << 4 | vm : vm << 1 | M);

	switch (opc1) {
	case 0: in->exec = op6 ? PICK(vmls) : PICK(vmla); return true;
	case 1: in->exec = op6 ? PICK(vnmla) : PICK(vnmls); return true;
	case 2: in->exec = op6 ? PICK(vnmul) : PICK(vmul); return true;
	case 3: in->exec = op6 ? PICK(vsub) : PICK(vadd); return true;
	case 4: if (op6) return false;
		in->exec = PICK(vdiv); return true;
	case 5: in->exec = op6 ? PICK(vfnma) : PICK(vfnms); return true;
	case 6: in->exec = op6 ? PICK(vfms) : PICK(vfma); return true;
	default: break;
	}

	/* opc1 = 1x11: "other" (A7.5, table A7-17) */
	if (!op6) { /* VMOV (immediate); bits 7 and 5 must be zero */
		if (raw & 0xa0)
			return false;
		in->imm = vfp_expand_imm((raw >> 12 & 0xf0) | (raw & 15), dp);
		in->exec = PICK(vmov_imm);
		return true;
	}
	unsigned opc2 = vn;
	bool op7 = raw >> 7 & 1;
	/* Conversions whose source or destination is a single whatever sz:
	 * recompute the numbering where A7.5 says so. */
	unsigned sd = vd << 1 | D, sm = vm << 1 | M, dd = D << 4 | vd, dm = M << 4 | vm;
	switch (opc2) {
	case 0: in->exec = op7 ? PICK(vabs) : PICK(vmov_reg); return true;
	case 1: in->exec = op7 ? PICK(vsqrt) : PICK(vneg); return true;
	case 2: case 3: /* VCVTB/VCVTT: half <-> single only in VFPv4 */
		if (dp)
			return false;
		in->flags = op7 ? F_TOP : 0;
		in->exec = (opc2 & 1) ? vcvt_f16_f32 : vcvt_f32_f16;
		return true;
	case 4: case 5:
		if ((opc2 & 1) && (raw & 0x2f)) /* with zero: M, Vm must be 0 */
			return false;
		in->flags = (op7 ? F_CMP_E : 0) | ((opc2 & 1) ? F_CMP_ZERO : 0);
		in->exec = PICK(vcmp);
		return true;
	case 7:
		if (!op7)
			return false;
		if (dp) { /* VCVT.F32.F64 Sd, Dm */
			in->rd = (uint8_t)sd;
			in->rm = (uint8_t)dm;
			in->exec = vcvt_sd;
		} else { /* VCVT.F64.F32 Dd, Sm */
			in->rd = (uint8_t)dd;
			in->rm = (uint8_t)sm;
			in->exec = vcvt_ds;
		}
		return true;
	case 8: /* VCVT.F<sz>.<S|U>32 from Sm; op7 = signed */
		in->rm = (uint8_t)sm;
		in->flags = op7 ? 0 : F_CV_U;
		in->exec = dp ? vcvt_int_to_d : vcvt_int_to_s;
		return true;
	case 12: case 13: /* VCVT{R}.<S|U>32.F<sz> to Sd; opc2 bit 0 = signed */
		in->rd = (uint8_t)sd;
		in->flags = ((opc2 & 1) ? 0 : F_CV_U) | (op7 ? F_CV_RZ : 0);
		in->exec = dp ? vcvt_d_to_int : vcvt_s_to_int;
		return true;
	case 10: case 11: case 14: case 15: { /* fixed-point, in place */
		unsigned size = op7 ? 32 : 16;
		unsigned imm5 = (vm << 1) | M;
		if (imm5 > size) /* negative fraction bits: UNPREDICTABLE */
			return false;
		in->imm = size - imm5;
		in->rm = in->rd;
		/* to fixed: toward zero; from fixed: to nearest (QEMU 7.2 and
		 * the ARMv8 ARM's FPRounding_TIEEVEN) */
		in->flags = ((opc2 & 1) ? F_CV_U : 0) | (size == 16 ? F_CV_16 : 0) |
			    F_CV_RZ | F_CV_RN;
		if (opc2 & 4)
			in->exec = dp ? vcvt_d_to_fixed : vcvt_s_to_int;
		else
			in->exec = dp ? vcvt_fixed_to_d : vcvt_int_to_s;
		return true;
	}
	default:
		return false;
	}
}
