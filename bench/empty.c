/*
 * bench empty: powers off as soon as it starts. The harness runs it on each
 * executor and subtracts its time (process and emulator start-up, ELF load,
 * the runtime's start-up) from every other guest's.
 */
#include "bench.h"

int main(void)
{
	return bench_report("empty", 0, 0);
}
