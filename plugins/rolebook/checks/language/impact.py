"""RB105: does an outcome commit to impact the role does not control?

A delivery names an artefact or event the role produces ("Ship the revenue
dashboard", "Hire two engineers"); impact names a quantity of other people's
behaviour or money as the thing to reach or move ("Land 3 enterprise
customers", "Monthly referral traffic has increased by 50%", "LSIF is adopted
by customers"). The reading is grammar over tokens, not keywords alone:

- a money or behaviour metric (revenue, pipeline, adoption, traffic, NPS...)
  is impact when a movement verb governs it, in any tense and before or after
  it, or when a number, multiplier or comparative targets it;
- people and deals (customers, logos, leads, users) are impact when acquired
  ("land", "win", "generate"), when counted as a bare target ("At least 3
  Tier 1 deals"), or when counted people do something ("four customers are
  running structural searches", "is used by 10 customers");
- a share of people who say, report or recommend something is satisfaction;
- a metric that names a thing the role builds ("conversion tracking", "NPS
  survey"), that the role measures ("Measure ... adoption", "users are
  tracked in pings"), or a duration spec ("90 day retention") is a delivery.

Beyond the metrics listed here, words learnt from other organisations' goals
(`cues`: "citations", "participation", "CSAT") count as impact under a quantity.
What neither reads, a logistic regression learnt from the corpus decides (`model`: lemmas, word
pairs, the opening word and the sentence's shape, shipped as weights in model.json); it quotes the
words with the largest weights in the sentence. The result names the words that decided, so the
finding can quote them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rolebook.checks.language import lexicon as L
from rolebook.checks.language.cues import Cues, shipped
from rolebook.checks.language.tokens import Token, tokenize

_PARENS = re.compile(r"\([^()]*\)")
_TIME_UNITS = frozenset("day days hour hours week weeks month months year years minute minutes second seconds".split())
_FUNCTION = frozenset("""
of in on at to for from by with and or that who which per than as into across within via through are is
have has had were was will can would should be been being using not still also now
""".split())
_SKIP_AFTER = frozenset("has have had is are was were will be been being together actively regularly all now also".split())
_RIGHT_LINK = frozenset("is are of at to by above over below under reaches up down from stays remains rate rates score per on >= <= > < ≥ ≤ = ~ least".split())
# Prepositions between a verb and a noun that detach the noun from the verb:
# "Deliver value to enterprise developers", "training for all developers".
_DETACH = frozenset("to for with from on at about than".split())
_CANDIDATE_WORDS = L.MONEY | L.BEHAVIOUR | L.ACTORS | frozenset(
    {w + "s" for w in L.MONEY | L.BEHAVIOUR | L.ACTORS} | {"enterprises", "share", "use", "adopted", "used", "percent"})
_LOWER_WORDS = re.compile(r"[a-z][a-z-]*")
_RATE_WORDS = frozenset({"rate", "rates", "score", "scores", "metric", "metrics", "ratio"})
# How far (in tokens) a verb or a passive may stand from the metric it governs. Every look-around is
# bounded so that the reading stays linear in the length of the text, whatever an editor pastes in.
_REACH = 12


@dataclass(frozen=True)
class Impact:
    """Why a sentence reads as impact: the metric and the words that made it so."""

    metric: str
    words: tuple[str, ...]

    def quote(self) -> str:
        return ", ".join(f"“{w}”" for w in self.words)


def impact_metric(text: str) -> str | None:
    """The metric `text` commits to moving, or None for a delivery commitment."""
    found = impact_of(text)
    return found.metric if found else None


def impact_of(text: str, cues: Cues | None = None) -> Impact | None:
    """The first impact commitment in `text`, with its evidence, or None.

    The grammar below reads the metrics it knows (revenue, adoption, customers...). What
    other people do or pay is named in many more words ("funding", "citations",
    "contributors", "views"); those are learnt from other organisations' goals (`cues`),
    and count as impact when the text also sets a quantity on them: a number, a comparative,
    a movement ("grow", "increase") or a quantifier ("many", "multiple", "at least").
    """
    return _impact_of(text, cues or shipped())


@lru_cache(maxsize=8192)
def _impact_of(text: str, cues: Cues) -> Impact | None:
    return _by_grammar(text) or _by_cues(text, cues) or _by_model(text, cues)


def _by_model(text: str, cues: Cues) -> Impact | None:
    """What the grammar does not read, the regression of `model` decides; it quotes its heaviest words."""
    found = cues.model.impact_of(text) if cues.model is not None else None
    if found is None or not found.words:
        return None
    metric = next((w for w in found.words if not any(c.isdigit() for c in w)), found.words[0])
    return Impact(metric.lower(), found.words)


def _by_cues(text: str, cues: Cues) -> Impact | None:
    word = cues.impact_in(text)
    if word is None:
        return None
    quantity = next((t for t in tokenize(text) if t.text != word and (
        t.kind == "num" or t.low in L.QUANTITIES or t.low in L.COMPARATIVES
        or (t.low in L.MOVE_VERBS and t.low not in L.NOT_MOVES))), None)
    return Impact(word.lower(), (quantity.text, word)) if quantity is not None else None


def _by_grammar(text: str) -> Impact | None:
    lowered = text.lower()
    if "%" not in text and "top" not in lowered and _CANDIDATE_WORDS.isdisjoint(_LOWER_WORDS.findall(lowered)):
        return None  # most outcomes name no metric, people or ranking at all: skip the grammar
    toks = list(tokenize(text))
    if not toks:
        return None
    return _satisfaction(toks) or _passive_usage(toks) or _ranking(toks) or _metrics(toks)


def _is_num(tok: Token) -> bool:
    return tok.kind == "num" or tok.low in L.NUMBER_WORDS or tok.low in L.QUANTITIES


def _verb(tok: Token) -> bool:
    return tok.low in L.MOVE_VERBS or tok.low in L.MEASURE_VERBS or tok.low in L.DELIVERY_VERBS or tok.low in L.BEHAVIOUR_VERBS


def _governor(toks: list[Token], i: int) -> Token | None:
    """The nearest verb before token i in the same clause, at most _REACH tokens back (linear time on any text)."""
    for j in range(i - 1, max(-1, i - 1 - _REACH), -1):
        t = toks[j]
        if t.low in L.CLAUSE_BREAKS or t.low in _DETACH:
            return None
        if t.low in L.MOVE_VERBS or t.low in L.MEASURE_VERBS or t.low in L.ACQUIRE_VERBS:
            if j > 0 and toks[j - 1].low in {"the", "a", "an", "our", "their", "its"}:
                continue  # a noun: "the report", "a drive"
            return t
    return None


def _number_before(toks: list[Token], i: int) -> Token | None:
    """A number that targets the noun phrase ending at token i ("100% Logo Retention", "$2M in pipeline")."""
    for j in range(i - 1, max(-1, i - 6), -1):
        t = toks[j]
        if _is_num(t):
            if j + 1 < i and toks[j + 1].low in _TIME_UNITS:
                return None  # "90 day retention" is a duration, not a target
            return t
        if t.kind == "sym" and t.low not in {"$", "%", "+", "&", "/", "-"}:
            return None
        if t.low in {"that", "which", "who", "to", "for", "by", "with", "and", "or"} or _verb(t) or t.low in _SKIP_AFTER:
            return None
    return None


def _target_after(toks: list[Token], i: int) -> Token | None:
    """A number or movement after the metric: "retention of 90%", "traffic has increased by 30%"."""
    seen_link = False
    for j in range(i + 1, min(len(toks), i + 7)):
        t = toks[j]
        if _is_num(t) and (seen_link or j == i + 1):
            return t
        if t.low in {"growth", "increase", "lift", "decline", "trajectory"}:
            return t
        if t.low in L.MOVE_VERBS and t.low not in L.NOT_MOVES:
            return t
        if t.low in _RIGHT_LINK or t.low in _SKIP_AFTER or t.low in {"weekly", "monthly", "daily", "yearly", "net", "gross"}:
            seen_link = True
            continue
        if t.kind == "word" and not _verb(t) and t.low not in _FUNCTION and j <= i + 3:
            continue  # "revenue per partner", "retention rate"
        break
    return None


def _blocked(toks: list[Token], i: int, governor: Token | None) -> bool:
    """True when the metric at i names a thing built or measured, not moved."""
    nxt = i + 1
    while nxt < len(toks) and toks[nxt].low in {"rate", "rates"}:
        nxt += 1
    if nxt < len(toks) and toks[nxt].low in L.ARTEFACT_HEADS:
        moved = governor is not None and governor.low in L.MOVE_VERBS and governor.low not in L.NOT_MOVES
        if not (moved and toks[nxt].low in _RATE_WORDS):
            return True
    if toks[i].low == "pipeline" and i > 0 and toks[i - 1].low in L.PIPELINE_ARTEFACT:
        return True
    if governor is not None and governor.low in L.MEASURE_VERBS and governor.low not in L.MOVE_VERBS:
        return True
    for j in range(i + 1, min(len(toks), i + 4)):
        if toks[j].low in L.MEASURE_VERBS and toks[j].low.endswith("ed"):
            return True  # "... active users are tracked in pings"
        if toks[j].low not in _SKIP_AFTER and toks[j].kind != "sym":
            break
    return False


def _metric_kind(toks: list[Token], i: int) -> str | None:
    t = toks[i]
    low = t.low
    if low == "share":
        before = toks[i - 1].low if i else ""
        after = toks[i + 1].low if i + 1 < len(toks) else ""
        return "strong" if before == "market" or after == "of" else None
    if low == "sessions" and i and toks[i - 1].low in {"training", "enablement", "review", "working", "design", "planning", "feedback", "coaching"}:
        return None
    if "/" in low:
        low = low.split("/")[0]  # "customers/prospects"
    if low in L.MONEY or low in L.BEHAVIOUR:
        return "strong"
    if low == "use" and i and toks[i - 1].low in L.MOVE_VERBS:
        return "strong"  # "Grow use of GitLab"
    if low in L.ACTORS or low == "enterprises":
        return "actor"
    if t.kind == "word" and re.fullmatch(r"[A-Z]{2,}s", t.text) and low[:-1] in L.MONEY | L.BEHAVIOUR | L.ACTORS:
        return "strong" if low[:-1] in L.MONEY | L.BEHAVIOUR else "actor"  # SWAUs, MQLs
    return None


def _is_head(toks: list[Token], i: int) -> bool:
    """True when the word at i ends its noun phrase ("customers use", not "customer issues")."""
    if i + 1 >= len(toks):
        return True
    nxt = toks[i + 1]
    if nxt.low in {"story", "stories", "feature", "features", "coverage"} and toks[i].low in {"media", "press"}:
        return True
    return (nxt.kind != "word" or nxt.low in _FUNCTION or _verb(nxt) or nxt.low in L.SENTIMENT_VERBS
            or nxt.low.endswith("ed"))  # "trials referred by GitLab"


def _metrics(toks: list[Token]) -> Impact | None:
    any_verb_before = False
    for i, t in enumerate(toks):
        kind = _metric_kind(toks, i)
        if kind == "strong" and _coordinated_modifier(toks, i):
            kind = None
        if kind is None:
            if _verb(t) and not (i and toks[i - 1].low in {"the", "a", "an"}):
                any_verb_before = True
            continue
        governor = _governor(toks, i)
        if _blocked(toks, i, governor):
            continue
        moved = governor is not None and governor.low in L.MOVE_VERBS and governor.low not in L.NOT_MOVES
        if kind == "strong":
            number = _number_before(toks, i)
            if number is not None and not moved and _share_of(toks, number, i):
                number = None  # "Route 10% of traffic to v2": a share the role moves, not a target
            compar = toks[i - 1] if i and toks[i - 1].low in L.COMPARATIVES else None
            after = _target_after(toks, i)
            if t.low == "sessions":
                number = compar = after = None  # "observed in three sessions" counts, it does not target
            for evidence in ((governor if moved else None), number, compar, after):
                if evidence is not None:
                    return Impact(t.text.lower(), _words(evidence, t))
            continue
        if not _is_head(toks, i):
            continue
        acquired = governor is not None and governor.low in L.ACQUIRE_VERBS and governor.low not in L.NOT_MOVES
        if acquired:
            return Impact(t.text.lower(), _words(governor, t))
        number = _number_before(toks, i) or (toks[i - 1] if i and toks[i - 1].low in L.COMPARATIVES else None)
        if number is not None:
            doing = _behaviour_after(toks, i)
            if doing is not None:
                return Impact(t.text.lower(), (number.text, t.text, doing.text))
            if _position(toks, number, i) <= 2 and not any_verb_before and not _passive_after(toks, i):
                return Impact(t.text.lower(), (number.text, t.text))
    return None


def _position(toks: list[Token], tok: Token, i: int) -> int:
    """Where `tok`, found at most a few tokens before i, stands (a bounded search, not list.index)."""
    return next(j for j in range(i - 1, max(-1, i - 8), -1) if toks[j] is tok)


def _share_of(toks: list[Token], number: Token, i: int) -> bool:
    j = _position(toks, number, i)
    return j + 1 < i and toks[j + 1].low == "of"


def _passive_after(toks: list[Token], i: int) -> bool:
    """ "100% of inbound leads are scored": something is done to them."""
    after = toks[i + 1:i + 2 + _REACH]
    return any(a.low in {"is", "are", "was", "were", "be"} and b.low.endswith("ed") for a, b in zip(after, after[1:]))


def _coordinated_modifier(toks: list[Token], i: int) -> bool:
    """ "usage and support questions": the metric modifies a noun after a conjunction."""
    if i + 3 < len(toks) and toks[i + 1].low in {"and", "or"}:
        a, b = toks[i + 2], toks[i + 3]
        return a.kind == "word" and b.kind == "word" and b.low not in _FUNCTION and not _verb(b) and _metric_kind(toks, i + 2) is None
    return False


def _words(evidence: Token, metric: Token) -> tuple[str, ...]:
    return (evidence.text, metric.text) if evidence is not metric else (metric.text,)


def _behaviour_after(toks: list[Token], i: int) -> Token | None:
    for j in range(i + 1, min(len(toks), i + 5)):
        t = toks[j]
        if t.low in L.BEHAVIOUR_VERBS or t.low in L.SENTIMENT_VERBS:
            return t
        if t.low not in _SKIP_AFTER:
            return None
    return None


def _satisfaction(toks: list[Token]) -> Impact | None:
    """A share of people who say, report or recommend: "90% of new hires say ..."."""
    percent = next((t for t in toks if t.kind == "num" and "%" in t.text or t.low == "percent"), None)
    if percent is None:
        return None
    for i, t in enumerate(toks):
        said = t.low in L.SENTIMENT_VERBS and t.low not in {"report", "reports"}
        reported = t.low in {"report", "reports", "reported"} and i + 1 < len(toks) and toks[i + 1].low == "that"
        if (said or reported) and _people_before(toks, i):
            return Impact("satisfaction", (percent.text, t.text))
    return None


def _people_before(toks: list[Token], i: int) -> bool:
    """Whether people (not documents or alerts) do the saying at token i: "new hires say", "AEs would recommend"."""
    for t in toks[max(0, i - 4):i]:
        if t.low in L.ROLE_PLURALS or t.low in L.ACTORS or t.low in L.PEOPLE_WORDS or t.low in L.GROUP_WORDS:
            return True
        if t.kind == "word" and re.fullmatch(r"[A-Z]{2,}s", t.text):
            return True
    return False


def _passive_usage(toks: list[Token]) -> Impact | None:
    """ "is adopted by customers", "are used by 10 enterprise customers", "adopted internally"."""
    for i, t in enumerate(toks):
        if t.low in {"adopted", "used"} and i + 1 < len(toks) and toks[i + 1].low in {"by", "across", "internally"}:
            who = toks[i + 2:i + 7]
            people = toks[i + 1].low == "internally" or any(
                _is_num(w) or w.low in L.ACTORS or w.low in L.ROLE_PLURALS or w.low in L.GROUP_WORDS for w in who)
            if people and i and toks[i - 1].low in {"is", "are", "be", "been", "being", "and", "get", "gets"}:
                return Impact("adoption", (toks[i - 1].text, t.text, toks[i + 1].text))
    return None


def _ranking(toks: list[Token]) -> Impact | None:
    """A ranking others decide: "hits top 5 in Hacker News", "Top-5 post on Hacker News"."""
    lows = [t.low for t in toks]
    for i, low in enumerate(lows):
        if low.startswith("top") and (low in L.RANKING and (low != "top" or (i + 1 < len(toks) and _is_num(toks[i + 1])))):
            rest = " ".join(lows[i:i + 6])
            if "hacker news" in rest or "post" in rest or "ranking" in rest:
                return Impact("ranking", tuple(t.text for t in toks[i:i + 2]))
    return None
