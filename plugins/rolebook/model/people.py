"""People: `handbooks/_people.yml`, and how a holder, owner, contact or cover names one.

A handbook without `_people.yml` still has people: its holders' names, each with
the slug of the name as id (`derived_people`). With the file, the file is the
register; a holder's `name:` equal to a person's `name` is that person.

`resolve_ref(handbook, text)` answers what an owner (or a contact's or cover's
`person:`/`role:`) names: a `Person`, a `RoleEntry`, or None. It tries, in this
order, a person id, a person's name, a holder's name, then a role ref.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from typing import TYPE_CHECKING, Optional, Union

from pydantic import Field

from rolebook.model.format import Slug, Text, _Strict, due_end

if TYPE_CHECKING:
    from rolebook.model.handbook import Handbook, RoleEntry

PEOPLE_FILES = ("_people.yml", "_people.yaml")


class Person(_Strict):
    """One person of `_people.yml`."""

    id: Slug = Field(description="Unique; the person page is `people/<id>/`.")
    name: Text = Field(description="The person's name, as holders and owners write it.")
    github: Optional[Text] = Field(None, description="GitHub username (without `@`).")
    gitlab: Optional[Text] = Field(None, description="GitLab username (without `@`).")
    email: Optional[Text] = Field(None, description="E-mail address; shown on the site only when the site allows it.")
    chat: Optional[Text] = Field(None, description="Chat handle, as the team writes it (e.g. `@dana`).")
    time_zone: Optional[Text] = Field(None, description="An IANA time zone, e.g. `Europe/Berlin`.")


class PeopleFile(_Strict):
    """The whole `handbooks/_people.yml`."""

    people: list[Person] = Field(default_factory=list, description="Everyone the handbook names.")


def person_id_for(name: str) -> str:
    """The id a person without `_people.yml` gets: the slug of the name ("Léa Dubois" -> `lea-dubois`)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())
    return slug[:63].strip("-") or "person"


def name_key(text: str) -> str:
    """How names compare: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


def derived_people(handbook: Handbook) -> dict[str, Person]:
    """The people of a handbook without `_people.yml`: each holder name once, by id."""
    found: dict[str, Person] = {}
    for entry in handbook.roles():
        for holder in entry.role.holders:
            if holder.name is not None:
                person = Person(id=person_id_for(holder.name), name=" ".join(holder.name.split()))
                found.setdefault(person.id, person)
    return dict(sorted(found.items()))


def person_by_name(handbook: Handbook, name: str) -> Person | None:
    key = name_key(name)
    for person in handbook.people.values():
        if name_key(person.name) == key:
            return person
    return None


def holder_person(handbook: Handbook, holder) -> Person | None:
    """The person a holder entry names: by `person:` id, else by `name:` (a known person, or the name alone)."""
    if holder.person is not None:
        return handbook.people.get(holder.person)
    known = person_by_name(handbook, holder.name)
    if known is not None:
        return known
    return Person(id=person_id_for(holder.name), name=" ".join(holder.name.split()))


def holder_people(handbook: Handbook, role_entry: RoleEntry) -> list[Person]:
    """The people holding a role, in file order; a `person:` id that is not known is left out (RB117 says so)."""
    people = (holder_person(handbook, h) for h in role_entry.role.holders)
    return [p for p in people if p is not None]


def holder_label(handbook: Handbook, holder) -> str:
    """What to show for a holder: the person's name, else what the file says."""
    person = holder_person(handbook, holder)
    return person.name if person is not None else (holder.name or holder.person or "")


def resolve_ref(handbook: Handbook, text: str, team: str | None = None) -> Union[Person, RoleEntry, None]:
    """What `text` names: a person (by id or name), a holder (as a person), a role (a ref), or None.

    `team` is the team the text was written in, so a bare `<role-id>` is that team's role.
    """
    text = text.strip()
    if not text:
        return None
    if text in handbook.people:
        return handbook.people[text]
    person = person_by_name(handbook, text)
    if person is not None:
        return person
    key = name_key(text)
    for entry in handbook.roles():
        for holder in entry.role.holders:
            if holder.name is not None and name_key(holder.name) == key:
                return holder_person(handbook, holder)
    if "/" in text or team is not None:
        role = handbook.role(text if "/" in text else f"{team}/{text}")
        if role is not None:
            return role
    return None


def known_names(handbook: Handbook, team: str | None = None) -> list[str]:
    """Everything an owner may be written as, for "did you mean": ids, names, holder names, role refs."""
    names = set(handbook.people) | {p.name for p in handbook.people.values()}
    for entry in handbook.roles():
        names.add(entry.ref)
        if team == entry.team:
            names.add(entry.id)
        names.update(h.name for h in entry.role.holders if h.name)
    return sorted(names)


# -- what a person page shows ---------------------------------------------------


def roles_held(handbook: Handbook, person_id: str) -> list[tuple[RoleEntry, object]]:
    """(role, holder entry) for every role the person holds, in handbook order."""
    found = []
    for entry in handbook.roles():
        for holder in entry.role.holders:
            person = holder_person(handbook, holder)
            if person is not None and person.id == person_id:
                found.append((entry, holder))
    return found


def owns(handbook: Handbook, person_id: str, entry: RoleEntry, owner: str) -> bool:
    """Whether an owner written in `entry` is this person: by id or name, or a role the person holds."""
    found = resolve_ref(handbook, owner, entry.team)
    if found is None:
        return False
    if isinstance(found, Person):
        return found.id == person_id
    return any(p.id == person_id for p in holder_people(handbook, found))


def outcomes_owned(handbook: Handbook, person_id: str) -> list[tuple[RoleEntry, object]]:
    """(role, outcome) for every outcome the person owns, across roles: by due date, undated last."""
    rows = [(e, o) for e in handbook.roles() for o in e.role.outcomes if owns(handbook, person_id, e, o.owner)]
    return sorted(rows, key=lambda row: (due_end(row[1].due) or _FAR, row[0].ref, row[1].id))


def cover_names(handbook: Handbook, entry: RoleEntry, cover) -> tuple[Person | None, RoleEntry | None]:
    """What one `cover:` entry names: (a person, None) or (None, a role); (None, None) if it resolves to nothing."""
    if cover.person is not None:
        found = resolve_ref(handbook, cover.person)
        return (found, None) if isinstance(found, Person) else (None, None)
    return None, handbook.role(handbook.role_ref(cover.role, entry.team))


def roles_covered(handbook: Handbook, person_id: str) -> list[RoleEntry]:
    """The roles this person covers: named in their `cover:`, or holding a role named there."""
    found = []
    for entry in handbook.roles():
        for cover in entry.role.cover:
            person, role = cover_names(handbook, entry, cover)
            if (person is not None and person.id == person_id) or (
                    role is not None and any(p.id == person_id for p in holder_people(handbook, role))):
                found.append(entry)
                break
    return found


_FAR = _dt.date.max
