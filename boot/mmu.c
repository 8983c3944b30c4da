/*
 * The firmware's own address space: an identity map of the board's memory
 * (board_mem_map()) in the long-descriptor translation table format, RAM
 * as Normal write-back cacheable memory, device windows as Device memory
 * and never executable, everything else unmapped (a translation fault).
 * Then the MMU and both caches on.
 *
 * Hyp mode has only the long-descriptor format (ARM ARM B3.6; HTCR,
 * HTTBR, HMAIR0). tern uses the same tables for the PL1 regime when it
 * runs in SVC (no HYP: the interpreter), with TTBCR.EAE set, where the
 * core implements the Large Physical Address Extension (ID_MMFR0.VMSA
 * >= 5, ARM ARM B4.1, ID_MMFR0; every core with the Virtualization
 * Extensions does). Without it the MMU stays off.
 *
 * Granule: 1 GiB blocks at level 1 where a whole GiB has one kind of
 * memory, else a level-2 table of 2 MiB blocks (B3.6: with T0SZ = 0 the
 * first lookup is at level 1 and has 4 entries). A 2 MiB block is mapped
 * when any region overlaps it, as Device if any of those regions is.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "boot/boot.h"
#include "kernel/board.h"

/* Long-descriptor block and table entries (ARM ARM B3.6, long-descriptor
 * translation table format). */
#define MMU_DESC_BLOCK    0x1ull         /* levels 1 and 2 */
#define MMU_DESC_TABLE    0x3ull
#define MMU_ATTRINDX(n)   ((uint64_t)(n) << 2)
#define MMU_AP_SBO        (1ull << 6)    /* AP[1]: SBO in Hyp (B3.7) */
#define MMU_SH_INNER      (3ull << 8)
#define MMU_SH_OUTER      (2ull << 8)
#define MMU_AF            (1ull << 10)   /* else an Access flag fault */
#define MMU_XN            (1ull << 54)

/* (H)MAIR0 attribute indexes and encodings (B4.1, MAIR0 and HMAIR0;
 * B3.8, memory region attributes): 0xff Normal, inner and outer
 * write-back, read- and write-allocate, non-transient; 0x04 Device. */
#define MMU_ATTR_NORMAL   0
#define MMU_ATTR_DEVICE   1
#define MMU_MAIR0         (0xffu << (8 * MMU_ATTR_NORMAL) | \
			   0x04u << (8 * MMU_ATTR_DEVICE))

/* HTCR and TTBCR (B4.1, HTCR and TTBCR): T0SZ = 0 (the whole 4 GiB from
 * one table), walks inner and outer write-back write-allocate, inner
 * shareable. TTBCR also: EAE (long descriptors), EPD1 (no TTBR1 walks). */
#define MMU_TCR_T0SZ_MASK 0x7u
#define MMU_TCR_IRGN0_WBWA (1u << 8)
#define MMU_TCR_ORGN0_WBWA (1u << 10)
#define MMU_TCR_SH0_INNER  (3u << 12)
#define MMU_TCR_WALK_MASK  (0xfu << 8 | 3u << 12 | MMU_TCR_T0SZ_MASK)
#define MMU_TCR_WALK       (MMU_TCR_IRGN0_WBWA | MMU_TCR_ORGN0_WBWA | \
			    MMU_TCR_SH0_INNER)
#define MMU_TTBCR_EPD1     (1u << 23)
#define MMU_TTBCR_EAE      (1u << 31)

/* SCTLR and HSCTLR: M, C, I; SCTLR.Z, branch prediction (B4.1.130;
 * B4.1, HSCTLR). */
#define MMU_SCTLR_M (1u << 0)
#define MMU_SCTLR_C (1u << 2)
#define MMU_SCTLR_Z (1u << 11)
#define MMU_SCTLR_I (1u << 12)

#define MMU_GIB_SHIFT   30
#define MMU_BLOCK_SHIFT 21
#define MMU_L2_ENTRIES  512

static uint64_t mmu_l1[4] __attribute__((aligned(32)));
static uint64_t mmu_l2[4][MMU_L2_ENTRIES] __attribute__((aligned(4096)));

/* What one 2 MiB block at `base` is: -1 unmapped, else MMU_ATTR_*. */
static int mmu_block_kind(const struct board_mem_region *map, unsigned n,
			  uint64_t base)
{
	uint64_t end = base + (1ull << MMU_BLOCK_SHIFT);
	int kind = -1;
	unsigned i;

	for (i = 0; i < n; i++) {
		uint64_t rb = map[i].base, re = rb + map[i].size;

		if (re <= base || rb >= end)
			continue;
		if (map[i].type == BOARD_MEM_DEVICE)
			return MMU_ATTR_DEVICE;
		kind = MMU_ATTR_NORMAL;
	}
	return kind;
}

static uint64_t mmu_block(uint64_t pa, int kind, bool hyp)
{
	uint64_t d = pa | MMU_DESC_BLOCK | MMU_AF;

	/* AP[2:1] = 0b00: read/write at PL1, no PL0 access; in Hyp AP[1]
	 * is SBO, read/write for Hyp mode (B3.7, access permissions). */
	if (hyp)
		d |= MMU_AP_SBO;
	if (kind == MMU_ATTR_DEVICE)
		return d | MMU_ATTRINDX(MMU_ATTR_DEVICE) | MMU_SH_OUTER | MMU_XN;
	return d | MMU_ATTRINDX(MMU_ATTR_NORMAL) | MMU_SH_INNER;
}

static void mmu_build(bool hyp)
{
	const struct board_mem_region *map;
	unsigned n, g, b;

	map = board_mem_map(&n);
	for (g = 0; g < 4; g++) {
		uint64_t gbase = (uint64_t)g << MMU_GIB_SHIFT;
		int first = mmu_block_kind(map, n, gbase);
		bool uniform = true;

		for (b = 0; b < MMU_L2_ENTRIES; b++) {
			uint64_t pa = gbase + ((uint64_t)b << MMU_BLOCK_SHIFT);
			int kind = mmu_block_kind(map, n, pa);

			uniform = uniform && kind == first;
			mmu_l2[g][b] = kind < 0 ? 0 : mmu_block(pa, kind, hyp);
		}
		if (uniform)
			mmu_l1[g] = first < 0 ? 0 : mmu_block(gbase, first, hyp);
		else
			mmu_l1[g] = (uint32_t)(uintptr_t)mmu_l2[g] | MMU_DESC_TABLE;
	}
}

/*
 * Invalidate (not clean) every data and unified cache level up to the
 * Level of Coherency, by set/way (ARM ARM B4.2, DCISW; the loop of B2.2's
 * example of maintenance of all the caches by set/way). The caches have
 * been off and the boot protocol says they hold nothing dirty, so this
 * only makes sure no stale line shows once they are on.
 */
static void mmu_dcache_invalidate_all(void)
{
	uint32_t clidr, loc, level;

	__asm__ volatile("mrc p15, 1, %0, c0, c0, 1" : "=r"(clidr)); /* CLIDR */
	loc = (clidr >> 24) & 7;
	for (level = 0; level < loc; level++) {
		uint32_t ctype = (clidr >> (3 * level)) & 7;
		uint32_t ccsidr, line_shift, ways, sets, way_shift, w, s;

		if (ctype < 2)          /* none, or instruction cache only */
			continue;
		__asm__ volatile("mcr p15, 2, %0, c0, c0, 0\n\tisb"
				 : : "r"(level << 1));         /* CSSELR */
		__asm__ volatile("mrc p15, 1, %0, c0, c0, 0" : "=r"(ccsidr));
		line_shift = (ccsidr & 7) + 4;
		ways = ((ccsidr >> 3) & 0x3ff) + 1;
		sets = ((ccsidr >> 13) & 0x7fff) + 1;
		way_shift = ways > 1 ? (uint32_t)__builtin_clz(ways - 1) : 0;
		for (w = 0; w < ways; w++)
			for (s = 0; s < sets; s++)
				__asm__ volatile("mcr p15, 0, %0, c7, c6, 2"
					: : "r"((w << way_shift) |
						(s << line_shift) |
						(level << 1)));
	}
	__asm__ volatile("dsb" ::: "memory");
}

/* ICIALLU and BPIALL (B4.2): no stale instructions or predictions. */
static void mmu_icache_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c5, 0\n\t"
			 "mcr p15, 0, %0, c7, c5, 6\n\t"
			 "dsb\n\tisb" : : "r"(0) : "memory");
}

static void mmu_enable_hyp(void)
{
	uint64_t ttbr = (uint32_t)(uintptr_t)mmu_l1;
	uint32_t htcr, hsctlr;

	__asm__ volatile("mcr p15, 4, %0, c8, c7, 0\n\tdsb\n\tisb"
			 : : "r"(0) : "memory");             /* TLBIALLH */
	__asm__ volatile("mcr p15, 4, %0, c10, c2, 0"
			 : : "r"(MMU_MAIR0));                /* HMAIR0 */
	__asm__ volatile("mrc p15, 4, %0, c2, c0, 2" : "=r"(htcr));
	htcr = (htcr & ~MMU_TCR_WALK_MASK) | MMU_TCR_WALK;
	__asm__ volatile("mcr p15, 4, %0, c2, c0, 2" : : "r"(htcr));
	__asm__ volatile("mcrr p15, 4, %Q0, %R0, c2\n\tisb"
			 : : "r"(ttbr) : "memory");          /* HTTBR */
	__asm__ volatile("mrc p15, 4, %0, c1, c0, 0" : "=r"(hsctlr));
	hsctlr |= MMU_SCTLR_M | MMU_SCTLR_C | MMU_SCTLR_I;
	__asm__ volatile("mcr p15, 4, %0, c1, c0, 0\n\tisb"
			 : : "r"(hsctlr) : "memory");
}

static bool mmu_has_lpae(void)
{
	uint32_t mmfr0;

	__asm__ volatile("mrc p15, 0, %0, c0, c1, 4" : "=r"(mmfr0));
	return (mmfr0 & 0xf) >= 5;
}

static void mmu_enable_pl1(void)
{
	uint64_t ttbr = (uint32_t)(uintptr_t)mmu_l1;
	uint32_t ttbcr = MMU_TTBCR_EAE | MMU_TTBCR_EPD1 | MMU_TCR_WALK;
	uint32_t sctlr;

	__asm__ volatile("mcr p15, 0, %0, c8, c7, 0\n\tdsb\n\tisb"
			 : : "r"(0) : "memory");             /* TLBIALL */
	__asm__ volatile("mcr p15, 0, %0, c10, c2, 0"
			 : : "r"(MMU_MAIR0));                /* MAIR0 */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 2" : : "r"(ttbcr));
	__asm__ volatile("mcrr p15, 0, %Q0, %R0, c2\n\tisb"
			 : : "r"(ttbr) : "memory");          /* TTBR0 */
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	sctlr |= MMU_SCTLR_M | MMU_SCTLR_C | MMU_SCTLR_Z | MMU_SCTLR_I;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\tisb"
			 : : "r"(sctlr) : "memory");
}

void boot_mmu_enable(void)
{
	uint32_t cpsr;
	bool hyp;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	hyp = (cpsr & BOOT_CPSR_M) == BOOT_MODE_HYP;
	if (!hyp && !mmu_has_lpae())
		return;
	mmu_build(hyp);
	/* Tables in memory (written with the data cache off) before the
	 * first walk; the walks are cacheable, so nothing stale may be in
	 * the caches either. */
	__asm__ volatile("dsb" ::: "memory");
	mmu_dcache_invalidate_all();
	mmu_icache_invalidate_all();
	if (hyp)
		mmu_enable_hyp();
	else
		mmu_enable_pl1();
	boot_entry.flags |= BOOT_F_MMU;
}
