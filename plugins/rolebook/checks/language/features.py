"""What a sentence is made of, as named features for the linear models in `model`.

One function, `features(text, lemma_of)`, read the same way when the models are fitted
(`lemma_of` is lemminflect's dictionary, in `fitting`) and when a role is checked (`lemma_of` is
the shipped table of forms, a dict lookup: no lemminflect at check time). Each feature maps to the
words of the text that gave it, so a decision can quote them. The features say how a commitment is
written, not only which words it uses:

- `w:<lemma>`: a word, by its dictionary form ("grew" and "growing" are `w:grow`);
- `b:<lemma> <lemma>`: two words in a row ("number of", "increase by"); a number reads `#`;
- `o:<lemma>`: the word a sentence opens with ("Improve ...", "Publish ...");
- `s:...`: its shape: a number, a percentage, money, a multiplier, a date or quarter, a number
  right before a word of people or money ("3 customers", "$2M pipeline"), a passive
  ("is adopted", "are migrated"), a comparative or a quantifier ("more", "many"), code or a link;
- `g:...`: the hand-written word groups of `lexicon` it uses (a metric, an artefact, a state,
  a delivery verb, a quality, praise).

Everything is bounded by `MAX_CHARS` and `MAX_TOKENS`, so a pasted novel costs what its first lines cost.
"""

from __future__ import annotations

import re
from typing import Callable

from rolebook.checks.language import lexicon as L
from rolebook.checks.language.tokens import tokenize

MAX_TOKENS = 60
MAX_CHARS = 2_000  # the tokens are read from this much of the text at most (60 tokens fit many times over)
_BE = frozenset("is are was were be been being get gets got".split())
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DATE = re.compile(r"^(?:q[1-4]|h[12]|fy\d{2,4}|20\d\d(?:-q[1-4])?)$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PEOPLE_OR_MONEY = L.MONEY | L.BEHAVIOUR | L.ACTORS | L.PEOPLE_WORDS
_GROUPS = (
    ("money", L.MONEY), ("behaviour", L.BEHAVIOUR), ("actor", L.ACTORS), ("people", L.PEOPLE_WORDS),
    ("move", L.MOVE_VERBS), ("acquire", L.ACQUIRE_VERBS), ("measure", L.MEASURE_VERBS),
    ("delivery-verb", L.DELIVERY_VERBS - L.WEAK_VERBS), ("weak-verb", L.WEAK_VERBS), ("artefact", L.ARTEFACTS),
    ("state", L.STATES), ("quality", L.QUALITIES), ("praise", L.EVALUATIVE), ("open-activity", L.OPEN_ACTIVITIES),
    ("comparative", L.COMPARATIVES), ("quantity", L.QUANTITIES), ("sentiment", L.SENTIMENT_VERBS),
)

Features = dict[str, tuple[str, ...]]


def features(text: str, lemma_of: Callable[[str], str | None]) -> Features:
    """The features of `text`, each with the words that gave it (in the order they came)."""
    toks = tokenize(text[:MAX_CHARS])[:MAX_TOKENS]
    found: dict[str, list[str]] = {}

    def add(name: str, *words: str) -> None:
        bucket = found.setdefault(name, [])
        bucket.extend(w for w in words if w not in bucket)

    prev: tuple[str, str] | None = None  # (lemma, text) of the token before
    first = True
    for i, t in enumerate(toks):
        if t.kind == "sym":
            if t.text in "≥≤<>":
                add("s:threshold", t.text)
            prev = None if t.text in ".;:!?()" else prev
            continue
        if t.kind == "num":
            add("s:num", t.text)
            if "%" in t.text or t.low.endswith("percent"):
                add("s:percent", t.text)
            if t.text[0] in "$€£" or t.low[-1:] in {"k", "m", "b"} or t.low.endswith(("mm", "bn")):
                add("s:money", t.text)
            if t.low.endswith("x") and t.low[:1].isdigit():
                add("s:multiplier", t.text)
            if _YEAR.match(t.low):
                add("s:date", t.text)
            nxt = toks[i + 1:i + 4]
            target = next((n for n in nxt if n.kind == "word" and n.low in _PEOPLE_OR_MONEY), None)
            if target is not None:
                add("s:count-of-people-or-money", t.text, target.text)
            lem = "#"
        else:
            low = t.low
            lem = lemma_of(low) or ""
            if lem:
                add("w:" + lem, t.text)
            if first:
                add("o:" + (lem or "?"), t.text)
            if _DATE.match(low) or low in _MONTHS:
                add("s:date", t.text)
            for name, words in _GROUPS:
                if low in words:
                    add("g:" + name, t.text)
            if prev is not None and prev[1].lower() in _BE and low.endswith("ed") and len(low) > 4:
                add("s:passive", prev[1], t.text)
            if low in L.NUMBER_WORDS:
                add("s:num", t.text)
        if prev is not None and prev[0] and lem:
            add(f"b:{prev[0]} {lem}", prev[1], t.text)
        prev = (lem, t.text)
        first = False
    if "`" in text or "http://" in text or "https://" in text or "](" in text:
        add("s:code-or-link", "`" if "`" in text else "link")
    return {name: tuple(words) for name, words in found.items()}
