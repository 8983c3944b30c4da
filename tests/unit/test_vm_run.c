/*
 * A whole VM on the interpreter with tiny hand-written A32 guests (raw
 * images at 0x40010000): the run loop's exits (budget, HVC -> PSCI, WFI),
 * the UART on the bus, the timer's PPI wiring, snapshots that
 * `tern inspect` reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/snapshot_tools.h"
#include "kernel/vm.h"

#define RAM_SIZE (1u << 20)

struct fixture {
	struct vm vm;
	uint8_t *ram;
	struct interp *ip;
	char out[256];
	unsigned out_len;
	uint8_t image[256];
};

static void tx(void *ctx, uint8_t c)
{
	struct fixture *f = ctx;
	if (f->out_len < sizeof(f->out) - 1)
		f->out[f->out_len++] = (char)c;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	f->ram = calloc(1, RAM_SIZE);
	f->ip = calloc(1, interp_size());
	struct vm_io io = { .uart_tx = tx, .ctx = f };
	vm_init(&f->vm, f->ram, RAM_SIZE, f->ip, &io);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	interp_free(f->ip);
	free(f->ram);
	free(f->ip);
	free(f);
	return 0;
}

static void load(struct fixture *f, const uint32_t *words, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		memcpy(f->image + 4 * i, &words[i], 4);
	assert_true(vm_load(&f->vm, f->image, 4 * n));
}

static void test_data_processing_loop(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0xe3a00005, /* mov r0, #5 */
		0xe2800007, /* add r0, r0, #7 */
		0xe24ff008, /* sub pc, pc, #8  (a loop on itself) */
	};
	load(f, code, 3);
	/* booted as QEMU boots a raw image */
	assert_int_equal(f->vm.cpu.regs[15], 0x40010000u);
	assert_int_equal(f->vm.cpu.regs[1], 0xffffffffu);
	assert_int_equal(arm_cpsr_read(&f->vm.cpu) & 0x1ff, 0x1d3);
	assert_int_equal(vm_run(&f->vm, 10), VM_LIMIT);
	assert_int_equal(vm_insns(&f->vm), 10);
	assert_int_equal(f->vm.cpu.regs[0], 12);
	assert_int_equal(f->vm.cpu.regs[15], 0x40010008u);
	/* the limit is a total: going on to 1000 runs 990 more */
	assert_int_equal(vm_run(&f->vm, 1000), VM_LIMIT);
	assert_int_equal(vm_insns(&f->vm), 1000);
}

static void test_uart_and_system_off(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0xe3a01409, /* mov r1, #0x09000000 */
		0xe3a02048, /* mov r2, #'H' */
		0xe5812000, /* str r2, [r1] */
		0xe3a02069, /* mov r2, #'i' */
		0xe5c12000, /* strb r2, [r1] */
		0xe3000008, /* movw r0, #8 */
		0xe3480400, /* movt r0, #0x8400 */
		0xe1400070, /* hvc #0: SYSTEM_OFF */
		0xe24ff008, /* sub pc, pc, #8 */
	};
	load(f, code, 9);
	assert_int_equal(vm_run(&f->vm, 1000), VM_OFF);
	assert_int_equal(f->out_len, 2);
	assert_memory_equal(f->out, "Hi", 2);
	assert_int_equal(vm_insns(&f->vm), 8);
}

static void test_psci_version_and_reset(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0xe3000000, /* movw r0, #0 */
		0xe3480400, /* movt r0, #0x8400: PSCI_VERSION */
		0xe1400070, /* hvc #0 */
		0xe1a04000, /* mov r4, r0 */
		0xe3a01409, /* mov r1, #0x09000000 */
		0xe3a02052, /* mov r2, #'R' */
		0xe5812000, /* str r2, [r1] */
		0xe3000009, /* movw r0, #9 */
		0xe3480400, /* movt r0, #0x8400: SYSTEM_RESET */
		0xe1400070, /* hvc #0 */
		0xe24ff008, /* sub pc, pc, #8 */
	};
	load(f, code, 11);
	assert_int_equal(vm_run(&f->vm, 4), VM_LIMIT);
	assert_int_equal(f->vm.cpu.regs[4], 0x00010001u);
	assert_int_equal(vm_run(&f->vm, 3 * 10), VM_LIMIT);
	assert_int_equal(f->vm.resets, 3);
	assert_string_equal(f->out, "RRR");
	assert_int_equal(f->vm.cpu.regs[15], 0x40010000u); /* back at the entry */
	assert_int_equal(f->vm.cpu.regs[4], 0);
}

static void test_wfi_without_wakeup(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0xe320f003, /* wfi */
		0xe24ff008, /* sub pc, pc, #8 */
	};
	load(f, code, 2);
	assert_int_equal(vm_run(&f->vm, 1000), VM_ERROR);
	assert_non_null(strstr(f->vm.error, "WFI"));
	assert_null(strchr(f->vm.error, '\n'));
}

static void test_bus_and_timer_wiring(void **state)
{
	struct fixture *f = *state;
	uint32_t v;
	assert_true(vm_bus_read(&f->vm, 0x08000004, 4, &v));
	assert_int_equal(v, 8); /* GICD_TYPER */
	assert_true(vm_bus_read(&f->vm, 0x09000fe0, 4, &v));
	assert_int_equal(v, 0x11); /* UARTPeriphID0 */
	assert_true(vm_bus_read(&f->vm, 0x080100fc, 4, &v));
	assert_int_equal(v, 0x0002043bu);
	assert_false(vm_bus_read(&f->vm, 0x0a000000, 4, &v)); /* nothing there */
	assert_false(vm_bus_write(&f->vm, 0x00000000, 4, 0));

	/* distributor and CPU interface on, PPIs 27 and 30 enabled */
	assert_true(vm_bus_write(&f->vm, 0x08000000, 4, 1));
	assert_true(vm_bus_write(&f->vm, 0x08010000, 4, 1));
	assert_true(vm_bus_write(&f->vm, 0x08010004, 4, 0xf0));
	assert_true(vm_bus_write(&f->vm, 0x08000100, 4, 1u << 27 | 1u << 30));
	kernel_timer_irq(&f->vm, VM_TIMER_VIRT, true);
	assert_true(f->vm.gic.irq_out);
	assert_true(vm_bus_read(&f->vm, 0x08010018, 4, &v));
	assert_int_equal(v, 27);
	/* A level interrupt that rose while enabled stays latched when its
	 * line falls (QEMU's arm_gic does the same); ICPENDR clears it. */
	kernel_timer_irq(&f->vm, VM_TIMER_VIRT, false);
	assert_true(f->vm.gic.irq_out);
	assert_true(vm_bus_write(&f->vm, 0x08000280, 4, 1u << 27));
	assert_false(f->vm.gic.irq_out);
	kernel_timer_irq(&f->vm, VM_TIMER_PHYS, true);
	assert_true(vm_bus_read(&f->vm, 0x0801000c, 4, &v));
	assert_int_equal(v, 30);
	kernel_timer_irq(&f->vm, 99, true); /* no such timer: ignored */

	/* the UART's interrupt is SPI 1 */
	assert_true(vm_bus_write(&f->vm, 0x08000104, 4, 1u << 1));
	assert_true(vm_bus_write(&f->vm, 0x09000038, 4, 0x20)); /* IMSC: TX */
	assert_true(vm_bus_write(&f->vm, 0x09000000, 1, 'x'));
	assert_true(vm_bus_read(&f->vm, 0x08000204, 4, &v));
	assert_int_equal(v, 2);
}

static void test_snapshot_inspect(void **state)
{
	struct fixture *f = *state;
	static const uint32_t code[] = {
		0xe3a05042, /* mov r5, #0x42 */
		0xe24ff008, /* sub pc, pc, #8 */
	};
	load(f, code, 2);
	assert_int_equal(vm_run(&f->vm, 5), VM_LIMIT);

	size_t cap = 4u << 20, json_cap = 1u << 20;
	uint8_t *buf = malloc(cap), *json = malloc(json_cap);
	struct vms_error err = { 0 };
	struct vms_out out;
	vms_out_buffer(&out, buf, cap, &err);
	assert_true(vm_snapshot_write(&f->vm, &out, json, json_cap, &err));
	size_t len = out.len;

	struct snapshot_scratch s = { .arena_cap = 16u << 20, .node_cap = 1u << 16 };
	s.arena = malloc(s.arena_cap);
	s.nodes = malloc(s.node_cap * sizeof(*s.nodes));
	size_t tcap = 1u << 20;
	char *text = malloc(tcap);
	struct vms_out tout;
	vms_out_buffer(&tout, text, tcap - 1, &err);
	if (!snapshot_inspect(buf, len, true, &s, &tout, &err))
		fail_msg("inspect: %s", err.msg);
	text[tout.len] = 0;
	if (getenv("SHOW"))
		fputs(text, stderr);
	assert_non_null(strstr(text, "\"mach-virt.ram\": 1048576"));
	assert_non_null(strstr(text, "\"cpu.0\""));
	assert_non_null(strstr(text, "\"cpu_common.0\""));
	assert_non_null(strstr(text, "\"virt-7.2\""));
	/* r5 = 0x42 = 66 among env.regs */
	assert_non_null(strstr(text, "\"env.regs\": [0, 4294967295, 0, 0, 0, 66, 0,"));
	free(s.arena);
	free(s.nodes);
	free(text);
	free(buf);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_data_processing_loop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_uart_and_system_off, setup, teardown),
		cmocka_unit_test_setup_teardown(test_psci_version_and_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wfi_without_wakeup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bus_and_timer_wiring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_inspect, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
