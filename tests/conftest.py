"""The suite's environment and fixtures; the helpers themselves live in `support/`."""

from __future__ import annotations

import os
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

from support.handbooks import CLEAN_ROLE, EXAMPLE, REPO, write_handbook  # noqa: F401 (fixtures below use them)


@pytest.fixture
def handbook_dir(tmp_path):
    def make(files: dict[str, str]) -> Path:
        return write_handbook(tmp_path, files)

    return make
