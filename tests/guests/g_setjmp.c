/*
 * g_setjmp: setjmp/longjmp out of deep recursion and nested frames, with
 * callee-saved core registers (and, in hard-float builds, the VFP registers
 * d8-d15 the AAPCS makes callee-saved) holding values across the jump.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

static jmp_buf env, env2;
static volatile int depth_seen;

static int __attribute__((noinline)) recurse(int d, int limit, volatile uint32_t *acc)
{
	uint32_t local[4] = { (uint32_t)d, (uint32_t)d * 3, (uint32_t)d ^ 0x55, 7 };
	*acc += local[d & 3];
	depth_seen = d;
	if (d == limit)
		longjmp(env, d + 1);
	if (d > 1000)
		return 0;
	return recurse(d + 1, limit, acc) + (int)local[1];
}

/* Keeps values in many registers across a call that longjmps back. */
static int __attribute__((noinline)) keep_registers(int k)
{
	register uint32_t a = 0x11111111u * (uint32_t)k, b = a ^ 0xf0f0f0f0u, c = a + 17, d = b - 3;
	register uint32_t e = a * 5, f = b * 7, g = c << 3, h = d >> 2;
	volatile uint32_t acc = 0;
	int r = setjmp(env);
	if (r == 0) {
		recurse(0, 20 + k, &acc);
		return -1;
	}
	printf("  k=%d r=%d depth %d acc %lu regs %08lx %08lx %08lx %08lx %08lx %08lx %08lx %08lx\n",
	       k, r, depth_seen, (unsigned long)acc, (unsigned long)a, (unsigned long)b,
	       (unsigned long)c, (unsigned long)d, (unsigned long)e, (unsigned long)f,
	       (unsigned long)g, (unsigned long)h);
	return r;
}

#ifdef __ARM_PCS_VFP
/* Whether the libc's setjmp saves d8-d15 is its business (picolibc's and
 * newlib's A-profile versions do not): print what comes back either way. */
#pragma GCC diagnostic ignored "-Wclobbered"
static void __attribute__((noinline)) clobber_vfp(void)
{
	__asm__ volatile("vmov.f64 d8, #1.0\n\tvmov.f64 d9, #2.0\n\tvmov.f64 d15, #-3.0"
			 ::: "d8", "d9", "d15");
	longjmp(env2, 5);
}

static void vfp_callee_saved(void)
{
	volatile double x = 1.25, y = -7.5;
	register double k8 __asm__("d8") = x * 3;
	register double k9 __asm__("d9") = y / 4;
	register double k15 __asm__("d15") = x + y;
	__asm__ volatile("" : "+w"(k8), "+w"(k9), "+w"(k15));
	if (setjmp(env2) == 0)
		clobber_vfp();
	__asm__ volatile("" : "+w"(k8), "+w"(k9), "+w"(k15));
	printf("vfp callee-saved after longjmp: d8 %s d9 %s d15 %s\n",
	       k8 == 3.75 ? "as set" : k8 == 1.0 ? "as clobbered" : "other",
	       k9 == -1.875 ? "as set" : k9 == 2.0 ? "as clobbered" : "other",
	       k15 == -6.25 ? "as set" : k15 == -3.0 ? "as clobbered" : "other");
}
#endif

int main(void)
{
	printf("g_setjmp: start\n");
	int total = 0;
	for (int k = 0; k < 5; k++)
		total += keep_registers(k);
	printf("total %d\n", total);

	/* longjmp from a nested setjmp context to an outer one */
	volatile int stage = 0;
	if (setjmp(env2) == 0) {
		stage = 1;
		if (setjmp(env) == 0) {
			stage = 2;
			longjmp(env2, 3);
		}
		stage = 99;
	}
	printf("stage %d\n", stage);

	/* longjmp(env, 0) makes setjmp return 1 (C11 7.13.2.1) */
	volatile int zero = -1;
	int r = setjmp(env);
	if (zero < 0) {
		zero = 0;
		longjmp(env, 0);
	}
	printf("longjmp 0 -> setjmp %d\n", r);
#ifdef __ARM_PCS_VFP
	vfp_callee_saved();
#else
	printf("soft-float build: no vfp registers\n");
#endif
	printf("done\n");
	return 0;
}
