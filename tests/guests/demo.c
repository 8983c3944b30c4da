/*
 * demo: what `make run` shows, two of them on the hypervisor at once
 * (docs/hypervisor.md). Twice a second of its virtual time (CNTVCT) it
 * prints the time and the next of a sequence it computes meanwhile, for
 * 30 s, then powers off. The same ELF runs under `tern run` and alone on
 * QEMU.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "guest.h"

#define DEMO_LINES 60u

/* The next prime after p (trial division: something to compute). */
static uint32_t next_prime(uint32_t p)
{
	for (;;) {
		uint32_t d;

		p++;
		for (d = 2; d * d <= p && p % d; d++)
			;
		if (d * d > p)
			return p;
	}
}

int main(void)
{
	uint32_t freq = guest_cntfrq();
	uint64_t half = freq ? freq / 2u : 31250000u;
	uint64_t next = guest_cntvct();
	uint32_t prime = 1, found = 0;

	printf("demo: a guest of tern, %u lines, one every 0.5 s\n", DEMO_LINES);
	for (uint32_t n = 1; n <= DEMO_LINES; n++) {
		next += half;
		while (guest_cntvct() < next) {
			prime = next_prime(prime);
			found++;
		}
		printf("demo: %2" PRIu32 ".%" PRIu32 " s, %" PRIu32 " primes so far, the last %"
		       PRIu32 "\n", n / 2u, (n % 2u) * 5u, found, prime);
	}
	printf("demo: done\n");
	return 0;
}
