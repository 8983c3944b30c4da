/*
 * Load/store handlers shared by the A32, T16 and T32 decoders
 * (a32_ldst.c, a32_excl.c, a32_ldm.c, t16_ldst.c, t32_ldst.c). The
 * decoders pick one handler per operation and addressing form from the
 * tables below, so the handlers do no decoding at run time.
 *
 * Slot fields:
 *  - single (LDR/STR and friends): rd = Rt, rn, rm, imm = offset (two's
 *    complement for the immediate forms), shift/shift_imm for register
 *    offsets (DecodeImmShift already applied);
 *  - dual (LDRD/STRD): rd = Rt, ra = Rt2, as single for the rest;
 *  - block (LDM/STM): rn, imm = register list, shift_imm = first address
 *    - Rn (int8), ra = writeback delta (int8);
 *  - exclusive: rd = Rt, ra = Rt2, rm = Rd (status of STREX), rn, imm =
 *    offset; SWP: rd = Rt, rm = Rt2, rn.
 */
#ifndef TERN_CPU_INTERP_LDST_OPS_H
#define TERN_CPU_INTERP_LDST_OPS_H

#include "cpu/interp/a32.h"

/* Operations of the single-item forms. */
enum ldst_op {
	LD_W,    /* LDR */
	LD_WPC,  /* LDR into the PC: LoadWritePC (interworking, A2.3.2) */
	LD_B,    /* LDRB */
	LD_H,    /* LDRH */
	LD_SB,   /* LDRSB */
	LD_SH,   /* LDRSH */
	ST_W,    /* STR */
	ST_WPC,  /* STR PC (A32: stores the PC + 8) */
	ST_B,    /* STRB */
	ST_H,    /* STRH */
	LDST_NOPS
};

/* Addressing forms: offset / pre-indexed / post-indexed; immediate or
 * register added (P) or subtracted (M); LIT: the base is Align(PC, 4);
 * _T: unprivileged (LDRT and friends). */
enum ldst_am {
	AM_OFF_IMM, AM_PRE_IMM, AM_POST_IMM,
	AM_OFF_REGP, AM_OFF_REGM, AM_PRE_REGP, AM_PRE_REGM,
	AM_POST_REGP, AM_POST_REGM,
	AM_LIT_IMM, AM_LIT_REGP, AM_LIT_REGM,
	AM_OFF_IMM_T, AM_POST_IMM_T, AM_POST_REGP_T, AM_POST_REGM_T,
	LDST_NAMS
};

extern const interp_fn ldst_single_fn[LDST_NOPS][LDST_NAMS];
/* For a slot whose exec is one of ldst_single_fn: the same operation for
 * its step (interp_specialise), or NULL. */
interp_fn ldst_specialise(const struct interp_insn *in);
/* For a handler ldst_specialise returned: the same ending with
 * interp_chain, for the fn of a slot whose exec it is; else NULL. */
interp_fn ldst_chain(interp_fn exec);
/* [0] LDRD, [1] STRD; the _T forms are NULL. */
extern const interp_fn ldst_dual_fn[2][LDST_NAMS];

/* LDM/STM kinds; index [kind][writeback]. */
enum ldst_block_kind {
	BLK_LDM,       /* no PC in the list */
	BLK_LDM_PC,    /* PC in the list: LoadWritePC */
	BLK_LDM_USER,  /* LDM (user registers), A8.8.58 / B9.3.5 */
	BLK_LDM_ERET,  /* LDM (exception return), B9.3.4 */
	BLK_STM,
	BLK_STM_USER,  /* STM (user registers), B9.3.18 */
	BLK_NKINDS
};
extern const interp_fn ldst_block_fn[BLK_NKINDS][2];

/* Fill a block slot: `inc` IA/IB, `before` IB/DB. */
void ldst_block_setup(struct interp_insn *in, unsigned rn, uint32_t list,
		      bool inc, bool before);

/* Exclusives by size: 0 byte, 1 halfword, 2 word, 3 doubleword. */
extern const interp_fn ldst_ldrex_fn[4];
extern const interp_fn ldst_strex_fn[4];
/* SWP, SWPB. */
extern const interp_fn ldst_swp_fn[2];
/* A memory hint (PLD, PLI, PLDW): no architectural effect. */
const struct interp_insn *ldst_exec_nop(struct interp *ip,
					const struct interp_insn *in);

/* Alignment fault on `va` (DFSR.FS = 0b00001, ARM ARM B3.13.3): record it
 * and take the data abort. */
const struct interp_insn *ldst_align_fault(struct interp *ip,
					   const struct interp_insn *in,
					   uint32_t va, bool write);

#endif
