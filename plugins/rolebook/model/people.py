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
import functools
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
    """The person of `handbook.people` with this name (case and spacing aside), or None."""
    return handbook.people_index.by_name.get(name_key(name))


def holder_person(handbook: Handbook, holder) -> Person | None:
    """The person a holder entry names: by `person:` id, else by `name:` (a known person, or the name alone)."""
    return handbook.people_index.holder_person(holder)


def holder_people(handbook: Handbook, role_entry: RoleEntry) -> list[Person]:
    """The people holding a role, in file order; a `person:` id that is not known is left out (RB117 says so)."""
    return list(handbook.people_index.holders_of(role_entry))


def holder_label(handbook: Handbook, holder) -> str:
    """What to show for a holder: the person's name, else what the file says."""
    person = holder_person(handbook, holder)
    return person.name if person is not None else (holder.name or holder.person or "")


def resolve_ref(handbook: Handbook, text: str, team: str | None = None) -> Union[Person, RoleEntry, None]:
    """What `text` names: a person (by id or name), a holder (as a person), a role (a ref), or None.

    `team` is the team the text was written in, so a bare `<role-id>` is that team's role.
    """
    return handbook.people_index.resolve(text, team)


def known_names(handbook: Handbook, team: str | None = None) -> list[str]:
    """Everything an owner may be written as, for "did you mean": ids, names, holder names, role refs."""
    return handbook.people_index.known_names(team)


# -- what a person page shows ---------------------------------------------------


def roles_held(handbook: Handbook, person_id: str) -> list[tuple[RoleEntry, object]]:
    """(role, holder entry) for every role the person holds, in handbook order."""
    return list(handbook.people_index.held.get(person_id, ()))


def owns(handbook: Handbook, person_id: str, entry: RoleEntry, owner: str) -> bool:
    """Whether an owner written in `entry` is this person: by id or name, or a role the person holds."""
    return person_id in handbook.people_index.owner_ids(owner, entry.team)


def outcomes_owned(handbook: Handbook, person_id: str) -> list[tuple[RoleEntry, object]]:
    """(role, outcome) for every outcome the person owns, across roles: by due date, undated last."""
    return list(handbook.people_index.owned.get(person_id, ()))


def cover_names(handbook: Handbook, entry: RoleEntry, cover) -> tuple[Person | None, RoleEntry | None]:
    """What one `cover:` entry names: (a person, None) or (None, a role); (None, None) if it resolves to nothing."""
    if cover.person is not None:
        found = resolve_ref(handbook, cover.person)
        return (found, None) if isinstance(found, Person) else (None, None)
    return None, handbook.role(handbook.role_ref(cover.role, entry.team))


def roles_covered(handbook: Handbook, person_id: str) -> list[RoleEntry]:
    """The roles this person covers: named in their `cover:`, or holding a role named there."""
    return list(handbook.people_index.covered.get(person_id, ()))


_FAR = _dt.date.max
_MISSING = object()


class PeopleIndex:
    """Every lookup the people questions need, made in one pass over the handbook (`Handbook.people_index`).

    Resolving an owner used to scan every person and holder, and each person page
    asked that for every outcome of the handbook: quadratic in the handbook's size.
    Here names, holders and role refs are dictionaries built once; what a person
    page lists (roles held, outcomes owned, roles covered) is grouped by person in
    one pass over all roles, when a page first asks for it.

    The handbook must be complete (loaded, `people` filled) when the index is first
    used: loading is the only code that changes a handbook, and `read_people`
    drops the index it may have been given.
    """

    def __init__(self, handbook: Handbook):
        self.handbook = handbook
        self.by_name: dict[str, Person] = {}
        for person in handbook.people.values():
            self.by_name.setdefault(name_key(person.name), person)
        # A holder's name as its person (None for a `person:` id nobody has): the first holder of a name wins.
        self.by_holder_name: dict[str, Person | None] = {}
        self.held: dict[str, list[tuple[RoleEntry, object]]] = {}
        self._holders: dict[str, list[Person]] = {}
        for entry in handbook.roles():
            people = []
            for holder in entry.role.holders:
                person = self.holder_person(holder)
                if holder.name is not None:
                    self.by_holder_name.setdefault(name_key(holder.name), person)
                if person is not None:
                    people.append(person)
                    self.held.setdefault(person.id, []).append((entry, holder))
            self._holders[entry.ref] = people
        self._known: dict[str | None, list[str]] = {}

    # -- names ------------------------------------------------------------

    def holder_person(self, holder) -> Person | None:
        if holder.person is not None:
            return self.handbook.people.get(holder.person)
        known = self.by_name.get(name_key(holder.name))
        if known is not None:
            return known
        return Person(id=person_id_for(holder.name), name=" ".join(holder.name.split()))

    def holders_of(self, entry: RoleEntry) -> list[Person]:
        people = self._holders.get(entry.ref)
        if people is None or self.handbook.role(entry.ref) is not entry:  # a role from outside this handbook
            return [p for p in (self.holder_person(h) for h in entry.role.holders) if p is not None]
        return people

    def resolve(self, text: str, team: str | None = None) -> Union[Person, RoleEntry, None]:
        text = text.strip()
        if not text:
            return None
        person = self.handbook.people.get(text)
        if person is not None:
            return person
        key = name_key(text)
        person = self.by_name.get(key)
        if person is not None:
            return person
        holder = self.by_holder_name.get(key, _MISSING)
        if holder is not _MISSING:
            return holder
        if "/" in text or team is not None:
            return self.handbook.role(text if "/" in text else f"{team}/{text}")
        return None

    def owner_ids(self, owner: str, team: str | None) -> list[str]:
        """The ids of the people an owner stands for: the person named, or everyone holding the role named."""
        found = self.resolve(owner, team)
        if found is None:
            return []
        if isinstance(found, Person):
            return [found.id]
        return list(dict.fromkeys(p.id for p in self.holders_of(found)))

    def known_names(self, team: str | None = None) -> list[str]:
        """Ids, names, holder names, role refs (and, written in `team`, its bare role ids), sorted; kept per team."""
        names = self._known.get(team)
        if names is None:
            found = set(self.handbook.people) | {p.name for p in self.handbook.people.values()}
            for entry in self.handbook.roles():
                found.add(entry.ref)
                if team == entry.team:
                    found.add(entry.id)
                found.update(h.name for h in entry.role.holders if h.name)
            names = self._known[team] = sorted(found)
        return names

    # -- what person pages list -----------------------------------------------

    @functools.cached_property
    def owned(self) -> dict[str, list[tuple[RoleEntry, object]]]:
        """Person id -> (role, outcome) they own across the handbook, by due date (undated last)."""
        rows: dict[str, list[tuple[RoleEntry, object]]] = {}
        for entry in self.handbook.roles():
            for outcome in entry.role.outcomes:
                for person_id in self.owner_ids(outcome.owner, entry.team):
                    rows.setdefault(person_id, []).append((entry, outcome))
        for found in rows.values():
            found.sort(key=lambda row: (due_end(row[1].due) or _FAR, row[0].ref, row[1].id))
        return rows

    @functools.cached_property
    def covered(self) -> dict[str, list[RoleEntry]]:
        """Person id -> the roles they cover (named in `cover:`, or holding a role named there), in handbook order."""
        rows: dict[str, list[RoleEntry]] = {}
        for entry in self.handbook.roles():
            ids: dict[str, None] = {}
            for cover in entry.role.cover:
                person, role = cover_names(self.handbook, entry, cover)
                if person is not None:
                    ids[person.id] = None
                elif role is not None:
                    ids.update(dict.fromkeys(p.id for p in self.holders_of(role)))
            for person_id in ids:
                rows.setdefault(person_id, []).append(entry)
        return rows
