"""The role `rolebook init` writes is held by a made-up person: RB115 until a real one is named."""

from __future__ import annotations

from rolebook.checks.placeholders import STARTER_PERSON
from rolebook.resources import STARTER
from support.cli import rolebook
from support.handbooks import write_handbook

TEAM = (STARTER / "handbooks/people/_team.yml").read_text()
STARTER_ROLE = (STARTER / "handbooks/people/handbook-owner.yml").read_text()


def test_the_starter_role_is_flagged_where_the_made_up_person_is(tmp_path):
    write_handbook(tmp_path, {"people/_team.yml": TEAM, "people/handbook-owner.yml": STARTER_ROLE})
    result = rolebook("check", "--strict", "handbooks", cwd=tmp_path)
    flagged = [line for line in result.stdout.splitlines() if "RB115" in line]
    assert result.returncode == 1 and len(flagged) == 2, result.stdout
    assert "`name` is Alex Example" in flagged[0] and "`owner` in outcome `every-role-written`" in flagged[1]
    assert all("name the real person, or delete the starter role" in line for line in flagged)


def test_a_real_holder_makes_it_clean(tmp_path):
    mine = STARTER_ROLE.replace(STARTER_PERSON, "Dana Lee")
    write_handbook(tmp_path, {"people/_team.yml": TEAM, "people/handbook-owner.yml": mine})
    result = rolebook("check", "--strict", "handbooks", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "0 errors, 0 warnings, 0 info in 1 role\n", result.stdout
