"""Reading outcome and owner text: the language behind RB104, RB105 and RB112.

English only, rule based and deterministic: a small tokenizer (`tokens`), word
lists (`lexicon`) and one module per question, each returning the words that
decided it so that a finding can quote them:

- `impact`: does a sentence commit to a quantity of other people's behaviour
  or money (RB105)?
- `verifiable`: does a `done_when` name anything anyone could check (RB112)?
- `owners`: is an owner a collective rather than one person or role (RB104)?

The word lists were tuned on the tuning part of the labelled corpus in
`tests/data/` (see its README); `benchmarks/bench_rules.py` reports precision
and recall on the held-out part.
"""
