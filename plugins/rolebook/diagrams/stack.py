"""Team and organisation charts as stacked, linked lists, for a narrow screen. Pure functions.

The same graph the chart draws (roles, who reports to whom, teams), as nested lists a
phone shows instead of a picture it could only scroll sideways (the stylesheet chooses,
by width, without a script). Every role's words are text, escaped once by `fragment`;
hrefs come from the same link functions as the chart's nodes (built from slugs).
"""

from __future__ import annotations

import html

from markupsafe import Markup

from rolebook.i18n import _, ngettext
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import holder_label
from rolebook.text.fragments import fragment, join


def _href(url: str) -> Markup:
    return Markup(html.escape(url, quote=True))


def _manager(handbook: Handbook, entry: RoleEntry) -> RoleEntry | None:
    ref = entry.role.reports_to
    return handbook.role(handbook.role_ref(ref, entry.team)) if ref else None


def _lead(handbook: Handbook, team_id: str) -> str | None:
    team = handbook.teams[team_id]
    return handbook.role_ref(team.meta.lead, team_id) if team.meta and team.meta.lead else None


def _who(handbook: Handbook, entry: RoleEntry) -> Markup:
    """Who holds the role, or that nobody does."""
    if entry.role.holders:
        names = ", ".join(holder_label(handbook, h) for h in entry.role.holders)
        return fragment('<span class="rolebook-stack__who">{names}</span>', names=names)
    if entry.role.status == "retired":
        return fragment('<span class="rolebook-stack__who rolebook-muted">{word}</span>', word=_("retired"))
    return fragment('<span class="rolebook-badge rolebook-badge--vacant">{word}</span>', word=_("vacant"))


def _tree(handbook: Handbook, team_id: str, members: list[RoleEntry], href_to_role) -> Markup:
    """The team's roles by reporting line: the lead first, then the other roles no one in the
    team manages, each with the roles that report to it nested under it."""
    refs = {e.ref for e in members}
    reports: dict[str, list[RoleEntry]] = {}
    roots: list[RoleEntry] = []
    for entry in members:
        manager = _manager(handbook, entry)
        if manager is not None and manager.ref in refs and manager.ref != entry.ref:
            reports.setdefault(manager.ref, []).append(entry)
        else:
            roots.append(entry)
    lead = _lead(handbook, team_id)
    order = lambda e: (e.ref != lead, e.role.status == "retired", e.role.title.lower(), e.id)  # noqa: E731
    roots.sort(key=order)
    for group in reports.values():
        group.sort(key=order)
    shown: set[str] = set()

    def item(entry: RoleEntry, top: bool) -> Markup:
        shown.add(entry.ref)
        manager = _manager(handbook, entry)
        outside = ""
        if top and manager is not None and manager.ref not in refs:
            outside = fragment('<span class="rolebook-muted">, {reports} <a href="{href}">{title}</a> ({team})</span>',
                               reports=_("reports to"), href=_href(href_to_role(manager.ref, None)),
                               title=manager.role.title, team=handbook.teams[manager.team].title)
        role_tag = (fragment(' <span class="rolebook-muted">({word})</span>', word=_("team lead"))
                    if entry.ref == lead else "")
        children = [item(e, False) for e in reports.get(entry.ref, []) if e.ref not in shown]
        below = fragment("<ul>{rows}</ul>", rows=join(children)) if children else ""
        return fragment('<li><a href="{href}">{title}</a>{tag}: {who}{outside}{below}</li>',
                        href=_href(href_to_role(entry.ref, None)), title=entry.role.title, tag=role_tag,
                        who=_who(handbook, entry), outside=outside, below=below)

    rows = [item(e, True) for e in roots]
    # A reporting cycle (RB006) has no root: its roles still appear, each at the top.
    rows += [item(e, True) for e in sorted(members, key=order) if e.ref not in shown]
    return fragment('<ul class="rolebook-stack__roles">{rows}</ul>', rows=join(rows))


def team_stack(handbook: Handbook, team_id: str, href_to_role) -> str:
    """A team chart as a list: its lead, then its roles by reporting line, each with who holds it."""
    team = handbook.teams[team_id]
    members = sorted(team.roles.values(), key=lambda e: e.id)
    if not members:
        return ""
    heading = fragment('<p class="rolebook-stack__title">{text}</p>',
                       text=_("Each role, under the role it reports to:"))
    return str(fragment('<div class="rolebook-diagram-stack rolebook-diagram-stack--team">{heading}{tree}</div>',
                        heading=heading, tree=_tree(handbook, team_id, members, href_to_role)))


def org_stack(handbook: Handbook, roles: list[RoleEntry], href_to_role, href_to_team, with_roles: bool) -> str:
    """The organisation chart as a list: each team (a link to its page) with its lead, and either its
    roles by reporting line (`with_roles`) or how many it has (a large handbook: the team page lists them)."""
    cards = []
    for team in handbook.teams_in_order():
        members = sorted((r for r in roles if r.team == team.id), key=lambda e: e.id)
        count = ngettext("{n} role", "{n} roles", len(members)).format(n=len(members))
        lead = handbook.role(_lead(handbook, team.id) or "")
        led = fragment('<p class="rolebook-muted">{led} <a href="{href}">{title}</a>: {who}</p>', led=_("Led by"),
                       href=_href(href_to_role(lead.ref, None)), title=lead.role.title,
                       who=_who(handbook, lead)) if lead is not None and not with_roles else ""
        body = _tree(handbook, team.id, members, href_to_role) if with_roles and members else ""
        cards.append(fragment('<li class="rolebook-stack__team"><p><a href="{href}">{title}</a> '
                              '<span class="rolebook-stack__state">{count}</span></p>{led}{body}</li>',
                              href=_href(href_to_team(team.id)), title=team.title, count=count, led=led, body=body))
    if not cards:
        return ""
    heading = fragment('<p class="rolebook-stack__title">{text}</p>', text=_(
        "Each team, and its roles under the role they report to:") if with_roles else _("Each team, and who leads it:"))
    return str(fragment('<div class="rolebook-diagram-stack rolebook-diagram-stack--org">'
                        '{heading}<ol>{cards}</ol></div>', heading=heading, cards=join(cards)))
