"""The checker: RB003..RB111 over a loaded handbook.

RB001/RB002 come from loading. Each rule is a small function over the
handbook that yields findings pointing at the offending key or item; the
result is filtered through the site's severities and the roles' `ignore:`.

Most rules read one role file at a time. Under `serve --dirty` a save changes
one file, so a `RoleFindings` kept between builds lets those rules run on the
changed roles only (the cross-file rules still see the whole handbook): the
same findings, without reading 1,000 unchanged roles again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator, Mapping

from rolebook.checks import living
from rolebook.checks.language.impact import impact_of
from rolebook.checks.language.owners import OwnerContext, read_owner
from rolebook.checks.language.verifiable import unverifiable
from rolebook.checks.placeholders import role_placeholder_text, team_placeholder_text
from rolebook.model.findings import Finding, apply_severities, severity_table
from rolebook.model.format import ITEM_LISTS
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.review_rhythm import Timing
from rolebook.text.links import link_problems, location_problem


def check(handbook: Handbook, rules: Mapping[str, object] | None = None, *,
          timing: Timing | None = None, memo: RoleFindings | None = None) -> list[Finding]:
    """All findings for the handbook, with site severities applied and ignores honoured.

    The rules that depend on the date (RB113, RB114, `reviewed:` in the future)
    run only with a `timing` (build date, review policy, git dates): the clock
    and git are side effects, so the CLI and the build read them and pass them in.
    With a `memo` (kept from the last check), the one-role rules run only on the
    roles whose file changed since; the findings are the same.
    """
    table = severity_table(rules)
    raw = list(handbook.findings)
    per_role = memo.update(handbook) if memo is not None else None
    for rule in _RULES:
        if per_role is not None and rule in _PER_ROLE:
            raw.extend(f for found in per_role for f in found.get(rule, ()))
        else:
            raw.extend(rule(handbook))
    raw.extend(living.reviewed_findings(handbook, timing.today if timing else None))
    if timing is not None:
        raw.extend(living.findings(handbook, timing))
    ignored: dict[tuple[str | None, str | None], frozenset[str]] = {}
    for entry in handbook.roles():
        ignored[(entry.ref, None)] = frozenset(entry.role.ignore)
        for _, item in entry.role.items():
            if item.ignore:
                ignored[(entry.ref, item.id)] = frozenset(item.ignore)
    return apply_severities(raw, table, ignored)


def is_collective(owner: str, context: OwnerContext | None = None) -> bool:
    """True when `owner` names a collective rather than one person or role (see language.owners)."""
    return read_owner(owner, context).collective


# -- helpers -----------------------------------------------------------------


def _at(entry: RoleEntry, path: tuple, code: str, message: str, item: str | None = None) -> Finding:
    line, column = entry.doc.position(path)
    return Finding(str(entry.path), line, column, code, message, role=entry.ref, item=item)


def _team_at(handbook: Handbook, team_id: str, key: str, code: str, message: str) -> Finding:
    team = handbook.teams[team_id]
    line, column = team.meta_doc.position((key,)) if team.meta_doc else (1, 1)
    return Finding(str(team.meta_path or team.path), line, column, code, message)


def _role_refs(entry: RoleEntry) -> Iterator[tuple[tuple, str, str]]:
    """(path, written ref, field label) for every role ref in a role file."""
    role = entry.role
    if role.reports_to:
        yield ("reports_to",), role.reports_to, "reports_to"
    for i, outcome in enumerate(role.outcomes):
        for j, shared in enumerate(outcome.shared_with):
            yield ("outcomes", i, "shared_with", j, "role"), shared.role, "shared_with"
    for i, contact in enumerate(role.onboarding.contacts):
        yield ("onboarding", "contacts", i, "role"), contact.role, "onboarding contact"


# -- rules -------------------------------------------------------------------


def duplicate_ids(handbook: Handbook) -> Iterator[Finding]:
    """RB003: an item id used twice in one role."""
    for entry in handbook.roles():
        seen: dict[str, str] = {}
        for key, kind in ITEM_LISTS.items():
            for i, item in enumerate(getattr(entry.role, key)):
                if item.id in seen:
                    yield _at(entry, (key, i, "id"), "RB003",
                              f"id `{item.id}` is already used by the {seen[item.id]} `{item.id}`: "
                              "give this item another id", item.id)
                else:
                    seen[item.id] = kind


def unresolved_refs(handbook: Handbook) -> Iterator[Finding]:
    """RB004: role, item and team references that lead nowhere."""
    for team_id, team in handbook.teams.items():
        if team.meta and team.meta.lead and handbook.role(handbook.role_ref(team.meta.lead, team_id)) is None:
            yield _team_at(handbook, team_id, "lead", "RB004",
                           f"lead `{team.meta.lead}` is not a role: write `<role-id>` of this team or `<team>/<role-id>`")
    for entry in handbook.roles():
        for path, ref, label in _role_refs(entry):
            full = handbook.role_ref(ref, entry.team)
            if handbook.role(full) is None:
                hint = _suggest_role(handbook, full)
                yield _at(entry, path, "RB004", f"{label} `{ref}` is not a role{hint}", _item_of(entry, path))
        for i, activity in enumerate(entry.role.activities):
            outputs = entry.item_ids("output")
            for j, output_id in enumerate(activity.produces):
                if output_id not in outputs:
                    yield _at(entry, ("activities", i, "produces", j), "RB004",
                              f"activity `{activity.id}` produces `{output_id}`, which is not an output of this role: "
                              "add the output or fix the id", activity.id)
            for j, ref in enumerate(activity.advances):
                yield from _outcome_ref(handbook, entry, ref, ("activities", i, "advances", j), activity.id, "advances")
        for i, output in enumerate(entry.role.outputs):
            for j, ref in enumerate(output.contributes_to):
                yield from _outcome_ref(handbook, entry, ref, ("outputs", i, "contributes_to", j), output.id, "contributes_to")
        for i, outcome in enumerate(entry.role.outcomes):
            owner = outcome.owner.strip()
            if re.fullmatch(r"[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*", owner) and handbook.role(owner) is None:
                yield _at(entry, ("outcomes", i, "owner"), "RB004",
                          f"owner `{owner}` looks like a role ref but is not a role: name a person or fix the ref", outcome.id)


def _outcome_ref(handbook, entry, ref, path, item_id, label) -> Iterator[Finding]:
    target, target_item = handbook.resolve_item(ref, entry, "outcome")
    if target is None:
        role_ref, _ = handbook.item_ref(ref, entry)
        where = "this role" if role_ref == entry.ref else f"`{role_ref}`"
        yield _at(entry, path, "RB004", f"{label} `{ref}` is not an outcome of {where}: "
                  "use an outcome id, or `<role-id>#<outcome-id>` for another role's", item_id)


def _suggest_role(handbook: Handbook, full: str) -> str:
    import difflib
    refs = [r.ref for r in handbook.roles()]
    close = difflib.get_close_matches(full, refs, n=1)
    return f": did you mean `{close[0]}`?" if close else ": write `<role-id>` in this team or `<team>/<role-id>`"


def _item_of(entry: RoleEntry, path: tuple) -> str | None:
    if len(path) >= 2 and path[0] in ITEM_LISTS:
        return getattr(getattr(entry.role, path[0])[path[1]], "id", None)
    return None


def bad_links(handbook: Handbook) -> Iterator[Finding]:
    """RB005: locations and Markdown links with a scheme other than http(s), mailto or relative."""
    for entry in handbook.roles():
        for i, output in enumerate(entry.role.outputs):
            if output.location:
                problem = location_problem(output.location)
                if problem:
                    yield _at(entry, ("outputs", i, "location"), "RB005", problem, output.id)
        for path, text in _text_fields(entry):
            for problem in link_problems(text):
                yield _at(entry, path, "RB005", problem, _item_of(entry, path))


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
        yield _at(entry, ("reports_to",), "RB006", f"reports_to forms a cycle ({loop}): one of these roles must report "
                  "outside the loop or to nobody")


def purposeless_activities(handbook: Handbook) -> Iterator[Finding]:
    """RB101: an activity that produces nothing and advances nothing."""
    for entry in handbook.roles():
        for i, activity in enumerate(entry.role.activities):
            if not activity.produces and not activity.advances:
                yield _at(entry, ("activities", i), "RB101",
                          f"activity `{activity.id}` leads to no output or outcome: add `produces:` or `advances:`, "
                          "or stop doing it", activity.id)


def orphan_outputs(handbook: Handbook) -> Iterator[Finding]:
    """RB102: an output that serves no outcome."""
    for entry in handbook.roles():
        for i, output in enumerate(entry.role.outputs):
            if not output.contributes_to:
                yield _at(entry, ("outputs", i), "RB102",
                          f"output `{output.id}` contributes to no outcome: add `contributes_to:` with the outcome it serves",
                          output.id)


def unreached_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB103: an outcome that no activity or output (of any role) leads to."""
    reached = handbook.graph.leads_to
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.status == "open" and (entry.ref, outcome.id) not in reached:
                yield _at(entry, ("outcomes", i), "RB103",
                          f"outcome `{outcome.id}` has no activity or output leading to it: add it to an activity's "
                          "`advances:` or an output's `contributes_to:`", outcome.id)


def collective_owners(handbook: Handbook) -> Iterator[Finding]:
    """RB104: an outcome owned by "the team", "Legal", "Tim and James", "CSMs"..."""
    context = owner_context(handbook)
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            reading = read_owner(outcome.owner, context)
            if reading.collective:
                yield _at(entry, ("outcomes", i, "owner"), "RB104",
                          f"outcome `{outcome.id}` is owned by `{outcome.owner}`, a collective ({reading.reason}): "
                          f"name one person (or a role ref) who answers for it{_ref_hint(handbook, outcome.owner)}",
                          outcome.id)


def owner_context(handbook: Handbook) -> OwnerContext:
    """What RB104 needs to know about this handbook: its teams, role titles and refs, holders."""
    teams = set()
    for team_id, team in handbook.teams.items():
        teams.update({team_id.lower(), team_id.replace("-", " ").lower(), team.title.lower()})
    titles: dict[str, str] = {}
    roles, people = set(), set()
    for entry in handbook.roles():
        titles.setdefault(entry.role.title.strip().lower(), entry.ref)
        roles.update({entry.ref, entry.ref.split("/", 1)[-1]})
        people.update(h.name.strip().lower() for h in entry.role.holders)
    return OwnerContext(teams=frozenset(teams), roles=frozenset(roles), role_titles=titles, people=frozenset(people))


def _ref_hint(handbook: Handbook, owner: str) -> str:
    """ "(the role `product/product-manager`?)" when the owner is a role title in the plural or nearly."""
    import difflib
    titles = {entry.role.title.lower(): entry.ref for entry in handbook.roles()}
    low = owner.strip().lower()
    close = difflib.get_close_matches(low.rstrip("s"), list(titles), n=1, cutoff=0.85)
    return f", e.g. the role `{titles[close[0]]}`" if close else ""


def impact_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB105: an outcome that commits to a metric the role does not control."""
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            for field in ("title", "done_when"):
                found = impact_of(getattr(outcome, field))
                if found:
                    yield _at(entry, ("outcomes", i, field), "RB105",
                              f"outcome `{outcome.id}` commits to {found.metric} ({found.quote()}), an impact the role "
                              f"does not control: commit to what you will deliver and move this sentence to `expectations:`",
                              outcome.id)
                    break


def unverifiable_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB112: an open outcome whose done_when names nothing anyone could check (RB105 speaks first)."""
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.status != "open" or impact_of(outcome.done_when):
                continue
            vague = unverifiable(outcome.done_when)
            if vague:
                yield _at(entry, ("outcomes", i, "done_when"), "RB112",
                          f"outcome `{outcome.id}`: done_when names nothing anyone could check on the due date "
                          f"({vague.quote()} …): say what will exist or have happened, an artefact, event, decision, "
                          "count or place", outcome.id)


def undated_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB106: an open outcome without a due date."""
    for entry in handbook.roles():
        for i, outcome in enumerate(entry.role.outcomes):
            if outcome.due is None and outcome.status == "open":
                yield _at(entry, ("outcomes", i), "RB106",
                          f"outcome `{outcome.id}` has no `due:`: add a date (YYYY-MM-DD) or a quarter (YYYY-Qn)",
                          outcome.id)


def overbooked_time(handbook: Handbook) -> Iterator[Finding]:
    """RB107: time shares adding up to more than a working week."""
    for entry in handbook.roles():
        total = sum(a.time_share or 0 for a in entry.role.activities)
        if total > 100:
            yield _at(entry, ("activities",), "RB107",
                      f"activity time shares add up to {total:g}%, over 100: lower some of them")


def unlocated_outputs(handbook: Handbook) -> Iterator[Finding]:
    """RB108: an output nobody could find if the holder left tomorrow."""
    for entry in handbook.roles():
        for i, output in enumerate(entry.role.outputs):
            if not output.location:
                yield _at(entry, ("outputs", i), "RB108",
                          f"output `{output.id}` has no `location:`: say where it lives (a URL or a path) so it "
                          "survives the holder leaving", output.id)


def roles_without_outcomes(handbook: Handbook) -> Iterator[Finding]:
    """RB109: an active role that commits to nothing."""
    for entry in handbook.roles():
        if entry.role.status == "active" and not entry.role.outcomes:
            yield _at(entry, (), "RB109", f"active role `{entry.ref}` owns no outcome: add at least one commitment under "
                      "`outcomes:`, or mark the role `status: draft`")


def vacant_roles(handbook: Handbook) -> Iterator[Finding]:
    """RB110: a role with nobody in it (information)."""
    for entry in handbook.roles():
        if not entry.role.holders and entry.role.status != "retired":
            path = ("holders",) if ("holders",) in entry.doc.positions else ()
            yield _at(entry, path, "RB110", f"role `{entry.ref}` is vacant: add `holders:` when someone takes it")


def retired_refs(handbook: Handbook) -> Iterator[Finding]:
    """RB111: pointing at a retired role."""
    for entry in handbook.roles():
        refs = list(_role_refs(entry))
        for key, items, field in (("outputs", entry.role.outputs, "contributes_to"), ("activities", entry.role.activities, "advances")):
            for i, item in enumerate(items):
                for j, ref in enumerate(getattr(item, field)):
                    if "#" in ref:
                        refs.append(((key, i, field, j), handbook.item_ref(ref, entry)[0], field))
        for path, ref, label in refs:
            target = handbook.role(handbook.role_ref(ref, entry.team))
            if target is not None and target is not entry and target.role.status == "retired":
                yield _at(entry, path, "RB111", f"{label} `{ref}` is a retired role: point at the role that took "
                          "over its work", _item_of(entry, path))
    for team_id, team in handbook.teams.items():
        if team.meta and team.meta.lead:
            target = handbook.role(handbook.role_ref(team.meta.lead, team_id))
            if target is not None and target.role.status == "retired":
                yield _team_at(handbook, team_id, "lead", "RB111",
                               f"lead `{team.meta.lead}` is a retired role: name the role that leads the team now")


_RULES = (
    duplicate_ids, unresolved_refs, bad_links, reporting_cycles, purposeless_activities, orphan_outputs,
    unreached_outcomes, collective_owners, impact_outcomes, unverifiable_outcomes, undated_outcomes, overbooked_time,
    unlocated_outputs, roles_without_outcomes, vacant_roles, retired_refs, team_placeholder_text, role_placeholder_text,
)
# The rules whose findings on a role come from that role's entry alone (its model, parsed document and
# path), each finding naming the role: a role whose entry is unchanged has the same findings.
_PER_ROLE = frozenset({
    duplicate_ids, bad_links, purposeless_activities, orphan_outputs, impact_outcomes, unverifiable_outcomes,
    undated_outcomes, overbooked_time, unlocated_outputs, roles_without_outcomes, vacant_roles, role_placeholder_text,
})


class RoleFindings:
    """The one-role rules' findings of each role, kept from one check to the next (see `check`'s `memo`).

    A role counts as unchanged when its entry has the very model and parsed
    document of the last check (the loader's parse memo hands back the same
    objects for a file whose bytes did not change) and the same path.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[object, object, object, dict]] = {}  # ref -> (role, doc, path, rule -> findings)

    def update(self, handbook: Handbook) -> list[dict]:
        """Each role's findings (rule -> list), in `handbook.roles()` order, running the rules on changed roles."""
        entries = list(handbook.roles())
        changed = [e for e in entries if not self._same(e)]
        if changed:
            found: dict[str, dict] = {e.ref: {} for e in changed}
            part = handbook if len(changed) == len(entries) else _only(handbook, changed)
            for rule in _PER_ROLE:
                for finding in rule(part):
                    found[finding.role].setdefault(rule, []).append(finding)
            for e in changed:
                self._known[e.ref] = (e.role, e.doc, e.path, found[e.ref])
        if len(self._known) > len(entries):
            refs = {e.ref for e in entries}
            self._known = {ref: known for ref, known in self._known.items() if ref in refs}
        return [self._known[e.ref][3] for e in entries]

    def _same(self, entry: RoleEntry) -> bool:
        known = self._known.get(entry.ref)
        return known is not None and known[0] is entry.role and known[1] is entry.doc and known[2] == entry.path


def _only(handbook: Handbook, entries: list[RoleEntry]) -> Handbook:
    """A handbook holding just these roles (in their teams), for the one-role rules."""
    teams = {}
    for entry in entries:
        team = teams.get(entry.team)
        if team is None:
            team = teams[entry.team] = replace(handbook.teams[entry.team], roles={})
        team.roles[entry.id] = entry
    return Handbook(handbook.root, teams=teams)
