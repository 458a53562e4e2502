"""A long build says how far it is through MkDocs' own log (here made "long" from the first second)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.handbooks import REPO

pytestmark = pytest.mark.site
MKDOCS = Path(sys.executable).with_name("mkdocs")


def test_the_example_build_logs_its_progress(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ROLEBOOK_PROGRESS_AFTER="0")
    built = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(tmp_path / "site"), "-f",
                            str(REPO / "mkdocs.yml")], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    lines = re.findall(r"INFO    -  rolebook: ([\d,]+) of ([\d,]+) pages (converted|written)", built.stderr)
    assert lines, built.stderr
    pages = sum(1 for _ in (tmp_path / "site").rglob("index.html"))  # one per Markdown page (404.html aside)
    totals = {int(total.replace(",", "")) for _, total, _ in lines}
    assert totals == {pages}, (totals, pages)
    assert ("{:,}".format(pages), "{:,}".format(pages), "written") == lines[-1]
    assert len(lines) < 20  # a line now and then, not one per page
