"""Diagram rendering on the 1,000-role handbook: batched vs one `dot` per diagram, and warm.

    python benchmarks/bench_diagrams.py [--roles 1000]

Side by side in one run: (a) every diagram through one `dot` process each,
(b) the same diagrams batched (one process per core), (c) a warm run with the
disk cache, and (d) the warm diagram step as a share of the whole core build.
Targets (issue 4): batched >= 10x faster than per diagram; warm: zero renders,
diagram step < 5% of the build.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from rolebook.build.pipeline import draw_diagrams  # noqa: E402
from rolebook.diagrams.dot import overview_diagram, role_diagram, team_diagram  # noqa: E402
from rolebook.diagrams.runner import RunStats, render_many  # noqa: E402
from rolebook.loading.loader import load_handbook  # noqa: E402
from rolebook.model.site_plan import Urls  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp) / "handbooks", args.roles, 20)
        hb = load_handbook(root)
        link = lambda ref, anchor: "x/"  # noqa: E731
        sources = {f"role-{e.ref}": role_diagram(hb, e, link).dot for e in hb.roles()}
        sources |= {f"team-{t}": team_diagram(hb, t, link).dot for t in hb.teams}
        sources["overview"] = overview_diagram(hb, link, lambda t: "t/").dot

        start = time.perf_counter()
        for source in sources.values():
            subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True, check=True)
        one_each = time.perf_counter() - start

        stats = RunStats()
        start = time.perf_counter()
        render_many(sources, memory={}, stats=stats)
        batched = time.perf_counter() - start

        # A warm site build: the plugin with its disk cache filled by a first build.
        project = Path(tmp) / "site"
        (project / "docs").mkdir(parents=True)
        (project / "docs" / "index.md").write_text("# Home\n")
        root.rename(project / "handbooks")
        root = project / "handbooks"
        (project / "mkdocs.yml").write_text(
            "site_name: Bench\ntheme:\n  name: material\n  font: false\n"
            "  features: [navigation.sections, navigation.indexes, navigation.prune]\n"
            "markdown_extensions: [attr_list, toc]\nplugins:\n  - search\n  - rolebook\n")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        mkdocs = str(Path(sys.executable).with_name("mkdocs"))
        subprocess.run([mkdocs, "build", "-q"], cwd=project, env=env, check=True)
        start = time.perf_counter()
        subprocess.run([mkdocs, "build", "-q"], cwd=project, env=env, check=True)
        warm_build = time.perf_counter() - start
        hb = load_handbook(root)
        hb.graph  # the link index is shared with pages and checks, not part of this step
        warm = RunStats()
        start = time.perf_counter()
        draw_diagrams(hb, Urls(), cache_dir=project / ".cache/rolebook", memory={}, stats=warm)
        warm_step = time.perf_counter() - start

        n = len(sources)
        print(f"diagrams, {args.roles} roles ({n} graphs):")
        print(f"  one dot per diagram: {one_each:6.2f} s ({n} processes)")
        print(f"  batched:             {batched:6.2f} s ({stats.processes} processes)  x{one_each / batched:.1f} faster (target >= x10)")
        print(f"  warm (disk cache):   {warm_step:6.2f} s, {warm.rendered} rendered, {warm.processes} dot processes (target 0)")
        print(f"  warm diagram step / warm site build: {warm_step:.2f} / {warm_build:.1f} s = "
              f"{100 * warm_step / warm_build:.1f}% (target < 5% of the build)")


if __name__ == "__main__":
    main()
