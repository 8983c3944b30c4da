#!/usr/bin/python3
"""Guest benchmarks: the same ELF on qemu-system-arm and on `tern run`.

For each guest of bench/ (build/bench/NAME.elf) this runs

    qemu-system-arm -M virt -cpu cortex-a15 -m 64 -nographic -kernel NAME.elf
    tern run NAME.elf --stats

and measures the wall-clock time of each from start to exit (the guest
powers off with PSCI SYSTEM_OFF), minus the time of the `empty` guest on
the same executor (process and emulator start-up, ELF load, the guest
runtime's start-up). The number of guest instructions is the one tern
counts (`tern: N instructions in T s, M MIPS` on its stderr); the guests
are deterministic, so QEMU executes the same instructions.

A guest prints one line, `bench NAME: checksum 0x... OK`, after checking
its result against the value compiled into it. A run that does not print
it with OK (a wrong result, an exception the guest reports, an emulator
error, a time-out, a non-zero exit) is a FAIL with its reason, not a speed.

Output: a table (name, guest instructions, seconds and MIPS on each, the
ratio tern/QEMU, the goal) and a summary line. The goal (issue 3): tern at
least half as fast as QEMU overall (geometric mean of the ratios >= 0.5),
no guest under a third. Exit status: 0 when every guest ran and checked on
both executors, 1 otherwise (2 with --strict when the goal is missed).
See docs/bench.md.
"""
import argparse
import json
import math
import os
import re
import resource
import subprocess
import sys
import time

GUESTS = ["int", "int-thumb", "mem", "fp"]
BASELINE = "empty"
GOAL = 0.5
FLOOR = 1.0 / 3.0

LINE_RE = re.compile(r"^bench (\S+): checksum (0x[0-9a-f]{8}) (OK|FAIL.*)$", re.M)
STATS_RE = re.compile(r"^tern: (\d+) instructions in ([0-9.]+) s", re.M)


class Run:
    """One execution of a guest: wall time, checksum, verdict."""

    def __init__(self):
        self.wall = None       # seconds, start to exit (or CPU seconds: --clock cpu)
        self.insns = None      # tern only: instructions counted
        self.inner = None      # tern only: time of its run loop (--stats)
        self.checksum = None
        self.error = None      # None: ran and checked OK

    @property
    def ok(self):
        return self.error is None


def first_line(text, limit=120):
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:limit]
    return ""


def child_cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


def execute(argv, name, timeout, is_tern, clock="wall"):
    r = Run()
    t0 = time.monotonic()
    c0 = child_cpu()
    try:
        p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        r.error = "timed out after %g s" % timeout
        return r
    except OSError as e:
        r.error = "cannot start %s: %s" % (argv[0], e.strerror)
        return r
    r.wall = time.monotonic() - t0 if clock == "wall" else child_cpu() - c0
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if is_tern:
        m = STATS_RE.search(err)
        if m:
            r.insns = int(m.group(1))
            r.inner = float(m.group(2))
    lines = [m for m in LINE_RE.finditer(out) if m.group(1) == name]
    if lines:
        r.checksum = lines[-1].group(2)
    exc = re.search(r"GUEST EXCEPTION: .*", out)
    if exc:
        r.error = exc.group(0).strip()
    elif p.returncode != 0:
        msg = first_line("\n".join(l for l in err.splitlines() if not STATS_RE.match(l)))
        r.error = "exit status %d%s" % (p.returncode, (": " + msg) if msg else "")
    elif not lines:
        r.error = "no 'bench %s:' line in its output%s" % (
            name, (" (stdout: %s)" % first_line(out)) if out.strip() else "")
    elif lines[-1].group(3) != "OK":
        r.error = "wrong result: " + lines[-1].group(0)
    return r


def best(runs):
    """The fastest of several good runs, or the first failing one."""
    for r in runs:
        if not r.ok:
            return r
    return min(runs, key=lambda r: r.wall)


def measure(kind, cmd, elf, name, repeat, timeout, clock):
    runs = []
    for _ in range(repeat):
        runs.append(execute(cmd(elf), name, timeout, kind == "tern", clock))
        if not runs[-1].ok:
            break
    return best(runs)


def fmt_s(x):
    return "-" if x is None else "%.3f" % x


def fmt_mips(x):
    return "-" if x is None else "%.1f" % x


def main():
    ap = argparse.ArgumentParser(description="tern vs QEMU guest benchmarks (docs/bench.md)")
    ap.add_argument("--tern", default="build/host/tern", help="the tern binary")
    ap.add_argument("--qemu", default="qemu-system-arm", help="the QEMU binary")
    ap.add_argument("--guests", default="build/bench", help="folder of NAME.elf")
    ap.add_argument("--only", action="append", metavar="NAME",
                    help="run this guest only (repeatable); default: %s" % " ".join(GUESTS))
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per guest and executor; the fastest counts")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="time runs by the wall clock (default) or by the CPU time "
                         "of the process (steadier on a busy host)")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    ap.add_argument("--no-tern", action="store_true", help="QEMU only (checks the guests)")
    ap.add_argument("--no-qemu", action="store_true", help="tern only")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--strict", action="store_true",
                    help="exit status 2 when the speed goal is missed")
    a = ap.parse_args()

    names = a.only or GUESTS
    for n in names + [BASELINE]:
        path = os.path.join(a.guests, n + ".elf")
        if not os.path.exists(path):
            sys.exit("run_bench: %s: no such guest (make bench-guests)" % path)

    executors = []
    if not a.no_qemu:
        executors.append(("qemu", lambda elf: [a.qemu, "-M", "virt", "-cpu", "cortex-a15",
                                               "-m", "64", "-nographic", "-kernel", elf]))
    if not a.no_tern:
        executors.append(("tern", lambda elf: [a.tern, "run", elf, "--stats"]))

    # start-up baseline of each executor: the best of a few runs of `empty`
    base = {}
    for kind, cmd in executors:
        r = measure(kind, cmd, os.path.join(a.guests, BASELINE + ".elf"), BASELINE,
                    max(3, a.repeat), a.timeout, a.clock)
        base[kind] = r
        note = "" if r.ok else "  (empty guest FAILED: %s)" % r.error
        print("start-up %-4s %s s%s" % (kind, fmt_s(r.wall), note), flush=True)

    results = []
    for n in names:
        elf = os.path.join(a.guests, n + ".elf")
        row = {"name": n}
        for kind, cmd in executors:
            r = measure(kind, cmd, elf, n, a.repeat, a.timeout, a.clock)
            b = base[kind].wall or 0.0
            row[kind] = r
            row[kind + "_s"] = max(r.wall - b, 1e-9) if r.ok else None
        results.append(row)
        t = row.get("tern")
        row["insns"] = t.insns if t is not None and t.ok else None
        report_progress(row, executors)

    print()
    print_table(results, executors)
    status = summary(results, executors)
    if a.json:
        dump_json(a.json, results, base, executors)
    if status == 1:
        return 1
    if status == 2 and a.strict:
        return 2
    return 0


def report_progress(row, executors):
    parts = []
    for kind, _ in executors:
        r = row[kind]
        parts.append("%s %s" % (kind, ("%.3f s" % r.wall) if r.ok else "FAIL"))
    print("ran %-10s %s" % (row["name"], ", ".join(parts)), flush=True)


def mips(insns, secs):
    if insns is None or secs is None:
        return None
    return insns / secs / 1e6


def print_table(results, executors):
    kinds = [k for k, _ in executors]
    hdr = ["name", "guest insns", "QEMU s", "tern s", "QEMU MIPS", "tern MIPS",
           "tern/QEMU", "goal"]
    rows = []
    for row in results:
        q, t = row.get("qemu_s"), row.get("tern_s")
        qm, tm = mips(row["insns"], q), mips(row["insns"], t)
        ratio = q / t if q is not None and t is not None else None
        row["qemu_mips"], row["tern_mips"], row["ratio"] = qm, tm, ratio
        if any(not row[k].ok for k in kinds):
            goal = "FAIL"
        elif ratio is None:
            goal = "-"
        else:
            goal = "ok" if ratio >= GOAL else ("below" if ratio >= FLOOR else "under 1/3")
        row["goal"] = goal
        rows.append([row["name"], "-" if row["insns"] is None else "{:,}".format(row["insns"]),
                     fmt_s(q) if "qemu" in kinds else "n/a",
                     fmt_s(t) if "tern" in kinds else "n/a",
                     fmt_mips(qm), fmt_mips(tm),
                     "-" if ratio is None else "%.2f" % ratio, goal])
    w = [max(len(hdr[i]), *(len(r[i]) for r in rows)) for i in range(len(hdr))]
    line = lambda cells: "  ".join(c.ljust(w[i]) if i == 0 else c.rjust(w[i])
                                   for i, c in enumerate(cells))
    print(line(hdr))
    print("  ".join("-" * x for x in w))
    for r in rows:
        print(line(r))
    for row in results:
        for k in kinds:
            if not row[k].ok:
                print("FAIL %s on %s: %s" % (row["name"], k, row[k].error))


def summary(results, executors):
    """Prints the summary line; 0 all good, 1 a failure, 2 goal missed."""
    kinds = [k for k, _ in executors]
    failed = [r["name"] for r in results if any(not r[k].ok for k in kinds)]
    ratios = [r["ratio"] for r in results if r.get("ratio") is not None]
    if ratios:
        gm = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        worst = min(results, key=lambda r: r["ratio"] if r.get("ratio") is not None else 1e9)
        met = gm >= GOAL and worst["ratio"] >= FLOOR and not failed
        print("summary: tern/QEMU geometric mean %.2f over %d guest%s, lowest %.2f (%s); "
              "goal (mean >= %.2f, none under %.2f): %s%s" % (
                  gm, len(ratios), "" if len(ratios) == 1 else "s", worst["ratio"],
                  worst["name"], GOAL, FLOOR, "met" if met else "NOT met",
                  ("; FAILED: " + ", ".join(failed)) if failed else ""))
    else:
        print("summary: no ratio measured%s" % (
            ("; FAILED: " + ", ".join(failed)) if failed else
            " (one executor only)"))
        met = not failed
    if failed:
        return 1
    return 0 if met else 2


def dump_json(path, results, base, executors):
    kinds = [k for k, _ in executors]
    out = {"startup": {k: base[k].wall for k in kinds}, "guests": []}
    for r in results:
        g = {"name": r["name"], "insns": r["insns"], "ratio": r.get("ratio"),
             "goal": r.get("goal")}
        for k in kinds:
            g[k] = {"seconds": r.get(k + "_s"), "wall": r[k].wall, "ok": r[k].ok,
                    "error": r[k].error, "checksum": r[k].checksum,
                    "mips": r.get(k + "_mips")}
            if k == "tern":
                g[k]["run_loop_seconds"] = r[k].inner
        out["guests"].append(g)
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
