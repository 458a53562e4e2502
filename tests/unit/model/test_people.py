"""Who an owner, holder, contact or cover names: `resolve_ref` and `holder_people`."""

from __future__ import annotations

from rolebook.loading.loader import load_handbook
from rolebook.model.handbook import RoleEntry
from rolebook.model.people import Person, holder_people, known_names, person_id_for, resolve_ref
from support.handbooks import CLEAN_ROLE

PEOPLE = """\
people:
  - id: dana-lee
    name: Dana Lee
  - id: sam-roe
    name: Sam Roe
    github: samroe
"""


def _handbook(handbook_dir, people=True):
    role = CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - person: sam-roe\n    share: 50\n  - name: Kim Park\n")
    files = {"team/r.yml": role, "team/s.yml": CLEAN_ROLE, "other/t.yml": CLEAN_ROLE}
    if people:
        files["_people.yml"] = PEOPLE
    return load_handbook(handbook_dir(files))


def test_an_owner_resolves_to_a_person_by_id_or_name_in_any_case_and_spacing(handbook_dir):
    handbook = _handbook(handbook_dir)
    assert resolve_ref(handbook, "dana-lee") == handbook.people["dana-lee"]
    assert resolve_ref(handbook, "  dana   LEE ") == handbook.people["dana-lee"]


def test_a_holder_name_not_in_the_file_resolves_to_that_holder(handbook_dir):
    handbook = _handbook(handbook_dir)
    assert resolve_ref(handbook, "Kim Park") == Person(id="kim-park", name="Kim Park")
    assert "kim-park" not in handbook.people  # the file is the register


def test_a_role_ref_resolves_to_the_role_and_a_bare_id_within_its_team(handbook_dir):
    handbook = _handbook(handbook_dir)
    found = resolve_ref(handbook, "other/t")
    assert isinstance(found, RoleEntry) and found.ref == "other/t"
    assert resolve_ref(handbook, "s", team="team").ref == "team/s"
    assert resolve_ref(handbook, "s") is None  # no team to read a bare id in
    assert resolve_ref(handbook, "Head of Security") is None
    assert resolve_ref(handbook, "") is None


def test_holder_people_in_file_order(handbook_dir):
    handbook = _handbook(handbook_dir)
    people = holder_people(handbook, handbook.role("team/r"))
    assert [p.id for p in people] == ["sam-roe", "kim-park"]
    assert people[0].github == "samroe"


def test_an_unknown_person_id_is_left_out_of_the_holders(handbook_dir):
    role = CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - person: nobody\n  - name: Dana Lee\n")
    handbook = load_handbook(handbook_dir({"_people.yml": PEOPLE, "team/r.yml": role}))
    assert [p.id for p in holder_people(handbook, handbook.role("team/r"))] == ["dana-lee"]


def test_known_names_offer_ids_names_holders_and_refs(handbook_dir):
    names = known_names(_handbook(handbook_dir), team="team")
    assert {"dana-lee", "Dana Lee", "Sam Roe", "Kim Park", "team/r", "r", "other/t"} <= set(names)
    assert "t" not in names


def test_person_ids_from_names_are_slugs():
    assert person_id_for("Léa Dubois") == "lea-dubois"
    assert person_id_for("  Tomás   Guerrero ") == "tomas-guerrero"
    assert person_id_for("李雷") == "person"
