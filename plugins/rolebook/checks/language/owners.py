"""RB104: is an outcome's owner one person (or role), or a collective?

Collective: pronouns and quantifiers ("we", "all", "every teammate"), "TBD",
group words ("the platform team", "CS leadership"), departments ("Legal",
"Marketing Operations", "Finance & Accounting"), this handbook's own teams (by
title or id), plurals of roles ("CSMs", "Product managers", "stakeholders")
and groups joined to others ("PM / Team", "Dev and Ops").

Several: two or more people or single roles joined by a conjunction ("Tim and
James", "Alex & Andy", "Keegan/Stefan", "EM / PM"). The framework's advice
differs from a collective's: keep one of them as the owner and move the others
to `shared_with` with their part, so `OwnerReading.several` names them and
`collective` stays False.

Not collective: a person's name, a role ref, a role title ("Head of Security",
"Director of Product, Dev") and, above all, anything this handbook knows to be
one person or role: a holder's name or a role title (then the finding-free
answer comes with a suggestion to write the ref instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rolebook.checks.language import lexicon as L
from rolebook.i18n import N_, Message

_REF = re.compile(r"^[a-z0-9][a-z0-9-]*(?:/[a-z0-9][a-z0-9-]*)?(?:#[a-z0-9][a-z0-9-]*)?$")
_CONJ = re.compile(r"\s+(?:and|or)\s+|\s*[&+,;/]\s*|\s+n\s+", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z@][\w'’.@-]*")
SEVERAL_PEOPLE = N_("“{word}” is several people")
A_GROUP = N_("“{word}” is a group")
_NOT_NAMES = frozenset({"the", "of", "for", "and", "in", "on", "at", "to", "a", "an"})


@dataclass(frozen=True)
class OwnerContext:
    """What the handbook knows: team ids and titles, role titles with their refs, holder names."""

    teams: frozenset[str] = frozenset()
    roles: frozenset[str] = frozenset()
    role_titles: dict[str, str] = field(default_factory=dict)
    people: frozenset[str] = frozenset()


NOBODY_YET = N_("nobody is named yet")
A_NAME = N_("a name")


@dataclass(frozen=True)
class OwnerReading:
    collective: bool
    reason: Message  # why, in words translated where the finding is shown
    suggest_ref: str | None = None
    several: tuple[str, ...] = ()  # the people or roles an owner like "Alex & Andy" names, in order


def read_owner(owner: str, context: OwnerContext | None = None) -> OwnerReading:
    """Whether `owner` is a collective, why, and the role ref to suggest when it is a role title."""
    context = context or OwnerContext()
    text = re.sub(r"[*_`]+", "", owner).strip().rstrip(".!")
    # A parenthesis qualifies who is named ("Laura Steele (VFS Team)", "Ade Lee <ade@...> (alee)"):
    # it is neither a second owner nor a team that owns, unless it lists members ("OCTO (Ann, Bo)").
    for inside in re.findall(r"\(([^()]*)\)", text):
        if len([p for p in _CONJ.split(inside) if p.strip()]) >= 2:
            return OwnerReading(True, Message(N_("a group, its members listed")))
    text = re.sub(r"\s*\([^()]*\)", "", text).strip() or text
    low = " ".join(text.lower().split())
    if not low or low in {"tbd", "tba", "tbc", "n/a", "na", "?", "-", "none", "nobody", "unknown", "unassigned"}:
        return OwnerReading(True, Message(NOBODY_YET))
    if low in context.role_titles:
        return OwnerReading(False, Message(N_("a role title in this handbook")), context.role_titles[low])
    if low in context.people:
        return OwnerReading(False, Message(N_("a holder in this handbook")))
    if _REF.match(text) and ("/" in text or low in context.roles):
        return OwnerReading(False, Message(N_("a role ref")))
    if low in context.teams or _strip_team(low) in context.teams:
        return OwnerReading(True, Message(N_("a team of this handbook")))
    parts = [p.strip() for p in _CONJ.split(text) if p.strip()]
    if len(parts) >= 2 and not _title_with_qualifier(text):
        return _joined(parts, context)
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return OwnerReading(False, Message(A_NAME))
    if words[0] in L.COLLECTIVE_WORDS or (words[0] == "the" and len(words) > 1 and words[1] in L.COLLECTIVE_WORDS):
        return OwnerReading(True, Message(SEVERAL_PEOPLE, word=words[0]))
    if _is_title(words):
        return OwnerReading(False, Message(N_("a role title")))
    for w in words:
        if w in L.GROUP_WORDS:
            return OwnerReading(True, Message(A_GROUP, word=w))
    last = words[-1]
    if last in L.ROLE_PLURALS or re.fullmatch(r"[A-Z]{2,}s", _WORD.findall(text)[-1]):
        return OwnerReading(True, Message(SEVERAL_PEOPLE, word=_WORD.findall(text)[-1]))
    if _plural_of_title(low, context):
        return OwnerReading(True, Message(N_("a role title in the plural")))
    if all(w in L.DEPARTMENTS or w in _NOT_NAMES for w in re.split(r"[\s-]+", low) if w):
        return OwnerReading(True, Message(N_("a department")))
    return OwnerReading(False, Message(A_NAME))


def _joined(parts: list[str], context: OwnerContext) -> OwnerReading:
    """ "Alex & Andy" names several people; "PM / Team" or "Dev and Ops" joins groups, a collective.

    A part that is not yet named ("Adeola, TBD") does not make a collective of the named ones.
    """
    named = []
    for part in parts:
        reading = read_owner(part, context)
        if reading.reason.template == NOBODY_YET:
            continue
        if reading.collective or not _could_be_someone(part, reading):
            return OwnerReading(True, Message(N_("groups joined together")))
        named.append(part)
    if not named:
        return OwnerReading(True, Message(NOBODY_YET))
    return OwnerReading(False, Message(N_("several people joined together")), several=tuple(named))


def _could_be_someone(part: str, reading: OwnerReading) -> bool:
    """Whether a part of a joined owner can name a person or a role: not a letter, not a verb.

    GitLab's stage teams are named by verbs ("Secure and Defend", "Manage/Create") and
    abbreviations split at "&" leave letters ("MD&P"): those join groups, not people.
    """
    if reading.reason.template != A_NAME:
        return True  # a role title, a ref or a holder this handbook knows
    words = _WORD.findall(part)
    if len(part.strip()) < 2:
        return False
    return not (len(words) == 1 and words[0].lower() in _VERBS)


_VERBS = L.DELIVERY_VERBS | L.MOVE_VERBS | L.MEASURE_VERBS | L.BEHAVIOUR_VERBS | frozenset({"manage", "defend", "verify", "protect", "package", "plan", "monitor", "configure"})


def _strip_team(low: str) -> str:
    return re.sub(r"^(?:the|our)\s+|\s+(?:team|squad|group)$", "", low)


def _is_title(words: list[str]) -> bool:
    """A role one person holds: "Security Engineering Manager", "Head of Security", "VP Eng"."""
    if words[-1] in L.TITLE_WORDS:
        return True
    if len(words) > 1 and words[0] in L.TITLE_WORDS and words[1] in {"of", "for", "eng", "engineering", "product", "sales", "marketing"}:
        return True
    return False


def _title_with_qualifier(text: str) -> bool:
    """ "Director of Product, Dev" or "PM, Create": a title, a comma, then the area it covers."""
    parts = text.split(",")
    if len(parts) != 2 or re.search(r"\s(?:and|or)\s|[&+]", text):
        return False
    first = [w.lower() for w in _WORD.findall(parts[0])]
    if not first or not _is_title(first) and first[0] not in L.TITLE_WORDS:
        return False
    rest = [w.lower() for p in parts[1:] for w in _WORD.findall(p)]
    return not any(w in L.TITLE_WORDS for w in rest)


def _plural_of_title(low: str, context: OwnerContext) -> bool:
    if not low.endswith("s"):
        return False
    return low[:-1] in context.role_titles or low[:-2] in context.role_titles
