"""Cache folders reached without following a symlink at any level below a trusted folder.

A checkout may carry `.cache -> /somewhere`, `.cache/rolebook -> /home/ci`, `pages -> ..`, or a file
where a folder should be. Resolving the path first (`Path.resolve`) and checking afterwards would
follow the link before anything looks. So a folder is reached from a trusted one (the checkout
itself, whose own location may involve symlinks) one component at a time, each opened with
`O_NOFOLLOW | O_DIRECTORY` relative to its parent's descriptor (`dir_fd`) and created the same way
when missing: a symlink or a non-folder on the way is `UnsafeFolder`, naming it, and nothing was
read or written through it.

Files in a cache folder are read the same way (`read_entry`): opened without following a symlink,
without blocking on a FIFO, and bounded before the read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class UnsafeFolder(Exception):
    """A component of a cache path is a symlink or not a folder, or cannot be made; the message names it."""


def inside(path: Path, folder: Path) -> bool:
    """Whether the absolute `path` is `folder` or below it (by name: nothing is resolved)."""
    return path == folder or folder in path.parents


def ensure_folder(path: Path, trusted: Path, *, create: bool = True) -> Path:
    """`path` (absolute, below `trusted`) as a real folder, each component checked from `trusted` down.

    Returns `path`; raises UnsafeFolder naming the first component that is a symlink, not a folder,
    or cannot be created (`create`: missing components are made, 0777 less the umask).
    """
    path, trusted = Path(os.path.abspath(path)), Path(os.path.abspath(trusted))
    if not inside(path, trusted):
        raise UnsafeFolder(f"{path} is not inside {trusted}")
    try:
        fd = os.open(trusted, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnsafeFolder(f"{trusted} cannot be opened ({exc.strerror})") from None
    where = trusted
    try:
        for part in path.relative_to(trusted).parts:
            where = where / part
            parent, fd = fd, -1
            fd = _step(parent, part, where, create)  # closes `parent`, also when it raises
    finally:
        if fd >= 0:
            os.close(fd)
    return path


def _step(fd: int, part: str, where: Path, create: bool) -> int:
    """Open `part` below the folder `fd` (closing `fd`), creating it when asked."""
    try:
        try:
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
        except FileNotFoundError:
            if not create:
                raise UnsafeFolder(f"{where} does not exist") from None
            try:
                os.mkdir(part, dir_fd=fd)
            except FileExistsError:
                pass  # another build made it meanwhile (or it is a dangling symlink: the open below says so)
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
    except OSError as exc:
        raise UnsafeFolder(f"{where} {_why(exc, fd, part)}") from None
    finally:
        os.close(fd)
    return child


def _why(exc: OSError, fd: int, part: str) -> str:
    if exc.errno in (errno.ELOOP, errno.EMLINK):
        return "is a symlink"
    if exc.errno == errno.ENOTDIR:
        try:
            info = os.lstat(part, dir_fd=fd)
        except OSError:
            return "is not a folder"
        return "is a symlink" if stat.S_ISLNK(info.st_mode) else "is a file, not a folder"
    return f"cannot be opened or created ({exc.strerror})"


def read_entry(path: Path, limit: int) -> bytes | None:
    """The bytes of the regular file `path` when it has at most `limit` of them; None when it is
    absent, a symlink, not a regular file, larger, or unreadable."""
    try:
        fd = os.open(path, _FILE_FLAGS)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = handle.read(limit + 1)
        except OSError:
            return None
    return data if len(data) <= limit else None


def write_entry(path: Path, data: bytes) -> None:
    """Put `data` at `path` atomically: written under a fresh name that no symlink can stand in for
    (`O_EXCL | O_NOFOLLOW`), then renamed over `path` (a symlink there is replaced, never followed).
    OSError when the folder cannot be written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
