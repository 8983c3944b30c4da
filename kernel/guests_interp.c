/*
 * The interpreter executor of the guest table (kernel/guests.h): each
 * guest a struct vm on its own interpreter, RAM and interpreter from the
 * table's allocator (the host's heap; the firmware's where HYP cannot be
 * reached).
 */
#include <stdio.h>
#include <string.h>

#include "kernel/guests.h"

struct interp_guest {
	struct vm vm;
	uint64_t insns_before;    /* instructions run before the last restore */
};

static void *mem_alloc(struct guests *gs, size_t size)
{
	return gs->mem.alloc(gs->mem.ctx, size);
}

static void mem_free(struct guests *gs, void *p, size_t size)
{
	if (p)
		gs->mem.free(gs->mem.ctx, p, size);
}

static void ig_free(struct guests *gs, struct interp_guest *ig, bool ram)
{
	if (ig->vm.ip) {
		interp_free(ig->vm.ip);
		mem_free(gs, ig->vm.ip, interp_size());
	}
	if (ram)
		mem_free(gs, ig->vm.ram, ig->vm.ram_size);
	mem_free(gs, ig, sizeof(*ig));
}

/* A guest and its interpreter bound to `ram`; NULL if memory is short. */
static struct interp_guest *ig_new(struct guests *gs, struct guest *g, uint8_t *ram,
				   uint32_t ram_size)
{
	struct vm_io io = { .uart_tx = guests_guest_tx, .ctx = g };
	struct interp_guest *ig = mem_alloc(gs, sizeof(*ig));
	struct interp *ip = mem_alloc(gs, interp_size());

	if (!ig || !ip) {
		mem_free(gs, ip, interp_size());
		mem_free(gs, ig, sizeof(*ig));
		return NULL;
	}
	vm_init(&ig->vm, ram, ram_size, ip, &io);
	return ig;
}

static void *ig_create(struct guests *gs, struct guest *g, const uint8_t *image,
			   size_t len, char *err, size_t cap)
{
	uint8_t *ram = mem_alloc(gs, gs->ram_size);
	struct interp_guest *ig = ram ? ig_new(gs, g, ram, gs->ram_size) : NULL;

	if (!ig) {
		mem_free(gs, ram, gs->ram_size);
		snprintf(err, cap, "no memory for a %u MiB guest", (unsigned)(gs->ram_size >> 20));
		return NULL;
	}
	if (!vm_load(&ig->vm, image, len)) {
		snprintf(err, cap, "%s", ig->vm.error);
		ig_free(gs, ig, true);
		return NULL;
	}
	return ig;
}

static void ig_destroy(struct guests *gs, void *x)
{
	ig_free(gs, x, true);
}

static void ig_reset(void *x)
{
	struct interp_guest *ig = x;
	vm_reset(&ig->vm);
}

static void ig_boot_at(void *x, uint32_t entry)
{
	struct interp_guest *ig = x;
	vm_boot_at(&ig->vm, entry);
}

static enum guest_run ig_run(void *x, char *why, size_t cap)
{
	struct interp_guest *ig = x;
	switch (vm_run(&ig->vm, vm_insns(&ig->vm) + GUESTS_SLICE)) {
	case VM_LIMIT:
	case VM_RUNNING:
		return GUEST_RUN_RAN;
	case VM_OFF:
		snprintf(why, cap, "powered off");
		return GUEST_RUN_OFF;
	case VM_STOPPED:
		return GUEST_RUN_STOPPED;
	case VM_ERROR:
		snprintf(why, cap, "stopped: %s", ig->vm.error);
		return GUEST_RUN_OFF;
	}
	return GUEST_RUN_RAN;
}

static void ig_view(void *x, struct guest_view *v)
{
	struct interp_guest *ig = x;
	v->cpu = &ig->vm.cpu;
	v->gic = &ig->vm.gic;
	v->uart = &ig->vm.uart;
	v->ram = ig->vm.ram;
	v->ram_size = ig->vm.ram_size;
	v->timer_count = vm_timer_count(&ig->vm);
	v->insns = ig->insns_before + vm_insns(&ig->vm);
	v->ticks_run = 0;
}

static uint8_t *ig_ram_alloc(struct guests *gs, uint32_t size)
{
	return mem_alloc(gs, size);
}

static void ig_ram_free(struct guests *gs, uint8_t *ram, uint32_t size)
{
	mem_free(gs, ram, size);
}

static void *ig_commit(struct guests *gs, struct guest *g, void *x, struct vm_state *st,
			   char *err, size_t cap)
{
	struct interp_guest *ig = x;

	if (!ig) {
		ig = ig_new(gs, g, st->ram, st->ram_size);
		if (!ig) {
			snprintf(err, cap, "no memory for guest %u's interpreter", g->id);
			return NULL;
		}
	} else {
		mem_free(gs, ig->vm.ram, ig->vm.ram_size);
		ig->insns_before += vm_insns(&ig->vm);
	}
	vm_commit(&ig->vm, st);
	return ig;
}

const struct guests_exec guests_exec_interp = {
	.name = "interp",
	.create = ig_create,
	.destroy = ig_destroy,
	.reset = ig_reset,
	.boot_at = ig_boot_at,
	.run = ig_run,
	.idle = NULL,
	.view = ig_view,
	.ram_alloc = ig_ram_alloc,
	.ram_free = ig_ram_free,
	.commit = ig_commit,
};
