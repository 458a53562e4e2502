"""The labelled corpus in tests/data/, its fixed split, and the rules' scores on it.

Shared by tests/unit/checks/test_rule_corpus.py (floors) and benchmarks/bench_rules.py (the table).
The split is by a hash of the normalised text (lower case, digits folded), so it never
changes when rows are added or reordered, and near-duplicates that differ only in a
number land in the same part.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from rolebook.checks.language.impact import impact_of
from rolebook.checks.language.owners import read_owner
from rolebook.checks.language.verifiable import unverifiable

DATA = Path(__file__).resolve().parents[1] / "data"
HELD_OUT_TENTHS = 4  # 40% held out


def part_of(text: str) -> str:
    norm = re.sub(r"\d+", "#", " ".join(text.lower().split()))
    return "held-out" if int(hashlib.sha256(norm.encode()).hexdigest()[:8], 16) % 10 < HELD_OUT_TENTHS else "tuning"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def sentences(part: str | None = None) -> list[dict[str, str]]:
    return [r for r in _rows("outcome_sentences.tsv") if part is None or part_of(r["text"]) == part]


def owners(part: str | None = None) -> list[dict[str, str]]:
    return [r for r in _rows("owners.tsv") if part is None or part_of(r["owner"]) == part]


@dataclass
class Score:
    rule: str
    positives: int        # sentences of the label the rule exists to catch
    caught: int
    negatives: int        # sentences it must leave alone (delivery, or named owners)
    false_alarms: int
    other_flagged: int = 0  # flagged sentences of a third label (counted against precision)

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


def score(part: str) -> list[Score]:
    rows = sentences(part)
    rb105 = Score("RB105", 0, 0, 0, 0)
    rb112 = Score("RB112", 0, 0, 0, 0)
    for row in rows:
        label, text = row["label"], row["text"]
        impact = impact_of(text) is not None
        vague = not impact and unverifiable(text) is not None  # the checker lets RB105 speak first
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
    rb104 = Score("RB104", 0, 0, 0, 0)
    for row in owners(part):
        collective = read_owner(row["owner"]).collective
        if row["label"] == "collective":
            rb104.positives += 1
            rb104.caught += collective
        else:
            rb104.negatives += 1
            rb104.false_alarms += collective
    return [rb105, rb104, rb112]
