/*
 * Exception vector tables. Nothing in the firmware expects an exception
 * yet: interrupts stay masked and no code uses SVC or HVC. So every entry
 * of the PL1 and Hyp tables saves r0-r12 and lr on its mode's stack and
 * hands them to boot_fault(), which prints what happened on the console
 * and stops the core. Later issues replace entries (the hypervisor's
 * traps, IRQs) one by one.
 *
 * Two more small tables serve the boot code itself: the Monitor table
 * (MVBAR), left behind when tern takes a core from Secure state to
 * non-secure HYP, and the probe table entry.S uses to find out whether it
 * runs in Secure state.
 *
 * All tables must be 32-byte aligned: VBAR, HVBAR and MVBAR bits [4:0]
 * are reserved (ARM ARM B4.1.156 VBAR; B4.1, HVBAR and MVBAR).
 */
#include "boot/boot.h"

	.syntax unified
	.arm
	.arch_extension virt		@ mrs rN, elr_hyp
	.arch_extension sec

	.section .text.vectors, "ax", %progbits

/* PL1 table (SVC-mode firmware). Entry offsets: ARM ARM B1.8.1. */
	.balign 32
	.global boot_vectors
	.type boot_vectors, %object
boot_vectors:
	b	boot_vec_reset		@ 0x00 (reset does not come here via VBAR)
	b	boot_vec_undef		@ 0x04 undefined instruction, UND mode
	b	boot_vec_svc		@ 0x08 supervisor call, SVC mode
	b	boot_vec_pabt		@ 0x0c prefetch abort, ABT mode
	b	boot_vec_dabt		@ 0x10 data abort, ABT mode
	b	boot_vec_unused		@ 0x14 not used
	b	boot_vec_irq		@ 0x18 IRQ, IRQ mode
	b	boot_vec_fiq		@ 0x1c FIQ, FIQ mode
	.size boot_vectors, . - boot_vectors

/* Hyp table (HYP-mode firmware): exceptions taken to Hyp mode, from Hyp
 * mode itself or trapped from the guests' PL0/PL1 (0x14). ARM ARM B1.8.1. */
	.balign 32
	.global boot_hyp_vectors
	.type boot_hyp_vectors, %object
boot_hyp_vectors:
	b	boot_hvec_0		@ 0x00 not used
	b	boot_hvec_1		@ 0x04 undefined instruction in Hyp mode
	b	boot_hvec_2		@ 0x08 SVC or HVC in Hyp mode (HSR.EC)
	b	boot_hvec_3		@ 0x0c prefetch abort in Hyp mode
	b	boot_hvec_4		@ 0x10 data abort in Hyp mode
	b	boot_hvec_5		@ 0x14 Hyp trap: from PL0/PL1, HVC too
	b	boot_hvec_6		@ 0x18 IRQ
	b	boot_hvec_7		@ 0x1c FIQ
	.size boot_hyp_vectors, . - boot_hyp_vectors

/*
 * Monitor table (Secure state, SCR.NS whatever it was at the exception).
 * Only SMC can come here: SCR.IRQ, SCR.FIQ and SCR.EA are 0 (entry.S), so
 * interrupts and external aborts stay in the non-secure modes (ARM ARM
 * B1.8, routing of exceptions to Monitor mode; B4.1.129). tern is the only
 * secure software: an SMC is a call to firmware that does not exist, and
 * gets the SMC Calling Convention's NOT_SUPPORTED (-1) in r0, nothing else
 * changed (ARM DEN 0028; PSCI's NOT_SUPPORTED is the same value). The
 * return address is LR_mon, the instruction after the SMC (B1.8, exception
 * return addresses). The other entries should never be taken: stop the
 * core (Monitor mode has no stack to report from).
 */
	.balign 32
	.global boot_mon_vectors
	.type boot_mon_vectors, %object
boot_mon_vectors:
	b	boot_halt		@ 0x00 not used
	b	boot_halt		@ 0x04 not used
	b	boot_mon_smc		@ 0x08 SMC
	b	boot_halt		@ 0x0c prefetch abort (SCR.EA)
	b	boot_halt		@ 0x10 data abort (SCR.EA)
	b	boot_halt		@ 0x14 not used
	b	boot_halt		@ 0x18 IRQ (SCR.IRQ)
	b	boot_halt		@ 0x1c FIQ (SCR.FIQ)
	.size boot_mon_vectors, . - boot_mon_vectors

	.type boot_mon_smc, %function
boot_mon_smc:
	mvn	r0, #0
	movs	pc, lr
	.size boot_mon_smc, . - boot_mon_smc

/*
 * Probe table (entry.S, PL1, before anything else is set up): the read of
 * SCR is UNDEFINED in Non-secure state and without the Security
 * Extensions (B4.1.129). The undefined instruction entry clears r3 and
 * returns to the instruction after the faulting one (LR_und is that
 * address for an ARM-state undefined instruction: B1.8, exception return
 * addresses). Anything else taken here is a bug: stop.
 */
	.balign 32
	.global boot_probe_vectors
	.type boot_probe_vectors, %object
boot_probe_vectors:
	b	boot_halt		@ 0x00
	b	boot_probe_undef	@ 0x04 undefined instruction
	b	boot_halt		@ 0x08
	b	boot_halt		@ 0x0c
	b	boot_halt		@ 0x10
	b	boot_halt		@ 0x14
	b	boot_halt		@ 0x18
	b	boot_halt		@ 0x1c
	.size boot_probe_vectors, . - boot_probe_vectors

	.type boot_probe_undef, %function
boot_probe_undef:
	mov	r3, #0
	movs	pc, lr
	.size boot_probe_undef, . - boot_probe_undef

/*
 * The stubs. The interrupted SP may be only 4-byte aligned; boot_fault is
 * an AAPCS function and wants 8 (AAPCS 5.2.1.2), and it never returns, so
 * the stubs simply round SP down after recording the frame address.
 */
.macro PL1_STUB name, kind
	.type boot_vec_\name, %function
boot_vec_\name:
	push	{r0-r12, lr}
	mov	r0, #\kind
	mov	r1, sp
	mrs	r2, spsr
	mov	r3, lr
	bic	sp, sp, #7
	bl	boot_fault
	.size boot_vec_\name, . - boot_vec_\name
.endm

.macro HYP_STUB n
	.type boot_hvec_\n, %function
boot_hvec_\n:
	push	{r0-r12, lr}
	mov	r0, #(BOOT_FAULT_HYP + \n)
	mov	r1, sp
	mrs	r2, spsr
	mrs	r3, elr_hyp
	bic	sp, sp, #7
	bl	boot_fault
	.size boot_hvec_\n, . - boot_hvec_\n
.endm

	PL1_STUB reset,  BOOT_FAULT_RESET
	PL1_STUB undef,  BOOT_FAULT_UNDEF
	PL1_STUB svc,    BOOT_FAULT_SVC
	PL1_STUB pabt,   BOOT_FAULT_PABT
	PL1_STUB dabt,   BOOT_FAULT_DABT
	PL1_STUB unused, BOOT_FAULT_UNUSED
	PL1_STUB irq,    BOOT_FAULT_IRQ
	PL1_STUB fiq,    BOOT_FAULT_FIQ

	HYP_STUB 0
	HYP_STUB 1
	HYP_STUB 2
	HYP_STUB 3
	HYP_STUB 4
	HYP_STUB 5
	HYP_STUB 6
	HYP_STUB 7
