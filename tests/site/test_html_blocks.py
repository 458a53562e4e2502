"""Generated pages' raw HTML blocks skip Markdown and join the page after conversion: same site, less work."""

from __future__ import annotations

import filecmp
import json

import pytest

from rolebook.mkdocs_plugin import html_blocks
from support.sites import build, project, soup

PAGE = """\
---
render_macros: false
---

# Title

<dl class="facts">
<dt>Team</dt><dd><a href="../" id="team-link">Team</a></dd>
</dl>

## Purpose
<div class="text"><p>Stays: it follows a heading line.</p></div>

<div class="a"><p>one</p></div>
<div class="b"><p>two elements: not one block</p></div>

<div class="outer"><div class="inner">nested</div>
<p id="x&amp;y">deep</p></div>

<span>inline: not a block-level tag</span>

<div markdown="1">md_in_html asks for Markdown inside</div>
"""


def test_only_whole_block_level_elements_are_lifted():
    text, blocks = html_blocks.lift(PAGE)
    assert blocks == [
        '<dl class="facts">\n<dt>Team</dt><dd><a href="../" id="team-link">Team</a></dd>\n</dl>',
        '<div class="outer"><div class="inner">nested</div>\n<p id="x&amp;y">deep</p></div>',
    ]
    assert "## Purpose\n<div class=\"text\">" in text and '<div class="b">' in text and "<span>" in text
    assert '<div markdown="1">' in text
    assert text.count("<!--rolebook-block-") == 2


def test_a_page_with_a_fenced_code_block_is_left_whole():
    page = "# T\n\n```\n<div>x</div>\n\n<div>code</div>\n```\n\n<div>after</div>\n"
    assert html_blocks.lift(page) == (page, [])


def test_fill_puts_blocks_back_and_reports_their_ids(tmp_path):
    text, blocks = html_blocks.lift(PAGE)
    (tmp_path / "t").mkdir()
    (tmp_path / "t/index.md.blocks.json").write_text(json.dumps(blocks))
    html = "<h1>Title</h1>\n" + "\n".join(line for line in text.splitlines() if line.startswith("<!--"))
    filled, ids = html_blocks.fill(html, tmp_path, "t/index.md")
    assert blocks[0] in filled and blocks[1] in filled and "rolebook-block" not in filled
    assert ids == {"team-link", "x&y"}  # attribute values as an HTML parser reads them


def test_a_blocks_file_that_does_not_match_its_page_is_an_error(tmp_path):
    text, blocks = html_blocks.lift(PAGE)
    (tmp_path / "t").mkdir()
    (tmp_path / "t/index.md.blocks.json").write_text(json.dumps([b.replace("Team", "Evil") for b in blocks]))
    with pytest.raises(html_blocks.BlocksMismatch):
        html_blocks.fill(text, tmp_path, "t/index.md")
    (tmp_path / "t/index.md.blocks.json").write_text("not json")
    with pytest.raises(html_blocks.BlocksMismatch):
        html_blocks.fill(text, tmp_path, "t/index.md")


@pytest.mark.site
def test_the_example_site_is_byte_identical_with_and_without_lifting(tmp_path):
    config = project(tmp_path / "p")
    lifted, site = build(config, site=tmp_path / "lifted")
    assert lifted.returncode == 0, lifted.stderr
    pages = tmp_path / "p/.cache/rolebook/pages"
    assert list(pages.rglob("*.blocks.json")), "nothing was lifted: the comparison below would prove nothing"
    plain, whole = build(config, site=tmp_path / "whole", env={"ROLEBOOK_LIFT_HTML": "0"})
    assert plain.returncode == 0, plain.stderr
    assert not list(pages.rglob("*.blocks.json"))  # the page folder holds what this build wrote
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(whole) for p in whole.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(site, whole, [str(f) for f in files], shallow=False)
    assert not mismatch and not errors
    role = soup(site / "engineering/cto/index.html")
    assert role.select_one("dl.rolebook-facts") is not None and "rolebook-block" not in str(role)
