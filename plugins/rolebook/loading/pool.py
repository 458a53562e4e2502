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
import pickle
import selectors
import signal
import struct
import sys
import threading
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

_HEADER = struct.Struct("<iQ")  # chunk index (-1: the worker gives up), payload length
CLAIM_WAIT = 1.0  # seconds the caller waits for the claim counter before it stops claiming


def map_in_processes(jobs: Sequence, run: Callable[[Any], Any], encode: Callable[[Any], Any],
                     decode: Callable[[Any, Any], Any], *, workers: int, chunk: int) -> list:
    """`[run(job) for job in jobs]`, with `workers - 1` forked processes helping.

    A worker sends `encode(run(job))` for each job of a chunk it claimed, as one frame on a pipe of
    its own; this process turns it back with `decode(job, plain)`. Its own chunks it runs directly.

    Nothing here waits for a worker. A reader thread collects whole frames from the pipes (a frame
    cut short because its writer died is dropped at the end of the pipe); once no chunk is left to
    claim, this process runs every chunk whose frame has not arrived yet itself, so a worker that
    died, was stopped (SIGSTOP), or is slow costs at most the chunk it held, never a hang. The
    workers are then killed (a stopped one too) and reaped.
    """
    chunks = [range(start, min(start + chunk, len(jobs))) for start in range(0, len(jobs), chunk)]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    pipes = [os.pipe() for _ in range(workers - 1)]
    results: list[list | None] = [None] * len(chunks)
    for stream in (sys.stdout, sys.stderr):  # a forked worker must not print what is buffered here again
        if stream is not None:
            stream.flush()
    started, readers = [], []
    inbox = _Inbox()
    try:
        for number, (read_end, write_end) in enumerate(pipes):
            others = [fd for i, pair in enumerate(pipes) if i != number for fd in pair] + [read_end]
            process = context.Process(target=_worker, args=(jobs, chunks, counter, write_end, others, run, encode),
                                      daemon=True)
            try:
                process.start()
            except (OSError, AssertionError, ValueError):  # no fork here (process limit, a daemon): fewer helpers
                break
            started.append(process)
            readers.append(read_end)
        for read_end, write_end in pipes:  # only the workers write; unused read ends go too
            os.close(write_end)
            if read_end not in readers:
                os.close(read_end)
        pipes = []
        inbox.start(readers)
        while (index := _claim(counter, len(chunks), wait=CLAIM_WAIT)) is not None:
            results[index] = [run(jobs[i]) for i in chunks[index]]
            inbox.deliver(jobs, chunks, results, decode)
        for index in range(len(chunks)):  # what no worker delivered (yet): run here
            inbox.deliver(jobs, chunks, results, decode)
            if results[index] is None:
                results[index] = [run(jobs[i]) for i in chunks[index]]
    finally:  # also on Ctrl-C, or an error the serial path would raise too: stop the helpers now
        for process in started:
            if process.is_alive():
                process.kill()  # SIGKILL: a stopped worker ends too
        for process in started:
            process.join()
        inbox.stop()
        for pair in pipes:  # only when starting the workers failed half-way
            for fd in pair:
                os.close(fd)
    return [read for chunk_results in results for read in chunk_results]


def _claim(counter, total: int, wait: float | None = None) -> int | None:
    """The next chunk's index, or None when none is left (or, with `wait`, when the counter's lock was
    not free within `wait` seconds: a worker died or was stopped holding it)."""
    lock = counter.get_lock()
    if not (lock.acquire() if wait is None else lock.acquire(timeout=wait)):
        return None
    try:
        index = counter.value
        if index >= total:
            return None
        counter.value = index + 1
    finally:
        lock.release()
    return index


class _Inbox:
    """A thread that reads whole frames from the workers' pipes into `frames` (chunk index -> payload)."""

    def __init__(self) -> None:
        self.frames: dict[int, bytes] = {}
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.fds: list[int] = []
        self.stop_read, self.stop_write = os.pipe()

    def start(self, fds: list[int]) -> None:
        self.fds = list(fds)
        if self.fds:
            self.thread = threading.Thread(target=self._read, name="rolebook-pool-inbox", daemon=True)
            self.thread.start()

    def _read(self) -> None:
        buffers = {fd: bytearray() for fd in self.fds}
        with selectors.DefaultSelector() as selector:
            for fd in self.fds:
                selector.register(fd, selectors.EVENT_READ)
            selector.register(self.stop_read, selectors.EVENT_READ)
            while len(selector.get_map()) > 1:
                for key, _ in selector.select():
                    fd = key.fd
                    if fd == self.stop_read:
                        return
                    try:
                        data = os.read(fd, 1 << 20)
                    except OSError:
                        data = b""
                    if not data:  # the worker is gone: a frame cut short is dropped with it
                        selector.unregister(fd)
                        continue
                    buffer = buffers[fd]
                    buffer += data
                    while len(buffer) >= _HEADER.size:
                        index, length = _HEADER.unpack_from(buffer)
                        if len(buffer) < _HEADER.size + length:
                            break
                        payload = bytes(buffer[_HEADER.size:_HEADER.size + length])
                        del buffer[:_HEADER.size + length]
                        if index >= 0:
                            with self.lock:
                                self.frames[index] = payload

    def deliver(self, jobs, chunks, results, decode) -> None:
        """Decode every frame that has arrived into `results` (a chunk already run here is kept)."""
        with self.lock:
            frames, self.frames = self.frames, {}
        for index, payload in frames.items():
            if 0 <= index < len(results) and results[index] is None:
                plains = pickle.loads(payload)
                results[index] = [decode(jobs[i], plain) for i, plain in zip(chunks[index], plains)]

    def stop(self) -> None:
        os.write(self.stop_write, b"x")
        if self.thread is not None:
            self.thread.join()
        for fd in (*self.fds, self.stop_read, self.stop_write):
            os.close(fd)
        self.fds = []


def _worker(jobs, chunks, counter, out: int, others: list[int], run, encode) -> None:
    """In a forked process: claim chunks until none is left, send each one's results as one frame.

    Nothing here prints: Ctrl-C is the calling process's to handle (it stops
    the workers), and a chunk that fails ends the worker (the caller runs
    what is missing, where the serial path's error, if any, is raised).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for fd in others:  # the other workers' pipes: each pipe ends when its own worker does
        os.close(fd)
    try:
        with os.fdopen(out, "wb") as pipe:
            while (index := _claim(counter, len(chunks))) is not None:
                try:
                    plains = [encode(run(jobs[i])) for i in chunks[index]]
                except BaseException:
                    break
                payload = pickle.dumps(plains, protocol=pickle.HIGHEST_PROTOCOL)
                pipe.write(_HEADER.pack(index, len(payload)) + payload)
                pipe.flush()
    except BaseException:  # pragma: no cover - the pipe itself failed: the caller runs what is missing
        os._exit(1)
