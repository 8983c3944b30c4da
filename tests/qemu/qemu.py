"""Drive qemu-system-arm for the tests: start a guest with QMP on a unix
socket, watch its serial output, stop it, write its migration stream to a
file, and resume a stream in a fresh QEMU with -incoming.

Every QEMU runs in a session (process group) of its own and is killed, with
anything it spawned (the `sh -c cat` of exec: migration), when its context
manager exits, whatever happened.

    with Qemu(elf, workdir, "src") as q:
        q.wait_serial("READY\\n")
        q.stop()
        q.migrate_to_file(workdir / "s.qemu")
"""

import ctypes
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

QEMU = os.environ.get("QEMU", "qemu-system-arm")
MACHINE = ["-M", "virt", "-cpu", "cortex-a15", "-m", "64"]

START_TIMEOUT = 10.0     # QEMU up and its QMP socket answering
QMP_TIMEOUT = 10.0       # one QMP command
SERIAL_TIMEOUT = 20.0    # a guest printing what a test waits for
MIGRATE_TIMEOUT = 60.0   # a whole migration to a file


class QemuError(Exception):
    pass


def _die_with_parent():
    """In the child before exec: SIGKILL when the test process dies, so a
    killed pytest leaves no QEMU behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def qemu_binary():
    path = shutil.which(QEMU)
    if not path:
        raise QemuError("%s not found on PATH (install Debian's qemu-system-arm 7.2, "
                        "or run tools/setup)" % QEMU)
    return path


class Qemu:
    """One qemu-system-arm process: -M virt -cpu cortex-a15 -m 64, no devices
    but the PL011 (to a file), QMP on a unix socket.

    kernel:   ELF for -kernel (the source of a migration, and the
              destination too: QEMU wants the same machine, -kernel is harmless).
    incoming: a stream file to load with -incoming "exec:cat FILE".
    """

    def __init__(self, kernel, workdir, name, incoming=None, extra_args=()):
        self.kernel = Path(kernel)
        self.workdir = Path(workdir)
        self.name = name
        self.incoming = Path(incoming) if incoming else None
        self.extra_args = list(extra_args)
        self.serial_path = self.workdir / ("%s.serial" % name)
        self.stderr_path = self.workdir / ("%s.stderr" % name)
        self.proc = None
        self.sock = None
        self._buf = b""
        self._sockdir = None
        self.events = []

    # --- life cycle ------------------------------------------------------
    def start(self):
        binary = qemu_binary()
        if not self.kernel.is_file():
            raise QemuError("guest %s not found (make guests)" % self.kernel)
        self.workdir.mkdir(parents=True, exist_ok=True)
        # unix socket paths are limited to ~107 bytes: keep it short
        self._sockdir = tempfile.mkdtemp(prefix="ternq-")
        sock_path = os.path.join(self._sockdir, "qmp")
        self.serial_path.write_bytes(b"")
        args = [binary] + MACHINE + [
            "-display", "none", "-nodefaults", "-no-user-config",
            "-serial", "file:%s" % self.serial_path,
            "-kernel", str(self.kernel),
            "-qmp", "unix:%s,server=on,wait=off" % sock_path,
        ]
        if self.incoming is not None:
            args += ["-incoming", "exec:cat %s" % shlex.quote(str(self.incoming))]
        args += self.extra_args
        self.args = args
        with open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                         stdout=err, stderr=err,
                                         start_new_session=True,
                                         preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            self._check_alive("starting")
            if os.path.exists(sock_path):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    s.connect(sock_path)
                    self.sock = s
                    break
                except OSError:
                    s.close()
            if time.monotonic() > deadline:
                raise QemuError("%s: QMP socket did not come up in %.0f s%s"
                                % (self.name, START_TIMEOUT, self._stderr_tail()))
            time.sleep(0.01)
        self.sock.settimeout(QMP_TIMEOUT)
        greeting = self._read_msg()
        if "QMP" not in greeting:
            raise QemuError("%s: unexpected QMP greeting %r" % (self.name, greeting))
        self.qmp("qmp_capabilities")
        return self

    def close(self):
        """Kill QEMU and whatever it spawned; idempotent."""
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None
        if self.proc is not None:
            # not reaped yet (running, or a zombie): its pid still names our
            # process group, so this also ends an exec: child it left
            if self.proc.returncode is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self._sockdir is not None:
            shutil.rmtree(self._sockdir, ignore_errors=True)
            self._sockdir = None

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc):
        self.close()
        return False

    def quit(self, timeout=10.0):
        """Ask QEMU to quit and wait for it; kill it if it does not."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            self.qmp("quit")
        except (QemuError, OSError):
            pass
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        self.close()

    def wait_exit(self, timeout):
        """Wait for QEMU to end on its own (e.g. PSCI SYSTEM_OFF); its status."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise QemuError("%s: still running after %.0f s" % (self.name, timeout))

    # --- QMP -------------------------------------------------------------
    def _check_alive(self, doing):
        if self.proc is not None and self.proc.poll() is not None:
            raise QemuError("%s: QEMU exited with status %s while %s%s"
                            % (self.name, self.proc.returncode, doing,
                               self._stderr_tail()))

    def _stderr_tail(self):
        try:
            text = self.stderr_path.read_text(errors="replace").strip()
        except OSError:
            return ""
        return ("\nQEMU stderr:\n" + text[-2000:]) if text else ""

    def _read_msg(self):
        while b"\n" not in self._buf:
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise QemuError("%s: no QMP answer in %.0f s%s"
                                % (self.name, QMP_TIMEOUT, self._stderr_tail()))
            if not chunk:
                self._check_alive("talking QMP")
                raise QemuError("%s: QMP connection closed%s"
                                % (self.name, self._stderr_tail()))
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)

    def qmp(self, command, **arguments):
        """Run one QMP command; its "return" value, or QemuError."""
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self._read_msg()
            if "event" in reply:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise QemuError("%s: QMP %s failed: %s" % (self.name, command, reply["error"]))
            return reply.get("return")

    def hmp(self, command_line):
        return self.qmp("human-monitor-command", **{"command-line": command_line})

    def status(self):
        return self.qmp("query-status")["status"]

    def stop(self):
        self.qmp("stop")

    def cont(self):
        self.qmp("cont")

    def registers(self):
        """Core registers of the (stopped) CPU from HMP "info registers":
        {"R00": .., ..., "R15": .., "PSR": ..}."""
        text = self.hmp("info registers")
        regs = {k: int(v, 16) for k, v in re.findall(r"\b(R\d\d)=([0-9a-fA-F]{8})", text)}
        m = re.search(r"\bPSR=([0-9a-fA-F]{8})", text)
        if m:
            regs["PSR"] = int(m.group(1), 16)
        if "R15" not in regs:
            raise QemuError("%s: cannot parse info registers:\n%s" % (self.name, text))
        return regs

    # --- serial ----------------------------------------------------------
    def serial(self):
        return self.serial_path.read_bytes().decode("latin-1")

    def wait_serial(self, pattern, timeout=SERIAL_TIMEOUT, start=0):
        """Wait until the serial output (from character `start` on) contains
        `pattern` (a str, or a compiled regex); returns the match end."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.serial()[start:]
            if isinstance(pattern, str):
                i = text.find(pattern)
                if i >= 0:
                    return start + i + len(pattern)
            else:
                m = pattern.search(text)
                if m:
                    return start + m.end()
            self._check_alive("waiting for %r on the serial port (got %r)"
                              % (pattern, text[-300:]))
            if time.monotonic() > deadline:
                raise QemuError("%s: %r not seen on the serial port in %.0f s; "
                                "got %r%s" % (self.name, getattr(pattern, "pattern", pattern),
                                              timeout, text[-500:], self._stderr_tail()))
            time.sleep(0.005)

    # --- migration -------------------------------------------------------
    def migrate_to_file(self, path, max_bandwidth=1 << 40, timeout=MIGRATE_TIMEOUT):
        """Write the VM's migration stream to `path` (QMP migrate to
        exec:cat). Works on a stopped or a running VM; a small max_bandwidth
        (bytes/s) spreads RAM over several PART records. The file appears
        only once complete (cat writes a temp file, then mv)."""
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        for p in (path, tmp):
            if p.exists():
                p.unlink()
        self.qmp("migrate-set-parameters", **{"max-bandwidth": int(max_bandwidth)})
        uri = "exec:cat > %s && mv %s %s" % (shlex.quote(str(tmp)), shlex.quote(str(tmp)),
                                             shlex.quote(str(path)))
        self.qmp("migrate", uri=uri)
        deadline = time.monotonic() + timeout
        while True:
            info = self.qmp("query-migrate")
            st = info.get("status")
            if st == "completed":
                break
            if st in ("failed", "cancelled"):
                raise QemuError("%s: migration %s: %s%s" % (self.name, st,
                                info.get("error-desc", ""), self._stderr_tail()))
            if time.monotonic() > deadline:
                raise QemuError("%s: migration not completed in %.0f s (status %s)"
                                % (self.name, timeout, st))
            time.sleep(0.02)
        while not path.exists():
            if time.monotonic() > deadline:
                raise QemuError("%s: %s did not appear after the migration" % (self.name, path))
            time.sleep(0.005)
        return info

    def wait_incoming(self, timeout=MIGRATE_TIMEOUT):
        """Destination side: wait until the incoming stream is loaded; the
        run state it left ("running", or "paused" for a stream taken after
        stop). QEMU refusing the stream ends it: QemuError with its stderr."""
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive("loading the incoming stream")
            try:
                st = self.status()
            except QemuError:
                self._check_alive("loading the incoming stream")
                raise
            if st not in ("inmigrate", "prelaunch"):
                return st
            if time.monotonic() > deadline:
                raise QemuError("%s: incoming migration not done in %.0f s"
                                % (self.name, timeout))
            time.sleep(0.01)


def run_to_stream(kernel, workdir, name, ready, stream, *, stop=True,
                  max_bandwidth=1 << 40, pc_range=None, retries=50, extra_args=()):
    """Boot `kernel`, wait for `ready` on its serial port, (stop it), write
    its stream to `stream`. With pc_range=(lo, hi) the VM is stopped again
    until its PC is in [lo, hi) (cont/stop, a few ms apart). Returns
    (serial text before the stream was written, registers at the stop or None)."""
    with Qemu(kernel, workdir, name, extra_args=extra_args) as q:
        q.wait_serial(ready)
        regs = None
        if stop:
            for _ in range(retries):
                q.stop()
                regs = q.registers()
                if pc_range is None or pc_range[0] <= regs["R15"] < pc_range[1]:
                    break
                q.cont()
                time.sleep(0.003)
            else:
                raise QemuError("%s: PC never in [%#x, %#x) at a stop" % (name, *pc_range))
        q.migrate_to_file(stream, max_bandwidth=max_bandwidth)
        text = q.serial()
        q.quit()
    return text, regs
