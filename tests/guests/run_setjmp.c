/*
 * run_setjmp: setjmp/longjmp out of nested calls and through recursion,
 * callee-saved state restored, then PSCI SYSTEM_OFF.
 */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env, outer;
static volatile int depth_reached;

static void __attribute__((noinline)) dive(int depth, int target)
{
	depth_reached = depth;
	if (depth == target)
		longjmp(env, depth * 10);
	if (depth > 100)
		return;
	dive(depth + 1, target);
	printf("not reached\n");
}

static int __attribute__((noinline)) nested(int k)
{
	jmp_buf inner;
	int r = setjmp(inner);
	if (r == 0) {
		if (k & 1)
			longjmp(inner, k + 100);
		longjmp(outer, k + 200);
	}
	return r;
}

int main(void)
{
	volatile int counter = 0;
	for (volatile int target = 1; target <= 5; target++) {
		int r = setjmp(env);
		if (r == 0) {
			counter++;
			dive(0, target);
		} else {
			printf("longjmp from depth %d returned %d (counter %d)\n", depth_reached, r,
			       counter);
		}
	}
	for (volatile int k = 0; k < 4; k++) {
		int r = setjmp(outer);
		if (r == 0)
			printf("nested(%d) = %d\n", k, nested(k));
		else
			printf("nested(%d) jumped out with %d\n", k, r);
	}
	/* longjmp(env, 0) makes setjmp return 1 (C11 7.13.2.1) */
	volatile int zero_seen = 0;
	if (setjmp(env) == 0)
		longjmp(env, 0);
	else
		zero_seen = 1;
	printf("longjmp 0 gives nonzero: %d\n", zero_seen);
	printf("done\n");
	return 0;
}
