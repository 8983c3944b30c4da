/*
 * A guest: the virtual platform of DESIGN.md ("one virtual platform, three
 * executors") on the interpreter. RAM at 0x40000000 (QEMU's mach-virt.ram),
 * a cortex-a15 (struct arm_cpu), the GICv2 at 0x08000000/0x08010000, the
 * PL011 at 0x09000000 (SPI 1), the generic timer's PPIs, PSCI over HVC.
 *
 * The caller provides the memory (RAM, the interpreter) and the outside
 * world (struct vm_io): nothing here touches files, clocks or the console,
 * so the same code runs in the firmware and on a host.
 */
#ifndef TERN_KERNEL_VM_H
#define TERN_KERNEL_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/arm_cpu.h"
#include "cpu/interp/interp.h"
#include "kernel/dev_gic.h"
#include "kernel/dev_pl011.h"
#include "kernel/elf.h"
#include "vmstate/stream.h"

#define VM_RAM_BASE      0x40000000u
#define VM_RAM_DEFAULT   (16u << 20)
#define VM_RAM_MAX       0xc0000000u /* up to the top of the 32-bit space */
#define VM_GICD_BASE     0x08000000u
#define VM_GICC_BASE     0x08010000u
#define VM_UART_BASE     0x09000000u
#define VM_RAM_BLOCK     "mach-virt.ram"
#define VM_MACHINE       "virt-7.2"

/* QEMU's generic timer ticks every 16 ns (62.5 MHz); its virtual clock,
 * which a stream carries in the "timer" section, counts ns. */
#define VM_TIMER_NS_PER_TICK 16u

/* Instructions interp_run() gets at a time: input is polled between. */
#define VM_SLICE         (1u << 16)

/* The generic timers, QEMU's numbering (GTIMER_*), and their PPIs. */
enum vm_timer {
	VM_TIMER_PHYS = 0,   /* CNTP: PPI 30 */
	VM_TIMER_VIRT = 1,   /* CNTV: PPI 27 */
	VM_TIMER_HYP = 2,    /* CNTHP: PPI 26 */
	VM_TIMER_SEC = 3,    /* CNTPS: PPI 29 */
};

struct vm_io {
	/* A byte the guest wrote to its UART. */
	void (*uart_tx)(void *ctx, uint8_t c);
	/* The next input byte, -1 if none is waiting now, -2 at end of input.
	 * Never blocks. NULL: no input. */
	int (*uart_rx)(void *ctx);
	/* Block until input may be waiting; false if none will ever come.
	 * NULL: never blocks (a guest idling without a timer is an error). */
	bool (*wait_input)(void *ctx);
	void *ctx;
};

enum vm_status {
	VM_RUNNING,   /* not stopped yet */
	VM_OFF,       /* PSCI SYSTEM_OFF */
	VM_LIMIT,     /* reached the instruction limit given to vm_run */
	VM_STOPPED,   /* interp_stop() from outside */
	VM_ERROR,     /* vm->error says why, one line */
};

struct vm {
	struct arm_cpu cpu;
	struct interp *ip;
	uint8_t *ram;
	uint32_t ram_base, ram_size;
	struct gic gic;
	struct pl011 uart;
	struct vm_io io;

	const uint8_t *image;      /* kept for SYSTEM_RESET */
	size_t image_len;
	struct image_info boot;

	int rx_held;               /* input byte the UART had no room for, or -1 */
	bool input_eof;
	uint32_t resets;           /* PSCI SYSTEM_RESETs so far */
	char error[192];
};

/*
 * Bind a VM to its memory: `ram` (ram_size bytes, a multiple of 4 KiB) and
 * `ip` (interp_size() bytes, zero-filled: interp_init reads it). The I/O
 * callbacks are copied.
 */
void vm_init(struct vm *vm, uint8_t *ram, uint32_t ram_size, struct interp *ip,
	     const struct vm_io *io);

/* Load an ELF or raw image (kept by pointer for SYSTEM_RESET) and reset the
 * platform to boot it as QEMU's -kernel does: ELF: entry point, r0-r2 = 0;
 * raw: 0x40010000, r0 = 0, r1 = ~0 (virt's machine id), r2 = DTB (0: none
 * yet). False with vm->error set for a bad image. */
bool vm_load(struct vm *vm, const uint8_t *image, size_t len);

/* Reset CPU and devices and reload the image (PSCI SYSTEM_RESET). */
void vm_reset(struct vm *vm);

/* Run until `limit` instructions in total have retired (UINT64_MAX: no
 * limit), the guest powers off, or an error. */
enum vm_status vm_run(struct vm *vm, uint64_t limit);

uint64_t vm_insns(const struct vm *vm);

/* The generic timer's output `which` (enum vm_timer) changed level: drive
 * its PPI. The interpreter calls it through interp_bus.timer_irq. */
void kernel_timer_irq(struct vm *vm, unsigned which, bool level);

/* Bus callbacks for struct interp_bus (ctx = the vm). */
bool vm_bus_read(void *ctx, uint32_t pa, unsigned size, uint32_t *val);
bool vm_bus_write(void *ctx, uint32_t pa, unsigned size, uint32_t val);

/*
 * A migration stream of the guest as it stands: configuration ("virt-7.2"),
 * RAM block mach-virt.ram (section "ram", id 2, START/PART/END; data pages
 * only: zero pages are not sent), then timer (0: the virtual clock, so the
 * generic timer's count goes on from here), cpu_common (6), cpu (7),
 * arm_gic (8) and pl011 (9) in QEMU 7.2's layouts, EOF and the JSON
 * description (built in json[0, json_cap)). Ids as QEMU 7.2 numbers them
 * for virt. qemu-system-arm -M virt -m <RAM> -cpu cortex-a15 -incoming
 * resumes it: the devices tern does not model keep their reset state.
 */
bool vm_snapshot_write(struct vm *vm, struct vms_out *out, uint8_t *json,
		       size_t json_cap, struct vms_error *err);

/* What that stream is written from, whatever executor ran the guest
 * (kernel/snapshot_write.c): the platform's state, complete. */
struct vm_snap {
	struct arm_cpu *cpu;      /* not const: the wire's converters take it so */
	const struct gic *gic;
	const struct pl011 *uart;
	const uint8_t *ram;
	uint32_t ram_size;
	uint64_t timer_count;     /* CNTPCT at the snapshot */
};

bool vm_snap_write(const struct vm_snap *snap, struct vms_out *out, uint8_t *json,
		   size_t json_cap, struct vms_error *err);

/* The generic timer's count (CNTPCT) now. */
uint64_t vm_timer_count(const struct vm *vm);

/* What a snapshot gives a guest (kernel/restore.c decodes it). */
struct vm_state {
	struct arm_cpu cpu;
	struct gic gic;          /* state only: the wiring is the VM's */
	struct pl011 uart;
	uint8_t *ram;            /* becomes the VM's RAM */
	uint32_t ram_size;
	uint64_t timer_count;    /* CNTPCT at the snapshot */
};

/*
 * Replace the guest's state with `st` in one go: its RAM becomes st->ram
 * (the caller frees the old one, vm->ram before the call), the CPU and the
 * devices take the saved values, the interpreter starts afresh on them
 * (vm_insns() counts from 0 again), the timer's count goes on from
 * st->timer_count, interrupt lines are driven as the state says. The
 * image kept for SYSTEM_RESET stays.
 */
void vm_commit(struct vm *vm, const struct vm_state *st);

/* Boot the loaded image again from `entry` (bit 0: Thumb), as vm_load
 * left the CPU but at another address. */
void vm_boot_at(struct vm *vm, uint32_t entry);

#endif
