"""The UART shell on the host (`tern shell --pty`), driven the way a person
or a script drives the firmware's console (issue 5's "Done means", host
side):

- start the counter guest, save it (a text frame), reset it, restore it:
  it goes on counting from where it was saved; the same with YMODEM, with
  lrzsz's rb and sb as the real peers on the pty, and with `tern uart`;
- the saved text decodes with `tern uart decode` + `tern inspect`, and a
  16 MiB guest saves in well under 100 KiB;
- 100 damaged frames (cut, bit flips, wrong CRC, wrong length) are each
  refused with one line while the guest keeps running, unchanged;
- a stream QEMU wrote restores under `tern run --restore` and in the shell,
  and goes on counting; one that does not fit is refused in one line; the
  stream tern then writes goes on in QEMU.
"""

import os
import random
import re
import select
import signal
import subprocess
import threading
import time
import tty

import pytest

COUNT = re.compile(r"^\[(\d+)\] count (\d+) r=([0-9a-f]{8})$")
CSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MARKER = "5eed0005"
WAIT = 20.0


class Shell:
    """`tern shell --pty GUEST...`: its pty (raw), its output as the lines
    a terminal would show, a reader thread that can step aside while
    another program (rb, sb, tern uart) talks on the pty."""

    def __init__(self, tern_path, *args):
        self.proc = subprocess.Popen([str(tern_path), "shell", "--pty"] + [str(a) for a in args],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        first = self.proc.stderr.readline().decode(errors="replace")
        m = re.match(r"tern: shell on (\S+)\n", first)
        if not m:
            self.proc.kill()
            pytest.fail("tern shell --pty said %r" % first, pytrace=False)
        self.pty = m.group(1)
        self.err = b""
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.fd = os.open(self.pty, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        self.raw = b""
        self.lock = threading.Lock()
        self.want_pause = threading.Event()
        self.paused = threading.Event()
        self.stop = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _drain_stderr(self):
        for chunk in iter(lambda: self.proc.stderr.read(4096), b""):
            self.err += chunk

    def _read(self):
        while not self.stop:
            if self.want_pause.is_set():
                self.paused.set()
                time.sleep(0.005)
                continue
            self.paused.clear()
            r, _, _ = select.select([self.fd], [], [], 0.02)
            if r and not self.want_pause.is_set():
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                with self.lock:
                    self.raw += data

    def pause(self):
        self.want_pause.set()
        if not self.paused.wait(5):
            pytest.fail("the pty reader did not step aside", pytrace=False)

    def resume(self):
        self.want_pause.clear()

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        while data:
            n = os.write(self.fd, data)
            data = data[n:]

    def cmd(self, text):
        self.send(text + "\r")

    def lines(self):
        """Whole lines so far, as a terminal shows them, prompts removed."""
        with self.lock:
            raw = self.raw
        out = []
        for line in raw.decode("latin-1").split("\n")[:-1]:
            line = line.rstrip("\r").split("\r")[-1]
            line = CSI.sub("", line)
            while line.startswith("tern> "):
                line = line[6:]
            out.append(line)
        return out

    def mark(self):
        return len(self.lines())

    def wait(self, pred, since=0, timeout=WAIT, what="a line"):
        """The first line from index `since` on that pred accepts: (index, line)."""
        end = time.monotonic() + timeout
        while True:
            lines = self.lines()
            for i in range(since, len(lines)):
                if pred(lines[i]):
                    return i, lines[i]
            if self.proc.poll() is not None:
                pytest.fail("tern shell ended (status %s) waiting for %s; stderr: %s"
                            % (self.proc.returncode, what, self.err.decode(errors="replace")[-2000:]),
                            pytrace=False)
            if time.monotonic() > end:
                pytest.fail("no %s in %.0f s; last lines:\n%s"
                            % (what, timeout, "\n".join(lines[-25:])), pytrace=False)
            time.sleep(0.005)

    def wait_prefix(self, prefix, since=0, timeout=WAIT):
        return self.wait(lambda l: l.startswith(prefix) or l.startswith("error: "), since,
                         timeout, repr(prefix))

    def counts(self, since=0, guest=1):
        """(index, count) of guest's whole count lines from `since` on."""
        out = []
        for i, l in enumerate(self.lines()[since:], since):
            m = COUNT.match(l)
            if m and int(m.group(1)) == guest:
                assert m.group(3) == MARKER, l
                out.append((i, int(m.group(2))))
        return out

    def wait_count(self, at_least, since=0, guest=1):
        self.wait(lambda l: bool(COUNT.match(l)) and int(COUNT.match(l).group(1)) == guest
                  and int(COUNT.match(l).group(2)) >= at_least, since,
                  what="[%d] count >= %d" % (guest, at_least))

    def close(self):
        self.stop = True
        self.resume()
        if self.proc.poll() is None:
            try:
                self.cmd("quit")
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.reader.join(2)
        os.close(self.fd)
        time.sleep(0.05)
        err = self.err.decode(errors="replace")
        if self.proc.returncode != 0 or "Sanitizer" in err or "runtime error" in err:
            pytest.fail("tern shell ended with status %s: %s"
                        % (self.proc.returncode, err[-3000:]), pytrace=False)


@pytest.fixture
def counter_shell(tern_path, guest):
    sh = Shell(tern_path, guest("counter"))
    try:
        yield sh
    finally:
        sh.close()


def start_counting(sh, at_least=3):
    sh.cmd("start 1")
    sh.wait_count(at_least)


def save_text(sh, guest_id=1):
    """`save N`: (frame text with \\r\\n line ends, the report line, the
    last count printed before the frame)."""
    since = sh.mark()
    sh.cmd("save %d" % guest_id)
    r, report = sh.wait_prefix("save: guest %d:" % guest_id, since)
    assert not report.startswith("error"), report
    lines = sh.lines()
    h = next(i for i in range(since, r) if lines[i].startswith("tern-snapshot v1 "))
    e = next(i for i in range(h, r) if lines[i] == "tern-snapshot end")
    assert e == r - 1, "something between the frame and its report: %r" % lines[e:r]
    before = [c for i, c in sh.counts(0) if i < h]
    return "".join(l + "\r\n" for l in lines[h:e + 1]), report, before[-1]


def reset_and_see_it_restart(sh):
    since = sh.mark()
    sh.cmd("reset 1")
    sh.wait(lambda l: l == "guest 1 reset", since, what="'guest 1 reset'")
    sh.wait(lambda l: l == "[1] count 1 r=%s" % MARKER, since, what="[1] count 1 after reset")


def assert_goes_on_from(sh, since, saved):
    """After a restore at line `since`: the guest counts on from `saved`.
    (A snapshot taken in the middle of a printf leaves the tail of that
    line to come first, as its own line; then the count after it.)"""
    sh.wait_count(saved + 3, since)
    counts = [c for _, c in sh.counts(since)]
    assert counts[0] in (saved + 1, saved + 2), (saved, counts[:5])
    if counts[0] == saved + 2:
        first_guest_line = next(l for l in sh.lines()[since:] if l.startswith("[1] "))
        assert not COUNT.match(first_guest_line), (saved, first_guest_line)
    assert counts[:3] == list(range(counts[0], counts[0] + 3)), counts[:5]


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
    since = sh.mark()
    sh.cmd("restore 1")
    sh.wait_prefix("restore: guest 1: paste the frame", since)
    sh.send(frame)
    i, line = sh.wait_prefix("restore: guest 1 restored", since)
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
    assert doc["sections"]["cpu.0"]["env.regs"][5] == int(MARKER, 16)
    for sec in ("timer.0", "cpu_common.0", "arm_gic.0", "pl011.0"):
        assert sec in doc["sections"], sec


# --- YMODEM with lrzsz ----------------------------------------------------------

def lrzsz(sh, args, cwd):
    """Run sb/rb on the shell's pty while the reader steps aside."""
    sh.pause()
    try:
        res = subprocess.run(args, stdin=sh.fd, stdout=sh.fd, stderr=subprocess.PIPE,
                             cwd=str(cwd), timeout=60)
    finally:
        sh.resume()
    assert res.returncode == 0, "%s: status %d: %s" % (args, res.returncode, res.stderr[-500:])


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
    assert doc["sections"]["cpu.0"]["env.regs"][5] == int(MARKER, 16)

    reset_and_see_it_restart(sh)
    since = sh.mark()
    sh.cmd("restore -y 1")
    sh.wait_prefix("restore: guest 1: start the YMODEM sender", since)
    lrzsz(sh, ["sb", "-q", "-k", str(snap)], tmp_path)
    i, line = sh.wait(lambda l: "restore: guest 1 restored" in l or l.startswith("error"),
                      since, what="the restore report")
    assert "restored from %d bytes (running)" % snap.stat().st_size in line, line
    assert_goes_on_from(sh, i, saved)


def test_load_ymodem_lrzsz_then_start(tern_path, guest, tmp_path):
    """An image sent with sb into an empty slot, then started."""
    sh = Shell(tern_path)
    try:
        since = sh.mark()
        sh.cmd("load -y 3")
        sh.wait_prefix("load: guest 3: start the YMODEM sender", since)
        lrzsz(sh, ["sb", "-q", "-k", str(guest("counter"))], tmp_path)
        _, line = sh.wait(lambda l: "load: guest 3:" in l and "loaded" in l
                          or l.startswith("error"), since, what="the load report")
        assert "%d bytes loaded" % guest("counter").stat().st_size in line, line
        sh.cmd("start 3")
        sh.wait_count(2, since, guest=3)
    finally:
        sh.close()


# --- tern uart -------------------------------------------------------------------

def uart(sh, tern_path, *args, stdin=None):
    sh.pause()
    try:
        return subprocess.run([str(tern_path), "uart"] + list(args), input=stdin,
                              capture_output=True, timeout=60)
    finally:
        sh.resume()


def test_tern_uart_save_and_restore(counter_shell, tern_path, tern, tmp_path):
    sh = counter_shell
    start_counting(sh)
    res = uart(sh, tern_path, "save", "--port", sh.pty, "1")
    assert res.returncode == 0 and res.stderr == b"", res.stderr
    snap = tmp_path / "uart.snap"
    snap.write_bytes(res.stdout)
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

def damaged_frames(frame, rng):
    """100 frames damaged four ways, 25 each, every one of them wrong."""
    lines = frame.split("\r\n")[:-1]
    header, data, end = lines[0], lines[1:-1], lines[-1]
    hm = re.match(r"tern-snapshot v1 len=(\d+) crc32=([0-9a-f]{8})$", header)
    n, crc = int(hm.group(1)), hm.group(2)
    join = lambda ls: "".join(l + "\r\n" for l in ls)
    out = []
    for k in range(25):   # cut: lines lost, or the text cut off mid-line
        if k % 2:
            drop = sorted(rng.sample(range(len(data)), rng.randint(1, 3)))
            out.append(("cut", join([header] + [l for i, l in enumerate(data) if i not in drop]
                                    + [end])))
        else:
            body = join([header] + data)
            out.append(("cut", body[:rng.randrange(len(header) + 2, len(body) - 1)]
                        + "\r\n" + end + "\r\n"))
    for _ in range(25):   # a flipped bit in the data or the header's numbers
        ls = list(lines)
        if rng.random() < 0.8:
            li = rng.randrange(1, len(ls) - 1)
        else:
            li = 0
        line = ls[li]
        positions = range(len(line)) if li else [i for i, c in enumerate(line) if c.isdigit()]
        while True:
            pos = rng.choice(list(positions))
            ch = chr(ord(line[pos]) ^ (1 << rng.randrange(7)))
            if ch != line[pos] and ch != "\0":
                break
        ls[li] = line[:pos] + ch + line[pos + 1:]
        out.append(("flip", join(ls)))
    for _ in range(25):   # a wrong CRC
        bad = crc
        while bad == crc:
            bad = "%08x" % rng.getrandbits(32)
        out.append(("crc", join(["tern-snapshot v1 len=%d crc32=%s" % (n, bad)] + data + [end])))
    for _ in range(25):   # a wrong length
        wrong = n
        while wrong == n:
            wrong = max(0, n + rng.randint(-200, 200))
        out.append(("len", join(["tern-snapshot v1 len=%d crc32=%s" % (wrong, crc)] + data
                                + [end])))
    return out


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
