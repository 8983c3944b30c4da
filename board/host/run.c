/*
 * `tern run GUEST [--max-insns N] [--stats] [--ram MiB] [--save-at N --save-to FILE]`
 * `tern run --restore STREAM [--max-insns N] [--stats] [--save-at N --save-to FILE]`
 *
 * With --restore the guest goes on from a migration stream (tern's, or one
 * QEMU 7.2 wrote for -M virt -cpu cortex-a15): its RAM size is the
 * stream's, instruction counts (--max-insns, --save-at) start at the
 * restore, the generic timer's count goes on from the stream's clock.
 *
 * stdout carries the guest's UART bytes and nothing else; tern's own
 * messages go to stderr. Exit status: 0 when the guest powers off (PSCI
 * SYSTEM_OFF, whatever it passes in r1: QEMU ignores it too) or when
 * --save-at wrote its snapshot; 1 for an error (one line "tern: ...");
 * 2 when --max-insns stopped a guest that was still running.
 * stdin, when it has data, is the UART's receive side.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board/host/file.h"
#include "board/host/run.h"
#include "kernel/restore.h"
#include "kernel/vm.h"

struct host_io {
	int in_fd;
	bool in_tty;
};

static void host_tx(void *ctx, uint8_t c)
{
	putchar(c);
}

static int host_rx(void *ctx)
{
	struct host_io *h = ctx;
	struct pollfd p = { .fd = h->in_fd, .events = POLLIN };
	uint8_t c;
	if (poll(&p, 1, 0) <= 0)
		return -1;
	ssize_t n = read(h->in_fd, &c, 1);
	if (n == 1)
		return c;
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return -1;
	return -2; /* end of input (or an error: no more input either way) */
}

static bool host_wait(void *ctx)
{
	struct host_io *h = ctx;
	struct pollfd p = { .fd = h->in_fd, .events = POLLIN };
	fflush(stdout); /* the guest may be waiting for an answer to it */
	for (;;) {
		int r = poll(&p, 1, -1);
		if (r > 0)
			return true;
		if (r < 0 && errno != EINTR)
			return false;
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t parse_count(const char *opt, const char *s)
{
	char *end;
	if (!s)
		tern_die("run: %s needs a number", opt);
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || !*s || *end || s[0] == '-')
		tern_die("run: %s: '%s' is not a number", opt, s);
	return v;
}

static void save(struct vm *vm, const char *path)
{
	char tmp[4096];
	static uint8_t stage[1 << 16];
	size_t json_cap = 1u << 20;
	uint8_t *json = malloc(json_cap);
	struct vms_error err = { 0 };
	struct vms_out out;
	if (!json)
		tern_die("run: out of memory");
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		tern_die("%s: path too long", path);
	FILE *f = fopen(tmp, "wb");
	if (!f)
		tern_die("%s: %s", tmp, strerror(errno));
	vms_out_file(&out, f, stage, sizeof(stage), &err);
	bool ok = vm_snapshot_write(vm, &out, json, json_cap, &err) && vms_out_flush(&out);
	if (fclose(f) != 0 && ok) {
		ok = false;
		snprintf(err.msg, sizeof(err.msg), "write error: %s", strerror(errno));
	}
	free(json);
	if (!ok) {
		remove(tmp);
		tern_die("%s: %s", path, err.msg[0] ? err.msg : "cannot write the snapshot");
	}
	if (rename(tmp, path) != 0) {
		remove(tmp);
		tern_die("%s: %s", path, strerror(errno));
	}
}

static uint8_t *restore_ram_alloc(void *ctx, uint32_t size)
{
	return calloc(1, size);
}

/* Decode STREAM into *st (RAM from calloc); one line and exit on error. */
static void restore_stream(const char *path, struct vm_state *st)
{
	struct snapshot_scratch s = { .arena_cap = 64u << 20, .node_cap = 1u << 18 };
	struct restore_mem mem = { .ram_alloc = restore_ram_alloc };
	struct vms_error err = { 0 };
	size_t len;
	uint8_t *buf = file_read_all(path, &len);
	s.arena = malloc(s.arena_cap);
	s.nodes = malloc(s.node_cap * sizeof(*s.nodes));
	if (!s.arena || !s.nodes)
		tern_die("run: out of memory");
	if (!restore_decode(buf, len, st, &mem, &s, &err))
		tern_die("%s: %s", path, err.msg);
	free(s.arena);
	free(s.nodes);
	free(buf);
}

int run_main(int argc, char **argv)
{
	const char *guest = NULL, *save_to = NULL, *restore = NULL;
	uint64_t max_insns = UINT64_MAX, save_at = UINT64_MAX;
	uint64_t ram_mib = VM_RAM_DEFAULT >> 20;
	bool stats = false, have_save_at = false, have_ram = false;

	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--max-insns")) {
			max_insns = parse_count(a, v);
			i++;
		} else if (!strcmp(a, "--save-at")) {
			save_at = parse_count(a, v);
			have_save_at = true;
			i++;
		} else if (!strcmp(a, "--save-to")) {
			if (!v)
				tern_die("run: --save-to needs a FILE");
			save_to = v;
			i++;
		} else if (!strcmp(a, "--ram")) {
			ram_mib = parse_count(a, v);
			have_ram = true;
			i++;
		} else if (!strcmp(a, "--stats")) {
			stats = true;
		} else if (!strcmp(a, "--restore")) {
			if (!v)
				tern_die("run: --restore needs a STREAM");
			restore = v;
			i++;
		} else if (a[0] == '-' && a[1]) {
			tern_die("run: unknown option '%s' (try 'tern help')", a);
		} else if (!guest) {
			guest = a;
		} else {
			tern_die("run: one GUEST only ('%s' is extra)", a);
		}
	}
	if (guest && restore)
		tern_die("run: GUEST or --restore STREAM, not both");
	if (restore && have_ram)
		tern_die("run: --ram: a restored guest has the stream's RAM size");
	if (!guest && !restore)
		tern_die("run: no GUEST given (usage: tern run GUEST.elf [--max-insns N] [--stats] "
			 "[--ram MiB] [--save-at N --save-to FILE])");
	if (have_save_at != (save_to != NULL))
		tern_die("run: --save-at N and --save-to FILE go together");
	if (ram_mib == 0 || ram_mib > (VM_RAM_MAX >> 20))
		tern_die("run: --ram %" PRIu64 ": RAM is 1 to %u MiB", ram_mib, VM_RAM_MAX >> 20);

	/* static: reachable until exit (the leak checker of SAN=1 builds) */
	static uint8_t *image, *ram;
	static struct interp *ip;
	static struct vm *vm;
	static struct vm_state saved;
	size_t len = 0;
	uint32_t ram_size = (uint32_t)(ram_mib << 20);
	if (restore) {
		restore_stream(restore, &saved);
		ram = saved.ram;
		ram_size = saved.ram_size;
		guest = restore;
	} else {
		image = file_read_all(guest, &len);
		ram = calloc(1, ram_size);
	}
	ip = calloc(1, interp_size());
	vm = calloc(1, sizeof(*vm));
	if (!ram || !ip || !vm)
		tern_die("run: out of memory for a %" PRIu64 " MiB guest", ram_mib);

	static struct host_io host = { .in_fd = STDIN_FILENO };
	host.in_tty = isatty(STDIN_FILENO);
	struct vm_io io = {
		.uart_tx = host_tx,
		.uart_rx = host_rx,
		.wait_input = host_wait,
		.ctx = &host,
	};
	if (isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IONBF, 0);
	vm_init(vm, ram, ram_size, ip, &io);
	if (restore)
		vm_commit(vm, &saved);
	else if (!vm_load(vm, image, len))
		tern_die("%s: %s", guest, vm->error);

	uint64_t limit = max_insns < save_at ? max_insns : save_at;
	double t0 = now();
	enum vm_status st = vm_run(vm, limit);
	double t = now() - t0;
	fflush(stdout);
	if (stats) {
		uint64_t n = vm_insns(vm);
		fprintf(stderr, "tern: %" PRIu64 " instructions in %.3f s, %.1f MIPS\n", n, t,
			t > 0 ? (double)n / t / 1e6 : 0.0);
	}
	switch (st) {
	case VM_OFF:
		if (have_save_at)
			tern_die("%s: the guest powered off after %" PRIu64
				 " instructions, before --save-at %" PRIu64 "; nothing saved",
				 guest, vm_insns(vm), save_at);
		return 0;
	case VM_LIMIT:
		if (have_save_at && vm_insns(vm) >= save_at) {
			save(vm, save_to);
			return 0;
		}
		fprintf(stderr, "tern: stopped after %" PRIu64 " instructions (--max-insns)\n",
			vm_insns(vm));
		return 2;
	case VM_ERROR:
		tern_die("%s: %s", guest, vm->error);
	default:
		tern_die("%s: stopped", guest);
	}
}
