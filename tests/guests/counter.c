/*
 * counter: prints "count N r=XXXXXXXX" about every 10 ms, timed by the
 * virtual counter (CNTVCT), for COUNTER_MAX counts, then powers off.
 *
 * N lives in RAM; XXXXXXXX is r5, a global register variable this file
 * reserves (built with -ffixed-r5), so r5 holds the marker wherever the
 * guest is in this file. picolibc's own code treats r5 as an ordinary
 * callee-saved register: inside printf r5 may hold something else for a
 * moment, so a test that edits r5 in a snapshot checks first that the PC is
 * in counter_wait(), where the guest spends nearly all its time.
 *
 * Editing env.regs[5] of a snapshot (tern convert --set) changes what the
 * resumed guest prints from the next line on; the count goes on from the
 * snapshot, not from 1.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "guest.h"

#define COUNTER_MAX    2000u
#define COUNTER_MARKER 0x5EED0005u

register uint32_t marker __asm__("r5");

volatile uint32_t counter_count;

void counter_wait(uint64_t until) __attribute__((noinline));
void counter_wait(uint64_t until)
{
	while (guest_cntvct() < until)
		;
}

int main(void)
{
	uint32_t freq = guest_cntfrq();
	uint64_t tick = freq ? freq / 100u : 625000u;
	uint64_t next;

	marker = COUNTER_MARKER;
	printf("counter: start freq=%" PRIu32 "\n", freq);
	next = guest_cntvct();
	for (counter_count = 1; counter_count <= COUNTER_MAX; counter_count++) {
		next += tick;
		counter_wait(next);
		printf("count %" PRIu32 " r=%08" PRIx32 "\n", counter_count, marker);
	}
	printf("counter: done\n");
	return 0;
}
