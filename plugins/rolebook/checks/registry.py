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

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Literal

from rolebook.model.findings import RULES, Finding
from rolebook.model.handbook import Handbook
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

    def rule(self, *codes: str, timing: TimingUse = "none") -> Callable:
        """Register the decorated function as the check that emits `codes`."""
        unknown = [code for code in codes if code not in RULES]
        if not codes or unknown:
            raise ValueError(f"@rule needs codes from the rule table (rolebook.model.rules), not {unknown or 'none'}")

        def register(function: Callable) -> Callable:
            self.checks.append(Check(function, frozenset(codes), timing))
            return function

        return register

    def findings(self, handbook: Handbook, timing: Timing | None = None) -> Iterator[Finding]:
        """Every registered check's findings, in registration order, each code checked against its check."""
        for check in self.checks:
            yield from check.run(handbook, timing)

    def codes(self) -> dict[str, list[str]]:
        """Code -> the names of the checks that may emit it."""
        out: dict[str, list[str]] = {}
        for check in self.checks:
            for code in sorted(check.codes):
                out.setdefault(code, []).append(check.name)
        return out


REGISTRY = Registry()
rule = REGISTRY.rule
