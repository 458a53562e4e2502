"""Cues learnt from other organisations' goals: the words of directions, not results.

The hand-written reading in `verifiable` knows a few hundred words of things one
can check; a goal that names none of them is not vague for that alone: real goals
name far more checkable things than any list ("mirror in production", "webhook",
"scrubber"). What vague goals share is their words: they open with a direction
("improve", "ensure", "optimize") and are made of qualities and relations
("collaboration", "culture", "efficiency", "experience"). This module learns those
words from the labelled corpus in tests/data/ by counting, and ships them as plain
data (`cues.json`: no pickle, no download), so each decision can quote its words:

- a *direction* opens vague goals of at least two organisations, at least
  `MIN_SUPPORT` of them, and few deliveries;
- a *vague word* appears in vague goals of at least two organisations, at least
  `MIN_SUPPORT` times, and in at least as many vague goals as deliveries;
- an *impact word* names what other people do or pay ("funding", "citation",
  "contributor", "view"): it appears in impact goals of at least two
  organisations, at least `MIN_IMPACT_SUPPORT` times, and `MIN_IMPACT_SHARE` of
  the goals it appears in are impact.

Lemmas come from `lemminflect` (improves, improved, improving -> improve), so a cue
learnt from one inflection reads every other; the fit ships every inflection of
each cue (`forms`), so reading a text at check time is a set lookup per word and
does not load lemminflect's dictionaries (a third of a second at start-up). `fit(rows)` is what
`scripts/fit_cues.py` runs on the whole corpus; `benchmarks/bench_rules.py` runs it
once per organisation on the corpus without that organisation
(leave-one-organisation-out), so no figure is measured on rows its cues came from.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from rolebook.checks.language import model as _model

DATA = Path(__file__).with_name("cues.json")
MIN_SUPPORT = 2            # vague goals a cue is seen in
MIN_ORGANISATIONS = 2      # organisations whose vague goals it is seen in
MIN_VAGUE_SHARE = 0.5      # share of vague goals among the goals (vague or delivery) a vague word is in
MAX_DIRECTION_DELIVERY = 0.3  # at most this share of the goals a direction opens may be deliveries
MIN_IMPACT_SUPPORT = 3     # impact goals an impact word is seen in
MIN_IMPACT_SHARE = 0.7     # share of impact goals among all the goals it is seen in
MAX_WORDS = 12           # a lemma is read from the first this many words of a text: goals lead with what matters
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_IGNORED = frozenset("""
a an the of in on at to for from by with and or that which who this these those our their its his her we they it
is are be been being was were will would should can could may might must has have had do does did not no
all any each every some more most less many much other such as into across within via per than up out so
what when where there here then also very just etc one two another
day days week weeks month months quarter quarters year years today
""".split())


# Verbs the grammar in `impact` already reads as moving or delivering: as impact words they would
# make "the loop reached a decision" an impact. Impact words are what is moved, not the moving.
_ACTIONS = frozenset("grow increase reach achieve improve drive boost raise double triple hit gain get win land "
                     "expand generate attract deliver ship build close sign secure acquire retain convert earn".split())


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of `word`, lower case: a verb's if it can be one ("mirrors" -> "mirror")."""
    from lemminflect import getAllLemmas  # fit time only: the check reads the shipped forms

    low = word.lower()
    forms = getAllLemmas(low)
    for pos in ("VERB", "NOUN", "ADJ", "ADV"):
        if pos in forms:
            return forms[pos][0]
    return low


def lemmas(text: str) -> tuple[str, ...]:
    """The lemmas of the first MAX_WORDS words of `text`, without function words."""
    return tuple(lemma(w) for w in _WORD.findall(text)[:MAX_WORDS] if len(w) > 2 and w.lower() not in _IGNORED)


def opening(text: str) -> str | None:
    """The lemma of the word a goal opens with ("Improving the docs" -> "improve")."""
    words = _WORD.findall(text)
    return lemma(words[0]) if words else None


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    """The first MAX_WORDS words of `text`, each with its lower case."""
    return tuple((w, w.lower()) for w in _WORD.findall(text)[:MAX_WORDS])


def inflections(lem: str) -> frozenset[str]:
    """`lem` and every inflection of it ("improve" -> improve, improves, improved, improving)."""
    from lemminflect import getAllInflections  # fit time only

    return frozenset({lem}.union(*getAllInflections(lem).values()))


@dataclass(frozen=True, eq=False)
class Cues:
    """The learnt cues, each as every inflected form of its lemmas (lower case).

    Compared and hashed by identity (`eq=False`): the readings cache per (text, cues), and
    hashing three large sets on every call would cost more than the reading.
    """

    directions: frozenset[str] = frozenset()
    vague_words: frozenset[str] = frozenset()
    impact_words: frozenset[str] = frozenset()
    model: _model.Model | None = None  # the two regressions of `model`, fitted with these cues (`fitting`)

    def impact_in(self, text: str) -> str | None:
        """The first word of `text` that is an impact word ("funding"), if any."""
        return next((w for w, low in _words(text) if low in self.impact_words), None)

    def vague_in(self, text: str) -> tuple[str, ...]:
        """The vague words of `text`, in order ("Improve collaboration" -> ("collaboration",))."""
        return tuple(w for w, low in _words(text) if low in self.vague_words)

    def direction_of(self, text: str) -> str | None:
        """The direction `text` opens with ("Improving"), if it opens with one."""
        words = _words(text)
        return words[0][0] if words and words[0][1] in self.directions else None


def fit(rows: Iterable[Mapping[str, str]]) -> Cues:
    """Learn the cues from labelled rows (`label`, `org`, `text`): counts, thresholds, nothing else."""
    count: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    orgs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    heads: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    head_orgs: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in rows:
        label = row["label"]
        for lem in set(lemmas(row["text"])):
            count[lem][label] += 1
            orgs[lem][label].add(row["org"])
        if label not in ("delivery", "vague"):
            continue
        head = opening(row["text"])
        if head:
            heads[head][label] += 1
            head_orgs[head][label].add(row["org"])
    vague_words = {lem for lem, c in count.items()
                   if c["vague"] >= MIN_SUPPORT and len(orgs[lem]["vague"]) >= MIN_ORGANISATIONS
                   and c["vague"] >= MIN_VAGUE_SHARE * (c["delivery"] + c["vague"])}
    directions = {head for head, c in heads.items()
                  if c["vague"] >= MIN_SUPPORT and len(head_orgs[head]["vague"]) >= MIN_ORGANISATIONS
                  and c["delivery"] <= MAX_DIRECTION_DELIVERY * (c["delivery"] + c["vague"])}
    impact_words = {lem for lem, c in count.items()
                    if lem not in _ACTIONS and c["impact"] >= MIN_IMPACT_SUPPORT and len(orgs[lem]["impact"]) >= MIN_ORGANISATIONS
                    and c["impact"] >= MIN_IMPACT_SHARE * (c["impact"] + c["delivery"] + c["vague"])}
    return _expand({"directions": directions, "vague_words": vague_words, "impact_words": impact_words})


def _expand(lemma_sets: Mapping[str, Iterable[str]], forms: Mapping[str, Iterable[str]] | None = None) -> Cues:
    """Cues whose sets hold every inflection of the given lemmas (from `forms`, or lemminflect)."""
    def every_form(lemmas_: Iterable[str]) -> frozenset[str]:
        return frozenset().union(*(frozenset(forms[lem]) if forms else inflections(lem) for lem in lemmas_))
    return Cues(**{name: every_form(lems) for name, lems in lemma_sets.items()})


def lemma_sets(cues: Cues) -> dict[str, list[str]]:
    """The lemmas behind each set of `cues` (a form is its own lemma when lemminflect has none)."""
    return {name: sorted({lemma(form) for form in getattr(cues, name)}) for name in ("directions", "vague_words", "impact_words")}


def dump(cues: Cues) -> str:
    """cues.json: the lemmas of each set, and the inflected forms the check reads them by."""
    lems = lemma_sets(cues)
    every = set().union(*lems.values())
    forms = {lem: sorted(inflections(lem)) for lem in sorted(every)}
    return json.dumps({**lems, "forms": forms}, indent=1, ensure_ascii=False) + "\n"


@lru_cache(maxsize=1)
def shipped() -> Cues:
    """The cues learnt from the whole corpus, as shipped in cues.json (no lemminflect needed)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    forms = data.pop("forms")
    words = _expand(data, forms)
    return Cues(words.directions, words.vague_words, words.impact_words, model=_model.shipped())
