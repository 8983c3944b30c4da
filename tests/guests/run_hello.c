/*
 * run_hello: printf through picolibc to the PL011, then PSCI SYSTEM_OFF.
 * The transcript is the same under tern run and qemu-system-arm.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	printf("hello from a tern guest\n");
	printf("int %d %i %u neg %d\n", 42, -7, 3000000000u, -2147483647 - 1);
	printf("hex %x %X %08" PRIx32 " %#x\n", 0xbeefu, 0xcafeu, (uint32_t)0x1234, 255u);
	printf("oct %o char %c str [%s] [%10s] [%-6s]\n", 8u, 'Z', "text", "right", "left");
	printf("long long %lld %llu %llx\n", -1234567890123LL, 18446744073709551615ULL,
	       0x0123456789abcdefULL);
	printf("width [%5d] [%-5d] [%05d] [%+d]\n", 12, 12, 12, 12);
	for (int i = 1; i <= 5; i++)
		printf("%d squared is %d\n", i, i * i);
	printf("bye\n");
	return 0;
}
