"""The build session: what a site generator asks of Rolebook, build after build, without MkDocs.

A site generator (the MkDocs plugin is one) keeps one `BuildSession` for as long as its settings
hold and calls `build()` each time it builds the site. The session decides how:

- warm: a one-off build whose inputs are those of the last one takes the manifest of that build
  (`warm_cache`) and the page files already on disk; nothing is loaded or rendered;
- streaming: any other one-off build writes each page and diagram to the page folder as it is
  made and keeps nothing of the model (`build_handbook(sink=...)`), then saves the manifest;
- incremental: while serving, the last build is kept and the next one draws and renders only
  what changed (`incremental`); the page folder is synced and rewrites only changed files.

The result is plain data (`Build`): the pages in plan order, where each comes from, the
navigation as [[team title, [src_uri, ...]], ...], the findings, and what the page folder sync
wrote and removed. `site_files()` turns it into the list of files to hand the site generator
(pages, Rolebook's assets, `roles.json` and the schemas), each with its source and edit path.

The cache folder is local state, never content (see `rolebook.caching`): it is reached without
following a symlink below the checkout, and when it cannot be (a committed symlink or file where a
folder should be, a folder that cannot be written) the build runs in a temporary folder instead,
with the same result. A cache folder outside the checkout may be shared by several checkouts: each
builds in a lane of its own below it (`checkout-<digest of its path>`), and two builds of one lane
take turns (`caching.lock`) from `build()` until `finished()`.

Everything the site generator does differently is passed in: `page_files` turns a page (or a
diagram fragment) into the files it becomes (the MkDocs plugin lifts HTML blocks out, see
`mkdocs_plugin.html_blocks`), `layout` names that choice in the warm cache's key, `messages` and
`tags_in_meta` come with each build, and static-i18n's language builds are `lane`s, each with
its own page folder, manifest and kept build.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

from rolebook import i18n, resources
from rolebook.build import warm_cache
from rolebook.build.incremental import IncrementalBuilder, Update
from rolebook.build.page_folder import PAGES_FOLDER, PageFolder, SyncReport
from rolebook.build.pipeline import build_handbook
from rolebook.build.settings import Settings, SettingsProblem
from rolebook.caching.folders import UnsafeFolder, ensure_folder, inside, read_entry
from rolebook.caching.lock import Busy, FolderLock
from rolebook.diagrams.runner import graphviz_version
from rolebook.i18n import Message, Nn_
from rolebook.model import site_plan
from rolebook.model.findings import Finding, Severity
from rolebook.model.schema import schema_files
from rolebook.model.site_plan import role_src, team_src
from rolebook.pages import diagram_slots
from rolebook.reports.formats import display_path
from rolebook.text.active_markup import active_markup
from rolebook.text.log_line import one_line

WARM, STREAMING, INCREMENTAL = "warm", "streaming", "incremental"
UNREADABLE_NO_PAGE = Nn_("{n} role file could not be read and has no page: {names}",
                         "{n} role files could not be read and have no page: {names}")
ASSET_URIS = ("assets/rolebook/rolebook.css", "assets/rolebook/rolebook.js")
PAGE, ASSET, DATA = "page", "asset", "data"

PageFiles = Callable[[str, str], Iterable[tuple[str, str]]]


def as_is(rel: str, text: str) -> list[tuple[str, str]]:
    """The default `page_files`: a page is one file, as made."""
    return [(rel, text)]


@dataclass
class Build:
    """One build's outcome, as data a site generator can use (see the module docstring)."""

    mode: str  # WARM, STREAMING or INCREMENTAL
    lane_dir: Path  # this language's page folder, manifest and caches live here
    pages: dict[str, None]  # src_uris of the generated pages, in plan order
    sources: dict[str, Path]  # src_uri -> the YAML file it comes from
    nav: list[list]  # [[team title, [src_uri, ...]], ...] in navigation order
    findings: list[Finding]
    unreadable: list[Path]
    notes: list[str]
    messages: i18n.Messages = i18n.ENGLISH
    synced: SyncReport | None = None  # what the page folder sync wrote and removed (None: warm)
    update: Update | None = None  # what an incremental build changed (None: not incremental)
    changed: set[str] = field(default_factory=set)  # pages whose content or diagram changed on disk
    data_files: list[str] = field(default_factory=list)  # site-root data besides roles.json (delivery.json)

    @property
    def pages_dir(self) -> Path:
        return self.lane_dir / PAGES_FOLDER


@dataclass(frozen=True)
class PublishedFile:
    """One file for the site generator: a generated page, one of Rolebook's assets, or data."""

    src_uri: str
    abs_src_path: Path
    kind: str  # PAGE, ASSET or DATA
    src_dir: Path | None = None  # the folder `src_uri` is relative to (None: an asset, read from `abs_src_path`)
    source: Path | None = None  # a page's YAML file
    edit_path: str | None = None  # that file relative to the site's docs folder (edit links)
    changed: bool = False  # its content changed in this build (a dirty rebuild builds it first)


class BuildSession:
    """Builds of one handbook with one set of settings; keeps what a server's rebuilds reuse."""

    def __init__(self, settings: Settings, *, serving: bool = False, page_files: PageFiles = as_is,
                 layout: Mapping[str, object] | None = None, log: logging.Logger | None = None,
                 checkout: Path | None = None) -> None:
        """`settings` as `Settings.resolved()` gives them (absolute folders, a fixed date);
        `serving`: builds are incremental and keep what the next one reuses; `checkout`: the site's
        folder (mkdocs.yml's), below which no symlink is followed on the way to the cache folder
        (None: only the cache folder itself is checked)."""
        if settings.cache_dir is None:
            raise SettingsProblem("cache_dir: a build session keeps its pages in the cache folder: set one")
        self.settings = settings
        self.serving = serving
        self.page_files = page_files
        self.layout = dict(layout or {})
        self.log = log or logging.getLogger("rolebook")
        self.lanes: dict[str, _Lane] = {}
        self.diagrams: dict[str, str] = {}  # rendered diagrams, kept across a server's rebuilds
        self.edit_paths: dict[tuple[Path, Path], str] = {}  # (YAML file, docs folder) -> edit path, while serving
        self.checkout = Path(os.path.abspath(checkout)) if checkout is not None else None
        self._root: Path | None = None  # the checked cache folder (or lane) this session builds in
        self._lock: FolderLock | None = None
        self._private: Path | None = None  # a temporary folder of this process's own: no other build uses it

    # -- building --------------------------------------------------------------

    def messages(self, fallback_language: str | None = None) -> i18n.Messages:
        """The labels' language: the settings' `language`, else `fallback_language` (a theme's), else English."""
        language = self.settings.language or fallback_language or None
        messages = i18n.Messages(language, self.settings.label_overrides)
        if messages.fallback:
            shipped = ", ".join(["en"] + i18n.shipped_languages())
            self.log.info(f"rolebook: no translation for language {language!r} ({shipped} are shipped); "
                          "labels stay English")
        return messages

    def lane_dir(self, lane: str = "") -> Path:
        """Where a language's build keeps its pages, manifest and HTML cache: the cache folder (this
        checkout's lane of it), or a folder in it for each further language (each would evict the other's)."""
        root = self.cache_root()
        if not lane:
            return root
        try:
            return ensure_folder(root / f"i18n-{lane}", root)
        except UnsafeFolder as exc:
            self._root = None
            return self._temporary(exc) / f"i18n-{lane}"

    def cache_root(self) -> Path:
        """The cache folder this session builds in, each component checked (see the module docstring)."""
        if self._root is not None:
            return self._root
        cache_dir = Path(os.path.abspath(self.settings.cache_dir))
        if self.checkout is not None and inside(cache_dir, self.checkout):
            root, trusted = cache_dir, self.checkout
        else:
            root = cache_dir
            if self.checkout is not None:  # shared by checkouts: one lane each
                lane = hashlib.sha256(os.fsencode(self.checkout)).hexdigest()[:16]
                root = cache_dir / f"checkout-{lane}"
            trusted = cache_dir.parent
            while not trusted.is_dir() and trusted != trusted.parent:
                trusted = trusted.parent
        try:
            self._root = ensure_folder(root, trusted)
        except UnsafeFolder as exc:
            self._root = self._temporary(exc)
        return self._root

    def _temporary(self, problem: UnsafeFolder) -> Path:
        """A private folder for this process's builds, when the cache folder cannot be used safely."""
        folder = Path(tempfile.mkdtemp(prefix="rolebook-cache-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        self.log.info(one_line(f"cache folder not used: {problem}; building in a temporary folder "
                               "(delete it, or point the plugin's `cache_dir:` at a folder)"))
        self._root = self._private = folder
        return folder

    def _take_lane(self, lane_dir: Path) -> None:
        """Wait for any other build in this cache folder (see `caching.lock`); released by `finished()`."""
        if self._lock is not None or (self._private is not None and inside(lane_dir, self._private)):
            return
        lock = FolderLock(lane_dir)
        try:
            lock.acquire(waiting=lambda: self.log.info(f"waiting for another build in {lane_dir}"))
        except Busy as exc:
            self.log.info(f"{exc}; building in a temporary folder")
            raise
        except OSError as exc:  # no lock file can be made there: the folder is not writable
            raise UnsafeFolder(f"{lane_dir} cannot be written ({exc.strerror})") from None
        self._lock = lock

    def _in_cache(self) -> Settings:
        """The settings with the checked cache folder in place of the configured path (the diagrams go there)."""
        root = self.cache_root()
        return self.settings if self.settings.cache_dir == root else self.settings.replace(cache_dir=root)

    def finished(self) -> None:
        """The site generator is done with this build's files: another build may use the folder."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def build(self, *, messages: i18n.Messages | None = None, lane: str = "", tags_in_meta: bool = False) -> Build:
        """Build the handbook in the mode the session and the inputs call for (see the module docstring).

        Raises SettingsProblem when the handbooks folder is gone, DiagramError when `dot` fails."""
        settings = self.settings
        if not Path(settings.handbooks_dir).is_dir():
            raise SettingsProblem(f"handbooks_dir {settings.handbooks_dir} is not a folder")
        messages = messages or self.messages()
        extra = {"graphviz": graphviz_version(settings.dot),  # an upgraded `dot` redraws
                 "messages": messages.key(), "tags_in_meta": tags_in_meta, **self.layout}
        key = warm_cache.settings_digest(settings, extra)
        lane_dir = self.lane_dir(lane)
        try:
            self._take_lane(lane_dir)
        except (Busy, UnsafeFolder) as exc:
            lane_dir = self._temporary(exc if isinstance(exc, UnsafeFolder) else UnsafeFolder(str(exc)))
            self._take_lane(lane_dir)
        if self.serving:
            return self._incremental(key, lane, lane_dir, messages, tags_in_meta)
        inputs = warm_cache.inputs_digest(Path(settings.handbooks_dir), key)
        try:
            manifest = warm_cache.load(lane_dir, inputs, lane_dir / PAGES_FOLDER)
        except warm_cache.DamagedCache as exc:
            self.log.info(f"build cache: {exc}; rebuilding it")
            manifest = None
        if manifest is not None:
            problem = _fragment_problem(lane_dir / PAGES_FOLDER, manifest["files"])
            if problem:
                self.log.info(one_line(f"build cache: {problem}; rebuilding it"))
                manifest = None
        if manifest is None:
            return self._streaming(inputs, lane_dir, messages, tags_in_meta)
        self.log.debug("nothing changed since the last build; reusing it")
        return Build(WARM, lane_dir, dict.fromkeys(manifest["pages"]),
                     {src: Path(p) for src, p in manifest["sources"].items()}, manifest["nav"],
                     manifest["findings"], [Path(p) for p in manifest["unreadable"]], manifest["notes"], messages,
                     data_files=list(manifest["data_files"]))

    def _streaming(self, key: str, lane_dir: Path, messages, tags_in_meta: bool) -> Build:
        """A one-off build: each page and diagram goes to its file as it is made, and nothing of the
        build is kept but the page list (the site generator reads the pages from their files)."""
        writer = PageFolder(lane_dir / PAGES_FOLDER, remember=False).writer()

        def sink(rel: str, text: str) -> None:
            for name, content in self.page_files(rel, text):
                writer.put(name, content)

        result = build_handbook(self._in_cache(), messages=messages, tags_in_meta=tags_in_meta, log=self.log,
                                sink=sink)
        writer.put("roles.json", result.roles_json)
        for name, text in result.data_files.items():
            writer.put(name, text)
        for name, text in schema_files().items():
            writer.put(name, text)
        synced = writer.finish()
        nav = nav_data(result.handbook)
        warm_cache.save(lane_dir, key, warm_cache.manifest_of(result, writer.folder.digests(), nav))
        built = Build(STREAMING, lane_dir, dict.fromkeys(result.pages), dict(result.sources), nav, result.findings,
                      result.unreadable, list(result.notes), messages, synced, data_files=sorted(result.data_files))
        built.changed = _changed_pages(built)
        del result  # the handbook goes before the site generator reads the pages
        _release_core_memory()
        return built

    def _incremental(self, key: str, lane: str, lane_dir: Path, messages, tags_in_meta: bool) -> Build:
        """A server's rebuild: the lane's last build is kept and only what changed is drawn and rendered."""
        kept = self.lanes.get(lane)
        if kept is None:
            kept = self.lanes[lane] = _Lane(PageFolder(lane_dir / PAGES_FOLDER), _PageFilesMemo(self.page_files))
        kept.builder.settings = key
        kept.builder.last_update = None
        result = build_handbook(self._in_cache(), messages=messages, tags_in_meta=tags_in_meta,
                                memory_cache=self.diagrams, log=self.log, incremental=kept.builder)
        generated = kept.memo.files(result.pages, result.diagram_html)  # unchanged pages: last files
        generated.update({"roles.json": result.roles_json, **result.data_files, **schema_files()})
        synced = kept.folder.sync(generated)
        built = Build(INCREMENTAL, lane_dir, dict.fromkeys(result.pages), dict(result.sources),
                      nav_data(result.handbook), result.findings, result.unreadable, list(result.notes), messages,
                      synced, kept.builder.last_update, data_files=sorted(result.data_files))
        built.changed = _changed_pages(built)
        return built

    # -- handing over ------------------------------------------------------------

    def site_files(self, built: Build, docs_dir: Path | None = None, *, changed_first: bool = False) -> list[PublishedFile]:
        """The files to hand the site generator: pages (in plan order, or those that changed first),
        the assets, `roles.json`, the schemas. `docs_dir` (absolute) gives each page its edit path."""
        order = list(built.pages)
        if changed_first:
            order.sort(key=lambda src: src not in built.changed)
        pages_dir = built.pages_dir
        out = []
        for src in order:
            source = built.sources.get(src)
            edit = self.edit_path(source, docs_dir) if source is not None and docs_dir is not None else None
            out.append(PublishedFile(src, pages_dir / src, PAGE, pages_dir, source, edit, src in built.changed))
        for uri in ASSET_URIS:
            out.append(PublishedFile(uri, resources.ASSETS / Path(uri).name, ASSET))
        out.append(PublishedFile("roles.json", pages_dir / "roles.json", DATA, pages_dir))
        for name in built.data_files:
            out.append(PublishedFile(name, pages_dir / name, DATA, pages_dir))
        # role, team and people schemas at the root: a stable URL for editors' `$schema=` modelines
        for name in schema_files():
            out.append(PublishedFile(name, pages_dir / name, DATA, pages_dir))
        return out

    def edit_path(self, source: Path, docs_dir: Path) -> str:
        """The YAML file's path from docs_dir (for edit links); kept across a server's rebuilds."""
        key = (source, docs_dir)
        path = self.edit_paths.get(key)
        if path is None:
            path = os.path.relpath(source, docs_dir).replace(os.sep, "/")
            if self.serving:
                self.edit_paths[key] = path
        return path


def report(built: Build, log: logging.Logger) -> int:
    """Log every finding with file:line:col, the notes and the unreadable files; the number of errors."""
    errors = 0
    for f in built.findings:
        # In the build's language, the whole line; role text starts no line.
        line = one_line(f"{display_path(f.path)}:{f.line}:{f.column}: {f.code} {f.shown(built.messages)}")
        if f.severity is Severity.ERROR:
            errors += 1
            log.error(line)
        elif f.severity is Severity.WARNING:
            log.warning(line)
        else:
            log.info(line)
    for note in built.notes:
        log.info(one_line(note))  # notes name files and git revisions: no line of theirs starts a log line
    if built.unreadable:
        names = ", ".join(display_path(str(p)) for p in built.unreadable[:5])
        log.error(one_line(Message(UNREADABLE_NO_PAGE, n=len(built.unreadable), names=names).render(built.messages)))
        errors = max(errors, len(built.unreadable))  # never silently absent, whatever the rules say
    return errors


def nav_data(handbook) -> list[list]:
    """The handbook's part of the navigation as data: [[team title, [src_uri, ...]], ...] in nav order.

    Plain data, so a warm build can take it from the build manifest without the model.
    """
    sections = []
    for team in handbook.teams_in_order():
        roles = sorted(team.roles.values(), key=lambda e: (e.role.status == "retired", e.role.title.lower(), e.id))
        sections.append([team.title, [team_src(team.id)] + [role_src(e.ref) for e in roles]])
    return sections


@dataclass
class _Lane:
    """What a server keeps of one language's builds."""

    folder: PageFolder
    memo: "_PageFilesMemo"
    builder: IncrementalBuilder = field(default_factory=IncrementalBuilder)


class _PageFilesMemo:
    """The files each generated page becomes (its diagram split off, then `page_files`), for a server's
    rebuilds: a page whose text and diagram are the very strings of the last rebuild keeps last
    rebuild's files (the same string objects), so they are neither split nor hashed again."""

    def __init__(self, page_files: PageFiles) -> None:
        self.page_files = page_files
        self.last: dict[str, tuple[str, str | None, dict[str, str]]] = {}  # src -> (page text, diagram, files)

    def files(self, pages: Mapping[str, str], diagrams: Mapping[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        memo = {}
        for src, text in pages.items():
            html = diagrams.get(src)
            known = self.last.get(src)
            if known is None or known[0] is not text or known[1] is not html:
                split = diagram_slots.split({src: text}, {src: html} if html is not None else {})
                made = {rel: content for name, page in split.items() for rel, content in self.page_files(name, page)}
                known = (text, html, made)
            memo[src] = known
            out.update(known[2])
        self.last = memo
        return out


def _fragment_problem(pages_dir: Path, files: Mapping[str, str]) -> str | None:
    """What is wrong with the HTML fragments (diagrams, lifted blocks) a warm build would publish from
    the page folder, or None: a sealed manifest vouches for their bytes, and they must still hold no
    active markup, as the validator left them (see `text.active_markup`)."""
    for rel in files:
        if rel.endswith(diagram_slots.FRAGMENT) or rel.endswith(".blocks.json"):
            data = read_entry(pages_dir.joinpath(*rel.split("/")), warm_cache.MAX_PAGE_FILE_BYTES)
            if data is None:
                return f"generated file {rel} is missing"
            text = data.decode("utf-8", "replace")
            if rel.endswith(".blocks.json"):
                try:
                    text = "\n".join(_strings(json.loads(text)))
                except ValueError:
                    return f"generated file {rel} is not JSON"
            found = active_markup(text, figure=True)
            if found:
                return f"generated file {rel} holds {found!r}"
    return None


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _changed_pages(built: Build) -> set[str]:
    """Pages whose file changed in this build; a page whose diagram (the file beside it) changed too,
    though its Markdown did not."""
    written = set(built.synced.written) if built.synced is not None else set()
    return {src for src in built.pages if src in written
            or (src.rpartition("/")[2] == "index.md" and diagram_slots.fragment_name(src) in written)}


def _release_core_memory() -> None:
    """Before the site generator holds every page's HTML: drop the link memo and collect the build's garbage.

    A one-off build keeps no model, diagram or parse memo (the core dropped the
    documents and the memo after the check, see `loading.release_documents`).
    """
    site_plan.forget_links()
    gc.collect()
