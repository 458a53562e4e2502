"""RB104, RB105 and RB112 on the labelled corpus in tests/data/, leave-one-organisation-out.

    python benchmarks/bench_rules.py

One row per organisation (the rules measured on its rows only; nothing in the
rules was fitted to it unless it is one of TUNED, the two handbooks the word
lists were written on), then the overall figures with and without TUNED.
Owners are read without a handbook's context (no team titles, role titles or
holders to lean on).

Then the same table for German (`outcome_sentences_de.tsv`): RB105 and RB112 as
the checker reads German, per organisation, with TUNED_DE marked and left out of
the first overall line.

Targets (issue 22), on organisations the rules were not tuned on: RB105 recall
>= 0.75 with at most 2% of delivery sentences flagged; RB112 recall >= 0.60
with at most 4% of delivery done_when flagged; RB104 recall >= 0.80 of
collective owners with no single named person flagged.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.rule_corpus import (  # noqa: E402
    Score,
    german_leave_one_out,
    german_sentences,
    leave_one_out,
    overall,
    owners,
    sentences,
)

TUNED = ("Sourcegraph", "GitLab")
# The first two organisations the German corpus collected: the German word lists were checked against these only.
TUNED_DE = ("Stadt Ulm", "SPD, Bündnis 90/Die Grünen und FDP")


def _cell(s: Score) -> str:
    if not s.positives and not s.negatives:
        return "– | –"
    recall = f"{s.recall:.2f} ({s.caught}/{s.positives})" if s.positives else "–"
    false = f"{s.false_rate:.1%} ({s.false_alarms}/{s.negatives})" if s.negatives else "–"
    return f"{recall} | {false}"


def main() -> None:
    table = leave_one_out()
    print(f"{len(sentences())} sentences and {len(owners())} owner strings from {len(table)} organisations\n")
    print("| organisation | sentences | RB105 impact recall | RB105 delivery flagged | RB112 vague recall "
          "| RB112 delivery flagged | RB104 collective recall | RB104 persons flagged "
          "| several: own message | several: persons flagged |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for org, scores in table.items():
        mark = " (tuned on)" if org in TUNED else ""
        print(f"| {org}{mark} | {len(sentences(org))} | " + " | ".join(_cell(s) for s in scores) + " |")
    for name, exclude in (("overall, not tuned on", TUNED), ("overall, all", ())):
        print(f"| **{name}** | | " + " | ".join(_cell(s) for s in overall(table, exclude)) + " |")
    german = german_leave_one_out()
    if not german:
        return
    from rolebook.checks.language.languages import language_of

    read_de = sum(language_of(r["text"]) == "de" for r in german_sentences())
    print(f"\nGerman: {len(german_sentences())} sentences from {len(german)} organisations "
          f"({read_de} read as German, the rest by the English rules)\n")
    print("| organisation | sentences | RB105 impact recall | RB105 delivery flagged | RB112 vague recall "
          "| RB112 delivery flagged |")
    print("|---|---|---|---|---|---|")
    for org, scores in german.items():
        mark = " (tuned on)" if org in TUNED_DE else ""
        print(f"| {org}{mark} | {len(german_sentences(org))} | " + " | ".join(_cell(s) for s in scores) + " |")
    for name, exclude in (("overall, not tuned on", TUNED_DE), ("overall, all", ())):
        if all(org in exclude for org in german):
            print(f"| **{name}** | | – | – | – | – |")
            continue
        print(f"| **{name}** | | " + " | ".join(_cell(s) for s in overall(german, exclude)) + " |")


if __name__ == "__main__":
    main()
