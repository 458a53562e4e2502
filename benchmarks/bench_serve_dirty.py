"""Every kind of save under `mkdocs serve --dirty`, timed from outside as a browser sees it (issues 13, 19).

    python benchmarks/bench_serve_dirty.py [--roles 1000] [--saves 3] [--project DIR] [--log FILE] [--tag TEXT]

Starts `mkdocs serve --dirty` on 127.0.0.1 with the generated handbook (made
in DIR when it has no mkdocs.yml; the same site as `bench_site.py` and
`bench_dirty.py`), waits for the first build, then makes `--saves` rounds of
four saves, as `bench_site.serve_reload` does: write one file, then fetch
pages every 50 ms until they show the change (at most `--timeout` seconds a
save):

- role title: team-00/role-001.yml gets a new title, until the role's page and
  its team page show it ("navigation": until another page of its team,
  role-040, shows it in its navigation too; such pages are built just after
  the reload, see `mkdocs_plugin/dirty_serve.py`);
- outcome title: its first outcome gets a new title, until the role's page and
  its team page show it;
- summary: its summary is edited, until the role's page shows it;
- new role: team-00/role-9NN.yml is written, until its page is served and its
  team page links it (then it is removed again, timed as "remove role": until
  the team page no longer links it).

Between two saves it waits `--settle` seconds, so the pages deferred past a
reload are built before the next save. Prints best and median per kind as a
Markdown table. Run it against two checkouts in turn (e.g.
`PYTHONPATH=/old/plugins`) to compare them side by side.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dirty import THEME  # noqa: E402
from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
KINDS = ("role title", "navigation", "outcome title", "summary", "new role", "remove role")


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except OSError:
        return ""


def until(condition, limit: float) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"nothing within {limit} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def measure(project: Path, log, tag: str, saves: int, timeout: float, settle: float,
            sibling: str = "role-040") -> dict[str, list[float]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/team-00/"
    role = project / "handbooks/team-00/role-001.yml"
    original = role.read_text()
    added: list[Path] = []
    times: dict[str, list[float]] = {k: [] for k in KINDS}

    def save(path: Path, text: str, condition, kind: str) -> float:
        path.write_text(text)
        start = time.perf_counter()
        until(condition, timeout)
        took = time.perf_counter() - start
        times[kind].append(took)
        return start

    try:
        until(lambda: "Role 00-001" in page(base + "role-001/"), 1200)
        time.sleep(settle)  # let the watcher settle after the first build
        for n in range(saves):
            title = f"Role 00-001 saved {tag} {n}"
            text = re.sub(r"^title: .*$", f"title: {title}", role.read_text(), count=1, flags=re.M)
            start = save(role, text, lambda: title in page(base + "role-001/") and title in page(base), "role title")
            until(lambda: title in page(base + f"{sibling}/"), timeout)
            times["navigation"].append(time.perf_counter() - start)
            time.sleep(settle)

            outcome = f"Deliverable renamed {tag} {n}"
            text = re.sub(r"^(  - id: outcome-0\n    title: ).*$", rf"\g<1>{outcome}", role.read_text(), count=1,
                          flags=re.M)
            save(role, text, lambda: outcome in page(base + "role-001/") and outcome in page(base), "outcome title")
            time.sleep(settle)

            summary = f"Edited summary {tag} {n}."
            text = role.read_text().replace("summary: ", f"summary: {summary} ", 1)
            save(role, text, lambda: summary in page(base + "role-001/"), "summary")
            time.sleep(settle)

            ref = f"role-{900 + n:03d}"
            new_title = f"Role 00-{900 + n} new {tag}"
            new = role.parent / f"{ref}.yml"
            added.append(new)
            text = re.sub(r"^title: .*$", f"title: {new_title}", original, count=1, flags=re.M)
            link = f'href="{ref}/"'
            save(new, text, lambda: new_title in page(base + f"{ref}/") and link in page(base), "new role")
            time.sleep(settle)
            new.unlink()
            start = time.perf_counter()
            until(lambda: link not in page(base), timeout)
            times["remove role"].append(time.perf_counter() - start)
            added.remove(new)
            time.sleep(settle)
        return times
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        role.write_text(original)
        for path in added:
            path.unlink(missing_ok=True)


def table(times: dict[str, list[float]], roles: int, tag: str) -> str:
    rows = [f"`serve --dirty`, {roles} roles{', ' + tag if tag else ''} (seconds until the pages show the save):",
            "", "| save | best | median | saves |", "|---|---|---|---|"]
    for kind in KINDS:
        got = times.get(kind) or []
        if got:
            rows.append(f"| {kind} | {min(got):.2f} | {statistics.median(got):.2f} | {len(got)} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=3, help="saves of each kind")
    parser.add_argument("--timeout", type=float, default=120, help="seconds a save may take before giving up")
    parser.add_argument("--settle", type=float, default=3, help="seconds between two saves")
    parser.add_argument("--project", help="reuse (or create) this project folder")
    parser.add_argument("--log", help="write serve's log here")
    parser.add_argument("--tag", default="", help="a label for the printed table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.project) if args.project else Path(tmp) / "plugin"
        if not (root / "mkdocs.yml").exists():
            generate(root / "handbooks", args.roles, 20)
            (root / "docs").mkdir(parents=True, exist_ok=True)
            (root / "docs" / "index.md").write_text("# Home\n")
            (root / "mkdocs.yml").write_text(
                "site_name: Bench\n" + THEME + "plugins:\n  - search\n  - rolebook:\n      today: '2026-11-20'\n")
        with open(args.log or os.devnull, "w") as log:
            sibling = f"role-{min(40, args.roles // 20 - 1):03d}"  # another role of team-00
            times = measure(root, log, args.tag or "x", args.saves, args.timeout, args.settle, sibling)
    print(table(times, args.roles, args.tag))


if __name__ == "__main__":
    main()
