"""What needs attention now: the report behind `rolebook review` and the health page.

One report (`health_report`), two shapes: JSON for tools, Markdown for people
(`to_markdown`). The command line, the weekly workflow's job summary and the
site's `health/` page all print the same Markdown; the page only passes a
`link` function so role names become links.

The lists follow the findings: an outcome the site silenced RB113 for (rule
`off`, or `ignore:` on the role or item) is not listed as overdue, and the same
for RB114 and reviews, so the report and `rolebook check` never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable

from rolebook.i18n import _, active, ngettext, value
from rolebook.model import checklists, review_rhythm, standing
from rolebook.model.findings import RULES, Finding
from rolebook.model.format import RECURS_LABELS
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.periods import period_iso
from rolebook.model.review_rhythm import UNLED_DUE_DAYS
from rolebook.reports.changes import md as _diff_md

PLACEHOLDER_RULE = "RB115"  # placeholder text from `rolebook new` (when the rule exists)

Link = Callable[[str, "str | None"], str]


@dataclass(frozen=True)
class OverdueRow:
    role: RoleEntry
    outcome: object
    due_end: dt.date
    days_late: int
    period: tuple[dt.date, dt.date] | None = None  # a standing outcome's missed period


@dataclass(frozen=True)
class OwnerGroup:
    owner: str  # as written in the file: a name or a role ref
    owner_role: RoleEntry | None  # the role, when the owner is a role ref that resolves
    rows: tuple[OverdueRow, ...]  # oldest first


@dataclass(frozen=True)
class SoonRow:
    role: RoleEntry
    outcome: object
    due_end: dt.date
    days_left: int


@dataclass(frozen=True)
class ReviewRow:
    role: RoleEntry
    state: review_rhythm.ReviewState
    questions: tuple[str, ...]


@dataclass(frozen=True)
class RuleCount:
    code: str
    severity: str
    summary: str
    count: int


@dataclass
class HealthReport:
    today: dt.date
    in_git: bool
    overdue: list[OwnerGroup] = field(default_factory=list)
    due_soon_unled: list[SoonRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    vacant: list[RoleEntry] = field(default_factory=list)
    placeholders: list[tuple[RoleEntry | None, Finding]] = field(default_factory=list)
    counts: list[RuleCount] = field(default_factory=list)
    unreadable: int = 0
    unjudged: int = 0  # active roles with nothing to judge a review by (outside git, no `reviewed:`)
    policy: review_rhythm.ReviewPolicy = review_rhythm.ReviewPolicy()
    placeholder_rule: bool = PLACEHOLDER_RULE in RULES


def health_report(handbook: Handbook, findings: Iterable[Finding], timing: review_rhythm.Timing) -> HealthReport:
    """The report for `handbook` at `timing.today`, given its (severity-applied) findings."""
    findings = list(findings)
    flagged = {(f.code, f.role, f.item) for f in findings}
    today = timing.today
    report = HealthReport(today=today, in_git=timing.in_git, unreadable=len(handbook.unreadable), policy=timing.policy)

    groups: dict[str, list[OverdueRow]] = {}
    for row in review_rhythm.overdue_outcomes(handbook, today):
        if ("RB113", row.entry.ref, row.outcome.id) in flagged:
            groups.setdefault(row.outcome.owner.strip(), []).append(OverdueRow(row.entry, row.outcome, row.due, row.days_late,
                                                                                  row.period))
    for owner in sorted(groups, key=lambda o: (o.casefold(), o)):
        owner_role = handbook.role(owner) if "/" in owner else None
        report.overdue.append(OwnerGroup(owner, owner_role, tuple(groups[owner])))

    horizon = today + dt.timedelta(days=UNLED_DUE_DAYS)
    leads_to = handbook.graph.leads_to
    for entry in handbook.roles():
        if entry.role.status == "retired":
            continue
        for outcome in entry.role.outcomes:
            end = standing.next_due(outcome, today)
            if end is not None and today <= end <= horizon and (entry.ref, outcome.id) not in leads_to:
                report.due_soon_unled.append(SoonRow(entry, outcome, end, (end - today).days))
    report.due_soon_unled.sort(key=lambda r: (r.due_end, r.role.ref, r.outcome.id))

    for entry, state in review_rhythm.reviews_due(handbook, timing):
        if ("RB114", entry.ref, None) in flagged:
            quarterly = checklists.quarterly_review(entry, today)
            report.reviews.append(ReviewRow(entry, state, tuple(item.text for item in quarterly.items)))

    if not timing.in_git:
        report.unjudged = len(review_rhythm.unjudged_roles(handbook, timing))
    report.vacant = [e for e in handbook.roles() if not e.role.holders and e.role.status != "retired"]
    report.placeholders = [(handbook.role(f.role) if f.role else None, f) for f in findings if f.code == PLACEHOLDER_RULE]

    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    for code in sorted(by_code):
        rule = RULES.get(code)
        report.counts.append(RuleCount(code, by_code[code][0].severity.value, rule.summary if rule else "", len(by_code[code])))
    return report


# -- JSON ----------------------------------------------------------------------


def to_json(report: HealthReport) -> dict:
    def outcome(entry: RoleEntry, o) -> dict:
        return {"role": entry.ref, "id": o.id, "title": o.title, "owner": o.owner, "due": o.due}

    return {
        "today": report.today.isoformat(),
        "in_git": report.in_git,
        "overdue": [
            {"owner": g.owner, "owner_role": g.owner_role.ref if g.owner_role else None,
             "outcomes": [outcome(r.role, r.outcome) | {"due_end": r.due_end.isoformat(), "days_late": r.days_late}
                          | ({"recurs": r.outcome.recurs, "period": period_iso(r.outcome.recurs, r.period)}
                             if r.period else {})
                          for r in g.rows]}
            for g in report.overdue
        ],
        "due_soon_unled": [outcome(r.role, r.outcome) | {"due_end": r.due_end.isoformat(), "days_left": r.days_left}
                           for r in report.due_soon_unled],
        "reviews_due": [
            {"role": r.role.ref, "title": r.role.role.title, "last_reviewed": r.state.last.isoformat(),
             "source": r.state.source, "days_since": r.state.age, "interval": r.state.interval,
             "new_holder": r.state.new_holder, "due_by": r.state.due_by.isoformat(), "questions": list(r.questions)}
            for r in report.reviews
        ],
        "vacant": [{"role": e.ref, "title": e.role.title, "status": e.role.status} for e in report.vacant],
        "placeholders": [f.as_dict() | {"role": f.role} for _, f in report.placeholders],
        "findings": {c.code: {"severity": c.severity, "summary": c.summary, "count": c.count} for c in report.counts},
        "unreadable": report.unreadable,
        "not_judged_for_review": report.unjudged,
    }


# -- Markdown --------------------------------------------------------------------


def md(text, limit: int = 160) -> str:
    """Role text for Markdown: `diff.md`'s escaping, with `<` and `>` as entities.

    Python-Markdown (MkDocs) does not take `\\<` as an escape and would show
    the backslash; an entity reads the same in MkDocs, on GitHub and in a terminal.
    """
    return _diff_md(text, limit).replace("\\<", "&lt;").replace("\\>", "&gt;")


def to_markdown(report: HealthReport, link: Link | None = None, title: str | None = "Handbook health",
                path_of: Callable[[Finding], str] | None = None) -> str:
    """The report as Markdown. `link(ref, anchor)` gives a URL for a role page (none: plain refs).

    Role text is escaped with `diff.md`, the escaper of the pull-request summary
    and release notes, so it reads as text in a job summary and on the site.
    """

    def role(entry: RoleEntry) -> str:
        name = md(entry.role.title, 100)
        if link is None:
            return f"{name} (`{entry.ref}`)"
        return f"[{name}]({link(entry.ref, None)})"

    def outcome(entry: RoleEntry, o) -> str:
        name = md(o.title, 120)
        if link is None:
            return f"{name} (`#{o.id}`)"
        return f"[{name}]({link(entry.ref, f'outcome-{o.id}')})"

    def owner(group: OwnerGroup) -> str:
        return role(group.owner_role) if group.owner_role else md(group.owner, 100)

    lines = [f"# {title}", ""] if title else []
    lines += [_("What needs attention on {date}: commitments past their date, roles due for "
                "their review, and what the checker found.").format(date=active().date(report.today))]
    if report.unreadable:
        lines += ["", f"**{report.unreadable} role file(s) could not be read**: run `rolebook check` for where and why."]

    lines += ["", "## " + _("Overdue outcomes"), ""]
    if report.overdue:
        lines += [_("Open outcomes past their due date (a quarter ends on its last day), by owner, oldest first. "
                    "Mark each done or dropped, or give it a new date."), ""]
        for group in report.overdue:
            lines += [f"### {owner(group)}", ""]
            for r in group.rows:  # `due` is checked against a pattern: digits, `-` and `Q` only
                if r.period is not None:  # a standing outcome, one line per period it was not met in
                    lines.append("- " + _("{outcome} in {role}: not met in {period} ({rhythm}), {late}").format(
                        outcome=outcome(r.role, r.outcome), role=role(r.role),
                        period=standing.period_name(r.outcome.recurs, r.period),
                        rhythm=_(RECURS_LABELS[r.outcome.recurs]), late=f"**{review_rhythm.late(r.days_late)}**"))
                    continue
                lines.append("- " + _("{outcome} in {role}: due {due}, {late}").format(
                    outcome=outcome(r.role, r.outcome), role=role(r.role), due=active().date(r.outcome.due),
                    late=f"**{review_rhythm.late(r.days_late)}**"))
            lines.append("")
        lines.pop()
    else:
        lines.append(_("No open outcome is past its due date."))

    lines += ["", "## " + _("Due soon, with nothing leading to them"), ""]
    if report.due_soon_unled:
        lines += [_("Open outcomes due in the next {days} days that no activity or output leads to: "
                    "who is working on them?").format(days=UNLED_DUE_DAYS), ""]
        for r in report.due_soon_unled:
            left = _("today") if r.days_left == 0 else ngettext("in {n} day", "in {n} days", r.days_left).format(
                n=r.days_left)
            lines.append("- " + _("{outcome} in {role}: due {due} ({left}), owner {owner}").format(
                outcome=outcome(r.role, r.outcome), role=role(r.role), due=active().date(r.due_end.isoformat()
                                                                                        if r.outcome.recurs else r.outcome.due), left=left,
                owner=md(r.outcome.owner, 100)))
    else:
        lines.append(_("Every outcome due in the next {days} days has an activity or output leading to it.").format(
            days=UNLED_DUE_DAYS))

    lines += ["", "## " + _("Roles due for review"), ""]
    p = report.policy
    lines += [_("Reviews are monthly at first, then quarterly: every {new_interval} days while the newest "
                "holder is in their first {new_days} days, every {interval} days after that. "
                "After a review, set {field} in the role file to the day it happened.").format(
        new_interval=p.new_holder_interval, new_days=p.new_holder_days, interval=p.interval, field="`reviewed:`")]
    if not report.in_git and report.unjudged:
        lines += ["", "*" + ngettext(
            "This handbook is not in a git repository: RB114 (reviews due) goes by {field} alone, so roles "
            "without it are not checked for reviews ({n} active role without it).",
            "This handbook is not in a git repository: RB114 (reviews due) goes by {field} alone, so roles "
            "without it are not checked for reviews ({n} active roles without it).",
            report.unjudged).format(field="`reviewed:`", n=report.unjudged) + "*"]
    lines.append("")
    if report.reviews:
        for r in report.reviews:
            s = r.state
            said = (_("Last reviewed on {date}, {age} days ago;") if s.source == "reviewed"
                    else _("File last changed on {date}, {age} days ago;")).format(date=active().date(s.last), age=s.age)
            rhythm = (_("reviews every {interval} days (new holder), so it was due by {due}.") if s.new_holder
                      else _("reviews every {interval} days, so it was due by {due}.")).format(
                interval=s.interval, due=active().date(s.due_by))
            lines += [f"### {role(r.role)}", "", f"{said} {rhythm} " + _("Questions for the review:"), ""]
            lines += [f"- {md(q, 240)}" for q in r.questions]
            lines.append("")
        lines.pop()
    else:
        lines.append(_("No role is due for review."))

    lines += ["", "## " + _("Vacant roles"), ""]
    if report.vacant:
        for entry in report.vacant:
            draft = f" ({value('draft')})" if entry.role.status == "draft" else ""
            lines.append(f"- {role(entry)}{draft}")
    else:
        lines.append(_("Every role is held."))

    lines += ["", "## " + _("Placeholder text"), ""]
    if not report.placeholder_rule:
        lines.append(_("Not checked: this version of Rolebook has no placeholder rule."))
    elif report.placeholders:
        lines += [_("Text left from the {command} template:").format(command="`rolebook new`"), ""]
        for entry, f in report.placeholders:
            where = role(entry) if entry else f"`{md(path_of(f) if path_of else f.path)}`"
            lines.append("- " + _("{where}, line {line}: {message}").format(where=where, line=f.line, message=md(f.message, 240)))
    else:
        lines.append(_("No role file holds template text."))

    lines += ["", "## " + _("Findings by rule"), ""]
    if report.counts:
        lines += ["| " + " | ".join([_("rule"), _("severity"), _("what"), _("count")]) + " |", "|---|---|---|---|"]
        lines += [f"| {c.code} | {value(c.severity)} | {md(_(c.summary))} | {c.count} |" for c in report.counts]
        lines += ["", _("Run {command} for each finding's file, line and fix.").format(command="`rolebook check`")]
    else:
        lines.append(_("The checker finds nothing."))
    return "\n".join(lines) + "\n"
