"""RB119: the committed CODEOWNERS block is stale (the caller reads the file and compares; see `model.approvals`)."""

from __future__ import annotations

from typing import Iterator

from rolebook.checks.registry import rule
from rolebook.i18n import N_, Message
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook
from rolebook.model.review_rhythm import Timing

STALE_BLOCK = N_("the generated {service} CODEOWNERS block is stale: the handbook's holders, managers or leads changed "
                 "since it was written, or hand-written rules follow it: run `rolebook codeowners --format {service} "
                 "-o {path}` and commit the result")


@rule("RB119", timing="required")
def stale_codeowners(handbook: Handbook, timing: Timing) -> Iterator[Finding]:
    state = timing.codeowners
    if state is not None and state.stale:
        yield Finding(state.path, state.line, 1, "RB119", Message(STALE_BLOCK, service=state.service, path=state.path))
