"""RB112: does a `done_when` name anything anyone could check on the due date?

A checkable criterion names at least one of: an artefact ("roadmap", "runbook",
"dashboard"), an event or state change in any tense ("shipped", "hire",
"migrated", "approved"), a count, date or threshold (any number), or a state
("available", "in place", "live"). "Improve collaboration", "Drive excellence
in design" and "Make good progress on X" name none of these.

Weak verbs such as "create", "build", "provide" or "support" count only when
their sentence also names an artefact: "Build a world class engineering team"
is a direction, "Build demo scripts and videos" is a delivery.

Naming none of the listed words is not enough to be vague: real goals name far
more checkable things than any list. A criterion is flagged when it also reads
as a direction: it opens with one ("Improve", "Ensure", learnt from other
organisations' goals in `cues`; "Explore", "Study"), it praises ("world-class"),
or it is made of vague words (learnt) or qualities without a threshold
("faster", "reliable"). What these miss, a logistic regression learnt from the corpus decides
(`model`), on criteria with no count, date, code or link; it quotes the words with the largest
weights ("foster", "collaboration").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rolebook.checks.language import lexicon as L
from rolebook.checks.language.cues import Cues, shipped
from rolebook.checks.language.tokens import tokenize

_HEAD_VERBS_SHOWN = 3
_CONDITIONS = frozenset({"can", "cannot", "if", "when", "whenever", "unless"})


@dataclass(frozen=True)
class Unverifiable:
    """Why a criterion cannot be checked: the words it is made of that promise no evidence.

    `direction` is the verb it opens with when that verb sets a direction rather than a result
    ("improve", "ensure"): then even a thing it names ("Improve the documentation") is no check.
    """

    words: tuple[str, ...]
    direction: str | None = None

    def quote(self) -> str:
        return ", ".join(f"“{w}”" for w in self.words)


def unverifiable(text: str, cues: Cues | None = None) -> Unverifiable | None:
    """None when `text` names something checkable, else the words that make it vague.

    A criterion is vague when it opens with a direction ("Improve the docs", "Ensure quality"), or
    when the hand-written reading (`_unverifiable_by_rule`) finds nothing checkable in it *and* it is
    made of the words of directions ("collaboration", "culture"): names nothing anyone could check.
    Both word sets are learnt from other organisations' goals (`cues`); a count, date, threshold,
    code span or link always makes a criterion checkable.
    """
    return _unverifiable(text, cues or shipped())


@lru_cache(maxsize=8192)
def _unverifiable(text: str, cues: Cues) -> Unverifiable | None:
    toks = tokenize(text)
    if certainly_checkable(text):
        return None  # a count, date or threshold, code or a link: something to check against
    praise = praise_of(text)
    if praise is not None:
        return praise
    words = [t for t in toks if t.kind == "word"]
    names_a_thing = any(t.low in L.ARTEFACTS or t.low in L.STATES for t in words)
    direction = cues.direction_of(text)
    if direction is None and words and words[0].low in L.OPEN_ACTIVITIES and not names_a_thing:
        direction = words[0].text  # "Explore the possibility of ...": work with no result named
    if direction is not None:
        return Unverifiable((direction,), direction)  # quoted alone: the verb is what to replace
    if _unverifiable_by_rule(toks) is not None:
        vague = cues.vague_in(text) or tuple(t.text for t in words if t.low in L.QUALITIES)
        if vague:
            return Unverifiable(vague[:_HEAD_VERBS_SHOWN])
    if cues.model is None or cues.model.vague is None:
        return None
    # what the readings above leave open, the regression decides, with what they say among its features
    found = cues.model.vague_of(text, reading_features(text, cues))
    return Unverifiable(found.words) if found is not None and found.words else None


def by_reading(text: str, cues: Cues) -> bool:
    """Whether the readings alone (no model) find `text` vague."""
    return _unverifiable(text, Cues(cues.directions, cues.vague_words, cues.impact_words)) is not None


def reading_features(text: str, cues: Cues) -> dict[str, tuple[str, ...]]:
    """What the readings without a model say, as features for the regression, each with its words:
    a learnt direction or open activity it opens with, learnt vague words, qualities, and no
    artefact, state or delivery verb named at all."""
    toks = tokenize(text)
    words = [t for t in toks if t.kind == "word"]
    out: dict[str, tuple[str, ...]] = {}
    direction = cues.direction_of(text)
    if direction is None and words and words[0].low in L.OPEN_ACTIVITIES:
        direction = words[0].text
    if direction is not None:
        out["r:direction"] = (direction,)
    vague = cues.vague_in(text)
    if vague:
        out["r:vague-words"] = vague[:_HEAD_VERBS_SHOWN]
    nothing = _unverifiable_by_rule(toks)
    if nothing is not None:
        out["r:nothing-named"] = ()
        if vague or any(t.low in L.QUALITIES for t in words):
            out["r:vague-and-nothing-named"] = vague[:_HEAD_VERBS_SHOWN] or tuple(
                t.text for t in words if t.low in L.QUALITIES)[:_HEAD_VERBS_SHOWN]
    return out


def certainly_checkable(text: str) -> bool:
    """A count, date or threshold, code or a link: a criterion with one of them is never vague."""
    return any(t.kind == "num" or t.low in L.NUMBER_WORDS for t in tokenize(text)) or _names_something(text)


def praise_of(text: str) -> Unverifiable | None:
    """Praise with no artefact or state to check ("Hire a world-class team"): always vague."""
    toks = tokenize(text)
    praise = [t.text for t in toks if t.low in L.EVALUATIVE]
    if praise and not any(t.low in L.ARTEFACTS or t.low in L.STATES for t in toks):
        return Unverifiable(tuple(praise[:_HEAD_VERBS_SHOWN]))
    return None


def _unverifiable_by_rule(toks: tuple) -> Unverifiable | None:
    words = [t for t in toks if t.kind == "word"]
    if not words:
        return None
    if any(t.low in L.ARTEFACTS or t.low in L.STATES for t in words):
        return None
    for i, t in enumerate(words):
        if t.low in L.DELIVERY_VERBS and t.low not in L.WEAK_VERBS:
            if i and words[i - 1].low in {"the", "a", "an", "our", "their"}:
                continue  # a noun: "the review"
            return None
    if any(t.low in _CONDITIONS for t in words[1:]):
        return None  # "Admins can force ...", "Fall back to fuzzy if ...": a behaviour one can try
    return Unverifiable(tuple(t.text for t in words[:_HEAD_VERBS_SHOWN]))


def _names_something(text: str) -> bool:
    """Code, links and proper names quoted in backticks or URLs are things one can check."""
    return "`" in text or "http://" in text or "https://" in text or "](" in text
