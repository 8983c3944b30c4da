/*
 * vmdesc -> struct vms_desc. Each JSON field entry becomes one table field
 * laid out in a blob: integer-like types (QEMU's uintN/intN and custom
 * types of 1, 2, 4 or 8 bytes such as "cpsr" or "timer") as integers, so
 * they print as numbers; "struct" as a nested description; anything else
 * as raw bytes. Names and type names are kept verbatim so the description
 * tern writes back is QEMU's own.
 */
#include <string.h>

#include "vmstate/vmdesc.h"

/* Every field is a VMS_F_EXT one (its numbers may be wide, its JSON index
 * set); offsets and counts stay under 16 MiB, an index or a struct
 * element's stride 16-bit. */
#define MAX_FIELD_BYTES 0xffffffu
#define MAX_INDEX INT16_MAX

/* A description's struct vms_field_ext follow its fields in the arena. */
_Static_assert(sizeof(struct vms_field) % _Alignof(struct vms_field_ext) == 0,
	       "vms_field_ext aligned after an array of vms_field");

void vms_arena_init(struct vms_arena *a, void *mem, size_t cap)
{
	a->mem = mem;
	a->cap = cap;
	a->used = 0;
}

void *vms_arena_alloc(struct vms_arena *a, size_t n)
{
	/* Align the address itself: the arena may start anywhere. */
	uintptr_t base = (uintptr_t)a->mem;
	size_t start = (size_t)(((base + a->used + 7) & ~(uintptr_t)7) - base);
	if (start > a->cap || n > a->cap - start)
		return NULL;
	a->used = start + n;
	memset(a->mem + start, 0, n);
	return a->mem + start;
}

struct builder {
	const struct vms_jdoc *doc;
	struct vms_arena *a;
	struct vms_error *err;
	const char *device;
};

static bool berr(struct builder *b, const char *what, const char *field)
{
	if (b->err && !b->err->set) {
		b->err->set = true;
		snprintf(b->err->msg, sizeof(b->err->msg),
			 "JSON description of '%s'%s%s%s: %s", b->device,
			 field ? ", field '" : "", field ? field : "",
			 field ? "'" : "", what);
	}
	return false;
}

static char *copy_str(struct builder *b, int32_t node)
{
	if (node < 0 || b->doc->nodes[node].type != VMS_JSTR)
		return NULL;
	uint32_t n = b->doc->nodes[node].strlen;
	char *s = vms_arena_alloc(b->a, n + 1);
	if (s)
		memcpy(s, b->doc->text + b->doc->nodes[node].str, n);
	else /* named before the caller calls it a missing name */
		berr(b, "too large for tern's memory", NULL);
	return s;
}

static bool get_int(struct builder *b, int32_t obj, const char *key,
		    int64_t *v, bool required)
{
	int32_t n = vms_json_get(b->doc, obj, key);
	if (n < 0 || b->doc->nodes[n].type != VMS_JNUM)
		return !required;
	*v = b->doc->nodes[n].num;
	return true;
}

static unsigned count_children(const struct vms_jdoc *doc, int32_t arr)
{
	unsigned n = 0;
	if (arr >= 0)
		for (int32_t c = doc->nodes[arr].child; c >= 0; c = doc->nodes[c].next)
			n++;
	return n;
}

static const struct vms_desc *build_desc(struct builder *b, int32_t node,
					 uint32_t *size, unsigned depth);

/* Move a subsection (and its own subsections) to `delta` in the blob. */
static void shift_desc(const struct vms_desc *d, uint32_t delta)
{
	for (unsigned i = 0; i < d->nfields; i++) /* ours, in the arena */
		((struct vms_field_ext *)d->fields[i].ext)->offset += delta;
	for (const struct vms_desc *const *s = d->subsections; s && *s; s++)
		shift_desc(*s, delta);
}

static bool is_int_type(const char *type, int64_t size)
{
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	return !strstr(type, "buffer") && strcmp(type, "bool"); /* not "struct": asked after */
}

static bool build_field(struct builder *b, int32_t node, struct vms_field *f,
			struct vms_field_ext *x, uint32_t *cursor, unsigned depth)
{
	int64_t size = 0, num = 1, index = -1;
	char *name = copy_str(b, vms_json_get(b->doc, node, "name"));
	char *type = copy_str(b, vms_json_get(b->doc, node, "type"));
	if (!name || !type)
		return berr(b, "a field without name or type", name);
	if (!get_int(b, node, "size", &size, true) ||
	    !get_int(b, node, "array_len", &num, false) ||
	    !get_int(b, node, "index", &index, false))
		return berr(b, "bad size, array_len or index", name);
	/* as unsigned, a negative one is out of range too */
	if ((uint64_t)size > MAX_FIELD_BYTES || (uint64_t)num - 1 >= MAX_FIELD_BYTES ||
	    (uint64_t)index + 1 > MAX_INDEX + 1)
		return berr(b, "size or length out of range", name);

	f->name = name;
	f->ext = x;
	f->flags = VMS_F_EXT;
	x->type_name = type;
	x->json_index1 = (uint16_t)(index + 1);
	x->num = (uint32_t)num;
	uint32_t elem = (uint32_t)size;
	if (!strcmp(type, "struct")) {
		uint32_t ssize;
		f->kind = VMS_STRUCT;
		x->vmsd = build_desc(b, vms_json_get(b->doc, node, "struct"), &ssize,
				     depth + 1);
		if (!x->vmsd)
			return false;
		if (ssize > UINT16_MAX)
			return berr(b, "struct element larger than 64 KiB", name);
		elem = x->stride = (uint16_t)ssize;
	} else if (!strcmp(type, "bool") && size == 1) {
		f->kind = VMS_BOOL;
	} else if (is_int_type(type, size)) {
		f->kind = VMS_INT;
		if (!strncmp(type, "int", 3))
			f->flags |= VMS_F_SIGNED;
	} else {
		f->kind = VMS_BUFFER;
	}
	if (f->kind != VMS_STRUCT)
		x->size = (uint16_t)size;
	if (f->kind != VMS_STRUCT && size > UINT16_MAX)
		return berr(b, "element larger than 64 KiB", name);
	*cursor = (*cursor + 7) & ~7u;
	x->offset = *cursor;
	uint64_t bytes = (uint64_t)elem * (uint64_t)num;
	if (bytes > MAX_FIELD_BYTES || *cursor + bytes > MAX_FIELD_BYTES)
		return berr(b, "description too large", name);
	*cursor += (uint32_t)bytes;
	return true;
}

static const struct vms_desc *build_desc(struct builder *b, int32_t node,
					 uint32_t *size, unsigned depth)
{
	const struct vms_jdoc *doc = b->doc;
	if (depth > 16)
		return berr(b, "nested too deep", NULL), NULL;
	if (node < 0 || doc->nodes[node].type != VMS_JOBJ)
		return berr(b, "description object expected", NULL), NULL;

	struct vms_desc *d = vms_arena_alloc(b->a, sizeof(*d));
	int64_t version = 0;
	int32_t fields = vms_json_get(doc, node, "fields");
	int32_t subs = vms_json_get(doc, node, "subsections");
	if (!d)
		return berr(b, "too large for tern's memory", NULL), NULL;
	d->name = copy_str(b, vms_json_get(doc, node, "vmsd_name"));
	if (!d->name || !get_int(b, node, "version", &version, true) ||
	    version < 0 || version > INT16_MAX)
		return berr(b, "no vmsd_name or version", NULL), NULL;
	if (fields >= 0 && doc->nodes[fields].type != VMS_JARR)
		return berr(b, "\"fields\" is not a list", NULL), NULL;
	if (subs >= 0 && doc->nodes[subs].type != VMS_JARR)
		return berr(b, "\"subsections\" is not a list", NULL), NULL;
	d->version_id = d->minimum_version_id = (int)version;

	unsigned nf = count_children(doc, fields);
	if (nf > UINT16_MAX)
		return berr(b, "description too large", NULL), NULL;
	/* the fields, then their numbers in full (VMS_F_EXT) */
	struct vms_field *f = vms_arena_alloc(b->a, nf * (sizeof(*f) + sizeof(struct vms_field_ext)));
	if (!f)
		return berr(b, "too large for tern's memory", NULL), NULL;
	struct vms_field_ext *x = (struct vms_field_ext *)(void *)(f + nf);
	uint32_t cursor = 0;
	unsigned i = 0;
	for (int32_t c = fields >= 0 ? doc->nodes[fields].child : -1; c >= 0;
	     c = doc->nodes[c].next, i++)
		if (!build_field(b, c, &f[i], &x[i], &cursor, depth))
			return NULL;
	d->fields = f;
	d->nfields = (uint16_t)nf;

	unsigned ns = count_children(doc, subs);
	if (ns) {
		const struct vms_desc **s = vms_arena_alloc(b->a, (ns + 1) * sizeof(*s));
		if (!s)
			return berr(b, "too large for tern's memory", NULL), NULL;
		/* Subsections share the parent's blob, after its fields. */
		i = 0;
		for (int32_t c = doc->nodes[subs].child; c >= 0; c = doc->nodes[c].next) {
			uint32_t ssize;
			const struct vms_desc *sd = build_desc(b, c, &ssize, depth + 1);
			if (!sd)
				return NULL;
			cursor = (cursor + 7) & ~7u;
			shift_desc(sd, cursor);
			if (ssize > MAX_FIELD_BYTES - cursor)
				return berr(b, "description too large", NULL), NULL;
			cursor += ssize;
			s[i++] = sd;
		}
		d->subsections = s;
	}
	*size = (cursor + 7) & ~7u;
	return d;
}

int32_t vms_vmdesc_find(const struct vms_jdoc *doc, const char *idstr,
			uint32_t instance)
{
	int32_t devs = vms_json_get(doc, 0, "devices");
	if (devs < 0 || doc->nodes[devs].type != VMS_JARR)
		return -1;
	for (int32_t c = doc->nodes[devs].child; c >= 0; c = doc->nodes[c].next) {
		int32_t inst = vms_json_get(doc, c, "instance_id");
		if (vms_json_streq(doc, vms_json_get(doc, c, "name"), idstr) &&
		    inst >= 0 && doc->nodes[inst].type == VMS_JNUM &&
		    doc->nodes[inst].num == (int64_t)instance)
			return c;
	}
	return -1;
}

const struct vms_desc *vms_vmdesc_build(const struct vms_jdoc *doc, int32_t dev,
					struct vms_arena *a, uint32_t *size,
					struct vms_error *err)
{
	struct builder b = { .doc = doc, .a = a, .err = err, .device = "?" };
	char *name = NULL;
	int32_t n = vms_json_get(doc, dev, "name");
	if (n >= 0 && doc->nodes[n].type == VMS_JSTR)
		name = copy_str(&b, n);
	if (name)
		b.device = name;
	return build_desc(&b, dev, size, 0);
}
