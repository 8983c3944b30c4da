/*
 * Load/store handlers (ARM ARM A8.8: LDR*, STR*, LDM/STM, LDREX/STREX,
 * SWP), shared by the A32 and T32 decoders: see ldst_ops.h for the slot
 * fields. Every handler is one operation in one addressing form; the
 * generic bodies below are always_inline with constant arguments so the
 * compiler keeps only that form's code.
 *
 * Faults: a handler performs every access before it changes any register,
 * so a data abort leaves the registers (and the base) as they were (the
 * ARM ARM allows this for LDM, where the loaded registers are UNKNOWN).
 */
#include "cpu/interp/ldst_ops.h"
#include "cpu/interp/alu.h"

#define ALWAYS_INLINE static inline __attribute__((always_inline))

#define DFSR_WNR (1u << 11)
#define FS_ALIGNMENT 0x01u

const struct interp_insn *ldst_align_fault(struct interp *ip,
					   const struct interp_insn *in,
					   uint32_t va, bool write)
{
	ip->cpu->sys.dfsr = FS_ALIGNMENT | (write ? DFSR_WNR : 0);
	ip->cpu->sys.dfar = va;
	return interp_exception(ip, in, INTERP_EXC_DABT);
}

static const struct interp_insn *dabt(struct interp *ip,
				      const struct interp_insn *in)
{
	return interp_exception(ip, in, INTERP_EXC_DABT);
}

/* Accesses with PL0 permissions whatever the mode (LDRT and friends,
 * A8.8.86): interp_load's fast path on the PL0 TLB. */
ALWAYS_INLINE bool load_user(struct interp *ip, uint32_t va, unsigned size,
			     uint32_t *val)
{
	const struct interp_tlb_entry *e = interp_tlb(ip, va, true);
	if (interp_tlb_hit(e->read_va, va, size)) {
		*val = interp_host_read(e, va, size);
		return true;
	}
	return interp_load_slow(ip, va, size, true, val);
}

ALWAYS_INLINE bool store_user(struct interp *ip, uint32_t va, unsigned size,
			      uint32_t val)
{
	const struct interp_tlb_entry *e = interp_tlb(ip, va, true);
	if (interp_tlb_hit(e->write_va, va, size)) {
		interp_host_write(e, va, size, val);
		return true;
	}
	return interp_store_slow(ip, va, size, true, val);
}

ALWAYS_INLINE bool load_as(struct interp *ip, uint32_t va, unsigned size,
			   bool user, uint32_t *val)
{
	return user ? load_user(ip, va, size, val) : interp_load(ip, va, size, val);
}

ALWAYS_INLINE bool store_as(struct interp *ip, uint32_t va, unsigned size,
			    bool user, uint32_t val)
{
	return user ? store_user(ip, va, size, val) : interp_store(ip, va, size, val);
}

/* ---- addressing (A8.5: offset, pre-indexed, post-indexed) ---- */

ALWAYS_INLINE bool am_lit(unsigned am)
{
	return am == AM_LIT_IMM || am == AM_LIT_REGP || am == AM_LIT_REGM;
}

ALWAYS_INLINE bool am_post(unsigned am)
{
	return am == AM_POST_IMM || am == AM_POST_REGP || am == AM_POST_REGM ||
	       am == AM_POST_IMM_T || am == AM_POST_REGP_T || am == AM_POST_REGM_T;
}

ALWAYS_INLINE bool am_pre(unsigned am)
{
	return am == AM_PRE_IMM || am == AM_PRE_REGP || am == AM_PRE_REGM;
}

ALWAYS_INLINE bool am_user(unsigned am)
{
	return am == AM_OFF_IMM_T || am == AM_POST_IMM_T || am == AM_POST_REGP_T ||
	       am == AM_POST_REGM_T;
}

ALWAYS_INLINE bool am_reg(unsigned am)
{
	return am == AM_OFF_REGP || am == AM_OFF_REGM || am == AM_PRE_REGP ||
	       am == AM_PRE_REGM || am == AM_POST_REGP || am == AM_POST_REGM ||
	       am == AM_LIT_REGP || am == AM_LIT_REGM || am == AM_POST_REGP_T ||
	       am == AM_POST_REGM_T;
}

ALWAYS_INLINE bool am_minus(unsigned am)
{
	return am == AM_OFF_REGM || am == AM_PRE_REGM || am == AM_POST_REGM ||
	       am == AM_LIT_REGM || am == AM_POST_REGM_T;
}

/* The base: Rn, or for the literal forms Align(PC, 4) (A8.8.64: in A32
 * the PC read is already word aligned). */
ALWAYS_INLINE uint32_t am_base(struct interp *ip, const struct interp_insn *in,
			       unsigned am)
{
	if (am_lit(am))
		return interp_pc_read(ip, in) & ~3u;
	return ip->cpu->regs[in->rn];
}

ALWAYS_INLINE uint32_t am_offset(struct interp *ip, const struct interp_insn *in,
				 unsigned am)
{
	if (!am_reg(am))
		return in->imm;
	uint32_t carry;
	uint32_t off = alu_shift(ip->cpu->regs[in->rm], in->shift, in->shift_imm,
				 ip->cpu->cf, &carry);
	return am_minus(am) ? 0u - off : off;
}

/* ---- single item: LDR, LDRB, LDRH, LDRSB, LDRSH, STR, STRB, STRH ---- */

ALWAYS_INLINE unsigned op_size(unsigned op)
{
	switch (op) {
	case LD_B: case LD_SB: case ST_B: return 1;
	case LD_H: case LD_SH: case ST_H: return 2;
	default: return 4;
	}
}

ALWAYS_INLINE const struct interp_insn *
single(struct interp *ip, const struct interp_insn *in, unsigned op, unsigned am)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t base = am_base(ip, in, am);
	uint32_t offaddr = base + am_offset(ip, in, am);
	uint32_t addr = am_post(am) ? base : offaddr;
	bool wback = am_post(am) || am_pre(am);
	unsigned size = op_size(op);

	if (op >= ST_W) {
		uint32_t v = op == ST_WPC ? interp_pc_read(ip, in) : c->regs[in->rd];
		if (!store_as(ip, addr, size, am_user(am), v))
			return dabt(ip, in);
		if (wback)
			c->regs[in->rn] = offaddr;
		return interp_next(in);
	}
	uint32_t v;
	if (!load_as(ip, addr, size, am_user(am), &v))
		return dabt(ip, in);
	/* (the casts also trim what a device model returns) */
	if (op == LD_B)
		v = (uint8_t)v;
	else if (op == LD_H)
		v = (uint16_t)v;
	else if (op == LD_SB)
		v = (uint32_t)(int32_t)(int8_t)v;
	else if (op == LD_SH)
		v = (uint32_t)(int32_t)(int16_t)v;
	/* Writeback first: with Rn == Rt (UNPREDICTABLE) the loaded value
	 * wins, as in QEMU. */
	if (wback)
		c->regs[in->rn] = offaddr;
	if (op == LD_WPC)
		return interp_jump_bx(ip, v); /* LoadWritePC (A2.3.2) */
	c->regs[in->rd] = v;
	return interp_next(in);
}

/*
 * The fast path of a single load/store: a TLB hit at the current
 * privilege, RAM, aligned. Anything else goes to `slow` (the whole
 * instruction again through single(), not inlined), as a tail call: so
 * the fast path needs no stack frame. Nothing is written before the
 * choice is made.
 */
ALWAYS_INLINE const struct interp_insn *
single_fast(struct interp *ip, const struct interp_insn *in, unsigned op, unsigned am,
	    interp_fn slow, unsigned k, bool chain)
{
	if (am_user(am) || op == ST_WPC)
		return single(ip, in, op, am);
	struct arm_cpu *c = ip->cpu;
	uint32_t base = am_base(ip, in, am);
	uint32_t offaddr = base + am_offset(ip, in, am);
	uint32_t addr = am_post(am) ? base : offaddr;
	bool wback = am_post(am) || am_pre(am);
	unsigned size = op_size(op);
	const struct interp_tlb_entry *e = interp_tlb_cur(ip, addr);

	if (op >= ST_W) {
		uint8_t *h = interp_flat_ram_w(ip, addr, size);
		if (h)
			interp_host_store(h, size, c->regs[in->rd]);
		else if (interp_tlb_hit(e->write_va, addr, size))
			interp_host_write(e, addr, size, c->regs[in->rd]);
		else
			return slow(ip, in);
		if (wback)
			c->regs[in->rn] = offaddr;
		return chain ? interp_chain(ip, interp_next_k(in, k)) : interp_next_k(in, k);
	}
	const uint8_t *h = interp_flat_ram(ip, addr, size);
	uint32_t v;
	if (h)
		v = interp_host_load(h, size);
	else if (interp_tlb_hit(e->read_va, addr, size))
		v = interp_host_read(e, addr, size);
	else
		return slow(ip, in);
	if (op == LD_SB)
		v = (uint32_t)(int32_t)(int8_t)v;
	else if (op == LD_SH)
		v = (uint32_t)(int32_t)(int16_t)v;
	if (wback)
		c->regs[in->rn] = offaddr;
	if (op == LD_WPC)
		return interp_jump_bx(ip, v);
	c->regs[in->rd] = v;
	return chain ? interp_chain(ip, interp_next_k(in, k)) : interp_next_k(in, k);
}

#define SINGLE(op, am)                                                        \
static __attribute__((noinline)) const struct interp_insn *                   \
single_slow_##op##_##am(struct interp *ip, const struct interp_insn *in)      \
{                                                                             \
	return single(ip, in, op, am);                                        \
}                                                                             \
static const struct interp_insn *single_##op##_##am(struct interp *ip,        \
						    const struct interp_insn *in) \
{                                                                             \
	return single_fast(ip, in, op, am, single_slow_##op##_##am, 0, false);       \
}                                                                             \
static const struct interp_insn *single_##op##_##am##_1(struct interp *ip,    \
						    const struct interp_insn *in) \
{                                                                             \
	return single_fast(ip, in, op, am, single_slow_##op##_##am, 1, false);       \
}                                                                             \
static const struct interp_insn *single_##op##_##am##_2(struct interp *ip,    \
						    const struct interp_insn *in) \
{                                                                             \
	return single_fast(ip, in, op, am, single_slow_##op##_##am, 2, false); \
}                                                                             \
static const struct interp_insn *single_##op##_##am##_c1(struct interp *ip,   \
						    const struct interp_insn *in) \
{                                                                             \
	return single_fast(ip, in, op, am, single_slow_##op##_##am, 1, true); \
}                                                                             \
static const struct interp_insn *single_##op##_##am##_c2(struct interp *ip,   \
						    const struct interp_insn *in) \
{                                                                             \
	return single_fast(ip, in, op, am, single_slow_##op##_##am, 2, true); \
}
#define SINGLE_AMS(op)                                                        \
	SINGLE(op, AM_OFF_IMM) SINGLE(op, AM_PRE_IMM) SINGLE(op, AM_POST_IMM)  \
	SINGLE(op, AM_OFF_REGP) SINGLE(op, AM_OFF_REGM) SINGLE(op, AM_PRE_REGP) \
	SINGLE(op, AM_PRE_REGM) SINGLE(op, AM_POST_REGP) SINGLE(op, AM_POST_REGM) \
	SINGLE(op, AM_LIT_IMM) SINGLE(op, AM_LIT_REGP) SINGLE(op, AM_LIT_REGM) \
	SINGLE(op, AM_OFF_IMM_T) SINGLE(op, AM_POST_IMM_T)                     \
	SINGLE(op, AM_POST_REGP_T) SINGLE(op, AM_POST_REGM_T)
#define SINGLE_ROW_K(op, K) {                                                  \
	single_##op##_AM_OFF_IMM##K, single_##op##_AM_PRE_IMM##K,             \
	single_##op##_AM_POST_IMM##K, single_##op##_AM_OFF_REGP##K,           \
	single_##op##_AM_OFF_REGM##K, single_##op##_AM_PRE_REGP##K,           \
	single_##op##_AM_PRE_REGM##K, single_##op##_AM_POST_REGP##K,          \
	single_##op##_AM_POST_REGM##K, single_##op##_AM_LIT_IMM##K,           \
	single_##op##_AM_LIT_REGP##K, single_##op##_AM_LIT_REGM##K,           \
	single_##op##_AM_OFF_IMM_T##K, single_##op##_AM_POST_IMM_T##K,        \
	single_##op##_AM_POST_REGP_T##K, single_##op##_AM_POST_REGM_T##K }
#define SINGLE_ROW(op) SINGLE_ROW_K(op, )

SINGLE_AMS(LD_W) SINGLE_AMS(LD_WPC) SINGLE_AMS(LD_B) SINGLE_AMS(LD_H)
SINGLE_AMS(LD_SB) SINGLE_AMS(LD_SH) SINGLE_AMS(ST_W) SINGLE_AMS(ST_WPC)
SINGLE_AMS(ST_B) SINGLE_AMS(ST_H)

const interp_fn ldst_single_fn[LDST_NOPS][LDST_NAMS] = {
	SINGLE_ROW(LD_W), SINGLE_ROW(LD_WPC), SINGLE_ROW(LD_B), SINGLE_ROW(LD_H),
	SINGLE_ROW(LD_SB), SINGLE_ROW(LD_SH), SINGLE_ROW(ST_W), SINGLE_ROW(ST_WPC),
	SINGLE_ROW(ST_B), SINGLE_ROW(ST_H),
};

/* The same handlers for a known step (1, 2): interp_next_k. */
#define SINGLE_ROWS_K(K) {                                                    \
	SINGLE_ROW_K(LD_W, K), SINGLE_ROW_K(LD_WPC, K), SINGLE_ROW_K(LD_B, K), \
	SINGLE_ROW_K(LD_H, K), SINGLE_ROW_K(LD_SB, K), SINGLE_ROW_K(LD_SH, K), \
	SINGLE_ROW_K(ST_W, K), SINGLE_ROW_K(ST_WPC, K), SINGLE_ROW_K(ST_B, K), \
	SINGLE_ROW_K(ST_H, K) }
static const interp_fn ldst_single_fn_k[2][LDST_NOPS][LDST_NAMS] = {
	SINGLE_ROWS_K(_1), SINGLE_ROWS_K(_2),
};
/* ... and ending with interp_chain, for a slot's fn only. */
static const interp_fn ldst_single_fn_chain[2][LDST_NOPS][LDST_NAMS] = {
	SINGLE_ROWS_K(_c1), SINGLE_ROWS_K(_c2),
};

interp_fn ldst_chain(interp_fn exec)
{
	const interp_fn *f = &ldst_single_fn_k[0][0][0];
	for (size_t i = 0; i < sizeof(ldst_single_fn_k) / sizeof(*f); i++)
		if (f[i] == exec)
			return (&ldst_single_fn_chain[0][0][0])[i];
	return NULL;
}

interp_fn ldst_specialise(const struct interp_insn *in)
{
	if (in->step != 1 && in->step != 2)
		return NULL;
	for (unsigned op = 0; op < LDST_NOPS; op++)
		for (unsigned am = 0; am < LDST_NAMS; am++)
			if (in->exec == ldst_single_fn[op][am])
				return ldst_single_fn_k[in->step - 1][op][am];
	return NULL;
}

/* ---- dual: LDRD, STRD (A8.8.72-A8.8.74, A8.8.210-A8.8.211) ---- */

/* Word alignment is required whatever SCTLR.A says (A3.2.1, table A3-1). */
ALWAYS_INLINE const struct interp_insn *
dual(struct interp *ip, const struct interp_insn *in, bool load, unsigned am)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t base = am_base(ip, in, am);
	uint32_t offaddr = base + am_offset(ip, in, am);
	uint32_t addr = am_post(am) ? base : offaddr;
	bool wback = am_post(am) || am_pre(am);

	if (addr & 3)
		return ldst_align_fault(ip, in, addr, !load);
	if (load) {
		uint32_t lo, hi;
		if (!interp_load(ip, addr, 4, &lo) || !interp_load(ip, addr + 4, 4, &hi))
			return dabt(ip, in);
		c->regs[in->rd] = lo;
		c->regs[in->ra] = hi;
		/* QEMU writes the base last: it wins over an overlapping Rt. */
		if (wback)
			c->regs[in->rn] = offaddr;
		return interp_next(in);
	}
	if (!interp_store(ip, addr, 4, c->regs[in->rd]) ||
	    !interp_store(ip, addr + 4, 4, c->regs[in->ra]))
		return dabt(ip, in);
	if (wback)
		c->regs[in->rn] = offaddr;
	return interp_next(in);
}

#define DUAL(ld, am)                                                          \
static const struct interp_insn *dual_##ld##_##am(struct interp *ip,          \
						  const struct interp_insn *in) \
{                                                                             \
	return dual(ip, in, ld, am);                                          \
}
#define DUAL_AMS(ld)                                                          \
	DUAL(ld, AM_OFF_IMM) DUAL(ld, AM_PRE_IMM) DUAL(ld, AM_POST_IMM)        \
	DUAL(ld, AM_OFF_REGP) DUAL(ld, AM_OFF_REGM) DUAL(ld, AM_PRE_REGP)      \
	DUAL(ld, AM_PRE_REGM) DUAL(ld, AM_POST_REGP) DUAL(ld, AM_POST_REGM)    \
	DUAL(ld, AM_LIT_IMM)
#define DUAL_ROW(ld) {                                                        \
	[AM_OFF_IMM] = dual_##ld##_AM_OFF_IMM, [AM_PRE_IMM] = dual_##ld##_AM_PRE_IMM, \
	[AM_POST_IMM] = dual_##ld##_AM_POST_IMM,                              \
	[AM_OFF_REGP] = dual_##ld##_AM_OFF_REGP,                              \
	[AM_OFF_REGM] = dual_##ld##_AM_OFF_REGM,                              \
	[AM_PRE_REGP] = dual_##ld##_AM_PRE_REGP,                              \
	[AM_PRE_REGM] = dual_##ld##_AM_PRE_REGM,                              \
	[AM_POST_REGP] = dual_##ld##_AM_POST_REGP,                            \
	[AM_POST_REGM] = dual_##ld##_AM_POST_REGM,                            \
	[AM_LIT_IMM] = dual_##ld##_AM_LIT_IMM }

DUAL_AMS(1) DUAL_AMS(0)

const interp_fn ldst_dual_fn[2][LDST_NAMS] = { DUAL_ROW(1), DUAL_ROW(0) };

/* ---- LDM/STM (A8.8.57-A8.8.62, A8.8.199-A8.8.202, B9.3.4-B9.3.5,
 * B9.3.18) ---- */

void ldst_block_setup(struct interp_insn *in, unsigned rn, uint32_t list,
		      bool inc, bool before)
{
	int n = __builtin_popcount(list & 0xffff);
	int start;
	if (inc)
		start = before ? 4 : 0;           /* IB, IA */
	else
		start = before ? -4 * n : 4 - 4 * n; /* DB, DA */
	in->rn = (uint8_t)rn;
	in->imm = list & 0xffff;
	in->shift_imm = (uint8_t)(int8_t)start;
	in->ra = (uint8_t)(int8_t)(inc ? 4 * n : -4 * n);
}

/* The User mode view of register r from a privileged mode (B9.3.5). */
static uint32_t *user_reg(struct arm_cpu *c, unsigned r)
{
	uint32_t mode = c->cpsr_rest & ARM_CPSR_M;
	if (r >= 8 && r <= 12 && mode == ARM_MODE_FIQ)
		return &c->usr_regs[r - 8];
	if (r == 13 && mode != ARM_MODE_USR && mode != ARM_MODE_SYS)
		return &c->banked_r13[ARM_BANK_USR];
	if (r == 14 && mode != ARM_MODE_USR && mode != ARM_MODE_SYS &&
	    mode != ARM_MODE_HYP)
		return &c->banked_r14[ARM_BANK_USR];
	return &c->regs[r];
}

ALWAYS_INLINE const struct interp_insn *
ldm(struct interp *ip, const struct interp_insn *in, unsigned kind, bool wback)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t list = in->imm;
	uint32_t base = c->regs[in->rn];
	uint32_t addr = base + (uint32_t)(int32_t)(int8_t)in->shift_imm;
	uint32_t vals[16];
	unsigned n = 0;

	/* LDM (user registers) and (exception return) are UNPREDICTABLE in
	 * User mode (and the latter in System mode): UNDEFINED, as QEMU and
	 * a32_exception_return do. Checked before anything changes. */
	if (kind == BLK_LDM_USER && interp_mode(ip) == ARM_MODE_USR)
		return interp_undef(ip, in);
	if (kind == BLK_LDM_ERET &&
	    (interp_mode(ip) == ARM_MODE_USR || interp_mode(ip) == ARM_MODE_SYS))
		return interp_undef(ip, in);
	if (addr & 3)
		return ldst_align_fault(ip, in, addr, false);
	for (uint32_t l = list; l; l &= l - 1, n++)
		if (!interp_load(ip, addr + 4 * n, 4, &vals[n]))
			return dabt(ip, in);

	if (wback)
		c->regs[in->rn] = base + (uint32_t)(int32_t)(int8_t)in->ra;
	n = 0;
	for (uint32_t l = list & 0x7fff; l; l &= l - 1, n++) {
		unsigned r = (unsigned)__builtin_ctz(l);
		if (kind == BLK_LDM_USER)
			*user_reg(c, r) = vals[n];
		else
			c->regs[r] = vals[n];
	}
	if (kind == BLK_LDM_PC)
		return interp_jump_bx(ip, vals[n]); /* LoadWritePC */
	if (kind == BLK_LDM_ERET)
		return a32_exception_return(ip, in, vals[n]);
	return interp_next(in);
}

/* Stores in ascending order; the base stored is its value before any
 * writeback (QEMU; the ARM ARM makes it UNKNOWN unless Rn is lowest). */
ALWAYS_INLINE const struct interp_insn *
stm(struct interp *ip, const struct interp_insn *in, bool user, bool wback)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t list = in->imm;
	uint32_t base = c->regs[in->rn];
	uint32_t addr = base + (uint32_t)(int32_t)(int8_t)in->shift_imm;
	unsigned n = 0;

	if (user && interp_mode(ip) == ARM_MODE_USR)
		return interp_undef(ip, in);
	if (addr & 3)
		return ldst_align_fault(ip, in, addr, true);
	for (uint32_t l = list; l; l &= l - 1, n++) {
		unsigned r = (unsigned)__builtin_ctz(l);
		uint32_t v;
		if (r == 15)
			v = interp_pc_read(ip, in);
		else
			v = user ? *user_reg(c, r) : c->regs[r];
		if (!interp_store(ip, addr + 4 * n, 4, v))
			return dabt(ip, in);
	}
	if (wback)
		c->regs[in->rn] = base + (uint32_t)(int32_t)(int8_t)in->ra;
	return interp_next(in);
}

#define BLOCK(name, body)                                                     \
static const struct interp_insn *name(struct interp *ip,                      \
				      const struct interp_insn *in)            \
{                                                                             \
	return body;                                                          \
}
BLOCK(ldm_0, ldm(ip, in, BLK_LDM, false))
BLOCK(ldm_1, ldm(ip, in, BLK_LDM, true))
BLOCK(ldm_pc_0, ldm(ip, in, BLK_LDM_PC, false))
BLOCK(ldm_pc_1, ldm(ip, in, BLK_LDM_PC, true))
BLOCK(ldm_user_0, ldm(ip, in, BLK_LDM_USER, false))
BLOCK(ldm_eret_0, ldm(ip, in, BLK_LDM_ERET, false))
BLOCK(ldm_eret_1, ldm(ip, in, BLK_LDM_ERET, true))
BLOCK(stm_0, stm(ip, in, false, false))
BLOCK(stm_1, stm(ip, in, false, true))
BLOCK(stm_user_0, stm(ip, in, true, false))

/* The user-register forms with writeback are UNPREDICTABLE: NULL, the
 * decoder makes them UNDEFINED (as QEMU does). */
const interp_fn ldst_block_fn[BLK_NKINDS][2] = {
	[BLK_LDM] = { ldm_0, ldm_1 },
	[BLK_LDM_PC] = { ldm_pc_0, ldm_pc_1 },
	[BLK_LDM_USER] = { ldm_user_0, NULL },
	[BLK_LDM_ERET] = { ldm_eret_0, ldm_eret_1 },
	[BLK_STM] = { stm_0, stm_1 },
	[BLK_STM_USER] = { stm_user_0, NULL },
};

/* ---- exclusives (A8.8.75-A8.8.78, A8.8.212-A8.8.215), A3.4 ----
 *
 * The monitor as QEMU 7.2 keeps it: LDREX* sets exclusive_addr to the
 * address and exclusive_val to the value read (LDREXD: both words, the
 * one at the lower address in bits 31:0). STREX* succeeds only if
 * exclusive_addr is that address and memory still holds exclusive_val;
 * either way the monitor is then open (all ones). A STREX to an address
 * the monitor does not hold makes no access at all.
 */

ALWAYS_INLINE const struct interp_insn *
ldrex(struct interp *ip, const struct interp_insn *in, unsigned lg)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t addr = c->regs[in->rn] + in->imm;
	uint32_t lo, hi = 0;
	if (addr & ((1u << lg) - 1))
		return ldst_align_fault(ip, in, addr, false);
	if (!interp_load(ip, addr, lg == 3 ? 4 : 1u << lg, &lo) ||
	    (lg == 3 && !interp_load(ip, addr + 4, 4, &hi)))
		return dabt(ip, in);
	c->exclusive_addr = addr;
	c->exclusive_val = (uint64_t)hi << 32 | lo;
	c->regs[in->rd] = lo;
	if (lg == 3)
		c->regs[in->ra] = hi;
	return interp_next(in);
}

ALWAYS_INLINE const struct interp_insn *
strex(struct interp *ip, const struct interp_insn *in, unsigned lg)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t addr = c->regs[in->rn] + in->imm;
	unsigned size = lg == 3 ? 4 : 1u << lg;
	uint32_t status = 1;
	if (c->exclusive_addr == addr) {
		uint32_t lo, hi = 0;
		if (addr & ((1u << lg) - 1))
			return ldst_align_fault(ip, in, addr, true);
		if (!interp_load(ip, addr, size, &lo) ||
		    (lg == 3 && !interp_load(ip, addr + 4, 4, &hi)))
			return dabt(ip, in);
		uint64_t cur = (uint64_t)hi << 32 | lo;
		uint64_t want = c->exclusive_val;
		if (lg < 3)
			want &= lg == 2 ? 0xffffffffu : (1u << (8u << lg)) - 1;
		if (cur == want) {
			if (!interp_store(ip, addr, size, c->regs[in->rd]) ||
			    (lg == 3 && !interp_store(ip, addr + 4, 4, c->regs[in->ra])))
				return dabt(ip, in);
			status = 0;
		}
	}
	c->exclusive_addr = UINT64_MAX;
	c->regs[in->rm] = status;
	return interp_next(in);
}

BLOCK(ldrexb, ldrex(ip, in, 0))
BLOCK(ldrexh, ldrex(ip, in, 1))
BLOCK(ldrexw, ldrex(ip, in, 2))
BLOCK(ldrexd, ldrex(ip, in, 3))
BLOCK(strexb, strex(ip, in, 0))
BLOCK(strexh, strex(ip, in, 1))
BLOCK(strexw, strex(ip, in, 2))
BLOCK(strexd, strex(ip, in, 3))

const interp_fn ldst_ldrex_fn[4] = { ldrexb, ldrexh, ldrexw, ldrexd };
const interp_fn ldst_strex_fn[4] = { strexb, strexh, strexw, strexd };

/* SWP/SWPB (A8.8.229): QEMU 7.2 implements them on every v7 core
 * (SCTLR.SW is not looked at); SWP needs word alignment. */
ALWAYS_INLINE const struct interp_insn *
swp(struct interp *ip, const struct interp_insn *in, unsigned size)
{
	struct arm_cpu *c = ip->cpu;
	uint32_t addr = c->regs[in->rn], old;
	if (size == 4 && (addr & 3))
		return ldst_align_fault(ip, in, addr, false);
	if (!interp_load(ip, addr, size, &old) ||
	    !interp_store(ip, addr, size, c->regs[in->rm]))
		return dabt(ip, in);
	c->regs[in->rd] = old;
	return interp_next(in);
}

BLOCK(swp_w, swp(ip, in, 4))
BLOCK(swp_b, swp(ip, in, 1))
const interp_fn ldst_swp_fn[2] = { swp_w, swp_b };

const struct interp_insn *ldst_exec_nop(struct interp *ip,
					const struct interp_insn *in)
{
	return interp_next(in);
}
