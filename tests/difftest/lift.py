"""Instruction windows lifted from gcc's output for the test guests.

The C sources of tests/guests/ and bench/ are compiled with
arm-none-eabi-gcc -S for -mcpu=cortex-a15 -mfpu=neon-vfpv4 -mfloat-abi=hard
at -O0, -O1, -O2, -O3 and -Os, as A32 and as T32. Each function's
instructions are cut into straight-line windows: a window ends at a label,
a branch or call, an instruction that writes SP or touches PC, a literal or
symbol reference, a system instruction, or a memory access the tester cannot
keep inside its scratch buffer. Accepted memory accesses use a base register
that the window has not written before (the tester sets it to the middle of
the scratch buffer) with a small aligned offset, and optionally an index
register the window has not written either (set to 0, 4 or 8). IT blocks
stay whole.
"""

import concurrent.futures
import hashlib
import os
import re
import subprocess
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

CROSS = "arm-none-eabi-"
ARCH = ["-mcpu=cortex-a15", "-mfpu=neon-vfpv4", "-mfloat-abi=hard"]
LEVELS = ["-O0", "-O1", "-O2", "-O3", "-Os"]
MAX_WINDOW = 12
MIN_WINDOW = 2
MAX_OFF = 120

ALIASES = {"sp": 13, "lr": 14, "pc": 15, "ip": 12, "fp": 11, "sl": 10, "sb": 9}
COND = r"(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?"
BRANCH = re.compile(r"^(b|bl|bx|blx|bxj)" + COND + r"(\.w|\.n)?$|^(cbz|cbnz|tbb|tbh)$")
SYSTEM = re.compile(r"^(svc|bkpt|udf|hvc|smc|mcr2?|mrc2?|mcrr2?|mrrc2?|cps\w*|wfi|wfe|sev|"
                    r"srs\w*|rfe\w*|ldc\w*|stc\w*|cdp2?|setend|dbg|eret|pld\w*|pli|"
                    r"push|pop|vpush|vpop|ldm\w*|stm\w*|vldm\w*|vstm\w*|ldrt|strt|"
                    r"ldrbt|strbt|ldrht|strht|ldrsbt|ldrsht|ldaex\w*)" + COND + r"(\.w|\.n)?$")
WORD = re.compile(r"[A-Za-z_.$][\w.$]*")
OK_WORDS = {"lsl", "lsr", "asr", "ror", "rrx", "apsr", "apsr_nzcv", "fpscr", "cpsr_f",
            "apsr_nzcvq", "apsr_g", "apsr_nzcvqg"}


class Window:
    def __init__(self, units, bases, indexes, origin):
        self.units = units
        self.bases = bases
        self.indexes = indexes
        self.origin = origin


def reg(tok):
    t = tok.strip().lower()
    if t in ALIASES:
        return ALIASES[t]
    m = re.fullmatch(r"r(\d+)", t)
    if m and int(m.group(1)) < 16:
        return int(m.group(1))
    return None


def core_regs(text):
    """Core registers named in text, with register ranges in lists."""
    out = []
    for m in re.finditer(r"\b(r\d+|sp|lr|pc|ip|fp|sl|sb)\s*(-\s*(r\d+))?\b", text.lower()):
        a = reg(m.group(1))
        if a is None:
            continue
        if m.group(3):
            b = reg(m.group(3))
            out += list(range(a, b + 1))
        else:
            out.append(a)
    return out


def access_size(mn):
    base = re.sub(COND + r"(\.w|\.n)?$", "", mn)
    if mn.startswith("v"):
        if ".64" in mn or "d" in mn:
            return 8
        return 4
    for suffix, size in (("d", 8), ("sb", 1), ("sh", 2), ("b", 1), ("h", 2)):
        if base.endswith(suffix) and base not in ("ldr", "str"):
            return size
    return 4


def analyse(mn, ops, tainted):
    """None if the instruction cannot be in a window; else (bases, indexes,
    written core registers)."""
    low = ops.lower()
    base = mn.split(".")[0]          # vldmia.32 -> vldmia
    if BRANCH.match(mn) or SYSTEM.match(base) or base in ("adr", "adrl"):
        return None
    if "=" in ops or ":lower16:" in ops or ":upper16:" in ops or "@" in ops:
        return None
    if mn.startswith("msr") and "apsr" not in low:
        return None
    regs = core_regs(ops)
    if 15 in regs:
        return None
    # anything but registers, immediates and shift names is a symbol
    stripped = re.sub(r"#[-+]?(0x[0-9a-f]+|\d+(\.\d+)?(e[-+]?\d+)?)", "", low)
    stripped = re.sub(r":(64|128|256)", "", stripped)
    for w in WORD.findall(stripped):
        if reg(w) is not None or w in OK_WORDS:
            continue
        if re.fullmatch(r"[sdq]\d+", w):
            continue
        return None
    bases, indexes = set(), set()
    written = set()
    mem = re.search(r"\[([^\]]*)\](!?)(.*)$", ops)
    if mem:
        inner = [p.strip() for p in mem.group(1).split(",")]
        b = reg(inner[0].split(":")[0])
        if b is None or b in tainted or b == 15:
            return None
        bases.add(b)
        off = 0
        size = access_size(mn)
        if len(inner) > 1:
            if inner[1].startswith("#"):
                try:
                    off = int(inner[1][1:], 0)
                except ValueError:
                    return None
            else:
                x = reg(inner[1].lstrip("-+"))
                if x is None or x in tainted:
                    return None
                indexes.add(x)
        post = mem.group(3).strip().lstrip(",").strip()
        if post:
            if post.startswith("#"):
                try:
                    poff = int(post[1:], 0)
                except ValueError:
                    return None
                if abs(poff) > MAX_OFF:
                    return None
            else:
                x = reg(post.lstrip("-+"))
                if x is None or x in tainted:
                    return None
                indexes.add(x)
            written.add(b)
        if mem.group(2):
            written.add(b)
        if abs(off) > MAX_OFF or off % min(size, 4) or (size == 2 and off % 2):
            return None
        if bases & indexes:
            return None
        if 13 in indexes:
            return None
        # vld1/vst1 lists may be long: 4 D registers = 32 bytes, fine
    if mn.startswith("str") or mn.startswith("vst") or mn.startswith("cmp") or \
            mn.startswith("cmn") or mn.startswith("tst") or mn.startswith("teq") or \
            mn.startswith("vcmp") or mn.startswith("it") or mn.startswith("nop"):
        if mn.startswith("strex"):
            first = ops.split(",")[0]
            r = reg(first)
            if r is not None:
                written.add(r)
    else:
        outside = re.sub(r"\[[^\]]*\].*$", "", ops)
        parts = [p for p in outside.split(",") if p.strip()]
        if parts:
            r = reg(parts[0])
            if r is not None:
                written.add(r)
        two = re.match(r"^(umull|umlal|smull|smlal|umaal|smlal\w\w|smlald|smlsld|ldrd|ldrexd)", mn)
        if (two or mn.startswith("vmov")) and len(parts) > 1:
            r = reg(parts[1])
            if r is not None:
                written.add(r)
    if 13 in written:
        return None
    return bases, indexes, written


def parse_functions(text):
    """(function name, [lines]) for each function of gcc -S output."""
    funcs = []
    cur = None
    for raw in text.splitlines():
        line = raw.split("@")[0].rstrip()
        if not line.strip():
            continue
        if re.match(r"^[A-Za-z_.$][\w.$]*:", line):
            name = line.split(":")[0]
            if not name.startswith(".L"):
                cur = (name, [])
                funcs.append(cur)
            elif cur is not None:
                cur[1].append(":label")
            continue
        s = line.strip()
        if s.startswith("."):
            if cur is not None and s.startswith((".word", ".short", ".byte", ".ascii")):
                cur[1].append(":label")
            continue
        if cur is not None:
            cur[1].append(s)
    return funcs


def split_insn(s):
    p = s.split(None, 1)
    return p[0].lower(), (p[1] if len(p) > 1 else "")


def windows_of(lines, origin):
    out = []
    units = []
    tainted = set()
    bases, indexes = set(), set()

    def close():
        nonlocal units, tainted, bases, indexes
        n = sum(len(u) for u in units)
        if n >= MIN_WINDOW:
            out.append(Window(units, bases, indexes, origin))
        units, tainted, bases, indexes = [], set(), set(), set()

    i = 0
    while i < len(lines):
        s = lines[i]
        if s == ":label":
            close()
            i += 1
            continue
        mn, ops = split_insn(s)
        group = [s]
        if re.match(r"^it[te]{0,3}$", mn):
            n = len(mn) - 1
            group = lines[i:i + 1 + n]
            if any(g == ":label" for g in group):
                close()
                i += 1
                continue
        ok = True
        t2, b2, x2 = set(tainted), set(bases), set(indexes)
        for g in group if len(group) == 1 else group[1:]:
            gm, go = split_insn(g)
            r = analyse(gm, go, t2)
            if r is None:
                ok = False
                break
            gb, gx, gw = r
            if (gb & x2) or (gx & b2):
                ok = False
                break
            b2 |= gb
            x2 |= gx
            t2 |= gw
        if not ok:
            close()
            i += len(group)
            continue
        tainted, bases, indexes = t2, b2, x2
        units.append(group)
        i += len(group)
        if sum(len(u) for u in units) >= MAX_WINDOW:
            close()
    close()
    return out


def sources():
    srcs = sorted((REPO / "tests" / "guests").glob("*.c")) + sorted((REPO / "bench").glob("*.c"))
    return srcs


def compile_s(src, thumb, level, outdir):
    flags = ARCH + ["-mthumb" if thumb else "-marm", level, "--specs=picolibc.specs",
                    "-std=gnu11", "-fno-asynchronous-unwind-tables", "-ffunction-sections",
                    "-I", str(REPO / "tests" / "guests" / "lib"), "-I", str(REPO / "bench"),
                    "-I", str(REPO / "build" / "guests"), "-I", str(REPO)]
    if src.name.startswith("fp"):
        flags.append("-ffast-math")
    key = hashlib.sha1((" ".join(flags) + src.read_text()).encode()).hexdigest()[:16]
    out = outdir / ("%s-%s-%s-%s.s" % (src.stem, "t" if thumb else "a", level[1:], key))
    if out.exists():
        return out.read_text()
    res = subprocess.run([CROSS + "gcc"] + flags + ["-S", "-o", "-", str(src)],
                         capture_output=True)
    if res.returncode != 0:
        return None
    tmp = out.with_suffix(".tmp%d" % threading.get_ident())
    tmp.write_text(res.stdout.decode())
    os.replace(tmp, out)
    return res.stdout.decode()


def windows(thumb, vfp, workdir, levels=None):
    """Distinct windows for A32 (thumb False) or T32; vfp: those with VFP or
    Advanced SIMD instructions, else those without."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    seen = set()
    out = []
    jobs = [(src, level) for src in sources() for level in levels or LEVELS]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        texts = list(ex.map(lambda j: compile_s(j[0], thumb, j[1], workdir), jobs))
    for (src, level), text in zip(jobs, texts):
        if True:
            if text is None:
                continue
            for name, lines in parse_functions(text):
                for w in windows_of(lines, "%s %s %s %s" % (src.relative_to(REPO), level,
                                                            "-mthumb" if thumb else "-marm",
                                                            name)):
                    flat = [l for u in w.units for l in u]
                    has_v = any(l.lower().startswith("v") for l in flat)
                    if has_v != vfp:
                        continue
                    key = "\n".join(flat)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(w)
    return out
