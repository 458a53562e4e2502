"""The editor schema says what the checker says, checked by an independent validator.

Every file in tests/data/schema-corpus/ is judged twice: by `check-jsonschema`
against the committed role.schema.json / team.schema.json, and by Rolebook's
own loader (RB001/RB002, the rules a single file can break). Wherever the
schema can express a rule (`valid-*`, `invalid-*`, `team-*`) the verdicts must
match; `checker-only-*` files are what the schema cannot see (YAML 1.1
readings, references to other files, duplicates) and the README lists them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.handbooks import REPO

CORPUS = REPO / "tests/data/schema-corpus"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
FILE_RULES = {"RB001", "RB002"}


def schema_failures(schema: Path, files: list[Path]) -> set[str]:
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "-o", "json", *map(str, files)],
                            capture_output=True, text=True, cwd=CORPUS)
    report = json.loads(result.stdout)
    assert result.returncode in (0, 1), result.stderr
    return {Path(e["filename"]).stem for e in report["errors"] + report["parse_errors"]}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """{case: (schema says valid, checker says valid, checker codes)} for the whole corpus."""
    from rolebook.checks import check
    from rolebook.loading.loader import load_handbook

    root = tmp_path_factory.mktemp("corpus") / "handbooks"
    roles = sorted(p for p in CORPUS.glob("*.yml") if not p.name.startswith("team-"))
    teams = sorted(CORPUS.glob("team-*.yml"))
    (root / "corpus").mkdir(parents=True)
    for path in roles:
        shutil.copy(path, root / "corpus" / path.name)
    for path in teams:
        (root / path.stem).mkdir()
        shutil.copy(path, root / path.stem / "_team.yml")
    findings = check(load_handbook(root))
    codes: dict[str, set[str]] = {}
    for f in findings:
        name = Path(f.path).stem if Path(f.path).name != "_team.yml" else Path(f.path).parent.name
        codes.setdefault(name, set()).add(f.code)
    failed = (schema_failures(REPO / "plugins/rolebook/role.schema.json", roles)
              | schema_failures(REPO / "plugins/rolebook/team.schema.json", teams))
    return {p.stem: (p.stem not in failed, not (codes.get(p.stem, set()) & FILE_RULES), codes.get(p.stem, set()))
            for p in roles + teams}


def test_the_corpus_covers_both_verdicts(verdicts):
    kinds = {name.split("-")[0] if not name.startswith("team-") else name.split("-")[1] for name in verdicts}
    assert kinds == {"valid", "invalid", "checker"}
    assert len(verdicts) >= 40


@pytest.mark.parametrize("case", sorted(p.stem for p in CORPUS.glob("*.yml")))
def test_schema_and_checker_agree(verdicts, case):
    schema_ok, checker_ok, codes = verdicts[case]
    if case.startswith("checker-only-"):
        assert schema_ok and codes, f"{case}: the schema should not see this, the checker should ({codes})"
        return
    expected = "-invalid-" not in f"-{case}-"
    assert (schema_ok, checker_ok) == (expected, expected), (
        f"{case}: schema says {'valid' if schema_ok else 'invalid'}, checker says {codes or 'valid'}")


def test_datetimes_and_empty_lists_get_a_message_that_works(handbook_dir):
    from rolebook.loading.loader import load_handbook

    hb = handbook_dir({
        "team/a.yml": (CORPUS / "invalid-due-datetime.yml").read_text(),
        "team/b.yml": (CORPUS / "invalid-empty-tags.yml").read_text(),
    })
    messages = {Path(f.path).name: (f.line, f.message) for f in load_handbook(hb).findings}
    assert messages["a.yml"] == (10, "`due` in outcome `api-live`: 2027-01-31T10:00:00 has a time of day: "
                                     "write the date alone as YYYY-MM-DD")
    assert messages["b.yml"] == (25, "`tags` is empty: write `tags: []` or remove the line")
    # following the advice gives a file without findings
    fixed = handbook_dir({"team/b.yml": (CORPUS / "invalid-empty-tags.yml").read_text().replace("tags:\n", "tags: []\n")})
    assert [f for f in load_handbook(fixed).findings if f.path.endswith("b.yml")] == []


def test_schema_keywords_are_json_schema_keywords():
    """pydantic's own constraint names (ge, le, ...) must not leak into the schema."""
    text = (REPO / "plugins/rolebook/role.schema.json").read_text()
    for leaked in ('"ge"', '"le"', '"gt"', '"lt"', '"max_length"', '"min_length"'):
        assert leaked not in text
    schema = json.loads(text)
    share = schema["$defs"]["Activity"]["properties"]["time_share"]["anyOf"][0]
    assert share == {"type": "number", "minimum": 0, "maximum": 100}
