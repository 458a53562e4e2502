"""Scanning text for Rolebook's English labels: what a translated site, log or terminal must not show.

The English labels are the msgids of a language's catalogue that it translates differently. A text is
scanned for each label's literal fragments (the parts between placeholders); a fragment that the role
files themselves contain is the organisation's own words and is not counted (the example handbook is
written in English), so such labels count only where they are whole labels (headings, badges, buttons).
"""

from __future__ import annotations

import re

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from support.sites import REPO

LOCALE = REPO / "plugins/rolebook/locale"
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")


def catalogue(lang: str):
    return read_po((LOCALE / lang / "LC_MESSAGES/rolebook.po").open("rb"))


def english_labels(lang: str) -> tuple[set[str], set[str]]:
    """(literal fragments of our English labels, whole English labels) that the language translates differently."""
    translated = {m.id: m.string for m in catalogue(lang) if m.id}
    fragments, whole = set(), set()
    for msgid, string in translated.items():
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = string if isinstance(string, tuple) else (string,)
        for english in ids:
            if english in strings:
                continue  # the same word in both languages ("Team")
            whole.add(english)
            for part in PLACEHOLDER.split(english):
                part = part.strip(" .,:;()“”")
                if len(part) >= 4 and re.search(r"[A-Za-z]{3}", part) and part not in " ".join(strings):
                    fragments.add(part)
    return fragments, whole


def role_files_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "handbooks").rglob("*.y*ml")))


def diagram_texts(page: BeautifulSoup) -> list[str]:
    """Diagram titles, descriptions and tooltips, and every accessible name (figures, links)."""
    texts = [el["aria-label"] for el in page.select("[aria-label]")]
    for svg in page.select("svg"):
        texts += [t.get_text(" ") for t in svg.find_all(["title", "desc"])]
        for tag in svg.find_all(True):
            texts += [v for k, v in tag.attrs.items() if k in ("xlink:title", "title")]
    return texts


def english_left(texts: list[str], labels: list[str], fragments: set[str], whole: set[str], role_text: str) -> set[str]:
    """Our English labels that remain in the page: fragments in running text, whole labels as labels."""
    body = "\n".join(texts)
    left = set()
    for fragment in fragments:
        pattern = re.compile(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])")
        if pattern.search(body) and not pattern.search(role_text):
            left.add(fragment)
    left |= {label for label in labels if label in whole}
    return left


LABEL_SELECTORS = "h1, h2, h3, dt, th, caption, button, .rolebook-badge, .rolebook-legend, .admonition-title, .md-button"
