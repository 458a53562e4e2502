"""What `mkdocs serve --dirty` keeps, or leaves out, from one rebuild to the next.

A save under `mkdocs serve --dirty` should show in the browser within about a
second on a 1,000-role handbook. The core build is already incremental (see
`incremental`); these are the parts around it that otherwise redo work for
the whole handbook on every save:

- `PageFilesMemo`: pages whose Markdown and diagram are the very texts of
  the last rebuild keep the files they became (see `diagram_slots` and
  `html_blocks`), so they are neither split, lifted nor hashed again when the
  page folder is synced;
- `settle_heap`: once, after the first build's core step, everything alive
  (the kept handbook, its parse memo, the pages) moves out of the cycle
  collector's sight, so a full collection during a later rebuild no longer
  walks it all (0.5-0.7 s at 1,000 roles, every few saves);
- `watch_often`: the handbooks folder is polled every 0.2 s, not 0.5 s;
- `DirtyServeHelper`: pages rebuilt only because the navigation they show
  changed keep their entries in the search index (Material's search plugin
  would parse them again, half the time of building such a page, for the same
  entries, and in a dirty build add them a second time), and are built just
  after the rebuild instead of within it, so the saved role's page and its
  team page are served without waiting for them.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Mapping

from mkdocs.plugins import BasePlugin, event_priority

from rolebook.mkdocs_plugin import html_blocks
from rolebook.pages import diagram_slots


class PageFilesMemo:
    """The files each generated page becomes (its diagram split off, its HTML blocks lifted: see
    `diagram_slots`, `html_blocks`), for serve rebuilds: a page whose text and diagram are the very
    strings of the last rebuild keeps last rebuild's files (the same string objects)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, str | None, dict[str, str]]] = {}  # src -> (page text, diagram, files)

    def files(self, pages: Mapping[str, str], diagrams: Mapping[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        memo = {}
        for src, text in pages.items():
            html = diagrams.get(src)
            known = self._last.get(src)
            if known is None or known[0] is not text or known[1] is not html:
                split = diagram_slots.split({src: text}, {src: html} if html is not None else {})
                made = {rel: content for name, page in split.items() for rel, content in html_blocks.page_files(name, page)}
                known = (text, html, made)
            memo[src] = known
            out.update(known[2])
        self._last = memo
        return out


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

    Pages in `owner.nav_only` (rebuilt only for the navigation they show) keep
    their search entries: Material's search plugin skips a page whose front
    matter says `search: {exclude: true}`, which is set for the search plugin
    only and put back in `on_post_page`, so the page's HTML is the same.

    Pages in `owner.deferred` (the same pages, when the server can be told to
    reload browsers once more) are built right after the rebuild, in a thread,
    once MkDocs has written the pages whose content changed: the livereload
    server answers no request while a build runs, so the saved role's page and
    its team page would otherwise wait for the 50-odd pages of its team whose
    navigation lists its title. The next rebuild stops the thread first and
    builds what it had not reached (see `wait`).
    """

    def __init__(self, owner, log) -> None:
        super().__init__()
        self.owner = owner
        self.log = log
        self.saved: dict[str, object] = {}
        self.nav = self.env = self.files = None
        self.thread: threading.Thread | None = None
        self.stop = threading.Event()
        self.pending: list[str] = []
        self.done: set[str] = set()

    @event_priority(100)  # before the search plugin indexes the page
    def on_page_context(self, context, *, page, config, nav):
        src = page.file.src_uri
        if src in self.owner.nav_only and page.meta is not None:
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
        files = list(self.owner.deferred)
        self.owner.deferred = []
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
        _reload_browsers(self.owner.server)


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
