"""Standing commitments (`recurs:`) and delivery dates (`done_on:`): periods, RB113 per period, checklists.

Every boundary is tested on both sides: the last day of a period, the day after it, a `done_on:`
in the period or the one before.
"""

from __future__ import annotations

import datetime as dt

import pytest

from rolebook.checks import check
from rolebook.loading.loader import load_handbook
from rolebook.model import standing
from rolebook.model.checklists import monthly_review, quarterly_review, weekly_plan
from rolebook.model.periods import period_containing, period_iso, periods_between
from rolebook.model.review_rhythm import Timing
from support.handbooks import CLEAN_ROLE

D = dt.date


def standing_role(recurs="monthly", due="2026-07-31", done_on=None, status="open", extra_field=""):
    fields = f"    recurs: {recurs}\n" + (f"    due: {due}\n" if due else "") + (f"    done_on: {done_on}\n" if done_on else "")
    text = CLEAN_ROLE.replace("    due: 2026-06-30\n", fields + extra_field)
    return text.replace("owner: Dana Lee\n", f"owner: Dana Lee\n    status: {status}\n", 1)


def load(handbook_dir, text):
    return load_handbook(handbook_dir({"team/r.yml": text}))


def findings(handbook_dir, text, today, code=None):
    found = check(load(handbook_dir, text), timing=Timing(today))
    return [f for f in found if code is None or f.code == code]


# -- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize("recurs, day, period", [
    ("monthly", D(2026, 2, 14), (D(2026, 2, 1), D(2026, 2, 28))),
    ("monthly", D(2028, 2, 29), (D(2028, 2, 1), D(2028, 2, 29))),
    ("monthly", D(2026, 12, 31), (D(2026, 12, 1), D(2026, 12, 31))),
    ("quarterly", D(2026, 11, 20), (D(2026, 10, 1), D(2026, 12, 31))),
    ("quarterly", D(2026, 4, 1), (D(2026, 4, 1), D(2026, 6, 30))),
    ("yearly", D(2026, 7, 4), (D(2026, 1, 1), D(2026, 12, 31))),
])
def test_periods_are_calendar_months_quarters_and_years(recurs, day, period):
    assert period_containing(recurs, day) == period


def test_periods_between_start_no_earlier_than_the_first_due():
    assert [period_iso("monthly", p) for p in periods_between("monthly", None, D(2026, 10, 15), D(2026, 12, 1))] == [
        "2026-10", "2026-11", "2026-12"]
    assert [period_iso("monthly", p) for p in periods_between("monthly", D(2026, 11, 30), D(2026, 9, 1), D(2027, 1, 1))] == [
        "2026-11", "2026-12", "2027-01"]
    assert [period_iso("quarterly", p) for p in periods_between("quarterly", None, D(2026, 3, 31), D(2026, 10, 1))] == [
        "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert periods_between("yearly", None, D(2027, 1, 1), D(2026, 1, 1)) == []


# -- RB113, per period -----------------------------------------------------------------


def test_rb113_counts_each_period_that_ended_unmet(handbook_dir):
    text = standing_role("monthly", due="2026-08-31", done_on="2026-09-03")
    # September is met by its done_on; October ended unmet; November is still running on 2026-11-20.
    (october,) = findings(handbook_dir, text, D(2026, 11, 20), "RB113")
    assert "was not met in 2026-10 (ended 2026-10-31), 20 days late" in october.message
    assert "new `due:`" not in october.message and "set `done_on:`" in october.message  # never re-dated
    assert october.line == text.splitlines().index("    done_on: 2026-09-03") + 1  # at the date to move on
    late = findings(handbook_dir, text, D(2027, 1, 1), "RB113")
    assert [f.message.split(" was not met in ")[1][:7] for f in late] == ["2026-10", "2026-11", "2026-12"]


def test_a_period_is_missed_only_the_day_after_it_ends(handbook_dir):
    text = standing_role("quarterly", due="2026-Q3", done_on="2026-09-30")
    assert findings(handbook_dir, text, D(2026, 12, 31), "RB113") == []
    (q4,) = findings(handbook_dir, text, D(2027, 1, 1), "RB113")
    assert "was not met in 2026-Q4" in q4.message and "1 day late" in q4.message
    met = standing_role("quarterly", due="2026-Q3", done_on="2026-10-01")  # met again in Q4
    assert findings(handbook_dir, met, D(2027, 1, 1), "RB113") == []


def test_the_first_period_is_the_one_due_names(handbook_dir):
    # No done_on: every period from the one `due` falls in counts; none before it.
    text = standing_role("monthly", due="2026-10-15")
    assert [f.message.split(" was not met in ")[1][:7] for f in findings(handbook_dir, text, D(2026, 12, 2), "RB113")] == [
        "2026-10", "2026-11"]
    assert findings(handbook_dir, standing_role("yearly", due="2027-12-31"), D(2027, 6, 1), "RB113") == []
    # Neither due nor done_on: nothing to count from, so nothing is missed, and no RB106 (the rhythm is its date).
    assert findings(handbook_dir, standing_role("monthly", due=None), D(2027, 6, 1)) == []


def test_closed_or_silenced_standing_outcomes_are_never_overdue(handbook_dir):
    for status in ("done", "dropped"):
        assert findings(handbook_dir, standing_role(status=status), D(2027, 6, 1), "RB113") == []
    silenced = standing_role(extra_field="    ignore: [RB113]\n")
    assert findings(handbook_dir, silenced, D(2027, 6, 1), "RB113") == []


def test_one_off_outcomes_keep_their_message(handbook_dir):
    (late,) = findings(handbook_dir, CLEAN_ROLE, D(2026, 7, 2), "RB113")
    assert "was due 2026-06-30 and is still open, 2 days late" in late.message and "new `due:`" in late.message


# -- done_on ---------------------------------------------------------------------------


def test_done_on_that_cannot_be_true_is_rb002_at_the_field(handbook_dir):
    future = CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    status: done\n    done_on: 2026-12-01\n")
    (f,) = findings(handbook_dir, future, D(2026, 11, 20), "RB002")
    assert "`done_on: 2026-12-01` of outcome `api-live` is after the build date 2026-11-20" in f.message
    assert (f.line, f.column) == (future.splitlines().index("    done_on: 2026-12-01") + 1, 5)
    still_open = CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    done_on: 2026-06-20\n")
    (g,) = findings(handbook_dir, still_open, D(2026, 6, 25), "RB002")
    assert "still `status: open`: set `status: done`" in g.message
    done = future.replace("2026-12-01", "2026-06-20")
    assert findings(handbook_dir, done, D(2026, 11, 20)) == []


@pytest.mark.parametrize("line, words", [
    ("    recurs: weekly-ish\n", "`recurs: weekly-ish` is not allowed in outcome `api-live`: use one of 'monthly', "
                                 "'quarterly' or 'yearly'"),
    ("    recurs: [monthly]\n", "`recurs: ['monthly']` is not allowed in outcome `api-live`"),
    ("    done_on: 2026-02-30\n", "2026-02-30 is not a calendar date"),
    ("    done_on: last week\n", "`last week` is not valid for `done_on` in outcome `api-live`: write a date as YYYY-MM-DD"),
    ("    done_on: 2026-06-30T10:00:00\n", "has a time of day"),
])
def test_bad_recurs_and_done_on_are_findings_at_the_field(handbook_dir, line, words):
    text = CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: Dana Lee\n" + line)
    hb = load(handbook_dir, text)
    (f,) = [f for f in check(hb) if f.code == "RB002"]
    assert words in f.message, f.message
    assert (f.line, f.column) == (text.splitlines().index(line.rstrip("\n")) + 1, 5)


# -- the checklists --------------------------------------------------------------------


def entry_of(handbook_dir, text):
    hb = load(handbook_dir, text)
    return hb, hb.role("team/r")


def texts(checklist):
    return [i.text for i in checklist.items]


def test_monthly_outcomes_are_asked_once_per_month_in_the_monthly_review(handbook_dir):
    hb, entry = entry_of(handbook_dir, standing_role("monthly", due="2026-07-31", done_on="2026-09-03"))
    november = monthly_review(hb, entry, D(2026, 11, 20))
    question = "Was “API v2 live in production” met this month (2026-11)? Once it is, set `done_on:` to that day."
    assert question in texts(november)
    december = monthly_review(hb, entry, D(2026, 12, 1))
    assert question not in texts(december) and any("(2026-12)" in t for t in texts(december))
    # a new period is a new item: last month's tick does not carry over
    assert {i.key for i in november.items} != {i.key for i in december.items}
    # never as a re-dating question, never in the weekly plan's "move forward", never in the quarterly review
    quarterly = texts(quarterly_review(entry, D(2026, 11, 20)))
    assert not [t for t in quarterly + texts(weekly_plan(entry, D(2026, 11, 20))) if "API v2" in t]


def test_quarterly_and_yearly_outcomes_are_asked_in_the_quarterly_review(handbook_dir):
    hb, entry = entry_of(handbook_dir, standing_role("quarterly", due="2026-Q1"))
    assert "Was “API v2 live in production” met this quarter (2026-Q4)? Once it is, set `done_on:` to that day." in texts(
        quarterly_review(entry, D(2026, 11, 20)))
    assert not [t for t in texts(monthly_review(hb, entry, D(2026, 11, 20))) if "met this" in t]
    hb, entry = entry_of(handbook_dir, standing_role("yearly", due="2026-12-31"))
    assert not [t for t in texts(quarterly_review(entry, D(2026, 8, 1))) if "met this year" in t]  # not the year's last quarter
    assert "Was “API v2 live in production” met this year (2026)? Once it is, set `done_on:` to that day." in texts(
        quarterly_review(entry, D(2026, 11, 20)))
    assert not [t for t in texts(quarterly_review(entry, D(2026, 11, 20))) if "re-date" in t or "Overdue since" in t]


def test_a_first_period_in_the_future_is_the_one_asked_about(handbook_dir):
    _hb, entry = entry_of(handbook_dir, standing_role("quarterly", due="2027-Q2"))
    assert any("met this quarter (2027-Q2)" in t for t in texts(quarterly_review(entry, D(2026, 11, 20))))


def test_next_due_of_a_standing_outcome_is_never_a_redate(handbook_dir):
    _hb, entry = entry_of(handbook_dir, standing_role("monthly", due="2026-07-31", done_on="2026-11-02"))
    outcome = entry.role.outcomes[0]
    assert standing.next_due(outcome, D(2026, 11, 20)) == D(2026, 12, 31)  # November met: December next
    assert standing.next_due(outcome, D(2027, 1, 5)) == D(2026, 12, 31)  # December missed: still owed
    assert standing.is_overdue(outcome, D(2027, 1, 5)) and not standing.is_overdue(outcome, D(2026, 12, 31))


# -- silenced means silent -------------------------------------------------------------


def test_a_silenced_activity_is_listed_as_fine_not_questioned(handbook_dir):
    text = CLEAN_ROLE + "  - {id: hours, title: Office hours, category: relationships, cadence: weekly}\n"
    hb, entry = entry_of(handbook_dir, text)
    assert "“Office hours” leads to no output or outcome: keep it, link it, or stop it?" in texts(monthly_review(hb, entry))
    for silenced in (text.replace("cadence: weekly}", "cadence: weekly, ignore: [RB101]}"), text + "ignore: [RB101]\n"):
        hb, entry = entry_of(handbook_dir, silenced)
        lines = texts(monthly_review(hb, entry))
        assert "“Office hours”: kept on purpose without an output or outcome" in lines
        assert not [t for t in lines if "stop it" in t]


def test_a_silenced_overdue_outcome_is_not_asked_to_be_redated(handbook_dir):
    _hb, entry = entry_of(handbook_dir, CLEAN_ROLE)
    today = D(2026, 11, 20)
    assert any(t.startswith("Overdue since 2026-06-30") for t in texts(quarterly_review(entry, today)))
    _hb, entry = entry_of(handbook_dir, CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    ignore: [RB113]\n"))
    assert not [t for t in texts(quarterly_review(entry, today)) if "Overdue" in t]
    assert not [t for t in texts(weekly_plan(entry, D(2026, 7, 1))) if "overdue" in t]


# -- the health report -----------------------------------------------------------------


def test_the_health_report_lists_a_standing_outcome_once_per_missed_period(handbook_dir):
    from rolebook.reports.health import health_report, to_json, to_markdown

    hb = load(handbook_dir, standing_role("monthly", due="2026-08-31", done_on="2026-09-03"))
    timing = Timing(D(2026, 12, 2))
    report = health_report(hb, check(hb, timing=timing), timing)
    text = to_markdown(report, title=None)
    assert ("API v2 live in production (`#api-live`) in Staff Engineer (`team/r`): not met in 2026-10 (every month), "
            "**32 days late**") in text
    assert "not met in 2026-11 (every month), **2 days late**" in text
    assert "due 2026-08-31" not in text  # never shown as a one-off due date to re-date
    rows = to_json(report)["overdue"][0]["outcomes"]
    assert [(r["period"], r["recurs"], r["due_end"]) for r in rows] == [
        ("2026-10", "monthly", "2026-10-31"), ("2026-11", "monthly", "2026-11-30")]
