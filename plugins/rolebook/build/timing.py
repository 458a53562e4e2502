"""The timing of a check or build: its build date, its review policy and git's dates, read once."""

from __future__ import annotations

from rolebook.build.codeowners_file import codeowners_state
from rolebook.build.settings import build_date
from rolebook.history.dates import git_dates
from rolebook.model.handbook import Handbook
from rolebook.model.review_rhythm import ReviewPolicy, Timing


def timing_for(handbook: Handbook, today: object = None, policy: ReviewPolicy | None = None,
               use_git: bool = True, codeowners_fallback: str | None = None) -> Timing:
    """The timing of a check: the build date, git's dates read in one pass (when asked), the CODEOWNERS block;
    what git could not date (a commit in year 10000) is in its `notes`."""
    notes: list[str] = []
    changed = git_dates(handbook.root, notes) if use_git else None
    return Timing(build_date(today), policy or ReviewPolicy(), changed,
                  codeowners_state(handbook, codeowners_fallback), tuple(notes))
