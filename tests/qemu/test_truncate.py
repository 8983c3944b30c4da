"""Every truncation of a real QEMU stream, and every flipped byte after its
RAM, is refused with one clean line (or, for flips, decodes): the in-process
checker build/test/truncate (tests/fuzz/truncate.c, ASan+UBSan) does the
hundreds of thousands of decodes; this runs it on a stream QEMU wrote in
this session."""
import os
import subprocess
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def truncate_bin():
    path = Path(os.environ.get("TERN_TRUNCATE", "build/test/truncate"))
    if not path.exists():
        pytest.fail("%s missing: make BOARD=host SAN=1 O=build/test build/test/truncate" % path,
                    pytrace=False)
    return path


def test_every_cut_and_flip_of_a_qemu_stream(truncate_bin, regfill_capture):
    res = subprocess.run([str(truncate_bin), str(regfill_capture.path)],
                         capture_output=True, text=True, timeout=900)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert res.stderr == ""  # no sanitizer report
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("truncate: ") and last.endswith("all refused cleanly"), last
    assert int(last.split()[1]) > 100000  # offsets checked
