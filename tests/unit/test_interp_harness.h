/*
 * Shared by the interpreter unit tests (test_interp_*.c): a struct interp
 * over a RAM buffer at RAM_BASE, instruction words written into it, run,
 * registers and memory read back.
 *
 * A test may define, before including this file:
 *   RAM_SIZE        the RAM's size (default 1 MiB)
 *   CODE            where load_a32()/load_t32() put code and the PC starts
 *                   (default RAM_BASE + 0x1000)
 *   VBAR            the vector base (default RAM_BASE)
 *   HARNESS_DEVICE  a device at DEV that answers every access; without it
 *                   nothing answers outside RAM. HOLE is never mapped: an
 *                   access there is an external abort.
 *
 * setup()/teardown() give each test a fresh interpreter. A test that needs
 * more state before the interpreter starts calls harness_reset(), sets it
 * (CPU registers, page tables in RAM, `bus`), then harness_start().
 */
#ifndef TEST_INTERP_HARNESS_H
#define TEST_INTERP_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp/interp_internal.h"

#define RAM_BASE 0x40000000u
#ifndef RAM_SIZE
#define RAM_SIZE 0x100000u
#endif
#ifndef CODE
#define CODE     (RAM_BASE + 0x1000u)
#endif
#ifndef VBAR
#define VBAR     RAM_BASE
#endif
#define DATA     (RAM_BASE + 0x8000u) /* a data area, clear of CODE */
#define DEV      0x0a000000u          /* HARNESS_DEVICE: answers */
#define HOLE     0x0b000000u          /* nothing there: external abort */
#define CPSR_T   (1u << 5)
#define CPSR_Q   (1u << 27)

static uint8_t ram[RAM_SIZE];
static struct arm_cpu cpu;
static struct interp *ip;
static struct interp_bus bus;

#ifdef HARNESS_DEVICE
static uint32_t dev_pa, dev_val; /* the last write the device took */

/* Reads return 0xd0000000 | size << 16 | the offset. */
static bool dev_read(void *ctx, uint32_t pa, unsigned size, uint32_t *val)
{
	(void)ctx;
	if (pa - DEV >= 0x1000)
		return false;
	*val = 0xd0000000u | size << 16 | (pa & 0xfff);
	return true;
}

static bool dev_write(void *ctx, uint32_t pa, unsigned size, uint32_t val)
{
	(void)ctx;
	(void)size;
	if (pa - DEV >= 0x1000)
		return false;
	dev_pa = pa;
	dev_val = val;
	return true;
}
#endif

/* RAM zeroed; the CPU in SVC with A, I, F masked, ARM state, flags clear,
 * the exclusive monitor open, PC at CODE; the bus as configured above. */
static void harness_reset(void)
{
	memset(ram, 0, sizeof(ram));
	memset(&cpu, 0, sizeof(cpu));
	arm_cpsr_write(&cpu, 0x000001d3);
	cpu.regs[15] = CODE;
	cpu.sys.vbar = VBAR;
	cpu.exclusive_addr = UINT64_MAX;
	bus = (struct interp_bus){ .ram = ram, .ram_base = RAM_BASE, .ram_size = RAM_SIZE };
#ifdef HARNESS_DEVICE
	bus.read = dev_read;
	bus.write = dev_write;
#endif
}

/* (Re)start the interpreter over `cpu` and `bus`, with an empty code cache. */
static void harness_start(void)
{
	if (!ip)
		ip = calloc(1, interp_size());
	interp_init(ip, &cpu, &bus);
}

static __attribute__((unused)) int setup(void **state)
{
	(void)state;
	harness_reset();
	harness_start();
	return 0;
}

static __attribute__((unused)) int teardown(void **state)
{
	(void)state;
	interp_free(ip);
	free(ip);
	ip = NULL;
	return 0;
}

static __attribute__((unused)) void put32(uint32_t addr, uint32_t v)
{
	memcpy(ram + (addr - RAM_BASE), &v, 4);
}

static __attribute__((unused)) uint32_t get32(uint32_t addr)
{
	uint32_t v;
	memcpy(&v, ram + (addr - RAM_BASE), 4);
	return v;
}

static __attribute__((unused)) void put16(uint32_t addr, uint16_t v)
{
	memcpy(ram + (addr - RAM_BASE), &v, 2);
}

/* Code at CODE, the PC on it, ARM or Thumb state, the code cache flushed. */
static __attribute__((unused)) void load_a32(const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put32(CODE + 4 * (uint32_t)i, w[i]);
	cpu.regs[15] = CODE;
	cpu.cpsr_rest &= ~CPSR_T;
	interp_flush(ip);
}

static __attribute__((unused)) void load_t32(const uint16_t *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put16(CODE + 2 * (uint32_t)i, h[i]);
	cpu.regs[15] = CODE;
	cpu.cpsr_rest |= CPSR_T;
	interp_flush(ip);
}

static __attribute__((unused)) enum interp_exit run(uint64_t n)
{
	return interp_run(ip, n);
}

/* Run n instructions; all of them must retire (no WFI, HVC or fatal exit). */
static __attribute__((unused)) void run_all(uint64_t n)
{
	assert_int_equal(run(n), INTERP_EXIT_BUDGET);
}

/* A data abort taken from the A32 instruction at `pc`. */
static __attribute__((unused)) void assert_dabt(uint32_t pc, uint32_t far, uint32_t dfsr)
{
	assert_int_equal(cpu.cpsr_rest & ARM_CPSR_M, ARM_MODE_ABT);
	assert_int_equal(cpu.regs[15], VBAR + 0x10);
	assert_int_equal(cpu.regs[14], pc + 8);
	assert_int_equal(cpu.sys.dfar, far);
	assert_int_equal(cpu.sys.dfsr, dfsr);
}

static __attribute__((unused)) uint32_t nzcv(void)
{
	return arm_cpsr_read(&cpu) >> 28;
}

static __attribute__((unused)) void set_nzcv(uint32_t f)
{
	arm_cpsr_write(&cpu, (arm_cpsr_read(&cpu) & 0x0fffffffu) | f << 28);
}

#define LOAD_A32(...) do { static const uint32_t c_[] = { __VA_ARGS__ }; load_a32(c_, sizeof(c_) / 4); } while (0)
#define LOAD_T32(...) do { static const uint16_t c_[] = { __VA_ARGS__ }; load_t32(c_, sizeof(c_) / 2); } while (0)

#endif
