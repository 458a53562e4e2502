"""What makes a team or role id acceptable, with the checker's own words.

`rolebook new` refuses what the checker would refuse, with the same message
(a test keeps the two in step with `loading`).
"""

from __future__ import annotations

import re

from .loading import RESERVED_TEAM_IDS, _slugify
from .model import SLUG_PATTERN


def team_id_problem(team: str) -> str | None:
    """Why `team` cannot be a team folder's name, as the checker says it, or None."""
    if not re.fullmatch(SLUG_PATTERN, team):
        return (f"folder `{team}` is not a team id: rename it to `{_slugify(team)}` "
                "(lowercase letters, digits and hyphens)")
    if team in RESERVED_TEAM_IDS:
        return f"team id `{team}` is reserved for a generated page: rename the folder"
    return None


def role_id_problem(role_id: str, suffix: str = ".yml") -> str | None:
    """Why `role_id` cannot be a role file's stem, as the checker says it, or None."""
    if not re.fullmatch(SLUG_PATTERN, role_id):
        return f"file name `{role_id}{suffix}` is not a role id: rename it to `{_slugify(role_id)}{suffix}`"
    return None
