/*
 * `tern bench`: snapshot throughput on this host. The cpu section of a
 * cortex-a15 encoded and decoded many times; a 64 MiB guest RAM image
 * (mostly zero pages, as a freshly booted guest's is) encoded and decoded
 * into memory the way a restore does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board/host/file.h"
#include "cpu/arm_cpu.h"
#include "cpu/arm_cpu_vmstate.h"
#include "cpu/cpreg.h"
#include "vmstate/stream.h"

#define RAM_BYTES (64u << 20)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bench_cpu(void)
{
	static struct arm_cpu cpu, back;
	static uint8_t buf[16384];
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_in in;
	const int rounds = 200000;

	arm_cpu_reset(&cpu, &cpreg_list_a15);
	for (int i = 0; i < 16; i++)
		cpu.regs[i] = 0x01010101u * (uint32_t)i;
	for (int i = 0; i < 32; i++)
		cpu.vfp.d[i] = 0x0123456789abcdefull ^ (uint64_t)i;

	double t0 = now();
	for (int i = 0; i < rounds; i++) {
		vms_out_buffer(&out, buf, sizeof(buf), &err);
		vms_save(&out, &arm_cpu_vmstate, &cpu, NULL);
	}
	double enc = (now() - t0) / rounds;
	size_t len = out.len;

	arm_cpu_reset(&back, &cpreg_list_a15);
	t0 = now();
	for (int i = 0; i < rounds; i++) {
		vms_in_buffer(&in, buf, len, &err);
		vms_load(&in, &arm_cpu_vmstate, &back, arm_cpu_vmstate.version_id);
	}
	double dec = (now() - t0) / rounds;
	if (err.set)
		tern_die("bench: %s", err.msg);
	if (memcmp(back.regs, cpu.regs, sizeof(cpu.regs)) || back.vfp.d[7] != cpu.vfp.d[7])
		tern_die("bench: cpu section did not round-trip");
	printf("  cpu section encode   %8.3f us   (%zu bytes)       goal < 5 us\n",
	       enc * 1e6, len);
	printf("  cpu section decode   %8.3f us                       goal < 5 us\n",
	       dec * 1e6);
}

struct restore {
	uint8_t *mem;
};

static bool restore_page(void *ctx, unsigned block, uint64_t addr,
			 const uint8_t *data, uint8_t fill)
{
	struct restore *r = ctx;
	if (data)
		memcpy(r->mem + addr, data, VMS_PAGE_SIZE);
	else
		memset(r->mem + addr, fill, VMS_PAGE_SIZE);
	return true;
}

static void bench_ram(void)
{
	uint8_t *ram = calloc(1, RAM_BYTES), *back = malloc(RAM_BYTES);
	size_t cap = RAM_BYTES / 16;
	uint8_t *stream = malloc(cap), *json = malloc(4096);
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_writer w;
	struct vms_ram_block blk = { .name = "mach-virt.ram", .length = RAM_BYTES };
	if (!ram || !back || !stream || !json)
		tern_die("bench: out of memory");
	/* 1% of the pages hold data: code, stacks, a heap. */
	for (size_t p = 0; p < RAM_BYTES / VMS_PAGE_SIZE; p += 100)
		for (size_t i = 0; i < VMS_PAGE_SIZE; i++)
			ram[p * VMS_PAGE_SIZE + i] = (uint8_t)(p * 7 + i);

	const int rounds = 5;
	double t0 = now();
	for (int i = 0; i < rounds; i++) {
		vms_out_buffer(&out, stream, cap, &err);
		vms_writer_begin(&w, &out, json, 4096, &err);
		vms_ram_write_blocks(&w, &blk, 1);
		vms_ram_write_memory(&w, 0, blk.name, ram, RAM_BYTES);
		vms_ram_write_eos(&w);
	}
	double enc = (now() - t0) / rounds;
	size_t len = out.len;

	struct restore r = { back };
	struct vms_ram_ops ops = { .page = restore_page };
	t0 = now();
	for (int i = 0; i < rounds; i++) {
		struct vms_in in;
		struct vms_ram_reader rr;
		vms_in_buffer(&in, stream + 8, len - 8, &err);
		vms_ram_reader_init(&rr);
		vms_ram_read(&in, &rr, &ops, &r);
	}
	double dec = (now() - t0) / rounds;
	if (err.set)
		tern_die("bench: %s", err.msg);
	if (memcmp(ram, back, RAM_BYTES))
		tern_die("bench: RAM did not round-trip");
	printf("  RAM 64 MiB encode    %8.2f GB/s  (1%% data pages, %zu byte stream)  goal > 1 GB/s\n",
	       RAM_BYTES / enc / 1e9, len);
	printf("  RAM 64 MiB decode    %8.2f GB/s                                  goal > 1 GB/s\n",
	       RAM_BYTES / dec / 1e9);
	free(ram);
	free(back);
	free(stream);
	free(json);
}

int bench_main(void)
{
	printf("tern bench: snapshots (QEMU 7.2 format)\n");
	bench_cpu();
	bench_ram();
	return 0;
}
