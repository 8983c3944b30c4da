/*
 * The hypervisor's guest loop (firmware in Non-secure Hyp mode): up to
 * HV_MAX_GUESTS guests, each with its own RAM behind stage-2 translation,
 * its struct arm_cpu and its virtual devices (kernel/dev_pl011.c,
 * kernel/dev_gic.c, kernel/psci.c: the models the interpreter uses), run
 * round-robin on the Hyp timer. cpu/hyp/ does the CPU work; this file
 * decides who runs and what a trap means. docs/hypervisor.md describes it
 * from the user's side.
 *
 * Guests see DESIGN.md's virtual platform: QEMU virt's memory map (RAM at
 * 0x40000000, PL011 at 0x09000000, GICv2 at 0x08000000/0x08010000), a
 * cortex-a15, PSCI over HVC. Their UART lines reach the board's console
 * whole, each behind "[N] " (N: the guest's number, from 1).
 */
#ifndef TERN_KERNEL_HV_H
#define TERN_KERNEL_HV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/arm_cpu.h"
#include "kernel/dev_gic.h"
#include "kernel/dev_pl011.h"

#define HV_MAX_GUESTS 8u

/* The time slice: a guest that does not wait is preempted after it. */
#ifndef HV_SLICE_US
#define HV_SLICE_US 10000u
#endif

/*
 * What the hypervisor needs from a firmware board (board/<name>/), in
 * physical addresses:
 *
 *  - the guest images: a loader leaves ELF files in RAM, one a slot
 *    (QEMU: -device loader,file=GUEST.elf,addr=SLOT,force-raw=on); a slot
 *    that does not start with the ELF magic is empty;
 *  - the RAM the guests get, `guest_ram_size` each, one after the other
 *    from `guest_ram_base`, as far as RAM goes: the end of the RAM bank
 *    tern is in (the same bank) comes from the device tree at `dtb` when
 *    there is one there, else `ram_end` is taken for it;
 *  - the physical interrupt controller, as Hyp mode uses it (struct
 *    hv_irqchip): a GICv2 on virt and vexpress-a15, the BCM2836's local
 *    interrupt controller on raspi2b. kernel/hv.c never touches it
 *    otherwise;
 *  - the GICv2 virtualization interface, hypervisor control (GICH) and
 *    virtual CPU interface (GICV), 0 where there is none (raspi2b).
 *
 * Boards without one return NULL from hv_board_platform() (the default):
 * tern then runs no guest on the hypervisor.
 */

/* The boot core's interrupts the hypervisor takes (B8: the generic
 * timer's outputs; GICv2 5.3.1: the maintenance interrupt). */
enum hv_irq {
	HV_IRQ_HTIMER,       /* CNTHP: slice end, deadlines */
	HV_IRQ_VTIMER,       /* CNTV: the loaded guest's virtual timer */
	HV_IRQ_MAINTENANCE,  /* GICH's maintenance interrupt */
	HV_IRQ_CONSOLE,      /* the console's receive interrupt, if it has
				* one (kernel/board.h, board_console_irq) */
	HV_IRQ_OTHER,        /* anything else: acknowledged, ignored */
	HV_IRQ_NONE,         /* nothing pending */
};

struct hv_irqchip {
	/* Once, before the first guest. May be NULL. */
	void (*init)(void);
	/* Let `irq` through to the core, or hold it back (a level
	 * interrupt stays pending meanwhile). */
	void (*enable)(enum hv_irq irq, bool on);
	/* The most urgent pending interrupt, acknowledged; `*token` goes
	 * to end() once it has been dealt with (HV_IRQ_NONE: no end()). */
	enum hv_irq (*ack)(uint32_t *token);
	void (*end)(uint32_t token);
	/* Instead of end(): the interrupt stays active for the loaded
	 * guest, whose EOI of its virtual twin (a GICv2 list register with
	 * HW set, IHI 0048B 5.3.11) deactivates it; or deactivate() does.
	 * Both NULL where there is no such thing (raspi2b). */
	void (*hand_over)(uint32_t token);
	void (*deactivate)(enum hv_irq irq);
};

struct hv_platform {
	uint32_t image_base;
	uint32_t image_slot_size;
	unsigned image_slots;
	uint32_t guest_ram_base;
	uint32_t guest_ram_size;
	uint32_t ram_end;
	uint32_t dtb;
	const struct hv_irqchip *irq;
	uintptr_t gich, gicv;
};

const struct hv_platform *hv_board_platform(void);

/*
 * The guest interface kernel/guests_hyp.c builds its executor on (the
 * shell drives guests through kernel/guests.h, whatever runs them):
 *
 *  - hv_init() once, in Hyp mode: the CPU's trap set-up, the physical
 *    GIC, the Hyp timer, the console's receive interrupt; false (saying
 *    nothing) when the board has no hv_platform;
 *  - guest RAM is physical RAM of its own: hv_ram_alloc() hands out
 *    2 MiB-aligned regions of the RAM above the image slots, as far as
 *    the RAM bank goes;
 *  - a guest is created from an image in memory the caller keeps (it is
 *    loaded again on reset), in RAM from hv_ram_alloc();
 *  - hv_guest_run() gives it one slice (HV_SLICE_US) or less: it says
 *    whether the guest ran, waits (WFI, nothing pending), or is off;
 *  - when every guest that should run waits, hv_idle() sleeps until one
 *    of their timers fires, an interrupt comes (the console's) or the
 *    given time passes;
 *  - hv_guest_state() puts the guest's whole state into its struct
 *    arm_cpu, struct gic and struct pl011 (a snapshot reads them there);
 *    hv_guest_commit() replaces it with a restored one.
 */
struct hv_guest;
struct vm_state;

struct hv_guest_io {
	void (*uart_tx)(void *ctx, uint8_t c);   /* a byte the guest wrote */
	void (*note)(void *ctx, const char *line); /* tern's line about it */
	void *ctx;
};

enum hv_run {
	HV_RUN_RAN,      /* it ran (its slice, or until it gave the core away) */
	HV_RUN_WAITING,  /* WFI with nothing pending: it needs an interrupt */
	HV_RUN_OFF,      /* powered off or stopped; hv_guest_why() says how */
};

/* What the snapshot code reads and hv_guest_commit() writes. */
struct hv_guest_view {
	struct arm_cpu *cpu;
	struct gic *gic;
	struct pl011 *uart;
	uint8_t *ram;
	uint32_t ram_size;
	uint64_t counter;        /* the physical count now (the guest's CNTPCT) */
	uint64_t ticks_run;      /* counter ticks it has been on the core */
};

bool hv_init(void);
/* Only the platform's memory: image slots and guest RAM (hv_boot_images,
 * hv_ram_alloc), for the interpreter's guests where there is no HYP. */
bool hv_platform_init(void);

/* The ELF images loader slots hold, in slot order; says which ones have
 * no RAM left for them. At most `max`. */
unsigned hv_boot_images(const uint8_t **images, size_t *lens, unsigned max);

/* Guest RAM, `size` (a multiple of 2 MiB) physical bytes, zeroed; NULL
 * when no region that large is free. */
uint8_t *hv_ram_alloc(uint32_t size);
void hv_ram_free(uint8_t *ram, uint32_t size);
/* The RAM a new guest gets (the board's guest_ram_size). */
uint32_t hv_guest_ram_size(void);
/* Where the RAM guests get from ends (the device tree's, or the board's). */
uint32_t hv_ram_limit(void);

struct hv_guest *hv_guest_new(const uint8_t *image, size_t len, uint8_t *ram,
			      uint32_t ram_size, const struct hv_guest_io *io,
			      char *err, size_t cap);
/* Forget the guest (not its RAM, not its image). */
void hv_guest_free(struct hv_guest *g);
/* Reload the image and boot it again (as PSCI SYSTEM_RESET does). */
void hv_guest_reset(struct hv_guest *g);
/* Boot again at `entry` (bit 0: Thumb), RAM as it is. */
void hv_guest_boot_at(struct hv_guest *g, uint32_t entry);
enum hv_run hv_guest_run(struct hv_guest *g);
/* Why an HV_RUN_OFF guest is off: "powered off (PSCI SYSTEM_OFF)". */
const char *hv_guest_why(const struct hv_guest *g);

/* Every guest wants an interrupt: sleep until one of theirs (a timer),
 * the console's, or `max_us`. */
void hv_idle(uint32_t max_us);

void hv_guest_state(struct hv_guest *g, struct hv_guest_view *v);
/* `st` (restore_decode's) becomes the guest's state: st->ram (from
 * hv_ram_alloc) its RAM, returned in *old_ram for the caller to free.
 * The virtual count goes on from the snapshot's. */
void hv_guest_commit(struct hv_guest *g, const struct vm_state *st,
		     uint8_t **old_ram, uint32_t *old_size);

/* The time slice, microseconds (HV_SLICE_US until changed). */
void hv_set_slice_us(uint32_t us);

#endif
