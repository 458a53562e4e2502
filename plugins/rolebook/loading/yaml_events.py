"""Safe YAML reading that remembers where every key and item came from.

PyYAML's loaders throw positions away and accept duplicate keys, so this
module builds plain Python data from the parser's event stream itself
(libyaml's C parser when available). Building iteratively from events, rather
than recursing over a composed node tree, is what bounds nesting depth and
alias expansion without ever expanding an alias bomb.

Keys are kept as the text that was written (`on:` stays "on"), so YAML 1.1's
boolean keys cannot silently turn into `True`. Plain scalar values are
resolved the YAML 1.1 way, and the ones that did not become strings are
remembered so error messages can say "quote it".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from rolebook.i18n import N_, Message
from rolebook.model.positions import Document

MAX_BYTES = 1024 * 1024
MAX_NODES = 10_000
MAX_DEPTH = 64

Path = tuple[Any, ...]

try:  # libyaml is an order of magnitude faster; fall back to pure Python.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_resolver = Resolver()
_constructor = SafeConstructor()
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_STANDARD_TAGS = _SCALAR_TAGS | {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_CONTAINER_TAG = {"map": "tag:yaml.org,2002:map", "seq": "tag:yaml.org,2002:seq"}
# YAML 1.1's implicit types by the first character of the text; anything else is text.
_implicit = _resolver.yaml_implicit_resolvers
ScalarEvent = yaml.ScalarEvent

# C0 control characters (and DEL) that role text may not hold: tab and newline are text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# The same as raw bytes in a file; CR is a line break there, so it is left to YAML.
_RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# YAML 1.1 also breaks lines at NEL, LS and PS; editors and GitHub do not.
_YAML_ONLY_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


TOO_BIG = N_("the file is over the 1 MiB limit ({bytes} bytes): split the role or trim its notes")
NOT_UTF8 = N_("byte {byte} is not UTF-8: save the file as UTF-8")
TOO_MANY_NODES = N_("the document expands to more than {nodes} nodes (aliases included): remove the repeated aliases")
COMPLEX_KEY = N_("a mapping key must be a plain name, not a list or mapping: write `name: value`")
BAD_MERGE = N_("`<<` merges mappings only: point it at a mapping anchor")
DUPLICATE_KEY = N_("duplicate key `{key}` (first at line {first}): keep one of them")
SECOND_DOCUMENT = N_("a role file holds one YAML document: remove the `---` and what follows")
SELF_ALIAS = N_("alias *{name} refers to itself: remove it")
NO_ANCHOR = N_("alias *{name} has no anchor &{name} before it")
ALIAS_KEY = N_("an alias cannot be a key: write the key out")
TAG_NOT_MAP = N_("tag {tag} does not fit a mapping: remove the tag")
TAG_NOT_LIST = N_("tag {tag} does not fit a list: remove the tag")
TAG_NOT_VALUE = N_("tag {tag} does not fit a single value: remove the tag")
TAG_REFUSED = N_("tag {tag} is not allowed in role files: remove it")
TOO_DEEP = N_("nesting is deeper than {depth} levels: flatten the file")
# `problem` is libyaml's own description (English): quoted as it is.
SYNTAX = N_("YAML syntax: {problem}: check the indentation and quoting here")
READER = N_("YAML: {reason}: remove the character or save the file as plain UTF-8 text")
BAD_TAGGED_VALUE = N_("`{value}` is not a valid {tag}: fix or remove the tag")


class YamlProblem(Exception):
    """The file cannot be read; carries a 1-based position and a fix."""

    def __init__(self, message: Message, line: int = 1, column: int = 1, *, editor: bool = False):
        super().__init__(message.english())
        self.message = message  # worded where the finding is shown
        self.line = line
        self.column = column
        self.editor = editor  # already in editor terms (not YAML's line breaks)




def decode(raw: bytes) -> str:
    """Bytes to text: refuse files over 1 MiB and anything that is not UTF-8."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(
            Message(TOO_BIG, bytes=f"{MAX_BYTES:,}")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8-sig", "replace")
        line, column = editor_position(before, len(before))
        raise YamlProblem(
            Message(NOT_UTF8, byte=f"0x{raw[exc.start]:02x}"), line, column, editor=True
        ) from None
    return text


def _line_starts(text: str, breaks: re.Pattern) -> list[int]:
    return [0] + [m.end() for m in breaks.finditer(text)]


def editor_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, lines broken only by \\n, \\r\\n and \\r."""
    starts = _line_starts(text[:offset], _EDITOR_BREAK)
    return len(starts), offset - starts[-1] + 1


class _EditorLines:
    """Turns YAML's (line, column) into an editor's, for text with NEL, LS or PS in it."""

    def __init__(self, text: str):
        self.yaml_starts = _line_starts(text, _YAML_BREAK)
        self.editor_starts = _line_starts(text, _EDITOR_BREAK)

    def __call__(self, position: tuple[int, int]) -> tuple[int, int]:
        line, column = position
        if not 1 <= line <= len(self.yaml_starts):
            return position
        offset = self.yaml_starts[line - 1] + column - 1
        index = bisect.bisect_right(self.editor_starts, offset) - 1
        return index + 1, offset - self.editor_starts[index] + 1


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


@dataclass(slots=True)
class _Frame:
    kind: str  # "map" | "seq"
    value: Any
    path: Path
    anchor: str | None
    start: tuple[int, int]
    nodes: int = 1
    pending_key: str | None = None
    pending_key_pos: tuple[int, int] | None = None
    merges: list[dict] = field(default_factory=list)


def shown(text: str, limit: int = 60) -> str:
    """Text from the file, safe to put in a message: control characters escaped, bounded."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    text = text.replace("\n", "\\n").replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load(text: str | bytes) -> Document:
    """Parse one YAML document into plain data with positions in editor terms.

    Pass the file's bytes when you have them (after `decode` checked them):
    libyaml reads bytes much faster than text.

    Raises YamlProblem for syntax errors, several documents, duplicate keys,
    disallowed tags, excessive nesting and alias expansion past MAX_NODES.
    Control characters do not stop the parse: they are listed in
    `Document.controls` with their place, for the caller to report.
    """
    source = text.encode("utf-8") if isinstance(text, str) and _Loader is not yaml.SafeLoader else text
    if isinstance(source, bytes) and source.startswith(b"\xef\xbb\xbf"):
        source = source[3:]
    as_bytes = source if isinstance(source, bytes) else source.encode("utf-8", "surrogatepass")
    remap = None
    if not as_bytes.isascii() and any(b in as_bytes for b in _YAML_ONLY_BREAKS):
        remap = _EditorLines(as_bytes.decode("utf-8", "replace"))
    # A backslash is the only way to write a control character in (double-quoted) text.
    escapes = b"\\" in as_bytes
    raw_controls: list[tuple[tuple[int, int], str, Path | None]] = []
    try:
        try:
            doc = _parse(source, escapes)
        except YamlProblem:
            if not _RAW_CONTROL.search(as_bytes):
                raise
            # libyaml refuses the whole file at the first raw control character; blank
            # them out so the rest parses, and report each at its place.
            decoded = as_bytes.decode("utf-8", "replace")
            for match in list(_CONTROL.finditer(decoded))[:20]:
                if match.group() != "\r":
                    raw_controls.append((editor_position(decoded, match.start()), match.group(), None))
            source = _RAW_CONTROL.sub(b" ", source) if isinstance(source, bytes) else _CONTROL.sub(
                lambda m: m.group() if m.group() == "\r" else " ", source)
            doc = _parse(source, escapes)
    except YamlProblem as problem:
        if remap is not None and not problem.editor:
            problem.line, problem.column = remap((problem.line, problem.column))
        # libyaml reports the end of a file without a final newline one line past it
        lines = _EDITOR_BREAK.split(as_bytes.decode("utf-8", "replace"))
        if problem.line > len(lines):
            problem.line, problem.column = len(lines), len(lines[-1]) + 1
        problem.column = max(1, min(problem.column, len(lines[problem.line - 1]) + 1))
        raise
    if remap is not None:
        doc.positions = {path: remap(pos) for path, pos in doc.positions.items()}
        doc.controls = [(remap(pos), char, path) for pos, char, path in doc.controls]
    doc.controls[:0] = raw_controls
    return doc


def _parse(source: str | bytes, escapes: bool = True) -> Document:
    """The event loop; `escapes` says whether double-quoted text may hide control characters."""
    doc = Document(data=None)
    positions = doc.positions
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    total_nodes = 0
    documents = 0

    def attach(value: Any, size: int, start: tuple[int, int], new_nodes: int | None = None) -> None:
        """Put a finished value into its parent (or make it the document).

        `size` is the value's expanded node count (its parent grows by that);
        `new_nodes` is how many of them the running total has not seen yet
        (a container's children were counted as they arrived).
        """
        nonlocal total_nodes
        total_nodes += size if new_nodes is None else new_nodes
        if total_nodes > MAX_NODES:
            raise YamlProblem(
                Message(TOO_MANY_NODES, nodes=f"{MAX_NODES:,}"),
                *start,
            )
        if not stack:
            doc.data = value
            doc.positions[()] = start
            return
        parent = stack[-1]
        parent.nodes += size
        if parent.kind == "seq":
            path = parent.path + (len(parent.value),)
            doc.positions[path] = start
            parent.value.append(value)
            return
        if parent.pending_key is None:
            raise YamlProblem(
                Message(COMPLEX_KEY), *start
            )
        key = parent.pending_key
        parent.pending_key = None
        if key == "<<":
            merges = value if isinstance(value, list) else [value]
            if not all(isinstance(m, dict) for m in merges):
                raise YamlProblem(Message(BAD_MERGE), *start)
            parent.merges.extend(merges)
            return
        path = parent.path + (key,)
        doc.positions[path] = parent.pending_key_pos
        parent.value[key] = value

    parser = None
    top: _Frame | None = None  # stack[-1], kept at hand
    try:
        parser = _Loader(source)
        while True:
            event = parser.get_event()
            if event is None:
                break
            cls = type(event)
            if cls is ScalarEvent:
                # The hot path: most events are scalars inside a mapping. Their
                # place is looked up only where it is kept (keys, list items) or
                # reported; a mapping's value is recorded at its key's place.
                if top is not None and top.kind == "map" and top.pending_key is None:
                    mark = event.start_mark
                    start = (mark.line + 1, mark.column + 1)
                    key = event.value  # keys stay as written: `on` is "on", not True
                    if key in top.value and key != "<<":
                        first = positions.get(top.path + (key,), (0, 0))[0]
                        raise YamlProblem(Message(DUPLICATE_KEY, key=shown(key), first=first),
                                          *start)
                    if escapes and event.style == '"' and _CONTROL.search(key):
                        doc.controls.append((start, _CONTROL.search(key).group(), top.path + (key,)))
                    if event.anchor:
                        anchors[event.anchor] = (key, 1)
                    top.pending_key = key
                    top.pending_key_pos = start
                    top.nodes += 1
                    total_nodes += 1
                    continue
                value = event.value
                tag = event.tag
                if tag is None and not event.style and event.implicit[0]:
                    if _implicit.get(value[:1]):  # else plain text: nothing in YAML 1.1 starts that way
                        value = _plain(event, _mark(event.start_mark))
                        if type(value) is not str:
                            doc.plain_non_strings[_child_path(stack)] = event.value
                elif tag is not None and tag != "!":
                    value = _scalar(event, _mark(event.start_mark))
                if escapes and event.style == '"' and _CONTROL.search(event.value):
                    doc.controls.append((_mark(event.start_mark), _CONTROL.search(event.value).group(),
                                         _child_path(stack)))
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                if top is not None and top.kind == "map" and top.pending_key != "<<":
                    key = top.pending_key
                    top.pending_key = None
                    positions[top.path + (key,)] = top.pending_key_pos
                    top.value[key] = value
                    top.nodes += 1
                    total_nodes += 1
                    if total_nodes > MAX_NODES:
                        attach(value, 0, _mark(event.start_mark))  # reports the limit at this place
                    continue
                attach(value, 1, _mark(event.start_mark))
                continue
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        Message(SECOND_DOCUMENT),
                        *_mark(event.start_mark),
                    )
                continue
            if cls is yaml.StreamStartEvent or cls is yaml.StreamEndEvent or cls is yaml.DocumentEndEvent:
                continue
            start = _mark(event.start_mark)
            if cls is yaml.AliasEvent:
                name = shown(event.anchor)
                if event.anchor in open_anchors:
                    raise YamlProblem(Message(SELF_ALIAS, name=name), *start)
                if event.anchor not in anchors:
                    raise YamlProblem(Message(NO_ANCHOR, name=name), *start)
                value, nodes = anchors[event.anchor]
                if stack and stack[-1].kind == "map" and stack[-1].pending_key is None:
                    raise YamlProblem(Message(ALIAS_KEY), *start)
                attach(value, nodes, start)
                continue
            if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                tag = getattr(event, "tag", None)
                kind = "map" if cls is yaml.MappingStartEvent else "seq"
                if tag and tag not in ("!", "?") and tag != _CONTAINER_TAG[kind]:
                    if tag in _STANDARD_TAGS:
                        raise YamlProblem(Message(TAG_NOT_MAP if kind == "map" else TAG_NOT_LIST, tag=shown(tag)),
                                          *start)
                    raise YamlProblem(Message(TAG_REFUSED, tag=shown(tag)), *start)
                if stack and stack[-1].kind == "map" and stack[-1].pending_key is None:
                    raise YamlProblem(Message(COMPLEX_KEY), *start)
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(Message(TOO_DEEP, depth=MAX_DEPTH), *start)
                parent_path = _child_path(stack)
                frame = _Frame(kind, {} if kind == "map" else [], parent_path, event.anchor, start)
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append(frame)
                top = frame
                continue
            if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                frame = stack.pop()
                top = stack[-1] if stack else None
                if frame.merges:
                    for merged in reversed(frame.merges):
                        for k, v in merged.items():
                            frame.value.setdefault(k, v)
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (frame.value, frame.nodes)
                attach(frame.value, frame.nodes, frame.start, new_nodes=1)
                continue
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark(mark) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(
            Message(SYNTAX, problem=problem), line, column
        ) from None
    except yaml.YAMLError as exc:  # ReaderError and friends
        position = getattr(exc, "position", None)
        line, column = 1, 1
        if isinstance(position, int):
            before = source[:position]  # a byte offset for libyaml (bytes), characters otherwise
            if isinstance(before, bytes):
                before = before.decode("utf-8", "replace")
            line, column = editor_position(before, len(before))
        reason = getattr(exc, "reason", None) or (str(exc).splitlines() or ["unreadable"])[0]
        raise YamlProblem(Message(READER, reason=shown(str(reason))),
                          line, column, editor=True) from None
    finally:
        if parser is not None:
            parser.dispose()
    return doc


def _child_path(stack: list[_Frame]) -> Path:
    """The path of the next value to be attached to the innermost open container."""
    if not stack:
        return ()
    top = stack[-1]
    if top.kind == "seq":
        return top.path + (len(top.value),)
    return top.path + (top.pending_key,)




def _plain(event: yaml.ScalarEvent, start: tuple[int, int]) -> Any:
    """Resolve a plain scalar the YAML 1.1 way; most are text and leave early."""
    value = event.value
    candidates = _implicit.get(value[:1] if value else "")
    if not candidates:
        return value
    for tag, regexp in candidates:
        if regexp.match(value):
            if tag == "tag:yaml.org,2002:str" or tag not in _SCALAR_TAGS:
                return value  # `=` (YAML's value tag) and `<<` (merge) as values are text
            return _construct(tag, event, start)
    return value


def _construct(tag: str, event: yaml.ScalarEvent, start: tuple[int, int]) -> Any:
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node)
    except Exception:  # PyYAML's constructors raise KeyError, IndexError, ... on odd text
        if event.tag in (None, "!"):
            return event.value  # looked like a date or number but is not one: keep the text
        written = shown(event.value) or '""'
        raise YamlProblem(Message(BAD_TAGGED_VALUE, value=written, tag=tag.rsplit(':', 1)[-1]),
                          *start) from None


def _scalar(event: yaml.ScalarEvent, start: tuple[int, int]) -> Any:
    """A scalar with an explicit tag: only YAML's standard scalar tags are allowed."""
    tag = event.tag
    if tag not in _SCALAR_TAGS:
        if tag in _STANDARD_TAGS:
            raise YamlProblem(Message(TAG_NOT_VALUE, tag=shown(tag)), *start)
        raise YamlProblem(Message(TAG_REFUSED, tag=shown(tag)), *start)
    if tag == "tag:yaml.org,2002:str":
        return event.value
    return _construct(tag, event, start)
