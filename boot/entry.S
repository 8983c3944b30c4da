/*
 * tern firmware entry: the first instruction QEMU (-kernel ELF) or a board's
 * boot loader runs. It works out what kind of core and mode it was given,
 * builds a C environment (stacks, VFP, BSS, picolibc's TLS) and calls
 * kernel_main().
 *
 * No MMU, no caches: every access is Strongly-ordered until a later issue
 * turns the MMU on (ARM ARM B3.2.1), so code must not make unaligned
 * accesses (board.mk builds tern with -mno-unaligned-access).
 */
#include "boot/boot.h"

	.syntax unified
	.arm

/* SCTLR/HSCTLR bits cleared at entry (ARM ARM B4.1.130 SCTLR; HSCTLR has
 * the same bits at the same places). */
#define SCTLR_A   (1 << 1)   /* alignment checks: off, the compiler decides */
#define SCTLR_V   (1 << 13)  /* high vectors: off, so VBAR is used */
#define SCTLR_EE  (1 << 25)  /* big-endian exception entry: off */
#define SCTLR_TE  (1 << 30)  /* Thumb exception entry: off, vectors are ARM */
#define SCTLR_CLEAR (SCTLR_A | SCTLR_V | SCTLR_EE | SCTLR_TE)

/* HCPTR (ARM ARM B4.1, HCPTR; B1.14, traps to the hypervisor): traps of
 * cp10/cp11 (VFP, NEON), Advanced SIMD and trace register accesses to Hyp
 * mode. Their reset values are UNKNOWN. */
#define HCPTR_TCP10 (1 << 10)
#define HCPTR_TCP11 (1 << 11)
#define HCPTR_TASE  (1 << 15)
#define HCPTR_TTA   (1 << 20)

/* CPACR (ARM ARM B4.1.40): cp10/cp11 full access, D32DIS and ASEDIS
 * clear so all 32 D registers and Advanced SIMD are usable. */
#define CPACR_CP10_CP11_FULL (0xf << 20)
#define CPACR_D32DIS_ASEDIS  (3 << 30)

#define FPEXC_EN (1 << 30)    /* ARM ARM B1.11, enabling the FP/SIMD unit */

	.section .text.boot, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	/*
	 * r4-r10 hold what the core looked like at entry until BSS is clear
	 * and boot_entry can take it.
	 */
	mov	r4, r0
	mov	r5, r1
	mov	r6, r2
	mrs	r7, cpsr
	cpsid	aif			@ QEMU enters with them masked; a loader may not
	mrc	p15, 0, r8, c0, c0, 5	@ MPIDR   (ARM ARM B4.1.106)
	mrc	p15, 0, r9, c0, c1, 1	@ ID_PFR1 (ARM ARM B4.1.94)
	mrc	p15, 0, r10, c0, c0, 0	@ MIDR    (ARM ARM B4.1.105)

	/*
	 * Only the core with MPIDR.Aff0 == 0 boots. raspi2b starts all four
	 * cores here; on virt the field is 0 and this falls through. Later
	 * issues release the others (PSCI CPU_ON or a mailbox).
	 */
	ands	r0, r8, #0xff
	bne	boot_park

	and	r0, r7, #BOOT_CPSR_M
	cmp	r0, #BOOT_MODE_HYP
	beq	boot_hyp
	cmp	r0, #BOOT_MODE_USR	@ unprivileged: nothing can be set up
	beq	boot_park
	cps	#BOOT_MODE_SVC		@ any other PL1 mode: run in SVC

	/*
	 * Security Extensions present and SVC: the core is taken to be in
	 * Secure state (QEMU and the boards tern knows enter so; reading SCR
	 * would tell for sure but is UNDEFINED in Non-secure state). With the
	 * Virtualization Extensions too, non-secure HYP is reachable through
	 * Monitor mode.
	 */
	ubfx	r0, r9, #BOOT_ID_PFR1_SECURITY_SHIFT, #4
	cmp	r0, #0
	beq	boot_svc
	ubfx	r0, r9, #BOOT_ID_PFR1_VIRT_SHIFT, #4
	cmp	r0, #0
	beq	boot_svc
	bl	boot_secure_to_hyp
	mrs	r0, cpsr
	and	r0, r0, #BOOT_CPSR_M
	cmp	r0, #BOOT_MODE_HYP
	beq	boot_hyp

boot_svc:
	mrc	p15, 0, r0, c1, c0, 0	@ SCTLR
	ldr	r1, =SCTLR_CLEAR
	bic	r0, r0, r1
	mcr	p15, 0, r0, c1, c0, 0
	isb
	ldr	r0, =boot_vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR (ARM ARM B4.1.156)

	/* One stack per PL1 exception mode: a fault report must not depend
	 * on the interrupted mode's SP (ARM ARM B1.3.2, banked registers). */
	cps	#BOOT_MODE_UND
	ldr	sp, =__stack_und_top
	cps	#BOOT_MODE_ABT
	ldr	sp, =__stack_abt_top
	cps	#BOOT_MODE_IRQ
	ldr	sp, =__stack_irq_top
	cps	#BOOT_MODE_FIQ
	ldr	sp, =__stack_fiq_top
	cps	#BOOT_MODE_SVC
	ldr	sp, =__stack_main_top

	mrc	p15, 0, r0, c1, c0, 2	@ CPACR
	orr	r0, r0, #CPACR_CP10_CP11_FULL
	bic	r0, r0, #CPACR_D32DIS_ASEDIS
	mcr	p15, 0, r0, c1, c0, 2
	isb				@ before the first VFP access (B4.1.40)
	b	boot_common

boot_hyp:
	/* Exceptions taken from Hyp mode go to HVBAR's table and stay in
	 * Hyp mode on SP_hyp (ARM ARM B1.8, exception handling; B1.7, the
	 * Virtualization Extensions), so Hyp needs one stack and one table.
	 * VBAR belongs to the guests' PL1 and is left alone. */
	mrc	p15, 4, r0, c1, c0, 0	@ HSCTLR
	ldr	r1, =SCTLR_CLEAR
	bic	r0, r0, r1
	mcr	p15, 4, r0, c1, c0, 0
	isb
	ldr	r0, =boot_hyp_vectors
	mcr	p15, 4, r0, c12, c0, 0	@ HVBAR (ARM ARM B4.1, HVBAR)
	ldr	sp, =__stack_main_top

	mrc	p15, 4, r0, c1, c1, 2	@ HCPTR
	bic	r0, r0, #(HCPTR_TCP10 | HCPTR_TCP11)
	bic	r0, r0, #(HCPTR_TASE | HCPTR_TTA)
	mcr	p15, 4, r0, c1, c1, 2
	/* CPACR governs PL0/PL1 accesses (ARM ARM B4.1.40); Hyp mode obeys
	 * HCPTR. Opening it too costs nothing and leaves the FP unit usable
	 * whichever of them a later issue consults first. */
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #CPACR_CP10_CP11_FULL
	bic	r0, r0, #CPACR_D32DIS_ASEDIS
	mcr	p15, 0, r0, c1, c0, 2
	isb

boot_common:
	/* picolibc is built for hard float and its string functions use
	 * NEON: enable the unit before any C runs (ARM ARM B1.11). */
	mov	r0, #FPEXC_EN
	vmsr	fpexc, r0
	mov	r0, #0
	vmsr	fpscr, r0		@ round to nearest, no traps, IEEE mode

	/* BSS, TLS BSS included; both ends are 8-byte aligned (tern.ld). */
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	stmialo	r0!, {r2, r3}
	blo	1b

	ldr	r0, =boot_entry
	str	r7, [r0, #BOOT_ENTRY_CPSR]
	mrs	r1, cpsr
	and	r1, r1, #BOOT_CPSR_M
	str	r1, [r0, #BOOT_ENTRY_MODE]
	str	r10, [r0, #BOOT_ENTRY_MIDR]
	str	r8, [r0, #BOOT_ENTRY_MPIDR]
	str	r9, [r0, #BOOT_ENTRY_ID_PFR1]
	str	r4, [r0, #BOOT_ENTRY_R0]
	str	r5, [r0, #BOOT_ENTRY_R1]
	str	r6, [r0, #BOOT_ENTRY_R2]

	/*
	 * picolibc keeps errno and friends in TLS and inlines reads of
	 * TPIDRURO to find it. _set_tls points TPIDRURO at the one TLS block
	 * (.tdata/.tbss, already in place: the image is loaded where it is
	 * linked). In Hyp mode TPIDRURO is also the guest's register: the
	 * world switch must give tern its value back before C runs.
	 */
	ldr	r0, =__tls_base
	bl	_set_tls
	bl	__libc_init_array	@ constructors, as picolibc's crt0 runs them
	bl	kernel_main
	b	boot_halt
	.size _start, . - _start

/*
 * Hook for the secure -> non-secure HYP switch (vexpress-a15, raspi2b,
 * virt,secure=on,virtualization=on): set up MVBAR and Monitor mode, set
 * SCR.NS and SCR.HCE, NSACR for cp10/cp11, then exception-return to HYP
 * (ARM ARM B1.9, "Security Extensions"; B1.7, "Hyp mode"). A later issue
 * builds it; for now it returns in secure SVC, and tern runs guests on the
 * interpreter. It may use r0-r3 and r12 only (r4-r10 carry entry state).
 */
	.global boot_secure_to_hyp
	.type boot_secure_to_hyp, %function
boot_secure_to_hyp:
	bx	lr
	.size boot_secure_to_hyp, . - boot_secure_to_hyp

/* Cores that are not the boot core wait here, with interrupts masked. */
	.type boot_park, %function
boot_park:
	wfe
	b	boot_park
	.size boot_park, . - boot_park

	.global boot_halt
	.type boot_halt, %function
boot_halt:
	cpsid	aif
	dsb
1:	wfi
	b	1b
	.size boot_halt, . - boot_halt

	.ltorg

	.section .bss.boot_entry, "aw", %nobits
	.balign 8
	.global boot_entry
	.type boot_entry, %object
boot_entry:
	.space	BOOT_ENTRY_SIZE
	.size boot_entry, . - boot_entry
