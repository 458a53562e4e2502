"""Raw HTML blocks join a generated page after its Markdown is converted, not before.

A handbook page is mostly HTML its template wrote (fact lists, fields,
checklists, badges) between Markdown headings. Converting it, MkDocs runs the
whole page through an HTML parser to find its ids, and Python-Markdown runs
every raw HTML block through another, only to hand each block back exactly as
it was: that was most of the time MkDocs spent on a handbook page. So the page
file carries a short comment in place of each such block, the blocks are a
file beside it, and `on_page_content` puts them back, with their ids added to
the page's anchors (as MkDocs would have found them).

Only a block Markdown passes through untouched is lifted: a chunk of lines
between blank lines that starts with a block-level tag at the start of a line
and whose element closes exactly at the chunk's end. A page with a fenced code
block, or a block asking for Markdown inside it (`markdown` attribute, for
md_in_html), is left whole. The environment variable ROLEBOOK_LIFT_HTML=0
turns this off, to compare.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from pathlib import Path

BLOCKS_SUFFIX = ".blocks.json"
_MARKER = "<!--rolebook-block-{}-{}-->"  # number, digest: a changed block changes its page's file
_MARKER_RE = re.compile(r"<!--rolebook-block-(\d+)-([0-9a-f]{16})-->")
_START = re.compile(r"<(div|dl|p|ul|ol|table|details|figure|section|blockquote|nav|aside)(?=[\s>])([^>]*)>")
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]+\n|\n[ \t]+$")
_ID = re.compile(r"""<[a-zA-Z][^>]*?\sid=(?:"([^"]*)"|'([^']*)')""")
_NAMED_ANCHOR = re.compile(r"""<a\s[^>]*?\bname=(?:"([^"]*)"|'([^']*)')""")


class BlocksMismatch(Exception):
    """A page's blocks file is not the one its markers were made with."""


def _digest(block: str) -> str:
    return hashlib.sha256(block.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def enabled() -> bool:
    return os.environ.get("ROLEBOOK_LIFT_HTML", "1") != "0"


def blocks_name(src_uri: str) -> str:
    """`team/role/index.md` -> `team/role/index.md.blocks.json`."""
    return src_uri + BLOCKS_SUFFIX


def lift(markdown: str) -> tuple[str, list[str]]:
    """(the Markdown with a marker comment for each liftable block, the blocks in order)."""
    if _FENCE.search(markdown) or "rolebook-block-" in markdown:
        return markdown, []
    chunks = markdown.split("\n\n")
    blocks: list[str] = []
    for i, chunk in enumerate(chunks):
        if _liftable(chunk):
            chunks[i] = _MARKER.format(len(blocks), _digest(chunk))
            blocks.append(chunk)
    return ("\n\n".join(chunks), blocks) if blocks else (markdown, [])


def _liftable(chunk: str) -> bool:
    if not chunk.startswith("<"):
        return False
    start = _START.match(chunk)
    if start is None or "markdown" in start.group(2) or _BLANK_LINE.search(chunk):
        return False
    tag = start.group(1)
    close = f"</{tag}>"
    if not chunk.endswith(close):
        return False
    depth = 0
    end = len(chunk) - len(close)
    for match in re.finditer(rf"<(/?){tag}(?=[\s>])", chunk):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.start() == end  # the first element closes exactly at the chunk's end
    return False


def fill(content: str, pages_dir: Path, src_uri: str) -> tuple[str, set[str]]:
    """(the page's HTML with its blocks back in place, the ids the blocks add)."""
    if "<!--rolebook-block-" not in content:
        return content, set()
    path = pages_dir.joinpath(*blocks_name(src_uri).split("/"))
    try:
        blocks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        blocks = None
    if not isinstance(blocks, list) or not all(isinstance(b, str) for b in blocks):
        blocks = []  # every marker then reports the mismatch
    used: list[str] = []

    def put_back(match: re.Match) -> str:
        n = int(match.group(1))
        if n >= len(blocks) or _digest(blocks[n]) != match.group(2):
            raise BlocksMismatch(f"{path} does not hold the blocks of {src_uri}: delete the cache folder and build again")
        used.append(blocks[n])
        return blocks[n]

    content = _MARKER_RE.sub(put_back, content)
    ids: set[str] = set()
    for block in used:
        ids.update(html.unescape(a or b) for a, b in _ID.findall(block))  # as MkDocs' parser would read them
        ids.update(html.unescape(a or b) for a, b in _NAMED_ANCHOR.findall(block))
    return content, ids


def page_files(src_uri: str, markdown: str):
    """The files a generated page becomes: (relative path, text) for the page and, when it has
    liftable blocks, for its blocks file."""
    if not enabled() or not src_uri.endswith(".md"):
        return [(src_uri, markdown)]
    text, blocks = lift(markdown)
    if not blocks:
        return [(src_uri, markdown)]
    return [(src_uri, text), (blocks_name(src_uri), json.dumps(blocks, ensure_ascii=False))]
