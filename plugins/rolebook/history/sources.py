"""The two sides a diff compares: a folder, a `roles.json` export, or the handbooks folder at a git revision.

A revision is read as git stores it (`checkout_folder`): the tree from `git ls-tree` and the blobs
from one `git cat-file --batch`, into a temporary folder that is then read like any other
handbooks folder: through `rolebook.loading`, never trusted more than a working tree. Not `git
archive`, which applies the revision's own `.gitattributes` (`export-ignore` drops files, so a
release would seem to remove roles; `export-subst` writes commit data into role text).
`diff_source` tells the three apart from what `rolebook diff` was given.
"""

from __future__ import annotations

import json
import os
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
    """Write `handbooks` as git stores it at `rev` into `into`; returns the written handbooks folder.

    Regular files get their blob's bytes (only the first MAX_BYTES + 1 of a larger one: enough for the
    loader to say it is too large), symlinks stay symlinks (the loader judges them exactly as it
    judges the working tree's; an absolute one into the handbooks folder is made relative, so it
    points at the revision's file as it points at the working tree's); submodules are skipped.
    """
    root = repo_root(handbooks)
    if root is None:
        raise GitProblem(f"{handbooks} is not inside a git repository")
    handbooks_real = handbooks.resolve()
    rel = handbooks_real.relative_to(root.resolve()).as_posix()
    target = into / "handbooks"
    target.mkdir(parents=True, exist_ok=True)
    try:
        listing = git_bytes("ls-tree", "-r", "-l", "-z", "--full-tree", f"{rev}^{{commit}}", "--", rel, cwd=root,
                            timeout=300)
    except GitProblem as exc:
        if str(exc) == "git is not installed":
            raise
        raise GitProblem(f"cannot read {rel} at {rev}: {exc}") from None
    prefix = "" if rel == "." else rel.rstrip("/") + "/"
    entries = []  # (inner path, is a symlink, object id, size)
    for record in listing.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        fields = meta.split()
        if len(fields) != 4 or fields[1] != b"blob":
            continue  # a submodule (commit), or the end
        path = os.fsdecode(name)
        if not path.startswith(prefix):
            continue
        inner = path[len(prefix):]
        if not inner or ".." in Path(inner).parts or Path(inner).is_absolute():
            continue
        size = int(fields[3]) if fields[3].isdigit() else 0
        entries.append((inner, fields[0] == b"120000", fields[2].decode("ascii"), size))
    wanted = [oid for _inner, _link, oid, size in entries if size <= MAX_BYTES]
    blobs = _blobs(wanted, root)
    for inner, is_link, oid, size in entries:
        path = target / inner
        path.parent.mkdir(parents=True, exist_ok=True)
        if is_link:
            _write_link(path, os.fsdecode(blobs.get(oid, b"")), target, handbooks_real)
        else:
            # One byte past the limit is enough for the loader to say "over 1 MiB".
            path.write_bytes(blobs[oid] if oid in blobs else b"\0" * (MAX_BYTES + 1))
    return target


def _blobs(oids: list[str], root: Path) -> dict[str, bytes]:
    """Each blob's bytes as stored (no filters, no attributes), from one `git cat-file --batch`."""
    if not oids:
        return {}
    unique = list(dict.fromkeys(oids))
    out = git_bytes("cat-file", "--batch", cwd=root, timeout=300, input=("\n".join(unique) + "\n").encode("ascii"))
    blobs: dict[str, bytes] = {}
    at = 0
    for oid in unique:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3:  # "<oid> missing"
            raise GitProblem(f"git cat-file: {out[at:end].decode('utf-8', 'replace')}")
        size = int(header[2])
        blobs[oid] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1
    return blobs


def _write_link(path: Path, link: str, target: Path, handbooks_real: Path) -> None:
    if os.path.isabs(link):
        destination = Path(os.path.normpath(link))
        if destination == handbooks_real or handbooks_real in destination.parents:
            link = os.path.relpath(target / destination.relative_to(handbooks_real), path.parent)
    try:
        os.symlink(link, path)
    except (OSError, ValueError):
        pass  # a name git cannot really hold twice, or a NUL in it; the loader reports what is there


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
