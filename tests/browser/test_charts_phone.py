"""Team and organisation charts that fit a phone (issue 23), in Debian's Chromium, light and dark.

The example site and a generated 300-role site (benchmarks/generate.py: 20 teams of 15, so the org
chart is one box per team). At 320 and 375 px a chart is a linked list: the page never scrolls
sideways and every role of a team is a link on screen. At 768 and 1280 px the picture shows instead,
keyboard focus on each of its nodes is drawn and scrolled into view, and no text is below 12 px.
"""

from __future__ import annotations

import sys

import pytest

from rolebook.loading.loader import load_handbook
from support.browser import chromium, serve
from support.sites import REPO, SCALE_MKDOCS_YML, build, project

pytestmark = [pytest.mark.site, pytest.mark.browser, pytest.mark.xdist_group("charts-300")]  # one worker builds the sites once

sys.path.insert(0, str(REPO / "benchmarks"))



@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    from generate import generate

    example = tmp_path_factory.mktemp("charts-example")
    result, example_site = build(project(example))
    assert result.returncode == 0, result.stderr
    large = tmp_path_factory.mktemp("charts-300")
    generate(large / "handbooks", 300, 20)
    (large / "docs").mkdir()
    (large / "docs/index.md").write_text("# Scale\n", encoding="utf-8")
    (large / "mkdocs.yml").write_text(SCALE_MKDOCS_YML, encoding="utf-8")
    result, large_site = build(large / "mkdocs.yml", strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    handbooks = {"example": load_handbook(example / "handbooks"), "300 roles": load_handbook(large / "handbooks")}
    with serve(example_site) as a, serve(large_site) as b:
        yield {"example": (a, handbooks["example"]), "300 roles": (b, handbooks["300 roles"])}


ON_A_PHONE = """() => {
    const fig = document.querySelector('article figure.rolebook-figure');
    const width = document.documentElement.clientWidth;
    const stack = fig && fig.querySelector('.rolebook-diagram-stack');
    const picture = fig && fig.querySelector('.rolebook-diagram');
    const links = stack ? [...stack.querySelectorAll('a')].map(a => { const r = a.getBoundingClientRect();
        return {href: new URL(a.getAttribute('href'), location.href).pathname, left: r.left, right: r.right,
                shown: r.width > 0 && r.height > 0}; }) : [];
    return {width, page: document.documentElement.scrollWidth, figure: !!fig,
            stack: stack ? getComputedStyle(stack).display : null,
            picture: picture ? getComputedStyle(picture).display : null,
            links, off: links.filter(l => !l.shown || l.right > width + 1 || l.left < -1).map(l => l.href)};
}"""


def chart_pages(hb):
    """(path, the role pages its chart must link to): each team page with a chart, and the overview."""
    from rolebook.diagrams.dot import MAX_ROLES_IN_OVERVIEW, MAX_ROLES_IN_TEAM_CHART

    pages = [(f"{t}/", {f"/{e.team}/{e.id}/" for e in team.roles.values()})
             for t, team in sorted(hb.teams.items()) if len(team.roles) <= MAX_ROLES_IN_TEAM_CHART]
    live = [e for e in hb.roles() if e.role.status != "retired"]
    if len(live) <= MAX_ROLES_IN_OVERVIEW:
        pages.append(("overview/", {f"/{e.team}/{e.id}/" for e in live} | {f"/{t}/" for t in hb.teams}))
    else:  # one box per team: the list links each team's page (which lists its roles) and its lead
        pages.append(("overview/", {f"/{t}/" for t in hb.teams}))
    return pages


@pytest.mark.parametrize("which", ["example", "300 roles"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 375])
def test_team_and_org_charts_are_lists_on_a_phone_with_every_role_a_link(sites, which, width, scheme):
    url, hb = sites[which]
    problems = {}
    with chromium(viewport={"width": width, "height": 800}, color_scheme=scheme) as context:
        page = context.new_page()
        for path, wanted in chart_pages(hb):
            page.goto(url + path)
            page.wait_for_load_state("load")
            seen = page.evaluate(ON_A_PHONE)
            shown = {link["href"] for link in seen["links"] if link["shown"]}
            if (not seen["figure"] or seen["page"] > width or seen["stack"] != "block" or seen["picture"] != "none"
                    or seen["off"] or not wanted <= shown):
                problems[path] = {"page": seen["page"], "stack": seen["stack"], "picture": seen["picture"],
                                  "off": seen["off"][:3], "missing": sorted(wanted - shown)[:3]}
    assert len(chart_pages(hb)) > 2
    assert not problems, problems


FOCUSED = """a => {
    a.focus();
    const r = a.getBoundingClientRect(), box = a.closest('.rolebook-diagram').getBoundingClientRect();
    const shape = a.querySelector('path, polygon, ellipse');
    const stack = a.closest('figure').querySelector('.rolebook-diagram-stack');
    return {active: document.activeElement === a && a.matches(':focus-visible'),
            drawn: getComputedStyle(shape).strokeWidth,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= 0 && r.bottom <= innerHeight,
            stack: stack ? getComputedStyle(stack).display : null,
            label: a.getAttribute('aria-label')};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [768, 1280])
def test_on_wider_screens_the_picture_shows_and_keyboard_focus_is_drawn_and_in_view(sites, width, scheme):
    problems = []
    with chromium(viewport={"width": width, "height": 800}, color_scheme=scheme) as context:
        page = context.new_page()
        for which, paths in (("example", ["engineering/", "people-operations/", "overview/"]),
                             ("300 roles", ["team-00/", "overview/"])):
            url, _hb = sites[which]
            for path in paths:
                page.goto(url + path)
                page.wait_for_load_state("load")
                nodes = page.locator("article .rolebook-diagram svg a[*|href]")
                assert nodes.count() >= 3, (which, path)
                page.locator("article h1").click()
                page.keyboard.press("Tab")  # a keyboard reader from here on
                for i in range(nodes.count()):
                    seen = nodes.nth(i).evaluate(FOCUSED)
                    if not (seen["active"] and seen["inside"] and seen["drawn"] == "3px" and seen["stack"] == "none"):
                        problems.append((which, path, seen))
    assert not problems, problems[:5]


TEXT_PX = """() => { const svg = document.querySelector('article .rolebook-diagram svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return {scale, sizes: [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale),
            clusters: svg.querySelectorAll('g.cluster').length}; }"""


@pytest.mark.parametrize("which", ["example", "300 roles"])
def test_org_chart_text_is_at_least_12_px_where_it_is_shown(sites, which):
    url, hb = sites[which]
    with chromium(viewport={"width": 1280, "height": 800}) as context:
        page = context.new_page()
        page.goto(url + "overview/")
        page.wait_for_load_state("load")
        seen = page.evaluate(TEXT_PX)
    assert seen["sizes"] and min(seen["sizes"]) >= 12, (seen["scale"], min(seen["sizes"]))
    if which == "example":  # teams as clusters; past 120 roles one box per team instead
        assert seen["clusters"] == len(hb.teams)
