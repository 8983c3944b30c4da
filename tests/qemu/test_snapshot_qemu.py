"""QEMU is the judge of tern's snapshot format (the VMState issue's "Done
means"):

- tern decodes what QEMU wrote: `tern inspect --json` of a stream taken after
  regfill printed READY holds exactly the guest's register values;
- tern re-encodes it byte for byte (`tern convert`), for a stream taken after
  `stop` and for one taken from a running VM;
- a guest handed through tern (with a register changed on the way) resumes
  in QEMU where it stopped;
- tern refuses damaged streams with one "tern: ..." line naming the byte
  offset (and the section), exit status 1, no sanitizer noise.

The streams are made fresh by QEMU in each session (conftest.py).
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

import qemu
import regfill_values as RV
from conftest import COUNTER_LINE, COUNTER_STOP_AT

# --- what regfill leaves in a snapshot ----------------------------------------

CP = {name: v for name, (v, _) in RV.CP15.items()}

# cp registers in the cpu section's (index, value) list, indexes copied from
# /work/shared/spec/cpregs-cortex-a15-virt-off.txt. With virtualization=off
# (no EL3), QEMU 7.2 keeps a guest write in every copy listed here: the
# AArch32 encodings ns=0 and ns=1 where both exist, and the AArch64 view
# where the register has one (several AArch32 registers share one 64-bit
# AArch64 register: FAR_EL1 = IFAR:DFAR, MAIR_EL1 = NMRR:PRRR; DFSR is kept
# in ESR_EL1 only, TTBCR in TCR_EL1 only).
CPREGS = [
    # name                        index               value
    ("CSSELR (p15 c0 c0 2 0 ns=0)", 0x40200000000f0010, CP["CSSELR"]),
    ("CSSELR_EL1",                  0x603000000013d000, CP["CSSELR"]),
    ("CPACR (ns=1)",                0x40200000200f0802, 0x00F00000),
    ("CPACR_EL1",                   0x603000000013c082, 0x00F00000),
    ("TTBR0 (p15 c2 c0 0 0 ns=0)",  0x40200000000f1000, CP["TTBR0"]),
    ("TTBR0_EL1",                   0x603000000013c100, CP["TTBR0"]),
    ("TTBR1 (p15 c2 c0 0 1 ns=0)",  0x40200000000f1001, CP["TTBR1"]),
    ("TTBR1_EL1",                   0x603000000013c101, CP["TTBR1"]),
    ("TTBCR = TCR_EL1",             0x603000000013c102, CP["TTBCR"]),
    ("DACR (ns=0)",                 0x40200000000f1800, CP["DACR"]),
    ("DACR (ns=1)",                 0x40200000200f1800, CP["DACR"]),
    ("DFSR = ESR_EL1",              0x603000000013c290, CP["DFSR"]),
    ("IFSR (ns=0)",                 0x40200000000f2801, CP["IFSR"]),
    ("IFSR (ns=1)",                 0x40200000200f2801, CP["IFSR"]),
    ("DFAR (ns=0)",                 0x40200000000f3000, CP["DFAR"]),
    ("DFAR (ns=1)",                 0x40200000200f3000, CP["DFAR"]),
    ("IFAR (ns=0)",                 0x40200000000f3002, CP["IFAR"]),
    ("IFAR (ns=1)",                 0x40200000200f3002, CP["IFAR"]),
    ("FAR_EL1 = IFAR:DFAR",         0x603000000013c300, (CP["IFAR"] << 32) | CP["DFAR"]),
    ("PRRR (ns=0)",                 0x40200000000f5100, CP["PRRR"]),
    ("PRRR (ns=1)",                 0x40200000200f5100, CP["PRRR"]),
    ("NMRR (ns=0)",                 0x40200000000f5101, CP["NMRR"]),
    ("NMRR (ns=1)",                 0x40200000200f5101, CP["NMRR"]),
    ("MAIR_EL1 = NMRR:PRRR",        0x603000000013c510, (CP["NMRR"] << 32) | CP["PRRR"]),
    ("VBAR (ns=0)",                 0x40200000000f6000, CP["VBAR"]),
    ("VBAR_EL1",                    0x603000000013c600, CP["VBAR"]),
    ("CONTEXTIDR (ns=0)",           0x40200000000f6801, CP["CONTEXTIDR"]),
    ("CONTEXTIDR (ns=1)",           0x40200000200f6801, CP["CONTEXTIDR"]),
    ("CONTEXTIDR_EL1",              0x603000000013c681, CP["CONTEXTIDR"]),
    ("TPIDRURW (ns=0)",             0x40200000000f6802, CP["TPIDRURW"]),
    ("TPIDRURW (ns=1)",             0x40200000200f6802, CP["TPIDRURW"]),
    ("TPIDR_EL0",                   0x603000000013de82, CP["TPIDRURW"]),
    ("TPIDRURO (ns=0)",             0x40200000000f6803, CP["TPIDRURO"]),
    ("TPIDRURO (ns=1)",             0x40200000200f6803, CP["TPIDRURO"]),
    ("TPIDRRO_EL0",                 0x603000000013de83, CP["TPIDRURO"]),
    ("TPIDRPRW (ns=0)",             0x40200000000f6804, CP["TPIDRPRW"]),
    ("TPIDRPRW (ns=1)",             0x40200000200f6804, CP["TPIDRPRW"]),
    ("TPIDR_EL1",                   0x603000000013c684, CP["TPIDRPRW"]),
    ("MIDR (constant)",             0x40200000200f0000, 0x414FC0F0),
]
CPREG_COUNT = 197

FPEXC_XREG = 8      # env.vfp.xregs[8] is FPEXC; the "env.vfp.xregs" field starts at [2]


def regfill_mismatches(cpu, spin_pc):
    """Compare a decoded "cpu" section (sections["cpu.0"]) with the values
    of regfill_values.py; a list of "what: got X, want Y" strings."""
    bad = []

    def want(what, got, expected):
        if got != expected:
            fmt = lambda v: ("%#x" % v) if isinstance(v, int) else repr(v)
            bad.append("%s: got %s, want %s" % (what, fmt(got), fmt(expected)))

    def get(d, key, what=None):
        if key not in d:
            bad.append("%s: field %r missing" % (what or key, key))
            return None
        return d[key]

    regs = get(cpu, "env.regs")
    if isinstance(regs, list) and len(regs) == 16:
        for n in range(13):
            want("env.regs[%d] (svc r%d)" % (n, n), regs[n], RV.SVC_REGS[n])
        want("env.regs[13] (svc sp)", regs[13], RV.SVC_SP)
        want("env.regs[14] (svc lr)", regs[14], RV.SVC_LR)
        want("env.regs[15] (pc = regfill_spin)", regs[15], spin_pc)
    else:
        bad.append("env.regs: %r is not a list of 16" % (regs,))
    want("cpsr", get(cpu, "cpsr"), RV.CPSR)
    want("env.spsr (svc)", get(cpu, "env.spsr"), RV.SVC_SPSR)

    r13, r14, spsr = (get(cpu, k) or [None] * 8 for k in
                      ("env.banked_r13", "env.banked_r14", "env.banked_spsr"))
    for mode, vals in RV.BANKED.items():
        b = RV.QEMU_BANK[mode]
        want("env.banked_r13[%d] (%s sp)" % (b, mode), r13[b], vals["sp"])
        want("env.banked_r14[%d] (%s lr)" % (b, mode), r14[b], vals["lr"])
        if "spsr" in vals:
            want("env.banked_spsr[%d] (%s spsr)" % (b, mode), spsr[b], vals["spsr"])
    fiq = get(cpu, "env.fiq_regs") or [None] * 5
    for i in range(5):
        want("env.fiq_regs[%d] (fiq r%d)" % (i, 8 + i), fiq[i], RV.BANKED["fiq"]["r%d" % (8 + i)])

    n = get(cpu, "cpreg_vmstate_array_len")
    want("cpreg_vmstate_array_len", n, CPREG_COUNT)
    idx = get(cpu, "cpreg_vmstate_indexes") or []
    val = get(cpu, "cpreg_vmstate_values") or []
    want("len(cpreg_vmstate_indexes)", len(idx), CPREG_COUNT)
    want("len(cpreg_vmstate_values)", len(val), CPREG_COUNT)
    cpregs = dict(zip(idx, val))
    for name, index, value in CPREGS:
        if index not in cpregs:
            bad.append("cp register %s: index %#018x not in the list" % (name, index))
        else:
            want("cp register %s (index %#018x)" % (name, index), cpregs[index], value)

    vfp = get(cpu, "cpu/vfp", "subsection cpu/vfp")
    if isinstance(vfp, dict):
        for z in range(16):
            key = "env.vfp.zregs[%d].d" % z
            want(key + " (d%d, d%d)" % (2 * z, 2 * z + 1), get(vfp, key),
                 [RV.DREGS[2 * z], RV.DREGS[2 * z + 1]])
        want("cpu/vfp fpscr", get(vfp, "fpscr"), RV.FPSCR)
        xregs = get(vfp, "env.vfp.xregs")
        if isinstance(xregs, list) and len(xregs) == 14:
            want("env.vfp.xregs (FPEXC = xregs[8])", xregs[FPEXC_XREG - 2], RV.FPEXC)
        else:
            bad.append("env.vfp.xregs: %r is not a list of 14" % (xregs,))
    return bad


def spin_pc(capture):
    return capture.symbols["regfill_spin"][0]


# --- the QEMU side on its own: guest, harness, expectations -------------------

def test_qemu_regfill_stream_holds_the_guest_values(regfill_capture):
    """No tern: QEMU's own stream, walked by tests/qemu/qstream.py, holds what
    regfill_values.py says (checks the guest and this file's expectations)."""
    c = regfill_capture
    assert c.serial == "READY\n"
    assert c.regs["R15"] == spin_pc(c)
    cpu = c.stream.decode(c.stream.section("cpu", 0))
    assert regfill_mismatches(cpu, spin_pc(c)) == []


def test_qemu_handoff_baseline(counter_stopped_capture, workdir):
    """No tern: QEMU resumes its own stream and the count goes on."""
    c = counter_stopped_capture
    resumed = resume_in_qemu(c, c.path, workdir, "baseline", lines=5)
    check_counter_continues(c.serial, resumed, 0x5EED0005)


# --- tern inspect ---------------------------------------------------------------

def test_inspect_regfill_values(tern, regfill_capture):
    c = regfill_capture
    j = tern.inspect_json(c.path)
    assert "cpu.0" in j.get("sections", {}), "no sections[\"cpu.0\"] in %r" % list(j)
    bad = regfill_mismatches(j["sections"]["cpu.0"], spin_pc(c))
    if bad:
        pytest.fail("tern inspect --json disagrees with the guest:\n  " + "\n  ".join(bad),
                    pytrace=False)


def test_inspect_ram_blocks(tern, regfill_capture):
    c = regfill_capture
    j = tern.inspect_json(c.path)
    want = c.stream.section("ram", 0, type_=1).ram["blocks"]
    assert want["mach-virt.ram"] == 64 << 20
    assert j.get("ram_blocks") == want


def test_inspect_cpu_section_equals_independent_decode(tern, regfill_capture):
    """Every field of cpu.0 and cpu_common.0, as QEMU's JSON description
    names and sizes them, has the value tern prints."""
    c = regfill_capture
    j = tern.inspect_json(c.path)["sections"]
    for key, (idstr, inst) in {"cpu.0": ("cpu", 0), "cpu_common.0": ("cpu_common", 0)}.items():
        want = c.stream.decode(c.stream.section(idstr, inst))
        got = j.get(key)
        assert isinstance(got, dict), "sections[%r] missing" % key
        diffs = ["%s: tern %r, stream %r" % (k, got.get(k, "<missing>"), v)
                 for k, v in want.items() if got.get(k, "<missing>") != v]
        extra = sorted(set(got) - set(want))
        assert diffs == [] and extra == [], "%s:\n  %s\n  extra keys: %s" % (
            key, "\n  ".join(diffs), extra)


def test_inspect_lists_every_section_and_field(tern, regfill_capture):
    """Each device section of QEMU's stream appears as "<idstr>.<instance>"
    with the field and subsection names of QEMU's JSON description."""
    c = regfill_capture
    j = tern.inspect_json(c.path)["sections"]
    problems = []
    for r in c.stream.records:
        if r.idstr == "ram":
            continue
        key = "%s.%d" % (r.idstr, r.instance_id)
        if key not in j:
            problems.append("%s missing" % key)
            continue
        names = [f.name for f in r.fields] + [s.name for s in r.subsections]
        missing = [n for n in names if n not in j[key]]
        if missing:
            problems.append("%s: fields %s missing (has %s)" % (key, missing, sorted(j[key])))
    assert problems == []


def test_inspect_human_readable(tern, regfill_capture):
    res = tern.ok("inspect", regfill_capture.path)
    out = res.stdout.decode(errors="replace")
    assert "cpu" in out and len(out.splitlines()) >= 3, out


# --- tern convert: byte-identical re-encoding -----------------------------------

@pytest.mark.parametrize("which", ["regfill_capture", "counter_stopped_capture",
                                   "counter_running_capture"])
def test_convert_is_byte_identical(tern, workdir, request, which):
    c = request.getfixturevalue(which)
    if which == "counter_running_capture":
        parts = [r for r in c.stream.records if r.idstr == "ram" and r.type == 2]
        assert len(parts) >= 3, "precondition: RAM in several PART records, got %d" % len(parts)
        runstate = c.stream.decode(c.stream.section("globalstate"))["runstate"]
        assert bytes.fromhex(runstate).rstrip(b"\0") == b"running", runstate
    out = workdir / ("%s.converted" % which)
    got = tern.convert(c.path, out)
    if got != c.data:
        n = min(len(got), len(c.data))
        first = next((i for i in range(n) if got[i] != c.data[i]), n)
        rec = c.stream.record_at(first)
        pytest.fail("tern convert of %s differs from QEMU's stream: first at byte %d (%s), "
                    "sizes %d (tern) vs %d (QEMU)" % (which, first, rec, len(got), len(c.data)),
                    pytrace=False)


def test_convert_set_changes_only_that_register(tern, regfill_capture, workdir):
    """--set 'cpu.0:env.regs[5]=...' re-encodes the cpu section from tern's
    struct arm_cpu: exactly the 4 bytes of env.regs[5] change."""
    c = regfill_capture
    out = workdir / "regfill-set-r5.qemu"
    got = tern.convert(c.path, out, sets=["cpu.0:env.regs[5]=0xC0FFEE00"])
    assert len(got) == len(c.data)
    off = c.stream.section("cpu").field("env.regs").offset + 5 * 4
    diff = [i for i in range(len(got)) if got[i] != c.data[i]]
    assert diff == list(range(off, off + 4)), "changed bytes %s, expected %d..%d" % (
        diff[:20], off, off + 3)
    assert got[off:off + 4] == bytes.fromhex("c0ffee00")


def test_convert_set_reaches_a_zregs_member(tern, regfill_capture, workdir):
    """tern describes QEMU's 32 env.vfp.zregs[N].d fields as one series: --set
    on element 1 of zregs[3] (d7) changes exactly those 8 bytes of QEMU's
    stream, where QEMU's own description puts them; one past the member's
    two elements is no field at all."""
    c = regfill_capture
    out = workdir / "regfill-set-d7.qemu"
    got = tern.convert(c.path, out, sets=["cpu.0:env.vfp.zregs[3].d[1]=0x0123456789abcdef"])
    assert len(got) == len(c.data)
    vfp = c.stream.section("cpu").subsection("cpu/vfp")
    off = next(f for f in vfp.fields if f.name == "env.vfp.zregs[3].d").offset + 8
    diff = [i for i in range(len(got)) if got[i] != c.data[i]]
    assert diff == list(range(off, off + 8)), "changed bytes %s, expected %d..%d" % (
        diff[:20], off, off + 7)
    assert got[off:off + 8] == bytes.fromhex("0123456789abcdef")
    res = tern.run("convert", c.path, workdir / "regfill-set-bad.qemu",
                   "--set", "cpu.0:env.vfp.zregs[3].d[2]=1")
    assert res.returncode != 0 and b"no field 'env.vfp.zregs[3].d[2]'" in res.stderr, \
        tern.describe(res)


# --- handoff: QEMU -> tern (edit r5) -> QEMU --------------------------------------

def last_count(text):
    found = COUNTER_LINE.findall(text)
    assert found, "no counter line before the stop: %r" % text[-200:]
    return int(found[-1][0])


def resume_in_qemu(capture, stream_path, workdir, name, lines):
    """Start QEMU with -incoming on `stream_path`, `cont` if it loads paused,
    wait for `lines` more counter lines; the serial text of the destination."""
    after = last_count(capture.serial) + lines
    with qemu.Qemu(capture.elf, workdir, name, incoming=stream_path) as q:
        state = q.wait_incoming()
        assert state in ("paused", "running"), "destination state %s" % state
        if state == "paused":
            q.cont()
        q.wait_serial("count %d " % after)
        q.wait_serial("\n", start=q.serial().index("count %d " % after))
        text = q.serial()
        q.quit()
    return text


def check_counter_continues(before, after, marker):
    """`before` ends with count K's line; `after` must be K+1, K+2... with r=marker."""
    k = last_count(before)
    assert before.endswith("count %d r=5eed0005\n" % k), "source stopped mid-line: %r" % before[-80:]
    assert k >= COUNTER_STOP_AT
    lines = after.splitlines(keepends=True)
    assert lines, "destination printed nothing"
    first = lines[0]
    assert first == "count %d r=%08x\n" % (k + 1, marker), \
        "after count %d the resumed guest printed %r (restart from 0 or a lost register?)" % (
            k, after[:200])
    for i, line in enumerate(lines[:-1]):
        assert line == "count %d r=%08x\n" % (k + 1 + i, marker), "line %d: %r" % (i, line)


def test_handoff_through_tern_with_r5_changed(tern, counter_stopped_capture, workdir):
    c = counter_stopped_capture
    out = workdir / "counter-r5.qemu"
    tern.convert(c.path, out, sets=["cpu.0:env.regs[5]=0xC0FFEE00"])
    resumed = resume_in_qemu(c, out, workdir, "handoff-r5", lines=5)
    check_counter_continues(c.serial, resumed, 0xC0FFEE00)


# --- malformed streams ------------------------------------------------------------

OFFSET_RE = re.compile(r"\b(?:byte|offset) (\d+)\b")
COMMANDS = {"inspect": lambda s, out: ["inspect", "--json", s],
            "convert": lambda s, out: ["convert", s, out]}


def error_problems(res, what, offset_range=None, section=None):
    """Why `res` is not a proper tern error; [] when it is."""
    p = []
    err = res.stderr.decode(errors="replace")
    lines = err.splitlines()
    if res.returncode != 1:
        p.append("exit status %d, want 1" % res.returncode)
    if len(lines) != 1:
        p.append("stderr has %d lines, want exactly 1: %r" % (len(lines), err[:1500]))
    if lines:
        line = lines[0]
        if not line.startswith("tern: "):
            p.append("stderr does not start with 'tern: ': %r" % line)
        # the stream's path says nothing about where the error is
        for arg in res.args[1:]:
            if "/" in str(arg):
                line = line.replace(str(arg), "STREAM")
        m = OFFSET_RE.search(line)
        if not m:
            p.append("no 'byte N' / 'offset N' in %r" % line)
        elif offset_range is not None and not (offset_range[0] <= int(m.group(1)) <= offset_range[1]):
            p.append("offset %s not in %s: %r" % (m.group(1), list(offset_range), line))
        if section is not None and section not in line:
            p.append("section %r not named in %r" % (section, line))
    return ["%s: %s" % (what, x) for x in p]


def run_bad(tern, workdir, name, data, command):
    """Run `command` on `data`; file names neutral (no section names in them)."""
    path = workdir / ("bad-%s.qemu" % name)
    if not path.exists():
        path.write_bytes(data)
    out = workdir / ("bad-%s.%s.out" % (name, command))
    return tern.run(*COMMANDS[command](path, out))


def _flip(data, off):
    b = bytearray(data)
    b[off] ^= 0xFF
    return bytes(b)


def _put(data, off, new):
    b = bytearray(data)
    b[off:off + len(new)] = new
    return bytes(b)


def malformed_cases(c):
    """name -> (bytes, offset range the error should name, section it should name)."""
    s, d = c.stream, c.data
    n = len(d)
    cpu = s.section("cpu")
    common = s.section("cpu_common")
    ram_start = s.section("ram", 0, type_=1)
    ram_part = [r for r in s.records if r.idstr == "ram" and r.type == 2][0]
    vfp = cpu.subsection("cpu/vfp")
    count = cpu.field("cpreg_vmstate_array_len")
    assert d[count.offset:count.offset + 4] == (197).to_bytes(4, "big")
    assert d[common.idstr_offset:common.idstr_offset + 10] == b"cpu_common"
    assert d[vfp.name_offset:vfp.name_offset + 7] == b"cpu/vfp"
    cases = {
        "magic": (_put(d, 0, b"XEVM"), (0, 3), None),
        "version-2": (_put(d, 4, (2).to_bytes(4, "big")), (0, 7), None),
        "version-4": (_put(d, 4, (4).to_bytes(4, "big")), (0, 7), None),
        "type-cpu": (_flip(d, cpu.offset), (cpu.offset, cpu.offset + 1), None),
        "type-ram-part": (_flip(d, ram_part.offset), (ram_part.offset, ram_part.offset + 1), None),
        "id-cpu-header": (_flip(d, cpu.id_offset + 3), (cpu.offset, cpu.end), None),
        "id-cpu-footer": (_flip(d, cpu.footer_offset + 4), (cpu.offset, cpu.end), "cpu"),
        "id-ram-part": (_flip(d, ram_part.id_offset + 3), (ram_part.offset, ram_part.end), None),
        "len-idstr-cpu_common": (_flip(d, common.idstr_len_offset), (common.offset, n), None),
        "len-config-name": (_flip(d, s.config_offset + 1), (s.config_offset, n), None),
        # a wrong length sends the reader further: the error may come later
        "len-ram-block-name": (_flip(d, ram_start.body_offset + 8), (ram_start.offset, n), "ram"),
        "len-json": (_flip(d, s.vmdesc_len_offset), (s.vmdesc_offset, n), None),
        "unknown-section-cpu_commoX": (_put(d, common.idstr_offset + 9, b"X"),
                                       (common.offset, common.end), "cpu_commoX"),
        "unknown-subsection-cpu/vfX": (_put(d, vfp.name_offset + 6, b"X"),
                                       (cpu.offset, cpu.end), "cpu"),
        "varray-count-100000": (_put(d, count.offset, (100000).to_bytes(4, "big")),
                                (cpu.offset, cpu.end), "cpu"),
        "trailing-garbage": (d + b"garbage\n", (n, n + 8), None),
        "trailing-zero": (d + b"\0", (n, n + 1), None),
    }
    return cases


MALFORMED = ["magic", "version-2", "version-4", "type-cpu", "type-ram-part",
             "id-cpu-header", "id-cpu-footer", "id-ram-part", "len-idstr-cpu_common",
             "len-config-name", "len-ram-block-name", "len-json",
             "unknown-section-cpu_commoX", "unknown-subsection-cpu/vfX",
             "varray-count-100000", "trailing-garbage", "trailing-zero"]


@pytest.fixture(scope="session")
def malformed(regfill_capture):
    cases = malformed_cases(regfill_capture)
    assert sorted(cases) == sorted(MALFORMED)
    return cases


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_stream_is_refused(tern, workdir, malformed, case, command):
    data, offsets, section = malformed[case]
    res = run_bad(tern, workdir, "m%02d" % MALFORMED.index(case), data, command)
    problems = error_problems(res, "%s (%s)" % (case, command), offsets, section)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def truncation_points(c):
    """~40 lengths to cut the stream at, with the section a cut there is
    inside of (None when not inside a named section)."""
    s, n = c.stream, len(c.data)
    cpu = s.section("cpu")
    vfp = cpu.subsection("cpu/vfp")
    pts = [1, 3, 4, 6, 8, s.config_offset + 3, s.config_end - 2]
    ram = [r for r in s.records if r.idstr == "ram"]
    pts += [ram[0].offset + 3, ram[0].body_offset + 20, ram[1].offset + 2,
            ram[1].body_offset + 4100, ram[-1].footer_offset + 2]
    pts += [n * k // 10 for k in range(1, 10)]                # spread over the stream
    pts += [cpu.offset + 2, cpu.idstr_offset + 1, cpu.body_offset + 30,
            cpu.field("cpsr").offset + 2, cpu.field("cpreg_vmstate_array_len").offset + 1,
            cpu.field("cpreg_vmstate_indexes").offset + 800,
            cpu.field("cpreg_vmstate_values").offset + 4,
            vfp.offset, vfp.offset + 4, vfp.fields[5].offset + 3,
            vfp.fields[-1].offset + 1, cpu.footer_offset + 1, cpu.end]
    pts += [s.section("arm_gic").body_offset + 5000, s.section("pl011").subsections[0].offset + 1,
            s.section("globalstate").body_offset + 50]
    pts += [s.eof_offset, s.vmdesc_offset + 2, s.json_offset, s.json_offset + 1,
            s.json_offset + s.json_len // 2, n - 1]
    out = []
    for p in sorted(set(pts)):
        assert 0 < p < n
        assert p != s.eof_offset + 1   # a stream without its JSON is QEMU-loadable
        rec = s.record_at(p)
        # from the body on, the record's section is known: the error names it
        sec = rec.idstr if rec is not None and p >= rec.body_offset else None
        out.append((p, sec))
    return out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_truncated_stream_is_refused(tern, workdir, regfill_capture, command):
    c = regfill_capture
    points = truncation_points(c)
    assert len(points) >= 35

    def one(point):
        p, sec = point
        res = run_bad(tern, workdir, "t%d" % p, c.data[:p], command)
        where = "cut at %d%s" % (p, " (in %s)" % sec if sec else "")
        return error_problems(res, where, (0, p), sec)

    with ThreadPoolExecutor(max_workers=3) as pool:
        problems = [x for r in pool.map(one, points) for x in r]
    if problems:
        pytest.fail("%d of %d truncations not refused properly:\n%s" % (
            len({x.split(":")[0] for x in problems}), len(points), "\n".join(problems)),
            pytrace=False)
