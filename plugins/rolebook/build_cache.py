"""Skip the whole core build when nothing it reads has changed.

A warm `mkdocs build` of an unchanged handbook would redo loading, checks,
diagram DOT, page rendering and the export (about 6 s for 1,000 roles);
reading the previous result back costs well under a second. The key is a
digest of every input: the role and team files, the templates (shipped and
overridden), the package's own code, the options, and the git state when the
history is shown. Any change gives a new key and a full build.

The cache is a pickle in the project's own cache folder, written by this
tool and read only by it; whoever can write there can already change the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
from pathlib import Path
from typing import Any, Callable

PACKAGE = Path(__file__).resolve().parent
_FILE_SUFFIXES = {".yml", ".yaml", ".j2", ".py", ".css", ".js", ".json", ".mo"}


def _hash_tree(digest, root: Path | None) -> None:
    if root is None or not root.exists():
        digest.update(b"-")
        return
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _FILE_SUFFIXES):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _git_state(handbooks: Path) -> str:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%H", "--", "."], cwd=handbooks, capture_output=True,
                             text=True, timeout=30)
        tags = subprocess.run(["git", "for-each-ref", "--format=%(refname) %(objectname)", "refs/tags"], cwd=handbooks,
                              capture_output=True, text=True, timeout=30)
        return out.stdout + tags.stdout
    except (OSError, subprocess.SubprocessError):
        return "no git"


def inputs_digest(handbooks: Path, templates: list[Path | None], options: dict[str, Any], with_git: bool) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(options, sort_keys=True, default=str).encode("utf-8"))
    digest.update(str(handbooks.resolve()).encode("utf-8"))
    _hash_tree(digest, handbooks)
    for folder in templates:
        _hash_tree(digest, folder)
    _hash_tree(digest, PACKAGE)
    if with_git:
        digest.update(_git_state(handbooks).encode("utf-8"))
    return digest.hexdigest()


def cached(cache_dir: Path, key: str, memory: dict, build: Callable[[], Any]) -> tuple[Any, bool]:
    """(result, whether it came from the cache)."""
    if memory.get("key") == key:
        return memory["result"], True
    path = cache_dir / f"build-{key}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as f:
                result = pickle.load(f)
            memory.update(key=key, result=result)
            return result, True
        except Exception:  # a stale or truncated cache is rebuilt, never fatal
            pass
    result = build()
    memory.update(key=key, result=result)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("build-*.pickle"):
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return result, False
