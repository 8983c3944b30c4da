/*
 * The guest table: up to GUESTS_MAX guests, numbered from 1, each with a
 * state, run in round-robin slices by an executor (DESIGN.md: one virtual
 * platform, three executors): the interpreter (kernel/guests_interp.c,
 * over struct vm) or the hypervisor (kernel/guests_hyp.c, over
 * kernel/hv.c). The table and the shell above it do not know which: what
 * they need of a guest's platform is a struct guest_view. Guest UART
 * output is gathered a line at a time and handed to the caller whole, so
 * that guest output and shell output never interleave mid-line.
 *
 * No malloc here: image copies come from the caller's allocator (the
 * host's heap, the firmware's), guest RAM from the executor's (the same
 * heap, or physical RAM of its own), so "does it fit" is their answer.
 */
#ifndef TERN_KERNEL_GUESTS_H
#define TERN_KERNEL_GUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/restore.h"
#include "kernel/vm.h"

#define GUESTS_MAX      8u
#define GUESTS_LINE_MAX 1024u             /* longer guest lines are split */
#define GUESTS_SLICE    (1u << 20)        /* instructions a guest runs a turn */
#define GUESTS_IDLE_MS  50u

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
 * says about it ("powered off (PSCI SYSTEM_OFF)"). */
typedef void (*guests_line_fn)(void *ctx, unsigned id, const char *text,
			       size_t n, bool note);

struct guests;
struct guest;

/* A guest's platform as the executor keeps it, complete (a hypervisor
 * guest's state is taken out of the hardware first). */
struct guest_view {
	struct arm_cpu *cpu;
	struct gic *gic;
	struct pl011 *uart;
	uint8_t *ram;
	uint32_t ram_size;
	uint64_t timer_count;     /* the generic timer's count (CNTPCT) now */
	uint64_t insns;           /* instructions run, or GUEST_NO_INSNS */
	uint64_t ticks_run;       /* timer ticks on the core (0: not kept) */
};

#define GUEST_NO_INSNS UINT64_MAX

enum guest_run {
	GUEST_RUN_RAN,
	GUEST_RUN_WAITING,  /* waits for an interrupt: exec->idle may sleep */
	GUEST_RUN_STOPPED,  /* stopped from outside: paused */
	GUEST_RUN_OFF,      /* powered off or stopped by an error: `why` says */
};

/*
 * An executor. `x` is its guest, made by create (or commit, into an empty
 * slot); g is the table's, for the output callbacks guests_guest_tx() and
 * guests_guest_note() (ctx = g).
 */
struct guests_exec {
	const char *name;   /* what ps shows: "interp", "hyp" */
	/* A platform with gs->ram_size of RAM booting image[0, len) (kept
	 * by pointer, for reset). NULL with one line in err. */
	void *(*create)(struct guests *gs, struct guest *g, const uint8_t *image,
			size_t len, char *err, size_t cap);
	void (*destroy)(struct guests *gs, void *x);
	void (*reset)(void *x);                 /* reload the image, boot */
	void (*boot_at)(void *x, uint32_t entry);
	/* One slice; GUEST_RUN_OFF fills why (a line). */
	enum guest_run (*run)(void *x, char *why, size_t cap);
	/* Every running guest waits: sleep until one may go on, input may
	 * have come, or max_ms. NULL: guests never wait. */
	void (*idle)(struct guests *gs, uint32_t max_ms);
	void (*view)(void *x, struct guest_view *v);
	/* RAM for a restore to decode into (zeroed), NULL if it does not fit. */
	uint8_t *(*ram_alloc)(struct guests *gs, uint32_t size);
	void (*ram_free)(struct guests *gs, uint8_t *ram, uint32_t size);
	/* The decoded state becomes x's (a new guest when x is NULL); its
	 * RAM is st->ram. NULL with one line in err, nothing changed. */
	void *(*commit)(struct guests *gs, struct guest *g, void *x,
			struct vm_state *st, char *err, size_t cap);
};

extern const struct guests_exec guests_exec_interp;  /* guests_interp.c */
extern const struct guests_exec guests_exec_hyp;     /* guests_hyp.c */

struct guest {
	void *x;                  /* the executor's guest */
	enum guest_state state;
	unsigned id;
	struct guests *owner;
	const uint8_t *image;     /* kept for reset */
	size_t image_len;
	bool image_owned;         /* our copy (else the caller keeps it) */
	char name[40];            /* what ps shows: the image's name */
	char why[200];            /* GUEST_OFF: why */
	char line[GUESTS_LINE_MAX];
	size_t line_len;
};

struct guests {
	struct guest g[GUESTS_MAX];
	const struct guests_exec *exec;
	struct guests_mem mem;
	guests_line_fn line;
	void *line_ctx;
	uint32_t ram_size;         /* RAM of a newly loaded guest */
	unsigned next;             /* round-robin position */
	unsigned slots;            /* slots in use: one past the last */
	struct vm_state scratch;   /* a restore decodes here first */
};

void guests_init(struct guests *gs, const struct guests_exec *exec,
		 const struct guests_mem *mem, guests_line_fn line, void *line_ctx,
		 uint32_t ram_size);

/* For executors: a byte guest g's UART sent; tern's line about g. */
void guests_guest_tx(void *g, uint8_t c);
void guests_guest_note(void *g, const char *text);

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
/* The same with an image the caller keeps where it is (a loader slot). */
bool guests_load_kept(struct guests *gs, unsigned id, const char *name,
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

/* Rounds of a slice for each running guest, until `stop(ctx)` says so
 * after a round (NULL: one round) or no guest ran in one; when all of
 * them wait, the executor's idle (up to GUESTS_IDLE_MS: the shell's
 * clock and timeouts go on). False if none runs. */
bool guests_run(struct guests *gs, bool (*stop)(void *ctx), void *ctx);
bool guests_any_running(const struct guests *gs);

/* Guest g's platform (g not empty). */
void guests_view(struct guest *g, struct guest_view *v);

#endif
