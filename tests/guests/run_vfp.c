/*
 * run_vfp: the whole VFP/Advanced SIMD register file (d0-d31 and FPSCR)
 * live across a loop of some tens of millions of instructions that
 * prints nothing, then a hash of it. Several copies at once on the
 * hypervisor hand the register file to each other at their VFP traps,
 * with no line of tern's in between (tern's own printing would take the
 * file first): each must still print what it prints alone on QEMU.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#define ITERS 3000000u

/* FPSCR.RMode = round towards zero (ARM ARM A2.7.3): a lost FPSCR
 * rounds the loop's additions differently. */
#define FPSCR_RZ (3u << 22)

static uint64_t file[32];

static void vfp_loop(uint32_t iters)
{
	__asm__ volatile(
		"vmsr	fpscr, %[rz]\n\t"
		"vldmia	%[f], {d0-d15}\n\t"
		"add	r12, %[f], #128\n\t"
		"vldmia	r12, {d16-d31}\n"
		"1:\n\t"
		/* every register feeds the next one: integer lanes ... */
		"vadd.i64	q1, q1, q0\n\t"
		"veor	q2, q2, q1\n\t"
		"vadd.i32	q3, q3, q2\n\t"
		"vext.8	q4, q4, q3, #3\n\t"
		"veor	q5, q5, q4\n\t"
		"vadd.i16	q6, q6, q5\n\t"
		"veor	q7, q7, q6\n\t"
		"vadd.i64	q8, q8, q7\n\t"
		"vext.8	q9, q9, q8, #7\n\t"
		"veor	q10, q10, q9\n\t"
		"vadd.i32	q11, q11, q10\n\t"
		"veor	q12, q12, q11\n\t"
		"vadd.i64	q13, q13, q12\n\t"
		"veor	q14, q14, q13\n\t"
		"vadd.i8	q15, q15, q14\n\t"
		"veor	q0, q0, q15\n\t"
		/* ... and a float that depends on the rounding mode */
		"vadd.f64	d31, d31, d30\n\t"
		"subs	%[n], %[n], #1\n\t"
		"bne	1b\n\t"
		"vstmia	%[f], {d0-d15}\n\t"
		"vstmia	r12, {d16-d31}\n\t"
		: [n] "+r"(iters)
		: [f] "r"(file), [rz] "r"(FPSCR_RZ)
		: "r12", "memory", "cc",
		  "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7",
		  "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15",
		  "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23",
		  "d24", "d25", "d26", "d27", "d28", "d29", "d30", "d31");
}

int main(void)
{
	uint64_t h = 0xcbf29ce484222325ull;     /* FNV-1a */
	uint32_t fpscr;

	for (unsigned i = 0; i < 32; i++)
		file[i] = 0x9e3779b97f4a7c15ull * (i + 1u);
	file[30] = 0x3ff0000000000001ull;       /* 1 + 2^-52 */
	file[31] = 0x3ff0000000000000ull;       /* 1.0 */
	vfp_loop(ITERS);
	__asm__ volatile("vmrs %0, fpscr" : "=r"(fpscr));
	for (unsigned i = 0; i < 32; i++)
		for (unsigned b = 0; b < 64; b += 8) {
			h ^= (file[i] >> b) & 0xffu;
			h *= 0x100000001b3ull;
		}
	printf("run_vfp: d31 %016" PRIx64 " fpscr %08" PRIx32 " hash %016" PRIx64 "\n",
	       file[31], fpscr, h);
	return 0;
}
