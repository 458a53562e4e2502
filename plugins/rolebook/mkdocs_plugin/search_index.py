"""Rolebook's pages in Material's search index (`search/search_index.json`): what a reader types, only once.

Material indexes a page as one entry per heading. A role page has twenty-odd headings,
and most carry no words of their own once the repeated parts are marked
`data-search-exclude` in the templates (the drawing, the time tables, the generated
checklists, the history, the onboarding page's copies of the role page): "Where the
time goes", "Weekly plan" and "Outputs" would each be an entry on every role page,
matching every query for those words and costing the first page view ~100 bytes each.
So, after Material has written the index, the sections of generated pages that have a
heading and no text are dropped, except an item's own heading (an outcome, output or
activity), which is the deep link its title finds.

At 1,000 roles this keeps the index under 2 MB (benchmarks/bench_glance.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

ITEM_ANCHORS = ("outcome-", "output-", "activity-")


def keep(entry: dict, generated: set[str]) -> bool:
    """Whether a search entry stays: any entry of another page, and of ours those with words or an item's title."""
    page, _hash, anchor = entry.get("location", "").partition("#")
    if page not in generated or not anchor:
        return True
    return bool(entry.get("text", "").strip()) or anchor.startswith(ITEM_ANCHORS)


def compact(index: dict, generated: Iterable[str]) -> dict:
    """The index without our pages' empty sections (`generated`: those pages' URLs, as Material writes locations)."""
    pages = set(generated)
    return {**index, "docs": [entry for entry in index.get("docs", []) if keep(entry, pages)]}


def compact_file(site_dir: str | Path, generated: Iterable[str]) -> int | None:
    """Rewrite the site's search index in place; the entries dropped, or None without an index."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    smaller = compact(index, generated)
    dropped = len(index.get("docs", [])) - len(smaller["docs"])
    if dropped:
        path.write_text(json.dumps(smaller, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return dropped
