/*
 * Dot products and an axpy for gcc's auto-vectoriser (-O3 -ffast-math with
 * -mfpu=neon-vfpv4: vmul/vmla/vfma .f32 on q registers, vmlal.s16, and VFP
 * scalar code for double, which NEON lacks). -ffast-math lets gcc reorder
 * the float sums; the values are small integers, so every partial sum is
 * exact and the result does not depend on the order. The axpy (y = y/2 + x,
 * x in 1..16) keeps away from subnormals, which NEON flushes to zero.
 */
#include <stdint.h>
#include <string.h>

#include "bench.h"
#include "fp_dot.h"

#define DN 4096
static float fa[DN], fb[DN], fx[DN], fy[DN];
static double da[DN], db[DN];
static int16_t sa[DN], sb[DN];

void fp_dot_init(void)
{
	uint32_t s = 0xdeadbeefu;
	for (int i = 0; i < DN; i++) {
		int a = (int)(bench_rand(&s) % 17) - 8, b = (int)(bench_rand(&s) % 17) - 8;
		fa[i] = (float)a;
		fb[i] = (float)b;
		da[i] = (double)a;
		db[i] = (double)b;
		sa[i] = (int16_t)(a * 300);
		sb[i] = (int16_t)(b * 301);
		fx[i] = (float)(a < 0 ? 1 - a : 1 + a);
		fy[i] = (float)(i % 16 + 1);
	}
}

static float dot_f32(const float *a, const float *b, int n)
{
	float s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

static double dot_f64(const double *a, const double *b, int n)
{
	double s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

static int32_t dot_s16(const int16_t *a, const int16_t *b, int n)
{
	int32_t s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

static void axpy_f32(float *y, const float *x, int n)
{
	for (int i = 0; i < n; i++)
		y[i] = y[i] * 0.5f + x[i];
}

uint32_t fp_dot_run(int round)
{
	uint32_t h = 0;
	for (int k = 0; k < 60; k++) {
		int n = DN - ((round + k) & 7);
		float f = dot_f32(fa, fb, n);
		double d = dot_f64(da, db, n);
		int32_t s = dot_s16(sa, sb, n);
		h = bench_mix(h, (uint32_t)(int32_t)f ^ (uint32_t)(int32_t)d ^ (uint32_t)s);
		axpy_f32(fy, fx + (k & 3), DN - 4);
	}
	uint32_t yb = 0;
	for (int i = 0; i < DN; i += 97) {
		uint32_t u;
		memcpy(&u, &fy[i], sizeof(u));
		yb = yb * 31u + u;
	}
	return h ^ yb;
}
