"""Find markup that runs or loads something in an HTML fragment: what no generated page holds.

Role text reaches a page only through `text.html` (nh3 with a small allowlist) and the templates
write no scripts, styles, frames or event handlers, so a handbook page's HTML never contains any.
A fragment read back from a cache is checked with this before it is used: anything found means
the entry is not one the build wrote, and the page is converted again. (Text is escaped in HTML,
so a `<` always opens a real tag: only tags and attributes are looked at.)
"""

from __future__ import annotations

import re

_ELEMENTS = r"script|style|iframe|frame|frameset|object|embed|applet|base|form|meta|link|template|noscript|math"
# In SVG (a diagram fragment: what `diagrams.svg_safety` lets through, then the figure around it) also
# the elements that embed, reference or animate.
_SVG_ELEMENTS = r"foreignobject|use|image|animate\w*|set|handler|listener"
_COMMON = (
    r"|<[a-zA-Z][^>]*?[\s\"'/]on[a-z]+\s*="  # an event handler
    r"|<[a-zA-Z][^>]*?[\s\"'/](?:srcdoc|formaction)\s*="  # inline documents, form targets
    r"|<[a-zA-Z][^>]*?[\s\"'/](?:href|src|action|xlink:href|poster|background)\s*=\s*[\"']?\s*"
    r"(?:(?:javascript|vbscript|data|file)\s*:|[/\\\\][/\\\\])"  # a link that runs, embeds or leaves the site
    r"|<!\s*\[CDATA\[|<\?"
)
_ACTIVE = re.compile(rf"<\s*/?\s*(?:{_ELEMENTS}|svg)\b" + _COMMON, re.IGNORECASE)
_ACTIVE_IN_FIGURE = re.compile(rf"<\s*/?\s*(?:{_ELEMENTS}|{_SVG_ELEMENTS})\b" + _COMMON, re.IGNORECASE)


def active_markup(fragment: str, *, figure: bool = False) -> str | None:
    """The first piece of active markup in `fragment` (at most 40 characters), or None.

    `figure`: the fragment may hold a diagram's inline SVG (as `diagrams.svg_safety` writes it)."""
    found = (_ACTIVE_IN_FIGURE if figure else _ACTIVE).search(fragment)
    return None if found is None else found.group(0)[:40]
