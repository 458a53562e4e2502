"""Split a sentence into words, numbers and punctuation, keeping their text.

Numbers include what goal sentences use for them: "$2M", "10%", "3x", "2X",
"4-5x", "≤45", "1,500", "Q3" stays a word; redacted figures such as "N7" (a
confidential number left out) and "XXX" count as numbers too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(
    r"(?P<num>[$€£]?\d[\d,.]*(?:-\d[\d,.]*)?(?:%|(?: ?(?:[kKmMbBxX]|mm|MM|bn|pts?|points|percent)\b))?)"
    r"|(?P<word>[A-Za-z][A-Za-z0-9'’_]*(?:[-./][A-Za-z0-9_]+)*)"
    r"|(?P<sym>[≥≤><=%+&/;:,.()!?\"“”])"
)
_REDACTED_NUMBER = re.compile(r"^(?:N\d+|X{2,3}|[XY](?:r|u|act|adp))$")


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    kind: str  # "num", "word" or "sym"


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """The tokens of `text`, in order; numbers and redacted figures have kind "num"."""
    tokens = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        kind = match.lastgroup or "sym"
        if kind == "word" and _REDACTED_NUMBER.match(raw):
            kind = "num"
        tokens.append(Token(raw, raw.lower(), kind))
    return tuple(tokens)
