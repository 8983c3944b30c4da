/*
 * A guest on the interpreter: memory map, device wiring, boot, the run loop
 * (HVC -> PSCI, WFI -> idle until something can wake the CPU); its
 * snapshot is written by kernel/snapshot_write.c.
 */
#include <stdio.h>
#include <string.h>

#include "cpu/cpreg.h"
#include "kernel/psci.h"
#include "kernel/vm.h"

#define CPSR_T (1u << 5)

static const unsigned timer_ppi[4] = {
	[VM_TIMER_PHYS] = GIC_PPI_PHYS_TIMER,
	[VM_TIMER_VIRT] = GIC_PPI_VIRT_TIMER,
	[VM_TIMER_HYP] = GIC_PPI_HYP_TIMER,
	[VM_TIMER_SEC] = GIC_PPI_SEC_TIMER,
};

/* ---- wiring ---- */

static void gic_out(void *ctx, bool irq, bool fiq)
{
	struct vm *vm = ctx;
	interp_set_irq(vm->ip, irq);
	interp_set_fiq(vm->ip, fiq);
}

static void uart_irq(void *ctx, bool level)
{
	struct vm *vm = ctx;
	gic_set_irq(&vm->gic, GIC_SPI_UART, level);
}

static void uart_tx(void *ctx, uint8_t c)
{
	struct vm *vm = ctx;
	if (vm->io.uart_tx)
		vm->io.uart_tx(vm->io.ctx, c);
}

void kernel_timer_irq(struct vm *vm, unsigned which, bool level)
{
	if (which < sizeof(timer_ppi) / sizeof(timer_ppi[0]))
		gic_set_irq(&vm->gic, timer_ppi[which], level);
}

static void timer_irq(void *ctx, unsigned which, bool level)
{
	kernel_timer_irq(ctx, which, level);
}

bool vm_bus_read(void *ctx, uint32_t pa, unsigned size, uint32_t *val)
{
	struct vm *vm = ctx;
	uint32_t off;
	if ((off = pa - VM_GICD_BASE) < GIC_DIST_SIZE) {
		*val = gic_dist_read(&vm->gic, off, size);
		return true;
	}
	if ((off = pa - VM_GICC_BASE) < GIC_CPU_SIZE) {
		*val = gic_cpu_read(&vm->gic, off);
		return true;
	}
	if ((off = pa - VM_UART_BASE) < PL011_SIZE) {
		*val = pl011_read(&vm->uart, off);
		if (size < 4)
			*val &= (1u << (8 * size)) - 1;
		return true;
	}
	return false; /* nothing there: external abort, as QEMU's virt */
}

bool vm_bus_write(void *ctx, uint32_t pa, unsigned size, uint32_t val)
{
	struct vm *vm = ctx;
	uint32_t off;
	if ((off = pa - VM_GICD_BASE) < GIC_DIST_SIZE) {
		gic_dist_write(&vm->gic, off, size, val);
		return true;
	}
	if ((off = pa - VM_GICC_BASE) < GIC_CPU_SIZE) {
		gic_cpu_write(&vm->gic, off, val);
		return true;
	}
	if ((off = pa - VM_UART_BASE) < PL011_SIZE) {
		pl011_write(&vm->uart, off, val);
		return true;
	}
	return false;
}

/* ---- set-up ---- */

void vm_init(struct vm *vm, uint8_t *ram, uint32_t ram_size, struct interp *ip,
	     const struct vm_io *io)
{
	memset(vm, 0, sizeof(*vm));
	vm->ram = ram;
	vm->ram_base = VM_RAM_BASE;
	vm->ram_size = ram_size;
	vm->ip = ip;
	if (io)
		vm->io = *io;
	vm->rx_held = -1;
	arm_cpu_reset(&vm->cpu, &cpreg_list_a15);
	struct interp_bus bus = {
		.ram = ram,
		.ram_base = VM_RAM_BASE,
		.ram_size = ram_size,
		.read = vm_bus_read,
		.write = vm_bus_write,
		.ctx = vm,
		.timer_irq = timer_irq,
	};
	interp_init(ip, &vm->cpu, &bus);
	gic_init(&vm->gic, gic_out, vm);
	pl011_init(&vm->uart, uart_tx, uart_irq, vm);
}

/* The CPU as QEMU's -kernel leaves it (hw/arm/boot.c): an ELF is entered
 * directly with every register zero; a raw image is a Linux kernel, entered
 * through QEMU's boot stub with r0 = 0, r1 = the machine id (~0 on virt),
 * r2 = the DTB. */
static void boot_cpu(struct vm *vm)
{
	struct arm_cpu *cpu = &vm->cpu;
	arm_cpu_reset(cpu, &cpreg_list_a15);
	cpu->regs[15] = vm->boot.entry & ~1u;
	if (vm->boot.entry & 1)
		cpu->cpsr_rest |= CPSR_T;
	if (!vm->boot.is_elf) {
		cpu->regs[0] = 0;
		cpu->regs[1] = 0xffffffffu;
		cpu->regs[2] = 0; /* no device tree yet */
	}
}

bool vm_load(struct vm *vm, const uint8_t *image, size_t len)
{
	if (!image_load(image, len, vm->ram, vm->ram_base, vm->ram_size, &vm->boot,
			vm->error, sizeof(vm->error)))
		return false;
	vm->image = image;
	vm->image_len = len;
	gic_reset(&vm->gic);
	pl011_reset(&vm->uart);
	boot_cpu(vm);
	interp_flush(vm->ip);
	return true;
}

void vm_reset(struct vm *vm)
{
	/* QEMU reloads the image (its ROM blobs) and leaves the rest of RAM. */
	if (vm->image)
		image_load(vm->image, vm->image_len, vm->ram, vm->ram_base,
			   vm->ram_size, &vm->boot, vm->error, sizeof(vm->error));
	gic_reset(&vm->gic);
	pl011_reset(&vm->uart);
	boot_cpu(vm);
	interp_flush(vm->ip);
	vm->resets++;
}

void vm_boot_at(struct vm *vm, uint32_t entry)
{
	gic_reset(&vm->gic);
	pl011_reset(&vm->uart);
	vm->boot.entry = entry;
	boot_cpu(vm);
	interp_flush(vm->ip);
}

uint64_t vm_insns(const struct vm *vm)
{
	return interp_insns(vm->ip);
}

/* ---- the run loop ---- */

/* Feed waiting input to the UART; false once input has ended. */
static void poll_input(struct vm *vm)
{
	if (!vm->io.uart_rx || vm->input_eof)
		return;
	while (pl011_can_receive(&vm->uart)) {
		int c = vm->rx_held;
		vm->rx_held = -1;
		if (c < 0)
			c = vm->io.uart_rx(vm->io.ctx);
		if (c == -2) {
			vm->input_eof = true;
			return;
		}
		if (c < 0)
			return;
		pl011_receive(&vm->uart, (uint8_t)c);
	}
}

/* The generic timer counts instructions (cpu/interp/timer.h): an idle CPU
 * skips its count forward to the next deadline, whose output then rises
 * through timer_irq(). False if no timer will ever fire by itself. */
static bool skip_to_timer(struct vm *vm)
{
	uint64_t next = interp_timer_next(vm->ip), now = interp_insns(vm->ip);
	if (next == UINT64_MAX)
		return false;
	if (next > now)
		interp_timer_set_count(vm->ip, interp_timer_count(vm->ip) + (next - now));
	return true;
}

/*
 * WFI (or CPU_SUSPEND) with nothing pending. Something must wake the CPU:
 * an interrupt the GIC already signals, input, or a timer deadline (time
 * jumps there: nothing else could happen meanwhile). The guest then goes
 * on after its WFI, which may architecturally complete at any time (ARM
 * ARM B1.8.13). False when nothing ever can wake it.
 */
static bool idle(struct vm *vm)
{
	for (;;) {
		if (vm->gic.irq_out || vm->gic.fiq_out)
			return true;
		poll_input(vm);
		if (vm->gic.irq_out || vm->gic.fiq_out)
			return true;
		if (skip_to_timer(vm))
			return true;
		if (!vm->io.wait_input || vm->input_eof || !vm->io.uart_rx)
			return false;
		if (!vm->io.wait_input(vm->io.ctx))
			vm->input_eof = true;
	}
}

static enum vm_status fail(struct vm *vm, const char *what)
{
	snprintf(vm->error, sizeof(vm->error), "%s (pc 0x%08lx)", what,
		 (unsigned long)vm->cpu.regs[15]);
	return VM_ERROR;
}

enum vm_status vm_run(struct vm *vm, uint64_t limit)
{
	for (;;) {
		uint64_t done = interp_insns(vm->ip);
		if (done >= limit)
			return VM_LIMIT;
		uint64_t n = limit - done;
		if (n > VM_SLICE)
			n = VM_SLICE;
		poll_input(vm);
		switch (interp_run(vm->ip, n)) {
		case INTERP_EXIT_BUDGET:
			break;
		case INTERP_EXIT_HVC:
			switch (psci_call(&vm->cpu)) {
			case PSCI_CONTINUE:
				break;
			case PSCI_WAIT:
				if (!idle(vm))
					return fail(vm, "guest suspended its CPU with nothing to wake it");
				break;
			case PSCI_CPU_OFF:
				return fail(vm, "guest switched its only CPU off (PSCI CPU_OFF)");
			case PSCI_SYSTEM_OFF:
				vm->cpu.powered_off = 1;
				return VM_OFF;
			case PSCI_SYSTEM_RESET:
				vm_reset(vm);
				break;
			}
			break;
		case INTERP_EXIT_WFI:
			if (!idle(vm))
				return fail(vm, "guest waits for an interrupt (WFI) that nothing can raise");
			break;
		case INTERP_EXIT_STOP:
			return VM_STOPPED;
		case INTERP_EXIT_FATAL:
			return fail(vm, interp_fatal_reason(vm->ip));
		}
	}
}

uint64_t vm_timer_count(const struct vm *vm)
{
	return interp_timer_count(vm->ip);
}

bool vm_snapshot_write(struct vm *vm, struct vms_out *out, uint8_t *json,
		       size_t json_cap, struct vms_error *err)
{
	struct vm_snap snap = {
		.cpu = &vm->cpu, .gic = &vm->gic, .uart = &vm->uart, .ram = vm->ram,
		.ram_size = vm->ram_size, .timer_count = vm_timer_count(vm),
	};
	return vm_snap_write(&snap, out, json, json_cap, err);
}

/* ---- restore ---- */

void vm_commit(struct vm *vm, const struct vm_state *st)
{
	/* The interpreter's code map is sized for its RAM: a new size
	 * needs a new one. */
	if (st->ram_size != vm->ram_size)
		interp_free(vm->ip);
	vm->ram = st->ram;
	vm->ram_size = st->ram_size;
	vm->cpu = st->cpu;

	/* Device state without the wiring, then the lines driven again. */
	void (*gout)(void *, bool, bool) = vm->gic.out;
	void *gctx = vm->gic.ctx;
	vm->gic = st->gic;
	vm->gic.out = gout;
	vm->gic.ctx = gctx;
	vm->gic.irq_out = vm->gic.fiq_out = false;
	void (*tx)(void *, uint8_t) = vm->uart.tx;
	void (*uirq)(void *, bool) = vm->uart.irq;
	void *uctx = vm->uart.ctx;
	vm->uart = st->uart;
	vm->uart.tx = tx;
	vm->uart.irq = uirq;
	vm->uart.ctx = uctx;
	vm->uart.irq_level = false;
	vm->rx_held = -1;
	vm->input_eof = false;

	struct interp_bus bus = {
		.ram = vm->ram,
		.ram_base = VM_RAM_BASE,
		.ram_size = vm->ram_size,
		.read = vm_bus_read,
		.write = vm_bus_write,
		.ctx = vm,
		.timer_irq = timer_irq,
	};
	interp_init(vm->ip, &vm->cpu, &bus);
	interp_set_irq(vm->ip, false);
	interp_set_fiq(vm->ip, false);
	/* The count goes on from the snapshot (and sets the timer lines). */
	interp_timer_set_count(vm->ip, st->timer_count);
	gic_set_irq(&vm->gic, GIC_SPI_UART, false);
	pl011_write(&vm->uart, 0x44, 0);         /* UARTICR of nothing: drives SPI 1 */
	gic_cpu_write(&vm->gic, 0x04, vm->gic.pmr); /* GICC_PMR as it is: drives IRQ/FIQ */
}
