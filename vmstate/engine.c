/*
 * The VMState engine: one codec for every description.
 *
 * Wire rules follow QEMU's migration/vmstate.c (read for facts): fields in
 * table order, a field exists when its version_id <= the stream's version
 * (or its exists() says so), arrays are their elements back to back, then
 * the needed subsections, each as 0x05, u8 name length, name, be32 version,
 * body. The JSON description mirrors QEMU's vmdesc: an array is one entry
 * with "array_len" when it can be described once, else one entry per
 * element with "index"; a name that occurs twice gets "[n]" appended.
 */
#include <inttypes.h>
#include <string.h>

#include "vmstate/json.h"
#include "vmstate/vmstate.h"

#define SUBSECTION_MARKER 0x05

/* Each field f of description d. */
#define FOR_FIELDS(f, d)                                                     \
	for (const struct vms_field *f = (d)->fields, *f##_end = f + (d)->nfields; \
	     f < f##_end; f++)

/* ---- memory access (host-endian integers of the wire width) ---- */

static uint64_t mem_read(const void *p, unsigned size)
{
	switch (size) {
	case 1: { uint8_t v; memcpy(&v, p, 1); return v; }
	case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
	case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
	default: { uint64_t v; memcpy(&v, p, 8); return v; }
	}
}

static void mem_write(void *p, unsigned size, uint64_t x)
{
	switch (size) {
	case 1: { uint8_t v = (uint8_t)x; memcpy(p, &v, 1); break; }
	case 2: { uint16_t v = (uint16_t)x; memcpy(p, &v, 2); break; }
	case 4: { uint32_t v = (uint32_t)x; memcpy(p, &v, 4); break; }
	default: memcpy(p, &x, 8); break;
	}
}

/*
 * A field unpacked: a compact struct vms_field's numbers, or its
 * struct vms_field_ext, in one shape the engine reads.
 */
struct fld {
	const struct vms_field *f; /* name; the table entry itself */
	struct vms_field_ext x;
	uint8_t kind, flags;
	uint16_t step;             /* memory bytes from one element to the next */
};

static void unpack(const struct vms_field *f, struct fld *u)
{
	u->f = f;
	u->kind = f->kind;
	u->flags = f->flags;
	if (f->flags & VMS_F_EXT) {
		u->x = *f->ext;
	} else {
		memset(&u->x, 0, sizeof(u->x));
		u->x.type_name = f->type_name; /* the kind's pointer, whichever */
		u->x.offset = f->offset;
		u->x.num_offset = f->num; /* or num: a kind reads one */
		u->x.num = f->kind == VMS_VBUFFER ? 0 : f->num; /* one buffer */
		u->x.size = f->size;
		u->x.stride = f->stride; /* or max_num, or the series': the same bits */
	}
	u->step = f->kind == VMS_STRUCT ? u->x.stride : u->x.size;
}

static bool field_exists(const struct fld *u, const void *opaque,
			 int version_id)
{
	if (u->x.fns && u->x.fns->exists)
		return u->x.fns->exists(opaque, version_id);
	return u->x.version_id <= version_id;
}

/* Members of a series; 1 for any other field. */
static uint32_t series_len(const struct fld *u)
{
	return (u->flags & VMS_F_SERIES) ? u->x.series_len : 1;
}

/* Elements of a fixed array (1 for a scalar). */
static uint32_t fixed_num(const struct fld *u)
{
	return u->x.num > 1 ? u->x.num : 1;
}

/* The int32 count stored at num_offset (VARRAY, VBUFFER). */
static uint32_t stored_count(const struct fld *u, const void *opaque)
{
	return (uint32_t)mem_read((const uint8_t *)opaque + u->x.num_offset, 4);
}

/* Elements of one member: all of them unless `u` is a series. */
static uint32_t member_count(const struct fld *u, const void *opaque)
{
	if ((u->flags & VMS_F_VARRAY) && u->x.fns && u->x.fns->count)
		return u->x.fns->count(opaque);
	if (u->flags & VMS_F_VARRAY)
		return stored_count(u, opaque);
	if (u->kind == VMS_VBUFFER)
		return 1;
	return fixed_num(u);
}

static uint32_t field_count(const struct fld *u, const void *opaque)
{
	return member_count(u, opaque) * series_len(u);
}

uint32_t vms_field_count(const struct vms_field *f, const void *opaque)
{
	struct fld u;
	unpack(f, &u);
	return field_count(&u, opaque);
}

static bool field_is_array(const struct fld *u)
{
	return (u->flags & VMS_F_VARRAY) || u->x.num > 1;
}

/* What a converter sees of element i: its index in its series member. */
static uint32_t conv_index(const struct fld *u, uint32_t i)
{
	return (u->flags & VMS_F_SERIES) && u->x.num > 1 ? i % u->x.num : i;
}

/* Element i of u in memory (a series' members follow each other, so i
 * counts on over them). */
static uint8_t *elem_addr(const struct fld *u, const void *opaque, uint32_t i)
{
	return (uint8_t *)opaque + u->x.offset + (size_t)i * u->step;
}

const void *vms_field_elem(const struct vms_field *f, const void *opaque,
			   uint32_t i)
{
	struct fld u;
	unpack(f, &u);
	return elem_addr(&u, opaque, i);
}

const struct vms_desc *vms_field_struct(const struct vms_field *f)
{
	if (f->kind != VMS_STRUCT)
		return NULL;
	return (f->flags & VMS_F_EXT) ? f->ext->vmsd : f->vmsd;
}

/* INT, BOOL and CONV fields: elements that are one wire integer each. */
static bool is_integer(const struct fld *u)
{
	return u->kind == VMS_INT || u->kind == VMS_BOOL || u->kind == VMS_CONV;
}

/* The wire integer of element i of an integer field. */
static uint64_t elem_value(const struct fld *u, const void *opaque, uint32_t i)
{
	const uint8_t *elem = elem_addr(u, opaque, i);
	switch (u->kind) {
	case VMS_CONV: return u->x.conv->get(opaque, conv_index(u, i));
	case VMS_BOOL: return *elem != 0;
	default: return mem_read(elem, u->x.size);
	}
}

/* Store wire integer v (of the field's width; 0 or 1 for a bool) as
 * element i; a conversion may refuse it. */
static bool elem_store(const struct fld *u, void *opaque, uint32_t i,
		       uint64_t v, struct vms_in *in)
{
	if (u->kind == VMS_CONV)
		return u->x.conv->set(opaque, conv_index(u, i), v, in) ||
		       (!vms_in_failed(in) &&
			vms_fail(in, "impossible value 0x%llx", (unsigned long long)v));
	mem_write(elem_addr(u, opaque, i), u->x.size, v);
	return true;
}

/* ---- JSON description (QEMU vmdesc shape) ---- */

/* >= 0: the JSON says "index" (this element of an array QEMU describes
 * element by element) instead of "array_len". */
static int json_index(const struct fld *u)
{
	return (int)u->x.json_index1 - 1;
}

static const char *type_name(const struct fld *u)
{
	/* By size 1, 2, 4, 8; a signed one's name is the tail ("int8"). */
	static const char *const uint_names[] = { "uint8", "uint16", 0, "uint32",
						  0, 0, 0, "uint64" };
	switch (u->kind) {
	case VMS_CONV: return u->x.conv->type_name;
	case VMS_CODEC: return u->x.codec->type_name;
	case VMS_STRUCT: return "struct";
	default: break;
	}
	if (u->x.type_name)
		return u->x.type_name;
	switch (u->kind) {
	case VMS_INT:
		if (u->x.size >= 1 && u->x.size <= 8 && uint_names[u->x.size - 1])
			return uint_names[u->x.size - 1] + (u->flags & VMS_F_SIGNED);
		return "unknown";
	case VMS_BOOL: return "bool";
	case VMS_BUFFER:
	case VMS_VBUFFER: return "buffer";
	case VMS_UNUSED: return "unused_buffer";
	default: return "unknown";
	}
}

/* An array is described once unless its elements may differ in shape. */
static bool can_compress(const struct fld *u)
{
	if (u->x.fns && u->x.fns->exists)
		return false;
	if (u->kind == VMS_STRUCT) {
		if (u->x.vmsd->subsections && u->x.vmsd->subsections[0])
			return false;
		FOR_FIELDS(s, u->x.vmsd) {
			struct fld su;
			unpack(s, &su);
			if (!can_compress(&su))
				return false;
		}
	}
	return true;
}

/*
 * The JSON name of member k of f: a series member's number goes between
 * its "[]"; QEMU appends "[n]" to a name that occurs more than once in a
 * table.
 */
static void json_field_name(const struct vms_desc *d, const struct fld *u,
			    uint32_t k, char *buf, size_t cap)
{
	unsigned seen = 0, nth = 0;
	if (u->flags & VMS_F_SERIES) {
		const char *open = strchr(u->f->name, '[');
		int pre = open ? (int)(open - u->f->name) + 1 : 0;
		snprintf(buf, cap, "%.*s%u%s", pre, u->f->name,
			 (unsigned)(u->x.series_first + k), u->f->name + pre);
		return;
	}
	FOR_FIELDS(g, d) {
		if (strcmp(g->name, u->f->name))
			continue;
		if (g == u->f)
			nth = seen;
		seen++;
	}
	if (seen > 1 && json_index(u) < 0)
		snprintf(buf, cap, "%s[%u]", u->f->name, nth);
	else
		snprintf(buf, cap, "%s", u->f->name);
}

static void json_field_start(struct vms_json *j, const struct vms_desc *d,
			     const struct fld *u, uint32_t k, uint32_t i,
			     uint32_t n)
{
	char name[128];
	json_field_name(d, u, k, name, sizeof(name));
	vms_json_start_object(j, NULL);
	vms_json_str(j, "name", name);
	if (json_index(u) >= 0)
		vms_json_int(j, "index", json_index(u));
	else if (n > 1)
		vms_json_int(j, can_compress(u) ? "array_len" : "index",
			     can_compress(u) ? n : i);
	vms_json_str(j, "type", type_name(u));
	if (u->kind == VMS_STRUCT)
		vms_json_start_object(j, "struct");
}

static void json_field_end(struct vms_json *j, const struct fld *u,
			   uint64_t size)
{
	if (u->kind == VMS_STRUCT)
		vms_json_end_object(j);
	vms_json_int(j, "size", (int64_t)size);
	vms_json_end_object(j);
}

/* ---- save ---- */

static bool put_element(struct vms_out *out, const struct fld *u,
			void *opaque, uint32_t i, struct vms_json *json)
{
	uint8_t *elem = elem_addr(u, opaque, i);

	switch (u->kind) {
	case VMS_INT:
	case VMS_BOOL:
	case VMS_CONV:
		return vms_put_uint(out, u->x.size, elem_value(u, opaque, i));
	case VMS_BUFFER:
		return vms_put_bytes(out, elem, u->x.size);
	case VMS_VBUFFER: {
		uint32_t n = stored_count(u, opaque);
		if (n > u->x.max_num)
			return vms_out_fail(out, "field '%s': length %" PRIu32 " beyond its bound %" PRIu32 "",
					    u->f->name, n, (uint32_t)u->x.max_num);
		return vms_put_bytes(out, elem, n);
	}
	case VMS_UNUSED:
		return vms_put_fill(out, 0, u->x.size);
	case VMS_STRUCT:
		return vms_save(out, u->x.vmsd, elem, json);
	case VMS_CODEC:
		return u->x.codec->put(out, opaque, u->f, i);
	}
	return vms_out_fail(out, "field '%s': bad kind %u", u->f->name, u->kind);
}

/* Member k of field f (k = 0 unless f is a series). */
static bool save_field(struct vms_out *out, const struct vms_desc *d,
		       const struct fld *u, uint32_t k, void *opaque,
		       struct vms_json *json)
{
	uint32_t n = member_count(u, opaque);
	if ((u->flags & VMS_F_VARRAY) && n > u->x.max_num)
		return vms_out_fail(out, "field '%s': %" PRIu32 " elements, beyond its bound %" PRIu32 "",
				    u->f->name, n, (uint32_t)u->x.max_num);
	struct vms_json *jl = json;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t start = vms_out_tell(out);
		if (jl)
			json_field_start(jl, d, u, k, i, field_is_array(u) ? n : 1);
		if (!put_element(out, u, opaque, k * n + i, jl))
			return false;
		if (jl) {
			json_field_end(jl, u, vms_out_tell(out) - start);
			if (can_compress(u))
				jl = NULL; /* one entry stands for the array */
		}
	}
	return !out->failed;
}

static bool save_subsections(struct vms_out *out, const struct vms_desc *d,
			     void *opaque, struct vms_json *json)
{
	bool any = false;
	for (const struct vms_desc *const *s = d->subsections; s && *s; s++) {
		const struct vms_desc *sub = *s;
		if (sub->needed && !sub->needed(opaque))
			continue;
		if (json && !any)
			vms_json_start_array(json, "subsections");
		any = true;
		if (json)
			vms_json_start_object(json, NULL);
		vms_put_u8(out, SUBSECTION_MARKER);
		vms_put_str8(out, sub->name);
		vms_put_be32(out, (uint32_t)sub->version_id);
		if (!vms_save(out, sub, opaque, json))
			return false;
		if (json)
			vms_json_end_object(json);
	}
	if (json && any)
		vms_json_end_array(json);
	return !out->failed;
}

bool vms_save(struct vms_out *out, const struct vms_desc *d, void *opaque,
	      struct vms_json *json)
{
	if (d->pre_save && !d->pre_save(opaque, out)) {
		if (!out->failed)
			vms_out_fail(out, "'%s': pre_save failed", d->name);
		return false;
	}
	if (json) {
		vms_json_str(json, "vmsd_name", d->name);
		vms_json_int(json, "version", d->version_id);
		vms_json_start_array(json, "fields");
	}
	FOR_FIELDS(f, d) {
		struct fld uf, *u = &uf;
		unpack(f, u);
		if (!field_exists(u, opaque, d->version_id))
			continue;
		for (uint32_t k = 0; k < series_len(u); k++)
			if (!save_field(out, d, u, k, opaque, json))
				return false;
	}
	if (json)
		vms_json_end_array(json);
	return save_subsections(out, d, opaque, json);
}

/* ---- load ---- */

static bool get_element(struct vms_in *in, const struct fld *u,
			void *opaque, uint32_t i)
{
	uint8_t *elem = elem_addr(u, opaque, i);
	uint64_t v;

	switch (u->kind) {
	case VMS_BOOL: {
		const uint8_t *p = vms_peek(in, 1);
		if (p && *p > 1) /* named at its own byte */
			return vms_fail(in, "bool is %u, not 0 or 1", *p);
	}
	/* fall through */
	case VMS_INT:
	case VMS_CONV: {
		if (!vms_get_uint(in, u->x.size, &v))
			return false;
		/* A refusal names the value's first byte, not the one after it. */
		in->base -= u->x.size;
		bool ok = elem_store(u, opaque, i, v, in);
		in->base += u->x.size;
		return ok;
	}
	case VMS_BUFFER:
		return vms_get_bytes(in, elem, u->x.size);
	case VMS_VBUFFER: {
		uint32_t n = stored_count(u, opaque);
		if (n > u->x.max_num)
			return vms_fail(in, "length %" PRIu32 " beyond its bound %" PRIu32 "", n,
					(uint32_t)u->x.max_num);
		return vms_get_bytes(in, elem, n);
	}
	case VMS_UNUSED:
		return vms_skip(in, u->x.size);
	case VMS_STRUCT: {
		const char *outer = in->field;
		bool ok = vms_load(in, u->x.vmsd, elem, u->x.vmsd->version_id);
		if (ok)
			in->field = outer;
		return ok;
	}
	case VMS_CODEC: {
		uint64_t start = vms_in_tell(in);
		if (u->x.codec->get(in, opaque, u->f, i))
			return true;
		return vms_in_failed(in) ? false : vms_fail_at(in, start, "bad value");
	}
	}
	return vms_fail(in, "bad field kind %u", u->kind);
}

/* Member k of field f (k = 0 unless f is a series). */
static bool load_field(struct vms_in *in, const struct vms_desc *d,
		       const struct fld *u, uint32_t k, void *opaque)
{
	uint32_t n = member_count(u, opaque);
	char name[64];
	bool ok = true;
	in->field = u->f->name;
	if (u->flags & VMS_F_SERIES) {
		json_field_name(d, u, k, name, sizeof(name));
		in->field = name;
	}
	if ((u->flags & VMS_F_VARRAY) && n > u->x.max_num)
		return vms_fail(in, "array length %" PRIu32 " beyond its bound %" PRIu32 "", n,
				(uint32_t)u->x.max_num);
	for (uint32_t i = 0; ok && i < n; i++)
		ok = get_element(in, u, opaque, k * n + i);
	in->field = u->f->name; /* not `name`, which ends here */
	return ok;
}

static const struct vms_desc *find_subsection(const struct vms_desc *d,
					      const uint8_t *name, size_t len)
{
	for (const struct vms_desc *const *s = d->subsections; s && *s; s++)
		if (strlen((*s)->name) == len && !memcmp((*s)->name, name, len))
			return *s;
	return NULL;
}

static bool load_subsections(struct vms_in *in, const struct vms_desc *d,
			     void *opaque)
{
	size_t plen = strlen(d->name);
	for (;;) {
		const uint8_t *p = vms_peek(in, 2);
		if (!p || p[0] != SUBSECTION_MARKER)
			return true;
		size_t len = p[1];
		p = vms_peek(in, 2 + len);
		if (!p) {
			in->field = "subsection header";
			return vms_fail(in, "subsection name runs past the end of the stream");
		}
		/* A subsection is "parent/child": one that is not ours belongs
		 * to an enclosing description. */
		if (len < plen + 1 || memcmp(p + 2, d->name, plen))
			return true;
		const struct vms_desc *sub = find_subsection(d, p + 2, len);
		if (!sub) {
			in->field = NULL;
			return vms_fail(in, "unknown subsection '%.*s'", (int)len,
					(const char *)p + 2);
		}
		uint32_t version;
		vms_skip(in, 2 + len);
		in->field = sub->name;
		if (!vms_get_be32(in, &version))
			return false;
		if (!vms_load(in, sub, opaque, (int)version))
			return false;
	}
}

bool vms_load(struct vms_in *in, const struct vms_desc *d, void *opaque,
	      int version_id)
{
	if (version_id > d->version_id)
		return vms_fail(in, "'%s' version %d is newer than this tern reads (%d)",
				d->name, version_id, d->version_id);
	if (version_id < d->minimum_version_id)
		return vms_fail(in, "'%s' version %d is older than this tern reads (%d)",
				d->name, version_id, d->minimum_version_id);
	FOR_FIELDS(f, d) {
		struct fld uf, *u = &uf;
		unpack(f, u);
		if (!field_exists(u, opaque, version_id))
			continue;
		for (uint32_t k = 0; k < series_len(u); k++)
			if (!load_field(in, d, u, k, opaque))
				return false;
	}
	if (!load_subsections(in, d, opaque))
		return false;
	if (d->post_load && !d->post_load(opaque, version_id, in))
		return vms_in_failed(in) ? false
					 : vms_fail(in, "'%s' does not check out", d->name);
	return true;
}

/* ---- values as JSON (the second wire format) ---- */

static bool dump_hex(struct vms_out *out, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	vms_put_u8(out, '"');
	for (size_t i = 0; i < n; i++) {
		vms_put_u8(out, (uint8_t)digits[p[i] >> 4]);
		vms_put_u8(out, (uint8_t)digits[p[i] & 15]);
	}
	return vms_put_u8(out, '"');
}

static bool dump_json_desc(struct vms_out *out, const struct vms_desc *d,
			   const void *opaque, int indent);
static void dump_newline(struct vms_out *out, int indent);

static bool dump_element(struct vms_out *out, const struct fld *u,
			 const void *opaque, uint32_t i, int indent)
{
	const uint8_t *elem = elem_addr(u, opaque, i);
	uint64_t v;
	switch (u->kind) {
	case VMS_BOOL:
		return vms_put_str(out, elem_value(u, opaque, i) ? "true" : "false");
	case VMS_BUFFER:
		return dump_hex(out, elem, u->x.size);
	case VMS_VBUFFER: {
		uint32_t n = stored_count(u, opaque);
		return dump_hex(out, elem, n > u->x.max_num ? u->x.max_num : n);
	}
	case VMS_UNUSED: /* as written: zeros (up to 64 bytes) */
		if (u->x.size > 64)
			return vms_put_str(out, "null");
		vms_put_u8(out, '"');
		vms_put_fill(out, '0', 2u * u->x.size);
		return vms_put_u8(out, '"');
	case VMS_STRUCT:
		return dump_json_desc(out, u->x.vmsd, elem, indent);
	case VMS_CODEC: {
		/* Print what the codec would write: an integer if it fits. */
		uint8_t buf[64];
		struct vms_error err = { 0 };
		struct vms_out tmp;
		vms_out_buffer(&tmp, buf, sizeof(buf), &err);
		if (!u->x.codec->put(&tmp, opaque, u->f, i))
			return vms_put_str(out, "null");
		if (tmp.len > 8)
			return dump_hex(out, buf, tmp.len);
		v = 0;
		for (size_t k = 0; k < tmp.len; k++)
			v = v << 8 | buf[k];
		break;
	}
	default: /* INT, CONV */
		v = elem_value(u, opaque, i);
		if (u->flags & VMS_F_SIGNED) {
			unsigned shift = 64 - 8 * u->x.size;
			int64_t s = (int64_t)(v << shift) >> shift;
			return vms_printf(out, "%lld", (long long)s);
		}
		break;
	}
	return vms_printf(out, "%llu", (unsigned long long)v);
}

/* The separator and newline before an entry of a printed object, and
 * its key. */
static void dump_key(struct vms_out *out, bool *first, int indent, int inner,
		     const char *key)
{
	vms_put_str(out, *first ? "" : indent < 0 ? ", " : ",");
	*first = false;
	dump_newline(out, inner);
	vms_printf(out, "\"%s\": ", key);
}

static void dump_newline(struct vms_out *out, int indent)
{
	if (indent < 0)
		return;
	vms_put_u8(out, '\n');
	vms_put_fill(out, ' ', (size_t)indent);
}

/* The value of member k of f: a list for an array. */
static void dump_member(struct vms_out *out, const struct vms_desc *d,
			const struct fld *u, uint32_t k, const void *opaque,
			int inner)
{
	if (json_index(u) == 0) {
		vms_put_u8(out, '[');
		struct fld ug;
		for (const struct vms_field *g = u->f; g < d->fields + d->nfields &&
		     !strcmp(g->name, u->f->name); g++) {
			unpack(g, &ug);
			if (json_index(&ug) < 0)
				break;
			if (g != u->f)
				vms_put_str(out, ", ");
			dump_element(out, &ug, opaque, 0, inner);
		}
		vms_put_u8(out, ']');
		return;
	}
	uint32_t n = member_count(u, opaque);
	if (!field_is_array(u)) {
		dump_element(out, u, opaque, k, inner);
		return;
	}
	if ((u->flags & VMS_F_VARRAY) && n > u->x.max_num)
		n = u->x.max_num;
	vms_put_u8(out, '[');
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			vms_put_str(out, ", ");
		dump_element(out, u, opaque, k * n + i, inner);
	}
	vms_put_u8(out, ']');
}

static bool dump_json_desc(struct vms_out *out, const struct vms_desc *d,
			   const void *opaque, int indent)
{
	int inner = indent < 0 ? -1 : indent + 2;
	bool first = true;
	char name[128];

	vms_put_u8(out, '{');
	FOR_FIELDS(f, d) {
		struct fld uf, *u = &uf;
		unpack(f, u);
		if (!field_exists(u, opaque, d->version_id))
			continue;
		/* Per-element entries of one array ("index") print as one list. */
		if (json_index(u) > 0)
			continue;
		for (uint32_t k = 0; k < series_len(u); k++) {
			json_field_name(d, u, k, name, sizeof(name));
			dump_key(out, &first, indent, inner, name);
			dump_member(out, d, u, k, opaque, inner);
		}
	}
	for (const struct vms_desc *const *s = d->subsections; s && *s; s++) {
		if ((*s)->needed && !(*s)->needed(opaque))
			continue;
		dump_key(out, &first, indent, inner, (*s)->name);
		dump_json_desc(out, *s, opaque, inner);
	}
	if (!first)
		dump_newline(out, indent);
	return vms_put_u8(out, '}');
}

bool vms_dump_json(struct vms_out *out, const struct vms_desc *d,
		   const void *opaque, int indent)
{
	return dump_json_desc(out, d, opaque, indent);
}

/* ---- single values, by name ---- */

const struct vms_field *vms_field_find(const struct vms_desc *d,
				       const char *name,
				       const struct vms_desc **owner,
				       uint32_t *first)
{
	char jname[128];
	FOR_FIELDS(f, d) {
		struct fld u;
		unpack(f, &u);
		for (uint32_t k = 0; k < series_len(&u); k++) {
			json_field_name(d, &u, k, jname, sizeof(jname));
			if (strcmp(jname, name))
				continue;
			if (owner)
				*owner = d;
			if (first) /* a series holds fixed arrays */
				*first = k * fixed_num(&u);
			return f;
		}
	}
	for (const struct vms_desc *const *s = d->subsections; s && *s; s++) {
		size_t n = strlen((*s)->name);
		const char *rest = name;
		/* "cpu/vfp:fpscr" names the subsection explicitly */
		if (!strncmp(name, (*s)->name, n) && name[n] == ':')
			rest = name + n + 1;
		const struct vms_field *f = vms_field_find(*s, rest, owner, first);
		if (f)
			return f;
	}
	return NULL;
}

bool vms_field_get(const struct vms_field *f, const void *opaque, uint32_t i,
		   uint64_t *v)
{
	struct fld u;
	unpack(f, &u);
	if (i >= field_count(&u, opaque) || !is_integer(&u))
		return false;
	*v = elem_value(&u, opaque, i);
	return true;
}

bool vms_field_set(const struct vms_field *f, void *opaque, uint32_t i,
		   uint64_t v, struct vms_in *in)
{
	char name[64];
	struct fld u;
	unpack(f, &u);
	uint32_t count = field_count(&u, opaque);
	in->field = f->name;
	if (i >= count)
		return vms_fail(in, "element %" PRIu32 " beyond the %" PRIu32 " there are", i,
				count);
	if (u.flags & VMS_F_SERIES) {
		/* errors name the member ("env.vfp.zregs[17].d") */
		json_field_name(NULL, &u, i / fixed_num(&u), name, sizeof(name));
		in->field = name;
	}
	bool ok;
	if (!is_integer(&u))
		ok = vms_fail(in, "not an integer field");
	else if (u.x.size < 8 && (v >> (8 * u.x.size)))
		ok = vms_fail(in, "0x%llx does not fit in %u bytes",
			      (unsigned long long)v, u.x.size);
	else if (u.kind == VMS_BOOL && v > 1)
		ok = vms_fail(in, "a bool is 0 or 1");
	else
		ok = elem_store(&u, opaque, i, v, in);
	in->field = f->name; /* not `name`, which ends here */
	return ok;
}
