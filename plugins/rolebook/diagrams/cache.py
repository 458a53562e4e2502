"""The diagram cache on disk: SVG files keyed by everything that shapes them.

The cache folder may come from a checkout (a committed `.cache/`), so nothing
in it is trusted: a file is read only when it is a regular file (not a
symlink, FIFO or device) of bounded size, decoded strictly as UTF-8, and
accepted only when the SVG validator leaves it byte for byte unchanged (the
validator's output is a fixed point, so anything the build did not write
itself fails) and its seal is this user's for this folder and key (the last
line, `<!--rolebook-seal:HEX-->`, see `rolebook.caching.seal`): a well-formed SVG
that says something else (a committed or copied file) is not taken either.
Anything else is "damaged": logged, drawn again and overwritten. Subfolders are
reached without following symlinks (`rolebook.caching.folders`). A cache that cannot be written (a file where the folder should
be, a read-only folder) is logged once and the build goes on without it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rolebook import __version__
from rolebook.caching.folders import UnsafeFolder, ensure_folder, write_entry
from rolebook.caching.seal import is_sealed, seal
from rolebook.diagrams.svg_safety import UnsafeSvg, sanitize

MAX_BYTES = 16 * 1024 * 1024  # far above any diagram: past 120 roles the overview shows teams
SEAL_START, SEAL_END = "<!--rolebook-seal:", "-->\n"
# Packages whose version changes the SVG bytes (the DOT source covers the rest).
SHAPING_PACKAGES = ("graphviz",)


@lru_cache(maxsize=1)
def package_versions() -> str:
    """Once per process: reading package metadata costs milliseconds."""
    found = []
    for name in SHAPING_PACKAGES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return " ".join(found)


def cache_key(source: str, *, dot_version: str, options: tuple[str, ...], fmt: str) -> str:
    """SHA-256 over the cache format, Rolebook's and the shaping packages' versions, `dot -V`, options and DOT."""
    digest = hashlib.sha256()
    for part in (fmt, f"rolebook={__version__}", package_versions(), dot_version, " ".join(options), source):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class DiskCache:
    """SVG files under `folder/<key[:2]>/<key>.svg`; every problem is logged, none raised."""

    def __init__(self, folder: str | Path | None, log: logging.Logger | logging.LoggerAdapter):
        self.folder = Path(folder) if folder else None
        self.log = log
        self.writable = self.folder is not None
        if self.folder is not None and self.folder.is_symlink():
            # A committed symlink would make the build read and write outside the project.
            log.info(f"rolebook: the diagram cache {self.folder} is a symlink; building without it")
            self.folder, self.writable = None, False

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.svg"

    def _scope(self, key: str) -> str:
        return f"svg\0{os.path.abspath(self.folder)}\0{key}"

    def read(self, key: str) -> str | None:
        """The cached SVG, or None when absent or damaged (damage is logged)."""
        if self.folder is None:
            return None
        path = self.path(key)
        try:
            info = path.lstat()
        except FileNotFoundError:
            return None
        except OSError as exc:  # NotADirectoryError: a file where a folder should be; permissions
            self.log.info(f"rolebook: diagram cache {path} cannot be read ({exc.strerror}); drawing it again")
            return None
        problem = None
        if not stat.S_ISREG(info.st_mode):
            problem = "not a regular file"
        elif info.st_size > MAX_BYTES:
            problem = f"larger than {MAX_BYTES} bytes"
        else:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                with os.fdopen(fd, "rb") as handle:
                    text = handle.read(MAX_BYTES + 1).decode("utf-8")
                text, claimed = split_entry(text)
                verdict = sanitize(text)
                if verdict.dropped:
                    problem = "holds what Graphviz does not write: " + ", ".join(sorted(set(verdict.dropped))[:5])
                elif verdict.svg != text:
                    problem = "was not written by this version of Rolebook"
                elif not is_sealed(self._scope(key), text.encode("utf-8"), claimed):
                    problem = "was not written by this user's builds for this folder (a committed or copied cache)"
                else:
                    return text
            except UnicodeDecodeError:
                problem = "is not UTF-8"
            except UnsafeSvg as exc:
                problem = str(exc)
            except OSError as exc:
                problem = f"cannot be read ({exc.strerror})"
        self.log.info(f"rolebook: diagram cache {path}: {problem}; drawing it again")
        return None

    def write(self, key: str, svg: str) -> None:
        """Store atomically (a concurrent build never reads half a file); on failure, stop trying."""
        if not self.writable:
            return
        path = self.path(key)
        data = svg.encode("utf-8")
        try:
            ensure_folder(path.parent, self.folder.parent)
            # replaces a symlink or a damaged file itself, never its target
            write_entry(path, data + f"{SEAL_START}{seal(self._scope(key), data)}{SEAL_END}".encode())
        except (OSError, UnsafeFolder) as exc:
            self.writable = False
            self.log.info(f"rolebook: the diagram cache {self.folder} cannot be written ({getattr(exc, 'strerror', None) or exc}); "
                             "building without it. Delete it or point the plugin's `cache_dir:` at a writable folder.")


def split_entry(text: str) -> tuple[str, str | None]:
    """(the SVG, its seal) of a cache file's text; no seal when its last line is not one."""
    head, start, tail = text.rpartition(SEAL_START)
    if not start or not tail.endswith(SEAL_END) or "\n" in tail[:-1]:
        return text, None
    return head, tail[: -len(SEAL_END)]
