"""Only `rolebook.history.git` starts git: every other module asks it, so there is one timeout and one error."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

import rolebook
from rolebook.history.git import GitProblem, git, git_bytes, git_output

PACKAGE = Path(rolebook.__file__).parent
RUNNERS = {"run", "Popen", "check_output", "check_call", "call", "getoutput", "getstatusoutput"}


def _starts_git(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    if name not in RUNNERS or not call.args:
        return False
    argv = call.args[0]
    if isinstance(argv, (ast.List, ast.Tuple)) and argv.elts:
        first = argv.elts[0]
        return isinstance(first, ast.Constant) and first.value == "git"
    return isinstance(argv, ast.Constant) and isinstance(argv.value, str) and argv.value.split()[:1] == ["git"]


def _git_runners() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(PACKAGE)}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and _starts_git(node)]
    return found


def test_only_history_git_runs_git():
    runners = _git_runners()
    assert runners and all(r.startswith("history/git.py:") for r in runners), runners


def test_the_detector_sees_a_git_call():
    tree = ast.parse('import subprocess\nsubprocess.run(["git", "log"], cwd=".")\nsubprocess.Popen(("git",))\n'
                     'subprocess.run(["dot", "-V"])\n')
    assert [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call) and _starts_git(node)] == [2, 3]


def test_text_bytes_and_lenient_output(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert git("rev-parse", "--is-inside-work-tree", cwd=tmp_path) == "true\n"
    assert git_bytes("rev-parse", "--is-inside-work-tree", cwd=tmp_path) == b"true\n"
    with pytest.raises(GitProblem, match="fatal"):  # git's own words, decoded
        git_bytes("rev-parse", "--verify", "HEAD^{commit}", cwd=tmp_path)
    assert git_output("log", "-1", cwd=tmp_path) == ""  # no commit yet: git fails, prints nothing, no error
