"""`handbooks/_people.yml` through the one file reader: people by id, every problem a finding at its field."""

from __future__ import annotations

from rolebook.loading.loader import load_handbook
from support.handbooks import CLEAN_ROLE

PEOPLE = """\
people:
  - id: dana-lee
    name: Dana Lee
    github: danalee
    time_zone: Europe/Berlin
  - id: sam-roe
    name: Sam Roe
"""


def _codes(handbook):
    return [(f.code, f.line, f.column) for f in handbook.findings]


def test_people_are_read_by_id_with_their_fields(handbook_dir):
    handbook = load_handbook(handbook_dir({"_people.yml": PEOPLE, "team/r.yml": CLEAN_ROLE}))
    assert handbook.findings == []
    assert list(handbook.people) == ["dana-lee", "sam-roe"]
    assert handbook.people["dana-lee"].time_zone == "Europe/Berlin"
    assert handbook.people["dana-lee"].github == "danalee"
    assert handbook.people_path.name == "_people.yml"
    assert [i for i, _ in handbook.people_listed] == [0, 1]


def test_without_the_file_the_holders_are_the_people(handbook_dir):
    role = CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - name: Dana Lee\n  - name: Léa  Dubois\n")
    handbook = load_handbook(handbook_dir({"team/r.yml": role, "team/s.yml": CLEAN_ROLE}))
    assert handbook.people_path is None
    assert {pid: p.name for pid, p in handbook.people.items()} == {"dana-lee": "Dana Lee", "lea-dubois": "Léa Dubois"}
    assert handbook.findings == []


def test_a_people_file_that_is_not_a_mapping_is_rb002_at_the_top(handbook_dir):
    handbook = load_handbook(handbook_dir({"_people.yml": "- id: dana-lee\n  name: Dana Lee\n", "team/r.yml": CLEAN_ROLE}))
    [finding] = handbook.findings
    assert (finding.code, finding.line, finding.column) == ("RB002", 1, 1)
    assert "people file must be a mapping of fields (`people: ...`), not a list" in finding.message
    assert finding.path.endswith("_people.yml")
    assert handbook.people == {} and any(p.name == "_people.yml" for p in handbook.unreadable)


def test_a_person_without_a_name_is_rb002_at_the_person_and_the_others_still_count(handbook_dir):
    text = PEOPLE.replace("    name: Sam Roe\n", "    github: samroe\n")
    handbook = load_handbook(handbook_dir({"_people.yml": text, "team/r.yml": CLEAN_ROLE}))
    [finding] = handbook.findings
    assert (finding.code, finding.line, finding.column) == ("RB002", 6, 5)
    assert finding.message == "`name` is required in person `sam-roe`: add `name:`"
    assert list(handbook.people) == ["dana-lee"]


def test_unknown_fields_and_bad_ids_are_named_with_the_fix(handbook_dir):
    text = PEOPLE.replace("    github: danalee\n", "    githb: danalee\n").replace("id: sam-roe", "id: Sam Roe")
    handbook = load_handbook(handbook_dir({"_people.yml": text, "team/r.yml": CLEAN_ROLE}))
    messages = {(f.line, f.message) for f in handbook.findings}
    assert (4, "unknown field `githb` in person `dana-lee`: did you mean `github`?") in messages
    assert any(line == 6 and "`Sam Roe` is not valid for `id` in person `Sam Roe`" in m for line, m in messages)


def test_an_empty_file_and_broken_yaml_are_findings_not_tracebacks(handbook_dir):
    handbook = load_handbook(handbook_dir({"_people.yml": "", "team/r.yml": CLEAN_ROLE}))
    assert [f.message for f in handbook.findings] == [
        "the people file is empty: it needs at least `people:` with one `- id: ...` and `name: ...` per person"]
    handbook = load_handbook(handbook_dir({"_people.yml": "people: [\n", "team/r.yml": CLEAN_ROLE}))
    assert [f.code for f in handbook.findings] == ["RB001"]


def test_two_people_files_are_rb003_and_the_yml_one_is_read(handbook_dir):
    handbook = load_handbook(handbook_dir({"_people.yml": PEOPLE, "_people.yaml": PEOPLE, "team/r.yml": CLEAN_ROLE}))
    [finding] = handbook.findings
    assert finding.code == "RB003" and finding.path.endswith("_people.yaml")
    assert handbook.people_path.name == "_people.yml"


def test_holders_by_person_with_a_share_and_covers_load(handbook_dir):
    role = CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - person: dana-lee\n    share: 60\ncover:\n  - person: sam-roe\n  - role: s\n")
    handbook = load_handbook(handbook_dir({"_people.yml": PEOPLE, "team/r.yml": role}))
    assert handbook.findings == []
    entry = handbook.role("team/r")
    assert entry.role.holders[0].person == "dana-lee" and entry.role.holders[0].share == 60
    assert [(c.person, c.role) for c in entry.role.cover] == [("sam-roe", None), (None, "s")]


def test_share_out_of_range_and_a_holder_naming_nobody_are_rb002_at_the_field(handbook_dir):
    for share in ("150", "-5"):
        role = CLEAN_ROLE.replace("  - name: Dana Lee\n", f"  - person: dana-lee\n    share: {share}\n")
        [finding] = load_handbook(handbook_dir({"team/r.yml": role})).findings
        assert (finding.line, finding.column) == (5, 5), share
        assert finding.message == f"`share: {share}` is out of range: use a number from 0 to 100"
    role = CLEAN_ROLE.replace("  - name: Dana Lee\n", "  - since: 2025-01-01\n")
    [finding] = load_handbook(handbook_dir({"team/r.yml": role})).findings
    assert (finding.code, finding.line) == ("RB002", 4)
    assert "a holder needs `person:` or `name:`: add one" in finding.message
    role = CLEAN_ROLE + "cover:\n  - why: nobody\n"
    [finding] = load_handbook(handbook_dir({"team/r.yml": role})).findings
    assert "unknown field `why`" in finding.message
