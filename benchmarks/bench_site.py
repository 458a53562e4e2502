"""The plugin's build against plain Material building the same pages, side by side.

    python benchmarks/bench_site.py [--roles 1000] [--rounds 2] [--serve]

Generates the handbook, writes its pages with `rolebook render`, then builds
(a) the rendered pages with plain MkDocs + Material (no plugin) and (b) the
handbook with the plugin, cold (empty diagram cache) and warm (cache kept),
alternating so machine noise hits both. Prints the best time of each, the
ratios against plain, peak memory, the site's size, and with --serve the time
from saving one role file under `mkdocs serve` to the rebuilt page.
Targets (issue 3): warm within 10% of plain, cold within 30%, size < 100 MiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
THEME = """theme:
  name: material
  font: false
  features: [navigation.sections, navigation.indexes, navigation.prune]
markdown_extensions: [attr_list, toc]
"""


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one command (its own rusage, via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed in {cwd}")
    return elapsed, usage.ru_maxrss


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def setup(root: Path, roles: int) -> tuple[Path, Path]:
    plugin = root / "plugin"
    generate(plugin / "handbooks", roles, 20)
    (plugin / "docs").mkdir(parents=True)
    (plugin / "docs" / "index.md").write_text("# Home\n")
    (plugin / "mkdocs.yml").write_text(
        "site_name: Bench\n" + THEME + "plugins:\n  - search\n  - rolebook:\n      today: '2026-11-20'\n"
    )
    plain = root / "plain"
    subprocess.run([str(BIN / "rolebook"), "render", str(plugin / "handbooks"), "-o", str(plain / "docs"),
                    "--today", "2026-11-20"], check=True, env=ENV, capture_output=True)
    (plain / "docs" / "index.md").write_text("# Home\n")
    (plain / "mkdocs.yml").write_text(
        "site_name: Bench\n" + THEME + "plugins:\n  - search\n"
        "extra_css: [assets/rolebook/rolebook.css]\nextra_javascript: [assets/rolebook/rolebook.js]\n"
        "not_in_nav: |\n  /*/*/onboarding.md\n" + plain_nav(plain / "docs" / "roles.json")
    )
    return plugin, plain


def plain_nav(roles_json: Path) -> str:
    """The navigation the plugin builds, written out for plain MkDocs: a fair baseline."""
    import json

    data = json.loads(roles_json.read_text())
    teams = sorted(data["teams"], key=lambda t: (t["order"] is None, t["order"] or 0, t["title"].lower(), t["id"]))
    lines = ["nav:", "  - Home: index.md", "  - Handbook:", "    - overview/index.md"]
    for team in teams:
        lines.append(f"    - {json.dumps(team['title'])}:")
        lines.append(f"      - {team['id']}/index.md")
        roles = sorted((r for r in data["roles"] if r["team"] == team["id"]),
                       key=lambda r: (r["status"] == "retired", r["title"].lower(), r["id"]))
        lines += [f"      - {r['ref']}/index.md" for r in roles]
    lines.append("    - changes/index.md")
    return "\n".join(lines) + "\n"


def serve_reload(project: Path) -> float:
    """Seconds from saving one role file to `mkdocs serve` serving the new text."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/team-00/role-001/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 600
        while "Role 00-001" not in page():
            if time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.5)
        role = project / "handbooks/team-00/role-001.yml"
        role.write_text(role.read_text().replace("title: Role 00-001", "title: Role 00-001 saved"))
        start = time.perf_counter()
        while "Role 00-001 saved" not in page():
            if time.perf_counter() - start > 600:
                raise RuntimeError("no reload within 600 s")
            time.sleep(0.2)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--serve", action="store_true", help="also measure the save-to-reload time")
    args = parser.parse_args()
    mkdocs = str(BIN / "mkdocs")
    with tempfile.TemporaryDirectory() as tmp:
        plugin, plain = setup(Path(tmp), args.roles)
        runs: dict[str, list[float]] = {"plain": [], "plugin cold": [], "plugin warm": []}
        peak: dict[str, int] = {}
        for _ in range(args.rounds):
            t, m = timed([mkdocs, "build", "-q"], plain)
            runs["plain"].append(t); peak["plain"] = m
            shutil.rmtree(plugin / ".cache", ignore_errors=True)
            t, m = timed([mkdocs, "build", "-q"], plugin)
            runs["plugin cold"].append(t); peak["plugin"] = m
            t, m = timed([mkdocs, "build", "-q"], plugin)
            runs["plugin warm"].append(t)
        best = {k: min(v) for k, v in runs.items()}
        print(f"site build, {args.roles} roles ({2 * args.roles + 22} pages), best of {args.rounds}:")
        for name, value in best.items():
            ratio = value / best["plain"]
            print(f"  {name:12s} {value:6.1f} s   x{ratio:.2f} of plain")
        print("  targets: warm <= x1.10, cold <= x1.30")
        print(f"  peak memory: plain {peak['plain'] // 1024} MiB, plugin {peak['plugin'] // 1024} MiB")
        print(f"  site size: plugin {size_of(plugin / 'site') / 2**20:.1f} MiB, plain {size_of(plain / 'site') / 2**20:.1f} MiB "
              f"(target < 100 MiB)")
        if args.serve:
            print(f"  mkdocs serve, save one role file -> page rebuilt: {serve_reload(plugin):.1f} s")


if __name__ == "__main__":
    main()
