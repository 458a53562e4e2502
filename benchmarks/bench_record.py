"""The delivery record at 1,000 roles x 200 commits against a cold site build (issue 21: within 10% of it).

    .venv/bin/python benchmarks/bench_record.py [--roles 1000] [--commits 200] [--per-commit 5]

Generates the large handbook (`generate.py`), commits it, then makes `--commits` more commits, each
re-dating, finishing or dropping one outcome in each of `--per-commit` roles (renames are covered by
the tests; here they would break the generated cross-references). Then it times, in one run: `rolebook record` in-process (best of 3; the record the
site shows), and one cold `mkdocs build` of the same handbook with the history on (empty cache).
Prints both and the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))
sys.path.insert(0, str(REPO / "benchmarks"))
BIN = Path(sys.executable).parent

from generate import generate  # noqa: E402

GIT = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench"]


def make_history(root: Path, roles: int, commits: int, per_commit: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    hb = generate(root / "handbooks", roles=roles)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    env = dict(os.environ, GIT_AUTHOR_DATE="2026-01-05T12:00:00Z", GIT_COMMITTER_DATE="2026-01-05T12:00:00Z")
    subprocess.run([*GIT, "commit", "-q", "-m", "handbook"], cwd=root, check=True, env=env)
    files = sorted(hb.glob("team-*/role-*.yml"))
    closed: dict[Path, set[int]] = {path: set() for path in files}
    moved: dict[tuple[Path, int], int] = {}
    for n in range(commits):
        day = f"2026-{1 + n * 11 // commits:02d}-{1 + n % 28:02d}"
        for path in rng.sample(files, per_commit):
            text = path.read_text()
            open_ones = [k for k in range(4) if k not in closed[path]]
            if not open_ones:
                continue
            k = rng.choice(open_ones)
            marker = f"    title: Deliverable {k} of role "
            choice = rng.random()
            if choice < 0.5:  # re-dated by a month
                moved[(path, k)] = moved.get((path, k), 0) + 1
                new_due = f"2027-{min(12, 1 + k + moved[(path, k)]):02d}-15"
                text = re.sub(rf"({re.escape(marker)}.*\n.*\n    due: )\S+", rf"\g<1>{new_due}", text, count=1)
            else:  # done or dropped, once
                status = "done" if choice < 0.85 else "dropped"
                text = text.replace(marker, f"    status: {status}\n{marker}", 1)
                closed[path].add(k)
            path.write_text(text)
        env = dict(os.environ, GIT_AUTHOR_DATE=f"{day}T12:00:00Z", GIT_COMMITTER_DATE=f"{day}T12:00:00Z")
        subprocess.run([*GIT, "commit", "-qam", f"change {n}"], cwd=root, check=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--per-commit", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rolebook-record-") as tmp:
        root = Path(tmp)
        began = time.perf_counter()
        make_history(root, args.roles, args.commits, args.per_commit)
        print(f"history: {args.roles:,} roles, {args.commits} commits in {time.perf_counter() - began:.0f} s")
        import datetime as dt

        from rolebook.history import delivery_record as record_module
        from rolebook.history.delivery_record import delivery_record, to_json

        runs = []
        for _ in range(3):
            record_module._LAST.clear()  # measure the read, not the per-HEAD memo of a server
            began = time.perf_counter()
            data = to_json(delivery_record(root / "handbooks"), dt.date(2026, 11, 20))
            runs.append(time.perf_counter() - began)
        record = min(runs)
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text("# Handbook\n")
        (root / "mkdocs.yml").write_text("site_name: Bench\ntheme:\n  name: material\nplugins:\n  - rolebook:\n"
                                         "      handbooks_dir: handbooks\n      today: 2026-11-20\n")
        began = time.perf_counter()
        built = subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-d", str(root / "site")], cwd=root,
                               capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        cold = time.perf_counter() - began
        assert built.returncode == 0, built.stderr[-2000:]
        shutil.rmtree(root / "site", ignore_errors=True)
    totals = data["totals"]
    print(f"record: {record:.2f} s ({len(data['roles']):,} roles, {totals['redatings']} re-datings, "
          f"{totals['on_time'] + totals['late'] + totals['after_redating']} done, {totals['dropped']} dropped); "
          f"cold mkdocs build {cold:.1f} s (the record included); record / cold build = {record / cold:.1%} "
          f"(target <= 10%)")
    return 0 if record <= 0.1 * cold else 1


if __name__ == "__main__":
    sys.exit(main())
