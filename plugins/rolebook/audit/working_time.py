"""Which part of each event counts: inside the window and the working hours, overlaps counted once.

Working hours are wall-clock times in the holder's zone, turned into real instants day by day
(`zoneinfo`), so a day on which the clocks change is as long as it really is. Overlapping events
share the time they overlap: each elementary stretch covered by n events gives each 1/n of it, so
the total is the union of the busy time, never more.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rolebook.audit.calendar_file import Event
from rolebook.errors import UsageError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class WorkingHours:
    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)
    days: frozenset[int] = frozenset(range(5))  # Monday = 0

    @classmethod
    def parse(cls, hours: str | None, days: str | None) -> "WorkingHours":
        """`09:00-17:00` and `mon-fri` (or `mon,tue,thu`); `all` hours is the whole day. UsageError if unreadable."""
        start, end = cls.start, cls.end
        if hours and hours.strip().lower() == "all":
            start, end = dt.time(0, 0), dt.time(23, 59, 59, 999999)
        elif hours:
            found = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", hours)
            try:
                start, end = dt.time(int(found[1]), int(found[2])), dt.time(int(found[3]), int(found[4]))
            except (TypeError, ValueError):
                raise UsageError(f"--hours {hours!r}: write working hours as HH:MM-HH:MM, e.g. 09:00-17:00") from None
            if end <= start:
                raise UsageError(f"--hours {hours!r}: the end must be after the start")
        return cls(start, end, _days(days) if days else cls.days)


def _days(text: str) -> frozenset[int]:
    chosen: set[int] = set()
    for part in text.lower().split(","):
        first, _, last = part.strip().partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            raise UsageError(f"--days {text!r}: write days as mon-fri or mon,tue,thu")
        a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        chosen.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(chosen)


def working_spans(first: dt.date, last: dt.date, hours: WorkingHours, zone: ZoneInfo) -> list[tuple[dt.datetime, dt.datetime]]:
    """The working hours of each day from `first` to `last` (inclusive), as UTC instants."""
    spans = []
    day = first
    while day <= last:
        if day.weekday() in hours.days:
            begin = dt.datetime.combine(day, hours.start, zone).astimezone(dt.timezone.utc)
            end = dt.datetime.combine(day, hours.end, zone).astimezone(dt.timezone.utc)
            spans.append((begin, end))
        day += dt.timedelta(days=1)
    return spans


def counted_seconds(events: list[Event], spans: list[tuple[dt.datetime, dt.datetime]]) -> list[float]:
    """Seconds each event counts for, inside `spans`, overlaps shared (same order as `events`)."""
    points: list[tuple[dt.datetime, int, int]] = []  # (instant, +1 start / -1 end, event index)
    for index, event in enumerate(events):
        points.append((event.start.astimezone(dt.timezone.utc), 1, index))
        points.append((event.end.astimezone(dt.timezone.utc), -1, index))
    points.sort(key=lambda p: (p[0], p[1]))
    seconds = [0.0] * len(events)
    active: set[int] = set()
    previous: dt.datetime | None = None
    span_index = 0
    for instant, step, index in points:
        if previous is not None and active and instant > previous:
            share = _inside(previous, instant, spans, span_index) / len(active)
            for a in active:
                seconds[a] += share
        while span_index < len(spans) and spans[span_index][1] <= instant:
            span_index += 1
        previous = instant
        (active.add if step == 1 else active.discard)(index)
    return seconds


def _inside(begin: dt.datetime, end: dt.datetime, spans, start_index: int) -> float:
    """Seconds of [begin, end) inside the sorted `spans` (searching from `start_index`)."""
    total = 0.0
    for span_begin, span_end in spans[start_index:]:
        if span_begin >= end:
            break
        overlap = (min(end, span_end) - max(begin, span_begin)).total_seconds()
        if overlap > 0:
            total += overlap
    return total
