"""Differential test against QEMU (tests/difftest, docs/difftest.md): a
bounded, seeded campaign of instruction sequences run on qemu-system-arm
-M virt -cpu cortex-a15 and on `tern run`, register by register. Any
divergence fails, with the instruction, its inputs and both results.

Integer: random A32 and T32 sequences and windows of gcc's output for the
test guests. VFP/NEON: the same once `tern run` executes VFP (a probe
decides; the test says so when it skips).

DIFFTEST_SEED picks another campaign (the default is fixed, so a failure
reproduces); `make difftest DIFFTEST_ARGS=...` runs longer ones.
"""

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "difftest"))

import difftest  # noqa: E402

SEED = int(os.environ.get("DIFFTEST_SEED", "1"))
LIFT_CACHE = REPO / "build" / "difftest-lift"
MAX_REPORTS = 8


def _campaign(tern_path, workdir, categories, cases, batches, gcc_limit):
    stats, divs, problems = difftest.campaign(
        SEED, cases, batches, categories, tern_path, workdir, jobs=2,
        max_min=MAX_REPORTS, lift_dir=LIFT_CACHE, gcc_limit=gcc_limit)
    text = difftest.summary(stats, divs, problems, categories)
    print(text)
    if divs or problems:
        msg = ["seed %d: %d divergences" % (SEED, len(divs))]
        if divs:
            msg.append("by instruction:\n" + difftest.by_instruction(divs))
        msg += [d.report() for d in divs[:MAX_REPORTS]]
        msg.append(text)
        pytest.fail("\n\n".join(msg), pytrace=False)
    for cat in categories:
        assert stats.cases.get(cat, 0) > 0, "%s: nothing compared\n%s" % (cat, text)


def test_integer_matches_qemu(tern_path, qemu_bin, tmp_path):
    _campaign(tern_path, tmp_path, difftest.INT_CATEGORIES, cases=400, batches=4,
              gcc_limit=None)


def test_vfp_neon_matches_qemu(tern_path, qemu_bin, tmp_path):
    if not difftest.tern_runs_vfp(tern_path, tmp_path):
        pytest.skip("tern run does not execute VFP yet (probe: vadd.f64/vmul.f32)")
    _campaign(tern_path, tmp_path, difftest.FP_CATEGORIES, cases=250, batches=2,
              gcc_limit=None)
