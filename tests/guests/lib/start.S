/*
 * Entry of the test guests (tests/guests/guest.ld puts it at 0x40010000).
 * QEMU's virt -kernel and tern enter here in SVC mode, MMU and caches off,
 * interrupts masked. Sets the stack, a vector table that reports any
 * exception on the UART and powers off, VFP/NEON on, then C start-up.
 */
	.syntax unified
	.arm
	.arch armv7ve
	.fpu neon-vfpv4

	.section .text.start, "ax"
	.global _start
	.type _start, %function
_start:
	cpsid	aif
	ldr	sp, =__stack
	ldr	r0, =guest_vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	mrc	p15, 0, r0, c1, c0, 2		@ CPACR: cp10, cp11 full access
	orr	r0, r0, #0x00f00000
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #0x40000000			@ FPEXC.EN
	vmsr	fpexc, r0
	mov	r0, #0
	vmsr	fpscr, r0
	bl	guest_cstart			@ does not return
	b	guest_psci_off
	.size _start, . - _start

/* PSCI SYSTEM_OFF through the HVC conduit (QEMU virt and tern alike). */
	.text
	.global guest_psci_off
	.type guest_psci_off, %function
guest_psci_off:
	ldr	r0, =0x84000008
	hvc	#0
1:	wfi
	b	1b
	.size guest_psci_off, . - guest_psci_off

/* Exception vectors: report which one and where, then power off. */
	.balign 32
	.global guest_vectors
guest_vectors:
	b	.Lexc0
	b	.Lexc1
	b	.Lexc2
	b	.Lexc3
	b	.Lexc4
	b	.Lexc5
	b	.Lexc6
	b	.Lexc7
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
.Lexc\n:
	ldr	sp, =guest_exc_stack_top
	mov	r0, #\n
	b	.Lexc_common
	.endr
.Lexc_common:
	mov	r1, lr
	mrs	r2, spsr
	bl	guest_exception
	b	guest_psci_off

	.bss
	.balign 16
	.space 2048
guest_exc_stack_top:
