"""Reading a handbook on several processes gives exactly what the serial reader gives.

The handbook here mixes every kind of file the reader meets (clean roles, team
files, syntax errors, schema errors, control characters, YAML 1.1 surprises,
CRLF and NEL line breaks, a symlink out of the folder, a FIFO), so that each
kind of finding crosses the process boundary. The pool is made to start with
small chunks, and a test checks that files really were read by another process
and sent back, so the comparison cannot pass by running the serial path twice.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rolebook.checks import check
from rolebook.loading import one_file as loading
from rolebook.loading import parse_memo
from rolebook.loading import pool as parse_pool
from rolebook.loading.loader import load_handbook
from support.handbooks import CLEAN_ROLE, REPO, write_handbook

BROKEN = {
    "syntax.yml": "title: [unclosed\nsummary: x\n",
    "duplicate.yml": "title: a\nsummary: b\ntitle: c\n",
    "schema.yml": CLEAN_ROLE.replace("kind: document", "kind: doc").replace("title: API spec", "titel: API spec"),
    "yes.yml": CLEAN_ROLE.replace("title: Staff Engineer", "title: yes"),
    "control.yml": CLEAN_ROLE.replace("title: Staff Engineer", 'title: "Staff\\x07 Engineer"'),
    "raw-control.yml": CLEAN_ROLE.replace("title: Staff Engineer", "title: Staff\x01Engineer"),
    "crlf.yml": CLEAN_ROLE.replace("\n", "\r\n").replace("id: api-live", "id: ../etc"),
    "nel.yml": CLEAN_ROLE.replace("purpose:", "notes: a\u0085b\npurpose:").replace("kind: document", "kind: x"),
    "empty.yml": "",
    "list.yml": "- a\n- b\n",
    "bomb.yml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)),
    "tag.yml": "title: !!python/object/apply:os.system [ls]\n",
    "vacant.yml": CLEAN_ROLE.split("holders:")[0] + "status: active\n",
    "placeholder.yml": CLEAN_ROLE.replace("title: Staff Engineer", "title: Staff Engineer\n"
                                          "purpose: 'Why the role exists: the need it meets for the organisation.'"),
}


def mixed_handbook(root: Path, teams: int = 6, roles: int = 12) -> Path:
    files: dict[str, str] = {}
    for t in range(teams):
        team = f"team-{t}"
        if t % 2 == 0:
            files[f"{team}/_team.yml"] = f"title: Team {t}\nsummary: Team number {t}.\nlead: role-0\n"
        if t == 3:
            files[f"{team}/_team.yml"] = "title: [broken\n"
        for r in range(roles):
            files[f"{team}/role-{r}.yml"] = CLEAN_ROLE.replace("Staff Engineer", f"Role {t}-{r}")
        for name, text in BROKEN.items():
            files[f"{team}/{name}"] = text
    handbooks = write_handbook(root, files)
    outside = root / "outside.yml"
    outside.write_text(CLEAN_ROLE)
    os.symlink(outside, handbooks / "team-0" / "link-out.yml")
    os.mkfifo(handbooks / f"team-{teams - 1}" / "fifo.yml")
    return handbooks


def snapshot(handbook):
    """Everything loading produced, in order, in comparable form."""
    teams = []
    for team_id, team in handbook.teams.items():
        meta_doc = team.meta_doc
        teams.append((team_id, team.meta, str(team.meta_path),
                      None if meta_doc is None else (meta_doc.data, meta_doc.positions)))
        for role_id, entry in team.roles.items():
            doc = entry.doc
            teams.append((role_id, str(entry.path), entry.role, doc.data, list(doc.positions.items()),
                          doc.plain_non_strings, doc.controls))
    findings = [(f, f.severity, f.role, f.item) for f in handbook.findings]
    return findings, [str(p) for p in handbook.unreadable], teams


@pytest.fixture
def small_chunks(monkeypatch):
    """Fork for a handbook this small, in chunks of 3 files, and count what workers send back."""
    monkeypatch.setattr(parse_pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parse_pool, "CHUNK", 3)
    monkeypatch.setattr(parse_pool, "usable_cores", lambda: 2)
    decoded = []
    real_decode = parse_pool.decode

    def counting_decode(job, plain):
        decoded.append(job.path)
        return real_decode(job, plain)

    monkeypatch.setattr(parse_pool, "decode", counting_decode)
    # The calling process takes its time per file, so the worker surely gets chunks.
    parent = os.getpid()
    real_read = loading.read_one

    def slow_in_parent(job, root_real):
        if os.getpid() == parent:
            import time

            time.sleep(0.01)
        return real_read(job, root_real)

    monkeypatch.setattr(parse_pool, "read_one", slow_in_parent)
    return decoded


def test_parallel_reading_gives_the_serial_handbook_and_findings(tmp_path, small_chunks):
    handbooks = mixed_handbook(tmp_path)
    parse_memo.SHARED.clear()
    serial = load_handbook(handbooks)
    serial_findings = check(serial)
    parse_memo.SHARED.clear()  # the worker must parse, not find the serial results in the memo
    parallel = load_handbook(handbooks, workers=2)
    # files really came from another process, as plain data, and there were findings among them
    assert len(small_chunks) >= 20
    assert any(p.name in BROKEN for p in small_chunks)
    assert snapshot(parallel) == snapshot(serial)
    parallel_findings = check(parallel)
    assert parallel_findings == serial_findings
    assert [(f.severity, f.role, f.item) for f in parallel_findings] == [
        (f.severity, f.role, f.item) for f in serial_findings]
    codes = {f.code for f in serial_findings}
    assert {"RB001", "RB002", "RB110", "RB115"} <= codes, codes  # the mix reached every kind of finding


def test_the_comparison_sees_a_difference(tmp_path, small_chunks, monkeypatch):
    """A worker that got one position wrong would be caught: the snapshot compares positions."""
    handbooks = mixed_handbook(tmp_path, teams=2, roles=4)
    parse_memo.SHARED.clear()
    serial = snapshot(load_handbook(handbooks))
    real_encode = parse_pool.encode

    def off_by_one(read):
        if read.doc is not None:
            positions = read.doc.positions
            read.doc.positions = {path: (line + 1, column) for path, (line, column) in positions.items()}
        return real_encode(read)

    monkeypatch.setattr(parse_pool, "encode", off_by_one)
    parse_memo.SHARED.clear()
    assert snapshot(load_handbook(handbooks, workers=2)) != serial


def test_a_worker_that_dies_costs_time_not_files(tmp_path, small_chunks, monkeypatch):
    handbooks = mixed_handbook(tmp_path, teams=2, roles=6)
    parse_memo.SHARED.clear()
    serial = snapshot(load_handbook(handbooks))
    parent = os.getpid()
    real_read = parse_pool.read_one

    died = tmp_path / "worker-died"

    def die_in_worker(job, root_real):
        if os.getpid() != parent:
            died.touch()
            os._exit(3)  # at its first file, no message, no clean-up: as if killed
        return real_read(job, root_real)

    monkeypatch.setattr(parse_pool, "read_one", die_in_worker)
    parse_memo.SHARED.clear()
    assert snapshot(load_handbook(handbooks, workers=2)) == serial
    assert died.exists() and small_chunks == []  # the worker did die holding a chunk, which was read here


def test_small_handbooks_and_one_core_start_no_process(tmp_path, monkeypatch):
    handbooks = mixed_handbook(tmp_path, teams=1, roles=3)

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(parse_pool, "map_in_processes", no_pool)
    load_handbook(handbooks, workers=2)  # under PARALLEL_FROM files
    monkeypatch.setattr(parse_pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parse_pool, "usable_cores", lambda: 1)
    load_handbook(handbooks, workers=4)  # more files than the threshold, but one core


def test_check_command_prints_the_same_with_one_process_and_with_two(tmp_path):
    """End to end: a handbook over the threshold, with findings in many files, in every output format."""
    files = {}
    for t in range(4):
        for r in range(110):
            files[f"team-{t}/role-{r}.yml"] = CLEAN_ROLE.replace("Staff Engineer", f"Role {t}-{r}")
        for name, text in BROKEN.items():
            files[f"team-{t}/{name}"] = text
    handbooks = write_handbook(tmp_path, files)
    assert sum(1 for _ in handbooks.rglob("*.yml")) >= parse_pool.PARALLEL_FROM
    rolebook = str(Path(sys.executable).with_name("rolebook"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(REPO / "plugins"))
    for fmt in ("text", "json"):
        runs = [subprocess.run([rolebook, "check", str(handbooks), "--format", fmt, "--today", "2026-11-20",
                                "--jobs", jobs], capture_output=True, text=True, env=env, cwd=tmp_path)
                for jobs in ("1", "2")]
        assert runs[0].returncode == runs[1].returncode == 1
        assert runs[0].stdout == runs[1].stdout
        assert runs[0].stderr == runs[1].stderr  # the same notes, no worker's traceback
        assert runs[0].stdout.count("RB00") > 40


def test_an_error_in_a_worker_or_no_fork_at_all_still_reads_every_file(tmp_path, small_chunks, monkeypatch):
    handbooks = mixed_handbook(tmp_path, teams=2, roles=6)
    parse_memo.SHARED.clear()
    serial = snapshot(load_handbook(handbooks))
    parent = os.getpid()
    real_read = parse_pool.read_one

    def fails_in_worker(job, root_real):
        if os.getpid() != parent:
            raise MemoryError("only in the worker")
        return real_read(job, root_real)

    monkeypatch.setattr(parse_pool, "read_one", fails_in_worker)
    parse_memo.SHARED.clear()
    assert snapshot(load_handbook(handbooks, workers=2)) == serial
    assert small_chunks == []  # nothing came from the worker: its chunk was redone here

    import multiprocessing.process

    def cannot_fork(self):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", cannot_fork)
    parse_memo.SHARED.clear()
    assert snapshot(load_handbook(handbooks, workers=2)) == serial


def test_the_default_uses_the_idle_cores_only(monkeypatch):
    monkeypatch.setattr(parse_pool, "usable_cores", lambda: 2)
    for load, workers in ((0.0, 2), (1.2, 2), (1.6, 1), (3.5, 1)):
        monkeypatch.setattr(os, "getloadavg", lambda load=load: (load, load, load))
        assert parse_pool.default_workers() == workers, load


def test_hostile_files_cross_the_process_boundary_unchanged(tmp_path, small_chunks):
    """Mutants of the example handbook (the fuzzer's operators): dates with time zones, NaN, odd keys, errors."""
    import random

    sys.path.insert(0, str(REPO / "scripts"))
    import fuzz

    rng = random.Random(20261127)
    originals = sorted((REPO / "handbooks").rglob("*.yml"))
    handbooks = tmp_path / "handbooks"
    for n in range(240):
        source = rng.choice(originals)
        target = handbooks / f"team-{n % 4}" / (source.name if n < 8 else f"m-{n}.yml")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(fuzz.mutate(source.read_bytes(), rng)[0])
    parse_memo.SHARED.clear()
    serial = load_handbook(handbooks)
    parse_memo.SHARED.clear()
    parallel = load_handbook(handbooks, workers=2)
    assert len(small_chunks) >= 40
    assert repr(snapshot(parallel)) == repr(snapshot(serial))  # repr: NaN is not equal to itself
    assert repr(check(parallel)) == repr(check(serial))
    assert len(serial.findings) > 50


# -- a worker killed or stopped at the worst moment (issue 25, item 4): real signals, real processes --


def _square_jobs():
    return list(range(96)), (lambda job: job * job), (lambda read: (read, "x" * 50_000)), (lambda job, plain: plain[0])


class _CutShort:
    """The worker's pipe: writes half of its first frame, then the worker gets `sig` from the system."""

    def __init__(self, handle, sig: int) -> None:
        self.handle, self.sig = handle, sig

    def write(self, data: bytes) -> None:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        os.kill(os.getpid(), self.sig)
        self.handle.write(data[len(data) // 2:])  # a stopped worker would go on if it were continued

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGSTOP])
def test_a_worker_killed_or_stopped_mid_message_costs_its_chunk_not_a_hang(sig, monkeypatch):
    jobs, run, encode, decode = _square_jobs()
    parent, real_fdopen = os.getpid(), os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return _CutShort(handle, sig) if os.getpid() != parent and mode == "wb" else handle

    monkeypatch.setattr(parse_pool.os, "fdopen", fdopen)
    start = time.monotonic()
    assert parse_pool.map_in_processes(jobs, run, encode, decode, workers=3, chunk=4) == [j * j for j in jobs]
    assert time.monotonic() - start < 20
    assert not multiprocessing.active_children()  # the stopped ones were killed and reaped


def test_a_worker_stopped_holding_the_claim_counter_does_not_stop_the_caller(monkeypatch):
    jobs, run, encode, decode = _square_jobs()
    parent, real_claim = os.getpid(), parse_pool._claim

    def claim(counter, total, wait=None):
        if os.getpid() != parent:
            counter.get_lock().acquire()
            os.kill(os.getpid(), signal.SIGSTOP)  # stopped with the lock held
        return real_claim(counter, total, wait)

    monkeypatch.setattr(parse_pool, "_claim", claim)
    start = time.monotonic()
    assert parse_pool.map_in_processes(jobs, run, encode, decode, workers=2, chunk=4) == [j * j for j in jobs]
    assert time.monotonic() - start < 20
    assert not multiprocessing.active_children()


def test_workers_killed_from_outside_at_random_moments(monkeypatch):
    """The issue's experiment: signals from another process while chunks fly; every run completes."""
    jobs, _, encode, decode = _square_jobs()

    def run(job):
        time.sleep(0.003)
        return job * job

    rng = random.Random(25)
    for round_ in range(6):
        sig = (signal.SIGKILL, signal.SIGSTOP)[round_ % 2]

        def strike():
            time.sleep(rng.uniform(0.01, 0.15))
            for child in multiprocessing.active_children()[:1]:
                try:
                    os.kill(child.pid, sig)
                except ProcessLookupError:
                    pass

        killer = threading.Thread(target=strike)
        killer.start()
        start = time.monotonic()
        assert parse_pool.map_in_processes(jobs, run, encode, decode, workers=3, chunk=4) == [j * j for j in jobs]
        killer.join()
        assert time.monotonic() - start < 20
        assert not multiprocessing.active_children()
