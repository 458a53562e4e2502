"""The feeds on a real site: `outcomes.ics` at the root, per team and per person, subscribe links on team and
person pages, a `titles` site and an `off` site (MkDocs + Material + dot)."""

from __future__ import annotations

import icalendar
import pytest

from support.sites import build, project, soup

pytestmark = pytest.mark.site


def site_with(root, options: str, extra: str = ""):
    config = project(root, plugin_options=options, extra_config=extra)
    built, out = build(config)
    assert built.returncode == 0, built.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return site_with(tmp_path_factory.mktemp("feeds"), "", "site_url: https://handbook.example.com/docs/\n")


def test_the_feeds_are_published_and_parse(site):
    whole = icalendar.Calendar.from_ical((site / "outcomes.ics").read_text())
    uids = {str(e["UID"]) for e in whole.walk("VEVENT")}
    assert uids and all(uid.endswith("@rolebook") for uid in uids)
    team = icalendar.Calendar.from_ical((site / "engineering" / "outcomes.ics").read_text())
    assert {str(e["UID"]) for e in team.walk("VEVENT")} <= uids
    assert all(str(e["URL"]).startswith("https://handbook.example.com/docs/engineering/") for e in team.walk("VEVENT"))
    people = sorted(p.parent.name for p in (site / "people").glob("*/outcomes.ics"))
    assert people  # the example has _people.yml


def test_team_and_person_pages_link_to_them(site):
    team = soup(site / "engineering" / "index.html")
    subscribe = team.select_one("a[data-rolebook-webcal]")
    assert subscribe["href"] == "outcomes.ics"  # rolebook.js makes it webcal: where the page is served
    assert team.select_one(".rolebook-actions a[download]")["href"] == "outcomes.ics"
    person = next((site / "people").glob("*/index.html"))
    assert soup(person).select_one("a[data-rolebook-webcal]")["href"] == "outcomes.ics"


@pytest.mark.browser
def test_the_subscribe_link_becomes_webcal_in_a_browser(site):
    from support.browser import chromium, serve

    with serve(site) as url, chromium() as context:
        page = context.new_page()
        page.goto(url + "engineering/")
        page.wait_for_load_state("networkidle")
        href = page.locator("a[data-rolebook-webcal]").get_attribute("href")
        host = url.split("://", 1)[1].rstrip("/")
        assert href == f"webcal://{host}/engineering/outcomes.ics"


def test_titles_only_and_off(tmp_path):
    titles = site_with(tmp_path / "t", "      calendar_feeds: titles\n")
    events = icalendar.Calendar.from_ical((titles / "outcomes.ics").read_text()).walk("VEVENT")
    assert events and all("DESCRIPTION" not in e and "URL" not in e for e in events)  # and no site_url: no URL
    off = site_with(tmp_path / "o", "      calendar_feeds: off\n")
    assert not (off / "outcomes.ics").exists()
    assert not soup(off / "engineering" / "index.html").select('a[href$="outcomes.ics"]')
