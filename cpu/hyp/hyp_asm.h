/*
 * What cpu/hyp/hyp_entry.S needs to know of C: offsets into struct
 * arm_cpu (cpu/arm_cpu.h) and the register bits it sets. Shared by
 * assembly and C: constants only. cpu/hyp/hyp.c pins every offset with
 * _Static_assert(offsetof(...)), so a change of struct arm_cpu that moves
 * one breaks the build instead of the world switch.
 */
#ifndef TERN_CPU_HYP_HYP_ASM_H
#define TERN_CPU_HYP_HYP_ASM_H

/* struct arm_cpu */
#define HYP_CPU_REGS        0    /* regs[0..15] */
#define HYP_CPU_PC          60   /* regs[15] */
#define HYP_CPU_NF          64   /* nf, zf, cf, vf, cpsr_rest: 5 words, after
                                      * the PC (one ldm/stm for the six) */
#define HYP_CPU_BANKED_SPSR 88   /* banked_spsr[ARM_BANK_*] */
#define HYP_CPU_BANKED_R13  120  /* banked_r13[ARM_BANK_*] */
#define HYP_CPU_BANKED_R14  152  /* banked_r14[ARM_BANK_*]; [0] is LR_usr */
#define HYP_CPU_FIQ_REGS    204  /* fiq_regs[5]: r8_fiq..r12_fiq */
#define HYP_CPU_VFP_D       232  /* vfp.d[32] */
#define HYP_CPU_VFP_FPSCR   488
#define HYP_CPU_VFP_FPEXC   492
#define HYP_CPU_SCTLR       504  /* sys.sctlr, cpacr, csselr */
#define HYP_CPU_TTBR0       520  /* sys.ttbr0 .. sys.ifar: 10 words, then PAR */
#define HYP_CPU_PAR         (HYP_CPU_TTBR0 + 40) /* sys.par, prrr, nmrr */
#define HYP_CPU_VBAR        584  /* sys.vbar, contextidr, tpidrurw */
#define HYP_CPU_TPIDRURO    596  /* sys.tpidruro */
#define HYP_CPU_TPIDRPRW    600  /* sys.tpidrprw */
#define HYP_CPU_CNTKCTL     616  /* sys.cntkctl */
#define HYP_CPU_CNTV_CVAL   640  /* sys.cntv.cval, then sys.cntv.ctl */
#define HYP_CPU_CNTVOFF     952  /* sys.cntvoff */

/* The bank slots the asm stores with one stm each: SVC, ABT, UND, IRQ,
 * FIQ follow USR in QEMU's numbering (enum arm_bank). */
#define HYP_BANK_SVC_SLOT   4    /* byte offset of bank 1 in an array */

/* HCPTR.TCP10 | HCPTR.TCP11 (ARM ARM B4.1.75 HCPTR): cp10/cp11 (VFP and
 * Advanced SIMD) accesses from Non-secure PL0, PL1 and Hyp mode trap. */
#define HYP_HCPTR_TCP_FP    0x00000c00
#define HYP_FPEXC_EN        0x40000000
/* HSR.EC of an access trapped by HCPTR (B3.13.6, table B3-26) */
#define HYP_EC_FP           0x07

/* hyp_enter() returns the HSR of a Hyp trap, or one of these for an
 * interrupt taken to Hyp mode (an HSR never has all EC bits set). */
#define HYP_EXIT_IRQ        0xffffffff
#define HYP_EXIT_FIQ        0xfffffffe

#endif
