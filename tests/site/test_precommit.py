"""The `rolebook-check` pre-commit hook, run by real `pre-commit` from a local hook repository.

The hook repository is a temporary git repository holding this checkout's
files (committed there, so uncommitted work is what gets tested); the
handbook repository points at it with `repo: <path>` and `rev: <commit>`,
as it would at a tag of the published repository. No network beyond the
package index that installs the hook's environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.handbooks import CLEAN_ROLE, REPO, write_handbook

pytestmark = pytest.mark.site
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


def git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=cwd, env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This checkout's files (tracked and new, not ignored), committed into a fresh repository."""
    target = tmp_path_factory.mktemp("hook-repo")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "hook repository", cwd=target)
    return target, git("rev-parse", "HEAD", cwd=target)


def run_pre_commit(repo: Path, home: Path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PRE_COMMIT_HOME=str(home))
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files", "--color", "never"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=900)


def test_the_hook_definition_is_what_the_readme_says():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["rolebook-check"]
    # the changed files are passed: check judges each in its whole handbook (tests/unit/cli/test_check_paths.py)
    assert hooks[0]["entry"] == "rolebook check --strict" and hooks[0].get("pass_filenames", True) is True
    assert "id: rolebook-check" in (REPO / "README.md").read_text()


def test_pre_commit_runs_rolebook_check_from_the_hook_repository(hook_repo, tmp_path):
    path, rev = hook_repo
    repo = tmp_path / "handbook"
    write_handbook(repo, {"team/r.yml": CLEAN_ROLE})
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {rev}\n    hooks:\n      - id: rolebook-check\n")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    home = tmp_path / "pre-commit-home"
    clean = run_pre_commit(repo, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "rolebook check" in clean.stdout and "Passed" in clean.stdout
    # a warning fails the hook (it runs --strict) and the output says where
    (repo / "handbooks/team/r.yml").write_text(CLEAN_ROLE.replace("    due: 2026-06-30\n", ""))
    git("add", "-A", cwd=repo)
    failing = run_pre_commit(repo, home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout and "handbooks/team/r.yml" in failing.stdout and "RB106" in failing.stdout
