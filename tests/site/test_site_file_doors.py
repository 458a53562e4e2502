"""One site file, two doors: `rolebook` reads `mkdocs.yml` with MkDocs' own loader (`!ENV`,
`!relative`, `INHERIT`) and validates the plugin's options with the plugin's own config class, so
the command line and `mkdocs build` agree on the folder, and a typo is an error in both."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook

pytestmark = pytest.mark.site
MKDOCS = Path(sys.executable).with_name("mkdocs")
TEAM = "title: Eng\nsummary: Builds it.\n"


def site(tmp_path: Path, options: str, *, folder: str = "roles") -> Path:
    write_handbook(tmp_path, {"eng/_team.yml": TEAM, "eng/staff.yml": CLEAN_ROLE.replace("2026-06-30", "2099-06-30")})
    (tmp_path / "handbooks").rename(tmp_path / folder)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: T
        theme: material
        plugins:
          - rolebook:
        """) + textwrap.indent(textwrap.dedent(options), " " * 6))
    return tmp_path


def mkdocs_build(where: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([str(MKDOCS), "build", "--strict"], cwd=where, env=env, capture_output=True, text=True)


def test_env_tag_picks_the_same_folder_in_both(tmp_path):
    where = site(tmp_path, "handbooks_dir: !ENV [RB_DIR, handbooks]\ntoday: 2026-01-01\n")
    checked = rolebook("check", cwd=where, env={"RB_DIR": "roles"})
    assert checked.returncode == 0 and checked.stdout.endswith("in 1 role\n"), checked
    built = mkdocs_build(where, {"RB_DIR": "roles"})
    assert built.returncode == 0, built.stderr
    assert (where / "site/eng/staff/index.html").is_file()
    unset = rolebook("check", cwd=where, env={"RB_DIR": None})  # the tag's default: handbooks/, not there
    assert unset.returncode == 2 and "plugins.rolebook.handbooks_dir" in unset.stderr and "handbooks" in unset.stderr


def test_relative_tag_and_inherit(tmp_path):
    where = site(tmp_path, "handbooks_dir: !relative $config_dir/roles\n")
    assert rolebook("check", cwd=where).stdout.endswith("in 1 role\n")
    assert mkdocs_build(where).returncode == 0
    (where / "base.yml").write_text((where / "mkdocs.yml").read_text())
    (where / "mkdocs.yml").write_text("INHERIT: base.yml\nplugins:\n  - rolebook:\n      handbooks_dir: !ENV [RB_DIR, roles]\n")
    assert rolebook("check", cwd=where, env={"RB_DIR": "roles"}).stdout.endswith("in 1 role\n")


@pytest.mark.parametrize("options, says", [
    ("handbook_dir: roles\n", "handbook_dir"),   # a typo: no silent default
    ("history: maybe\n", "history"),             # a type the plugin's config class refuses
])
def test_a_bad_option_is_an_error_in_both(tmp_path, options, says):
    where = site(tmp_path, options, folder="handbooks")
    checked = rolebook("check", cwd=where)
    assert checked.returncode == 2 and checked.stderr.count("\n") == 1, checked
    assert f"mkdocs.yml: plugins.rolebook.{says}:" in checked.stderr
    built = subprocess.run([str(MKDOCS), "build"], cwd=where, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                           capture_output=True, text=True)  # not even --strict: an error, not a warning
    assert built.returncode != 0 and says in built.stderr, built.stderr
