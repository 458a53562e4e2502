"""Pages read at a glance (issue 23), in Debian's Chromium: the first screen, search, diagrams on phones.

One build of the example site, served on localhost; every role page at the four widths readers use.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from rolebook.loading.loader import load_handbook
from support.browser import chromium, serve
from support.glance import CONTRAST, FIRST_DUE, FOCUS_IN_VIEW, OUTCOMES_SEEN, TEXT_PX
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


# -- diagrams that fit -------------------------------------------------------------------


@pytest.mark.parametrize("width", [320, 375])
def test_every_outcome_of_a_role_diagram_is_on_screen_on_a_phone(site, url, width):
    from rolebook.loading.loader import load_handbook

    hb = load_handbook(REPO / "handbooks")
    off = {}
    with chromium(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        for entry in hb.roles():
            if not entry.role.outcomes:
                continue
            page.goto(url + f"{entry.team}/{entry.id}/")
            page.wait_for_load_state("networkidle")
            seen = page.evaluate(OUTCOMES_SEEN)
            own = {f"#outcome-{o.id}" for o in entry.role.outcomes}
            shown = {a["href"] for a in seen["outcomes"]}
            if not own <= shown or seen["hidden"] or seen["page"] > width:
                off[entry.ref] = (sorted(own - shown), seen["hidden"], seen["page"])
    assert not off, off


@pytest.mark.parametrize("width", [768, 1280])
def test_keyboard_focus_brings_every_diagram_node_into_view(url, width):
    with chromium(viewport={"width": width, "height": 800}) as context:
        hidden = []
        for path in ("engineering/staff-engineer/", "engineering/", "overview/"):
            page = open_page(context, url + path)
            nodes = page.locator("article .rolebook-diagram svg a[*|href]")
            assert nodes.count() > 3, path
            page.locator("article h1").click()
            page.keyboard.press("Tab")  # the reader uses the keyboard from here
            for i in range(nodes.count()):
                seen = nodes.nth(i).evaluate(FOCUS_IN_VIEW)
                if not (seen["active"] and seen["inside"]):
                    hidden.append((path, seen["label"]))
    assert not hidden, hidden


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_outlines_have_3_to_1_contrast_in_both_palettes(url, scheme):
    low = {}
    measured = 0
    with chromium(viewport={"width": 1280, "height": 900}, color_scheme=scheme) as context:
        page = context.new_page()
        for path in ("engineering/staff-engineer/", "engineering/", "overview/", "engineering/frontend-engineer/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            for shape in page.evaluate(CONTRAST):
                measured += 1
                if shape["worst"] < 3:
                    low.setdefault((path, shape["cls"]), shape["worst"])
    assert measured > 30
    assert not low, low


# -- tables on phones ---------------------------------------------------------------------

CARDS = """() => [...document.querySelectorAll('article table.rolebook-table')].map(t => {
    const wrap = t.closest('.rolebook-table-wrap');
    const heads = [...t.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const rows = [...t.querySelectorAll('tbody tr')].map(tr => [...tr.children].map((td, i) =>
        ({label: getComputedStyle(td, '::before').content, head: heads[i], right: td.getBoundingClientRect().right})));
    return {cards: t.classList.contains('rolebook-table--cards'), display: getComputedStyle(t).display,
            scrolls: wrap.scrollWidth > wrap.clientWidth + 1, rows, width: document.documentElement.clientWidth,
            cue: getComputedStyle(wrap).backgroundImage.includes('gradient')};
})"""


@pytest.mark.parametrize("width", [320, 375])
def test_tables_become_cards_on_a_phone_with_every_value_named(url, width):
    problems = []
    with chromium(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        for path in ("overview/", "engineering/", "people-operations/recruiter/onboarding/", "engineering/staff-engineer/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            tables = page.evaluate(CARDS)
            assert tables, path
            for table in tables:
                if table["scrolls"] and not table["cue"]:
                    problems.append((path, "scrolls without a cue"))
                if not table["cards"]:
                    continue
                if table["display"] != "block" or table["scrolls"]:
                    problems.append((path, "not cards", table["display"]))
                for row in table["rows"]:
                    for i, cell in enumerate(row):
                        if cell["right"] > table["width"]:
                            problems.append((path, "off screen", cell["head"]))
                        if i and cell["label"] != f'"{cell["head"]}: "':
                            problems.append((path, "unnamed", cell["head"], cell["label"]))
    assert not problems, problems[:10]


def test_tables_stay_tables_on_a_desktop(url):
    with chromium(viewport={"width": 1280, "height": 800}) as context:
        page = open_page(context, url + "overview/")
        tables = page.evaluate(CARDS)
    assert tables and all(t["display"] == "table" and not t["scrolls"] for t in tables)


# -- the small things -----------------------------------------------------------------------

HANGING = """() => [...document.querySelectorAll('article .rolebook-checklist li')].map(li => {
    const box = li.querySelector('input').getBoundingClientRect();
    const label = li.querySelector('label'), r = document.createRange();
    r.setStartAfter(li.querySelector('input')); r.setEnd(label, label.childNodes.length);  // the words, not the box
    const lines = [...r.getClientRects()].filter(c => c.width > 2);
    // each line's first character: the leftmost box on that line (boxes whose middles are within 6 px)
    const rows = [];
    for (const c of lines) {
        const mid = (c.top + c.bottom) / 2, row = rows.find(r => Math.abs(r.mid - mid) < 6);
        if (row) row.left = Math.min(row.left, c.left); else rows.push({mid, left: c.left});
    }
    const lefts = [...new Set(rows.map(r => Math.round(r.left)))];
    return {wrapped: rows.length > 1, lefts, box: Math.round(box.right), text: li.textContent.slice(0, 60)};
})"""


def test_wrapped_checklist_lines_hang_under_their_text(url):
    with chromium(viewport={"width": 320, "height": 800}) as context:
        page = open_page(context, url + "engineering/staff-engineer/")
        items = page.evaluate(HANGING)
    wrapped = [i for i in items if i["wrapped"]]
    assert wrapped, "some items wrap at 320 px"
    # every line starts where the first did (an inline code span's padding aside), right of the box
    hanging = [i for i in wrapped if max(i["lefts"]) - min(i["lefts"]) > 6 or min(i["lefts"]) <= i["box"]]
    assert not hanging, hanging


def test_onboarding_has_one_checklist_with_one_clear_button(url):
    with chromium(viewport={"width": 1280, "height": 800}) as context:
        page = open_page(context, url + "people-operations/people-partner/onboarding/")
        assert page.locator("article .rolebook-checklist").count() == 1
        assert page.locator("article .rolebook-clear:visible").count() == 1
        groups = page.locator("article .rolebook-checklist__group").evaluate_all("els => els.map(e => e.id)")
        assert groups == ["checklist-first_week", "checklist-first_30_days", "checklist-first_90_days"]
        boxes = page.locator("article .rolebook-checklist input[type=checkbox]")
        for i in range(boxes.count()):
            boxes.nth(i).check()
        page.locator("article .rolebook-clear").click()
        assert not any(boxes.evaluate_all("els => els.map(e => e.checked)"))  # one button clears every period


def test_team_chart_names_say_who_holds_each_role(url):
    with chromium() as context:
        page = open_page(context, url + "engineering/")
        names = page.locator("article .rolebook-diagram svg a[*|href]").evaluate_all(
            "els => els.map(e => e.getAttribute('aria-label'))")
    assert "Engineering Manager, API Platform: Marcus Oyelaran" in names
    assert "Frontend Engineer, Booking Widget: vacant" in names


@pytest.mark.parametrize("width", [320, 375, 768, 1280])
def test_no_diagram_text_below_12_px(url, width):
    small = {}
    with chromium(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        for path in ("engineering/staff-engineer/", "engineering/", "overview/"):
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            sizes = page.evaluate(TEXT_PX)
            if sizes and min(sizes) < 12:
                small[path] = round(min(sizes), 2)
    assert not small, small
