"""A stale committed CODEOWNERS block fails a real `mkdocs build --strict` (RB119), warm cache or not."""

from __future__ import annotations

import pytest

from support.cli import rolebook
from support.sites import build, project

pytestmark = pytest.mark.site


def test_a_stale_block_fails_the_build_even_when_the_last_build_is_cached(tmp_path):
    config = project(tmp_path / "site")
    root = config.parent
    assert rolebook("codeowners", "-o", ".github/CODEOWNERS", cwd=root).returncode == 0
    result, _site = build(config)
    assert result.returncode == 0, result.stderr
    codeowners = root / ".github/CODEOWNERS"
    # Marcus Oyelaran no longer approves the staff engineer's file: edited by hand, so stale
    codeowners.write_text(codeowners.read_text().replace("@danalee @moyelaran", "@danalee"))
    result, _site = build(config)
    assert result.returncode != 0
    assert ".github/CODEOWNERS:1:1: RB119 the generated github CODEOWNERS block is stale" in result.stderr
    assert rolebook("codeowners", "-o", ".github/CODEOWNERS", cwd=root).returncode == 0
    result, _site = build(config)
    assert result.returncode == 0, result.stderr
