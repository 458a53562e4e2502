"""Person pages, the people index, cover and `roles.json` people in a real MkDocs + Material build."""

from __future__ import annotations

import json

import pytest

from support.handbooks import CLEAN_ROLE
from support.sites import assert_link_resolves, build, internal_links, project, soup

PEOPLE = """\
people:
  - id: dana-lee
    name: Dana Lee
    github: danalee
    gitlab: dana.lee
    email: dana@example.com
    time_zone: Europe/Berlin
  - id: sam-roe
    name: "Sam <b>Roe</b>"
"""
ROLE_A = (CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - person: dana-lee\n    share: 60\n")
          + "cover:\n  - person: sam-roe\n  - role: b\n")
ROLE_B = (CLEAN_ROLE.replace("title: Staff Engineer", "title: SRE Lead")
          .replace("  - name: Dana Lee\n", "  - name: Dana Lee\n    share: 30\n")
          .replace("    due: 2026-06-30\n", "    due: 2026-03-31\n")
          + "onboarding:\n  contacts:\n    - person: sam-roe\n      why: Ran it last year.\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("people"),
                     handbooks={"_people.yml": PEOPLE, "team/a.yml": ROLE_A, "team/b.yml": ROLE_B})
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    return site


def test_a_person_page_lists_roles_with_shares_outcomes_by_due_date_cover_and_handles(site):
    page = soup(site / "people/dana-lee/index.html")
    main = page.select_one("article")
    assert main.h1.get_text(strip=True) == "Dana Lee"
    links = {a.get_text(strip=True): a["href"] for a in main.select("dl.rolebook-facts a")}
    assert links == {"danalee": "https://github.com/danalee", "dana.lee": "https://gitlab.com/dana.lee"}
    assert "dana@example.com" not in page.get_text()  # e-mail only when the site allows it
    tables = main.select("table.rolebook-table")
    held = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in tables[0].select("tbody tr")]
    assert [row[0] for row in held] == ["Staff Engineer", "SRE Lead"] and [row[2] for row in held] == ["60%", "30%"]
    assert "90%" in main.get_text()
    owned = [tr.select("td")[2].find("time")["datetime"] for tr in tables[1].select("tbody tr")]
    assert owned == sorted(owned) and len(owned) == 2  # by due date: b's 2026-03-31 first
    assert [a.get_text(strip=True) for a in main.select("ul.rolebook-cover a")] == ["Staff Engineer"]  # covers a via role b
    for _href, url in internal_links(site, site / "people/dana-lee/index.html"):
        assert_link_resolves(site, url, "people/dana-lee/")


def test_names_are_escaped_and_the_index_links_everyone(site):
    page = soup(site / "people/index.html")
    people = {a.get_text(): a["href"] for a in page.select("article table tr td:first-child a")}
    assert people == {"Dana Lee": "dana-lee/", "Sam <b>Roe</b>": "sam-roe/"}
    assert page.select_one("article b") is None


def test_the_role_page_and_onboarding_page_show_cover(site):
    role = soup(site / "team/a/index.html")
    facts = {dt.get_text(strip=True).rstrip(":"): dd for dt, dd in zip(role.select("dl.rolebook-facts dt"), role.select("dl.rolebook-facts dd"))}
    assert [a.get_text() for a in facts["Covered by"].select("a")] == ["Sam <b>Roe</b>", "SRE Lead"]
    assert facts["Held by"].a["href"].endswith("people/dana-lee/")
    onboarding = soup(site / "team/a/onboarding/index.html")
    assert [li.get_text() for li in onboarding.select("ul.rolebook-cover li")] == ["Sam <b>Roe</b>", "SRE Lead"]
    contacts = soup(site / "team/b/onboarding/index.html").select("ul.rolebook-contacts li")
    assert contacts[0].get_text().startswith("Sam <b>Roe</b>: Ran it last year.")
    assert "Nobody is named to cover" in soup(site / "team/b/onboarding/index.html").get_text()


def test_roles_json_has_people_without_emails(site):
    data = json.loads((site / "roles.json").read_text())
    people = {p["id"]: p for p in data["people"]}
    assert set(people) == {"dana-lee", "sam-roe"}
    assert "email" not in people["dana-lee"]
    assert people["dana-lee"]["roles"] == [{"ref": "team/a", "share": 60, "since": None},
                                           {"ref": "team/b", "share": 30, "since": None}]
    assert people["dana-lee"]["url"] == "people/dana-lee/"
    holders = {r["ref"]: r["holders"] for r in data["roles"]}
    assert holders["team/b"][0]["person"] == "dana-lee"  # a holder by name carries the person's id
    assert (site / "people.schema.json").is_file()


def test_emails_when_the_site_allows_and_a_folder_option(tmp_path):
    config = project(tmp_path, handbooks={"_people.yml": PEOPLE, "team/a.yml": ROLE_A, "team/b.yml": ROLE_B},
                     plugin_options="      show_emails: true\n      people_folder: crew\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    page = soup(site / "crew/dana-lee/index.html")
    assert page.select_one('a[href="mailto:dana@example.com"]') is not None
    assert json.loads((site / "roles.json").read_text())["people"][0]["email"] == "dana@example.com"


def test_a_team_in_the_people_folder_is_a_finding_naming_the_option(tmp_path):
    config = project(tmp_path, handbooks={"_people.yml": PEOPLE, "people/a.yml": ROLE_A.replace("role: b", "role: a")})
    result, _ = build(config, strict=False)
    assert result.returncode != 0
    assert "RB003" in result.stderr and "people_folder" in result.stderr


def _handbook_nav(page) -> list[tuple[str, str]]:
    """(label, href) of the handbook section's entries in the primary navigation, in order."""
    overview = page.select_one('nav.md-nav--primary a[href$="overview/"]')
    section = overview.find_parent("li", class_="md-nav__item--section")
    entries = section.find("nav").find("ul").find_all("li", recursive=False)
    return [(li.find(["a", "label"]).get_text(" ", strip=True), li.find("a")["href"]) for li in entries]


def test_the_people_index_is_in_the_navigation_after_the_teams_and_the_person_pages_are_not(site):
    assert _handbook_nav(soup(site / "team/a/index.html")) == [
        ("Team", "../"), ("People", "../../people/"), ("Changes", "../../changes/"), ("Handbook health", "../../health/")]
    nav = soup(site / "people/dana-lee/index.html").select_one("nav.md-nav--primary")
    assert not nav.select('a[href*="dana-lee"], a[href*="sam-roe"]')  # linked from the index, not the nav
    assert ("People", "./") in _handbook_nav(soup(site / "people/index.html"))


def test_without_a_people_file_the_navigation_has_no_people_index(tmp_path):
    result, site = build(project(tmp_path, handbooks={"team/a.yml": CLEAN_ROLE}))
    assert result.returncode == 0, result.stderr
    assert [label for label, _ in _handbook_nav(soup(site / "team/a/index.html"))] == ["Team", "Changes",
                                                                                       "Handbook health"]
    assert not (site / "people").exists()
