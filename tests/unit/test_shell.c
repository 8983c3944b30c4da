/*
 * The UART shell (kernel/shell.c) on a fake console: the line editor
 * (echo, backspace, Ctrl-U, Ctrl-C, arrow keys), the command table's
 * one-line errors, guest output as whole "[N] ..." lines that give the
 * prompt back with what was typed, and save/restore through text frames:
 * a frame restores a guest, a damaged one is refused in one line and the
 * guest is exactly as it was, the rest of a refused frame is not taken
 * for commands, a guest that does not fit is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/frame.h"
#include "kernel/shell.h"

struct fake {
	char *out;             /* everything the shell wrote */
	size_t out_len, out_cap, taken;
	const char *in;        /* input not read yet */
	size_t in_len;
	uint32_t clock;        /* ms, moved by the tests */
	size_t mem_used, mem_cap;
	struct guests gs;
	struct shell sh;
	struct shell_mem smem;
};

static void con_write(void *ctx, const void *p, size_t n)
{
	struct fake *f = ctx;
	if (f->out_len + n + 1 > f->out_cap) {
		f->out_cap = (f->out_len + n + 1) * 2;
		f->out = realloc(f->out, f->out_cap);
	}
	memcpy(f->out + f->out_len, p, n);
	f->out_len += n;
	f->out[f->out_len] = 0;
}

static int con_read(void *ctx)
{
	struct fake *f = ctx;
	if (!f->in_len)
		return -1;
	f->in_len--;
	return (uint8_t)*f->in++;
}

static uint32_t con_now(void *ctx)
{
	return ((struct fake *)ctx)->clock;
}

static void *mem_alloc(void *ctx, size_t size)
{
	struct fake *f = ctx;
	if (size > f->mem_cap - f->mem_used)
		return NULL;
	f->mem_used += size;
	return calloc(1, size);
}

static void mem_free(void *ctx, void *p, size_t size)
{
	struct fake *f = ctx;
	f->mem_used -= size;
	free(p);
}

#define RAM (1u << 20)

static int setup(void **state)
{
	struct fake *f = calloc(1, sizeof(*f));
	f->mem_cap = 64u << 20;
	struct shell_console con = {
		.write = con_write,
		.read_byte = con_read,
		.now_ms = con_now,
		.ctx = f,
		.crlf = true,
		.ansi = true,
	};
	f->smem.xfer_cap = 4u << 20;
	f->smem.xfer = malloc(f->smem.xfer_cap);
	f->smem.json_cap = 1u << 20;
	f->smem.json = malloc(f->smem.json_cap);
	f->smem.scratch.arena_cap = 16u << 20;
	f->smem.scratch.arena = malloc(f->smem.scratch.arena_cap);
	f->smem.scratch.node_cap = 1u << 16;
	f->smem.scratch.nodes = malloc(f->smem.scratch.node_cap * sizeof(*f->smem.scratch.nodes));
	struct guests_mem gm = { .alloc = mem_alloc, .free = mem_free, .ctx = f };
	guests_init(&f->gs, &guests_exec_interp, &gm, shell_guest_line, &f->sh, RAM);
	struct shell_config cfg = { .banner = "tern test" };
	shell_init(&f->sh, &con, &f->smem, &f->gs, &cfg);
	shell_start(&f->sh);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fake *f = *state;
	char err[200];
	for (unsigned id = 1; id <= GUESTS_MAX; id++)
		if (guests_get(&f->gs, id)->state != GUEST_EMPTY)
			guests_rm(&f->gs, id, err, sizeof(err));
	assert_int_equal(f->mem_used, 0);
	free(f->smem.xfer);
	free(f->smem.json);
	free(f->smem.scratch.arena);
	free(f->smem.scratch.nodes);
	free(f->out);
	free(f);
	return 0;
}

/* Type `s` and give the shell a turn. */
static void type(struct fake *f, const char *s)
{
	f->in = s;
	f->in_len = strlen(s);
	shell_poll(&f->sh);
	assert_int_equal(f->in_len, 0);
}

/* Output since the last take (raw). */
static char *take(struct fake *f)
{
	char *s = strdup(f->out ? f->out + f->taken : "");
	f->taken = f->out_len;
	return s;
}

/* Forget the output so far. */
static void drop_output(struct fake *f)
{
	f->taken = f->out_len;
}

/* The lines a terminal would show for `raw`: after the last "\r" of
 * each line, without "ESC [ K", without a leading prompt; blank ones
 * dropped. Returns the count; lines in out[]. */
static unsigned screen_lines(const char *raw, char out[][256], unsigned max)
{
	unsigned n = 0;
	const char *p = raw;
	while (*p && n < max) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), full = len;
		char line[256];
		size_t k = 0;
		if (len && p[len - 1] == '\r')
			len--; /* the line end, not a return to its start */
		for (size_t i = 0; i < len && k < sizeof(line) - 1; i++) {
			if (p[i] == '\r') {
				k = 0;
				continue;
			}
			if (p[i] == 0x1b && i + 2 < len && p[i + 1] == '[' && p[i + 2] == 'K') {
				i += 2;
				continue;
			}
			line[k++] = p[i];
		}
		line[k] = 0;
		const char *l = line;
		while (!strncmp(l, "tern> ", 6))
			l += 6;
		if (*l)
			memcpy(out[n++], l, strlen(l) + 1);
		p += full + (nl ? 1 : 0);
	}
	return n;
}

/* Run `cmd` (with Enter); the lines it printed, its echo excluded. */
static unsigned run(struct fake *f, const char *cmd, char out[][256], unsigned max)
{
	char buf[300];
	drop_output(f);
	snprintf(buf, sizeof(buf), "%s\r", cmd);
	type(f, buf);
	char *raw = take(f);
	unsigned n = screen_lines(raw, out, max);
	free(raw);
	/* the first line is the echo of the command */
	assert_true(n >= 1);
	assert_string_equal(out[0], cmd);
	memmove(out, out + 1, (n - 1) * sizeof(out[0]));
	return n - 1;
}

static void expect_one_error(struct fake *f, const char *cmd, const char *what)
{
	char lines[16][256];
	unsigned n = run(f, cmd, lines, 16);
	if (n != 1)
		fail_msg("'%s': %u lines, want one error line", cmd, n);
	if (strncmp(lines[0], "error: ", 7) || !strstr(lines[0], what))
		fail_msg("'%s': '%s' is not an error saying '%s'", cmd, lines[0], what);
}

/* ---- guests: raw A32 images at 0x40010000 ---- */

/* prints "hi", sets r5 = 0x1234, spins */
static const uint32_t hello[] = {
	0xe3001000, /* movw r1, #0 */
	0xe3401900, /* movt r1, #0x0900: the PL011 */
	0xe3a00068, /* mov r0, #'h' */
	0xe5810000, /* str r0, [r1] */
	0xe3a00069, /* mov r0, #'i' */
	0xe5810000, /* str r0, [r1] */
	0xe3a0000a, /* mov r0, #'\n' */
	0xe5810000, /* str r0, [r1] */
	0xe3015234, /* movw r5, #0x1234 */
	0xeafffffe, /* b . */
};

static void load(struct fake *f, unsigned id, const uint32_t *words, size_t n)
{
	char err[200];
	if (!guests_load(&f->gs, id, "hello", (const uint8_t *)words, n * 4, err, sizeof(err)))
		fail_msg("load: %s", err);
}

/* ---- the tests ---- */

static void test_banner_and_prompt(void **state)
{
	struct fake *f = *state;
	char *raw = take(f);
	assert_string_equal(raw, "tern test; 'help' lists the commands\r\ntern> ");
	free(raw);
}

static void test_line_editing(void **state)
{
	struct fake *f = *state;
	char lines[32][256];
	drop_output(f);
	/* backspace (DEL and BS), echoed as "\b \b" */
	type(f, "hlep\x7f\x7f\x7f" "elp");
	char *raw = take(f);
	assert_string_equal(raw, "hlep\b \b\b \b\b \belp");
	free(raw);
	type(f, "\r");
	raw = take(f);
	unsigned n = screen_lines(raw, lines, 32);
	free(raw);
	assert_true(n > 10);
	assert_non_null(strstr(lines[0], "help"));
	/* Ctrl-U kills the line, Ctrl-C too (with ^C), arrows are ignored */
	type(f, "garbage\x15");
	type(f, "\x1b[A\x1b[Dps\r");
	raw = take(f);
	assert_non_null(strstr(raw, "empty: 1 2 3 4 5 6 7 8"));
	assert_null(strstr(raw, "garbage\r\n"));
	free(raw);
	type(f, "more garbage\x03");
	raw = take(f);
	assert_non_null(strstr(raw, "^C\r\ntern> "));
	free(raw);
	/* "\r\n" is one Enter, not two */
	type(f, "ps\r\n");
	raw = take(f);
	assert_int_equal(strstr(raw, "tern> ") != NULL, 1);
	assert_null(strstr(strstr(raw, "tern> ") + 1, "tern> tern> "));
	free(raw);
}

static void test_one_line_errors(void **state)
{
	struct fake *f = *state;
	expect_one_error(f, "frobnicate 1", "unknown command 'frobnicate' (try 'help')");
	expect_one_error(f, "start", "missing arguments (usage: start N)");
	expect_one_error(f, "start 0", "'0' is not a guest number (1 to 8)");
	expect_one_error(f, "start 9", "'9' is not a guest number");
	expect_one_error(f, "start one", "'one' is not a guest number");
	expect_one_error(f, "start 1 2", "too many arguments (usage: start N)");
	expect_one_error(f, "save -x 1", "unknown option '-x' (usage: save [-y] N)");
	expect_one_error(f, "pause -y 1", "unknown option '-y'");
	expect_one_error(f, "start 1", "guest 1 is empty");
	expect_one_error(f, "regs 3", "guest 3 is empty");
	expect_one_error(f, "save 2", "guest 2 is empty");
	expect_one_error(f, "boot 1", "missing arguments (usage: boot N ADDR)");
	expect_one_error(f, "load 1 0x40010000", "ADDR goes with -y");
	expect_one_error(f, "quit", "unknown command 'quit'"); /* not on a board */
	load(f, 1, hello, 10);
	expect_one_error(f, "boot 1 zz", "'zz' is not an address");
	expect_one_error(f, "boot 1 0x1000", "outside guest 1's RAM");
	expect_one_error(f, "resume 1", "guest 1 is loaded, not paused");
	expect_one_error(f, "pause 1", "not running");
}

/* counts r2 down from 2M (4M instructions: a few turns), then says "hi" */
static const uint32_t late_hello[] = {
	0xe3002000, /* movw r2, #0 */
	0xe3402020, /* movt r2, #0x20 */
	0xe2522001, /* 1: subs r2, r2, #1 */
	0x1afffffd, /* bne 1b */
	0xe3001000, /* movw r1, #0 */
	0xe3401900, /* movt r1, #0x0900 */
	0xe3a00068, /* mov r0, #'h' */
	0xe5810000, /* str r0, [r1] */
	0xe3a00069, /* mov r0, #'i' */
	0xe5810000, /* str r0, [r1] */
	0xe3a0000a, /* mov r0, #'\n' */
	0xe5810000, /* str r0, [r1] */
	0xeafffffe, /* b . */
};

static void test_guest_lines_keep_the_prompt(void **state)
{
	struct fake *f = *state;
	char lines[16][256];
	load(f, 1, late_hello, sizeof(late_hello) / 4);
	run(f, "start 1", lines, 16);
	/* a half-typed command when the guest speaks */
	type(f, "p");
	for (int i = 0; i < 8 && !strstr(f->out, "[1] hi"); i++)
		type(f, "");
	/* The guest's line took the prompt's place, whole; the prompt came
	 * back under it with the "p" typed so far. */
	assert_non_null(strstr(f->out, "tern> p\r\x1b[K[1] hi\r\ntern> p"));
	drop_output(f);
	type(f, "s\r");
	char *raw = take(f);
	unsigned n = screen_lines(raw, lines, 16);
	free(raw);
	assert_true(n >= 3);
	assert_string_equal(lines[0], "s"); /* "tern> p" was on the screen already */
	assert_non_null(strstr(lines[1], "id  state"));
	assert_non_null(strstr(lines[2], " 1  running  interp"));
	assert_non_null(strstr(lines[2], "hello"));
}

/* A guest's partial line waits for its end; a long one is cut in pieces. */
static void test_guest_output_whole_lines(void **state)
{
	struct fake *f = *state;
	uint32_t prog[64];
	unsigned k = 0;
	prog[k++] = 0xe3001000; /* movw r1, #0 */
	prog[k++] = 0xe3401900; /* movt r1, #0x0900 */
	for (int i = 0; i < 3; i++) {
		prog[k++] = 0xe3a00041 + (uint32_t)i; /* mov r0, #'A'+i */
		prog[k++] = 0xe5810000;
	}
	prog[k++] = 0xeafffffe; /* b . : "ABC" never ends */
	load(f, 1, prog, k);
	char lines[8][256];
	run(f, "start 1", lines, 8);
	type(f, "");
	type(f, "");
	assert_null(strstr(f->out, "ABC"));
	/* removing the guest flushes what it had said */
	run(f, "rm 1", lines, 8);
	assert_non_null(strstr(f->out, "[1] ABC\r\n"));
}

/* The frame of `save N` as it came out, from its header to its end. */
static char *save_frame(struct fake *f, unsigned id)
{
	char cmd[16];
	snprintf(cmd, sizeof(cmd), "save %u\r", id);
	drop_output(f);
	type(f, cmd);
	char *raw = take(f);
	char *h = strstr(raw, "tern-snapshot v1 ");
	assert_non_null(h);
	char *e = strstr(h, "tern-snapshot end\r\n");
	assert_non_null(e);
	e += strlen("tern-snapshot end\r\n");
	assert_non_null(strstr(e, "save: guest "));
	char *frame = strndup(h, (size_t)(e - h));
	free(raw);
	return frame;
}

static void regs_of(struct fake *f, unsigned id, char *buf, size_t cap)
{
	char lines[16][256], cmd[16];
	snprintf(cmd, sizeof(cmd), "regs %u", id);
	unsigned n = run(f, cmd, lines, 16);
	buf[0] = 0;
	for (unsigned i = 1; i < n; i++) { /* not the first: it has the state */
		strncat(buf, lines[i], cap - strlen(buf) - 2);
		strcat(buf, "\n");
	}
}

/* Feed a frame (or anything) as pasted input; the lines that came out. */
static unsigned paste(struct fake *f, const char *text, char out[][256], unsigned max)
{
	drop_output(f);
	type(f, text);
	char *raw = take(f);
	unsigned n = screen_lines(raw, out, max);
	free(raw);
	return n;
}

static void test_save_restore_frames(void **state)
{
	struct fake *f = *state;
	char lines[16][256], before[2048], after[2048];
	load(f, 1, hello, 10);
	run(f, "start 1", lines, 16);
	type(f, "");
	char *frame = save_frame(f, 1);
	/* saving does not stop a running guest */
	assert_int_equal(guests_get(&f->gs, 1)->state, GUEST_RUNNING);
	/* every line fits a terminal */
	for (char *p = frame; *p;) {
		char *nl = strchr(p, '\n');
		assert_true(nl - p <= 77);
		p = nl + 1;
	}

	/* into an empty slot: created, paused, registers as saved */
	unsigned n = run(f, "restore 2", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "restore: guest 2: paste the frame"));
	n = paste(f, frame, lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "restore: guest 2 restored from "));
	assert_non_null(strstr(lines[0], "(paused)"));
	assert_int_equal(guests_get(&f->gs, 2)->state, GUEST_PAUSED);
	regs_of(f, 2, before, sizeof(before));
	assert_non_null(strstr(before, "r5 00001234"));

	/* damaged frames: one line each, guest 2 exactly as it was */
	size_t flen = strlen(frame);
	char *bad = malloc(flen + 64);
	struct {
		const char *what;
		void (*damage)(char *t, size_t n);
	} const cases[] = {
		{ "CRC-32 mismatch", NULL },
		{ "frame cut", NULL },
		{ "expected a 'tern-snapshot v1", NULL },
		{ "more data than", NULL },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(bad, frame, flen + 1);
		char *l2 = strchr(bad, '\n') + 1;
		switch (i) {
		case 0: /* a flipped bit in the data */
			l2[20] ^= 0x01;
			break;
		case 1: /* a line lost */
			memmove(l2, strchr(l2, '\n') + 1, strlen(strchr(l2, '\n') + 1) + 1);
			break;
		case 2: /* a flipped bit in the header */
			bad[2] ^= 0x20;
			break;
		case 3: { /* a length one short */
			char *len = strstr(bad, "len=") + 4;
			unsigned long v = strtoul(len, NULL, 10);
			char num[16];
			int k = snprintf(num, sizeof(num), "%lu", v - 1);
			char *end = len;
			while (*end >= '0' && *end <= '9')
				end++;
			memmove(len + k, end, strlen(end) + 1);
			memcpy(len, num, (size_t)k);
			break;
		}
		}
		run(f, "restore 2", lines, 16);
		n = paste(f, bad, lines, 16);
		if (n != 1 || strncmp(lines[0], "error: restore 2: ", 18) ||
		    !strstr(lines[0], cases[i].what) || !strstr(lines[0], "guest 2 unchanged"))
			fail_msg("case %u: %u lines, first '%s'", i, n, n ? lines[0] : "");
		/* the rest of the frame was not taken for commands: the
		 * shell is back at its prompt */
		assert_int_equal(f->sh.mode, SHELL_COMMAND);
		regs_of(f, 2, after, sizeof(after));
		assert_string_equal(after, before);
		assert_int_equal(guests_get(&f->gs, 2)->state, GUEST_PAUSED);
	}

	/* a refused header: the base64 lines after it are swallowed until
	 * a line that is not part of a frame, which runs as a command */
	run(f, "restore 2", lines, 16);
	memcpy(bad, frame, flen + 1);
	bad[0] = 'X';
	char *cut = strstr(bad, "tern-snapshot end");
	strcpy(cut, "ps\r\n");
	n = paste(f, bad, lines, 16);
	assert_true(n >= 3);
	assert_non_null(strstr(lines[0], "error: restore 2: expected a 'tern-snapshot v1"));
	assert_string_equal(lines[1], "ps");
	assert_non_null(strstr(lines[2], "id  state"));

	/* Ctrl-C in the middle of a frame */
	run(f, "restore 2", lines, 16);
	n = paste(f, "tern-snapshot v1 len=100 crc32=00000000\r\nAAAA\x03", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "cancelled (Ctrl-C); guest 2 unchanged"));

	/* a frame that stops coming: a timeout, not a hang */
	run(f, "restore 2", lines, 16);
	paste(f, "tern-snapshot v1 len=100 crc32=00000000\r\n", lines, 16);
	f->clock += 31000;
	n = paste(f, "", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "the frame stopped after 1 lines"));
	run(f, "restore 2", lines, 16);
	f->clock += 61000;
	n = paste(f, "", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "no frame came in 60 s"));

	/* over the running guest 1: it goes on running, from the snapshot */
	run(f, "restore 1", lines, 16);
	n = paste(f, frame, lines, 16);
	assert_non_null(strstr(lines[0], "restore: guest 1 restored"));
	assert_non_null(strstr(lines[0], "(running)"));

	/* a stream that does not fit in the memory left: refused */
	f->mem_cap = f->mem_used + RAM / 2;
	run(f, "restore 2", lines, 16);
	n = paste(f, frame, lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "does not fit"));
	assert_non_null(strstr(lines[0], "guest 2 unchanged"));
	regs_of(f, 2, after, sizeof(after));
	assert_string_equal(after, before);
	f->mem_cap = 64u << 20;

	/* a frame whose bytes are not a stream */
	run(f, "restore 2", lines, 16);
	n = paste(f, "tern-snapshot v1 len=3 crc32=352441c2\r\nYWJj\r\ntern-snapshot end\r\n",
		  lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "error: restore 2: "));
	assert_non_null(strstr(lines[0], "guest 2 unchanged"));
	free(bad);
	free(frame);
	(void)cases[0].damage;
}

static void text_put(void *ctx, const char *s, size_t n)
{
	strncat(ctx, s, n);
}

static void test_load_image_frame(void **state)
{
	struct fake *f = *state;
	char lines[16][256];
	static char text[4096];
	text[0] = 0;
	frame_encode("image", (const uint8_t *)hello, sizeof(hello), "\r\n", text_put, text);
	unsigned n = run(f, "load 4", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "load: guest 4: paste the frame (tern-image v1"));
	n = paste(f, text, lines, 16);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "load: guest 4: 40 bytes loaded (start 4 runs it)");
	assert_int_equal(guests_get(&f->gs, 4)->state, GUEST_LOADED);
	run(f, "start 4", lines, 16);
	type(f, "");
	assert_non_null(strstr(f->out, "[4] hi\r\n"));

	/* a snapshot frame is not an image frame, and a running guest is
	 * not replaced */
	n = run(f, "load 4", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "error: load 4: guest 4 is running: rm it first"));
	run(f, "load 5", lines, 16);
	n = paste(f, "tern-snapshot v1 len=1 crc32=00000000\r\n", lines, 16);
	assert_int_equal(n, 1);
	assert_non_null(strstr(lines[0], "error: load 5: expected a 'tern-image v1"));
	assert_int_equal(guests_get(&f->gs, 5)->state, GUEST_EMPTY);
}

static void test_ps_and_lifecycle(void **state)
{
	struct fake *f = *state;
	char lines[16][256];
	load(f, 3, hello, 10);
	run(f, "start 3", lines, 16);
	unsigned n = run(f, "pause 3", lines, 16);
	assert_int_equal(n, 1);
	assert_string_equal(lines[0], "guest 3 paused");
	n = run(f, "ps", lines, 16);
	assert_int_equal(n, 3);
	assert_non_null(strstr(lines[1], " 3  paused   interp"));
	assert_string_equal(lines[2], "empty: 1 2 4 5 6 7 8");
	run(f, "resume 3", lines, 16);
	assert_string_equal(lines[0], "guest 3 running");
	run(f, "reset 3", lines, 16);
	assert_string_equal(lines[0], "guest 3 reset");
	assert_int_equal(guests_get(&f->gs, 3)->state, GUEST_RUNNING);
	run(f, "pause 3", lines, 16);
	run(f, "boot 3 0x40010020", lines, 16);
	assert_non_null(strstr(lines[0], "guest 3 will start at 0x40010020"));
	struct guest_view v;
	guests_view(guests_get(&f->gs, 3), &v);
	assert_int_equal(v.cpu->regs[15], 0x40010020);
	run(f, "rm 3", lines, 16);
	assert_string_equal(lines[0], "guest 3 removed");
	assert_int_equal(guests_get(&f->gs, 3)->state, GUEST_EMPTY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_banner_and_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_editing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_line_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_lines_keep_the_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guest_output_whole_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_restore_frames, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ps_and_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_image_frame, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
