"""The `rolebook` command line: formats and exit codes.

Run in-process through click's CliRunner (`support.cli`); the tests marked "installed" run the
entry point that `pip install` puts on the PATH, as a subprocess, to prove that it works.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, EXAMPLE, REPO

ROLEBOOK = Path(sys.executable).with_name("rolebook")
BEFORE_DUE = "2026-06-01"  # a build date before CLEAN_ROLE's outcome is due: no RB113 beside the case under test


def run(*args, cwd=None):
    return rolebook(*args, cwd=cwd)


def installed(*args, cwd=None):
    """The installed `rolebook` command, as a subprocess."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(ROLEBOOK), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture
def mixed(handbook_dir):
    """A handbook with one error, one warning and one info."""
    return handbook_dir({
        "team/a.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team"),        # RB104 error
        "team/b.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", ""),                 # RB106 warning
        "team/c.yml": CLEAN_ROLE.replace("holders:\n  - name: Dana Lee\n", ""),        # RB110 info
    })


def test_check_example_handbook_is_clean():  # installed
    result = installed("check", EXAMPLE, cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "0 errors, 0 warnings, 0 info in 15 roles\n"


def test_check_default_path_and_strict_pass_on_the_example():
    assert run("check", "--strict", cwd=REPO).returncode == 0


def test_text_format(mixed, tmp_path):
    result = run("check", "--today", BEFORE_DUE, "handbooks", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("handbooks/team/a.yml:10:5: error RB104 outcome `api-live` is owned by `the team`")
    assert lines[1].startswith("handbooks/team/b.yml:6:5: warning RB106 ")
    assert lines[2].startswith("handbooks/team/c.yml:1:1: info RB110 ")
    assert lines[-1] == "1 error, 1 warning, 1 info in 3 roles"


def test_json_format(mixed, tmp_path):
    result = run("check", "--format", "json", "--today", BEFORE_DUE, "handbooks", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["summary"] == {"error": 1, "warning": 1, "info": 1}
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "path", "line", "column", "message"}
    assert (first["code"], first["severity"], first["path"], first["line"], first["column"]) == (
        "RB104", "error", "handbooks/team/a.yml", 10, 5)


def test_github_format(mixed, tmp_path):
    result = run("check", "--format", "github", "--today", BEFORE_DUE, "handbooks", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=handbooks/team/a.yml,line=10,col=5::RB104 ")
    assert lines[1].startswith("::warning file=handbooks/team/b.yml,line=6,col=5::RB106 ")
    assert lines[2].startswith("::notice file=handbooks/team/c.yml,line=1,col=1::RB110 ")


def test_exit_codes(handbook_dir, tmp_path):
    handbook_dir({"team/b.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")})
    assert run("check", "handbooks", cwd=tmp_path).returncode == 0             # a warning passes
    assert run("check", "--strict", "handbooks", cwd=tmp_path).returncode == 1  # ...unless strict
    assert run("check", "--rule", "RB106=error", "handbooks", cwd=tmp_path).returncode == 1
    assert run("check", "--strict", "--rule", "RB106=off", "handbooks", cwd=tmp_path).returncode == 0
    missing = run("check", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and "no such handbooks folder" in missing.stderr
    assert run("check", "--format", "xml", cwd=tmp_path).returncode == 2
    assert run("check", "--rule", "RB106", "handbooks", cwd=tmp_path).returncode == 2
    bad_rule = run("check", "--rule", "RB999=off", "handbooks", cwd=tmp_path)
    assert bad_rule.returncode == 2 and "RB999" in bad_rule.stderr
    assert run("frobnicate", cwd=tmp_path).returncode == 2


def test_site_config_rules_apply(handbook_dir, tmp_path):
    handbook_dir({"team/b.yml": CLEAN_ROLE.replace("    due: 2026-06-30\n", "")})
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - rolebook:\n      rules:\n        RB106: off\n"
    )
    assert run("check", "--strict", cwd=tmp_path).returncode == 0
    assert run("check", "--strict", "--config", "nope.yml", cwd=tmp_path).returncode == 2


def test_new_role_passes_the_checker_except_for_being_vacant_and_its_placeholders(tmp_path):
    (tmp_path / "handbooks").mkdir()
    result = run("new", "engineering/data-engineer", "--title", 'Data "Engineer": ops', cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "handbooks/engineering/data-engineer.yml"
    text = path.read_text()
    assert "# yaml-language-server: $schema=" in text and "outcomes" in text
    check = run("check", "--strict", "--format", "json", cwd=tmp_path)
    assert check.returncode == 1  # the template's placeholder text is RB115 until replaced
    found = [(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(check.stdout)["findings"]]
    assert found == [("_team.yml", "RB115", 3), ("data-engineer.yml", "RB115", 6), ("data-engineer.yml", "RB115", 7),
                     ("data-engineer.yml", "RB110", 11)]
    from rolebook.loading.loader import load_handbook
    assert load_handbook(tmp_path / "handbooks").role("engineering/data-engineer").role.title == 'Data "Engineer": ops'
    # the schema hint resolves from the new file, to the repository's own copy of the schema
    hint = text.splitlines()[0].split("$schema=")[1]
    assert (path.parent / hint).resolve() == (tmp_path / "schemas/role.schema.json").resolve()
    assert (tmp_path / "schemas/role.schema.json").read_text() == run("schema").stdout
    again = run("new", "engineering/data-engineer", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run("new", "Bad/Id", cwd=tmp_path).returncode == 2
    assert run("new", "no-slash", cwd=tmp_path).returncode == 2


def test_export_matches_the_contract_shape(tmp_path):
    out = tmp_path / "roles.json"
    assert run("export", EXAMPLE, "-o", out).returncode == 0
    data = json.loads(out.read_text())
    assert [t["id"] for t in data["teams"]] == sorted(t["id"] for t in data["teams"])
    refs = [r["ref"] for r in data["roles"]]
    assert refs == sorted(refs)
    eng = next(t for t in data["teams"] if t["id"] == "engineering")
    assert eng["lead"] == "engineering/cto" and eng["url"] == "engineering/"
    staff = next(r for r in data["roles"] if r["ref"] == "engineering/staff-engineer")
    assert staff["url"] == "engineering/staff-engineer/"
    assert staff["onboarding_url"] == "engineering/staff-engineer/onboarding/"
    assert staff["reports_to"] == "engineering/engineering-manager"  # refs written in full
    assert staff["outputs"][0]["contributes_to"] == ["api-v2-contract-tests", "engineering/engineering-manager#api-v2-ga"]
    assert staff["status"] == "active" and staff["outcomes"][0]["status"] == "open"  # defaults filled in
    assert staff["outcomes"][0]["due"] == "2026-12-18"
    # stdout gives the same bytes
    assert run("export", EXAMPLE).stdout == out.read_text()


def test_export_of_a_broken_handbook_says_what_is_missing(handbook_dir, tmp_path):
    handbook_dir({"team/a.yml": CLEAN_ROLE, "team/b.yml": "title: [\n"})
    result = run("export", "handbooks", cwd=tmp_path)
    assert result.returncode == 1
    assert "could not be read" in result.stderr and "b.yml" in result.stderr
    assert [r["ref"] for r in json.loads(result.stdout)["roles"]] == ["team/a"]


def test_schema_command_and_committed_schema_are_current():
    result = run("schema")
    assert result.returncode == 0
    committed = (REPO / "plugins/rolebook/role.schema.json").read_text()
    assert result.stdout == committed, "role.schema.json is stale: run `rolebook schema > plugins/rolebook/role.schema.json`"
    team = run("schema", "--team").stdout
    assert team == (REPO / "plugins/rolebook/team.schema.json").read_text(), "team.schema.json is stale"
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"title", "summary"}


def test_version_and_help():  # installed
    assert installed("--version").stdout.startswith("rolebook, version ")
    assert "check" in installed("--help").stdout
    assert run("--version").stdout.startswith("rolebook, version ")


def test_installed_exit_codes_and_streams(mixed, tmp_path):  # installed: 1 on findings, 2 on usage, stdout/stderr apart
    result = installed("check", "--today", BEFORE_DUE, "handbooks", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.endswith("1 error, 1 warning, 1 info in 3 roles\n")
    missing = installed("check", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stdout == "" and "no such handbooks folder" in missing.stderr


# -- errors: a usage or input error is exit 2 and one line; a bug is a traceback and exit 3 ----------------


def test_a_bug_in_a_rule_is_a_traceback_and_exit_3_not_a_usage_error(mixed, tmp_path, monkeypatch):
    import dataclasses

    import rolebook.checks.living as living
    from rolebook.checks.registry import REGISTRY

    def broken(*args, **kwargs):
        raise ValueError("a bug in a rule")  # a ValueError: what `check` used to report as a usage error

    # the checker runs the registered function, so the registry entry is what is swapped
    monkeypatch.setattr(REGISTRY, "checks", [dataclasses.replace(c, function=broken) if c.function is living.reviewed_findings
                                             else c for c in REGISTRY.checks])
    result = run("check", "handbooks", cwd=tmp_path)
    assert result.returncode == 3, (result.stdout, result.stderr)
    assert "Traceback (most recent call last)" in result.stderr and "ValueError: a bug in a rule" in result.stderr
    assert "this is a bug in Rolebook" in result.stderr
    assert not any(line.startswith("Error:") for line in result.stderr.splitlines())  # not click's usage error
    assert run("review", "handbooks", cwd=tmp_path).returncode == 3


def test_settings_problems_are_found_before_any_file_is_read(tmp_path):
    # the handbooks folder is missing too: the bad rule is said first, before anything is read
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - rolebook:\n      handbooks_dir: nowhere\n"
                                         "      rules: {RB999: off}\n")
    for command in (["check"], ["review"], ["export"], ["render", "-o", "out"], ["new", "team/x"]):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 2, (command, result.stderr)
        assert "mkdocs.yml: plugins.rolebook.rules: unknown rule code 'RB999'" in result.stderr, (command, result.stderr)
        assert "nowhere" not in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists() and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("labels, words", [("[Outcomes]", "labels: ['Outcomes'] is not a mapping"),
                                           ("{Outcomes: 3}", "labels: 'Outcomes': 3: write each label as text"),
                                           ("{Overview: Übersicht}", "labels: 'Overview' is not one of Rolebook's labels")])
def test_render_checks_labels_like_the_plugin(handbook_dir, tmp_path, labels, words):
    handbook_dir({"team/a.yml": CLEAN_ROLE})
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\nplugins:\n  - rolebook:\n      labels: {labels}\n")
    result = run("render", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"mkdocs.yml: plugins.rolebook.{words}" in result.stderr
    assert not (tmp_path / "out").exists()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - rolebook:\n      labels: {Outcomes: Ergebnisse}\n")
    assert run("render", "-o", "out", cwd=tmp_path).returncode == 0


def test_input_errors_name_the_file(handbook_dir, tmp_path):
    handbook_dir({"team/a.yml": CLEAN_ROLE})
    (tmp_path / "old.json").write_text("[1, 2]")
    (tmp_path / "broken.json").write_text("{")
    for name, words in (("old.json", "old.json is not a roles.json export"),
                        ("broken.json", "broken.json: cannot read it as a roles.json export")):
        result = run("diff", name, cwd=tmp_path)
        assert result.returncode == 2 and words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    unwritable = run("export", "handbooks", "-o", tmp_path / "no/such/folder/roles.json", cwd=tmp_path)
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr and "Traceback" not in unwritable.stderr
