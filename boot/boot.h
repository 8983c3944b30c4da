/*
 * What the firmware's boot code (entry.S, vectors.S, secure.c, mmu.c,
 * smp.c) records, calls and needs from the board. Shared by assembly and
 * C: constants only outside __ASSEMBLY__.
 *
 * Boards read struct boot_entry to answer board_cpu_info(); the kernel
 * never includes this file.
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

/* CPSR mask bits (ARM ARM B1.3.3). */
#define BOOT_CPSR_F (1 << 6)
#define BOOT_CPSR_I (1 << 7)
#define BOOT_CPSR_A (1 << 8)

/* ID_PFR1 (ARM ARM B4.1.94): Security [7:4], Virtualization [15:12],
 * Generic Timer [19:16]. */
#define BOOT_ID_PFR1_SECURITY_SHIFT 4
#define BOOT_ID_PFR1_VIRT_SHIFT     12
#define BOOT_ID_PFR1_GENTIMER_SHIFT 16

/* Cores tern gives a boot stack and a pen slot: MPIDR.Aff0 0..3 (raspi2b
 * has four; QEMU's virt and vexpress-a15 one unless -smp says more). A core
 * with a larger Aff0 waits in WFE where it entered, with no setup at all. */
#define BOOT_MAX_CPUS       4
#define BOOT_CPU_STACK_SIZE 0x400

/* struct boot_entry field offsets, for entry.S (checked in boot/fault.c). */
#define BOOT_ENTRY_CPSR      0
#define BOOT_ENTRY_MODE      4
#define BOOT_ENTRY_MIDR      8
#define BOOT_ENTRY_MPIDR     12
#define BOOT_ENTRY_ID_PFR1   16
#define BOOT_ENTRY_R0        20
#define BOOT_ENTRY_R1        24
#define BOOT_ENTRY_R2        28
#define BOOT_ENTRY_FLAGS     32
#define BOOT_ENTRY_CNTFRQ    36
#define BOOT_ENTRY_SIZE      40

/* boot_entry.flags: how the boot core got to the mode it runs in. */
#define BOOT_F_SECURE      (1 << 0) /* entered in Secure state (SCR readable) */
#define BOOT_F_MONITOR     (1 << 1) /* went Secure SVC -> Monitor -> NS HYP */
#define BOOT_F_MMU         (1 << 2) /* tern's identity map, caches on */
#define BOOT_F_CNTFRQ_SET  (1 << 3) /* CNTFRQ was 0: tern wrote the board's */

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
#include <stdbool.h>
#include <stdint.h>

struct boot_entry {
	uint32_t cpsr;     /* CPSR at the first instruction */
	uint32_t mode;     /* CPSR.M once entry.S is done: SVC or HYP */
	uint32_t midr;
	uint32_t mpidr;
	uint32_t id_pfr1;
	uint32_t r0, r1, r2; /* what the loader left in r0-r2 */
	uint32_t flags;    /* BOOT_F_* */
	uint32_t cntfrq;   /* CNTFRQ once entry.S is done (0: no generic timer) */
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

/*
 * Called by entry.S in Secure SVC, on every core that is about to leave
 * Secure state (to_ns) or stay in it, with a stack and the FP unit on but
 * no BSS guarantee on secondary cores: ACTLR.SMP, CNTFRQ, and with to_ns
 * NSACR and the board's secure interrupt controller setup (secure.c).
 */
void boot_secure_setup(unsigned cpu, bool to_ns);

/* The identity map of the board's memory (board_mem_map()) in tern's own
 * translation regime, Hyp or PL1, then the MMU and caches on. Boot core,
 * once, from entry.S. Sets BOOT_F_MMU when it did (mmu.c). */
void boot_mmu_enable(void);

/*
 * Secondary cores wait in entry.S's pen (WFE) for their word of
 * boot_pen_release[] to become non-zero, then branch there with r0 = their
 * MPIDR.Aff0, in the mode they parked in (non-secure HYP wherever tern
 * reached it), MMU and caches off, interrupts masked. The words live in
 * .data (loaded as zero, never cleared) so that a core can poll before the
 * boot core has cleared BSS.
 */
extern volatile uint32_t boot_pen_release[BOOT_MAX_CPUS];
/* Releases core `cpu` to `entry` (smp.c). */
void boot_cpu_release(unsigned cpu, uintptr_t entry);

/* The vector tables (vectors.S), 32-byte aligned as VBAR/HVBAR/MVBAR
 * require. */
extern const uint32_t boot_vectors[8];
extern const uint32_t boot_hyp_vectors[8];
extern const uint32_t boot_mon_vectors[8];
extern const uint32_t boot_probe_vectors[8];

/*
 * What the boot code needs from each firmware board (board/<name>/):
 * board_secure_init() sets up the interrupt controller's security state
 * (GICv2: everything group 1, for the non-secure side) on core `cpu`, in
 * Secure state, before the core leaves it; cpu 0 also does the shared part
 * (the distributor). board_counter_hz() is the generic timer's real rate,
 * written to CNTFRQ when the loader left it 0.
 */
void board_secure_init(unsigned cpu);
uint32_t board_counter_hz(void);
#endif

#endif
