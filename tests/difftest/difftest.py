#!/usr/bin/python3
"""Differential tester: the same instruction sequences on qemu-system-arm
(-M virt -cpu cortex-a15, the reference) and on `tern run`, compared
register by register. See docs/difftest.md.

    tests/difftest/difftest.py [--seed N] [--cases N] [--batches N]
        [--categories a32,t32,gcc,...] [--tern PATH] [--out DIR] [--jobs N]

A batch is one guest ELF (tests/difftest/runtime.S plus a generated file)
holding many cases; each case sets r0-r14, the APSR, the 256-byte scratch
buffer (and d0-d31, FPSCR in the VFP categories) from its inputs, runs its
sequence, saves everything and prints it over the PL011. A case whose output
differs is minimised: its sequence is cut after each unit (instruction, IT
block, branch with what it skips) and rerun, and the first prefix that
differs names the instruction. Exit status 0 when nothing diverged, 1 when
something did, 2 when the campaign could not run.
"""

import argparse
import concurrent.futures
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

import gen  # noqa: E402
import lift  # noqa: E402

CROSS = os.environ.get("CROSS", "arm-none-eabi-")
QEMU = os.environ.get("QEMU", "qemu-system-arm")
QEMU_ARGS = ["-M", "virt", "-cpu", "cortex-a15", "-m", "64", "-nographic",
             "-no-reboot", "-monitor", "none", "-serial", "stdio"]
RUN_TIMEOUT = 60.0
SEQ_LEN = 10            # instructions a random case aims at

REG_NAMES = ["r%d" % i for i in range(13)] + ["lr", "sp", "cpsr"]

# Categories: name -> (thumb, kind). kind: int, vfp, neon, gcc, gccvfp
CATEGORIES = {
    "a32": (False, "int"),
    "t32": (True, "int"),
    "gcc-a32": (False, "gcc"),
    "gcc-t32": (True, "gcc"),
    "vfp-a32": (False, "vfp"),
    "vfp-t32": (True, "vfp"),
    "neon-a32": (False, "neon"),
    "neon-t32": (True, "neon"),
    "gccvfp-a32": (False, "gccvfp"),
    "gccvfp-t32": (True, "gccvfp"),
}
INT_CATEGORIES = ["a32", "t32", "gcc-a32", "gcc-t32"]
FP_CATEGORIES = ["vfp-a32", "vfp-t32", "neon-a32", "neon-t32", "gccvfp-a32", "gccvfp-t32"]

# Instruction forms left out of the campaign because a known tern bug would
# make every batch diverge; each entry: regex on the instruction text, and
# why. (Empty when tern agrees with QEMU on everything generated.)
EXCLUDED = [
]


# T32 layout. Packed tightly (the default), some 32-bit T32 instructions
# straddle a 4 KiB page (first halfword at 0x...ffe): tern before commit
# cfcedbc crashed on them (SIGSEGV in interp_run, cpu/interp/dispatch.c,
# the T32 end-of-page sentinel). --t32-slots puts the T32 code of each case
# in a 512-byte aligned slot instead, so that no instruction straddles.
T32_STRADDLE = True


class Case:
    """One test case: inputs and a sequence of units (lists of lines)."""

    def __init__(self, cid, category, thumb, units, regs, apsr, seed,
                 vregs=None, fpscr=0, origin=""):
        self.cid = cid
        self.category = category
        self.thumb = thumb
        self.units = units
        self.regs = regs          # r0-r12, lr, sp (15 values)
        self.apsr = apsr
        self.seed = seed          # scratch fill (xorshift32, not 0)
        self.vregs = vregs        # 64 words or None
        self.fpscr = fpscr
        self.origin = origin      # where gcc windows come from

    def lines(self):
        out = []
        for u in self.units:
            for line in u:
                out += line.split("\n")
        return [l.strip() for l in out]

    def ninsns(self):
        return sum(1 for l in self.lines() if l and not l.endswith(":"))

    def with_units(self, cid, units):
        return Case(cid, self.category, self.thumb, units, self.regs, self.apsr, self.seed,
                    self.vregs, self.fpscr, self.origin)


# --- making cases ----------------------------------------------------------

def make_random_case(rng, cid, category):
    thumb, kind = CATEGORIES[category]
    ctx = gen.new_ctx(rng, thumb)
    ctx.case = cid
    if kind == "int":
        units = gen.gen_int_units(ctx, SEQ_LEN)
    elif kind == "vfp":
        units = gen.gen_fp_units(ctx, SEQ_LEN, gen.g_vfp)
    else:
        units = gen.gen_fp_units(ctx, SEQ_LEN, gen.g_neon)
    regs = [gen.rand32(rng) for _ in range(15)]
    regs[ctx.X] = ctx.xval & 0xffffffff
    regs[ctx.B] = "MID"
    c = Case(cid, category, thumb, units, regs, gen.rand_apsr(rng),
             rng.getrandbits(32) | 1)
    if kind in ("vfp", "neon"):
        c.vregs = gen.rand_dregs(rng)
        c.fpscr = gen.rand_fpscr(rng)
    return c


def make_gcc_case(rng, cid, category, window):
    thumb, kind = CATEGORIES[category]
    regs = [gen.rand32(rng) for _ in range(15)]
    for r in window.bases:
        regs[_slot(r)] = "MID"
    for r in window.indexes:
        regs[_slot(r)] = rng.randrange(0, 3) * 4
    c = Case(cid, category, thumb, [[l] if not isinstance(l, list) else l for l in window.units],
             regs, gen.rand_apsr(rng), rng.getrandbits(32) | 1, origin=window.origin)
    if kind == "gccvfp":
        c.vregs = gen.rand_dregs(rng)
        c.fpscr = gen.rand_fpscr(rng)
    return c


def _slot(r):
    """Index in Case.regs (r0-r12, lr, sp) of register number r."""
    return {13: 14, 14: 13}.get(r, r)


def _excluded(case):
    for line in case.lines():
        for pat, _why in EXCLUDED:
            if re.search(pat, line):
                return True
    return False


# --- assembling ------------------------------------------------------------

def _w(v):
    return "dt_scratch+128" if v == "MID" else "0x%08x" % v


def case_asm(case, next_label):
    """The assembly of one case (see runtime.S for what it saves)."""
    k = case.cid
    a = []
    a.append("\t.arm")
    a.append("\t.balign 4")
    a.append("dt_case_%d:" % k)
    a.append("\tldr r0, =%s" % next_label)
    a.append("\tldr r1, =dt_resume")
    a.append("\tstr r0, [r1]")
    a.append("\tldr r0, =%d" % k)
    a.append("\tldr r1, =dt_case")
    a.append("\tstr r0, [r1]")
    a.append("\tldr r0, =0x%08x" % case.seed)
    a.append("\tbl dt_fill")
    a.append("\tclrex")
    if case.vregs is not None:
        a.append("\tldr r0, =dt_vin_%d" % k)
        a.append("\tvldmia r0!, {d0-d15}")
        a.append("\tvldmia r0!, {d16-d31}")
        a.append("\tldr r1, [r0]")
        a.append("\tvmsr fpscr, r1")
    if case.thumb:
        a.append("\tblx dt_case_%d_t" % k)
        if not T32_STRADDLE:
            a.append("\t.balign 512")
        a.append("\t.thumb")
        a.append("\t.thumb_func")
        a.append("dt_case_%d_t:" % k)
    a.append("\tldr r0, =dt_in_%d" % k)
    a.append("\tldr r1, [r0, #56]")
    a.append("\tmov sp, r1")
    a.append("\tldr r1, [r0, #60]")
    a.append("\tmsr APSR_nzcvqg, r1")
    a.append("\tldm r0, {r0-r12, lr}")
    a.append("dt_seq_%d:" % k)
    for line in case.lines():
        # branch labels made unique per case (the minimiser repeats units)
        line = re.sub(r"\.Lc\d+_(\d+)", r".Lk%d_\1" % k, line)
        a.append(line if line.endswith(":") else "\t" + line)
    a.append("dt_seqend_%d:" % k)
    a.append("\tmcr p15, 0, r0, c13, c0, 2")
    a.append("\tmrs r0, apsr")
    a.append("\tmcr p15, 0, r0, c13, c0, 3")
    a.append("\tldr r0, =dt_save+4")
    a.append("\tstm r0, {r1-r12, lr}")
    a.append("\tmov r1, sp")
    a.append("\tstr r1, [r0, #52]")
    a.append("\tmrc p15, 0, r1, c13, c0, 2")
    a.append("\tstr r1, [r0, #-4]")
    a.append("\tmrc p15, 0, r1, c13, c0, 3")
    a.append("\tstr r1, [r0, #56]")
    if case.vregs is not None:
        a.append("\tldr r0, =dt_vsave")
        a.append("\tvstmia r0!, {d0-d15}")
        a.append("\tvstmia r0!, {d16-d31}")
        a.append("\tvmrs r1, fpscr")
        a.append("\tstr r1, [r0]")
    a.append("\tldr r0, =dt_dump")
    a.append("\tbx r0")
    a.append("\t.ltorg")
    if case.thumb:
        a.append("dt_caseend_%d:" % k)
    return a


def case_data(case):
    d = ["\t.balign 8", "dt_in_%d:" % case.cid]
    vals = [_w(v) for v in case.regs] + ["0x%08x" % case.apsr]
    d.append("\t.word " + ", ".join(vals))
    if case.vregs is not None:
        d.append("dt_vin_%d:" % case.cid)
        words = case.vregs + [case.fpscr]
        for i in range(0, len(words), 8):
            d.append("\t.word " + ", ".join("0x%08x" % w for w in words[i:i + 8]))
    return d


def batch_source(cases, vfp):
    """The generated assembly of a batch and, for each case, its line range."""
    head = ["\t.syntax unified", "\t.arch armv7ve", "\t.fpu neon-vfpv4", "\t.text",
            "\t.global dt_cases", "\t.arm", "dt_cases:"]
    if vfp:
        head += ["\tldr r0, =dt_vflag", "\tmov r1, #1", "\tstr r1, [r0]"]
    lines = list(head)
    ranges = {}
    for i, c in enumerate(cases):
        nxt = "dt_case_%d" % cases[i + 1].cid if i + 1 < len(cases) else "dt_finish"
        start = len(lines) + 1
        lines += case_asm(c, nxt)
        ranges[c.cid] = (start, len(lines))
    lines += ["\t.arm", "\tldr r0, =dt_finish", "\tbx r0", "\t.ltorg", "\t.data"]
    for c in cases:
        start = len(lines) + 1
        lines += case_data(c)
        r = ranges[c.cid]
        ranges[c.cid] = (r[0], r[1], start, len(lines))
    return "\n".join(lines) + "\n", ranges


def runtime_obj(workdir):
    """runtime.S assembled once a work directory (named by its hash)."""
    src = (HERE / "runtime.S").read_bytes()
    obj = Path(workdir) / ("runtime-%s.o" % hashlib.sha1(src).hexdigest()[:12])
    if not obj.exists():
        tmp = Path("%s.%d.%d" % (obj, os.getpid(), threading.get_ident()))
        run([CROSS + "as", "-o", str(tmp), str(HERE / "runtime.S")])
        os.replace(tmp, obj)
    return obj


def run(cmd, **kw):
    res = subprocess.run(cmd, capture_output=True, **kw)
    if res.returncode != 0:
        raise RuntimeError("%s: status %d\n%s" % (" ".join(cmd), res.returncode,
                                                   res.stderr.decode(errors="replace")))
    return res


AS_DIAG = re.compile(r"^[^:]+:(\d+): (Error|Warning): (.*)$")


def build_batch(cases, vfp, workdir, name):
    """Assemble and link; cases the assembler rejects or warns about are
    dropped (returned as (case, message) pairs)."""
    workdir = Path(workdir)
    dropped = []
    for _attempt in range(6):
        src, ranges = batch_source(cases, vfp)
        s = workdir / (name + ".s")
        o = workdir / (name + ".o")
        s.write_text(src)
        res = subprocess.run([CROSS + "as", "-o", str(o), str(s)], capture_output=True)
        bad = {}
        for line in res.stderr.decode(errors="replace").splitlines():
            m = AS_DIAG.match(line)
            if not m:
                continue
            ln = int(m.group(1))
            for cid, r in ranges.items():
                if r[0] <= ln <= r[1] or r[2] <= ln <= r[3]:
                    text = src.splitlines()[ln - 1].strip()
                    bad.setdefault(cid, "%s: %s (%s)" % (m.group(2), m.group(3), text))
        if not bad:
            if res.returncode != 0:
                raise RuntimeError("as %s failed:\n%s" % (s, res.stderr.decode(errors="replace")))
            break
        dropped += [(c, bad[c.cid]) for c in cases if c.cid in bad]
        cases = [c for c in cases if c.cid not in bad]
    else:
        raise RuntimeError("as %s: could not assemble" % s)
    elf = workdir / (name + ".elf")
    run([CROSS + "ld", "-Ttext=0x40010000", "-e", "_start", "-o", str(elf),
         str(runtime_obj(workdir)), str(o)])
    if not T32_STRADDLE:
        syms = symbols(elf)
        for c in cases:
            if c.thumb:
                lo, hi = syms["dt_case_%d_t" % c.cid] & ~1, syms["dt_caseend_%d" % c.cid]
                if lo // 4096 != (hi - 1) // 4096:
                    raise RuntimeError("%s: T32 case %d crosses a page (%x-%x)"
                                       % (elf, c.cid, lo, hi))
    return elf, cases, dropped


def symbols(elf):
    addr = {}
    for l in run([CROSS + "nm", str(elf)]).stdout.decode().split("\n"):
        p = l.split()
        if len(p) == 3:
            addr[p[2]] = int(p[0], 16)
    return addr


# --- running ---------------------------------------------------------------

def run_guest(cmd, timeout=RUN_TIMEOUT):
    try:
        res = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                             timeout=timeout)
        return res.stdout.decode(errors="replace"), res.returncode, \
            res.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        return out, None, "timeout after %.0f s" % timeout


def run_both(elf, tern):
    q = run_guest([QEMU] + QEMU_ARGS + ["-kernel", str(elf)])
    t = run_guest([str(tern), "run", str(elf)])
    return q, t


def parse_output(text):
    """case id -> list of its lines (R, F, X); and whether END was seen."""
    per = {}
    end = False
    for line in text.splitlines():
        line = line.strip()
        if line == "END":
            end = True
            continue
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("R", "F", "X"):
            try:
                cid = int(parts[1], 16)
            except ValueError:
                continue
            per.setdefault(cid, []).append(line)
    return per, end


# --- reporting -------------------------------------------------------------

def describe_line(line):
    """A dump line as {field: value}."""
    p = line.split()
    f = {}
    if p[0] == "R":
        words = p[2:]
        for i, n in enumerate(REG_NAMES):
            f[n] = words[i] if i < len(words) else "?"
        mem = words[17:] if len(words) > 17 else []
        for i, w in enumerate(mem):
            f["mem[%+d]" % (i * 4 - 128)] = w
    elif p[0] == "F":
        words = p[2:]
        for i in range(32):
            lo = words[2 * i] if 2 * i < len(words) else "?"
            hi = words[2 * i + 1] if 2 * i + 1 < len(words) else "?"
            f["d%d" % i] = hi + lo
        f["fpscr"] = words[64] if len(words) > 64 else "?"
    else:
        f["exception"] = " ".join(p[2:])
    return f


def diff_lines(ql, tl):
    """Fields that differ between QEMU's and tern's lines of one case."""
    out = []
    for i in range(max(len(ql), len(tl))):
        a = ql[i] if i < len(ql) else "(nothing)"
        b = tl[i] if i < len(tl) else "(nothing)"
        if a == b:
            continue
        if a[:1] == b[:1] and a[:1] in "RF":
            fa, fb = describe_line(a), describe_line(b)
            for k in fa:
                if fa.get(k) != fb.get(k):
                    out.append("%-10s qemu %s  tern %s" % (k, fa.get(k), fb.get(k)))
        else:
            out.append("qemu: %s" % a)
            out.append("tern: %s" % b)
    return out


def case_inputs(case):
    s = []
    regs = ["%s=%s" % (n, "scratch+128" if v == "MID" else "%08x" % v)
            for n, v in zip(REG_NAMES, case.regs)]
    s.append("inputs: " + " ".join(regs) + " apsr=%08x scratch-seed=%08x" % (case.apsr, case.seed))
    if case.vregs is not None:
        d = ["d%d=%08x%08x" % (i, case.vregs[2 * i + 1], case.vregs[2 * i]) for i in range(32)]
        s.append("        " + " ".join(d[:8]))
        s.append("        " + " ".join(d[8:16]))
        s.append("        " + " ".join(d[16:24]))
        s.append("        " + " ".join(d[24:]) + " fpscr=%08x" % case.fpscr)
    return s


def objdump_seq(elf, cid, thumb):
    try:
        addr = symbols(elf)
        lo, hi = addr["dt_seq_%d" % cid], addr["dt_seqend_%d" % cid]
        if lo == hi:
            return []
        res = run([CROSS + "objdump", "-d", "--start-address=0x%x" % lo,
                   "--stop-address=0x%x" % hi] + (["-M", "force-thumb"] if thumb else []) + [str(elf)])
        return [l for l in res.stdout.decode().splitlines() if re.match(r"^\s*[0-9a-f]+:\t", l)]
    except (RuntimeError, KeyError):
        return []


# --- the campaign ----------------------------------------------------------

class Stats:
    def __init__(self):
        self.cases = {}
        self.insns = {}
        self.dropped = {}
        self.drop_msgs = []
        self.excluded = {}
        self.exc = {}          # cases that took an exception under QEMU

    def add(self, cat, cases, insns):
        self.cases[cat] = self.cases.get(cat, 0) + cases
        self.insns[cat] = self.insns.get(cat, 0) + insns


class Divergence:
    def __init__(self, case, qlines, tlines, elf, culprit=None, prefix_diff=None):
        self.case = case
        self.qlines = qlines
        self.tlines = tlines
        self.elf = elf
        self.culprit = culprit
        self.prefix_diff = prefix_diff
        self.stderr = ""

    def kind(self):
        """tern-undefined, tern-stopped, exception or value."""
        lines = self.prefix_diff or diff_lines(self.qlines, self.tlines)
        if not self.tlines:
            return "tern-stopped"
        for l in lines:
            if l.startswith("tern: X") and l.split()[3] == "00000001":
                return "tern-undefined"
            if l.startswith("tern: X") or l.startswith("qemu: X"):
                return "exception"
        return "value"

    def mnemonic(self):
        if not self.culprit:
            return "?"
        for line in self.culprit.split(" ; "):
            mn = line.split()[0]
            if mn.endswith(":") or re.match(r"^(it[te]*|b\w{0,2}|cbn?z)$", mn):
                continue
            return mn
        return self.culprit.split()[0]

    def report(self):
        c = self.case
        out = ["DIVERGENCE in %s case %d%s: %s" % (c.category, c.cid,
                                                   " (from %s)" % c.origin if c.origin else "",
                                                   self.kind())]
        if self.culprit:
            out.append("first differing instruction: %s" % self.culprit)
        out.append("sequence (%s):" % ("T32" if c.thumb else "A32"))
        dis = objdump_seq(self.elf, c.cid, c.thumb)
        out += ["    " + l for l in (dis or c.lines())]
        out += case_inputs(c)
        out.append("qemu: " + "\n      ".join(self.qlines or ["(no output)"]))
        out.append("tern: " + "\n      ".join(self.tlines or ["(no output)"]))
        if self.stderr:
            out.append("tern's stderr: " + self.stderr)
        out.append("differences:")
        out += ["    " + l for l in diff_lines(self.qlines, self.tlines)]
        if self.prefix_diff:
            out.append("differences after the first differing instruction alone:")
            out += ["    " + l for l in self.prefix_diff]
        return "\n".join(out)


def minimise(case, tern, workdir, vfp):
    """Rerun the case cut after each unit; return (culprit text, diff) of the
    first prefix whose results differ."""
    n = len(case.units)
    if n <= 1:
        return (" ; ".join(case.lines()) or None), None
    pre = [case.with_units(i, case.units[:i + 1]) for i in range(n)]
    try:
        elf, kept, _ = build_batch(pre, vfp, workdir, "min%d" % case.cid)
    except RuntimeError:
        return None, None
    (qo, _, _), (to, _, _) = run_both(elf, tern)
    qp, _ = parse_output(qo)
    tp, _ = parse_output(to)
    for c in kept:
        if qp.get(c.cid) != tp.get(c.cid):
            unit = case.units[c.cid]
            text = " ; ".join(l.strip() for u in unit for l in u.split("\n"))
            return text, diff_lines(qp.get(c.cid, []), tp.get(c.cid, []))
    return None, None


def _tern_fails(cases, vfp, tern, workdir, name):
    """(stopped, stderr) of tern on a batch of these cases."""
    try:
        elf, _, _ = build_batch(cases, vfp, workdir, name)
    except RuntimeError:
        return False, ""
    out, rc, err = run_guest([str(tern), "run", str(elf)])
    return (rc != 0 or not parse_output(out)[1]), err


def locate_stop(cases, vfp, tern, workdir, name):
    """tern stopped (crashed, hung) in a batch: its output is buffered, so
    find the case by bisecting on prefixes of the batch (a prefix keeps
    every case at its address), then the unit by prefixes of that case.
    Returns (case, unit text or None, stderr) or None."""
    lo, hi = 1, len(cases)
    ok, err = _tern_fails(cases, vfp, tern, workdir, name)
    if not ok:
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        bad, e = _tern_fails(cases[:mid], vfp, tern, workdir, name)
        if bad:
            hi, err = mid, e
        else:
            lo = mid + 1
    case = cases[lo - 1]
    unit = None
    for i in range(len(case.units)):
        c = case.with_units(case.cid, case.units[:i + 1])
        bad, e = _tern_fails(cases[:lo - 1] + [c], vfp, tern, workdir, name)
        if bad:
            unit = " ; ".join(l.strip() for l in case.units[i] for l in l.split("\n"))
            err = e
            break
    return case, unit, err


def run_batch(cases, vfp, tern, workdir, name, stats_lock, stats, divergences, max_min):
    try:
        elf, kept, dropped = build_batch(cases, vfp, workdir, name)
    except RuntimeError as e:
        return "build: %s" % e
    (qo, qrc, qerr), (to, trc, terr) = run_both(elf, tern)
    (Path(workdir) / (name + ".qemu.txt")).write_text(qo)
    (Path(workdir) / (name + ".tern.txt")).write_text(to)
    qp, qend = parse_output(qo)
    tp, tend = parse_output(to)
    problems = []
    compared = kept
    if not qend:
        # QEMU is the reference: compare only what it finished
        done = [c for c in kept if c.cid in qp]
        problems.append("QEMU did not finish %s (status %s, %s): %d of %d cases not compared"
                        % (elf, qrc, qerr.strip()[-300:], len(kept) - len(done), len(kept)))
        compared = [c for c in kept if c.cid in qp]
        if compared and len(compared) < len(kept):
            compared = compared[:-1]   # the one it was in when it stopped
    bad = []
    stopped = None
    for c in compared:
        if qp.get(c.cid) != tp.get(c.cid):
            bad.append(c)
            if c.cid not in tp and not tend:
                stopped = c
                break
    if stopped is not None:
        # tern's output ends where its stdout buffer did, not where it
        # stopped: find the case, then rerun the cases before it
        found = locate_stop(kept, vfp, tern, workdir, name + "-stop")
        where = found[0] if found else stopped
        if found and found[2]:
            terr = found[2]
        wi = kept.index(where)
        d = Divergence(where, qp.get(where.cid, []), [], elf, found[1] if found else None)
        d.stderr = terr.strip()[-600:]
        with stats_lock:
            divergences.append(d)
        problems.append("tern stopped in %s case %d (status %s)%s: %d cases after it not "
                        "compared" % (elf, where.cid, trc,
                                      " at %s" % found[1] if found and found[1] else "",
                                      len(kept) - wi - 1))
        compared = kept[:wi]
        tp = {}
        if compared:
            # another layout (the scratch buffer moves): rerun QEMU too
            elf2, _, _ = build_batch(compared, vfp, workdir, name + "-before")
            (qo2, _, _), (to2, _, _) = run_both(elf2, tern)
            qp, _ = parse_output(qo2)
            tp, _ = parse_output(to2)
        bad = [c for c in compared if qp.get(c.cid) != tp.get(c.cid)]
        compared = compared + [where]
    elif not tend:
        problems.append("tern did not finish %s (status %s): %s" % (elf, trc, terr[-500:]))
    kept = compared
    with stats_lock:
        for c, msg in dropped:
            stats.dropped[c.category] = stats.dropped.get(c.category, 0) + 1
            if len(stats.drop_msgs) < 50:
                stats.drop_msgs.append("%s: %s" % (c.category, msg))
        for c in kept:
            stats.add(c.category, 1, c.ninsns())
            if any(l.startswith("X") for l in qp.get(c.cid, [])):
                stats.exc[c.category] = stats.exc.get(c.category, 0) + 1
    for c in bad:
        culprit, pdiff = (None, None)
        with stats_lock:
            do_min = len(divergences) < max_min
        if do_min:
            culprit, pdiff = minimise(c, tern, workdir, vfp)
        d = Divergence(c, qp.get(c.cid, []), tp.get(c.cid, []), elf, culprit, pdiff)
        with stats_lock:
            divergences.append(d)
    return "; ".join(problems) if problems else None


def tern_runs_vfp(tern, workdir):
    """Whether `tern run` executes VFP: a one-case probe with VADD.F64."""
    Path(workdir).mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    c = Case(0, "vfp-a32", False, [["vadd.f64 d0, d1, d2"], ["vmul.f32 s4, s5, s6"]],
             [1] * 15, 0, 1, vregs=gen.rand_dregs(rng), fpscr=0)
    try:
        elf, _, _ = build_batch([c], True, workdir, "probe")
    except RuntimeError:
        return False
    out, _, _ = run_guest([str(tern), "run", str(elf)], timeout=20)
    per, end = parse_output(out)
    return end and per.get(0, [""])[0].startswith("R") and len(per.get(0, [])) == 2


def campaign(seed, ncases, nbatches, categories, tern, workdir, jobs=2, max_min=20,
             lift_dir=None, gcc_limit=None):
    """Run the categories; gcc windows: each once (at most gcc_limit of
    them, a seeded sample), random ones: nbatches batches of ncases."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    stats = Stats()
    divergences = []
    problems = []
    lock = threading.Lock()
    runtime_obj(workdir)
    jobs_list = []
    windows = {}
    cid = 0
    for cat in categories:
        thumb, kind = CATEGORIES[cat]
        if kind in ("gcc", "gccvfp"):
            key = (thumb, kind == "gccvfp")
            if key not in windows:
                windows[key] = lift.windows(thumb, kind == "gccvfp", lift_dir or workdir / "lift")
            ws = windows[key]
            if not ws:
                problems.append("%s: no instruction windows lifted from the gcc output" % cat)
                continue
            rng = random.Random("%d-%s" % (seed, cat))
            # every window once (or a sample of gcc_limit of them)
            order = list(range(len(ws)))
            if gcc_limit is not None and gcc_limit < len(order):
                order = sorted(rng.sample(order, gcc_limit))
            allc = []
            for i in order:
                c = make_gcc_case(rng, cid, cat, ws[i])
                cid += 1
                allc.append(c)
        else:
            allc = []
            for b in range(nbatches):
                rng = random.Random("%d-%s-%d" % (seed, cat, b))
                for _ in range(ncases):
                    allc.append(make_random_case(rng, cid, cat))
                    cid += 1
        keep = []
        for c in allc:
            if _excluded(c):
                stats.excluded[cat] = stats.excluded.get(cat, 0) + 1
            else:
                keep.append(c)
        vfp = kind in ("vfp", "neon", "gccvfp")
        for b in range(0, len(keep), ncases):
            jobs_list.append((keep[b:b + ncases], vfp, "%s-%d" % (cat, b // ncases)))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = [ex.submit(run_batch, cs, vfp, tern, workdir, name, lock, stats, divergences,
                          max_min) for cs, vfp, name in jobs_list]
        for f in futs:
            p = f.result()
            if p:
                problems.append(p)
    divergences.sort(key=lambda d: d.case.cid)
    return stats, divergences, problems


def by_instruction(divergences):
    """Divergences grouped by the minimised instruction's mnemonic."""
    groups = {}
    for d in divergences:
        key = (d.mnemonic(), d.kind())
        groups.setdefault(key, []).append(d)
    out = []
    for (mn, kind), ds in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        cats = sorted(set(d.case.category for d in ds))
        out.append("%5d  %-22s %-15s %s  e.g. %s" % (len(ds), mn, kind, ",".join(cats),
                                                     ds[0].culprit or "(not minimised)"))
    return "\n".join(out)


def summary(stats, divergences, problems, categories):
    out = ["%-12s %8s %10s %8s %9s %10s %10s" % ("category", "cases", "insns", "dropped",
                                                 "excluded", "exception", "diverged")]
    tc = ti = 0
    for cat in categories:
        nd = sum(1 for d in divergences if d.case.category == cat)
        out.append("%-12s %8d %10d %8d %9d %10d %10d" % (cat, stats.cases.get(cat, 0),
                                                          stats.insns.get(cat, 0),
                                                          stats.dropped.get(cat, 0),
                                                          stats.excluded.get(cat, 0),
                                                          stats.exc.get(cat, 0), nd))
        tc += stats.cases.get(cat, 0)
        ti += stats.insns.get(cat, 0)
    out.append("%-12s %8d %10d" % ("total", tc, ti))
    out.append("compared %d sequences, %d instructions; %d diverged"
               % (tc, ti, len(divergences)))
    for p in problems:
        out.append("problem: " + p)
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=200, help="cases a batch")
    ap.add_argument("--batches", type=int, default=2, help="batches a category")
    ap.add_argument("--categories", default="auto",
                    help="comma-separated (%s); auto: all, the VFP ones only when "
                         "tern runs VFP" % ",".join(CATEGORIES))
    ap.add_argument("--tern", default=str(REPO / "build/test/tern"))
    ap.add_argument("--out", default=None, help="work directory (default: a temporary one)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--gcc-limit", type=int, default=None,
                    help="at most this many gcc windows a category (default: all)")
    ap.add_argument("--lift-cache", default=None,
                    help="where gcc -S output is kept between runs (default: in --out)")
    ap.add_argument("--max-reports", type=int, default=20)
    ap.add_argument("--show-dropped", action="store_true")
    ap.add_argument("--t32-slots", action="store_true",
                    help="T32 code of each case in a 512-byte slot: no T32 instruction "
                         "straddles a page (see T32_STRADDLE)")
    ap.add_argument("--no-exclude", action="store_true",
                    help="generate the forms EXCLUDED lists too (known tern bugs)")
    args = ap.parse_args(argv)

    global T32_STRADDLE
    T32_STRADDLE = not args.t32_slots
    if args.no_exclude:
        del EXCLUDED[:]
    tern = Path(args.tern)
    if not tern.is_file():
        print("difftest: no tern at %s (make BOARD=host SAN=1 O=build/test build/test/tern)"
              % tern, file=sys.stderr)
        return 2
    for tool in (QEMU, CROSS + "as", CROSS + "ld"):
        if not shutil.which(tool):
            print("difftest: %s not found" % tool, file=sys.stderr)
            return 2
    workdir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="difftest-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.categories == "auto":
        cats = list(INT_CATEGORIES)
        if tern_runs_vfp(tern, workdir):
            cats += FP_CATEGORIES
        else:
            print("difftest: tern run does not execute VFP yet: VFP/NEON categories skipped")
    else:
        cats = [c for c in args.categories.split(",") if c]
        for c in cats:
            if c not in CATEGORIES:
                print("difftest: unknown category %s" % c, file=sys.stderr)
                return 2
    t0 = time.time()
    stats, divs, problems = campaign(args.seed, args.cases, args.batches, cats, tern, workdir,
                                     args.jobs, args.max_reports,
                                     Path(args.lift_cache) if args.lift_cache else None,
                                     args.gcc_limit)
    for d in divs[:args.max_reports]:
        print(d.report())
        print()
    if len(divs) > args.max_reports:
        print("... %d more divergences" % (len(divs) - args.max_reports))
    if divs:
        print("divergences by instruction (count, mnemonic, kind, categories, example):")
        print(by_instruction(divs))
    if args.show_dropped:
        for m in stats.drop_msgs:
            print("dropped: " + m)
    print(summary(stats, divs, problems, cats))
    print("seed %d, %.1f s, work directory %s" % (args.seed, time.time() - t0, workdir))
    if divs:
        return 1
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
