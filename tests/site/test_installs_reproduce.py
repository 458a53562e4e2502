"""Installs that reproduce: from a wheel and from a git URL, each in a fresh virtual environment,
`rolebook init`, a role written, checked and built; then the generated workflows' install and
check steps, run as written, in a second fresh environment that has only the repository.

Slow (four environments; pip's cache makes the dependencies cheap after the first). The wheel and
the git repository hold this checkout's files, committed, so uncommitted work is what gets tested.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.handbooks import CLEAN_ROLE, REPO

pytestmark = pytest.mark.site
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
ENV.pop("PYTHONPATH", None)  # nothing from this checkout: only what each environment installed


def sh(*args, cwd, env=ENV, ok=True, timeout=600):
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    if ok:
        assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def git(*args, cwd):
    env = dict(ENV, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com")
    return sh("git", "-c", "commit.gpgsign=false", *args, cwd=cwd, env=env).stdout.strip()


def fresh_venv(where: Path) -> Path:
    sh(sys.executable, "-m", "venv", where, cwd=where.parent)
    return where / "bin"


@pytest.fixture(scope="module")
def source_repo(tmp_path_factory):
    """This checkout's files (tracked and new, not ignored), committed into a fresh git repository."""
    target = tmp_path_factory.mktemp("rolebook-src")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    git("init", "-q", cwd=target)
    git("add", "-A", cwd=target)
    git("commit", "-q", "-m", "rolebook", cwd=target)
    return target, git("rev-parse", "HEAD", cwd=target)


def workflow_commands(repo: Path) -> list[str]:
    """The pull-request workflow's install and check commands, as CI runs them (apt-get aside: dot is here)."""
    workflow = yaml.safe_load((repo / ".github/workflows/pull-request.yml").read_text())
    commands = []
    for step in workflow["jobs"]["handbook"]["steps"]:
        if step.get("name", "").startswith(("Install", "Check")):
            commands += [line for line in step["run"].splitlines() if not line.startswith("sudo ")]
    assert any(c.startswith("pip install -r requirements.txt") for c in commands), commands
    assert any(c.startswith("rolebook check") for c in commands), commands
    return commands


def adopt(bin_: Path, where: Path) -> Path:
    """What a new user does: init, replace the starter with a real role, check, build."""
    sh(bin_ / "rolebook", "init", "acme", cwd=where)
    repo = where / "acme"
    git("init", "-q", cwd=repo)
    (repo / "handbooks/people/handbook-owner.yml").unlink()
    (repo / "handbooks/people/staff-engineer.yml").write_text(CLEAN_ROLE.replace("2026-06-30", "2099-06-30"))
    team = repo / "handbooks/people/_team.yml"
    team.write_text(team.read_text().replace("handbook-owner", "staff-engineer"))
    sh(bin_ / "rolebook", "codeowners", "-o", ".github/CODEOWNERS", cwd=repo)  # the approvers follow (RB119)
    check = sh(bin_ / "rolebook", "check", "--strict", cwd=repo)
    assert check.stdout == "0 errors, 0 warnings, 0 info in 1 role\n"
    sh(bin_ / "mkdocs", "build", "--strict", cwd=repo)
    assert (repo / "site/people/staff-engineer/index.html").is_file()
    return repo


def run_ci_steps(repo: Path, tmp_path: Path) -> dict:
    """The workflow's install and check steps in a fresh environment; its PEP 610 record of Rolebook."""
    bin_ = fresh_venv(tmp_path / "ci-venv")
    env = dict(ENV, PATH=f"{bin_}{os.pathsep}{ENV['PATH']}", VIRTUAL_ENV=str(bin_.parent))
    for command in workflow_commands(repo):
        sh("bash", "-c", command.replace("--format github", "--format text"), cwd=repo, env=env)
    record = sh(bin_ / "python", "-c", "import importlib.metadata as m; "
                "print(m.distribution('rolebook').read_text('direct_url.json'))", cwd=repo, env=env).stdout
    where = sh(bin_ / "python", "-c", "import rolebook; print(rolebook.__file__)", cwd=repo, env=env).stdout
    assert where.startswith(str(bin_.parent)), where
    return json.loads(record)


def test_from_a_wheel(source_repo, tmp_path):
    src, _ = source_repo
    dist = tmp_path / "dist"
    sh(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", dist, src, cwd=tmp_path)
    wheel, = dist.glob("rolebook-*.whl")
    bin_ = fresh_venv(tmp_path / "venv")
    sh(bin_ / "pip", "install", "--quiet", wheel, cwd=tmp_path)
    repo = adopt(bin_, tmp_path)
    requirements = (repo / "requirements.txt").read_text().splitlines()
    assert requirements[-1] == f"./wheels/{wheel.name}"
    assert (repo / "wheels" / wheel.name).read_bytes() == wheel.read_bytes()
    assert any("rolebook==" in line for line in requirements if line.startswith("#"))  # switching to the index
    shutil.rmtree(dist)  # the repository must not need the wheel where it was built
    record = run_ci_steps(repo, tmp_path)
    assert record["url"] == (repo / "wheels" / wheel.name).as_uri() and "archive_info" in record


def test_from_a_git_url(source_repo, tmp_path):
    src, commit = source_repo
    bin_ = fresh_venv(tmp_path / "venv")
    sh(bin_ / "pip", "install", "--quiet", f"git+{src.as_uri()}", cwd=tmp_path)
    repo = adopt(bin_, tmp_path)
    requirement = (repo / "requirements.txt").read_text().splitlines()[-1]
    assert requirement == f"git+{src.as_uri()}@{commit}#egg=rolebook"
    git("commit", "-q", "--allow-empty", "-m", "a later commit the handbook must not pick up", cwd=src)
    record = run_ci_steps(repo, tmp_path)
    assert record["vcs_info"]["commit_id"] == commit
