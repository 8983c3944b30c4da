"""The tern firmware boots on every board under qemu-system-arm, in every
mode QEMU can hand it over in, and reports how it went.

Firmware: virt's ELF comes from conftest.py's tern_firmware (env
TERN_FIRMWARE, default build/virt/tern.elf); the other boards' from env
TERN_FIRMWARE_VEXPRESS_A15 / TERN_FIRMWARE_RASPI2B, by default
build/<board>/tern.elf next to it (make BOARD=vexpress-a15, make
BOARD=raspi2b). Raw images are the .bin (and raspi2b's kernel7.img) next to
the ELF.

Each case boots QEMU with the UART on a pipe and QMP on a unix socket,
reads until the last banner line, gives the firmware a moment to misbehave,
then asks the monitor where every core is (mode, security state, PC) and
whether the boot core's MMU maps what it should, and kills QEMU.

Mode facts: /work/shared/spec/qemu-7.2-boot-modes.md (QEMU 7.2).
"""
import json
import os
import re
import select
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

import qstream

# the plain image (the FW_INTERP=1 image says it runs guests on its
# interpreter: tests/qemu/test_shell_fw.py)
MEANING_SVC = ("no HYP, and this image has no interpreter (FW_INTERP=1 builds one): "
               "no guest can run")
MEANING_HYP = "hypervisor ready: guests will run on the hypervisor"
HOW_MONITOR = "secure SVC -> Monitor -> non-secure HYP"
COUNTER_HZ = 62500000  # QEMU 7.2's counter, every machine (raspi2b too)

AUDIO = ["-audiodev", "none,id=snd0", "-global", "pl041.audiodev=snd0"]


class Boot:
    """What one QEMU run showed: UART text, whether QEMU still ran, its
    stderr, and the monitor's answers (command -> text)."""

    def __init__(self, text, alive, err, monitor):
        self.text, self.alive, self.err, self.monitor = text, alive, err, monitor
        self.lines = text.splitlines()

    def describe(self):
        return "UART said:\n%s\nQEMU stderr:\n%s" % (self.text, self.err)


class _Qmp:
    """Just enough QMP to run monitor (HMP) commands: a JSON object a
    line each way, events skipped."""

    def __init__(self, path, timeout=3.0):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""
        self._read()  # greeting
        self.call("qmp_capabilities")

    def _read(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("QMP connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def call(self, command, **arguments):
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self.sock.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            reply = self._read()
            if "event" not in reply:
                return reply.get("return", reply.get("error"))

    def hmp(self, command_line):
        out = self.call("human-monitor-command",
                        **{"command-line": command_line})
        return out.replace("\r\n", "\n") if isinstance(out, str) else str(out)

    def close(self):
        self.sock.close()


def boot(qemu, args, until, commands=(), timeout=4.0, settle=0.2):
    """Runs qemu-system-arm `args` until `until` appears on the UART (or
    `timeout`), then `settle` seconds more, then runs the monitor
    `commands`."""
    sockdir = tempfile.mkdtemp(prefix="ternb-")
    path = os.path.join(sockdir, "qmp")
    cmd = [qemu, *args, "-display", "none", "-nodefaults", "-no-user-config",
           "-serial", "stdio", "-qmp", f"unix:{path},server=on,wait=off"]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b""
    monitor = {}
    try:
        deadline = time.monotonic() + timeout
        settle_end = None
        while True:
            now = time.monotonic()
            if settle_end is None and until.encode() in out:
                settle_end = now + settle
            end = settle_end if settle_end is not None else deadline
            if now >= end:
                break
            ready, _, _ = select.select([proc.stdout], [], [], end - now)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    break  # QEMU exited
                out += chunk
        alive = proc.poll() is None
        if alive and commands:
            qmp = _Qmp(path)
            try:
                for c in commands:
                    monitor[c] = qmp.hmp(c)
            finally:
                qmp.close()
    finally:
        proc.kill()
        rest, err = proc.communicate()
        shutil.rmtree(sockdir, ignore_errors=True)
    out += rest
    text = out.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return Boot(text, alive, err.decode("utf-8", errors="replace"), monitor)


def cpu_states(info):
    """`info registers -a` -> [(cpu, pc, "NS"/"S"/"" (no EL3), mode)]."""
    states = []
    for m in re.finditer(r"CPU#(\d+)\n(.*?)(?=CPU#|\Z)", info, re.S):
        pc = re.search(r"R15=([0-9a-f]{8})", m.group(2))
        # QEMU names the security state only when the core has EL3.
        psr = re.search(r"PSR=[0-9a-f]{8} \S+ \S (?:(S|NS) )?(\w+?)32",
                        m.group(2))
        assert pc and psr, info
        states.append((int(m.group(1)), int(pc.group(1), 16),
                       psr.group(1) or "", psr.group(2)))
    return states


def machine_args(board, machine, smp):
    if board == "raspi2b":     # its own cortex-a7s and 1 GiB, nothing else
        return ["-M", machine]
    args = ["-M", machine, "-cpu", "cortex-a15", "-m", "128", "-smp", str(smp)]
    return args + (AUDIO if board == "vexpress-a15" else [])


# An address each board's identity map leaves out (boot/mmu.c): with the
# MMU on, the monitor cannot read it through the boot core.
UNMAPPED = {"virt": 0xc0000000, "vexpress-a15": 0x40000000,
            "raspi2b": 0x3e000000}
# MIDR.PartNum of the core each machine has.
PARTNUM = {"virt": 0xc0f, "vexpress-a15": 0xc0f, "raspi2b": 0xc07}

# board, machine, cores, image ("elf" or "bios"),
# entry mode, CPSR.M at entry, running mode, why, mode QEMU shows, meaning
CASES = [
    ("virt", "virt", 1, "elf", "SVC", 0x13, "SVC",
     "no Virtualization Extensions", ("", "svc"), MEANING_SVC),
    ("virt", "virt,virtualization=on", 1, "elf", "HYP", 0x1a, "HYP",
     "as entered", ("", "hyp"), MEANING_HYP),
    ("virt", "virt,secure=on", 2, "elf", "secure SVC", 0x13, "secure SVC",
     "no Virtualization Extensions", ("S", "svc"), MEANING_SVC),
    ("virt", "virt,secure=on,virtualization=on", 2, "elf", "secure SVC", 0x13,
     "HYP", HOW_MONITOR, ("NS", "hyp"), MEANING_HYP),
    ("vexpress-a15", "vexpress-a15", 2, "elf", "secure SVC", 0x13, "HYP",
     HOW_MONITOR, ("NS", "hyp"), MEANING_HYP),
    ("raspi2b", "raspi2b", 4, "elf", "secure SVC", 0x13, "HYP",
     HOW_MONITOR, ("NS", "hyp"), MEANING_HYP),
    # The SD card's kernel7.img: QEMU's -bios loads a raw image at 0x8000
    # and starts all cores there, as the GPU firmware loads it (but that
    # enters in HYP, on core 0 only).
    ("raspi2b", "raspi2b", 4, "bios", "secure SVC", 0x13, "HYP",
     HOW_MONITOR, ("NS", "hyp"), MEANING_HYP),
]


@pytest.mark.parametrize(
    "board,machine,cores,image,entry,cpsr_m,running,how,qemu_mode,meaning",
    CASES, ids=[f"{c[1]}-{c[3]}" if c[3] != "elf" else c[1] for c in CASES])
def test_boot_reports_mode(qemu_bin, board_firmware, board, machine, cores, image,
                           entry, cpsr_m, running, how, qemu_mode, meaning):
    elf = board_firmware(board)
    syms = qstream.elf_symbols(elf)
    if image == "elf":
        image_args = ["-kernel", str(elf)]
    else:
        image_args = ["-bios", str(elf.with_name("kernel7.img"))]
    unmapped = UNMAPPED[board]
    entry_pc = syms["_start"][0]
    commands = ("info registers -a", f"x /1wx {unmapped:#x}",
                f"x /1wx {entry_pc:#x}")
    b = boot(qemu_bin, machine_args(board, machine, cores) + image_args,
             meaning, commands)
    lines = b.lines
    assert len(lines) >= 5, b.describe()
    assert re.fullmatch(rf"tern \S+ on {re.escape(board)}", lines[0]), \
        b.describe()
    m = re.fullmatch(r"entered in (.+) mode \(CPSR 0x([0-9a-f]{8}), "
                     r"MIDR 0x([0-9a-f]{8}), ID_PFR1 0x([0-9a-f]{8})\)",
                     lines[1])
    assert m, b.describe()
    assert m.group(1) == entry
    assert int(m.group(2), 16) & 0x1f == cpsr_m
    midr = int(m.group(3), 16)
    assert midr >> 24 == 0x41 and (midr >> 4) & 0xfff == PARTNUM[board]
    assert lines[2] == f"running in {running} mode ({how}), MMU and caches on", \
        b.describe()
    assert lines[3] == f"generic timer {COUNTER_HZ} Hz", b.describe()
    assert lines[4] == meaning, b.describe()
    # Then the idle loop: nothing more said, QEMU neither crashed nor off.
    assert "unexpected exception" not in b.text, b.describe()
    assert len(lines) == 5, b.describe()
    assert b.alive, f"QEMU stopped; stderr:\n{b.err}"

    # Every core in the mode the banner claims: the boot core idling in
    # kernel_main's WFI, the others in boot/entry.S's pen.
    states = cpu_states(b.monitor["info registers -a"])
    assert [s[0] for s in states] == list(range(cores)), states
    pen, pen_size = syms["boot_pen"]
    for cpu, pc, sec, mode in states:
        assert (sec, mode) == qemu_mode, (cpu, states)
        if cpu > 0:
            assert pen <= pc < pen + pen_size, (cpu, hex(pc), states)

    # The boot core's MMU is on, with the board's identity map.
    assert "Cannot access memory" in b.monitor[f"x /1wx {unmapped:#x}"], \
        b.monitor
    first = b.monitor[f"x /1wx {entry_pc:#x}"]
    word = int.from_bytes(elf.with_suffix(".bin").read_bytes()[:4], "little")
    assert re.search(rf"{entry_pc:08x}: 0x{word:08x}", first), first


def test_raw_image_boots(qemu_bin, tern_firmware):
    """tern.bin holds the same bytes: loaded at the link address and
    entered at its first byte, it says the same thing."""
    image = tern_firmware.with_suffix(".bin")
    if not image.is_file():
        pytest.fail(f"{image}: no raw image next to the ELF (make BOARD=virt)")
    # ELF32 header: e_entry at byte 24, little-endian. The image starts
    # at the entry point (linker/tern.ld).
    entry = int.from_bytes(tern_firmware.read_bytes()[24:28], "little")
    loader = f"loader,file={image},addr={entry:#x},cpu-num=0"
    b = boot(qemu_bin, machine_args("virt", "virt", 1) + ["-device", loader],
             MEANING_SVC)
    assert b.lines[:1] and re.fullmatch(r"tern \S+ on virt", b.lines[0]), \
        b.describe()
    assert b.lines[1].startswith("entered in SVC mode"), b.describe()
    assert b.lines[-1] == MEANING_SVC, b.describe()
    assert "unexpected exception" not in b.text, b.describe()
    assert b.alive


def test_raspi2b_sd_card_files(board_firmware):
    """make BOARD=raspi2b leaves what goes on the SD card: kernel7.img, the
    raw image linked at 0x8000 where the GPU firmware loads it, and a
    config.txt that asks for exactly that, with the PL011 console."""
    elf = board_firmware("raspi2b")
    assert int.from_bytes(elf.read_bytes()[24:28], "little") == 0x8000
    img = elf.with_name("kernel7.img")
    assert img.is_file(), f"{img} missing: make BOARD=raspi2b"
    assert img.read_bytes() == elf.with_suffix(".bin").read_bytes()
    config = elf.with_name("config.txt").read_text()
    settings = dict(line.split("=", 1) for line in config.splitlines()
                    if line.strip() and not line.startswith("#"))
    assert settings["kernel"] == "kernel7.img"
    assert settings["arm_64bit"] == "0"
    assert int(settings["kernel_address"], 0) == 0x8000
    assert settings["enable_uart"] == "1"
