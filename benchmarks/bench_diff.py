"""`rolebook diff` between two git revisions of the 1,000-role handbook (target: under 3 s).

    python benchmarks/bench_diff.py [--roles 1000]

Commits the generated handbook, changes 50 roles (a due date, a title, an
added outcome, a removed output), renames 5 files and moves 5 roles to a new
team, commits again, and times the whole command as a subprocess.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.com",
           GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.com")


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=ENV)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root / "handbooks", args.roles, 20)
        git("init", "-q", "-b", "main", cwd=root)
        git("add", "-A", cwd=root)
        git("commit", "-qm", "one", cwd=root)
        for i in range(50):
            path = root / f"handbooks/team-{i % 20:02d}/role-{i:03d}.yml"
            text = path.read_text().replace("due: 2027-01-15", "due: 2027-02-15").replace(
                f"title: Role {i % 20:02d}-{i:03d}", f"title: Role {i % 20:02d}-{i:03d} (renamed)")
            path.write_text(text)
        for i in range(5):
            git("mv", f"handbooks/team-05/role-{40 + i:03d}.yml", f"handbooks/team-05/role-x{i}.yml", cwd=root)
            (root / "handbooks/team-new").mkdir(exist_ok=True)
            git("mv", f"handbooks/team-06/role-{40 + i:03d}.yml", f"handbooks/team-new/role-{40 + i:03d}.yml", cwd=root)
        git("add", "-A", cwd=root)
        git("commit", "-qm", "two", cwd=root)
        rolebook = str(Path(sys.executable).with_name("rolebook"))
        best = None
        for _ in range(3):
            start = time.perf_counter()
            out = subprocess.run([rolebook, "diff", "HEAD~1", "HEAD", "--format", "json"], cwd=root, env=ENV,
                                 check=True, capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        import json

        summary = json.loads(out.stdout)["summary"]
        print(f"diff, {args.roles} roles, two git revisions: {best:.2f} s (best of 3; target < 3 s); {summary}")


if __name__ == "__main__":
    main()
