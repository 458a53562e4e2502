"""What a committed CODEOWNERS block costs a check: generating and comparing it (RB119) against loading + checking.

    python benchmarks/bench_codeowners.py [--roles 1000] [--repeat 5]

The generated handbook (`generate.py`) gets a `.github/CODEOWNERS` written by `rolebook codeowners`;
prints the best of N runs of load + check without the file's judgement, of the judgement alone
(find the file, read it, generate the block, compare), and their ratio, side by side.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from rolebook.build.codeowners_file import codeowners_state  # noqa: E402
from rolebook.checks import check  # noqa: E402
from rolebook.loading.loader import load_handbook  # noqa: E402
from rolebook.model.review_rhythm import Timing  # noqa: E402
from rolebook.reports.codeowners import generate as codeowners_block  # noqa: E402

FALLBACK = "@bench/handbook-admins"


def best(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        handbooks = generate(root / "handbooks", roles=args.roles)
        (root / ".git").mkdir()
        handbook = load_handbook(handbooks)
        (root / ".github").mkdir()
        (root / ".github/CODEOWNERS").write_text(codeowners_block(handbook, "github", root, FALLBACK))
        timing = Timing(dt.date(2026, 11, 20))

        def load_and_check():
            check(load_handbook(handbooks), timing=timing)

        state = codeowners_state(handbook, FALLBACK)
        assert state is not None and not state.stale, state
        base = best(args.repeat, load_and_check)
        judged = best(args.repeat, lambda: codeowners_state(handbook, FALLBACK))
        print(f"roles: {args.roles}")
        print(f"load + check:             {base * 1000:8.1f} ms")
        print(f"CODEOWNERS judgement:     {judged * 1000:8.1f} ms")
        print(f"ratio (judgement/check):  {judged / base:8.3f}")


if __name__ == "__main__":
    main()
