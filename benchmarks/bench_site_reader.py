"""What reading the site file through MkDocs' own loader costs `rolebook check` (issue 24, item 5).

Each sample is a fresh interpreter (imports included, as a command run from the shell pays them)
that reads the example site's `mkdocs.yml` into settings: once with the core's own YAML reader,
once through `mkdocs_plugin.site_reader` (MkDocs' loader and the plugin's config class), and the
whole `rolebook check` of the example handbook. Prints the medians side by side.

    .venv/bin/python benchmarks/bench_site_reader.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORE = "from rolebook.build.site_file import read_site_file; read_site_file('mkdocs.yml')"
MKDOCS = ("from rolebook.build.site_file import read_site_file; "
          "from rolebook.mkdocs_plugin.site_reader import check_options, read_config; "
          "read_site_file('mkdocs.yml', load=read_config, check=check_options)")


def sample(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=REPO, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    rolebook = str(Path(sys.executable).with_name("rolebook"))
    cases = {"core reader": [sys.executable, "-c", CORE], "MkDocs' loader + config class": [sys.executable, "-c", MKDOCS],
             "rolebook check (example, 15 roles)": [rolebook, "check", "handbooks"]}
    medians = {}
    for name, args in cases.items():
        sample(args)  # warm the file cache
        medians[name] = statistics.median(sample(args) for _ in range(runs))
    base = medians["core reader"]
    for name, value in medians.items():
        print(f"{name:38} {value * 1000:7.0f} ms   x{value / base:4.2f}")
    print(f"MkDocs' loader adds {(medians[list(cases)[1]] - base) * 1000:.0f} ms per command ({runs} runs each)")


if __name__ == "__main__":
    main()
