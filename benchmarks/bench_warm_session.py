"""The core's warm build (the manifest taken, nothing rendered) with this code and another's, side by side.

    python benchmarks/bench_warm_session.py [--roles 400] [--rounds 7] [--baseline OTHER/plugins]

A whole `mkdocs build` is mostly MkDocs and Material, and on a busy machine its noise hides a few
tens of milliseconds. This times only what issue 25 added to a warm build: `BuildSession.build()`
when nothing changed (the cache folder walked without following symlinks, the lock, the manifest
read and its seal checked, the page files' digests, the published fragments scanned for active
markup). Each side runs in its own process (one `PYTHONPATH` each), alternately, on the same
generated handbook with a cache of its own; the figure is the median of `--rounds` warm builds
per process, after one cold build.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(handbooks: Path, cache: Path, rounds: int) -> None:
    """In the measured process: one cold build, then `rounds` warm ones; prints JSON."""
    import datetime as dt

    from rolebook.build.session import BuildSession
    from rolebook.build.settings import Settings

    settings = Settings(handbooks_dir=handbooks, cache_dir=cache, today=dt.date(2026, 11, 20),
                        history=False).resolved()
    BuildSession(settings).build()
    times, modes = [], set()
    for _ in range(rounds):
        session = BuildSession(settings)
        start = time.perf_counter()
        built = session.build()
        times.append(time.perf_counter() - start)
        modes.add(built.mode)
        del session
    print(json.dumps({"median": statistics.median(times), "best": min(times), "modes": sorted(modes)}))


def run(plugins: Path, handbooks: Path, cache: Path, rounds: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(plugins), NO_MKDOCS_2_WARNING="1")
    out = subprocess.run([sys.executable, __file__, "--child", str(handbooks), str(cache), str(rounds)],
                         env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), int(args.child[2]))
        return
    from generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        handbooks = generate(tmp / "handbooks", roles=args.roles)
        sides = {"this code": HERE.parent / "plugins"}
        if args.baseline:
            sides["baseline"] = args.baseline
        results: dict[str, list[dict]] = {name: [] for name in sides}
        for _round in range(2):  # alternate, so the machine's noise hits both alike
            for name, plugins in sides.items():
                results[name].append(run(plugins, handbooks, tmp / f"cache-{name}", args.rounds))
        print(f"warm core build, {args.roles} roles, median of {args.rounds} per process, best of 2 processes:")
        best = {name: min(r["median"] for r in runs) for name, runs in results.items()}
        for name, value in best.items():
            modes = sorted({m for r in results[name] for m in r["modes"]})
            ratio = f"   x{value / best['baseline']:.2f} of baseline" if "baseline" in best else ""
            print(f"  {name:10} {value * 1000:8.1f} ms{ratio}   modes {', '.join(modes)}")


if __name__ == "__main__":
    main()
