/*
 * A32 synchronization primitives (ARM ARM A5.2.10): LDREX/STREX and
 * their byte, halfword and doubleword forms, SWP/SWPB. Handlers and the
 * monitor's model are in ldst_ops.c.
 */
#include "cpu/interp/ldst_ops.h"

/* SWP/SWPB (A8.8.229): cond 0001 0B00 Rn Rt 0000 1001 Rt2. */
static bool decode_swp(struct interp_insn *in, uint32_t raw)
{
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->rm = raw & 15;
	if (in->rn == 15 || in->rd == 15 || in->rm == 15)
		return false;
	in->exec = ldst_swp_fn[raw >> 22 & 1];
	return true;
}

/* op (bits 22:21): 00 word, 01 doubleword, 10 byte, 11 halfword. */
static const uint8_t excl_lg[4] = { 2, 3, 0, 1 };

/* LDREX{,B,H,D} (A8.8.75-78): cond 0001 1op1 Rn Rt 1111 1001 1111. */
static bool decode_ldrex(struct interp_insn *in, uint32_t raw)
{
	unsigned lg = excl_lg[raw >> 21 & 3];
	in->rn = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	in->imm = 0;
	if (in->rn == 15 || in->rd == 15)
		return false;
	if (lg == 3) {
		if ((in->rd & 1) || in->rd == 14)
			return false;
		in->ra = in->rd + 1;
	}
	in->exec = ldst_ldrex_fn[lg];
	return true;
}

/* STREX{,B,H,D} (A8.8.212-215): cond 0001 1op0 Rn Rd 1111 1001 Rt. */
static bool decode_strex(struct interp_insn *in, uint32_t raw)
{
	unsigned lg = excl_lg[raw >> 21 & 3];
	in->rn = raw >> 16 & 15;
	in->rm = raw >> 12 & 15; /* status register Rd */
	in->rd = raw & 15;       /* Rt */
	in->imm = 0;
	if (in->rn == 15 || in->rd == 15 || in->rm == 15 ||
	    in->rm == in->rn || in->rm == in->rd)
		return false;
	if (lg == 3) {
		if ((in->rd & 1) || in->rd == 14 || in->rm == in->rd + 1)
			return false;
		in->ra = in->rd + 1;
	}
	in->exec = ldst_strex_fn[lg];
	return true;
}

const struct interp_pattern a32_excl_patterns[] = {
	{ 0x0fb00ff0, 0x01000090, "SWP/SWPB", decode_swp },
	{ 0x0f900ff0, 0x01900f90, "LDREX", decode_ldrex },
	{ 0x0f900ff0, 0x01800f90, "STREX", decode_strex },
};
const unsigned a32_excl_npatterns =
	sizeof(a32_excl_patterns) / sizeof(a32_excl_patterns[0]);
