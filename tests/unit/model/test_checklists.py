"""Which activities and outcomes land in which checklist, and where the time goes."""

from __future__ import annotations

import datetime as dt

import pytest

from rolebook.loading.loader import load_handbook
from rolebook.model.checklists import (
    item_key,
    monthly_review,
    onboarding_lists,
    quarter_bounds,
    quarterly_review,
    time_allocation,
    weekly_plan,
)

ROLE = """\
title: R
summary: S.
holders: [{name: A}]
outcomes:
  - {id: soon, title: Soon, done_when: x, due: 2026-12-10, owner: A}
  - {id: late, title: Late, done_when: x, due: 2026-09-30, owner: A}
  - {id: q4, title: Q4 thing, done_when: x, due: 2026-Q4, owner: A}
  - {id: next-year, title: Next year, done_when: x, due: 2027-Q1, owner: A}
  - {id: done, title: Done, done_when: x, due: 2026-12-01, owner: A, status: done}
  - {id: undated, title: Undated, done_when: x, owner: A, ignore: [RB106]}
outputs:
  - {id: doc, title: Doc, kind: document, location: "https://x.example", contributes_to: [soon]}
activities:
  - {id: d, title: Daily thing, category: making, cadence: daily, time_share: 30, produces: [doc]}
  - {id: w, title: Weekly thing, category: making, cadence: weekly, time_share: 20, advances: [soon]}
  - {id: b, title: Biweekly thing, category: alignment, cadence: biweekly, advances: [late]}
  - {id: m, title: Monthly thing, category: strategy, cadence: monthly, time_share: 10, advances: [q4]}
  - {id: q, title: Quarterly thing, category: strategy, cadence: quarterly, advances: [next-year]}
  - {id: n, title: Whenever, category: knowledge, cadence: as-needed, advances: [undated]}
checklists:
  daily: [Check the inbox]
  weekly: [Plan the week]
  monthly: [Read the budget]
  quarterly: [Re-read the strategy]
onboarding:
  first_week: [Meet the team]
  first_90_days: [Own something]
"""


@pytest.fixture
def entry(handbook_dir):
    return load_handbook(handbook_dir({"t/r.yml": ROLE})).role("t/r")


def texts(checklist):
    return [i.text for i in checklist.items]


def test_weekly_plan(entry):
    items = texts(weekly_plan(entry, dt.date(2026, 11, 20)))
    assert items == [
        "Daily thing (daily)", "Weekly thing (weekly)", "Biweekly thing (biweekly)",
        "Move forward: Late (overdue since 2026-09-30)",
        "Move forward: Soon (due 2026-12-10)",
        "Check the inbox (daily)", "Plan the week",  # a daily item says so, as daily activities do
    ]  # not the monthly/quarterly activities; not the done outcome; Q4 ends 2026-12-31, past the 4 weeks


def test_weekly_plan_picks_up_a_quarter_in_its_last_weeks(entry):
    assert "Move forward: Q4 thing (due 2026-Q4)" in texts(weekly_plan(entry, dt.date(2026, 12, 10)))


def test_monthly_review_asks_about_each_link(entry, handbook_dir):
    items = texts(monthly_review(load_handbook(handbook_dir({"t/r.yml": ROLE})), entry))
    assert "Does “Daily thing” still lead to “Doc”?" in items
    assert "Does “Weekly thing” still lead to “Soon”?" in items
    assert "Does “Doc” still contribute to “Soon”?" in items
    assert "Monthly thing (monthly)" in items and items[-1] == "Read the budget"


@pytest.mark.parametrize("today, due_this_quarter, overdue", [
    (dt.date(2026, 11, 20), ["Soon", "Q4 thing"], ["Late"]),
    (dt.date(2026, 10, 1), ["Soon", "Q4 thing"], ["Late"]),        # first day of Q4
    (dt.date(2026, 9, 30), ["Late"], []),                          # last day of Q3: Late is due today, not overdue
    (dt.date(2026, 12, 31), ["Soon", "Q4 thing"], ["Late"]),       # last day of Q4
    (dt.date(2027, 1, 1), ["Next year"], ["Soon", "Late", "Q4 thing"]),  # first day of Q1: Q4 is now overdue
])
def test_quarterly_review_at_quarter_boundaries(entry, today, due_this_quarter, overdue):
    items = texts(quarterly_review(entry, today))
    due = [t.split("“")[1].split("”")[0] for t in items if t.startswith("Due this quarter")]
    late = [t.split("“")[1].split("”")[0] for t in items if t.startswith("Overdue")]
    assert sorted(due) == sorted(due_this_quarter)
    assert sorted(late) == sorted(overdue)
    assert "Quarterly thing (quarterly)" in items and items[-1] == "Re-read the strategy"
    assert "Has the role changed this quarter, and does this file still say so?" in items


@pytest.mark.parametrize("day, start, end", [
    (dt.date(2026, 1, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 3, 31), dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 1), dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    (dt.date(2026, 12, 31), dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
])
def test_quarter_bounds(day, start, end):
    assert quarter_bounds(day) == (start, end)


def test_keys_are_per_role_per_list_and_per_text():
    assert item_key("t/a", "weekly", "x") != item_key("t/b", "weekly", "x")
    assert item_key("t/a", "weekly", "x") != item_key("t/a", "quarterly", "x")
    assert item_key("t/a", "weekly", "x") != item_key("t/a", "weekly", "x!")
    assert item_key("t/a", "weekly", "x") == item_key("t/a", "weekly", "x")


def test_onboarding_lists(entry):
    lists = onboarding_lists(entry)
    assert [(c.name, texts(c)) for c in lists] == [("first_week", ["Meet the team"]), ("first_90_days", ["Own something"])]


def test_time_allocation(entry):
    allocation = time_allocation(entry)
    assert [(s.key, s.percent) for s in allocation.by_category] == [("strategy", 10), ("making", 50)]
    assert allocation.allocated == 60 and allocation.unallocated == 40
    assert [s.key for s in allocation.by_activity] == ["d", "w", "m"]
    assert allocation.unshared == ("Biweekly thing", "Quarterly thing", "Whenever")


def test_no_time_shares(handbook_dir):
    role = ROLE.replace(", time_share: 30", "").replace(", time_share: 20", "").replace(", time_share: 10", "")
    assert time_allocation(load_handbook(handbook_dir({"t/r.yml": role})).role("t/r")) is None
