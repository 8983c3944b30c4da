/*
 * g_mmu: short-descriptor translation (B3.5). A section-mapped table with
 * RAM and devices identity mapped, the MMU and caches on; code run and data
 * reached through a remapped alias of RAM; a coarse second-level table with
 * small pages mapped in reverse order and a 64 KiB large page; a page
 * remapped and its TLB entry invalidated; VA-to-PA operations (ATS1CPR,
 * ATS1CUR -> PAR); permission faults (read-only section and page, a PL1-only
 * section read from User mode), a translation fault on a page, a domain
 * fault then the domain set to manager; an execute-never section; TTBCR.N = 1
 * with a TTBR1 table; the MMU off again. Faults print DFSR/DFAR or IFSR/IFAR.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "g_vectors.h"

#define X32 "%08" PRIx32

static uint32_t l1[4096] __attribute__((aligned(16384)));
static uint32_t l1b[4096] __attribute__((aligned(16384))); /* TTBR1's */
static uint32_t l2[256] __attribute__((aligned(1024)));
static uint8_t pages[16][4096] __attribute__((aligned(65536)));
static jmp_buf recover_env;
static volatile uint32_t n_dabt, n_pabt;

/* sections: AP[1:0] at 11:10, AP[2] at 15, domain 8:5, XN 4, C 3, B 2 */
#define S_BASE(mb) ((uint32_t)(mb) << 20 | 2u)
#define S_RW_ALL (3u << 10)
#define S_RW_PL1 (1u << 10)
#define S_RO_PL1 (1u << 15 | 1u << 10)
#define S_NORMAL (1u << 12 | 1u << 3 | 1u << 2)
#define S_DEVICE (1u << 2 | 1u << 4)
#define S_XN (1u << 4)
#define S_DOMAIN(d) ((uint32_t)(d) << 5)
/* small pages: bit 1 set, XN bit 0, AP[1:0] 5:4, AP[2] 9, TEX 8:6, C 3, B 2 */
#define P_SMALL(pa) (((uint32_t)(pa) & ~0xfffu) | 2u | 3u << 4 | 1u << 6 | 1u << 3 | 1u << 2)
#define P_RO_PL1 (1u << 9 | 1u << 4)
/* large pages: type 01, AP 5:4, AP[2] 9, TEX 14:12, XN 15 */
#define P_LARGE(pa) (((uint32_t)(pa) & ~0xffffu) | 1u | 3u << 4 | 1u << 12 | 1u << 3 | 1u << 2)

#define VA_ALIAS 0x80000000u  /* -> RAM's first MiB, code runs here */
#define VA_RO 0x81000000u     /* -> RAM, read-only at PL1, no access at PL0 */
#define VA_XN 0x82000000u     /* -> RAM, execute never */
#define VA_DOM3 0x83000000u   /* -> RAM, domain 3 */
#define VA_PL1 0x84000000u    /* -> RAM, read/write at PL1 only */
#define VA_PAGES 0x90000000u  /* coarse table */
#define VA_TTBR1 0x88000000u  /* only in TTBR1's table */

#define RAM_PA 0x40000000u

uint32_t g_svc(struct exc_frame *f)
{
	uint32_t imm = f->spsr & G_SPSR_T ? *(volatile uint16_t *)(f->lr - 2) & 0xff
					  : *(volatile uint32_t *)(f->lr - 4) & 0xffffff;
	return imm == 0xff;
}

void g_und(struct exc_frame *f)
{
	printf("  unexpected undefined instruction at " X32 "\n", f->lr);
	f->lr += 0; /* resume: loops; the run's time limit ends it */
}

static uint32_t mrc_dfsr(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
	return v;
}

static uint32_t mrc_dfar(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
	return v;
}

void g_dabt(struct exc_frame *f)
{
	uint32_t insn = f->lr - 8;
	n_dabt++;
	printf("  data abort (mode %02" PRIx32 ") dfsr " X32 " dfar " X32 "\n", f->spsr & 0x1f,
	       mrc_dfsr(), mrc_dfar());
	f->lr = insn + g_insn_len(insn, f->spsr);
}

static void recover(void)
{
	longjmp(recover_env, 1);
}

void g_pabt(struct exc_frame *f)
{
	uint32_t ifsr, ifar;
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(ifsr));
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(ifar));
	n_pabt++;
	printf("  prefetch abort at " X32 " ifsr " X32 " ifar " X32 "\n", f->lr - 4, ifsr, ifar);
	uint32_t to = (uint32_t)(uintptr_t)recover;
	f->spsr = (f->spsr & ~G_SPSR_T) | (to & 1 ? G_SPSR_T : 0);
	f->lr = to & ~1u;
}

void g_irq(struct exc_frame *f)
{
	f->lr -= 4;
}

static void tlbiall(void)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c7, 0\n\tmcr p15, 0, %0, c7, c5, 0\n\t"
			 "dsb\n\tisb" ::"r"(0) : "memory");
}

static void tlbimva(uint32_t va)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c8, c7, 1\n\tdsb\n\tisb" ::"r"(va & ~0xfffu)
			 : "memory");
}

static uint32_t sctlr_read(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
	return v;
}

static void sctlr_write(uint32_t v)
{
	__asm__ volatile("dsb\n\tmcr p15, 0, %0, c1, c0, 0\n\tisb" ::"r"(v) : "memory");
}

static void dacr_write(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c3, c0, 0\n\tisb" ::"r"(v) : "memory");
}

static void ttbcr_write(uint32_t v)
{
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 2\n\tisb" ::"r"(v) : "memory");
}

/* ATS1CPR / ATS1CUR (B4.2.6), then PAR */
static uint32_t ats1(uint32_t va, int user)
{
	uint32_t par;
	if (user)
		__asm__ volatile("mcr p15, 0, %0, c7, c8, 2\n\tisb" ::"r"(va));
	else
		__asm__ volatile("mcr p15, 0, %0, c7, c8, 0\n\tisb" ::"r"(va));
	__asm__ volatile("mrc p15, 0, %0, c7, c4, 0" : "=r"(par));
	return par;
}

static uint32_t __attribute__((noinline)) load(uintptr_t addr)
{
	uint32_t v = 0xeeeeeeee;
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static void __attribute__((noinline)) store(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %0, [%1]" ::"r"(v), "r"(addr) : "memory");
}

/* Returns the address it runs at: ARM code reads PC as its own address + 8. */
uint32_t where(void);
__asm__(".pushsection .text.where, \"ax\"\n"
	".arm\n"
	".global where\n"
	".type where, %function\n"
	"where:\n"
	"	sub r0, pc, #8\n"
	"	bx lr\n"
	".popsection\n"
	G_ISA_RESTORE);

static uint32_t __attribute__((noinline)) checksum(const uint32_t *p, unsigned n)
{
	uint32_t h = 0x811c9dc5u;
	for (unsigned i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static uintptr_t alias_of(const void *p)
{
	return (uintptr_t)p - RAM_PA + VA_ALIAS;
}

static volatile uint32_t shared_word = 0x1234;
static const uint32_t table[8] = { 1, 2, 3, 5, 8, 13, 21, 34 };

static uint32_t user_read(uint32_t addr)
{
	return load(addr) + 1;
}

static uint8_t user_stack[16384] __attribute__((aligned(8)));

int main(void)
{
	printf("g_mmu: start\n");
	g_vectors_install();

	for (uint32_t mb = 0x400; mb < 0x410; mb++)
		l1[mb] = S_BASE(mb) | S_RW_ALL | S_NORMAL;
	for (uint32_t mb = 0x080; mb < 0x0a0; mb++)
		l1[mb] = S_BASE(mb) | S_RW_ALL | S_DEVICE;
	l1[VA_ALIAS >> 20] = S_BASE(0x400) | S_RW_ALL | S_NORMAL;
	l1[VA_RO >> 20] = S_BASE(0x400) | S_RO_PL1 | S_NORMAL;
	l1[VA_XN >> 20] = S_BASE(0x400) | S_RW_ALL | S_NORMAL | S_XN;
	l1[VA_DOM3 >> 20] = S_BASE(0x400) | S_RW_ALL | S_NORMAL | S_DOMAIN(3);
	l1[VA_PL1 >> 20] = S_BASE(0x400) | S_RW_PL1 | S_NORMAL;
	l1[VA_PAGES >> 20] = (uint32_t)(uintptr_t)l2 | 1u; /* coarse table, domain 0 */
	for (int i = 0; i < 16; i++)
		l2[i] = P_SMALL(pages[15 - i]);
	l2[16] = P_SMALL(pages[0]) | P_RO_PL1;
	l2[17] = 0;
	for (int i = 32; i < 48; i++) /* a large page is 16 identical entries */
		l2[i] = P_LARGE(pages[0]);
	memcpy(l1b, l1, sizeof(l1b));
	l1b[VA_TTBR1 >> 20] = S_BASE(0x400) | S_RW_ALL | S_NORMAL;

	for (int i = 0; i < 16; i++)
		memset(pages[i], 0x10 + i, sizeof(pages[i]));

	__asm__ volatile("mcr p15, 0, %0, c2, c0, 0\n\t"  /* TTBR0 */
			 "mcr p15, 0, %1, c2, c0, 1\n\t"  /* TTBR1 */
			 ::"r"((uint32_t)(uintptr_t)l1 | 0x4a), "r"((uint32_t)(uintptr_t)l1b | 0x4a)
			 : "memory");
	ttbcr_write(0);
	dacr_write(0x55555555u & ~(3u << 6)); /* all client, domain 3 no access */
	tlbiall();
	sctlr_write(sctlr_read() | 1u << 12 | 1u << 2 | 1u);
	printf("mmu on: sctlr " X32 "\n", sctlr_read() & 0x1007);

	printf("code through the alias:\n");
	uint32_t (*w)(void) = (uint32_t (*)(void))alias_of((const void *)where);
	printf("  where() at " X32 " runs at " X32 " through the alias at " X32 "\n",
	       (uint32_t)(uintptr_t)where, where(), w());
	uint32_t (*cs)(const uint32_t *, unsigned) =
		(uint32_t (*)(const uint32_t *, unsigned))alias_of((const void *)checksum);
	printf("  checksum direct " X32 " through alias " X32 " on aliased data " X32 "\n",
	       checksum(table, 8), cs(table, 8), cs((const uint32_t *)alias_of(table), 8));

	printf("data through the alias:\n");
	volatile uint32_t *sw = (volatile uint32_t *)alias_of((const void *)&shared_word);
	*sw = 0xcafef00d;
	printf("  wrote through alias, read direct " X32 "\n", shared_word);
	shared_word = 0x600dbeef;
	printf("  wrote direct, read through alias " X32 "\n", *sw);

	printf("pages:\n");
	uint32_t h = 0;
	for (int i = 0; i < 16; i++)
		h = h * 33 + load(VA_PAGES + (uint32_t)i * 4096 + 8);
	printf("  reversed small pages read " X32 "\n", h);
	for (int i = 0; i < 16; i++)
		store(VA_PAGES + (uint32_t)i * 4096 + 12, 0xa0000000u + (uint32_t)i);
	printf("  page 15 word 3 via PA " X32 ", page 0 " X32 "\n", ((uint32_t *)pages[15])[3],
	       ((uint32_t *)pages[0])[3]);
	printf("  large page: " X32 " " X32 "\n", load(VA_PAGES + 0x20000 + 12),
	       load(VA_PAGES + 0x20000 + 0xf00c));
	l2[0] = P_SMALL(pages[7]);
	tlbimva(VA_PAGES);
	printf("  page 0 remapped to PA page 7: " X32 "\n", load(VA_PAGES + 12));

	printf("address translation operations:\n");
	static const uint32_t vas[] = { VA_ALIAS + 0x1234, VA_PAGES + 0x3456, VA_PAGES + 0x11000,
					VA_RO + 8, VA_PL1, VA_DOM3, 0x50000000u };
	for (unsigned i = 0; i < sizeof(vas) / sizeof(vas[0]); i++)
		printf("  ats1cpr " X32 " par " X32 " ats1cur par " X32 "\n", vas[i],
		       ats1(vas[i], 0), ats1(vas[i], 1));

	printf("faults:\n");
	printf("  read-only section read " X32 "\n", load(VA_RO + ((uintptr_t)table - RAM_PA)));
	store(VA_RO + 0x100, 1);
	printf("  read-only page read " X32 "\n", load(VA_PAGES + 0x10000));
	store(VA_PAGES + 0x10004, 2);
	printf("  unmapped page read " X32 "\n", load(VA_PAGES + 0x11008));
	printf("  domain 3 (no access) read " X32 "\n", load(VA_DOM3 + 0x10));
	dacr_write(0x55555555u | 3u << 6); /* domain 3 manager: no permission checks */
	printf("  domain 3 (manager) read " X32 "\n",
	       load(VA_DOM3 + ((uintptr_t)table - RAM_PA) + 4));
	dacr_write(0x55555555u);
	if (setjmp(recover_env) == 0) {
		uint32_t (*xn)(void) = (uint32_t (*)(void))((uintptr_t)where - RAM_PA + VA_XN);
		printf("  execute-never gave " X32 "\n", xn());
	} else {
		printf("  execute-never: recovered\n");
	}
	uint32_t r = g_run_user(user_read, VA_PL1 + ((uintptr_t)table - RAM_PA) + 8,
				user_stack + sizeof(user_stack));
	printf("  user read of a PL1-only section returned " X32 "\n", r);
	r = g_run_user(user_read, VA_ALIAS + ((uintptr_t)table - RAM_PA) + 8,
		       user_stack + sizeof(user_stack));
	printf("  user read through the full-access alias returned " X32 "\n", r);

	printf("ttbcr.n:\n");
	printf("  N=0 read " X32 "\n", load(VA_TTBR1 + ((uintptr_t)table - RAM_PA) + 12));
	ttbcr_write(1);
	tlbiall();
	printf("  N=1 read " X32 " (TTBR1) and " X32 " (TTBR0)\n",
	       load(VA_TTBR1 + ((uintptr_t)table - RAM_PA) + 12), load((uintptr_t)&table[4]));
	ttbcr_write(0);
	tlbiall();

	sctlr_write(sctlr_read() & ~1u);
	tlbiall();
	printf("mmu off: sctlr " X32 " table[5] " X32 "\n", sctlr_read() & 0x1007,
	       load((uintptr_t)&table[5]));
	printf("aborts: data %" PRIu32 " prefetch %" PRIu32 "\n", n_dabt, n_pabt);
	printf("done\n");
	return 0;
}
