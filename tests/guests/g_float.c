/*
 * g_float: floating point in C, built hard float (-mfloat-abi=hard
 * -mfpu=neon-vfpv4: VFPv4 and NEON instructions) and soft float
 * (-mfloat-abi=soft: libgcc's soft-fp, no VFP code; g_softfloat_*).
 *
 * Basic arithmetic on ordinary, tiny (denormal), huge, infinite, NaN and
 * signed-zero operands; fused multiply-add; sqrt; rounding functions;
 * float <-> int conversions (saturating, to unsigned, 64-bit); libm
 * functions; printf %a/%.17g/%e/%f/%g and strtod; in hard-float builds also
 * the FPSCR: rounding modes (through fesetround when the libc has it, and
 * directly), cumulative exception flags, flush-to-zero, default NaN, and a
 * NEON loop. Each result is printed with its bit pattern.
 */
#include <fenv.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t dbits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof(u));
	return u;
}

static uint32_t fbits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof(u));
	return u;
}

static double bits_d(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof(d));
	return d;
}

static float bits_f(uint32_t u)
{
	float f;
	memcpy(&f, &u, sizeof(f));
	return f;
}

/* %a where the libc has it (Debian's newlib is built without it): FA in a
 * format, A(x) its argument */
#ifdef __PICOLIBC__
#define FA "%a"
#define A(x) ((double)(x))
#else
#define FA "<%s>"
#define A(x) hexbits((double)(x))

static const char *hexbits(double d)
{
	static char bufs[8][20];
	static unsigned next;
	char *b = bufs[next++ % 8];
	snprintf(b, sizeof(bufs[0]), "%016" PRIx64, dbits(d));
	return b;
}
#endif

/* NaNs print as bits only: the sign and payload of a printed "nan" differ
 * between libcs and are already in the bits. */
static void pd(const char *what, double d)
{
	if (isnan(d))
		printf("%s = nan [%016" PRIx64 "]\n", what, dbits(d));
	else
		printf("%s = %.17g " FA " [%016" PRIx64 "]\n", what, d, A(d), dbits(d));
}

static void pf(const char *what, float f)
{
	if (isnan(f))
		printf("%s = nan [%08" PRIx32 "]\n", what, fbits(f));
	else
		printf("%s = %.9g [%08" PRIx32 "]\n", what, (double)f, fbits(f));
}

/* operands the compiler cannot see through */
static volatile double dv[] = {
	0.0, -0.0, 1.0, -1.5, 3.0, 0.1, 1e308, -1e-308, 4.9406564584124654e-324,
	2.2250738585072014e-308, 123456789.125, INFINITY, -INFINITY, NAN,
};
static volatile float fv[] = {
	0.0f, -0.0f, 1.0f, -2.5f, 3.0f, 0.1f, 3e38f, 1e-40f, 1.17549435e-38f, 16777217.0f,
	INFINITY, NAN,
};
#define NDV (sizeof(dv) / sizeof(dv[0]))
#define NFV (sizeof(fv) / sizeof(fv[0]))

static uint64_t mix64(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001b3ULL + (h >> 29);
}

static void arithmetic(void)
{
	uint64_t h = 0;
	for (unsigned i = 0; i < NDV; i++) {
		for (unsigned j = 0; j < NDV; j++) {
			double a = dv[i], b = dv[j];
			h = mix64(h, dbits(a + b));
			h = mix64(h, dbits(a - b));
			h = mix64(h, dbits(a * b));
			h = mix64(h, dbits(a / b));
			h = mix64(h, (uint64_t)((a < b) | (a <= b) << 1 | (a == b) << 2 |
						 (a != b) << 3 | isunordered(a, b) << 4));
		}
	}
	printf("double add/sub/mul/div/cmp hash %016" PRIx64 "\n", h);
	uint32_t hf = 0;
	for (unsigned i = 0; i < NFV; i++) {
		for (unsigned j = 0; j < NFV; j++) {
			float a = fv[i], b = fv[j];
			hf = (hf ^ fbits(a + b)) * 16777619u;
			hf = (hf ^ fbits(a - b)) * 16777619u;
			hf = (hf ^ fbits(a * b)) * 16777619u;
			hf = (hf ^ fbits(a / b)) * 16777619u;
			hf = (hf ^ (uint32_t)((a < b) | (a > b) << 1 | (a == b) << 2)) * 16777619u;
		}
	}
	printf("float add/sub/mul/div/cmp hash %08" PRIx32 "\n", hf);

	/* one line each for a few, so a divergence is easy to find */
	pd("1/3", dv[2] / dv[4]);
	pd("0.1*3", dv[5] * dv[4]);
	pd("1e308*10", dv[6] * 10.0);
	pd("denormal min/2", dv[8] / 2.0);
	pd("DBL_MIN/3", dv[9] / 3.0);
	pd("denormal*2^60", dv[8] * 0x1p60);
	pd("-0 + -0", dv[1] + dv[1]);
	pd("0 * -1.5", dv[0] * dv[3]);
	pd("inf - inf", dv[11] + dv[12]);
	pd("0/0", dv[0] / dv[0]);
	pd("sqrt(2)", sqrt(dv[4] - dv[2]));
	pd("sqrt(-1)", sqrt(-dv[2]));
	pd("sqrt(-0)", sqrt(dv[1]));
	pd("fma(0.1,3,-0.3)", fma(dv[5], dv[4], -0.3));
	pd("0.1*3-0.3", dv[5] * dv[4] - 0.3);
	pf("1f/3f", fv[2] / fv[4]);
	pf("16777217f+1", fv[9] + 1.0f);
	pf("1e-40f*1e-5", fv[7] * 1e-5f);
	pf("FLT_MIN/2", fv[8] / 2.0f);
	pf("3e38f*10", fv[6] * 10.0f);
	pf("sqrtf(3)", sqrtf(fv[4]));
	pf("fmaf(0.1,3,-0.3)", fmaf(fv[5], fv[4], -0.3f));
	pf("(float)0.1", (float)dv[5]);
	pd("(double)0.1f", (double)fv[5]);
	pf("(float)1e308", (float)dv[6]);
	pf("(float)DBL_MIN", (float)dv[9]);
	/* NaN propagation: payloads, signalling NaNs quieted */
	volatile double qnan = bits_d(0x7ff8000000001234ULL), snan = bits_d(0x7ff0000000005678ULL);
	volatile float fsnan = bits_f(0x7f800123u), fqnan = bits_f(0xffc00456u);
	pd("qnan+1", qnan + 1.0);
	pd("1+snan", 1.0 + snan);
	pd("qnan*snan", qnan * snan);
	pd("-qnan", -qnan);
	pf("fsnan*2", fsnan * 2.0f);
	pf("fqnan-fsnan", fqnan - fsnan);
	pd("(double)fsnan", (double)fsnan);
	pf("(float)snan", (float)snan);
}

static void conversions(void)
{
	static volatile double cd[] = {
		0.5, 1.5, 2.5, -0.5, -1.5, -2.7, 2147483647.5, 2147483648.0, -2147483649.0,
		4294967295.9, 4294967296.0, 1e19, -1e19, 9007199254740993.0, INFINITY, NAN, -0.0,
	};
	for (unsigned i = 0; i < sizeof(cd) / sizeof(cd[0]); i++) {
		double d = cd[i];
		float f = (float)d;
		printf("cvt %.17g: i32 %" PRId32 " u32 %" PRIu32 " i64 %" PRId64 " u64 %" PRIu64
		       " f->i32 %" PRId32 " f->u32 %" PRIu32 " lrint %ld llround %lld rint %.17g\n",
		       isnan(d) ? 0.0 : d, (int32_t)d, (uint32_t)d, (int64_t)d, (uint64_t)d,
		       (int32_t)f, (uint32_t)f, isnan(d) || isinf(d) ? 0L : lrint(d),
		       isnan(d) || isinf(d) ? 0LL : llround(d), isnan(d) ? 0.0 : rint(d));
	}
	static volatile int64_t ci[] = {
		0, 1, -1, 16777217, -16777217, INT32_MAX, INT32_MIN, 9007199254740993LL,
		INT64_MAX, INT64_MIN, 0x7ffffffffffffdffLL,
	};
	for (unsigned i = 0; i < sizeof(ci) / sizeof(ci[0]); i++) {
		int64_t v = ci[i];
		printf("int %" PRId64 ": (double) " FA " (float) " FA " (double)(uint64) " FA
		       " (float)(int32) " FA "\n", v, A((double)v), A((double)(float)v),
		       A((double)(uint64_t)v), A((double)(float)(int32_t)v));
	}
	/* rounding functions */
	static volatile double rv[] = { 0.5, 1.5, 2.5, -0.5, -2.5, 2.4999999999999996, 1e16 + 1, -0.0 };
	for (unsigned i = 0; i < sizeof(rv) / sizeof(rv[0]); i++) {
		double d = rv[i];
		printf("round %.17g: floor %g ceil %g trunc %g round %g nearbyint %g fmod3 %g modf %g\n",
		       d, floor(d), ceil(d), trunc(d), round(d), nearbyint(d), fmod(d, 3.0),
		       modf(d, &(double){ 0 }));
	}
}

static void libm(void)
{
	static volatile double x[] = { 0.0, 0.5, 1.0, 2.0, -3.25, 10.0, 100.0, 1e-10 };
	uint64_t h = 0;
	for (unsigned i = 0; i < sizeof(x) / sizeof(x[0]); i++) {
		double v = x[i];
		double r[] = { sin(v), cos(v), tan(v), exp(v), log(fabs(v) + 1), log10(fabs(v) + 2),
			       pow(fabs(v) + 0.5, 1.5), atan2(v, 2.0), sinh(v), tanh(v), cbrt(v),
			       hypot(v, 3.0), expm1(v), log1p(fabs(v)), asin(v / 100), acos(v / 100),
			       atan(v), exp2(v), log2(fabs(v) + 1), erf(v) };
		printf("libm %g:", v);
		for (unsigned k = 0; k < sizeof(r) / sizeof(r[0]); k++) {
			printf(" %.17g", r[k]);
			h = mix64(h, dbits(r[k]));
		}
		printf("\n");
		float fvv = (float)v;
		printf("libmf %g: %.9g %.9g %.9g %.9g %.9g\n", v, (double)sinf(fvv), (double)expf(fvv),
		       (double)logf(fabsf(fvv) + 1), (double)powf(fabsf(fvv) + 0.5f, 2.5f),
		       (double)sqrtf(fabsf(fvv)));
	}
	printf("libm hash %016" PRIx64 "\n", h);
	int e;
	double m = frexp(dv[10], &e);
	printf("frexp %.17g %d ldexp %g scalbn %g ilogb %d copysign %g nextafter " FA "\n", m, e,
	       ldexp(m, e), scalbn(1.0, -1074), ilogb(dv[8]), copysign(3.0, dv[1]),
	       A(nextafter(1.0, 2.0)));
	printf("fmax %g fmin %g fdim %g remainder %g\n", fmax(dv[3], dv[13]), fmin(dv[2], dv[4]),
	       fdim(dv[4], dv[2]), remainder(10.0, 3.0));
}

static void printing(void)
{
	static volatile double pv[] = {
		0.0, -0.0, 1.0, 0.1, 1.0 / 3.0, 2.0 / 3.0, 1e21, 1e22, 123.456, 1e-5, 5e-324,
		1.7976931348623157e308, 0.5, 1.5, 2.5, 3.5, 1234567.8901234567, -9.999999e-7,
	};
	for (unsigned i = 0; i < sizeof(pv) / sizeof(pv[0]); i++) {
		double d = pv[i];
		printf("print: %%.17g %.17g %%e %e %%.3f %.3f %%.0f %.0f %%g %g %%10.4g [%10.4g] "
		       "%%a " FA "\n", d, d, d, d, d, d, A(d));
	}
	printf("print: %f %e %g %F\n", (double)INFINITY, -(double)INFINITY, (double)INFINITY,
	       (double)INFINITY);
	printf("print: %.20f %.30e\n", 0.1, 1.0 / 7.0);
	printf("print: %f %f\n", 1e300, -123456789012345678.0);
	static const char *const sv[] = {
		"0.1", "-2.5e-3", "1e400", "1e-400", "4.9406564584124654e-324", "0x1.8p3", "inf",
		"-nan", "  12.5abc", "2.2250738585072011e-308", "123456789012345678901234567890",
	};
	for (unsigned i = 0; i < sizeof(sv) / sizeof(sv[0]); i++) {
		char *end;
		double d = strtod(sv[i], &end);
		float f = strtof(sv[i], NULL);
		printf("strtod '%s' -> [%016" PRIx64 "] (%d chars) strtof [%08" PRIx32 "] atof %.17g\n",
		       sv[i], isnan(d) ? 0 : dbits(d), (int)(end - sv[i]), isnan(f) ? 0 : fbits(f),
		       isnan(d) ? 0.0 : atof(sv[i]));
	}
	char buf[64];
	snprintf(buf, sizeof(buf), "%.17g", pv[4]);
	printf("round trip 1/3: %s\n", strtod(buf, NULL) == pv[4] ? "exact" : "lost");
}

#ifdef __ARM_FP
static uint32_t fpscr_read(void)
{
	uint32_t v;
	__asm__ volatile("vmrs %0, fpscr" : "=r"(v));
	return v;
}

static void fpscr_write(uint32_t v)
{
	__asm__ volatile("vmsr fpscr, %0" ::"r"(v) : "memory");
}

/* FPSCR.RMode is bits 23:22: 0 nearest, 1 +inf, 2 -inf, 3 zero (A2.7.3) */
static void rounding_modes(void)
{
	static const char *const names[4] = { "nearest", "upward", "downward", "toward zero" };
	for (uint32_t m = 0; m < 4; m++) {
		fpscr_write((fpscr_read() & ~(3u << 22)) | m << 22);
		volatile double one = 1.0, three = 3.0, big = 1e308, tiny = 5e-324;
		volatile float fone = 1.0f, fthree = 3.0f;
		/* volatile results: gcc does not order FP arithmetic after the
		 * vmsr above nor before the one below on its own */
		volatile double q = one / three, nq = -one / three;
		volatile double s = sqrt(three - one);
		volatile float fq = fone / fthree;
		volatile double h = 2.5, nh = -2.5;
		uint32_t fpscr = fpscr_read();
		volatile double b10 = big * 10.0, t2 = tiny / 2, r1 = rint(h), r2 = rint(nh);
		volatile int i27 = (int)(h + 0.2);
		volatile double f3 = fma(one / three, three, -one);
		/* print in the default mode: the libc's conversions round too */
		fpscr_write(fpscr_read() & ~(3u << 22));
		printf("rmode %s: fpscr %08" PRIx32 " 1/3 " FA " -1/3 " FA " sqrt2 " FA " 1f/3f " FA
		       " big*10 %g tiny/2 " FA " rint(2.5) %g rint(-2.5) %g (int)2.7 %d fma " FA "\n",
		       names[m], fpscr, A(q), A(nq), A(s), A((double)fq), b10, A(t2), r1, r2, i27,
		       A(f3));
	}
	fpscr_write(fpscr_read() & ~(3u << 22));
#if defined(FE_UPWARD) && defined(FE_DOWNWARD) && defined(FE_TOWARDZERO)
	static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	for (unsigned i = 0; i < 4; i++) {
		int r = fesetround(modes[i]);
		volatile double one = 1.0, ten = 10.0;
		volatile double t = one / ten, nt = -one / ten;
		int same = fegetround() == modes[i];
		uint32_t fpscr = fpscr_read();
		fesetround(FE_TONEAREST);
		printf("fesetround(%s) = %d fegetround %s fpscr %08" PRIx32 " 1/10 " FA " -1/10 " FA
		       "\n", names[i], r, same ? "same" : "other", fpscr, A(t), A(nt));
	}
	fesetround(FE_TONEAREST);
#else
	printf("fesetround: no rounding-mode macros in this libc\n");
#endif
}

/* The cumulative exception flags, FPSCR bits 4:0 and 7 (IDC). */
static void exception_flags(void)
{
	static const struct {
		const char *what;
		int op;
	} ops[] = { { "1/0", 0 }, { "0/0", 1 }, { "big*big", 2 }, { "tiny*tiny", 3 },
		    { "1/3", 4 }, { "2+2", 5 }, { "sqrt(-1)", 6 }, { "(int)1e10", 7 },
		    { "(float)1e-39 denormal in", 8 }, { "snan+1", 9 } };
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		volatile double z = 0.0, one = 1.0, big = 1e300, tiny = 1e-300, r = 0;
		volatile float fd = 1e-39f, fr = 0;
		volatile double sn = bits_d(0x7ff0000000000001ULL);
		fpscr_write(fpscr_read() & ~0x9fu);
		feclearexcept(FE_ALL_EXCEPT);
		switch (ops[i].op) {
		case 0: r = one / z; break;
		case 1: r = z / z; break;
		case 2: r = big * big; break;
		case 3: r = tiny * tiny; break;
		case 4: r = one / 3.0; break;
		case 5: r = one + one + one + one; break;
		case 6: r = sqrt(-one); break;
		case 7: r = (int)(big * tiny * 1e10); break;
		case 8: fr = fd * 2.0f; break;
		case 9: r = sn + one; break;
		}
		(void)r;
		(void)fr;
		printf("flags %-24s fpscr %08" PRIx32 " fetestexcept %02x\n", ops[i].what,
		       fpscr_read() & 0x9fu, fetestexcept(FE_ALL_EXCEPT));
	}
	fpscr_write(fpscr_read() & ~0x9fu);
}

/* FPSCR.FZ (bit 24) flushes denormal operands and results to zero;
 * FPSCR.DN (bit 25) makes every NaN result the default NaN. */
static void fz_dn(void)
{
	uint32_t saved = fpscr_read();
	for (int mode = 0; mode < 4; mode++) {
		fpscr_write((saved & ~(3u << 24) & ~0x9fu) | (uint32_t)mode << 24);
		volatile double den = 4.9406564584124654e-324, dmin = 2.2250738585072014e-308;
		volatile float fden = 1e-40f, fmin_ = 1.17549435e-38f;
		volatile double qn = bits_d(0x7ff8000000001234ULL), sn = bits_d(0x7ff0000000000042ULL);
		volatile double one = 1.0;
		volatile float fone = 1.0f;
		volatile double a = den * one, b = dmin / 4, c = den + den, d = qn + one, e = sn * 2.0;
		volatile float fa = fden * fone, fb = fmin_ / 4, fc = fden + fmin_;
		volatile double wide = (double)fden; /* a denormal float operand, widened */
		volatile int cmp = den > 0.0;
		uint32_t fpscr = fpscr_read();
		fpscr_write(saved & ~(3u << 24)); /* print with FZ and DN off */
		printf("fz %d dn %d: den*1 [%016" PRIx64 "] dmin/4 [%016" PRIx64 "] den+den [%016"
		       PRIx64 "] den>0 %d fden*1 [%08" PRIx32 "] fmin/4 [%08" PRIx32 "] fden+fmin [%08"
		       PRIx32 "] (double)fden [%016" PRIx64 "] qnan+1 [%016" PRIx64 "] snan*2 [%016"
		       PRIx64 "] fpscr %08" PRIx32 "\n", mode & 1, mode >> 1, dbits(a), dbits(b),
		       dbits(c), cmp, fbits(fa), fbits(fb), fbits(fc), dbits(wide), dbits(d), dbits(e),
		       fpscr);
	}
	fpscr_write(saved);
}
#endif

#ifdef __ARM_NEON
/* NEON through the vectoriser: -O3 for these, so gcc emits vld1/vadd/vmul/
 * vmla/vmax and friends on integer vectors (float vectors need
 * -funsafe-math-optimizations: NEON flushes denormals), and intrinsics for
 * the float vector ops. */
#include <arm_neon.h>

#define NV 203
static int32_t va[NV], vb[NV], vc[NV];
static uint16_t vs[NV];
static uint8_t vu[NV];
static float vf[NV], vg[NV];

__attribute__((optimize("O3"), noinline)) static void vec_int(void)
{
	for (int i = 0; i < NV; i++)
		vc[i] = va[i] * vb[i] + (va[i] >> 3) - (vb[i] & 0xff);
	for (int i = 0; i < NV; i++)
		vs[i] = (uint16_t)(vs[i] + (uint16_t)va[i]);
	for (int i = 0; i < NV; i++)
		vu[i] = vu[i] > 100 ? vu[i] : (uint8_t)(vu[i] * 2);
}

__attribute__((optimize("O3"), noinline)) static int32_t vec_sum(void)
{
	int32_t s = 0;
	for (int i = 0; i < NV; i++)
		s += vc[i] > va[i] ? vc[i] : va[i];
	return s;
}

static void neon(void)
{
	for (int i = 0; i < NV; i++) {
		va[i] = i * 7919 - 500000;
		vb[i] = i * i - 3 * i;
		vs[i] = (uint16_t)(i * 331);
		vu[i] = (uint8_t)(i * 3);
		vf[i] = (float)i * 0.25f - 10.0f;
		vg[i] = 1.0f / (float)(i + 1);
	}
	vec_int();
	uint32_t h = 0;
	for (int i = 0; i < NV; i++)
		h = h * 31 + (uint32_t)vc[i] + vs[i] * 3u + vu[i];
	printf("neon int loops: hash %08" PRIx32 " max-sum %" PRId32 "\n", h, vec_sum());

	float32x4_t acc = vdupq_n_f32(0.0f);
	for (int i = 0; i + 4 <= NV; i += 4) {
		float32x4_t x = vld1q_f32(&vf[i]), y = vld1q_f32(&vg[i]);
		acc = vmlaq_f32(acc, x, y);
		acc = vfmaq_f32(acc, vabsq_f32(x), vrecpeq_f32(vaddq_f32(y, vdupq_n_f32(1.0f))));
	}
	float lanes[4];
	vst1q_f32(lanes, acc);
	int32x4_t cv = vcvtq_s32_f32(vmulq_n_f32(acc, 1000.0f));
	int32_t il[4];
	vst1q_s32(il, cv);
	printf("neon float: [%08" PRIx32 " %08" PRIx32 " %08" PRIx32 " %08" PRIx32 "] -> %" PRId32
	       " %" PRId32 " %" PRId32 " %" PRId32 "\n", fbits(lanes[0]), fbits(lanes[1]),
	       fbits(lanes[2]), fbits(lanes[3]), il[0], il[1], il[2], il[3]);
}
#endif

int main(void)
{
#ifdef __ARM_PCS_VFP
	printf("g_float: start (hard float)\n");
#else
	printf("g_float: start (soft float)\n");
#endif
	arithmetic();
	conversions();
	libm();
	printing();
#ifdef __ARM_FP
	rounding_modes();
	exception_flags();
	fz_dn();
#endif
#ifdef __ARM_NEON
	neon();
#endif
	printf("done\n");
	return 0;
}
