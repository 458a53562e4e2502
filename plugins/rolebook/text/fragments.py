"""The one rule for joining HTML fragments: a template of markup, and parts that are text or Markup.

Python code that builds a piece of a page never concatenates strings of HTML.
It calls `fragment('<a href="{href}">{label}</a>', href=..., label=...)`:
the template is markup written here (never role text); each part is either
already a sanitised fragment (`Markup`, from `|inline`, `link_text` or
another `fragment`), kept as is, or text, escaped once for HTML and Markdown.
So a fragment joined to a fragment is never escaped a second time, and text
is never left unescaped: `Markup + str` (which escapes the `str`, markup and
all) cannot happen by accident, because nothing here hands out half-built
strings.
"""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup

from rolebook.text import html as safe_text


def text(value: Any) -> Markup:
    """A part as page content: Markup kept, anything else escaped for HTML and Markdown, once."""
    if isinstance(value, Markup):
        return value
    return Markup(safe_text.plain("" if value is None else str(value)))


def fragment(template: str, **parts: Any) -> Markup:
    """`template` (markup written in Rolebook's code) with each `{name}` filled by `text(part)`."""
    return Markup(template).format(**{name: text(part) for name, part in parts.items()})


def join(parts: Iterable[Any], separator: str = "") -> Markup:
    """Parts joined by `separator` (markup), each through `text`."""
    return Markup(separator).join(text(part) for part in parts)
