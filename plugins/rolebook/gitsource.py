"""Read a handbook as it was at a git revision, with one `git` process for the whole tree.

`git archive` streams the handbooks folder of a revision as a tar; it is
unpacked into a temporary folder and read like any other handbook. Every
problem is a GitProblem with a sentence a person can act on.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .reading import MAX_BYTES


class GitProblem(Exception):
    pass


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


def is_revision(rev: str, cwd: Path) -> bool:
    try:
        git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=cwd)
        return True
    except (GitProblem, OSError):
        return False


def checkout_folder(rev: str, handbooks: Path, into: Path) -> Path:
    """Unpack `handbooks` as it was at `rev` into `into`; returns the unpacked handbooks folder."""
    root = repo_root(handbooks)
    if root is None:
        raise GitProblem(f"{handbooks} is not inside a git repository")
    rel = handbooks.resolve().relative_to(root.resolve()).as_posix()
    try:
        data = subprocess.run(["git", "archive", "--format=tar", rev, "--", rel], cwd=root, capture_output=True,
                              timeout=300)
    except FileNotFoundError:
        raise GitProblem("git is not installed") from None
    target = into / "handbooks"
    target.mkdir(parents=True, exist_ok=True)
    if data.returncode != 0:
        message = data.stderr.decode("utf-8", "replace").strip()
        if "did not match any files" in message or "pathspec" in message:
            return target  # the folder did not exist yet at that revision: an empty handbook
        raise GitProblem(f"cannot read {rel} at {rev}: {message}")
    with tarfile.open(fileobj=io.BytesIO(data.stdout)) as tar:
        prefix = rel.rstrip("/") + "/"
        for member in tar.getmembers():
            if not (member.isfile() or member.issym()) or not member.name.startswith(prefix):
                continue
            inner = member.name[len(prefix):]
            if not inner or ".." in Path(inner).parts or Path(inner).is_absolute():
                continue
            path = target / inner
            path.parent.mkdir(parents=True, exist_ok=True)
            if member.issym():
                # Kept as a link, so the loader judges it exactly as `rolebook check` judges the
                # working tree (a link out of the handbooks folder is RB001, never read).
                try:
                    os.symlink(member.linkname, path)
                except OSError:
                    pass  # a name git cannot really hold twice; the loader reports what is there
                continue
            # One byte past the limit is enough for the loader to say "over 1 MiB".
            path.write_bytes(tar.extractfile(member).read(MAX_BYTES + 1))
    return target


class RevisionFolder:
    """Context manager: a temporary folder holding the handbook at a revision."""

    def __init__(self, rev: str, handbooks: Path):
        self.rev, self.handbooks = rev, handbooks
        self._tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> Path:
        # Memory-backed where the system has it: unpacking and re-reading a
        # thousand small files cost about 0.8 s on a disk-backed /tmp here.
        # (Reading the archive without any files at all would be better still;
        # the loader walks real folders today.)
        shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        self._tmp = tempfile.TemporaryDirectory(prefix="rolebook-", dir=shm)
        return checkout_folder(self.rev, self.handbooks, Path(self._tmp.name))

    def __exit__(self, *exc) -> None:
        if self._tmp:
            self._tmp.cleanup()
