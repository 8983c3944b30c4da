/*
 * Reading and writing struct arm_sysregs through a cp-register list entry.
 * The tables themselves are data: cpu/cpreg_a15.c.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/arm_sysregs.h"
#include "cpu/cpreg.h"

static const struct cpreg_list *const cpreg_lists[] = {
	&cpreg_list_a15,
	&cpreg_list_a15_el2,
};

/* The top word of an index by its key's bits 17-16: QEMU's AArch32 32-bit
 * (MRC), AArch32 64-bit (MRRC) and AArch64 kinds (its KVM-style index
 * layout, target/arm/kvm-consts.h; INDEX_TOPS in the generator). */
static const uint32_t cpreg_index_tops[4] = { 0x40200000, 0x40300000, 0x60300000, 0 };

uint64_t cpreg_index(const struct cpreg *r)
{
	uint32_t form = r->key >> 16, enc = r->key & 0xffffu, low;

	/* AArch32 keys keep the non-secure bit in bit 15 and cp15 (else
	 * cp14) in bit 6, which their encodings leave free (key_of() in
	 * tools/gen_cpreg_table.py). */
	if (form == 2)
		low = 0x130000u | enc;
	else
		low = (enc >> 15) << 29 | (14u + ((enc >> 6) & 1u)) << 16 | (enc & 0x7fbfu);
	return (uint64_t)cpreg_index_tops[form] << 32 | low;
}

uint32_t cpreg_value(const struct cpreg *r)
{
	if (r->kind == CPREG_CONST)
		return cpreg_values[r->slot];
	for (const struct cpreg_reset *z = cpreg_resets; z->value; z++)
		if (z->slot == r->slot)
			return cpreg_values[z->value];
	return 0;
}

const struct cpreg *cpreg_list_at(const struct cpreg_list *l, uint32_t i)
{
	const struct cpreg *r = l->table;

	if (l->el2)
		return &r[i];
	/* Entry i of the list without EL2 is the (i+1)-th entry not
	 * el2_only: the lists are short, a walk is enough. */
	for (;; r++)
		if (!r->el2_only && i-- == 0)
			return r;
}

const struct cpreg *cpreg_find(const struct cpreg_list *l, uint64_t index)
{
	/* One walk over the table (cpreg_list_at() would walk it for each i). */
	uint32_t left = l->count;

	for (const struct cpreg *r = l->table; left; r++) {
		if (r->el2_only && !l->el2)
			continue;
		if (cpreg_index(r) == index)
			return r;
		left--;
	}
	return NULL;
}

/* Bits [lo, lo + n) of x. */
static unsigned bits(uint64_t x, unsigned lo, unsigned n)
{
	return (unsigned)(x >> lo) & ((1u << n) - 1);
}

const char *cpreg_name(uint64_t index, char buf[CPREG_NAME_MAX])
{
	/* QEMU's KVM-style layout: coprocessor 16-19, CRn 11-14, CRm 7-10,
	 * opc1 3-5, opc2 0-2, bit 29 set for the non-secure copy; AArch64
	 * op0 14-15, op1 11-13, CRn 7-10, CRm 3-6, op2 0-2. */
	const char *bank = bits(index, 29, 1) ? "" : " (secure)";
	switch (index >> 32) {
	case 0x40200000:
		snprintf(buf, CPREG_NAME_MAX, "p%u %u c%u c%u %u%s", bits(index, 16, 4),
			 bits(index, 3, 3), bits(index, 11, 4), bits(index, 7, 4),
			 bits(index, 0, 3), bank);
		break;
	case 0x40300000:
		snprintf(buf, CPREG_NAME_MAX, "p%u %u c%u (64-bit)%s", bits(index, 16, 4),
			 bits(index, 3, 3), bits(index, 7, 4), bank);
		break;
	case 0x60300000:
		snprintf(buf, CPREG_NAME_MAX, "S%u_%u_C%u_C%u_%u", bits(index, 14, 2),
			 bits(index, 11, 3), bits(index, 7, 4), bits(index, 3, 4),
			 bits(index, 0, 3));
		break;
	default:
		snprintf(buf, CPREG_NAME_MAX, "?");
	}
	return buf;
}

const struct cpreg_list *cpreg_list_by_count(uint32_t count)
{
	for (size_t i = 0; i < sizeof(cpreg_lists) / sizeof(cpreg_lists[0]); i++)
		if (cpreg_lists[i]->count == count)
			return cpreg_lists[i];
	return NULL;
}

/*
 * The fields are reached by byte offset, and some entries see one half of
 * a 64-bit field (the 32-bit TTBR0 view of TTBR0_EL1, PRRR in MAIR_EL1):
 * memcpy keeps those accesses free of alignment and aliasing trouble.
 */
uint64_t cpreg_read(const struct arm_sysregs *s, const struct cpreg *r)
{
	const unsigned char *p = (const unsigned char *)s + 4u * r->slot;
	uint32_t v32;
	uint64_t v64;

	switch (r->kind) {
	case CPREG_U32:
		memcpy(&v32, p, sizeof(v32));
		return v32;
	case CPREG_U64:
		memcpy(&v64, p, sizeof(v64));
		return v64;
	default:
		return cpreg_value(r);
	}
}

bool cpreg_write(struct arm_sysregs *s, const struct cpreg *r, uint64_t v)
{
	unsigned char *p = (unsigned char *)s + 4u * r->slot;
	uint32_t v32;

	switch (r->kind) {
	case CPREG_U32:
		if (v > UINT32_MAX)
			return false;
		v32 = (uint32_t)v;
		memcpy(p, &v32, sizeof(v32));
		return true;
	case CPREG_U64:
		memcpy(p, &v, sizeof(v));
		return true;
	case CPREG_CONST:
		/* An ID register: QEMU refuses a stream that disagrees. */
		return v == cpreg_value(r);
	default:
		return false;
	}
}

void cpreg_reset(struct arm_sysregs *s, const struct cpreg_list *list)
{
	/* Fields the list does not carry (the HYP ones for a guest without
	 * EL2) are zero, so two resets give the same bytes. Aliases of one
	 * field carry the same reset value: the order does not matter. */
	memset(s, 0, sizeof(*s));
	for (uint32_t i = 0; i < list->count; i++) {
		const struct cpreg *r = cpreg_list_at(list, i);

		if (r->kind != CPREG_CONST)
			(void)cpreg_write(s, r, cpreg_value(r));
	}
}
