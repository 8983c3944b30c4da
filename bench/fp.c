/*
 * bench fp: floating point, double and float. An n-body simulation (double:
 * +, *, /, sqrt), a Mandelbrot set (float: the escape count of each point),
 * a Horner polynomial with explicit fused multiply-adds (fma, VFPv4 vfma),
 * float/int conversions, and the NEON dot products of fp_dot.c (-O3).
 *
 * Built with -ffp-contract=off: gcc must not fuse a*b+c on its own, so each
 * operation rounds as written and the host build (the expected checksum)
 * agrees bit for bit; the fma() calls are fused everywhere.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "bench.h"
#include "fp_dot.h"

#ifndef FP_ROUNDS
#define FP_ROUNDS 36
#endif
#define FP_EXPECT 0x8abbb9ddu /* see bench.h: `make bench-expect` */

static uint32_t fold_double(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof(u));
	return (uint32_t)u ^ (uint32_t)(u >> 32);
}

/* --- n-body (double) ----------------------------------------------------- */

#define NB 5
struct body {
	double x, y, z, vx, vy, vz, m;
};

static void nbody_init(struct body *b)
{
	/* a star and four planets; units: AU, AU/day scaled, solar masses */
	static const struct body init[NB] = {
		{ 0, 0, 0, 0, 0, 0, 39.47841760435743 },
		{ 4.84143144246472090, -1.16032004402742839, -0.103622044471123109,
		  0.606326392995832, 2.81198684491626, -0.02521836165988763, 0.03769367487038949 },
		{ 8.34336671824457987, 4.12479856412430479, -0.403523417114321381,
		  -1.01077434617730, 1.82566237123041, 0.008415761376584154, 0.011286326131968767 },
		{ 12.8943695621391310, -15.1111514016986312, -0.223307578892655734,
		  1.08279100644154, 0.868713018169608, -0.01083270493786310, 0.0017237240570597112 },
		{ 15.3796971148509165, -25.9193146099879641, 0.179258772950371181,
		  0.979090732243898, 0.594698998647676, -0.03476744472418800, 0.0020336868699246304 },
	};
	memcpy(b, init, sizeof(init));
	double px = 0, py = 0, pz = 0;
	for (int i = 1; i < NB; i++) {
		px += b[i].vx * b[i].m;
		py += b[i].vy * b[i].m;
		pz += b[i].vz * b[i].m;
	}
	b[0].vx = -px / b[0].m;
	b[0].vy = -py / b[0].m;
	b[0].vz = -pz / b[0].m;
}

static void nbody_step(struct body *b, double dt)
{
	for (int i = 0; i < NB; i++)
		for (int j = i + 1; j < NB; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			double d2 = dx * dx + dy * dy + dz * dz;
			double mag = dt / (d2 * sqrt(d2));
			b[i].vx -= dx * b[j].m * mag;
			b[i].vy -= dy * b[j].m * mag;
			b[i].vz -= dz * b[j].m * mag;
			b[j].vx += dx * b[i].m * mag;
			b[j].vy += dy * b[i].m * mag;
			b[j].vz += dz * b[i].m * mag;
		}
	for (int i = 0; i < NB; i++) {
		b[i].x += dt * b[i].vx;
		b[i].y += dt * b[i].vy;
		b[i].z += dt * b[i].vz;
	}
}

static double nbody_energy(const struct body *b)
{
	double e = 0;
	for (int i = 0; i < NB; i++) {
		e += 0.5 * b[i].m * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
		for (int j = i + 1; j < NB; j++) {
			double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
			e -= b[i].m * b[j].m / sqrt(dx * dx + dy * dy + dz * dz);
		}
	}
	return e;
}

static uint32_t bench_nbody(int steps)
{
	struct body b[NB];
	nbody_init(b);
	uint32_t h = fold_double(nbody_energy(b));
	for (int s = 0; s < steps; s++)
		nbody_step(b, 0.01);
	return bench_mix(h, fold_double(nbody_energy(b)));
}

/* --- Mandelbrot (float) -------------------------------------------------- */

static uint32_t bench_mandel(int w, int hgt, int maxit, float zoom)
{
	uint32_t total = 0, h = 0;
	for (int py = 0; py < hgt; py++) {
		float ci = ((float)py / (float)hgt - 0.5f) * 2.4f * zoom;
		for (int px = 0; px < w; px++) {
			float cr = ((float)px / (float)w - 0.7f) * 3.2f * zoom - 0.5f;
			float zr = 0, zi = 0;
			int it = 0;
			while (it < maxit && zr * zr + zi * zi <= 4.0f) {
				float t = zr * zr - zi * zi + cr;
				zi = 2.0f * zr * zi + ci;
				zr = t;
				it++;
			}
			total += (uint32_t)it;
			h = h * 17u + (uint32_t)it;
		}
	}
	return h ^ total;
}

/* --- fused multiply-add, conversions ------------------------------------- */

static uint32_t bench_poly(int n)
{
	/* a degree-7 polynomial (exp-like) by Horner with fma, in both widths */
	static const double c[8] = { 1.0, 1.0, 0.5, 1.0 / 6, 1.0 / 24, 1.0 / 120,
				     1.0 / 720, 1.0 / 5040 };
	double acc = 0;
	float accf = 0;
	int32_t ints = 0;
	for (int i = 0; i < n; i++) {
		double x = (double)(i % 2001 - 1000) / 512.0;
		double p = c[7];
		for (int k = 6; k >= 0; k--)
			p = fma(p, x, c[k]);
		acc += p;
		float xf = (float)x, pf = (float)c[7];
		for (int k = 6; k >= 0; k--)
			pf = fmaf(pf, xf, (float)c[k]);
		accf += pf;
		ints += (int32_t)(p * 1000.0) - (int32_t)(pf * 100.0f);
	}
	uint32_t fb;
	memcpy(&fb, &accf, sizeof(fb));
	return fold_double(acc) ^ fb ^ (uint32_t)ints;
}

int main(void)
{
	uint32_t sum = 0;
	fp_dot_init();
	for (int r = 0; r < FP_ROUNDS; r++) {
		int rr = r;
		BENCH_OPAQUE(rr);
		sum = bench_mix(sum, bench_nbody(20000 + rr));
		sum = bench_mix(sum, bench_mandel(96, 64, 256, 1.0f - 0.01f * (float)rr));
		sum = bench_mix(sum, bench_poly(40000 + rr));
		sum = bench_mix(sum, fp_dot_run(rr));
	}
	return bench_report("fp", sum, FP_EXPECT);
}
