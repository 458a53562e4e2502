"""Other themes: on `mkdocs` (light and dark) and `readthedocs`, diagrams, badges, the time chart and checklists read well.

Without Material there is no palette: the stylesheet gives its variables
values of its own. Measured in Chromium, as a reader sees it: every diagram
node's label against the node's fill, edges and badges against the page,
each with at least WCAG's 4.5:1 (3:1 for lines and shapes).
"""

from __future__ import annotations

import re

import pytest

from support.browser import chromium, serve
from support.sites import build, project

pytestmark = [pytest.mark.browser, pytest.mark.site]

THEMES = {
    "mkdocs": "theme:\n  name: mkdocs\n  color_mode: auto\n",
    "readthedocs": "theme:\n  name: readthedocs\n",
}


def themed_project(root, theme: str):
    config = project(root)
    text = re.sub(r"(?ms)^theme:\n.*?(?=^\S)", THEMES[theme], config.read_text(), count=1)
    config.write_text(text)
    return config


@pytest.fixture(scope="module", params=sorted(THEMES))
def themed_site(request, tmp_path_factory):
    config = themed_project(tmp_path_factory.mktemp(request.param), request.param)
    result, site = build(config)
    assert result.returncode == 0, result.stderr
    with serve(site) as url:
        yield request.param, url


def rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)]
    if css.startswith("rgba") or len(parts) == 4:
        return parts[0], parts[1], parts[2], parts[3]
    return parts[0], parts[1], parts[2], 1.0


def over(top, bottom):
    """`top` painted over an opaque `bottom`."""
    r, g, b, a = top
    return tuple(a * t + (1 - a) * u for t, u in zip((r, g, b), bottom[:3])) + (1.0,)


def contrast(a, b) -> float:
    def luminance(c):
        channels = []
        for v in c[:3]:
            v /= 255
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


READ_COLOURS = """() => {
  const page = (() => {
    for (let el = document.querySelector('.rolebook-diagram'); el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)';
  })();
  const nodes = [...document.querySelectorAll('.rolebook-diagram g.node')].map(g => {
    const shape = g.querySelector('polygon, ellipse, path');
    const text = g.querySelector('text');
    return {fill: getComputedStyle(shape).fill, stroke: getComputedStyle(shape).stroke,
            text: getComputedStyle(text).fill, label: text.textContent};
  });
  const edge = document.querySelector('.rolebook-diagram g.edge path');
  const badges = [...document.querySelectorAll('.rolebook-badge')].map(b => getComputedStyle(b).color);
  const bar = [...document.querySelectorAll('.rolebook-time-bar span')].map(s => {
    const style = getComputedStyle(s);
    return style.backgroundImage !== 'none' ? 'image' : style.backgroundColor;
  });
  const items = [...document.querySelectorAll('.rolebook-checklist label')].map(l => getComputedStyle(l).color);
  return {page, nodes, edge: edge ? getComputedStyle(edge).stroke : null, badges, bar, items};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagrams_badges_time_chart_and_checklists_are_readable(themed_site, scheme):
    theme, url = themed_site
    if theme == "readthedocs" and scheme == "dark":
        pytest.skip("the readthedocs theme has no dark mode")
    with chromium(color_scheme=scheme) as context:
        page = context.new_page()
        page.goto(url + "engineering/staff-engineer/")
        page.wait_for_load_state("load")
        seen = page.evaluate(READ_COLOURS)
    background = rgba(seen["page"])
    assert seen["nodes"], "no diagram on the page"
    for node in seen["nodes"]:
        fill = over(rgba(node["fill"]), background) if node["fill"] != "none" else background
        ratio = contrast(over(rgba(node["text"]), fill), fill)
        assert ratio >= 4.5, f"{theme}/{scheme}: label {node['label']!r} {node['text']} on {node['fill']}: {ratio:.1f}:1"
        assert contrast(over(rgba(node["stroke"]), background), background) >= 3, f"{theme}/{scheme}: outline {node}"
    assert contrast(over(rgba(seen["edge"]), background), background) >= 3, f"{theme}/{scheme}: edges {seen['edge']}"
    assert seen["badges"] and all(contrast(over(rgba(c), background), background) >= 3 for c in seen["badges"]), seen["badges"]
    assert seen["bar"] and all(c == "image" or rgba(c)[3] > 0 for c in seen["bar"]), f"time chart has invisible parts: {seen['bar']}"
    assert seen["items"] and all(contrast(over(rgba(c), background), background) >= 4.5 for c in seen["items"])
