/*
 * bench int: an integer and branch-heavy mix in the spirit of CoreMark (this
 * is our own code): linked-list processing (merge sort, search, reversal), a
 * character-class state machine over a token buffer, bitwise CRC-32/CRC-16,
 * and a 16-bit matrix multiply with bit extraction. Built twice: A32 (int)
 * and Thumb-2 (int-thumb, -mthumb), with the same checksum.
 */
#include <stddef.h>
#include <stdint.h>

#include "bench.h"

#ifndef INT_ROUNDS
#define INT_ROUNDS 30000
#endif
#define INT_EXPECT 0xf51f752cu /* see bench.h: `make bench-expect` */

/* --- linked lists -------------------------------------------------------- */

#define NODES 160

struct node {
	struct node *next;
	int16_t value;
	uint16_t idx;
};

static struct node pool[NODES];

static struct node *list_build(uint32_t seed)
{
	struct node *head = NULL;
	for (int i = 0; i < NODES; i++) {
		struct node *n = &pool[i];
		n->value = (int16_t)(bench_rand(&seed) & 0x7fff) - 0x4000;
		n->idx = (uint16_t)i;
		n->next = head;
		head = n;
	}
	return head;
}

static struct node *list_merge(struct node *a, struct node *b)
{
	struct node head, *t = &head;
	while (a && b) {
		if (a->value < b->value || (a->value == b->value && a->idx <= b->idx)) {
			t->next = a;
			a = a->next;
		} else {
			t->next = b;
			b = b->next;
		}
		t = t->next;
	}
	t->next = a ? a : b;
	return head.next;
}

/* Bottom-up merge sort of a list: no recursion, only pointer chasing. */
static struct node *list_sort(struct node *list)
{
	struct node *bins[16] = { 0 };
	while (list) {
		struct node *n = list;
		list = list->next;
		n->next = NULL;
		int i = 0;
		while (i < 16 && bins[i]) {
			n = list_merge(bins[i], n);
			bins[i++] = NULL;
		}
		bins[i < 16 ? i : 15] = n;
	}
	struct node *r = NULL;
	for (int i = 0; i < 16; i++)
		r = list_merge(bins[i], r);
	return r;
}

static struct node *list_reverse(struct node *l)
{
	struct node *r = NULL;
	while (l) {
		struct node *n = l->next;
		l->next = r;
		r = l;
		l = n;
	}
	return r;
}

static const struct node *list_find(const struct node *l, int16_t v)
{
	while (l && l->value != v)
		l = l->next;
	return l;
}

static uint32_t bench_list(uint32_t seed)
{
	struct node *l = list_build(seed);
	uint32_t h = 0;
	for (int i = 0; i < 8; i++) {
		const struct node *f = list_find(l, pool[(seed + 37u * (uint32_t)i) % NODES].value);
		h = h * 31u + (f ? f->idx : 0xffffu);
	}
	l = list_sort(l);
	uint32_t pos = 0;
	for (const struct node *n = l; n; n = n->next)
		h += (uint32_t)(n->value * (int32_t)++pos) ^ n->idx;
	l = list_reverse(l);
	for (int i = 0; i < 4 && l; i++) {
		h = h * 33u + (uint32_t)l->value;
		l = l->next;
	}
	return h;
}

/* --- state machine ------------------------------------------------------- */

enum state { S_START, S_INT, S_SIGN, S_HEX0, S_HEX, S_FRAC, S_EXP0, S_EXPS, S_EXP, S_BAD, S_N };

#define TEXT_LEN 512
static char text[TEXT_LEN];

static void text_build(uint32_t seed)
{
	static const char alphabet[] = "0123456789012345678901234567.-+eExX,,,,abcf";
	for (int i = 0; i < TEXT_LEN - 1; i++)
		text[i] = alphabet[bench_rand(&seed) % (sizeof(alphabet) - 1)];
	text[TEXT_LEN - 1] = 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Classifies the comma-separated tokens: integer, hex, decimal, scientific. */
static uint32_t bench_state(uint32_t seed)
{
	uint32_t counts[S_N] = { 0 }, trans = 0;
	/* a few characters change each round, so no round is like the last */
	for (int i = 0; i < 8; i++)
		text[bench_rand(&seed) % (TEXT_LEN - 1)] = "0123456789,.e-x"[seed % 15];
	enum state s = S_START;
	for (const char *p = text;; p++) {
		char c = *p;
		if (c == ',' || c == 0) {
			counts[s]++;
			s = S_START;
			if (!c)
				break;
			continue;
		}
		enum state o = s;
		switch (s) {
		case S_START:
			if (c == '0' && p[1] == 'x')
				s = S_HEX0, p++;
			else if (is_digit(c))
				s = S_INT;
			else if (c == '-' || c == '+')
				s = S_SIGN;
			else if (c == '.')
				s = S_FRAC;
			else
				s = S_BAD;
			break;
		case S_SIGN:
			s = is_digit(c) ? S_INT : c == '.' ? S_FRAC : S_BAD;
			break;
		case S_INT:
			if (c == '.')
				s = S_FRAC;
			else if (c == 'e' || c == 'E')
				s = S_EXP0;
			else if (!is_digit(c))
				s = S_BAD;
			break;
		case S_HEX0:
		case S_HEX:
			s = is_hex(c) ? S_HEX : S_BAD;
			break;
		case S_FRAC:
			if (c == 'e' || c == 'E')
				s = S_EXP0;
			else if (!is_digit(c))
				s = S_BAD;
			break;
		case S_EXP0:
			s = (c == '-' || c == '+') ? S_EXPS : is_digit(c) ? S_EXP : S_BAD;
			break;
		case S_EXPS:
		case S_EXP:
			s = is_digit(c) ? S_EXP : S_BAD;
			break;
		default:
			break;
		}
		trans += s != o;
	}
	uint32_t h = trans;
	for (int i = 0; i < S_N; i++)
		h = h * 131u + counts[i];
	return h;
}

/* --- CRC ----------------------------------------------------------------- */

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static uint16_t crc16_update(uint16_t crc, uint8_t b)
{
	for (int k = 0; k < 8; k++) {
		uint16_t x = (uint16_t)((crc ^ b) & 1);
		b >>= 1;
		crc >>= 1;
		if (x)
			crc ^= 0xa001;
	}
	return crc;
}

static uint32_t bench_crc(uint32_t seed)
{
	uint32_t c = crc32_update(seed, (const uint8_t *)text, 128);
	uint16_t c16 = (uint16_t)seed;
	for (int i = 0; i < NODES; i++) {
		c16 = crc16_update(c16, (uint8_t)pool[i].value);
		c16 = crc16_update(c16, (uint8_t)(pool[i].value >> 8));
	}
	return c ^ ((uint32_t)c16 << 7);
}

/* --- matrices ------------------------------------------------------------ */

#define MN 20
static int16_t ma[MN][MN], mb[MN][MN];
static int32_t mc[MN][MN];

static void mat_build(uint32_t seed)
{
	for (int i = 0; i < MN; i++)
		for (int j = 0; j < MN; j++) {
			ma[i][j] = (int16_t)(bench_rand(&seed) & 0xfff) - 0x800;
			mb[i][j] = (int16_t)(bench_rand(&seed) & 0xfff) - 0x800;
		}
}

static uint32_t bench_matrix(uint32_t seed)
{
	int16_t k = (int16_t)(seed & 0xff);
	for (int i = 0; i < MN; i++)
		for (int j = 0; j < MN; j++)
			ma[i][j] = (int16_t)(ma[i][j] + k) & 0x1fff;
	for (int i = 0; i < MN; i++)
		for (int j = 0; j < MN; j++) {
			int32_t s = 0;
			for (int x = 0; x < MN; x++)
				s += (int32_t)ma[i][x] * mb[x][j];
			mc[i][j] = s;
		}
	uint32_t h = 0;
	for (int i = 0; i < MN; i++)
		for (int j = 0; j < MN; j++) {
			int32_t v = mc[i][j];
			h += (uint32_t)((v >> 2) & 0xf) * (uint32_t)(i + 1) + (v > 0x100000 ? 7u : 3u);
		}
	return h;
}

int main(void)
{
	uint32_t sum = 0, seed = 0x2545f491u;
	text_build(0x1234567u);
	mat_build(0x7654321u);
	for (uint32_t r = 0; r < INT_ROUNDS; r++) {
		uint32_t s = seed + r * 0x9e3779b9u;
		BENCH_OPAQUE(s);
		sum = bench_mix(sum, bench_list(s | 1));
		sum = bench_mix(sum, bench_state(s | 1));
		sum = bench_mix(sum, bench_crc(s));
		sum = bench_mix(sum, bench_matrix(s));
	}
	return bench_report(
#ifdef __thumb__
		"int-thumb",
#else
		"int",
#endif
		sum, INT_EXPECT);
}
