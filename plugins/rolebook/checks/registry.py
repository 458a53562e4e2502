"""The check registry: each check function with the rule codes it may emit.

Rule codes used to be emitted from wherever a function happened to write one;
now a check says what it emits where it is defined:

    @rule("RB104")
    def collective_owners(handbook): ...

and `Registry.findings` runs the registered checks in registration order. A
finding whose code its check did not declare is a bug in the check, not in the
handbook: it raises `UndeclaredRuleCode` at once (a traceback, not a finding),
so the rule table, the registry and the code cannot drift apart unnoticed.

Loading (files -> model) emits its own codes, listed as `LOADING_CODES` here
since checks may not import loading; a test holds both lists to the code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Literal

from rolebook.model.findings import RULES, Finding
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.review_rhythm import Timing

# The codes `rolebook.loading` emits while reading files (unreadable, schema, duplicate role ids, stray files).
LOADING_CODES = frozenset({"RB001", "RB002", "RB003", "RB116"})

# How a check uses the build date: not at all, if there is one, or only runs with one.
TimingUse = Literal["none", "optional", "required"]


class UndeclaredRuleCode(AssertionError):
    """A check emitted a code it is not registered with: fix its `@rule(...)` or the code it writes."""


@dataclass(frozen=True)
class Check:
    """One registered check: `function(handbook)`, or `function(handbook, timing)` when it uses the date."""

    function: Callable[..., Iterable[Finding]]
    codes: frozenset[str]
    timing: TimingUse = "none"
    # Each finding on a role comes from that role's entry alone (its model, document and path), and
    # names the role: a role whose entry did not change has the same findings (see `RoleFindings`).
    per_role: bool = False

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"

    def run(self, handbook: Handbook, timing: Timing | None) -> Iterator[Finding]:
        if self.timing == "required" and timing is None:
            return
        found = self.function(handbook) if self.timing == "none" else self.function(handbook, timing)
        for finding in found:
            if finding.code not in self.codes:
                raise UndeclaredRuleCode(
                    f"{self.name} emitted {finding.code} but is registered with {', '.join(sorted(self.codes))}: "
                    f"add {finding.code} to its @rule(...) or emit the right code")
            yield finding


class Registry:
    """An ordered set of checks; `REGISTRY` holds Rolebook's, a test can make its own."""

    def __init__(self) -> None:
        self.checks: list[Check] = []

    def rule(self, *codes: str, timing: TimingUse = "none", per_role: bool = False) -> Callable:
        """Register the decorated function as the check that emits `codes` (`per_role`: see `Check`)."""
        unknown = [code for code in codes if code not in RULES]
        if not codes or unknown:
            raise ValueError(f"@rule needs codes from the rule table (rolebook.model.rules), not {unknown or 'none'}")

        def register(function: Callable) -> Callable:
            if per_role and timing != "none":
                raise ValueError("a per-role check may not use the build date: its findings are kept between builds")
            self.checks.append(Check(function, frozenset(codes), timing, per_role))
            return function

        return register

    def findings(self, handbook: Handbook, timing: Timing | None = None,
                 memo: "RoleFindings | None" = None) -> Iterator[Finding]:
        """Every registered check's findings, in registration order, each code checked against its check.

        With a `memo` (kept from the last check), the per-role checks run on the changed roles only;
        the findings and their order are the same.
        """
        kept = memo.update(handbook, [c for c in self.checks if c.per_role]) if memo is not None else None
        for check in self.checks:
            if kept is not None and check.per_role:
                yield from (f for found in kept for f in found.get(check.name, ()))
            else:
                yield from check.run(handbook, timing)

    def codes(self) -> dict[str, list[str]]:
        """Code -> the names of the checks that may emit it."""
        out: dict[str, list[str]] = {}
        for check in self.checks:
            for code in sorted(check.codes):
                out.setdefault(code, []).append(check.name)
        return out


class RoleFindings:
    """The per-role checks' findings of each role, kept from one check to the next (`serve --dirty`).

    A role counts as unchanged when its entry has the very model and parsed document of the last
    check (the loader's parse memo hands back the same objects for a file whose bytes did not
    change) and the same path; only the changed roles are checked again.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[object, object, object, dict]] = {}  # ref -> (role, doc, path, check -> findings)

    def update(self, handbook: Handbook, checks: list[Check] | None = None) -> list[dict[str, list[Finding]]]:
        """Each role's findings (check name -> list), in `handbook.roles()` order; the changed roles checked anew.

        `checks`: the per-role checks to run (default: every per-role check of `REGISTRY`)."""
        checks = [c for c in REGISTRY.checks if c.per_role] if checks is None else checks
        entries = list(handbook.roles())
        changed = [e for e in entries if not self._same(e)]
        if changed:
            found: dict[str, dict] = {e.ref: {} for e in changed}
            part = handbook if len(changed) == len(entries) else _only(handbook, changed)
            for check in checks:
                for finding in check.run(part, None):
                    found[finding.role].setdefault(check.name, []).append(finding)
            for e in changed:
                self._known[e.ref] = (e.role, e.doc, e.path, found[e.ref])
        if len(self._known) > len(entries):
            refs = {e.ref for e in entries}
            self._known = {ref: known for ref, known in self._known.items() if ref in refs}
        return [self._known[e.ref][3] for e in entries]

    def _same(self, entry: RoleEntry) -> bool:
        known = self._known.get(entry.ref)
        return known is not None and known[0] is entry.role and known[1] is entry.doc and known[2] == entry.path


def _only(handbook: Handbook, entries: list[RoleEntry]) -> Handbook:
    """A handbook holding just these roles (in their teams), for the per-role checks."""
    teams = {}
    for entry in entries:
        team = teams.get(entry.team)
        if team is None:
            team = teams[entry.team] = replace(handbook.teams[entry.team], roles={})
        team.roles[entry.id] = entry
    return Handbook(handbook.root, teams=teams)


REGISTRY = Registry()
rule = REGISTRY.rule
