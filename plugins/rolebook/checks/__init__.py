"""Model to findings, pure: no files, no git, no clock (the build date comes in `Timing`).

`check(handbook, rules, timing=...)` is the checker. The checks live by what
they judge: `structure` (ids, references, links, cycles: RB003..RB006),
`framework` (the framework's rules, RB101..RB112), `placeholders` (RB115),
`living` (the date-driven RB113, RB114 and an impossible `reviewed:`), `people` (RB117, RB118, RB120,
RB121: who is named, their load, cover and `_people.yml`). Each
registers itself with the codes it emits (`registry.rule`); importing them
here, in this order, is what registers them.
"""

from __future__ import annotations

from typing import Mapping

from rolebook.checks import framework, living, people, placeholders, structure  # noqa: F401  (they register their checks)
from rolebook.checks.registry import REGISTRY, RoleFindings
from rolebook.model.findings import Finding, apply_severities, severity_table
from rolebook.model.handbook import Handbook
from rolebook.model.review_rhythm import Timing


def check(handbook: Handbook, rules: Mapping[str, object] | None = None, *,
          timing: Timing | None = None, memo: RoleFindings | None = None) -> list[Finding]:
    """All findings for the handbook, with site severities applied and ignores honoured.

    Loading's findings (RB001, RB002, RB003, RB116) come with the handbook; then every
    registered check runs. The ones that depend on the date (RB113, RB114, `reviewed:`
    in the future) run only with a `timing` (build date, review policy, git dates): the
    clock and git are side effects, so the CLI and the build read them and pass them in.
    With a `memo` (`RoleFindings`, kept from the last check: `serve --dirty`), the per-role
    checks run only on the roles whose file changed since; the findings are the same.
    """
    table = severity_table(rules)
    raw = list(handbook.findings)
    raw.extend(REGISTRY.findings(handbook, timing, memo))
    ignored: dict[tuple[str | None, str | None], frozenset[str]] = {}
    for entry in handbook.roles():
        ignored[(entry.ref, None)] = frozenset(entry.role.ignore)
        for _, item in entry.role.items():
            if item.ignore:
                ignored[(entry.ref, item.id)] = frozenset(item.ignore)
    return apply_severities(raw, table, ignored)
