"""The one place Rolebook runs `git`: a command's output as text, or a GitProblem.

Every problem is a GitProblem with a sentence a person can act on; outside a
repository, or without git installed, callers degrade instead of failing
(`repo_root` returns None).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from rolebook.errors import InputError


class GitProblem(InputError):
    """git is missing, or cannot read what it was asked for (a revision, a repository)."""


def git(*args: str, cwd: Path) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise GitProblem("git is not installed") from None
    if result.returncode != 0:
        raise GitProblem(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def repo_root(path: Path) -> Path | None:
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=path if path.is_dir() else path.parent).strip())
    except (GitProblem, OSError):
        return None






