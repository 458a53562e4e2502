"""A calendar export (iCalendar or CSV) to the busy events of a window, bounded and never raising for content.

iCalendar is parsed by `icalendar`, Google's calendar-wide zone (`X-WR-TIMEZONE`) applied by
`x-wr-timezone`, and recurrences (RRULE, RDATE, EXDATE, edited instances by RECURRENCE-ID)
expanded by `recurring-ical-events` within the window only, so an RRULE without an end costs no
more than the window holds. What cannot count is either counted as skipped with its reason
(all-day, free, cancelled, declined, no end, an unknown zone) or, for the file as a whole, an
`InputError` of one line (too large, not UTF-8, not a calendar, too many instances).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from rolebook.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
MAX_INSTANCES = 100_000
MAX_TEXT = 2_000  # characters of a title or description kept for mapping (role patterns run on it)
PRIVATE_CLASSES = {"PRIVATE", "CONFIDENTIAL"}

# Why an event did not count, as the report names it (keys of `Calendar.skipped`).
ALL_DAY, FREE, CANCELLED, DECLINED, NO_END, UNKNOWN_ZONE, BAD_ROW, TOO_FREQUENT = (
    "all-day", "free", "cancelled", "declined", "no end time", "unknown time zone", "unreadable entry",
    "recurs more often than hourly")
TOO_MANY = "recurs more than 10,000 times in the window"
MAX_SERIES_INSTANCES = 10_000
# An hourly series may start at most this long before the window: expanding it from its start costs time.
HOURLY_LEAD = dt.timedelta(days=366)


class CalendarProblem(InputError):
    """The calendar file cannot be used at all; the message names the file and what to do."""


@dataclass(frozen=True)
class Event:
    """One busy stretch: aware start and end, the text mapping reads, and whether it is private."""

    start: dt.datetime
    end: dt.datetime
    title: str
    description: str = ""
    categories: tuple[str, ...] = ()
    private: bool = False


@dataclass
class Calendar:
    events: list[Event] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)


def read_calendar(path: Path, start: dt.datetime, end: dt.datetime, zone: ZoneInfo,
                  me: str | None = None, kind: str = "ics") -> Calendar:
    """The events of `path` overlapping [start, end) (aware datetimes); floating times read in `zone`.

    `me` (an e-mail address) is whose invitations count: an event `me` declined does not.
    """
    raw = _read_bounded(path)
    text = _decode(raw, path)
    if kind == "csv":
        return _read_csv(text, path, start, end, zone)
    return _read_ics(text, path, start, end, zone, me)


def _read_bounded(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CalendarProblem(f"{path}: cannot read: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise CalendarProblem(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB: export a shorter range")
    return raw


def _decode(raw: bytes, path: Path) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CalendarProblem(f"{path}: not UTF-8 (byte {exc.start + 1}): export the calendar as UTF-8") from None


# -- iCalendar ----------------------------------------------------------------


def _read_ics(text: str, path: Path, start: dt.datetime, end: dt.datetime, zone: ZoneInfo, me: str | None) -> Calendar:
    import icalendar
    import recurring_ical_events
    import x_wr_timezone

    try:
        parsed = icalendar.Calendar.from_ical(text)
    except Exception as exc:  # icalendar raises ValueError, IndexError, KeyError... for broken content
        raise CalendarProblem(f"{path}: not an iCalendar file ({_short(exc)}): export it again as .ics") from None
    if not isinstance(parsed, icalendar.Calendar) or parsed.name != "VCALENDAR":
        raise CalendarProblem(f"{path}: not an iCalendar file (no VCALENDAR): export it again as .ics")
    me = (me or _calendar_owner(parsed) or "").lower() or None
    calendar = Calendar()
    defined = {str(tz.get("TZID")) for tz in parsed.walk("VTIMEZONE")}
    expected = 0
    for event in [c for c in parsed.subcomponents if c.name == "VEVENT"]:
        try:
            reason, count = _unusable(event, defined, start, end, zone)
        except Exception:  # a property icalendar kept but cannot give as a value (two DTSTARTs, a bad RRULE...)
            reason, count = BAD_ROW, 0
        if reason:
            parsed.subcomponents.remove(event)
            calendar.skipped[reason] += 1
        expected += count
        if expected > MAX_INSTANCES:
            raise CalendarProblem(f"{path}: more than {MAX_INSTANCES:,} events in the window: "
                                  "narrow it with --from and --to")
    try:
        parsed = x_wr_timezone.to_standard(parsed)
        query = recurring_ical_events.of(parsed, skip_bad_series=True)
        # `between` is some thirty times faster than iterating `after`; the pre-pass counted the
        # instances first (every series is at most MAX_SERIES_INSTANCES), so the list is bounded.
        instances = query.between(start, end)
        if len(instances) > MAX_INSTANCES:
            raise CalendarProblem(f"{path}: more than {MAX_INSTANCES:,} events in the window: "
                                  "narrow it with --from and --to")
        for component in instances:
            if component.get("DTSTART") is None:
                calendar.skipped[BAD_ROW] += 1
                continue
            try:
                _add(component, calendar, zone, me)
            except Exception:  # one instance whose values cannot be read: counted, the rest still counts
                calendar.skipped[BAD_ROW] += 1
    except CalendarProblem:
        raise
    except Exception as exc:  # a series the libraries cannot expand: the file as a whole is unusable
        raise CalendarProblem(f"{path}: cannot read its events ({_short(exc)}): export it again as .ics") from None
    return calendar


def _add(component, calendar: Calendar, zone: ZoneInfo, me: str | None) -> None:
    first = component["DTSTART"].dt
    if not isinstance(first, dt.datetime):
        calendar.skipped[ALL_DAY] += 1
        return
    if str(component.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        calendar.skipped[FREE] += 1
        return
    if str(component.get("STATUS", "")).upper() == "CANCELLED":
        calendar.skipped[CANCELLED] += 1
        return
    if me and _declined_by(component, me):
        calendar.skipped[DECLINED] += 1
        return
    if component.get("DTEND") is None and component.get("DURATION") is None:
        calendar.skipped[NO_END] += 1
        return
    last = component["DTEND"].dt if component.get("DTEND") is not None else first + component["DURATION"].dt
    if not isinstance(last, dt.datetime):
        calendar.skipped[BAD_ROW] += 1
        return
    begin, finish = _aware(first, zone), _aware(last, zone)
    if finish <= begin:
        calendar.skipped[NO_END] += 1
        return
    calendar.events.append(Event(
        begin, finish, _text(component.get("SUMMARY")), _text(component.get("DESCRIPTION")),
        _categories(component), str(component.get("CLASS", "PUBLIC")).upper() in PRIVATE_CLASSES,
    ))


def _unusable(event, defined: set[str], start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> tuple[str | None, int]:
    """Why an event is removed before expanding (or None), and how many instances it has in the window (about).

    A TZID that neither the file (VTIMEZONE) nor the zone database defines: icalendar would read it
    as floating or UTC, hours in the wrong place, silently. A series every second or minute (or
    hourly from long before the window), or with more than MAX_SERIES_INSTANCES in it: not a working
    week, and expanding it would take unbounded time.
    """
    for key in ("DTSTART", "DTEND"):
        prop = event.get(key)
        tzid = prop.params.get("TZID") if prop is not None and hasattr(prop, "params") else None
        if tzid and tzid not in defined and not _known_zone(tzid):
            return UNKNOWN_ZONE, 0
    rules = event.get("RRULE")
    first = event.get("DTSTART")
    count = 1 if rules is not None or _starts_before(first, end, zone) else 0
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        frequency = str((rule.get("FREQ") or [""])[0]).upper()
        early = first is not None and isinstance(first.dt, dt.datetime) and _aware(first.dt, zone) < start - HOURLY_LEAD
        if frequency in ("SECONDLY", "MINUTELY") or (frequency == "HOURLY" and early):
            return TOO_FREQUENT, 0
        count = _instances_in(rule, first, start, end, zone, MAX_SERIES_INSTANCES)
        if count > MAX_SERIES_INSTANCES:
            return TOO_MANY, 0
    return None, count


def _instances_in(rule, first, start: dt.datetime, end: dt.datetime, zone: ZoneInfo, limit: int) -> int:
    """The series' instances in [start, end), counted up to `limit` + 1: dateutil counts them lazily, cheaply
    (recurring-ical-events builds a component per instance, a hundred times the cost)."""
    import itertools

    from dateutil.rrule import rrulestr

    if first is None or not isinstance(first.dt, dt.datetime):
        return 1
    begin = _aware(first.dt, zone)
    try:
        series = rrulestr(rule.to_ical().decode("ascii", "replace"), dtstart=begin)
        after = series.xafter(start, count=limit + 1, inc=True)
        return sum(1 for moment in itertools.takewhile(lambda m: m < end, after))
    except (ValueError, TypeError, OverflowError):
        return 1  # recurring-ical-events judges the rule (skip_bad_series)


def _starts_before(first, end: dt.datetime, zone: ZoneInfo) -> bool:
    if first is None:
        return False
    moment = first.dt
    return _aware(moment, zone) < end if isinstance(moment, dt.datetime) else moment < end.date()


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
        return True
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False


def _calendar_owner(parsed) -> str | None:
    """Google names a primary calendar by its owner's address (X-WR-CALNAME): whose invitations these are."""
    name = str(parsed.get("X-WR-CALNAME", ""))
    return name if re.fullmatch(r"[^@\s]+@[^@\s]+", name) else None


def _declined_by(component, me: str) -> bool:
    attendees = component.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        if str(attendee).lower().removeprefix("mailto:") == me:
            return str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED"
    return False


def _categories(component) -> tuple[str, ...]:
    found = component.get("CATEGORIES")
    if found is None:
        return ()
    found = found if isinstance(found, list) else [found]
    return tuple(str(c)[:MAX_TEXT] for group in found for c in getattr(group, "cats", [group]))


def _text(value) -> str:
    return str(value)[:MAX_TEXT] if value is not None else ""


def _aware(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A floating time (no zone) is read in the holder's zone."""
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _short(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120] or type(exc).__name__


# -- CSV ----------------------------------------------------------------------

CSV_COLUMNS = ("start", "end", "title")


def _read_csv(text: str, path: Path, start: dt.datetime, end: dt.datetime, zone: ZoneInfo) -> Calendar:
    """A CSV with a header naming `start`, `end`, `title` (any case; `categories` and `description` optional).

    Times are ISO 8601 (`2026-11-16 09:30`, `2026-11-16T09:30:00+01:00`); without an offset they
    are the holder's. A row that cannot be read is a counted skip, not a guess.
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        raise CalendarProblem(f"{path}: not a CSV file ({exc})") from None
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise CalendarProblem(f"{path}: the CSV has no {', '.join(missing)} column: its first line must name "
                              "start, end and title")
    where = {name: header.index(name) for name in (*CSV_COLUMNS, "categories", "description") if name in header}
    calendar = Calendar()
    try:
        for count, row in enumerate(reader):
            if count >= MAX_INSTANCES:
                raise CalendarProblem(f"{path}: more than {MAX_INSTANCES:,} rows: export a shorter range")
            if not any(cell.strip() for cell in row):
                continue
            event = _csv_event(row, where, zone)
            if event is None:
                calendar.skipped[BAD_ROW] += 1
            elif event.end > start and event.start < end:
                calendar.events.append(event)
    except csv.Error as exc:
        raise CalendarProblem(f"{path}: line {reader.line_num}: not CSV ({exc})") from None
    return calendar


def _csv_event(row: list[str], where: dict[str, int], zone: ZoneInfo) -> Event | None:
    def cell(name: str) -> str:
        index = where.get(name)
        return row[index].strip()[:MAX_TEXT] if index is not None and index < len(row) else ""

    try:
        begin, finish = dt.datetime.fromisoformat(cell("start")), dt.datetime.fromisoformat(cell("end"))
    except ValueError:
        return None
    begin, finish = _aware(begin, zone), _aware(finish, zone)
    if finish <= begin:
        return None
    categories = tuple(c.strip() for c in cell("categories").split(",") if c.strip())
    return Event(begin, finish, cell("title"), cell("description"), categories)
