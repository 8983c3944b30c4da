"""`tern run`: each run_* test guest prints under tern exactly what it
prints under qemu-system-arm -M virt -cpu cortex-a15 -m 64 -nographic
-kernel (QEMU is the reference); PSCI SYSTEM_OFF ends tern with status 0;
--max-insns stops a guest (status 2); --stats and --save-at work; bad
images give one line on stderr and status 1.
"""

import struct
import subprocess

import pytest

RUN_GUESTS = ["run_hello", "run_malloc", "run_setjmp", "run_timer"]
QEMU_TIMEOUT = 60.0

_qemu_output = {}


def qemu_output(qemu_bin, elf):
    """What the guest prints under QEMU (cached for the session)."""
    key = str(elf)
    if key not in _qemu_output:
        try:
            res = subprocess.run([qemu_bin, "-M", "virt", "-cpu", "cortex-a15", "-m", "64",
                                  "-nographic", "-kernel", str(elf)],
                                 stdin=subprocess.DEVNULL, capture_output=True,
                                 timeout=QEMU_TIMEOUT)
        except subprocess.TimeoutExpired:
            pytest.fail("QEMU did not finish %s in %.0f s" % (elf, QEMU_TIMEOUT), pytrace=False)
        if res.returncode != 0:
            pytest.fail("QEMU ran %s with status %d: %s"
                        % (elf, res.returncode, res.stderr.decode(errors="replace")),
                        pytrace=False)
        _qemu_output[key] = res.stdout
    return _qemu_output[key]


def one_line_error(res):
    """Status 1, nothing on stdout, exactly one line "tern: ..." on stderr."""
    err = res.stderr.decode(errors="replace")
    assert res.returncode == 1, err
    assert res.stdout == b""
    assert err.startswith("tern: ") and err.endswith("\n") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("name", RUN_GUESTS)
def test_output_matches_qemu(tern, guest, qemu_bin, name):
    elf = guest(name)
    want = qemu_output(qemu_bin, elf)
    assert want.endswith(b"done\n") or want.endswith(b"bye\n"), want
    res = tern.run("run", elf)
    assert res.stdout.decode(errors="replace") == want.decode(errors="replace"), \
        tern.describe(res)
    assert res.returncode == 0, tern.describe(res)
    assert res.stderr == b"", tern.describe(res)


def test_max_insns_stops(tern, guest, qemu_bin):
    elf = guest("run_hello")
    res = tern.run("run", elf, "--max-insns", "2000")
    err = res.stderr.decode()
    assert res.returncode == 2, tern.describe(res)
    assert err == "tern: stopped after 2000 instructions (--max-insns)\n"
    assert qemu_output(qemu_bin, elf).startswith(res.stdout)


def test_stats_on_stderr(tern, guest, qemu_bin):
    elf = guest("run_hello")
    res = tern.run("run", elf, "--stats")
    assert res.returncode == 0, tern.describe(res)
    assert res.stdout == qemu_output(qemu_bin, elf)
    err = res.stderr.decode()
    assert err.startswith("tern: ") and " instructions in " in err and err.endswith(" MIPS\n")


def test_ram_size(tern, guest, qemu_bin):
    elf = guest("run_hello")
    res = tern.run("run", elf, "--ram", "64")
    assert res.returncode == 0, tern.describe(res)
    assert res.stdout == qemu_output(qemu_bin, elf)
    one_line_error(tern.run("run", elf, "--ram", "0"))
    one_line_error(tern.run("run", elf, "--ram", "zillion"))


def test_save_at_writes_a_stream_inspect_reads(tern, guest, tmp_path):
    elf = guest("run_hello")
    snap = tmp_path / "hello.snap"
    res = tern.run("run", elf, "--save-at", "3000", "--save-to", snap)
    assert res.returncode == 0, tern.describe(res)
    assert res.stderr == b""
    doc = tern.inspect_json(snap)
    assert doc["ram_blocks"] == {"mach-virt.ram": 16 << 20}
    assert doc["machine"] == "virt-7.2"
    cpu = doc["sections"]["cpu.0"]
    assert 0x40000000 <= cpu["env.regs"][15] < 0x41000000
    assert "cpu_common.0" in doc["sections"]


def test_save_needs_both_options(tern, guest):
    elf = guest("run_hello")
    one_line_error(tern.run("run", elf, "--save-at", "100"))


def _patched(tmp_path, elf, name, patch):
    data = bytearray(elf.read_bytes())
    patch(data)
    p = tmp_path / name
    p.write_bytes(bytes(data))
    return p


def _first_load(data):
    """Offset of the first PT_LOAD program header."""
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    for i in range(phnum):
        off = phoff + i * phentsize
        if struct.unpack_from("<I", data, off)[0] == 1:
            return off
    raise AssertionError("no PT_LOAD")


def _load_end(data):
    """End of the file bytes of the PT_LOAD segments."""
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    end = 0
    for i in range(phnum):
        p_type, p_offset, _, _, p_filesz = struct.unpack_from("<5I", data, phoff + i * phentsize)
        if p_type == 1 and p_filesz:
            end = max(end, p_offset + p_filesz)
    return end


def test_bad_images(tern, guest, tmp_path):
    elf = guest("run_hello")

    def truncate(d):
        del d[40:]
    err = one_line_error(tern.run("run", _patched(tmp_path, elf, "trunc.elf", truncate)))
    assert "truncated" in err

    def truncate_data(d):  # cut inside the last loaded segment's bytes
        del d[_load_end(d) - 1:]
    err = one_line_error(tern.run("run", _patched(tmp_path, elf, "half.elf", truncate_data)))
    assert "truncated ELF file: segment data" in err

    def machine(d):
        struct.pack_into("<H", d, 18, 3)  # EM_386
    err = one_line_error(tern.run("run", _patched(tmp_path, elf, "x86.elf", machine)))
    assert "not an ARM ELF" in err

    def outside(d):
        struct.pack_into("<I", d, _first_load(d) + 12, 0x10000000)  # p_paddr
    err = one_line_error(tern.run("run", _patched(tmp_path, elf, "out.elf", outside)))
    assert "outside the guest's RAM" in err

    def huge(d):
        struct.pack_into("<I", d, _first_load(d) + 20, 0xfffff000)  # p_memsz
    err = one_line_error(tern.run("run", _patched(tmp_path, elf, "huge.elf", huge)))
    assert "outside the guest's RAM" in err

    empty = tmp_path / "empty.bin"
    empty.write_bytes(b"")
    one_line_error(tern.run("run", empty))
    one_line_error(tern.run("run", tmp_path / "no-such-file.elf"))
    one_line_error(tern.run("run"))
    one_line_error(tern.run("run", elf, "--bogus"))
