"""What `mkdocs serve` (and its `--dirty` flag) keeps, or leaves out, from one rebuild to the next.

A save under `mkdocs serve --dirty` should show in the browser within about a
second on a 1,000-role handbook. The core build is already incremental (see
`build.incremental`, `build.session`: pages whose text did not change keep
their files); these are the parts around it that otherwise redo work for
the whole handbook on every save:

- `settle_heap`: once, after the first build's core step, everything alive
  (the kept handbook, its parse memo, the pages) moves out of the cycle
  collector's sight, so a full collection during a later rebuild no longer
  walks it all (0.5-0.7 s at 1,000 roles, every few saves);
- `MemoryBytecodeCache`: the theme's compiled templates, kept in memory;
- `watch_often`: the handbooks folder is polled every 0.2 s, not 0.5 s;
- `DirtyServeHelper`: after a change to the navigation, the pages that show
  it are rebuilt (`force_nav_pages`); those rebuilt only because of it keep
  their entries in the search index (Material's search plugin
  would parse them again, half the time of building such a page, for the same
  entries, and in a dirty build add them a second time), and are built just
  after the rebuild instead of within it, so the saved role's page and its
  team page are served without waiting for them; pages not read again keep
  last build's titles in the navigation;
- `remove_stale_output`: a dirty build keeps the site folder, so the built
  pages of roles that are gone are removed;
- `SearchIndexKeeper`: Material's search plugin, in a dirty build, merges the
  new entries into the last index as if one page had been built (it drops the
  old entries of the first page built only), so after a save that rebuilds
  several pages, entries were doubled, stale ones stayed and deleted pages
  stayed found. The keeper holds each page's entries from the build that last
  built it and hands the search plugin, before it writes the index, every
  page's entries in the order a clean build adds them: the index is the one a
  clean build writes.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from rolebook.build.session import Build
from rolebook.mkdocs_plugin.files import GeneratedFile, generated_file

_SETTLED = False


def settle_heap() -> None:
    """Once per process: collect, then freeze what is alive (the serving plugin's kept build).

    Called while serving only, after the first build's core step and before
    MkDocs makes that build's pages, so what is frozen is what later rebuilds
    keep (the handbook, the parse memo, the page texts) and not pages that will
    be dropped. Frozen objects are still freed by reference counting; only
    cyclic garbage among them would stay, and the kept build is trees.
    """
    global _SETTLED
    if not _SETTLED:
        _SETTLED = True
        gc.collect()
        gc.freeze()


START_DELAY = 0.3  # seconds between a rebuild's reload and building the pages deferred past it


class DirtyServeHelper(BasePlugin):
    """The serving plugin's companion while `mkdocs serve --dirty` runs (registered by it).

    Pages in `nav_only` (rebuilt only for the navigation they show) keep
    their search entries: Material's search plugin skips a page whose front
    matter says `search: {exclude: true}`, which is set for the search plugin
    only and put back in `on_post_page`, so the page's HTML is the same.

    Pages in `deferred` (the same pages, when the server can be told to
    reload browsers once more) are built right after the rebuild, in a thread,
    once MkDocs has written the pages whose content changed: the livereload
    server answers no request while a build runs, so the saved role's page and
    its team page would otherwise wait for the 50-odd pages of its team whose
    navigation lists its title. The next rebuild stops the thread first and
    builds what it had not reached (see `wait`).
    """

    def __init__(self, log) -> None:
        super().__init__()
        self.log = log
        self.server = None  # set in on_serve: browsers are told to reload after the deferred pages
        self.nav_only: set[str] = set()  # pages rebuilt only for the navigation they show
        self.deferred: list[File] = []  # those of them built just after the rebuild
        self.left_over: set[str] = set()  # deferred pages a save came before
        self.titles: dict[tuple[str, str], str] = {}  # (language folder, src_uri) -> last build's page title
        self.saved: dict[str, object] = {}
        self.nav = self.env = self.files = None
        self.thread: threading.Thread | None = None
        self.stop = threading.Event()
        self.pending: list[str] = []
        self.done: set[str] = set()
        self.plan: list[str] = []  # the generated pages in plan order (a clean build hands them in it)

    def start_rebuild(self) -> None:
        """Before a rebuild (on_config): the last rebuild's deferred pages are done with first."""
        self.left_over = self.wait()
        self.left_over |= {f.src_uri for f in self.deferred}  # a rebuild that failed did not start them
        self.deferred = []

    def after_files(self, files: Files, config, built: Build, *, can_defer: bool = True) -> None:
        """Mark the pages that show a changed navigation, and defer those rebuilt only for it."""
        written = built.changed
        self.plan = list(built.pages)
        self.nav_only = set()
        if built.update is not None and built.update.nav_changed:
            force_nav_pages(files, config, built, self.log)
            self.nav_only = {f.src_uri for f in files if getattr(f, "force", False) and f.src_uri not in written}
        if self.nav_only or self.left_over:
            self._defer_nav_pages(files, written, can_defer)

    def _defer_nav_pages(self, files: Files, written: set[str], can_defer: bool) -> None:
        """Generated pages rebuilt only for their navigation are built just after this rebuild."""
        left_over, self.left_over = self.left_over, set()
        pages = [f for f in files if isinstance(f, GeneratedFile) and f.src_uri not in written
                 and (f.src_uri in self.nav_only or f.src_uri in left_over)]
        self.nav_only |= {f.src_uri for f in pages}
        # Not when browsers could not be told to reload, nor beside static-i18n's builds of the other languages.
        if self.server is None or not hasattr(self.server, "_epoch_cond") or not can_defer:
            for file in pages:
                file.force = True
            return
        for file in pages:
            file.force = False
        self.deferred = pages
        self.log.info(f"the {len(pages)} pages rebuilt only for their navigation are built after the reload")

    def keep_titles(self, files: Files, lane: str) -> None:
        """Pages that were not read again keep last build's titles in the navigation.

        (MkDocs leaves their title empty: the nav would show nothing, or the file name.)
        """
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            key = (lane, file.src_uri)
            if page.markdown is not None:
                self.titles[key] = page.title
            elif key in self.titles:
                page.title = self.titles[key]

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context, *, page, config, nav):
        src = page.file.src_uri
        if src in self.nav_only and page.meta is not None:
            self.saved[src] = page.meta.get("search", _ABSENT)
            page.meta["search"] = {"exclude": True}
        return context

    @event_priority(100)
    def on_post_page(self, output, *, page, config):
        saved = self.saved.pop(page.file.src_uri, None)
        if saved is _ABSENT:
            page.meta.pop("search", None)
        elif saved is not None:
            page.meta["search"] = saved
        return output

    @event_priority(-100)  # the navigation and theme as MkDocs will use them, after every plugin's changes
    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    @event_priority(-100)
    def on_env(self, env, *, config, files):
        self.env, self.files = env, files
        return env

    @event_priority(-100)  # after every other plugin's on_post_build
    def on_post_build(self, *, config):
        files = list(self.deferred)
        self.deferred = []
        if files and self.nav is not None and self.env is not None:
            self.pending = [f.src_uri for f in files]
            self.done = set()
            self.stop.clear()
            self.thread = threading.Thread(target=self._build_pages, args=(files, config, self.files, self.nav,
                                                                           self.env), daemon=True)
            self.thread.start()

    def on_shutdown(self) -> None:
        self.wait()  # before serve removes its site folder

    def wait(self) -> set[str]:
        """Stop the deferred pages' thread (after its current page); the src_uris it did not build."""
        thread, self.thread = self.thread, None
        if thread is None:
            return set()
        self.stop.set()
        thread.join()
        left = set(self.pending) - self.done
        self.pending, self.done = [], set()
        return left

    def _build_pages(self, files, config, all_files, nav, env) -> None:
        from mkdocs.commands import build as mkdocs_build
        from mkdocs.structure.files import InclusionLevel
        from mkdocs.structure.pages import Page

        doc_files = all_files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        # The browsers that reload now ask for their pages first: this thread and the server's share one
        # interpreter lock, and a page build holding it would slow every request the reload makes.
        if self.stop.wait(START_DELAY):
            return
        for file in files:
            if self.stop.is_set():
                return  # the next rebuild builds the rest
            time.sleep(0)  # let a waiting request have the lock between pages
            page = file.page if file.page is not None else Page(None, file, config)
            try:
                mkdocs_build._populate_page(page, config, all_files)
                mkdocs_build._build_page(page, config, doc_files, nav, env)
            except Exception as exc:  # noqa: BLE001 - a thread's error would otherwise vanish
                self.log.error(f"rebuilding {file.src_uri} for its navigation: {exc}")
            self.done.add(file.src_uri)
        self.log.info(f"rebuilt the {len(files)} pages that show the navigation")
        _reload_browsers(self.server)


class SearchIndexKeeper(BasePlugin):
    """Under `serve --dirty`: the search index a clean build would write (see the module docstring)."""

    def __init__(self, helper: DirtyServeHelper) -> None:
        super().__init__()
        self.helper = helper
        self.entries: dict[str, list] = {}  # src_uri -> its entries, from the build that last built it
        self.started: dict[str, int] = {}  # src_uri -> where its entries start in this build's index
        self.order: list[str] = []  # this build's pages in the order a clean build builds them

    @staticmethod
    def _search(config):
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index") and hasattr(plugin, "search_index_prev"):
                return plugin
        return None

    @event_priority(-100)
    def on_nav(self, nav, *, config, files):
        """A clean build builds the site's own pages in their order and the generated ones in plan order."""
        docs = [f.src_uri for f in files.documentation_pages()]
        present = set(docs)
        plan = iter([src for src in self.helper.plan if src in present])
        generated = set(self.helper.plan) & present
        self.order = [next(plan) if src in generated else src for src in docs]
        return nav

    @event_priority(90)  # after DirtyServeHelper's exclusion of navigation-only pages, before the search plugin
    def on_page_context(self, context, *, page, config, nav):
        search = self._search(config)
        src = page.file.src_uri
        if search is not None and getattr(search, "search_index", None) is not None \
                and src not in self.helper.nav_only:  # those keep their entries (their content is unchanged)
            self.started[src] = len(search.search_index.entries)
        return context

    @event_priority(-100)  # the search plugin has added the page's entries
    def on_post_page(self, output, *, page, config):
        start = self.started.pop(page.file.src_uri, None)
        search = self._search(config)
        if start is not None and search is not None:
            self.entries[page.file.src_uri] = search.search_index.entries[start:]
        return output

    @event_priority(50)  # before the search plugin writes the index
    def on_post_build(self, *, config):
        search = self._search(config)
        if search is None or getattr(search, "search_index", None) is None:
            return
        self.entries = {src: self.entries[src] for src in self.order if src in self.entries}  # gone pages go
        search.search_index.entries = [entry for entries in self.entries.values() for entry in entries]
        search.search_index_prev = None  # nothing to merge: the index is whole


def force_nav_pages(files: Files, config, built: Build, log) -> None:
    """A dirty build after a change to the navigation: rebuild the pages that show what changed.

    With Material's `navigation.prune` a page shows the roles of its own team only (and its
    neighbours' titles in the footer), so a role's title, or a role added or removed, touches
    its team's pages and the pages next to them; a change to the teams (or another theme,
    which shows the whole navigation on every page) touches every page.
    """
    update = built.update
    pruned = config.theme.name == "material" and "navigation.prune" in (config.theme.get("features") or [])
    pages = [f for f in files.documentation_pages()]
    if update.teams_changed or not pruned:
        targets = {f.src_uri for f in pages}
        why = "the teams" if update.teams_changed else "the navigation every page shows"
    else:
        order = [p for _title, section in built.nav for p in section]
        targets = set()
        for title, section in built.nav:
            if section and section[0].partition("/")[0] in update.nav_teams:
                first, last = order.index(section[0]), order.index(section[-1])
                targets |= set(order[max(first - 1, 0): last + 2])
        in_sections = set(order)
        # the site-wide pages (overview, changes, health) sit beside the team sections
        targets |= {src for src in built.pages if src not in in_sections and not src.endswith("/onboarding.md")}
        why = "team " + ", ".join(sorted(update.nav_teams))
    forced = 0
    for file in pages:
        if file.src_uri in targets:
            if isinstance(file, GeneratedFile):
                file.force = True
                forced += 1
            elif not file.is_modified():
                _touch_older(file)
                forced += 1
    log.info(f"the navigation changed ({why}); rebuilding the {forced} pages that show it")


def _touch_older(file: File) -> None:
    """Make a docs page's built output older than its source, so a dirty build rebuilds it."""
    try:
        os.utime(file.abs_dest_path, (0, 0))
    except OSError:
        pass  # not built yet: it will be


def remove_stale_output(built: Build, config, lane: str = "") -> None:
    """A dirty build keeps the site folder: remove the built pages of roles that are gone."""
    for rel in built.synced.removed:
        if not rel.endswith(".md"):
            continue
        dest = Path(generated_file(File, rel, built.pages_dir, config, lane).abs_dest_path)
        site = Path(config.site_dir).resolve()
        if dest.resolve().parent.is_relative_to(site) and dest.is_file() and not dest.is_symlink():
            dest.unlink()
            try:
                dest.parent.rmdir()
            except OSError:
                pass  # other files left in it


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, held in this process only (while serving: MkDocs compiles
    the theme afresh for every rebuild); never on disk, where a cache of compiled code would
    be code a checkout could carry."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _reload_browsers(server) -> None:
    """Tell the pages open in browsers to reload once more, unless a rebuild has started.

    MkDocs' livereload server has no public call for it: this moves its epoch as
    its own build loop does after a build, and does nothing on a server without
    those attributes.
    """
    rebuild, epoch = getattr(server, "_rebuild_cond", None), getattr(server, "_epoch_cond", None)
    if rebuild is None or epoch is None or not hasattr(server, "_visible_epoch"):
        return
    with rebuild:
        if getattr(server, "_want_rebuild", False):
            return
        with epoch:
            if server._visible_epoch == server._wanted_epoch:
                now = max(round(time.monotonic() * 1000), server._visible_epoch + 1)
                server._wanted_epoch = server._visible_epoch = now
                epoch.notify_all()


_ABSENT = object()

HANDBOOK_POLL = 0.2  # seconds between two looks at the handbooks folder under serve --dirty (MkDocs: 0.5)


def watch_often(server, path: str, interval: float = HANDBOOK_POLL) -> None:
    """`server.watch(path)`, polled every `interval` seconds instead of MkDocs' 0.5.

    MkDocs' livereload server polls what it watches (watchdog's PollingObserver);
    with a one-second rebuild, noticing the save took a quarter of the wait on
    average and half of it at worst. A look at 1,000 role files costs a few
    milliseconds. The poller takes its interval from the observer when it is
    scheduled, which has no public setting: without that attribute this is a
    plain `watch`.
    """
    observer = getattr(server, "observer", None)
    if observer is None or not isinstance(getattr(observer, "_timeout", None), (int, float)):
        server.watch(path)
        return
    usual, observer._timeout = observer._timeout, min(interval, observer._timeout)
    try:
        server.watch(path)
    finally:
        observer._timeout = usual
