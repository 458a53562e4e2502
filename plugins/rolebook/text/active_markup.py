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


# What every match of the two patterns above contains, without the tag around it, as separate
# case-sensitive passes over the lowered text (Python's `re` scans fast for a pattern that starts
# with a literal, and slowly for an alternation of words with IGNORECASE): they clear almost every
# fragment, and only one they flag is searched properly.
_QUICK_TAG = re.compile(rf"<\s*/?\s*(?:{_ELEMENTS}|svg)\b")
_QUICK_TAG_IN_FIGURE = re.compile(rf"<\s*/?\s*(?:{_ELEMENTS}|{_SVG_ELEMENTS})\b")
_QUICK = (re.compile(r"[\s\"'/]on[a-z]+\s*="), re.compile(r"(?:data|file)\s*:"),
          re.compile(r"=\s*[\"']?\s*[/\\][/\\]"), re.compile(r"<!\s*\[cdata\[|<\?"))
_QUICK_WORDS = ("srcdoc", "formaction", "javascript", "vbscript")


def _may_be_active(fragment: str, figure: bool) -> bool:
    low = fragment.lower()
    return (any(word in low for word in _QUICK_WORDS)
            or (_QUICK_TAG_IN_FIGURE if figure else _QUICK_TAG).search(low) is not None
            or any(pattern.search(low) for pattern in _QUICK))


def active_markup(fragment: str, *, figure: bool = False) -> str | None:
    """The first piece of active markup in `fragment` (at most 40 characters), or None.

    `figure`: the fragment may hold a diagram's inline SVG (as `diagrams.svg_safety` writes it)."""
    if not _may_be_active(fragment, figure):
        return None
    found = (_ACTIVE_IN_FIGURE if figure else _ACTIVE).search(fragment)
    return None if found is None else found.group(0)[:40]
