"""`rolebook check` in colour on a terminal (a real pseudo-terminal here), plain into a pipe or a file,
NO_COLOR turning it off and FORCE_COLOR on, as the conventions say; only the place, severity and code
are styled (a control character in a role file is refused by the loader, RB002, so none reaches one)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli import rolebook
from support.handbooks import CLEAN_ROLE, write_handbook

ROLEBOOK = Path(sys.executable).with_name("rolebook")
ESC = "\x1b["


@pytest.fixture
def handbook(tmp_path):
    write_handbook(tmp_path, {"eng/_team.yml": "title: Eng\nsummary: Builds it.\n",
                              "eng/vague.yml": CLEAN_ROLE.replace("owner: Dana Lee", "owner: the team")})
    return tmp_path


def on_a_terminal(cwd: Path, **env: str) -> str:
    """The command's output read from a pseudo-terminal, as a person at a terminal sees it."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    environment.update(env, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([str(ROLEBOOK), "check", "handbooks"], cwd=cwd, stdout=follower, stderr=follower,
                               env=environment)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_and_the_severity_coloured(handbook):
    shown = on_a_terminal(handbook)
    assert f"{ESC}31m{ESC}1merror{ESC}0m" in shown and f"{ESC}1mhandbooks/eng/vague.yml:" in shown, repr(shown)
    assert "the team" in shown and f"{ESC}1m`the team`" not in shown  # role text keeps no style of ours


def test_no_color_turns_it_off_on_a_terminal(handbook):
    shown = on_a_terminal(handbook, NO_COLOR="1")
    assert ESC not in shown and "error RB104" in shown, repr(shown)


def test_plain_into_a_pipe_unless_force_color(handbook):
    piped = rolebook("check", "handbooks", cwd=handbook, env={"NO_COLOR": None, "FORCE_COLOR": None})
    assert "error RB104" in piped.stdout and ESC not in piped.stdout
    forced = rolebook("check", "handbooks", cwd=handbook, env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert f"{ESC}31m{ESC}1merror{ESC}0m" in forced.stdout
    both = rolebook("check", "handbooks", cwd=handbook, env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert both.stdout == piped.stdout


def test_other_formats_are_never_styled(handbook):
    for fmt in ("json", "github", "sarif", "gitlab"):
        forced = rolebook("check", "--format", fmt, "handbooks", cwd=handbook, env={"FORCE_COLOR": "1"})
        assert ESC not in forced.stdout.replace("\\u001b[", "").replace("%1B[", ""), fmt
