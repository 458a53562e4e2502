"""`rolebook diff` against real temporary git repositories, folders and roles.json files."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE

OTHER = CLEAN_ROLE.replace("title: Staff Engineer", "title: Product Manager").replace("Sets technical direction.", "Owns the roadmap.")


def sh(*args, cwd):
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / "handbooks/eng").mkdir(parents=True)
    (root / "handbooks/product").mkdir(parents=True)
    (root / "handbooks/eng/staff.yml").write_text(CLEAN_ROLE)
    (root / "handbooks/eng/old.yml").write_text(OTHER.replace("Product Manager", "Old Role").replace("roadmap", "old things"))
    (root / "handbooks/product/pm.yml").write_text(OTHER)
    sh("git", "init", "-q", "-b", "main", cwd=root)
    sh("git", "-c", "user.email=t@example.com", "-c", "user.name=T", "add", "-A", cwd=root)
    sh("git", "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", "one", cwd=root)
    sh("git", "tag", "v1", cwd=root)
    return root


def commit(root: Path, message: str, tag: str | None = None):
    sh("git", "add", "-A", cwd=root)
    sh("git", "-c", "user.email=t@example.com", "-c", "user.name=T", "commit", "-qm", message, cwd=root)
    if tag:
        sh("git", "tag", tag, cwd=root)


def rb_diff(root, *args):
    result = rolebook("diff", *args, "--format", "json", cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_field_changes_additions_removals_and_links(repo):
    staff = repo / "handbooks/eng/staff.yml"
    staff.write_text(
        CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-09-30")
        .replace("contributes_to: [api-live]", "contributes_to: [api-live, product/pm#api-live]")
        .replace("holders:\n  - name: Dana Lee\n", "holders:\n  - name: Sam Roe\n")
        .replace("outputs:\n", "  - id: new-one\n    title: A new commitment\n    done_when: x\n    due: 2027-Q1\n    owner: Sam Roe\noutputs:\n")
    )
    (repo / "handbooks/eng/new.yml").write_text(CLEAN_ROLE.replace("Staff Engineer", "Brand New"))
    result = rb_diff(repo, "v1")  # against the working tree
    roles = {r["ref"]: r for r in result["roles"]}
    assert roles["eng/new"]["change"] == "added"
    staff_change = roles["eng/staff"]
    assert staff_change["change"] == "changed"
    holders = next(f for f in staff_change["fields"] if f["field"] == "holders")
    assert holders["gained"] == ["Sam Roe"] and holders["lost"] == ["Dana Lee"]
    items = {(i["kind"], i["id"]): i for i in staff_change["items"]}
    assert items[("outcome", "new-one")]["change"] == "added"
    due = next(f for f in items[("outcome", "api-live")]["fields"] if f["field"] == "due")
    assert (due["old"], due["new"]) == ("2026-06-30", "2026-09-30")
    links = next(f for f in items[("output", "spec")]["fields"] if f["field"] == "contributes_to")
    assert links == {"field": "contributes_to", "gained": ["product/pm#api-live"], "lost": []}


def test_removal_rename_and_move_between_revisions(repo):
    (repo / "handbooks/eng/old.yml").unlink()
    sh("git", "mv", "handbooks/eng/staff.yml", "handbooks/eng/principal.yml", cwd=repo)
    sh("git", "mv", "handbooks/product/pm.yml", "handbooks/eng/pm.yml", cwd=repo)
    commit(repo, "two", tag="v2")
    result = rb_diff(repo, "v1", "v2")
    roles = {r["ref"]: r for r in result["roles"]}
    assert roles["eng/old"]["change"] == "removed"
    assert roles["eng/principal"]["change"] == "renamed" and roles["eng/principal"]["from"] == "eng/staff"
    assert roles["eng/pm"]["change"] == "moved" and roles["eng/pm"]["from"] == "product/pm"
    assert result["summary"] == {"added": 0, "removed": 1, "changed": 0, "moved": 1, "renamed": 1}
    markdown = rolebook("diff", "v1", "v2", cwd=repo).stdout
    assert "#### Staff Engineer: renamed (was `eng/staff`)" in markdown  # the same title: the old ref says it
    assert "#### Product Manager: moved (was in team Product)" in markdown


def test_a_revision_with_a_broken_file_is_reported_not_a_traceback(repo):
    (repo / "handbooks/eng/staff.yml").write_text("title: [broken\n")
    commit(repo, "broken", tag="v2")
    result = rolebook("diff", "v1", "v2", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Could not be read in v2:** `eng/staff.yml`" in result.stdout
    assert json.loads(rolebook("diff", "v1", "v2", "--format", "json", cwd=repo).stdout)["unreadable"]["new"] == ["eng/staff.yml"]


def test_folders_and_roles_json_files(repo, tmp_path):
    exported = tmp_path / "roles.json"
    rolebook("export", "handbooks", "-o", exported, cwd=repo)
    (repo / "handbooks/eng/staff.yml").write_text(CLEAN_ROLE.replace("title: Staff Engineer", "title: Staff Engineer II"))
    from_json = rb_diff(repo, exported)
    assert [(r["ref"], r["change"]) for r in from_json["roles"]] == [("eng/staff", "changed")]
    folder = tmp_path / "copy"
    sh("cp", "-r", str(repo / "handbooks"), str(folder), cwd=repo)
    assert rb_diff(repo, folder, "handbooks")["roles"] == []


def test_markdown_escapes_role_text(repo):
    (repo / "handbooks/eng/staff.yml").write_text(CLEAN_ROLE.replace("title: Staff Engineer", 'title: "<script>x</script> **bold** {: .x}"'))
    out = rolebook("diff", "v1", "--format", "markdown", cwd=repo).stdout
    assert "<script>" not in out and "\\<script\\>" in out and "\\*\\*bold\\*\\*" in out
    assert rolebook("diff", "v1", cwd=repo).stdout == out  # not a terminal: Markdown, for a job summary


def test_usage_errors(repo):
    assert rolebook("diff", "no-such-rev", cwd=repo).returncode == 2
    assert rolebook("diff", "v1", "--format", "xml", cwd=repo).returncode == 2


def test_reading_a_revision_is_one_git_process(repo, monkeypatch):
    import rolebook.history.git as gs
    import rolebook.history.sources as sources

    for i in range(30):
        (repo / f"handbooks/eng/r{i}.yml").write_text(CLEAN_ROLE)
    commit(repo, "many", tag="v2")
    calls = []
    real = subprocess.run
    monkeypatch.setattr(gs.subprocess, "run", lambda cmd, *a, **k: (calls.append(cmd), real(cmd, *a, **k))[1])
    with sources.RevisionFolder("v2", repo / "handbooks") as folder:
        assert len(list(folder.rglob("*.yml"))) == 33
    # rev-parse for the repository root, one ls-tree, one cat-file --batch for every blob (no `git archive`:
    # it applies .gitattributes, see tests/unit/history/test_revisions_as_stored.py)
    assert [c[1] for c in calls] == ["rev-parse", "ls-tree", "cat-file"]


def test_history_in_the_site_from_tags(repo):
    from support.sites import build, soup

    (repo / "handbooks/eng/staff.yml").write_text(CLEAN_ROLE.replace("due: 2026-06-30", "due: 2026-09-30"))
    commit(repo, "two", tag="v2")
    (repo / "docs").mkdir()
    (repo / "docs/index.md").write_text("# Home\n")
    (repo / "mkdocs.yml").write_text("site_name: T\ntheme:\n  name: material\n  font: false\nplugins:\n  - rolebook:\n      today: '2026-11-20'\n")
    result, site = build(repo / "mkdocs.yml", strict=True)
    assert result.returncode == 0, result.stderr
    committed = sh("git", "log", "-1", "--format=%cs", cwd=repo).strip()
    article = soup(site / "eng/staff/index.html").select_one("article")
    page = article.get_text(" ", strip=True)
    assert article.find("time", datetime=committed) is not None  # the ISO form, for machines
    assert f"This file last changed on {dt.date.fromisoformat(committed):%-d %B %Y}" in page  # in words, for readers
    assert "v2" in page and "changed" in page
    changes = soup(site / "changes/index.html").select_one("article").get_text(" ", strip=True)
    assert "v2" in changes and "v1" in changes and "due date moved from 30 June 2026 to 30 September 2026" in changes


def test_without_git_history_degrades_to_nothing(tmp_path):
    from support.sites import build, project, soup

    config = project(tmp_path, handbooks={"eng/staff.yml": CLEAN_ROLE})
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    assert "last changed" not in (site / "eng/staff/index.html").read_text()
    assert "No release history" in soup(site / "changes/index.html").get_text()
