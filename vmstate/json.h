/*
 * JSON for the VMState engine: a writer that formats exactly as QEMU's
 * JSONWriter does in its compact mode (", " and ": " separators), so that a
 * description tern writes is byte-identical to QEMU's, and a small parser
 * (no malloc: nodes in a caller's array) for reading QEMU's vmdesc.
 */
#ifndef TERN_VMSTATE_JSON_H
#define TERN_VMSTATE_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "vmstate/io.h"

#define VMS_JSON_MAX_DEPTH 32

struct vms_json {
	struct vms_out *out;
	unsigned depth;
	bool need_comma[VMS_JSON_MAX_DEPTH];
};

void vms_json_init(struct vms_json *j, struct vms_out *out);
/* `key` is NULL inside arrays (and for the top-level value). */
bool vms_json_start_object(struct vms_json *j, const char *key);
bool vms_json_end_object(struct vms_json *j);
bool vms_json_start_array(struct vms_json *j, const char *key);
bool vms_json_end_array(struct vms_json *j);
bool vms_json_str(struct vms_json *j, const char *key, const char *val);
bool vms_json_int(struct vms_json *j, const char *key, int64_t val);

/* ---- parser ---- */
enum vms_jtype { VMS_JNULL, VMS_JBOOL, VMS_JNUM, VMS_JSTR, VMS_JARR, VMS_JOBJ };

struct vms_jnode {
	uint8_t type;
	bool boolean;
	int64_t num;         /* VMS_JNUM: integers only (vmdesc has no others) */
	uint32_t key, keylen; /* member of an object: its key (offset in text) */
	uint32_t str, strlen; /* VMS_JSTR: the raw string (no escapes expected) */
	int32_t child;       /* first element / member, -1 if none */
	int32_t next;        /* next sibling, -1 if last */
};

struct vms_jdoc {
	const char *text;
	uint32_t len;
	struct vms_jnode *nodes;
	uint32_t count, cap;
};

/* Parse `text`; errors go to `err` naming the offset (+ base, the stream
 * offset of the text) and what was expected. */
bool vms_json_parse(struct vms_jdoc *doc, const char *text, uint32_t len,
		    struct vms_jnode *nodes, uint32_t cap, uint64_t base,
		    struct vms_error *err);
/* Member `key` of object node `obj`, or -1. */
int32_t vms_json_get(const struct vms_jdoc *doc, int32_t obj, const char *key);
bool vms_json_streq(const struct vms_jdoc *doc, int32_t node, const char *s);
/* Copy a string node into buf (NUL-terminated); false if it does not fit. */
bool vms_json_strcpy(const struct vms_jdoc *doc, int32_t node, char *buf,
		     uint32_t cap);

#endif
