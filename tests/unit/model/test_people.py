"""Who an owner, holder, contact or cover names: `resolve_ref` and `holder_people`."""

from __future__ import annotations

from rolebook.loading.loader import load_handbook
from rolebook.loading.parse_memo import ParseMemo
from rolebook.loading.people_file import read_people
from rolebook.model.handbook import RoleEntry
from rolebook.model.people import (
    Person,
    holder_people,
    known_names,
    outcomes_owned,
    person_id_for,
    resolve_ref,
    roles_covered,
    roles_held,
)
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


def test_outcomes_owned_gather_every_role_by_due_date_and_a_role_owner_counts_for_its_holders(handbook_dir):
    later = CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-09-30").replace("owner: Dana Lee", "owner: other/t")
    undated = CLEAN_ROLE.replace("    due: 2026-06-30\n", "").replace("owner: Dana Lee", "owner: dana-lee")
    handbook = load_handbook(handbook_dir({"_people.yml": PEOPLE, "team/a.yml": later, "team/b.yml": undated,
                                           "other/t.yml": CLEAN_ROLE}))
    owned = [(e.ref, o.due) for e, o in outcomes_owned(handbook, "dana-lee")]
    # other/t by name (June), team/a through the role other/t Dana holds (September), team/b by id (no date).
    assert [ref for ref, _ in owned] == ["other/t", "team/a", "team/b"]
    assert outcomes_owned(handbook, "sam-roe") == []


def test_roles_covered_by_a_person_or_by_holding_the_covering_role(handbook_dir):
    cover = CLEAN_ROLE.replace("outcomes:", "cover:\n  - person: sam-roe\n  - role: other/t\noutcomes:", 1)
    handbook = load_handbook(handbook_dir({"_people.yml": PEOPLE, "team/r.yml": cover, "other/t.yml": CLEAN_ROLE}))
    assert [e.ref for e in roles_covered(handbook, "sam-roe")] == ["team/r"]
    assert [e.ref for e in roles_covered(handbook, "dana-lee")] == ["team/r"]  # holds other/t
    assert [e.ref for e, _ in roles_held(handbook, "dana-lee")] == ["other/t", "team/r"]


def test_the_index_is_built_once_per_handbook_and_again_after_the_people_are_read(handbook_dir, tmp_path):
    handbook = _handbook(handbook_dir)
    index = handbook.people_index
    resolve_ref(handbook, "Dana Lee"), outcomes_owned(handbook, "dana-lee")
    assert handbook.people_index is index
    handbook.people = {}
    read_people(handbook, None, None, str(handbook.root), ParseMemo())  # as if there were no `_people.yml`
    assert handbook.people_index is not index
    assert resolve_ref(handbook, "sam-roe") is None and resolve_ref(handbook, "kim-park").name == "Kim Park"
