"""RB104, RB105 and RB112 on the labelled corpus in tests/data/, leave-one-organisation-out.

    python benchmarks/bench_rules.py

One row per organisation (the rules measured on its rows only; nothing in the
rules was fitted to it unless it is one of TUNED, the two handbooks the word
lists were written on), then the overall figures with and without TUNED.
Owners are read without a handbook's context (no team titles, role titles or
holders to lean on).

Targets (issue 22), on organisations the rules were not tuned on: RB105 recall
>= 0.75 with at most 2% of delivery sentences flagged; RB112 recall >= 0.60
with at most 4% of delivery done_when flagged; RB104 recall >= 0.80 of
collective owners with no single named person flagged.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.rule_corpus import Score, leave_one_out, overall, owners, sentences  # noqa: E402

TUNED = ("Sourcegraph", "GitLab")


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


if __name__ == "__main__":
    main()
