"""A save under `mkdocs serve --dirty`, timed from outside as a browser sees it (issue 13).

    python benchmarks/bench_serve_dirty.py [--roles 1000] [--project DIR] [--log FILE] [--tag TEXT]

Starts `mkdocs serve --dirty` on the generated handbook (made in DIR when it
has no mkdocs.yml; the same site as `bench_site.py` and `bench_dirty.py`),
then, as `bench_site.serve_reload` does, saves team-00/role-001.yml with a new
title and fetches pages every 50 ms:

- until the role's page and its team page show the title;
- until another page of its team (role-040) shows it in its navigation
  (such pages are built just after the reload, see mkdocs_plugin/serving.py);
- then saves an edit of the role's summary (no navigation change) and times
  it until the role's page shows it.

Run it alternately against two checkouts (e.g. `PYTHONPATH=/old/plugins`)
to compare them side by side.
"""

from __future__ import annotations

import argparse
import os
import socket
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


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()
    except OSError:
        return ""


def until(condition, limit: float = 300) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise RuntimeError(f"nothing within {limit} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def measure(project: Path, log, tag: str) -> tuple[float, float, float]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/team-00/"
    role = project / "handbooks/team-00/role-001.yml"
    text = role.read_text()
    try:
        until(lambda: "Role 00-001" in page(base + "role-001/"), 1200)
        time.sleep(2)  # let the watcher settle after the first build
        saved = f"Role 00-001 saved {tag}"
        role.write_text(text.replace("title: Role 00-001", f"title: {saved}"))
        start = time.perf_counter()
        until(lambda: saved in page(base + "role-001/") and saved in page(base))
        title = time.perf_counter() - start
        until(lambda: saved in page(base + "role-040/"))
        navigation = time.perf_counter() - start
        time.sleep(3)
        edited = f"Edited summary {tag}."
        role.write_text(role.read_text().replace("summary: Generated role 1", f"summary: {edited} Generated role 1"))
        content = until(lambda: edited in page(base + "role-001/"))
        return title, navigation, content
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        role.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--project", help="reuse (or create) this project folder")
    parser.add_argument("--log", help="write serve's log here")
    parser.add_argument("--tag", default="", help="a label for the printed line")
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
            title, navigation, content = measure(root, log, args.tag or "x")
    print(f"{args.tag or 'serve --dirty'}: title save {title:.2f} s (role and team page), {navigation:.2f} s "
          f"(another page's navigation); summary save {content:.2f} s")


if __name__ == "__main__":
    main()
