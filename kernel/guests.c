/*
 * The guest table (see guests.h): states, image copies, round-robin
 * slices, whole lines of guest output; the platform is the executor's.
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

void guests_guest_note(void *ctx, const char *text)
{
	struct guest *g = ctx;
	if (g->line_len)
		flush_line(g);
	if (g->owner->line)
		g->owner->line(g->owner->line_ctx, g->id, text, strlen(text), true);
}

void guests_guest_tx(void *ctx, uint8_t c)
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

void guests_init(struct guests *gs, const struct guests_exec *exec,
		 const struct guests_mem *mem, guests_line_fn line, void *line_ctx,
		 uint32_t ram_size)
{
	memset(gs, 0, sizeof(*gs));
	gs->exec = exec;
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

static void free_image(struct guests *gs, const uint8_t *image, size_t len, bool owned)
{
	if (owned)
		mem_free(gs, (void *)(uintptr_t)image, len);
}

/* gs->slots: one past the last slot in use, so that a round of the
 * scheduler does not walk the empty ones at the end. */
static void count_slots(struct guests *gs)
{
	unsigned n = GUESTS_MAX;

	while (n && gs->g[n - 1].state == GUEST_EMPTY)
		n--;
	gs->slots = n;
	if (gs->next >= n)
		gs->next = 0;
}

static void release(struct guest *g)
{
	struct guests *gs = g->owner;
	if (g->x)
		gs->exec->destroy(gs, g->x);
	free_image(gs, g->image, g->image_len, g->image_owned);
	unsigned id = g->id;
	memset(g, 0, sizeof(*g));
	g->id = id;
	g->owner = gs;
	count_slots(gs);
}

/* Slot id, empty or not. */
static bool slot(struct guests *gs, unsigned id, struct guest **out, char *err, size_t cap)
{
	*out = guests_get(gs, id);
	if (!*out)
		return guests_fail(err, cap, "no guest %u (guests are 1 to %u)", id, GUESTS_MAX);
	return true;
}

/* Guest id, which must be there. */
static bool need(struct guests *gs, unsigned id, struct guest **out, char *err,
		 size_t cap)
{
	if (!slot(gs, id, out, err, cap))
		return false;
	if ((*out)->state == GUEST_EMPTY)
		return guests_fail(err, cap, "guest %u is empty (load or restore it first)", id);
	return true;
}

static bool load(struct guests *gs, unsigned id, const char *name, const uint8_t *image,
		 size_t len, bool copy, char *err, size_t cap)
{
	struct guest *g;
	if (!slot(gs, id, &g, err, cap))
		return false;
	if (g->state == GUEST_RUNNING || g->state == GUEST_PAUSED)
		return guests_fail(err, cap, "guest %u is %s: rm it first", id,
				   guests_state_name(g->state));
	/* The new platform first: a bad image or no memory changes nothing. */
	const uint8_t *img = image;
	size_t ilen = len ? len : 1;
	if (copy) {
		uint8_t *c = mem_alloc(gs, ilen);
		if (!c)
			return guests_fail(err, cap, "no memory for a %zu-byte image", len);
		memcpy(c, image, len);
		img = c;
	}
	void *x = gs->exec->create(gs, g, img, len, err, cap);
	if (!x) {
		free_image(gs, img, ilen, copy);
		return false;
	}
	if (g->line_len)
		flush_line(g);
	release(g);
	g->x = x;
	g->image = img;
	g->image_len = ilen;
	g->image_owned = copy;
	/* a name that came over the line: printable only */
	snprintf(g->name, sizeof(g->name), "%s", name);
	for (char *c = g->name; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
	g->state = GUEST_LOADED;
	count_slots(gs);
	return true;
}

bool guests_load(struct guests *gs, unsigned id, const char *name,
		 const uint8_t *image, size_t len, char *err, size_t cap)
{
	return load(gs, id, name, image, len, true, err, cap);
}

bool guests_load_kept(struct guests *gs, unsigned id, const char *name,
		      const uint8_t *image, size_t len, char *err, size_t cap)
{
	return load(gs, id, name, image, len, false, err, cap);
}

static bool no_image(char *err, size_t cap, unsigned id, const char *what)
{
	return guests_fail(err, cap, "guest %u has no image to %s (it came from a snapshot)",
			   id, what);
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
			return no_image(err, cap, id, "start again");
		gs->exec->reset(g->x);
		break;
	default:
		break;
	}
	g->why[0] = 0;
	g->state = GUEST_RUNNING;
	return true;
}

/* pause and resume: from one state to the other. */
static bool change(struct guests *gs, unsigned id, enum guest_state from,
		   enum guest_state to, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (g->state != from)
		return guests_fail(err, cap, "guest %u is %s, not %s", id,
				   guests_state_name(g->state), guests_state_name(from));
	g->state = to;
	return true;
}

bool guests_pause(struct guests *gs, unsigned id, char *err, size_t cap)
{
	return change(gs, id, GUEST_RUNNING, GUEST_PAUSED, err, cap);
}

bool guests_resume(struct guests *gs, unsigned id, char *err, size_t cap)
{
	return change(gs, id, GUEST_PAUSED, GUEST_RUNNING, err, cap);
}

bool guests_reset(struct guests *gs, unsigned id, char *err, size_t cap)
{
	struct guest *g;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (!g->image)
		return no_image(err, cap, id, "reset to");
	if (g->line_len)
		flush_line(g);
	gs->exec->reset(g->x);
	if (g->state == GUEST_OFF)
		g->state = GUEST_LOADED;
	g->why[0] = 0;
	return true;
}

bool guests_boot(struct guests *gs, unsigned id, uint32_t entry, char *err,
		 size_t cap)
{
	struct guest *g;
	struct guest_view v;
	if (!need(gs, id, &g, err, cap))
		return false;
	if (g->state == GUEST_RUNNING)
		return guests_fail(err, cap, "guest %u is running: pause it first", id);
	gs->exec->view(g->x, &v);
	if ((entry & ~1u) - VM_RAM_BASE >= v.ram_size)
		return guests_fail(err, cap, "0x%08" PRIx32 " is outside guest %u's RAM "
				   "(0x%08" PRIx32 "-0x%08" PRIx32 ")", entry, id, (uint32_t)VM_RAM_BASE,
				   (uint32_t)(VM_RAM_BASE + v.ram_size - 1));
	gs->exec->boot_at(g->x, entry);
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

void guests_view(struct guest *g, struct guest_view *v)
{
	g->owner->exec->view(g->x, v);
}

bool guests_save(struct guests *gs, unsigned id, struct vms_out *out,
		 uint8_t *json, size_t json_cap, char *err, size_t cap)
{
	struct guest *g;
	struct guest_view v;
	struct vms_error verr = { 0 };
	if (!need(gs, id, &g, err, cap))
		return false;
	gs->exec->view(g->x, &v);
	out->err = &verr;
	struct vm_snap snap = { .cpu = v.cpu, .gic = v.gic, .uart = v.uart, .ram = v.ram,
				.ram_size = v.ram_size, .timer_count = v.timer_count };
	if (!vm_snap_write(&snap, out, json, json_cap, &verr) || out->failed)
		return guests_fail(err, cap, "%s", verr.set ? verr.msg : "cannot write the snapshot");
	return true;
}

static uint8_t *restore_alloc(void *ctx, uint32_t size)
{
	struct guests *gs = ctx;
	return gs->exec->ram_alloc(gs, size);
}

bool guests_restore(struct guests *gs, unsigned id, const uint8_t *buf,
		    size_t len, const struct snapshot_scratch *s, char *err,
		    size_t cap)
{
	struct guest *g;
	struct vm_state *st = &gs->scratch;
	struct restore_mem mem = { .ram_alloc = restore_alloc, .ctx = gs };
	struct vms_error verr = { 0 };
	if (!slot(gs, id, &g, err, cap))
		return false;
	st->ram = NULL;
	if (!restore_decode(buf, len, st, &mem, s, &verr)) {
		if (st->ram)
			gs->exec->ram_free(gs, st->ram, st->ram_size);
		st->ram = NULL;
		return guests_fail(err, cap, "%s", verr.msg);
	}
	/* Only the executor's memory for a guest in an empty slot can fail
	 * from here on; it is taken before the old guest is touched. */
	if (g->line_len)
		flush_line(g);
	void *x = gs->exec->commit(gs, g, g->x, st, err, cap);
	if (!x) {
		gs->exec->ram_free(gs, st->ram, st->ram_size);
		st->ram = NULL;
		return false;
	}
	st->ram = NULL;
	if (g->state == GUEST_EMPTY)
		snprintf(g->name, sizeof(g->name), "(snapshot)");
	g->x = x;
	if (g->state != GUEST_RUNNING)
		g->state = GUEST_PAUSED;
	g->why[0] = 0;
	count_slots(gs);
	return true;
}

/* ---- running ---- */

bool guests_any_running(const struct guests *gs)
{
	for (unsigned i = 0; i < GUESTS_MAX; i++)
		if (gs->g[i].state == GUEST_RUNNING)
			return true;
	return false;
}

/* A slice of g; whether it ran (else it waits, or stopped). */
static bool run_slice(struct guest *g)
{
	char why[sizeof(g->why)];
	switch (g->owner->exec->run(g->x, why, sizeof(why))) {
	case GUEST_RUN_RAN:
		return true;
	case GUEST_RUN_WAITING:
		return false;
	case GUEST_RUN_STOPPED:
		g->state = GUEST_PAUSED;
		return false;
	case GUEST_RUN_OFF:
		g->state = GUEST_OFF;
		memcpy(g->why, why, sizeof(why));
		guests_guest_note(g, g->why);
		return false;
	}
	return false;
}

/* A slice for each running guest, from gs->next on (the first of a
 * round moves on by one each round). */
static void run_round(struct guests *gs, bool *any, bool *ran)
{
	unsigned i = gs->next, n = gs->slots;

	for (unsigned k = 0; k < n; k++) {
		struct guest *g = &gs->g[i];

		if (++i == n)
			i = 0;
		if (g->state != GUEST_RUNNING)
			continue;
		*any = true;
		*ran |= run_slice(g);
	}
	if (++gs->next >= n)
		gs->next = 0;
}

bool guests_run(struct guests *gs, bool (*stop)(void *ctx), void *ctx)
{
	bool any, ran;

	do {
		any = ran = false;
		run_round(gs, &any, &ran);
	} while (ran && stop && !stop(ctx));
	if (any && !ran && guests_any_running(gs) && gs->exec->idle)
		gs->exec->idle(gs, GUESTS_IDLE_MS);
	return any;
}
