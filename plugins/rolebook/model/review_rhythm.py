"""A living handbook: overdue outcomes (RB113) and reviews due (RB114).

The framework's answer to job descriptions written once and never read again
is a rhythm: commitments get done, dropped or re-dated, and each role is
reviewed monthly while its holder is new, quarterly after that. This module
knows that rhythm; `checks.living` turns it into findings, `reports.health` into a report,
and the role page into "last reviewed" and "review due".

Everything here is a pure function of the model, the build date and a map of
file -> last-changed date that the caller reads from git once for the whole
handbook (`rolebook.history.dates`), never once per role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from rolebook.i18n import N_, Day, Message, Nn_
from rolebook.model.approvals import CodeownersState
from rolebook.model.format import due_end
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.periods import Period
from rolebook.model.standing import missed_periods

REVIEW_INTERVAL = 92  # days between reviews once the holder is settled ("quarterly")
NEW_HOLDER_REVIEW_INTERVAL = 31  # days between reviews while the holder is new ("monthly at first")
NEW_HOLDER_DAYS = 90  # a holder is new for this many days after `since`

# Two look-ahead windows that both say "due soon" on the page, for two different questions (they were
# one name, DUE_SOON_DAYS, with two values in two modules; the tests pin both, so both stay):
# - the overview's "Due soon" list is planning: every open outcome due by the build date + 45 days,
#   overdue ones first (about six weeks, a little more than a month of sprints);
# - the health report's "Due soon, with nothing leading to them" is an alarm: open outcomes due from
#   today to today + 30 days that no activity or output leads to (overdue ones have their own section).
OVERVIEW_DUE_DAYS = 45
UNLED_DUE_DAYS = 30

# Plugin options (mkdocs.yml) that change the two intervals.
INTERVAL_OPTION = "review_interval"
NEW_HOLDER_INTERVAL_OPTION = "review_interval_new_holder"


@dataclass(frozen=True)
class ReviewPolicy:
    """How often a role is reviewed, in days."""

    interval: int = REVIEW_INTERVAL
    new_holder_interval: int = NEW_HOLDER_REVIEW_INTERVAL
    new_holder_days: int = NEW_HOLDER_DAYS

    @classmethod
    def from_options(cls, options: Mapping[str, object] | None) -> "ReviewPolicy":
        """The policy from plugin options; ValueError naming the option and what to write."""
        options = options or {}
        values = {}
        for option, attr, default in ((INTERVAL_OPTION, "interval", REVIEW_INTERVAL),
                                      (NEW_HOLDER_INTERVAL_OPTION, "new_holder_interval", NEW_HOLDER_REVIEW_INTERVAL)):
            value = options.get(option)
            if value is None:
                values[attr] = default
                continue
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3660:
                raise ValueError(f"{option}: {value!r} is not a number of days: write a whole number "
                                 f"from 1 to 3660 (default {default})")
            values[attr] = value
        return cls(**values)


@dataclass(frozen=True)
class Timing:
    """What the date-dependent rules need: the build date, the policy, and git's dates.

    `changed` maps handbook-relative POSIX paths to the date of the last commit
    that touched them; None when the handbook is not in a git repository (then
    RB114 judges roles by `reviewed:` alone).
    """

    today: dt.date
    policy: ReviewPolicy = ReviewPolicy()
    changed: Mapping[str, str] | None = None
    # The repository's committed CODEOWNERS block, judged against the handbook (RB119); None: no block.
    codeowners: "CodeownersState | None" = None
    notes: tuple[str, ...] = ()  # what reading git's dates had to skip, said once per build or check

    @property
    def in_git(self) -> bool:
        return self.changed is not None






# -- outcomes ------------------------------------------------------------------


@dataclass(frozen=True)
class Overdue:
    entry: RoleEntry
    index: int  # position in the role's `outcomes:`
    outcome: object  # model.Outcome
    due: dt.date  # the last day the due value (or the missed period) allows
    days_late: int
    period: Period | None = None  # a standing outcome's missed period: one row per period


def overdue_outcomes(handbook: Handbook, today: dt.date) -> list[Overdue]:
    """Open outcomes of roles that are not retired, past their due date's last day; oldest first.

    A standing outcome (`recurs:`) is counted per period: one row for each period that ended unmet.
    """
    rows = []
    for entry in handbook.roles():
        if entry.role.status == "retired":
            continue
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.recurs is not None:
                rows.extend(Overdue(entry, i, outcome, p[1], (today - p[1]).days, p)
                            for p in missed_periods(outcome, today))
                continue
            end = due_end(outcome.due) if outcome.status == "open" else None
            if end is not None and end < today:
                rows.append(Overdue(entry, i, outcome, end, (today - end).days))
    return sorted(rows, key=lambda r: (r.due, r.entry.ref, r.outcome.id))


DAYS_LATE = Nn_("{n} day late", "{n} days late")


def late(days: int) -> str:
    """How late, in words a reader takes in at a glance (in the active language)."""
    return late_message(days).render()


def late_message(days: int) -> Message:
    """How late, to be worded where it is shown (a finding's part)."""
    return Message(DAYS_LATE, n=days)


# -- reviews -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewState:
    """When a role was last reviewed, and when the next review is due."""

    last: dt.date | None  # None: nothing to go by (no valid `reviewed:`, no git date)
    source: str | None  # "reviewed" (the file says so) or "git" (the file's last change)
    interval: int  # days allowed between reviews for this role now
    new_holder: bool  # the shorter interval applies: the newest holder started recently
    due_by: dt.date | None  # the last day the current review is good for
    due: bool  # active role whose last review is older than the interval
    age: int | None = None  # days since the last review


def newest_start(entry: RoleEntry) -> dt.date | None:
    starts = [dt.date.fromisoformat(h.since) for h in entry.role.holders if h.since]
    return max(starts) if starts else None


def first_start(entry: RoleEntry) -> dt.date | None:
    starts = [dt.date.fromisoformat(h.since) for h in entry.role.holders if h.since]
    return min(starts) if starts else None


REVIEWED_AFTER_TODAY = N_("`reviewed: {reviewed}` is after the build date {today}: write the date the review "
                          "happened, on or before {today}")
REVIEWED_BEFORE_HOLDER = N_("`reviewed: {reviewed}` is before the role's first holder started ({first}): write the "
                            "date this holder last reviewed the file, on or after {first}, or remove it")
OUTSIDE_GIT = N_("{handbook} is not in a git repository: RB114 (reviews due) goes by `reviewed:` alone, so roles "
                 "without it are not checked for reviews")


def reviewed_problem(entry: RoleEntry, today: dt.date | None) -> Message | None:
    """Why the role's `reviewed:` cannot be true, with what to write; None when it can.

    Without a build date (`today` None) only what does not depend on it is judged.
    """
    if not entry.role.reviewed:
        return None
    reviewed = dt.date.fromisoformat(entry.role.reviewed)
    if today is not None and reviewed > today:
        return Message(REVIEWED_AFTER_TODAY, reviewed=entry.role.reviewed, today=Day(today))
    first = first_start(entry)
    if first is not None and reviewed < first:
        return Message(REVIEWED_BEFORE_HOLDER, reviewed=entry.role.reviewed, first=Day(first))
    return None


def relative_path(handbook: Handbook, entry: RoleEntry) -> str:
    try:
        return entry.path.relative_to(handbook.root).as_posix()
    except ValueError:
        return entry.path.name


def review_state(handbook: Handbook, entry: RoleEntry, timing: Timing) -> ReviewState:
    today, policy = timing.today, timing.policy
    start = newest_start(entry)
    new_holder = start is not None and (today - start).days <= policy.new_holder_days
    interval = policy.new_holder_interval if new_holder else policy.interval
    last, source = None, None
    if entry.role.reviewed and reviewed_problem(entry, today) is None:
        last, source = dt.date.fromisoformat(entry.role.reviewed), "reviewed"
    elif timing.changed is not None:
        changed = timing.changed.get(relative_path(handbook, entry))
        if changed:
            last, source = dt.date.fromisoformat(changed), "git"
    if last is None:
        return ReviewState(None, None, interval, new_holder, None, False)
    due_by = last + dt.timedelta(days=interval)
    age = (today - last).days
    due = entry.role.status == "active" and age > interval
    return ReviewState(last, source, interval, new_holder, due_by, due, age)


def reviews_due(handbook: Handbook, timing: Timing) -> list[tuple[RoleEntry, ReviewState]]:
    """Active roles due for review, longest unreviewed first."""
    rows = []
    for entry in handbook.roles():
        if entry.role.status != "active":
            continue
        state = review_state(handbook, entry, timing)
        if state.due:
            rows.append((entry, state))
    return sorted(rows, key=lambda row: (row[1].last, row[0].ref))


def unjudged_roles(handbook: Handbook, timing: Timing) -> list[RoleEntry]:
    """Active roles with nothing to judge a review by (no valid `reviewed:`, no git date)."""
    return [e for e in handbook.roles()
            if e.role.status == "active" and review_state(handbook, e, timing).last is None]


def outside_git_note(handbook_label: str) -> Message:
    """The one sentence that says RB114 reads `reviewed:` alone (said once, not per role)."""
    return Message(OUTSIDE_GIT, handbook=handbook_label)


# -- findings ------------------------------------------------------------------








