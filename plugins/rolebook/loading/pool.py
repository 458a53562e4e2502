"""Read, parse and validate a large handbook's files on every core (one-shot commands).

`rolebook check` on thousands of role files spends most of its time in
Python (libyaml's event loop in `yaml_source`, pydantic), which threads do not
spread over cores. Here worker processes are forked from the command's own
process (nothing re-imported, the job list inherited as it is) and, like the
command itself, claim chunks of files from a shared counter, so a core that
another program keeps busy simply takes fewer chunks.

Each worker reads its files through the same reader (`loading.read_one`:
`reading.read_file`, bounded, no symlink out), so the trust boundary is the
one of the serial path. What comes back is plain data built in that worker
moments before: the findings as tuples, the document's data (pickled: text,
numbers, dates, lists and mappings) and its places (marshal), never a model
nor anything read from a cache. The command's process rebuilds the
`Document` and validates the model again from that data. Results are put
back in file order, and a chunk a worker did not return (it died) is read by
the command's process itself, so the handbook, its findings, their order,
positions and messages are those of the serial path.

Small handbooks, one idle core, or platforms other than Linux take the
serial path: nothing is started.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import queue
import signal
import sys
from typing import Any, Callable, Sequence

from rolebook.loading.one_file import MODELS, FileJob, FileRead, read_one
from rolebook.model.findings import Finding, Severity
from rolebook.model.positions import Document

# Below this many files the serial path is as fast as forking a worker.
PARALLEL_FROM = 400
CHUNK = 32  # files per claim: small enough to balance, large enough to keep messages few


def usable_cores() -> int:
    """The cores this process may run on (taskset and container limits included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def default_workers() -> int:
    """One process per core that is not already busy, by the last minute's load average; at least one.

    On a shared machine the other cores may be taken: a second process then
    only adds its hand-over work (about 15% more CPU time at 4,000 roles) and
    slows the command down. A core counts as busy from a load of 1.5 on, so a
    script running the command back to back does not count against itself.
    What is found does not depend on it.
    """
    cores = usable_cores()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # pragma: no cover - Windows
        load = 0.0
    return max(1, min(cores, cores - int(max(0.0, load - 0.5))))


def can_fork() -> bool:
    """Linux only: macOS offers fork but its system libraries are not safe in a forked child."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def read_files(jobs: list[FileJob], root_real: str, workers: int) -> list[FileRead]:
    """`[read_one(job, root_real) for job in jobs]`, spread over `workers` processes when it pays.

    No parse memo here: this is a one-shot read, and every file is parsed; the loader
    puts what comes back in its memo (`FileRead.memo_key`)."""
    workers = min(workers, usable_cores())
    if workers <= 1 or len(jobs) < PARALLEL_FROM or not can_fork():
        return [read_one(job, root_real) for job in jobs]
    return map_in_processes(
        jobs, lambda job: read_one(job, root_real), encode, decode, workers=workers, chunk=CHUNK)


# -- FileRead as plain data ---------------------------------------------------------------------------


def encode(read: FileRead) -> tuple:
    """A FileRead as plain data: tuples, lists, dicts, text, numbers and dates.

    The places (paths to line and column) are most of it, and only tuples,
    text and numbers: `marshal` writes them four times faster than pickle.
    """
    doc = read.doc
    return (
        [(f.path, f.line, f.column, f.code, f.message, f.severity.value, f.role, f.item, f.text) for f in read.findings],
        read.unreadable,
        None if doc is None else (doc.data, marshal.dumps((doc.positions, doc.plain_non_strings, doc.controls))),
        read.model is not None,
        read.memo_key,
        read.size,
    )


def decode(job: FileJob, plain: tuple) -> FileRead:
    """The FileRead a worker encoded: the document rebuilt, the model validated again here."""
    findings, unreadable, doc_parts, valid, memo_key, size = plain
    doc = None if doc_parts is None else Document(doc_parts[0], *marshal.loads(doc_parts[1]))
    model = MODELS[job.kind].model_validate(doc.data) if valid and doc is not None else None
    return FileRead(job.path, doc, model,
                    [Finding(path, line, column, code, message, Severity(severity), role, item, text)
                     for path, line, column, code, message, severity, role, item, text in findings],
                    unreadable, memo_key if model is not None else None, size)


# -- the process pool ---------------------------------------------------------------------------------


def map_in_processes(jobs: Sequence, run: Callable[[Any], Any], encode: Callable[[Any], Any],
                     decode: Callable[[Any, Any], Any], *, workers: int, chunk: int) -> list:
    """`[run(job) for job in jobs]`, with `workers - 1` forked processes helping.

    A worker sends `encode(run(job))` for each job of a chunk it claimed; this
    process turns it back with `decode(job, plain)`. Its own chunks it runs
    directly. Whatever a worker claimed but did not deliver is run here.
    """
    chunks = [range(start, min(start + chunk, len(jobs))) for start in range(0, len(jobs), chunk)]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    results_queue = context.Queue()
    processes = [context.Process(target=_worker, args=(jobs, chunks, counter, results_queue, run, encode),
                                 daemon=True) for _ in range(workers - 1)]
    results: list[list | None] = [None] * len(chunks)
    for stream in (sys.stdout, sys.stderr):  # a forked worker must not print what is buffered here again
        if stream is not None:
            stream.flush()
    started = []
    try:
        for process in processes:
            try:
                process.start()
            except (OSError, AssertionError, ValueError):  # no fork here (process limit, a daemon): fewer helpers
                break
            started.append(process)
        while (index := _claim(counter, len(chunks))) is not None:
            results[index] = [run(jobs[i]) for i in chunks[index]]
            _receive(results_queue, jobs, chunks, results, decode, block=False)
        while any(r is None for r in results) and any(p.is_alive() for p in started):
            _receive(results_queue, jobs, chunks, results, decode, block=True)
        _receive(results_queue, jobs, chunks, results, decode, block=False)  # what the last worker sent as it left
    except BaseException:  # Ctrl-C, or an error the serial path would raise too: stop the helpers now
        for process in started:
            process.terminate()
        raise
    finally:
        for process in started:
            process.join(timeout=5)
            if process.is_alive():  # pragma: no cover - a worker that hangs
                process.terminate()
                process.join()
        results_queue.close()
    for index, done in enumerate(results):
        if done is None:  # a worker died with it (or could not send it): read it here
            results[index] = [run(jobs[i]) for i in chunks[index]]
    return [read for chunk_results in results for read in chunk_results]


def _claim(counter, total: int) -> int | None:
    with counter.get_lock():
        index = counter.value
        if index >= total:
            return None
        counter.value = index + 1
    return index


def _receive(results_queue, jobs, chunks, results, decode, *, block: bool) -> None:
    """Take every message waiting (with `block`, wait a little for the first)."""
    while True:
        try:
            index, plains = results_queue.get(block=block, timeout=0.05 if block else None)
        except queue.Empty:
            return
        except (EOFError, OSError):  # a worker died mid-message: its chunks are redone
            return
        block = False
        if plains is not None:
            results[index] = [decode(jobs[i], plain) for i, plain in zip(chunks[index], plains)]


def _worker(jobs, chunks, counter, results_queue, run, encode) -> None:
    """In a forked process: claim chunks until none is left, send each one's results.

    Nothing here prints: Ctrl-C is the calling process's to handle (it stops
    the workers), and a chunk that fails is sent back as None for the caller
    to redo, where the serial path's error (if any) is raised.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while (index := _claim(counter, len(chunks))) is not None:
            try:
                plains = [encode(run(jobs[i])) for i in chunks[index]]
            except BaseException:
                results_queue.put((index, None))
                break
            results_queue.put((index, plains))
        results_queue.close()
        results_queue.join_thread()
    except BaseException:  # pragma: no cover - the queue itself failed: the caller redoes what is missing
        os._exit(1)
