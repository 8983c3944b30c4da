/*
 * regfill: puts a distinctive value in every register class the VMState
 * "cpu" section carries, prints "READY\n", then spins on one branch that
 * changes nothing. A snapshot taken after READY holds exactly the values of
 * regfill_values.py (the build turns it into regfill_values.h).
 *
 * Order matters: the banked registers of the other modes, VFP and cp15 are
 * set first; READY is printed with r0-r3 and the flags only; then CPSR flags
 * and all SVC core registers are loaded with instructions that touch nothing
 * else, and the guest spins at regfill_spin (the test checks the PC).
 */
#include "regfill_values.h"

	.syntax unified
	.arm
	.arch armv7ve
	.fpu neon-vfpv4

#define GUEST_UART 0x09000000	/* PL011 of QEMU virt */

#define MODE_USR 0x10
#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_SYS 0x1f

/* sp, lr and SPSR of one mode; we are in that mode */
#define BANK(M) \
	ldr sp, =RF_##M##_SP; \
	ldr lr, =RF_##M##_LR; \
	ldr r0, =RF_##M##_SPSR; \
	msr spsr_fsxc, r0

#define SETD(n) \
	ldr r0, =RF_D##n##_LO; \
	ldr r1, =RF_D##n##_HI; \
	vmov d##n, r0, r1

#define SETCP(NAME) \
	ldr r0, =RF_##NAME; \
	RF_##NAME##_MCR(r0)

/* a literal pool in the middle of the code, jumped over */
	.macro pool
	b	99f
	.ltorg
99:
	.endm

	.text
	.global main
	.type main, %function
main:
	/* FIQ: its own r8-r12, sp, lr, SPSR */
	cps	#MODE_FIQ
	ldr	r8, =RF_FIQ_R8
	ldr	r9, =RF_FIQ_R9
	ldr	r10, =RF_FIQ_R10
	ldr	r11, =RF_FIQ_R11
	ldr	r12, =RF_FIQ_R12
	BANK(FIQ)
	cps	#MODE_IRQ
	BANK(IRQ)
	cps	#MODE_ABT
	BANK(ABT)
	cps	#MODE_UND
	BANK(UND)
	/* SYS shares sp/lr with USR; it has no SPSR */
	cps	#MODE_SYS
	ldr	sp, =RF_USR_SP
	ldr	lr, =RF_USR_LR
	cps	#MODE_SVC
	ldr	r0, =RF_SVC_SPSR
	msr	spsr_fsxc, r0
	pool

	/* VFP: start.S enabled it; do it again so this file says it all */
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #0x00f00000
	mcr	p15, 0, r0, c1, c0, 2
	isb
	ldr	r0, =RF_FPEXC
	vmsr	fpexc, r0
	SETD(0);  SETD(1);  SETD(2);  SETD(3);  SETD(4);  SETD(5);  SETD(6);  SETD(7)
	SETD(8);  SETD(9);  SETD(10); SETD(11); SETD(12); SETD(13); SETD(14); SETD(15)
	pool
	SETD(16); SETD(17); SETD(18); SETD(19); SETD(20); SETD(21); SETD(22); SETD(23)
	SETD(24); SETD(25); SETD(26); SETD(27); SETD(28); SETD(29); SETD(30); SETD(31)
	ldr	r0, =RF_FPSCR
	vmsr	fpscr, r0
	pool

	/* cp15 registers of PL1 (MMU stays off) */
	SETCP(TTBCR)
	SETCP(TTBR0)
	SETCP(TTBR1)
	SETCP(DACR)
	SETCP(DFSR)
	SETCP(IFSR)
	SETCP(DFAR)
	SETCP(IFAR)
	SETCP(PRRR)
	SETCP(NMRR)
	SETCP(CONTEXTIDR)
	SETCP(TPIDRURW)
	SETCP(TPIDRURO)
	SETCP(TPIDRPRW)
	SETCP(CSSELR)
	SETCP(VBAR)
	isb
	pool

	/* "READY\n" on the PL011, r0-r3 only */
	adr	r1, ready_msg
	ldr	r2, =GUEST_UART
1:	ldrb	r0, [r1], #1
	cmp	r0, #0
	beq	3f
2:	ldr	r3, [r2, #0x18]
	tst	r3, #0x20			@ FR.TXFF
	bne	2b
	str	r0, [r2]
	b	1b
3:
	/* final state: CPSR flags, then every SVC core register */
	ldr	r0, =RF_CPSR_FLAGS
	msr	APSR_nzcvqg, r0
	ldr	r0, =RF_SVC_R0
	ldr	r1, =RF_SVC_R1
	ldr	r2, =RF_SVC_R2
	ldr	r3, =RF_SVC_R3
	ldr	r4, =RF_SVC_R4
	ldr	r5, =RF_SVC_R5
	ldr	r6, =RF_SVC_R6
	ldr	r7, =RF_SVC_R7
	ldr	r8, =RF_SVC_R8
	ldr	r9, =RF_SVC_R9
	ldr	r10, =RF_SVC_R10
	ldr	r11, =RF_SVC_R11
	ldr	r12, =RF_SVC_R12
	ldr	sp, =RF_SVC_SP
	ldr	lr, =RF_SVC_LR
	.global regfill_spin
	.type regfill_spin, %function
regfill_spin:
	b	regfill_spin
	.size regfill_spin, . - regfill_spin
	.size main, . - main
	.ltorg

ready_msg:
	.asciz	"READY\n"
	.balign 4
