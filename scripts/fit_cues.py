"""Refit plugins/rolebook/checks/language/cues.json from the labelled corpus in tests/data/.

    python scripts/fit_cues.py

Run it after changing tests/data/outcome_sentences.tsv; tests/unit/checks/test_cues.py
fails while the shipped file and the corpus disagree.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from rolebook.checks.language.cues import DATA, dump, fit  # noqa: E402


def corpus_rows() -> list[dict[str, str]]:
    with open(ROOT / "tests" / "data" / "outcome_sentences.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


if __name__ == "__main__":
    cues = fit(corpus_rows())
    DATA.write_text(dump(cues), encoding="utf-8")
    print(f"{DATA}: {len(cues.directions)} directions, {len(cues.vague_words)} vague words")
