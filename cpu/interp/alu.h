/*
 * Integer ALU helpers shared by the A32 and T32 handlers: shifts with carry
 * out (ARM ARM A2.2.1 / A8.4.3) and flag-setting add/subtract (AddWithCarry,
 * A2.2.1). Flags use the split representation of struct arm_cpu.
 */
#ifndef TERN_CPU_INTERP_ALU_H
#define TERN_CPU_INTERP_ALU_H

#include <stdbool.h>
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

/* CPSR bits kept in cpsr_rest. */
#define ALU_CPSR_Q   (1u << 27)
#define ALU_CPSR_GE  0x000f0000u
#define ALU_CPSR_IT  0x0600fc00u

/* SignedSatQ / UnsignedSatQ (A2.2.1): saturate to `bits`, noting whether
 * it saturated. */
static inline int32_t alu_sat_s(int64_t v, unsigned bits, bool *sat)
{
	int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;
	if (v > max) { *sat = true; return (int32_t)max; }
	if (v < min) { *sat = true; return (int32_t)min; }
	return (int32_t)v;
}

static inline uint32_t alu_sat_u(int64_t v, unsigned bits, bool *sat)
{
	int64_t max = ((int64_t)1 << bits) - 1;
	if (v > max) { *sat = true; return (uint32_t)max; }
	if (v < 0) { *sat = true; return 0; }
	return (uint32_t)v;
}

static inline void alu_set_q(struct arm_cpu *c, bool sat)
{
	if (sat)
		c->cpsr_rest |= ALU_CPSR_Q;
}

static inline uint32_t alu_ror(uint32_t v, unsigned n)
{
	n &= 31;
	return n ? (v >> n | v << (32 - n)) : v;
}

/* ITSTATE (A2.5.2): IT[7:0] as the slot's `it` field holds it, to and from
 * its CPSR position (IT[1:0] in bits 26:25, IT[7:2] in bits 15:10). */
static inline uint32_t alu_it_to_cpsr(unsigned it)
{
	return (it & 3u) << 25 | (it >> 2) << 10;
}

static inline unsigned alu_it_from_cpsr(uint32_t cpsr)
{
	return (cpsr >> 25 & 3u) | (cpsr >> 8 & 0xfcu);
}

/* ITAdvance(): the state of the next instruction of the block. */
static inline unsigned alu_it_advance(unsigned it)
{
	if ((it & 7) == 0)
		return 0;
	return (it & 0xe0) | ((it << 1) & 0x1f);
}

#endif
