"""Build real sites with real MkDocs (or ProperDocs), Material and Graphviz, for tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TODAY = "2026-11-20"
# The site around a generated handbook (benchmarks/generate.py) for the 300- and 1,000-role browser checks.
SCALE_MKDOCS_YML = """site_name: Scale
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
plugins:
  - search
  - rolebook:
      handbooks_dir: handbooks
      today: '2026-11-20'
      history: false
"""


def project(
    root: Path,
    *,
    handbooks: Path | dict | None = None,
    plugin_options: str = "",
    extra_config: str = "",
    docs: Path | None = None,
) -> Path:
    """A site project in `root`: the example's mkdocs.yml, pointing at the given handbooks."""
    root.mkdir(parents=True, exist_ok=True)
    hb = root / "handbooks"
    if isinstance(handbooks, dict):
        from support.handbooks import write_handbook

        write_handbook(root, handbooks)
    else:
        shutil.copytree(handbooks or REPO / "handbooks", hb)
    shutil.copytree(docs or REPO / "docs", root / "docs")
    config = (REPO / "mkdocs.yml").read_text()
    config = config.replace("      handbooks_dir: handbooks\n", f"      handbooks_dir: handbooks\n      today: '{TODAY}'\n{plugin_options}")
    (root / "mkdocs.yml").write_text(config + extra_config)
    return root / "mkdocs.yml"


def run_tool(tool: str, *args, cwd: Path, env: dict | None = None, timeout: float = 300):
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    environment.update(env or {})
    return subprocess.run([str(BIN / tool), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          env=environment, timeout=timeout)


def build(config: Path, *, strict: bool = True, tool: str = "mkdocs", env: dict | None = None, site: Path | None = None):
    site = site or config.parent / "site"
    args = ["build", "-f", config, "-d", site] + (["--strict"] if strict else [])
    return run_tool(tool, *args, cwd=config.parent, env=env), site


def soup(path: Path) -> BeautifulSoup:
    """The page's HTML, without the `¶` permalinks that the toc extension adds to headings."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for link in page.select("a.headerlink"):
        link.decompose()
    return page


def page_file(site: Path, url: str) -> Path:
    """The HTML file behind a site-relative URL."""
    path = site / urlsplit(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def internal_links(site: Path, page: Path):
    """(href, resolved site-relative URL) for every link in the article that stays in the site."""
    rel = page.relative_to(site).as_posix()
    base = "http://site/" + rel
    for a in soup(page).select("article a[href], .md-content a[href]"):
        href = a["href"]
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue
        absolute = urljoin(base, href)
        yield href, absolute[len("http://site/"):]


def assert_link_resolves(site: Path, url: str, where: str) -> None:
    target, anchor = urldefrag(url)
    file = page_file(site, target) if target else None
    assert file is not None and file.exists(), f"{where}: link to {url} leads to no file"
    if anchor and file.suffix == ".html":
        ids = {el.get("id") for el in soup(file).find_all(id=True)}
        assert anchor in ids, f"{where}: link to {url}: no element with id {anchor!r}"
