/*
 * `tern shell [GUEST.elf ...] [--pty] [--ram MiB] [--mem MiB]`: the
 * firmware's UART shell (kernel/shell.c) on a host, over interpreter
 * guests. The console is stdio (a terminal is put in raw mode, as a serial
 * terminal program would), or with --pty a new pseudo-terminal whose path
 * goes to stderr ("tern: shell on /dev/pts/N"), for picocom, sb/rb and
 * `tern uart`. Each GUEST is loaded as guest 1, 2, ... (not started).
 *
 * --mem caps the memory guests may take (RAM, interpreters, images, a
 * restore's scratch RAM), as a board's free RAM would: default 1024 MiB.
 */
/* posix_openpt, grantpt, unlockpt, ptsname: XSI */
#define _XOPEN_SOURCE 600
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "board/host/commands.h"
#include "board/host/file.h"
#include "kernel/shell.h"

#define XFER_CAP   (80u << 20)   /* a 64 MiB guest's stream and then some */
#define JSON_CAP   (1u << 20)
#define ARENA_CAP  (64u << 20)
#define NODE_CAP   (1u << 18)
#define WRITE_STALL_MS 5000      /* nobody reads the pty: drop output */

struct host_console {
	int in_fd, out_fd;
	FILE *trace;          /* TERN_SHELL_TRACE: every byte in and out */
	uint8_t buf[4096];
	size_t pos, len;
	bool eof;
	bool dropping;        /* output is being dropped: nobody reads */
};

static uint32_t host_now_ms(void *ctx)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint32_t)((uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u);
}

static void trace(struct host_console *h, char dir, const uint8_t *p, size_t n)
{
	if (!h->trace)
		return;
	fprintf(h->trace, "%10u %c", host_now_ms(NULL), dir);
	for (size_t i = 0; i < n; i++)
		fprintf(h->trace, (p[i] >= 0x20 && p[i] < 0x7f) ? "%c" : "\\x%02x", p[i]);
	fputc('\n', h->trace);
	fflush(h->trace);
}

static void host_write(void *ctx, const void *p, size_t n)
{
	struct host_console *h = ctx;
	const uint8_t *b = p;
	trace(h, '>', p, n);
	while (n) {
		ssize_t k = write(h->out_fd, b, n);
		if (k > 0) {
			b += k;
			n -= (size_t)k;
			h->dropping = false;
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EAGAIN && !h->dropping) {
			/* A terminal that is not read: wait a while, as a
			 * UART with flow control would, then give up. */
			struct pollfd pf = { .fd = h->out_fd, .events = POLLOUT };
			if (poll(&pf, 1, WRITE_STALL_MS) > 0)
				continue;
		}
		h->dropping = true;
		return;
	}
}

static bool fill(struct host_console *h, int timeout_ms)
{
	if (h->pos < h->len)
		return true;
	if (h->eof)
		return false;
	struct pollfd pf = { .fd = h->in_fd, .events = POLLIN };
	if (poll(&pf, 1, timeout_ms) <= 0)
		return false;
	ssize_t k = read(h->in_fd, h->buf, sizeof(h->buf));
	if (k > 0) {
		h->pos = 0;
		h->len = (size_t)k;
		trace(h, '<', h->buf, h->len);
		return true;
	}
	if (k < 0 && (errno == EAGAIN || errno == EINTR))
		return false;
	h->eof = true; /* end of input, or the line went away (EIO) */
	return false;
}

static int host_getc(void *ctx)
{
	struct host_console *h = ctx;
	if (fill(h, 0))
		return h->buf[h->pos++];
	return h->eof ? -2 : -1;
}

static void host_wait(void *ctx, uint32_t ms)
{
	fill(ctx, (int)(ms > 1000000 ? 1000000 : ms));
}

/* ---- memory: the heap, with a cap as a board has ---- */

struct host_mem {
	size_t used, cap;
};

static void *host_alloc(void *ctx, size_t size)
{
	struct host_mem *m = ctx;
	if (size > m->cap - m->used)
		return NULL;
	void *p = calloc(1, size);
	if (p)
		m->used += size;
	return p;
}

static void host_free(void *ctx, void *p, size_t size)
{
	struct host_mem *m = ctx;
	free(p);
	m->used -= size;
}

/* ---- terminals ---- */

static struct termios saved_tty;
static bool tty_saved;

static void restore_tty(void)
{
	if (tty_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
}

static void make_raw(int fd)
{
	struct termios t;
	if (tcgetattr(fd, &t) != 0)
		return;
	cfmakeraw(&t);
	tcsetattr(fd, TCSANOW, &t);
}

/* A new pty: the master is our console; we keep the slave open too, so
 * that peers (picocom, sb/rb) can come and go without a hang-up. */
static void open_pty(int *master, int *hold)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0)
		tern_die("shell: cannot create a pty: %s", strerror(errno));
	const char *name = ptsname(m);
	if (!name)
		tern_die("shell: cannot name the pty: %s", strerror(errno));
	int s = open(name, O_RDWR | O_NOCTTY);
	if (s < 0)
		tern_die("shell: %s: %s", name, strerror(errno));
	make_raw(s);
	fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);
	fprintf(stderr, "tern: shell on %s\n", name);
	fflush(stderr);
	*master = m;
	*hold = s;
}

static uint64_t parse_mib(const char *opt, const char *s)
{
	char *end;
	if (!s)
		tern_die("shell: %s needs a number of MiB", opt);
	unsigned long long v = strtoull(s, &end, 0);
	if (!*s || *end || s[0] == '-' || v == 0 || v > 65536)
		tern_die("shell: %s: '%s' is not a number of MiB", opt, s);
	return v;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

int host_shell_main(int argc, char **argv)
{
	const char *paths[GUESTS_MAX];
	unsigned npaths = 0;
	bool pty = false;
	uint64_t ram_mib = VM_RAM_DEFAULT >> 20, mem_mib = 1024;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--pty")) {
			pty = true;
		} else if (!strcmp(a, "--ram")) {
			ram_mib = parse_mib(a, v);
			i++;
		} else if (!strcmp(a, "--mem")) {
			mem_mib = parse_mib(a, v);
			i++;
		} else if (a[0] == '-' && a[1]) {
			tern_die("shell: unknown option '%s' (try 'tern help')", a);
		} else if (npaths == GUESTS_MAX) {
			tern_die("shell: at most %u guests", GUESTS_MAX);
		} else {
			paths[npaths++] = a;
		}
	}
	if (ram_mib > (VM_RAM_MAX >> 20))
		tern_die("shell: --ram %" PRIu64 ": RAM is 1 to %u MiB", ram_mib, VM_RAM_MAX >> 20);

	/* static: reachable until exit (the leak checker of SAN=1 builds) */
	static struct host_console con;
	static struct host_mem hmem;
	static struct guests gs;
	static struct shell sh;
	static struct shell_mem smem;
	hmem.cap = (size_t)(mem_mib << 20);
	smem.xfer_cap = XFER_CAP;
	smem.xfer = malloc(smem.xfer_cap);
	smem.json_cap = JSON_CAP;
	smem.json = malloc(smem.json_cap);
	smem.scratch.arena_cap = ARENA_CAP;
	smem.scratch.arena = malloc(ARENA_CAP);
	smem.scratch.node_cap = NODE_CAP;
	smem.scratch.nodes = malloc(NODE_CAP * sizeof(*smem.scratch.nodes));
	if (!smem.xfer || !smem.json || !smem.scratch.arena || !smem.scratch.nodes)
		tern_die("shell: out of memory");

	struct shell_console sc = {
		.write = host_write,
		.read_byte = host_getc,
		.now_ms = host_now_ms,
		.wait = host_wait,
		.ctx = &con,
	};
	int hold = -1;
	if (getenv("TERN_SHELL_TRACE"))
		con.trace = fopen(getenv("TERN_SHELL_TRACE"), "w");
	if (pty) {
		open_pty(&con.in_fd, &hold);
		con.out_fd = con.in_fd;
		sc.crlf = sc.ansi = true;
	} else {
		con.in_fd = STDIN_FILENO;
		con.out_fd = STDOUT_FILENO;
		if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tty) == 0) {
			tty_saved = true;
			atexit(restore_tty);
			make_raw(STDIN_FILENO);
			sc.crlf = sc.ansi = true;
		}
	}
	struct guests_mem gm = { .alloc = host_alloc, .free = host_free, .ctx = &hmem };
	guests_init(&gs, &guests_exec_interp, &gm, shell_guest_line, &sh, (uint32_t)(ram_mib << 20));
	struct shell_config cfg = {
		.banner = "tern shell on host (interpreter)",
		.can_quit = true,
	};
	shell_init(&sh, &sc, &smem, &gs, &cfg);

	for (unsigned i = 0; i < npaths; i++) {
		size_t len;
		char err[256];
		uint8_t *img = file_read_all(paths[i], &len);
		if (!guests_load(&gs, i + 1, base_name(paths[i]), img, len, err, sizeof(err)))
			tern_die("%s: %s", paths[i], err);
		free(img);
	}
	shell_run(&sh);
	for (unsigned id = 1; id <= GUESTS_MAX; id++) {
		char err[256];
		if (guests_get(&gs, id)->state != GUEST_EMPTY)
			guests_rm(&gs, id, err, sizeof(err));
	}
	if (hold >= 0)
		close(hold);
	free(smem.xfer);
	free(smem.json);
	free(smem.scratch.arena);
	free(smem.scratch.nodes);
	return 0;
}
