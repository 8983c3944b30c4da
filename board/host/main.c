/*
 * tern on a host: the command line. Guest output goes to stdout, tern's own
 * messages to stderr; every error is one line "tern: ..." and status 1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board/host/commands.h"
#include "board/host/file.h"
#include "board/host/run.h"
#include "kernel/snapshot_tools.h"

#define TERN_VERSION "0.1"

static void usage(FILE *f)
{
	fputs("usage: tern COMMAND [ARGS]\n"
	      "\n"
	      "  run GUEST [--max-insns N] [--stats] [--ram MiB] [--save-at N --save-to FILE]\n"
	      "                              run a guest (ELF or raw image); its UART on stdio\n"
	      "  run --restore STREAM [--max-insns N] [--stats] [--save-at N --save-to FILE]\n"
	      "                              go on from a snapshot (tern's or QEMU's stream)\n"
	      "  inspect [--json] STREAM     decode a migration stream (QEMU's or tern's)\n"
	      "  convert STREAM OUT [--set SECTION:FIELD[I]=VALUE ...]\n"
	      "                              decode and re-encode; with --set, change a value\n"
	      "                              first (e.g. --set 'cpu.0:env.regs[5]=0x42')\n"
	      "  shell [GUEST ...] [--pty] [--ram MiB] [--mem MiB]\n"
	      "                              the firmware's UART shell on stdio (--pty: on a\n"
	      "                              new pty, its path on stderr); GUESTs loaded as 1, 2..\n"
	      "  uart save --port DEV [--baud N] N > SNAP\n"
	      "                              save guest N of a shell on DEV (serial line, pty)\n"
	      "  uart restore --port DEV [--baud N] N < SNAP\n"
	      "                              restore guest N of a shell on DEV\n"
	      "  uart decode [LOG] > SNAP    the last snapshot frame of a console log\n"
	      "  bench                       snapshot encode/decode throughput\n"
	      "  help                        this text\n"
	      "  version                     tern's version\n"
	      "\n"
	      "Streams are QEMU 7.2 migration streams (qemu-system-arm -M virt -cpu\n"
	      "cortex-a15). See docs/snapshots.md and docs/shell.md.\n",
	      f);
}

/* Scratch for decoding: descriptions from JSON, section blobs, output JSON. */
static void scratch_init(struct snapshot_scratch *s)
{
	s->arena_cap = 64u << 20;
	s->arena = malloc(s->arena_cap);
	s->node_cap = 1u << 18;
	s->nodes = malloc(s->node_cap * sizeof(*s->nodes));
	if (!s->arena || !s->nodes)
		tern_die("out of memory");
}

struct membuf {
	uint8_t *data;
	size_t len, cap;
};

static bool membuf_flush(void *ctx, const uint8_t *p, size_t n)
{
	struct membuf *m = ctx;
	if (m->len + n > m->cap) {
		size_t cap = m->cap ? m->cap : 1u << 20;
		while (cap < m->len + n)
			cap *= 2;
		uint8_t *d = realloc(m->data, cap);
		if (!d)
			return false;
		m->data = d;
		m->cap = cap;
	}
	memcpy(m->data + m->len, p, n);
	m->len += n;
	return true;
}

static int tool_inspect(const char *path, bool json)
{
	struct snapshot_scratch s;
	struct vms_error err = { 0 };
	struct vms_out out;
	static uint8_t stage[1 << 16];
	size_t len;
	uint8_t *buf = file_read_all(path, &len);
	scratch_init(&s);
	vms_out_file(&out, stdout, stage, sizeof(stage), &err);
	if (!snapshot_inspect(buf, len, json, &s, &out, &err)) {
		vms_out_flush(&out);
		fflush(stdout);
		tern_die("%s: %s", path, err.msg);
	}
	free(buf);
	free(s.arena);
	free(s.nodes);
	return 0;
}

static int tool_convert(const char *in, const char *outpath, const char **set_text,
			unsigned nsets)
{
	static struct snapshot_set sets[32];
	struct snapshot_scratch s;
	struct vms_error err = { 0 };
	struct vms_out out;
	struct membuf mem = { 0 };
	static uint8_t stage[1 << 16];
	size_t len;
	if (nsets > 32)
		tern_die("convert: at most 32 --set options");
	for (unsigned i = 0; i < nsets; i++)
		if (!snapshot_set_parse(set_text[i], &sets[i], &err))
			tern_die("convert: %s", err.msg);
	uint8_t *buf = file_read_all(in, &len);
	scratch_init(&s);
	vms_out_callback(&out, membuf_flush, &mem, stage, sizeof(stage), &err);
	if (!snapshot_convert(buf, len, sets, nsets, &s, &out, &err) ||
	    !vms_out_flush(&out))
		tern_die("%s: %s", in, err.msg);
	file_write_all(outpath, mem.data, mem.len);
	free(mem.data);
	free(buf);
	free(s.arena);
	free(s.nodes);
	return 0;
}

void tern_die(const char *fmt, ...)
{
	va_list ap;
	fputs("tern: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static int cmd_inspect(int argc, char **argv)
{
	bool json = false;
	const char *path = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			tern_die("inspect: unknown option '%s' (try 'tern help')", argv[i]);
		else if (!path)
			path = argv[i];
		else
			tern_die("inspect: one STREAM only ('%s' is extra)", argv[i]);
	}
	if (!path)
		tern_die("inspect: no STREAM given (usage: tern inspect [--json] STREAM)");
	return tool_inspect(path, json);
}

static int cmd_convert(int argc, char **argv)
{
	const char *paths[2] = { 0 };
	const char *sets[64];
	unsigned npaths = 0, nsets = 0;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--set")) {
			if (i + 1 >= argc)
				tern_die("convert: --set needs SECTION:FIELD[I]=VALUE");
			if (nsets == sizeof(sets) / sizeof(sets[0]))
				tern_die("convert: too many --set options");
			sets[nsets++] = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			tern_die("convert: unknown option '%s' (try 'tern help')", argv[i]);
		} else if (npaths < 2) {
			paths[npaths++] = argv[i];
		} else {
			tern_die("convert: too many arguments ('%s')", argv[i]);
		}
	}
	if (npaths != 2)
		tern_die("convert: usage: tern convert STREAM OUT [--set SECTION:FIELD[I]=VALUE]");
	return tool_convert(paths[0], paths[1], sets, nsets);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("tern %s\n", TERN_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return run_main(argc - 2, argv + 2);
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(argc - 2, argv + 2);
	if (!strcmp(cmd, "convert"))
		return cmd_convert(argc - 2, argv + 2);
	if (!strcmp(cmd, "shell"))
		return host_shell_main(argc - 2, argv + 2);
	if (!strcmp(cmd, "uart"))
		return host_uart_main(argc - 2, argv + 2);
	if (!strcmp(cmd, "bench"))
		return bench_main();
	tern_die("unknown command '%s' (try 'tern help')", cmd);
	return 1;
}
