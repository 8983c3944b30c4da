/*
 * kernel/fdt.c: the end of the RAM bank tern runs in, from device trees
 * made by libfdt (the device-tree library; its sequential-write API
 * builds blobs the way dtc and QEMU lay them out), with the root's cell
 * counts as QEMU's virt has them and otherwise; and blobs cut short or
 * damaged at every byte, which must give 0 without reading past them
 * (ASan watches the reads: each blob sits in a buffer of its exact size).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "kernel/fdt.h"

#define BLOB_CAP 4096

struct tree {
	uint32_t ac, sc;          /* the root's #address-cells, #size-cells */
	const char *mem_name;     /* the RAM node, or NULL */
	const uint32_t *reg;      /* its "reg", in cells */
	int reg_cells;
	bool under_soc;           /* the RAM node one level too deep */
};

/* A blob as dtc would make it: a few nodes and properties around the
 * one tern looks at. Returns its size. */
static size_t make_tree(void *buf, const struct tree *t)
{
	assert_int_equal(fdt_create(buf, BLOB_CAP), 0);
	assert_int_equal(fdt_finish_reservemap(buf), 0);
	assert_int_equal(fdt_begin_node(buf, ""), 0);
	assert_int_equal(fdt_property_string(buf, "compatible", "linux,dummy-virt"), 0);
	assert_int_equal(fdt_property_u32(buf, "#address-cells", t->ac), 0);
	assert_int_equal(fdt_property_u32(buf, "#size-cells", t->sc), 0);
	assert_int_equal(fdt_begin_node(buf, "chosen"), 0);
	assert_int_equal(fdt_property_string(buf, "bootargs", "reg memory"), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	if (t->under_soc)
		assert_int_equal(fdt_begin_node(buf, "soc"), 0);
	if (t->mem_name) {
		assert_int_equal(fdt_begin_node(buf, t->mem_name), 0);
		assert_int_equal(fdt_property_string(buf, "device_type", "memory"), 0);
		fdt32_t reg[8];

		assert_true(t->reg_cells <= 8);
		for (int i = 0; i < t->reg_cells; i++)
			reg[i] = cpu_to_fdt32(t->reg[i]);
		assert_int_equal(fdt_property(buf, "reg", reg, 4 * t->reg_cells), 0);
		assert_int_equal(fdt_end_node(buf), 0);
	}
	if (t->under_soc)
		assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_begin_node(buf, "pl011@9000000"), 0);
	assert_int_equal(fdt_property_u32(buf, "reg", 0x09000000), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_end_node(buf), 0);
	assert_int_equal(fdt_finish(buf), 0);
	assert_int_equal(fdt_check_header(buf), 0);
	return fdt_totalsize(buf);
}

/* fdt_ram_end over a copy of exactly `n` bytes of `blob`. */
static uint64_t ram_end_exact(const void *blob, size_t n, uint64_t addr)
{
	void *copy = malloc(n ? n : 1);
	uint64_t end;

	assert_non_null(copy);
	memcpy(copy, blob, n);
	end = fdt_ram_end(copy, n, addr);
	free(copy);
	return end;
}

static const uint32_t virt_reg[] = { 0, 0x40000000, 0, 0x10000000 };  /* QEMU virt -m 256 */

#define CELLS(a) (int)(sizeof(a) / sizeof((a)[0]))
/* A tree whose RAM node (if named) has virt's "reg" */
#define TREE(a, s, name, ...) \
	((struct tree){ .ac = (a), .sc = (s), .mem_name = (name), .reg = virt_reg, \
			.reg_cells = CELLS(virt_reg), __VA_ARGS__ })

static void test_fdt_virt_layout(void **state)
{
	struct tree t = TREE(2, 2, "memory@40000000");
	uint8_t buf[BLOB_CAP];
	size_t n = make_tree(buf, &t);

	assert_int_equal(ram_end_exact(buf, n, 0x40000000), 0x50000000);
	assert_int_equal(ram_end_exact(buf, n, 0x4fffffff), 0x50000000);
	assert_int_equal(ram_end_exact(buf, n, 0x3fffffff), 0);
	assert_int_equal(ram_end_exact(buf, n, 0x50000000), 0);
}

static void test_fdt_cell_counts_and_banks(void **state)
{
	/* 1+1 cells, two banks */
	static const uint32_t two_banks[] = { 0x00000000, 0x08000000, 0x80000000, 0x04000000 };
	/* 2+1 cells: above 4 GiB, then low */
	static const uint32_t a2s1[] = { 1, 0, 0x1000, 0, 0x60000000, 0x20000000 };
	uint8_t buf[BLOB_CAP];
	struct tree t = { .ac = 1, .sc = 1, .mem_name = "memory", .reg = two_banks,
			  .reg_cells = CELLS(two_banks) };
	size_t n = make_tree(buf, &t);

	assert_int_equal(ram_end_exact(buf, n, 0x07ffffff), 0x08000000);
	assert_int_equal(ram_end_exact(buf, n, 0x80001000), 0x84000000);
	assert_int_equal(ram_end_exact(buf, n, 0x08000000), 0);

	t = (struct tree){ .ac = 2, .sc = 1, .mem_name = "memory@100000000", .reg = a2s1,
			   .reg_cells = CELLS(a2s1) };
	n = make_tree(buf, &t);
	assert_int_equal(ram_end_exact(buf, n, 0x100000800ull), 0x100001000ull);
	assert_int_equal(ram_end_exact(buf, n, 0x70000000), 0x80000000);
}

static void test_fdt_no_ram_node(void **state)
{
	uint8_t buf[BLOB_CAP];
	struct tree none = TREE(2, 2, NULL);
	struct tree other = TREE(2, 2, "memoryx@40000000");
	struct tree deep = TREE(2, 2, "memory@40000000", .under_soc = true);
	struct tree cells = TREE(3, 2, "memory@40000000");

	assert_int_equal(ram_end_exact(buf, make_tree(buf, &none), 0x40000000), 0);
	assert_int_equal(ram_end_exact(buf, make_tree(buf, &other), 0x40000000), 0);
	assert_int_equal(ram_end_exact(buf, make_tree(buf, &deep), 0x40000000), 0);
	assert_int_equal(ram_end_exact(buf, make_tree(buf, &cells), 0x40000000), 0);
	assert_int_equal(fdt_ram_end(NULL, BLOB_CAP, 0x40000000), 0);
}

/* The blob believed only as far as the caller says it may be read, and
 * its header's version and sizes checked. */
static void test_fdt_cut_short(void **state)
{
	struct tree t = TREE(2, 2, "memory@40000000");
	uint8_t buf[BLOB_CAP];
	size_t n = make_tree(buf, &t);

	for (size_t cut = 0; cut < n; cut++)
		assert_int_equal(ram_end_exact(buf, cut, 0x40000000), 0);
	fdt_set_version(buf, 16);
	assert_int_equal(ram_end_exact(buf, n, 0x40000000), 0);
	fdt_set_version(buf, 17);
	fdt_set_size_dt_struct(buf, fdt_totalsize(buf));
	assert_int_equal(ram_end_exact(buf, n, 0x40000000), 0);
}

/* Each byte of the blob replaced by three values in turn: whatever the
 * answer, no read outside the blob, and the header's magic is checked. */
static void test_fdt_every_byte_damaged(void **state)
{
	static const uint8_t bad[] = { 0x00, 0xff, 0x03 };
	struct tree t = TREE(2, 2, "memory@40000000");
	uint8_t buf[BLOB_CAP];
	size_t n = make_tree(buf, &t);

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof(bad); k++) {
			uint8_t keep = buf[i];
			uint64_t end;

			buf[i] = bad[k];
			end = ram_end_exact(buf, n, 0x40000000);
			if (i < 4 && buf[i] != keep)
				assert_int_equal(end, 0);
			buf[i] = keep;
		}
	assert_int_equal(ram_end_exact(buf, n, 0x40000000), 0x50000000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fdt_virt_layout),
		cmocka_unit_test(test_fdt_cell_counts_and_banks),
		cmocka_unit_test(test_fdt_no_ram_node),
		cmocka_unit_test(test_fdt_cut_short),
		cmocka_unit_test(test_fdt_every_byte_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
