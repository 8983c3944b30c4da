"""Fixtures of the QEMU tests: where tern, the guests and the firmware are
(env TERN, GUESTS, TERN_FIRMWARE; defaults under build/), and the migration
streams QEMU writes once per session for all tests to share.

Nothing is skipped: a missing binary fails the tests that need it, with the
command that builds it.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests" / "guests"))

import qemu  # noqa: E402
import qstream  # noqa: E402

TERN_TIMEOUT = 60.0


def _env_path(var, default):
    p = Path(os.environ.get(var) or default)
    return p if p.is_absolute() else REPO / p


# --- binaries ---------------------------------------------------------------

class Tern:
    """The host build of tern, run as a command."""

    def __init__(self, path):
        self.path = Path(path)

    def run(self, *args, timeout=TERN_TIMEOUT):
        try:
            return subprocess.run([str(self.path)] + [str(a) for a in args],
                                  stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            pytest.fail("tern %s: no answer in %.0f s" % (" ".join(map(str, args)), timeout),
                        pytrace=False)

    @staticmethod
    def describe(res):
        return ("tern %s: exit status %d\nstdout: %s\nstderr: %s"
                % (" ".join(str(a) for a in res.args[1:]), res.returncode,
                   res.stdout.decode(errors="replace")[-3000:],
                   res.stderr.decode(errors="replace")[-3000:]))

    def ok(self, *args, **kw):
        """Run, and fail the test unless it succeeded with a quiet stderr."""
        res = self.run(*args, **kw)
        if res.returncode != 0 or res.stderr:
            pytest.fail(self.describe(res), pytrace=False)
        return res

    def inspect_json(self, stream):
        res = self.ok("inspect", "--json", stream)
        try:
            return json.loads(res.stdout)
        except ValueError as e:
            pytest.fail("tern inspect --json %s: not JSON (%s): %r"
                        % (stream, e, res.stdout[:500]), pytrace=False)

    def convert(self, src, out, sets=()):
        args = ["convert", src, out]
        for s in sets:
            args += ["--set", s]
        self.ok(*args)
        return Path(out).read_bytes()


@pytest.fixture(scope="session")
def tern_path():
    p = _env_path("TERN", "build/test/tern")
    if not (p.is_file() and os.access(p, os.X_OK)):
        pytest.fail("tern not found at %s (env TERN); build it with: "
                    "make BOARD=host SAN=1 O=build/test build/test/tern" % p, pytrace=False)
    return p


@pytest.fixture(scope="session")
def tern(tern_path):
    return Tern(tern_path)


@pytest.fixture(scope="session")
def guests_dir():
    p = _env_path("GUESTS", "build/guests")
    if not p.is_dir():
        pytest.fail("guest directory %s not found (env GUESTS); build the guests with: "
                    "make guests" % p, pytrace=False)
    return p


@pytest.fixture(scope="session")
def guest(guests_dir):
    """guest("regfill") -> path of build/guests/regfill.elf, or a failure."""
    def get(name):
        p = guests_dir / ("%s.elf" % name)
        if not p.is_file():
            pytest.fail("guest %s not found; build it with: make guests" % p, pytrace=False)
        return p
    return get


@pytest.fixture(scope="session")
def tern_firmware():
    p = _env_path("TERN_FIRMWARE", "build/virt/tern.elf")
    if not p.is_file():
        pytest.fail("tern firmware not found at %s (env TERN_FIRMWARE); build it with: "
                    "make BOARD=virt" % p, pytrace=False)
    return p


@pytest.fixture(scope="session")
def board_firmware(tern_firmware):
    """board_firmware("raspi2b") -> build/raspi2b/tern.elf (env
    TERN_FIRMWARE_RASPI2B), or a failure that says how to build it."""
    def get(board):
        if board == "virt":
            return tern_firmware
        env = os.environ.get("TERN_FIRMWARE_" + board.upper().replace("-", "_"))
        p = Path(env) if env else tern_firmware.parent.parent / board / "tern.elf"
        if not p.is_file():
            pytest.fail(f"tern firmware for {board} not found at {p}; build it "
                        f"with: make BOARD={board}", pytrace=False)
        return p
    return get


@pytest.fixture(scope="session")
def tern_firmware_interp():
    p = _env_path("TERN_FIRMWARE_INTERP", "build/virt-interp/tern.elf")
    if not p.is_file():
        pytest.fail("tern firmware with the interpreter not found at %s (env "
                    "TERN_FIRMWARE_INTERP); build it with: make BOARD=virt FW_INTERP=1"
                    % p, pytrace=False)
    return p


@pytest.fixture(scope="session")
def qemu_bin():
    try:
        return qemu.qemu_binary()
    except qemu.QemuError as e:
        pytest.fail(str(e), pytrace=False)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("qemu")


# --- streams QEMU writes, once a session --------------------------------------

class Capture:
    """A stream QEMU wrote, with what the guest printed before it and where
    its CPU was."""

    def __init__(self, guest_elf, path, serial, regs):
        self.elf = Path(guest_elf)
        self.path = Path(path)
        self.data = self.path.read_bytes()
        self.serial = serial
        self.regs = regs
        self.symbols = qstream.elf_symbols(guest_elf)
        self.stream = qstream.parse(self.data)

    def symbol_range(self, name):
        value, size = self.symbols[name]
        return value, value + max(size, 4)


def _capture(qemu_bin, elf, workdir, name, ready, **kw):
    path = workdir / ("%s.qemu" % name)
    try:
        serial, regs = qemu.run_to_stream(elf, workdir, name, ready, path, **kw)
    except qemu.QemuError as e:
        pytest.fail("QEMU could not make the %s stream: %s" % (name, e), pytrace=False)
    return Capture(elf, path, serial, regs)


@pytest.fixture(scope="session")
def regfill_capture(qemu_bin, guest, workdir):
    """regfill stopped in its final spin loop after READY (stream after `stop`)."""
    elf = guest("regfill")
    spin = qstream.elf_symbols(elf)["regfill_spin"][0]
    return _capture(qemu_bin, elf, workdir, "regfill", "READY\n",
                    stop=True, pc_range=(spin, spin + 4))


COUNTER_LINE = re.compile(r"count (\d+) r=([0-9a-f]{8})\n")
COUNTER_STOP_AT = 30


@pytest.fixture(scope="session")
def counter_stopped_capture(qemu_bin, guest, workdir):
    """counter stopped (`stop`, PC in counter_wait) after it printed count 30."""
    elf = guest("counter")
    lo, size = qstream.elf_symbols(elf)["counter_wait"]
    return _capture(qemu_bin, elf, workdir, "counter-stopped",
                    "count %d " % COUNTER_STOP_AT, stop=True, pc_range=(lo, lo + size))


@pytest.fixture(scope="session")
def counter_running_capture(qemu_bin, guest, workdir):
    """counter migrated while running, at 1 MB/s so that RAM comes in
    several PART records and the guest dirties pages meanwhile."""
    return _capture(qemu_bin, guest("counter"), workdir, "counter-running", "count 5 ",
                    stop=False, max_bandwidth=1 << 20)
