"""What `mkdocs serve --dirty` keeps, or leaves out, from one rebuild to the next.

A save under `mkdocs serve --dirty` should show in the browser within about a
second on a 1,000-role handbook. The core build is already incremental (see
`incremental`); these are the parts around it that otherwise redo work for
the whole handbook on every save:

- `SplitMemo`: pages whose Markdown and diagram are the very texts of the
  last rebuild keep last rebuild's split (see `diagram_slots`), so they are
  neither split nor hashed again when the page folder is synced;
- `settle_heap`: once, after the first build's core step, everything alive
  (the kept handbook, its parse memo, the pages) moves out of the cycle
  collector's sight, so a full collection during a later rebuild no longer
  walks it all (0.5-0.7 s at 1,000 roles, every few saves);
- `SkipSearchIndex`: pages rebuilt only because the navigation they show
  changed keep their entries in the search index: Material's search plugin
  would parse them again (half the time of building such a page) for the same
  entries, and in a dirty build it would add them a second time.
"""

from __future__ import annotations

import gc
from typing import Mapping

from mkdocs.plugins import BasePlugin, event_priority

from . import diagram_slots


class SplitMemo:
    """`diagram_slots.split` for serve rebuilds: unchanged pages keep their split (the same string objects)."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[str, str | None, dict[str, str]]] = {}  # src -> (page text, diagram, split)

    def split(self, pages: Mapping[str, str], diagrams: Mapping[str, str]) -> dict[str, str]:
        out: dict[str, str] = {}
        memo = {}
        for src, text in pages.items():
            html = diagrams.get(src)
            known = self._last.get(src)
            if known is None or known[0] is not text or known[1] is not html:
                known = (text, html, diagram_slots.split({src: text}, {src: html} if html is not None else {}))
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


class SkipSearchIndex(BasePlugin):
    """Pages in `owner.nav_only` leave the search plugin's index as it was (registered while serving dirty).

    Material's search plugin skips a page whose front matter says
    `search: {exclude: true}`; that is set for the search plugin only and put
    back in `on_post_page`, so the page's HTML is the same.
    """

    def __init__(self, owner) -> None:
        super().__init__()
        self.owner = owner
        self.saved: dict[str, object] = {}

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


_ABSENT = object()
