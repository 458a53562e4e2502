"""RB115: text left from the `rolebook new` template.

The template's placeholders read like real sentences, so without this rule a
draft nobody finished passes the checker and is published. Each finding
points at the field that still holds the template's words.
"""

from __future__ import annotations

import re
from typing import Iterator

from rolebook.checks.registry import rule
from rolebook.i18n import N_, VALUE_LABELS, Message
from rolebook.model.findings import Finding
from rolebook.model.format import ITEM_LISTS
from rolebook.model.handbook import Handbook

# (field, what the template wrote there) - one pattern per placeholder of scaffold.py,
# including the commented-out examples an editor may uncomment.
_SUMMARY = re.compile(r"say in one sentence what the .+ (?:is for|team does)\.?", re.IGNORECASE)
_TEXT = {
    "purpose": "Why the role exists: the need it meets for the organisation.",
    "title": ("What will be true when it is done", "A document, design, decision or piece of code",
              "What you spend time doing"),
    "done_when": "How anyone can check that it is done.",
    "owner": "Full Name",
    "name": "Full Name",
    "location": "https://wiki.example.com/...",
    "expectations": "The impact you hope for but do not commit to",
    "why": "What to talk about.",
}


# The made-up person who holds the role `rolebook init` writes: a starter still held by them is a
# handbook nobody has made their own yet (its every other field checks clean on purpose, to teach).
STARTER_PERSON = "Alex Example"
for _field in ("name", "owner"):
    _TEXT[_field] = (_TEXT[_field], STARTER_PERSON)
_STARTER_MESSAGE = N_("`{field}`{where} is {person}, the made-up holder of the role `rolebook init` writes: "
                      "name the real person, or delete the starter role")


def _normal(text: str) -> str:
    return " ".join(text.split()).rstrip(".").lower()


_KNOWN = {field: {_normal(t) for t in ((v,) if isinstance(v, str) else v)} for field, v in _TEXT.items()}


def is_placeholder(field: str, value: object) -> bool:
    """Whether `value` in `field` is still the template's text."""
    if not isinstance(value, str):
        return False
    if field == "summary":
        return bool(_SUMMARY.fullmatch(" ".join(value.split())))
    known = _KNOWN.get(field)
    return known is not None and _normal(value) in known


# Fields that have a placeholder; text anywhere else is never the template's.
_FIELDS = frozenset(_KNOWN) | {"summary"}


def _template_texts(data: object, path: tuple = (), found: list | None = None) -> list[tuple[tuple, str]]:
    """(path, field) of every text value in a parsed file that is still the template's, in file order.

    Walks every value, but builds a path only for containers and for what it
    reports: a handbook holds hundreds of thousands of texts and almost none
    of them is a placeholder.
    """
    if found is None:
        found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                field = str(key)
                if field in _FIELDS and is_placeholder(field, value):
                    found.append((path + (key,), field))
            elif isinstance(value, list):  # the list branch below, inlined: most lists hold only text
                field = str(key)
                wanted = field in _FIELDS
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        if wanted and is_placeholder(field, item):
                            found.append((path + (key, i), field))
                    elif isinstance(item, (dict, list)):
                        _template_texts(item, path + (key, i), found)
            elif isinstance(value, dict):
                _template_texts(value, path + (key,), found)
    elif isinstance(data, list):
        field = str(path[-1]) if path and isinstance(path[-1], str) else ""
        wanted = field in _FIELDS
        for i, value in enumerate(data):
            if isinstance(value, str):
                if wanted and is_placeholder(field, value):
                    found.append((path + (i,), field))
            elif isinstance(value, (dict, list)):
                _template_texts(value, path + (i,), found)
    return found


_MESSAGE = N_("`{field}` still holds the text of the `rolebook new` template{where}: replace it with your own words")
_IN_ITEM = N_(" in {kind} `{id}`")


def placeholder_text(handbook: Handbook) -> Iterator[Finding]:
    """RB115 at every field of a role or team file that still holds the template's text."""
    yield from team_placeholder_text(handbook)
    yield from role_placeholder_text(handbook)


@rule("RB115")
def team_placeholder_text(handbook: Handbook) -> Iterator[Finding]:
    """RB115 in the teams' `_team.yml` files."""
    for team_id, team in handbook.teams.items():
        if team.meta_doc is None:
            continue
        for path, field in _template_texts(team.meta_doc.data):
            line, column = team.meta_doc.position(path)
            yield Finding(str(team.meta_path), line, column, "RB115", Message(_MESSAGE, field=field, where=""))


@rule("RB115", per_role=True)
def role_placeholder_text(handbook: Handbook) -> Iterator[Finding]:
    """RB115 in the role files (each role's findings come from its own file alone)."""
    for entry in handbook.roles():
        for path, field in _template_texts(entry.doc.data):
            item = None
            if len(path) >= 2 and path[0] in ITEM_LISTS and isinstance(path[1], int):
                item = entry.role.items_of(ITEM_LISTS[path[0]])[path[1]].id
            line, column = entry.doc.position(path)
            where = Message(_IN_ITEM, kind=Message(VALUE_LABELS[ITEM_LISTS[path[0]]]), id=item) if item else ""
            if _normal(str(_value_at(entry.doc.data, path))) == _normal(STARTER_PERSON):
                message = Message(_STARTER_MESSAGE, field=field, person=STARTER_PERSON, where=where)
            else:
                message = Message(_MESSAGE, field=field, where=where)
            yield Finding(str(entry.path), line, column, "RB115", message, role=entry.ref, item=item)


def _value_at(data: object, path: tuple) -> object:
    for step in path:
        data = data[step]
    return data
