"""One audit, from the command's options to the report: the window, the holder's zone, the calendar, the numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from rolebook.audit.calendar_file import read_calendar
from rolebook.audit.week_report import WeekReport, audit_week
from rolebook.audit.working_time import WorkingHours
from rolebook.errors import UsageError
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import Person, holder_people


def default_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last whole week (Monday to Sunday) before the week of `today`."""
    monday = today - dt.timedelta(days=today.weekday())
    return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)


def zone_named(name: str, option: str = "--time-zone") -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        raise UsageError(f"{option} {name!r}: not an IANA time zone (e.g. Europe/Berlin, America/New_York)") from None


def auditing_holder(handbook: Handbook, entry: RoleEntry, me: str | None) -> Person | None:
    """Whose week it is: the holder whose `email` is `--me`, else the role's newest holder (the last listed)."""
    holders = holder_people(handbook, entry)
    if me:
        for person in holders:
            if person.email and person.email.lower() == me.lower():
                return person
    return holders[-1] if holders else None


def run_audit(handbook: Handbook, ref: str, calendar_path: Path, kind: str, *, first: dt.date | None,
              last: dt.date | None, today: dt.date, time_zone: str | None, hours: WorkingHours, me: str | None,
              tolerance: float, unmapped_threshold: float, show_events: bool) -> tuple[RoleEntry, WeekReport]:
    entry = handbook.role(ref)
    if entry is None:
        raise UsageError(f"{ref}: no such role in {handbook.root} (write TEAM/ROLE-ID, as `rolebook check` lists them)")
    default_first, default_last = default_window(today)
    first, last = first or default_first, last or default_last
    if last < first:
        raise UsageError(f"--to {last} is before --from {first}")
    if (last - first).days > 400:
        raise UsageError("--from and --to span more than 400 days: audit a week or a month at a time")
    holder = auditing_holder(handbook, entry, me)
    me = me or (holder.email if holder else None)
    if time_zone:
        zone = zone_named(time_zone)
    else:
        zone = zone_named(holder.time_zone if holder and holder.time_zone else "UTC", f"{handbook.people_path}: time_zone")
    start = dt.datetime.combine(first, dt.time(0), zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), zone)
    calendar = read_calendar(calendar_path, start, end, zone, me=me, kind=kind)
    return entry, audit_week(entry, calendar, first, last, zone, hours, tolerance=tolerance,
                             unmapped_threshold=unmapped_threshold, show_events=show_events)
