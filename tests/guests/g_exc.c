/*
 * g_exc: the exception model. SVC from SVC and from User mode (the handler
 * decodes the immediate from the ARM or Thumb instruction and changes r0),
 * undefined instructions (UDF, a cp15 read at PL0, an absent coprocessor,
 * a VFP instruction with FPEXC.EN clear: enabled and retried) skipped or
 * retried by the handler, BKPT as a prefetch abort, and, with the MMU on
 * (flat section map), data aborts on an unmapped address (load and store,
 * DFSR/DFAR printed), alignment faults (SCTLR.A, LDREX), and a prefetch
 * abort on a branch to an unmapped address, recovered with longjmp.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include "g_vectors.h"

#define X32 "%08" PRIx32

static volatile uint32_t n_svc, n_und, n_pabt, n_dabt;
static volatile int fpu_trap_armed;
static jmp_buf recover_env;

static uint32_t insn_at(uint32_t addr, uint32_t spsr)
{
	if (!(spsr & G_SPSR_T))
		return *(volatile uint32_t *)addr;
	uint32_t hw = *(volatile uint16_t *)addr;
	if (hw >= 0xe800)
		return hw << 16 | *(volatile uint16_t *)(addr + 2);
	return hw;
}

static const char *state(uint32_t spsr)
{
	return spsr & G_SPSR_T ? "thumb" : "arm";
}

uint32_t g_svc(struct exc_frame *f)
{
	uint32_t imm;
	if (f->spsr & G_SPSR_T)
		imm = *(volatile uint16_t *)(f->lr - 2) & 0xff;
	else
		imm = *(volatile uint32_t *)(f->lr - 4) & 0xffffff;
	n_svc++;
	if (imm == 0xff)
		return 1;
	printf("  svc #%" PRIu32 " from mode %02" PRIx32 " (%s) r0=" X32 " r1=" X32 "\n", imm,
	       f->spsr & 0x1f, state(f->spsr), f->r[0], f->r[1]);
	f->r[0] = f->r[0] * 3 + imm + f->r[1];
	return 0;
}

static void fpexc_write(uint32_t v)
{
	__asm__ volatile("vmsr fpexc, %0\n\tisb" ::"r"(v) : "memory");
}

void g_und(struct exc_frame *f)
{
	uint32_t insn = f->lr - (f->spsr & G_SPSR_T ? 2 : 4);
	int retry = fpu_trap_armed;
	n_und++;
	if (retry) {
		/* lazy FPU enable: turn VFP on (before printf, which may use
		 * it) and run the instruction again */
		fpu_trap_armed = 0;
		fpexc_write(1u << 30);
	}
	printf("  undefined " X32 " (%s) from mode %02" PRIx32, insn_at(insn, f->spsr),
	       state(f->spsr), f->spsr & 0x1f);
	if (retry) {
		printf(": VFP enabled, retried\n");
		f->lr = insn;
		return;
	}
	printf(": skipped\n");
	f->lr = insn + g_insn_len(insn, f->spsr);
}

static uint32_t read_ifsr(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v));
	return v;
}

static uint32_t read_ifar(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v));
	return v;
}

static uint32_t read_dfsr(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v));
	return v;
}

static uint32_t read_dfar(void)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v));
	return v;
}

static void recover(void)
{
	longjmp(recover_env, 1);
}

void g_pabt(struct exc_frame *f)
{
	uint32_t insn = f->lr - 4;
	uint32_t ifsr = read_ifsr();
	n_pabt++;
	if ((ifsr & 0x40f) == 0x002) { /* debug event: BKPT */
		printf("  prefetch abort: bkpt " X32 " (%s) ifsr " X32 "\n", insn_at(insn, f->spsr),
		       state(f->spsr), ifsr);
		f->lr = insn + (f->spsr & G_SPSR_T ? 2 : 4);
		return;
	}
	printf("  prefetch abort at " X32 " (%s) ifsr " X32 " ifar " X32 ": recovered\n", insn,
	       state(f->spsr), ifsr, read_ifar());
	/* resume in recover(), in ARM or Thumb state as it was compiled */
	uint32_t to = (uint32_t)(uintptr_t)recover;
	f->spsr = (f->spsr & ~G_SPSR_T) | (to & 1 ? G_SPSR_T : 0);
	f->lr = to & ~1u;
}

void g_dabt(struct exc_frame *f)
{
	uint32_t insn = f->lr - 8;
	n_dabt++;
	printf("  data abort at " X32 " (%s, insn " X32 ") dfsr " X32 " dfar " X32 "\n", insn,
	       state(f->spsr), insn_at(insn, f->spsr), read_dfsr(), read_dfar());
	f->lr = insn + g_insn_len(insn, f->spsr);
}

void g_irq(struct exc_frame *f)
{
	printf("  unexpected irq\n");
	f->lr -= 4;
}

static uint32_t svc5(uint32_t a, uint32_t b)
{
	register uint32_t r0 __asm__("r0") = a;
	register uint32_t r1 __asm__("r1") = b;
	__asm__ volatile("svc #5" : "+r"(r0) : "r"(r1) : "lr", "memory", "cc");
	return r0;
}

static uint32_t svc200(uint32_t a)
{
	register uint32_t r0 __asm__("r0") = a;
	register uint32_t r1 __asm__("r1") = 1000;
	__asm__ volatile("svc #200" : "+r"(r0) : "r"(r1) : "lr", "memory", "cc");
	return r0;
}

static uint32_t cpsr_read(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

static uint32_t user_main(uint32_t arg)
{
	printf("user: mode %02" PRIx32 " arg %" PRIu32 "\n", cpsr_read() & 0x1f, arg);
	uint32_t r = svc5(arg, 2);
	printf("user: svc gave %" PRIu32 "\n", r);
	uint32_t v = 0x5a5a5a5a;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "+r"(v)); /* SCTLR: PL1 only */
	printf("user: sctlr read left " X32 "\n", v);
	__asm__ volatile("cps #0x13" ::: "memory"); /* no effect at PL0 */
	printf("user: after cps mode %02" PRIx32 "\n", cpsr_read() & 0x1f);
	return r + 1;
}

static uint8_t user_stack[16384] __attribute__((aligned(8)));

/* Short-descriptor sections (B3.5.1): normal write-back memory for RAM,
 * device memory for the GIC and UART, nothing else mapped. */
static uint32_t l1[4096] __attribute__((aligned(16384)));

#define SECT (2u | 1u << 10 | 1u << 11) /* section, AP=0b11: full access */
#define SECT_NORMAL (SECT | 1u << 12 | 1u << 3 | 1u << 2) /* TEX=001 C B: WB */
#define SECT_DEVICE (SECT | 1u << 2 | 1u << 4)            /* shared device, XN */

static void mmu_on(void)
{
	for (uint32_t mb = 0x400; mb < 0x410; mb++)
		l1[mb] = mb << 20 | SECT_NORMAL;
	for (uint32_t mb = 0x080; mb < 0x0a0; mb++)
		l1[mb] = mb << 20 | SECT_DEVICE;
	__asm__ volatile("dsb\n\t"
			 "mcr p15, 0, %0, c2, c0, 2\n\t" /* TTBCR = 0 */
			 "mcr p15, 0, %1, c2, c0, 0\n\t" /* TTBR0 */
			 "mcr p15, 0, %2, c3, c0, 0\n\t" /* DACR: domain 0 client */
			 "mcr p15, 0, %0, c8, c7, 0\n\t" /* TLBIALL */
			 "mcr p15, 0, %0, c7, c5, 0\n\t" /* ICIALLU */
			 "dsb\n\tisb\n\t"
			 "mrc p15, 0, r3, c1, c0, 0\n\t"
			 "orr r3, r3, #0x1000\n\t"        /* I */
			 "orr r3, r3, #0x5\n\t"           /* M, C */
			 "mcr p15, 0, r3, c1, c0, 0\n\t"
			 "isb"
			 :
			 : "r"(0), "r"((uint32_t)(uintptr_t)l1 | 0x4a), "r"(1u)
			 : "r3", "memory");
}

static void sctlr_a(int on)
{
	uint32_t v;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
	v = on ? v | 2 : v & ~2u;
	__asm__ volatile("mcr p15, 0, %0, c1, c0, 0\n\tisb" ::"r"(v) : "memory");
}

static uint32_t __attribute__((noinline)) load(uintptr_t addr)
{
	uint32_t v = 0x11111111;
	__asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static void __attribute__((noinline)) store(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %0, [%1, #4]" ::"r"(v), "r"(addr) : "memory");
}

static uint32_t __attribute__((noinline)) load_halfword_signed(uintptr_t addr)
{
	int32_t v = 0x2222;
	__asm__ volatile("ldrsh %0, [%1, #2]" : "+r"(v) : "r"(addr) : "memory");
	return (uint32_t)v;
}

static uint32_t __attribute__((noinline)) load_exclusive(uintptr_t addr)
{
	uint32_t v = 0x33333333;
	__asm__ volatile("ldrex %0, [%1]\n\tclrex" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static volatile uint32_t aligned_words[4] = { 0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c };

int main(void)
{
	printf("g_exc: start (%s)\n",
#ifdef __thumb__
	       "thumb"
#else
	       "arm"
#endif
	);
	g_vectors_install();

	printf("svc from SVC mode:\n");
	uint32_t r = svc5(10, 20);
	printf("  -> %" PRIu32 "\n", r);
	r = svc200(r);
	printf("  -> %" PRIu32 "\n", r);

	printf("undefined instructions:\n");
	__asm__ volatile("udf #0x12" ::: "memory");
#ifdef __thumb__
	__asm__ volatile("udf.w #0x1234" ::: "memory");
#else
	__asm__ volatile("udf #0xabcd" ::: "memory");
#endif
	uint32_t v = 0x77;
	__asm__ volatile("mrc p6, 0, %0, c0, c0, 0" : "+r"(v)); /* no coprocessor 6 */
	printf("  mrc p6 left %02" PRIx32 "\n", v);
#ifdef __ARM_FP
	static volatile double one_and_half = 1.5;
	fpexc_write(0);
	fpu_trap_armed = 1;
	double d = one_and_half; /* vldr: the first VFP instruction, trapped */
	__asm__ volatile("vadd.f64 %P0, %P0, %P0" : "+w"(d));
	printf("  vadd with FPEXC.EN clear gave %g\n", d);
#endif

	printf("bkpt:\n");
	__asm__ volatile("bkpt #7" ::: "memory");

	printf("user mode:\n");
	r = g_run_user(user_main, 41, user_stack + sizeof(user_stack));
	printf("  user mode returned %" PRIu32 ", back in mode %02" PRIx32 "\n", r,
	       cpsr_read() & 0x1f);

	printf("mmu on:\n");
	mmu_on();
	uint32_t sctlr;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	printf("  sctlr M %" PRIu32 " C %" PRIu32 " I %" PRIu32 "\n", sctlr & 1, sctlr >> 2 & 1,
	       sctlr >> 12 & 1);
	printf("  mapped load " X32 "\n", load((uintptr_t)&aligned_words[1]));
	printf("  unmapped load gave " X32 "\n", load(0x50000010));
	store(0x6ff00000, 0x1234);
	printf("  unmapped ldrsh gave " X32 "\n", load_halfword_signed(0x00100000));
	printf("  unaligned load with A=0 " X32 "\n", load((uintptr_t)aligned_words + 1));
	sctlr_a(1);
	printf("  unaligned load with A=1 gave " X32 "\n", load((uintptr_t)aligned_words + 1));
	sctlr_a(0);
	printf("  unaligned ldrex gave " X32 "\n", load_exclusive((uintptr_t)aligned_words + 2));

	printf("branch to an unmapped address:\n");
	if (setjmp(recover_env) == 0) {
		void (*bad)(void) = (void (*)(void))(uintptr_t)0x50000000;
		bad();
		printf("  not reached\n");
	} else {
		printf("  back from recover, mode %02" PRIx32 "\n", cpsr_read() & 0x1f);
	}
	printf("user mode with the MMU on:\n");
	r = g_run_user(user_main, 7, user_stack + sizeof(user_stack));
	printf("  user mode returned %" PRIu32 "\n", r);

	printf("counts: svc %" PRIu32 " und %" PRIu32 " pabt %" PRIu32 " dabt %" PRIu32 "\n",
	       n_svc, n_und, n_pabt, n_dabt);
	printf("done\n");
	return 0;
}
