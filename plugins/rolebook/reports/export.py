"""The handbook as JSON: the shape of `roles.json` and `rolebook export`.

Every field of every file appears, defaults filled in; role refs are written
out in full (`team/role`) so tools need no resolution rules. Teams and roles
are sorted by id and keys keep the model's order, so the file diffs cleanly.
"""

from __future__ import annotations

import json
from typing import Any, Callable

from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import roles_held
from rolebook.model.site_plan import Urls, onboarding_src, person_src, role_src, team_src

UrlFor = Callable[[str], str]


def role_url(ref: str) -> str:
    return Urls().url(role_src(ref))


def onboarding_url(ref: str) -> str:
    return Urls().url(onboarding_src(ref))


def team_url(team_id: str) -> str:
    return Urls().url(team_src(team_id))


def export(
    handbook: Handbook,
    *,
    role_url: UrlFor = role_url,
    onboarding_url: UrlFor = onboarding_url,
    team_url: UrlFor = team_url,
    person_url: UrlFor | None = None,
    emails: bool = False,
) -> dict[str, Any]:
    """`roles.json` as data: teams, roles and people (e-mail addresses only with `emails`, the site's
    `show_emails`; a person's `url` when the site has person pages)."""
    teams = []
    for team_id in sorted(handbook.teams):
        team = handbook.teams[team_id]
        lead = team.meta.lead if team.meta else None
        teams.append(
            {
                "id": team_id,
                "title": team.title,
                "summary": team.summary,
                "lead": handbook.role_ref(lead, team_id) if lead else None,
                "order": team.order,
                "url": team_url(team_id),
            }
        )
    roles = [role_entry(handbook, entry, role_url, onboarding_url) for entry in handbook.roles()]
    return {"teams": teams, "roles": roles, "people": people_entries(handbook, person_url, emails)}


def person_url(folder: str, person_id: str) -> str:
    return Urls().url(person_src(folder, person_id))


def people_entries(handbook: Handbook, url_for: UrlFor | None = None, emails: bool = False) -> list[dict[str, Any]]:
    """Each person by id: their fields, the roles they hold (full ref, share, since) and their page's URL."""
    if url_for is None:
        url_for = lambda pid: person_url(handbook.people_folder, pid)  # noqa: E731
    out = []
    for person_id in sorted(handbook.people):
        data = handbook.people[person_id].model_dump(mode="json")
        if not emails:
            data.pop("email")
        data["roles"] = [{"ref": e.ref, "share": h.share, "since": h.since} for e, h in roles_held(handbook, person_id)]
        data["url"] = url_for(person_id) if handbook.has_person_pages else None
        out.append(data)
    return out


def role_entry(handbook: Handbook, entry: RoleEntry, role_url: UrlFor = role_url, onboarding_url: UrlFor = onboarding_url) -> dict[str, Any]:
    data = entry.role.model_dump(mode="json")
    if data["reports_to"]:
        data["reports_to"] = handbook.role_ref(data["reports_to"], entry.team)
    for outcome in data["outcomes"]:
        for shared in outcome["shared_with"]:
            shared["role"] = handbook.role_ref(shared["role"], entry.team)
    for output in data["outputs"]:
        output["contributes_to"] = [_item(handbook, entry, r) for r in output["contributes_to"]]
    for activity in data["activities"]:
        activity["advances"] = [_item(handbook, entry, r) for r in activity["advances"]]
    for contact in data["onboarding"]["contacts"]:
        if contact["role"]:
            contact["role"] = handbook.role_ref(contact["role"], entry.team)
    for holder in data["holders"]:
        if holder["person"] is None and holder["name"] is not None:
            holder["person"] = _holder_id(handbook, entry, holder["name"])
    for cover in data["cover"]:
        if cover["role"]:
            cover["role"] = handbook.role_ref(cover["role"], entry.team)
    head = {
        "ref": entry.ref,
        "id": entry.id,
        "team": entry.team,
        "path": entry.path.relative_to(handbook.root).as_posix(),
    }
    return head | data | {"url": role_url(entry.ref), "onboarding_url": onboarding_url(entry.ref)}


def _holder_id(handbook: Handbook, entry: RoleEntry, name: str) -> str | None:
    """The person id a holder written by name stands for (so tools need no name matching)."""
    from rolebook.model.people import person_by_name

    person = person_by_name(handbook, name)
    return person.id if person is not None else None


def _item(handbook: Handbook, entry: RoleEntry, ref: str) -> str:
    """A plain id stays plain (same role); other refs are written in full."""
    role_ref, item = handbook.item_ref(ref, entry)
    return item if role_ref == entry.ref else f"{role_ref}#{item}"


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
