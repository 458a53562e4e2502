"""`rolebook check` takes what linters are given: files, team folders and handbooks folders, each
judged in its whole handbook, so a file checked alone says what the handbook check says about it."""

from __future__ import annotations

import textwrap

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook

REPORTS_TO_ELSEWHERE = CLEAN_ROLE.replace("title: Staff Engineer", "title: Staff Engineer\nreports_to: product/cpo")
VAGUE = CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team")


@pytest.fixture
def site(tmp_path):
    write_handbook(tmp_path, {
        "engineering/_team.yml": "title: Engineering\nsummary: Builds it.\nlead: staff-engineer\n",
        "engineering/staff-engineer.yml": REPORTS_TO_ELSEWHERE,
        "engineering/vague.yml": VAGUE,
        "product/_team.yml": "title: Product\nsummary: Decides it.\n",
        "product/cpo.yml": CLEAN_ROLE.replace("Staff Engineer", "Chief Product Officer"),
        "product/also-vague.yml": VAGUE,
    })
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: T
        plugins:
          - rolebook:
              today: 2026-01-01
        """))
    return tmp_path


def codes(out: str) -> list[tuple[str, str]]:
    return [(line.split(":")[0], line.split()[2]) for line in out.splitlines() if " RB" in line]


def test_a_file_is_judged_in_its_handbook_with_only_its_own_findings(site):
    whole = rolebook("check", cwd=site)
    assert whole.returncode == 1
    one = rolebook("check", "handbooks/engineering/vague.yml", cwd=site)
    assert one.returncode == 1
    assert codes(one.stdout) == [c for c in codes(whole.stdout) if c[0] == "handbooks/engineering/vague.yml"]
    assert one.stdout.endswith("in 1 role\n")
    clean = rolebook("check", "handbooks/engineering/staff-engineer.yml", cwd=site)  # its manager is in product/
    assert clean.returncode == 0 and "RB002" not in clean.stdout and "RB004" not in clean.stdout, clean.stdout
    assert clean.stdout == "0 errors, 0 warnings, 0 info in 1 role\n"


def test_a_team_folder_gives_no_false_rb002(site):
    team = rolebook("check", "handbooks/engineering", cwd=site)
    assert "RB002" not in team.stdout and "RB004" not in team.stdout
    assert {path for path, _ in codes(team.stdout)} == {"handbooks/engineering/vague.yml"}
    assert team.stdout.endswith("in 2 roles\n")


def test_several_files_and_folders_of_one_handbook_and_the_team_file(site):
    both = rolebook("check", "handbooks/product/cpo.yml", "handbooks/engineering", "handbooks/product/_team.yml",
                    cwd=site)
    assert {path for path, _ in codes(both.stdout)} == {"handbooks/engineering/vague.yml"}
    assert both.stdout.endswith("in 3 roles\n")


def test_outside_the_site_folder_the_layout_says_which_folder_is_the_handbook(site, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    team = rolebook("check", site / "handbooks/engineering", cwd=elsewhere)  # no site file here
    assert "RB002" not in team.stdout and team.stdout.endswith("in 2 roles\n"), team.stdout
    one = rolebook("check", site / "handbooks/engineering/staff-engineer.yml", cwd=elsewhere)
    assert one.returncode == 0 and one.stdout.endswith("in 1 role\n"), one.stdout


def test_the_site_file_stands_for_the_whole_handbook(site):
    assert rolebook("check", "mkdocs.yml", cwd=site).stdout == rolebook("check", cwd=site).stdout


def test_paths_that_are_not_there_or_not_role_files_are_one_line_errors(site):
    (site / "notes.txt").write_text("x")
    for path, says in (("handbooks/nope.yml", "no such handbooks folder, team folder or file"), ("notes.txt", "not a role or team file")):
        result = rolebook("check", path, cwd=site)
        assert result.returncode == 2 and says in result.stderr and result.stderr.count("\n") == 1, result.stderr
