#!/usr/bin/python3
"""Hypervisor figures: tern's instructions per trap and per world switch,
the firmware image sizes, and the boot time, all measured in one run.

Instructions are counted exactly, by QEMU: the firmware (build/virt/
tern.elf) runs on qemu-system-arm -M virt,virtualization=on with small
guests of bench/ (hyp_*.S) in its loader slots and

    -singlestep -d exec,nochain -dfilter TEXT_START..TEXT_END

so that QEMU 7.2 logs one line per instruction executed in tern's code
(singlestep makes every translation block one instruction long; nochain
makes every block's execution go through the logging; the filter keeps
the guests' own instructions out). The log is switched on from QEMU's
monitor (`log exec,nochain`) once the guests run, so tern's start-up
(16 MiB of zeroes per guest) stays out of it.

An event is one stretch of the log from a Hyp vector (hyp_vectors + 0x14
for a trap, + 0x18 for an IRQ) to the `eret` that goes back into a guest
(hyp_enter's, or hyp_fp_trap's for a VFP trap handled in the vector): the
whole cost of the exit, tern's C code, and the entry.
What it was is told by the functions it went through (names from the
log, which QEMU takes from tern.elf's symbols):

    hvc       a trap through psci_call              (guest hyp_hvc)
    slice     an IRQ ending the slice, no switch    (hyp_hvc alone)
    switch    an IRQ with hyp_vcpu_put + _load      (two hyp_spin)
    switch_vfp  the same between two VFP users (two hyp_vfp), plus the
              incoming guest's VFP trap (hyp_fp_trap) if one follows at
              once: that is where a lazy switch pays for the file
    uart      a trap through pl011_write            (hyp_uart), one byte
    uart_line the same, for the byte that ends a line (tern then prints it)

-icount shift=10,sleep=off makes QEMU's clock count instructions, so a
10 ms slice is ~9800 instructions whatever the host, and the runs are
repeatable. The counts do not depend on it: only how many events a
second of host time gives.

Cross-check, once a run: the guest hyp_pmu times its own HVCs with the
PMU cycle counter under -icount shift=0 (one count per instruction, Hyp
mode counted through PMCCFILTR.NSH); less the two reads' own cost
(measured by two adjacent reads) and the hvc, that must be a figure the
log found for the null HVC.

Boot: the wall-clock time from starting QEMU (no logging, no icount, no
guests; a carriage return on the console at the start and again at the
banner's end, as the shell shows its prompt only to someone who typed)
to the shell's first "tern> " prompt, or to the end of the banner
("hypervisor ready: ...") when no prompt follows it. And, in a logged
run, the instructions tern executed from its first one to the last byte
of the banner (counted as entries into pl011_uart_putc, one per byte):
the prompt itself waits for the key, and that wait is not the boot's.

Image: build/<board>/tern.bin for each board, against 64 KiB.

Exit status: 0 when every figure was measured, 1 otherwise (2 with
--strict when a goal is missed). See docs/bench.md, "Hypervisor".
"""
import argparse
import json
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import time

MACHINE = ["-M", "virt,virtualization=on", "-cpu", "cortex-a15", "-m", "256"]
SLOT0 = 0x41000000
SLOT_SIZE = 4 << 20
ICOUNT = "shift=10,sleep=off"
IMAGE_GOAL = 65536
BOARDS = ["virt", "vexpress-a15", "raspi2b"]
BANNER_END = "hypervisor ready: guests will run on the hypervisor\n"
PROMPT = "tern> "
BOOT_RUNS = 3
GUESTS_RE = re.compile(r"tern: \d+ guests?, ")
TRACE_RE = re.compile(rb"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/[^\]]*\] ?(\S*)")

# (row key, what it is, goal: fewer than this many instructions, or None)
ROWS = [
    ("hvc", "null HVC round trip (PSCI_VERSION)", 150),
    ("slice", "slice end, same guest continues", None),
    ("switch", "full switch A -> B, no VFP", 600),
    ("switch_vfp", "full switch A -> B, with VFP", 600),
    ("uart", "PL011 byte (data register write)", None),
    ("uart_line", "PL011 byte ending a line", None),
]

# scenario: the guests in the slots, and how many events of each kind
# end it
SCENARIOS = [
    ("hvc", ["hyp_hvc"], {"hvc": 400, "slice": 30}),
    ("switch", ["hyp_spin", "hyp_spin"], {"switch": 60}),
    ("vfp", ["hyp_vfp", "hyp_vfp"], {"switch_vfp": 60}),
    ("uart", ["hyp_uart"], {"uart": 300, "uart_line": 5}),
]


# Where tern goes back into a guest: the eret of these functions (those
# that the firmware has). hyp_vec_undef's eret returns to tern itself.
GUEST_ERETS = ["hyp_enter", "hyp_fp_trap"]


class Symbols:
    """Addresses of tern.elf's functions (nm), the erets into a guest and
    the extent of .text (objdump)."""

    def __init__(self, elf, cross):
        out = subprocess.run([cross + "nm", "-S", elf], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        self.addr, self.size = {}, {}
        for line in out.splitlines():
            f = line.split()
            if len(f) == 4:
                self.addr[f[3]] = int(f[0], 16)
                self.size[f[3]] = int(f[1], 16)
        self.erets = set()
        for fn in GUEST_ERETS:
            if fn not in self.addr:
                continue
            lo = self.addr[fn]
            dis = subprocess.run([cross + "objdump", "-d", "--start-address=%#x" % lo,
                                  "--stop-address=%#x" % (lo + self.size[fn]), elf],
                                 check=True, stdout=subprocess.PIPE, text=True).stdout
            self.erets.update(int(m.group(1), 16) for m in
                              re.finditer(r"^\s*([0-9a-f]+):\s+\S+\s+eret", dis, re.M))
        if "hyp_enter" not in self.addr or not self.erets:
            raise SystemExit("run_hyp_bench: %s: no hyp_enter or no eret in it" % elf)
        vec = self.addr["hyp_vectors"]
        self.vec_trap, self.vec_irq = vec + 0x14, vec + 0x18
        sec = subprocess.run([cross + "objdump", "-h", elf], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
        m = re.search(r"^\s*\d+\s+\.text\s+([0-9a-f]+)\s+([0-9a-f]+)", sec, re.M)
        size, start = int(m.group(1), 16), int(m.group(2), 16)
        self.text = (start, start + size - 1)


class Events:
    """Cuts a stream of (pc, function) into events and sorts them."""

    def __init__(self, sym):
        self.sym = sym
        self.cur = None          # (kind of vector, count, set of functions)
        self.counts = {k: [] for k, _, _ in ROWS}
        self.pending_switch = None   # a switch_vfp waiting for its VFP trap
        self.vfp_run = False

    def feed(self, pc, fn):
        s = self.sym
        if pc == s.vec_trap or pc == s.vec_irq:
            self.cur = ["trap" if pc == s.vec_trap else "irq", 0, set()]
        if self.cur is None:
            return
        self.cur[1] += 1
        self.cur[2].add(fn)
        if pc in s.erets:
            self.finish(*self.cur)
            self.cur = None

    def finish(self, vector, n, fns):
        kind = classify(vector, fns)
        if self.vfp_run:
            # a switch between VFP users, and what the incoming guest's
            # first VFP instruction costs right after it (if it traps)
            if self.pending_switch is not None:
                extra = n if kind == "vfp_trap" else 0
                self.counts["switch_vfp"].append(self.pending_switch + extra)
                self.pending_switch = None
            if kind == "switch":
                self.pending_switch = n
            return
        if kind in self.counts:
            self.counts[kind].append(n)


def classify(vector, fns):
    if vector == "trap":
        if "psci_call" in fns:
            return "hvc"
        if "hyp_fp_take" in fns or "hyp_fp_trap" in fns:
            return "vfp_trap"
        if "pl011_write" in fns:
            return "uart_line" if "pl011_uart_putc" in fns else "uart"
        return "trap"
    if "hyp_vcpu_put" in fns and "hyp_vcpu_load" in fns:
        return "switch"
    if "hyp_htimer_off" in fns:
        return "slice"
    return "irq"


def hmp(path, command, timeout=5.0):
    """One command to QEMU's human monitor on a unix socket."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(path)
            break
        except OSError:
            s.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    with s:
        s.settimeout(timeout)
        s.recv(4096)                 # the greeting
        s.sendall(command.encode() + b"\n")
        time.sleep(0.05)


def remove(*paths):
    """Old files of a kept folder must not pass for this run's."""
    for p in paths:
        if os.path.lexists(p):
            os.unlink(p)


def wait_for(path, pattern, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with open(path, "rb") as f:
                text = f.read().decode(errors="replace")
            if pattern.search(text):
                return text
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    return None


def run_scenario(a, sym, tmp, name, guests, targets):
    """Runs the firmware with `guests`, logs tern's instructions once they
    run, until every count of `targets` is reached. Returns Events, or
    an error string."""
    con, log, mon = (os.path.join(tmp, name + ext) for ext in (".con", ".log", ".mon"))
    remove(con, log, mon)
    cmd = [a.qemu, *MACHINE, "-display", "none", "-nodefaults", "-no-user-config",
           "-serial", "file:" + con, "-kernel", a.firmware,
           "-singlestep", "-icount", ICOUNT,
           "-dfilter", "%#x..%#x" % sym.text, "-D", log,
           "-monitor", "unix:%s,server=on,wait=off" % mon]
    for i, g in enumerate(guests):
        cmd += ["-device", "loader,file=%s,addr=%#x,force-raw=on"
                % (os.path.join(a.guests, g + ".elf"), SLOT0 + i * SLOT_SIZE)]
    ev = Events(sym)
    ev.vfp_run = name == "vfp"
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        if wait_for(con, GUESTS_RE, proc, a.timeout) is None:
            err = proc.stderr.read().decode(errors="replace").strip() \
                if proc.poll() is not None else ""
            return "the guests did not start%s" % ((": " + err) if err else "")
        hmp(mon, "log exec,nochain")
        deadline = time.monotonic() + a.timeout
        pos, rest = 0, b""
        while True:
            done = all(len(ev.counts[k]) >= n for k, n in targets.items())
            if done or time.monotonic() > deadline or proc.poll() is not None:
                break
            time.sleep(0.05)
            if not os.path.exists(log):
                continue
            with open(log, "rb") as f:
                f.seek(pos)
                chunk = f.read()
            pos += len(chunk)
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            for line in lines:
                m = TRACE_RE.match(line)
                if m:
                    ev.feed(int(m.group(1), 16), m.group(2).decode())
        if not done:
            return "only %s after %g s" % (", ".join(
                "%d %s" % (len(ev.counts[k]), k) for k in targets), a.timeout)
        return ev
    finally:
        proc.kill()
        proc.wait()


def pmu_hvc(a):
    """The null HVC as the guest's PMU cycle counter sees it with
    -icount shift=0 (one count per instruction, Hyp mode included): tern's
    instructions = (read, hvc, read) - (read, read) - 1, the hvc itself.
    A list, one per pair the guest printed, or an error string."""
    cmd = [a.qemu, *MACHINE, "-display", "none", "-nodefaults", "-no-user-config",
           "-serial", "stdio", "-kernel", a.firmware, "-icount", "shift=0,sleep=off",
           "-device", "loader,file=%s,addr=%#x,force-raw=on"
           % (os.path.join(a.guests, "hyp_pmu.elf"), SLOT0)]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=a.timeout)
    except subprocess.TimeoutExpired:
        return "timed out"
    vals = [int(v, 16) for v in re.findall(r"^\[1\] ([0-9a-f]{8})\r?$",
                                           p.stdout.decode(errors="replace"), re.M)]
    if len(vals) != 16:
        return "%d values printed, 16 expected (status %d)" % (len(vals), p.returncode)
    return [vals[i + 1] - vals[i] - 1 for i in range(0, 16, 2)]


def attend(proc):
    """A key on the console: the firmware's shell shows its prompt only
    to someone who typed (docs/shell.md). Firmware without a shell
    ignores it."""
    proc.stdin.write(b"\r")
    proc.stdin.flush()


def boot_wall(a):
    """Seconds from starting QEMU to the prompt, or to the banner's end
    when no prompt follows it within half a second."""
    cmd = [a.qemu, *MACHINE, "-display", "none", "-nodefaults", "-no-user-config",
           "-serial", "stdio", "-kernel", a.firmware]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    attend(proc)
    out, t_banner, t_prompt = b"", None, None
    try:
        while True:
            now = time.monotonic()
            limit = t0 + a.timeout if t_banner is None else t_banner + 0.5
            if now >= limit or not select.select([proc.stdout], [], [], limit - now)[0]:
                break
            chunk = os.read(proc.stdout.fileno(), 4096)
            now = time.monotonic()
            if not chunk:
                break
            out += chunk
            text = out.decode(errors="replace").replace("\r\n", "\n")
            if t_banner is None and BANNER_END in text:
                t_banner = now
                attend(proc)     # again, should the first have come too early
            if PROMPT in text:
                t_prompt = now
                break
    finally:
        proc.kill()
        proc.wait()
    if t_prompt is not None:
        return "prompt", t_prompt - t0
    if t_banner is not None:
        return "banner", t_banner - t0
    return None, None


def boot_insns(a, sym, tmp, upto=BANNER_END):
    """tern's instructions from its first to the last byte of the console
    text up to and including `upto`. The banner's end: what follows (the
    shell's prompt) waits for a key, and the instructions of the wait are
    not the boot's."""
    con, log = os.path.join(tmp, "boot.con"), os.path.join(tmp, "boot.log")
    remove(con, log)
    cmd = [a.qemu, *MACHINE, "-display", "none", "-nodefaults", "-no-user-config",
           "-serial", "file:" + con, "-kernel", a.firmware, "-singlestep",
           "-d", "exec,nochain", "-dfilter", "%#x..%#x" % sym.text, "-D", log]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        text = wait_for(con, re.compile(re.escape(upto.replace("\n", "\r\n"))), proc,
                        a.timeout)
        time.sleep(0.2)
    finally:
        proc.kill()
        proc.wait()
    if text is None:
        return None
    nbytes = text.index(upto.replace("\n", "\r\n")) + len(upto.replace("\n", "\r\n"))
    putc, size = sym.addr["pl011_uart_putc"], sym.size["pl011_uart_putc"]
    n, seen, inside = 0, 0, False
    with open(log, "rb") as f:
        for line in f:
            m = TRACE_RE.match(line)
            if not m:
                continue
            pc = int(m.group(1), 16)
            if inside and not putc <= pc < putc + size:
                return n
            n += 1
            if pc == putc:
                seen += 1
                inside = seen == nbytes
    return None


def stats(xs):
    return min(xs), statistics.median(xs), max(xs)


def main():
    ap = argparse.ArgumentParser(description="hypervisor figures (docs/bench.md)")
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--firmware", default="build/virt/tern.elf")
    ap.add_argument("--guests", default="build/bench", help="folder of hyp_*.elf")
    ap.add_argument("--build", default="build", help="folder of <board>/tern.bin")
    ap.add_argument("--cross", default="arm-none-eabi-")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds per QEMU run")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--keep", metavar="DIR", help="keep the logs in DIR")
    ap.add_argument("--strict", action="store_true",
                    help="exit status 2 when a goal is missed")
    a = ap.parse_args()

    for _, guests, _ in SCENARIOS + [("pmu", ["hyp_pmu"], {})]:
        for g in guests:
            if not os.path.exists(os.path.join(a.guests, g + ".elf")):
                sys.exit("run_hyp_bench: %s/%s.elf: no such guest (make bench-guests)"
                         % (a.guests, g))
    sym = Symbols(a.firmware, a.cross)
    t_start = time.monotonic()
    failed, missed, result = [], [], {"events": {}, "image": {}, "boot": {}}
    with tempfile.TemporaryDirectory(prefix="hyp-bench-") as tmp:
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            tmp = a.keep
        counts = {}
        for name, guests, targets in SCENARIOS:
            ev = run_scenario(a, sym, tmp, name, guests, targets)
            if isinstance(ev, str):
                failed.append("%s: %s" % (name, ev))
                continue
            for k in targets:
                counts[k] = ev.counts[k]
        pmu = pmu_hvc(a)
        # the median of a few: a wall clock on a shared host
        boots = [boot_wall(a) for _ in range(BOOT_RUNS)]
        kinds = {k for k, _ in boots}
        kind = kinds.pop() if len(kinds) == 1 else None
        wall = statistics.median(w for _, w in boots) if kind else None
        insns = boot_insns(a, sym, tmp)

    print("hypervisor: tern's instructions per event on QEMU %s (exact: "
          "-singlestep -d exec)" % " ".join(MACHINE[1:2]))
    hdr = ["event", "n", "min", "median", "max", "goal", ""]
    rows = []
    for key, what, goal in ROWS:
        xs = counts.get(key)
        if not xs:
            rows.append([what, "0", "-", "-", "-", "< %d" % goal if goal else "", "FAIL"])
            continue
        lo, med, hi = stats(xs)
        verdict = ""
        if goal:
            verdict = "ok" if hi < goal else ("median ok" if med < goal else "NOT met")
            if verdict != "ok":
                missed.append(key)
        rows.append([what, str(len(xs)), str(lo), "%g" % med, str(hi),
                     "< %d" % goal if goal else "", verdict])
        result["events"][key] = {"n": len(xs), "min": lo, "median": med, "max": hi,
                                 "goal": goal}
    w = [max(len(hdr[i]), *(len(r[i]) for r in rows)) for i in range(len(hdr))]
    fmt = lambda c: "  ".join(x.ljust(w[i]) if i in (0, 6) else x.rjust(w[i])
                              for i, x in enumerate(c)).rstrip()
    print(fmt(hdr))
    print("  ".join("-" * x for x in w[:6]))
    for r in rows:
        print(fmt(r))

    hvc = counts.get("hvc")
    if isinstance(pmu, str):
        failed.append("PMU cross-check: " + pmu)
    else:
        # each PMU figure must be one the log found for the same path
        agree = bool(hvc) and all(min(hvc) <= x <= max(hvc) for x in pmu)
        print("check null HVC by the guest's PMU cycle counter (-icount shift=0, "
              "PMCCFILTR.NSH): %s: %s" % (
                  "/".join(str(x) for x in sorted(set(pmu))),
                  "agrees with the log" if agree else "DISAGREES with the log"))
        result["pmu_hvc"] = pmu
        if not agree:
            failed.append("PMU cross-check: the counts differ")

    for board in BOARDS:
        path = os.path.join(a.build, board, "tern.bin")
        if not os.path.exists(path):
            print("image %-13s not built (%s)" % (board, path))
            continue
        size = os.path.getsize(path)
        ok = size < IMAGE_GOAL
        if not ok:
            missed.append("image " + board)
        result["image"][board] = size
        print("image %-13s %7s bytes  (goal < %s: %s)" % (
            board, "{:,}".format(size), "{:,}".format(IMAGE_GOAL), "ok" if ok else "NOT met"))

    if kind is None:
        failed.append("boot: no banner (or prompt) on the console, or runs that disagree")
    else:
        what = "the first 'tern> ' prompt" if kind == "prompt" else \
               "the end of the banner (no shell prompt)"
        print("boot  to %s: %.3f s wall clock from QEMU's start (median of %d)"
              % (what, wall, BOOT_RUNS))
        print("boot  to the end of the banner: %s tern instructions"
              % ("?" if insns is None else "{:,}".format(insns)))
        result["boot"] = {"to": kind, "seconds": wall, "insns": insns}
        if insns is None:
            failed.append("boot: instructions not counted")
    for f in failed:
        print("FAIL " + f)
    print("hypervisor bench: %.1f s" % (time.monotonic() - t_start))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    if failed:
        return 1
    return 2 if missed and a.strict else 0


if __name__ == "__main__":
    sys.exit(main())
