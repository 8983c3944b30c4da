/*
 * Integer ALU helpers shared by the A32 and T32 handlers: shifts with carry
 * out (ARM ARM A2.2.1 / A8.4.3) and flag-setting add/subtract (AddWithCarry,
 * A2.2.1). Flags use the split representation of struct arm_cpu.
 */
#ifndef TERN_CPU_INTERP_ALU_H
#define TERN_CPU_INTERP_ALU_H

#include <stdint.h>

#include "cpu/arm_cpu.h"

enum { SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR, SHIFT_RRX };

/* Shift by an immediate as encoded (imm5 == 0 means 32 for LSR/ASR, RRX
 * for ROR: the decoder already turned those into amount 32 / SHIFT_RRX). */
static inline uint32_t alu_shift(uint32_t v, unsigned type, unsigned amount,
				 uint32_t cin, uint32_t *cout)
{
	if (amount == 0 && type != SHIFT_RRX) {
		*cout = cin;
		return v;
	}
	switch (type) {
	case SHIFT_LSL:
		if (amount >= 32) {
			*cout = amount == 32 ? v & 1 : 0;
			return 0;
		}
		*cout = (v >> (32 - amount)) & 1;
		return v << amount;
	case SHIFT_LSR:
		if (amount >= 32) {
			*cout = amount == 32 ? v >> 31 : 0;
			return 0;
		}
		*cout = (v >> (amount - 1)) & 1;
		return v >> amount;
	case SHIFT_ASR:
		if (amount >= 32) {
			*cout = v >> 31;
			return (uint32_t)((int32_t)v >> 31);
		}
		*cout = (v >> (amount - 1)) & 1;
		return (uint32_t)((int32_t)v >> amount);
	case SHIFT_ROR:
		amount &= 31;
		if (amount == 0) { /* by a register: multiple of 32 */
			*cout = v >> 31;
			return v;
		}
		*cout = (v >> (amount - 1)) & 1;
		return v >> amount | v << (32 - amount);
	default: /* RRX */
		*cout = v & 1;
		return v >> 1 | (cin ? 1u << 31 : 0);
	}
}

static inline void alu_set_nz(struct arm_cpu *c, uint32_t r)
{
	c->nf = r;
	c->zf = r;
}

/* r = a + b + carry, setting NZCV (AddWithCarry). */
static inline uint32_t alu_adc_flags(struct arm_cpu *c, uint32_t a, uint32_t b,
				     uint32_t carry)
{
	uint64_t wide = (uint64_t)a + b + carry;
	uint32_t r = (uint32_t)wide;
	c->cf = (uint32_t)(wide >> 32);
	c->vf = (a ^ r) & ~(a ^ b);
	alu_set_nz(c, r);
	return r;
}

#endif
