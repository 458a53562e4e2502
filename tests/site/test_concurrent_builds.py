"""Builds that share a cache folder never share state (issue 25, item 5): real `mkdocs build`s at once.

Two checkouts with different handbooks point `cache_dir:` at one folder outside both; each builds in
a lane of its own below it. Two builds of one checkout at once take turns in its lane. Every site
must be byte for byte the one a build with a cache of its own makes, every build must succeed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support.sites import BIN, build, project

pytestmark = pytest.mark.site


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def checkout(root: Path, shared: Path, title: str) -> Path:
    config = project(root, plugin_options=f"      cache_dir: {shared}\n")
    role = root / "handbooks/engineering/cto.yml"
    role.write_text(role.read_text().replace("title: Chief Technology Officer", f"title: {title}"))
    return config


def reference(config: Path, tmp_path: Path) -> dict[str, bytes]:
    """The site a build with a cache folder of its own makes."""
    alone = tmp_path / f"alone-{config.parent.name}"
    shutil.copytree(config.parent, alone, ignore=shutil.ignore_patterns("site", ".cache"))
    text = (alone / "mkdocs.yml").read_text()
    (alone / "mkdocs.yml").write_text("\n".join(line for line in text.splitlines() if "cache_dir:" not in line) + "\n")
    result, site = build(alone / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return files(site)


def start(config: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen([str(BIN / "mkdocs"), "build", "--strict", "-f", str(config), "-d", str(site)],
                            cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))


def finish(process: subprocess.Popen) -> None:
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_two_checkouts_sharing_a_cache_folder_build_their_own_bytes_at_once(tmp_path):
    shared = tmp_path / "shared-cache"
    a = checkout(tmp_path / "a", shared, "Chief Technology Officer A")
    b = checkout(tmp_path / "b", shared, "Chief Technology Officer B")
    expected = {a: reference(a, tmp_path), b: reference(b, tmp_path)}
    for round_ in range(3):  # cold, then warm, then warm again, always both at once
        running = [(config, start(config, config.parent / "site")) for config in (a, b)]
        for config, process in running:
            finish(process)
        for config in (a, b):
            assert files(config.parent / "site") == expected[config], round_
    assert len([p for p in shared.iterdir() if p.name.startswith("checkout-")]) == 2


def test_two_builds_of_one_checkout_at_once_take_turns(tmp_path):
    config = project(tmp_path / "c")
    expected = reference(config, tmp_path)
    for round_ in range(2):
        sites = [tmp_path / f"site-{round_}-{i}" for i in range(2)]
        running = [start(config, site) for site in sites]
        for process in running:
            finish(process)
        for site in sites:
            assert files(site) == expected, round_
