"""`rolebook check` on the generated 1,000-role handbook (target: under 2 s on one core).

    python benchmarks/bench_check.py [--roles 1000] [--repeat 3]

Prints the best of N runs of loading + checking in-process, and of the whole
command as a subprocess (Python start-up and imports included).
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

from rolebook.checks import check  # noqa: E402
from rolebook import loading  # noqa: E402
from rolebook.loading import load_handbook  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "handbooks", args.roles, 20)
        timings = []
        for _ in range(args.repeat):
            loading._PARSED.clear()  # measure real parsing, not the in-process memo
            start = time.perf_counter()
            findings = check(load_handbook(root))
            timings.append(time.perf_counter() - start)
        assert findings == [], findings[:3]
        cli = []
        rolebook = Path(sys.executable).with_name("rolebook")
        for _ in range(args.repeat):
            start = time.perf_counter()
            # taskset pins the command to one core, as the target says
            cmd = ["taskset", "-c", "0", str(rolebook), "check", str(root)]
            subprocess.run(cmd, check=True, capture_output=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
            cli.append(time.perf_counter() - start)
        print(f"check, {args.roles} roles x 13 items: load+check {min(timings):.2f} s in-process; "
              f"`rolebook check` on one core {min(cli):.2f} s (best of {args.repeat}; target < 2 s)")


if __name__ == "__main__":
    main()
