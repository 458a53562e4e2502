"""Role text is untrusted: escaped for HTML, inert when a site renders the page's Markdown again."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from rolebook.text.html import block, inline, plain

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "x {: onclick=\"alert(1)\" }",
    "{{ config.site_name }} {% raw %}",
    "</svg><script>alert(1)</script>",
    "\"]; x [URL=\"javascript:alert(1)\"]",
    "*emph* __strong__ `code` ~~del~~ ^^ins^^ ==mark== ++ctrl+alt++ :smile: $x^2$",
    "it's \"quoted\" & R&D &amp; &#60;",
    "| a | b |",
    "# not a heading",
]

# A Markdown setup like a feature-heavy Material site's.
SITE_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition", "pymdownx.caret", "pymdownx.tilde",
                   "pymdownx.mark", "pymdownx.keys", "pymdownx.emoji", "pymdownx.arithmatex", "pymdownx.betterem"]


def site_render(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=SITE_EXTENSIONS), "html.parser")


@pytest.mark.parametrize("text", ATTACKS)
def test_inline_fragment_in_a_heading_shows_the_text_and_nothing_else(text):
    page = site_render(f"### {inline(text)} {{ #outcome-x }}\n")
    heading = page.find("h3")
    assert heading["id"] == "outcome-x"
    assert set(heading.attrs) == {"id"}
    if text.startswith("*emph*"):
        assert [el.name for el in heading.find_all(True)] == ["em", "strong", "code"]  # the role's own Markdown, nothing more
    else:
        assert heading.find_all(True) == [], heading
        assert heading.get_text() == " ".join(text.split()).strip()


@pytest.mark.parametrize("text", ATTACKS)
def test_block_fragment_stays_raw_html(text):
    page = site_render(f"<div class=\"rolebook-text\">{block(text)}</div>\n")
    assert not page.find_all("script")
    for el in page.find_all(True):
        assert not [a for a in el.attrs if a.startswith("on")], el
        assert not str(el.get("href", "")).lower().startswith("javascript")
    if not text.startswith(("*emph*", "| a", "# not")):
        assert page.get_text().strip() == text.strip()


def test_markdown_in_text_fields_is_rendered():
    out = block("Why it exists:\n\n- **one**\n- [two](https://x.example/a_b)\n\n```\ncode\n\nblock\n```")
    page = BeautifulSoup(out, "html.parser")
    assert [li.get_text() for li in page.find_all("li")] == ["one", "two"]
    assert page.find("a")["href"] == "https://x.example/a_b"
    assert page.find("a")["rel"] == ["noopener", "noreferrer"]
    assert page.find("pre").get_text() == "code\n\nblock\n"
    assert "\n\n" not in out  # one raw HTML block for Python-Markdown


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/x"])
def test_links_with_other_schemes_lose_their_target(href):
    page = BeautifulSoup(block(f"[x]({href})"), "html.parser")
    assert page.find("a") is None or not page.find("a").get("href")


@pytest.mark.parametrize("href", ["https://x.example/", "http://x.example/", "mailto:a@x.example", "../other/", "#anchor"])
def test_allowed_links_keep_their_target(href):
    assert BeautifulSoup(block(f"[x]({href})"), "html.parser").find("a")["href"] == href


def test_plain_is_safe_in_attributes_and_keeps_references_whole():
    value = plain("it's \"x\" <b> {a} #1")
    assert '"' not in value and "<" not in value and "'" not in value
    assert BeautifulSoup(f'<p title="{value}"></p>', "html.parser").p["title"] == "it's \"x\" <b> {a} #1"


def test_control_characters_are_dropped():
    assert "\x02" not in block("a\x02b\x03c") and "abc" in block("a\x02b\x03c")
