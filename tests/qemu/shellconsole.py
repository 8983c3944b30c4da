"""The UART shell as a test drives it, on either console: `tern shell
--pty` on the host (interpreter guests) or the firmware under QEMU
(hypervisor guests), both on a pty, with the helpers the shell tests share
(test_shell_host.py, test_shell_fw.py)."""

import base64
import os
import re
import select
import signal
import subprocess
import tempfile
import threading
import time
import tty
import zlib

import pytest

COUNT = re.compile(r"^\[(\d+)\] count (\d+) r=([0-9a-f]{8})$")
CSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MARKER = "5eed0005"
WAIT = 20.0
SLOT0 = 0x41000000          # the firmware's image slots (docs/hypervisor.md)
SLOT_SIZE = 4 << 20


class Shell:
    """`tern shell --pty GUEST...`: its pty (raw), its output as the lines
    a terminal would show, a reader thread that can step aside while
    another program (rb, sb, tern uart) talks on the pty. GUEST 1 is
    loaded, not started."""

    autostarted = False   # guest 1 runs without `start 1` (the firmware's loader slot)

    def __init__(self, tern_path, *args):
        self.proc = subprocess.Popen([str(tern_path), "shell", "--pty"] + [str(a) for a in args],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        first = self.proc.stderr.readline().decode(errors="replace")
        m = re.match(r"tern: shell on (\S+)\n", first)
        if not m:
            self.proc.kill()
            pytest.fail("tern shell --pty said %r" % first, pytrace=False)
        self._attach(m.group(1))

    def _attach(self, pty):
        self.pty = pty
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
                pytest.fail("the shell's program ended (status %s) waiting for %s; stderr: %s"
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


class FirmwareShell(Shell):
    """The firmware under qemu-system-arm -M virt,virtualization=on (or,
    hyp=False, -M virt: SVC, the interpreter image), its console on a pty
    (QEMU's -chardev pty), guests in the loader's image slots (started at
    boot). The same interface as Shell."""

    autostarted = True

    def __init__(self, qemu_bin, firmware, *guests, ram_mib=256, hyp=True):
        machine = "virt,virtualization=on" if hyp else "virt"
        fd, self.log_path = tempfile.mkstemp(prefix="tern-console-", suffix=".log")
        os.close(fd)
        cmd = [str(qemu_bin), "-M", machine, "-cpu", "cortex-a15",
               "-m", str(ram_mib), "-display", "none", "-nodefaults", "-no-user-config",
               # the log keeps what the pty may drop: the last bytes
               # before QEMU exits go with the pty's hang-up
               "-chardev", "pty,id=con,logfile=%s" % self.log_path,
               "-serial", "chardev:con",
               "-kernel", str(firmware)]
        for i, g in enumerate(guests):
            cmd += ["-device", "loader,file=%s,addr=%#x,force-raw=on"
                    % (g, SLOT0 + i * SLOT_SIZE)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, start_new_session=True)
        first = self.proc.stdout.readline().decode(errors="replace")
        m = re.search(r"char device redirected to (\S+) ", first)
        if not m:
            self.proc.kill()
            pytest.fail("qemu said %r" % first, pytrace=False)
        self._attach(m.group(1))
        # the banner, then a key: the shell is attended from here on
        self.wait(lambda l: l.startswith("hypervisor ready") or l.startswith("no HYP"),
                  what="the banner's end")
        self.send("\r")
        end = time.monotonic() + WAIT
        while b"tern> " not in self.raw:
            if time.monotonic() > end:
                pytest.fail("no prompt after a key", pytrace=False)
            time.sleep(0.01)

    def console_log(self):
        """Everything the firmware wrote to its console, from QEMU's log
        of the chardev (complete even when QEMU has exited)."""
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def close(self):
        self.stop = True
        self.resume()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.reader.join(2)
        os.close(self.fd)
        try:
            os.unlink(self.log_path)
        except OSError:
            pass
        err = self.err.decode(errors="replace")
        if "qemu-system-arm:" in err:
            pytest.fail("QEMU said: %s" % err[-3000:], pytrace=False)


def start_counting(sh, at_least=3):
    if not sh.autostarted:
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


def restore_text(sh, frame, guest_id=1):
    """`restore N` with a pasted frame: (where its lines start, the index
    and text of the "restored" line)."""
    since = sh.mark()
    sh.cmd("restore %d" % guest_id)
    sh.wait_prefix("restore: guest %d: paste the frame" % guest_id, since)
    sh.send(frame)
    i, line = sh.wait_prefix("restore: guest %d restored" % guest_id, since)
    return since, i, line


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
    sh.wait_count(counts[0] + 2, since)      # three whole counts to compare
    counts = [c for _, c in sh.counts(since)]
    if counts[0] == saved + 2:
        first_guest_line = next(l for l in sh.lines()[since:] if l.startswith("[1] "))
        assert not COUNT.match(first_guest_line), (saved, first_guest_line)
    assert counts[:3] == list(range(counts[0], counts[0] + 3)), counts[:5]


def lrzsz(sh, args, cwd):
    """Run sb/rb on the shell's pty while the reader steps aside."""
    sh.pause()
    try:
        res = subprocess.run(args, stdin=sh.fd, stdout=sh.fd, stderr=subprocess.PIPE,
                             cwd=str(cwd), timeout=60)
    finally:
        sh.resume()
    assert res.returncode == 0, "%s: status %d: %s" % (args, res.returncode, res.stderr[-500:])


def uart(sh, tern_path, *args, stdin=None):
    sh.pause()
    try:
        return subprocess.run([str(tern_path), "uart"] + list(args), input=stdin,
                              capture_output=True, timeout=60)
    finally:
        sh.resume()


def uart_save(sh, tern_path, n=1):
    """`tern uart save` of guest n on the shell's pty: the stream's bytes
    (the command must succeed without a word on stderr)."""
    res = uart(sh, tern_path, "save", "--port", sh.pty, str(n))
    assert res.returncode == 0 and res.stderr == b"", res.stderr
    return res.stdout


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


def image_frame(data):
    """`load N`'s text frame of an image, as kernel/frame.c writes one."""
    b64 = base64.b64encode(data).decode()
    lines = ["tern-image v1 len=%d crc32=%08x" % (len(data), zlib.crc32(data))]
    lines += [b64[i:i + 76] for i in range(0, len(b64), 76)]
    lines.append("tern-image end")
    return "".join(l + "\r\n" for l in lines)
