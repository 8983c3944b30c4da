"""The UART shell, the same tests on both of its consoles (issue 5's
"Done means"): the firmware's, under qemu-system-arm -M virt,
virtualization=on with hypervisor guests, its serial on a pty; and
`tern shell --pty` on the host with interpreter guests.

- start the counter guest, save it (a text frame), reset it, restore it:
  it goes on counting from where it was saved; the same with YMODEM, with
  lrzsz's rb and sb as the real peers on the pty, and with `tern uart`;
- the saved text decodes with `tern uart decode` + `tern inspect`, a
  16 MiB guest saves in well under 100 KiB, and QEMU -incoming resumes the
  firmware's stream;
- 100 damaged frames (cut, bit flips, wrong CRC, wrong length) are each
  refused with one line while the guest keeps running, unchanged;
- help, ps, regs, pause, resume, rm, load (text frame and YMODEM).

Host-only cases (QEMU's streams in the shell, memory limits) are in
test_shell_host.py.
"""

import random
import re
import subprocess

import pytest

from shellconsole import (MARKER, FirmwareShell, Shell, assert_goes_on_from,
                          damaged_frames, image_frame, lrzsz, reset_and_see_it_restart,
                          restore_text, save_text, start_counting, uart, uart_save)


@pytest.fixture(params=["host", "firmware"])
def console(request, tern_path, qemu_bin, tern_firmware):
    """console(GUEST...): a shell with GUEST as guest 1, 2, ... (loaded on
    the host, started from the loader's slots on the firmware)."""
    made = []

    def make(*guests):
        if request.param == "host":
            sh = Shell(tern_path, *guests)
        else:
            sh = FirmwareShell(qemu_bin, tern_firmware, *guests)
        made.append(sh)
        return sh
    yield make
    for sh in made:
        sh.close()


@pytest.fixture
def counter_shell(console, guest):
    return console(guest("counter"))


# --- text frames --------------------------------------------------------------

def test_save_reset_restore_text_frame(counter_shell, tern, tmp_path):
    sh = counter_shell
    start_counting(sh)
    frame, report, saved = save_text(sh)
    # a 16 MiB guest, mostly zero: well under 100 KiB on the line
    m = re.match(r"save: guest 1: (\d+) bytes, (\d+) characters sent", report)
    assert m, report
    assert int(m.group(2)) == len(frame)
    assert len(frame) < 100 * 1024
    assert all(len(l) <= 76 for l in frame.split("\r\n"))

    reset_and_see_it_restart(sh)
    _, i, line = restore_text(sh, frame)
    assert line.endswith("(running)"), line
    assert_goes_on_from(sh, i, saved)

    # the console log decodes to the stream, which tern inspect reads
    log = tmp_path / "console.log"
    log.write_bytes(sh.raw)
    res = subprocess.run([str(tern.path), "uart", "decode", str(log)], capture_output=True)
    assert res.returncode == 0 and res.stderr == b"", res.stderr
    snap = tmp_path / "guest1.snap"
    snap.write_bytes(res.stdout)
    assert len(res.stdout) == int(m.group(1))
    doc = tern.inspect_json(snap)
    assert doc["ram_blocks"] == {"mach-virt.ram": 16 << 20}
    assert doc["machine"] == "virt-7.2"
    assert 0x40010000 <= doc["sections"]["cpu.0"]["env.regs"][15] < 0x41000000
    for sec in ("timer.0", "cpu_common.0", "arm_gic.0", "pl011.0"):
        assert sec in doc["sections"], sec


def test_firmware_stream_resumes_in_qemu(qemu_bin, tern_firmware, tern_path, guest, tmp_path):
    """The hypervisor guest's snapshot is a QEMU stream: -incoming resumes
    it and the counter goes on from where it was saved."""
    import qemu
    sh = FirmwareShell(qemu_bin, tern_firmware, guest("counter"))
    try:
        start_counting(sh)
        since = sh.mark()
        sh.cmd("pause 1")
        sh.wait(lambda l: l == "guest 1 paused", since, what="guest 1 paused")
        saved = sh.counts(0)[-1][1]
        stream = uart_save(sh, tern_path)
    finally:
        sh.close()
    snap = tmp_path / "fw.snap"
    snap.write_bytes(stream)
    # the stream's RAM is the guest's 16 MiB (the last -m counts)
    with qemu.Qemu(guest("counter"), tmp_path, "from-fw", incoming=snap,
                   extra_args=["-m", "16"]) as q:
        if q.wait_incoming() != "running":
            q.cont()
        q.wait_serial("count %d " % (saved + 2))
        text = q.serial()
    first = int(re.search(r"count (\d+) r=", text).group(1))
    assert first in (saved + 1, saved + 2), (saved, text[:200])


def test_svc_boot_runs_guests_on_the_interpreter(qemu_bin, tern_firmware_interp, guest, tern,
                                                 tmp_path):
    """Without HYP (-M virt), the image built with FW_INTERP=1 runs the
    loader's guests on the interpreter behind the same shell: ps says so,
    and a text save, reset, restore goes on counting."""
    sh = FirmwareShell(qemu_bin, tern_firmware_interp, guest("counter"), hyp=False)
    try:
        assert "no HYP: guests will run on the interpreter" in sh.lines()
        start_counting(sh)
        since = sh.mark()
        sh.cmd("ps")
        _, row = sh.wait_prefix(" 1  running", since)
        assert row.split()[2] == "interp" and int(row.split()[3]) > 0, row
        frame, report, saved = save_text(sh)
        reset_and_see_it_restart(sh)
        since, i, line = restore_text(sh, frame)
        if line.endswith("(paused)"):
            # the interpreter's counter follows its instructions: on a fast
            # host the reset guest may reach its last count and power off
            # while the frame is pasted; restored, an off guest is paused
            assert "tern: guest 1: powered off" in sh.lines()[since:i], line
            sh.cmd("resume 1")
        else:
            assert line.endswith("(running)"), line
        assert_goes_on_from(sh, i, saved)
    finally:
        sh.close()


# --- YMODEM with lrzsz ----------------------------------------------------------

def test_save_reset_restore_ymodem_lrzsz(counter_shell, tern, tmp_path):
    sh = counter_shell
    start_counting(sh)
    since = sh.mark()
    sh.cmd("save -y 1")
    sh.wait_prefix("save: guest 1:", since)
    before = sh.counts(0)
    saved = before[-1][1]
    lrzsz(sh, ["rb", "-q", "-y"], tmp_path)
    _, report = sh.wait(lambda l: "sent with YMODEM" in l or l.startswith("error"), since,
                        what="the YMODEM report")
    m = re.match(r"save: guest 1: (\d+) bytes sent with YMODEM \((\d+) blocks", report)
    assert m, report
    snap = tmp_path / "guest1.snap"
    assert snap.stat().st_size == int(m.group(1))
    doc = tern.inspect_json(snap)
    assert 0x40010000 <= doc["sections"]["cpu.0"]["env.regs"][15] < 0x41000000

    reset_and_see_it_restart(sh)
    since = sh.mark()
    sh.cmd("restore -y 1")
    sh.wait_prefix("restore: guest 1: start the YMODEM sender", since)
    lrzsz(sh, ["sb", "-q", "-k", str(snap)], tmp_path)
    i, line = sh.wait(lambda l: "restore: guest 1 restored" in l or l.startswith("error"),
                      since, what="the restore report")
    assert "restored from %d bytes (running)" % snap.stat().st_size in line, line
    assert_goes_on_from(sh, i, saved)


def test_load_ymodem_lrzsz_then_start(console, guest, tmp_path):
    """An image sent with sb into an empty slot, then started."""
    sh = console()
    if True:
        since = sh.mark()
        sh.cmd("load -y 3")
        sh.wait_prefix("load: guest 3: start the YMODEM sender", since)
        lrzsz(sh, ["sb", "-q", "-k", str(guest("counter"))], tmp_path)
        _, line = sh.wait(lambda l: "load: guest 3:" in l and "loaded" in l
                          or l.startswith("error"), since, what="the load report")
        assert "%d bytes loaded" % guest("counter").stat().st_size in line, line
        sh.cmd("start 3")
        sh.wait_count(2, since, guest=3)



# --- commands ---------------------------------------------------------------------

def test_commands(counter_shell, guest):
    """help, ps, regs, pause, resume, rm, load (text frame), errors: each a
    line a person reads, whatever runs the guests."""
    sh = counter_shell
    start_counting(sh, 2)
    since = sh.mark()
    sh.cmd("help")
    sh.wait_prefix("Guests are 1 to 8.", since)
    text = "\n".join(sh.lines()[since:])
    for cmd in ("ps", "start N", "pause N", "resume N", "reset N", "regs N", "save [-y] N",
                "restore [-y] N", "load [-y] N [ADDR]", "boot N ADDR", "rm N"):
        assert "  " + cmd in text, cmd

    since = sh.mark()
    sh.cmd("ps")
    _, row = sh.wait_prefix(" 1  running", since)
    executor = "hyp" if sh.autostarted else "interp"
    assert row.split()[2] == executor and "16 MiB" in row, row
    sh.wait_prefix("empty: 2 3 4 5 6 7 8", since)

    since = sh.mark()
    sh.cmd("pause 1")
    sh.wait(lambda l: l == "guest 1 paused", since, what="guest 1 paused")
    sh.cmd("regs 1")
    _, head = sh.wait_prefix("guest 1 (paused, %s): " % executor, since)
    i, pcl = sh.wait_prefix(" r12 ", since)
    regs = dict(re.findall(r"(\w+) ([0-9a-f]{8})", " ".join(sh.lines()[i - 3:i + 1])))
    assert 0x40010000 <= int(regs["pc"], 16) < 0x41000000, regs
    sh.wait_prefix("cpsr ", since)
    paused_at = sh.counts(0)[-1][1]
    since = sh.mark()
    sh.cmd("resume 1")
    sh.wait(lambda l: l == "guest 1 running", since, what="guest 1 running")
    sh.wait_count(paused_at + 2, since)
    assert [c for _, c in sh.counts(since)][0] in (paused_at + 1, paused_at + 2)

    # one clear line for what is wrong, nothing else
    for cmd, want in (("frobnicate", "error: unknown command 'frobnicate' (try 'help')"),
                      ("pause 9", "error: pause: '9' is not a guest number (1 to 8)"),
                      ("resume 1", "error: resume 1: guest 1 is running, not paused"),
                      ("regs 4", "error: regs 4: guest 4 is empty (load or restore it first)"),
                      ("save", "error: save: missing arguments (usage: save [-y] N)")):
        since = sh.mark()
        sh.cmd(cmd)
        _, line = sh.wait_prefix("error: ", since)
        assert line == want, (cmd, line)

    # an image as a text frame into guest 2, started, removed
    since = sh.mark()
    sh.cmd("load 2")
    sh.wait_prefix("load: guest 2: paste the frame", since)
    sh.send(image_frame(guest("counter").read_bytes()))
    _, line = sh.wait(lambda l: l.startswith("load: guest 2: ") and "loaded" in l
                      or l.startswith("error: "), since, what="the load report")
    assert "%d bytes loaded" % guest("counter").stat().st_size in line, line
    sh.cmd("start 2")
    sh.wait_count(2, since, guest=2)
    since = sh.mark()
    sh.cmd("rm 2")
    sh.wait(lambda l: l == "guest 2 removed", since, what="guest 2 removed")
    sh.cmd("ps")
    sh.wait_prefix("empty: 2 3 4 5 6 7 8", since)
    sh.wait_count(sh.counts(0)[-1][1] + 2, since)   # guest 1 went on all along


# --- tern uart -------------------------------------------------------------------

def test_tern_uart_save_and_restore(counter_shell, tern_path, tern, tmp_path):
    sh = counter_shell
    start_counting(sh)
    stream = uart_save(sh, tern_path)
    snap = tmp_path / "uart.snap"
    snap.write_bytes(stream)
    doc = tern.inspect_json(snap)
    pc = doc["sections"]["cpu.0"]["env.regs"][15]
    assert 0x40010000 <= pc < 0x41000000

    # into guest 2, created by the restore; paused until resumed
    res = uart(sh, tern_path, "restore", "--port", sh.pty, "2", stdin=snap.read_bytes())
    assert res.returncode == 0 and res.stderr == b"", res.stderr
    since = sh.mark()
    sh.cmd("resume 2")
    sh.wait_count(1, since, guest=2)

    # the shell's refusal comes back as tern uart's one-line error
    res = uart(sh, tern_path, "restore", "--port", sh.pty, "3", stdin=b"not a stream")
    err = res.stderr.decode()
    assert res.returncode == 1 and err.count("\n") == 1, err
    assert err.startswith("tern: uart restore 3: ") and "guest 3 unchanged" in err, err
    res = uart(sh, tern_path, "save", "--port", sh.pty, "5")
    assert res.returncode == 1 and b"guest 5 is empty" in res.stderr, res.stderr



# --- damaged frames ---------------------------------------------------------------

def test_100_damaged_frames_refused_guest_unchanged(counter_shell):
    sh = counter_shell
    start_counting(sh)
    frame, _, _ = save_text(sh)
    rng = random.Random(5)
    first = sh.mark()
    for kind, text in damaged_frames(frame, rng):
        since = sh.mark()
        sh.cmd("restore 1")
        sh.wait_prefix("restore: guest 1: paste the frame", since)
        sh.send(text)
        i, line = sh.wait(lambda l: l.startswith("error: ") or "restored" in l, since,
                          what="the refusal of a %s frame" % kind)
        assert line.startswith("error: restore 1: ") and line.endswith("; guest 1 unchanged"), \
            (kind, line)
    # one line each, nothing else from the shell, and the guest counted on
    # unchanged all along: no reset, no restore, no gap
    sh.cmd("ps")
    sh.wait_prefix(" 1  running", first)
    lines = sh.lines()[first:]
    errors = [l for l in lines if l.startswith("error: ")]
    assert len(errors) == 100, "\n".join(errors[:10])
    others = [l for l in lines if not (l.startswith("[1] ") or l.startswith("error: ")
                                       or l.startswith("restore 1") or l.startswith("ps")
                                       or l.startswith("restore: guest 1: paste"))]
    assert len(others) <= 4, others[:10]   # ps's own lines
    counts = [c for _, c in sh.counts(0)]
    assert counts == list(range(1, len(counts) + 1)), counts
    reasons = " ".join(errors)
    for what in ("frame cut", "CRC-32 mismatch", "more data than"):
        assert what in reasons, what
