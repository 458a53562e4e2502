"""The two sides a diff compares: a folder, a `roles.json` export, or the handbooks folder at a git revision.

A revision is read with one `git archive` for the whole tree (`checkout_folder`), into a temporary
folder that is then read like any other handbooks folder: through `rolebook.loading`, never trusted
more than a working tree. `diff_source` tells the three apart from what `rolebook diff` was given.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from contextlib import ExitStack
from pathlib import Path

from rolebook.errors import InputError, UsageError
from rolebook.history.git import GitProblem, git, git_bytes, repo_root
from rolebook.loading.files import MAX_BYTES
from rolebook.loading.loader import load_handbook
from rolebook.reports.changes import Source
from rolebook.reports.export import export


def source_from_folder(folder: Path, label: str | None = None) -> Source:
    handbook = load_handbook(folder)
    return Source(label or str(folder), export(handbook),
                  [p.relative_to(folder).as_posix() for p in handbook.unreadable])


def source_from_json(path: Path) -> Source:
    """A `roles.json` export as a side of a diff; InputError when the file is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{path}: cannot read it as a roles.json export ({getattr(exc, 'strerror', None) or exc}): "
                         "give a file written by `rolebook export`") from None
    if not isinstance(data, dict) or "roles" not in data:
        raise InputError(f"{path} is not a roles.json export")
    return Source(str(path), data)


def diff_source(spec: str | None, handbooks: Path, stack: ExitStack) -> Source:
    """One side of `rolebook diff`: a folder, a roles.json file, a git revision, or (None) the working tree.

    A revision is unpacked into a temporary folder that `stack` removes; `handbooks` is the handbooks
    folder (for a revision: its path in the repository).
    """
    if spec is None:
        if not handbooks.is_dir():
            raise InputError(f"{handbooks}: no such handbooks folder")
        return source_from_folder(handbooks, "working tree")
    path = Path(spec)
    if path.is_dir():
        return source_from_folder(path, spec)
    if path.is_file():
        return source_from_json(path)
    where = handbooks if handbooks.is_dir() else Path(".")
    if not is_revision(spec, where):
        raise UsageError(f"{spec}: not a folder, a roles.json file or a git revision")
    folder = stack.enter_context(RevisionFolder(spec, handbooks.resolve()))
    return source_from_folder(folder, spec)


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
    target = into / "handbooks"
    try:
        data = git_bytes("archive", "--format=tar", rev, "--", rel, cwd=root, timeout=300)
    except GitProblem as exc:
        message = str(exc)
        if message == "git is not installed":
            raise
        target.mkdir(parents=True, exist_ok=True)
        if "did not match any files" in message or "pathspec" in message:
            return target  # the folder did not exist yet at that revision: an empty handbook
        raise GitProblem(f"cannot read {rel} at {rev}: {message}") from None
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
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
