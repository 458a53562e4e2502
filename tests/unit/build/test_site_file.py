"""One site-config reader for every command: mkdocs.yml or properdocs.yml, INHERIT, -f/--config-file.

Also the plugin's own options (`today` as a YAML date, a missing folder as a
configuration error naming the option) and `rolebook new` reading the site.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook
from support.sites import BIN, build

UNDATED = CLEAN_ROLE.replace("    due: 2026-06-30\n", "")  # RB106, a warning


def run(*args, cwd):
    return rolebook(*args, cwd=cwd)  # in-process: the command's exit code, stdout and stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def one_line_error(result, *words):
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def inherited(tmp_path):
    """mkdocs.yml INHERITs base.yml, which turns RB106 off and keeps the roles in `people/`."""
    write_handbook(tmp_path, {"team/r.yml": UNDATED})
    (tmp_path / "handbooks").rename(tmp_path / "people")
    write(tmp_path / "docs/index.md", "# Home\n")
    write(tmp_path / "config/base.yml", """\
        site_name: Base
        theme: {name: material}
        plugins:
          - search
          - rolebook:
              handbooks_dir: people   # relative to the config that INHERITs, as in MkDocs
              rules: {RB106: "off"}
              today: 2026-11-20
        """)
    write(tmp_path / "mkdocs.yml", "INHERIT: config/base.yml\nsite_name: Child\n")
    return tmp_path


def test_check_follows_inherit_like_the_build(inherited):
    assert run("check", "--strict", cwd=inherited).returncode == 0
    built, _ = build(inherited / "mkdocs.yml")
    assert built.returncode == 0, built.stderr
    # without the parent's rules the warning fails --strict: the rule really came from INHERIT
    write(inherited / "bare.yml", "site_name: Bare\nplugins:\n  - rolebook:\n      handbooks_dir: people\n")
    strict = run("check", "--strict", "-f", "bare.yml", cwd=inherited)
    assert strict.returncode == 1 and "RB106" in strict.stdout


def test_properdocs_yml_and_config_file_option(tmp_path):
    write_handbook(tmp_path, {"team/r.yml": UNDATED})
    write(tmp_path / "properdocs.yml", "site_name: P\nplugins:\n  rolebook:\n    rules: {RB106: off}\n")
    assert run("check", "--strict", cwd=tmp_path).returncode == 0
    write(tmp_path / "elsewhere/site.yml", "site_name: E\nplugins:\n  - rolebook:\n      handbooks_dir: ../handbooks\n")
    assert run("check", "--strict", "--config-file", "elsewhere/site.yml", cwd=tmp_path).returncode == 1
    exported = run("export", "-f", "elsewhere/site.yml", cwd=tmp_path)
    assert exported.returncode == 0 and json.loads(exported.stdout)["roles"][0]["ref"] == "team/r"
    one_line_error(run("check", "-f", "missing.yml", cwd=tmp_path), "missing.yml", "-f/--config-file")


@pytest.mark.parametrize("command", [("check",), ("export",), ("new", "team/x"), ("render", "-o", "out")])
def test_inherit_cycle_and_missing_parent_are_one_line_errors(tmp_path, command):
    write_handbook(tmp_path, {"team/r.yml": CLEAN_ROLE})
    write(tmp_path / "mkdocs.yml", "INHERIT: a.yml\n")
    write(tmp_path / "a.yml", "INHERIT: mkdocs.yml\n")
    one_line_error(run(*command, cwd=tmp_path), "INHERIT forms a cycle", "remove one of the INHERIT lines")
    write(tmp_path / "mkdocs.yml", "INHERIT: nope/base.yml\n")
    one_line_error(run(*command, cwd=tmp_path), "INHERIT: nope/base.yml does not exist")


@pytest.mark.parametrize("command", [("check",), ("export",), ("new", "team/x"), ("render", "-o", "out")])
def test_a_missing_handbooks_folder_names_the_option(tmp_path, command):
    write(tmp_path / "mkdocs.yml", "site_name: x\nplugins:\n  - rolebook:\n      handbooks_dir: roles\n")
    one_line_error(run(*command, cwd=tmp_path), "plugins.rolebook.handbooks_dir", "change `handbooks_dir`")


def test_render_names_a_missing_templates_dir(tmp_path):
    write_handbook(tmp_path, {"team/r.yml": CLEAN_ROLE})
    write(tmp_path / "mkdocs.yml", "site_name: x\nplugins:\n  - rolebook:\n      templates_dir: overrides\n")
    one_line_error(run("render", "-o", "out", cwd=tmp_path), "plugins.rolebook.templates_dir")


def test_new_writes_where_the_site_keeps_its_roles(inherited):
    result = run("new", "ops/site-lead", cwd=inherited)
    assert result.returncode == 0, result.stderr
    assert (inherited / "people/ops/site-lead.yml").is_file()
    assert (inherited / "people/ops/_team.yml").is_file()


def test_new_points_at_the_published_schema_when_the_site_has_a_url(tmp_path):
    write(tmp_path / "mkdocs.yml", "site_name: x\nsite_url: https://handbook.example.com/acme/\nplugins:\n  - rolebook\n")
    (tmp_path / "handbooks").mkdir()
    assert run("new", "eng/dev", cwd=tmp_path).returncode == 0
    first = (tmp_path / "handbooks/eng/dev.yml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://handbook.example.com/acme/role.schema.json"
    team = (tmp_path / "handbooks/eng/_team.yml").read_text().splitlines()[0]
    assert team.endswith("$schema=https://handbook.example.com/acme/team.schema.json")
    assert not (tmp_path / "schemas").exists()
    # an existing _team.yml is left alone
    assert run("new", "eng/ops", cwd=tmp_path).returncode == 0
    assert (tmp_path / "handbooks/eng/_team.yml").read_text().count("title:") == 1


@pytest.mark.parametrize("ref", ["assets/x", "search/x", "changes/x", "Team/x", "team_a/x"])
def test_new_refuses_team_ids_with_the_checkers_message(tmp_path, ref):
    team = ref.split("/")[0]
    write_handbook(tmp_path, {f"{team}/r.yml": CLEAN_ROLE})
    checker = json.loads(run("check", "--format", "json", cwd=tmp_path).stdout)["findings"]
    message = next(f["message"] for f in checker if f["code"] == "RB002")
    (tmp_path / "handbooks" / team / "r.yml").unlink()
    (tmp_path / "handbooks" / team).rmdir()
    result = run("new", ref, cwd=tmp_path)
    one_line_error(result, message)
    assert not (tmp_path / "handbooks" / team).exists()


@pytest.mark.parametrize("ref", ["team/Bad_Id", "team/-x", "no-slash", "a/b/c", "/x", "team/"])
def test_new_refuses_malformed_role_refs(tmp_path, ref):
    (tmp_path / "handbooks").mkdir()
    one_line_error(run("new", ref, cwd=tmp_path))
    assert list((tmp_path / "handbooks").iterdir()) == []


def test_new_role_id_message_is_the_checkers(tmp_path):
    write_handbook(tmp_path, {"team/Bad_Id.yml": CLEAN_ROLE})
    checker = json.loads(run("check", "--format", "json", cwd=tmp_path).stdout)["findings"]
    message = next(f["message"] for f in checker if f["code"] == "RB002")
    one_line_error(run("new", "team/Bad_Id", cwd=tmp_path), message)


def test_schema_refresh_writes_both_files(tmp_path):
    result = run("schema", "-o", "schemas/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "schemas/role.schema.json").read_text() == run("schema", cwd=tmp_path).stdout
    assert (tmp_path / "schemas/team.schema.json").read_text() == run("schema", "--team", cwd=tmp_path).stdout


# -- the plugin's own options ---------------------------------------------------


def site(tmp_path, options: str) -> Path:
    write_handbook(tmp_path, {"team/r.yml": CLEAN_ROLE})
    write(tmp_path / "docs/index.md", "# Home\n")
    return write(tmp_path / "mkdocs.yml", "site_name: t\ntheme: {name: material}\nplugins:\n  - rolebook:\n" + options)


def test_today_accepts_a_yaml_date_and_names_itself_when_wrong(tmp_path):
    ok, _ = build(site(tmp_path / "a", "      today: 2026-11-20\n"))
    assert ok.returncode == 0, ok.stderr
    for n, value in enumerate(["tomorrow", '"2026-11-31"', "2026-11-20T10:00:00"]):
        bad, _ = build(site(tmp_path / f"b{n}", f"      today: {value}\n"))
        assert bad.returncode != 0 and "option 'today'" in bad.stderr and "YYYY-MM-DD" in bad.stderr, bad.stderr
        assert "Traceback" not in bad.stderr


@pytest.mark.parametrize("tool", ["build", "serve"])
def test_a_missing_templates_dir_is_a_configuration_error(tmp_path, tool):
    config = site(tmp_path, "      templates_dir: overrides\n")
    args = ["build", "--strict"] if tool == "build" else ["serve", "--dev-addr", "127.0.0.1:0"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([str(BIN / "mkdocs"), *args, "-f", str(config)], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120)
    assert result.returncode != 0
    assert "templates_dir" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr and "FileNotFoundError" not in result.stderr
