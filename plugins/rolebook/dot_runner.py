"""Run Graphviz: batched, cached, deterministic. The side-effect edge of diagrams.

Starting `dot` costs about 20 ms; laying out a small graph about 1 ms. So all
the graphs a build needs go through a few `dot` processes (one per core),
each reading many graphs and writing one SVG document per graph, split back
apart here. Which batch a graph lands in never shows in its bytes (Graphviz's
`page0,1_` id prefix for later graphs is removed), so a site is the same on
any number of cores.

Every SVG, fresh from `dot` or read from the cache, passes through
`svg_safety.sanitize` before anyone sees it. Each is cached on disk
(`diagram_cache`, keyed by the DOT source, `dot -V`, options and the versions
that shape output) and in memory across `mkdocs serve` rebuilds: a warm build
starts no `dot` at all. Every `dot` call has a timeout, scaled to its batch.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .diagram_cache import DiskCache, cache_key as _cache_key
from .log_text import one_line
from .svg_safety import UnsafeSvg, sanitize

OPTIONS = ("-Tsvg",)
CACHE_FORMAT = "4"  # bump when post-processing changes
# Seconds: `dot -V`, and a batch = BASE + PER_GRAPH x graphs. ROLEBOOK_DOT_TIMEOUT scales both
# (a factor: 2 doubles them, 0.1 for tests of a hanging `dot`).
VERSION_TIMEOUT = 10.0
BASE_TIMEOUT = 30.0
PER_GRAPH_TIMEOUT = 2.0
_DEFAULT_LOG = logging.getLogger("rolebook")
INSTALL_HELP = (
    "Install Graphviz, which provides `dot`:\n"
    "  Debian/Ubuntu: sudo apt-get install graphviz\n"
    "  Fedora:        sudo dnf install graphviz\n"
    "  macOS:         brew install graphviz\n"
    "  Windows:       winget install graphviz   (or: choco install graphviz)\n"
    "or set the plugin's `dot:` option (mkdocs.yml) to the full path of `dot`."
)
_DOC_START = re.compile(r"(?=<\?xml )")
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", re.S)
_VERSIONS: dict[str, str] = {}


class DiagramError(Exception):
    """`dot` is missing or a graph failed; the message says what to do."""


@dataclass
class RunStats:
    rendered: int = 0
    from_memory: int = 0
    from_disk: int = 0
    processes: int = 0
    keys_rendered: list[str] = field(default_factory=list)


def graphviz_version(dot: str) -> str:
    """`dot -V`, once per command per process (kept across serve rebuilds)."""
    if dot not in _VERSIONS:
        limit = VERSION_TIMEOUT * _timeout_factor()
        try:
            out = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=limit, errors="replace")
        except FileNotFoundError:
            raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None
        except subprocess.TimeoutExpired:
            raise DiagramError(f"`{dot} -V` did not answer within {limit:g} s: check that `{dot}` is Graphviz's "
                               f"`dot` and runs on its own (try `{dot} -V` in a terminal).\n{INSTALL_HELP}") from None
        except OSError as exc:
            raise DiagramError(f"cannot run `{dot}`: {exc}.\n{INSTALL_HELP}") from None
        _VERSIONS[dot] = (out.stdout + out.stderr).strip()
    return _VERSIONS[dot]


def _timeout_factor() -> float:
    try:
        factor = float(os.environ.get("ROLEBOOK_DOT_TIMEOUT", "1"))
    except ValueError:
        return 1.0
    return factor if factor > 0 else 1.0


def batch_timeout(graphs: int) -> float:
    return (BASE_TIMEOUT + PER_GRAPH_TIMEOUT * graphs) * _timeout_factor()


def cache_key(source: str, version: str) -> str:
    return _cache_key(source, dot_version=version, options=OPTIONS, fmt=CACHE_FORMAT)


_GV_TITLE = re.compile(r"^<title>[^<]*</title>\n", re.M)
# Graphviz prefixes the graph id of the 2nd, 3rd... graph in one process with `page0,1_`:
# the bytes would depend on the batching, that is on the number of cores.
_PAGE_PREFIX = re.compile(r'(<g id=")page\d+,\d+_')
_CLUSTER = re.compile(r'<g id="[^"]*" class="cluster">\n.*?</g>\n(?:</g>\n)?(?=<g id=)', re.S)


def clean_svg(svg: str) -> str:
    """Drop the XML prolog, doctype and comments (Graphviz's version among them),
    and put cluster boxes in a fixed order.

    Graphviz 2.43 writes clusters in an order that varies from run to run; they
    are backgrounds drawn before any node, so their order does not change the
    picture, only the bytes.
    """
    svg = _COMMENT.sub("", _PROLOG.sub("", svg)).strip() + "\n"
    # Graphviz titles every node and edge with its generated name ("rb-...->rb-..."):
    # browsers show those on hover and screen readers read them. The links keep
    # their real tooltips; the page adds one accessible title for the picture.
    svg = _GV_TITLE.sub("", svg)
    svg = _PAGE_PREFIX.sub(r"\1", svg)
    clusters = _CLUSTER.findall(svg)
    if len(clusters) > 1:
        first = svg.index(clusters[0])
        rest = _CLUSTER.sub("", svg[first:])
        svg = svg[:first] + "".join(sorted(clusters)) + rest
    return svg


def render_many(
    sources: Mapping[str, str],
    *,
    owners: Mapping[str, str] | None = None,
    dot: str = "dot",
    cache_dir: str | Path | None = None,
    memory: dict[str, str] | None = None,
    jobs: int | None = None,
    stats: RunStats | None = None,
    log: logging.Logger | logging.LoggerAdapter | None = None,
) -> dict[str, str]:
    """Safe SVG for every DOT source (name -> DOT), rendered in batches, cached.

    `owners` names what each graph belongs to, for error messages; `log`
    receives what was wrong with the cache or with `dot`'s output.
    """
    stats = stats if stats is not None else RunStats()
    memory = memory if memory is not None else {}
    owners = owners or {}
    log = log or _DEFAULT_LOG
    version = None
    keys: dict[str, str] = {}
    results: dict[str, str] = {}
    missing: list[str] = []
    disk = DiskCache(cache_dir, log)
    for name, source in sources.items():
        if version is None:
            version = graphviz_version(dot)
        key = cache_key(source, version)
        keys[name] = key
        if key in memory:
            results[name] = memory[key]
            stats.from_memory += 1
            continue
        cached = disk.read(key)
        if cached is not None:
            results[name] = memory[key] = cached
            stats.from_disk += 1
            continue
        missing.append(name)
    if not missing:
        return results
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
    batches = [missing[i::jobs] for i in range(jobs)]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        rendered = list(pool.map(lambda batch: _render_batch(batch, sources, owners, dot, stats), batches))
    for batch_result in rendered:
        for name, raw in batch_result.items():
            svg = _checked(raw, one_line(owners.get(name, name)), dot, log)
            results[name] = memory[keys[name]] = svg
            stats.rendered += 1
            stats.keys_rendered.append(name)
            disk.write(keys[name], svg)
    return results


def _checked(svg: str, owner: str, dot: str, log) -> str:
    """`dot`'s SVG through the validator; what it drops is logged, a non-SVG is an error."""
    try:
        verdict = sanitize(svg)
    except UnsafeSvg as exc:
        raise DiagramError(f"`{dot}` wrote something that is not an SVG for the diagram of {owner} ({exc}): "
                           f"check that `{dot}` is Graphviz's `dot`.") from None
    if verdict.dropped:
        log.warning(f"rolebook: `{dot}` wrote markup that Rolebook does not publish in the diagram of {owner}; "
                    f"removed: {', '.join(sorted(set(verdict.dropped))[:5])}")
    return verdict.svg


def _run(dot: str, text: str, stats: RunStats, graphs: int) -> subprocess.CompletedProcess:
    stats.processes += 1
    try:
        return subprocess.run([dot, *OPTIONS], input=text, capture_output=True, text=True, errors="replace",
                              timeout=batch_timeout(graphs))
    except FileNotFoundError:
        raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None
    except OSError as exc:
        raise DiagramError(f"cannot run `{dot}`: {exc}.\n{INSTALL_HELP}") from None


def _timed_out(dot: str, owner: str, graphs: int) -> DiagramError:
    return DiagramError(
        f"Graphviz (`{dot}`) did not finish the diagram of {owner} within {batch_timeout(graphs):g} s and was stopped. "
        f"Check that `{dot} -V` answers; if the machine is just slow or the diagram very large, allow more time "
        "with the environment variable ROLEBOOK_DOT_TIMEOUT (a factor, e.g. ROLEBOOK_DOT_TIMEOUT=3).")


def _render_batch(names: list[str], sources, owners, dot: str, stats: RunStats) -> dict[str, str]:
    if not names:
        return {}
    try:
        result = _run(dot, "\n".join(sources[n] for n in names), stats, len(names))
    except subprocess.TimeoutExpired:
        result = None  # find the graph that hangs, one by one
    documents = [d for d in _DOC_START.split(result.stdout) if d.strip()] if result else []
    if result is not None and result.returncode == 0 and len(documents) == len(names):
        return {name: clean_svg(doc) for name, doc in zip(names, documents)}
    # Something in the batch failed: render one by one to name the culprit.
    out = {}
    for name in names:
        owner = one_line(owners.get(name, name))
        try:
            single = _run(dot, sources[name], stats, 1)
        except subprocess.TimeoutExpired:
            raise _timed_out(dot, owner, 1) from None
        if single.returncode != 0 or "<svg" not in single.stdout:
            detail = (single.stderr or "no output").strip().splitlines()
            raise DiagramError(f"Graphviz could not draw the diagram of {owner}: {' '.join(detail[:3])}")
        out[name] = clean_svg(single.stdout)
    return out
