"""The labelled corpus in tests/data/ and the rules' scores on it, per organisation.

Shared by tests/unit/checks/test_rule_corpus.py (floors) and benchmarks/bench_rules.py (the table).

Every row names the organisation that wrote it (`org`). The measurement is
leave-one-organisation-out: each organisation is scored by rules that were not
fitted to it. The word lists and grammar in `checks/language/` are fixed code
(written on the Sourcegraph and GitLab rows, see tests/data/README.md), so for
them a fold is simply the organisation's own rows; the cues learnt from the
corpus (`checks/language/cues.py`) and the two regressions (`checks/language/model.py`) are
refitted per fold on `fold_rows(org)`, the corpus without `org`, by the code that fits the
shipped files (`checks/language/fitting.py`).

German (`outcome_sentences_de.tsv`, same columns) is measured the same way with
`score_german`: the rows go through `checks/language/reading.py` as the checker
sends them (by `language_of`: German text to `german`, anything it reads as
English to the English rules). The German rules learn nothing from the corpus
(word lists and grammar in `lexicon_de`/`german`, written on TUNED_DE only), so
each German fold is the organisation's own rows and nothing is refitted.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rolebook.checks.language.cues import Cues
from rolebook.checks.language.fitting import fit
from rolebook.checks.language.impact import impact_of
from rolebook.checks.language.owners import read_owner
from rolebook.checks.language.verifiable import unverifiable

DATA = Path(__file__).resolve().parents[1] / "data"
SENTENCE_LABELS = ("delivery", "impact", "vague")
OWNER_LABELS = ("person", "collective", "several")


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def sentences(org: str | None = None) -> list[dict[str, str]]:
    return [r for r in _rows("outcome_sentences.tsv") if org is None or r["org"] == org]


def german_sentences(org: str | None = None) -> list[dict[str, str]]:
    """The German corpus, or [] where it is not there yet."""
    if not (DATA / "outcome_sentences_de.tsv").exists():
        return []
    return [r for r in _rows("outcome_sentences_de.tsv") if org is None or r["org"] == org]


def german_organisations() -> list[str]:
    """Every organisation of the German corpus, in the order the corpus lists them (TUNED_DE first)."""
    return list(dict.fromkeys(r["org"] for r in german_sentences()))


def owners(org: str | None = None) -> list[dict[str, str]]:
    return [r for r in _rows("owners.tsv") if org is None or r["org"] == org]


def organisations() -> list[str]:
    """Every organisation with sentences, the largest first."""
    counts: dict[str, int] = {}
    for r in sentences():
        counts[r["org"]] = counts.get(r["org"], 0) + 1
    return sorted(counts, key=lambda o: (-counts[o], o))


def fold_rows(org: str) -> list[dict[str, str]]:
    """The training rows of the fold that measures `org`: everything it did not write."""
    return [r for r in sentences() if r["org"] != org]


@dataclass
class Score:
    rule: str
    positives: int = 0      # rows of the label the rule exists to catch
    caught: int = 0
    negatives: int = 0      # rows it must leave alone (delivery, or one named person)
    false_alarms: int = 0
    other_flagged: int = 0  # flagged rows of a third label (counted against precision)

    @property
    def recall(self) -> float:
        return self.caught / self.positives if self.positives else 0.0

    @property
    def false_rate(self) -> float:
        return self.false_alarms / self.negatives if self.negatives else 0.0

    @property
    def precision(self) -> float:
        flagged = self.caught + self.false_alarms + self.other_flagged
        return self.caught / flagged if flagged else 1.0

    def add(self, other: "Score") -> None:
        for name in ("positives", "caught", "negatives", "false_alarms", "other_flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def score_sentences(rows: list[dict[str, str]], cues: Cues | None = None) -> tuple[Score, Score]:
    """RB105 and RB112 on `rows`, as the checker runs them (RB105 speaks first), with the learnt `cues`."""
    return _score(rows, lambda text: impact_of(text, cues), lambda text: unverifiable(text, cues))


def score_german(rows: list[dict[str, str]]) -> tuple[Score, Score]:
    """RB105 and RB112 on German `rows`, as the checker runs them (by the text's language, RB105 first)."""
    from rolebook.checks.language.reading import impact_of as read_impact
    from rolebook.checks.language.reading import unverifiable as read_vague

    return _score(rows, read_impact, read_vague)


def _score(rows: list[dict[str, str]], read_impact, read_vague) -> tuple[Score, Score]:
    rb105, rb112 = Score("RB105"), Score("RB112")
    for row in rows:
        label, text = row["label"], row["text"]
        impact = read_impact(text) is not None
        vague = not impact and read_vague(text) is not None
        if label == "impact":
            rb105.positives += 1
            rb105.caught += impact
        elif label == "delivery":
            rb105.negatives += 1
            rb105.false_alarms += impact
            rb112.negatives += 1
            rb112.false_alarms += vague
        else:
            rb105.other_flagged += impact
            rb112.positives += 1
            rb112.caught += vague
    return rb105, rb112


def german_leave_one_out() -> dict[str, list[Score]]:
    """Per German organisation: [RB105, RB112] on its rows only (nothing is learnt from the others to refit)."""
    return {org: list(score_german(german_sentences(org))) for org in german_organisations()}


def score_owners(rows: list[dict[str, str]]) -> tuple[Score, Score]:
    """RB104 on `rows`: collective recall against single persons, and owners naming several people."""
    collective, several = Score("RB104"), Score("RB104 several")
    for row in rows:
        reading = read_owner(row["owner"])
        if row["label"] == "collective":
            collective.positives += 1
            collective.caught += reading.collective
        elif row["label"] == "several":
            several.positives += 1
            several.caught += bool(reading.several)
        else:
            collective.negatives += 1
            collective.false_alarms += reading.collective or bool(reading.several)
            several.negatives += 1
            several.false_alarms += bool(reading.several)
    return collective, several


@lru_cache(maxsize=1)
def _leave_one_out() -> tuple[tuple[str, tuple[Score, ...]], ...]:
    return tuple((org, tuple(scores)) for org, scores in _measure().items())


def leave_one_out() -> dict[str, list[Score]]:
    """Per organisation: [RB105, RB112, RB104, RB104 several] (computed once a process: a fold refits models)."""
    return {org: [Score(**vars(s)) for s in scores] for org, scores in _leave_one_out()}


def _measure() -> dict[str, list[Score]]:
    """Per organisation: [RB105, RB112, RB104, RB104 several], each measured on that organisation only,
    with cues learnt from every other organisation (`fit(fold_rows(org))`)."""
    table = {}
    for org in organisations():
        rb105, rb112 = score_sentences(sentences(org), fit(fold_rows(org)))
        rb104, several = score_owners(owners(org))
        table[org] = [rb105, rb112, rb104, several]
    return table


def overall(table: dict[str, list[Score]], exclude: tuple[str, ...] = ()) -> list[Score]:
    """The folds added up (micro average), leaving out the organisations in `exclude`."""
    totals = [Score(s.rule) for s in next(iter(table.values()))]
    for org, scores in table.items():
        if org in exclude:
            continue
        for total, s in zip(totals, scores):
            total.add(s)
    return totals
