"""Calendars people subscribe to: `outcomes.ics` for the whole handbook, each team and each person.

One all-day VEVENT per open outcome at its due date (a quarter on its last day); a standing
commitment (`recurs:`) is one event that repeats at the end of each period (RRULE). Done and
dropped outcomes leave the feed. The UID is the outcome's role ref and id, so it is the same
in every build; SEQUENCE is how often the due date moved (from the delivery record); DTSTAMP is
the build date, never the clock, so the same commit and date give the same bytes. Generated
with `icalendar`, which escapes the role text (commas, semicolons, line breaks) as RFC 5545 says.

`mode` "titles" keeps only the title, the date and the link (no `done_when`, owner or team):
for a site whose feeds are shared further than its pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Mapping

from rolebook.model import standing
from rolebook.model.format import due_end
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import outcomes_owned

FEED = "outcomes.ics"
REFRESH = dt.timedelta(hours=12)
# A period's last day, as an RRULE from a first period's end (BYMONTHDAY=-1: the month's last day).
PERIOD_RULES = {
    "monthly": {"FREQ": "MONTHLY", "BYMONTHDAY": -1},
    "quarterly": {"FREQ": "MONTHLY", "INTERVAL": 3, "BYMONTHDAY": -1},
    "yearly": {"FREQ": "YEARLY", "BYMONTH": 12, "BYMONTHDAY": 31},
}


def feed_files(handbook: Handbook, today: dt.date, *, sequences: Mapping[tuple[str, str], int] | None = None,
               url: Callable[[str, str], str | None] = lambda ref, outcome_id: None, mode: str = "on",
               people_folder: str = "people", name: str = "Handbook") -> dict[str, str]:
    """{site path: iCalendar text}: `outcomes.ics`, `<team>/outcomes.ics`, `<people_folder>/<id>/outcomes.ics`.

    `url(ref, outcome_id)` gives an absolute URL of the outcome's anchor, or None (no site_url: no URL)."""
    if mode == "off":
        return {}
    sequences = sequences or {}
    rows = [(e, o) for e in handbook.roles() for o in e.role.outcomes if o.status == "open"]
    teams = {team_id: team.title for team_id, team in handbook.teams.items()}

    def calendar(title: str, chosen) -> str:
        return _calendar(title, chosen, today, sequences, url, mode, teams)

    files = {FEED: calendar(name, rows)}
    for team_id, team in sorted(handbook.teams.items()):
        files[f"{team_id}/{FEED}"] = calendar(f"{name}: {team.title}", [(e, o) for e, o in rows if e.team == team_id])
    if handbook.people_path is not None:
        for person_id, person in sorted(handbook.people.items()):
            owned = [(e, o) for e, o in outcomes_owned(handbook, person_id) if o.status == "open"]
            files[f"{people_folder}/{person_id}/{FEED}"] = calendar(f"{name}: {person.name}", owned)
    return files


def _calendar(title: str, rows, today: dt.date, sequences, url, mode: str, teams: Mapping[str, str]) -> str:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("PRODID", "-//Rolebook//outcomes//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", title)
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", REFRESH)
    for entry, outcome in sorted(rows, key=lambda row: (row[0].ref, row[1].id)):
        event = _event(entry, outcome, today, sequences.get((entry.ref, outcome.id), 0), url(entry.ref, outcome.id),
                       mode, teams.get(entry.team, entry.team))
        if event is not None:
            calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _event(entry: RoleEntry, outcome, today: dt.date, sequence: int, link: str | None, mode: str, team: str):
    from icalendar import Event

    if outcome.recurs:
        first = standing.first_period(outcome)
        day = first[1] if first else standing.next_due(outcome, today)
    else:
        day = due_end(outcome.due)
    if day is None:
        return None
    event = Event()
    event.add("UID", f"{entry.team}.{entry.id}.{outcome.id}@rolebook")
    event.add("DTSTAMP", dt.datetime.combine(today, dt.time(0), dt.timezone.utc))
    event.add("SEQUENCE", sequence)
    event.add("DTSTART", day)
    event.add("DTEND", day + dt.timedelta(days=1))
    event.add("TRANSP", "TRANSPARENT")  # a due date, not a meeting: it does not make anyone busy
    event.add("SUMMARY", " ".join(outcome.title.split()))
    if outcome.recurs:
        event.add("RRULE", PERIOD_RULES[outcome.recurs])
    if link:
        event.add("URL", link)
    if mode == "on":
        event.add("DESCRIPTION", f"{outcome.done_when}\n\n{outcome.owner} · {entry.ref}")
        event.add("CATEGORIES", [team])
    return event
