"""Pages at a glance at scale (issue 23, item 7): what a reader gets from a 300- and a 1,000-role site.

    python benchmarks/bench_glance.py [--roles 300 1000] [--teams 20] [--baseline OTHER/plugins]

For each size: generates the handbook (benchmarks/generate.py), builds it with MkDocs and
Material, then reads the built site in Debian's Chromium and prints, side by side with the
baseline (another checkout's `plugins` folder, e.g. a worktree of main) and their ratio:

- the overview's height at 1280 px (CSS px): a summary, or a wall of rows?
- the smallest diagram text, in CSS px as drawn, over the overview, the largest team page
  and a role page, at 375 and at 1280 px (a picture that is hidden on that screen does not count);
- the search index a first page view fetches (search/search_index.json), uncompressed, in MB;
- the largest team page's height at 1280 px;
- the share of the team chart and of the organisation chart a reader sees at 375 px without
  scrolling sideways (1.00: all of it; the picture in its scrolling box, or the list a phone
  gets instead), and the smallest text of the organisation chart's SVG at 1280 px.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from generate import generate  # noqa: E402

MKDOCS_YML = """site_name: Scale
theme:
  name: material
  font: false
  features: [navigation.sections, navigation.indexes, navigation.prune, search.suggest]
  palette:
    - scheme: default
plugins:
  - search
  - rolebook:
      handbooks_dir: handbooks
      today: '2026-11-20'
      history: false
markdown_extensions: [admonition, attr_list, tables, {toc: {permalink: true}}]
"""

SMALLEST_TEXT = """() => Math.min(...[...document.querySelectorAll('article .rolebook-diagram svg')]
    .filter(svg => svg.getClientRects().length && svg.getBoundingClientRect().width > 0)
    .flatMap(svg => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale); }))"""


# The chart a reader sees (the list where the stylesheet shows it, else the picture in its box), and how
# much of its width is on screen without scrolling sideways: the box's and the page's, multiplied.
VISIBLE_SHARE = """() => { const fig = document.querySelector('article figure.rolebook-figure');
    if (!fig) return null;
    const stack = fig.querySelector('.rolebook-diagram-stack');
    const shown = stack && getComputedStyle(stack).display !== 'none' ? stack : fig.querySelector('.rolebook-diagram');
    const doc = document.documentElement;
    return Math.min(1, shown.clientWidth / shown.scrollWidth) * Math.min(1, doc.clientWidth / doc.scrollWidth); }"""


def build(plugins: Path, root: Path, roles: int, teams: int) -> Path:
    generate(root / "handbooks", roles, teams)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs/index.md").write_text("# Scale\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(plugins), NO_MKDOCS_2_WARNING="1")
    run = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", "site"], cwd=root,
                         env=env, capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(run.stderr[-2000:])
    return root / "site"


def measure(site: Path) -> dict[str, float]:
    from support.browser import chromium, serve

    teams = sorted(p.parent.name for p in site.glob("team-*/index.html"))
    largest = max(teams, key=lambda t: len(list((site / t).glob("role-*/index.html"))))
    figures = {"search index (MB)": (site / "search/search_index.json").stat().st_size / 1e6}
    with serve(site) as url:
        for width in (1280, 375):
            with chromium(viewport={"width": width, "height": 900}) as context:
                page = context.new_page()
                smallest = []
                for path in ("overview/", f"{largest}/", f"{largest}/role-001/"):
                    page.goto(url + path)
                    page.wait_for_load_state("load")
                    height = page.evaluate("document.documentElement.scrollHeight")
                    if width == 1280 and path == "overview/":
                        figures["overview height at 1280 (px)"] = height
                    if width == 1280 and path == f"{largest}/":
                        figures["largest team page at 1280 (px)"] = height
                    value = page.evaluate(SMALLEST_TEXT)
                    if value is not None and value != float("inf"):
                        smallest.append(value)
                        if width == 1280 and path == "overview/":
                            figures["org chart smallest SVG text at 1280 (px)"] = value
                    if width == 375 and path != f"{largest}/role-001/":
                        share = page.evaluate(VISIBLE_SHARE)
                        name = "org chart" if path == "overview/" else "team chart"
                        figures[f"{name} visible share at 375"] = float("nan") if share is None else share
                figures[f"smallest diagram text at {width} (px)"] = min(smallest) if smallest else float("nan")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--teams", type=int, default=20)
    parser.add_argument("--baseline", type=Path, help="another checkout's plugins folder, e.g. ../main/plugins")
    args = parser.parse_args()
    codes = {"this": REPO / "plugins"} | ({"baseline": args.baseline} if args.baseline else {})
    for roles in args.roles:
        rows: dict[str, dict[str, float]] = {}
        for name, plugins in codes.items():
            with tempfile.TemporaryDirectory() as tmp:
                rows[name] = measure(build(plugins, Path(tmp), roles, args.teams))
        print(f"\n{roles} roles in {args.teams} teams ({roles // args.teams} a team)")
        print(f"  {'figure':38} {'this':>10}" + (f" {'baseline':>10} {'ratio':>7}" if args.baseline else ""))
        for figure, value in rows["this"].items():
            line = f"  {figure:38} {value:10.2f}"
            if args.baseline:
                base = rows["baseline"].get(figure, float("nan"))
                line += f" {base:10.2f} {value / base if base else float('nan'):7.2f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
