"""People rules: RB117 (names nobody known), RB118 (shares over 100), RB120 (nobody to cover), RB121 (`_people.yml`).

A holder's `person:`, a contact's `person:`, a cover's `person:` or `role:` and,
once the handbook has `_people.yml`, an outcome's owner must name someone it knows (`rolebook.model.people.resolve_ref`):
a person (id or name), a holder's name, or a role ref. That is structure, not
word lists: a handbook that knows its people catches "sig-node", "Contributor"
and "@???" as surely as "the team" (which stays RB104, the stronger finding).

Message texts are module-level templates marked with `N_` and filled in by name,
so that they can be translated where findings are shown.
"""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from typing import Iterator

from email_validator import EmailNotValidError, validate_email

from rolebook.checks.framework import owner_context
from rolebook.checks.language.owners import read_owner
from rolebook.checks.places import at, team_at
from rolebook.checks.registry import rule
from rolebook.i18n import N_
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import holder_person, known_names, name_key, resolve_ref
from rolebook.text.log_line import one_line

UNKNOWN_OWNER = N_("outcome `{outcome}` is owned by `{owner}`, which names no person, holder or role this handbook "
                   "knows: {fix}")
UNKNOWN_HOLDER = N_("holder `{person}` is not a person of {people_file}: {fix}")
UNKNOWN_CONTACT = N_("onboarding contact `{person}` is not a person of {people_file}: {fix}")
UNKNOWN_COVER = N_("cover `{name}` names no person or role this handbook knows: {fix}")
DID_YOU_MEAN = N_("did you mean `{suggestion}`?")
WRITE_KNOWN = N_("write a person's id or name, a holder's name, or a role ref (`<team>/<role-id>`)")
ADD_PERSON = N_("add them to {people_file} or write an id it has")
OVER_SHARE = N_("{name}'s shares add up to {total}% ({roles}), over 100: lower them or hand a role over")
NO_COVER = N_("role `{role}` has one holder and nobody to cover: add `cover:` with a person or role who stands in, "
              "or `onboarding:` notes for a successor")
DUPLICATE = N_("{field} `{value}` is already used by person `{first}`: each person has their own {field}")
BAD_GITHUB = N_("github `{value}` is not a GitHub username: 1 to 39 letters, digits or single hyphens, not "
                "starting or ending with a hyphen{hint}")
BAD_GITLAB = N_("gitlab `{value}` is not a GitLab username: 2 to 255 letters, digits, `_`, `.` or `-`, starting "
                "and ending with a letter or digit, no two special characters in a row, not ending in `.git` or "
                "`.atom`{hint}")
BAD_EMAIL = N_("email `{value}` is not an e-mail address ({reason}): write it as `name@example.com`")
BAD_ZONE = N_("time_zone `{value}` is not an IANA time zone: {fix}")
FOLDER_CLASH = N_("team `{team}` has the id of the person pages' folder: rename the team folder, or set the site "
                  "option `people_folder` to another name")
NO_AT = N_(": write it without the `@`")
NO_SPACE = N_(": write it without spaces")
ZONE_FIX = N_("write an IANA zone such as `Europe/Berlin` or `America/New_York`")
PEOPLE_FILE = "`_people.yml`"

GITHUB_USERNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
GITLAB_USERNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9])){1,254}")


def _suggest(handbook: Handbook, text: str, team: str | None, fallback: str) -> str:
    """ "did you mean `Dana Lee`?" from the known names (case and spacing aside), else `fallback`."""
    names = known_names(handbook, team)
    by_key = {name_key(n): n for n in names}
    close = difflib.get_close_matches(name_key(text), list(by_key), n=1, cutoff=0.6)
    return DID_YOU_MEAN.format(suggestion=one_line(by_key[close[0]])) if close else fallback


def _shown(text: str) -> str:
    return one_line(text)[:80]


@rule("RB117")
def unknown_names(handbook: Handbook) -> Iterator[Finding]:
    """RB117: an owner, holder `person:`, contact `person:` or cover that names nobody the handbook knows."""
    context = owner_context(handbook)
    owners = handbook.people_path is not None  # without `_people.yml`, owners keep RB104's word lists alone
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes if owners else ()):
            if resolve_ref(handbook, outcome.owner, entry.team) is not None:
                continue
            if read_owner(outcome.owner, context).collective:
                continue  # RB104 says it, as an error
            owner = outcome.owner.strip()
            if re.fullmatch(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*", owner):
                continue  # a role ref that does not resolve: RB004 says it
            yield at(entry, ("outcomes", i, "owner"), "RB117", UNKNOWN_OWNER.format(
                outcome=outcome.id, owner=_shown(outcome.owner),
                fix=_suggest(handbook, outcome.owner, entry.team, WRITE_KNOWN)), outcome.id)
        yield from _unknown_people(handbook, entry)


def _unknown_people(handbook: Handbook, entry: RoleEntry) -> Iterator[Finding]:
    fix_person = ADD_PERSON.format(people_file=PEOPLE_FILE)
    for i, holder in enumerate(entry.role.holders):
        if holder.person is not None and holder.person not in handbook.people:
            yield at(entry, ("holders", i, "person"), "RB117", UNKNOWN_HOLDER.format(
                person=holder.person, people_file=PEOPLE_FILE,
                fix=_suggest(handbook, holder.person, entry.team, fix_person)))
    for i, contact in enumerate(entry.role.onboarding.contacts):
        if contact.person is not None and resolve_ref(handbook, contact.person) is None:
            yield at(entry, ("onboarding", "contacts", i, "person"), "RB117", UNKNOWN_CONTACT.format(
                person=contact.person, people_file=PEOPLE_FILE,
                fix=_suggest(handbook, contact.person, entry.team, fix_person)))
    for i, cover in enumerate(entry.role.cover):
        if cover.person is not None:
            found, name, key = resolve_ref(handbook, cover.person), cover.person, "person"
        else:
            found = handbook.role(handbook.role_ref(cover.role, entry.team))
            name, key = cover.role, "role"
        if found is None:
            yield at(entry, ("cover", i, key), "RB117", UNKNOWN_COVER.format(
                name=name, fix=_suggest(handbook, name, entry.team, WRITE_KNOWN)))


@rule("RB118")
def overbooked_people(handbook: Handbook) -> Iterator[Finding]:
    """RB118: one person's shares across the roles they hold add up to more than 100."""
    shares: dict[str, list[tuple[RoleEntry, int, float]]] = {}
    names: dict[str, str] = {}
    for entry in handbook.roles():
        if entry.role.status == "retired":
            continue
        for i, holder in enumerate(entry.role.holders):
            person = holder_person(handbook, holder)
            if person is None or holder.share is None:
                continue
            shares.setdefault(person.id, []).append((entry, i, holder.share))
            names[person.id] = person.name
    for person_id, rows in sorted(shares.items()):
        total = sum(share for _, _, share in rows)
        if total > 100:
            entry, i, _ = rows[-1]
            roles = ", ".join(f"{e.ref} {share:g}%" for e, _, share in rows)
            yield at(entry, ("holders", i, "share"), "RB118",
                     OVER_SHARE.format(name=_shown(names[person_id]), total=f"{total:g}", roles=roles))


def _has_successor_notes(entry: RoleEntry) -> bool:
    onboarding = entry.role.onboarding
    return bool(onboarding.contacts or onboarding.first_week or onboarding.first_30_days or onboarding.first_90_days)


@rule("RB120")  # not per role: it depends on `_people.yml` too
def uncovered_roles(handbook: Handbook) -> Iterator[Finding]:
    """RB120 (info): an active role with one holder, no cover and no successor notes (the lottery test).

    Successor notes are the `onboarding:` section. Asked once the handbook lists its people
    (`_people.yml`): who covers is a question about people, and a handbook that adopts the people
    file is asked it then rather than all at once on upgrade.
    """
    if handbook.people_path is None:
        return
    for entry in handbook.roles():
        role = entry.role
        if role.status == "active" and len(role.holders) == 1 and not role.cover and not _has_successor_notes(entry):
            yield at(entry, ("holders",), "RB120", NO_COVER.format(role=entry.ref))


@rule("RB003")
def people_folder_taken(handbook: Handbook) -> Iterator[Finding]:
    """RB003: a team whose id is the person pages' folder (`people_folder`), once there are person pages to make."""
    if handbook.people_path is not None and handbook.people and handbook.people_folder in handbook.teams:
        yield team_at(handbook, handbook.people_folder, "title", "RB003",
                      FOLDER_CLASH.format(team=handbook.people_folder))


@functools.lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _handle_hint(value: str) -> str:
    if value.startswith("@"):
        return NO_AT
    if any(c.isspace() for c in value):
        return NO_SPACE
    return ""


@rule("RB121")
def people_file_problems(handbook: Handbook) -> Iterator[Finding]:
    """RB121: `_people.yml` with a duplicate id, name or handle, or a handle, address or zone of the wrong form."""
    if handbook.people_path is None or handbook.people_doc is None:
        return
    seen: dict[tuple[str, str], str] = {}
    for index, person in handbook.people_listed:
        for field, value in (("id", person.id), ("name", name_key(person.name)), ("github", person.github),
                             ("gitlab", person.gitlab), ("email", person.email), ("chat", person.chat)):
            if value is None:
                continue
            key = (field, value.casefold())
            if key in seen:
                shown = getattr(person, field)
                yield _people_at(handbook, index, field, DUPLICATE.format(field=field, value=_shown(shown),
                                                                           first=seen[key]))
            else:
                seen[key] = person.id
        yield from _syntax(handbook, index, person)


def _syntax(handbook: Handbook, index: int, person) -> Iterator[Finding]:
    if person.github is not None and not GITHUB_USERNAME.fullmatch(person.github):
        yield _people_at(handbook, index, "github", BAD_GITHUB.format(value=_shown(person.github),
                                                                      hint=_handle_hint(person.github)))
    if person.gitlab is not None and (not GITLAB_USERNAME.fullmatch(person.gitlab)
                                      or person.gitlab.lower().endswith((".git", ".atom"))):
        yield _people_at(handbook, index, "gitlab", BAD_GITLAB.format(value=_shown(person.gitlab),
                                                                      hint=_handle_hint(person.gitlab)))
    if person.email is not None:
        try:
            validate_email(person.email, check_deliverability=False)
        except EmailNotValidError as error:
            yield _people_at(handbook, index, "email", BAD_EMAIL.format(value=_shown(person.email),
                                                                        reason=_shown(str(error)).rstrip(".")))
    if person.time_zone is not None and person.time_zone not in _zones():
        close = difflib.get_close_matches(person.time_zone, sorted(_zones()), n=1, cutoff=0.6)
        fix = DID_YOU_MEAN.format(suggestion=close[0]) if close else ZONE_FIX
        yield _people_at(handbook, index, "time_zone", BAD_ZONE.format(value=_shown(person.time_zone), fix=fix))


def _people_at(handbook: Handbook, index: int, field: str, message: str) -> Finding:
    line, column = handbook.people_doc.position(("people", index, field))
    return Finding(str(handbook.people_path), line, column, "RB121", message)


