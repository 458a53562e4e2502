"""Last-changed dates of handbook files, from one `git log` for the whole folder.

A commit's date is whatever its author's clock (or a hostile pull request) wrote: git keeps years
past 9999 (`10000-01-01`) that no date type reads. Such a date is ignored, and named once with its
commit in `notes`, so a file it touched takes the date of its newest commit that has a usable one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from rolebook.history.git import GitProblem, git, repo_root

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def usable_day(text: str) -> str | None:
    """`text` when it is a YYYY-MM-DD date a `datetime.date` can hold, else None."""
    text = text.strip()
    if not _DAY.fullmatch(text):
        return None
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return None
    return text


def unusable_date_note(commit: str, date: str) -> str:
    return (f"git: commit {commit[:12]} is dated {date!r}, outside the dates Rolebook reads (years 1 to 9999): "
            "its date is ignored")


def git_dates(handbooks: Path, notes: list[str] | None = None) -> dict[str, str] | None:
    """handbook-relative path -> YYYY-MM-DD of its last commit, from ONE `git log`; None outside git.

    A commit whose date is not usable is skipped for dating, and said once in `notes`."""
    handbooks = Path(handbooks).resolve()
    root = repo_root(handbooks)
    if root is None:
        return None
    try:
        rel = handbooks.relative_to(root.resolve()).as_posix()
        out = git("log", "--format=%x1e%H %cs", "--name-only", "--no-renames", "-z", "--", rel, cwd=root)
    except (GitProblem, OSError, ValueError):
        return None
    prefix = "" if rel == "." else rel.rstrip("/") + "/"
    dates: dict[str, str] = {}
    for chunk in out.split("\x1e")[1:]:
        # `-z`: "HASH DATE\0\nname\0name\0...", names unquoted whatever characters they hold.
        head, *names = chunk.split("\0")
        commit, _, raw_date = head.strip().partition(" ")
        date = usable_day(raw_date)
        if date is None:
            if notes is not None:
                notes.append(unusable_date_note(commit, raw_date.strip()))
            continue
        for name in names:
            name = name.removeprefix("\n")
            if name.startswith(prefix):  # the newest date wins, whatever order merges list commits in
                key = name[len(prefix):]
                if date > dates.get(key, ""):
                    dates[key] = date
    return dates
