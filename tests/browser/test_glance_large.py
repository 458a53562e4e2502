"""The glance checks of test_glance.py on generated 300- and 1,000-role sites (issue 23), in Debian's Chromium.

benchmarks/generate.py makes the handbooks (20 teams: 15 and 50 roles a team); each site is built
once and served on localhost. A sample of pages covers every page kind the generated handbook has
(overview, the largest team, health, changes, three role pages incl. the one with the most outcomes,
an onboarding page; no person pages: the generator writes no `_people.yml`), read at 320, 375, 768
and 1280 px, light and dark. One browser for the module, one context per screen.
"""

from __future__ import annotations

import contextlib
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rolebook.loading.loader import load_handbook
from support.browser import CHROMIUM, CHROMIUM_ARGS, serve
from support.glance import CONTRAST, FIRST_DUE, FOCUS_IN_VIEW, OUTCOMES_SEEN, TEXT_PX
from support.sites import REPO, SCALE_MKDOCS_YML, build

pytestmark = [pytest.mark.site, pytest.mark.browser, pytest.mark.xdist_group("large-sites")]  # one worker builds them once

sys.path.insert(0, str(REPO / "benchmarks"))

SIZES = [300, 1000]
TEAMS = 20
SCREENS = {320: 568, 375: 667, 768: 1024, 1280: 800}
MAX_OVERVIEW_SCREENS = 6
MAX_SEARCH_INDEX = 2_000_000  # bytes, search/search_index.json at 1,000 roles
NODES_SAMPLED = 8  # diagram nodes focused a page


# Literal markup a reader must never see: an escaped tag, or an entity escaped twice.
LITERAL = ["<span", "&lt;", "&amp;"]

PAGE = """() => ({text: document.body.innerText, page: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight})"""


def ref(entry) -> str:
    return f"{entry.team}/{entry.id}/"


def sample(hb) -> dict[str, str]:
    """path -> page kind: every kind the handbook has, the heaviest of each."""
    live = [e for e in hb.roles() if e.role.outcomes and e.role.status != "retired"]
    most = max(live, key=lambda e: len(e.role.outcomes))
    largest = max(sorted(hb.teams), key=lambda t: len(hb.teams[t].roles))
    others = [ref(e) for e in (live[0], live[len(live) // 2], live[-1]) if e is not most][:2]
    pages = {"overview/": "overview", f"{largest}/": "team", "health/": "health", "changes/": "changes",
             f"{ref(most)}onboarding/": "onboarding", ref(most): "role"}
    pages.update({path: "role" for path in others})
    if hb.has_person_pages:
        person = sorted(hb.people)[0]
        pages[f"{hb.people_folder}/{person}/"] = "person"
    return pages


def make(root: Path, roles: int):
    from generate import generate

    generate(root / "handbooks", roles, TEAMS)
    (root / "docs").mkdir()
    (root / "docs/index.md").write_text("# Scale\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(SCALE_MKDOCS_YML, encoding="utf-8")
    result, site = build(root / "mkdocs.yml", strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return site, load_handbook(root / "handbooks")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Both sites built at once (two MkDocs processes: 1,000 roles take ~1 min 45 s here, 300 far less)."""
    roots = {roles: tmp_path_factory.mktemp(f"glance-{roles}") for roles in SIZES}
    with ThreadPoolExecutor(len(SIZES)) as pool:
        built = dict(zip(SIZES, pool.map(make, roots.values(), SIZES)))
    with contextlib.ExitStack() as stack:
        yield {roles: (stack.enter_context(serve(site)), site, hb, sample(hb)) for roles, (site, hb) in built.items()}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("load")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", list(SCREENS))
@pytest.mark.parametrize("roles", SIZES)
def test_sample_pages_read_at_a_glance(sites, browser, roles, width, scheme):
    """Every page: no sideways scroll, no literal markup; role pages: the first due date on the first
    screen, and on a phone every outcome of the diagram on screen; at 1280 px no diagram text below 12 px."""
    url, _site, hb, pages = sites[roles]
    height = SCREENS[width]
    roles_by_path = {ref(e): e for e in hb.roles()}
    problems = []
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    try:
        page = context.new_page()
        for path, kind in pages.items():
            visit(page, url + path)
            seen = page.evaluate(PAGE)
            if seen["page"] > seen["width"]:
                problems.append((path, "scrolls sideways", seen["page"]))
            literal = [m for m in LITERAL if m in seen["text"]]
            if literal:
                at = seen["text"].find(literal[0])
                problems.append((path, "literal markup", seen["text"][max(0, at - 40):at + 40]))
            if kind == "role":
                box = page.evaluate(FIRST_DUE)
                if box is None or max(box["due"], box["status"]) > box["height"] or box["right"] > box["width"]:
                    problems.append((path, "first due date off the first screen", box))
                if width in (320, 375):
                    entry = roles_by_path[path]
                    outcomes = page.evaluate(OUTCOMES_SEEN)
                    own = {f"#outcome-{o.id}" for o in entry.role.outcomes}
                    shown = {a["href"] for a in outcomes["outcomes"]} if outcomes else set()
                    if outcomes is None or not own <= shown or outcomes["hidden"] or outcomes["page"] > width:
                        problems.append((path, "outcomes off screen", sorted(own - shown),
                                         outcomes and outcomes["hidden"][:3]))
            if width == 1280:
                sizes = page.evaluate(TEXT_PX)
                if sizes and min(sizes) < 12:
                    problems.append((path, "diagram text below 12 px", round(min(sizes), 2)))
            if kind == "overview" and width == 1280:
                screens = seen["height"] / height
                print(f"\n{roles} roles, {scheme}: overview {seen['height']} px at 1280 ({screens:.1f} screens)")
                if screens > MAX_OVERVIEW_SCREENS:
                    problems.append((path, "overview too tall", seen["height"]))
    finally:
        context.close()
    assert not problems, problems[:10]


@pytest.mark.parametrize("roles", SIZES)
def test_keyboard_focus_on_diagram_nodes_is_in_view_and_outlines_contrast(sites, browser, roles):
    """At 1280 px: a sample of each diagram's nodes, focused by keyboard, is focus-visible and inside
    its box and the screen; every outline measured from the rendered SVG has ≥ 3:1 in both palettes."""
    url, _site, _hb, pages = sites[roles]
    diagrams = [p for p, kind in pages.items() if kind in ("overview", "team", "role")]
    problems, measured = [], 0
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
        try:
            page = context.new_page()
            for path in diagrams:
                visit(page, url + path)
                for shape in page.evaluate(CONTRAST):
                    measured += 1
                    if shape["worst"] < 3:
                        problems.append((scheme, path, "outline contrast", shape))
                if scheme == "dark":
                    continue
                nodes = page.locator("article .rolebook-diagram svg a[*|href]")
                count = nodes.count()
                if count < 3:
                    problems.append((path, "diagram nodes", count))
                    continue
                page.locator("article h1").click()
                page.keyboard.press("Tab")  # a keyboard reader from here on
                step = max(1, count // NODES_SAMPLED)
                for i in sorted({*range(0, count, step), count - 1}):
                    seen = nodes.nth(i).evaluate(FOCUS_IN_VIEW)
                    visible = nodes.nth(i).evaluate("a => a.matches(':focus-visible')")
                    if not (seen["active"] and seen["inside"] and visible):
                        problems.append((path, "focus", seen, visible))
        finally:
            context.close()
    assert measured > 30
    assert not problems, problems[:10]


def test_search_index_stays_small_at_1000_roles(sites):
    _url, site, _hb, _pages = sites[1000]
    size = (site / "search/search_index.json").stat().st_size
    print(f"\nsearch index at 1,000 roles: {size / 1e6:.2f} MB")
    assert size < MAX_SEARCH_INDEX, size
