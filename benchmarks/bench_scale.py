"""How the costs grow with the handbook: 250, 1,000 and 4,000 roles.

    python benchmarks/bench_scale.py [--sizes 250 1000 4000] [--no-build] [--repeat 2]
                                     [--baseline OTHER_CHECKOUT/plugins]

For each size: `rolebook check` as a command (best of --repeat; target < 4 s
at 4,000 roles), and unless --no-build a cold and a warm `mkdocs build` of the
generated handbook with the plugin (time and peak memory). Prints each figure
per role too: flat per-role figures mean no term grows faster than linear.

With --baseline, `rolebook check` also runs with another checkout's package
(its `plugins` folder first on PYTHONPATH), and this checkout with `--jobs 1`
and `--jobs 2` besides its default (one process per idle core), all
interleaved run by run so that they see the same machine load; the table
then shows each, the ratio to the baseline and the CPU time (user + system,
worker processes included) of the best run of each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import BIN, ENV, THEME, timed  # noqa: E402
from generate import generate  # noqa: E402


def check_run(handbooks: Path, env: dict, args: tuple[str, ...] = ()) -> tuple[float, float]:
    """Wall time and CPU time (user + system, its reaped worker processes included) of one `rolebook check`."""
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "rolebook"), "check", str(handbooks), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"rolebook check {handbooks} failed")
    return elapsed, usage.ru_utime + usage.ru_stime


def check_times(handbooks: Path, variants: dict[str, tuple[dict, tuple]], repeat: int = 2) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU) of `repeat` runs per variant (environment, extra arguments), interleaved run by run."""
    best: dict[str, tuple[float, float]] = {}
    for _ in range(repeat):
        for name, (env, extra) in variants.items():
            run = check_run(handbooks, env, extra)
            if name not in best or run[0] < best[name][0]:
                best[name] = run
    return best


def check_time(handbooks: Path, repeat: int = 2) -> float:
    return check_times(handbooks, {"this": (ENV, ())}, repeat)["this"][0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--no-build", action="store_true", help="only `rolebook check`")
    parser.add_argument("--repeat", type=int, default=2, help="runs of `rolebook check` per size (best is shown)")
    parser.add_argument("--baseline", type=Path, help="a `plugins` folder holding another version of `rolebook`")
    args = parser.parse_args()
    variants = {"this": (ENV, ())}
    if args.baseline:
        variants["baseline"] = (dict(ENV, PYTHONPATH=str(args.baseline.resolve())), ())
        variants["serial"] = (ENV, ("--jobs", "1"))  # this checkout on one process
        variants["two"] = (ENV, ("--jobs", "2"))  # and on two, whatever the load
    rows = []
    before = os.getloadavg()[0]
    for roles in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            handbooks = generate(project / "handbooks", roles, max(20, roles // 50))
            checks = check_times(handbooks, variants, args.repeat)
            row = {"roles": roles, "check": checks["this"][0], "check_cpu": checks["this"][1]}
            if args.baseline:
                row["base"], row["base_cpu"] = checks["baseline"]
                row["serial"], row["serial_cpu"] = checks["serial"]
                row["two"], row["two_cpu"] = checks["two"]
            if not args.no_build:
                (project / "docs").mkdir()
                (project / "docs" / "index.md").write_text("# Home\n")
                (project / "mkdocs.yml").write_text(
                    "site_name: Bench\n" + THEME + "plugins:\n  - search\n  - rolebook:\n      today: '2026-11-20'\n")
                shutil.rmtree(project / ".cache", ignore_errors=True)
                row["cold"], row["cold_kib"] = timed([str(BIN / "mkdocs"), "build", "-q"], project)
                row["warm"], row["warm_kib"] = timed([str(BIN / "mkdocs"), "build", "-q"], project)
            rows.append(row)
            print(row, flush=True)
    if args.baseline:
        print(f"\n`rolebook check` (wall, best of {args.repeat}; CPU of that run), baseline {args.baseline} "
              "interleaved with this checkout:\n")
        print(f"load average before: {before:.2f}, after: {os.getloadavg()[0]:.2f}\n")
        print("| roles | baseline | CPU | `--jobs 1` | CPU | `--jobs 2` | CPU | default | CPU | default / baseline |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['roles']:,} | {r['base']:.2f} s | {r['base_cpu']:.2f} s | {r['serial']:.2f} s | "
                  f"{r['serial_cpu']:.2f} s | {r['two']:.2f} s | {r['two_cpu']:.2f} s | {r['check']:.2f} s | "
                  f"{r['check_cpu']:.2f} s | x{r['check'] / r['base']:.2f} |")
    print()
    print("| roles | `rolebook check` | per 1,000 roles | cold build | per role | warm build | per role | peak memory | per role |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        line = f"| {r['roles']:,} | {r['check']:.2f} s | {r['check'] / r['roles'] * 1000:.2f} s |"
        if "cold" in r:
            peak = max(r["cold_kib"], r["warm_kib"]) / 1024
            line += (f" {r['cold']:.1f} s | {r['cold'] / r['roles'] * 1000:.1f} ms | {r['warm']:.1f} s | "
                     f"{r['warm'] / r['roles'] * 1000:.1f} ms | {peak:.0f} MiB | {peak / r['roles'] * 1024:.0f} KiB |")
        else:
            line += " | | | | | |"
        print(line)
    big = [r for r in rows if r["roles"] >= 4000]
    if big:
        print(f"\n`rolebook check` on {big[0]['roles']:,} roles: {big[0]['check']:.2f} s (target < 4 s): "
              f"{'met' if big[0]['check'] < 4 else 'NOT met'}")


if __name__ == "__main__":
    main()
