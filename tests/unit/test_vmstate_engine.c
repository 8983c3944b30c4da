/*
 * The VMState engine (vmstate/engine.c) against descriptions written here:
 * exact wire bytes, exact JSON descriptions as QEMU writes them, round
 * trips, the three bridges (plain, conversion, codec + hooks), and the
 * errors with the byte offset and field they name.
 */
#include "vmstate/json.h"
#include "vmstate/vmstate.h"

#include "test_vmstate_util.h"

/* ---- helpers ---- */

struct saved {
	bool ok;
	struct vms_error err;
	uint8_t bytes[2048];
	size_t len;
	char json[8192];
	size_t jlen;
};

/* vms_save into a buffer, the description object around it as QEMU's
 * vmstate_save writes it for a device ({"vmsd_name": ...}). */
static bool save(const struct vms_desc *d, void *opaque, struct saved *s)
{
	struct vms_out out, jout;
	struct vms_json j;
	memset(s, 0, sizeof(*s));
	vms_out_buffer(&out, s->bytes, sizeof(s->bytes), &s->err);
	vms_out_buffer(&jout, s->json, sizeof(s->json) - 1, &s->err);
	vms_json_init(&j, &jout);
	vms_json_start_object(&j, NULL);
	s->ok = vms_save(&out, d, opaque, &j);
	vms_json_end_object(&j);
	s->len = out.len;
	s->jlen = jout.len;
	s->json[s->jlen] = 0;
	return s->ok;
}

static bool load(const struct vms_desc *d, void *opaque, const uint8_t *b,
		 size_t n, int version, struct vms_error *err, size_t *used)
{
	struct vms_in in;
	memset(err, 0, sizeof(*err));
	vms_in_buffer(&in, b, n, err);
	bool ok = vms_load(&in, d, opaque, version);
	if (used)
		*used = (size_t)vms_in_tell(&in);
	return ok;
}

#define assert_bytes(got, glen, ...)                                          \
	do {                                                                  \
		static const uint8_t want_[] = { __VA_ARGS__ };               \
		assert_bytes_eq((got), (glen), want_, sizeof(want_));         \
	} while (0)

static void assert_bytes_eq(const uint8_t *got, size_t glen,
			    const uint8_t *want, size_t wlen)
{
	if (bytes_differ(got, glen, want, wlen))
		fail_msg("wire bytes differ");
}

static void dump(const struct vms_desc *d, const void *opaque, int indent,
		 char *buf, size_t cap)
{
	struct vms_error err = { 0 };
	assert_true(dump_to(d, opaque, indent, buf, cap, &err));
	assert_false(err.set);
}

/* ---- integers ---- */

struct ints {
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	int8_t s8;
	int16_t s16;
	int32_t s32;
	int64_t s64;
	bool flag;
};

static const struct vms_field ints_fields[] = {
	VMS_UINT8("u8", struct ints, u8),
	VMS_UINT16("u16", struct ints, u16),
	VMS_UINT32("u32", struct ints, u32),
	VMS_UINT64("u64", struct ints, u64),
	VMS_INT_FIELD("s8", struct ints, s8, 1, VMS_F_SIGNED, 0),
	VMS_INT_FIELD("s16", struct ints, s16, 2, VMS_F_SIGNED, 0),
	VMS_INT32("s32", struct ints, s32),
	VMS_INT64("s64", struct ints, s64),
	VMS_BOOL_FIELD("flag", struct ints, flag),
};

static const struct vms_desc ints_desc = {
	.name = "ints",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(ints_fields),
};

static const struct ints ints_value = {
	.u8 = 0x12, .u16 = 0x3456, .u32 = 0x789abcde, .u64 = 0x0102030405060708ull,
	.s8 = -2, .s16 = -300, .s32 = -70000, .s64 = -5000000000ll, .flag = true,
};

#define INTS_WIRE                                                             \
	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde,                             \
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,                       \
	0xfe, 0xfe, 0xd4, 0xff, 0xfe, 0xee, 0x90,                             \
	0xff, 0xff, 0xff, 0xfe, 0xd5, 0xfa, 0x0e, 0x00, 0x01

static void save_writes_integers_big_endian_in_table_order(void **state)
{
	struct saved s;
	struct ints v = ints_value;
	assert_true(save(&ints_desc, &v, &s));
	assert_bytes(s.bytes, s.len, INTS_WIRE);
}

static void load_reads_integers_back_with_their_signs(void **state)
{
	static const uint8_t wire[] = { INTS_WIRE };
	struct vms_error err;
	struct ints v;
	size_t used;
	memset(&v, 0x55, sizeof(v));
	assert_true(load(&ints_desc, &v, wire, sizeof(wire), 1, &err, &used));
	assert_false(err.set);
	assert_int_equal(used, sizeof(wire));
	assert_int_equal(v.u8, 0x12);
	assert_int_equal(v.u16, 0x3456);
	assert_int_equal(v.u32, 0x789abcde);
	assert_true(v.u64 == 0x0102030405060708ull);
	assert_int_equal(v.s8, -2);
	assert_int_equal(v.s16, -300);
	assert_int_equal(v.s32, -70000);
	assert_true(v.s64 == -5000000000ll);
	assert_true(v.flag);
}

static void json_description_of_integers_is_qemus(void **state)
{
	struct saved s;
	struct ints v = ints_value;
	assert_true(save(&ints_desc, &v, &s));
	assert_str(s.json,
		   "{\"vmsd_name\": \"ints\", \"version\": 1, \"fields\": ["
		   "{\"name\": \"u8\", \"type\": \"uint8\", \"size\": 1}, "
		   "{\"name\": \"u16\", \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"u32\", \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"u64\", \"type\": \"uint64\", \"size\": 8}, "
		   "{\"name\": \"s8\", \"type\": \"int8\", \"size\": 1}, "
		   "{\"name\": \"s16\", \"type\": \"int16\", \"size\": 2}, "
		   "{\"name\": \"s32\", \"type\": \"int32\", \"size\": 4}, "
		   "{\"name\": \"s64\", \"type\": \"int64\", \"size\": 8}, "
		   "{\"name\": \"flag\", \"type\": \"bool\", \"size\": 1}]}");
}

static void dump_json_prints_signed_and_unsigned_numbers(void **state)
{
	char buf[1024];
	struct ints v = ints_value;
	dump(&ints_desc, &v, -1, buf, sizeof(buf));
	assert_str(buf, "{\"u8\": 18, \"u16\": 13398, \"u32\": 2023406814, "
			"\"u64\": 72623859790382856, \"s8\": -2, \"s16\": -300, "
			"\"s32\": -70000, \"s64\": -5000000000, \"flag\": true}");
	dump(&ints_desc, &v, 2, buf, sizeof(buf));
	assert_str(buf, "{\n    \"u8\": 18,\n    \"u16\": 13398,\n    \"u32\": 2023406814,\n"
			"    \"u64\": 72623859790382856,\n    \"s8\": -2,\n    \"s16\": -300,\n"
			"    \"s32\": -70000,\n    \"s64\": -5000000000,\n    \"flag\": true\n  }");
}

static void bool_above_one_is_refused_at_its_byte(void **state)
{
	uint8_t wire[] = { INTS_WIRE };
	struct vms_error err;
	struct ints v = { 0 };
	wire[sizeof(wire) - 1] = 2;
	assert_false(load(&ints_desc, &v, wire, sizeof(wire), 1, &err, NULL));
	assert_error(&err, sizeof(wire) - 1, "field 'flag'", "bool is 2, not 0 or 1", NULL);
}

static void truncated_integer_fails_where_it_starts(void **state)
{
	static const uint8_t wire[] = { INTS_WIRE };
	struct vms_error err;
	struct ints v = { 0 };
	/* cut inside u64 (bytes 7..14) */
	assert_false(load(&ints_desc, &v, wire, 10, 1, &err, NULL));
	assert_error(&err, 7, "field 'u64'", "truncated", NULL);
	/* every shorter input fails at or before its end */
	for (size_t n = 0; n < sizeof(wire); n++) {
		assert_false(load(&ints_desc, &v, wire, n, 1, &err, NULL));
		assert_true(err.set);
		assert_true(err.offset <= n);
	}
}

/* ---- a description with every field kind ---- */

struct pair {
	uint8_t a;
	uint16_t b;
};

static const struct vms_field pair_fields[] = {
	VMS_UINT8("a", struct pair, a),
	VMS_UINT16("b", struct pair, b),
};

static const struct vms_desc pair_desc = {
	.name = "pair",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(pair_fields),
};

struct dev {
	uint32_t arr[3];
	int32_t n;
	uint16_t var[4];
	uint8_t buf[4];
	uint32_t vlen;
	uint8_t vbuf[8];
	struct pair one;
	struct pair two[2];
	uint8_t gate;
	uint32_t late;
	uint32_t gated;
	uint8_t nd;
	uint32_t derived[5];
	uint32_t sub_a;
	uint16_t sub_ax;
	uint32_t sub_b;
	bool b_needed;
};

static bool gated_exists(const void *opaque, int version_id)
{
	return ((const struct dev *)opaque)->gate != 0;
}

static uint32_t derived_count(const void *opaque)
{
	return ((const struct dev *)opaque)->nd;
}

static const struct vms_field_fns gated_fns = { .exists = gated_exists };
static const struct vms_field_fns derived_fns = { .count = derived_count };

/* What a compact field cannot say, in full (VMS_F_EXT). */
static const struct vms_field_ext late_ext = {
	.size = 4, .offset = offsetof(struct dev, late), .version_id = 2,
};
static const struct vms_field_ext gated_ext = {
	.size = 4, .offset = offsetof(struct dev, gated), .fns = &gated_fns,
};
static const struct vms_field_ext derived_ext = {
	.size = 4, .offset = offsetof(struct dev, derived), .fns = &derived_fns, .max_num = 5,
};

static const struct vms_field dev_fields[] = {
	VMS_UINT32_ARRAY("arr", struct dev, arr, 3),
	VMS_INT32("n", struct dev, n),
	VMS_VARRAY_INT32("var", struct dev, var, n, 2, 4),
	VMS_UNUSED_FIELD(2),
	VMS_BUFFER_FIELD("buf", struct dev, buf),
	VMS_UINT32("vlen", struct dev, vlen),
	VMS_VBUFFER_INT32("vbuf", struct dev, vbuf, vlen, 8),
	VMS_STRUCT_FIELD("one", struct dev, one, pair_desc, 0, struct pair),
	VMS_STRUCT_FIELD("two", struct dev, two, pair_desc, 2, struct pair),
	VMS_UINT8("gate", struct dev, gate),
	VMS_EXT_FIELD("late", VMS_INT, 0, late_ext),
	VMS_EXT_FIELD("gated", VMS_INT, 0, gated_ext),
	VMS_UINT8("nd", struct dev, nd),
	VMS_EXT_FIELD("derived", VMS_INT, VMS_F_VARRAY, derived_ext),
};

static bool sub_a_needed(const void *opaque)
{
	return ((const struct dev *)opaque)->sub_a != 0;
}

static bool sub_ax_needed(const void *opaque)
{
	return ((const struct dev *)opaque)->sub_ax != 0;
}

static bool sub_b_needed(const void *opaque)
{
	return ((const struct dev *)opaque)->b_needed;
}

static const struct vms_field sub_ax_fields[] = {
	VMS_UINT16("sub_ax", struct dev, sub_ax),
};

static const struct vms_desc sub_ax_desc = {
	.name = "dev/a/x",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(sub_ax_fields),
	.needed = sub_ax_needed,
};

static const struct vms_desc *const sub_a_subs[] = { &sub_ax_desc, NULL };

static const struct vms_field sub_a_fields[] = {
	VMS_UINT32("sub_a", struct dev, sub_a),
};

static const struct vms_desc sub_a_desc = {
	.name = "dev/a",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(sub_a_fields),
	.subsections = sub_a_subs,
	.needed = sub_a_needed,
};

static const struct vms_field sub_b_fields[] = {
	VMS_UINT32("sub_b", struct dev, sub_b),
};

static const struct vms_desc sub_b_desc = {
	.name = "dev/b",
	.version_id = 2,
	.minimum_version_id = 1,
	VMS_FIELDS(sub_b_fields),
	.needed = sub_b_needed,
};

static const struct vms_desc *const dev_subs[] = { &sub_a_desc, &sub_b_desc, NULL };

static const struct vms_desc dev_desc = {
	.name = "dev",
	.version_id = 3,
	.minimum_version_id = 1,
	VMS_FIELDS(dev_fields),
	.subsections = dev_subs,
};

static struct dev dev_value(void)
{
	struct dev d;
	memset(&d, 0, sizeof(d));
	d.arr[0] = 1;
	d.arr[1] = 2;
	d.arr[2] = 3;
	d.n = 2;
	d.var[0] = 0x1111;
	d.var[1] = 0x2222;
	d.var[2] = 0x3333; /* beyond n: not saved */
	memcpy(d.buf, "\xde\xad\xbe\xef", 4);
	d.vlen = 3;
	memcpy(d.vbuf, "\x0a\x0b\x0c\x0d", 4);
	d.one = (struct pair){ 0x10, 0x2030 };
	d.two[0] = (struct pair){ 0x40, 0x5060 };
	d.two[1] = (struct pair){ 0x70, 0x8090 };
	d.gate = 1;
	d.late = 0x11223344;
	d.gated = 0x55667788;
	d.nd = 2;
	d.derived[0] = 0xd0;
	d.derived[1] = 0xd1;
	d.derived[2] = 0xd2; /* beyond nd */
	d.sub_a = 0xa0a0a0a0;
	d.sub_ax = 0xabab;
	d.sub_b = 0xbbbbbbbb;
	return d;
}

#define DEV_FIELDS_WIRE                                                       \
	0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, /* arr */                         \
	0, 0, 0, 2,                         /* n */                           \
	0x11, 0x11, 0x22, 0x22,             /* var[0..1] */                   \
	0, 0,                               /* unused */                      \
	0xde, 0xad, 0xbe, 0xef,             /* buf */                         \
	0, 0, 0, 3,                         /* vlen */                        \
	0x0a, 0x0b, 0x0c,                   /* vbuf */                        \
	0x10, 0x20, 0x30,                   /* one */                         \
	0x40, 0x50, 0x60, 0x70, 0x80, 0x90, /* two */                         \
	0x01,                               /* gate */                        \
	0x11, 0x22, 0x33, 0x44,             /* late (version 2) */            \
	0x55, 0x66, 0x77, 0x88,             /* gated (exists) */              \
	0x02,                               /* nd */                          \
	0, 0, 0, 0xd0, 0, 0, 0, 0xd1        /* derived */
#define DEV_FIELDS_LEN 60

#define DEV_SUB_A_WIRE                                                        \
	0x05, 5, 'd', 'e', 'v', '/', 'a', 0, 0, 0, 1,                         \
	0xa0, 0xa0, 0xa0, 0xa0,                                               \
	0x05, 7, 'd', 'e', 'v', '/', 'a', '/', 'x', 0, 0, 0, 1,               \
	0xab, 0xab

static void save_writes_every_field_kind_and_needed_subsections(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	assert_true(save(&dev_desc, &v, &s));
	assert_bytes(s.bytes, s.len, DEV_FIELDS_WIRE, DEV_SUB_A_WIRE);
}

static void json_description_is_qemus_for_every_field_kind(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	assert_true(save(&dev_desc, &v, &s));
#define PAIR_JSON "{\"vmsd_name\": \"pair\", \"version\": 1, \"fields\": [" \
	"{\"name\": \"a\", \"type\": \"uint8\", \"size\": 1}, "              \
	"{\"name\": \"b\", \"type\": \"uint16\", \"size\": 2}]}"
	assert_str(s.json,
		   "{\"vmsd_name\": \"dev\", \"version\": 3, \"fields\": ["
		   "{\"name\": \"arr\", \"array_len\": 3, \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"n\", \"type\": \"int32\", \"size\": 4}, "
		   "{\"name\": \"var\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"unused\", \"type\": \"unused_buffer\", \"size\": 2}, "
		   "{\"name\": \"buf\", \"type\": \"buffer\", \"size\": 4}, "
		   "{\"name\": \"vlen\", \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"vbuf\", \"type\": \"buffer\", \"size\": 3}, "
		   "{\"name\": \"one\", \"type\": \"struct\", \"struct\": " PAIR_JSON ", \"size\": 3}, "
		   "{\"name\": \"two\", \"array_len\": 2, \"type\": \"struct\", \"struct\": "
		   PAIR_JSON ", \"size\": 3}, "
		   "{\"name\": \"gate\", \"type\": \"uint8\", \"size\": 1}, "
		   "{\"name\": \"late\", \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"gated\", \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"nd\", \"type\": \"uint8\", \"size\": 1}, "
		   "{\"name\": \"derived\", \"array_len\": 2, \"type\": \"uint32\", \"size\": 4}], "
		   "\"subsections\": [{\"vmsd_name\": \"dev/a\", \"version\": 1, \"fields\": ["
		   "{\"name\": \"sub_a\", \"type\": \"uint32\", \"size\": 4}], "
		   "\"subsections\": [{\"vmsd_name\": \"dev/a/x\", \"version\": 1, \"fields\": ["
		   "{\"name\": \"sub_ax\", \"type\": \"uint16\", \"size\": 2}]}]}]}");
}

static void round_trip_restores_every_field(void **state)
{
	struct saved s;
	struct vms_error err;
	struct dev v = dev_value(), w;
	size_t used;
	v.b_needed = true;
	assert_true(save(&dev_desc, &v, &s));
	memset(&w, 0, sizeof(w));
	assert_true(load(&dev_desc, &w, s.bytes, s.len, 3, &err, &used));
	assert_false(err.set);
	assert_int_equal(used, s.len);
	/* what was not on the wire stays as it was in w (zero) */
	v.var[2] = 0;
	v.vbuf[3] = 0;
	v.derived[2] = 0;
	v.b_needed = false;
	assert_memory_equal(&v, &w, sizeof(v));

	/* and saving the loaded copy gives the same bytes */
	struct saved s2;
	w.b_needed = true;
	assert_true(save(&dev_desc, &w, &s2));
	assert_bytes_eq(s2.bytes, s2.len, s.bytes, s.len);
}

/* The same fields compact and in full (VMS_F_EXT, numbers written out
 * by hand): the engine reads both forms alike. */
static const struct vms_field_ext arr_x = {
	.offset = offsetof(struct dev, arr), .num = 3, .size = 4,
};
static const struct vms_field_ext var_x = {
	.offset = offsetof(struct dev, var), .size = 2,
	.num_offset = offsetof(struct dev, n), .max_num = 4,
};
static const struct vms_field_ext vbuf_x = {
	.offset = offsetof(struct dev, vbuf), .num_offset = offsetof(struct dev, vlen),
	.max_num = 8,
};
static const struct vms_field_ext two_x = {
	.vmsd = &pair_desc, .offset = offsetof(struct dev, two), .num = 2,
	.stride = sizeof(struct pair),
};

static const struct vms_field compact_fields[] = {
	VMS_UINT32_ARRAY("arr", struct dev, arr, 3),
	VMS_INT32("n", struct dev, n),
	VMS_VARRAY_INT32("var", struct dev, var, n, 2, 4),
	VMS_UINT32("vlen", struct dev, vlen),
	VMS_VBUFFER_INT32("vbuf", struct dev, vbuf, vlen, 8),
	VMS_STRUCT_FIELD("two", struct dev, two, pair_desc, 2, struct pair),
};

static const struct vms_field ext_fields[] = {
	VMS_EXT_FIELD("arr", VMS_INT, 0, arr_x),
	VMS_INT32("n", struct dev, n),
	VMS_EXT_FIELD("var", VMS_INT, VMS_F_VARRAY, var_x),
	VMS_UINT32("vlen", struct dev, vlen),
	VMS_EXT_FIELD("vbuf", VMS_VBUFFER, 0, vbuf_x),
	VMS_EXT_FIELD("two", VMS_STRUCT, 0, two_x),
};

static const struct vms_desc compact_desc = {
	.name = "dev", .version_id = 1, .minimum_version_id = 1,
	VMS_FIELDS(compact_fields),
};

static const struct vms_desc ext_desc = {
	.name = "dev", .version_id = 1, .minimum_version_id = 1,
	VMS_FIELDS(ext_fields),
};

static void compact_and_full_fields_write_read_and_find_alike(void **state)
{
	struct saved c, x;
	struct vms_error err;
	struct dev v = dev_value(), w;
	/* two pointers, then 8 bytes of numbers: 16 on a 32-bit target */
	assert_int_equal(sizeof(struct vms_field), 2 * sizeof(void *) + 8);
	assert_true(save(&compact_desc, &v, &c));
	assert_true(save(&ext_desc, &v, &x));
	assert_bytes_eq(x.bytes, x.len, c.bytes, c.len);
	assert_str(x.json, c.json);

	memset(&w, 0, sizeof(w));
	assert_true(load(&ext_desc, &w, c.bytes, c.len, 1, &err, NULL));
	assert_memory_equal(w.arr, v.arr, sizeof(v.arr));
	assert_memory_equal(w.var, v.var, 2 * sizeof(v.var[0]));
	assert_memory_equal(w.vbuf, v.vbuf, v.vlen);
	assert_memory_equal(w.two, v.two, sizeof(v.two));

	for (unsigned k = 0; k < 2; k++) {
		const struct vms_desc *d = k ? &ext_desc : &compact_desc;
		const struct vms_field *two = vms_field_find(d, "two", NULL, NULL);
		const struct vms_field *var = vms_field_find(d, "var", NULL, NULL);
		uint64_t got;
		assert_ptr_equal(vms_field_struct(two), &pair_desc);
		assert_null(vms_field_struct(var));
		assert_ptr_equal(vms_field_elem(two, &v, 1), &v.two[1]);
		assert_int_equal(vms_field_count(var, &v), 2);
		assert_true(vms_field_get(var, &v, 1, &got));
		assert_int_equal(got, v.var[1]);
		assert_false(vms_field_get(var, &v, 2, &got)); /* beyond the count */
	}
}

static void subsection_framing_is_marker_length_name_version(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	v.sub_a = 0;
	v.sub_ax = 0;
	v.b_needed = true;
	assert_true(save(&dev_desc, &v, &s));
	assert_bytes(s.bytes, s.len, DEV_FIELDS_WIRE,
		     0x05, 5, 'd', 'e', 'v', '/', 'b', 0, 0, 0, 2,
		     0xbb, 0xbb, 0xbb, 0xbb);
	assert_non_null(strstr(s.json, "\"subsections\": [{\"vmsd_name\": \"dev/b\", "
					"\"version\": 2, \"fields\": [{\"name\": \"sub_b\", "
					"\"type\": \"uint32\", \"size\": 4}]}]}"));
	assert_null(strstr(s.json, "dev/a"));
}

static void no_needed_subsection_means_no_subsections_member(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	v.sub_a = 0;
	assert_true(save(&dev_desc, &v, &s));
	assert_bytes(s.bytes, s.len, DEV_FIELDS_WIRE);
	assert_null(strstr(s.json, "subsections"));
	assert_int_equal(s.json[s.jlen - 2], ']');
}

static void nested_subsection_without_its_parent_subsection_is_absent(void **state)
{
	struct saved s;
	struct vms_error err;
	struct dev v = dev_value(), w;
	v.sub_ax = 0;
	assert_true(save(&dev_desc, &v, &s));
	assert_bytes(s.bytes, s.len, DEV_FIELDS_WIRE,
		     0x05, 5, 'd', 'e', 'v', '/', 'a', 0, 0, 0, 1,
		     0xa0, 0xa0, 0xa0, 0xa0);
	memset(&w, 0, sizeof(w));
	w.sub_ax = 0x1234; /* not in the stream: left alone */
	assert_true(load(&dev_desc, &w, s.bytes, s.len, 3, &err, NULL));
	assert_int_equal(w.sub_a, 0xa0a0a0a0);
	assert_int_equal(w.sub_ax, 0x1234);
}

static void subsections_load_in_any_order_and_nested_ones_reach_their_parent(void **state)
{
	/* dev/b before dev/a; dev/a/x inside dev/a; then bytes that are not a
	 * subsection (0x7e) stop the search */
	static const uint8_t wire[] = {
		DEV_FIELDS_WIRE,
		0x05, 5, 'd', 'e', 'v', '/', 'b', 0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78,
		DEV_SUB_A_WIRE,
		0x7e,
	};
	struct vms_error err;
	struct dev w;
	size_t used;
	memset(&w, 0, sizeof(w));
	assert_true(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, &used));
	assert_int_equal(used, sizeof(wire) - 1);
	assert_int_equal(w.sub_b, 0x12345678);
	assert_int_equal(w.sub_a, 0xa0a0a0a0);
	assert_int_equal(w.sub_ax, 0xabab);
}

static void unknown_subsection_is_refused_at_its_marker(void **state)
{
	static const uint8_t wire[] = {
		DEV_FIELDS_WIRE,
		0x05, 6, 'd', 'e', 'v', '/', 'z', 'z', 0, 0, 0, 1, 0, 0, 0, 0,
	};
	struct vms_error err;
	struct dev w = { 0 };
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, DEV_FIELDS_LEN, "unknown subsection 'dev/zz'", NULL);
}

static void unknown_nested_subsection_is_refused(void **state)
{
	static const uint8_t wire[] = {
		DEV_FIELDS_WIRE,
		0x05, 5, 'd', 'e', 'v', '/', 'a', 0, 0, 0, 1, 1, 2, 3, 4,
		0x05, 7, 'd', 'e', 'v', '/', 'a', '/', 'y', 0, 0, 0, 1, 0, 0,
	};
	struct vms_error err;
	struct dev w = { 0 };
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, DEV_FIELDS_LEN + 15, "unknown subsection 'dev/a/y'", NULL);
}

static void subsection_of_another_description_is_left_to_the_caller(void **state)
{
	/* "other/x" does not start with "dev": not ours, load stops before it */
	static const uint8_t wire[] = {
		DEV_FIELDS_WIRE,
		0x05, 7, 'o', 't', 'h', 'e', 'r', '/', 'x', 0, 0, 0, 1,
	};
	struct vms_error err;
	struct dev w = { 0 };
	size_t used;
	assert_true(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, &used));
	assert_int_equal(used, DEV_FIELDS_LEN);
}

static void subsection_version_newer_than_described_is_refused(void **state)
{
	static const uint8_t wire[] = {
		DEV_FIELDS_WIRE,
		0x05, 5, 'd', 'e', 'v', '/', 'b', 0, 0, 0, 3, 0, 0, 0, 0,
	};
	struct vms_error err;
	struct dev w = { 0 };
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, DEV_FIELDS_LEN + 11, "'dev/b' version 3 is newer than this tern reads (2)",
		     NULL);
}

static void subsection_name_past_the_end_is_refused(void **state)
{
	static const uint8_t wire[] = { DEV_FIELDS_WIRE, 0x05, 9, 'd', 'e', 'v' };
	struct vms_error err;
	struct dev w = { 0 };
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, DEV_FIELDS_LEN, "subsection", "past the end", NULL);
}

static void version_too_new_or_too_old_is_refused(void **state)
{
	static const uint8_t wire[] = { DEV_FIELDS_WIRE };
	struct vms_error err;
	struct dev w = { 0 };
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 4, &err, NULL));
	assert_error(&err, 0, "'dev' version 4 is newer than this tern reads (3)", NULL);
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 0, &err, NULL));
	assert_error(&err, 0, "'dev' version 0 is older than this tern reads (1)", NULL);
}

static void field_of_a_later_version_is_absent_from_an_older_stream(void **state)
{
	/* version 1: no "late" */
	static const uint8_t wire[] = {
		0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, /* arr, n = 0 */
		0, 0, 1, 2, 3, 4, 0, 0, 0, 0,                   /* unused, buf, vlen */
		0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90,
		0x00,                                           /* gate: no "gated" */
		0x00,                                           /* nd */
	};
	struct vms_error err;
	struct dev w;
	size_t used;
	memset(&w, 0, sizeof(w));
	w.late = 0xfeedface;
	w.gated = 0xcafe;
	assert_true(load(&dev_desc, &w, wire, sizeof(wire), 1, &err, &used));
	assert_int_equal(used, sizeof(wire));
	assert_int_equal(w.late, 0xfeedface);
	assert_int_equal(w.gated, 0xcafe);
	assert_int_equal(w.two[1].b, 0x8090);
	assert_int_equal(w.nd, 0);
}

static void exists_decides_from_fields_loaded_before(void **state)
{
	struct saved s;
	struct vms_error err;
	struct dev v = dev_value(), w;
	v.gate = 0;
	v.sub_a = 0;
	assert_true(save(&dev_desc, &v, &s));
	assert_int_equal(s.len, DEV_FIELDS_LEN - 4);
	assert_null(strstr(s.json, "gated"));
	memset(&w, 0, sizeof(w));
	w.gate = 1; /* overwritten by the stream before "gated" is considered */
	assert_true(load(&dev_desc, &w, s.bytes, s.len, 3, &err, NULL));
	assert_int_equal(w.gated, 0);
	assert_int_equal(w.derived[1], 0xd1);
}

static void varray_of_zero_elements_writes_nothing(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	v.n = 0;
	v.nd = 0;
	v.sub_a = 0;
	assert_true(save(&dev_desc, &v, &s));
	assert_int_equal(s.len, DEV_FIELDS_LEN - 4 - 8);
	assert_null(strstr(s.json, "\"var\""));
	assert_null(strstr(s.json, "\"derived\""));
}

static void varray_of_one_element_has_no_array_len(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	v.n = 1;
	assert_true(save(&dev_desc, &v, &s));
	assert_non_null(strstr(s.json, "{\"name\": \"var\", \"type\": \"uint16\", \"size\": 2}, "));
}

static void varray_beyond_its_bound_is_refused_on_load(void **state)
{
	uint8_t wire[] = { DEV_FIELDS_WIRE };
	struct vms_error err;
	struct dev w = { 0 };
	wire[15] = 5; /* n = 5 > 4 */
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, 16, "field 'var'", "array length 5 beyond its bound 4", NULL);
	wire[12] = 0xff; /* n = 0xff000005: a negative count */
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, 16, "field 'var'", "array length 4278190085 beyond its bound 4",
		     NULL);
}

static void varray_with_count_function_beyond_its_bound_is_refused_on_load(void **state)
{
	uint8_t wire[] = { DEV_FIELDS_WIRE };
	struct vms_error err;
	struct dev w = { 0 };
	wire[DEV_FIELDS_LEN - 9] = 6; /* nd = 6 > 5 */
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, DEV_FIELDS_LEN - 8, "field 'derived'",
		     "array length 6 beyond its bound 5", NULL);
}

static void varray_beyond_its_bound_is_refused_on_save(void **state)
{
	struct saved s;
	struct dev v = dev_value();
	v.n = 5;
	assert_false(save(&dev_desc, &v, &s));
	assert_error(&s.err, 16, "field 'var'", "5 elements, beyond its bound 4", NULL);
	v.n = 2;
	v.nd = 9;
	assert_false(save(&dev_desc, &v, &s));
	assert_error(&s.err, DEV_FIELDS_LEN - 8, "field 'derived'", "9 elements, beyond its bound 5",
		     NULL);
}

static void vbuffer_beyond_its_bound_is_refused_on_load_and_save(void **state)
{
	uint8_t wire[] = { DEV_FIELDS_WIRE };
	struct vms_error err;
	struct saved s;
	struct dev w = { 0 }, v = dev_value();
	wire[29] = 9; /* vlen = 9 > 8 */
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, 30, "field 'vbuf'", "length 9 beyond its bound 8", NULL);
	v.vlen = 9;
	assert_false(save(&dev_desc, &v, &s));
	assert_error(&s.err, 30, "field 'vbuf'", "length 9 beyond its bound 8", NULL);
}

static void unused_bytes_are_zero_on_save_and_skipped_on_load(void **state)
{
	uint8_t wire[] = { DEV_FIELDS_WIRE };
	struct vms_error err;
	struct saved s;
	struct dev w, v = dev_value();
	wire[20] = 0x99;
	wire[21] = 0x98;
	memset(&w, 0, sizeof(w));
	assert_true(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_memory_equal(w.buf, v.buf, 4);
	assert_int_equal(w.var[1], 0x2222);
	/* whatever was read, zeros are written */
	assert_true(save(&dev_desc, &w, &s));
	assert_int_equal(s.bytes[20], 0);
	assert_int_equal(s.bytes[21], 0);
	assert_memory_equal(s.bytes + 22, v.buf, 4);
}

static void dump_json_prints_arrays_buffers_structs_and_subsections(void **state)
{
	char buf[2048];
	struct dev v = dev_value();
	dump(&dev_desc, &v, -1, buf, sizeof(buf));
	/* unused bytes print as written: zeros */
	assert_str(buf, "{\"arr\": [1, 2, 3], \"n\": 2, \"var\": [4369, 8738], "
			"\"unused\": \"0000\", \"buf\": \"deadbeef\", \"vlen\": 3, \"vbuf\": \"0a0b0c\", "
			"\"one\": {\"a\": 16, \"b\": 8240}, "
			"\"two\": [{\"a\": 64, \"b\": 20576}, {\"a\": 112, \"b\": 32912}], "
			"\"gate\": 1, \"late\": 287454020, \"gated\": 1432778632, \"nd\": 2, "
			"\"derived\": [208, 209], "
			"\"dev/a\": {\"sub_a\": 2694881440, \"dev/a/x\": {\"sub_ax\": 43947}}}");
	v.sub_a = 0;
	v.gate = 0;
	dump(&dev_desc, &v, 0, buf, sizeof(buf));
	assert_str(buf, "{\n  \"arr\": [1, 2, 3],\n  \"n\": 2,\n  \"var\": [4369, 8738],\n"
			"  \"unused\": \"0000\",\n  \"buf\": \"deadbeef\",\n  \"vlen\": 3,\n  \"vbuf\": \"0a0b0c\",\n"
			"  \"one\": {\n    \"a\": 16,\n    \"b\": 8240\n  },\n"
			"  \"two\": [{\n    \"a\": 64,\n    \"b\": 20576\n  }, {\n    \"a\": 112,\n"
			"    \"b\": 32912\n  }],\n"
			"  \"gate\": 0,\n  \"late\": 287454020,\n  \"nd\": 2,\n"
			"  \"derived\": [208, 209]\n}");
}

/* ---- JSON shapes: "[n]" names, "index" arrays, structs with subsections ---- */

struct clk {
	uint32_t period;
	uint8_t extra;
};

static bool clk_extra_needed(const void *opaque)
{
	return ((const struct clk *)opaque)->extra != 0;
}

static const struct vms_field clk_extra_fields[] = {
	VMS_UINT8("extra", struct clk, extra),
};

static const struct vms_desc clk_extra_desc = {
	.name = "clk/extra",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(clk_extra_fields),
	.needed = clk_extra_needed,
};

static const struct vms_desc *const clk_subs[] = { &clk_extra_desc, NULL };

static const struct vms_field clk_fields[] = {
	VMS_UINT32("period", struct clk, period),
};

static const struct vms_desc clk_desc = {
	.name = "clk",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(clk_fields),
	.subsections = clk_subs,
};

struct shapes {
	uint32_t dup0, dup1, dup2;
	struct clk clks[2];
	uint16_t maybe[2];
};

static bool always_exists(const void *opaque, int version_id)
{
	return true;
}

static const struct vms_field_fns always_fns = { .exists = always_exists };
static const struct vms_field_ext dup1_ext = {
	.size = 4, .offset = offsetof(struct shapes, dup1), .version_id = 9,
};
static const struct vms_field_ext maybe_ext = {
	.size = 2, .num = 2, .offset = offsetof(struct shapes, maybe), .fns = &always_fns,
};

static const struct vms_field shapes_fields[] = {
	VMS_UINT32("dup", struct shapes, dup0),
	VMS_EXT_FIELD("dup", VMS_INT, 0, dup1_ext), /* never exists: still counts */
	VMS_UINT32("dup", struct shapes, dup2),
	VMS_STRUCT_FIELD("clks", struct shapes, clks, clk_desc, 2, struct clk),
	VMS_EXT_FIELD("maybe", VMS_INT, 0, maybe_ext),
};

static const struct vms_desc shapes_desc = {
	.name = "shapes",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(shapes_fields),
};

static void json_names_duplicates_and_indexes_uncompressible_arrays(void **state)
{
	struct saved s;
	struct vms_error err;
	struct shapes v = {
		.dup0 = 1, .dup1 = 2, .dup2 = 3,
		.clks = { { 0x100, 7 }, { 0x200, 0 } },
		.maybe = { 0xaaaa, 0xbbbb },
	}, w;
	assert_true(save(&shapes_desc, &v, &s));
	assert_bytes(s.bytes, s.len,
		     0, 0, 0, 1, 0, 0, 0, 3,
		     0, 0, 1, 0, 0x05, 9, 'c', 'l', 'k', '/', 'e', 'x', 't', 'r', 'a',
		     0, 0, 0, 1, 7,
		     0, 0, 2, 0,
		     0xaa, 0xaa, 0xbb, 0xbb);
#define CLK_FIELDS "{\"vmsd_name\": \"clk\", \"version\": 1, \"fields\": [" \
	"{\"name\": \"period\", \"type\": \"uint32\", \"size\": 4}]"
	assert_str(s.json,
		   "{\"vmsd_name\": \"shapes\", \"version\": 1, \"fields\": ["
		   "{\"name\": \"dup[0]\", \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"dup[2]\", \"type\": \"uint32\", \"size\": 4}, "
		   "{\"name\": \"clks\", \"index\": 0, \"type\": \"struct\", \"struct\": "
		   CLK_FIELDS ", \"subsections\": [{\"vmsd_name\": \"clk/extra\", \"version\": 1, "
		   "\"fields\": [{\"name\": \"extra\", \"type\": \"uint8\", \"size\": 1}]}]}, "
		   "\"size\": 20}, "
		   "{\"name\": \"clks\", \"index\": 1, \"type\": \"struct\", \"struct\": "
		   CLK_FIELDS "}, \"size\": 4}, "
		   "{\"name\": \"maybe\", \"index\": 0, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"maybe\", \"index\": 1, \"type\": \"uint16\", \"size\": 2}]}");
	memset(&w, 0, sizeof(w));
	assert_true(load(&shapes_desc, &w, s.bytes, s.len, 1, &err, NULL));
	assert_int_equal(w.dup0, 1);
	assert_int_equal(w.dup1, 0);
	assert_int_equal(w.dup2, 3);
	assert_int_equal(w.clks[0].extra, 7);
	assert_int_equal(w.clks[1].period, 0x200);
	assert_int_equal(w.maybe[1], 0xbbbb);
}

static void field_find_uses_json_names(void **state)
{
	const struct vms_desc *owner = NULL;
	const struct vms_field *f = vms_field_find(&shapes_desc, "dup[2]", &owner, NULL);
	assert_non_null(f);
	assert_ptr_equal(f, &shapes_fields[2]);
	assert_ptr_equal(owner, &shapes_desc);
	assert_ptr_equal(vms_field_find(&shapes_desc, "dup[1]", NULL, NULL), &shapes_fields[1]);
	assert_null(vms_field_find(&shapes_desc, "dup", NULL, NULL));
	assert_null(vms_field_find(&shapes_desc, "dup[3]", NULL, NULL));
}

/* ---- the three bridges ---- */

struct regs {
	uint8_t n, z;       /* split flags; wire: one byte NZ000000 */
	uint32_t word;      /* wire: two 16-bit halves, high first */
	uint32_t le24;      /* wire: three bytes, little-endian (codec) */
	uint32_t sum;       /* computed by pre_save */
	int pre_calls, post_calls, post_version;
	bool fail_pre, fail_post;
};

static uint64_t flags_get(const void *opaque, uint32_t i)
{
	const struct regs *r = opaque;
	return (uint64_t)(r->n << 7 | r->z << 6);
}

static bool flags_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	struct regs *r = opaque;
	if (v & 0x3f)
		return vms_fail(in, "flags 0x%02x have reserved bits set", (unsigned)v);
	r->n = (uint8_t)(v >> 7 & 1);
	r->z = (uint8_t)(v >> 6 & 1);
	return true;
}

static const struct vms_conv flags_conv = { flags_get, flags_set, "nz" };

static uint64_t half_get(const void *opaque, uint32_t i)
{
	const struct regs *r = opaque;
	return i == 0 ? r->word >> 16 : r->word & 0xffff;
}

/* Refuses 0xdead without saying why: the engine names the value. */
static bool half_set(void *opaque, uint32_t i, uint64_t v, struct vms_in *in)
{
	struct regs *r = opaque;
	if (v == 0xdead)
		return false;
	if (i == 0)
		r->word = (r->word & 0xffff) | (uint32_t)v << 16;
	else
		r->word = (r->word & 0xffff0000u) | (uint32_t)v;
	return true;
}

static const struct vms_conv half_conv = { half_get, half_set, "uint16" };

static bool le24_put(struct vms_out *out, const void *opaque,
		     const struct vms_field *f, uint32_t i)
{
	uint32_t v = ((const struct regs *)opaque)->le24;
	uint8_t b[3] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16) };
	return vms_put_bytes(out, b, 3);
}

/* Refuses a top byte with bit 7 set, silently. */
static bool le24_get(struct vms_in *in, void *opaque, const struct vms_field *f,
		     uint32_t i)
{
	uint8_t b[3];
	if (!vms_get_bytes(in, b, 3))
		return false;
	if (b[2] & 0x80)
		return false;
	((struct regs *)opaque)->le24 = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
					(uint32_t)b[2] << 16;
	return true;
}

static const struct vms_codec le24_codec = { le24_put, le24_get, "le24" };

static bool regs_pre_save(void *opaque, struct vms_out *out)
{
	struct regs *r = opaque;
	r->pre_calls++;
	if (r->fail_pre)
		return false;
	r->sum = r->word + r->le24;
	return true;
}

static bool regs_post_load(void *opaque, int version_id, struct vms_in *in)
{
	struct regs *r = opaque;
	r->post_calls++;
	r->post_version = version_id;
	return !r->fail_post && r->sum == r->word + r->le24;
}

static const struct vms_field regs_fields[] = {
	VMS_CONV_FIELD("flags", 1, flags_conv, 0),
	VMS_CONV_FIELD("halves", 2, half_conv, 2),
	VMS_CODEC_FIELD("le24", 3, le24_codec),
	VMS_UINT32("sum", struct regs, sum),
};

static const struct vms_desc regs_desc = {
	.name = "regs",
	.version_id = 5,
	.minimum_version_id = 4,
	VMS_FIELDS(regs_fields),
	.pre_save = regs_pre_save,
	.post_load = regs_post_load,
};

#define REGS_WIRE 0x80, 0x12, 0x34, 0x56, 0x78, 0x03, 0x02, 0x01, 0x12, 0x35, 0x58, 0x7b

static void conversion_and_codec_fields_write_the_wire_form(void **state)
{
	struct saved s;
	struct regs r = { .n = 1, .z = 0, .word = 0x12345678, .le24 = 0x010203 };
	assert_true(save(&regs_desc, &r, &s));
	assert_int_equal(r.pre_calls, 1);
	assert_bytes(s.bytes, s.len, REGS_WIRE);
	assert_str(s.json,
		   "{\"vmsd_name\": \"regs\", \"version\": 5, \"fields\": ["
		   "{\"name\": \"flags\", \"type\": \"nz\", \"size\": 1}, "
		   "{\"name\": \"halves\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"le24\", \"type\": \"le24\", \"size\": 3}, "
		   "{\"name\": \"sum\", \"type\": \"uint32\", \"size\": 4}]}");
}

static void conversion_and_codec_fields_load_through_their_setters(void **state)
{
	static const uint8_t wire[] = { REGS_WIRE };
	struct vms_error err;
	struct regs r = { 0 };
	assert_true(load(&regs_desc, &r, wire, sizeof(wire), 4, &err, NULL));
	assert_int_equal(r.n, 1);
	assert_int_equal(r.z, 0);
	assert_int_equal(r.word, 0x12345678);
	assert_int_equal(r.le24, 0x010203);
	assert_int_equal(r.sum, 0x1235587b);
	assert_int_equal(r.post_calls, 1);
	assert_int_equal(r.post_version, 4);
}

static void conversion_setter_refusal_names_its_field_and_value_start(void **state)
{
	uint8_t wire[] = { REGS_WIRE };
	struct vms_error err;
	struct regs r = { 0 };
	wire[0] = 0xc1;
	assert_false(load(&regs_desc, &r, wire, sizeof(wire), 5, &err, NULL));
	assert_error(&err, 0, "field 'flags'", "flags 0xc1 have reserved bits set", NULL);
	assert_int_equal(r.post_calls, 0);

	wire[0] = 0x40;
	wire[3] = 0xde;
	wire[4] = 0xad;
	assert_false(load(&regs_desc, &r, wire, sizeof(wire), 5, &err, NULL));
	assert_error(&err, 3, "field 'halves'", "impossible value 0xdead", NULL);
}

static void codec_refusal_names_its_field(void **state)
{
	uint8_t wire[] = { REGS_WIRE };
	struct vms_error err;
	struct regs r = { 0 };
	wire[7] = 0x81;
	assert_false(load(&regs_desc, &r, wire, sizeof(wire), 5, &err, NULL));
	assert_error(&err, 5, "field 'le24'", "bad value", NULL);
}

static void post_load_refusal_names_the_description(void **state)
{
	uint8_t wire[] = { REGS_WIRE };
	struct vms_error err;
	struct regs r = { 0 };
	wire[11] ^= 1;
	assert_false(load(&regs_desc, &r, wire, sizeof(wire), 5, &err, NULL));
	assert_error(&err, sizeof(wire), "'regs' does not check out", NULL);
	assert_int_equal(r.post_calls, 1);
}

static void pre_save_refusal_stops_the_save_before_any_byte(void **state)
{
	struct saved s;
	struct regs r = { .fail_pre = true };
	assert_false(save(&regs_desc, &r, &s));
	assert_int_equal(s.len, 0);
	assert_error(&s.err, 0, "'regs': pre_save failed", NULL);
}

static void dump_json_prints_conversions_and_codecs_as_wire_integers(void **state)
{
	char buf[512];
	struct regs r = { .n = 1, .z = 1, .word = 0x00010002, .le24 = 0x010203, .sum = 5 };
	dump(&regs_desc, &r, -1, buf, sizeof(buf));
	/* the codec's wire bytes 03 02 01 read as a big-endian number */
	assert_str(buf, "{\"flags\": 192, \"halves\": [1, 2], \"le24\": 197121, \"sum\": 5}");
}

static void field_get_and_set_see_the_wire_value(void **state)
{
	struct regs r = { .n = 1, .word = 0x12345678 };
	struct vms_error err = { 0 };
	struct vms_in in;
	uint64_t v;
	const struct vms_desc *owner = NULL;
	const struct vms_field *f = vms_field_find(&regs_desc, "halves", &owner, NULL);
	vms_in_buffer(&in, NULL, 0, &err);

	assert_ptr_equal(f, &regs_fields[1]);
	assert_ptr_equal(owner, &regs_desc);
	assert_true(vms_field_get(f, &r, 1, &v));
	assert_int_equal(v, 0x5678);
	assert_false(vms_field_get(f, &r, 2, &v));
	assert_true(vms_field_set(f, &r, 0, 0xabcd, &in));
	assert_int_equal(r.word, 0xabcd5678);

	f = vms_field_find(&regs_desc, "flags", NULL, NULL);
	assert_true(vms_field_get(f, &r, 0, &v));
	assert_int_equal(v, 0x80);
	assert_true(vms_field_set(f, &r, 0, 0x40, &in));
	assert_int_equal(r.n, 0);
	assert_int_equal(r.z, 1);
	assert_false(err.set);

	/* a codec field is not an integer the engine can reach */
	f = vms_field_find(&regs_desc, "le24", NULL, NULL);
	assert_false(vms_field_get(f, &r, 0, &v));
	assert_false(vms_field_set(f, &r, 0, 1, &in));
	assert_error(&err, 0, "field 'le24'", "not an integer field", NULL);
}

static void field_set_refuses_what_does_not_fit(void **state)
{
	struct vms_error err;
	struct vms_in in;
	struct regs r = { 0 };
	struct ints iv = { 0 };
	const struct vms_field *f;

	memset(&err, 0, sizeof(err));
	vms_in_buffer(&in, NULL, 0, &err);
	f = vms_field_find(&regs_desc, "halves", NULL, NULL);
	assert_false(vms_field_set(f, &r, 1, 0xdead, &in));
	assert_error(&err, 0, "field 'halves'", "impossible value 0xdead", NULL);

	memset(&err, 0, sizeof(err));
	vms_in_buffer(&in, NULL, 0, &err);
	assert_false(vms_field_set(f, &r, 1, 0x10000, &in));
	assert_error(&err, 0, "field 'halves'", "0x10000 does not fit in 2 bytes", NULL);

	memset(&err, 0, sizeof(err));
	vms_in_buffer(&in, NULL, 0, &err);
	assert_false(vms_field_set(f, &r, 2, 1, &in));
	assert_error(&err, 0, "field 'halves'", "element 2 beyond the 2 there are", NULL);

	memset(&err, 0, sizeof(err));
	vms_in_buffer(&in, NULL, 0, &err);
	f = vms_field_find(&regs_desc, "flags", NULL, NULL);
	assert_false(vms_field_set(f, &r, 0, 0x41, &in));
	assert_error(&err, 0, "field 'flags'", "flags 0x41 have reserved bits set", NULL);

	memset(&err, 0, sizeof(err));
	vms_in_buffer(&in, NULL, 0, &err);
	f = vms_field_find(&ints_desc, "flag", NULL, NULL);
	assert_false(vms_field_set(f, &iv, 0, 2, &in));
	assert_error(&err, 0, "field 'flag'", "a bool is 0 or 1", NULL);
	assert_false(iv.flag);

	memset(&err, 0, sizeof(err));
	vms_in_buffer(&in, NULL, 0, &err);
	f = vms_field_find(&ints_desc, "s16", NULL, NULL);
	assert_true(vms_field_set(f, &iv, 0, 0xff85, &in));
	assert_int_equal(iv.s16, -123);
	assert_true(vms_field_get(f, &iv, 0, &(uint64_t){ 0 }));
	f = vms_field_find(&ints_desc, "u64", NULL, NULL);
	assert_true(vms_field_set(f, &iv, 0, UINT64_MAX, &in));
	assert_true(iv.u64 == UINT64_MAX);
	assert_false(err.set);
}

static void field_find_reaches_subsections_by_name_or_prefix(void **state)
{
	const struct vms_desc *owner = NULL;
	struct dev v = dev_value();
	struct vms_error err = { 0 };
	struct vms_in in;
	uint64_t x;
	const struct vms_field *f = vms_field_find(&dev_desc, "sub_ax", &owner, NULL);
	assert_ptr_equal(f, &sub_ax_fields[0]);
	assert_ptr_equal(owner, &sub_ax_desc);
	assert_ptr_equal(vms_field_find(&dev_desc, "dev/a/x:sub_ax", &owner, NULL), &sub_ax_fields[0]);
	assert_ptr_equal(owner, &sub_ax_desc);
	assert_ptr_equal(vms_field_find(&dev_desc, "dev/b:sub_b", &owner, NULL), &sub_b_fields[0]);
	assert_ptr_equal(owner, &sub_b_desc);
	assert_null(vms_field_find(&dev_desc, "dev/b:sub_a", NULL, NULL));
	assert_null(vms_field_find(&dev_desc, "nothing", NULL, NULL));

	f = vms_field_find(&dev_desc, "var", NULL, NULL);
	assert_true(vms_field_get(f, &v, 1, &x));
	assert_int_equal(x, 0x2222);
	assert_false(vms_field_get(f, &v, 2, &x)); /* n == 2 */
	vms_in_buffer(&in, NULL, 0, &err);
	assert_true(vms_field_set(f, &v, 0, 0x4242, &in));
	assert_int_equal(v.var[0], 0x4242);
	f = vms_field_find(&dev_desc, "two", NULL, NULL);
	assert_false(vms_field_get(f, &v, 0, &x));
	assert_int_equal(vms_field_count(f, &v), 2);
	assert_int_equal(vms_field_count(vms_field_find(&dev_desc, "derived", NULL, NULL), &v), 2);
	assert_int_equal(vms_field_count(vms_field_find(&dev_desc, "vbuf", NULL, NULL), &v), 1);
}

/* ---- errors: one line, section and field named ---- */

/* ---- series: numbered fields of one shape, one table entry ---- */

struct bank {
	uint16_t lo[3][2]; /* "r[0].v" .. "r[2].v", two uint16 each */
	uint32_t zero_refusals;
};

/* r[3].v, r[4].v: always zero on the wire; j is the index in the member. */
static uint64_t hi_get(const void *opaque, uint32_t j)
{
	return 0;
}

static bool hi_set(void *opaque, uint32_t j, uint64_t v, struct vms_in *in)
{
	if (!v)
		return true;
	((struct bank *)opaque)->zero_refusals++;
	return vms_fail(in, "element %u is 0x%llx, not 0", (unsigned)j,
			(unsigned long long)v);
}

static const struct vms_conv hi_conv = { hi_get, hi_set, "uint16" };

static const struct vms_field bank_fields[] = {
	{ .name = "r[].v", .kind = VMS_INT, .size = 2, .num = 2,
	  .flags = VMS_F_SERIES, .offset = offsetof(struct bank, lo),
	  .series_len = 3 },
	VMS_CONV_SERIES("r[].v", 2, hi_conv, 2, 3, 2),
};

static const struct vms_desc bank_desc = {
	.name = "bank",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(bank_fields),
};

#define BANK_WIRE                                                            \
	0x00, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, \
	0, 0, 0, 0, 0, 0, 0, 0

static void series_writes_its_members_as_numbered_fields(void **state)
{
	struct saved s;
	struct bank b = { .lo = { { 1, 2 }, { 3, 4 }, { 5, 6 } } };
	assert_true(save(&bank_desc, &b, &s));
	assert_bytes(s.bytes, s.len, BANK_WIRE);
	assert_str(s.json,
		   "{\"vmsd_name\": \"bank\", \"version\": 1, \"fields\": ["
		   "{\"name\": \"r[0].v\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"r[1].v\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"r[2].v\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"r[3].v\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}, "
		   "{\"name\": \"r[4].v\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}]}");
	char buf[256];
	dump(&bank_desc, &b, -1, buf, sizeof(buf));
	assert_str(buf, "{\"r[0].v\": [1, 2], \"r[1].v\": [3, 4], \"r[2].v\": [5, 6], "
			"\"r[3].v\": [0, 0], \"r[4].v\": [0, 0]}");
}

static void series_loads_back_and_a_refusal_names_its_member(void **state)
{
	uint8_t wire[] = { BANK_WIRE };
	struct vms_error err;
	struct bank b = { 0 };
	size_t used;
	assert_true(load(&bank_desc, &b, wire, sizeof(wire), 1, &err, &used));
	assert_int_equal(used, sizeof(wire));
	assert_int_equal(b.lo[1][1], 4);
	assert_int_equal(b.lo[2][0], 5);

	wire[18] = 0x12; /* r[4].v, element 1 */
	assert_false(load(&bank_desc, &b, wire, sizeof(wire), 1, &err, NULL));
	assert_error(&err, 18, "field 'r[4].v'", "element 1 is 0x12", NULL);
	assert_int_equal(b.zero_refusals, 1);
}

static void series_members_are_found_by_name(void **state)
{
	struct bank b = { .lo = { { 1, 2 }, { 3, 4 }, { 5, 6 } } };
	struct vms_error err = { 0 };
	struct vms_in in;
	uint32_t first = 99;
	uint64_t v;
	const struct vms_field *f = vms_field_find(&bank_desc, "r[2].v", NULL, &first);
	assert_ptr_equal(f, &bank_fields[0]);
	assert_int_equal(first, 4);
	assert_true(vms_field_get(f, &b, first + 1, &v));
	assert_int_equal(v, 6);
	vms_in_buffer(&in, NULL, 0, &err);
	assert_true(vms_field_set(f, &b, first, 0x55, &in));
	assert_int_equal(b.lo[2][0], 0x55);
	assert_false(vms_field_get(f, &b, 6, &v)); /* past the last member */
	assert_int_equal(vms_field_count(f, &b), 6);

	assert_ptr_equal(vms_field_find(&bank_desc, "r[3].v", NULL, &first), &bank_fields[1]);
	assert_int_equal(first, 0);
	assert_ptr_equal(vms_field_find(&bank_desc, "r[4].v", NULL, &first), &bank_fields[1]);
	assert_int_equal(first, 2);
	assert_null(vms_field_find(&bank_desc, "r[5].v", NULL, NULL));
	assert_null(vms_field_find(&bank_desc, "r[].v", NULL, NULL));
}

static void error_names_section_and_field_on_one_line(void **state)
{
	static const uint8_t wire[] = { 0x12, 0x34 };
	struct vms_error err = { 0 };
	struct vms_in in;
	struct ints v;
	vms_in_buffer(&in, wire, sizeof(wire), &err);
	in.section = "ints.0";
	assert_false(vms_load(&in, &ints_desc, &v, 1));
	assert_str(err.msg, "byte 1: section 'ints.0', field 'u16': stream truncated "
			    "(2 bytes wanted, 1 left)");
	/* every later call fails too and the first error stays */
	assert_false(vms_load(&in, &ints_desc, &v, 1));
	assert_int_equal(err.offset, 1);
}

static void error_from_stream_names_stays_on_one_line(void **state)
{
	/* a subsection name with a newline and a tab in it */
	static const uint8_t wire[] = {
		DEV_FIELDS_WIRE,
		0x05, 6, 'd', 'e', 'v', '/', '\n', '\t', 0, 0, 0, 1,
	};
	struct vms_error err;
	struct dev w = { 0 };
	assert_false(load(&dev_desc, &w, wire, sizeof(wire), 3, &err, NULL));
	assert_error(&err, DEV_FIELDS_LEN, "unknown subsection 'dev/", NULL);
	assert_null(strchr(err.msg, '\t'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(save_writes_integers_big_endian_in_table_order),
		cmocka_unit_test(load_reads_integers_back_with_their_signs),
		cmocka_unit_test(json_description_of_integers_is_qemus),
		cmocka_unit_test(dump_json_prints_signed_and_unsigned_numbers),
		cmocka_unit_test(bool_above_one_is_refused_at_its_byte),
		cmocka_unit_test(truncated_integer_fails_where_it_starts),
		cmocka_unit_test(save_writes_every_field_kind_and_needed_subsections),
		cmocka_unit_test(json_description_is_qemus_for_every_field_kind),
		cmocka_unit_test(round_trip_restores_every_field),
		cmocka_unit_test(compact_and_full_fields_write_read_and_find_alike),
		cmocka_unit_test(subsection_framing_is_marker_length_name_version),
		cmocka_unit_test(no_needed_subsection_means_no_subsections_member),
		cmocka_unit_test(nested_subsection_without_its_parent_subsection_is_absent),
		cmocka_unit_test(subsections_load_in_any_order_and_nested_ones_reach_their_parent),
		cmocka_unit_test(unknown_subsection_is_refused_at_its_marker),
		cmocka_unit_test(unknown_nested_subsection_is_refused),
		cmocka_unit_test(subsection_of_another_description_is_left_to_the_caller),
		cmocka_unit_test(subsection_version_newer_than_described_is_refused),
		cmocka_unit_test(subsection_name_past_the_end_is_refused),
		cmocka_unit_test(version_too_new_or_too_old_is_refused),
		cmocka_unit_test(field_of_a_later_version_is_absent_from_an_older_stream),
		cmocka_unit_test(exists_decides_from_fields_loaded_before),
		cmocka_unit_test(varray_of_zero_elements_writes_nothing),
		cmocka_unit_test(varray_of_one_element_has_no_array_len),
		cmocka_unit_test(varray_beyond_its_bound_is_refused_on_load),
		cmocka_unit_test(varray_with_count_function_beyond_its_bound_is_refused_on_load),
		cmocka_unit_test(varray_beyond_its_bound_is_refused_on_save),
		cmocka_unit_test(vbuffer_beyond_its_bound_is_refused_on_load_and_save),
		cmocka_unit_test(unused_bytes_are_zero_on_save_and_skipped_on_load),
		cmocka_unit_test(dump_json_prints_arrays_buffers_structs_and_subsections),
		cmocka_unit_test(json_names_duplicates_and_indexes_uncompressible_arrays),
		cmocka_unit_test(field_find_uses_json_names),
		cmocka_unit_test(conversion_and_codec_fields_write_the_wire_form),
		cmocka_unit_test(conversion_and_codec_fields_load_through_their_setters),
		cmocka_unit_test(conversion_setter_refusal_names_its_field_and_value_start),
		cmocka_unit_test(codec_refusal_names_its_field),
		cmocka_unit_test(post_load_refusal_names_the_description),
		cmocka_unit_test(pre_save_refusal_stops_the_save_before_any_byte),
		cmocka_unit_test(dump_json_prints_conversions_and_codecs_as_wire_integers),
		cmocka_unit_test(field_get_and_set_see_the_wire_value),
		cmocka_unit_test(field_set_refuses_what_does_not_fit),
		cmocka_unit_test(field_find_reaches_subsections_by_name_or_prefix),
		cmocka_unit_test(series_writes_its_members_as_numbered_fields),
		cmocka_unit_test(series_loads_back_and_a_refusal_names_its_member),
		cmocka_unit_test(series_members_are_found_by_name),
		cmocka_unit_test(error_names_section_and_field_on_one_line),
		cmocka_unit_test(error_from_stream_names_stays_on_one_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
