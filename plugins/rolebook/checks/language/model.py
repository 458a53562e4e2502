"""Two small linear models learnt from the labelled corpus, shipped as plain data (`model.json`).

The grammar in `impact` and the reading in `verifiable` know the sentences they were written on;
what they miss elsewhere is decided by two logistic regressions over the features of `features`
(lemmas, word pairs, the opening word, the shape of the sentence):

- `impact`: does the sentence commit to a quantity other people move (RB105)?
- `vague`: does a done_when name nothing anyone could check (RB112)?

Each is a table of weights, a bias and a threshold; a sentence's score is the bias plus the weights
of the features it has, and it is flagged when the score reaches the threshold. The threshold was
chosen inside the training data (`fitting`): the lowest score at which the rules together flag at
most a set share of the deliveries the model had not seen. Because the score is a sum, the words
behind the largest weights are the reason: the finding quotes them (`Decision.words`).

Reading a text is a dict lookup per word (the shipped `forms` table gives each known form its
lemma): no scikit-learn, no lemminflect, no pickle at check time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from rolebook.checks.language.features import features

DATA = Path(__file__).with_name("model.json")
QUOTED = 3  # words a decision quotes


@dataclass(frozen=True)
class Decision:
    """A model's verdict on one text: its score and the words with the largest weights in it."""

    score: float
    words: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Linear:
    """A logistic regression as data: weights per feature, a bias, the threshold it flags at."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def decide(self, feats: Mapping[str, tuple[str, ...]]) -> Decision | None:
        """The decision when the features' score reaches the threshold, else None."""
        weighed = [(self.weights[name], words) for name, words in feats.items() if name in self.weights]
        score = self.bias + sum(w for w, _ in weighed)
        if score < self.threshold:
            return None
        quoted: list[str] = []
        for weight, words in sorted(weighed, key=lambda p: -p[0]):
            if weight <= 0 or len(quoted) >= QUOTED:
                break
            quoted.extend(w for w in words if w not in quoted and len(quoted) < QUOTED)
        return Decision(score, tuple(quoted))


@dataclass(frozen=True, eq=False)
class Model:
    """The two models and the table of word forms they read lemmas by."""

    impact: Linear | None = None
    vague: Linear | None = None
    forms: Mapping[str, str] = field(default_factory=dict)

    def features_of(self, text: str) -> dict[str, tuple[str, ...]]:
        return _features(text, self)

    def impact_of(self, text: str) -> Decision | None:
        return self.impact.decide(self.features_of(text)) if self.impact else None

    def vague_of(self, text: str, readings: Mapping[str, tuple[str, ...]] | None = None) -> Decision | None:
        """RB112's model on `text`, with what the readings in `verifiable` say of it (`readings`)."""
        if self.vague is None:
            return None
        return self.vague.decide({**self.features_of(text), **(readings or {})})


@lru_cache(maxsize=8192)
def _features(text: str, model: Model) -> dict[str, tuple[str, ...]]:
    return features(text, model.forms.get)


def from_data(data: Mapping) -> Model:
    """A Model from the parsed model.json (`dump` in `fitting` writes it)."""
    def linear(d: Mapping | None) -> Linear | None:
        return Linear(dict(d["weights"]), float(d["bias"]), float(d["threshold"])) if d else None
    forms = {form: lem for lem, fs in data["forms"].items() for form in fs}
    return Model(linear(data.get("impact")), linear(data.get("vague")), forms)


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The models fitted on the whole corpus, as shipped in model.json."""
    return from_data(json.loads(DATA.read_text(encoding="utf-8")))
