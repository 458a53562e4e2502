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

Parsing is the stdlib's (C) XML parser, hardened by refusing any markup
declaration or processing instruction (`<!` and `<?`) before it runs: with no
DTD there are no entities to expand and nothing external to fetch, and nothing
is left that an HTML parser would read differently (a `<?x ><script>` is a
processing instruction to XML but a comment and a script to a browser). The
output is written by this module from the parsed tree, never passed through,
and is a fixed point: validating it again changes nothing, which is how the
cache recognises a file it did not write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, XMLParser

from rolebook.text.links import scheme

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_SVG = "{" + SVG_NS + "}"
_XLINK = "{" + XLINK_NS + "}"

# What an attribute may be: NAME (id, class: escaped text), PAINT (geometry, paint and
# font values: plain characters only, no url()), LINK (a link on this site), TEXT (a tooltip).
NAME, PAINT, LINK, TEXT = "name", "paint", "link", "text"
_PAINT_NAMES = ("fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "fill-opacity", "opacity",
                "font-family", "font-size", "font-weight", "font-style", "text-anchor", "text-decoration",
                "baseline-shift", "transform", "points", "d", "cx", "cy", "rx", "ry", "x", "y", "width", "height",
                "viewBox", "preserveAspectRatio")
_SHAPE = {**{k: PAINT for k in _PAINT_NAMES}, "id": NAME, "class": NAME}
_ELEMENTS: dict[str, dict[str, str]] = {
    "svg": {"width": PAINT, "height": PAINT, "viewBox": PAINT, "preserveAspectRatio": PAINT},
    "g": {"id": NAME, "class": NAME, "transform": PAINT},
    "a": {_XLINK + "href": LINK, _XLINK + "title": TEXT, "href": LINK},
    "title": {},
    "text": {k: PAINT for k in _PAINT_NAMES},
    "path": _SHAPE,
    "polygon": _SHAPE,
    "polyline": _SHAPE,
    "ellipse": _SHAPE,
}
_SPECS = {_SVG + name: (name, attrs) for name, attrs in _ELEMENTS.items()}
# Plain values only: letters, digits, `# . , % + -` and blanks (so no `url(...)`);
# transform: a list of transform functions of numbers.
_PLAIN_VALUE = re.compile(r"[\w\s#.,%+-]*")
_TRANSFORM = re.compile(r"(?:\s*(?:scale|rotate|translate|matrix|skewX|skewY)\([-+\d.,\se]*\))*\s*")
_OUT_NAMES = {_XLINK + "href": "xlink:href", _XLINK + "title": "xlink:title"}
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "{": "&#123;", "}": "&#125;"})
_NEEDS_ESCAPE = re.compile(r'[&<>"{}]')
_ROOT_OPEN = f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"'


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
    if "<!" in svg or "<?" in svg:
        raise UnsafeSvg("has a declaration, comment or processing instruction")
    try:
        parser = XMLParser()
        parser.feed(svg)
        root = parser.close()
    except (ParseError, ValueError) as exc:
        raise UnsafeSvg(f"not well-formed SVG ({exc})") from None
    if root.tag != _SVG + "svg":
        raise UnsafeSvg(f"the root element is {_local(root.tag)!r}, not an SVG")
    dropped: list[str] = []
    parts: list[str] = []
    _write(root, parts, dropped, top=True)
    parts.append("\n")
    return Verdict("".join(parts), dropped)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _write(el: Element, parts: list[str], dropped: list[str], top: bool = False) -> None:
    spec = _SPECS.get(el.tag)
    if spec is None:
        dropped.append(f"<{_local(el.tag)}>")
        return
    name, allowed = spec
    parts.append("<" + name)
    for key, value in el.attrib.items():
        kind = allowed.get(key)
        if kind is None:
            dropped.append(f"{name} {_OUT_NAMES.get(key, _local(key))}=")
        elif kind is PAINT:
            if (_TRANSFORM if key == "transform" else _PLAIN_VALUE).fullmatch(value):
                parts.append(f' {key}="{value}"')  # plain: nothing to escape
            else:
                dropped.append(f"{name} {key}={value[:40]!r}")
        elif kind is LINK and not safe_link(value):
            dropped.append(f"{name} link {value[:40]!r}")
        else:
            parts.append(f' {_OUT_NAMES.get(key, key)}="{_escape(value)}"')
    parts.append(_ROOT_OPEN + ">" if top else ">")
    if el.text:
        parts.append(_escape(el.text))
    for child in el:
        _write(child, parts, dropped)
        if child.tail:
            parts.append(_escape(child.tail))
    parts.append(f"</{name}>")


def _escape(text: str) -> str:
    return text.translate(_ESCAPES) if _NEEDS_ESCAPE.search(text) else text
