/*
 * The hypervisor executor of the guest table (kernel/guests.h): each
 * guest a struct hv_guest of kernel/hv.c, in physical RAM of its own
 * (hv_ram_alloc), run in slices on the Hyp timer. A snapshot reads the
 * state hv_guest_state() has taken out of the hardware, so the stream is
 * the one an interpreter guest gives.
 */
#include <inttypes.h>
#include <stdio.h>

#include "kernel/guests.h"
#include "kernel/hv.h"

static struct hv_guest_io hyp_io(struct guest *g)
{
	struct hv_guest_io io = {
		.uart_tx = guests_guest_tx,
		.note = guests_guest_note,
		.ctx = g,
	};
	return io;
}

static void *hyp_create(struct guests *gs, struct guest *g, const uint8_t *image,
			size_t len, char *err, size_t cap)
{
	struct hv_guest_io io = hyp_io(g);
	uint8_t *ram = hv_ram_alloc(gs->ram_size);
	struct hv_guest *hg;

	if (!ram) {
		snprintf(err, cap, "no RAM left for it (RAM ends at 0x%08" PRIx32 ")",
			 hv_ram_limit());
		return NULL;
	}
	hg = hv_guest_new(image, len, ram, gs->ram_size, &io, err, cap);
	if (!hg)
		hv_ram_free(ram, gs->ram_size);
	return hg;
}

static void hyp_destroy(struct guests *gs, void *x)
{
	struct hv_guest_view v;

	hv_guest_state(x, &v);
	hv_ram_free(v.ram, v.ram_size);
	hv_guest_free(x);
}

static void hyp_reset(void *x)
{
	hv_guest_reset(x);
}

static void hyp_boot_at(void *x, uint32_t entry)
{
	hv_guest_boot_at(x, entry);
}

static enum guest_run hyp_run(void *x, char *why, size_t cap)
{
	switch (hv_guest_run(x)) {
	case HV_RUN_RAN:
		return GUEST_RUN_RAN;
	case HV_RUN_WAITING:
		return GUEST_RUN_WAITING;
	case HV_RUN_OFF:
		break;
	}
	snprintf(why, cap, "%s", hv_guest_why(x));
	return GUEST_RUN_OFF;
}

static void hyp_idle(struct guests *gs, uint32_t max_ms)
{
	hv_idle(max_ms * 1000u);
}

static void hyp_view(void *x, struct guest_view *v)
{
	struct hv_guest_view h;

	hv_guest_state(x, &h);
	v->cpu = h.cpu;
	v->gic = h.gic;
	v->uart = h.uart;
	v->ram = h.ram;
	v->ram_size = h.ram_size;
	v->timer_count = h.counter;
	v->insns = GUEST_NO_INSNS;
	v->ticks_run = h.ticks_run;
}

static uint8_t *hyp_ram_alloc(struct guests *gs, uint32_t size)
{
	return hv_ram_alloc(size);
}

static void hyp_ram_free(struct guests *gs, uint8_t *ram, uint32_t size)
{
	hv_ram_free(ram, size);
}

static void *hyp_commit(struct guests *gs, struct guest *g, void *x, struct vm_state *st,
			char *err, size_t cap)
{
	struct hv_guest_io io = hyp_io(g);
	uint8_t *old;
	uint32_t old_size;

	if (!x) {
		/* Into an empty slot: a guest without an image, on st's RAM. */
		x = hv_guest_new(NULL, 0, st->ram, st->ram_size, &io, err, cap);
		if (!x)
			return NULL;
	}
	hv_guest_commit(x, st, &old, &old_size);
	if (old != st->ram)
		hv_ram_free(old, old_size);
	return x;
}

const struct guests_exec guests_exec_hyp = {
	.name = "hyp",
	.create = hyp_create,
	.destroy = hyp_destroy,
	.reset = hyp_reset,
	.boot_at = hyp_boot_at,
	.run = hyp_run,
	.idle = hyp_idle,
	.view = hyp_view,
	.ram_alloc = hyp_ram_alloc,
	.ram_free = hyp_ram_free,
	.commit = hyp_commit,
};
