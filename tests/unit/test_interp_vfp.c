/*
 * VFP instructions on the interpreter: exact result bit patterns and
 * FPSCR flags, rounding modes, NaNs, denormals, FZ and DN. Encodings come
 * from arm-none-eabi-as (the assembly is next to each word); expected
 * values follow the ARM ARM pseudocode (FPRound, FPProcessNaNs, ...) and
 * were checked against qemu-system-arm -cpu cortex-a15 where noted.
 */
#include <stdio.h>

#define RAM_SIZE 0x10000u
#define CODE     RAM_BASE
#define VBAR     (RAM_BASE + 0x8000u)
#include "test_interp_harness.h"

#define IOC 0x01u
#define DZC 0x02u
#define OFC 0x04u
#define UFC 0x08u
#define IXC 0x10u
#define IDC 0x80u
#define FZ  (1u << 24)
#define DN  (1u << 25)
#define AHP (1u << 26)
#define RN  (0u << 22)
#define RP  (1u << 22)
#define RM  (2u << 22)
#define RZ  (3u << 22)
#define FLAGS 0x9fu

/* The harness's state, VFP enabled (FPEXC.EN, CPACR cp10/cp11 full). */
static void reset(void)
{
	harness_reset();
	cpu.vfp.fpexc = 1u << 30;
	cpu.sys.cpacr = 0xfu << 20;
	harness_start();
}

static void set_s(unsigned n, uint32_t v)
{
	unsigned sh = (n & 1) * 32;
	cpu.vfp.d[n / 2] = (cpu.vfp.d[n / 2] & ~(0xffffffffull << sh)) | (uint64_t)v << sh;
}

static uint32_t get_s(unsigned n)
{
	return (uint32_t)(cpu.vfp.d[n / 2] >> ((n & 1) * 32));
}

/* Run `n` A32 instructions placed at RAM_BASE (state set up before). */
static void run_a32(const uint32_t *code, unsigned n)
{
	harness_start();
	load_a32(code, n);
	run_all(n);
}

/* One single-precision op: s0 = op(s1, s2) (s0 also an input). */
static uint32_t op_s(uint32_t insn, uint32_t fpscr, uint32_t s0, uint32_t s1,
		     uint32_t s2, uint32_t *flags)
{
	reset();
	cpu.vfp.fpscr = fpscr;
	set_s(0, s0);
	set_s(1, s1);
	set_s(2, s2);
	run_a32(&insn, 1);
	*flags = cpu.vfp.fpscr & FLAGS;
	assert_int_equal(cpu.vfp.fpscr & ~FLAGS, fpscr & ~FLAGS);
	return get_s(0);
}

static uint64_t op_d(uint32_t insn, uint32_t fpscr, uint64_t d0, uint64_t d1,
		     uint64_t d2, uint32_t *flags)
{
	reset();
	cpu.vfp.fpscr = fpscr;
	cpu.vfp.d[0] = d0;
	cpu.vfp.d[1] = d1;
	cpu.vfp.d[2] = d2;
	run_a32(&insn, 1);
	*flags = cpu.vfp.fpscr & FLAGS;
	return cpu.vfp.d[0];
}

#define VADD_S  0xee300a81u /* vadd.f32 s0, s1, s2 */
#define VMUL_S  0xee200a81u /* vmul.f32 s0, s1, s2 */
#define VDIV_S  0xee800a81u /* vdiv.f32 s0, s1, s2 */
#define VSQRT_S 0xeeb10ae0u /* vsqrt.f32 s0, s1 */
#define VFMA_S  0xeea00a81u /* vfma.f32 s0, s1, s2 */
#define VMLA_S  0xee000a81u /* vmla.f32 s0, s1, s2 */
#define VNMUL_S 0xee200ac1u /* vnmul.f32 s0, s1, s2 */
#define VADD_D  0xee310b02u /* vadd.f64 d0, d1, d2 */
#define VMUL_D  0xee210b02u /* vmul.f64 d0, d1, d2 */
#define VDIV_D  0xee810b02u /* vdiv.f64 d0, d1, d2 */
#define VFMA_D  0xeea10b02u /* vfma.f64 d0, d1, d2 */

#define EXPECT_S(insn, fpscr, s0, s1, s2, want, want_flags)                    \
	do {                                                                   \
		uint32_t fl_;                                                  \
		uint32_t r_ = op_s(insn, fpscr, s0, s1, s2, &fl_);             \
		assert_int_equal(r_, want);                                    \
		assert_int_equal(fl_, want_flags);                             \
	} while (0)

#define EXPECT_D(insn, fpscr, d0, d1, d2, want, want_flags)                    \
	do {                                                                   \
		uint32_t fl_;                                                  \
		uint64_t r_ = op_d(insn, fpscr, d0, d1, d2, &fl_);             \
		assert_int_equal(r_, want);                                    \
		assert_int_equal(fl_, want_flags);                             \
	} while (0)

static void test_add_rounding(void **state)
{
	(void)state;
	EXPECT_S(VADD_S, RN, 0, 0x3f800000, 0x40000000, 0x40400000, 0); /* 1 + 2 */
	/* 1 + 2^-24: a tie, and each direction */
	EXPECT_S(VADD_S, RN, 0, 0x3f800000, 0x33800000, 0x3f800000, IXC);
	EXPECT_S(VADD_S, RP, 0, 0x3f800000, 0x33800000, 0x3f800001, IXC);
	EXPECT_S(VADD_S, RM, 0, 0x3f800000, 0x33800000, 0x3f800000, IXC);
	EXPECT_S(VADD_S, RZ, 0, 0x3f800000, 0x33800000, 0x3f800000, IXC);
	EXPECT_S(VADD_S, RM, 0, 0xbf800000, 0xb3800000, 0xbf800001, IXC);
	EXPECT_S(VADD_S, RP, 0, 0xbf800000, 0xb3800000, 0xbf800000, IXC);
	/* 1 + 3*2^-25 rounds up in RN */
	EXPECT_S(VADD_S, RN, 0, 0x3f800000, 0x33c00000, 0x3f800001, IXC);
	/* x + (-x) is +0, but -0 when rounding toward minus infinity */
	EXPECT_S(VADD_S, RN, 0, 0x3f800000, 0xbf800000, 0x00000000, 0);
	EXPECT_S(VADD_S, RM, 0, 0x3f800000, 0xbf800000, 0x80000000, 0);
	/* the FPSCR's other flags stay set (cumulative) */
	EXPECT_S(VADD_S, RN | DZC, 0, 0x3f800000, 0x40000000, 0x40400000, DZC);
}

static void test_nan_rules(void **state)
{
	(void)state;
	/* first signalling NaN, quietened, even when it is the second operand */
	EXPECT_S(VADD_S, RN, 0, 0x7fc00001, 0x7f800002, 0x7fc00002, IOC);
	EXPECT_S(VADD_S, RN, 0, 0xff800003, 0x7f800002, 0xffc00003, IOC);
	/* only quiet NaNs: the first one, no flag */
	EXPECT_S(VADD_S, RN, 0, 0x3f800000, 0xffc00005, 0xffc00005, 0);
	EXPECT_S(VADD_S, RN, 0, 0x7fc00004, 0xffc00005, 0x7fc00004, 0);
	/* default NaN mode */
	EXPECT_S(VADD_S, RN | DN, 0, 0x7fc00001, 0x7f800002, 0x7fc00000, IOC);
	EXPECT_S(VADD_S, RN | DN, 0, 0xffc00001, 0, 0x7fc00000, 0);
	/* invalid operations produce the (positive) default NaN, unlike x86 */
	EXPECT_S(VADD_S, RN, 0, 0x7f800000, 0xff800000, 0x7fc00000, IOC);
	EXPECT_S(VDIV_S, RN, 0, 0, 0, 0x7fc00000, IOC);
	EXPECT_S(VSQRT_S, RN, 0, 0xbf800000, 0, 0x7fc00000, IOC);
	EXPECT_S(VSQRT_S, RN, 0, 0x80000000, 0, 0x80000000, 0);
	/* VNMUL negates even a NaN product */
	EXPECT_S(VNMUL_S, RN, 0, 0x7fc00001, 0x3f800000, 0xffc00001, 0);
	/* checked on qemu-system-arm: the default NaN is negated too, and
	 * VMLS negates the NaN product before the sum */
	EXPECT_S(VNMUL_S, RN | DN, 0, 0x7fc00001, 0x3f800000, 0xffc00000, 0);
	EXPECT_S(0xee000ac1 /* vmls.f32 s0, s1, s2 */, RN, 0x3f800000, 0x7fc00001,
		 0x3f800000, 0xffc00001, 0);
	/* double: payload preserved, quietened */
	EXPECT_D(VADD_D, RN, 0, 0x3ff0000000000000ull, 0x7ff0000000000001ull,
		 0x7ff8000000000001ull, IOC);
	EXPECT_D(VADD_D, RN | DN, 0, 0x3ff0000000000000ull, 0x7ff0000000000001ull,
		 0x7ff8000000000000ull, IOC);
}

static void test_exceptions(void **state)
{
	(void)state;
	EXPECT_S(VDIV_S, RN, 0, 0x3f800000, 0x00000000, 0x7f800000, DZC);
	EXPECT_S(VDIV_S, RN, 0, 0xbf800000, 0x00000000, 0xff800000, DZC);
	/* overflow: max * 2 */
	EXPECT_S(VMUL_S, RN, 0, 0x7f7fffff, 0x40000000, 0x7f800000, OFC | IXC);
	EXPECT_S(VMUL_S, RZ, 0, 0x7f7fffff, 0x40000000, 0x7f7fffff, OFC | IXC);
	EXPECT_S(VMUL_S, RM, 0, 0x7f7fffff, 0x40000000, 0x7f7fffff, OFC | IXC);
	EXPECT_S(VMUL_S, RM, 0, 0xff7fffff, 0x40000000, 0xff800000, OFC | IXC);
	/* exact denormal result: no underflow flag */
	EXPECT_S(VMUL_S, RN, 0, 0x00800000, 0x3f000000, 0x00400000, 0);
	/* inexact denormal result: UFC and IXC */
	EXPECT_S(VMUL_S, RN, 0, 0x00800001, 0x3f000000, 0x00400000, UFC | IXC);
	/* tininess before rounding: (1 - 2^-24) * 2^-126 rounds to 2^-126
	 * but was tiny: ARM sets UFC (x86 would not) */
	EXPECT_S(VMUL_S, RN, 0, 0x3f7fffff, 0x00800000, 0x00800000, UFC | IXC);
	EXPECT_S(VDIV_S, RN, 0, 0x3f7fffff, 0x7e800000, 0x00800000, UFC | IXC);
	EXPECT_D(VMUL_D, RN, 0, 0x3fefffffffffffffull, 0x0010000000000000ull,
		 0x0010000000000000ull, UFC | IXC);
	EXPECT_D(VDIV_D, RN, 0, 0x3fefffffffffffffull, 0x7fd0000000000000ull,
		 0x0010000000000000ull, UFC | IXC);
	/* just above: no underflow */
	EXPECT_S(VMUL_S, RN, 0, 0x3f800001, 0x00800000, 0x00800001, 0);
	EXPECT_D(VDIV_D, RN, 0, 0x3ff0000000000000ull, 0x4008000000000000ull,
		 0x3fd5555555555555ull, IXC);
}

static void test_flush_to_zero(void **state)
{
	(void)state;
	/* denormal inputs are zeros (IDC) */
	EXPECT_S(VADD_S, RN | FZ, 0, 0x00000001, 0x00000000, 0x00000000, IDC);
	EXPECT_S(VADD_S, RN | FZ, 0, 0x80000001, 0x80000000, 0x80000000, IDC);
	EXPECT_S(VMUL_S, RN | FZ, 0, 0x00400000, 0x7f000000, 0x00000000, IDC);
	/* tiny results are zeros: UFC, never IXC */
	EXPECT_S(VMUL_S, RN | FZ, 0, 0x00800000, 0x3f000000, 0x00000000, UFC);
	EXPECT_S(VMUL_S, RN | FZ, 0, 0x80800001, 0x3f000000, 0x80000000, UFC);
	/* rounded up to the smallest normal but tiny before rounding: flushed */
	EXPECT_S(VMUL_S, RN | FZ, 0, 0x3f7fffff, 0x00800000, 0x00000000, UFC);
	EXPECT_D(VMUL_D, RN | FZ, 0, 0x0008000000000000ull, 0x3ff0000000000000ull,
		 0, IDC);
	EXPECT_D(VMUL_D, RN | FZ, 0, 0x0010000000000000ull, 0x3fe0000000000000ull,
		 0, UFC);
}

static void test_fused(void **state)
{
	(void)state;
	/* (1+2^-23)^2 - (1+2^-22) = 2^-46 only when fused */
	EXPECT_S(VFMA_S, RN, 0xbf800002, 0x3f800001, 0x3f800001, 0x28800000, 0);
	EXPECT_S(VMLA_S, RN, 0xbf800002, 0x3f800001, 0x3f800001, 0x00000000, IXC);
	EXPECT_D(VFMA_D, RN, 0xbff0000000000002ull, 0x3ff0000000000001ull,
		 0x3ff0000000000001ull, 0x3970000000000000ull, 0);
	/* 2^-1022 - 2^-847.. * 2^-1022: the product is too small to matter but
	 * for its sign; the exact result is tiny and rounds up to the smallest
	 * normal: UFC (tininess before rounding; difftest seed 2) */
	EXPECT_D(VFMA_D, RN, 0x0010000000000000ull, 0x8b01284c302c692full,
		 0x0010000000000000ull, 0x0010000000000000ull, UFC | IXC);
	/* NaN order: addend first; inf * 0 + qNaN is the default NaN */
	EXPECT_S(VFMA_S, RN, 0x7fc00001, 0x7f800002, 0x3f800000, 0x7fc00002, IOC);
	EXPECT_S(VFMA_S, RN, 0x7fc00001, 0x7fc00002, 0x3f800000, 0x7fc00001, 0);
	EXPECT_S(VFMA_S, RN, 0x7fc00001, 0x7f800000, 0x00000000, 0x7fc00000, IOC);
	EXPECT_S(VFMA_S, RN, 0x3f800000, 0x7f800000, 0x00000000, 0x7fc00000, IOC);
}

static void test_compare(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xeef40a41, /* vcmp.f32 s1, s2 */
		0xeef1fa10, /* vmrs APSR_nzcv, fpscr */
	};
	static const struct { uint32_t a, b, nzcv, flags; bool e; } cases[] = {
		{ 0x3f800000, 0x40000000, 0x8, 0, false },  /* 1 < 2 */
		{ 0x40000000, 0x3f800000, 0x2, 0, false },  /* 2 > 1 */
		{ 0x80000000, 0x00000000, 0x6, 0, false },  /* -0 == +0 */
		{ 0x7fc00000, 0x00000000, 0x3, 0, false },  /* unordered */
		{ 0x7f800001, 0x00000000, 0x3, IOC, false },/* sNaN signals */
		{ 0x7fc00000, 0x00000000, 0x3, IOC, true }, /* VCMPE: any NaN */
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		reset();
		set_s(1, cases[i].a);
		set_s(2, cases[i].b);
		uint32_t c[2] = { cases[i].e ? 0xeef40ac1 /* vcmpe.f32 s1, s2 */ : code[0], code[1] };
		run_a32(c, 2);
		assert_int_equal(cpu.vfp.fpscr >> 28, cases[i].nzcv);
		assert_int_equal(cpu.vfp.fpscr & FLAGS, cases[i].flags);
		uint32_t n = cpu.nf >> 31, z = cpu.zf == 0, cf = cpu.cf, v = cpu.vf >> 31;
		assert_int_equal(n << 3 | z << 2 | cf << 1 | v, cases[i].nzcv);
	}
	/* vcmp.f32 s0, #0.0 with FZ: a denormal is zero (IDC) */
	reset();
	cpu.vfp.fpscr = FZ;
	set_s(0, 0x00000001);
	uint32_t c0 = 0xeeb50a40; /* vcmp.f32 s0, #0.0 */
	run_a32(&c0, 1);
	assert_int_equal(cpu.vfp.fpscr, 0x60000000u | FZ | IDC);
}

static void test_convert_int(void **state)
{
	(void)state;
	const uint32_t vcvt_s32 = 0xeebd0ae0;  /* vcvt.s32.f32 s0, s1 */
	const uint32_t vcvtr_s32 = 0xeebd0a60; /* vcvtr.s32.f32 s0, s1 */
	const uint32_t vcvt_u32 = 0xeebc0ae0;  /* vcvt.u32.f32 s0, s1 */
	EXPECT_S(vcvt_s32, RN, 0, 0xbfc00000, 0, 0xffffffff, IXC);  /* -1.5 -> -1 */
	EXPECT_S(vcvtr_s32, RN, 0, 0xbfc00000, 0, 0xfffffffe, IXC); /* -> -2 */
	EXPECT_S(vcvtr_s32, RN, 0, 0x40200000, 0, 2, IXC);          /* 2.5 -> 2 */
	EXPECT_S(vcvtr_s32, RP, 0, 0x40100000, 0, 3, IXC);          /* 2.25 -> 3 */
	EXPECT_S(vcvtr_s32, RM, 0, 0xc0100000, 0, 0xfffffffd, IXC); /* -2.25 -> -3 */
	EXPECT_S(vcvt_s32, RN, 0, 0x4f32d05e, 0, 0x7fffffff, IOC);  /* 3e9 */
	EXPECT_S(vcvt_s32, RN, 0, 0xcf000000, 0, 0x80000000, 0);    /* -2^31 */
	EXPECT_S(vcvt_s32, RN, 0, 0x7fc00000, 0, 0, IOC);           /* NaN */
	EXPECT_S(vcvt_u32, RN, 0, 0x4f32d05e, 0, 3000000000u, 0);
	EXPECT_S(vcvt_u32, RN, 0, 0xbf800000, 0, 0, IOC);           /* -1 */
	EXPECT_S(vcvt_u32, RN, 0, 0xbf000000, 0, 0, IXC);           /* -0.5 -> 0 */
	EXPECT_S(vcvt_u32, RN | FZ, 0, 0x00000001, 0, 0, IDC);
	/* from integers, rounded by FPSCR: 2^24 + 1 */
	EXPECT_S(0xeeb80ae0 /* vcvt.f32.s32 s0, s1 */, RN, 0, 0x01000001, 0, 0x4b800000, IXC);
	EXPECT_S(0xeeb80ae0 /* vcvt.f32.s32 s0, s1 */, RP, 0, 0x01000001, 0, 0x4b800001, IXC);
	EXPECT_S(0xeeb80a60 /* vcvt.f32.u32 s0, s1 */, RN, 0, 0xffffffff, 0, 0x4f800000, IXC);
	EXPECT_S(0xeeb80ae0 /* vcvt.f32.s32 s0, s1 */, RN, 0, 0xffffffff, 0, 0xbf800000, 0);
	/* fixed point: vcvt.s32.f32 s0, s0, #16 (round toward zero) */
	EXPECT_S(0xeebe0ac8, RN, 0xc0490fdb, 0, 0, 0xfffcdbc1, IXC); /* -pi */
	/* vcvt.f32.u16 s0, s0, #8: only the low 16 bits count */
	EXPECT_S(0xeebb0a44, RN, 0xffff0180, 0, 0, 0x3fc00000, 0);   /* 1.5 */
	/* vcvt.f64.s32 d0, s1 */
	reset();
	set_s(1, 0x80000000);
	uint32_t c = 0xeeb80be0;
	run_a32(&c, 1);
	assert_int_equal(cpu.vfp.d[0], 0xc1e0000000000000ull);
}

static void test_convert_precision(void **state)
{
	(void)state;
	/* vcvt.f32.f64 s0, d1 */
	uint32_t fl;
	reset();
	cpu.vfp.d[1] = 0x3fb999999999999aull; /* 0.1 */
	uint32_t c = 0xeeb70bc1;
	run_a32(&c, 1);
	assert_int_equal(get_s(0), 0x3dcccccd);
	assert_int_equal(cpu.vfp.fpscr, IXC);
	/* double sNaN -> single: quietened, payload's top bits kept */
	reset();
	cpu.vfp.d[1] = 0xfff0000020000000ull;
	run_a32(&c, 1);
	assert_int_equal(get_s(0), 0xffc00001);
	assert_int_equal(cpu.vfp.fpscr, IOC);
	/* tiny before rounding: 2^-126 * (1 - 2^-30) */
	reset();
	cpu.vfp.d[1] = 0x380fffffffc00000ull;
	run_a32(&c, 1);
	assert_int_equal(get_s(0), 0x00800000);
	assert_int_equal(cpu.vfp.fpscr, UFC | IXC);
	/* vcvt.f64.f32 d0, s1: sNaN */
	EXPECT_D(0xeeb70ae0, RN, 0x7f800001ull << 32, 0, 0, 0x7ff8000020000000ull, IOC);
	(void)fl;
}

static void test_half(void **state)
{
	(void)state;
	const uint32_t to_b = 0xeeb30a60; /* vcvtb.f16.f32 s0, s1 */
	const uint32_t to_t = 0xeeb30ae0; /* vcvtt.f16.f32 s0, s1 */
	const uint32_t from_b = 0xeeb20a60; /* vcvtb.f32.f16 s0, s1 */
	EXPECT_S(to_b, RN, 0xaaaaaaaa, 0x3f800000, 0, 0xaaaa3c00, 0);
	EXPECT_S(to_t, RN, 0xaaaaaaaa, 0x3f800000, 0, 0x3c00aaaa, 0);
	EXPECT_S(to_b, RN, 0, 0x477ff000, 0, 0x00007c00, OFC | IXC); /* 65520 */
	EXPECT_S(to_b, RZ, 0, 0x477ff000, 0, 0x00007bff, IXC); /* no overflow */
	EXPECT_S(to_b, RZ, 0, 0x47800000, 0, 0x00007bff, OFC | IXC);
	EXPECT_S(to_b, RN | AHP, 0, 0x47800000, 0, 0x00007c00, 0);  /* 65536 */
	EXPECT_S(to_b, RN | AHP, 0, 0x7f800000, 0, 0x00007fff, IOC);
	EXPECT_S(to_b, RN, 0, 0x33000000, 0, 0x00000000, UFC | IXC); /* 2^-25 tie */
	EXPECT_S(to_b, RN, 0, 0x33800000, 0, 0x00000001, 0);         /* 2^-24 exact */
	EXPECT_S(to_b, RN, 0, 0x33c00000, 0, 0x00000002, UFC | IXC); /* 1.5 * 2^-24 */
	EXPECT_S(to_b, RN, 0, 0x7f800001, 0, 0x00007e00, IOC);
	EXPECT_S(to_b, RN, 0, 0x3f801000, 0, 0x00003c00, IXC);       /* tie to even */
	EXPECT_S(to_b, RN, 0, 0x3f803000, 0, 0x00003c02, IXC);
	EXPECT_S(from_b, RN, 0, 0x12343c00, 0, 0x3f800000, 0);
	EXPECT_S(from_b, RN, 0, 0x00000001, 0, 0x33800000, 0);      /* denormal half */
	EXPECT_S(from_b, RN | FZ, 0, 0x00000001, 0, 0x33800000, 0); /* not flushed */
	EXPECT_S(from_b, RN, 0, 0x00007d00, 0, 0x7fe00000, IOC);
	EXPECT_S(from_b, RN | AHP, 0, 0x00007fff, 0, 0x47ffe000, 0);
}

static void test_moves(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xeebf0a08, /* vmov.f32 s0, #-1.5 */
		0xeeb40b00, /* vmov.f64 d0, #0.125 -- overwrites s0/s1 */
		0xee011a90, /* vmov s3, r1 */
		0xee112a90, /* vmov r2, s3 */
		0xec421b15, /* vmov d5, r1, r2 */
		0xec543b15, /* vmov r3, r4, d5 */
		0xeef05b70, /* vmov.u8 r5, d0[7] */
		0xee706b70, /* vmov.s8 r6, d0[7] */
		0xee201b70, /* vmov.16 d0[3], r1 */
	};
	reset();
	cpu.regs[1] = 0x12345678;
	run_a32(code, 2);
	assert_int_equal(cpu.vfp.d[0], 0x3fc0000000000000ull);
	reset();
	cpu.regs[1] = 0x12345678;
	cpu.vfp.d[0] = 0x8000000000000000ull;
	run_a32(code + 2, 7);
	assert_int_equal(get_s(3), 0x12345678);
	assert_int_equal(cpu.regs[2], 0x12345678);
	assert_int_equal(cpu.vfp.d[5], 0x1234567812345678ull);
	assert_int_equal(cpu.regs[3], 0x12345678);
	assert_int_equal(cpu.regs[4], 0x12345678);
	assert_int_equal(cpu.regs[5], 0x80);
	assert_int_equal(cpu.regs[6], 0xffffff80);
	assert_int_equal(cpu.vfp.d[0], 0x5678000000000000ull);
}

static void test_load_store(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xed901b02, /* vldr d1, [r0, #8] */
		0xed401a01, /* vstr s3, [r0, #-4] */
		0xed2d8b04, /* vpush {d8-d9} */
		0xecb02a04, /* vldmia r0!, {s4-s7} */
		0xecbd8b04, /* vpop {d8-d9} -- into d8/d9 after clearing below */
		0xed9f0a01, /* vldr s0, [pc, #4] */
	};
	reset();
	uint32_t buf = RAM_BASE + 0x1000;
	for (unsigned i = 0; i < 8; i++)
		put32(buf + 4 * i, 0x11111111u * (i + 1));
	cpu.regs[0] = buf;
	cpu.regs[13] = RAM_BASE + 0x2000;
	cpu.vfp.d[8] = 0x0123456789abcdefull;
	cpu.vfp.d[9] = 0xfedcba9876543210ull;
	run_a32(code, 4);
	assert_int_equal(cpu.vfp.d[1], 0x4444444433333333ull);
	assert_int_equal(get32(buf - 4), 0x44444444);
	assert_int_equal(cpu.regs[13], RAM_BASE + 0x2000 - 16);
	assert_int_equal(get32(RAM_BASE + 0x2000 - 16), 0x89abcdef);
	assert_int_equal(get32(RAM_BASE + 0x2000 - 4), 0xfedcba98);
	assert_int_equal(get_s(4), 0x11111111);
	assert_int_equal(get_s(7), 0x44444444);
	assert_int_equal(cpu.regs[0], buf + 16);
	cpu.vfp.d[8] = cpu.vfp.d[9] = 0;
	/* vpop then a literal load: [pc, #4] is code + 20 + 8 + 4 */
	uint32_t rest[] = { code[4], code[5], 0, 0, 0xcafef00d };
	for (unsigned i = 0; i < 5; i++)
		put32(RAM_BASE + 4 * i, rest[i]);
	harness_start();
	cpu.regs[15] = RAM_BASE;
	interp_run(ip, 2);
	assert_int_equal(cpu.vfp.d[8], 0x0123456789abcdefull);
	assert_int_equal(cpu.vfp.d[9], 0xfedcba9876543210ull);
	assert_int_equal(cpu.regs[13], RAM_BASE + 0x2000);
	assert_int_equal(get_s(0), 0xcafef00d);
}

static void test_system_regs(void **state)
{
	(void)state;
	static const uint32_t code[] = {
		0xeee10a10, /* vmsr fpscr, r0 */
		0xeef11a10, /* vmrs r1, fpscr */
		0xeef02a10, /* vmrs r2, fpsid */
		0xeef73a10, /* vmrs r3, mvfr0 */
		0xeef64a10, /* vmrs r4, mvfr1 */
		0xeef85a10, /* vmrs r5, fpexc */
	};
	reset();
	cpu.regs[0] = 0xffffffff;
	run_a32(code, 6);
	assert_int_equal(cpu.regs[1], 0xfff7009f); /* no trap enables, no FZ16 */
	assert_int_equal(cpu.regs[2], 0x410430f0);
	assert_int_equal(cpu.regs[3], 0x10110222);
	assert_int_equal(cpu.regs[4], 0x11111111);
	assert_int_equal(cpu.regs[5], 0x40000000);
}

static void test_access_control(void **state)
{
	(void)state;
	uint32_t add = VADD_S;
	/* FPEXC.EN clear: UNDEFINED */
	reset();
	cpu.vfp.fpexc = 0;
	run_a32(&add, 1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
	assert_int_equal(cpu.regs[15], VBAR + 4);
	assert_int_equal(cpu.regs[14], RAM_BASE + 4);
	/* ... but FPEXC itself is reachable at PL1 */
	reset();
	cpu.vfp.fpexc = 0;
	cpu.regs[0] = 1u << 30;
	uint32_t en = 0xeee80a10; /* vmsr fpexc, r0 */
	run_a32(&en, 1);
	assert_int_equal(cpu.vfp.fpexc, 1u << 30);
	/* CPACR cp10 = 01: PL1 only */
	reset();
	cpu.sys.cpacr = 0x5u << 20;
	run_a32(&add, 1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x13);
	reset();
	cpu.sys.cpacr = 0x5u << 20;
	cpu.cpsr_rest = 0x1d0; /* USR */
	run_a32(&add, 1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
	/* FPSCR.LEN != 0: data processing UNDEFINED on the A15 */
	reset();
	cpu.vfp.fpscr = 1u << 16;
	run_a32(&add, 1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x1b);
	/* a failed condition does nothing, even when disabled */
	reset();
	cpu.vfp.fpexc = 0;
	cpu.zf = 0;
	uint32_t addne = 0x1e300a81; /* vaddne.f32 s0, s1, s2 (Z set) */
	run_a32(&addne, 1);
	assert_int_equal(cpu.cpsr_rest & 0x1f, 0x13);
}

static void test_thumb(void **state)
{
	(void)state;
	reset();
	cpu.cpsr_rest |= 1u << 5;
	/* vadd.f32 s0, s1, s2 (T32: ee30 0a81); vldr s3, [r0] (ed d0 1a 00) */
	uint16_t code[] = { 0xee30, 0x0a81, 0xedd0, 0x1a00 };
	memcpy(ram, code, sizeof(code));
	put32(RAM_BASE + 0x100, 0x3f800000);
	cpu.regs[0] = RAM_BASE + 0x100;
	set_s(1, 0x3f800000);
	set_s(2, 0x3f800000);
	harness_start();
	cpu.regs[15] = RAM_BASE;
	interp_run(ip, 2);
	assert_int_equal(get_s(0), 0x40000000);
	assert_int_equal(get_s(3), 0x3f800000);
	assert_int_equal(cpu.regs[15], RAM_BASE + 8);
}

/*
 * Differential tables: 59 VFP instructions on random operand sets, the
 * expected d0-d3 and FPSCR produced by qemu-system-arm -cpu cortex-a15
 * (7.2) from the same state (each case reloads d0-d31 from the inputs and
 * sets FPSCR; r5 = 16, r6 = 0). One table with FPSCR = 0, one with
 * FZ and round toward minus infinity (0x01800000).
 */
struct vfp_case {
	uint32_t insn;
	const char *text;
	uint64_t d[4];
	uint32_t fpscr;
	uint32_t advance;
};

static const uint32_t inputs_rn[64] = {
	0x00800000,
	0x00000001,
	0x80808080,
	0x3f7fffff,
	0xbf000000,
	0x0000ba6a,
	0x3dcccccd,
	0x00006c2e,
	0x7f7fffff,
	0x7fc00001,
	0xec801bdf,
	0xb0b0b0b0,
	0x5f000000,
	0x00003478,
	0xb9c7e435,
	0x00000001,
	0x7fffffff,
	0x7f800001,
	0x7fffffff,
	0x00000000,
	0x60606060,
	0xffffffff,
	0xcf000001,
	0x00000001,
	0xc3c3c3c3,
	0xe5329b4e,
	0xe4e4e4e4,
	0xbf000000,
	0x000092ae,
	0x80000000,
	0x4f000000,
	0xc0490fdb,
	0xffffffff,
	0x3f7fffff,
	0x00000000,
	0xbf000000,
	0xda1bddc6,
	0x7f800000,
	0x00008000,
	0xb4b4b4b4,
	0x7f7fffff,
	0x00000000,
	0x00800000,
	0x00007fff,
	0xc64dd2e1,
	0xde0c057f,
	0x4b800001,
	0x80000000,
	0x4b800001,
	0x00000080,
	0x0000007f,
	0x3fc00000,
	0x3eaaaaab,
	0xc0490fdb,
	0xff800000,
	0x40000000,
	0xbf000000,
	0x000000ff,
	0x7f7fffff,
	0x10f7bc33,
	0x7f7fffff,
	0x4f000000,
	0xf4b2021d,
	0xaaaaaaaa,
};
static const struct vfp_case cases_rn[] = {
	{ 0xee300a81, "vadd.f32 s0, s1, s2", { 0x000000018080807full, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee721a22, "vadd.f32 s3, s4, s5", { 0x0000000100800000ull, 0xbf00000080808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xee330a63, "vsub.f32 s0, s6, s7", { 0x000000013dcccccdull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xee240a24, "vmul.f32 s0, s8, s9", { 0x000000017fc00001ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee800a85, "vdiv.f32 s0, s1, s10", { 0x0000000180000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee850a86, "vdiv.f32 s0, s11, s12", { 0x000000019130b0b0ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee000a81, "vmla.f32 s0, s1, s2", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee060ac7, "vmls.f32 s0, s13, s14", { 0x0000000100800005ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee100ac1, "vnmla.f32 s0, s1, s2", { 0x0000000180800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee100a81, "vnmls.f32 s0, s1, s2", { 0x0000000180800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee200ac1, "vnmul.f32 s0, s1, s2", { 0x0000000100000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeea00a81, "vfma.f32 s0, s1, s2", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeea70ac8, "vfms.f32 s0, s15, s16", { 0x000000017fffffffull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee900ac1, "vfnma.f32 s0, s1, s2", { 0x0000000180800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee980a89, "vfnms.f32 s0, s17, s18", { 0x000000017fc00001ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x1, 0 },
	{ 0xeeb10ae0, "vsqrt.f32 s0, s1", { 0x000000011a3504f3ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeeb10ae1, "vsqrt.f32 s0, s3", { 0x000000013f7fffffull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeeb00ae2, "vabs.f32 s0, s5", { 0x000000010000ba6aull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb10a64, "vneg.f32 s0, s9", { 0x00000001ffc00001ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee310b02, "vadd.f64 d0, d1, d2", { 0x3f7fffff80808080ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xee330b44, "vsub.f64 d0, d3, d4", { 0xffc000017f7fffffull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xee250b06, "vmul.f64 d0, d5, d6", { 0x8000000000000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xee870b08, "vdiv.f64 d0, d7, d8", { 0x0000000000000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeea10b02, "vfma.f64 d0, d1, d2", { 0x00000175d5f83283ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeeb10bc9, "vsqrt.f64 d0, d9", { 0x1f56a09e66689b2eull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeeb40a60, "vcmp.f32 s0, s1", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x20000000, 0 },
	{ 0xeeb41ae1, "vcmpe.f32 s2, s3", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x80000000, 0 },
	{ 0xeeb52a40, "vcmp.f32 s4, #0", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x80000000, 0 },
	{ 0xeeb41bc2, "vcmpe.f64 d1, d2", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x20000000, 0 },
	{ 0xeeb70ae2, "vcvt.f64.f32 d0, s5", { 0x37974d4000000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb70bc3, "vcvt.f32.f64 s0, d3", { 0x0000000100000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeebd0ae0, "vcvt.s32.f32 s0, s1", { 0x0000000100000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeebc0ac1, "vcvt.u32.f32 s0, s2", { 0x0000000100000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeebd0a61, "vcvtr.s32.f32 s0, s3", { 0x0000000100000001ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeebd0bc4, "vcvt.s32.f64 s0, d4", { 0x000000017fffffffull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x1, 0 },
	{ 0xeebc0bc5, "vcvt.u32.f64 s0, d5", { 0x0000000100000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeeb80ae3, "vcvt.f32.s32 s0, s7", { 0x0000000146d85c00ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb80a44, "vcvt.f32.u32 s0, s8", { 0x000000014eff0000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeeb80be4, "vcvt.f64.s32 d0, s9", { 0x41dff00000400000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb80b65, "vcvt.f64.u32 d0, s11", { 0x41e6161616000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb30a60, "vcvtb.f16.f32 s0, s1", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeeb30ac1, "vcvtt.f16.f32 s0, s2", { 0x0000000180000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x18, 0 },
	{ 0xeeb20a61, "vcvtb.f32.f16 s0, s3", { 0x00000001ffffe000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb20ac2, "vcvtt.f32.f16 s0, s4", { 0x00000001bfe00000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeefe0ac8, "vcvt.s32.f32 s1, s1, #16", { 0x0000000000800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeeff0a46, "vcvt.u16.f32 s1, s1, #4", { 0x0000000000800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeefa0a44, "vcvt.f32.s16 s1, s1, #8", { 0x3b80000000800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeefb0ac6, "vcvt.f32.u32 s1, s1, #20", { 0x3580000000800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeebe1bcb, "vcvt.s32.f64 d1, d1, #10", { 0x0000000100800000ull, 0x0000000000000007ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x10, 0 },
	{ 0xeebb1b66, "vcvt.f64.u16 d1, d1, #3", { 0x0000000100800000ull, 0x40b0100000000000ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb60a00, "vmov.f32 s0, #0.5", { 0x000000013f000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb80b08, "vmov.f64 d0, #-3.0", { 0xc008000000000000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xec521b13, "vmov r1, r2, d3", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee316b10, "vmov.32 r6, d1[1]", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeeb26b70, "vmov.u16 r6, d2[3]", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee736b30, "vmov.s8 r6, d3[5]", { 0x0000000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xee605b50, "vmov.8 d0[6], r5", { 0x0010000100800000ull, 0x3f7fffff80808080ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeea05b30, "vdup.16 q0, r5", { 0x0010001000100010ull, 0x0010001000100010ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
	{ 0xeec15b10, "vdup.8 d1, r5", { 0x0000000100800000ull, 0x1010101010101010ull, 0x0000ba6abf000000ull, 0x00006c2e3dcccccdull }, 0x0, 0 },
};

static const uint32_t inputs_fz[64] = {
	0x00000e7a,
	0x00800000,
	0x12345678,
	0x80000000,
	0x80000000,
	0x94c9c950,
	0xffed9235,
	0x4f000000,
	0x00007fff,
	0x000071e1,
	0xe6b58de7,
	0x3f800000,
	0x7f800001,
	0xe2e2e2e2,
	0x8f7d9b78,
	0x7f7fffff,
	0x7f800001,
	0x00000000,
	0xffa9b9f1,
	0x8f54f8ce,
	0x3eaaaaab,
	0x12345678,
	0xe89204e2,
	0x00008000,
	0x3eaaaaab,
	0x4f000000,
	0x000000ff,
	0x3ff98ff3,
	0x42f60000,
	0xd4dec9ef,
	0x0000ffff,
	0x00007604,
	0x5f000000,
	0x00007c92,
	0xf0caeef0,
	0x3dcccccd,
	0x00008000,
	0x42f60000,
	0x3dcccccd,
	0x00007fff,
	0xa6c3181c,
	0x681b8f58,
	0x80000000,
	0x00800000,
	0x0000134b,
	0x0000007f,
	0x7fffffff,
	0x93939393,
	0x45e9dd32,
	0xaeb6db2c,
	0x85858585,
	0x7f800000,
	0x80000000,
	0xe5e5e5e5,
	0x00000000,
	0x00800000,
	0xc47a0000,
	0x3fc00000,
	0xbabababa,
	0x20202020,
	0xffffffff,
	0x00007fff,
	0x62b47204,
	0xcb4deeec,
};
static const struct vfp_case cases_fz[] = {
	{ 0xee300a81, "vadd.f32 s0, s1, s2", { 0x0080000012345678ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xee721a22, "vadd.f32 s3, s4, s5", { 0x0080000000000e7aull, 0x94c9c95012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xee330a63, "vsub.f32 s0, s6, s7", { 0x00800000ffed9235ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xee240a24, "vmul.f32 s0, s8, s9", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800080, 0 },
	{ 0xee800a85, "vdiv.f32 s0, s1, s10", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800008, 0 },
	{ 0xee850a86, "vdiv.f32 s0, s11, s12", { 0x008000007fc00001ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800001, 0 },
	{ 0xee000a81, "vmla.f32 s0, s1, s2", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800088, 0 },
	{ 0xee060ac7, "vmls.f32 s0, s13, s14", { 0x00800000b2e0c403ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800090, 0 },
	{ 0xee100ac1, "vnmla.f32 s0, s1, s2", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800088, 0 },
	{ 0xee100a81, "vnmls.f32 s0, s1, s2", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800088, 0 },
	{ 0xee200ac1, "vnmul.f32 s0, s1, s2", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800008, 0 },
	{ 0xeea00a81, "vfma.f32 s0, s1, s2", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800088, 0 },
	{ 0xeea70ac8, "vfms.f32 s0, s15, s16", { 0x008000007fc00001ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800081, 0 },
	{ 0xee900ac1, "vfnma.f32 s0, s1, s2", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800088, 0 },
	{ 0xee980a89, "vfnms.f32 s0, s17, s18", { 0x00800000ffe9b9f1ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800081, 0 },
	{ 0xeeb10ae0, "vsqrt.f32 s0, s1", { 0x0080000020000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb10ae1, "vsqrt.f32 s0, s3", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb00ae2, "vabs.f32 s0, s5", { 0x0080000014c9c950ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb10a64, "vneg.f32 s0, s9", { 0x00800000800071e1ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xee310b02, "vadd.f64 d0, d1, d2", { 0x94c9c95080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800080, 0 },
	{ 0xee330b44, "vsub.f64 d0, d3, d4", { 0x4f000000ffed9235ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800080, 0 },
	{ 0xee250b06, "vmul.f64 d0, d5, d6", { 0xe272e2e38fd3c60dull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xee870b08, "vdiv.f64 d0, d7, d8", { 0x7ff0000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800082, 0 },
	{ 0xeea10b02, "vfma.f64 d0, d1, d2", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800080, 0 },
	{ 0xeeb10bc9, "vsqrt.f64 d0, d9", { 0x7ff8000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800001, 0 },
	{ 0xeeb40a60, "vcmp.f32 s0, s1", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x81800080, 0 },
	{ 0xeeb41ae1, "vcmpe.f32 s2, s3", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x21800000, 0 },
	{ 0xeeb52a40, "vcmp.f32 s4, #0", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x61800000, 0 },
	{ 0xeeb41bc2, "vcmpe.f64 d1, d2", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x21800080, 0 },
	{ 0xeeb70ae2, "vcvt.f64.f32 d0, s5", { 0xba99392a00000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb70bc3, "vcvt.f32.f64 s0, d3", { 0x008000007f7fffffull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800014, 0 },
	{ 0xeebd0ae0, "vcvt.s32.f32 s0, s1", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xeebc0ac1, "vcvt.u32.f32 s0, s2", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xeebd0a61, "vcvtr.s32.f32 s0, s3", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeebd0bc4, "vcvt.s32.f64 s0, d4", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800080, 0 },
	{ 0xeebc0bc5, "vcvt.u32.f64 s0, d5", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xeeb80ae3, "vcvt.f32.s32 s0, s7", { 0x008000004e9e0000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb80a44, "vcvt.f32.u32 s0, s8", { 0x0080000046fffe00ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb80be4, "vcvt.f64.s32 d0, s9", { 0x40dc784000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb80b65, "vcvt.f64.u32 d0, s11", { 0x41cfc00000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb30a60, "vcvtb.f16.f32 s0, s1", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800018, 0 },
	{ 0xeeb30ac1, "vcvtt.f16.f32 s0, s2", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800018, 0 },
	{ 0xeeb20a61, "vcvtb.f32.f16 s0, s3", { 0x0080000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb20ac2, "vcvtt.f32.f16 s0, s4", { 0x0080000080000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeefe0ac8, "vcvt.s32.f32 s1, s1, #16", { 0x0000000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xeeff0a46, "vcvt.u16.f32 s1, s1, #4", { 0x0000000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800010, 0 },
	{ 0xeefa0a44, "vcvt.f32.s16 s1, s1, #8", { 0x0000000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeefb0ac6, "vcvt.f32.u32 s1, s1, #20", { 0x4100000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeebe1bcb, "vcvt.s32.f64 d1, d1, #10", { 0x0080000000000e7aull, 0x0000000000000000ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800080, 0 },
	{ 0xeebb1b66, "vcvt.f64.u16 d1, d1, #3", { 0x0080000000000e7aull, 0x40a59e0000000000ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb60a00, "vmov.f32 s0, #0.5", { 0x008000003f000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb80b08, "vmov.f64 d0, #-3.0", { 0xc008000000000000ull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xec521b13, "vmov r1, r2, d3", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xee316b10, "vmov.32 r6, d1[1]", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeeb26b70, "vmov.u16 r6, d2[3]", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xee736b30, "vmov.s8 r6, d3[5]", { 0x0080000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xee605b50, "vmov.8 d0[6], r5", { 0x0010000000000e7aull, 0x8000000012345678ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeea05b30, "vdup.16 q0, r5", { 0x0010001000100010ull, 0x0010001000100010ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
	{ 0xeec15b10, "vdup.8 d1, r5", { 0x0080000000000e7aull, 0x1010101010101010ull, 0x94c9c95080000000ull, 0x4f000000ffed9235ull }, 0x1800000, 0 },
};


static unsigned run_vfp_table(const struct vfp_case *cases, unsigned n,
			      const uint32_t *inputs, uint32_t fpscr)
{
	unsigned bad = 0;
	for (unsigned k = 0; k < n; k++) {
		reset();
		for (unsigned i = 0; i < 32; i++)
			cpu.vfp.d[i] = (uint64_t)inputs[2 * i + 1] << 32 | inputs[2 * i];
		cpu.vfp.fpscr = fpscr;
		cpu.regs[5] = 16;
		cpu.regs[6] = 0;
		run_a32(&cases[k].insn, 1);
		bool ok = cpu.vfp.fpscr == cases[k].fpscr;
		for (unsigned j = 0; j < 4; j++)
			ok = ok && cpu.vfp.d[j] == cases[k].d[j];
		if (!ok) {
			bad++;
			fprintf(stderr, "%s: d0 %016llx d1 %016llx fpscr %08x\n", cases[k].text,
				(unsigned long long)cpu.vfp.d[0],
				(unsigned long long)cpu.vfp.d[1], cpu.vfp.fpscr);
		}
	}
	return bad;
}

static void test_qemu_tables(void **state)
{
	(void)state;
	assert_int_equal(run_vfp_table(cases_rn, sizeof(cases_rn) / sizeof(cases_rn[0]),
				       inputs_rn, 0), 0);
	assert_int_equal(run_vfp_table(cases_fz, sizeof(cases_fz) / sizeof(cases_fz[0]),
				       inputs_fz, FZ | RM), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_rounding),
		cmocka_unit_test(test_nan_rules),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_flush_to_zero),
		cmocka_unit_test(test_fused),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_convert_int),
		cmocka_unit_test(test_convert_precision),
		cmocka_unit_test(test_half),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_load_store),
		cmocka_unit_test(test_system_regs),
		cmocka_unit_test(test_access_control),
		cmocka_unit_test(test_thumb),
		cmocka_unit_test(test_qemu_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
