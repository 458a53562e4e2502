"""Every I/O error of the command line is one line naming the path, and exit 2: never a traceback."""

from __future__ import annotations

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook


@pytest.fixture
def site(tmp_path):
    write_handbook(tmp_path, {"eng/_team.yml": "title: Eng\nsummary: Builds it.\n", "eng/staff.yml": CLEAN_ROLE})
    (tmp_path / "a-file").write_text("x")
    return tmp_path


@pytest.mark.parametrize("args", [
    ("export", "handbooks", "-o", "/missing/dir/x.json"),
    ("export", "handbooks", "-o", "a-file/x.json"),
    ("schema", "-o", "/missing/dir/role.schema.json"),
    ("schema", "-o", "a-file/"),
    ("render", "handbooks", "-o", "a-file", "--today", "2026-01-01"),
    ("init", "a-file/acme"),
    ("new", "eng/new-role", "--handbooks", "a-file"),
    ("check", "-f", "/missing/mkdocs.yml"),
    ("diff", "/missing/roles.json", "handbooks"),
])
def test_one_line_and_exit_2(site, args):
    result = rolebook(*args, cwd=site)
    assert result.returncode == 2, (args, result)
    assert "Traceback" not in result.stderr, result.stderr
    # one line saying what is wrong (click's own usage errors put its usage hint above it)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and result.stderr.endswith(errors[0] + "\n"), result.stderr
