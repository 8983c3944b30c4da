/*
 * VFP (coprocessors 10 and 11) in A32 and T32: extension register
 * loads/stores (ARM ARM A7.6), transfers between core and extension
 * registers (A7.8, A7.9), VMRS/VMSR; data processing is in vfp_dp.c.
 *
 * The encodings are the same in A32 and T32 but for the top nibble
 * (cond in A32, 1110 in T32): one pattern list, instantiated twice, and
 * decoders that read bits 27:0 only.
 *
 * Slot fields per form are documented at each decoder.
 */
#include "cpu/interp/vfp_internal.h"
#include "cpu/interp/vfp_dp.h"

#define EN_CHECK(ip, in)                                                       \
	do {                                                                   \
		if (!vfp_enabled(ip))                                          \
			return interp_undef(ip, in);                           \
	} while (0)

/* ---- VLDR/VSTR (A8.8.333, A8.8.413): rn, rd (S or D number),
 * imm = signed byte offset ---- */

static inline uint32_t ldst_base(struct interp *ip, const struct interp_insn *in)
{
	if (in->rn == 15) /* literal: Align(PC, 4) */
		return interp_pc_read(ip, in) & ~3u;
	return ip->cpu->regs[in->rn];
}

static const struct interp_insn *vldr_s(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint32_t v;
	if (!vfp_load32(ip, ldst_base(ip, in) + in->imm, &v))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	vfp_set_s(ip->cpu, in->rd, v);
	return interp_next(in);
}

static __attribute__((noinline)) const struct interp_insn *
vldr_d_slow(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint32_t lo, hi, a = ldst_base(ip, in) + in->imm;
	if (!vfp_load32(ip, a, &lo) || !vfp_load32(ip, a + 4, &hi))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	ip->cpu->vfp.d[in->rd] = (uint64_t)hi << 32 | lo;
	return interp_next(in);
}

/* The fast path: doubleword aligned (both words in one page), a TLB hit;
 * anything else (and the checks' failures) through vldr_d_slow. */
static const struct interp_insn *vldr_d(struct interp *ip, const struct interp_insn *in)
{
	if (!vfp_enabled(ip))
		return vldr_d_slow(ip, in);
	uint32_t a = ldst_base(ip, in) + in->imm;
	const struct interp_tlb_entry *e = interp_tlb_cur(ip, a);
	if (!interp_tlb_hit(e->read_va, a, 8))
		return vldr_d_slow(ip, in);
	uint64_t v;
	memcpy(&v, (const uint8_t *)(e->addend + a), 8); /* little-endian */
	ip->cpu->vfp.d[in->rd] = v;
	return interp_next(in);
}

static const struct interp_insn *vstr_s(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	if (!vfp_store32(ip, ldst_base(ip, in) + in->imm, vfp_s(ip->cpu, in->rd)))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	return interp_next(in);
}

static __attribute__((noinline)) const struct interp_insn *
vstr_d_slow(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint64_t v = ip->cpu->vfp.d[in->rd];
	uint32_t a = ldst_base(ip, in) + in->imm;
	if (!vfp_store32(ip, a, (uint32_t)v) || !vfp_store32(ip, a + 4, (uint32_t)(v >> 32)))
		return interp_exception(ip, in, INTERP_EXC_DABT);
	return interp_next(in);
}

static const struct interp_insn *vstr_d(struct interp *ip, const struct interp_insn *in)
{
	if (!vfp_enabled(ip))
		return vstr_d_slow(ip, in);
	uint32_t a = ldst_base(ip, in) + in->imm;
	const struct interp_tlb_entry *e = interp_tlb_cur(ip, a);
	if (!interp_tlb_hit(e->write_va, a, 8))
		return vstr_d_slow(ip, in);
	memcpy((uint8_t *)(e->addend + a), &ip->cpu->vfp.d[in->rd], 8);
	return interp_next(in);
}

/* ---- VLDM/VSTM/VPUSH/VPOP (A8.8.332, A8.8.412): rn, rd = first
 * register, ra = count, imm = bytes (imm8 * 4), flags below ---- */
#define F_WB 1u
#define F_DB 2u

static inline uint32_t ldm_start(struct interp *ip, const struct interp_insn *in)
{
	uint32_t base = in->rn == 15 ? interp_pc_read(ip, in) & ~3u : ip->cpu->regs[in->rn];
	return (in->flags & F_DB) ? base - in->imm : base;
}

static inline void ldm_writeback(struct interp *ip, const struct interp_insn *in)
{
	if (in->flags & F_WB) {
		uint32_t *r = &ip->cpu->regs[in->rn];
		*r = (in->flags & F_DB) ? *r - in->imm : *r + in->imm;
	}
}

static const struct interp_insn *vldm_s(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint32_t a = ldm_start(ip, in), v;
	for (unsigned i = 0; i < in->ra; i++, a += 4) {
		if (!vfp_load32(ip, a, &v))
			return interp_exception(ip, in, INTERP_EXC_DABT);
		vfp_set_s(ip->cpu, in->rd + i, v);
	}
	ldm_writeback(ip, in);
	return interp_next(in);
}

static const struct interp_insn *vldm_d(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint32_t a = ldm_start(ip, in), lo, hi;
	for (unsigned i = 0; i < in->ra; i++, a += 8) {
		if (!vfp_load32(ip, a, &lo) || !vfp_load32(ip, a + 4, &hi))
			return interp_exception(ip, in, INTERP_EXC_DABT);
		ip->cpu->vfp.d[in->rd + i] = (uint64_t)hi << 32 | lo;
	}
	ldm_writeback(ip, in);
	return interp_next(in);
}

static const struct interp_insn *vstm_s(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint32_t a = ldm_start(ip, in);
	for (unsigned i = 0; i < in->ra; i++, a += 4)
		if (!vfp_store32(ip, a, vfp_s(ip->cpu, in->rd + i)))
			return interp_exception(ip, in, INTERP_EXC_DABT);
	ldm_writeback(ip, in);
	return interp_next(in);
}

static const struct interp_insn *vstm_d(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	uint32_t a = ldm_start(ip, in);
	for (unsigned i = 0; i < in->ra; i++, a += 8) {
		uint64_t v = ip->cpu->vfp.d[in->rd + i];
		if (!vfp_store32(ip, a, (uint32_t)v) || !vfp_store32(ip, a + 4, (uint32_t)(v >> 32)))
			return interp_exception(ip, in, INTERP_EXC_DABT);
	}
	ldm_writeback(ip, in);
	return interp_next(in);
}

/* A7.6: extension register load/store. P:U:W = 0:0:0 is the 64-bit
 * transfer space (decoded before this pattern). */
static bool decode_ext_ldst(struct interp_insn *in, uint32_t raw)
{
	bool p = raw >> 24 & 1, u = raw >> 23 & 1, w = raw >> 21 & 1, l = raw >> 20 & 1;
	bool dp = raw >> 8 & 1;
	unsigned vd = raw >> 12 & 15, D = raw >> 22 & 1, imm8 = raw & 0xff;
	in->rn = raw >> 16 & 15;
	in->rd = (uint8_t)(dp ? D << 4 | vd : vd << 1 | D);
	if (p && !w) { /* VLDR/VSTR */
		uint32_t off = imm8 * 4;
		in->imm = u ? off : (uint32_t)-off;
		in->exec = l ? (dp ? vldr_d : vldr_s) : (dp ? vstr_d : vstr_s);
		return true;
	}
	if (p == u) /* 0:0:x (64-bit transfers / undefined) or 1:1:1 */
		return false;
	if (w && in->rn == 15)
		return false; /* UNPREDICTABLE */
	unsigned count = dp ? imm8 / 2 : imm8; /* odd imm8 with D: FLDMX/FSTMX */
	if (count == 0 || in->rd + count > 32 || (dp && count > 16))
		return false;
	in->ra = (uint8_t)count;
	in->imm = imm8 * 4;
	in->flags = (w ? F_WB : 0) | (p ? F_DB : 0);
	in->exec = l ? (dp ? vldm_d : vldm_s) : (dp ? vstm_d : vstm_s);
	return true;
}

/* ---- VMOV between a core register and a single (A8.8.343):
 * rd = Rt, rn = S number ---- */

static const struct interp_insn *vmov_to_s(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	vfp_set_s(ip->cpu, in->rn, ip->cpu->regs[in->rd]);
	return interp_next(in);
}

static const struct interp_insn *vmov_from_s(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	ip->cpu->regs[in->rd] = vfp_s(ip->cpu, in->rn);
	return interp_next(in);
}

static bool decode_vmov_core_s(struct interp_insn *in, uint32_t raw)
{
	in->rd = raw >> 12 & 15;
	in->rn = (uint8_t)((raw >> 15 & 0x1e) | (raw >> 7 & 1));
	if (in->rd == 15)
		return false;
	in->exec = (raw >> 20 & 1) ? vmov_from_s : vmov_to_s;
	return true;
}

/* ---- VMOV two core registers <-> two singles / a double (A8.8.345,
 * A8.8.346): rd = Rt, ra = Rt2, rm = first S or the D number ---- */

static const struct interp_insn *vmov_to_ss(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	vfp_set_s(c, in->rm, c->regs[in->rd]);
	vfp_set_s(c, in->rm + 1, c->regs[in->ra]);
	return interp_next(in);
}

static const struct interp_insn *vmov_from_ss(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	c->regs[in->rd] = vfp_s(c, in->rm);
	c->regs[in->ra] = vfp_s(c, in->rm + 1);
	return interp_next(in);
}

static const struct interp_insn *vmov_to_d(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	c->vfp.d[in->rm] = (uint64_t)c->regs[in->ra] << 32 | c->regs[in->rd];
	return interp_next(in);
}

static const struct interp_insn *vmov_from_d(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t v = c->vfp.d[in->rm];
	c->regs[in->rd] = (uint32_t)v;
	c->regs[in->ra] = (uint32_t)(v >> 32);
	return interp_next(in);
}

static bool decode_vmov_64(struct interp_insn *in, uint32_t raw)
{
	bool to_core = raw >> 20 & 1, dp = raw >> 8 & 1;
	unsigned vm = raw & 15, M = raw >> 5 & 1;
	in->rd = raw >> 12 & 15;
	in->ra = raw >> 16 & 15;
	in->rm = (uint8_t)(dp ? M << 4 | vm : vm << 1 | M);
	if (in->rd == 15 || in->ra == 15 || (to_core && in->rd == in->ra) ||
	    (!dp && in->rm == 31))
		return false;
	if (dp)
		in->exec = to_core ? vmov_from_d : vmov_to_d;
	else
		in->exec = to_core ? vmov_from_ss : vmov_to_ss;
	return true;
}

/* ---- VMOV core register <-> scalar (A8.8.341, A8.8.342):
 * rd = Rt, rn = D number, shift = bit offset, flags = size in bytes,
 * bit 7 of flags: unsigned ---- */
#define F_SC_U 0x80u

static const struct interp_insn *vmov_to_scalar(struct interp *ip,
						const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	unsigned bits = (in->flags & 7) * 8;
	uint64_t mask = (bits == 32 ? 0xffffffffull : ((1ull << bits) - 1)) << in->shift;
	uint64_t *d = &c->vfp.d[in->rn];
	*d = (*d & ~mask) | (((uint64_t)c->regs[in->rd] << in->shift) & mask);
	return interp_next(in);
}

static const struct interp_insn *vmov_from_scalar(struct interp *ip,
						  const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t v = (uint32_t)(c->vfp.d[in->rn] >> in->shift);
	switch (in->flags) {
	case 1: v = (uint32_t)(int32_t)(int8_t)v; break;
	case 2: v = (uint32_t)(int32_t)(int16_t)v; break;
	case 1 | F_SC_U: v &= 0xff; break;
	case 2 | F_SC_U: v &= 0xffff; break;
	default: break;
	}
	c->regs[in->rd] = v;
	return interp_next(in);
}

static bool decode_vmov_scalar(struct interp_insn *in, uint32_t raw)
{
	bool to_core = raw >> 20 & 1, u = raw >> 23 & 1;
	unsigned opc1 = raw >> 21 & 3, opc2 = raw >> 5 & 3;
	in->rd = raw >> 12 & 15;
	in->rn = (uint8_t)((raw >> 3 & 0x10) | (raw >> 16 & 15));
	if (in->rd == 15)
		return false;
	if (opc1 & 2) { /* 8-bit: index opc1<0>:opc2 */
		in->flags = 1;
		in->shift = (uint8_t)(((opc1 & 1) << 2 | opc2) * 8);
	} else if (opc2 & 1) { /* 16-bit: index opc1<0>:opc2<1> */
		in->flags = 2;
		in->shift = (uint8_t)(((opc1 & 1) << 1 | opc2 >> 1) * 16);
	} else if (!(opc2 & 2)) { /* 32-bit */
		if (u && to_core)
			return false;
		in->flags = 4;
		in->shift = (uint8_t)((opc1 & 1) * 32);
	} else {
		return false;
	}
	if (to_core) {
		if (u)
			in->flags |= F_SC_U;
		in->exec = vmov_from_scalar;
	} else {
		if (u) /* bit 23 is 0 in the to-scalar form */
			return false;
		in->exec = vmov_to_scalar;
	}
	return true;
}

/* ---- VDUP (ARM core register), A8.8.324: rd = D number, rm = Rt,
 * flags = element bytes, ra = D registers (1 or 2) ---- */

static const struct interp_insn *vdup_core(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint64_t v = c->regs[in->rm];
	switch (in->flags) {
	case 1: v = (v & 0xff) * 0x0101010101010101ull; break;
	case 2: v = (v & 0xffff) * 0x0001000100010001ull; break;
	default: v = v * 0x0000000100000001ull; break;
	}
	c->vfp.d[in->rd] = v;
	if (in->ra == 2)
		c->vfp.d[in->rd + 1] = v;
	return interp_next(in);
}

static bool decode_vdup_core(struct interp_insn *in, uint32_t raw)
{
	unsigned be = (raw >> 21 & 2) | (raw >> 5 & 1);
	bool q = raw >> 21 & 1;
	in->rd = (uint8_t)((raw >> 3 & 0x10) | (raw >> 16 & 15));
	in->rm = raw >> 12 & 15;
	if (be == 3 || (q && (in->rd & 1)) || in->rm == 15)
		return false;
	in->flags = be == 0 ? 4 : be == 1 ? 2 : 1;
	in->ra = q ? 2 : 1;
	in->exec = vdup_core;
	return true;
}

/* ---- VMRS/VMSR (A8.8.348, A8.8.349, B6.1.x): rd = Rt ---- */

static const struct interp_insn *vmrs_fpscr(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	/* the flags the fast paths left in the host's environment */
	ip->cpu->vfp.fpscr |= fp_run_flags();
	ip->cpu->regs[in->rd] = ip->cpu->vfp.fpscr;
	return interp_next(in);
}

/* VMRS APSR_nzcv, FPSCR */
static const struct interp_insn *vmrs_nzcv(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	struct arm_cpu *c = ip->cpu;
	uint32_t f = c->vfp.fpscr;
	c->nf = f;
	c->zf = !(f >> 30 & 1);
	c->cf = f >> 29 & 1;
	c->vf = f << 3;
	return interp_next(in);
}

static const struct interp_insn *vmsr_fpscr(struct interp *ip, const struct interp_insn *in)
{
	EN_CHECK(ip, in);
	ip->cpu->vfp.fpscr = ip->cpu->regs[in->rd] & FPSCR_WRITABLE;
	fp_run_mode(ip->cpu->vfp.fpscr); /* RMode; the old flags are gone */
	return interp_next(in);
}

/* The identification registers and FPEXC: PL1 only, reachable with
 * FPEXC.EN clear (B6.1.x), still subject to CPACR. */
static inline bool sysreg_ok(const struct interp *ip)
{
	return interp_privileged(ip) && vfp_cp_access(ip);
}

static const struct interp_insn *vmrs_id(struct interp *ip, const struct interp_insn *in)
{
	if (!sysreg_ok(ip))
		return interp_undef(ip, in);
	ip->cpu->regs[in->rd] = in->imm;
	return interp_next(in);
}

static const struct interp_insn *vmrs_fpexc(struct interp *ip, const struct interp_insn *in)
{
	if (!sysreg_ok(ip))
		return interp_undef(ip, in);
	ip->cpu->regs[in->rd] = ip->cpu->vfp.fpexc;
	return interp_next(in);
}

static const struct interp_insn *vmsr_ignored(struct interp *ip, const struct interp_insn *in)
{
	if (!sysreg_ok(ip))
		return interp_undef(ip, in);
	return interp_next(in);
}

static const struct interp_insn *vmsr_fpexc(struct interp *ip, const struct interp_insn *in)
{
	if (!sysreg_ok(ip))
		return interp_undef(ip, in);
	ip->cpu->vfp.fpexc = ip->cpu->regs[in->rd];
	return interp_next(in);
}

static bool decode_vmrs_vmsr(struct interp_insn *in, uint32_t raw)
{
	bool l = raw >> 20 & 1;
	unsigned reg = raw >> 16 & 15;
	in->rd = raw >> 12 & 15;
	if (l && reg == 1) {
		in->exec = in->rd == 15 ? vmrs_nzcv : vmrs_fpscr;
		return true;
	}
	if (in->rd == 15)
		return false;
	switch (reg) {
	case 0: in->imm = VFP_FPSID; break;
	case 1: in->exec = vmsr_fpscr; return true;
	case 6: in->imm = VFP_MVFR1; break;
	case 7: in->imm = VFP_MVFR0; break;
	case 8: in->exec = l ? vmrs_fpexc : vmsr_fpexc; return true;
	default: return false; /* FPINST/FPINST2/MVFR2: not on a cortex-a15 */
	}
	in->exec = l ? vmrs_id : vmsr_ignored;
	return true;
}

/* ---- tables ---- */

/* Bits 27:0; the A32 table leaves cond free, the T32 table wants 1110. */
#define VFP_PATTERNS(TOPMASK, TOP) \
	{ 0x0fe00fffu | TOPMASK, 0x0ee00a10u | TOP, "vmrs/vmsr", decode_vmrs_vmsr }, \
	{ 0x0fe00f7fu | TOPMASK, 0x0e000a10u | TOP, "vmov (core, single)", decode_vmov_core_s }, \
	{ 0x0f900f5fu | TOPMASK, 0x0e800b10u | TOP, "vdup (core)", decode_vdup_core }, \
	{ 0x0f100f1fu | TOPMASK, 0x0e000b10u | TOP, "vmov (core to scalar)", decode_vmov_scalar }, \
	{ 0x0f100f1fu | TOPMASK, 0x0e100b10u | TOP, "vmov (scalar to core)", decode_vmov_scalar }, \
	{ 0x0fe00ed0u | TOPMASK, 0x0c400a10u | TOP, "vmov (two cores)", decode_vmov_64 }, \
	{ 0x0e000e00u | TOPMASK, 0x0c000a00u | TOP, "vldr/vstr/vldm/vstm", decode_ext_ldst }, \
	{ 0x0f000e10u | TOPMASK, 0x0e000a00u | TOP, "vfp data processing", vfp_decode_dp },

const struct interp_pattern a32_vfp_patterns[] = {
	VFP_PATTERNS(0, 0)
};
const unsigned a32_vfp_npatterns = sizeof(a32_vfp_patterns) / sizeof(a32_vfp_patterns[0]);

const struct interp_pattern t32_vfp_patterns[] = {
	VFP_PATTERNS(0xf0000000u, 0xe0000000u)
};
const unsigned t32_vfp_npatterns = sizeof(t32_vfp_patterns) / sizeof(t32_vfp_patterns[0]);
