"""How the costs grow with the handbook: 250, 1,000 and 4,000 roles.

    python benchmarks/bench_scale.py [--sizes 250 1000 4000] [--no-build]

For each size: `rolebook check` as a command (best of 2; target < 4 s at
4,000 roles), and unless --no-build a cold and a warm `mkdocs build` of the
generated handbook with the plugin (time and peak memory). Prints each figure
per role too: flat per-role figures mean no term grows faster than linear.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_site import BIN, ENV, THEME, timed  # noqa: E402
from generate import generate  # noqa: E402


def check_time(handbooks: Path, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(BIN / "rolebook"), "check", str(handbooks)], check=True, capture_output=True, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    parser.add_argument("--no-build", action="store_true", help="only `rolebook check`")
    args = parser.parse_args()
    rows = []
    for roles in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            handbooks = generate(project / "handbooks", roles, max(20, roles // 50))
            row = {"roles": roles, "check": check_time(handbooks)}
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
