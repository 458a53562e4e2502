"""The handbook's structure holds together: RB003 ids, RB004 references, RB005 links, RB006 cycles.

These are the errors that make a handbook wrong rather than weak: an id used
twice, a reference that leads nowhere, a link with a dangerous scheme, a
reporting line that loops. (Loading reports the file-level ones: RB001, RB002,
RB003 for two roles with one id, RB116.)
"""

from __future__ import annotations

import re
from typing import Iterator

from rolebook.checks.places import at, item_of, role_refs, team_at
from rolebook.checks.registry import rule
from rolebook.i18n import N_, VALUE_LABELS, Message
from rolebook.model.findings import Finding
from rolebook.model.format import ITEM_LISTS
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.text.links import link_problems, location_problem

DUPLICATE_ID = N_("id `{id}` is already used by the {kind} `{id}`: give this item another id")
LEAD_NOT_A_ROLE = N_("lead `{ref}` is not a role: write `<role-id>` of this team or `<team>/<role-id>`")
NOT_A_ROLE = N_("{field} `{ref}` is not a role{hint}")
DID_YOU_MEAN_ROLE = N_(": did you mean `{ref}`?")
WRITE_A_ROLE_REF = N_(": write `<role-id>` in this team or `<team>/<role-id>`")
NOT_AN_OUTPUT = N_("activity `{id}` produces `{output}`, which is not an output of this role: add the output or fix the id")
OWNER_NOT_A_ROLE = N_("owner `{owner}` looks like a role ref but is not a role: name a person or fix the ref")
NOT_AN_OUTCOME_HERE = N_("{field} `{ref}` is not an outcome of this role: use an outcome id, or "
                         "`<role-id>#<outcome-id>` for another role's")
NOT_AN_OUTCOME_THERE = N_("{field} `{ref}` is not an outcome of `{role}`: use an outcome id, or "
                          "`<role-id>#<outcome-id>` for another role's")
BAD_LOCATION = N_("location `{location}` uses `{scheme}`: use an http(s) or mailto URL, or a relative path")
BAD_LINK = N_("link `{target}` uses `{scheme}`: only http(s), mailto and relative links are allowed")
REPORTING_CYCLE = N_("reports_to forms a cycle ({loop}): one of these roles must report outside the loop or to nobody")


@rule("RB003", per_role=True)
def duplicate_ids(handbook: Handbook) -> Iterator[Finding]:
    """RB003: an item id used twice in one role."""
    for entry in handbook.roles():
        seen: dict[str, str] = {}
        for key, kind in ITEM_LISTS.items():
            for i, item in enumerate(getattr(entry.role, key)):
                if item.id in seen:
                    yield at(entry, (key, i, "id"), "RB003",
                             Message(DUPLICATE_ID, id=item.id, kind=Message(VALUE_LABELS[seen[item.id]])), item.id)
                else:
                    seen[item.id] = kind


@rule("RB004")
def unresolved_refs(handbook: Handbook) -> Iterator[Finding]:
    """RB004: role, item and team references that lead nowhere."""
    for team_id, team in handbook.teams.items():
        if team.meta and team.meta.lead and handbook.role(handbook.role_ref(team.meta.lead, team_id)) is None:
            yield team_at(handbook, team_id, "lead", "RB004", Message(LEAD_NOT_A_ROLE, ref=team.meta.lead))
    for entry in handbook.roles():
        for path, ref, label in role_refs(entry):
            full = handbook.role_ref(ref, entry.team)
            if handbook.role(full) is None:
                hint = _suggest_role(handbook, full)
                yield at(entry, path, "RB004", Message(NOT_A_ROLE, field=label, ref=ref, hint=hint), item_of(entry, path))
        for i, activity in enumerate(entry.role.activities):
            outputs = entry.item_ids("output")
            for j, output_id in enumerate(activity.produces):
                if output_id not in outputs:
                    yield at(entry, ("activities", i, "produces", j), "RB004",
                             Message(NOT_AN_OUTPUT, id=activity.id, output=output_id), activity.id)
            for j, ref in enumerate(activity.advances):
                yield from _outcome_ref(handbook, entry, ref, ("activities", i, "advances", j), activity.id, "advances")
        for i, output in enumerate(entry.role.outputs):
            for j, ref in enumerate(output.contributes_to):
                yield from _outcome_ref(handbook, entry, ref, ("outputs", i, "contributes_to", j), output.id, "contributes_to")
        for i, outcome in enumerate(entry.role.outcomes):
            owner = outcome.owner.strip()
            if re.fullmatch(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*", owner) and handbook.role(owner) is None:
                yield at(entry, ("outcomes", i, "owner"), "RB004", Message(OWNER_NOT_A_ROLE, owner=owner), outcome.id)


def _outcome_ref(handbook, entry, ref, path, item_id, label) -> Iterator[Finding]:
    target, target_item = handbook.resolve_item(ref, entry, "outcome")
    if target is None:
        role_ref, _ = handbook.item_ref(ref, entry)
        message = (Message(NOT_AN_OUTCOME_HERE, field=label, ref=ref) if role_ref == entry.ref
                   else Message(NOT_AN_OUTCOME_THERE, field=label, ref=ref, role=role_ref))
        yield at(entry, path, "RB004", message, item_id)


def _suggest_role(handbook: Handbook, full: str) -> Message:
    import difflib
    refs = [r.ref for r in handbook.roles()]
    close = difflib.get_close_matches(full, refs, n=1)
    return Message(DID_YOU_MEAN_ROLE, ref=close[0]) if close else Message(WRITE_A_ROLE_REF)


@rule("RB005", per_role=True)
def bad_links(handbook: Handbook) -> Iterator[Finding]:
    """RB005: locations and Markdown links with a scheme other than http(s), mailto or relative."""
    for entry in handbook.roles():
        for i, output in enumerate(entry.role.outputs):
            if output.location:
                refused = location_problem(output.location)
                if refused:
                    yield at(entry, ("outputs", i, "location"), "RB005",
                             Message(BAD_LOCATION, location=output.location, scheme=refused), output.id)
        for path, text in _text_fields(entry):
            for target, refused in link_problems(text):
                yield at(entry, path, "RB005", Message(BAD_LINK, target=target, scheme=refused), item_of(entry, path))


def _text_fields(entry: RoleEntry) -> Iterator[tuple[tuple, str]]:
    role = entry.role
    for key in ("summary", "purpose"):
        value = getattr(role, key)
        if value:
            yield (key,), value
    for i, outcome in enumerate(role.outcomes):
        yield ("outcomes", i, "title"), outcome.title
        yield ("outcomes", i, "done_when"), outcome.done_when
        if outcome.notes:
            yield ("outcomes", i, "notes"), outcome.notes
        for j, text in enumerate(outcome.expectations):
            yield ("outcomes", i, "expectations", j), text
        for j, shared in enumerate(outcome.shared_with):
            yield ("outcomes", i, "shared_with", j, "part"), shared.part
    for key, items in (("outputs", role.outputs), ("activities", role.activities)):
        for i, item in enumerate(items):
            yield (key, i, "title"), item.title
            if item.notes:
                yield (key, i, "notes"), item.notes
    for j, text in enumerate(role.decision_rights):
        yield ("decision_rights", j), text


@rule("RB006")
def reporting_cycles(handbook: Handbook) -> Iterator[Finding]:
    """RB006: following reports_to from a role comes back to it."""
    manager = {
        entry.ref: handbook.role_ref(entry.role.reports_to, entry.team)
        for entry in handbook.roles() if entry.role.reports_to
    }
    reported: set[frozenset] = set()
    for start in sorted(manager):
        chain, node = [start], manager.get(start)
        while node is not None and node not in chain:
            chain.append(node)
            node = manager.get(node)
        if node != start:
            continue
        cycle = frozenset(chain)
        if cycle in reported:
            continue
        reported.add(cycle)
        entry = handbook.role(start)
        loop = " → ".join(chain + [start])
        yield at(entry, ("reports_to",), "RB006", Message(REPORTING_CYCLE, loop=loop))
