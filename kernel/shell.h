/*
 * The UART shell: how a person (at picocom, minicom, screen) or a script
 * drives tern. The same code runs in the firmware on its console and on a
 * host (`tern shell`, stdio or a pty): everything it needs from outside
 * comes in struct shell_console (bytes in and out, a clock) and struct
 * shell_mem (buffers), the guests in struct guests.
 *
 * Commands are a table (shell.c); each error is one line "error: ...".
 * Guest output arrives a whole line at a time, printed "[N] text" in place
 * of the prompt, which is drawn again under it with what was typed so far.
 * See docs/shell.md.
 */
#ifndef TERN_KERNEL_SHELL_H
#define TERN_KERNEL_SHELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/frame.h"
#include "kernel/guests.h"
#include "kernel/snapshot.h"

#define SHELL_LINE_MAX 128u

struct shell_console {
	/* Raw bytes out (YMODEM is binary: no newline translation). */
	void (*write)(void *ctx, const void *p, size_t n);
	/* The next input byte, -1 when none is waiting, -2 when input ended.
	 * Never blocks. */
	int (*read_byte)(void *ctx);
	/* True when read_byte has a byte (or the end) for us; NULL: cannot
	 * tell, and the guests run one round a turn of the shell. */
	bool (*input_ready)(void *ctx);
	/* A millisecond clock (wraps); NULL: no timeouts. */
	uint32_t (*now_ms)(void *ctx);
	/* Sleep until input may be waiting or `ms` passed; NULL: return. */
	void (*wait)(void *ctx, uint32_t ms);
	void *ctx;
	bool crlf;   /* lines end in "\r\n" (a terminal), else "\n" */
	bool ansi;   /* the terminal knows ESC [ K (erase the prompt line) */
};

struct shell_mem {
	uint8_t *xfer;                   /* a whole stream or image */
	size_t xfer_cap;
	uint8_t *json;                   /* the JSON description while saving */
	size_t json_cap;
	struct snapshot_scratch scratch; /* decoding a stream */
};

struct shell_config {
	const char *banner;    /* first line, e.g. "tern 0.1 on host" */
	bool can_quit;         /* `quit` and Ctrl-D end the shell (host) */
	/* `poweroff` switches the machine off (firmware); NULL: no such
	 * command. */
	void (*poweroff)(void);
	/* No prompt until the first byte comes in (firmware): a console
	 * nobody types at shows the guests' lines only. */
	bool prompt_on_input;
	uint32_t ymodem_start_ms; /* 0: YMODEM's default wait for the peer */
};

enum shell_mode {
	SHELL_COMMAND,   /* the line editor */
	SHELL_FRAME,     /* a text frame is coming (restore, load) */
	SHELL_DISCARD,   /* the rest of a refused frame is still coming */
};

struct shell {
	struct shell_console con;
	struct shell_mem mem;
	struct shell_config cfg;
	struct guests *gs;
	enum shell_mode mode;

	/* the line editor */
	char line[SHELL_LINE_MAX];
	size_t len;
	bool prompt_shown;
	bool prompt_wanted; /* draw it at the end of the turn */
	bool last_cr;       /* "\r\n" is one line end */
	int esc;            /* inside an escape sequence (arrow keys) */

	/* a frame coming in */
	struct frame_dec dec;
	char fline[FRAME_MAX_LINE + 1];
	size_t flen;
	unsigned frame_id;
	bool frame_load;    /* an image for `load`, else a snapshot */
	uint32_t frame_ms;  /* when input last came */

	bool attended;      /* a byte has come in */
	bool quit;          /* `quit`, or Ctrl-D */
	bool eof;           /* input ended */
};

void shell_init(struct shell *sh, const struct shell_console *con,
		const struct shell_mem *mem, struct guests *gs,
		const struct shell_config *cfg);

/* The guests' line sink: pass it (with the shell) to guests_init. */
void shell_guest_line(void *ctx, unsigned id, const char *text, size_t n,
		      bool note);

/* The banner and the first prompt. */
void shell_start(struct shell *sh);
/* One byte typed (or pasted). */
void shell_input(struct shell *sh, uint8_t c);
/* A turn: waiting input, timeouts, a slice for each running guest, the
 * prompt. True if a guest ran (so the caller should not sleep). */
bool shell_poll(struct shell *sh);
/* shell_start, then turns until `quit`, or until input has ended and no
 * guest runs; sleeps through con.wait when nothing runs. */
void shell_run(struct shell *sh);

/* A whole line of shell output, "error: " and all (for the board). */
void shell_printf(struct shell *sh, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
