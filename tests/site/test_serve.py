"""`mkdocs serve`: saving a role file rebuilds the page; a broken file is reported and serving goes on."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

import pytest

from support.sites import BIN, project

pytestmark = pytest.mark.site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, timeout: float = 60.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out waiting")


@pytest.fixture
def server(tmp_path):
    config = project(tmp_path)
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(url + "engineering/cto/"), timeout=90)
        yield url, tmp_path, tmp_path / "serve.log"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_saving_a_role_rebuilds_and_errors_keep_serving(server):
    url, root, log = server
    role = root / "handbooks/engineering/cto.yml"
    original = role.read_text()
    role.write_text(original.replace("title: Chief Technology Officer", "title: Chief Technology Officer (renamed)"))
    wait_for(lambda: "Chief Technology Officer (renamed)" in (fetch(url + "engineering/cto/") or ""))

    # a broken file: the finding is printed, the server keeps serving the other pages
    broken = root / "handbooks/engineering/broken.yml"
    broken.write_text("title: Broken\nsummary: x\nowner_of: nothing\n")
    wait_for(lambda: "broken.yml:3:1: RB002" in log.read_text())
    # the finding is logged mid-build; once that build ends the other pages are served again
    wait_for(lambda: "Chief Technology Officer (renamed)" in (fetch(url + "engineering/cto/") or ""))

    # fixing it brings the page back
    broken.write_text("title: Broken\nsummary: Fixed now.\nstatus: draft\nholders: [{name: A}]\n")
    wait_for(lambda: "Fixed now." in (fetch(url + "engineering/broken/") or ""))


def test_saving_a_template_override_rebuilds(tmp_path):
    config = project(tmp_path, plugin_options="      templates_dir: overrides\n")
    (tmp_path / "overrides").mkdir()
    template = tmp_path / "overrides" / "changes.md.j2"
    template.write_text("# Changes\n\nFirst version.\n")
    port = free_port()
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    try:
        page = f"http://127.0.0.1:{port}/changes/"
        wait_for(lambda: "First version." in (fetch(page) or ""), timeout=90)
        template.write_text("# Changes\n\nSecond version.\n")
        wait_for(lambda: "Second version." in (fetch(page) or ""))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
