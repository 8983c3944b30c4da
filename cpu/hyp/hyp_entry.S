/*
 * The world switch: Hyp mode's vector table while guests run, the way
 * into a guest (hyp_enter) and back out of it (a Hyp trap or an interrupt
 * taken to Hyp mode), the banked registers of the guest's modes, and the
 * lazy switch of the VFP/Advanced SIMD register file.
 *
 * The state lives in struct arm_cpu (cpu/arm_cpu.h); offsets come from
 * cpu/hyp/hyp_asm.h and are checked by cpu/hyp/hyp.c at build time.
 *
 * Three depths of state, so that a trap that goes back to the same guest
 * touches as little as possible:
 *
 *  1. every exit (hyp_enter's return): r0-r12, LR_usr, the PC (ELR_hyp),
 *     CPSR (SPSR_hyp, split into NZCV and the rest as struct arm_cpu keeps
 *     it) and TPIDRURO, which tern itself uses for picolibc's TLS. Hyp
 *     mode has only SP_hyp, SPSR_hyp and ELR_hyp of its own and shares
 *     r0-r12 and LR with User mode (ARM ARM B9.2.1, "Hyp mode"), so those
 *     are the guest's registers tern's code would clobber.
 *     In the banked form the world switch keeps struct arm_cpu in
 *     (hyp_vcpu_bank, cpu/hyp/hyp.c), regs[8..12] hold r8_usr..r12_usr
 *     even if the guest is in FIQ mode (r8_fiq..r12_fiq are fiq_regs,
 *     or in the hardware while it is loaded).
 *  2. a full switch (hyp_save_guest/hyp_load_guest here, called by
 *     hyp.c's hyp_vcpu_put/hyp_vcpu_load): SP, LR and SPSR of SVC, ABT,
 *     UND, IRQ and FIQ, SP_usr, r8_fiq..r12_fiq (Hyp mode never uses
 *     them), the guest's cp15 state and its virtual timer, each run of
 *     neighbouring fields of struct arm_cpu with one stm/ldm.
 *  3. VFP/Advanced SIMD, only when someone uses it: HCPTR.TCP10/TCP11
 *     trap every access from the guests and from Hyp mode alike (ARM ARM
 *     B4.1.75 HCPTR; B1.14.13), so whoever touches the register file while
 *     another owns it takes a trap, and the file changes hands then.
 *     The invariant: HCPTR.TCP10/11 are clear exactly when the context
 *     running (a guest, or tern in Hyp mode) owns the register file.
 *     tern's own state is what the AAPCS says survives a call, d8-d15 and
 *     FPSCR: the file changes hands only inside a call from C (hyp_enter,
 *     hyp_fp_take, hyp_fp_sync, hyp_fp_release), at an instruction of
 *     tern's that traps (hyp_vec_undef) or at a guest's (hyp_fp_trap),
 *     and tern executes no VFP instruction between.
 *     A put leaves the guest's file in the unit, still its own: the
 *     next guest to use VFP saves it there and loads its own in the same
 *     trap, and a guest that runs without VFP costs nothing. A guest's
 *     VFP trap is taken care of here, without going back to C.
 */
#include "cpu/hyp/hyp_asm.h"

	.syntax unified
	.arm
	.arch armv7ve			@ Virtualization Extensions: eret, banked mrs/msr
	.fpu neon-vfpv4			@ d16-d31

#define CPSR_N 0x80000000
#define CPSR_Z 0x40000000

/* The saving and loading of a guest's VFP register file. SAVE leaves
 * FPEXC.EN set (FPSCR and the D registers are inaccessible without it,
 * ARM ARM B1.11.1); LOAD wants it set and writes the guest's FPEXC last. */
/* tmp2 must be a lower register than tmp3: stm stores in register order */
.macro FP_SAVE_GUEST cpu, tmp, tmp2, tmp3
	vmrs	\tmp3, fpexc
	mov	\tmp, #HYP_FPEXC_EN
	vmsr	fpexc, \tmp
	add	\tmp, \cpu, #HYP_CPU_VFP_D
	vstmia	\tmp!, {d0-d15}
	vstmia	\tmp!, {d16-d31}		@ tmp: vfp.fpscr, then vfp.fpexc
	vmrs	\tmp2, fpscr
	stm	\tmp, {\tmp2, \tmp3}
.endm

/* tmp must be a lower register than tmp2 */
.macro FP_LOAD_GUEST cpu, tmp, tmp2
	add	\tmp, \cpu, #HYP_CPU_VFP_D
	vldmia	\tmp!, {d0-d15}
	vldmia	\tmp!, {d16-d31}
	ldm	\tmp, {\tmp, \tmp2}		@ vfp.fpscr, vfp.fpexc
	vmsr	fpscr, \tmp
	vmsr	fpexc, \tmp2
.endm

/* tern's callee-saved VFP state (AAPCS 5.1.2.1: d8-d15; FPSCR's modes). */
.macro FP_SAVE_HOST tmp, tmp2
	ldr	\tmp, =hyp_host_fp
	vstmia	\tmp!, {d8-d15}
	vmrs	\tmp2, fpscr
	str	\tmp2, [\tmp]
.endm

.macro FP_LOAD_HOST tmp, tmp2
	mov	\tmp, #HYP_FPEXC_EN
	vmsr	fpexc, \tmp
	ldr	\tmp, =hyp_host_fp
	vldmia	\tmp!, {d8-d15}
	ldr	\tmp2, [\tmp]
	vmsr	fpscr, \tmp2
.endm

/* The register file to guest `cpu`, from whoever has it: tern (its
 * d8-d15 and FPSCR to hyp_host_fp) or another guest (its whole file to
 * its struct arm_cpu). Wants HCPTR open; leaves the guest's FPEXC. */
.macro FP_TAKE cpu, owner_p, owner, tmp, tmp2, tmp3	@ tmp < tmp2, tmp < tmp3
	ldr	\owner_p, =hyp_fp_owner
	ldr	\owner, [\owner_p]
	cmp	\owner, \cpu
	beq	.Lfp_done\@
	cmp	\owner, #0
	bne	.Lfp_guest\@
	FP_SAVE_HOST \tmp, \tmp2
	b	.Lfp_en\@
.Lfp_guest\@:
	FP_SAVE_GUEST \owner, \tmp2, \tmp, \tmp3
.Lfp_en\@:
	mov	\tmp, #HYP_FPEXC_EN
	vmsr	fpexc, \tmp
	FP_LOAD_GUEST \cpu, \tmp, \tmp2
	str	\cpu, [\owner_p]
.Lfp_done\@:
.endm

.macro HCPTR_FP set, tmp
	mrc	p15, 4, \tmp, c1, c1, 2		@ HCPTR
	.if \set
	orr	\tmp, \tmp, #HYP_HCPTR_TCP_FP
	.else
	bic	\tmp, \tmp, #HYP_HCPTR_TCP_FP
	.endif
	mcr	p15, 4, \tmp, c1, c1, 2
.endm

/*
 * Hyp vector table (ARM ARM B1.8.1; HVBAR bits 4:0 are reserved). Entries
 * 0x14 (Hyp trap: HVC, WFI, stage-2 aborts, ... from a guest) and 0x18/0x1c
 * (physical IRQ/FIQ, routed to Hyp mode by HCR.IMO/FMO, B1.8.10) leave the
 * guest. tern runs Hyp mode with IRQ and FIQ masked, so they come from a
 * guest only. 0x04 is the VFP hand-over when tern's own code touches the
 * register file a guest owns. The rest is a bug in tern: the boot code's
 * reporters print it (boot/vectors.S).
 */
	.text
	.balign 32
	.global hyp_vectors
	.type hyp_vectors, %object
hyp_vectors:
	b	boot_hyp_vectors + 0x00	@ not used
	b	hyp_vec_undef		@ undefined instruction in Hyp mode
	b	boot_hyp_vectors + 0x08	@ SVC/HVC in Hyp mode
	b	boot_hyp_vectors + 0x0c	@ prefetch abort in Hyp mode
	b	boot_hyp_vectors + 0x10	@ data abort in Hyp mode
	b	hyp_vec_trap		@ Hyp trap from a guest
	b	hyp_vec_irq		@ IRQ from a guest
	b	hyp_vec_fiq		@ FIQ from a guest
	.size hyp_vectors, . - hyp_vectors

/*
 * uint32_t hyp_enter(struct arm_cpu *cpu)
 *
 * Runs the guest whose level-2 state (hyp_load_guest, VTTBR) is in the
 * hardware, from cpu->regs[15] in the mode of its CPSR, until something takes it to Hyp mode. Returns the HSR of the
 * trap (ARM ARM B3.13.6), or HYP_EXIT_IRQ/HYP_EXIT_FIQ. HCR (its VI/VF
 * bits) is the caller's. The frame: cpu at [sp], then r4-r11 and lr.
 */
	.global hyp_enter
	.type hyp_enter, %function
hyp_enter:
	push	{r0, r4-r11, lr}
	ldr	r1, =hyp_fp_owner
	ldr	r1, [r1]
	mrc	p15, 4, r2, c1, c1, 2		@ HCPTR: VFP open iff the guest owns it
	cmp	r1, r0
	biceq	r2, r2, #HYP_HCPTR_TCP_FP
	orrne	r2, r2, #HYP_HCPTR_TCP_FP
	mcr	p15, 4, r2, c1, c1, 2
	ldr	r1, [r0, #HYP_CPU_TPIDRURO]
	mcr	p15, 0, r1, c13, c0, 3		@ TPIDRURO
	/* CPSR from its parts (arm_cpsr_read, cpu/arm_cpu.c) into SPSR_hyp */
	add	r1, r0, #HYP_CPU_PC
	ldm	r1, {r1-r6}			@ pc, nf, zf, cf, vf, cpsr_rest
	msr	elr_hyp, r1
	and	r2, r2, #CPSR_N
	cmp	r3, #0
	orreq	r2, r2, #CPSR_Z
	and	r4, r4, #1
	orr	r2, r2, r4, lsl #29
	and	r5, r5, #CPSR_N
	orr	r2, r2, r5, lsr #3
	bic	r6, r6, #0xf0000000
	orr	r2, r2, r6
	msr	spsr_cxsf, r2			@ SPSR_hyp
	ldr	lr, [r0, #HYP_CPU_BANKED_R14]	@ LR_usr (Hyp mode's LR)
	ldm	r0, {r0-r12}
	eret					@ ARM ARM B9.3.3: to ELR_hyp, CPSR = SPSR_hyp
	.size hyp_enter, . - hyp_enter

/* Exits: r0-r12 and LR_usr into the cpu (its pointer is at the top of
 * hyp_enter's frame, two words up once r0 and r1 are pushed), then the
 * common part with r4 = what hyp_enter returns. */
.macro EXIT_SAVE_GPRS
	push	{r0, r1}
	ldr	r0, [sp, #8]
	add	r1, r0, #8
	stm	r1, {r2-r12}
	str	lr, [r0, #HYP_CPU_BANKED_R14]	@ LR_usr
	pop	{r2, r3}
	stm	r0, {r2, r3}
.endm

	.type hyp_vec_trap, %function
hyp_vec_trap:
	push	{r0, r1}
	mrc	p15, 4, r1, c5, c2, 0		@ HSR (B4.1.81)
	lsr	r0, r1, #26			@ HSR.EC
	cmp	r0, #HYP_EC_FP
	beq	hyp_fp_trap
	/* EXIT_SAVE_GPRS, with the HSR kept in r1 */
	ldr	r0, [sp, #8]
	str	lr, [r0, #HYP_CPU_BANKED_R14]	@ LR_usr
	add	lr, r0, #8
	stm	lr, {r2-r12}
	mov	r4, r1				@ what hyp_enter returns
	pop	{r2, r3}
	stm	r0, {r2, r3}
	b	hyp_exit
	.size hyp_vec_trap, . - hyp_vec_trap

/*
 * The guest's first VFP or Advanced SIMD instruction since it last had
 * the register file (HCPTR.TCP10/11, HSR.EC 0x07): the file changes hands
 * here and the guest goes on at that instruction (ELR_hyp, B1.14.13),
 * with the unit open to it. Nothing else about the guest changes, so
 * only the registers used here are saved, on Hyp's stack (r0 and r1 by
 * hyp_vec_trap), and its ELR_hyp, SPSR_hyp, TPIDRURO and HCR stay as they
 * are in the hardware.
 */
	.type hyp_fp_trap, %function
hyp_fp_trap:
	push	{r2-r4, r12}
	ldr	r0, [sp, #24]			@ cpu, at the top of hyp_enter's frame
	HCPTR_FP 0, r1
	isb
	FP_TAKE r0, r1, r2, r3, r12, r4
	pop	{r2-r4, r12}
	pop	{r0, r1}
	eret
	.size hyp_fp_trap, . - hyp_fp_trap

	.type hyp_vec_irq, %function
hyp_vec_irq:
	EXIT_SAVE_GPRS
	mov	r4, #HYP_EXIT_IRQ
	b	hyp_exit
	.size hyp_vec_irq, . - hyp_vec_irq

	.type hyp_vec_fiq, %function
hyp_vec_fiq:
	EXIT_SAVE_GPRS
	mov	r4, #HYP_EXIT_FIQ
	b	hyp_exit
	.size hyp_vec_fiq, . - hyp_vec_fiq

	.type hyp_exit, %function
hyp_exit:
	/* r0 = cpu, r4 = return value */
	mrs	r3, elr_hyp			@ pc
	mrs	r1, spsr			@ SPSR_hyp: the guest's CPSR
	and	r5, r1, #CPSR_N			@ nf
	and	r6, r1, #CPSR_Z
	eor	r6, r6, #CPSR_Z			@ zf: zero when Z is set
	ubfx	r7, r1, #29, #1			@ cf
	lsl	r8, r1, #3
	and	r8, r8, #CPSR_N			@ vf
	bic	r9, r1, #0xf0000000		@ cpsr_rest
	add	r1, r0, #HYP_CPU_PC
	stm	r1, {r3, r5-r9}			@ pc, nf, zf, cf, vf, cpsr_rest
	mrc	p15, 0, r1, c13, c0, 3		@ the guest's TPIDRURO ...
	str	r1, [r0, #HYP_CPU_TPIDRURO]
	ldr	r1, =hyp_fp_owner		@ (hyp_host_tpidruro follows it)
	ldm	r1, {r1, r2}
	mcr	p15, 0, r2, c13, c0, 3		@ ... and tern's back
	mrc	p15, 4, r2, c1, c1, 2		@ HCPTR: VFP open iff tern owns it
	cmp	r1, #0
	biceq	r2, r2, #HYP_HCPTR_TCP_FP
	orrne	r2, r2, #HYP_HCPTR_TCP_FP
	mcr	p15, 4, r2, c1, c1, 2
	isb					@ before tern's first VFP instruction
	mov	r0, r4
	pop	{r1, r4-r11, pc}
	.size hyp_exit, . - hyp_exit

/*
 * An undefined instruction in Hyp mode. With HCPTR.TCP10/11 set it is
 * tern's own code touching the VFP register file while a guest owns it
 * (ARM ARM B1.14.13: HCPTR traps Hyp mode's accesses as Undefined
 * Instruction exceptions taken to Hyp mode), or while nobody does: save
 * the guest's file (if any) into its struct arm_cpu, give tern back
 * d8-d15 and FPSCR, open the unit and
 * return to the instruction (ELR_hyp is its address, B1.8.3). ELR_hyp and
 * SPSR_hyp are free: the guest's were saved when it exited. Anything else
 * is a real bug, reported by the boot code.
 */
	.type hyp_vec_undef, %function
hyp_vec_undef:
	push	{r0-r4, r12}
	ldr	r1, =hyp_fp_owner
	ldr	r2, [r1]
	cmp	r2, #0
	beq	1f
	mrc	p15, 4, r0, c1, c1, 2
	tst	r0, #HYP_HCPTR_TCP_FP
	beq	1f
	bic	r0, r0, #HYP_HCPTR_TCP_FP
	mcr	p15, 4, r0, c1, c1, 2
	isb
	FP_SAVE_GUEST r2, r3, r4, r12
	FP_LOAD_HOST r0, r3
	mov	r0, #0
	str	r0, [r1]
	pop	{r0-r4, r12}
	eret
1:	pop	{r0-r4, r12}
	b	boot_hyp_vectors + 0x04
	.size hyp_vec_undef, . - hyp_vec_undef

/*
 * void hyp_fp_take(struct arm_cpu *cpu)
 *
 * The VFP register file to guest `cpu` (what hyp_fp_trap does, for C):
 * save the owner's state (tern's d8-d15/FPSCR, another guest's whole
 * file, or nothing), load cpu's, make it the owner. Returns with HCPTR
 * trapping again, as tern runs on; hyp_enter opens it for the guest.
 */
	.global hyp_fp_take
	.type hyp_fp_take, %function
hyp_fp_take:
	push	{r4, lr}
	HCPTR_FP 0, r1
	isb
	FP_TAKE r0, r1, r2, r3, r12, r4
	HCPTR_FP 1, r1
	isb
	pop	{r4, pc}
	.size hyp_fp_take, . - hyp_fp_take

/*
 * void hyp_fp_sync(struct arm_cpu *cpu)
 *
 * If `cpu` owns the VFP register file, save it into cpu->vfp and give
 * the file back to tern (a snapshot, a reset or a power-off wants
 * cpu->vfp to be the truth). Otherwise nothing.
 */
	.global hyp_fp_sync
	.type hyp_fp_sync, %function
hyp_fp_sync:
	ldr	r1, =hyp_fp_owner
	ldr	r2, [r1]
	cmp	r2, r0
	bxne	lr
	HCPTR_FP 0, r2
	isb
	FP_SAVE_GUEST r0, r2, r3, r12
	FP_LOAD_HOST r2, r3
	mov	r2, #0
	str	r2, [r1]
	bx	lr
	.size hyp_fp_sync, . - hyp_fp_sync

/*
 * void hyp_save_guest(struct arm_cpu *cpu)
 * void hyp_load_guest(const struct arm_cpu *cpu)
 *
 * Layer 2 of the guest's state, out of the hardware and into it.
 *
 * The banked registers of the guest's modes (ARM ARM B1.3.2; Banked
 * register MRS/MSR, B9.3.9/B9.3.12), as the arrays of struct arm_cpu
 * index them (QEMU's bank numbers: USR 0, SVC 1, ABT 2, UND 3, IRQ 4,
 * FIQ 5): one stm/ldm an array. LR_usr is Hyp mode's own LR, handled on
 * every exit (and UNPREDICTABLE to name from Hyp mode); SPSR has no USR
 * slot. r8_usr..r12_usr are regs[8..12] while the guest is loaded.
 *
 * The guest's PL1&0 cp15 state (B4.1; from Hyp mode these name the
 * Non-secure copies, the guest's): SCTLR, CPACR, CSSELR; TTBR0/1, TTBCR,
 * DACR, DFSR, IFSR, DFAR, IFAR, PAR (64-bit forms: LPAE, B4.1.155); PRRR,
 * NMRR; VBAR, CONTEXTIDR, TPIDRURW, TPIDRPRW (TPIDRURO is hyp_enter's);
 * CNTKCTL and the virtual timer (B8.2). A load also sets CNTVOFF (Hyp's,
 * the guest cannot change it) and writes CNTV_CTL without ISTATUS
 * (read-only). struct arm_cpu keeps these in runs of neighbouring fields
 * (offsets in hyp_asm.h, pinned in hyp.c): one stm/ldm a run.
 */
	.global hyp_save_guest
	.type hyp_save_guest, %function
hyp_save_guest:
	push	{r4-r11, lr}
	mrs	r1, sp_usr
	mrs	r2, sp_svc
	mrs	r3, sp_abt
	mrs	r4, sp_und
	mrs	r5, sp_irq
	mrs	r6, sp_fiq
	add	r12, r0, #HYP_CPU_BANKED_R13
	stm	r12, {r1-r6}
	mrs	r1, lr_svc
	mrs	r2, lr_abt
	mrs	r3, lr_und
	mrs	r4, lr_irq
	mrs	r5, lr_fiq
	add	r12, r0, #(HYP_CPU_BANKED_R14 + HYP_BANK_SVC_SLOT)
	stm	r12, {r1-r5}
	mrs	r1, spsr_svc
	mrs	r2, spsr_abt
	mrs	r3, spsr_und
	mrs	r4, spsr_irq
	mrs	r5, spsr_fiq
	add	r12, r0, #(HYP_CPU_BANKED_SPSR + HYP_BANK_SVC_SLOT)
	stm	r12, {r1-r5}
	mrs	r1, r8_fiq
	mrs	r2, r9_fiq
	mrs	r3, r10_fiq
	mrs	r4, r11_fiq
	mrs	r5, r12_fiq
	add	r12, r0, #HYP_CPU_FIQ_REGS
	stm	r12, {r1-r5}

	mrc	p15, 0, r1, c1, c0, 0		@ SCTLR
	mrc	p15, 0, r2, c1, c0, 2		@ CPACR
	mrc	p15, 2, r3, c0, c0, 0		@ CSSELR
	add	r12, r0, #HYP_CPU_SCTLR
	stm	r12, {r1-r3}
	mrrc	p15, 0, r1, r2, c2		@ TTBR0
	mrrc	p15, 1, r3, r4, c2		@ TTBR1
	mrc	p15, 0, r5, c2, c0, 2		@ TTBCR
	mrc	p15, 0, r6, c3, c0, 0		@ DACR
	mrc	p15, 0, r7, c5, c0, 0		@ DFSR
	mrc	p15, 0, r8, c5, c0, 1		@ IFSR
	mrc	p15, 0, r9, c6, c0, 0		@ DFAR
	mrc	p15, 0, r10, c6, c0, 2		@ IFAR
	mrrc	p15, 0, r11, lr, c7		@ PAR
	add	r12, r0, #HYP_CPU_TTBR0
	stm	r12!, {r1-r11, lr}		@ r12: PRRR's field
	mrc	p15, 0, r1, c10, c2, 0		@ PRRR
	mrc	p15, 0, r2, c10, c2, 1		@ NMRR
	stm	r12, {r1, r2}
	mrc	p15, 0, r1, c12, c0, 0		@ VBAR
	mrc	p15, 0, r2, c13, c0, 1		@ CONTEXTIDR
	mrc	p15, 0, r3, c13, c0, 2		@ TPIDRURW
	add	r12, r0, #HYP_CPU_VBAR
	stm	r12, {r1-r3}
	mrc	p15, 0, r1, c13, c0, 4		@ TPIDRPRW
	str	r1, [r0, #HYP_CPU_TPIDRPRW]
	mrc	p15, 0, r1, c14, c1, 0		@ CNTKCTL
	str	r1, [r0, #HYP_CPU_CNTKCTL]
	mrrc	p15, 3, r1, r2, c14		@ CNTV_CVAL
	mrc	p15, 0, r3, c14, c3, 1		@ CNTV_CTL
	add	r12, r0, #HYP_CPU_CNTV_CVAL
	stm	r12, {r1-r3}
	pop	{r4-r11, pc}
	.size hyp_save_guest, . - hyp_save_guest

	.global hyp_load_guest
	.type hyp_load_guest, %function
hyp_load_guest:
	push	{r4-r11, lr}
	add	r12, r0, #HYP_CPU_BANKED_R13
	ldm	r12, {r1-r6}
	msr	sp_usr, r1
	msr	sp_svc, r2
	msr	sp_abt, r3
	msr	sp_und, r4
	msr	sp_irq, r5
	msr	sp_fiq, r6
	add	r12, r0, #(HYP_CPU_BANKED_R14 + HYP_BANK_SVC_SLOT)
	ldm	r12, {r1-r5}
	msr	lr_svc, r1
	msr	lr_abt, r2
	msr	lr_und, r3
	msr	lr_irq, r4
	msr	lr_fiq, r5
	add	r12, r0, #(HYP_CPU_BANKED_SPSR + HYP_BANK_SVC_SLOT)
	ldm	r12, {r1-r5}
	msr	spsr_svc, r1
	msr	spsr_abt, r2
	msr	spsr_und, r3
	msr	spsr_irq, r4
	msr	spsr_fiq, r5
	add	r12, r0, #HYP_CPU_FIQ_REGS
	ldm	r12, {r1-r5}
	msr	r8_fiq, r1
	msr	r9_fiq, r2
	msr	r10_fiq, r3
	msr	r11_fiq, r4
	msr	r12_fiq, r5

	add	r12, r0, #HYP_CPU_SCTLR
	ldm	r12, {r1-r3}
	mcr	p15, 0, r1, c1, c0, 0		@ SCTLR
	mcr	p15, 0, r2, c1, c0, 2		@ CPACR
	mcr	p15, 2, r3, c0, c0, 0		@ CSSELR
	add	r12, r0, #HYP_CPU_TTBR0
	ldm	r12!, {r1-r11, lr}		@ r12: PRRR's field
	mcrr	p15, 0, r1, r2, c2		@ TTBR0
	mcrr	p15, 1, r3, r4, c2		@ TTBR1
	mcr	p15, 0, r5, c2, c0, 2		@ TTBCR
	mcr	p15, 0, r6, c3, c0, 0		@ DACR
	mcr	p15, 0, r7, c5, c0, 0		@ DFSR
	mcr	p15, 0, r8, c5, c0, 1		@ IFSR
	mcr	p15, 0, r9, c6, c0, 0		@ DFAR
	mcr	p15, 0, r10, c6, c0, 2		@ IFAR
	mcrr	p15, 0, r11, lr, c7		@ PAR
	ldm	r12, {r1, r2}
	mcr	p15, 0, r1, c10, c2, 0		@ PRRR
	mcr	p15, 0, r2, c10, c2, 1		@ NMRR
	add	r12, r0, #HYP_CPU_VBAR
	ldm	r12, {r1-r3}
	mcr	p15, 0, r1, c12, c0, 0		@ VBAR
	mcr	p15, 0, r2, c13, c0, 1		@ CONTEXTIDR
	mcr	p15, 0, r3, c13, c0, 2		@ TPIDRURW
	ldr	r1, [r0, #HYP_CPU_TPIDRPRW]
	mcr	p15, 0, r1, c13, c0, 4		@ TPIDRPRW
	ldr	r1, [r0, #HYP_CPU_CNTKCTL]
	mcr	p15, 0, r1, c14, c1, 0		@ CNTKCTL
	add	r12, r0, #HYP_CPU_CNTVOFF
	ldm	r12, {r1, r2}
	mcrr	p15, 4, r1, r2, c14		@ CNTVOFF
	add	r12, r0, #HYP_CPU_CNTV_CVAL
	ldm	r12, {r1-r3}
	mcrr	p15, 3, r1, r2, c14		@ CNTV_CVAL
	and	r3, r3, #3			@ CNTV_CTL: ISTATUS is read-only
	mcr	p15, 0, r3, c14, c3, 1
	pop	{r4-r11, pc}
	.size hyp_load_guest, . - hyp_load_guest

	.ltorg

	.bss
	.balign 8
	/* tern's d8-d15 and FPSCR while a guest owns the register file */
	.global hyp_host_fp
	.type hyp_host_fp, %object
hyp_host_fp:
	.space	8 * 8 + 8
	.size hyp_host_fp, . - hyp_host_fp

	/* The struct arm_cpu whose VFP state is in the register file, 0 for
	 * tern's. hyp_exit loads it and the next word,
	 * hyp_host_tpidruro, with one ldm: keep them together. */
	.global hyp_fp_owner
	.type hyp_fp_owner, %object
hyp_fp_owner:
	.space	4
	.size hyp_fp_owner, . - hyp_fp_owner

	/* tern's TPIDRURO (picolibc's TLS pointer), put back on every exit. */
	.global hyp_host_tpidruro
	.type hyp_host_tpidruro, %object
hyp_host_tpidruro:
	.space	4
	.size hyp_host_tpidruro, . - hyp_host_tpidruro

	.if hyp_host_tpidruro - hyp_fp_owner != 4
	.error "hyp_exit loads hyp_fp_owner and hyp_host_tpidruro with one ldm"
	.endif
