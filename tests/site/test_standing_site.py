"""Standing commitments, delivery dates and silenced items in a real build of the example site (2026-11-20).

The example handbook holds a monthly (SRE lead), a quarterly (recruiter) and a yearly (head of people)
standing commitment, a done outcome with `done_on:` (CTO), and two items whose finding the CTO's
file silences on purpose: an activity leading nowhere (RB101) and an outcome nothing leads to (RB103).
"""

from __future__ import annotations

import json

import pytest

from support.sites import build, project, soup

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("standing"))
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    config = project(tmp_path_factory.mktemp("standing-de"), plugin_options="      language: de\n")
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    return site


def fields(article, outcome_id):
    """The outcome's field list as {label: text}."""
    heading = article.find(id=f"outcome-{outcome_id}")
    dl = heading.find_next("dl")
    return {dt.get_text(" ", strip=True).rstrip(" :"): dt.find_next_sibling("dd") for dt in dl.find_all("dt")}


def checklist(article, name):
    return [li.get_text(" ", strip=True) for li in article.select(f'[data-rolebook-list="{name}"] li')]


def node(article, kind, item_id, ref):
    return article.find("g", id=f"rb-role-{ref.replace('/', '-')}-{kind}-{item_id}")


def test_a_standing_outcome_shows_its_rhythm_and_last_met_on_the_role_page(site):
    article = soup(site / "people-operations/recruiter/index.html").select_one("article")
    shown = fields(article, "feedback-in-24h")
    assert shown["Due"].get_text(" ", strip=True) == "every quarter, next by 31 December 2026"
    assert shown["Due"].find("time")["datetime"] == "2026-12-31"
    assert not shown["Due"].select(".rolebook-badge--overdue")
    assert shown["Last met"].find("time")["datetime"] == "2026-09-30"
    # the diagram: the rhythm on the outcome's node, as a line of its own
    drawn = node(article, "outcome", "feedback-in-24h", "people-operations/recruiter")
    assert " ".join(t.get_text() for t in drawn.find_all("text")).endswith("(every quarter)")
    # the quarterly review asks about this quarter, once; never "re-date it"
    quarterly = checklist(article, "quarterly")
    asked = [t for t in quarterly if "Every candidate hears back" in t]
    assert len(asked) == 1 and asked[0].startswith(
        "Was “Every candidate hears back within one working day of each interview stage” met this quarter (Q4 2026)? "
        "Once it is, set done_on: to that day.")
    assert len(asked) == 1 and not [t for t in quarterly if "re-date" in t and "Every candidate" in t]


def test_monthly_and_yearly_commitments_land_in_their_checklists(site):
    sre = soup(site / "engineering/sre-lead/index.html").select_one("article")
    assert [t for t in checklist(sre, "monthly") if t.startswith("Was “Availability review held with product every month” "
                                                                 "met this month (November 2026)?")]
    assert fields(sre, "availability-review")["Due"].get_text(" ", strip=True) == "every month, next by 31 December 2026"
    people = soup(site / "people-operations/head-of-people/index.html").select_one("article")
    assert [t for t in checklist(people, "quarterly") if t.startswith("Was “Pay equity audit completed every year” met "
                                                                      "this year (2026)?")]
    assert fields(people, "pay-equity-audit")["Last met"].get_text(strip=True) == "not recorded yet"


def test_done_on_is_shown_wherever_the_outcome_is(site):
    cto = soup(site / "engineering/cto/index.html").select_one("article")
    assert fields(cto, "eng-ladder-v2")["Done on"].find("time")["datetime"] == "2026-10-23"
    assert "done on 23 October 2026" in node(cto, "outcome", "eng-ladder-v2", "engineering/cto").find("a")["xlink:title"]
    onboarding = soup(site / "people-operations/recruiter/onboarding/index.html").select_one("article")
    row = next(tr for tr in onboarding.select("tr") if "Every candidate hears back" in tr.get_text())
    assert [td.get_text(" ", strip=True) for td in row.find_all("td")][1:3] == [
        "every quarter, next by 31 December 2026", "open (last met 30 September 2026 )"]
    data = json.loads((site / "roles.json").read_text())
    ladder = next(o for r in data["roles"] if r["ref"] == "engineering/cto" for o in r["outcomes"] if o["id"] == "eng-ladder-v2")
    assert (ladder["status"], ladder["done_on"], ladder["recurs"]) == ("done", "2026-10-23", None)


def test_standing_outcomes_in_the_team_and_overview_tables(site):
    team = soup(site / "engineering/index.html").select_one("article")
    row = next(tr for tr in team.select("tr") if "Availability review held with product" in tr.get_text())
    assert row.find("td").get_text(" ", strip=True) == "every month, next by 31 December 2026"
    overview = soup(site / "overview/index.html").select_one("article")
    soon = [tr.get_text(" ", strip=True) for tr in overview.select("tr")]
    assert [t for t in soon if t.startswith("every quarter, next by 31 December 2026") and "Every candidate hears back" in t]
    assert not [t for t in soon if "overdue" in t and ("every month" in t or "every quarter" in t or "every year" in t)]


def test_a_silenced_finding_is_drawn_and_listed_as_fine(site):
    cto = soup(site / "engineering/cto/index.html").select_one("article")
    hours = node(cto, "activity", "office-hours", "engineering/cto")  # `ignore: [RB101]`
    headcount = node(cto, "outcome", "headcount-2027", "engineering/cto")  # `ignore: [RB103]`
    for drawn in (hours, headcount):
        assert drawn is not None and "rb-problem" not in drawn["class"]
    assert not [g for g in cto.select("g.rb-problem") if not g.find_parent("svg", class_="rolebook-key")]  # the legend's key aside
    monthly = checklist(cto, "monthly")
    assert [t for t in monthly if t.startswith("“Hold open office hours for anyone in engineering”: kept on purpose")]
    assert not [t for t in monthly if "office hours" in t and "stop it" in t]


def test_the_rhythm_reads_in_the_sites_language(german):
    article = soup(german / "people-operations/recruiter/index.html").select_one("article")
    shown = fields(article, "feedback-in-24h")
    assert shown["Fällig"].get_text(" ", strip=True).startswith("jedes Quartal, nächstes Mal bis ")
    assert "Zuletzt erfüllt" in shown
    drawn = node(article, "outcome", "feedback-in-24h", "people-operations/recruiter")
    assert " ".join(t.get_text() for t in drawn.find_all("text")).endswith("(jedes Quartal)")
    assert [t for t in checklist(article, "quarterly") if t.startswith("Wurde „Every candidate hears back")
            and "dieses Quartal (4. Quartal 2026)" in t]
    sre = soup(german / "engineering/sre-lead/index.html").select_one("article")
    assert [t for t in checklist(sre, "monthly") if "diesen Monat (November 2026)" in t]
