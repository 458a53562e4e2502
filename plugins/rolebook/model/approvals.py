"""Who must approve a change to each handbook file: the facts behind `rolebook codeowners`.

A role file is approved by its holders and a second approver (the holders of the role it
reports to, else of its team's lead), so that an author never approves alone: whoever of the
holders writes the change, somebody else in the list can approve it. A team file is approved by
its lead's holders and the lead's manager; `_people.yml` by every team lead. When that leaves a
file without two people (a vacant role, a person without a handle on the service, a top role with
no manager), the site's fallback owner (`codeowners_fallback`) is added.

Handles come from `_people.yml` (`github:` / `gitlab:`) and are written only when they match the
service's username syntax, so nothing a role file says can add a line or an owner of its own.
Pure: no files; `reports.codeowners` writes the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import Person, holder_people

Service = Literal["github", "gitlab"]
SERVICES = ("github", "gitlab")

# Usernames as each service allows them (GitHub: letters, digits, single inner hyphens, 39 at most;
# GitLab: letters, digits, `_`, `.`, `-`, not starting with `-`).
_USERNAME = {
    "github": re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"),
    "gitlab": re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}"),
}
# A fallback owner: a user or team handle (`@name`, `@org/team`, GitLab's `@group/sub/group`) or an e-mail address.
_OWNER = re.compile(r"@[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

FALLBACK_OPTION = "codeowners_fallback"


def owner_problem(owner: object) -> str | None:
    """Why `owner` cannot be a CODEOWNERS owner, with what to write; None when it can."""
    if isinstance(owner, str) and _OWNER.fullmatch(owner):
        return None
    return (f"{owner!r} is not a code owner: write a user or team handle (`@handbook-admins`, "
            "`@larkspur/people-team`) or an e-mail address")


@dataclass(frozen=True)
class CodeownersState:
    """The committed CODEOWNERS file's generated block against what the handbook generates now.

    Read by the caller (files are a side effect), judged by RB119 (`checks.approval`).
    """

    path: str  # the committed file, as the person at the terminal would type it
    line: int  # its BEGIN marker
    service: Service
    stale: bool


@dataclass(frozen=True)
class Approval:
    """One handbook file and who approves a change to it."""

    path: str  # the file, relative to the handbooks folder, POSIX
    group: str  # the team id, or "" for files of the handbooks folder itself
    label: str  # what the file is, as a ref (`engineering/cto`, `engineering/_team.yml`): slugs only
    owners: tuple[str, ...]  # handles (`@name`) and the fallback, each once: authors first, then approvers
    authors: tuple[str, ...]  # the handles of the people the file is about (its holders)
    unowned: tuple[str, ...]  # why the fallback was needed or is missing: "vacant", "no github handle: Dana Lee"

    @property
    def approvals_required(self) -> int:
        """Two approvals when two people can give them (two owners, or a group): an author never approves alone."""
        return 2 if len(self.owners) >= 2 or any("/" in owner for owner in self.owners) else 1


def handle(person: Person, service: Service) -> str | None:
    """`@name` for the person on the service, or None (no handle, or one not of the service's syntax)."""
    name = person.github if service == "github" else person.gitlab
    if name and _USERNAME[service].fullmatch(name):
        return f"@{name}"
    return None


def _people(handbook: Handbook, entry: RoleEntry | None) -> list[Person]:
    return holder_people(handbook, entry) if entry is not None else []


def _handles(people: list[Person], service: Service, missing: list[str]) -> list[str]:
    found = []
    for person in people:
        h = handle(person, service)
        if h is None:
            missing.append(f"no {service} handle: {person.id}")
        elif h not in found:
            found.append(h)
    return found


def _role(handbook: Handbook, ref: str | None, team: str) -> RoleEntry | None:
    return handbook.role(handbook.role_ref(ref, team)) if ref else None


def _second(handbook: Handbook, entry: RoleEntry) -> RoleEntry | None:
    """The role whose holders approve beside this one's: its manager, else its team's lead."""
    manager = _role(handbook, entry.role.reports_to, entry.team)
    if manager is not None and manager is not entry:
        return manager
    meta = handbook.teams[entry.team].meta
    lead = _role(handbook, meta.lead, entry.team) if meta else None
    return lead if lead is not None and lead is not entry else None


def _approval(path: str, group: str, label: str, authors: list[str], approvers: list[str], unowned: list[str],
              fallback: str | None) -> Approval:
    owners = list(authors) + [h for h in approvers if h not in authors]
    # Owners are distinct: with two or more, every author has somebody else to approve their change.
    if len(owners) < 2:
        if fallback is not None and fallback not in owners:
            owners.append(fallback)
        elif fallback is None:
            unowned.append("no second approver: set the site option " + FALLBACK_OPTION)
    return Approval(path, group, label, tuple(owners), tuple(authors), tuple(unowned))


def _relative(handbook: Handbook, path) -> str:
    return path.relative_to(handbook.root).as_posix()


def approvals(handbook: Handbook, service: Service, fallback: str | None = None) -> list[Approval]:
    """Every role file, team file and `_people.yml`, with who approves it; sorted by path."""
    rows: list[Approval] = []
    for entry in handbook.roles():
        unowned: list[str] = [] if entry.role.holders else ["vacant"]
        authors = _handles(_people(handbook, entry), service, unowned)
        second = _second(handbook, entry)
        approvers = _handles(_people(handbook, second), service, unowned)
        rows.append(_approval(_relative(handbook, entry.path), entry.team, entry.ref, authors, approvers, unowned,
                              fallback))
    leads: list[str] = []
    for team_id, team in sorted(handbook.teams.items()):
        if team.meta_path is None:
            continue
        lead = _role(handbook, team.meta.lead, team_id) if team.meta else None
        unowned = [] if lead else ["no lead"]
        authors = _handles(_people(handbook, lead), service, unowned)
        manager = _second(handbook, lead) if lead else None
        approvers = _handles(_people(handbook, manager), service, unowned)
        leads += [h for h in authors if h not in leads]
        rows.append(_approval(_relative(handbook, team.meta_path), team_id, f"{team_id}/{team.meta_path.name}",
                              authors, approvers, unowned, fallback))
    people_path = handbook.people_path
    if people_path is not None:
        rows.append(_approval(_relative(handbook, people_path), "", people_path.name, [], leads, [], fallback))
    return sorted(rows, key=lambda row: row.path)
