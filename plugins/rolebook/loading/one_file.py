"""One file to one model: read it safely, parse its YAML, validate it, every problem a finding.

The same function serves the serial path (`loader`) and the pool's workers (`pool`), so a large
handbook read on several processes gives exactly the findings a small one read on one does.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from rolebook.i18n import N_, VALUE_LABELS, Message
from rolebook.loading.files import Refused, read_file
from rolebook.loading.parse_memo import ParseMemo
from rolebook.loading.yaml_events import YamlProblem, decode, load
from rolebook.loading.yaml_events import shown as _shown
from rolebook.model.findings import Finding
from rolebook.model.format import ITEM_LISTS, Role, Team
from rolebook.model.handbook import Handbook
from rolebook.model.people import PeopleFile
from rolebook.model.positions import Document

MODELS: dict[str, type[BaseModel]] = {"team": Team, "role": Role, "people": PeopleFile}

NAMED_REFUSAL = N_("`{name}` {problem}")
EMPTY_ROLE_FILE = N_("the role file is empty: it needs at least `title:` and `summary:`")
EMPTY_TEAM_FILE = N_("the team file is empty: it needs at least `title:` and `summary:`")
NOT_MAPPING_ROLE = N_("the role file must be a mapping of fields (`title: ...`), not {kind}")
NOT_MAPPING_TEAM = N_("the team file must be a mapping of fields (`title: ...`), not {kind}")
EMPTY_PEOPLE_FILE = N_("the people file is empty: it needs at least `people:` with one `- id: ...` and `name: ...` per "
                       "person")
NOT_MAPPING_PEOPLE = N_("the people file must be a mapping of fields (`people: ...`), not {kind}")
PERSON_LABEL = N_("person")
NOT_MAPPING_KINDS = {"list": N_("a list"), "str": N_("text")}
CONTROL_IN_FIELD = N_("`{field}`{context} holds control character {char}: delete it (only tab and newline are "
                      "allowed in text)")
CONTROL_IN_ROLE_FILE = N_("control character {char} in the role file: delete it (only tab and newline are allowed in "
                          "text)")
CONTROL_IN_TEAM_FILE = N_("control character {char} in the team file: delete it (only tab and newline are allowed in "
                          "text)")
REQUIRED = N_("`{field}` is required{context}: add `{field}:`")
DID_YOU_MEAN = N_("did you mean `{field}`?")
ALLOWED_HERE = N_("allowed here: {fields}")
UNKNOWN_FIELD = N_("unknown field `{field}`{context}: {hint}")
EMPTY_LIST = N_("`{field}` is empty{context}: write `{field}: []` or remove the line")
EMPTY_MAPPING = N_("`{field}` is empty{context}: give it fields or remove the line")
EMPTY_TEXT = N_("`{field}` is empty{context}: write the text after `{field}:`")
EMPTY_VALUE = N_("empty")
YAML11 = N_("`{field}: {raw}` is read by YAML 1.1 as {value}, not text{context}: quote it (`{field}: \"{raw}\"`)")
NOT_ALLOWED = N_("`{field}: {value}` is not allowed{context}: use one of {expected}")
BAD_PATTERN = N_("`{value}` is not valid for `{field}`{context}: {hint}")
EMPTY_FIELD = N_("`{field}` is empty{context}: write something or remove the field")
OUT_OF_RANGE = N_("`{field}: {value}` is out of range{context}: use a number from 0 to 100")
FIELD_PROBLEM = N_("`{field}`{context}: {problem}")
MUST_BE_LIST = N_("`{field}` must be a list{context}: write `{field}: [..]` or one `- item` a line")
MUST_BE_MAPPING = N_("`{field}` must be a mapping of fields{context}")
MUST_BE_TEXT = N_("`{field}` must be text{context}: quote the value")
MUST_BE_NUMBER = N_("`{field}` must be a number{context}")
IN_ITEM = N_(" in {kind} `{id}`")
IN_ITEM_NUMBER = N_(" in {kind} #{number}")


class FileJob(NamedTuple):
    """One file to read: its path as listed, which model it holds, its checked real path."""

    path: Path
    kind: str  # a key of MODELS
    real: str | None


@dataclass
class FileRead:
    """What reading one file gave: the document, the model (None if it is broken) and its findings."""

    path: Path
    doc: Document | None
    model: BaseModel | None
    findings: list[Finding] = field(default_factory=list)
    unreadable: bool = False
    memo_key: tuple | None = None  # set when a fresh parse may go into the caller's memo
    size: int = 0

    def settle(self, handbook: Handbook) -> tuple[Document | None, BaseModel | None]:
        """Record the findings in `handbook` (and the path as unreadable); return (doc, model)."""
        handbook.findings.extend(self.findings)
        if self.unreadable:
            handbook.unreadable.append(self.path)
        return self.doc, self.model


def remember(memo: ParseMemo, read: FileRead) -> None:
    """Keep a fresh successful parse (made here or by a pool worker) in `memo` for the next read of the same bytes."""
    if read.memo_key is not None and read.model is not None:
        memo.put(read.memo_key, (read.doc, read.model), read.size)


def read_one(job: FileJob, root_real: str, memo: ParseMemo | None = None) -> FileRead:
    """Read one file into its model, or say why not; never raises for content.

    With a `memo`, bytes it has seen are not parsed again; a fresh parse is not
    put in it here but by the caller (`remember`), which owns the memo.
    """
    path, model = job.path, MODELS[job.kind]
    try:
        raw = read_file(path, root_real, real=job.real)
    except Refused as refused:
        return FileRead(path, None, None, [_finding(path, 1, 1, "RB001", Message(NAMED_REFUSAL, name=path.name, problem=refused.text))], True)
    key = (hashlib.sha256(raw).digest(), model.__name__)
    found = memo.get(key) if memo is not None else None
    if found is not None:
        return FileRead(path, *found)
    read = _parse_model(path, raw, model)
    if read.model is not None:
        read.memo_key, read.size = key, len(raw)
    return read


def parse_role_bytes(path: Path, raw: bytes) -> FileRead:
    """A role file's bytes that are not on disk (a git revision, an edit about to be written), read as
    `read_one` reads a file: the model, or None and the findings that say why."""
    return _parse_model(path, raw, Role)


def _parse_model(path: Path, raw: bytes, model: type[BaseModel]) -> FileRead:
    try:
        decode(raw)  # size and UTF-8 checks; libyaml then reads the bytes themselves
        doc = load(raw)
    except YamlProblem as problem:
        return FileRead(path, None, None, [_finding(path, problem.line, problem.column, "RB001", problem.message)], True)
    team = model is Team
    people = model is PeopleFile
    if doc.controls:
        return FileRead(path, doc, None, _control_findings(doc, path, team), True)
    if doc.data is None:
        return FileRead(path, doc, None, [
            _finding(path, 1, 1, "RB002", Message(EMPTY_PEOPLE_FILE if people else
                                                  EMPTY_TEAM_FILE if team else EMPTY_ROLE_FILE))
        ], True)
    if not isinstance(doc.data, dict):
        name = type(doc.data).__name__
        kind = Message(NOT_MAPPING_KINDS[name]) if name in NOT_MAPPING_KINDS else name
        return FileRead(path, doc, None, [
            _finding(path, 1, 1, "RB002", Message(NOT_MAPPING_PEOPLE if people else
                                                  NOT_MAPPING_TEAM if team else NOT_MAPPING_ROLE, kind=kind))
        ], True)
    try:
        return FileRead(path, doc, model.model_validate(doc.data))
    except ValidationError as exc:
        return FileRead(path, doc, None, schema_findings(exc, doc, path, model), True)


def _control_findings(doc: Document, path: Path, team: bool) -> list[Finding]:
    """RB002 for each control character (NUL, ESC, ...): they break Graphviz, terminals and logs."""
    findings = []
    for (line, column), char, where in doc.controls:
        name = f"U+{ord(char):04X}"
        if where:
            field = _field_name(where)
            context = _context(where, doc.data) if isinstance(doc.data, dict) else ""
            message = Message(CONTROL_IN_FIELD, field=_shown(str(field)), context=context, char=name)
        else:
            message = Message(CONTROL_IN_TEAM_FILE if team else CONTROL_IN_ROLE_FILE, char=name)
        findings.append(_finding(path, line, column, "RB002", message))
    return findings


def schema_findings(exc: ValidationError, doc: Document, path: Path, model: type[BaseModel]) -> list[Finding]:
    findings: dict[tuple, Finding] = {}
    errors = exc.errors(include_url=False)
    for error in errors:
        error["loc"] = _strip_branches(tuple(error["loc"]), doc.data)
    extras: dict[tuple, list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden":
            extras.setdefault(error["loc"][:-1], []).append(str(error["loc"][-1]))
    for error in errors:
        loc = error["loc"]
        if error["type"] == "missing" and difflib.get_close_matches(str(loc[-1]), extras.get(loc[:-1], []), n=1):
            continue  # the typo'd key's "did you mean" says it better
        # Unions report one error per branch; keep the first per place.
        key = loc if error["type"] != "extra_forbidden" else loc + ("extra",)
        if key in findings:
            continue
        message, where = _describe(error, loc, doc, model)
        line, column = doc.position(where)
        findings[key] = _finding(path, line, column, "RB002", message)
    return list(findings.values())


def _describe(error: dict, loc: tuple, doc: Document, model: type[BaseModel]) -> tuple[Message, tuple]:
    """A message that says what to change, and the path to point at."""
    kind = error["type"]
    field = _field_name(loc)
    context = _context(loc, doc.data)
    if kind == "missing":
        return Message(REQUIRED, field=field, context=context), loc[:-1]
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = Message(DID_YOU_MEAN, field=close[0]) if close else Message(ALLOWED_HERE, fields=", ".join(allowed))
        return Message(UNKNOWN_FIELD, field=_shown(str(loc[-1])), context=context, hint=hint), loc
    raw = doc.plain_non_strings.get(loc)
    if error.get("input") is None and kind in {"list_type", "tuple_type"}:
        return Message(EMPTY_LIST, field=field, context=context), loc
    if error.get("input") is None and kind in {"model_type", "dict_type", "model_attributes_type"}:
        return Message(EMPTY_MAPPING, field=field, context=context), loc
    if error.get("input") is None and kind == "string_type" and not raw:
        return Message(EMPTY_TEXT, field=field, context=context), loc
    if raw is not None and kind in {"string_type", "list_type", "model_type", "dict_type"}:
        value = error.get("input")
        shown = Message(EMPTY_VALUE) if value is None else repr(value).lower() if isinstance(value, bool) else repr(value)
        return Message(YAML11, field=field, raw=str(raw), value=shown, context=context), loc
    value = error.get("input")
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return Message(NOT_ALLOWED, field=field, value=str(value), context=context, expected=expected), loc
    if kind == "string_pattern_mismatch":
        return Message(BAD_PATTERN, field=field, value=str(value), context=context, hint=_pattern_hint(field, loc)), loc
    if kind == "string_too_short":
        return Message(EMPTY_FIELD, field=field, context=context), loc
    if kind in {"less_than_equal", "greater_than_equal"}:
        return Message(OUT_OF_RANGE, field=field, value=str(value), context=context), loc
    if kind == "value_error":
        # The model's validators raise `ValueError(Message)` (`rolebook.model.format`): worded where shown.
        raised = error.get("ctx", {}).get("error")
        if isinstance(raised, ValueError) and raised.args and isinstance(raised.args[0], Message):
            problem: Message | str = raised.args[0]
        else:
            problem = str(error.get("msg", "")).removeprefix("Value error, ")
        return Message(FIELD_PROBLEM, field=field, context=context, problem=problem), loc
    if kind in {"list_type", "tuple_type"}:
        return Message(MUST_BE_LIST, field=field, context=context), loc
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return Message(MUST_BE_MAPPING, field=field, context=context), loc
    if kind == "string_type":
        return Message(MUST_BE_TEXT, field=field, context=context), loc
    if kind in {"int_type", "float_type", "int_parsing", "int_from_float"}:
        return Message(MUST_BE_NUMBER, field=field, context=context), loc
    return Message(FIELD_PROBLEM, field=field, context=context, problem=str(error.get("msg", "invalid value"))), loc


_BRANCH_TAGS = frozenset({"int", "float", "str", "bool", "date", "list", "dict", "none", "literal"})


def _is_branch_tag(part: Any) -> bool:
    return isinstance(part, str) and (
        part in _BRANCH_TAGS or "[" in part or part.startswith(("function-", "constrained-")))


def _strip_branches(loc: tuple, data: Any) -> tuple:
    """Drop the union-branch and validator names pydantic adds to error locations.

    A part is only a branch name if the document has no such key at that
    place: an unknown key may well be called `list`, `date` or `a[0]`.
    """
    kept = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif _is_branch_tag(part):
            continue
        else:
            current = None
        kept.append(part)
    return tuple(kept)


def _field_name(loc: tuple) -> str:
    for part in reversed(loc):
        if isinstance(part, str) and not part.startswith(("function-", "constrained-")):
            return part
    return "item"


def _context(loc: tuple, data: Any) -> Message | str:
    """` in outcome `api-v2-live`` when the path is inside an item (or ` in person `dana-lee``)."""
    if len(loc) >= 2 and loc[0] == "people" and isinstance(loc[1], int):
        try:
            person_id = data["people"][loc[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            person_id = None
        label = Message(PERSON_LABEL)
        return (Message(IN_ITEM, kind=label, id=_shown(person_id)) if isinstance(person_id, str)
                else Message(IN_ITEM_NUMBER, kind=label, number=loc[1] + 1))
    if len(loc) >= 2 and loc[0] in ITEM_LISTS and isinstance(loc[1], int):
        try:
            item_id = data[loc[0]][loc[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            item_id = None
        kind = ITEM_LISTS[loc[0]]
        kind_label = Message(VALUE_LABELS[kind])
        return (Message(IN_ITEM, kind=kind_label, id=item_id) if isinstance(item_id, str)
                else Message(IN_ITEM_NUMBER, kind=kind_label, number=loc[1] + 1))
    return ""


def _allowed_fields(model: type[BaseModel], loc: tuple) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _pattern_hint(field: str, loc: tuple) -> Message:
    if field in {"due"}:
        return Message(N_("write a date as YYYY-MM-DD or a quarter as YYYY-Qn (e.g. 2026-Q3)"))
    if field in {"since", "reviewed", "done_on"}:
        return Message(N_("write a date as YYYY-MM-DD"))
    if field in {"reports_to", "lead", "role"}:
        return Message(N_("write a role ref: `<role-id>` in the same team or `<team>/<role-id>`"))
    if field in {"contributes_to", "advances"}:
        return Message(N_("write an outcome id, `<role-id>#<outcome-id>` or `<team>/<role-id>#<outcome-id>`"))
    if field in {"ignore"}:
        return Message(N_("write rule codes like RB110"))
    return Message(N_("use lowercase letters, digits and hyphens, starting with a letter or digit (e.g. `api-v2-live`)"))


def _finding(path: Path, line: int, column: int, code: str, message: Message, role: str | None = None) -> Finding:
    return Finding(path=str(path), line=line, column=column, code=code, message=message, role=role)
