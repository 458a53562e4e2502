"""Shared fixtures: small handbooks written to temporary folders."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# The suite's build date (RB113, RB114, "due soon"), the same day as sites.TODAY, so that no test
# changes its mind as the calendar moves on. Tests of the clock itself remove it.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1795132800")  # 2026-11-20 00:00 UTC
# Nothing from this machine's set-up: no ~/.gitconfig or /etc/gitconfig (signing, hooks,
# default branch), an identity for test commits, one time zone. Subprocesses inherit it.
os.environ.update({
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Rolebook Tests",
    "GIT_AUTHOR_EMAIL": "tests@rolebook.invalid",
    "GIT_COMMITTER_NAME": "Rolebook Tests",
    "GIT_COMMITTER_EMAIL": "tests@rolebook.invalid",
    "TZ": "UTC",
})

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "handbooks"

# A role with zero findings; tests change one thing at a time.
CLEAN_ROLE = textwrap.dedent(
    """\
    title: Staff Engineer
    summary: Sets technical direction.
    holders:
      - name: Dana Lee
    outcomes:
      - id: api-live
        title: API v2 live in production
        done_when: API v2 serves production traffic.
        due: 2026-06-30
        owner: Dana Lee
    outputs:
      - id: spec
        title: API spec
        kind: document
        location: https://example.com/spec
        contributes_to: [api-live]
    activities:
      - id: reviews
        title: Design reviews
        category: knowledge
        cadence: weekly
        time_share: 20
        produces: [spec]
    """
)


def write_handbook(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} below root/handbooks and return that folder."""
    hb = root / "handbooks"
    hb.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = hb / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return hb


@pytest.fixture
def handbook_dir(tmp_path):
    def make(files: dict[str, str]) -> Path:
        return write_handbook(tmp_path, files)

    return make
