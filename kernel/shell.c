/*
 * The UART shell (see shell.h and docs/shell.md): a line editor, a command
 * table, the text frames and YMODEM transfers of save/restore/load.
 *
 * Output is always whole lines. While the prompt is on the screen, a line
 * (a guest's, or the shell's own) first takes the prompt's place ("\r"
 * and erase-line, or a line end on a dumb terminal); the prompt and what
 * was typed so far come back under it at the end of the turn.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu/arm_cpu.h"
#include "kernel/frame.h"
#include "kernel/shell.h"
#include "kernel/ymodem.h"

#define SHELL_PROMPT      "tern> "
#define SHELL_MAX_ARGS    8
#define SHELL_OUT_MAX     (GUESTS_LINE_MAX + 64u) /* longest line printed in one piece */
#define FRAME_START_MS    60000u   /* a person pastes the frame */
#define FRAME_IDLE_MS     30000u   /* a frame stopped coming */
#define DISCARD_IDLE_MS   1000u    /* the rest of a refused frame is over */
#define DRAIN_QUIET_MS    1000u    /* after YMODEM: lrzsz flushes the tty as it exits */
#define DRAIN_MAX_MS      3000u
#define BAUD_CHARS_PER_S  11520u   /* 115200 baud, 8N1 */

#define CTRL_C 0x03
#define CTRL_D 0x04
#define CTRL_U 0x15
#define BS     0x08
#define DEL    0x7f
#define ESC    0x1b

/* ---- output ---- */

static void out(struct shell *sh, const void *p, size_t n)
{
	sh->con.write(sh->con.ctx, p, n);
}

static const char *eol(const struct shell *sh)
{
	return sh->con.crlf ? "\r\n" : "\n";
}

/* A line end on its own. */
static void newline(struct shell *sh)
{
	out(sh, eol(sh), sh->con.crlf ? 2 : 1);
}

/* Take the prompt off the screen before a line is printed. */
static void hide_prompt(struct shell *sh)
{
	if (!sh->prompt_shown)
		return;
	if (sh->con.ansi) {
		out(sh, "\r\x1b[K", 4);
	} else {
		/* A dumb terminal keeps the prompt's line; draw it again
		 * only if something was typed on it. */
		newline(sh);
		sh->prompt_wanted = sh->len > 0;
	}
	sh->prompt_shown = false;
}

/* The prompt should be on the screen and is not. */
static bool prompt_due(const struct shell *sh)
{
	return !sh->prompt_shown && sh->prompt_wanted && sh->mode == SHELL_COMMAND &&
	       !sh->quit && !(sh->cfg.prompt_on_input && !sh->attended);
}

static void show_prompt(struct shell *sh)
{
	if (!prompt_due(sh))
		return;
	out(sh, SHELL_PROMPT, sizeof(SHELL_PROMPT) - 1);
	out(sh, sh->line, sh->len);
	sh->prompt_shown = true;
}

/* One whole line: text[0, n) and the line end, in one write. */
static void put_line(struct shell *sh, const char *text, size_t n)
{
	char buf[SHELL_OUT_MAX + 2];
	const char *e = eol(sh);
	size_t el = strlen(e);
	if (n > SHELL_OUT_MAX)
		n = SHELL_OUT_MAX;
	hide_prompt(sh);
	memcpy(buf, text, n);
	memcpy(buf + n, e, el);
	out(sh, buf, n + el);
}

static void vline(struct shell *sh, const char *fmt, va_list ap)
{
	char text[SHELL_OUT_MAX + 1];
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n < 0)
		return;
	put_line(sh, text, (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1);
}

void shell_printf(struct shell *sh, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vline(sh, fmt, ap);
	va_end(ap);
}

/* "error: " and one line. */
static void shell_error(struct shell *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void shell_error(struct shell *sh, const char *fmt, ...)
{
	char text[SHELL_OUT_MAX + 1];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	shell_printf(sh, "error: %s", text);
}

/* A line about guest id: `head` (a format of a string, the id and the
 * text) around fmt's text. */
static void guest_line(struct shell *sh, const char *head, const char *cmd, unsigned id,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void guest_line(struct shell *sh, const char *head, const char *cmd, unsigned id,
		       const char *fmt, ...)
{
	char text[SHELL_OUT_MAX + 1];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	shell_printf(sh, head, cmd, id, text);
}

/* "error: CMD N: ..." */
#define cmd_error(sh, cmd, id, ...) guest_line(sh, "error: %s %u: %s", cmd, id, __VA_ARGS__)
/* "VERB: guest N: ...", the lines of save, restore and load */
#define report(sh, verb, id, ...) guest_line(sh, "%s: guest %u: %s", verb, id, __VA_ARGS__)

/* A transfer or a decode refused: the guest was not touched. */
static void unchanged(struct shell *sh, const char *cmd, unsigned id, const char *why)
{
	cmd_error(sh, cmd, id, "%s; guest %u unchanged", why, id);
}

void shell_guest_line(void *ctx, unsigned id, const char *text, size_t n, bool note)
{
	struct shell *sh = ctx;
	char buf[GUESTS_LINE_MAX + 64];
	int k = note ? snprintf(buf, sizeof(buf), "tern: guest %u: %.*s", id, (int)n, text)
		     : snprintf(buf, sizeof(buf), "[%u] %.*s", id, (int)n, text);
	if (k > 0)
		put_line(sh, buf, (size_t)k < sizeof(buf) ? (size_t)k : sizeof(buf) - 1);
}

/* ---- the clock ---- */

static uint32_t now(struct shell *sh)
{
	return sh->con.now_ms ? sh->con.now_ms(sh->con.ctx) : 0;
}

/* Swallow input until the line has been quiet a while: the last bytes a
 * YMODEM peer sends, so they are not taken for commands. */
static void drain(struct shell *sh)
{
	if (!sh->con.now_ms)
		return;
	uint32_t t0 = now(sh), quiet = t0;
	while (now(sh) - t0 < DRAIN_MAX_MS && now(sh) - quiet < DRAIN_QUIET_MS) {
		int c = sh->con.read_byte(sh->con.ctx);
		if (c >= 0) {
			quiet = now(sh);
			continue;
		}
		if (c == -2)
			return;
		if (sh->con.wait)
			sh->con.wait(sh->con.ctx, 20);
	}
}

/* After a transfer: the peer may have left protocol bytes on the
 * terminal's line ('C' polls it did not read). Start on a fresh one. */
static void after_transfer(struct shell *sh)
{
	drain(sh);
	newline(sh);
}

static void ymodem_io_init(struct shell *sh, struct ymodem_io *io)
{
	memset(io, 0, sizeof(*io));
	io->write = sh->con.write;
	io->read_byte = sh->con.read_byte;
	io->now_ms = sh->con.now_ms;
	io->wait = sh->con.wait;
	io->ctx = sh->con.ctx;
	io->start_ms = sh->cfg.ymodem_start_ms;
}

/* ---- commands ---- */

struct shell_args {
	const char *name;     /* the command's */
	unsigned id;          /* the guest, when the command takes N */
	bool y;               /* -y: YMODEM */
	const char *extra[2];
	unsigned nextra;
};

/* What a command takes, and commands some consoles do not have. */
enum shell_cmd_flags {
	CMD_ID = 1,         /* N comes first */
	CMD_Y = 2,          /* -y is allowed */
	CMD_ADDR = 4,       /* ADDR follows N */
	CMD_ADDR_OPT = 8,   /* [ADDR] may follow N */
	CMD_QUIT = 16,      /* cfg.can_quit: the shell is a program (host) */
	CMD_POWEROFF = 32,  /* cfg.poweroff: the shell is the machine's */
};

/* text: the name, the usage after it and the help, each ending in a NUL
 * (one string: a third of the table's size). */
#define CMD_TEXT(name, usage, help) name "\0" usage "\0" help

struct shell_cmd {
	const char *text;
	void (*run)(struct shell *sh, const struct shell_args *a);
	uint8_t flags;
};

static const struct shell_cmd shell_cmds[];

static const char *cmd_usage(const struct shell_cmd *c)
{
	return c->text + strlen(c->text) + 1;
}

static const char *cmd_help_text(const struct shell_cmd *c)
{
	const char *u = cmd_usage(c);
	return u + strlen(u) + 1;
}

static bool available(const struct shell *sh, const struct shell_cmd *c)
{
	if (c->flags & CMD_QUIT)
		return sh->cfg.can_quit;
	if (c->flags & CMD_POWEROFF)
		return sh->cfg.poweroff != NULL;
	return true;
}

/* A number as C writes one (0x hex, 0 octal, else decimal), 32 bits. */
static bool parse_u32(const char *s, uint32_t *v)
{
	unsigned base = 10;
	uint64_t x = 0;
	if (*s == '+') /* as strtoul takes it */
		s++;
	if (s[0] == '0') {
		base = 8;
		if ((s[1] | 0x20) == 'x' && s[2]) {
			base = 16;
			s += 2;
		}
	}
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned c = (unsigned char)*s, d = c - '0';
		if (d > 9)
			d = (c | 0x20) >= 'a' ? (c | 0x20) - 'a' + 10 : base;
		if (d >= base || (x = x * base + d) > 0xffffffffu)
			return false;
	}
	*v = (uint32_t)x;
	return true;
}

/* ADDR, or an error line naming cmd and guest. */
static bool parse_addr(struct shell *sh, const char *cmd, unsigned id, const char *s,
		       uint32_t *addr)
{
	if (parse_u32(s, addr))
		return true;
	cmd_error(sh, cmd, id, "'%s' is not an address (e.g. 0x40010000)", s);
	return false;
}

static void cmd_help(struct shell *sh, const struct shell_args *a)
{
	for (const struct shell_cmd *c = shell_cmds; c->text; c++) {
		char left[40];
		if (!available(sh, c))
			continue;
		snprintf(left, sizeof(left), "%s %s", c->text, cmd_usage(c));
		shell_printf(sh, "  %-22s %s", left, cmd_help_text(c));
	}
	shell_printf(sh, "Guests are 1 to %u. -y: YMODEM (sb/rb); without it a text frame "
		     "(tern-snapshot v1 ...).", GUESTS_MAX);
}

/* n / d for d < 2^16, in 32-bit divisions (a 64-bit one would link
 * libgcc's __udivmoddi4, 1 KB): a halfword at a time. */
static __attribute__((noinline)) uint64_t div_small(uint64_t n, uint32_t d, uint32_t *rem)
{
	uint64_t q = 0;
	uint32_t r = 0;
	for (int shift = 48; shift >= 0; shift -= 16) {
		uint32_t part = r << 16 | (uint32_t)(n >> shift & 0xffff);
		q = q << 16 | part / d;
		r = part % d;
	}
	*rem = r;
	return q;
}

/* Instructions where the executor counts them (the interpreter); "-"
 * where it does not (the hypervisor). */
static void fmt_insns(char *buf, size_t cap, uint64_t insns)
{
	if (insns == GUEST_NO_INSNS)
		snprintf(buf, cap, "-");
	else
		snprintf(buf, cap, "%" PRIu64, insns);
}

static void cmd_ps(struct shell *sh, const struct shell_args *a)
{
	char empty[3 * GUESTS_MAX + 1] = "";
	size_t ne = 0;
	shell_printf(sh, "id  state    executor    instructions         time      RAM  image");
	for (unsigned id = 1; id <= GUESTS_MAX; id++) {
		struct guest *g = guests_get(sh->gs, id);
		struct guest_view v;
		char n[24];
		uint32_t ms, unused;
		if (g->state == GUEST_EMPTY) {
			ne += (size_t)snprintf(empty + ne, sizeof(empty) - ne, " %u", id);
			continue;
		}
		guests_view(g, &v);
		fmt_insns(n, sizeof(n), v.insns);
		/* the guest's own clock (ticks of 16 ns); on the hypervisor,
		 * the time it ran */
		uint64_t s = div_small(div_small(v.ticks_run ? v.ticks_run : v.timer_count,
						 1000000u / VM_TIMER_NS_PER_TICK, &unused),
				       1000u, &ms);
		shell_printf(sh, "%2u  %-8s %-9s %14s %6" PRIu64 ".%03" PRIu32 " s %4" PRIu32
			     " MiB  %s%s%s%s", id, guests_state_name(g->state), sh->gs->exec->name,
			     n, s, ms, v.ram_size >> 20, g->name, g->why[0] ? " (" : "", g->why,
			     g->why[0] ? ")" : "");
	}
	if (ne)
		shell_printf(sh, "empty:%s", empty);
}

static struct guest *need_guest(struct shell *sh, const char *cmd, unsigned id)
{
	struct guest *g = guests_get(sh->gs, id);
	if (g->state == GUEST_EMPTY) {
		cmd_error(sh, cmd, id, "guest %u is empty (load or restore it first)", id);
		return NULL;
	}
	return g;
}

/* start/pause/resume/reset/rm: one guests_* call and a line. */
typedef bool (*guest_op)(struct guests *, unsigned, char *, size_t);

static void simple(struct shell *sh, const char *cmd, unsigned id, guest_op op,
		   const char *done)
{
	char err[256];
	if (!op(sh->gs, id, err, sizeof(err))) {
		cmd_error(sh, cmd, id, "%s", err);
		return;
	}
	shell_printf(sh, "guest %u %s", id, done);
}

static void cmd_start(struct shell *sh, const struct shell_args *a)
{
	simple(sh, "start", a->id, guests_start, "running");
}

static void cmd_pause(struct shell *sh, const struct shell_args *a)
{
	simple(sh, "pause", a->id, guests_pause, "paused");
}

static void cmd_resume(struct shell *sh, const struct shell_args *a)
{
	simple(sh, "resume", a->id, guests_resume, "running");
}

static void cmd_reset(struct shell *sh, const struct shell_args *a)
{
	simple(sh, "reset", a->id, guests_reset, "reset");
}

static void cmd_rm(struct shell *sh, const struct shell_args *a)
{
	simple(sh, "rm", a->id, guests_rm, "removed");
}

static void cmd_boot(struct shell *sh, const struct shell_args *a)
{
	char err[256];
	uint32_t addr;
	if (!parse_addr(sh, "boot", a->id, a->extra[0], &addr))
		return;
	if (!guests_boot(sh->gs, a->id, addr, err, sizeof(err))) {
		cmd_error(sh, "boot", a->id, "%s", err);
		return;
	}
	shell_printf(sh, "guest %u will start at 0x%08" PRIx32 " (start %u)", a->id, addr, a->id);
}

/* "name value " pieces of a register line. */
static size_t reg_put(char *buf, size_t at, const char *name, uint32_t v)
{
	return at + (size_t)snprintf(buf + at, SHELL_OUT_MAX - at, "%s%4s %08" PRIx32,
				     at ? " " : "", name, v);
}

static void cmd_regs(struct shell *sh, const struct shell_args *a)
{
	static const char names[16][4] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
					   "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc" };
	static const char banks[ARM_BANK_COUNT][4] = { "usr", "svc", "abt", "und",
						       "irq", "fiq", "hyp", "mon" };
	/* ARM ARM B1.3.3: N Z C V Q at bits 31-27, A I F at 8-6 */
	static const char flag_names[] = "NZCVQ AIF";
	static const uint8_t flag_bits[] = { 31, 30, 29, 28, 27, 0, 8, 7, 6 };
	struct guest *g = need_guest(sh, "regs", a->id);
	struct guest_view v;
	char n[24], line[SHELL_OUT_MAX];
	size_t at = 0;
	if (!g)
		return;
	guests_view(g, &v);
	fmt_insns(n, sizeof(n), v.insns);
	const struct arm_cpu *c = v.cpu;
	uint32_t cpsr = arm_cpsr_read(c), mode = cpsr & ARM_CPSR_M;
	shell_printf(sh, "guest %u (%s, %s): %s mode, %s state, %s instructions", a->id,
		     guests_state_name(g->state), sh->gs->exec->name, arm_mode_name(mode),
		     cpsr & (1u << 5) ? "Thumb" : "ARM", n);
	for (int i = 0; i < 16; i++) {
		at = reg_put(line, at, names[i], c->regs[i]);
		if (i % 4 == 3) {
			shell_printf(sh, "%s", line);
			at = 0;
		}
	}
	char flags[sizeof(flag_names)];
	for (unsigned i = 0; i < sizeof(flag_bits); i++)
		flags[i] = flag_bits[i] && !(cpsr >> flag_bits[i] & 1) ? flag_names[i] | 0x20
								      : flag_names[i];
	flags[sizeof(flag_bits)] = 0;
	shell_printf(sh, "cpsr %08" PRIx32 " [%s %s]  spsr %08" PRIx32, cpsr, flags,
		     arm_mode_name(mode), c->spsr);
	/* the banked registers; the current mode's are r13/r14 above */
	enum arm_bank cur = arm_mode_bank(mode);
	for (int i = 0; i < ARM_BANK_COUNT; i++) {
		bool now = i == (int)cur;
		at += (size_t)snprintf(line + at, sizeof(line) - at, "%s%s sp %08" PRIx32 " lr %08"
				       PRIx32 " spsr %08" PRIx32, i & 1 ? "  " : "", banks[i],
				       now ? c->regs[13] : c->banked_r13[i],
				       now ? c->regs[14] : c->banked_r14[i],
				       now && i ? c->spsr : c->banked_spsr[i]);
		if (i & 1) {
			shell_printf(sh, "%s", line);
			at = 0;
		}
	}
	const struct arm_sysregs *s = &c->sys;
	shell_printf(sh, "sctlr %08" PRIx32 " ttbr0 %08" PRIx32 " ttbr1 %08" PRIx32
		     " ttbcr %08" PRIx32 " dacr %08" PRIx32, s->sctlr, (uint32_t)s->ttbr0,
		     (uint32_t)s->ttbr1, s->ttbcr, s->dacr);
	shell_printf(sh, "dfsr %08" PRIx32 " dfar %08" PRIx32 " ifsr %08" PRIx32 " ifar %08"
		     PRIx32 " vbar %08" PRIx32, s->dfsr, s->dfar, s->ifsr, s->ifar, s->vbar);
	shell_printf(sh, "fpscr %08" PRIx32 " fpexc %08" PRIx32 " cntvct %016" PRIx64,
		     c->vfp.fpscr, c->vfp.fpexc, v.timer_count - s->cntvoff);
}

/* ---- save ---- */

static void frame_put(void *ctx, const char *s, size_t n)
{
	out(ctx, s, n);
}

/* The snapshot into mem.xfer; its length, or 0 after an error line. */
static size_t snapshot_to_buffer(struct shell *sh, const char *cmd, unsigned id)
{
	struct vms_error verr = { 0 };
	struct vms_out o;
	char err[256];
	vms_out_buffer(&o, sh->mem.xfer, sh->mem.xfer_cap, &verr);
	if (!guests_save(sh->gs, id, &o, sh->mem.json, sh->mem.json_cap, err, sizeof(err))) {
		if (o.len >= sh->mem.xfer_cap)
			snprintf(err, sizeof(err), "the snapshot needs more than tern's %zu-byte "
				 "transfer buffer", sh->mem.xfer_cap);
		cmd_error(sh, cmd, id, "%s", err);
		return 0;
	}
	return o.len;
}

static void cmd_save(struct shell *sh, const struct shell_args *a)
{
	struct guest *g = need_guest(sh, "save", a->id);
	const char *cmd = a->y ? "save -y" : "save";
	if (!g)
		return;
	/* The snapshot is of one instant: the guest stands still for it,
	 * and goes on afterwards if it was running. */
	bool was_running = g->state == GUEST_RUNNING;
	if (was_running)
		g->state = GUEST_PAUSED;
	size_t len = snapshot_to_buffer(sh, cmd, a->id);
	if (len && !a->y) {
		size_t chars = frame_encode("snapshot", sh->mem.xfer, len, eol(sh), frame_put, sh);
		report(sh, "save", a->id, "%zu bytes, %zu characters sent "
		       "(%zu s at 115200 baud)", len, chars,
			     (chars + BAUD_CHARS_PER_S - 1) / BAUD_CHARS_PER_S);
	} else if (len) {
		struct ymodem_io io;
		struct ymodem_stats st;
		char name[32], err[200];
		snprintf(name, sizeof(name), "guest%u.snap", a->id);
		report(sh, "save", a->id, "%zu bytes as %s: start the YMODEM receiver "
		       "(rb), Ctrl-C cancels", len, name);
		ymodem_io_init(sh, &io);
		bool ok = ymodem_send(&io, name, sh->mem.xfer, len, &st, err, sizeof(err));
		after_transfer(sh);
		if (ok)
			report(sh, "save", a->id, "%zu bytes sent with YMODEM (%u blocks, "
			       "%" PRIu64 " bytes on the line, %u resent)", len,
			       st.blocks, st.line_bytes, st.retries);
		else
			cmd_error(sh, cmd, a->id, "%s", err);
	}
	if (was_running && g->state == GUEST_PAUSED)
		g->state = GUEST_RUNNING;
}

/* ---- restore and load: what came in, in mem.xfer ---- */

static void finish_restore(struct shell *sh, unsigned id, const char *cmd, size_t len)
{
	char err[256];
	if (!guests_restore(sh->gs, id, sh->mem.xfer, len, &sh->mem.scratch, err,
			    sizeof(err))) {
		unchanged(sh, cmd, id, err);
		return;
	}
	struct guest *g = guests_get(sh->gs, id);
	shell_printf(sh, "restore: guest %u restored from %zu bytes (%s)", id, len,
		     guests_state_name(g->state));
}

static void finish_load(struct shell *sh, unsigned id, const char *cmd, size_t len,
			const char *name, const char *entry)
{
	char err[256];
	uint32_t addr = 0;
	if (entry)
		parse_u32(entry, &addr); /* cmd_load checked it */
	if (!guests_load(sh->gs, id, name, sh->mem.xfer, len, err, sizeof(err))) {
		unchanged(sh, cmd, id, err);
		return;
	}
	if (entry && !guests_boot(sh->gs, id, addr, err, sizeof(err))) {
		cmd_error(sh, cmd, id, "%s", err);
		return;
	}
	report(sh, "load", id, "%zu bytes loaded (start %u runs it)", len, id);
}

/* restore -y / load -y: the file over YMODEM, then the same as a frame. */
static void receive_ymodem(struct shell *sh, const struct shell_args *a, bool load)
{
	const char *cmd = load ? "load -y" : "restore -y";
	struct ymodem_io io;
	struct ymodem_stats st;
	char name[64], err[200];
	size_t len;
	report(sh, a->name, a->id, "start the YMODEM sender (sb FILE), Ctrl-C cancels");
	ymodem_io_init(sh, &io);
	bool ok = ymodem_recv(&io, sh->mem.xfer, sh->mem.xfer_cap, &len, name, sizeof(name),
			      &st, err, sizeof(err));
	after_transfer(sh);
	if (!ok) {
		unchanged(sh, cmd, a->id, err);
		return;
	}
	if (load)
		finish_load(sh, a->id, cmd, len, name, a->nextra ? a->extra[0] : NULL);
	else
		finish_restore(sh, a->id, cmd, len);
}

static void begin_frame(struct shell *sh, unsigned id, bool load)
{
	frame_dec_init(&sh->dec, load ? "image" : "snapshot", sh->mem.xfer, sh->mem.xfer_cap);
	sh->frame_id = id;
	sh->frame_load = load;
	sh->frame_ms = now(sh);
	sh->flen = 0;
	sh->mode = SHELL_FRAME;
	report(sh, load ? "load" : "restore", id, "paste the frame (tern-%s v1 ...), Ctrl-C cancels",
	       sh->dec.kind);
}

static void cmd_restore(struct shell *sh, const struct shell_args *a)
{
	if (a->y)
		receive_ymodem(sh, a, false);
	else
		begin_frame(sh, a->id, false);
}

static void cmd_load(struct shell *sh, const struct shell_args *a)
{
	struct guest *g = guests_get(sh->gs, a->id);
	uint32_t addr;
	/* Say so before a transfer, not after it. */
	if (g->state == GUEST_RUNNING || g->state == GUEST_PAUSED)
		cmd_error(sh, "load", a->id, "guest %u is %s: rm it first", a->id,
			  guests_state_name(g->state));
	else if (a->nextra && !parse_addr(sh, "load", a->id, a->extra[0], &addr))
		return;
	else if (a->y)
		receive_ymodem(sh, a, true);
	else if (a->nextra)
		cmd_error(sh, "load", a->id, "ADDR goes with -y (or use boot %u ADDR)", a->id);
	else
		begin_frame(sh, a->id, true);
}

static void cmd_quit(struct shell *sh, const struct shell_args *a)
{
	sh->quit = true;
}

static void cmd_poweroff(struct shell *sh, const struct shell_args *a)
{
	shell_printf(sh, "tern: powering off");
	sh->cfg.poweroff();
}

static const struct shell_cmd shell_cmds[] = {
	{ CMD_TEXT("help", "", "this list"), cmd_help, 0 },
	{ CMD_TEXT("ps", "", "guests: state, executor, instructions, time"), cmd_ps, 0 },
	{ CMD_TEXT("start", "N", "run guest N from its image"), cmd_start, CMD_ID },
	{ CMD_TEXT("pause", "N", "stop running guest N, keeping its state"), cmd_pause, CMD_ID },
	{ CMD_TEXT("resume", "N", "go on running paused guest N"), cmd_resume, CMD_ID },
	{ CMD_TEXT("reset", "N", "reboot guest N from its image"), cmd_reset, CMD_ID },
	{ CMD_TEXT("regs", "N", "guest N's registers"), cmd_regs, CMD_ID },
	{ CMD_TEXT("save", "[-y] N", "send guest N's snapshot (QEMU migration stream)"),
	  cmd_save, CMD_ID | CMD_Y },
	{ CMD_TEXT("restore", "[-y] N", "receive a snapshot into guest N"), cmd_restore,
	  CMD_ID | CMD_Y },
	{ CMD_TEXT("load", "[-y] N [ADDR]", "receive an ELF or raw image into guest N"),
	  cmd_load, CMD_ID | CMD_Y | CMD_ADDR_OPT },
	{ CMD_TEXT("boot", "N ADDR", "make guest N start at ADDR"), cmd_boot,
	  CMD_ID | CMD_ADDR },
	{ CMD_TEXT("rm", "N", "remove guest N"), cmd_rm, CMD_ID },
	{ CMD_TEXT("quit", "", "end the shell"), cmd_quit, CMD_QUIT },
	{ CMD_TEXT("poweroff", "", "switch the machine off"), cmd_poweroff, CMD_POWEROFF },
	{ NULL, NULL, 0 },
};

/* Split, find the command, check its arguments, run it. */
static void execute(struct shell *sh, char *line)
{
	char *argv[SHELL_MAX_ARGS + 1];
	int argc = 0;
	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t')
			*p++ = 0;
		if (!*p)
			break;
		if (argc == SHELL_MAX_ARGS + 1) {
			shell_error(sh, "too many arguments");
			return;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	if (!argc)
		return;
	const struct shell_cmd *c = shell_cmds;
	while (c->text && (strcmp(c->text, argv[0]) || !available(sh, c)))
		c++;
	if (!c->text) {
		shell_error(sh, "unknown command '%.40s' (try 'help')", argv[0]);
		return;
	}
	const char *name = c->text, *why = "missing arguments";
	struct shell_args a = { .name = name };
	bool have_id = !(c->flags & CMD_ID);
	unsigned extra_max = c->flags & (CMD_ADDR | CMD_ADDR_OPT) ? 1 : 0;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (s[0] == '-' && !(s[1] >= '0' && s[1] <= '9')) {
			if (!strcmp(s, "-y") && (c->flags & CMD_Y)) {
				a.y = true;
				continue;
			}
			shell_error(sh, "%s: unknown option '%.20s' (usage: %s %s)", name, s,
				    name, cmd_usage(c));
			return;
		}
		if (!have_id) {
			uint32_t id;
			if (!parse_u32(s, &id) || id < 1 || id > GUESTS_MAX) {
				shell_error(sh, "%s: '%.20s' is not a guest number (1 to %u)", name,
					    s, GUESTS_MAX);
				return;
			}
			a.id = id;
			have_id = true;
			continue;
		}
		if (a.nextra == extra_max) {
			why = "too many arguments";
			have_id = false;
			break;
		}
		a.extra[a.nextra++] = s;
	}
	if (!have_id || ((c->flags & CMD_ADDR) && !a.nextra)) {
		shell_error(sh, "%s: %s (usage: %s %s)", name, why, name, cmd_usage(c));
		return;
	}
	c->run(sh, &a);
}

/* ---- frames coming in ---- */

/* The command table entry a line starts with, or NULL. */
static const struct shell_cmd *find_cmd(const struct shell *sh, const char *s, size_t n)
{
	size_t w = 0;
	while (w < n && s[w] != ' ' && s[w] != '\t' && s[w] != '\r')
		w++;
	for (const struct shell_cmd *c = shell_cmds; c->text; c++)
		if (strlen(c->text) == w && !memcmp(c->text, s, w) &&
		    available(sh, c))
			return c;
	return NULL;
}

static void frame_done(struct shell *sh)
{
	size_t len = sh->dec.got;
	sh->mode = SHELL_COMMAND;
	sh->prompt_wanted = true;
	if (sh->frame_load)
		finish_load(sh, sh->frame_id, "load", len, "(frame)", NULL);
	else
		finish_restore(sh, sh->frame_id, "restore", len);
}

static void frame_refused(struct shell *sh, const char *why, bool rest_coming)
{
	unchanged(sh, sh->frame_load ? "load" : "restore", sh->frame_id, why);
	sh->mode = rest_coming ? SHELL_DISCARD : SHELL_COMMAND;
	sh->prompt_wanted = true;
	sh->frame_ms = now(sh);
}

static void run_line(struct shell *sh, char *line, size_t n)
{
	/* a line that came in raw (after a frame) may hold control bytes */
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = line[i] == '\t' ? ' ' : '?';
	line[n] = 0;
	execute(sh, line);
}

/* A whole line while a frame is coming or being discarded. */
static void frame_line(struct shell *sh)
{
	size_t n = sh->flen;
	size_t kept = n < FRAME_MAX_LINE ? n : FRAME_MAX_LINE;
	const char *kind = sh->dec.kind;
	sh->flen = 0;
	sh->frame_ms = now(sh);
	if (sh->mode == SHELL_DISCARD) {
		/* The rest of a refused frame, damaged as it may be (a flipped
		 * bit can split a line anywhere): swallowed up to its end
		 * line. A line that starts with a command was typed after it. */
		if (n <= FRAME_MAX_LINE && find_cmd(sh, sh->fline, kept)) {
			char cmd[FRAME_MAX_LINE + 1];
			sh->mode = SHELL_COMMAND;
			sh->prompt_wanted = true;
			memcpy(cmd, sh->fline, kept);
			while (kept && cmd[kept - 1] == '\r')
				kept--;
			shell_printf(sh, SHELL_PROMPT "%.*s", (int)kept, cmd);
			run_line(sh, cmd, kept);
		} else if (frame_is_end(kind, sh->fline, kept)) {
			sh->mode = SHELL_COMMAND;
			sh->prompt_wanted = true;
		}
		return;
	}
	switch (frame_dec_line(&sh->dec, sh->fline, n)) {
	case FRAME_MORE:
		return;
	case FRAME_DONE:
		frame_done(sh);
		return;
	case FRAME_ERROR:
		frame_refused(sh, sh->dec.error, !frame_is_end(kind, sh->fline, kept));
		return;
	}
}

static void frame_input(struct shell *sh, uint8_t c)
{
	if (c == CTRL_C) {
		/* A person stopping a paste, or a flipped bit in one: in both
		 * cases what follows may still be frame lines. */
		sh->flen = 0;
		if (sh->mode == SHELL_FRAME)
			frame_refused(sh, "cancelled (Ctrl-C)", true);
		return;
	}
	if (c == '\n' && sh->last_cr) {
		sh->last_cr = false;
		return;
	}
	sh->last_cr = c == '\r';
	if (c == '\r' || c == '\n') {
		frame_line(sh);
		return;
	}
	if (sh->flen < FRAME_MAX_LINE)
		sh->fline[sh->flen] = (char)c;
	sh->flen++;
	sh->frame_ms = now(sh);
}

static void check_timeouts(struct shell *sh)
{
	if (!sh->con.now_ms || sh->mode == SHELL_COMMAND)
		return;
	uint32_t idle = now(sh) - sh->frame_ms;
	if (sh->mode == SHELL_DISCARD) {
		if (idle >= DISCARD_IDLE_MS) {
			sh->mode = SHELL_COMMAND;
			sh->prompt_wanted = true;
			sh->flen = 0;
		}
		return;
	}
	if (!sh->dec.have_header && sh->dec.line == 0 && !sh->flen) {
		if (idle >= FRAME_START_MS)
			frame_refused(sh, "no frame came in 60 s", false);
	} else if (idle >= FRAME_IDLE_MS) {
		char why[96];
		snprintf(why, sizeof(why), "the frame stopped after %u lines (no input for 30 s)",
			 sh->dec.line);
		frame_refused(sh, why, false);
	}
}

/* ---- the line editor ---- */

static void editor_input(struct shell *sh, uint8_t c)
{
	if (sh->esc) {
		/* ESC [ params final, or ESC O x: arrow keys and the like */
		if (sh->esc == 1)
			sh->esc = (c == '[' || c == 'O') ? 2 : 0;
		else if (c >= 0x40 && c <= 0x7e)
			sh->esc = 0;
		return;
	}
	if (c == '\n' && sh->last_cr) {
		sh->last_cr = false;
		return;
	}
	sh->last_cr = c == '\r';
	sh->prompt_wanted = true;
	show_prompt(sh);
	switch (c) {
	case '\r':
	case '\n': {
		char line[SHELL_LINE_MAX];
		size_t n = sh->len;
		memcpy(line, sh->line, n);
		line[n] = 0;
		sh->len = 0;
		newline(sh);
		sh->prompt_shown = false;
		execute(sh, line);
		return;
	}
	case CTRL_C:
		sh->len = 0;
		out(sh, "^C", 2);
		newline(sh);
		sh->prompt_shown = false;
		return;
	case CTRL_D:
		if (!sh->len && sh->cfg.can_quit) {
			newline(sh);
			sh->prompt_shown = false;
			sh->quit = true;
		}
		return;
	case CTRL_U:
		while (sh->len) {
			sh->len--;
			out(sh, "\b \b", 3);
		}
		return;
	case BS:
	case DEL:
		if (sh->len) {
			sh->len--;
			out(sh, "\b \b", 3);
		}
		return;
	case ESC:
		sh->esc = 1;
		return;
	case '\t':
		c = ' ';
		break;
	default:
		break;
	}
	if (c < 0x20 || c > 0x7e)
		return;
	if (sh->len + 1 >= sizeof(sh->line)) {
		out(sh, "\a", 1); /* full: ring */
		return;
	}
	sh->line[sh->len++] = (char)c;
	out(sh, &c, 1);
}

void shell_input(struct shell *sh, uint8_t c)
{
	sh->attended = true;
	if (sh->mode == SHELL_COMMAND)
		editor_input(sh, c);
	else
		frame_input(sh, c);
}

/* ---- the loop ---- */

void shell_init(struct shell *sh, const struct shell_console *con,
		const struct shell_mem *mem, struct guests *gs,
		const struct shell_config *cfg)
{
	memset(sh, 0, sizeof(*sh));
	sh->con = *con;
	sh->mem = *mem;
	sh->cfg = *cfg;
	sh->gs = gs;
	sh->mode = SHELL_COMMAND;
}

void shell_start(struct shell *sh)
{
	sh->prompt_wanted = true;
	if (sh->cfg.banner)
		shell_printf(sh, "%s; 'help' lists the commands", sh->cfg.banner);
	show_prompt(sh);
}

/*
 * Whether the guests should give the core back to the shell: input is
 * waiting (or the console cannot tell), the prompt is due after a guest's
 * line, or a transfer is under way (its timeouts run here). Until then
 * guests_run() goes round after round, so a switch between guests does
 * not pay for a turn of the shell.
 */
static bool shell_wanted(void *ctx)
{
	struct shell *sh = ctx;

	return !sh->con.input_ready || sh->con.input_ready(sh->con.ctx) ||
	       sh->mode != SHELL_COMMAND || sh->quit || prompt_due(sh);
}

bool shell_poll(struct shell *sh)
{
	/* Input first, but not so much that guests starve on a long paste. */
	for (unsigned i = 0; i < 65536 && !sh->quit; i++) {
		int c = sh->con.read_byte(sh->con.ctx);
		if (c == -1)
			break;
		if (c == -2) {
			sh->eof = true;
			break;
		}
		shell_input(sh, (uint8_t)c);
	}
	check_timeouts(sh);
	bool ran = !sh->quit && guests_run(sh->gs, shell_wanted, sh);
	show_prompt(sh);
	return ran;
}

void shell_run(struct shell *sh)
{
	shell_start(sh);
	while (!sh->quit) {
		bool ran = shell_poll(sh);
		if (sh->eof && !guests_any_running(sh->gs))
			break;
		if (!ran && sh->con.wait)
			sh->con.wait(sh->con.ctx, 250);
	}
}
