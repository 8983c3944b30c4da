/*
 * Hypervisor bench guest: the null HVC timed from inside the guest, to
 * cross-check the exec-log counts (docs/bench.md, "Hypervisor"). Under
 * QEMU 7.2 with -icount shift=0 the cycle counter PMCCNTR advances one
 * per instruction executed, in every mode PMCCFILTR lets it count; NSH
 * adds Hyp mode, i.e. tern (ARM ARM C12.8.2; tern leaves HDCR.HPMD
 * clear, B4.1.67). Prints eight pairs of lines, in hex: the counter
 * difference over two adjacent reads, then over a read, `hvc #0`
 * (PSCI_VERSION) and a read. Then PSCI SYSTEM_OFF.
 */
	.syntax unified
	.arm
	.arch armv7ve

	.section .text.start, "ax"
	.global _start
_start:
	mov	r0, #31
	mcr	p15, 0, r0, c9, c12, 5		@ PMSELR = 31: PMXEVTYPER is PMCCFILTR
	mov	r0, #(1 << 27)			@ PMCCFILTR.NSH: count in Hyp mode too
	mcr	p15, 0, r0, c9, c13, 1
	mov	r0, #0x80000000
	mcr	p15, 0, r0, c9, c12, 1		@ PMCNTENSET.C
	mov	r0, #1
	mcr	p15, 0, r0, c9, c12, 0		@ PMCR.E
	isb
	ldr	r1, =0x09000000			@ UARTDR
	mov	r6, #8
1:	mrc	p15, 0, r4, c9, c13, 0		@ PMCCNTR
	mrc	p15, 0, r5, c9, c13, 0
	sub	r7, r5, r4
	bl	put_hex
	ldr	r0, =0x84000000			@ PSCI_VERSION
	mrc	p15, 0, r4, c9, c13, 0
	hvc	#0
	mrc	p15, 0, r5, c9, c13, 0
	sub	r7, r5, r4
	bl	put_hex
	subs	r6, r6, #1
	bne	1b
	ldr	r0, =0x84000008			@ PSCI SYSTEM_OFF
	hvc	#0
	b	.

/* r7 as 8 hex digits and a newline to the UART at r1; uses r2, r3. */
put_hex:
	mov	r2, #28
2:	lsr	r3, r7, r2
	and	r3, r3, #15
	cmp	r3, #10
	addlo	r3, r3, #'0'
	addhs	r3, r3, #('a' - 10)
	str	r3, [r1]
	subs	r2, r2, #4
	bpl	2b
	mov	r3, #'\n'
	str	r3, [r1]
	bx	lr
