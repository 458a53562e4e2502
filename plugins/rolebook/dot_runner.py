"""Run Graphviz: batched, cached, deterministic. The side-effect edge of diagrams.

Starting `dot` costs about 20 ms; laying out a small graph about 1 ms. So all
the graphs a build needs go through a few `dot` processes (one per core),
each reading many graphs and writing one SVG document per graph, split back
apart here. Each SVG is cached on disk under `cache_dir`, keyed by the DOT
source, the Graphviz version and the options, and in memory across
`mkdocs serve` rebuilds: a warm build starts no `dot` at all.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

OPTIONS = ("-Tsvg",)
CACHE_FORMAT = "3"  # bump when post-processing changes
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
        try:
            out = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=30)
        except FileNotFoundError:
            raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None
        except OSError as exc:
            raise DiagramError(f"cannot run `{dot}`: {exc}.\n{INSTALL_HELP}") from None
        _VERSIONS[dot] = (out.stderr or out.stdout).strip()
    return _VERSIONS[dot]


def cache_key(source: str, version: str) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_FORMAT, version, " ".join(OPTIONS), source):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


_GV_TITLE = re.compile(r"^<title>[^<]*</title>\n", re.M)
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
) -> dict[str, str]:
    """SVG for every DOT source (name -> DOT), rendered in batches, cached.

    `owners` names what each graph belongs to, for error messages.
    """
    stats = stats if stats is not None else RunStats()
    memory = memory if memory is not None else {}
    owners = owners or {}
    version = None
    keys: dict[str, str] = {}
    results: dict[str, str] = {}
    missing: list[str] = []
    cache = Path(cache_dir) if cache_dir else None
    for name, source in sources.items():
        if version is None:
            version = graphviz_version(dot)
        key = cache_key(source, version)
        keys[name] = key
        if key in memory:
            results[name] = memory[key]
            stats.from_memory += 1
            continue
        path = cache / key[:2] / f"{key}.svg" if cache else None
        if path is not None and path.is_file():
            results[name] = memory[key] = path.read_text(encoding="utf-8")
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
        for name, svg in batch_result.items():
            results[name] = memory[keys[name]] = svg
            stats.rendered += 1
            stats.keys_rendered.append(name)
            if cache is not None:
                path = cache / keys[name][:2] / f"{keys[name]}.svg"
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".tmp{os.getpid()}")
                tmp.write_text(svg, encoding="utf-8")
                tmp.replace(path)  # atomic: a concurrent build never reads half a file
    return results


def _run(dot: str, text: str, stats: RunStats) -> subprocess.CompletedProcess:
    stats.processes += 1
    try:
        return subprocess.run([dot, *OPTIONS], input=text, capture_output=True, text=True, timeout=600)
    except FileNotFoundError:
        raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None


def _render_batch(names: list[str], sources, owners, dot: str, stats: RunStats) -> dict[str, str]:
    if not names:
        return {}
    result = _run(dot, "\n".join(sources[n] for n in names), stats)
    documents = [d for d in _DOC_START.split(result.stdout) if d.strip()]
    if result.returncode == 0 and len(documents) == len(names):
        return {name: clean_svg(doc) for name, doc in zip(names, documents)}
    # Something in the batch failed: render one by one to name the culprit.
    out = {}
    for name in names:
        single = _run(dot, sources[name], stats)
        if single.returncode != 0 or "<svg" not in single.stdout:
            owner = owners.get(name, name)
            detail = (single.stderr or "no output").strip().splitlines()
            raise DiagramError(f"Graphviz could not draw the diagram of {owner}: {' '.join(detail[:3])}")
        out[name] = clean_svg(single.stdout)
    return out
