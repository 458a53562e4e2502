"""Reading files: every malformed input becomes a positioned finding, never a traceback."""

from __future__ import annotations

import pytest

from rolebook.checks import check
from rolebook.loading.loader import load_handbook
from rolebook.loading.yaml_events import MAX_BYTES, YamlProblem, load
from support.handbooks import CLEAN_ROLE


def findings_for(handbook_dir, files):
    hb = load_handbook(handbook_dir(files))
    return hb, check(hb)


def only(findings, code):
    return [f for f in findings if f.code == code]


def test_positions_of_keys_and_items():
    doc = load("a: 1\nlist:\n  - x: 1\n    y: [p, q]\n")
    assert doc.position(("a",)) == (1, 1)
    assert doc.position(("list", 0)) == (3, 5)
    assert doc.position(("list", 0, "y", 1)) == (4, 12)
    # an unrecorded path falls back to its nearest ancestor
    assert doc.position(("list", 0, "nope")) == (3, 5)


BAD_FILES = {
    "empty": (b"", "RB002", (1, 1), "empty"),
    "list": ("- a\n- b\n", "RB002", (1, 1), "mapping"),
    "scalar": ("just text\n", "RB002", (1, 1), "mapping"),
    "binary": (b"title: x\n\x00\xff\xfe\x01junk", "RB001", (2, 2), "not UTF-8"),
    "control": ("title: x\x07\n", "RB002", (1, 9), "control character U+0007"),
    "deep": ("a: " + "[" * 500 + "]" * 500 + "\n", "RB001", (1, 67), "nesting"),
    "huge": ("title: x\nsummary: y\npurpose: |\n" + ("  " + "x" * 100 + "\n") * (MAX_BYTES // 100), "RB001", (1, 1), "1 MiB"),
    "bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
        ),
        "RB001", (4, 36), "10,000 nodes",
    ),
    "duplicate": ("title: a\nsummary: b\ntitle: c\n", "RB001", (3, 1), "duplicate key `title` (first at line 1)"),
    "syntax": ("title: [unclosed\nsummary: x\n", "RB001", (2, 8), "YAML syntax"),
    "two-docs": ("title: a\n---\ntitle: b\n", "RB001", (2, 1), "one YAML document"),
    "python-tag": ("title: !!python/object/apply:os.system [ls]\n", "RB001", (1, 8), "not allowed"),
    "recursive": ("title: &a [*a]\n", "RB001", (1, 12), "refers to itself"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_malformed_file_gives_a_positioned_finding(handbook_dir, name):
    content, code, position, words = BAD_FILES[name]
    hb, findings = findings_for(handbook_dir, {"team/bad.yml": content, "team/good.yml": CLEAN_ROLE})
    bad = [f for f in findings if f.path.endswith("bad.yml")]
    assert bad, findings
    assert bad[0].code == code
    assert (bad[0].line, bad[0].column) == position
    assert words in bad[0].message
    # the broken role is not silently dropped...
    assert any(p.name == "bad.yml" for p in hb.unreadable)
    # ...and does not hide the good one
    assert hb.role("team/good") is not None


def test_alias_expansion_is_counted_without_expanding():
    text = "a: &a [" + ", ".join(["x"] * 100) + "]\n" + "".join(
        f"k{i}: &k{i} [{', '.join(['*a' if i == 0 else f'*k{i - 1}'] * 100)}]\n" for i in range(8)
    )
    with pytest.raises(YamlProblem, match="10,000"):
        load(text)  # 100**9 nodes if expanded: returning at all shows it was not


def test_small_aliases_are_allowed(handbook_dir):
    role = CLEAN_ROLE + "decision_rights: &rights [Approves designs]\nchecklists:\n  weekly: *rights\n"
    hb, findings = findings_for(handbook_dir, {"team/r.yml": role})
    assert findings == []
    assert hb.role("team/r").role.checklists.weekly == ["Approves designs"]


def test_merge_keys(handbook_dir):
    assert load("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n").data["m"] == {"x": 1, "y": 2}


@pytest.mark.parametrize(
    "line, expected",
    [
        ("title: NO", '`title: NO` is read by YAML 1.1 as false, not text: quote it (`title: "NO"`)'),
        ("title: yes", "read by YAML 1.1 as true"),
        ("title: 2026", "read by YAML 1.1 as 2026"),
        ("title: ~", "read by YAML 1.1 as empty"),
    ],
)
def test_yaml_11_surprises_are_explained(handbook_dir, line, expected):
    role = CLEAN_ROLE.replace("title: Staff Engineer", line)
    _, findings = findings_for(handbook_dir, {"team/r.yml": role})
    assert [(f.code, f.line, f.column) for f in findings] == [("RB002", 1, 1)]
    assert expected in findings[0].message


def test_on_key_stays_a_key_and_is_reported(handbook_dir):
    _, findings = findings_for(handbook_dir, {"team/r.yml": CLEAN_ROLE + "on: true\n"})
    assert [(f.code, f.line, f.column) for f in findings] == [("RB002", 24, 1)]
    assert "unknown field `on`" in findings[0].message


@pytest.mark.parametrize(
    "change, position, words",
    [
        (("title: Staff Engineer\n", ""), (1, 1), "`title` is required"),
        (("title: API spec", "titel: API spec"), (13, 5), "unknown field `titel` in output `spec`: did you mean `title`?"),
        (("kind: document", "kind: doc"), (14, 5), "use one of 'document'"),
        (("id: api-live", "id: ../etc"), (6, 5), "`../etc` is not valid for `id`"),
        (("id: api-live", "id: api live"), (6, 5), "`api live` is not valid for `id`"),
        (("due: 2026-06-30", "due: 2026-Q5"), (9, 5), "YYYY-Qn"),
        (("due: 2026-06-30", "due: 2026-02-30"), (9, 5), "not a calendar date"),
        (("time_share: 20", "time_share: 120"), (22, 5), "from 0 to 100"),
        (("time_share: 20", "time_share: lots"), (22, 5), "must be a number"),
        (("produces: [spec]", "produces: spec"), (23, 5), "must be a list"),
        (("holders:\n  - name: Dana Lee", "holders:\n  - nome: Dana Lee"), (4, 5), "did you mean `name`"),
    ],
)
def test_schema_errors_point_at_the_key(handbook_dir, change, position, words):
    old, new = change
    assert old in CLEAN_ROLE
    _, findings = findings_for(handbook_dir, {"team/r.yml": CLEAN_ROLE.replace(old, new, 1)})
    rb002 = only(findings, "RB002")
    assert rb002, findings
    assert (rb002[0].line, rb002[0].column) == position, rb002[0]
    assert words in rb002[0].message


def test_defaults_are_filled_in(handbook_dir):
    hb, _ = findings_for(handbook_dir, {"team/r.yml": CLEAN_ROLE})
    role = hb.role("team/r").role
    assert role.status == "active"
    assert role.outcomes[0].status == "open"
    assert role.outcomes[0].due == "2026-06-30"  # YAML's date becomes ISO text
    assert role.checklists.weekly == [] and role.onboarding.contacts == []


def test_folder_that_is_not_a_team(handbook_dir):
    _, findings = findings_for(handbook_dir, {"Bad Team/r.yml": CLEAN_ROLE, "ok/r.yml": CLEAN_ROLE})
    assert [(f.code, f.path.endswith("Bad Team"), f.message[:22]) for f in findings] == [
        ("RB002", True, "folder `Bad Team` is n")
    ]
    assert "`bad-team`" in findings[0].message


def test_file_names_that_are_not_ids(handbook_dir):
    _, findings = findings_for(handbook_dir, {"team/Staff Engineer.yml": CLEAN_ROLE})
    assert findings[0].code == "RB002" and "`staff-engineer.yml`" in findings[0].message


def test_role_file_outside_a_team_and_in_a_subfolder(handbook_dir):
    _, findings = findings_for(handbook_dir, {"loose.yml": CLEAN_ROLE, "team/sub/r.yml": CLEAN_ROLE})
    messages = sorted(f.message for f in findings)
    assert any("outside a team folder" in m for m in messages)
    assert any("sub-folder `sub` are not read" in m for m in messages)


def test_reserved_team_id(handbook_dir):
    _, findings = findings_for(handbook_dir, {"changes/r.yml": CLEAN_ROLE})
    assert findings[0].code == "RB002" and "reserved" in findings[0].message


def test_yaml_extension_and_duplicate_role_id(handbook_dir):
    hb, findings = findings_for(handbook_dir, {"team/r.yml": CLEAN_ROLE, "team/r.yaml": CLEAN_ROLE, "team/s.yaml": CLEAN_ROLE})
    assert hb.role("team/s") is not None
    assert [f.code for f in findings] == ["RB003"]
    assert "defined twice" in findings[0].message


def test_team_file_is_validated(handbook_dir):
    hb, findings = findings_for(handbook_dir, {"team/_team.yml": "title: T\nsumary: x\n", "team/r.yml": CLEAN_ROLE})
    # the typo and the missing field it stands for are one finding
    assert [(f.code, f.line, f.column) for f in findings] == [("RB002", 2, 1)]
    assert "unknown field `sumary`: did you mean `summary`?" in findings[0].message
    _, findings = findings_for(handbook_dir, {"team/_team.yml": "title: T\n", "team/r.yml": CLEAN_ROLE})
    assert [(f.code, f.line, f.message) for f in findings] == [("RB002", 1, "`summary` is required: add `summary:`")]
