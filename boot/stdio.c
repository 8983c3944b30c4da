/*
 * picolibc's standard streams on the board console. picolibc's tinystdio
 * wants the application to define stdin/stdout/stderr as FILE pointers to
 * streams with put/get functions (FDEV_SETUP_STREAM, picolibc's stdio.h);
 * this file is that definition for the firmware boards.
 *
 * It is linked outside libtern.a (main-y): libc refers to stdout, and the
 * linker searches libc after the library.
 */
#include <stdio.h>

#include "kernel/board.h"

/* Text: a serial terminal wants CR LF. Raw bytes use board_console_putc. */
static int boot_stdio_put(char c, FILE *f)
{
	(void)f;
	if (c == '\n')
		board_console_putc('\r');
	board_console_putc(c);
	return (unsigned char)c;
}

/* Blocks, polling: nothing enables the UART's receive interrupt yet, so
 * waiting with WFI could sleep forever. */
static int boot_stdio_get(FILE *f)
{
	int c;

	(void)f;
	while ((c = board_console_getc()) < 0)
		;
	return c;
}

static FILE boot_stdio = FDEV_SETUP_STREAM(boot_stdio_put, boot_stdio_get,
					   NULL, _FDEV_SETUP_RW);

/* `used`: under -flto nothing the compiler sees refers to them (libc's
 * references come in at the final link), and it would drop them. */
__attribute__((used)) FILE *const stdin = &boot_stdio;
__attribute__((used)) FILE *const stdout = &boot_stdio;
__attribute__((used)) FILE *const stderr = &boot_stdio;
