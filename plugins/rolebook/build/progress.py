"""A progress line for long builds, through the site generator's own log (no second progress bar).

A build of a large handbook runs tens of seconds with nothing on the terminal. `Progress` counts
the pages of a phase ("converted", "written") and logs one line at most every `every` seconds,
and only once the build has run `after` seconds, so a short build (and each `serve --dirty` save)
stays silent: `1,200 of 4,000 pages converted (12 s)`. The clock is handed in, so the
rhythm is tested without waiting.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Callable

AFTER_VARIABLE = "ROLEBOOK_PROGRESS_AFTER"


def seconds_before_progress(default: float = 3.0) -> float:
    """How long a build runs before its progress shows: `ROLEBOOK_PROGRESS_AFTER` (seconds), else `default`."""
    try:
        value = float(os.environ.get(AFTER_VARIABLE, default))
    except ValueError:
        return default
    return value if value >= 0 else default


class Progress:
    """Counts one build's pages per phase and logs a line now and then; see the module docstring."""

    def __init__(self, total: int, log: logging.Logger, *, after: float = 3.0, every: float = 5.0,
                 clock: Callable[[], float] = time.monotonic, started: float | None = None) -> None:
        self.total = total
        self.log = log
        self.after = after
        self.every = every
        self.clock = clock
        self.started = clock() if started is None else started
        self.last_line: float | None = None
        self.done: dict[str, int] = {}

    def step(self, phase: str) -> None:
        """One more page through `phase`; a line when the build is long and the last line is old enough."""
        done = self.done[phase] = self.done.get(phase, 0) + 1
        now = self.clock()
        if now - self.started < self.after:
            return
        if self.last_line is not None and now - self.last_line < self.every and done != self.total:
            return
        if done == self.total and self.last_line is None:
            return  # the phase ended before any line was due: nothing to follow
        self.last_line = now
        self.log.info(f"{done:,} of {self.total:,} pages {phase} ({now - self.started:.0f} s)")
