/*
 * Advanced SIMD element and structure loads/stores (ARM ARM A7.7):
 * VLD1-4/VST1-4, multiple structures, one lane, all lanes.
 *
 * Slot fields: rd = first D register, rn = Rn, rm = Rm (15: no
 * writeback, 13: writeback by the transfer size, else Rn += Rm),
 * ra = structure size n (1-4), shift = registers per structure (multiple
 * structures) or lane index, shift_imm = register increment (1 or 2),
 * flags = log2(element bytes), imm = required alignment in bytes.
 */
#include "cpu/interp/neon_internal.h"

static inline bool align_fault(struct interp *ip, uint32_t a, bool write)
{
	ip->cpu->sys.dfsr = 1 | (write ? 1u << 11 : 0); /* alignment fault */
	ip->cpu->sys.dfar = a;
	return false;
}

/* One element of 1, 2, 4 or 8 bytes, little-endian. Unaligned elements
 * follow SCTLR.A like any other access (interp_load's slow path). */
static inline bool elem_load(struct interp *ip, uint32_t a, unsigned bytes, uint64_t *v)
{
	uint32_t lo, hi;
	if (bytes == 8) {
		if (!interp_load(ip, a, 4, &lo) || !interp_load(ip, a + 4, 4, &hi))
			return false;
		*v = (uint64_t)hi << 32 | lo;
		return true;
	}
	if (!interp_load(ip, a, bytes, &lo))
		return false;
	*v = lo;
	return true;
}

static inline bool elem_store(struct interp *ip, uint32_t a, unsigned bytes, uint64_t v)
{
	if (bytes == 8)
		return interp_store(ip, a, 4, (uint32_t)v) &&
		       interp_store(ip, a + 4, 4, (uint32_t)(v >> 32));
	return interp_store(ip, a, bytes, (uint32_t)v);
}

static inline void writeback(struct interp *ip, const struct interp_insn *in, uint32_t bytes)
{
	if (in->rm == 15)
		return;
	ip->cpu->regs[in->rn] += in->rm == 13 ? bytes : ip->cpu->regs[in->rm];
}

static inline uint64_t lane_set(uint64_t d, unsigned idx, unsigned bytes, uint64_t v)
{
	if (bytes == 8)
		return v;
	unsigned sh = idx * bytes * 8;
	uint64_t m = ((1ull << (bytes * 8)) - 1) << sh;
	return (d & ~m) | ((v << sh) & m);
}

static inline uint64_t lane_get(uint64_t d, unsigned idx, unsigned bytes)
{
	if (bytes == 8)
		return d;
	return d >> (idx * bytes * 8) & ((1ull << (bytes * 8)) - 1);
}

/* VLD1/VST1 (multiple): shift registers in a row; words at a time when
 * the address allows, else element by element. */
static const struct interp_insn *vld1_multi(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t a = c->regs[in->rn];
	unsigned bytes = 1u << in->flags, n = in->shift;
	if (a & (in->imm - 1))
		return align_fault(ip, a, false), interp_exception(ip, in, INTERP_EXC_DABT);
	uint64_t tmp[4];
	for (unsigned r = 0; r < n; r++) {
		uint64_t v = 0, e;
		if (!(a & 3)) {
			uint32_t lo, hi;
			if (!interp_load(ip, a + 8 * r, 4, &lo) || !interp_load(ip, a + 8 * r + 4, 4, &hi))
				return interp_exception(ip, in, INTERP_EXC_DABT);
			v = (uint64_t)hi << 32 | lo;
		} else {
			for (unsigned i = 0; i < 8 / bytes; i++) {
				if (!elem_load(ip, a + 8 * r + i * bytes, bytes, &e))
					return interp_exception(ip, in, INTERP_EXC_DABT);
				v = lane_set(v, i, bytes, e);
			}
		}
		tmp[r] = v;
	}
	for (unsigned r = 0; r < n; r++)
		c->vfp.d[(in->rd + r) & 31] = tmp[r];
	writeback(ip, in, 8 * n);
	return interp_next(in);
}

static const struct interp_insn *vst1_multi(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t a = c->regs[in->rn];
	unsigned bytes = 1u << in->flags, n = in->shift;
	if (a & (in->imm - 1))
		return align_fault(ip, a, true), interp_exception(ip, in, INTERP_EXC_DABT);
	for (unsigned r = 0; r < n; r++) {
		uint64_t v = c->vfp.d[(in->rd + r) & 31];
		if (!(a & 3)) {
			if (!interp_store(ip, a + 8 * r, 4, (uint32_t)v) ||
			    !interp_store(ip, a + 8 * r + 4, 4, (uint32_t)(v >> 32)))
				return interp_exception(ip, in, INTERP_EXC_DABT);
		} else {
			for (unsigned i = 0; i < 8 / bytes; i++)
				if (!elem_store(ip, a + 8 * r + i * bytes, bytes, lane_get(v, i, bytes)))
					return interp_exception(ip, in, INTERP_EXC_DABT);
		}
	}
	writeback(ip, in, 8 * n);
	return interp_next(in);
}

/* VLD2-4/VST2-4 (multiple structures): interleaved elements. */
static const struct interp_insn *vldn_multi(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t a = c->regs[in->rn], a0 = a;
	unsigned bytes = 1u << in->flags, n = in->ra, regs = in->shift, inc = in->shift_imm;
	if (a & (in->imm - 1))
		return align_fault(ip, a, false), interp_exception(ip, in, INTERP_EXC_DABT);
	uint64_t tmp[32];
	unsigned used[8], nu = 0;
	for (unsigned r = 0; r < regs; r++)
		for (unsigned k = 0; k < n; k++)
			used[nu++] = (in->rd + r + k * inc) & 31;
	for (unsigned i = 0; i < nu; i++)
		tmp[used[i]] = c->vfp.d[used[i]];
	for (unsigned r = 0; r < regs; r++)
		for (unsigned e = 0; e < 8 / bytes; e++)
			for (unsigned k = 0; k < n; k++, a += bytes) {
				uint64_t v;
				if (!elem_load(ip, a, bytes, &v))
					return interp_exception(ip, in, INTERP_EXC_DABT);
				unsigned dr = (in->rd + r + k * inc) & 31;
				tmp[dr] = lane_set(tmp[dr], e, bytes, v);
			}
	for (unsigned i = 0; i < nu; i++)
		c->vfp.d[used[i]] = tmp[used[i]];
	writeback(ip, in, a - a0);
	return interp_next(in);
}

static const struct interp_insn *vstn_multi(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t a = c->regs[in->rn], a0 = a;
	unsigned bytes = 1u << in->flags, n = in->ra, regs = in->shift, inc = in->shift_imm;
	if (a & (in->imm - 1))
		return align_fault(ip, a, true), interp_exception(ip, in, INTERP_EXC_DABT);
	for (unsigned r = 0; r < regs; r++)
		for (unsigned e = 0; e < 8 / bytes; e++)
			for (unsigned k = 0; k < n; k++, a += bytes) {
				uint64_t v = lane_get(c->vfp.d[(in->rd + r + k * inc) & 31], e, bytes);
				if (!elem_store(ip, a, bytes, v))
					return interp_exception(ip, in, INTERP_EXC_DABT);
			}
	writeback(ip, in, a - a0);
	return interp_next(in);
}

/* The n elements of one structure at Rn (VLDn single structure to one
 * lane or to all lanes), all loaded before any register is written:
 * false after an alignment fault or a data abort. */
static inline __attribute__((always_inline)) bool
load_struct(struct interp *ip, const struct interp_insn *in, unsigned bytes, unsigned n,
	    uint64_t v[4])
{
	uint32_t a = ip->cpu->regs[in->rn];
	if (a & (in->imm - 1))
		return align_fault(ip, a, false);
	for (unsigned k = 0; k < n; k++)
		if (!elem_load(ip, a + k * bytes, bytes, &v[k]))
			return false;
	return true;
}

/* VLDn/VSTn (single structure to one lane): lane index in shift. */
static const struct interp_insn *vldn_lane(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	unsigned bytes = 1u << in->flags, n = in->ra;
	uint64_t v[4];
	if (!load_struct(ip, in, bytes, n, v))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	for (unsigned k = 0; k < n; k++) {
		uint64_t *d = &c->vfp.d[(in->rd + k * in->shift_imm) & 31];
		*d = lane_set(*d, in->shift, bytes, v[k]);
	}
	writeback(ip, in, n * bytes);
	return interp_next(in);
}

static const struct interp_insn *vstn_lane(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t a = c->regs[in->rn];
	unsigned bytes = 1u << in->flags, n = in->ra;
	if (a & (in->imm - 1))
		return align_fault(ip, a, true), interp_exception(ip, in, INTERP_EXC_DABT);
	for (unsigned k = 0; k < n; k++) {
		uint64_t d = c->vfp.d[(in->rd + k * in->shift_imm) & 31];
		if (!elem_store(ip, a + k * bytes, bytes, lane_get(d, in->shift, bytes)))
			return interp_exception(ip, in, INTERP_EXC_DABT);
	}
	writeback(ip, in, n * bytes);
	return interp_next(in);
}

/* VLDn (single structure to all lanes): shift = registers written per
 * structure element (VLD1 with T: 2). */
static const struct interp_insn *vldn_all(struct interp *ip, const struct interp_insn *in)
{
	NEON_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	unsigned bytes = 1u << in->flags, n = in->ra;
	uint64_t v[4];
	if (!load_struct(ip, in, bytes, n, v))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	for (unsigned k = 0; k < n; k++) {
		uint64_t r = 0;
		for (unsigned i = 0; i < 8 / bytes; i++)
			r = lane_set(r, i, bytes, v[k]);
		for (unsigned j = 0; j < in->shift; j++)
			c->vfp.d[(in->rd + k * in->shift_imm + j) & 31] = r;
	}
	writeback(ip, in, n * bytes);
	return interp_next(in);
}

bool neon_decode_ldst(struct interp_insn *in, uint32_t raw)
{
	bool a_bit = raw >> 23 & 1, l = raw >> 21 & 1;
	unsigned type = raw >> 8 & 15, size = raw >> 6 & 3, align = raw >> 4 & 3;
	in->rd = (uint8_t)((raw >> 18 & 0x10) | (raw >> 12 & 15));
	in->rn = raw >> 16 & 15;
	in->rm = raw & 15;
	if (in->rn == 15)
		return false; /* UNPREDICTABLE */

	if (!a_bit) { /* multiple structures (A8.8.320 and friends) */
		unsigned n, regs, inc = 1;
		switch (type) {
		case 7: n = 1; regs = 1; if (align & 2) return false; break;
		case 10: n = 1; regs = 2; if (align == 3) return false; break;
		case 6: n = 1; regs = 3; if (align & 2) return false; break;
		case 2: n = 1; regs = 4; break;
		case 8: n = 2; regs = 1; break;
		case 9: n = 2; regs = 1; inc = 2; break;
		case 3: n = 2; regs = 2; inc = 2; break;
		case 4: n = 3; regs = 1; break;
		case 5: n = 3; regs = 1; inc = 2; break;
		case 0: n = 4; regs = 1; break;
		case 1: n = 4; regs = 1; inc = 2; break;
		default: return false;
		}
		if (n > 1 && size == 3)
			return false;
		if (n == 2 && regs == 1 && align == 3)
			return false;
		if (n == 3 && (align & 2))
			return false;
		unsigned last = in->rd + (regs - 1) + (n - 1) * inc;
		if (n == 1)
			last = in->rd + regs - 1;
		if (last > 31)
			return false;
		in->ra = (uint8_t)n;
		in->shift = (uint8_t)regs;
		in->shift_imm = (uint8_t)inc;
		in->flags = (uint8_t)size;
		in->imm = align ? 4u << align : 1; /* 64, 128, 256 bits */
		if (n == 1)
			in->exec = l ? vld1_multi : vst1_multi;
		else
			in->exec = l ? vldn_multi : vstn_multi;
		return true;
	}

	unsigned n = (type & 3) + 1;
	if ((type >> 2) == 3) { /* to all lanes (loads only) */
		bool t = raw >> 5 & 1, a = raw >> 4 & 1;
		if (!l)
			return false;
		unsigned bytes;
		if (size == 3) {
			if (n != 4 || !a)
				return false;
			bytes = 4;
			size = 2;
			in->imm = 16;
		} else {
			bytes = 1u << size;
			if (n == 3 && a)
				return false;
			if (n == 1 && size == 0 && a)
				return false;
			in->imm = !a ? 1 : n == 1 ? bytes : n == 2 ? 2 * bytes
				: (size == 2 ? 8 : 4 * bytes);
		}
		in->ra = (uint8_t)n;
		in->flags = (uint8_t)size;
		if (n == 1) {
			in->shift = t ? 2 : 1;
			in->shift_imm = 1;
		} else {
			in->shift = 1;
			in->shift_imm = t ? 2 : 1;
		}
		if (in->rd + (n - 1) * in->shift_imm + in->shift - 1 > 31)
			return false;
		in->exec = vldn_all;
		return true;
	}

	/* one lane (A8.8.x VLDn/VSTn single structure to one lane) */
	size = type >> 2;
	unsigned ia = raw >> 4 & 15, index, inc = 1, al = 1, bytes = 1u << size;
	switch (size) {
	case 0:
		index = ia >> 1;
		if (n == 1 && (ia & 1)) return false;
		if (n == 3 && (ia & 1)) return false;
		if (ia & 1) al = n == 2 ? 2 : 4;
		break;
	case 1:
		index = ia >> 2;
		if (n == 1 && (ia & 2)) return false;
		if (n > 1 && (ia & 2)) inc = 2;
		if (n == 3 && (ia & 1)) return false;
		if (ia & 1) al = n == 1 ? 2 : n == 2 ? 4 : 8;
		break;
	default:
		index = ia >> 3;
		if (n == 1 && (ia & 4)) return false;
		if (n > 1 && (ia & 4)) inc = 2;
		if (n == 1) {
			if ((ia & 3) == 1 || (ia & 3) == 2) return false;
			if ((ia & 3) == 3) al = 4;
		} else if (n == 2) {
			if (ia & 2) return false;
			if (ia & 1) al = 8;
		} else if (n == 3) {
			if (ia & 3) return false;
		} else {
			if ((ia & 3) == 3) return false;
			if (ia & 3) al = 4u << (ia & 3);
		}
		break;
	}
	(void)bytes;
	if (in->rd + (n - 1) * inc > 31)
		return false;
	in->ra = (uint8_t)n;
	in->shift = (uint8_t)index;
	in->shift_imm = (uint8_t)inc;
	in->flags = (uint8_t)size;
	in->imm = al;
	in->exec = l ? vldn_lane : vstn_lane;
	return true;
}
