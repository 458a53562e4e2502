"""Dates for a reader on an English site (issue 23, item 5): Babel's words on every page kind, ISO only for machines.

The example handbook in a git history of two releases, one outcome re-dated between them, so the changes
page, the delivery record and the last-changed dates have something to say.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from support.sites import build, project, soup

pytestmark = pytest.mark.site

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
QUARTER = re.compile(r"\b\d{4}-Q[1-4]\b")


def git(root, *args, date="2026-10-01"):
    env = dict(os.environ, GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z")
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("reader-dates")
    config = project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.com")
    git(root, "config", "user.name", "Test")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    git(root, "tag", "v1.0")
    role = root / "handbooks/engineering/staff-engineer.yml"
    text = role.read_text(encoding="utf-8")
    assert "due: 2026-12-18" in text
    role.write_text(text.replace("due: 2026-12-18", "due: 2027-03-31", 1), encoding="utf-8")
    git(root, "commit", "-qam", "re-date", date="2026-11-02")
    git(root, "tag", "v1.1", date="2026-11-02")
    result, out = build(config)
    assert result.returncode == 0, result.stderr
    return out


def visible(page) -> str:
    """What a reader sees of the article: its text and the diagrams' words, without code."""
    article = page.select_one("article")
    for code in article.select("code, pre, script, style"):
        code.decompose()
    return article.get_text(" ")


KINDS = {
    "role": "engineering/staff-engineer/", "onboarding": "engineering/staff-engineer/onboarding/",
    "standing role": "people-operations/recruiter/", "team": "engineering/", "overview": "overview/",
    "changes": "changes/", "health": "health/", "people": "people/", "person": "people/dana-lee/",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_raw_iso_date_or_quarter_on_a_page(site, kind):
    text = visible(soup(site / KINDS[kind] / "index.html"))
    assert not ISO.findall(text) and not QUARTER.findall(text), (ISO.findall(text) + QUARTER.findall(text))[:5]


def test_every_page_of_the_site_has_dates_in_words(site):
    raw = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("guide/") or not path.read_text(encoding="utf-8").count("<article"):
            continue  # the user guide is hand-written: its examples show the file format
        found = ISO.findall(visible(soup(path))) + QUARTER.findall(visible(soup(path)))
        if found:
            raw[rel] = found[:3]
    assert not raw, raw


def test_times_keep_the_iso_form_for_machines(site):
    page = soup(site / "engineering/staff-engineer/index.html")
    times = page.select("article time[datetime]")
    assert times and all(ISO.fullmatch(t["datetime"]) for t in times)
    due = next(t for t in times if t["datetime"] == "2027-03-31")
    assert due.get_text() == "31 March 2027"


def test_the_changes_page_says_a_moved_due_date_in_words(site):
    text = " ".join(visible(soup(site / "changes/index.html")).split())
    assert "due date moved from 18 December 2026 to 31 March 2027" in text
    assert "v1.1 (2 November 2026)" in text


def test_the_delivery_record_and_due_soon_in_words(site):
    role = soup(site / "engineering/staff-engineer/index.html")
    heading = role.find(id="delivery-record")
    table = heading.find_next("table")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    moved = next(r for r in rows if r[0].startswith("Contract tests prove"))
    assert moved[1:4] == ["18 December 2026", "31 March 2027", "1"]
    health = " ".join(visible(soup(site / "health/index.html")).split())
    assert "What needs attention on 20 November 2026" in health and "Q1 2027" in health
    overview = " ".join(visible(soup(site / "overview/index.html")).split())
    assert re.search(r"Open outcomes due by 4 January 2027 \(built on 20 November 2026 ?\)", overview)
