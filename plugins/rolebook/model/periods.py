"""Calendar periods of a standing commitment (`recurs: monthly | quarterly | yearly`).

A standing outcome is met or missed once per period, and its periods are the
calendar's: months, quarters (January, April, July, October) and years. Its
`due`, when given, names the first period (the one the due date falls in; a
quarter's due is that quarter's last day). Pure date arithmetic, no model.
"""

from __future__ import annotations

import datetime as dt

from rolebook.model.format import Recurs

Period = tuple[dt.date, dt.date]  # first and last day, both inclusive

MONTHS_PER_PERIOD = {"monthly": 1, "quarterly": 3, "yearly": 12}


def _month_start(year: int, month: int) -> dt.date:
    """The first day of a month counted from any year and month (month 13 is January of the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1)


def period_containing(recurs: Recurs, day: dt.date) -> Period:
    """The calendar month, quarter or year `day` falls in, as (first day, last day)."""
    months = MONTHS_PER_PERIOD[recurs]
    first_month = months * ((day.month - 1) // months) + 1
    start = dt.date(day.year, first_month, 1)
    end = _month_start(day.year, first_month + months) - dt.timedelta(days=1)
    return start, end


def next_period(recurs: Recurs, period: Period) -> Period:
    """The period after `period`."""
    return period_containing(recurs, period[1] + dt.timedelta(days=1))


def periods_between(recurs: Recurs, first_due: dt.date | None, start: dt.date, end: dt.date) -> list[Period]:
    """Every period that overlaps `start`..`end` (inclusive), oldest first.

    With `first_due` (the last day the outcome's `due:` allows), none before
    the period that day falls in: the commitment had not begun.
    """
    if end < start:
        return []
    current = period_containing(recurs, start)
    if first_due is not None:
        first = period_containing(recurs, first_due)
        if first[0] > current[0]:
            current = first
    periods = []
    while current[0] <= end:
        periods.append(current)
        current = next_period(recurs, current)
    return periods


def period_iso(recurs: Recurs, period: Period) -> str:
    """A period in ISO terms: `2026-11` (a month), `2026-Q4` (a quarter), `2026` (a year)."""
    start = period[0]
    if recurs == "yearly":
        return str(start.year)
    if recurs == "quarterly":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"
