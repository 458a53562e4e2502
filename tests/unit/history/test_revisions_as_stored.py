"""Git histories that cannot lie (issue 25, items 2 and 3), each with a real repository and real git.

A revision is read as git stores it (`.gitattributes` applies nothing), a commit dated year 10000 is
named and ignored, a tag that names a blob is skipped alone, and names that come from git (file
names in release notes) reach a page escaped.
"""

from __future__ import annotations

import os
import subprocess
from contextlib import ExitStack
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

from rolebook.history.releases import load_history
from rolebook.history.sources import RevisionFolder, diff_source
from rolebook.reports.changes import diff, to_markdown
from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, EXAMPLE, write_handbook

YEAR_10000 = "@253402300800 +0000"


def git(root: Path, *args: str, env: dict | None = None) -> str:
    environment = dict(os.environ, GIT_AUTHOR_NAME="A", GIT_AUTHOR_EMAIL="a@example.com",
                       GIT_COMMITTER_NAME="A", GIT_COMMITTER_EMAIL="a@example.com", **(env or {}))
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env=environment).stdout


def repository(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_handbook(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first")
    return root


def team(name: str = "Team") -> str:
    return f"title: {name}\nsummary: A team.\n"


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_gitattributes_change_nothing_read_from_a_revision(tmp_path):
    root = repository(tmp_path, {"t/_team.yml": team(), "t/a.yml": CLEAN_ROLE.replace(
        "Sets technical direction.", "Sets direction. $Format:%an <%ae> %s$")})
    (root / ".gitattributes").write_text("handbooks/t/a.yml export-ignore\n*.yml export-subst\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "attributes")
    git(root, "tag", "v1")
    with RevisionFolder("v1", root / "handbooks") as folder:
        assert tree_bytes(folder) == tree_bytes(root / "handbooks")  # nothing dropped, nothing substituted
    with ExitStack() as stack:
        changes = diff(diff_source("v1", root / "handbooks", stack), diff_source(None, root / "handbooks", stack))
    assert changes["roles"] == [] and changes["teams"] == []  # the release did not "remove" the role


def test_a_commit_dated_year_10000_is_named_and_ignored(tmp_path):
    root = repository(tmp_path, {"t/_team.yml": team(), "t/a.yml": CLEAN_ROLE})
    (root / "handbooks/t/a.yml").write_text(CLEAN_ROLE.replace("Staff Engineer", "Senior Staff Engineer"))
    git(root, "commit", "-qam", "from the future", env={"GIT_COMMITTER_DATE": YEAR_10000,
                                                         "GIT_AUTHOR_DATE": YEAR_10000})
    commit = git(root, "rev-parse", "HEAD").strip()
    ran = rolebook("check", "--today", "2026-11-20", "handbooks", cwd=root)
    assert ran.returncode in (0, 1), ran.stderr  # findings or none, never "cannot run" (2) or a bug (3)
    assert commit[:12] in ran.stderr and "10000-01-01" in ran.stderr
    assert "Traceback" not in ran.stderr and "isoformat" not in ran.stderr


def test_a_tag_that_names_a_blob_is_skipped_alone(tmp_path):
    root = repository(tmp_path, {"t/_team.yml": team(), "t/a.yml": CLEAN_ROLE})
    git(root, "tag", "v1.0")
    (root / "handbooks/t/b.yml").write_text(CLEAN_ROLE.replace("Staff Engineer", "Other Engineer"))
    git(root, "add", "-A")
    git(root, "commit", "-qm", "b")
    git(root, "tag", "-a", "v2.0", "-m", "two")
    blob = git(root, "hash-object", "-w", "handbooks/t/b.yml").strip()
    git(root, "tag", "v3.0", blob)  # the newest "release" is a blob
    git(root, "tag", "-a", "v2.5", "-m", "annotated, of a tree", git(root, "rev-parse", "HEAD^{tree}").strip())
    history = load_history(root / "handbooks")
    assert history is not None
    assert [r.tag for r in history.releases] == ["v2.0", "v1.0"]
    assert [role["ref"] for role in history.releases[0].changes["roles"]] == ["t/b"]


def test_file_names_from_a_release_reach_the_changes_page_escaped(tmp_path):
    hostile = ["x`<img src=x onerror=alert(1)>`.yml", "<img src=y onerror=alert(2)>.yml", "{{ 7*191 }}.yml"]
    root = repository(tmp_path, {"t/_team.yml": team(), "t/a.yml": CLEAN_ROLE,
                                 **{f"t/{name}": "title: [unclosed\n" for name in hostile}})
    git(root, "tag", "v1")
    with ExitStack() as stack:
        changes = diff(diff_source("v1", root / "handbooks", stack), diff_source(None, root / "handbooks", stack))
    assert len(changes["unreadable"]["old"]) == 3
    html = markdown.markdown(to_markdown(changes), extensions=["toc", "attr_list"])
    page = BeautifulSoup(html, "html.parser")
    assert page.find("img") is None and "onerror=" not in str(page.find_all(True, attrs=True))
    assert "{{" not in html and "{%" not in html
    text = page.get_text()
    assert "<img src=y onerror=alert(2)>.yml" in text and "onerror=alert(1)>" in text  # shown as text


def test_an_absolute_symlink_into_the_handbook_reads_alike_from_git_and_the_working_tree(tmp_path):
    root = repository(tmp_path, {"t/_team.yml": team(), "t/a.yml": CLEAN_ROLE})
    (root / "handbooks/t/alias.yml").symlink_to(root.resolve() / "handbooks/t/a.yml")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "alias")
    git(root, "tag", "v1")
    with ExitStack() as stack:
        old, new = diff_source("v1", root / "handbooks", stack), diff_source(None, root / "handbooks", stack)
        assert old.unreadable == new.unreadable
        assert diff(old, new)["roles"] == []


def test_the_example_handbook_reads_alike_from_git_and_from_the_folder(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    import shutil

    shutil.copytree(EXAMPLE, root / "handbooks")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "example")
    with RevisionFolder("HEAD", root / "handbooks") as folder:
        assert tree_bytes(folder) == tree_bytes(root / "handbooks")
