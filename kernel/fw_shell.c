/*
 * The UART shell on the firmware's console (kernel/shell.c, docs/shell.md),
 * over the hypervisor's guests (kernel/guests_hyp.c), or where there is no
 * HYP the interpreter's (kernel/guests_interp.c; an image built with
 * FW_INTERP=1). The guests a loader
 * left in the image slots are loaded and started first, as before the
 * shell; their lines reach the console through the shell's line sink.
 *
 * Console input: the PL011's receive interrupt goes to Hyp mode while a
 * guest runs or tern sleeps, and its bytes wait in the board's ring
 * (board_console_irq); while the shell itself works (a YMODEM transfer
 * owns the core) it reads the UART directly. Without HYP the console is
 * polled between the interpreter's slices.
 *
 * Unattended (no byte has come in since boot) there is no prompt, and the
 * machine powers off once every guest has: a board or a CI run that only
 * runs its guests ends as before. Once someone types, the shell stays,
 * whatever the guests do; `poweroff` ends it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/hyp/hyp.h"
#include "kernel/board.h"
#include "kernel/fw_shell.h"
#include "kernel/guests.h"
#include "kernel/hv.h"
#include "kernel/shell.h"

/* A stream up to this size comes in or goes out (a 16 MiB guest of
 * mostly zero pages is well under 100 KiB; a dense one is refused in one
 * line). From the heap, as the rest below. */
#define FWSH_XFER_CAP  (4u << 20)
#define FWSH_JSON_CAP  (256u << 10)
#define FWSH_ARENA_CAP (2u << 20)
#define FWSH_NODE_CAP  32768u

static void fwsh_write(void *ctx, const void *p, size_t n)
{
	const char *c = p;

	while (n--)
		board_console_putc(*c++);
}

static int fwsh_read(void *ctx)
{
	return board_console_getc();
}

static bool fwsh_input_ready(void *ctx)
{
	return board_console_rx_ready();
}

/* The counter in ms, modulo 2^32 (the shell's clock wraps): times the
 * reciprocal of ticks per ms in 32.32 fixed point, so no 64-bit division
 * (libgcc's __udivmoddi4) is needed. */
static uint32_t fwsh_now_ms(void *ctx)
{
	uint64_t t = hyp_counter();
	uint32_t per_ms = UINT32_MAX / (hyp_counter_hz() / 1000u);
	return (uint32_t)(((uint64_t)(uint32_t)t * per_ms) >> 32) + (uint32_t)(t >> 32) * per_ms;
}

/* Sleep until an interrupt (the console's receive, a guest's timer) or
 * `ms`. */
static void fwsh_wait(void *ctx, uint32_t ms)
{
	hv_idle(ms * 1000u);
}

/* Guest RAM (the interpreter's guests take theirs from here too) from
 * the RAM above the image slots; the rest from the heap. */
#define FWSH_BIG (2u << 20)

static void *fwsh_alloc(void *ctx, size_t size)
{
	return size >= FWSH_BIG ? hv_ram_alloc((uint32_t)size) : calloc(1, size);
}

static void fwsh_free(void *ctx, void *p, size_t size)
{
	if (size >= FWSH_BIG)
		hv_ram_free(p, (uint32_t)size);
	else
		free(p);
}

static _Noreturn void fwsh_poweroff(void)
{
	board_poweroff();
}

static bool fwsh_mem(struct shell_mem *m)
{
	m->xfer_cap = FWSH_XFER_CAP;
	m->xfer = malloc(m->xfer_cap);
	m->json_cap = FWSH_JSON_CAP;
	m->json = malloc(m->json_cap);
	m->scratch.arena_cap = FWSH_ARENA_CAP;
	m->scratch.arena = malloc(m->scratch.arena_cap);
	m->scratch.node_cap = FWSH_NODE_CAP;
	m->scratch.nodes = malloc(FWSH_NODE_CAP * sizeof(*m->scratch.nodes));
	return m->xfer && m->json && m->scratch.arena && m->scratch.nodes;
}

/* The loader's guests, started; how many. */
static unsigned fwsh_boot_guests(struct guests *gs, bool hyp)
{
	const uint8_t *img[GUESTS_MAX];
	size_t len[GUESTS_MAX];
	unsigned n = hv_boot_images(img, len, GUESTS_MAX), i, id = 0;
	char err[160];

	for (i = 0; i < n; i++) {
		struct guest_view v;
		char name[16];

		snprintf(name, sizeof(name), "slot %u", i);
		if (!guests_load_kept(gs, id + 1, name, img[i], len[i], err, sizeof(err))) {
			printf("tern: guest %u: %s; not started\n", id + 1, err);
			if (!strncmp(err, "no RAM left", 11))  /* nor for the next */
				break;
			continue;
		}
		id++;
		guests_view(guests_get(gs, id), &v);
		printf("tern: guest %u: ELF from 0x%08" PRIx32 ", entry 0x%08" PRIx32
		       ", %" PRIu32 " MiB of RAM at 0x%08" PRIx32 "\n", id,
		       (uint32_t)(uintptr_t)img[i], v.cpu->regs[15], v.ram_size >> 20,
		       (uint32_t)(uintptr_t)v.ram);
		guests_start(gs, id, err, sizeof(err));
	}
	if (id && hyp)
		printf("tern: %u guest%s, %u us slices\n", id, id == 1 ? "" : "s",
		       (unsigned)HV_SLICE_US);
	else if (id)
		printf("tern: %u guest%s on the interpreter\n", id, id == 1 ? "" : "s");
	return id;
}

void fw_shell_main(const struct guests_exec *exec, bool hyp)
{
	static struct guests gs;
	static struct shell sh;
	struct shell_mem mem = { 0 };
	const struct shell_console con = {
		.write = fwsh_write,
		.read_byte = fwsh_read,
		.input_ready = fwsh_input_ready,
		.now_ms = fwsh_now_ms,
		.wait = hyp ? fwsh_wait : NULL,   /* without HYP: polled */
		.crlf = true,
		.ansi = true,
	};
	const struct shell_config cfg = {
		.poweroff = fwsh_poweroff,
		.prompt_on_input = true,
	};
	const struct guests_mem gm = { .alloc = fwsh_alloc, .free = fwsh_free };
	unsigned booted;

	if (!(hyp ? hv_init() : hv_platform_init()))
		return;
	if (!fwsh_mem(&mem)) {
		printf("tern: no memory for the shell's buffers\n");
		return;
	}
	guests_init(&gs, exec, &gm, shell_guest_line, &sh, hv_guest_ram_size());
	shell_init(&sh, &con, &mem, &gs, &cfg);
	booted = fwsh_boot_guests(&gs, hyp);
	shell_start(&sh);
	for (;;) {
		bool ran = shell_poll(&sh);

		if (booted && !sh.attended && !guests_any_running(&gs)) {
			printf("tern: no guest left; powering off\n");
			board_poweroff();
		}
		if (!ran && con.wait)
			con.wait(NULL, 100);
	}
}
