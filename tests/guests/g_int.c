/*
 * g_int: integer code as gcc emits it: 64-bit arithmetic (adds/adc,
 * umull/umlal, the libgcc 64-bit division helpers), 32-bit division (sdiv,
 * udiv, and the % that follows), bit tricks (clz, rbit, rev, bit fields,
 * saturation), sorting (qsort and an insertion sort), and a small bytecode
 * interpreter (a switch jump table). Every result goes into the transcript,
 * which must be the same under tern and qemu-system-arm.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 0x12345678u;

/* xorshift32: deterministic inputs, no libc rand() differences */
static uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

static uint64_t rnd64(void)
{
	uint64_t hi = rnd();
	return (hi << 32) | rnd();
}

/* volatile operands keep gcc from folding everything at compile time */
static volatile int64_t v64[] = {
	0, 1, -1, 7, -7, INT64_MAX, INT64_MIN, 0x123456789abcdefLL, -0x0fedcba987654321LL,
	1000000007, 0x100000000LL, -0x100000000LL,
};
static volatile int32_t v32[] = {
	0, 1, -1, 3, -3, INT32_MAX, INT32_MIN, 0x12345678, -0x7654321, 10, 65536, -65536,
};

static void arith64(void)
{
	uint64_t sum = 0;
	unsigned n = sizeof(v64) / sizeof(v64[0]);
	for (unsigned i = 0; i < n; i++) {
		for (unsigned j = 0; j < n; j++) {
			int64_t a = v64[i], b = v64[j];
			uint64_t ua = (uint64_t)a, ub = (uint64_t)b;
			uint64_t r = ua + ub;
			r ^= ua - ub;
			r ^= ua * ub;
			r = (r << 7) | (r >> 57);
			if (b != 0) {
				if (!(a == INT64_MIN && b == -1))
					r ^= (uint64_t)(a / b) ^ (uint64_t)(a % b);
				r ^= ua / ub ^ (ua % ub) << 3;
			}
			r ^= (uint64_t)(a >> (j & 63)) ^ (ua >> (i + 3)) ^ (ua << (j * 5 % 64));
			r += (a < b) + 2 * (ua < ub) + 4 * (a == b);
			sum = sum * 31 + r;
		}
	}
	printf("arith64 checksum %016" PRIx64 "\n", sum);

	/* widening multiplies: umull, smull, umlal */
	uint64_t acc = 0;
	int64_t sacc = 0;
	for (int k = 0; k < 1000; k++) {
		uint32_t a = rnd(), b = rnd();
		acc += (uint64_t)a * b;
		sacc -= (int64_t)(int32_t)a * (int32_t)b;
	}
	printf("umull sum %016" PRIx64 " smull sum %016" PRIx64 "\n", acc, (uint64_t)sacc);

	/* 64-bit division by random values (libgcc __aeabi_uldivmod/__aeabi_ldivmod) */
	uint64_t q = 0;
	for (int k = 0; k < 500; k++) {
		uint64_t a = rnd64(), b = rnd64() >> (rnd() & 63);
		if (b == 0)
			b = 3;
		q += a / b + a % b;
		int64_t sa = (int64_t)a, sb = (int64_t)b;
		if (k & 1)
			sb = -sb;
		q ^= (uint64_t)(sa / sb) + (uint64_t)(sa % sb);
	}
	printf("div64 checksum %016" PRIx64 "\n", q);
	printf("int64 extremes %" PRId64 " %" PRId64 " %" PRIu64 "\n", (int64_t)v64[5],
	       (int64_t)v64[6], (uint64_t)v64[2]);
}

static void arith32(void)
{
	uint32_t sum = 0;
	unsigned n = sizeof(v32) / sizeof(v32[0]);
	for (unsigned i = 0; i < n; i++) {
		for (unsigned j = 0; j < n; j++) {
			int32_t a = v32[i], b = v32[j];
			uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
			uint32_t r = ua * ub + (ua ^ ub) - (ua | ~ub);
			if (b != 0) {
				if (!(a == INT32_MIN && b == -1))
					r += (uint32_t)(a / b) * 3 + (uint32_t)(a % b);
				r ^= ua / ub + ua % ub;
			}
			r += (uint32_t)(a >> (j & 31)) + (ua >> (i & 31)) + (ua << (j & 31));
			r += (uint32_t)((int64_t)a * b >> 32) + (uint32_t)((uint64_t)ua * ub >> 32);
			sum = sum * 33 + r;
		}
	}
	printf("arith32 checksum %08" PRIx32 "\n", sum);

	/* division by constants (multiply-high sequences) and by variables */
	uint32_t dc = 0;
	for (int k = 0; k < 2000; k++) {
		uint32_t x = rnd();
		int32_t s = (int32_t)x;
		dc += x / 10 + x % 10 + x / 7 + x % 1000 + (uint32_t)(s / 3) + (uint32_t)(s % 5) +
		      (uint32_t)(s / -9) + x / (k + 1) + (uint32_t)(s / (k - 1000 ? k - 1000 : 1));
	}
	printf("div32 checksum %08" PRIx32 "\n", dc);
}

static uint32_t popcount_slow(uint32_t x)
{
	uint32_t c = 0;
	while (x) {
		c += x & 1;
		x >>= 1;
	}
	return c;
}

struct bits {
	unsigned a : 3;
	unsigned b : 7;
	signed c : 5;
	unsigned d : 17;
};

static void bit_tricks(void)
{
	uint32_t h = 0;
	for (int k = 0; k < 1000; k++) {
		uint32_t x = rnd() >> (k & 31);
		uint32_t clz = x ? (uint32_t)__builtin_clz(x) : 32;
		uint32_t ctz = x ? (uint32_t)__builtin_ctz(x) : 32;
		uint32_t pc = (uint32_t)__builtin_popcount(x);
		if (pc != popcount_slow(x))
			printf("popcount mismatch %08" PRIx32 "\n", x);
		uint32_t rev = __builtin_bswap32(x);
		uint16_t r16 = __builtin_bswap16((uint16_t)x);
		uint32_t rot = (x >> (k % 32)) | (x << ((32 - k % 32) % 32));
		int32_t sx = (int32_t)x;
		int32_t sat = sx > 32767 ? 32767 : sx < -32768 ? -32768 : sx;
		uint32_t usat = sx < 0 ? 0 : sx > 255 ? 255 : (uint32_t)sx;
		uint32_t bf = (x >> 5) & 0x3ff;                          /* ubfx */
		int32_t sbf = (int32_t)(x << 9) >> 20;                   /* sbfx */
		uint32_t ins = (h & ~0x00ff0000u) | ((x & 0xff) << 16);  /* bfi */
		h = h * 0x01000193u ^ (clz + ctz * 3 + pc * 7 + rev + r16 + rot + (uint32_t)sat +
				       usat + bf + (uint32_t)sbf + ins);
		h += __builtin_parity(x) + (uint32_t)__builtin_clrsb(sx);
	}
	printf("bits checksum %08" PRIx32 "\n", h);

	struct bits b = { 0 };
	uint32_t bs = 0;
	for (int k = 0; k < 100; k++) {
		uint32_t x = rnd();
		b.a += x;
		b.b ^= x >> 3;
		b.c -= (int)(x >> 7);
		b.d += x >> 11;
		bs = bs * 7 + b.a + b.b + (uint32_t)b.c + b.d;
	}
	printf("bitfields a=%u b=%u c=%d d=%u sum %08" PRIx32 "\n", b.a, b.b, b.c, b.d, bs);

	/* overflow builtins: adds/adcs, mul with overflow check */
	int ov = 0;
	uint32_t ovs = 0;
	for (int k = 0; k < 200; k++) {
		int32_t a = (int32_t)rnd(), c;
		int32_t bb = (int32_t)rnd() >> (k & 15);
		if (__builtin_add_overflow(a, bb, &c))
			ov++;
		ovs += (uint32_t)c;
		if (__builtin_mul_overflow(a, bb, &c))
			ov += 2;
		ovs ^= (uint32_t)c;
		uint64_t u;
		if (__builtin_mul_overflow((uint64_t)(uint32_t)a << 20, (uint64_t)(uint32_t)bb, &u))
			ov += 4;
		ovs += (uint32_t)(u >> 32);
	}
	printf("overflow count %d sum %08" PRIx32 "\n", ov, ovs);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

struct rec {
	int16_t key;
	uint8_t tag;
	uint32_t seq;
};

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	if (x->key != y->key)
		return x->key - y->key;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

#define NSORT 600
static uint32_t arr[NSORT], arr2[NSORT];
static struct rec recs[NSORT];

static void sorting(void)
{
	for (int i = 0; i < NSORT; i++)
		arr[i] = arr2[i] = rnd() % 5000;
	qsort(arr, NSORT, sizeof(arr[0]), cmp_u32);
	/* insertion sort of the copy */
	for (int i = 1; i < NSORT; i++) {
		uint32_t v = arr2[i];
		int j = i - 1;
		while (j >= 0 && arr2[j] > v) {
			arr2[j + 1] = arr2[j];
			j--;
		}
		arr2[j + 1] = v;
	}
	uint32_t h = 0;
	int same = memcmp(arr, arr2, sizeof(arr)) == 0;
	for (int i = 0; i < NSORT; i++)
		h = h * 131 + arr[i];
	printf("sort: qsort==insertion %d min %" PRIu32 " median %" PRIu32 " max %" PRIu32
	       " hash %08" PRIx32 "\n", same, arr[0], arr[NSORT / 2], arr[NSORT - 1], h);

	for (int i = 0; i < NSORT; i++) {
		recs[i].key = (int16_t)(rnd() % 64) - 32;
		recs[i].tag = (uint8_t)rnd();
		recs[i].seq = (uint32_t)i;
	}
	qsort(recs, NSORT, sizeof(recs[0]), cmp_rec);
	h = 0;
	for (int i = 0; i < NSORT; i++)
		h = h * 17 + (uint32_t)recs[i].key * 3 + recs[i].tag + recs[i].seq;
	printf("sort records: first %d/%" PRIu32 " last %d/%" PRIu32 " hash %08" PRIx32 "\n",
	       recs[0].key, recs[0].seq, recs[NSORT - 1].key, recs[NSORT - 1].seq, h);
}

/* A little stack machine: the switch becomes a jump table (ldr pc / tbb / tbh). */
enum op { PUSH, ADD, SUB, MUL, DIV, MOD, DUP, SWAP, OVER, DROP, JZ, JMP, LT, NEG, SHL, PRINT,
	  HALT };

static int32_t run_vm(const int32_t *code, int32_t arg, int verbose)
{
	int32_t stack[64];
	int sp = 0, pc = 0;
	long steps = 0;
	stack[sp++] = arg;
	for (;;) {
		steps++;
		switch ((enum op)code[pc++]) {
		case PUSH: stack[sp++] = code[pc++]; break;
		case ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
		case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
		case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
		case DUP: stack[sp] = stack[sp - 1]; sp++; break;
		case SWAP: { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
		case OVER: stack[sp] = stack[sp - 2]; sp++; break;
		case DROP: sp--; break;
		case JZ: sp--; if (stack[sp] == 0) pc = code[pc]; else pc++; break;
		case JMP: pc = code[pc]; break;
		case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
		case NEG: stack[sp - 1] = -stack[sp - 1]; break;
		case SHL: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] << (stack[sp] & 31)); break;
		case PRINT: if (verbose) printf("  vm: %" PRId32 "\n", stack[sp - 1]); break;
		case HALT:
			if (verbose)
				printf("  vm: %ld steps\n", steps);
			return stack[sp - 1];
		}
	}
}

static void interpreter(void)
{
	/* collatz steps of arg: n=arg; c=0; while (n != 1) { n = n%2 ? 3n+1 : n/2; c++ } */
	static const int32_t collatz[] = {
		/* 0 */ PUSH, 0, SWAP,               /* c n */
		/* 3 */ DUP, PUSH, 1, SUB, JZ, -1,   /* c n (-1: the exit, below) */
		/* 9 */ DUP, PUSH, 2, MOD, JZ, 23,
		/* 15 */ PUSH, 3, MUL, PUSH, 1, ADD, JMP, 26,
		/* 23 */ PUSH, 2, DIV,
		/* 26 */ SWAP, PUSH, 1, ADD, SWAP,
		/* 31 */ JMP, 3,
	};
	static int32_t prog[sizeof(collatz) / sizeof(collatz[0]) + 4];
	memcpy(prog, collatz, sizeof(collatz));
	/* at 7 the JZ jumps to the exit sequence: DROP n, PRINT c, HALT */
	int n = (int)(sizeof(collatz) / sizeof(collatz[0]));
	prog[8] = n;
	prog[n] = DROP;
	prog[n + 1] = PRINT;
	prog[n + 2] = HALT;
	int32_t total = 0;
	for (int32_t a = 1; a < 300; a++)
		total += run_vm(prog, a, a == 27);
	printf("vm: collatz total %" PRId32 "\n", total);

	/* 2^k - k*k, negatives, shifts */
	static const int32_t poly[] = { DUP, PUSH, 1, SWAP, SHL, SWAP, DUP, MUL, SUB, NEG, PRINT,
				       HALT };
	uint32_t s = 0;
	for (int32_t k = 0; k < 31; k++)
		s = s * 3 + (uint32_t)run_vm(poly, k, k == 30);
	printf("vm: poly sum %08" PRIx32 "\n", s);
}

/* recursion, function pointers, a computed table */
static uint32_t ackermann(uint32_t m, uint32_t n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static void misc(void)
{
	printf("ackermann(2,3)=%" PRIu32 " ackermann(3,3)=%" PRIu32 "\n", ackermann(2, 3),
	       ackermann(3, 3));
	uint32_t g = 0;
	for (int k = 0; k < 300; k++)
		g += gcd(rnd() % 100000, rnd() % 100000);
	printf("gcd sum %" PRIu32 "\n", g);
	/* sieve */
	static uint8_t comp[20000];
	uint32_t count = 0, last = 0;
	for (uint32_t i = 2; i < sizeof(comp); i++) {
		if (comp[i])
			continue;
		count++;
		last = i;
		for (uint32_t j = i * i; j < sizeof(comp); j += i)
			comp[j] = 1;
	}
	printf("primes below %u: %" PRIu32 ", last %" PRIu32 "\n", (unsigned)sizeof(comp), count,
	       last);
	/* printf integer formats */
	printf("fmt: [%5d] [%-5d] [%05d] [%+d] [%x] [%#o] [%llu] [%lld] [%hhd] [%hu] [%c]\n", 42, -42,
	       42, 42, 0xbeefu, 8u, ULLONG_MAX, LLONG_MIN, (signed char)200, (unsigned short)70000,
	       'Z');
}

int main(void)
{
	printf("g_int: start\n");
	arith64();
	arith32();
	bit_tricks();
	sorting();
	interpreter();
	misc();
	printf("done\n");
	return 0;
}
