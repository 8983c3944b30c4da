"""Guests on tern's hypervisor: the firmware in Hyp mode under
qemu-system-arm on each firmware board (virt,virtualization=on;
vexpress-a15 and raspi2b after the Monitor-mode switch), guests behind
stage 2, their UART lines on the console behind "[N] "
(docs/hypervisor.md).

Guest images reach the firmware as QEMU's generic loader puts them in RAM
(-device loader,file=G.elf,addr=SLOT,force-raw=on), one a 4 MiB slot from
the board's first slot (BOARDS). Guests are the ELF files of `make guests`
(build/guests, env GUESTS); the firmware is build/<board>/tern.elf (env
TERN_FIRMWARE for virt, TERN_FIRMWARE_VEXPRESS_A15 and
TERN_FIRMWARE_RASPI2B for the others, as in test_firmware_boot.py).

What a guest prints must not depend on the executor: each transcript is
compared with the same ELF's on QEMU alone (-M virt, no EL2), run here.

Tests wait for console lines, not for QEMU to exit, except where QEMU's
exit is the point (virt, whose PSCI lets tern power the machine off).
"""
import os
import re
import select
import subprocess
import time

import pytest

AUDIO = ["-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"]

# board -> QEMU machine arguments, first image slot, guests that fit
# (RAM: virt -m 256 from its device tree, vexpress-a15 128 MiB as tern
# assumes without one, raspi2b 960 MiB for the ARM).
BOARDS = {
    "virt": (["-M", "virt,virtualization=on", "-cpu", "cortex-a15", "-m",
              "256"], 0x41000000, 8),
    "vexpress-a15": (["-M", "vexpress-a15", "-cpu", "cortex-a15", "-m",
                      "128", *AUDIO], 0x81000000, 5),
    "raspi2b": (["-M", "raspi2b"], 0x01000000, 8),
}
MACHINE = BOARDS["virt"][0]
SLOT_SIZE = 4 << 20
BANNER_LAST = "hypervisor ready: guests will run on the hypervisor"
LINE = re.compile(r"\[(\d)\] (.*)")
COUNT = re.compile(r"count (\d+) r=5eed0005")
ALL_OFF = "tern: no guest left; powering off"

board_params = pytest.mark.parametrize("board", list(BOARDS))


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


def run_hyp(qemu, firmware, guests, until=None, timeout=60.0, machine=MACHINE,
            slot0=BOARDS["virt"][1]):
    """Boots the firmware with `guests` (ELF paths) in the image slots
    from `slot0`. Reads the console until `until(text)` is true (then
    kills QEMU), QEMU exits, or `timeout`."""
    cmd = [qemu, *machine, "-display", "none", "-nodefaults",
           "-no-user-config", "-serial", "stdio", "-kernel", str(firmware)]
    for i, g in enumerate(guests):
        cmd += ["-device", "loader,file=%s,addr=%#x,force-raw=on"
                % (g, slot0 + i * SLOT_SIZE)]
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


def run_board(qemu, board_firmware, board, guests, **kw):
    """run_hyp() on `board`: its firmware, machine and slots."""
    machine, slot0, _ = BOARDS[board]
    return run_hyp(qemu, board_firmware(board), guests, machine=machine,
                   slot0=slot0, **kw)


_reference = {}


def qemu_alone(qemu, elf, cpu="cortex-a15"):
    """What the ELF prints on plain QEMU virt (no EL2), up to its
    SYSTEM_OFF."""
    if (elf, cpu) not in _reference:
        res = subprocess.run([qemu, "-M", "virt", "-cpu", cpu, "-m",
                              "64", "-display", "none", "-nodefaults",
                              "-no-user-config", "-serial", "stdio",
                              "-kernel", str(elf)],
                             stdin=subprocess.DEVNULL, capture_output=True,
                             timeout=60)
        assert res.returncode == 0, res
        _reference[elf, cpu] = \
            res.stdout.decode().replace("\r\n", "\n").splitlines()
    return _reference[elf, cpu]


def whole_counts(text, n):
    """How many complete "count" lines guest n has in console text."""
    return len(re.findall(r"(?m)^\[%d\] count \d+ r=5eed0005\n" % n, text))


def counts(lines):
    return [int(m.group(1)) for m in map(COUNT.fullmatch, lines) if m]


@board_params
def test_no_guest_banner_only(qemu_bin, board_firmware, board):
    """Without images the firmware says its banner and idles, as before."""
    r = run_board(qemu_bin, board_firmware, board, [], timeout=3)
    assert r.status is None, r.describe()
    assert r.lines[-1] == BANNER_LAST and len(r.lines) == 5, r.describe()
    assert r.lines[0].endswith(" on " + board), r.describe()


def test_one_guest_then_power_off(qemu_bin, tern_firmware, guest):
    """One guest prints what it prints on QEMU; its SYSTEM_OFF is the
    last, so tern powers the machine off (SMC to QEMU's PSCI)."""
    elf = guest("run_hello")
    r = run_hyp(qemu_bin, tern_firmware, [elf])
    assert r.status == 0, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, elf), r.describe()
    assert r.tern()[-2:] == ["tern: guest 1: powered off (PSCI SYSTEM_OFF)",
                             ALL_OFF], r.describe()
    assert "unexpected" not in r.text, r.describe()


@board_params
def test_two_guests_interleave_by_lines(qemu_bin, board_firmware, board, guest):
    """Two counters share the core on the Hyp timer: both make progress,
    their lines alternate in runs, and no line is mixed with another."""
    elf = guest("counter")
    done = lambda t: whole_counts(t, 1) >= 30 and whole_counts(t, 2) >= 30
    r = run_board(qemu_bin, board_firmware, board, [elf, elf], until=done)
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


@board_params
def test_wild_store_aborts_guest_other_runs_on(qemu_bin, board_firmware, board,
                                               guest):
    """A store outside the guest's RAM becomes a data abort in that guest
    (its vectors report it, as on QEMU, and power it off) and one line
    from tern; the other guest keeps counting."""
    wild, counter = guest("run_wild"), guest("counter")
    done = lambda t: "guest 1: powered off" in t and \
        whole_counts(t.split("guest 1: powered off")[1], 2) >= 10
    r = run_board(qemu_bin, board_firmware, board, [wild, counter], until=done)
    assert r.status is None, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, wild), r.describe()
    assert any(l.startswith("GUEST EXCEPTION: data abort") for l in r.guest(1))
    logs = [l for l in r.tern() if l.startswith("tern: guest 1: data abort")]
    assert len(logs) == 1, r.describe()
    assert "write at 0x48000000" in logs[0], logs
    c = counts(r.guest(2))
    assert c == list(range(1, len(c) + 1)) and len(c) >= 10, r.describe()


@board_params
def test_system_off_of_one_leaves_the_other(qemu_bin, board_firmware, board,
                                            guest):
    """PSCI SYSTEM_OFF from one guest stops that guest, not tern."""
    hello, counter = guest("run_hello"), guest("counter")
    mark = "tern: guest 1: powered off (PSCI SYSTEM_OFF)"
    done = lambda t: mark in t and \
        whole_counts(t.split(mark)[1], 2) >= 10
    r = run_board(qemu_bin, board_firmware, board, [hello, counter], until=done)
    assert r.status is None, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, hello), r.describe()
    after = r.lines[r.lines.index(mark) + 1:]
    assert len(counts([l[4:] for l in after if l.startswith("[2] ")])) >= 10
    assert ALL_OFF not in r.text, r.describe()


def test_last_guest_off_powers_machine_off(qemu_bin, tern_firmware, guest):
    """Two guests that end, nobody at the console: QEMU exits by itself,
    status 0 (virt: QEMU's PSCI is there to ask). Once someone has typed,
    the shell stays when the last guest powers off (docs/shell.md), and
    `poweroff` switches the machine off."""
    a, b = guest("run_hello"), guest("run_setjmp")
    r = run_hyp(qemu_bin, tern_firmware, [a, b])
    assert r.status == 0, r.describe()
    assert r.guest(1) == qemu_alone(qemu_bin, a), r.describe()
    assert r.guest(2) == qemu_alone(qemu_bin, b), r.describe()
    assert r.lines[-1] == ALL_OFF, r.describe()

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
        sh.cmd("poweroff")
        assert sh.proc.wait(timeout=20) == 0
        # QEMU's log of the console: the pty may drop what came last
        lines = sh.console_log().replace("\r", "").splitlines()
        assert lines[-1] == "tern: powering off", lines[-3:]
    finally:
        sh.close()


# Guests at once, as many as the board has RAM for: VFP/NEON (lazily
# switched between guests), both timers and the GIC (SGIs, PPIs,
# priorities, user-mode interrupts, the UART's interrupt), exceptions, the
# guest's own MMU, ARM and Thumb, picolibc and newlib. The ones first
# that need interrupts: vexpress-a15 takes five.
MANY = ["g_irq_picolibc_arm", "run_timer", "g_irq_newlib_thumb",
        "g_float_newlib_thumb", "g_mmu_newlib_arm", "g_float_picolibc_arm",
        "g_exc_picolibc_thumb", "g_string_picolibc_arm"]


@board_params
def test_many_guests_print_what_qemu_prints(qemu_bin, board_firmware, board,
                                            guest):
    elfs = [guest(n) for n in MANY[:BOARDS[board][2]]]
    r = run_board(qemu_bin, board_firmware, board, elfs, timeout=120,
                  until=lambda t: ALL_OFF in t)
    assert ALL_OFF in r.text, r.describe()
    for i, elf in enumerate(elfs, 1):
        assert r.guest(i) == qemu_alone(qemu_bin, elf), (elf, r.describe())
    assert "unexpected" not in r.text, r.describe()


def test_make_run_demo_pair(qemu_bin, tern_firmware, guest):
    """`make run`'s two demo guests (the Makefile's DEMO_GUESTS) both
    print their half-second lines on the one UART, interleaved."""
    demo = guest("demo")
    line = re.compile(r"demo: +(\d+)\.(\d) s, \d+ primes so far, the last \d+")
    r = run_hyp(qemu_bin, tern_firmware, [demo, demo], timeout=30,
                until=lambda t: all(re.search(r"\[%d\] demo:  2\.0 s[^\n]*\n" % i, t)
                                    for i in (1, 2)))   # whole lines, not a line's start
    for i in (1, 2):
        times = [m.group(1) + "." + m.group(2) for m in map(line.fullmatch, r.guest(i)) if m]
        assert times[:4] == ["0.5", "1.0", "1.5", "2.0"], (i, r.describe())
    order = [int(m.group(1)) for m in map(LINE.fullmatch, r.lines) if m]
    assert 1 in order[:4] and 2 in order[:4], r.describe()


def test_vfp_file_handed_between_guests(qemu_bin, tern_firmware, guest):
    """Three run_vfp keep d0-d31 and FPSCR live through a long loop that
    prints nothing: the register file goes from guest to guest at their
    VFP traps (the owner's saved, the taker's loaded), and each prints the
    hash it prints alone on QEMU."""
    elf = guest("run_vfp")
    r = run_hyp(qemu_bin, tern_firmware, [elf] * 3, timeout=60,
                until=lambda t: ALL_OFF in t)
    assert ALL_OFF in r.text, r.describe()
    for i in (1, 2, 3):
        assert r.guest(i) == qemu_alone(qemu_bin, elf), (i, r.describe())


def test_vexpress_sixth_image_has_no_ram(qemu_bin, board_firmware, guest):
    """vexpress-a15 has no device tree to read RAM's end from: tern takes
    128 MiB (0x88000000), which holds five guests; a sixth image is
    refused with one line, and the five run."""
    elf = guest("run_hello")
    r = run_board(qemu_bin, board_firmware, "vexpress-a15", [elf] * 6,
                  until=lambda t: ALL_OFF in t)
    assert "tern: guest 6: no RAM left for it (RAM ends at 0x88000000); " \
        "not started" in r.tern(), r.describe()
    for n in range(1, 6):
        assert r.guest(n) == qemu_alone(qemu_bin, elf), r.describe()
    assert not r.guest(6), r.describe()


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


# The group-3 ID registers a core trapping HCR.TID3 would hide but QEMU
# 7.2 does not trap on ARMv7 (it implements TID3 for AArch32 only on v8
# cores): there the guest reads the host core's. ID_PFR1 also shows the
# host's Virtualization Extensions (and Security Extensions, where the
# machine has EL3); ID_DFR0 the secure debug of a core with EL3.
HOST_ID_REGS = ("id_pfr1 ", "id_dfr0 ", "id_mmfr0 ", "id_mmfr1 ")
# The host core of each board as QEMU alone shows it: the same core with
# EL2, and with EL3 where the board has it. virt,secure=on enters the
# ELF in secure SVC, where run_ids reads the registers as well; it has no
# PSCI there, so what follows the last register is the guest's complaint.
HOST = {
    "virt": ["-M", "virt,virtualization=on", "-cpu", "cortex-a15"],
    "vexpress-a15": ["-M", "virt,secure=on,virtualization=on", "-cpu",
                     "cortex-a15"],
    "raspi2b": ["-M", "virt,secure=on,virtualization=on", "-cpu",
                "cortex-a7"],
}


@board_params
def test_guest_sees_qemus_cortex_a15(qemu_bin, board_firmware, board, guest):
    """MIDR and MPIDR come from VPIDR/VMPIDR: a cortex-a15, CPU 0, on every
    board, raspi2b's cortex-a7 included. The ID registers of group 3 come
    from HCR.TID3 traps answered with QEMU's cortex-a15 values; where QEMU
    does not trap them (HOST_ID_REGS) the guest reads the host core's
    register, as QEMU's own model of that core shows it (HOST). Everything
    else is what QEMU alone shows."""
    elf = guest("run_ids")
    r = run_board(qemu_bin, board_firmware, board, [elf],
                  until=lambda t: ALL_OFF in t)
    got, want = r.guest(1), qemu_alone(qemu_bin, elf)
    h = run_hyp(qemu_bin, elf, [], until=lambda t: t.count("\n") >= len(want),
                machine=HOST[board] + ["-m", "64"], timeout=20)
    host = [l for l in h.lines if l][:len(want)]   # then its PSCI call fails
    assert len(got) == len(want) == len(host), (r.describe(), h.describe())
    for g, w, h in zip(got, want, host):
        if w.startswith(HOST_ID_REGS):
            assert g in (w, h), (g, w, h)
        else:
            assert g == w, (g, w)


@board_params
def test_gic_cpu_interface_is_the_virtual_one(qemu_bin, board_firmware, board,
                                              guest, tmp_path):
    """On the boards with a GIC the guest's GIC CPU interface window is the
    GIC's virtual CPU interface (GICV in stage 2): its IAR, EOIR, PMR,
    HPPIR and RPR accesses no longer trap (QEMU's exception log has no
    data abort there), yet g_irq and run_timer print what they print on
    QEMU alone. raspi2b has no GIC: there the window traps and is
    emulated, and interrupts come from HCR.VI."""
    elfs = [guest("g_irq_picolibc_arm"), guest("run_timer")]
    log = tmp_path / "int.log"
    machine, slot0, _ = BOARDS[board]
    r = run_hyp(qemu_bin, board_firmware(board), elfs,
                machine=machine + ["-d", "int", "-D", str(log)], slot0=slot0,
                until=lambda t: ALL_OFF in t)
    for i, elf in enumerate(elfs, 1):
        assert r.guest(i) == qemu_alone(qemu_bin, elf), (elf, r.describe())
    text = log.read_text()
    addrs = [int(a, 16) for a in re.findall(r"HDFAR 0x([0-9a-f]+)", text)]
    gicd = [a for a in addrs if 0x08000000 <= a < 0x08010000]
    gicc = [a for a in addrs if 0x08010000 <= a < 0x08020000]
    assert gicd, "the distributor is emulated: its accesses trap"
    assert "Virtual IRQ" in text       # list registers, or HCR.VI
    if board == "raspi2b":
        assert gicc
    else:
        assert not gicc, [hex(a) for a in sorted(set(gicc))]


def test_snapshot_after_switches_holds_every_register(qemu_bin, tern_firmware, tern_path,
                                                      tern, guest, tmp_path):
    """regfill sets every register a snapshot carries (each mode's banked
    ones, cp15, the VFP file) and spins; a VFP guest runs beside it. The
    world switch keeps a guest's registers in the hardware's banked form
    between runs and leaves its VFP file in the unit until the other guest
    wants it: `save` over the UART still gives a stream holding exactly
    regfill's values (the ones QEMU's own stream of regfill holds)."""
    import qstream
    from shellconsole import FirmwareShell, uart_save
    from test_snapshot_qemu import regfill_mismatches

    regfill = guest("regfill")
    sh = FirmwareShell(qemu_bin, tern_firmware, regfill, guest("g_float_picolibc_arm"))
    try:
        ready, _ = sh.wait(lambda l: l == "[1] READY", what="[1] READY")
        # guest 2 computing with VFP after regfill took the file: its
        # trap saves regfill's file (or the save does, if it is done)
        sh.wait(lambda l: l.startswith("[2] "), since=ready + 1, what="guest 2 after READY")
        stream = uart_save(sh, tern_path)
    finally:
        sh.close()
    snap = tmp_path / "regfill.snap"
    snap.write_bytes(stream)
    cpu = tern.inspect_json(snap)["sections"]["cpu.0"]
    bad = regfill_mismatches(cpu, qstream.elf_symbols(regfill)["regfill_spin"][0])
    assert bad == [], "\n".join(bad)
