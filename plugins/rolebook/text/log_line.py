"""Text that carries role values, made safe to print as one log line.

CI runners read workflow commands from the start of any output line (GitHub
Actions trims leading blanks and acts on `::error ...`, `::add-mask::...`).
A role value must neither start a line nor add one, so every line break a
terminal or runner could honour is written as a visible escape, and a line
that would start with `::` gets a backslash in front.
"""

from __future__ import annotations

import re

# Everything str.splitlines() breaks on, plus the other C0/C1 controls a terminal acts on.
_BREAKS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """`text` as a single line that cannot be read as a workflow command."""
    text = _BREAKS.sub(lambda m: _NAMED.get(m.group(0)) or f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                       else f"\\u{ord(m.group(0)):04x}", text)
    if text.lstrip().startswith("::"):
        text = "\\" + text.lstrip()
    return text
