/*
 * The report for exceptions nobody expected (boot/vectors.S). It writes
 * straight to the board console, one byte at a time, without picolibc's
 * stdio: the fault may have come from inside it.
 */
#include <stddef.h>
#include <stdint.h>

#include "boot/boot.h"
#include "kernel/board.h"

_Static_assert(offsetof(struct boot_entry, cpsr) == BOOT_ENTRY_CPSR, "cpsr");
_Static_assert(offsetof(struct boot_entry, mode) == BOOT_ENTRY_MODE, "mode");
_Static_assert(offsetof(struct boot_entry, midr) == BOOT_ENTRY_MIDR, "midr");
_Static_assert(offsetof(struct boot_entry, mpidr) == BOOT_ENTRY_MPIDR, "mpidr");
_Static_assert(offsetof(struct boot_entry, id_pfr1) == BOOT_ENTRY_ID_PFR1,
	       "id_pfr1");
_Static_assert(offsetof(struct boot_entry, r0) == BOOT_ENTRY_R0, "r0");
_Static_assert(offsetof(struct boot_entry, r1) == BOOT_ENTRY_R1, "r1");
_Static_assert(offsetof(struct boot_entry, r2) == BOOT_ENTRY_R2, "r2");
_Static_assert(offsetof(struct boot_entry, flags) == BOOT_ENTRY_FLAGS, "flags");
_Static_assert(offsetof(struct boot_entry, cntfrq) == BOOT_ENTRY_CNTFRQ,
	       "cntfrq");
_Static_assert(sizeof(struct boot_entry) == BOOT_ENTRY_SIZE, "size");

static const char *const fault_names[16] = {
	[BOOT_FAULT_RESET]  = "reset vector",
	[BOOT_FAULT_UNDEF]  = "undefined instruction",
	[BOOT_FAULT_SVC]    = "supervisor call",
	[BOOT_FAULT_PABT]   = "prefetch abort",
	[BOOT_FAULT_DABT]   = "data abort",
	[BOOT_FAULT_UNUSED] = "unused vector 0x14",
	[BOOT_FAULT_IRQ]    = "IRQ",
	[BOOT_FAULT_FIQ]    = "FIQ",
	[BOOT_FAULT_HYP + 0] = "Hyp vector 0x00",
	[BOOT_FAULT_HYP + 1] = "undefined instruction in Hyp mode",
	[BOOT_FAULT_HYP + 2] = "SVC or HVC in Hyp mode",
	[BOOT_FAULT_HYP + 3] = "prefetch abort in Hyp mode",
	[BOOT_FAULT_HYP + 4] = "data abort in Hyp mode",
	[BOOT_FAULT_HYP + 5] = "Hyp trap from PL0/PL1",
	[BOOT_FAULT_HYP + 6] = "IRQ (Hyp)",
	[BOOT_FAULT_HYP + 7] = "FIQ (Hyp)",
};

static void fault_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			board_console_putc('\r');
		board_console_putc(*s);
	}
}

static void fault_hex(const char *name, uint32_t v)
{
	static const char digits[] = "0123456789abcdef";
	int shift;

	fault_puts(name);
	fault_puts(" 0x");
	for (shift = 28; shift >= 0; shift -= 4)
		board_console_putc(digits[(v >> shift) & 0xf]);
}

/* Fault status and address registers (ARM ARM B4.1: DFSR, DFAR, IFSR,
 * IFAR; Hyp: HSR, HDFAR, HIFAR, HPFAR). The Hyp ones are UNDEFINED outside
 * Hyp mode, so each is read only for its own kind of exception. */
#define FAULT_CP15_READER(fn, op1, crn, crm, op2)			\
	static uint32_t fn(void)					\
	{								\
		uint32_t v;						\
		__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", "	\
				 #crm ", " #op2 : "=r"(v));		\
		return v;						\
	}

FAULT_CP15_READER(fault_dfsr, 0, c5, c0, 0)
FAULT_CP15_READER(fault_ifsr, 0, c5, c0, 1)
FAULT_CP15_READER(fault_dfar, 0, c6, c0, 0)
FAULT_CP15_READER(fault_ifar, 0, c6, c0, 2)
FAULT_CP15_READER(fault_hsr, 4, c5, c2, 0)
FAULT_CP15_READER(fault_hdfar, 4, c6, c0, 0)
FAULT_CP15_READER(fault_hifar, 4, c6, c0, 2)
FAULT_CP15_READER(fault_hpfar, 4, c6, c0, 4)

static void fault_syndrome(uint32_t kind)
{
	switch (kind) {
	case BOOT_FAULT_PABT:
		fault_hex("  IFSR", fault_ifsr());
		fault_hex("  IFAR", fault_ifar());
		fault_puts("\n");
		break;
	case BOOT_FAULT_DABT:
		fault_hex("  DFSR", fault_dfsr());
		fault_hex("  DFAR", fault_dfar());
		fault_puts("\n");
		break;
	default:
		if (kind < BOOT_FAULT_HYP)
			break;
		fault_hex("  HSR", fault_hsr());
		fault_hex("  HDFAR", fault_hdfar());
		fault_hex("  HIFAR", fault_hifar());
		fault_hex("  HPFAR", fault_hpfar());
		fault_puts("\n");
		break;
	}
}

_Noreturn void boot_fault(uint32_t kind, const struct boot_fault_regs *regs,
		uint32_t spsr, uint32_t ret)
{
	static volatile uint32_t depth;
	const char *name = NULL;
	unsigned i;

	/* A fault while reporting one: the console itself may be the
	 * problem, so stop quietly rather than recurse down the stack. */
	if (depth++)
		boot_halt();

	if (kind < sizeof(fault_names) / sizeof(fault_names[0]))
		name = fault_names[kind];
	fault_puts("\ntern: unexpected exception: ");
	fault_puts(name ? name : "?");
	fault_puts("\n");
	fault_hex(kind >= BOOT_FAULT_HYP ? "  ELR_hyp" : "  lr", ret);
	fault_hex("  spsr", spsr);
	fault_puts("\n");
	fault_syndrome(kind);
	for (i = 0; i < 13; i++) {
		/* "  r0" .. " r12", four to a line */
		char rn[5] = { ' ', i < 10 ? ' ' : 'r', i < 10 ? 'r' : '1',
				 (char)('0' + i % 10), 0 };
		fault_hex(rn, regs->r[i]);
		fault_puts(i % 4 == 3 || i == 12 ? "\n" : "");
	}
	fault_hex("  lr (mode's own)", regs->lr);
	fault_puts("\ntern: halted\n");
	boot_halt();
}
