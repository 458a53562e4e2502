"""Open one file the careful way: stat before open, never block, never read unbounded.

A role file symlinked to `/dev/zero`, a FIFO named `x.yml` or a link to a
file elsewhere on the build machine must cost nothing and reveal nothing: the
path is checked (`lstat`, resolved against the handbooks folder) before
anything is opened, the open itself refuses symlinks and does not wait for a
FIFO's writer, and the read stops one byte past the size limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from rolebook.i18n import N_, Message
from rolebook.loading.yaml_events import MAX_BYTES  # the contract's limit for one file

_KIND = {
    stat.S_IFIFO: N_("a FIFO (named pipe)"),
    stat.S_IFCHR: N_("a character device"),
    stat.S_IFBLK: N_("a block device"),
    stat.S_IFSOCK: N_("a socket"),
    stat.S_IFLNK: N_("a symbolic link that does not lead to a file"),
}
NOT_A_FILE_OR_FOLDER = N_("not a regular file or folder")
CANNOT_READ_IT = N_("cannot read it: {error}")
LINK_OUTSIDE = N_("is a symbolic link that leads outside the handbooks folder, so it is not read: replace the link "
                  "with the file or folder itself")
LINK_NOWHERE = N_("is a symbolic link that leads nowhere: remove it or point it at a file in the handbook")
SPECIAL_FILE = N_("is {kind}, not a regular file, so it is not read: replace it with a plain file")
CANNOT_READ_FILE = N_("cannot read the file: {error}: fix its permissions")
SWAPPED = N_("is not a regular file, so it is not read: replace it with a plain file")


class Refused(Exception):
    """The path is not read; `text` says why and what to do (RB001), `message` in English."""

    def __init__(self, text: Message):
        super().__init__(text.english())
        self.text = text
        self.message = text.english()


def display_name(name: str) -> str:
    """A file name as text that can be printed: undecodable bytes become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_utf8_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def kind_of(mode: int) -> Message:
    return Message(_KIND.get(stat.S_IFMT(mode), NOT_A_FILE_OR_FOLDER))


def inside(real: str, root_real: str) -> bool:
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def resolve(path: Path, root_real: str) -> tuple[str, os.stat_result]:
    """The real path of `path` and its stat, or Refused if it leads out of the folder.

    `lstat` first: a plain entry is taken as it is; a symlink is resolved and
    must land inside `root_real` (the real path of the handbooks folder).
    """
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise Refused(Message(CANNOT_READ_IT, error=exc.strerror or "")) from None
    if not stat.S_ISLNK(st.st_mode):
        return os.fspath(path), st
    real = os.path.realpath(path)
    if not inside(real, root_real):
        raise Refused(Message(LINK_OUTSIDE))
    try:
        st = os.lstat(real)
    except OSError:
        raise Refused(Message(LINK_NOWHERE)) from None
    return real, st


def read_file(path: Path, root_real: str, limit: int = MAX_BYTES + 1, *, real: str | None = None) -> bytes:
    """At most `limit` bytes of the regular file at `path` (inside `root_real`), or Refused.

    `real` is the path `tree` already resolved and stat'ed as a regular file
    inside the folder; the open below re-checks what matters (no symlink,
    no blocking, a regular file), so a swap in between is still refused.
    """
    if real is None:
        real, st = resolve(path, root_real)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(Message(SPECIAL_FILE, kind=kind_of(st.st_mode)))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise Refused(Message(CANNOT_READ_FILE, error=exc.strerror or "")) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # swapped between the stat and the open
            raise Refused(Message(SWAPPED))
        chunks = []
        remaining = limit
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 21))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
            if len(chunk) == st.st_size < limit:
                break  # the whole file in one read: no second call to see its end
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(Message(CANNOT_READ_FILE, error=exc.strerror or "")) from None
    finally:
        os.close(fd)
