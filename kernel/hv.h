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
#include <stdint.h>

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
 *  - the physical GICv2: distributor and CPU interface; hypervisor
 *    control and virtual CPU interface (0 where there are none).
 *
 * Boards without one return NULL from hv_board_platform() (the default):
 * tern then runs no guest on the hypervisor.
 */
struct hv_platform {
	uint32_t image_base;
	uint32_t image_slot_size;
	unsigned image_slots;
	uint32_t guest_ram_base;
	uint32_t guest_ram_size;
	uint32_t ram_end;
	uint32_t dtb;
	uintptr_t gicd, gicc, gich, gicv;
};

const struct hv_platform *hv_board_platform(void);

/*
 * From kernel_main() in Hyp mode: finds the guest images, starts one
 * guest each and runs them until every one has powered off, then powers
 * the machine off. Returns at once, saying nothing, when the board has no
 * images (or no hv_platform).
 */
void hv_main(void);

/* The time slice, microseconds (HV_SLICE_US until changed). */
void hv_set_slice_us(uint32_t us);

#endif
