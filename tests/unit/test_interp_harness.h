/*
 * Shared by the interpreter instruction tests (test_interp_alu.c,
 * test_interp_branch.c, test_interp_t32.c): a struct interp over a RAM
 * buffer at 0x40000000, code loaded at RAM_BASE + 0x1000, VBAR = RAM_BASE.
 */
/* ---- harness: a RAM-backed interpreter, code at RAM_BASE + 0x1000 ---- */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp/interp_internal.h"

#define RAM_BASE 0x40000000u
#define RAM_SIZE 0x100000u
#define CODE     (RAM_BASE + 0x1000u)

static uint8_t *ram;
static struct arm_cpu cpu;
static struct interp *ip;

static int setup(void **state)
{
	(void)state;
	ram = calloc(1, RAM_SIZE);
	memset(&cpu, 0, sizeof(cpu));
	arm_cpsr_write(&cpu, 0x000001d3); /* SVC, A I F masked, ARM */
	cpu.regs[15] = CODE;
	cpu.sys.vbar = RAM_BASE;
	cpu.exclusive_addr = UINT64_MAX;
	ip = calloc(1, interp_size());
	struct interp_bus bus = { .ram = ram, .ram_base = RAM_BASE, .ram_size = RAM_SIZE };
	interp_init(ip, &cpu, &bus);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(ip->pool);
	free(ip->code_map);
	free(ip);
	free(ram);
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

static __attribute__((unused)) void load_a32(const uint32_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put32(CODE + 4 * (uint32_t)i, w[i]);
}

static __attribute__((unused)) void load_t32(const uint16_t *h, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put16(CODE + 2 * (uint32_t)i, h[i]);
	cpu.cpsr_rest |= 1u << 5;
}

static enum interp_exit run(uint64_t n)
{
	return interp_run(ip, n);
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
#define CPSR_Q (1u << 27)
