"""A living handbook's rules: RB113 (an outcome past its due date) and RB114 (a review due).

The rhythm itself (intervals, what counts as the last review) is a pure fact of the model
(`rolebook.model.review_rhythm`); this module only words it as findings.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from rolebook.checks.places import at
from rolebook.checks.registry import rule
from rolebook.i18n import N_
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.periods import period_iso
from rolebook.model.review_rhythm import (
    Overdue,
    ReviewState,
    Timing,
    late,
    overdue_outcomes,
    reviewed_problem,
    reviews_due,
)

# Finding templates (named fields, so they can be translated where they are shown).
MISSED_PERIOD = N_("standing outcome `{id}` ({recurs}) was not met in {period} (ended {end}), {late}: once it is, "
                   "set `done_on:` to the day it was met; if the commitment has ended, set `status: done` or "
                   "`status: dropped`")
DONE_ON_FUTURE = N_("`done_on: {done_on}` of outcome `{id}` is after the build date {today}: write the day it was "
                    "delivered, on or before {today}")
DONE_ON_OPEN = N_("outcome `{id}` has `done_on: {done_on}` but is still `status: open`: set `status: done`, or "
                  "remove `done_on:` until it is delivered (or add `recurs:` if it is a standing commitment)")


@rule("RB002", timing="optional")
def reviewed_findings(handbook: Handbook, timing: Timing | None) -> Iterator[Finding]:
    """RB002 for a `reviewed:` that cannot be true (before the first holder; after the build date, given one)."""
    today = timing.today if timing else None
    for entry in handbook.roles():
        problem = reviewed_problem(entry, today)
        if problem:
            yield at(entry, ("reviewed",), "RB002", problem)


@rule("RB002", timing="optional")
def delivery_date_findings(handbook: Handbook, timing: Timing | None) -> Iterator[Finding]:
    """RB002 for a `done_on:` that cannot be true: after the build date, or on a one-off outcome still open."""
    today = timing.today if timing else None
    for entry in handbook.roles():
        for i, o in enumerate(entry.role.outcomes):
            if not o.done_on:
                continue
            if today is not None and o.done_on > today.isoformat():
                yield at(entry, ("outcomes", i, "done_on"), "RB002",
                          DONE_ON_FUTURE.format(done_on=o.done_on, id=o.id, today=today.isoformat()), o.id)
            elif o.recurs is None and o.status == "open":
                yield at(entry, ("outcomes", i, "done_on"), "RB002", DONE_ON_OPEN.format(id=o.id, done_on=o.done_on),
                          o.id)


@rule("RB113", "RB114", timing="required")
def findings(handbook: Handbook, timing: Timing) -> Iterator[Finding]:
    """The rules that need the build date: RB113 overdue outcomes, RB114 reviews due."""
    for row in overdue_outcomes(handbook, timing.today):
        o = row.outcome
        if row.period is not None:
            yield missed_period_finding(row)
            continue
        yield at(row.entry, ("outcomes", row.index, "due"), "RB113",
                  f"outcome `{o.id}` was due {o.due}" + (f" (ends {row.due.isoformat()})" if o.due != row.due.isoformat()
                                                         else "")
                  + f" and is still open, {late(row.days_late)}: set `status: done` or `status: dropped`, "
                  "or give it a new `due:`", o.id)
    for entry, state in reviews_due(handbook, timing):
        yield at(entry, ("reviewed",) if entry.role.reviewed else (), "RB114", review_message(entry, state, timing.today))


def missed_period_finding(row: Overdue) -> Finding:
    """RB113 for one period of a standing outcome: at its `done_on:` (the date to move on), else its `recurs:`.

    Never "give it a new `due:`": a standing outcome is not re-dated, it is met again."""
    o, entry = row.outcome, row.entry
    field = "done_on" if ("outcomes", row.index, "done_on") in entry.doc.positions else "recurs"
    return at(entry, ("outcomes", row.index, field), "RB113", MISSED_PERIOD.format(
        id=o.id, recurs=o.recurs, period=period_iso(o.recurs, row.period), end=row.period[1].isoformat(),
        late=late(row.days_late)), o.id)


def review_message(entry: RoleEntry, state: ReviewState, today: dt.date) -> str:
    source = "last reviewed" if state.source == "reviewed" else "last changed in git"
    rhythm = (f"{state.interval} days while the newest holder is new" if state.new_holder
              else f"{state.interval} days")
    return (f"role `{entry.ref}` is due for review: {source} on {state.last.isoformat()}, "
            f"{state.age} days ago (reviews every {rhythm}): go through its quarterly review, "
            f"then set `reviewed: {today.isoformat()}`")
