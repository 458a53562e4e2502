"""The README's examples work as written: the mkdocs.yml snippet builds, the CI snippets validate."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.handbooks import CLEAN_ROLE, REPO, write_handbook
from support.sites import build

README = (REPO / "README.md").read_text()


def code_blocks(section: str, language: str) -> list[str]:
    start = README.index(section)
    following = README.find("\n## ", start + len(section))
    text = README[start:following if following != -1 else None]
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


@pytest.mark.site
def test_the_plugin_options_snippet_builds_a_site(tmp_path):
    snippet, = code_blocks("## Plugin options", "yaml")
    write_handbook(tmp_path, {"team/r.yml": CLEAN_ROLE})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n")
    (tmp_path / "templates").mkdir()  # the snippet names it, and a named folder must exist
    (tmp_path / "mkdocs.yml").write_text(snippet)
    result, site = build(tmp_path / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert (site / "team/r/index.html").is_file()
    assert "Handbook" in (site / "index.html").read_text()  # section_title
    # and the command line reads the same file
    check = subprocess.run([str(Path(sys.executable).with_name("rolebook")), "check", "--strict"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_gitlab_ci_snippet_is_valid_gitlab_ci(tmp_path):
    gitlab = next(b for b in code_blocks("### Reports for code scanning", "yaml") if "codequality" in b)
    (tmp_path / ".gitlab-ci.yml").write_text(gitlab)
    result = subprocess.run([str(Path(sys.executable).with_name("check-jsonschema")), "--builtin-schema",
                             "vendor.gitlab-ci", str(tmp_path / ".gitlab-ci.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_command_the_readme_lists_exists():
    block, = code_blocks("## Commands", "sh")
    listed = {line.split()[1] for line in block.splitlines() if line.startswith("rolebook ") and not line.split()[1].startswith("-")}
    help_text = subprocess.run([str(Path(sys.executable).with_name("rolebook")), "--help"], capture_output=True,
                               text=True).stdout
    available = set(re.findall(r"^  (\w+)", help_text, flags=re.M))
    assert listed and listed <= available, listed - available


def test_the_python_api_snippet_runs_on_the_example(tmp_path):
    snippet, = code_blocks("## Commands", "python")
    shutil.copytree(REPO / "handbooks", tmp_path / "handbooks")
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    code = snippet + "assert findings == [] and len(data['roles']) == 15 and 'overview/index.md' in pages\n"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
