"""`rolebook review` and the site's health page, on one handbook holding every case.

The build date is 2026-11-20 throughout (the suite's date). The handbook is
outside git, so reviews go by `reviewed:` alone.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from rolebook.authoring.new_role import new_role
from rolebook.model.findings import RULES
from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook
from support.sites import assert_link_resolves, build, internal_links, project, soup

TODAY = "2026-11-20"


def outcome(oid, due, owner="Ann Smith", status="open", extra=""):
    return (f"  - id: {oid}\n    title: Outcome {oid}\n    done_when: The {oid} document is published.\n"
            f"    due: {due}\n    owner: {owner}\n    status: {status}\n{extra}")


LEAD = (
    "title: Lead\nsummary: Leads.\nreviewed: 2026-08-01\nholders:\n  - name: Ann Smith\n    since: 2024-01-01\n"
    "outcomes:\n"
    + outcome("quarter-late", "2026-Q3")                                 # ends 2026-09-30: 51 days late
    + outcome("day-late", "2026-11-19")                                  # 1 day late
    + outcome("due-today", TODAY)                                        # not late; nothing leads to it
    + outcome("was-done", "2026-10-01", status="done")
    + outcome("was-dropped", "2026-10-01", status="dropped")
    + outcome("silenced", "2026-08-01", extra="    ignore: [RB113]\n")
    + "outputs:\n  - id: doc\n    title: Doc\n    kind: document\n    location: https://example.com/doc\n"
      "    contributes_to: [quarter-late, day-late, was-done, was-dropped, silenced]\n"
)
IC = (
    "title: Engineer\nsummary: Builds.\nreviewed: 2026-10-19\nreports_to: lead\n"
    "holders:\n  - name: Bo Chen\n    since: 2026-09-01\n"                # new holder: reviews every 31 days
    "outcomes:\n"
    + outcome("for-the-lead", "2026-06-30", owner="eng/lead")            # owned by a role: 143 days late
    + outcome("in-thirty", "2026-12-20", owner="Bo Chen")                # due in 30 days, nothing leads to it
    + outcome("in-thirty-one", "2026-12-21", owner="Bo Chen")            # one day beyond the window
)
FRESH = CLEAN_ROLE.replace("due: 2026-06-30", "due: 2027-06-30") + "reviewed: 2026-11-01\n"
VACANT = (
    "title: 'Vacant <script>alert(1)</script> *role*'\nsummary: Nobody yet.\nholders: []\n"
    "outcomes:\n" + outcome("later", "2027-Q2", owner="Ann Smith")
    + "activities:\n  - id: a\n    title: A\n    category: making\n    advances: [later]\n"
)
FILES = {
    "eng/_team.yml": "title: Engineering\nsummary: Builds things.\n",
    "eng/lead.yml": LEAD,
    "eng/ic.yml": IC,
    "eng/fresh.yml": FRESH,
    "eng/vacant.yml": VACANT,
    "eng/placeholder.yml": new_role("Placeholder Role"),
}


def run(*args, cwd):
    return rolebook(*args, cwd=cwd)  # in-process


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("review")
    write_handbook(root, FILES)
    return root


@pytest.fixture(scope="module")
def markdown(root):
    result = run("review", "--today", TODAY, "handbooks", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the report itself says that the handbook is outside git, once
    return result.stdout


def section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_overdue_outcomes_by_owner_oldest_first_with_how_late(markdown):
    overdue = section(markdown, "Overdue outcomes")
    groups = re.findall(r"^### (.*)$", overdue, re.M)
    assert groups == ["Ann Smith", "Lead (`eng/lead`)"]
    ann = overdue.split("### Ann Smith", 1)[1].split("###", 1)[0]
    assert re.findall(r"Outcome (\S+) \(`#", ann) == ["quarter\\-late", "day\\-late"]
    assert "due 2026-Q3, **51 days late**" in ann and "due 2026-11-19, **1 day late**" in ann
    assert "Outcome for\\-the\\-lead (`#for-the-lead`) in Engineer (`eng/ic`): due 2026-06-30, **143 days late**" in overdue
    for absent in ("due\\-today", "was\\-done", "was\\-dropped", "silenced"):
        assert absent not in overdue


def test_due_soon_that_nothing_leads_to(markdown):
    soon = section(markdown, "Due soon, with nothing leading to them")
    assert "Outcome due\\-today (`#due-today`) in Lead (`eng/lead`): due 2026-11-20 (today)" in soon
    assert "Outcome in\\-thirty (`#in-thirty`) in Engineer (`eng/ic`): due 2026-12-20 (in 30 days), owner Bo Chen" in soon
    assert "in\\-thirty\\-one" not in soon and "later" not in soon


def test_roles_due_for_review_with_the_quarterly_questions(markdown):
    reviews = section(markdown, "Roles due for review")
    assert re.findall(r"^### (.*)$", reviews, re.M) == ["Lead (`eng/lead`)", "Engineer (`eng/ic`)"]  # longest unreviewed first
    assert "Last reviewed on 2026-08-01, 111 days ago; reviews every 92 days, so it was due by 2026-11-01." in reviews
    assert "Last reviewed on 2026-10-19, 32 days ago; reviews every 31 days (new holder), so it was due by 2026-11-19." in reviews
    lead = reviews.split("### Lead", 1)[1].split("###", 1)[0]
    assert "- What works, and what needs to change?" in lead
    assert "Overdue since 2026\\-Q3: deliver “Outcome quarter\\-late”" in lead
    assert "set \\`reviewed:\\` in it to today's date" in lead
    assert "not in a git repository: RB114 (reviews due) goes by `reviewed:` alone, so roles without it are not checked for reviews (1 active role without it)" in reviews
    assert "Staff Engineer" not in reviews  # reviewed 19 days ago


def test_vacant_roles_and_role_text_escaped(markdown):
    vacant = section(markdown, "Vacant roles")
    assert "- Vacant &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*role\\* (`eng/vacant`)" in vacant
    assert "- Placeholder Role (`eng/placeholder`) (draft)" in vacant
    assert "Lead" not in vacant


def test_placeholder_text_from_rb115_when_the_rule_exists(markdown):
    placeholders = section(markdown, "Placeholder text")
    if "RB115" in RULES:
        assert "Placeholder Role (`eng/placeholder`), line" in placeholders
        assert "Lead" not in placeholders
    else:
        assert "Not checked" in placeholders


def test_findings_by_rule(markdown, root):
    counts = dict(re.findall(r"^\| (RB\d{3}) \| \w+ \| .* \| (\d+) \|$", section(markdown, "Findings by rule"), re.M))
    assert counts["RB113"] == "3" and counts["RB114"] == "2" and counts["RB110"] == "2" and counts["RB103"] == "4"
    check = json.loads(run("check", "--today", TODAY, "--format", "json", "handbooks", cwd=root).stdout)
    by_rule = {}
    for f in check["findings"]:
        by_rule[f["code"]] = by_rule.get(f["code"], 0) + 1
    assert {k: str(v) for k, v in by_rule.items()} == counts  # the report and `check` agree


def test_json_format(root):
    result = run("review", "--today", TODAY, "--format", "json", "handbooks", cwd=root)
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["today"] == TODAY and data["in_git"] is False
    assert [g["owner"] for g in data["overdue"]] == ["Ann Smith", "eng/lead"]
    assert data["overdue"][0]["outcomes"][0] == {
        "role": "eng/lead", "id": "quarter-late", "title": "Outcome quarter-late", "owner": "Ann Smith",
        "due": "2026-Q3", "due_end": "2026-09-30", "days_late": 51}
    assert data["overdue"][1]["owner_role"] == "eng/lead"
    assert [r["id"] for r in data["due_soon_unled"]] == ["due-today", "in-thirty"]
    assert [(r["role"], r["interval"], r["source"]) for r in data["reviews_due"]] == [("eng/lead", 92, "reviewed"),
                                                                                      ("eng/ic", 31, "reviewed")]
    assert data["findings"]["RB113"] == {"severity": "info", "summary": "open outcome past its due date", "count": 3}


def test_review_exits_0_on_a_broken_handbook_and_2_on_usage_errors(handbook_dir, tmp_path):
    handbook_dir({"t/a.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team"), "t/b.yml": "title: [\n"})
    result = run("review", "handbooks", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "**1 role file could not be read**" in result.stdout
    assert "| RB104 | error |" in result.stdout and "| RB001 | error |" in result.stdout
    assert run("review", "nowhere", cwd=tmp_path).returncode == 2
    assert run("review", "--format", "html", "handbooks", cwd=tmp_path).returncode == 2
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - rolebook:\n      review_interval: soon\n")
    bad = run("review", "handbooks", cwd=tmp_path)
    assert bad.returncode == 2 and "review_interval: 'soon' is not a number of days" in bad.stderr


def test_site_options_apply_to_review_and_check(handbook_dir, tmp_path):
    handbook_dir({"eng/lead.yml": LEAD})
    assert "### Lead" in section(run("review", "--today", TODAY, cwd=tmp_path).stdout, "Roles due for review")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - rolebook:\n      review_interval: 120\n"
                                         "      rules: {RB113: error}\n")
    assert "No role is due for review." in run("review", "--today", TODAY, cwd=tmp_path).stdout
    check = run("check", "--today", TODAY, cwd=tmp_path)
    assert check.returncode == 1 and "error RB113" in check.stdout and "RB114" not in check.stdout


# -- the health page ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("health-site")
    config = project(root, handbooks=FILES)
    result, site = build(config, strict=False)  # the handbook has warnings on purpose (RB103, RB115)
    assert result.returncode == 0, result.stderr
    return site, result


def test_health_page_has_what_review_prints(site, markdown):
    site, _ = site
    page = soup(site / "health/index.html")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Handbook health"
    headings = [h.get_text(strip=True) for h in article.select("h2")]
    assert headings == ["Overdue outcomes", "Due soon, with nothing leading to them", "Roles due for review",
                        "Vacant roles", "Placeholder text", "Findings by rule", "Delivery record"]
    text = article.get_text(" ", strip=True)
    cli = html.unescape(re.sub(r"\\(.)", r"\1", markdown))  # the CLI's Markdown as a reader sees it
    for phrase in ("51 days late", "1 day late", "143 days late", "(in 30 days)", "(today)", "111 days ago",
                   "32 days ago", "Vacant <script>alert(1)</script> *role*", "What works, and what needs to change?"):
        assert phrase in cli and phrase in text, phrase
    assert page.find("script", string=re.compile("alert")) is None
    assert [td.get_text() for td in article.select("table td")][:4] == ["RB103", "warning", "outcome that nothing leads to", "4"]


def test_health_page_links_reach_roles_and_outcomes(site):
    site, result = site
    page = site / "health/index.html"
    links = [url for _, url in internal_links(site, page)]
    assert "eng/lead/#outcome-quarter-late" in links and "eng/ic/" in links
    for url in links:
        assert_link_resolves(site, url, "health page")
    assert "health/index.md" not in result.stderr  # MkDocs recognised every link


def test_health_page_is_linked_from_the_overview_and_the_nav(site):
    site, _ = site
    overview = site / "overview/index.html"
    assert "health/" in [url for _, url in internal_links(site, overview)]
    nav = [a.get("href") for a in soup(overview).select("nav.md-nav a")]
    assert any(href and href.rstrip("/").endswith("health") for href in nav), nav


def test_role_page_shows_last_reviewed_and_review_due(site):
    site, _ = site

    def review(ref):
        return soup(site / ref / "index.html").select_one("article .rolebook-review")

    lead = review("eng/lead")
    assert lead.find_previous("h2").get_text(strip=True) == "History"
    # dates for a reader (Babel, English too), the ISO form kept in <time datetime>
    assert [(t["datetime"], t.get_text()) for t in lead.select("time")] == [
        ("2026-08-01", "1 August 2026"), ("2026-11-01", "1 November 2026")]
    assert lead.select_one(".rolebook-badge--overdue").get_text() == "review due"
    ic = review("eng/ic").get_text(" ", strip=True)
    assert "by 19 November 2026" in ic and "every 31 days while the holder is new" in ic
    fresh = review("eng/fresh")
    assert [t["datetime"] for t in fresh.select("time")] == ["2026-11-01", "2027-02-01"]
    assert fresh.select_one(".rolebook-badge--overdue") is None
    assert "not recorded" in review("eng/vacant").get_text()


def test_plugin_review_options_change_the_site(tmp_path):
    config = project(tmp_path, handbooks={"eng/lead.yml": LEAD}, plugin_options="      review_interval: 120\n")
    result, site = build(config, strict=False)
    assert result.returncode == 0, result.stderr
    assert "No role is due for review." in soup(site / "health/index.html").get_text()
    lead = soup(site / "eng/lead/index.html").select_one(".rolebook-review")
    assert "by 29 November 2026" in lead.get_text() and lead.select_one(".rolebook-badge--overdue") is None
    bad = project(tmp_path / "bad", handbooks={"eng/lead.yml": LEAD}, plugin_options="      review_interval: 0\n")
    result, _ = build(bad, strict=False)
    assert result.returncode != 0 and "review_interval: 0 is not a number of days" in result.stderr
