"""Diagrams as DOT, built with the `graphviz` package from the model. Pure functions.

Role text reaches DOT only as `label` and `tooltip`, through `graphviz.escape`
(so backslashes and `<...>` lose their meaning) and the package's quoting.
Node names, ids, classes and hrefs are generated from slugs: no role text in
an attribute Graphviz acts on. Colours are not set here: the SVG carries
classes and the site's CSS colours it from the palette.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import textwrap
from dataclasses import dataclass

import graphviz
from markupsafe import Markup

from rolebook.diagrams.stack import org_stack, team_stack
from rolebook.i18n import N_, _, active, ngettext, value
from rolebook.model.format import CATEGORY_LABELS, RECURS_LABELS, due_end
from rolebook.model.handbook import Handbook, RoleEntry
from rolebook.model.people import holder_label
from rolebook.model.rules import ACTIVITY_WITHOUT_PURPOSE, OUTCOME_NOT_LED_TO, OUTPUT_WITHOUT_OUTCOME
from rolebook.text import html as safe_text
from rolebook.text.fragments import fragment, join

FONT = "Helvetica"
# Past this many roles the organisation chart shows teams instead of roles.
MAX_ROLES_IN_OVERVIEW = 120
# Past this many roles a team page has no chart (its text would be too small or its picture
# many screens wide); its roles table is grouped by manager instead.
MAX_ROLES_IN_TEAM_CHART = 60


@dataclass(frozen=True)
class Diagram:
    key: str  # unique in the build; prefixes every SVG id
    title: str  # accessible name
    description: str  # text alternative: what the picture shows
    dot: str
    owner: str  # what a failure should name: a role ref, a team id, "overview"
    facts: tuple[str, ...] = ()  # what the arrows say, as sentences: the picture as text
    narrow: str = ""  # HTML: the same graph as a stacked list, which a narrow screen shows instead (CSS)
    # node id -> the link's accessible name, where the drawn lines alone would run together
    # ("Engineering Manager, API Platform Marcus Oyelaran"); other nodes are named by their lines.
    names: tuple[tuple[str, str], ...] = ()


def _label(text: str, width: int = 28, extra: str = "") -> str:
    """Text wrapped to at most three lines (and `extra` as a line of its own), escaped once for DOT."""
    lines = textwrap.wrap(" ".join(text.split()), width=width, max_lines=3, placeholder="…") or [""]
    return graphviz.escape("\n".join(lines + ([" ".join(extra.split())] if extra else [])))


def outcome_state(outcome) -> str:
    """What an outcome node says under its title: when it is due and how it stands ("due 2026-12-18 · open");
    a standing one its rhythm ("(every month)")."""
    if outcome.recurs:
        return _("({rhythm})").format(rhythm=_(RECURS_LABELS[outcome.recurs]))
    due = active().date(outcome.due) if outcome.due else _("no date")
    return _("due {date} · {status}").format(date=due, status=value(outcome.status))


def _tip(text: str) -> str:
    return graphviz.escape(" ".join(text.split())[:300])


def _prefix(key: str) -> str:
    return "rb-" + re.sub(r"[^a-z0-9-]+", "-", key.lower())


def _digraph(key: str, rankdir: str = "LR") -> graphviz.Digraph:
    g = graphviz.Digraph(name=_prefix(key))
    g.attr(rankdir=rankdir, id=_prefix(key), bgcolor="transparent", fontname=FONT, nodesep="0.25", ranksep="0.5")
    g.attr("node", fontname=FONT, fontsize="11", shape="box", style="rounded", margin="0.12,0.06")
    g.attr("edge", fontname=FONT, fontsize="11", arrowsize="0.7")  # 11 pt: 12 CSS px at the smallest scale
    return g


def role_diagram(handbook: Handbook, entry: RoleEntry, href_to_role) -> Diagram:
    """Activities → outputs → outcomes of one role, with the roles and outcomes it touches.

    `href_to_role(ref, anchor)` gives the site-relative link to another role's page.
    """
    role = entry.role
    key = f"role-{entry.ref}"
    pre = _prefix(key)
    g = _digraph(key)
    reached = handbook.graph.leads_to
    edges: list[tuple[str, str, dict]] = []
    external: dict[tuple, str] = {}
    labels: dict[str, str] = {}  # node name -> what it says, for the facts
    facts: list[str] = []

    def node_id(kind: str, item_id: str) -> str:
        return f"{pre}-{kind}-{item_id}"

    def ext_outcome(role_ref: str, item_id: str) -> str:
        key_ = ("outcome", role_ref, item_id)
        if key_ not in external:
            name = f"{pre}-x{len(external)}"
            target = handbook.role(role_ref)
            item = next((o for o in target.role.outcomes if o.id == item_id), None) if target else None
            label = f"{item.title if item else item_id}\n({target.role.title if target else role_ref})"
            g.node(name, label=_label(label, 30), tooltip=_tip(_("Outcome of {role}").format(role=target.role.title if target else role_ref)),
                   href=href_to_role(role_ref, f"outcome-{item_id}"), id=name, shape="ellipse", style="dashed",
                   **{"class": "rb-external rb-outcome"})
            external[key_] = name
            labels[name] = f"{item.title if item else item_id} ({target.role.title if target else role_ref})"
        return external[key_]

    def ext_role(role_ref: str) -> str:
        key_ = ("role", role_ref)
        if key_ not in external:
            name = f"{pre}-x{len(external)}"
            target = handbook.role(role_ref)
            g.node(name, label=_label(target.role.title if target else role_ref), tooltip=_tip(_("Shares this outcome")),
                   href=href_to_role(role_ref, None), id=name, shape="box", style="dashed,rounded",
                   **{"class": "rb-external rb-role"})
            external[key_] = name
            labels[name] = target.role.title if target else role_ref
        return external[key_]

    # Shapes and classes are subgraph defaults; a node carries only what is its own.
    # (Each attribute goes through the package's quoting: this keeps a warm build cheap.)
    problem_style = {"rb-activity": "rounded,dashed", "rb-output": "dashed", "rb-outcome": "dashed"}

    def item_node(s, kind: str, css: str, item, tooltip: str, problem: bool, state: str = "", **extra) -> None:
        attrs = {"id": node_id(kind, item.id), "href": f"#{kind}-{item.id}", **extra}
        if problem:
            attrs["style"] = problem_style[css]
            attrs["class"] = f"{extra.get('class', css)} rb-problem"
        s.node(node_id(kind, item.id), label=_label(item.title, extra=state), tooltip=_tip(tooltip), **attrs)
        labels[node_id(kind, item.id)] = item.title

    with g.subgraph(name=f"{pre}-activities") as s:
        s.attr(rank="same")
        s.attr("node", style="rounded", **{"class": "rb-activity"})
        for a in role.activities:
            share = f", {active().percent(a.time_share)}" if a.time_share is not None else ""
            tip = _("Activity: {category}, {cadence}").format(category=_(CATEGORY_LABELS[a.category]), cadence=value(a.cadence))
            item_node(s, "activity", "rb-activity", a, tip + share,
                      not a.produces and not a.advances and not role.silences(ACTIVITY_WITHOUT_PURPOSE, a))
    with g.subgraph(name=f"{pre}-outputs") as s:
        s.attr(rank="same")
        s.attr("node", shape="note", style="solid", **{"class": "rb-output"})
        for o in role.outputs:
            item_node(s, "output", "rb-output", o, _("Output ({kind}): {location}").format(
                kind=value(o.kind), location=o.location or _("location not recorded")),
                      not o.contributes_to and not role.silences(OUTPUT_WITHOUT_OUTCOME, o))
    with g.subgraph(name=f"{pre}-outcomes") as s:
        s.attr(rank="same")
        s.attr("node", shape="ellipse", style="solid", **{"class": "rb-outcome"})
        for o in role.outcomes:
            due = _(", due {date}").format(date=active().date(o.due)) if o.due and not o.recurs else ""
            rhythm = _(RECURS_LABELS[o.recurs]) if o.recurs else None
            if rhythm:
                due = _(", {rhythm}").format(rhythm=rhythm)
            if o.done_on:
                done = _(", last met {date}") if o.recurs else _(", done on {date}")
                due += done.format(date=active().date(o.done_on))
            extra = {"class": f"rb-outcome rb-status-{o.status}"} if o.status != "open" else {}
            tip = _("Outcome ({status}{due}): {done_when}").format(status=value(o.status), due=due, done_when=o.done_when)
            item_node(s, "outcome", "rb-outcome", o, tip,
                      o.status == "open" and (entry.ref, o.id) not in reached and not role.silences(OUTCOME_NOT_LED_TO, o),
                      state=outcome_state(o), **extra)

    outcome_ids = {o.id for o in role.outcomes}
    output_ids = {o.id for o in role.outputs}

    def outcome_target(ref: str) -> str | None:
        role_ref, item_id = handbook.item_ref(ref, entry)
        if role_ref == entry.ref:
            return node_id("outcome", item_id) if item_id in outcome_ids else None
        target, _item = handbook.resolve_item(ref, entry, "outcome")
        return ext_outcome(role_ref, item_id) if target else None

    for a in role.activities:
        for output_id in a.produces:
            if output_id in output_ids:
                facts.append(_("“{activity}” produces “{output}”.").format(activity=a.title,
                                                                          output=labels[node_id("output", output_id)]))
                edges.append((node_id("activity", a.id), node_id("output", output_id), {"tooltip": _tip(facts[-1])}))
        for ref in a.advances:
            target = outcome_target(ref)
            if target:
                facts.append(_("“{activity}” advances “{outcome}”.").format(activity=a.title, outcome=labels[target]))
                edges.append((node_id("activity", a.id), target, {"style": "dashed", "tooltip": _tip(facts[-1])}))
    for o in role.outputs:
        for ref in o.contributes_to:
            target = outcome_target(ref)
            if target:
                facts.append(_("“{output}” contributes to “{outcome}”.").format(output=o.title, outcome=labels[target]))
                edges.append((node_id("output", o.id), target, {"tooltip": _tip(facts[-1])}))
    for o in role.outcomes:
        for shared in o.shared_with:
            ref = handbook.role_ref(shared.role, entry.team)
            if handbook.role(ref):
                facts.append(_("“{outcome}” is shared with {role}.").format(outcome=o.title, role=labels[ext_role(ref)]))
                edges.append((node_id("outcome", o.id), ext_role(ref), {"style": "dotted", "dir": "none",
                                                                         "tooltip": _tip(facts[-1])}))
    for i, (a, b, attrs) in enumerate(edges):
        g.edge(a, b, id=f"{pre}-e{i}", **attrs)

    counts = _("{activities}, {outputs} and {outcomes}").format(
        activities=ngettext("{n} activity", "{n} activities", len(role.activities)).format(n=len(role.activities)),
        outputs=ngettext("{n} output", "{n} outputs", len(role.outputs)).format(n=len(role.outputs)),
        outcomes=ngettext("{n} outcome", "{n} outcomes", len(role.outcomes)).format(n=len(role.outcomes)))
    title = _("How the work of {role} connects").format(role=role.title)
    description = _("{title}: {counts}.").format(title=title, counts=counts)
    narrow = _role_stack(entry, edges, labels, external, href_to_role, pre)
    spoken = tuple((node_id("outcome", o.id), _("{outcome}: {state}").format(outcome=o.title, state=outcome_state(o)))
                   for o in role.outcomes)
    return Diagram(key, title, description, g.source, entry.ref, tuple(facts), narrow, spoken)


def _role_stack(entry: RoleEntry, edges, labels: dict[str, str], external: dict, href_to_role, pre: str) -> str:
    """The role's graph as a list for a narrow screen: each outcome, then what leads to it.

    Drawn from the diagram's own edges, so the list and the picture cannot disagree:
    under each outcome, the outputs that contribute to it (each with the activities that
    produce it) and the activities that advance it directly.
    """
    role = entry.role
    into: dict[str, list[str]] = {}
    for a, b, attrs in edges:
        if attrs.get("dir") != "none":
            into.setdefault(b, []).append(a)
    hrefs = {f"{pre}-{kind}-{item.id}": _href(f"#{kind}-{item.id}")
             for kind in ("activity", "output", "outcome") for item in role.items_of(kind)}
    kinds = {f"{pre}-{kind}-{item.id}": kind for kind in ("activity", "output", "outcome") for item in role.items_of(kind)}
    for key, name in external.items():
        if key[0] == "outcome":
            _kind, role_ref, item_id = key
            hrefs[name] = _href(href_to_role(role_ref, f"outcome-{item_id}"))
            kinds[name] = "outcome"

    def link(name: str) -> str:
        return fragment('<a href="{href}">{label}</a>', href=hrefs[name], label=labels[name])

    def sources(name: str) -> str:
        rows = []
        for source in into.get(name, []):
            made_by = [link(a) for a in into.get(source, []) if kinds.get(a) == "activity"]
            by = fragment(' <span class="rolebook-muted">{made}</span> {activities}', made=_("made by"),
                          activities=join(made_by, ", ")) if made_by else ""
            rows.append(fragment("<li>{kind} {link}{by}</li>", kind=value(kinds[source]), link=link(source), by=by))
        if not rows:
            return fragment('<p class="rolebook-muted">{none}</p>', none=_("Nothing leads to it yet."))
        return fragment("<ul>{rows}</ul>", rows=join(rows))

    cards = []
    by_due = sorted(role.outcomes, key=lambda o: (o.status != "open", due_end(o.due) or _dt.date.max))
    for o in by_due:
        name = f"{pre}-outcome-{o.id}"
        cards.append(fragment('<li class="rolebook-stack__outcome rolebook-stack__outcome--{status}">'
                              '<p>{link} <span class="rolebook-stack__state">{state}</span></p>{sources}</li>',
                              status=o.status, link=link(name), state=outcome_state(o), sources=sources(name)))
    for key, name in external.items():
        if key[0] == "outcome" and name in into:
            cards.append(fragment('<li class="rolebook-stack__outcome rolebook-stack__outcome--external"><p>{link}</p>{sources}</li>',
                                  link=link(name), sources=sources(name)))
    if not cards:
        return ""
    heading = fragment('<p class="rolebook-stack__title">{text}</p>', text=_("Each outcome, and what leads to it:"))
    return str(fragment('<div class="rolebook-diagram-stack">{heading}<ol>{cards}</ol></div>',
                        heading=heading, cards=join(cards)))


def _href(url: str) -> Markup:
    """A generated link target (built from slugs) for an href attribute."""
    return Markup(html.escape(url, quote=True))


def team_diagram(handbook: Handbook, team_id: str, href_to_role) -> Diagram:
    """The team's roles, who reports to whom, and which roles share outcomes."""
    team = handbook.teams[team_id]
    key = f"team-{team_id}"
    pre = _prefix(key)
    g = _digraph(key, rankdir="TB")
    names: dict[str, str] = {}
    spoken: dict[str, str] = {}
    facts: list[str] = []

    def node(entry: RoleEntry, outside: bool = False) -> str:
        if entry.ref not in names:
            name = f"{pre}-n{len(names)}"
            names[entry.ref] = name
            holders = ", ".join(holder_label(handbook, h) for h in entry.role.holders) or _("vacant")
            label = entry.role.title + ("" if outside else f"\n{holders}")
            if not outside:
                spoken[name] = _("{role}: {holders}").format(role=entry.role.title, holders=holders)
            g.node(name, label=_label(label, 26), id=name, href=href_to_role(entry.ref, None),
                   tooltip=_tip(entry.role.summary), style="dashed,rounded" if outside else "rounded",
                   **{"class": "rb-role" + (" rb-external" if outside else "")})
        return names[entry.ref]

    members = sorted(team.roles.values(), key=lambda e: e.id)
    for entry in members:
        node(entry)
    edges: list[tuple[str, str, dict]] = []
    for entry in members:
        manager = handbook.role(handbook.role_ref(entry.role.reports_to, entry.team)) if entry.role.reports_to else None
        if manager:
            facts.append(_("{manager} manages {role}.").format(manager=manager.role.title, role=entry.role.title))
            edges.append((node(manager, outside=manager.team != team_id), node(entry), {"tooltip": _tip(facts[-1])}))
    shared_pairs = set()
    for entry in members:
        for outcome in entry.role.outcomes:
            for shared in outcome.shared_with:
                other = handbook.role(handbook.role_ref(shared.role, entry.team))
                if other and other.team == team_id and (entry.ref, other.ref) not in shared_pairs:
                    shared_pairs.add((entry.ref, other.ref))
                    tip = _tip(_("shares the outcome “{outcome}”").format(outcome=outcome.title))
                    edges.append((node(entry), node(other), {"tooltip": tip, "style": "dotted",
                                                             "dir": "none", "constraint": "false"}))
                    facts.append(_("{role} shares an outcome with {other}.").format(role=entry.role.title, other=other.role.title))
    for i, (a, b, attrs) in enumerate(edges):
        g.edge(a, b, id=f"{pre}-e{i}", **attrs)
    description = ngettext("The {n} role of {team}: solid arrows go from a manager to the roles that report to "
                           "it, dotted lines join roles that share an outcome.",
                           "The {n} roles of {team}: solid arrows go from a manager to the roles that report to "
                           "it, dotted lines join roles that share an outcome.", len(members)).format(n=len(members), team=team.title)
    return Diagram(key, _("How {team} is organised").format(team=team.title), description, g.source, team_id, tuple(facts),
                   team_stack(handbook, team_id, href_to_role), names=tuple(spoken.items()))


def overview_diagram(handbook: Handbook, href_to_role, href_to_team) -> Diagram:
    """Reporting lines across the organisation, teams as clusters; teams only when large."""
    key = "overview"
    pre = _prefix(key)
    # Left to right: an organisation has few levels and many roles per level, so a
    # top-down chart grows too wide to read on a page; this one grows downwards.
    g = _digraph(key, rankdir="LR")
    facts: list[str] = []
    # Straight edges: Graphviz 2.43 routes splines around clusters slightly
    # differently from run to run, and the SVG must be byte-identical.
    g.attr(splines="line")
    roles = [e for e in handbook.roles() if e.role.status != "retired"]
    teams = handbook.teams_in_order()
    edges: list[tuple[str, str, dict]] = []
    spoken: dict[str, str] = {}
    with_roles = len(roles) <= MAX_ROLES_IN_OVERVIEW
    if with_roles:
        names = {e.ref: f"{pre}-n{i}" for i, e in enumerate(roles)}
        for t_index, team in enumerate(teams):
            # A cluster per team (named by its slug: Graphviz draws a subgraph `cluster_*` as a box).
            with g.subgraph(name=f"cluster_{team.id}") as c:
                c.attr(label=_label(team.title, 40), id=f"{pre}-c{t_index}", href=href_to_team(team.id),
                       tooltip=_tip(team.summary), style="rounded", fontname=FONT, fontsize="12")
                for e in sorted((r for r in roles if r.team == team.id), key=lambda r: r.id):
                    c.node(names[e.ref], label=_label(e.role.title, 24), id=names[e.ref], href=href_to_role(e.ref, None),
                           tooltip=_tip(e.role.summary), **{"class": "rb-role"})
        for e in roles:
            manager = handbook.role_ref(e.role.reports_to, e.team) if e.role.reports_to else None
            if manager in names:
                facts.append(_("{manager} manages {role}.").format(manager=handbook.role(manager).role.title,
                                                                    role=e.role.title))
                edges.append((names[manager], names[e.ref], {"tooltip": _tip(facts[-1])}))
        description = _("Who reports to whom across {teams} and {roles}; each team is a box.").format(
            teams=ngettext("{n} team", "{n} teams", len(teams)).format(n=len(teams)),
            roles=ngettext("{n} role", "{n} roles", len(roles)).format(n=len(roles)))
    else:
        # Teams only, top to bottom: a wide, shallow chart that fits a page, each team a link to
        # its own page and chart.
        g.attr(rankdir="TB")
        names = {t.id: f"{pre}-t{i}" for i, t in enumerate(teams)}
        for team in teams:
            count = sum(1 for r in roles if r.team == team.id)
            spoken[names[team.id]] = _("{team}: {roles}").format(
                team=team.title, roles=ngettext("{n} role", "{n} roles", count).format(n=count))
            g.node(names[team.id], label=_label(f"{team.title}\n" + ngettext("{n} role", "{n} roles", count).format(n=count), 24), id=names[team.id],
                   href=href_to_team(team.id), tooltip=_tip(team.summary), **{"class": "rb-role rb-team"})
        lines: dict[tuple[str, str], int] = {}
        for e in roles:
            manager = handbook.role(handbook.role_ref(e.role.reports_to, e.team)) if e.role.reports_to else None
            if manager and manager.team != e.team and manager.team in names:
                lines[(manager.team, e.team)] = lines.get((manager.team, e.team), 0) + 1
        for (a, b), n in sorted(lines.items()):
            lines_text = ngettext("{n} reporting line", "{n} reporting lines", n).format(n=n)
            edges.append((names[a], names[b], {"tooltip": lines_text, "label": str(n)}))
            facts.append(f"{handbook.teams[a].title} → {handbook.teams[b].title}: {lines_text}.")
        description = _("{roles} are too many for one picture, so this shows the {teams}; an "
                        "arrow counts the reporting lines from one team to another.").format(
            roles=ngettext("{n} role", "{n} roles", len(roles)).format(n=len(roles)),
            teams=ngettext("{n} team", "{n} teams", len(teams)).format(n=len(teams)))
    for i, (a, b, attrs) in enumerate(edges):
        g.edge(a, b, id=f"{pre}-e{i}", **attrs)
    narrow = org_stack(handbook, roles, href_to_role, href_to_team, with_roles)
    return Diagram(key, _("Who reports to whom"), description, g.source, "overview", tuple(facts), narrow,
                   names=tuple(spoken.items()))


# A legend is a key: each entry a small drawing made of the same shapes and classes as the
# diagram (so the site's CSS colours both alike) and what it means. Every shape and line
# style the diagram can draw has an entry.
_SWATCH = {
    "activity": '<g class="node rb-activity"><path d="M6,2H30Q34,2 34,6V12Q34,16 30,16H6Q2,16 2,12V6Q2,2 6,2Z"/></g>',
    "output": '<g class="node rb-output"><polygon points="2,2 28,2 34,8 34,16 2,16"/></g>',
    "outcome": '<g class="node rb-outcome"><ellipse cx="18" cy="9" rx="16" ry="7"/></g>',
    "role": '<g class="node rb-role"><path d="M6,2H30Q34,2 34,6V12Q34,16 30,16H6Q2,16 2,12V6Q2,2 6,2Z"/></g>',
    "external": '<g class="node rb-external rb-outcome"><ellipse cx="18" cy="9" rx="16" ry="7"/></g>',
    "external-role": '<g class="node rb-external rb-role"><path d="M6,2H30Q34,2 34,6V12Q34,16 30,16H6Q2,16 2,12V6Q2,2 6,2Z"/></g>',
    "problem": '<g class="node rb-outcome rb-problem"><ellipse cx="18" cy="9" rx="16" ry="7"/></g>',
    "solid": '<g class="edge"><path d="M2,9H27"/><polygon points="27,5 34,9 27,13"/></g>',
    "dashed": '<g class="edge"><path d="M2,9H27" stroke-dasharray="5,2"/><polygon points="27,5 34,9 27,13"/></g>',
    "dotted": '<g class="edge"><path d="M2,9H34" stroke-dasharray="1,5"/></g>',
}
ROLE_LEGEND = (
    ("activity", N_("activity")),
    ("output", N_("output")),
    ("outcome", N_("outcome, with its due date and status")),
    ("solid", N_("produces, or contributes to")),
    ("dashed", N_("advances")),
    ("dotted", N_("shared with another role")),
    ("external", N_("another role's outcome (shaded, dashed)")),
    ("external-role", N_("a role this one shares an outcome with")),
    ("problem", N_("leads nowhere yet, or nothing leads to it (red, dashed)")),
)
TEAM_LEGEND = (
    ("role", N_("role, with who holds it")),
    ("solid", N_("manages")),
    ("dotted", N_("share an outcome")),
    ("external-role", N_("a role in another team (shaded, dashed)")),
)


def legend_html(legend) -> str:
    """The key as a list: a drawing per entry (hidden from screen readers, which read the words)."""
    items = [fragment('<li><svg class="rolebook-key" viewBox="0 0 36 18" width="36" height="18" aria-hidden="true">'
                      '{swatch}</svg> {meaning}</li>', swatch=Markup(_SWATCH[shape]), meaning=_(meaning))
             for shape, meaning in legend]
    return str(fragment('<ul class="rolebook-legend-key">{items}</ul>', items=join(items)))


_SVG_OPEN = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_NODE_LINK = re.compile(r'<g id="a_([^"]*)"><a xlink:href="([^"]*)" xlink:title="([^"]*)">(.*?)</a>', re.S)
_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
# Graphviz prefixes the graph's id with its page (`page0,1_`): not a valid id in HTML or SVG.
_PAGE_PREFIX = re.compile(r'(\bid=")page\d+,\d+_')


def _name_node_links(svg: str, names: dict[str, str] | None = None) -> str:
    """Name each node link by its visible label; its tooltip stays as the description after it.

    Graphviz names a link only by `xlink:title` (the hover text), which never
    holds the words drawn in the box (WCAG 2.5.3, label in name). Where the
    drawn lines would run together, `names` (node id -> name) gives the same
    words with their punctuation.
    """
    import html as _html

    names = names or {}

    def named(match: re.Match) -> str:
        node, href, tip, body = match.groups()
        label = names.get(node) or " ".join(_html.unescape(t) for t in _TEXT.findall(body)).strip()
        if not label:
            return match.group(0)
        name = safe_text.plain(" ".join(label.split()))
        return f'<g id="a_{node}"><a xlink:href="{href}" xlink:title="{tip}" aria-label="{name}">{body}</a>'

    return _NODE_LINK.sub(named, svg)


def diagram_html(diagram: Diagram, svg: str, legend: tuple[tuple[str, str], ...] | None = None) -> str:
    """Inline SVG for a page, in a figure: accessible, palette-coloured by CSS, readable at any width.

    The figure is named by the diagram's title and described by its caption
    (what the picture shows and how to read it); the caption also carries the
    picture's facts as a list. The natural width (in CSS pixels) is kept as a
    custom property: the stylesheet shrinks a picture to fit, but never so far
    that its text is unreadable; past that it scrolls sideways, with a cue.
    """
    pre = _prefix(diagram.key)
    match = _SVG_OPEN.search(svg)
    width = float(match.group(1)) * 4 / 3 if match else 600.0
    svg = _name_node_links(_PAGE_PREFIX.sub(r"\1", svg), dict(diagram.names))
    svg = _SVG_OPEN.sub(
        f'<svg role="group" style="--rb-width: {width:.0f}px" class="rolebook-svg"',
        svg,
        count=1,
    )
    caption = safe_text.plain(diagram.description)
    key = legend_html(legend) if legend else ""
    facts = ""
    if diagram.facts:
        items = "".join(f"<li>{safe_text.plain(f)}</li>" for f in diagram.facts)
        summary = safe_text.plain(_("The diagram as text"))
        facts = (f'<details class="rolebook-diagram-text"><summary>{summary}</summary>'
                 f'<ul>{items}</ul></details>')
    # No blank lines: the block stays one raw HTML block in Markdown.
    body = re.sub(r"\n\s*\n", "\n", svg.strip())
    # Out of search: the drawing, its list and its key repeat the page. (On the figure, whose tag
    # nests nowhere inside it: Material's search parser matches an excluded element by tag alone.)
    return (f'<figure class="rolebook-figure" id="{pre}-figure" aria-label="{safe_text.plain(diagram.title)}" '
            f'aria-describedby="{pre}-desc" data-search-exclude>\n<div class="rolebook-diagram">\n{body}\n</div>\n'
            f'{diagram.narrow + chr(10) if diagram.narrow else ""}'
            f'<figcaption><p class="rolebook-legend" id="{pre}-desc">{caption}</p>{key}{facts}</figcaption>\n</figure>')
