"""The shape of the German labelled corpus, tests/data/outcome_sentences_de.tsv (issue 22).

The rules' figures on it are measured elsewhere; this holds the file itself to what
tests/data/README.md promises: four tab-separated columns, the three labels, enough
organisations that none dominates, a permanent http(s) source on every row, no
duplicate sentence, and nothing from the sources held out to measure the checker.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "data" / "outcome_sentences_de.tsv"
HEADER = ["label", "org", "text", "source"]
LABELS = {"impact", "delivery", "vague"}

# Held out in issue 22: the outside measurement of the checker. A source URL naming
# any of these fails, whatever language it is in.
HELD_OUT = (
    "posthog",
    "rust-lang",
    "ipfs",
    "protocol.ai",
    "protocol-labs",
    "protocollabs",
    "libp2p",
    "gov.uk",
    "joystream",
    "chromium",
    "kubernetes/enhancements",
    "mattermost",
    "wikimedia",
    "wikipedia",
    "performance.gov",
)


def _lines() -> list[str]:
    return CORPUS.read_text(encoding="utf-8").splitlines()


def _rows() -> list[dict[str, str]]:
    return [dict(zip(HEADER, line.split("\t"))) for line in _lines()[1:]]


def test_header_and_four_columns_on_every_row():
    lines = _lines()
    assert lines[0].split("\t") == HEADER
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        assert len(cells) == 4, f"line {number}: {len(cells)} columns"
        assert all(cell.strip() == cell and cell for cell in cells), f"line {number}: empty or padded cell"


def test_labels_are_the_three_of_the_guide_and_each_is_well_represented():
    counts = Counter(row["label"] for row in _rows())
    assert set(counts) == LABELS
    assert counts["impact"] >= 60 and counts["vague"] >= 60


def test_size_and_no_organisation_dominates():
    rows = _rows()
    orgs = Counter(row["org"] for row in rows)
    assert len(rows) >= 300
    assert len(orgs) >= 6
    biggest, count = orgs.most_common(1)[0]
    assert count / len(rows) <= 0.40, f"{biggest} holds {count} of {len(rows)} rows"


def test_every_source_is_an_http_url():
    for row in _rows():
        assert re.fullmatch(r"https?://[^\s/]+\.[^\s/]+/\S*", row["source"]), row["source"]


def test_a_github_source_is_pinned_to_a_commit():
    for row in _rows():
        if row["source"].startswith("https://github.com/"):
            assert re.search(r"/blob/[0-9a-f]{40}/", row["source"]), row["source"]


def test_no_duplicate_texts():
    texts = Counter(row["text"].casefold() for row in _rows())
    assert [text for text, n in texts.items() if n > 1] == []


def test_text_is_stripped_as_the_readme_says():
    for row in _rows():
        text = row["text"]
        assert not text.endswith("."), text
        assert not re.match(r"(?:[-*•]|\d+[.)])\s", text), text
        assert "**" not in text and "](" not in text, text


@pytest.mark.parametrize("name", HELD_OUT)
def test_no_row_comes_from_a_held_out_source(name):
    hits = [row["source"] for row in _rows() if name in row["source"].lower() or name in row["org"].lower()]
    assert hits == []


def test_the_held_out_check_catches_what_it_should():
    def held_out(url: str) -> bool:
        return any(name in url.lower() for name in HELD_OUT)

    assert held_out("https://github.com/PostHog/posthog.com/blob/0/contents/handbook/x.md")
    assert held_out("https://meta.wikimedia.org/wiki/Wikimedia_Deutschland/Plan")
    assert held_out("https://github.com/kubernetes/enhancements/blob/0/keps/README.md")
    assert not held_out("https://github.com/okfde/koalitionstracker/blob/0/_chapters/x.md")
