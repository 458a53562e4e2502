"""The delivery record on a real site: `delivery.json` at the root, the role page's line and table, the team page,
the health page (MkDocs + Material + dot, from a git history built in the test)."""

from __future__ import annotations

import json

import pytest

from support.histories import TEAM, Repo, outcome, role
from support.sites import build, project, soup

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("record-site")
    repo = Repo(root)
    repo.commit("2026-01-05", {"eng/_team.yml": TEAM, "eng/staff.yml": role(
        outcome("api-live"), outcome("docs-out", due="2026-06-30"), outcome("migration"))})
    repo.commit("2026-03-20", {"eng/staff.yml": role(
        outcome("api-live", status="done"), outcome("docs-out", due="2026-09-30"), outcome("migration",
                                                                                         status="dropped"))})
    config = project(root, handbooks={})
    built, out = build(config, strict=False)  # the test's roles have outcomes no activity leads to (RB103)
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines() if line.startswith("WARNING")]
    assert all("RB103" in line for line in warnings), warnings
    return out


def test_delivery_json_at_the_site_root(site):
    data = json.loads((site / "delivery.json").read_text())
    assert data["available"] is True and data["as_of"] == "2026-11-20"
    counts = data["roles"]["eng/staff"]["counts"]
    assert (counts["on_time"], counts["dropped"], counts["open_overdue"], counts["redatings"]) == (1, 1, 1, 1)


def test_the_role_page_shows_a_line_and_a_table(site):
    page = soup(site / "eng" / "staff" / "index.html")
    heading = page.find(id="delivery-record")
    assert heading is not None
    line = heading.find_next("p").get_text(" ", strip=True)
    assert line == "Delivered 1 of 1 on time, 0 after re-dating; 1 re-dated, 1 dropped, 1 open and overdue."
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in heading.find_next("table").select("tbody tr")]
    assert ["Docs Out shipped", "30 June 2026", "30 September 2026", "1", "open and overdue"] in rows
    assert ["Api Live shipped", "31 March 2026", "31 March 2026", "0", "on time"] in rows


def test_team_and_health_pages(site):
    team = soup(site / "eng" / "index.html").get_text(" ", strip=True)
    assert "Delivered 1 of 1 on time" in team
    health = soup(site / "health" / "index.html")
    assert "Delivery record" in health.get_text(" ")
    assert any(a.get("href", "").endswith("eng/staff/") for a in health.select("table a"))
