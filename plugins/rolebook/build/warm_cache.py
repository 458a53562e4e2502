"""Skip the core build when nothing it reads has changed: a JSON manifest, data only.

A warm `mkdocs build` of an unchanged handbook would redo loading, checks,
diagram DOT and page rendering (about 4 s for 1,000 roles). The generated
pages are already files in the cache folder (`page_files`), so what a warm
build needs besides them is small: which pages exist, where each comes from
(edit links), the findings to report, and the navigation. That is this
manifest, written after a full build and read back when the key matches.

The key digests every input: the role and team files, the templates (shipped
and overridden), Rolebook's own code and version, the versions of the
packages that shape the output, the options, and the git state when the
history is shown.

The cache folder may come with a checkout, and the key is computable from public inputs, so the
manifest is sealed (`rolebook.caching.seal`: an HMAC with a key kept outside the checkout, over the
manifest and the folder it belongs to): a manifest this machine's user did not write for this very
folder, such as a committed one or one copied from another checkout, is never used, so its findings,
unreadable files, notes, navigation and pages cannot stand in for the build's own. A sealed manifest
is still read as data: JSON (no deserializer that runs code), every field checked on the way in,
every page file's digest compared with the manifest's; anything off is logged by the caller and
rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rolebook import __version__, resources
from rolebook.build.codeowners_file import find_codeowners, read_codeowners
from rolebook.caching.folders import read_entry, write_entry
from rolebook.caching.seal import is_sealed, seal
from rolebook.history.git import GitProblem, git_output
from rolebook.i18n import Message
from rolebook.loading.files import Refused, read_file
from rolebook.model.findings import Finding, Severity

if TYPE_CHECKING:
    from rolebook.build.settings import Settings

PACKAGE = resources.PACKAGE
FORMAT = 3  # 2: data_files (delivery.json, the outcomes.ics feeds); 3: sealed
MANIFEST = "build.json"
_FILE_SUFFIXES = {".yml", ".yaml", ".j2", ".py", ".css", ".js", ".json", ".md", ".html", ".mo"}  # .mo: the label catalogues
SHAPING_PACKAGES = ("mkdocs", "properdocs", "mkdocs-material", "jinja2", "markupsafe", "pyyaml", "pydantic",
                    "graphviz", "markdown", "pymdown-extensions")
MAX_MANIFEST_BYTES = 256 * 2**20
MAX_PAGE_FILE_BYTES = 64 * 2**20


class DamagedCache(Exception):
    """The manifest is not what this version writes: the caller logs it and rebuilds."""


def _hash_tree(digest, root: Path | None) -> None:
    """Names and contents below `root`; never raises for odd names or unreadable files."""
    if root is None or not root.is_dir():
        digest.update(b"-")
        return
    root_real = os.path.realpath(root)
    entries = []
    seen: set[str] = set()
    # Linked folders are followed, as the loader follows them (a team folder linked to `.team-src/` is
    # read, so its files are inputs); each real folder once, so a link loop ends.
    for folder, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            entries.append(Path(folder) / name)
    for path in sorted(entries, key=lambda p: os.fsencode(p)):
        if path.suffix not in _FILE_SUFFIXES:
            continue
        digest.update(os.fsencode(path.relative_to(root)) + b"\0")
        try:
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                digest.update(b"link:" + os.fsencode(os.readlink(path)))
            elif stat.S_ISREG(info.st_mode):  # bounded like every read of the checkout (see reading/)
                digest.update(hashlib.sha256(read_file(path, root_real)).digest())
            else:
                digest.update(b"special")
        except Refused as refused:
            digest.update(refused.message.encode("utf-8"))  # the English text: the same in every language
        except OSError as exc:  # unreadable: its error is part of the state (the build reports it)
            digest.update(f"unreadable:{exc.errno}".encode())
        digest.update(b"\0")


def _git_state(handbooks: Path) -> str:
    try:
        return (git_output("log", "-1", "--format=%H", "--", ".", cwd=handbooks)
                + git_output("for-each-ref", "--format=%(refname) %(objectname)", "refs/tags", cwd=handbooks))
    except (GitProblem, OSError):
        return "no git"


def _versions() -> str:
    found = []
    for name in SHAPING_PACKAGES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return f"rolebook={__version__};" + ";".join(found)


_PACKAGE_DIGEST: list[str] = []


def _package_digest() -> str:
    """Rolebook's own code and shipped files, once per process (a server rebuilds often)."""
    if not _PACKAGE_DIGEST:
        digest = hashlib.sha256()
        _hash_tree(digest, PACKAGE)
        _PACKAGE_DIGEST.append(digest.hexdigest())
    return _PACKAGE_DIGEST[0]


def settings_digest(settings: "Settings", extra: dict[str, Any]) -> str:
    """Everything but the role and team files: the settings (`Settings.digest()`), what the site
    generator adds (`extra`: language, `dot`'s version, page file layout), templates, code,
    versions, and the git state when the history is shown."""
    digest = hashlib.sha256(f"format {FORMAT}\0".encode())
    digest.update(_versions().encode("utf-8"))
    digest.update(settings.digest().encode())
    digest.update(json.dumps(extra, sort_keys=True, default=str).encode("utf-8"))
    handbooks = Path(settings.handbooks_dir)
    digest.update(os.fsencode(handbooks.resolve()))
    for folder in (resources.templates(), settings.templates_dir):
        _hash_tree(digest, folder)
    digest.update(_package_digest().encode())
    if settings.history:
        digest.update(_git_state(handbooks).encode("utf-8"))
    codeowners = find_codeowners(handbooks.resolve().parent)  # RB119 judges it: a change is a change of input
    if codeowners is not None:
        digest.update(os.fsencode(codeowners) + b"\0" + (read_codeowners(codeowners) or "").encode("utf-8"))
    return digest.hexdigest()


def inputs_digest(handbooks: Path, settings: str) -> str:
    """The settings plus every file in the handbooks folder."""
    digest = hashlib.sha256(settings.encode())
    _hash_tree(digest, handbooks)
    return digest.hexdigest()


# -- the manifest -----------------------------------------------------------------


def file_digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _scope(cache_dir: Path) -> str:
    return f"build manifest\0{os.path.abspath(cache_dir)}"


def save(cache_dir: Path, key: str, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically, sealed (its first line); a read-only cache folder only costs speed.

    `cache_dir` is a folder the build session checked (no symlink on the way)."""
    body = json.dumps({"format": FORMAT, "key": key, **manifest}, sort_keys=True).encode("utf-8")
    try:
        for old in cache_dir.glob("build-*.pickle"):  # what earlier versions wrote
            old.unlink(missing_ok=True)
        write_entry(cache_dir / MANIFEST, seal(_scope(cache_dir), body).encode() + b"\n" + body)
    except OSError:
        pass


def load(cache_dir: Path, key: str, pages_dir: Path) -> dict[str, Any] | None:
    """The manifest for `key`, checked; None when there is none for this key.

    Raises DamagedCache when there is one but it is malformed or its files changed.
    """
    path = cache_dir / MANIFEST
    try:
        info = path.lstat()
    except OSError:
        return None
    raw = read_entry(path, MAX_MANIFEST_BYTES) if stat.S_ISREG(info.st_mode) else None
    if raw is None:
        raise DamagedCache(f"{path} is not a regular file of sensible size")
    claimed, _, body = raw.partition(b"\n")
    if not is_sealed(_scope(cache_dir), body, claimed.decode("ascii", "replace")):
        raise DamagedCache(f"{path} was not written by this user's builds for this folder (a committed or "
                           "copied cache)")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise DamagedCache(f"{path} is not readable JSON ({exc.__class__.__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DamagedCache(f"{path} was written by another version")
    if data.get("key") != key:
        return None
    try:
        manifest = _validated(data)
    except (TypeError, ValueError, KeyError) as exc:
        raise DamagedCache(f"{path} is malformed: {exc}") from None
    for rel, digest in manifest["files"].items():
        data = read_entry(pages_dir.joinpath(*rel.split("/")), MAX_PAGE_FILE_BYTES)
        if data is None:
            raise DamagedCache(f"generated file {rel} is missing")
        if file_digest(data) != digest:
            raise DamagedCache(f"generated file {rel} changed since the last build")
    return manifest


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {type(value).__name__}")
    return value


def _message(value: Any) -> Message | None:
    """A finding's words as the manifest keeps them (`Message.to_data`), checked for shape."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError("a finding's text is not a mapping")
    try:
        message = Message.from_data(value)
        message.english()
    except (KeyError, AttributeError, TypeError) as exc:
        raise ValueError(f"a finding's text cannot be read: {exc}") from None
    return message


def _rel(value: Any) -> str:
    rel = _str(value)
    if (not rel or rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in rel.split("/"))
            or any(ord(c) < 0x20 or ord(c) == 0x7F for c in rel)):
        raise ValueError(f"not a relative path: {rel!r}")
    return rel


def _validated(data: dict) -> dict[str, Any]:
    files = {_rel(k): _str(v) for k, v in data["files"].items()}
    pages = [_rel(p) for p in data["pages"]]
    if not set(pages) <= set(files):
        raise ValueError("a page without a file")
    sources = {_rel(k): _str(v) for k, v in data["sources"].items()}
    findings = [
        Finding(_str(f["path"]), int(f["line"]), int(f["column"]), _str(f["code"]), _str(f["message"]),
                Severity(_str(f["severity"])), text=_message(f.get("text")))
        for f in data["findings"]
    ]
    unreadable = [_str(p) for p in data["unreadable"]]
    nav = [[_str(title), [_rel(p) for p in items]] for title, items in data["nav"]]
    notes = [_str(n) for n in data.get("notes", [])]
    data_files = [_rel(p) for p in data["data_files"]]
    if not set(data_files) <= set(files):
        raise ValueError("a data file without a file")
    return {"files": files, "pages": pages, "sources": sources, "findings": findings, "unreadable": unreadable,
            "nav": nav, "notes": notes, "data_files": data_files}


def manifest_of(result, file_digests: dict[str, str], nav: list) -> dict[str, Any]:
    """The data a warm build needs, from a full build's result and the hex sha256 of each file it wrote."""
    return {
        "files": dict(sorted(file_digests.items())),
        "pages": list(result.pages),
        "sources": {src: str(path) for src, path in result.sources.items()},
        "findings": [f.as_dict() | {"message": f.message, "text": f.text.to_data() if f.text else None}
                     for f in result.findings],
        "unreadable": [str(p) for p in result.unreadable],
        "nav": nav,
        "notes": list(getattr(result, "notes", ())),
        "data_files": sorted(result.data_files),
    }
