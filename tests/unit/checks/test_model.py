"""The two regressions of RB105 and RB112: plain data that matches the corpus, read without scikit-learn, explainable."""

from __future__ import annotations

import json
import subprocess
import sys

from rolebook.checks.language import model
from rolebook.checks.language.cues import Cues, lemma, shipped
from rolebook.checks.language.features import MAX_TOKENS, features
from rolebook.checks.language.fitting import dump, fit
from rolebook.checks.language.impact import impact_of
from rolebook.checks.language.model import Decision, Linear, Model
from rolebook.checks.language.verifiable import unverifiable
from support.rule_corpus import sentences


def test_the_shipped_model_is_what_the_corpus_gives():
    """model.json is refitted by scripts/fit_cues.py, never edited by hand: it must equal a fresh fit."""
    assert model.DATA.read_text(encoding="utf-8") == dump(fit(sentences()).model)
    data = json.loads(model.DATA.read_text(encoding="utf-8"))
    assert set(data) == {"impact", "vague", "forms"}
    for name in ("impact", "vague"):
        assert set(data[name]) == {"bias", "threshold", "weights"} and data[name]["weights"]


def test_the_check_reads_the_model_without_scikit_learn_or_lemminflect():
    code = ("import sys; from rolebook.checks.language.impact import impact_of; "
            "from rolebook.checks.language.verifiable import unverifiable; "
            "unverifiable('Foster a culture of sharing'); impact_of('More contributors to the standard'); "
            "print(sorted(m for m in ('sklearn', 'scipy', 'lemminflect', 'numpy', 'pickle') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_shipped_forms_give_the_features_the_fit_saw():
    """At check time a word's lemma comes from the shipped table: every weighted feature reads as at fit time."""
    m = shipped().model
    weighted = set(m.impact.weights) | set(m.vague.weights)
    for row in sentences()[::7]:
        at_fit = {f for f in features(row["text"], lemma) if f in weighted}
        at_check = {f for f in m.features_of(row["text"]) if f in weighted}
        assert at_check == at_fit, row["text"]


def test_a_decision_quotes_the_words_with_the_largest_weights():
    linear = Linear({"w:foster": 2.0, "w:culture": 1.0, "w:ship": -3.0, "s:num": -1.0}, bias=-0.5, threshold=0.0)
    m = Model(vague=linear, forms={"foster": "foster", "fostering": "foster", "culture": "culture", "ship": "ship"})
    found = m.vague_of("Fostering a culture")
    assert found == Decision(2.5, ("Fostering", "culture"))
    assert m.vague_of("Ship a culture deck") is None                      # a delivery verb outweighs
    assert m.vague_of("Foster 3 cultures") == Decision(0.5, ("Foster",))  # the number counts against, not quoted


def test_the_model_decides_what_the_grammar_leaves_open_and_says_why():
    m = Model(impact=Linear({"w:maintainer": 3.0, "w:join": 1.0}, -2.0, 0.0),
              vague=Linear({"w:foster": 3.0}, -1.0, 0.0),
              forms={"maintainer": "maintainer", "maintainers": "maintainer", "join": "join", "foster": "foster"})
    cues = Cues(model=m)
    found = impact_of("Maintainers join the standard", cues)         # nothing the grammar reads
    assert found and found.words == ("Maintainers", "join") and found.metric == "maintainers"
    assert impact_of("Maintainers join the standard", Cues()) is None  # no model: the grammar alone
    assert unverifiable("Foster the community", cues).words == ("Foster",)
    assert unverifiable("Foster 3 communities", cues) is None             # a count: checkable for certain
    assert unverifiable("Foster `rolebook check` in CI", cues) is None    # code: checkable for certain


def test_features_are_bounded_and_name_their_words():
    feats = features("Grow monthly revenue by 20% and land 3 new customers", lemma)
    assert feats["s:percent"] == ("20%",) and feats["o:grow"] == ("Grow",)
    assert feats["s:count-of-people-or-money"] == ("3", "customers")
    assert "b:grow monthly" in feats and "g:money" in feats
    long = features("word " * 100_000, lemma)
    assert long["w:word"] == ("word",) and len(long) <= MAX_TOKENS
