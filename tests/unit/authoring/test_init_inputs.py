"""`rolebook init` with odd targets and names: a one-line error and exit 2, never a traceback (issue 25, item 7)."""

from __future__ import annotations

import os

import pytest
import yaml

from support.cli import rolebook


def test_a_symlink_loop_as_the_target(tmp_path):
    (tmp_path / "loop").symlink_to("loop")
    ran = rolebook("init", "loop", cwd=tmp_path)
    assert ran.returncode == 2 and "symlink" in ran.stderr and "Traceback" not in ran.stderr
    assert len(ran.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", [os.fsdecode(b"Acme \xff"), "Acme\u0080", "Acme\nx", "Acme\u2028", "   "])
def test_a_site_name_that_is_not_printable_text(name, tmp_path):
    ran = rolebook("init", "site", "--site-name", name, cwd=tmp_path)
    assert ran.returncode == 2 and "--site-name" in ran.stderr and "Traceback" not in ran.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("name", ["Acme handbook", "Ärzte & Söhne: \"Handbuch\" #1", "手册"])
def test_a_printable_site_name_writes_an_mkdocs_yml_that_loads(name, tmp_path):
    ran = rolebook("init", "site", "--site-name", name, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    text = (tmp_path / "site/mkdocs.yml").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("site_name:")]
    assert yaml.safe_load(lines[0])["site_name"] == name
