/*
 * Inside the interpreter: the predecoded instruction form, code pages, the
 * TLB and the inline memory fast paths the instruction handlers use.
 *
 * Execution is threaded through predecoded slots: each guest instruction
 * is decoded once (from the pattern tables, decode_*.c) into a struct
 * interp_insn holding its handler and named operand fields; dispatch calls
 * slot->fn, which returns the next slot. Slots live in code pages keyed by
 * physical page and instruction set; a page's slot array ends with a
 * sentinel that moves on to the next page. The PC is not kept while
 * running: it is the slot's position in its page (interp_pc()).
 */
#ifndef TERN_CPU_INTERP_INTERNAL_H
#define TERN_CPU_INTERP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cpu/arm_cpu.h"
#include "cpu/interp/interp.h"

#define INTERP_PAGE_BITS 12
#define INTERP_PAGE_SIZE (1u << INTERP_PAGE_BITS)
#define INTERP_PAGE_MASK (~(INTERP_PAGE_SIZE - 1))

struct interp_insn;
typedef const struct interp_insn *(*interp_fn)(struct interp *ip,
					       const struct interp_insn *in);

/*
 * One predecoded instruction. Field meaning is per instruction class and
 * documented with each decoder; the names follow the ARM ARM's encoding
 * diagrams (Rd, Rn, Rm, Rs/Ra/Rt2, imm).
 */
struct interp_insn {
	interp_fn fn;      /* called by dispatch: exec, or a condition check first */
	interp_fn exec;    /* the instruction's handler */
	uint32_t imm;      /* immediate, offset, displacement, register list */
	uint32_t raw;      /* the encoding, for traps and diagnostics */
	uint8_t rd, rn, rm, ra;
	uint8_t cond;      /* ARM condition (14: always) */
	uint8_t step;      /* slots to the next instruction (1, or 2 for 32-bit T32) */
	uint8_t shift;     /* shift type: 0 LSL, 1 LSR, 2 ASR, 3 ROR, 4 RRX */
	uint8_t shift_imm;
	uint8_t flags;     /* class-specific: S, P/U/W, size, ... */
	uint8_t it;        /* T32: IT state to restore in CPSR when stopped here */
	uint16_t pc_off;   /* byte offset of the instruction in its page: set
			    * by page_reset, kept by the decoders (interp_pc) */
};

_Static_assert(sizeof(void *) != 8 || sizeof(struct interp_insn) == 40,
	       "keep the predecoded slot small");

#define INTERP_SLOTS_A32 (INTERP_PAGE_SIZE / 4)
#define INTERP_SLOTS_T32 (INTERP_PAGE_SIZE / 2)

struct interp_page {
	uint32_t pa;               /* physical page address */
	bool thumb;                /* instruction set of its slots */
	bool valid;
	struct interp_page *next;  /* hash chain */
	struct interp_insn slots[INTERP_SLOTS_T32 + 2]; /* + two end sentinels */
};

/* TLB: per privilege (PL1, PL0), direct mapped on the virtual page.
 * A tag is the virtual page, or INTERP_TLB_NONE: the fast paths compare
 * it with va & (INTERP_PAGE_MASK | (size - 1)), so one compare checks
 * the page and the alignment (an aligned access never crosses a page),
 * and NONE (low bits set) never matches. */
#define INTERP_TLB_SIZE 256
#define INTERP_TLB_NONE 0xffffffffu
struct interp_tlb_entry {
	uint32_t read_va;  /* page tag, or INTERP_TLB_NONE */
	uint32_t write_va;
	uint32_t exec_va;
	uint32_t pa;       /* physical page */
	uint32_t va;       /* the virtual page `addend` is for */
	uint32_t pad;
	uintptr_t addend;  /* host address - virtual address (RAM only) */
};

#define INTERP_CODE_HASH 1024

struct interp {
	struct arm_cpu *cpu;
	struct interp_bus bus;

	/* where dispatch is */
	struct interp_page *page;
	uint32_t page_va;          /* virtual address of page->slots[0] */
	/* The TLB of the current privilege: tlb[1] in User mode, else
	 * tlb[0]; kept by interp_priv_changed() wherever the mode changes. */
	struct interp_tlb_entry *tlb_cur;

	uint64_t insns;            /* retired */
	uint64_t timer_offset;     /* CNTPCT = insns + timer_offset */
	uint64_t budget_end;       /* insns value where interp_run returns */
	volatile bool stop;
	enum interp_exit exit;     /* set by a handler that wants to leave */
	bool irq_line, fiq_line;
	bool exit_requested;       /* set through interp_request_exit() */
	uint64_t stop_at;          /* the hot loop runs while insns < stop_at */
	/* Instructions retired beyond one a dispatch by fused handlers
	 * (a compare and the conditional branch after it) since the hot loop
	 * started; each also took one off stop_at. The loop folds it into
	 * insns when it ends: interp_count() is exact at any time. */
	uint64_t fused;
	uint16_t hvc_imm;
	const char *fatal;

	/* code pages */
	struct interp_page *hash[INTERP_CODE_HASH];
	struct interp_page *pool;
	unsigned pool_used, pool_cap;
	uint8_t *code_map;         /* one byte a RAM page: predecoded code there */

	struct interp_tlb_entry tlb[2][INTERP_TLB_SIZE];
};

/* ---- state helpers ---- */

/* Instructions retired since interp_init, exact at any time. */
static inline uint64_t interp_count(const struct interp *ip)
{
	return ip->insns + ip->fused;
}

/* May a fused handler retire two instructions in this dispatch (room for
 * both before the loop must stop)? If it does, interp_fused() says so. */
static inline bool interp_fuse_ok(const struct interp *ip)
{
	return ip->insns + 2 <= ip->stop_at;
}

static inline void interp_fused(struct interp *ip)
{
	ip->fused++;
	ip->stop_at--;
}

/* End of a simple handler (no exception, no branch): run the next
 * instruction's handler in the same dispatch, a tail call, where the run
 * loop has room for it; it is retired as fused (interp_fused). */
static inline const struct interp_insn *interp_chain(struct interp *ip,
						     const struct interp_insn *next)
{
	if (!interp_fuse_ok(ip))
		return next;
	interp_fused(ip);
	return next->fn(ip, next);
}

static inline bool interp_thumb(const struct interp *ip)
{
	return ip->cpu->cpsr_rest & (1u << 5);
}

static inline uint32_t interp_mode(const struct interp *ip)
{
	return ip->cpu->cpsr_rest & ARM_CPSR_M;
}

static inline bool interp_privileged(const struct interp *ip)
{
	return interp_mode(ip) != ARM_MODE_USR;
}

/* Address of the instruction in slot `in` (a slot of ip->page). */
static inline uint32_t interp_pc(const struct interp *ip,
				 const struct interp_insn *in)
{
	return ip->page_va + in->pc_off;
}

/* The value an instruction reads as PC: its address + 8 (A32) or + 4 (T32). */
static inline uint32_t interp_pc_read(const struct interp *ip,
				      const struct interp_insn *in)
{
	return interp_pc(ip, in) + (ip->page->thumb ? 4 : 8);
}

static inline const struct interp_insn *interp_next(const struct interp_insn *in)
{
	return in + in->step;
}

/* The same for a handler made for one step (1 or 2; 0: read the slot):
 * the next slot without a load, off the chain of dependent loads that
 * runs from one instruction's slot to the next. */
static inline const struct interp_insn *interp_next_k(const struct interp_insn *in,
						      unsigned k)
{
	return k ? in + k : in + in->step;
}

/* Condition check (ARM ARM A8.3, table A8-1). */
static inline bool interp_cond_pass(const struct arm_cpu *c, unsigned cond)
{
	bool r;
	switch (cond >> 1) {
	case 0: r = c->zf == 0; break;                         /* EQ */
	case 1: r = c->cf != 0; break;                         /* CS */
	case 2: r = (int32_t)c->nf < 0; break;                 /* MI */
	case 3: r = (int32_t)c->vf < 0; break;                 /* VS */
	case 4: r = c->cf && c->zf != 0; break;                /* HI */
	case 5: r = (int32_t)(c->nf ^ c->vf) >= 0; break;      /* GE */
	case 6: r = (int32_t)(c->nf ^ c->vf) >= 0 && c->zf; break; /* GT */
	default: return true;                                  /* AL */
	}
	return (cond & 1) ? !r : r;
}

/* The same without a host branch: 1 when `cond` passes, else 0, for
 * handlers that select a result instead of skipping on a flag that
 * changes with the data. */
static inline uint32_t interp_cond_bit(const struct arm_cpu *c, unsigned cond)
{
	uint32_t n = c->nf >> 31, z = c->zf == 0, cf = c->cf & 1, v = c->vf >> 31, r;
	switch (cond >> 1) {
	case 0: r = z; break;                      /* EQ */
	case 1: r = cf; break;                     /* CS */
	case 2: r = n; break;                      /* MI */
	case 3: r = v; break;                      /* VS */
	case 4: r = cf & (z ^ 1); break;           /* HI */
	case 5: r = n ^ v ^ 1; break;              /* GE */
	case 6: r = (n ^ v ^ 1) & (z ^ 1); break;  /* GT */
	default: return 1;                         /* AL */
	}
	return r ^ (cond & 1);
}

/* ---- control flow (dispatch.c) ---- */

/* Make the run loop look up after this instruction (an exit, a change of
 * interrupt masks or timers): one compare in the loop covers both. */
static inline void interp_request_exit(struct interp *ip)
{
	ip->exit_requested = true;
	ip->stop_at = 0;
}

const struct interp_insn *interp_jump_slow(struct interp *ip, uint32_t pc);

/* Continue at `pc` (bit 0 ignored) in the current instruction set. A
 * branch within the page it is on needs no lookup. */
static inline const struct interp_insn *interp_jump(struct interp *ip, uint32_t pc)
{
	const struct interp_page *p = ip->page;
	bool thumb = interp_thumb(ip);
	if (p && p->thumb == thumb && (pc & INTERP_PAGE_MASK) == ip->page_va)
		return &p->slots[(pc & ~INTERP_PAGE_MASK) >> (thumb ? 1 : 2)];
	return interp_jump_slow(ip, pc);
}
/* Continue at `pc`, switching to Thumb if bit 0 is set (BX semantics). */
const struct interp_insn *interp_jump_bx(struct interp *ip, uint32_t pc);
/* Leave interp_run with `why` after this instruction; `next` is where the
 * guest continues. */
const struct interp_insn *interp_leave(struct interp *ip,
				       const struct interp_insn *next,
				       enum interp_exit why);
/* Write the PC of `at` into cpu->regs[15] (and CPSR.IT). */
void interp_sync_pc(struct interp *ip, const struct interp_insn *at);
const struct interp_insn *interp_fatal(struct interp *ip,
				       const struct interp_insn *in,
				       const char *why);

/* ---- exceptions (exception.c), ARM ARM B1.8 ---- */
enum interp_exc {
	INTERP_EXC_UNDEF,
	INTERP_EXC_SVC,
	INTERP_EXC_PABT,
	INTERP_EXC_DABT,
	INTERP_EXC_IRQ,
	INTERP_EXC_FIQ,
};

/* Take an exception caused by (or pending before) instruction `in`;
 * returns the first instruction of the handler. */
const struct interp_insn *interp_exception(struct interp *ip,
					   const struct interp_insn *in,
					   enum interp_exc kind);
/* The same for a fault at `pc` where no slot exists (instruction fetch). */
const struct interp_insn *interp_exception_at(struct interp *ip, uint32_t pc,
					      enum interp_exc kind);
/* The UNDEFINED instruction exception for `in`. */
const struct interp_insn *interp_undef(struct interp *ip,
				       const struct interp_insn *in);

/* ---- memory (memory.c) ---- */

enum interp_access { INTERP_READ, INTERP_WRITE, INTERP_EXEC };

/* Slow paths: translate, fill the TLB, reach devices; on a fault, record
 * it (DFSR/DFAR) and return false: the caller then returns
 * interp_exception(ip, in, INTERP_EXC_DABT). */
bool interp_load_slow(struct interp *ip, uint32_t va, unsigned size,
		      bool user, uint32_t *val);
bool interp_store_slow(struct interp *ip, uint32_t va, unsigned size,
		       bool user, uint32_t val);

static inline unsigned interp_tlb_index(uint32_t va)
{
	/* Hash in bits above the index so buffers a multiple of 1 MiB apart
	 * (memcpy's source and destination) do not evict each other. */
	return ((va >> INTERP_PAGE_BITS) ^ (va >> 20)) & (INTERP_TLB_SIZE - 1);
}

static inline struct interp_tlb_entry *interp_tlb(struct interp *ip,
						  uint32_t va, bool user)
{
	return &ip->tlb[user][interp_tlb_index(va)];
}

/* The TLB entry for `va` at the current privilege. */
static inline struct interp_tlb_entry *interp_tlb_cur(struct interp *ip, uint32_t va)
{
	return &ip->tlb_cur[interp_tlb_index(va)];
}

/* The mode may have changed: pick the TLB of its privilege. */
static inline void interp_priv_changed(struct interp *ip)
{
	ip->tlb_cur = ip->tlb[!interp_privileged(ip)];
}

/* A TLB hit for an access of `size` (1, 2, 4) at `va` against `tag`:
 * same page and aligned. */
static inline bool interp_tlb_hit(uint32_t tag, uint32_t va, unsigned size)
{
	return (va & (INTERP_PAGE_MASK | (size - 1))) == tag;
}

static inline uint32_t interp_host_load(const uint8_t *p, unsigned size)
{
	switch (size) {
	case 1: return *p;
	case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
	default: { uint32_t v; memcpy(&v, p, 4); return v; }
	}
}

static inline void interp_host_store(uint8_t *p, unsigned size, uint32_t val)
{
	switch (size) {
	case 1: *p = (uint8_t)val; break;
	case 2: { uint16_t v = (uint16_t)val; memcpy(p, &v, 2); break; }
	default: memcpy(p, &val, 4); break;
	}
}

static inline uint32_t interp_host_read(const struct interp_tlb_entry *e,
					uint32_t va, unsigned size)
{
	return interp_host_load((const uint8_t *)(e->addend + va), size);
}

static inline void interp_host_write(const struct interp_tlb_entry *e,
				     uint32_t va, unsigned size, uint32_t val)
{
	interp_host_store((uint8_t *)(e->addend + va), size, val);
}

/* With the MMU off (SCTLR.M = 0) a VA is its PA (ARM ARM B3.2.1): an
 * aligned access to RAM needs no TLB lookup, which is off the dependency
 * chain from a register to the loaded value. The host address, or NULL
 * (MMU on, a device, unaligned: the TLB path decides). */
static inline uint8_t *interp_flat_ram(const struct interp *ip, uint32_t va,
				       unsigned size)
{
	uint32_t off = va - ip->bus.ram_base;
	if ((ip->cpu->sys.sctlr & 1) || off >= ip->bus.ram_size ||
	    ip->bus.ram_size - off < size || (va & (size - 1)))
		return NULL;
	return ip->bus.ram + off;
}

/* The same for a store: not to a page holding predecoded code (the slow
 * path invalidates it). */
static inline uint8_t *interp_flat_ram_w(const struct interp *ip, uint32_t va,
					 unsigned size)
{
	uint8_t *h = interp_flat_ram(ip, va, size);
	if (h && ip->code_map[(va - ip->bus.ram_base) >> INTERP_PAGE_BITS])
		return NULL;
	return h;
}

/* Loads and stores of 1, 2 or 4 bytes, little-endian. The fast path: a
 * TLB hit on RAM, aligned (so within the page). */
static inline bool interp_load(struct interp *ip, uint32_t va, unsigned size,
			       uint32_t *val)
{
	const struct interp_tlb_entry *e = interp_tlb_cur(ip, va);
	if (interp_tlb_hit(e->read_va, va, size)) {
		*val = interp_host_read(e, va, size);
		return true;
	}
	return interp_load_slow(ip, va, size, !interp_privileged(ip), val);
}

static inline bool interp_store(struct interp *ip, uint32_t va, unsigned size,
				uint32_t val)
{
	const struct interp_tlb_entry *e = interp_tlb_cur(ip, va);
	if (interp_tlb_hit(e->write_va, va, size)) {
		interp_host_write(e, va, size, val);
		return true;
	}
	return interp_store_slow(ip, va, size, !interp_privileged(ip), val);
}

/* Fetch for the predecoder (may fault: false, then a prefetch abort). */
bool interp_fetch(struct interp *ip, uint32_t va, unsigned size, uint32_t *val);
/* Physical address of an instruction fetch from `va` (fault recorded). */
bool interp_exec_pa(struct interp *ip, uint32_t va, uint32_t *pa);
/* Translate for an access; on a fault fill *fsr with the short-descriptor
 * fault status (ARM ARM B3.13.3) and return false. */
bool interp_translate(struct interp *ip, uint32_t va, enum interp_access acc,
		      bool user, uint32_t *pa, uint32_t *fsr);
void interp_tlb_flush(struct interp *ip);
/* A store hit a RAM page holding predecoded code. */
void interp_code_invalidate(struct interp *ip, uint32_t pa);

/* ---- decoding (decode_a32.c, decode_t32.c) ---- */

/* Decode `raw` into `in` (fn/exec/fields). Unknown encodings get the
 * UNDEFINED handler. */
void interp_decode_a32(struct interp_insn *in, uint32_t raw);
/* hw1: first halfword; hw2: the second if hw1 starts a 32-bit encoding.
 * Returns the instruction's length in bytes (2 or 4). */
unsigned interp_decode_t32(struct interp_insn *in, uint16_t hw1, uint16_t hw2);
/* Decode a T32 instruction that executes with ITSTATE `it` (0: outside an
 * IT block). interp_decode_t32() is this with it = 0. */
unsigned interp_decode_t32_it(struct interp_insn *in, uint16_t hw1, uint16_t hw2,
			      unsigned it);

/* After decoding a slot of a code page (its pc_off set): replace the
 * handler by a faster one for the same fields where there is one (the
 * data-processing fast forms, branches within the page). Both decoders
 * call it last. */
void interp_specialise(struct interp_insn *in, bool thumb);

/* A pattern: an encoding is `match` under `mask`; `decode` extracts the
 * named fields into the slot and picks the handler, or returns false to
 * let a later pattern try (an unallocated corner of the space). */
struct interp_pattern {
	uint32_t mask, match;
	const char *name;
	bool (*decode)(struct interp_insn *in, uint32_t raw);
};

/* Run `raw` against a table (first match wins). */
bool interp_decode_table(const struct interp_pattern *table, unsigned n,
			 struct interp_insn *in, uint32_t raw);

/* Handlers shared by every decoder. */
const struct interp_insn *interp_exec_undef(struct interp *ip,
					    const struct interp_insn *in);
/* The condition check for `cond` as its own function: each predicts
 * better than one shared one. */
interp_fn interp_cond_fn(unsigned cond);
/* Run a slot that alu_writes_rd_only() accepts under condition `cond`:
 * Rd gets its result only if the condition passes. */
static inline void interp_exec_select(struct interp *ip, const struct interp_insn *in,
				      unsigned cond)
{
	uint32_t *rd = &ip->cpu->regs[in->rd], old = *rd;
	in->exec(ip, in);
	uint32_t keep = interp_cond_bit(ip->cpu, cond) - 1; /* ~0: failed */
	*rd = (*rd & ~keep) | (old & keep);
}

#endif
