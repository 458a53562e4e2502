"""One build of the handbook: load, check, draw, render, export.

The MkDocs plugin and `rolebook render` both call `build_handbook`; it knows
nothing about MkDocs. Side effects (reading files, running `dot`, asking git)
happen here, at the edge; everything it calls is a pure function of the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rolebook import i18n, resources
from rolebook.build.settings import Settings
from rolebook.build.timing import timing_for
from rolebook.checks import check
from rolebook.diagrams.dot import (
    MAX_ROLES_IN_TEAM_CHART,
    ROLE_LEGEND,
    TEAM_LEGEND,
    Diagram,
    diagram_html,
    overview_diagram,
    role_diagram,
    team_diagram,
)
from rolebook.diagrams.runner import render_many, start_many
from rolebook.history.delivery_record import NO_GIT, Record, delivery_record
from rolebook.history.delivery_record import to_json as delivery_json
from rolebook.history.releases import load_history
from rolebook.loading.gc_pause import collector_paused
from rolebook.loading.loader import load_handbook, release_documents
from rolebook.model.findings import Finding
from rolebook.model.handbook import Handbook
from rolebook.model.review_rhythm import outside_git_note, unjudged_roles
from rolebook.model.site_plan import OVERVIEW, Urls, onboarding_src, person_src, role_src, team_src
from rolebook.pages import diagram_slots
from rolebook.pages.renderer import Renderer, SiteData
from rolebook.reports.calendar_feeds import feed_files
from rolebook.reports.export import dumps, export
from rolebook.reports.health import health_report


@dataclass
class BuildResult:
    handbook: Handbook
    findings: list[Finding]
    pages: dict[str, str]  # src_uri -> Markdown
    sources: dict[str, Path]  # src_uri -> the YAML file it comes from (for edit links)
    roles_json: str
    unreadable: list[Path] = field(default_factory=list)
    diagram_svgs: dict[str, str] = field(default_factory=dict)  # file name -> SVG, for `render`
    diagram_html: dict[str, str] = field(default_factory=dict)  # src_uri -> the diagram HTML inlined in that page
    notes: list[str] = field(default_factory=list)  # things to say once per build (e.g. RB114 outside git)
    data_files: dict[str, str] = field(default_factory=dict)  # site-root data besides roles.json: delivery.json


def build_handbook(
    settings: Settings,
    *,
    messages: i18n.Messages | None = None,
    tags_in_meta: bool = False,
    memory_cache: dict[str, str] | None = None,
    log=None,
    incremental=None,
    sink=None,
) -> BuildResult:
    """One build with `settings` (folders, rules, date, `dot`, history, review rhythm, URL style).

    The rest is what one caller has and another has not:
    `messages`: the language (and label overrides) the pages are written in; by default the
    settings' `language` and `labels` (English when neither is set). A site generator passes its own
    when the language comes from elsewhere too (the theme's).
    `tags_in_meta`: role tags go to the pages' front matter (for Material's tags plugin).
    `memory_cache`: rendered diagrams kept in memory between builds of one process (a server).
    `incremental` (an incremental.IncrementalBuilder) keeps this build for the next one and
    makes that one draw and render only what changed; same result as without it (its
    settings must include the language and labels: its kept pages and templates are in one).
    `sink` (a callable taking a relative path and its text) takes each page and diagram as it is
    made, so that a one-off build holds one page at a time: pages carry `diagram_slots.SLOT` where
    their diagram goes, the diagram's HTML goes to the sink beside the page
    (`diagram_slots.fragment_name`), no SVG files are made, and the result's `pages` maps each
    src_uri to "". `dot` draws while the pages render."""
    if sink is not None and incremental is not None:
        raise ValueError("an incremental build keeps its pages: it takes no sink")
    if messages is None:
        messages = i18n.Messages(settings.language, settings.label_overrides) if (
            settings.language or settings.labels) else i18n.ENGLISH
    with i18n.use(messages.for_pages()):  # pages show dates for a reader, English ones too
        return _build(settings, tags_in_meta, memory_cache, log, incremental, sink)


def _build(settings: Settings, tags_in_meta, memory_cache, log, incremental, sink) -> BuildResult:
    handbooks_dir, templates_dir, rules = settings.handbooks_dir, settings.templates_dir, settings.rule_overrides
    dot, cache_dir = settings.dot, settings.cache_dir
    handbook = load_handbook(handbooks_dir)
    handbook.people_folder = settings.people_folder
    # Git is read once for the build: the same last-changed dates serve RB114 and the history.
    timing = timing_for(handbook, settings.today, settings.review_policy, use_git=settings.history,
                        codeowners_fallback=settings.codeowners_fallback)
    with collector_paused():
        findings = check(handbook, rules, timing=timing,
                         memo=incremental.role_findings if incremental is not None else None)
    if sink is not None:  # a one-off build: the documents' positions served the check
        release_documents(handbook)
    urls = Urls(settings.directory_urls)
    step = incremental.start(handbook, templates_dir) if incremental is not None else None
    drawing = None
    if sink is not None:  # pages get slots now; `dot` draws while they render
        drawing = start_diagrams(handbook, urls, dot=dot, cache_dir=cache_dir, memory=memory_cache, log=log)
        diagrams, svgs = drawing.slots(), {}
    else:
        diagrams, svgs = draw_diagrams(handbook, urls, dot=dot, cache_dir=cache_dir, memory=memory_cache, log=log,
                                       only=step.wanted if step else None)
    if step:
        diagrams, svgs = step.all_diagrams(diagrams, svgs)
    history = load_history(Path(handbooks_dir), last_changed=timing.changed) if timing.in_git else None
    # the delivery record reads git once more (one log, one cat-file), only where git is read at all
    record = delivery_record(Path(handbooks_dir)) if settings.history and timing.in_git else Record(False, NO_GIT)
    delivery = delivery_json(record, timing.today)
    data = SiteData(today=timing.today, diagrams=diagrams, history=history, timing=timing, delivery=delivery,
                    feeds=settings.calendar_feeds,
                    health=health_report(handbook, findings, timing), tags_in_meta=tags_in_meta,
                    show_emails=settings.show_emails)
    renderer = Renderer(handbook, urls=urls, templates_dir=templates_dir, data=data)
    if sink is not None:
        pages = {}
        for page in renderer.pages:
            sink(page.src_uri, renderer.render(page))
            pages[page.src_uri] = ""
        drawing.finish(sink)
        diagrams = {}
    else:
        pages = step.render(renderer) if step else renderer.render_all()
    sources: dict[str, Path] = {}
    for entry in handbook.roles():
        sources[role_src(entry.ref)] = entry.path
        sources[onboarding_src(entry.ref)] = entry.path
    for team_id, team in handbook.teams.items():
        if team.meta_path:
            sources[team_src(team_id)] = team.meta_path
    roles_json = step.roles_json(urls, settings.show_emails) if step else dumps(
        export(
            handbook,
            role_url=lambda ref: urls.url(role_src(ref)),
            onboarding_url=lambda ref: urls.url(onboarding_src(ref)),
            team_url=lambda team_id: urls.url(team_src(team_id)),
            person_url=lambda person_id: urls.url(person_src(handbook.people_folder, person_id)),
            emails=settings.show_emails,
        )
    )
    notes = [str(outside_git_note(Path(handbooks_dir).name + "/"))] if _judges_without_git(handbook, timing, rules) else []
    notes += timing.notes
    data_files = {"delivery.json": json.dumps(delivery, indent=2, ensure_ascii=False, sort_keys=True) + "\n"}
    data_files.update(feed_files(handbook, timing.today, sequences=record.sequences(), mode=settings.calendar_feeds,
                                 url=_outcome_url(settings.site_url, urls), people_folder=handbook.people_folder,
                                 name=settings.section_title))
    return BuildResult(handbook, findings, pages, sources, roles_json, list(handbook.unreadable), svgs, diagrams,
                       notes, data_files)


def _outcome_url(site_url: str | None, urls: Urls):
    """An outcome anchor's absolute URL for the feeds (None without `site_url`: a feed needs absolute links)."""
    if not site_url:
        return lambda ref, outcome_id: None
    base = site_url.rstrip("/") + "/"
    return lambda ref, outcome_id: f"{base}{urls.url(role_src(ref))}#outcome-{outcome_id}"


def _judges_without_git(handbook: Handbook, timing, rules) -> bool:
    """Whether RB114 is on, git gave no dates, and some active role has no `reviewed:` to go by."""
    from rolebook.model.findings import Severity, severity_table

    return (not timing.in_git and severity_table(rules)["RB114"] is not Severity.OFF
            and bool(unjudged_roles(handbook, timing)))


def draw_diagrams(handbook: Handbook, urls: Urls, *, dot: str = "dot", cache_dir=None, memory=None, stats=None,
                  log=None, only=None):
    """Every diagram of the build, rendered in one batched pass; with `only` (a set of
    src_uris), just those pages' diagrams: an incremental rebuild builds no other DOT.

    Returns (src_uri -> HTML to inline in that page, file name -> SVG for `render`).
    Raises DiagramError when `dot` is missing or a graph fails.
    """
    wanted = _wanted_diagrams(handbook, urls, only)
    svgs = render_many({d.key: d.dot for _, d, _ in wanted}, owners={d.key: d.owner for _, d, _ in wanted},
                       dot=dot, cache_dir=cache_dir, memory=memory, stats=stats, log=log)
    html = {src: diagram_html(d, svgs[d.key], legend) for src, d, legend in wanted}
    files = {src.rsplit("/", 1)[0] + "/diagram.svg": svgs[d.key] for src, d, _ in wanted}
    return html, files


class Drawing:
    """The build's diagrams while `dot` draws them: see `start_diagrams`."""

    def __init__(self, wanted, pending) -> None:
        self.wanted = wanted
        self.pending = pending

    def slots(self) -> dict[str, str]:
        """src_uri -> the slot its page carries where the diagram goes."""
        return {src: diagram_slots.SLOT for src, _d, _legend in self.wanted}

    def finish(self, sink) -> None:
        """Wait for `dot`; hand `sink` each page's diagram HTML (one at a time), named for its page.

        Raises DiagramError when `dot` is missing or a graph fails."""
        svgs = self.pending.result()
        for src, diagram, legend in self.wanted:
            sink(diagram_slots.fragment_name(src), diagram_html(diagram, svgs[diagram.key], legend))
        self.wanted = []


def start_diagrams(handbook: Handbook, urls: Urls, *, dot: str = "dot", cache_dir=None, memory=None, stats=None,
                   log=None) -> Drawing:
    """Build every diagram's DOT and start `dot` on those not in a cache; collect with `.finish(sink)`."""
    wanted = _wanted_diagrams(handbook, urls, None)
    pending = start_many({d.key: d.dot for _, d, _ in wanted}, owners={d.key: d.owner for _, d, _ in wanted},
                         dot=dot, cache_dir=cache_dir, memory=memory, stats=stats, log=log)
    return Drawing(wanted, pending)


def _wanted_diagrams(handbook: Handbook, urls: Urls, only) -> list[tuple[str, Diagram, tuple | None]]:
    """(page src_uri, its diagram, its legend) for every page that shows one (of `only`, when given)."""
    wanted: list[tuple[str, Diagram, tuple | None]] = []
    keep = (lambda src: True) if only is None else set(only).__contains__

    def linker(page_src: str):
        return lambda ref, anchor: urls.relative(page_src, role_src(ref), anchor)

    for entry in handbook.roles():
        src = role_src(entry.ref)
        if keep(src) and (entry.role.outcomes or entry.role.outputs or entry.role.activities):
            wanted.append((src, role_diagram(handbook, entry, linker(src)), ROLE_LEGEND))
    for team_id in sorted(handbook.teams):
        src = team_src(team_id)
        if keep(src) and len(handbook.teams[team_id].roles) <= MAX_ROLES_IN_TEAM_CHART:
            wanted.append((src, team_diagram(handbook, team_id, linker(src)), TEAM_LEGEND))
    if keep(OVERVIEW):
        wanted.append((OVERVIEW, overview_diagram(handbook, linker(OVERVIEW),
                                                  lambda team_id: urls.relative(OVERVIEW, team_src(team_id))), None))
    return wanted




def write_output(result: BuildResult, out_dir: Path) -> list[Path]:
    """Write what a site generator needs: pages, diagram SVGs, assets and roles.json."""
    from rolebook.pages.renderer import write_pages

    written = write_pages(result.pages, out_dir)
    for name, svg in sorted(result.diagram_svgs.items()):
        path = out_dir.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        written.append(path)
    assets = out_dir / "assets" / "rolebook"
    assets.mkdir(parents=True, exist_ok=True)
    for asset in sorted(resources.ASSETS.iterdir()):
        (assets / asset.name).write_bytes(asset.read_bytes())
        written.append(assets / asset.name)
    (out_dir / "roles.json").write_text(result.roles_json, encoding="utf-8")
    written.append(out_dir / "roles.json")
    for name, text in sorted(result.data_files.items()):
        path = out_dir.joinpath(*name.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
