/*
 * Hypervisor bench guest: turns VFP on and adds doubles forever, so that
 * it uses the register file in every slice it gets. Two of them give the
 * full world switch with VFP state (docs/bench.md, "Hypervisor").
 */
	.syntax unified
	.arm
	.arch armv7-a
	.fpu vfpv3-d16

	.section .text.start, "ax"
	.global _start
_start:
	mrc	p15, 0, r0, c1, c0, 2		@ CPACR: cp10, cp11 full access
	orr	r0, r0, #0x00f00000
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000			@ FPEXC.EN
	vmsr	fpexc, r0
	vmov.f64 d1, #1.0
1:	vadd.f64 d0, d0, d1
	b	1b
