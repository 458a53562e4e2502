"""Keep the HTML and table of contents MkDocs made from a generated page's Markdown.

Converting Markdown is more than half of what MkDocs spends on a handbook page
(raw HTML blocks such as the inline diagrams go through Python's HTML parser).
A warm build of an unchanged page would redo it for the same result, so the
result is kept under the cache folder, keyed by a digest of everything that
shapes it: the page's final Markdown (after every plugin's `on_page_markdown`),
its path, the Markdown configuration, the set of documentation pages (links
are resolved against it), the MkDocs and Markdown versions, and the caller's
salt (the plugin's language and labels). The page's
`render` is wrapped in `on_pre_page` so the cache sees the Markdown exactly as
MkDocs would convert it; a hit hands the stored HTML and TOC back instead.

Stored as JSON data, one small file per page (so only one page's HTML is held
at a time), checked on the way in; a result whose conversion logged a warning
is not kept, so strict builds keep failing until the page is fixed.

The cache folder may come with a checkout, and the key is computable from public inputs, so each
entry is sealed (`rolebook.caching.seal`, over the entry, its key and the folder): an entry this
user's builds did not write into this folder (a committed one, one from another checkout) is never
used. A sealed entry's HTML must still hold no active markup (`text.active_markup`), like the page
it stands for. Entries are read and written without following symlinks (`rolebook.caching.folders`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from rolebook.caching.folders import UnsafeFolder, ensure_folder, read_entry, write_entry
from rolebook.caching.seal import is_sealed, seal
from rolebook.text.active_markup import active_markup

MAX_ENTRY_BYTES = 64 * 2**20
FORMAT = "2"  # 2: sealed


def _stable(value: Any) -> str:
    """A JSON fallback that does not change between runs (no memory addresses)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    text = repr(value)
    return type(value).__name__ if " at 0x" in text else text


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class HtmlCache:
    """One build's view of the cache folder `folder`."""

    def __init__(self, folder: Path, config, files, salt: Any = None) -> None:
        self.folder = folder
        digest = hashlib.sha256(FORMAT.encode())
        for part in (
            json.dumps(salt, sort_keys=True, default=_stable),
            _version("mkdocs"), _version("properdocs"), _version("markdown"), _version("pymdown-extensions"),
            json.dumps([str(e) if not isinstance(e, str) else e for e in config.markdown_extensions],
                       default=_stable),
            json.dumps(config.mdx_configs or {}, sort_keys=True, default=_stable),
            str(config.use_directory_urls),
            json.dumps(config.validation, default=_stable, sort_keys=True) if "validation" in config else "",
            "\n".join(sorted(f.src_uri for f in files.documentation_pages())),
        ):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        self.salt = digest.hexdigest()
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def key(self, page: Page) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(page.file.src_uri.encode("utf-8", "surrogatepass") + b"\0")
        digest.update((page.markdown or "").encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def wrap(self, page: Page) -> None:
        """Make `page.render` take the stored result when there is one, and store a fresh one."""
        original = page.render

        def render(config, files) -> None:
            key = self.key(page)
            self.used.add(key)
            stored = self._read(key)
            if stored is not None:
                _restore(page, stored, files)
                self.hits += 1
                return
            self.misses += 1
            counter = _Warnings()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(counter)
            try:
                original(config, files)
            finally:
                logger.removeHandler(counter)
            if not counter.count:
                self._write(key, _capture(page))

        page.render = render  # an instance attribute: this page only

    def _scope(self, key: str) -> str:
        return f"html\0{os.path.abspath(self.folder)}\0{key}"

    def _read(self, key: str) -> dict | None:
        raw = read_entry(self._path(key), MAX_ENTRY_BYTES)
        if raw is None:
            return None
        claimed, _, body = raw.partition(b"\n")
        if not is_sealed(self._scope(key), body, claimed.decode("ascii", "replace")):
            return None  # not written here by this user's builds: convert again (and overwrite it)
        try:
            return _validated(json.loads(body))
        except (ValueError, TypeError, KeyError):
            return None  # damaged: convert again (and overwrite it)

    def _write(self, key: str, data: dict) -> None:
        if active_markup(data["content"]) is not None:
            return  # never kept: a cached page could not be told from a forged one
        path = self._path(key)
        body = json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass")
        try:
            ensure_folder(path.parent, self.folder.parent)
            write_entry(path, seal(self._scope(key), body).encode() + b"\n" + body)
        except (OSError, UnsafeFolder):
            pass  # a read-only cache (or a symlink in it) only costs speed

    def prune(self) -> None:
        """Drop entries this (complete) build did not use."""
        if self.folder.is_symlink() or not self.folder.is_dir():
            return
        for sub in self.folder.iterdir():
            if not sub.is_dir() or sub.is_symlink():
                continue
            for entry in sub.iterdir():
                if entry.name.endswith(".json") and entry.name[:-5] not in self.used:
                    entry.unlink(missing_ok=True)


def _toc_tokens(items) -> list[dict]:
    return [{"title": i.title, "id": i.id, "level": i.level, "children": _toc_tokens(i.children)} for i in items]


def _capture(page: Page) -> dict:
    return {
        "content": page.content,
        "toc": _toc_tokens(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links_to_anchors": None if page.links_to_anchors is None else
        {f.src_uri: dict(links) for f, links in page.links_to_anchors.items()},
    }


def _restore(page: Page, data: dict, files) -> None:
    page.content = data["content"]
    page.toc = TableOfContents(_anchor_links(data["toc"]))
    if page.toc.items:
        page.toc.items[0].active = True  # as MkDocs' get_toc does
    page._title_from_render = data["title"]
    page.present_anchor_ids = set(data["anchors"])
    links = data["links_to_anchors"]
    if links is not None:
        page.links_to_anchors = {}
        for src_uri, anchors in links.items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                raise KeyError(src_uri)  # cannot happen: the set of pages is in the key
            page.links_to_anchors[target] = anchors


def _anchor_links(tokens: list[dict]) -> list[AnchorLink]:
    out = []
    for t in tokens:
        link = AnchorLink(t["title"], t["id"], t["level"])
        link.children = _anchor_links(t["children"])
        out.append(link)
    return out


def _validated(data: Any) -> dict:
    if not isinstance(data, dict) or not isinstance(data.get("content"), str):
        raise TypeError("not a cache entry")
    if active_markup(data["content"]) is not None:
        raise ValueError("active markup")
    if data["title"] is not None and not isinstance(data["title"], str):
        raise TypeError("title")
    if not all(isinstance(a, str) for a in data["anchors"]):
        raise TypeError("anchors")
    links = data["links_to_anchors"]
    if links is not None and not (isinstance(links, dict) and all(
            isinstance(k, str) and isinstance(v, dict) and all(isinstance(x, str) for kv in v.items() for x in kv)
            for k, v in links.items())):
        raise TypeError("links_to_anchors")
    _check_toc(data["toc"], 0)
    return data


def _check_toc(tokens: Any, depth: int) -> None:
    if not isinstance(tokens, list) or depth > 10:
        raise TypeError("toc")
    for t in tokens:
        if not (isinstance(t, dict) and isinstance(t["title"], str) and isinstance(t["id"], str)
                and isinstance(t["level"], int)):
            raise TypeError("toc entry")
        _check_toc(t["children"], depth + 1)
