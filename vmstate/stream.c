/*
 * Migration stream container: record framing, the configuration section,
 * RAM pages, the trailing JSON description.
 */
#include <inttypes.h>
#include <string.h>

#include "vmstate/stream.h"

/* ---- configuration section ---- */

static bool config_post_load(void *opaque, int version_id, struct vms_in *in)
{
	struct vms_config *c = opaque;
	c->name[c->len] = 0; /* len <= sizeof(name) - 1: checked by the engine */
	in->field = "name";
	for (uint32_t i = 0; i < c->len; i++)
		if (c->name[i] < 0x20 || c->name[i] > 0x7e)
			return vms_fail(in, "machine name is not printable");
	return true;
}

static bool config_page_bits_needed(const void *opaque)
{
	return ((const struct vms_config *)opaque)->target_page_bits != 0;
}

static const struct vms_field config_page_bits_fields[] = {
	VMS_UINT32("target_page_bits", struct vms_config, target_page_bits),
};

static const struct vms_desc config_page_bits_desc = {
	.name = "configuration/target-page-bits",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(config_page_bits_fields),
	.needed = config_page_bits_needed,
};

static const struct vms_field config_fields[] = {
	VMS_UINT32("len", struct vms_config, len),
	VMS_VBUFFER_INT32("name", struct vms_config, name, len,
			  sizeof(((struct vms_config *)0)->name) - 1),
};

static const struct vms_desc *const config_subsections[] = {
	&config_page_bits_desc,
	NULL,
};

const struct vms_desc vms_config_desc = {
	.name = "configuration",
	.version_id = 1,
	.minimum_version_id = 1,
	VMS_FIELDS(config_fields),
	.subsections = config_subsections,
	.post_load = config_post_load,
};

/* ---- reading ---- */

bool vms_read_header(struct vms_reader *r, struct vms_in *in)
{
	uint32_t magic, version;
	memset(r, 0, sizeof(*r));
	r->in = in;
	in->section = NULL;
	in->field = "file header";
	if (!vms_get_be32(in, &magic) || !vms_get_be32(in, &version))
		return false;
	if (magic != VMS_FILE_MAGIC) {
		return vms_fail_at(in, vms_in_tell(in) - 8, "not a QEMU migration stream "
				   "(magic 0x%08" PRIx32 ", want 0x%08x \"QEVM\")",
				   magic, VMS_FILE_MAGIC);
	}
	if (version != VMS_FILE_VERSION) {
		return vms_fail_at(in, vms_in_tell(in) - 4, "stream version %" PRIu32
				   ", tern reads version %u", version, VMS_FILE_VERSION);
	}
	in->field = NULL;
	return true;
}

static int find_section(const struct vms_reader *r, uint32_t id)
{
	for (unsigned i = 0; i < r->nsections; i++)
		if (r->sections[i].id == id)
			return (int)i;
	return -1;
}

static bool read_full_header(struct vms_reader *r, struct vms_record *rec)
{
	struct vms_in *in = r->in;
	uint8_t len;
	if (!vms_get_be32(in, &rec->section_id) || !vms_get_u8(in, &len) ||
	    !vms_get_bytes(in, rec->idstr, len) ||
	    !vms_get_be32(in, &rec->instance_id) ||
	    !vms_get_be32(in, &rec->version_id))
		return false;
	rec->idstr[len] = 0;
	if (strlen(rec->idstr) != len || find_section(r, rec->section_id) >= 0) {
		if (strlen(rec->idstr) != len)
			return vms_fail_at(in, rec->offset + 1, "section name contains a NUL byte");
		return vms_fail_at(in, rec->offset + 1, "section id %" PRIu32
				   " of '%s' is already in use", rec->section_id, rec->idstr);
	}
	if (r->nsections == VMS_MAX_SECTIONS)
		return vms_fail(in, "more than %u sections", VMS_MAX_SECTIONS);
	r->sections[r->nsections].id = rec->section_id;
	r->sections[r->nsections].instance_id = rec->instance_id;
	r->sections[r->nsections].version_id = rec->version_id;
	memcpy(r->sections[r->nsections].idstr, rec->idstr, (size_t)len + 1);
	r->nsections++;
	return true;
}

bool vms_read_record(struct vms_reader *r, struct vms_record *rec)
{
	struct vms_in *in = r->in;
	memset(rec, 0, sizeof(*rec));
	in->section = NULL;
	in->field = "record header";
	rec->offset = vms_in_tell(in);
	if (!vms_get_u8(in, &rec->type))
		return false;
	switch (rec->type) {
	case VMS_REC_EOF:
	case VMS_REC_CONFIG:
		break;
	case VMS_REC_START:
	case VMS_REC_FULL:
		if (!read_full_header(r, rec))
			return false;
		break;
	case VMS_REC_PART:
	case VMS_REC_END: {
		if (!vms_get_be32(in, &rec->section_id))
			return false;
		int i = find_section(r, rec->section_id);
		if (i < 0)
			return vms_fail_at(in, rec->offset + 1, "record for section id %" PRIu32
					   ", which no START record opened", rec->section_id);
		memcpy(rec->idstr, r->sections[i].idstr, sizeof(rec->idstr));
		rec->instance_id = r->sections[i].instance_id;
		rec->version_id = r->sections[i].version_id;
		break;
	}
	default:
		return vms_fail_at(in, vms_in_tell(in) - 1, "unknown record type 0x%02x",
				   rec->type);
	}
	in->field = NULL;
	if (rec->type != VMS_REC_EOF && rec->type != VMS_REC_CONFIG)
		in->section = r->sections[find_section(r, rec->section_id)].idstr;
	else if (rec->type == VMS_REC_CONFIG)
		in->section = "configuration";
	return true;
}

bool vms_read_footer(struct vms_reader *r, const struct vms_record *rec)
{
	struct vms_in *in = r->in;
	uint8_t type;
	uint32_t id;
	if (rec->type == VMS_REC_CONFIG || rec->type == VMS_REC_EOF)
		return true; /* no footer */
	in->field = "section footer";
	if (!vms_get_u8(in, &type))
		return false;
	if (type != VMS_REC_FOOTER)
		return vms_fail_at(in, vms_in_tell(in) - 1, "0x%02x where the section footer "
				   "(0x7e) belongs: the section's body does not match its "
				   "description", type);
	if (!vms_get_be32(in, &id))
		return false;
	if (id != rec->section_id)
		return vms_fail_at(in, vms_in_tell(in) - 4, "footer of section id %" PRIu32
				   " closes section id %" PRIu32 "", id, rec->section_id);
	in->field = NULL;
	in->section = NULL;
	return true;
}

bool vms_read_vmdesc(struct vms_reader *r, const char **json, uint32_t *len)
{
	struct vms_in *in = r->in;
	uint8_t type;
	*json = NULL;
	*len = 0;
	in->section = NULL;
	in->field = "JSON description";
	if (vms_in_at_end(in))
		return true;
	if (!vms_get_u8(in, &type))
		return false;
	if (type != VMS_REC_VMDESC)
		return vms_fail_at(in, vms_in_tell(in) - 1, "0x%02x after the end of the stream",
				   type);
	if (!vms_get_be32(in, len))
		return false;
	if (in->fill)
		return vms_fail(in, "JSON description needs a buffer source");
	const uint8_t *p = vms_get_span(in, *len);
	if (!p)
		return false;
	*json = (const char *)p;
	if (!vms_in_at_end(in))
		return vms_fail(in, "%llu bytes of trailing garbage after the JSON description",
				(unsigned long long)vms_in_remaining(in));
	in->field = NULL;
	return true;
}

bool vms_skip_to_footer(struct vms_in *in, uint32_t section_id)
{
	const uint8_t want[5] = { VMS_REC_FOOTER, (uint8_t)(section_id >> 24),
				  (uint8_t)(section_id >> 16), (uint8_t)(section_id >> 8),
				  (uint8_t)section_id };
	if (in->fill || vms_in_failed(in))
		return vms_fail(in, "cannot skip a section on a serial source");
	for (size_t p = in->pos; p + 5 <= in->len; p++) {
		if (memcmp(in->buf + p, want, 5))
			continue;
		/* A footer is followed by a record (or the end of the data). */
		if (p + 5 < in->len && in->buf[p + 5] > VMS_REC_FULL)
			continue;
		in->pos = p;
		return true;
	}
	return vms_fail(in, "no description of this section (the stream's JSON "
			"description is missing or unreadable), and its end is not found: "
			"the stream is truncated or damaged here");
}

bool vms_find_vmdesc(const uint8_t *buf, size_t len, const char **json,
		     uint32_t *jlen, uint64_t *offset)
{
	/* The description is the last thing in the stream and says how long
	 * it is: prefer the 0x00 0x06 whose length reaches exactly the end;
	 * failing that (bytes appended), the last one whose text fits, so the
	 * sections still decode and the reader names the garbage. */
	bool found = false;
	if (len < 6)
		return false;
	for (size_t p = len - 5; p-- > 1;) {
		if (buf[p] != VMS_REC_VMDESC || buf[p - 1] != VMS_REC_EOF ||
		    buf[p + 5] != '{')
			continue;
		uint32_t n = (uint32_t)buf[p + 1] << 24 | (uint32_t)buf[p + 2] << 16 |
			     (uint32_t)buf[p + 3] << 8 | buf[p + 4];
		if ((uint64_t)p + 5 + n > len)
			continue;
		if (!found || (uint64_t)p + 5 + n == len) {
			*json = (const char *)buf + p + 5;
			*jlen = n;
			*offset = p + 5;
			found = true;
		}
		if ((uint64_t)p + 5 + n == len)
			return true;
	}
	return found;
}

/* ---- RAM: reading ---- */

void vms_ram_reader_init(struct vms_ram_reader *rr)
{
	memset(rr, 0, sizeof(*rr));
	rr->last_block = -1;
}

static bool read_block_list(struct vms_in *in, struct vms_ram_reader *rr,
			    uint64_t total, const struct vms_ram_ops *ops,
			    void *ctx)
{
	uint64_t sum = 0;
	in->field = "RAM block list";
	rr->nblocks = 0;
	while (sum < total) {
		struct vms_ram_block *b = &rr->blocks[rr->nblocks];
		uint8_t len;
		if (rr->nblocks == VMS_RAM_MAX_BLOCKS)
			return vms_fail(in, "more than %u RAM blocks", VMS_RAM_MAX_BLOCKS);
		if (!vms_get_u8(in, &len) || !vms_get_bytes(in, b->name, len) ||
		    !vms_get_be64(in, &b->length))
			return false;
		b->name[len] = 0;
		if (!b->length || b->length % VMS_PAGE_SIZE)
			return vms_fail_at(in, vms_in_tell(in) - 8, "RAM block '%s' of %llu "
					   "bytes is not whole pages", b->name,
					   (unsigned long long)b->length);
		if (b->length > total - sum)
			return vms_fail_at(in, vms_in_tell(in) - 8, "RAM block '%s' overruns "
					   "the total of %llu bytes", b->name,
					   (unsigned long long)total);
		sum += b->length;
		rr->nblocks++;
	}
	if (ops && ops->blocks && !ops->blocks(ctx, rr->blocks, rr->nblocks))
		return vms_in_failed(in) ? false : vms_fail(in, "RAM blocks refused");
	return true;
}

static int find_block(const struct vms_ram_reader *rr, const uint8_t *name,
		      size_t len)
{
	for (unsigned i = 0; i < rr->nblocks; i++)
		if (strlen(rr->blocks[i].name) == len &&
		    !memcmp(rr->blocks[i].name, name, len))
			return (int)i;
	return -1;
}

static bool read_page(struct vms_in *in, struct vms_ram_reader *rr,
		      uint64_t word, const struct vms_ram_ops *ops, void *ctx)
{
	unsigned flags = word & (VMS_PAGE_SIZE - 1);
	uint64_t addr = word & ~(uint64_t)(VMS_PAGE_SIZE - 1);
	uint64_t word_at = vms_in_tell(in) - 8;
	int block = rr->last_block;
	if (!(flags & VMS_RAM_CONTINUE)) {
		uint8_t len;
		const uint8_t *name;
		if (!vms_get_u8(in, &len) || !(name = vms_get_span(in, len)))
			return false;
		block = find_block(rr, name, len);
		if (block < 0)
			return vms_fail_at(in, word_at + 8, "page of unknown RAM block '%.*s'",
					   (int)len, (const char *)name);
	} else if (block < 0) {
		return vms_fail_at(in, word_at, "CONTINUE page with no page before it");
	}
	rr->last_block = block;
	if (addr >= rr->blocks[block].length)
		return vms_fail_at(in, word_at, "page at 0x%llx beyond RAM block '%s' "
				   "(0x%llx bytes)", (unsigned long long)addr,
				   rr->blocks[block].name,
				   (unsigned long long)rr->blocks[block].length);
	uint8_t fill = 0;
	const uint8_t *data = NULL;
	if (flags & VMS_RAM_ZERO) {
		if (!vms_get_u8(in, &fill))
			return false;
	} else if (!(data = vms_get_span(in, VMS_PAGE_SIZE))) {
		return false;
	}
	if (ops && ops->page && !ops->page(ctx, (unsigned)block, addr, data, fill))
		return vms_in_failed(in) ? false : vms_fail(in, "RAM page refused");
	return true;
}

bool vms_ram_read(struct vms_in *in, struct vms_ram_reader *rr,
		  const struct vms_ram_ops *ops, void *ctx)
{
	for (;;) {
		uint64_t word;
		in->field = "RAM page header";
		if (!vms_get_be64(in, &word))
			return false;
		unsigned flags = word & (VMS_PAGE_SIZE - 1);
		unsigned kind = flags & ~(unsigned)VMS_RAM_CONTINUE;
		if (kind == VMS_RAM_EOS)
			return true;
		if (kind == VMS_RAM_MEM_SIZE) {
			if (!read_block_list(in, rr, word & ~(uint64_t)(VMS_PAGE_SIZE - 1),
					     ops, ctx))
				return false;
			continue;
		}
		if (kind != VMS_RAM_ZERO && kind != VMS_RAM_PAGE)
			return vms_fail_at(in, vms_in_tell(in) - 8, "RAM flags 0x%03x: not a "
					   "kind tern reads (zero, page, block list, end)", flags);
		in->field = "RAM page";
		if (!read_page(in, rr, word, ops, ctx))
			return false;
	}
}

/* ---- writing ---- */

bool vms_writer_begin(struct vms_writer *w, struct vms_out *out,
		      uint8_t *json_buf, size_t json_cap, struct vms_error *err)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->ram_last_block = -1;
	vms_out_buffer(&w->jout, json_buf, json_cap, err);
	vms_json_init(&w->json, &w->jout);
	vms_json_start_object(&w->json, NULL);
	vms_json_int(&w->json, "page_size", VMS_PAGE_SIZE);
	vms_json_start_array(&w->json, "devices");
	vms_put_be32(out, VMS_FILE_MAGIC);
	return vms_put_be32(out, VMS_FILE_VERSION);
}

bool vms_write_config(struct vms_writer *w, struct vms_config *cfg)
{
	cfg->len = (uint32_t)strlen(cfg->name);
	vms_put_u8(w->out, VMS_REC_CONFIG);
	return vms_save(w->out, &vms_config_desc, cfg, NULL);
}

bool vms_write_record_start(struct vms_writer *w, uint8_t type, uint32_t id,
			    const char *idstr, uint32_t instance_id,
			    uint32_t version_id)
{
	struct vms_out *out = w->out;
	vms_put_u8(out, type);
	vms_put_be32(out, id);
	if (type == VMS_REC_START || type == VMS_REC_FULL) {
		vms_put_str8(out, idstr);
		vms_put_be32(out, instance_id);
		vms_put_be32(out, version_id);
	}
	return !out->failed;
}

bool vms_write_footer(struct vms_writer *w, uint32_t id)
{
	vms_put_u8(w->out, VMS_REC_FOOTER);
	return vms_put_be32(w->out, id);
}

bool vms_write_section(struct vms_writer *w, uint8_t type, uint32_t id,
		       const char *idstr, uint32_t instance_id,
		       const struct vms_desc *d, void *opaque)
{
	struct vms_json *j = &w->json;
	if (!vms_write_record_start(w, type, id, idstr, instance_id,
				    (uint32_t)d->version_id))
		return false;
	vms_json_start_object(j, NULL);
	vms_json_str(j, "name", idstr);
	vms_json_int(j, "instance_id", instance_id);
	if (!vms_save(w->out, d, opaque, j))
		return false;
	vms_json_end_object(j);
	return vms_write_footer(w, id);
}

bool vms_ram_write_blocks(struct vms_writer *w, const struct vms_ram_block *b,
			  unsigned n)
{
	uint64_t total = 0;
	for (unsigned i = 0; i < n; i++)
		total += b[i].length;
	vms_put_be64(w->out, total | VMS_RAM_MEM_SIZE);
	for (unsigned i = 0; i < n; i++) {
		vms_put_str8(w->out, b[i].name);
		vms_put_be64(w->out, b[i].length);
	}
	return !w->out->failed;
}

bool vms_ram_write_page(struct vms_writer *w, unsigned block, const char *name,
			uint64_t addr, const uint8_t *data, uint8_t fill)
{
	uint64_t word = addr | (data ? VMS_RAM_PAGE : VMS_RAM_ZERO);
	bool cont = (int)block == w->ram_last_block;
	if (cont)
		word |= VMS_RAM_CONTINUE;
	vms_put_be64(w->out, word);
	if (!cont)
		vms_put_str8(w->out, name);
	w->ram_last_block = (int)block;
	if (data)
		return vms_put_bytes(w->out, data, VMS_PAGE_SIZE);
	return vms_put_u8(w->out, fill);
}

static bool page_is_zero(const uint8_t *p)
{
	uint64_t acc = 0;
	for (size_t i = 0; i < VMS_PAGE_SIZE; i += 8) {
		uint64_t v;
		memcpy(&v, p + i, 8);
		acc |= v;
	}
	return acc == 0;
}

bool vms_ram_write_memory(struct vms_writer *w, unsigned block, const char *name,
			  const uint8_t *mem, uint64_t len)
{
	for (uint64_t a = 0; a < len; a += VMS_PAGE_SIZE) {
		const uint8_t *p = mem + a;
		if (!vms_ram_write_page(w, block, name, a, page_is_zero(p) ? NULL : p, 0))
			return false;
	}
	return true;
}

bool vms_ram_write_eos(struct vms_writer *w)
{
	return vms_put_be64(w->out, VMS_RAM_EOS);
}

bool vms_writer_finish(struct vms_writer *w)
{
	vms_json_end_array(&w->json);
	vms_json_end_object(&w->json);
	if (w->jout.failed) {
		if (w->out->err && !w->out->err->set && w->jout.err)
			*w->out->err = *w->jout.err;
		w->out->failed = true;
		return false;
	}
	vms_put_u8(w->out, VMS_REC_EOF);
	vms_put_u8(w->out, VMS_REC_VMDESC);
	vms_put_be32(w->out, (uint32_t)w->jout.len);
	vms_put_bytes(w->out, w->jout.buf, w->jout.len);
	return vms_out_flush(w->out);
}
