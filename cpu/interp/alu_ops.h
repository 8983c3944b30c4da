/*
 * Integer, control-flow and system handlers shared by the A32 decoders
 * (a32_*.c) and the T32 decoders (t16.c, t32_dp.c): each operation is
 * written once; the decoders differ only in where they find the fields.
 *
 * Slot conventions (struct interp_insn):
 *  - data processing: see a32_dp.c (rd, rn, rm, ra = Rs, imm, shift);
 *  - multiplies: rd = Rd or RdHi, ra = Ra or RdLo, rn, rm as in the ARM ARM;
 *  - extends: rm, rn (the accumulator; absent forms have their own
 *    handler), shift_imm = rotation in bits;
 *  - branches: imm = the offset from the PC as read (PC + 8 / PC + 4),
 *    or, for T32 BLX (immediate), from Align(PC, 4).
 */
#ifndef TERN_CPU_INTERP_ALU_OPS_H
#define TERN_CPU_INTERP_ALU_OPS_H

#include "cpu/interp/a32.h"
#include "cpu/interp/alu.h"

#define H(name) const struct interp_insn *name(struct interp *ip, \
					       const struct interp_insn *in)

/* ---- data processing (a32_dp.c) ---- */

/* in->flags bits of the data-processing and multiply handlers. */
#define ALU_F_S      1u  /* set flags */
#define ALU_F_IMM_C  2u  /* the immediate was rotated: its bit 31 is the carry */

enum alu_dp_op {
	DP_AND, DP_EOR, DP_SUB, DP_RSB, DP_ADD, DP_ADC, DP_SBC, DP_RSC,
	DP_TST, DP_TEQ, DP_CMP, DP_CMN, DP_ORR, DP_MOV, DP_BIC, DP_MVN,
	DP_ORN, /* T32 only */
	DP_NOPS
};
enum alu_dp_form { DP_FORM_IMM, DP_FORM_REG, DP_FORM_RSR };
extern const interp_fn alu_dp_handlers[3][DP_NOPS];
/* A faster handler doing what in->exec (one of alu_dp_handlers) does for
 * this slot's fields, or NULL. */
interp_fn alu_dp_specialise(const struct interp_insn *in);
/* For a slot whose exec is a fast compare (CMP, CMN, TST, SUBS; imm or
 * register): the handler that also runs the conditional branch within the
 * page (alu_b_near, condition `cond`) in the next slot, or NULL. */
interp_fn alu_dp_fuse(const struct interp_insn *in, unsigned cond);
/* For a fast data-processing handler: the same operation ending with
 * interp_chain, for the fn of a slot whose exec it is; else NULL. */
interp_fn alu_dp_chain(interp_fn exec);

/* Does the slot's exec only compute Rd (not the PC) from registers and
 * fields: no flags, memory, exceptions or other registers? Such a
 * conditional instruction runs unconditionally and keeps the old Rd when
 * its condition fails (interp_exec_select). */
bool alu_writes_rd_only(const struct interp_insn *in);

H(alu_movw);
H(alu_movt);
H(alu_adr);        /* T32 ADR: Rd = Align(PC, 4) + (int32_t)imm */

/* ---- branches (a32_branch.c) ---- */
H(alu_b);          /* PC read + imm */
H(alu_bl);         /* BL: LR = next instruction (| 1 in T32) */
H(alu_blx_imm);    /* BL and change instruction set */
H(alu_bx);         /* BX Rm */
H(alu_blx_reg);    /* BLX Rm */
H(alu_svc);
/* B/BL to a slot of the same page: imm = the distance in slots, ra = what
 * BL adds to the address of the instruction for LR. */
H(alu_b_near);
H(alu_bl_near);
/* B/BL whose target is in the page of the slot: make it alu_b_near /
 * alu_bl_near (with a condition check of its own); the slot is in a page
 * of `thumb` instructions. */
void alu_branch_specialise(struct interp_insn *in, bool thumb);

/* ---- system (a32_system.c) ---- */
H(alu_mrs_cpsr);
H(alu_mrs_spsr);
H(alu_msr_cpsr_reg);   /* flags = the mask field (c x s f) */
H(alu_msr_cpsr_imm);
H(alu_msr_spsr_reg);
H(alu_msr_spsr_imm);
H(alu_cps);            /* imm: bit 0-4 mode, bit 5 change mode, 6 F, 7 I, 8 A, bit 9 disable, 10 enable */
H(alu_nop);
H(alu_wfi);
H(alu_bkpt);
H(alu_hvc);            /* imm = imm16 */
H(alu_clrex);
H(alu_clz);
H(alu_qadd);           /* Rd = sat(Rm + Rn) */
H(alu_qsub);           /* Rd = sat(Rm - Rn) */
H(alu_qdadd);          /* Rd = sat(Rm + sat(2 * Rn)) */
H(alu_qdsub);
/* Exception return to `pc` with CPSR <- `cpsr` (RFE). */
const struct interp_insn *alu_exception_return(struct interp *ip,
					       const struct interp_insn *in,
					       uint32_t pc, uint32_t cpsr);

/* ---- multiplies (a32_mul.c) ---- */
H(alu_mul); H(alu_muls); H(alu_mla); H(alu_mlas); H(alu_mls);
H(alu_umull); H(alu_umulls); H(alu_umlal); H(alu_umlals);
H(alu_smull); H(alu_smulls); H(alu_smlal); H(alu_smlals);
H(alu_umaal);
/* halfword forms: flags bit 0 = Rn top half, bit 1 = Rm top half */
H(alu_smulxy); H(alu_smlaxy); H(alu_smulwy); H(alu_smlawy); H(alu_smlalxy);
/* dual forms: flags bit 0 = swap Rm's halves (the X suffix) */
H(alu_smuad); H(alu_smusd); H(alu_smlad); H(alu_smlsd);
H(alu_smlald); H(alu_smlsld);
/* most significant word: flags bit 0 = round (the R suffix) */
H(alu_smmul); H(alu_smmla); H(alu_smmls);
H(alu_sdiv); H(alu_udiv);

/* ---- media (a32_media.c) ---- */
H(alu_sxtb); H(alu_sxth); H(alu_uxtb); H(alu_uxth); H(alu_sxtb16); H(alu_uxtb16);
H(alu_sxtab); H(alu_sxtah); H(alu_uxtab); H(alu_uxtah); H(alu_sxtab16); H(alu_uxtab16);
H(alu_rev); H(alu_rev16); H(alu_revsh); H(alu_rbit);
H(alu_bfi);   /* imm = mask of the field, shift_imm = lsb */
H(alu_bfc);
H(alu_ubfx);  /* shift_imm = lsb, imm = width - 1 */
H(alu_sbfx);
H(alu_ssat);  /* Rn shifted by shift/shift_imm, imm = saturate_to */
H(alu_usat);
H(alu_ssat16);
H(alu_usat16);
H(alu_sel);
H(alu_usad8); H(alu_usada8);
H(alu_pkhbt); H(alu_pkhtb);  /* Rm shifted by shift_imm (LSL / ASR) */
/* Parallel addition and subtraction (A5.4.1): [kind][op], kind 0 S, 1 Q,
 * 2 SH, 3 U, 4 UQ, 5 UH; op 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 5 SUB8. */
extern const interp_fn alu_parallel_handlers[6][6];

/* ---- T32 (decode_t32.c) ---- */

/* The IT instruction (A8.8.55): sets the live ITSTATE. */
H(t32_it);
/* The handler for IT with ITSTATE `it` (firstcond:mask): t32_it, or for a
 * block of one instruction a form that may run that one too. */
interp_fn t32_it_handler(unsigned it);

#undef H

/* A register as an operand: PC reads as the instruction's address + 8/4. */
static inline uint32_t alu_reg(struct interp *ip, const struct interp_insn *in,
			       unsigned r)
{
	return r == 15 ? interp_pc_read(ip, in) : ip->cpu->regs[r];
}

/* Address of the next instruction (the return address of BL, SVC). */
static inline uint32_t alu_next_pc(const struct interp *ip,
				   const struct interp_insn *in)
{
	return interp_pc(ip, in) + (ip->page->thumb ? 2u * in->step : 4u);
}

#endif
