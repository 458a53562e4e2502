"""The delivery record on a role page in Chromium at 375 px: the line and the table show, nothing scrolls sideways
(the table scrolls inside its own box if it must)."""

from __future__ import annotations

import pytest

from support.browser import chromium, serve
from support.histories import TEAM, Repo, outcome, role
from support.sites import build, project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("record-phone")
    repo = Repo(root)
    long = "a-very-long-outcome-identifier-that-does-not-break-easily"
    repo.commit("2026-01-05", {"eng/_team.yml": TEAM, "eng/staff.yml": role(
        outcome("api-live"), outcome(long, due="2026-06-30"), outcome("migration"))})
    repo.commit("2026-03-20", {"eng/staff.yml": role(
        outcome("api-live", status="done"), outcome(long, due="2026-09-30"), outcome("migration", status="dropped"))})
    built, out = build(project(root, handbooks={}), strict=False)  # RB103: no activity leads to the outcomes
    assert built.returncode == 0, built.stderr
    return out


@pytest.mark.parametrize("width", [375])
def test_the_record_fits_a_phone(site, width):
    with serve(site) as url, chromium(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        page.goto(url + "eng/staff/")
        page.wait_for_load_state("networkidle")
        heading = page.locator("#delivery-record")
        assert heading.is_visible()
        assert "Delivered 1 of 1 on time" in page.locator("#delivery-record + p").inner_text()
        table = page.locator("#delivery-record ~ .rolebook-table-wrap").first
        assert table.is_visible() and table.locator("tbody tr").count() == 3
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        box = table.evaluate("e => e.getBoundingClientRect().right")
        assert box <= width
