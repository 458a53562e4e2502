"""Integration: build the example site with real MkDocs, Material and Graphviz, then read the HTML."""

from __future__ import annotations

import json

import pytest

from rolebook.loading.loader import load_handbook
from support.sites import REPO, assert_link_resolves, build, internal_links, page_file, project, run_tool, soup

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("example"))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    return site


def test_every_role_team_and_handbook_page_exists(example):
    hb = load_handbook(REPO / "handbooks")
    for entry in hb.roles():
        assert (example / entry.team / entry.id / "index.html").exists()
        assert (example / entry.team / entry.id / "onboarding" / "index.html").exists()
    for team in hb.teams:
        assert (example / team / "index.html").exists()
    assert (example / "overview" / "index.html").exists()
    assert (example / "changes" / "index.html").exists()


def test_role_page_anchors_and_content(example):
    page = soup(example / "engineering/staff-engineer/index.html")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Staff Engineer, API Platform"
    for prefix, ids in {
        "outcome": ["api-v2-contract-tests", "rate-limit-design"],
        "output": ["api-v2-spec", "contract-suite", "rate-limit-rfc"],
        "activity": ["design-reviews", "building", "rfc-writing", "mentoring"],
    }.items():
        for item in ids:
            assert article.find(id=f"{prefix}-{item}") is not None, f"{prefix}-{item}"
    text = article.get_text(" ", strip=True)
    assert "Dana Lee" in text and "Approves breaking changes to public APIs." in text
    expectations = article.select_one(".rolebook-expectations")
    assert "not committed" in expectations.get_text() and "No partner-reported regressions" in expectations.get_text()
    # reports-to and direct reports are links
    facts = article.select_one(".rolebook-facts")
    assert facts.find("a", string="Engineering Manager, API Platform")["href"] == "../engineering-manager/"
    manager = soup(example / "engineering/engineering-manager/index.html").select_one(".rolebook-facts")
    assert {a.get_text() for a in manager.find_all("a")} >= {"Staff Engineer, API Platform", "Backend Engineer, API Platform"}


def test_vacant_and_retired_roles_say_so(example):
    vacant = soup(example / "engineering/frontend-engineer/index.html").select_one(".rolebook-facts")
    assert "vacant" in vacant.get_text()
    retired = soup(example / "people-operations/learning-lead/index.html").select_one("article")
    assert "Retired role" in retired.get_text()


def test_every_internal_link_on_generated_pages_resolves(example):
    pages = [p for p in example.rglob("index.html") if p.parent.name not in ("search",)]
    checked = 0
    for page in pages:
        for href, url in internal_links(example, page):
            assert_link_resolves(example, url, f"{page.relative_to(example)} ({href})")
            checked += 1
    assert checked > 400


def test_edit_link_opens_the_yaml_file(example):
    page = soup(example / "engineering/staff-engineer/index.html")
    edit = page.select_one("a.md-content__button[href*='edit']")
    assert edit["href"] == "https://git.larkspur.example/larkspur/handbook/edit/main/handbooks/engineering/staff-engineer.yml"
    onboarding = soup(example / "engineering/staff-engineer/onboarding/index.html")
    assert onboarding.select_one("a.md-content__button[href*='edit']")["href"].endswith("handbooks/engineering/staff-engineer.yml")
    team = soup(example / "engineering/index.html")
    assert team.select_one("a.md-content__button[href*='edit']")["href"].endswith("handbooks/engineering/_team.yml")
    guide = soup(example / "guide/writing-roles/index.html")
    assert guide.select_one("a.md-content__button[href*='edit']")["href"].endswith("edit/main/docs/guide/writing-roles.md")


def test_navigation_groups_roles_by_team_in_team_order(example):
    page = soup(example / "engineering/cto/index.html")
    nav = page.select_one("nav.md-nav--primary")
    labels = [el.get_text(" ", strip=True) for el in nav.select(".md-nav__item--section > label, .md-nav__item--section > a, .md-nav__item--nested > label")]
    text = nav.get_text(" ", strip=True)
    assert text.index("Engineering") < text.index("Product") < text.index("People Operations") < text.index("Changes")
    assert "Chief Technology Officer" in text
    assert "Taking over" not in text  # onboarding pages stay out of the nav
    assert labels  # sections are rendered as sections


def test_navigation_is_pruned_on_role_pages(example):
    """navigation.prune: a role page carries its own team's roles, not every role."""
    page = soup(example / "engineering/cto/index.html").select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Head of Product" not in page and "Technical Recruiter" not in page


def test_roles_json_is_the_export_plus_urls(example):
    data = json.loads((example / "roles.json").read_text())
    exported = json.loads(run_tool("rolebook", "export", REPO / "handbooks", cwd=REPO).stdout)
    assert data == exported
    for team in data["teams"]:
        assert page_file(example, team["url"]).exists()
    for role in data["roles"]:
        assert page_file(example, role["url"]).exists()
        assert page_file(example, role["onboarding_url"]).exists()


def test_overview_lists_due_soon_and_vacant_roles(example):
    article = soup(example / "overview/index.html").select_one("article")
    text = article.get_text(" ", strip=True)
    # built on 2026-11-20: due by 2027-01-04; the 2026-12-04 dashboard is in, the 2027-Q2 audit is not
    assert "API usage dashboard live with documented metric definitions" in text
    assert "Booking widget passes a WCAG 2.2 AA audit" not in text.split("Vacant roles")[0].split("Due soon")[1]
    assert "Frontend Engineer, Booking Widget" in text.split("Vacant roles")[1]
    team_rows = [row.get_text(" ", strip=True) for row in article.select("table")[0].select("tbody tr")]
    assert [row.split(" ")[0] for row in team_rows] == ["Engineering", "Product", "People"]


def test_team_page_lists_roles_and_open_outcomes_by_due_date(example):
    article = soup(example / "engineering/index.html").select_one("article")
    tables = article.select("table.rolebook-table")
    roles = [row.select_one("td").get_text(strip=True) for row in tables[0].select("tbody tr")]
    assert "Chief Technology Officer" in roles and len(roles) == 6
    cells = [row.select_one("td") for row in tables[1].select("tbody tr")]
    # a date as its <time datetime> (a standing outcome's cell says its rhythm first), a quarter in words ("Q1 2027")
    ends = {"Q1": "03-31", "Q2": "06-30", "Q3": "09-30", "Q4": "12-31"}

    def due(cell):
        if cell.find("time"):
            return cell.find("time")["datetime"]
        quarter, year = cell.get_text(" ", strip=True).split(" ")[:2]
        return f"{year}-{ends[quarter]}"

    dues = [due(c) for c in cells]
    assert [c for c in cells if c.get_text(" ", strip=True).startswith("every month, next by ")]
    assert dues == sorted(dues) and len(dues) == len(cells)
    assert "Led by" in article.get_text() and article.find("a", string="Chief Technology Officer")


def test_onboarding_page(example):
    article = soup(example / "engineering/staff-engineer/onboarding/index.html").select_one("article")
    text = article.get_text(" ", strip=True)
    assert "Who to meet first" in text and "Product Manager, API" in text and "Your manager" in text
    assert "What to read first" in text and "https://git.larkspur.example/api/spec" in text
    assert "Outcomes you inherit" in text and "What you may decide" in text
    assert "Approves breaking changes to public APIs." in text


def test_relative_output_location_links_into_the_site(example):
    article = soup(example / "people-operations/people-partner/index.html").select_one("article")
    link = article.find("a", string="guide/writing-roles.md")
    assert link["href"] == "../../guide/writing-roles/"


def test_no_external_resources_in_pages(example):
    for page in [example / "index.html", example / "engineering/cto/index.html"]:
        html = page.read_text()
        for tag in soup(page).select("link[href], script[src], img[src]"):
            url = tag.get("href") or tag.get("src")
            assert not url.startswith(("http:", "https:", "//")), f"{page}: external resource {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_errors_abort_the_build_with_file_and_line(tmp_path):
    from support.handbooks import CLEAN_ROLE

    config = project(tmp_path, handbooks={"team/r.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team")})
    result, _ = build(config, strict=False)
    assert result.returncode != 0
    assert "handbooks/team/r.yml:10:5: RB104" in result.stderr
    assert "1 error in the handbook" in result.stderr


def test_warnings_fail_only_strict_builds(tmp_path):
    from support.handbooks import CLEAN_ROLE

    config = project(tmp_path, handbooks={"team/r.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")})
    relaxed, site = build(config, strict=False)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "r.yml:6:5: RB106" in relaxed.stderr and (site / "team/r/index.html").exists()
    strict, _ = build(config, strict=True)
    assert strict.returncode != 0


def test_unreadable_role_fails_the_build(tmp_path):
    from support.handbooks import CLEAN_ROLE

    config = project(tmp_path, handbooks={"team/r.yml": CLEAN_ROLE, "team/broken.yml": "title: [\n"})
    result, _ = build(config, strict=False)
    assert result.returncode != 0
    assert "broken.yml:2:1: RB001" in result.stderr and "could not be read" in result.stderr


def test_site_severity_overrides(tmp_path):
    from support.handbooks import CLEAN_ROLE

    config = project(tmp_path, handbooks={"team/r.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")},
                     plugin_options="      rules:\n        RB106: off\n")
    config.write_text(config.read_text().replace("      rules: {}\n", ""))
    result, _ = build(config)
    assert result.returncode == 0, result.stderr
    bad = project(tmp_path / "bad", handbooks={"team/r.yml": CLEAN_ROLE}, plugin_options="      rules:\n        RB999: off\n")
    bad.write_text(bad.read_text().replace("      rules: {}\n", ""))
    result, _ = build(bad)
    assert result.returncode != 0 and "RB999" in result.stderr


def test_template_override(tmp_path):
    config = project(tmp_path, plugin_options="      templates_dir: overrides\n")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "team.md.j2").write_text("# Team {{ team.title }}\n\nOverridden for {{ team.id }}.\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert "Overridden for engineering." in (site / "engineering/index.html").read_text()
    assert "How the work connects" in (site / "engineering/cto/index.html").read_text()  # others untouched


def test_plain_file_urls(tmp_path):
    config = project(tmp_path, extra_config="use_directory_urls: false\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    page = site / "engineering/staff-engineer/index.html"
    assert page.exists() and (site / "engineering/staff-engineer/onboarding.html").exists()
    for href, url in internal_links(site, page):
        assert_link_resolves(site, url, href)
    roles = json.loads((site / "roles.json").read_text())
    assert roles["roles"][0]["onboarding_url"].endswith("/onboarding.html")


def test_generated_page_colliding_with_a_docs_page_is_an_error(tmp_path):
    config = project(tmp_path)
    (tmp_path / "docs" / "overview").mkdir()
    (tmp_path / "docs" / "overview" / "index.md").write_text("# Mine\n")
    result, _ = build(config)
    assert result.returncode != 0 and "collides with overview/index.md" in result.stderr


@pytest.mark.parametrize("name", ["roles.json", "role.schema.json", "team.schema.json",
                                  "assets/rolebook/rolebook.css"])
def test_a_docs_file_named_like_a_published_one_is_an_error_naming_both(name, tmp_path):
    """Issue 25: `docs/role.schema.json` silently replaced the published schema, `docs/roles.json` logged a stack."""
    config = project(tmp_path)
    (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / name).write_text("{}\n")
    result, _ = build(config, strict=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{name} collides with {name} in {tmp_path / 'docs'}" in result.stderr
    assert "rename or remove the site's file" in result.stderr


def test_properdocs_builds_the_same_site(tmp_path):
    config = project(tmp_path)
    result, site = build(config, tool="properdocs")
    assert result.returncode == 0, result.stderr
    assert (site / "engineering/staff-engineer/index.html").exists()
    assert soup(site / "engineering/staff-engineer/index.html").find(id="outcome-api-v2-contract-tests")
    assert (site / "roles.json").exists()


def test_render_output_builds_with_plain_mkdocs(tmp_path):
    out = tmp_path / "docs"
    result = run_tool("rolebook", "render", REPO / "handbooks", "-o", out, "--today", "2026-11-20", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (out / "engineering/staff-engineer/index.md").exists() and (out / "roles.json").exists()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  font: false\nmarkdown_extensions: [attr_list]\n"
        "extra_css: [assets/rolebook/rolebook.css]\nextra_javascript: [assets/rolebook/rolebook.js]\n"
    )
    built, site = build(tmp_path / "mkdocs.yml", strict=False)
    assert built.returncode == 0, built.stderr
    assert soup(site / "engineering/staff-engineer/index.html").find(id="outcome-api-v2-contract-tests")


def test_every_page_has_its_diagram_and_every_node_link_lands(example):
    hb = load_handbook(REPO / "handbooks")
    pages = [example / "overview/index.html"] + [example / t / "index.html" for t in hb.teams]
    pages += [example / e.team / e.id / "index.html" for e in hb.roles()]
    from urllib.parse import urljoin

    for page in pages:
        diagram = soup(page).select_one("article .rolebook-diagram svg")
        assert diagram is not None, page
        links = diagram.find_all("a")
        assert links, page
        base = "http://site/" + page.relative_to(example).as_posix()
        for a in links:
            href = a.get("xlink:href")
            if href is None:
                continue  # edges carry tooltips only
            assert_link_resolves(example, urljoin(base, href)[len("http://site/"):], f"{page}: {href}")


def test_unchanged_rebuild_reuses_the_core_build_and_any_change_invalidates_it(tmp_path):
    config = project(tmp_path)
    first, site = build(config)
    assert first.returncode == 0, first.stderr
    caches = list((tmp_path / ".cache/rolebook").glob("build.json"))
    assert len(caches) == 1
    before = (site / "engineering/cto/index.html").read_text()
    again = run_tool("mkdocs", "build", "--strict", "-v", "-f", config, "-d", site, cwd=tmp_path)
    assert again.returncode == 0 and list((tmp_path / ".cache/rolebook").glob("build.json")) == caches
    assert "nothing changed since the last build" in again.stderr
    assert (site / "engineering/cto/index.html").read_text() == before
    role = tmp_path / "handbooks/engineering/cto.yml"
    role.write_text(role.read_text().replace("title: Chief Technology Officer", "title: Chief Technical Officer"))
    changed, _ = build(config)
    assert changed.returncode == 0
    assert "Chief Technical Officer" in (site / "engineering/cto/index.html").read_text()
    # findings are reported from a cached build too
    role.write_text(role.read_text().replace("    due: 2026-12-15\n", "", 1))
    for _ in range(2):
        warned, _ = build(config)
        assert warned.returncode != 0 and "RB106" in warned.stderr
