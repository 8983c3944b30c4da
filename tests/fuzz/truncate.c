/*
 * truncate STREAM [SEED] [--literal]: in-process damage checker for a real
 * migration stream (QEMU's or tern's), built with ASan+UBSan.
 *
 *  1. The whole stream must inspect cleanly (snapshot_inspect, JSON mode,
 *     into a counting sink).
 *  2. Truncation: every prefix length 0..len-1 must be refused with one
 *     line naming "byte N", N at or before the cut (but the one that ends
 *     right after the EOF record, a whole stream without its JSON
 *     description, may also inspect cleanly). Inside the RAM records'
 *     long runs of pages only these prefixes are taken: the first and last
 *     64 KiB of each RAM record, the first and last page of each RAM block,
 *     and 2000 random (seeded) offsets.
 *  3. Truncation with the JSON description known: a prefix of a stream has
 *     no JSON, so in (2) the device sections tern has no table for are only
 *     stepped over. Here every device section is decoded (as snapshot_walk
 *     does it) from a buffer cut at every offset of its body and footer.
 *  4. Flips: each byte after the RAM records (device sections, EOF, the
 *     JSON description) xor 0xff, one at a time: a clean error or success.
 *
 * Speed: decoding the ~49000 page records of a 64 MiB guest costs about a
 * millisecond under ASan, for every prefix beyond them. A run of CONTINUE
 * page records leaves the RAM reader as it found it (same block, and the
 * page callbacks only count), so a check at offset N runs on the stream
 * with such runs before N's page cut out, and maps the offset the error
 * names back. That is the same decoding of every byte that is kept, unless
 * the stream holds a second "00 06 len {" that vms_find_vmdesc could take
 * for the JSON description: then, or with --literal, nothing is cut out.
 * Every 500th check is also run on the stream itself and must give the
 * same message.
 *
 * Prints "truncate: N offsets checked, all refused cleanly" (N: phase 2)
 * last and exits 0, or names the first bad offset and exits 1. A crash or
 * a sanitizer report aborts it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/arm_cpu.h"
#include "cpu/arm_cpu_vmstate.h"
#include "kernel/snapshot_tools.h"
#include "vmstate/stream.h"
#include "vmstate/vmdesc.h"

#define EDGE (64u << 10)      /* bytes checked at each end of a RAM record */
#define RANDOM_OFFSETS 2000
#define MAX_RECORDS 4096    /* RAM records, device records, cut-out runs */
#define MIN_DROP 4096         /* shorter runs of pages are not worth cutting */
#define REBUILD (16u << 10)   /* cut out again once a check is this far on */
#define CROSS_CHECK 500       /* every 500th check also on the stream itself */
#define ARENA_CAP (16u << 20)
#define NODE_CAP (1u << 18)

struct range {
	size_t start, end; /* [start, end) */
};

struct page_rec {
	size_t start, end;
	bool cont; /* RAM_CONTINUE: same block as the page record before */
};

/* Where things are in the stream, from one walk over it. */
struct layout {
	size_t len;
	struct range ram[MAX_RECORDS];      /* RAM record bodies (the page runs) */
	unsigned nram;
	size_t ram_end;                    /* end of the last RAM record */
	size_t eof;                        /* offset of the EOF record */
	struct range first_page[VMS_RAM_MAX_BLOCKS], last_page[VMS_RAM_MAX_BLOCKS];
	struct page_rec *pages;            /* every page record, in stream order */
	size_t npages, pages_cap;
	struct range sections[MAX_RECORDS]; /* device records: body to footer end */
	struct vms_record recs[MAX_RECORDS];
	unsigned nsections;
};

/* The stream with runs of CONTINUE page records cut out (none: itself). */
struct view {
	struct range drop[MAX_RECORDS]; /* in stream offsets, ascending */
	unsigned ndrop;
	uint8_t *buf;
	size_t len;
	size_t valid_from, valid_to;   /* checks at offsets in [from, to) use it */
};

static struct snapshot_scratch scratch;
static struct vms_jnode *nodes;
static uint8_t *arena_mem;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool inspect(const uint8_t *buf, size_t len, struct vms_error *err)
{
	struct vms_out out;
	memset(err, 0, sizeof(*err));
	vms_out_counter(&out, err);
	return snapshot_inspect(buf, len, true, &scratch, &out, err);
}

/* The offset a message names ("byte N"), or -1. */
static long long named_offset(const char *msg)
{
	const char *p = strstr(msg, "byte ");
	if (!p || p[5] < '0' || p[5] > '9')
		return -1;
	return strtoll(p + 5, NULL, 10);
}

/* The message after its "byte N: ". */
static const char *message_tail(const char *msg)
{
	const char *p = strstr(msg, "byte ");
	const char *q = p ? strstr(p, ": ") : NULL;
	return q ? q + 2 : msg;
}

static bool one_line(const struct vms_error *err)
{
	return err->set && err->msg[0] && !strchr(err->msg, '\n') && !strchr(err->msg, '\r');
}

/* ---- layout ---- */

struct page_track {
	struct vms_in *in;
	size_t cursor;
	struct layout *l;
};

static bool track_blocks(void *ctx, const struct vms_ram_block *b, unsigned n)
{
	struct page_track *t = ctx;
	t->cursor = (size_t)vms_in_tell(t->in);
	return true;
}

static bool track_page(void *ctx, unsigned block, uint64_t addr, const uint8_t *data,
		       uint8_t fill)
{
	struct page_track *t = ctx;
	struct layout *l = t->l;
	struct range r = { t->cursor, (size_t)vms_in_tell(t->in) };
	if (l->npages == l->pages_cap) {
		size_t cap = l->pages_cap ? 2 * l->pages_cap : 4096;
		struct page_rec *p = realloc(l->pages, cap * sizeof(*p));
		if (!p)
			return false;
		l->pages = p;
		l->pages_cap = cap;
	}
	l->pages[l->npages++] = (struct page_rec){ r.start, r.end,
						   (t->in->buf[r.start + 7] & VMS_RAM_CONTINUE) != 0 };
	if (!l->first_page[block].end)
		l->first_page[block] = r;
	l->last_page[block] = r;
	t->cursor = r.end;
	return true;
}

/* The description and memory of a device section, as snapshot_walk picks them. */
static const struct vms_desc *section_desc(const struct vms_jdoc *doc, bool have_doc,
					   const struct vms_record *rec, struct arm_cpu *cpu,
					   void **opaque, struct vms_error *err)
{
	if (rec->instance_id == 0 && !strcmp(rec->idstr, "cpu")) {
		arm_cpu_reset(cpu, NULL);
		*opaque = cpu;
		return &arm_cpu_vmstate;
	}
	if (rec->instance_id == 0 && !strcmp(rec->idstr, "cpu_common")) {
		arm_cpu_reset(cpu, NULL);
		*opaque = cpu;
		return &arm_cpu_common_vmstate;
	}
	int32_t dev = have_doc ? vms_vmdesc_find(doc, rec->idstr, rec->instance_id) : -1;
	if (dev < 0)
		return NULL;
	struct vms_arena a;
	uint32_t size;
	vms_arena_init(&a, arena_mem, ARENA_CAP);
	const struct vms_desc *d = vms_vmdesc_build(doc, dev, &a, &size, err);
	if (d)
		*opaque = vms_arena_alloc(&a, size ? size : 1);
	return d && *opaque ? d : NULL;
}

static bool read_layout(const uint8_t *buf, size_t len, struct layout *l,
			struct vms_jdoc *doc, bool *have_doc, struct arm_cpu *cpu)
{
	struct vms_error err = { 0 };
	struct vms_in in;
	struct vms_reader r;
	struct vms_ram_reader rr;
	struct vms_record rec;
	struct vms_config cfg;
	struct page_track t = { &in, 0, l };
	const struct vms_ram_ops ops = { track_blocks, track_page };
	const char *json;
	uint32_t jlen;
	uint64_t joff;

	l->len = len;
	*have_doc = vms_find_vmdesc(buf, len, &json, &jlen, &joff) &&
		    vms_json_parse(doc, json, jlen, nodes, NODE_CAP, joff, &err);
	vms_ram_reader_init(&rr);
	vms_in_buffer(&in, buf, len, &err);
	if (!vms_read_header(&r, &in))
		goto fail;
	for (;;) {
		if (!vms_read_record(&r, &rec))
			goto fail;
		if (rec.type == VMS_REC_EOF) {
			l->eof = (size_t)rec.offset;
			return true;
		}
		if (rec.type == VMS_REC_CONFIG) {
			memset(&cfg, 0, sizeof(cfg));
			if (!vms_load(&in, &vms_config_desc, &cfg, 1))
				goto fail;
			continue;
		}
		size_t body = (size_t)vms_in_tell(&in);
		if (!strcmp(rec.idstr, "ram")) {
			t.cursor = body;
			if (!vms_ram_read(&in, &rr, &ops, &t) || !vms_read_footer(&r, &rec) ||
			    l->nram == MAX_RECORDS)
				goto fail;
			l->ram[l->nram++] = (struct range){ body, (size_t)vms_in_tell(&in) };
			l->ram_end = (size_t)vms_in_tell(&in);
			continue;
		}
		void *opaque = NULL;
		const struct vms_desc *d = section_desc(doc, *have_doc, &rec, cpu, &opaque, &err);
		if (!d || !vms_load(&in, d, opaque, (int)rec.version_id) ||
		    !vms_read_footer(&r, &rec) || l->nsections == MAX_RECORDS)
			goto fail;
		l->recs[l->nsections] = rec;
		l->sections[l->nsections++] = (struct range){ body, (size_t)vms_in_tell(&in) };
	}
fail:
	fprintf(stderr, "truncate: cannot walk the stream: %s\n",
		err.set ? err.msg : "too many records, or out of memory");
	return false;
}

/* Another "00 06 len {" than the JSON description's own? */
static bool has_false_vmdesc(const uint8_t *buf, size_t len)
{
	const char *json;
	uint32_t jlen;
	uint64_t joff;
	size_t real = vms_find_vmdesc(buf, len, &json, &jlen, &joff) ? (size_t)joff - 5 : 0;
	for (size_t p = 1; p + 5 < len; p++)
		if (buf[p] == VMS_REC_VMDESC && buf[p - 1] == VMS_REC_EOF && buf[p + 5] == '{' &&
		    p != real)
			return true;
	return false;
}

/* ---- views ---- */

/* Cut out the runs of CONTINUE page records before the page record that
 * holds offset n (all of them when n is past the RAM). */
static bool view_build(struct view *v, const struct layout *l, const uint8_t *buf,
		       size_t n, bool literal)
{
	v->ndrop = 0;
	for (size_t i = 0; !literal && i < l->npages && l->pages[i].start < n;) {
		if (!l->pages[i].cont) {
			i++;
			continue;
		}
		size_t j = i; /* a run: adjacent CONTINUE page records */
		while (j + 1 < l->npages && l->pages[j + 1].cont &&
		       l->pages[j + 1].start == l->pages[j].end && l->pages[j + 1].start < n)
			j++;
		size_t start = l->pages[i].start, end = l->pages[j].end;
		if (end > n) /* the page record holding n stays */
			end = l->pages[j].start;
		if (end - start >= MIN_DROP && v->ndrop < MAX_RECORDS)
			v->drop[v->ndrop++] = (struct range){ start, end };
		i = j + 1;
	}
	size_t kept = l->len;
	for (unsigned k = 0; k < v->ndrop; k++)
		kept -= v->drop[k].end - v->drop[k].start;
	free(v->buf);
	v->buf = malloc(kept ? kept : 1);
	if (!v->buf)
		return false;
	size_t at = 0, from = 0;
	for (unsigned k = 0; k < v->ndrop; k++) {
		memcpy(v->buf + at, buf + from, v->drop[k].start - from);
		at += v->drop[k].start - from;
		from = v->drop[k].end;
	}
	memcpy(v->buf + at, buf + from, l->len - from);
	v->len = kept;
	v->valid_from = v->ndrop ? v->drop[v->ndrop - 1].end : 0;
	if (v->valid_from > n)
		v->valid_from = n;
	v->valid_to = n + REBUILD;
	return true;
}

/* Stream offset -> offset in the view (n not inside a dropped run). */
static size_t view_offset(const struct view *v, size_t n)
{
	size_t d = 0;
	for (unsigned k = 0; k < v->ndrop && v->drop[k].end <= n; k++)
		d += v->drop[k].end - v->drop[k].start;
	return n - d;
}

/* Offset in the view -> stream offset. */
static size_t stream_offset(const struct view *v, size_t c)
{
	size_t d = 0;
	for (unsigned k = 0; k < v->ndrop && c >= v->drop[k].start - d; k++)
		d += v->drop[k].end - v->drop[k].start;
	return c + d;
}

/* The error of the view, in stream offsets: named offset, or -1. */
static long long view_named_offset(const struct view *v, const struct vms_error *err)
{
	long long at = named_offset(err->msg);
	return at < 0 ? at : (long long)stream_offset(v, (size_t)at);
}

/* ---- phase 2: prefixes ---- */

static void mark(uint8_t *set, size_t len, size_t start, size_t end)
{
	if (end > len)
		end = len;
	for (size_t i = start; i < end; i++)
		set[i] = 1;
}

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

/* Which prefix lengths to check. */
static uint8_t *choose_prefixes(const struct layout *l)
{
	size_t len = l->len, ram_bytes = 0;
	uint8_t *set = calloc(len ? len : 1, 1);
	if (!set)
		return NULL;
	mark(set, len, 0, len);
	for (unsigned i = 0; i < l->nram; i++) {
		const struct range *r = &l->ram[i];
		memset(set + r->start, 0, r->end - r->start);
		ram_bytes += r->end - r->start;
		mark(set, len, r->start, r->start + EDGE);
		mark(set, len, r->end > r->start + EDGE ? r->end - EDGE : r->start, r->end);
	}
	for (unsigned b = 0; b < VMS_RAM_MAX_BLOCKS; b++) {
		mark(set, len, l->first_page[b].start, l->first_page[b].end);
		mark(set, len, l->last_page[b].start, l->last_page[b].end);
	}
	for (unsigned k = 0; k < RANDOM_OFFSETS && ram_bytes; k++) {
		size_t x = (size_t)(rng() % ram_bytes);
		for (unsigned i = 0; i < l->nram; i++) {
			size_t n = l->ram[i].end - l->ram[i].start;
			if (x < n) {
				set[l->ram[i].start + x] = 1;
				break;
			}
			x -= n;
		}
	}
	return set;
}

/* The same check on the stream itself: same verdict, same message. */
static bool cross_check(const uint8_t *buf, size_t len, bool ok, long long at,
			const struct vms_error *err, const char *what, size_t where)
{
	struct vms_error real;
	bool real_ok = inspect(buf, len, &real);
	if (real_ok == ok && (ok || (named_offset(real.msg) == at &&
				     !strcmp(message_tail(real.msg), message_tail(err->msg)))))
		return true;
	printf("truncate: %s %zu: the stream with page runs cut out says \"%s\" (byte %lld), "
	       "the stream itself \"%s\"\n", what, where, ok ? "ok" : err->msg, at,
	       real_ok ? "ok" : real.msg);
	return false;
}

static bool check_prefixes(const uint8_t *buf, const struct layout *l, const uint8_t *set,
			   struct view *v, bool literal, size_t *checked, size_t *crossed)
{
	v->valid_to = 0;
	for (size_t n = 0; n < l->len; n++) {
		struct vms_error err;
		if (!set[n])
			continue;
		if ((n < v->valid_from || n >= v->valid_to) && !view_build(v, l, buf, n, literal))
			return false;
		size_t vn = view_offset(v, n);
		bool ok = inspect(v->buf, vn, &err);
		long long at = ok ? -1 : view_named_offset(v, &err);
		if (ok && n == l->eof + 1) {
			/* ends at EOF: a whole stream without its JSON description */
			printf("truncate: the prefix of %zu bytes ends at EOF: a stream without "
			       "its JSON description, inspected cleanly\n", n);
			continue;
		}
		if (ok) {
			printf("truncate: offset %zu: a prefix of %zu bytes inspected without error\n",
			       n, n);
			return false;
		}
		if (!one_line(&err) || at < 0 || (size_t)at > n) {
			printf("truncate: offset %zu: refused badly (want one line naming byte %zu "
			       "or before, got byte %lld): %s\n", n, n, at,
			       err.set ? err.msg : "(no error set)");
			return false;
		}
		(*checked)++;
		if (v->ndrop && *checked % CROSS_CHECK == 0) {
			if (!cross_check(buf, n, ok, at, &err, "offset", n))
				return false;
			(*crossed)++;
		}
	}
	return true;
}

/* ---- phase 3: device sections cut with the JSON known ---- */

static bool check_sections(const uint8_t *buf, const struct layout *l,
			   const struct vms_jdoc *doc, bool have_doc, struct arm_cpu *cpu,
			   size_t *checked)
{
	for (unsigned s = 0; s < l->nsections; s++) {
		const struct vms_record *rec = &l->recs[s];
		for (size_t cut = l->sections[s].start; cut < l->sections[s].end; cut++) {
			struct vms_error err = { 0 };
			struct vms_in in;
			void *opaque;
			uint8_t type;
			uint32_t id;
			const struct vms_desc *d = section_desc(doc, have_doc, rec, cpu, &opaque,
								&err);
			if (!d) {
				printf("truncate: section '%s' at %zu has no description: %s\n",
				       rec->idstr, (size_t)rec->offset, err.msg);
				return false;
			}
			vms_in_buffer(&in, buf, cut, &err);
			in.pos = l->sections[s].start;
			in.section = rec->idstr;
			if (vms_load(&in, d, opaque, (int)rec->version_id) &&
			    vms_get_u8(&in, &type) && vms_get_be32(&in, &id)) {
				printf("truncate: offset %zu: section '%s' cut there decoded\n", cut,
				       rec->idstr);
				return false;
			}
			long long at = named_offset(err.msg);
			if (!one_line(&err) || at < 0 || (size_t)at > cut || err.offset > cut) {
				printf("truncate: offset %zu: section '%s' cut there refused badly: %s\n",
				       cut, rec->idstr, err.set ? err.msg : "(no error set)");
				return false;
			}
			(*checked)++;
		}
	}
	return true;
}

/* ---- phase 4: flipped bytes ---- */

static bool check_flips(uint8_t *buf, const struct layout *l, struct view *v, bool literal,
			size_t *refused, size_t *decoded, size_t *crossed)
{
	if (!view_build(v, l, buf, l->len, literal))
		return false;
	for (size_t i = l->ram_end; i < l->len; i++) {
		struct vms_error err;
		size_t c = view_offset(v, i);
		v->buf[c] ^= 0xff;
		bool ok = inspect(v->buf, v->len, &err);
		long long at = ok ? -1 : view_named_offset(v, &err);
		if (!ok && !one_line(&err)) {
			printf("truncate: offset %zu flipped: refused badly: %s\n", i,
			       err.set ? err.msg : "(no error set)");
			return false;
		}
		if (v->ndrop && (i - l->ram_end) % CROSS_CHECK == 0) {
			buf[i] ^= 0xff;
			bool same = cross_check(buf, l->len, ok, at, &err, "flipped offset", i);
			buf[i] ^= 0xff;
			if (!same)
				return false;
			(*crossed)++;
		}
		v->buf[c] ^= 0xff;
		if (ok)
			(*decoded)++;
		else
			(*refused)++;
	}
	return true;
}

static uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n = -1;
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n ? (size_t)n : 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "truncate: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	static struct layout l;
	static struct vms_jdoc doc;
	static struct view v;
	struct vms_error err;
	const char *path = NULL;
	size_t len, checked = 0, cuts = 0, refused = 0, decoded = 0, crossed = 0;
	bool have_doc, literal = false;
	uint8_t *set = NULL;
	int rc = 1;
	double t0 = now(), t1, t2, t3;

	setvbuf(stdout, NULL, _IOLBF, 0);
	rng_state = 0x7e2a3b1c5d4f6071ull;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--literal"))
			literal = true;
		else if (!path)
			path = argv[i];
		else
			rng_state = strtoull(argv[i], NULL, 0) | 1;
	}
	if (!path) {
		fprintf(stderr, "usage: truncate STREAM [SEED] [--literal]\n");
		return 2;
	}
	uint8_t *buf = read_file(path, &len);
	scratch.arena_cap = ARENA_CAP;
	scratch.arena = malloc(ARENA_CAP);
	scratch.node_cap = NODE_CAP;
	scratch.nodes = malloc(NODE_CAP * sizeof(*scratch.nodes));
	nodes = malloc(NODE_CAP * sizeof(*nodes));
	arena_mem = malloc(ARENA_CAP);
	struct arm_cpu *cpu = malloc(sizeof(*cpu));
	if (!scratch.arena || !scratch.nodes || !nodes || !arena_mem || !cpu) {
		rc = 2;
		goto out;
	}

	/* 1. the whole stream */
	if (!inspect(buf, len, &err)) {
		printf("truncate: the whole stream (%zu bytes) does not inspect: %s\n", len,
		       err.msg);
		goto out;
	}
	if (!read_layout(buf, len, &l, &doc, &have_doc, cpu))
		goto out;
	if (!literal && has_false_vmdesc(buf, len)) {
		fprintf(stderr, "truncate: the stream holds bytes that look like a JSON "
			"description header: checking the stream itself (slow)\n");
		literal = true;
	}

	/* 2. prefixes */
	set = choose_prefixes(&l);
	if (!set || !check_prefixes(buf, &l, set, &v, literal, &checked, &crossed))
		goto out;
	t1 = now();

	/* 3. device sections, every cut, with the JSON known */
	if (!check_sections(buf, &l, &doc, have_doc, cpu, &cuts))
		goto out;
	t2 = now();

	/* 4. flips after RAM */
	if (!check_flips(buf, &l, &v, literal, &refused, &decoded, &crossed))
		goto out;
	t3 = now();

	printf("truncate: %zu-byte stream, %zu RAM page records ending at %zu; prefixes %.1f s, "
	       "section cuts %.1f s, flips %.1f s\n", len, l.npages, l.ram_end, t1 - t0,
	       t2 - t1, t3 - t2);
	printf("truncate: %zu section cuts refused cleanly\n", cuts);
	printf("truncate: %zu bytes flipped: %zu refused cleanly, %zu decoded\n",
	       len - l.ram_end, refused, decoded);
	if (!literal)
		printf("truncate: %zu checks repeated on the stream itself, same messages\n",
		       crossed);
	printf("truncate: %zu offsets checked, all refused cleanly\n", checked);
	rc = 0;
out:
	free(set);
	free(v.buf);
	free(l.pages);
	free(buf);
	free(scratch.arena);
	free(scratch.nodes);
	free(nodes);
	free(arena_mem);
	free(cpu);
	return rc;
}
