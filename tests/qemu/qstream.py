"""A small, independent walker of QEMU 7.2 migration streams, for the tests.

It is not a second tern: it exists so that the tests know where things are
in a stream QEMU wrote (the offset of each record, of each field of a device
section, of the JSON) in order to damage them on purpose, and so that the
QEMU side of the harness can be checked without tern. Device sections are
walked with the stream's own JSON description (the vmdesc at its end), which
lists, for this very stream, every field written with its size and count.

    s = parse(data)
    cpu = s.section("cpu", 0)
    cpu.field("cpreg_vmstate_array_len").offset
    s.decode(cpu)  # {"env.regs": [...], "cpu/vfp": {...}, ...}
"""

import json
import struct

MAGIC = b"QEVM"
VERSION = 3

EOF, START, PART, END, FULL, SUBSECTION, VMDESC, CONFIG = 0, 1, 2, 3, 4, 5, 6, 7
FOOTER = 0x7E

RAM_ZERO, RAM_MEM_SIZE, RAM_PAGE, RAM_EOS, RAM_CONTINUE = 0x02, 0x04, 0x08, 0x10, 0x20
PAGE_SIZE = 4096
INT_TYPES = {"uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
             "int32 le", "int32 equal", "uint8 equal", "uint16 equal", "uint32 equal",
             "bool", "cpsr", "fpscr", "timer", "powered_off"}


class StreamError(Exception):
    pass


class Field:
    """One field (all its elements) of a device section or subsection."""

    def __init__(self, name, path, offset, size, count, type_, desc):
        self.name, self.path, self.offset = name, path, offset
        self.size, self.count, self.type, self.desc = size, count, type_, desc

    @property
    def end(self):
        return self.offset + self.size * self.count

    def __repr__(self):
        return "<Field %s @%d %dx%d>" % (self.path, self.offset, self.count, self.size)


class Subsection:
    def __init__(self, name, offset):
        self.name = name
        self.offset = offset          # of the 0x05 marker
        self.name_offset = offset + 2
        self.fields = []
        self.subsections = []
        self.end = None


class Record:
    """A section record: START/PART/END/FULL with its header, body, footer."""

    def __init__(self, type_, offset):
        self.type = type_
        self.offset = offset          # of the type byte
        self.id_offset = offset + 1
        self.section_id = None
        self.idstr = None
        self.idstr_len_offset = None  # START/FULL
        self.idstr_offset = None
        self.instance_id = None
        self.instance_offset = None
        self.version = None
        self.body_offset = None
        self.footer_offset = None
        self.end = None
        self.fields = []              # device sections: top-level fields
        self.subsections = []
        self.ram = None               # ram records: dict of counts

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def subsection(self, name):
        for s in self.subsections:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def type_name(self):
        return {START: "START", PART: "PART", END: "END", FULL: "FULL"}[self.type]

    def __repr__(self):
        return "<%s %s.%s id=%s @%d-%d>" % (self.type_name, self.idstr, self.instance_id,
                                          self.section_id, self.offset, self.end)


class Stream:
    def __init__(self, data):
        self.data = data
        self.records = []
        self.config_offset = None
        self.config_end = None
        self.eof_offset = None
        self.vmdesc_offset = None     # of the 0x06 byte
        self.vmdesc_len_offset = None
        self.json_offset = None
        self.json_len = None
        self.vmdesc = None
        self.end = None

    def section(self, idstr, instance=0, type_=None):
        for r in self.records:
            if r.idstr == idstr and r.instance_id == instance and (type_ is None or r.type == type_):
                return r
        raise KeyError("%s.%d" % (idstr, instance))

    def records_of(self, idstr):
        return [r for r in self.records if r.idstr == idstr]

    def record_at(self, offset):
        """The record whose bytes include `offset`, or None."""
        for r in self.records:
            if r.offset <= offset < r.end:
                return r
        return None

    def decode(self, rec):
        """Values of a device section, in the shape `tern inspect --json`
        gives them: integers (unsigned) or lists of them, buffers as hex
        strings, structs as dicts (lists of dicts), subsections as dicts
        under their name."""
        return _decode(self.data, rec.fields, rec.subsections)


def _be(data, off, n):
    if off + n > len(data):
        raise StreamError("truncated at byte %d (need %d bytes)" % (off, n))
    return int.from_bytes(data[off:off + n], "big")


def _decode_value(data, f, off):
    raw = data[off:off + f.size]
    if f.type in INT_TYPES and f.size <= 8:
        return int.from_bytes(raw, "big")
    return raw.hex()


def _decode(data, fields, subsections):
    out = {}
    for f in fields:
        if f.desc.get("type") == "struct":
            elems = [_decode(data, e_fields, e_subs) for e_fields, e_subs in f.elements]
            out[f.name] = elems if "array_len" in f.desc else elems[0]
            continue
        vals = [_decode_value(data, f, f.offset + i * f.size) for i in range(f.count)]
        out[f.name] = vals if "array_len" in f.desc else vals[0]
    for s in subsections:
        out[s.name] = _decode(data, s.fields, s.subsections)
    return out


def _walk_fields(data, off, desc_fields, path):
    fields = []
    for d in desc_fields:
        count = d.get("array_len", 1)
        name = d["name"]
        if d.get("type") == "struct":
            f = Field(name, path + name, off, 0, count, "struct", d)
            f.elements = []
            for _ in range(count):
                e_fields, off = _walk_fields(data, off, d["struct"]["fields"], path + name + ".")
                e_subs, off = _walk_subsections(data, off, d["struct"].get("subsections", []),
                                                path + name + ".")
                f.elements.append((e_fields, e_subs))
            f.size = (off - f.offset) // max(count, 1)
            fields.append(f)
            continue
        f = Field(name, path + name, off, d["size"], count, d["type"], d)
        off += d["size"] * count
        if off > len(data):
            raise StreamError("field %s runs past the end of the stream" % f.path)
        fields.append(f)
    return fields, off


def _walk_subsections(data, off, desc_subs, path):
    subs = []
    for d in desc_subs:
        if _be(data, off, 1) != SUBSECTION:
            raise StreamError("byte %d: subsection %s expected" % (off, d["vmsd_name"]))
        n = _be(data, off + 1, 1)
        name = data[off + 2:off + 2 + n].decode("latin-1")
        if name != d["vmsd_name"]:
            raise StreamError("byte %d: subsection %s, expected %s" % (off, name, d["vmsd_name"]))
        s = Subsection(name, off)
        off += 2 + n + 4
        s.fields, off = _walk_fields(data, off, d["fields"], path + name + "/")
        s.subsections, off = _walk_subsections(data, off, d.get("subsections", []),
                                               path + name + "/")
        s.end = off
        subs.append(s)
    return subs, off


def _walk_ram(data, off, rec):
    """Body of a ram record up to and including its EOS word."""
    counts = {"pages": 0, "zero": 0, "blocks": {}}
    while True:
        word = _be(data, off, 8)
        off += 8
        flags = word & 0xFFF
        addr = word & ~0xFFF
        if flags & RAM_MEM_SIZE:
            total = addr
            while total > 0:
                n = _be(data, off, 1)
                name = data[off + 1:off + 1 + n].decode("latin-1")
                size = _be(data, off + 1 + n, 8)
                counts["blocks"][name] = size
                off += 1 + n + 8
                total -= size
            if total != 0:
                raise StreamError("ram: block sizes do not add up")
            continue
        if flags & RAM_EOS:
            break
        if flags & (RAM_ZERO | RAM_PAGE):
            if not flags & RAM_CONTINUE:
                n = _be(data, off, 1)
                off += 1 + n
            if flags & RAM_ZERO:
                off += 1
                counts["zero"] += 1
            else:
                off += PAGE_SIZE
                counts["pages"] += 1
            continue
        raise StreamError("byte %d: ram flags %#x not handled" % (off - 8, flags))
    rec.ram = counts
    return off


def parse(data):
    """Walk a whole stream; StreamError if it is not what QEMU 7.2 writes."""
    s = Stream(data)
    if data[:4] != MAGIC or _be(data, 4, 4) != VERSION:
        raise StreamError("not a QEMU version 3 stream")
    # device sections are walked with the JSON description, which QEMU
    # writes last (after EOF: 0x06, be32 length, JSON): find it first
    vm_off = _find_vmdesc(data)
    s.vmdesc_offset = vm_off
    s.vmdesc_len_offset = vm_off + 1
    s.json_len = _be(data, vm_off + 1, 4)
    s.json_offset = vm_off + 5
    s.vmdesc = json.loads(data[s.json_offset:s.json_offset + s.json_len])
    s.end = s.json_offset + s.json_len
    descs = {(d["name"], d["instance_id"]): d for d in s.vmdesc["devices"]}

    off = 8
    if data[off] == CONFIG:
        s.config_offset = off
        n = _be(data, off + 1, 4)
        off += 5 + n
        while data[off] == SUBSECTION:
            n = _be(data, off + 1, 1)
            name = data[off + 2:off + 2 + n].decode("latin-1")
            off += 2 + n + 4
            if name == "configuration/target-page-bits":
                off += 4
            else:
                raise StreamError("configuration subsection %s not handled" % name)
        s.config_end = off
    by_id = {}
    while True:
        t = _be(data, off, 1)
        if t == EOF:
            s.eof_offset = off
            off += 1
            break
        if t not in (START, PART, END, FULL):
            raise StreamError("byte %d: section type %#x" % (off, t))
        r = Record(t, off)
        r.section_id = _be(data, off + 1, 4)
        off += 5
        if t in (START, FULL):
            r.idstr_len_offset = off
            n = _be(data, off, 1)
            r.idstr_offset = off + 1
            r.idstr = data[off + 1:off + 1 + n].decode("latin-1")
            off += 1 + n
            r.instance_offset = off
            r.instance_id = _be(data, off, 4)
            r.version = _be(data, off + 4, 4)
            off += 8
            by_id[r.section_id] = r
        else:
            first = by_id[r.section_id]
            r.idstr, r.instance_id, r.version = first.idstr, first.instance_id, first.version
        r.body_offset = off
        if r.idstr == "ram":
            off = _walk_ram(data, off, r)
        else:
            d = descs.get((r.idstr, r.instance_id))
            if d is None:
                raise StreamError("no description for %s.%d" % (r.idstr, r.instance_id))
            r.fields, off = _walk_fields(data, off, d["fields"], "")
            r.subsections, off = _walk_subsections(data, off, d.get("subsections", []), "")
        r.footer_offset = off
        if _be(data, off, 1) != FOOTER or _be(data, off + 1, 4) != r.section_id:
            raise StreamError("byte %d: bad footer for %s" % (off, r.idstr))
        off += 5
        r.end = off
        s.records.append(r)
    if off != vm_off:
        raise StreamError("byte %d: vmdesc expected, found at %d" % (off, vm_off))
    if s.end != len(data):
        raise StreamError("%d bytes after the JSON" % (len(data) - s.end))
    return s


def _find_vmdesc(data):
    i = data.rfind(b'{"page_size"')
    if i < 5 or data[i - 5] != VMDESC or _be(data, i - 4, 4) != len(data) - i:
        raise StreamError("no JSON description at the end of the stream")
    return i - 5


# --- ELF symbols (to know where a guest's code is) ---------------------------

def elf_symbols(path):
    """{name: (value, size)} of an ELF32 little-endian file's symbol table."""
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise ValueError("%s: not an ELF32 little-endian file" % path)
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x2E)
    secs = [struct.unpack_from("<IIIIIIIIII", data, shoff + i * shentsize) for i in range(shnum)]
    out = {}
    for sh in secs:
        if sh[1] != 2:            # SHT_SYMTAB
            continue
        strtab = secs[sh[6]]
        for k in range(sh[5] // 16):
            name_off, value, size, info, other, shndx = struct.unpack_from(
                "<IIIBBH", data, sh[4] + k * 16)
            end = data.index(b"\0", strtab[4] + name_off)
            name = data[strtab[4] + name_off:end].decode()
            if name:
                out[name] = (value & ~1, size)
    return out
