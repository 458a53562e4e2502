"""RB117 (who is named), RB118 (load), RB120 (cover) and RB121 (`_people.yml`), each at the field with its fix."""

from __future__ import annotations

import datetime as dt

import pytest

from rolebook.checks import check
from rolebook.loading.loader import load_handbook
from rolebook.model.review_rhythm import Timing
from support.handbooks import CLEAN_ROLE

BUILD_DAY = Timing(dt.date(2026, 6, 1))
PEOPLE = """\
people:
  - id: dana-lee
    name: Dana Lee
    github: danalee
  - id: sam-roe
    name: Sam Roe
"""
COVERED = CLEAN_ROLE + "cover: [{person: dana-lee}]\n"  # known with or without _people.yml


def _findings(handbook_dir, files, code=None):
    found = check(load_handbook(handbook_dir(files)), timing=BUILD_DAY)
    return [f for f in found if code is None or f.code == code]


def _owned_by(handbook_dir, owner, people=PEOPLE):
    files = {"team/r.yml": COVERED.replace("owner: Dana Lee", f"owner: {owner}"), "other/lead.yml": COVERED}
    if people is not None:
        files["_people.yml"] = people
    return _findings(handbook_dir, files)


@pytest.mark.parametrize("owner", ["dana-lee", "Dana Lee", "dana LEE", "Sam Roe", "sam-roe", "other/lead", "r"])
def test_an_owner_that_resolves_is_fine(handbook_dir, owner):
    assert _owned_by(handbook_dir, owner) == []


def test_a_holder_name_not_in_the_people_file_is_a_known_owner(handbook_dir):
    role = COVERED.replace("  - name: Dana Lee\n", "  - name: Dana Lee\n  - name: Kim Park\n")
    files = {"_people.yml": PEOPLE, "team/r.yml": role.replace("owner: Dana Lee", "owner: Kim Park")}
    assert _findings(handbook_dir, files) == []


def test_an_unknown_owner_is_rb117_at_the_owner_with_a_suggestion(handbook_dir):
    [finding] = _owned_by(handbook_dir, "Dana Le")
    assert (finding.code, finding.line, finding.column, finding.item) == ("RB117", 10, 5, "api-live")
    assert finding.message == ("outcome `api-live` is owned by `Dana Le`, which names no person, holder or role this "
                               "handbook knows: did you mean `Dana Lee`?")
    [finding] = _owned_by(handbook_dir, "Head of Security")
    assert finding.code == "RB117" and finding.message.endswith(
        "write a person's id or name, a holder's name, or a role ref (`<team>/<role-id>`)")


@pytest.mark.parametrize("owner", ["sig-node", "Contributor", "[RustNL]", "@???", "DRI"])
def test_owners_word_lists_let_through_are_caught_by_structure(handbook_dir, tmp_path, owner):
    assert [f.code for f in _owned_by(handbook_dir, f'"{owner}"')] == ["RB117"]
    (tmp_path / "handbooks" / "_people.yml").unlink()
    assert _owned_by(handbook_dir, f'"{owner}"', people=None) == []  # without _people.yml, RB104 alone judges


def test_a_collective_stays_rb104_and_is_not_said_twice(handbook_dir):
    assert [f.code for f in _owned_by(handbook_dir, "the team")] == ["RB104"]


def test_a_holder_naming_an_unknown_person_id_is_rb117_at_the_field(handbook_dir):
    role = COVERED.replace("  - name: Dana Lee\n", "  - person: dana-le\n")
    [finding] = _findings(handbook_dir, {"_people.yml": PEOPLE, "team/r.yml": role}, "RB117")
    assert (finding.line, finding.column) == (4, 5)
    assert finding.message == "holder `dana-le` is not a person of `_people.yml`: did you mean `dana-lee`?"


def test_covers_and_contacts_must_name_someone_known(handbook_dir):
    role = (CLEAN_ROLE.replace("holders:\n", "cover:\n  - person: nobody-at-all\n  - role: no-such-role\nholders:\n")
            + "onboarding:\n  contacts:\n    - person: zed\n      why: Knows the history.\n")
    found = _findings(handbook_dir, {"_people.yml": PEOPLE, "team/r.yml": role}, "RB117")
    assert [(f.line, f.column) for f in found] == [(4, 5), (5, 5), (29, 7)]
    messages = [f.message for f in found]
    assert any(m.startswith("cover `nobody-at-all` names no person or role") for m in messages)
    assert any(m.startswith("cover `no-such-role` names no person or role") for m in messages)
    assert any(m.startswith("onboarding contact `zed` is not a person of `_people.yml`") for m in messages)


def test_rb118_when_a_persons_shares_pass_100_and_not_at_100(handbook_dir):
    def roles(a, b):
        one = COVERED.replace("  - name: Dana Lee\n", f"  - person: dana-lee\n    share: {a}\n")
        two = COVERED.replace("  - name: Dana Lee\n", f"  - name: Dana Lee\n    share: {b}\n")  # the same person by name
        return {"_people.yml": PEOPLE, "team/a.yml": one, "team/b.yml": two}
    assert _findings(handbook_dir, roles(60, 40), "RB118") == []
    [finding] = _findings(handbook_dir, roles(80, 80), "RB118")
    assert finding.path.endswith("team/b.yml") and finding.message.startswith(
        "Dana Lee's shares add up to 160% (team/a 80%, team/b 80%), over 100")


def test_rb120_one_holder_no_cover_no_onboarding(handbook_dir, tmp_path):
    bare = CLEAN_ROLE
    assert "onboarding" not in bare and "cover" not in bare
    [finding] = _findings(handbook_dir, {"_people.yml": PEOPLE, "team/r.yml": bare}, "RB120")
    assert finding.severity.value == "info" and (finding.line, finding.column) == (3, 1)
    with_cover = bare.replace("holders:\n", "cover: [{role: other/lead}]\nholders:\n")
    files = {"_people.yml": PEOPLE, "team/r.yml": with_cover, "other/lead.yml": COVERED}
    assert _findings(handbook_dir, files, "RB120") == []
    (tmp_path / "handbooks" / "other" / "lead.yml").unlink()
    two = bare.replace("  - name: Dana Lee\n", "  - name: Dana Lee\n  - name: Sam Roe\n")
    assert _findings(handbook_dir, {"_people.yml": PEOPLE, "team/r.yml": two}, "RB120") == []
    draft = bare + "status: draft\n"
    assert _findings(handbook_dir, {"_people.yml": PEOPLE, "team/r.yml": draft}, "RB120") == []
    notes = bare + "onboarding:\n  first_week: [Read the API spec]\n"
    assert _findings(handbook_dir, {"_people.yml": PEOPLE, "team/r.yml": notes}, "RB120") == []
    (tmp_path / "handbooks" / "_people.yml").unlink()
    assert _findings(handbook_dir, {"team/r.yml": bare}, "RB120") == []  # asked once the handbook lists its people


def _people_findings(handbook_dir, extra):
    return _findings(handbook_dir, {"_people.yml": PEOPLE + extra, "team/r.yml": COVERED}, "RB121")


@pytest.mark.parametrize("extra, line, column, words", [
    ("  - id: dana-lee\n    name: Dana Leigh\n", 7, 5, "id `dana-lee` is already used by person `dana-lee`"),
    ("  - id: dana-2\n    name: dana  lee\n", 8, 5, "name `dana  lee` is already used by person `dana-lee`"),
    ("  - id: dana-2\n    name: Dana Two\n    github: DanaLee\n", 9, 5, "github `DanaLee` is already used by person `dana-lee`"),
    ("    github: '@samroe'\n", 7, 5, "github `@samroe` is not a GitHub username: 1 to 39 letters, digits or single "
                                    "hyphens, not starting or ending with a hyphen: write it without the `@`"),
    ("    github: sam roe\n", 7, 5, "write it without spaces"),
    ("    github: sam--roe\n", 7, 5, "is not a GitHub username"),
    ("    github: -samroe\n", 7, 5, "is not a GitHub username"),
    ("    github: " + "s" * 40 + "\n", 7, 5, "is not a GitHub username"),
    ("    gitlab: sam..roe\n", 7, 5, "is not a GitLab username"),
    ("    gitlab: samroe.git\n", 7, 5, "not ending in `.git` or `.atom`"),
    ("    gitlab: _samroe\n", 7, 5, "is not a GitLab username"),
    ("    email: sam@\n", 7, 5, "email `sam@` is not an e-mail address"),
    ("    email: sam roe@example.com\n", 7, 5, "is not an e-mail address"),
    ("    time_zone: Europe/Berln\n", 7, 5, "time_zone `Europe/Berln` is not an IANA time zone: did you mean `Europe/Berlin`?"),
    ("    time_zone: Mars/Olympus_Mons\n", 7, 5, "is not an IANA time zone"),
])
def test_rb121_at_the_field_with_the_fix(handbook_dir, extra, line, column, words):
    [finding] = _people_findings(handbook_dir, extra)
    assert (finding.line, finding.column) == (line, column), finding
    assert finding.path.endswith("_people.yml") and finding.severity.value == "error"
    assert words in finding.message


@pytest.mark.parametrize("extra", [
    "    github: sam-roe-2\n    gitlab: sam.roe_2\n    email: sam.roe@example.com\n    time_zone: America/Sao_Paulo\n",
    "    github: " + "s" * 39 + "\n    gitlab: s.r\n    time_zone: UTC\n",
])
def test_rb121_accepts_real_handles_addresses_and_zones(handbook_dir, extra):
    assert _people_findings(handbook_dir, extra) == []


def test_the_example_handbook_knows_everyone_it_names():
    from support.handbooks import EXAMPLE

    handbook = load_handbook(EXAMPLE)
    assert handbook.people_path is not None and len(handbook.people) >= 14
    assert check(handbook) == []
    held = [h for e in handbook.roles() for h in e.role.holders]
    assert any(h.person and h.share for h in held) and any(h.name for h in held)  # both ways of naming a holder
    assert sum(1 for e in handbook.roles() if e.role.cover) >= 4
