/*
 * 32-bit Thumb loads and stores (ARM ARM A6.3.7-A6.3.10: single data
 * items and memory hints; A6.3.6: LDRD/STRD, exclusives, TBB/TBH; A6.3.5:
 * LDM/STM, PUSH.W/POP.W). raw = hw1 << 16 | hw2. Handlers are the shared
 * ones of ldst_ops.c, except TBB/TBH.
 */
#include "cpu/interp/ldst_ops.h"

/*
 * The addressing form of a single-item load or store with Rn != PC:
 * bit 23 set: [Rn, #imm12]; else hw2[11:6] = 000000: [Rn, Rm, LSL #imm2];
 * else hw2[11] = 1 and P U W = hw2[10:8] with imm8 (PUW = 110 is the
 * unprivileged form, P = 0 W = 0 is UNDEFINED).
 */
static int t32_am(struct interp_insn *in, uint32_t raw)
{
	if (raw >> 23 & 1) {
		in->imm = raw & 0xfff;
		return AM_OFF_IMM;
	}
	if ((raw & 0xfc0) == 0) {
		in->rm = raw & 15;
		if (in->rm == 13 || in->rm == 15)
			return -1;
		in->shift = 0;
		in->shift_imm = raw >> 4 & 3;
		return AM_OFF_REGP;
	}
	if (!(raw & 0x800))
		return -1;
	uint32_t imm8 = raw & 0xff;
	bool p = raw >> 10 & 1, u = raw >> 9 & 1, w = raw >> 8 & 1;
	in->imm = u ? imm8 : 0u - imm8;
	if (p && u && !w)
		return AM_OFF_IMM_T;
	if (p && !w)
		return AM_OFF_IMM;
	if (!p && w)
		return AM_POST_IMM;
	if (p && w)
		return AM_PRE_IMM;
	return -1;
}

/* A6.3.10: 1111 1000 op1(3) 0 Rn | Rt ... (STR, STRH, STRB, STR*T). */
static bool decode_store(struct interp_insn *in, uint32_t raw)
{
	static const uint8_t ops[3] = { ST_B, ST_H, ST_W };
	unsigned size = raw >> 21 & 3;
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	if (size == 3 || in->rn == 15 || in->rd == 15)
		return false;
	int am = t32_am(in, raw);
	if (am < 0)
		return false;
	in->exec = ldst_single_fn[ops[size]][am];
	return true;
}

/* A6.3.7-A6.3.9: 1111 100 S U size 1 Rn | Rt ... (LDR, LDRH, LDRSH,
 * LDRB, LDRSB, their literal and unprivileged forms, PLD, PLI). */
static bool decode_load(struct interp_insn *in, uint32_t raw)
{
	bool sign = raw >> 24 & 1;
	unsigned size = raw >> 21 & 3, op;
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	if (size == 3 || (size == 2 && sign))
		return false;
	if (size == 0)
		op = sign ? LD_SB : LD_B;
	else if (size == 1)
		op = sign ? LD_SH : LD_H;
	else
		op = in->rd == 15 ? LD_WPC : LD_W;
	int am;
	if (in->rn == 15) { /* literal: U is bit 23, imm12 */
		uint32_t imm12 = raw & 0xfff;
		in->imm = (raw >> 23 & 1) ? imm12 : 0u - imm12;
		am = AM_LIT_IMM;
	} else {
		am = t32_am(in, raw);
		if (am < 0)
			return false;
	}
	if (in->rd == 15 && size < 2) {
		/* PLD, PLI, and the unallocated hints (A6.3.7-A6.3.9): the
		 * immediate, negative-imm8, register and literal forms only. */
		if (am == AM_OFF_IMM || am == AM_OFF_REGP || am == AM_LIT_IMM) {
			in->exec = ldst_exec_nop;
			return true;
		}
		return false;
	}
	if (in->rd == 15 && am == AM_OFF_IMM_T)
		return false;
	in->exec = ldst_single_fn[op][am];
	return true;
}

/* A8.8.72/A8.8.210: 1110 100 P U 1 W L Rn | Rt Rt2 imm8 (P or W set;
 * P = W = 0 is the exclusive/table-branch space). */
static bool decode_dual(struct interp_insn *in, uint32_t raw)
{
	bool p = raw >> 24 & 1, u = raw >> 23 & 1, w = raw >> 21 & 1;
	bool load = raw >> 20 & 1;
	uint32_t imm = (raw & 0xff) << 2;
	int am;
	if (!p && !w)
		return false;
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->ra = raw >> 8 & 15;
	in->imm = u ? imm : 0u - imm;
	if (in->rd == 15 || in->ra == 15)
		return false;
	if (in->rn == 15) {
		if (w || !load) /* STRD with Rn = PC, writeback to PC */
			return false;
		am = AM_LIT_IMM;
	} else {
		am = !p ? AM_POST_IMM : w ? AM_PRE_IMM : AM_OFF_IMM;
	}
	in->exec = ldst_dual_fn[load ? 0 : 1][am];
	return true;
}

/* TBB/TBH (A8.8.411): branch forward by twice the byte or halfword at
 * Rn + Rm (TBB) or Rn + 2 * Rm (TBH); Rn = PC reads the PC (+4). */
static inline __attribute__((always_inline)) const struct interp_insn *
tb(struct interp *ip, const struct interp_insn *in, bool half, bool pc_base)
{
	uint32_t base = pc_base ? interp_pc_read(ip, in) : ip->cpu->regs[in->rn];
	uint32_t idx = ip->cpu->regs[in->rm], v;
	if (!interp_load(ip, half ? base + (idx << 1) : base + idx, half ? 2 : 1, &v))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	return interp_jump(ip, interp_pc_read(ip, in) + 2 * v);
}

static const struct interp_insn *tbb_reg(struct interp *ip, const struct interp_insn *in)
{
	return tb(ip, in, false, false);
}
static const struct interp_insn *tbb_pc(struct interp *ip, const struct interp_insn *in)
{
	return tb(ip, in, false, true);
}
static const struct interp_insn *tbh_reg(struct interp *ip, const struct interp_insn *in)
{
	return tb(ip, in, true, false);
}
static const struct interp_insn *tbh_pc(struct interp *ip, const struct interp_insn *in)
{
	return tb(ip, in, true, true);
}

/* 1110 1000 1101 Rn | 1111 0000 000H Rm */
static bool decode_tb(struct interp_insn *in, uint32_t raw)
{
	bool half = raw >> 4 & 1;
	in->rn = raw >> 16 & 15;
	in->rm = raw & 15;
	if (in->rm == 13 || in->rm == 15)
		return false;
	if (in->rn == 15)
		in->exec = half ? tbh_pc : tbb_pc;
	else
		in->exec = half ? tbh_reg : tbb_reg;
	return true;
}

const struct interp_pattern t32_ldst_patterns[] = {
	{ 0xff100000, 0xf8000000, "store single data item", decode_store },
	{ 0xfe100000, 0xf8100000, "load single data item / hint", decode_load },
	{ 0xfe400000, 0xe8400000, "LDRD/STRD (immediate, literal)", decode_dual },
	{ 0xfff0ffe0, 0xe8d0f000, "TBB/TBH", decode_tb },
};
const unsigned t32_ldst_npatterns = sizeof(t32_ldst_patterns) / sizeof(t32_ldst_patterns[0]);

/* A6.3.5: 1110 100 op 0 W L Rn | P M 0 list; op 01 IA, 10 DB (00 and 11
 * are SRS/RFE). Fewer than two registers, bit 13, and for STM the PC are
 * UNPREDICTABLE: UNDEFINED as in QEMU 7.2. */
static bool decode_ldm(struct interp_insn *in, uint32_t raw)
{
	unsigned op = raw >> 23 & 3, rn = raw >> 16 & 15;
	bool w = raw >> 21 & 1, load = raw >> 20 & 1;
	uint32_t list = raw & 0xffff;
	if (op == 0 || op == 3 || rn == 15 || (list & 0x2000) ||
	    __builtin_popcount(list) < 2)
		return false;
	if (w && (list & (1u << rn)))
		return false;
	ldst_block_setup(in, rn, list, op == 1, op == 2);
	if (load)
		in->exec = ldst_block_fn[(list & 0x8000) ? BLK_LDM_PC : BLK_LDM][w];
	else if (list & 0x8000)
		return false;
	else
		in->exec = ldst_block_fn[BLK_STM][w];
	return true;
}

const struct interp_pattern t32_ldm_patterns[] = {
	{ 0xfe400000, 0xe8000000, "LDM/STM", decode_ldm },
};
const unsigned t32_ldm_npatterns = sizeof(t32_ldm_patterns) / sizeof(t32_ldm_patterns[0]);

/* LDREX (A8.8.75): 1110 1000 0101 Rn | Rt 1111 imm8 (offset imm8 << 2). */
static bool decode_ldrex(struct interp_insn *in, uint32_t raw)
{
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->imm = (raw & 0xff) << 2;
	if (in->rn == 15 || in->rd == 15)
		return false;
	in->exec = ldst_ldrex_fn[2];
	return true;
}

/* STREX (A8.8.212): 1110 1000 0100 Rn | Rt Rd imm8. */
static bool decode_strex(struct interp_insn *in, uint32_t raw)
{
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->rm = raw >> 8 & 15;
	in->imm = (raw & 0xff) << 2;
	if (in->rn == 15 || in->rd == 15 || in->rm == 15 ||
	    in->rm == in->rn || in->rm == in->rd)
		return false;
	in->exec = ldst_strex_fn[2];
	return true;
}

/* op3 (hw2[7:4]): 0100 byte, 0101 halfword, 0111 doubleword. */
static int excl_lg(uint32_t raw)
{
	switch (raw >> 4 & 15) {
	case 4: return 0;
	case 5: return 1;
	case 7: return 3;
	default: return -1;
	}
}

/* LDREXB/H/D: 1110 1000 1101 Rn | Rt Rt2 op3 1111. */
static bool decode_ldrex_bhd(struct interp_insn *in, uint32_t raw)
{
	int lg = excl_lg(raw);
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->ra = raw >> 8 & 15;
	in->imm = 0;
	if (lg < 0 || in->rn == 15 || in->rd == 15)
		return false;
	if (lg == 3 && (in->ra == 15 || in->ra == in->rd))
		return false;
	in->exec = ldst_ldrex_fn[lg];
	return true;
}

/* STREXB/H/D: 1110 1000 1100 Rn | Rt Rt2 op3 Rd. */
static bool decode_strex_bhd(struct interp_insn *in, uint32_t raw)
{
	int lg = excl_lg(raw);
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->ra = raw >> 8 & 15;
	in->rm = raw & 15;
	in->imm = 0;
	if (lg < 0 || in->rn == 15 || in->rd == 15 || in->rm == 15 ||
	    in->rm == in->rn || in->rm == in->rd)
		return false;
	if (lg == 3 && (in->ra == 15 || in->rm == in->ra))
		return false;
	in->exec = ldst_strex_fn[lg];
	return true;
}

const struct interp_pattern t32_excl_patterns[] = {
	{ 0xfff00000, 0xe8500000, "LDREX", decode_ldrex },
	{ 0xfff00000, 0xe8400000, "STREX", decode_strex },
	{ 0xfff000c0, 0xe8d00040, "LDREXB/H/D", decode_ldrex_bhd },
	{ 0xfff000c0, 0xe8c00040, "STREXB/H/D", decode_strex_bhd },
};
const unsigned t32_excl_npatterns = sizeof(t32_excl_patterns) / sizeof(t32_excl_patterns[0]);
