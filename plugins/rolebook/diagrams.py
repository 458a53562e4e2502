"""Diagrams as DOT, built with the `graphviz` package from the model. Pure functions.

Role text reaches DOT only as `label` and `tooltip`, through `graphviz.escape`
(so backslashes and `<...>` lose their meaning) and the package's quoting.
Node names, ids, classes and hrefs are generated from slugs: no role text in
an attribute Graphviz acts on. Colours are not set here: the SVG carries
classes and the site's CSS colours it from the palette.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

import graphviz

from . import safe_text
from .handbook import Handbook, RoleEntry
from .model import CATEGORY_LABELS

FONT = "Helvetica"
# Past this many roles the organisation chart shows teams instead of roles.
MAX_ROLES_IN_OVERVIEW = 120


@dataclass(frozen=True)
class Diagram:
    key: str  # unique in the build; prefixes every SVG id
    title: str  # accessible name
    description: str  # text alternative: what the picture shows
    dot: str
    owner: str  # what a failure should name: a role ref, a team id, "overview"
    facts: tuple[str, ...] = ()  # what the arrows say, as sentences: the picture as text


def _label(text: str, width: int = 28) -> str:
    lines = textwrap.wrap(" ".join(text.split()), width=width, max_lines=3, placeholder="…") or [""]
    return graphviz.escape("\n".join(lines))


def _tip(text: str) -> str:
    return graphviz.escape(" ".join(text.split())[:300])


def _prefix(key: str) -> str:
    return "rb-" + re.sub(r"[^a-z0-9-]+", "-", key.lower())


def _digraph(key: str, rankdir: str = "LR") -> graphviz.Digraph:
    g = graphviz.Digraph(name=_prefix(key))
    g.attr(rankdir=rankdir, id=_prefix(key), bgcolor="transparent", fontname=FONT, nodesep="0.25", ranksep="0.5")
    g.attr("node", fontname=FONT, fontsize="11", shape="box", style="rounded", margin="0.12,0.06")
    g.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7")
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
            g.node(name, label=_label(label, 30), tooltip=_tip(f"Outcome of {target.role.title if target else role_ref}"),
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
            g.node(name, label=_label(target.role.title if target else role_ref), tooltip=_tip("Shares this outcome"),
                   href=href_to_role(role_ref, None), id=name, shape="box", style="dashed,rounded",
                   **{"class": "rb-external rb-role"})
            external[key_] = name
            labels[name] = target.role.title if target else role_ref
        return external[key_]

    # Shapes and classes are subgraph defaults; a node carries only what is its own.
    # (Each attribute goes through the package's quoting: this keeps a warm build cheap.)
    problem_style = {"rb-activity": "rounded,dashed", "rb-output": "dashed", "rb-outcome": "dashed"}

    def item_node(s, kind: str, css: str, item, tooltip: str, problem: bool, **extra) -> None:
        attrs = {"id": node_id(kind, item.id), "href": f"#{kind}-{item.id}", **extra}
        if problem:
            attrs["style"] = problem_style[css]
            attrs["class"] = f"{css} rb-problem"
        s.node(node_id(kind, item.id), label=_label(item.title), tooltip=_tip(tooltip), **attrs)
        labels[node_id(kind, item.id)] = item.title

    with g.subgraph(name=f"{pre}-activities") as s:
        s.attr(rank="same")
        s.attr("node", style="rounded", **{"class": "rb-activity"})
        for a in role.activities:
            share = f", {a.time_share:g}%" if a.time_share is not None else ""
            item_node(s, "activity", "rb-activity", a, f"Activity: {CATEGORY_LABELS[a.category]}, {a.cadence}{share}",
                      not a.produces and not a.advances)
    with g.subgraph(name=f"{pre}-outputs") as s:
        s.attr(rank="same")
        s.attr("node", shape="note", style="solid", **{"class": "rb-output"})
        for o in role.outputs:
            item_node(s, "output", "rb-output", o, f"Output ({o.kind}): {o.location or 'location not recorded'}",
                      not o.contributes_to)
    with g.subgraph(name=f"{pre}-outcomes") as s:
        s.attr(rank="same")
        s.attr("node", shape="ellipse", style="solid", **{"class": "rb-outcome"})
        for o in role.outcomes:
            due = f", due {o.due}" if o.due else ""
            extra = {"peripheries": "2", "class": "rb-outcome rb-status-done"} if o.status == "done" else {}
            item_node(s, "outcome", "rb-outcome", o, f"Outcome ({o.status}{due}): {o.done_when}",
                      o.status == "open" and (entry.ref, o.id) not in reached, **extra)

    outcome_ids = {o.id for o in role.outcomes}
    output_ids = {o.id for o in role.outputs}

    def outcome_target(ref: str) -> str | None:
        role_ref, item_id = handbook.item_ref(ref, entry)
        if role_ref == entry.ref:
            return node_id("outcome", item_id) if item_id in outcome_ids else None
        target, _ = handbook.resolve_item(ref, entry, "outcome")
        return ext_outcome(role_ref, item_id) if target else None

    for a in role.activities:
        for output_id in a.produces:
            if output_id in output_ids:
                edges.append((node_id("activity", a.id), node_id("output", output_id), {}))
                facts.append(f"“{a.title}” produces “{labels[edges[-1][1]]}”.")
        for ref in a.advances:
            target = outcome_target(ref)
            if target:
                edges.append((node_id("activity", a.id), target, {"style": "dashed"}))
                facts.append(f"“{a.title}” advances “{labels[target]}”.")
    for o in role.outputs:
        for ref in o.contributes_to:
            target = outcome_target(ref)
            if target:
                edges.append((node_id("output", o.id), target, {}))
                facts.append(f"“{o.title}” contributes to “{labels[target]}”.")
    for o in role.outcomes:
        for shared in o.shared_with:
            ref = handbook.role_ref(shared.role, entry.team)
            if handbook.role(ref):
                edges.append((node_id("outcome", o.id), ext_role(ref), {"style": "dotted", "dir": "none"}))
                facts.append(f"“{o.title}” is shared with {labels[edges[-1][1]]}.")
    for i, (a, b, attrs) in enumerate(edges):
        g.edge(a, b, id=f"{pre}-e{i}", **attrs)

    counts = f"{len(role.activities)} activities, {len(role.outputs)} outputs and {len(role.outcomes)} outcomes"
    description = (f"How the work of {role.title} connects: {counts}. "
                   "Arrows go from activities to the outputs they produce and the outcomes they advance, "
                   "and from outputs to the outcomes they contribute to; dashed shapes lead nowhere yet.")
    return Diagram(key, f"How the work of {role.title} connects", description, g.source, entry.ref, tuple(facts))


def team_diagram(handbook: Handbook, team_id: str, href_to_role) -> Diagram:
    """The team's roles, who reports to whom, and which roles share outcomes."""
    team = handbook.teams[team_id]
    key = f"team-{team_id}"
    pre = _prefix(key)
    g = _digraph(key, rankdir="TB")
    names: dict[str, str] = {}
    facts: list[str] = []

    def node(entry: RoleEntry, outside: bool = False) -> str:
        if entry.ref not in names:
            name = f"{pre}-n{len(names)}"
            names[entry.ref] = name
            holders = ", ".join(h.name for h in entry.role.holders) or "vacant"
            label = entry.role.title + ("" if outside else f"\n{holders}")
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
            edges.append((node(manager, outside=manager.team != team_id), node(entry), {"tooltip": "manages"}))
            facts.append(f"{manager.role.title} manages {entry.role.title}.")
    shared_pairs = set()
    for entry in members:
        for outcome in entry.role.outcomes:
            for shared in outcome.shared_with:
                other = handbook.role(handbook.role_ref(shared.role, entry.team))
                if other and other.team == team_id and (entry.ref, other.ref) not in shared_pairs:
                    shared_pairs.add((entry.ref, other.ref))
                    edges.append((node(entry), node(other), {"tooltip": f"shares outcome {outcome.id}", "style": "dotted",
                                                             "dir": "none", "constraint": "false"}))
                    facts.append(f"{entry.role.title} shares an outcome with {other.role.title}.")
    for i, (a, b, attrs) in enumerate(edges):
        g.edge(a, b, id=f"{pre}-e{i}", **attrs)
    description = (f"The {len(members)} roles of {team.title}: solid arrows go from a manager to the roles that report to "
                   "it, dotted lines join roles that share an outcome.")
    return Diagram(key, f"How {team.title} is organised", description, g.source, team_id, tuple(facts))


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
    if len(roles) <= MAX_ROLES_IN_OVERVIEW:
        names = {e.ref: f"{pre}-n{i}" for i, e in enumerate(roles)}
        for t_index, team in enumerate(teams):
            with g.subgraph(name=f"cluster_{t_index}") as c:
                c.attr(label=_label(team.title, 40), id=f"{pre}-c{t_index}", href=href_to_team(team.id),
                       tooltip=_tip(team.summary), style="rounded", fontname=FONT, fontsize="12")
                for e in sorted((r for r in roles if r.team == team.id), key=lambda r: r.id):
                    c.node(names[e.ref], label=_label(e.role.title, 24), id=names[e.ref], href=href_to_role(e.ref, None),
                           tooltip=_tip(e.role.summary), **{"class": "rb-role"})
        for e in roles:
            manager = handbook.role_ref(e.role.reports_to, e.team) if e.role.reports_to else None
            if manager in names:
                edges.append((names[manager], names[e.ref], {"tooltip": "manages"}))
                facts.append(f"{handbook.role(manager).role.title} manages {e.role.title}.")
        description = (f"Who reports to whom across {len(teams)} teams and {len(roles)} roles; each team is a box.")
    else:
        names = {t.id: f"{pre}-t{i}" for i, t in enumerate(teams)}
        for team in teams:
            count = sum(1 for r in roles if r.team == team.id)
            g.node(names[team.id], label=_label(f"{team.title}\n{count} roles", 24), id=names[team.id],
                   href=href_to_team(team.id), tooltip=_tip(team.summary), **{"class": "rb-role rb-team"})
        lines: dict[tuple[str, str], int] = {}
        for e in roles:
            manager = handbook.role(handbook.role_ref(e.role.reports_to, e.team)) if e.role.reports_to else None
            if manager and manager.team != e.team and manager.team in names:
                lines[(manager.team, e.team)] = lines.get((manager.team, e.team), 0) + 1
        for (a, b), n in sorted(lines.items()):
            edges.append((names[a], names[b], {"tooltip": f"{n} reporting line(s)", "label": str(n)}))
            facts.append(f"{handbook.teams[a].title} → {handbook.teams[b].title}: {n} reporting line(s).")
        description = (f"{len(roles)} roles are too many for one picture, so this shows the {len(teams)} teams; an "
                       "arrow counts the reporting lines from one team to another.")
    for i, (a, b, attrs) in enumerate(edges):
        g.edge(a, b, id=f"{pre}-e{i}", **attrs)
    return Diagram(key, "Who reports to whom", description, g.source, "overview", tuple(facts))


ROLE_LEGEND = (
    "Rounded boxes are activities, folded notes are outputs, ellipses are outcomes (a double ellipse is done). "
    "Dashed outlines with a shaded fill belong to other roles. A red dashed shape leads nowhere, or nothing leads to it: "
    "the checker says so too."
)
_SVG_OPEN = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
_NODE_LINK = re.compile(r'<a xlink:href="([^"]*)" xlink:title="([^"]*)">(.*?)</a>', re.S)
_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
# Graphviz prefixes the graph's id with its page (`page0,1_`): not a valid id in HTML or SVG.
_PAGE_PREFIX = re.compile(r'(\bid=")page\d+,\d+_')


def _name_node_links(svg: str) -> str:
    """Name each node link by its visible label; its tooltip stays as the description after it.

    Graphviz names a link only by `xlink:title` (the hover text), which never
    holds the words drawn in the box (WCAG 2.5.3, label in name).
    """
    import html as _html

    def named(match: re.Match) -> str:
        href, tip, body = match.groups()
        label = " ".join(_html.unescape(t) for t in _TEXT.findall(body)).strip()
        if not label:
            return match.group(0)
        name = safe_text.plain(label)
        return f'<a xlink:href="{href}" xlink:title="{tip}" aria-label="{name}">{body}</a>'

    return _NODE_LINK.sub(named, svg)


def diagram_html(diagram: Diagram, svg: str, legend: str | None = None) -> str:
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
    svg = _name_node_links(_PAGE_PREFIX.sub(r"\1", svg))
    svg = _SVG_OPEN.sub(
        f'<svg role="group" style="--rb-width: {width:.0f}px" class="rolebook-svg"',
        svg,
        count=1,
    )
    caption = safe_text.plain(diagram.description) + (" " + safe_text.plain(legend) if legend else "")
    facts = ""
    if diagram.facts:
        items = "".join(f"<li>{safe_text.plain(f)}</li>" for f in diagram.facts)
        facts = (f'<details class="rolebook-diagram-text"><summary>The diagram as text</summary>'
                 f'<ul>{items}</ul></details>')
    # No blank lines: the block stays one raw HTML block in Markdown.
    body = re.sub(r"\n\s*\n", "\n", svg.strip())
    return (f'<figure class="rolebook-figure" id="{pre}-figure" aria-label="{safe_text.plain(diagram.title)}" '
            f'aria-describedby="{pre}-desc">\n<div class="rolebook-diagram">\n{body}\n</div>\n'
            f'<figcaption><p class="rolebook-legend" id="{pre}-desc">{caption}</p>{facts}</figcaption>\n</figure>')
