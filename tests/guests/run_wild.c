/*
 * run_wild: a guest that stores outside its RAM. It prints a line, then
 * writes to 0x48000000: beyond the 16 MiB a guest has on tern (the
 * interpreter's default RAM, the hypervisor's stage 2) and beyond QEMU
 * virt's RAM with -m 64 (0x40000000-0x43ffffff), where nothing answers.
 * Every executor raises a synchronous external abort; the runtime's
 * vectors (lib/start.S) print "GUEST EXCEPTION: data abort ..." and power
 * off. The transcript is the same on all three.
 */
#include <stdint.h>
#include <stdio.h>

#define WILD_ADDR 0x48000000u

int main(void)
{
	printf("wild: storing to 0x%08lx\n", (unsigned long)WILD_ADDR);
	*(volatile uint32_t *)WILD_ADDR = 0x5eed;
	printf("wild: the store went through\n");
	return 0;
}
