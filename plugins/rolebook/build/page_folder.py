"""Generated pages as real files: written under the cache folder, only when their bytes change.

MkDocs and its plugins expect a page to have a source file: `--dirty`
compares the source's modification time with the built page's, and plugins
such as mkdocs-static-i18n read `abs_src_path`. So every generated page (and
diagram SVG, and `roles.json`) is a file below one folder that Rolebook owns,
laid out as `rolebook render` lays out its output. A file is rewritten only
when its content changes, so its modification time says when its content last
changed; files of pages that no longer exist (a role deleted or renamed) are
removed.

The folder sits in the cache folder, which a checkout may carry: a symlink
found in it is removed, never written through, and nothing is written outside
it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

PAGES_FOLDER = "pages"


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)  # relative paths whose content changed (or new)
    removed: list[str] = field(default_factory=list)  # relative paths no longer generated


class PageFolder:
    """One folder of generated files; remembers what it wrote (across `mkdocs serve` rebuilds)."""

    def __init__(self, root: str | Path, *, remember: bool = True):
        """`remember`: keep each text object written, so that the next pass skips the very same
        object without hashing it (`mkdocs serve` rebuilds); a one-off build keeps none."""
        self.root = Path(root)
        self.remember = remember
        self._digests: dict[str, bytes] = {}  # relative path -> sha256 of what is on disk
        self._last: dict[str, object] = {}  # relative path -> the content object last written or checked

    def sync(self, files: Mapping[str, str | bytes]) -> SyncReport:
        """Make the folder hold exactly `files` (relative POSIX path -> content)."""
        writer = self.writer()
        for rel in sorted(files):
            writer.put(rel, files[rel])
        return writer.finish()

    def writer(self) -> "FolderWriter":
        """Fill the folder one file at a time (`put`), then `finish` removes what was not put."""
        return FolderWriter(self)

    def digests(self) -> dict[str, str]:
        """Relative path -> hex sha256 of each file as last written or checked."""
        return {rel: digest.hex() for rel, digest in self._digests.items()}

    # -- helpers ---------------------------------------------------------------

    def _same(self, rel: str, path: Path, digest: bytes) -> bool:
        known = self._digests.get(rel)
        if known is not None:
            return known == digest
        try:
            same = hashlib.sha256(path.read_bytes()).digest() == digest
        except OSError:
            return False
        if same:
            self._digests[rel] = digest
        return same

    def _prepare_root(self) -> None:
        if self.root.is_symlink() or (self.root.exists() and not self.root.is_dir()):
            self.root.unlink()  # a symlink or a file where the folder should be: ours to replace
            self._digests.clear()
        self.root.mkdir(parents=True, exist_ok=True)

    def _scan(self) -> set[str]:
        """Relative paths of the regular files in the folder; symlinks and odd entries are removed.

        `os.scandir` gives each entry's type from the directory listing itself, so a
        folder of thousands of pages costs no stat call per file.
        """
        found: set[str] = set()
        pending = [(self.root, "")]
        while pending:
            folder, prefix = pending.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    rel = prefix + entry.name
                    if entry.is_symlink():
                        os.unlink(entry.path)
                        self._digests.pop(rel, None)
                        self._last.pop(rel, None)
                    elif entry.is_dir(follow_symlinks=False):
                        pending.append((Path(entry.path), rel + "/"))
                    elif not entry.is_file(follow_symlinks=False) or entry.name.startswith(".") and ".tmp" in entry.name:
                        os.unlink(entry.path)
                        self._digests.pop(rel, None)
                        self._last.pop(rel, None)
                    else:
                        found.add(rel)
        return found

    def _remove_empty_folders(self) -> None:
        for folder, _dirs, _names in sorted(os.walk(self.root, topdown=False), key=lambda t: -len(t[0])):
            if Path(folder) != self.root:
                try:
                    os.rmdir(folder)
                except OSError:
                    pass  # not empty


class FolderWriter:
    """One pass over a PageFolder: files arrive one at a time, so none need be held together."""

    def __init__(self, folder: PageFolder) -> None:
        self.folder = folder
        self.report = SyncReport()
        folder._prepare_root()
        self.on_disk = folder._scan()
        self.made_dirs: set[str] = set()
        self.seen: set[str] = set()

    def put(self, rel: str, content: str | bytes) -> None:
        """The folder holds `content` at `rel`: written only when its bytes differ from what is there."""
        if not _safe_relative(rel):
            raise ValueError(f"not a relative path inside the pages folder: {rel!r}")
        if rel in self.seen:
            raise ValueError(f"{rel!r} given twice")
        self.seen.add(rel)
        folder = self.folder
        if rel in self.on_disk and folder._last.get(rel) is content and rel in folder._digests:
            return  # the very same text as last time (an incremental rebuild kept it)
        if folder.remember:
            folder._last[rel] = content
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha256(data).digest()
        path = folder.root.joinpath(*rel.split("/"))
        if rel in self.on_disk and folder._same(rel, path, digest):
            return
        parent = rel.rpartition("/")[0]
        if parent and parent not in self.made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made_dirs.add(parent)
        tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic, and replaces a symlink itself, never its target
        folder._digests[rel] = digest
        self.report.written.append(rel)

    def finish(self) -> SyncReport:
        """Remove the files not put in this pass (pages of roles that are gone)."""
        folder = self.folder
        for rel in sorted(self.on_disk - self.seen):
            path = folder.root.joinpath(*rel.split("/"))
            path.unlink(missing_ok=True)
            folder._digests.pop(rel, None)
            folder._last.pop(rel, None)
            self.report.removed.append(rel)
        if self.report.removed:
            folder._remove_empty_folders()
        self.report.written.sort()
        return self.report


def _safe_relative(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and all(p not in ("", ".", "..") for p in parts)
