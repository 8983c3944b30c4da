"""Guests on tern's hypervisor: the firmware in Hyp mode on
qemu-system-arm -M virt,virtualization=on, guests behind stage 2, their
UART lines on the console behind "[N] " (docs/hypervisor.md).

Guest images reach the firmware as QEMU's generic loader puts them in RAM
(-device loader,file=G.elf,addr=SLOT,force-raw=on), one a 4 MiB slot from
0x41000000. Guests are the ELF files of `make guests` (build/guests, env
GUESTS), the firmware build/virt/tern.elf (env TERN_FIRMWARE).

What a guest prints must not depend on the executor: each transcript is
compared with the same ELF's on QEMU alone (-M virt, no EL2), run here.
"""
import os
import re
import select
import subprocess
import time

import pytest

MACHINE = ["-M", "virt,virtualization=on", "-cpu", "cortex-a15", "-m", "256"]
SLOT0 = 0x41000000
SLOT_SIZE = 4 << 20
BANNER_LAST = "hypervisor ready: guests will run on the hypervisor"
LINE = re.compile(r"\[(\d)\] (.*)")
COUNT = re.compile(r"count (\d+) r=5eed0005")


class Run:
    """One firmware run: the console text so far, QEMU's exit status
    (None while it runs)."""

    def __init__(self, text, status, err):
        self.text, self.status, self.err = text, status, err
        # whole lines only: QEMU may have been stopped in the middle of one
        self.lines = text.splitlines()
        if text and not text.endswith("\n"):
            self.lines.pop()

    def guest(self, n):
        """Guest n's lines, without their "[n] "."""
        return [m.group(2) for m in map(LINE.fullmatch, self.lines)
                if m and int(m.group(1)) == n]

    def tern(self):
        return [l for l in self.lines if l.startswith("tern: ")]

    def describe(self):
        return "console:\n%s\nQEMU status %s, stderr:\n%s" % (
            self.text[-6000:], self.status, self.err[-2000:])


def run_hyp(qemu, firmware, guests, until=None, timeout=60.0, machine=MACHINE):
    """Boots the firmware with `guests` (ELF paths) in the image slots.
    Reads the console until `until(text)` is true (then kills QEMU), QEMU
    exits, or `timeout`."""
    cmd = [qemu, *machine, "-display", "none", "-nodefaults",
           "-no-user-config", "-serial", "stdio", "-kernel", str(firmware)]
    for i, g in enumerate(guests):
        cmd += ["-device", "loader,file=%s,addr=%#x,force-raw=on"
                % (g, SLOT0 + i * SLOT_SIZE)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b""
    status = None
    try:
        deadline = time.monotonic() + timeout
        while True:
            text = out.decode(errors="replace").replace("\r\n", "\n")
            if until is not None and until(text):
                break
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([proc.stdout], [], [], left)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    status = proc.wait(timeout=10)
                    break
                out += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        rest, err = proc.communicate()
    out += rest
    return Run(out.decode(errors="replace").replace("\r\n", "\n"), status,
               err.decode(errors="replace"))


_reference = {}


def qemu_alone(qemu, elf):
    """What the ELF prints on plain QEMU virt (no EL2), up to its
    SYSTEM_OFF."""
    if elf not in _reference:
        res = subprocess.run([qemu, "-M", "virt", "-cpu", "cortex-a15", "-m",
                              "64", "-display", "none", "-nodefaults",
                              "-no-user-config", "-serial", "stdio",
                              "-kernel", str(elf)],
                             stdin=subprocess.DEVNULL, capture_output=True,
                             timeout=60)
        assert res.returncode == 0, res
        _reference[elf] = res.stdout.decode().replace("\r\n", "\n").splitlines()
    return _reference[elf]


def whole_counts(text, n):
    """How many complete "count" lines guest n has in console text."""
    return len(re.findall(r"(?m)^\[%d\] count \d+ r=5eed0005\n" % n, text))


def counts(lines):
    return [int(m.group(1)) for m in map(COUNT.fullmatch, lines) if m]


def test_no_guest_banner_only(qemu_bin, tern_firmware):
    """Without images the firmware says its banner and idles, as before."""
    r = run_hyp(qemu_bin, tern_firmware, [], timeout=3)
    assert r.status is None, r.describe()
    assert r.lines[-1] == BANNER_LAST and len(r.lines) == 5, r.describe()


def test_one_guest_then_power_off(qemu_bin, tern_firmware, guest):
    """One guest prints what it prints on QEMU; its SYSTEM_OFF is the
    last, so tern powers the machine off (SMC to QEMU's PSCI)."""
    elf = guest("run_hello")
    r = run_hyp(qemu_bin, tern_firmware, [elf])
    assert r.status == 0, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, elf), r.describe()
    assert r.tern()[-2:] == ["tern: guest 1: powered off (PSCI SYSTEM_OFF)",
                             "tern: no guest left; powering off"], r.describe()
    assert "unexpected" not in r.text, r.describe()


def test_two_guests_interleave_by_lines(qemu_bin, tern_firmware, guest):
    """Two counters share the core on the Hyp timer: both make progress,
    their lines alternate in runs, and no line is mixed with another."""
    elf = guest("counter")
    done = lambda t: whole_counts(t, 1) >= 30 and whole_counts(t, 2) >= 30
    r = run_hyp(qemu_bin, tern_firmware, [elf, elf], until=done)
    assert r.status is None, r.describe()
    body = r.lines[r.lines.index(BANNER_LAST) + 1:]
    for l in body:
        assert LINE.fullmatch(l) or l.startswith("tern: "), l
    for n in (1, 2):
        lines = r.guest(n)
        assert lines[0] == "counter: start freq=62500000", r.describe()
        c = counts(lines)
        assert c == list(range(1, len(c) + 1)) and len(c) >= 30, r.describe()
        assert all(COUNT.fullmatch(l) for l in lines[1:]), r.describe()
    # interleaved: the console switches between the guests many times
    owners = [l[1] for l in body if LINE.fullmatch(l)]
    switches = sum(1 for a, b in zip(owners, owners[1:]) if a != b)
    assert switches >= 5, r.describe()


def test_wild_store_aborts_guest_other_runs_on(qemu_bin, tern_firmware, guest):
    """A store outside the guest's RAM becomes a data abort in that guest
    (its vectors report it, as on QEMU, and power it off) and one line
    from tern; the other guest keeps counting."""
    wild, counter = guest("run_wild"), guest("counter")
    done = lambda t: "guest 1: powered off" in t and \
        whole_counts(t.split("guest 1: powered off")[1], 2) >= 10
    r = run_hyp(qemu_bin, tern_firmware, [wild, counter], until=done)
    assert r.status is None, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, wild), r.describe()
    assert any(l.startswith("GUEST EXCEPTION: data abort") for l in r.guest(1))
    logs = [l for l in r.tern() if l.startswith("tern: guest 1: data abort")]
    assert len(logs) == 1, r.describe()
    assert "write at 0x48000000" in logs[0], logs
    c = counts(r.guest(2))
    assert c == list(range(1, len(c) + 1)) and len(c) >= 10, r.describe()


def test_system_off_of_one_leaves_the_other(qemu_bin, tern_firmware, guest):
    """PSCI SYSTEM_OFF from one guest stops that guest, not tern."""
    hello, counter = guest("run_hello"), guest("counter")
    mark = "tern: guest 1: powered off (PSCI SYSTEM_OFF)"
    done = lambda t: mark in t and \
        whole_counts(t.split(mark)[1], 2) >= 10
    r = run_hyp(qemu_bin, tern_firmware, [hello, counter], until=done)
    assert r.status is None, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, hello), r.describe()
    after = r.lines[r.lines.index(mark) + 1:]
    assert len(counts([l[4:] for l in after if l.startswith("[2] ")])) >= 10
    assert "powering off" not in r.text, r.describe()


def test_last_guest_off_powers_machine_off(qemu_bin, tern_firmware, guest):
    """Two guests that end, nobody at the console: QEMU exits by itself,
    status 0. Once someone has typed, the shell stays when the last guest
    powers off (docs/shell.md), and `poweroff` switches the machine off."""
    a, b = guest("run_hello"), guest("run_setjmp")
    r = run_hyp(qemu_bin, tern_firmware, [a, b])
    assert r.status == 0, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, a), r.describe()
    assert r.guest(2) == qemu_alone(qemu_bin, b), r.describe()
    assert r.lines[-1] == "tern: no guest left; powering off", r.describe()

    from shellconsole import FirmwareShell, image_frame
    sh = FirmwareShell(qemu_bin, tern_firmware, guest("counter"))  # types a key
    try:
        since = sh.mark()
        sh.cmd("rm 1")
        sh.wait_prefix("guest 1 removed", since)
        sh.cmd("load 1")
        sh.wait_prefix("load: guest 1: paste the frame", since)
        sh.send(image_frame(a.read_bytes()))
        sh.wait(lambda l: "bytes loaded" in l or l.startswith("error"), since,
                what="the load report")
        sh.cmd("start 1")
        sh.wait_prefix("tern: guest 1: powered off (PSCI SYSTEM_OFF)", since)
        since = sh.mark()
        sh.cmd("ps")
        sh.wait_prefix(" 1  off", since)
        assert sh.proc.poll() is None and "powering off" not in "".join(sh.lines())
        since = sh.mark()
        sh.cmd("poweroff")
        # the reader thread may still be behind QEMU's exit: wait for it
        sh.wait_prefix("tern: powering off", since)
        assert sh.proc.wait(timeout=20) == 0
    finally:
        sh.close()


# Eight guests at once: VFP/NEON (lazily switched between guests), both
# timers and the GIC (SGIs, PPIs, priorities, user-mode interrupts),
# exceptions, the guest's own MMU, ARM and Thumb, picolibc and newlib.
EIGHT = ["g_float_picolibc_arm", "g_float_newlib_thumb", "g_irq_picolibc_arm",
         "g_irq_newlib_thumb", "g_exc_picolibc_thumb", "g_mmu_newlib_arm",
         "g_string_picolibc_arm", "run_timer"]


def test_eight_guests_print_what_qemu_prints(qemu_bin, tern_firmware, guest):
    elfs = [guest(n) for n in EIGHT]
    r = run_hyp(qemu_bin, tern_firmware, elfs, timeout=120)
    assert r.status == 0, r.describe()
    for i, elf in enumerate(elfs, 1):
        assert r.guest(i) == qemu_alone(qemu_bin, elf), (elf, r.describe())
    assert "unexpected" not in r.text, r.describe()
    assert r.lines[-1] == "tern: no guest left; powering off", r.describe()


def test_images_beyond_ram_are_not_started(qemu_bin, tern_firmware, guest):
    """RAM comes from the device tree: with -m 48 (RAM ends at 0x43000000)
    the image fits its slot but the guest's RAM (from 0x43000000) does not
    exist; tern says so instead of running a guest in missing memory."""
    r = run_hyp(qemu_bin, tern_firmware, [guest("run_hello")], timeout=3,
                machine=MACHINE[:-1] + ["48"])
    assert r.status is None, r.describe()
    assert r.tern() == ["tern: guest 1: no RAM left for it (RAM ends at "
                        "0x43000000); not started"], r.describe()
    assert not r.guest(1), r.describe()


def test_guest_sees_qemus_cortex_a15(qemu_bin, tern_firmware, guest):
    """MIDR and MPIDR come from VPIDR/VMPIDR; the ID registers of group 3
    from HCR.TID3 traps answered with QEMU's cortex-a15 values. QEMU 7.2
    implements TID3 for AArch32 only on v8 cores, so there the guest reads
    the host's ID_PFR1 (Virtualization Extensions present, 0x00011001)
    instead of 0x00010001; a core that follows the ARM ARM (B1.14.5)
    traps it. Everything else is what QEMU alone shows."""
    elf = guest("run_ids")
    r = run_hyp(qemu_bin, tern_firmware, [elf])
    assert r.status == 0, r.describe()
    got, want = r.guest(1), qemu_alone(qemu_bin, elf)
    assert len(got) == len(want), r.describe()
    for g, w in zip(got, want):
        if w.startswith("id_pfr1 "):
            assert g in (w, "id_pfr1  00011001"), (g, w)
        else:
            assert g == w, (g, w)
