"""The cpu section of a cortex-a15 with the Virtualization Extensions
(-M virt,virtualization=on: the core starts in HYP and QEMU saves 242 cp
registers instead of 197): tern reads QEMU's stream, re-encodes it byte for
byte, and QEMU resumes tern's encoding of its own struct arm_cpu."""

import pytest

import qemu
import qstream
from conftest import COUNTER_LINE
from test_snapshot_qemu import last_count

EL2 = ["-machine", "virtualization=on"]


@pytest.fixture(scope="module")
def el2_capture(qemu_bin, guest, workdir):
    elf = guest("counter")
    lo, size = qstream.elf_symbols(elf)["counter_wait"]
    path = workdir / "counter-el2.qemu"
    try:
        serial, regs = qemu.run_to_stream(elf, workdir, "counter-el2", "count 10 ", path,
                                          stop=True, pc_range=(lo, lo + size),
                                          extra_args=EL2)
    except qemu.QemuError as e:
        pytest.fail("QEMU could not make the EL2 stream: %s" % e, pytrace=False)
    return elf, path, serial, regs


def test_inspect_reads_the_el2_register_list(tern, el2_capture):
    _, path, _, regs = el2_capture
    cpu = tern.inspect_json(path)["sections"]["cpu.0"]
    assert cpu["cpreg_vmstate_array_len"] == 242
    assert len(cpu["cpreg_vmstate_indexes"]) == 242
    assert cpu["cpsr"] & 0x1f == 0x1a, "the guest runs in HYP: %#x" % cpu["cpsr"]
    assert cpu["env.regs"][15] == regs["R15"]


def test_convert_el2_stream_is_byte_identical(tern, el2_capture, workdir):
    _, path, _, _ = el2_capture
    out = workdir / "counter-el2-converted.qemu"
    tern.convert(path, out)
    assert out.read_bytes() == path.read_bytes()


def test_qemu_resumes_tern_encoding_with_r5_changed(tern, el2_capture, workdir):
    elf, path, serial, _ = el2_capture
    out = workdir / "counter-el2-r5.qemu"
    tern.convert(path, out, sets=["cpu.0:env.regs[5]=0x0E12C0DE"])
    k = last_count(serial)
    with qemu.Qemu(elf, workdir, "el2-resume", incoming=out, extra_args=EL2) as q:
        state = q.wait_incoming()
        assert state in ("paused", "running"), state
        if state == "paused":
            q.cont()
        q.wait_serial("count %d " % (k + 3))
        text = q.serial()
        q.quit()
    first = COUNTER_LINE.search(text)
    assert first and int(first.group(1)) == k + 1, "resumed at %r" % text[:120]
    assert first.group(2) == "0e12c0de", text[:200]
