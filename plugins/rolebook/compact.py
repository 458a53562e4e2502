"""Shrink generated HTML without changing how it renders.

Theme templates indent deeply: on a 1,000-role handbook, half of each page's
bytes were indentation. Any run of whitespace that contains a newline becomes
one newline, except inside <pre> and <textarea>, where whitespace is content.
HTML renders a run of whitespace like a single space, so nothing visible
changes; scripts keep their line breaks, so `//` comments stay comments.
"""

from __future__ import annotations

import re

_PRESERVE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_RUN = re.compile(r"[ \t\r\f]*\n\s*")


def compact_html(html: str) -> str:
    parts = _PRESERVE.split(html)
    # split() with one group: odd indexes are the preserved blocks
    return "".join(part if i % 2 else _RUN.sub("\n", part) for i, part in enumerate(parts))
