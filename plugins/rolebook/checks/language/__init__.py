"""Reading outcome and owner text: the language behind RB104, RB105 and RB112.

English and German, deterministic: a small tokenizer (`tokens`), word
lists (`lexicon`) and one module per question, each returning the words that
decided it so that a finding can quote them:

- `impact`: does a sentence commit to a quantity of other people's behaviour
  or money (RB105)?
- `verifiable`: does a `done_when` name anything anyone could check (RB112)?
- `owners`: is an owner a collective, several people, or one person or role (RB104)?
- `cues`: words learnt from the labelled corpus in `tests/data/` (directions,
  vague words, impact words), shipped as `cues.json`;
- `features`, `model`: two logistic regressions over a sentence's lemmas, word pairs, opening
  and shape, shipped as weights in `model.json`, that decide what the grammar and the cues
  leave open (RB105, RB112) and quote their heaviest words; `fitting` fits them and the cues
  (scikit-learn and lemminflect, at fit time only);
- `languages`: which language a text is in; the rules read English and German (RB122 for the rest);
- `reading`: RB105 and RB112 by the text's language: English to `impact`/`verifiable`,
  German to `german` (word lists in `lexicon_de`, Snowball stems from `snowballstemmer`).

The word lists were written on two organisations of the labelled corpus in
`tests/data/` (see its README); `benchmarks/bench_rules.py` reports each rule's
figures per organisation, leave-one-organisation-out.
"""
