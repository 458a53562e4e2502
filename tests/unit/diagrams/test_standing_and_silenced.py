"""Diagrams: a standing outcome shows its rhythm on its node; what `ignore:` silences is not drawn as a problem."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from rolebook.build.pipeline import draw_diagrams
from rolebook.diagrams.runner import RunStats
from rolebook.loading.loader import load_handbook
from rolebook.model.site_plan import Urls
from support.handbooks import CLEAN_ROLE

# The three kinds of problem node: an activity leading nowhere (RB101), an output serving
# nothing (RB102), an outcome nothing leads to (RB103).
PROBLEMS = CLEAN_ROLE.replace("    contributes_to: [api-live]\n", "") + "  - id: idle\n    title: Idle\n    category: making\n"


def drawn(handbook_dir, text):
    hb = load_handbook(handbook_dir({"team/r.yml": text}))
    html, _files = draw_diagrams(hb, Urls(), stats=RunStats(), memory={})
    return BeautifulSoup(html["team/r/index.md"], "html.parser")


def problems(page):
    return {g["id"].removeprefix("rb-role-team-r-") for g in page.select("g.rb-problem") if g.has_attr("id")}  # the legend's key has none


@pytest.mark.parametrize("where, silenced", [
    ("item", {"RB101": "activity-idle", "RB102": "output-spec", "RB103": "outcome-api-live"}),
    ("role", {"RB101": "activity-idle", "RB102": "output-spec", "RB103": "outcome-api-live"}),
])
def test_a_silenced_item_is_drawn_as_fine(handbook_dir, where, silenced):
    assert problems(drawn(handbook_dir, PROBLEMS)) == set(silenced.values())
    for code, node in silenced.items():
        if where == "role":
            text = PROBLEMS + f"ignore: [{code}]\n"
        else:
            anchor = {"RB101": "    category: making\n", "RB102": "    location: https://example.com/spec\n",
                      "RB103": "    owner: Dana Lee\n"}[code]
            text = PROBLEMS.replace(anchor, anchor + f"    ignore: [{code}]\n", 1)
        page = drawn(handbook_dir, text)
        assert problems(page) == set(silenced.values()) - {node}, code
        assert page.find("g", id=f"rb-role-team-r-{node}") is not None  # still drawn, as a plain node


def test_an_unrelated_ignore_keeps_the_problem(handbook_dir):
    text = PROBLEMS.replace("    category: making\n", "    category: making\n    ignore: [RB108]\n", 1)
    assert "activity-idle" in problems(drawn(handbook_dir, text))


def test_a_standing_outcome_shows_its_rhythm_on_its_node(handbook_dir):
    text = CLEAN_ROLE.replace("    due: 2026-06-30\n", "    recurs: quarterly\n    due: 2026-Q2\n    done_on: 2026-06-12\n")
    page = drawn(handbook_dir, text)
    node = page.find("g", id="rb-role-team-r-outcome-api-live")
    words = " ".join(t.get_text() for t in node.find_all("text"))
    assert words.startswith("API v2 live in production") and words.endswith("(every quarter)"), words
    link = node.find("a")
    assert link["aria-label"].endswith("(every quarter)")  # the accessible name carries the rhythm too
    assert link["xlink:title"].startswith("Outcome (open, every quarter, last met 2026-06-12): ")
    one_off = drawn(handbook_dir, CLEAN_ROLE).find("g", id="rb-role-team-r-outcome-api-live")
    assert "every" not in " ".join(t.get_text() for t in one_off.find_all("text"))  # a one-off: its date, no rhythm
    done = CLEAN_ROLE.replace("    owner: Dana Lee\n", "    owner: Dana Lee\n    status: done\n    done_on: 2026-06-28\n")
    tip = drawn(handbook_dir, done).find("g", id="rb-role-team-r-outcome-api-live").find("a")["xlink:title"]
    assert tip.startswith("Outcome (done, due 2026-06-30, done on 2026-06-28): ")
