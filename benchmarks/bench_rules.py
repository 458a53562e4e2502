"""Precision and recall of RB104, RB105 and RB112 on the labelled corpus in tests/data/.

    python benchmarks/bench_rules.py

Prints one table for the held-out part (what the targets are about) and one for
the tuning part (what the word lists were tuned on). Owners are read without a
handbook's context (no team titles, role titles or holders to lean on).
Targets on held-out text: RB105 recall >= 0.70 with at most 2% of delivery
sentences flagged; RB104 recall >= 0.70 with no named owner flagged; RB112
flags at least half of vague done_when with at most 5% of delivery ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from rule_corpus import owners, score, sentences  # noqa: E402

_CATCHES = {"RB105": ("impact", "delivery"), "RB104": ("collective", "named"), "RB112": ("vague", "delivery")}


def main() -> None:
    for part in ("held-out", "tuning"):
        n_sent, n_own = len(sentences(part)), len(owners(part))
        print(f"\n{part} part: {n_sent} sentences, {n_own} owner strings")
        print("| rule | catches | recall | precision | false alarms |")
        print("|---|---|---|---|---|")
        for s in score(part):
            pos, neg = _CATCHES[s.rule]
            print(f"| {s.rule} | {pos} | {s.recall:.2f} ({s.caught}/{s.positives}) | {s.precision:.2f} | "
                  f"{s.false_rate:.1%} of {neg} ({s.false_alarms}/{s.negatives}) |")


if __name__ == "__main__":
    main()
