"""`outcomes.ics`: parsed back with icalendar, expanded with recurring-ical-events, UIDs stable across builds."""

from __future__ import annotations

import datetime as dt

import icalendar
import recurring_ical_events

from rolebook.loading.loader import load_handbook
from rolebook.reports.calendar_feeds import feed_files
from support.handbooks import CLEAN_ROLE, write_handbook

TEAM = "title: Platform Team\nsummary: Runs it.\n"
ROLE = CLEAN_ROLE.replace("    owner: Dana Lee\n", """    owner: Dana Lee
  - id: report
    title: Monthly report, sent; with commas
    done_when: "The report is sent to the board: figures, risks; next steps."
    due: 2026-01-31
    owner: Dana Lee
    recurs: monthly
  - id: old
    title: Old thing
    done_when: It is done.
    due: 2026-02-15
    owner: Dana Lee
    status: done
  - id: quarter
    title: Quarter goal
    done_when: It is done.
    due: 2026-Q3
    owner: Dana Lee
""", 1)
PEOPLE = "people:\n  - id: dana-lee\n    name: Dana Lee\n  - id: kim\n    name: Kim\n"


def feeds(tmp_path, **options):
    hb = write_handbook(tmp_path, {"_people.yml": PEOPLE, "plat/_team.yml": TEAM, "plat/staff.yml": ROLE})
    handbook = load_handbook(hb)
    assert not handbook.unreadable, handbook.findings
    return feed_files(handbook, dt.date(2026, 5, 1), **options)


def events(text):
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def test_one_all_day_event_per_open_outcome(tmp_path):
    files = feeds(tmp_path, sequences={("plat/staff", "api-live"): 2},
                  url=lambda ref, o: f"https://handbook.example.com/{ref}/#outcome-{o}")
    assert sorted(files) == ["outcomes.ics", "people/dana-lee/outcomes.ics", "people/kim/outcomes.ics",
                             "plat/outcomes.ics"]
    calendar = icalendar.Calendar.from_ical(files["outcomes.ics"])
    assert str(calendar["REFRESH-INTERVAL"].to_ical(), "ascii") == "PT12H" and "X-PUBLISHED-TTL" in calendar
    found = events(files["outcomes.ics"])
    assert sorted(found) == ["plat.staff.api-live@rolebook", "plat.staff.quarter@rolebook",
                             "plat.staff.report@rolebook"]  # done outcomes leave the feed
    api = found["plat.staff.api-live@rolebook"]
    assert api["DTSTART"].dt == dt.date(2026, 6, 30) and api["DTEND"].dt == dt.date(2026, 7, 1)
    assert api["SEQUENCE"] == 2 and api["DTSTAMP"].dt == dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
    assert str(api["URL"]) == "https://handbook.example.com/plat/staff/#outcome-api-live"
    assert str(api["DESCRIPTION"]).startswith("API v2 serves production traffic.")
    assert api["CATEGORIES"].cats == ["Platform Team"]
    assert found["plat.staff.quarter@rolebook"]["DTSTART"].dt == dt.date(2026, 9, 30)  # a quarter's last day
    report = found["plat.staff.report@rolebook"]
    assert str(report["SUMMARY"]) == "Monthly report, sent; with commas"  # escaped and read back whole
    assert str(report["DESCRIPTION"]).startswith("The report is sent to the board: figures, risks; next steps.")
    assert events(files["people/dana-lee/outcomes.ics"]).keys() == found.keys()
    assert events(files["people/kim/outcomes.ics"]) == {}


def test_a_standing_commitment_repeats_at_each_period_end(tmp_path):
    text = feeds(tmp_path)["plat/outcomes.ics"]
    calendar = icalendar.Calendar.from_ical(text)
    days = [e["DTSTART"].dt for e in recurring_ical_events.of(calendar).between(dt.date(2026, 1, 1), dt.date(2026, 7, 1))
            if str(e["UID"]) == "plat.staff.report@rolebook"]
    assert days == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30),
                    dt.date(2026, 5, 31), dt.date(2026, 6, 30)]


def test_uids_and_bytes_are_stable_across_builds(tmp_path):
    first = feeds(tmp_path / "a")
    second = feeds(tmp_path / "b")
    assert first == second
    assert events(first["outcomes.ics"]).keys() == events(second["outcomes.ics"]).keys()


def test_titles_only_and_off(tmp_path):
    titles = events(feeds(tmp_path / "t", mode="titles")["outcomes.ics"])
    api = titles["plat.staff.api-live@rolebook"]
    assert "DESCRIPTION" not in api and "CATEGORIES" not in api and str(api["SUMMARY"]) == "API v2 live in production"
    assert feeds(tmp_path / "o", mode="off") == {}
