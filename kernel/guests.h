/*
 * The guest table: up to GUESTS_MAX guests, numbered from 1, each a
 * struct vm with a state, run in round-robin slices. Guest UART output is
 * gathered a line at a time and handed to the caller whole, so that guest
 * output and shell output never interleave mid-line.
 *
 * No malloc here: guest RAM, interpreters and image copies come from the
 * caller's allocator (the host's heap, the firmware's free RAM), so "does
 * it fit" is the allocator's answer.
 */
#ifndef TERN_KERNEL_GUESTS_H
#define TERN_KERNEL_GUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/restore.h"
#include "kernel/vm.h"

#define GUESTS_MAX      8u
#define GUESTS_LINE_MAX 160u              /* longer guest lines are split */
#define GUESTS_SLICE    (1u << 20)        /* instructions a guest runs a turn */

enum guest_state {
	GUEST_EMPTY,    /* nothing in the slot */
	GUEST_LOADED,   /* an image is loaded, the CPU at its entry */
	GUEST_RUNNING,
	GUEST_PAUSED,
	GUEST_OFF,      /* powered off, or stopped by an error (guest.why) */
};

struct guests_mem {
	/* `size` bytes, zeroed, or NULL when they do not fit. */
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *p, size_t size);
	void *ctx;
};

/* A whole line of guest `id` (no newline), or with `note` a line tern
 * says about it ("powered off"). */
typedef void (*guests_line_fn)(void *ctx, unsigned id, const char *text,
			       size_t n, bool note);

struct guests;

struct guest {
	struct vm vm;
	enum guest_state state;
	unsigned id;
	struct guests *owner;
	struct interp *ip;        /* interp_size() bytes from the allocator */
	uint8_t *image;           /* our copy, kept for reset */
	size_t image_len;
	char name[40];            /* what ps shows: the image's name */
	uint64_t insns_before;    /* instructions run before the last restore */
	char why[200];            /* GUEST_OFF: why */
	char line[GUESTS_LINE_MAX];
	size_t line_len;
};

struct guests {
	struct guest g[GUESTS_MAX];
	struct guests_mem mem;
	guests_line_fn line;
	void *line_ctx;
	uint32_t ram_size;         /* RAM of a newly loaded guest */
	unsigned next;             /* round-robin position */
	struct vm_state scratch;   /* a restore decodes here first */
};

void guests_init(struct guests *gs, const struct guests_mem *mem,
		 guests_line_fn line, void *line_ctx, uint32_t ram_size);

/* Guest `id` (1..GUESTS_MAX), or NULL. */
struct guest *guests_get(struct guests *gs, unsigned id);

const char *guests_state_name(enum guest_state st);

/*
 * Every operation returns false with one line in err (no newline, no
 * "error:" prefix) and leaves the guest as it was.
 */
/* An ELF or raw image (copied) into an empty, loaded or off slot. */
bool guests_load(struct guests *gs, unsigned id, const char *name,
		 const uint8_t *image, size_t len, char *err, size_t cap);
bool guests_start(struct guests *gs, unsigned id, char *err, size_t cap);
bool guests_pause(struct guests *gs, unsigned id, char *err, size_t cap);
bool guests_resume(struct guests *gs, unsigned id, char *err, size_t cap);
/* Reboot from the image; a running guest goes on running. */
bool guests_reset(struct guests *gs, unsigned id, char *err, size_t cap);
/* Enter the guest's RAM at `entry` (bit 0: Thumb); the guest is then
 * loaded, ready for start. */
bool guests_boot(struct guests *gs, unsigned id, uint32_t entry, char *err,
		 size_t cap);
bool guests_rm(struct guests *gs, unsigned id, char *err, size_t cap);

/* The guest's snapshot into `out` (see vm_snapshot_write). */
bool guests_save(struct guests *gs, unsigned id, struct vms_out *out,
		 uint8_t *json, size_t json_cap, char *err, size_t cap);

/*
 * Decode a stream into the scratch state, and only if all of it checked
 * out, make it guest `id` (created if the slot is empty). A running guest
 * goes on running from the snapshot; any other becomes paused.
 */
bool guests_restore(struct guests *gs, unsigned id, const uint8_t *buf,
		    size_t len, const struct snapshot_scratch *s, char *err,
		    size_t cap);

/* One round: a slice for each running guest. False if none runs. */
bool guests_run(struct guests *gs);
bool guests_any_running(const struct guests *gs);

/* Instructions guest `id` ran under this tern. */
uint64_t guests_insns(const struct guest *g);

#endif
