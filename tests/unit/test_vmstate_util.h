/*
 * Shared by the VMState unit tests (test_vmstate_engine.c,
 * test_vmstate_stream.c, test_vmstate_json.c): checks of errors, bytes and
 * strings that print what differs, and a JSON dump into a buffer.
 */
#ifndef TEST_VMSTATE_UTIL_H
#define TEST_VMSTATE_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vmstate/vmstate.h"

static __attribute__((unused)) void hexdump(const char *what, const uint8_t *p, size_t n)
{
	fprintf(stderr, "%s (%zu bytes):", what, n);
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "%s%02x", i % 16 ? " " : "\n  ", p[i]);
	fprintf(stderr, "\n");
}

/* True, both printed, if `got` is not `want`. */
static __attribute__((unused)) bool bytes_differ(const uint8_t *got, size_t glen,
						 const void *want, size_t wlen)
{
	if (glen == wlen && !memcmp(got, want, wlen))
		return false;
	hexdump("got", got, glen);
	hexdump("want", want, wlen);
	return true;
}

/* One line; "byte N: " at the start, with N == err->offset; fragments in it. */
static __attribute__((unused)) void assert_error(const struct vms_error *err, uint64_t offset, ...)
{
	char head[40];
	va_list ap;
	assert_true(err->set);
	assert_null(strchr(err->msg, '\n'));
	snprintf(head, sizeof(head), "byte %llu: ", (unsigned long long)offset);
	if (strncmp(err->msg, head, strlen(head)) || err->offset != offset)
		fail_msg("error \"%s\" (offset %llu), want it at byte %llu", err->msg,
			 (unsigned long long)err->offset, (unsigned long long)offset);
	va_start(ap, offset);
	for (const char *frag; (frag = va_arg(ap, const char *));)
		if (!strstr(err->msg, frag))
			fail_msg("error \"%s\" lacks \"%s\"", err->msg, frag);
	va_end(ap);
}

#define assert_str(got, want)                                                 \
	do {                                                                  \
		if (strcmp((got), (want)))                                    \
			fail_msg("got:\n%s\nwant:\n%s", (got), (want));       \
	} while (0)

/* vms_dump_json of `opaque` into buf, NUL-terminated; what it returned. */
static __attribute__((unused)) bool dump_to(const struct vms_desc *d, const void *opaque,
					    int indent, char *buf, size_t cap,
					    struct vms_error *err)
{
	struct vms_out out;
	vms_out_buffer(&out, buf, cap - 1, err);
	bool ok = vms_dump_json(&out, d, opaque, indent);
	buf[out.len] = 0;
	return ok;
}

#endif
