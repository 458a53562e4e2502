"""Shrink generated HTML without changing how it renders.

Theme templates indent deeply: on a 1,000-role handbook, half of each page's
bytes were indentation. Any run of HTML whitespace (space, tab, CR, LF, form
feed) that contains a newline becomes one newline, except inside <pre> and
<textarea>, where whitespace is content. HTML renders a run of whitespace like
a single space, so nothing visible changes; scripts keep their line breaks, so
`//` comments stay comments. Other characters Unicode calls spaces (a
no-break space, say) are text in HTML and stay.
"""

from __future__ import annotations

import re
from itertools import repeat

_PRESERVE = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_BLANK = " \t\r\f"  # HTML's whitespace, newline aside


def compact_html(html: str) -> str:
    parts = _PRESERVE.split(html)
    # split() with one group: odd indexes are the preserved blocks
    return "".join(part if i % 2 else _collapse(part) for i, part in enumerate(parts))


def _collapse(text: str) -> str:
    """Each run of whitespace holding a newline becomes one newline.

    Line by line (a regular expression over the whole page was twice as slow):
    a line's end loses its trailing blanks, the next line its leading ones, and
    lines left empty go, so their newlines merge.
    """
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    out = [lines[0].rstrip(_BLANK)]
    out += filter(None, map(str.strip, lines[1:-1], repeat(_BLANK)))  # C loops, not Python ones
    out.append(lines[-1].lstrip(_BLANK))
    return "\n".join(out)
