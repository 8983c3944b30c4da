/*
 * JSON writer (QEMU's compact format) and a small parser for vmdesc.
 */
#include <string.h>

#include "vmstate/json.h"

/* ---- writer ---- */

void vms_json_init(struct vms_json *j, struct vms_out *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static bool put_string(struct vms_out *out, const char *s)
{
	vms_put_u8(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = c && c < 0x20 ? strchr("\bb\ff\nn\rr\tt", c) : NULL;
		if (c == '"' || c == '\\') {
			vms_put_u8(out, '\\');
			vms_put_u8(out, c);
		} else if (esc) { /* QEMU's short escapes */
			vms_put_u8(out, '\\');
			vms_put_u8(out, (uint8_t)esc[1]);
		} else if (c < 0x20 || c == 0x7f) {
			vms_printf(out, "\\u%04X", c);
		} else {
			vms_put_u8(out, c);
		}
	}
	return vms_put_u8(out, '"');
}

/* Separator and key before a value at the current depth. */
static bool member(struct vms_json *j, const char *key)
{
	if (j->need_comma[j->depth])
		vms_put_str(j->out, ", ");
	j->need_comma[j->depth] = true;
	if (key) {
		put_string(j->out, key);
		vms_put_str(j->out, ": ");
	}
	return !j->out->failed;
}

static bool json_open(struct vms_json *j, const char *key, char c)
{
	if (j->depth + 1 >= VMS_JSON_MAX_DEPTH)
		return vms_out_fail(j->out, "JSON nested too deep");
	member(j, key);
	j->depth++;
	j->need_comma[j->depth] = false;
	return vms_put_u8(j->out, (uint8_t)c);
}

static bool json_close(struct vms_json *j, char c)
{
	if (j->depth)
		j->depth--;
	return vms_put_u8(j->out, (uint8_t)c);
}

bool vms_json_start_object(struct vms_json *j, const char *key)
{
	return json_open(j, key, '{');
}

bool vms_json_end_object(struct vms_json *j)
{
	return json_close(j, '}');
}

bool vms_json_start_array(struct vms_json *j, const char *key)
{
	return json_open(j, key, '[');
}

bool vms_json_end_array(struct vms_json *j)
{
	return json_close(j, ']');
}

bool vms_json_str(struct vms_json *j, const char *key, const char *val)
{
	member(j, key);
	return put_string(j->out, val);
}

bool vms_json_int(struct vms_json *j, const char *key, int64_t val)
{
	member(j, key);
	return vms_printf(j->out, "%lld", (long long)val);
}

/* ---- parser ---- */

struct parser {
	struct vms_jdoc *doc;
	uint32_t pos;
	uint64_t base;
	struct vms_error *err;
	bool failed;
};

static bool perr(struct parser *p, const char *what)
{
	if (!p->failed && p->err && !p->err->set) {
		p->err->set = true;
		p->err->offset = p->base + p->pos;
		snprintf(p->err->msg, sizeof(p->err->msg),
			 "byte %llu: JSON description: %s",
			 (unsigned long long)(p->base + p->pos), what);
	}
	p->failed = true;
	return false;
}

static void skip_ws(struct parser *p)
{
	const char *t = p->doc->text;
	while (p->pos < p->doc->len &&
	       (t[p->pos] == ' ' || t[p->pos] == '\n' || t[p->pos] == '\r' ||
		t[p->pos] == '\t'))
		p->pos++;
}

static int32_t new_node(struct parser *p, uint8_t type)
{
	if (p->doc->count >= p->doc->cap)
		return perr(p, "too many values"), -1;
	int32_t id = (int32_t)p->doc->count++;
	struct vms_jnode *n = &p->doc->nodes[id];
	memset(n, 0, sizeof(*n));
	n->type = type;
	n->child = n->next = -1;
	return id;
}

static bool parse_string(struct parser *p, uint32_t *start, uint32_t *len)
{
	const char *t = p->doc->text;
	if (p->pos >= p->doc->len || t[p->pos] != '"')
		return perr(p, "string expected");
	*start = ++p->pos;
	while (p->pos < p->doc->len && t[p->pos] != '"') {
		if (t[p->pos] == '\\' && p->pos + 1 < p->doc->len)
			p->pos++; /* kept raw; vmdesc strings have no escapes */
		else if ((unsigned char)t[p->pos] < 0x20)
			return perr(p, "control character in string");
		p->pos++;
	}
	if (p->pos >= p->doc->len)
		return perr(p, "unterminated string");
	*len = p->pos - *start;
	p->pos++;
	return true;
}

static int32_t parse_value(struct parser *p, unsigned depth);

static bool parse_items(struct parser *p, int32_t id, unsigned depth, bool obj)
{
	const char *t = p->doc->text;
	char end = obj ? '}' : ']';
	int32_t last = -1;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->doc->len && t[p->pos] == end) {
		p->pos++;
		return true;
	}
	for (;;) {
		uint32_t key = 0, keylen = 0;
		skip_ws(p);
		if (obj) {
			if (!parse_string(p, &key, &keylen))
				return false;
			skip_ws(p);
			if (p->pos >= p->doc->len || t[p->pos] != ':')
				return perr(p, "':' expected");
			p->pos++;
		}
		int32_t c = parse_value(p, depth + 1);
		if (c < 0)
			return false;
		p->doc->nodes[c].key = key;
		p->doc->nodes[c].keylen = keylen;
		if (last < 0)
			p->doc->nodes[id].child = c;
		else
			p->doc->nodes[last].next = c;
		last = c;
		skip_ws(p);
		if (p->pos < p->doc->len && t[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->doc->len && t[p->pos] == end) {
			p->pos++;
			return true;
		}
		return perr(p, obj ? "',' or '}' expected" : "',' or ']' expected");
	}
}

static int32_t parse_number(struct parser *p)
{
	const char *t = p->doc->text;
	bool neg = false;
	uint64_t v = 0;
	int32_t id = new_node(p, VMS_JNUM);
	if (id < 0)
		return -1;
	if (t[p->pos] == '-') {
		neg = true;
		p->pos++;
	}
	uint32_t start = p->pos;
	while (p->pos < p->doc->len && t[p->pos] >= '0' && t[p->pos] <= '9') {
		if (v > (UINT64_MAX - 9) / 10) {
			p->pos = start;
			return perr(p, "number too large"), -1;
		}
		v = v * 10 + (uint64_t)(t[p->pos++] - '0');
	}
	if (p->pos == start)
		return perr(p, "digit expected"), -1;
	if (p->pos < p->doc->len && (t[p->pos] == '.' || t[p->pos] == 'e' ||
				     t[p->pos] == 'E'))
		return perr(p, "only integers are expected"), -1;
	if (v > (uint64_t)INT64_MAX + neg) { /* int64_t holds it, or no */
		p->pos = start;
		return perr(p, "number too large"), -1;
	}
	p->doc->nodes[id].num = neg && v ? -(int64_t)(v - 1) - 1 : (int64_t)v;
	return id;
}

static int32_t parse_word(struct parser *p, const char *w, uint8_t type, bool b)
{
	size_t n = strlen(w);
	if (p->doc->len - p->pos < n || memcmp(p->doc->text + p->pos, w, n))
		return perr(p, "value expected"), -1;
	int32_t id = new_node(p, type);
	if (id < 0)
		return -1;
	p->pos += (uint32_t)n;
	p->doc->nodes[id].boolean = b;
	return id;
}

static int32_t parse_value(struct parser *p, unsigned depth)
{
	if (depth > VMS_JSON_MAX_DEPTH)
		return perr(p, "nested too deep"), -1;
	skip_ws(p);
	if (p->pos >= p->doc->len)
		return perr(p, "value expected"), -1;
	char c = p->doc->text[p->pos];
	int32_t id;
	switch (c) {
	case '{':
	case '[':
		id = new_node(p, c == '{' ? VMS_JOBJ : VMS_JARR);
		if (id < 0 || !parse_items(p, id, depth, c == '{'))
			return -1;
		return id;
	case '"':
		id = new_node(p, VMS_JSTR);
		if (id < 0 || !parse_string(p, &p->doc->nodes[id].str,
					    &p->doc->nodes[id].strlen))
			return -1;
		return id;
	case 't': return parse_word(p, "true", VMS_JBOOL, true);
	case 'f': return parse_word(p, "false", VMS_JBOOL, false);
	case 'n': return parse_word(p, "null", VMS_JNULL, false);
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return parse_number(p);
		return perr(p, "value expected"), -1;
	}
}

bool vms_json_parse(struct vms_jdoc *doc, const char *text, uint32_t len,
		    struct vms_jnode *nodes, uint32_t cap, uint64_t base,
		    struct vms_error *err)
{
	struct parser p = { .doc = doc, .base = base, .err = err };
	doc->text = text;
	doc->len = len;
	doc->nodes = nodes;
	doc->count = 0;
	doc->cap = cap;
	if (parse_value(&p, 0) < 0)
		return false;
	skip_ws(&p);
	if (p.pos != len)
		return perr(&p, "text after the JSON value");
	return true;
}

int32_t vms_json_get(const struct vms_jdoc *doc, int32_t obj, const char *key)
{
	if (obj < 0 || doc->nodes[obj].type != VMS_JOBJ)
		return -1;
	size_t n = strlen(key);
	for (int32_t c = doc->nodes[obj].child; c >= 0; c = doc->nodes[c].next)
		if (doc->nodes[c].keylen == n &&
		    !memcmp(doc->text + doc->nodes[c].key, key, n))
			return c;
	return -1;
}

bool vms_json_streq(const struct vms_jdoc *doc, int32_t node, const char *s)
{
	if (node < 0 || doc->nodes[node].type != VMS_JSTR)
		return false;
	size_t n = strlen(s);
	return doc->nodes[node].strlen == n &&
	       !memcmp(doc->text + doc->nodes[node].str, s, n);
}

bool vms_json_strcpy(const struct vms_jdoc *doc, int32_t node, char *buf,
		     uint32_t cap)
{
	if (node < 0 || doc->nodes[node].type != VMS_JSTR ||
	    doc->nodes[node].strlen >= cap)
		return false;
	memcpy(buf, doc->text + doc->nodes[node].str, doc->nodes[node].strlen);
	buf[doc->nodes[node].strlen] = 0;
	return true;
}
