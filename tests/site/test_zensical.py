"""Zensical (pinned in the test extra) publishes the tree `rolebook render --for zensical` writes, with
no hand edits: the same pages and anchors as the MkDocs build, diagrams inline, assets wired into
zensical.toml, a nav in team order without onboarding pages; removed roles removed; `--watch`."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomlkit

from support.cli import rolebook
from support.handbooks import EXAMPLE
from support.sites import soup

pytestmark = pytest.mark.site
BIN = Path(sys.executable).parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
MKDOCS_YML = """\
site_name: Larkspur
theme:
  name: material
  features: [navigation.indexes]
plugins:
  - search
  - rolebook:
      today: 2026-11-20
      history: false
"""


def sh(*args, cwd, ok=True, timeout=300):
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    if ok:
        assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The example handbook built by MkDocs with the plugin, and by Zensical from the rendered tree."""
    root = tmp_path_factory.mktemp("engines")
    shutil.copytree(EXAMPLE, root / "handbooks")
    for docs in ("docs", "docs-z"):  # MkDocs' docs without the rendered pages (the plugin adds them), Zensical's
        (root / docs).mkdir()
        (root / docs / "index.md").write_text("# Larkspur\n\nStart with the [overview](overview/index.md).\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML)
    (root / "zensical.toml").write_text('[project]\nsite_name = "Larkspur"\n# our own comment stays\n'
                                        'site_dir = "site-zensical"\ndocs_dir = "docs-z"\n\n[project.theme]\nfeatures = ["navigation.indexes"]\n')
    before = rolebook("check", cwd=root)
    assert "holds no handbook rendered for it" in before.stderr  # zensical.toml without a rendered tree: said
    rendered = sh(BIN / "rolebook", "render", "--for", "zensical", "-o", "docs-z", cwd=root)
    assert "wired zensical.toml" in rendered.stdout
    after = rolebook("check", cwd=root)
    assert "rendered" not in after.stderr
    sh(BIN / "zensical", "build", "--strict", "-f", "zensical.toml", cwd=root)
    sh(BIN / "mkdocs", "build", "--strict", "-d", "site-mkdocs", cwd=root)
    return root


def handbook_pages(site: Path) -> set[str]:
    teams = {p.name for p in EXAMPLE.iterdir() if p.is_dir()} | {"overview", "changes", "health"}
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html") if p.relative_to(site).parts[0] in teams}


def article_ids(page: Path) -> set[str]:
    article = soup(page).select_one("article")
    return {tag["id"] for tag in article.select("[id]") if not tag["id"].startswith("__")}  # "__skip": the theme's


def test_the_same_pages_and_anchors_as_the_mkdocs_build(sites):
    zensical, mkdocs = sites / "site-zensical", sites / "site-mkdocs"
    pages = handbook_pages(mkdocs)
    assert len(pages) > 30 and handbook_pages(zensical) == pages
    for page in sorted(pages):
        assert article_ids(zensical / page) == article_ids(mkdocs / page), page
    for name in ("roles.json", "role.schema.json", "team.schema.json"):
        assert (zensical / name).read_text() == (mkdocs / name).read_text(), name


def test_diagrams_inline_and_the_assets_wired(sites):
    page = soup(sites / "site-zensical/engineering/cto/index.html")
    assert page.select_one("article .rolebook-diagram svg.rolebook-svg") is not None
    assert any("assets/rolebook/rolebook.css" in link.get("href", "") for link in page.select("link[rel=stylesheet]"))
    assert any("assets/rolebook/rolebook.js" in script.get("src", "") for script in page.select("script[src]"))
    config = (sites / "zensical.toml").read_text()
    assert "# our own comment stays" in config and 'site_dir = "site-zensical"' in config


def test_the_nav_keeps_team_order_and_titles_and_leaves_onboarding_out(sites):
    project = tomlkit.parse((sites / "zensical.toml").read_text())["project"]
    nav = project["nav"]
    assert nav[0] == "index.md"
    section = nav[1]["Handbook"]
    teams = [next(iter(item)) for item in section if isinstance(item, dict)]
    assert teams == ["Engineering", "Product", "People Operations"]  # by `order:`, not by folder name
    links = {a["href"] for a in soup(sites / "site-zensical/index.html").select("nav a[href]")}
    assert any("engineering/cto/" in href for href in links)
    assert not any("onboarding" in href for href in links)
    assert (sites / "site-zensical/engineering/cto/onboarding/index.html").is_file()  # built, linked from the role


def test_a_removed_role_is_removed_and_its_nav_entry_too(sites, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(sites, root, ignore=shutil.ignore_patterns("site-*"))
    (root / "handbooks/engineering/sre-lead.yml").unlink()
    for other in (root / "handbooks").rglob("*.yml"):  # nothing may point at it any more
        other.write_text(other.read_text().replace("engineering/sre-lead", "engineering/cto")
                         .replace("sre-lead", "cto"))
    result = sh(BIN / "rolebook", "render", "--for", "zensical", "-o", "docs-z", cwd=root)
    assert "removed 3" in result.stdout, result.stdout  # page, onboarding page, diagram
    assert (root / "docs-z/engineering/cto/index.md").is_file()
    assert not (root / "docs-z/engineering/sre-lead").exists()
    assert "sre-lead" not in (root / "zensical.toml").read_text()
    (root / "docs-z/.rolebook-manifest.json").write_text('{"files": ["../../outside.txt"]}')
    (tmp_path / "outside.txt").write_text("mine")
    sh(BIN / "rolebook", "render", "--for", "zensical", "-o", "docs-z", cwd=root)
    assert (tmp_path / "outside.txt").read_text() == "mine"  # an edited manifest reaches nothing outside docs/


def test_watch_renders_again_on_a_save(sites, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(sites, root, ignore=shutil.ignore_patterns("site-*"))
    watcher = subprocess.Popen([str(BIN / "rolebook"), "render", "--for", "zensical", "-o", "docs-z", "--watch"],
                               cwd=root, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    page = root / "docs-z/engineering/cto/index.md"
    try:
        deadline = time.monotonic() + 60
        time.sleep(8)  # the first render, then the watch is set up
        role = root / "handbooks/engineering/cto.yml"
        role.write_text(role.read_text().replace("title: Chief Technology Officer", "title: Chief Technologist"))
        while "# Chief Technologist" not in page.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "# Chief Technologist" in page.read_text()
    finally:
        os.killpg(watcher.pid, signal.SIGINT)
        watcher.wait(timeout=30)
    assert "watching" in watcher.stderr.read()


def test_rolebook_render_refuses_a_docs_dir_zensical_does_not_read(sites, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(sites, root, ignore=shutil.ignore_patterns("site-*"))
    result = rolebook("render", "--for", "zensical", "-o", "elsewhere", cwd=root)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert result.returncode == 2 and len(errors) == 1 and "docs_dir" in errors[0], result.stderr
    assert not (root / "elsewhere").exists()
