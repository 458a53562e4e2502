"""`rolebook check --format sarif|gitlab`, validated against the formats' schemas.

SARIF: the published SARIF 2.1.0 schema as Microsoft's jest-sarif npm package
ships it (installed into .tools/ by scripts/setup.sh --test). GitLab Code
Quality: no package ships a schema, so tests/data has one written from
GitLab's documented format (its source URL is in the file).
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, REPO

SARIF_SCHEMA = REPO / ".tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"
GITLAB_SCHEMA = REPO / "tests/data/gitlab-code-quality.schema.json"


def run(*args, cwd):
    return rolebook(*args, cwd=cwd)  # in-process


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """One handbook with an error, a warning and an info, checked in every format."""
    from support.handbooks import write_handbook

    root = tmp_path_factory.mktemp("formats")
    write_handbook(root, {
        "team/a.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team"),        # RB104 error
        "team/b.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", ""),                 # RB106 warning
        "team/c.yml": CLEAN_ROLE.replace("holders:\n  - name: Dana Lee\n", ""),        # RB110 info
        "team/d e.yml": CLEAN_ROLE,                                                    # RB002: a path with a space
    })
    out = {fmt: run("check", "--format", fmt, cwd=root) for fmt in ("json", "sarif", "gitlab")}
    return {fmt: (r.returncode, json.loads(r.stdout)) for fmt, r in out.items()}


def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_valid_sarif_2_1_0_with_one_rule_per_code(reports):
    from rolebook.model.findings import RULES

    code, log = reports["sarif"]
    assert code == 1
    sarif_validator().validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(RULES)
    assert all(r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    _, plain = reports["json"]
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        (f["code"], {"error": "error", "warning": "warning", "info": "note"}[f["severity"]]) for f in plain["findings"]]
    for result, finding in zip(results, plain["findings"]):
        place = result["locations"][0]["physicalLocation"]
        assert place["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "handbooks/team/d%20e.yml" in uris  # a valid URI reference


def test_the_sarif_schema_catches_a_broken_log(reports):
    _, log = reports["sarif"]
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not sarif_validator().is_valid(broken)


def test_gitlab_code_quality_report(reports):
    code, issues = reports["gitlab"]
    assert code == 1
    schema = json.loads(GITLAB_SCHEMA.read_text())
    jsonschema.Draft7Validator(schema).validate(issues)
    _, plain = reports["json"]
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        (f["code"], f["path"], f["line"]) for f in plain["findings"]]
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["RB104"] == "major" and severities["RB106"] == "minor" and severities["RB110"] == "info"
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    broken = [dict(issues[0], severity="fatal")]
    assert not jsonschema.Draft7Validator(schema).is_valid(broken)


def test_fingerprints_survive_a_line_shift(tmp_path):
    from support.handbooks import write_handbook

    write_handbook(tmp_path, {"team/a.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team")})
    before = json.loads(run("check", "--format", "gitlab", cwd=tmp_path).stdout)
    path = tmp_path / "handbooks/team/a.yml"
    path.write_text("# a comment above\n" + path.read_text())
    after = json.loads(run("check", "--format", "gitlab", cwd=tmp_path).stdout)
    assert [i["location"]["lines"]["begin"] for i in after] == [i["location"]["lines"]["begin"] + 1 for i in before]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]
