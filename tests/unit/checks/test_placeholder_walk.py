"""RB115's walk over a parsed file finds what a plain walk over every text finds, in the same order."""

from __future__ import annotations

import random

from rolebook.checks.placeholders import _TEXT, _template_texts, is_placeholder

FIELDS = list(_TEXT) + ["summary", "notes", "tags", "id", "x"]
TEXTS = ["Full Name", "full  name.", "What you spend time doing", "Say in one sentence what the API is for.",
         "https://wiki.example.com/...", "own words", "", "How anyone can check that it is done."]


def every_text(data, path=()):
    """The reference: (path, field, text) for every text value, as RB115 first walked them."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                yield path + (key,), str(key), value
            else:
                yield from every_text(value, path + (key,))
    elif isinstance(data, list):
        field = path[-1] if path and isinstance(path[-1], str) else ""
        for i, value in enumerate(data):
            if isinstance(value, str):
                yield path + (i,), str(field), value
            else:
                yield from every_text(value, path + (i,))


def random_value(rng: random.Random, depth: int):
    roll = rng.random()
    if depth > 4 or roll < 0.45:
        return rng.choice(TEXTS + [1, None, True])
    if roll < 0.75:
        return {rng.choice(FIELDS): random_value(rng, depth + 1) for _ in range(rng.randint(0, 5))}
    return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def test_the_walk_finds_what_the_plain_walk_finds():
    rng = random.Random(20261127)
    found_any = 0
    for _ in range(3000):
        data = random_value(rng, 0)
        expected = [(path, field) for path, field, text in every_text(data) if is_placeholder(field, text)]
        assert _template_texts(data) == expected, data
        found_any += bool(expected)
    assert found_any > 300  # the data did hold placeholders, at many depths
