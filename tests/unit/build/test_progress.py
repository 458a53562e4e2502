"""The progress line: silent on short builds, one line every few seconds on long ones, the last page too."""

from __future__ import annotations

import logging

from rolebook.build.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "test-progress"]


def test_a_short_build_says_nothing(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    progress = Progress(100, logging.getLogger("test-progress"), clock=clock)
    for _ in range(100):
        clock.now += 0.02  # two seconds in all
        progress.step("converted")
    assert lines(caplog) == []


def test_a_long_build_logs_every_few_seconds_and_the_end_of_each_phase(caplog):
    caplog.set_level(logging.INFO)
    clock = Clock()
    progress = Progress(4000, logging.getLogger("test-progress"), clock=clock)
    for phase in ("converted", "written"):
        for _ in range(4000):
            clock.now += 0.005  # 20 s a phase
            progress.step(phase)
    shown = lines(caplog)
    assert shown[0] in {"600 of 4,000 pages converted (3 s)", "601 of 4,000 pages converted (3 s)"}
    assert "4,000 of 4,000 pages converted (20 s)" in shown
    assert shown[-1] == "4,000 of 4,000 pages written (40 s)"
    assert 8 <= len(shown) <= 12  # about one line per 5 s, not one per page
