"""`rolebook diff` between two git revisions of the 1,000-role handbook (target: under 3 s).

    python benchmarks/bench_diff.py [--roles 1000] [--baseline PLUGINS_DIR]

Commits the generated handbook, changes 50 roles (a due date, a title, an
added outcome, a removed output), renames 5 files and moves 5 roles to a new
team, commits again, and times the whole command as a subprocess. With `--baseline`, the same
command (`--format json` and `--format markdown`) also runs with another checkout's `rolebook`
(PYTHONPATH), interleaved run by run, and the CPU time of each (the command and its git processes)
is printed beside the wall-clock time, which the shared machine's load moves most.
"""

from __future__ import annotations

import argparse
import os
import resource
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
    parser.add_argument("--baseline")
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
        here = str(Path(__file__).resolve().parents[1] / "plugins")
        command = [sys.executable, "-c", "import sys; from rolebook.cli import main; main(prog_name='rolebook')"]
        checkouts = [("this checkout", here)] + ([("baseline", args.baseline)] if args.baseline else [])
        best: dict[tuple[str, str], tuple[float, float]] = {}
        out = None
        for _ in range(3):
            for name, plugins in checkouts:
                for fmt in ("json", "markdown"):
                    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    ran = subprocess.run(command + ["diff", "HEAD~1", "HEAD", "--format", fmt], cwd=root,
                                         env=dict(ENV, PYTHONPATH=plugins), check=True, capture_output=True, text=True)
                    wall = time.perf_counter() - start
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    used = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
                    old = best.get((name, fmt))
                    best[(name, fmt)] = (min(wall, old[0]), min(used, old[1])) if old else (wall, used)
                    if name == "this checkout" and fmt == "json":
                        out = ran
        import json

        summary = json.loads(out.stdout)["summary"]
        print(f"diff, {args.roles} roles, two git revisions (best of 3; target < 3 s); {summary}")
        for (name, fmt), (wall, used) in best.items():
            print(f"  {name:13} --format {fmt:8} {wall:.2f} s wall, {used:.2f} s CPU")
        if args.baseline:
            for fmt in ("json", "markdown"):
                mine, base = best[("this checkout", fmt)], best[("baseline", fmt)]
                print(f"  ratio this/baseline, --format {fmt}: wall x{mine[0] / base[0]:.2f}, CPU x{mine[1] / base[1]:.2f}")

if __name__ == "__main__":
    main()
