"""Where a finding points: the file, line and column of a key in a role or team file.

The checks build their findings through these (RB115 walks raw documents and
places its own), so a finding always names the place to edit and carries the
role and item that `ignore:` is matched against.
"""

from __future__ import annotations

from typing import Iterator

from rolebook.model.findings import Finding
from rolebook.model.format import ITEM_LISTS
from rolebook.model.handbook import Handbook, RoleEntry


def at(entry: RoleEntry, path: tuple, code: str, message: str, item: str | None = None) -> Finding:
    """A finding at `path` (keys and indexes) in a role file, for `ignore:` on the role and on `item`."""
    line, column = entry.doc.position(path)
    return Finding(str(entry.path), line, column, code, message, role=entry.ref, item=item)


def team_at(handbook: Handbook, team_id: str, key: str, code: str, message: str) -> Finding:
    """A finding at `key` of a team's `_team.yml` (its folder, line 1, when it has none)."""
    team = handbook.teams[team_id]
    line, column = team.meta_doc.position((key,)) if team.meta_doc else (1, 1)
    return Finding(str(team.meta_path or team.path), line, column, code, message)


def role_refs(entry: RoleEntry) -> Iterator[tuple[tuple, str, str]]:
    """(path, written ref, field label) for every role ref in a role file."""
    role = entry.role
    if role.reports_to:
        yield ("reports_to",), role.reports_to, "reports_to"
    for i, outcome in enumerate(role.outcomes):
        for j, shared in enumerate(outcome.shared_with):
            yield ("outcomes", i, "shared_with", j, "role"), shared.role, "shared_with"
    for i, contact in enumerate(role.onboarding.contacts):
        if contact.role is not None:
            yield ("onboarding", "contacts", i, "role"), contact.role, "onboarding contact"


def item_of(entry: RoleEntry, path: tuple) -> str | None:
    """The id of the item `path` lies in (`("outcomes", 2, ...)`), or None outside the item lists."""
    if len(path) >= 2 and path[0] in ITEM_LISTS:
        return getattr(getattr(entry.role, path[0])[path[1]], "id", None)
    return None
