"""The one rule table: every RB code with its default severity, its summary and its help.

The summary is the short label (translated, shown in the health report and
SARIF's short description); the help is the contract's sentence of what the
rule means and what to do (SARIF's and GitLab's help text). Checks
(`rolebook.checks`) and loading emit the codes; everything that describes a
rule reads it here, so a new rule is one row.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

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
    """One row of the rule table."""

    code: str
    severity: Severity  # the default, before a site's `rules:` overrides
    summary: str  # a label for `N_`/gettext: the health report translates it
    help: str  # what it means and what to do, as the contract's rule table says it


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        Rule("RB001", Severity.ERROR, N_("file is not readable"),
             "The file is not readable: YAML syntax, not UTF-8, over 1 MiB, a duplicate key, or "
             "aliases expanding past 10,000 nodes. Fix the file at the position given."),
        Rule("RB002", Severity.ERROR, N_("file does not follow the role schema"),
             "The file does not follow the role schema: a missing required field, an unknown field, a "
             "wrong type or value, or a bad id. The message names the field and what it accepts."),
        Rule("RB003", Severity.ERROR, N_("duplicate id"),
             "Duplicate id: an item id used twice in a role, or two roles with one id in a team. "
             "Rename one."),
        Rule("RB004", Severity.ERROR, N_("reference does not resolve"),
             "A reference (item, role or team) does not resolve. Fix the id or add what it points at."),
        Rule("RB005", Severity.ERROR, N_("link with a scheme other than http, https, mailto or a relative path"),
             "A link uses a scheme other than http, https, mailto or a relative path. Use one of "
             "those."),
        Rule("RB006", Severity.ERROR, N_("reports_to forms a cycle"),
             "`reports_to` forms a cycle. Break it by pointing one role at another manager."),
        Rule("RB101", Severity.WARNING, N_("activity without purpose"),
             "Activity without purpose: it produces no output and advances no outcome. Link it with "
             "`produces:` or `advances:`, or drop it."),
        Rule("RB102", Severity.WARNING, N_("output that contributes to no outcome"),
             "Output that contributes to no outcome. Add `contributes_to:` or drop it."),
        Rule("RB103", Severity.WARNING, N_("outcome that nothing leads to"),
             "Outcome that no activity or output leads to. Link an activity (`advances:`) or output "
             "(`contributes_to:`)."),
        Rule("RB104", Severity.ERROR, N_("outcome owned by a collective"),
             'Outcome owner is a collective ("the team", "everyone", "we", "tbd"). Name one person or '
             "one role."),
        Rule("RB105", Severity.WARNING, N_("outcome reads as impact"),
             "Outcome reads as impact: it commits to a metric the role does not control (revenue, "
             "adoption, engagement...). Move the metric to `expectations`."),
        Rule("RB106", Severity.WARNING, N_("outcome without due date"),
             "Outcome without `due`. Add a date (YYYY-MM-DD) or a quarter (YYYY-Qn)."),
        Rule("RB107", Severity.ERROR, N_("activity time shares total over 100"),
             "Activity `time_share` totals over 100. Lower the shares."),
        Rule("RB108", Severity.WARNING, N_("output without location"),
             "Output without `location`: it fails the lottery test. Say where it lives."),
        Rule("RB109", Severity.WARNING, N_("active role that owns no outcome"),
             "Active role that owns no outcome. Add an outcome, or mark the role draft or retired."),
        Rule("RB110", Severity.INFO, N_("vacant role"),
             "Vacant role: no holders. Add `holders:` when someone takes it."),
        Rule("RB111", Severity.WARNING, N_("reference to a retired role"),
             "Reference to a retired role. Point at the role that took its work over."),
        Rule("RB112", Severity.WARNING, N_("outcome not verifiable"),
             "Outcome not verifiable: its `done_when` names nothing anyone could check on the due "
             "date. Name an artefact, event, state, count or decision."),
        Rule("RB113", Severity.INFO, N_("open outcome past its due date"),
             "Open outcome past its due date at the build date. Mark it done or dropped, or re-date "
             "it."),
        Rule("RB114", Severity.INFO, N_("role due for review"),
             "Active role due for review. Review the file with its holder and set `reviewed:`."),
        Rule("RB115", Severity.WARNING, N_("text left from the `rolebook new` template"),
             "Text left from the `rolebook new` template (placeholder summary, purpose or items), or "
             "the made-up holder of the role `rolebook init` writes. Replace it."),
        Rule("RB116", Severity.WARNING, N_("looks like handbook content but is not read"),
             "A file or folder under the handbooks folder looks like part of the handbook but is not "
             "read. Rename or move it."),
        Rule("RB117", Severity.WARNING, N_("names no person, holder or role the handbook knows"),
             "An owner, contact or cover names no person, holder or role the handbook knows. Write a "
             "person's id or name from `_people.yml`, a holder's name, or a role ref."),
        Rule("RB118", Severity.WARNING, N_("a person's shares add up to more than 100"),
             "A person's `share`s across the roles they hold add up to more than 100. Lower the shares, "
             "or hand a role over."),
        Rule("RB119", Severity.ERROR, N_("the committed CODEOWNERS block is stale"),
             "The committed CODEOWNERS block differs from what `rolebook codeowners` generates (or is not "
             "last in the file). Run `rolebook codeowners -o <the file>` and commit the result."),
        Rule("RB120", Severity.INFO, N_("one holder and nobody to cover"),
             "An active role with one holder, no cover and no successor notes (the lottery test). Add "
             "`cover:` with a person or role who stands in, or `onboarding:` notes for a successor."),
        Rule("RB121", Severity.ERROR, N_("a person entry that is duplicated or malformed"),
             "`_people.yml`: a duplicate id, name or handle, a handle not of its service's syntax, an "
             "e-mail address that is not one, or a time zone that is not an IANA zone. Fix the field."),
        Rule("RB122", Severity.INFO, N_("outcome text in a language the checker does not read"),
             "Outcome text in a language the language rules (RB105, RB112) do not read: they stay silent on "
             "it, and this note appears once per handbook. Check those outcomes by hand."),
    ]
}


# Codes other stages read (never emit): what `ignore:` silences is not drawn or asked about as a problem either.
ACTIVITY_WITHOUT_PURPOSE = "RB101"
OUTPUT_WITHOUT_OUTCOME = "RB102"
OUTCOME_NOT_LED_TO = "RB103"
OUTCOME_OVERDUE = "RB113"
