/*
 * The VMState engine: state descriptions as data, read by one codec.
 *
 * A description (struct vms_desc) lists the fields of one C struct in wire
 * order, the way QEMU's VMStateDescription does; vms_save() writes them,
 * vms_load() reads them back, vms_dump_json() prints their values, and the
 * JSON description that trails a migration stream is produced from the same
 * table while saving. Freestanding: no malloc, no ARM knowledge.
 *
 * Three ways to bridge memory and wire (see DESIGN.md):
 *  - plain fields: the memory holds the wire value (integers are host-endian
 *    in memory, big-endian on the wire);
 *  - conversion fields (VMS_CONV): get/set converters turn the in-memory
 *    representation into one wire integer and back; bytes stay in the core,
 *    so every wire format (binary, JSON) works for them. The default;
 *  - custom codecs (VMS_CODEC) that read and write the wire themselves, and
 *    pre_save/post_load hooks on a description.
 */
#ifndef TERN_VMSTATE_VMSTATE_H
#define TERN_VMSTATE_VMSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmstate/io.h"

enum vms_kind {
	VMS_INT,     /* integer of `size` bytes (1, 2, 4, 8) */
	VMS_BOOL,    /* one byte, 0 or 1 */
	VMS_BUFFER,  /* `size` raw bytes */
	VMS_VBUFFER, /* raw bytes, how many given by the count field */
	VMS_UNUSED,  /* `size` zero bytes on save, skipped on load */
	VMS_STRUCT,  /* a nested description (`vmsd`) */
	VMS_CONV,    /* conversion field: `conv` converters, wire integer of `size` */
	VMS_CODEC,   /* custom codec: `codec` reads and writes the wire */
};

enum vms_flags {
	VMS_F_SIGNED = 1 << 0, /* integer is signed (JSON type intN) */
	VMS_F_VARRAY = 1 << 1, /* element count: the int32 at num_offset (or fns) */
	VMS_F_SERIES = 1 << 2, /* stands for `series_len` numbered fields (below) */
	VMS_F_EXT    = 1 << 3, /* the field's numbers are in `ext` (below) */
};

struct vms_field;
struct vms_desc;

/*
 * Conversion field: `opaque` is the struct the description describes (not
 * the field), `i` the array element (in its member, for a series). set() rejects an impossible value by
 * calling vms_fail(in, ...) and returning false.
 */
struct vms_conv {
	uint64_t (*get)(const void *opaque, uint32_t i);
	bool (*set)(void *opaque, uint32_t i, uint64_t wire, struct vms_in *in);
	const char *type_name; /* JSON "type" of its fields (QEMU's VMStateInfo name) */
};

/* Custom codec: writes / reads element `i` of field `f` of `opaque`. */
struct vms_codec {
	bool (*put)(struct vms_out *out, const void *opaque,
		    const struct vms_field *f, uint32_t i);
	bool (*get)(struct vms_in *in, void *opaque,
		    const struct vms_field *f, uint32_t i);
	const char *type_name; /* JSON "type" of its fields */
};

/* A field's rarely needed callbacks (one shared table, not two pointers
 * in every field). */
struct vms_field_fns {
	bool (*exists)(const void *opaque, int version_id);
	/* VMS_F_VARRAY: the count, when it is derived rather than stored. */
	uint32_t (*count)(const void *opaque);
};

/*
 * A field in full, for what a compact struct vms_field cannot say: numbers
 * beyond its widths, a version, callbacks, a JSON index (fields built from a stream's JSON description all use one).
 * The field itself then keeps only its name, kind and flags (VMS_F_EXT).
 */
struct vms_field_ext {
	union {                /* as in struct vms_field */
		const struct vms_desc *vmsd;
		const struct vms_conv *conv;
		const struct vms_codec *codec;
		const char *type_name;
	};
	const struct vms_field_fns *fns; /* NULL: exists by version, count stored */
	uint32_t offset;       /* of the first element in the struct */
	uint32_t num;          /* elements of a fixed array; 0 or 1: scalar */
	uint16_t size;         /* wire bytes of one element (not for STRUCT) */
	uint16_t num_offset;   /* VARRAY/VBUFFER: offset of the int32 count */
	union {                /* by kind, as in struct vms_field */
		uint16_t stride;
		uint16_t max_num;
		struct {
			uint8_t series_len;
			uint8_t series_first;
		};
	};
	/* 0, or 1 + its "index" where a JSON description has QEMU's array
	 * element by element (vmdesc.c) */
	uint16_t json_index1;
	uint8_t version_id;    /* exists when the stream's version >= this */
};

/*
 * 16 bytes on a 32-bit target (descriptions are most of a firmware's
 * tables): name, one pointer by kind, narrow numbers; a field that needs
 * more points to its struct vms_field_ext instead (VMS_F_EXT). Counts of
 * variable arrays and buffers are int32 members, as all of tern's are.
 */
struct vms_field {
	const char *name;      /* as QEMU names it in its JSON description */
	union {                /* by kind */
		const struct vms_desc *vmsd;   /* VMS_STRUCT */
		const struct vms_conv *conv;   /* VMS_CONV */
		const struct vms_codec *codec; /* VMS_CODEC */
		const char *type_name; /* others: JSON "type"; NULL: from kind/size */
		const struct vms_field_ext *ext; /* VMS_F_EXT: all but name, kind, flags */
	};
	uint16_t offset;       /* of the first element in the struct */
	union {
		uint16_t num;        /* elements of a fixed array; 0 or 1: scalar */
		uint16_t num_offset; /* VARRAY/VBUFFER: offset of its int32 count */
	};
	uint8_t size;          /* wire bytes of one element (not for STRUCT) */
	uint8_t kind : 3;      /* enum vms_kind */
	uint8_t flags : 5;     /* enum vms_flags */
	union {
		uint16_t stride;     /* STRUCT: memory bytes of an element */
		uint16_t max_num;    /* VARRAY/VBUFFER: capacity, checked on load */
		/*
		 * VMS_F_SERIES: the field is member 0 of a series of fields
		 * of one shape (QEMU's env.vfp.zregs[0].d ... [31].d), its
		 * name has "[]" where QEMU's has the member's number. Member
		 * k is numbered series_first + k; its elements follow member
		 * k - 1's in memory. vms_field_get/set number the elements
		 * on from one member to the next (k * num + j); a converter
		 * sees j.
		 */
		struct {
			uint8_t series_len;
			uint8_t series_first;
		};
	};
};
_Static_assert(sizeof(void *) != 4 || sizeof(struct vms_field) == 16,
	       "struct vms_field: 16 bytes on a 32-bit target");

struct vms_desc {
	const char *name;
	int16_t version_id;         /* QEMU's are small; vmdesc.c checks */
	int16_t minimum_version_id;
	uint16_t nfields;           /* in `fields`: set both with VMS_FIELDS */
	const struct vms_field *fields;
	const struct vms_desc *const *subsections; /* NULL-terminated, or NULL */
	bool (*needed)(const void *opaque);        /* subsections: written if true; NULL: always */
	bool (*pre_save)(void *opaque, struct vms_out *out);
	bool (*post_load)(void *opaque, int version_id, struct vms_in *in);
};

/* ---- field constructors: keep descriptions one line a field ---- */
#define VMS_MEMBER_SIZE(type, m) sizeof(((type *)0)->m)
/* x, or a compile error if it is above `max` (the field's width). */
#define VMS_FITS(x, max) ((x) + 0 * sizeof(char[(x) <= (max) ? 1 : -1]))
#define VMS_OFFSET(type, m) VMS_FITS(offsetof(type, m), UINT16_MAX)

#define VMS_INT_FIELD(nm, type, m, sz, fl, n)                                \
	{ .name = (nm), .kind = VMS_INT, .size = (sz), .flags = (fl),        \
	  .offset = VMS_OFFSET(type, m), .num = VMS_FITS(n, UINT16_MAX) }
#define VMS_UINT8(nm, type, m)  VMS_INT_FIELD(nm, type, m, 1, 0, 0)
#define VMS_UINT16(nm, type, m) VMS_INT_FIELD(nm, type, m, 2, 0, 0)
#define VMS_UINT32(nm, type, m) VMS_INT_FIELD(nm, type, m, 4, 0, 0)
#define VMS_UINT64(nm, type, m) VMS_INT_FIELD(nm, type, m, 8, 0, 0)
#define VMS_INT32(nm, type, m)  VMS_INT_FIELD(nm, type, m, 4, VMS_F_SIGNED, 0)
#define VMS_INT64(nm, type, m)  VMS_INT_FIELD(nm, type, m, 8, VMS_F_SIGNED, 0)
#define VMS_UINT32_ARRAY(nm, type, m, n) VMS_INT_FIELD(nm, type, m, 4, 0, n)
#define VMS_UINT64_ARRAY(nm, type, m, n) VMS_INT_FIELD(nm, type, m, 8, 0, n)
#define VMS_BOOL_FIELD(nm, type, m)                                          \
	{ .name = (nm), .kind = VMS_BOOL, .size = 1,                         \
	  .offset = VMS_OFFSET(type, m) }
#define VMS_BUFFER_FIELD(nm, type, m)                                        \
	{ .name = (nm), .kind = VMS_BUFFER,                                  \
	  .size = VMS_FITS(VMS_MEMBER_SIZE(type, m), UINT8_MAX),             \
	  .offset = VMS_OFFSET(type, m) }
#define VMS_UNUSED_FIELD(n)                                                  \
	{ .name = "unused", .kind = VMS_UNUSED, .size = VMS_FITS(n, UINT8_MAX) }
/* Variable array of `esz`-byte integers; count in int32 member `cnt`. */
#define VMS_VARRAY_INT32(nm, type, m, cnt, esz, maxn)                        \
	{ .name = (nm), .kind = VMS_INT, .size = (esz), .flags = VMS_F_VARRAY, \
	  .offset = VMS_OFFSET(type, m), .num_offset = VMS_OFFSET(type, cnt),   \
	  .max_num = (maxn) }
#define VMS_STRUCT_FIELD(nm, type, m, desc, n, stype)                        \
	{ .name = (nm), .kind = VMS_STRUCT, .offset = VMS_OFFSET(type, m),     \
	  .num = (n), .stride = VMS_FITS(sizeof(stype), UINT16_MAX),         \
	  .vmsd = &(desc) }
#define VMS_CONV_FIELD(nm, sz, cv, n)                                        \
	{ .name = (nm), .kind = VMS_CONV, .size = (sz), .conv = &(cv),        \
	  .num = (n) }
#define VMS_CODEC_FIELD(nm, sz, cd)                                          \
	{ .name = (nm), .kind = VMS_CODEC, .size = (sz), .codec = &(cd) }
/* Series (VMS_F_SERIES) of `len` arrays of `n` integers, back to back in
 * memory from member m; and of conversion fields. */
#define VMS_UINT64_SERIES(nm, type, m, n, first, len)                        \
	{ .name = (nm), .kind = VMS_INT, .size = 8, .flags = VMS_F_SERIES,    \
	  .offset = VMS_OFFSET(type, m), .num = (n),                         \
	  .series_first = (first), .series_len = (len) }
#define VMS_CONV_SERIES(nm, sz, cv, n, first, len)                           \
	{ .name = (nm), .kind = VMS_CONV, .size = (sz),                       \
	  .flags = VMS_F_SERIES, .conv = &(cv), .num = (n),                   \
	  .series_first = (first), .series_len = (len) }
/* Variable buffer of at most `maxn` bytes; its length in int32 member `len`. */
#define VMS_VBUFFER_INT32(nm, type, m, len, maxn)                             \
	{ .name = (nm), .kind = VMS_VBUFFER, .offset = VMS_OFFSET(type, m),   \
	  .num_offset = VMS_OFFSET(type, len), .max_num = (maxn) }
/* Any field in full (struct vms_field_ext `x`). */
#define VMS_EXT_FIELD(nm, knd, fl, x)                                         \
	{ .name = (nm), .kind = (knd), .flags = (fl) | VMS_F_EXT, .ext = &(x) }
/* A description's fields: .fields and .nfields from one array. */
#define VMS_FIELDS(t) .fields = (t), .nfields = sizeof(t) / sizeof((t)[0])

/* ---- the engine ---- */
struct vms_json;

/*
 * Write `opaque` as described by `d` (fields, then needed subsections).
 * `json` (may be NULL) receives the description object's members, as
 * QEMU's vmdesc has them ("vmsd_name", "version", "fields", "subsections").
 */
bool vms_save(struct vms_out *out, const struct vms_desc *d, void *opaque,
	      struct vms_json *json);

/* Read a body written with version `version_id` of `d` into `opaque`. */
bool vms_load(struct vms_in *in, const struct vms_desc *d, void *opaque,
	      int version_id);

/*
 * Print the values of `opaque` as one JSON object: {"field": value, ...,
 * "sub/name": {...}}; integers as numbers, arrays as lists, buffers as hex
 * strings. Field names as in the JSON description.
 */
bool vms_dump_json(struct vms_out *out, const struct vms_desc *d,
		   const void *opaque, int indent);

/* Element count of field `f` in `opaque` (fixed or variable; of all the
 * members of a series). */
uint32_t vms_field_count(const struct vms_field *f, const void *opaque);

/* Where element i of field `f` (not a conversion or codec field) sits in
 * `opaque`; the description of a VMS_STRUCT field's elements (NULL for
 * other kinds). */
const void *vms_field_elem(const struct vms_field *f, const void *opaque,
			   uint32_t i);
const struct vms_desc *vms_field_struct(const struct vms_field *f);

/*
 * Find a field by its JSON name in `d` or its subsections (the first match;
 * "sub/name:field" picks a subsection), and read or write element `i` the
 * way the wire sees it (conversion fields through their converters).
 * A series member's name finds the series, and `*first` (may be NULL)
 * the number of that member's first element (0 for other fields).
 * Errors name the field; `in` carries them for set (a conversion may refuse).
 */
const struct vms_field *vms_field_find(const struct vms_desc *d,
				       const char *name,
				       const struct vms_desc **owner,
				       uint32_t *first);
bool vms_field_get(const struct vms_field *f, const void *opaque, uint32_t i,
		   uint64_t *v);
bool vms_field_set(const struct vms_field *f, void *opaque, uint32_t i,
		   uint64_t v, struct vms_in *in);

#endif
