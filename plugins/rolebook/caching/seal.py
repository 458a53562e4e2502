"""Cache entries sealed with a key that lives outside every checkout.

A cache folder may come with a checkout (a committed `.cache/`), and everything a checkout carries is
written by whoever opened the pull request. So every entry Rolebook keeps is sealed: an HMAC-SHA256
over the entry's bytes and its *scope* (the absolute path of the folder it belongs to and its name
there), with a random key kept in the user's state folder (`platformdirs.user_state_dir`, e.g.
`~/.local/state/rolebook/cache.key`, created 0600 by this process's user). An entry written on
another machine, by another user, or for another checkout (another path) carries a seal this key
never made, so it is never used: the build computes it again and overwrites it.

When the key cannot be kept (no writable state folder, a key file that is a symlink, not ours or
readable by others), a key for this process alone is used: caches then never outlive the process,
which costs speed, never correctness.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from functools import lru_cache
from pathlib import Path

import platformdirs

KEY_BYTES = 32
KEY_FILE = "cache.key"


def key_folder() -> Path:
    """Where the key is kept (outside any checkout: the user's state folder)."""
    return Path(platformdirs.user_state_dir("rolebook", appauthor=False))


@lru_cache(maxsize=1)
def _key() -> bytes:
    try:
        return _stored_key(key_folder())
    except OSError:
        return secrets.token_bytes(KEY_BYTES)


def _stored_key(folder: Path) -> bytes:
    """The key file's bytes, created on first use; OSError when it cannot be trusted."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / KEY_FILE
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        _create(path)
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077
                or info.st_size != KEY_BYTES):
            raise PermissionError(f"{path} is not a key only this user can read")
        key = handle.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise PermissionError(f"{path} changed while it was read")
    return key


def _create(path: Path) -> None:
    """Write a new key under a temporary name and link it into place: two processes starting at once
    agree on one key (the second's link fails and it reads the first's)."""
    tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)


def seal(scope: str, data: bytes) -> str:
    """The seal of `data` kept as `scope` (hex)."""
    mac = hmac.new(_key(), scope.encode("utf-8", "surrogatepass") + b"\0", hashlib.sha256)
    mac.update(data)
    return mac.hexdigest()


def is_sealed(scope: str, data: bytes, claimed: object) -> bool:
    """Whether `claimed` is the seal this key gives `data` as `scope` (in constant time)."""
    if not isinstance(claimed, str):
        return False
    return hmac.compare_digest(seal(scope, data).encode(), claimed.encode("utf-8", "surrogateescape"))
