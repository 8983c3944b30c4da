/*
 * What a boot loader does in Secure state before it lets a core go to the
 * non-secure world: the settings that only Secure PL1 can write, and the
 * Monitor vector table. entry.S
 * calls boot_secure_setup() on every core that entered in Secure SVC, on a
 * small stack, then (with to_ns) takes the core through Monitor mode to
 * non-secure HYP.
 *
 * The register facts follow the ARM ARM and the Cortex-A7/A15 TRMs; the
 * order is what U-Boot's and Linux boot wrappers' non-secure switch does:
 * SMP coherency first, then access rights and counter frequency, the
 * interrupt controller's security setup, and last the switch itself.
 */
#include <stdbool.h>
#include <stdint.h>

#include "boot/boot.h"

/* MIDR primary part numbers (Cortex-A7 and Cortex-A15 TRMs, MIDR):
 * implementer ARM (0x41), PartNum [15:4]. */
#define SECURE_MIDR_PART_MASK 0xff00fff0u
#define SECURE_MIDR_CORTEX_A7  0x4100c070u
#define SECURE_MIDR_CORTEX_A15 0x4100c0f0u

/* ACTLR.SMP (Cortex-A7 and Cortex-A15 TRMs, ACTLR): the core takes
 * part in coherency. Both TRMs require it set before the caches and MMU
 * are enabled; in Non-secure state it is writable only when NSACR.NS_SMP
 * allows. */
#define SECURE_ACTLR_SMP (1u << 6)

/* NSACR (ARM ARM B4.1, NSACR; B1.5): cp10 and cp11 (VFP, Advanced SIMD)
 * usable in Non-secure state; NSD32DIS and NSASEDIS clear, so that all 32 D
 * registers and Advanced SIMD are too. NS_SMP (bit 18, Cortex-A7/A15
 * IMPLEMENTATION DEFINED) lets the non-secure side write ACTLR.SMP, which
 * Linux on a second cluster or after CPU hotplug needs. */
#define SECURE_NSACR_CP10     (1u << 10)
#define SECURE_NSACR_CP11     (1u << 11)
#define SECURE_NSACR_NSD32DIS (1u << 14)
#define SECURE_NSACR_NSASEDIS (1u << 15)
#define SECURE_NSACR_NS_SMP   (1u << 18)

static bool secure_is_a7_or_a15(void)
{
	uint32_t midr;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	midr &= SECURE_MIDR_PART_MASK;
	return midr == SECURE_MIDR_CORTEX_A7 || midr == SECURE_MIDR_CORTEX_A15;
}

/* ACTLR is IMPLEMENTATION DEFINED (ARM ARM B4.1, ACTLR): touch it only on the
 * cores whose TRM tern follows. */
static void secure_smp_on(void)
{
	uint32_t actlr;

	if (!secure_is_a7_or_a15())
		return;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 1" : "=r"(actlr));
	if (!(actlr & SECURE_ACTLR_SMP)) {
		actlr |= SECURE_ACTLR_SMP;
		__asm__ volatile("mcr p15, 0, %0, c1, c0, 1\n\tisb"
				 : : "r"(actlr) : "memory");
	}
}

/*
 * CNTFRQ is writable only from the highest implemented privilege level,
 * Secure PL1 here (ARM ARM B4.1, CNTFRQ; B8.1): whatever a non-secure
 * hypervisor or guest reads is what this leaves. A loader that owns
 * Secure state sets it to the counter's real rate; when it is still 0
 * tern writes the board's rate. A non-zero value is kept: QEMU 7.2's
 * models reset it to 62.5 MHz, which is also the rate their counter
 * really runs at (raspi2b included, measured), while a real BCM2836's
 * counter runs at 19.2 MHz and its firmware writes that.
 */
static void secure_cntfrq(unsigned cpu)
{
	uint32_t pfr1, frq;

	__asm__ volatile("mrc p15, 0, %0, c0, c1, 1" : "=r"(pfr1));
	if (((pfr1 >> BOOT_ID_PFR1_GENTIMER_SHIFT) & 0xf) == 0)
		return;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(frq));
	if (frq != 0)
		return;
	frq = board_counter_hz();
	__asm__ volatile("mcr p15, 0, %0, c14, c0, 0\n\tisb"
			 : : "r"(frq) : "memory");
	if (cpu == 0)
		boot_entry.flags |= BOOT_F_CNTFRQ_SET;
}

static void secure_nsacr(void)
{
	uint32_t nsacr;

	__asm__ volatile("mrc p15, 0, %0, c1, c1, 2" : "=r"(nsacr));
	nsacr |= SECURE_NSACR_CP10 | SECURE_NSACR_CP11;
	nsacr &= ~(SECURE_NSACR_NSD32DIS | SECURE_NSACR_NSASEDIS);
	if (secure_is_a7_or_a15())
		nsacr |= SECURE_NSACR_NS_SMP;
	__asm__ volatile("mcr p15, 0, %0, c1, c1, 2\n\tisb"
			 : : "r"(nsacr) : "memory");
}

/*
 * MVBAR (ARM ARM B4.1, MVBAR): tern is the only secure software, so an SMC
 * (tern's own in Secure SVC, or the non-secure side's) goes to
 * boot_mon_vectors, which answers NOT_SUPPORTED.
 */
static void secure_mvbar(void)
{
	__asm__ volatile("mcr p15, 0, %0, c12, c0, 1\n\tisb"
			 : : "r"(boot_mon_vectors) : "memory");
}

void boot_secure_setup(unsigned cpu, bool to_ns)
{
	secure_mvbar();
	secure_smp_on();
	secure_cntfrq(cpu);
	if (!to_ns)
		return;
	secure_nsacr();
	board_secure_init(cpu);
}
