"""`rolebook check` on the generated 1,000-role handbook (target: under 2 s on one core).

    python benchmarks/bench_check.py [--roles 1000] [--repeat 3] [--baseline PLUGINS_DIR]

The handbook is committed to a throwaway git repository, as a real one is, so
the timing includes RB113/RB114 and reading every file's last-changed date
from git (one `git log` for the whole handbook). Prints the best of N runs of
loading + checking in-process, and of the whole command as a subprocess
(Python start-up and imports included), pinned to one core.

With `--baseline /path/to/other/checkout/plugins`, the same command also runs
with that checkout's `rolebook` package (PYTHONPATH), interleaved run by run,
so the two figures are measured side by side on the same machine load.
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

from rolebook.build.timing import timing_for  # noqa: E402
from rolebook.checks import check  # noqa: E402
from rolebook.loading import parse_memo  # noqa: E402
from rolebook.loading.loader import load_handbook  # noqa: E402

TODAY = "2026-11-20"
EPOCH = "1795132800"  # TODAY, for a baseline that has no --today
COMMIT_DATE = "2026-11-01T12:00:00Z"


def commit_all(repo: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    git = ["git", "-c", "user.email=bench@example.com", "-c", "user.name=bench"]
    subprocess.run(git + ["init", "-q", "-b", "main"], cwd=repo, check=True, env=env)
    subprocess.run(git + ["add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(git + ["commit", "-qm", "handbook"], cwd=repo, check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a `plugins` folder holding another version of `rolebook`")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        root = generate(repo / "handbooks", args.roles, 20)
        commit_all(repo)
        timings = []
        for _ in range(args.repeat):
            parse_memo.SHARED.clear()  # measure real parsing, not the in-process memo
            start = time.perf_counter()
            handbook = load_handbook(root)
            findings = check(handbook, timing=timing_for(handbook, TODAY))
            timings.append(time.perf_counter() - start)
        assert findings == [], findings[:3]
        rolebook = Path(sys.executable).with_name("rolebook")
        # taskset pins the command to one core, as the target says
        cmd = ["taskset", "-c", "0", str(rolebook), "check", "handbooks"]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
        env.pop("PYTHONPATH", None)
        variants = {"this checkout": env}
        if args.baseline:
            variants["baseline"] = dict(env, PYTHONPATH=str(args.baseline.resolve()))
        cli: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.repeat):
            for name, variant_env in variants.items():
                start = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True, cwd=repo, env=variant_env)
                cli[name].append(time.perf_counter() - start)
        print(f"check, {args.roles} roles x 13 items, in git: load+check (RB113/RB114, one git log) "
              f"{min(timings):.2f} s in-process (best of {args.repeat}; target < 2 s)")
        for name, runs in cli.items():
            print(f"  `rolebook check` on one core, {name}: {min(runs):.2f} s (best of {args.repeat})")
        if args.baseline:
            print(f"  ratio this checkout / baseline: x{min(cli['this checkout']) / min(cli['baseline']):.2f}")


if __name__ == "__main__":
    main()
