/*
 * Dispatch: the run loop, code pages, jumps.
 */
#include <stdlib.h>
#include <string.h>

#include "cpu/interp/alu.h"
#include "cpu/interp/alu_ops.h"
#include "cpu/interp/ldst_ops.h"
#include "cpu/interp/interp_internal.h"
#include "cpu/interp/timer.h"
#include "cpu/interp/vfp_fp.h"

/* Handlers run the next instruction's handler themselves (interp_chain),
 * as a tail call; gcc 12 has no way to require one, so the hot loop
 * returns to this loop at least this often, which bounds the stack a
 * chain could take where the compiler made a call of it. */
#define INTERP_CHAIN_MAX 4096

#ifndef INTERP_CODE_PAGES
#ifndef INTERP_CODE_PAGES   /* the firmware's heap wants fewer (firmware.mk) */
#define INTERP_CODE_PAGES 256 /* predecoded pages kept before a full flush */
#endif
#endif

unsigned long interp_size(void)
{
	return sizeof(struct interp);
}

/* ---- slots that are not instructions ---- */

/* First execution of a slot: fetch, decode in place, run. */
static const struct interp_insn *decode_stub(struct interp *ip,
					     const struct interp_insn *cin)
{
	struct interp_insn *in = (struct interp_insn *)cin;
	uint32_t pc = interp_pc(ip, in);
	uint32_t w;
	if (ip->page->thumb) {
		uint32_t hw2 = 0;
		if (!interp_fetch(ip, pc, 2, &w))
			return interp_exception(ip, in, INTERP_EXC_PABT);
		/* 0b11101, 0b11110, 0b11111 start a 32-bit encoding (A6.1) */
		if ((w >> 11) >= 0x1d && !interp_fetch(ip, pc + 2, 2, &hw2))
			return interp_exception(ip, in, INTERP_EXC_PABT);
		/* Decoded in the IT state the CPU is in: a slot first reached
		 * mid-block (an exception return, a new page) gets its
		 * condition from CPSR.IT. */
		interp_decode_t32_it(in, (uint16_t)w, (uint16_t)hw2,
				     alu_it_from_cpsr(ip->cpu->cpsr_rest));
	} else {
		if (!interp_fetch(ip, pc, 4, &w))
			return interp_exception(ip, in, INTERP_EXC_PABT);
		interp_decode_a32(in, w);
	}
	return in->fn(ip, in);
}

/* Past the last slot of a page: carry on at the same address. Not an
 * instruction, so it runs the next one itself (the loop counts one). */
static const struct interp_insn *page_end(struct interp *ip,
					  const struct interp_insn *in)
{
	const struct interp_insn *next = interp_jump(ip, interp_pc(ip, in));
	return next->fn(ip, next);
}

static void page_reset(struct interp_page *p)
{
	unsigned n = p->thumb ? INTERP_SLOTS_T32 : INTERP_SLOTS_A32;
	unsigned sh = p->thumb ? 1 : 2;
	for (unsigned i = 0; i < n; i++) {
		p->slots[i].fn = decode_stub;
		p->slots[i].step = 1;
		p->slots[i].pc_off = (uint16_t)(i << sh);
	}
	/* Two sentinels: a 32-bit T32 instruction in the last slot steps
	 * over the first. */
	for (unsigned i = n; i < n + 2 && i < INTERP_SLOTS_T32 + 2; i++) {
		memset(&p->slots[i], 0, sizeof(p->slots[i]));
		p->slots[i].fn = page_end;
		p->slots[i].step = 1;
		p->slots[i].pc_off = (uint16_t)(i << sh);
	}
}

/* ---- code pages ---- */

static unsigned code_hash(uint32_t pa, bool thumb)
{
	return ((pa >> INTERP_PAGE_BITS) * 2654435761u + thumb) % INTERP_CODE_HASH;
}

static void code_flush_all(struct interp *ip)
{
	memset(ip->hash, 0, sizeof(ip->hash));
	ip->pool_used = 0;
	ip->page = NULL;
	if (ip->code_map)
		memset(ip->code_map, 0, ip->bus.ram_size >> INTERP_PAGE_BITS);
	interp_tlb_flush(ip);
}

static struct interp_page *code_page(struct interp *ip, uint32_t pa, bool thumb)
{
	unsigned h = code_hash(pa, thumb);
	for (struct interp_page *p = ip->hash[h]; p; p = p->next)
		if (p->pa == pa && p->thumb == thumb)
			return p;
	if (ip->pool_used == ip->pool_cap) {
		code_flush_all(ip);
		h = code_hash(pa, thumb);
	}
	struct interp_page *p = &ip->pool[ip->pool_used++];
	p->pa = pa;
	p->thumb = thumb;
	page_reset(p);
	p->next = ip->hash[h];
	ip->hash[h] = p;
	/* Stores to this page must now take the slow path, which sees code. */
	uint32_t off = pa - ip->bus.ram_base;
	if (off < ip->bus.ram_size && !ip->code_map[off >> INTERP_PAGE_BITS]) {
		ip->code_map[off >> INTERP_PAGE_BITS] = 1;
		for (int u = 0; u < 2; u++)
			for (unsigned i = 0; i < INTERP_TLB_SIZE; i++)
				if (ip->tlb[u][i].pa == pa)
					ip->tlb[u][i].write_va = INTERP_TLB_NONE;
	}
	return p;
}

/*
 * A store hit predecoded code: every slot decodes again when next reached.
 * Only fn changes: the instruction doing the store may be in this page, and
 * its handler still reads its own slot (step, registers) after the store.
 */
static void page_invalidate(struct interp_page *p)
{
	unsigned n = p->thumb ? INTERP_SLOTS_T32 : INTERP_SLOTS_A32;
	for (unsigned i = 0; i < n; i++)
		p->slots[i].fn = decode_stub;
}

void interp_code_invalidate(struct interp *ip, uint32_t pa)
{
	uint32_t off = pa - ip->bus.ram_base;
	for (int thumb = 0; thumb < 2; thumb++)
		for (struct interp_page *p = ip->hash[code_hash(pa, thumb)]; p; p = p->next)
			if (p->pa == pa && p->thumb == thumb)
				page_invalidate(p);
	if (off < ip->bus.ram_size)
		ip->code_map[off >> INTERP_PAGE_BITS] = 0;
}

/* ---- jumps ---- */

const struct interp_insn *interp_jump_slow(struct interp *ip, uint32_t pc)
{
	bool thumb = interp_thumb(ip);
	pc &= thumb ? ~1u : ~3u;
	uint32_t va = pc & INTERP_PAGE_MASK;
	unsigned idx = (pc & ~INTERP_PAGE_MASK) >> (thumb ? 1 : 2);
	if (ip->page && ip->page_va == va && ip->page->thumb == thumb)
		return &ip->page->slots[idx];

	uint32_t pa;
	if (!interp_exec_pa(ip, pc, &pa))
		return interp_exception_at(ip, pc, INTERP_EXC_PABT);
	pa &= INTERP_PAGE_MASK;
	ip->page = code_page(ip, pa, thumb);
	ip->page_va = va;
	return &ip->page->slots[idx];
}

const struct interp_insn *interp_jump_bx(struct interp *ip, uint32_t pc)
{
	if (pc & 1)
		ip->cpu->cpsr_rest |= 1u << 5;
	else
		ip->cpu->cpsr_rest &= ~(1u << 5);
	return interp_jump(ip, pc);
}

const struct interp_insn *interp_leave(struct interp *ip,
				       const struct interp_insn *next,
				       enum interp_exit why)
{
	ip->exit = why;
	interp_request_exit(ip);
	return next;
}

const struct interp_insn *interp_fatal(struct interp *ip,
				       const struct interp_insn *in,
				       const char *why)
{
	ip->fatal = why;
	return interp_leave(ip, in, INTERP_EXIT_FATAL);
}

void interp_sync_pc(struct interp *ip, const struct interp_insn *at)
{
	if (!at || !ip->page)
		return;
	/* CPSR.IT is kept exact by the IT-block handlers (decode_t32.c). */
	ip->cpu->regs[15] = interp_pc(ip, at);
}

/* ---- the loop ---- */

void interp_init(struct interp *ip, struct arm_cpu *cpu,
		 const struct interp_bus *bus)
{
	struct interp_page *pool = ip->pool;
	uint8_t *map = ip->code_map;
	memset(ip, 0, sizeof(*ip));
	ip->cpu = cpu;
	ip->bus = *bus;
	ip->pool = pool ? pool : calloc(INTERP_CODE_PAGES, sizeof(*ip->pool));
	ip->pool_cap = ip->pool ? INTERP_CODE_PAGES : 0;
	ip->code_map = map ? map : calloc((bus->ram_size >> INTERP_PAGE_BITS) + 1, 1);
	code_flush_all(ip);
	interp_priv_changed(ip);
}

void interp_free(struct interp *ip)
{
	free(ip->pool);
	free(ip->code_map);
	ip->pool = NULL;
	ip->code_map = NULL;
	ip->pool_cap = 0;
}

void interp_flush(struct interp *ip)
{
	code_flush_all(ip);
}

static bool irq_pending(const struct interp *ip)
{
	uint32_t cpsr = ip->cpu->cpsr_rest;
	return (ip->fiq_line && !(cpsr & (1u << 6))) ||
	       (ip->irq_line && !(cpsr & (1u << 7)));
}

enum interp_exit interp_run(struct interp *ip, uint64_t max_insns)
{
	if (!ip->pool || !ip->code_map) {
		ip->fatal = "out of memory for the code cache";
		return INTERP_EXIT_FATAL;
	}
	ip->exit = INTERP_EXIT_BUDGET;
	ip->exit_requested = false;
	ip->page = NULL;
	interp_priv_changed(ip); /* the CPSR may have been set from outside */
	fp_run_begin(ip->cpu->vfp.fpscr);
	const struct interp_insn *in = interp_jump(ip, ip->cpu->regs[15]);
	uint64_t left = max_insns;
	while (left && !ip->exit_requested) {
		interp_priv_changed(ip);
		if (ip->stop) {
			ip->stop = false;
			ip->exit = INTERP_EXIT_STOP;
			break;
		}
		if (irq_pending(ip)) {
			bool fiq = ip->fiq_line && !(ip->cpu->cpsr_rest & (1u << 6));
			in = interp_exception(ip, in, fiq ? INTERP_EXC_FIQ : INTERP_EXC_IRQ);
		}
		/* The hot loop: handlers set exit_requested when the loop
		 * must look up (an exit, a change of interrupt masks).
		 * ip->insns stays exact: the generic timer counts it. */
		uint64_t end = ip->insns + left, stop = end;
		uint64_t t = interp_timer_next(ip);
		if (t > ip->insns && t < stop)
			stop = t; /* raise the timer interrupt on time */
		if (stop - ip->insns > INTERP_CHAIN_MAX)
			stop = ip->insns + INTERP_CHAIN_MAX;
		ip->stop_at = stop;
		/* The count lives in a register; its memory copy is written
		 * after each instruction (never read back here), so handlers
		 * and the timer see it exact without a dependency through
		 * memory from one instruction to the next. */
		uint64_t n = ip->insns;
		do {
			in = in->fn(ip, in);
			ip->insns = ++n;
		} while (n < ip->stop_at);
		ip->insns = n + ip->fused;
		ip->fused = 0;
		left = end - ip->insns;
		if (ip->insns == t)
			interp_timer_update(ip); /* -> bus.timer_irq -> GIC */
		if (ip->exit_requested && ip->exit == INTERP_EXIT_BUDGET)
			ip->exit_requested = false; /* only a look at interrupts */
	}
	interp_sync_pc(ip, in);
	ip->cpu->vfp.fpscr |= fp_run_end();
	return ip->exit;
}

uint64_t interp_insns(const struct interp *ip)
{
	return interp_count(ip);
}

uint16_t interp_hvc_imm(const struct interp *ip)
{
	return ip->hvc_imm;
}

const char *interp_fatal_reason(const struct interp *ip)
{
	return ip->fatal ? ip->fatal : "no error";
}

/* QEMU's CPU_INTERRUPT_HARD and _FIQ bits: a snapshot carries the input
 * lines in cpu/irq-line-state and the pending ones in cpu_common. */
#define LINE_IRQ 0x0002u
#define LINE_FIQ 0x0010u

static void set_line(struct interp *ip, uint32_t bit, bool level)
{
	struct arm_cpu *c = ip->cpu;
	c->irq_line_state = level ? c->irq_line_state | bit : c->irq_line_state & ~bit;
	c->interrupt_request = level ? c->interrupt_request | bit
				     : c->interrupt_request & ~bit;
	interp_request_exit(ip);
}

void interp_set_irq(struct interp *ip, bool level)
{
	ip->irq_line = level;
	set_line(ip, LINE_IRQ, level);
}

void interp_set_fiq(struct interp *ip, bool level)
{
	ip->fiq_line = level;
	set_line(ip, LINE_FIQ, level);
}

void interp_stop(struct interp *ip)
{
	ip->stop = true;
	interp_request_exit(ip);
}

/* ---- decode helpers shared by the tables ---- */

static void specialise_cond(struct interp_insn *in);

/* A decoded conditional branch within the page, outside IT blocks. */
static bool is_near_bcond(const struct interp_insn *b)
{
	return b->fn != decode_stub && b->exec == alu_b_near && b->cond < 14 && !b->it;
}

/* Fuse slot p (a compare, running on its own: fn == exec) with the
 * conditional branch b right after it. */
/* The form of handler `exec` that ends with interp_chain, or NULL. (A
 * generic one calling exec and then chaining costs more than the run
 * loop's own dispatch: only handlers compiled with the chain have one.) */
static interp_fn chain_form(interp_fn exec)
{
	interp_fn f = alu_dp_chain(exec);
	return f ? f : ldst_chain(exec);
}

/* Does slot p run on its own: fn is its exec, or the chaining form of it? */
static bool runs_alone(const struct interp_insn *p)
{
	return p->fn == p->exec || (p->fn && p->fn == chain_form(p->exec));
}

static void try_fuse(struct interp_insn *p, const struct interp_insn *b)
{
	if (!runs_alone(p) || p->fn == decode_stub || !is_near_bcond(b) ||
	    p + p->step != b)
		return;
	interp_fn f = alu_dp_fuse(p, b->cond);
	if (f)
		p->fn = f;
}

void interp_specialise(struct interp_insn *in, bool thumb)
{
	interp_fn fast = alu_dp_specialise(in);
	if (!fast)
		fast = ldst_specialise(in);
	if (fast) {
		if (in->fn == in->exec)
			in->fn = fast;
		in->exec = fast;
	}
	alu_branch_specialise(in, thumb);
	specialise_cond(in);

	/* Compare and branch: whichever of the two is decoded second joins
	 * them (slots of a page only: the pc_off says which neighbours
	 * exist; a page's slot array ends with sentinels). */
	unsigned idx = in->pc_off >> (thumb ? 1 : 2);
	if (is_near_bcond(in)) {
		if (idx >= 1)
			try_fuse(in - 1, in);
		if (idx >= 2)
			try_fuse(in - 2, in);
	} else if (in->step == 1 || in->step == 2) {
		try_fuse(in, in + in->step);
	}
	if (in->fn == in->exec) {
		interp_fn chain = chain_form(in->exec);
		if (chain)
			in->fn = chain;
	}
}

bool interp_decode_table(const struct interp_pattern *table, unsigned n,
			 struct interp_insn *in, uint32_t raw)
{
	for (unsigned i = 0; i < n; i++)
		if ((raw & table[i].mask) == table[i].match && table[i].decode(in, raw))
			return true;
	return false;
}

const struct interp_insn *interp_exec_undef(struct interp *ip,
					    const struct interp_insn *in)
{
	return interp_undef(ip, in);
}

#define COND_FN_K(c, k)                                                     \
static const struct interp_insn *cond_##c##_##k(struct interp *ip,          \
					       const struct interp_insn *in) \
{                                                                           \
	if (!interp_cond_pass(ip->cpu, c))                                  \
		return interp_chain(ip, interp_next_k(in, k));              \
	return interp_chain(ip, in->exec(ip, in));                          \
}
#define COND_FN(c) COND_FN_K(c, 0) COND_FN_K(c, 1) COND_FN_K(c, 2)
COND_FN(0) COND_FN(1) COND_FN(2) COND_FN(3) COND_FN(4) COND_FN(5) COND_FN(6)
COND_FN(7) COND_FN(8) COND_FN(9) COND_FN(10) COND_FN(11) COND_FN(12) COND_FN(13)

/* Only Rd written: no host branch on the guest's flags (a data-dependent
 * condition such as the UXTHNE of a bitwise CRC mispredicts half the time). */
#define SEL_FN_K(c, k)                                                      \
static const struct interp_insn *sel_##c##_##k(struct interp *ip,           \
					      const struct interp_insn *in)  \
{                                                                           \
	interp_exec_select(ip, in, c);                                      \
	return interp_chain(ip, interp_next_k(in, k));                      \
}
#define SEL_FN(c) SEL_FN_K(c, 0) SEL_FN_K(c, 1) SEL_FN_K(c, 2)
SEL_FN(0) SEL_FN(1) SEL_FN(2) SEL_FN(3) SEL_FN(4) SEL_FN(5) SEL_FN(6)
SEL_FN(7) SEL_FN(8) SEL_FN(9) SEL_FN(10) SEL_FN(11) SEL_FN(12) SEL_FN(13)

#define COND_ROW(k) {                                                       \
	cond_0_##k, cond_1_##k, cond_2_##k, cond_3_##k, cond_4_##k,         \
	cond_5_##k, cond_6_##k, cond_7_##k, cond_8_##k, cond_9_##k,         \
	cond_10_##k, cond_11_##k, cond_12_##k, cond_13_##k }
/* [k][cond]: k = 0 reads the step from the slot, 1 and 2 know it. */
static const interp_fn cond_fns[3][14] = { COND_ROW(0), COND_ROW(1), COND_ROW(2) };
#define SEL_ROW(k) {                                                        \
	sel_0_##k, sel_1_##k, sel_2_##k, sel_3_##k, sel_4_##k, sel_5_##k,   \
	sel_6_##k, sel_7_##k, sel_8_##k, sel_9_##k, sel_10_##k, sel_11_##k, \
	sel_12_##k, sel_13_##k }
static const interp_fn sel_fns[3][14] = { SEL_ROW(0), SEL_ROW(1), SEL_ROW(2) };

interp_fn interp_cond_fn(unsigned cond)
{
	return cond < 14 ? cond_fns[0][cond] : NULL;
}

/* The condition wrapper of the slot for its step and kind. */
static void specialise_cond(struct interp_insn *in)
{
	if (in->cond >= 14 || in->fn != cond_fns[0][in->cond])
		return;
	unsigned k = in->step == 1 || in->step == 2 ? in->step : 0;
	in->fn = alu_writes_rd_only(in) ? sel_fns[k][in->cond]
					   : cond_fns[k][in->cond];
}
