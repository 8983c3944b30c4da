"""The UART shell on the host only (`tern shell --pty`): what needs the
host's own knobs (--mem) or QEMU's streams. The tests that hold for the
firmware's console too are in test_shell_fw.py, run on both.

- a stream QEMU wrote restores under `tern run --restore` and in the shell,
  and goes on counting; one that does not fit is refused in one line; the
  stream tern then writes goes on in QEMU.
"""

import re

import pytest

from shellconsole import MARKER, Shell, start_counting, uart


# --- streams QEMU wrote ---------------------------------------------------------------

def last_count(serial):
    return int(re.findall(r"count (\d+) r=", serial)[-1])


@pytest.mark.parametrize("which", ["counter_stopped_capture", "counter_running_capture"])
def test_run_restore_qemu_stream_counts_on(tern, request, which):
    cap = request.getfixturevalue(which)
    res = tern.run("run", "--restore", cap.path, "--max-insns", 3 * 625000 + 10000)
    assert res.returncode == 2, tern.describe(res)
    out = res.stdout.decode()
    want = last_count(cap.serial) + 1
    assert out.startswith("count %d r=%s\n" % (want, MARKER)), (want, out[:200])
    assert "count %d r=%s\n" % (want + 2, MARKER) in out, out[:300]


def test_qemu_to_tern_to_qemu(tern, counter_stopped_capture, qemu_bin, workdir):
    """QEMU's stream goes on in tern; tern's stream of that (zero pages not
    sent, its own timer, GIC and PL011 sections) goes on in QEMU."""
    import qemu
    cap = counter_stopped_capture
    snap = workdir / "via-tern.snap"
    res = tern.run("run", "--restore", cap.path, "--save-at", 2 * 625000, "--save-to", snap)
    assert res.returncode == 0, tern.describe(res)
    tern_last = last_count(res.stdout.decode())
    assert tern_last > last_count(cap.serial)
    with qemu.Qemu(cap.elf, workdir, "from-tern", incoming=snap) as q:
        if q.wait_incoming() != "running":
            q.cont()
        q.wait_serial("count %d " % (tern_last + 2))
        text = q.serial()
    first = int(re.search(r"count (\d+) r=", text).group(1))
    assert first == tern_last + 1, text[:200]


def test_shell_restores_qemu_stream_and_refuses_what_does_not_fit(tern_path, guest,
                                                                  counter_stopped_capture):
    cap = counter_stopped_capture
    data = cap.path.read_bytes()
    # 40 MiB for guests: the counter (16 MiB) fits, QEMU's 64 MiB guest does not
    sh = Shell(tern_path, "--mem", "40", guest("counter"))
    try:
        start_counting(sh, 2)
        res = uart(sh, tern_path, "restore", "--port", sh.pty, "2", stdin=data)
        err = res.stderr.decode()
        assert res.returncode == 1 and "does not fit" in err and "guest 2 unchanged" in err, err
        sh.cmd("ps")
        sh.wait_prefix("empty: 2 3", 0)
    finally:
        sh.close()
    sh = Shell(tern_path)
    try:
        res = uart(sh, tern_path, "restore", "--port", sh.pty, "1", stdin=data)
        assert res.returncode == 0, res.stderr
        since = sh.mark()
        sh.cmd("resume 1")
        sh.wait_count(last_count(cap.serial) + 2, since)
        counts = [c for _, c in sh.counts(since)]
        assert counts[0] == last_count(cap.serial) + 1, counts[:3]
        since = sh.mark()
        sh.cmd("ps")
        _, row = sh.wait_prefix(" 1  running", since)
        assert "64 MiB" in row, row
    finally:
        sh.close()
