"""A poisoned diagram cache and a `dot` that prints script, seen in a real browser.

The cache folder can come with a pull request (`git add -f .cache/`); `dot` is
whatever the build machine runs. Both are inlined into pages, so both pass the
SVG validator first: in Chromium, nothing they carry runs, and every diagram
still draws.
"""

from __future__ import annotations

import pytest

from support.browser import chromium, serve
from support.sites import build, project, soup

pytestmark = pytest.mark.browser

PAGES = ["engineering/cto/", "engineering/", "overview/"]


def poison(svg: str) -> str:
    """Real Graphviz output with every way an SVG can run script added."""
    svg = svg.replace("<svg ", '<svg onload="window.__pwned=\'svg-onload\'" ', 1)
    svg = svg.replace('xlink:href="#', 'xlink:href="javascript:window.__pwned=\'link\';//#')
    return svg.replace("</svg>", "<script>window.__pwned='script'</script>"
                                 "<foreignObject><img xmlns='http://www.w3.org/1999/xhtml' src='x' "
                                 "onerror=\"window.__pwned='img'\"/></foreignObject>"
                                 "<image href='x' onerror=\"window.__pwned='image'\"/></svg>")


SED = ("sed -e 's|<svg |<svg onload=\"window.__pwned=1\" |' "
       "-e 's|</svg>|<script>window.__pwned=2</script><image href=\"x\" onerror=\"window.__pwned=3\"/></svg>|' "
       "-e 's|xlink:href=\"#|xlink:href=\"javascript:window.__pwned=4;//#|'")


@pytest.fixture(scope="module")
def poisoned_cache(tmp_path_factory):
    root = tmp_path_factory.mktemp("poisoned-cache")
    config = project(root)
    first, site = build(config)
    assert first.returncode == 0, first.stderr
    clean = {p: (site / p / "index.html").read_text() for p in PAGES}
    cache = root / ".cache" / "rolebook"
    svgs = [p for p in cache.rglob("*.svg")]
    assert len(svgs) > 10
    for path in cache.rglob("*"):  # leave only the diagrams: a fresh clone with a committed .cache/
        if path.is_file() and path.suffix != ".svg":
            path.unlink()
    for path in svgs:
        path.write_text(poison(path.read_text()))
    result, site = build(config, strict=False)
    assert result.returncode == 0, result.stderr
    return result, site, clean


@pytest.fixture(scope="module")
def poisoned_dot(tmp_path_factory):
    root = tmp_path_factory.mktemp("poisoned-dot")
    dot = root / "dot"
    dot.write_text(f"#!/bin/sh\nif [ \"$1\" = -V ]; then exec dot -V; fi\ndot \"$@\" | {SED}\n")
    dot.chmod(0o755)
    config = project(root / "project", plugin_options=f"      dot: {dot}\n")
    result, site = build(config, strict=False)
    assert result.returncode == 0, result.stderr
    return result, site


def assert_nothing_runs(site):
    for path in PAGES:
        page = soup(site / path / "index.html")
        svg = page.select_one(".rolebook-diagram svg")
        assert svg is not None and svg.select("g.node"), path  # the diagram is drawn
        assert not page.select(".rolebook-diagram script, .rolebook-diagram foreignObject, .rolebook-diagram image")
        assert not [el for el in page.select(".rolebook-diagram *") if any(a.startswith("on") for a in el.attrs)]
    dialogs, errors = [], []
    with serve(site) as url, chromium() as context:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for path in PAGES:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__pwned") is None, path
            hrefs = page.evaluate("""() => [...document.querySelectorAll('.rolebook-diagram a')]
                                     .map(a => a.getAttribute('xlink:href') || a.getAttribute('href') || '')""")
            assert hrefs and not [h for h in hrefs if "javascript" in h.lower()], path
            for node in page.locator(".rolebook-diagram g.node").all()[:5]:
                node.hover()
            assert page.evaluate("window.__pwned") is None, path
        # a click on a node follows its (page-relative) link and runs nothing
        page.goto(url + PAGES[0])
        page.locator(".rolebook-diagram g.node a").first.click()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None
    assert not dialogs and not errors, (dialogs, errors)


def test_poisoned_cache_runs_nothing_and_is_redrawn(poisoned_cache):
    result, site, clean = poisoned_cache
    assert_nothing_runs(site)
    assert "holds what Graphviz does not write" in result.stderr
    for path in PAGES:  # redrawn: the same page as before the cache was poisoned
        assert (site / path / "index.html").read_text() == clean[path], path


def test_dot_that_prints_script_runs_nothing(poisoned_dot):
    result, site = poisoned_dot
    assert_nothing_runs(site)
    assert "does not publish" in result.stderr and "<script>" in result.stderr
