"""Readers on any screen: audited with tools nobody here wrote, on one build of the example site.

axe-core (WCAG 2.1 A/AA, light and dark), the Nu HTML Checker, a site-wide link and
anchor check, phone-width layout, diagram text size, keyboard use of a checklist and
print from the dark palette. Findings count only when their element is ours: inside
the article, not Material's header, navigation, search or footer.
"""

from __future__ import annotations

import re

import pytest

from support.browser import chromium, serve
from support.readers import (
    PAGE_KINDS,
    article_documents,
    axe_violations,
    broken_links,
    html_pages,
    nu_errors,
    page_kinds,
)
from support.sites import build, project

pytestmark = [pytest.mark.site, pytest.mark.browser]

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("readers"))
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


# -- links, anchors, characters ---------------------------------------------------

def test_every_internal_link_and_anchor_resolves(site):
    checked, broken = broken_links(site)
    assert not broken, "\n".join(broken[:20])
    assert checked > 2000  # the table of contents, navigation and every generated link were read


def test_onboarding_toc_links_to_plain_heading_ids(site):
    html = (site / "engineering/staff-engineer/onboarding/index.html").read_text(encoding="utf-8")
    assert 'id="checklist-onboarding"' in html and 'href="#checklist-onboarding"' in html
    assert 'id="checklist-first_week"' in html  # each period's group keeps its anchor


def test_link_checker_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h1 id="top">A</h1><a href="../b/">b</a><a href="#nowhere">x</a>'
                                           '<a href="#top">top</a><a href="https://example.com/">out</a>')
    checked, broken = broken_links(tmp_path)
    assert checked == 3 and len(broken) == 2, broken


def test_no_control_characters_in_any_page(site):
    bad = [p.relative_to(site).as_posix() for p in html_pages(site) if CONTROL.search(p.read_text(encoding="utf-8"))]
    assert not bad, bad


# -- the Nu HTML Checker -------------------------------------------------------------

def test_nu_html_checker_finds_no_error_in_our_markup(site):
    urls = sorted({p.parent.relative_to(site).as_posix() + "/" for p in html_pages(site) if p.name == "index.html"}
                  - {"./", "search/"}) + [""]
    assert len(urls) > 30
    docs = article_documents(site, urls)
    # a page we know is wrong, checked in the same run: the checker is really looking
    docs["known-bad/"] = docs[""].replace("<main>", '<main><p id="a,b"><time>2027-Q1</time></p>')
    errors = nu_errors(docs)
    ours = [e for e in errors if not e.startswith("known-bad/")]
    assert not ours, "\n".join(ours[:20])
    assert len([e for e in errors if e.startswith("known-bad/")]) >= 1


# -- axe-core ------------------------------------------------------------------------

def test_page_kinds_cover_what_the_plugin_generates(site):
    kinds = page_kinds(site)
    assert set(kinds) >= set(PAGE_KINDS) - {"health"}
    if (site / "health/index.html").exists():  # the health page, once the build makes one
        assert "health" in kinds


# Role pages that show what the sample role does not: a vacant role, a retired one.
VARIANTS = {"vacant role": "engineering/frontend-engineer/", "retired role": "people-operations/learning-lead/"}


@pytest.mark.parametrize("scheme, width", [("light", 1280), ("dark", 1280), ("dark", 375)])
def test_axe_finds_no_violation_in_our_markup(site, url, scheme, width):
    found = {}
    with chromium(color_scheme=scheme, viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        for kind, path in (page_kinds(site) | VARIANTS).items():
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            expected = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == expected
            violations = axe_violations(page)
            if violations:
                found[kind] = violations
        # axe is really looking: an unnamed image and an unlabelled box in the article are found
        page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('beforeend',
            '<img src="data:,"><input type="checkbox">')""")
        planted = axe_violations(page)
    assert not found, found
    assert {v.split(":")[0] for v in planted} >= {"image-alt", "label"}, planted


# -- phones, walls and print ----------------------------------------------------------------

@pytest.mark.parametrize("width", [320, 375])
def test_no_page_scrolls_sideways_on_a_phone(site, url, width):
    wide = {}
    with chromium(viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        for kind, path in page_kinds(site).items():
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide[kind] = scroll
    assert not wide, wide


# Each word of a link in a table on one line: a name is never broken mid-word.
WORDS_ON_ONE_LINE = """els => els.flatMap(a => {
    const text = a.firstChild, broken = [];
    if (!text || text.nodeType !== 3) return broken;
    const re = /\\S+/g; let m;
    while ((m = re.exec(text.data))) {
        const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map(c => Math.round(c.top)));
        if (tops.size > 1) broken.push(m[0]);
    }
    return broken;
})"""


def test_tables_look_like_materials_and_keep_words_whole_on_a_phone(url):
    with chromium(viewport={"width": 375, "height": 800}) as context:
        page = open_page(context, url + "engineering/")
        links = page.locator("table.rolebook-table a")
        assert links.count() > 5
        assert links.evaluate_all(WORDS_ON_ONE_LINE) == []
        # on a phone the many-column tables are cards (tests/browser/test_glance.py); a table that stays a table
        # keeps Material's look
        page.set_viewport_size({"width": 1280, "height": 800})
        cell = page.locator("table.rolebook-table td").first
        assert cell.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
        header = page.locator("table.rolebook-table th").first
        assert header.evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")


TEXT_SIZES = """svg => {
    const box = svg.viewBox.baseVal, scale = svg.getBoundingClientRect().width / box.width;
    return [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
}"""


@pytest.mark.parametrize("width", [375, 1280, 1920])
def test_diagram_text_is_readable_and_a_scrolling_diagram_says_so(site, url, width):
    with chromium(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        for kind in ("role", "team", "overview"):
            page.goto(url + PAGE_KINDS[kind])
            page.wait_for_load_state("networkidle")
            svg = page.locator(".rolebook-diagram svg").first
            if not svg.is_visible():  # a picture on a phone: the list takes its place (test_glance.py, test_charts_phone.py)
                assert width < 720 and page.locator(".rolebook-diagram-stack").first.is_visible()
                continue
            smallest = min(svg.evaluate(TEXT_SIZES))
            assert smallest >= 11, (kind, width, smallest)
            box = page.locator(".rolebook-diagram").first
            if box.evaluate("e => e.scrollWidth > e.clientWidth"):
                assert "gradient" in box.evaluate("e => getComputedStyle(e).backgroundImage")  # shadow at the edge
                assert box.get_attribute("tabindex") == "0"
            assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("path", [PAGE_KINDS["role"], PAGE_KINDS["onboarding"]])
def test_prints_as_a_light_handout_from_the_dark_palette(url, path):
    with chromium(color_scheme="dark") as context:
        page = open_page(context, url + path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        page.emulate_media(media="print", color_scheme="dark")
        style = page.evaluate("""() => { const b = getComputedStyle(document.body),
            box = document.querySelector('.rolebook-checklist input'), t = getComputedStyle(document.querySelector('article'));
            return [b.backgroundColor, t.color, getComputedStyle(box).colorScheme]; }""")
        assert style[0] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), style
        assert re.match(r"rgba?\(0, 0, 0", style[1]), style  # dark text
        assert style[2] == "light", style  # unticked boxes print as light boxes, not dark squares


# -- names and the keyboard --------------------------------------------------------------

def accessible_names(context, page, selector: str) -> list[tuple[str, str, str]]:
    """(role, name, visible text) of each element, as Chromium's accessibility tree has them."""
    cdp = context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = []
    for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"][0]
        text = cdp.send("Runtime.callFunctionOn", {
            "objectId": cdp.send("DOM.resolveNode", {"nodeId": node})["object"]["objectId"],
            "functionDeclaration": "function () { return this.textContent; }", "returnByValue": True})["result"]["value"]
        found.append((ax.get("role", {}).get("value"), ax.get("name", {}).get("value", ""), " ".join(text.split())))
    return found


@pytest.mark.parametrize("kind", ["role", "team", "overview"])
def test_diagram_links_are_named_by_their_visible_label(url, kind):
    with chromium() as context:
        page = open_page(context, url + PAGE_KINDS[kind])
        figure = page.locator("figure.rolebook-figure")
        assert figure.count() == 1 and figure.get_attribute("aria-label")
        links = accessible_names(context, page, "figure.rolebook-figure svg a[*|href]")
        assert len(links) > 3
        for role, name, shown in links:
            assert role == "link" and shown and words_in_order(shown, name), (role, name, shown)


def words_in_order(shown: str, name: str) -> bool:
    """Label in name (WCAG 2.5.3): the words shown, in order, in the accessible name (punctuation aside)."""
    def words(text):
        return re.findall(r"[^\s:,;…]+", text)
    rest = iter(words(name))
    return all(any(w == n or n.startswith(w) for n in rest) for w in words(shown))


def test_checklist_labels_are_the_item_text_and_jump_links_name_their_target(url):
    with chromium() as context:
        page = open_page(context, url + PAGE_KINDS["role"])
        boxes = page.locator(".rolebook-checklist input[type=checkbox]")
        names = [page.get_by_role("checkbox", name=label, exact=True).count() for label in
                 boxes.evaluate_all("els => els.map(e => e.closest('label').textContent.trim())")]
        assert names and all(n >= 1 for n in names)
        jumps = page.locator(".rolebook-checklist__ref").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
        assert jumps and "Go to Run API design reviews" in jumps
        assert not page.get_by_role("link", name="Go to the item").count()


def test_keyboard_ticks_a_checkbox_with_a_visible_focus_ring(url):
    with chromium() as context:
        page = open_page(context, url + "engineering/cto/")
        page.locator("#checklist-weekly a.headerlink").focus()
        page.keyboard.press("Tab")
        box = page.locator(".rolebook-checklist[data-rolebook-list=weekly] input[type=checkbox]").first
        assert box.evaluate("e => e === document.activeElement && e.matches(':focus-visible')")
        outline = box.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
        assert outline[0] != "none" and outline[1] >= 2, outline
        assert not box.is_checked()
        page.keyboard.press("Space")
        assert box.is_checked()
        page.reload()
        page.wait_for_load_state("networkidle")
        assert page.locator(".rolebook-checklist[data-rolebook-list=weekly] input[type=checkbox]").first.is_checked()


# Every control Rolebook adds, on a role page; each must show a focus ring when reached by keyboard.
CONTROLS = [".rolebook-checklist input[type=checkbox]", ".rolebook-checklist__ref", ".rolebook-clear",
            ".rolebook-actions a", ".rolebook-facts a", ".rolebook-fields a", ".rolebook-table a",
            ".rolebook-diagram[tabindex]", ".rolebook-diagram-text summary"]
FOCUS_RING = """e => { e.focus(); const s = getComputedStyle(e);
    return [e === document.activeElement, e.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_control_we_add_shows_a_focus_ring(url, scheme):
    with chromium(color_scheme=scheme, viewport={"width": 1280, "height": 900}) as context:
        page = open_page(context, url + PAGE_KINDS["role"])
        page.keyboard.press("Tab")  # the reader is using the keyboard
        missing = {}
        for selector in CONTROLS:
            control = page.locator(f"article {selector}").first
            assert control.count(), selector
            focused, visible, style, width = control.evaluate(FOCUS_RING)
            if not (focused and visible and style != "none" and width >= 2):
                missing[selector] = (focused, visible, style, width)
        # a diagram node: its outline is drawn thicker in the accent colour
        node = page.locator("article .rolebook-diagram svg a").first
        shape = node.locator("path, polygon, ellipse").first
        before = shape.evaluate("e => getComputedStyle(e).strokeWidth")
        node.evaluate("e => e.focus()")
        after = shape.evaluate("e => getComputedStyle(e).strokeWidth")
    assert not missing, missing
    assert before != after and after == "3px", (before, after)


def test_heading_ids_and_toc_entries_come_from_plain_text(tmp_path):
    """Titles full of Markdown-significant characters: ids, TOC links and TOC text stay plain."""
    from support.handbooks import CLEAN_ROLE
    from support.sites import soup

    tricky = "Ops: *on_call* & `code` [link](https://e.com) 50% {x} #1 | a~b^c"
    role = (CLEAN_ROLE.replace("title: API v2 live in production", f"title: {tricky!r}")
            .replace("title: Staff Engineer", "title: 'Lead_Engineer: EU & [US]'")
            .replace("due: 2026-06-30", "due: 2027-Q1")
            + "onboarding:\n  first_week: ['Meet *Dana*']\n  first_30_days: [Ship]\n")
    config = project(tmp_path, handbooks={"t/_team.yml": "title: T\nsummary: s\n", "t/r.yml": role})
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    checked, broken = broken_links(site)
    assert not broken, broken
    for path in ("t/r/index.html", "t/r/onboarding/index.html"):
        page = soup(site / path)
        text = str(page)
        assert not CONTROL.search(text) and "wzxhzdk" not in text, path
        toc = {a["href"][1:]: a.get_text(" ", strip=True) for a in page.select("nav.md-nav--secondary a[href^='#']")}
        assert toc, path
        for anchor, label in toc.items():
            heading = page.find(id=anchor)
            assert heading is not None and re.fullmatch(r"[A-Za-z][\w-]*", anchor), (path, anchor)
            assert " ".join(label.split()) == heading.get_text(" ", strip=True), (label, heading.get_text())
    role_page = soup(site / "t/r/index.html")
    assert role_page.find(id="outcome-api-live").get_text(" ", strip=True).startswith("Ops: on_call & code link 50% {x}")
    # a quarter is text (in words: "Q1 2027"), not a <time>; the whole markup is valid
    assert "Q1 2027" in role_page.select_one("article").get_text() and not role_page.select("time:-soup-contains('Q1')")
    errors = nu_errors(article_documents(site, ["t/r/", "t/r/onboarding/", "t/", "overview/"]))
    assert not errors, errors
    assert soup(site / "t/r/onboarding/index.html").find(id="checklist-first_30_days")
