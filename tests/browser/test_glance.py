"""Pages read at a glance (issue 23), in Debian's Chromium: the first screen, search, diagrams on phones.

One build of the example site, served on localhost; every role page at the four widths readers use.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from rolebook.loading.loader import load_handbook
from support.browser import chromium, serve
from support.sites import REPO, build, project

pytestmark = [pytest.mark.site, pytest.mark.browser]

# Phone, large phone, tablet, desktop: a first screen each.
SCREENS = {320: 568, 375: 667, 768: 1024, 1280: 800}
# Roles that commit to something now; a retired role opens with its "Retired role" notice instead.
ROLES = [f"{e.team}/{e.id}/" for e in load_handbook(REPO / "handbooks").roles()
         if e.role.outcomes and e.role.status != "retired"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("glance"))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def url(site):
    with serve(site) as base:
        yield base


def open_page(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


FIRST_DUE = """() => {
    const first = document.querySelector('article .rolebook-commitments li');
    if (!first) return null;
    const due = first.querySelector('.rolebook-commitment__due').getBoundingClientRect();
    const status = first.querySelector('.rolebook-badge').getBoundingClientRect();
    return {due: due.bottom, status: status.bottom, height: innerHeight, right: Math.max(due.right, status.right),
            width: document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(SCREENS))
def test_first_due_date_and_its_status_are_on_the_first_screen(url, width, scheme):
    assert len(ROLES) > 10
    late = {}
    with chromium(viewport={"width": width, "height": SCREENS[width]}, color_scheme=scheme) as context:
        page = context.new_page()
        for path in ROLES:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            box = page.evaluate(FIRST_DUE)
            assert box is not None, path
            if max(box["due"], box["status"]) > box["height"] or box["right"] > box["width"]:
                late[path] = box
    assert not late, late


def search(page, words: str) -> list[str]:
    """What Material's own search (lunr over search_index.json, in the page) lists for words typed."""
    page.locator(".md-search__input").first.click()
    page.keyboard.type(words, delay=20)  # Material reacts to key events, as a reader types
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("words, role", [
    ("Nadia", "people-operations/people-partner/"),     # a holder's first name
    ("Dana", "engineering/staff-engineer/"),
    ("calibration", "people-operations/people-partner/onboarding/"),  # words only the onboarding page has
    ("deprecation", "product/product-manager/"),          # a word of an outcome's title
])
def test_search_finds_a_role_by_what_a_reader_types(url, words, role):
    with chromium() as context:
        page = open_page(context, url)
        found = search(page, words)
    assert any(urlsplit(href).path.endswith("/" + role) for href in found), found
