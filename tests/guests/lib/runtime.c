/*
 * Shared runtime of the test guests: C start-up, the PL011 as picolibc's
 * stdout/stderr, exit() as PSCI SYSTEM_OFF, and the exception reporter the
 * vectors of start.S call.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

#define UART_DR (*(volatile uint32_t *)(GUEST_UART_BASE + 0x00))
#define UART_FR (*(volatile uint32_t *)(GUEST_UART_BASE + 0x18))
#define UART_FR_TXFF (1u << 5)

void guest_putc(char c)
{
	while (UART_FR & UART_FR_TXFF)
		;
	UART_DR = (uint8_t)c;
}

void guest_puts(const char *s)
{
	while (*s)
		guest_putc(*s++);
}

static int stdio_put(char c, FILE *f)
{
	(void)f;
	guest_putc(c);
	return (unsigned char)c;
}

static FILE guest_stdio = FDEV_SETUP_STREAM(stdio_put, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &guest_stdio;
FILE *const stdout = &guest_stdio;
FILE *const stderr = &guest_stdio;

void _exit(int status)
{
	(void)status;
	guest_psci_off();
}

static void put_hex(uint32_t v)
{
	for (int i = 28; i >= 0; i -= 4)
		guest_putc("0123456789abcdef"[(v >> i) & 15]);
}

/* Called by the vectors of start.S, on a stack of its own. */
void guest_exception(uint32_t vector, uint32_t lr, uint32_t spsr);
void guest_exception(uint32_t vector, uint32_t lr, uint32_t spsr)
{
	static const char *const names[8] = {
		"reset", "undefined", "svc", "prefetch abort",
		"data abort", "hyp", "irq", "fiq",
	};
	guest_puts("\nGUEST EXCEPTION: ");
	guest_puts(names[vector & 7]);
	guest_puts(" lr=");
	put_hex(lr);
	guest_puts(" spsr=");
	put_hex(spsr);
	guest_puts("\n");
}

extern char __tls_base[], __tbss_offset[], __tbss_size[];
extern char __bss_start[], __bss_end[];
extern void _set_tls(void *tls);
extern void __libc_init_array(void);
extern int main(void);

void guest_cstart(void) __attribute__((noreturn));
void guest_cstart(void)
{
	memset(__tls_base + (uintptr_t)__tbss_offset, 0, (uintptr_t)__tbss_size);
	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
	_set_tls(__tls_base);
	__libc_init_array();
	exit(main());
}
