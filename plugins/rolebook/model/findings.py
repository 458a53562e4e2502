"""Findings: what the checker says about a handbook, and the rule table.

A finding always names a file, a 1-based line and column, a rule code and a
message that says what to change. Severities come from the rule table and can
be overridden per site; `ignore:` in a role file silences codes per role or
per item.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping

from rolebook.i18n import N_


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"

    @classmethod
    def parse(cls, value: object) -> "Severity":
        """Read a severity from site config; YAML's unquoted `off` arrives as False."""
        if value is False or value is None:
            return cls.OFF
        if isinstance(value, str):
            try:
                return cls(value.strip().lower())
            except ValueError:
                pass
        allowed = ", ".join(s.value for s in cls)
        raise ValueError(f"severity must be one of {allowed}, not {value!r}")


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        Rule("RB001", Severity.ERROR, N_("file is not readable")),
        Rule("RB002", Severity.ERROR, N_("file does not follow the role schema")),
        Rule("RB003", Severity.ERROR, N_("duplicate id")),
        Rule("RB004", Severity.ERROR, N_("reference does not resolve")),
        Rule("RB005", Severity.ERROR, N_("link with a scheme other than http, https, mailto or a relative path")),
        Rule("RB006", Severity.ERROR, N_("reports_to forms a cycle")),
        Rule("RB101", Severity.WARNING, N_("activity without purpose")),
        Rule("RB102", Severity.WARNING, N_("output that contributes to no outcome")),
        Rule("RB103", Severity.WARNING, N_("outcome that nothing leads to")),
        Rule("RB104", Severity.ERROR, N_("outcome owned by a collective")),
        Rule("RB105", Severity.WARNING, N_("outcome reads as impact")),
        Rule("RB106", Severity.WARNING, N_("outcome without due date")),
        Rule("RB107", Severity.ERROR, N_("activity time shares total over 100")),
        Rule("RB108", Severity.WARNING, N_("output without location")),
        Rule("RB109", Severity.WARNING, N_("active role that owns no outcome")),
        Rule("RB110", Severity.INFO, N_("vacant role")),
        Rule("RB111", Severity.WARNING, N_("reference to a retired role")),
        Rule("RB112", Severity.WARNING, N_("outcome not verifiable")),
        Rule("RB113", Severity.INFO, N_("open outcome past its due date")),
        Rule("RB114", Severity.INFO, N_("role due for review")),
        Rule("RB115", Severity.WARNING, N_("text left from the `rolebook new` template")),
        Rule("RB116", Severity.WARNING, N_("looks like handbook content but is not read")),
    ]
}


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the checker says, sortable by place."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)
    # Where in the handbook the finding belongs, for `ignore:` (role ref, item id).
    role: str | None = field(default=None, compare=False)
    item: str | None = field(default=None, compare=False)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def severity_table(overrides: Mapping[str, object] | None = None) -> dict[str, Severity]:
    """The effective severity of every rule, after site overrides.

    Raises ValueError naming the bad code or value, so a config typo is loud.
    """
    table = {code: rule.severity for code, rule in RULES.items()}
    for code, value in (overrides or {}).items():
        code = str(code).upper()
        if code not in RULES:
            raise ValueError(f"unknown rule code {code!r} in rules (known: {', '.join(sorted(RULES))})")
        table[code] = Severity.parse(value)
    return table


def apply_severities(
    findings: Iterable[Finding],
    table: Mapping[str, Severity],
    ignored: Mapping[tuple[str | None, str | None], frozenset[str]] | None = None,
) -> list[Finding]:
    """Give each finding its site severity and drop the silenced ones.

    `ignored` maps (role ref, item id or None) to the codes silenced there; a
    role-level entry silences the code for every item of the role too.
    """
    ignored = ignored or {}
    out = []
    for f in findings:
        severity = table.get(f.code, Severity.ERROR)
        if severity is Severity.OFF:
            continue
        if f.role is not None:
            if f.code in ignored.get((f.role, None), ()):
                continue
            if f.item is not None and f.code in ignored.get((f.role, f.item), ()):
                continue
        out.append(replace(f, severity=severity))
    return sorted(out)


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        if f.severity.value in counts:
            counts[f.severity.value] += 1
    return counts


def fails(findings: Iterable[Finding], strict: bool) -> bool:
    """Whether these findings fail a build: errors always, warnings under --strict."""
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(f.severity in failing for f in findings)
