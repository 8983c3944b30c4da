/*
 * bench mem: memory-heavy work over buffers larger than the host's caches
 * (4 MiB each): picolibc's memset, memcpy (aligned and misaligned), strlen,
 * memchr and memcmp, a word-sum pass, random gathers across a buffer, and an
 * open-addressing hash table (insert, hit and miss lookups). Most
 * instructions are loads and stores, so it measures the interpreter's memory
 * fast paths (TLB, RAM access) more than its ALU.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bench.h"

#ifndef MEM_ROUNDS
#define MEM_ROUNDS 5
#endif
#define MEM_EXPECT 0x56d1e89bu /* see bench.h: `make bench-expect` */

#define BUF (4u << 20)
static uint8_t src[BUF] __attribute__((aligned(64)));
static uint8_t dst[BUF + 64] __attribute__((aligned(64)));

#define HBITS 16
#define HSIZE (1u << HBITS)
struct slot {
	uint32_t key;
	uint32_t val;
};
static struct slot table[HSIZE];

static uint32_t hash32(uint32_t k)
{
	k ^= k >> 16;
	k *= 0x7feb352du;
	k ^= k >> 15;
	k *= 0x846ca68bu;
	k ^= k >> 16;
	return k;
}

/* key 0 marks an empty slot; keys are never 0 (bench_rand never returns 0) */
static void ht_insert(uint32_t key, uint32_t val)
{
	uint32_t i = hash32(key) & (HSIZE - 1);
	while (table[i].key && table[i].key != key)
		i = (i + 1) & (HSIZE - 1);
	table[i].key = key;
	table[i].val = val;
}

static const struct slot *ht_find(uint32_t key)
{
	uint32_t i = hash32(key) & (HSIZE - 1);
	while (table[i].key) {
		if (table[i].key == key)
			return &table[i];
		i = (i + 1) & (HSIZE - 1);
	}
	return NULL;
}

static uint32_t bench_hash(uint32_t seed)
{
	memset(table, 0, sizeof(table));
	uint32_t s = seed, h = 0;
	const uint32_t n = HSIZE / 2 + HSIZE / 8; /* load factor 0.625 */
	for (uint32_t i = 0; i < n; i++)
		ht_insert(bench_rand(&s), i);
	/* the same keys again (hits), then a fresh stream (mostly misses) */
	s = seed;
	for (uint32_t i = 0; i < n; i++) {
		const struct slot *e = ht_find(bench_rand(&s));
		h += e ? e->val : 0x55u;
	}
	for (uint32_t i = 0; i < n; i++) {
		const struct slot *e = ht_find(bench_rand(&s));
		h = h * 3u + (e ? e->val : 1u);
	}
	return h;
}

static uint32_t word_sum(const uint8_t *p, size_t n)
{
	const uint32_t *w = (const uint32_t *)p;
	uint32_t a = 0, b = 0;
	for (size_t i = 0; i < n / 4; i += 2) {
		a += w[i];
		b ^= w[i + 1];
	}
	return a ^ (b << 1);
}

static uint32_t gather(const uint8_t *p, uint32_t seed, int n)
{
	const uint32_t *w = (const uint32_t *)p;
	uint32_t h = 0;
	for (int i = 0; i < n; i++)
		h += w[bench_rand(&seed) & (BUF / 4 - 1)];
	return h;
}

static uint32_t bench_mem(uint32_t r)
{
	uint32_t h = 0;
	size_t so = r & 7, dof = (r >> 3) & 15, len = BUF - 64;

	memset(dst, (int)(r & 0xff), BUF + 64);
	h = bench_mix(h, dst[r * 4099u % BUF]);
	memcpy(dst, src, BUF);                 /* aligned */
	h = bench_mix(h, word_sum(dst, BUF));
	memcpy(dst + dof, src + so, len);      /* misaligned */
	h = bench_mix(h, word_sum(dst, BUF));
	/* src holds no 0 byte: strlen and memchr run to the one we plant */
	size_t cut = BUF / 2 + (r * 65537u) % (BUF / 2 - 64);
	dst[cut] = 0;
	h = bench_mix(h, (uint32_t)strlen((const char *)dst));
	const uint8_t *m = memchr(dst, 0, BUF);
	h = bench_mix(h, m ? (uint32_t)(m - dst) : 0xffffffffu);
	dst[cut] = 1;
	/* only the sign of memcmp is defined */
	int c = memcmp(dst + dof, src + so, len);
	h = bench_mix(h, (uint32_t)((c > 0) - (c < 0) + 2));
	h = bench_mix(h, gather(dst, r + 1, 1 << 16));
	return h;
}

int main(void)
{
	uint32_t s = 0x12345u, sum = 0;
	for (uint32_t i = 0; i < BUF / 4; i++) {
		uint32_t v = bench_rand(&s);
		for (int b = 0; b < 4; b++) {
			uint8_t c = (uint8_t)(v >> (8 * b));
			src[4 * i + (uint32_t)b] = c ? c : 0x5a; /* no zero byte */
		}
	}
	for (uint32_t r = 0; r < MEM_ROUNDS; r++) {
		uint32_t rr = r;
		BENCH_OPAQUE(rr);
		sum = bench_mix(sum, bench_mem(rr));
		sum = bench_mix(sum, bench_hash(0x9e3779b9u * (rr + 1)));
	}
	return bench_report("mem", sum, MEM_EXPECT);
}
