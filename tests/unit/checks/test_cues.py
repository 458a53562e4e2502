"""The cues learnt from the corpus: shipped as plain data that matches the corpus, read through lemmas, explainable."""

from __future__ import annotations

import json

from rolebook.checks.language.cues import DATA, Cues, dump, fit, inflections, lemma, shipped
from rolebook.checks.language.impact import impact_of
from rolebook.checks.language.verifiable import unverifiable
from support.rule_corpus import fold_rows, sentences


def test_the_shipped_cues_are_what_the_corpus_gives():
    """cues.json is refitted by scripts/fit_cues.py, never edited by hand: it must equal fit(corpus)."""
    assert DATA.read_text(encoding="utf-8") == dump(fit(sentences()))
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert set(data) == {"directions", "vague_words", "impact_words", "forms"}
    assert set(data["forms"]) == set(data["directions"]) | set(data["vague_words"]) | set(data["impact_words"])


def test_the_check_reads_the_shipped_forms_without_loading_lemminflect():
    import subprocess
    import sys
    code = ("import sys; from rolebook.checks.language.verifiable import unverifiable; "
            "assert unverifiable('Improving collaboration'); print('lemminflect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_lemmas_read_every_inflection_of_a_cue():
    assert {lemma(w) for w in ("improve", "improves", "improved", "improving")} == {"improve"}
    assert lemma("Citations") == "citation" and lemma("contributors") == "contributor"


def test_a_cue_needs_two_organisations():
    rows = [{"label": "vague", "org": "A", "text": "Foster synergy"}] * 5 + [
        {"label": "vague", "org": "A", "text": "Leverage synergy"}, {"label": "vague", "org": "B", "text": "Leverage teamwork"},
        {"label": "vague", "org": "B", "text": "Leverage teamwork again"}]
    cues = fit(rows)
    assert "foster" not in cues.directions and "synergy" not in cues.vague_words  # one organisation only
    assert {"leverage", "leveraging", "leveraged"} <= cues.directions and "teamwork" not in cues.vague_words


def test_a_fold_learns_nothing_from_the_organisation_it_measures():
    org = "Foundation for Public Code"
    words = {w.lower() for r in sentences(org) for w in r["text"].split()}
    only_there = words - {w.lower() for r in fold_rows(org) for w in r["text"].split()}
    learnt = fit(fold_rows(org))
    assert only_there and not (only_there & (learnt.directions | learnt.vague_words | learnt.impact_words))


def test_each_learnt_decision_quotes_its_words():
    cues = Cues(directions=inflections("improve"), vague_words=inflections("synergy"),
                impact_words=inflections("citation"))
    assert unverifiable("Improving the docs", cues).direction == "Improving"
    assert unverifiable("More synergy across squads", cues).words == ("synergy",)
    assert unverifiable("Ship the synergy dashboard", cues) is None               # an artefact: checkable
    found = impact_of("Many citations in press and research", cues)
    assert found and found.words == ("Many", "citations")
    assert impact_of("Publish the citations page", cues) is None                  # no quantity on it


def test_the_shipped_cues_are_used_by_default():
    assert shipped().directions and shipped().vague_words and shipped().impact_words
    assert unverifiable("Improve collaboration across squads") is not None
    assert unverifiable("Snyk mirror in production") is None


def test_qualities_without_a_threshold_and_open_work_are_vague():
    assert unverifiable("Efficient and reliable Vault download").words == ("Efficient", "reliable")
    assert unverifiable("Explore possibility of replacing SHA1 with SHA1-DC").direction == "Explore"
    assert unverifiable("Explore the options and publish a report") is None      # a result is named
    assert unverifiable("Search answers faster than 200 ms at p95") is None       # a threshold
