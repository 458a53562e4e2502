"""A living handbook's rules: RB113 (an outcome past its due date) and RB114 (a review due).

The rhythm itself (intervals, what counts as the last review) is a pure fact of the model
(`rolebook.model.review_rhythm`); this module only words it as findings.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from rolebook.checks.places import at
from rolebook.checks.registry import rule
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.review_rhythm import ReviewState, Timing, late, overdue_outcomes, reviewed_problem, reviews_due


@rule("RB002", timing="optional")
def reviewed_findings(handbook: Handbook, timing: Timing | None) -> Iterator[Finding]:
    """RB002 for a `reviewed:` that cannot be true (before the first holder; after the build date, given one)."""
    today = timing.today if timing else None
    for entry in handbook.roles():
        problem = reviewed_problem(entry, today)
        if problem:
            yield at(entry, ("reviewed",), "RB002", problem)


@rule("RB113", "RB114", timing="required")
def findings(handbook: Handbook, timing: Timing) -> Iterator[Finding]:
    """The rules that need the build date: RB113 overdue outcomes, RB114 reviews due."""
    for row in overdue_outcomes(handbook, timing.today):
        o = row.outcome
        yield at(row.entry, ("outcomes", row.index, "due"), "RB113",
                  f"outcome `{o.id}` was due {o.due}" + (f" (ends {row.due.isoformat()})" if o.due != row.due.isoformat()
                                                         else "")
                  + f" and is still open, {late(row.days_late)}: set `status: done` or `status: dropped`, "
                  "or give it a new `due:`", o.id)
    for entry, state in reviews_due(handbook, timing):
        yield at(entry, ("reviewed",) if entry.role.reviewed else (), "RB114", review_message(entry, state, timing.today))


def review_message(entry: RoleEntry, state: ReviewState, today: dt.date) -> str:
    source = "last reviewed" if state.source == "reviewed" else "last changed in git"
    rhythm = (f"{state.interval} days while the newest holder is new" if state.new_holder
              else f"{state.interval} days")
    return (f"role `{entry.ref}` is due for review: {source} on {state.last.isoformat()}, "
            f"{state.age} days ago (reviews every {rhythm}): go through its quarterly review, "
            f"then set `reviewed: {today.isoformat()}`")
