"""Read `handbooks/_people.yml` into `Handbook.people`, every problem a finding at its field.

The file goes through the one file reader (`one_file.read_one`: size, UTF-8,
duplicate keys, aliases, the schema); when the schema finds a broken person,
the others are still read, so one typo does not turn every owner into RB117.
Without the file, the holders' names are the handbook's people.
"""

from __future__ import annotations

from pydantic import ValidationError

from rolebook.loading.one_file import FileJob, read_one, remember
from rolebook.loading.parse_memo import ParseMemo
from rolebook.model.handbook import Handbook
from rolebook.model.people import Person, derived_people


def read_people(handbook: Handbook, path, real: str | None, root_real: str, memo: ParseMemo) -> None:
    """Fill `handbook.people` (and its path, document and rows) from `path`, or from the holders when None."""
    if path is None:
        handbook.people = derived_people(handbook)
        return
    handbook.people_path = path
    read = read_one(FileJob(path, "people", real), root_real, memo)
    remember(memo, read)
    handbook.findings.extend(read.findings)
    handbook.people_doc = read.doc
    if read.model is not None:
        rows = list(enumerate(read.model.people))
    else:
        rows = _salvage(read.doc.data if read.doc is not None else None)
        if not rows and not _has_people_list(read.doc):
            handbook.unreadable.append(path)  # nothing usable: a build must not pass over it
    handbook.people_listed = rows
    for _, person in rows:
        handbook.people.setdefault(person.id, person)


def _has_people_list(doc) -> bool:
    return doc is not None and isinstance(doc.data, dict) and isinstance(doc.data.get("people"), list)


def _salvage(data) -> list[tuple[int, Person]]:
    """The people that are valid on their own, when the file as a whole is not (their findings are made)."""
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        return []
    rows = []
    for i, raw in enumerate(data["people"]):
        try:
            rows.append((i, Person.model_validate(raw)))
        except ValidationError:
            continue
    return rows
