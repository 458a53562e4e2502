"""Pages people read at a glance (issue 23), read from a real build of the example site.

What a reader gets as text: no markup shown as words on any page, search text with labels
and values apart, onboarding pages in search, a role page that starts with its commitments.
"""

from __future__ import annotations

import json
import re

import pytest

from support.readers import html_pages
from support.sites import build, project, soup

pytestmark = pytest.mark.site

# What markup looks like once it has been escaped one time too many and is shown as text.
LITERAL_MARKUP = re.compile(r"</?(?:span|a|em|strong|code|p|li|ul|div|time|br)\b|&(?:[a-z]+|#\d+);")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("reading"))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    return site


def visible_text(path) -> str:
    article = soup(path).select_one("article") or soup(path).body
    return article.get_text(" ")


def test_no_page_shows_markup_as_text(example):
    pages = [p for p in html_pages(example) if p.parent.name != "search"]
    assert len(pages) > 40
    shown = {p.relative_to(example).as_posix(): LITERAL_MARKUP.findall(visible_text(p)) for p in pages}
    shown = {page: found for page, found in shown.items() if found}
    assert not shown, shown


def test_the_check_sees_double_escaping():
    """The pattern finds what issue 23 saw on screen: the check can fail."""
    from bs4 import BeautifulSoup

    seen = BeautifulSoup('<a href="#">Title &lt;span class="rolebook-muted"&gt;(Role)&lt;/span&gt; &amp;lt;</a>',
                         "html.parser").get_text(" ")
    assert LITERAL_MARKUP.findall(seen) == ["<span", "</span", "&lt;"]


def test_cross_role_links_name_the_role_in_plain_words(example):
    page = soup(example / "engineering/staff-engineer/index.html")
    links = [a for a in page.select("article .rolebook-fields a") if a.select_one(".rolebook-muted")]
    assert links, "a cross-role outcome link names its role"
    for link in links:
        assert link.select_one(".rolebook-muted").get_text().startswith("(")
        assert "<" not in link.get_text()


def search_docs(site) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


# Labels Rolebook writes before a value, as the search index would glue them: "Held byNadia".
LABELS = ["Held by", "Owner", "Due", "Status", "Team", "Reports to", "Kind", "Cadence", "Done when", "Where it lives"]
GLUED = re.compile(r"\b(" + "|".join(LABELS) + r")(?=[A-Z0-9])")


def test_search_text_keeps_labels_and_values_apart(example):
    docs = search_docs(example)
    glued = [(d["location"], m.group(0)) for d in docs for m in GLUED.finditer(re.sub(r"<[^>]+>", " ", d["text"]))]
    assert not glued, glued[:10]
    partner = next(d for d in docs if d["location"] == "people-operations/people-partner/")
    assert "Held by: Nadia Haddad" in partner["text"]
    # the check can fail: the example's text before the fix
    assert GLUED.search("TeamPeople Operations Statusactive Held byNadia Haddad")


def test_search_previews_carry_no_controls_or_drawing(example):
    docs = search_docs(example)
    texts = " ".join(d["text"] for d in docs if "/staff-engineer/" in d["location"])
    assert "Taking over this role? Start here" not in texts and "Clear ticks" not in texts and "↗" not in texts
    # the drawing (the SVG's labels in a row, its list, its key) is out: its section has no words left
    assert not [d for d in docs if d["location"] == "engineering/staff-engineer/#how-the-work-connects"]
    assert "Run API design reviews API v2 specification" not in texts


def test_onboarding_pages_are_in_search_below_their_role_page(example):
    docs = search_docs(example)
    onboarding = [d for d in docs if d["location"].startswith("engineering/staff-engineer/onboarding/")]
    assert onboarding and all(d.get("boost") == 0.5 for d in onboarding)
    # one entry, the page's own, holding the successor's checklist (mkdocs_plugin/search_index.py folds it in)
    assert [d["location"] for d in onboarding] == ["engineering/staff-engineer/onboarding/"]
    assert "First week" in onboarding[0]["text"] and onboarding[0]["title"].startswith("Taking over")


def test_role_page_opens_with_its_commitments_in_due_order(example):
    article = soup(example / "people-operations/people-partner/index.html").select_one("article")
    commitments = article.select_one("ol.rolebook-commitments")
    assert commitments is not None
    first_blocks = [el.get("class", [el.name])[0] if el.get("class") else el.name for el in article.find_all(recursive=False)]
    assert first_blocks.index("rolebook-commitments") < first_blocks.index("rolebook-facts")
    assert article.find("h2", class_="rolebook-commitments__heading").find_next("ol") is commitments
    assert article.find(id="purpose") is None or (
        str(article).index('id="commitments"') < str(article).index('id="purpose"'))
    dates = [t["datetime"] for t in commitments.select("time")]
    assert dates and dates == sorted(dates)
    line = commitments.li.get_text(" ", strip=True)
    assert "open" in line and "owner: Nadia Haddad" in line
    assert commitments.li.a["href"].startswith("#outcome-")


def test_outcomes_follow_due_dates_open_first(example):
    article = soup(example / "engineering/cto/index.html").select_one("article")
    items = article.select("ol.rolebook-commitments > li")
    assert len(items) >= 2
    states = [li["class"][1].removeprefix("rolebook-commitment--") for li in items]
    assert states == sorted(states, key=lambda s: s != "open")
    headings = [h["id"] for h in article.select("h3.rolebook-outcome")]
    assert headings == [li.a["href"][1:] for li in items]


def test_a_retired_role_says_so_first_and_offers_no_takeover(example):
    article = soup(example / "people-operations/learning-lead/index.html").select_one("article")
    text = str(article)
    assert "Retired role" in article.get_text()
    assert text.index("Retired role") < text.index('class="rolebook-facts"')
    assert not article.select(".rolebook-badge--vacant")
    assert "Taking over this role" not in article.get_text()
    assert "nobody: the role is retired" in article.select_one(".rolebook-facts").get_text()


def test_outcomes_you_inherit_are_in_due_order(example):
    article = soup(example / "people-operations/recruiter/onboarding/index.html").select_one("article")
    table = article.find(id="outcomes-you-inherit").find_next("table")
    ids = [a["href"].rsplit("#outcome-", 1)[1] for a in table.select("tbody a")]
    assert ids == ["time-to-offer", "feedback-in-24h", "frontend-hire"]  # by due: 31 Dec (a one-off, then the quarter's standing one), 2027-Q1


def test_a_large_handbook_overview_summarises(tmp_path):
    """130 generated roles: the overview lists ten outcomes due soon, the rest behind "All N";
    the organisation chart shows teams, top to bottom, each named with its count."""
    import sys

    from bs4 import BeautifulSoup

    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings
    from support.sites import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    generate(tmp_path / "handbooks", roles=130, teams=5)
    result = build_handbook(Settings(handbooks_dir=tmp_path / "handbooks", history=False, cache_dir=None,
                                     today="2027-01-10"), memory_cache={})  # every role's first outcome is due on 2027-01-15
    overview = BeautifulSoup(result.pages["overview/index.md"], "html.parser")
    more = overview.select_one("details#due-soon-all")
    assert more is not None
    shown = overview.find(id="due-soon-all").find_previous("table").select("tbody tr")
    hidden = more.select("tbody tr")
    assert len(shown) == 10 and hidden
    assert more.summary.get_text() == f"All {len(shown) + len(hidden)} outcomes due soon"
    chart = BeautifulSoup(result.diagram_html["overview/index.md"], "html.parser")
    names = [a["aria-label"] for a in chart.select("svg a[aria-label]")]
    assert "Team 00: 26 roles" in names


def test_a_large_team_page_is_grouped_by_manager_with_an_index(tmp_path):
    import sys

    from bs4 import BeautifulSoup

    from rolebook.build.pipeline import build_handbook
    from rolebook.build.settings import Settings
    from support.sites import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate

    generate(tmp_path / "handbooks", roles=140, teams=2)  # 70 roles a team: past the chart's limit
    result = build_handbook(Settings(handbooks_dir=tmp_path / "handbooks", history=False, cache_dir=None,
                                     today="2026-11-20"), memory_cache={})
    page = BeautifulSoup(result.pages["team-00/index.md"], "html.parser")
    assert "team-00/index.md" not in result.diagram_html  # no chart of 70 roles
    assert "70 roles are too many for one picture" in page.get_text()
    index = page.select("nav.rolebook-index a")
    groups = page.select("tr.rolebook-group th")
    assert len(index) == len(groups) > 10
    assert [a["href"][1:] for a in index] == [th["id"] for th in groups]
    roles_table = groups[0].find_parent("table")
    rows = roles_table.select("tbody tr:not(.rolebook-group)")
    assert len(rows) == 70  # every role once
    first = groups[1].find_parent("tbody").select("tr:not(.rolebook-group) a")[0]
    assert first["href"] == "role-001/"  # role-000's reports: role-001..role-003
    # 280 open outcomes: twenty in view, the rest behind "All 280 open outcomes"
    more = page.select_one("details#open-outcomes-all")
    assert more.summary.get_text() == "All 280 open outcomes"
    assert len(more.find_previous("table").select("tbody tr")) == 20 and len(more.select("tbody tr")) == 260
