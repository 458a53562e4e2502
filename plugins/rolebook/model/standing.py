"""Standing commitments and delivery dates as facts: what is due when, what was met, what was missed.

One answer for every place that shows or judges a delivery date (RB113, the
checklists, the health report, the pages, the diagram): a one-off outcome is
due on its `due:` and delivered on its `done_on:`; a standing one
(`recurs:`) is due at the end of each calendar period and met, by its
`done_on:`, in the period that date falls in and every period before.
Its first period is the one its `due:` falls in, else the one of its
`done_on:`; with neither there is nothing to count yet, so nothing is missed.
A standing outcome is never re-dated: its next date is the end of the
period after the last one met.
"""

from __future__ import annotations

import datetime as dt

from rolebook.i18n import active
from rolebook.model.format import Outcome, due_end
from rolebook.model.periods import Period, next_period, period_containing, period_iso, periods_between


def done_on(outcome: Outcome) -> dt.date | None:
    return dt.date.fromisoformat(outcome.done_on) if outcome.done_on else None


def first_period(outcome: Outcome) -> Period | None:
    """The period a standing outcome began in (None for one-off outcomes, or nothing to start from)."""
    if outcome.recurs is None:
        return None
    start = due_end(outcome.due) or done_on(outcome)
    return period_containing(outcome.recurs, start) if start else None


def current_period(outcome: Outcome, today: dt.date) -> Period | None:
    """The period the build date falls in, or the first period when it has not begun yet."""
    if outcome.recurs is None:
        return None
    now = period_containing(outcome.recurs, today)
    first = first_period(outcome)
    return first if first is not None and first[0] > now[0] else now


def met_in_current(outcome: Outcome, today: dt.date) -> bool:
    """The standing outcome's `done_on:` falls in the current period (or later)."""
    period, met = current_period(outcome, today), done_on(outcome)
    return period is not None and met is not None and met >= period[0]


def missed_periods(outcome: Outcome, today: dt.date) -> list[Period]:
    """The periods of an open standing outcome that ended before `today` with nothing after its `done_on:`."""
    if outcome.recurs is None or outcome.status != "open":
        return []
    first = first_period(outcome)
    if first is None:
        return []
    met = done_on(outcome)
    ended = periods_between(outcome.recurs, first[1], first[0], today - dt.timedelta(days=1))
    return [p for p in ended if p[1] < today and (met is None or p[0] > met)]


def next_due(outcome: Outcome, today: dt.date) -> dt.date | None:
    """The last day of the next delivery an open outcome owes; None when it owes none or has no date.

    One-off: its `due:`. Standing: the end of the oldest missed period, else of the current
    period, else (met already) of the period after it.
    """
    if outcome.status != "open":
        return None
    if outcome.recurs is None:
        return due_end(outcome.due)
    missed = missed_periods(outcome, today)
    if missed:
        return missed[0][1]
    period = current_period(outcome, today)
    if met_in_current(outcome, today):
        period = next_period(outcome.recurs, period)
    return period[1]


def is_overdue(outcome: Outcome, today: dt.date) -> bool:
    """Open and past its delivery date: a one-off past `due:`, a standing one with a missed period."""
    if outcome.status != "open":
        return False
    if outcome.recurs is not None:
        return bool(missed_periods(outcome, today))
    end = due_end(outcome.due)
    return end is not None and end < today


def period_name(recurs: str, period: Period) -> str:
    """A period for a reader, in the site's language: `2026-11`, `2026-Q4`, `2026` in English on the command line."""
    messages = active()
    locale = messages.date_locale() if messages.reader_dates or not messages.english else None
    if recurs == "yearly" or locale is None:
        return period_iso(recurs, period)
    if recurs == "quarterly":
        return messages.date(period_iso(recurs, period))
    from babel.dates import format_date

    return format_date(period[0], format="MMMM y", locale=locale)
