"""The one gate every diagram SVG passes before it is inlined in a page.

An SVG reaches a page from `dot` (which a build machine may have replaced) or
from the disk cache (which a pull request may have committed). Either way it
is untrusted markup, so it is parsed and written out again keeping only what
Graphviz emits for our diagrams:

- elements: `svg g a title text path polygon polyline ellipse` (no `script`,
  no `foreignObject`, no `image`, `use`, `style`, animation or anything else;
  a dropped element goes with everything inside it);
- attributes: geometry, paint and font attributes, `id`/`class`, and on `a`
  a link that stays on the site (a fragment or a relative path: no scheme, no
  `//host`, no `/`), and its `xlink:title`; no event handler, no `style`, no
  `url(...)` paint;
- text is written back escaped, with `{` and `}` as character references so a
  page-templating plugin (mkdocs-macros) finds nothing to evaluate.

Parsing is XML with `defusedxml` (no DTD, no entity declarations, no external
anything). The output is a fixed point: validating it again changes nothing,
which is how the cache recognises a file it did not write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from .links import scheme

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_XLINK = "{" + XLINK_NS + "}"

# Presentation and geometry: values are numbers, colours, names and lists.
_PAINT = {"fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity", "opacity",
          "font-family", "font-size", "font-weight", "font-style", "text-anchor", "text-decoration",
          "baseline-shift", "transform", "points", "d", "cx", "cy", "rx", "ry", "x", "y", "width", "height",
          "viewBox", "preserveAspectRatio"}
_NAMES = {"id", "class"}
_ELEMENTS: dict[str, set[str]] = {
    "svg": {"width", "height", "viewBox", "preserveAspectRatio"},
    "g": _NAMES | {"transform"},
    "a": {_XLINK + "href", _XLINK + "title", "href"},
    "title": set(),
    "text": _PAINT,
    "path": _PAINT | _NAMES,
    "polygon": _PAINT | _NAMES,
    "polyline": _PAINT | _NAMES,
    "ellipse": _PAINT | _NAMES,
}
_LINKS = {_XLINK + "href", "href"}
# Plain values only: digits, letters, `# . , % - space` and the parentheses of transform().
_PLAIN_VALUE = re.compile(r"^[\w\s#.,%()+-]*$")
_OUT_NAMES = {_XLINK + "href": "xlink:href", _XLINK + "title": "xlink:title"}
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;", "}": "&#125;"})
_ROOT_OPEN = f'xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"'


class UnsafeSvg(ValueError):
    """Not an SVG at all (empty, truncated, not XML, not `<svg>` at the root)."""


@dataclass
class Verdict:
    svg: str
    dropped: list[str] = field(default_factory=list)  # what was removed, for the log


def safe_link(url: str) -> bool:
    """A link that stays on this site: a fragment or a relative path."""
    url = url.strip()
    if not url or scheme(url) is not None:
        return False
    return not url.startswith(("/", "\\")) and "\\" not in url


def sanitize(svg: str) -> Verdict:
    """The SVG with only what our diagrams need; raises UnsafeSvg when it is not an SVG."""
    if not svg.strip():
        raise UnsafeSvg("empty")
    try:
        root = fromstring(svg, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise UnsafeSvg(f"not well-formed SVG ({exc})") from None
    if root.tag != "{" + SVG_NS + "}svg":
        raise UnsafeSvg(f"the root element is {_local(root.tag)!r}, not an SVG")
    dropped: list[str] = []
    parts: list[str] = []
    _write(root, parts, dropped, top=True)
    return Verdict("".join(parts) + "\n", dropped)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _write(el: Element, parts: list[str], dropped: list[str], top: bool = False) -> None:
    name = _local(el.tag)
    allowed = _ELEMENTS.get(name)
    if allowed is None or not el.tag.startswith("{" + SVG_NS + "}"):
        dropped.append(f"<{name}>")
        return
    attrs = []
    for key, value in el.attrib.items():
        if key not in allowed:
            dropped.append(f"{name} {_OUT_NAMES.get(key, _local(key))}=")
        elif key in _LINKS and not safe_link(value):
            dropped.append(f"{name} link {value[:40]!r}")
        elif key in _PAINT and (not _PLAIN_VALUE.match(value) or "url(" in value.replace(" ", "").lower()):
            dropped.append(f"{name} {key}={value[:40]!r}")
        else:
            attrs.append(f' {_OUT_NAMES.get(key, key)}="{_escape(value)}"')
    if top:
        attrs.append(" " + _ROOT_OPEN)
    parts.append(f"<{name}{''.join(attrs)}>")
    if el.text:
        parts.append(_escape(el.text))
    for child in el:
        _write(child, parts, dropped)
        if child.tail:
            parts.append(_escape(child.tail))
    parts.append(f"</{name}>")


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)
