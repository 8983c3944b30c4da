"""The tern firmware boots under qemu-system-arm and reports its mode.

The ELF comes from conftest.py's tern_firmware (env TERN_FIRMWARE, default
build/virt/tern.elf); the raw image is the .bin next to it. Each case boots
QEMU with the UART on a pipe, reads until the mode report, gives the
firmware a moment to misbehave, then kills QEMU.

Mode facts: /work/shared/spec/qemu-7.2-boot-modes.md (QEMU 7.2).
"""
import os
import re
import select
import subprocess
import time

import pytest

MEANING_INTERP = "no HYP: guests will run on the interpreter"


def boot(qemu, machine, image_args, until, timeout=3.0, settle=0.3):
    """Runs QEMU until `until` appears on the UART (or `timeout`), then
    `settle` seconds more. Returns (uart text, QEMU still running, stderr)."""
    cmd = [qemu, "-M", machine, "-cpu", "cortex-a15", "-m", "128",
           "-display", "none", "-nodefaults", "-serial", "stdio",
           *image_args]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = b""
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
    finally:
        proc.kill()
        rest, err = proc.communicate()
    out += rest
    text = out.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return text, alive, err.decode("utf-8", errors="replace")


CASES = [
    # machine, mode word, CPSR.M, what the mode means
    ("virt", "SVC", 0x13, MEANING_INTERP),
    ("virt,virtualization=on", "HYP", 0x1a,
     "HYP: guests will run on the hypervisor"),
    ("virt,secure=on", "secure SVC", 0x13, MEANING_INTERP),
    ("virt,secure=on,virtualization=on", "secure SVC", 0x13,
     "HYP only through Monitor mode, not done yet: "
     "guests will run on the interpreter"),
]


@pytest.mark.parametrize("machine,mode,cpsr_m,meaning", CASES,
                         ids=[c[0] for c in CASES])
def test_boot_reports_mode(qemu_bin, tern_firmware, machine, mode, cpsr_m,
                           meaning):
    text, alive, err = boot(qemu_bin, machine,
                            ["-kernel", str(tern_firmware)], meaning)
    lines = text.splitlines()
    assert len(lines) >= 3, f"UART said:\n{text}\nstderr:\n{err}"
    assert re.fullmatch(r"tern \S+ on virt", lines[0]), text
    m = re.fullmatch(r"entered in (.+) mode \(CPSR 0x([0-9a-f]{8}), "
                     r"MIDR 0x([0-9a-f]{8}), ID_PFR1 0x([0-9a-f]{8})\)",
                     lines[1])
    assert m, text
    assert m.group(1) == mode
    assert int(m.group(2), 16) & 0x1f == cpsr_m
    assert int(m.group(3), 16) >> 24 == 0x41  # implementer: ARM
    assert lines[2] == meaning
    # Then the idle loop: nothing more said, QEMU neither crashed nor off.
    assert "unexpected exception" not in text, text
    assert len(lines) == 3, text
    assert alive, f"QEMU stopped; stderr:\n{err}"


def test_raw_image_boots(qemu_bin, tern_firmware):
    """tern.bin holds the same bytes: loaded at the link address and
    entered at its first byte, it says the same thing."""
    image = tern_firmware.with_suffix(".bin")
    if not image.is_file():
        pytest.skip(f"{image}: no raw image next to the ELF")
    # ELF32 header: e_entry at byte 24, little-endian. The image starts
    # at the entry point (linker/tern.ld).
    entry = int.from_bytes(tern_firmware.read_bytes()[24:28], "little")
    loader = f"loader,file={image},addr={entry:#x},cpu-num=0"
    text, alive, err = boot(qemu_bin, "virt", ["-device", loader],
                            MEANING_INTERP)
    lines = text.splitlines()
    assert lines[:1] and re.fullmatch(r"tern \S+ on virt", lines[0]), \
        f"UART said:\n{text}\nstderr:\n{err}"
    assert lines[1].startswith("entered in SVC mode"), text
    assert "unexpected exception" not in text, text
    assert alive
