"""Rolebook's pages in Material's search index (`search/search_index.json`): what a reader types, only once.

Material indexes a page as one entry per heading. A role page has twenty-odd headings,
and most carry no words of their own once the repeated parts are marked
`data-search-exclude` in the templates (the drawing, the time tables, the generated
checklists, the history, the onboarding page's copies of the role page): "Where the
time goes", "Weekly plan" and "Outputs" would each be an entry on every role page,
matching every query for those words and costing the first page view ~100 bytes each.
So, after Material has written the index, a generated page keeps its own entry and one
per outcome (the deep link an outcome's title finds); the words of its other sections
join the page's entry, so they still find the role, for a fraction of the bytes.

At 1,000 roles this keeps the index under 2 MB (benchmarks/bench_glance.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

KEPT_ANCHORS = ("outcome-",)
TITLE_ONLY = ("output-", "activity-")


def compact(index: dict, generated: Iterable[str]) -> dict:
    """Our pages' entries folded (`generated`: those pages' URLs, as Material writes locations).

    A generated page keeps its own entry and one per outcome; every other section's words
    (the purpose, the decision rights, an output's or activity's title, the successor's
    checklist) join the page's entry, and a section with no words goes. Other pages stay
    as Material wrote them.
    """
    pages = set(generated)
    docs: list[dict] = []
    top: dict[str, dict] = {}  # page -> its own entry (a copy, so the input stays as it was)
    for entry in index.get("docs", []):
        page, _hash, anchor = entry.get("location", "").partition("#")
        text = entry.get("text", "").strip()
        if page not in pages or anchor.startswith(KEPT_ANCHORS):
            docs.append(dict(entry))
            continue
        if not anchor:
            top[page] = dict(entry)
            docs.append(top[page])
            continue
        words = f"<p>{entry['title']}</p>" if anchor.startswith(TITLE_ONLY) and entry.get("title") else text
        if words and page in top:
            top[page]["text"] = f"{top[page].get('text', '')} {words}".strip()
        elif words:
            docs.append(dict(entry))  # no page entry to join (Material always writes one first)
    return {**index, "docs": docs}


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
