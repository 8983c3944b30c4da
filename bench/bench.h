/*
 * Shared helpers of the benchmark guests (the C files of bench/).
 *
 * A guest runs its kernels a fixed number of times, folds every result into
 * one 32-bit checksum and prints exactly one line the harness checks:
 *
 *     bench NAME: checksum 0x0123abcd OK
 *     bench NAME: checksum 0x0123abcd FAIL (expected 0x89abcdef)
 *
 * The expected values are compiled in. They were computed by building the
 * same source for the development host (BENCH_HOST, `make bench-expect`):
 * every kernel uses fixed-width integers or IEEE operations whose result
 * does not depend on the machine or the compiler's choices (no fused
 * multiply-add where it would round differently, integer-valued floats
 * where gcc may reassociate), so the host, QEMU and tern agree bit for bit.
 *
 * On the guest the text goes to the PL011 through tests/guests/lib; on the
 * host (BENCH_HOST) to stdout.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#ifdef BENCH_HOST
#include <stdio.h>
static inline void bench_puts(const char *s)
{
	fputs(s, stdout);
}
#else
#include "guest.h"
static inline void bench_puts(const char *s)
{
	guest_puts(s);
}
#endif

static inline void bench_put_hex(uint32_t v)
{
	char b[11] = "0x";
	for (int i = 0; i < 8; i++)
		b[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
	b[10] = 0;
	bench_puts(b);
}

/* The one line the harness reads; returns main's exit status. */
static inline int bench_report(const char *name, uint32_t sum, uint32_t expect)
{
	bench_puts("bench ");
	bench_puts(name);
	bench_puts(": checksum ");
	bench_put_hex(sum);
#ifdef BENCH_HOST
	(void)expect;
	bench_puts(" HOST\n");
	return 0;
#else
	if (sum == expect) {
		bench_puts(" OK\n");
		return 0;
	}
	bench_puts(" FAIL (expected ");
	bench_put_hex(expect);
	bench_puts(")\n");
	return 1;
#endif
}

/* A mixing step for checksums (the finaliser of a 32-bit hash). */
static inline uint32_t bench_mix(uint32_t h, uint32_t v)
{
	h ^= v + 0x9e3779b9u + (h << 6) + (h >> 2);
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	return h;
}

/* Deterministic pseudo-random numbers (xorshift32). */
static inline uint32_t bench_rand(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return x;
}

/*
 * Keeps the compiler from hoisting a kernel out of the repetition loop:
 * the value passes through an empty asm, so each round computes again.
 */
#define BENCH_OPAQUE(x) __asm__ volatile("" : "+r"(x))

#endif
