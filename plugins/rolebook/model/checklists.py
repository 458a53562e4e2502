"""The operating manual, from a role's own data: checklists and where the time goes.

Pure functions of (handbook, role, build date). Every checklist item carries a
stable key (role, list, text) so a reader's ticks, kept in their browser,
never leak between roles and reset when an item's wording changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from rolebook.i18n import _, active, value
from rolebook.model.format import CATEGORY_LABELS, due_end
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.periods import period_containing
from rolebook.model.rules import ACTIVITY_WITHOUT_PURPOSE, OUTCOME_OVERDUE
from rolebook.model.standing import current_period, period_name

WEEKLY_CADENCES = ("daily", "weekly", "biweekly")
COMING_WEEKS = 4


@dataclass(frozen=True)
class Item:
    text: str  # Markdown text from the role file, or a sentence built from titles
    key: str
    anchor: str | None = None  # an item anchor on the role page this line refers to


@dataclass(frozen=True)
class Checklist:
    name: str  # "weekly", "monthly", "quarterly", "first_week", ...
    title: str
    items: tuple[Item, ...]


def item_key(role_ref: str, checklist: str, text: str) -> str:
    return hashlib.sha256(f"{role_ref}\0{checklist}\0{text}".encode("utf-8")).hexdigest()[:16]


def quarter_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    end = dt.date(day.year + (first_month == 10), (first_month + 3 - 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end


def _list(entry: RoleEntry, name: str, title: str, lines: list[tuple[str, str | None]]) -> Checklist:
    seen, items = set(), []
    for text, anchor in lines:
        if text in seen:
            continue
        seen.add(text)
        items.append(Item(text, item_key(entry.ref, name, text), anchor))
    return Checklist(name, title, tuple(items))


def weekly_plan(entry: RoleEntry, today: dt.date) -> Checklist:
    """Daily, weekly and biweekly activities, outcomes due in the coming weeks, and the role's own items."""
    role = entry.role
    lines: list[tuple[str, str | None]] = []
    for a in role.activities:
        if a.cadence in WEEKLY_CADENCES:
            lines.append((f"{a.title} ({value(a.cadence)})", f"activity-{a.id}"))
    horizon = today + dt.timedelta(weeks=COMING_WEEKS)
    for o in sorted(role.outcomes, key=lambda o: (due_end(o.due) or dt.date.max, o.id)):
        end = due_end(o.due)
        # A standing outcome is asked for once per period, in the review of its period (below).
        if o.status == "open" and not o.recurs and end is not None and end <= horizon:
            overdue = end < today and not role.silences(OUTCOME_OVERDUE, o)
            when = _("Move forward: {title} (overdue since {due})") if overdue else _("Move forward: {title} (due {due})")
            lines.append((when.format(title=o.title, due=active().date(o.due)), f"outcome-{o.id}"))
    # The role's own daily items say so, as daily activities do: a weekly plan holds both.
    lines += [(f"{text} ({value('daily')})", None) for text in role.checklists.daily]
    lines += [(text, None) for text in role.checklists.weekly]
    return _list(entry, "weekly", _("Weekly plan"), lines)


def standing_checks(entry: RoleEntry, today: dt.date, recurs: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """One question per standing outcome of these rhythms, naming the period: its tick resets when the period does.

    A yearly outcome is asked in the quarterly review of its year's last quarter.
    """
    lines: list[tuple[str, str | None]] = []
    for o in entry.role.outcomes:
        if o.status != "open" or o.recurs not in recurs:
            continue
        period = current_period(o, today)
        if o.recurs == "yearly" and period_containing("quarterly", today)[1] != period[1]:
            continue
        question = {"monthly": _("Was “{outcome}” met this month ({period})? Once it is, set {field} to that day."),
                    "quarterly": _("Was “{outcome}” met this quarter ({period})? Once it is, set {field} to that day."),
                    "yearly": _("Was “{outcome}” met this year ({period})? Once it is, set {field} to that day.")}[o.recurs]
        lines.append((question.format(outcome=o.title, period=period_name(o.recurs, period), field="`done_on:`"),
                      f"outcome-{o.id}"))
    return lines


def monthly_review(handbook: Handbook, entry: RoleEntry, today: dt.date | None = None) -> Checklist:
    """Are the activities producing the outputs? Are the outputs serving the outcomes? Was this month's met?

    An item whose problem the role file silences (`ignore:` on it or the role) is listed as fine, not questioned.
    Without `today`, no standing outcome is asked about (the month is not known).
    """
    role = entry.role
    titles = {o.id: o.title for o in role.outputs} | {o.id: o.title for o in role.outcomes}
    lines: list[tuple[str, str | None]] = []
    for a in role.activities:
        leads = [_quote(titles.get(i, i)) for i in a.produces] + [_outcome_title(handbook, entry, r) for r in a.advances]
        if leads:
            lines.append((_("Does “{activity}” still lead to {targets}?").format(activity=a.title, targets=_join(leads)),
                          f"activity-{a.id}"))
        elif role.silences(ACTIVITY_WITHOUT_PURPOSE, a):
            lines.append((_("“{activity}”: kept on purpose without an output or outcome").format(activity=a.title),
                          f"activity-{a.id}"))
        else:
            lines.append((_("“{activity}” leads to no output or outcome: keep it, link it, or stop it?").format(activity=a.title),
                          f"activity-{a.id}"))
    for o in role.outputs:
        serves = [_outcome_title(handbook, entry, r) for r in o.contributes_to]
        if serves:
            lines.append((_("Does “{output}” still contribute to {targets}?").format(output=o.title, targets=_join(serves)),
                          f"output-{o.id}"))
    lines += [(f"{a.title} ({value('monthly')})", f"activity-{a.id}") for a in role.activities if a.cadence == "monthly"]
    if today is not None:
        lines += standing_checks(entry, today, ("monthly",))
    lines += [(text, None) for text in role.checklists.monthly]
    return _list(entry, "monthly", _("Monthly review"), lines)


def quarterly_review(entry: RoleEntry, today: dt.date) -> Checklist:
    """Which outcomes are done, which at risk; has the role changed; the quarter's own items."""
    role = entry.role
    start, end = quarter_bounds(today)
    lines: list[tuple[str, str | None]] = []
    for o in sorted(role.outcomes, key=lambda o: (due_end(o.due) or dt.date.max, o.id)):
        due = due_end(o.due)
        if o.status != "open" or due is None or o.recurs:  # standing outcomes: asked per period, below
            continue
        if start <= due <= end:
            lines.append((_("Due this quarter: is “{outcome}” done? If not, is it at risk, and who needs to know?")
                          .format(outcome=o.title), f"outcome-{o.id}"))
        elif due < start and not role.silences(OUTCOME_OVERDUE, o):
            lines.append((_("Overdue since {due}: deliver “{outcome}”, re-date it, or drop it.").format(
                due=active().date(o.due), outcome=o.title), f"outcome-{o.id}"))
    lines += [(f"{a.title} ({value('quarterly')})", f"activity-{a.id}") for a in role.activities if a.cadence == "quarterly"]
    lines += standing_checks(entry, today, ("quarterly", "yearly"))
    lines.append((_("What works, and what needs to change?"), None))
    lines.append((_("Has the role changed this quarter, and does this file still say so?"), None))
    lines.append((_("Once the file says what the role does now, set {field} in it to today's date.").format(
        field="`reviewed:`"), None))
    lines += [(text, None) for text in role.checklists.quarterly]
    return _list(entry, "quarterly", _("Quarterly review"), lines)


def onboarding_lists(entry: RoleEntry) -> list[Checklist]:
    o = entry.role.onboarding
    specs = [("first_week", _("First week"), o.first_week), ("first_30_days", _("First 30 days"), o.first_30_days),
             ("first_90_days", _("First 90 days"), o.first_90_days)]
    return [_list(entry, name, title, [(t, None) for t in texts]) for name, title, texts in specs if texts]


def _outcome_title(handbook: Handbook, entry: RoleEntry, ref: str) -> str:
    target, item_id = handbook.resolve_item(ref, entry, "outcome")
    if target is None:
        return _quote(ref)
    title = next(o.title for o in target.role.outcomes if o.id == item_id)
    return _quote(title) if target.ref == entry.ref else f"{_quote(title)} ({target.role.title})"


def _quote(text: str) -> str:
    """A title in the language's quotation marks."""
    return _("“{title}”").format(title=text)


def _join(parts: list[str]) -> str:
    """Quoted titles as a list: “a”, “b” and “c”."""
    return parts[0] if len(parts) == 1 else _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


@dataclass(frozen=True)
class TimeSlice:
    key: str  # category id, activity id, or "unallocated"
    label: str
    percent: float


@dataclass(frozen=True)
class TimeAllocation:
    by_category: tuple[TimeSlice, ...]
    by_activity: tuple[TimeSlice, ...]
    allocated: float
    unallocated: float
    unshared: tuple[str, ...]  # titles of activities without a time share


def time_allocation(entry: RoleEntry) -> TimeAllocation | None:
    """Where the time goes, from `time_share`; None when no activity says."""
    activities = entry.role.activities
    shared = [a for a in activities if a.time_share is not None]
    if not shared:
        return None
    by_cat: dict[str, float] = {}
    for a in shared:
        by_cat[a.category] = by_cat.get(a.category, 0) + a.time_share
    allocated = sum(by_cat.values())
    categories = tuple(TimeSlice(c, _(CATEGORY_LABELS[c]), by_cat[c]) for c in CATEGORY_LABELS if c in by_cat)
    by_activity = tuple(TimeSlice(a.id, a.title, a.time_share) for a in sorted(shared, key=lambda a: (-a.time_share, a.id)))
    return TimeAllocation(categories, by_activity, allocated, max(0.0, 100 - allocated),
                          tuple(a.title for a in activities if a.time_share is None))
