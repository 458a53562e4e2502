"""Every benchmark, one after the other (`make benchmark`); about half an hour on 2 cores.

    python benchmarks/run_all.py [--quick]

`--quick` skips the site builds (bench_site.py and bench_scale.py's builds),
which take most of the time. Each script prints its own figures; run this on
an otherwise idle machine (see README.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUICK = [["bench_check.py"], ["bench_rules.py"], ["bench_diagrams.py"], ["bench_diff.py"],
         ["bench_scale.py", "--no-build"]]
SITE = [["bench_site.py", "--rounds", "2"]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the site builds")
    args = parser.parse_args()
    failed = []
    for script, *options in QUICK + ([] if args.quick else SITE):
        print(f"== {script} {' '.join(options)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *options]).returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
