"""Which links a role file may carry: http, https, mailto or a relative path.

Shared by the checker (RB005) and the renderer, which drops anything else.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
# Inline links and images `[text](target "title")`, reference definitions and autolinks.
_INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^>\s]*)>")


def scheme(url: str) -> str | None:
    """The scheme a browser would see, ignoring the tricks it ignores too."""
    cleaned = re.sub(r"[\x00-\x20]", "", url)
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return "invalid"
    return parts.scheme.lower() or None


_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def leaves_site(url: str) -> bool:
    """Whether a link without a scheme is scheme-relative (`//host`) as a browser reads it: browsers
    drop tabs and line breaks anywhere and blanks in front, and read `\\` as `/` (`/\\evil.example`,
    `\\\\evil.example` and `/\t/evil.example` all go to evil.example)."""
    cleaned = re.sub(r"[\t\n\r]", "", url).lstrip(_C0_AND_SPACE)
    return cleaned.replace("\\", "/").startswith("//")


def is_allowed(url: str) -> bool:
    found = scheme(url)
    if found is None:
        return not leaves_site(url)  # scheme-relative leaves the site
    return found in ALLOWED_SCHEMES


def location_problem(location: str) -> str | None:
    """The scheme that makes `location` refused (`javascript`, `//` for protocol-relative), or None.

    The checker words it (RB005, through the message catalogue, which this leaf does not import).
    """
    if is_allowed(location):
        return None
    return scheme(location) or "//"


def link_problems(text: str) -> list[tuple[str, str]]:
    """(target, its refused scheme) for every link in Markdown `text` that is not allowed; targets bounded."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []  # no link syntax at all: the common case, kept cheap
    problems = []
    for pattern in (_INLINE, _REFERENCE, _AUTOLINK):
        for match in pattern.finditer(text):
            target = match.group(1)
            if target and not is_allowed(target):
                problems.append((target[:60], scheme(target) or "//"))
    return problems
