"""Role text (untrusted Markdown from pull requests) to safe HTML fragments.

Three layers, each simple:

1. Python-Markdown with raw HTML switched off: `<script>` in a role file is
   shown as text, never passed through.
2. nh3 (the Rust `ammonia` sanitiser) with a small allowlist: whatever
   Markdown produced, only plain formatting and http(s)/mailto/relative links
   survive; `javascript:` links lose their href.
3. Markdown-significant characters in the result are written as character
   references, so when the fragment is embedded in a page that MkDocs renders
   as Markdown again, nothing in it is re-interpreted (no emphasis, no
   `{: onclick=...}` attribute lists, no `{{ }}` for a macros plugin).

Fragments contain no blank lines, so a fragment placed at the start of a line
stays one raw HTML block for Python-Markdown.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

from rolebook.text.links import ALLOWED_SCHEMES, leaves_site

_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "ul", "ol", "li", "a", "blockquote",
    "h4", "h5", "h6", "hr", "del", "sub", "sup",
}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# Characters that Markdown or template engines could act on when the fragment
# is read again; written as numeric references, which render identically.
# `{` covers attribute lists and template tags, `[` links, `: ^ ~ = + $ |` the
# pymdownx extensions (emoji, caret, tilde, mark, keys, math) and tables.
_SIGNIFICANT = re.compile(r"(&#?[a-zA-Z0-9]+;)|([\\`*_{}\[\]#+|~^:$=])")


def _encode_markdown(text: str) -> str:
    """Write Markdown-significant characters as references, leaving existing references whole."""
    return _SIGNIFICANT.sub(lambda m: m.group(1) or f"&#{ord(m.group(2))};", text)

_TEXT_BETWEEN_TAGS = re.compile(r">([^<]+)<")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PRE = re.compile(r"<pre>.*?</pre>", re.S)
# No Markdown syntax at all: escape and wrap, without running the parser.
# One line, no inline syntax, no block marker at the start.
_PLAIN = re.compile(r"^(?![#>+*-]|\d+[.)]\s|\s)[^\\`*_\[\]<>\n]*$")


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists", "fenced_code"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")  # `&copy;` stays literal text, escaped
    return md


_md = _markdown()


def _encode_text(fragment: str) -> str:
    """Encode Markdown-significant characters in text nodes (not in tags)."""
    wrapped = ">" + fragment + "<"
    encoded = _TEXT_BETWEEN_TAGS.sub(lambda m: ">" + _encode_markdown(m.group(1)) + "<", wrapped)
    return encoded[1:-1]


def _no_blank_lines(fragment: str) -> str:
    fragment = _PRE.sub(lambda m: m.group(0).replace("\n", "&#10;"), fragment)
    return re.sub(r"\n\s*\n+", "\n", fragment).strip()


@lru_cache(maxsize=16384)
def block(text: str | None) -> str:
    """A Markdown text field as a sanitised HTML block (paragraphs, lists...)."""
    if not text:
        return ""
    text = _CONTROL.sub("", text).strip()
    if _PLAIN.match(text):
        return "<p>" + _encode_text(html.escape(text, quote=False)) + "</p>"
    _md.reset()
    rendered = _md.convert(text)
    clean = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _no_blank_lines(_encode_text(_protocol_relative(clean)))


@lru_cache(maxsize=65536)
def inline(text: str | None) -> str:
    """A short text field (a title, a checklist item) as sanitised inline HTML."""
    if not text:
        return ""
    fragment = block(text.replace("\n", " "))
    if fragment.startswith("<p>") and fragment.endswith("</p>") and fragment.count("<p>") == 1:
        return fragment[3:-4]
    # Block syntax in a one-line field (`# x`, `- x`): keep the words, drop the structure.
    return _encode_markdown(html.escape(re.sub(r"\s+", " ", text).strip(), quote=False))


def plain(text: str | None) -> str:
    """Text for an HTML attribute (title=, aria-label=) or a Markdown heading: no markup at all."""
    if not text:
        return ""
    return _encode_markdown(html.escape(_CONTROL.sub("", re.sub(r"\s+", " ", text)).strip(), quote=True))


def _protocol_relative(fragment: str) -> str:
    """`//host/path` (and `/\\host`, `\\\\host`: see `links.leaves_site`) is a relative URL to nh3 but
    leaves the site: drop such hrefs and srcs."""
    return re.sub(r'<(a|img)( [^>]*?)? (href|src)="([^"]*)"',
                  lambda m: m.group(0) if not leaves_site(html.unescape(m.group(4)))
                  else f"<{m.group(1)}{m.group(2) or ''}", fragment)
