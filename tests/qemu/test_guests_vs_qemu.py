"""The g_* test guests (tests/guests/g_*.c, built by `make guests` as
build/guests/g_NAME_{picolibc,newlib}_{arm,thumb}.elf): each prints under
`tern run` exactly what it prints on the serial port of qemu-system-arm -M
virt -cpu cortex-a15 -m 64 -nographic -kernel (QEMU is the reference), and
both end with status 0 (PSCI SYSTEM_OFF).

QEMU and tern run side by side, several guests at a time (a thread pool
started once for the module), so the whole file takes about as long as its
slowest guest times the number of guests over the number of cores.

On a mismatch the failure names the first differing line, with both
versions, tern's status and the end of its stderr. NAMES must follow
guest-g-names in tests/guests/guests.mk.
"""

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import qemu as qemu_mod

NAMES = ["int", "string", "malloc", "setjmp", "float", "softfloat", "exc", "mmu", "irq"]
LIBCS = ["picolibc", "newlib"]
ISAS = ["arm", "thumb"]
GUESTS = ["g_%s_%s_%s" % (n, l, i) for n in NAMES for l in LIBCS for i in ISAS]

TIMEOUT = 60.0


def _run(args):
    try:
        res = subprocess.run([str(a) for a in args], stdin=subprocess.DEVNULL,
                             capture_output=True, timeout=TIMEOUT)
        return res.returncode, res.stdout, res.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout after %.0f s" % TIMEOUT, e.stdout or b"", e.stderr or b""


def _qemu_args(qemu_bin, elf):
    return [qemu_bin] + qemu_mod.MACHINE + ["-nographic", "-kernel", elf]


@pytest.fixture(scope="module")
def pool():
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as ex:
        yield ex


@pytest.fixture(scope="module")
def runs(pool, tern_path, guests_dir, qemu_bin):
    """Both runs of every guest that exists, started at once; a dict of
    name -> (qemu future, tern future)."""
    futures = {}
    for name in GUESTS:
        elf = guests_dir / ("%s.elf" % name)
        if elf.is_file():
            futures[name] = (pool.submit(_run, _qemu_args(qemu_bin, elf)),
                             pool.submit(_run, [tern_path, "run", elf]))
    return futures


def _first_difference(want, got):
    wl, gl = want.split(b"\n"), got.split(b"\n")
    for i, (w, g) in enumerate(zip(wl, gl)):
        if w != g:
            return "line %d:\n  qemu: %r\n  tern: %r" % (i + 1, w, g)
    if len(wl) != len(gl):
        i = min(len(wl), len(gl))
        return ("qemu printed %d lines, tern %d; from line %d:\n  qemu: %r\n  tern: %r"
                % (len(wl), len(gl), i + 1, b"\n".join(wl[i:i + 3]), b"\n".join(gl[i:i + 3])))
    return "same lines"


@pytest.mark.parametrize("name", GUESTS)
def test_guest_output_matches_qemu(runs, guests_dir, name):
    if name not in runs:
        pytest.fail("guest %s not found; build it with: make guests"
                    % (guests_dir / ("%s.elf" % name)), pytrace=False)
    qf, tf = runs[name]
    qstatus, want, qerr = qf.result()
    tstatus, got, terr = tf.result()
    if qstatus != 0:
        pytest.fail("QEMU ran %s with status %s: %s" % (name, qstatus,
                    qerr.decode(errors="replace")[-2000:]), pytrace=False)
    # -nographic serial to a pipe passes bytes through; a guest transcript
    # ends with "done\n" (g_* guests print it last)
    assert want.endswith(b"done\n"), "QEMU output of %s: %r" % (name, want[-300:])
    if got != want:
        pytest.fail("%s: tern's output differs from QEMU's at %s\n(tern status %s, stderr: %s)"
                    % (name, _first_difference(want, got), tstatus,
                       terr.decode(errors="replace")[-1500:]), pytrace=False)
    assert tstatus == 0, "%s: tern status %s, stderr: %s" % (
        name, tstatus, terr.decode(errors="replace")[-1500:])
    assert terr == b"", "%s: tern stderr: %s" % (name, terr.decode(errors="replace"))
