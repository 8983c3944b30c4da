/*
 * What the firmware's boot code (entry.S, vectors.S) records and calls.
 * Shared by assembly and C: constants only outside __ASSEMBLY__.
 *
 * Boards read struct boot_entry to answer board_cpu_info(); the kernel never
 * includes this file.
 */
#ifndef TERN_BOOT_BOOT_H
#define TERN_BOOT_BOOT_H

/* CPSR.M values (ARM ARM B1.3.1, table B1-1) and ID register fields. */
#define BOOT_MODE_USR 0x10
#define BOOT_MODE_FIQ 0x11
#define BOOT_MODE_IRQ 0x12
#define BOOT_MODE_SVC 0x13
#define BOOT_MODE_MON 0x16
#define BOOT_MODE_ABT 0x17
#define BOOT_MODE_HYP 0x1a
#define BOOT_MODE_UND 0x1b
#define BOOT_MODE_SYS 0x1f
#define BOOT_CPSR_M   0x1f

/* ID_PFR1 (ARM ARM B4.1.94): Security [7:4], Virtualization [15:12]. */
#define BOOT_ID_PFR1_SECURITY_SHIFT 4
#define BOOT_ID_PFR1_VIRT_SHIFT     12

/* struct boot_entry field offsets, for entry.S (checked in boot/fault.c). */
#define BOOT_ENTRY_CPSR      0
#define BOOT_ENTRY_MODE      4
#define BOOT_ENTRY_MIDR      8
#define BOOT_ENTRY_MPIDR     12
#define BOOT_ENTRY_ID_PFR1   16
#define BOOT_ENTRY_R0        20
#define BOOT_ENTRY_R1        24
#define BOOT_ENTRY_R2        28
#define BOOT_ENTRY_SIZE      32

/*
 * Exception kinds passed to boot_fault(). PL1 kinds are the vector offset
 * in VBAR's table divided by 4; Hyp kinds are BOOT_FAULT_HYP + the offset
 * in HVBAR's table divided by 4 (ARM ARM B1.8.1, the vector tables).
 */
#define BOOT_FAULT_RESET    0
#define BOOT_FAULT_UNDEF    1
#define BOOT_FAULT_SVC      2
#define BOOT_FAULT_PABT     3
#define BOOT_FAULT_DABT     4
#define BOOT_FAULT_UNUSED   5
#define BOOT_FAULT_IRQ      6
#define BOOT_FAULT_FIQ      7
#define BOOT_FAULT_HYP      8   /* + 0..7: Hyp vector table entries */

#ifndef __ASSEMBLY__
#include <stdint.h>

struct boot_entry {
	uint32_t cpsr;     /* CPSR at the first instruction */
	uint32_t mode;     /* CPSR.M once entry.S is done: SVC or HYP */
	uint32_t midr;
	uint32_t mpidr;
	uint32_t id_pfr1;
	uint32_t r0, r1, r2; /* what the loader left in r0-r2 */
};

extern struct boot_entry boot_entry;

/* r0-r12 and the exception mode's lr, as the vector stubs push them. */
struct boot_fault_regs {
	uint32_t r[13];
	uint32_t lr;
};

/* Reports an exception nobody expected on the board console, then stops
 * the core. `ret` is the mode's return address: LR for PL1 modes (it is
 * the faulting instruction plus an offset that depends on the exception,
 * ARM ARM B1.8), ELR_hyp for Hyp (the instruction itself for aborts and
 * undefined instructions). */
_Noreturn void boot_fault(uint32_t kind, const struct boot_fault_regs *regs,
			  uint32_t spsr, uint32_t ret);

struct board_cpu_info;
/* Fills in board_cpu_info from boot_entry, for the boards' own
 * board_cpu_info(). */
void boot_cpu_info(struct board_cpu_info *info);

/* Parks the core forever with interrupts masked. */
_Noreturn void boot_halt(void);

/* The vector tables (vectors.S), 32-byte aligned as VBAR/HVBAR require. */
extern const uint32_t boot_vectors[8];
extern const uint32_t boot_hyp_vectors[8];
#endif

#endif
