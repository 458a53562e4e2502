"""RB115: the `rolebook new` template's words are a warning at the field until replaced."""

from __future__ import annotations

import re
from pathlib import Path

from rolebook.authoring.new_role import new_role, new_team
from rolebook.checks import check
from rolebook.loading.loader import load_handbook


def uncommented_template(title: str) -> str:
    """The template with its commented example items switched on, as an editor would."""
    text = new_role(title)
    text = re.sub(r"^(outcomes|outputs|activities): \[\]\n", r"\1:\n", text, flags=re.M)
    return re.sub(r"^#(  - |    )", r"\1", text, flags=re.M)


def test_every_placeholder_of_the_template_is_found_at_its_field(handbook_dir):
    hb = handbook_dir({"team/_team.yml": new_team("Team", "x.json"), "team/r.yml": uncommented_template("Data Lead")})
    findings = [f for f in check(load_handbook(hb)) if f.code == "RB115"]
    text = (hb / "team/r.yml").read_text().splitlines()
    where = {(Path(f.path).name, text[f.line - 1].split(":")[0].strip(" -") if f.path.endswith("r.yml") else "summary")
             for f in findings}
    assert where == {("_team.yml", "summary"), ("r.yml", "summary"), ("r.yml", "purpose"), ("r.yml", "title"),
                     ("r.yml", "done_when"), ("r.yml", "owner"), ("r.yml", "location"), ("r.yml", "expectations")}
    items = {f.item for f in findings if f.item}
    assert items == {"first-outcome", "first-output", "first-activity"}
    assert all(f.severity.value == "warning" for f in findings)


def test_own_words_pass_and_ignore_silences(handbook_dir):
    from support.handbooks import CLEAN_ROLE

    own = CLEAN_ROLE.replace("Sets technical direction.", "Say in one sentence what the API is for, then ship it.")
    hb = handbook_dir({"team/a.yml": own,
                       "team/b.yml": CLEAN_ROLE.replace("Sets technical direction.",
                                                        "Say in one sentence what the X is for.") + "ignore: [RB115]\n"})
    assert [f for f in check(load_handbook(hb)) if f.code == "RB115"] == []
