"""Diagrams join a page after its Markdown is converted, not before.

A diagram is a large inline SVG; in the Markdown it is one raw HTML block,
which Python-Markdown runs through its HTML parser only to hand it back
unchanged, and which costs a third or more of converting a role page. So the
page file the plugin hands MkDocs carries a slot (an empty hidden `div`) where the
diagram goes, the diagram's HTML is a file beside it (`diagram.html`), and
`on_page_content` puts it in place: the HTML is the same as converting the
page with the diagram inline, for less work (and the Markdown other plugins
see has no SVG in it). `rolebook render` still writes pages with the diagram
inline, for plain MkDocs.
"""

from __future__ import annotations

import re
from pathlib import Path

SLOT = '<div class="rolebook-diagram-slot" hidden></div>'
FRAGMENT = "diagram.html"
_ID = re.compile(r'\sid="([^"]+)"')


def fragment_name(src_uri: str) -> str:
    """`team/role/index.md` -> `team/role/diagram.html`."""
    return src_uri.rsplit("/", 1)[0] + "/" + FRAGMENT if "/" in src_uri else FRAGMENT


def split(pages: dict[str, str], diagrams: dict[str, str], consume: bool = False) -> dict[str, str]:
    """The files to write: each page with its diagram replaced by the slot, and the diagrams' HTML.

    With `consume`, each page leaves `pages` as it is split, so the page with
    its diagram and the page without are never all held at once.
    """
    out: dict[str, str] = {}
    for src in list(pages):
        text = pages.pop(src) if consume else pages[src]
        html = diagrams.get(src)
        if html and html in text and SLOT not in text:
            out[src] = text.replace(html, SLOT, 1)
            out[fragment_name(src)] = html
        else:
            out[src] = text
    return out


def fill(content: str, pages_dir: Path, src_uri: str) -> tuple[str, set[str]]:
    """(the page's HTML with its diagram in place, the ids the diagram adds)."""
    if SLOT not in content:
        return content, set()
    html = pages_dir.joinpath(*fragment_name(src_uri).split("/")).read_text(encoding="utf-8")
    return content.replace(SLOT, html, 1), set(_ID.findall(html))
