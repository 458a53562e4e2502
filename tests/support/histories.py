"""Handbook histories built commit by commit in a real git repository (the delivery record's tests)."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

TEAM = "title: Engineering\nsummary: Builds it.\n"


def role(*outcomes: str) -> str:
    head = textwrap.dedent("""\
        title: Staff Engineer
        summary: Sets technical direction.
        holders:
          - name: Dana Lee
        outcomes:
        """)
    return head + "".join(textwrap.indent(textwrap.dedent(o), "  ") for o in outcomes)


def outcome(id: str, due: str | None = "2026-03-31", status: str = "open", owner: str = "Dana Lee", extra: str = ""):
    due_line = f"  due: {due}\n" if due else ""
    return (f"- id: {id}\n  title: {id.replace('-', ' ').title()} shipped\n  done_when: The {id} is live.\n"
            f"{due_line}  owner: {owner}\n  status: {status}\n{extra}")


class Repo:
    def __init__(self, root: Path):
        self.root = root
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "t@example.com")
        self.git("config", "user.name", "Test")

    def git(self, *args, date: str | None = None):
        env = {**os.environ}
        if date:
            env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00Z", GIT_COMMITTER_DATE=f"{date}T12:00:00Z")
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True, env=env).stdout

    def commit(self, date: str, files: dict[str, str | None], message: str = "change"):
        for rel, text in files.items():
            path = self.root / "handbooks" / rel
            if text is None:
                self.git("rm", "-q", str(path))
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            self.git("add", str(path))
        self.git("commit", "-q", "-m", message, date=date)

    def move(self, date: str, old: str, new: str, text: str | None = None):
        (self.root / "handbooks" / new).parent.mkdir(parents=True, exist_ok=True)
        self.git("mv", f"handbooks/{old}", f"handbooks/{new}")
        if text is not None:
            (self.root / "handbooks" / new).write_text(text)
            self.git("add", f"handbooks/{new}")
        self.git("commit", "-q", "-m", "move", date=date)


