/*
 * Hypervisor bench guest: writes lines of 63 'x' to its PL011 data
 * register (0x09000000, DESIGN.md), forever. Each store is one trapped
 * MMIO write for tern (docs/bench.md, "Hypervisor").
 */
	.syntax unified
	.arm

	.section .text.start, "ax"
	.global _start
_start:
	ldr	r1, =0x09000000			@ UARTDR
	mov	r2, #'x'
	mov	r3, #'\n'
1:	mov	r0, #63
2:	str	r2, [r1]
	subs	r0, r0, #1
	bne	2b
	str	r3, [r1]
	b	1b
