/*
 * `tern uart`: the host's side of the shell's transfers, over a serial
 * line or a pty (a board's UART, QEMU's -serial pty, `tern shell --pty`):
 *
 *   tern uart save --port DEV [--baud N] N > snap.bin     save N, decoded
 *   tern uart restore --port DEV [--baud N] N < snap.bin  restore N
 *   tern uart decode [LOG] > snap.bin   the last snapshot frame of a
 *                                       console log (picocom -g, screen -L)
 *
 * The frames are decoded and checked by the firmware's own decoder
 * (kernel/frame.c). Errors, the shell's included, are one line on stderr
 * and status 1.
 */
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
#include "kernel/frame.h"
#include "kernel/guests.h"

#define ANSWER_MS   15000   /* the shell takes up a command */
#define FRAME_MS    30000   /* between two lines of a frame */
#define RESULT_MS  120000   /* a restore is decoded and committed */

static uint64_t uart_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- lines from a console ---- */

struct reader {
	int fd;
	FILE *f;                /* a log file instead of a port */
	uint8_t buf[4096];
	size_t pos, len;
	bool eof;
};

static int reader_byte(struct reader *r, uint64_t deadline)
{
	while (r->pos == r->len) {
		if (r->eof)
			return -2;
		if (r->f) {
			r->len = fread(r->buf, 1, sizeof(r->buf), r->f);
			r->pos = 0;
			if (!r->len)
				r->eof = true;
			continue;
		}
		uint64_t t = uart_now_ms();
		if (t >= deadline)
			return -1;
		struct pollfd pf = { .fd = r->fd, .events = POLLIN };
		int k = poll(&pf, 1, (int)(deadline - t));
		if (k < 0 && errno != EINTR)
			return -2;
		if (k <= 0)
			continue;
		ssize_t n = read(r->fd, r->buf, sizeof(r->buf));
		if (n <= 0) {
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			r->eof = true;
			continue;
		}
		r->pos = 0;
		r->len = (size_t)n;
	}
	return r->buf[r->pos++];
}

/*
 * The next line as a person would see it: no "\r", no escape sequences
 * (the shell's erase-line), no leading prompt. Its length (it may exceed
 * cap - 1: then only the start is kept), -1 on timeout, -2 at the end.
 */
static long read_line(struct reader *r, char *line, size_t cap, uint64_t deadline)
{
	size_t n = 0;
	int esc = 0;
	for (;;) {
		int c = reader_byte(r, deadline);
		if (c < 0) {
			if (c == -2 && n)
				break;
			return c;
		}
		if (esc) {
			if (esc == 1)
				esc = c == '[' ? 2 : 0;
			else if (c >= 0x40 && c <= 0x7e)
				esc = 0;
			continue;
		}
		if (c == 0x1b) {
			esc = 1;
			continue;
		}
		if (c == '\r')
			continue;
		if (c == '\n')
			break;
		if (n < cap - 1)
			line[n] = (char)c;
		n++;
	}
	size_t kept = n < cap - 1 ? n : cap - 1;
	line[kept] = 0;
	static const char prompt[] = "tern> ";
	while (kept >= sizeof(prompt) - 1 && !memcmp(line, prompt, sizeof(prompt) - 1)) {
		memmove(line, line + sizeof(prompt) - 1, kept - (sizeof(prompt) - 1) + 1);
		kept -= sizeof(prompt) - 1;
		n -= sizeof(prompt) - 1;
	}
	return (long)n;
}

/* ---- the port ---- */

static speed_t baud_speed(unsigned long baud)
{
	switch (baud) {
	case 9600: return B9600;
	case 19200: return B19200;
	case 38400: return B38400;
	case 57600: return B57600;
	case 115200: return B115200;
	case 230400: return B230400;
	case 460800: return B460800;
	case 921600: return B921600;
	default: tern_die("uart: --baud %lu: use 9600 to 921600", baud);
	}
}

static int open_port(const char *path, unsigned long baud)
{
	int fd = open(path, O_RDWR | O_NOCTTY);
	struct termios t;
	if (fd < 0)
		tern_die("uart: %s: %s", path, strerror(errno));
	if (tcgetattr(fd, &t) != 0)
		tern_die("uart: %s: not a serial line or pty", path);
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	cfsetispeed(&t, baud_speed(baud));
	cfsetospeed(&t, baud_speed(baud));
	if (tcsetattr(fd, TCSANOW, &t) != 0)
		tern_die("uart: %s: %s", path, strerror(errno));
	tcflush(fd, TCIFLUSH); /* what the shell said before is not the answer */
	return fd;
}

static void port_write(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n) {
		ssize_t k = write(fd, b, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			tern_die("uart: write: %s", strerror(errno));
		b += k;
		n -= (size_t)k;
	}
}

static void port_put(void *ctx, const char *s, size_t n)
{
	port_write(*(int *)ctx, s, n);
}

/* Ctrl-U clears what someone may have typed, then the command. */
static void send_command(int fd, const char *cmd)
{
	port_write(fd, "\x15", 1);
	port_write(fd, cmd, strlen(cmd));
	port_write(fd, "\r", 1);
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* ---- frames ---- */

/* Decode the frame whose header is `header`, reading its other lines
 * from r. The bytes (malloc'd) or NULL with the decoder's reason. */
static uint8_t *decode_frame(struct reader *r, const char *header, long hlen,
			     size_t *len, char *why, size_t whycap, uint64_t line_ms)
{
	unsigned long long n = 0;
	const char *p = strstr(header, "len=");
	struct frame_dec d;
	char line[FRAME_MAX_LINE + 2];
	if (p)
		n = strtoull(p + 4, NULL, 10);
	if (n > (1ull << 32)) {
		snprintf(why, whycap, "header: len=%llu is not a snapshot's size", n);
		return NULL;
	}
	uint8_t *buf = malloc(n ? n : 1);
	if (!buf)
		tern_die("uart: out of memory for %llu bytes", n);
	frame_dec_init(&d, "snapshot", buf, n);
	enum frame_status st = frame_dec_line(&d, header, (size_t)hlen);
	while (st == FRAME_MORE) {
		long k = read_line(r, line, sizeof(line), uart_now_ms() + line_ms);
		if (k < 0) {
			snprintf(why, whycap, "the frame stopped after %u lines", d.line);
			free(buf);
			return NULL;
		}
		st = frame_dec_line(&d, line, (size_t)k);
	}
	if (st == FRAME_ERROR) {
		snprintf(why, whycap, "%s", d.error);
		free(buf);
		return NULL;
	}
	*len = d.got;
	return buf;
}

static void write_stdout(const uint8_t *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n || fflush(stdout) != 0)
		tern_die("uart: stdout: %s", strerror(errno));
}

/* ---- the commands ---- */

static int uart_save(int fd, unsigned id)
{
	struct reader r = { .fd = fd };
	char line[512], cmd[32], why[200];
	size_t len;
	snprintf(cmd, sizeof(cmd), "save %u", id);
	send_command(fd, cmd);
	uint64_t deadline = uart_now_ms() + ANSWER_MS;
	for (;;) {
		long k = read_line(&r, line, sizeof(line), deadline);
		if (k == -1)
			tern_die("uart save %u: no answer from the shell in %d s", id, ANSWER_MS / 1000);
		if (k == -2)
			tern_die("uart save %u: the line closed", id);
		if (starts(line, "error: "))
			tern_die("uart save %u: %s", id, line + 7);
		if (frame_is_header("snapshot", line, (size_t)k))
			break;
	}
	uint8_t *buf = decode_frame(&r, line, (long)strlen(line), &len, why, sizeof(why),
				    FRAME_MS);
	if (!buf)
		tern_die("uart save %u: %s", id, why);
	write_stdout(buf, len);
	free(buf);
	return 0;
}

static int uart_restore(int fd, unsigned id)
{
	struct reader r = { .fd = fd };
	char line[512], cmd[32], want[64];
	size_t len;
	uint8_t *data = file_read_all("/dev/stdin", &len);
	snprintf(cmd, sizeof(cmd), "restore %u", id);
	send_command(fd, cmd);
	/* The shell says it is listening (or why not) before the frame goes. */
	snprintf(want, sizeof(want), "restore: guest %u: paste", id);
	uint64_t deadline = uart_now_ms() + ANSWER_MS;
	for (;;) {
		long k = read_line(&r, line, sizeof(line), deadline);
		if (k < 0)
			tern_die("uart restore %u: no answer from the shell", id);
		if (starts(line, "error: "))
			tern_die("uart restore %u: %s", id, line + 7);
		if (starts(line, want))
			break;
	}
	frame_encode("snapshot", data, len, "\r\n", port_put, &fd);
	free(data);
	snprintf(want, sizeof(want), "restore: guest %u restored", id);
	deadline = uart_now_ms() + RESULT_MS;
	for (;;) {
		long k = read_line(&r, line, sizeof(line), deadline);
		if (k < 0)
			tern_die("uart restore %u: no answer from the shell after the frame", id);
		if (starts(line, "error: "))
			tern_die("uart restore %u: %s", id, line + 7);
		if (starts(line, want))
			return 0;
	}
}

/* The last whole snapshot frame in a log. */
static int uart_decode(const char *path)
{
	FILE *f = path ? fopen(path, "rb") : stdin;
	char line[512], why[200] = "no 'tern-snapshot v1' frame in it";
	uint8_t *best = NULL;
	size_t best_len = 0;
	if (!f)
		tern_die("uart decode: %s: %s", path, strerror(errno));
	struct reader r = { .f = f };
	for (;;) {
		long k = read_line(&r, line, sizeof(line), UINT64_MAX);
		if (k < 0)
			break;
		if (!frame_is_header("snapshot", line, (size_t)k))
			continue;
		size_t len;
		uint8_t *buf = decode_frame(&r, line, k, &len, why, sizeof(why), UINT64_MAX);
		if (buf) {
			free(best);
			best = buf;
			best_len = len;
		}
	}
	if (path)
		fclose(f);
	if (!best)
		tern_die("uart decode: %s: %s", path ? path : "stdin", why);
	write_stdout(best, best_len);
	free(best);
	return 0;
}

static unsigned parse_id(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v < 1 || v > GUESTS_MAX)
		tern_die("uart: '%s' is not a guest number (1 to %u)", s, GUESTS_MAX);
	return (unsigned)v;
}

int host_uart_main(int argc, char **argv)
{
	const char *port = NULL, *id_text = NULL, *log = NULL;
	unsigned long baud = 115200;
	if (argc < 1)
		tern_die("uart: usage: tern uart save|restore --port DEV N, tern uart decode [LOG]");
	const char *what = argv[0];
	bool decode = !strcmp(what, "decode");
	if (!decode && strcmp(what, "save") && strcmp(what, "restore"))
		tern_die("uart: '%s': expected save, restore or decode", what);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--port") && !decode) {
			if (!v)
				tern_die("uart: --port needs a DEV");
			port = v;
			i++;
		} else if (!strcmp(a, "--baud") && !decode) {
			char *end;
			if (!v || !*v || (baud = strtoul(v, &end, 10), *end))
				tern_die("uart: --baud needs a number");
			i++;
		} else if (a[0] == '-' && a[1]) {
			tern_die("uart %s: unknown option '%s' (try 'tern help')", what, a);
		} else if (decode && !log) {
			log = a;
		} else if (!decode && !id_text) {
			id_text = a;
		} else {
			tern_die("uart %s: too many arguments ('%s')", what, a);
		}
	}
	if (decode)
		return uart_decode(log);
	if (!port || !id_text)
		tern_die("uart %s: usage: tern uart %s --port DEV [--baud N] N", what, what);
	unsigned id = parse_id(id_text);
	int fd = open_port(port, baud);
	int rc = !strcmp(what, "save") ? uart_save(fd, id) : uart_restore(fd, id);
	close(fd);
	return rc;
}
