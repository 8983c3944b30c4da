/*
 * ARM floating-point semantics over the host's IEEE arithmetic (see
 * vfp_fp.h). The host computes the correctly rounded value under the
 * guest's rounding mode and reports IEEE flags; this file adds what ARM
 * does differently (ARM ARM A2.7.4-A2.7.9 pseudocode):
 *
 *  - NaN operands never reach the host: FPProcessNaNs picks the first
 *    signalling NaN (quietened, IOC), else the first quiet NaN; FPSCR.DN
 *    turns every NaN result into the default NaN (x86 would return its
 *    own negative default NaN and propagate the first operand instead);
 *  - FPSCR.FZ flushes denormal inputs (IDC) and tiny results (UFC, no IXC);
 *  - tininess is detected before rounding (FPRound), x86 after: a result
 *    that rounded up to the smallest normal is re-examined exactly.
 */
#include <math.h>
#include <string.h>

#include "cpu/interp/vfp_fp.h"

/* ---- the host's floating-point environment ---- */

#if defined(__SSE2__)
#include <xmmintrin.h>

typedef unsigned host_state;

/* MXCSR: all exceptions masked, DAZ/FTZ off, RC from FPSCR.RMode
 * (ARM RN, RP, RM, RZ -> RC 00, 10, 01, 11), flags cleared. */
static inline void host_enter(host_state *s, uint32_t ctl)
{
	static const unsigned rc[4] = { 0x0000, 0x4000, 0x2000, 0x6000 };
	*s = _mm_getcsr();
	_mm_setcsr(0x1f80u | rc[ctl >> FPSCR_RMODE_SHIFT & 3]);
}

/* Restore the host's MXCSR; the IEEE flags raised, as FPSCR bits. */
static inline unsigned host_leave(host_state *s)
{
	unsigned mx = _mm_getcsr();
	_mm_setcsr(*s);
	return (mx & 1) | (mx >> 1 & 0x1e); /* IE; ZE, OE, UE, PE */
}

/* Keep the operation between host_enter and host_leave. */
#define HB(x) __asm__ volatile("" : "+x"(x))

/*
 * While the interpreter runs (fp_run_begin .. fp_run_end), MXCSR holds
 * the guest's FPSCR.RMode with every exception masked, and the IEEE flags
 * of the fast paths accumulate in it; they are merged into FPSCR when the
 * guest reads FPSCR and when interp_run returns. A fast path is taken
 * only where the host's flags are exactly ARM's (see fast_f32_ok below);
 * everything else runs the careful code in a clean environment
 * (CAREFUL), which adds its flags to *fpscr itself.
 */
#define FP_FAST_NONE 0xffu
static _Thread_local unsigned fast_rmode = FP_FAST_NONE; /* RMode in MXCSR */
static _Thread_local unsigned host_saved;                /* the host's MXCSR */
static const unsigned mx_rc[4] = { 0x0000, 0x4000, 0x2000, 0x6000 };

static inline unsigned mx_flags(unsigned mx)
{
	return (mx & 1) | (mx >> 1 & 0x1e); /* IE; ZE, OE, UE, PE */
}

void fp_run_begin(uint32_t fpscr)
{
	if (fast_rmode != FP_FAST_NONE) { /* already running */
		fp_run_mode(fpscr);
		return;
	}
	host_saved = _mm_getcsr();
	fast_rmode = fpscr >> FPSCR_RMODE_SHIFT & 3;
	_mm_setcsr(0x1f80u | mx_rc[fast_rmode]);
}

uint32_t fp_run_flags(void)
{
	if (fast_rmode == FP_FAST_NONE)
		return 0;
	unsigned mx = _mm_getcsr();
	if (!(mx & 0x3f))
		return 0;
	_mm_setcsr(mx & ~0x3fu);
	return mx_flags(mx);
}

void fp_run_mode(uint32_t fpscr)
{
	if (fast_rmode == FP_FAST_NONE)
		return;
	fast_rmode = fpscr >> FPSCR_RMODE_SHIFT & 3;
	_mm_setcsr(0x1f80u | mx_rc[fast_rmode]);
}

uint32_t fp_run_end(void)
{
	if (fast_rmode == FP_FAST_NONE)
		return 0;
	unsigned f = mx_flags(_mm_getcsr());
	_mm_setcsr(host_saved);
	fast_rmode = FP_FAST_NONE;
	return f;
}

/* The fast paths apply: running, and `ctl` rounds as MXCSR does. */
static inline bool fast_ok(uint32_t ctl)
{
	return (ctl >> FPSCR_RMODE_SHIFT & 3) == fast_rmode;
}

/* Careful code while running: a clean environment (round to nearest, no
 * flags), the guest's MXCSR (mode, accumulated flags) back afterwards. */
static inline unsigned careful_begin(void)
{
	if (fast_rmode == FP_FAST_NONE)
		return 0;
	unsigned mx = _mm_getcsr();
	_mm_setcsr(0x1f80u);
	return mx;
}

static inline void careful_end(unsigned mx)
{
	if (mx)
		_mm_setcsr(mx);
}
#define FP_FAST 1
#else
#include <fenv.h>

typedef fenv_t host_state;

static inline void host_enter(host_state *s, uint32_t ctl)
{
	static const int modes[4] = {
#if defined(FE_UPWARD) && defined(FE_DOWNWARD) && defined(FE_TOWARDZERO)
		FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO
#else
		0, 0, 0, 0
#endif
	};
	fegetenv(s);
	fesetround(modes[ctl >> FPSCR_RMODE_SHIFT & 3]);
	feclearexcept(FE_ALL_EXCEPT);
}

static inline unsigned host_leave(host_state *s)
{
	unsigned r = 0;
	int e = fetestexcept(FE_ALL_EXCEPT);
#ifdef FE_INVALID
	if (e & FE_INVALID) r |= FPSCR_IOC;
#endif
#ifdef FE_DIVBYZERO
	if (e & FE_DIVBYZERO) r |= FPSCR_DZC;
#endif
#ifdef FE_OVERFLOW
	if (e & FE_OVERFLOW) r |= FPSCR_OFC;
#endif
#ifdef FE_UNDERFLOW
	if (e & FE_UNDERFLOW) r |= FPSCR_UFC;
#endif
#ifdef FE_INEXACT
	if (e & FE_INEXACT) r |= FPSCR_IXC;
#endif
	(void)e;
	fesetenv(s);
	return r;
}

#define HB(x) __asm__ volatile("" : "+m"(x))

void fp_run_begin(uint32_t fpscr) { (void)fpscr; }
uint32_t fp_run_flags(void) { return 0; }
void fp_run_mode(uint32_t fpscr) { (void)fpscr; }
uint32_t fp_run_end(void) { return 0; }
static inline bool fast_ok(uint32_t ctl) { (void)ctl; return false; }
static inline unsigned careful_begin(void) { return 0; }
static inline void careful_end(unsigned mx) { (void)mx; }
#define FP_FAST 0
#endif

/* `call` (an expression) in the careful environment. */
#define CAREFUL(type, call)                                                    \
	do {                                                                   \
		unsigned saved_mx_ = careful_begin();                          \
		type r_ = (call);                                              \
		careful_end(saved_mx_);                                        \
		return r_;                                                     \
	} while (0)

/* ---- bit patterns ---- */

#define F32_SIGN 0x80000000u
#define F32_DNAN 0x7fc00000u
#define F32_QBIT 0x00400000u
#define F32_MIN_NORMAL 0x00800000u
#define F64_SIGN (1ull << 63)
#define F64_DNAN 0x7ff8000000000000ull
#define F64_QBIT (1ull << 51)
#define F64_MIN_NORMAL (1ull << 52)

static inline float f32_h(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static inline uint32_t f32_b(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static inline double f64_h(uint64_t b) { double f; memcpy(&f, &b, 8); return f; }
static inline uint64_t f64_b(double f) { uint64_t b; memcpy(&b, &f, 8); return b; }

static inline bool f32_isnan(uint32_t a) { return (a & ~F32_SIGN) > 0x7f800000u; }
static inline bool f32_issnan(uint32_t a) { return f32_isnan(a) && !(a & F32_QBIT); }
static inline bool f32_isinf(uint32_t a) { return (a & ~F32_SIGN) == 0x7f800000u; }
static inline bool f32_iszero(uint32_t a) { return !(a & ~F32_SIGN); }
static inline bool f64_isnan(uint64_t a) { return (a & ~F64_SIGN) > 0x7ff0000000000000ull; }
static inline bool f64_issnan(uint64_t a) { return f64_isnan(a) && !(a & F64_QBIT); }
static inline bool f64_isinf(uint64_t a) { return (a & ~F64_SIGN) == 0x7ff0000000000000ull; }
static inline bool f64_iszero(uint64_t a) { return !(a & ~F64_SIGN); }

/*
 * Fast paths (FP_FAST): the host's IEEE flags are ARM's, except
 *  - NaN results (ARM's default NaN, FPProcessNaNs): NaN operands never
 *    take a fast path, a NaN result falls back to the careful code;
 *  - tininess, detected before rounding by ARM and after by the host:
 *    they differ only for a result that rounded to the smallest normal,
 *    which falls back;
 *  - FPSCR.FZ: a tiny result is flushed with UFC and without IXC, so with
 *    FZ a fast path is taken only when the operands' exponents rule a
 *    tiny result out (the *_fz_ok tests: a sum of multiples of 2^-124 (or
 *    2^-1020), a product or quotient of at least 2^-125 (2^-1021)).
 * Where a fast attempt falls back, the flags it left in MXCSR (IE for a
 * NaN result; PE without FZ) are ones ARM raises for that operation too.
 */
static inline unsigned f32_exp(uint32_t a) { return a >> 23 & 0xff; }
static inline unsigned f64_exp(uint64_t a) { return (unsigned)(a >> 52) & 0x7ff; }

static inline bool f32_fast_result(uint32_t r)
{
	return (r & ~F32_SIGN) <= 0x7f800000u && (r & ~F32_SIGN) != F32_MIN_NORMAL;
}

static inline bool f64_fast_result(uint64_t r)
{
	return (r & ~F64_SIGN) <= 0x7ff0000000000000ull && (r & ~F64_SIGN) != F64_MIN_NORMAL;
}

/* Zero or infinite (after FZ: no denormal is left). */
static inline bool f32_zi(uint32_t a) { return !(a & 0x7f800000u) || f32_exp(a) == 0xff; }
static inline bool f64_zi(uint64_t a) { return !f64_exp(a) || f64_exp(a) == 0x7ff; }

static inline bool f32_add_fz_ok(uint32_t a, uint32_t b)
{
	return (f32_iszero(a) || f32_exp(a) >= 26) && (f32_iszero(b) || f32_exp(b) >= 26);
}
static inline bool f32_mul_fz_ok(uint32_t a, uint32_t b)
{
	return f32_zi(a) || f32_zi(b) || f32_exp(a) + f32_exp(b) >= 129;
}
static inline bool f32_div_fz_ok(uint32_t a, uint32_t b)
{
	return f32_zi(a) || f32_zi(b) || f32_exp(a) + 124 >= f32_exp(b);
}
static inline bool f64_add_fz_ok(uint64_t a, uint64_t b)
{
	return (f64_iszero(a) || f64_exp(a) >= 55) && (f64_iszero(b) || f64_exp(b) >= 55);
}
static inline bool f64_mul_fz_ok(uint64_t a, uint64_t b)
{
	return f64_zi(a) || f64_zi(b) || f64_exp(a) + f64_exp(b) >= 1025;
}
static inline bool f64_div_fz_ok(uint64_t a, uint64_t b)
{
	return f64_zi(a) || f64_zi(b) || f64_exp(a) + 1020 >= f64_exp(b);
}

/* FPUnpack with FPSCR.FZ: a denormal input is a zero of its sign (IDC). */
static inline uint32_t f32_in(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	if ((ctl & FPSCR_FZ) && !(a & 0x7f800000u) && (a & 0x007fffffu)) {
		*fpscr |= FPSCR_IDC;
		return a & F32_SIGN;
	}
	return a;
}

static inline uint64_t f64_in(uint64_t a, uint32_t ctl, uint32_t *fpscr)
{
	if ((ctl & FPSCR_FZ) && !(a & 0x7ff0000000000000ull) && (a & 0x000fffffffffffffull)) {
		*fpscr |= FPSCR_IDC;
		return a & F64_SIGN;
	}
	return a;
}

/* FPProcessNaN(s): the NaN result of an operation with a NaN operand. */
static uint32_t f32_nan1(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	if (f32_issnan(a))
		*fpscr |= FPSCR_IOC;
	return (ctl & FPSCR_DN) ? F32_DNAN : a | F32_QBIT;
}

static uint32_t f32_nan2(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	uint32_t r;
	if (f32_issnan(a))
		r = a;
	else if (f32_issnan(b))
		r = b;
	else
		r = f32_isnan(a) ? a : b;
	return f32_nan1(r, ctl, fpscr);
}

static uint64_t f64_nan1(uint64_t a, uint32_t ctl, uint32_t *fpscr)
{
	if (f64_issnan(a))
		*fpscr |= FPSCR_IOC;
	return (ctl & FPSCR_DN) ? F64_DNAN : a | F64_QBIT;
}

static uint64_t f64_nan2(uint64_t a, uint64_t b, uint32_t ctl, uint32_t *fpscr)
{
	uint64_t r;
	if (f64_issnan(a))
		r = a;
	else if (f64_issnan(b))
		r = b;
	else
		r = f64_isnan(a) ? a : b;
	return f64_nan1(r, ctl, fpscr);
}

/* The host rounded to the smallest normal and was inexact: the one case
 * where tininess before and after rounding can disagree. */
static inline bool f32_at_min(uint32_t r, unsigned hf)
{
	return (hf & FPSCR_IXC) && (r & ~F32_SIGN) == F32_MIN_NORMAL;
}

static inline bool f64_at_min(uint64_t r, unsigned hf)
{
	return (hf & FPSCR_IXC) && (r & ~F64_SIGN) == F64_MIN_NORMAL;
}

/*
 * FPRound's exceptional parts for a host result `r` with host flags `hf`;
 * `below`: the exact result was below the smallest normal though r is not.
 */
static uint32_t f32_finish(uint32_t r, unsigned hf, bool below, uint32_t ctl,
			   uint32_t *fpscr)
{
	if (f32_isnan(r)) { /* invalid operation on non-NaN operands */
		*fpscr |= hf;
		return F32_DNAN;
	}
	/* Flushed: a denormal, or tiny before rounding (the host's UFC means
	 * tiny after rounding, which implies it, even when it rounded to 0). */
	if ((ctl & FPSCR_FZ) && (below || (hf & FPSCR_UFC) ||
				 (!(r & 0x7f800000u) && (r & 0x007fffffu)))) {
		*fpscr |= FPSCR_UFC; /* flushed: UFC only, never IXC */
		return r & F32_SIGN;
	}
	*fpscr |= hf | (below ? FPSCR_UFC : 0);
	return r;
}

static uint64_t f64_finish(uint64_t r, unsigned hf, bool below, uint32_t ctl,
			   uint32_t *fpscr)
{
	if (f64_isnan(r)) {
		*fpscr |= hf;
		return F64_DNAN;
	}
	if ((ctl & FPSCR_FZ) && (below || (hf & FPSCR_UFC) ||
				 (!(r & 0x7ff0000000000000ull) && (r & 0x000fffffffffffffull)))) {
		*fpscr |= FPSCR_UFC;
		return r & F64_SIGN;
	}
	*fpscr |= hf | (below ? FPSCR_UFC : 0);
	return r;
}

/*
 * Fused results that rounded to the smallest normal m: was the exact
 * a * b + c below it? The sign of (a * b + c - m) is found exactly with
 * error-free transformations (TwoSum; TwoProduct by fma), the host in
 * round-to-nearest. Doubles are scaled by 2^600 so that no step
 * underflows; a factor or addend above 2^423 cannot give a result within
 * a rounding of 2^-1022 (the exact sum is a multiple of a huge quantum).
 */
static double two_sum(double a, double b, double *err)
{
	double s = a + b, bb = s - a;
	*err = (a - (s - bb)) + (b - bb);
	return s;
}

static bool fma_below(double p, double ep, double w, double m)
{
	double e1, e2;
	double s1 = two_sum(p, w, &e1);
	double s2 = two_sum(s1, -m, &e2);
	double t = s2 + ((ep + e1) + e2); /* its sign is the exact one's */
	return m > 0 ? t < 0 : t > 0;
}

static bool f32_fma_below(float x, float y, float w, uint32_t r)
{
	double p = (double)x * (double)y; /* exact: 48 bits */
	return fma_below(p, 0, (double)w, (r & F32_SIGN) ? -0x1p-126 : 0x1p-126);
}

static bool f64_fma_below(double x, double y, double w, uint64_t r)
{
	if (fabs(x) > fabs(y)) {
		double t = x;
		x = y;
		y = t;
	}
	if (fabs(x) > 0x1p423 || fabs(w) > 0x1p423)
		return false; /* cannot be within a rounding of 2^-1022 */
	double sx = x * 0x1p600, sw = w * 0x1p600;
	double m = (r & F64_SIGN) ? -0x1p-422 : 0x1p-422;
	double p = sx * y, ep = fma(sx, y, -p);
	if (p == 0 && x != 0 && y != 0) {
		/* The product underflowed even scaled: far below an ulp of
		 * w, it counts only by its sign, when w is m exactly (the
		 * sign of a rounded difference is exact). */
		double d = sw - m;
		bool neg = (x < 0) != (y < 0);
		if (d != 0)
			return m > 0 ? d < 0 : d > 0;
		return m > 0 ? neg : !neg;
	}
	return fma_below(p, ep, sw, m);
}

/* ---- arithmetic, written once for both precisions ----
 *
 * The templates below take the format's width N (32 or 64) as a constant
 * argument: f<N>_x are that format's helpers above, FP_BITS(N) and
 * FP_HOST(N) its bit pattern and host types. */

#define FP_BITS_32 uint32_t
#define FP_BITS_64 uint64_t
#define FP_HOST_32 float
#define FP_HOST_64 double
#define FP_SQRT_32 __builtin_sqrtf
#define FP_SQRT_64 __builtin_sqrt
#define FP_FMA_32 fmaf
#define FP_FMA_64 fma
#define FP_BITS(N) FP_BITS_##N
#define FP_HOST(N) FP_HOST_##N
#define FP_SQRT(N) FP_SQRT_##N
#define FP_FMA(N) FP_FMA_##N

/* Binary operations: BELOW (over the host operands x, y) says whether the
 * exact result lies below the smallest normal when the host rounded to it;
 * FZ_OK (over the flushed inputs) whether the fast path is exact with FZ. */
#define FP_BINOP(N, name, OP, BELOW, FZ_OK)                                    \
static FP_BITS(N) careful_fp##N##_##name(FP_BITS(N) a, FP_BITS(N) b,          \
					 uint32_t ctl, uint32_t *fpscr)        \
{                                                                              \
	a = f##N##_in(a, ctl, fpscr);                                          \
	b = f##N##_in(b, ctl, fpscr);                                          \
	if (f##N##_isnan(a) || f##N##_isnan(b))                                \
		return f##N##_nan2(a, b, ctl, fpscr);                          \
	FP_HOST(N) x = f##N##_h(a), y = f##N##_h(b), z;                        \
	host_state hs;                                                         \
	host_enter(&hs, ctl);                                                  \
	HB(x);                                                                 \
	HB(y);                                                                 \
	z = x OP y;                                                            \
	HB(z);                                                                 \
	unsigned hf = host_leave(&hs);                                         \
	FP_BITS(N) r = f##N##_b(z);                                            \
	bool below = f##N##_at_min(r, hf) && (BELOW);                          \
	return f##N##_finish(r, hf, below, ctl, fpscr);                        \
}                                                                              \
FP_BITS(N) fp##N##_##name(FP_BITS(N) a, FP_BITS(N) b, uint32_t ctl,            \
			  uint32_t *fpscr)                                     \
{                                                                              \
	if (FP_FAST && fast_ok(ctl)) {                                         \
		FP_BITS(N) fa = f##N##_in(a, ctl, fpscr);                      \
		FP_BITS(N) fb = f##N##_in(b, ctl, fpscr);                      \
		if (!f##N##_isnan(fa) && !f##N##_isnan(fb) &&                  \
		    (!(ctl & FPSCR_FZ) || FZ_OK(fa, fb))) {                    \
			FP_HOST(N) x = f##N##_h(fa), y = f##N##_h(fb), z;      \
			HB(x);                                                 \
			HB(y);                                                 \
			z = x OP y;                                            \
			HB(z);                                                 \
			FP_BITS(N) r = f##N##_b(z);                            \
			if (f##N##_fast_result(r))                             \
				return r;                                      \
		}                                                              \
	}                                                                      \
	CAREFUL(FP_BITS(N), careful_fp##N##_##name(a, b, ctl, fpscr));         \
}

/*
 * Square root (never tiny), FPMulAdd and FPCompare.
 *
 * FPMulAdd: NaN order addend, op1, op2 (A2.7.x); inf * 0 with a quiet NaN
 * addend is the default NaN and Invalid Operation. Its fast path with FZ:
 * the exact product is a multiple of 2^-124 (double: 2^-1020) when the
 * biased exponents add up to FZ_PROD_EXP (176; 1130) or more, and so is a
 * normal addend of biased exponent FZ_ADDEND_EXP (26; 55) or more.
 */
#define FP_SQRT_MULADD_COMPARE(N, FZ_PROD_EXP, FZ_ADDEND_EXP)                  \
static FP_BITS(N) careful_fp##N##_sqrt(FP_BITS(N) a, uint32_t ctl,             \
				       uint32_t *fpscr)                        \
{                                                                              \
	a = f##N##_in(a, ctl, fpscr);                                          \
	if (f##N##_isnan(a))                                                   \
		return f##N##_nan1(a, ctl, fpscr);                             \
	FP_HOST(N) x = f##N##_h(a), z;                                         \
	host_state hs;                                                         \
	host_enter(&hs, ctl);                                                  \
	HB(x);                                                                 \
	z = FP_SQRT(N)(x);                                                     \
	HB(z);                                                                 \
	unsigned hf = host_leave(&hs);                                         \
	return f##N##_finish(f##N##_b(z), hf, false, ctl, fpscr);              \
}                                                                              \
FP_BITS(N) fp##N##_sqrt(FP_BITS(N) a, uint32_t ctl, uint32_t *fpscr)           \
{                                                                              \
	if (FP_FAST && fast_ok(ctl)) {                                         \
		FP_BITS(N) fa = f##N##_in(a, ctl, fpscr);                      \
		if (!f##N##_isnan(fa)) {                                       \
			FP_HOST(N) x = f##N##_h(fa), z;                        \
			HB(x);                                                 \
			z = FP_SQRT(N)(x);                                     \
			HB(z);                                                 \
			FP_BITS(N) r = f##N##_b(z);                            \
			if (f##N##_fast_result(r))                             \
				return r;                                      \
		}                                                              \
	}                                                                      \
	CAREFUL(FP_BITS(N), careful_fp##N##_sqrt(a, ctl, fpscr));              \
}                                                                              \
static FP_BITS(N) careful_fp##N##_muladd(FP_BITS(N) c, FP_BITS(N) a,           \
					 FP_BITS(N) b, uint32_t ctl,           \
					 uint32_t *fpscr)                      \
{                                                                              \
	c = f##N##_in(c, ctl, fpscr);                                          \
	a = f##N##_in(a, ctl, fpscr);                                          \
	b = f##N##_in(b, ctl, fpscr);                                          \
	if (f##N##_isnan(a) || f##N##_isnan(b) || f##N##_isnan(c)) {           \
		bool infzero = (f##N##_isinf(a) && f##N##_iszero(b)) ||        \
			       (f##N##_iszero(a) && f##N##_isinf(b));          \
		if (f##N##_isnan(c) && !f##N##_issnan(c) && infzero) {         \
			*fpscr |= FPSCR_IOC;                                   \
			return F##N##_DNAN;                                    \
		}                                                              \
		FP_BITS(N) r;                                                  \
		if (f##N##_issnan(c)) r = c;                                   \
		else if (f##N##_issnan(a)) r = a;                              \
		else if (f##N##_issnan(b)) r = b;                              \
		else if (f##N##_isnan(c)) r = c;                               \
		else if (f##N##_isnan(a)) r = a;                               \
		else r = b;                                                    \
		return f##N##_nan1(r, ctl, fpscr);                             \
	}                                                                      \
	FP_HOST(N) x = f##N##_h(a), y = f##N##_h(b), w = f##N##_h(c), z;       \
	host_state hs;                                                         \
	host_enter(&hs, ctl);                                                  \
	HB(x);                                                                 \
	HB(y);                                                                 \
	HB(w);                                                                 \
	z = FP_FMA(N)(x, y, w);                                                \
	HB(z);                                                                 \
	unsigned hf = host_leave(&hs);                                         \
	FP_BITS(N) r = f##N##_b(z);                                            \
	bool below = f##N##_at_min(r, hf) && f##N##_fma_below(x, y, w, r);     \
	return f##N##_finish(r, hf, below, ctl, fpscr);                        \
}                                                                              \
FP_BITS(N) fp##N##_muladd(FP_BITS(N) c, FP_BITS(N) a, FP_BITS(N) b,            \
			  uint32_t ctl, uint32_t *fpscr)                       \
{                                                                              \
	if (FP_FAST && fast_ok(ctl)) {                                         \
		FP_BITS(N) fc = f##N##_in(c, ctl, fpscr);                      \
		FP_BITS(N) fa = f##N##_in(a, ctl, fpscr);                      \
		FP_BITS(N) fb = f##N##_in(b, ctl, fpscr);                      \
		if (!f##N##_isnan(fa) && !f##N##_isnan(fb) &&                  \
		    !f##N##_isnan(fc) &&                                       \
		    (!(ctl & FPSCR_FZ) ||                                      \
		     ((f##N##_zi(fa) || f##N##_zi(fb) ||                       \
		       f##N##_exp(fa) + f##N##_exp(fb) >= (FZ_PROD_EXP)) &&    \
		      (f##N##_iszero(fc) ||                                    \
		       f##N##_exp(fc) >= (FZ_ADDEND_EXP))))) {                 \
			FP_HOST(N) x = f##N##_h(fa), y = f##N##_h(fb);         \
			FP_HOST(N) w = f##N##_h(fc), z;                        \
			HB(x);                                                 \
			HB(y);                                                 \
			HB(w);                                                 \
			z = FP_FMA(N)(x, y, w);                                \
			HB(z);                                                 \
			FP_BITS(N) r = f##N##_b(z);                            \
			if (f##N##_fast_result(r))                             \
				return r;                                      \
		}                                                              \
	}                                                                      \
	CAREFUL(FP_BITS(N), careful_fp##N##_muladd(c, a, b, ctl, fpscr));      \
}                                                                              \
uint32_t fp##N##_compare(FP_BITS(N) a, FP_BITS(N) b, bool quiet_exc,           \
			 uint32_t ctl, uint32_t *fpscr)                        \
{                                                                              \
	a = f##N##_in(a, ctl, fpscr);                                          \
	b = f##N##_in(b, ctl, fpscr);                                          \
	if (f##N##_isnan(a) || f##N##_isnan(b)) {                              \
		if (quiet_exc || f##N##_issnan(a) || f##N##_issnan(b))         \
			*fpscr |= FPSCR_IOC;                                   \
		return 0x30000000u; /* unordered: C and V */                   \
	}                                                                      \
	FP_HOST(N) x = f##N##_h(a), y = f##N##_h(b);                           \
	if (x == y)                                                            \
		return 0x60000000u;                                            \
	return x < y ? 0x80000000u : 0x20000000u;                              \
}

/* ---- single precision ---- */

/* Sums and differences are exact near the normal boundary (both
 * operands are multiples of the smallest denormal). Products and
 * quotients of singles are exact (or far from 2^-126) in double. */
FP_BINOP(32, add, +, false, f32_add_fz_ok)
FP_BINOP(32, sub, -, false, f32_add_fz_ok)
FP_BINOP(32, mul, *, fabs((double)x * (double)y) < 0x1p-126, f32_mul_fz_ok)
FP_BINOP(32, div, /, fabs((double)x / (double)y) < 0x1p-126, f32_div_fz_ok)
FP_SQRT_MULADD_COMPARE(32, 176, 26)

/* FPMax/FPMin (A2.7.x): zeros of both signs give +0 (max) / -0 (min). */
uint32_t fp32_max(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	b = f32_in(b, ctl, fpscr);
	if (f32_isnan(a) || f32_isnan(b))
		return f32_nan2(a, b, ctl, fpscr);
	if (f32_iszero(a) && f32_iszero(b))
		return a & b;
	return f32_h(a) > f32_h(b) ? a : b;
}

uint32_t fp32_min(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	b = f32_in(b, ctl, fpscr);
	if (f32_isnan(a) || f32_isnan(b))
		return f32_nan2(a, b, ctl, fpscr);
	if (f32_iszero(a) && f32_iszero(b))
		return a | b;
	return f32_h(a) < f32_h(b) ? a : b;
}

bool fp32_cmp_eq(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	b = f32_in(b, ctl, fpscr);
	if (f32_isnan(a) || f32_isnan(b)) {
		if (f32_issnan(a) || f32_issnan(b))
			*fpscr |= FPSCR_IOC;
		return false;
	}
	return f32_h(a) == f32_h(b);
}

bool fp32_cmp_ge(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	b = f32_in(b, ctl, fpscr);
	if (f32_isnan(a) || f32_isnan(b)) {
		*fpscr |= FPSCR_IOC;
		return false;
	}
	return f32_h(a) >= f32_h(b);
}

bool fp32_cmp_gt(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	b = f32_in(b, ctl, fpscr);
	if (f32_isnan(a) || f32_isnan(b)) {
		*fpscr |= FPSCR_IOC;
		return false;
	}
	return f32_h(a) > f32_h(b);
}

/* ---- double precision ---- */

/* |x*y| < 2^-1022 decided exactly: scaled by 2^600 no step underflows
 * and the fused subtraction keeps the sign of the exact difference. */
static bool f64_mul_below(double x, double y)
{
	return fma(fabs(x) * 0x1p600, fabs(y), -0x1p-422) < 0;
}

/* |x/y| < 2^-1022  <=>  |x| * 2^600 < |y| * 2^-422, both exact here. */
static bool f64_div_below(double x, double y)
{
	return fabs(x) * 0x1p600 < fabs(y) * 0x1p-422;
}

FP_BINOP(64, add, +, false, f64_add_fz_ok)
FP_BINOP(64, sub, -, false, f64_add_fz_ok)
FP_BINOP(64, mul, *, f64_mul_below(x, y), f64_mul_fz_ok)
FP_BINOP(64, div, /, f64_div_below(x, y), f64_div_fz_ok)
FP_SQRT_MULADD_COMPARE(64, 1130, 55)

/* ---- conversions ---- */

uint64_t fp32_to_fp64(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	if (f32_isnan(a)) {
		if (f32_issnan(a))
			*fpscr |= FPSCR_IOC;
		if (ctl & FPSCR_DN)
			return F64_DNAN;
		/* FPConvertNaN: sign, quiet, the payload's top bits. */
		return (uint64_t)(a & F32_SIGN) << 32 | 0x7ff8000000000000ull |
		       (uint64_t)(a & 0x3fffffu) << 29;
	}
	return f64_b((double)f32_h(a)); /* exact */
}

static uint32_t careful_fp64_to_fp32(uint64_t a, uint32_t ctl, uint32_t *fpscr)
{
	a = f64_in(a, ctl, fpscr);
	if (f64_isnan(a)) {
		if (f64_issnan(a))
			*fpscr |= FPSCR_IOC;
		if (ctl & FPSCR_DN)
			return F32_DNAN;
		return (uint32_t)(a >> 32) & F32_SIGN ? 0xffc00000u | (uint32_t)(a >> 29 & 0x3fffff)
						    : 0x7fc00000u | (uint32_t)(a >> 29 & 0x3fffff);
	}
	double x = f64_h(a);
	float z;
	host_state hs;
	host_enter(&hs, ctl);
	HB(x);
	z = (float)x;
	HB(z);
	unsigned hf = host_leave(&hs);
	uint32_t r = f32_b(z);
	return f32_finish(r, hf, f32_at_min(r, hf) && fabs(x) < 0x1p-126, ctl, fpscr);
}

/* With FZ: not tiny from 2^-125 (exponent 898) up. */
uint32_t fp64_to_fp32(uint64_t a, uint32_t ctl, uint32_t *fpscr)
{
	if (FP_FAST && fast_ok(ctl)) {
		uint64_t fa = f64_in(a, ctl, fpscr);
		if (!f64_isnan(fa) &&
		    (!(ctl & FPSCR_FZ) || f64_zi(fa) || f64_exp(fa) >= 898)) {
			double x = f64_h(fa);
			float z;
			HB(x);
			z = (float)x;
			HB(z);
			uint32_t r = f32_b(z);
			if (f32_fast_result(r))
				return r;
		}
	}
	CAREFUL(uint32_t, careful_fp64_to_fp32(a, ctl, fpscr));
}

/* Half precision: IEEE, or the alternative format (FPSCR.AHP: no
 * infinities or NaNs, exponent 31 is normal). A half input is never
 * flushed by FZ, nor a half result (FPUnpack/FPRound with N = 16). */
static uint32_t careful_fp16_to_fp32(uint32_t h, uint32_t ctl, uint32_t *fpscr)
{
	uint32_t sign = (h & 0x8000u) << 16;
	unsigned exp = h >> 10 & 31, frac = h & 0x3ff;
	if (exp == 31 && !(ctl & FPSCR_AHP)) {
		if (!frac)
			return sign | 0x7f800000u;
		if (!(frac & 0x200))
			*fpscr |= FPSCR_IOC;
		if (ctl & FPSCR_DN)
			return F32_DNAN;
		return sign | 0x7fc00000u | frac << 13;
	}
	if (!exp && !frac)
		return sign;
	float v = ldexpf((float)(exp ? (frac | 0x400) : frac), (exp ? (int)exp : 1) - 25);
	return sign | f32_b(v);
}

/* Host arithmetic (libm) in the careful environment. */
uint32_t fp16_to_fp32(uint32_t h, uint32_t ctl, uint32_t *fpscr)
{
	CAREFUL(uint32_t, careful_fp16_to_fp32(h, ctl, fpscr));
}

uint32_t fp32_to_fp16(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	bool ahp = ctl & FPSCR_AHP;
	a = f32_in(a, ctl, fpscr);
	uint32_t sign = (a >> 16) & 0x8000u;
	if (f32_isnan(a)) {
		if (ahp) {
			*fpscr |= FPSCR_IOC;
			return sign;
		}
		if (f32_issnan(a))
			*fpscr |= FPSCR_IOC;
		if (ctl & FPSCR_DN)
			return 0x7e00u;
		return sign | 0x7e00u | (a >> 13 & 0x1ff);
	}
	if (f32_isinf(a)) {
		if (ahp) {
			*fpscr |= FPSCR_IOC;
			return sign | 0x7fffu;
		}
		return sign | 0x7c00u;
	}
	if (f32_iszero(a))
		return sign;

	/* The value is m * 2^e exactly; round it to 11 significant bits with
	 * the quantum 2^q of its binade (or of the denormals). */
	unsigned bexp = a >> 23 & 0xff;
	uint32_t m = a & 0x7fffffu;
	int e;
	if (bexp) {
		m |= 0x800000u;
		e = (int)bexp - 150;
	} else {
		e = -149;
	}
	int top = 31 - __builtin_clz(m) + e; /* floor(log2(value)) */
	bool tiny = top < -14;
	int q = (tiny ? -14 : top) - 10;
	uint32_t n, rem = 0, half = 0;
	if (q <= e) {
		n = m << (e - q);
	} else {
		unsigned sh = (unsigned)(q - e);
		if (sh > 30)
			sh = 30;
		n = m >> sh;
		rem = m & ((1u << sh) - 1);
		half = 1u << (sh - 1);
	}
	bool neg = sign != 0, inc;
	switch (ctl >> FPSCR_RMODE_SHIFT & 3) {
	case FPR_RN: inc = rem > half || (rem == half && rem && (n & 1)); break;
	case FPR_RP: inc = rem && !neg; break;
	case FPR_RM: inc = rem && neg; break;
	default: inc = false; break;
	}
	n += inc;
	if (n == 0x800u) {
		n >>= 1;
		q++;
	}
	uint32_t flags = 0;
	if (rem) {
		flags |= FPSCR_IXC;
		if (tiny)
			flags |= FPSCR_UFC;
	}
	uint32_t r;
	if (n >= 0x400u) {
		int biased = q + 25;
		if (!ahp && biased > 30) { /* overflow (FPRound) */
			unsigned rm = ctl >> FPSCR_RMODE_SHIFT & 3;
			bool to_inf = rm == FPR_RN || (rm == FPR_RP && !neg) || (rm == FPR_RM && neg);
			*fpscr |= FPSCR_OFC | FPSCR_IXC;
			return sign | (to_inf ? 0x7c00u : 0x7bffu);
		}
		if (ahp && biased > 31) {
			*fpscr |= FPSCR_IOC;
			return sign | 0x7fffu;
		}
		r = sign | (uint32_t)biased << 10 | (n & 0x3ff);
	} else {
		r = sign | n;
	}
	*fpscr |= flags;
	return r;
}

static double round_int(double s, unsigned rmode)
{
	switch (rmode) {
	case FPR_RN: return nearbyint(s); /* the host is in its default mode */
	case FPR_RP: return ceil(s);
	case FPR_RM: return floor(s);
	default: return trunc(s);
	}
}

/* FPToFixed on a non-NaN value held exactly in a double. */
static uint32_t to_fixed(double v, unsigned size, unsigned fbits, bool is_unsigned,
			 unsigned rmode, uint32_t *fpscr)
{
	double s = v * (double)(1ull << fbits); /* exact, or infinite */
	double r = round_int(s, rmode);
	double lo = is_unsigned ? 0.0 : -(double)(1ull << (size - 1));
	double hi = is_unsigned ? (double)((1ull << size) - 1) : (double)((1ull << (size - 1)) - 1);
	if (r > hi) {
		*fpscr |= FPSCR_IOC;
		r = hi;
	} else if (r < lo) {
		*fpscr |= FPSCR_IOC;
		r = lo;
	} else if (r != s) {
		*fpscr |= FPSCR_IXC;
	}
	if (is_unsigned)
		return (uint32_t)r;
	return (uint32_t)(int32_t)r;
}

/* FPToFixed from either precision. Its host arithmetic (a scaling that
 * may overflow, nearbyint) runs in the careful environment. */
#define FP_TO_FIXED(N)                                                         \
static uint32_t careful_fp##N##_to_fixed(FP_BITS(N) a, unsigned size,         \
					 unsigned fbits, bool is_unsigned,     \
					 bool round_zero, uint32_t ctl,        \
					 uint32_t *fpscr)                      \
{                                                                              \
	a = f##N##_in(a, ctl, fpscr);                                          \
	if (f##N##_isnan(a)) {                                                 \
		*fpscr |= FPSCR_IOC;                                           \
		return 0;                                                      \
	}                                                                      \
	return to_fixed(f##N##_h(a), size, fbits, is_unsigned,                 \
			round_zero ? FPR_RZ : ctl >> FPSCR_RMODE_SHIFT & 3,    \
			fpscr);                                                \
}                                                                              \
uint32_t fp##N##_to_fixed(FP_BITS(N) a, unsigned size, unsigned fbits,         \
			  bool is_unsigned, bool round_zero, uint32_t ctl,     \
			  uint32_t *fpscr)                                     \
{                                                                              \
	CAREFUL(uint32_t, careful_fp##N##_to_fixed(a, size, fbits, is_unsigned, \
						   round_zero, ctl, fpscr));   \
}

FP_TO_FIXED(32)
FP_TO_FIXED(64)

static double fixed_value(uint32_t v, unsigned size, unsigned fbits, bool is_unsigned)
{
	int64_t iv;
	if (size == 16)
		iv = is_unsigned ? (int64_t)(v & 0xffff) : (int64_t)(int16_t)v;
	else
		iv = is_unsigned ? (int64_t)v : (int64_t)(int32_t)v;
	return (double)iv / (double)(1ull << fbits); /* exact */
}

/* Never tiny (at least 2^-32) nor NaN: with the fast paths on, the
 * conversion's flags (IXC) are the host's. */
uint32_t fp32_from_fixed(uint32_t v, unsigned size, unsigned fbits, bool is_unsigned,
			 uint32_t ctl, uint32_t *fpscr)
{
	double x = fixed_value(v, size, fbits, is_unsigned);
	if (FP_FAST && fast_ok(ctl)) {
		float z;
		HB(x);
		z = (float)x;
		HB(z);
		return f32_b(z);
	}
	float z;
	host_state hs;
	host_enter(&hs, ctl);
	HB(x);
	z = (float)x;
	HB(z);
	unsigned hf = host_leave(&hs);
	return f32_finish(f32_b(z), hf, false, ctl, fpscr);
}

uint64_t fp64_from_fixed(uint32_t v, unsigned size, unsigned fbits, bool is_unsigned,
			 uint32_t ctl, uint32_t *fpscr)
{
	return f64_b(fixed_value(v, size, fbits, is_unsigned));
}

/* ---- Advanced SIMD estimates and Newton-Raphson steps ---- */

/* RecipEstimate (A2.7.x) on the 9-bit fraction q (256..511) of a value
 * in [0.5, 1): 256 * 1/((q + 0.5) / 512) rounded to nearest, 256..511. */
static unsigned recip_est(unsigned q)
{
	return (524288u + 2 * q + 1) / (4 * q + 2);
}

/* RecipSqrtEstimate on q (128..255) = the value's top bits scaled by
 * 2^-9 (value in [0.25, 0.5), `low`) or 2^-8 ([0.5, 1)): 256/sqrt of the
 * interval's midpoint, rounded to nearest; 256..511. */
static unsigned rsqrt_est(unsigned q, bool low)
{
	double a = (q + 0.5) / (low ? 512.0 : 256.0);
	return (unsigned)floor(256.0 / sqrt(a) + 0.5);
}

uint32_t fp32_recpe(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	uint32_t sign = a & F32_SIGN;
	if (f32_isnan(a))
		return f32_nan1(a, ctl, fpscr);
	if (f32_isinf(a))
		return sign;
	if (f32_iszero(a)) {
		*fpscr |= FPSCR_DZC;
		return sign | 0x7f800000u;
	}
	unsigned exp = a >> 23 & 0xff;
	if (exp >= 253) { /* |a| >= 2^126: the result would be tiny */
		*fpscr |= FPSCR_UFC;
		return sign;
	}
	unsigned s = recip_est(256 + ((a & 0x7fffffu) >> 15));
	return sign | (253 - exp) << 23 | (s - 256) << 15;
}

static uint32_t careful_fp32_rsqrte(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	a = f32_in(a, ctl, fpscr);
	if (f32_isnan(a))
		return f32_nan1(a, ctl, fpscr);
	if (f32_iszero(a)) {
		*fpscr |= FPSCR_DZC;
		return (a & F32_SIGN) | 0x7f800000u;
	}
	if (a & F32_SIGN) {
		*fpscr |= FPSCR_IOC;
		return F32_DNAN;
	}
	if (f32_isinf(a))
		return 0;
	unsigned exp = a >> 23 & 0xff;
	/* exponent even: the fraction scaled into [0.5, 1), odd: [0.25, 0.5) */
	unsigned s = rsqrt_est(128 + ((a & 0x7fffffu) >> 16), exp & 1);
	return ((380 - exp) / 2) << 23 | (s - 256) << 15;
}

/* Host arithmetic (libm) in the careful environment. */
uint32_t fp32_rsqrte(uint32_t a, uint32_t ctl, uint32_t *fpscr)
{
	CAREFUL(uint32_t, careful_fp32_rsqrte(a, ctl, fpscr));
}

uint32_t u32_recpe(uint32_t a)
{
	if (!(a & 0x80000000u))
		return 0xffffffffu;
	return recip_est(a >> 23) << 23;
}

static uint32_t careful_u32_rsqrte(uint32_t a)
{
	if (!(a >> 30))
		return 0xffffffffu;
	/* bit 31 clear: [0.25, 0.5) from bits 31:23; set: [0.5, 1) from 31:24 */
	if (a & 0x80000000u)
		return rsqrt_est(a >> 24, false) << 23;
	return rsqrt_est(a >> 23, true) << 23;
}

/* Host arithmetic (libm) in the careful environment. */
uint32_t u32_rsqrte(uint32_t a)
{
	CAREFUL(uint32_t, careful_u32_rsqrte(a));
}

static inline bool f32_zero_or_denormal(uint32_t a)
{
	return !(a & 0x7f800000u);
}

/* FPRecipStep: 2 - a * b, inf * 0 gives 2 (QEMU: product then sum). */
uint32_t fp32_recps(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	if ((f32_isinf(a) && f32_zero_or_denormal(b)) ||
	    (f32_isinf(b) && f32_zero_or_denormal(a))) {
		if (!f32_iszero(a) && !f32_iszero(b) && (ctl & FPSCR_FZ))
			*fpscr |= FPSCR_IDC;
		return 0x40000000u;
	}
	return fp32_sub(0x40000000u, fp32_mul(a, b, ctl, fpscr), ctl, fpscr);
}

/* FPRSqrtStep: (3 - a * b) / 2, inf * 0 gives 1.5. */
uint32_t fp32_rsqrts(uint32_t a, uint32_t b, uint32_t ctl, uint32_t *fpscr)
{
	if ((f32_isinf(a) && f32_zero_or_denormal(b)) ||
	    (f32_isinf(b) && f32_zero_or_denormal(a))) {
		if (!f32_iszero(a) && !f32_iszero(b) && (ctl & FPSCR_FZ))
			*fpscr |= FPSCR_IDC;
		return 0x3fc00000u;
	}
	uint32_t d = fp32_sub(0x40400000u, fp32_mul(a, b, ctl, fpscr), ctl, fpscr);
	return fp32_div(d, 0x40000000u, ctl, fpscr);
}
