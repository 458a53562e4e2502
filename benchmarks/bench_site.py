"""The plugin's build against plain Material building the same pages, side by side.

    python benchmarks/bench_site.py [--roles 1000] [--rounds 2] [--no-serve] [--baseline OTHER/plugins]

Generates the handbook, writes its pages with `rolebook render`, then, in
alternating rounds so machine noise hits every row alike:

- plain: MkDocs + Material building the rendered pages (no plugin), same nav;
- plugin cold: the handbook with the plugin and an empty cache folder;
- plugin warm: the same again with the cache kept (nothing changed);

with `--baseline` (another checkout's `plugins` folder, e.g. a worktree of
`main`), the same cold and warm builds with that code, in the same rounds;
and after the rounds, under `mkdocs serve`, the seconds from saving one role
file until its page *and its team page* show the change, with `--dirty` and
without (and with `--dirty`, an edit of its summary until its page shows it). Peak memory is each build's own maximum RSS. The last lines are a
table of every target with its figure and ratio (issue 13).
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


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one command (its own rusage, via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def serve_reload(project: Path, dirty: bool) -> tuple[float, float | None]:
    """Seconds from saving one role file to `mkdocs serve` serving the new title on the role's page and team page;
    then, with --dirty, from saving an edit of its summary (no navigation change) to the role's page showing it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/team-00/"

    def page(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode()
        except OSError:
            return ""

    role = project / "handbooks/team-00/role-001.yml"
    text = role.read_text()
    try:
        deadline = time.monotonic() + 1200
        while "Role 00-001" not in page(base + "role-001/"):
            if time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        saved = "Role 00-001 saved dirty" if dirty else "Role 00-001 saved"
        role.write_text(text.replace("title: Role 00-001", f"title: {saved}"))
        start = time.perf_counter()
        while saved not in page(base + "role-001/") or saved not in page(base):
            if time.perf_counter() - start > 1200:
                raise RuntimeError("no reload within 1200 s")
            time.sleep(0.05)
        title = time.perf_counter() - start
        if not dirty:
            return title, None
        time.sleep(3)  # the pages rebuilt for their navigation, after the reload
        edited = "Edited while serving."
        role.write_text(role.read_text().replace("\nsummary: ", f"\nsummary: {edited} ", 1))
        start = time.perf_counter()
        while edited not in page(base + "role-001/"):
            if time.perf_counter() - start > 1200:
                raise RuntimeError("no reload within 1200 s")
            time.sleep(0.05)
        return title, time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        role.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-serve", action="store_true", help="skip the save-to-reload rows")
    parser.add_argument("--baseline", type=Path, help="another checkout's plugins/ folder: its cold and warm builds too")
    args = parser.parse_args()
    mkdocs = str(BIN / "mkdocs")
    with tempfile.TemporaryDirectory() as tmp:
        plugin, plain = setup(Path(tmp), args.roles)
        names = ["plain", "plugin cold", "plugin warm"] + (["baseline cold", "baseline warm"] if args.baseline else [])
        runs: dict[str, list[float]] = {name: [] for name in names}
        peak: dict[str, int] = dict.fromkeys(names, 0)
        baseline = Path(tmp) / "baseline"
        base_env = None
        if args.baseline:
            shutil.copytree(plugin, baseline)
            base_env = dict(ENV, PYTHONPATH=str(args.baseline.resolve()))  # before the editable install

        def run(name: str, project: Path, env: dict | None = None) -> None:
            t, m = timed([mkdocs, "build", "-q"], project, env)
            runs[name].append(t)
            peak[name] = max(peak[name], m)

        for _ in range(args.rounds):
            run("plain", plain)
            shutil.rmtree(plugin / ".cache", ignore_errors=True)
            run("plugin cold", plugin)
            run("plugin warm", plugin)
            if args.baseline:
                shutil.rmtree(baseline / ".cache", ignore_errors=True)
                run("baseline cold", baseline, base_env)
                run("baseline warm", baseline, base_env)
        best = {k: min(v) for k, v in runs.items()}
        mib = {k: v / 1024 for k, v in peak.items()}
        print(f"site build, {args.roles} roles ({2 * args.roles + 22} pages), best of {args.rounds}:")
        for name, value in best.items():
            print(f"  {name:12s} {value:7.1f} s   x{value / best['plain']:.2f} of plain   peak {mib[name]:6.0f} MiB")
        print(f"  site size: plugin {size_of(plugin / 'site') / 2**20:.1f} MiB, plain {size_of(plain / 'site') / 2**20:.1f} MiB")
        if args.baseline:
            print(f"  plugin cold x{best['plugin cold'] / best['baseline cold']:.2f} of baseline cold, "
                  f"warm x{best['plugin warm'] / best['baseline warm']:.2f} of baseline warm")
        cold_peak = max(mib["plugin cold"], mib["plugin warm"])
        # (figure, measured, ratio to plain, target, limit, value compared with the limit)
        rows = [
            ("warm build", f"{best['plugin warm']:.1f} s", best["plugin warm"] / best["plain"], "<= x1.00 of plain",
             1.00, best["plugin warm"] / best["plain"]),
            ("cold build (empty cache)", f"{best['plugin cold']:.1f} s", best["plugin cold"] / best["plain"],
             "<= x1.15 of plain", 1.15, best["plugin cold"] / best["plain"]),
            ("peak memory", f"{cold_peak:.0f} MiB", cold_peak / mib["plain"], "<= x1.30 of plain", 1.30,
             cold_peak / mib["plain"]),
        ]
        if not args.no_serve:
            dirty, dirty_content = serve_reload(plugin, dirty=True)
            full, _ = serve_reload(plugin, dirty=False)
            rows.append(("save one role, `serve --dirty`, until role and team page show it", f"{dirty:.1f} s", None,
                         "<= 2 s", 2.0, dirty))
            rows.append(("save an edit of its summary, `serve --dirty`, until its page shows it",
                         f"{dirty_content:.1f} s", None, "(report)", None, None))
            rows.append(("save one role, plain `serve`", f"{full:.1f} s", None, "(report)", None, None))
        print()
        print(f"| figure ({args.roles} roles, {2 * args.roles + 22} pages) | measured | ratio | target | met |")
        print("|---|---|---|---|---|")
        print(f"| plain MkDocs + Material | {best['plain']:.1f} s, {mib['plain']:.0f} MiB | x1.00 | baseline | |")
        for name, figure, ratio, target, limit, value in rows:
            met = "" if limit is None else ("yes" if value <= limit else "NO")
            print(f"| {name} | {figure} | {'' if ratio is None else f'x{ratio:.2f}'} | {target} | {met} |")

if __name__ == "__main__":
    main()
