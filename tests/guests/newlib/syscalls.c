/*
 * Runtime of the newlib builds of the g_* test guests: the system calls
 * newlib's libc wants (stdout/stderr to the PL011, _sbrk over the RAM past
 * the stack, _exit as PSCI SYSTEM_OFF), C start-up, and the exception
 * reporter the vectors of tests/guests/lib/start.S call. start.S is shared
 * with the picolibc builds: it sets the stack, VBAR and VFP, then calls
 * guest_cstart here.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "guest.h"

#define UART_DR (*(volatile uint32_t *)(GUEST_UART_BASE + 0x00))
#define UART_FR (*(volatile uint32_t *)(GUEST_UART_BASE + 0x18))
#define UART_FR_TXFF (1u << 5)

/* newlib calls these by their plain names (no reentrant stubs linked) */
int _write(int fd, const void *buf, size_t n);
int _read(int fd, void *buf, size_t n);
int _close(int fd);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
off_t _lseek(int fd, off_t off, int whence);
void *_sbrk(ptrdiff_t incr);
int _kill(int pid, int sig);
int _getpid(void);
void _exit(int status);
void _init(void);
void _fini(void);

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

int _write(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		guest_putc(p[i]);
	return (int)n;
}

int _read(int fd, void *buf, size_t n)
{
	(void)fd;
	(void)buf;
	(void)n;
	return 0; /* end of file: the guests read nothing */
}

int _close(int fd)
{
	(void)fd;
	return 0;
}

/* A character device: newlib then line-buffers stdout, so a guest that
 * dies in an exception has still printed every finished line. */
int _fstat(int fd, struct stat *st)
{
	(void)fd;
	memset(st, 0, sizeof(*st));
	st->st_mode = S_IFCHR;
	return 0;
}

int _isatty(int fd)
{
	return fd >= 0 && fd <= 2;
}

off_t _lseek(int fd, off_t off, int whence)
{
	(void)fd;
	(void)off;
	(void)whence;
	errno = ESPIPE;
	return -1;
}

/* The heap: from the end of the image (past the stack) to the end of the
 * 15 MiB tests/guests/guest.ld gives the guest. */
extern char __heap_start[], __heap_end[];

void *_sbrk(ptrdiff_t incr)
{
	static char *brk = __heap_start;
	char *old = brk;
	if (incr > __heap_end - brk || incr < __heap_start - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	brk += incr;
	return old;
}

int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	errno = EINVAL;
	return -1;
}

int _getpid(void)
{
	return 1;
}

void _exit(int status)
{
	(void)status;
	guest_psci_off();
}

/* -nostartfiles drops crti/crtn; __libc_init_array and exit still call these */
void _init(void)
{
}

void _fini(void)
{
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

extern char __bss_start[], __bss_end[];
extern void __libc_init_array(void);
extern int main(void);

void guest_cstart(void) __attribute__((noreturn));
void guest_cstart(void)
{
	memset(__bss_start, 0, (size_t)(__bss_end - __bss_start));
	__libc_init_array();
	exit(main());
}
