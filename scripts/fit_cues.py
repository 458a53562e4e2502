"""Refit plugins/rolebook/checks/language/cues.json and model.json from the labelled corpus in tests/data/.

    python scripts/fit_cues.py

Run it after changing tests/data/outcome_sentences.tsv; tests/unit/checks/test_cues.py and
test_model.py fail while the shipped files and the corpus disagree. Needs the test extras
(lemminflect, scikit-learn); the check itself reads the two JSON files only.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from rolebook.checks.language import model  # noqa: E402
from rolebook.checks.language.cues import DATA, dump  # noqa: E402
from rolebook.checks.language.fitting import dump as dump_model, fit  # noqa: E402


def corpus_rows() -> list[dict[str, str]]:
    with open(ROOT / "tests" / "data" / "outcome_sentences.tsv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


if __name__ == "__main__":
    cues = fit(corpus_rows())
    DATA.write_text(dump(cues), encoding="utf-8")
    model.DATA.write_text(dump_model(cues.model), encoding="utf-8")
    fitted = cues.model
    print(f"{DATA}: {len(cues.directions)} directions, {len(cues.vague_words)} vague words")
    print(f"{model.DATA}: {len(fitted.impact.weights) if fitted and fitted.impact else 0} impact weights, "
          f"{len(fitted.vague.weights) if fitted and fitted.vague else 0} vague weights, {len(fitted.forms) if fitted else 0} forms")
