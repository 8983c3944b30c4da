/*
 * The migration stream container (vmstate/stream.c): a stream written with
 * the writer (magic, configuration, RAM START with its block list, a PART
 * with data, zero and CONTINUE pages, a FULL device section with its JSON
 * entry, END, EOF and the JSON description), its exact bytes, and reading
 * it back from a buffer and from a source that trickles 1..7 bytes at a
 * time. Then damage: every truncation, every flipped byte, and the named
 * errors of each malformed record.
 */
#include "vmstate/stream.h"

#include "test_vmstate_util.h"

/* ---- the device section ---- */

struct small {
	uint32_t a;
	uint16_t b[2];
	uint8_t s;
};

static bool small_s_needed(const void *opaque)
{
	return ((const struct small *)opaque)->s != 0;
}

static const struct vms_field small_s_fields[] = {
	VMS_UINT8("s", struct small, s),
};

static const struct vms_desc small_s_desc = {
	.name = "small/s",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(small_s_fields),
	.needed = small_s_needed,
};

static const struct vms_desc *const small_subs[] = { &small_s_desc, NULL };

static const struct vms_field small_fields[] = {
	VMS_UINT32("a", struct small, a),
	VMS_INT_FIELD("b", struct small, b, 2, 0, 2),
};

static const struct vms_desc small_desc = {
	.name = "small",
	.version_id = 2,
	.minimum_version_id = 1,
	VMS_FIELDS(small_fields),
	.subsections = small_subs,
};

/* ---- the stream ---- */

#define RAM_PAGES 4
#define OFF_START 61       /* RAM START record */
#define OFF_PART 141       /* RAM PART record */
#define OFF_PAGE0 146      /* its first page header */
#define OFF_PAGE1 4264
#define OFF_PAGE2 4273
#define OFF_PAGE3 8377
#define OFF_FLASH 8386     /* the filled page of virt.flash0 */
#define OFF_FULL 8420      /* the "small" FULL record */
#define OFF_END 8466       /* RAM END */
#define OFF_EOF 8484
#define OFF_JSON 8490

static const char want_json[] =
	"{\"page_size\": 4096, \"devices\": [{\"name\": \"small\", \"instance_id\": 0, "
	"\"vmsd_name\": \"small\", \"version\": 2, \"fields\": ["
	"{\"name\": \"a\", \"type\": \"uint32\", \"size\": 4}, "
	"{\"name\": \"b\", \"array_len\": 2, \"type\": \"uint16\", \"size\": 2}], "
	"\"subsections\": [{\"vmsd_name\": \"small/s\", \"version\": 1, \"fields\": ["
	"{\"name\": \"s\", \"type\": \"uint8\", \"size\": 1}]}]}]}";

static uint8_t ram[RAM_PAGES * VMS_PAGE_SIZE];
static uint8_t stream[16384];
static size_t stream_len;

static const struct vms_ram_block blocks[] = {
	{ "mach-virt.ram", RAM_PAGES * VMS_PAGE_SIZE },
	{ "virt.flash0", VMS_PAGE_SIZE },
};

static bool write_stream(struct vms_out *out, struct vms_error *err)
{
	static uint8_t jbuf[4096];
	struct vms_writer w;
	struct vms_config cfg = { .name = "virt-7.2", .target_page_bits = VMS_PAGE_BITS };
	struct small sm = { .a = 0xa1a2a3a4, .b = { 0xb1b2, 0xb3b4 }, .s = 0x5c };

	vms_writer_begin(&w, out, jbuf, sizeof(jbuf), err);
	vms_write_config(&w, &cfg);
	vms_write_record_start(&w, VMS_REC_START, 2, "ram", 0, 4);
	vms_ram_write_blocks(&w, blocks, 2);
	vms_ram_write_eos(&w);
	vms_write_footer(&w, 2);
	vms_write_record_start(&w, VMS_REC_PART, 2, NULL, 0, 0);
	vms_ram_write_memory(&w, 0, blocks[0].name, ram, sizeof(ram));
	vms_ram_write_page(&w, 1, blocks[1].name, 0, NULL, 0xff);
	vms_ram_write_eos(&w);
	vms_write_footer(&w, 2);
	vms_write_section(&w, VMS_REC_FULL, 3, "small", 0, &small_desc, &sm);
	vms_write_record_start(&w, VMS_REC_END, 2, NULL, 0, 0);
	vms_ram_write_eos(&w);
	vms_write_footer(&w, 2);
	return vms_writer_finish(&w);
}

static int setup_stream(void **state)
{
	struct vms_error err = { 0 };
	struct vms_out out;
	memset(ram, 0, sizeof(ram));
	for (size_t i = 0; i < VMS_PAGE_SIZE; i++) {
		ram[i] = (uint8_t)(i * 7 + 1);                      /* page 0 */
		ram[2 * VMS_PAGE_SIZE + i] = (uint8_t)(i >> 4 ^ 0x5a); /* page 2 */
	}
	/* page 2 carries something that looks like an EOF + JSON header */
	memcpy(ram + 2 * VMS_PAGE_SIZE + 100, "\x00\x06\x00\x00\x00\x02{}", 8);
	vms_out_buffer(&out, stream, sizeof(stream), &err);
	if (!write_stream(&out, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	stream_len = out.len;
	return 0;
}

/* ---- reading it back ---- */

struct page {
	unsigned block;
	uint64_t addr;
	bool data;
	uint8_t fill;
	uint32_t sum;
};

struct decoded {
	struct vms_config cfg;
	struct vms_ram_block blocks[VMS_RAM_MAX_BLOCKS];
	unsigned nblocks;
	struct page pages[8];
	unsigned npages;
	struct small small;
	struct vms_record recs[12];
	unsigned nrecs;
	const char *json;
	uint32_t jlen;
	bool at_eof;
};

static bool on_blocks(void *ctx, const struct vms_ram_block *b, unsigned n)
{
	struct decoded *d = ctx;
	memcpy(d->blocks, b, n * sizeof(*b));
	d->nblocks = n;
	return true;
}

static bool on_page(void *ctx, unsigned block, uint64_t addr, const uint8_t *data,
		    uint8_t fill)
{
	struct decoded *d = ctx;
	if (d->npages == 8)
		return false;
	struct page *p = &d->pages[d->npages++];
	p->block = block;
	p->addr = addr;
	p->data = data != NULL;
	p->fill = fill;
	p->sum = 0;
	for (size_t i = 0; data && i < VMS_PAGE_SIZE; i++)
		p->sum = p->sum * 31 + data[i];
	return true;
}

static const struct vms_ram_ops ram_ops = { on_blocks, on_page };

/* Records, sections and RAM through the reader; at EOF the JSON. */
static bool decode(struct vms_in *in, struct decoded *d)
{
	struct vms_reader r;
	struct vms_ram_reader rr;
	struct vms_record rec;
	memset(d, 0, sizeof(*d));
	vms_ram_reader_init(&rr);
	if (!vms_read_header(&r, in))
		return false;
	for (;;) {
		if (!vms_read_record(&r, &rec))
			return false;
		if (d->nrecs < 12)
			d->recs[d->nrecs++] = rec;
		switch (rec.type) {
		case VMS_REC_EOF:
			d->at_eof = true;
			return vms_read_vmdesc(&r, &d->json, &d->jlen);
		case VMS_REC_CONFIG:
			if (!vms_load(in, &vms_config_desc, &d->cfg, 1))
				return false;
			break;
		default:
			if (!strcmp(rec.idstr, "ram")) {
				if (!vms_ram_read(in, &rr, &ram_ops, d))
					return false;
			} else if (!strcmp(rec.idstr, "small")) {
				if (!vms_load(in, &small_desc, &d->small, (int)rec.version_id))
					return false;
			} else {
				return vms_fail(in, "no description of '%s'", rec.idstr);
			}
			if (!vms_read_footer(&r, &rec))
				return false;
		}
	}
}

static bool decode_buffer(const uint8_t *buf, size_t len, struct decoded *d,
			  struct vms_error *err)
{
	struct vms_in in;
	memset(err, 0, sizeof(*err));
	vms_in_buffer(&in, buf, len, err);
	return decode(&in, d);
}

/* A source that hands out 1, 2, ... 7 bytes at a time. */
struct trickle {
	const uint8_t *buf;
	size_t len, pos;
	unsigned k;
};

static size_t trickle_fill(void *ctx, uint8_t *dst, size_t max)
{
	struct trickle *t = ctx;
	size_t n = 1 + t->k++ % 7;
	if (n > max)
		n = max;
	if (n > t->len - t->pos)
		n = t->len - t->pos;
	memcpy(dst, t->buf + t->pos, n);
	t->pos += n;
	return n;
}

static bool decode_trickle(const uint8_t *buf, size_t len, size_t wincap,
			   struct decoded *d, struct vms_error *err)
{
	static uint8_t win[8192];
	struct trickle t = { buf, len, 0, 0 };
	struct vms_in in;
	memset(err, 0, sizeof(*err));
	vms_in_callback(&in, trickle_fill, &t, win, wincap, err);
	return decode(&in, d);
}

static void assert_bytes_at(size_t off, const void *want, size_t n)
{
	if (bytes_differ(stream + off, off + n > stream_len ? stream_len - off : n, want, n))
		fail_msg("stream bytes at %zu differ", off);
}

#define assert_stream(off, ...)                                               \
	do {                                                                  \
		static const uint8_t want_[] = { __VA_ARGS__ };               \
		assert_bytes_at((off), want_, sizeof(want_));                 \
	} while (0)

/* ---- the bytes the writer wrote ---- */

static void header_and_configuration_are_qemus_bytes(void **state)
{
	assert_stream(0, 'Q', 'E', 'V', 'M', 0, 0, 0, 3,
		      0x07, 0, 0, 0, 8, 'v', 'i', 'r', 't', '-', '7', '.', '2',
		      0x05, 30, 'c', 'o', 'n', 'f', 'i', 'g', 'u', 'r', 'a', 't', 'i', 'o', 'n', '/',
		      't', 'a', 'r', 'g', 'e', 't', '-', 'p', 'a', 'g', 'e', '-', 'b', 'i', 't', 's',
		      0, 0, 0, 1, 0, 0, 0, 12);
}

static void ram_start_carries_the_block_list(void **state)
{
	assert_stream(OFF_START, 0x01, 0, 0, 0, 2, 3, 'r', 'a', 'm', 0, 0, 0, 0, 0, 0, 0, 4,
		      0, 0, 0, 0, 0, 0, 0x50, 0x04,
		      13, 'm', 'a', 'c', 'h', '-', 'v', 'i', 'r', 't', '.', 'r', 'a', 'm',
		      0, 0, 0, 0, 0, 0, 0x40, 0x00,
		      11, 'v', 'i', 'r', 't', '.', 'f', 'l', 'a', 's', 'h', '0',
		      0, 0, 0, 0, 0, 0, 0x10, 0x00,
		      0, 0, 0, 0, 0, 0, 0, 0x10,
		      0x7e, 0, 0, 0, 2);
}

static void ram_part_has_data_zero_and_continue_pages(void **state)
{
	assert_stream(OFF_PART, 0x02, 0, 0, 0, 2,
		      0, 0, 0, 0, 0, 0, 0, 0x08,
		      13, 'm', 'a', 'c', 'h', '-', 'v', 'i', 'r', 't', '.', 'r', 'a', 'm');
	assert_bytes_at(OFF_PAGE0 + 22, ram, VMS_PAGE_SIZE);
	assert_stream(OFF_PAGE1, 0, 0, 0, 0, 0, 0, 0x10, 0x22, 0x00);
	assert_stream(OFF_PAGE2, 0, 0, 0, 0, 0, 0, 0x20, 0x28);
	assert_bytes_at(OFF_PAGE2 + 8, ram + 2 * VMS_PAGE_SIZE, VMS_PAGE_SIZE);
	assert_stream(OFF_PAGE3, 0, 0, 0, 0, 0, 0, 0x30, 0x22, 0x00);
	/* another block: its name again, no CONTINUE; a page filled with 0xff */
	assert_stream(OFF_FLASH, 0, 0, 0, 0, 0, 0, 0, 0x02,
		      11, 'v', 'i', 'r', 't', '.', 'f', 'l', 'a', 's', 'h', '0', 0xff,
		      0, 0, 0, 0, 0, 0, 0, 0x10,
		      0x7e, 0, 0, 0, 2);
}

static void full_section_end_eof_and_json_description(void **state)
{
	assert_stream(OFF_FULL, 0x04, 0, 0, 0, 3, 5, 's', 'm', 'a', 'l', 'l',
		      0, 0, 0, 0, 0, 0, 0, 2,
		      0xa1, 0xa2, 0xa3, 0xa4, 0xb1, 0xb2, 0xb3, 0xb4,
		      0x05, 7, 's', 'm', 'a', 'l', 'l', '/', 's', 0, 0, 0, 1, 0x5c,
		      0x7e, 0, 0, 0, 3,
		      0x03, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x7e, 0, 0, 0, 2,
		      0x00, 0x06);
	uint32_t n = (uint32_t)strlen(want_json);
	const uint8_t len[4] = { (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8),
				 (uint8_t)n };
	assert_bytes_at(OFF_JSON - 4, len, 4);
	assert_int_equal(stream_len, OFF_JSON + n);
	assert_bytes_at(OFF_JSON, want_json, n);
}

struct sink {
	uint8_t *p;
	size_t len, cap;
};

static bool sink_flush(void *ctx, const uint8_t *p, size_t n)
{
	struct sink *s = ctx;
	if (n > s->cap - s->len)
		return false;
	memcpy(s->p + s->len, p, n);
	s->len += n;
	return true;
}

static void staged_callback_sink_writes_the_same_bytes(void **state)
{
	static uint8_t copy[16384];
	struct sink sink = { copy, 0, sizeof(copy) };
	struct vms_error err = { 0 };
	struct vms_out out;
	uint8_t stage[16];
	char want[64];
	vms_out_callback(&out, sink_flush, &sink, stage, sizeof(stage), &err);
	assert_true(write_stream(&out, &err));
	assert_int_equal(sink.len, stream_len);
	assert_int_equal(vms_out_tell(&out), stream_len);
	assert_memory_equal(copy, stream, stream_len);

	vms_out_counter(&out, &err);
	assert_true(write_stream(&out, &err));
	assert_int_equal(vms_out_tell(&out), stream_len);
	assert_false(err.set);

	/* a sink that refuses: the writer names the first byte not written,
	 * for a staged chunk and for a page written straight through */
	sink.len = 0;
	sink.cap = 100;
	memset(&err, 0, sizeof(err));
	vms_out_callback(&out, sink_flush, &sink, stage, sizeof(stage), &err);
	assert_false(write_stream(&out, &err));
	assert_int_equal(sink.len, 85); /* 53 bytes, then 16-byte stage chunks */
	assert_string_equal(err.msg, "byte 85: write failed");
	sink.len = 0;
	sink.cap = 1000;
	memset(&err, 0, sizeof(err));
	vms_out_callback(&out, sink_flush, &sink, stage, sizeof(stage), &err);
	assert_false(write_stream(&out, &err));
	assert_true(sink.len < OFF_PAGE0 + 22 + VMS_PAGE_SIZE);
	snprintf(want, sizeof(want), "byte %zu: write failed", sink.len);
	assert_string_equal(err.msg, want);
}

static void writer_into_a_full_buffer_fails_naming_the_byte(void **state)
{
	static uint8_t small_buf[100];
	struct vms_error err = { 0 };
	struct vms_out out;
	vms_out_buffer(&out, small_buf, sizeof(small_buf), &err);
	assert_false(write_stream(&out, &err));
	assert_true(err.set);
	assert_non_null(strstr(err.msg, "output buffer full (100 bytes)"));
	assert_int_equal(strncmp(err.msg, "byte ", 5), 0);
}

/* A name goes on the wire after its length in one byte: a longer one is
 * refused, not cut (which would desynchronise every reader). */
static void names_over_255_bytes_are_refused(void **state)
{
	static uint8_t buf[1024], jbuf[256];
	char name[257];
	struct vms_error err = { 0 };
	struct vms_out out;
	struct vms_writer w;
	static const struct vms_ram_block block = { .name = "mach-virt.ram", .length = 4096 };
	memset(name, 'x', 256);
	name[256] = 0;
	vms_out_buffer(&out, buf, sizeof(buf), &err);
	assert_true(vms_writer_begin(&w, &out, jbuf, sizeof(jbuf), &err));
	assert_false(vms_write_record_start(&w, VMS_REC_START, 1, name, 0, 1));
	assert_true(err.set);
	assert_non_null(strstr(err.msg, "is over 255 bytes"));

	memset(&err, 0, sizeof(err));
	name[255] = 0; /* 255 bytes: the longest there is */
	vms_out_buffer(&out, buf, sizeof(buf), &err);
	assert_true(vms_write_record_start(&w, VMS_REC_START, 1, name, 0, 1));
	assert_int_equal(buf[5], 255);
	assert_true(vms_ram_write_blocks(&w, &block, 1));
	assert_false(err.set);
}

/* ---- reading ---- */

static void check_decoded(const struct decoded *d)
{
	static const uint8_t types[] = { VMS_REC_CONFIG, VMS_REC_START, VMS_REC_PART,
					 VMS_REC_FULL, VMS_REC_END, VMS_REC_EOF };
	static const uint64_t offsets[] = { 8, OFF_START, OFF_PART, OFF_FULL, OFF_END, OFF_EOF };
	assert_int_equal(d->nrecs, 6);
	for (unsigned i = 0; i < 6; i++) {
		assert_int_equal(d->recs[i].type, types[i]);
		assert_int_equal(d->recs[i].offset, offsets[i]);
	}
	assert_string_equal(d->recs[1].idstr, "ram");
	assert_int_equal(d->recs[1].section_id, 2);
	assert_int_equal(d->recs[1].version_id, 4);
	/* PART and END inherit the START's name and version */
	assert_string_equal(d->recs[2].idstr, "ram");
	assert_int_equal(d->recs[2].version_id, 4);
	assert_string_equal(d->recs[4].idstr, "ram");
	assert_string_equal(d->recs[3].idstr, "small");
	assert_int_equal(d->recs[3].section_id, 3);
	assert_int_equal(d->recs[3].version_id, 2);

	assert_string_equal(d->cfg.name, "virt-7.2");
	assert_int_equal(d->cfg.len, 8);
	assert_int_equal(d->cfg.target_page_bits, 12);

	assert_int_equal(d->nblocks, 2);
	assert_string_equal(d->blocks[0].name, "mach-virt.ram");
	assert_int_equal(d->blocks[0].length, 0x4000);
	assert_string_equal(d->blocks[1].name, "virt.flash0");
	assert_int_equal(d->blocks[1].length, 0x1000);

	assert_int_equal(d->npages, 5);
	for (unsigned i = 0; i < 4; i++) {
		uint32_t sum = 0;
		for (size_t k = 0; k < VMS_PAGE_SIZE; k++)
			sum = sum * 31 + ram[i * VMS_PAGE_SIZE + k];
		assert_int_equal(d->pages[i].block, 0);
		assert_int_equal(d->pages[i].addr, i * VMS_PAGE_SIZE);
		assert_int_equal(d->pages[i].data, i % 2 == 0);
		assert_int_equal(d->pages[i].fill, 0);
		if (i % 2 == 0)
			assert_int_equal(d->pages[i].sum, sum);
	}
	assert_int_equal(d->pages[4].block, 1);
	assert_int_equal(d->pages[4].addr, 0);
	assert_false(d->pages[4].data);
	assert_int_equal(d->pages[4].fill, 0xff);

	assert_int_equal(d->small.a, 0xa1a2a3a4);
	assert_int_equal(d->small.b[0], 0xb1b2);
	assert_int_equal(d->small.b[1], 0xb3b4);
	assert_int_equal(d->small.s, 0x5c);
	assert_true(d->at_eof);
}

static void buffer_source_reads_back_every_record(void **state)
{
	struct decoded d;
	struct vms_error err;
	if (!decode_buffer(stream, stream_len, &d, &err))
		fail_msg("%s", err.msg);
	check_decoded(&d);
	assert_ptr_equal(d.json, (const char *)stream + OFF_JSON);
	assert_int_equal(d.jlen, strlen(want_json));
}

static void trickling_callback_source_decodes_the_same(void **state)
{
	struct decoded d;
	struct vms_error err;
	/* The JSON description needs the whole stream in memory: up to EOF the
	 * records decode the same through any window of a page or more. */
	assert_false(decode_trickle(stream, stream_len, 8192, &d, &err));
	check_decoded(&d);
	assert_error(&err, OFF_JSON, "JSON description needs a buffer source", NULL);
	assert_false(decode_trickle(stream, stream_len, VMS_PAGE_SIZE, &d, &err));
	check_decoded(&d);
	assert_error(&err, OFF_JSON, "needs a buffer source", NULL);
	/* and without the JSON, the stream ends cleanly at EOF */
	assert_true(decode_trickle(stream, OFF_EOF + 1, VMS_PAGE_SIZE, &d, &err));
	check_decoded(&d);
	assert_null(d.json);
}

static void callback_window_smaller_than_a_page_refuses_data_pages(void **state)
{
	struct decoded d;
	struct vms_error err;
	assert_false(decode_trickle(stream, stream_len, VMS_IN_MIN_WINDOW, &d, &err));
	assert_error(&err, OFF_PAGE0 + 22, "section 'ram'", "exceeds the window", NULL);
}

static void trickling_source_peeks_subsections_across_refills(void **state)
{
	/* the "small" body alone, every phase of the 1..7 byte refills */
	const uint8_t *body = stream + OFF_FULL + 19;
	for (unsigned phase = 0; phase < 7; phase++) {
		static uint8_t win[VMS_IN_MIN_WINDOW];
		struct trickle t = { body, 27, 0, phase };
		struct vms_error err = { 0 };
		struct vms_in in;
		struct small sm = { 0 };
		vms_in_callback(&in, trickle_fill, &t, win, sizeof(win), &err);
		assert_true(vms_load(&in, &small_desc, &sm, 2));
		assert_int_equal(vms_in_tell(&in), 22);
		assert_int_equal(sm.s, 0x5c);
		assert_int_equal(sm.b[1], 0xb3b4);
		uint8_t footer;
		assert_true(vms_get_u8(&in, &footer));
		assert_int_equal(footer, 0x7e);
	}
}

static void find_vmdesc_takes_the_one_ending_the_stream(void **state)
{
	static uint8_t longer[16384 + 8];
	const char *json;
	uint32_t jlen;
	uint64_t off;
	assert_true(vms_find_vmdesc(stream, stream_len, &json, &jlen, &off));
	assert_int_equal(off, OFF_JSON);
	assert_int_equal(jlen, strlen(want_json));
	assert_ptr_equal(json, (const char *)stream + OFF_JSON);

	/* bytes appended: the last description that fits, so the reader can
	 * name the garbage */
	memcpy(longer, stream, stream_len);
	memcpy(longer + stream_len, "xyz", 3);
	assert_true(vms_find_vmdesc(longer, stream_len + 3, &json, &jlen, &off));
	assert_int_equal(off, OFF_JSON);
	assert_int_equal(jlen, strlen(want_json));

	/* cut inside the JSON: the only candidate left is the fake one in RAM */
	assert_true(vms_find_vmdesc(stream, OFF_JSON + 10, &json, &jlen, &off));
	assert_int_equal(off, OFF_PAGE2 + 8 + 100 + 6);
	assert_int_equal(jlen, 2);
	assert_false(vms_find_vmdesc(stream, OFF_PAGE2 + 8 + 100 + 7, &json, &jlen, &off));
	assert_false(vms_find_vmdesc(stream, 5, &json, &jlen, &off));
}

static void trailing_garbage_after_the_json_is_refused(void **state)
{
	static uint8_t longer[16384 + 8];
	struct decoded d;
	struct vms_error err;
	memcpy(longer, stream, stream_len);
	memcpy(longer + stream_len, "xyz", 3);
	assert_false(decode_buffer(longer, stream_len + 3, &d, &err));
	assert_error(&err, stream_len, "field 'JSON description'",
		     "3 bytes of trailing garbage after the JSON description", NULL);
}

/* ---- damage ---- */

static void every_truncation_fails_naming_a_byte_at_or_before_the_cut(void **state)
{
	unsigned refused = 0;
	for (size_t n = 0; n < stream_len; n++) {
		struct decoded d;
		struct vms_error err;
		char head[40];
		bool ok = decode_buffer(stream, n, &d, &err);
		if (n == OFF_EOF + 1) { /* ends at EOF: a stream without JSON */
			assert_true(ok);
			assert_null(d.json);
			continue;
		}
		if (ok)
			fail_msg("prefix of %zu bytes decoded", n);
		snprintf(head, sizeof(head), "byte %llu: ", (unsigned long long)err.offset);
		if (!err.set || strncmp(err.msg, head, strlen(head)) || err.offset > n ||
		    strchr(err.msg, '\n'))
			fail_msg("prefix of %zu bytes: error \"%s\" (offset %llu)", n, err.msg,
				 (unsigned long long)err.offset);
		refused++;
	}
	assert_int_equal(refused, stream_len - 1);
}

static void every_truncation_through_a_trickling_source_fails_cleanly(void **state)
{
	/* the records part: every prefix up to EOF */
	for (size_t n = 0; n <= OFF_EOF; n++) {
		struct decoded d;
		struct vms_error err;
		if (decode_trickle(stream, n, VMS_PAGE_SIZE, &d, &err))
			fail_msg("prefix of %zu bytes decoded", n);
		if (!err.set || strncmp(err.msg, "byte ", 5) || err.offset > n)
			fail_msg("prefix of %zu bytes: error \"%s\"", n, err.msg);
	}
}

static void every_flipped_byte_fails_cleanly_or_decodes(void **state)
{
	static uint8_t copy[16384];
	static const uint8_t masks[] = { 0xff, 0x01, 0x80, 0x20 };
	unsigned refused = 0, decoded = 0;
	for (size_t m = 0; m < sizeof(masks); m++) {
		for (size_t i = 0; i < stream_len; i++) {
			struct decoded d;
			struct vms_error err;
			memcpy(copy, stream, stream_len);
			copy[i] ^= masks[m];
			if (decode_buffer(copy, stream_len, &d, &err)) {
				decoded++;
				continue;
			}
			if (!err.set || strncmp(err.msg, "byte ", 5) || strchr(err.msg, '\n'))
				fail_msg("flip 0x%02x at %zu: error \"%s\"", masks[m], i, err.msg);
			refused++;
		}
	}
	/* flips in page data and in the device's values decode; header,
	 * framing, names and the JSON framing do not */
	assert_true(decoded >= 4 * 2 * VMS_PAGE_SIZE);
	assert_true(refused >= 4 * 200);
}

static void every_flipped_byte_through_a_trickling_source_fails_cleanly_or_decodes(void **state)
{
	static uint8_t copy[16384];
	for (size_t i = 0; i <= OFF_EOF; i++) {
		struct decoded d;
		struct vms_error err;
		if (i >= OFF_PAGE0 + 22 && i < OFF_FLASH && (i - OFF_PAGE0) % 97)
			continue; /* sample the page data */
		memcpy(copy, stream, stream_len);
		copy[i] ^= 0xff;
		if (decode_trickle(copy, OFF_EOF + 1, 8192, &d, &err))
			continue;
		if (!err.set || strncmp(err.msg, "byte ", 5))
			fail_msg("flip at %zu: error \"%s\"", i, err.msg);
	}
}

/* Decode a copy of the stream with `n` bytes at `off` replaced. */
static bool decode_patched(size_t off, const void *bytes, size_t n, struct vms_error *err)
{
	static uint8_t copy[16384];
	struct decoded d;
	memcpy(copy, stream, stream_len);
	memcpy(copy + off, bytes, n);
	return decode_buffer(copy, stream_len, &d, err);
}

static void wrong_magic_is_refused_at_byte_0(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(3, "N", 1, &err));
	assert_error(&err, 0, "field 'file header'",
		     "not a QEMU migration stream (magic 0x5145564e, want 0x5145564d \"QEVM\")",
		     NULL);
}

static void wrong_version_is_refused_at_byte_4(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(4, "\0\0\0\2", 4, &err));
	assert_error(&err, 4, "stream version 2, tern reads version 3", NULL);
}

static void unknown_record_type_is_refused_at_its_byte(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_START, "\x09", 1, &err));
	assert_error(&err, OFF_START, "field 'record header'", "unknown record type 0x09", NULL);
	assert_false(decode_patched(OFF_EOF, "\x7e", 1, &err));
	assert_error(&err, OFF_EOF, "unknown record type 0x7e", NULL);
}

static void part_of_an_unopened_section_is_refused_at_its_id(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_PART + 4, "\x09", 1, &err));
	assert_error(&err, OFF_PART + 1, "field 'record header'",
		     "record for section id 9, which no START record opened", NULL);
}

static void section_id_used_twice_is_refused_at_its_id(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_FULL + 4, "\x02", 1, &err));
	assert_error(&err, OFF_FULL + 1, "section id 2 of 'small' is already in use", NULL);
}

static void section_name_with_a_nul_is_refused(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_FULL + 7, "\0", 1, &err));
	assert_error(&err, OFF_FULL + 1, "section name contains a NUL byte", NULL);
}

static void footer_of_another_section_is_refused_at_its_id(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_PART - 1, "\x03", 1, &err));
	assert_error(&err, OFF_PART - 4, "section 'ram'", "field 'section footer'",
		     "footer of section id 3 closes section id 2", NULL);
	/* a body longer than its description: the footer marker is missing */
	assert_false(decode_patched(OFF_FULL + 41, "\x05", 1, &err));
	assert_error(&err, OFF_FULL + 41, "section 'small'",
		     "0x05 where the section footer (0x7e) belongs", NULL);
}

static void ram_page_beyond_its_block_is_refused_at_its_header(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_PAGE3 + 6, "\x40", 1, &err));
	assert_error(&err, OFF_PAGE3, "section 'ram'", "field 'RAM page'",
		     "page at 0x4000 beyond RAM block 'mach-virt.ram' (0x4000 bytes)", NULL);
	assert_false(decode_patched(OFF_FLASH + 6, "\x10", 1, &err));
	assert_error(&err, OFF_FLASH, "page at 0x1000 beyond RAM block 'virt.flash0'", NULL);
}

static void page_of_an_unknown_ram_block_is_refused_at_its_name(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_PAGE0 + 20, "o", 1, &err));
	assert_error(&err, OFF_PAGE0 + 8, "section 'ram'",
		     "page of unknown RAM block 'mach-virt.rom'", NULL);
}

static void continue_page_with_no_page_before_it_is_refused(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_PAGE0 + 7, "\x28", 1, &err));
	assert_error(&err, OFF_PAGE0, "CONTINUE page with no page before it", NULL);
}

static void unknown_ram_flags_are_refused_at_the_page_header(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_PAGE1 + 7, "\x62", 1, &err));
	assert_error(&err, OFF_PAGE1, "RAM flags 0x062: not a kind tern reads", NULL);
}

static void ram_block_list_that_is_not_whole_pages_is_refused(void **state)
{
	struct vms_error err;
	/* virt.flash0 of 0x1001 bytes */
	assert_false(decode_patched(OFF_START + 17 + 8 + 22 + 19, "\x01", 1, &err));
	assert_error(&err, OFF_START + 17 + 8 + 22 + 12, "field 'RAM block list'",
		     "RAM block 'virt.flash0' of 4097 bytes is not whole pages", NULL);
	/* mach-virt.ram longer than the total */
	assert_false(decode_patched(OFF_START + 17 + 8 + 14 + 6, "\x60", 1, &err));
	assert_error(&err, OFF_START + 17 + 8 + 14,
		     "RAM block 'mach-virt.ram' overruns the total of 20480 bytes", NULL);
}

static void configuration_name_longer_than_tern_keeps_is_refused(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(9, "\0\0\0\x40", 4, &err));
	assert_error(&err, 13, "section 'configuration'", "field 'name'",
		     "length 64 beyond its bound 63", NULL);
	assert_false(decode_patched(14, "\x01", 1, &err));
	assert_error(&err, 61, "section 'configuration', field 'name'",
		     "machine name is not printable", NULL);
}

static void byte_after_eof_other_than_a_description_is_refused(void **state)
{
	struct vms_error err;
	assert_false(decode_patched(OFF_EOF + 1, "\x07", 1, &err));
	assert_error(&err, OFF_EOF + 1, "field 'JSON description'",
		     "0x07 after the end of the stream", NULL);
}

/* ---- stepping over a section nothing describes ---- */

static void skip_to_footer_steps_over_a_body_and_its_lookalikes(void **state)
{
	static const uint8_t body[] = {
		1, 2, 0x7e, 0, 0, 0, 3, 0x09,      /* a footer followed by no record */
		0x7e, 0, 0, 0, 4, 0x00,            /* another section's footer */
		5, 0x7e, 0, 0, 0, 3, 0x04, 0x7e,   /* ours, then a FULL record */
	};
	struct vms_error err = { 0 };
	struct vms_in in;
	vms_in_buffer(&in, body, sizeof(body), &err);
	in.pos = 1;
	assert_true(vms_skip_to_footer(&in, 3));
	assert_int_equal(vms_in_tell(&in), 15);
	/* a footer that ends the data is one too */
	vms_in_buffer(&in, body, 20, &err);
	assert_true(vms_skip_to_footer(&in, 3));
	assert_int_equal(vms_in_tell(&in), 15);
	assert_false(err.set);
}

static void skip_to_footer_refuses_when_the_footer_is_missing(void **state)
{
	static const uint8_t body[] = { 1, 2, 3, 0x7e, 0, 0, 0, 3, 0x09, 4, 0x7e, 0, 0, 0 };
	static uint8_t win[VMS_IN_MIN_WINDOW];
	struct trickle t = { body, sizeof(body), 0, 0 };
	struct vms_error err = { 0 };
	struct vms_in in;
	vms_in_buffer(&in, body, sizeof(body), &err);
	in.pos = 2;
	assert_false(vms_skip_to_footer(&in, 3));
	assert_error(&err, 2, "its end is not found", NULL);
	memset(&err, 0, sizeof(err));
	vms_in_callback(&in, trickle_fill, &t, win, sizeof(win), &err);
	assert_false(vms_skip_to_footer(&in, 3));
	assert_error(&err, 0, "cannot skip a section on a serial source", NULL);
}

static void section_without_description_is_stepped_over_and_the_rest_decodes(void **state)
{
	struct vms_error err = { 0 };
	struct vms_in in;
	struct vms_reader r;
	struct vms_ram_reader rr;
	struct vms_record rec;
	struct vms_config cfg;
	struct decoded d;
	unsigned skipped = 0;
	memset(&d, 0, sizeof(d));
	vms_ram_reader_init(&rr);
	vms_in_buffer(&in, stream, stream_len, &err);
	assert_true(vms_read_header(&r, &in));
	for (;;) {
		assert_true(vms_read_record(&r, &rec));
		if (rec.type == VMS_REC_EOF)
			break;
		if (rec.type == VMS_REC_CONFIG) {
			assert_true(vms_load(&in, &vms_config_desc, &cfg, 1));
			continue;
		}
		if (!strcmp(rec.idstr, "ram")) {
			assert_true(vms_ram_read(&in, &rr, &ram_ops, &d));
		} else {
			assert_true(vms_skip_to_footer(&in, rec.section_id));
			assert_int_equal(vms_in_tell(&in), OFF_END - 5);
			skipped++;
		}
		assert_true(vms_read_footer(&r, &rec));
	}
	assert_int_equal(skipped, 1);
	assert_int_equal(d.npages, 5);
	assert_false(err.set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_and_configuration_are_qemus_bytes),
		cmocka_unit_test(ram_start_carries_the_block_list),
		cmocka_unit_test(ram_part_has_data_zero_and_continue_pages),
		cmocka_unit_test(full_section_end_eof_and_json_description),
		cmocka_unit_test(staged_callback_sink_writes_the_same_bytes),
		cmocka_unit_test(writer_into_a_full_buffer_fails_naming_the_byte),
		cmocka_unit_test(names_over_255_bytes_are_refused),
		cmocka_unit_test(buffer_source_reads_back_every_record),
		cmocka_unit_test(trickling_callback_source_decodes_the_same),
		cmocka_unit_test(callback_window_smaller_than_a_page_refuses_data_pages),
		cmocka_unit_test(trickling_source_peeks_subsections_across_refills),
		cmocka_unit_test(find_vmdesc_takes_the_one_ending_the_stream),
		cmocka_unit_test(trailing_garbage_after_the_json_is_refused),
		cmocka_unit_test(every_truncation_fails_naming_a_byte_at_or_before_the_cut),
		cmocka_unit_test(every_truncation_through_a_trickling_source_fails_cleanly),
		cmocka_unit_test(every_flipped_byte_fails_cleanly_or_decodes),
		cmocka_unit_test(every_flipped_byte_through_a_trickling_source_fails_cleanly_or_decodes),
		cmocka_unit_test(wrong_magic_is_refused_at_byte_0),
		cmocka_unit_test(wrong_version_is_refused_at_byte_4),
		cmocka_unit_test(unknown_record_type_is_refused_at_its_byte),
		cmocka_unit_test(part_of_an_unopened_section_is_refused_at_its_id),
		cmocka_unit_test(section_id_used_twice_is_refused_at_its_id),
		cmocka_unit_test(section_name_with_a_nul_is_refused),
		cmocka_unit_test(footer_of_another_section_is_refused_at_its_id),
		cmocka_unit_test(ram_page_beyond_its_block_is_refused_at_its_header),
		cmocka_unit_test(page_of_an_unknown_ram_block_is_refused_at_its_name),
		cmocka_unit_test(continue_page_with_no_page_before_it_is_refused),
		cmocka_unit_test(unknown_ram_flags_are_refused_at_the_page_header),
		cmocka_unit_test(ram_block_list_that_is_not_whole_pages_is_refused),
		cmocka_unit_test(configuration_name_longer_than_tern_keeps_is_refused),
		cmocka_unit_test(byte_after_eof_other_than_a_description_is_refused),
		cmocka_unit_test(skip_to_footer_steps_over_a_body_and_its_lookalikes),
		cmocka_unit_test(skip_to_footer_refuses_when_the_footer_is_missing),
		cmocka_unit_test(section_without_description_is_stepped_over_and_the_rest_decodes),
	};
	return cmocka_run_group_tests(tests, setup_stream, NULL);
}
