"""Team and organisation charts on a narrow screen: the same graph as a linked list; the org chart's clusters."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from rolebook.diagrams import dot
from rolebook.diagrams.dot import overview_diagram, team_diagram
from rolebook.loading.loader import load_handbook
from support.handbooks import EXAMPLE

HOSTILE = '</a><script>alert(1)</script> *bold* [x](javascript:alert(1)) {{ jinja }} "quoted"'


def to_role(ref, anchor):
    return f"../{ref}/" + (f"#{anchor}" if anchor else "")


def to_team(team_id):
    return f"../{team_id}/"


def stack(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser").select_one(".rolebook-diagram-stack")


def test_team_chart_as_a_list_lead_first_then_by_reporting_line():
    hb = load_handbook(EXAMPLE)
    narrow = stack(team_diagram(hb, "engineering", to_role).narrow)
    top = narrow.select_one("ul.rolebook-stack__roles").find_all("li", recursive=False)
    lead = hb.role_ref(hb.teams["engineering"].meta.lead, "engineering")
    assert top[0].find("a")["href"] == to_role(lead, None)
    assert "(team lead)" in top[0].get_text(" ")
    # every role of the team is a link, once, each under the role it reports to
    links = [a["href"] for a in narrow.select("a")]
    assert sorted(links) == sorted(to_role(e.ref, None) for e in hb.teams["engineering"].roles.values())
    for entry in hb.teams["engineering"].roles.values():
        item = narrow.find("a", href=to_role(entry.ref, None)).parent
        manager = entry.role.reports_to and hb.role(hb.role_ref(entry.role.reports_to, entry.team))
        if manager and manager.team == "engineering":
            assert item.find_parent("li").find("a")["href"] == to_role(manager.ref, None), entry.ref
    # who holds each role, or that nobody does
    vacant = narrow.find("a", href=to_role("engineering/frontend-engineer", None)).parent
    assert vacant.select_one(".rolebook-badge--vacant").get_text() == "vacant"
    manager = narrow.find("a", href=to_role("engineering/engineering-manager", None)).parent
    assert "Marcus Oyelaran" in manager.get_text()


def test_org_chart_as_a_list_teams_with_their_roles_and_lines_across():
    hb = load_handbook(EXAMPLE)
    narrow = stack(overview_diagram(hb, to_role, to_team).narrow)
    teams = narrow.select("li.rolebook-stack__team")
    assert [li.find("a")["href"] for li in teams] == [to_team(t.id) for t in hb.teams_in_order()]
    shown = {a["href"] for a in narrow.select("a")}
    assert {to_role(e.ref, None) for e in hb.roles() if e.role.status != "retired"} <= shown
    product = next(li for li in teams if li.find("a")["href"] == to_team("product"))
    assert "reports to" in product.get_text(" ") and product.find("a", href=to_role("engineering/cto", None))


def test_a_large_org_chart_lists_teams_with_their_lead_and_links_to_their_pages(monkeypatch):
    monkeypatch.setattr(dot, "MAX_ROLES_IN_OVERVIEW", 3)
    hb = load_handbook(EXAMPLE)
    narrow = stack(overview_diagram(hb, to_role, to_team).narrow)
    teams = narrow.select("li.rolebook-stack__team")
    assert len(teams) == len(hb.teams)
    for li, team in zip(teams, hb.teams_in_order()):
        links = [a["href"] for a in li.select("a")]
        lead = hb.role_ref(team.meta.lead, team.id)
        assert links == [to_team(team.id), to_role(lead, None)]  # the team's page has its roles
        count = sum(1 for e in team.roles.values() if e.role.status != "retired")
        assert f"{count} role" in li.get_text(" ")


def test_role_text_in_the_lists_is_escaped(handbook_dir):
    role = ("title: {t}\nsummary: {t}\nreports_to: boss\nholders:\n  - name: {t}\n").format(t=json.dumps(HOSTILE))
    boss = "title: {t}\nsummary: Boss.\n".format(t=json.dumps(HOSTILE))
    team = "title: {t}\nsummary: A team.\nlead: boss\n".format(t=json.dumps(HOSTILE))
    hb = load_handbook(handbook_dir({"t/_team.yml": team, "t/boss.yml": boss, "t/ic.yml": role}))
    for html in (team_diagram(hb, "t", to_role).narrow, overview_diagram(hb, to_role, to_team).narrow):
        page = BeautifulSoup(html, "html.parser")
        assert not page.find("script") and "<script>" not in html
        assert {a["href"] for a in page.select("a")} <= {"../t/boss/", "../t/ic/", "../t/"}
        assert "{{" not in html and "*bold*" not in html  # no Jinja, no Markdown emphasis survives as syntax
        assert HOSTILE in page.get_text()  # the words themselves, as text


def test_a_reporting_cycle_still_lists_every_role(handbook_dir):
    a = "title: A\nsummary: A.\nreports_to: b\n"
    b = "title: B\nsummary: B.\nreports_to: a\n"
    hb = load_handbook(handbook_dir({"t/_team.yml": "title: T\nsummary: T.\n", "t/a.yml": a, "t/b.yml": b}))
    narrow = stack(team_diagram(hb, "t", to_role).narrow)
    assert sorted(x["href"] for x in narrow.select("a")) == ["../t/a/", "../t/b/"]


def test_org_chart_draws_each_team_as_a_cluster_labelled_by_its_title(handbook_dir):
    hb = load_handbook(EXAMPLE)
    source = overview_diagram(hb, to_role, to_team).dot
    clusters = re.findall(r'subgraph "?(cluster_[a-z0-9-]+)"? \{', source)
    assert clusters == [f"cluster_{t.id}" for t in hb.teams_in_order()]
    # a title Graphviz would act on is label text: quoted, its backslashes and quotes escaped
    team = 'title: "Ops\\\\N \\" ] [label=x"\nsummary: A team.\n'
    hb = load_handbook(handbook_dir({"ops/_team.yml": team, "ops/r.yml": "title: R\nsummary: R.\n"}))
    source = overview_diagram(hb, to_role, to_team).dot
    label = re.search(r'subgraph "?cluster_ops"? \{\s*[^\n]*?\blabel="((?:[^"\\]|\\.)*)"', source)
    assert label and label.group(1) == 'Ops\\\\N \\" ] [label=x'  # Ops\N " ] [label=x, as DOT text
