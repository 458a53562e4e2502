"""The audit's numbers: planned share against actual share and hours, per activity and per category; flags;
suggested time shares; the same report as JSON and Markdown.

Shares are of the counted time (mapped, unmapped and private together); the suggested `time_share`s
are of the mapped time only (what the role's activities took), whole percents adding up to 100
(largest remainder), for the activities the role has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rolebook.audit.calendar_file import Calendar
from rolebook.audit.mapping import PRIVATE, UNMAPPED, ActivityMatcher
from rolebook.audit.working_time import WorkingHours, counted_seconds, working_spans
from rolebook.i18n import N_, _, ngettext
from rolebook.model.format import CATEGORY_LABELS
from rolebook.model.handbook import RoleEntry
from rolebook.reports.health import md

# Flags, as module-level templates (translated where shown).
UNMAPPED_FLAG = N_("{share} of the counted time maps to no activity (more than {threshold}): "
                   "tag events with [rb:<activity-id>] or add `match:` patterns")
NO_IMPACT_FLAG = N_("`{activity}` took {hours} h but produces no output and advances no outcome")
NO_TIME_FLAG = N_("`{activity}` is planned at {planned} but got no time")
OFF_PLAN_FLAG = N_("`{activity}`: {actual} of the time against {planned} planned")


@dataclass
class Line:
    key: str  # activity id, category id, PRIVATE or UNMAPPED
    title: str
    planned: float | None  # percent
    hours: float = 0.0
    actual: float = 0.0  # percent of the counted time
    off_plan: bool = False


@dataclass
class Shown:
    start: dt.datetime
    end: dt.datetime
    title: str
    hours: float
    mapped_to: str
    how: str


@dataclass
class WeekReport:
    role: str
    first: dt.date
    last: dt.date
    time_zone: str
    hours: WorkingHours
    tolerance: float
    counted_hours: float = 0.0
    activities: list[Line] = field(default_factory=list)
    categories: list[Line] = field(default_factory=list)
    private_hours: float = 0.0
    unmapped_hours: float = 0.0
    skipped: dict[str, int] = field(default_factory=dict)
    flags: list[tuple[str, dict]] = field(default_factory=list)  # (template, parameters)
    suggested: dict[str, int] = field(default_factory=dict)
    events: list[Shown] = field(default_factory=list)  # only with show_events


def audit_week(entry: RoleEntry, calendar: Calendar, first: dt.date, last: dt.date, zone, hours: WorkingHours,
               *, tolerance: float = 5.0, unmapped_threshold: float = 20.0, show_events: bool = False) -> WeekReport:
    activities = entry.role.activities
    matcher = ActivityMatcher(activities)
    spans = working_spans(first, last, hours, zone)
    seconds = counted_seconds(calendar.events, spans)
    report = WeekReport(entry.ref, first, last, str(zone), hours, tolerance, skipped=dict(sorted(calendar.skipped.items())))
    by_key: dict[str, float] = {}
    for event, counted in zip(calendar.events, seconds):
        if counted <= 0:
            continue
        mapped = matcher.map(event)
        by_key[mapped.key] = by_key.get(mapped.key, 0.0) + counted
        if show_events:
            report.events.append(Shown(event.start, event.end, "" if event.private else event.title,
                                       counted / 3600, mapped.key, mapped.how))
    total = sum(by_key.values())
    report.counted_hours = total / 3600
    report.private_hours = by_key.get(PRIVATE, 0.0) / 3600
    report.unmapped_hours = by_key.get(UNMAPPED, 0.0) / 3600

    def share(secs: float) -> float:
        return 100 * secs / total if total else 0.0

    categories: dict[str, Line] = {}
    for a in activities:
        line = Line(a.id, a.title, a.time_share, by_key.get(a.id, 0.0) / 3600, share(by_key.get(a.id, 0.0)))
        line.off_plan = a.time_share is not None and total > 0 and abs(line.actual - a.time_share) > tolerance
        report.activities.append(line)
        cat = categories.setdefault(a.category, Line(a.category, _(CATEGORY_LABELS[a.category]), None))
        if a.time_share is not None:
            cat.planned = (cat.planned or 0) + a.time_share
        cat.hours += line.hours
        cat.actual += line.actual
    for cat in categories.values():
        cat.off_plan = cat.planned is not None and total > 0 and abs(cat.actual - cat.planned) > tolerance
    report.categories = list(categories.values())
    if total > 0 and share(by_key.get(UNMAPPED, 0.0)) > unmapped_threshold:
        report.flags.append((UNMAPPED_FLAG, {"share": _percent(share(by_key[UNMAPPED])),
                                              "threshold": _percent(unmapped_threshold)}))
    for a, line in zip(activities, report.activities):
        if line.hours > 0 and not a.produces and not a.advances:
            report.flags.append((NO_IMPACT_FLAG, {"activity": a.id, "hours": _round(line.hours)}))
        if line.hours == 0 and (a.time_share or 0) > 0 and total > 0:
            report.flags.append((NO_TIME_FLAG, {"activity": a.id, "planned": _percent(a.time_share)}))
        elif line.off_plan:
            report.flags.append((OFF_PLAN_FLAG, {"activity": a.id, "actual": _percent(line.actual),
                                                 "planned": _percent(a.time_share)}))
    report.suggested = suggested_shares({a.id: by_key.get(a.id, 0.0) for a in activities})
    return report


def suggested_shares(seconds: dict[str, float]) -> dict[str, int]:
    """Whole percents of the mapped time adding up to 100 (largest remainder; ties by file order); {} if none."""
    total = sum(seconds.values())
    if total <= 0:
        return {}
    exact = {key: 100 * s / total for key, s in seconds.items()}
    shares = {key: int(v) for key, v in exact.items()}
    left = 100 - sum(shares.values())
    order = sorted(exact, key=lambda k: -round(exact[k] - shares[k], 9))  # stable: ties keep file order
    for key in order[:left]:
        shares[key] += 1
    return shares


def _percent(value: float) -> str:
    return f"{_round(value)}%"


def _round(value: float) -> float | int:
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


# -- shapes ---------------------------------------------------------------------


def to_json(report: WeekReport) -> dict:
    def line(item: Line) -> dict:
        return {"id": item.key, "title": item.title, "planned_share": item.planned, "hours": round(item.hours, 2),
                "actual_share": round(item.actual, 1), "off_plan": item.off_plan}

    data = {
        "role": report.role,
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "time_zone": report.time_zone,
        "working_hours": f"{report.hours.start:%H:%M}-{report.hours.end:%H:%M}",
        "tolerance": report.tolerance,
        "counted_hours": round(report.counted_hours, 2),
        "activities": [line(a) for a in report.activities],
        "categories": [line(c) for c in report.categories],
        "private_hours": round(report.private_hours, 2),
        "unmapped_hours": round(report.unmapped_hours, 2),
        "skipped": report.skipped,
        "flags": [template.format(**params) for template, params in report.flags],
        "suggested_time_shares": report.suggested,
    }
    if report.events:
        data["events"] = [{"start": e.start.isoformat(), "end": e.end.isoformat(), "title": e.title,
                           "hours": round(e.hours, 2), "activity": e.mapped_to, "by": e.how} for e in report.events]
    return data


def to_markdown(report: WeekReport) -> str:
    def pct(value: float | None) -> str:
        return "–" if value is None else f"{_round(value)}%"

    activity, category, planned, actual, hours = _("Activity"), _("Category"), _("Planned"), _("Actual"), _("Hours")
    lines = ["# " + _("Time audit") + ": " + md(report.role), "",
             _("{first} to {last}, {start}–{end} in {zone}: {hours} h counted").format(
                 first=report.first.isoformat(), last=report.last.isoformat(), start=f"{report.hours.start:%H:%M}",
                 end=f"{report.hours.end:%H:%M}", zone=md(report.time_zone), hours=_round(report.counted_hours)), ""]
    lines += [f"| {activity} | {planned} | {actual} | {hours} |", "|---|--:|--:|--:|"]
    for a in report.activities:
        mark = " ⚠" if a.off_plan else ""
        lines.append(f"| {md(a.title)} (`{a.key}`) | {pct(a.planned)} | {pct(a.actual)}{mark} | {_round(a.hours)} |")
    total = report.counted_hours
    for label, part in ((_("Private"), report.private_hours), (_("Unmapped"), report.unmapped_hours)):
        lines.append(f"| *{label}* | – | {pct(100 * part / total if total else 0)} | {_round(part)} |")
    lines += ["", f"| {category} | {planned} | {actual} | {hours} |", "|---|--:|--:|--:|"]
    for c in report.categories:
        mark = " ⚠" if c.off_plan else ""
        lines.append(f"| {md(c.title)} | {pct(c.planned)} | {pct(c.actual)}{mark} | {_round(c.hours)} |")
    lines += ["", "*" + _("⚠: more than {tolerance} points from the plan.").format(
        tolerance=_round(report.tolerance)) + "*"]
    if report.flags:
        lines += ["", "## " + _("Flags"), ""]
        lines += [f"- {md(_(template).format(**params), 400)}" for template, params in report.flags]
    if report.suggested:
        lines += ["", "## " + _("Suggested time shares"), "", "```yaml"]
        lines += [f"{key}: {value}" for key, value in report.suggested.items()]
        lines += ["```"]
    if report.skipped:
        lines += ["", "## " + _("Not counted"), ""]
        lines += [f"- {md(reason)}: " + ngettext("{n} event", "{n} events", n).format(n=n)
                  for reason, n in report.skipped.items()]
    if report.events:
        start, title = _("Start"), _("Title")
        lines += ["", "## " + _("Events"), "", f"| {start} | {hours} | {activity} | {title} |", "|---|--:|---|---|"]
        for e in report.events:
            lines.append(f"| {e.start:%Y-%m-%d %H:%M} | {_round(e.hours)} | {md(e.mapped_to)} | {md(e.title)} |")
    return "\n".join(lines) + "\n"
