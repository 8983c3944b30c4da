/*
 * 16-bit Thumb loads and stores (ARM ARM A6.2.4, A6.2.5, A6.2.1): register
 * and immediate offsets, SP-relative, LDR (literal), LDM/STM, PUSH/POP.
 * Handlers are the shared ones of ldst_ops.c.
 */
#include "cpu/interp/ldst_ops.h"

/* 0101 opB Rm Rn Rt: register offset, no shift (A6.2.4). */
static bool decode_reg(struct interp_insn *in, uint32_t raw)
{
	static const uint8_t ops[8] = {
		ST_W, ST_H, ST_B, LD_SB, LD_W, LD_H, LD_B, LD_SH,
	};
	in->rm = raw >> 6 & 7;
	in->rn = raw >> 3 & 7;
	in->rd = raw & 7;
	in->shift = 0;
	in->shift_imm = 0;
	in->exec = ldst_single_fn[ops[raw >> 9 & 7]][AM_OFF_REGP];
	return true;
}

/* 011B L imm5 Rn Rt (word: imm5 << 2, byte: imm5), 1000 L imm5 Rn Rt
 * (halfword: imm5 << 1). */
static bool decode_imm(struct interp_insn *in, uint32_t raw)
{
	bool load = raw >> 11 & 1;
	unsigned imm5 = raw >> 6 & 31, op;
	in->rn = raw >> 3 & 7;
	in->rd = raw & 7;
	switch (raw >> 12) {
	case 6: in->imm = imm5 << 2; op = load ? LD_W : ST_W; break;
	case 7: in->imm = imm5; op = load ? LD_B : ST_B; break;
	default: in->imm = imm5 << 1; op = load ? LD_H : ST_H; break;
	}
	in->exec = ldst_single_fn[op][AM_OFF_IMM];
	return true;
}

/* 1001 L Rt imm8: [SP, #imm8 << 2]. */
static bool decode_sp(struct interp_insn *in, uint32_t raw)
{
	in->rn = 13;
	in->rd = raw >> 8 & 7;
	in->imm = (raw & 0xff) << 2;
	in->exec = ldst_single_fn[(raw >> 11 & 1) ? LD_W : ST_W][AM_OFF_IMM];
	return true;
}

/* 01001 Rt imm8: LDR (literal), base Align(PC, 4) (A8.8.64). */
static bool decode_lit(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 8 & 7;
	in->imm = (raw & 0xff) << 2;
	in->exec = ldst_single_fn[LD_W][AM_LIT_IMM];
	return true;
}

/* 1100 L Rn list: STMIA Rn! / LDMIA Rn{!} (writeback unless Rn is
 * loaded, A8.8.57). An empty list is UNPREDICTABLE: UNDEFINED (QEMU). */
static bool decode_ldm(struct interp_insn *in, uint32_t raw)
{
	bool load = raw >> 11 & 1;
	unsigned rn = raw >> 8 & 7;
	uint32_t list = raw & 0xff;
	if (!list)
		return false;
	ldst_block_setup(in, rn, list, true, false);
	if (load)
		in->exec = ldst_block_fn[BLK_LDM][!(list & (1u << rn))];
	else
		in->exec = ldst_block_fn[BLK_STM][1];
	return true;
}

/* 1011 010 M list: PUSH (STMDB SP!), M = LR (A8.8.133). */
static bool decode_push(struct interp_insn *in, uint32_t raw)
{
	uint32_t list = (raw & 0xff) | (raw & 0x100) << 6;
	if (!list)
		return false;
	ldst_block_setup(in, 13, list, false, true);
	in->exec = ldst_block_fn[BLK_STM][1];
	return true;
}

/* 1011 110 P list: POP (LDMIA SP!), P = PC: LoadWritePC (A8.8.131). */
static bool decode_pop(struct interp_insn *in, uint32_t raw)
{
	uint32_t list = (raw & 0xff) | (raw & 0x100) << 7;
	if (!list)
		return false;
	ldst_block_setup(in, 13, list, true, false);
	in->exec = ldst_block_fn[(list & 0x8000) ? BLK_LDM_PC : BLK_LDM][1];
	return true;
}

const struct interp_pattern t16_ldst_patterns[] = {
	{ 0xf000, 0x5000, "ldr/str (register)", decode_reg },
	{ 0xe000, 0x6000, "ldr/str/ldrb/strb (immediate)", decode_imm },
	{ 0xf000, 0x8000, "ldrh/strh (immediate)", decode_imm },
	{ 0xf000, 0x9000, "ldr/str (SP-relative)", decode_sp },
	{ 0xf800, 0x4800, "ldr (literal)", decode_lit },
	{ 0xf000, 0xc000, "ldm/stm", decode_ldm },
	{ 0xfe00, 0xb400, "push", decode_push },
	{ 0xfe00, 0xbc00, "pop", decode_pop },
};
const unsigned t16_ldst_npatterns = sizeof(t16_ldst_patterns) / sizeof(t16_ldst_patterns[0]);
