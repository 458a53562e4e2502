"""One build at a time in a cache folder: an exclusive `flock` on a file in it.

Two builds writing one page folder would publish each other's pages and delete each other's files;
two checkouts sharing a cache folder each get a folder of their own (see `build.session`), and two
builds of one checkout at once (a server and a `mkdocs build`) take turns here. The lock file is
opened without following a symlink, below a folder already checked by `folders.ensure_folder`;
the lock goes with the process if it dies.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking (one build at a time is the user's)
    fcntl = None

LOCK_FILE = ".lock"


class Busy(Exception):
    """Another build held the folder for longer than the wait allowed."""


class FolderLock:
    """`acquire()` waits up to `wait` seconds (calling `waiting` once when it has to wait); `release()`."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_FILE
        self.fd: int | None = None

    def acquire(self, wait: float = 600.0, waiting=None) -> None:
        if self.fd is not None or fcntl is None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0),
                     0o600)
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise Busy(f"{self.path.parent} stayed in use by another build for {wait:g} s") from None
                if not told and waiting is not None:
                    waiting()
                    told = True
                time.sleep(0.05)
        self.fd = fd

    def __del__(self) -> None:  # a session dropped without `finished()` (a test, an error) frees the folder
        self.release()

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            os.close(fd)  # closing the descriptor drops the lock
