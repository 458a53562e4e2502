"""What makes a team or role id acceptable, with the checker's own words.

`rolebook new` refuses what the checker would refuse, with the same message
(a test keeps the two in step with `rolebook.loading`); the listing uses the same
slug and reserved ids.
"""

from __future__ import annotations

import re

from rolebook.model.format import SLUG_PATTERN

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
# Generated pages live at these paths, so no team may take them as its id.
RESERVED_TEAM_IDS = frozenset({"changes", "assets", "search", "roles", "overview", "health"})


def slugify(name: str) -> str:
    """The id a folder or file name would have: lowercase letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:63] or "team"


def team_id_problem(team: str) -> str | None:
    """Why `team` cannot be a team folder's name, as the checker says it, or None."""
    if not re.fullmatch(SLUG_PATTERN, team):
        return (f"folder `{team}` is not a team id: rename it to `{slugify(team)}` "
                "(lowercase letters, digits and hyphens)")
    if team in RESERVED_TEAM_IDS:
        return f"team id `{team}` is reserved for a generated page: rename the folder"
    return None


def role_id_problem(role_id: str, suffix: str = ".yml") -> str | None:
    """Why `role_id` cannot be a role file's stem, as the checker says it, or None."""
    if not re.fullmatch(SLUG_PATTERN, role_id):
        return f"file name `{role_id}{suffix}` is not a role id: rename it to `{slugify(role_id)}{suffix}`"
    return None
