"""No role text can start a log line or add one (CI runners act on `::command` lines).

The payloads sit in `status:`, which RB002 echoes in its message; every
output line of `check --format text`, `render` and the MkDocs plugin's log is
read the way GitHub Actions reads it (split on line breaks, leading blanks
trimmed) and none may be a workflow command.
"""

from __future__ import annotations

import json
import re

import pytest

from rolebook.text.log_line import one_line
from support.cli import rolebook
from support.sites import build, project

PAYLOADS = [
    "\n::error file=README.md::x",
    "\n::add-mask::x",
    "\r::warning::x",
    "\r\n  ::notice::x",
    "x\u2028::error::x",
    "x\x85::error::x",
    "x\x0b::error::x",
    "::error::at the start",
]


def role(status: str) -> str:
    return f"title: Payload\nsummary: Payload.\nstatus: {json.dumps(status)}\nholders:\n  - name: Dana Lee\n"


def commands(output: str) -> list[str]:
    """Lines a runner would act on: it splits on line breaks (incl. \\r) and trims leading blanks."""
    return [line for line in re.split(r"\r\n|\r|\n|\u2028|\u2029|\x85|\x0b|\x0c", output) if line.strip().startswith("::")]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_one_line_escapes_breaks_and_a_leading_command(payload):
    line = one_line(f"handbooks/x.yml:1:1: RB002 {payload}")
    assert commands(line) == [] and len(line.splitlines()) == 1
    assert commands(one_line(payload)) == []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("log")
    files = {f"team/r{i}.yml": role(p) for i, p in enumerate(PAYLOADS)}
    config = project(root / "site", handbooks=files)
    return config


def test_check_text_format_forges_no_command(hostile):
    result = rolebook("check", "handbooks", cwd=hostile.parent)
    assert result.returncode == 1
    assert result.stdout.count("RB002") == len(PAYLOADS)
    assert commands(result.stdout + result.stderr) == []
    assert "\\n::error file=README.md::x" in result.stdout  # visible, escaped


def test_github_format_still_escapes(hostile):
    result = rolebook("check", "--format", "github", "handbooks", cwd=hostile.parent)
    lines = result.stdout.splitlines()  # Python's idea of a line break is the widest
    assert len(lines) == len(PAYLOADS) and all(line.startswith("::error file=handbooks/team/r") for line in lines)
    assert "%0A::error file=README.md::x" in result.stdout


def test_render_forges_no_command(hostile, tmp_path):
    result = rolebook("render", "handbooks", "-o", tmp_path / "out", cwd=hostile.parent)
    assert result.stderr.count("RB002") == len(PAYLOADS)
    assert commands(result.stdout + result.stderr) == []


def test_plugin_log_forges_no_command(hostile):
    result, _ = build(hostile, strict=False)
    assert result.stderr.count("RB002") == len(PAYLOADS), result.stderr
    assert commands(result.stdout + result.stderr) == []
