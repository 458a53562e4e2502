"""The delivery record at 1,000 roles x 200 commits against a cold site build (issue 21: within 10% of it).

    .venv/bin/python benchmarks/bench_record.py [--roles 1000] [--commits 200] [--per-commit 5]

Generates the large handbook (`generate.py`), commits it, then makes `--commits` more commits, each
re-dating, finishing or dropping outcomes in `--per-commit` roles (and renaming one role file every
20th commit). Then it times, in one run: `rolebook record` in-process (best of 3; the record the
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
    for n in range(commits):
        day = f"2026-{1 + n * 11 // commits:02d}-{1 + n % 28:02d}"
        for path in rng.sample(files, per_commit):
            text = path.read_text()
            choice = rng.random()
            if choice < 0.5:
                text = re.sub(r"(    due: 2027-)0(\d)-15", lambda m: f"{m[1]}0{min(9, int(m[2]) + 1)}-15", text, count=1)
            elif choice < 0.8:
                text = text.replace("    owner: ", "    status: done\n    owner: ", 1)
            else:
                text = text.replace("    owner: ", "    status: dropped\n    owner: ", 1)
            path.write_text(text)
        if n % 20 == 19:
            old = rng.choice(files)
            new = old.with_name(old.stem + f"-r{n}.yml")
            subprocess.run([*GIT, "mv", str(old), str(new)], cwd=root, check=True)
            files[files.index(old)] = new
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
        from rolebook.history import delivery_record as record_module
        from rolebook.history.delivery_record import delivery_record, to_json
        import datetime as dt

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
