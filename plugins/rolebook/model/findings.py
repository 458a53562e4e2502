"""Findings: what the checker says about a handbook, and how site severities apply to them.

A finding always names a file, a 1-based line and column, a rule code and a
message that says what to change. Severities come from the rule table
(`rolebook.model.rules`, re-exported here as `RULES`, `Rule`, `Severity`) and can
be overridden per site; `ignore:` in a role file silences codes per role or
per item.

A finding's words are a `rolebook.i18n.Message` (a template marked `N_` and
named parameters), translated where the finding is shown: `shown()` for a
terminal or a log line, `markdown()` for a page. `message` keeps the English
text, the finding's stable identity (sort order, fingerprints, caches).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Mapping

from rolebook.i18n import Message, Messages
from rolebook.model.rules import RULES, Rule, Severity

__all__ = ["RULES", "Rule", "Severity", "Finding", "severity_table", "apply_severities", "summarize", "fails"]


@dataclass(frozen=True, order=True)
class Finding:
    """One thing the checker says, sortable by place."""

    path: str
    line: int
    column: int
    code: str
    message: str  # the English text; give a `Message` and it is kept in `text`, translated where shown
    severity: Severity = field(default=Severity.ERROR, compare=False)
    # Where in the handbook the finding belongs, for `ignore:` (role ref, item id).
    role: str | None = field(default=None, compare=False)
    item: str | None = field(default=None, compare=False)
    text: Message | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Message):
            object.__setattr__(self, "text", self.message)
            object.__setattr__(self, "message", self.message.english())

    def shown(self, messages: Messages | None = None) -> str:
        """The message in `messages`' language (the active one by default)."""
        return self.text.render(messages) if self.text is not None else self.message

    def markdown(self, escape: Callable[[str], str], messages: Messages | None = None) -> str:
        """The message as Markdown: its code spans kept, the role's words in it through `escape`."""
        return self.text.markdown(escape, messages) if self.text is not None else escape(self.message)

    def as_dict(self) -> dict:
        """The finding as data, its message in the active language (`rolebook check --format json`)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.shown(),
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
