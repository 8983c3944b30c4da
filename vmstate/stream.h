/*
 * The migration stream container, QEMU 7.2 format (stream version 3):
 * magic, configuration section, section records with footers, the RAM
 * section's page records, EOF and the trailing JSON description.
 * See ../shared/spec/qemu-7.2-stream.md for the bytes.
 *
 * Reading is pull-based: vms_read_record() returns the next record's
 * header; the caller decodes its body (vms_load() with a description, or
 * vms_ram_read() for RAM) and then calls vms_read_footer().
 */
#ifndef TERN_VMSTATE_STREAM_H
#define TERN_VMSTATE_STREAM_H

#include <stdbool.h>
#include <stdint.h>

#include "vmstate/io.h"
#include "vmstate/json.h"
#include "vmstate/vmstate.h"

#define VMS_FILE_MAGIC   0x5145564du /* "QEVM" */
#define VMS_FILE_VERSION 3u
#define VMS_PAGE_SIZE    4096u
#define VMS_PAGE_BITS    12u

enum vms_record_type {
	VMS_REC_EOF = 0x00,
	VMS_REC_START = 0x01,
	VMS_REC_PART = 0x02,
	VMS_REC_END = 0x03,
	VMS_REC_FULL = 0x04,
	VMS_REC_SUBSECTION = 0x05,
	VMS_REC_VMDESC = 0x06,
	VMS_REC_CONFIG = 0x07,
	VMS_REC_FOOTER = 0x7e,
};

#define VMS_IDSTR_MAX 256
#define VMS_MAX_SECTIONS 64

struct vms_record {
	uint8_t type;
	uint32_t section_id;
	uint32_t instance_id;    /* START/FULL; for PART/END: from the START */
	uint32_t version_id;     /* likewise */
	char idstr[VMS_IDSTR_MAX];
	uint64_t offset;         /* stream offset of the type byte */
};

struct vms_reader {
	struct vms_in *in;
	unsigned nsections; /* sections seen in START/FULL records */
	struct {
		uint32_t id, instance_id, version_id;
		char idstr[VMS_IDSTR_MAX];
	} sections[VMS_MAX_SECTIONS];
};

/* Magic and version. */
bool vms_read_header(struct vms_reader *r, struct vms_in *in);
/* Next record header. CONFIG: the caller loads the configuration body with
 * vms_config_desc. EOF: the caller may call vms_read_vmdesc next. */
bool vms_read_record(struct vms_reader *r, struct vms_record *rec);
bool vms_read_footer(struct vms_reader *r, const struct vms_record *rec);
/* After EOF: the optional JSON description. *json points into the window
 * of a buffer source (no copy), or is NULL if the stream ends at EOF;
 * anything after it is an error. */
bool vms_read_vmdesc(struct vms_reader *r, const char **json, uint32_t *len);

/* Skip the body of a section nothing describes (a stream whose JSON
 * description is lost): move to its footer, 0x7e and the be32 id followed
 * by the start of another record. Buffer sources only. */
bool vms_skip_to_footer(struct vms_in *in, uint32_t section_id);

/* Locate the trailing JSON description of a whole stream in memory:
 * 0x06, be32 length, text, ending exactly at the end of the buffer. */
bool vms_find_vmdesc(const uint8_t *buf, size_t len, const char **json,
		     uint32_t *jlen, uint64_t *offset);

/* ---- configuration section ---- */
struct vms_config {
	uint32_t len;
	char name[64];             /* machine type, e.g. "virt-7.2" */
	uint32_t target_page_bits;
};
extern const struct vms_desc vms_config_desc;

/* ---- RAM ---- */
#define VMS_RAM_MAX_BLOCKS 16

enum vms_ram_flag {
	VMS_RAM_ZERO = 0x02,     /* one fill byte follows */
	VMS_RAM_MEM_SIZE = 0x04, /* block list follows */
	VMS_RAM_PAGE = 0x08,     /* a page of data follows */
	VMS_RAM_EOS = 0x10,      /* end of this record's RAM data */
	VMS_RAM_CONTINUE = 0x20, /* same block as the page before */
};

struct vms_ram_block {
	char name[VMS_IDSTR_MAX];
	uint64_t length;
};

struct vms_ram_ops {
	/* The block list of a MEM_SIZE entry (START record). */
	bool (*blocks)(void *ctx, const struct vms_ram_block *b, unsigned n);
	/* One page: data is NULL for a filled page (`fill` byte). */
	bool (*page)(void *ctx, unsigned block, uint64_t addr,
		     const uint8_t *data, uint8_t fill);
};

struct vms_ram_reader {
	struct vms_ram_block blocks[VMS_RAM_MAX_BLOCKS];
	unsigned nblocks;
	int last_block; /* for CONTINUE; -1 at first */
};

void vms_ram_reader_init(struct vms_ram_reader *rr);
/* Body of a RAM START/PART/END record, up to and including EOS. */
bool vms_ram_read(struct vms_in *in, struct vms_ram_reader *rr,
		  const struct vms_ram_ops *ops, void *ctx);

/* ---- writer ---- */
struct vms_writer {
	struct vms_out *out;
	struct vms_out jout;   /* the JSON description, built while writing */
	struct vms_json json;
	int ram_last_block;    /* for CONTINUE */
};

/* Magic, version, and the start of the JSON description in json_buf. */
bool vms_writer_begin(struct vms_writer *w, struct vms_out *out,
		      uint8_t *json_buf, size_t json_cap, struct vms_error *err);
bool vms_write_config(struct vms_writer *w, struct vms_config *cfg);
/* A FULL or START record of a described section, with its footer and its
 * entry in the JSON description. */
bool vms_write_section(struct vms_writer *w, uint8_t type, uint32_t id,
		       const char *idstr, uint32_t instance_id,
		       const struct vms_desc *d, void *opaque);
/* Record headers for sections without a description (RAM). */
bool vms_write_record_start(struct vms_writer *w, uint8_t type, uint32_t id,
			    const char *idstr, uint32_t instance_id,
			    uint32_t version_id);
bool vms_write_footer(struct vms_writer *w, uint32_t id);
bool vms_ram_write_blocks(struct vms_writer *w, const struct vms_ram_block *b,
			  unsigned n);
/* One page (data NULL: a filled page). */
bool vms_ram_write_page(struct vms_writer *w, unsigned block, const char *name,
			uint64_t addr, const uint8_t *data, uint8_t fill);
/* Every page of `mem`, zero pages as ZERO records. */
bool vms_ram_write_memory(struct vms_writer *w, unsigned block, const char *name,
			  const uint8_t *mem, uint64_t len);
bool vms_ram_write_eos(struct vms_writer *w);
/* EOF, then the JSON description. */
bool vms_writer_finish(struct vms_writer *w);

#endif
