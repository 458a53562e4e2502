"""The one place Rolebook runs `git`: a command's output as text or bytes, or a GitProblem.

Every problem is a GitProblem with a sentence a person can act on; outside a
repository, or without git installed, callers degrade instead of failing
(`repo_root` returns None). Nothing else in the package starts a git process
(a test holds every other module to that), so timeouts, encodings and the
"git is not installed" message live here once.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from rolebook.errors import InputError


class GitProblem(InputError):
    """git is missing, or cannot read what it was asked for (a revision, a repository)."""


def _run(args: tuple[str, ...], cwd: Path, timeout: float, text: bool,
         input: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text, timeout=timeout, input=input)
    except FileNotFoundError:
        raise GitProblem("git is not installed") from None


def git(*args: str, cwd: Path, timeout: float = 120) -> str:
    """The command's standard output as text; GitProblem (with git's own words) when it fails."""
    result = _run(args, cwd, timeout, text=True)
    if result.returncode != 0:
        raise GitProblem(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def git_bytes(*args: str, cwd: Path, timeout: float = 120, input: bytes | None = None) -> bytes:
    """The command's standard output as bytes, fed `input` (`cat-file --batch`: many objects through one
    process); GitProblem when it fails or takes over `timeout` seconds."""
    try:
        result = _run(args, cwd, timeout, text=False, input=input)
    except subprocess.TimeoutExpired:
        raise GitProblem(f"git {' '.join(args)} took over {timeout:g} s") from None
    if result.returncode != 0:
        raise GitProblem(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def git_output(*args: str, cwd: Path, timeout: float = 30) -> str:
    """Whatever the command printed, even when it fails (then usually nothing): for fingerprints of the git state.

    GitProblem only when git cannot run at all: not installed, or it timed out.
    """
    try:
        return _run(args, cwd, timeout, text=True).stdout
    except subprocess.TimeoutExpired:
        raise GitProblem(f"git {' '.join(args)} took over {timeout:g} s") from None


def repo_root(path: Path) -> Path | None:
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=path if path.is_dir() else path.parent).strip())
    except (GitProblem, OSError):
        return None
