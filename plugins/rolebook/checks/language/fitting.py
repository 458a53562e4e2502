"""Fit time only: learn the cues and the two models of `model` from labelled rows.

`fit(rows)` is what `scripts/fit_cues.py` runs on the whole corpus and what
`tests/support/rule_corpus.py` runs once per organisation without it (leave-one-organisation-out):
the same code, so no figure is measured on rows the models saw. It needs the test extras
(scikit-learn for the regressions, lemminflect for lemmas); the check itself reads `model.json`.

How a model is fitted (`_fit_linear`):

1. every row becomes its features (`features.features`, lemmas from lemminflect);
2. an L2-regularised logistic regression (scikit-learn's liblinear, deterministic) is fitted
   `INNER_FOLDS` times, each time without a group of the training organisations, so every
   training row gets a score from a model that did not see its organisation;
3. the threshold is the lowest of those scores at which the rules *together* (the grammar's
   own findings, plus the model's) flag at most `TARGET_FALSE[rule]` of the training
   deliveries: chosen inside the training data, never on the organisation measured;
4. the model is refitted on all training rows; weights under `MIN_WEIGHT` are dropped and the
   rest rounded, so model.json stays small and reads the same on every machine.
"""

from __future__ import annotations

import json
from typing import Iterable, Mapping, Sequence

from rolebook.checks.language.cues import Cues, fit as fit_words, inflections, lemma
from rolebook.checks.language.features import features
from rolebook.checks.language.impact import impact_of
from rolebook.checks.language.model import Linear, Model
from rolebook.checks.language.tokens import tokenize
from rolebook.checks.language.verifiable import by_reading, certainly_checkable, reading_features

INNER_FOLDS = 5
# The share of training deliveries the rules together may flag: the targets (RB105 2%,
# RB112 4%), RB105's less a margin for the organisations a fold has not seen.
TARGET_FALSE = {"impact": 0.01, "vague": 0.035}
C = {"impact": 0.5, "vague": 0.1}  # inverse regularisation strength of each regression (liblinear's C)
MIN_WEIGHT = 0.02
DIGITS = 3


def fit(rows: Iterable[Mapping[str, str]]) -> Cues:
    """The learnt cues of `cues.fit` and the two models, from labelled rows (`label`, `org`, `text`)."""
    rows = list(rows)
    words = fit_words(rows)
    return Cues(words.directions, words.vague_words, words.impact_words, model=fit_model(rows, words))


def fit_model(rows: Sequence[Mapping[str, str]], cues: Cues) -> Model | None:
    """The two models, their thresholds set against what the rules with `cues` already flag."""
    if len({r["org"] for r in rows}) < 3:
        return None  # too few organisations to set a threshold on data the model has not seen
    feats = [features(r["text"], _lemma) for r in rows]
    by_rule_impact = [impact_of(r["text"], cues) is not None for r in rows]
    labels = [r["label"] for r in rows]
    orgs = [r["org"] for r in rows]

    impact = _fit_linear(feats, [lab == "impact" for lab in labels], orgs, labels, by_rule_impact, "impact")
    # RB105 speaks first, and a count, date, code or link is checkable for certain: the vague model learns
    # delivery from vague on the criteria those leave open. Praise is vague for certain (`praise_of`).
    keep = [i for i, r in enumerate(rows) if not by_rule_impact[i] and labels[i] != "impact"
            and not certainly_checkable(r["text"])]
    kept = [rows[i] for i in keep]

    def readings(train: Sequence[int]):
        """The readings of `verifiable` with cues learnt from the training rows `train` only."""
        if len(train) == len(kept):
            fold_cues = cues
        else:
            seen = {kept[i]["org"] for i in train}
            fold_cues = fit_words([r for r in rows if r["org"] in seen])
        return lambda i: reading_features(kept[i]["text"], fold_cues)

    vague = _fit_linear([feats[i] for i in keep], [labels[i] == "vague" for i in keep], [orgs[i] for i in keep],
                        [labels[i] for i in keep], [by_reading(r["text"], cues) for r in kept], "vague",
                        all_deliveries=labels.count("delivery") - sum(
                            by_rule_impact[i] for i, lab in enumerate(labels) if lab == "delivery"),
                        readings=readings)
    used: set[str] = set()
    for linear in (impact, vague):
        if linear is not None:
            for name in linear.weights:
                if name[:2] in ("w:", "b:", "o:"):
                    used.update(part for part in name[2:].split(" ") if part not in ("#", "?"))
    forms = {}
    for lem in sorted(used):
        for form in sorted(inflections(lem) | {lem}):
            if _lemma(form) == lem:
                forms[form] = lem
    for w in sorted({t.low for r in rows for t in tokenize(r["text"]) if t.kind == "word"}):
        lem = _lemma(w)
        if lem in used:
            forms[w] = lem
    return Model(impact, vague, forms)


def _lemma(low: str) -> str:
    return lemma(low)


def _fit_linear(feats, y, orgs, labels, by_rule, name, all_deliveries=0, readings=None) -> Linear | None:
    """A regression of `y` on `feats` (plus the `readings` of the fold, if given) and its threshold."""
    if len(set(y)) < 2:
        return None
    scores = _inner_scores(feats, y, orgs, name, readings)
    threshold = _threshold(scores, labels, by_rule, TARGET_FALSE[name], all_deliveries)
    everything = range(len(feats))
    weights, bias = _regression(_with(feats, everything, readings(everything) if readings else None), y, name)
    return Linear(weights, bias, threshold)


def _with(feats, idx, reading):
    return [{**feats[i], **reading(i)} if reading else feats[i] for i in idx]


def _regression(feats: Sequence[Mapping[str, tuple]], y: Sequence[bool], name: str) -> tuple[dict[str, float], float]:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    names = sorted({f for fs in feats for f in fs})
    column = {f: j for j, f in enumerate(names)}
    indices = [sorted(column[f] for f in fs) for fs in feats]
    indptr = np.cumsum([0] + [len(ix) for ix in indices], dtype=np.int32)
    flat = np.fromiter((j for ix in indices for j in ix), dtype=np.int32, count=int(indptr[-1]))
    x = csr_matrix((np.ones(len(flat)), flat, indptr), shape=(len(feats), len(names)))  # liblinear wants int32
    reg = LogisticRegression(solver="liblinear", C=C[name], max_iter=1000, random_state=0)
    reg.fit(x, np.array(y, dtype=bool))
    weights = {f: round(float(w), DIGITS) for f, w in zip(names, reg.coef_[0]) if abs(w) >= MIN_WEIGHT}
    return dict(sorted(weights.items())), round(float(reg.intercept_[0]), DIGITS)


def _inner_scores(feats, y, orgs, name, readings=None) -> list[float]:
    """Each row's score from a regression fitted without its group of organisations."""
    ordered = sorted(set(orgs), key=lambda o: (-orgs.count(o), o))
    group = {o: i % INNER_FOLDS for i, o in enumerate(ordered)}  # the large ones spread over the folds
    scores = [0.0] * len(feats)
    for k in range(INNER_FOLDS):
        train = [i for i, o in enumerate(orgs) if group[o] != k]
        test = [i for i, o in enumerate(orgs) if group[o] == k]
        if not test or len({y[i] for i in train}) < 2:
            continue
        reading = readings(train) if readings else None
        weights, bias = _regression(_with(feats, train, reading), [y[i] for i in train], name)
        for i, fs in zip(test, _with(feats, test, reading)):
            scores[i] = bias + sum(weights.get(f, 0.0) for f in fs)
    return scores


def _threshold(scores, labels, by_rule, target, all_deliveries=0) -> float:
    """The lowest score at which rule or model flag at most `target` of the deliveries."""
    deliveries = [i for i, lab in enumerate(labels) if lab == "delivery"]
    budget = int(target * (all_deliveries or len(deliveries))) - sum(by_rule[i] for i in deliveries)
    extra = sorted((scores[i] for i in deliveries if not by_rule[i]), reverse=True)
    if budget < 0 or not extra:
        return round(max(scores, default=0.0) + 1.0, DIGITS)
    if budget >= len(extra):
        return round(min(extra) - 1e-3, DIGITS)
    # flagging at >= t catches every delivery scoring t or more: stay above the (budget+1)-th highest
    return round(extra[budget] + 10 ** -DIGITS, DIGITS)


def dump(model: Model | None) -> str:
    """model.json: both models' weights, biases and thresholds, and the forms of their lemmas."""
    def linear(m: Linear | None):
        return {"bias": m.bias, "threshold": m.threshold, "weights": dict(m.weights)} if m else None
    forms: dict[str, list[str]] = {}
    for form, lem in (model.forms.items() if model else ()):
        forms.setdefault(lem, []).append(form)
    data = {"impact": linear(model.impact if model else None), "vague": linear(model.vague if model else None),
            "forms": {lem: sorted(fs) for lem, fs in sorted(forms.items())}}
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
