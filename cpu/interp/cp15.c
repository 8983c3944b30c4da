/*
 * Coprocessor instructions for cp14 and cp15 (ARM ARM A8.8.98 MCR, A8.8.99
 * MCRR, A8.8.107 MRC, A8.8.108 MRRC), A32 and T32: the T32 encodings are
 * the A32 ones with 1110 where the condition is, so one set of decoders
 * serves both tables. CDP/LDC/STC to cp14/cp15 are UNDEFINED (the
 * Cortex-A15 has no such operations). cp10/cp11 (VFP, Advanced SIMD) and
 * every other coprocessor fall through to the tables after this one.
 *
 * Which register an encoding reaches, who may access it and what a write
 * does is the table of sys_cpreg.c; this file binds it to the interpreter:
 * the decoder finds the row once and keeps its index in the slot, the
 * handler checks the privilege (the mode can differ between two runs of
 * one slot) and carries out the effects: TLB flush, timer outputs, address
 * translation, and ending the predecoded block where the context changed.
 *
 * Slot fields: imm = row index (sys_cp_row), rd = Rt, rn = Rt2.
 */
#include "cpu/interp/a32.h"
#include "cpu/interp/sys_cpreg.h"
#include "cpu/interp/timer.h"

static uint32_t reg_read(struct interp *ip, const struct interp_insn *in,
			 unsigned r)
{
	return r == 15 ? interp_pc_read(ip, in) : ip->cpu->regs[r];
}

/* The next instruction, looking up its translation afresh: the
 * translation regime (SCTLR, TTBRs, ...) or the context changed. */
static const struct interp_insn *resync(struct interp *ip,
					const struct interp_insn *in)
{
	uint32_t next = interp_pc(ip, in) + (ip->page->thumb ? in->step * 2u : 4u);
	ip->page = NULL;
	interp_request_exit(ip); /* let the run loop look (timers, masks) */
	return interp_jump(ip, next);
}

/*
 * ATS1C{P,U}{R,W} (B4.2.4): translate as a PL1 or PL0 read or write and put
 * the result in PAR, short-descriptor form (B4.1.112): PA[31:12] and NS on
 * success, or F = 1 with FS[4:0] in bits 5:1 and ExT in bit 6 on a fault.
 */
static void ats(struct interp *ip, const struct interp_insn *in, uint32_t va)
{
	unsigned opc2 = (in->raw >> 5) & 7;
	bool user = opc2 & 2, write = opc2 & 1;
	uint32_t pa, fs;
	uint64_t par;
	if (interp_translate(ip, va, write ? INTERP_WRITE : INTERP_READ, user, &pa, &fs))
		par = (pa & 0xfffff000u) | 1u << 9;
	else
		par = ((fs >> 10) & 1u) << 5 | ((fs >> 12) & 1u) << 6 | (fs & 0xfu) << 1 | 1u;
	ip->cpu->sys.par = par;
}

static const struct interp_insn *after_write(struct interp *ip,
					     const struct interp_insn *in,
					     unsigned fx, uint32_t val)
{
	if (fx & SYS_FX_ATS)
		ats(ip, in, val);
	if (fx & SYS_FX_TLB)
		interp_tlb_flush(ip);
	if (fx & SYS_FX_TIMER) {
		interp_timer_update(ip);
		interp_request_exit(ip); /* the next timer event moved */
	}
	if (fx & SYS_FX_SYNC)
		return resync(ip, in);
	return interp_next(in);
}

static const struct sys_cpreg *row_checked(struct interp *ip,
					   const struct interp_insn *in, bool write)
{
	const struct sys_cpreg *r = sys_cp_row(in->imm);
	if (!sys_cp_allowed(&ip->cpu->sys, r, !interp_privileged(ip), write))
		return NULL;
	return r;
}

/* MRC p<cp>, ..., Rt (Rt != 15) */
static const struct interp_insn *exec_mrc(struct interp *ip,
					  const struct interp_insn *in)
{
	const struct sys_cpreg *r = row_checked(ip, in, false);
	if (!r)
		return interp_undef(ip, in);
	ip->cpu->regs[in->rd] = (uint32_t)sys_cp_read(&ip->cpu->sys, r,
						      interp_timer_count(ip));
	return interp_next(in);
}

/* MRC p<cp>, ..., APSR_nzcv: bits 31:28 to the flags. */
static const struct interp_insn *exec_mrc_apsr(struct interp *ip,
					       const struct interp_insn *in)
{
	const struct sys_cpreg *r = row_checked(ip, in, false);
	if (!r)
		return interp_undef(ip, in);
	uint32_t v = (uint32_t)sys_cp_read(&ip->cpu->sys, r, interp_timer_count(ip));
	struct arm_cpu *c = ip->cpu;
	c->nf = v & 0x80000000u;
	c->zf = (v & 0x40000000u) ? 0 : 1;
	c->cf = (v >> 29) & 1u;
	c->vf = (v << 3) & 0x80000000u;
	return interp_next(in);
}

static const struct interp_insn *exec_mcr(struct interp *ip,
					  const struct interp_insn *in)
{
	const struct sys_cpreg *r = row_checked(ip, in, true);
	if (!r)
		return interp_undef(ip, in);
	uint32_t v = reg_read(ip, in, in->rd);
	unsigned fx = sys_cp_write(&ip->cpu->sys, r, interp_timer_count(ip), v);
	return fx ? after_write(ip, in, fx, v) : interp_next(in);
}

/* MRRC p<cp>, opc1, Rt, Rt2, CRm: Rt = bits 31:0, Rt2 = bits 63:32. */
static const struct interp_insn *exec_mrrc(struct interp *ip,
					   const struct interp_insn *in)
{
	const struct sys_cpreg *r = row_checked(ip, in, false);
	if (!r)
		return interp_undef(ip, in);
	uint64_t v = sys_cp_read(&ip->cpu->sys, r, interp_timer_count(ip));
	ip->cpu->regs[in->rd] = (uint32_t)v;
	ip->cpu->regs[in->rn] = (uint32_t)(v >> 32);
	return interp_next(in);
}

static const struct interp_insn *exec_mcrr(struct interp *ip,
					   const struct interp_insn *in)
{
	const struct sys_cpreg *r = row_checked(ip, in, true);
	if (!r)
		return interp_undef(ip, in);
	uint64_t v = (uint64_t)reg_read(ip, in, in->rn) << 32 | reg_read(ip, in, in->rd);
	unsigned fx = sys_cp_write(&ip->cpu->sys, r, interp_timer_count(ip), v);
	return fx ? after_write(ip, in, fx, (uint32_t)v) : interp_next(in);
}

/* An encoding QEMU has no register for: UNDEFINED. */
static const struct interp_insn *exec_cp_unknown(struct interp *ip,
						 const struct interp_insn *in)
{
	return interp_undef(ip, in);
}

/* ---- decoding ---- */

static bool cp_is_sys(uint32_t raw)
{
	unsigned cp = (raw >> 8) & 0xf;
	return cp == 14 || cp == 15;
}

static bool bind(struct interp_insn *in, uint32_t key, interp_fn fn)
{
	const struct sys_cpreg *r = sys_cp_find(key);
	if (!r) {
		in->exec = exec_cp_unknown;
		return true;
	}
	in->imm = sys_cp_index(r);
	in->exec = fn;
	return true;
}

/* MRC/MCR: cond 1110 opc1:3 L CRn Rt coproc opc2:3 1 CRm */
static bool dec_mrc_mcr(struct interp_insn *in, uint32_t raw)
{
	if (!cp_is_sys(raw))
		return false;
	bool read = raw & (1u << 20);
	in->rd = (raw >> 12) & 0xf;
	in->flags = read;
	uint32_t key = SYS_CP_KEY((raw >> 8) & 0xf, (raw >> 21) & 7, (raw >> 16) & 0xf,
				  raw & 0xf, (raw >> 5) & 7);
	if (read)
		return bind(in, key, in->rd == 15 ? exec_mrc_apsr : exec_mrc);
	return bind(in, key, exec_mcr);
}

/* MRRC/MCRR: cond 1100 010 L Rt2 Rt coproc opc1:4 CRm */
static bool dec_mrrc_mcrr(struct interp_insn *in, uint32_t raw)
{
	if (!cp_is_sys(raw))
		return false;
	bool read = raw & (1u << 20);
	in->rd = (raw >> 12) & 0xf;
	in->rn = (raw >> 16) & 0xf;
	in->flags = read;
	uint32_t key = SYS_CP_KEY64((raw >> 8) & 0xf, (raw >> 4) & 0xf, raw & 0xf);
	return bind(in, key, read ? exec_mrrc : exec_mcrr);
}

/* CDP, LDC, STC to cp14/cp15: UNDEFINED on this core. */
static bool dec_cp_undef(struct interp_insn *in, uint32_t raw)
{
	if (!cp_is_sys(raw))
		return false;
	in->exec = interp_exec_undef;
	return true;
}

const struct interp_pattern a32_cp_patterns[] = {
	{ 0x0f000010, 0x0e000010, "mrc/mcr", dec_mrc_mcr },
	{ 0x0fe00000, 0x0c400000, "mrrc/mcrr", dec_mrrc_mcrr },
	{ 0x0f000010, 0x0e000000, "cdp", dec_cp_undef },
	{ 0x0e000000, 0x0c000000, "ldc/stc", dec_cp_undef },
};
const unsigned a32_cp_npatterns = sizeof(a32_cp_patterns) / sizeof(a32_cp_patterns[0]);

/* T32 (A6.3.18): 1110 11xx ... is the A32 layout with cond = 1110.
 * (1111 11xx, the "2" forms, are UNDEFINED for cp14/cp15: no pattern.) */
const struct interp_pattern t32_cp_patterns[] = {
	{ 0xff000010, 0xee000010, "mrc/mcr", dec_mrc_mcr },
	{ 0xffe00000, 0xec400000, "mrrc/mcrr", dec_mrrc_mcrr },
	{ 0xff000010, 0xee000000, "cdp", dec_cp_undef },
	{ 0xfe000000, 0xec000000, "ldc/stc", dec_cp_undef },
};
const unsigned t32_cp_npatterns = sizeof(t32_cp_patterns) / sizeof(t32_cp_patterns[0]);
