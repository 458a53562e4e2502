"""The framework's rules, RB101..RB112: what makes a role a good one.

The outcome-first framework asks that every activity lead somewhere, every
output serve an outcome, every outcome have one owner, a date and a check
anyone can make, and that nothing commits to an impact the role does not
control. These are warnings and information, except RB104 and RB107.
"""

from __future__ import annotations

from typing import Iterator

from rolebook.checks.language.languages import NAMES, READ, language_of, reads
from rolebook.checks.language.owners import OwnerContext, read_owner
from rolebook.checks.language.reading import impact_of, unverifiable  # English or German, by the text's language
from rolebook.checks.places import at, item_of, role_refs, team_at
from rolebook.checks.registry import rule
from rolebook.i18n import N_, Message
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook

PURPOSELESS = N_("activity `{id}` leads to no output or outcome: add `produces:` or `advances:`, or stop doing it")
ORPHAN_OUTPUT = N_("output `{id}` contributes to no outcome: add `contributes_to:` with the outcome it serves")
UNREACHED = N_("outcome `{id}` has no activity or output leading to it: add it to an activity's `advances:` or an "
               "output's `contributes_to:`")
COLLECTIVE = N_("outcome `{id}` is owned by `{owner}`, a collective ({reason}): name one person (or a role ref) who "
                "answers for it{hint}")
ROLE_HINT = N_(", e.g. the role `{ref}`")
IMPACT = N_("outcome `{id}` commits to {metric} ({words}), an impact the role does not control: commit to what you "
            "will deliver and move this sentence to `expectations:`")
UNVERIFIABLE = N_("outcome `{id}`: done_when names nothing anyone could check on the due date ({words} …): say what "
                  "will exist or have happened, an artefact, event, decision, count or place")
UNDATED = N_("outcome `{id}` has no `due:`: add a date (YYYY-MM-DD) or a quarter (YYYY-Qn)")
OVERBOOKED = N_("activity time shares add up to {total}%, over 100: lower some of them")
UNLOCATED = N_("output `{id}` has no `location:`: say where it lives (a URL or a path) so it survives the holder "
               "leaving")
NO_OUTCOMES = N_("active role `{ref}` owns no outcome: add at least one commitment under `outcomes:`, or mark the "
                 "role `status: draft`")
VACANT = N_("role `{ref}` is vacant: add `holders:` when someone takes it")
RETIRED_REF = N_("{field} `{ref}` is a retired role: point at the role that took over its work")
RETIRED_LEAD = N_("lead `{ref}` is a retired role: name the role that leads the team now")
# The metrics the impact rule names in its own words (the others are the role's words, quoted).
METRIC_WORDS = {"satisfaction": N_("satisfaction"), "adoption": N_("adoption"), "ranking": N_("ranking")}


def is_collective(owner: str, context: OwnerContext | None = None) -> bool:
    """True when `owner` names a collective rather than one person or role (see language.owners)."""
    return read_owner(owner, context).collective


@rule("RB101", per_role=True)
def purposeless_activities(handbook: Handbook) -> Iterator[Finding]:
    """RB101: an activity that produces nothing and advances nothing."""
    for entry in handbook.roles():
        for i, activity in enumerate(entry.role.activities):
            if not activity.produces and not activity.advances:
                yield at(entry, ("activities", i), "RB101", Message(PURPOSELESS, id=activity.id), activity.id)


@rule("RB102", per_role=True)
def orphan_outputs(handbook: Handbook) -> Iterator[Finding]:
    """RB102: an output that serves no outcome."""
    for entry in handbook.roles():
        for i, output in enumerate(entry.role.outputs):
            if not output.contributes_to:
                yield at(entry, ("outputs", i), "RB102", Message(ORPHAN_OUTPUT, id=output.id), output.id)


@rule("RB103")
def unreached_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB103: an outcome that no activity or output (of any role) leads to."""
    reached = handbook.graph.leads_to
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.status == "open" and (entry.ref, outcome.id) not in reached:
                yield at(entry, ("outcomes", i), "RB103", Message(UNREACHED, id=outcome.id), outcome.id)


_SEVERAL_OWNERS = N_(
    "outcome `{outcome}` is owned by `{owner}`, {count} people: one person answers for an outcome, so keep "
    "one of them (e.g. `{first}`) as `owner:` and move the others to `shared_with:`, each with the `part:` "
    "they own")


@rule("RB104")
def collective_owners(handbook: Handbook) -> Iterator[Finding]:
    """RB104: an outcome owned by "the team", "Legal", "CSMs"..., or by several people ("Tim and James")."""
    context = owner_context(handbook)
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            reading = read_owner(outcome.owner, context)
            if reading.several:
                yield at(entry, ("outcomes", i, "owner"), "RB104",
                          Message(_SEVERAL_OWNERS, outcome=outcome.id, owner=outcome.owner,
                                  count=max(2, len(reading.several)), first=reading.several[0]),
                          outcome.id)
            elif reading.collective:
                yield at(entry, ("outcomes", i, "owner"), "RB104",
                         Message(COLLECTIVE, id=outcome.id, owner=outcome.owner, reason=reading.reason,
                                 hint=_ref_hint(handbook, outcome.owner)), outcome.id)


def owner_context(handbook: Handbook) -> OwnerContext:
    """What RB104 needs to know about this handbook: its teams, role titles and refs, holders and people."""
    teams = set()
    for team_id, team in handbook.teams.items():
        teams.update({team_id.lower(), team_id.replace("-", " ").lower(), team.title.lower()})
    titles: dict[str, str] = {}
    roles, people = set(), set()
    for entry in handbook.roles():
        titles.setdefault(entry.role.title.strip().lower(), entry.ref)
        roles.update({entry.ref, entry.ref.split("/", 1)[-1]})
        people.update(h.name.strip().lower() for h in entry.role.holders if h.name)
    people.update(p.name.strip().lower() for p in handbook.people.values())
    people.update(handbook.people)  # an id names one person too
    return OwnerContext(teams=frozenset(teams), roles=frozenset(roles), role_titles=titles, people=frozenset(people))


def _ref_hint(handbook: Handbook, owner: str) -> Message | str:
    """ "(the role `product/product-manager`?)" when the owner is a role title in the plural or nearly."""
    import difflib
    titles = {entry.role.title.lower(): entry.ref for entry in handbook.roles()}
    low = owner.strip().lower()
    close = difflib.get_close_matches(low.rstrip("s"), list(titles), n=1, cutoff=0.85)
    return Message(ROLE_HINT, ref=titles[close[0]]) if close else ""


@rule("RB105", per_role=True)
def impact_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB105: an outcome that commits to a metric the role does not control."""
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            for field in ("title", "done_when"):
                if not reads(getattr(outcome, field)):
                    continue  # a language the rules do not read: RB122 says so once for the handbook
                found = impact_of(getattr(outcome, field))
                if found:
                    metric = Message(METRIC_WORDS[found.metric]) if found.metric in METRIC_WORDS else found.metric
                    yield at(entry, ("outcomes", i, field), "RB105",
                             Message(IMPACT, id=outcome.id, metric=metric, words=found.quote()), outcome.id)
                    break


@rule("RB112", per_role=True)
def unverifiable_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB112: an open outcome whose done_when names nothing anyone could check (RB105 speaks first)."""
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.status != "open" or not reads(outcome.done_when) or impact_of(outcome.done_when):
                continue
            vague = unverifiable(outcome.done_when)
            if vague:
                yield at(entry, ("outcomes", i, "done_when"), "RB112",
                         Message(UNVERIFIABLE, id=outcome.id, words=vague.quote()), outcome.id)


_UNREAD_LANGUAGE_ONE = N_(
    "an outcome text is written in a language the checker's language rules do not read ({languages}; "
    "outcome `{outcome}`): RB105 and RB112 stay silent on it, so check by hand that it commits to a delivery "
    "and names something checkable")
_UNREAD_LANGUAGE = N_(
    "{count} outcome texts are written in a language the checker's language rules do not read ({languages}; "
    "the first is outcome `{outcome}`): RB105 and RB112 stay silent on them, so check by hand that each commits "
    "to a delivery and names something checkable")


@rule("RB122")
def unread_languages(handbook: Handbook) -> Iterator[Finding]:
    """RB122: one note per handbook, at the first outcome whose text RB105 and RB112 cannot read."""
    first, count, languages = None, 0, []
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            for field in ("title", "done_when"):
                language = language_of(getattr(outcome, field))
                if language in READ:
                    continue
                count += 1
                if NAMES[language] not in languages:
                    languages.append(NAMES[language])
                if first is None:
                    first = (entry, ("outcomes", i, field), outcome.id)
    if first is not None:
        entry, path, outcome_id = first
        template = _UNREAD_LANGUAGE_ONE if count == 1 else _UNREAD_LANGUAGE
        yield at(entry, path, "RB122", Message(template, count=count, languages=", ".join(languages), outcome=outcome_id),
                 outcome_id)


@rule("RB106", per_role=True)
def undated_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB106: an open outcome without a due date (a standing one has its rhythm: `recurs:` dates it)."""
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.due is None and outcome.status == "open" and outcome.recurs is None:
                yield at(entry, ("outcomes", i), "RB106", Message(UNDATED, id=outcome.id), outcome.id)


@rule("RB107", per_role=True)
def overbooked_time(handbook: Handbook) -> Iterator[Finding]:
    """RB107: time shares adding up to more than a working week."""
    for entry in handbook.roles():
        total = sum(a.time_share or 0 for a in entry.role.activities)
        if total > 100:
            yield at(entry, ("activities",), "RB107", Message(OVERBOOKED, total=total))


@rule("RB108", per_role=True)
def unlocated_outputs(handbook: Handbook) -> Iterator[Finding]:
    """RB108: an output nobody could find if the holder left tomorrow."""
    for entry in handbook.roles():
        for i, output in enumerate(entry.role.outputs):
            if not output.location:
                yield at(entry, ("outputs", i), "RB108", Message(UNLOCATED, id=output.id), output.id)


@rule("RB109", per_role=True)
def roles_without_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB109: an active role that commits to nothing."""
    for entry in handbook.roles():
        if entry.role.status == "active" and not entry.role.outcomes:
            yield at(entry, (), "RB109", Message(NO_OUTCOMES, ref=entry.ref))


@rule("RB110", per_role=True)
def vacant_roles(handbook: Handbook) -> Iterator[Finding]:
    """RB110: a role with nobody in it (information)."""
    for entry in handbook.roles():
        if not entry.role.holders and entry.role.status != "retired":
            path = ("holders",) if ("holders",) in entry.doc.positions else ()
            yield at(entry, path, "RB110", Message(VACANT, ref=entry.ref))


@rule("RB111")
def retired_refs(handbook: Handbook) -> Iterator[Finding]:
    """RB111: pointing at a retired role."""
    for entry in handbook.roles():
        refs = list(role_refs(entry))
        for key, items, field in (("outputs", entry.role.outputs, "contributes_to"), ("activities", entry.role.activities, "advances")):
            for i, item in enumerate(items):
                for j, ref in enumerate(getattr(item, field)):
                    if "#" in ref:
                        refs.append(((key, i, field, j), handbook.item_ref(ref, entry)[0], field))
        for path, ref, label in refs:
            target = handbook.role(handbook.role_ref(ref, entry.team))
            if target is not None and target is not entry and target.role.status == "retired":
                yield at(entry, path, "RB111", Message(RETIRED_REF, field=label, ref=ref), item_of(entry, path))
    for team_id, team in handbook.teams.items():
        if team.meta and team.meta.lead:
            target = handbook.role(handbook.role_ref(team.meta.lead, team_id))
            if target is not None and target.role.status == "retired":
                yield team_at(handbook, team_id, "lead", "RB111", Message(RETIRED_LEAD, ref=team.meta.lead))
