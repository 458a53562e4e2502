"""What wording findings where they are shown costs: a check with thousands of findings, then its report.

    python benchmarks/bench_messages.py [--roles 1000] [--repeat 5] [--baseline PLUGINS_DIR]

The generated handbook (`generate.py`) has no findings, so `bench_check.py` never makes one. Here every
output of it loses its `location:` and every other outcome its `due:` (RB108 and RB106 on each), which
gives thousands of findings. Each run, in a fresh process pinned to one core, times (CPU time: the
shared machine's load moves wall-clock figures by x2): the check as `rolebook check` runs it (load and
check, the loaded model frozen out of the collector's sight; each finding's `Message` rendered once in
English), `--format text` of all the findings in English and in German (every message translated, dates
by Babel), and the bare `check()` on a model the collector still walks, with the number of full
collections it triggered (a step: one more full pass over the model costs about 0.2 s at 1,000 roles).
With `--baseline`, the same runs with another checkout's `rolebook` (PYTHONPATH), interleaved run by run;
its report has no German, so only the checks and the English report compare.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ONE_RUN = r"""
import datetime as dt, gc, json, sys, time
from rolebook.build.checking import check_handbooks
from rolebook.build.settings import Settings
from rolebook.checks import check
from rolebook.loading.loader import load_handbook
from rolebook.model.review_rhythm import Timing
from rolebook.reports.formats import text_report
t0 = time.process_time()
run = check_handbooks([sys.argv[1]], Settings(today=dt.date(2026, 11, 20)), jobs=1, one_shot=True)
t1 = time.process_time()
english = text_report(run.findings, run.roles)
t2 = time.process_time()
from rolebook import i18n
with i18n.use(i18n.Messages("de")):
    text_report(run.findings, run.roles)
t3 = time.process_time()
gc.unfreeze()
handbook = load_handbook(sys.argv[1], workers=1)  # the bare function, the collector walking the whole model
full = gc.get_stats()[2]["collections"]
t4 = time.process_time()
check(handbook, timing=Timing(dt.date(2026, 11, 20)))
t5 = time.process_time()
print(json.dumps({"findings": len(run.findings), "check": t1 - t0, "english": t2 - t1, "german": t3 - t2,
                  "bare": t5 - t4, "full_collections": gc.get_stats()[2]["collections"] - full}))
"""

def with_problems(root: Path) -> None:
    for path in root.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^\s+location: .*\n", "", text)
        lines, dropped = [], 0
        for line in text.splitlines(keepends=True):
            if re.match(r"\s+due: ", line):
                dropped += 1
                if dropped % 2:
                    continue
            lines.append(line)
        path.write_text("".join(lines), encoding="utf-8")


def run(plugins: str, root: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=plugins)
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", ONE_RUN, str(root)], env=env,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--baseline")
    args = parser.parse_args()
    here = str(Path(__file__).resolve().parents[1] / "plugins")
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "handbooks", args.roles, 20)
        with_problems(root)
        mine, base = [], []
        for _ in range(args.repeat):
            mine.append(run(here, root))
            if args.baseline:
                base.append(run(args.baseline, root))
    keys = ("check", "english", "german", "bare")
    best = {k: min(r[k] for r in mine) for k in keys}
    print(f"{args.roles} roles, {mine[0]['findings']} findings, best of {args.repeat}, one core, CPU time:")
    print(f"  this checkout: check as the command runs it {best['check']:.3f} s, report in English "
          f"{best['english']:.3f} s, in German {best['german']:.3f} s; bare check() {best['bare']:.3f} s "
          f"({mine[0]['full_collections']} full collections)")
    if base:
        b = {k: min(r[k] for r in base) for k in keys}
        print(f"  baseline:      check as the command runs it {b['check']:.3f} s, report in English "
              f"{b['english']:.3f} s; bare check() {b['bare']:.3f} s ({base[0]['full_collections']} full collections, "
              f"{base[0]['findings']} findings)")
        print(f"  ratio this/baseline: check x{best['check'] / b['check']:.2f}, English report "
              f"x{best['english'] / b['english']:.2f}, bare check() x{best['bare'] / b['bare']:.2f}")

if __name__ == "__main__":
    main()
