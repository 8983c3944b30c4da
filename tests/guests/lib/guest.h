/* Shared runtime of the test guests (tests/guests/lib). */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>

#define GUEST_UART_BASE 0x09000000u	/* PL011 on QEMU virt */
#define PSCI_SYSTEM_OFF 0x84000008u

void guest_putc(char c);
void guest_puts(const char *s);	/* no newline added */
void guest_psci_off(void) __attribute__((noreturn));

static inline uint64_t guest_cntvct(void)
{
	uint64_t v;
	__asm__ volatile("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(v));
	return v;
}

static inline uint32_t guest_cntfrq(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

#endif
