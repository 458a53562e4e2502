"""Where a `mkdocs serve --dirty` rebuild's time goes, in-process (issues 13, 19).

    python benchmarks/bench_dirty.py [--roles 1000] [--saves 3] [--kinds title,content] [--detail]
                                     [--profile [KIND]] [--project DIR]

Builds the generated handbook the way `mkdocs serve --dirty` does (the same
`mkdocs.commands.build.build(config, serve_url=..., dirty=True)` call, the
config loaded afresh for every rebuild as serve's builder does, and the
plugin's `on_serve` given a stand-in for the livereload server), then saves
one role file, in turn its title (a navigation change) and its summary
(a content change); with `--kinds` also its first outcome's title
(`outcome`) and a new role file (`new`, removed again after the round, not
timed). Each rebuild is timed split into phases:

- config: `load_config` and the `on_config` events;
- files: `get_files` (the theme's files are in "other");
- core: the plugin's `on_files` (the incremental core build, page sync);
- nav: `get_navigation` and the `on_nav` events;
- read: reading and converting the pages the dirty build reads;
- env + static: `on_env`, copying static files, theme templates (sitemap, 404);
- pages: writing the pages the dirty build writes (their theme template,
  the search plugin's indexing);
- post: anchor validation and `on_post_build` (search index, ...);
- after reload: the pages rebuilt only for their navigation, built once
  the rebuild has returned (see mkdocs_plugin/serving.py); not in "total".

`--detail` splits the core step and the search plugin's indexing and adds
the cycle collector's time (gc0-gc2).

`mkdocs serve` adds what its file watcher takes to notice a save (the
handbooks folder polled every 0.2 s under `--dirty`, then 0.1 s without
further changes): about 0.2 s on average. `bench_serve_dirty.py` and
`bench_site.py` measure the whole loop from outside.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

THEME = """theme:
  name: material
  font: false
  features: [navigation.sections, navigation.indexes, navigation.prune]
markdown_extensions: [attr_list, toc]
"""


class Phases:
    """Accumulates wall time per phase, via wrappers around MkDocs' build steps."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - start

    def wrap(self, module, attr: str, name: str) -> None:
        original = getattr(module, attr)

        def wrapper(*args, **kwargs):
            with self.phase(name):
                return original(*args, **kwargs)

        setattr(module, attr, wrapper)


class FakeServer:
    """What the plugin uses of MkDocs' livereload server (see serving._reload_browsers)."""

    def __init__(self) -> None:
        import threading

        self._rebuild_cond, self._epoch_cond = threading.Condition(), threading.Condition()
        self._want_rebuild = False
        self._visible_epoch = self._wanted_epoch = 0

    def watch(self, path: str) -> None:
        pass


def instrument(phases: Phases) -> None:
    import mkdocs.commands.build as B
    from mkdocs.plugins import PluginCollection

    phases.wrap(B, "get_files", "files")
    phases.wrap(B, "get_navigation", "nav")
    phases.wrap(B, "_populate_page", "read")
    phases.wrap(B, "_build_theme_template", "env + static")
    phases.wrap(B, "_build_page", "pages")
    for event, name in (("on_files", "core"), ("on_nav", "nav"), ("on_env", "env + static"),
                        ("on_post_build", "post"), ("on_config", "config")):
        phases.wrap(PluginCollection, event, name)
    original = B.Files.copy_static_files

    def copy_static_files(self, *args, **kwargs):
        with phases.phase("env + static"):
            return original(self, *args, **kwargs)

    B.Files.copy_static_files = copy_static_files
    original_validate = B.Page.validate_anchor_links

    def validate(self, *args, **kwargs):
        with phases.phase("post"):
            return original_validate(self, *args, **kwargs)

    B.Page.validate_anchor_links = validate


def instrument_gc(phases: Phases) -> None:
    """Time in the cycle collector, per generation."""
    import gc

    started: list[float] = []

    def callback(what, info):
        if what == "start":
            started.append(time.perf_counter())
        elif started:
            name = f"gc{info['generation']}"
            phases.times[name] = phases.times.get(name, 0.0) + time.perf_counter() - started.pop()

    gc.callbacks.append(callback)


def instrument_core(phases: Phases) -> None:
    """Sub-phases of the plugin's core step and of page writing (printed with --detail)."""
    import importlib

    from rolebook.build import incremental
    from rolebook.build import pipeline as core_build

    try:  # this branch: the build session owns the build mode, the page folder and the files
        from rolebook.build import session
    except ImportError:
        session = None
    from rolebook.mkdocs_plugin import plugin

    split = getattr(session, "_PageFilesMemo", None) or getattr(plugin, "PageFilesMemo", None)  # each page's files, kept
    if split is not None:
        phases.wrap(split, "files", "c.split")
    else:  # before: every page split again
        try:
            slots = importlib.import_module("rolebook.mkdocs_plugin.diagram_slots")
        except ImportError:
            slots = importlib.import_module("rolebook.diagram_slots")
        phases.wrap(slots, "split", "c.split")
    if session is not None:
        owners = ((session, "nav_data", "c.nav_data"), (plugin, "add_files", "c.add_files"),
                  (plugin, "report", "c.report"), (session.warm_cache, "settings_digest", "c.settings"),
                  (session.PageFolder, "sync", "c.sync"))
    else:
        owners = ((plugin.PageFolder, "sync", "c.sync"),
                  (plugin.navigation, "nav_data", "c.nav_data"), (plugin.RolebookPlugin, "_add_files", "c.add_files"),
                  (plugin.RolebookPlugin, "_report", "c.report"), (plugin.build_cache, "settings_digest", "c.settings"))
    for module, attr, name in (
        (core_build, "load_handbook", "c.load"), (core_build, "timing_for", "c.timing"),
        (core_build, "check", "c.check"), (core_build, "draw_diagrams", "c.diagrams"),
        (core_build, "health_report", "c.health"), (core_build, "load_history", "c.history"),
        (incremental.IncrementalBuilder, "start", "c.affected"), (incremental._Step, "render", "c.render"),
        (incremental._Step, "roles_json", "c.roles_json"), (incremental._Step, "all_diagrams", "c.all_diagrams"),
        *owners,
    ):
        phases.wrap(module, attr, name)
    try:
        search = importlib.import_module("material.plugins.search.plugin")
        phases.wrap(search.SearchPlugin, "on_page_context", "p.search")
    except ImportError:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=3, help="saves of each kind")
    parser.add_argument("--kinds", default="title,content", help="comma-separated: title, outcome, content, new")
    parser.add_argument("--profile", nargs="?", const="title", help="print a cProfile of the last save of this kind")
    parser.add_argument("--project", help="reuse (or create) this project folder")
    parser.add_argument("--detail", action="store_true", help="also split the core step and the search plugin")
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.project) if args.project else Path(tmp) / "plugin"
        if not (root / "mkdocs.yml").exists():
            generate(root / "handbooks", args.roles, 20)
            (root / "docs").mkdir(parents=True, exist_ok=True)
            (root / "docs" / "index.md").write_text("# Home\n")
            (root / "mkdocs.yml").write_text(
                "site_name: Bench\n" + THEME + "plugins:\n  - search\n  - rolebook:\n      today: '2026-11-20'\n")
        site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir=tmp)
        serve_url = "http://127.0.0.1:8000/"
        cwd = os.getcwd()
        os.chdir(root)
        phases = Phases()

        def get_config():
            with phases.phase("config"):
                config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)
                config.site_url = serve_url
            return config

        config = get_config()
        config.plugins.on_startup(command="serve", dirty=True)
        server = FakeServer()
        start = time.perf_counter()
        build(config, serve_url=serve_url, dirty=True)
        print(f"first build: {time.perf_counter() - start:.1f} s")
        config.plugins.on_serve(server, config=config, builder=None)
        instrument(phases)
        if args.detail:
            instrument_core(phases)
            instrument_gc(phases)

        role = root / "handbooks/team-00/role-001.yml"
        original = role.read_text()
        rows = []
        try:
            for n in range(args.saves):
                for kind in args.kinds.split(","):
                    text, path = role.read_text(), role
                    if kind == "title":
                        text = re.sub(r"^title: .*$", f"title: Role 00-001 saved {n}", text, count=1, flags=re.M)
                    elif kind == "outcome":
                        text = re.sub(r"^(  - id: outcome-0\n    title: ).*$", rf"\g<1>Deliverable renamed {n}", text,
                                      count=1, flags=re.M)
                    elif kind == "new":
                        path = added = role.parent / f"role-{900 + n:03d}.yml"
                        text = re.sub(r"^title: .*$", f"title: Role 00-{900 + n} new", original, count=1, flags=re.M)
                    else:
                        text = text.replace("summary: ", f"summary: Edit {n}. ", 1)
                    path.write_text(text)
                    phases.times.clear()
                    profiler = cProfile.Profile() if args.profile == kind and n == args.saves - 1 else None
                    start = time.perf_counter()
                    if profiler:
                        profiler.enable()
                    build(get_config(), serve_url=serve_url, dirty=True)
                    if profiler:
                        profiler.disable()
                    total = time.perf_counter() - start
                    times = dict(phases.times)  # the deferred pages' thread adds to the phases after this
                    helper = getattr(config.plugins["rolebook"], "helper", None)
                    if helper is not None and helper.thread is not None:
                        helper.thread.join()
                        times["after reload"] = time.perf_counter() - start - total
                    rows.append((kind, total, times))
                    if kind == "new":  # back to the handbook of the round's start, untimed
                        added.unlink()
                        build(get_config(), serve_url=serve_url, dirty=True)
                        if helper is not None and helper.thread is not None:
                            helper.thread.join()
                    if profiler:
                        stats = pstats.Stats(profiler)
                        stats.sort_stats("cumulative").print_stats(45)
                        stats.sort_stats("tottime").print_stats(25)
        finally:
            role.write_text(original)
            for n in range(args.saves):
                (role.parent / f"role-{900 + n:03d}.yml").unlink(missing_ok=True)
            os.chdir(cwd)

    names = ["config", "files", "core", "nav", "read", "env + static", "pages", "post", "after reload"]
    print(f"\nrebuild after one save, {args.roles} roles (seconds):")
    print("| save | total | " + " | ".join(names) + " | other |")
    print("|---" * (len(names) + 3) + "|")
    for kind, total, times in rows:
        other = total - sum(times.get(n, 0.0) for n in names[:-1])
        print(f"| {kind} | {total:.2f} | " + " | ".join(f"{times.get(n, 0.0):.2f}" for n in names)
              + f" | {other:.2f} |")
        if args.detail:
            print("    " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(times.items()) if k not in names))


if __name__ == "__main__":
    main()
