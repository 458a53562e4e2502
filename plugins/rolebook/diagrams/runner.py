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
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from rolebook.diagrams.cache import DiskCache
from rolebook.diagrams.cache import cache_key as _cache_key
from rolebook.diagrams.svg_safety import UnsafeSvg, sanitize
from rolebook.errors import UsageError
from rolebook.text.log_line import one_line

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


class DiagramError(UsageError):
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
            out = _run_in_group([dot, "-V"], None, limit)
        except FileNotFoundError:
            raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None
        except subprocess.TimeoutExpired:
            raise DiagramError(f"`{dot} -V` did not answer within {limit:g} s: check that `{dot}` is Graphviz's "
                               f"`dot` and runs on its own (try `{dot} -V` in a terminal).\n{INSTALL_HELP}") from None
        except OSError as exc:
            raise DiagramError(f"cannot run `{dot}`: {exc}.\n{INSTALL_HELP}") from None
        _VERSIONS[dot] = (out.stdout + out.stderr).strip()
    return _VERSIONS[dot]


def _run_in_group(argv: list[str], text: str | None, timeout: float) -> subprocess.CompletedProcess:
    """`subprocess.run(argv, input=text, capture_output=True, text=True, timeout=timeout)`, but in a process
    group of its own, all of which is killed on timeout: a `dot` that is a wrapper script leaves no child
    behind (which would also hold the pipes open)."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if text is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
                            start_new_session=True)
    try:
        out, err = proc.communicate(text, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.communicate()
        raise
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


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


def render_many(sources: Mapping[str, str], **options) -> dict[str, str]:
    """Safe SVG for every DOT source (name -> DOT), rendered in batches, cached: `start_many`
    (same options), waited for."""
    return start_many(sources, **options).result()


class PendingRender:
    """`dot` at work in the background while the caller does other work.

    Each batch is a `dot` process reading a file and writing a file: no thread
    of ours pumps a pipe meanwhile (one that did would fight the caller's
    Python code for the interpreter lock at every read, and lose). `result()`
    waits for the processes, validates what they wrote and stores it in the caches.
    """

    def __init__(self, results, keys, missing, sources, owners, dot, disk, memory, jobs, stats, log) -> None:
        self._results, self._keys, self._sources, self._owners = results, keys, sources, owners
        self._dot, self._disk, self._memory, self._stats, self._log = dot, disk, memory, stats, log
        self._batches: list[_Batch] = []
        if missing:
            jobs = max(1, min(jobs or os.cpu_count() or 1, len(missing)))
            try:
                for i in range(jobs):
                    self._batches.append(_Batch(missing[i::jobs], sources, dot, stats))
            except BaseException:
                self.close()
                raise

    def result(self) -> dict[str, str]:
        """name -> safe SVG for every source. Raises DiagramError when `dot` failed."""
        try:
            while self._batches:
                batch = self._batches[0]
                batch_result = batch.collect(self._sources, self._owners, self._dot, self._stats)
                self._batches.pop(0)
                for name in list(batch_result):
                    raw = batch_result.pop(name)  # one raw SVG at a time beside the checked ones
                    svg = _checked(raw, one_line(self._owners.get(name, name)), self._dot, self._log)
                    self._results[name] = self._memory[self._keys[name]] = svg
                    self._stats.rendered += 1
                    self._stats.keys_rendered.append(name)
                    self._disk.write(self._keys[name], svg)
        finally:
            self.close()
        return self._results

    def close(self) -> None:
        """Stop any `dot` still running (after an error) and drop its files."""
        for batch in self._batches:
            batch.close()
        self._batches = []


class _Batch:
    """One `dot` process drawing several graphs, from a file into a file."""

    def __init__(self, names: list[str], sources, dot: str, stats: RunStats) -> None:
        self.names = names
        self.deadline = time.monotonic() + batch_timeout(len(names))
        self.stdin = tempfile.TemporaryFile()
        self.stdout = tempfile.TemporaryFile()
        self.stderr = tempfile.TemporaryFile()
        self.proc = None
        self.stdin.write("\n".join(sources[n] for n in names).encode("utf-8", "surrogateescape"))
        self.stdin.seek(0)
        stats.processes += 1
        try:
            self.proc = subprocess.Popen([dot, *OPTIONS], stdin=self.stdin, stdout=self.stdout, stderr=self.stderr,
                                         start_new_session=True)
        except FileNotFoundError:
            self.close()
            raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None
        except OSError as exc:
            self.close()
            raise DiagramError(f"cannot run `{dot}`: {exc}.\n{INSTALL_HELP}") from None

    def collect(self, sources, owners, dot: str, stats: RunStats) -> dict[str, str]:
        """name -> `dot`'s cleaned SVG; a failed or hanging batch is drawn again graph by graph, to name the culprit."""
        try:
            try:
                self.proc.wait(timeout=max(0.0, self.deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _kill_group(self.proc)
                self.proc.wait()
                return _one_by_one(self.names, sources, owners, dot, stats)
            self.stdout.seek(0)
            out = self.stdout.read().decode("utf-8", "replace")
            documents = [d for d in _DOC_START.split(out) if d.strip()]
            if self.proc.returncode == 0 and len(documents) == len(self.names):
                return {name: clean_svg(doc) for name, doc in zip(self.names, documents)}
            return _one_by_one(self.names, sources, owners, dot, stats)
        finally:
            self.close()

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            _kill_group(self.proc)
            self.proc.wait()
        for f in (self.stdin, self.stdout, self.stderr):
            f.close()


def start_many(
    sources: Mapping[str, str],
    *,
    owners: Mapping[str, str] | None = None,
    dot: str = "dot",
    cache_dir: str | Path | None = None,
    memory: dict[str, str] | None = None,
    jobs: int | None = None,
    stats: RunStats | None = None,
    log: logging.Logger | logging.LoggerAdapter | None = None,
) -> PendingRender:
    """Start rendering: cached SVGs are taken now and `dot` starts on the rest; the caller
    collects everything with `.result()` (meanwhile its own work overlaps `dot`'s).

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
    return PendingRender(results, keys, missing, sources, owners, dot, disk, memory, jobs, stats, log)


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
        return _run_in_group([dot, *OPTIONS], text, batch_timeout(graphs))
    except FileNotFoundError:
        raise DiagramError(f"the Graphviz command `{dot}` was not found.\n{INSTALL_HELP}") from None
    except OSError as exc:
        raise DiagramError(f"cannot run `{dot}`: {exc}.\n{INSTALL_HELP}") from None


def _timed_out(dot: str, owner: str, graphs: int) -> DiagramError:
    return DiagramError(
        f"Graphviz (`{dot}`) did not finish the diagram of {owner} within {batch_timeout(graphs):g} s and was stopped. "
        f"Check that `{dot} -V` answers; if the machine is just slow or the diagram very large, allow more time "
        "with the environment variable ROLEBOOK_DOT_TIMEOUT (a factor, e.g. ROLEBOOK_DOT_TIMEOUT=3).")


def _one_by_one(names: list[str], sources, owners, dot: str, stats: RunStats) -> dict[str, str]:
    """Something in a batch failed: render one by one to name the culprit."""
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
