"""The role file format as typed models: the single source of truth.

The JSON Schema (`rolebook schema`, `role.schema.json`) and the field tables
in the guide are generated from these classes; change the format here.
Strict mode keeps YAML 1.1 surprises loud: `title: NO` is a boolean, and a
boolean is not text.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from rolebook.i18n import N_, Message
from rolebook.model.findings import RULES

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
_SLUG = r"[a-z0-9][a-z0-9-]{0,62}"
ROLE_REF_PATTERN = rf"^(?:{_SLUG}/)?{_SLUG}$"
ITEM_REF_PATTERN = rf"^(?:(?:{_SLUG}/)?{_SLUG}#)?{_SLUG}$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
DUE_PATTERN = r"^\d{4}-(?:\d{2}-\d{2}|Q[1-4])$"
RULE_PATTERN = r"^RB\d{3}$"

# The same dates as a calendar-checked pattern, for the JSON Schema: editors
# then flag `2027-02-30` as the checker does (leap years included).
_YEAR = r"\d{4}"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
CALENDAR_DATE_PATTERN = rf"(?!0000)(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"


# Problems the validators find, raised as `ValueError(Message)`: loading words them in the reader's language.
TIME_OF_DAY = N_("{value} has a time of day: write the date alone as YYYY-MM-DD")
NOT_A_DATE = N_("{value} is not a calendar date")
NOT_A_RULE = N_("{value} is not a rule code (known: {known})")


def _date_to_text(value: object) -> object:
    """YAML reads `2026-06-30` as a date; the model keeps dates as ISO text.

    A date with a time of day is refused, never truncated: the schema refuses it too.
    """
    if isinstance(value, _dt.datetime):
        raise ValueError(Message(TIME_OF_DAY, value=value.isoformat()))
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _real_date(value: str) -> str:
    if re.fullmatch(DATE_PATTERN, value):
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(Message(NOT_A_DATE, value=str(value))) from None
    return value


def _match_pattern(value: str) -> str:
    """A `re:` pattern must compile (and stay short: role files are untrusted, the audit runs it on every title)."""
    if value.startswith("re:"):
        if len(value) > 200:
            raise ValueError("a `re:` pattern may be at most 200 characters")
        try:
            re.compile(value[3:])
        except re.error as exc:
            raise ValueError(f"`{value[3:]}` is not a regular expression: {exc}") from None
    return value


def _known_rule(value: str) -> str:
    if value not in RULES:
        raise ValueError(Message(NOT_A_RULE, value=str(value), known=", ".join(sorted(RULES))))
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
RoleRef = Annotated[str, StringConstraints(pattern=ROLE_REF_PATTERN)]
ItemRef = Annotated[str, StringConstraints(pattern=ITEM_REF_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]
# A BeforeValidator wraps the annotations before it, so it comes last: YAML's
# date objects become ISO text first, then the pattern (kept in the schema) applies.
# The JSON Schema of each is written out (WithJsonSchema) so that it says what
# the validators check, in JSON Schema's own keywords.
Date = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    AfterValidator(_real_date),
    BeforeValidator(_date_to_text),
    WithJsonSchema({"type": "string", "format": "date", "pattern": f"^{CALENDAR_DATE_PATTERN}$"}),
]
Due = Annotated[
    str,
    StringConstraints(pattern=DUE_PATTERN),
    AfterValidator(_real_date),
    BeforeValidator(_date_to_text),
    WithJsonSchema({"type": "string", "pattern": rf"^(?:{CALENDAR_DATE_PATTERN}|\d{{4}}-Q[1-4])$"}),
]
MatchPattern = Annotated[str, StringConstraints(min_length=1), AfterValidator(_match_pattern)]
RuleCode = Annotated[
    str, StringConstraints(pattern=RULE_PATTERN), AfterValidator(_known_rule),
    WithJsonSchema({"type": "string", "enum": sorted(RULES)}),
]
Percent = Annotated[
    Union[int, float], Field(ge=0, le=100), WithJsonSchema({"type": "number", "minimum": 0, "maximum": 100}),
]

OutcomeStatus = Literal["open", "done", "dropped"]
RoleStatus = Literal["active", "draft", "retired"]
OutputKind = Literal["document", "code", "design", "analysis", "decision", "process", "other"]
ActivityCategory = Literal["relationships", "knowledge", "strategy", "alignment", "making", "operations"]
Cadence = Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "as-needed"]
Recurs = Literal["monthly", "quarterly", "yearly"]  # the calendar periods of `rolebook.model.periods`

# English msgids: shown through i18n._() in the site's language.
CATEGORY_LABELS = {
    "relationships": N_("Relationships and trust"),
    "knowledge": N_("Knowledge sharing"),
    "strategy": N_("Strategy and planning"),
    "alignment": N_("Alignment"),
    "making": N_("Hands-on making"),
    "operations": N_("Operations"),
}


# How a standing outcome's rhythm reads beside it (role page, tables, diagram).
RECURS_LABELS = {
    "monthly": N_("every month"),
    "quarterly": N_("every quarter"),
    "yearly": N_("every year"),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _Item(_Strict):
    id: Slug = Field(description="Unique in the role; becomes the page anchor.")
    title: Text = Field(description="Short name of the item.")
    notes: Optional[Text] = Field(None, description="Markdown notes.")
    ignore: list[RuleCode] = Field(default_factory=list, description="Rule codes silenced for this item.")


class SharedPart(_Strict):
    role: RoleRef = Field(description="The role that shares the outcome.")
    part: Text = Field(description="What that role contributes to it.")


class Outcome(_Item):
    """A commitment: binary, verifiable, dated, owned by a named person."""

    done_when: Text = Field(description="The success criterion: how anyone can verify it is done.")
    due: Optional[Due] = Field(None, description="A date (YYYY-MM-DD) or a quarter (YYYY-Qn).")
    owner: Text = Field(description="A named person or a role ref; never a collective.")
    status: OutcomeStatus = Field("open", description="open, done or dropped.")
    recurs: Optional[Recurs] = Field(
        None, description="monthly, quarterly or yearly: a standing commitment, met or missed once per calendar "
        "period; `due`, when given, is the end of the first period."
    )
    done_on: Optional[Date] = Field(
        None, description="When it was delivered (YYYY-MM-DD); for a standing commitment, the last time it was met."
    )
    shared_with: list[SharedPart] = Field(default_factory=list, description="Other roles that share it, each with its part.")
    expectations: list[Text] = Field(
        default_factory=list, description="Hoped-for impact; recorded, never committed to."
    )


class Output(_Item):
    """A tangible thing the role creates: the evidence that remains."""

    kind: OutputKind = Field(description="document, code, design, analysis, decision, process or other.")
    location: Optional[Text] = Field(None, description="Where it lives: http(s), mailto or a relative path.")
    contributes_to: list[ItemRef] = Field(default_factory=list, description="Outcomes it contributes to.")


class Activity(_Item):
    """Where the role's time goes."""

    category: ActivityCategory = Field(description="The kind of time it is.")
    cadence: Cadence = Field("as-needed", description="How often it happens.")
    time_share: Optional[Percent] = Field(None, description="Percent of working time, 0 to 100.")
    produces: list[Slug] = Field(default_factory=list, description="Output ids of this role.")
    advances: list[ItemRef] = Field(default_factory=list, description="Outcomes it serves directly.")
    match: list[MatchPattern] = Field(
        default_factory=list,
        description="For `rolebook audit`: calendar event titles or categories that are this activity "
                    "(case-insensitive text, or `re:` and a regular expression).",
    )


def _one_of(*names: str, what: str):
    """A model validator (and its JSON Schema) requiring at least one of `names`."""
    listed = " or ".join(f"`{n}:`" for n in names)

    def check(model):
        if all(getattr(model, n) is None for n in names):
            raise ValueError(f"{what} needs {listed}: add one")
        return model

    return model_validator(mode="after")(check), {"anyOf": [{"required": [n]} for n in names]}


_HOLDER_NEEDS, _HOLDER_SCHEMA = _one_of("person", "name", what="a holder")
_CONTACT_NEEDS, _CONTACT_SCHEMA = _one_of("role", "person", what="a contact")
_COVER_NEEDS, _COVER_SCHEMA = _one_of("person", "role", what="a cover")


class Holder(_Strict):
    """Who holds a role: a person of `_people.yml` (`person:`), or a name."""

    model_config = ConfigDict(json_schema_extra=_HOLDER_SCHEMA)
    person: Optional[Slug] = Field(None, description="The id of a person in `_people.yml`.")
    name: Optional[Text] = Field(None, description="The person holding the role (when not given by `person:`).")
    since: Optional[Date] = Field(None, description="When they took it (YYYY-MM-DD).")
    share: Optional[Percent] = Field(None, description="Percent of that person's working time spent in this role.")
    _needs = _HOLDER_NEEDS


class Contact(_Strict):
    model_config = ConfigDict(json_schema_extra=_CONTACT_SCHEMA)
    role: Optional[RoleRef] = Field(None, description="A role the successor should meet.")
    person: Optional[Slug] = Field(None, description="A person (id in `_people.yml`) the successor should meet.")
    why: Text = Field(description="Why to meet them.")
    _needs = _CONTACT_NEEDS


class Cover(_Strict):
    """Who covers the role while its holder is away: a person or a role."""

    model_config = ConfigDict(json_schema_extra=_COVER_SCHEMA)
    person: Optional[Slug] = Field(None, description="The id of a person in `_people.yml` (or a holder's name as an id).")
    role: Optional[RoleRef] = Field(None, description="A role whose holder covers.")
    _needs = _COVER_NEEDS


class Checklists(_Strict):
    daily: list[Text] = Field(default_factory=list, description="Extra items for every day.")
    weekly: list[Text] = Field(default_factory=list, description="Extra items for the weekly plan.")
    monthly: list[Text] = Field(default_factory=list, description="Extra items for the monthly review.")
    quarterly: list[Text] = Field(default_factory=list, description="Extra items for the quarterly review.")


class Onboarding(_Strict):
    contacts: list[Contact] = Field(default_factory=list, description="Who to meet first, and why.")
    first_week: list[Text] = Field(default_factory=list, description="First week checklist.")
    first_30_days: list[Text] = Field(default_factory=list, description="First 30 days checklist.")
    first_90_days: list[Text] = Field(default_factory=list, description="First 90 days checklist.")


class Role(_Strict):
    """One role file: `handbooks/<team>/<role-id>.yml`."""

    title: Text = Field(description="The role's name.")
    summary: Text = Field(description="One sentence: what the role is for.")
    purpose: Optional[Text] = Field(None, description="Markdown: why the role exists.")
    status: RoleStatus = Field("active", description="active, draft or retired.")
    reviewed: Optional[Date] = Field(
        None, description="When the holder last reviewed this file (YYYY-MM-DD); see RB114 for the rhythm."
    )
    reports_to: Optional[RoleRef] = Field(None, description="The manager's role.")
    holders: list[Holder] = Field(default_factory=list, description="Who holds it; empty means vacant.")
    cover: list[Cover] = Field(default_factory=list, description="Who covers the role while its holder is away.")
    tags: list[Slug] = Field(default_factory=list, description="Free labels.")
    outcomes: list[Outcome] = Field(default_factory=list, description="What the role commits to deliver.")
    outputs: list[Output] = Field(default_factory=list, description="What the role creates.")
    activities: list[Activity] = Field(default_factory=list, description="What the role spends time on.")
    decision_rights: list[Text] = Field(default_factory=list, description="What the role decides alone.")
    checklists: Checklists = Field(default_factory=Checklists, description="Extra checklist items.")
    onboarding: Onboarding = Field(default_factory=Onboarding, description="For the successor.")
    ignore: list[RuleCode] = Field(default_factory=list, description="Rule codes silenced for the whole role.")

    def silences(self, code: str, item: "_Item | None" = None) -> bool:
        """Whether `ignore:` on the role (or on `item`) silences `code`.

        What the checker does not report, the pages, diagrams and checklists do not show as a problem either.
        """
        return code in self.ignore or (item is not None and code in item.ignore)

    def items_of(self, kind: str) -> list:
        """The outcomes, outputs or activities, by kind ("outcome", "output", "activity")."""
        return getattr(self, ITEM_KEYS[kind])

    def items(self):
        """Every outcome, output and activity, with its kind, in file order."""
        for o in self.outcomes:
            yield "outcome", o
        for o in self.outputs:
            yield "output", o
        for a in self.activities:
            yield "activity", a


class Team(_Strict):
    """A team folder's `_team.yml`."""

    title: Text = Field(description="The team's name.")
    summary: Text = Field(description="One sentence: what the team does.")
    lead: Optional[RoleRef] = Field(None, description="The role that leads the team.")
    order: Optional[int] = Field(None, description="Navigation order, lower first.")


# The three item lists of a role file: field name -> item kind, and back.
ITEM_LISTS = {"outcomes": "outcome", "outputs": "output", "activities": "activity"}
ITEM_KEYS = {kind: key for key, kind in ITEM_LISTS.items()}


def due_end(due: str | None) -> _dt.date | None:
    """The last day a due value allows: the date itself, or a quarter's last day."""
    if not due:
        return None
    if "Q" in due:
        year, quarter = int(due[:4]), int(due[-1])
        month = quarter * 3
        if month == 12:
            return _dt.date(year, 12, 31)
        return _dt.date(year, month + 1, 1) - _dt.timedelta(days=1)
    return _dt.date.fromisoformat(due)
