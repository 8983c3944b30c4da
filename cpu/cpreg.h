/*
 * Coprocessor-register lists: which cp14/cp15 registers a CPU model saves
 * in its "cpu" section, in QEMU's order, keyed by QEMU's 64-bit KVM-style
 * index, and where each one lives in struct arm_sysregs.
 *
 * QEMU lists some state more than once (an AArch32 view, its non-secure
 * copy, the AArch64 encoding of the same register): those entries point at
 * the same field, so a loaded stream sets it and a saved one repeats it.
 * ID registers are constants of the model; a stream that carries another
 * value for one is refused, as QEMU refuses it.
 */
#ifndef TERN_CPU_CPREG_H
#define TERN_CPU_CPREG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arm_sysregs;

enum cpreg_kind {
	CPREG_CONST, /* read-only: `value` is the only one accepted */
	CPREG_U32,   /* uint32_t at `offset` in struct arm_sysregs */
	CPREG_U64,   /* uint64_t at `offset` */
};

/*
 * 4 bytes an entry (a list has up to 242): QEMU's 64-bit index is an
 * 18-bit key (cpreg_index() gives it back), a constant a position in a
 * pool of the distinct ones, a field an offset in 32-bit words; a field's
 * reset value is in a short list of those that are not 0 (cpreg_value()).
 * No name: cpreg_name() spells the encoding.
 */
struct cpreg {
	uint32_t key : 18;     /* QEMU's index: its kind in bits 17-16, its encoding below */
	uint32_t kind : 2;     /* enum cpreg_kind */
	uint32_t el2_only : 1; /* only in the list of a CPU with EL2 (a HYP register) */
	uint32_t slot : 8;     /* CPREG_U32/U64: offsetof(struct arm_sysregs, ...) / 4;
				  CPREG_CONST: the constant's position in cpreg_values[] */
};
_Static_assert(sizeof(struct cpreg) == 4, "struct cpreg: 4 bytes");

/* A field whose reset value is not 0: `slot` as in struct cpreg, the
 * value's position in cpreg_values[]. */
struct cpreg_reset {
	uint8_t slot;
	uint8_t value;
};

/* The constants and reset values of every table (cpreg_values[0] is 0),
 * and the fields that do not reset to 0 (up to a { 0, 0 } entry), from
 * tools/gen_cpreg_table.py. */
extern const uint32_t cpreg_values[];
extern const struct cpreg_reset cpreg_resets[];

/* QEMU's cpreg index of r, as written in the stream. */
uint64_t cpreg_index(const struct cpreg *r);

/* CPREG_CONST: the constant; otherwise the field's reset value. */
uint32_t cpreg_value(const struct cpreg *r);

/*
 * A list is a selection from its model's table, which holds the entries of
 * all its lists once, in index order: the list of a CPU with EL2 is all of
 * them, the other one those without `el2_only`. Reach entry i (in stream
 * order) with cpreg_list_at().
 */
struct cpreg_list {
	const char *name;          /* "cortex-a15" or "cortex-a15,virtualization=on" */
	const struct cpreg *table; /* shared by the lists of one model */
	uint32_t count;
	bool el2;                  /* the el2_only entries are in it */
};

/* Entry i (0 <= i < l->count) of list l, in stream order. */
const struct cpreg *cpreg_list_at(const struct cpreg_list *l, uint32_t i);

/* The entry of list l with QEMU index `index`, or NULL. */
const struct cpreg *cpreg_find(const struct cpreg_list *l, uint64_t index);

/*
 * The register of QEMU index `index` as its encoding, in `buf`: MRC/MCR
 * operands "p15 0 c1 c0 0" (SCTLR), MRRC/MCRR ones "p15 0 c2 (64-bit)",
 * and AArch64's "S3_0_C1_C0_0" (SCTLR_EL1); " (secure)" marks the secure
 * copy of a banked AArch32 register. An index of another kind: "?".
 */
#define CPREG_NAME_MAX 32
const char *cpreg_name(uint64_t index, char buf[CPREG_NAME_MAX]);

/* The lists QEMU 7.2 writes for cortex-a15 on -M virt. */
extern const struct cpreg_list cpreg_list_a15;      /* virtualization=off: 197 */
extern const struct cpreg_list cpreg_list_a15_el2;  /* virtualization=on: 242 */

/* The known list with `count` entries, or NULL. */
const struct cpreg_list *cpreg_list_by_count(uint32_t count);

uint64_t cpreg_read(const struct arm_sysregs *s, const struct cpreg *r);
/* False (and nothing written) if `v` does not fit, or a constant differs. */
bool cpreg_write(struct arm_sysregs *s, const struct cpreg *r, uint64_t v);
/* Put every register of `list` at its reset value; zero the other fields. */
void cpreg_reset(struct arm_sysregs *s, const struct cpreg_list *list);

#endif
