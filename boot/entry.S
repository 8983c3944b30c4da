/*
 * tern firmware entry: the first instruction QEMU (-kernel ELF, -bios raw
 * image), a Raspberry Pi's GPU firmware or another loader runs, on every
 * core the loader starts. It works out what kind of core and mode it was
 * given, takes the core to non-secure HYP wherever that can be done, and
 * on the boot core builds a C environment (stacks, BSS, VFP, picolibc's
 * TLS, the MMU and caches) and calls kernel_main().
 *
 * The three ways in (spec/qemu-7.2-boot-modes.md):
 *   HYP            QEMU virt,virtualization=on; a Raspberry Pi's firmware.
 *                  Stay there.
 *   Secure SVC     QEMU vexpress-a15, raspi2b, virt,secure=on[,virt..=on].
 *                  With the Virtualization Extensions: set up what only
 *                  Secure state may (secure.c), then Monitor mode, SCR.NS
 *                  and SCR.HCE, and an exception return to non-secure HYP,
 *                  as a boot loader does. Without them: stay in Secure SVC.
 *   Non-secure SVC QEMU virt: no way to HYP. Stay in SVC.
 * Guests then run on the hypervisor (HYP) or on the interpreter (SVC).
 *
 * The loader's boot protocol is taken to hold: MMU and data cache off,
 * cache contents clean (Linux's protocol for zImage; QEMU and the Pi
 * firmware follow it). Until boot_mmu_enable() every data access is
 * Strongly-ordered (ARM ARM B3.2.1), so no code may make unaligned
 * accesses before it (board.mk builds tern with -mno-unaligned-access).
 */
#include "boot/boot.h"

	.syntax unified
	.arm
	.arch_extension sec		@ Monitor mode, SCR, MVBAR
	.arch_extension virt		@ Hyp registers

/* SCTLR and HSCTLR bits cleared at entry (ARM ARM B4.1.130 SCTLR; B4.1,
 * HSCTLR, which has the same bits at the same places): MMU, caches and
 * alignment checks off until boot_mmu_enable(), low vectors through VBAR or
 * HVBAR, little-endian ARM exception entry, no write-implies-XN. */
#define SCTLR_M   (1 << 0)
#define SCTLR_A   (1 << 1)
#define SCTLR_C   (1 << 2)
#define SCTLR_I   (1 << 12)
#define SCTLR_V   (1 << 13)
#define SCTLR_WXN (1 << 19)
#define SCTLR_EE  (1 << 25)
#define SCTLR_TE  (1 << 30)
#define SCTLR_CLEAR (SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_I | SCTLR_V | \
		     SCTLR_WXN | SCTLR_EE | SCTLR_TE)

/* SCR (ARM ARM B4.1.129), as boot loaders set it to leave Secure state:
 * NS, the non-secure world; FW and AW, so that non-secure code may mask
 * FIQs and external aborts; HCE, HVC enabled. IRQ, FIQ and EA stay 0: all
 * three are taken in the non-secure modes, not in Monitor mode; SCD stays
 * 0 so that an SMC reaches boot_mon_vectors. */
#define SCR_NS  (1 << 0)
#define SCR_FW  (1 << 4)
#define SCR_AW  (1 << 5)
#define SCR_HCE (1 << 8)
#define SCR_TO_HYP (SCR_NS | SCR_FW | SCR_AW | SCR_HCE)

/* HCPTR (ARM ARM B4.1, HCPTR; B1.14): traps of cp10/cp11 (VFP, NEON),
 * Advanced SIMD and trace register accesses to Hyp mode. Their reset
 * values are UNKNOWN. */
#define HCPTR_TCP10 (1 << 10)
#define HCPTR_TCP11 (1 << 11)
#define HCPTR_TASE  (1 << 15)
#define HCPTR_TTA   (1 << 20)

/* CNTHCTL (ARM ARM B4.1, CNTHCTL): PL1PCTEN and PL1PCEN, the physical
 * counter and timer usable from PL1 (what Linux's Hyp stub leaves). */
#define CNTHCTL_PL1_ACCESS 3

/* CPACR (ARM ARM B4.1.40): cp10/cp11 full access, D32DIS and ASEDIS
 * clear so all 32 D registers and Advanced SIMD are usable. */
#define CPACR_CP10_CP11_FULL (0xf << 20)
#define CPACR_D32DIS_ASEDIS  (3 << 30)

#define FPEXC_EN (1 << 30)    /* ARM ARM B1.11, enabling the FP/SIMD unit */

#if BOOT_CPU_STACK_SIZE != 0x400
#error "entry.S indexes the per-core stacks with lsl #10"
#endif

/* The FP/SIMD unit on, before any C: picolibc is built for hard float,
 * its string functions use NEON and GCC may vectorize tern's own C. */
.macro FP_ON
	mrc	p15, 0, r0, c1, c0, 2	@ CPACR
	orr	r0, r0, #CPACR_CP10_CP11_FULL
	bic	r0, r0, #CPACR_D32DIS_ASEDIS
	mcr	p15, 0, r0, c1, c0, 2
	isb				@ before the first VFP access (B4.1.40)
	mov	r0, #FPEXC_EN
	vmsr	fpexc, r0
	mov	r0, #0
	vmsr	fpscr, r0		@ round to nearest, no traps, IEEE mode
.endm

	.section .text.boot, "ax", %progbits
	.global _start
	.type _start, %function
_start:
	/*
	 * Registers until the C environment exists: r4-r6 the loader's
	 * r0-r2, r7 CPSR at entry, r8 MPIDR, r9 ID_PFR1, r10 MIDR, r11 this
	 * core's number (MPIDR.Aff0). From "2:" on r4 collects BOOT_F_*.
	 */
	mov	r4, r0
	mov	r5, r1
	mov	r6, r2
	mrs	r7, cpsr
	cpsid	aif			@ QEMU enters with them masked; a loader may not
	mrc	p15, 0, r8, c0, c0, 5	@ MPIDR   (ARM ARM B4.1.106)
	mrc	p15, 0, r9, c0, c1, 1	@ ID_PFR1 (ARM ARM B4.1.94)
	mrc	p15, 0, r10, c0, c0, 0	@ MIDR    (ARM ARM B4.1.105)
	and	r11, r8, #0xff

	cmp	r11, #BOOT_MAX_CPUS	@ no stack or pen slot: stop here
	bhs	boot_park_here
	and	r0, r7, #BOOT_CPSR_M
	cmp	r0, #BOOT_MODE_USR	@ unprivileged: nothing can be set up
	beq	boot_park_here

	/*
	 * The boot core is the one with MPIDR.Aff0 == 0 (raspi2b starts all
	 * four cores here, the others have 1-3). It clears BSS before any C
	 * runs anywhere: the other cores never touch BSS, their stacks and
	 * pen words are outside it. Both ends are 8-byte aligned (tern.ld).
	 */
	cmp	r11, #0
	bne	2f
	ldr	r0, =__bss_start
	ldr	r1, =__bss_end
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	stmialo	r0!, {r2, r3}
	blo	1b
	ldr	r0, =boot_entry
	str	r7, [r0, #BOOT_ENTRY_CPSR]
	str	r10, [r0, #BOOT_ENTRY_MIDR]
	str	r8, [r0, #BOOT_ENTRY_MPIDR]
	str	r9, [r0, #BOOT_ENTRY_ID_PFR1]
	str	r4, [r0, #BOOT_ENTRY_R0]
	str	r5, [r0, #BOOT_ENTRY_R1]
	str	r6, [r0, #BOOT_ENTRY_R2]

2:	mov	r4, #0
	and	r0, r7, #BOOT_CPSR_M
	cmp	r0, #BOOT_MODE_HYP
	beq	boot_hyp

	/* Any PL1 mode (Monitor included): run in SVC from here on. */
	cps	#BOOT_MODE_SVC
	mrc	p15, 0, r0, c1, c0, 0	@ SCTLR
	ldr	r1, =SCTLR_CLEAR
	bic	r0, r0, r1
	mcr	p15, 0, r0, c1, c0, 0
	isb

	/*
	 * Secure or not? SCR is accessible from Secure PL1 only and
	 * UNDEFINED in Non-secure state or without the Security Extensions
	 * (ARM ARM B4.1.129), so read it with a vector table whose undefined
	 * instruction entry clears r3 and returns past the read. Nothing
	 * else in ID registers tells the two states apart.
	 */
	ldr	r0, =boot_probe_vectors
	mcr	p15, 0, r0, c12, c0, 0	@ VBAR (ARM ARM B4.1.156)
	isb
	mov	r3, #1
	mrc	p15, 0, r0, c1, c1, 0	@ SCR, or boot_probe_undef
	cmp	r3, #0
	orrne	r4, r4, #BOOT_F_SECURE
	ldr	r0, =boot_vectors
	mcr	p15, 0, r0, c12, c0, 0
	isb

	/* SVC stack: the kernel's on the boot core, a small one a core on
	 * the others (only boot_secure_setup runs on it). */
	ldr	r0, =__stack_cpus_base
	add	r0, r0, r11, lsl #10
	add	sp, r0, #BOOT_CPU_STACK_SIZE
	cmp	r11, #0
	ldreq	sp, =__stack_main_top
	FP_ON

	tst	r4, #BOOT_F_SECURE
	beq	boot_pl1		@ non-secure SVC: HYP is out of reach
	ubfx	r5, r9, #BOOT_ID_PFR1_VIRT_SHIFT, #4
	mov	r0, r11
	subs	r1, r5, #0
	movne	r1, #1			@ to_ns: only if HYP exists to go to
	bl	boot_secure_setup
	cmp	r5, #0
	beq	boot_pl1		@ Secure SVC without HYP: stay
	bl	boot_monitor_to_hyp
	orr	r4, r4, #BOOT_F_MONITOR	@ now in non-secure HYP

boot_hyp:
	/*
	 * Exceptions taken from Hyp mode go to HVBAR's table and stay in
	 * Hyp mode on SP_hyp (ARM ARM B1.8; B1.7, the Virtualization
	 * Extensions), so Hyp needs one stack and one table. VBAR belongs to
	 * the guests' PL1 and is left alone.
	 */
	mrc	p15, 4, r0, c1, c0, 0	@ HSCTLR (ARM ARM B4.1, HSCTLR)
	ldr	r1, =SCTLR_CLEAR
	bic	r0, r0, r1
	mcr	p15, 4, r0, c1, c0, 0
	isb
	ldr	r0, =boot_hyp_vectors
	mcr	p15, 4, r0, c12, c0, 0	@ HVBAR (ARM ARM B4.1, HVBAR)
	/* No traps and no stage 2 until the world switch sets them: HCR
	 * and HSTR reset to UNKNOWN values (ARM ARM B4.1, HCR and HSTR). */
	mov	r0, #0
	mcr	p15, 4, r0, c1, c1, 0	@ HCR
	mcr	p15, 4, r0, c1, c1, 3	@ HSTR
	mrc	p15, 4, r0, c1, c1, 2	@ HCPTR
	bic	r0, r0, #(HCPTR_TCP10 | HCPTR_TCP11)
	bic	r0, r0, #(HCPTR_TASE | HCPTR_TTA)
	mcr	p15, 4, r0, c1, c1, 2
	isb
	/* CPACR governs PL0/PL1 accesses (ARM ARM B4.1.40); Hyp mode obeys
	 * HCPTR. Opening it too leaves the FP unit usable whichever of them
	 * a later issue consults first. */
	FP_ON

	/* Generic timer (ARM ARM B8.1): CNTVOFF resets to an UNKNOWN value
	 * and only Hyp mode (or Monitor with SCR.NS set) may write it. */
	ubfx	r0, r9, #BOOT_ID_PFR1_GENTIMER_SHIFT, #4
	cmp	r0, #0
	beq	1f
	mrc	p15, 4, r0, c14, c1, 0	@ CNTHCTL
	orr	r0, r0, #CNTHCTL_PL1_ACCESS
	mcr	p15, 4, r0, c14, c1, 0
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14	@ CNTVOFF
	isb
1:
	cmp	r11, #0
	bne	boot_pen
	ldr	sp, =__stack_main_top
	b	boot_common

boot_pl1:
	cmp	r11, #0
	bne	boot_pen
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

boot_common:
	/* Boot core, in the mode tern keeps: record how it got here. */
	ldr	r0, =boot_entry
	ldr	r1, [r0, #BOOT_ENTRY_FLAGS]	@ boot_secure_setup's bit
	orr	r1, r1, r4
	str	r1, [r0, #BOOT_ENTRY_FLAGS]
	mrs	r1, cpsr
	and	r1, r1, #BOOT_CPSR_M
	str	r1, [r0, #BOOT_ENTRY_MODE]
	ubfx	r1, r9, #BOOT_ID_PFR1_GENTIMER_SHIFT, #4
	cmp	r1, #0
	mrcne	p15, 0, r1, c14, c0, 0	@ CNTFRQ (ARM ARM B8, generic timer)
	str	r1, [r0, #BOOT_ENTRY_CNTFRQ]

	/*
	 * picolibc keeps errno and friends in TLS and inlines reads of
	 * TPIDRURO to find it. _set_tls points TPIDRURO at the one TLS block
	 * (.tdata/.tbss, already in place: the image is loaded where it is
	 * linked). In Hyp mode TPIDRURO is also the guest's register: the
	 * world switch must give tern its value back before C runs.
	 */
	ldr	r0, =__tls_base
	bl	_set_tls
	bl	boot_mmu_enable
	bl	__libc_init_array	@ constructors, as picolibc's crt0 runs them
	bl	kernel_main
	b	boot_halt
	.size _start, . - _start

/*
 * Secure SVC -> Monitor -> non-secure HYP, on the current core
 * (ARM ARM B1.5, Security Extensions; B1.7, Hyp mode; B1.8, exception
 * return). Called in Secure SVC once boot_secure_setup() has done what
 * only Secure state may; returns to its caller in non-secure HYP, with
 * SP_hyp not set. Uses r0 and r12 only: r12 carries the return address,
 * since LR is banked between SVC and Monitor modes (B1.3.2).
 *
 * Secure PL1 may enter Monitor mode with CPS (B1.5, no SMC needed);
 * MVBAR still has a table (boot_secure_setup), so that a later SMC from
 * the non-secure side has somewhere to go. In Monitor mode with SCR.NS
 * set, an exception return may target Hyp mode, and does so in
 * Non-secure state (B1.7, "entering Hyp mode").
 */
	.type boot_monitor_to_hyp, %function
boot_monitor_to_hyp:
	mov	r12, lr
	cps	#BOOT_MODE_MON
	ldr	r0, =SCR_TO_HYP
	mcr	p15, 0, r0, c1, c1, 0	@ SCR
	isb
	mov	r0, #(BOOT_MODE_HYP | BOOT_CPSR_A | BOOT_CPSR_I | BOOT_CPSR_F)
	msr	spsr_cxsf, r0		@ ARM state, little-endian, masked
	mov	lr, r12
	movs	pc, lr			@ exception return: NS HYP at the caller
	.size boot_monitor_to_hyp, . - boot_monitor_to_hyp

/*
 * The pen: cores other than the boot core wait here (WFE) in the mode
 * they reached (non-secure HYP on every board tern knows, SVC where there
 * is no HYP), MMU and caches off, interrupts masked, until their word of
 * boot_pen_release becomes non-zero; then they branch there with r0 = the
 * core number (boot_cpu_release() in smp.c). The word is checked before
 * each WFE, so a release that came before the core got here is not lost.
 */
	.type boot_pen, %function
boot_pen:
	ldr	r1, =boot_pen_release
	add	r1, r1, r11, lsl #2
1:	ldr	r0, [r1]
	cmp	r0, #0
	bne	2f
	wfe
	b	1b
2:	mov	r1, r0
	mov	r0, r11
	bx	r1
	.size boot_pen, . - boot_pen

/* Cores tern cannot set up (unprivileged entry, no slot) wait here. */
	.type boot_park_here, %function
boot_park_here:
	wfe
	b	boot_park_here
	.size boot_park_here, . - boot_park_here

	.global boot_halt
	.type boot_halt, %function
boot_halt:
	cpsid	aif
	dsb
1:	wfi
	b	1b
	.size boot_halt, . - boot_halt

	.ltorg

	/*
	 * Pen words in .data: in the image as zeros, never cleared. One
	 * cache line of their own (64 bytes on Cortex-A7 and A15), which
	 * only boot_cpu_release() writes.
	 */
	.section .data.boot_pen, "aw", %progbits
	.balign 64
	.global boot_pen_release
	.type boot_pen_release, %object
boot_pen_release:
	.space	4 * BOOT_MAX_CPUS
	.size boot_pen_release, . - boot_pen_release
	.balign 64

	.section .bss.boot_entry, "aw", %nobits
	.balign 8
	.global boot_entry
	.type boot_entry, %object
boot_entry:
	.space	BOOT_ENTRY_SIZE
	.size boot_entry, . - boot_entry
