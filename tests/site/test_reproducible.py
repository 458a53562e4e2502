"""One commit, the same bytes: on 1 or 16 cores, from checkouts at different depths.

Graphviz writes the graphs of one `dot` process with ids that depend on their
position (`page0,1_`), and the number of `dot` processes follows the core count;
an absolute `location:` was once resolved against the working directory.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess

import pytest

from support.handbooks import EXAMPLE
from support.sites import BIN, project, soup

pytestmark = pytest.mark.site

ABSOLUTE = """\
title: Records Keeper
summary: Keeps the records.
holders:
  - name: Robin Vale
outcomes:
  - id: archive
    title: Archive complete
    done_when: Every record is filed.
    due: 2026-12-31
    owner: Robin Vale
outputs:
  - id: register
    title: Records register
    kind: document
    location: /files/register.pdf
    contributes_to: [archive]
  - id: guide
    title: Filing guide
    kind: document
    location: /guide/index.md#top
    contributes_to: [archive]
activities:
  - id: filing
    title: Filing
    category: operations
    cadence: weekly
    time_share: 20
    produces: [register, guide]
"""
# Build with the core count faked: os.cpu_count decides how many `dot` processes share the graphs.
BUILD = ("import os, sys; cores = int(sys.argv[1]); os.cpu_count = lambda: cores; sys.argv = ['mkdocs'] + sys.argv[2:]; "
         "from mkdocs.__main__ import cli; cli()")


def build_with_cores(config, cores: int):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1790000000")
    site = config.parent / "site"
    result = subprocess.run([str(BIN / "python"), "-c", BUILD, str(cores), "build", "--strict", "-f", str(config),
                             "-d", str(site)], cwd=config.parent, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("repro")
    handbooks = root / "handbooks"
    shutil.copytree(EXAMPLE, handbooks)
    (handbooks / "engineering" / "records-keeper.yml").write_text(ABSOLUTE)
    shallow = project(root / "a", handbooks=handbooks)
    deep = project(root / "b" / "deeper" / "checkout" / "path", handbooks=handbooks)
    return build_with_cores(shallow, 1), build_with_cores(deep, 16)


def test_same_bytes_on_1_and_16_cores_from_two_checkout_depths(two_sites):
    a, b = two_sites
    mismatched: list[str] = []

    def compare(cmp: filecmp.dircmp, prefix: str = "") -> None:
        mismatched.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            compare(sub, f"{prefix}{name}/")

    compare(filecmp.dircmp(a, b))
    assert not mismatched, mismatched
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert len(files) > 50
    for rel in files:  # dircmp compares by stat signature first; compare every byte
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel


def test_absolute_location_resolves_against_the_site_root(two_sites):
    a, _ = two_sites
    page = soup(a / "engineering/records-keeper/index.html")
    hrefs = {link.get_text(strip=True): link["href"] for link in page.select("article a[href]")}
    assert hrefs["/files/register.pdf"] == "../../files/register.pdf"
    assert hrefs["/guide/index.md#top"] == "../../guide/#top"
