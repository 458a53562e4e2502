"""`rolebook audit` on a year-long calendar of 5,000 events (issue 21: under 2 s).

    .venv/bin/python benchmarks/bench_audit.py [--events 5000]

Writes a Google-style export (X-WR-TIMEZONE, VTIMEZONE-less TZIDs, a tenth of the events as
weekly series with EXDATEs and a moved instance, private, declined and all-day ones mixed in),
then times the whole command in-process (read, expand, count, map, report) over the year,
beside the read alone, best of 3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO / "tests"))

from support.cli import rolebook  # noqa: E402


def write_calendar(path: Path, events: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    titles = ["Code review", "PR triage", "1:1", "Planning", "Design review", "Lunch", "Interview", "Focus"]
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN", "X-WR-CALNAME:me@example.com",
           "X-WR-TIMEZONE:Europe/Berlin"]
    start = dt.datetime(2026, 1, 5, 8, 0)
    instances = 0
    series = events // 10
    for n in range(series):  # weekly series over the year: ~50 instances each would be too many; 10 weeks
        day = start + dt.timedelta(days=rng.randrange(360), hours=rng.randrange(9))
        out += ["BEGIN:VEVENT", f"UID:s{n}@bench", f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Berlin:{day + dt.timedelta(minutes=30):%Y%m%dT%H%M%S}",
                "RRULE:FREQ=WEEKLY;COUNT=10", f"EXDATE;TZID=Europe/Berlin:{day + dt.timedelta(days=14):%Y%m%dT%H%M%S}",
                f"SUMMARY:{rng.choice(titles)} {n}", "END:VEVENT"]
        instances += 9
    single = events - instances
    for n in range(max(single, 0)):
        day = start + dt.timedelta(days=rng.randrange(360), hours=rng.randrange(10), minutes=rng.choice([0, 15, 30]))
        kind = rng.random()
        extra = ["CLASS:PRIVATE"] if kind < 0.05 else ["TRANSP:TRANSPARENT"] if kind < 0.1 else []
        if kind > 0.97:
            out += ["BEGIN:VEVENT", f"UID:a{n}@bench", f"DTSTART;VALUE=DATE:{day:%Y%m%d}", "SUMMARY:Off", "END:VEVENT"]
            continue
        out += ["BEGIN:VEVENT", f"UID:e{n}@bench", f"DTSTART;TZID=Europe/Berlin:{day:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Berlin:{day + dt.timedelta(minutes=rng.choice([30, 45, 60, 90])):%Y%m%dT%H%M%S}",
                f"SUMMARY:{rng.choice(titles)} [rb:feature-work]" if kind > 0.9 else f"SUMMARY:{rng.choice(titles)}",
                *extra, "END:VEVENT"]
    out.append("END:VCALENDAR")
    path.write_text("\r\n".join(out) + "\r\n")
    return instances + max(single, 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "year.ics"
        total = write_calendar(path, args.events)
        argv = ["audit", "engineering/backend-engineer", "--handbooks", str(REPO / "handbooks"), "--calendar", str(path),
                "--from", "2026-01-01", "--to", "2026-12-31", "--time-zone", "Europe/Berlin", "--format", "json"]
        runs = []
        for _ in range(3):
            began = time.perf_counter()
            ran = rolebook(*argv)
            runs.append(time.perf_counter() - began)
            assert ran.returncode == 0, ran.stderr
        from zoneinfo import ZoneInfo

        from rolebook.audit.calendar_file import read_calendar
        zone = ZoneInfo("Europe/Berlin")
        reads = []
        for _ in range(3):
            began = time.perf_counter()
            read_calendar(path, dt.datetime(2026, 1, 1, tzinfo=zone), dt.datetime(2027, 1, 1, tzinfo=zone), zone)
            reads.append(time.perf_counter() - began)
    best, read = min(runs), min(reads)
    print(f"audit of a year, {total:,} event instances ("
          f"{args.events // 10:,} weekly series): whole command {best:.2f} s (target < 2 s, x{best / 2:.2f} of it); "
          f"reading and expanding alone {read:.2f} s ({read / best:.0%} of it)")
    return 0 if best < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
