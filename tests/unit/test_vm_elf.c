/*
 * The guest image loader: good ELF and raw images, and hostile ones
 * (truncated, wrong class/endianness/machine, segments outside RAM or past
 * the end of the file, wrapping sizes) that must fail with one line and
 * never write outside RAM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/elf.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE (1u << 20)

static uint8_t *ram;   /* RAM_SIZE bytes plus a guard */
static char err[160];

static void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* An ELF with two PT_LOAD segments (code, then data + bss) and a PT_NOTE. */
static size_t make_elf(uint8_t *f)
{
	memset(f, 0, 512);
	memcpy(f, "\x7f" "ELF", 4);
	f[4] = 1; /* ELFCLASS32 */
	f[5] = 1; /* ELFDATA2LSB */
	f[6] = 1;
	put16(f + 16, 2);  /* ET_EXEC */
	put16(f + 18, 40); /* EM_ARM */
	put32(f + 20, 1);
	put32(f + 24, 0x40010000u); /* entry */
	put32(f + 28, 52);          /* phoff */
	put16(f + 40, 52);
	put16(f + 42, 32);
	put16(f + 44, 3);
	uint8_t *ph = f + 52;
	/* code: 16 bytes at file 0x100 -> 0x40010000 */
	put32(ph + 0, 1); put32(ph + 4, 0x100); put32(ph + 8, 0x40010000u);
	put32(ph + 12, 0x40010000u); put32(ph + 16, 16); put32(ph + 20, 16);
	ph += 32;
	/* data: 8 bytes at file 0x110 -> 0x40020000, 64 bytes in memory */
	put32(ph + 0, 1); put32(ph + 4, 0x110); put32(ph + 8, 0x40020000u);
	put32(ph + 12, 0x40020000u); put32(ph + 16, 8); put32(ph + 20, 64);
	ph += 32;
	/* a note: ignored, even if its fields are nonsense */
	put32(ph + 0, 4); put32(ph + 4, 0xfffffff0u); put32(ph + 12, 0x10u);
	put32(ph + 16, 0xffffffffu); put32(ph + 20, 0xffffffffu);
	for (int i = 0; i < 16; i++)
		f[0x100 + i] = (uint8_t)(0xa0 + i);
	for (int i = 0; i < 8; i++)
		f[0x110 + i] = (uint8_t)(0x10 + i);
	return 0x118;
}

static int setup(void **state)
{
	ram = malloc(RAM_SIZE + 64);
	memset(ram, 0x77, RAM_SIZE + 64);
	err[0] = 0;
	return ram ? 0 : -1;
}

static int teardown(void **state)
{
	/* nothing ever lands past the end of RAM */
	for (int i = 0; i < 64; i++)
		assert_int_equal(ram[RAM_SIZE + i], 0x77);
	free(ram);
	return 0;
}

static void expect_fail(const uint8_t *f, size_t len, const char *words)
{
	struct image_info info;
	err[0] = 0;
	assert_false(elf_load(f, len, ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
	assert_non_null(strstr(err, words));
	assert_null(strchr(err, '\n'));
}

static void test_good_elf(void **state)
{
	static uint8_t f[512];
	struct image_info info;
	size_t len = make_elf(f);
	assert_true(image_load(f, len, ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
	assert_true(info.is_elf);
	assert_int_equal(info.entry, 0x40010000u);
	assert_int_equal(info.low, 0x40010000u);
	assert_int_equal(info.high, 0x40020040u);
	for (int i = 0; i < 16; i++)
		assert_int_equal(ram[0x10000 + i], 0xa0 + i);
	for (int i = 0; i < 8; i++)
		assert_int_equal(ram[0x20000 + i], 0x10 + i);
	for (int i = 8; i < 64; i++) /* bss cleared */
		assert_int_equal(ram[0x20000 + i], 0);
	assert_int_equal(ram[0x20040], 0x77); /* nothing beyond memsz */
	assert_int_equal(ram[0xffff], 0x77);
}

static void test_raw_image(void **state)
{
	static const uint8_t img[8] = { 0x05, 0x00, 0xa0, 0xe3, 1, 2, 3, 4 };
	struct image_info info;
	assert_true(image_load(img, sizeof(img), ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
	assert_false(info.is_elf);
	assert_int_equal(info.entry, 0x40010000u);
	assert_memory_equal(ram + 0x10000, img, sizeof(img));
	static uint8_t big[RAM_SIZE];
	assert_false(image_load(big, sizeof(big), ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
	assert_non_null(strstr(err, "does not fit"));
	assert_false(image_load(img, 0, ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
}

static void test_truncated(void **state)
{
	static uint8_t f[512];
	size_t len = make_elf(f);
	expect_fail(f, 20, "truncated ELF header");
	expect_fail(f, 100, "truncated ELF file: program headers");
	expect_fail(f, len - 1, "truncated ELF file: segment data");
	/* every length: fails cleanly or loads */
	for (size_t n = 0; n < len; n++) {
		struct image_info info;
		assert_false(elf_load(f, n, ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
	}
}

static void test_wrong_kind(void **state)
{
	static uint8_t f[512];
	size_t len = make_elf(f);
	f[4] = 2;
	expect_fail(f, len, "not a 32-bit");
	make_elf(f);
	f[5] = 2;
	expect_fail(f, len, "little-endian");
	make_elf(f);
	put16(f + 18, 3); /* EM_386 */
	expect_fail(f, len, "not an ARM ELF file (machine 3");
	make_elf(f);
	put16(f + 16, 1); /* ET_REL */
	expect_fail(f, len, "not an executable");
	make_elf(f);
	put16(f + 44, 0);
	expect_fail(f, len, "no program headers");
	make_elf(f);
	put16(f + 42, 16);
	expect_fail(f, len, "program header size");
	make_elf(f);
	put32(f + 52, 6); /* first segment not PT_LOAD */
	put32(f + 84, 6);
	expect_fail(f, len, "no loadable segment");
	make_elf(f);
	put32(f + 24, 0x10000000u);
	expect_fail(f, len, "entry point 0x10000000 is outside");
	memcpy(f, "\x7f" "ELG", 4);
	expect_fail(f, len, "not an ELF");
}

static void test_outside_ram(void **state)
{
	static uint8_t f[512];
	size_t len = make_elf(f);
	uint8_t *ph2 = f + 52 + 32;
	put32(ph2 + 12, 0x3ffffff0u); /* below RAM */
	expect_fail(f, len, "outside the guest's RAM");
	make_elf(f);
	put32(ph2 + 12, RAM_BASE + RAM_SIZE - 32); /* straddles the end */
	expect_fail(f, len, "outside the guest's RAM");
	make_elf(f);
	put32(ph2 + 12, 0xfffffff0u);  /* wraps the address space */
	expect_fail(f, len, "outside the guest's RAM");
	make_elf(f);
	put32(ph2 + 20, 0xfffffff8u);  /* huge memsz */
	expect_fail(f, len, "outside the guest's RAM");
	make_elf(f);
	put32(ph2 + 16, 0xfffffff8u);  /* filesz past the file, wrapping */
	expect_fail(f, len, "truncated");
	make_elf(f);
	put32(ph2 + 4, 0xfffffff0u);   /* offset wraps */
	expect_fail(f, len, "truncated");
	make_elf(f);
	put32(ph2 + 16, 100);          /* filesz > memsz */
	put32(ph2 + 4, 0x10);
	put32(ph2 + 20, 50);
	expect_fail(f, len, "file size 100 > memory size 50");
	make_elf(f);
	put32(f + 28, 0xffffffe0u);    /* phoff wraps */
	expect_fail(f, len, "truncated ELF file: program headers");
	/* a segment ending exactly at the end of RAM is fine */
	make_elf(f);
	put32(ph2 + 12, RAM_BASE + RAM_SIZE - 64);
	struct image_info info;
	assert_true(elf_load(f, len, ram, RAM_BASE, RAM_SIZE, &info, err, sizeof(err)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_elf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_image, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outside_ram, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
