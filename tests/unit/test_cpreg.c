/*
 * cp-register lists (cpu/cpreg.c, cpu/cpreg_a15.c): shape of the tables,
 * reads and writes through them, which entries share state, and agreement
 * with the lists QEMU 7.2 writes (shared/spec/cpregs-cortex-a15-*.txt).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/arm_sysregs.h"
#include "cpu/cpreg.h"

static const struct cpreg_list *const lists[] = {
	&cpreg_list_a15,
	&cpreg_list_a15_el2,
};
#define NLISTS (sizeof(lists) / sizeof(lists[0]))

/* The position of `index` in list l, or -1. */
static int position(const struct cpreg_list *l, uint64_t index)
{
	for (uint32_t i = 0; i < l->count; i++)
		if (cpreg_index(cpreg_list_at(l, i)) == index)
			return (int)i;
	return -1;
}

static const struct cpreg *find(const struct cpreg_list *l, uint64_t index)
{
	int i = position(l, index);

	return i < 0 ? NULL : cpreg_list_at(l, (uint32_t)i);
}

static unsigned width(const struct cpreg *r)
{
	return r->kind == CPREG_U64 ? 8 : 4;
}

/* Byte offset of entry r's field in struct arm_sysregs. */
static size_t offset(const struct cpreg *r)
{
	return 4u * r->slot;
}

/* A value that fits entry `r` and differs from entry to entry. */
static uint64_t pattern(const struct cpreg *r, uint32_t salt)
{
	uint64_t v = 0x9e3779b97f4a7c15ull * (cpreg_index(r) ^ salt) + salt;

	return r->kind == CPREG_U64 ? v : (uint32_t)v;
}

static void test_counts(void **state)
{
	(void)state;
	assert_int_equal(cpreg_list_a15.count, 197);
	assert_int_equal(cpreg_list_a15_el2.count, 242);
	assert_string_equal(cpreg_list_a15.name, "cortex-a15");
	assert_string_equal(cpreg_list_a15_el2.name, "cortex-a15,virtualization=on");
	assert_ptr_equal(cpreg_list_by_count(197), &cpreg_list_a15);
	assert_ptr_equal(cpreg_list_by_count(242), &cpreg_list_a15_el2);
	assert_null(cpreg_list_by_count(0));
	assert_null(cpreg_list_by_count(196));
	assert_null(cpreg_list_by_count(243));
}

/* QEMU sorts its list by index; a load compares it entry by entry. */
static void test_ascending_and_named(void **state)
{
	(void)state;
	for (size_t l = 0; l < NLISTS; l++) {
		const struct cpreg_list *list = lists[l];

		for (uint32_t i = 0; i < list->count; i++) {
			const struct cpreg *r = cpreg_list_at(list, i);

			if (i > 0)
				assert_true(cpreg_index(cpreg_list_at(list, i - 1)) < cpreg_index(r));
			char nm[CPREG_NAME_MAX], other[CPREG_NAME_MAX];

			assert_true(cpreg_name(cpreg_index(r), nm)[0] != '\0');
			assert_true(r->kind == CPREG_CONST || r->kind == CPREG_U32 ||
				    r->kind == CPREG_U64);
			if (r->kind != CPREG_CONST) {
				assert_true(offset(r) + width(r) <= sizeof(struct arm_sysregs));
			}
			if (r->kind == CPREG_U32)
				assert_true(cpreg_value(r) <= UINT32_MAX);
			for (uint32_t j = 0; j < i; j++)
				assert_string_not_equal(cpreg_name(cpreg_index(cpreg_list_at(list, j)), other),
							nm);
		}
	}
}

static void test_round_trip(void **state)
{
	(void)state;
	for (size_t l = 0; l < NLISTS; l++) {
		const struct cpreg_list *list = lists[l];
		struct arm_sysregs s;

		memset(&s, 0, sizeof(s));
		for (uint32_t i = 0; i < list->count; i++) {
			const struct cpreg *r = cpreg_list_at(list, i);
			uint64_t v = r->kind == CPREG_CONST ? cpreg_value(r) : pattern(r, i);

			assert_true(cpreg_write(&s, r, v));
			assert_int_equal(cpreg_read(&s, r), v);
			if (r->kind == CPREG_U64) {
				assert_true(cpreg_write(&s, r, ~0ull));
				assert_int_equal(cpreg_read(&s, r), ~0ull);
			}
		}
	}
}

static void test_refusals(void **state)
{
	(void)state;
	for (size_t l = 0; l < NLISTS; l++) {
		const struct cpreg_list *list = lists[l];
		struct arm_sysregs s, before;

		cpreg_reset(&s, list);
		for (uint32_t i = 0; i < list->count; i++) {
			const struct cpreg *r = cpreg_list_at(list, i);

			memcpy(&before, &s, sizeof(s));
			if (r->kind == CPREG_CONST) {
				assert_false(cpreg_write(&s, r, cpreg_value(r) ^ 1));
				assert_false(cpreg_write(&s, r, cpreg_value(r) | 1ull << 32));
				assert_int_equal(cpreg_read(&s, r), cpreg_value(r));
			} else if (r->kind == CPREG_U32) {
				assert_false(cpreg_write(&s, r, 1ull << 32));
				assert_false(cpreg_write(&s, r, ~0ull));
			}
			assert_memory_equal(&before, &s, sizeof(s));
		}
	}
}

static void test_reset(void **state)
{
	(void)state;
	for (size_t l = 0; l < NLISTS; l++) {
		const struct cpreg_list *list = lists[l];
		struct arm_sysregs s, again;

		memset(&s, 0xa5, sizeof(s));
		cpreg_reset(&s, list);
		/* Every alias reads its own reset value: they agree. */
		for (uint32_t i = 0; i < list->count; i++)
			assert_int_equal(cpreg_read(&s, cpreg_list_at(list, i)),
					 cpreg_value(cpreg_list_at(list, i)));
		memset(&again, 0x5a, sizeof(again));
		cpreg_reset(&again, list);
		assert_memory_equal(&s, &again, sizeof(s));

		assert_int_equal(s.sctlr, 0x00c50078);
		assert_int_equal(s.cntfrq, 62500000);
		assert_int_equal(s.pmcr, 0x410f3000);
		assert_int_equal(s.dbgoslsr, 0xa);
		assert_int_equal(s.ttbr0, 0);
		assert_int_equal(s.dacr, 0);
		assert_int_equal(s.vbar, 0);
		if (list == &cpreg_list_a15_el2) {
			assert_int_equal(s.vpidr, 0x414fc0f0);
			assert_int_equal(s.vmpidr, 0x80000000);
			assert_int_equal(s.hdcr, 6);
			assert_int_equal(s.cnthctl, 3);
		} else {
			assert_int_equal(s.vpidr, 0);
			assert_int_equal(s.cnthctl, 0);
		}
	}
}

/*
 * Which entries are one piece of state, as measured on qemu-system-arm 7.2
 * (load a stream with one value changed, save it, see which entries moved).
 * ALL: the entry sees the whole 64-bit state; LO/HI: its low/high word.
 * Every entry not named here is state of its own.
 */
enum part { ALL, LO, HI };
struct member {
	uint64_t index;
	enum part part;
};
#define GROUP_MAX 5
struct group {
	struct member m[GROUP_MAX];
};

#define A32S(x)  (0x40200000000f0000ull | (x))       /* p15, secure copy */
#define A32(x)   (0x40200000200f0000ull | (x))       /* p15 */
#define A14(x)   (0x40200000200e0000ull | (x))       /* p14 */
#define A64(x)   (0x6030000000130000ull | (x))

static const struct group groups[] = {
	{ { { A32S(0x0010), LO }, { A64(0xd000), LO } } },           /* CSSELR */
	{ { { A32S(0x0800), LO }, { A64(0xc080), LO } } },           /* SCTLR */
	{ { { A32S(0x1000), LO }, { A64(0xc100), ALL } } },          /* TTBR0 */
	{ { { A32S(0x1001), LO }, { A64(0xc101), ALL } } },          /* TTBR1 */
	{ { { A32S(0x1800), LO }, { A32(0x1800), LO } } },           /* DACR */
	{ { { A32S(0x2801), LO }, { A32(0x2801), LO } } },           /* IFSR */
	{ { { A32S(0x3000), LO }, { A32(0x3000), LO },               /* DFAR, */
	    { A32S(0x3002), HI }, { A32(0x3002), HI },               /* IFAR, */
	    { A64(0xc300), ALL } } },                                /* FAR_EL1 */
	{ { { A32S(0x3a00), LO }, { A32(0x3a00), LO },               /* PAR */
	    { 0x40300000000f0380ull, ALL }, { 0x40300000200f0380ull, ALL } } },
	{ { { A32S(0x5100), LO }, { A32(0x5100), LO },               /* PRRR, */
	    { A32S(0x5101), HI }, { A32(0x5101), HI },               /* NMRR, */
	    { A64(0xc510), ALL } } },                                /* MAIR_EL1 */
	{ { { A32S(0x6000), LO }, { A64(0xc600), LO } } },           /* VBAR */
	{ { { A32S(0x6800), LO }, { A32(0x6800), LO } } },           /* FCSEIDR */
	{ { { A32S(0x6801), LO }, { A32(0x6801), LO }, { A64(0xc681), LO } } },
	{ { { A32S(0x6802), LO }, { A32(0x6802), LO }, { A64(0xde82), LO } } },
	{ { { A32S(0x6803), LO }, { A32(0x6803), LO }, { A64(0xde83), LO } } },
	{ { { A32S(0x6804), LO }, { A32(0x6804), LO }, { A64(0xc684), LO } } },
	{ { { A32(0x0802), LO }, { A64(0xc082), LO } } },            /* CPACR */
	{ { { A32(0x7080), LO }, { A64(0xc708), LO } } },            /* CNTKCTL */
	{ { { A14(0x0102), LO }, { A64(0x8012), LO } } },            /* DBGDSCRext */
	{ { { A14(0x0884), LO }, { A64(0x808c), LO } } },            /* DBGOSLSR */
	{ { { A14(0x0984), LO }, { A64(0x809c), LO } } },            /* DBGOSDLR */
	/* HYP */
	{ { { A32(0x0820), LO }, { A64(0xe080), LO } } },            /* HSCTLR */
	{ { { A32(0x08a1), LO }, { A64(0xe089), LO } } },            /* HDCR */
	{ { { A32(0x08a2), LO }, { A64(0xe08a), LO } } },            /* HCPTR */
	{ { { A32(0x08a3), LO }, { A64(0xe08b), LO } } },            /* HSTR */
	{ { { A32(0x1022), LO }, { A64(0xe102), LO } } },            /* HTCR */
	{ { { A32(0x2920), LO }, { A64(0xe290), LO } } },            /* HSR */
	{ { { A32(0x3020), LO }, { A64(0xe300), ALL } } },           /* HDFAR */
	{ { { A32(0x3024), LO }, { A64(0xe304), LO } } },            /* HPFAR */
	{ { { A32(0x5120), LO }, { A64(0xe510), ALL } } },           /* HMAIR0 */
	{ { { A32(0x6020), LO }, { A64(0xe600), LO } } },            /* HVBAR */
	{ { { A32(0x6822), LO }, { A64(0xe682), LO } } },            /* HTPIDR */
	{ { { A32(0x70a0), LO }, { A64(0xe708), LO } } },            /* CNTHCTL */
	{ { { A32(0x7121), LO }, { A64(0xe711), LO } } },            /* CNTHP_CTL */
	{ { { 0x40300000200f0730ull, ALL }, { A64(0xe712), ALL } } },/* CNTHP_CVAL */
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

/* Debug registers: pairs built in code, p14 0 c0 cN {4,5,6,7} and
 * DBG{B,W}{V,C}RN_EL1 = S2_0_C0_CN_{4,5,6,7}. */
static size_t debug_groups(struct group *out)
{
	size_t n = 0;

	for (unsigned crm = 0; crm < 6; crm++) {
		for (unsigned op2 = 4; op2 < 8; op2++) {
			if (crm >= 4 && op2 >= 6)
				continue; /* 4 watchpoints, 6 breakpoints */
			memset(&out[n], 0, sizeof(out[n]));
			out[n].m[0] = (struct member){ A14(crm << 7 | op2), LO };
			out[n].m[1] = (struct member){ A64(0x8000 | crm << 3 | op2), LO };
			n++;
		}
	}
	return n;
}

static uint64_t part_of(uint64_t whole, enum part p)
{
	return p == HI ? whole >> 32 : p == LO ? (uint32_t)whole : whole;
}

static uint64_t with_part(uint64_t whole, enum part p, uint64_t v)
{
	if (p == LO)
		return (whole & ~0xffffffffull) | (uint32_t)v;
	if (p == HI)
		return (uint32_t)whole | v << 32;
	return v;
}

/* Write each member in turn; every member must read what was written. */
static void check_group(const struct cpreg_list *list, const struct group *g,
			int *covered)
{
	const struct cpreg *r[GROUP_MAX];
	size_t n = 0;
	struct arm_sysregs s;
	uint64_t model = 0;

	for (size_t k = 0; k < GROUP_MAX && g->m[k].index; k++) {
		const struct cpreg *e = find(list, g->m[k].index);

		if (!e)
			continue; /* a HYP register, not in the EL1 list */
		assert_int_not_equal(e->kind, CPREG_CONST);
		assert_int_equal(width(e), g->m[k].part == ALL ? 8 : 4);
		covered[position(list, cpreg_index(e))] = 1;
		r[n++] = e;
	}
	if (n == 0)
		return;
	memset(&s, 0, sizeof(s));
	for (size_t a = 0; a < n; a++) {
		size_t ka = 0;

		while (g->m[ka].index != cpreg_index(r[a]))
			ka++;
		uint64_t v = pattern(r[a], 0x1000 + (uint32_t)a);
		assert_true(cpreg_write(&s, r[a], v));
		model = with_part(model, g->m[ka].part, v);
		for (size_t b = 0; b < n; b++) {
			size_t kb = 0;

			while (g->m[kb].index != cpreg_index(r[b]))
				kb++;
			assert_int_equal(cpreg_read(&s, r[b]),
					 part_of(model, g->m[kb].part));
		}
	}
}

static int overlap(const struct cpreg *a, const struct cpreg *b)
{
	return offset(a) < offset(b) + width(b) && offset(b) < offset(a) + width(a);
}

static int same_group(const struct group *gs, size_t ng, uint64_t x, uint64_t y)
{
	for (size_t i = 0; i < ng; i++) {
		int hx = 0, hy = 0;

		for (size_t k = 0; k < GROUP_MAX; k++) {
			hx |= gs[i].m[k].index == x;
			hy |= gs[i].m[k].index == y;
		}
		if (hx && hy)
			return 1;
	}
	return 0;
}

static void test_aliases(void **state)
{
	struct group all[NGROUPS + 32];
	char na[CPREG_NAME_MAX], nb[CPREG_NAME_MAX];
	size_t ng;

	(void)state;
	memcpy(all, groups, sizeof(groups));
	ng = NGROUPS + debug_groups(all + NGROUPS);

	for (size_t l = 0; l < NLISTS; l++) {
		const struct cpreg_list *list = lists[l];
		int covered[256] = { 0 };

		assert_true(list->count <= 256);
		for (size_t i = 0; i < ng; i++)
			check_group(list, &all[i], covered);

		/* Entries that share bytes must be a measured alias group, and
		 * entries of no group must share bytes with nothing. */
		for (uint32_t i = 0; i < list->count; i++) {
			const struct cpreg *a = cpreg_list_at(list, i);

			if (a->kind == CPREG_CONST)
				continue;
			for (uint32_t j = i + 1; j < list->count; j++) {
				const struct cpreg *b = cpreg_list_at(list, j);

				if (b->kind == CPREG_CONST || !overlap(a, b))
					continue;
				if (!same_group(all, ng, cpreg_index(a), cpreg_index(b)))
					fail_msg("%s and %s share state that QEMU keeps apart",
						 cpreg_name(cpreg_index(a), na), cpreg_name(cpreg_index(b), nb));
			}
		}
	}
}

/* A value written through a named field is what the list carries. */
static void test_named_fields(void **state)
{
	struct arm_sysregs s;
	const struct cpreg_list *l = &cpreg_list_a15_el2;

	(void)state;
	cpreg_reset(&s, l);
	s.ttbr0 = 0x0000001240004000ull;
	s.dfar = 0x11111111;
	s.ifar = 0x22222222;
	s.prrr = 0x33333333;
	s.nmrr = 0x44444444;
	s.tpidrurw = 0x55;
	s.cntv.cval = 0x123456789aull;
	s.hdfar = 0x66;
	s.hifar = 0x77;
	s.dbgbvr[5] = 0x88;
	assert_int_equal(cpreg_read(&s, find(l, A32S(0x1000))), 0x40004000);
	assert_int_equal(cpreg_read(&s, find(l, A64(0xc100))), 0x0000001240004000ull);
	assert_int_equal(cpreg_read(&s, find(l, A64(0xc300))), 0x2222222211111111ull);
	assert_int_equal(cpreg_read(&s, find(l, A32(0x3002))), 0x22222222);
	assert_int_equal(cpreg_read(&s, find(l, A64(0xc510))), 0x4444444433333333ull);
	assert_int_equal(cpreg_read(&s, find(l, A64(0xde82))), 0x55);
	assert_int_equal(cpreg_read(&s, find(l, A64(0xdf1a))), 0x123456789aull);
	assert_int_equal(cpreg_read(&s, find(l, A64(0xe300))), 0x0000007700000066ull);
	assert_int_equal(cpreg_read(&s, find(l, A14(0x0284))), 0x88);
	assert_int_equal(cpreg_read(&s, find(l, A64(0x802c))), 0x88);
}

/* --- agreement with the lists QEMU wrote ---------------------------------- */

struct spec_entry {
	uint64_t index;
	uint64_t value;
};

/* Parse one spec file: "index kind encoding... value" lines, '#' comments. */
static int read_spec(const char *file, struct spec_entry *out, int max)
{
	const char *dir = getenv("TERN_SPEC_DIR");
	char path[512], line[256];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "../shared/spec", file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *last, *end;

		if (line[0] == '#' || line[0] == '\n')
			continue;
		assert_true(n < max);
		out[n].index = strtoull(line, &end, 16);
		assert_true(end != line);
		line[strcspn(line, "\n")] = '\0';
		last = strrchr(line, ' ');
		assert_non_null(last);
		out[n].value = strtoull(last + 1, &end, 16);
		assert_true(*end == '\0');
		n++;
	}
	fclose(f);
	return n;
}

static void check_spec(const struct cpreg_list *list, const char *file)
{
	static struct spec_entry spec[512];
	char nm[CPREG_NAME_MAX];
	int n = read_spec(file, spec, 512);

	if (n < 0) {
		/* The spec is the reference: its absence is a failure, not a skip. */
		fail_msg("%s not found in TERN_SPEC_DIR or ../shared/spec", file);
	}
	assert_int_equal(n, list->count);
	for (int i = 0; i < n; i++) {
		const struct cpreg *r = cpreg_list_at(list, i);

		if (cpreg_index(r) != spec[i].index)
			fail_msg("%s: entry %d is %016llx, the spec says %016llx", file, i,
				 (unsigned long long)cpreg_index(r),
				 (unsigned long long)spec[i].index);
		if (r->kind == CPREG_CONST && cpreg_value(r) != spec[i].value)
			fail_msg("%s: %s = %llx, the spec says %llx", file, cpreg_name(cpreg_index(r), nm),
				 (unsigned long long)cpreg_value(r),
				 (unsigned long long)spec[i].value);
		/* The spec's other values come from a running guest: they are
		 * not reset values, but they fit. */
		if (r->kind == CPREG_U32)
			assert_true(spec[i].value <= UINT32_MAX);
	}
}

static void test_spec_virt_off(void **state)
{
	(void)state;
	check_spec(&cpreg_list_a15, "cpregs-cortex-a15-virt-off.txt");
}

static void test_spec_virt_on(void **state)
{
	(void)state;
	check_spec(&cpreg_list_a15_el2, "cpregs-cortex-a15-virt-on.txt");
}

/* The two lists agree wherever they share an index. */
static void test_lists_agree(void **state)
{
	char na[CPREG_NAME_MAX], nb[CPREG_NAME_MAX];

	(void)state;
	for (uint32_t i = 0; i < cpreg_list_a15.count; i++) {
		const struct cpreg *a = cpreg_list_at(&cpreg_list_a15, i);
		const struct cpreg *b = find(&cpreg_list_a15_el2, cpreg_index(a));

		assert_non_null(b);
		assert_string_equal(cpreg_name(cpreg_index(a), na),
				    cpreg_name(cpreg_index(b), nb));
		assert_int_equal(a->kind, b->kind);
		assert_int_equal(a->slot, b->slot);
		assert_int_equal(cpreg_value(a), cpreg_value(b));
	}
}

/* cpreg_find() finds what the list has, and only that. */
static void test_find(void **state)
{
	(void)state;
	for (size_t l = 0; l < NLISTS; l++) {
		const struct cpreg_list *list = lists[l];

		for (uint32_t i = 0; i < list->count; i++) {
			const struct cpreg *r = cpreg_list_at(list, i);

			assert_ptr_equal(cpreg_find(list, cpreg_index(r)), r);
		}
		assert_null(cpreg_find(list, 0x40200000200f0800ull)); /* no SCTLR (NS) */
	}
	/* HSCTLR: a HYP register, only in the list with EL2 */
	assert_null(cpreg_find(&cpreg_list_a15, 0x40200000200f0820ull));
	assert_non_null(cpreg_find(&cpreg_list_a15_el2, 0x40200000200f0820ull));
}

/* A register is named by its encoding, in the assembler's operand order. */
static void test_names(void **state)
{
	static const struct { uint64_t index; const char *name; } cases[] = {
		{ 0x40200000000f0800ull, "p15 0 c1 c0 0 (secure)" },  /* SCTLR_S */
		{ 0x40200000200f1800ull, "p15 0 c3 c0 0" },           /* DACR */
		{ 0x603000000013c080ull, "S3_0_C1_C0_0" },            /* SCTLR_EL1 */
		{ 0x603000000013e080ull, "S3_4_C1_C0_0" },            /* SCTLR_EL2 */
		{ 0x603000000013df19ull, "S3_3_C14_C3_1" },           /* CNTV_CTL_EL0 */
		{ 0x40300000200f0380ull, "p15 0 c7 (64-bit)" },       /* PAR (64-bit) */
		{ 0x40300000000f0380ull, "p15 0 c7 (64-bit) (secure)" }, /* PAR_S (64-bit) */
		{ 0x40200000200f0180ull, "p15 0 c0 c3 0" },           /* ID_c0_c3_0 (RAZ) */
		{ 0x40200000200f0820ull, "p15 4 c1 c0 0" },           /* HSCTLR */
		{ 0x40200000200e0285ull, "p14 0 c0 c5 5" },           /* DBGBCR5 */
		{ 0x40300000200f0730ull, "p15 6 c14 (64-bit)" },      /* CNTHP_CVAL */
	};
	char nm[CPREG_NAME_MAX];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_non_null(find(&cpreg_list_a15_el2, cases[i].index));
		assert_string_equal(cpreg_name(cases[i].index, nm), cases[i].name);
	}
	/* Another kind of index (a damaged stream's): no encoding to spell. */
	assert_string_equal(cpreg_name(0x1234000000000000ull, nm), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_ascending_and_named),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_named_fields),
		cmocka_unit_test(test_lists_agree),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_spec_virt_off),
		cmocka_unit_test(test_spec_virt_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
