"""A `dot` that hangs leaves no process behind (issue 25, item 7): its whole process group is killed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from rolebook.diagrams import runner
from rolebook.diagrams.runner import DiagramError


def _running(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_dot_that_hangs_on_version_leaves_no_child(tmp_path, monkeypatch):
    marker = f"{os.getpid() % 1000}.{time.time_ns() % 10**6}"
    dot = tmp_path / "dot"
    dot.write_text(f"#!/bin/sh\nsleep {marker}\necho done\n")  # a wrapper whose child hangs (and holds the pipes)
    dot.chmod(0o755)
    monkeypatch.setenv("ROLEBOOK_DOT_TIMEOUT", "0.05")
    monkeypatch.setattr(runner, "_VERSIONS", {})
    start = time.monotonic()
    with pytest.raises(DiagramError, match="did not answer"):
        runner.graphviz_version(str(dot))
    assert time.monotonic() - start < 10
    deadline = time.monotonic() + 5
    while _running(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running(marker) == []
