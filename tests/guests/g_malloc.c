/*
 * g_malloc: many allocations and frees of random sizes (malloc, calloc,
 * realloc, free in random order), each block filled with a pattern and
 * checked before it is freed; a checksum of everything read back.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 0xdeadbeefu;

static uint32_t rnd(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

#define SLOTS 257
struct slot {
	uint8_t *p;
	size_t n;
	uint8_t seed;
};
static struct slot slots[SLOTS];
static uint32_t checksum, corrupt, allocs, frees, reallocs, failures;

static void fill(struct slot *s)
{
	for (size_t i = 0; i < s->n; i++)
		s->p[i] = (uint8_t)(s->seed + i * 7);
}

static void check(const struct slot *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t want = (uint8_t)(s->seed + i * 7);
		if (s->p[i] != want)
			corrupt++;
		checksum = checksum * 31 + s->p[i];
	}
}

static size_t pick_size(void)
{
	uint32_t r = rnd();
	switch (r & 7) {
	case 0: return 0;
	case 1: case 2: case 3: return (r >> 8) % 32 + 1;
	case 4: case 5: return (r >> 8) % 512;
	case 6: return (r >> 8) % 4096;
	default: return (r >> 8) % 40000;
	}
}

static void release(struct slot *s)
{
	if (!s->p)
		return;
	check(s, s->n);
	free(s->p);
	frees++;
	s->p = NULL;
}

int main(void)
{
	printf("g_malloc: start\n");
	for (int round = 0; round < 8000; round++) {
		struct slot *s = &slots[rnd() % SLOTS];
		uint32_t what = rnd() % 10;
		if (what < 4 || !s->p) {
			release(s);
			s->n = pick_size();
			s->seed = (uint8_t)rnd();
			if (what == 0) {
				s->p = calloc(1, s->n ? s->n : 1);
				if (s->p)
					for (size_t i = 0; i < s->n; i++)
						if (s->p[i])
							corrupt++;
			} else {
				s->p = malloc(s->n ? s->n : 1);
			}
			if (!s->p) {
				failures++;
				continue;
			}
			if (((uintptr_t)s->p & 7) != 0)
				printf("misaligned block %p\n", (void *)s->p);
			allocs++;
			fill(s);
		} else if (what < 7) {
			size_t n = pick_size();
			size_t keep = n < s->n ? n : s->n;
			uint8_t *q = realloc(s->p, n ? n : 1);
			if (!q) {
				failures++;
				continue;
			}
			s->p = q;
			check(s, keep);
			s->n = n;
			fill(s);
			reallocs++;
		} else {
			release(s);
		}
		if (round % 2000 == 1999)
			printf("round %d: allocs %" PRIu32 " frees %" PRIu32 " reallocs %" PRIu32
			       " checksum %08" PRIx32 "\n", round + 1, allocs, frees, reallocs, checksum);
	}
	for (int i = 0; i < SLOTS; i++)
		release(&slots[i]);

	/* a big one, a linked list, and the heap reused after everything is free */
	size_t big = 1u << 20;
	uint32_t *w = malloc(big);
	uint32_t sum = 0;
	if (w) {
		for (size_t i = 0; i < big / 4; i++)
			w[i] = (uint32_t)i * 2654435761u;
		for (size_t i = 0; i < big / 4; i += 97)
			sum += w[i];
		free(w);
	}
	printf("big block %s sum %08" PRIx32 "\n", w ? "ok" : "failed", sum);

	struct node {
		struct node *next;
		uint32_t v;
	} *head = NULL;
	for (uint32_t i = 0; i < 5000; i++) {
		struct node *n = malloc(sizeof(*n));
		if (!n)
			break;
		n->v = i * i;
		n->next = head;
		head = n;
	}
	uint32_t ls = 0, count = 0;
	while (head) {
		struct node *n = head->next;
		ls = ls * 3 + head->v;
		count++;
		free(head);
		head = n;
	}
	printf("list of %" PRIu32 " nodes sum %08" PRIx32 "\n", count, ls);
	printf("totals: allocs %" PRIu32 " frees %" PRIu32 " reallocs %" PRIu32
	       " failures %" PRIu32 " corrupt %" PRIu32 " checksum %08" PRIx32 "\n",
	       allocs, frees, reallocs, failures, corrupt, checksum);
	printf("done\n");
	return 0;
}
