/*
 * The guest table (see guests.h): states, memory, round-robin slices,
 * whole lines of guest output.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "kernel/guests.h"

static bool guests_fail(char *err, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static bool guests_fail(char *err, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, cap, fmt, ap);
	va_end(ap);
	return false;
}

const char *guests_state_name(enum guest_state st)
{
	switch (st) {
	case GUEST_EMPTY: return "empty";
	case GUEST_LOADED: return "loaded";
	case GUEST_RUNNING: return "running";
	case GUEST_PAUSED: return "paused";
	case GUEST_OFF: return "off";
	}
	return "?";
}

struct guest *guests_get(struct guests *gs, unsigned id)
{
	return id >= 1 && id <= GUESTS_MAX ? &gs->g[id - 1] : NULL;
}

/* ---- guest output, a line at a time ---- */

static void flush_line(struct guest *g)
{
	struct guests *gs = g->owner;
	if (gs->line)
		gs->line(gs->line_ctx, g->id, g->line, g->line_len, false);
	g->line_len = 0;
}

static void note(struct guest *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct guest *g, const char *fmt, ...)
{
	char text[256];
	va_list ap;
	if (g->line_len)
		flush_line(g);
	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (g->owner->line)
		g->owner->line(g->owner->line_ctx, g->id, text,
			       n < (int)sizeof(text) ? (size_t)n : sizeof(text) - 1, true);
}

static void guest_tx(void *ctx, uint8_t c)
{
	struct guest *g = ctx;
	if (c == '\n') {
		flush_line(g);
		return;
	}
	if (c == '\r')
		return;
	/* Control characters would move the console's cursor under the
	 * shell's feet: show them, do not obey them. */
	if ((c < 0x20 && c != '\t' && c != 0x1b) || c == 0x7f)
		c = '.';
	g->line[g->line_len++] = (char)c;
	if (g->line_len == sizeof(g->line))
		flush_line(g);
}

/* ---- set-up ---- */

void guests_init(struct guests *gs, const struct guests_mem *mem,
		 guests_line_fn line, void *line_ctx, uint32_t ram_size)
{
	memset(gs, 0, sizeof(*gs));
	gs->mem = *mem;
	gs->line = line;
	gs->line_ctx = line_ctx;
	gs->ram_size = ram_size;
	for (unsigned i = 0; i < GUESTS_MAX; i++) {
		gs->g[i].id = i + 1;
		gs->g[i].owner = gs;
	}
}

static void *mem_alloc(struct guests *gs, size_t size)
{
	return gs->mem.alloc(gs->mem.ctx, size);
}

static void mem_free(struct guests *gs, void *p, size_t size)
{
	if (p)
		gs->mem.free(gs->mem.ctx, p, size);
}

static void release(struct guest *g)
{
	struct guests *gs = g->owner;
	if (g->ip) {
		interp_free(g->ip);
		mem_free(gs, g->ip, interp_size());
	}
	mem_free(gs, g->vm.ram, g->vm.ram_size);
	mem_free(gs, g->image, g->image_len);
	unsigned id = g->id;
	memset(g, 0, sizeof(*g));
	g->id = id;
	g->owner = gs;
}

/* A VM bound to `ram`, its interpreter allocated if the slot has none. */
static bool bind(struct guest *g, uint8_t *ram, uint32_t ram_size)
{
	struct vm_io io = { .uart_tx = guest_tx, .ctx = g };
	if (!g->ip) {
		g->ip = mem_alloc(g->owner, interp_size());
		if (!g->ip)
			return false;
	}
	vm_init(&g->vm, ram, ram_size, g->ip, &io);
	return true;
}

static bool need(struct guests *gs, unsigned id, struct guest **out, char *err,
		 size_t cap)
{
	*out = guests_get(gs, id);
	if (!*out)
		return guests_fail(err, cap, "no guest %u (guests are 1 to %u)", id, GUESTS_MAX);
	if ((*out)->state == GUEST_EMPTY)
		return guests_fail(err, cap, "guest %u is empty (load or restore it first)", id);
	return true;
}

bool guests_load(struct guests *gs, unsigned id, const char *name,
		 const uint8_t *image, size_t len, char *err, size_t cap)
{
	struct guest *g = guests_get(gs, id);
	if (!g)
		return guests_fail(err, cap, "no guest %u (guests are 1 to %u)", id, GUESTS_MAX);
	if (g->state == GUEST_RUNNING || g->state == GUEST_PAUSED)
		return guests_fail(err, cap, "guest %u is %s: rm it first", id,
				   guests_state_name(g->state));
	/* Check the image in a scratch VM first: a bad one changes nothing. */
	uint8_t *copy = mem_alloc(gs, len ? len : 1);
	uint8_t *ram = mem_alloc(gs, gs->ram_size);
	if (!copy || !ram) {
		mem_free(gs, copy, len ? len : 1);
		mem_free(gs, ram, gs->ram_size);
		return guests_fail(err, cap, "no memory for a %" PRIu32 " MiB guest",
				   gs->ram_size >> 20);
	}
	memcpy(copy, image, len);
	struct image_info info;
	if (!image_load(copy, len, ram, VM_RAM_BASE, gs->ram_size, &info, err, cap)) {
		mem_free(gs, copy, len ? len : 1);
		mem_free(gs, ram, gs->ram_size);
		return false;
	}
	release(g);
	if (!bind(g, ram, gs->ram_size)) {
		mem_free(gs, copy, len ? len : 1);
		mem_free(gs, ram, gs->ram_size);
		return guests_fail(err, cap, "no memory for guest %u's interpreter", id);
	}
	g->image = copy;
	g->image_len = len ? len : 1;
	if (!vm_load(&g->vm, copy, len)) { /* checked above: cannot happen */
		snprintf(err, cap, "%s", g->vm.error);
		release(g);
		return false;
	}
	/* a name that came over the line: printable only */
	snprintf(g->name, sizeof(g->name), "%s", name);
	for (char *c = g->name; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
	g->state = GUEST_LOADED;
	return true;
}

bool guests_start(struct guests *gs, unsigned id, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	switch (g->state) {
	case GUEST_RUNNING:
		return guests_fail(err, cap, "guest %u is already running", id);
	case GUEST_PAUSED:
		return guests_fail(err, cap, "guest %u is paused: resume %u goes on, reset %u "
				   "starts over", id, id, id);
	case GUEST_OFF:
		if (!g->image)
			return guests_fail(err, cap, "guest %u has no image to start again "
					   "(it came from a snapshot)", id);
		vm_reset(&g->vm);
		break;
	default:
		break;
	}
	g->why[0] = 0;
	g->state = GUEST_RUNNING;
	return true;
}

bool guests_pause(struct guests *gs, unsigned id, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (g->state != GUEST_RUNNING)
		return guests_fail(err, cap, "guest %u is %s, not running", id,
				   guests_state_name(g->state));
	g->state = GUEST_PAUSED;
	return true;
}

bool guests_resume(struct guests *gs, unsigned id, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (g->state != GUEST_PAUSED)
		return guests_fail(err, cap, "guest %u is %s, not paused", id,
				   guests_state_name(g->state));
	g->state = GUEST_RUNNING;
	return true;
}

bool guests_reset(struct guests *gs, unsigned id, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (!g->image)
		return guests_fail(err, cap, "guest %u has no image to reset to (it came "
				   "from a snapshot)", id);
	if (g->line_len)
		flush_line(g);
	vm_reset(&g->vm);
	if (g->state == GUEST_OFF)
		g->state = GUEST_LOADED;
	g->why[0] = 0;
	return true;
}

bool guests_boot(struct guests *gs, unsigned id, uint32_t entry, char *err,
		 size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (g->state == GUEST_RUNNING)
		return guests_fail(err, cap, "guest %u is running: pause it first", id);
	if ((entry & ~1u) - VM_RAM_BASE >= g->vm.ram_size)
		return guests_fail(err, cap, "0x%08" PRIx32 " is outside guest %u's RAM "
				   "(0x%08" PRIx32 "-0x%08" PRIx32 ")", entry, id, (uint32_t)VM_RAM_BASE,
				   (uint32_t)(VM_RAM_BASE + g->vm.ram_size - 1));
	vm_boot_at(&g->vm, entry);
	g->why[0] = 0;
	g->state = GUEST_LOADED;
	return true;
}

bool guests_rm(struct guests *gs, unsigned id, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (g->line_len)
		flush_line(g);
	release(g);
	return true;
}

bool guests_save(struct guests *gs, unsigned id, struct vms_out *out,
		 uint8_t *json, size_t json_cap, char *err, size_t cap)
{
	struct guest *g;
	struct vms_error verr = { 0 };
	if (!need(gs, id, &g, err, cap))
		return false;
	out->err = &verr;
	if (!vm_snapshot_write(&g->vm, out, json, json_cap, &verr) || out->failed)
		return guests_fail(err, cap, "%s", verr.set ? verr.msg : "cannot write the snapshot");
	return true;
}

static uint8_t *restore_alloc(void *ctx, uint32_t size)
{
	return mem_alloc(ctx, size);
}

bool guests_restore(struct guests *gs, unsigned id, const uint8_t *buf,
		    size_t len, const struct snapshot_scratch *s, char *err,
		    size_t cap)
{
	struct guest *g = guests_get(gs, id);
	struct vm_state *st = &gs->scratch;
	struct restore_mem mem = { .ram_alloc = restore_alloc, .ctx = gs };
	struct vms_error verr = { 0 };
	if (!g)
		return guests_fail(err, cap, "no guest %u (guests are 1 to %u)", id, GUESTS_MAX);
	if (!restore_decode(buf, len, st, &mem, s, &verr)) {
		mem_free(gs, st->ram, st->ram_size);
		st->ram = NULL;
		return guests_fail(err, cap, "%s", verr.msg);
	}
	/* From here on nothing can fail but the interpreter's memory for a
	 * new slot, which is taken before the old guest is touched. */
	if (!g->ip) {
		g->ip = mem_alloc(gs, interp_size());
		if (!g->ip) {
			mem_free(gs, st->ram, st->ram_size);
			st->ram = NULL;
			return guests_fail(err, cap, "no memory for guest %u's interpreter", id);
		}
	}
	if (g->line_len)
		flush_line(g);
	if (g->state == GUEST_EMPTY) {
		bind(g, st->ram, st->ram_size);
		snprintf(g->name, sizeof(g->name), "(snapshot)");
	} else {
		mem_free(gs, g->vm.ram, g->vm.ram_size);
		g->insns_before += vm_insns(&g->vm);
	}
	vm_commit(&g->vm, st);
	st->ram = NULL;
	if (g->state != GUEST_RUNNING)
		g->state = GUEST_PAUSED;
	g->why[0] = 0;
	return true;
}

/* ---- running ---- */

uint64_t guests_insns(const struct guest *g)
{
	return g->state == GUEST_EMPTY ? 0 : g->insns_before + vm_insns(&g->vm);
}

bool guests_any_running(const struct guests *gs)
{
	for (unsigned i = 0; i < GUESTS_MAX; i++)
		if (gs->g[i].state == GUEST_RUNNING)
			return true;
	return false;
}

static void copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
}

static void run_slice(struct guest *g)
{
	switch (vm_run(&g->vm, vm_insns(&g->vm) + GUESTS_SLICE)) {
	case VM_LIMIT:
	case VM_RUNNING:
		return;
	case VM_OFF:
		g->state = GUEST_OFF;
		snprintf(g->why, sizeof(g->why), "powered off");
		note(g, "powered off");
		return;
	case VM_STOPPED:
		g->state = GUEST_PAUSED;
		return;
	case VM_ERROR:
		g->state = GUEST_OFF;
		note(g, "stopped: %s", g->vm.error);
		copy_str(g->why, sizeof(g->why), g->vm.error);
		return;
	}
}

bool guests_run(struct guests *gs)
{
	bool ran = false;
	for (unsigned k = 0; k < GUESTS_MAX; k++) {
		struct guest *g = &gs->g[(gs->next + k) % GUESTS_MAX];
		if (g->state != GUEST_RUNNING)
			continue;
		run_slice(g);
		ran = true;
	}
	gs->next = (gs->next + 1) % GUESTS_MAX;
	return ran;
}
