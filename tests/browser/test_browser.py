"""What a reader sees, in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from support.browser import chromium, serve
from support.handbooks import CLEAN_ROLE
from support.sites import build, project

pytestmark = pytest.mark.browser

HOSTILE_TEXT = [
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "[click](javascript:window.__pwned='link')",
    "<a href=\"javascript:window.__pwned='a'\">a</a>",
    "x {: onclick=\"window.__pwned='attr'\" }",
    "{{ config.site_name }} {% if true %}jinja{% endif %}",
    "</svg><script>window.__pwned='svg'</script>",
    "\"]; x [URL=\"javascript:window.__pwned='dot'\"]",
]


def hostile_role() -> str:
    """A role whose every text field carries an attack, quoted as YAML text."""
    import json

    text = " ".join(HOSTILE_TEXT)
    q = json.dumps  # a JSON string is valid YAML
    return f"""\
title: {q('Evil <script>window.__pwned="title"</script> ' + HOSTILE_TEXT[1])}
summary: {q(text)}
purpose: {q(text + chr(10) + chr(10) + "<div onmouseover=x>block</div>")}
holders: [{{name: {q(HOSTILE_TEXT[1])}}}]
outcomes:
  - id: evil
    title: {q(HOSTILE_TEXT[0] + " " + HOSTILE_TEXT[6])}
    done_when: {q(text)}
    due: 2027-Q1
    owner: {q(HOSTILE_TEXT[1])}
    expectations: [{q(text)}]
    notes: {q(text)}
outputs:
  - id: out
    title: {q(HOSTILE_TEXT[7])}
    kind: document
    location: https://example.com/?q=%22%3E%3Cscript%3E
    contributes_to: [evil]
    notes: {q(text)}
activities:
  - id: act
    title: {q(HOSTILE_TEXT[4])}
    category: making
    produces: [out]
    notes: {q(text)}
decision_rights: [{q(text)}]
checklists:
  weekly: [{q(text)}]
onboarding:
  first_week: [{q(text)}]
ignore: [RB005]
"""


@pytest.fixture(scope="module")
def example_url(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("browser"))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield url


def test_role_page_reads_well(example_url):
    with chromium() as context:
        page = context.new_page()
        page.goto(example_url + "engineering/staff-engineer/")
        assert page.title().startswith("Staff Engineer, API Platform")
        assert page.locator("#outcome-api-v2-contract-tests").is_visible()
        page.get_by_role("link", name="Taking over this role? Start here").click()
        page.wait_for_url("**/engineering/staff-engineer/onboarding/")
        assert page.get_by_role("heading", name="Who to meet first").is_visible()


def test_palette_toggle_switches_scheme_and_colours(example_url):
    with chromium(color_scheme="light") as context:
        page = context.new_page()
        page.goto(example_url + "engineering/cto/")
        body = page.locator("body")
        assert body.get_attribute("data-md-color-scheme") == "default"
        light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.locator("label[for='__palette_1']").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert light_bg != dark_bg
        page.reload()  # the choice persists
        assert body.get_attribute("data-md-color-scheme") == "slate"


def test_search_finds_a_role_by_words_in_an_outcome(example_url):
    with chromium() as context:
        page = context.new_page()
        page.goto(example_url)
        page.locator(".md-search__input").first.click()
        page.keyboard.type("backward compatible", delay=20)  # Material reacts to key events, as a reader types
        result = page.locator(".md-search-result__item").first
        result.wait_for(timeout=15000)
        links = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
        assert any("engineering/staff-engineer/" in href for href in links), links


def test_no_request_leaves_the_site(example_url):
    seen = []
    with chromium() as context:
        context.on("request", lambda request: seen.append(request.url))
        page = context.new_page()
        for path in ["", "overview/", "engineering/", "engineering/staff-engineer/", "engineering/staff-engineer/onboarding/", "guide/writing-roles/"]:
            page.goto(example_url + path)
            page.wait_for_load_state("networkidle")
        page.locator(".md-search__input").first.click()
        page.keyboard.type("runbook", delay=20)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    outside = [u for u in seen if not u.startswith(example_url) and not u.startswith("data:") and not u.startswith("blob:")]
    assert seen and not outside, outside


def test_hostile_role_runs_nothing(tmp_path):
    late = hostile_role().replace("due: 2027-Q1", "due: 2026-Q1")  # overdue: on the health page by owner
    vacant = re.sub(r"^holders: .*$", "holders: []\nreviewed: 2026-01-05", hostile_role(), flags=re.M)  # vacant, review due
    config = project(tmp_path, handbooks={"evil/role.yml": hostile_role(), "evil/ok.yml": CLEAN_ROLE,
                                          "evil/late.yml": late, "evil/vacant.yml": vacant})
    result, site = build(config, strict=False)
    assert result.returncode == 0, result.stderr
    from support.sites import soup

    for path in ["evil/role/index.html", "evil/role/onboarding/index.html", "evil/index.html", "overview/index.html",
                 "health/index.html"]:
        page = soup(site / path)
        assert not [s for s in page.find_all("script") if "__pwned" in s.get_text()], path
        assert not page.select("[onerror], [onclick], [onmouseover], [onload]"), path
        assert not [a for a in page.find_all(href=True) if a["href"].strip().lower().startswith("javascript:")], path
        assert "<" not in page.title.get_text(), path  # the tab title cannot break out of <title>
    dialogs, errors = [], []
    with serve(site) as url, chromium() as context:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in ["evil/role/", "evil/role/onboarding/", "evil/", "overview/", "health/"]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__pwned") is None, path
            for link in page.locator("article a").all():
                href = (link.get_attribute("href") or "").lower().strip()
                assert not href.startswith("javascript:"), href
            # hovering and clicking every item title triggers nothing either
            for heading in page.locator("article h3").all():
                heading.hover()
            assert page.evaluate("window.__pwned") is None, path
        # the attack text is shown as text, visibly
        page.goto(url + "evil/role/")
        assert "<script>window.__pwned" in page.locator("article").inner_text()
        assert "{{ config.site_name }}" in page.locator("article").inner_text()
        page.goto(url + "health/")  # role text on the health page (overdue, review due, vacant) is text too
        health = page.locator("article").inner_text()
        assert health.count('Evil <script>window.__pwned="title"</script>') >= 3, health
    assert not dialogs and not errors, (dialogs, errors)


def test_palette_toggle_recolours_diagram_nodes(example_url):
    with chromium(color_scheme="light") as context:
        page = context.new_page()
        page.goto(example_url + "engineering/staff-engineer/")
        shape = page.locator(".rolebook-diagram g.rb-activity path, .rolebook-diagram g.rb-activity polygon").first
        text = page.locator(".rolebook-diagram g.node text").first
        before = (shape.evaluate("e => getComputedStyle(e).fill"), text.evaluate("e => getComputedStyle(e).fill"))
        page.locator("label[for='__palette_1']").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        after = (shape.evaluate("e => getComputedStyle(e).fill"), text.evaluate("e => getComputedStyle(e).fill"))
        assert before[0] != after[0] and before[1] != after[1], (before, after)
        # clicking a node goes to its item's anchor
        page.locator(".rolebook-diagram g.rb-output a").first.click()
        assert "#output-" in page.url


def test_diagram_scrolls_rather_than_shrinks_on_a_tablet_and_is_a_list_on_a_phone(example_url):
    """Where the picture shows (45em and wider) a wide chart scrolls in its box, keyboard included, and keeps
    its text readable; on a phone every diagram, a role's, a team's and the org chart, is its linked list."""
    with chromium(viewport={"width": 768, "height": 1024}) as context:
        page = context.new_page()
        page.goto(example_url + "engineering/")  # the team chart, the widest of the example's pictures
        box = page.locator(".rolebook-diagram").first
        assert box.is_visible()
        widths = box.evaluate("e => [e.clientWidth, e.scrollWidth, e.querySelector('svg').getBoundingClientRect().width]")
        if widths[1] > widths[0] + 1:
            assert box.get_attribute("tabindex") == "0"  # it scrolls, and a keyboard can scroll it
        else:
            assert box.get_attribute("tabindex") is None  # it fits: nothing to scroll, no extra tab stop
        natural = float(page.locator(".rolebook-diagram svg").first.evaluate("e => parseFloat(e.style.getPropertyValue('--rb-width'))"))
        assert widths[2] >= min(0.75 * natural, widths[0]) - 1  # fits, or shrunk at most to about 3/4: readable
    with chromium(viewport={"width": 390, "height": 800}) as context:
        page = context.new_page()
        for path in ("engineering/", "overview/", "engineering/staff-engineer/"):
            page.goto(example_url + path)
            assert not page.locator(".rolebook-diagram").first.is_visible(), path
            assert page.locator(".rolebook-diagram-stack").first.is_visible(), path
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
        assert page.locator(".rolebook-diagram-stack").first.is_visible()


def ticks(page) -> list[bool]:
    return page.locator(".rolebook-checklist input[type=checkbox]").evaluate_all("els => els.map(e => e.checked)")


def test_checklist_ticks_persist_do_not_leak_and_clear(example_url):
    with chromium() as context:
        page = context.new_page()
        page.goto(example_url + "engineering/cto/")
        boxes = page.locator("#checklist-weekly ~ .rolebook-checklist input[type=checkbox], "
                             ".rolebook-checklist[data-rolebook-list=weekly] input[type=checkbox]")
        assert boxes.first.is_enabled()
        boxes.nth(0).check()
        boxes.nth(2).check()
        page.reload()
        weekly = page.locator(".rolebook-checklist[data-rolebook-list=weekly] input[type=checkbox]")
        state = weekly.evaluate_all("els => els.map(e => e.checked)")
        assert state[0] and state[2] and not state[1]
        assert "rolebook-checked" in (weekly.nth(0).locator("xpath=ancestor::li").get_attribute("class") or "")
        # another role's lists start empty, though its weekly list has items too
        page.goto(example_url + "engineering/staff-engineer/")
        assert not any(ticks(page))
        # the same role's other lists are untouched
        page.goto(example_url + "engineering/cto/")
        monthly = page.locator(".rolebook-checklist[data-rolebook-list=monthly] input[type=checkbox]")
        assert not any(monthly.evaluate_all("els => els.map(e => e.checked)"))
        # clearing
        page.locator(".rolebook-checklist[data-rolebook-list=weekly] .rolebook-clear").click()
        assert not any(weekly.evaluate_all("els => els.map(e => e.checked)"))
        page.reload()
        assert not any(ticks(page))


def test_pages_read_well_without_javascript(example_url):
    with chromium(java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(example_url + "engineering/cto/")
        assert page.get_by_role("heading", name="Weekly plan").is_visible()
        items = page.locator(".rolebook-checklist li")
        assert items.count() > 5 and items.first.is_visible()
        assert "Run the weekly engineering leadership meeting" in items.first.inner_text()
        assert page.locator(".rolebook-clear").first.is_hidden()  # nothing offered that cannot work
        assert page.locator(".rolebook-diagram svg").first.is_visible()
        assert page.locator("table.rolebook-time").first.is_visible()


def test_onboarding_page_prints_as_a_handout(example_url, tmp_path):
    from pypdf import PdfReader

    with chromium() as context:
        page = context.new_page()
        page.goto(example_url + "engineering/staff-engineer/onboarding/")
        page.emulate_media(media="print")
        for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
            assert page.locator(selector).first.is_hidden(), selector
        pdf = tmp_path / "onboarding.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
    # NFKC: fonts with ligatures make "Staﬀ" of "Staff"; line breaks fall where the font's metrics put them.
    text = " ".join(unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in PdfReader(pdf).pages)).split())
    for words in ("Taking over: Staff Engineer", "Who to meet first", "What to read first", "Outcomes you inherit",
                  "What you may decide", "First week", "Read the API v2 specification"):
        assert words in text, words
    for nav_only in ("How to propose a change", "Search", "Table of contents", "Back to the role page"):
        assert nav_only not in text, nav_only


def test_health_page_is_a_click_away_from_the_overview(example_url):
    with chromium() as context:
        page = context.new_page()
        page.goto(example_url + "overview/")
        page.locator("article").get_by_role("link", name="handbook health", exact=True).click()
        page.wait_for_url("**/health/")
        assert page.get_by_role("heading", name="Roles due for review").is_visible()
        page.get_by_role("link", name="Frontend Engineer, Booking Widget").first.click()  # a vacant role
        page.wait_for_url("**/engineering/frontend-engineer/")
