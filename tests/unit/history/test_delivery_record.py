"""`rolebook record` on a real git repository built commit by commit: re-dating, late, on time, dropped, a renamed
file, a standing commitment, a commit that breaks a role, a shallow clone, no git."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support.cli import rolebook
from support.histories import TEAM, Repo, outcome, role


def record(root: Path, *args) -> dict:
    ran = rolebook("record", "handbooks", "--format", "json", "--today", "2026-09-01", *args, cwd=root)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


@pytest.fixture
def history(tmp_path):
    repo = Repo(tmp_path)
    # January: four outcomes committed, all due at the end of March
    repo.commit("2026-01-05", {"eng/_team.yml": TEAM, "eng/staff.yml": role(
        outcome("on-time"), outcome("late-one"), outcome("redated"), outcome("dropped-one"), outcome("forgotten"))})
    # March: `redated` moves to the end of May (61 days later), its owner changes; `forgotten` removed
    repo.commit("2026-03-20", {"eng/staff.yml": role(
        outcome("on-time", status="done", extra="  done_on: 2026-03-15\n"), outcome("late-one"),
        outcome("redated", due="2026-05-31", owner="eng/lead"), outcome("dropped-one"))})
    # April: `late-one` done (no done_on: the commit's day counts); `dropped-one` dropped
    repo.commit("2026-04-10", {"eng/staff.yml": role(
        outcome("on-time", status="done", extra="  done_on: 2026-03-15\n"),
        outcome("late-one", status="done"), outcome("redated", due="2026-05-31", owner="eng/lead"),
        outcome("dropped-one", status="dropped"))})
    # a commit that breaks the file, then its fix
    repo.commit("2026-04-20", {"eng/staff.yml": "title: [unclosed\n"})
    repo.commit("2026-04-21", {"eng/staff.yml": role(
        outcome("on-time", status="done", extra="  done_on: 2026-03-15\n"),
        outcome("late-one", status="done"), outcome("redated", due="2026-05-31", owner="eng/lead"),
        outcome("dropped-one", status="dropped"))})
    # May: the file moves to another team and `redated` is done there, before its new date (done_on after the
    # commit is not believed: the commit's day counts)
    repo.move("2026-05-30", "eng/staff.yml", "platform/principal.yml", role(
        outcome("on-time", status="done", extra="  done_on: 2026-03-15\n"),
        outcome("late-one", status="done"),
        outcome("redated", due="2026-05-31", owner="eng/lead", status="done", extra="  done_on: 2026-06-15\n"),
        outcome("dropped-one", status="dropped")))
    return repo


def test_the_record_of_a_history(history):
    data = record(history.root)
    assert data["available"] is True
    assert list(data["roles"]) == ["platform/principal"]  # the renamed file kept its series
    outcomes = {o["id"]: o for o in data["roles"]["platform/principal"]["outcomes"]}
    assert outcomes["on-time"]["done"] == "2026-03-15"  # done_on, not after the commit of 2026-03-20
    assert outcomes["on-time"]["verdicts"][0] == {"verdict": "on_time", "quarter": "2026-Q1", "slip_days": -16}
    assert outcomes["late-one"]["done"] == "2026-04-10"
    assert outcomes["late-one"]["verdicts"][0] == {"verdict": "late", "quarter": "2026-Q1", "slip_days": 10}
    redated = outcomes["redated"]
    assert redated["redatings"] == [{"date": "2026-03-20", "commit": redated["redatings"][0]["commit"],
                                     "from": "2026-03-31", "to": "2026-05-31", "days": 61}]
    assert redated["owner_changes"] == [{"date": "2026-03-20", "from": "Dana Lee", "to": "eng/lead"}]
    assert redated["done"] == "2026-05-30"  # done_on 2026-06-15 is after its commit: the commit's day
    assert redated["verdicts"][0]["verdict"] == "after_redating" and redated["verdicts"][0]["slip_days"] == 60
    assert outcomes["dropped-one"]["verdicts"][0]["verdict"] == "dropped"
    assert outcomes["forgotten"]["status"] == "removed" and outcomes["forgotten"]["ended"] == "2026-03-20"
    totals = data["totals"]
    assert (totals["on_time"], totals["late"], totals["after_redating"], totals["dropped"], totals["removed"],
            totals["redatings"]) == (1, 1, 1, 1, 1, 1)
    assert totals["median_slip_days"] == 10  # of -16, 10, 60
    assert data["unreadable"] == [{"file": "eng/staff.yml", "commit": data["unreadable"][0]["commit"]}]
    assert list(data["teams"]) == ["platform"]


def test_markdown_says_the_same(history):
    ran = rolebook("record", "handbooks", "--today", "2026-09-01", cwd=history.root)
    assert ran.returncode == 0, ran.stderr
    text = ran.stdout
    assert "Delivered 1 of 3 on time, 1 after re-dating; 1 re-dated, 1 dropped, 0 open and overdue." in text
    assert "| platform/principal | 1 | 1 | 1 | 1 | 0 | 0 | 1 | 10 |" in text
    assert "`eng/staff.yml` unreadable at `" in text


def test_overdue_and_a_standing_commitment(tmp_path):
    repo = Repo(tmp_path)
    repo.commit("2026-01-05", {"eng/_team.yml": TEAM, "eng/staff.yml": role(
        outcome("report", due="2026-01-31", extra="  recurs: monthly\n"), outcome("overdue", due="2026-06-30"))})
    repo.commit("2026-02-02", {"eng/staff.yml": role(
        outcome("report", due="2026-01-31", extra="  recurs: monthly\n  done_on: 2026-01-30\n"),
        outcome("overdue", due="2026-06-30"))})
    repo.commit("2026-03-31", {"eng/staff.yml": role(
        outcome("report", due="2026-01-31", extra="  recurs: monthly\n  done_on: 2026-03-28\n"),
        outcome("overdue", due="2026-06-30"))})
    data = record(tmp_path, "--today", "2026-04-15")
    outcomes = {o["id"]: o for o in data["roles"]["eng/staff"]["outcomes"]}
    # January met (done_on 30 Jan), February missed, March met (28 Mar), April still open
    assert [v["verdict"] for v in outcomes["report"]["verdicts"]] == ["on_time", "missed", "on_time", "open"]
    assert outcomes["overdue"]["verdicts"][0]["verdict"] == "open"
    later = record(tmp_path, "--today", "2026-07-01")
    assert {o["id"]: o for o in later["roles"]["eng/staff"]["outcomes"]}["overdue"]["verdicts"][0]["verdict"] \
        == "open_overdue"


def test_the_same_commit_gives_the_same_bytes(history):
    first = rolebook("record", "handbooks", "--format", "json", "--today", "2026-09-01", cwd=history.root).stdout
    second = rolebook("record", "handbooks", "--format", "json", "--today", "2026-09-01", cwd=history.root).stdout
    assert first == second


def test_a_shallow_clone_gives_a_note_and_no_numbers(history, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history.root}", str(clone)], check=True)
    data = record(clone)
    assert data == {"available": False, "as_of": "2026-09-01", "note": data["note"]} and "shallow" in data["note"]
    text = rolebook("record", "handbooks", cwd=clone).stdout
    assert "shallow clone" in text and "| " not in text


def test_no_git_gives_a_note(tmp_path):
    (tmp_path / "handbooks" / "eng").mkdir(parents=True)
    (tmp_path / "handbooks" / "eng" / "_team.yml").write_text(TEAM)
    data = record(tmp_path)
    assert data["available"] is False and "not in a git repository" in data["note"]
