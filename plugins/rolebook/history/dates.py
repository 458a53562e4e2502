"""Last-changed dates of handbook files, from one `git log` for the whole folder."""

from __future__ import annotations

from pathlib import Path

from rolebook.history.git import GitProblem, git, repo_root


def git_dates(handbooks: Path) -> dict[str, str] | None:
    """handbook-relative path -> YYYY-MM-DD of its last commit, from ONE `git log`; None outside git."""
    handbooks = Path(handbooks).resolve()
    root = repo_root(handbooks)
    if root is None:
        return None
    try:
        rel = handbooks.relative_to(root.resolve()).as_posix()
        out = git("log", "--format=%x1e%cs", "--name-only", "--no-renames", "-z", "--", rel, cwd=root)
    except (GitProblem, OSError, ValueError):
        return None
    prefix = "" if rel == "." else rel.rstrip("/") + "/"
    dates: dict[str, str] = {}
    for chunk in out.split("\x1e")[1:]:
        # `-z`: "DATE\0\nname\0name\0...", names unquoted whatever characters they hold.
        date, *names = chunk.split("\0")
        date = date.strip()
        for name in names:
            name = name.removeprefix("\n")
            if name.startswith(prefix):  # the newest date wins, whatever order merges list commits in
                key = name[len(prefix):]
                if date > dates.get(key, ""):
                    dates[key] = date
    return dates
