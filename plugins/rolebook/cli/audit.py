"""`rolebook audit`: a role's planned time shares against a real week from a calendar file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rolebook.cli.shared import config_file_option, site_of, write_or_fail
from rolebook.errors import UsageError


@click.command("audit")
@click.argument("ref", metavar="TEAM/ROLE-ID")
@click.option("--calendar", "ics", type=click.Path(dir_okay=False, exists=True), help="An iCalendar export (.ics).")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, exists=True), help="A CSV with start, end, title columns.")
@click.option("--from", "first", metavar="DATE", help="First day (YYYY-MM-DD) [default: Monday of last week].")
@click.option("--to", "last", metavar="DATE", help="Last day, included [default: Sunday of last week].")
@click.option("--hours", metavar="HH:MM-HH:MM", help="Working hours [default: 09:00-17:00; `all`: the whole day].")
@click.option("--days", metavar="mon-fri", help="Working days [default: mon-fri].")
@click.option("--time-zone", help="IANA zone of the working hours and floating times [default: the holder's "
              "time_zone in _people.yml, else UTC].")
@click.option("--me", metavar="EMAIL", help="Your address in invitations: events you declined do not count "
              "[default: a Google calendar's own address].")
@click.option("--tolerance", type=click.FloatRange(0, 100), default=5.0, show_default=True,
              help="Points an actual share may differ from the plan before it is flagged.")
@click.option("--unmapped-threshold", type=click.FloatRange(0, 100), default=20.0, show_default=True,
              help="Flag unmapped time above this percent.")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--show-events", is_flag=True, help="Also list each counted event with its title.")
@click.option("--write", is_flag=True, help="Set the role file's time_share values to the suggested ones "
              "(comments and layout kept).")
@click.option("--today", metavar="DATE", help="Build date that sets the default window (YYYY-MM-DD).")
@click.option("--handbooks", "handbooks_dir", type=click.Path(file_okay=False),
              help="The handbooks folder [default: the site's handbooks_dir, else handbooks/].")
@config_file_option
def audit_command(ref, ics, csv_file, first, last, hours, days, time_zone, me, tolerance, unmapped_threshold, fmt,
                  show_events, write, today, handbooks_dir, config) -> None:
    """Compare a role's planned time shares with a real week from a calendar file.

    \b
    Private by construction: it reads the files you name (never a URL), counts private and
    confidential events as "private" without their titles, prints totals only (titles only with
    --show-events), and writes nothing unless --write. Nothing of it reaches the site or CI.
    """
    from rolebook.audit.week import run_audit
    from rolebook.audit.week_report import to_json, to_markdown
    from rolebook.audit.working_time import WorkingHours
    from rolebook.audit.write_back import write_time_shares
    from rolebook.build.checking import load
    from rolebook.build.settings import build_date, parse_date

    if bool(ics) == bool(csv_file):
        raise UsageError("give one calendar file: --calendar FILE.ics or --csv FILE.csv")
    site = site_of(config)
    handbook = load(site.handbooks(handbooks_dir))
    entry, report = run_audit(
        handbook, ref, Path(ics or csv_file), "ics" if ics else "csv", first=parse_date(first, "--from"),
        last=parse_date(last, "--to"), today=build_date(today or site.settings.today), time_zone=time_zone,
        hours=WorkingHours.parse(hours, days), me=me, tolerance=tolerance, unmapped_threshold=unmapped_threshold,
        show_events=show_events)
    if fmt == "json":
        click.echo(json.dumps(to_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(to_markdown(report), nl=False)
    if write and report.suggested:
        changed = write_or_fail(str(entry.path), lambda: write_time_shares(entry.path, report.suggested))
        click.echo(f"rolebook: wrote time_share of {', '.join(changed) or 'no activity'} to {entry.path}", err=True)
