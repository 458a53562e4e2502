"""A bounded, seeded run of the mutation fuzzer (`make fuzz` runs 50,000 mutants)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from rolebook.model.findings import Finding

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "scripts"))
import fuzz  # noqa: E402

MUTANTS = 3000  # about 25 s of one core


def test_mutants_of_the_example_handbook_give_findings_never_tracebacks():
    figures = fuzz.fuzz(MUTANTS, seed=20261127)
    report = "\n".join(f.describe() for f in figures.failures[:5])
    assert figures.mutants == MUTANTS
    assert (figures.exceptions, figures.bad_positions, figures.leaks) == (0, 0, 0), report


def test_the_harness_catches_what_it_looks_for(tmp_path):
    harness = fuzz.Harness(fuzz.REPO / "handbooks", tmp_path)
    rel = harness.files[0]
    path = harness.work / rel
    outside = Finding(path=str(path), line=10_000, column=1, code="RB002", message="x")
    assert harness.position_problem(outside)[0].startswith("position")
    assert harness.position_problem(Finding(path=str(path), line=1, column=1, code="RB002", message="x")) == []
    # every operator yields bytes, deterministically for a seed
    data = harness.contents[rel]
    assert fuzz.mutate(data, random.Random(5)) == fuzz.mutate(data, random.Random(5))


def test_mutants_of_calendars_give_one_line_errors_or_reports_never_tracebacks():
    figures = fuzz.fuzz_calendars(200, seed=20261204)
    assert figures.mutants == 200
    assert figures.exceptions == 0, "\n".join(f.describe() for f in figures.failures[:3])
