"""`rolebook audit` on real calendar exports and hand-written ones; every expected hour is worked out in the comments."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from support.cli import rolebook
from support.handbooks import REPO, write_handbook

CALENDARS = REPO / "tests" / "data" / "calendars"

ROLE = textwrap.dedent("""\
    title: Staff Engineer
    summary: Sets technical direction.
    holders:
      - name: Dana Lee
    outcomes:
      - id: api-live
        title: API v2 live in production
        done_when: API v2 serves production traffic.
        due: 2026-06-30
        owner: Dana Lee
    outputs:
      - id: spec
        title: API spec
        kind: document
        contributes_to: [api-live]
    activities:
      # the reviews are most of the week
      - id: reviews
        title: Design reviews
        category: knowledge
        time_share: 40   # planned
        produces: [spec]
        match: ["design review"]
      - id: coding
        title: Coding
        category: making
        time_share: 40
        advances: [api-live]
        match: ['re:^pair(ing)?\\b']
      - id: support
        title: Support rota
        category: operations
        time_share: 20
    """)


@pytest.fixture
def site(tmp_path):
    write_handbook(tmp_path, {"eng/_team.yml": "title: Engineering\nsummary: Builds it.\n", "eng/staff.yml": ROLE})
    return tmp_path


def audit(site, *args):
    ran = rolebook("audit", "eng/staff", "--handbooks", str(site / "handbooks"), *args, cwd=site)
    assert ran.returncode == 0, ran.stderr + ran.stdout
    return ran


def audit_json(site, *args):
    return json.loads(audit(site, *args, "--format", "json").stdout)


def hours(report, key):
    return {a["id"]: a["hours"] for a in report["activities"]}[key]


BERLIN_WEEK = ("--calendar", str(CALENDARS / "week-berlin.ics"), "--from", "2026-11-16", "--to", "2026-11-22",
               "--time-zone", "Europe/Berlin")


def test_a_week_counts_busy_working_time_once(site):
    report = audit_json(site, *BERLIN_WEEK)
    # Mon: review 9-11 and pairing 10-12 overlap 10-11: each gets half of it -> review 1.5 h, pairing 1.5 h.
    # Wed: the weekly review 9-10 (RRULE from 4 Nov) -> review +1 h = 2.5 h.
    assert hours(report, "reviews") == 2.5
    # Mon pairing 1.5 h (match re:^pair) + Fri "Heads down" 11-12 with CATEGORIES:Coding (the activity's title) 1 h.
    assert hours(report, "coding") == 2.5
    # Tue triage 8-10, clipped to the working hours 9-10, [rb:support] in its description.
    assert hours(report, "support") == 1.0
    # Thu 12-13, CLASS:PRIVATE: counted, as "private", never by title.
    assert report["private_hours"] == 1.0
    # Fri 15-17 floating (no zone): read in Europe/Berlin, so 2 h (in UTC it would be 16-18 Berlin: 1 h).
    assert report["unmapped_hours"] == 2.0
    assert report["counted_hours"] == 9.0
    # all-day offsite, TRANSP:TRANSPARENT focus, a cancelled review, one declined by me@example.com
    # (X-WR-CALNAME names the calendar's owner); next week's review is outside the window.
    assert report["skipped"] == {"all-day": 1, "cancelled": 1, "declined": 1, "free": 1}
    shares = {a["id"]: a["actual_share"] for a in report["activities"]}
    assert shares == {"reviews": 27.8, "coding": 27.8, "support": 11.1}  # of 9 h
    # of the mapped 6 h: 41.67, 41.67, 16.67 -> 41 + 41 + 16 = 98, the two largest remainders get one more
    assert report["suggested_time_shares"] == {"reviews": 42, "coding": 42, "support": 16}
    flags = " | ".join(report["flags"])
    assert "22.2% of the counted time maps to no activity" in flags  # 2 of 9 h, over the 20% threshold
    assert "`support` took 1 h but produces no output" in flags
    assert "`reviews`: 27.8% of the time against 40% planned" in flags
    categories = {c["id"]: (c["planned_share"], c["hours"]) for c in report["categories"]}
    assert categories == {"knowledge": (40, 2.5), "making": (40, 2.5), "operations": (20, 1.0)}


def test_titles_are_printed_only_when_asked(site):
    quiet = audit(site, *BERLIN_WEEK).stdout
    assert "Pairing with Sam" not in quiet and "Doctor" not in quiet and "Lunch" not in quiet
    assert "| Design reviews (`reviews`) | 40% | 27.8% ⚠ | 2.5 |" in quiet
    shown = audit(site, *BERLIN_WEEK, "--show-events").stdout
    assert "Pairing with Sam" in shown and "Lunch and learn" in shown
    assert "Doctor" not in shown  # private stays untitled even then


def test_me_decides_whose_declines_count(site):
    report = audit_json(site, *BERLIN_WEEK, "--me", "kim@example.com")
    assert "declined" not in report["skipped"]
    assert hours(report, "reviews") == 3.5  # Kim accepted: the Thu 10-11 review counts


def test_daylight_saving_time_ends(site):
    args = ("--calendar", str(CALENDARS / "dst-new-york.ics"), "--from", "2026-10-30", "--to", "2026-11-02",
            "--time-zone", "America/New_York")
    report = audit_json(site, *args)
    # 13:00-15:00 UTC daily: Fri 30 Oct (EDT, UTC-4) is 09-11 -> 2 h; Mon 2 Nov (EST, UTC-5) is 08-10 -> 1 h.
    assert hours(report, "reviews") == 3.0
    assert hours(report, "coding") == 1.0  # Mon 16-18 New York time, working hours end at 17
    weekend = audit_json(site, *args, "--days", "mon-sun")
    # Sat 31 Oct still EDT: 2 h; Sun 1 Nov, clocks back at 2 am: 08-10 -> 1 h.
    assert hours(weekend, "reviews") == 6.0


def test_csv_export(site):
    report = audit_json(site, "--csv", str(CALENDARS / "week.csv"), "--from", "2026-11-16", "--to", "2026-11-22",
                        "--time-zone", "Europe/Berlin")
    # review 9-10:30 and pairing 10-11 (+01:00 = Berlin) share 10-10:30: review 1.25 h, pairing 0.75 h
    assert hours(report, "reviews") == 1.25
    assert hours(report, "coding") == 1.75  # + Tue 9-10 with category "coding" (the activity's id)
    assert report["skipped"] == {"unreadable entry": 1}


def test_google_export_with_a_calendar_wide_zone(site):
    # X-WR-TIMEZONE: America/New_York, events in UTC: noon-1 pm and 9-10 pm New York time on 22 Dec 2021.
    report = audit_json(site, "--calendar", str(CALENDARS / "x_wr_timezone_simple_events_issue_59.ics"),
                        "--from", "2021-12-22", "--to", "2021-12-22", "--time-zone", "America/New_York")
    assert report["counted_hours"] == 1.0 and report["unmapped_hours"] == 1.0


def test_floating_times_follow_the_calendar_zone(site):
    # floating 21:00-22:45 with X-WR-TIMEZONE Europe/Brussels: 19:00-20:45 UTC; working hours 20-24 UTC -> 0.75 h
    report = audit_json(site, "--calendar", str(CALENDARS / "issue_86_x_wr_timezone_without_time_zone_in_dt.ics"),
                        "--from", "2021-09-16", "--to", "2021-09-16", "--time-zone", "UTC", "--hours", "20:00-23:59",
                        "--days", "mon-sun")
    assert report["counted_hours"] == 0.75


def test_google_moved_instance_of_a_free_series(site):
    # a monthly TRANSP:TRANSPARENT series whose 31 Dec instance was moved to 17 Dec (RECURRENCE-ID): one instance in December
    report = audit_json(site, "--calendar", str(CALENDARS / "issue_62_moved_event.ics"), "--from", "2021-12-01",
                        "--to", "2021-12-31", "--hours", "all", "--days", "mon-sun")
    assert report["counted_hours"] == 0 and report["skipped"] == {"free": 1}


def test_thunderbird_export_reads(site):
    report = audit_json(site, "--calendar", str(CALENDARS / "issue_223_thunderbird.ics"), "--from", "2023-01-01",
                        "--to", "2023-12-31", "--hours", "all", "--days", "mon-sun")
    assert report["counted_hours"] >= 0  # a real client's file with zones from 1847 reads without error
    assert "skipped" in report


def test_write_keeps_comments_and_layout(site):
    role = site / "handbooks" / "eng" / "staff.yml"
    before = role.read_text()
    ran = audit(site, *BERLIN_WEEK, "--write")
    assert "wrote time_share of reviews, coding, support" in ran.stderr
    after = role.read_text()
    assert "# the reviews are most of the week" in after and "time_share: 42   # planned" in after
    assert after.replace("42   # planned", "40   # planned").replace("time_share: 42", "time_share: 40", 1) \
        .replace("time_share: 16", "time_share: 20") == before
    assert "match: ['re:^pair(ing)?\\b']" in after  # quoting kept
    assert rolebook("check", str(site / "handbooks"), cwd=site).returncode == 0


def test_nothing_is_written_without_write(site):
    role = site / "handbooks" / "eng" / "staff.yml"
    before = role.read_bytes()
    audit(site, *BERLIN_WEEK)
    assert role.read_bytes() == before


def one_event(tmp_path, body: str, name="bad.ics") -> Path:
    path = tmp_path / name
    path.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\n" + textwrap.dedent(body) + "END:VCALENDAR\n")
    return path


def failing(site, path, *extra):
    ran = rolebook("audit", "eng/staff", "--handbooks", str(site / "handbooks"), "--calendar", str(path),
                   "--from", "2026-11-16", "--to", "2026-11-22", *extra, cwd=site)
    assert ran.returncode == 2, ran.stdout + ran.stderr
    assert "Traceback" not in ran.stderr and len(ran.stderr.strip().splitlines()) == 1
    return ran.stderr


def test_unusable_files_are_one_line_errors(site, tmp_path):
    garbage = tmp_path / "garbage.ics"
    garbage.write_text("this is not a calendar\n")
    assert "not an iCalendar file" in failing(site, garbage)
    truncated = tmp_path / "truncated.ics"
    truncated.write_text((CALENDARS / "week-berlin.ics").read_text()[:700])
    assert "truncated.ics" in failing(site, truncated)
    latin = tmp_path / "latin.ics"
    latin.write_bytes(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Caf\xe9\nEND:VEVENT\nEND:VCALENDAR\n")
    assert "not UTF-8" in failing(site, latin)
    big = tmp_path / "big.ics"
    with open(big, "wb") as out:
        out.truncate(50 * 1024 * 1024 + 1)
    assert "larger than 50 MB" in failing(site, big)
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("start,title\n2026-11-16 09:00,x\n")
    ran = rolebook("audit", "eng/staff", "--handbooks", str(site / "handbooks"), "--csv", str(csv_file), cwd=site)
    assert ran.returncode == 2 and "no end column" in ran.stderr and "Traceback" not in ran.stderr


def test_odd_events_are_counted_skips(site, tmp_path):
    path = one_event(tmp_path, """\
        BEGIN:VEVENT
        UID:forever@test
        DTSTART:20200106T090000Z
        DTEND:20200106T100000Z
        RRULE:FREQ=DAILY
        SUMMARY:Daily design review, no end
        END:VEVENT
        BEGIN:VEVENT
        UID:noend@test
        DTSTART:20261117T120000Z
        SUMMARY:No end
        END:VEVENT
        BEGIN:VEVENT
        UID:zone@test
        DTSTART;TZID=Mars/Olympus:20261117T130000
        DTEND;TZID=Mars/Olympus:20261117T140000
        SUMMARY:Nobody defines this zone
        END:VEVENT
        BEGIN:VEVENT
        UID:minutely@test
        DTSTART:19000101T000000Z
        DTEND:19000101T000030Z
        RRULE:FREQ=MINUTELY
        SUMMARY:Every minute since 1900
        END:VEVENT
        """)
    report = audit_json(site, "--calendar", str(path), "--from", "2026-11-16", "--to", "2026-11-22", "--time-zone", "UTC")
    assert hours(report, "reviews") == 5.0  # Mon-Fri 9-10 UTC of a series started in 2020 without an end
    assert report["skipped"] == {"no end time": 1, "unknown time zone": 1, "recurs more often than hourly": 1}


def test_bad_options_are_usage_errors(site):
    for args, words in [(("--hours", "9-5"), "HH:MM-HH:MM"), (("--time-zone", "Mars/Base"), "IANA"),
                        (("--days", "someday"), "mon-fri"), (("--from", "2026-11-20", "--to", "2026-11-10"), "before")]:
        ran = rolebook("audit", "eng/staff", "--handbooks", str(site / "handbooks"), "--calendar",
                       str(CALENDARS / "week-berlin.ics"), *args, cwd=site)
        assert ran.returncode == 2 and words in ran.stderr, (args, ran.stderr)
    ran = rolebook("audit", "eng/nobody", "--handbooks", str(site / "handbooks"), "--calendar",
                   str(CALENDARS / "week-berlin.ics"), cwd=site)
    assert ran.returncode == 2 and "no such role" in ran.stderr


def test_a_bad_match_pattern_is_a_finding(site):
    role = site / "handbooks" / "eng" / "staff.yml"
    role.write_text(role.read_text().replace('re:^pair(ing)?\\b', 're:(unclosed'))
    ran = rolebook("check", str(site / "handbooks"), cwd=site)
    assert ran.returncode == 1 and "staff.yml:" in ran.stdout and "not a regular expression" in ran.stdout


def test_the_help_says_what_stays_private():
    text = " ".join(rolebook("audit", "--help").stdout.split())
    assert "never a URL" in text and "writes nothing unless --write" in text


def test_a_series_of_100000_instances_is_a_counted_skip(site, tmp_path):
    minutes = ",".join(str(m) for m in range(60))
    path = one_event(tmp_path, f"""\
        BEGIN:VEVENT
        UID:many@test
        DTSTART:20261116T000000Z
        DTEND:20261116T000030Z
        RRULE:FREQ=HOURLY;BYMINUTE={minutes}
        SUMMARY:Design review every minute
        END:VEVENT
        BEGIN:VEVENT
        UID:one@test
        DTSTART:20261116T090000Z
        DTEND:20261116T100000Z
        SUMMARY:Design review
        END:VEVENT
        """, "many.ics")
    # 60 a hour for a year: 525,600 instances; the series is counted as skipped, the rest still counts
    report = audit_json(site, "--calendar", str(path), "--from", "2026-11-16", "--to", "2027-11-15", "--time-zone", "UTC")
    assert report["skipped"] == {"recurs more than 10,000 times in the window": 1}
    assert hours(report, "reviews") == 1.0


def test_more_events_than_the_bound_is_a_one_line_error(site, tmp_path, monkeypatch):
    from rolebook.audit import calendar_file

    monkeypatch.setattr(calendar_file, "MAX_INSTANCES", 3)  # the same check as at 100,000, without building them
    assert "more than 3 events in the window" in failing(site, CALENDARS / "week-berlin.ics")


def test_the_holders_time_zone_and_address_come_from_people(tmp_path):
    people = ("people:\n  - id: dana-lee\n    name: Dana Lee\n    email: kim@example.com\n"
              "    time_zone: America/New_York\n")
    write_handbook(tmp_path, {"_people.yml": people, "eng/_team.yml": "title: Engineering\nsummary: Builds it.\n",
                              "eng/staff.yml": ROLE.replace("  - name: Dana Lee", "  - person: dana-lee")})
    report = audit_json(tmp_path, "--calendar", str(CALENDARS / "dst-new-york.ics"), "--from", "2026-10-30",
                        "--to", "2026-11-02")
    assert report["time_zone"] == "America/New_York"
    assert hours(report, "reviews") == 3.0  # as with --time-zone America/New_York (test above)
    week = audit_json(tmp_path, *BERLIN_WEEK[:6])  # no --time-zone: New York hours, Kim's invitations
    assert "declined" not in week["skipped"]  # the person's e-mail is kim@example.com, who accepted
