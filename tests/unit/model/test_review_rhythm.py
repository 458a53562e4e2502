"""The handbook's rhythm: RB113 overdue outcomes, RB114 reviews due, `reviewed:`, the build date.

Every boundary is tested on both sides: the last day of a due date or quarter,
31 and 92 days since a review, a holder who started 89, 90 and 91 days ago.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest

from rolebook.build.settings import SettingsProblem, build_date
from rolebook.build.timing import timing_for
from rolebook.checks import check
from rolebook.history.dates import git_dates
from rolebook.loading.loader import load_handbook
from rolebook.model.findings import Severity
from rolebook.model.review_rhythm import ReviewPolicy, Timing, review_state
from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, EXAMPLE

D = dt.date


def findings(handbook_dir, files, today, code=None, rules=None, policy=None, changed=None):
    hb = load_handbook(handbook_dir(files))
    out = check(hb, rules, timing=Timing(today, policy or ReviewPolicy(), changed))
    return [f for f in out if code is None or f.code == code]


def role(due="2026-06-30", status="open", reviewed=None, since=None, role_status=None, extra=""):
    text = CLEAN_ROLE.replace("due: 2026-06-30", f"due: {due}").replace("owner: Dana Lee\n", f"owner: Dana Lee\n    status: {status}\n")
    if since:
        text = text.replace("  - name: Dana Lee\n", f"  - name: Dana Lee\n    since: {since}\n")
    if reviewed:
        text += f"reviewed: {reviewed}\n"
    if role_status:
        text += f"status: {role_status}\n"
    return text + extra


# -- the build date ------------------------------------------------------------------


def test_build_date_order_explicit_then_epoch_then_today():
    assert build_date("2026-01-02", {"SOURCE_DATE_EPOCH": "1795132800"}) == D(2026, 1, 2)
    assert build_date(D(2026, 1, 3), {}) == D(2026, 1, 3)
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1795132800"}) == D(2026, 11, 20)
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1795219199"}) == D(2026, 11, 20)  # 23:59:59 UTC
    assert build_date(None, {}) == D.today()
    assert build_date("", {}) == D.today()


def test_bad_build_dates_say_what_to_write():
    with pytest.raises(SettingsProblem, match="write a date as YYYY-MM-DD"):
        build_date("20-11-2026", {})
    with pytest.raises(SettingsProblem, match="SOURCE_DATE_EPOCH 'yesterday': set it to whole seconds"):
        build_date(None, {"SOURCE_DATE_EPOCH": "yesterday"})


def run(*args, cwd, env=None):
    return rolebook(*args, cwd=cwd, env=env)  # in-process; env: None removes a variable meanwhile


def test_check_takes_today_then_source_date_epoch_then_the_clock(handbook_dir, tmp_path):
    handbook_dir({"team/r.yml": role(due="2026-06-30")})
    late = run("check", "--format", "json", "handbooks", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1795132800"})
    assert [f["code"] for f in json.loads(late.stdout)["findings"]] == ["RB113"]
    early = run("check", "--today", "2026-06-30", "handbooks", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "1795132800"})
    assert early.stdout.endswith("0 errors, 0 warnings, 0 info in 1 role\n")
    clock = run("check", "handbooks", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": None})
    assert "info RB113" in clock.stdout  # today is after 2026-06-30 on any machine that runs this
    bad = run("check", "--today", "soon", "handbooks", cwd=tmp_path)
    assert bad.returncode == 2 and "--today 'soon': write a date as YYYY-MM-DD" in bad.stderr
    bad_epoch = run("review", "handbooks", cwd=tmp_path, env={"SOURCE_DATE_EPOCH": "x"})
    assert bad_epoch.returncode == 2 and "SOURCE_DATE_EPOCH" in bad_epoch.stderr


# -- RB113 ---------------------------------------------------------------------------


@pytest.mark.parametrize("due, last_day", [("2026-06-30", D(2026, 6, 30)), ("2026-Q3", D(2026, 9, 30)),
                                           ("2026-Q4", D(2026, 12, 31)), ("2024-Q1", D(2024, 3, 31))])
def test_overdue_starts_the_day_after_the_due_date_or_the_quarter_ends(handbook_dir, due, last_day):
    files = {"team/r.yml": role(due=due)}
    assert findings(handbook_dir, files, last_day, "RB113") == []
    (late,) = findings(handbook_dir, files, last_day + dt.timedelta(days=1), "RB113")
    assert (late.line, late.column, late.severity) == (9, 5, Severity.INFO)
    assert "still open, 1 day late" in late.message and "`status: done` or `status: dropped`" in late.message
    assert ("(ends " in late.message) == ("Q" in due)


def test_done_dropped_and_retired_are_never_overdue(handbook_dir):
    later = D(2027, 1, 1)
    for files in ({"team/r.yml": role(status="done")}, {"team/r.yml": role(status="dropped")},
                  {"team/r.yml": role(role_status="retired")}):
        assert findings(handbook_dir, files, later, "RB113") == []
    (late,) = findings(handbook_dir, {"team/r.yml": role()}, later, "RB113")
    assert "185 days late" in late.message


def test_overdue_can_be_raised_or_silenced(handbook_dir):
    later = D(2027, 1, 1)
    (raised,) = findings(handbook_dir, {"team/r.yml": role()}, later, "RB113", rules={"RB113": "error"})
    assert raised.severity is Severity.ERROR
    assert findings(handbook_dir, {"team/r.yml": role()}, later, "RB113", rules={"RB113": False}) == []
    ignored = role().replace("    status: open\n", "    status: open\n    ignore: [RB113]\n")
    assert findings(handbook_dir, {"team/r.yml": ignored}, later, "RB113") == []


# -- RB114 ---------------------------------------------------------------------------

REVIEWED = D(2026, 3, 2)


@pytest.mark.parametrize("since_days, interval", [(None, 92), (400, 92), (91, 92), (90, 31), (89, 31), (0, 31)])
def test_review_interval_follows_the_newest_holder(handbook_dir, since_days, interval):
    """31 days while the newest holder started within the last 90 days, else 92; both sides of each limit."""
    for age, due in ((interval, False), (interval + 1, True)):
        today = REVIEWED + dt.timedelta(days=age)
        text = role(due="2099-12-31", reviewed=REVIEWED.isoformat(), since="2025-01-01")
        if since_days is None:
            text = text.replace("    since: 2025-01-01\n", "")
        else:  # a second, newer holder; the review (by the first) stays after the role's first holder
            newest = (today - dt.timedelta(days=since_days)).isoformat()
            text = text.replace("holders:\n", f"holders:\n  - name: New Person\n    since: {newest}\n")
        found = findings(handbook_dir, {"team/r.yml": text}, today, "RB114")
        assert bool(found) is due, (since_days, age, found)
        if found:
            (f,) = found
            assert (f.line, f.column, f.severity) == (text.splitlines().index(f"reviewed: {REVIEWED}") + 1, 1, Severity.INFO)
            assert f"last reviewed on {REVIEWED}, {age} days ago (reviews every {interval} days" in f.message
            assert f"set `reviewed: {today}`" in f.message


def test_only_active_roles_are_due(handbook_dir):
    today = REVIEWED + dt.timedelta(days=200)
    for status in ("draft", "retired"):
        assert findings(handbook_dir, {"team/r.yml": role(reviewed=REVIEWED, role_status=status)}, today, "RB114") == []


def test_site_options_change_both_intervals(handbook_dir):
    policy = ReviewPolicy.from_options({"review_interval": 10, "review_interval_new_holder": 5})
    text = role(due="2099-12-31", reviewed=REVIEWED)
    assert findings(handbook_dir, {"team/r.yml": text}, REVIEWED + dt.timedelta(days=10), "RB114", policy=policy) == []
    assert findings(handbook_dir, {"team/r.yml": text}, REVIEWED + dt.timedelta(days=11), "RB114", policy=policy)
    new = role(due="2099-12-31", reviewed=REVIEWED, since="2026-03-01")
    assert findings(handbook_dir, {"team/r.yml": new}, REVIEWED + dt.timedelta(days=5), "RB114", policy=policy) == []
    assert findings(handbook_dir, {"team/r.yml": new}, REVIEWED + dt.timedelta(days=6), "RB114", policy=policy)
    for bad in ({"review_interval": 0}, {"review_interval": "monthly"}, {"review_interval_new_holder": True}):
        with pytest.raises(ValueError, match="write a whole number"):
            ReviewPolicy.from_options(bad)


def test_without_reviewed_the_files_last_change_counts(handbook_dir):
    text = role(due="2099-12-31")
    changed = {"team/r.yml": "2026-03-02"}
    assert findings(handbook_dir, {"team/r.yml": text}, D(2026, 6, 2), "RB114", changed=changed) == []  # 92 days
    (f,) = findings(handbook_dir, {"team/r.yml": text}, D(2026, 6, 3), "RB114", changed=changed)
    assert "last changed in git on 2026-03-02, 93 days ago" in f.message and (f.line, f.column) == (1, 1)
    # `reviewed:` wins over git, even when the file changed later (a typo fix is not a review)
    reviewed = role(due="2099-12-31", reviewed="2026-01-01")
    assert findings(handbook_dir, {"team/r.yml": reviewed}, D(2026, 6, 2), "RB114", changed=changed)
    # outside git (changed=None) a role without `reviewed:` is not judged
    assert findings(handbook_dir, {"team/r.yml": text}, D(2030, 1, 1), "RB114") == []


# -- bad `reviewed:` -----------------------------------------------------------------


@pytest.mark.parametrize("value, words", [
    ("2026-11-21", "is after the build date 2026-11-20: write the date the review happened, on or before 2026-11-20"),
    ("2025-02-28", "is before the role's first holder started (2025-03-01): write the date this holder last "
                   "reviewed the file, on or after 2025-03-01"),
])
def test_impossible_reviewed_dates_are_rb002_at_the_field(handbook_dir, value, words):
    text = role(due="2099-12-31", reviewed=value, since="2025-03-01")
    (f,) = findings(handbook_dir, {"team/r.yml": text}, D(2026, 11, 20), "RB002")
    assert (f.line, f.column, f.severity) == (text.splitlines().index(f"reviewed: {value}") + 1, 1, Severity.ERROR)
    assert words in f.message
    ok = role(due="2099-12-31", reviewed="2026-11-20", since="2025-03-01")  # the build date itself is fine
    assert findings(handbook_dir, {"team/r.yml": ok}, D(2026, 11, 20), "RB002") == []
    first = role(due="2099-12-31", reviewed="2025-03-01", since="2025-03-01")  # ... and the first holder's first day
    assert findings(handbook_dir, {"team/r.yml": first}, D(2025, 3, 2), "RB002") == []


@pytest.mark.parametrize("value, words", [("soon", "write a date as YYYY-MM-DD"), ("2026-02-30", "not a calendar date"),
                                          ("[2026-01-01]", "reviewed")])
def test_reviewed_that_is_not_a_date_is_rb002(handbook_dir, value, words):
    text = role(reviewed=value)
    hb = load_handbook(handbook_dir({"team/r.yml": text}))
    (f,) = [f for f in hb.findings if f.code == "RB002"]
    assert f.line == text.splitlines().index(f"reviewed: {value}") + 1 and words in f.message, f


# -- git: one pass for the whole handbook --------------------------------------------


def git(*args, cwd, date=None):
    env = dict(os.environ, GIT_AUTHOR_DATE=date or "2026-03-02T12:00:00Z", GIT_COMMITTER_DATE=date or "2026-03-02T12:00:00Z")
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=T", *args], cwd=cwd, env=env,
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    hb = tmp_path / "handbooks"
    for i in range(40):
        (hb / "team").mkdir(parents=True, exist_ok=True)
        (hb / "team" / f"r{i}.yml").write_text(role(due="2099-12-31"))
    (hb / "team/odd name.yml").write_text("x")  # quoted by git without -z
    git("init", "-q", "-b", "main", cwd=tmp_path)
    git("add", "-A", cwd=tmp_path)
    git("commit", "-qm", "one", cwd=tmp_path, date="2026-03-02T12:00:00Z")
    (hb / "team/r1.yml").write_text(role(due="2099-12-31") + "tags: [x]\n")
    git("commit", "-qam", "two", cwd=tmp_path, date="2026-05-01T12:00:00Z")
    return hb


def test_git_dates_are_read_in_one_process_for_the_whole_handbook(repo, monkeypatch):
    import rolebook.history.git as gs

    calls = []
    real = subprocess.run
    monkeypatch.setattr(gs.subprocess, "run", lambda cmd, *a, **k: (calls.append(cmd), real(cmd, *a, **k))[1])
    hb = load_handbook(repo)
    timing = timing_for(hb, "2026-06-03")
    assert [c[1] for c in calls] == ["rev-parse", "log"]  # the repository root, then one log
    assert timing.changed["team/r0.yml"] == "2026-03-02" and timing.changed["team/r1.yml"] == "2026-05-01"
    assert timing.changed["team/odd name.yml"] == "2026-03-02"
    due = {f.role for f in check(hb, timing=timing) if f.code == "RB114"}
    assert "team/r0" in due and "team/r1" not in due and len(due) == 39


def test_git_dates_outside_git_are_none(tmp_path):
    (tmp_path / "handbooks").mkdir()
    assert git_dates(tmp_path / "handbooks") is None


def test_outside_git_check_says_so_once(handbook_dir, tmp_path):
    handbook_dir({f"team/r{i}.yml": role(due="2099-12-31") for i in range(3)})
    result = run("check", "handbooks", cwd=tmp_path)
    assert result.stderr.count("not in a git repository") == 1, result.stderr
    assert "RB114 (reviews due) goes by `reviewed:` alone" in result.stderr
    quiet = run("check", "--rule", "RB114=off", "handbooks", cwd=tmp_path)
    assert "git" not in quiet.stderr


def test_in_git_check_uses_the_last_change(repo):
    result = run("check", "--today", "2026-06-03", "--format", "json", "handbooks", cwd=repo.parent)
    assert "not in a git repository" not in result.stderr
    codes = [(f["code"], f["path"]) for f in json.loads(result.stdout)["findings"] if f["code"] == "RB114"]
    assert ("RB114", "handbooks/team/r0.yml") in codes and ("RB114", "handbooks/team/r1.yml") not in codes


def test_review_state_for_the_role_page(handbook_dir):
    hb = load_handbook(handbook_dir({"team/r.yml": role(reviewed="2026-03-02", since="2026-03-01")}))
    entry = hb.role("team/r")
    state = review_state(hb, entry, Timing(D(2026, 4, 1)))
    assert (state.last, state.source, state.interval, state.new_holder, state.due_by, state.due) == (
        D(2026, 3, 2), "reviewed", 31, True, D(2026, 4, 2), False)
    assert review_state(hb, entry, Timing(D(2026, 4, 3))).due


def test_the_example_handbook_is_clean_on_the_suites_build_date():
    hb = load_handbook(EXAMPLE)
    timing = timing_for(hb, "2026-11-20")
    assert check(hb, timing=timing) == []
    staff = hb.role("engineering/staff-engineer")
    assert staff.role.reviewed and review_state(hb, staff, timing).source == "reviewed"
    statuses = {o.status for e in hb.roles() for o in e.role.outcomes}
    assert {"done", "dropped"} <= statuses
    assert any("`reviewed:`" in text for e in hb.roles() for text in e.role.checklists.quarterly)


def test_the_sites_today_applies_to_check_and_review_unless_today_is_given(handbook_dir, tmp_path):
    handbook_dir({"team/r.yml": role(due="2026-06-30")})
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - rolebook:\n      today: 2026-06-01\n")
    assert "RB113" not in run("check", cwd=tmp_path).stdout  # the site's date wins over SOURCE_DATE_EPOCH
    assert "info RB113" in run("check", "--today", "2026-07-01", cwd=tmp_path).stdout
    assert "What needs attention on 2026-06-01" in run("review", cwd=tmp_path).stdout
